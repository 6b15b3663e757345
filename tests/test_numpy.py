"""NumPy arrays (pyrite.f64[...]): zero-copy views of the caller's arrays in any order and
strides, element indexing with NumPy's errors, rows as views, shape/ndim/size/len, loops,
arrays made in compiled code (np.zeros/ones/empty, .copy()) returned as numpy.ndarray.

Each function also runs interpreted on real NumPy arrays; results, exceptions and what
happened to the argument arrays must agree bit for bit (difftest.check)."""
import numpy as np
import pytest

from difftest import check, check_all
import pyrite
from pyrite import accelerate, f64


@accelerate
def matmul(a: f64[:, :], b: f64[:, :]) -> f64[:, :]:
    n, k = a.shape
    m = b.shape[1]
    c = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            s = 0.0
            for p in range(k):
                s += a[i, p] * b[p, j]
            c[i, j] = s
    return c


@accelerate
def scale(a: f64[:], x: float) -> f64[:]:
    for i in range(len(a)):
        a[i] *= x
    return a


@accelerate
def total(a: f64[:, :]) -> float:
    t = 0.0
    for row in a:
        for v in row:
            t += v
    return t


@accelerate
def describe(a: f64[:, :, :]) -> tuple[tuple[int, int, int], int, int, int]:
    return a.shape, a.ndim, a.size, len(a)


@accelerate
def get(a: f64[:, :], i: int, j: int) -> tuple[float, float]:
    return a[i, j], a[i][j]


@accelerate
def put(a: f64[:, :], i: int, j: int, v: float) -> None:
    a[i, j] = v
    a[i, j] += 1
    a[-1, -1] = 7


@accelerate
def floyd_warshall(d: f64[:, :]) -> None:
    n = d.shape[0]
    for k in range(n):
        for i in range(n):
            dik = d[i, k]
            for j in range(n):
                if dik + d[k, j] < d[i, j]:
                    d[i, j] = dik + d[k, j]


@accelerate
def made(n: int) -> tuple[f64[:], f64[:, :], f64[:]]:
    a = np.ones(n)
    b = np.zeros((2, n))
    c = np.empty(n)
    for i in range(n):
        c[i] = i * 0.5
    b[1, 0] = 3.0 if n > 0 else 0.0
    return a, b, c.copy()


@accelerate
def row_sum(a: f64[:, :], i: int) -> float:
    r = a[i]
    s = 0.0
    for j in range(len(r)):
        s += r[j]
    return s


def arrays_2d():
    base = np.arange(12.0).reshape(3, 4) - 5.5
    return [base, np.asfortranarray(base), base[:, ::2], base[::-1], base.T, np.zeros((0, 3)),
            np.array([[np.nan, -0.0], [np.inf, 1e300]])]


def test_views_in_any_order():
    for a in arrays_2d():
        check(total, a)
        check_all(get, [a], [0, -1, 2, 5], [0, -1, 1, 9])
        check_all(row_sum, [a], [0, -1, 3])
        if a.size:
            check(put, a.copy(), 0, 1, 2.5)


def test_writes_reach_the_caller():
    a = np.arange(5.0)
    assert scale(a, 2.0) is a and a.tolist() == [0.0, 2.0, 4.0, 6.0, 8.0]
    check(scale, np.arange(5.0)[::2].copy(), -1.5)
    strided = np.arange(10.0)
    scale(strided[::3], 10.0)  # a strided view: the caller's memory changes
    assert strided.tolist() == [0.0, 1.0, 2.0, 30.0, 4.0, 5.0, 60.0, 7.0, 8.0, 90.0]


def test_kernels():
    rng = np.random.default_rng(1)
    check(matmul, rng.random((3, 4)), rng.random((4, 2)))
    check(matmul, np.zeros((0, 2)), np.zeros((2, 3)))
    check(matmul, rng.random((2, 3)), rng.random((2, 3)))  # IndexError as NumPy's
    d = rng.random((6, 6)) * 10
    check(floyd_warshall, d)
    check_all(made, [0, 1, 4])
    check(describe, np.zeros((2, 3, 4)))
    check(describe, np.zeros((0, 2, 2)))


