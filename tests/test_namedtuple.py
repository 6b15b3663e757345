"""typing.NamedTuple classes (issue 14): instances are tuples named by their class. Fields read
as items, the class's __new__ with defaults and keywords, methods, properties, static and class
methods, arithmetic dunders, repr/str, _replace/_asdict/_fields; everything else is a tuple's
(index, unpack, iterate, compare, hash, concatenate). At the boundary an instance is the user's
class both ways; a plain tuple or a subclass's instance is a TypeError naming the parameter.
What pyrite does not compile is one diagnostic at its line."""
import copy
import heapq
import math
import pickle
from typing import NamedTuple, Optional

import pytest

from difftest import check, check_all, compile_error, printed_both
from pyrite import accelerate


class Point(NamedTuple):
    x: float
    y: float = 0.0

    def norm(self) -> float:
        return math.hypot(self.x, self.y)

    def scaled(self, k: float) -> "Point":
        return Point(self.x * k, self.y * k)

    def __add__(self, o: "Point") -> "Point":
        return Point(self.x + o.x, self.y + o.y)

    def __mul__(self, k: float) -> "Point":
        return self.scaled(k)

    def __rmul__(self, k: float) -> "Point":
        return self.scaled(k)

    def __neg__(self) -> "Point":
        return Point(-self.x, -self.y)


class Item(NamedTuple):
    name: str
    weight: int
    value: int

    @property
    def density(self) -> float:
        return self.value / self.weight

    @staticmethod
    def empty() -> "Item":
        return Item("", 1, 0)

    @classmethod
    def unit(cls, name: str) -> "Item":
        return cls(name, 1, 1)

    def __repr__(self) -> str:
        return f"<{self.name} {self.weight}kg ${self.value}>"


class Segment(NamedTuple):
    a: Point
    b: Point
    label: str = "seg"

    def length(self) -> float:
        return (self.b + -self.a).norm()


class Edge(NamedTuple):
    cost: int
    node: int


P = Point(1.5, -2.0)
Q = Point(3.0)


@accelerate
def made(x: float, y: float) -> list[Point]:
    return [Point(x, y), Point(x), Point(y=x, x=y), Point(x, y=y)._replace(y=x * 2), P, Q]


@accelerate
def fields(p: Point) -> tuple[float, float, float, int, float, float]:
    a, b = p
    return p.x + p[1], a * b, p[-1], len(p), sum(p), max(p)


@accelerate
def methods(p: Point, q: Point, k: float) -> tuple[Point, Point, Point, Point, float, Point]:
    return p + q, p * k, k * q, -p, (p + q).norm(), p.scaled(k) + q


@accelerate
def item_methods(names: list[str]) -> list[Item]:
    out = [Item.empty()]
    for n in names:
        out.append(Item.unit(n))
        out.append(Item(n, len(n), 10 * len(n)))
    out.sort(key=lambda it: it.density)
    return out


@accelerate
def compare(p: Point, q: Point) -> list[bool]:
    return [p == q, p != q, p < q, p <= q, p > q, p >= q, p == (p.x, p.y), (q.x, q.y) == q, p in [q, p],
            isinstance(p, Point), isinstance(p, tuple)]


@accelerate
def ordered(ps: list[Point]) -> tuple[list[Point], Point, Point, dict[Point, int]]:
    counts: dict[Point, int] = {}
    for p in ps:
        counts[p] = counts.get(p, 0) + 1
    return sorted(ps), min(ps), max(ps), counts


@accelerate
def as_tuple(p: Point, i: int) -> tuple[tuple[int, int, int], tuple[int, int, float, float], float, tuple[str, str],
                                        dict[str, float]]:
    e = Edge(i, 2 * i)
    return e + (i,), e + p, p[i], Point._fields, p._asdict()


@accelerate
def texts(p: Point, it: Item, s: Segment) -> list[str]:
    return [str(p), repr(p), f"{p}|{p!r}|{p.x:.1f}", str(it), repr([it, it]), str(s), repr((s, p))]


@accelerate
def show(p: Point, it: Item) -> None:
    print(p, it, [p, p], (it,))
    print(f"at {p}")


