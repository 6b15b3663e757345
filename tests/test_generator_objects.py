"""Generator objects (issues 15 and 14): a generator function used other than by a loop that
iterates its call is compiled on its own as a C++20 coroutine (runtime/include/pyrite/generator.hpp).
g = gen(), next(g) and next(g, default), zip/enumerate of generators, generators in lists,
recursive `yield from`, a class's __iter__ written as a generator or as an iterator class with
__next__, and generators returned to Python, with CPython's protocol: nothing runs before the
first next(), what the body raises leaves next() and finishes it, StopIteration inside becomes
RuntimeError (PEP 479), close() and the last reference dropped run the finally blocks."""
import re
import traceback
from typing import Generator, Iterable, Iterator

import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


def count_up(n: int) -> Iterator[int]:
    i = 0
    while i < n:
        yield i * i
        i += 1


def logged(n: int, log: list[str]) -> Iterator[int]:
    log.append("start")
    try:
        for i in range(n):
            log.append(f"yield {i}")
            yield i
            log.append(f"resumed {i}")
    finally:
        log.append("finally")


def walk(n: int) -> Iterator[int]:
    if n > 0:
        yield from walk(n - 1)
        yield n
        yield from walk(n - 1)


def halves(xs):  # unannotated: a version per argument type, a coroutine too
    for x in xs:
        yield x / 2


def raising(n: int) -> Iterator[int]:
    for i in range(n):
        if i == 2:
            raise ValueError(f"bad {i}")
        yield 10 // (n - i - 1)


def stops(n: int) -> Iterator[int]:
    yield n
    raise StopIteration


@accelerate
def next_and_for(n: int) -> list[int]:
    g = count_up(n)
    out = [next(g), next(g, -1)]
    for x in g:  # continues where next() left it
        out.append(x)
    out.append(next(g, -1))
    return out


@accelerate
def catch_exhausted(n: int) -> int:
    g = count_up(n)
    total = 0
    try:
        while True:
            total += next(g)
    except StopIteration:
        total += 1000
    return total


@accelerate
def consumers(n: int) -> tuple[int, int, list[int], list[tuple[int, int]], bool, int]:
    a = count_up(n)
    b = count_up(n)
    pairs = []
    for k, (x, y) in enumerate(zip(a, walk(3))):
        pairs.append((k, x + y))
    return (sum(count_up(n)), max(count_up(n + 1)), sorted(walk(3), reverse=True), pairs,
            any(x > 10 for x in count_up(n)), len(list(b)))


@accelerate
def in_a_list(n: int) -> list[int]:
    gens = [count_up(n), count_up(n + 2)]
    out = []
    for g in gens:
        out.append(next(g, -1) + next(g, -1))
    out.append(sum(gens[1]))
    return out


@accelerate
def recursive(n: int) -> list[int]:
    return list(walk(n))


@accelerate
def generic_versions(xs: list[int], ys: list[float]) -> tuple[list[float], float]:
    g = halves(xs)
    return list(g), sum(halves(ys))


@accelerate
def early_exit(n: int, log: list[str]) -> int:
    g = logged(n, log)
    t = next(g) + next(g)
    log.append("dropped")
    return t  # g, dropped here, is closed: its finally runs


@accelerate
def after_raise(n: int) -> list[int]:
    g = raising(n)
    out = []
    try:
        for x in g:
            out.append(x)
    except ValueError:
        out.append(-1)
    for x in g:  # finished: nothing more
        out.append(x)
    return out


@accelerate
def pep479(n: int) -> int:
    total = 0
    for x in stops(n):
        total += x
    return total


@accelerate
def pep479_caught(n: int) -> str:
    g = stops(n)
    try:
        next(g)
        next(g)
    except RuntimeError as e:
        return "RuntimeError: " + str(e)
    return "none"


