"""Python's int past 64 bits (issue 19): compiled code computes with 64-bit ints, and a call in
which an int leaves them (a result, an argument, a constant) is run again by CPython from its
arguments, with nothing of the compiled run left behind (templates/module.cpp.j2, capi::rerun).
So every result below is CPython's exactly, at any size, and the arguments afterwards are in
CPython's state. What it printed is replayed (held back while CPython's run writes it again) and
what it drew from random is put back. Where the call had already called Python or was given a
NumPy array, it cannot run again, and fails with an OverflowError that says why: the only refusal
left."""
import copy
import math
import operator
import random
import sys
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable

import numpy as np
import pytest
from numpy.typing import NDArray

from difftest import check, check_all
import pyrite
from pyrite import accelerate

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
EDGES = [0, 1, -1, 2, 3, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1, 2 ** 62, -(2 ** 62), 2 ** 32, 3 ** 39]
BIG = [2 ** 63, -(2 ** 63) - 1, 2 ** 64, 10 ** 30, -(10 ** 40), 3 ** 100]
MASK = 2 ** 64 - 1  # a global beyond 64 bits


@accelerate
def factorial(n: int) -> int:
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


@accelerate
def factorial_rec(n: int) -> int:
    return 1 if n <= 1 else n * factorial_rec(n - 1)


@accelerate
def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@accelerate
def power(base: int, exp: int) -> int:
    return base ** exp


@accelerate
def arith(a: int, b: int) -> tuple[int, int, int, int, int, int]:
    return a + b, a - b, a * b, -a, abs(b), a // -1 if a else 0


@accelerate
def shifted(a: int, k: int) -> int:
    return a << k


@accelerate
def echo(x: int) -> int:
    return x


@accelerate
def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


@accelerate
def halve_all(xs: list[int], d: dict[str, int]) -> int:
    for i in range(len(xs)):
        xs[i] //= 2
    for k in d:
        d[k] += 1
    return len(xs) + len(d)


@accelerate
def factorials(n: int) -> list[int]:
    out = [1]
    for i in range(1, n + 1):
        out.append(out[-1] * i)
    return out


@accelerate
def grow_then_square(xs: list[int], n: int) -> int:
    # appends first: CPython's list afterwards has them once, whatever the compiled run did
    for i in range(n):
        xs.append(i)
    return xs[-1] ** 20


@dataclass
class Account:
    owner: str
    balance: int
    history: list[int]


@accelerate
def compound(accounts: dict[str, Account], rate: int, years: int) -> int:
    richest = 0
    for name, a in accounts.items():
        for _ in range(years):
            a.history.append(a.balance)
            a.balance = a.balance * rate // 100
        richest = max(richest, a.balance)
    return richest


@accelerate
def handled(n: int) -> int:
    try:
        return 7 ** n
    except Exception:  # CPython raises nothing: this handler never runs
        return -1
    except OverflowError:
        return -2


@accelerate
def finally_returns(n: int, log: list[int]) -> int:
    try:
        log.append(n)
        x = 5 ** n
        log.append(x % 1000)
    finally:
        log.append(-1)
        return len(log)


class Suppress:
    def __enter__(self) -> "Suppress":
        return self

    def __exit__(self, kind, value, tb) -> bool:
        return True


@accelerate
def suppressed(n: int) -> int:
    r = -5
    with Suppress():
        r = 11 ** n
    return r


@accelerate
def masked_hash(s: str) -> int:
    h = 0xCBF29CE484222325
    for c in s:
        h = ((h ^ ord(c)) * 0x100000001B3) & MASK
    return h


@accelerate
def literal_in_branch(x: int) -> int:
    if x > 100:
        return x + 123456789012345678901234567890  # evaluated only when taken
    return x * 2


@accelerate
def converted(s: str, f: float) -> tuple[int, int, int]:
    return int(s), round(f), int(f)


@accelerate
def library(n: int, k: int) -> tuple[int, int, int]:
    return math.factorial(n), math.comb(n, k), math.lcm(n * 1000003, 2 ** 40 + 15, 999999937)


def squares_upto(n: int):
    for i in range(n):
        yield i ** 6


@accelerate
def generated(n: int) -> int:
    return sum(squares_upto(n))


@accelerate
def running_products(xs: list[int]) -> list[int]:
    return list(accumulate(xs, operator.mul))


