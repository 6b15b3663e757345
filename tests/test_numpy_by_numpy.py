"""NumPy's own computations (ops.def's ByNumPy rule): np.linalg.solve, inv, det, pinv, lstsq, matrix_rank,
matrix_power, np.cov, np.corrcoef, np.convolve, np.histogram, np.percentile, np.quantile,
np.polyfit, np.append, np.delete and np.insert are called in NumPy itself, with the GIL, on views
of the compiled arrays' memory (runtime/include/pyrite/npcall.hpp's by_numpy): LAPACK's bits and NumPy's own, its exceptions
(LinAlgError) as they are. Typing gives each NumPy's result type for its arguments' types; each is
checked against NumPy across dtypes, layouts and NumPy's errors, and in the code around them (a
loop, a class, a try)."""
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pytest

import pyrite
from difftest import check, numpy_refusal
from pyrite import accelerate

F = npt.NDArray[np.float64]


@accelerate
def solved(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.linalg.solve(a, b)


@accelerate
def inverted(a: np.ndarray) -> np.ndarray:
    return np.linalg.inv(a)


@accelerate
def determinant(a: np.ndarray):
    return np.linalg.det(a)


@accelerate
def pseudo_inverse(a: np.ndarray) -> np.ndarray:
    return np.linalg.pinv(a)


@accelerate
def rank(a: np.ndarray):
    return np.linalg.matrix_rank(a)


@accelerate
def cubed(a: np.ndarray) -> np.ndarray:
    return np.linalg.matrix_power(a, 3) + np.linalg.matrix_power(a, 0)


@accelerate
def power(a: F, n: int) -> F:
    return np.linalg.matrix_power(a, n)


@accelerate
def covariances(m: np.ndarray, y: np.ndarray):
    return (np.cov(m), np.cov(m, rowvar=False), np.cov(m, bias=True), np.cov(m, ddof=0), np.cov(m, y),
            np.corrcoef(m), np.corrcoef(m, y, rowvar=False))


@accelerate
def pair_cov(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.cov(x, y)[0, 1]) + float(np.corrcoef(x, y)[0, 1])


@accelerate
def cov_of(m: F) -> F:
    return np.cov(m)


@accelerate
def convolved(a: np.ndarray, v: np.ndarray):
    return np.convolve(a, v), np.convolve(a, v, "same"), np.convolve(a, v, mode="valid")


@accelerate
def histograms(a: np.ndarray, edges: np.ndarray):
    return (np.histogram(a), np.histogram(a, 4), np.histogram(a, bins=edges), np.histogram(a, 3, (0.0, 10.0)),
            np.histogram(a, bins=5, density=True))


@accelerate
def weighted_histogram(a: np.ndarray, w: np.ndarray):
    return np.histogram(a, bins=3, weights=w)


@accelerate
def bins_of(a: F, bins: int, lo: float, hi: float):
    return np.histogram(a, bins, range=(lo, hi))


@accelerate
def percentiles(a: np.ndarray, qs: np.ndarray):
    return (np.percentile(a, 50), np.percentile(a, 12.5), np.percentile(a, [0, 25, 100]), np.percentile(a, qs * 100),
            np.quantile(a, 0.9), np.quantile(a, qs))


@accelerate
def percentile_of(a: F, q: float) -> float:
    return float(np.percentile(a, q))


@accelerate
def quantile_of(a: F, q: float) -> float:
    return float(np.quantile(a, q))


@accelerate
def fitted(x: np.ndarray, y: np.ndarray, deg: int) -> np.ndarray:
    return np.polyfit(x, y, deg)


def test_solve_inv_det_as_numpy():
    rng = np.random.default_rng(1)
    m = rng.random((4, 4))
    b = rng.random(4)
    check(solved, m, b)
    check(solved, m, rng.random((4, 2)))
    check(solved, m.T, b[::-1])  # views: strided, reversed
    check(solved, np.array([[2, 1], [1, 3]]), np.array([1, 2]))  # ints: float64
    check(solved, m.astype(np.float32), b.astype(np.float32))  # float32 stays
    check(solved, m.astype(np.float32), b)  # float32 and float64: float64
    check(solved, m + 1j * m.T, b.astype(np.complex128))
    check(solved, np.ones((2, 2)), np.ones(2))  # LinAlgError: Singular matrix
    check(solved, np.ones((2, 3)), np.ones(2))  # LinAlgError: Last 2 dimensions of the array must be square
    check(solved, np.eye(2), np.ones(3))  # ValueError: the gufunc's core dimension
    for a in (m, m[::2, ::2], np.array([[4, 7], [2, 6]]), m.astype(np.float32), np.ones((3, 3)), np.eye(3, dtype=bool)):
        check(inverted, a)
        check(determinant, a)
        check(pseudo_inverse, a)
        check(rank, a)
    check(determinant, m + 1j * m.T)
    check(rank, np.array([1.0, 0.0]))
    check(rank, np.zeros(3))


@accelerate
def least_squares(a: np.ndarray, b: np.ndarray):
    return np.linalg.lstsq(a, b)


@accelerate
def least_squares_rcond(a: F, b: F, rcond: float):
    x, residuals, r, s = np.linalg.lstsq(a, b, rcond=rcond)
    return x, residuals, int(r), s


@accelerate
def trend(xs: list[float], ys: list[float]) -> tuple[float, float, int]:
    # a straight line through points, as users fit one: [x, 1] rows, then lstsq
    a = np.ones((len(xs), 2))
    for i in range(len(xs)):
        a[i, 0] = xs[i]
    coef, _, r, _ = np.linalg.lstsq(a, np.array(ys), rcond=None)
    return float(coef[0]), float(coef[1]), int(r)


def test_lstsq_as_numpy():
    rng = np.random.default_rng(7)
    a, b = rng.random((6, 3)), rng.random(6)
    check(least_squares, a, b)  # residuals: one sum of squares
    check(least_squares, a, rng.random((6, 2)))  # a matrix b: x is a matrix
    check(least_squares, a[:2], b[:2])  # underdetermined: no residuals (an empty array)
    check(least_squares, np.ones((4, 2)), b[:4])  # rank-deficient: rank 1, no residuals
    check(least_squares, a.astype(np.float32), b.astype(np.float32))  # float32 stays
    check(least_squares, np.arange(12).reshape(4, 3), np.arange(4))  # ints: float64
    check(least_squares, a + 1j * a, b.astype(np.complex128))  # complex x, real residuals and s
    check(least_squares, a.T[::-1], b[:3])  # views
    check(least_squares, a, b[:5])  # LinAlgError: Incompatible dimensions
    check(least_squares_rcond, a, b, 1e-10)
    check(least_squares_rcond, a, b, 0.9)  # a large rcond: a lower rank
    check(trend, [0.0, 1.0, 2.0, 3.0], [1.0, 3.1, 4.9, 7.2])
    check(trend, [1.0, 1.0], [2.0, 4.0])  # one x: rank 1


def test_matrix_power_keeps_the_dtype_numpy_keeps():
    check(cubed, np.array([[1, 1], [1, 0]]))  # ints stay ints
    check(cubed, np.array([[True, False], [True, True]]))  # and bools bools
    check(cubed, np.array([[0.5, 1.0], [2.0, -1.0]], dtype=np.float32))
    a = np.array([[2.0, 1.0], [1.0, 1.0]])
    for n in (-3, -1, 0, 1, 5):
        check(power, a, n)
    check(power, np.ones((2, 2)), -1)  # LinAlgError: Singular matrix
    check(power, np.ones((2, 3)), 2)  # LinAlgError: not square


def test_cov_and_corrcoef_as_numpy():
    rng = np.random.default_rng(2)
    m = rng.random((3, 6))
    check(covariances, m, rng.random((3, 6)))
    check(covariances, np.arange(12).reshape(3, 4), np.arange(12)[::-1].reshape(3, 4))  # ints
    check(covariances, m.astype(np.float32), m[::-1])
    x, y = rng.random(10), rng.random(10)
    check(pair_cov, x, y)
    check(pair_cov, np.arange(5), np.array([1, 3, 2, 5, 4]))
    check(pair_cov, x, y[:5])  # ValueError: all the input array dimensions ... must match exactly


def test_cov_of_one_row_is_refused_at_run_time_where_numpy_gives_a_0d_array():
    # NumPy squeezes the result of a matrix of one variable to 0 dimensions, which compiled code
    # does not have: a clear error, never another value
    assert np.cov(np.ones((1, 4))).ndim == 0
    with pytest.raises(NotImplementedError, match="0-dimensional arrays"):
        cov_of(np.ones((1, 4)))
    assert np.array_equal(cov_of(np.eye(2)), np.cov(np.eye(2)))


def test_convolve_as_numpy():
    a = np.array([1.0, 2.5, -3.0, 4.0, 0.5])
    v = np.array([0.25, 0.5, 0.25])
    check(convolved, a, v)
    check(convolved, v, a)  # the shorter first: NumPy swaps them
    check(convolved, np.arange(6), np.array([1, -1]))  # ints stay ints
    check(convolved, np.array([True, False, True]), np.array([True, True]))
    check(convolved, a.astype(np.float32), v.astype(np.float32))
    check(convolved, a.astype(np.float32), np.array([1, 2]))  # float32 and int64: float64
    check(convolved, a[::-2], v)
    check(convolved, np.array([], dtype=np.float64), v)  # ValueError: a cannot be empty
    check(convolved, a, np.array([], dtype=np.float64))  # ValueError: v cannot be empty


def test_histogram_as_numpy():
    rng = np.random.default_rng(3)
    a = rng.normal(5.0, 2.0, 200)
    check(histograms, a, np.array([0.0, 2.0, 5.0, 11.0]))
    check(histograms, rng.integers(0, 10, 50), np.array([0, 3, 9]))  # ints: float edges, int edges kept
    check(histograms, a.astype(np.float32), np.array([0.0, 5.0, 10.0], dtype=np.float32))
    check(histograms, a.reshape(20, 10)[:, ::3], np.array([1.0, 2.0]))  # any shape: flattened
    check(histograms, np.array([1.0, np.nan]), np.array([0.0, 1.0]))  # ValueError: autodetected range ... not finite
    check(histograms, a, np.array([3.0, 1.0]))  # ValueError: bins must increase monotonically
    check(weighted_histogram, a[:10], np.linspace(0.0, 1.0, 10))
    check(weighted_histogram, a[:10], np.arange(10, dtype=np.int32))  # the counts take the weights' dtype
    check(weighted_histogram, a[:10], np.ones(3))  # ValueError: weights should have the same shape as a.
    check(bins_of, a, 7, 0.0, 10.0)
    check(bins_of, a, 0, 0.0, 10.0)  # ValueError: `bins` must be positive, when an integer
    check(bins_of, a, 3, 2.0, 1.0)  # ValueError: max must be larger than min in range parameter.
    check(bins_of, np.array([4.0, 4.0]), 2, 4.0, 4.0)  # an empty range: NumPy widens it by 0.5


def test_percentile_and_quantile_as_numpy():
    rng = np.random.default_rng(4)
    a = rng.random(11)
    qs = np.array([0.0, 0.1, 0.5, 0.99, 1.0])
    check(percentiles, a, qs)
    check(percentiles, np.arange(7), qs)  # ints: float64
    check(percentiles, a.astype(np.float32), qs)  # float32 stays float32 for a Python number q
    check(percentiles, a.astype(np.float32), qs.astype(np.float32))
    check(percentiles, a.reshape(11, 1)[::-1], qs)  # any shape: flattened
    check(percentiles, np.array([1.0, np.nan, 3.0]), qs)  # NaN anywhere: NaN
    check(percentiles, np.array([2.0, -np.inf, np.inf]), qs)
    check(percentiles, a, np.array([0.5, 1.5]))  # ValueError: Percentiles must be in the range [0, 100]
    for q in (0.0, 37.5, 100.0, 100.5, -1.0):
        check(percentile_of, a, q)
    for q in (0.0, 0.375, 1.0, 1.5):
        check(quantile_of, a, q)
    check(percentile_of, np.array([], dtype=np.float64), 50.0)  # IndexError: index -1 is out of bounds


def test_polyfit_as_numpy():
    x = np.linspace(0.0, 2.0, 9)
    y = 3.0 * x ** 2 - x + 0.5 + np.sin(7 * x) / 10
    for deg in (0, 1, 2, 3):
        check(fitted, x, y, deg)
    check(fitted, np.arange(6), np.array([1, 4, 9, 16, 25, 36]), 2)  # ints
    check(fitted, x, np.stack([y, -y], axis=1), 1)  # two series at once
    check(fitted, x, y, -1)  # ValueError: expected deg >= 0
    check(fitted, x, y[:3], 1)  # TypeError: expected x and y to have same length


@accelerate
def factored(a: np.ndarray):
    return np.linalg.cholesky(a), np.linalg.eigvalsh(a), np.linalg.cond(a)


@accelerate
def correlated(a: np.ndarray, v: np.ndarray):
    return np.correlate(a, v), np.correlate(a, v, "full"), np.correlate(a, v, mode="same")


@accelerate
def integrals(y: np.ndarray, x: np.ndarray):
    return np.trapezoid(y), np.trapezoid(y, x), np.trapezoid(y, dx=0.25), np.gradient(y), np.gradient(y, 0.5), np.gradient(y, x)


def test_cholesky_eigvalsh_cond_as_numpy():
    spd = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.25], [0.5, 0.25, 2.0]])
    check(factored, spd)
    check(factored, np.array([[4, 2], [2, 3]]))  # ints: float64
    check(factored, spd.astype(np.float32))
    check(factored, np.array([[2.0, 1j], [-1j, 2.0]]))  # Hermitian: real eigenvalues, a real condition number
    check(factored, np.array([[1.0, 2.0], [2.0, 1.0]]))  # LinAlgError: Matrix is not positive definite


