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
