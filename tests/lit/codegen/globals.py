# A module's list, dict or set global is one ir::Global, typed by its module's annotation or its
# value; compiled code reads a module variable, which the glue fills from the module at each call
# (an argument's conversion, written back if changed) and restores after it. A module that has
# one keeps the GIL for its calls (one copy per global).
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate

DIRS = [(0, 1), (1, 0)]
SEEN: set[int] = set()

# IR: global globals.DIRS: list[tuple[int, int]]
# IR: global globals.SEEN: set[int]
# IR: def @walk(%n: int) -> int:
# IR: (global @DIRS):list[tuple[int, int]]
# IR: (method add (global @SEEN):set[int] %n:int):None


@accelerate
def walk(n: int) -> int:
    total = 0
    for dx, dy in DIRS:
        total += dx * n + dy
    SEEN.add(n)
    return total


# CHECK: inline pyrite::List<std::tuple<pyrite::i64, pyrite::i64>> pyrite_global_0{};
# CHECK: inline pyrite::Set<pyrite::i64> pyrite_global_1{};
# CHECK: PyObject* py_{{.*}}walk(
# CHECK: pyrite::capi::GlobalSlot<pyrite::List<std::tuple<pyrite::i64, pyrite::i64>>> global0(&pyrite_global_0);
# CHECK-NEXT: if (!pyrite::capi::load_global("globals", &pyrite_global_0, {.func = "walk", .param = "DIRS", .boundary = &boundary, .global = true}))
# CHECK-NOT: PyEval_SaveThread
# CHECK: boundary.write_back()
# CHECK: pyrite::iter_fixed(pyrite_global_0)
# CHECK: pyrite_global_1.add(v_n)
