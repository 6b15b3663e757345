"""The match statement (PEP 634): literal, value, singleton, capture, wildcard, or-, sequence
(with a star), mapping and class patterns (keyword and positional, by __match_args__, over a class
hierarchy), `as`, guards, nested patterns; the subject evaluated once; a case that cannot match
the subject's type never typed; CPython's rules (a str is no sequence, `case True` is not 1)."""
from collections import deque
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import NamedTuple

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


class Color(Enum):
    RED = 1
    GREEN = 2


@dataclass
class Point:
    x: int
    y: int


class Pair(NamedTuple):
    a: int
    b: str


@accelerate
def command(line: str) -> str:
    match line.split():
        case ["go", ("north" | "south") as way]:
            return f"walking {way}"
        case ["go", direction]:
            return f"cannot go {direction}"
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["drop", *items, "now"]:
            return f"dropping {len(items)} now"
        case ["look"] | ["l"]:
            return "looking"
        case []:
            return "nothing"
        case _:
            return "?"


@accelerate
def where(p: Point) -> str:
    match p:
        case Point(x=0, y=0):
            return "origin"
        case Point(0, y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point() as q:
            return f"elsewhere {q.x},{q.y}"


@accelerate
def literals(n: int, flag: bool, c: Color, t: tuple[int, int], text: str, maybe: int | None) -> list[str]:
    out = []
    match n:
        case 0:
            out.append("zero")
        case 1 | 2 | 3:
            out.append("small")
        case int(m) if m < 0:
            out.append(f"negative {m}")
        case other:
            out.append(f"big {other}")
    match flag:
        case True:
            out.append("yes")
        case False:
            out.append("no")
    match n:
        case True:  # 1 is not True
            out.append("n is True")
        case _:
            out.append("n is not True")
    match c:
        case Color.RED:
            out.append("red")
        case Color.GREEN:
            out.append("green")
    match t:
        case (0, 0):
            out.append("t origin")
        case (a, b, c3):  # never a 2-tuple: not typed
            out.append(f"three {c3}")
        case (a, b) if a > b:
            out.append(f"desc {a} {b}")
        case [a, *rest]:
            out.append(f"first {a} rest {rest}")
    match text:
        case [x, y]:  # a str is no sequence here
            out.append("two chars")
        case str(s) if s:
            out.append(f"text {s}")
        case _:
            out.append("empty")
    match maybe:
        case None:
            out.append("none")
        case int(v):
            out.append(f"some {v}")
    return out


@accelerate
def config(d: dict[str, int], pairs: list[Pair]) -> list[str]:
    out = []
    match d:
        case {"w": w, "h": h} if w > 0:
            out.append(f"{w}x{h}")
        case {"size": s, **others}:
            out.append(f"square {s} and {sorted(others)}")
        case _:
            out.append("none")
    for p in pairs:
        match p:
            case Pair(0, name):
                out.append(f"zero {name}")
            case Pair(a=n, b="x"):
                out.append(f"x {n}")
            case (n, name):
                out.append(f"pair {n} {name}")
    return out


class Expr:
    pass


class Num(Expr):
    __match_args__ = ("value",)

    def __init__(self, value: float):
        self.value = value


class BinOp(Expr):
    __match_args__ = ("op", "left", "right")

    def __init__(self, op: str, left: Expr, right: Expr):
        self.op = op
        self.left = left
        self.right = right


class Neg(Expr):
    def __init__(self, operand: Expr):
        self.operand = operand


def evaluate(e: Expr) -> float:
    match e:
        case Num(v):
            return v
        case BinOp("+", l, r):
            return evaluate(l) + evaluate(r)
        case BinOp("*", l, r):
            return evaluate(l) * evaluate(r)
        case BinOp(op, Num(0.0), _) if op == "/":
            raise ZeroDivisionError("0 / anything is refused here")
        case BinOp(op, _, _):
            raise ValueError(f"unknown operator {op}")
        case Neg(operand=x):
            return -evaluate(x)
        case _:
            raise TypeError("not an expression")


@accelerate
def calc(k: int) -> float:
    e: Expr = BinOp("+", Num(2.0), BinOp("*", Num(3.0), Neg(Num(float(k)))))
    if k == 7:
        e = BinOp("-", Num(1.0), Num(2.0))
    if k == 8:
        e = BinOp("/", Num(0.0), Num(2.0))
    if k == 9:
        e = Expr()
    return evaluate(e)


calls: list[int] = []


def subject(xs: list[int]) -> list[int]:
    calls.append(len(xs))
    return xs


@accelerate
def loop_with_match(rows: list[list[int]]) -> tuple[int, int, list[int]]:
    total = skipped = 0
    for row in rows:
        match subject(row):
            case []:
                continue
            case [-1, *_]:
                break
            case [x]:
                total += x
            case [x, y, *_]:
                total += x * y
        skipped += 1
    return total, skipped, calls


@accelerate
def either(xs: list[int]) -> str:
    match xs:
        case [x] | [x, 0] | [0, x, _]:  # each alternative captures x
            return f"one {x}"
        case [a, b] | [a, b, _] if a < b:
            return f"rising {a} {b}"
        case _:
            return "other"


def test_sequences_and_strings():
    check_all(command, ["go north", "go south", "go east", "take a b c", "take", "drop x y now", "drop now",
                        "look", "l", "", "dance x y"])
    check_all(either, [[5], [5, 0], [0, 7, 9], [1, 2], [1, 2, 3], [3, 1], [], [4, 4, 4, 4]])


def test_class_patterns():
    check_all(where, [Point(0, 0), Point(0, 5), Point(3, 0), Point(4, 4), Point(1, 2)])
    check_all(calc, [1, 5, 7, 8, 9])


def test_literals_values_and_singletons():
    check_all(literals, [0, 2, -4, 99, 1], [True, False], list(Color), [(0, 0), (5, 1), (1, 2)], ["", "ab", "xyz"],
              [None, 3])


def test_mappings_and_named_tuples():
    check_all(config, [{"w": 3, "h": 4}, {"w": 0, "h": 4, "size": 9}, {"size": 2}, {}],
              [[], [Pair(0, "z"), Pair(4, "x"), Pair(5, "y")]])


def test_subject_once_and_loop_jumps():
    calls.clear()
    check(loop_with_match, [[], [3], [2, 5, 9], [-1, 0], [7]])
    check(loop_with_match, [[1], [2, 3]])


class Kind(IntEnum):
    NUM = 1
    OP = 2
    END = 3


@dataclass
class Tok:
    kind: Kind
    text: str


def tokens(src: str):
    for part in src.split():
        if part.isdigit():
            yield Tok(Kind.NUM, part)
        elif part in "+-*":
            yield Tok(Kind.OP, part)
        else:
            raise ValueError(f"bad token {part!r}")
    yield Tok(Kind.END, "")


@accelerate
def rpn(src: str) -> tuple[list[int], dict[Kind, int], str]:
    stack: list[int] = []
    seen: dict[Kind, int] = {}
    try:
        for t in tokens(src):
            seen[t.kind] = seen.get(t.kind, 0) + 1
            match t:
                case Tok(kind=Kind.NUM, text=s):
                    stack.append(int(s))
                case Tok(Kind.OP, "+"):
                    b, a = stack.pop(), stack.pop()
                    stack.append(a + b)
                case Tok(Kind.OP, "*"):
                    b, a = stack.pop(), stack.pop()
                    stack.append(a * b)
                case Tok(Kind.OP, op):
                    b, a = stack.pop(), stack.pop()
                    stack.append(a - b if op == "-" else 0)
                case Tok(kind=k) if k == Kind.END:
                    break
    except (ValueError, IndexError) as e:
        return stack, seen, f"{type(e).__name__}: {e}"
    return stack, seen, "ok"


def test_in_combination():
    # match over a dataclass whose field is an IntEnum, items of a generator that raises, a dict
    # keyed by the enum, break in a case
    check_all(rpn, ["1 2 + 3 *", "4 x", "+", "5 1 - 2 -", ""])


@accelerate
def sequence_shapes(d: deque[int], r: range, t: tuple[int, ...]) -> list[int]:
    # deques and ranges are sequences to a match statement, as lists and tuples are; a star takes
    # the items between as a list (from a deque, which has no slices, too)
    out = []
    for subject in (d, deque(r)):
        match subject:
            case []:
                out.append(0)
            case [x]:
                out.append(x)
            case [x, y]:
                out.append(x * 10 + y)
            case [x, *mid, z]:
                out.append(x + z + 100 * len(mid) + sum(mid))
    match r:
        case [a, b, c]:
            out.append(a + b + c)
        case [a, *rest]:
            out.append(a - len(rest))
        case []:
            out.append(99)
    match t:
        case (first, *rest):
            out += rest
            out.append(first)
    return out


@accelerate
def star_of_fixed(t: tuple[int, str, str], u: tuple[int, float]) -> tuple[list[str], int]:
    # a fixed tuple's star: its items' types known by position (a slice, not an iteration)
    out: list[str] = []
    n = 0
    match t:
        case (a, *rest):
            out = rest
    match u:
        case (x, *more):
            n = x + len(more)
    return out, n


def test_deques_and_ranges_are_sequences():
    check(star_of_fixed, (1, "a", "b"), (2, 1.5))
    for d in ([], [5], [1, 2], [1, 2, 3], [4, 3, 2, 1, 0]):
        for r in (range(3), range(0), range(2, 20, 3), range(5, 0, -2), range(-1, 1)):
            check(sequence_shapes, deque(d), r, tuple(d))


@pytest.mark.parametrize("subject, case, message", [
    ("p", "case Plain(1):", "Plain() accepts 0 positional sub-patterns (1 given): give the class __match_args__"),
])
def test_diagnostics(tmp_path, subject, case, message):
    text = f"""from collections import deque
from pyrite import accelerate

class Plain:
    def __init__(self, v: int):
        self.v = v

@accelerate
def f(p: Plain, q: deque[int]) -> int:
    match {subject}:
        {case}
            return 1
    return 0
"""
    err = compile_error(tmp_path, f"match_{abs(hash(case))}", text, 1)
    assert message in err and err.count("error:") == 1, err
