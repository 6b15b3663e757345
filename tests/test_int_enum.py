"""IntEnum, StrEnum and Enums mixed with int or str: a member is its class's member (named,
looked up by value, printed by repr() as <Dir.E: 1>, crossing the boundary as the class's own
object) and also its value: it adds, indexes, compares, orders and hashes as its value does, and
an IntEnum's or StrEnum's str() and format() are its value's (a mixin's are Enum's: Prio.HIGH)."""
import heapq
from dataclasses import dataclass
from enum import Enum, IntEnum, StrEnum

import pytest

from difftest import check, check_all, compile_error, printed_both
from pyrite import accelerate


class Dir(IntEnum):
    N = 0
    E = 1
    S = 2
    W = 3


class Op(IntEnum):
    HALT = 0
    PUSH = 1
    ADD = 2
    MUL = 3
    JNZ = 4


class Shade(StrEnum):
    LIGHT = "light"
    DARK = "dark"


class Code(str, Enum):
    OK = "ok"
    FAIL = "fail"


class Prio(int, Enum):
    LOW = 1
    MID = 3
    HIGH = 5

    def urgent(self) -> bool:
        return self >= Prio.MID


DX = [0, 1, 0, -1]
DY = [-1, 0, 1, 0]
START = Dir.E  # members as globals: constants, made by their classes
TURNS = (Dir.E, Dir.W)
DEFAULT_SHADE = Shade.DARK


@accelerate
def walk(turns: list[Dir], steps: int) -> tuple[int, int, Dir, list[int]]:
    x = y = 0
    d = Dir.N
    seen = [0] * len(Dir)
    for t in turns:
        d = Dir((d + t) % 4)
        x += DX[d] * steps
        y += DY[d] * steps
        seen[d] += 1
    return x, y, d, seen


@accelerate
def run(code: list[int], limit: int) -> tuple[list[int], int]:
    """A stack machine whose opcodes are an IntEnum, compared with the ints of its program."""
    stack: list[int] = []
    pc = steps = 0
    while code[pc] != Op.HALT and steps < limit:
        op = code[pc]
        steps += 1
        if op == Op.PUSH:
            stack.append(code[pc + 1])
            pc += 2
        elif op == Op.ADD:
            stack.append(stack.pop() + stack.pop())
            pc += 1
        elif op == Op.MUL:
            stack.append(stack.pop() * stack.pop())
            pc += 1
        elif op in (Op.JNZ,):
            pc = code[pc + 1] if stack[-1] else pc + 2
        else:
            raise ValueError(f"bad opcode {op} at {pc}: {Op(op)!r}")
    return stack, steps


@accelerate
def texts(d: Dir, s: Shade, c: Code, p: Prio) -> list[str]:
    return [str(d), repr(d), f"{d}", f"{d:>4}", f"{d:03d}", f"{d!r}", d.name, str(d.value), str(s), repr(s),
            f"{s:>8}", f"{s!s}", s.upper(), s + "!", str(c), repr(c), f"{c:>10}", c.value, str(p), f"{p}|{p:>11}", repr(p),
            str(hash(d) == hash(d.value)), str(hash(s) == hash(s.value)), str(hash(c) == hash(c.value)),
            str(hash(p) == hash(p.value))]


@accelerate
def arithmetic(d: Dir, p: Prio) -> tuple[int, int, int, float, int, int, int, float, bool, bool, int, int]:
    return d + 1, d * p, -d, d / 2 + p, d // 2, p % 2, ~d, float(p), bool(d), not d, abs(-p), d << 2


@accelerate
def comparisons(d: Dir, p: Prio) -> tuple[bool, ...]:
    return (d == 1, 1 == d, d != Dir.E, d < Dir.W, d <= 2 < p, d in (1, 2), d in [Dir.S, Dir.W], p > Prio.LOW,
            d is Dir.E, d is not Dir.N, isinstance(d, int), isinstance(d, Dir), isinstance(p, int), p.urgent())


@accelerate
def orders(ds: list[Dir], ps: list[Prio]) -> tuple[Dir, Dir, list[Dir], list[Prio], Prio, int]:
    return max(ds[0], ds[-1]), min(ds), sorted(ds, reverse=True), sorted(ps), max(ps), len(Dir)


@accelerate
def counts(ds: list[Dir]) -> tuple[dict[Dir, int], dict[int, int], set[Dir]]:
    by_member: dict[Dir, int] = {}
    by_value: dict[int, int] = {}
    for d in ds:
        by_member[d] = by_member.get(d, 0) + 1
        by_value[d.value] = by_value.get(d.value, 0) + d
    return by_member, by_value, set(ds)


@accelerate
def shades(names: list[str]) -> tuple[list[Shade], list[bool], list[int], list[str]]:
    out = [Shade(n) for n in names]
    return out, [s == "dark" for s in out], [len(s) for s in out], [s[0] + s[-1] for s in out]


@accelerate
def loops(d: Dir, s: Shade) -> tuple[int, list[int], list[str], list[tuple[int, str]], bool]:
    total = 0
    for i in range(d):
        total += i
    return total, list(range(1, Dir.W)), sorted(s), list(enumerate(s, d)), "ar" in s


@accelerate
def truth(d: Dir) -> str:
    if d:
        return "non-zero"
    return "zero"


