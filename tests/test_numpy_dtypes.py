"""NumPy dtypes, NumPy scalars and the np.* library: every dtype as an array item; items
are NumPy scalars whose arithmetic is NumPy's (integers wrap, x / 0.0 is inf, Python ints
and floats are "weak", NEP 50); element-wise expressions with broadcasting; ufuncs;
reductions with and without axis= in C, Fortran and strided layouts; making arrays;
reshaping; dot and @; fancy and mask indexing; NDArray annotations.

Each function also runs interpreted on real NumPy; results (dtype included, a numpy
scalar's type included), exceptions and what happened to the argument arrays must
agree bit for bit, except where noted: functions NumPy computes with its own SIMD
code or BLAS (exp, log, tan, arctan2, hypot, dot/@ of floats, sums of arrays that are
neither C- nor Fortran-contiguous) are compared within a stated tolerance.
"""
import itertools
import warnings

import numpy as np
import numpy.typing as npt
import pytest

import pyrite
from difftest import check, check_all, load_source, same
from pyrite import accelerate, b1, c64, c128, f32, f64, i8, i16, i32, i64, u8, u16, u64

warnings.filterwarnings("ignore", category=RuntimeWarning)  # NumPy's overflow and divide warnings

INT_EDGES = {
    i8: [-128, -7, -1, 0, 1, 5, 127],
    u8: [0, 1, 5, 200, 255],
    i16: [-32768, -300, -1, 0, 1, 7, 32767],
    i32: [-2 ** 31, -1, 0, 3, 2 ** 31 - 1],
    i64: [-2 ** 63, -2 ** 62, -1, 0, 1, 9, 2 ** 63 - 1],
    u64: [0, 1, 7, 2 ** 63, 2 ** 64 - 1],
}
FLOAT_EDGES = [0.0, -0.0, 1.0, -1.5, 2.5, 1e30, -1e-30, np.inf, -np.inf, np.nan, 3.0]
DTYPE = {i8: np.int8, u8: np.uint8, i16: np.int16, i32: np.int32, i64: np.int64, u64: np.uint64,
         f32: np.float32, f64: np.float64, b1: np.bool_}


