# opt/loops.cpp: premark (a list stored into by a loop is marked changed once, before it),
# iteration (lists the body cannot resize; s.split() walked by words) and version-loops
# (an innermost range loop gets a copy whose accesses skip the checks its guards made).
# RUN: %pyrite ir %s --print-after fuse | FileCheck %s --check-prefix=BEFORE
# RUN: %pyrite ir %s --print-after premark | FileCheck %s --check-prefix=PREMARK
# RUN: %pyrite ir %s --print-after iteration | FileCheck %s --check-prefix=ITER
# RUN: %pyrite ir %s --print-after version-loops | FileCheck %s --check-prefix=VERSION
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate, f64


@accelerate
def scale(xs: list[float], a: f64[:, :], n: int, j: int) -> None:
    # BEFORE-LABEL: def @scale
    # BEFORE-NOT: premark
    # BEFORE-NOT: fast when
    # PREMARK-LABEL: def @scale
    # PREMARK: premark %xs
    # PREMARK-NEXT: for %i in range
    # PREMARK-NEXT: (index %xs:list[float] %i:int):float = {{.*}}  (unmarked)
    # VERSION-LABEL: def @scale
    # VERSION: fast when 0 <= start and stop <= len(%xs), 0 <= %j < %a.shape[0], 0 <= start and stop <= %a.shape[1], %a.strides[1] == 1, 1 < %a.shape[0], writable(%a):
    # VERSION-NEXT: (index %xs:list[float] %i:int unchecked=1):float = (mul (index %xs:list[float] %i:int unchecked=1):float
    # VERSION-NEXT: (index %a:f64[:, :] (tuple 1:int %i:int):tuple[int, int] unchecked=3 unit-stride):numpy.float64 = (add (index %a:f64[:, :] (tuple %j:int %i:int):tuple[int, int] unchecked=3 unit-stride)
    # CPP-LABEL: static {{.*}} f0_scale({{.*}}) {
    # CPP: v_xs.mark_changed();
    # CPP: if (start_0 >= 0 && stop_0 <= v_xs.len() && static_cast<std::uint64_t>(v_j) < static_cast<std::uint64_t>(v_a.shape[0]) && start_0 >= 0 && stop_0 <= v_a.shape[1] && v_a.strides[1] == 1 && INT64_C(1) < v_a.shape[0] && !v_a.readonly) {
    # CPP: v_xs.set_at_unmarked(
    # CPP: v_a.template set_m<0x80000003u>(value
    # CPP: } else {
    # CPP: v_xs.set_unmarked(
    for i in range(n):
        xs[i] = xs[i] * 2.0
        a[1, i] = a[j, i] + 1.0


@accelerate
def rebinds(xs: list[int], n: int) -> None:
    # the outer loop rebinds the list: only the inner loop, which does not, marks it first
    # PREMARK-LABEL: def @rebinds
    # PREMARK-NEXT: local %i
    # PREMARK-NEXT: local %k
    # PREMARK-NEXT: for %i in range
    # PREMARK-NEXT: premark %xs
    # PREMARK-NEXT: for %k in range
    # the outer loop is not versioned (not innermost); the inner one has nothing to check
    # (its list may be resized by the outer loop between runs, but never during one: xs[k] is checked once)
    # VERSION-LABEL: def @rebinds
    # VERSION: fast when 0 <= start and stop <= len(%xs):
    # VERSION-NEXT: (index %xs:list[int] %k:int unchecked=1):int = %i:int  (unmarked)
    # VERSION-NEXT: %xs = 
    for i in range(n):
        for k in range(n):
            xs[k] = i
        xs = [0] * n


@accelerate
def words(s: str, xs: list[int]) -> int:
    # ITER-LABEL: def @words
    # ITER: for %w in (builtin str.split %s:str words):list[str] (fixed length):
    # ITER: for %x in %xs:list[int]:
    # CPP-LABEL: static {{.*}} f2_words({{.*}}) {
    # CPP: auto it0_{{[0-9]+}} = pyrite::iter_split(v_s);
    # CPP: auto it0_{{[0-9]+}} = pyrite::iter(v_xs);
    n = 0
    for w in s.split():
        n += len(w)
    for x in xs:
        xs.append(x)
        if len(xs) > 10:
            break
    return n


@accelerate
def stepped(a: f64[:], n: int) -> float:
    # a step other than 1 guards that i + step cannot overflow first
    # VERSION-LABEL: def @stepped
    # VERSION: fast when step > 0, 0 <= start and stop <= %a.shape[0]:
    # CPP-LABEL: static {{.*}} f3_stepped({{.*}}) {
    # CPP: if (step_0 > 0 && step_0 <= INT64_MAX - stop_0 && start_0 >= 0 && stop_0 <= v_a.shape[0]) {
    s = 0.0
    for i in range(0, n, 2):
        s += float(a[i])
    return s