def test_correlate_trapezoid_gradient_as_numpy():
    a = np.array([1.0, 2.5, -3.0, 4.0, 0.5])
    check(correlated, a, np.array([0.25, 0.5, 0.25]))
    check(correlated, np.arange(6), np.array([1, -1]))
    check(correlated, a.astype(np.float32), np.array([1.0, 2.0], dtype=np.float32))
    x = np.array([0.0, 0.5, 1.5, 1.75, 3.0])
    check(integrals, a, x)
    check(integrals, np.arange(5), x)  # ints: float64
    check(integrals, a.astype(np.float32), x)  # float32 with a float64 x: float64; with a number: float32
    check(integrals, a.astype(np.float32), x.astype(np.float32))
    check(integrals, a[:1], x[:1])  # ValueError: Shape of array too small to calculate a numerical gradient
    check(integrals, a, x[:3])  # ValueError: when 1d, distances must match the length of the corresponding dimension


@dataclass
class Fit:
    name: str
    slope: float
    spread: float


@accelerate
def fits(names: list[str], series: npt.NDArray[np.float64]) -> list[Fit]:
    # the calls in a loop, their results in instances kept in a dict, NumPy's exception caught as
    # the ValueError it derives from
    by_name: dict[str, Fit] = {}
    for k in range(series.shape[0]):
        name = names[k]
        ys = series[k]
        xs = np.arange(ys.shape[0]) * 1.0
        coef = np.polyfit(xs, ys, 1)
        lo, hi = np.percentile(ys, [10, 90])
        try:
            m = np.array([[xs.sum(), 1.0], [ys.sum(), 1.0]])
            d = float(np.linalg.det(m)) + float(np.linalg.solve(m, np.array([1.0, 2.0]))[0])
        except ValueError as e:
            d = -1.0
            name = name + ": " + str(e)
        by_name[name] = Fit(name, float(coef[0]), float(hi - lo) + d)
    return [by_name[k] for k in sorted(by_name)]


