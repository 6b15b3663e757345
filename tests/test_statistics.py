"""statistics in compiled code (issue 19): fmean, median of floats, median_low, median_high and
mode, as statistics.py computes them; mean, variance, pvariance, stdev and pstdev exactly (CPython
sums in fractions and rounds once: the same floats, subnormal and overflowing results included);
too little data raises statistics' own StatisticsError (runtime/include/pyrite/statistics.hpp)."""
import math
import random
import struct
import statistics
from statistics import fmean, median

from difftest import check
from pyrite import accelerate


@accelerate
def summary(xs: list[float]) -> tuple[float, float, float, float, float]:
    return fmean(xs), median(xs), statistics.median_low(xs), statistics.median_high(xs), statistics.mode(xs)


@accelerate
def int_summary(ns: list[int]) -> tuple[float, int, int, int]:
    return statistics.fmean(ns), statistics.median_low(ns), statistics.median_high(ns), statistics.mode(ns)


@accelerate
def words_mode(words: list[str]) -> str:
    return statistics.mode(words)


@accelerate
def fmean_of(xs: list[float]) -> float:
    return statistics.fmean(xs)


@accelerate
def median_of(xs: list[float]) -> float:
    return statistics.median(xs)


def test_summaries_are_cpython_s():
    rng = random.Random(4)
    for n in (1, 2, 3, 10, 101):
        check(summary, [round(rng.uniform(-5, 5), 1) for _ in range(n)])
        check(int_summary, [rng.randrange(-4, 4) for _ in range(n)])
    check(summary, [1e308, 1e308, -1e308])
    check(summary, [0.1] * 10)
    check(summary, [-0.0, 0.0])
    check(words_mode, ["b", "a", "b", "a", "c"])  # the first of the most common


def test_empty_data_raises_statistics_error():
    for f in (fmean_of, median_of):
        try:
            f([])
        except statistics.StatisticsError as e:  # statistics' own class, through compiled code
            assert isinstance(e, ValueError)
        else:
            raise AssertionError("no StatisticsError")
        check(f, [])
    check(words_mode, [])


@accelerate
def spread(xs: list[float]) -> tuple[float, float, float, float, float]:
    return (statistics.mean(xs), statistics.variance(xs), statistics.pvariance(xs), statistics.stdev(xs),
            statistics.pstdev(xs))


@accelerate
def int_spread(ns: list[int]) -> tuple[float, float]:
    return statistics.stdev(ns), statistics.pstdev(ns)


@accelerate
def each(xs: list[float], k: int) -> float:
    if k == 0:
        return statistics.mean(xs)
    if k == 1:
        return statistics.variance(xs)
    if k == 2:
        return statistics.pvariance(xs)
    if k == 3:
        return statistics.stdev(xs)
    return statistics.pstdev(xs)


def _float(rng):
    k = rng.random()
    if k < 0.3:
        return rng.uniform(-10, 10)
    if k < 0.5:
        return rng.choice([1e308, -1e308, 5e-324, -5e-324, 2.2e-308, 0.1, 1 / 3, 1e-300, 1e300, -0.0])
    if k < 0.7:  # any bit pattern (not inf or nan)
        x = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        return x if math.isfinite(x) else 1.5
    return float(rng.randint(-1000, 1000)) * 2.0 ** rng.randint(-1074, 960)


def test_exact_mean_variance_and_stdev_are_cpython_s():
    """CPython's fractions, rounded once: every float of these agrees, bit for bit"""
    rng = random.Random(7)
    for _ in range(400):
        check(spread, [_float(rng) for _ in range(rng.randint(2, 9))])
    for _ in range(200):
        check(int_spread, [rng.choice([rng.randint(-10, 10), rng.randint(-2**62, 2**62), 2**63 - 1, -2**63])
                           for _ in range(rng.randint(2, 9))])
    check(spread, [0.1] * 1000)
    check(spread, [1e50, 1.0, -1e50] * 100)  # the float sum is 0; the exact one is not
    check(spread, [5e-324, 0.0, 1e-323])     # a subnormal standard deviation
    check(spread, [-0.0, -0.0])
    check(int_spread, [1, 2, 4, 7, 11])


def test_statistics_edges_raise_as_cpython():
    for k in range(5):
        check(each, [], k)                          # StatisticsError, statistics' own message
        check(each, [2.5], k)                       # variance and stdev need two
        check(each, [1.7e308, -1.7e308], k)         # the variance is too large for a float
        check(each, [1.0, math.inf, 2.0], k)        # inf: float arithmetic; stdev: AttributeError
        check(each, [math.inf, -math.inf], k)
        check(each, [math.nan, 1.0], k)
    check(int_spread, [3])
