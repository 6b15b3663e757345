"""set[T]: displays, methods, operators, iteration order, mutation while iterating and the boundary.

A set's iteration order is visible to Python code, and pyrite's sets are CPython's
own table algorithm: every result here is compared in iteration order (difftest.same),
including sets built by long random sequences of adds and discards, and sets that
cross the boundary with deleted slots in them.
"""
import random

import pytest

from difftest import check, check_all
from pyrite import accelerate

INT_SETS = [set(), {1}, {3, 1, 2}, {8, 16, 24, 0, -8}, set(range(0, 200, 7)), {2 ** 61 - 1, 2 ** 61, -1, -2}]
STR_SETS = [set(), {"a"}, {"b", "a", "é", "🎉"}, {f"w{i}" for i in range(30)}]


@accelerate
def to_list(s: set[int]) -> list[int]:
    return list(s)


@accelerate
def build(xs: list[int]) -> list[int]:
    s = set()
    for x in xs:
        s.add(x)
    return list(s)


@accelerate
def build_str(xs: list[str]) -> set[str]:
    return set(xs)


@accelerate
def ops_script(xs: list[int], drop: list[int]) -> list[int]:
    s: set[int] = set()
    for x in xs:
        s.add(x)
    for d in drop:
        s.discard(d)
    for x in xs[:5]:
        s.add(x + 1000)
    return [x for x in s]


@accelerate
def operators(a: set[int], b: set[int]) -> tuple[set[int], set[int], set[int], set[int], bool, bool, bool, bool]:
    return a | b, a & b, a - b, a ^ b, a <= b, a < b, a == b, a >= b


@accelerate
def methods(a: set[int], b: set[int]) -> tuple[set[int], set[int], set[int], set[int], bool, bool, bool]:
    return a.union(b), a.intersection(b), a.difference(b), a.symmetric_difference(b), a.issubset(b), a.issuperset(b), a.isdisjoint(b)


@accelerate
def inplace(a: set[int], b: set[int], k: int) -> set[int]:
    c = a.copy()
    if k == 0:
        c |= b
    elif k == 1:
        c &= b
    elif k == 2:
        c -= b
    else:
        c ^= b
    a.update(b)
    return c


@accelerate
def update_methods(a: set[int], b: set[int]) -> list[set[int]]:
    x = a.copy()
    x.intersection_update(b)
    y = a.copy()
    y.difference_update(b)
    z = a.copy()
    z.symmetric_difference_update(b)
    return [x, y, z]


@accelerate
def remove_pop(s: set[int], k: int) -> tuple[int, int, set[int]]:
    s.remove(k)
    first = s.pop()
    return first, len(s), s


@accelerate
def grow_while_iterating(s: set[int]) -> int:
    n = 0
    for x in s:
        s.add(x + 100)
        n += 1
    return n


@accelerate
def membership(s: set[str], words: list[str]) -> list[bool]:
    return [w in s for w in words]


@accelerate
def comprehension(xs: list[int]) -> set[int]:
    return {x % 10 for x in xs}


@accelerate
def float_items(s: set[float], k: int) -> tuple[bool, list[float]]:
    return k in s, sorted(s)


@accelerate
def aggregate(s: set[int]) -> tuple[int, int, int, list[int]]:
    return len(s), sum(s), max(s), sorted(s, reverse=True)


