"""math.sqrt of a number never below 0 runs without its domain test (opt/signs.cpp): a sum of
squares, a range loop's variable from 0, abs(), len(), and locals all of whose values are such.
Every other argument keeps the test, so that math.sqrt(-1.0) still raises CPython's ValueError:
each function below is run on values that reach the edge (-0.0, nan, inf, the first negative
value) both ways, and `proven` checks which calls the pass marked, from the IR it prints."""
import math

import numpy as np
import pytest

import pyrite
from difftest import check, check_each
from pyrite import accelerate, f64, prange

SPECIAL = [0.0, -0.0, 1.5, -1.5, 1e308, -1e308, math.inf, -math.inf, math.nan, 5e-324, -5e-324]


@accelerate
def distances(xs: list[float], ys: list[float]) -> list[float]:
    out: list[float] = []
    for i in range(len(xs)):
        dx = xs[i] - ys[i]
        out.append(math.sqrt(dx * dx + dx ** 2))
    return out


@accelerate
def norm(xs: list[float]) -> float:
    s = -0.0
    for x in xs:
        s += x * x
    return math.sqrt(s)


@accelerate
def norm_then_shift(xs: list[float], shift: float) -> float:
    s = 0.0
    for x in xs:
        s += x * x
    s = s - shift  # a value that may be below 0: the test stays
    return math.sqrt(s)


@accelerate
def roots_of_indexes(lo: int, n: int) -> list[float]:
    out: list[float] = []
    for i in range(n):  # from 0: never below 0
        out.append(math.sqrt(i) + math.sqrt(len(out)))
    for j in range(lo, n):  # from lo: may be
        out.append(math.sqrt(j))
    return out


@accelerate
def mixed(a: float, b: float, k: int) -> float:
    h = abs(a) + b % 2.0 + a ** 2  # b % 2.0 takes the divisor's sign
    q = h / (k * k + 1)
    r = math.sqrt(q) + math.sqrt(abs(b))
    r += math.sqrt(a)  # a parameter: tested
    return r + math.sqrt(a if a > 0 else 0.0)  # a conditional with a parameter: tested


@accelerate
def handled(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        sq = x * x
        try:
            out.append(math.sqrt(sq) + math.sqrt(x))
        except ValueError as e:
            out.append(-1.0)
            out.append(float(len(str(e))))
    return out


@accelerate
def pairwise(x: f64[:, :], out: f64[:, :]) -> float:
    n = x.shape[0]
    d = x.shape[1]
    for i in prange(n):
        for j in range(n):
            s = 0.0
            for k in range(d):
                t = x[i, k] - x[j, k]
                s += t * t
            out[i, j] = math.sqrt(s)
    return out[n - 1, 0]


@accelerate
def numpy_scalars(a: f64[:]) -> float:
    s = a[0] * a[0]
    t = np.float64(0.0)
    for v in a:
        t += v * v
    return math.sqrt(s) + math.sqrt(t)


@accelerate
def rebound(xs: list[float]) -> float:
    s = 0.0

    def shift() -> None:
        nonlocal s
        s = -1.0
    for x in xs:
        s += x * x
    if len(xs) > 2:
        shift()
    return math.sqrt(s)


def test_sums_of_squares_edges():
    check_each(distances, [(SPECIAL, SPECIAL[::-1]), ([], []), ([3.0], [-1.0])])
    check_each(norm, [(SPECIAL,), ([],), ([-0.0],), ([3.0, -4.0],), ([1e200, 1e200],), ([math.nan, -1.0],)])
    check_each(norm_then_shift, [([3.0, 4.0], 0.0), ([3.0, 4.0], 25.0), ([3.0, 4.0], 25.5), ([], -0.0), ([], 1e-300)])


def test_ints_and_builtins():
    check_each(roots_of_indexes, [(0, 5), (-1, 3), (3, 3), (-5, -2), (2, 0)])
    for a in SPECIAL:
        for b in (-3.0, -0.0, 2.5, math.inf, math.nan):
            for k in (0, -3, 2 ** 31):
                check(mixed, a, b, k)


def test_handlers_see_only_the_unproven_call():
    check_each(handled, [([2.0, -2.0, -0.0, math.nan, -math.inf],), ([],)])


def test_arrays_and_numpy_scalars():
    rng = np.random.default_rng(3)
    for pts in (rng.random((7, 3)), rng.standard_normal((5, 2)) * 1e154, np.full((3, 2), np.nan), np.zeros((0, 3))):
        n = pts.shape[0]
        if n == 0:
            with pytest.raises(IndexError):
                pairwise(pts, np.empty((0, 0)))
            continue
        got, want = np.empty((n, n)), np.empty((n, n))
        r = pairwise(pts, got)
        r2 = pairwise.py_func(pts, want)
        assert np.array_equal(got, want, equal_nan=True) and (r == r2 or (math.isnan(r) and math.isnan(r2)))
    for a in ([3.0], [-2.0, 1.0], [math.nan], [-math.inf, 0.0]):
        check(numpy_scalars, np.array(a))


def test_a_nested_function_rebinding_keeps_the_test():
    check_each(rebound, [([1.0, 2.0],), ([1.0, 2.0, 3.0],)])


def sqrt_marks(ir_text):
    """{function: [whether each math.sqrt call, in the order printed, is marked unchecked]}"""
    marks, fn = {}, None
    for line in ir_text.splitlines():
        if line.startswith("def @"):
            fn = line[5:line.index("(")]
        at = line.find("(builtin math.sqrt ")
        while at >= 0:
            depth, end = 0, at
            for end in range(at, len(line)):
                depth += {"(": 1, ")": -1}.get(line[end], 0)
                if depth == 0:
                    break
            marks.setdefault(fn, []).append(line[at:end].endswith(" unchecked"))
            at = line.find("(builtin math.sqrt ", at + 1)
    return marks


def test_which_calls_are_proven():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "pyrite", "ir", __file__, "--print-after", "signs"],
                         capture_output=True, text=True, check=True).stdout
    marks = sqrt_marks(out)
    for fn in ("distances", "norm", "pairwise", "numpy_scalars"):
        assert marks[fn] and all(marks[fn]), fn
    assert not any(marks["norm_then_shift"]) and not any(marks["rebound"])
    assert marks["roots_of_indexes"] == [True, True, False]
    assert marks["mixed"] == [True, True, False, False]
    assert marks["handled"] == [True, False]
