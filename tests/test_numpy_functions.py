"""NumPy's functions real kernels call (issue 13): round, clip, copyto, sort and argsort,
diff, outer, tile, repeat, concatenate/stack/vstack/hstack/column_stack, searchsorted, flatnonzero,
digitize, nan_to_num, fill_diagonal, pad, unique, cross,
linalg.norm, average, dtype=other.dtype; type aliases of NDArray annotations; and those met
since (issue 17): interp, polyval, logspace, argwhere, isin, meshgrid, diag, views of arguments
returned as NumPy's views. Each is checked against NumPy across dtypes and memory layouts, with
NumPy's exceptions."""
import numpy as np
import numpy.typing as npt
import pytest

import pyrite
from numpy.linalg import norm

from difftest import check, compile_error, load_source, numpy_refusal
from pyrite import accelerate, CompileError

F = npt.NDArray[np.float64]
I = npt.NDArray[np.int64]


@accelerate
def rounded(a: np.ndarray, d: int) -> np.ndarray:
    return np.round(a, d)


@accelerate
def around_method(a: F) -> F:
    return a.round(1) + np.around(a)


@accelerate
def round_number(x: float, d: int) -> float:
    return float(np.round(x, d))


@accelerate
def clipped(a: np.ndarray) -> np.ndarray:
    return np.clip(a, 2, 100)


@accelerate
def clipped_wide(a: np.ndarray) -> np.ndarray:
    return np.clip(a, -1, 300)


@accelerate
def clipped_float(a: F, lo: float, hi: float) -> F:
    return a.clip(lo, hi)


@accelerate
def clipped_one_side(a: F) -> tuple[F, F]:
    return np.clip(a, None, 0.5), np.clip(a, -0.5, None)


@accelerate
def clipped_arrays(a: F, lo: F, hi: F) -> F:
    return np.clip(a, lo, hi)


@accelerate
def copied_into(dst: np.ndarray, src: np.ndarray) -> None:
    np.copyto(dst, src)


@accelerate
def filled(dst: F, x: float) -> None:
    np.copyto(dst, x)


@accelerate
def sorted_copy(a: np.ndarray) -> np.ndarray:
    return np.sort(a)


@accelerate
def sorted_axis0(a: F) -> tuple[F, F]:
    return np.sort(a, axis=0), np.sort(a, axis=None)


@accelerate
def sort_in_place(a: np.ndarray) -> None:
    a.sort()


@accelerate
def sort_rows_in_place(a: F) -> None:
    a.sort(axis=0)


@accelerate
def argsorted(a: np.ndarray) -> I:
    return np.argsort(a, kind="stable")


@accelerate
def argsort_method(a: F) -> I:
    return a.argsort(axis=0, kind="stable")


@accelerate
def differences(a: np.ndarray, n: int) -> np.ndarray:
    return np.diff(a, n)


@accelerate
def differences_axis0(a: F) -> F:
    return np.diff(a, axis=0)


@accelerate
def outer_product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.outer(a, b)


@accelerate
def tiled(a: F) -> tuple[F, F, F]:
    return np.tile(a, 2), np.tile(a, (2, 1)), np.tile(a, (2, 1, 2))


@accelerate
def repeated(a: F, k: int) -> tuple[F, F]:
    return np.repeat(a, k), a.repeat(k, axis=0)


@accelerate
def joined(a: F, b: F) -> tuple[F, F, F, F]:
    return np.concatenate((a, b)), np.concatenate([a, b], axis=None), np.vstack((a, b)), np.hstack((a, b))


@accelerate
def joined_columns(a: F, b: F) -> F:
    return np.concatenate((a, b), axis=1)


@accelerate
def stacked(a: F, b: F) -> tuple[F, F, F]:
    return np.stack((a, b)), np.stack((a, b), axis=1), np.stack([a, b, a], axis=-1)


@accelerate
def joined_mixed(a: I, b: F) -> F:
    return np.concatenate((a, b))


@accelerate
def columns(x: np.ndarray, y: np.ndarray, m: np.ndarray):
    # 1-d arrays as columns, beside a matrix; a list of them; a design matrix as users build one
    return (np.column_stack((x, y)), np.column_stack((m, x)), np.column_stack([x, x * 2, x]),
            np.column_stack((x * x, x, np.ones_like(x))))


@accelerate
def columns_of(a: F, b: F, n: int) -> F:
    parts = [a]
    for _ in range(n):
        parts.append(b)
    return np.column_stack(parts)


@accelerate
def search(a: F, v: F) -> tuple[I, I]:
    return np.searchsorted(a, v), np.searchsorted(a, v, side="right")


@accelerate
def search_one(a: F, x: float) -> int:
    return int(a.searchsorted(x))


@accelerate
def distinct(a: np.ndarray) -> np.ndarray:
    return np.unique(a)


@accelerate
def distinct_counted(a: np.ndarray):
    values, counts = np.unique(a, return_counts=True)
    most = values[np.argmax(counts)]  # the most frequent (the first of equals)
    return values, counts, most, np.unique(a, return_counts=False), np.unique(a, return_index=False)


