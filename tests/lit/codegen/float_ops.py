# float + - * are plain C++ (IEEE in both); division and int/float comparison need the runtime.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


@accelerate
def poly(x: float, n: int) -> bool:
    # CHECK-LABEL: static bool f0_poly(double v_x, pyrite::i64 v_n) {
    # CHECK: v_y = ((v_x * v_x) + (static_cast<double>(INT64_C(2)) * 0.0)) - static_cast<double>(v_n);
    y = x * x + 2 * 0.0 - n
    # CHECK: v_z = pyrite::truediv(v_y, v_x);
    z = y / x
    # an int compared with a float is compared exactly, not after conversion
    # CHECK: return pyrite::lt(v_n, v_z);
    return n < z
