"""Sets of instances, and KeyError's key when it is an instance.

A set of instances whose class hashes by identity (object.__hash__) is added to, tested, combined
and compared, crosses the boundary both ways, and is never iterated: CPython's order follows the
objects' addresses (it changes from run to run), so iterating, pop() and printing are diagnostics.
A set of instances hashed by value (a __hash__, a frozen dataclass) is a set like any other, in
CPython's order. A KeyError whose key is an instance, a value class's, a NamedTuple or an enum
member leaves compiled code with the key itself as its argument, as CPython's does."""
import re
from dataclasses import dataclass
from enum import Enum
from typing import Iterator, NamedTuple

import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


class Node:
    def __init__(self, name: str):
        self.name = name
        self.edges: list["Node"] = []


def graph(n: int, step: int) -> list[Node]:
    nodes = [Node(str(i)) for i in range(n)]
    for i in range(n):
        nodes[i].edges.append(nodes[(i * step + 1) % n])
        if i % 3 == 0:
            nodes[i].edges.append(nodes[(i + 2) % n])
    return nodes


@accelerate
def reachable(start: Node) -> int:
    seen: set[Node] = {start}
    stack = [start]
    while stack:
        n = stack.pop()
        for m in n.edges:
            if m not in seen:
                seen.add(m)
                stack.append(m)
    return len(seen)


@accelerate
def components(nodes: list[Node]) -> list[int]:
    seen: set[Node] = set()
    sizes = []
    for start in nodes:
        if start in seen:
            continue
        before = len(seen)
        todo = [start]
        seen.add(start)
        while todo:
            for m in todo.pop().edges:
                if m not in seen:
                    seen.add(m)
                    todo.append(m)
        sizes.append(len(seen) - before)
    return sizes


@accelerate
def algebra(a: list[Node], b: list[Node]) -> list[int]:
    x, y = set(a), set(b)
    out = [len(x & y), len(x | y), len(x - y), len(x ^ y), int(x <= x | y), int(x < x), int(x == set(a)),
           int(x != y), int(x.isdisjoint(y)), int(x.issubset(y)), int(x.issuperset(x & y))]
    z = x.copy()
    z.update(y)
    out.append(len(z) - len(x))
    z.difference_update(y)
    out.append(len(z))
    z.symmetric_difference_update(y)
    out.append(len(z))
    z.intersection_update(x)
    out.append(len(z))
    z.discard(a[0])
    z.discard(a[0])
    out.append(int(a[0] in z) + 2 * int(a[0] in x) + 4 * int(bool(z)))
    z.clear()
    out.append(len(z) + int(bool(z)))
    return out


@accelerate
def mutate(s: set[Node], extra: Node, drop: Node) -> int:
    s.add(extra)
    s.add(extra)
    s.discard(drop)
    s.remove(extra)
    s.add(extra)
    return len(s)


@accelerate
def fresh(n: int, old: Node) -> set[Node]:
    s = {Node(str(i)) for i in range(n)}
    s.add(old)
    return s


@accelerate
def same_set(s: set[Node], x: Node) -> set[Node]:
    s.add(x)
    return s


@accelerate
def remove_missing(s: set[Node], x: Node) -> int:
    s.remove(x)
    return len(s)


def test_visited_sets():
    for n, step in [(1, 1), (6, 2), (30, 3), (50, 7)]:
        nodes = graph(n, step)
        check(reachable, nodes[0])
        check(components, nodes)


def test_set_algebra():
    nodes = graph(12, 5)
    check_all(algebra, [nodes[:4], nodes[:8], nodes[2:3]], [nodes[3:10], nodes[:1], nodes[6:]])


def test_caller_sees_the_changes():
    nodes = graph(6, 1)
    check(mutate, set(nodes[:3]), Node("x"), nodes[0])
    s = set(nodes[:3])
    extra = Node("e")
    assert mutate(s, extra, nodes[1]) == 3
    assert s == {nodes[0], nodes[2], extra}  # the caller's objects, found by Python's own hashes
    s.remove(extra)
    assert mutate(s, extra, Node("absent")) == 3 and extra in s


