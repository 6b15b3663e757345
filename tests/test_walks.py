"""Loops that walk linked structures (`while node.next is not None: node = node.next`, a tree's
descent), which opt/borrow.cpp steps without counting references: the same results, exceptions and
structures as CPython, however the loop is left (break, return, an exception, the end), with
subclasses in the chain, nested walks, and loops that do not qualify (a call in the body) beside
them. ./dev test --sanitize runs these under AddressSanitizer, which reports a reference lost."""
from __future__ import annotations

import random

import pyrite
from difftest import check
from pyrite import accelerate



class Item:
    def __init__(self, key: int, weight: float):
        self.key = key
        self.weight = weight
        self.next: Item | None = None


class Heavy(Item):
    pass


class Tree:
    def __init__(self, key: int):
        self.key = key
        self.left: Tree | None = None
        self.right: Tree | None = None


@accelerate
def build(keys: list[int]) -> Item | None:
    """a list sorted by key, each key inserted where it belongs (walked by node = node.next)"""
    head: Item | None = None
    for k in keys:
        item = Heavy(k, k * 0.5) if k % 3 == 0 else Item(k, k * 0.5)
        if head is None or k < head.key:
            item.next = head
            head = item
            continue
        node = head
        while node.next is not None and node.next.key <= k:
            node = node.next
        item.next = node.next
        node.next = item
    return head


@accelerate
def keys_of(head: Item | None) -> list[int]:
    out = []
    node = head
    while node is not None:
        out.append(node.key)  # a call: this loop counts
        node = node.next
    return out


@accelerate
def weight_until(head: Item | None, stop: int) -> float:
    total = 0.0
    node = head
    while node:
        if node.key > stop:
            break
        total += node.weight
        node = node.next
    return total


@accelerate
def nth_key(head: Item, n: int) -> int:
    node = head
    acc = 0
    for _ in range(n):
        acc += 100 // node.key  # ZeroDivisionError at a key 0, as in CPython
        if node.next is None:
            break
        node = node.next
    return node.key + acc


@accelerate
def find(head: Item | None, key: int) -> Item | None:
    node = head
    while node is not None and node.key != key:
        node = node.next
    return node


@accelerate
def remove_all(keys: list[int], key: int) -> list[int]:
    head = build(keys)
    prev: Item | None = None
    node = head
    while node is not None:
        if node.key == key:
            break
        prev = node
        node = node.next
    if node is not None:
        if prev is None:
            head = node.next
        else:
            prev.next = node.next
    return keys_of(head)


@accelerate
def insert(root: Tree | None, key: int) -> Tree:
    fresh = Tree(key)
    if root is None:
        return fresh
    node = root
    while True:
        nxt = node.left if key < node.key else node.right
        if nxt is None:
            break
        node = nxt
    if key < node.key:
        node.left = fresh
    else:
        node.right = fresh
    return root


@accelerate
def depth_of(root: Tree, key: int) -> int:
    node: Tree | None = root
    depth = 0
    while node is not None:
        if node.key == key:
            return depth
        node = node.left if key < node.key else node.right
        depth += 1
    return -1


@accelerate
def tree_depths(keys: list[int], probes: list[int]) -> list[int]:
    root: Tree | None = None
    for k in keys:
        root = insert(root, k)
    out = []
    if root is not None:
        for p in probes:
            out.append(depth_of(root, p))
    return out


@accelerate
def pairs_below(head: Item | None, limit: int) -> int:
    # nested walks: the inner loop walks b from each a
    count = 0
    a = head
    while a is not None:
        b = a.next
        while b is not None and a.key + b.key < limit:
            count += 1
            b = b.next
        a = a.next
    return count


@accelerate
def skip_by(head: Item | None, k: int) -> int:
    # node = None ends the walk; node = node.next.next steps two
    node = head
    steps = 0
    while node is not None:
        steps += 1
        if steps > k:
            node = None
        elif node.next is not None:
            node = node.next.next
        else:
            node = node.next
    return steps


