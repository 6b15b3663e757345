"""Classes defined in a class's body (issue 14): `Graph.Edge`, `Card.Suit`, a dataclass's
`items: list[Item]` naming its own nested class, nested twice (`Graph.Tree.Leaf`), as calls,
annotations (plain and quoted), isinstance, match class patterns, min() by a dataclass order, dict
values, and crossing the boundary both ways as the user's own class. Also == of dataclasses whose
fields hold lists, tuples and deques of instances that do not order (which did not compile)."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

import pyrite
from difftest import check, compile_error
from pyrite import accelerate


class Graph:
    @dataclass(order=True)
    class Edge:
        w: float
        dst: int

    class Pos(NamedTuple):
        x: int
        y: int

    class Color(Enum):
        RED = 1
        BLUE = 2

    class Tree:
        class Leaf:
            def __init__(self, v: int):
                self.v = v

            def doubled(self) -> "Graph.Tree.Leaf":
                return Graph.Tree.Leaf(self.v * 2)

    def __init__(self, n: int):
        self.adj: list[list[Graph.Edge]] = [[] for _ in range(n)]
        self.where: dict[int, Graph.Pos] = {}
        self.color = Graph.Color.RED

    def add(self, a: int, b: int, w: float) -> None:
        self.adj[a].append(Graph.Edge(w, b))
        self.where[a] = Graph.Pos(a, b)


@dataclass
class Inventory:
    @dataclass
    class Item:
        name: str
        qty: int

    items: list[Item] = field(default_factory=list)  # the body's own scope names Item

    def add(self, name: str, qty: int) -> None:
        self.items.append(Inventory.Item(name, qty))


@accelerate
def cheapest(n: int) -> tuple[float, int, int]:
    g = Graph(n)
    for i in range(n - 1):
        g.add(i, i + 1, (i * 7 % 5) * 0.5)
        g.add(i, (i + 2) % n, (i * 3 % 4) * 0.25)
    best = min(min(edges) for edges in g.adj if edges)
    p = g.where[n - 2]
    return best.w, best.dst, p.x + p.y


@accelerate
def edges_of(n: int) -> list[Graph.Edge]:
    g = Graph(n)
    for i in range(n - 1):
        g.add(i, i + 1, i * 1.5)
    return [e for edges in g.adj for e in edges]


@accelerate
def weigh(edges: list[Graph.Edge], c: Graph.Color) -> float:
    t = 0.0
    for e in edges:
        match e:
            case Graph.Edge(w=w, dst=0):
                t -= w
            case Graph.Edge(w=w):
                t += w
        if isinstance(e, Graph.Edge) and c is Graph.Color.BLUE:
            t += 1
    return t


@accelerate
def leaves(n: int) -> int:
    leaf = Graph.Tree.Leaf(n)
    for _ in range(3):
        leaf = leaf.doubled()
    return leaf.v


@accelerate
def stock(names: list[str], other: Inventory) -> tuple[int, bool, bool]:
    inv = Inventory()
    for i, n in enumerate(names):
        inv.add(n, i)
    same = Inventory([Inventory.Item(n, i) for i, n in enumerate(names)])
    return sum(it.qty for it in inv.items if it.name != "x"), inv == same, inv == other


@dataclass
class Crate:
    pairs: tuple[Inventory.Item, Inventory.Item]
    queue: deque[Inventory.Item]


@accelerate
def crates_equal(a: str, b: str) -> tuple[bool, bool]:
    x = Crate((Inventory.Item(a, 1), Inventory.Item(b, 2)), deque([Inventory.Item(a, 3)]))
    y = Crate((Inventory.Item(a, 1), Inventory.Item(b, 2)), deque([Inventory.Item(b, 3)]))
    z = Crate((Inventory.Item(a, 1), Inventory.Item(a, 2)), deque([Inventory.Item(a, 3)]))
    return x == y, x != z


def test_nested_classes_in_calls_annotations_patterns_and_orders():
    for n in (2, 3, 6, 10):
        check(cheapest, n)
        check(leaves, n)
    edges = edges_of(4)
    assert edges == pyrite.interpreted(edges_of)(4) and all(type(e) is Graph.Edge for e in edges)
    assert repr(edges[0]) == "Graph.Edge(w=0.0, dst=1)"
    for c in (Graph.Color.RED, Graph.Color.BLUE):
        check(weigh, edges, c)
        check(weigh, [Graph.Edge(2.5, 0), Graph.Edge(-1.0, 3)], c)


def test_nested_dataclass_fields_and_equality():
    for names in ([], ["a"], ["a", "x", "b"]):
        for other in (Inventory(), Inventory([Inventory.Item("a", 0)])):
            check(stock, names, other)
    for a, b in (("p", "p"), ("p", "q")):
        check(crates_equal, a, b)


def test_a_nested_class_reached_through_an_instance_is_a_diagnostic(tmp_path):
    text = compile_error(tmp_path, "nested_self", """
from pyrite import accelerate

class Maker:
    class Part:
        def __init__(self, n: int):
            self.n = n

    def make(self) -> int:
        return self.Part(3).n

@accelerate
def f() -> int:
    return Maker().make()
""")
    assert "nested_self.py:10:16: error: 'Maker' object has no attribute 'Part'" in text
