"""@accelerate(parallel=True) (issue 17): a function's whole-array work runs on pyrite's thread
pool: element-wise expressions, in-place operators, np.sum, mean, min and max of 2**17 items or
more, whole or along an axis of a 2-d array (runtime/include/pyrite/parallel.hpp,
"@accelerate(parallel=True)"; numpy.hpp's zip_impl, zip_into, pairwise_total, sum_all,
extreme_all, reduce_axis, fold_axis, extreme_axis).

The work is cut into chunks by its number of items alone, and a float sum's chunks are subtrees
of NumPy's pairwise summation, so every result is NumPy's to the bit, on any number of threads.
pyrite._dispatch.shared_runs() counts the runs the pool's workers took part in: it tells that the
work did go to several threads without timing anything."""
import numpy as np
import numpy.typing as npt

import pyrite
from difftest import check
from pyrite import _dispatch, accelerate, prange

F = npt.NDArray[np.float64]
I = npt.NDArray[np.int64]
BIG = 300_001  # over 2**17 items, odd: chunks and pairwise blocks of unequal sizes


@accelerate(parallel=True)
def hypot_scaled(a: F, b: F) -> F:
    return np.sqrt(a * a + b * b) * 0.5 - a


@accelerate(parallel=True)
def sums(a: F, b: F):
    # a float64 sum (pairwise, in subtrees), a mean, the sum of a temporary, a float32 sum
    return np.sum(a), a.mean(), (a * b).sum(), np.sum(a.astype(np.float32)), np.sum(a.astype(np.float32), dtype=np.float64)


@accelerate(parallel=True)
def int_sums(a: I, k: int):
    # int64 sums wrap, as NumPy's: any grouping gives the same total; int32 items add in int64
    return np.sum(a * k), np.sum(a.astype(np.int32)), (a % 7 == 3).sum()


@accelerate(parallel=True)
def in_place(a: F, b: F) -> int:
    a += 2.0 * b
    a *= 0.5
    return a.size


@accelerate(parallel=True)
def powers(a: I, e: I) -> I:
    return a ** e  # NumPy's ValueError for a negative exponent, from whichever chunk meets it


@accelerate
def hypot_one_thread(a: F, b: F) -> F:
    return np.sqrt(a * a + b * b) * 0.5 - a


