"""int | float: a value that is an int or a float by what happened at run time.

`t = 0` then `t += x` of a float, `best = max(best, x)`, a helper that returns 0 or a mean,
statistics.mean of ints: CPython's value is an int or a float by the values, and so is the
compiled one (a pyrite::Real, ops.hpp), each operation CPython's for the kind it holds.
"""
import heapq
import statistics
from dataclasses import dataclass

import pytest

import pyrite
from pyrite import accelerate
from difftest import check, check_all, compile_error, SMALL_INTS

MIXED = [0, 1, -1, 3, 7, -7, 2 ** 53 + 1, 2 ** 62, -(2 ** 63)]
FLOATISH = [0.0, -0.0, 0.5, -1.5, 3.0, 1e16, 9007199254740992.0, float("inf"), float("-inf"), float("nan")]


@accelerate
def total(xs: list[float]):
    t = 0
    for x in xs:
        t += x
    return t


@accelerate
def running_best(xs: list[float]):
    b = 0
    for x in xs:
        b = max(b, x)
    return b


def average(xs: list[float]):
    if not xs:
        return 0
    return sum(xs) / len(xs)


@accelerate
def averages(rows: list[list[float]]) -> list[str]:
    # a helper of the user's returning 0 or a float, its results printed and added up
    out = []
    grand = 0
    for row in rows:
        a = average(row)
        grand += a
        out.append(f"{a} {a!r} {str(a)}")
    out.append(repr(grand))
    return out


@accelerate
def binop(a: int, b: float, use_int: bool, op: int, y: int):
    x = a if use_int else b
    if op == 0:
        return x + y
    if op == 1:
        return x - y
    if op == 2:
        return x * y
    if op == 3:
        return x / y
    if op == 4:
        return x // y
    if op == 5:
        return x % y
    if op == 6:
        return x ** y
    if op == 7:
        return -x
    if op == 8:
        return y - x
    if op == 9:
        return y // x
    return abs(x)


@accelerate
def float_op(a: int, b: float, use_int: bool, op: int, y: float) -> float:
    x = a if use_int else b
    if op == 0:
        return x + y
    if op == 1:
        return y - x
    if op == 2:
        return x * y
    if op == 3:
        return x / y
    if op == 4:
        return x // y
    if op == 5:
        return y % x
    return x ** y


@accelerate
def both(a: int, b: float, c: int, d: float, first_int: bool, second_int: bool):
    x = a if first_int else b
    y = c if second_int else d
    return (x + y, x * y, x < y, x == y, x >= y, max(x, y), min(y, x))


@accelerate
def compares(a: int, b: float, use_int: bool, i: int, f: float) -> tuple[bool, bool, bool, bool, bool, bool, bool]:
    x = a if use_int else b
    return (x < i, x <= f, x == i, x != f, x > f, i >= x, f == x)


@accelerate
def conversions(a: int, b: float, use_int: bool):
    x = a if use_int else b
    return (int(x), float(x), bool(x), round(x), round(x, 1), isinstance(x, int), isinstance(x, float),
            hash(x), str(x), not x)


@accelerate
def formats(a: int, b: float, use_int: bool, spec: str) -> str:
    x = a if use_int else b
    return format(x, spec) + f"|{x:>10}|{x:.3f}|{x:,}|{x!r}|"


@accelerate
def declared(xs: list[int], scale: float) -> int | float:
    acc: int | float = 0
    for x in xs:
        if x < 0:
            acc = acc * scale
        else:
            acc += x
    return acc


@accelerate
def takes(x: int | float, y: int) -> tuple[int | float, float, bool]:
    return x * y, x / 2, isinstance(x, float)


@accelerate
def stats(xs: list[int]):
    return (statistics.mean(xs), statistics.median(xs))


@accelerate
def spreads(xs: list[int]):
    return (statistics.variance(xs), statistics.pvariance(xs))


@accelerate
def in_containers(xs: list[int], ys: list[float]) -> tuple[list[int | float], dict[str, int | float]]:
    means = [statistics.mean(xs)]
    best = 0
    for y in ys:
        best = max(best, y)
        means.append(best)
    return means, {"mean": means[0], "best": best}


def test_accumulators_and_helpers():
    for xs in ([], [1.5, 2.0], [-1.0], [float("nan")], [1e308, 1e308], [0.1] * 10):
        check(total, xs)
        check(running_best, xs)
    check(averages, [[], [1.0, 2.0], [3.0], [-0.5, 0.5]])
    check(averages, [])


def test_operators_with_ints():
    check_all(binop, MIXED, FLOATISH, [True, False], range(11), SMALL_INTS)


def test_operators_with_floats():
    check_all(float_op, MIXED[:5], FLOATISH[:6], [True, False], range(7), [0.0, -0.0, 2.5, -3.0, float("inf"), float("nan")])


def test_two_int_or_floats():
    check_all(both, [0, 3, -2 ** 63], [0.0, 2.5, float("nan")], [0, 3, 2 ** 53 + 1], [-0.0, 3.0, 9007199254740992.0],
              [True, False], [True, False])


