"""A recursion of ints and floats whose depth a parameter bounds runs as a pure copy (issue 17;
opt/recursion.cpp, codegen/emit_pure.cpp, runtime pure.hpp): no recursion budget carried, no
traceback frames, and the C++ compiler free to compute fib(n - 2) once. What the copy cannot do
as CPython does, the function as written does, from the same arguments: an int leaving 64 bits
(the call then runs in CPython), a division by zero (the same exception, message and traceback),
a recursion deeper than the frames left (RecursionError where CPython raises it), a value below the
bound where the recursion would not end. Each case runs on both sides of where it fails."""
import math
import sys
import traceback
from typing import Iterator

import pytest

import pyrite
from difftest import check, check_all, check_each, deepest
from pyrite import accelerate, prange


@accelerate
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@accelerate
def fib_statements(n: int) -> int:
    if n <= 1:
        return n
    a = fib_statements(n - 1)
    b = fib_statements(n - 2)
    return a + b


@accelerate
def fib_equalities(n: int) -> int:
    # stops only at 0 and 1: from a negative n the recursion never ends (RecursionError)
    if n == 0:
        return 0
    if n == 1:
        return 1
    return fib_equalities(n - 1) + fib_equalities(n - 2)


@accelerate
def factorial(n: int) -> int:
    if n == 0:
        return 1
    return n * factorial(n - 1)


@accelerate
def power3(n: int) -> int:
    return 1 if n <= 0 else 3 * power3(n - 1)


@accelerate
def wild(n: int) -> int:
    # leaves 64 bits at n = 5, far down a tree of calls
    if n < 2:
        return n
    return wild(n - 1) * 1000003 + wild(n - 2)


@accelerate
def tribonacci_mod(n: int, m: int) -> int:
    if n < 3:
        return n % m
    return (tribonacci_mod(n - 1, m) + tribonacci_mod(n - 2, m) + tribonacci_mod(n - 3, m)) % m


@accelerate
def divide_down(n: int, d: int) -> int:
    # ZeroDivisionError where d reaches 0 on the way down
    if n <= 0:
        return 100 // d
    return divide_down(n - 1, d - 1) + 1


@accelerate
def series(n: int, x: float) -> float:
    if n <= 0:
        return 1.0
    return x * series(n - 1, x) + 1.0 / (n + x)


@accelerate
def binomial(n: int, k: int) -> int:
    if k < 0 or k > n:
        return 0
    if n < 1 or k == 0 or k == n:
        return 1
    return binomial(n - 1, k - 1) + binomial(n - 1, k)


@accelerate
def is_even(n: int) -> bool:
    return True if n == 0 else not is_even(n - 1)


@accelerate
def hanoi_moves(n: int, a: int, b: int, c: int) -> int:
    if n > 0:
        return hanoi_moves(n - 1, a, c, b) + 1 + hanoi_moves(n - 1, c, b, a)
    return 0


@accelerate
def fact_truthy(n: int) -> int:
    return 1 if not n else n * fact_truthy(n - 1)


@accelerate
def grid_paths(r: int, c: int) -> int:
    # two parameters bound it together: r + c goes down at each call
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


@accelerate
def lcs_len(i: int, j: int, seed: int) -> int:
    if i <= 0 or j <= 0:
        return 0
    if (i * 31 + j * 17 + seed) % 5 == 0:
        return lcs_len(i - 1, j - 1, seed) + 1
    return max(lcs_len(i - 1, j, seed), lcs_len(i, j - 1, seed))


@accelerate
def count_down(n: int) -> int:
    return 0 if n <= 0 else count_down(n - 1) + 1