def test_in_a_loop_with_instances_and_a_caught_linalg_error():
    series = np.array([[1.0, 2.0, 3.5, 4.0], [2.0, 2.0, 2.0, 2.0], [5.0, 3.0, 1.0, 0.0]])
    check(fits, ["up", "flat", "down"], series)  # "flat": a singular matrix, caught
    check(fits, ["up", "flat"], series[:, :1])  # one point each: polyfit's RankWarning, then a fit


@accelerate
def decompositions(a: np.ndarray) -> tuple:
    # NumPy's named tuples, unpacked as users write them
    w, v = np.linalg.eigh(a + a.T)
    u, s, vh = np.linalg.svd(a)
    q, r = np.linalg.qr(a)
    sign, logdet = np.linalg.slogdet(a)
    u2, s2, vh2 = np.linalg.svd(a, full_matrices=False)
    return w, v, u, s, vh, q, r, sign, logdet, u2, s2, vh2


@accelerate
def decompositions_arrays(a: np.ndarray) -> tuple:
    w, v = np.linalg.eigh(a, UPLO="U")
    q, r = np.linalg.qr(a, mode="complete")
    return w, np.linalg.svd(a, compute_uv=False), np.linalg.qr(a, mode="r"), q, r


def test_eigh_svd_qr_slogdet_as_numpy():
    rng = np.random.default_rng(3)
    a = rng.random((3, 3))
    check(decompositions, a)
    check(decompositions, a.astype(np.float32))  # float32 stays
    check(decompositions, np.zeros((3, 3)))  # slogdet of a singular matrix: sign 0, -inf
    check(decompositions, np.arange(9).reshape(3, 3))  # ints: float64
    check(decompositions, a + 1j * a.T)  # complex: real eigenvalues and singular values
    check(decompositions_arrays, a)
    check(decompositions_arrays, a[:, :2].T.copy())  # 2x3: qr and svd of a wide matrix
    check(decompositions_arrays, np.array([[1.0, np.nan], [0.0, 1.0]]))  # LinAlgError or NaN, as NumPy


