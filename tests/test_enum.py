"""enum.Enum classes: a member is its position in the class in compiled code; named
(Color.RED), looked up by value (Color(v), CPython's ValueError), iterated (for c in Color,
len(Color)), compared (== and is), hashed by name (dict keys), printed as CPython prints them,
and crossing the boundary as the class's own member objects. What pyrite does not compile is
one diagnostic at the class."""
import heapq
from enum import Enum
from typing import NamedTuple

import pytest

from difftest import check, check_all, compile_error, printed_both
from pyrite import accelerate


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 30


class Mode(Enum):
    FAST = "fast"
    SAFE = "safe"


class Level(Enum):
    LOW = 0.5
    HIGH = 2.5

    def scaled(self, k: float) -> float:
        return self.value * k

    def louder(self) -> "Level":
        return Level.HIGH if self is Level.LOW else self

    @classmethod
    def parse(cls, text: str) -> "Level":
        return cls.HIGH if text == "high" else cls.LOW

    @staticmethod
    def default() -> "Level":
        return Level.LOW


@accelerate
def levels(lv: Level, text: str) -> tuple[float, Level, Level, Level, str]:
    return lv.scaled(3.0), lv.louder(), Level.parse(text), Level.default(), lv.louder().name


@accelerate
def describe(c: Color, m: Mode, lv: Level) -> list[str]:
    return [c.name, str(c.value), str(c), repr(c), f"{c}|{c!r}|{m}|{lv}", repr(m), m.value, repr(lv), str(lv.value * 2)]


@accelerate
def lookup(v: int) -> tuple[Color, str, bool, bool, bool]:
    c = Color(v)
    return c, c.name, c == Color.GREEN, c is Color.BLUE, c != Color.RED


@accelerate
def tally(xs: list[Color]) -> tuple[dict[Color, int], list[Color], int, list[int]]:
    counts = {c: 0 for c in Color}
    for x in xs:
        counts[x] += 1
    order = [c for c in Color if counts[c] > 0]
    return counts, order, len(Color), [hash(c) - hash(c.name) for c in Color]


@accelerate
def state_machine(events: list[str]) -> tuple[Mode, int]:
    mode = Mode.SAFE
    switches = 0
    for e in events:
        new = Mode(e) if e in ("fast", "safe") else mode
        if new is not mode:
            switches += 1
        mode = new
    return mode, switches


FAVOURITE = Color.GREEN  # a global member: a constant, made by its class


@accelerate
def favourite(c: Color) -> tuple[bool, bool, bool, Color, str]:
    return c is FAVOURITE, isinstance(c, Color), isinstance(c, int), FAVOURITE, f"{c:>12}|{FAVOURITE:<12}|"


@accelerate
def show(c: Color) -> None:
    print(c, [c, Color.RED], {c: c.value})


def test_members_names_values_and_text():
    check_all(describe, list(Color), list(Mode), list(Level))
    compiled, interpreted = printed_both(show, Color.BLUE)
    assert compiled == interpreted


def test_lookup_by_value():
    check_all(lookup, [1, 2, 30, 3, -1])


def test_a_global_member_and_isinstance():
    check_all(favourite, list(Color))
    assert favourite(Color.RED)[3] is Color.GREEN


def test_methods():
    check_all(levels, list(Level), ["high", "low", ""])


def test_members_at_the_boundary():
    check(tally, [Color.RED, Color.BLUE, Color.RED])
    check(tally, [])
    counts, order, _, _ = tally([Color.BLUE])
    assert order[0] is Color.BLUE and list(counts) == list(Color)
    check(state_machine, ["fast", "x", "safe", "safe", "fast"])
    assert lookup(30)[0] is Color.BLUE
    with pytest.raises(TypeError, match=r"tally\(\) argument 'xs'\[0\] must be Color, not Mode"):
        tally([Mode.FAST])


class Dir(Enum):
    N = (0, 1)
    E = (1, 0)
    S = (0, -1)
    W = (-1, 0)

    def turn_right(self):
        order = list(Dir)
        return order[(order.index(self) + 1) % 4]


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6, "rock")
    JUPITER = (1.9e+27, 7.1492e7, "gas")


@accelerate
def tour(cmds: str, start: Dir):
    # members whose values are tuples: unpacked, looked up by value, keys of a dict, printed
    d = start
    seen = {}
    x = y = 0
    for c in cmds:
        if c == "R":
            d = d.turn_right()
        else:
            dx, dy = d.value
            x, y = x + dx, y + dy
        seen[d] = seen.get(d, 0) + 1
    return (x, y), d, repr(d), str(d), d.name, Dir((0, -1)), [m.value for m in Dir], seen


@accelerate
def gravity(p: Planet, v: tuple[float, float, str]) -> tuple[float, Planet]:
    mass, radius, kind = p.value
    return 6.673e-11 * mass / (radius * radius), Planet(v)  # ValueError: not a valid Planet


def test_members_whose_values_are_tuples():
    for cmds in ("", "FRFFRRF", "RRRRF"):
        for start in Dir:
            check(tour, cmds, start)
    check(gravity, Planet.JUPITER, (1.9e+27, 7.1492e7, "gas"))
    check(gravity, Planet.MERCURY, (1.0, 2.0, "rock"))