# ---------------------------------------------------------------- NumPy scalars
@accelerate
def int8_ops(a: i8[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return (x + y, x - y, x * y, x // y, x % y, x / y, x & y, x | y, x ^ y, -x, ~x,
            x + 1, 2 * x, x - 3, x < y, x == y, x >= 100, x < 300, x * 1.5)


@accelerate
def uint8_ops(a: u8[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return (x + y, x - y, x * y, x // y, x % y, x / y, -x, x + 1, x > y, x < -1, x * 0.5)


@accelerate
def int16_ops(a: i16[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return (x + y, x - y, x * y, x // y, x % y, x / y, -x, x + 1, x << 3, x >> 2)


@accelerate
def int32_ops(a: i32[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return x + y, x - y, x * y, x // y, x % y, x / y, -x, x + 1, x < y


@accelerate
def int64_ops(a: i64[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return x + y, x - y, x * y, x // y, x % y, x / y, -x, x + 1, x * 3, x < y, x ** 2


@accelerate
def uint64_ops(a: u64[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return x + y, x - y, x * y, x // y, x % y, x / y, x > y, x == 7, x + 1


@accelerate
def mixed_ints(a: i8[:], b: u8[:], c: i32[:], d: u64[:], e: i64[:]):
    # numpy.result_type: int8 + uint8 is int16, uint64 + int64 is float64, ...
    return a[0] + b[0], b[0] * c[0], c[0] - a[0], d[0] + e[0], a[0] / b[0], d[0] > e[0], a[0] == b[0]


@accelerate
def float32_ops(a: f32[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return (x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x, x + 0.1, x * 2, x < y, x == 0.1,
            x + a[i] * y)


@accelerate
def float64_ops(a: f64[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return x + y, x - y, x * y, x / y, x // y, x % y, x ** y, -x, x + 1, 2.0 / x, x < y, x != y


@accelerate
def bool_ops(a: b1[:], i: int, j: int):
    x = a[i]
    y = a[j]
    return x + y, x * y, x & y, x | y, x ^ y, ~x, x + 1, x * 2.5, x == y


@accelerate
def bool_sub(a: b1[:]):
    return a[0] - a[1]


@accelerate
def weak_int_overflow(a: i8[:], v: int):
    return a[0] + v


@accelerate
def int_pow(a: i64[:], e: int):
    return a[0] ** a[1], a[0] ** e


@accelerate
def accumulate(a: i8[:], b: f32[:]):
    s = 0          # becomes a numpy.int8 at the first addition, as in CPython (NEP 50)
    t = 0.0        # a numpy.float32
    for k in range(len(a)):
        s += a[k]
        t += b[k] * 0.5
    return s, t


@accelerate
def as_python(a: f32[:], b: i16[:]) -> tuple[float, int, float, int, bool]:
    return a[0], b[0], float(b[0]), int(a[0]), bool(a[1])


@accelerate
def scalar_ctor(x: float, n: int):
    return np.float32(x), np.int8(n), np.uint16(n), np.float64(n), np.int64(x)


def _pairs(values):
    return list(itertools.product(range(len(values)), repeat=2))


@pytest.mark.parametrize("fn,ann", [(int8_ops, i8), (uint8_ops, u8), (int16_ops, i16), (int32_ops, i32),
                                    (int64_ops, i64), (uint64_ops, u64)])
def test_integer_scalars_wrap_like_numpy(fn, ann):
    a = np.array(INT_EDGES[ann], dtype=DTYPE[ann])
    for i, j in _pairs(a):
        check(fn, a, i, j)


@pytest.mark.parametrize("fn,ann", [(float32_ops, f32), (float64_ops, f64)])
def test_float_scalars_follow_ieee_like_numpy(fn, ann):
    a = np.array(FLOAT_EDGES + [0.1, -7.25], dtype=DTYPE[ann])
    for i, j in _pairs(a):
        check(fn, a, i, j)


def test_bool_and_mixed_scalars():
    a = np.array([True, False])
    for i, j in _pairs(a):
        check(bool_ops, a, i, j)
    check(bool_sub, a)  # TypeError, NumPy's message
    check_all(mixed_ints, [np.array([-5, 127], np.int8)], [np.array([200, 0], np.uint8)],
              [np.array([-(2 ** 31), 9], np.int32)], [np.array([2 ** 64 - 1, 3], np.uint64)],
              [np.array([-1, 2 ** 63 - 1], np.int64)])


def test_weak_python_ints_and_powers():
    a = np.array([100, -3], np.int8)
    for v in [1, 27, 28, 127, 300, -129, -1]:
        check(weak_int_overflow, a, v)  # OverflowError "Python integer 300 out of bounds for int8"
    for base, e in [(3, 5), (2, 63), (-2, 3), (7, 0), (2, -1), (0, 0)]:
        check(int_pow, np.array([base, e]), e)  # ValueError for negative integer powers


def test_accumulators_and_conversions():
    check(accumulate, np.array([100, 100, -50], np.int8), np.array([0.1, 0.2, 0.3], np.float32))
    check(accumulate, np.zeros(0, np.int8), np.zeros(0, np.float32))
    check(as_python, np.array([2.75, 0.0], np.float32), np.array([-3], np.int16))
    for x, n in [(1.1, 5), (-2.9, 127), (1e300, -1), (2.5, 300), (float("nan"), 0)]:
        check(scalar_ctor, x, n)


# ---------------------------------------------------------------- element-wise
@accelerate
def elementwise(a: i8[:, :], b: f32[:], c: u16[:, :]):
    return (a + b, a * c, c - 1, a // 3, a % 3, b / 2, a > b, (a > 0) & (c > 1), ~(a > 0), -a,
            a ** 2, c << 2, a - a.T, b * b + 1.0, a / a)


@accelerate
def in_place(a: f64[:, :], b: f64[:], k: i32[:]) -> None:
    a += b          # writes into the caller's array, broadcasting b over the rows
    a[0] *= 2.0
    a[1:, ::2] -= 1.0
    k += 1          # int32 wraps
    k[1:] += k[:-1]  # overlapping: NumPy reads the source first


@accelerate
def broadcast_mismatch(a: f64[:, :], b: f64[:]):
    return a + b


def test_elementwise_dtypes_and_broadcasting():
    a = np.array([[-128, -1, 5], [127, 0, 3]], np.int8)
    b = np.array([0.5, -2.0, np.inf], np.float32)
    c = np.array([[0, 1, 65535], [7, 2, 3]], np.uint16)
    check(elementwise, np.ascontiguousarray(a[:, :2].repeat(2, axis=1)[:, :2].T[:2]), b[:2], c[:, :2][:2, :2].copy())
    sq = np.array([[-128, -1], [127, 3]], np.int8)
    check(elementwise, sq, b[:2], np.array([[0, 1], [65535, 9]], np.uint16))
    check(elementwise, np.asfortranarray(sq), b[::-1][:2], np.array([[0, 1], [65535, 9]], np.uint16)[::-1])
    check(broadcast_mismatch, np.zeros((2, 3)), np.zeros(4))  # ValueError, NumPy's message


def test_in_place_operators_write_the_callers_arrays():
    a = np.arange(12.0).reshape(3, 4)
    check(in_place, a, np.array([1.0, -1.0, 0.5, 2.0]), np.array([2 ** 31 - 1, 1, 2, 3], np.int32))
    check(in_place, np.asfortranarray(a), np.array([1.0, -1.0, 0.5, 2.0]), np.array([0, 1, 2, 3], np.int32))



def test_in_place_casting_rule(tmp_path):
    mod = load_source(tmp_path, "bad_in_place", "import numpy as np\nfrom pyrite import accelerate, i64, f64\n\n"
                      "@accelerate\ndef bad(a: i64[:], b: f64[:]) -> None:\n    a += b\n")
    with pytest.raises(pyrite.CompileError, match=r"bad_in_place.py:6:5: error: Cannot cast ufunc output from "
                                                  r"dtype\('float64'\) to dtype\('int64'\) with casting rule 'same_kind'"):
        mod.bad(np.zeros(2, np.int64), np.zeros(2))


# ---------------------------------------------------------------- ufuncs
@accelerate
def exact_ufuncs(a: f64[:], b: f32[:], k: i16[:]):
    return (np.sqrt(a), np.floor(a), np.ceil(a), np.trunc(b), np.abs(k), np.abs(a), np.square(k),
            np.isnan(a), np.isinf(b), np.isfinite(a), np.minimum(a, 0.5), np.maximum(b, k),
            np.where(a > 0, a, -1.0), np.where(k > 0, k, 0), np.sqrt(k), np.sin(a), np.cos(a),
            np.sqrt(2.0), np.floor(-2.5), np.minimum(3, 4), np.abs(-3), np.fabs(k))


@accelerate
def libm_ufuncs(a: f64[:], b: f64[:]):
    return np.exp(a), np.log(a), np.tan(a), np.arctan2(a, b), np.hypot(a, b), np.log10(a), np.tanh(a)


@accelerate
def log1p_expm1(a: f64[:], c: f32[:], k: i16[:]):
    # one table line and one kernel each (ops/ops.def, numpy.hpp): typed, fused and emitted as the others
    return (np.log1p(a), np.expm1(a), np.log1p(c), np.expm1(k), np.log1p(a * 0.5) + np.expm1(c), np.log1p(a[0]),
            np.expm1(2))


def test_log1p_expm1():
    rng = np.random.default_rng(5)
    a = np.concatenate([rng.uniform(-0.99, 20, 200), [0.0, -0.0, 1e-300, -1e-300, np.inf, np.nan, -1.0, -2.0]])
    c = a.astype(np.float32)
    k = np.arange(-104, 104, dtype=np.int16)[:a.size]
    with np.errstate(all="ignore"):
        got = log1p_expm1(a, c, k)
        want = pyrite.interpreted(log1p_expm1)(a, c, k)
    for i, (g, w) in enumerate(zip(got, want)):
        assert type(g) is type(w) and np.asarray(g).dtype == np.asarray(w).dtype
        if i == 4:  # float64 + a float32 expm1 (within 4 of float32's ulp: NumPy's AVX-512 routine vs libm)
            np.testing.assert_allclose(g, w, rtol=4 * np.finfo(np.float32).eps, atol=0)
        else:
            np.testing.assert_array_max_ulp(np.asarray(g), np.asarray(w), maxulp=4)
        assert np.array_equal(np.isnan(g), np.isnan(w))


@accelerate
def inverse_hyperbolic_and_roots(a: f64[:], c: f32[:], k: i16[:]):
    return (np.arcsinh(a), np.arccosh(a), np.arctanh(a * 0.01), np.exp2(a), np.cbrt(a), np.arcsinh(c), np.cbrt(c),
            np.exp2(k), np.cbrt(k), np.arctanh(0.5), np.cbrt(-27))


@accelerate
def angles_rint_copysign(a: f64[:], c: f32[:], k: i16[:]):
    return (np.deg2rad(a), np.radians(c), np.rad2deg(a), np.degrees(k), np.rint(a), np.rint(c), np.rint(k),
            np.copysign(a, -1.0), np.copysign(k, a), np.copysign(c, c[::-1]), np.rint(2.5), np.degrees(1),
            np.deg2rad(a * 2.0) + np.rint(a))


def test_more_ufuncs():
    rng = np.random.default_rng(11)
    a = np.concatenate([rng.uniform(-30, 30, 200), [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 1.0, np.inf, -np.inf, np.nan, 1e-300]])
    c = a.astype(np.float32)
    k = np.arange(-105, 106, dtype=np.int16)[:a.size]
    with np.errstate(all="ignore"):
        got = inverse_hyperbolic_and_roots(a, c, k)
        want = pyrite.interpreted(inverse_hyperbolic_and_roots)(a, c, k)
    for g, w in zip(got, want):  # the C library's functions, as NumPy's loops call them: within 4 ulp
        assert type(g) is type(w) and np.asarray(g).dtype == np.asarray(w).dtype
        np.testing.assert_array_max_ulp(np.asarray(g), np.asarray(w), maxulp=4)
        assert np.array_equal(np.isnan(g), np.isnan(w))
    check(angles_rint_copysign, a, c, k)  # multiplications, rounding and signs: to the bit


def test_ufuncs_exact():
    a = np.array([0.0, -0.0, 1.5, -2.5, 4.0, np.inf, -np.inf, np.nan, 1e-310, 2.5])
    b = a.astype(np.float32)
    k = np.array([-32768, -3, 0, 5, 181, 32767, 2, -1, 9, 100], np.int16)
    check(exact_ufuncs, a, b, k)
    check(exact_ufuncs, a[::-1], b[::2].repeat(2), k[::-1])


def test_ufuncs_numpy_computes_with_its_own_simd_code():
    # NumPy evaluates exp/log/tan/arctan2/hypot with its own vectorized routines, pyrite
    # with the C library: equal within 4 ulp, and exactly on special values
    rng = np.random.default_rng(3)
    a = np.concatenate([rng.uniform(-20, 20, 300), [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0]])
    b = np.concatenate([rng.uniform(-5, 5, 300), [1.0, -1.0, 2.0, np.inf, 0.0, -0.0]])
    got = libm_ufuncs(a, b)
    want = pyrite.interpreted(libm_ufuncs)(a, b)
    for g, w in zip(got, want):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_max_ulp(g, w, maxulp=4)
        assert np.array_equal(np.isnan(g), np.isnan(w))


# ---------------------------------------------------------------- reductions
@accelerate
def reduce_all(a: f64[:, :]):
    return (a.sum(), a.prod(), a.min(), a.max(), a.mean(), a.std(), a.var(), a.var(ddof=1), a.argmin(),
            a.argmax(), a.any(), a.all(), a.cumsum(), np.sum(a), np.mean(a), np.amax(a))


@accelerate
def reduce_axes(a: f64[:, :]):
    return (a.sum(axis=0), a.sum(axis=1), a.sum(axis=-1), a.prod(axis=0), a.min(axis=1), a.max(axis=0),
            a.mean(axis=0), a.mean(axis=1), a.std(axis=0), a.var(axis=1, ddof=1), a.argmin(axis=0),
            a.argmax(axis=1), a.any(axis=0), a.all(axis=1), a.cumsum(axis=0), a.cumsum(axis=1),
            np.sum(a, axis=1), np.cumprod(a, axis=1))


@accelerate
def reduce_ints(a: i8[:, :], b: u8[:], c: b1[:, :]):
    return (a.sum(), a.prod(), a.min(), a.max(), a.mean(), a.var(), a.argmax(), a.sum(axis=0), a.cumsum(),
            b.sum(), b.max(), b.mean(), c.sum(), c.any(), c.all(axis=0), c.sum(axis=1), a.std(axis=1))


@accelerate
def reduce_f32(a: f32[:]):
    return a.sum(), a.mean(), a.std(), a.min(), a.cumsum(), a.argmin()


@accelerate
def reduce_3d(a: f64[:, :, :]):
    return a.sum(axis=0), a.sum(axis=2), a.max(axis=1), a.sum(), a.argmax(axis=1)


@accelerate
def reduce_empty_max(a: f64[:]):
    return a.max()


@accelerate
def reduce_empty_argmin(a: f64[:, :]):
    return a.argmin(axis=1)


def test_reductions_exact_in_c_and_fortran_order():
    rng = np.random.default_rng(11)
    for shape in [(3, 4), (1, 7), (7, 1), (17, 9), (40, 130)]:
        a = rng.standard_normal(shape) * 1e3
        for v in [a, np.asfortranarray(a), a.T, a[::-1]]:
            check(reduce_all, v)
            check(reduce_axes, v)
    special = np.array([[0.0, -0.0, np.nan], [np.inf, -1.0, 2.0]])
    check(reduce_all, special)
    check(reduce_axes, special)
    check(reduce_all, np.zeros((0, 3)))   # mean of nothing is nan; min raises ValueError
    check(reduce_axes, np.zeros((0, 3)))  # ValueError: zero-size array to reduction operation
    check(reduce_empty_max, np.zeros(0))
    check(reduce_empty_argmin, np.zeros((2, 0)))


@accelerate
def signs_and_logic(a: f64[:], k: i8[:], m: b1[:], u: u8[:]):
    return (np.sign(a), np.sign(k), np.sign(u), np.sign(a.astype(np.float32)), np.sign(2.5), np.sign(-3), np.sign(-0.0),
            np.logical_not(a), np.logical_not(m), np.logical_not(k), np.logical_and(a > 0, m), np.logical_or(k, 0.0),
            np.logical_xor(a, k), np.logical_and(2, 0.0), np.logical_or(a[:, np.newaxis], m), np.logical_xor(m, True))


def test_sign_and_the_logical_ufuncs():
    # sign: -1, 0 or 1 in the item's dtype, 0.0 for -0.0 (not -0.0), nan for nan; the logical
    # functions: the truth of any dtype (nan true, -0.0 false), broadcast, bool results
    a = np.array([-1.5, -0.0, 0.0, np.nan, np.inf, -np.inf])
    k = np.array([-3, 0, 5, 0, 1, -128], dtype=np.int8)
    m = np.array([True, False, True, True, False, True])
    u = np.array([0, 1, 200, 255, 0, 7], dtype=np.uint8)
    check(signs_and_logic, a, k, m, u)
    check(signs_and_logic, a[::-1], k[::2].repeat(2), ~m, u[::-1])
    check(signs_and_logic, a[:0], k[:0], m[:0], u[:0])


def test_sign_of_bools_is_refused_as_numpy_refuses_it(tmp_path):
    mod = load_source(tmp_path, "sign_of_bools", """
import numpy as np
from pyrite import accelerate, b1
@accelerate
def f(m: b1[:]):
    return np.sign(m)
""")
    with pytest.raises(pyrite.CompileError, match=r"numpy.sign\(\) of bools: NumPy has no loop for them"):
        mod.f(np.ones(2, dtype=bool))
    with pytest.raises(TypeError, match="did not contain a loop"):
        mod.f.py_func(np.ones(2, dtype=bool))


@accelerate
def arith_by_name(a: f64[:], k: i8[:], m: b1[:], s: f32[:]):
    return (np.add(a, k), np.subtract(a, 1), np.multiply(k, 3), np.divide(k, k), np.true_divide(a, 0.0),
            np.floor_divide(k, 2), np.mod(a, 1.5), np.remainder(k, -3), np.power(a, 2), np.power(s, 0.5),
            np.negative(k), np.greater(a, 0.0), np.less_equal(k, a), np.equal(m, True), np.not_equal(s, 1.0),
            np.greater_equal(a[:, np.newaxis], s), np.less(k, 0), np.add(m, m), np.add(s, 2.5),
            np.add(np.float32(1.0), 2.5), np.floor_divide(k, 0), np.power(k, 2))


@accelerate
def arith_of_numbers(x: int, y: int, f: float, b: bool):
    # of Python numbers alone: NumPy scalars of the default dtypes (int64 wraps, / 0 is inf)
    return (np.add(x, y), np.add(x, f), np.add(b, b), np.multiply(x, y), np.power(x, 3), np.negative(f),
            np.greater(x, f), np.divide(x, 0), np.mod(x, y), np.floor_divide(f, 0.0), np.subtract(x, b))


@accelerate
def int_power(k: i64[:], e: int):
    return np.power(k, e)


def test_numpy_arithmetic_and_comparisons_by_name():
    # np.add(a, b) is a + b (typeinfer's Arith rule makes it the operator's node): dtypes, broadcasting,
    # NumPy scalars of Python numbers, division by zero, -0.0 and nan as the operators give them
    a = np.array([-1.5, -0.0, 0.0, np.nan, np.inf, 2.0])
    k = np.array([-3, 0, 5, 0, 1, -128], dtype=np.int8)
    m = np.array([True, False, True, True, False, True])
    s = np.array([4.0, 0.25, -1.0, 0.0, 9.0, np.nan], dtype=np.float32)
    check(arith_by_name, a, k, m, s)
    check(arith_by_name, a[::-1], k[::-1], m[::2].repeat(2), s[::-1])
    for x, y in [(1, 2), (2 ** 62, 4), (-7, 3), (5, -2), (0, 1)]:
        for f, b in [(2.5, True), (-0.0, False), (float("nan"), True)]:
            check(arith_of_numbers, x, y, f, b)
    check(int_power, np.array([2, -3, 0], dtype=np.int64), 3)
    check(int_power, np.array([2, -3, 0], dtype=np.int64), -1)  # ValueError: Integers to negative integer powers


@accelerate
def bool_subtract(m: b1[:]):
    return np.subtract(m, m)


def test_numpy_arithmetic_by_name_raises_what_numpy_raises():
    check(bool_subtract, np.ones(2, dtype=bool))  # TypeError: numpy boolean subtract ... is not supported


@accelerate
def arg_extremes(a: f64[:], b: f32[:], m: f64[:, :]):
    return (a.argmin(), a.argmax(), np.argmin(a), b.argmin(), b.argmax(), m.argmin(axis=1), m.argmax(axis=1),
            m.argmin(axis=0), m.argmin(), m[:, ::2].argmax(axis=1),
            a.min(), a.max(), b.min(), b.max(), m.min(axis=1), m.max(axis=1), m[:, ::2].min(axis=1))


def test_argmin_argmax_min_and_max_of_long_runs():
    # runs of 64 items or more take numpy.hpp's vector path (min and max too: the value at argmin's place) (each lane's extreme and where it was,
    # then the lanes'; a nan anywhere: the scalar loop): ties, signed zeros, infinities and nans at
    # the edges of vectors and in the overlapping last one, floats of both widths
    rng = np.random.default_rng(3)
    for n in [1, 7, 16, 63, 64, 65, 66, 67, 71, 72, 100, 1001]:
        base = np.round(rng.standard_normal(n) * 4)  # many equal values
        variants = [base, -base, np.zeros(n), np.where(base == 0, -0.0, base)]
        for k in {0, n // 2, n - 1, max(n - 3, 0)}:
            for v in [np.nan, np.inf, -np.inf, -0.0, base.min(), base.max()]:
                x = base.copy()
                x[k] = v
                variants.append(x)
        nan_twice = base.copy()
        nan_twice[[n - 1, n // 3]] = np.nan  # the first nan wins
        variants.append(nan_twice)
        for x in variants:
            rows = np.tile(x, (3, 1))
            rows[1] = x[::-1]
            check(arg_extremes, x, x.astype(np.float32), rows)
    check(arg_extremes, np.zeros(0), np.zeros(0, np.float32), np.zeros((2, 0)))  # ValueError, as NumPy's


@accelerate
def truths(m: b1[:], a: f64[:, :], k: i64[:]):
    return (m.any(), m.all(), np.any(m), np.all(m), a.any(), a.all(), a.any(axis=1), a.all(axis=1),
            a.any(axis=0), a[:, ::3].all(axis=1), k.any(), k.all(), m[::-1].all(), m[1:].any())


def test_any_and_all_of_long_runs():
    # runs of 256 items and more are read a block at a time (numpy.hpp's run_has): the one item that
    # decides at the start, at the edges of blocks, in the remainder; nan is true, -0.0 false
    for n in [1, 255, 256, 257, 512, 1000]:
        for k in sorted({0, 1, n // 2, 254, 255, 256, 257, n - 1} & set(range(n))):
            for fill in (False, True):
                m = np.full(n, fill)
                m[k] = not fill
                for v in ((np.nan, -0.0) if not fill else (0.0, -0.0)):
                    a = np.full((3, n), 1.5 if fill else 0.0)
                    a[1, k] = v
                    check(truths, m, a, m.astype(np.int64) * 7)
        check(truths, np.ones(n, dtype=bool), np.ones((2, n)), np.arange(n, dtype=np.int64))
        check(truths, np.zeros(n, dtype=bool), np.zeros((2, n)), np.zeros(n, dtype=np.int64))


@accelerate
def nonzeros(m: b1[:], a: f64[:, :], k: i8[:]):
    return (np.count_nonzero(m), np.count_nonzero(a), np.count_nonzero(a, axis=1), np.count_nonzero(a, 0),
            np.count_nonzero(k), np.count_nonzero(a, axis=-1, keepdims=True), np.count_nonzero(a[:, ::2], 1),
            np.count_nonzero(a > 0.5), np.count_nonzero(m[::-3]), np.count_nonzero(a.T, axis=0))


def test_count_nonzero():
    # nan counts, -0.0 does not; bool masks counted 256 at a time (mask_count) and their remainder
    rng = np.random.default_rng(8)
    for n in [0, 1, 5, 255, 256, 257, 1000]:
        m = rng.random(n) < 0.3
        a = np.round(rng.standard_normal((3, n)))
        a[0, : n // 2] = -0.0
        if n:
            a[1, n - 1] = np.nan
        check(nonzeros, m, a, (rng.integers(-2, 2, n)).astype(np.int8))
        check(nonzeros, np.ones(n, dtype=bool), np.asfortranarray(a), np.zeros(n, dtype=np.int8))
    check(nonzeros, np.ones(3, dtype=bool), np.ones((0, 4)), np.ones(3, dtype=np.int8))


def test_count_nonzero_takes_keepdims_by_keyword_only(tmp_path):
    mod = load_source(tmp_path, "cnz_positional", """
import numpy as np
from pyrite import accelerate, f64
@accelerate
def f(a: f64[:, :]):
    return np.count_nonzero(a, 0, True)
""")
    with pytest.raises(pyrite.CompileError, match=r"count_nonzero\(\) takes from 1 to 2 positional arguments but 3 were given"):
        mod.f(np.ones((2, 2)))
    with pytest.raises(TypeError, match=r"takes from 1 to 2 positional arguments but 3 were given"):
        mod.f.py_func(np.ones((2, 2)))  # NumPy's own


def test_reductions_strided_within_tolerance():
    # a view that is neither C- nor Fortran-contiguous: NumPy's iterator may order the
    # additions differently (documented); equal to within rounding
    rng = np.random.default_rng(5)
    a = rng.standard_normal((60, 80))[::3, 1::2]
    got, want = reduce_all(a), pyrite.interpreted(reduce_all)(a)
    for g, w in zip(got, want):
        assert type(g) is type(w)
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)


def test_integer_and_other_dtype_reductions():
    a = np.array([[127, -128, 5], [100, 100, -1]], np.int8)
    check(reduce_ints, a, np.array([255, 255, 3], np.uint8), np.array([[True, False], [False, False], [True, True]]))
    check(reduce_ints, a[:, ::-1], np.zeros(0, np.uint8), np.zeros((0, 2), bool))
    rng = np.random.default_rng(2)
    for n in [0, 5, 100, 1000]:
        check(reduce_f32, (rng.standard_normal(n) * 100).astype(np.float32))
    for v in [rng.standard_normal((3, 4, 5)), np.asfortranarray(rng.standard_normal((3, 4, 5)))]:
        check(reduce_3d, v)


def test_big_sums_match_numpys_pairwise_order():
    rng = np.random.default_rng(8)
    for n in [8191, 8192, 8193, 20000, 100003]:
        a = rng.standard_normal(n) * 1e8 + 1.0
        check(reduce_f32, a.astype(np.float32))
        check(reduce_all, a.reshape(1, n))
    check(reduce_ints, np.ones((100, 300), np.int8), np.full(70000, 255, np.uint8), np.ones((2, 2), bool))


# ---------------------------------------------------------------- making arrays
@accelerate
def makers(n: int, x: float):
    return (np.zeros(n, dtype=np.int8), np.ones((2, n), dtype=np.float32), np.empty((n, 2), dtype=np.uint16).shape,
            np.full(n, 7), np.full((n, 2), x), np.full(n, x, dtype=np.int32), np.full(3, True),
            np.arange(n), np.arange(1, n, 2), np.arange(0.0, x, 0.3), np.arange(n, dtype=np.float32),
            np.linspace(0.0, x, n), np.linspace(-1, 1), np.linspace(0, x, n, endpoint=False),
            np.zeros((n, 0, 2)))


@accelerate
def likes(a: f32[:, :]):
    return np.zeros_like(a), np.ones_like(a), np.empty_like(a, dtype=np.int64).shape, np.full_like(a, 2.5), a.copy()


def test_making_arrays():
    for n, x in [(0, 1.0), (1, 2.5), (5, 10.0), (13, -3.3)]:
        check(makers, n, x)
    check(makers, -1, 1.0)  # ValueError: negative dimensions
    check(makers, 3, float("nan"))
    check(makers, 3, float("inf"))   # arange: NumPy's "Maximum allowed size exceeded"
    check(makers, 2, 1e300)
    f = np.arange(6, dtype=np.float32).reshape(2, 3)
    check(likes, f)
    check(likes, np.asfortranarray(f)[:, ::2])


# ---------------------------------------------------------------- shapes, views, indexing
@accelerate
def reshapes(a: f64[:], rows: int):
    m = a.reshape(rows, -1)
    m[0, 0] = 99.0          # a view of a: the caller sees it
    f = m.flatten()
    f[1] = -1.0             # a copy: nobody sees it
    r = m.T.ravel()         # not C-contiguous: a copy
    col = a[:, None] * a[None, :]
    return m, f, r, a.reshape((rows, -1)).shape, col.shape, a[np.newaxis].shape, m.astype(np.int16)


@accelerate
def pairwise_distances(x: f64[:, :]) -> f64[:, :]:
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff * diff).sum(axis=2))


@accelerate
def fancy(a: f64[:, :], idx: i64[:], k: i32[:]):
    return a[idx], a[0][idx], a[idx][:, 1:], a[0][k], a.dtype == np.float64


@accelerate
def int_masks(a: i16[:], lo: int):
    b = a.copy()
    b[b < lo] = lo
    return b, a[a > lo], (a == 0).sum()


def test_reshape_ravel_flatten_newaxis():
    check(reshapes, np.arange(6.0), 2)
    check(reshapes, np.arange(6.0), 4)   # ValueError: cannot reshape array of size 6 into shape (4,newaxis)
    check(reshapes, np.arange(6.0), -2)  # any negative extent is "unknown" in NumPy 2: two of them is an error
    check(reshapes, np.arange(12.0)[::2], 3)  # a strided argument: the reshape copies, as NumPy's does
    rng = np.random.default_rng(1)
    x = rng.standard_normal((30, 3))
    check(pairwise_distances, x)
    check(pairwise_distances, np.asfortranarray(x))


def test_fancy_and_mask_indexing():
    a = np.arange(20.0).reshape(4, 5)
    check(fancy, a, np.array([3, 0, -1, 3]), np.array([4, -5], np.int32))
    check(fancy, a, np.array([4]), np.array([0], np.int32))  # IndexError, NumPy's message
    check(fancy, a, np.zeros(0, np.int64), np.zeros(0, np.int32))
    check_all(int_masks, [np.array([-5, 0, 7, 300, -32768], np.int16)], [0, 100, -40000])


# ---------------------------------------------------------------- dot and @
@accelerate
def products(a: i32[:, :], b: i32[:, :], v: i32[:]):
    return a @ b, np.dot(a, v), v @ v, np.dot(v, b), a.dot(b)


@accelerate
def float_products(a: f64[:, :], b: f64[:, :], v: f64[:]):
    return a @ b, np.dot(a, v), np.dot(v, v), v @ b


def test_dot_and_matmul():
    a = np.arange(-6, 6, dtype=np.int32).reshape(3, 4)
    b = np.arange(8, dtype=np.int32).reshape(4, 2) * 2 ** 29  # int32 products wrap
    check(products, a, b, np.array([1, -2, 3, 2 ** 31 - 1], np.int32))
    check(products, np.asfortranarray(a), b[::-1], np.array([1, -2, 3, 4], np.int32)[::-1])
    check(products, a, a, np.array([1, 2, 3], np.int32))  # ValueError: shapes not aligned (NumPy's message)
    rng = np.random.default_rng(4)
    x, y, v = rng.standard_normal((5, 7)), rng.standard_normal((7, 3)), rng.standard_normal(7)
    got, want = float_products(x, y, v), pyrite.interpreted(float_products)(x, y, v)
    for g, w in zip(got, want):  # NumPy hands float64 to BLAS, which adds in its own order
        assert type(g) is type(w) and np.shape(g) == np.shape(w)
        np.testing.assert_allclose(g, w, rtol=1e-13)


@accelerate
def blas_products(a: f64[:, :], b: f64[:, :], v: f64[:], s: f32[:, :], z: c128[:, :]):
    return a @ b, np.dot(a, v), v @ b, a.dot(b), s @ s.T, z @ z, np.matmul(a, v)


def test_large_products_are_numpys_blas():
    # past 2**14 multiplications (2**18 with a vector operand) a float or complex product is
    # NumPy's own call (BLAS): the same bits as NumPy for every layout, and its errors
    rng = np.random.default_rng(5)
    a, b, v = rng.standard_normal((520, 510)), rng.standard_normal((510, 520)), rng.standard_normal(510)
    s = rng.standard_normal((60, 40)).astype(np.float32)
    z = rng.standard_normal((30, 30)) + 1j * rng.standard_normal((30, 30))
    check(blas_products, a, b, v, s, z)
    check(blas_products, np.asfortranarray(a), b[:, ::-1], v[::-1], np.asfortranarray(s), z.T)
    check(blas_products, rng.standard_normal((520, 1020))[:, ::2], rng.standard_normal((1020, 1040))[::2, ::2], v, s[::2], z[::-1])
    check(blas_products, a, rng.standard_normal((509, 520)), v, s, z)  # ValueError: NumPy's matmul message


# ---------------------------------------------------------------- storing and the boundary
@accelerate
def store(a: i8[:], b: u8[:], c: b1[:], i: int, v: float, n: int) -> None:
    a[i] = n
    b[i] = v
    c[i] = n
    a[i + 1:] = 3


@accelerate
def first(a: u16[:, :]) -> int:
    return a[0, 0]


def test_stores_convert_as_numpy_setitem():
    for v, n in [(2.7, 5), (-0.5, 127), (255.9, -128), (256.0, 0), (float("nan"), 1), (float("inf"), 1),
                 (1.0, 300), (1.0, -129)]:
        check(store, np.zeros(3, np.int8), np.zeros(3, np.uint8), np.zeros(3, bool), 1, v, n)
    # the index is checked before the value is converted, as NumPy's setitem does
    check(store, np.zeros(0, np.int8), np.zeros(0, np.uint8), np.zeros(0, bool), 0, 0.0, 255)


def test_boundary_checks_dtype_and_dimensions():
    with pytest.raises(TypeError, match=r"argument 'a' must be a uint16 array, not int16"):
        first(np.zeros((2, 2), np.int16))
    with pytest.raises(TypeError, match=r"argument 'a' must be a 2-dimensional array, not 0-dimensional"):
        first(np.array(5, np.uint16))
    ro = np.zeros(3, np.int8)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        store(ro, np.zeros(3, np.uint8), np.zeros(3, bool), 0, 1.0, 1)
    assert first(np.full((1, 1), 65535, np.uint16)) == 65535


# ---------------------------------------------------------------- NDArray annotations
@accelerate
def generic_total(a: npt.NDArray[np.float64]) -> float:
    return float(a.sum())


@accelerate
def generic_scale(a: np.ndarray, k: int):
    return a * k


def test_ndarray_annotations_specialize_by_dimensions():
    check(generic_total, np.arange(5.0))
    check(generic_total, np.arange(6.0).reshape(2, 3))
    check(generic_total, np.ones((2, 2, 2)))
    assert len(generic_total.specializations) == 3
    with pytest.raises(TypeError, match=r"argument 'a' must be a float64 array, not int64"):
        generic_total(np.arange(3))
    with pytest.raises(TypeError, match=r"argument 'a' must be a numpy.ndarray, not list"):
        generic_total([1.0])
    # np.ndarray takes the dtype from the argument as well
    for a in [np.arange(4, dtype=np.int8), np.ones((2, 2), np.float32), np.array([True, False])]:
        check(generic_scale, a, 3)
    assert "i8[:]" in str(pyrite.info(generic_scale)["types"]) or pyrite.info(generic_scale)["so"]
    assert same(generic_scale(np.arange(3, dtype=np.int8), 100), np.arange(3, dtype=np.int8) * 100)


# ---------------------------------------------------------------- complex
@accelerate
def complex_ops(a: c128[:], b: c64[:], x: f64[:], i: int, j: int):
    z = a[i] * a[j] + 1.5
    return (z, a[i] / a[j], a + b, a * x, a - 2, b * b, a / a[j], a.sum(), b.sum(), a.prod(), a == a[::-1],
            b[i] / b[j], np.where(x > 1.0, a, b), a.cumsum())


def test_complex_arithmetic_is_numpys():
    # NumPy multiplies and divides complex numbers with its own formulas (Smith's
    # division), not C's Annex G routines: same bits, also for inf, nan and zeros. Its array
    # loops fuse the products (a multiply-add) where its scalars do not: 1/3 + 2/7j squared
    # differs in the last bit of the real part
    a = np.array([1 + 2j, -3.5 + 0.25j, 0j, complex(np.inf, 1), 1e300 + 1e300j, complex(0, np.nan), 1 / 3 + 2 / 7j])
    b = a.astype(np.complex64)
    x = np.array([1.0, 4.0, -0.0, np.inf, 2.0, 0.5, 3.0])
    for i, j in itertools.product(range(len(a)), repeat=2):
        check(complex_ops, a, b, x, i, j)


# ---------------------------------------------------------------- fusion across statements
@accelerate
def temporaries(x: f64[:, :], y: f64[:, :]):
    d = x - y                   # read once, by the next statement: fused into it, never stored
    s = (d * d).sum(axis=1)     # summed as computed (axis 1 is the innermost)
    e = x * 2.0                 # read by two statements: kept
    t = e + 1.0
    u = e - 1.0
    g = x + y                   # the next statement writes x: kept
    x[0, 0] = 100.0
    q = np.sqrt(((x[:, None, :] - y[None, :, :]) ** 2).sum(axis=2))
    c = (x * y).sum(axis=0)     # not the innermost axis: made, then summed row after row
    return s, t, u, g, q, c, x.sum()


def test_fused_temporaries_and_sums():
    rng = np.random.default_rng(9)
    x, y = rng.standard_normal((7, 5)) * 1e3, rng.standard_normal((7, 5))
    check(temporaries, x, y)
    check(temporaries, np.asfortranarray(x), y[::-1])
    check(temporaries, x[:, :3], y[:, 2:])
    check(temporaries, np.zeros((0, 5)), np.zeros((0, 5)))
    check(temporaries, rng.standard_normal((3, 40)), rng.standard_normal((3, 40)))  # sums of 40: pairwise blocks
    check(temporaries, x, y[:4])  # ValueError, NumPy's message for the first failing operation


@accelerate
def whole_sums(x: f64[:, :], y: f64[:, :], v: f32[:]):
    # np.sum of an element-wise expression, whole: NumPy's pairwise sum of the temporary, summed as
    # its items are computed (no temporary); a walk that is neither C nor F order makes it
    return (np.sum(x * y), (x - y * 0.5).sum(), np.sum(np.sqrt(np.abs(x)) + 1.0), np.sum(v * v),
            ((x[:, None, :] - y[None, :, :]) ** 2).sum(), np.sum(-x * 0.0), np.sum(x.T * y.T),
            np.mean(x * y), (v - 1.0).mean(), ((x[:, None, :] - y[None, :, :]) ** 2).mean())


@accelerate
def nearest_center(points: f64[:, :], centers: f64[:, :], i: int, k: int) -> float:
    # rows read before any operation runs may raise IndexError (Python reads them first too): the
    # sum still fuses, and raises what NumPy raises
    return np.sum((points[i] - centers[k]) ** 2)


@accelerate
def scaled_diff(a: f64[:], b: f64[:], w: f64[:], k: int) -> float:
    # w[k] is read after the subtraction ran: it must be quiet to fuse (it is not), or the
    # subtraction's ValueError would come after w[k]'s IndexError
    return np.sum((a - b) * w[k])


def test_fused_sums_of_rows_raise_what_numpy_raises():
    rng = np.random.default_rng(12)
    p, c = rng.standard_normal((50, 3)), rng.standard_normal((4, 3))
    for i, k in ((0, 0), (49, 3), (-1, -4), (50, 0), (0, 4), (-51, 0)):
        check(nearest_center, p, c, i, k)
    check(nearest_center, p, rng.standard_normal((4, 2)), 1, 2)  # ValueError: shapes
    check(nearest_center, p, rng.standard_normal((4, 2)), 1, 9)  # IndexError: read before the subtraction
    check(scaled_diff, p[0], c[0], np.ones(3), 1)
    check(scaled_diff, p[0], c[0, :2], np.ones(3), 9)  # ValueError first, as in Python


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # NumPy's mean of nothing
def test_whole_fused_sums_are_numpys_to_the_bit():
    rng = np.random.default_rng(10)
    x = rng.standard_normal((300, 37)) * 10.0 ** rng.integers(-3, 4, (300, 37))  # magnitudes apart
    y = rng.standard_normal((300, 37))
    v = rng.standard_normal(1001).astype(np.float32)
    for xx, yy in ((x, y), (np.asfortranarray(x), np.asfortranarray(y)), (x[:, :30], y[:, 7:]),  # rows of 30
                   (x[::-1, ::2], y[::2, ::-2]), (x[:5, :5], y[:5, :5]), (x[:1, :3], y[:1, :3])):
        check(whole_sums, xx, yy, v)
    check(whole_sums, np.asfortranarray(x), y, v[::3])  # F and C: the walk takes C (NumPy's rule)
    check(whole_sums, x[:0], y[:0], v[:0])  # nothing: sums 0.0, means nan
    bad = x.copy()
    bad[7, 3], bad[200, 0] = np.nan, np.inf
    check(whole_sums, bad, y, v)
    check(whole_sums, x, y[:4], v)  # ValueError: shapes
