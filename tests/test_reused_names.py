"""A local reused for unrelated values, as Python scripts do (`for i, w in enumerate(words)` with w a
str, later `for w in weights` with w a float): each web of the name, the assignments
and the reads they reach, is a variable of its own with its own type (typeinfer/webs.cpp). A name
whose values of two types reach one read (an if's two branches, a loop's last value read after
it, a variable a lambda captures or a try assigns) keeps one type: a diagnostic, as before. An
update to another type (`n = str(n)`, `line = line.split(",")`) rebinds the name as Python does:
a web of its own, unless a loop carries it back to a read of the old value."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyrite
from difftest import check, compile_error
from pyrite import accelerate


def digits(n: int):
    for i in range(n):
        yield str(i)


@accelerate
def loops(xs: list[str], ys: list[float]) -> tuple[int, float, str]:
    n = 0
    for i, w in enumerate(xs):  # w: str
        n += len(w) + i
    for w in digits(3):  # str again, from an inlined generator
        n += len(w)
    t = 0.0
    for w in ys:  # w: float
        t += w
    w = "last"  # and a str once more, read after
    return n, t, w


@accelerate
def conversions(n: int, raw: str) -> tuple[str, int, list[int]]:
    label = str(n * 2)
    parts = raw.split(",")  # a list of str
    label += str(len(parts))
    total = 0
    parts = [len(p) + n for p in label]  # then a list of int, read apart
    for v in parts:
        total += v
    return label, total, parts


@accelerate
def same_type(xs: list[int], ys: list[int]) -> tuple[int, int, int]:
    # two webs of one type: every read follows its own (a stale read of the other would differ)
    acc = 0
    for w in xs:
        acc += w * 2
    last = 0
    for w in ys:
        acc += w * 3
        last = w
    w = acc - last
    return acc, last, w


@dataclass
class Word:
    text: str
    count: int


@accelerate
def words(text: str) -> tuple[list[str], int]:
    counts: Counter[str] = Counter()
    for w in text.split():
        counts[w] += 1
    best = []
    for w in sorted((Word(k, c) for k, c in counts.items()), key=lambda x: (-x.count, x.text)):  # w: Word
        if w.count > 1:
            best.append(w.text)
    longest = 0
    for w in counts:
        longest = max(longest, len(w))
    return best, longest


@accelerate
def digit_sum(n: int) -> int:
    total = 0
    n = str(abs(n))  # the parameter rebound to a str
    for ch in n:
        total += int(ch)
    return total


@accelerate
def parse_row(line: str, scale: float) -> tuple[float, int]:
    line = line.strip()
    line = line.split(",")  # str, then list[str]
    line = [float(x) * scale for x in line if x]  # then list[float]
    count = len(line)
    count = str(count)  # int, then str
    count = len(count) + len(line)
    return sum(line, 0.0), count


@accelerate
def updated_in_branch(n: int, c: bool) -> str:
    x = n
    if c:
        x = x * 2  # an int either way: the read after the if joins both
    x = f"<{x}>"
    return x


@accelerate
def unbound_then_other(flag: bool) -> str:
    if flag:
        s = 1
        return str(s + 1)
    s = "x"
    return s * 2


def test_a_name_reused_for_values_of_other_types():
    check(loops, ["ab", "c"], [1.5, 2.0])
    check(loops, [], [])
    for n, raw in ((3, "1,2,,3"), (0, ""), (-5, "7")):
        check(conversions, n, raw)
    for text in ("a b a c b a", "", "one"):
        check(words, text)
    for xs, ys in (([1, 2], [5, 7]), ([], [4]), ([3], [])):
        check(same_type, xs, ys)


def test_an_update_to_another_type_rebinds_the_name():
    for n in (0, 7, 12345, -987, 2**63 - 1):
        check(digit_sum, n)
    for line in (" 1,2.5,,3 ", "", "x,1", "4"):
        check(parse_row, line, 2.0)  # "x" raises ValueError as CPython does
    for n, c in ((3, True), (3, False), (-1, True)):
        check(updated_in_branch, n, c)
    check(unbound_then_other, True)
    check(unbound_then_other, False)


def test_one_read_of_two_types_is_still_a_diagnostic(tmp_path):
    text = compile_error(tmp_path, "webs_branches", """
from pyrite import accelerate

@accelerate
def f(c: bool) -> int:
    if c:
        x = 1
    else:
        x = "one"
    return len(str(x))
""", True)
    assert "webs_branches.py:9:9: error: 'x' is assigned a value of type 'str' here but 'int' at line 7" in text
    text = compile_error(tmp_path, "webs_after_loop", """
from pyrite import accelerate

@accelerate
def f(xs: list[str]) -> int:
    w = 0
    for w in xs:
        pass
    return len(str(w))
""", ["a"])
    assert "'w' is assigned a value of type 'str' here but 'int' at line 6" in text
    text = compile_error(tmp_path, "webs_loop_update", """
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    for _ in range(2):
        n = str(n)
    return 0
""", 3)
    assert "webs_loop_update.py:7:9: error: cannot assign a value of type 'str' to 'n', declared 'int'" in text
