"""Operators: compiled vs CPython on edge values and random ones (hypothesis)."""
from hypothesis import given, settings, strategies as st

import traceback
from typing import Callable

import pytest

from difftest import BOOLS, FLOATS, INT64_MAX, INT64_MIN, INTS, SMALL_INTS, check, check_all
from pyrite import accelerate

# ---------------------------------------------------------------- kernels
@accelerate
def i_add(a: int, b: int): return a + b
@accelerate
def i_sub(a: int, b: int): return a - b
@accelerate
def i_mul(a: int, b: int): return a * b
@accelerate
def i_truediv(a: int, b: int): return a / b
@accelerate
def i_floordiv(a: int, b: int): return a // b
@accelerate
def i_mod(a: int, b: int): return a % b
@accelerate
def i_pow(a: int, b: int): return a ** b
@accelerate
def i_pow_neg_const(a: int): return a ** -2
@accelerate
def i_pow_const(a: int): return a ** 3
@accelerate
def i_lshift(a: int, b: int): return a << b
@accelerate
def i_rshift(a: int, b: int): return a >> b
@accelerate
def i_bits(a: int, b: int): return (a & b, a | b, a ^ b, ~a)
@accelerate
def i_unary(a: int): return (-a, +a, not a)

@accelerate
def f_add(a: float, b: float): return a + b
@accelerate
def f_sub(a: float, b: float): return a - b
@accelerate
def f_mul(a: float, b: float): return a * b
@accelerate
def f_truediv(a: float, b: float): return a / b
@accelerate
def f_floordiv(a: float, b: float): return a // b
@accelerate
def f_mod(a: float, b: float): return a % b
@accelerate
def f_pow(a: float, b: float): return a ** b
@accelerate
def f_unary(a: float): return (-a, +a, not a)

@accelerate
def m_add(a: int, b: float): return a + b
@accelerate
def m_sub(a: float, b: int): return a - b
@accelerate
def m_mul(a: int, b: float): return a * b
@accelerate
def m_div(a: int, b: float): return a / b
@accelerate
def m_floordiv(a: float, b: int): return a // b
@accelerate
def m_mod(a: int, b: float): return a % b
@accelerate
def m_pow(a: int, b: float): return a ** b
@accelerate
def m_cmp(a: int, b: float): return (a < b, a <= b, a > b, a >= b, a == b, a != b)
@accelerate
def m_cmp_rev(a: float, b: int): return (a < b, a <= b, a > b, a >= b, a == b, a != b)

@accelerate
def b_arith(a: bool, b: bool): return (a + b, a - b, a * b, a & b, a | b, a ^ b, -a, ~a, a < b)
@accelerate
def b_int(a: bool, b: int): return (a + b, a * b, a == b, a & b)

@accelerate
def chained(a: int, b: float, c: int): return a < b <= c
@accelerate
def chained4(a: int, b: int, c: int, d: int): return a < b < c < d
@accelerate
def and_or_values(a: int, b: int): return (a and b, a or b, a and b or 7)
@accelerate
def and_or_test(a: int, b: float):
    if a and b:
        return 1
    if a or b:
        return 2
    return 3
@accelerate
def not_values(a: int, b: float, c: bool): return (not a, not b, not c, not (a and b))
@accelerate
def ifexp(a: int, b: int): return a if a > b else b
@accelerate
def float_eq_int(a: float): return a == 1 and 1 == a
@accelerate
def none_cmp(a: int): return (None is None, None == a, a != None)  # noqa: E711
@accelerate
def pow_func(a: int, b: int): return pow(a, b)
@accelerate
def pow_mod(a: int, b: int, m: int): return pow(a, b, m)

# ---------------------------------------------------------------- edge values
def test_int_arith():
    for f in (i_add, i_sub, i_mul, i_floordiv, i_mod, i_truediv, i_bits):
        check_all(f, INTS, INTS)


