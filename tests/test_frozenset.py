"""frozenset[T]: construction, the operators and methods (whose result is the left operand's kind),
hashing (CPython's frozenset_hash: as dict keys and set items, in CPython's iteration order),
isinstance, printing, the boundary both ways, and what compiled code refuses (the mutating methods)."""
from dataclasses import dataclass
from typing import Iterator

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate

INT_LISTS = [[], [1], [3, 1, 2, 3], [8, 16, 24, 0, -8], list(range(0, 200, 7)), [2 ** 61 - 1, 2 ** 61, -1, -2]]


@accelerate
def build(xs: list[int]) -> tuple[frozenset[int], int, bool, bool, list[int]]:
    fs = frozenset(xs)
    return fs, len(fs), 3 in fs, 4 not in fs, sorted(fs)


@accelerate
def from_others(s: str, xs: list[int]) -> tuple[frozenset[str], frozenset[int], frozenset[int], frozenset[int], frozenset[int]]:
    d = {x: 1 for x in xs}
    return frozenset(s), frozenset(range(len(xs))), frozenset(d), frozenset(x * x for x in xs), frozenset({x for x in xs})


@accelerate
def empty() -> tuple[frozenset[int], bool, int, str]:
    e: frozenset[int] = frozenset()
    return e, bool(e), len(e), repr(e)


@accelerate
def operators(xs: list[int], ys: list[int]) -> tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int], set[int], set[int]]:
    a, b = frozenset(xs), set(ys)
    return a | b, a & b, a - b, a ^ b, b | a, b - a


@accelerate
def comparisons(xs: list[int], ys: list[int]) -> tuple[bool, bool, bool, bool, bool, bool, bool]:
    a, b = frozenset(xs), set(ys)
    return a == b, a != b, a <= b, a < b, a >= b, a > b, b == a


@accelerate
def methods(xs: list[int], ys: list[int]) -> tuple[frozenset[int], frozenset[int], frozenset[int], frozenset[int],
                                                  frozenset[int], bool, bool, bool, frozenset[int]]:
    a = frozenset(xs)
    return (a.union(ys), a.intersection(set(ys)), a.difference(ys), a.symmetric_difference(ys), a.copy(),
            a.issubset(ys), a.issuperset(frozenset(ys)), a.isdisjoint(ys), a.union(frozenset(ys)))


@accelerate
def inplace(xs: list[int], ys: list[int]) -> tuple[frozenset[int], frozenset[int], set[int]]:
    a = frozenset(xs)
    keep = a
    a |= set(ys)        # a new frozenset: keep is the old one
    a -= {xs[0]} if xs else set()
    s = set(xs)
    s &= frozenset(ys)  # a set changes in place
    return a, keep, s


@accelerate
def hashes(xs: list[int], words: list[str]) -> tuple[int, int, int, int, int]:
    none: frozenset[float] = frozenset()
    return (hash(frozenset(xs)), hash(frozenset(words)), hash(none), hash(frozenset([frozenset(xs)])),
            hash((frozenset(xs), 1)))


@accelerate
def group_anagrams(words: list[str]) -> dict[frozenset[str], list[str]]:
    groups: dict[frozenset[str], list[str]] = {}
    for w in words:
        key = frozenset(w)
        if key not in groups:
            groups[key] = []
        groups[key].append(w)
    return groups


@accelerate
def set_of_sets(pairs: list[tuple[int, int]]) -> tuple[list[frozenset[int]], int]:
    edges = set()
    for a, b in pairs:
        edges.add(frozenset((a, b)))
    return list(edges), len(edges)


@accelerate
def printed(xs: list[int], words: list[str]) -> str:
    a = frozenset(xs)
    return str(a) + " " + repr(frozenset(words)) + f" {a}" + str([a, frozenset()])


@accelerate
def kinds(xs: list[int]) -> tuple[bool, bool, bool, bool]:
    a = frozenset(xs)
    s = set(xs)
    return isinstance(a, frozenset), isinstance(a, set), isinstance(s, frozenset), isinstance(s, (set, frozenset))


@accelerate
def passed(a: frozenset[int], b: frozenset[str]) -> tuple[frozenset[int], int, list[str], frozenset[int]]:
    return a, len(b), sorted(b), a | {100}


VOWELS = frozenset("aeiou")
STOP = frozenset(["the", "a", "an"])


@accelerate
def count_vowels(s: str) -> int:
    return sum(1 for c in s if c in VOWELS)


@accelerate
def content(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOP and w[:1] not in VOWELS]


@dataclass(frozen=True)
class Tagged:
    name: str
    tags: frozenset[str]


