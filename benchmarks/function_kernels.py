"""Benchmarks of functions as values (issue 16): the trapezoid rule integrate(f, a, b, n), with f
inlined by hand (inline), given a module function (compiled), a lambda made in compiled code
(lambda_), a closure over a local (closure), one of two functions chosen at run time (one_of), a
nested def rebinding a `nonlocal` total per point (rebinding), and, from Python, a plain Python function and an
@accelerate function (python_fn, accelerated_fn: each point is a call through the C API). run.py
prints each against `inline`.
"""
from typing import Callable

from pyrite import accelerate


def integrate(f, a, b, n):  # unannotated: one version per function passed
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h


def poly(x: float) -> float:
    return x * x * 0.5 + x * 0.25 + 1.0


@accelerate
def inline(n: int) -> float:
    a, b = 0.0, 2.0
    h = (b - a) / n
    s = 0.5 * ((a * a * 0.5 + a * 0.25 + 1.0) + (b * b * 0.5 + b * 0.25 + 1.0))
    for i in range(1, n):
        x = a + i * h
        s += x * x * 0.5 + x * 0.25 + 1.0
    return s * h


@accelerate
def compiled(n: int) -> float:
    return integrate(poly, 0.0, 2.0, n)


@accelerate
def lambda_(n: int) -> float:
    return integrate(lambda x: x * x * 0.5 + x * 0.25 + 1.0, 0.0, 2.0, n)


@accelerate
def closure(n: int, c: float) -> float:
    def f(x):
        return x * x * 0.5 + x * 0.25 + c
    return integrate(f, 0.0, 2.0, n)


@accelerate
def given(f: Callable[[float], float], n: int) -> float:
    h = 2.0 / n
    s = 0.5 * (f(0.0) + f(2.0))
    for i in range(1, n):
        s += f(i * h)
    return s * h


@accelerate
def one_of(n: int, c: float) -> float:
    # a value that may hold one of two functions: each call switches on which (CallEach)
    f = poly if c > 0.0 else (lambda x: x * 0.5)
    return integrate(f, 0.0, 2.0, n)


@accelerate
def rebinding(n: int) -> float:
    # a nested def that rebinds the enclosing function's total through `nonlocal` (a C++ reference)
    a, b = 0.0, 2.0
    h = (b - a) / n
    s = 0.0

    def add(x, w):
        nonlocal s
        s += w * (x * x * 0.5 + x * 0.25 + 1.0)

    add(a, 0.5)
    add(b, 0.5)
    for i in range(1, n):
        add(a + i * h, 1.0)
    return s * h


def py_poly(x):
    return x * x * 0.5 + x * 0.25 + 1.0


@accelerate
def acc_poly(x: float) -> float:
    return x * x * 0.5 + x * 0.25 + 1.0


N = 2_000_000
KERNELS = [  # name, fn, args (the number of points last)
    ("inline", inline, (N,)),
    ("compiled", compiled, (N,)),
    ("lambda_", lambda_, (N,)),
    ("closure", lambda n: closure(n, 1.0), (N,)),
    ("one_of", lambda n: one_of(n, 1.0), (N,)),
    ("rebinding", rebinding, (N,)),
    ("python_fn", lambda n: given(py_poly, n), (N // 20,)),
    ("accelerated_fn", lambda n: given(acc_poly, n), (N // 20,)),
]
ACCELERATED = {"closure": closure, "one_of": one_of, "python_fn": given, "accelerated_fn": given}  # what the lambdas call