@accelerate
def crossed(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.cross(a, b)


@accelerate
def norms(a: F) -> F:
    return np.linalg.norm(a, axis=-1)


@accelerate
def norm_imported(a: I) -> float:
    return float(norm(a))


@accelerate
def averaged(a: F, w: F) -> float:
    return float(np.average(a, weights=w))


@accelerate
def averaged_axis(a: np.ndarray, w: F) -> F:
    return np.average(a, axis=0, weights=w) + np.average(a, axis=1)


@accelerate
def like_dtype(a: np.ndarray, n: int) -> np.ndarray:
    z = np.zeros((n, 2), dtype=a.dtype)
    e = np.empty_like(a, dtype=np.float32)
    e[:] = 1
    return z.sum() + e.sum() + np.ones(n, dtype=a.dtype)


@accelerate
def from_list(xs: list[float]) -> np.ndarray:
    return np.array(xs)


@accelerate
def from_nested(xs: list[list[int]]) -> np.ndarray:
    return np.array(xs, dtype=np.int8)


@accelerate
def from_display(x: float, y: int) -> tuple[F, npt.NDArray[np.float32], F]:
    return np.array([[x, y], [y, x]]), np.array((x, 1, 2.5), np.float32), np.array([])


@accelerate
def from_arrays(a: F, b: F) -> F:
    return np.array([a, b, a])


@accelerate
def as_array(a: F, xs: list[int]) -> I:
    np.asarray(a)[0] = 7.0  # the same array: a changes
    np.array(a)[1] = 7.0  # a copy: a does not
    return np.asarray(xs)


def test_array_from_lists_and_tuples():
    check(from_list, [1.0, -2.5, float("nan")])
    check(from_list, [])
    check(from_nested, [[1, 2], [3, 4], [-128, 127]])
    check(from_nested, [[1, 2], [3]])  # ValueError: inhomogeneous shape
    check(from_nested, [[1, 300]])  # OverflowError: NEP 50
    check(from_display, 1.5, 2)
    check(from_arrays, np.ones(2), np.arange(2.0))
    check(from_arrays, np.ones(2), np.arange(3.0))  # ValueError
    check(from_arrays, np.asfortranarray(np.ones((2, 2))), np.ones((2, 2)))
    check(as_array, np.arange(3.0), [1, 2])


def test_an_empty_list_is_not_silently_of_pyrite_s_type():
    # NumPy makes float64 of [] whatever the list was meant to hold, with one dimension for [[]]'s
    # outer list: pyrite says it cannot, rather than differ
    with pytest.raises(ValueError, match="pyrite cannot make this empty array: NumPy's would be float64"):
        as_array(np.arange(3.0), [])
    with pytest.raises(ValueError, match="an empty list at depth 0 gives NumPy's 1 dimensions"):
        from_nested([])


def _layouts(a):
    """a as C-ordered, Fortran-ordered and strided (every other row) arrays."""
    out = [a, np.asfortranarray(a)]
    if a.ndim >= 1 and a.shape[0] > 1:
        out.append(np.repeat(a, 2, axis=0)[::2])
    return out


_floats = np.array([2.5, -0.5, 1.449, np.nan, -np.inf, 1e300, -3.75, 0.0, -0.0, 12345.678])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_round_as_numpy():
    for d in (0, 1, 2, -1, -2, 400, -400):
        check(rounded, _floats, d)
        check(rounded, _floats.astype(np.float32), d)
        check(rounded, np.array([1249, 1250, 1350, -1250, 2 ** 62], dtype=np.int64), d)
        check(rounded, np.array([125, 99], dtype=np.uint8), d)
        check(round_number, 2.675, d)
    for a in _layouts(_floats.reshape(2, 5)):
        check(around_method, a)
    check(rounded, _floats, 2 ** 40)  # OverflowError: decimals is a C int
    check(rounded, _floats, -2 ** 40)


def test_round_of_bools_is_refused(tmp_path):
    mod = load_source(tmp_path, "round_bool", (
        "import numpy as np, numpy.typing as npt\nfrom pyrite import accelerate\n"
        "@accelerate\ndef f(a: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:\n    return np.round(a)\n"))
    with pytest.raises(CompileError, match="float16"):
        mod.f(np.array([True]))


def test_clip_as_numpy():
    for dt in (np.int8, np.uint8, np.int64, np.float32, np.float64):
        check(clipped, np.array([-3, 0, 2, 50, 120, 127]).astype(dt))
    for lo, hi in ((-1.0, 1.0), (1.0, -1.0), (float("nan"), 1.0), (-1.0, float("nan"))):
        check(clipped_float, _floats, lo, hi)
    check(clipped_one_side, _floats)
    for a in _layouts(np.linspace(-2, 2, 12).reshape(3, 4)):
        check(clipped_arrays, a, np.full(4, -1.0), np.array([[0.5], [1.0], [np.nan]]))
    check(clipped_arrays, np.ones(3), np.zeros(2), np.ones(3))  # broadcast ValueError


def test_clip_python_int_out_of_the_dtype():
    # NEP 50: a Python int bound the dtype cannot hold is NumPy's OverflowError
    check(clipped_wide, np.array([1, 2], dtype=np.uint8))
    check(clipped_wide, np.array([1, 2], dtype=np.int16))


def test_copyto_as_numpy():
    for dst in _layouts(np.zeros((3, 4))):
        check(copied_into, dst, np.arange(4.0))
        check(copied_into, dst, np.arange(12, dtype=np.int32).reshape(3, 4))
        check(copied_into, dst, np.arange(3.0))  # ValueError: cannot broadcast
    a = np.arange(6.0)
    check(copied_into, a[1:], a[:-1])  # overlapping memory: read first, as NumPy
    check(filled, np.zeros(5), 2.5)
    ro = np.zeros(3)
    ro.flags.writeable = False
    check(filled, ro, 1.0)  # ValueError: read-only


def test_copyto_same_kind_rule_is_checked_at_compile_time(tmp_path):
    mod = load_source(tmp_path, "copyto_cast", (
        "import numpy as np, numpy.typing as npt\nfrom pyrite import accelerate\n"
        "@accelerate\ndef f(a: npt.NDArray[np.int32], b: npt.NDArray[np.float64]) -> None:\n    np.copyto(a, b)\n"))
    with pytest.raises(CompileError, match="same_kind"):
        mod.f(np.zeros(2, np.int32), np.zeros(2))


def test_sort_and_argsort_as_numpy():
    for dt in (np.float64, np.float32, np.int16, np.uint8, np.bool_):
        check(sorted_copy, (np.array([3, 1, 2, 0, 5, 1]) % 4).astype(dt))
        check(argsorted, (np.array([3, 1, 2, 0, 5, 1, 3, 3]) % 4).astype(dt))
        check(sort_in_place, (np.array([3, 1, 2, 0, 5, 1]) % 4).astype(dt))
    check(sorted_copy, np.array([np.nan, 1.0, -np.inf, np.nan, 0.5, np.inf]))  # NaNs last
    check(argsorted, np.array([np.nan, 1.0, -np.inf, np.nan, 0.5, 1.0]))
    for a in _layouts(np.array([[3.0, np.nan, 1.0], [2.0, 0.0, -1.0], [2.0, 5.0, -7.0]])):
        check(sorted_copy, a)
        check(sorted_axis0, a)
        check(argsort_method, a)
        check(sort_in_place, a)
        check(sort_rows_in_place, a)
    check(sorted_copy, np.zeros((0, 3)))
    check(sort_in_place, np.array([2.0, 1.0])[::-1])  # a negative stride, sorted where it lies
    # long lanes (radix-sorted keys): ties in their order, -0.0 as 0.0, nans of either sign last
    rng = np.random.default_rng(4)
    floats = rng.integers(-50, 50, 5000).astype(np.float64) / 4
    floats[::7] = -0.0
    floats[3::11] = np.nan
    floats[5::13] = -np.nan
    floats[1::17] = np.inf
    for a in (floats, -floats, rng.integers(-2**62, 2**62, 4000), rng.integers(0, 3, 3000), rng.random(2048)):
        check(argsorted, a)
        if a.dtype == np.float64:
            check(argsort_method, a.reshape(-1, 1))
    check(argsort_method, floats.reshape(2500, 2))  # strided lanes


def test_diff_as_numpy():
    for n in (1, 2, 3, 7):
        check(differences, np.array([1.0, 4.0, 9.0, 16.0, np.nan]), n)
        check(differences, np.array([250, 3, 7], dtype=np.uint8), n)  # wraps, as NumPy
        check(differences, np.array([True, False, False, True]), n)  # not_equal for bools
    check(differences, np.arange(3.0), -1)  # ValueError
    for a in _layouts(np.arange(12.0).reshape(3, 4) ** 2):
        check(differences, a, 1)
        check(differences_axis0, a)


def test_outer_tile_repeat_as_numpy():
    check(outer_product, np.arange(3.0), np.array([[1.0, -1.0], [2.0, np.nan]]))
    check(outer_product, np.arange(3, dtype=np.int8), np.arange(2, dtype=np.int8) + 126)  # int8 wraps
    check(outer_product, np.array([True, False]), np.array([True, True]))
    for a in _layouts(np.arange(6.0).reshape(2, 3)):
        check(tiled, a)
        check(repeated, a, 2)
        check(repeated, a, 0)
    check(tiled, np.arange(3.0))
    check(repeated, np.arange(3.0), -1)  # ValueError


def test_joining_as_numpy():
    a, b = np.arange(6.0).reshape(2, 3), -np.arange(6.0).reshape(2, 3)
    for x in _layouts(a):
        check(joined, x, b)
        check(joined_columns, x, b)
        check(stacked, x, b)
    check(joined, np.arange(3.0), np.arange(2.0))  # 1-d: vstack's rows differ: ValueError
    check(joined_columns, a, np.ones((3, 1)))  # ValueError: dimension 0 differs
    check(stacked, np.arange(3.0), np.arange(2.0))  # ValueError: same shape
    check(joined_mixed, np.arange(3), np.array([0.5]))
    x, y = np.arange(4.0), np.arange(4.0) * 2
    check(columns, x, y, np.ones((4, 2)))
    check(columns, x[::-1], y[1:].repeat(2)[:4], np.ones((2, 4)).T)  # views; a Fortran matrix
    check(columns, x.astype(np.float32), np.arange(4, dtype=np.int8), np.ones((4, 1), dtype=np.float32))  # float32
    check(columns, x, np.arange(4), np.arange(8).reshape(4, 2))  # ints and floats: float64
    check(columns, x, y[:3], np.ones((4, 2)))  # ValueError: dimension 0 differs
    check(columns_of, np.ones((3, 2)), np.zeros((3, 1)), 2)
    check(columns_of, np.ones((3, 2)), np.zeros((2, 1)), 1)  # ValueError: dimension 0 differs


@accelerate
def small_functions(a: np.ndarray, bins: np.ndarray):
    return (np.flatnonzero(a), np.digitize(a, bins), np.digitize(a, bins, right=True), np.digitize(2.5, bins),
            np.flatnonzero(a > 2))


@accelerate
def cleaned(a: np.ndarray):
    return np.nan_to_num(a), np.nan_to_num(a, nan=-1.0, posinf=9.0, neginf=-9.0)


@accelerate
def cleaned_in_place(a: np.ndarray) -> np.ndarray:
    return np.nan_to_num(a, copy=False)


@accelerate
def diagonal_filled(a: np.ndarray, v: float, wrap: bool) -> None:
    np.fill_diagonal(a, v, wrap=wrap)


@accelerate
def diagonal_from(a: np.ndarray, v: np.ndarray) -> None:
    np.fill_diagonal(a, v)


@accelerate
def padded(a: np.ndarray):
    return (np.pad(a, 1), np.pad(a, (1, 2)), np.pad(a, (2,), constant_values=-1),
            np.pad(a, ((1, 2),), mode="constant", constant_values=7), np.pad(a, 2, mode="edge"))


@accelerate
def padded_axes(m: np.ndarray, top: int, left: int):
    return np.pad(m, ((top, 0), (0, left))), np.pad(m, ((0, 1), (2, 0)), "edge")


def test_flatnonzero_digitize_nan_to_num_fill_diagonal_as_numpy():
    a = np.array([0.5, 0.0, 2.5, np.nan, -1.0, 7.0, 2.0])
    for bins in (np.array([0.0, 1.0, 2.5, 4.0]), np.array([4.0, 2.5, 1.0, 0.0]), np.array([1.0, 1.0, 2.0]),
                 np.array([2.0, 2.0, 1.0]), np.zeros(0), np.array([3.0])):
        check(small_functions, a, bins)
    check(small_functions, np.arange(12).reshape(3, 4) % 5, np.array([1, 3]))  # ints, a matrix: C order
    check(small_functions, np.asfortranarray(np.arange(6.0).reshape(2, 3)), np.array([0.5, 2.0]))
    check(small_functions, a, np.array([0.0, 2.0, 1.0]))  # ValueError: bins must be monotonically ...
    check(small_functions, a, np.array([0.0, np.nan, 1.0]))  # NaN edges: NumPy's _monotonicity's way
    big = np.array([np.nan, np.inf, -np.inf, 1.5, -0.0])
    check(cleaned, big)
    check(cleaned, big.astype(np.float32))  # float32's own largest and lowest
    check(cleaned, np.arange(4))  # ints as they are
    check(cleaned_in_place, big.copy())  # x itself, changed
    check(cleaned_in_place, np.arange(3))
    for shape in ((3, 3), (5, 2), (2, 5)):
        for wrap in (False, True):
            check(diagonal_filled, np.zeros(shape), 7.5, wrap)  # a tall one wraps only when asked
    check(diagonal_filled, np.zeros((3, 3, 3)), 1.0, False)
    check(diagonal_filled, np.zeros((2, 3, 2)), 1.0, False)  # ValueError: All dimensions ... equal length
    check(diagonal_filled, np.asfortranarray(np.zeros((3, 4))), -1.0, False)
    check(diagonal_filled, np.zeros((3, 3), dtype=np.int64), 2.9, False)  # truncated, as NumPy stores it
    check(diagonal_from, np.zeros((4, 4)), np.array([1.0, 2.0]))  # the values repeat
    check(diagonal_from, np.zeros((2, 2)), np.array([1.0, 2.0, 3.0]))


def test_pad_as_numpy():
    check(padded, np.arange(5.0))
    check(padded, np.arange(6).reshape(2, 3))  # ints: constant_values=7 stored as int
    check(padded, np.asfortranarray(np.arange(6.0).reshape(2, 3)))  # Fortran stays Fortran
    check(padded, np.arange(12.0).reshape(3, 4)[::2, ::-1])  # a strided view: C order
    check(padded, np.zeros((0, 2)))  # ValueError: can't extend empty axis 0 using modes other than 'constant' ...
    check(padded_axes, np.arange(6.0).reshape(2, 3), 1, 2)
    check(padded_axes, np.arange(6.0).reshape(2, 3), -1, 0)  # ValueError: index can't contain negative values


def test_searchsorted_and_unique_as_numpy():
    a = np.array([-np.inf, -1.0, 0.0, 0.0, 2.5, 7.0, np.nan])
    check(search, a, np.array([-2.0, 0.0, 2.5, 8.0, np.nan, np.inf]))
    check(search, a, np.array([[0.0, 1.0], [7.0, -np.inf]]))
    check(search, np.zeros(0), np.array([1.0]))
    # an unsorted array: NumPy's own answers, its search carried from key to key (binsearch.cpp)
    check(search, np.array([3.0, 1.0, 2.0, np.nan, 0.0]), np.array([2.0, 0.5, 3.0, 1.5, np.nan, -1.0, 2.5, 2.5]))
    for x in (-5.0, 0.0, 7.0, float("nan")):
        check(search_one, a, x)
    check(distinct, np.array([3.0, np.nan, 1.0, 3.0, np.nan, -0.0, 0.0]))
    check(distinct, np.array([[5, 1], [5, 2]], dtype=np.int32))
    check(distinct, np.array([True, True]))
    check(distinct, np.zeros(0))
    check(distinct_counted, np.array([3.0, np.nan, 1.0, 3.0, np.nan, -0.0, 0.0]))  # NaNs counted as one item
    check(distinct_counted, np.array([[5, 1], [5, 2]], dtype=np.int32))
    check(distinct_counted, np.array([True, True, False]))
    check(distinct_counted, np.zeros(0))  # ValueError: argmax of an empty sequence


def test_cross_norm_average_as_numpy():
    for x in _layouts(np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])):
        check(crossed, x, np.array([0.0, 1.0, 0.0]))
        check(crossed, np.array([0.0, 1.0, 0.0]), x)
        check(norms, x)
    check(crossed, np.array([1, 2, 3], dtype=np.int32), np.array([4, 5, 6], dtype=np.int32))
    check(crossed, np.ones((2, 3)), np.ones((3, 3)))  # ValueError: cannot broadcast
    check(crossed, np.ones(4), np.ones(3))  # ValueError: dimension must be 2 or 3
    check(norm_imported, np.array([3, 4, 12]))
    check(norms, np.zeros((2, 0)))
    check(averaged, np.array([1.0, 2.0, 4.0]), np.array([3.0, 1.0, 0.0]))
    check(averaged, np.array([1.0, 2.0]), np.array([1.0, -1.0]))  # ZeroDivisionError
    check(averaged, np.array([1.0, 2.0]), np.array([1.0, 1.0, 1.0]))  # TypeError: shapes differ
    for x in _layouts(np.arange(6.0).reshape(2, 3)):
        check(averaged_axis, x, np.array([[1.0, 2.0, 3.0], [0.5, 0.0, 1.0]]))
    check(averaged_axis, np.arange(6).reshape(2, 3), np.ones((2, 3)))


