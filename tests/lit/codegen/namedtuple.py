# A typing.NamedTuple's instances are tuples whose C++ type names the class (pyrite::Named, so
# repr() and the boundary know it): a field is an item (get), Point(...) calls the class's
# __new__ (its defaults filled in by the call), p._replace(y=k) holds p once and makes a new
# tuple of its other items; a method takes the tuple by value.
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from typing import NamedTuple

from pyrite import accelerate


# IR: class Point (NamedTuple):
# IR-NEXT:   field x: float
# IR-NEXT:   field y: float = 0.0:float
class Point(NamedTuple):
    x: float
    y: float = 0.0

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y


@accelerate
def f(p: Point, k: float) -> Point:
    q = Point(k) if p.x > 0 else p._replace(y=k)
    return Point(q.x + p[1], y=q.norm2())

# IR-LABEL: def @f(%p: Point, %k: float) -> Point:
# IR: (compare (get %p:Point 0):float gt 0:int):bool (call @Point.__new__ %k:float):Point
# IR-SAME: (block %$[[R:[0-9]+]] {  %$[[T:[0-9]+]] = %p:Point;   %$[[R]] = (tuple-named (get %$[[T]]:Point 0):float %k:float):Point }):Point
# IR: return (call @Point.__new__ (add (get %q:Point 0):float (index %p:Point 1:int):float):float y=(call @Point.norm2 %q:Point):float):Point
# IR-LABEL: def @Point.__new__(%x: float, %y: float) -> Point:
# IR-NEXT: return (tuple-named %x:float %y:float):Point

# CHECK: struct c0_Point {
# CHECK:     static constexpr const char* fields[] = {"x", "y"};
# CHECK: static inline pyrite::Named<c0_Point, double, double> f0_f(pyrite::Named<c0_Point, double, double> v_p, double v_k);
# CHECK: pyrite::Named<c0_Point, double, double> arg0{};
# CHECK: return pyrite::Named<c0_Point, double, double>{v_x, v_y};
