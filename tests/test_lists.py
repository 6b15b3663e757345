"""list[T]: displays, indexing, slicing, methods, builtins, loops, comprehensions and the boundary.

Every function runs compiled and interpreted on copies of the same arguments: results,
exceptions and what happened to the argument lists must agree (difftest.check).
"""
import gc
import resource
import sys
from dataclasses import dataclass

import pytest

import pyrite
from difftest import INT64_MAX, check, check_all, check_each, load_source
from pyrite import CompileError, accelerate

LISTS = [[], [0], [3, -1, 2], [5, 5, 1, 5], list(range(-4, 9)), [INT64_MAX, -1]]
FLISTS = [[], [0.5], [1.5, -2.0, float("inf")], [0.1] * 7, [-0.0], [2.0, float("nan"), 1.0]]
INDEXES = [0, 1, -1, 2, -3, 5, -20, 100]
BOUNDS = [None, 0, 1, -1, 3, -4, 10, -10]
STEPS = [None, 1, 2, -1, -2, 3, -5]


@accelerate
def index(xs: list[int], i: int) -> int:
    return xs[i]


@accelerate
def set_item(xs: list[int], i: int, v: int) -> list[int]:
    xs[i] = v
    return xs


@accelerate
def aug_item(xs: list[float], i: int) -> None:
    xs[i] += 1.5
    xs[i // 2] *= 2.0


@accelerate
def slice3(xs: list[int], a: int, b: int, c: int, ha: bool, hb: bool, hc: bool) -> list[int]:
    # every combination of omitted bounds, spelled out: slices take None only as a literal
    if ha and hb and hc:
        return xs[a:b:c]
    if ha and hb:
        return xs[a:b]
    if ha and hc:
        return xs[a::c]
    if hb and hc:
        return xs[:b:c]
    if ha:
        return xs[a:]
    if hb:
        return xs[:b]
    if hc:
        return xs[::c]
    return xs[:]


@accelerate
def slice_assign(xs: list[int], a: int, b: int, c: int, ys: list[int]) -> list[int]:
    if c == 1:
        xs[a:b] = ys
    else:
        xs[a:b:c] = ys
    return xs


@accelerate
def deletes(xs: list[int], i: int, a: int, b: int, c: int) -> list[int]:
    del xs[a:b:c]
    del xs[i]
    return xs


@accelerate
def methods(xs: list[int], v: int) -> tuple[int, int, int, list[int]]:
    ys = xs.copy()
    ys.append(v)
    ys.extend(xs)
    ys.insert(1, v)
    ys.insert(-100, -v)
    ys.insert(100, v + 1)
    n = ys.count(v)
    first = ys.index(v)
    ys.remove(v)
    last = ys.pop()
    ys.reverse()
    ys.sort()
    return n, first, last, ys


@accelerate
def pops(xs: list[int], i: int) -> tuple[int, list[int]]:
    v = xs.pop(i)
    return v, xs


@accelerate
def remove_index(xs: list[int], v: int) -> int:
    xs.remove(v)
    return xs.index(v)


@accelerate
def sorts(xs: list[float], rev: bool) -> list[float]:
    ys = sorted(xs, reverse=rev)
    xs.sort(reverse=not rev)
    return ys + xs


@accelerate
def reductions(xs: list[float]) -> tuple[float, float, float, int, bool, bool]:
    return sum(xs), min(xs), max(xs), len(xs), any(xs), all(xs)


@accelerate
def int_sums(xs: list[int]) -> tuple[int, float, int]:
    return sum(xs), sum(xs, 0.5), sum(xs, 10)


@accelerate
def loops(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t = t * 3 + x
    for i, x in enumerate(xs, 1):
        t += i * x
    for a, b in zip(xs, xs[1:]):
        t += a * b
    for x in reversed(xs):
        t -= x
    else:
        t += 1
    return t


@accelerate
def grow_while_iterating(n: int) -> list[int]:
    xs = [1]
    for x in xs:
        if len(xs) < n:
            xs.append(x * 2)
    return xs


@accelerate
def comprehensions(n: int) -> list[int]:
    squares = [i * i for i in range(n)]
    evens = [x for x in squares if x % 2 == 0 if x > 2]
    pairs = [a * 10 + b for a in range(n) for b in range(a) if (a + b) % 3 != 0]
    return evens + pairs + [len(squares)]


@accelerate
def generators(xs: list[int]) -> tuple[int, int, bool, bool, list[int]]:
    return (sum(x * x for x in xs), max(x - 1 for x in xs), any(x > 3 for x in xs),
            all(100 // x > 1 for x in xs), sorted(-x for x in xs))


@accelerate
def nested_any(xs: list[int]) -> bool:
    # stops at the first decisive item: 1 // 0 is never reached after it
    return any(1 // (x - y) > 5 for x in xs for y in xs if x != y or x > 100)


@accelerate
def membership(xs: list[int], v: int) -> tuple[bool, bool]:
    return v in xs, v not in xs


@accelerate
def compares(a: list[float], b: list[float]) -> tuple[bool, bool, bool, bool, bool, bool]:
    return a == b, a != b, a < b, a <= b, a > b, a >= b


@accelerate
def self_compare(xs: list[float]) -> tuple[bool, bool, bool, bool]:
    return xs == xs, xs != xs, xs < xs, xs <= xs


@accelerate
def operators(xs: list[int], n: int) -> list[int]:
    ys = xs * n + n * [7]
    zs = ys
    zs += xs
    zs *= 2
    return ys  # the same list as zs: += and *= changed it in place


@accelerate
def aliasing(xs: list[int], ys: list[int]) -> int:
    xs.append(1)
    return len(ys)


@accelerate
def nested(rows: list[list[float]]) -> list[float]:
    rows[0].append(9.0)
    rows.append([1.0])
    return [sum(r) for r in rows]


@accelerate
def raise_after_mutation(xs: list[int]) -> int:
    xs.append(42)
    return xs[100]


@accelerate
def empty_annotated() -> list[float]:
    out: list[float] = []
    return out


@accelerate
def truthiness(xs: list[int]) -> int:
    return 1 if xs else 0


def test_indexing():
    check_all(index, LISTS, INDEXES)
    check_all(set_item, LISTS, INDEXES, [7])
    check_all(aug_item, [[1.0, 2.0, 3.0], [0.5]], [0, -1, 2, 3])


def test_slicing():
    for xs in LISTS[:5]:
        for a in BOUNDS:
            for b in BOUNDS:
                for c in STEPS:
                    check(slice3, xs, a or 0, b or 0, c or 1, a is not None, b is not None, c is not None)
    check(slice3, [1, 2], 0, 0, 0, False, False, True)  # slice step cannot be zero


@accelerate
def slices_within(xs: list[int], k: int, shape: int) -> list[int]:
    # a slice of a list stored into the same list (opt/stores.cpp: copied within the list); shape 0 is
    # the pancake flip, reversed in place where 0 <= k < len(xs), its neighbours the general copy
    if shape == 0:
        xs[:k + 1] = xs[k::-1]
    elif shape == 1:
        xs[0:k + 1] = xs[k::-1]
    elif shape == 2:
        xs[:k + 2] = xs[k::-1]  # one item more: the list shrinks
    elif shape == 3:
        xs[:k] = xs[k::-1]  # one item fewer: the list grows
    elif shape == 4:
        xs[1:k + 1] = xs[k:0:-1]
    else:
        xs[:k + 1:1] = xs[k::-2]  # a step of 1 spelled out, the source every other item
    return xs


def test_slices_within_a_list():
    for shape in range(6):
        for n in (0, 1, 2, 5):
            check_each(slices_within, [(list(range(n)), k, shape) for k in range(-n - 2, n + 3)])
    check(slices_within, list(range(5)), INT64_MAX, 0)
    check(slices_within, list(range(5)), -INT64_MAX - 1, 0)


def test_slice_assign_and_del():
    for a, b, c in [(0, 2, 1), (1, 1, 1), (-2, 10, 1), (0, 5, 2), (4, 0, -2), (0, 3, 3), (0, 0, 0)]:
        for ys in ([], [9], [9, 8, 7]):
            check(slice_assign, list(range(6)), a, b, c, ys)
    for args in [(0, 0, 2, 1), (-1, 1, 5, 2), (0, 5, 0, -2), (3, 0, 10, 1), (0, 0, 0, 0), (10, 0, 1, 1)]:
        check(deletes, list(range(8)), *args)


def test_methods():
    check_all(methods, [[1, 2, 3], [4], [2, 2]], [2, -5])
    check_all(pops, LISTS, [0, -1, 3, 20])
    check_all(remove_index, [[1, 2, 1], [3]], [1, 3, 5])


def test_sort_and_reductions():
    check_all(sorts, [l for l in FLISTS if all(x == x for x in l)] + [[3.0, -1.0, 2.0, -1.0]], [True, False])
    check_all(reductions, FLISTS)
    check_all(int_sums, LISTS + [[INT64_MAX, 1]])


def test_sort_with_nan_refuses():
    with pytest.raises(ValueError, match="nan"):
        sorts([1.0, float("nan")], False)


def test_loops_and_comprehensions():
    check_all(loops, LISTS)
    check_all(grow_while_iterating, [0, 1, 5])
    check_all(comprehensions, [0, 1, 5, 9])
    check_all(generators, [[1, 2, 3], [4, 1], [-1, 50]])
    check_all(generators, [[]])  # max() arg is an empty sequence
    check_all(nested_any, [[1, 2], [3, 3], [0, 7], [1]])


def test_comparisons_and_operators():
    check_all(membership, LISTS, [0, 5, -1])
    for a in FLISTS[:5] + [[1.0, 2.0], [1.0, 3.0], [1.0, float("nan")]]:
        for b in [[], [1.0], [1.0, 2.0], [0.5, 9.0], [1.0, float("nan")]]:
            check(compares, a, b)
    check_all(operators, LISTS[:4], [0, 1, 2, -1])
    check_all(self_compare, FLISTS)  # a list is equal to itself even holding nan, as in CPython
    check_all(truthiness, LISTS)


def test_boundary_keeps_identity_and_aliasing():
    xs = [1, 2]
    assert set_item(xs, 0, 5) is xs and xs == [5, 2]
    xs = [1]
    assert aliasing(xs, xs) == 2 and xs == [1, 1]  # one list passed twice is one list
    inner = [1.0]
    rows = [inner, [2.0, 3.0]]
    assert nested(rows) == [10.0, 5.0, 1.0]
    assert rows[0] is inner and inner == [1.0, 9.0] and rows[2] == [1.0]
    check(nested, [[1.0], [2.0, 3.0]])
    # many nested lists (the boundary indexes its entries past 16), one of them shared
    shared = [0.5]
    many = [shared] + [[float(i)] for i in range(40)] + [shared]
    nested(many)
    assert many[0] is shared and many[-2] is shared and shared == [0.5, 9.0] and many[-1] == [1.0]


def test_mutation_is_kept_when_an_exception_follows():
    xs = [1]
    with pytest.raises(IndexError, match="list index out of range"):
        raise_after_mutation(xs)
    assert xs == [1, 42]


def test_bad_elements_name_the_position():
    with pytest.raises(TypeError, match=r"^index\(\) argument 'xs'\[2\] must be int, not str$"):
        index([1, 2, "3"], 0)
    with pytest.raises(TypeError, match=r"argument 'rows'\[1\]\[0\] must be float, not str"):
        nested([[1.0], ["x"]])
    with pytest.raises(TypeError, match=r"argument 'xs' must be list, not tuple"):
        index((1, 2), 0)


def test_empty_annotated_list():
    assert empty_annotated() == [] and type(empty_annotated()) is list


@pytest.mark.skipif(__import__("os").environ.get("PYRITE_SANITIZE") == "1",
                    reason="ASan holds freed memory in quarantine: RSS says nothing there")
def test_no_leak_across_many_calls():
    # a loose bound: 200k calls that pass and return lists must not grow the process
    xs = list(range(100))
    for _ in range(20_000):
        set_item(xs, 0, 1)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(200_000):
        set_item(xs, 0, 1)
        comprehensions(5)
    gc.collect()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 20_000, f"max RSS grew by {after - before} KiB"


def _compile_error(src, name):
    ns = {"accelerate": accelerate}
    exec(compile(src, f"<{name}>", "exec"), ns)
    return ns[name]


def test_diagnostics(tmp_path):
    mod = load_source(tmp_path, "bad_lists", (
        "from pyrite import accelerate\n"
        "@accelerate\n"
        "def unknown_elem() -> int:\n"
        "    xs = []\n"
        "    return len(xs)\n"
        "@accelerate\n"
        "def int_into_floats(xs: list[float]) -> None:\n"
        "    xs.append(1)\n"))
    with pytest.raises(CompileError, match=r"bad_lists.py:4:5: error: cannot infer the element type of the list 'xs'"):
        mod.unknown_elem()
    with pytest.raises(CompileError, match=r"bad_lists.py:8:15: error: cannot append a value of type 'int' to a "
                                           r"'list\[float\]'"):
        mod.int_into_floats([1.0])


def negate(x: int) -> int:
    return -x


@accelerate
def sort_keys(words: list[str], xs: list[int], target: int) -> tuple[list[str], list[str], list[int], list[int]]:
    a = sorted(words, key=len)                                 # a builtin as the key
    b = sorted(words, key=lambda w: (len(w), w), reverse=True)  # a tuple key, reversed, stable
    ys = xs[:]
    ys.sort(key=negate)                                         # a compiled function
    zs = sorted(xs, key=lambda x: abs(x - target))              # a lambda reading a local
    words.sort(key=lambda w: w[-1:], reverse=True)
    return a, b, ys, zs


@accelerate
def min_max_keys(words: list[str], xs: list[int]) -> tuple[str, str, int, int, int]:
    return (min(words, key=len), max(words, key=lambda w: w[-1:]), max(xs, default=-1),
            min(xs, key=abs, default=99), max(xs, key=lambda x: x % 3))


@accelerate
def sorted_other_iterables(d: dict[str, int], s: set[int], text: str) -> tuple[list[str], list[int], list[str]]:
    return sorted(d, key=lambda k: d[k]), sorted(s, key=lambda x: -x), sorted(text, reverse=True)


def test_key_functions():
    for words in [[], ["pear", "Fig", "apple", "kiwi", "b", "é", "ab"], ["x", "y", "x"]]:
        check_all(sort_keys, [words], [[3, -7, 2, 7, 0, -3], []], [0, 2])
        check_all(min_max_keys, [words], [[3, -7, 2, 7, 0, -3], []])
    check(sorted_other_iterables, {"a": 3, "b": 1, "c": 2}, {5, 1, 9}, "hello")


@accelerate
def stride_fill(n: int, start: int, step: int) -> list[bool]:
    # sieve-like stores in a stepped loop: its checks are decided before it when they can be
    flags = [True] * n
    for j in range(start, n, step):
        flags[j] = False
    for j in range(start, n + 2, step):
        flags[j] = not flags[j]
    return flags


def test_stepped_loops_over_lists():
    check_all(stride_fill, [0, 10], [0, 3, -2, 12], [1, 3, -1, 0, INT64_MAX])



@accelerate
def bool_repeats(b: bool, n: int) -> tuple[list[bool], list[bool], list[bool], int]:
    # [b] * n fills its bytes at once: the items read back as bools, equal to CPython's
    one = [b] * n
    two = [b, not b] * n
    grown = [not b]
    grown *= n
    return one, two, grown, sum(one) + 2 * len(two)


def test_bool_list_repeats():
    check_all(bool_repeats, [True, False], [-3, 0, 1, 2, 17, 4099])


@accelerate
def extend_with_others(xs: list[int], t: tuple[int, int], s: set[int], text: str) -> tuple[list[int], list[str]]:
    # list.extend() of a tuple, a set, a range, a dict, a str: their items in their order
    out = list(xs)
    out.extend(t)
    out.extend(s)
    out.extend(range(3))
    out.extend({7: "a", 5: "b"})
    chars: list[str] = []
    chars.extend(text)
    chars.extend(("x", "y"))
    return out, chars


def test_extend_with_other_iterables():
    check(extend_with_others, [1], (2, 3), {9, 4}, "hé!")
    check(extend_with_others, [], (0, 0), set(), "")


@accelerate
def index_within(xs: list[int], v: int, start: int, stop: int):
    # xs.index(v, start[, stop]): start and stop as a slice's; CPython's ValueError where v is not there
    return xs.index(v, start), xs.index(v, start, stop)


def test_index_with_start_and_stop():
    for start, stop in ((0, 99), (1, 3), (-2, 99), (-99, -1), (4, 2), (3, 4)):
        for v in (3, 7, 0):
            check(index_within, [3, 1, 3, 7, 3, 0], v, start, stop)


@accelerate
def pair_forces(rows: list[list[float]], log: list[int]) -> float:
    # opt/loops.cpp's split_after_list: rows[j] read at constant indexes after it is assigned
    # runs unchecked where len(row) > 3, checked otherwise; a short row raises at the same read,
    # after the same stores, as in CPython
    total = 0.0
    for i in range(len(rows)):
        a = rows[i]
        for j in range(i + 1, len(rows)):
            b = rows[j]
            d = a[0] - b[0]
            total += d * b[2] + a[1] * b[1]
            b[2] += 1.0
            log[0] += 1
            total -= b[3]
    return total


def test_lists_read_at_constant_indexes_after_their_assignment():
    rows = [[1.0, 2.0, 3.0, 4.0], [0.5, 1.5, 2.5, 3.5, 9.0], [2.0, 0.0, 1.0, -1.0]]
    check(pair_forces, rows, [0])
    check(pair_forces, rows + [[1.0, 2.0, 3.0]], [0])  # short: IndexError at b[3], after b[2] += 1
    check(pair_forces, rows + [[1.0, 2.0]], [0])  # shorter: at b[2], before the store
    check(pair_forces, [[1.0]] * 3, [0])
    check(pair_forces, [], [0])


@accelerate
def matrix_vector(m: list[list[float]], v: list[float], out: list[float], n: int, k: int) -> float:
    # the inner loop's guards on v and w (their lengths fixed) are checked once before the loop
    # around it, with out[i]'s; row, bound by the outer loop, keeps its guard in the inner loop
    w = [x * 0.5 for x in v]
    for i in range(n):
        row = m[i]
        s = 0.0
        for j in range(k):
            s += row[j] * v[j] - w[j]
        out[i] = s
    t = 0.0
    for i in range(n):
        for j in range(k):
            t += v[j] * w[j] * i
        out[i] += t
    return sum(out)


@accelerate
def grows_inside(m: list[list[int]], n: int, k: int) -> list[int]:
    # a list appended to in the nest: no guard on it is taken out of the inner loop
    acc: list[int] = []
    for i in range(n):
        for j in range(k):
            acc.append(m[i][j] + len(acc))
    return acc


def test_loop_nests_over_lists():
    m = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0, 10.0]]
    for n, k in ((3, 3), (3, 4), (4, 3), (2, 0), (0, 3), (3, -1), (-1, 3)):
        check(matrix_vector, m, [1.0, -1.0, 0.5], [0.0, 0.0, 0.0], n, k)
        check(matrix_vector, m, [1.0, -1.0, 0.5, 2.0], [0.0, 0.0], n, k)
    check_all(grows_inside, [[[1, 2], [3, 4, 5]]], [2, 3], [2, 3])


@accelerate
def store_after_rebinding(xs: list[int], ys: list[int]) -> None:
    # a nested function rebinds xs mid-loop: the stores after it go to ys, which the caller sees
    def switch() -> None:
        nonlocal xs
        xs = ys
    for i in range(3):
        xs[i] = 100 + i
        if i == 0:
            switch()


def test_a_list_a_nested_function_rebinds_is_written_back():
    check(store_after_rebinding, [0, 0, 0], [0, 0, 0])


# ---- a loop over the lists of a list of lists steps uncounted (opt/borrow.cpp): bj = bodies[j]
@accelerate
def pair_forces(bodies: list[list[float]], first: int, stop: int) -> tuple[list[float], float]:
    bj = [0.0, 0.0]  # held by the variable alone until the loop replaces it
    total = 0.0
    for i in range(len(bodies)):
        bi = bodies[i]
        for j in range(first, stop):  # stop past the end: IndexError mid-loop
            bj = bodies[j]
            d = bi[0] - bj[0]
            bj[1] += d * 0.5  # the list in bodies, changed
            if len(bj) > 2:
                total += bj[2]
            if d > 100.0:
                break
    bj[0] += 1.0  # after the loop: the last list it read, as CPython's
    return bj, total


@accelerate
def borrowed_then_raised(bodies: list[list[float]], k: int) -> str:
    bj = bodies[0]
    try:
        for j in range(k):
            bj = bodies[j]
            bj[0] = bj[0] / (j - 2)  # ZeroDivisionError at j == 2
    except ZeroDivisionError:
        return "at " + str(bj)
    return str(bj)


@accelerate
def not_borrowed_when_changed(bodies: list[list[float]]) -> int:
    n = 0
    for j in range(len(bodies)):
        bj = bodies[j]
        if j == 0:
            bodies.append([9.0])  # a call: the loop is not stepped uncounted
        n += len(bj)
    return n


def test_stepping_along_a_list_of_lists():
    bodies = [[1.0, 2.0, 3.0], [4.0, 5.0], [200.0, 0.5, 1.5]]
    for first, stop in ((0, 3), (1, 3), (2, 2), (0, 4), (3, 3)):
        check(pair_forces, bodies, first, stop)
    for k in (0, 2, 3, 4):
        check(borrowed_then_raised, [[1.0], [2.0], [3.0], [4.0]], k)
    check(not_borrowed_when_changed, [[1.0], [2.0, 3.0]])


# ---- `for b in bodies` steps uncounted too, its body one length test instead of a check per item
@accelerate
def drift(bodies: list[list[float]], dt: float, stop_at: float) -> list[float]:
    b = [7.0]  # held by the variable alone until the loop replaces it
    for b in bodies:
        b[0] += dt * b[3]
        b[1] += dt * b[4]  # a row of four: IndexError here, after b[0] changed, as in CPython
        b[2] += dt * b[5]
        if b[0] > stop_at:
            break
    b[0] += 1.0  # after the loop: the last list it stepped to (or [7.0] for no rows), counted
    return b


@accelerate
def drift_twice(bodies: list[list[float]]) -> float:
    total = 0.0
    for _ in range(3):  # the loop run again over the same lists
        for b in bodies:
            for j in range(len(b)):
                b[j] *= 0.5
            total += b[0] + b[1] + b[len(b) - 1]
    return total


@accelerate
def drift_then_divide(bodies: list[list[float]]) -> str:
    b = bodies[0]
    try:
        for b in bodies:
            b[0] = b[1] / b[2]  # ZeroDivisionError at the row whose b[2] is 0
    except ZeroDivisionError:
        return "at " + str(b)
    return str(b)


def test_stepping_through_a_list_of_lists():
    rows = [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2.0, 0.5, 1.5, 1.0, 1.0, 1.0, 9.0]]
    check(drift, rows, 0.5, 100.0)
    check(drift, rows, 0.5, 2.0)  # break at the first row
    check(drift, [], 0.5, 100.0)
    check(drift, rows + [[1.0, 2.0, 3.0, 4.0]], 0.5, 100.0)  # IndexError at the short row
    check(drift, [[1.0, 1.0, 1.0]], 0.5, 100.0)  # IndexError at b[3], nothing stored
    shared = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    check(drift, [shared, [0.0] * 6, shared], 0.25, 100.0)  # one list twice: both steps land in it
    check(drift_twice, [[1.0, 2.0, 3.0], [4.0, 5.0], [6.0, 7.0, 8.0, 9.0]])
    check(drift_twice, [[1.0]])  # IndexError at b[1] on the first pass, b[0] halved
    check(drift_then_divide, [[1.0, 2.0, 4.0], [3.0, 1.0, 0.0], [5.0, 5.0, 5.0]])
    check(drift_then_divide, [[1.0, 2.0, 4.0], [3.0, 1.0, 2.0]])
    # the counts come out right: the rows outlive the call, and the last row's is the variable's
    rows = [[float(i)] * 6 for i in range(4)]
    counts = [sys.getrefcount(r) for r in rows]
    for _ in range(3):
        drift(rows, 0.5, 100.0)
    assert [sys.getrefcount(r) for r in rows] == counts
    last = drift(rows, 0.5, 100.0)
    same, count = last is rows[-1], sys.getrefcount(rows[-1])  # (outside the assert: pytest's rewriting holds values)
    assert same and count == counts[-1]  # the comprehension's variable then, `last` now


@accelerate
def copies_into_the_same_list(xs: list[int], n: int, k: int) -> tuple[list[list[int]], list[int], list[int], int]:
    kept: list[list[int]] = []
    cur = [0] * 4
    alias = cur
    total = 0
    for i in range(n):
        cur = xs[i % 3:]  # into cur's own list where nothing else holds it
        if cur:
            cur[0] += i
        if i % 2:
            kept.append(cur)  # held: the next copy is a new list
        for x in cur:  # the loop holds the list it walks
            cur = xs[::-1]
            total += x
        cur = cur[1:] + cur[:1]
        cur = cur[::k]  # ValueError when k is 0, cur as it was
    return kept, cur, alias, total


@accelerate
def copies_into_an_argument(xs: list[str], ys: list[str]) -> list[str]:
    xs = ys[1:]  # the caller's list is never written into
    xs.append("!")
    ys = xs[:]
    ys[0] = "?"
    return xs


def copies_of_rows(rows: list[list[float]], n: int):
    row = rows[0][:]
    for i in range(n):
        yield row  # the consumer holds it
        row = rows[i % len(rows)][:]
        row[0] += 1.0
    yield row


@accelerate
def copies_in_a_generator(rows: list[list[float]], n: int) -> tuple[list[list[float]], float]:
    got = [r for r in copies_of_rows(rows, n)]
    keys = [0.0]
    first = lambda: keys[0]  # noqa: E731
    for r in got:
        keys = r[:]  # the lambda reads the variable, not the list
        keys[0] *= 2.0
    return got, first()


def test_slices_copied_into_a_list_of_its_own():
    check_all(copies_into_the_same_list, [[], [5], [1, 2, 3, 4, 5, 6, 7]], [0, 1, 6], [1, 2, -1, 0])
    check_each(copies_into_an_argument, [(["a", "b"], ["c", "d", "e"]), ([], ["x"]), (["q"], [])])
    xs, ys = ["a", "b"], ["c", "d", "e"]
    assert copies_into_an_argument(xs, ys) == ["d", "e", "!"] and xs == ["a", "b"] and ys == ["c", "d", "e"]
    check_all(copies_in_a_generator, [[[1.0, 2.0], [3.0]], [[0.5]]], [0, 1, 4])
    check(copies_in_a_generator, [[]], 2)  # IndexError in the generator


@accelerate
def sorts_long(xs: list[float], ys: list[int]) -> tuple[list[float], list[float], list[int], list[int], list[float], float]:
    a = sorted(xs)
    b = sorted(xs, reverse=True)
    ys2 = ys[:]
    ys2.sort()
    c = sorted(ys, reverse=True)
    xs.sort()  # in place: written back
    return a, b, ys2, c, xs, a[len(a) // 2] if a else 0.0


def test_long_numeric_lists_sort_as_cpython():
    import random
    rng = random.Random(7)
    floats = [rng.choice([rng.uniform(-1e3, 1e3), rng.expovariate(0.01), float(rng.randint(-5, 5)), 1e308, -1e308,
                          5e-324, -5e-324, float("inf"), float("-inf"), 0.0, 2.0 ** 63, 0.1])
              for _ in range(3000)]
    ints = [rng.choice([rng.randint(-10 ** 6, 10 ** 6), INT64_MAX, -INT64_MAX - 1, 0, -1, 1, rng.randint(0, 255),
                        rng.randint(-2 ** 63, 2 ** 63 - 1)]) for _ in range(3000)]
    check(sorts_long, floats, ints)
    check(sorts_long, floats[:2048], ints[:2048])  # from 2048 items on: by radix (list.hpp)
    check(sorts_long, floats[:2047], ints[:2047])
    check(sorts_long, [1.5] * 3000, [3] * 3000)  # every byte the same: no pass runs
    check(sorts_long, [float(i % 7) for i in range(3000)], list(range(3000, 0, -1)))
    # -0.0 among the 0.0s keeps its place (equal, so a stable sort leaves them be)
    zeros = [0.0 if i % 3 else -0.0 for i in range(1500)] + [rng.uniform(-1, 1) for _ in range(1500)]
    rng.shuffle(zeros)
    check(sorts_long, zeros, ints[:10])
    check(sorts_long, [], [])


@accelerate
def sorts_by_key(rows: list[tuple[str, float, int]], d: int) -> tuple[list[str], list[str], list[int], list[tuple[str, float, int]]]:
    by_float = [r[0] for r in sorted(rows, key=lambda r: r[1])]
    by_float_rev = [r[0] for r in sorted(rows, key=lambda r: r[1], reverse=True)]
    by_int = [r[2] for r in sorted(rows, key=lambda r: -r[2])]
    rows.sort(key=lambda r: r[2] // d)  # ZeroDivisionError when d is 0: the list as it was
    return by_float, by_float_rev, by_int, rows


def test_long_lists_sort_by_numeric_keys_as_cpython():
    import random
    rng = random.Random(3)
    rows = [(f"r{i}", rng.choice([0.0, -0.0, 1.5, -1.5, rng.uniform(-1e6, 1e6), float("inf"), -float("inf"), 5e-324]),
             rng.choice([0, 7, -7, INT64_MAX, -INT64_MAX, rng.randint(-10 ** 12, 10 ** 12)])) for i in range(3000)]
    check(sorts_by_key, rows, 1000)  # equal keys (-0.0 and 0.0 among them) keep their order
    check(sorts_by_key, rows, 0)
    check(sorts_by_key, rows[:2047], 3)  # below 2048 keys: the merge
    check(sorts_by_key, [("a", 1.0, 1)] * 2500, 1)


@dataclass
class Tag:
    name: str
    weight: float


@accelerate
def fed_from_itself(xs: list[str], rows: list[tuple[str, int]], n: int) -> tuple[list[str], list[tuple[str, int]], list[Tag], list[int]]:
    # items appended, inserted and spliced from the list itself while it grows past each capacity
    # (the item read before the buffer it lives in moves), then removed from the middle
    tags = [Tag(x, float(len(x))) for x in xs]
    sizes = []
    for i in range(n):
        if xs:
            xs.append(xs[i % len(xs)])
            xs.insert(i % (len(xs) + 1), xs[-1])
            rows.append(rows[-1] if rows else (xs[0], i))
            rows.insert(0, rows[len(rows) // 2])
            tags.append(tags[0])
            tags.insert(len(tags) // 2, tags[-1])
        sizes.append(len(xs) + len(rows) + len(tags))
    xs.extend(xs)
    xs[1:1] = xs
    rows += rows[::-1]
    tags[len(tags) // 3:] = tags[: len(tags) // 2]
    del xs[::3]
    del rows[1:-1:2]
    tags.pop(len(tags) // 2 if tags else 0)  # IndexError when it is empty
    return xs, rows * 2, tags, sizes


def test_lists_fed_from_themselves():
    # pyrite's lists keep their items in vec.hpp's Vec: its growth, inserts and splices from itself
    check_all(fed_from_itself, [[], ["a"], ["süd", "", "🐍 x", "b" * 40]], [[], [("r", 1), ("s", -2)]], [0, 1, 5, 33])
