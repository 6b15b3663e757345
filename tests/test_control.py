"""Statements and calls: compiled vs CPython."""
import sys

import pytest

from difftest import FLOATS, INT64_MAX, INT64_MIN, INTS, SMALL_INTS, check, check_all, deepest
import pyrite
from pyrite import accelerate

LIMIT = 10


@accelerate
def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@accelerate
def branches(x: int) -> int:
    if x < 0:
        return -1
    elif x == 0:
        return 0
    elif x < LIMIT:
        return 1
    else:
        return 2


@accelerate
def range_sum(start: int, stop: int, step: int) -> int:
    total = 0
    for i in range(start, stop, step):
        total += i
    return total


@accelerate
def range_forms(n: int) -> tuple[int, int]:
    a = 0
    for i in range(n):
        a += i
    b = 0
    for j in range(2, n):
        b += j
    return a, b


@accelerate
def range_last(start: int, stop: int, step: int) -> int:
    last = -999
    for i in range(start, stop, step):
        last = i
    return last


@accelerate
def loop_var_after(n: int) -> int:
    for i in range(n):
        pass
    return i  # noqa: F821 - unbound when n <= 0, as in CPython


@accelerate
def maybe_unbound(flag: bool) -> int:
    if flag:
        y = 1
    return y  # noqa: F821


@accelerate
def find_first_divisor(n: int) -> int:
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return -1
    return d


@accelerate
def while_else(n: int) -> int:
    k = 0
    while k < n:
        k += 1
        if k == 5:
            break
    else:
        k = -k
    return k


@accelerate
def nested_continue(n: int) -> int:
    count = 0
    for i in range(n):
        if i % 3 == 0:
            continue
        j = 0
        while True:
            j += 1
            if j > i:
                break
            count += j
    return count


@accelerate
def swap_fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@accelerate
def multi_assign(x: int) -> int:
    a = b = x * 2
    a += 1
    return a * 100 + b


@accelerate
def nested_unpack(x: int) -> int:
    (a, b), c = (x, x + 1), x + 2
    return a * 100 + b * 10 + c


@accelerate
def aug_ops(a: int, b: int) -> int:
    x = a
    x += b
    x -= 3
    x *= 2
    x //= 3
    x %= 1000
    x <<= 2
    x >>= 1
    x |= 5
    x &= 255
    x ^= 9
    return x


@accelerate
def annotated(x: int) -> float:
    total: float = 0.0
    y: int = x
    for i in range(y):
        total += i / 2
    return total


@accelerate
def returns_none(x: int) -> None:
    if x > 0:
        return
    x += 1


@accelerate
def implicit_none(x: int):
    y = x + 1  # noqa: F841


@accelerate
def asserts(x: int) -> int:
    assert x >= 0
    assert x < 100, "x too large"
    return x


@accelerate
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n: int) -> bool:
    return True if n == 0 else is_odd(n - 1)


def is_odd(n: int) -> bool:
    return False if n == 0 else is_even(n - 1)


@accelerate
def parity(n: int) -> bool:
    return is_even(n)


def helper(x: float, scale: float = 2.0, shift: int = 1) -> float:
    return x * scale + shift


@accelerate
def calls_with_keywords(x: float) -> float:
    return helper(x) + helper(x, 3.0) + helper(x, shift=5) + helper(scale=0.5, x=x)


@accelerate
def with_defaults(a: int, b: int = 10, c: float = 0.5) -> float:
    return a + b + c


@accelerate
def deep(n: int) -> int:
    if n == 0:
        return 0
    return 1 + deep(n - 1)


@accelerate
def big_range_end() -> int:
    n = 0
    for i in range(9223372036854775800, 9223372036854775807):
        n += 1
    for i in range(-9223372036854775807, -9223372036854775808, -1):
        n += 1
    return n


def test_collatz():
    check_all(collatz_len, [1, 2, 3, 27, 97, 871, 837799])


def test_if_elif_else_and_constants():
    check_all(branches, INTS)


def test_range_forms():
    steps = [1, 2, 3, -1, -2, -3, 7, INT64_MAX, INT64_MIN]
    check_all(range_sum, [0, 1, -5, 10], [0, 10, -10, 3], steps)  # short ranges only: CPython runs them too
    for args in [(INT64_MAX - 3, INT64_MAX, 1), (INT64_MAX - 3, INT64_MAX, 2), (INT64_MIN + 3, INT64_MIN, -1),
                 (INT64_MIN + 3, INT64_MIN, -2), (0, INT64_MAX, INT64_MAX), (INT64_MIN, INT64_MAX, INT64_MAX),
                 (INT64_MAX, INT64_MIN, INT64_MIN), (-1, INT64_MIN, INT64_MIN), (5, 0, 1), (0, 5, -1)]:
        check(range_last, *args)
    check_all(range_forms, [0, 1, 2, 10, -3])
    check(big_range_end)