def test_dtype_of_another_array():
    for dt in (np.float32, np.int8, np.uint16, np.float64):
        check(like_dtype, np.arange(4).astype(dt), 3)


# ---------------------------------------------------------------- einsum
@accelerate
def einsums(a: I, b: I, v: I):
    # the common forms: products, contractions, transposes, diagonals, traces, sums
    return (np.einsum("ij,jk->ik", a, b), np.einsum("ij,j->i", a, v), np.einsum("i,i->", v, v),
            np.einsum("ij->ji", a), np.einsum("ii->i", a[:, :a.shape[0]]), np.einsum("ii", a[:, :a.shape[0]]),
            np.einsum("ij->", a), np.einsum("i,j->ij", v, v), np.einsum("ij,ij->i", a, a),
            np.einsum("ij,jk", a, b), np.einsum("ji", a), np.einsum("ij , kj -> ik", a, a))


@accelerate
def einsum_floats(x: F, y: F, w: npt.NDArray[np.float32]):
    return np.einsum("ij,jk->ik", x, y), np.einsum("ijk,ik->ij", x[:, :, None] * x[:, None, :], x), \
        np.einsum("i,i", w, w), np.einsum("ij,j->i", x, w)


def test_einsum_as_numpy():
    a = np.arange(12, dtype=np.int64).reshape(3, 4) - 5
    b = np.arange(8, dtype=np.int64).reshape(4, 2) * 3
    v = np.array([1, -2, 7, 3], dtype=np.int64)
    check(einsums, a, b, v)  # integers: exact
    check(einsums, np.asfortranarray(a), b[::-1], v[::-1])
    check(einsums, a, b[:3], v, message=False)  # a label with two sizes: ValueError (NumPy names remapped shapes)
    rng = np.random.default_rng(8)
    x, y = rng.standard_normal((3, 4)), rng.standard_normal((4, 5))
    w = rng.standard_normal(4).astype(np.float32)
    got, want = einsum_floats(x, y, w), einsum_floats.py_func(x, y, w)
    for g, e in zip(got, want):  # NumPy's sum-of-products kernels add in their own order
        assert type(g) is type(e) and np.shape(g) == np.shape(e) and np.asarray(g).dtype == np.asarray(e).dtype
        np.testing.assert_allclose(g, e, rtol=1e-6 if np.asarray(e).dtype == np.float32 else 1e-13)