def test_int_pow_and_shifts():
    check_all(i_pow, SMALL_INTS + [2, 10], [0, 1, 2, 3, 10, 62, 63, 64])
    check_all(i_pow_neg_const, [1, 2, -2, 0, 3])
    check_all(i_pow_const, INTS)
    check_all(i_lshift, INTS, SMALL_INTS)
    check_all(i_rshift, INTS, SMALL_INTS + [100, 2 ** 62])
    check_all(pow_func, [2, -3, 0], [0, 1, 5])


def test_int_pow_negative_variable_exponent_is_refused():
    # CPython gives a float; the compiled expression is typed int, so it raises, never silently differs
    import pytest
    with pytest.raises(ValueError, match="negative int"):
        i_pow(2, -1)


def test_pow_mod():
    check_all(pow_mod, [0, 1, 2, 3, -3, 7, INT64_MAX], [0, 1, 5, 64, -1, -2], [1, 2, 7, 13, -7, 0, INT64_MAX])


def test_int_unary():
    check_all(i_unary, INTS)


def test_float_arith():
    for f in (f_add, f_sub, f_mul, f_truediv, f_floordiv, f_mod, f_pow):
        check_all(f, FLOATS, FLOATS)
    check_all(f_unary, FLOATS)


def test_float_pow_special_cases():
    check_all(f_pow, [-8.0, -2.0, -1.0, -0.0, 0.0, 0.5, 2.0, 10.0], [-1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 1000.0, -1000.0])


def test_mixed_arith():
    for f in (m_add, m_mul, m_div, m_mod, m_pow):
        check_all(f, INTS, FLOATS)
    for f in (m_sub, m_floordiv):
        check_all(f, FLOATS, INTS)


def test_mixed_comparisons_are_exact():
    # 2**53 + 1 is not equal to the float 2.0**53, although C++'s conversion would say so
    check_all(m_cmp, INTS, FLOATS)
    check_all(m_cmp_rev, FLOATS, INTS)
    check(m_cmp, 2 ** 53 + 1, 2.0 ** 53)
    check(m_cmp, INT64_MAX, 2.0 ** 63)


def test_bools():
    check_all(b_arith, BOOLS, BOOLS)
    check_all(b_int, BOOLS, INTS)


def test_comparisons_and_logic():
    check_all(chained, SMALL_INTS, FLOATS, SMALL_INTS)
    check_all(chained4, [1, 2, 3], [1, 2, 3], [1, 2, 3], [2, 3, 4])
    check_all(and_or_values, SMALL_INTS, SMALL_INTS)
    check_all(and_or_test, SMALL_INTS, FLOATS)
    check_all(not_values, SMALL_INTS, FLOATS, BOOLS)
    check_all(ifexp, INTS, INTS)
    check_all(float_eq_int, FLOATS)
    check_all(none_cmp, SMALL_INTS)


# ---------------------------------------------------------------- random values
int64 = st.integers(INT64_MIN, INT64_MAX)
anyfloat = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=300, deadline=None)
@given(int64, int64)
def test_int_ops_random(a, b):
    for f in (i_add, i_sub, i_mul, i_floordiv, i_mod, i_truediv, i_bits):
        check(f, a, b)


@settings(max_examples=300, deadline=None)
@given(int64, int64)
def test_true_division_is_correctly_rounded(a, b):
    check(i_truediv, a, b)


@settings(max_examples=300, deadline=None)
@given(anyfloat, anyfloat)
def test_float_ops_random(a, b):
    for f in (f_add, f_sub, f_mul, f_truediv, f_floordiv, f_mod, f_pow):
        check(f, a, b)


@settings(max_examples=300, deadline=None)
@given(int64, anyfloat)
def test_mixed_random(a, b):
    check(m_cmp, a, b)
    check(m_add, a, b)
    check(m_div, a, b)


@settings(max_examples=200, deadline=None)
@given(st.integers(-10 ** 6, 10 ** 6), st.integers(-40, 70), st.integers(-10 ** 6, 10 ** 6))
def test_pow_mod_random(a, b, m):
    check(pow_mod, a, b, m)


