# Python evaluates operands left to right; C++ does not order call arguments.
# Where two operands could raise different exceptions they become ordered temporaries.
# RUN: %pyrite cpp %s | FileCheck %s
import math

from pyrite import accelerate


@accelerate
def ordered(a: int, b: int, x: float) -> float:
    # a statement expression (not a lambda: GCC inlines recursive functions without those)
    # CHECK: ({ const pyrite::i64 o{{[0-9]+}} = pyrite::floordiv(v_a, v_b); const double o{{[0-9]+}} = pyrite::math::sqrt(v_x);
    return a // b + math.sqrt(x)


@accelerate
def unordered(x: float, y: float) -> float:
    # nothing here can raise: no temporaries
    # CHECK-LABEL: static double f1_unordered(double v_x, double v_y) {
    # CHECK: return (v_x * v_y) + v_x;
    return x * y + x
