# int arithmetic is checked (OverflowError, never wrap-around) and follows Python's signs.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


# CHECK-LABEL: static pyrite::i64 f0_arith(pyrite::i64 v_a, pyrite::i64 v_b) {
@accelerate
def arith(a: int, b: int) -> int:
    # CHECK: #line [[@LINE+1]] "{{.*}}int_ops.py"
    s = a + b * 2
    # CHECK-NEXT: v_s = pyrite::add(v_a, pyrite::mul(v_b, INT64_C(2)));
    # CHECK: v_q = pyrite::floordiv(v_s, v_b);
    q = s // b
    # CHECK: return pyrite::mod(v_q, INT64_C(7));
    return q % 7


@accelerate
def shifts(a: int, n: int) -> int:
    # CHECK-LABEL: static pyrite::i64 f1_shifts(pyrite::i64 v_a, pyrite::i64 v_n) {
    # CHECK: pyrite::lshift(v_a, v_n)
    # CHECK: pyrite::rshift(v_a, v_n)
    # CHECK: (v_a & v_n)
    return (a << n) + (a >> n) + (a & n)


@accelerate
def powers(a: int) -> float:
    # CHECK-LABEL: static double f2_powers(pyrite::i64 v_a) {
    # a negative constant exponent makes int ** int a float, as in CPython
    # CHECK: pyrite::pow_negexp(v_a, INT64_C(-2))
    # CHECK: pyrite::ipow_nonneg(v_a, INT64_C(3))
    return a ** -2 + a ** 3


@accelerate
def collatz_step(n: int, m: int) -> int:
    # both arms of a conditional expression of a few int operations are computed (their + - *
    # note an overflow in a flag) and one is selected without a branch; OverflowError only where
    # the selected arm overflowed. An arm that can raise otherwise (// by a variable) is not.
    # CHECK-LABEL: static pyrite::i64 f{{[0-9]+}}_collatz_step(
    # CHECK: ({ const bool if_c[[N:[0-9]+]] = pyrite::mod(v_n, INT64_C(2)) == INT64_C(0); bool if_bad_t[[N]] = false, if_bad_f[[N]] = false; const pyrite::i64 if_t[[N]] = pyrite::floordiv(v_n, INT64_C(2)); const pyrite::i64 if_f[[N]] = pyrite::spec_add(pyrite::spec_mul(INT64_C(3), v_n, if_bad_f[[N]]), INT64_C(1), if_bad_f[[N]]); if (PYRITE_UNLIKELY((if_c[[N]] & if_bad_t[[N]]) | (!if_c[[N]] & if_bad_f[[N]]))) pyrite::int_overflow(); if_c[[N]] ? if_t[[N]] : if_f[[N]]; })
    # CHECK: ((v_m > INT64_C(0)) ? pyrite::floordiv(v_n, v_m) : pyrite::add(v_n, INT64_C(1)))
    a = n // 2 if n % 2 == 0 else 3 * n + 1
    return a + (n // m if m > 0 else n + 1)


@accelerate
def collatz_stmt(n: int) -> int:
    # the statement form: one assignment to one name in each branch; the selected arm's line
    # is the traceback's where it overflows
    # CHECK-LABEL: static pyrite::i64 f{{[0-9]+}}_collatz_stmt(
    # CHECK: v_n{{.*}} = ({ const bool if_c[[N:[0-9]+]] = {{.*}} if (PYRITE_UNLIKELY((if_c[[N]] & if_bad_t[[N]]) | (!if_c[[N]] & if_bad_f[[N]]))) { pyrite_line = if_c[[N]] ? [[@LINE+3]] : [[@LINE+5]]; pyrite::int_overflow(); } if_c[[N]] ? if_t[[N]] : if_f[[N]]; });
    # CHECK-NOT: if (
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    return n
