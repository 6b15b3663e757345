"""collections.OrderedDict in compiled code (issue 19): move_to_end(key, last=), popitem(last=),
== that compares the order between OrderedDicts, OrderedDict's repr, and the caller's
OrderedDict changed in place in its order (runtime/include/pyrite/ordereddict.hpp)."""
import collections
from collections import OrderedDict

from difftest import check
from pyrite import accelerate


@accelerate
def lru(keys: list[str], cap: int) -> tuple[OrderedDict[str, int], list[tuple[str, int]], str, bool, bool]:
    cache = OrderedDict()
    evicted = []
    for i, k in enumerate(keys):
        if k in cache:
            cache.move_to_end(k)
        cache[k] = i
        if len(cache) > cap:
            evicted.append(cache.popitem(last=False))
    other = collections.OrderedDict(cache)
    other.move_to_end(keys[0] if keys[0] in other else keys[-1], last=False)
    return cache, evicted, repr(cache), cache == other, dict(cache) == dict(other)


@accelerate
def bump(d: OrderedDict[str, int]) -> OrderedDict[str, int]:
    d["new"] = 1
    d.move_to_end("a")
    return d


@accelerate
def pop_last(d: OrderedDict[str, int], last: bool) -> tuple[str, int]:
    return d.popitem(last)


@accelerate
def move(d: OrderedDict[str, int], k: str, last: bool) -> None:
    d.move_to_end(k, last=last)


@accelerate
def empty_repr(pairs: list[tuple[int, float]]) -> tuple[str, str]:
    e: OrderedDict[int, float] = OrderedDict()
    return repr(e), str(OrderedDict(pairs))


def test_an_lru_cache():
    check(lru, ["a", "b", "a", "c", "d", "b"], 2)
    check(lru, ["x"], 1)
    check(lru, ["p", "q", "p", "q", "r"], 5)
    check(empty_repr, [(2, 0.5), (1, -0.0)])


def test_the_caller_s_ordereddict_changes_in_its_order():
    check(bump, OrderedDict(a=1, b=2))
    check(move, OrderedDict(a=1, b=2, c=3), "a", True)
    check(move, OrderedDict(a=1, b=2, c=3), "c", False)
    check(pop_last, OrderedDict(a=1, b=2), True)
    check(pop_last, OrderedDict(a=1, b=2), False)


def test_errors_are_cpython_s():
    check(pop_last, OrderedDict(), True)
    check(move, OrderedDict(a=1), "zz", True)
    check(move, OrderedDict(), "zz", False)
