# An Enum's member is its position in the class (pyrite::Member of the class's struct): naming one
# is a constant, Color(v) looks it up by value (of_value: CPython's ValueError when none has it),
# and == and `is` compare positions; the struct holds the names and values and binds the user's
# class and its member objects at load (what crosses the boundary).
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from enum import Enum, IntEnum

from pyrite import accelerate


# IR: class Color (Enum):
# IR-NEXT:   field RED: int = 1:int
# IR-NEXT:   field GREEN: int = 2:int
class Color(Enum):
    RED = 1
    GREEN = 2


@accelerate
def f(c: Color, v: int) -> bool:
    return c is Color.GREEN or Color(v) == c

# IR-LABEL: def @f(%c: Color, %v: int) -> bool:
# IR-NEXT: return (or (compare %c:Color is (new Color #1):Color):bool (compare (new Color %v:int):Color eq %c:Color):bool):bool

# CHECK: struct c0_Color {
# CHECK:     static constexpr const char* names[] = {"RED", "GREEN"};
# CHECK:     static Value value(int i) {
# CHECK-NEXT:    switch (i) {
# CHECK-NEXT:        case 0: return INT64_C(1);
# CHECK-NEXT:        case 1: return INT64_C(2);
# CHECK: struct c1_Op {
# CHECK:     static constexpr bool mixin = true;
# CHECK-NEXT: static constexpr bool text_is_value = true;
# CHECK: static bool f0_f(pyrite::Member<c0_Color> v_c, pyrite::i64 v_v) {
# CHECK: return (v_c == pyrite::Member<c0_Color>{1}) || (c0_Color::of_value(v_v) == v_c);


# An IntEnum's member is its value where Python uses it as an int (typeinfer's as_value: the
# member's .value), and a member elsewhere: `is`, == between members, a container of members
class Op(IntEnum):
    HALT = 0
    PUSH = 1


START = Op.PUSH


@accelerate
def g(code: list[int], o: Op) -> tuple[bool, bool, int, bool]:
    return code[0] == Op.PUSH, o is START, code[o] + 1, o in (Op.HALT,)

# IR-LABEL: def @g(%code: list[int], %o: Op) -> tuple[bool, bool, int, bool]:
# IR-NEXT: return (tuple (compare (index %code:list[int] 0:int):int eq (attr (new Op #1):Op value):int):bool (compare %o:Op is (new Op #1):Op):bool (add (index %code:list[int] (attr %o:Op value):int):int 1:int):int (compare %o:Op in (tuple (new Op #0):Op):tuple[Op]):bool):tuple[bool, bool, int, bool]

# CHECK: pyrite::add(v_code.get(pyrite::member_value(v_o)), INT64_C(1))
