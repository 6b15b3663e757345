# A module compiled at a call is compiled as two parts at once (pyrite/toolchain.py): the glue
# (PYRITE_PART 1: what Python calls, the classes' boundary members, and the members that read only
# fields: the destructor, whose key function puts the vtable there, a dataclass's == and repr) and
# the compiled functions (PYRITE_PART 2: the members that call them, such as a __repr__'s
# write_repr, and the bodies). Both see the declarations, in the module's own namespace. Every
# compiled function stays static (calls between them inline as before; one of at most a few
# statements is declared `static inline`, as a method defined in a C++ class body is, so GCC
# inlines it by its budget for inline functions); an entry point also
# gets an entry_ function, not static, which the glue calls from the other part. Compiled whole
# (pyrite compile), PYRITE_PART is 0: both parts.
# RUN: %pyrite cpp %s | FileCheck %s
from dataclasses import dataclass

from pyrite import accelerate


@dataclass
class Point:
    x: float
    y: float


class Tag:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return "Tag(" + self.name + ")"


def helper(p: Point) -> float:
    t = Tag("a")
    t.name += "!"  # assigned outside __init__: a class held by reference (no value class)
    return p.x * p.y + len(repr(t))


# CHECK: #ifndef PYRITE_PART
# CHECK-NEXT: #define PYRITE_PART 0
# CHECK: namespace [[NS:_pyrite_[0-9a-f]+]] {
# CHECK: struct c0_Point final : pyrite::Instance {
# CHECK-DAG: {{^}}static inline double f0_area(pyrite::List<pyrite::Ref<c0_Point>> v_ps);
# CHECK-DAG: {{^}}double entry_f0_area(pyrite::List<pyrite::Ref<c0_Point>> v_ps);
# CHECK-DAG: {{^}}static inline double f1_helper(const pyrite::Ref<c0_Point>& v_p);
# CHECK: }  // namespace [[NS]]

# CHECK: #if PYRITE_PART != 2
# CHECK: pyrite::Ref<c0_Point> c0_Point::make_for(PyTypeObject* t) {
# CHECK: bool c0_Point::load(c0_Point* self, PyObject* o, const pyrite::capi::Where& w) {
# CHECK: bool c0_Point::store(PyObject* o, c0_Point* self, pyrite::capi::Boundary& b, bool all) {
# CHECK: void c0_Point::bind(PyObject* cls) {
# CHECK: c0_Point::~c0_Point() = default;
# CHECK: bool c0_Point::eq(
# CHECK: void c0_Point::write_repr(
# CHECK: c1_Tag::~c1_Tag() = default;
# CHECK-NOT: c1_Tag::write_repr(
# CHECK: void c1_Tag::write_str(
# CHECK: PyObject* py_f0_area(
# CHECK: result = entry_f0_area(arg0);
# CHECK: PyMODINIT_FUNC PyInit_[[NS]](void) {
# CHECK-NEXT: using namespace [[NS]];
# CHECK: #endif  // PYRITE_PART != 2

# CHECK: #if PYRITE_PART != 1
# CHECK: namespace [[NS]] {
# CHECK-NOT: c0_Point::~c0_Point(
# CHECK-NOT: c0_Point::load(
# CHECK-NOT: c0_Point::eq(
# CHECK: void c1_Tag::write_repr(
# CHECK: {{^}}static double f0_area(pyrite::List<pyrite::Ref<c0_Point>> v_ps) {
# CHECK: {{^}}double entry_f0_area(pyrite::List<pyrite::Ref<c0_Point>> v_ps) {
# CHECK-NEXT: return f0_area(std::move(v_ps));
# CHECK: {{^}}static double f1_helper(const pyrite::Ref<c0_Point>& v_p) {
# CHECK: #endif  // PYRITE_PART != 1
@accelerate
def area(ps: list[Point]) -> float:
    total = 0.0
    for p in ps:
        total += helper(p)
    return total
