"""Call forms (issue 16): keyword-only parameters (after `*`), positional-only ones (before `/`),
`*args` and `**kwargs` parameters of helpers (a tuple and a dict of str keys that each call
packs: unannotated, a version per the types it packs; `*args: float` is a tuple[float, ...]),
and CPython's TypeError messages for calls that do not bind, at compile time for calls in
compiled code and at the call for calls from Python."""
from dataclasses import dataclass, field
from typing import NamedTuple

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


def area(w, h, *, scale=1.0, unit="m2"):
    return f"{w * h * scale}{unit}"


def ordered(a, b, /, c=0):
    return a * 100 + b * 10 + c


def total(*xs):
    s = 0
    for x in xs:
        s += x
    return s


def mean(*xs: float) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def joined(sep, *parts, upper=False):
    out = sep.join([p for p in parts])
    return out.upper() if upper else out


def tag(name, **attrs: str) -> str:
    inner = "".join([f' {k}="{v}"' for k, v in attrs.items()])
    return f"<{name}{inner}>"


def counts(**named: int):
    return sorted(named.items())


@accelerate
def calls(n: int) -> tuple[str, str, int, int, int, int, float, float, str, str]:
    return (area(n, 2), area(2, n, scale=0.5, unit="ft2"), ordered(1, 2), ordered(1, 2, c=n), total(), total(n, n, 1),
            mean(), mean(1.5, n * 1.0, 2.0), joined("-", "a", str(n)), joined("+", "x", "y", upper=True))


@accelerate
def packed(n: int) -> tuple[str, str, list[tuple[str, int]], list[tuple[str, int]]]:
    return tag("a"), tag("img", src="x.png", alt=str(n)), counts(), counts(b=n, a=2)


@accelerate
def scaled(xs: list[float], *, factor: float = 2.0, shift: int) -> list[float]:
    return [x * factor + shift for x in xs]


@accelerate
def positional(a: int, b: int, /, c: int = 0) -> int:
    return a - b + c


@accelerate
def placed(x: int, y: int, z: int, *, dx: int, dy: int, dz: int = 0) -> int:
    return x * dx + y * dy + z * dz


def test_keyword_only_positional_only_and_packed_arguments_in_compiled_calls():
    check_all(calls, [0, 3, -4])
    check_all(packed, [0, 7])


def test_calls_from_python_bind_as_cpython_binds():
    check(scaled, [1.0, 2.5], shift=1)
    check(scaled, [1.0], factor=0.5, shift=-1)
    check(scaled, [1.0], 3.0)  # takes 1 positional argument but 2 were given
    check(scaled, [1.0])  # missing 1 required keyword-only argument: 'shift'
    check(positional, 5, 3)
    check(positional, 5, 3, c=1)
    check(positional, 5, b=3)  # got some positional-only arguments passed as keyword arguments: 'b'
    # several missing: CPython names them all ('y' and 'z'; 'x', 'y', and 'z'), each kind in turn
    check(placed, 1)
    check(placed)
    check(placed, z=3)
    check(placed, 1, 2, 3)
    check(placed, 1, 2, 3, dy=1)
    check(placed, 1, 2, 3, dx=2, dy=1)
    with pytest.raises(TypeError, match=r"^scaled\(\) missing 1 required keyword-only argument: 'shift'$"):
        scaled([1.0])


