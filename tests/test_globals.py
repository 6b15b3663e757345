"""A module's list, dict, set, NumPy array and instance globals in compiled code (DIRS = [(0, 1), ...],
a global memo dict, LUT = np.array([...]), a view of the module's own array, CONFIG = Config(...)).

Each call from Python reads the global from its module as it is then (rebound, or changed by Python
code since the last call), as an argument is converted, and writes it back if compiled code changed
it, so Python code sees every append, store and delete afterwards, also where the call raised. Its
type is its annotation in the module (RESULTS: list[int] = []) or its value's."""
from collections import deque

import numpy as np
import pytest

import pyrite
from difftest import check, check_all, compile_error, load_source
from pyrite import accelerate, prange
from pyrite.reference import refresh

DIRS = [(0, 1), (1, 0), (0, -1), (-1, 0)]
WEIGHTS = {"a": 1.5, "b": 2.0, "c": -0.5}
PRIMES = {2, 3, 5, 7, 11, 13}
LOG: list[str] = []
CACHE: dict[int, int] = {}
GROUPS = {"x": [1, 2], "y": [3]}
class Settings:
    def __init__(self, scale: float, name: str):
        self.scale = scale
        self.name = name
        self.seen: list[int] = []

    def bump(self) -> float:
        self.scale += 1.0
        return self.scale


SETTINGS = Settings(2.5, "x")
LUT = np.array([1.0, 2.0, 4.0, 8.0])
GRID = np.arange(12, dtype=np.int64).reshape(3, 4)[:, ::-1]  # a view, not contiguous


@accelerate
def lookup(xs: list[int]) -> float:
    return sum(LUT[x % 4] for x in xs) + float(GRID[1, 2]) + float(GRID.sum())


@accelerate
def bump(k: int) -> float:
    LUT[k] += 1.0  # the module's array itself
    GRID[0, 0] = -1
    return float(LUT.sum())


def neighbours(r: int, c: int, n: int) -> list[tuple[int, int]]:  # a helper reads the global too
    return [(r + dr, c + dc) for dr, dc in DIRS if 0 <= r + dr < n and 0 <= c + dc < n]


@accelerate
def bfs(n: int, wall: int) -> list[int]:
    dist = {(0, 0): 0}
    q = deque([(0, 0)])
    while q:
        r, c = q.popleft()
        for nr, nc in neighbours(r, c, n):
            if (nr * nc) % wall != 1 and (nr, nc) not in dist:
                dist[(nr, nc)] = dist[(r, c)] + 1
                q.append((nr, nc))
    return [len(dist), max(dist.values()), len(DIRS)]


@accelerate
def score(word: str) -> float:
    total = 0.0
    for ch in word:
        total += WEIGHTS[ch]  # KeyError('z') as CPython's
    return total + sum(1 for p in PRIMES if p < len(word))


@accelerate
def fib(n: int) -> int:
    if n < 2:
        return n
    if n in CACHE:
        return CACHE[n]
    r = fib(n - 1) + fib(n - 2)
    CACHE[n] = r
    return r


@accelerate
def record(n: int) -> int:
    for i in range(n):
        LOG.append(f"step {i}")
        if i == 3:
            raise ValueError("stopped at 3")  # what was appended before stays, as in CPython
    GROUPS["x"].append(n)
    GROUPS["n"] = [n] * 2
    del GROUPS["y"]
    PRIMES.discard(2)
    return len(LOG)


@accelerate
def extend_both(xs: list[tuple[int, int]]) -> int:
    xs.append((5, 5))  # xs is DIRS itself: one object, one copy
    return len(DIRS)


@accelerate
def parallel_sum(n: int) -> float:
    total = 0.0
    for i in prange(n):
        total += WEIGHTS["a"] * i + len(DIRS)
    return total


def test_read_only_tables():
    check_all(bfs, [1, 3, 8], [2, 5])
    check_all(score, ["", "abc", "cab", "aaz", "bbbbbbbbbbbbbbbb"])
    check_all(parallel_sum, [0, 10, 1000])


def test_changes_reach_the_module():
    CACHE.clear()
    assert fib(60) == 1548008755920 and len(CACHE) == 59 and CACHE[60] == 1548008755920
    CACHE[70] = -1  # Python code changes it between calls: the next call sees that
    assert fib(70) == -1
    CACHE.clear()
    CACHE[50] = 7
    got, got_cache = fib(71), dict(CACHE)
    CACHE.clear()
    CACHE[50] = 7
    assert got == pyrite.interpreted(fib)(71) and got_cache == CACHE

    def run(f):
        global LOG, PRIMES
        LOG = ["start"]  # rebound: both read the module's LOG as it is now
        GROUPS.clear()  # or changed in place
        GROUPS.update({"x": [1, 2], "y": [3]})
        PRIMES = {2, 3, 5}
        refresh(f)  # an interpreted copy reads the module's globals as they are now
        out = []
        for n in (2, 5):
            try:
                out.append(f(n))
            except ValueError as e:
                out.append(str(e))
        return out, list(LOG), {k: list(v) for k, v in GROUPS.items()}, sorted(PRIMES)

    assert run(record) == run(pyrite.interpreted(record))
    assert run(record)[1] == ["start", "step 0", "step 1", "step 0", "step 1", "step 2", "step 3"]


