# int | float (TypeKind::Real): where an int and a float meet in one variable, one return or one
# value (t = 0 then t += x; statistics.mean of ints; max(n, f)), CPython's value is either, by
# what ran: typeinfer gives it the type int | float, a pyrite::Real in C++ (ops.hpp), whose
# operations are the int's or the float's at run time, and a float operand makes a float.
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
import statistics

from pyrite import accelerate


@accelerate
def total(xs: list[float]):
    # CHECK-LABEL: def @total(%xs: list[float]) -> int | float:
    # CHECK: local %t: int | float
    # CHECK: %t = (add %t:int | float %x:float):float
    # CPP-LABEL: static pyrite::Real f0_total(pyrite::List<double> v_xs) {
    # CPP: v_t = INT64_C(0);
    # CPP: v_t = static_cast<double>(v_t) + v_x;
    t = 0
    for x in xs:
        t += x
    return t


@accelerate
def mixed(xs: list[int], f: float, n: int):
    # CHECK-LABEL: def @mixed
    # CHECK: %m = (builtin statistics.mean %xs:list[int]):int | float
    # CHECK: (floordiv %m:int | float %n:int):int | float (div %m:int | float %n:int):float
    # CHECK-SAME: (max %n:int %f:float):int | float
    # CPP-LABEL: f1_mixed(
    # CPP: pyrite::floordiv(v_m, v_n), pyrite::truediv(v_m, v_n), (static_cast<double>(v_m) + v_f), pyrite::lt(v_m, v_f)
    # CPP-SAME: pyrite::builtins::max_of<pyrite::Real>(pyrite::Real(v_n), pyrite::Real(v_f))
    m = statistics.mean(xs)
    return m // n, m / n, m + f, m < f, max(n, f)
