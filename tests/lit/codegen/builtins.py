# Builtins resolve to the C++ overloads read from the runtime headers by pyrite-scan.
# RUN: %pyrite cpp %s | FileCheck %s
import math

from pyrite import accelerate

# CHECK-DAG: #include <pyrite/math.hpp>
# CHECK-DAG: #include <pyrite/builtins/round.hpp>
# CHECK-DAG: #include <pyrite/builtins/minmax.hpp>


@accelerate
def f(x: float, n: int) -> float:
    # an int argument to a float parameter converts, as float(n) would
    # CHECK: pyrite::math::sqrt(static_cast<double>(v_n))
    # CHECK: pyrite::builtins::round(v_x, INT64_C(2))
    # math.pi is captured by value
    # CHECK: pyrite::builtins::max_of<double>(v_x, 1.0, 3.1415926535897931)
    return math.sqrt(n) + round(x, 2) + max(x, 1.0, math.pi)