@accelerate
def grown(a: np.ndarray, v: float, k: int):
    return (np.append(a, v), np.append(a, [1, 2]), np.append(a, a), np.append(a, True), np.delete(a, k),
            np.delete(a, [0, 1]), np.delete(a, np.array([k])), np.insert(a, k, v), np.insert(a, [0, 2], 7))


@accelerate
def by_axis(m: np.ndarray, r: np.ndarray, k: int):
    return np.append(m, r, axis=0), np.delete(m, k, axis=1), np.insert(m, 1, 0.5, axis=0), np.delete(m, k), np.append(m, r)


@accelerate
def kept_squares(n: int) -> npt.NDArray[np.int64]:
    out = np.zeros(0, dtype=np.int64)
    for i in range(n):
        if i % 3:
            out = np.append(out, i * i)
        elif len(out):
            out = np.delete(out, 0)
    return out


def test_append_delete_insert_as_numpy():
    # NumPy's own calls: its dtypes (np.append promotes as concatenate does, np.insert casts into
    # arr's dtype), its flattening for axis=None, its IndexError and ValueError messages
    for a in (np.arange(5.0), np.arange(5, dtype=np.int32), np.array([True, False]), np.arange(6.0)[::-2]):
        for k in (0, 1, -1, 7):
            check(grown, a, 2.5, k)
    m = np.arange(6.0).reshape(3, 2)
    for r in (np.zeros((1, 2)), np.zeros((2, 2), dtype=np.int32), np.zeros((1, 3)), np.zeros(2)):
        for k in (0, 1, -2, 2):
            check(by_axis, m, r, k)
    check(by_axis, m.T, np.ones((1, 3)), 0)
    for n in (0, 1, 10, 100):
        check(kept_squares, n)


