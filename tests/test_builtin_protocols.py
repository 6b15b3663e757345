"""The builtins that CPython answers by a class's dunder (abs -> __abs__, round -> __round__,
float -> __float__, int -> __int__ or __index__, complex -> __complex__, bool -> __bool__,
format and f"{x}" / f"{x:spec}" -> __format__), called on instances in compiled code
(typeinfer/calls.cpp's call_builtin, iterables.cpp for f"{x}"); and a comparison dunder whose
other operand is not annotated (`def __lt__(self, other)`), which compares two instances of
the class (sorted(), min(), ==, a set)."""
import math

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


class Money:
    def __init__(self, cents: int):
        self.cents = cents

    def __float__(self):
        return self.cents / 100

    def __int__(self):
        return self.cents // 100

    def __round__(self, n=0):
        return round(self.cents / 100, n)

    def __abs__(self):
        return Money(abs(self.cents))

    def __bool__(self):
        return self.cents != 0

    def __lt__(self, other):
        return self.cents < other.cents

    def __eq__(self, other):
        return self.cents == other.cents

    def __hash__(self):
        return hash(self.cents)

    def __str__(self):
        return f"${self.cents / 100:.2f}"

    def __repr__(self):
        return f"Money({self.cents})"

    def __format__(self, spec):
        return format(self.cents / 100, spec) + "!"


class Index:
    def __init__(self, i: int):
        self.i = i

    def __index__(self):
        return self.i

    def __complex__(self):
        return complex(self.i, -1.0)


@accelerate
def money(c: int) -> str:
    x = Money(c)
    ms = sorted([Money(c), Money(5), Money(100), Money(-7)])
    parts = [str(float(x)), str(int(x)), str(round(x, 1)), str(round(x)), str(bool(x)), str(x), repr(abs(x)),
             f"{x}", f"{x:>10.3f}", format(x, "+.1f"), str(len({Money(1), Money(1), x})),
             f"{min(ms)!s} {max(ms)!r} {ms[1]}", str(Money(c) == x), str(x < Money(0))]
    return " | ".join(parts)


@accelerate
def indexed(i: int) -> tuple:
    k = Index(i)
    return int(k), complex(k), [10, 20, 30][int(Index(1))]


def test_builtins_call_the_class_dunders():
    check_all(money, [12345, 0, -250, 5])
    check_all(indexed, [0, 3, -4])


@pytest.mark.parametrize("body, message", [
    ("return str(abs(P()))", "'P' object is a bad operand type for abs() (define __abs__)"),
    ("return str(round(P(), 2))", "'P' object cannot be rounded (define __round__)"),
])
def test_a_missing_dunder_is_one_diagnostic(tmp_path, body, message):
    text = compile_error(tmp_path, "no_dunder_" + str(abs(hash(body)) % 1000), f"""
from pyrite import accelerate

class P:
    def __init__(self):
        self.x = 1

@accelerate
def f() -> str:
    {body}
""")
    assert message in text and text.count("error:") == 1, text


class Bag:
    def __init__(self, n: int):
        self.items = list(range(n))

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return f"Bag({len(self.items)})"


class Plain:
    def __init__(self):
        self.x = 1

    def __str__(self):
        return "plain"


@accelerate
def without_dunders(n: int) -> tuple:
    # bool(): __len__, else True; format(obj) / format(obj, ""): object.__format__, str(obj)
    return bool(Bag(n)), bool(Plain()), format(Bag(n)), format(Plain(), ""), f"{Plain()}|{Bag(n)!r}"


def test_builtins_fall_back_as_object_does():
    check_all(without_dunders, [0, 3])