@accelerate
def stencil(u: f64[:, :], v: f64[:, :], n: int) -> None:
    # neighbours i - 1, i + 1, j - 1, j + 1 are the index offset by a constant: the guards check
    # them once, the fast copy reads every neighbour unchecked and adds without overflow checks;
    # the loop walks the last axis of u and v, whose strides the guards check are 1 (the copy
    # vectorizes), where a[i, i] (codegen/arrays.py's trace) gets no such guard
    # VERSION-LABEL: def @stencil
    # VERSION: fast when 0 <= %i + -1 < %u.shape[0], 0 <= start and stop <= %u.shape[1], %u.strides[1] == 1, 0 <= %i + 1 < %u.shape[0], 0 <= %i < %u.shape[0], 0 <= start + -1 and stop + -1 <= %u.shape[1], 0 <= start + 1 and stop + 1 <= %u.shape[1], 0 <= %i < %v.shape[0], 0 <= start and stop <= %v.shape[1], %v.strides[1] == 1, writable(%v):
    # CPP-LABEL: static {{.*}} f4_stencil({{.*}}) {
    # CPP: if (static_cast<std::uint64_t>(v_i) + static_cast<std::uint64_t>(INT64_C(-1)) < static_cast<std::uint64_t>(v_u.shape[0]) {{.*}} start_{{[0-9]+}} >= INT64_C(1) && stop_{{[0-9]+}} <= v_u.shape[1] - INT64_C(-1)
    # CPP: v_u.template get_m<0x80000003u>((v_i - INT64_C(1)), v_j)
    # CPP: v_u.template get_m<0x80000003u>(v_i, (v_j + INT64_C(1)))
    # CPP: } else {
    # CPP: v_u.get(pyrite::sub(v_i, INT64_C(1)), v_j)
    # its four reads of u make it a stencil: C++ unrolls it twice, both copies
    # ITER-LABEL: def @stencil
    # ITER: for %i in range
    # ITER-NEXT: unrolled by 2
    # ITER-NEXT: for %j in range
    # CPP: #pragma GCC unroll 2
    # CPP-NEXT: for (pyrite::i64 i_{{[0-9]+}} = start_{{[0-9]+}}; i_{{[0-9]+}} < stop_{{[0-9]+}}; ++i_{{[0-9]+}}) {
    for i in range(1, n - 1):
        for j in range(1, n - 1):
            v[i, j] = u[i - 1, j] + u[i + 1, j] + u[i, j - 1] + u[i, j + 1]


@accelerate
def relax(d: f64[:, :], k: int, n: int) -> None:
    # three reads of d: no stencil, not unrolled (Floyd-Warshall's step ran 5% slower so)
    # ITER-LABEL: def @relax
    # ITER-NOT: unrolled
    # ITER: def @
    # CPP-LABEL: f{{[0-9]+}}_relax(
    # CPP-NOT: #pragma GCC unroll
    # CPP: return
    for i in range(n):
        for j in range(n):
            d[i, j] = min(d[i, j], d[i, k] + d[k, j])


# A list assigned in the body and then read at constant indexes: what follows it runs in an
# `if len(b) > 2` whose copy reads b unchecked, the checked statements in its else
# VERSION-LABEL: def @pair_sums(
# VERSION: fast when
# VERSION: %b = (index %rows:list[list[float]] %j:int unchecked=1):list[float]
# VERSION-NEXT: if (compare (intrinsic len %b:list[float]):int gt 2:int):bool:
# VERSION-NEXT: %total = (add %total:float (add (mul (index %b:list[float] 0:int unchecked=1):float (index %b:list[float] 2:int unchecked=1):float):float (index %b:list[float] 1:int unchecked=1):float):float):float
# VERSION-NEXT: else:
# VERSION-NEXT: %total = (add %total:float (add (mul (index %b:list[float] 0:int):float (index %b:list[float] 2:int):float):float (index %b:list[float] 1:int):float):float):float
@accelerate
def pair_sums(rows: list[list[float]]) -> float:
    total = 0.0
    for j in range(len(rows)):
        b = rows[j]
        total += b[0] * b[2] + b[1]
    return total