@accelerate
def sorted_keys(keys: list[int]) -> list[int]:
    return keys_of(build(keys))


@accelerate
def weights(keys: list[int], stop: int) -> float:
    return weight_until(build(keys), stop)


@accelerate
def nth(keys: list[int], n: int) -> int:
    head = build(keys)
    if head is None:
        return -2
    return nth_key(head, n)


@accelerate
def found_then_changed(keys: list[int], key: int) -> list[int]:
    head = build(keys)
    node = find(head, key)
    if node is not None:
        node.key = -node.key  # the object found is the one in the list
    return keys_of(head)


@accelerate
def walks(keys: list[int], limit: int) -> tuple[int, int]:
    head = build(keys)
    return pairs_below(head, limit), skip_by(head, limit)


KEY_LISTS = [[], [5], [3, 1, 2], [4, 4, 4, 1], list(range(20, 0, -1)), [7, 3, 9, 1, 5, 3, 8, 0, 6], [0, 2, 1]]


def test_sorted_insertion_by_walking():
    for keys in KEY_LISTS:
        check(sorted_keys, keys)
        for stop in (-1, 3, 100):
            check(weights, keys, stop)
    rng = random.Random(3)
    keys = [rng.randrange(100) for _ in range(300)]
    check(sorted_keys, keys)
    assert sorted_keys(keys) == sorted(keys)


def test_walks_left_by_return_break_and_exceptions():
    for keys in KEY_LISTS:
        for n in (0, 1, 3, len(keys), len(keys) + 1):
            check(nth, keys, n)
        for key in (3, 4, 99):
            check(found_then_changed, keys, key)
            check(remove_all, keys, key)
    head = build([2, 1, 3])
    assert find(head, 2) is head.next and find(head, 7) is None  # the caller's own objects
    assert type(head) is Item and type(head.next.next) is Heavy


def test_tree_descent_and_nested_walks():
    rng = random.Random(5)
    keys = [rng.randrange(1000) for _ in range(200)]
    check(tree_depths, keys, keys[:50] + [-1, 1000])
    check(tree_depths, [], [1])
    for keys in KEY_LISTS:
        for limit in (0, 5, 12, 40):
            check(walks, keys, limit)


class DNode:
    def __init__(self, key: int, val: int):
        self.key = key
        self.val = val
        self.prev: DNode | None = None
        self.next: DNode | None = None


class LRUCache:
    def __init__(self, capacity: int):
        self.cap = capacity
        self.map: dict[int, DNode] = {}
        self.head = DNode(0, 0)
        self.tail = DNode(0, 0)
        self.head.next = self.tail
        self.tail.prev = self.head

    def _remove(self, node: DNode) -> None:
        p, n = node.prev, node.next
        if p is not None and n is not None:
            p.next = n
            n.prev = p

    def _add(self, node: DNode) -> None:
        p = self.tail.prev
        if p is not None:
            p.next = node
            node.prev = p
            node.next = self.tail
            self.tail.prev = node

    def get(self, key: int) -> int:
        if key in self.map:
            node = self.map[key]
            self._remove(node)
            self._add(node)
            return node.val
        return -1

    def put(self, key: int, value: int) -> None:
        if key in self.map:
            self._remove(self.map[key])
        node = DNode(key, value)
        self._add(node)
        self.map[key] = node
        if len(self.map) > self.cap:
            lru = self.head.next
            if lru is not None:
                self._remove(lru)
                del self.map[lru.key]

    def keys(self) -> list[int]:
        out = []
        node = self.head.next
        while node is not None and node is not self.tail:
            out.append(node.key)
            node = node.next
        return out

    def size(self) -> int:
        n = 0
        node = self.head.next
        while node is not None and node is not self.tail:
            n += 1
            node = node.next
        return n


