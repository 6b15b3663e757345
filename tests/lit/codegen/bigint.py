# An int beyond 64 bits (README: Python's int): compiled code raises pyrite's `limit` error,
# which no handler takes and no finally runs for (codegen/emit_try.cpp); the glue runs the call
# again in CPython when nothing the caller sees happened first (templates/module.cpp.j2): the
# counters are read at the start (and random generators drawn from are put back: UndoScope), an argument too big for 64 bits is a run again too, and a
# function given a NumPy array never runs again. A constant beyond 64 bits is the builtin that
# raises the error where it is evaluated. A product (or a sum of products) that only a % or //
# reads is computed in 128 bits (opt/wide.cpp), so (h * base + x) % m never leaves compiled code.
# RUN: %pyrite ir %s --print-after wide-ints | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate, i64

MASK = 2 ** 64 - 1

# the glue comes first in the C++
# CPP-LABEL: PyObject* py_f0_kept(
# CPP: const pyrite::CallCounters seen = pyrite::call_counters;
# CPP-NEXT: pyrite::UndoScope undo;
# CPP: return pyrite::call_counters.big_ints != seen.big_ints && interpreted[0]
# CPP-NEXT: ? (undo.restore(), pyrite::capi::rerun(interpreted[0], &reruns[0], args, nargs, kwnames)) : nullptr;
# CPP: if (PYRITE_UNLIKELY(raised.limit)) {
# CPP-NEXT: if (pyrite::call_counters.effects == seen.effects && interpreted[0]) {
# CPP-NEXT: undo.restore();
# CPP-NEXT: return pyrite::capi::rerun(interpreted[0], &reruns[0], args, nargs, kwnames, &undo);
# CPP-NEXT: }
# CPP-NEXT: if (!boundary.write_back()) return nullptr;
# CPP-NEXT: return pyrite::capi::int_limit_error(raised, interpreted[0] ? pyrite::capi::NoRerun::Effects
# CPP-LABEL: PyObject* py_f1_scaled(
# CPP-NOT: seen
# CPP: if (PYRITE_UNLIKELY(raised.limit)) {
# CPP-NEXT: if (!boundary.write_back()) return nullptr;
# CPP-NEXT: return pyrite::capi::int_limit_error(raised, pyrite::capi::NoRerun::Arrays
# a function that prints keeps the GIL, so its scope keeps what it printed, for the run again to replay
# CPP-LABEL: PyObject* py_f3_table(
# CPP: pyrite::UndoScope undo;
# CPP-NOT: PyEval_SaveThread
# CPP: undo.restore();
# CPP-NEXT: return pyrite::capi::rerun(interpreted[3], &reruns[3], args, nargs, kwnames, &undo);


@accelerate
def kept(n: int, log: list[int]) -> int:
    # CPP-LABEL: static pyrite::i64 f0_kept({{.*}}) {
    # CPP: int_beyond_64()
    # CPP: } catch (pyrite::Error& error) {
    # CPP-NEXT: if (error.limit) throw;
    try:
        log.append(n)
        return n & MASK
    finally:
        log.append(0)


@accelerate
def scaled(a: i64[:], k: int) -> int:
    return int(a[0]) * k


@accelerate
def poly_hash(xs: list[int], base: int, m: int) -> int:
    # IR-LABEL: def @poly_hash
    # IR: (mod (add.wide (mul.wide %h:int %base:int):int %x:int):int %m:int):int
    # IR: return (floordiv (mul.wide %h:int %h:int):int 2:int):int
    # CPP-LABEL: static pyrite::i64 f2_poly_hash({{.*}}) {
    # CPP: pyrite::mod(pyrite::wide_add(pyrite::wide_mul(v_h, v_base), v_x), v_m)
    # CPP: pyrite::floordiv(pyrite::wide_mul(v_h, v_h), INT64_C(2))
    h = 0
    for x in xs:
        h = (h * base + x) % m
    return (h * h) // 2


@accelerate
def table(n: int) -> int:
    f = 1
    for i in range(1, n + 1):
        f *= i
        print(i, f)
    return f
