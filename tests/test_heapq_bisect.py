"""heapq and bisect in compiled code (issue 19): _heapqmodule.c's and _bisectmodule.c's
algorithms on compiled lists (runtime/include/pyrite/heapq.hpp), so a heap ends as CPython
leaves it, equal items included, and the caller's list is changed as CPython changes it."""
import bisect
import heapq
import random
from bisect import bisect_left, insort
from dataclasses import dataclass
from heapq import heappop, heappush

from difftest import check, compile_error
from pyrite import accelerate


@accelerate
def heap_sort(xs: list[float]) -> list[float]:
    h = []
    for x in xs:
        heappush(h, x)
    return [heappop(h) for _ in range(len(h))]


@accelerate
def heap_ops(xs: list[int], item: int) -> tuple[list[int], int, int, list[int], list[int]]:
    heapq.heapify(xs)
    after_heapify = list(xs)
    r = heapq.heapreplace(xs, item)
    p = heapq.heappushpop(xs, item - 3)
    return after_heapify, r, p, heapq.nsmallest(3, xs), heapq.nlargest(4, xs)


@accelerate
def heapify_only(xs: list[int]) -> None:
    heapq.heapify(xs)


@accelerate
def pop_all(xs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    heapq.heapify(xs)
    out = []
    while xs:
        out.append(heapq.heappop(xs))
    return out


@accelerate
def pushpop(xs: list[float], x: float) -> float:
    return heapq.heappushpop(xs, x)


@accelerate
def pop_one(xs: list[int]) -> int:
    return heapq.heappop(xs)


@accelerate
def replace_one(xs: list[int], x: int) -> int:
    return heapq.heapreplace(xs, x)


@accelerate
def n_of(n: int, xs: list[float]) -> tuple[list[float], list[float]]:
    return heapq.nsmallest(n, xs), heapq.nlargest(n, xs)


def test_heaps_end_as_cpython_leaves_them():
    rng = random.Random(3)
    for n in (0, 1, 2, 3, 10, 100):
        xs = [rng.randrange(-20, 20) / 2 for _ in range(n)]
        check(heap_sort, xs)
        check(heap_ops, [int(x) for x in xs] + [5], 7)
        check(pop_all, [(int(x), str(i)) for i, x in enumerate(xs)])
    # equal items CPython tells apart: where -0.0 and 0.0 end
    check(heap_sort, [0.0, -0.0, 0.0, -0.0, 1.0, -0.0])
    check(pushpop, [0.0, 1.0], -0.0)
    check(pushpop, [], 2.0)
    check(pushpop, [1.0], 1.0)
    # past 2500 items heapify sifts in cache_friendly_heapify's order: the same heap
    for n in (2500, 2501, 4097, 10000):
        check(heapify_only, [rng.randrange(1000) for _ in range(n)])
    for n in (-2, 0, 1, 3, 50):
        check(n_of, n, [3.0, 1.0, 2.0, 1.0, 5.0])


def test_heap_errors_are_cpython_s():
    check(pop_one, [])
    check(replace_one, [], 1)
    # comparisons CPython makes and pyrite makes: nan compares false, as in CPython
    check(heap_sort, [float("nan"), 1.0, 0.5, float("nan"), -1.0])


@accelerate
def dijkstra(n: int, edges: list[tuple[int, int, float]], src: int) -> list[float]:
    adj = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
        adj[v].append((u, w))
    dist = [float("inf")] * n
    dist[src] = 0.0
    h = [(0.0, src)]
    while h:
        d, u = heappop(h)
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heappush(h, (nd, v))
    return dist


def test_dijkstra_with_heapq():
    rng = random.Random(11)
    n = 200
    edges = [(rng.randrange(n), rng.randrange(n), rng.random()) for _ in range(800)]
    check(dijkstra, n, edges, 0)


@accelerate
def bisections(xs: list[int], x: float, lo: int, hi: int) -> tuple[int, int, int, int]:
    return bisect.bisect_left(xs, x, lo, hi), bisect.bisect_right(xs, x, lo, hi), bisect.bisect(xs, x), bisect_left(xs, x)


@accelerate
def insorts(xs: list[float], ys: list[float]) -> list[float]:
    for y in ys:
        insort(xs, y)
        bisect.insort_left(xs, y)
    return xs


@accelerate
def bisect_strings(words: list[str], w: str) -> int:
    return bisect.bisect(words, w)


def test_bisect_is_cpython_s():
    xs = [1, 2, 2, 2, 5, 9]
    for x in (0.0, 1.0, 1.5, 2.0, 2.5, 9.0, 10.0, float("nan"), float("inf"), -float("inf"), 2.0 ** 63):
        for lo, hi in ((0, -1), (0, 6), (2, 4), (1, 1), (3, 2)):
            check(bisections, xs, x, lo, hi)
    check(bisections, [], 1.0, 0, -1)
    check(insorts, [0.0, 1.0, 3.0], [2.0, -0.0, 0.0, 5.0, 1.0])
    check(bisect_strings, ["apple", "kiwi", "pear"], "fig")


def test_bisect_errors_are_cpython_s():
    check(bisections, [1, 2], 1.0, -1, 2)   # lo must be non-negative
    check(bisections, [1, 2], 1.0, 0, 10)   # an a[mid] past the end: IndexError


@dataclass
class Task:
    pri: int
    name: str

    def __lt__(self, other: "Task") -> bool:
        return self.pri < other.pri


@dataclass(order=True)
class Job:
    cost: float
    tag: str


@accelerate
def schedule(ts: list[Task]) -> list[str]:
    h = []
    for t in ts:
        heapq.heappush(h, t)
    return [heapq.heappop(h).name for _ in range(len(h))]


@accelerate
def order_jobs(js: list[Job]) -> tuple[list[Job], Job, Job, int]:
    s = sorted(js)
    js.sort(reverse=True)
    return s, min(js), max(js), bisect.bisect(s, Job(2.0, "m"))


@accelerate
def tagged(ts: list[Task]) -> list[tuple[int, str]]:
    h = [(t.pri % 2, t) for t in ts]  # ties on the int compare the Tasks: their __lt__
    heapq.heapify(h)
    out = []
    while h:
        k, t = heapq.heappop(h)
        out.append((k, t.name))
    return out


def test_instances_are_ordered_by_their_lt():
    ts = [Task(3, "c"), Task(1, "a"), Task(2, "b"), Task(1, "a2"), Task(0, "z")]
    check(schedule, ts)
    check(tagged, ts)
    check(order_jobs, [Job(3.0, "x"), Job(1.0, "y"), Job(2.0, "z"), Job(2.0, "a"), Job(-0.0, "n")])


def test_instances_without_lt_are_a_diagnostic(tmp_path):
    err = compile_error(tmp_path, "unordered_points", """
import heapq
from pyrite import accelerate

class P:
    def __init__(self, x: int):
        self.x = x

@accelerate
def f(ps: list[P]) -> list[P]:
    heapq.heapify(ps)
    return sorted(ps)
""", [])
    assert "'<' not supported between instances of 'P' and 'P': heapq.heapify() orders items by __lt__ (define it)" in err
    assert "sorted() orders items by __lt__ (define it, or pass key=)" in err


# key= (bisect 3.10, heapq.nsmallest/nlargest): x is compared with key(a[mid]); insort inserts
# x at key(x)'s place; nsmallest/nlargest are sorted(key=...)[:n], equal keys in their order
@accelerate
def keyed_bisections(rows: list[tuple[int, str]], k: int, lo: int, hi: int) -> tuple[int, int, int, int]:
    return (bisect.bisect_left(rows, k, key=lambda r: r[0]), bisect.bisect_right(rows, k, lo, key=lambda r: r[0]),
            bisect.bisect(rows, k, lo, hi, key=lambda r: r[0]), bisect_left(rows, k, hi=hi, key=lambda r: r[0]))


@accelerate
def keyed_insorts(rows: list[tuple[int, str]], new: list[tuple[int, str]]) -> list[tuple[int, str]]:
    for r in new:
        if r[1] < "m":
            bisect.insort_left(rows, r, key=lambda t: t[0])
        else:
            insort(rows, r, key=lambda t: t[0])
    return rows


@accelerate
def keyed_extremes(words: list[str], n: int) -> tuple[list[str], list[str], list[Task]]:
    ts = [Task(len(w), w) for w in words]
    return heapq.nsmallest(n, words, key=len), heapq.nlargest(n, words, key=lambda w: w[-1]), \
        heapq.nlargest(n, ts, key=lambda t: t.pri % 3)


@accelerate
def events_in_window(events: list[tuple[float, str]], start: float, end: float) -> list[str]:
    # events sorted by time: the slice between two times, found by key
    i = bisect.bisect_left(events, start, key=lambda e: e[0])
    j = bisect.bisect_right(events, end, key=lambda e: e[0])
    return [name for _, name in events[i:j]]


def test_key_functions_are_cpython_s():
    rows = [(1, "a"), (2, "b"), (2, "c"), (2, "d"), (5, "e"), (9, "f")]
    for k in (0, 1, 2, 3, 9, 10, -5):
        for lo, hi in ((0, -1), (0, 6), (2, 4), (1, 1), (3, 2)):
            check(keyed_bisections, rows, k, lo, hi)
    check(keyed_bisections, [], 1, 0, -1)
    check(keyed_bisections, rows, 1, -1, 2)   # lo must be non-negative
    check(keyed_bisections, rows, 20, 0, 10)  # key(a[mid]) past the end: IndexError
    check(keyed_insorts, [(1, "a"), (3, "q"), (3, "r"), (7, "s")], [(3, "b"), (3, "x"), (0, "y"), (9, "c"), (7, "z")])
    words = ["pear", "fig", "apple", "kiwi", "banana", "date", "plum", "yam"]
    for n in (0, 1, 3, 8, 20, -2):
        check(keyed_extremes, words, n)
    check(keyed_extremes, [], 2)
    evs = [(0.5, "boot"), (1.0, "login"), (1.0, "ls"), (2.5, "vim"), (4.0, "exit")]
    for start, end in ((0.0, 1.0), (1.0, 1.0), (1.5, 9.0), (5.0, 6.0), (3.0, 2.0)):
        check(events_in_window, evs, start, end)


def test_key_that_cannot_compare_with_x_is_a_diagnostic(tmp_path):
    err = compile_error(tmp_path, "keyed_bisect_str", """
import bisect
from pyrite import accelerate

@accelerate
def f(rows: list[tuple[int, str]], name: str) -> int:
    return bisect.bisect_left(rows, name, key=lambda r: r[0])
""", [])
    assert err.count("error:") == 1
    assert "'<' not supported between instances of 'str' and 'int': bisect.bisect_left() with key= compares x with the keys" in err


# ---------------------------------------------------------------- heapq.merge
def logged(xs: list[int], tag: int, log: list[int]):
    for x in xs:
        log.append(tag * 100 + x)  # when each source is read
        yield x


def key_of(v: int, log: list[int]) -> int:
    log.append(-v)  # when each key is computed
    return v % 10


@accelerate
def merge_star(xss: list[list[int]]) -> list[int]:
    return list(heapq.merge(*xss))


@accelerate
def merge_forms(a: list[int], b: list[int], log: list[int], stop: int):
    out = []
    for x in heapq.merge(logged(a, 1, log), logged(b, 2, log), key=lambda v: key_of(v, log)):
        out.append(x)
        if x == stop:
            break  # the top's source is not read again
    rev = [x for x in heapq.merge(sorted(a, reverse=True), sorted(b, reverse=True), reverse=True)]
    return out, rev


@accelerate
def merge_records(days: list[list[tuple[int, str]]], names: list[str], words: list[str]):
    # equal keys come out in the sources' order, forwards and in reverse
    by_day = [name for _, name in heapq.merge(*days)]
    by_len = list(heapq.merge(names, words, key=len))
    longest_first = list(heapq.merge(names[::-1], words[::-1], key=len, reverse=True))
    return by_day, by_len, longest_first


@accelerate
def merge_floats(a: list[float], b: list[float]) -> list[float]:
    return list(heapq.merge(a, b))


def test_merge_is_heapq_s():
    # Lib/heapq.py's generator: its heap of [key, order, value], reading each source when the
    # item before it has gone out, and the last source left read through without keys
    for xss in ([[1, 4, 7], [2, 5], [3, 6, 9]], [], [[]], [[], [1]], [[3, 1], [2]], [[1, 1], [1, 0]],
                [[5, 3, 8], [1, 9, 2], [4]], [[i, i + 10] for i in range(40)]):
        check(merge_star, xss)
    for stop in (-1, 5, 13):
        check(merge_forms, [1, 5, 9, 13], [2, 3, 10, 21], [], stop)
        check(merge_forms, [], [3, 1], [], stop)
    check(merge_records, [[(1, "a"), (5, "e")], [(1, "b"), (2, "c")], [(3, "d")]], ["ab", "cd", "e"], ["xy", "z"])
    # unsorted sources and nan: the heap's comparisons decide, as CPython's
    nan = float("nan")
    check(merge_floats, [1.0, nan, 0.5], [0.7, 2.0, nan, -1.0])
    check(merge_floats, [nan, 1.0], [nan, 0.0])
    check(merge_floats, [-0.0, 0.0], [0.0, -0.0])