@accelerate
def container_iterators(tokens: list[str], s: str, d: dict[str, int]) -> tuple[str, int, list[str], list[str]]:
    it = iter(tokens)  # the pattern of a parser: the header first, then the rest
    header = next(it, "")
    count = 0
    for t in it:
        if t == "stop":
            break
        count += len(t)
    a, k = iter(s), iter(d)
    return header, count, list(it), [next(a, "?"), next(k, "none")] + list(a) + list(k)


@accelerate
def live_iterators(xs: list[int], d: dict[str, int]) -> list[int]:
    out = []
    for x in iter(xs):  # a list iterator sees the items appended meanwhile
        if x < 3:
            xs.append(x + 10)
        out.append(x)
    it = iter(d)
    next(it)
    d["new"] = 1
    return out + [len(list(it))]  # RuntimeError: dictionary changed size during iteration


def test_next_for_and_defaults():
    check_all(next_and_for, [0, 1, 2, 5])
    check_all(catch_exhausted, [0, 3])
    check_all(container_iterators, [[], ["h", "ab", "c", "stop", "x", "y"]], ["", "hey"], [{}, {"a": 1, "b": 2}])
    check_all(live_iterators, [[1, 5, 2]], [{"a": 1}, {"a": 1, "b": 2}])


def test_consumers_of_generator_objects():
    check_all(consumers, [0, 1, 4])
    check_all(in_a_list, [0, 1, 3])


def test_recursive_yield_from():
    check_all(recursive, [0, 1, 4])


def test_unannotated_generator_versions():
    check(generic_versions, [1, 2, 3], [0.5, 1.5])



def squares_logged(n: int, log: list[int]) -> Iterator[int]:
    log.append(-1)
    for i in range(n):
        log.append(i)
        yield i * i


@accelerate
def bound_then_looped(n: int, stop: int) -> list[int]:
    # g read by one loop alone: inlined (frontend/lower_generators.cpp), its arguments evaluated at
    # the call (k rebound after it changes nothing), its body run only as the loop asks
    log: list[int] = []
    k = n
    g = squares_logged(k, log)
    k = 100
    log.append(k)
    for x in g:
        if x >= stop:
            break
        log.append(x + 1000)
    log.append(-3)
    return log


