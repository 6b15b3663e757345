"""collections.deque in compiled code (issue 19): a deque shared by reference, with maxlen,
CPython's messages, its iterator's mutation check, and the caller's deque changed as CPython
changes it (runtime/include/pyrite/deque.hpp)."""
import collections
from collections import deque
from dataclasses import dataclass

import pytest

from difftest import check
from pyrite import accelerate


@accelerate
def bfs(adj: list[list[int]], src: int) -> list[int]:
    dist = [-1] * len(adj)
    dist[src] = 0
    q = deque([src])
    while q:
        u = q.popleft()
        for v in adj[u]:
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                q.append(v)
    return dist


@accelerate
def moving_average(xs: list[float], k: int) -> list[float]:
    w: deque[float] = deque(maxlen=k)
    out = []
    for x in xs:
        w.append(x)
        if len(w) == k:
            out.append(sum(w) / k)
    return out


@accelerate
def methods(xs: list[int], n: int) -> tuple[list[int], int, int, int, str, bool, int, int, int]:
    d = collections.deque(xs, maxlen=6)
    d.appendleft(-1)
    d.rotate(n)
    d.extend([7, 8])
    d.extendleft([9, 10])
    last = d.pop()
    first = d.popleft()
    d.insert(1, 42) if len(d) < 6 else d.remove(d[1])
    d[0] = d[0] * 2
    total = 0
    for x in d:
        total += x
    c = d.copy()
    c.reverse()
    return list(d), last, first, d[-1], repr(c), 8 in d, d.count(7), d.index(d[-1]), total


@accelerate
def edits(d: deque[int]) -> deque[int]:
    d.append(len(d))
    d.popleft()
    d.rotate(-1)
    return d


@accelerate
def doubled(d: deque[int], k: int) -> deque[int]:
    return deque([x * 2 for x in d], k)


@accelerate
def pop_from(d: deque[str], left: bool) -> str:
    return d.popleft() if left else d.pop()


@accelerate
def at(d: deque[int], i: int) -> int:
    return d[i]


@accelerate
def find(d: deque[int], x: int) -> int:
    return d.index(x)


@accelerate
def drop(d: deque[int], x: int) -> None:
    d.remove(x)


@accelerate
def insert_at(d: deque[int], i: int, x: int) -> None:
    d.insert(i, x)


@accelerate
def with_maxlen(xs: list[int], m: int) -> deque[int]:
    d = deque(xs, maxlen=m)
    d.append(100)
    d.appendleft(-100)
    return d


@accelerate
def grow_while_iterating(d: deque[int]) -> int:
    total = 0
    for x in d:
        total += x
        if x == 2:
            d.append(9)
    return total


@accelerate
def nested(pairs: list[tuple[str, int]]) -> list[deque[tuple[str, int]]]:
    queues = [deque(), deque()]
    for name, pri in pairs:
        queues[pri % 2].append((name, pri))
    for q in queues:
        if q:
            q.rotate(1)
    return queues


def test_bfs_and_a_moving_average():
    check(bfs, [[1, 2], [3], [3], [4], []], 0)
    check(bfs, [[]], 0)
    check(moving_average, [1.0, 2.0, 4.0, 8.0, 16.0], 3)
    check(moving_average, [1.0, 2.0], 1)


def test_methods_are_cpython_s():
    for xs in ([], [1], [1, 2, 3, 4, 5], list(range(10))):
        for n in (-7, -1, 0, 1, 2, 13):
            check(methods, xs, n)


def test_arguments_are_changed_and_returned_as_cpython_s():
    check(edits, deque([1, 2, 3]))
    check(edits, deque([1, 2, 3], maxlen=3))
    check(edits, deque([5]))
    check(doubled, deque([1, 2, 3], maxlen=5), 2)
    check(with_maxlen, [1, 2, 3], 2)
    check(with_maxlen, [1, 2, 3], 0)
    check(nested, [("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)])
    d = deque([1, 2, 3])
    assert edits(d) is d and d == deque([3, 3, 2])  # the caller's own deque, changed in place
    assert type(with_maxlen([1], 3)) is deque and with_maxlen([1], 3).maxlen == 3


def test_errors_are_cpython_s():
    check(pop_from, deque(), True)
    check(pop_from, deque(), False)
    check(pop_from, deque(["x", "y"]), True)
    check(at, deque([1, 2]), 2)
    check(at, deque([1, 2]), -3)
    check(at, deque([1, 2]), -2)
    check(find, deque([1, 2]), 5)
    check(drop, deque([1, 2]), 5)
    check(drop, deque([1, 2, 1]), 1)
    check(insert_at, deque([1, 2], maxlen=2), 0, 5)
    check(insert_at, deque([1, 2]), -10, 5)
    check(with_maxlen, [1], -1)
    check(grow_while_iterating, deque([1, 2, 3]))
    check(grow_while_iterating, deque([1, 3]))
    with pytest.raises(TypeError, match=r"at\(\) argument 'd' must be collections.deque, not list"):
        at([1, 2], 0)  # the annotation is a contract: a list is not a deque


@accelerate
def printed(d: deque[int]) -> tuple[str, str, bool, bool, list[int], int, bool, int]:
    print(d, f"{d}")
    e = deque(d)
    e.append(0)
    return str(d), f"<{d}>", d == e, d < e, sorted(d), sum(d), bool(e), max(d)


def test_printing_comparing_and_builtins(capsys):
    check(printed, deque([3, 1, 2]))
    check(printed, deque([5], maxlen=2))


@dataclass
class Job:
    name: str
    steps: int


def run_one(q):  # a helper without annotations, given a deque of instances
    job = q.popleft()
    job.steps -= 1
    if job.steps > 0:
        q.append(job)
    return job.name


@accelerate
def round_robin(jobs: list[Job], limit: int) -> list[str]:
    q = deque(jobs)
    order = []
    try:
        for _ in range(limit):
            order.append(run_one(q))
    except IndexError as e:
        order.append(f"done: {e}")
    return order


def test_instances_in_a_deque_through_a_helper_that_raises():
    check(round_robin, [Job("a", 2), Job("b", 1), Job("c", 3)], 10)
    check(round_robin, [Job("a", 2)], 1)