def test_boundary_errors():
    with pytest.raises(TypeError, match=r"scale\(\) argument 'a' must be a float64 array, not int64"):
        scale(np.arange(3), 1.0)
    with pytest.raises(TypeError, match=r"argument 'a' must be a float64 array, not float32"):
        scale(np.arange(3, dtype=np.float32), 1.0)
    with pytest.raises(TypeError, match=r"argument 'a' must be a 1-dimensional array, not 2-dimensional"):
        scale(np.zeros((2, 2)), 1.0)
    with pytest.raises(TypeError, match=r"argument 'a' must be a float64 array, not list"):
        scale([1.0], 1.0)
    ro = np.arange(3.0)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        scale(ro, 2.0)
    assert total(ro.reshape(1, 3)) == 3.0  # reading a read-only array is fine


@accelerate
def interior_sum(a: f64[:, :]) -> float:
    inner = a[1:-1, 1:-1]
    s = 0.0
    for i in range(inner.shape[0]):
        for j in range(inner.shape[1]):
            s += inner[i, j]
    return s


@accelerate
def column(a: f64[:, :], j: int, step: int) -> f64[:]:
    return a[::step, j].copy()


@accelerate
def jacobi(u: f64[:, :], steps: int) -> f64[:, :]:
    n, m = u.shape
    for _ in range(steps):
        new = u.copy()
        for i in range(1, n - 1):
            for j in range(1, m - 1):
                new[i, j] = 0.25 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1])
        u = new
    return u


@accelerate
def tail_scale(a: f64[:], k: int) -> None:
    t = a[k:]
    for i in range(len(t)):
        t[i] *= 2.0


def test_slicing_views():
    for a in arrays_2d():
        check(interior_sum, a)
        if a.shape[1]:
            check_all(column, [a], [0, -1], [1, 2, -1])
    check(column, np.zeros((3, 2)), 0, 0)  # ValueError: slice step cannot be zero
    u = np.zeros((6, 7))
    u[0, :] = 1.0
    check(jacobi, u, 3)
    check_all(tail_scale, [np.arange(6.0)], [0, 2, -2, 9])


@accelerate
def sums(a: f64[:]) -> tuple[float, float, float, float]:
    return a.sum(), np.sum(a), a[::3].sum(), a.mean()


@pytest.mark.filterwarnings("ignore:Mean of empty slice", "ignore:invalid value encountered")
def test_reductions_match_numpy_to_the_bit():
    rng = np.random.default_rng(3)
    for n in [0, 1, 7, 8, 9, 127, 128, 129, 300, 1000, 4099]:
        x = rng.standard_normal(n) * 10.0 ** rng.integers(-8, 8, n)
        check(sums, x)
    check(sums, np.array([-0.0, -0.0]))
    check(sums, np.array([np.inf, -np.inf, 1.0]))


@accelerate
def assign_views(a: f64[:, :], b: f64[:], x: float) -> None:
    a[0] = x                 # a row, from a number
    a[1:, ::2] = 0.5         # a strided view
    a[-1] = b                # a row, from an array of its length
    a[1:3, 1:3] = a[0:2, 0:2]  # overlapping: the source is read first, as NumPy does


@accelerate
def assign_broadcast(a: f64[:, :], row: f64[:]) -> None:
    a[:, :] = row


def test_assignment_into_views():
    base = np.arange(20.0).reshape(4, 5)
    check(assign_views, base, np.linspace(0, 1, 5), -2.0)
    check(assign_views, base, np.linspace(0, 1, 4), -2.0)  # ValueError: could not broadcast
    check(assign_broadcast, np.zeros((3, 4)), np.arange(4.0))
    check(assign_broadcast, np.zeros((3, 4)), np.arange(1.0))
    check(assign_broadcast, np.zeros((3, 4)), np.arange(3.0))


@accelerate
def fill_1d(a: f64[:], lo: int, hi: int) -> None:
    a[lo:hi] = 9.0
    a[::-2] = a[1::2]


def test_assignment_into_1d_slices():
    check_all(fill_1d, [np.arange(6.0), np.arange(7.0)], [0, 2, -3], [3, 10])


@accelerate
def window(a: f64[:], lo: int, hi: int, k: int) -> float:
    # a loop whose bounds checks are decided before it when they can be (loop versioning),
    # and kept when they cannot: negative starts, ranges past the end, a bad fixed index
    s = 0.0
    for j in range(lo, hi):
        s += a[j] * a[k]
    return s


