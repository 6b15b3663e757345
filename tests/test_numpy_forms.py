"""NumPy as real kernels write it (issue 13's forms): functions imported by name, builtin
abs() of arrays and NumPy numbers, zip over arrays."""
import numpy as np
import pytest
from numpy import empty_like, sqrt, zeros

from difftest import check, check_all
from pyrite import accelerate, b1, f32, f64, i8, i32, i64


@accelerate
def imported(a: f64[:]) -> float:
    b = empty_like(a)
    b[:] = sqrt(a) * 2.0
    c = zeros(3)
    return float(b.sum() + c.sum())


@accelerate
def abs_sum(a: f64[:]) -> float:
    return float(abs(a).sum())


@accelerate
def abs_array(a: i32[:, :]) -> np.ndarray:
    return abs(a)


@accelerate
def abs_item(a: f64[:]):
    return abs(a[0])


@accelerate
def dot_zip(a: f64[:], b: f64[:]) -> float:
    t = 0.0
    for x, y in zip(a, b):
        t += x * y
    return t


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_functions_imported_by_name():
    # "'empty_like' is a '_ArrayFunctionDispatcher', which compiled code cannot call"
    check(imported, np.arange(4.0))
    check(imported, np.array([-1.0]))  # nan from sqrt, as NumPy


def test_builtin_abs_of_arrays_and_numpy_numbers():
    check(abs_sum, np.array([-1.5, 2.0, -0.0, np.nan]))
    check(abs_array, np.array([[-3, 2], [-2 ** 31, 5]], dtype=np.int32))  # int32 min stays, as NumPy
    check(abs_item, np.array([-1.5]))  # a numpy.float64, not a float
    check(abs_item, np.array([], dtype=np.float64))  # IndexError


def test_zip_over_arrays():
    check(dot_zip, np.arange(4.0), np.ones(4))
    check(dot_zip, np.arange(4.0), np.ones(2))


@accelerate
def sum_f64(a: f64[:]):
    return sum(a)


@accelerate
def sum_i8(a: i8[:]):
    return sum(a)


@accelerate
def sum_bool(a: b1[:]):
    return sum(a)


@accelerate
def sum_f32_start(a: f32[:]):
    return sum(a, 0.5)


@accelerate
def max_items(a: f64[:]):
    return max(a)


@accelerate
def min_items(a: i8[:]):
    return min(a)


@accelerate
def max_two(a: f64[:]):
    return max(a[0], a[1]), min(a[1], a[0])


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_builtin_sum_min_max_of_arrays():
    # Python's own loops over NumPy numbers: left to right in NumPy's arithmetic (int8 wraps,
    # bool items add up as int64, no pairwise summation), `item > current` for max
    check(sum_f64, np.array([0.1, 0.2, 0.3]))
    check(sum_f64, np.array([1e16, 1.0, -1e16]))
    check(sum_i8, np.array([100, 100, -3], dtype=np.int8))
    check(sum_bool, np.array([True, True, False]))
    check(sum_f32_start, np.array([0.1, 0.2], dtype=np.float32))
    nan = float("nan")
    for a in (np.array([nan, 1.0]), np.array([1.0, nan, 3.0]), np.array([], dtype=float), np.array([-0.0, 0.0])):
        check(max_items, a)
    for a in (np.array([5, -3, 7], dtype=np.int8), np.array([], dtype=np.int8)):
        check(min_items, a)
    for a in (np.array([nan, 2.0]), np.array([2.0, nan]), np.array([0.0, -0.0])):
        check(max_two, a)


@accelerate
def where_one(a: f64[:]):
    return np.where(a > 0.5)


@accelerate
def nonzero_2d(a: i32[:, :]):
    return np.nonzero(a)


@accelerate
def where_unpacked(a: f64[:, :]):
    r, c = np.where(a > 1.0)
    return r.sum() + c.sum() * 10


@accelerate
def nonzero_method(a: f64[:]) -> int:
    return a.nonzero()[0].shape[0]


