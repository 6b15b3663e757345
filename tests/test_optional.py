"""T | None: annotations, inference from None on some paths, narrowing, and the boundary."""
import pytest
from dataclasses import dataclass
from typing import Optional

import pyrite

from difftest import check, check_all, load_source
from pyrite import CompileError, accelerate


@accelerate
def find(xs: list[int], target: int) -> int | None:
    for i, x in enumerate(xs):
        if x == target:
            return i
    return None


@accelerate
def find_implicit(xs: list[int], target: int) -> int | None:
    for i, x in enumerate(xs):
        if x == target:
            return i


@accelerate
def use_find(xs: list[int], target: int) -> int:
    k = find(xs, target)
    if k is None:
        return -1
    return k * 10


@accelerate
def narrowing_forms(x: int | None, y: float | None) -> list[float]:
    out: list[float] = []
    if x is not None:
        out.append(x + 0.5)
    if x is not None and x > 2:
        out.append(1.0)
    if not (x is None):
        out.append(2.0)
    if isinstance(y, float):
        out.append(y * 2)
    if y:
        out.append(y)
    out.append(3.0 if y is None else y)
    if x is None or x < 0:
        return out
    out.append(x * 1.0)  # narrowed by the early return
    return out


@accelerate
def inferred(flag: bool, v: int) -> str:
    best = None
    if flag:
        best = v
    if best is None:
        return "none"
    return str(best + 1)


@accelerate
def compare(x: int | None, y: int | None) -> tuple[bool, bool, bool, bool]:
    return x == y, x is None, x != None, x == 3  # noqa: E711


@accelerate
def optional_containers(d: dict[str, list[int]], k: str) -> int:
    xs = d.get(k)
    if xs is None:
        return -1
    xs.append(0)
    return len(xs)


@accelerate
def opt_list(xs: list[int | None]) -> int:
    total = 0
    for x in xs:
        if x is not None:
            total += x
    return total


@accelerate
def loop_narrowing(xs: list[int]) -> int:
    best: int | None = None
    for x in xs:
        if best is None or x > best:
            best = x
    return -1 if best is None else best


def test_returns_and_narrowing():
    check_all(find, [[], [3, 1, 2]], [1, 5])
    check_all(find_implicit, [[], [3, 1, 2]], [1, 5])
    check_all(use_find, [[], [3, 1, 2]], [2, 9])
    check_all(narrowing_forms, [None, 0, 3, -1], [None, 0.0, 1.5])
    check_all(inferred, [True, False], [0, 41])
    check_all(compare, [None, 3, 4], [None, 3])
    check_all(optional_containers, [{"a": [1]}, {}], ["a", "b"])
    check(opt_list, [1, None, 3, None])
    check_all(loop_narrowing, [[], [3, 9, 2], [-5]])


def test_boundary():
    assert find([1, 2], 2) == 1 and find([1], 9) is None
    with pytest.raises(TypeError, match=r"narrowing_forms\(\) argument 'x' must be int, not str"):
        narrowing_forms("a", None)


def test_diagnostics(tmp_path):
    mod = load_source(tmp_path, "bad_optional", (
        "from pyrite import accelerate\n"
        "@accelerate\n"
        "def f(x: int | None) -> int:\n"
        "    return x + 1\n"))
    with pytest.raises(CompileError, match=r"unsupported operand type\(s\) for \+: 'int \| None' and 'int'"):
        mod.f(1)


@accelerate
def optional_text(xs: list[str], ys: list[float]) -> list[str]:
    s: str | None = xs[0] if xs else None
    f: float | None = ys[0] if ys else None
    return [str(s), f"{s}!", f"{f}", str(f), repr(s), f"{s!r}"]


def test_str_of_an_optional_is_the_value_s_str():
    # str() of a str | None is the text itself, not its repr (a divergence found by a user script)
    check_all(optional_text, [[], ["c"], ["it's"]], [[], [2.5]])


@accelerate
def or_defaults(n: int, s: str | None, d: dict[str, int]) -> tuple[int, str, int, str | None, int | None, float]:
    # `x or default`: x decides only when it is true, so never as None: an int, not int | None
    x = None if n > 3 else n
    a = x or 0
    b = s or "default"
    c = d.get("k") or d.get("j") or -1
    e = s or None  # T | None and None: T | None
    g = x and n
    h = (None if n < 0 else n / 2) or 1.5
    return a, b, c, e, g, h


def test_or_of_an_optional_gives_its_type():
    check_all(or_defaults, [5, 0, 2, -1], [None, "", "hi"], [{}, {"k": 0, "j": 3}, {"k": 7}])


@accelerate
def fib_memo(n: int, memo: dict = None) -> int:
    # the memo=None idiom: memo starts as None and is a dict[int, int] | None, narrowed after the if
    if memo is None:
        memo = {}
    if n in memo:
        return memo[n]
    if n < 2:
        return n
    memo[n] = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    return memo[n]


@accelerate
def first_long(words: list[str], limit: int) -> tuple[str, int]:
    best = None
    for w in words:
        if best is None or len(w) > len(best):
            best = w
    if best is None:
        best = ""  # each branch leaves best a str: read as one after the if
    count = None
    if len(best) > limit:
        count = len(best)
    else:
        count = -1
    return best.upper(), count + 1


def test_none_until_assigned():
    for n in (0, 1, 2, 30, 90):
        assert fib_memo(n) == pyrite.interpreted(fib_memo)(n)
    check_all(first_long, [["a", "abc", "ab"], []], [0, 2])


@dataclass
class Link:
    key: int
    next: Optional["Link"] = None


@accelerate
def walk(head: Link, stop: int) -> tuple[int, int]:
    n = 0
    cur = head  # a Link, then each next: not None at the loop's head only by its test
    while cur is not None:
        n += cur.key
        cur = cur.next
    last = head
    for _ in range(stop):
        if last.next is None:
            break
        last = last.next
    return n, last.key


def test_a_loop_reassigns_what_was_not_none():
    chain = Link(1, Link(2, Link(3)))
    check_all(walk, [chain, Link(5)], [0, 1, 5])