@accelerate
def einsum_walks(a: I, b: I, v: I):
    # the inner loop einsum picks: a row of items (a row of b times an item of a), a dot
    # product, or both operands' rows; over every layout and with wrapping int64 products
    return (np.einsum("ij,jk->ik", a, b), np.einsum("ij,j->i", a, v[:a.shape[1]]), np.einsum("ij,ij->ij", a, a),
            np.einsum("ij,i->ij", a, v[:a.shape[0]]), np.einsum("i,j->ij", v, v), np.einsum("ij,kj->ikj", a, a),
            np.einsum("ij->j", a), np.einsum("ij->", a), np.einsum("ji,jk->ki", b.T, b.T), np.einsum("i,i", v, v))


@accelerate
def einsum_float_walks(x: F, y: F):
    return (np.einsum("ij,jk->ik", x, y), np.einsum("ij,ij->", x, x), np.einsum("i,j->ij", x[0], y[:, 0]),
            np.einsum("ij->i", y), np.einsum("ij,j->j", x, x[1]))


def test_einsum_walks_every_layout():
    a = (np.arange(37 * 23, dtype=np.int64).reshape(37, 23) * 7919) % 1013 - 500
    b = (np.arange(23 * 19, dtype=np.int64).reshape(23, 19) * 104729) % 997 - 498
    v = np.arange(41, dtype=np.int64) - 20
    for x in (a, np.asfortranarray(a), a[::-1, ::-1], np.repeat(a, 2, axis=0)[::2]):
        for y in (b, np.asfortranarray(b), b[:, ::-1]):
            check(einsum_walks, x, y, v)
    check(einsum_walks, a * 2**40, b * 2**40, v * 2**58)  # NumPy's int64 products wrap, and so do these
    check(einsum_walks, a[:0], b, v)  # no rows: empty results, sums of nothing are 0
    check(einsum_walks, a[:, :0], b[:0], v)
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((30, 17)), rng.standard_normal((17, 30))
    x[0, :4], y[:4, 0] = -0.0, -0.0  # a product -0.0 added to the zeros NumPy starts from: 0.0
    for xx, yy in ((x, y), (np.asfortranarray(x), y[::-1]), (x[::2], y[:, ::3])):
        got, want = einsum_float_walks(xx, yy), einsum_float_walks.py_func(xx, yy)
        for g, e in zip(got, want):
            assert np.shape(g) == np.shape(e) and np.asarray(g).dtype == np.asarray(e).dtype
            np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-12)
            assert (np.signbit(g) == np.signbit(e)).all()


@pytest.mark.parametrize("call, message", [
    # NumPy's own wording, the other way round
    ('np.einsum("ij,jk->ik", a)', "more operands provided to einstein sum function than specified"),
    ('np.einsum("ij", a, a)', "fewer operands provided to einstein sum function than specified"),
    ('np.einsum("ijk", a)', "einstein sum subscripts string contains too many subscripts for operand 0"),
    ('np.einsum("i", a)', "operand has more dimensions than subscripts given in einstein sum"),
    ('np.einsum("ij->iq", a)', "included output subscript 'q' which never appeared in an input"),
    ('np.einsum("ij->ii", a)', "includes output subscript 'i' multiple times"),
    ('np.einsum("...i->i", a)', "does not take '...'"),
])
def test_einsum_subscripts_are_checked(tmp_path, call, message):
    text = compile_error(tmp_path, "einsum_bad", f"""
import numpy as np
from pyrite import accelerate, f64

@accelerate
def f(a: f64[:, :]):
    return {call}
""", np.ones((2, 2)))
    assert message in text


@accelerate
def diagonal_things(a: np.ndarray, m: np.ndarray, n: int):
    # np.eye (M=, k=, dtype=), np.identity, trace (offsets; sum's dtype), median (NaN where one is)
    return (np.eye(n), np.eye(n, 4, k=1), np.eye(n, k=-2, dtype=np.int64), np.identity(n, dtype=np.float32),
            np.trace(m), m.trace(1), m.trace(-1), m.trace(9), np.median(a), np.median(m))