@pytest.mark.parametrize("call,message", [
    ("area(1)", "area() missing 1 required positional argument: 'h'"),
    ("area()", "area() missing 2 required positional arguments: 'w' and 'h'"),
    ("area(1, 2, 3)", "area() takes 2 positional arguments but 3 were given"),
    ("ordered(1, 2, 3, 4)", "ordered() takes from 2 to 3 positional arguments but 4 were given"),
    ("ordered(a=1, b=2)", "ordered() got some positional-only arguments passed as keyword arguments: 'a, b'"),
    ("kwonly(1)", "kwonly() missing 1 required keyword-only argument: 'k'"),
    ("area(1, 2, size=3)", "area() got an unexpected keyword argument 'size'"),
    ("total(xs=1)", "total() got an unexpected keyword argument 'xs'"),
])
def test_calls_that_do_not_bind_have_cpythons_messages(tmp_path, call, message):
    text = compile_error(tmp_path, "bad_bind", "from pyrite import accelerate\n"
                         "def area(w, h, *, scale=1.0):\n    return w * h * scale\n"
                         "def ordered(a, b, /, c=0):\n    return a + b + c\n"
                         "def kwonly(a, *, k):\n    return a + k\n"
                         "def total(*xs):\n    return len(xs)\n"
                         f"@accelerate\ndef f(n: int) -> int:\n    {call}\n    return n\n", 1)
    assert message in text
    assert text.count(": error:") == 1


def test_varargs_where_calls_cannot_pack_them(tmp_path):
    text = compile_error(tmp_path, "bad_varargs", "from pyrite import accelerate\n"
                         "@accelerate\ndef f(n: int, *rest: int) -> int:\n    return n\n", 1)
    assert "*args parameters are supported in functions compiled code calls by name, not in a function called " \
           "from Python" in text


# ---- f(*iterable): every argument evaluated left to right, then the items bound by position,
# with CPython's TypeError when the iterable holds other than the parameters left for it
def add3(a: int, b: int, c: int) -> int:
    return a * 100 + b * 10 + c


def hypot2(x, y):
    return (x * x + y * y) ** 0.5


def scaled_sum(a: int, b: float, *, scale: float = 1.0) -> float:
    return (a + b) * scale


def noisy(log: list[str], tag: str, value: int) -> int:
    log.append(tag)
    return value


def pairs_gen(n: int):
    for i in range(n):
        yield i + 1


@accelerate
def star_calls(xs: list[int], t: tuple[int, int], line: str) -> list[float]:
    out = [float(add3(*xs)), float(add3(1, *t)), float(add3(*t, 9))]
    out.append(hypot2(*t))
    out.append(hypot2(*(1.5, 2.0)))
    out.append(float(add3(*map(int, line.split()))))
    out.append(scaled_sum(*xs[:1], 2.5, scale=2.0))
    out.append(scaled_sum(*(3, 0.5)))
    out.append(float(add3(*[x * 2 for x in xs])))
    out.append(float(add3(*(x for x in xs))))
    out.append(float(add3(*pairs_gen(3))))
    out.append(float(add3(*xs[:1], *t)))
    return out


@accelerate
def star_order(xs: list[int]) -> list[str]:
    log: list[str] = []
    try:
        add3(noisy(log, "first", 1), *xs, noisy(log, "last", 3))
    except TypeError as e:
        log.append(str(e))
    return log


def test_star_calls_bind_as_cpython_binds():
    check_all(star_calls, [[1, 2, 3], [1, 2], [1, 2, 3, 4], [], [7]], [(4, 5)], ["7 8 9", "7", "1 2 3 4"])
    check_all(star_order, [[], [2], [2, 3]])


def with_defaults(a, b=2, c=3):
    return a * 100 + b * 10 + c


def labelled(label: str, *vals: int) -> str:
    return label + ":" + ",".join(str(v) for v in vals)


def options(w, h, *, scale=1.0, depth=0.5):
    return f"{w}x{h}*{scale}+{depth}"


def tagged(name, **tags):
    return name + "".join(f" {k}={v}" for k, v in sorted(tags.items()))


@accelerate
def star_ranges(xs: list[int], label: str) -> list[str]:
    # *iterable where its length decides: defaults it may fill, *args that take the rest
    out = [str(with_defaults(*xs)), str(with_defaults(1, *xs)), str(total(*xs)), str(total(1, 2, *xs, 3))]
    out.append(labelled(label, *xs))
    out.append(labelled(label, 4, *xs, 9))
    out.append(str(ordered(*xs[:2])))
    return out


@accelerate
def kwargs_calls(d: dict[str, float], tags: dict[str, int]) -> list[str]:
    # **mapping: its keys name the parameters the other arguments leave
    return [options(**d), options(1.0, **d), tagged("t", **tags), str(with_defaults(**tags))]


