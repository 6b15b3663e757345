"""dict[K, V]: displays, indexing, methods, iteration (and changing size while iterating),
comprehensions, equality and the boundary (copy in, write back, identity kept).

Results are compared with insertion order, so a dict that iterates differently fails.
"""
import gc
import heapq
import math
from collections import Counter
import resource

import pytest

from difftest import check, check_all, load_source
from pyrite import CompileError, accelerate

DICTS = [{}, {"a": 1}, {"b": 2, "a": 1, "c": 3}, {"é": -1, "🎉": 5, "": 0}]
KEYS = ["a", "b", "z", "", "é"]


@accelerate
def get_item(d: dict[str, int], k: str) -> int:
    return d[k]


@accelerate
def set_item(d: dict[str, int], k: str, v: int) -> dict[str, int]:
    d[k] = v
    return d


@accelerate
def del_item(d: dict[str, int], k: str) -> None:
    del d[k]


@accelerate
def methods(d: dict[str, int], k: str) -> tuple[int, int | None, int, int, bool, int]:
    a = d.get(k, -1)
    b = d.get(k)
    c = d.setdefault(k, 7)
    e = d.pop(k, 99)
    return a, b, c, e, k in d, len(d)


@accelerate
def pop_missing(d: dict[str, int], k: str) -> int:
    return d.pop(k)


@accelerate
def popitem(d: dict[str, int]) -> tuple[str, int]:
    return d.popitem()


@accelerate
def views(d: dict[str, int]) -> tuple[list[str], list[int], list[tuple[str, int]]]:
    return list(d.keys()), list(d.values()), list(d.items())


@accelerate
def iterate(d: dict[str, int]) -> list[str]:
    out = []
    for k in d:
        out.append(k)
    for k, v in d.items():
        out.append(f"{k}={v}")
    for v in d.values():
        out.append(str(v))
    return out


@accelerate
def grow_while_iterating(d: dict[str, int]) -> int:
    n = 0
    for k in d:
        d[k + "x"] = 1
        n += 1
    return n


@accelerate
def delete_while_iterating(d: dict[str, int]) -> int:
    n = 0
    for k in d.keys():
        del d[k]
        n += 1
    return n


@accelerate
def replace_while_iterating(d: dict[str, int]) -> dict[str, int]:
    for k in d:
        d[k] = d[k] * 2  # same size: allowed
    return d


@accelerate
def update_copy_clear(a: dict[str, int], b: dict[str, int]) -> tuple[dict[str, int], dict[str, int], bool, bool]:
    c = a.copy()
    c.update(b)
    same = c == a
    a.clear()
    return c, a, same, c != b


@accelerate
def comprehension(xs: list[int]) -> dict[int, int]:
    return {x: x * x for x in xs if x % 2 == 0}


@accelerate
def from_pairs(keys: list[str], values: list[float]) -> dict[str, float]:
    return dict(zip(keys, values))


@accelerate
def display(a: str, b: str) -> dict[str, list[int]]:
    d = {a: [1], b: [2, 3]}
    d[a].append(4)
    return d


@accelerate
def reinsert_order(d: dict[str, int]) -> list[str]:
    d["new"] = 0
    del d["new"]
    for k in list(d.keys()):
        v = d.pop(k)
        d[k] = v
    return list(d)


@accelerate
def numeric_keys(d: dict[float, str], k: int) -> tuple[bool, str]:
    return k in d, d.get(k, "none")


@accelerate
def tuple_keys(points: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    seen: dict[tuple[int, int], int] = {}
    for p in points:
        seen[p] = seen.get(p, 0) + 1
    return seen


@accelerate
def word_freq(text: str) -> list[tuple[str, int]]:
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items())


@accelerate
def bfs(graph: dict[int, list[int]], start: int) -> list[int]:
    dist = {start: 0}
    frontier = [start]
    order = []
    while frontier:
        nxt = []
        for u in frontier:
            order.append(u)
            for v in graph.get(u, []):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    return order


@accelerate
def aliasing(d: dict[str, int]) -> dict[str, int]:
    e = d
    e["alias"] = 1
    return d


