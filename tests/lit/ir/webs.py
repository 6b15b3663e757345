# typeinfer/webs.cpp: a local reused for unrelated values is one variable per web (the assignments
# and the reads they reach), each typed on its own; a name whose two values reach one read, a
# captured one, one a try assigns and the frontend's temporaries stay whole.
# RUN: %pyrite ir %s --print-after webs | FileCheck %s
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=TYPED
from pyrite import accelerate


@accelerate
def reused(xs: list[str], ys: list[float], n: int) -> float:
    # CHECK-LABEL: def @reused
    # CHECK: local %w$web1: ?
    # CHECK: local %k$web1: ?
    # an update in a loop (total += ...) is in the web its loop's next iteration reads; one after
    # the loops starts a web of its own, as `k = str(k)` would
    # CHECK: for %w in %xs:
    # CHECK-NEXT: %total = (add %total
    # CHECK: for %w$web1 in %ys:
    # CHECK-NEXT: %total = (add %total %w$web1)
    # CHECK: %total$web1 = (add %total %k)
    # CHECK: %k$web1 = (intrinsic str %n)
    # CHECK-NOT: %total$web2
    # TYPED-LABEL: def @reused
    # TYPED: local %w: str
    # TYPED: local %k: int
    # TYPED: local %w$web1: float
    # TYPED: local %k$web1: str
    total = 0.0
    for w in xs:
        total += len(w)
    for w in ys:
        total += w
    k = n + 1
    total += k
    k = str(n)
    return total + len(k)


@accelerate
def whole(c: bool, xs: list[int]) -> int:
    # CHECK-LABEL: def @whole
    # CHECK-NOT: $web
    # CHECK: return
    x = 1
    if c:
        x = 2
    k = 0
    for k in xs:  # the loop's last value, read after it
        pass
    f = lambda: k  # captured
    try:
        y = 3
    except ValueError:
        y = 4
    return x + k + y + f()