def test_rebinding_and_aliasing():
    global DIRS
    saved = DIRS
    try:
        assert bfs(3, 2)[2] == 4
        DIRS = [(0, 1), (1, 0)]  # rebound in Python: the next call reads the new list
        assert bfs(3, 2) == pyrite.interpreted(bfs)(3, 2) and bfs(3, 2)[2] == 2
        DIRS = [(0, 1)]
        assert extend_both(DIRS) == 2 and DIRS == [(0, 1), (5, 5)]
    finally:
        DIRS = saved


@accelerate
def configured(x: float, other: Settings) -> tuple[float, bool, str]:
    SETTINGS.seen.append(int(x))
    return x * SETTINGS.bump(), other is SETTINGS, SETTINGS.name


def test_a_global_instance_is_the_modules_object():
    global SETTINGS
    saved = SETTINGS
    try:
        assert configured(3.0, SETTINGS) == (10.5, True, "x")
        assert SETTINGS.scale == 3.5 and SETTINGS.seen == [3]  # changed in place, as Python sees it
        assert configured(4.0, Settings(0.0, "y")) == (18.0, False, "x") and SETTINGS.seen == [3, 4]
        SETTINGS = Settings(10.0, "z")  # rebound in Python: the next call reads the new one
        assert configured(1.0, SETTINGS) == (11.0, True, "z")
        SETTINGS = 5  # another type: a TypeError naming the global, as for a list
        with pytest.raises(TypeError, match="reads the global 'SETTINGS', which must be Settings, not int"):
            configured(1.0, saved)
    finally:
        SETTINGS = saved


def test_global_arrays_are_the_modules_arrays():
    global LUT
    check(lookup, [0, 1, 5, 7])
    saved, grid = LUT.copy(), GRID.copy()
    try:
        assert bump(2) == 16.0 and LUT[2] == 5.0 and GRID[0, 0] == -1  # changed in place, as Python sees it
        LUT = np.array([10.0, 20.0, 30.0, 40.0])  # rebound in Python: the next call reads the new one
        assert lookup([1, 2]) == pyrite.interpreted(lookup)([1, 2]) == 50.0 + 5 + 62  # GRID[0, 0] is -1 now
        LUT = np.zeros((2, 2))  # compiled for its 1-d value: a TypeError naming the global, as for a list
        with pytest.raises(TypeError, match="LUT"):
            lookup([1])
    finally:
        LUT = saved
        GRID[...] = grid


def test_wrong_and_missing_globals():
    global WEIGHTS
    saved = WEIGHTS
    try:
        WEIGHTS = {"a": "heavy"}
        with pytest.raises(TypeError, match=r"score\(\) reads the global 'WEIGHTS'\['a'\], which must be float, not str"):
            score("a")
        del WEIGHTS
        with pytest.raises(NameError, match="name 'WEIGHTS' is not defined"):
            score("a")
    finally:
        WEIGHTS = saved
    assert score("ab") == 3.5 and score("abcab") == pyrite.interpreted(score)("abcab")


MODULE = """
from typing import Iterator
from pyrite import accelerate, prange
{globals}

@accelerate
def f(n: int) -> {ret}:
{body}
"""


@pytest.mark.parametrize("globals, ret, body, message", [
    ("EMPTY = []", "int", "    return len(EMPTY)",
     "global 'EMPTY' is an empty list, which tells no one type for compiled code: annotate it in its module "
     "(EMPTY: list[int] = ...)"),
    ("MIXED = [1, 'a']", "int", "    return len(MIXED)", "global 'MIXED' holds items of the types int, str"),
    ("ITEMS = [1, 2]", "Iterator[int]", "    for x in ITEMS:\n        yield x + n",
     "'f' gives Python a generator object, which runs after the call returned, but reads the global 'ITEMS'"),
    ("ITEMS = [1, 2]", "int", "    for i in prange(n):\n        ITEMS.append(i)\n    return 0",
     "'append()' changes 'ITEMS', which the iterations of a prange loop share"),
    ("import numpy as np\nLUT = np.zeros(3)", "int", "    global LUT\n    LUT = np.ones(3)\n    return 0",
     "'global LUT' rebinds a global compiled code cannot store"),
    ("class C:\n    def __init__(self):\n        self.v = 1\nOBJ = C()", "int", "    global OBJ\n    OBJ = C()\n    return 0",
     "'global OBJ' rebinds a global compiled code cannot store"),
    ("import numpy as np\nNAMES = np.array(['a', 'b'])", "int", "    return len(NAMES)",
     "global 'NAMES' is a 1-d array of dtype <U1, which compiled code does not hold"),
])
def test_refused_globals(tmp_path, globals, ret, body, message):
    text = MODULE.format(globals=globals, ret=ret, body=body)
    err = compile_error(tmp_path, f"glob_{abs(hash(text))}", text, 3)
    assert message in err, err