@accelerate
def nested(d: dict[str, dict[str, int]]) -> int:
    total = 0
    for k, inner in d.items():
        inner["seen"] = 1
        for v in inner.values():
            total += v
    return total


@accelerate
def make_dict(n: int) -> dict[str, int]:
    return {str(i): i for i in range(n)}


@accelerate
def pass_twice(a: dict[str, int], b: dict[str, int]) -> bool:
    a["x"] = 1
    return "x" in b


def test_get_set_del():
    check_all(get_item, DICTS, KEYS)
    check_all(set_item, DICTS, KEYS, [0, -5])
    check_all(del_item, DICTS, KEYS)


def test_methods():
    check_all(methods, DICTS, KEYS)
    check_all(pop_missing, DICTS, KEYS)
    check_all(popitem, DICTS)
    check_all(views, DICTS)
    check_all(iterate, DICTS)
    check_all(update_copy_clear, DICTS, DICTS)


def test_mutation_while_iterating():
    check_all(grow_while_iterating, DICTS)
    check_all(delete_while_iterating, DICTS)
    check_all(replace_while_iterating, DICTS)


def test_constructions():
    check_all(comprehension, [[], [1, 2, 3, 4, 4, 6]])
    check(from_pairs, ["a", "b", "a"], [1.5, 2.5, 3.5])
    check(display, "k", "j")
    check(display, "k", "k")  # a repeated key: the later value wins, the first position stays
    check_all(reinsert_order, DICTS)
    check(tuple_keys, [(1, 2), (3, 4), (1, 2)])
    check(make_dict, 50)


def test_key_equality():
    # 1 == 1.0: an int key finds a float key, as in CPython
    check_all(numeric_keys, [{1.0: "one", 2.5: "x"}, {}], [1, 2, 0])
    # 2**53 + 1 equals no float exactly, so it finds no key of 2.0**53, as in CPython
    check_all(numeric_keys, [{9007199254740992.0: "a"}], [2 ** 53 + 1, 2 ** 53, -(2 ** 63)])


def test_programs():
    check(word_freq, "the cat the hat the end a cat")
    graph = {0: [1, 2], 1: [3], 2: [3, 4], 3: [5], 4: [5], 5: []}
    check_all(bfs, [graph], [0, 3, 9])


def test_boundary():
    check(aliasing, {"a": 1})
    check(nested, {"a": {"x": 1}, "b": {}})
    d = {"a": 1}
    assert pass_twice(d, d) is True and d == {"a": 1, "x": 1}
    with pytest.raises(TypeError, match=r"get_item\(\) argument 'd'\['b'\] must be int, not str"):
        get_item({"a": 1, "b": "no"}, "a")
    with pytest.raises(TypeError, match=r"get_item\(\) argument 'd' \(a key\) must be str, not int"):
        get_item({1: 1}, "a")
    with pytest.raises(TypeError, match=r"argument 'd' must be dict, not list"):
        get_item([], "a")
    with pytest.raises(KeyError) as e:
        get_item({"a": 1}, "zz")
    assert e.value.args == ("zz",)  # the key itself, as CPython's
    with pytest.raises(KeyError) as e:
        numeric_keys_missing({1.5: "x"}, float("inf"))
    assert e.value.args == (float("inf"),)
    with pytest.raises(KeyError) as e:
        tuple_keys_missing({(1, 2): 3})
    assert e.value.args == ((5, 6),)


@accelerate
def numeric_keys_missing(d: dict[float, str], k: float) -> str:
    return d[k]


@accelerate
def tuple_keys_missing(d: dict[tuple[int, int], int]) -> int:
    return d[(5, 6)]


@pytest.mark.skipif(__import__("os").environ.get("PYRITE_SANITIZE") == "1",
                    reason="ASan holds freed memory in quarantine: RSS says nothing there")
def test_memory_flat():
    """A million calls that pass and return dicts keep a flat RSS (a loose bound)."""
    d = {str(i): i for i in range(100)}
    for _ in range(2000):
        make_dict(10)
        iterate(d)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    small = {"a": 1}
    for _ in range(500_000):  # a million calls passing and returning containers
        make_dict(3)
        set_item(small, "k", 1)
    gc.collect()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 20_000, f"RSS grew by {after - before} KiB"