def test_where_of_a_condition_alone_is_nonzero():
    # "np.where(a < 0) (one argument) says missing required argument 'condition'"
    check(where_one, np.array([0.1, 0.9, 0.6]))
    check(where_one, np.array([], dtype=float))
    check(nonzero_2d, np.array([[0, 3], [4, 0], [0, 0]], dtype=np.int32))
    check(nonzero_2d, np.arange(12, dtype=np.int32).reshape(3, 4)[:, ::2])  # strided: C order of the view
    check(where_unpacked, np.arange(6.0).reshape(2, 3))
    check(nonzero_method, np.array([0.0, -0.0, np.nan, 2.0]))  # nan is true, -0.0 is not


@accelerate
def stencil_step(u: f64[:, :], v: f64[:, :], lo: int, hi: int) -> None:
    # the neighbours' bounds are checked once per row when they hold (opt/loops.cpp), each
    # access otherwise: u[i - 1, j] at i = 0 is the last row, as in Python
    for i in range(lo, hi):
        for j in range(lo, hi):
            v[i, j] = u[i, j] + 0.1 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1] - 4.0 * u[i, j])


@accelerate
def shifted_sum(a: f64[:], k: int, n: int) -> float:
    t = 0.0
    for j in range(n):
        t += a[j + 2] * a[k - 3]
    return t


def test_stencil_neighbours_as_python():
    u = np.arange(36.0).reshape(6, 6) ** 1.5
    for lo, hi in ((1, 5), (0, 5), (1, 6), (0, 6), (-6, -1), (3, 2)):
        check(stencil_step, u, np.zeros((6, 6)), lo, hi)
        check(stencil_step, u.T, np.zeros((6, 6)).T, lo, hi)
    check(stencil_step, u[::2, ::2], np.zeros((3, 3)), 1, 2)
    # rows of 1..19 items: the stencil's loop is unrolled twice (opt/loops.cpp), its remainders
    w = np.sin(np.arange(21.0 * 23).reshape(21, 23)) * 1e3
    for hi in range(2, 21):
        check(stencil_step, w, np.full((21, 23), np.nan), 1, hi)
    for k, n in ((3, 4), (0, 4), (3, 5), (2**63 - 1, 1), (-2**63 + 3, 1)):
        check(shifted_sum, np.arange(6.0), k, n)


@accelerate
def heat3d_step(u: f64[:, :, :], v: f64[:, :, :]) -> float:
    # the innermost loop walks the last axis: its copy with the strides checked to be 1
    # vectorizes; a view whose stride is not 1 runs the checked loop
    n0, n1, n2 = u.shape
    for i in range(1, n0 - 1):
        for j in range(1, n1 - 1):
            for k in range(1, n2 - 1):
                v[i, j, k] = u[i, j, k] + 0.1 * (u[i - 1, j, k] + u[i + 1, j, k] + u[i, j - 1, k] + u[i, j + 1, k]
                                                 + u[i, j, k - 1] + u[i, j, k + 1] - 6.0 * u[i, j, k])
    return float(v.sum())


@accelerate
def shift_add(buf: f64[:], d: int, s: int, step: int, lo: int, hi: int) -> None:
    # two views of one buffer, overlapping: each item is read after the stores before it
    dst = buf[d:d + 31 * step:step]
    src = buf[s:s + 31 * step:step]
    for j in range(lo, hi):
        dst[j] = src[j] * 0.5 + 1.0


@accelerate
def row_dot(a: f64[:, :], b: f64[:, :], r: int) -> float:
    s = 0.0
    for j in range(a.shape[1]):
        s += a[r, j] * b[r, j]
    return s


