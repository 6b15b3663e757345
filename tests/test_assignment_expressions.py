"""Assignment expressions (`x := value`, PEP 572): the frontend lowers one to a block that assigns
the function's variable and gives its value (frontend/lower_expr.cpp's lower_named_expr). In a
comprehension the target is the enclosing function's variable; where a short-circuit skipped the
assignment, reading the variable raises UnboundLocalError as CPython does."""
import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


@accelerate
def doubled_if_big(n: int) -> int:
    if (m := n * 2) > 3:
        return m
    return -m


@accelerate
def squares_mod(xs: list[int]) -> list[int]:
    return [y for x in xs if (y := x * x) % 3 == 1]


@accelerate
def strided_sum(xs: list[int]) -> int:
    i = 0
    total = 0
    while (k := i * 2) < len(xs):
        total += xs[k]
        i += 1
    return total * 100 + k


@accelerate
def first_big(xs: list[int], limit: int) -> int:
    if any((found := x) > limit for x in xs):
        return found
    return -1


@accelerate
def split_commas(text: str) -> list[str]:
    out = []
    pos = 0
    while (j := text.find(",", pos)) >= 0:
        out.append(text[pos:j])
        pos = j + 1
    out.append(text[pos:])
    return out


@accelerate
def maybe_bound(n: int) -> int:
    if n > 0 and (b := n * 2) > 5:
        return b
    return b + 1  # unbound when n <= 0


@accelerate
def last_of_comprehension(n: int) -> int:
    xs = [(c := i * i) for i in range(n)]
    return c + len(xs)  # unbound when n == 0


@accelerate
def running_totals(xs: list[float]) -> tuple[list[float], float]:
    t = 0.0
    sums = [(t := t + x) for x in xs]
    return sums, t


@accelerate
def nested_targets(rows: list[list[int]]) -> tuple[int, int]:
    longest = 0
    pairs = [(n, w) for r in rows if (n := len(r)) > 0 for w in r if (w2 := w * 2) > n]
    if pairs:
        longest = max(p[0] for p in pairs)
    return longest, w2


def test_assignment_expressions_in_conditions_and_loops():
    check_all(doubled_if_big, [5, 1, 0, -4])
    check(squares_mod, [1, 2, 3, 4, 5, 7])
    check_all(strided_sum, [[], [1], [1, 2, 3, 4, 5]])
    check_all(split_commas, ["a,bb,,c", "", ",", "plain"])


def test_targets_in_comprehensions_bind_the_functions_variable():
    check_all(first_big, [[1, 5, 7], [1], []], [3])
    check_all(running_totals, [[], [1.0, 2.5, -0.5]])
    check_all(nested_targets, [[[1, 2, 3], [], [4]], [[1]]])


def test_a_skipped_assignment_leaves_the_variable_unbound():
    check_all(maybe_bound, [5, 1, 0, -2])
    check_all(last_of_comprehension, [0, 3])


def test_a_target_in_a_generator_expression_that_is_a_value_is_a_diagnostic(tmp_path):
    text = compile_error(tmp_path, "walrus_genexp", """from pyrite import accelerate

@accelerate
def f(xs: list[int]) -> int:
    y = 0
    g = ((y := x) for x in xs)
    next(g)
    return y
""", [4, 5])
    assert "an assignment expression in a generator expression that is a value binds 'y'" in text, text
    assert "walrus_genexp.py:6:11" in text and text.count("error:") == 1, text


# an operand read before a later one rebinds its variable (by an assignment expression, or by a
# call of a nested function that rebinds it): the earlier operand has the old value, as CPython
# reads operands left to right (C++ may evaluate a call's arguments in any order)
@accelerate
def operands_read_before_rebinding(s: str, xs: list[int], k: int) -> tuple[str, list[int], int, str, str]:
    t = s + (s := "new")
    ys = xs + (xs := [9])
    j = k * 10 + (k := 7)
    u = "u"

    def mark(tag: str) -> str:
        nonlocal u
        u = tag
        return "!" + tag

    v = u + mark("A") + u
    u += mark("B")
    return t + s, ys + xs, j + k, v, u


def pair_of(a: str, b: str) -> str:
    return a + "|" + b


@accelerate
def displays_and_calls_read_before_rebinding(s: str, k: int) -> list[str]:
    # the same in the other places operands are evaluated: a call's arguments, a builtin's, a
    # comparison, a list display, an f-string, a tuple display (its constructor takes references)
    out: list[str] = []
    t = s
    out.append(pair_of(t, (t := "new")))
    m = k
    out.append(str(max(m, (m := k - 100))))
    u = s
    out.append(str(u < (u := "zzz")))
    v = s
    out.append(str([v, (v := "list")]))
    w = s
    out.append(f"{w}{(w := 'f')}")
    y = s
    out.append(str((y, (y := "tup"))))
    n = k
    out.append(str((n, n + 1, (n := -1), n)))
    return out


def test_operands_read_before_a_rebinding():
    check_all(operands_read_before_rebinding, ["", "old", "é🐍"], [[], [1, 2]], [0, 3, -5])
    check_all(displays_and_calls_read_before_rebinding, ["", "old", "é🐍"], [0, 7, -5])
