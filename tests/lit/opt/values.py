# values: a class whose instances no code can tell from copies is a C++ value (a struct held by
# value, made with no allocation); any use that could tell (identity, a field stored outside
# __init__, the boundary, ==/hash/repr the runtime would do) keeps a class a reference.
# RUN: %pyrite ir %s --print-after values | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from dataclasses import dataclass
from typing import NamedTuple

from pyrite import accelerate


# IR-DAG: class Vec (value):
class Vec:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def __add__(self, o: "Vec") -> "Vec":
        return Vec(self.x + o.x, self.y + o.y)

    def dot(self, o: "Vec") -> float:
        return self.x * o.x + self.y * o.y


# IR-DAG: class Particle:{{$}}
class Particle:  # assigned outside __init__: a reference; it holds a Vec by value
    def __init__(self, pos: Vec):
        self.pos = pos

    def move(self, d: Vec) -> None:
        self.pos = self.pos + d


# IR-DAG: class Crossing:{{$}}
class Crossing:  # returned to Python
    def __init__(self, v: float):
        self.v = v


# IR-DAG: class Compared:{{$}}
class Compared:  # `is` between two instances
    def __init__(self, v: float):
        self.v = v


# IR-DAG: class Keyed:{{$}}
class Keyed:  # a dict key (hashed by identity)
    def __init__(self, v: float):
        self.v = v


# IR-DAG: class Escapes:{{$}}
class Escapes:  # __init__ hands self on before it is made
    def __init__(self, v: float, seen: list["Escapes"]):
        self.v = v
        seen.append(self)


# IR-DAG: class Tested:{{$}}
class Tested:  # a truth test by its __bool__ (without one, an instance is true, as is a copy)
    def __init__(self, v: float):
        self.v = v

    def __bool__(self) -> bool:
        return self.v != 0.0


# IR-DAG: class Equal (dataclass):{{$}}
@dataclass
class Equal:  # == of a dataclass holding a float: CPython's tuple == tries identity first (nan)
    v: float


# IR-DAG: class Named:{{$}}
class Named:  # a field of a NamedTuple, whose repr() reads it
    def __init__(self, v: float):
        self.v = v


class Holder(NamedTuple):
    n: Named


# IR-DAG: class Grid (dataclass, frozen) (value):
@dataclass(frozen=True)
class Grid:  # ints only: == and a dict key by fields give what identity would
    r: int
    c: int


# IR-DAG: class Frozen (dataclass, frozen) (value):
@dataclass(frozen=True)
class Frozen:
    v: float
    w: int = 0


# CHECK: struct c{{[0-9]+}}_Vec : pyrite::Value {
# CHECK-NEXT: double m_x{};  // x
# CHECK: struct c{{[0-9]+}}_Particle final : pyrite::Instance {
# CHECK-NEXT: std::uint8_t assigned = 0, dirty = 0;
# CHECK-NEXT: unsigned char order_[1] = {};
# CHECK-NEXT: unsigned char norder_ = 0;
# CHECK-NEXT: c{{[0-9]+}}_Vec m_pos{};  // pos
# CHECK-LABEL: static double f0_walk(pyrite::i64 v_n) {
# CHECK: c{{[0-9]+}}_Vec v_v{};  // v
@accelerate
def walk(n: int) -> float:
    v = Vec(0.0, 0.0)
    p = Particle(Vec(1.0, 1.0))
    hits: list[Frozen] = []
    for i in range(n):
        # CHECK: [&] { c{{[0-9]+}}_Vec pyrite_self; (void)f{{[0-9]+}}___init__(pyrite_self, 0.5, {{.*}}); return pyrite_self; }()
        v = v + Vec(0.5, float(i))
        p.move(v)
        hits.append(Frozen(v.x, i))
    hits.sort(key=lambda h: -h.v)
    c, d = Compared(1.0), Compared(1.0)
    k = {Keyed(1.0): 1}
    seen: list[Escapes] = []
    e = Escapes(2.0, seen)
    t = 1.0 if Tested(0.0) else 0.0
    q = 1.0 if Equal(1.0) == Equal(1.0) else 0.0
    q += Holder(Named(1.0)).n.v
    g = {Grid(1, 2): 1.0}
    q += g[Grid(1, 2)] + (Grid(0, 0) == Grid(0, 1))
    return v.dot(p.pos) + hits[0].v + (c is d) + len(k) + e.v + t + q


# CHECK-LABEL: f{{[0-9]+}}___init__(c{{[0-9]+}}_Vec& v_self, double v_x, double v_y)
@accelerate
def make(v: float) -> Crossing:
    return Crossing(v)
