# A helper without annotations is generic: not compiled itself, but once per tuple of argument
# types its calls pass, each version a C++ function of its own, named by its index. Recursion
# finds the version it is in; a version only the solver's first rounds called (`fill` keyed on
# list[?] before the caller learned list[int]) is dropped.
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fill(xs, n):
    for i in range(n):
        xs.append(i)


@accelerate
def f(n: int, x: float) -> float:
    xs = []
    fill(xs, n)
    return clamp(x, 0.0, 1.0) + clamp(n, 0, 10) + fib(n) + len(xs)

# IR-LABEL: def @f(%n: int, %x: float) -> float:
# IR: (call @fill %xs:list[int] %n:int):None
# IR: generic def @clamp(x, lo, hi): compiled once per tuple of argument types
# IR: generic def @fib(n): compiled once per tuple of argument types
# IR: generic def @fill(xs, n): compiled once per tuple of argument types
# IR-NOT: list[?]
# IR: def @clamp(%x: float, %lo: float, %hi: float) -> float:
# IR: def @clamp(%x: int, %lo: int, %hi: int) -> int:
# IR: def @fib(%n: int) -> int:
# IR-NEXT: (call @fib (sub %n:int 1:int):int):int (call @fib (sub %n:int 2:int):int)
# IR: def @fill(%xs: list[int], %n: int) -> None:
# IR-NOT: def @

# the versions only: no function for the generic helpers, none for fill's dropped version (f4)
# CPP: static inline double f0_f(pyrite::Depth depth, pyrite::i64 v_n, double v_x);
# CPP-NEXT: static inline double f5_clamp(double v_x, double v_lo, double v_hi);
# CPP-NEXT: static inline pyrite::i64 f6_clamp(pyrite::i64 v_x, pyrite::i64 v_lo, pyrite::i64 v_hi);
# CPP-NEXT: static inline pyrite::i64 f7_fib(pyrite::Depth depth, pyrite::i64 v_n);
# CPP-NEXT: static inline pyrite::none_t f8_fill(pyrite::List<pyrite::i64> v_xs, pyrite::i64 v_n);
# CPP: f5_clamp(v_x, 0.0, 1.0)