@accelerate
def tuple_items(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return list(set(points))


@accelerate
def mutate_arg(s: set[int], xs: list[int]) -> None:
    for x in xs:
        if x in s:
            s.discard(x)
        else:
            s.add(x)


def test_iteration_order():
    for s in INT_SETS:
        check(to_list, s)
    check(build, [5, 13, 21, 29, 37, 45, 53, 61, -3, 2 ** 40, 0])
    check(build_str, ["pear", "apple", "é", "🐍", "pear", ""])
    check(build_str, [f"{rng_word}{i}" for i, rng_word in enumerate(["k", "é", "日"] * 70)])  # CPython's str hashes
    rng = random.Random(7)
    for n in [5, 20, 100, 600]:
        xs = [rng.randrange(-50, 5000) * rng.choice([1, 8, 64]) for _ in range(n)]
        drop = rng.sample(xs, len(xs) // 3)
        check(ops_script, xs, drop)


def test_operators_and_methods():
    for a in INT_SETS:
        for b in INT_SETS:
            check(operators, a, b)
            check(methods, a, b)
            check(update_methods, a, b)
    for k in range(4):
        check_all(inplace, INT_SETS[2:4], INT_SETS[1:4], [k])


def test_remove_pop_and_errors():
    check_all(remove_pop, [{1, 2, 3}, {5}, {9, 17, 25}], [1, 5, 17, 4])
    check(grow_while_iterating, {1, 2})
    check(grow_while_iterating, set())


def test_programs():
    check_all(membership, STR_SETS, [["a", "é", "zz", ""]])
    check(comprehension, list(range(-15, 40, 3)))
    check_all(float_items, [{1.0, 2.5, -0.0}, set()], [1, 0])
    check_all(aggregate, [s for s in INT_SETS if s])
    check(aggregate, set())
    check(tuple_items, [(1, 2), (3, 4), (1, 2), (-1, 0)])


def test_boundary_layout():
    # a set with deleted slots keeps its layout (and its order) through the call and back
    s = set(range(40))
    for x in range(0, 40, 3):
        s.discard(x)
    check(to_list, s)
    check(mutate_arg, s, [1, 2, 100, 200, 5, 41])
    check(mutate_arg, {8, 16}, list(range(0, 300, 8)))
    with pytest.raises(TypeError, match=r"to_list\(\) argument 's' \(a key\) must be int, not str"):
        to_list({"a"})
    with pytest.raises(TypeError, match=r"argument 's' must be set, not frozenset"):
        to_list(frozenset())


@accelerate
def set_of_dict(d: dict[int, int]) -> tuple[list[int], list[int]]:
    # set(d) sizes its table for every key first (CPython's set_update_internal); set(d.keys()) adds one by one
    return list(set(d)), list(set(d.keys()))


@accelerate
def set_of_str_dict(d: dict[str, int], probes: list[str]) -> tuple[list[str], list[bool], int]:
    # a dict probes a str by a hash of its own (str.hpp's dict_hash), a set by hash(): set(d) once
    # took the dict's, and "a" in set({"a": 1}) was False
    s = set(d)
    s.add("added")
    s.discard(probes[0])
    return list(s), [p in s for p in probes], len(s)


def test_set_of_dict_order():
    rng = random.Random(11)
    for n in [3, 10, 40, 200]:
        keys = [rng.randrange(0, 10_000) * rng.choice([1, 32, 1024]) for _ in range(n)]
        check(set_of_dict, {k: 1 for k in keys})
    words = {w: i for i, w in enumerate(["a", "b", "é", "", "🎉", "a" * 40, "added", "k1", "k10"])}
    check_all(set_of_str_dict, [words, {}], [["a", "🎉", "zz", "", "added"], ["k10", "b"]])


@accelerate
def constant_displays(x: int) -> tuple[list[int], list[int], list[int], list[int]]:
    # CPython folds a display of constants into a frozenset constant (rebuilt once when the compiler
    # merges constants); as a value it updates an empty set from it, as a loop's iterable it is it
    a = list({296, 1472, 40, 38, 960, 280, 768, 2176, 200, 112, 2112, 47})
    b = [y for y in {296, 1472, 40, 38, 960, 280, 768, 2176, 200, 112, 2112, 47}]
    c = list({0, 64, 128, 8, 72, x})  # not all constants: added in order
    d = [y for _, y in enumerate({41, 23, 47, 232, 23, 15})]  # an argument: a value, not the frozenset
    e = [y for y in {41, 23, 47, 232, 23, 15}]  # ... whose order differs here
    return a, b, c, d + e


def test_constant_displays_iterate_as_cpython_compiles_them():
    check_all(constant_displays, [0, 64, 5])


@accelerate
def with_iterables(a: list[int], b: list[int], words: list[str]):
    # a set's methods given a list, a tuple, a str or a generator: read item by item in CPython's
    # order (update, union, intersection, difference and their _update forms), or made a set
    # first (symmetric_difference, issubset, issuperset, isdisjoint), as setobject.c does
    s = set(a)
    t = set(a)
    t.update(b)
    u = set(a)
    u.difference_update(x * 2 for x in b)
    v = set(a)
    v.intersection_update(tuple(b))
    w = set(a)
    w.symmetric_difference_update(b)
    letters = set("hello")
    letters.update("world")
    return (list(s.union(b)), list(s.intersection(b)), list(s.difference(b)), list(s.symmetric_difference(b)),
            s.issubset(b), s.issuperset(x for x in b), s.isdisjoint(b), list(t), list(u), list(v), list(w),
            sorted(letters), list(set(words).union(w.upper() for w in words)))


def test_set_methods_take_iterables():
    # values whose hashes collide in a small table (multiples of 8, 32): the order items end up in
    # depends on the order they were added, which must be CPython's
    for a, b in (([], []), ([1, 2, 3], [3, 4]), ([8, 16, 24, 32], [40, 8, 48, 0, 64]), (list(range(0, 320, 32)), list(range(16, 400, 16))),
                 ([5, 5, 1], [1, 1, 9, 9])):
        check(with_iterables, a, b, ["ab", "cd", "AB"])
