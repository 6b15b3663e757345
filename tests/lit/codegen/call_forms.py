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
