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


# GLUE-LABEL: PyObject* py_f0_loops(
# loops run without the GIL
# GLUE: PyEval_SaveThread()
# GLUE: result = entry_f0_loops(arg0, arg1);
# GLUE: PyEval_RestoreThread(thread);
