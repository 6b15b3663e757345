"""NumPy kernels, compiled by pyrite, Numba and Pythran from this one source (benchmarks/run.py).

Plain functions, no decorator: run.py applies pyrite.accelerate and numba.njit, and Pythran
compiles this file as a module through the export lines. Each kernel makes its input from
integer arguments with the same formulas as its C++ twin in cpp/kernels.cpp, so every
implementation computes the same thing; the creation is timed too, for all of them.
"""
import math

import numpy as np

#pythran export matmul_loops(int)
#pythran export floyd_warshall(int)
#pythran export jacobi(int, int)
#pythran export pairwise_distances(int, int)
#pythran export reductions(int, int, int)
#pythran export heat_loops(int, int)
#pythran export julia(int, int)
#pythran export black_scholes(int, int)
#pythran export heat3d(int, int)
#pythran export kmeans(int, int, int)
#pythran export matmul_numpy(int, int)


def matmul_loops(n: int) -> float:
    # float64 arrays made in compiled code, multiplied with loops (i, k, j order)
    a = np.zeros((n, n))
    b = np.zeros((n, n))
    c = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            a[i, j] = ((i * 7 + j * 3) % 11) * 0.5
            b[i, j] = ((i * 5 + j) % 13) * 0.25
    for i in range(n):
        for k in range(n):
            aik = a[i, k]
            for j in range(n):
                c[i, j] += aik * b[k, j]
    total = 0.0
    for i in range(n):
        for j in range(n):
            total += c[i, j]
    return total


def floyd_warshall(n: int) -> float:
    # all-pairs shortest paths in place on a float64 array
    d = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            d[i, j] = 0.0 if i == j else float((i * 13 + j * 7) % 17 + 1)
    for k in range(n):
        for i in range(n):
            dik = d[i, k]
            for j in range(n):
                if dik + d[k, j] < d[i, j]:
                    d[i, j] = dik + d[k, j]
    total = 0.0
    for i in range(n):
        for j in range(n):
            total += d[i, j]
    return total


def jacobi(n: int, iters: int) -> float:
    # a 2-D Jacobi stencil written with slices: NumPy evaluates the right side whole first
    u = np.zeros((n, n))
    for j in range(n):
        u[0, j] = 1.0
        u[j, 0] = 0.5
    for _ in range(iters):
        u[1:-1, 1:-1] = 0.25 * (u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:])
    return float(u.sum())


def pairwise_distances(n: int, d: int) -> float:
    # all pairwise Euclidean distances by broadcasting (n, 1, d) against (1, n, d)
    x = np.zeros((n, d))
    for i in range(n):
        for k in range(d):
            x[i, k] = ((i * 7 + k * 3) % 17) * 0.25
    diff = x[:, np.newaxis, :] - x[np.newaxis, :, :]
    dist = np.sqrt((diff * diff).sum(axis=2))
    return float(dist.sum())


def reductions(n: int, m: int, reps: int) -> float:
    # column and row statistics of a float64 matrix, repeated
    a = np.zeros((n, m))
    for i in range(n):
        for j in range(m):
            a[i, j] = ((i * 31 + j * 17) % 101) * 0.01 - 0.5
    total = 0.0
    for _ in range(reps):
        total += float(a.sum()) + float(a.mean(axis=0).sum()) + float(a.var(axis=1).sum())
        total += float(a.max(axis=0).sum()) + float(a.argmax()) + float(np.abs(a).min())
    return total


def heat_loops(n: int, iters: int) -> float:
    # a heat-equation 5-point stencil in nested loops over two float64 arrays, swapped each step
    u = np.zeros((n, n))
    for j in range(n):
        u[0, j] = 1.0
    v = u.copy()
    for _ in range(iters):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                v[i, j] = u[i, j] + 0.1 * (u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1] - 4.0 * u[i, j])
        u, v = v, u
    return float(u.sum())


def julia(n: int, max_iter: int) -> float:
    # escape counts of the Julia set of c = -0.8 + 0.156i on an n x n grid
    counts = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        for j in range(n):
            x = -1.5 + 3.0 * j / n
            y = -1.5 + 3.0 * i / n
            k = 0
            while k < max_iter and x * x + y * y < 4.0:
                x, y = x * x - y * y - 0.8, 2.0 * x * y + 0.156
                k += 1
            counts[i, j] = k
    return float(counts.sum())


def black_scholes(n: int, reps: int) -> float:
    # European call prices: NumPy expressions for d1 and d2, a loop for the normal CDF (math.erf)
    s = np.zeros(n)
    k = np.zeros(n)
    t = np.zeros(n)
    for i in range(n):
        s[i] = 50.0 + (i % 100) * 0.5
        k[i] = 40.0 + (i % 37) * 1.5
        t[i] = 0.25 + (i % 12) * 0.2
    r = 0.02
    vol = 0.3
    total = 0.0
    for _ in range(reps):
        d1 = (np.log(s / k) + (r + 0.5 * vol * vol) * t) / (vol * np.sqrt(t))
        d2 = d1 - vol * np.sqrt(t)
        call = np.zeros(n)
        for i in range(n):
            nd1 = 0.5 * (1.0 + math.erf(d1[i] / math.sqrt(2.0)))
            nd2 = 0.5 * (1.0 + math.erf(d2[i] / math.sqrt(2.0)))
            call[i] = s[i] * nd1 - k[i] * math.exp(-r * t[i]) * nd2
        total += float(call.sum())
    return total


def heat3d(n: int, iters: int) -> float:
    # a 7-point stencil in three nested loops over an n x n x n float64 array
    u = np.zeros((n, n, n))
    for j in range(n):
        for k in range(n):
            u[0, j, k] = 1.0
    v = u.copy()
    for _ in range(iters):
        for i in range(1, n - 1):
            for j in range(1, n - 1):
                for k in range(1, n - 1):
                    v[i, j, k] = u[i, j, k] + 0.1 * (u[i - 1, j, k] + u[i + 1, j, k] + u[i, j - 1, k] + u[i, j + 1, k]
                                                     + u[i, j, k - 1] + u[i, j, k + 1] - 6.0 * u[i, j, k])
        u, v = v, u
    return float(u.sum())


def kmeans(n: int, k: int, iters: int) -> float:
    # Lloyd's algorithm on n 2-d points: distances by broadcasting, labels by argmin, centroids
    # as the means of the rows a mask picks
    x = np.zeros((n, 2))
    for i in range(n):
        x[i, 0] = ((i * 37) % 101) * 0.1
        x[i, 1] = ((i * 53) % 97) * 0.1
    c = x[:k].copy()
    for _ in range(iters):
        d = ((x[:, np.newaxis, :] - c[np.newaxis, :, :]) ** 2).sum(axis=2)
        labels = d.argmin(axis=1)
        for j in range(k):
            members = x[labels == j]
            if members.shape[0] > 0:
                c[j] = members.mean(axis=0)
    return float(c.sum())


def matmul_numpy(n: int, reps: int) -> float:
    # float64 products written with @ and np.dot: BLAS in NumPy (and in pyrite, which calls it)
    i = np.arange(n)
    col, row = i.reshape(n, 1), i.reshape(1, n)
    a = ((col * 7 + row * 3) % 11) * 0.5
    b = ((col * 5 + row) % 13) * 0.25
    x = (i % 7) * 0.5
    total = 0.0
    for _ in range(reps):
        c = a @ b
        total += c.sum() + np.dot(a, x).sum() + x @ x
    return total