def test_eye_trace_median():
    m = np.arange(12, dtype=np.int64).reshape(3, 4)
    for a in (np.array([3.0, 1.0, 2.0]), np.array([4.0, 1.0, 3.0, 2.0]), np.array([1.0, np.nan, 3.0]),
              np.array([-0.0, 0.0]), np.array([7.5])):
        for n in (0, 1, 3):
            check(diagonal_things, a, m, n)
    check(diagonal_things, np.array([2.5, 1.5], dtype=np.float32), m.T, 2)  # a float32 median; a strided matrix
    check(diagonal_things, np.array([1.0]), np.array([[True, False], [True, True]]), 2)  # a bool trace is an int
    check(diagonal_things, np.array([1.0]), m, -1)  # ValueError: negative dimensions are not allowed


@accelerate
def counted(x: npt.NDArray[np.int64], n: int) -> npt.NDArray[np.int64]:
    return np.bincount(x, minlength=n)


@accelerate
def weighted(x: np.ndarray, w: np.ndarray) -> npt.NDArray[np.float64]:
    return np.bincount(x, weights=w)


@accelerate
def votes(labels: npt.NDArray[np.int64], idx: npt.NDArray[np.int64]) -> int:
    return int(np.argmax(np.bincount(labels[idx])))


def test_bincount_as_numpy():
    rng = np.random.default_rng(8)
    check(counted, np.array([0, 1, 1, 3, 2, 1, 7]), 0)
    check(counted, np.array([0, 1, 1, 3]), 10)
    check(counted, np.array([], dtype=np.int64), 3)
    check(counted, np.array([], dtype=np.int64), 0)
    check(counted, np.array([2, -1, 3]), 0)  # ValueError: no negative elements
    check(counted, np.array([2, 1]), -1)  # ValueError: 'minlength' must not be negative (checked first)
    check(counted, np.array([-2]), -1)
    check(counted, np.arange(10)[::-3], 0)  # a strided view
    for dt in (np.int8, np.uint8, np.int32, np.uint64, np.bool_):
        check(weighted, np.array([3, 1, 0, 1]).astype(dt), np.array([0.5, 1.0, -2.0, 4.0]))
    check(weighted, np.array([3, 1, 0, 1]), np.array([1, 2, 3, 4], dtype=np.int32))
    check(weighted, np.array([3, 1, 0, 1]), np.array([1.5, 2.5, 3.5], dtype=np.float32))  # lengths differ
    check(weighted, np.array([-1, 1]), np.array([1.0]))  # the negative item is found first
    check(votes, rng.integers(0, 5, 1000), rng.integers(0, 1000, 7))
    # documented: of no items with weights=, float64 zeros (NumPy: int64 zeros)
    r = weighted(np.array([], dtype=np.int64), np.array([]))
    assert r.dtype == np.float64 and r.shape == (0,)


def test_bincount_refusals(tmp_path):
    mod = load_source(tmp_path, "bincount_floats", "import numpy as np\nimport numpy.typing as npt\nfrom pyrite import accelerate\n\n"
                      "@accelerate\ndef f(a: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:\n    return np.bincount(a)\n")
    with pytest.raises(CompileError, match=r"numpy.bincount\(\) takes a 1-dimensional array of ints, not"):
        mod.f(np.zeros(2))


@accelerate
def rolled(a: np.ndarray, shift: int) -> tuple[np.ndarray, np.ndarray]:
    return np.roll(a, shift), np.roll(a, shift, axis=0)


@accelerate
def rolled_2d(a: F, shift: int) -> tuple[F, F, F]:
    return np.roll(a, shift, axis=1), np.roll(a, -shift, -1), np.roll(a, shift) * 2.0


@accelerate
def spread(a: np.ndarray) -> tuple[float, int]:
    return float(np.ptp(a)), int(a.size)


@accelerate
def spread_of(a: np.ndarray):
    return np.ptp(a)