def test_range_step_zero():
    check(range_sum, 0, 10, 0)


def test_unbound_locals():
    check_all(loop_var_after, [-1, 0, 1, 5])
    check_all(maybe_unbound, [True, False])


def test_loop_else_break_continue():
    check_all(find_first_divisor, [2, 3, 4, 9, 17, 91, 97])
    check_all(while_else, [0, 3, 5, 10])
    check_all(nested_continue, [0, 1, 5, 20])


def test_assignments():
    check_all(swap_fib, [0, 1, 2, 10, 50, 91, 93])  # at 92 the loop computes fib(93): OverflowError by contract
    check_all(multi_assign, SMALL_INTS)
    check_all(nested_unpack, SMALL_INTS)
    check_all(aug_ops, SMALL_INTS, SMALL_INTS)
    check_all(annotated, [0, 1, 10])


def test_none_returns():
    check_all(returns_none, [-1, 0, 1])
    check_all(implicit_none, [0])


def test_assert():
    # pytest rewrites asserts in this file's Python functions, so compare types, then messages directly
    check_all(asserts, [-1, 0, 50, 100], message=False)
    with pytest.raises(AssertionError) as bare:
        asserts(-1)
    assert bare.value.args == ()
    with pytest.raises(AssertionError, match="^x too large$"):
        asserts(100)


def test_recursion():
    check_all(fib, [0, 1, 2, 10, 20])
    check_all(parity, [0, 1, 7, 100])


def test_recursion_limit_matches_cpython():
    # compiled frames count against the frames CPython has left, one each, so the
    # deepest recursion that succeeds is the same, through mutual recursion and
    # through a non-recursive compiled function that calls a recursive one
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        for fn in (deep, parity):
            ref = pyrite.interpreted(fn)
            expected = deepest(ref, 1000)
            assert 300 < expected < 400
            assert deepest(fn, 1000) == expected, fn.__name__
    finally:
        sys.setrecursionlimit(old)


def test_runaway_recursion_raises_recursion_error():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(500)
    try:
        assert deep(400) == 400
        with pytest.raises(RecursionError):
            deep(10 ** 7)
    finally:
        sys.setrecursionlimit(old)


def test_calls_keywords_and_defaults():
    check_all(calls_with_keywords, FLOATS)
    check(with_defaults, 1)
    check(with_defaults, 1, 2)
    check(with_defaults, 1, 2, 3.5)
    check(with_defaults, 1, c=2.0)
    check(with_defaults, b=3, a=4)


# ---------------------------------------------------------------- unrolled while loops
# a while loop of a few int and float assignments is unrolled by 4 (opt/loops.cpp's
# arithmetic_loop): its test runs before each copy, so break, continue and else are Python's
@accelerate
def escape_count(x: float, y: float, n: int) -> tuple[int, float, float]:
    k = 0
    while k < n and x * x + y * y < 4.0:
        x, y = x * x - y * y - 0.8, 2.0 * x * y + 0.156
        k += 1
    return k, x, y


@accelerate
def unrolled_with_else(a: int, n: int) -> tuple[int, int]:
    k = 0
    hits = 0
    while k < n:
        k += 1
        if k % 3 == 0:
            continue
        if a * k > 50:
            break
        hits += 1
    else:
        hits = -hits
    return k, hits


def test_unrolled_while_loops():
    for x, y in ((0.0, 0.0), (0.3, 0.5), (1.9, 0.1), (2.5, 0.0), (float("nan"), 0.0), (float("inf"), 1.0)):
        check_all(escape_count, [x], [y], [0, 1, 2, 3, 4, 5, 7, 100, -3])
    check_all(unrolled_with_else, [0, 1, 7, 60, -2], [0, 1, 3, 4, 5, 9, 10])


@accelerate
def arms_in_closures(xs: list[int], k: int) -> tuple[list[int], int, list[int]]:
    # selected arms inside a comprehension, a lambda used as a key, and a generator; an unrolled
    # while inside a generator's loop
    steps = [x // 2 if x % 2 == 0 else 3 * x + 1 for x in xs]
    best = max(xs, key=lambda x: -x if x % 3 == 0 else x * k)

    def orbit(n: int):
        while n != 1 and n < 10 ** 6:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            yield n
    return steps, best, list(orbit(xs[0])) if xs else []


def test_selected_arms_in_closures_and_generators():
    check_all(arms_in_closures, [[7, 8, 27], [2 ** 62 + 1, 4], [(2 ** 63 - 1) // 3 | 1]], [1, -3, 2 ** 62])
    check(arms_in_closures, [], 1)  # max() of nothing: ValueError
