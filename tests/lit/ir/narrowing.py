# T | None: inferred from None on one path, narrowed by `is None` checks and an
# early return; a narrowed read prints with "!" (typeinfer's unwrap).
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s
from pyrite import accelerate


@accelerate
def pick(xs: list[int], k: int) -> int:
    # CHECK-LABEL: def @pick(
    # CHECK: local %best: int | None
    # CHECK: %best = None:None
    # CHECK: if (and? (compare %best:int | None is None:None):bool (compare %x:int gt %k:int):bool):bool:
    # CHECK-NEXT: %best = %x:int
    # CHECK: return (mul %best!:int 2:int):int
    best = None
    for x in xs:
        if best is None and x > k:
            best = x
    if best is None:
        return 0
    return best * 2


@accelerate
def walrus(xs: list[int]) -> int:
    # an assignment expression is a block that assigns the function's variable, in a
    # comprehension too (PEP 572), and gives its value
    # CHECK-LABEL: def @walrus(
    # CHECK: while (compare (block %k { %k = (mul %i:int 2:int):int }):int lt
    # CHECK: (block %y { %y = (mul %x$
    i = 0
    while (k := i * 2) < len(xs):
        i += 1
    ys = [y for x in xs if (y := x * x) > k]
    return len(ys) + y
