"""Functions as values (issue 16): a module function, a lambda or a nested def held in a
variable, passed to a helper (unannotated or `Callable[...]`), called there: each call of a
function value is a direct call of the version of its function for the arguments, so the C++
compiler can inline it. Lambdas and nested defs capture the enclosing function's variables by
value, which is Python's semantics only where the variable never changes after: anything else is
a diagnostic. map() and filter() are lazy, as generator expressions; functools.reduce is its
loop; operator's functions and itemgetter/attrgetter are the expressions they stand for."""
import functools
import math
import operator
from collections.abc import Callable as AbcCallable
from dataclasses import dataclass
from functools import partial, reduce
from operator import add, attrgetter, itemgetter
from typing import Callable, Iterator

import pytest

from difftest import _reference, check, check_all, compile_error
from pyrite import accelerate


def integrate(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


def integrate_typed(f: Callable[[float], float], a: float, b: float, n: int) -> float:
    return integrate(f, a, b, n)


def square(x: float) -> float:
    return x * x


def apply_twice(f: AbcCallable[[int], int], x: int) -> int:
    return f(f(x))


def compose(f, g, x):
    return f(g(x))


def first_index(pred, xs):
    for i, x in enumerate(xs):
        if pred(x):
            return i
    raise ValueError("no item matches")


def checked_div(x):
    return 100 // x


@accelerate
def integrals(n: int, k: float) -> tuple[float, float, float, float]:
    cube = lambda x: x * x * x

    def scaled(x):
        return k * math.sin(x)

    return (integrate(square, 0.0, 1.0, n), integrate(cube, 0.0, 2.0, n), integrate(scaled, 0.0, math.pi, n),
            integrate_typed(lambda x: math.exp(-x * x), -1.0, 1.0, n))


@accelerate
def values(n: int, word: str) -> tuple[int, int, str, float, int]:
    add_n = lambda v: v + n
    g = add_n
    shout = lambda s: s.upper() + "!" * n
    twice = apply_twice
    return (apply_twice(add_n, 1), compose(g, abs, -n), compose(shout, str.strip, word),
            compose(math.sqrt, float, n * n), twice(lambda v: v * 3, n))


@accelerate
def nested_defs(xs: list[int], lo: int) -> tuple[list[int], int, list[int]]:
    def keep(x):
        return x >= lo

    def weight(x, scale=2):
        return x * scale

    picked = [weight(x) for x in xs if keep(x)]
    return picked, first_index(keep, xs), sorted(xs, key=lambda x: (abs(x - lo), x))


@accelerate
def raising(xs: list[int]) -> tuple[list[int], int]:
    out = []
    try:
        for x in xs:
            out.append(compose(checked_div, abs, x))
    except ZeroDivisionError:
        out.append(-1)
    return out, first_index(lambda v: v > 10, xs)


@accelerate
def lazy(xs: list[int], k: int) -> tuple[list[int], int, list[int], list[str], list[int], bool, list[float], list[int]]:
    add_k = lambda v: v + k
    out = []
    for y in map(add_k, xs):
        out.append(y)
    return (out, sum(map(abs, xs)), list(filter(lambda v: v % 2 == 0, xs)), list(map(str, xs)),
            [a for a in map(lambda a, b: a * b, xs, out)], any(map(lambda v: v > 3, xs)),
            list(filter(None, map(float, xs))), sorted(map(lambda v: -v, filter(lambda v: v != k, xs))))


@accelerate
def lazy_log(xs: list[int], log: list[str]) -> int:
    def noted(x):
        log.append(f"map {x}")
        return x * 2

    total = 0
    for y in map(noted, xs):
        log.append(f"body {y}")
        if y > 6:
            break
        total += y
    return total


@accelerate
def late_binding(n: int) -> tuple[int, int, list[int], list[int]]:
    k = 1
    f = lambda x: x + k
    a = f(n)
    k = 2
    b = f(n)  # Python's closures read k when they run: 2 now
    out = []
    for i in range(n):
        def scaled(x):
            return x * i + k
        out.append(apply_twice(scaled, 1))
    return a, b, out, [(lambda: j * 2)() for j in range(n)]


def test_closures_read_variables_that_change_when_they_run():
    check_all(late_binding, [0, 1, 4])


def test_integrate_with_a_function_a_lambda_and_a_closure():
    check_all(integrals, [1, 10, 1000], [0.5, -2.0])


def test_function_values_in_variables_and_helpers():
    check_all(values, [0, 3, -4], [" ab ", ""])


def test_nested_defs_with_defaults_and_captures():
    check_all(nested_defs, [[5, 1, 9, 3, 7], [1, 2], []], [0, 4, 100])


def test_exceptions_through_function_values():
    check_all(raising, [[1, 2, 50], [3, 0, 4], [20]])
    check(raising, [])  # first_index raises ValueError


def test_map_and_filter_are_lazy():
    check_all(lazy, [[1, 2, 3, 0, 5], [], [4, 4]], [0, 4])
    check_all(lazy_log, [[1, 2, 3, 4, 5], [9]], [[]])  # map's calls interleave with the loop's body


@accelerate
def nested_recursion(n: int, k: int) -> list[int]:
    # nested defs that call themselves: their name is a local of their own, made from their captures
    def fact(m: int) -> int:
        return 1 if m <= 1 else m * fact(m - 1)

    def walk(i, depth):  # unannotated, reads n and k
        if i >= n:
            return depth
        return walk(i + k, depth + 1)

    memo: dict[int, int] = {}

    def fib(m: int) -> int:
        if m in memo:
            return memo[m]
        r = m if m < 2 else fib(m - 1) + fib(m - 2)
        memo[m] = r
        return r

    def parity(m: int) -> bool:
        return True if m == 0 else not parity(m - 1)

    helper = fact
    return [fact(n), walk(0, 0), fib(n * 3), int(parity(n)), helper(3), len(memo)]


def test_nested_functions_that_call_themselves():
    check_all(nested_recursion, [0, 1, 5, 10, 2000], [1, 3])  # 2000: RecursionError, as in CPython


def for_each(f, xs):  # an unannotated helper calling the closure it is given
    for x in xs:
        f(x)


@accelerate
def longest_path(adj: list[list[int]], start: int, seen: list[bool]) -> tuple[int, list[int]]:
    # the DFS people write: a nested def that calls itself and rebinds the enclosing function's best
    best = 0
    best_path: list[int] = []
    path: list[int] = []

    def dfs(u, d):
        nonlocal best, best_path
        if d > best:
            best = d
            best_path = path[:]
        seen[u] = True
        for v in adj[u]:
            if not seen[v]:
                path.append(v)
                dfs(v, d + 1)
                path.pop()
        seen[u] = False

    path.append(start)
    dfs(start, 0)
    return best, best_path


@accelerate
def tallies(xs: list[int], limit: int) -> tuple[int, int, int, str, float | None, int]:
    count = 0
    total = 0
    log = ""
    first_big = None

    def add(x):
        nonlocal count, total, log
        count += 1
        total += x
        log += str(x % 10)
        if total > limit:
            raise ValueError(f"over the limit at {x}")

    def seen_so_far():  # reads what add rebinds, as it is when it runs
        return count

    def note_big(x):
        nonlocal first_big
        if first_big is None and x > 5:
            first_big = x * 1.5

    snapshot = 0
    for_each(note_big, xs)
    try:
        for x in xs:
            add(x)
            if x == 3:
                snapshot = seen_so_far()
    except ValueError:
        total = -total  # the enclosing function rebinds it too
    double = lambda: total * 2
    return count, total, snapshot, log, first_big, double()


@accelerate
def through_a_middle(n: int) -> tuple[int, int]:
    acc = 0
    calls = 0

    def outer(k):  # passes acc on to inner, which rebinds it
        nonlocal calls
        calls += 1

        def inner(j):
            nonlocal acc
            acc += j * k

        for j in range(k):
            inner(j)

    for k in range(n):
        outer(k)
    return acc, calls


@accelerate
def evaluate(expr: str) -> tuple[float, int]:
    # a recursive-descent parser: nested defs that call each other and rebind the position
    tokens = expr.replace("(", " ( ").replace(")", " ) ").split()
    pos = 0
    calls = 0

    def parse_expr():
        nonlocal pos, calls
        calls += 1
        value = parse_term()
        while pos < len(tokens) and tokens[pos] in "+-":
            op = tokens[pos]
            pos += 1
            rhs = parse_term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def parse_term():
        nonlocal pos
        value = parse_atom()
        while pos < len(tokens) and tokens[pos] in "*/":
            op = tokens[pos]
            pos += 1
            rhs = parse_atom()
            value = value * rhs if op == "*" else value / rhs
        return value

    def parse_atom():
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError("unexpected end of input")
        tok = tokens[pos]
        pos += 1
        if tok == "(":
            v = parse_expr()
            pos += 1
            return v
        return float(tok)

    result = parse_expr()
    if pos != len(tokens):
        raise ValueError(f"unexpected token {tokens[pos]!r} after {calls} calls")
    return result, calls


@accelerate
def even_odd(n: int, k: int) -> list[bool]:
    # mutual recursion that reads a variable of the enclosing function (k), without nonlocal
    def is_even(m):
        return True if m == 0 else is_odd(m - 1) if m % k != 99 else False

    def is_odd(m):
        return False if m == 0 else is_even(m - 1)

    return [is_even(i) for i in range(n)] + [is_odd(n)]


@dataclass
class Item:
    name: str
    price: float
    qty: int


class Store:
    def __init__(self, items: list[Item]):
        self.items = items

    def total(self, *names: str) -> float:  # a method's *args, a nested def rebinding its local
        spent = 0.0

        def add(it):
            nonlocal spent
            spent += it.price * it.qty

        for it in self.items:
            if not names or it.name in names:
                add(it)
        if spent > 1000.0:
            raise ValueError(f"too much: {spent}")
        return spent


def priced(items, f) -> Iterator[float]:
    for it in items:
        yield f(it.price)


@accelerate
def store_report(items: list[Item], discount: bool) -> tuple[float, float, list[float], list[str], float]:
    s = Store(items)
    f = (lambda p: p * 0.9) if discount else (lambda p: p)  # one of two, given to a generator
    prices = list(priced(items, f))
    names = [it.name for it in sorted(items, key=lambda it: (it.price, it.name))]
    try:
        over = s.total("a", "a")
    except ValueError:
        over = -1.0
    return s.total(), s.total("a", "c"), prices, names, over


def test_function_values_in_combination():
    # classes, a method's *args, nonlocal, one of several functions given to a generator, raising
    items = [Item("a", 2.0, 3), Item("b", 1.0, 1), Item("c", 5.0, 2)]
    check_all(store_report, [items, [], [Item("a", 600.0, 2)]], [True, False])


def test_nested_defs_that_call_each_other():
    check_all(evaluate, ["1 + 2 * (3 - 1) / 4", "(2 + 3) * 4", "1 + 2 )", "1 / 0", "((7))", "2 *", "x"])
    check_all(even_odd, [0, 5, 30], [1, 100])


def test_nonlocal_rebinds_the_enclosing_functions_variable():
    adj = [[1, 2], [3], [3, 4], [4], [], [0]]
    check_all(longest_path, [adj, [[]], [[1], [0]]], [0], [[False] * 6])
    check(longest_path, adj, 5, [False] * 6)
    check_all(tallies, [[1, 2, 3, 9, 4], [], [3], [7, 7, 7]], [100, 10, 0])
    check_all(through_a_middle, [0, 1, 5, 30])


def times_ten(v):
    return v * 10


@accelerate
def rpn(tokens: list[str]) -> list[float]:
    # a dict of lambdas, one per operator: a value that may hold one of several functions
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b,
           "max": max, "hyp": math.hypot}
    stack: list[float] = []
    for t in tokens:
        if t in ops:
            b = stack.pop()
            a = stack.pop()
            stack.append(ops[t](a, b))
        else:
            stack.append(float(t))
    return stack


