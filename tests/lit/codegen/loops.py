# range() loops: a plain counted loop for unit steps, an overflow-safe count otherwise.
# RUN: %pyrite cpp %s | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=GLUE
from pyrite import accelerate


@accelerate
def loops(n: int, s: int) -> int:
    t = 0
    # CHECK: for (pyrite::i64 i_0 = start_0; i_0 < stop_0; ++i_0) {
    # CHECK-NEXT: v_i = i_0;
    for i in range(n):
        t += i
    # CHECK: for (pyrite::i64 n_1 = pyrite::range_len(start_1, stop_1, step_1); n_1 > 0;
    for j in range(n, 0, s):
        t += j
    # a loop with else and break jumps past the else block
    # CHECK: goto break_2;
    # CHECK: break_2:;
    for k in range(3):
        if k == n:
            break
    else:
        t = -t
    return t


@accelerate
def displays(n: int) -> int:
    t = 0
    # a loop over a tuple or list display steps through its items in an array on the stack
    # (iter.hpp's TupleItemsIter), made of the items evaluated in order; no list is made
    # CHECK-LABEL: static pyrite::i64 f1_displays(pyrite::i64 v_n) {
    # CHECK: auto it0_{{[0-9]+}} = pyrite::iter(std::tuple<std::tuple<pyrite::i64, pyrite::i64>, std::tuple<pyrite::i64, pyrite::i64>>{
    # CHECK: auto it0_{{[0-9]+}} = pyrite::TupleItemsIter<pyrite::i64, 3>{{[{][{]}}v_n, INT64_C(2), pyrite::add(v_n, INT64_C(1))}};
    # CHECK-NOT: List<pyrite::i64>::of
    # CHECK: return
    for a, b in ((n, 1), (1, n)):
        for c in [n, 2, n + 1]:
            t += a * c - b
    return t


# GLUE-LABEL: PyObject* py_f0_loops(
# loops run without the GIL
# GLUE: PyEval_SaveThread()
# GLUE: result = entry_f0_loops(arg0, arg1);
# GLUE: PyEval_RestoreThread(thread);
