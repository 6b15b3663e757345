"""collections.defaultdict in compiled code (issue 19): with int, float, str, bool, list, set or
dict as its factory, d[k] of a missing key stores and returns a fresh value as __missing__ does;
everything else is the dict's. The caller's defaultdict is changed in place, and one returned is
a collections.defaultdict with its factory (runtime/include/pyrite/defaultdict.hpp)."""
import collections
from collections import defaultdict

import pytest

from difftest import check, compile_error
from pyrite import accelerate


@accelerate
def word_count(text: str) -> dict[str, int]:
    counts = defaultdict(int)
    for w in text.split():
        counts[w] += 1
    return dict(counts)


@accelerate
def group(words: list[str]) -> defaultdict[str, list[str]]:
    g = collections.defaultdict(list)
    for w in words:
        g[w[0]].append(w)
    return g


@accelerate
def bump(d: defaultdict[str, int], keys: list[str]) -> tuple[int, str, bool, int, int]:
    for k in keys:
        d[k] += 1
    return d["zz"], repr(d), "zz" in d, d.get("nope", -1), len(d)


@accelerate
def degrees(edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    g = defaultdict(set)
    for a, b in edges:
        g[a].add(b)
        g[b].add(a)
    return sorted((k, len(v)) for k, v in g.items())


@accelerate
def factories(keys: list[int]) -> tuple[float, str, bool, int, int]:
    f = defaultdict(float)
    s = defaultdict(str)
    b = defaultdict(bool)
    nested = defaultdict(dict)
    for k in keys:
        f[k] += 0.5
        s[k] += "x"
        b[k] = not b[k]
        nested[k % 2][k] = k
    return f[-1] + sum(f.values()), s[keys[0]] if keys else s[0], b[7], len(nested[0]), len(nested)


@accelerate
def missing_then_error(d: defaultdict[str, list[int]], k: str) -> int:
    first = d[k]  # made and stored
    return first[0]  # IndexError: the list is new and empty


def test_word_count_and_grouping():
    check(word_count, "the cat and the hat and the bat")
    check(word_count, "")
    check(group, ["apple", "avocado", "kiwi", "banana", "blueberry"])
    check(group, [])
    check(degrees, [(1, 2), (2, 3), (1, 2), (4, 4)])


def test_the_factories_values():
    check(factories, [1, 2, 3, 2, 7])
    check(factories, [])


def test_the_caller_s_defaultdict_changes_in_place():
    check(bump, defaultdict(int, {"a": 1}), ["a", "b", "a"])
    check(missing_then_error, defaultdict(list), "k")  # IndexError, with 'k' stored first
    d = defaultdict(int)
    bump(d, ["q"])
    assert d == {"q": 1, "zz": 0} and d.default_factory is int
    out = group(["xy"])
    assert type(out) is defaultdict and out.default_factory is list


def test_wrong_defaultdicts_are_a_type_error():
    with pytest.raises(TypeError, match=r"bump\(\) argument 'd' must be a defaultdict\(int\)"):
        bump(defaultdict(list), [])
    with pytest.raises(TypeError, match=r"must be collections.defaultdict\(int\), not dict"):
        bump({"a": 1}, [])


def test_other_factories_are_a_diagnostic(tmp_path):
    err = compile_error(tmp_path, "dd_lambda", """
from collections import defaultdict
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    d = defaultdict(lambda: 5)
    return d[n]
""", 1)
    assert "defaultdict() in compiled code takes one of int, float, str, bool, list, set or dict" in err
