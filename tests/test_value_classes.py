"""Classes compiled as C++ values (opt/values.cpp): a class whose instances no code of the program
can tell from copies (its fields set only by __init__, never compared by identity, never crossing
to Python) is held by value, made with no allocation. These programs use such classes in every
way the pass allows (operators, lists and dicts of them, `T | None`, generators, closures, a prange
loop, a reference class holding one, exceptions from their methods) and check the results against
CPython; tests/lit/opt/values.py checks which classes the pass makes values."""
import bisect
import heapq
import math
import random
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Iterator

import pytest

import pyrite
from difftest import check, check_all, load_source, printed_both
from pyrite import accelerate, prange


class Vec:
    __slots__ = ("x", "y", "z")
    TOL: float = 1e-300  # a class constant: a field with its default

    def __init__(self, x: float, y: float, z: float):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o: "Vec") -> "Vec":
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o: "Vec") -> "Vec":
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k, self.z * k)

    def __rmul__(self, k: float) -> "Vec":
        return self * k

    def __neg__(self) -> "Vec":
        return Vec(-self.x, -self.y, -self.z)

    def dot(self, o: "Vec") -> float:
        return self.x * o.x + self.y * o.y + self.z * o.z

    @property
    def length(self) -> float:
        return math.sqrt(self.dot(self))

    def unit(self) -> "Vec":
        return self * (1.0 / (self.length + self.TOL * 0.0))  # ZeroDivisionError for the zero vector

    @classmethod
    def of(cls, t: tuple[float, float, float]) -> "Vec":
        return cls(t[0], t[1], t[2])

    @staticmethod
    def zero() -> "Vec":
        return Vec(0.0, 0.0, 0.0)

    def __repr__(self) -> str:
        return f"Vec({self.x:.3g}, {self.y:.3g}, {self.z:.3g})"


class Ray:  # a value holding values
    def __init__(self, origin: Vec, direction: Vec):
        self.origin = origin
        self.direction = direction.unit()

    def at(self, t: float) -> Vec:
        return self.origin + self.direction * t

    def __str__(self) -> str:
        return f"ray from {self.origin} along {self.direction!r}"


class Particle:  # stored into after __init__: held by reference, holding Vecs by value
    def __init__(self, pos: Vec, vel: Vec):
        self.pos = pos
        self.vel = vel
        self.bounces = 0

    def step(self, dt: float) -> None:
        self.pos = self.pos + self.vel * dt
        if self.pos.y < 0.0:
            self.pos = Vec(self.pos.x, -self.pos.y, self.pos.z)
            self.vel = Vec(self.vel.x, -self.vel.y, self.vel.z) * 0.9
            self.bounces += 1


@dataclass(frozen=True)
class Hit:
    t: float
    index: int
    normal: Vec
    tags: list[str] = field(default_factory=list)


class Bag:  # a value whose field is a list: copies share the list, as names share the object
    def __init__(self, items: list[int]):
        self.items = items

    def total(self) -> int:
        return sum(self.items)


@accelerate
def trace(n: int, radius: float) -> float:
    centers = [Vec(float(i), 0.5 * i, 3.0 + i) for i in range(4)]
    total = 0.0
    for k in range(n):
        ray = Ray(Vec.zero(), Vec(0.01 * k - 0.2, 0.1, 1.0))
        best: Hit | None = None
        for i, c in enumerate(centers):
            oc = ray.origin - c
            b = oc.dot(ray.direction)
            disc = b * b - (oc.dot(oc) - radius * radius)
            if disc < 0.0:
                continue
            t = -b - math.sqrt(disc)
            if t > 0.0 and (best is None or t < best.t):
                best = Hit(t, i, (ray.at(t) - c).unit(), ["hit"])
        if best is not None:
            total += best.t + best.normal.dot(Vec.of((0.0, 1.0, 0.0))) + best.index + len(best.tags)
    return total


def test_a_ray_tracer_of_values():
    check_all(trace, [0, 1, 40], [0.5, 1.5, 40.0])