def test_exact_comparisons():
    check_all(compares, [2 ** 53 + 1, 0, -1, 2 ** 63 - 1], [9007199254740992.0, 0.0, -0.0, float("nan")], [True, False],
              [2 ** 53 + 1, 0, -1], [9007199254740992.0, 0.0, float("inf"), float("nan")])


def test_conversions():
    check_all(conversions, [0, 7, -7, 2 ** 63 - 1, 15], [0.0, -0.0, 2.5, -3.75, 1e300, 0.25], [True, False])
    for b in (float("inf"), float("nan")):  # int(x) of them raises, as CPython's
        check(conversions, 1, b, False)


def test_formats():
    check_all(formats, [0, 1234567, -5], [0.0, 1234.5678, -2.5e-7, float("nan")], [True, False],
              ["", ">8", ".2f", "e", "+", "08.1f", "x", "d", "%", ",", "g"])


def test_declared_annotations():
    check_all(declared, [[], [1, 2, 3], [1, -1, 2], [-1], [2 ** 62, 2 ** 62]], [2.0, 0.5])
    check_all(takes, [1, -3, 2.5, -0.0, float("inf"), True, 2 ** 70], [0, 3])
    with pytest.raises(TypeError, match="must be int or float, not str"):
        takes("1", 2)


def test_statistics_of_ints():
    for xs in ([1, 2, 3], [1, 2], [1, 2, 3, 4], [7], [], [-3, -4], [2 ** 62, 2 ** 62, 2 ** 62],
               [2 ** 63 - 1, 2 ** 63 - 2], [-(2 ** 63), -(2 ** 63)], [5, 1, 4, 2], [1, 1, 2]):
        check(stats, xs)
        check(spreads, xs)
    check(spreads, [0, 2 ** 62, -(2 ** 62)])  # a variance beyond 64 bits: CPython's big int


def test_in_containers():
    check(in_containers, [1, 2], [0.5, -1.0, 3.0])
    check(in_containers, [2, 4], [-1.0])