# ---------------------------------------------------------------- constant operands
# // and % by a constant power of two are a shift and a mask, k * x by a constant k a range test
# (ops.hpp); a conditional expression whose arms are a few int operations computes both and
# selects one, raising only where the selected arm overflows (Emitter::if_exp)
@accelerate
def by_constants(x: int) -> tuple[int, int, int, int, int, int, int, int]:
    return x // 2, x % 2, x // 8, x % 8, x // 2 ** 62, x % 2 ** 62, x // 1, x % 1


@accelerate
def times_constants(x: int) -> tuple[int, int, int]:
    return 3 * x, x * 5, x * 2 ** 32


@accelerate
def times_three_plus_one(x: int) -> int:
    return 3 * x + 1


@accelerate
def collatz_step(n: int) -> int:
    return n // 2 if n % 2 == 0 else 3 * n + 1


@accelerate
def select_arms(c: int, a: int, b: int) -> tuple[int, int, int, int]:
    # the arm not selected may overflow; the selected one raises as Python's would
    return (a * b if c > 0 else a - b,
            -a if c else a + 1,
            (a + b) * 2 if c > 1 else (a - b if c > 0 else a * b),
            a * b - 1 if c & 1 else b // 3 + (a % 5 ^ b))


@accelerate
def select_after_walrus(n: int) -> tuple[int, int]:
    # the condition runs first: what it binds, the arms read
    r = (n * 2 if (n := n + 1) > 3 else n - 1)
    return r, n


@accelerate
def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def test_constant_operands():
    edges = INTS + [7, -7, -8, 9, -9, 2 ** 62 + 3, -(2 ** 62) - 3, INT64_MAX // 3, INT64_MAX // 3 + 1,
                    INT64_MIN // 3, INT64_MIN // 3 - 1, -(INT64_MAX // 3), INT64_MAX // 5 + 1, INT64_MIN // 5,
                    2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1]
    for x in edges:
        check(by_constants, x)
        check(times_constants, x)
        check(times_three_plus_one, x)
        check(collatz_step, x)
    for x in (INT64_MAX // 3, (INT64_MAX - 1) // 3, (INT64_MAX - 1) // 3 + 1, INT64_MIN // 3 + 1):
        check(times_three_plus_one, x)  # 3x fits, 3x + 1 may not


def test_conditional_expression_arms():
    vals = [0, 1, -1, 3, 2 ** 32, -(2 ** 32), INT64_MAX, INT64_MIN, INT64_MAX // 2 + 1]
    check_all(select_arms, [0, 1, 2, 3, -1], vals, vals)
    check_all(select_after_walrus, [-5, 2, 3, 4, INT64_MAX - 1, INT64_MAX])
    check_all(collatz_len, [1, 2, 3, 27, 97, 871, 77031, 2 ** 40 + 1])
    # a start whose 3n + 1 leaves 64 bits on the way: the call runs in CPython
    check(collatz_len, (INT64_MAX // 3) | 1)


@accelerate
def step_stmt(n: int) -> int:
    # if c: x = t else: x = f is a selection of two computed arms too
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    return n


@accelerate
def step_after_python(f: Callable[[int], int], n: int) -> int:
    n = f(n)  # a call into Python: an int past 64 bits after it cannot run again in CPython
    if n > 0:
        n = n * 3
    else:
        n = n - 1
    return n


def test_if_statement_arms():
    for x in (0, 1, 2, 7, 8, -7, -8, INT64_MAX, INT64_MIN, INT64_MAX // 3, INT64_MAX // 3 + 1, INT64_MIN // 3 - 1):
        check(step_stmt, x)
    assert step_after_python(abs, -5) == 15 and step_after_python(int, -5) == -6
    # where it overflows, the traceback names the selected arm's line, as CPython's would
    lines = []
    for n in (INT64_MAX // 2, INT64_MIN):
        with pytest.raises(OverflowError, match="CPython could not run the call again") as e:
            step_after_python(int, n)
        lines.append(traceback.extract_tb(e.value.__traceback__)[-1].lineno)
    first = step_after_python.__wrapped__.__code__.co_firstlineno if hasattr(step_after_python, "__wrapped__") else None
    assert lines[0] + 2 == lines[1], lines  # n = n * 3, then n = n - 1 two lines below
    if first is not None:
        assert lines[0] == first + 4, (lines, first)
