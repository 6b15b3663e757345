# Lists: unboxed storage, one bounds check per index, an iterator that re-reads
# the length each step (as CPython's list iterator) unless the loop body cannot
# change any list's length, comprehensions as lambdas, element stores in a loop
# marked once before it, and the copy-in/write-back boundary only for functions
# that take or return lists.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


@accelerate
def total(xs: list[float]) -> float:
    # CHECK-LABEL: PyObject* py_f0_total(
    # CHECK: pyrite::capi::Boundary boundary;
    # CHECK: from_py(slots[0], &arg0, {"total", "xs", nullptr, -1, &boundary})
    # CHECK: if (!boundary.write_back()) return nullptr;
    # CHECK: return pyrite::capi::to_py(result, boundary);
    # CHECK-LABEL: PyObject* py_f1_squares(
    # CHECK-NOT: Boundary
    # CHECK-LABEL: PyObject* py_f2_grow(
    # CHECK-LABEL: static double f0_total(pyrite::List<double> v_xs) {
    # CHECK: auto it0_0 = pyrite::iter_fixed(v_xs);
    # CHECK-NEXT: double x0_0{};
    # CHECK-NEXT: while (it0_0.next(x0_0)) {
    # CHECK-NEXT: v_x = x0_0;
    t = 0.0
    for x in xs:
        t += x
    return t


@accelerate
def squares(n: int) -> int:
    # CHECK-LABEL: static pyrite::i64 f1_squares(pyrite::i64 v_n) {
    # CHECK: [&]() -> pyrite::List<pyrite::i64> {
    # CHECK: = pyrite::List<pyrite::i64>::make();
    # CHECK: .append(pyrite::mul(v_i
    # CHECK: .get(INT64_C(-1))
    ys = [i * i for i in range(n)]
    return ys[-1]


@accelerate
def grow(xs: list[int]) -> int:
    # CHECK-LABEL: static pyrite::i64 f2_grow(pyrite::List<pyrite::i64> v_xs) {
    # CHECK: auto it0_0 = pyrite::iter(v_xs);
    # CHECK: v_xs.append(
    n = 0
    for x in xs:
        if x > 0 and n < 3:
            xs.append(-x)
        n += 1
    return n


@accelerate
def clear_evens(flags: list[bool]) -> None:
    # CHECK-LABEL: static pyrite::none_t f3_clear_evens(pyrite::List<bool> v_flags) {
    # CHECK: v_flags.mark_changed();
    # CHECK: for (
    # CHECK: v_flags.set_unmarked(v_j, value)
    for j in range(0, len(flags), 2):
        flags[j] = False


@accelerate
def made_lists(n: int, xs: list[int]) -> int:
    # list() and sorted() of a list no name holds (a comprehension, a display) take it as it is;
    # of a list a name holds, a copy
    # CHECK-LABEL: static pyrite::i64 f4_made_lists(
    # CHECK: v_a = [&]() -> pyrite::List<pyrite::i64> {
    # CHECK: return t_{{[0-9]+}};
    # CHECK-NEXT: }();
    # CHECK: v_b = pyrite::builtins::sorted_in_place([&]() -> pyrite::List<pyrite::i64> {
    # CHECK: }(), false);
    # CHECK: v_c = v_xs.copy();
    # CHECK: v_d = pyrite::builtins::sorted_in_place(v_xs.copy(), false);
    a = list(range(n))
    b = sorted([n - i for i in range(n)])
    c = list(xs)
    d = sorted(xs)
    a.append(1)
    c.append(2)
    return len(a) + b[0] + len(c) + d[0]
