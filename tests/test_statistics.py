"""statistics in compiled code (issue 19): fmean, median of floats, median_low, median_high and
mode, as statistics.py computes them; empty data raises statistics' own StatisticsError
(runtime/include/pyrite/statistics.hpp)."""
import random
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
