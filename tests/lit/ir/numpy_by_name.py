# NumPy's arithmetic and comparisons called by name (np.add, np.multiply, np.less, np.negative...)
# become the operator's own node once their operands' types are known (typeinfer's Arith rule),
# typed and emitted as the operator is; of Python numbers alone, each first becomes a NumPy scalar
# of its default dtype (np.multiply(2, x) is np.int64 arithmetic, as NumPy's).
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s
import numpy as np
from pyrite import accelerate, f64


@accelerate
def by_name(a: f64[:], x: int):
    # CHECK-LABEL: def @by_name(
    # CHECK-SAME: -> tuple[f64[:], numpy.int64, b1[:], f64[:]]
    # CHECK: (add %a:f64[:] %x:int):f64[:]
    # CHECK-SAME: (mul (intrinsic np.scalar 2:int "int64":str):numpy.int64 (intrinsic np.scalar %x:int "int64":str):numpy.int64):numpy.int64
    # CHECK-SAME: (compare %a:f64[:] lt 0.5:float):b1[:]
    # CHECK-SAME: (neg %a:f64[:]):f64[:]
    return np.add(a, x), np.multiply(2, x), np.less(a, 0.5), np.negative(a)
