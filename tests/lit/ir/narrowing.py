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
