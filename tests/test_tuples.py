"""tuple[T, ...] (any length) next to fixed tuple[T1, T2]: indexing, slicing, operators,
iteration, hashing as dict keys and set items, and the boundary."""
import pytest

from difftest import check, check_all
from pyrite import accelerate

TUPLES = [(), (5,), (3, 1, 2), (7, -7, 7, 0, 9)]


@accelerate
def index(t: tuple[int, ...], i: int) -> int:
    return t[i]


@accelerate
def ops(t: tuple[int, ...], u: tuple[int, ...], n: int) -> tuple[tuple[int, ...], tuple[int, ...], bool, bool, bool, int]:
    return t + u, t * n, t == u, t < u, 2 in t, len(t)


@accelerate
def slices(t: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    return t[1:], t[::-1], t[::2]


@accelerate
def methods(t: tuple[int, ...], v: int) -> tuple[int, int]:
    return t.count(v), t.index(v)


@accelerate
def iterate(t: tuple[str, ...]) -> str:
    out = ""
    for i, s in enumerate(t):
        out += f"{i}{s}"
    for s in reversed(t):
        out += s
    return out


@accelerate
def as_keys(rows: list[tuple[int, ...]]) -> tuple[dict[tuple[int, ...], int], list[tuple[int, ...]]]:
    counts: dict[tuple[int, ...], int] = {}
    seen: set[tuple[int, ...]] = set()
    for r in rows:
        counts[r] = counts.get(r, 0) + 1
        seen.add(r)
    return counts, list(seen)


@accelerate
def build(xs: list[float]) -> tuple[float, ...]:
    t: tuple[float, ...] = (1.5, 2.5)
    return t + tuple(xs) + tuple(sorted(xs))


def test_tuples():
    check_all(index, TUPLES, [0, 1, -1, 4, -9])
    check_all(ops, TUPLES, TUPLES, [0, 2])
    check_all(slices, TUPLES)
    check_all(methods, TUPLES, [7, 2])
    check_all(iterate, [(), ("a",), ("x", "é", "🎉")])
    check(as_keys, [(1, 2), (), (1, 2), (3,), (1, 2, 3)])
    check_all(build, [[], [0.5, -1.0]])


def test_boundary():
    with pytest.raises(TypeError, match=r"index\(\) argument 't'\[1\] must be int, not str"):
        index((1, "a"), 0)
    with pytest.raises(TypeError, match=r"argument 't' must be tuple, not list"):
        index([1], 0)


@accelerate
def ranges(a: int, b: int, c: int, x: int) -> tuple[int, bool, list[int], int, list[int], bool]:
    r = range(a, b, c)
    total = 0
    for i in r:
        total += i
    first = r[0] if len(r) > 0 else -1
    return len(r), x in r, list(reversed(r)), first + total, sorted(r)[:3], r == range(a, b, c)


@accelerate
def range_index(n: int, i: int) -> int:
    return range(n)[i]


@accelerate
def range_arg(r: range) -> range:
    return r


def test_ranges():
    check_all(ranges, [0, 5, -3], [10, -10, 5], [1, 3, -2], [4, 5, -1])
    check(ranges, 0, 1, 0, 0)  # ValueError: range() arg 3 must not be zero
    check_all(range_index, [0, 5], [0, 4, -1, 5, -6])
    assert range_arg(range(2, 20, 3)) == range(2, 20, 3)


# ---- t[i] of a tuple whose items have one type, i known when it runs; global tuples of constants
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OFFSETS = ((0, 1), (1, 0), (0, -1), (-1, 0))
SQUARES = tuple(i * i for i in range(100))  # long: a tuple[int, ...]
MIXED = (1, "one", 1.5, None, (2, "two"))


@accelerate
def tuple_lookups(i: int) -> tuple[str, int, int, int, str, bool]:
    t = (10, 20, 30)
    dx, dy = OFFSETS[i % 4]
    return DAYS[i % 7], t[i % 3] + t[-1], dx * 10 + dy, SQUARES[i % 100] + len(SQUARES), MIXED[1], 30 in t


@accelerate
def tuple_index_errors(i: int) -> int:
    t = (1, 2, 3)
    return t[i]


def test_tuple_index_known_when_it_runs():
    check_all(tuple_lookups, [0, 3, 9, -1, 250])
    check_all(tuple_index_errors, [0, 2, 3, -3, -4])


@accelerate
def fixed_ops(t: tuple[int, str, float, int], u: tuple[int, int, int], x: int) -> tuple[
        tuple[str, float, int], tuple[int, float, str, int], tuple[int, str, float], tuple[float, int], tuple[()],
        tuple[int, float], tuple[int, int], int, int, list[bool], tuple[int, str, float, int, int]]:
    return (t[1:], t[::-1], t[:-1], t[-2:], t[5:], t[::2], u[-1:-3:-1], u.count(x), u.index(u[2]),
            [u < (1, 2, 3), u <= u, (x, "a") > (x, "b"), u >= (x, x, x), (t[0], t[1]) < (t[0], "zz")], t + (x,))


@accelerate
def index_missing(u: tuple[int, int, int], x: int) -> int:
    return u.index(x)


def test_fixed_tuple_slices_compares_and_methods():
    check_all(fixed_ops, [(1, "a", 2.5, 3), (-4, "é", -0.0, 0)], [(1, 2, 3), (3, 1, 3), (1, 2, 2)], [1, 3, -7])
    check_all(index_missing, [(1, 2, 3)], [2, 5])
