# dict, set, str and T | None in generated C++: dict views iterated live (so a
# size change raises), str.split() in a loop never building its list, str
# literals made once, d[k] = d.get(k, 0) + 1 as two calls on one dict, set
# operators as CPython's set algorithms, and a narrowed T | None read checked.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


@accelerate
def count(text: str) -> dict[str, int]:
    # CHECK-LABEL: static pyrite::Dict<pyrite::Str, pyrite::i64> f0_count(pyrite::Str v_text) {
    # CHECK: auto it0_0 = pyrite::iter_split(v_text);
    # CHECK: while (it0_0.next(x0_0)) {
    # CHECK: .get_or(v_w, INT64_C(0))
    # CHECK: target.set(v_w, value);
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


@accelerate
def keys_and_values(d: dict[str, int]) -> int:
    # CHECK-LABEL: static pyrite::i64 f1_keys_and_values(
    # CHECK: auto it0_0 = pyrite::iter_items(v_d);
    # CHECK: std::tuple<pyrite::Str, pyrite::i64> x0_0{};
    total = 0
    for k, v in d.items():
        total += v + len(k)
    return total


@accelerate
def sets(a: set[int], b: set[int]) -> set[int]:
    # CHECK-LABEL: static pyrite::Set<pyrite::i64> f2_sets(
    # CHECK: v_a.union_(v_b)
    # CHECK: .intersection(
    # CHECK: pyrite::set_inplace(
    c = a | b
    d = c & b
    d -= a
    return d


@accelerate
def greet(name: str, n: int) -> str:
    # CHECK-LABEL: static pyrite::Str f3_greet(
    # CHECK: pyrite::builtins::format(v_n, PYRITE_STR("03d"))
    # CHECK: pyrite::join_parts(PYRITE_STR("hello "), o0, PYRITE_STR(" x"), o1)
    return f"hello {name} x{n:03d}"


@accelerate
def first_even(xs: list[int]) -> int:
    # CHECK-LABEL: static pyrite::i64 f4_first_even(
    # CHECK: std::optional<pyrite::i64> v_found{};
    # CHECK: if (!v_found.has_value()) {
    # CHECK: return pyrite::mul(pyrite::unwrap(v_found, "found"), INT64_C(10));
    found = None
    for x in xs:
        if x % 2 == 0:
            found = x
            break
    if found is None:
        return -1
    return found * 10
