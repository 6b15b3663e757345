"""Benchmark kernels: plain annotated Python, compiled by pyrite, run by CPython for reference."""
import math

from pyrite import accelerate


def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@accelerate
def collatz_total(limit: int) -> int:
    total = 0
    for n in range(1, limit):
        total += collatz_len(n)
    return total


@accelerate
def mandel_grid(size: int, max_iter: int) -> int:
    total = 0
    for y in range(size):
        ci = -1.5 + 3.0 * y / size
        for x in range(size):
            cr = -2.0 + 3.0 * x / size
            zr = zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            total += i
    return total


@accelerate
def integrate_sin(n: int) -> float:
    h = math.pi / n
    total = 0.0
    for i in range(n):
        total += math.sin((i + 0.5) * h)
    return total * h


@accelerate
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@accelerate
def gcd_sum(n: int) -> int:
    total = 0
    for a in range(1, n):
        for b in range(1, n):
            x, y = a, b
            while y:
                x, y = y, x % y
            total += x
    return total


@accelerate
def sieve(n: int) -> int:
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


@accelerate
def call_overhead(n: int, x: float) -> float:
    return n * x


# name, function, arguments for compiled/C++ runs, arguments for CPython (smaller where slow), scale
KERNELS = [
    ("collatz_total", collatz_total, (1_000_000,), (100_000,), 10.0),
    ("mandel_grid", mandel_grid, (400, 200), (100, 200), 16.0),
    ("integrate_sin", integrate_sin, (5_000_000,), (500_000,), 10.0),
    ("fib", fib, (30,), (24,), 17.94),  # fib(30) does ~17.9x the calls of fib(24)
    ("gcd_sum", gcd_sum, (1000,), (300,), 11.1),
    ("sieve", sieve, (10_000_000,), (1_000_000,), 10.0),
]
