# A generator used as a value (g = gen(...), next(g)) is compiled on its own as a C++20 coroutine
# (runtime/include/pyrite/generator.hpp): its body has `yield` statements in the IR; in C++ it
# returns pyrite::Gen<T>, takes its arguments by value (its frame keeps them), names itself and
# suspends first (co_await GenStart: nothing runs before the first next()), and ends by co_return.
# A function that only iterates it directly still gets the inlined loop (generators.py).
# Generator[T, S, R]: `x = yield v` assigns what co_yield gives (send()'s S), `return v` is co_return v;
# `yield from g` of a generator object is PEP 380's loop (pyrite::Delegate), which hands what the
# generator is thrown to g; a handler runs after its catch, which only chooses it, so it may yield.
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=IR
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=BOUND
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=DELEGATE
# RUN: %pyrite cpp %s | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=SEND
from typing import Generator, Iterator
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


# CHECK: static pyrite::Gen<pyrite::i64> f{{[0-9]+}}_count(pyrite::i64 v_n, pyrite::List<pyrite::i64> v_xs);
# CHECK-LABEL: static pyrite::i64 f0_first(pyrite::i64 v_n) {
# CHECK: v_g = f{{[0-9]+}}_count(v_n, pyrite::List<pyrite::i64>::of({INT64_C(1)}));
# CHECK: return pyrite::next_or<pyrite::i64>(v_g, INT64_C(-1));
# CHECK-LABEL: static pyrite::Gen<pyrite::i64> f{{[0-9]+}}_count(pyrite::i64 v_n, pyrite::List<pyrite::i64> v_xs) {
# CHECK-NEXT: co_await pyrite::GenStart{"count", "count"};
# CHECK: pyrite::i64 yielded(pyrite::add(v_i, v_xs.len()));
# CHECK-NEXT: co_yield std::move(yielded);
# CHECK: co_return;


def echo(n: int) -> Generator[int, int, str]:
    got = yield n
    try:
        got = yield got * 2
    except ValueError:
        yield -1
    return str(got)


# DELEGATE-LABEL: def @relay(
# DELEGATE: %$sub1 = (call @echo %n:int):Generator[int, int, str]
# DELEGATE-NEXT: %$0 = yield from %$sub1:Generator[int, int, str]
# SEND-LABEL: static pyrite::Gen<pyrite::i64, pyrite::i64, pyrite::Str> f{{[0-9]+}}_relay(pyrite::i64 v_n) {
# SEND-NEXT: co_await pyrite::GenStart{"relay", "relay", nullptr, "int"};
# SEND: pyrite::Delegate<pyrite::Gen<pyrite::i64, pyrite::i64, pyrite::Str>> from_{{[0-9_]+}}{t_sub1};
# SEND: sent_[[N:[0-9_]+]] = co_yield pyrite::i64(from_[[N]].g.value());
# SEND-NEXT: } catch (pyrite::Error& thrown_[[N]]) {
# SEND-NEXT: from_[[N]].thrown(thrown_[[N]]);
# SEND: from_[[N]].step(std::move(sent_[[N]]));
# SEND: t_0 = from_[[N]].result();
# SEND-LABEL: static pyrite::Gen<pyrite::i64, pyrite::i64, pyrite::Str> f{{[0-9]+}}_echo(pyrite::i64 v_n) {
# SEND: t_0 = co_yield std::move(yielded);
# SEND: } catch (pyrite::Error& caught_[[T:[0-9]+]]) {
# SEND: if (pyrite::exc_derives(caught_[[T]].kind, pyrite::Exc::ValueError)) handler_[[T]] = 1;
# SEND-NEXT: else throw;
# SEND: if (handler_[[T]] == 1) {
# SEND: co_yield std::move(yielded);
# SEND: co_return pyrite::Str(pyrite::to_str(v_got));
@accelerate
def relay(n: int) -> Generator[int, int, str]:
    r = yield from echo(n)
    return r


def plain(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


# g bound once and read by one loop alone: the arguments held where the call was, the loop inlined
# (frontend/lower_generators.cpp); a generator with a finally stays an object (g keeps it open
# after a break till the function ends), as does one read twice
# BOUND-LABEL: def @bound_once(
# BOUND: %$garg0 = (add %n 1)
# BOUND-NEXT: %n = 0
# BOUND-NEXT: %total = 0
# BOUND-NEXT: %n$plain{{[0-9]+}} = %$garg0
# BOUND: for %i$plain{{[0-9]+}} in range(0, %n$plain{{[0-9]+}}):
# BOUND-NOT: call @plain
# BOUND-LABEL: def @bound_with_finally(
# BOUND: %g = (call @count %n %xs)
# BOUND: for %x in %g:
# BOUND-LABEL: def @bound_twice(
# BOUND: %g = (call @plain %n)
@accelerate
def bound_once(n: int) -> int:
    g = plain(n + 1)
    n = 0
    total = 0
    for x in g:
        total += x + n
    return total


@accelerate
def bound_with_finally(n: int, xs: list[int]) -> int:
    g = count(n, xs)
    total = 0
    for x in g:
        if x > 2:
            break
        total += x
    return total


@accelerate
def bound_twice(n: int) -> int:
    g = plain(n)
    total = 0
    for x in g:
        total += x
    for x in g:
        total -= x
    return total