def test_diagnostics(tmp_path):
    mod = load_source(tmp_path, "bad_dicts", (
        "from pyrite import accelerate\n"
        "@accelerate\n"
        "def unhashable(xs: list[int]) -> int:\n"
        "    d = {xs: 1}\n"
        "    return len(d)\n"
        "@accelerate\n"
        "def wrong_key(d: dict[str, int]) -> int:\n"
        "    return d[1]\n"
        "@accelerate\n"
        "def unknown() -> int:\n"
        "    d = {}\n"
        "    return len(d)\n"))
    with pytest.raises(CompileError, match=r"unhashable type: 'list'"):
        mod.unhashable([1])
    with pytest.raises(CompileError, match=r"a 'dict\[str, int\]' has no 'int' keys"):
        mod.wrong_key({})
    with pytest.raises(CompileError, match=r"cannot infer a type for 'd'"):
        mod.unknown()


@accelerate
def most_common_word(words: list[str]) -> tuple[str, list[str], str]:
    # key=d.get over d itself: d[k] (never None), the common idiom
    d: dict[str, int] = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    c = Counter(words)
    return max(d, key=d.get), sorted(d, key=d.get, reverse=True), min(c, key=c.get)


def test_key_d_get_over_d():
    check_all(most_common_word, [["a", "b", "b", "c", "c", "c"], ["x"], ["q", "p", "q", "p"]])


# ------------------------------------------------------------ write-back of dicts whose values are containers
# The caller's dict is cleared and refilled when compiled code changed it: its values, lists only the
# dict held, must live until every argument is written back (a use after free once: capi::Boundary
# holds a reference to each Python object it maps)
@accelerate
def regroup(groups: dict[str, list[int]], sets: dict[int, set[int]], nested: dict[str, dict[str, list[int]]]) -> int:
    groups["new"] = [5]
    moved = groups.pop("a")
    groups["b"].append(len(moved))
    nested["x"]["moved"] = moved
    sets[7] = sets[1] | {9}
    del sets[1]
    nested["y"] = nested.pop("x")
    return len(groups) + len(sets) + len(nested)


class Holder:
    def __init__(self, xs: list[int]):
        self.xs = xs


@accelerate
def swap_fields(a: Holder, b: Holder, d: dict[str, list[int]]) -> int:
    old = a.xs
    a.xs = [len(old)]
    b.xs = old
    d["k"] = d["k"] + old
    d.pop("gone")
    return len(b.xs)


def test_dict_values_outlive_the_write_back():
    for _ in range(3):
        check(regroup, {"a": [1, 2], "b": [3], "c": []}, {1: {1, 2}, 2: set()}, {"x": {"p": [0]}, "z": {}})
        groups = {"a": [1, 2], "b": [3]}
        sets = {1: {1, 2}}
        nested = {"x": {"p": [0]}}
        assert regroup(groups, sets, nested) == 4
        gc.collect()
        assert groups == {"b": [3, 2], "new": [5]} and sets == {7: {1, 2, 9}}
        assert nested == {"y": {"p": [0], "moved": [1, 2]}}
        a, b = Holder([1, 2, 3]), Holder([])
        d = {"k": [0], "gone": [4]}
        assert swap_fields(a, b, d) == 3
        gc.collect()
        assert a.xs == [3] and b.xs == [1, 2, 3] and d == {"k": [0, 1, 2, 3]}


@accelerate
def merged(a: dict[str, int], b: dict[str, int], keys: list[str]):
    # d | e, d |= e (in place: an alias sees it), d.update(k=v), dict.fromkeys
    c = a | b
    alias = a
    a |= {"z": 9}
    alias.update(y=7, w=1)
    return c, a, alias, {"q": 1} | b, dict.fromkeys(keys, 0), dict.fromkeys(keys), dict.fromkeys("abca"), \
        list(dict.fromkeys(k.lower() for k in keys))


def test_merge_operators_update_keywords_and_fromkeys():
    check(merged, {"x": 1, "y": 2}, {"y": 5, "w": 0}, ["b", "A", "a", "b"])
    check(merged, {}, {}, [])


