# opt/stores.cpp: slice-copies marks xs[a:b] = xs[c:d:e] whose bounds raise at most
# OverflowError and whose step is not 0; the runtime then copies within the list.
# RUN: %pyrite ir %s --print-after version-loops | FileCheck %s --check-prefix=BEFORE
# RUN: %pyrite ir %s --print-after slice-copies | FileCheck %s --check-prefix=AFTER
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def shift(xs: list[int], k: int) -> list[int]:
    # BEFORE-LABEL: def @shift
    # BEFORE-NOT: within the list
    # AFTER-LABEL: def @shift
    # AFTER: (slice %xs:list[int] %k:int None:None None:None):list[int] = (slice %xs:list[int] None:None (sub %k:int 1:int):int None:None):list[int]  (within the list)
    # CPP-LABEL: static {{.*}} f0_shift({{.*}}) {
    # CPP: v_xs.set_slice_from_self(true, v_k, false, 0, false, 0, false, 0, true, pyrite::sub(v_k, INT64_C(1)), false, 0);
    xs[k:] = xs[:k - 1]
    return xs


@accelerate
def other(xs: list[int], ys: list[int], s: int) -> list[int]:
    # another list, or a step that may be 0: an ordinary slice store
    # AFTER-LABEL: def @other
    # AFTER-NOT: within the list
    # AFTER: return
    xs[1:] = ys[:2]
    xs[::2] = xs[::s]
    return xs