@accelerate
def inner(n: int) -> int:
    return 3 ** n


@accelerate
def outer(ns: list[int]) -> int:
    s = 0
    for n in ns:
        s += inner(n) % 1000
    return s


@accelerate
def keyed(d: dict[int, int], s: set[int]) -> int:
    n = 0
    for k, v in d.items():
        if k in s:
            n += v
    return n


@accelerate
def announced(n: int) -> int:
    print("computing", n)
    return 3 ** n


@accelerate
def announced_after(n: int) -> int:
    r = 3 ** n
    print("computed")
    return r % 10


@accelerate
def drawn(n: int) -> int:
    x = random.randrange(1000)
    return x * 10 ** n


@accelerate
def many_then_big(n: int, draws: int) -> int:
    s = 0
    for _ in range(draws):  # 2000 draws: the generator twists (its 624 words change) before the overflow
        s += random.randrange(10)
    return (s + 1) * 10 ** n


@accelerate
def seeded_then_big(n: int) -> int:
    g = random.gauss(0.0, 1.0)
    random.seed(3)  # rewrites the words and gauss_next: both put back before CPython's run
    return random.randrange(100) * 10 ** n + int(g > 0)


@accelerate
def drawn_from(r: random.Random, n: int) -> int:
    g = r.gauss(0.0, 1.0)  # leaves the pair's second value in r.gauss_next, put back too
    return r.randrange(1000) * 10 ** n + int(g > 0)


@accelerate
def draws_after(n: int) -> float:
    big = 10 ** n
    return random.random() + big % 7


@accelerate
def array_sum(a: NDArray[np.int64], k: int) -> int:
    s = 0
    for x in a:
        s += int(x) * k
    return s


@accelerate
def mulmod(a: int, b: int, m: int) -> int:
    return a * b % m


@accelerate
def muladd_floordiv(a: int, b: int, c: int, d: int) -> tuple[int, int]:
    return (a * b + c) // d, (a * b - c * a) % d


@accelerate
def is_prime(n: int) -> bool:
    # Miller-Rabin, deterministic below 3.3 * 10**24: x * x % n never leaves 128 bits
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@accelerate
def poly_hash(xs: list[int], base: int, mod: int) -> int:
    h = 0
    for x in xs:
        h = (h * base + x) % mod
    return h


