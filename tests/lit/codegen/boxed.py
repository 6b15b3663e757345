# A dict whose values have several types holds each as itself, an `object` (pyrite::Boxed,
# runtime/include/pyrite/boxed.hpp): typeinfer types the display (or the dict its stores widen)
# dict[str, object], and codegen boxes each value where it is stored.
# RUN: %pyrite cpp %s | FileCheck %s
# RUN: %pyrite ir %s | FileCheck %s --check-prefix=IR
from pyrite import accelerate


@accelerate
def stats(n: int, name: str) -> dict:
    # IR-LABEL: def @stats
    # IR: -> dict[str, object]
    # CHECK-LABEL: static pyrite::Dict<pyrite::Str, pyrite::Boxed> f0_stats(pyrite::i64 v_n, pyrite::Str v_name) {
    # CHECK: pyrite::Boxed(v_n)
    # CHECK: pyrite::Boxed(v_name)
    # CHECK: pyrite::Boxed(pyrite::List<pyrite::i64>::of(
    return {"n": n, "name": name, "xs": [n, n]}


@accelerate
def learned(n: int) -> dict:
    # `d = {}` then stores of an int and a str: the stores widen it (ir/types.cpp's widen_items)
    # CHECK-LABEL: static pyrite::Dict<pyrite::Str, pyrite::Boxed> f1_learned(pyrite::i64 v_n) {
    # CHECK: pyrite::Boxed(v_n)
    # CHECK: pyrite::Boxed(PYRITE_STR("x"))
    d = {}
    d["n"] = n
    d["s"] = "x"
    return d
