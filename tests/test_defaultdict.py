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


def zero_pair() -> list[float]:
    return [0.0, 0.0]


@accelerate
def lambda_factories(rows: list[tuple[str, float]], base: float) -> tuple[dict[str, float], dict[str, list[float]], int]:
    best = defaultdict(lambda: base)  # a value the factory reads from the enclosing call
    sums = defaultdict(zero_pair)     # a module function as the factory
    nested = defaultdict(lambda: defaultdict(int))
    for k, v in rows:
        best[k] = max(best[k], v)
        sums[k][0] += v
        sums[k][1] += 1
        nested[k][k[0]] += 1
    return dict(best), dict(sums), nested["never"]["x"] + len(nested)


@accelerate
def table(keys: list[str], missing: str) -> defaultdict[str, list[int]]:
    t = defaultdict(lambda: [-1])
    for i, k in enumerate(keys):
        t[k].append(i)
    t[missing]
    return t


@accelerate
def factory_raises(keys: list[str], zero: int) -> dict[str, int]:
    d = defaultdict(lambda: 10 // zero)  # ZeroDivisionError from the factory, at the first missing key
    d["a"] = 1
    for k in keys:
        d[k] += 1
    return dict(d)


@accelerate
def keeps_factory(d: defaultdict[str, list[int]], k: str) -> tuple[int, int]:
    c = d.copy()  # a copy keeps the factory
    return len(d[k]), len(c[k + "!"])


def test_lambda_and_function_factories():
    rows = [("x", 1.0), ("y", 2.0), ("x", 3.0), ("z", -5.0)]
    check(lambda_factories, rows, 2.5)
    check(lambda_factories, [], 0.0)
    check(table, ["a", "b", "a"], "q")
    check(factory_raises, ["a", "b"], 0)
    check(factory_raises, ["a", "b"], 3)
    check(factory_raises, ["a"], 0)


@accelerate
def co_occurrence(sentences: list[str]) -> defaultdict[str, defaultdict[str, int]]:
    pairs = defaultdict(lambda: defaultdict(int))
    for s in sentences:
        words = s.split()
        for a in words:
            for b in words:
                if a != b:
                    pairs[a][b] += 1
    return pairs


@accelerate
def bump_pair(pairs: defaultdict[str, defaultdict[str, int]], a: str, b: str) -> int:
    pairs[a][b] += 1
    return len(pairs)


def test_nested_defaultdicts():
    check(co_occurrence, ["a b c", "b c", "c"])
    out = co_occurrence(["x y"])
    assert out == {"x": {"y": 1}, "y": {"x": 1}}
    inner = out["new"]  # Python calls the compiled factory: a fresh defaultdict(int)
    assert type(inner) is defaultdict and inner.default_factory is int and inner == {}
    assert bump_pair(out, "z", "w") == 4 and out["z"] == {"w": 1}
    with pytest.raises(TypeError, match=r"argument 'pairs' must be a defaultdict of defaultdicts made by compiled code"):
        bump_pair(defaultdict(lambda: defaultdict(int)), "a", "b")


def test_a_compiled_factory_crosses_the_boundary():
    out = table(["a"], "b")
    assert type(out) is defaultdict and out == {"a": [-1, 0], "b": [-1]}
    assert out["new"] == [-1]  # Python calls the compiled factory
    assert out.default_factory.__name__ == "<lambda>" and out.default_factory() == [-1]
    assert keeps_factory(out, "k") == (1, 1)  # and compiled code takes it back
    assert out["k"] == [-1] and "k!" not in out
    assert repr(table([], "z")) .startswith("defaultdict(<built-in method <lambda>")


def test_other_factories_are_a_diagnostic(tmp_path):
    err = compile_error(tmp_path, "dd_late", """
from collections import defaultdict
from pyrite import accelerate

@accelerate
def f(n: int) -> defaultdict[int, int]:
    base = 1
    d = defaultdict(lambda: base)
    base = n
    return d
""", 1)
    assert err.count("error:") == 1
    assert "this default factory reads a variable of f() that is assigned again after it" in err
    err = compile_error(tmp_path, "dd_call", """
from collections import defaultdict
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    d = defaultdict(dict.fromkeys)
    return d[n]
""", 1)
    assert err.count("error:") == 1
    assert "defaultdict() in compiled code takes one of int, float, str, bool, list, set or dict" in err


# ------------------------------------------------------------ declared as a dict, made as a dict subclass
@accelerate
def by_length(words: list[str]) -> list[tuple[int, list[str], int]]:
    groups: dict[int, list[str]] = defaultdict(list)  # still a defaultdict: a missing key makes a list
    counts: dict[str, int] = collections.Counter()
    order: dict[str, int] = collections.OrderedDict()
    for w in words:
        groups[len(w)].append(w)
        counts[w] += 1
        order[w] = len(order)
    order.move_to_end(words[0]) if words else None
    return [(k, sorted(v), counts[v[0]] + order[v[0]]) for k, v in sorted(groups.items())] + \
        [(-1, list(order), counts["absent"])]


def test_declared_dict_holds_a_defaultdict():
    check(by_length, "the cat and the hat sat on a mat".split())
    check(by_length, [])