@accelerate
def bounce(n: int, dt: float) -> tuple[float, int]:
    ps = [Particle(Vec(0.0, 1.0 + i, 0.0), Vec(1.0, -2.0 * i, 0.5)) for i in range(3)]
    first = ps[0]
    for _ in range(n):
        for p in ps:
            p.step(dt)
    # the reference class keeps sharing: first is ps[0]
    return first.pos.y + ps[1].vel.length + ps[2].pos.x, first.bounces + ps[1].bounces


def test_a_reference_class_holding_values():
    check_all(bounce, [0, 10, 300], [0.01, 0.5])


@accelerate
def collections_of_values(n: int) -> tuple[float, float, float, int, float]:
    vs: list[Vec] = []
    for i in range(n):
        vs.append(Vec(float(i % 5), float(n - i), i * 0.5))
    vs.insert(0, -Vec(1.0, 2.0, 3.0))
    vs.sort(key=lambda v: (v.x, -v.z))
    longest = max(vs, key=lambda v: v.length)
    shortest = min(vs, key=lambda v: v.length)
    by_name = {"a": vs[0], "b": vs[-1]}
    by_name["c"] = by_name["a"] + by_name["b"]
    moved = by_name.pop("c")
    s = 0.0
    for a, b in zip(vs, reversed(vs)):
        s += a.dot(b)
    for v in vs[1:3]:
        s += v.x
    pairs = [(v, i) for i, v in enumerate(sorted(vs, key=lambda v: v.y))]
    w, j = pairs[len(pairs) // 2]
    nt = (w, 2.0)
    last = vs.pop()
    return longest.length - shortest.length, moved.z + s, nt[0].y * nt[1] + last.x, j + len(vs), sum(v.z for v in vs)


def test_lists_dicts_and_tuples_of_values():
    check_all(collections_of_values, [1, 2, 17])


@accelerate
def copies_share_containers(n: int) -> tuple[int, int, int]:
    a = Bag([1, 2])
    b = a  # one object in Python: the two names see one list
    for i in range(n):
        b.items.append(i)
    bags = [a, b, Bag([n])]
    bags[2].items.extend(a.items)
    return a.total(), len(bags[1].items), bags[2].total()


def test_copies_of_a_value_share_its_list():
    check_all(copies_share_containers, [0, 5])


def walk(start: Vec, step: Vec, n: int) -> Iterator[Vec]:
    v = start
    for _ in range(n):
        yield v
        v = v + step


@accelerate
def generators_and_closures(n: int, k: float) -> float:
    total = 0.0
    for v in walk(Vec.zero(), Vec(1.0, k, 0.5), n):
        total += v.y
    g = walk(Vec(1.0, 1.0, 1.0), Vec(0.0, 1.0, 0.0), n)
    nxt = next(g, Vec(-1.0, -1.0, -1.0))
    scale = Vec(k, k, k)

    def scaled(v: Vec) -> float:
        return v.dot(scale)

    acc = Vec.zero()

    def add(v: Vec) -> None:
        nonlocal acc
        acc = acc + v

    for i in range(n):
        add(Vec(float(i), 1.0, 0.0))
    return total + scaled(nxt) + acc.x + acc.y


def test_values_in_generators_and_closures():
    check_all(generators_and_closures, [0, 1, 9], [0.5, -2.0])


@accelerate
def unit_lengths(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += Vec(x, 0.0, 0.0).unit().x  # the zero vector raises ZeroDivisionError in unit()
    return s


def test_an_exception_from_a_value_method():
    check(unit_lengths, [1.0, -2.0, 3.0])
    check(unit_lengths, [1.0, 0.0, 3.0])
    with pytest.raises(ZeroDivisionError) as e:
        unit_lengths([0.0])
    assert [f.name for f in e.traceback][-2:] == ["unit_lengths", "unit"]


@accelerate
def sum_of_squares(n: int) -> float:
    pts = [Vec(float(i), float(i) * 0.5, 1.0) for i in range(n)]
    total = 0.0
    for i in prange(n):
        total += (pts[i] * 2.0).dot(pts[i])
    return total


def test_values_in_a_prange_loop():
    check_all(sum_of_squares, [0, 1, 1000])


class Counter2:  # an int field: the call leaves 64 bits and runs again in CPython
    def __init__(self, n: int):
        self.n = n

    def squared(self) -> "Counter2":
        return Counter2(self.n * self.n)


@accelerate
def tower(n: int, k: int) -> int:
    c = Counter2(n)
    for _ in range(k):
        c = c.squared()
    return c.n


def test_a_value_whose_int_leaves_64_bits():
    check_all(tower, [3, -7], [0, 2, 6])


@accelerate
def report(n: int) -> str:
    ray = Ray(Vec(1.0, 2.0, 3.0), Vec(0.0, 0.0, 2.0))
    hits = [Hit(0.5 * i, i, ray.at(float(i)), ["a"] * i) for i in range(n)]
    for h in hits:
        print(h, h.normal)
    print(ray)
    return f"{ray} {hits!r} {str(ray.origin)} {repr(hits[-1] if hits else None)} {(ray.origin, n)}"


def test_printing_values():
    """__repr__, __str__ and a dataclass's repr: printing never shows an identity"""
    check_all(report, [0, 1, 3])
    compiled, interpreted = printed_both(report, 3)
    assert compiled == interpreted and "Hit(t=1.0, index=2, normal=Vec(1, 2, 5), tags=['a', 'a'])" in compiled


@dataclass(frozen=True)
class Cell:  # ints only: == and hash by its fields give what identity would; a dict key
    r: int
    c: int

    def __add__(self, o: "Cell") -> "Cell":
        return Cell(self.r + o.r, self.c + o.c)


@accelerate
def shortest_path(rows: list[str]) -> tuple[int, int, bool, int]:
    """a BFS over a grid: Cells as dict keys and deque items, compared with == and `in`"""
    start, goal = Cell(0, 0), Cell(len(rows) - 1, len(rows[0]) - 1)
    steps = [Cell(0, 1), Cell(1, 0), Cell(0, -1), Cell(-1, 0)]
    dist = {start: 0}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        if here == goal:
            break
        for s in steps:
            nxt = here + s
            if 0 <= nxt.r < len(rows) and 0 <= nxt.c < len(rows[0]) and rows[nxt.r][nxt.c] != "#" and nxt not in dist:
                dist[nxt] = dist[here] + 1
                queue.append(nxt)
    seen = list(dist)
    back = Cell(1, 0) + Cell(-1, 0)
    return dist.get(goal, -1), len(dist), back in seen and back != goal, seen.index(start) + seen.count(goal)


def test_exact_dataclasses_compare_and_key_dicts_as_values():
    check(shortest_path, ["....", ".##.", "...."])
    check(shortest_path, [".#", "#."])
    check(shortest_path, ["." * 30] * 20)


@accelerate
def nearest(xs: list[float]) -> tuple[float, bool, float]:
    best: Vec | None = None
    for x in xs:
        v = Vec(x, 1.0, 0.0)
        if best is None or v.length < best.length:
            best = v
    found = True if best else False   # the truth of a Vec | None: not None (Vec has no __bool__)
    found = found and isinstance(best, Vec) and not isinstance(best, Ray)
    fallback = best or Vec(-1.0, 0.0, 0.0)
    return best.x if best else -1.0, found and not (not best), fallback.x


def test_the_truth_of_a_value():
    check_all(nearest, [[], [3.0, -0.5, 2.0], [0.0]])


@dataclass(order=True)
class Entry:  # ordered by its fields: heapq, sorted, min, max and bisect compare with __lt__ alone
    dist: float
    node: int


class Job:  # a plain class ordered by its own __lt__
    def __init__(self, cost: int, name: str):
        self.cost = cost
        self.name = name

    def __lt__(self, other: "Job") -> bool:
        return self.cost < other.cost


@accelerate
def dijkstra(n: int, edges: list[tuple[int, int, float]]) -> tuple[list[float], float, int, str, list[str]]:
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for a, b, w in edges:
        adj[a].append((b, w))
        adj[b].append((a, w))
    best = [math.inf] * n
    best[0] = 0.0
    heap = [Entry(0.0, 0)]
    popped: list[Entry] = []
    while heap:
        e = heapq.heappop(heap)
        popped.append(e)
        if e.dist > best[e.node]:
            continue
        for v, w in adj[e.node]:
            if e.dist + w < best[v]:
                best[v] = e.dist + w
                heapq.heappush(heap, Entry(best[v], v))
    ordered = sorted(popped)
    jobs = [Job(len(edges) % 7, "a"), Job(3, "b"), Job(3, "c"), Job(-1, "d")]
    jobs.sort()
    bisect.insort(jobs, Job(3, "e"))
    return best, max(popped).dist if popped else -1.0, min(ordered).node, min(jobs).name, [j.name for j in jobs]


def test_ordered_values_in_heaps_sorts_and_bisect():
    rng = random.Random(11)
    for n in (1, 2, 8, 30):
        edges = [(rng.randrange(n), rng.randrange(n), float(rng.randint(1, 9))) for _ in range(3 * n)]
        check(dijkstra, n, edges)


def test_the_classes_are_values():
    """what the tests above exercise: Vec, Ray, Hit, Bag and Counter2 are C++ values here, Particle
    (stored into by step) a reference holding Vecs by value"""
    cpp = pyrite.info(trace)["cpp_source"]
    for name in ("Vec", "Ray", "Hit", "Bag", "Counter2", "Cell", "Entry", "Job"):
        assert re.search(r"struct c\d+_%s : pyrite::Value \{" % name, cpp), name
    # after the hierarchy's bookkeeping (which fields are assigned, in which order), its first field
    assert re.search(r"struct c\d+_Particle final : pyrite::Instance \{\n(    (std::uint|unsigned char)[^\n]*\n)*"
                     r"    c\d+_Vec m_pos\{\};", cpp)


CROSSING = """
from pyrite import accelerate


class Vec:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y

    def __add__(self, o: "Vec") -> "Vec":
        return Vec(self.x + o.x, self.y + o.y)


class Box:
    def __init__(self, v: Vec):
        self.v = v


@accelerate
def f(x: float, b: Box) -> Vec:
    s = Vec(x, 2.0 * x) + b.v
    return s + Vec(0.0, 1.0)
"""


def test_a_class_that_crosses_stays_a_reference(tmp_path):
    mod = load_source(tmp_path, "values_crossing", CROSSING)
    b = mod.Box(mod.Vec(1.0, 1.0))
    v = mod.f(1.5, b)
    assert type(v) is mod.Vec and (v.x, v.y) == (2.5, 5.0)
    cpp = pyrite.info(mod.f)["cpp_source"]
    assert "pyrite::Ref<c" in cpp and not re.search(r"struct c\d+_Vec : pyrite::Value", cpp)


def segments(paths: dict[str, list[Vec]], names: list[str]) -> Iterator[tuple[str, Vec]]:
    for name in names:
        pts = paths[name]  # KeyError for a missing name, from inside the generator
        for a, b in zip(pts, pts[1:]):
            yield name, b - a


@accelerate
def path_lengths(names: list[str], n: int) -> tuple[float, str]:
    paths: dict[str, list[Vec]] = {}
    for k in range(3):
        paths["p" + str(k)] = [Vec(float(i * k), float(i), 0.0) for i in range(n)]
    total = 0.0
    missing = ""
    try:
        for name, d in segments(paths, names):
            total += d.length
    except KeyError as e:
        missing = str(e)
    return total, missing


def test_values_in_a_dict_in_a_generator_that_raises():
    check_all(path_lengths, [["p0", "p2"], ["p1", "q", "p2"], []], [0, 1, 5])