def test_unit_stride_copies_as_python():
    rng = np.random.default_rng(3)
    u = rng.standard_normal((6, 7, 19))
    check(heat3d_step, u, np.zeros_like(u))
    check(heat3d_step, u[:, :, ::2], np.zeros((6, 7, 10)))                 # strided reads
    check(heat3d_step, u, np.zeros((6, 7, 38))[:, :, ::2])                  # a strided store
    check(heat3d_step, np.asfortranarray(u), np.zeros_like(u))             # last axis's stride: 42
    check(heat3d_step, u[:, :, :1], np.zeros((6, 7, 1)))                   # nothing to walk
    check(heat3d_step, np.broadcast_to(u[:, :, :1], (6, 7, 5)), np.zeros((6, 7, 5)))  # stride 0
    # overlapping views of one buffer, either way round, in the fast copy and past its bounds
    for lo, hi in ((0, 30), (0, 31), (-3, 30), (5, 12)):
        for d, s in ((1, 0), (0, 1), (0, 0), (3, 0), (0, 9)):
            for step in (1, 2):
                check(shift_add, np.arange(80.0), d, s, step, lo, hi)
    a = rng.standard_normal((4, 9))
    check(row_dot, a, a, 2)
    check(row_dot, a, a.T.copy().T, 3)  # the same values, F order: the checked loop
    check(row_dot, a[:, ::3], a[:, 1::3], 1)
    check(row_dot, a, a, 4)  # IndexError after no item was read


@accelerate
def distances(x: f64[:, :], out: f64[:, :], i: int, n: int, d: int) -> float:
    # the inner loop's guards are checked once before the j loop (opt/loops.cpp's version_nest)
    for j in range(n):
        s = 0.0
        for k in range(d):
            t = x[i, k] - x[j, k]
            s += t * t
        out[i, j] = s
    return float(out.sum())


@accelerate
def band(u: f64[:, :], v: f64[:, :], lo: int, n: int) -> None:
    # inner bounds a local plus or minus a constant: range(lo + 1, n - 1) around neighbours
    for i in range(1, n - 1):
        for j in range(lo + 1, n - 1):
            v[i, j] = u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1]


@accelerate
def rebound_index(a: f64[:], n: int, far: int) -> float:
    # a nested function rebinds the index the loop reads: no guard can be checked before the loop
    j = 0

    def jump() -> None:
        nonlocal j
        j = far
    s = 0.0
    for i in range(n):
        s += a[j]
        if i == 2:
            jump()
    return s


@accelerate
def rebound_bound(x: f64[:, :], n: int, far: int) -> float:
    d = 2

    def widen() -> None:
        nonlocal d
        d = far
    s = 0.0
    for j in range(n):
        for k in range(d):
            s += x[j, k]
        if j == 1:
            widen()
    return s


def test_locals_a_nested_function_rebinds_keep_their_checks():
    check_all(rebound_index, [np.arange(5.0)], [2, 5], [4, 5, 10 ** 6, -5, -6])
    check_all(rebound_bound, [np.arange(12.0).reshape(4, 3)], [2, 4], [3, 4, 10 ** 6])


def test_loop_nests_as_python():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((7, 3))
    for i, n, d in ((0, 7, 3), (6, 7, 3), (-1, 7, 3), (-7, 7, 2), (7, 7, 3), (2, 8, 3), (2, 7, 4),
                    (2, 7, 0), (2, 0, 3), (2, -3, 3), (3, 7, -1)):
        check(distances, x, np.zeros((7, 7)), i, n, d)
    check(distances, x[::2], np.zeros((4, 4)), 1, 4, 3)        # strided rows
    check(distances, x[:, ::2], np.zeros((7, 7)), 1, 7, 2)     # strided columns: checked loops
    check(distances, x, np.zeros((7, 7))[:, :5], 1, 7, 3)      # out too narrow: IndexError at j = 5
    u = rng.standard_normal((6, 6))
    for lo, n in ((0, 6), (-1, 6), (-2, 6), (0, 7), (3, 6), (0, 2), (-9, 6), (5, 6)):
        check(band, u, np.zeros((6, 6)), lo, n)


@accelerate
def positional_reductions(a: f64[:, :]) -> tuple[np.ndarray, float, np.ndarray]:
    # NumPy's parameter order: var(axis, dtype, out, ddof), sum(axis, dtype, out, keepdims)
    return a.var(1, None, None, 1), float(a.sum(None, np.float32)), a.max(0, None, False)


