"""Parallel loops (issue 17): three kernels written with `for i in prange(...)`, run on 1 thread
and on every core, against Numba's own prange (@njit(parallel=True)) on the same source.

    mandelbrot   rows in parallel, each row's cost differs (load balance)
    pairwise     a distance matrix: row i of the output per iteration (memory and flops)
    reduction    a sum of sqrt(x) * sin(x) over an array (a float reduction)

and two functions with no loop at all, compiled with @accelerate(parallel=True) (and Numba's
@njit(parallel=True)), whose whole-array work runs on the pool:

    array_expr   a fused element-wise expression and an in-place update of 10^7 items
    array_sum    the sum of a product and a mean (NumPy's pairwise sums, cut into subtrees)
    column_sums  the sums of a table's columns, which stay on one thread: NumPy folds them row
                 after row, and cut into a chunk of columns per thread they ran no faster on
                 this 2-core machine (10000 x 2000: 11.2 ms on 1 thread, 11-14.7 ms on 2)"""
import math

import numpy as np

from pyrite import f64, prange


def mandelbrot(h: int, w: int, max_iter: int) -> int:
    total = 0
    for y in prange(h):
        ci = -1.2 + 2.4 * y / h
        for x in range(w):
            cr = -2.1 + 3.0 * x / w
            zr = 0.0
            zi = 0.0
            k = 0
            while k < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                k += 1
            total += k
    return total


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


def reduction(x: f64[:]) -> float:
    s = 0.0
    for i in prange(x.shape[0]):
        s += math.sqrt(x[i]) * math.sin(x[i])
    return s


def array_expr(a: f64[:], b: f64[:]) -> float:
    c = np.sqrt(a * a + b * b) * 0.5
    c += a
    return c[0] + c[-1]


def array_sum(a: f64[:], b: f64[:]) -> float:
    return np.sum(a * b) + a.mean()


def column_sums(m: f64[:, :]) -> float:
    s = np.sum(m, axis=0)
    return s[0] + s[-1]


WHOLE_ARRAY = {"array_expr", "array_sum", "column_sums"}  # compiled with parallel=True


def cases(quick):
    rng = np.random.default_rng(0)
    pts = rng.random((800 if quick else 2000, 3))
    arr = rng.random(2_000_000 if quick else 20_000_000)
    return [
        ("mandelbrot", mandelbrot, (400, 400, 200) if quick else (1000, 1000, 256)),
        ("pairwise", pairwise, (pts, np.empty((pts.shape[0], pts.shape[0])))),
        ("reduction", reduction, (arr,)),
        ("array_expr", array_expr, (arr, arr[::-1].copy())),
        ("array_sum", array_sum, (arr, arr[::-1].copy())),
        ("column_sums", column_sums, (arr.reshape(-1, 2000),)),
    ]