def _floats(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(n) * 10.0 ** rng.integers(-3, 4, n)  # magnitudes apart: the order of the adds shows
    x[::1001] = -0.0
    return x


def test_element_wise_and_sums_are_numpys_on_any_thread_count(threads):
    a, b = _floats(BIG, 1), _floats(BIG, 2)
    rows_a, rows_b = a[:300_000].reshape(3, -1)[:, 1:], b[:300_000].reshape(3, -1)[:, :-1]  # 3 rows of a view
    f_a, f_b = np.asfortranarray(a[:300_000].reshape(600, 500)), np.asfortranarray(b[:300_000].reshape(600, 500))
    for x, y in ((a, b), (rows_a, rows_b), (f_a, f_b), (f_a[:, 1:], f_b[:, :-1]), (a[::-1], b[::-1])):
        check(hypot_scaled, x, y)
        check(sums, x, y)
    check(sums, a[:1000], b[:1000])  # small: one thread
    assert hypot_scaled(a, b).tobytes() == hypot_one_thread(a, b).tobytes()


def test_int_sums_wrap_as_numpys(threads):
    rng = np.random.default_rng(3)
    a = rng.integers(-2**62, 2**62, BIG)
    check(int_sums, a, 3)  # wraps
    check(int_sums, a[::-1], -1)


def test_in_place_writes_reach_the_caller(threads):
    a, b = _floats(BIG, 4), _floats(BIG, 5)
    check(in_place, a, b)  # check compares the arguments afterwards too
    check(in_place, a[:300_000].reshape(3, -1)[:, 1:], b[:300_000].reshape(3, -1)[:, :-1])


def test_what_a_chunk_raises_is_raised(threads):
    a = np.full(BIG, 2, dtype=np.int64)
    e = np.ones(BIG, dtype=np.int64)
    check(powers, a, e)
    for at in (0, BIG // 2, BIG - 1):
        bad = e.copy()
        bad[at] = -1
        check(powers, a, bad)  # ValueError: Integers to negative integer powers are not allowed.


@accelerate(parallel=True)
def extremes(a: F):
    return np.min(a), a.max(), np.max(a * 2.0)


@accelerate(parallel=True)
def extremes_i(a: I):
    return np.min(a), a.max()


@accelerate(parallel=True)
def along_axes(m: F):
    # each result item is computed as on one thread (its own row pairwise, or its column row by
    # row): the chunks split the result, never one item's additions
    return np.sum(m, axis=0), np.sum(m, axis=1), m.mean(axis=0), np.max(m, axis=0), np.min(m, axis=1), m.max(axis=1)


@accelerate
def extremes_one_thread(a: F):
    return np.min(a), a.max(), np.max(a * 2.0)


def _bits(values):
    return [np.asarray(v).tobytes() for v in values]


def test_min_max_and_axis_reductions_are_numpys_on_any_thread_count(threads):
    a = _floats(BIG, 10)
    check(extremes, a)
    check(extremes_i, np.random.default_rng(11).integers(-2**62, 2**62, BIG))
    for edit in ("nan_late", "nan_first", "zeros", "neg_zero_first", "inf"):
        x = a.copy()
        if edit == "nan_late":
            x[BIG - 5] = np.nan
        elif edit == "nan_first":
            x[7] = np.nan
            x[BIG // 2] = np.nan
        elif edit in ("zeros", "neg_zero_first"):
            x = np.abs(x)
            x[BIG // 3] = 0.0
            x[BIG // 2] = -0.0
            if edit == "neg_zero_first":
                x[BIG // 4] = -0.0  # the first zero found decides the sign: min is -0.0
        else:
            x[BIG // 5] = -np.inf
        check(extremes, x)
        assert _bits(extremes(x)) == _bits(extremes_one_thread(x)) == _bits(extremes.py_func(x))
    check(extremes, a[::-1])
    check(extremes, a[::3])
    m = _floats(600 * 700, 12).reshape(600, 700)
    for x in (m, np.asfortranarray(m), m[:, 1:], m[::-1]):
        check(along_axes, x)
    m[5, 9] = np.nan
    m[300, 9] = -np.nan
    m[17, 17] = np.nan
    check(along_axes, m)
    check(along_axes, m[:2].copy())  # small: one thread


def test_the_work_goes_to_the_pool_only_when_asked_and_large():
    before = pyrite.get_num_threads()
    a, b = _floats(BIG, 6), _floats(BIG, 7)
    hypot_scaled(a, b), hypot_one_thread(a, b), sums(a[:100], b[:100])  # compiled before counting
    try:
        pyrite.set_num_threads(2)
        runs = _dispatch.shared_runs()
        hypot_scaled(a, b)
        assert _dispatch.shared_runs() > runs  # parallel=True, 300,001 items: the pool's
        for reduction in (lambda: extremes(a), lambda: along_axes(a[:300_000].reshape(600, 500))):
            runs = _dispatch.shared_runs()
            reduction()
            assert _dispatch.shared_runs() > runs  # min, max and the reductions along an axis too
        runs = _dispatch.shared_runs()
        hypot_one_thread(a, b)
        sums(a[:100], b[:100])
        assert _dispatch.shared_runs() == runs  # not asked for, or too small: this thread's
        pyrite.set_num_threads(1)
        hypot_scaled(a, b)
        assert _dispatch.shared_runs() == runs  # one thread: no pool
    finally:
        pyrite.set_num_threads(before)


@accelerate(parallel=True)
def rows_in_prange(m: F, out: F) -> float:
    # array work inside a prange body stays on the iteration's thread (no pool inside the pool)
    for i in prange(m.shape[0]):
        out[i] = np.sum(m[i] * 2.0)
    return np.sum(m * m)


def test_array_work_inside_prange_runs_on_its_thread(threads):
    m = _floats(4 * 140_000, 8).reshape(4, 140_000)
    check(rows_in_prange, m, np.zeros(4))


@accelerate(parallel=True)
def normalized_rows(x: F) -> F:
    # a user's script: center and scale every column of a large table
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    z = (x - mu) / sd
    z *= 2.0
    return z


def test_a_whole_array_program():
    x = _floats(200_000 * 3, 9).reshape(200_000, 3)
    check(normalized_rows, x)