@accelerate
def kwargs_order(d: dict[str, int]) -> list[str]:
    log: list[str] = []
    try:
        log.append(str(with_defaults(noisy(log, "first", 1), **d)))
    except TypeError as e:
        log.append(str(e))
    return log


@accelerate
def nested_varargs(xs: list[int], flip: bool) -> list[int]:
    # a lambda's and a nested def's *args: each call of the value packs its positional arguments
    count = lambda *vs: len(vs)
    def first_and_rest(a, *rest):
        return a * 100 + sum(rest)
    pick = (lambda *vs: len(vs)) if flip else (lambda *vs: sum(vs))  # one of two, each packing
    out = [count(), count(1, 2, 3), first_and_rest(7), first_and_rest(1, 2, 3), pick(4, 5), pick()]
    for x in xs:
        out.append(first_and_rest(x, x, x))
    return out


class Bag:
    def __init__(self, name: str, *items: int):
        self.name = name
        self.items = list(items)

    def add(self, *vs: int) -> int:
        for v in vs:
            self.items.append(v)
        return len(self.items)

    @staticmethod
    def joined(sep: str, *parts: str) -> str:
        return sep.join(parts)


@accelerate
def method_varargs(xs: list[int]) -> tuple[str, list[int], int, int, str]:
    b = Bag("b", 1, 2)
    n = b.add()
    m = b.add(7, 8)
    for x in xs:
        m += b.add(x, x)
    return b.name, b.items, n, m, b.joined("-", "a", "b", b.name)


def test_star_calls_whose_length_decides():
    check_all(method_varargs, [[], [3]])
    check_all(nested_varargs, [[], [1, 2]], [True, False])
    check_all(star_ranges, [[], [5], [5, 6], [5, 6, 7], [5, 6, 7, 8]], ["n"])


def test_calls_with_a_mapping_bind_its_keys_as_cpython_does():
    check_all(kwargs_calls, [{"w": 2.0, "h": 3.0}, {"h": 3.0}, {"w": 1.0, "h": 2.0, "scale": 3.0}, {"w": 1.0, "x": 2.0},
                             {}], [{"a": 1}, {"b": 5, "a": 2}, {"c": 1, "a": 4, "b": 2}, {"a": 1, "d": 4}, {}])
    check_all(kwargs_order, [{}, {"b": 5}, {"a": 2}, {"z": 1}])


@accelerate
def extremes(xs: list[int], b: int, ys: list[float]):
    return max(*xs), min(*xs, b), max(*xs, key=lambda v: -v), max(b, *xs), min(*ys)


@dataclass(order=True)
class Rank:
    level: int


@accelerate
def best_rank(ranks: list[Rank]) -> Rank:
    return max(*ranks)


def test_max_and_min_of_star_arguments():
    # CPython's min_max: two or more values are compared; one alone is read as the iterable
    # ('int' object is not iterable), none is "max expected at least 1 argument, got 0"
    check_all(extremes, [[3, 1, 2], [5], [], [2, 2], [-1, 7, 7, 0]], [0, 9], [[0.5, -0.0, 0.0], [1.5], []])
    check(best_rank, [Rank(2), Rank(5), Rank(1)])
    check(best_rank, [Rank(2)])


def test_max_of_star_strings_is_a_diagnostic(tmp_path):
    text = compile_error(tmp_path, "max_star_str", """from pyrite import accelerate

@accelerate
def f(xs: list[str]) -> str:
    return max(*xs)
""", ["a", "b"])
    assert "max_star_str.py:5:12: error: max(*values) of str values is not supported (a single value would be iterated)" in text, text
    assert text.count("error:") == 1, text


