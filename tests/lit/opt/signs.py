# opt/signs.cpp: math.sqrt of a number never below 0 runs without its domain test.
# RUN: %pyrite ir %s --print-after signs | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
import math

from pyrite import accelerate


@accelerate
def norm(xs: list[float], shift: float) -> float:
    # IR-LABEL: def @norm
    # IR: return (add (builtin math.sqrt %s:float unchecked):float (builtin math.sqrt (sub %s:float %shift:float):float):float):float
    # CPP-LABEL: static {{.*}} f0_norm({{.*}}) {
    # CPP: pyrite::math::sqrt_unchecked(v_s)
    # CPP-SAME: pyrite::math::sqrt(
    s = -0.0
    for x in xs:
        s += x * x
    return math.sqrt(s) + math.sqrt(s - shift)
