"""pyrite's demo: three kernels, compiled on first call, checked against CPython, timed."""
import math
import time

from pyrite import accelerate, cpp_source


def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@accelerate
def longest_collatz(limit: int) -> int:
    """The start below `limit` with the longest Collatz sequence (calls a plain Python function)."""
    best, best_len = 1, 0
    for n in range(1, limit):
        steps = collatz_len(n)
        if steps > best_len:
            best, best_len = n, steps
    return best


@accelerate
def mandel(cr: float, ci: float, max_iter: int) -> int:
    zr = zi = 0.0
    for i in range(max_iter):
        if zr * zr + zi * zi > 4.0:
            return i
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    return max_iter


@accelerate
def integrate(a: float, b: float, n: int) -> float:
    h = (b - a) / n
    total = 0.5 * (math.sin(a) + math.sin(b))
    for i in range(1, n):
        total += math.sin(a + i * h)
    return total * h


def timed(f, *args):
    t = time.perf_counter()
    r = f(*args)
    return r, time.perf_counter() - t


def main():
    for name, fn, args in [("longest_collatz", longest_collatz, (300_000,)), ("mandel", mandel, (-0.1, 0.1, 3_000_000)),
                           ("integrate", integrate, (0.0, math.pi, 2_000_000))]:
        first, t_first = timed(fn, *args)       # compiles (or loads from the cache)
        native, t_native = timed(fn, *args)
        python, t_python = timed(fn.py_func, *args)
        assert native == python, (name, native, python)
        print(f"{name:15} = {native!r:22} first call {t_first * 1e3:7.1f} ms   native {t_native * 1e3:8.3f} ms   "
              f"CPython {t_python * 1e3:8.1f} ms   speed-up {t_python / t_native:6.1f}x")
    print("\nThe C++ pyrite generated for collatz_len (see pyrite.cpp_source):\n")
    src = cpp_source(longest_collatz)
    print(src[src.index("static pyrite::i64 f1_collatz_len(pyrite::i64 v_n) {"):].split("\n}\n")[0] + "\n}")


if __name__ == "__main__":
    main()