@accelerate
def commands(cmds: list[tuple[str, int]], log: list[str]) -> int:
    # a dispatch table of nested defs that rebind the enclosing function's variable, and one that raises
    acc = 0

    def add(v):
        nonlocal acc
        acc += v

    def mul(v):
        nonlocal acc
        acc *= v

    def fail(v):
        raise ValueError(f"bad command value {v}")

    def note(v):
        log.append(f"{acc}:{v}")

    table = {"add": add, "mul": mul, "fail": fail, "note": note}
    for name, v in cmds:
        table[name](v)
    return acc


@accelerate
def chosen(n: int, xs: list[float]) -> tuple[int, list[float], float, list[int], list[int], float]:
    k = 3
    h = (lambda v: v * k) if n > 0 else (lambda v: -v)   # one of two lambdas
    scale = float(n)
    shift = 1.0
    fs = [lambda v: v * scale, lambda v: v + shift, math.sqrt, times_ten, abs]
    out = [f(x) for x in xs for f in fs]
    area = integrate(fs[0] if n > 1 else fs[1], 0.0, 1.0, 50)  # given to a helper: called there
    late = [lambda v: v + i for i in range(n)]  # each reads i as it is when it runs (Python's late binding)
    step = lambda v: v + 1
    seq = []
    for i in range(n):  # the variable's type grows across the loop: calls made before see both
        seq.append(step(i))
        step = times_ten if i % 2 == 0 else (lambda v: v - 1)
    return h(n), out, area, [f(10) for f in late], seq, (fs[1] if n else fs[0])(2.0)


