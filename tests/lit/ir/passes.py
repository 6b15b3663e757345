# The IR printed after named passes: untyped after lowering, typed after typeinfer.
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=LOWER
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=TYPED
# RUN: %pyrite ir %s --print-after definite-assignment | FileCheck %s --check-prefix=DA
from pyrite import accelerate


@accelerate
def f(n: int, x: float):
    # LOWER: def @f(%n: ?, %x: ?):
    # TYPED: def @f(%n: int, %x: float) -> float:
    # TYPED: local %acc: float
    acc = 0.0
    # LOWER: for %i in range(0, %n):
    # TYPED: for %i in range(0:int, %n:int):
    for i in range(n):
        # TYPED: %acc = (add %acc:float (mul %x:float %i:int):float):float
        acc = acc + x * i
        last = i
    # a read that may see an unassigned local is flagged
    # DA: local %last: int (flagged)
    # DA: return (add %acc:float %last?:int):float
    return acc + last