@accelerate
def reductions_in_a_dtype(a: i32[:]) -> tuple[float, float, int]:
    return float(a.sum(dtype=np.float64)), float(np.mean(a, dtype=np.float32)), int(np.sum(a, dtype=np.int8))


@accelerate
def centroid(x: f64[:, :], labels: i64[:], c: int) -> np.ndarray:
    # the k-means idiom: the rows whose label is c, a mask of fewer dimensions than the array
    return x[labels == c].mean(axis=0)


@accelerate
def zero_rows(x: f64[:, :], keep: b1[:]) -> None:
    x[~keep] = 0.0


@accelerate
def masked_updates(a: np.ndarray, lo: float, hi: float) -> np.ndarray:
    # the idioms: clamp, scale a band in place, copy values in where a mask holds
    b = a.copy()
    b[b < lo] = lo
    b[(b > lo) & (b < hi)] *= 10
    b[b >= hi] = a[b >= hi][::-1]
    return b


@accelerate
def masked_from(a: np.ndarray, keep: np.ndarray, values: np.ndarray) -> None:
    a[keep] = values


@accelerate
def bump(a: i64[:], idx: i64[:]) -> None:
    a[idx] += 1  # NumPy's rule: a repeated index is bumped once


@accelerate
def put_rows(x: f64[:, :], idx: i64[:], rows: f64[:, :]) -> None:
    x[idx] = rows


@accelerate
def scaled(x: np.float32, a: np.ndarray) -> np.ndarray:
    return a * x + x


def test_positional_arguments_of_reductions():
    for a in (np.arange(6.0).reshape(2, 3) ** 2, np.asfortranarray(np.arange(6.0).reshape(2, 3))):
        check(positional_reductions, a)
    check(reductions_in_a_dtype, np.array([100, 100, 2 ** 30, -7], dtype=np.int32))  # int8 wraps, as NumPy


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_masks_of_fewer_dimensions():
    x = np.arange(12.0).reshape(6, 2) ** 1.5
    labels = np.array([0, 1, 0, 2, 1, 0])
    for c in (0, 1, 2, 3):  # 3: no rows, the mean of nothing is nan (with NumPy's warning)
        check(centroid, x, labels, c)
    check(centroid, x, labels[:4], 0)  # IndexError: the mask's extent differs
    check(zero_rows, x, np.array([True, False, True, True, False, False]))



def test_masked_assignments_of_arrays():
    v = np.array([-3.0, 0.5, 2.0, 7.5, 1.5, 12.0, -0.0])
    check(masked_updates, v, 0.0, 5.0)
    check(masked_updates, np.arange(12.0).reshape(3, 4) - 4, -1.0, 3.0)  # a 2-d mask: values in C order
    check(masked_updates, np.asfortranarray(np.arange(12.0).reshape(3, 4)), 2.0, 8.0)
    check(masked_updates, np.arange(-3, 9), 0.0, 5.0)  # an int array: b < 0.0 and b *= 10 stay int
    keep = np.array([True, False, True, False])
    check(masked_from, np.zeros(4), keep, np.array([1.5, 2.5]))
    check(masked_from, np.zeros(4), keep, np.array([7.0]))  # one value: broadcast
    check(masked_from, np.zeros(4, dtype=np.int64), keep, np.array([1.9, -2.9]))  # cast as NumPy's setitem: truncated
    check(masked_from, np.zeros(4), keep, np.array([1.0, 2.0, 3.0]))  # ValueError: 3 input values to the 2 output values
    check(masked_from, np.zeros((4, 3)), keep, np.array([1.0, 2.0, 3.0]))  # rows: each gets the row
    check(masked_from, np.zeros((4, 3)), keep, np.arange(6.0).reshape(2, 3))
    check(masked_from, np.zeros((4, 3)), keep, np.arange(4.0))  # ValueError: shape mismatch
    check(masked_from, np.zeros(3), keep, np.ones(2))  # IndexError: the mask's extent differs
    a = np.arange(6.0)
    check(masked_from, a, a > 2, a[::-1][:3])  # the values overlap the array: read first