def test_one_of_several_functions():
    check_all(rpn, ["3 4 + 2 * 7 /".split(), "1 2 - 5 max 3 4 hyp *".split(), "1 0 /".split(), ["2"], "+".split()])
    check_all(commands, [[("add", 2), ("mul", 5), ("note", 0), ("add", -1)], [("add", 2), ("fail", 5), ("add", 1)],
                         [("nope", 1)], []], [[]])
    check_all(chosen, [0, 1, 2, 5], [[1.0, 4.0], []])


@pytest.mark.parametrize("body,message", [
    ("    def fact(k):\n        return 1 if k <= 1 else k * fact(k - 1)\n    g = fact\n    def fact(k):\n        return k\n"
     "    return g(n)\n",
     "the nested function 'fact' calls itself through a name the enclosing function binds again"),
    ("    x = 5\n    return x(n)\n", "'int' object is not callable"),
    ("    g = ValueError\n    return 0\n", "builtin 'ValueError' can only be called"),
    ("    f = lambda v: v\n    print(f)\n    return n\n", "print() of a function shows its memory address"),
    ("    f = (lambda v: v) if n else (lambda v: str(v))\n    return f(n)\n",
     "this call may call '<lambda>', which returns 'int', or '<lambda>', which returns 'str': pyrite gives a call one type"),
    ("    def g(v):\n        global n\n        n = v\n    g(1)\n    return n\n",
     "'global' in a nested function is not supported"),
    ("    best = 0\n    def g(v):\n        nonlocal best\n        best = str(v)\n    g(n)\n    return int(best)\n",
     "'best' is assigned a value of type 'str' here but 'int' at line"),
    ("    count = 0\n    def gen():\n        nonlocal count\n        count += 1\n        yield count\n"
     "    return sum(gen())\n",
     "'nonlocal' in a generator function is not supported"),
    ("    count = n\n    def mid():\n        nonlocal count\n        def inner():\n            nonlocal count\n"
     "            count += 1\n            return count\n        return inner\n    return mid()()\n",
     "'mid' returns a function: 'inner' reads 'count' of the function that made it as they change, as Python does, "
     "and outlives that function, which pyrite takes only where that function binds them itself"),
])
def test_function_values_that_do_not_compile(tmp_path, body, message):
    text = compile_error(tmp_path, "fv_bad", "from pyrite import accelerate\n@accelerate\ndef f(n: int) -> int:\n" + body, 1)
    assert message in text
    assert text.count(": error:") == 1