def test_sets_made_in_compiled_code_are_python_sets():
    old = Node("old")
    s = fresh(20, old)
    assert type(s) is set and len(s) == 21 and old in s
    for x in list(s):  # each instance, made in compiled code, is found by its Python hash
        assert x in s
    s.add(old)
    assert len(s) == 21
    names = sorted(x.name for x in s)
    assert names == sorted([str(i) for i in range(20)] + ["old"])
    t = {Node("a")}
    x = Node("b")
    assert same_set(t, x) is t and x in t and len(t) == 2


def test_key_error_carries_the_instance():
    nodes = graph(3, 1)
    check(remove_missing, set(nodes[:2]), nodes[2], message=False)  # the message shows an address
    with pytest.raises(KeyError) as e:
        remove_missing(set(nodes[:2]), nodes[2])
    assert e.value.args == (nodes[2],) and e.value.args[0] is nodes[2]


# ------------------------------------------------------------ hashed by value: iterated in CPython's order
class Key:
    def __init__(self, k: int, tag: str):
        self.k = k
        self.tag = tag

    def __eq__(self, other: "Key") -> bool:
        return self.k == other.k

    def __hash__(self) -> int:
        return hash((self.k, 3))

    def __repr__(self) -> str:
        return f"Key({self.k}, {self.tag!r})"


@dataclass(frozen=True)
class Cell:
    r: int
    c: int

    def around(self) -> list["Cell"]:
        return [Cell(self.r + 1, self.c), Cell(self.r - 1, self.c), Cell(self.r, self.c + 1), Cell(self.r, self.c - 1)]


@accelerate
def keys_in_order(n: int) -> tuple[list[str], str, int]:
    s = {Key(i % 7, str(i)) for i in range(n)}
    s.discard(Key(3, "x"))
    out = [repr(k) for k in s]
    first = s.pop() if s else Key(-1, "none")
    return out, str(s), first.k


@accelerate
def flood(n: int, walls: int) -> tuple[int, list[tuple[int, int]], str]:
    seen = {Cell(0, 0)}
    frontier = [Cell(0, 0)]
    while frontier:
        nxt: list[Cell] = []
        for cell in frontier:
            for m in cell.around():
                if 0 <= m.r < n and 0 <= m.c < n and (m.r * m.c) % walls != 1 and m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
    order = [(cell.r, cell.c) for cell in seen]
    edge = {cell for cell in seen if cell.r == 0} | {Cell(n, n)}
    return len(seen), order[:12], repr(sorted(edge, key=lambda q: (q.c, q.r))[:3])


def test_sets_hashed_by_value_keep_cpython_order():
    check_all(keys_in_order, [0, 1, 5, 30])
    check_all(flood, [1, 5, 17], [3, 7])
    # Cell never reaches Python here: a struct held by value (opt/values.cpp), in a set by its fields
    assert re.search(r"struct c\d+_Cell : pyrite::Value", pyrite.info(flood)["cpp_source"])


# ------------------------------------------------------------ KeyError's key, as the key itself
class Shade(NamedTuple):
    name: str
    level: int


class Color(Enum):
    RED = 1
    GREEN = 2


@dataclass(frozen=True)
class Spot:
    x: int
    y: int


@accelerate
def lookups(which: int, n: int) -> int:
    spots = {Spot(i, i): i for i in range(3)}
    shades = {Shade("a", 1): 1}
    colors = {Color.RED: 1}
    cells = {Spot(0, 0)}
    if which == 0:
        return spots[Spot(n, 0)]
    if which == 1:
        return shades[Shade("b", n)]
    if which == 2:
        return colors[Color.GREEN if n else Color.RED]
    if which == 3:
        cells.remove(Spot(n, n))
        return len(cells)
    try:
        return spots.pop(Spot(n, 1))
    except KeyError as e:  # str(e) in compiled code: the key's repr
        return len(str(e)) + len(repr(e))