@accelerate
def bound_in_branches(n: int) -> list[int]:
    # a return between the call and the loop: the body never ran; a loop inside another loop
    # makes a generator each time round; a division by zero in the arguments raises at the call
    log: list[int] = []
    g = squares_logged(10 // n, log)
    if n > 3:
        return log
    for r in range(2):
        h = squares_logged(n + r, log)
        log.append(-7)
        for x in h:
            log.append(x)
    for x in g:
        log.append(x)
    return log


@accelerate
def bound_with_finally(n: int) -> list[str]:
    # a generator with a finally bound to g: g keeps it open after the break till the function
    # ends, where CPython runs its finally: a generator object, not inlined
    log: list[str] = []
    g = logged(n, log)
    for x in g:
        if x == 1:
            break
    log.append("after the loop")
    return log


@accelerate
def bound_and_read_again(n: int) -> list[int]:
    # read by two loops: one generator object, the second loop finds it exhausted
    log: list[int] = []
    g = squares_logged(n, log)
    for x in g:
        log.append(x)
    for x in g:
        log.append(x + 100)
    return log


def test_a_generator_bound_to_a_name_and_looped_over_once():
    check_all(bound_then_looped, [0, 1, 4], [0, 2, 100])
    check_all(bound_in_branches, [0, 1, 2, 3, 4])
    check_all(bound_with_finally, [0, 1, 3])
    check_all(bound_and_read_again, [0, 3])  # which of them are inlined: lit/codegen/generator_objects.py


def test_finally_runs_when_the_last_reference_goes():
    check_all(early_exit, [1, 2, 5], [[]])


def test_exceptions_leave_next_and_finish_the_generator():
    check_all(after_raise, [2, 3, 5])
    check_all(pep479, [1, 7])
    check(pep479_caught, 3)


# ------------------------------------------------------------ generator expressions and nested generators
def gen3(xs: list[int]) -> Iterator[int]:
    for x in xs:
        yield x * 3


def range_gen(n: int) -> Iterator[int]:
    for i in range(n):
        yield i


def total(items):  # a helper given a generator object
    s = 0
    for v in items:
        s += v
    return s


@accelerate
def first_match(xs: list[int], t: int) -> tuple[int, float | None, int, int]:
    big = next((x for x in xs if x > t), -1)
    half = next((x / 2 for x in xs if x < 0), None)
    pair = next((i * 10 + j for i in range(len(xs)) for j in range(i) if xs[i] == xs[j]), -1)
    from_gen = next((y for y in gen3(xs) if y % 2 == 0), 0)
    return big, half, pair, from_gen


@accelerate
def first_or_raise(xs: list[int]) -> int:
    return next(x for x in xs if x > 100)


@accelerate
def genexp_values(xs: list[int], k: int) -> list[int]:
    g = (x * k for x in xs if x % 2 == 1)
    first = next(g, -1)
    rest = list(g)
    pairs = ((a, b) for a in range(3) for b in xs)
    return [first] + rest + [sum(a * b for a, b in pairs), total(x + 1 for x in xs)]


@accelerate
def nested_generators(n: int) -> tuple[int, list[int]]:
    def inner(m: int) -> Iterator[int]:
        for i in range(m):
            yield i + n
    return sum(inner(3)) + next(inner(2)), [y for x in range(n) for y in range_gen(x)]


@accelerate
def genexp_to_python(n: int) -> Iterator[int]:
    return (i * i for i in range(n) if i % 3)


def test_next_of_a_generator_expression():
    check_all(first_match, [[], [1, 5, -4, 5, 9], [-2, -2]], [0, 4])
    check_all(first_or_raise, [[], [1, 200]])


def test_generator_expressions_and_nested_generators_as_values():
    check_all(genexp_values, [[], [1, 2, 3, 5]], [1, 10])
    check_all(nested_generators, [0, 3])
    g = genexp_to_python(7)
    assert g.__name__ == "<genexpr>" and g.__qualname__ == "genexp_to_python.<locals>.<genexpr>"
    assert list(g) == list(genexp_to_python.py_func(7))


def test_a_generator_expression_over_a_reassigned_variable_is_a_diagnostic(tmp_path):
    text = compile_error(tmp_path, "genexp_ref", """
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    k = 1
    g = (x * k for x in range(n))
    k = 2
    return sum(g)
""", 3)
    assert "this generator expression reads a variable the function assigns more than once" in text, text


# ------------------------------------------------------------ generators handed to Python
@accelerate
def squares(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


@accelerate
def words(text: str, sep: str = " ") -> Generator[str, None, None]:
    try:
        for w in text.split(sep):
            if w:
                yield w.upper()
    finally:
        print("closed", text)


@accelerate
def failing(n: int) -> Iterator[float]:
    for i in range(n):
        yield 1.0 / (2 - i)


@accelerate
def stubborn(n: int) -> Iterator[int]:
    while True:
        try:
            yield n
        except GeneratorExit:
            pass


@accelerate
def made_by_a_function(n: int) -> Iterator[int]:
    return walk(n)


def test_generator_returned_to_python():
    g = squares(4)
    assert type(g).__name__ == "generator"
    assert g.__name__ == "squares" and g.__qualname__ == "squares"
    assert re.fullmatch(r"<generator object squares at 0x[0-9a-f]+>", repr(g))
    assert iter(g) is g
    assert next(g) == 0 and g.send(None) == 1 and g.send("ignored") == 4
    assert list(g) == [9]
    with pytest.raises(StopIteration):
        next(g)
    assert list(made_by_a_function(3)) == list(walk(3))
    assert list(words("a bb  c")) == ["A", "BB", "C"]


def test_send_to_a_just_started_generator():
    with pytest.raises(TypeError, match="can't send non-None value to a just-started generator"):
        squares(2).send(5)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # CPython's stubborn generator, collected
def test_close_and_drop_run_finally(capsys):
    g = words("x y z")
    assert next(g) == "X"
    g.close()
    assert capsys.readouterr().out == "closed x y z\n"
    g.close()  # again: nothing
    with pytest.raises(StopIteration):
        next(g)
    g = words("p q")
    next(g)
    del g
    assert capsys.readouterr().out == "closed p q\n"
    words("never started").close()  # nothing ran: no finally
    assert capsys.readouterr().out == ""
    g = stubborn(1)
    next(g)
    with pytest.raises(RuntimeError, match="generator ignored GeneratorExit"):
        g.close()
    ref = stubborn.py_func(1)
    next(ref)
    with pytest.raises(RuntimeError, match="generator ignored GeneratorExit"):
        ref.close()


def test_an_exception_in_a_generator_from_python():
    g = failing(5)
    assert next(g) == 0.5 and next(g) == 1.0
    with pytest.raises(ZeroDivisionError, match="float division by zero") as e:
        next(g)
    frames = [f for f in traceback.extract_tb(e.value.__traceback__) if f.name == "failing"]
    assert frames and frames[-1].line == "yield 1.0 / (2 - i)", traceback.format_tb(e.value.__traceback__)
    assert list(g) == []  # finished
    ref = failing.py_func(5)
    assert [next(ref), next(ref)] == [0.5, 1.0]


def test_an_int_beyond_64_bits_in_a_generator_python_drives():
    @accelerate
    def powers(n: int) -> Iterator[int]:
        x = 1
        for _ in range(n):
            x *= 1 << 20
            yield x

    assert list(powers(3)) == [2 ** 20, 2 ** 40, 2 ** 60]
    g = powers(5)
    assert [next(g), next(g), next(g)] == [2 ** 20, 2 ** 40, 2 ** 60]
    with pytest.raises(OverflowError, match="a generator's items are computed one next"):
        next(g)


# ------------------------------------------------------------ classes iterated
class Node:
    def __init__(self, value: int, left: "Node | None" = None, right: "Node | None" = None):
        self.value = value
        self.left = left
        self.right = right

    def __iter__(self) -> Iterator[int]:
        if self.left is not None:
            yield from self.left
        yield self.value
        if self.right is not None:
            yield from self.right


class Countdown:  # an iterator class: __iter__ returns self, __next__ raises StopIteration
    def __init__(self, start: int):
        self.current = start

    def __iter__(self) -> "Countdown":
        return self

    def __next__(self) -> int:
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Deck:  # __iter__ returns an instance of another class, which has __next__
    def __init__(self, cards: list[str]):
        self.cards = cards

    def __iter__(self) -> "DeckIter":
        return DeckIter(self, 0)


class DeckIter:
    def __init__(self, deck: Deck, at: int):
        self.deck = deck
        self.at = at

    def __iter__(self) -> "DeckIter":
        return self

    def __next__(self) -> str:
        if self.at >= len(self.deck.cards):
            raise StopIteration
        self.at += 1
        return self.deck.cards[self.at - 1]


class Registry:  # generators over a dict of instances, raising on a bad entry
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for name, node in self.nodes.items():
            if node.value < 0:
                raise KeyError(name)
            for v in node:
                yield name, v


@accelerate
def tree_walks(n: int) -> tuple[list[int], int, int, list[int], bool]:
    root = Node(n // 2)
    for i in range(n):
        cur = root
        v = (i * 7) % (n + 1)
        while True:
            if v < cur.value:
                if cur.left is None:
                    cur.left = Node(v)
                    break
                cur = cur.left
            else:
                if cur.right is None:
                    cur.right = Node(v)
                    break
                cur = cur.right
    out = [x for x in root]
    return out, sum(root), max(root), sorted(root)[:3], 3 in list(root)


@accelerate
def iterator_classes(n: int) -> tuple[list[int], int, list[str], str, int]:
    c = Countdown(n)
    first = next(c) if n > 0 else -1
    rest = list(c)
    deck = Deck(["a", "b", "c"][:n])
    joined = "-".join(deck)
    count = 0
    for x in Countdown(n):
        for y in Countdown(x):
            count += y
    return rest, first, [s for s in deck], joined, count


@accelerate
def registry(values: list[int], names: list[str]) -> list[tuple[str, int]]:
    r = Registry()
    for name, v in zip(names, values):
        r.nodes[name] = Node(v, Node(v - 1), Node(v + 1))
    out = []
    try:
        for item in r:
            out.append(item)
    except KeyError as e:
        out.append(("missing", len(str(e))))
    return out


def test_classes_iterated_by_their_iter():
    check_all(tree_walks, [1, 2, 9])
    check_all(iterator_classes, [0, 1, 3])
    check(registry, [1, 5, 2], ["a", "b", "c"])
    check(registry, [1, -5, 2], ["a", "b", "c"])


# ---- iterators and iterables from Python: read live, one item per next(), as the Python function reads them
@accelerate
def py_total(xs: Iterable[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


@accelerate
def first_two(it: Iterator[int]) -> tuple[int, int]:
    a = next(it)
    return a, next(it, -1)


@accelerate
def evens(xs: Iterable[int]) -> Iterator[int]:
    for x in xs:
        if x % 2 == 0:
            yield x


@accelerate
def passed_back(it: Iterator[str]) -> Iterator[str]:
    next(it)
    return it


@accelerate
def tagged(words: Iterable[str], sep: str) -> str:
    return sep.join(f"<{w}>" for w in words if w)


@accelerate
def pairs_of(a: Iterable[int], b: Iterator[int]) -> list[tuple[int, int]]:
    return list(zip(a, b))


def source(n, fail_at=-1):
    for i in range(n):
        if i == fail_at:
            raise KeyError(f"item {i}")
        yield i


def both(fn, *make_args):
    """fn compiled and as Python, each on fresh arguments from make_args: the results (a
    generator's items, or the exception's type and text), and what is left in each argument."""
    out = []
    for f in (fn, fn.py_func):
        args = [m() for m in make_args]
        try:
            r = f(*args)
            r = ("value", list(r) if hasattr(r, "__next__") else r)
        except Exception as e:  # noqa: BLE001
            r = ("raise", type(e), str(e))
        left = [list(a) if hasattr(a, "__next__") else a for a in args]
        out.append((r, left))
    assert out[0] == out[1], out
    return out[0][0]


def test_iterables_from_python_are_read_live():
    assert both(py_total, lambda: [1.0, 2.5]) == ("value", 3.5)
    assert both(py_total, lambda: (x * 0.5 for x in range(10))) == ("value", 22.5)
    both(py_total, lambda: iter([]))
    both(py_total, lambda: {1.0: "a", 2.0: "b"})  # a dict's keys
    both(py_total, lambda: range(5))  # ints read as floats, as a list[float] argument's
    assert both(first_two, lambda: iter([7, 8, 9])) == ("value", (7, 8))
    both(first_two, lambda: iter([7]))
    assert both(first_two, lambda: iter([])) == ("raise", StopIteration, "")
    assert both(evens, lambda: source(7)) == ("value", [0, 2, 4, 6])
    assert both(tagged, lambda: iter(["a", "", "b"]), lambda: "-") == ("value", "<a>-<b>")
    both(pairs_of, lambda: [1, 2, 3], lambda: source(2))
    both(pairs_of, lambda: source(5), lambda: source(3))  # zip stops reading a when b ends


def test_what_an_iterator_from_python_raises_leaves_as_itself():
    assert both(py_total, lambda: source(5, fail_at=3)) == ("raise", KeyError, "'item 3'")
    g = evens(source(9, fail_at=5))
    assert [next(g), next(g), next(g)] == [0, 2, 4]
    with pytest.raises(KeyError, match="item 5"):
        next(g)


def test_an_iterator_from_python_is_shared_not_copied():
    it = iter(["a", "b", "c", "d"])
    back = passed_back(it)
    assert back is it and next(it) == "b"
    ev = evens(range(10))
    assert next(ev) == 0
    assert first_two(ev) == (2, 4) and next(ev) == 6  # a compiled generator given back: the same one
    assert py_total(ev) == 8.0  # of ints, read as floats through Python's protocol
    g = evens(source(4))
    del g  # never started: nothing read


def test_wrong_iterables_and_items_name_the_parameter():
    with pytest.raises(TypeError, match=r"py_total\(\) argument 'xs' must be an iterable, not int"):
        py_total(3)
    with pytest.raises(TypeError, match=r"py_total\(\) argument 'xs'\[1\] must be float, not str"):
        py_total(iter([1.0, "x"]))
    with pytest.raises(TypeError, match=r"first_two\(\) argument 'it'\[0\] must be int, not float"):
        first_two(iter([1.5]))


@pytest.mark.parametrize("body, message", [
    ("def gen(n: int) -> list[int]:\n    yield n\n", "'gen' is a generator function: calling it makes a generator"),
    ("def gen(n: int) -> Iterator[str]:\n    yield n\n", "'gen' is annotated to yield 'str' but yields a value of type 'int'"),
    ("class It:\n    def __next__(self) -> str:\n        raise StopIteration\n\nclass Box:\n    def __iter__(self) -> It:\n"
     "        return It()\n\ndef gen(n: int) -> Iterator[str]:\n    yield '-'.join(Box())\n",
     "'It' object is not iterable: str.join() reads the iterator __iter__ returns with list()"),
])
def test_generator_object_diagnostics(tmp_path, body, message):
    text = compile_error(tmp_path, "genobj_bad", "from typing import Iterator\nfrom pyrite import accelerate\n\n" + body + """
@accelerate
def f(x: int) -> int:
    g = gen(x)
    return next(g)
""", 1)
    assert message in text, text


@pytest.mark.parametrize("sig, message", [
    ("def f(xs: list[int]) -> Iterator[int]:\n    for x in xs:\n        yield x\n",
     "takes 'xs' of type 'list[int]': compiled code would read a copy of it"),
    ("def f(n: int) -> Iterator[list[int]]:\n    yield [n]\n", "a generator object crosses to Python when its items"),
    ("def f(g: Iterator[list[int]]) -> int:\n    return len(next(g))\n",
     "'f' takes 'g' of type 'Iterator[list[int]]' from Python: an iterator crosses when its items are values"),
])
def test_generators_at_the_boundary_diagnostics(tmp_path, sig, message):
    text = compile_error(tmp_path, "genobj_boundary", "from typing import Iterator\nfrom pyrite import accelerate\n\n"
                         "@accelerate\n" + sig, [1])
    assert message in text, text


@pytest.mark.parametrize("classes, message", [
    ("class It:\n    def __next__(self) -> int:\n        raise StopIteration\n", "'It' object is not iterable"),
    ("class It:\n    def __iter__(self) -> list[int]:\n        return [1]\n",
     "iter() returned non-iterator of type 'list'"),
])
def test_what_cpython_cannot_iterate_is_a_diagnostic(tmp_path, classes, message):
    # CPython: iter() needs __iter__, whose result needs __next__ (a TypeError otherwise)
    text = compile_error(tmp_path, "genobj_iter", "from pyrite import accelerate\n\n" + classes + """
@accelerate
def f(x: int) -> int:
    total = 0
    for v in It():
        total += v
    return total
""", 1)
    assert message in text, text