# Closures that outlive the function that made them and rebind its variables (nonlocal): the
# variable lives in a heap cell the closure holds (Var::cell), as CPython's cells are
def make_tally(start: int, step: int = 1):
    count = start
    def inc() -> int:
        nonlocal count
        count += step
        return count
    return inc


def make_accumulator(total: float):  # a parameter rebound: its value moves into the cell
    def add(x: float) -> float:
        nonlocal total
        total += x
        return x / (total - 10.0)  # ZeroDivisionError where the total reaches 10
    return add


@accelerate
def tally_runs(n: int, start: float) -> list[int]:
    a = make_tally(0)
    b = make_tally(100, -3)  # a cell of its own
    out = []
    for i in range(n):
        out.append(a() if i % 3 else b())
    acc = make_accumulator(start)
    for i in range(n):
        out.append(int(acc(i * 0.5) * 100))
    return out


def make_stack():
    items: list[int] = []
    size = 0
    def push(x: int) -> None:
        nonlocal size
        items.append(x)
        size += 1
    def pop() -> int:
        nonlocal size
        size -= 1
        return items.pop()
    def count() -> int:  # reads the cell the other two rebind
        return size
    return push, pop, count


@accelerate
def stack_ops(ops: list[int]) -> tuple[int, list[int]]:
    push, pop, count = make_stack()
    popped = []
    for op in ops:
        if op >= 0:
            push(op)
        else:
            popped.append(pop())
    return count(), popped


def make_scalers(n: int):
    handlers = []
    for k in range(n):
        handlers.append(lambda x: x * k)  # each reads k when it runs: the last k, in the one cell
    return handlers


@accelerate
def late_scalers(n: int) -> list[int]:
    return [h(10) for h in make_scalers(n)]


def make_ops():
    acc = 0
    def add(v: int) -> int:
        nonlocal acc
        acc += v
        return acc
    def mul(v: int) -> int:
        nonlocal acc
        acc *= v
        return acc
    return {"add": add, "mul": mul}  # two functions sharing a cell, in a dict


