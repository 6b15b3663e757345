"""list, dict, set and tuple written without item types (`-> dict`, `xs: list`, typing.List): CPython
does not check annotations, and these name no item type, so pyrite types them as it types no
annotation: a root's parameter by its argument, a helper's by its calls, a local and a return by
what they are given (frontend's Lowerer::bare_container, _types.bare_container), a dataclass's field
(`items: dict = field(default_factory=dict)`) by what is assigned and stored into it. And a list
passed from Python that holds ints and floats ([[1.5, 2], [3, 4]]) is a list of int | float."""
from __future__ import annotations

import typing
from dataclasses import dataclass, field

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


@accelerate
def summary(xs: list) -> dict:
    n = len(xs)
    mean = sum(xs) / n
    return {"count": n, "mean": mean, "max": max(xs)}  # an int and floats: dict[str, int | float]


def pairs_of(words: list) -> list:
    out: list = []
    for w in words:
        out.append((w, len(w)))
    return out


@accelerate
def longest(words: typing.List, k: "int") -> tuple:
    ranked = sorted(pairs_of(words), key=lambda p: (-p[1], p[0]))
    seen: set = set()
    for w, _ in ranked:
        seen.add(w[0])
    return ranked[:k], len(seen)


@accelerate
def matmul(a, b: list) -> list:
    n, m, p = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(m)) for j in range(p)] for i in range(n)]


@accelerate
def scaled(d: dict, s: "tuple") -> dict:
    return {k: v * s[0] for k, v in d.items()}


def test_bare_containers_are_typed_by_their_values():
    check(summary, [1.0, 2.5, 4.0])
    check(summary, [3, 1, 2])
    check(summary, [3, 1.5])  # ints and floats: int | float items
    check(summary, [])  # the version of the last call's list: ZeroDivisionError, as CPython raises it
    check_all(longest, [["pear", "fig", "banana", "apple"], ["x"]], [0, 2, 9])


def test_lists_of_ints_and_floats_from_python():
    a, b = [[1.5, 2], [3, 4]], [[5, 6], [7, 8.25]]
    check(matmul, a, b)
    check(matmul, [[1, 2], [3, 4]], b)
    with pytest.raises(TypeError, match="argument 'a' holds items of the types bool, int"):
        matmul([[True, 2]], [[1], [2]])  # a bool and an int have no one type (True prints as True)
    check(scaled, {"a": 1, "b": 2.5}, (2,))
    check(scaled, {"a": 1, "b": 2}, (0.5, "x"))


WEIGHTS = [1, 0.5, 2]  # a global of ints and floats: list[int | float]


@accelerate
def weighted(xs: list[float]) -> tuple[float, str]:
    return sum((w * x for w, x in zip(WEIGHTS, xs)), 0.0), str(WEIGHTS)


def test_a_global_of_ints_and_floats():
    check(weighted, [2.0, 4.0, 1.0])
    check(weighted, [])


@dataclass
class Item:
    name: str
    price: float
    qty: int = 0


@dataclass
class Inventory:
    items: dict = field(default_factory=dict)  # typed by what add() stores: dict[str, Item]
    log: list = field(default_factory=list)

    def add(self, name, price, qty):
        if name in self.items:
            self.items[name].qty += qty
        else:
            self.items[name] = Item(name, price, qty)
        self.log.append(name)

    def total(self):
        return sum(it.price * it.qty for it in self.items.values())

    def report(self):
        lines = []
        for name in sorted(self.items):
            it = self.items[name]
            lines.append(f"{name:<8}{it.qty:>4}{it.price * it.qty:>9.2f}")
        return "\n".join(lines)


@accelerate
def stock(n: int) -> str:
    inv = Inventory()
    for i in range(n):
        inv.add(f"item{i % 7}", 1.5 + i % 3, i % 4 + 1)
    given = Inventory({"x": Item("x", 2.0, 3)}, ["x"])  # the fields given: the same types
    given.add("x", 2.0, 1)
    return inv.report() + f"\nTOTAL {inv.total():.2f} {len(inv.log)} {given.total()} {given.log}"


def test_bare_dataclass_fields_are_typed_by_their_stores():
    check_all(stock, [0, 1, 50])


def test_a_display_refused_inside_another_is_one_diagnostic(tmp_path):
    # the inner list's two types are the cause: the outer list, and the helper's version given
    # what follows from it, say nothing more (a crash of the compiler before)
    text = compile_error(tmp_path, "nested_display", """
from pyrite import accelerate

def flatten(d, prefix=""):
    out = {}
    for k, v in d.items():
        key = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict):
            out.update(flatten(v, key))
        else:
            out[key] = v
    return out

@accelerate
def f() -> int:
    xs = [[1, "x"], 2]
    cfg = {"db": {"host": "localhost", "port": 5432}}
    return len(xs) + len(flatten(cfg))
""")
    assert text.count("error:") == 2, text
    assert "this list holds 'int' and 'str' values" in text
    # the dict's values of several types are `object`s (boxed.hpp), which isinstance() does not narrow
    assert "'object' object has no attribute 'items'" in text and "an 'object' is a value of a dict" in text
