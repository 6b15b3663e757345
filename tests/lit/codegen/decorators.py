# A helper under a decorator the program writes (`@memo def fib`) is what the decorator returned:
# the frontend makes `fib$decorated`, which calls memo(fib) and whose result C++ keeps in a static
# (one per compiled module, as Python ran the decorator once); every call of `fib`, the helper's
# own recursive ones too, calls the closure it holds.
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


def memo(f):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper


@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@accelerate
def g(n: int) -> int:
    return fib(n)

# IR-LABEL: def @g(%n: int) -> int:
# IR: %$0 = (call @fib$decorated):function wrapper
# IR: (call @memo.<locals>.wrapper (capture %$0:function wrapper 0):dict[int, int] (capture %$0:function wrapper 1):function fib %n:int):int
# IR-LABEL: def @fib$decorated() -> function wrapper:
# IR-NEXT: return (call @memo (function @fib):function fib):function wrapper
# IR-LABEL: def @fib(%n: int) -> int:
# IR: (call @fib$decorated):function wrapper
# CPP-LABEL: f{{[0-9]+}}_fib_x24decorated() {
# CPP-NEXT: static const pyrite::Fn<{{.*}}> result = f{{[0-9]+}}_fib_x24decorated_uncached();
# CPP-NEXT: return result;