@accelerate
def run_ops(prog: list[tuple[str, int]]) -> list[int]:
    ops = make_ops()
    return [ops[name](v) for name, v in prog]


def make_limit(limit: int):
    used = 0
    def take(k: int) -> int:
        nonlocal used
        if used + k > limit:
            raise ValueError(f"over the limit: {used} + {k} > {limit}")
        used += k
        return limit - used
    return take


def budgets(limits, requests):
    takers = {name: make_limit(lim) for name, lim in limits.items()}
    for name, k in requests:
        yield name, takers[name](k)


@accelerate
def run_budgets(limits: dict[str, int], requests: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return list(budgets(limits, requests))  # closures in a dict in a generator that raises


def run_table(table, n):
    table["add"](n)


def shifted_by(c):
    c += 1
    return lambda x: x + c


def passed_back(g):
    return g


@accelerate
def once_refused(n: int) -> tuple[int, int, int]:
    # what pyrite refused before cells: a table of closures given to a helper, a maker's rebound
    # parameter, a closure a helper returns as it was given
    acc = 0
    def add(v):
        nonlocal acc
        acc += v
    run_table({"add": add}, n)
    k = 1
    k += n
    f = (lambda v: v + k) if n else abs
    return acc, shifted_by(n)(1), passed_back(f)(1)


def test_closures_that_outlive_their_maker():
    check_all(tally_runs, [0, 5, 20], [1.5, 7.0])
    check_all(stack_ops, [[1, 2, 3, -1, 4, -1, -1], [1, -1, -1], []])
    check_all(late_scalers, [0, 1, 4])
    check_all(run_ops, [[("add", 3), ("mul", 4), ("add", -2)], [("mul", 0)], [("sub", 1)]])
    check_all(run_budgets, [{"a": 10, "b": 3}], [[("a", 4), ("b", 3), ("a", 6)], [("a", 4), ("b", 2), ("b", 2)],
                                                 [("c", 1)]])
    check_all(once_refused, [0, 3, -2])


# nested defs in a generator function: inlined into the loop over it (their names the loop's
# function's variables) or in a generator object's frame, whose cells its closures may take along
def bumper(n):
    k = n
    def bump():
        nonlocal k
        k += 1
        return k
    yield bump
    yield bump


def squares_of(xs):
    def sq(x):
        return x * x
    for x in xs:
        yield sq(x)


def labelled(words):
    count = 0
    def label(w):
        nonlocal count
        count += 1
        return f"{count}. {w}"
    for w in words:
        if w:
            yield label(w)
    yield f"({count} items)"


@accelerate
def generators_with_defs(n: int, words: list[str]) -> tuple[int, int, list[str], str, list[str], int]:
    inlined = sum(f() for f in bumper(n))
    t = 0
    for v in squares_of(range(n)):
        t += v
    lines = [line for line in labelled(words)]
    it = labelled(words)  # a generator object
    first = next(it)
    made = bumper(n)
    f = next(made)
    return inlined, t, lines, first, list(it), f() + next(made)()


def test_nested_defs_in_generators():
    check_all(generators_with_defs, [0, 5], [["a", "", "b"], []])


@accelerate
def made_and_returned(n: int):
    t = make_tally(n, 2)
    t()  # compiled calls first: Python's function starts from the value they left
    return t


def test_a_closure_with_cells_returned_to_python():
    for fn in (made_and_returned, made_and_returned.py_func):
        a, b = fn(10), fn(0)
        assert [a(), a(), b(), a()] == [14, 16, 4, 18]


@accelerate
def make_adder(n: int):
    return lambda x: x + n


@accelerate
def make_counter_fn(n: int) -> Callable[[int], int]:
    def add(x: int) -> int:
        # the comment and this def's lines are the file's: a traceback points at them
        return x + n

    return add


@accelerate
def use_made(n: int) -> int:
    f = make_counter_fn(n)  # compiled code calling it keeps the function compiled
    return f(2) + make_adder(n)(1)


@accelerate
def make_scaler(k: float, offset: float, names: list[str]):
    def scale(v, bias=0.0):
        """k * v + offset + bias"""
        return v * k + offset + bias + len(names)

    return scale


@accelerate
def make_op(name: str):
    ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "pow": pow}
    return ops[name]  # one of three functions: the one it holds crosses


@accelerate
def make_fact(base: int):
    def fact(m):  # calls itself: Python's closure holds itself, as the enclosing function's would
        return base if m <= 1 else m * fact(m - 1)

    return fact