@accelerate
def segments(n: int) -> list[Segment]:
    out = []
    for i in range(n):
        out.append(Segment(Point(float(i), 2.0 * i), Point(-1.0 * i, y=1.5), label=f"s{i}"))
    return out


@accelerate
def total_length(segs: list[Segment]) -> float:
    return sum(s.length() for s in segs)


@accelerate
def grow(ps: list[Point], d: dict[str, Point], k: float) -> Optional[Point]:
    ps.append(Point(k, k))
    ps[0] = ps[0]._replace(x=k)
    d["far"] = Point(k * 10.0)
    return ps[1] if len(ps) > 2 else None


@accelerate
def identity(p: Point, s: Segment, it: Item) -> tuple[Point, Segment, Item]:
    return p, s, it


@accelerate
def dijkstra(adj: list[list[Edge]], start: int) -> list[int]:
    dist = [-1] * len(adj)
    heap = [Edge(0, start)]
    while heap:
        cost, node = heapq.heappop(heap)
        if dist[node] >= 0:
            continue
        dist[node] = cost
        for e in adj[node]:
            if dist[e.node] < 0:
                heapq.heappush(heap, Edge(cost + e.cost, e.node))
    return dist


def walk(segs: list[Segment], limit: float):
    for s in segs:
        if s.length() > limit:
            raise ValueError(f"too long: {s}")
        yield {s.label: s.a}


@accelerate
def walked(segs: list[Segment], limit: float) -> list[dict[str, Point]]:
    out = []
    try:
        for d in walk(segs, limit):
            out.append(d)
    except ValueError as e:
        out.append({str(e): Point(-1.0, -1.0)})
    return out


@accelerate
def out_of_range(p: Point, i: int) -> float:
    return p[i]


# Point._make(iterable): its items read whole, as many as the fields (defaults play no part),
# with CPython's "Expected 2 arguments, got 1"; from a list, a tuple, a generator
def floats(n: int):
    for i in range(n):
        yield i / 2


@accelerate
def made_from(xs: list[float], n: int, line: str) -> str:
    p = Point._make(xs)
    q = Point._make(floats(n))
    r = Item._make((line, len(line), n))
    return f"{p} {q} {r} {r.weight} {p.norm()}"


def test_construct_and_read():
    check_all(made_from, [[1.5, 2.0], [1.0], [1.0, 2.0, 3.0]], [2, 1], ["a,b"])
    check_all(made, [0.0, -1.5, 1e300], [2.0, math.inf])
    check_all(fields, [P, Q, Point(-0.0, math.nan)])


def test_methods_and_operators():
    check_all(methods, [P, Q], [Q], [2.0, -0.5])
    check(item_methods, ["ab", "c", "defg"])
    check(item_methods, [])


def test_tuple_behaviour():
    check_all(compare, [P, Q, Point(1.5, 7.0)], [P, Q])
    check(ordered, [Q, P, Point(1.5, -3.0), P])
    check_all(as_tuple, [P, Q], [0, 1, -2])
    check(out_of_range, P, 2)
    check(out_of_range, P, -3)


def test_text():
    s = Segment(P, Q)
    check(texts, P, Item("gold", 3, 30), s)
    compiled, interpreted = printed_both(show, P, Item("x", 1, 2))
    assert compiled == interpreted
    assert "Point(x=1.5, y=-2.0)" in compiled


def test_boundary_types():
    got = segments(3)
    assert got == segments.py_func(3)
    assert all(type(s) is Segment and type(s.a) is Point for s in got)
    assert pickle.loads(pickle.dumps(got)) == got and copy.deepcopy(got) == got
    assert got[1]._asdict() == {"a": Point(1.0, 2.0), "b": Point(-1.0, 1.5), "label": "s1"}
    check(total_length, got)
    check(identity, P, Segment(P, Q, "z"), Item("a", 1, 2))
    p, s, it = identity(P, Segment(P, Q, "z"), Item("a", 1, 2))
    assert type(p) is Point and type(s) is Segment and type(it) is Item


