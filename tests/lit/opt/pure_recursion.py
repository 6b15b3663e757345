# opt/recursion.cpp: a recursion of ints and floats whose depth an int parameter bounds gets a pure
# copy (codegen/emit_pure.cpp): the bound is where the tests that lead to its calls hold the
# parameter (n >= 2 under `n < 2 or ...`'s else; n >= 1 past `if n <= 0: return`), or, where they
# only say n != K, the values from K on where it stops ("run from there up"). A loop, a global, a
# call of another function, a container, an argument that does not step the parameter down, or a
# call under no test of it: no copy.
# RUN: %pyrite ir %s --print-after pure-recursion | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
import math
import random

from pyrite import accelerate, prange

TABLE = [1, 2, 3]


@accelerate
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)
# CHECK-LABEL: def @fib(%n: int) -> int:
# CHECK-NEXT: pure copy: calls itself where %n >= 2


@accelerate
def fact(n: int) -> int:
    if n == 0:
        return 1
    return n * fact(n - 1)
# CHECK-LABEL: def @fact(%n: int) -> int:
# CHECK-NEXT: pure copy: calls itself where %n >= 0, run from there up


@accelerate
def fact_truthy(n: int) -> int:
    return n * fact_truthy(n - 1) if n else 1
# CHECK-LABEL: def @fact_truthy(%n: int) -> int:
# CHECK-NEXT: pure copy: calls itself where %n >= 0, run from there up


@accelerate
def two_steps(n: int) -> int:
    # stops at 0 only: from 1, n - 2 skips it and goes on forever
    if n == 0:
        return 0
    return two_steps(n - 2) + 1
# CHECK-LABEL: def @two_steps(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def huge_step(n: int) -> int:
    # stops at 0 only, by a step of 2**31: no window of values to walk (and no copy)
    if n == 0:
        return 0
    return huge_step(n - 2147483648) + 1
# CHECK-LABEL: def @huge_step(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def by_second(x: float, k: int) -> float:
    if 0 >= k:
        return x
    return by_second(x / 2.0, k - 1) + by_second(x * 3.0, k - 1)
# CHECK-LABEL: def @by_second(%x: float, %k: int) -> float:
# CHECK-NEXT: pure copy: calls itself where %k >= 1


@accelerate
def paths(r: int, c: int) -> int:
    # r + c goes down at each call; each stays >= 0 from 0 up
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)
# CHECK-LABEL: def @paths(%r: int, %c: int) -> int:
# CHECK-NEXT: pure copy: calls itself where %r >= 0, run from there up; %c >= 0, run from there up


@accelerate
def lcs_len(i: int, j: int, seed: int) -> int:
    # seed is passed on as it is; i and j go down, each >= 1 where it calls
    if i <= 0 or j <= 0:
        return 0
    if (i * 31 + j * 17 + seed) % 5 == 0:
        return lcs_len(i - 1, j - 1, seed) + 1
    return max(lcs_len(i - 1, j, seed), lcs_len(i, j - 1, seed))
# CHECK-LABEL: def @lcs_len(%i: int, %j: int, %seed: int) -> int:
# CHECK-NEXT: pure copy: calls itself where %i >= 1; %j >= 1


@accelerate
def swaps(a: int, b: int) -> int:
    # neither goes down at every call that passes the other on: a call swaps them
    if a <= 0 or b <= 0:
        return 0
    return swaps(b - 1, a) + 1
# CHECK-LABEL: def @swaps(%a: int, %b: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def unguarded(n: int) -> int:
    if n % 2 == 0:
        return 0
    return unguarded(n - 1)
# CHECK-LABEL: def @unguarded(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
# CHECK-LABEL: def @ackermann(%m: int, %n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def halving(x: float, depth: int) -> float:
    # math.sqrt is PYRITE_PURE (a function of its argument alone): a copy
    return x if depth <= 0 else halving(math.sqrt(x), depth - 1) + 1.0
# CHECK-LABEL: def @halving(%x: float, %depth: int) -> float:
# CHECK-NEXT: pure copy: calls itself where %depth >= 1


@accelerate
def noisy(n: int) -> float:
    # random.random() is not (the generator's state changes): no copy
    return 0.0 if n < 1 else noisy(n - 1) + random.random()
# CHECK-LABEL: def @noisy(%n: int) -> float:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def looping(n: int) -> int:
    if n < 1:
        return 0
    total = 0
    for i in range(n):
        total += i
    return total + looping(n - 1)
# CHECK-LABEL: def @looping(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def reads_global(n: int) -> int:
    return 0 if n < 1 else reads_global(n - 1) + TABLE[n % 3]
# CHECK-LABEL: def @reads_global(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


@accelerate
def rebinds(n: int) -> int:
    if n < 1:
        return 0
    n = n - 1
    return rebinds(n) + 1
# CHECK-LABEL: def @rebinds(%n: int) -> int:
# CHECK-NOT: pure copy
# CHECK: return


# the function as written calls itself; the copy calls itself, in a namespace whose `pyrite::` is
# pure.hpp's; the entry runs the copy where the bound fits, and the function as written otherwise
# CPP-LABEL: static pyrite::i64 f{{[0-9]+}}_fib_checked(pyrite::Depth depth, pyrite::i64 v_n) {
# CPP-NEXT: pyrite::check_recursion(depth);
# CPP: f{{[0-9]+}}_fib_checked(depth.next(), pyrite::sub(v_n, INT64_C(1)))
# CPP-LABEL: namespace pure_copy {
# CPP-NEXT: namespace pyrite = ::pyrite::pure;
# CPP: static pyrite::i64 f{{[0-9]+}}_fib_pure(pyrite::i64 v_n) {
# CPP-NOT: depth
# CPP: f{{[0-9]+}}_fib_pure(pyrite::sub(v_n, INT64_C(1)))
# CPP: }  // namespace pure_copy
# CPP-NEXT: static pyrite::i64 f{{[0-9]+}}_fib(pyrite::Depth depth, pyrite::i64 v_n) {
# CPP-NEXT: if (pyrite::pure::fits(depth, {{[{][{]}}v_n, INT64_C(2), false}})) {
# CPP: pure_copy::f{{[0-9]+}}_fib_pure(v_n);
# CPP: return f{{[0-9]+}}_fib_checked(depth, v_n);
# CPP-LABEL: static pyrite::i64 f{{[0-9]+}}_fact(pyrite::Depth depth, pyrite::i64 v_n) {
# CPP-NEXT: if (pyrite::pure::fits(depth, {{[{][{]}}v_n, INT64_C(0), true}})) {
# CPP-LABEL: static pyrite::i64 f{{[0-9]+}}_paths(pyrite::Depth depth, pyrite::i64 v_r, pyrite::i64 v_c) {
# CPP-NEXT: if (pyrite::pure::fits(depth, {{[{][{]}}v_r, INT64_C(0), true}, {v_c, INT64_C(0), true}})) {


# a recursion called in a prange loop's body checks the stack of the thread it runs on
@accelerate
def fib_sums(n: int) -> int:
    total = 0
    for i in prange(n):
        total += fib(i % 20)
    return total
# CPP-LABEL: static pyrite::i64 f{{[0-9]+}}_fib_sums(pyrite::Depth depth, pyrite::i64 v_n) {
# CPP: const pyrite::Depth depth_{{[0-9]+}} = depth;
# CPP: auto body_{{[0-9]+}} = [&](
# CPP: const pyrite::Depth depth{depth_{{[0-9]+}}.left, pyrite::stack_floor()};