@accelerate
def closure_best(xs: list[float], scale: int):
    best: int | float = 0  # a nonlocal that becomes a float is annotated where it is made

    def see(v):
        nonlocal best
        if v * scale > best:
            best = v * scale

    for x in xs:
        see(x)
    return best, (lambda: best // 2)()


def test_closures():
    check_all(closure_best, [[], [0.5, -1.0, 2.25], [-3.0]], [1, 3])


def test_print(capsys):
    @accelerate
    def report(xs: list[int]) -> None:
        m = statistics.mean(xs)
        print("mean", m, "median", statistics.median(xs), sep="|")

    for xs in ([1, 2, 3], [1, 2], [3, 1, 2, 5]):
        report(xs)
        got = capsys.readouterr().out
        pyrite.interpreted(report)(xs)
        assert got == capsys.readouterr().out


def test_what_stays_a_diagnostic(tmp_path):
    msg = compile_error(tmp_path, "shifts", """
from pyrite import accelerate
@accelerate
def f(xs: list[float], n: int):
    t = 0
    for x in xs:
        t += x
    return t << n
""", [1.0], 2)
    assert "unsupported operand type(s) for <<: 'int | float' and 'int'" in msg
    msg = compile_error(tmp_path, "index", """
from pyrite import accelerate
@accelerate
def f(xs: list[float]):
    t = 0
    for x in xs:
        t = max(t, x)
    return xs[t]
""", [1.0])
    assert "int | float" in msg


@dataclass
class Summary:
    name: str
    mean: int | float
    count: int


def summaries(groups: dict[str, list[int]]):
    for name, xs in groups.items():
        if not xs:
            raise ValueError(f"group {name} is empty")
        yield Summary(name, statistics.mean(xs), len(xs))


@accelerate
def summary_report(groups: dict[str, list[int]]) -> tuple[list[str], dict[str, int | float], list[int | float]]:
    # an int | float field of a dataclass, made in a generator that raises, kept in a dict, sorted,
    # summed and printed
    out = []
    means = {}
    try:
        for s in summaries(groups):
            means[s.name] = s.mean
            out.append(f"{s.name}: {s.mean} over {s.count} ({s})")
    except ValueError as e:
        out.append(f"stopped: {e}")
    ordered = sorted(means.values())
    out.append(f"total {sum(ordered)} {sum(ordered, 0.5)} top {max(ordered) if ordered else None}")
    return out, means, ordered


def test_in_classes_dicts_and_generators():
    check(summary_report, {"a": [1, 2, 3], "b": [1, 2], "c": [10]})
    check(summary_report, {"x": [4, 4], "y": [], "z": [1]})
    check(summary_report, {})


def test_annotated_float_return_says_why(tmp_path):
    msg = compile_error(tmp_path, "float_return", """
import statistics
from dataclasses import dataclass
from pyrite import accelerate
@accelerate
def f(xs: list[int]) -> float:
    return statistics.mean(xs)
""", [1, 2])
    assert "annotated to return 'float' but returns a value of type 'int | float'" in msg
    assert "float(...) makes it a float, or annotate -> int | float" in msg


@accelerate
def displays(n: int, x: float):
    xs = [1, 2.5, n, x]
    d = {"a": n, "b": x, "c": 0}
    xs.append(n)
    xs.append(x / 2)
    return xs, d, sorted(xs), sum(xs), [v for v in xs if v > 1]


def test_displays_of_ints_and_floats():
    check_all(displays, [0, 3, -2 ** 63], [0.5, -1.0, 1e300])
    with pytest.raises(ValueError, match="pyrite cannot sort a list containing nan the way CPython does"):
        displays(1, float("nan"))  # as a list of floats (README: known differences)


@accelerate
def or_default(lo: int, hi: int, bins: int, scale: float) -> tuple[list[int], str]:
    width = (hi - lo) / bins or 1  # a float, or the int 1 where it is 0.0
    factor = scale and hi  # the float 0.0, or the int
    counts = [0] * bins
    for x in range(lo, hi):
        counts[min(int((x - lo) / width), bins - 1)] += 1
    return counts, f"{width} {factor} {width or factor}"


def test_and_or_of_an_int_and_a_float():
    check_all(or_default, [0, 5], [5, 20], [1, 4], [0.0, 2.5])


# A container made here with float items that an int is stored into (dist = {v: inf ...} then
# dist[s] = 0, grid = [[0.0] * n ...] then grid[i][j] = 1): CPython keeps the int, so the container
# holds int | float (ir/types.cpp's widen_items), its items what was stored
@accelerate
def shortest(n: int, edges: list[tuple[int, int, int]]) -> tuple[list[int | float], str]:
    graph: dict[int, list[tuple[int, int]]] = {v: [] for v in range(n)}
    for a, b, w in edges:
        graph[a].append((b, w))
    dist = {v: float("inf") for v in range(n)}
    dist[0] = 0
    heap = [(0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in graph[u]:
            if d + w < dist[v]:
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return [dist[v] for v in range(n)], str(dist)


@accelerate
def grids(n: int) -> tuple[str, str, str, int | float]:
    grid = [[0.0] * n for _ in range(n)]
    row = [1.5] * n
    pts = [(0.0, 0.5)] * 2
    for i in range(n):
        grid[i][i] = i  # an int on the diagonal
        row[i // 2] = i
    pts[0] = (1, 2)
    total = 0
    for r in grid:
        total += sum(r)
    return repr(grid), str(row), str(pts), total


class Board:
    def __init__(self, n, fill=0.0):
        self.cells = [[fill] * n for _ in range(n)]

    def __setitem__(self, at, value):
        r, c = at
        self.cells[r][c] = value

    def __repr__(self):
        return "\n".join(" ".join(f"{x}" for x in row) for row in self.cells)


@accelerate
def board(n: int) -> str:
    b = Board(n)
    for i in range(n):
        b[i, (i + 1) % n] = i * 2  # ints into a board of floats
    b[0, 0] = 0.25
    return repr(b)


def test_containers_of_floats_given_ints():
    check(shortest, 4, [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 5)])
    check(shortest, 3, [(0, 1, 2)])  # 2 stays inf
    check_all(grids, [0, 1, 3])
    check_all(board, [1, 3])


def test_containers_that_cannot_hold_an_int_among_floats(tmp_path):
    for body, message in [
        ("    a = [0.0] * n\n    b = a\n    b[0] = 1\n    return a", "CPython would keep it as int"),  # an alias
        ("    xs.append(1)\n    return xs", "CPython would keep it as int"),  # the caller's list
    ]:
        text = compile_error(tmp_path, "widen_bad", "from pyrite import accelerate\n@accelerate\n"
                             "def f(n: int, xs: list[float]):\n" + body + "\n", 2, [0.5])
        assert message in text and text.count(": error:") == 1, text


@accelerate
def float_sums(rows: list[tuple[str, float]]) -> tuple[dict[str, float], int | float, str]:
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for k, v in rows:
        sums[k] = sums.get(k, 0) + v  # the int 0 where k is new: 0 + v is v's float
        counts[k] = counts.get(k, 0) + 1
    missing = sums.get("none", 0)  # the int itself
    return {k: sums[k] / counts[k] for k in sums}, missing, f"{sums.get('x', -1)}"


def test_get_of_floats_with_an_int_default():
    check(float_sums, [("a", 1.5), ("b", -0.0), ("a", 2.0)])
    check(float_sums, [("x", 3.0)])
    check(float_sums, [])


class Shape:
    def area(self):
        raise NotImplementedError


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Disc(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


@accelerate
def area_by_kind(specs: list[tuple[str, float]]):
    shapes = [Rect(a, a + 1) if kind == "rect" else Disc(a) for kind, a in specs]
    by_kind = {}  # its values: the int default 0, then floats added to it (int | float)
    for s in shapes:
        name = type(s).__name__
        by_kind[name] = by_kind.get(name, 0) + s.area()
    return by_kind


def test_a_dict_learning_from_an_int_default_and_float_values():
    check(area_by_kind, [("rect", 2.0), ("disc", 1.0), ("rect", 0.5)])
    check(area_by_kind, [])