def test_containers_written_back():
    check(grow, [P, Q], {"near": P}, 4.0)
    check(grow, [P], {}, -1.0)
    ps = [P, Q]
    grow(ps, {}, 2.0)
    assert [type(p) for p in ps] == [Point, Point, Point] and ps[0] == Point(2.0, -2.0)


def test_heapq_and_generators():
    adj = [[Edge(4, 1), Edge(1, 2)], [Edge(1, 3)], [Edge(2, 1), Edge(7, 3)], []]
    check(dijkstra, adj, 0)
    check(dijkstra, adj, 3)
    segs = [Segment(Point(0.0), Point(1.0), "a"), Segment(Point(0.0), Point(9.0), "b")]
    check(walked, segs, 5.0)
    check(walked, segs, 50.0)


def test_wrong_arguments():
    with pytest.raises(TypeError, match=r"fields\(\) argument 'p' must be Point, not tuple"):
        fields((1.0, 2.0))
    with pytest.raises(TypeError, match=r"argument 's'.b must be Point, not tuple"):
        texts(P, Item("a", 1, 2), Segment(P, (1.0, 2.0)))
    with pytest.raises(TypeError, match=r"argument 'p'.x must be float, not str"):
        fields(Point("a", 1.0))

    class Point3(Point):
        pass
    with pytest.raises(TypeError, match=r"argument 'p' must be Point, not Point3"):
        fields(Point3(1.0, 2.0))


@pytest.mark.parametrize("source, message", [
    ("class N(NamedTuple):\n    v: int\n    nxt: Optional['N'] = None\n",
     "the NamedTuple 'N' holds itself: a tuple cannot contain itself in compiled code"),
    ("class N(NamedTuple):\n    v: int\n    xs: list[int] = []\n",
     "this default is one object that every instance of the NamedTuple shares"),
    ("class N(NamedTuple):\n    v: int\n    def __eq__(self, o: 'N') -> bool:\n        return True\n",
     "'__eq__' of a NamedTuple is not supported by pyrite"),
    ("class M(NamedTuple):\n    v: int\nclass N(M):\n    pass\n",
     "class 'N' derives from the NamedTuple 'M'"),
])
def test_class_diagnostics(tmp_path, source, message):
    text = f"""from typing import NamedTuple, Optional
from pyrite import accelerate

{source}
@accelerate
def f(v: int) -> int:
    return N(v).v
"""
    err = compile_error(tmp_path, f"nt_diag_{abs(hash(source))}", text, 1)
    assert message in err
    assert err.count("error:") == 1, err


@pytest.mark.parametrize("body, message", [
    ("n = N(v, 2.0)\n    n.v = 2\n    return n.v",
     "cannot assign to field 'v' of 'N': a NamedTuple is a tuple, which never changes"),
    ("n = N(v, 2.0)\n    return n._replace(w=1).v", "Got unexpected field names: ['w']"),
    ("n = N(v, 2.0)\n    return n._replace(1).v", "_replace() takes keyword arguments only"),
    ("n = N(v, 2.0)\n    return len(n._asdict())", "would be a dict of mixed values"),
    ("n = N(v, 'a')\n    return n.v", "N.__new__() argument 'f' must be 'float', not 'str'"),
    ("t: tuple[int, float] = N(v, 2.0)\n    return t[0]", "tuple[int, float]"),
    ("n = N(v, 2.0)\n    return n.nope", "'N' object has no attribute 'nope'"),
])
def test_use_diagnostics(tmp_path, body, message):
    text = f"""from typing import NamedTuple
from pyrite import accelerate

class N(NamedTuple):
    v: int
    f: float

@accelerate
def f(v: int) -> int:
    {body}
"""
    err = compile_error(tmp_path, f"nt_use_{abs(hash(body))}", text, 1)
    assert message in err
    assert err.count("error:") == 1, err


def test_collections_namedtuple_is_named(tmp_path):
    text = """from collections import namedtuple
from pyrite import accelerate

Pair = namedtuple("Pair", "a b")

@accelerate
def f(v: int) -> int:
    return Pair(v, v).a
"""
    err = compile_error(tmp_path, "nt_collections", text, 1)
    assert "nt_collections.py:4: error: 'Pair' is made by collections.namedtuple()" in err