@accelerate
def collatz_depth(n: int, limit: int) -> int:
    # decreases by one through `limit`, not through n
    if limit <= 0 or n == 1:
        return 0
    return 1 + collatz_depth(n // 2 if n % 2 == 0 else 3 * n + 1, limit - 1)


@accelerate
def checked_fact(n: int) -> int:
    if n < 0:
        raise ValueError("n must be >= 0")
    return 1 if n < 2 else n * checked_fact(n - 1)


@accelerate
def simpson(a: float, b: float, depth: int) -> float:
    # Simpson's rule on halves of halves, `depth` levels down: math.sin(inf) raises ValueError
    m = (a + b) / 2.0
    whole = (b - a) / 6.0 * (math.sin(a) + 4.0 * math.sin(m) + math.sin(b))
    if depth <= 0:
        return whole
    return simpson(a, m, depth - 1) + simpson(m, b, depth - 1)


@accelerate
def clamp_walk(n: int, lo: int) -> int:
    assert n >= 0, "n is negative"
    if n == 0:
        return lo
    return max(lo, clamp_walk(n - 1, lo + abs(n - 5)) - 1, min(n, 3))


def test_values_match_cpython():
    ns = [-5, -1, 0, 1, 2, 3, 10, 20, 25]
    check_all(fib, ns)
    check_all(fib_statements, ns)
    check_all(fib_equalities, [0, 1, 2, 10, 20])
    check_each(tribonacci_mod, [(n, m) for n in (-2, 0, 5, 18) for m in (1, 7, 1000003)])
    check_each(binomial, [(n, k) for n in (-1, 0, 5, 12) for k in (-1, 0, 3, 12, 13)])
    check_all(is_even, [0, 1, 10, 301])
    check_each(hanoi_moves, [(n, 1, 2, 3) for n in (-3, 0, 1, 10)])
    check_each(collatz_depth, [(27, 200), (27, 50), (1, 5), (7, 0), (-5, 30)])
    check_each(series, [(n, x) for n in (0, 3, 12) for x in (0.5, -1.5, 2.0, float("nan"), float("inf"))])


def test_several_parameters_bound_it():
    check_each(grid_paths, [(0, 5), (3, 3), (8, 9), (12, 12), (1, 600), (-1, 0), (5, 0)])
    check_each(lcs_len, [(0, 0, 1), (6, 7, 3), (12, 11, 0), (-3, 4, 2)])
    # where the sum is past the frames left, or one starts below where it stops: RecursionError
    check_each(grid_paths, [(1, 2000), (-1, 3), (3, -2)])
    assert grid_paths(16, 16) == 601080390


def test_raise_assert_and_builtins():
    check_all(checked_fact, [-3, -1, 0, 1, 5, 20, 21])
    check_each(simpson, [(0.0, math.pi, d) for d in (0, 1, 8, -2)] + [(0.0, float("inf"), 3), (1.0, float("nan"), 2)])
    check_each(clamp_walk, [(0, 7), (6, 0), (30, -4), (3, 2 ** 63 - 3), (4, -(2 ** 63))])
    check(clamp_walk, -1, 3, message=False)  # pytest rewrites the interpreted assert's message


def test_int_past_64_bits_runs_in_cpython():
    # factorial(20) fits, 21 does not; 3 ** 39 fits, 3 ** 40 does not; wild overflows deep in a tree
    check_all(factorial, [0, 1, 20, 21, 25])
    check_all(fact_truthy, [0, 1, 20, 21, 25])
    check_all(power3, [39, 40, 100])
    check_all(wild, [3, 4, 5, 6, 12])
    assert factorial(25) == 15511210043330985984000000
    assert wild(12) == pyrite.interpreted(wild)(12)


def test_zero_division_raises_with_cpythons_traceback():
    check_each(divide_down, [(3, 2), (3, 3), (3, 4), (0, 0), (5, -1)])
    check_each(series, [(5, -3.0), (4, -4.0), (4, -5.0)])
    with pytest.raises(ZeroDivisionError) as e:
        divide_down(4, 4)
    with pytest.raises(ZeroDivisionError) as r:
        pyrite.interpreted(divide_down)(4, 4)
    compiled = [(f.name, f.lineno) for f in traceback.extract_tb(e.value.__traceback__) if f.filename == __file__]
    cpython = [(f.name, f.lineno) for f in traceback.extract_tb(r.value.__traceback__) if f.filename == __file__]
    # every frame of the recursion, each at its own line (the test's own frame aside)
    assert [x for x in compiled if x[0] == "divide_down"] == [x for x in cpython if x[0] == "divide_down"]
    assert len([x for x in compiled if x[0] == "divide_down"]) == 5


def test_recursion_error_where_cpython_raises_it():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        for fn in (power3, factorial, is_even, count_down):
            ref = pyrite.interpreted(fn)
            expected = deepest(ref, 1000)
            assert 300 < expected < 400
            assert deepest(fn, 1000) == expected, fn.__name__
        with pytest.raises(RecursionError):
            power3(10 ** 6)
        # below the value where it stops, the recursion never ends: RecursionError, not a crash
        for fn in (factorial, fib_equalities, is_even, fact_truthy):
            with pytest.raises(RecursionError):
                fn(-1)
    finally:
        sys.setrecursionlimit(old)
    sys.setrecursionlimit(20000)
    try:  # deeper than the default limit, where it allows it: the same value
        check(is_even, 15000)
        check(count_down, 15000)
    finally:
        sys.setrecursionlimit(old)


# ---------------------------------------------------------------- in combination
@accelerate
def fib_table(n: int) -> list[int]:
    return [fib(i) for i in range(n)]


@accelerate
def fib_sum_parallel(n: int) -> int:
    total = 0
    for i in prange(n):
        total += fib(i % 25)
    return total


def evens(n: int) -> bool:
    return True if n == 0 else odds(n - 1)


def odds(n: int) -> bool:
    return False if n == 0 else evens(n - 1)


@accelerate
def parity_parallel(n: int) -> int:
    # a recursion with no pure copy (two functions), in prange's threads: each checks its own stack
    total = 0
    for i in prange(n):
        total += 1 if evens(i % 300) else 0
    return total


@accelerate
def fib_mod_generator(n: int, m: int) -> Iterator[int]:
    for i in range(n):
        yield wild(i) % m  # wild(5) leaves 64 bits: after a yield, where CPython cannot run the call again


class Memo:
    def __init__(self) -> None:
        self.seen: dict[int, int] = {}

    def get(self, n: int) -> int:
        if n not in self.seen:
            self.seen[n] = fib(n) + factorial(n % 21)
        return self.seen[n]


@accelerate
def memo_user(ns: list[int]) -> int:
    m = Memo()
    total = 0
    for n in ns:
        try:
            total += m.get(n) // (n - 7)
        except ZeroDivisionError:
            total -= 1
    return total + len(m.seen)


def test_in_combination():
    check(fib_table, 26)
    check(fib_sum_parallel, 300)
    check(parity_parallel, 2000)
    check_all(memo_user, [[1, 2, 7, 20, 7, 3], [], [24, 23, 7]])


def test_generator_that_overflows():
    gen = fib_mod_generator(4, 97)
    assert list(gen) == [wild(i) % 97 for i in range(4)]
    got = []
    with pytest.raises(OverflowError):
        for v in fib_mod_generator(8, 97):
            got.append(v)
    assert got == [pyrite.interpreted(wild)(i) % 97 for i in range(5)]
