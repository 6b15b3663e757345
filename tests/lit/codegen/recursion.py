# Functions in a call cycle, and functions that reach one, take a pyrite::Depth (the
# frames CPython has left, and the stack floor) as their first argument; each compiled
# call passes one less, and only the functions in the cycle check it. No thread-local
# counter. The entry point runs the call through on_stack, which switches to a stack of
# its own only when CPython's budget would not fit in the thread's.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


def is_even(n: int) -> bool:
    return True if n == 0 else is_odd(n - 1)


def is_odd(n: int) -> bool:
    return False if n == 0 else is_even(n - 1)


def square(n: int) -> int:
    return n * n


@accelerate
def parity(n: int) -> bool:
    return is_even(square(n))

# CHECK-LABEL: PyObject* py_f0_parity(
# CHECK: const pyrite::i64 budget = pyrite::capi::recursion_budget();
# CHECK: PyEval_SaveThread();
# CHECK: pyrite::on_stack(budget, [&](pyrite::Depth depth) { result = entry_f0_parity(depth, arg0); });

# CHECK-LABEL: static bool f0_parity(pyrite::Depth depth, pyrite::i64 v_n) {
# CHECK-NOT: check_recursion
# CHECK: f{{[0-9]}}_is_even(depth.next(), f{{[0-9]}}_square(
# CHECK-LABEL: static bool f{{[0-9]}}_is_even(pyrite::Depth depth, pyrite::i64 v_n) {
# CHECK-NEXT: pyrite::check_recursion(depth);
# CHECK: f{{[0-9]}}_is_odd(depth.next(),
# CHECK-LABEL: static pyrite::i64 f{{[0-9]}}_square(pyrite::i64 v_n) {
# CHECK-NOT: depth
# CHECK: }