@accelerate
def make_pipeline(suffix: str):
    steps = [lambda s: s.strip(), lambda s: s.upper(), lambda s: s + suffix]
    out = []
    for w in ["  a ", "b"]:
        for step in steps:
            w = step(w)
        out.append(w)
    return out, steps  # compiled code calls them, then gives them to Python


@accelerate
def make_raiser(limit: int):
    def check(v):
        if v > limit:
            raise ValueError(f"{v} is over {limit}")
        return v

    return check


def test_closures_returned_to_python():
    # what crosses is the Python function the enclosing function would have returned: its source,
    # closing over the captured values
    ref = _reference
    assert make_adder(3)(4) == ref(make_adder)(3)(4) == 7
    assert make_adder(3)(0.5) == 3.5  # Python calls it with whatever Python gives
    assert make_counter_fn(3)(4) == 7 and make_counter_fn(3).__annotations__ == {"x": int, "return": int}
    check(use_made, 5)
    scale, ref_scale = make_scaler(2.0, 0.5, ["a", "b"]), ref(make_scaler)(2.0, 0.5, ["a", "b"])
    assert scale(3.0) == ref_scale(3.0) == 8.5 and scale(1.0, bias=1.0) == ref_scale(1.0, bias=1.0)
    assert scale.__name__ == "scale" and scale.__doc__ == "k * v + offset + bias"
    assert scale.__qualname__.endswith("scale") and callable(scale)
    for name in ["add", "sub", "pow"]:
        assert make_op(name)(2, 5) == ref(make_op)(name)(2, 5)
    assert make_op("pow") is pow  # a builtin as a value crosses as a lambda calling it
    assert make_fact(1)(10) == ref(make_fact)(1)(10) == 3628800
    out, steps = make_pipeline("!")
    ref_out, ref_steps = ref(make_pipeline)("!")
    assert out == ref_out == ["A!", "B!"]
    assert [s(" q ") for s in steps] == [s(" q ") for s in ref_steps]
    raiser = make_raiser(5)
    assert raiser(5) == 5
    with pytest.raises(ValueError, match="6 is over 5") as info:
        raiser(6)
    # the traceback points at the nested def's own line in this file
    last = info.traceback[-1]
    assert last.path.name == "test_function_values.py" and "raise ValueError" in str(last.statement)


@pytest.mark.parametrize("source,message", [
    ("from functools import partial\ndef g(a, b):\n    return a - b\n"
     "@accelerate\ndef f(n: int):\n    return partial(g, n)\n",
     "'f' returns a function (function <lambda>) to Python: pyrite has no Python source for it"),
    ("from typing import Callable\n@accelerate\ndef f(n: int) -> Callable[[int], int]:\n    return n\n",
     "'f' is annotated to return a Callable, but returns 'int'"),
    ("@accelerate\ndef f(n: int):\n    k = n\n    def inc():\n        nonlocal k\n        k += 1\n        return k\n"
     "    return inc, (lambda: k)\n",
     "'f' returns a function: 'inc' reads 'k' of the function that made it as they change"),
])
def test_functions_that_cannot_cross_to_python(tmp_path, source, message):
    text = compile_error(tmp_path, "fv_ret", "from pyrite import accelerate\n" + source, 1)
    assert message in text
    assert text.count(": error:") == 1


@accelerate
def make_counter(start: int, step: int):
    count = start
    def inc():
        nonlocal count
        count += step
        return count
    inc()  # compiled calls first: Python's function starts from the value they left
    return inc


@accelerate
def make_averager():
    total = 0.0
    seen = []  # its items what add() appends: add is typed as a version though only Python calls it
    def add(x: float) -> float:
        nonlocal total
        total += x
        seen.append(x)
        return total / len(seen)
    return add


@accelerate
def make_shifted(n: int):
    k = n
    k += 1  # rebound before the lambda is made: it reads k as the function leaves it
    return lambda x: x + k


def test_a_closure_over_rebound_variables_returned_to_python():
    # Python gets the function made with the values it reads as they are when the maker returns, in
    # cells of its own, as CPython's closure has them: each one returned counts on its own
    for fn in (make_counter, make_counter.py_func):
        a, b = fn(10, 2), fn(0, -1)
        assert [a(), a(), b(), a(), b()] == [14, 16, -2, 18, -3]
    compiled, python = make_averager(), make_averager.py_func()
    assert [compiled(x) for x in (1.0, 2.0, 6.0)] == [python(x) for x in (1.0, 2.0, 6.0)] == [1.0, 1.5, 3.0]
    assert make_shifted(3)(10) == make_shifted.py_func(3)(10) == 14