@accelerate
def from_globals(k: int) -> tuple[Dir, bool, int, str, Shade, list[Dir], bool]:
    d = START
    return d, d is Dir.E, d + k, repr(TURNS[k % 2]), DEFAULT_SHADE, list(TURNS), START == k


def helper(x: int, s: str) -> str:
    return f"{x}:{s}"


@accelerate
def passes_values(d: Dir, s: Shade) -> tuple[str, int]:
    return helper(d, s), int(d) + DX[d]


def test_a_walk_and_a_stack_machine():
    check_all(walk, [[Dir.E, Dir.E, Dir.S, Dir.W], [], [Dir.W] * 5], [1, 3])
    program = [Op.PUSH, 2, Op.PUSH, 3, Op.ADD, Op.PUSH, 4, Op.MUL, Op.HALT]
    check(run, program, 100)
    check(run, [Op.PUSH, 1, Op.JNZ, 0], 7)
    check(run, [Op.PUSH, 1, 9, Op.HALT], 10)  # ValueError: 9 is not a valid Op, raised making the message
    check(run, [Op.PUSH, 1, Op.HALT, 7], 10)


def test_text_of_each_kind():
    check_all(texts, list(Dir), list(Shade), list(Code), list(Prio))
    check(texts, Dir.N, Shade.LIGHT, Code.OK, Prio.HIGH)


def test_a_member_is_its_value_in_arithmetic_and_comparisons():
    check_all(arithmetic, list(Dir), list(Prio))
    check_all(comparisons, list(Dir), list(Prio))
    check_all(truth, list(Dir))
    check_all(loops, list(Dir), list(Shade))
    check_all(passes_values, list(Dir), list(Shade))
    check_all(from_globals, [0, 1, 5])
    assert from_globals(0)[0] is Dir.E


def test_orders_hashes_and_containers():
    check(orders, [Dir.S, Dir.N, Dir.W], [Prio.HIGH, Prio.LOW, Prio.MID])
    check(orders, [Dir.E], [Prio.LOW])
    check(counts, [Dir.E, Dir.N, Dir.E, Dir.W])
    check(counts, [])
    by_member, by_value, members = counts([Dir.S])
    assert next(iter(by_member)) is Dir.S and type(next(iter(by_value))) is int and members == {Dir.S}
    check(shades, ["dark", "light", "dark"])
    check(shades, ["dim"])  # ValueError: 'dim' is not a valid Shade


def test_members_at_the_boundary():
    assert walk([Dir.E], 1)[2] is Dir.E
    # an int parameter takes a member as its value (as it takes True as 1)
    assert passes_values(Dir.W, Shade.DARK) == ("3:dark", 2)
    with pytest.raises(TypeError, match=r"walk\(\) argument 'turns'\[0\] must be Dir, not int"):
        walk([1], 1)
    with pytest.raises(TypeError, match=r"texts\(\) argument 's' must be Shade, not str"):
        texts(Dir.N, "dark", Code.OK, Prio.LOW)


# in combination: IntEnum priorities in a dataclass, ordered in heapq tuples and by sorted(key=),
# a StrEnum keying a dict inside a generator that raises
@dataclass
class Task:
    name: str
    prio: Prio
    state: Shade = Shade.LIGHT


def by_state(tasks: list[Task]):
    for t in tasks:
        if not t.name:
            raise KeyError(t.state.value)
        yield {t.state: [t.prio]}


@accelerate
def schedule(tasks: list[Task]) -> tuple[list[str], list[str], list[dict[Shade, list[Prio]]], str]:
    heap: list[tuple[Prio, int, str]] = []
    for i, t in enumerate(tasks):
        heapq.heappush(heap, (t.prio, -i, t.name))
    order = [heapq.heappop(heap)[2] for _ in range(len(heap))]
    urgent = [t.name for t in sorted(tasks, key=lambda t: t.prio, reverse=True) if t.prio.urgent()]
    groups: list[dict[Shade, list[Prio]]] = []
    try:
        for g in by_state(tasks):
            groups.append(g)
    except KeyError as e:
        return order, urgent, groups, f"missing name in {e}"
    return order, urgent, groups, "ok"


def test_in_combination():
    tasks = [Task("a", Prio.MID), Task("b", Prio.HIGH, Shade.DARK), Task("c", Prio.LOW), Task("d", Prio.HIGH)]
    check(schedule, tasks)
    check(schedule, tasks[:2] + [Task("", Prio.LOW, Shade.DARK)])
    check(schedule, [])
    compiled, interpreted = printed_both(schedule, tasks)
    assert compiled == interpreted


@pytest.mark.parametrize("body, message", [
    # a mixin's member bound to an int parameter would print as its value there, as Prio.HIGH in CPython
    ("return g(Prio.HIGH)", "g() argument 'x' is declared 'int': a 'Prio' member would print as its value"),
    ("y: int = Dir.E\n    return str(y)", "cannot assign a value of type 'Dir' to 'y', declared 'int'"),
])
def test_diagnostics(tmp_path, body, message):
    text = f"""from pyrite import accelerate
from test_int_enum import Dir, Prio

def g(x: int) -> str:
    return str(x)

@accelerate
def f() -> str:
    {body}
"""
    err = compile_error(tmp_path, f"int_enum_{abs(hash(body))}", text, 1)
    assert message in err and err.count("error:") == 1, err