@accelerate
def triangles(m: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.triu(m), np.tril(m, k), np.triu(m, k=-k) + np.tril(m, -1)


@accelerate
def closeness(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool, bool, bool]:
    return (np.isclose(a, b), np.isclose(a, b, rtol=0.1, atol=0.0, equal_nan=True), np.allclose(a, b),
            np.allclose(a, b, 1e-3, 1e-3, True), np.allclose(a, 1.0))


@accelerate
def close_to_scalar(a: np.ndarray, x: float, n: int) -> tuple[np.ndarray, np.ndarray, bool]:
    return np.isclose(a, x), np.isclose(n, a, atol=0.5), np.allclose(x, float(n))


def test_roll_as_numpy():
    a = np.arange(7)
    for shift in (0, 1, 3, -2, 7, 10, -15):
        check(rolled, a, shift)
        check(rolled, a.astype(np.float32)[::-2], shift)
    check(rolled, np.array([], dtype=np.int64), 3)
    m = np.arange(12.0).reshape(3, 4)
    for shift in (0, 1, -1, 5):
        check(rolled_2d, m, shift)
        check(rolled_2d, np.asfortranarray(m), shift)
        check(rolled_2d, m[:, ::-2], shift)
        check(rolled, m.astype(np.int8), shift)
    check(rolled_2d, np.zeros((2, 0)), 3)


def test_ptp_as_numpy():
    check(spread, np.array([3.0, -1.5, 7.25, 0.0]))
    check(spread, np.array([1.0, np.nan, 2.0]))
    check(spread, np.array([], dtype=np.float64))  # ValueError: zero-size array to reduction operation maximum
    check(spread_of, np.array([-128, 127, 0], dtype=np.int8))  # wraps, as NumPy's subtract
    check(spread_of, np.arange(12).reshape(3, 4)[:, ::3])
    check(spread_of, np.array([5, 2], dtype=np.uint16))


def test_triu_tril_as_numpy():
    m = np.arange(1.0, 13.0).reshape(3, 4)
    for k in (0, 1, -1, 2, 5, -5):
        check(triangles, m, k)
        check(triangles, m.T, k)
        check(triangles, np.arange(9, dtype=np.int32).reshape(3, 3)[::-1], k)
    check(triangles, np.zeros((0, 3)), 1)


def test_isclose_allclose_as_numpy():
    a = np.array([1.0, 1.0 + 1e-9, 1e10, np.nan, np.inf, -np.inf, 0.0, 1e-9, 100.0, -0.0])
    b = np.array([1.0, 1.0, 1.0001e10, np.nan, np.inf, np.inf, 1e-8, 0.0, 101.0, 0.0])
    check(closeness, a, b)
    check(closeness, a[::-1], b[::-1])
    check(closeness, a, a)
    check(closeness, np.arange(10), np.arange(10) + 1)  # ints: compared as float64
    check(closeness, np.arange(6.0).reshape(2, 3), np.arange(3.0))  # broadcast
    check(closeness, np.arange(6.0).reshape(2, 3), np.arange(2.0))  # ValueError: operands could not be broadcast
    check(close_to_scalar, np.array([0.5, 1.0, 1.00000001, 2.0, np.nan]), 1.0, 2)
    check(close_to_scalar, np.array([[1, 2], [3, 4]]), 2.0, 3)


def test_isclose_refuses_float32(tmp_path):
    mod = load_source(tmp_path, "isclose_f32", "import numpy as np\nfrom pyrite import accelerate\n\n"
                      "@accelerate\ndef f(a: np.ndarray) -> bool:\n    return np.allclose(a, a)\n")
    with pytest.raises(CompileError, match=r"numpy.allclose\(\) compares in float64: convert"):
        mod.f(np.zeros(2, dtype=np.float32))


@accelerate
def nan_stats(a: np.ndarray):
    return np.nansum(a), np.nanmean(a), np.nanmax(a), np.nanmin(a)


def test_nan_functions_as_numpy():
    rng = np.random.default_rng(4)
    x = rng.normal(size=200)
    x[::7] = np.nan
    for a in (x, x.reshape(20, 10), np.asfortranarray(x.reshape(20, 10)), x[::-3], x.astype(np.float32),
              np.array([1.0, np.nan, -0.5]), np.array([np.nan, 2.0]), np.arange(12).reshape(3, 4),
              np.array([3, -1, 7], dtype=np.int8)):
        check(nan_stats, a)
    check(nan_stats, np.array([np.nan, np.nan]))  # nanmean: NaN (0 / 0), nanmax and nanmin: NaN
    check(nan_stats, np.array([], dtype=np.float64))  # ValueError: zero-size array to reduction operation fmax


@accelerate
def flipped(a: npt.NDArray[np.float64], b: np.ndarray):
    f = np.flip(a)
    g = np.flip(b, axis=0)
    h = np.flip(b, -1)
    return f, g, h, np.flip(a)[0] + 1.0


@accelerate
def reshaped_views(m: np.ndarray, v: np.ndarray):
    t = np.transpose(m)
    e0 = np.expand_dims(v, 0)
    e1 = np.expand_dims(v, axis=-1)
    return t, e0, e1, e0 * e1 + 1, t.shape[0]


@accelerate
def write_through_flip(a: np.ndarray) -> np.ndarray:
    f = np.flip(a)
    f[0] = -1  # a view, as NumPy's: a's last item changes
    t = np.transpose(np.expand_dims(a, 0))
    t[1, 0] = 7
    return a


def test_flip_transpose_expand_dims_are_views():
    a = np.arange(5.0)
    m = np.arange(12).reshape(3, 4)
    check(flipped, a, m)
    check(flipped, a[::2], np.asfortranarray(m))
    check(reshaped_views, m, a)
    check(reshaped_views, m[:, ::-1], a[1:])
    check(write_through_flip, np.arange(4))
    check(write_through_flip, np.arange(6.0)[::2])


@accelerate
def interpolated(x: np.ndarray, xp: np.ndarray, fp: np.ndarray):
    return np.interp(x, xp, fp), np.interp(x, xp, fp, left=-1.0, right=99.0), np.interp(2.5, xp, fp)


def test_interp_as_numpy():
    xp = np.array([0.0, 1.0, 2.0, 2.0, 3.5, 10.0])
    fp = np.array([5.0, -1.0, 4.0, 8.0, np.inf, 2.0])
    x = np.array([-1.0, 0.0, 0.5, 1.0, 2.0, 2.5, 3.5, 4.0, 10.0, 11.0, np.nan, -0.0, 7.25])
    check(interpolated, x, xp, fp)
    check(interpolated, x.reshape(13, 1)[::2], xp, fp[::-1].copy())
    check(interpolated, np.arange(12).reshape(3, 4), np.arange(0, 12, 3), np.array([1, 4, 9, 16]))  # ints
    check(interpolated, x, np.array([1.0]), np.array([7.0]))  # one sample point
    check(interpolated, np.array([], dtype=np.float64), np.array([], dtype=np.float64), np.array([], dtype=np.float64))
    check(interpolated, x, np.array([], dtype=np.float64), np.array([], dtype=np.float64))  # ValueError: array of sample points is empty
    check(interpolated, x, xp, fp[:3])  # ValueError: fp and xp are not of the same length.
    check(interpolated, np.array([0.5, 1.5]), np.array([0.0, 1.0, 2.0]), np.array([np.inf, np.inf, 1.0]))  # the slope from j + 1


@accelerate
def polynomial(p: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.polyval(p, x)


@accelerate
def polynomial_list(x: F) -> tuple[F, F]:
    return np.polyval([1.0, -2.0, 0.5], x), np.polyval([3, 0, 1], x)


@accelerate
def polynomial_at(p: F, x: float) -> float:
    return float(np.polyval(p, x))


@accelerate
def polynomial_ints(x: int):
    return np.polyval([2, 0, -1], x)


@accelerate
def log_spaced(start: float, stop: float, n: int) -> tuple[F, F, F, F]:
    return (np.logspace(start, stop), np.logspace(start, stop, n), np.logspace(start, stop, n, endpoint=False),
            np.logspace(start, stop, num=n, base=2))


@accelerate
def nonzero_at(a: np.ndarray) -> I:
    return np.argwhere(a)


@accelerate
def above_half(a: F) -> I:
    return np.argwhere(a > 0.5)


@accelerate
def member_of(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.isin(a, b), np.isin(a, b, invert=True)


@accelerate
def member_of_list(a: I) -> np.ndarray:
    return np.isin(a, [2, 3, 11])


@accelerate
def grids(x: np.ndarray, y: np.ndarray):
    return np.meshgrid(x, y), np.meshgrid(x, y, indexing="ij")


@accelerate
def grid_sum(n: int) -> float:
    xs, ys = np.meshgrid(np.linspace(0.0, 1.0, n), np.linspace(-1.0, 1.0, n + 1))
    return float((xs * ys).sum())


@accelerate
def grids3(x: F, y: I, z: F):
    return np.meshgrid(x, y, z), np.meshgrid(x, y, z, indexing="ij")


@accelerate
def diagonal_of(v: np.ndarray, k: int) -> np.ndarray:
    return np.diag(v) + np.diag(v, k)[:v.shape[0], :v.shape[0]]


def test_polyval_as_numpy():
    x = np.array([0.0, 1.0, -2.5, 0.1, 1e300, np.inf, -np.inf, np.nan, -0.0])
    check(polynomial, np.array([1.0, -3.0, 2.0]), x)
    check(polynomial, np.array([1.0, -3.0, 2.0]), x.reshape(3, 3).T)  # laid out as x (Fortran here)
    check(polynomial, np.array([2, 3]), np.arange(6).reshape(2, 3))  # ints
    check(polynomial, np.array([2 ** 40, 3]), np.array([2 ** 40]))  # int64 wraps, as NumPy's
    check(polynomial, np.array([0.5, 1.0], dtype=np.float32), np.array([1.5, 2.0], dtype=np.float32))
    check(polynomial, np.array([0.5, 1.0], dtype=np.float32), np.array([1, 2], dtype=np.int8))
    check(polynomial, np.array([], dtype=np.float64), x)  # no coefficients: zeros
    check(polynomial_list, x)
    for v in (0.0, -0.0, 2.0, 1e200, float("inf"), float("nan")):
        check(polynomial_at, np.array([1.0, 0.0, -1.0]), v)
    check(polynomial_ints, 7)
    check(polynomial_ints, -3)


def test_logspace_as_numpy():
    check(log_spaced, 0.0, 2.0, 5)
    check(log_spaced, -3.0, 3.0, 7)
    check(log_spaced, 1.0, 1.0, 1)
    check(log_spaced, 0.0, 1.0, 0)
    check(log_spaced, 2.0, -1.5, 13)
    check(log_spaced, 0.0, 1.0, -1)  # ValueError: Number of samples, -1, must be non-negative.


def test_argwhere_as_numpy():
    check(nonzero_at, np.array([[0, 1, 0], [2, 0, 3]]))
    check(nonzero_at, np.array([0.0, np.nan, -0.0, 1.5]))  # NaN is nonzero, -0.0 is not
    check(nonzero_at, np.zeros((2, 3)))  # none: shape (0, 2)
    check(nonzero_at, np.array([True, False, True]))
    check(nonzero_at, np.arange(24).reshape(2, 3, 4)[:, ::2, ::-1] % 3)
    check(above_half, np.linspace(0.0, 1.0, 7))


def test_isin_as_numpy():
    a = np.array([[1, 2, 3], [4, 11, 2]])
    check(member_of, a, np.array([2, 11, 99]))
    check(member_of, np.asfortranarray(a), np.array([[3], [4]]))  # any shapes: a C-ordered result
    check(member_of, np.array([np.nan, 0.0, -0.0, 1.5, np.inf]), np.array([np.nan, 0.0, np.inf]))  # NaN equals nothing
    check(member_of, np.array([1.0, 2.5, 3.0]), np.array([1, 3]))  # floats and ints: equal values
    check(member_of, np.array([2 ** 63 - 1, -1], dtype=np.int64), np.array([2 ** 64 - 1, 2 ** 63 - 1], dtype=np.uint64))
    check(member_of, np.array([True, False]), np.array([0]))
    check(member_of, a, np.array([], dtype=np.int64))
    check(member_of_list, a)


def test_meshgrid_as_numpy():
    check(grids, np.array([1.0, 2.0, 3.0]), np.array([10, 20]))
    check(grids, np.arange(4)[::-1], np.array([[1.5, 2.5], [3.5, 4.5]]))  # any shape: flattened
    check(grids, np.array([], dtype=np.float64), np.array([1.0]))
    check(grid_sum, 4)
    check(grids3, np.array([0.5, 1.5]), np.array([1, 2, 3]), np.array([-1.0]))


@accelerate
def matrix_diagonal(m: np.ndarray, k: int) -> np.ndarray:
    return np.diag(m, k)


@accelerate
def diagonal_sum(m: F) -> float:
    d = np.diag(m)
    m[0, 0] += 1.0  # the view sees it, as NumPy's
    return float(d.sum()) + float(np.diag(m, 1)[0])


@accelerate
def write_diagonal(m: F) -> None:
    d = np.diag(m)
    d[0] = 5.0  # ValueError: assignment destination is read-only


def test_diag_as_numpy():
    for k in (0, 1, 2, -1, -3):
        check(diagonal_of, np.array([1.0, -2.0, 3.5]), k)
    check(diagonal_of, np.array([1, 2], dtype=np.int8), 1)
    check(diagonal_of, np.arange(6)[::-2], -1)
    m = np.arange(12.0).reshape(3, 4)
    for k in (0, 1, 3, 4, 9, -1, -2, -3, -7):
        check(matrix_diagonal, m, k)
    check(matrix_diagonal, m.T[::-1], 1)
    check(matrix_diagonal, np.arange(9).reshape(3, 3), 0)
    check(diagonal_sum, np.arange(9.0).reshape(3, 3))
    check(write_diagonal, np.eye(2))


def test_a_matrix_diagonal_is_numpys_read_only_view_of_the_argument():
    m = np.arange(9.0).reshape(3, 3)
    d = matrix_diagonal(m, 1)
    assert np.shares_memory(d, m) and not d.flags.writeable
    assert d.tolist() == np.diag(m, 1).tolist()
    m[0, 1] = -1.0
    assert d[0] == -1.0


@accelerate
def tail(a: F) -> F:
    return a[1:]


@accelerate
def views(a: np.ndarray):
    return a.T, a[::-1, 1:], a[1], a.reshape(-1), a[:, 1:][::2]


def test_a_view_of_an_argument_returns_as_numpys_view_of_it():
    # NumPy's a[1:] shares the caller's memory: writing through the result writes into a
    a = np.arange(5.0)
    t = tail(a)
    assert np.shares_memory(t, a) and t.tolist() == [1.0, 2.0, 3.0, 4.0]
    t[0] = 99.0
    assert a[1] == 99.0
    m = np.arange(12).reshape(3, 4)
    for got, want in zip(views(m), pyrite.interpreted(views)(m)):
        assert np.shares_memory(got, m) and got.strides == want.strides and np.array_equal(got, want)
    check(views, m)
    f = np.asfortranarray(m)[::2]  # a strided argument
    for got, want in zip(views(f[:, ::-1]), pyrite.interpreted(views)(f[:, ::-1])):  # (reshape copies here)
        assert np.shares_memory(got, f) == np.shares_memory(want, f) and np.array_equal(got, want)
    ro = np.arange(6).reshape(2, 3)
    ro.flags.writeable = False
    assert not any(v.flags.writeable for v in views(ro))  # a read-only argument's views stay read-only


@accelerate
def unravelled(m: np.ndarray, flat: np.ndarray, i: int) -> tuple:
    where = np.unravel_index(np.argmax(m), m.shape)  # a numpy.int64 per axis
    columns = np.unravel_index(flat, m.shape, order="F")  # an array per axis, of flat's shape
    odd = np.unravel_index(i, (3, -4))  # a negative extent: NumPy's C division and remainder
    return where, columns, odd, np.unravel_index(i, 12)


@accelerate
def stacked_mixed(m: np.ndarray, v: np.ndarray) -> tuple:
    # a list display of arrays of different dimensions or dtypes is the tuple NumPy takes it as;
    # vstack's 1-d parts are rows (atleast_2d)
    return np.vstack([m, m.mean(axis=0)]), np.vstack((v, v)), np.concatenate([m.ravel(), v]), np.hstack([v, m[0]])


def test_unravel_index_and_joins_of_mixed_parts_as_numpy():
    m = np.arange(12.0).reshape(3, 4)
    for a in (m, m.T.copy()):
        for flat in (np.array([0, 5, 11]), np.array([[1], [2]], dtype=np.int8), np.array([12]), np.array([-1])):
            for i in (5, 0, 11, 12, -1, 2**62):
                check(unravelled, a, flat, i)
    for a in (m, np.asfortranarray(m)):
        for v in (np.arange(4.0), np.arange(4), np.arange(3)):
            check(stacked_mixed, a, v)


@accelerate
def ufunc_methods(x: np.ndarray, m: np.ndarray) -> tuple:
    peak = np.maximum.accumulate(x)  # a running maximum (a drawdown's): NaN propagates, as np.maximum's
    low = np.minimum.accumulate(m, axis=1)
    return (peak, low, np.maximum.accumulate(m), (x - peak) / peak, np.add.reduce(x), np.multiply.reduce(m, axis=1),
            np.maximum.reduce(m), np.minimum.reduce(x), np.add.accumulate(m, 1), np.multiply.accumulate(x))


@accelerate
def ufunc_methods_of_ints(a: np.ndarray) -> tuple:
    # add's reduce and accumulate add small ints in int64 (as np.sum), maximum's keep the dtype
    return np.add.reduce(a), np.add.accumulate(a), np.maximum.accumulate(a), np.maximum.reduce(a)


@accelerate
def ufunc_methods_with_dtype(a: np.ndarray, x: np.ndarray) -> tuple:
    # ufunc.accumulate(array, axis=0, dtype=None, out=None): dtype third, by position too; axis=None
    # of a 1-d array is its axis 0, and a reduce's is every axis
    return (np.add.accumulate(a, 0, np.float32), np.maximum.accumulate(a, dtype=np.float64),
            np.multiply.accumulate(x, axis=None), np.minimum.accumulate(x, None), np.add.reduce(a, axis=None),
            np.maximum.reduce(a, None))


@accelerate
def outer_products(x: np.ndarray, y: np.ndarray, m: np.ndarray) -> tuple:
    d = np.subtract.outer(x, y)  # pairwise differences, as users write a distance matrix
    return (d, np.abs(np.subtract.outer(x, x)), np.multiply.outer(x, y), np.add.outer(m, y), np.maximum.outer(y, m),
            np.equal.outer(x, y), np.greater.outer(y, x), np.power.outer(x, 2.0), np.add.outer(3, y), np.hypot.outer(x, y))


@accelerate
def outer_of_ints(a: np.ndarray, b: np.ndarray) -> tuple:
    return np.multiply.outer(a, b), np.floor_divide.outer(a, b), np.subtract.outer(b, a)


def test_ufunc_outer_as_numpy():
    x, y = np.array([1.0, -2.5, 4.0]), np.array([0.5, 3.0])
    check(outer_products, x, y, np.arange(6.0).reshape(2, 3))
    check(outer_products, np.array([]), y, np.ones((0, 2)))
    check(outer_of_ints, np.array([7, -3, 0], dtype=np.int32), np.array([2, -4], dtype=np.int8))
    check(outer_of_ints, np.array([7, -3]), np.array([0, 2]))  # floor_divide by 0: NumPy's 0 and its warning


@accelerate
def scatter_add(a: np.ndarray, idx: np.ndarray, b: np.ndarray) -> None:
    np.add.at(a, idx, b)  # the caller's array, changed in place


@accelerate
def scatter_all(a: np.ndarray, idx: np.ndarray, w: np.ndarray, m: np.ndarray) -> tuple:
    counts = np.zeros(4, dtype=np.int64)
    np.add.at(counts, idx, 1)  # a histogram: a repeated index counts each time
    np.subtract.at(a, [0, 0, -1], 0.25)
    np.multiply.at(a, 1, 3)
    np.maximum.at(w, idx, 0.5)
    np.minimum.at(w[::2], [0, 1], np.array([-1.0]))  # a view of w; b of one item broadcast
    np.add.at(m, (idx % 2, idx), 1.5)  # one index per dimension
    np.add.at(m, (1, [0, 0]), np.array([2.0, 3.0]))
    return counts, a, w, m


@accelerate
def scatter_cast(i: np.ndarray, f: np.ndarray, h: np.ndarray) -> tuple:
    np.add.at(i, [0, 0], 1.5)  # computed in float64, cast back unsafely as ufunc.at does: 0 -> 1 -> 2
    np.add.at(h, [1], f)  # float32 + float64: in float64, then float32
    np.multiply.at(i, [1, 2], np.array([7, -3], dtype=np.int8))
    return i, h


def test_ufunc_at_as_numpy():
    idx = np.array([0, 2, 2, 3, 0, 0])
    check(scatter_all, np.arange(6.0), idx, np.array([1.0, np.nan, 3.0, 0.2]), np.zeros((2, 4)))
    check(scatter_all, np.arange(6.0), np.array([0, 9]), np.ones(4), np.zeros((2, 4)))  # IndexError, nothing changed
    check(scatter_all, np.arange(6.0), np.array([-1, -4]), np.ones(4), np.zeros((2, 4)))
    check(scatter_cast, np.zeros(3, dtype=np.int64), np.array([0.1]), np.ones(2, dtype=np.float32))
    check(scatter_cast, np.full(3, 100, dtype=np.int8), np.array([0.1]), np.ones(2, dtype=np.float32))
    a = np.zeros(5)
    check(scatter_add, a, np.array([1, 1, 4]), np.array([1.0, 2.0, 3.0]))
    check(scatter_add, a, np.array([1, 1, 4]), np.array([1.0, 2.0]))  # ValueError: not broadcastable
    check(scatter_add, a, np.array([], dtype=np.int64), np.array([]))
    check(scatter_add, a, np.array([1, -6]), np.array([1.0]))
    check(scatter_add, np.zeros(5, dtype=np.int32), np.array([2, 2]), np.array([2**40, 1]))


def test_ufunc_reduce_and_accumulate_as_numpy():
    x = np.array([1.0, 3.0, 2.0, np.nan, 5.0, -0.0, 0.0])
    m = np.array([[3.0, 1.0, 2.0], [0.5, np.nan, 9.0]])
    check(ufunc_methods, x, m)
    check(ufunc_methods, np.array([2.0, 1.0]), np.ones((0, 3)))
    check(ufunc_methods, np.array([]), m)  # minimum.reduce of nothing: NumPy's ValueError
    for a in (np.array([3, -1, 7], dtype=np.int8), np.array([True, False]), np.array([200, 100], dtype=np.uint8)):
        check(ufunc_methods_of_ints, a)
    check(ufunc_methods_with_dtype, np.array([[3, -1, 7], [2, 9, -4]], dtype=np.int16), np.array([2.0, -1.5, np.nan, 4.0]))
    check(ufunc_methods_with_dtype, np.zeros((0, 2), dtype=np.int64), np.array([]))  # max.reduce of nothing: ValueError


@pytest.mark.parametrize("params, call, message", [
    ("a: f64[:], s: tuple[int, int]", "np.unravel_index(a, s)", "only int indices permitted"),
    ("a: f64[:]", "np.maximum.accumulate(a * 1j)", "numpy.maximum.accumulate() of complex arrays is not supported yet"),
    ("m: f64[:, :]", "np.add.accumulate(m, axis=None)", "NumPy raises ValueError: accumulate does not allow multiple axes"),
    ("m: f64[:, :]", "np.minimum.accumulate(m, None)", "numpy.minimum.accumulate(axis=None) of a 2-d array"),
    ("a: f64[:]", "np.sqrt.outer(a, a)", "outer product only supported for binary functions"),
    ("m: f64[:, :], i: i64[:]", "np.add.at(m, i, 1.0)", "takes indices as an int, a list or 1-d array of ints, one per dimension in a tuple, not"),
    ("a: f64[:], i: i64[:]", "np.add.at(a, i, a * 1j)", "takes b as a real number or a 1-d array"),
    ("a: f64[:], i: i64[:]", "np.divide.at(a, i, 2.0)", "numpy.divide.at() is not supported by pyrite yet"),
    ("a: f64[:]", "np.add.outer(a, a, out=a)", "numpy.add.outer() takes two operands, by position"),
    ("a: f64[:]", "np.add.outer(a, [1.0, 2.0])", "pyrite's numpy.add.outer() takes arrays and numbers, not 'list[float]'"),
    ("i: int, s: list[int]", "np.unravel_index(i, s)", "takes shape as an int or a tuple of ints"),
    ("i: int", "np.unravel_index(i, (2, 2), order='K')", "only 'C' or 'F' order is permitted"),
    ("m: f64[:, :, :], v: f64[:]", "np.vstack([m, v])", "all the input arrays must have same number of dimensions"),
    ("a: f64[:, :, :]", "np.diag(a)", "takes a 1- or 2-dimensional array"),
    ("a: i64[:], b: i64[:]", "np.isin(a, b, assume_unique=True)", "no assume_unique="),
    ("a: f64[:], b: f64[:]", "np.meshgrid(a, b, sparse=True)", "takes only indexing="),
    ("a: f64[:], b: f64[:]", "np.meshgrid(a, b, indexing='yx')", "indexing= takes 'xy' or 'ij'"),
    ("a: f64[:]", "np.meshgrid(a)", "takes two or three arrays"),
    ("a: f64[:]", "np.logspace(a, 2.0)", "takes start, stop and base= as numbers"),
])
def test_what_these_refuse(tmp_path, params, call, message):
    assert message in numpy_refusal(tmp_path, params, call)