@accelerate
def given(f: Callable[[float], float], a: float, b: float, n: int) -> float:
    return integrate(f, a, b, n)  # a Python callable passed on to a helper


@accelerate
def scored(words: list[str], score: "Callable[[str, int], int]") -> list[int]:
    return [score(w, i) for i, w in enumerate(words)]


class TooBig(ValueError):
    pass


def py_square(x):
    return x * x


def capped(x):
    if x > 0.5:
        raise TooBig(f"{x} is too big")
    return x


def test_python_callables_are_called_through_the_c_api():
    for f in (py_square, lambda x: abs(x) ** 0.5, math.sin, accelerate(square), capped):
        check_all(given, [f], [0.0, -1.5], [0.25, 2.0], [1, 7])
    check(scored, ["ab", "", "xyz"], lambda w, i: len(w) * 10 + i)


def test_a_python_callables_result_is_checked_against_its_annotation():
    with pytest.raises(TypeError, match=r"given\(\) argument 'f' returned int, not float as its annotation says"):
        given(lambda x: 1, 0.0, 1.0, 4)
    with pytest.raises(TypeError, match=r"scored\(\) argument 'score' returned str, not int as its annotation says"):
        scored(["ab"], lambda w, i: w)
    with pytest.raises(TypeError, match=r"given\(\) argument 'f' must be callable, not int"):
        given(5, 0.0, 1.0, 4)


def test_what_a_python_callable_raises_leaves_as_itself():
    import traceback
    with pytest.raises(TooBig) as e:
        given(capped, 0.0, 1.0, 4)
    frames = [f.name for f in traceback.extract_tb(e.value.__traceback__)]
    assert frames[-3:] == ["given", "integrate", "capped"], frames


@pytest.mark.parametrize("source,message", [
    ("def f(g: Callable[[int], int]) -> int:\n    return g(1, 2)\n",
     "this callable is annotated 'Callable[[int], int]': it takes 1 argument, not 2"),
    ("def f(g: Callable[[int], int]) -> int:\n    return g('a')\n",
     "this callable is annotated 'Callable[[int], int]': argument 1 must be 'int', not 'str'"),
    ("def f(g: Callable[[list[int]], int]) -> int:\n    return g([1])\n",
     "a Python callable's arguments cross as int, float, bool, complex, str or None here, not 'list[int]'"),
    ("def f(g: Callable[..., int]) -> int:\n    return g(1)\n",
     "write the types of the callable's arguments and result: Callable[[float], float]"),
])
def test_python_callables_that_do_not_compile(tmp_path, source, message):
    text = compile_error(tmp_path, "fv_py", "from typing import Callable\nfrom pyrite import accelerate\n@accelerate\n" +
                         source, abs)
    assert message in text
    assert text.count(": error:") == 1


@dataclass
class Person:
    name: str
    age: int


@accelerate
def functional(xs: list[int], pairs: list[tuple[str, int]], people: list[Person]) -> tuple[int, int, int, list[tuple[str, int]], list[str], int, bool, int]:
    by_age = sorted(people, key=attrgetter("age"))
    second = itemgetter(1)
    return (reduce(lambda a, b: a * b, xs, 1), functools.reduce(max, xs), reduce(operator.add, xs),
            sorted(pairs, key=itemgetter(1, 0)), [p.name for p in by_age], sum(map(second, pairs)),
            operator.lt(len(xs), 3), reduce(add, [operator.neg(x) for x in xs], 0))


def test_functools_and_operator():
    people = [Person("x", 30), Person("y", 20), Person("z", 30)]
    check(functional, [3, 1, 4, 1, 5], [("b", 2), ("a", 2), ("c", 1)], people)
    check(functional, [7], [], [])
    check(functional, [], [], [])  # reduce() of empty iterable with no initial value


# ---- functools.partial of a module function: a lambda over its other parameters, what partial()
# was given evaluated once where it is made
def power(base: float, exp: int) -> float:
    return base ** exp


def affine(x, factor=2.0, *, offset=0.0):
    return x * factor + offset


def apply_twice(g, x):
    return g(g(x))


@accelerate
def partials(xs: list[float], k: int) -> list[float]:
    square = partial(power, exp=2)
    two_to = functools.partial(power, 2.0)
    scaled = partial(affine, factor=float(k))
    k += 10  # the partial keeps what it was given
    shifted = partial(affine, offset=0.5)
    out = [square(x) + two_to(3) for x in xs]
    out += list(map(scaled, xs))
    out.append(shifted(1.0) + shifted(1.0, 3.0) + scaled(1.0, offset=k))
    out.append(apply_twice(square, 3.0))
    descending = partial(affine, factor=-1.0)
    out.sort(key=descending)
    return out