# ---------------------------------------------------------------- str keys: the dict's own hash
# a dict probes str keys by a hash of pyrite's own (str.hpp's str_dict_hash), not CPython's: the
# same key made any way (literal, slice, concatenation, join, from Python) must find its entry,
# keys alike but for one code point (or a code point past U+FFFF) must not collide into one, and
# the order, deletions and re-insertions must be CPython's
@accelerate
def many_str_keys(n: int, words: list[str]) -> tuple[int, int, int, list[str], dict[str, int]]:
    d: dict[str, int] = {}
    for i in range(n):
        d[f"k{i}"] = i
        d["x" * (i % 37) + str(i % 101)] = -i
    for i in range(0, n, 3):
        del d[f"k{i}"]
    for i in range(0, n, 6):
        d["k" + str(i)] = i * 2  # back, at the end
    hits = 0
    for i in range(n):
        if f"k{i}" in d:
            hits += 1
    made = 0
    for w in words:
        d[w] = d.get(w, 0) + 1
        if w[:1] + w[1:] in d and "".join([w]) in d and (w + "!")[:-1] in d:
            made += 1
    return len(d), hits, made, list(d)[:40] + list(d)[-40:], {k: d[k] for k in words}


def test_str_keys_by_the_dicts_own_hash():
    words = ["a", "b", "ab", "ba", "é", "e\u0301", "😀", "😀😀", "🎉x", "x🎉", "", " ", "a" * 100, "a" * 99 + "b",
             "ab" * 50, "k1", "k10", "k01", "\x00", "\x00\x00", "日本", "本日", "A", "a"]
    check(many_str_keys, 3000, words)
    check(many_str_keys, 0, [])


# removals leave holes (the index slot a dummy the probes go past) until a rebuild drops them;
# int, float and bool keys keep no hash in their entries (computed again at a rebuild), str and
# tuple keys do: each kind churned through inserts, removals of every kind, re-inserts and growth
@accelerate
def churn_int(n: int, seed: int) -> tuple[list[tuple[int, int]], int, int, bool]:
    d: dict[int, int] = {}
    state = seed
    hits = 0
    for step in range(n):
        state = (state * 1103515245 + 12345) % 2147483648
        k = state % 97 - 40
        op = state // 97 % 7
        if op < 3:
            d[k] = step
        elif op == 3:
            if k in d:
                del d[k]
        elif op == 4:
            hits += d.pop(k, -1)
        elif op == 5:
            if d and step % 5 == 0:
                hits += d.popitem()[0]
            else:
                hits += d.setdefault(k * 2**40, step)
        elif k in d:
            hits += d[k]
    e = d.copy()
    e.update({7: 70, -3: 30})
    return list(d.items()), hits, len(e), e == d


@accelerate
def churn_float(n: int) -> tuple[list[tuple[float, int]], list[float]]:
    d: dict[float, int] = {}
    for i in range(n):
        k = (i * 7 % 23) * 0.5 - 3.0
        if i % 3 == 2 and k in d:
            del d[k]
        else:
            d[k] = i
        if i % 11 == 0:
            d[-0.0] = i  # 0.0 and -0.0 are one key
    return list(d.items()), list(d.keys())


@accelerate
def churn_str(n: int) -> tuple[list[tuple[str, int]], int]:
    d: dict[str, int] = {}
    for i in range(n):
        k = "k" + str(i * 13 % 41)
        if i % 4 == 3:
            d.pop(k, 0)
        else:
            d[k] = d.get(k, 0) + i
    for k in list(d.keys())[::2]:
        del d[k]
    for i in range(100):
        d["n" + str(i)] = i  # grows past the holes
    return list(d.items()), len(d)


@accelerate
def churn_tuple(n: int) -> list[tuple[tuple[int, bool], int]]:
    d: dict[tuple[int, bool], int] = {}
    b: dict[bool, int] = {}
    for i in range(n):
        k = (i % 17, i % 3 == 0)
        if i % 5 == 4:
            if k in d:
                del d[k]
            b.pop(i % 2 == 0, 0)
        else:
            d[k] = i
            b[i % 3 == 0] = i
    return list(d.items()) + [((-1, k), v) for k, v in b.items()]