def test_star_call_diagnostics(tmp_path):
    text = compile_error(tmp_path, "kw_bad", """from pyrite import accelerate

def g(a, b=2):
    return a + b

@accelerate
def f(d: dict[int, int]) -> int:
    return g(1, **d)
""", {1: 2})
    assert "kw_bad.py:8:17: error: g(**d) takes a dict[str, V] here, not 'dict[int, int]'" in text, text
    assert text.count("error:") == 1, text
    text = compile_error(tmp_path, "kw_twice", """from pyrite import accelerate

def g(a, b=2):
    return a + b

@accelerate
def f(d: dict[str, int]) -> int:
    return g(**d, b=1)
""", {"a": 2})
    assert "kw_twice.py:8:14: error: **mapping in a call is supported once, after the other keyword arguments" in text
    assert text.count("error:") == 1, text
    text = compile_error(tmp_path, "star_set", """from pyrite import accelerate

def g(a: int, b: int) -> int:
    return a + b

@accelerate
def f(xs: set[int]) -> int:
    return g(*xs)
""", {1, 2})
    assert "g(*xs) takes a list, a tuple or a str here, not 'set[int]': write g(*list(xs))" in text, text


# Box(*row): a class's constructor takes *iterable as its __init__ does, self counted in CPython's
# messages ("Box.__init__() missing 1 required positional argument: 'h'", "takes from 3 to 4
# positional arguments but 5 were given"); an inherited __init__ too
class Box:
    def __init__(self, w: float, h: float, depth: float = 1.0):
        self.w = w
        self.h = h
        self.depth = depth

    def volume(self) -> float:
        return self.w * self.h * self.depth


class Cube(Box):
    pass


class Pair:
    def __init__(self, a: int, b: int):
        self.a = a
        self.b = b


@accelerate
def built(row: list[float], ab: tuple[int, int], k: int) -> str:
    b = Box(*row)
    c = Cube(2.0, *row[:1])
    p = Pair(*ab)
    q = Pair(k, *[k + 1])
    return f"{b.volume()} {c.volume()} {p.a - p.b} {q.b}"


def test_constructors_take_star_arguments():
    check_all(built, [[1.0, 2.0], [1.0, 2.0, 3.0], [1.0], [1.0, 2.0, 3.0, 4.0], []], [(1, 2)], [3])


# Item(*row) of a @dataclass and P(*t) of a NamedTuple: the __init__ (__new__) the class is made
# with, its defaults (field(default=...), default_factory=list) where the row is short, and
# CPython's messages ("Item.__init__() missing 1 required positional argument: 'qty'",
# "P.__new__() takes 3 positional arguments but 4 were given")
@dataclass
class Item:
    name: str
    qty: int
    price: float = 1.0
    tags: list[str] = field(default_factory=list)


@dataclass
class Pt:
    x: int
    y: int


class Vec(NamedTuple):
    x: float
    y: float
    z: float = 0.0


@accelerate
def load_items(rows: list[tuple[str, int, float]], short: list[tuple[str, int]]) -> list[str]:
    items = [Item(*r) for r in rows] + [Item(*s) for s in short]
    for it in items:
        it.tags.append(it.name.upper())
    return [f"{it.name}:{it.qty * it.price}:{it.tags}" for it in items]


@accelerate
def from_lists(rows: list[list[int]], coords: list[list[float]]) -> tuple[int, float]:
    total = 0
    for r in rows:
        p = Pt(*r)
        total += p.x * p.y
    vs = [Vec(*c) for c in coords]
    return total, sum(v.x + v.y + v.z for v in vs)


def test_dataclass_and_namedtuple_take_star_arguments():
    check(load_items, [("a", 2, 1.5), ("b", 1, 2.0)], [("c", 3)])
    check(load_items, [], [])
    check(from_lists, [[1, 2], [3, 4]], [[1.0, 2.0], [1.0, 2.0, 3.0]])
    check(from_lists, [[1, 2, 3]], [])       # Pt.__init__() takes 3 positional arguments but 4 were given
    check(from_lists, [[1]], [])             # missing 1 required positional argument: 'y'
    check(from_lists, [], [[1.0]])           # Vec.__new__() missing 1 required positional argument: 'y'
    check(from_lists, [], [[1.0] * 4])
