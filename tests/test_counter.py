"""collections.Counter in compiled code (issue 19): counts whose c[k] of a missing key is 0,
Counter(iterable), most_common (ties in insertion order), update, subtract, total, elements,
== with missing keys as 0, and repr in most_common order; the caller's Counter changes in place
and one returned is a collections.Counter (runtime/include/pyrite/counter.hpp)."""
import collections
from collections import Counter

import pytest

from difftest import check
from pyrite import accelerate


@accelerate
def top_words(text: str, n: int) -> list[tuple[str, int]]:
    c = Counter(text.lower().split())
    return c.most_common(n)


@accelerate
def tally(xs: list[int]) -> tuple[Counter[int], int, int, str, bool, list[int], list[tuple[int, int]]]:
    c = collections.Counter()
    for x in xs:
        c[x] += 1
    c.update([1, 1, 9])
    c.subtract([9, 5])
    return c, c[42], c.total(), repr(c), 42 in c, sorted(c.elements()), c.most_common()


@accelerate
def merge(c: Counter[str], words: list[str]) -> Counter[str]:
    for w in words:
        c[w] += 2
    return c


@accelerate
def same(a: list[str], b: list[str]) -> tuple[bool, bool, str]:
    x = Counter(a)
    y = Counter(b)
    y["zero"] = 0
    empty: Counter[str] = Counter()
    return x == y, x != y, str(empty)


@accelerate
def letters(text: str) -> dict[str, int]:
    c = Counter(text)
    return dict(c)


def test_counting_words_and_items():
    check(top_words, "the cat and the hat and the bat sat", 3)
    check(top_words, "b a b a c", 10)  # ties keep insertion order
    check(top_words, "", 2)
    check(top_words, "x y", 0)
    for xs in ([], [3, 1, 3, 2], [5] * 4 + [2] * 4):
        check(tally, xs)
    check(letters, "mississippi")


@accelerate
def copies(words: list[str]) -> tuple[str, Counter[str]]:
    c = Counter(words)
    return repr(c.copy()), c.copy()


def test_a_copy_is_a_counter():
    check(copies, ["b", "a", "b"])


def test_equality_treats_missing_counts_as_zero():
    check(same, ["a", "b"], ["b", "a"])
    check(same, ["a"], ["a", "a"])


def test_the_caller_s_counter_changes_in_place():
    check(merge, Counter("abca"), ["a", "z"])
    c = Counter("xy")
    assert merge(c, ["x"]) is c and c == Counter({"x": 3, "y": 1})
    with pytest.raises(TypeError, match=r"merge\(\) argument 'c' must be collections.Counter, not dict"):
        merge({"a": 1}, [])


@accelerate
def arithmetic(a: list[str], b: list[str]) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str], Counter[str],
                                                    Counter[str], Counter[str], Counter[str]]:
    x = Counter(a)
    y = Counter(b)
    y.subtract(["q", "q"])  # a negative count
    z = x.copy()
    z -= y
    w = x.copy()
    w |= y
    v = Counter(a)
    v &= y
    u = Counter(a)
    u += y
    return x + y, x - y, x | y, x & y, z, w, v, u


def test_arithmetic_keeps_positive_counts_in_cpython_s_order():
    for a, b in ((list("abbbcc"), list("bcddq")), ([], list("aa")), (list("zz"), []), (list("xyz"), list("zyx"))):
        check(arithmetic, a, b)


@accelerate
def update_from_mappings(words: list[str], extra: dict[str, int], other: Counter[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    c = Counter(words)
    c.update(extra)  # count + c[k], as Counter.update does with a mapping
    c.subtract({"a": 5})
    c.update(other)  # a Counter is a mapping too
    c.subtract(other)
    return c, +c, -c  # __pos__: the positive counts; __neg__: the negative ones, negated


def test_update_with_a_mapping_and_unary():
    check(update_from_mappings, ["a", "b", "a", "c"], {"b": 3, "z": -2}, Counter({"a": 1, "q": 0, "c": -4}))
    check(update_from_mappings, [], {}, Counter())
    check(update_from_mappings, ["x"], {"x": 2 ** 63 - 1}, Counter())  # past 64 bits: OverflowError


@accelerate
def counter_of_mappings(d: dict[str, int], other: Counter[str], n: int):
    # Counter(mapping) takes its counts (dict.update into an empty Counter), not its keys;
    # keywords are a mapping too, in Counter() and in update()/subtract()
    a = Counter(d)
    b = Counter(other)
    c = Counter(x=n, y=2)
    c.update(x=1, z=n)
    c.subtract(y=5)
    return a, b, c, a.most_common(), Counter({"p": 2, "q": n}).most_common(1)


def test_counter_of_a_mapping_takes_its_counts():
    check(counter_of_mappings, {"a": 3, "b": 1, "c": -2}, Counter("abca"), 4)
    check(counter_of_mappings, {}, Counter(), 0)
