"""Class variables: class attributes compiled code assigns through the class (`Counter.count += 1`,
`cls.total = 0` in a classmethod) and containers a class body makes for all its instances
(`registry: list[str] = []`). Each call reads them from the class and stores them back (changed,
raising or not); reads through the class, a subclass or an instance see the one value; what would
give an instance or a subclass an attribute of its own hiding it is a diagnostic.

A class variable is state shared across calls, so each case runs CPython's version and the compiled
one from the same starting state (reset()) and compares the results and the class state after."""
from dataclasses import dataclass
from typing import ClassVar, Iterator

import pytest

from difftest import compile_error, same
from pyrite import accelerate


class Ticket:
    issued = 0
    total_price = 0.0
    last = ""
    sold: list[str] = []
    by_kind: dict[str, int] = {}

    def __init__(self, kind: str, price: float):
        Ticket.issued += 1
        Ticket.total_price += price
        Ticket.last = kind
        self.number = Ticket.issued
        self.kind = kind
        Ticket.sold.append(kind)
        Ticket.by_kind[kind] = Ticket.by_kind.get(kind, 0) + 1

    def describe(self) -> str:
        return f"#{self.number}/{self.issued} {self.kind} (last {self.last})"

    @staticmethod
    def reset() -> int:
        n = Ticket.issued
        Ticket.issued = 0
        Ticket.total_price = 0.0
        Ticket.sold.clear()
        Ticket.by_kind.clear()
        return n


class VipTicket(Ticket):
    def describe(self) -> str:
        return "VIP " + super().describe() + f" of {VipTicket.issued}"


@accelerate
def sell(kinds: list[str], price: float) -> tuple[list[str], int, float, str, int, dict[str, int]]:
    tickets = [Ticket(k, price) if k != "vip" else VipTicket(k, price * 2) for k in kinds]
    return [t.describe() for t in tickets], Ticket.issued, Ticket.total_price, Ticket.last, len(Ticket.sold), Ticket.by_kind


@accelerate
def sell_then_fail(kinds: list[str]) -> int:
    for k in kinds:
        if k == "bad":
            raise ValueError("bad ticket after " + str(Ticket.issued))
        Ticket(k, 1.0)
    return Ticket.issued


@accelerate
def close_day() -> int:
    return Ticket.reset()


def state():
    return Ticket.issued, Ticket.total_price, Ticket.last, list(Ticket.sold), dict(Ticket.by_kind)


def start(issued=0):
    Ticket.issued, Ticket.total_price, Ticket.last = issued, 0.0, ""
    Ticket.sold.clear()
    Ticket.by_kind.clear()


def both(fn, *args, issued=0):
    """fn compiled and interpreted from the same class state: their outcomes and the state after."""
    from difftest import _outcome, _reference
    start(issued)
    expected = _outcome(_reference(fn), list(args), {}), state()
    start(issued)
    got = _outcome(fn, list(args), {}), state()
    assert same(expected[1], got[1]), f"class state after {fn.__name__}{args}: CPython {expected[1]}, compiled {got[1]}"
    assert expected[0][0] == got[0][0], f"{fn.__name__}{args}: CPython {expected[0]}, compiled {got[0]}"
    if expected[0][0] == "value":
        assert same(expected[0][1], got[0][1]), f"{fn.__name__}{args}: CPython {expected[0][1]!r}, compiled {got[0][1]!r}"
    else:
        assert expected[0][1:3] == got[0][1:3]


def test_counters_and_shared_containers():
    both(sell, ["adult", "child", "vip", "adult"], 10.5)
    both(sell, [], 1.0)
    both(sell, ["vip"], 3.0, issued=2 ** 62)


def test_python_sees_every_change_and_compiled_code_sees_pythons():
    start()
    sell(["a", "b"], 2.0)
    assert state() == (2, 4.0, "b", ["a", "b"], {"a": 1, "b": 1})
    Ticket.issued = 40  # Python changes it between calls: the next call reads 40
    Ticket.last = "x"
    got = sell(["c"], 1.0)
    assert got[1] == 41 and got[0] == ["#41/41 c (last c)"] and state()[:3] == (41, 5.0, "c")
    assert close_day() == 41 and state() == (0, 0.0, "c", [], {})
    Ticket.last = 5  # the wrong type: the call says which class variable
    with pytest.raises(TypeError, match=r"sell\(\) reads the class variable 'Ticket.last', which must be str, not int"):
        sell(["d"], 1.0)
    Ticket.sold.append(7)
    Ticket.last = ""
    with pytest.raises(TypeError, match=r"reads the class variable 'Ticket.sold'\[0\], which must be str, not int"):
        sell(["d"], 1.0)
    start()


def test_raising_keeps_what_happened():
    both(sell_then_fail, ["a", "b", "bad", "c"])
    both(sell_then_fail, ["a"])


def test_overflow_leaves_the_class_as_cpython():
    both(sell, ["a"], 1.0, issued=2 ** 63 - 1)  # Ticket.issued += 1 beyond 64 bits: the call runs in CPython
    both(sell, ["a", "b"], 1.0, issued=2 ** 63 - 2)  # the second ticket's, after the first changed the class


class Shape:
    made = 0
    sides = 0
    registry: ClassVar[dict[str, int]] = {}

    def __init__(self, name: str):
        Shape.made += 1
        Shape.registry[name] = self.sides


