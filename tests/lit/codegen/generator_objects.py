# A generator used as a value (g = gen(...), next(g)) is compiled on its own as a C++20 coroutine
# (runtime/include/pyrite/generator.hpp): its body has `yield` statements in the IR; in C++ it
# returns pyrite::Gen<T>, takes its arguments by value (its frame keeps them), names itself and
# suspends first (co_await GenStart: nothing runs before the first next()), and ends by co_return.
# A function that only iterates it directly still gets the inlined loop (generators.py).
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from typing import Iterator
from pyrite import accelerate


def count(n: int, xs: list[int]) -> Iterator[int]:
    try:
        for i in range(n):
            yield i + len(xs)
    finally:
        xs.append(-1)


# IR-LABEL: def @first(
# IR: %g = (call @count %n (list 1))
# IR-NEXT: return (intrinsic next %g -1)
# IR-LABEL: def @count(
# IR: yield (add %i (intrinsic len %xs))
@accelerate
def first(n: int) -> int:
    g = count(n, [1])
    return next(g, -1)


# CHECK: static pyrite::Gen<pyrite::i64> f1_count(pyrite::i64 v_n, pyrite::List<pyrite::i64> v_xs);
# CHECK-LABEL: static pyrite::i64 f0_first(pyrite::i64 v_n) {
# CHECK: v_g = f1_count(v_n, pyrite::List<pyrite::i64>::of({INT64_C(1)}));
# CHECK: return pyrite::next_or<pyrite::i64>(v_g, INT64_C(-1));
# CHECK-LABEL: static pyrite::Gen<pyrite::i64> f1_count(pyrite::i64 v_n, pyrite::List<pyrite::i64> v_xs) {
# CHECK-NEXT: co_await pyrite::GenStart{"count", "count"};
# CHECK: co_yield pyrite::i64(pyrite::add(v_i, v_xs.len()));
# CHECK: co_return;