@accelerate
def remove_all_then_grow(n: int) -> tuple[list[int], list[int], int]:
    d = {i: i * i for i in range(n)}
    for i in range(n):
        del d[i]
    gone = list(d.keys())
    for i in range(n, 0, -1):
        d[i % 7] = i  # the removed keys back, then the table grows
    for i in range(3 * n):
        d[i * 1000003] = i
    return gone, list(d.keys())[:20], len(d)


def test_removals_holes_and_rebuilds():
    for n, seed in [(0, 1), (50, 1), (500, 7), (5000, 12345)]:
        check(churn_int, n, seed)
    check_all(churn_float, [0, 10, 200])
    check_all(churn_str, [0, 5, 300])
    check_all(churn_tuple, [0, 30, 400])
    check_all(remove_all_then_grow, [0, 1, 8, 300])


# KeyError(k)'s message is repr(k): a str of printable ASCII with no quote or backslash is written in
# place (str.hpp's repr_to), any other through repr()'s escapes; a loop whose handler takes it
@accelerate
def missing_messages(d: dict[str, int], keys: list[str]) -> list[str]:
    out: list[str] = []
    for k in keys:
        try:
            out.append(str(d[k]))
        except KeyError as e:
            out.append(str(e))
    return out


@accelerate
def first_seen(words: list[str]) -> tuple[int, dict[str, int]]:
    seen: dict[str, int] = {}
    firsts = 0
    for w in words:
        try:
            seen[w] += 1
        except KeyError:
            seen[w] = 1
            firsts += 1
    return firsts, seen


def test_key_error_messages_of_str_keys():
    keys = ["a", "", " ", "plain words 123", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\t", "nl\n",
            "\x7f", "\x00", "é", "😀", "~", "x" * 300]
    check(missing_messages, {"a": 1}, keys)
    check(get_item, {"a": 1}, "it's")
    check(first_seen, [w for w in "the cat the hat a cat it's it's".split()])


# dict() of pairs that are lists, tuple[T, ...]s or strs of two items (CPython checks each length)
@accelerate
def parse_pairs(s: str) -> dict[str, str]:
    return dict(p.split("=", 1) for p in s.split(";") if p)


@accelerate
def pairs_of_lists(xs: list[list[int]]) -> dict[int, int]:
    return dict(xs)


@accelerate
def pairs_of_strs(xs: list[str]) -> dict[str, str]:
    return dict(xs)


@accelerate
def pairs_of_tuples(n: int) -> dict[int, int]:
    return dict(tuple(range(k, k + 2)) for k in range(n))


def test_dict_of_pairs_that_are_sequences():
    check(parse_pairs, "a=1;b=2=3;a=4")
    check(parse_pairs, "a=1;b;c=3")  # ValueError: dictionary update sequence element #1 has length 1; 2 is required
    check(parse_pairs, "")
    check(pairs_of_lists, [[1, 2], [3, 4], [1, 5]])
    check(pairs_of_lists, [[1, 2], [3, 4, 5]])  # element #1 has length 3
    check(pairs_of_strs, ["ab", "cd", "a\u00e9"])
    check(pairs_of_strs, ["ab", ""])  # element #1 has length 0
    check(pairs_of_tuples, 4)


# d.get(k, default): the default is no value of the dict's (math.inf, a float, as the default of a
# dict of ints leaves it a dict of ints)
@accelerate
def shortest(graph: dict[int, list[tuple[int, int]]], src: int) -> dict[int, int]:
    dist = {src: 0}
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, math.inf):
            continue
        for v, w in graph.get(u, []):
            nd = d + w
            if nd < dist.get(v, math.inf):
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist


@accelerate
def shortest_from_empty(edges: list[tuple[int, int, int]]) -> dict[int, int]:
    best = {}
    for a, b, w in edges:
        if w < best.get(b, math.inf):
            best[b] = w
    return best


@accelerate
def counted(words: list[str]) -> dict[str, int]:
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def test_a_get_default_is_no_value_of_the_dict():
    check(shortest, {0: [(1, 4), (2, 1)], 2: [(1, 2)], 1: [(3, 1)]}, 0)
    check(shortest_from_empty, [(0, 1, 5), (0, 1, 3), (2, 3, 7)])
    check(counted, ["a", "b", "a"])
