# A class is a struct: fields are members at fixed offsets, reading one is a load, a store
# marks it for write-back; a class that can reach itself (Node.next) is Traced (its cycles are
# freed when the call ends), one that cannot (Point) is not; an instance parameter the
# function never assigns is a const reference; Body(...) allocates and runs __init__.
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from dataclasses import dataclass

from pyrite import accelerate


# IR: class Node:
# IR-NEXT:   field value: int
# IR-NEXT:   field next: Node | None
# IR-NEXT:   field tag: int ?
class Node:
    def __init__(self, value: int):
        self.value = value
        self.next: Node | None = None
        self.relabel(value)

    def relabel(self, v: int) -> None:
        self.tag = v  # assigned after a call that passes self: a read checks it is set


# IR: class Point (dataclass):
# IR-NEXT:   field x: float
# IR-NEXT:   field y: float = 0.0:float
@dataclass
class Point:
    x: float
    y: float = 0.0


# CHECK: struct c0_Node final : pyrite::Traced {
# CHECK: std::optional<pyrite::Ref<c0_Node>> m_next{};  // next
# CHECK: struct c1_Point final : pyrite::Instance {
# CHECK: double m_x{};  // x
# CHECK: double m_y{0.0};  // y
# instances are carved from chunks of their size (slab.hpp)
# CHECK: static void* operator new(std::size_t) { return pyrite::Slab<sizeof(c1_Point), alignof(c1_Point)>::alloc(); }
# CHECK: static void operator delete(void* p) { pyrite::Slab<sizeof(c1_Point), alignof(c1_Point)>::release(p); }
# CHECK-LABEL: static double f0_f(const pyrite::Ref<c1_Point>& v_p, const pyrite::Ref<c0_Node>& v_n) {
@accelerate
def f(p: Point, n: Node) -> float:
    # IR: %q = (new Point 1.0:float):Point
    # the instance is made when __init__ takes its self, after the arguments (instance.hpp's NewSelf)
    # CHECK: v_q = pyrite::construct<c1_Point>([&](pyrite::NewSelf<c1_Point>& pyrite_self) { (void)f{{[0-9]+}}___init__(pyrite_self, 1.0, 0.0); });
    q = Point(1.0)
    # CHECK: v_q->set_m_x((v_q->m_x + v_p->m_y));
    q.x += p.y
    # a narrowed field is read through a check (a wrong narrowing raises, never misbehaves)
    # IR: (attr (attr %n:Node next)!:Node value):int
    # CHECK: pyrite::unwrap(v_n->m_next, "next")->m_value
    if n.next is not None:
        return q.x + n.next.value
    # IR: (attr %n:Node tag)?:int
    # CHECK: v_n->get_m_tag()
    return q.x + n.tag