@accelerate
def kmeans_step(x: f64[:, :], c: f64[:, :]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Lloyd's step: distances by broadcasting summed along a short axis (the points' width),
    # labels, and each centroid the mean of its rows (a sum down the rows of a few columns)
    d = ((x[:, np.newaxis, :] - c[np.newaxis, :, :]) ** 2).sum(axis=2)
    labels = d.argmin(axis=1)
    out = c.copy()
    for j in range(c.shape[0]):
        members = x[labels == j]
        if members.shape[0] > 0:
            out[j] = members.mean(axis=0)
    return d, labels, out


@accelerate
def picked(x: f64[:, :], keep: b1[:], v: f64[:], keep2: b1[:]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # the rows (and items) a mask picks, from arrays of every layout, and the column sums of them
    rows = x[keep]
    return rows, rows.sum(axis=0), v[keep2], x[keep][:, ::-1].sum(axis=0)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_masks_and_short_sums_of_points():
    rng = np.random.default_rng(5)
    for width in (1, 2, 3, 4, 5, 9):  # 2 and 3 unrolled, under 8 NumPy's short sum, 9 pairwise
        x = rng.normal(size=(40, width)) * 1e3
        c = x[:4].copy()
        check(kmeans_step, x, c)
        check(kmeans_step, np.asfortranarray(x), c[:, :])
        check(kmeans_step, x[::2], c[::-1])  # strided rows, reversed centroids
        keep = rng.random(40) < 0.3
        check(picked, x, keep, x[:, 0].copy(), keep)
        check(picked, x[:, ::-1], keep, x[::-1, 0], keep)  # reversed columns, a reversed vector
        check(picked, np.asfortranarray(x), np.repeat(keep, 2)[::2], x[:, 0], keep)  # a strided mask
        check(picked, x, np.zeros(40, dtype=bool), x[:, 0], np.ones(40, dtype=bool))
    for n in (255, 256, 257, 700):  # masks counted 256 bools at a time (array.hpp's mask_count), and the rest
        x = rng.normal(size=(n, 2))
        keep = rng.random(n) < 0.4
        check(picked, x, keep, x[:, 1].copy(), ~keep)
        check(picked, x, np.ones(n, dtype=bool), x[:, 0].copy(), np.zeros(n, dtype=bool))
        check(kmeans_step, x, x[:5].copy())
    x = np.array([[1.0, np.nan], [np.inf, 2.0], [-np.inf, 3.0], [0.0, -0.0]])
    check(kmeans_step, x, x[:2].copy())
    check(picked, x, np.array([True, True, True, False]), x[:, 1], np.array([True, False, True, True]))
    check(kmeans_step, np.zeros((0, 2)), np.ones((3, 2)))  # no points
    check(picked, np.ones((3, 2)), np.ones(2, dtype=bool), np.ones(3), np.ones(3, dtype=bool))  # IndexError


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_mean_of_no_rows():
    check(centroid, np.ones((2, 2)), np.array([0, 0]), 5)


def test_assigning_through_index_arrays():
    check(bump, np.zeros(5, dtype=np.int64), np.array([1, 1, 3, -1]))
    check(bump, np.zeros(5, dtype=np.int64), np.array([1, 5]))  # IndexError, nothing written
    check(bump, np.zeros(5, dtype=np.int64), np.array([], dtype=np.int64))
    x = np.zeros((4, 3))
    check(put_rows, x, np.array([2, 0]), np.arange(6.0).reshape(2, 3))
    check(put_rows, x, np.array([2, 0, 2]), np.ones((1, 3)))  # one row broadcast
    check(put_rows, x, np.array([2, 0]), np.ones((3, 3)))  # ValueError: shape mismatch
    check(put_rows, x, np.array([-5]), np.ones((1, 3)))  # IndexError


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_numpy_scalar_parameters():
    check(scaled, np.float32(1.5), np.arange(3, dtype=np.float32))
    check(scaled, np.float32(1.5), np.arange(3, dtype=np.int64))  # float64, as NumPy
    check(scaled, np.float32(1e38), np.array([10.0], dtype=np.float32))  # inf in float32
    with pytest.raises(TypeError, match="argument 'x' must be numpy.float32, not float"):
        scaled(1.5, np.arange(3.0))


@accelerate
def powers(a: np.ndarray, p: float, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # NumPy's power loop with a broadcast exponent: 0.5 (in the array's dtype: 0.5000000001 is
    # 0.5 in float32) is sqrt (sqrt(-0.0) is -0.0 and sqrt(-inf) nan, where pow gives 0.0 and
    # inf), 2 is x * x, -1 is 1 / x, decided by the value
    return a ** 2, a ** 0.5, a ** p, a ** k, np.sqrt(a ** 2 + 1.0) * a ** -1


@accelerate
def power_in_place(a: np.ndarray, p: float) -> None:
    a **= p


@accelerate
def int_powers(a: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return a ** 2, a ** k, a ** 0.5


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_array_powers_take_numpy_s_fast_paths():
    special = np.array([-0.0, 0.0, -np.inf, np.inf, np.nan, 2.25, -4.0, 1e-300])
    for p, k in ((0.5, 2), (0.5000000001, -1), (2.0, 3), (-0.5, 0)):
        check(powers, special, p, k)
        check(powers, special.astype(np.float32), p, k)
        check(power_in_place, special.copy(), p)
    check(int_powers, np.array([3, -4, 127], dtype=np.int8), 2)  # int8 ** 2 wraps
    check(int_powers, np.array([3, 4]), -1)  # ValueError: integers to negative integer powers


@accelerate
def normalized(x: f64[:, :]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # keepdims=True keeps the reduced axis, of extent 1, so the result broadcasts back
    rows = x / x.sum(axis=1, keepdims=True)
    cols = x - x.mean(axis=0, keepdims=True)
    return rows, cols, np.max(x, keepdims=True), x.argmax(axis=1, keepdims=True)


@accelerate
def kept_1d(a: f64[:]) -> tuple[np.ndarray, np.ndarray]:
    return a.sum(axis=0, keepdims=True), np.std(a, keepdims=True)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_reductions_keeping_dimensions():
    for x in (np.arange(6.0).reshape(2, 3) + 1, np.asfortranarray(np.arange(6.0).reshape(2, 3)), np.zeros((0, 3))):
        check(normalized, x)
    check(kept_1d, np.array([1.0, 2.5, -4.0]))


@accelerate
def nearest(points: f64[:, :], centers: f64[:, :]) -> tuple[list[int], float]:
    # a loop nest (its guards once per point) whose inner loop breaks out: the nest is left to
    # each loop's own guards; labels and sums as the Python
    labels: list[int] = []
    total = 0.0
    for i in range(points.shape[0]):
        best, best_d = -1, 0.0
        for c in range(centers.shape[0]):
            d = 0.0
            for k in range(points.shape[1]):
                t = points[i, k] - centers[c, k]
                d += t * t
                if d > 1e6:
                    break
            if best < 0 or d < best_d:
                best, best_d = c, d
        labels.append(best)
        total += best_d
    return labels, total


def test_nests_with_breaks_and_lists():
    rng = np.random.default_rng(11)
    pts = rng.standard_normal((9, 3)) * 10
    check(nearest, pts, pts[:4].copy())
    check(nearest, pts, pts[:4, :2].copy())  # centers narrower than points: IndexError at k = 2
    check(nearest, pts * 1e4, pts[:3].copy())  # the break
    check(nearest, pts[:, ::2], pts[:2, ::2])  # strided


@accelerate
def triangle(x: f64[:], lo: int, n: int) -> float:
    # inner ranges bounded by the outer loop's variable change each time: their guards stay
    # inside (a guard checked before the nest would have read i's value from before it)
    s = 0.0
    i = 0
    for i in range(lo, n):
        for j in range(0, i):
            s += x[j]
        for j in range(i + 1, n):
            s -= x[j] * 0.5
    return s


def test_triangular_nests():
    a = np.arange(1.0, 5.0)
    for lo, n in ((0, 4), (0, 5), (2, 9), (-3, 4), (-6, 2), (3, 3)):
        check(triangle, a, lo, n)