@accelerate
def tagged(names: list[str]) -> tuple[list[Tagged], dict[frozenset[str], int]]:
    out = [Tagged(n, frozenset(n)) for n in names]
    by_tags: dict[frozenset[str], int] = {}
    for t in out:
        by_tags[t.tags] = by_tags.get(t.tags, 0) + 1
    return out, by_tags


@accelerate
def reductions(xs: list[int]):
    fs = frozenset(xs)
    total = 0
    for x in fs:
        total += x
    return total, sum(fs), min(fs), max(fs), any(x > 3 for x in fs), [x * 2 for x in fs], fs == set(), fs == frozenset()


@accelerate
def untyped(fs, t):
    return len(fs), fs | t, t & fs, frozenset(p for p in fs if p % 2)


def blocks(groups: dict[str, list[int]], order: list[str]) -> Iterator[frozenset[int]]:
    for name in order:
        yield frozenset(groups[name])  # KeyError for a name not in groups


@accelerate
def collect(groups: dict[str, list[int]], order: list[str]) -> tuple[list[frozenset[int]], str]:
    out = []
    try:
        for b in blocks(groups, order):
            out.append(b | {0})
    except KeyError as e:
        return out, "missing " + str(e)
    return out, ""


@accelerate
def same_object(fs: frozenset[int], pick: list[int]) -> frozenset[int]:
    return fs.copy() if pick else frozenset(fs)


@accelerate
def states(start: int, moves: list[int]) -> int:
    # a search whose visited states are frozensets (a typical puzzle solver)
    seen: set[frozenset[int]] = set()
    frontier = [frozenset([start])]
    while frontier:
        cur = frontier.pop()
        if cur in seen or len(cur) > 4:
            continue
        seen.add(cur)
        for m in moves:
            frontier.append(cur | {max(cur) + m})
    return len(seen)


def test_build():
    for xs in INT_LISTS:
        check(build, xs)
    check(empty)


def test_from_other_iterables():
    check(from_others, "hello", [3, 1, 2])
    check(from_others, "", [])


def test_operators_and_methods():
    for xs in INT_LISTS[:5]:
        for ys in INT_LISTS[1:5]:
            check(operators, xs, ys)
            check(comparisons, xs, ys)
            check(methods, xs, ys)
            check(inplace, xs, ys)


def test_hash_is_cpythons():
    check_all(hashes, INT_LISTS, [[], ["a"], ["b", "a", "é", "🎉"], [f"w{i}" for i in range(30)]])


def test_keys_and_items():
    check(group_anagrams, ["listen", "silent", "enlist", "google", "gogole", "abc", "cab", ""])
    check(set_of_sets, [(1, 2), (2, 1), (3, 4), (4, 3), (5, 5), (1, 3)])
    check(states, 1, [1, 2, 3])


def test_printed_and_kinds():
    check(printed, [3, 1, 2], ["b", "a"])
    check(printed, [], [])
    check(kinds, [1, 2])


def test_boundary():
    check(passed, frozenset([5, 1, 9]), frozenset(["x", "y"]))
    check(passed, frozenset(), frozenset())
    got = passed(frozenset(range(40)), frozenset(["q"]))
    assert type(got[0]) is frozenset and list(got[0]) == list(frozenset(range(40)))
    assert hash(got[3]) == hash(frozenset(range(40)) | {100})
    with pytest.raises(TypeError, match="frozenset"):
        passed({1, 2}, frozenset())
    fs = frozenset([3, 4])
    assert same_object(fs, [1]) is fs and same_object(fs, []) is fs  # fs.copy(), frozenset(fs): fs itself


def test_globals_fields_and_reductions():
    check(count_vowels, "education")
    check(count_vowels, "")
    check(content, ["the", "cat", "an", "apple", "dog", ""])
    check(tagged, ["ab", "ba", "c", ""])
    check(reductions, [5, 1, 3])
    check(reductions, [])  # min() of an empty frozenset: ValueError, CPython's message
    check(untyped, frozenset([1, 2, 5]), {2, 3})
    with pytest.raises(TypeError, match="empty frozenset"):
        untyped(frozenset(), {1})


def test_generator_dict_and_exception():
    groups = {"a": [3, 1], "b": [2, 2, 9], "c": []}
    check(collect, groups, ["a", "b", "c"])
    check(collect, groups, ["b", "zz", "a"])


def test_mutation_is_refused(tmp_path):
    err = compile_error(tmp_path, "fs_add", """
from pyrite import accelerate

@accelerate
def f(xs: list[int]) -> int:
    fs = frozenset(xs)
    fs.add(3)
    return len(fs)
""", [1])
    assert "'frozenset' object has no attribute 'add'" in err