# A loop of versioned loops takes over their guards where they stay true while it runs: the
# inner range(d)'s bounds (a local it does not bind), x[j, k]'s j (its own variable: its range)
# and its own store out[i, j]; its copy runs the inner loop's copy with no guard of its own (only
# the interrupts pass's test for a range of one chunk, which runs without the chunks). A
# bound the outer loop binds (range(m) after m = ...) keeps the guards inside. The nest's copy is
# marked the expected one (PYRITE_LIKELY: GCC keeps its inner loop's pointers in registers); an
# innermost loop's copy is not (stencil above, ranges.py: there the mark cost registers).
# VERSION-LABEL: def @distances(
# VERSION: for %j in range(0:int, %n:int):
# VERSION: fast when 0 <= %i < %x.shape[0], 0 <= 0 and %d <= %x.shape[1], %x.strides[1] == 1, 0 <= start and stop <= %x.shape[0], 0 <= %i < %out.shape[0], 0 <= start and stop <= %out.shape[1], %out.strides[1] == 1, writable(%out):
# VERSION-NEXT: %s = 0.0:numpy.float64
# VERSION-NEXT: for %k in range(0:int, %d:int):
# VERSION-NEXT: %t = (sub (index %x:f64[:, :] (tuple %i:int %k:int):tuple[int, int] unchecked=3 unit-stride)
# CPP-LABEL: static {{.*}} f{{[0-9]+}}_distances({{.*}}) {
# CPP: if (PYRITE_LIKELY(static_cast<std::uint64_t>(v_i) < static_cast<std::uint64_t>(v_x.shape[0]) && INT64_C(0) >= INT64_C(0) && v_d <= v_x.shape[1] - INT64_C(0) && v_x.strides[1] == 1 && start_{{[0-9]+}} >= 0 && stop_{{[0-9]+}} <= v_x.shape[0]
# CPP: pyrite::check_interrupt();
# CPP: if (PYRITE_LIKELY(static_cast<std::uint64_t>(last_{{[0-9]+}}) - static_cast<std::uint64_t>(first_{{[0-9]+}}) <= pyrite::kChunk)) {
# CPP-NOT: if (
# CPP: v_x.template get_m<0x80000003u>(v_i, v_k)
# CPP: } else {
# VERSION-LABEL: def @rebound(
# VERSION: for %j in range(0:int, %n:int):
# VERSION-NOT: fast when
# VERSION: for %k in range(0:int, %m:int):
# VERSION: fast when 0 <= %j < %x.shape[0], 0 <= start and stop <= %x.shape[1], %x.strides[1] == 1:
@accelerate
def distances(x: f64[:, :], out: f64[:, :], i: int, n: int, d: int) -> None:
    for j in range(n):
        s = 0.0
        for k in range(d):
            t = x[i, k] - x[j, k]
            s += t * t
        out[i, j] = s


@accelerate
def rebound(x: f64[:, :], n: int) -> float:
    s = 0.0
    for j in range(n):
        m = j + 1
        for k in range(m):
            s += x[j, k]
    return s


# An escape-time while loop (a few int and float assignments, ifs, breaks) is unrolled: a for
# loop GCC unrolls by 4, the test at the head of each copy. One that calls is not.
# ITER-LABEL: def @escape(
# ITER: unrolled by 4
# ITER-NEXT: while (and
# ITER-LABEL: def @calls(
# ITER: while
# ITER-NOT: unrolled
# ITER: return
# CPP-LABEL: static {{.*}} f{{[0-9]+}}_escape({{.*}}) {
# CPP: #pragma GCC unroll 4
# CPP-NEXT: for (bool go_[[L:[0-9]+]] = true; go_[[L]];) {
# CPP-NEXT: if (!((v_k < v_n) && {{.*}})) break;
# CPP-NEXT: pyrite::check_interrupt();
@accelerate
def escape(x: float, y: float, n: int) -> int:
    k = 0
    while k < n and x * x + y * y < 4.0:
        x, y = x * x - y * y - 0.8, 2.0 * x * y + 0.156
        if x > 100.0:
            break
        k += 1
    return k


@accelerate
def calls(x: float, n: int) -> int:
    k = 0
    while k < n and abs(x) < 4.0:
        x = x * x - 0.5
        k += 1
    return k


# product() of ranges: nested range loops (nest_products), each range's bounds in a local made
# before the first item (the body rebinds n: the ranges keep theirs), the unpacked names reading
# the loops' variables (int-ranges then bounds x * y); a break keeps product's own iterator
# ITER-LABEL: def @grid(
# ITER: %$bound{{[0-9]+}} = %n:int
# ITER-NEXT: for %$item[[A:[0-9]+]] in range(0:int, %$bound{{[0-9]+}}:int):
# ITER-NEXT: for %$item[[B:[0-9]+]] in range(0:int, %$bound{{[0-9]+}}:int):
# ITER-NEXT: %x = %$item[[A]]:int
# ITER-NEXT: %y = %$item[[B]]:int
# ITER: for %q in (intrinsic itertools.product
@accelerate
def grid(n: int) -> int:
    from itertools import product
    t = 0
    for x, y in product(range(n), repeat=2):
        t += x * y
        n = 0
    for q in product(range(3), range(4)):
        if q[0] > q[1]:
            break
        t += q[0]
    return t
