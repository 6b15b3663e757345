"""Decorators the program writes itself (`def memo(f): ... return wrapper`, then `@memo def fib`):
compiled code calls the decorator once per compiled module, as Python ran it once, and calls what
it returned (a closure, README "Decorators"); the decorated function's own calls of its name go
through the wrapper, as in Python. What the wrapper keeps (a cache, a count) is compiled code's
own, as functools.cache's table is: Python's calls keep theirs."""
import functools
from functools import wraps

import pytest

from difftest import check, check_all, compile_error, printed_both
from pyrite import accelerate


def memo(f):
    cache = {}

    @functools.wraps(f)
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper


@memo
def ways(n):
    if n < 0:
        return 0
    if n == 0:
        return 1
    return ways(n - 1) + ways(n - 2) + ways(n - 3)


@memo
def partitions(n):  # the same decorator on another function: a wrapper (and a cache) of its own
    if n <= 1:
        return 1
    return sum(partitions(k) for k in range(n)) % 1_000_007


@accelerate
def stairs(n: int) -> tuple:
    return ways(n), partitions(n), ways(n // 2)


def test_a_memoizing_decorator_with_recursion():
    check_all(stairs, [0, 1, 2, 30, 60])


def traced(f):
    @wraps(f)
    def inner(a, b):
        r = f(a, b)
        print(f"{f.__name__}({a}, {b}) = {r}")
        return r
    return inner


@traced
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


@accelerate
def reduced(num: int, den: int) -> tuple[int, int]:
    g = gcd(num, den)
    return num // g, den // g


def test_a_tracing_decorator_prints_as_python():
    compiled, interpreted = printed_both(reduced, 84, 240)
    assert compiled == interpreted == "gcd(84, 240) = 12\n"
    check_all(reduced, [84, 0, -9], [240, 7])  # 0 // 0: ZeroDivisionError through the wrapper


def checked(f):
    def guard(x):
        if x < 0:
            raise ValueError(f"{f.__name__}: negative input {x}")
        return f(x)
    return guard


@checked
def isqrt(x):
    r = 0
    while (r + 1) * (r + 1) <= x:
        r += 1
    return r


@accelerate
def roots(xs: list[int]) -> dict[int, int]:
    out = {}
    for x in xs:
        out[x] = isqrt(x)
    return out


def test_what_a_wrapper_raises_leaves_as_python_raised_it():
    check(roots, [0, 1, 17, 99])
    check(roots, [4, -3, 9])


def repeat(times):  # a decorator factory: @repeat(3) is repeat(3)(f)
    def deco(f):
        @functools.wraps(f)
        def wrapper(x):
            total = 0
            for _ in range(times):
                total += f(x)
            return total
        return wrapper
    return deco


def scaled(k, offset=0):
    def deco(f):
        def wrapper(x):
            return f(x) * k + offset
        return wrapper
    return deco


def labelled(label):
    def deco(f):
        def wrapper(a, b):
            r = f(a, b)
            print(f"[{label}] {f.__name__}{(a, b)} -> {r}")
            return r
        return wrapper
    return deco


@repeat(3)
def square(x):
    return x * x


@scaled(-2, offset=1)
def bumped(x):
    return x + 1


@labelled("div")
def ratio(a, b):
    return a / b


@accelerate
def factories(n: int) -> list[int]:
    return [square(i) + bumped(i) for i in range(n)]


@accelerate
def ratios(pairs: list[tuple[int, int]]) -> float:
    return sum(ratio(a, b) for a, b in pairs)


def test_decorator_factories_with_constant_arguments():
    check_all(factories, [0, 1, 7])
    compiled, interpreted = printed_both(ratios, [(1, 2), (3, 4)])
    assert compiled == interpreted == "[div] ratio(1, 2) -> 0.5\n[div] ratio(3, 4) -> 0.75\n"
    check(ratios, [(1, 0)])  # ZeroDivisionError from inside the wrapper


def test_decorators_that_are_not_compiled(tmp_path):
    # a wrapper that counts its calls: compiled code's count would start again in each compiled
    # module (and when the full build replaces the quick one), apart from Python's
    message = compile_error(tmp_path, "deco_count", """
from pyrite import accelerate

def counted(f):
    calls = 0
    def wrapper(x):
        nonlocal calls
        calls += 1
        return f(x) * 10 + calls
    return wrapper

@counted
def double(x):
    return 2 * x

@accelerate
def f(n: int) -> list[int]:
    return [double(i) for i in range(n)]
""", 3)
    assert "'double' is what the decorator 'counted' made of it, a closure that rebinds 'calls' (nonlocal)" in message
    assert message.count("error:") == 1
    # a decorator factory given a variable, not a constant: what it is at the call is Python's
    text = """
from pyrite import accelerate

TIMES = 3

def repeat(times):
    def deco(f):
        def wrapper(x):
            for _ in range(times):
                x = f(x)
            return x
        return wrapper
    return deco

@repeat(TIMES)
def inc(x):
    return x + 1

@accelerate
def f(x: int) -> int:
    return inc(x)
"""
    message = compile_error(tmp_path, "deco_args", text, 1)
    assert "'repeat.<locals>.deco.<locals>.wrapper' is a closure" in message