def test_loop_versioning_keeps_every_check():
    a = np.arange(1.0, 7.0)
    check_all(window, [a], [-3, 0, 2], [3, 6, 7], [0, 5, 6, -1])


@accelerate
def elementwise(a: f64[:, :], b: f64[:], x: float) -> tuple[f64[:, :], f64[:, :], f64[:], f64[:, :]]:
    return a + b, (a - x) * 2.0, 1.0 / b, a / a


@accelerate
def mismatch(a: f64[:, :], b: f64[:]) -> f64[:, :]:
    return a * b


@pytest.mark.filterwarnings("ignore:divide by zero", "ignore:invalid value")
def test_elementwise_with_broadcasting():
    a = np.arange(12.0).reshape(3, 4) - 4.0
    check(elementwise, a, np.array([1.0, -0.0, 0.5, np.inf]), 1.5)
    check(elementwise, a[:, ::2], np.array([2.0, 0.0]), -0.0)
    check(elementwise, np.asfortranarray(a), np.array([3.0]), 0.0)
    check(mismatch, a, np.arange(3.0))  # ValueError: operands could not be broadcast together


@accelerate
def ufuncs(a: f64[:], x: float) -> tuple[f64[:], f64[:], f64[:], float, float, float]:
    return np.sqrt(a), np.abs(a) + np.floor(a) + np.ceil(a), np.sin(a) * np.cos(a), np.sqrt(x), np.fabs(x), np.cos(x)


@pytest.mark.filterwarnings("ignore:invalid value")
def test_ufuncs():
    rng = np.random.default_rng(7)
    a = np.concatenate([rng.standard_normal(50) * 100, [0.0, -0.0, np.inf, -np.inf, np.nan, 2.5, -2.5]])
    for x in [2.0, -1.0, 0.0, -0.0, np.inf, np.nan, 1e300]:
        check(ufuncs, a, x)


@accelerate
def int_arrays(a: pyrite.i64[:, :], k: int) -> tuple[int, float, pyrite.i64[:], int]:
    counts = np.zeros(a.shape[1], dtype=np.int64)
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            counts[j] += a[i, j] * k
    total = counts.sum()
    return total, counts.mean(), counts, a[-1, 0]


def test_int64_arrays():
    check_all(int_arrays, [np.arange(12).reshape(3, 4), np.zeros((0, 2), dtype=np.int64)], [0, -3])
    # an int64 array's items are numpy.int64: their arithmetic wraps as NumPy's does
    check(int_arrays, np.array([[2 ** 62, 2 ** 62]]), 2)
    with pytest.raises(TypeError, match=r"argument 'a' must be a int64 array, not float64"):
        int_arrays(np.zeros((2, 2)), 1)


@accelerate
def masks(a: f64[:, :], lo: float, hi: float) -> tuple[f64[:], int, pyrite.i64[:]]:
    inside = (a > lo) & ~(a >= hi)
    picked = a[inside]
    a[a < lo] = lo          # clip in place through a mask
    counts = np.zeros(2, dtype=np.int64)
    counts[0] = inside.sum()
    counts[1] = (a == lo).sum()
    return picked, (a != a).sum(), counts


@accelerate
def mask_mismatch(a: f64[:, :], b: f64[:, :]) -> f64[:]:
    return a[b > 0.0]


def test_masks():
    a = np.arange(12.0).reshape(3, 4) - 5.0
    check_all(masks, [a, np.asfortranarray(a), np.array([[np.nan, 1.0], [-1.0, 2.0]])], [-2.0, 0.0], [3.0])
    check(mask_mismatch, np.zeros((2, 3)), np.ones((3, 2)))  # IndexError as NumPy's


@accelerate
def transpose_and_arange(a: f64[:, :], n: int, step: int) -> tuple[f64[:, :], float, pyrite.i64[:]]:
    t = a.T
    return t.copy(), t[0, -1], np.arange(-2, n, step)


def test_transpose_and_arange():
    a = np.arange(6.0).reshape(2, 3)
    check_all(transpose_and_arange, [a, a[:, ::-1]], [0, 7], [1, 3, -1])
    check(transpose_and_arange, a, 5, 0)  # ZeroDivisionError, as NumPy's arange