@accelerate
def lookup_node(d: dict[Node, int], x: Node) -> int:
    return d[x]


def test_key_error_keys():
    check_all(lookups, [0, 1, 2, 3, 4], [0, 1, 5])
    a, b = Node("a"), Node("b")
    check(lookup_node, {a: 1}, b, message=False)
    with pytest.raises(KeyError) as e:
        lookup_node({a: 1}, b)
    assert e.value.args[0] is b


# ------------------------------------------------------------ together: instances in sets in dicts, in a generator that raises
class Task:
    def __init__(self, name: str, cost: int):
        self.name = name
        self.cost = cost

    def __repr__(self) -> str:
        return f"Task({self.name!r})"


def schedule(tasks: list[Task], groups: dict[str, set[Task]], missing: Task) -> Iterator[int]:
    done: set[Task] = set()
    for t in tasks:
        for name, members in groups.items():
            if t in members and t not in done:
                done.add(t)
                yield t.cost * len(members)
    groups["all"] = set(tasks) | done
    groups["done"] = done
    groups["all"].remove(missing)  # KeyError(missing) where it is not one of the tasks
    yield len(groups["all"])


@accelerate
def run_schedule(tasks: list[Task], groups: dict[str, set[Task]], missing: Task) -> list[int]:
    out = []
    for v in schedule(tasks, groups, missing):
        out.append(v)
    return out


def test_sets_of_instances_in_dicts_in_generators():
    tasks = [Task(str(i), i) for i in range(8)]
    for missing in (tasks[3], Task("absent", 0)):
        check(run_schedule, tasks, {"even": set(tasks[::2]), "low": set(tasks[:3])}, missing)
    groups = {"even": set(tasks[::2])}
    absent = Task("absent", 0)
    with pytest.raises(KeyError) as e:
        run_schedule(tasks, groups, absent)
    assert e.value.args[0] is absent and groups["all"] == set(tasks) and groups["done"] == set(tasks[::2])


# ------------------------------------------------------------ what is refused, and why
ORDER = "instances is not supported: they hash by their memory addresses"


@pytest.mark.parametrize("body, what, where", [
    ("    for x in s:\n        t += 1\n", "iterating a set of 'N'", "11:14"),
    ("    t += s.pop().k\n", "pop() from a set of 'N'", "11:10"),
    ("    print(s)\n", "print() of a set of 'N'", "11:5"),
    ("    t += len(sorted(s, key=lambda q: q.k))\n", "iterating a set of 'N'", "11:21"),
    ("    t += len(list(s))\n", "iterating a set of 'N'", "11:19"),
    ("    t += sum([x.k for x in s])\n", "iterating a set of 'N'", "11:28"),
])
def test_unordered_sets_are_not_iterated(tmp_path, body, what, where):
    text = ("from pyrite import accelerate\n\nclass N:\n    def __init__(self, k: int):\n        self.k = k\n"
            "@accelerate\ndef f(n: int) -> int:\n    s = {N(i) for i in range(n)}\n    t = 0\n" + body + "    return t\n")
    text = text.replace("        self.k = k\n@", "        self.k = k\n\n@")
    err = compile_error(tmp_path, f"order_{abs(hash(body))}", text, 3)
    assert what + " " + ORDER in err and f":{where}: error" in err, err
    assert "give the class a __hash__" in err


def test_unhashable_set_items(tmp_path):
    text = """from dataclasses import dataclass
from pyrite import accelerate

@dataclass
class C:
    x: int = 0

@accelerate
def f(n: int) -> int:
    s = {C(n)}
    return len(s)
"""
    err = compile_error(tmp_path, "set_unhashable", text, 1)
    assert "unhashable type: 'C'" in err and "cannot be dict keys or set items" in err, err