def test_products_read_by_mod_stay_compiled():
    import pyrite
    check_all(mulmod, EDGES, EDGES[:6], [INT64_MAX, INT64_MIN, 1000000007, -7, 1, -1, 0])
    check_all(muladd_floordiv, [INT64_MAX, INT64_MIN, 3], [INT64_MAX, -2], [INT64_MIN, 5], [INT64_MAX, 1, -1, 7, 0])
    for n in (0, 1, 2, 97, 561, 2 ** 61 - 1, 2 ** 62 + 135, 2 ** 63 - 25, 2 ** 63 - 1, 1000000007 * 998244353):
        check(is_prime, n)
    check(poly_hash, [INT64_MAX, 5, INT64_MIN, 0], 2 ** 40 + 7, 2 ** 61 - 1)
    # none of these ran in CPython: the products were 128-bit, the results 64-bit
    assert pyrite.info(is_prime).reruns == 0 and pyrite.info(poly_hash).reruns == 0
    reruns = pyrite.info(muladd_floordiv).reruns
    assert muladd_floordiv(INT64_MAX, INT64_MAX, 5, INT64_MAX) == (INT64_MAX, (INT64_MAX ** 2 - 5 * INT64_MAX) % INT64_MAX)
    assert pyrite.info(muladd_floordiv).reruns == reruns  # a 64-bit quotient: compiled
    assert muladd_floordiv(INT64_MAX, INT64_MAX, 5, 7) == ((INT64_MAX ** 2 + 5) // 7, (INT64_MAX ** 2 - 5 * INT64_MAX) % 7)
    assert pyrite.info(muladd_floordiv).reruns == reruns + 1  # a quotient past 64 bits: CPython's


def test_results_are_cpythons_at_any_size():
    for n in (0, 1, 5, 20, 21, 25, 30, 100, 300):
        check(factorial, n)
        check(factorial_rec, n)
    for n in (0, 1, 90, 92, 93, 94, 200, 1000):
        check(fib, n)
    check_all(power, [2, -2, 3, 10, -1, 0], [0, 1, 62, 63, 64, 100])
    check_all(arith, EDGES, EDGES)
    check_all(shifted, [1, -1, 3, INT64_MAX], [0, 1, 62, 63, 64, 200])
    check(factorials, 30)
    check(library, 30, 15)
    check(library, 10, 3)
    check(generated, 3000)
    check(running_products, list(range(1, 40)))
    check(running_products, [3, -5, 7])
    check(outer, [1, 2, 3, 50, 4])
    check(masked_hash, "hello, world")
    check(masked_hash, "")
    check(literal_in_branch, 5)
    check(literal_in_branch, 500)


def test_conversions_past_64_bits():
    check(converted, "123456789012345678901234567890", 1e20)
    check(converted, "-9223372036854775809", -9.3e18)
    check(converted, "42", 2.5)
    check(converted, "x1", 1.0)  # ValueError, as CPython's message
    check(converted, "1", float("inf"))  # OverflowError of CPython's own: cannot convert float infinity


def test_arguments_past_64_bits():
    for x in BIG + [INT64_MAX, INT64_MIN]:
        check(echo, x)
    check(total, [1, 2, 3])
    check(total, [INT64_MAX, 1, -5])
    check(total, [2 ** 70, -(2 ** 70), 5])
    check(halve_all, [10, 2 ** 65, -3], {"a": 1})  # the list's big item: CPython halves it
    check(halve_all, [10], {"a": INT64_MAX})
    check(keyed, {2 ** 64: 1, 3: 4}, {2 ** 64, 3})
    check(keyed, {1: INT64_MAX, 3: 4}, {1, 3})


def test_the_caller_sees_cpythons_state_after_a_run_again():
    check(grow_then_square, [5], 10)   # 9 ** 20: past 64 bits, the list grows once
    check(grow_then_square, [], 3)     # 2 ** 20: compiled throughout
    accounts = {"ann": Account("ann", 1000, []), "bob": Account("bob", 10 ** 15, [])}
    check(compound, accounts, 110, 5)
    check(compound, accounts, 300, 40)  # bob's balance leaves 64 bits in year 7
    got, want = copy.deepcopy(accounts), copy.deepcopy(accounts)
    assert compound(got, 300, 40) == compound.py_func(want, 300, 40)
    assert got == want and got["bob"].balance == 10 ** 15 * 3 ** 40 and len(got["bob"].history) == 40


def test_handlers_do_not_take_it_and_cpython_runs_them():
    for n in (5, 22, 23, 100):
        check(handled, n)
        check(finally_returns, n, [])
        check(suppressed, n)


@accelerate
def factorial_table(n: int) -> int:
    f = 1
    for i in range(1, n + 1):
        f *= i
        print(i, f)
    return f


@accelerate
def noisy_power(n: int) -> int:
    print("start", n, file=sys.stderr)
    r = 1
    for i in range(n):
        r *= 3
        if i % 10 == 0:
            print("step", i, end=" ")
    print()
    print("done", file=sys.stderr)
    return r


@accelerate
def announced_twice(n: int) -> int:
    print("outer", n)
    return announced(n) + announced_after(n)


@accelerate
def printed_then_raises(n: int) -> int:
    print("before")
    r = 7 ** n
    print("after", r)
    if r > 10 ** 30:
        raise ValueError(f"too big: {r}")
    return r


@accelerate
def called_python_first(f: Callable[[int], int], n: int) -> int:
    k = f(n)
    return 3 ** k


def test_prints_before_it_are_replayed(capsys):
    # CPython runs the call again, its prints write what was shown first: held back, so each row once
    assert factorial_table(25) == math.factorial(25)
    assert capsys.readouterr().out == "".join(f"{i} {math.factorial(i)}\n" for i in range(1, 26))
    assert factorial_table(20) == math.factorial(20)  # fits: compiled throughout
    assert capsys.readouterr().out == "".join(f"{i} {math.factorial(i)}\n" for i in range(1, 21))
    assert announced(10) == 3 ** 10 and announced(50) == 3 ** 50
    assert capsys.readouterr().out == "computing 10\ncomputing 50\n"  # printed once each
    assert announced_after(50) == 3 ** 50 % 10  # the int left 64 bits before the print: run again
    assert capsys.readouterr().out == "computed\n"
    for n in (5, 41, 60):  # both streams, end=" ", an empty print()
        assert noisy_power(n) == 3 ** n
        got = capsys.readouterr()
        noisy_power.py_func(n)
        assert got == capsys.readouterr()
    # a compiled callee that runs again inside CPython's run of its caller: replays nest
    assert announced_twice(50) == 3 ** 50 + 3 ** 50 % 10
    assert capsys.readouterr().out == "outer 50\ncomputing 50\ncomputed\n"
    # CPython's run raises after the replayed text: the text once, then CPython's exception
    assert printed_then_raises(10) == 7 ** 10
    with pytest.raises(ValueError, match=r"too big: 1798465042647412146620280340569649349251249"):
        printed_then_raises(50)
    assert capsys.readouterr().out == f"before\nafter {7 ** 10}\nbefore\nafter {7 ** 50}\n"
    assert pyrite.info(factorial_table).reruns >= 1


def test_a_call_into_python_before_it_cannot_run_again(capsys):
    calls = []

    def f(n):
        calls.append(n)
        return n

    assert called_python_first(f, 10) == 3 ** 10
    with pytest.raises(OverflowError, match=r"CPython could not run the call again: it had already called Python"):
        called_python_first(f, 50)
    assert calls == [10, 50]  # called once each



def test_random_sequence_stays_cpythons():
    # overflow before any draw: CPython's run draws, and the shared sequence goes on as CPython's
    random.seed(11)
    got = [draws_after(30), random.random(), draws_after(3), random.random()]
    random.seed(11)
    want = [draws_after.py_func(30), random.random(), draws_after.py_func(3), random.random()]
    assert got == want
    random.seed(5)
    got = [drawn(3), random.random()]  # fits: compiled throughout
    random.seed(5)
    assert got == [drawn.py_func(3), random.random()]
    # drew first: the generator's state is put back before CPython runs the call (core.hpp's UndoScope),
    # so CPython's run draws the same number and the sequence goes on as CPython's
    random.seed(5)
    got = [drawn(30), random.random(), drawn(25), random.gauss(0.0, 1.0), drawn(2)]
    random.seed(5)
    assert got == [drawn.py_func(30), random.random(), drawn.py_func(25), random.gauss(0.0, 1.0), drawn.py_func(2)]
    rng, again = random.Random(9), random.Random(9)
    assert [drawn_from(rng, 40), rng.random()] == [drawn_from.py_func(again, 40), again.random()]
    for fn, args in ((many_then_big, (30, 2000)), (many_then_big, (3, 2000)), (seeded_then_big, (30,)),
                     (seeded_then_big, (2,))):
        random.seed(1)
        random.gauss(0.0, 1.0)  # a second value waits in gauss_next
        got = [fn(*args), random.getstate()]
        random.seed(1)
        random.gauss(0.0, 1.0)
        assert got == [fn.py_func(*args), random.getstate()], (fn.__name__, args)


def test_numpy_array_arguments_are_not_run_again():
    a = np.arange(5, dtype=np.int64)
    assert array_sum(a, 3) == 30
    with pytest.raises(OverflowError, match=r"NumPy array argument"):
        array_sum(a, 2 ** 62)


def test_verify_mode_sees_no_difference():
    import pyrite
    assert pyrite.compare(factorial, 40)
    assert pyrite.compare(compound, {"x": Account("x", 10 ** 18, [])}, 200, 3)


@accelerate
def cube(n: int) -> int:
    return n * n * n


def test_info_counts_the_calls_that_ran_in_cpython():
    import pyrite
    assert pyrite.info(cube).reruns == 0 and cube(10) == 1000
    assert [cube(n) for n in (2 ** 30, 2 ** 40, 10 ** 7)] == [2 ** 90, 2 ** 120, 10 ** 21]
    info = pyrite.info(cube)
    assert info.reruns == 3 and "ran in CPython 3 call(s)" in repr(info)
    # every call tries compiled code first: what a call does never depends on the calls before it
    with pytest.raises(TypeError, match=r"^cube\(\) argument 'n' must be int, not float$"):
        cube(2.5)  # CPython's cube would return 15.625
    assert [cube(n) for n in range(7)] == [n ** 3 for n in range(7)]
    assert pyrite.info(cube).reruns == 3
