# A call of a function with *args and **kwargs packs its surplus positional arguments into one
# tuple and its surplus keyword arguments into one dict of str keys, each passed by the
# parameter's name; keyword-only parameters are bound by name, in C++ in their place.
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=LOWER
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=TYPED
from pyrite import accelerate


def total(first, *rest, scale=1, **named: int):
    return (first + sum(rest)) * scale + len(named)


@accelerate
def f(n: int) -> int:
    return total(n, 2, 3, scale=n, a=1, b=2) + total(n)

# LOWER-LABEL: def @f(%n: ?):
# LOWER: (call @total %n rest=(tuple 2 3) scale=%n named=(dict "a" 1 "b" 2))
# LOWER-SAME: (call @total %n rest=(tuple) named=(dict))

# TYPED: def @total(%first: int, %scale: int, %rest: tuple[int, int], %named: dict[str, int]) -> int:
# TYPED: def @total(%first: int, %scale: int, %rest: tuple[()], %named: dict[str, int]) -> int:


def add3(a: int, b: int, c: int) -> int:
    return a + b + c


# f(a, *xs): every argument held in order, the iterable's length checked against what is left for
# it (CPython's TypeError), then its items passed by position
@accelerate
def g(xs: list[int], n: int) -> int:
    return add3(n, *xs)

# LOWER-LABEL: def @g(
# LOWER: (block %$[[R:[0-9]+]] {  %$[[A:[0-9]+]] = %n;   %$[[T:[0-9]+]] = %xs;   (intrinsic $star_args %$[[T]] a b c);   %$[[R]] = (call @add3 %$[[A]] (get %$[[T]] 0) (get %$[[T]] 1)) })