def digits(a: int, b: int, c: int = 5) -> int:
    return a * 100 + b * 10 + c


@accelerate
def partial_keywords(n: int) -> list[int]:
    # a positional parameter given by keyword: those after it become keyword-only, as in
    # inspect.signature(partial(digits, a=n))
    p = partial(digits, a=n)
    q = partial(digits, 1, c=n)
    return [p(b=2), p(b=3, c=4), q(7)]


# of a builtin: as many parameters as the builtin as a value takes past those bound
@accelerate
def builtin_partials(xs: list[int], bits: str) -> tuple[int, int, list[int], list[float], int, float, list[int], int]:
    two_to = functools.partial(pow, 2)
    from_binary = partial(int, base=2)
    cube_of = partial(math.pow, 3.0)
    triple = partial(operator.mul, 3)
    tenths = partial(round, ndigits=1)
    at_least = partial(max, 10)
    minus = partial(add, -100)  # from operator import add
    return (two_to(5), from_binary(bits), list(map(two_to, xs)), [cube_of(float(x)) for x in xs], triple(7),
            tenths(2.345 + minus(100)), sorted(xs, key=partial(operator.sub, 100)), at_least(3))


def test_functools_partial():
    check_all(partials, [[], [1.5, -2.0]], [0, 3])
    check_all(partial_keywords, [0, 2])
    check_all(builtin_partials, [[], [1, 3, 2], [70]], ["101", "", "12"])  # int("12", base=2): ValueError


@accelerate
def defaults_taken_when_made(n: int) -> list[int]:
    late = [lambda x: x + k for k in range(3)]  # reads k when it runs: 2 each time
    early = [lambda x, k=k: x + k for k in range(3)]  # k's value when each lambda was made
    fs = []
    for i in range(3):
        def g(x, i=i, *, scale=2):
            return x * scale + i
        fs.append(g)
    m = 10
    h = lambda y, m=m: y - m
    m = 20
    return [a(n) for a in late] + [b(n) for b in early] + [g(n) for g in fs] + [h(n), m]


@accelerate
def defaults_of_expressions(xs: list[int], n: int) -> list[float]:
    scale = lambda v, total=sum(xs), r=math.sqrt(n): v / total * r
    out = []
    for i, x in enumerate(xs):
        def shifted(y, off=i * 2, base=x):
            return y + off + base
        out.append(scale(shifted(x)))
    return out


def base_offset():
    return 10


@accelerate
def defaults_of_displays_and_calls(n: int) -> list[int]:
    fs = [lambda x, acc=[k, k]: x + sum(acc) for k in range(3)]  # a list display, made with each lambda
    g = lambda y, b=base_offset(): y + b  # a call, made once, where g is made
    return [h(n) for h in fs] + [g(n)]


@accelerate
def adders_for_python(n: int):
    return [lambda x, k=k: x + k for k in range(n)]


def test_defaults_that_are_not_literals_are_taken_when_the_function_is_made(tmp_path):
    check_all(defaults_taken_when_made, [0, 5, -3])
    check(defaults_of_expressions, [1, 2, 3], 4)
    check(defaults_of_expressions, [], 4)
    check(defaults_of_expressions, [0], 4)  # ZeroDivisionError in the lambda, as CPython raises it
    check_all(defaults_of_displays_and_calls, [0, 1])
    fs = adders_for_python(3)  # Python's own closures, made from the source as written: k may be passed
    assert [f(10) for f in fs] == [10, 11, 12] and [f(10, 100) for f in fs] == [110, 110, 110]
    text = compile_error(tmp_path, "snapshot_passed", """
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    g = lambda x, k=n: x + k
    return g(1, 2)
""", 3)
    assert "<lambda>() is given 'k', a parameter whose default is not a literal" in text, text


@accelerate
def memoized(n: int):
    # an empty container the nested def fills (memo = {} then memo[k] = ... inside it, seen = []
    # then seen.append(k)): typed by what the nested def stores, as a local would be
    memo = {}

    def fib(k):
        if k < 2:
            return k
        if k in memo:
            return memo[k]
        memo[k] = fib(k - 1) + fib(k - 2)
        return memo[k]

    seen = []
    names = set()

    def visit(k):
        seen.append(k)
        names.add(str(k % 3))
        if k > 0:
            visit(k // 2)

    visit(n)
    return fib(n), len(memo), seen, sorted(names)


def test_nested_defs_fill_captured_containers():
    for n in (0, 1, 2, 30, 90):
        check(memoized, n)
