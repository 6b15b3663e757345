"""Random NumPy inputs (hypothesis): arrays of several dtypes, shapes (empty and
single-element axes included), values (the dtype's edges, nan, inf, -0.0) and layouts
(C, Fortran, reversed, strided), through element-wise expressions, broadcasting and
reductions. Compiled and interpreted must agree bit for bit, dtype and memory order
included, or raise the same exception with the same message (difftest.check)."""
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from difftest import check
from pyrite import accelerate, f32, f64, i8, i64, u8

warnings.filterwarnings("ignore", category=RuntimeWarning)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@accelerate
def float64_bundle(a: f64[:, :], b: f64[:]):
    return (a + b * 2.0, a * a - b, a / b, a // b, a % b, a > b, np.minimum(a, b), np.where(a < 0.5, a, b),
            np.sqrt(np.abs(a)), a.sum(), a.sum(axis=0), a.sum(axis=1), a.mean(axis=0), a.cumsum(axis=1),
            (a - b).sum(axis=1), a.any(), a.argmax(axis=0) if a.shape[0] > 0 else a.argmax(axis=1))


@accelerate
def float32_bundle(a: f32[:, :], b: f32[:]):
    return (a + b, a * 0.1, a - 1, a / b, a > 0.1, a.sum(), a.sum(axis=0), a.mean(axis=1), -a, a ** 2,
            np.maximum(a, b), a.astype(np.float64) + b)


@accelerate
def int8_bundle(a: i8[:, :], b: i8[:], k: int):
    return (a + b, a * b, a - b, a // b, a % b, a + k, a * k, a > k, a & b, a | 1, ~a, -a, a.sum(), a.sum(axis=1),
            a.prod(axis=0), a.cumsum(), a / b)


@accelerate
def uint8_bundle(a: u8[:, :], b: u8[:]):
    return a + b, a - b, a * b, a // b, a > b, a.sum(), a.sum(axis=0), a << 1, a.max()


@accelerate
def int64_bundle(a: i64[:, :], b: i64[:]):
    return a + b, a * b, a - b, a // b, a % b, a.sum(), a.sum(axis=0), a.cumsum(axis=0), a == b, a.mean()


def _layout(draw, a):
    kind = draw(st.sampled_from(["C", "F", "rev", "strided", "T"]))
    if kind == "F":
        return np.asfortranarray(a)
    if kind == "rev":
        return a[::-1, ::-1]
    if kind == "strided":
        big = np.repeat(np.repeat(a, 2, axis=0), 3, axis=1)
        return big[::2, ::3]
    if kind == "T":
        return np.ascontiguousarray(a.T).T
    return a


@st.composite
def operands(draw, dtype):
    rows = draw(st.integers(0, 5))
    cols = draw(st.integers(0, 6))
    elements = None
    if np.dtype(dtype).kind == "f":
        elements = st.floats(allow_nan=True, allow_infinity=True, width=np.dtype(dtype).itemsize * 8)
    a = draw(hnp.arrays(dtype, (rows, cols), elements=elements))
    b_cols = draw(st.sampled_from([cols, 1, cols + 1]))  # broadcasting, sometimes a mismatch
    b = draw(hnp.arrays(dtype, (b_cols,), elements=elements))
    return _layout(draw, a), b[::-1] if draw(st.booleans()) else b


@SETTINGS
@given(operands(np.float64))
def test_float64(ab):
    check(float64_bundle, *ab)


@SETTINGS
@given(operands(np.float32))
def test_float32(ab):
    check(float32_bundle, *ab)


@SETTINGS
@given(operands(np.int8), st.sampled_from([0, 1, -1, 127, -128, 128, 300]))
def test_int8(ab, k):
    check(int8_bundle, *ab, k)


@SETTINGS
@given(operands(np.uint8))
def test_uint8(ab):
    check(uint8_bundle, *ab)


@SETTINGS
@given(operands(np.int64))
def test_int64(ab):
    check(int64_bundle, *ab)