@pytest.mark.parametrize("body, message", [
    ("A = 1\n    B = 1", "'E.B' is an alias of 'E.A'"),
    ("A = 1\n    B = 'b'", "the Enum 'E' has values of types 'int' and 'str'"),
    ("A = (1, [2])", "the member 'E.A' has a value of type 'tuple holding a 'list''"),
    ("A = (1, 2)\n    B = (1, 2.5)", "the Enum 'E' has values of types 'tuple[int, int]' and 'tuple[int, float]'"),
    ("A = 1\n    def __str__(self) -> str:\n        return 'e'", "'__str__' of an Enum is not supported by pyrite"),
])
def test_enum_diagnostics(tmp_path, body, message):
    text = f"""from enum import Enum
from pyrite import accelerate

class E(Enum):
    {body}

@accelerate
def f(v: int) -> str:
    return E(v).name
"""
    err = compile_error(tmp_path, f"enum_{abs(hash(body))}", text, 1)
    assert message in err and err.count("error:") == 1, err


@pytest.mark.parametrize("body, message", [
    ("return Color.PURPLE.name", "'Color' has no member 'PURPLE'"),
    ("return Color('x').name", "Color's members have values of type 'int', not 'str'"),
    ("return Color.RED.label", "'Color' object has no attribute 'label'"),
])
def test_use_diagnostics(tmp_path, body, message):
    text = f"""from pyrite import accelerate
from test_enum import Color

@accelerate
def f(v: int) -> str:
    {body}
"""
    err = compile_error(tmp_path, f"enum_use_{abs(hash(body))}", text, 1)
    assert message in err and err.count("error:") == 1, err


@pytest.mark.parametrize("base, message", [
    ("IntFlag", "derives from 'enum.IntFlag': pyrite compiles enum.Enum classes"),  # IntEnum: test_int_enum.py
    ("Flag", "derives from 'enum.Flag'"),
    ("float, Enum", "derives from 'builtins.float, enum.Enum'"),  # a mixin other than int's and str's
    ("metaclass=Meta", "has the metaclass '"),  # ABCMeta compiles (test_abc.py); others do not
])
def test_a_refused_class_is_one_diagnostic(tmp_path, base, message):
    # the class's own diagnostic only: not one more for each unannotated member, each use of the
    # class as a value and each operator applied to its instances
    text = f"""from abc import ABC
from enum import Enum, Flag, IntFlag
from pyrite import accelerate

class Meta(type):
    pass

class Level({base}):
    LOW = 1
    HIGH = 2

@accelerate
def f(levels: list[Level]) -> int:
    t = 0
    for v in levels:
        if v > Level.LOW:
            t += v * 2 + -v
        t += v.value
    return t
"""
    err = compile_error(tmp_path, f"enum_refused_{abs(hash(base))}", text, [])
    assert message in err and err.count("error:") == 1, err


# features in combination: Enum and NamedTuple items in heapq tuples, a generator of NamedTuples
# that raises, _replace, a dict comprehension keyed by members, f-strings
class Kind(Enum):
    BUY = "buy"
    SELL = "sell"

class Order(NamedTuple):
    price: float
    qty: int
    kind: Kind
    trader: str = "anon"

    def value(self) -> float:
        return self.price * self.qty

class Fill(NamedTuple):
    buyer: str
    seller: str
    price: float
    qty: int

def parse(lines: list[str]):
    for n, line in enumerate(lines, 1):
        parts = line.split(",")
        if len(parts) != 4:
            raise ValueError(f"line {n}: expected 4 fields, got {len(parts)}")
        yield Order(float(parts[1]), int(parts[2]), Kind(parts[0]), parts[3])

def match(orders: list[Order]):
    buys: list[tuple[float, int, Order]] = []
    sells: list[tuple[float, int, Order]] = []
    seq = 0
    for o in orders:
        seq += 1
        if o.kind is Kind.BUY:
            heapq.heappush(buys, (-o.price, seq, o))
        else:
            heapq.heappush(sells, (o.price, seq, o))
        while buys and sells and -buys[0][0] >= sells[0][0]:
            _, bs, b = heapq.heappop(buys)
            _, ss, s = heapq.heappop(sells)
            q = min(b.qty, s.qty)
            yield Fill(b.trader, s.trader, s.price, q)
            if b.qty > q:
                heapq.heappush(buys, (-b.price, bs, b._replace(qty=b.qty - q)))
            if s.qty > q:
                heapq.heappush(sells, (s.price, ss, s._replace(qty=s.qty - q)))

@accelerate
def order_book(lines: list[str]) -> tuple[list[Fill], dict[str, float], str]:
    volume: dict[str, float] = {}
    fills: list[Fill] = []
    try:
        orders = list(parse(lines))
    except ValueError as e:
        return [], {}, str(e)
    for f in match(orders):
        fills.append(f)
        volume[f.buyer] = volume.get(f.buyer, 0.0) + f.price * f.qty
    by_kind = {k: sum(o.value() for o in orders if o.kind == k) for k in Kind}
    return fills, volume, f"{by_kind[Kind.BUY]:.2f}/{by_kind[Kind.SELL]:.2f} {Kind.BUY}"



def test_order_book_combination():
    data = ["buy,10.5,100,ann", "sell,10.0,50,bob", "sell,10.4,80,cy", "buy,9.0,10,dee", "buy,11,40,ann", "sell,8,200,eve"]
    check(order_book, data)
    check(order_book, data + ["oops"])
    check(order_book, ["buy,1,1,x", "hold,1,1,y"])
    check(order_book, [])
    fills, _, _ = order_book(data)
    assert all(type(f) is Fill for f in fills)


class Ticket(NamedTuple):
    qty: int
    kind: Kind = Kind.BUY


class Counter:
    kind: Kind = Kind.SELL  # a class attribute read through instances

    def __init__(self, q: int):
        self.q = q


@accelerate
def members_as_defaults(n: int) -> tuple[Ticket, Ticket, Kind, str]:
    c = Counter(n)
    return Ticket(n), Ticket(n, Kind.SELL), c.kind, repr(Ticket(-n))


def test_members_as_field_defaults():
    check_all(members_as_defaults, [0, 3])