@accelerate
def simulate(ops: list[tuple[int, int]], cap: int) -> tuple[int, list[int], int]:
    c = LRUCache(cap)
    hits = 0
    for k, v in ops:
        if v < 0:
            if c.get(k) >= 0:
                hits += 1
        else:
            c.put(k, v)
    return hits, c.keys(), c.size()


def test_an_lru_cache_of_linked_nodes_in_a_dict():
    # a dict of nodes on a doubly linked list: size() walks it uncounted, testing each node against
    # a field of the cache (which may be a value class); keys() has a call in its loop and counts
    rng = random.Random(1)
    ops = [(rng.randrange(50), rng.choice([-1, rng.randrange(100)])) for _ in range(3000)]
    for cap in (1, 2, 16, 60):
        check(simulate, ops, cap)
    check(simulate, [], 3)


# ---- a loop over a list of instances steps uncounted too (opt/borrow.cpp): bj = bodies[j],
# `for b in bodies`, storing numbers into their fields
class Particle:
    def __init__(self, x: float, v: float, mass: float):
        self.x = x
        self.v = v
        self.mass = mass
        self.link: Particle | None = None  # may lead back to itself: Traced, swept for cycles

    @property
    def speed(self) -> float:
        return abs(self.v)

    @speed.setter
    def speed(self, s: float) -> None:  # a property's setter is a call: no uncounted step
        self.v = s if self.v >= 0 else -s


@accelerate
def pull(ps: list[Particle], first: int, stop: int) -> tuple[Particle, float, list[float]]:
    pj = Particle(0.0, 0.0, 1.0)  # held by the variable alone until the loop replaces it
    total = 0.0
    for i in range(len(ps)):
        pi = ps[i]
        for j in range(first, stop):  # stop past the end: IndexError mid-loop
            if j == i:
                continue
            pj = ps[j]
            d = pi.x - pj.x
            f = pi.mass * pj.mass / (d * d)  # ZeroDivisionError where two coincide
            pi.v -= d * f
            pj.v += d * f
            total += ps[0].x  # an item read through, uncounted too
            if d > 100.0:
                break
    pj.x += 1.0  # after the loop: the last instance it read, as CPython's
    return pj, total, [p.v for p in ps]


@accelerate
def drift_all(ps: list[Particle], dt: float, stop_at: float) -> tuple[float, int]:
    p = Particle(7.0, 0.0, 1.0)
    for _ in range(2):
        for p in ps:
            p.x += dt * p.v
            if p.x > stop_at:
                break
    a = ps[0]
    a.link = a  # a cycle, freed when the call returns
    return p.x, len(ps)


@accelerate
def maybe_items(ps: list[Particle | None]) -> float:
    total = 0.0
    for k in range(len(ps)):
        q = ps[k]
        if q is not None:
            q.x *= 2.0
            total += q.x
    return total


@accelerate
def by_setter(ps: list[Particle], s: float) -> float:
    total = 0.0
    for k in range(len(ps)):
        q = ps[k]
        q.speed = s  # a call: the loop counts as it goes
        total += q.v
    return total


def test_stepping_along_a_list_of_instances():
    def ps():
        return [Particle(1.0, 0.5, 2.0), Particle(4.0, -1.0, 1.0), Particle(300.0, 2.0, 0.5)]
    for first, stop in ((0, 3), (1, 3), (2, 2), (0, 4), (3, 3), (1, 2)):
        check(pull, ps(), first, stop)
    check(pull, [Particle(1.0, 0.0, 1.0), Particle(1.0, 0.0, 1.0)], 0, 2)  # d == 0
    for stop_at in (2.0, 1000.0):
        check(drift_all, ps(), 0.5, stop_at)
    check(drift_all, [], 0.5, 1.0)
    check(maybe_items, [Particle(1.0, 0.0, 1.0), None, Particle(3.0, 0.0, 1.0), None])
    check(by_setter, ps(), 3.0)
    qs = ps()
    got = pull(qs, 0, 3)
    assert got[0] is qs[0]  # the caller's own instance (the break at i == 2, j == 0), changed in place
