"""Python's int past 64 bits (issue 19): a call in which an int leaves 64 bits runs again in
CPython (README: Python's int). run.py's bigint_table times each kernel on arguments that stay in
64 bits (compiled throughout) and on arguments that leave them (the compiled attempt, then
CPython's run), against CPython on the same arguments: the first ratio is the speed-up, the
second the cost of the failed attempt on top of CPython's own time."""
from pyrite import accelerate


@accelerate
def factorial(n: int) -> int:
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


@accelerate
def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@accelerate
def power_sum(n: int, k: int) -> int:
    # sum of i**k: fits for small n and k, leaves 64 bits late in the loop for large ones
    s = 0
    for i in range(1, n + 1):
        s += i ** k
    return s


@accelerate
def lcg_checksum(n: int, seed: int) -> int:
    # the usual hot loop: every value stays far inside 64 bits
    x = seed
    h = 0
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        h = (h * 31 + x) % 1000000007
    return h


# name, function, arguments that fit, arguments that leave 64 bits (None: none do), repeats per timing
KERNELS = [
    ("factorial", factorial, (20,), (400,), 2000),
    ("fib", fib, (90,), (2000,), 2000),
    ("power_sum", power_sum, (1000, 3), (100000, 4), 3),
    ("lcg_checksum", lcg_checksum, (100000, 7), None, 3),
]