@pytest.mark.parametrize("params, call, message", [
    ("x: f64[:]", "float(np.cov(x))", "0-dimensional array, which pyrite does not have"),
    ("x: f64[:]", "np.corrcoef(x)", "0-dimensional array, which pyrite does not have"),
    ("x: f64[:], d: bool", "np.histogram(x, density=d)", "density= as True or False"),
    ("a: i64[:, :], n: int", "np.linalg.matrix_power(a, n)", "a constant >= 0"),
    ("a: f64[:], v: f64[:], mode: str", "np.convolve(a, v, mode)", "mode= takes 'full', 'same' or 'valid'"),
    ("a: f64[:]", "np.linalg.inv(a)", "takes a 2-dimensional array"),
    ("a: f64[:, :], b: f64[:, :, :]", "np.linalg.lstsq(a, b)", "takes b as a 1- or 2-dimensional array"),
    ("a: f64[:, :], b: f64[:], r: str", "np.linalg.lstsq(a, b, r)", "rcond= takes a float or None"),
    ("a: f64[:], c: bool", "np.unique(a, return_counts=c)", "return_counts= as True or False (a constant"),
    ("a: f64[:]", "np.unique(a, return_inverse=True)", "return_inverse= is not supported yet"),
    # a keyword pyrite does not take: a diagnostic (it crashed the compiler: the call's arguments were moved out)
    ("a: f64[:]", "np.unique(a, axis=0)", "got an unexpected keyword argument 'axis'"),
    ("a: f64[:]", "np.sort(a, 0, order=None)", "got an unexpected keyword argument 'order'"),
    ("a: f64[:, :]", "np.pad(a, 1, mode='reflect')", "mode 'reflect' is not supported yet"),
    ("a: f64[:, :]", "np.pad(a, 1, mode=True)", "mode= takes the constant 'constant' or 'edge'"),
    ("a: f64[:], i: i64[:]", "np.add.reduceat(a, i)",
     "'numpy.add' is a ufunc: pyrite calls it (numpy.add(a, b)) but does not take it as a value, nor its methods"),
    ("a: f64[:, :]", "np.linalg.eigh(a)", "numpy.linalg.eigh() gives a named tuple, which compiled code takes unpacked only"),
    ("a: f64[:, :]", "np.linalg.svd(a)[1]", "(U, S, Vh = np.linalg.svd(a))"),
    ("a: f64[:, :]", "np.linalg.slogdet(a)", "(sign, logabsdet = np.linalg.slogdet(a))"),
    ("a: f64[:, :]", "np.linalg.qr(a, mode='complete')", "numpy.linalg.qr() gives a named tuple"),
    ("a: f64[:, :], m: str", "np.linalg.qr(a, m)", "numpy.linalg.qr(): mode= takes a constant str"),
    ("a: f64[:, :], m: str", "np.linalg.eigh(a, m)[0]", "numpy.linalg.eigh(): UPLO= takes a constant str"),
    ("a: f64[:, :]", "np.pad(a, ((1, 1), (1, 1), (1, 1)))", "requested shape (2,2)"),
    ("a: f64[:, :]", "np.pad(a, 1, mode='edge', constant_values=0)", "unsupported keyword arguments for mode 'edge'"),
    ("a: f64[:], q: f64[:, :]", "np.percentile(a, q)", "takes q as a number, a list of numbers or a 1-dimensional array"),
    ("a: f64[:], xs: list[int]", "np.append(a, xs)", "takes values as an array, a number or a list display of numbers"),
    ("a: list[float]", "np.delete(a, 0)", "pyrite's numpy.delete() takes arr as an array"),
    ("a: f64[:], s: str", "np.insert(a, s, 1.0)", "takes obj as an int, a list display of ints"),
    ("a: f64[:], m: f64[:, :]", "np.delete(a, m)", "takes obj as an int, a list display of ints"),
    ("a: f64[:]", "np.append(a, 1.0, axis=1.5)", "axis= takes an int or None"),
])
def test_what_would_not_be_numpys_type_is_refused_at_compile_time(tmp_path, params, call, message):
    assert message in numpy_refusal(tmp_path, params, call)


def test_the_calls_read_the_arrays_in_place():
    # a view's memory is NumPy's argument: no copy (NumPy's own sees the strides)
    a = np.arange(16.0).reshape(4, 4) + np.eye(4) * 10
    check(inverted, a[::-1, ::2][:2])  # not square: LinAlgError
    check(inverted, a[::-1].T)
    assert pyrite.info(inverted)["tier"] in ("quick", "full")