def test_globals_of_another_module_and_methods(tmp_path):
    mod = load_source(tmp_path, "glob_other", """
from pyrite import accelerate

TABLE = {"k": [1, 2, 3]}
SEEN: set[int] = set()


class Lookup:
    def __init__(self, key: str):
        self.key = key

    def total(self) -> int:
        SEEN.add(len(self.key))
        return sum(TABLE[self.key])


@accelerate
def f(key: str) -> int:
    return Lookup(key).total() + len(SEEN)
""")
    assert mod.f("k") == 7 and mod.SEEN == {1}
    mod.TABLE["long"] = [10]
    assert mod.f("long") == 12 and mod.SEEN == {1, 4}
    with pytest.raises(KeyError) as e:
        mod.f("missing")
    assert e.value.args == ("missing",) and mod.SEEN == {1, 4, 7}


# ------------------------------------------------------------ constants compiled in by value
SCALE = 10
OFFSETS = ((0, 1), (1, 0))
RATE = 0.5


class Meter:
    def __init__(self, v: int):
        self.v = v

    def scaled(self) -> int:
        return self.v * SCALE


@accelerate
def uses_constants(n: int) -> float:
    total = 0
    for dr, dc in OFFSETS:
        total += dr * n + dc
    return total + Meter(n).scaled() + RATE


def test_rebound_constants_compile_again():
    global SCALE, OFFSETS, RATE
    saved = SCALE, OFFSETS, RATE
    try:
        assert uses_constants(2) == 2 + 1 + 20 + 0.5
        key = pyrite.info(uses_constants)["key"]
        RATE = float("0.5")  # another object of the same value: the same compiled function
        SCALE = 5 + 5
        assert uses_constants(2) == 23.5 and pyrite.info(uses_constants)["key"] == key
        SCALE = 100  # a method reads it: the call is made by a function compiled for 100
        assert uses_constants(2) == 2 + 1 + 200 + 0.5
        assert pyrite.info(uses_constants)["key"] != key
        OFFSETS = ((1, 1),)
        RATE = -0.0
        assert uses_constants(3) == 3 + 1 + 300 - 0.0 == pyrite.interpreted(uses_constants)(3)
        hundred = pyrite.info(uses_constants)["key"]
        SCALE, OFFSETS, RATE = saved
        assert uses_constants(2) == 23.5
        SCALE, OFFSETS, RATE = 100, ((1, 1),), -0.0  # again: the module compiled for them, from the cache
        assert uses_constants(3) == 304.0
        assert pyrite.info(uses_constants)["key"] == hundred and not pyrite.info(uses_constants)["compiled_now"]
    finally:
        SCALE, OFFSETS, RATE = saved


def test_constant_of_another_module(tmp_path):
    cfg = load_source(tmp_path, "glob_cfg", "LIMIT = 3\n")
    mod = load_source(tmp_path, "glob_user", """
from pyrite import accelerate
import glob_cfg


@accelerate
def f(n: int) -> int:
    return min(n, glob_cfg.LIMIT)
""")
    assert mod.f(10) == 3
    cfg.LIMIT = 7
    assert mod.f(10) == 7


# ------------------------------------------------------------ a global list of the program's instances
class Item:
    def __init__(self, name: str, weight: int, value: int):
        self.name = name
        self.weight = weight
        self.value = value


ITEMS = [Item("a", 3, 4), Item("b", 4, 5), Item("c", 2, 3)]


@accelerate
def knapsack(cap: int) -> int:
    best = [0] * (cap + 1)
    for it in ITEMS:
        for c in range(cap, it.weight - 1, -1):
            best[c] = max(best[c], best[c - it.weight] + it.value)
    return best[cap]


@accelerate
def restock(n: int) -> int:
    for it in ITEMS:
        it.value += n  # the caller's objects
    ITEMS.append(Item("new", n, 2 * n))
    return len(ITEMS)


def test_global_list_of_instances():
    first = ITEMS[0]
    try:
        assert knapsack(7) == 9 == pyrite.interpreted(knapsack)(7)
        assert restock(1) == 4
        assert ITEMS[0] is first and first.value == 5 and type(ITEMS[3]) is Item
        assert (ITEMS[3].name, ITEMS[3].weight, ITEMS[3].value) == ("new", 1, 2)
        assert knapsack(7) == pyrite.interpreted(knapsack)(7) == 12
    finally:
        del ITEMS[3:]
        for it, v in zip(ITEMS, (4, 5, 3)):
            it.value = v