class Square(Shape):
    sides = 4


@dataclass
class Point:
    x: int
    y: int
    created: ClassVar[int] = 0

    @classmethod
    def at(cls, x: int, y: int) -> "Point":
        cls.created += 1
        return cls(x, y)


@accelerate
def shapes(names: list[str]) -> tuple[int, dict[str, int], int, list[int]]:
    for n in names:
        Square(n) if n.startswith("sq") else Shape(n)
    pts = [Point.at(i, -i) for i in range(3)]
    return Shape.made, Shape.registry, Point.created, [p.x + p.y for p in pts]


def test_inheritance_classvar_and_dataclass():
    Shape.made, Point.created = 0, 0
    Shape.registry.clear()
    expected = shapes.__wrapped__(["sq1", "tri", "sq2"])
    Shape.made, Point.created = 0, 0
    Shape.registry.clear()
    assert same(expected, shapes(["sq1", "tri", "sq2"]))
    assert Shape.made == 3 and Point.created == 3 and Shape.registry == {"sq1": 4, "tri": 0, "sq2": 4}


class Visitor:
    visits = 0
    names: list[str] = []

    def __init__(self, name: str):
        self.name = name

    def visit(self) -> int:
        type(self).visits += 1  # the class the method runs on: Visitor (it has no subclasses)
        self.__class__.names.append(self.name)
        return type(self).visits


@accelerate
def visiting(names: list[str]) -> tuple[list[int], int, list[str]]:
    vs = [Visitor(n) for n in names]
    return [v.visit() for v in vs + vs], Visitor.visits, Visitor.names


def test_through_type_of_self():
    for names in (["a", "b"], []):
        results = []
        for f in (visiting.__wrapped__, visiting):
            Visitor.visits = 0
            Visitor.names = []
            results.append((f(names), Visitor.visits, list(Visitor.names)))
        assert same(results[0], results[1])


class Memo:
    cache: dict[int, int] = {}
    hits = 0


def fib_gen(n: int) -> Iterator[int]:
    for k in range(n):
        if k in Memo.cache:
            Memo.hits += 1
        elif k < 2:
            Memo.cache[k] = k
        else:
            Memo.cache[k] = Memo.cache[k - 1] + Memo.cache[k - 2]
        if Memo.cache[k] > 10 ** 18:
            raise OverflowError("too big at " + str(k))
        yield Memo.cache[k]


@accelerate
def fibs(n: int) -> tuple[list[int], int, str]:
    out = []
    try:
        for v in fib_gen(n):
            out.append(v)
    except OverflowError as e:
        return out, Memo.hits, str(e)
    return out, Memo.hits, ""


def test_class_dict_in_a_generator_that_raises():
    for n, warm in [(10, 0), (10, 5), (100, 0)]:
        results = []
        for f in (fibs.__wrapped__, fibs):
            Memo.cache.clear()
            Memo.hits = 0
            for k in range(warm):
                Memo.cache[k] = [0, 1, 1, 2, 3][k]
            results.append((f(n), dict(Memo.cache), Memo.hits))
        assert same(results[0], results[1])


@pytest.mark.parametrize("body, message", [
    ("""
class C:
    n = 0
class D(C):
    pass
@accelerate
def f() -> int:
    D.n += 1
    return D.n
""", "would give 'D' an attribute of its own, hiding 'C.n'"),
    ("""
class C:
    n = 0
class D(C):
    pass
@accelerate
def f() -> int:
    C.n += 1
    D.n = 3
    return D.n
""", "assigns the class variable of 'C' through its subclass"),
    ("""
class C:
    n = 0
    def bump(self) -> None:
        self.n = 5
@accelerate
def f() -> int:
    C.n += 1
    c = C()
    c.bump()
    return C.n
""", "'n' is a class variable of 'C'"),
    ("""
class C:
    items: list[int] = []
@accelerate
def f() -> int:
    C.items = [1]
    return len(C.items)
""", "does not assign another"),
    ("""
class C:
    n = 0
@accelerate
def f() -> int:
    C.m = 1
    return C.n
""", "does not define"),
    ("""
class C:
    n = 0
    @classmethod
    def bump(cls) -> None:
        cls.n += 1
class D(C):
    pass
@accelerate
def f() -> int:
    C.bump()
    return C.n
""", "of a class with subclasses: run for a subclass's instance or on the subclass"),
    ("""
from dataclasses import dataclass
@dataclass
class P:
    x: int = 0
@accelerate
def f() -> int:
    P.x = 5
    return P(3).x
""", "'P.x' is a field of the dataclass 'P'"),
    ("""
class C:
    n = 0
@accelerate
def f() -> int:
    C.n += 1
    c = C()
    c.n = 5
    return C.n
""", "'n' is a class variable of 'C': assigning it through an instance"),
    ("""
class C:
    n = 0
    def bump(self) -> None:
        type(self).n += 1
class D(C):
    pass
@accelerate
def f() -> int:
    D().bump()
    return C.n
""", "of a class with subclasses: run for a subclass's instance"),
    ("""
class C:
    n = 0
class D(C):
    n = 1
@accelerate
def f() -> int:
    C.n += 1
    return D.n
""", "'n' is a class variable of 'C'"),
])
def test_refused(tmp_path, body, message):
    err = compile_error(tmp_path, "class_vars_refused", "from pyrite import accelerate\n" + body)
    assert message in err
