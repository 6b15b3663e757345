# opt/borrow.cpp: a loop that only reads walks an instance variable along fields (node = node.next,
# a tree's descent) without counting references; its reference is kept aside by pyrite::Borrow for
# the loop. A call, a store, `return node`, or a truth test that runs __bool__ keeps the counts.
# RUN: %pyrite ir %s --print-after borrow | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from __future__ import annotations

from pyrite import accelerate


class Node:
    def __init__(self, key: int):
        self.key = key
        self.next: Node | None = None
        self.left: Node | None = None
        self.right: Node | None = None


class Sized:
    def __init__(self, n: int):
        self.n = n
        self.next: Sized | None = None

    def __len__(self) -> int:
        return self.n


@accelerate
def walks(head: Node, key: int, k: int) -> int:
    # CHECK-LABEL: def @walks
    # CHECK: while {{.*}}:  # borrows %node
    # CHECK-NEXT: %node = (attr %node:Node next)!:Node  (borrowed)
    # CPP-LABEL: static pyrite::i64 f0_walks(
    # CPP: pyrite::Borrow<decltype(v_node)> borrow_v_node(v_node);
    # CPP-NEXT: while (
    # CPP: pyrite::borrow_assign(v_node, pyrite::unwrap(v_node->m_next, "next"));
    node = head
    while node.next is not None and node.next.key < key:
        node = node.next
    # a range loop, and a descent by a condition
    # CHECK: for %_ in range(0:int, %k:int):  # borrows %tree
    # CHECK: %tree = (ifexp {{.*}}):Node  (borrowed)
    tree = head
    for _ in range(k):
        if tree.left is None or tree.right is None:
            break
        tree = tree.left if key < tree.key else tree.right
    # the outer loop walks %a; the inner one %b (assigned from %a: not a walk of the outer loop's)
    # CHECK: while (compare %a:Node | None isnot None:None):bool:  # borrows %a
    # CHECK: while {{.*}}:  # borrows %b
    # CHECK-NOT: borrows
    count = 0
    a: Node | None = head
    while a is not None:
        b = a.next
        while b is not None and b.key < a.key + key:
            count += 1
            b = b.next
        a = a.next
    return node.key + tree.key + count


@accelerate
def counted(head: Node, key: int, out: list[int], s: Sized) -> int:
    # CHECK-LABEL: def @counted
    # CHECK-NOT: borrow
    # CPP-LABEL: static pyrite::i64 f1_counted(
    # CPP-NOT: pyrite::{{[Bb]}}orrow
    # CPP: return
    node: Node | None = head
    while node is not None:  # a call in the body
        out.append(node.key)
        node = node.next
    sized: Sized | None = s
    while sized:  # the truth test runs Sized.__len__
        sized = sized.next
    other = head
    while other.next is not None and other.key < key:  # assigned from another variable
        other = other.next if key > 0 else head
    return other.key


@accelerate
def find(head: Node, key: int) -> Node | None:
    # CHECK-LABEL: def @find
    # CHECK-NOT: borrow
    node: Node | None = head
    while node is not None:  # returns the variable itself (C++ would move it out uncounted)
        if node.key == key:
            return node
        node = node.next
    return None


@accelerate
def lists(bodies: list[list[float]], grow: list[list[float]]) -> float:
    # the lists of a list of lists, read in turn: each held by the list of lists, which the loop does
    # not assign and whose items nothing in it replaces (it stores numbers into lists of numbers)
    # CHECK-LABEL: def @lists
    # CHECK: for %j in range({{.*}}):  # borrows %bj
    # CHECK-NEXT: %bj = (index %bodies:list[list[float]] %j:int):list[float]  (borrowed)
    # CPP-LABEL: static double f3_lists(
    # CPP: pyrite::Borrow<decltype(v_bj)> borrow_v_bj(v_bj);
    # CPP: pyrite::borrow_assign(v_bj, v_bodies.get_ref(v_j));
    total = 0.0
    for j in range(len(bodies)):
        bj = bodies[j]
        bj[0] += 1.0
        total += bj[0] * len(bj)
    # a call in the body (it could replace an item): counted
    # CHECK-NOT: borrows %g
    for j in range(len(grow)):
        g = grow[j]
        grow.append([total])
        total += g[0]
    return total


@accelerate
def steps(bodies: list[list[float]], dt: float) -> float:
    # the n-body benchmark's loops: bi = bodies[i] around a loop that reads bj = bodies[j] (another
    # variable's item read does not keep bi counted), and `for b in bodies`, whose items the loop
    # holds; its body tests b's length once (version-loops) instead of checking each read
    # CHECK-LABEL: def @steps
    # CHECK: for %i in range({{.*}}):  # borrows %bi
    # CHECK-NEXT: %bi = (index %bodies:list[list[float]] %i:int):list[float]  (borrowed)
    # CHECK: for %b in %bodies:list[list[float]] (fixed length):  # borrows %b
    # CHECK-NEXT: if (compare (intrinsic len %b:list[float]):int gt 5:int):bool:
    # CHECK-NEXT: (index %b:list[float] 0:int unchecked=1):float =
    # CPP-LABEL: static double f4_steps(
    # CPP: pyrite::Borrow<decltype(v_bi)> borrow_v_bi(v_bi);
    # CPP: pyrite::Borrow<decltype(v_b)> borrow_v_b(v_b);
    # CPP: while (it0_{{[0-9]+}}.next_borrowed(v_b)) {
    # CPP-NEXT: pyrite_line
    # CPP: if (v_b.len() > INT64_C(5)) {
    # CPP: v_b.set_at(INT64_C(0), value)
    total = 0.0
    for i in range(len(bodies)):
        bi = bodies[i]
        for j in range(i + 1, len(bodies)):
            bj = bodies[j]
            bi[3] -= bj[0] - bi[0]
            bj[3] += bj[0] - bi[0]
    for b in bodies:
        b[0] += dt * b[3]
        b[1] += dt * b[4]
        b[2] += dt * b[5]
    # its variable rebound in the body, or a call there: counted
    # CHECK: for %c in %bodies:list[list[float]] (fixed length):
    # CHECK-NOT: borrows %c
    # CHECK: for %d in %bodies
    # CHECK-NOT: borrows %d
    # CHECK: return
    for c in bodies:
        total += c[0]
        c = [total]
    for d in bodies:
        total += abs(d[0]) + d[1] + d[2] + len(str(d))
    return total


class Body:
    def __init__(self, x: float, v: float):
        self.x = x
        self.v = v

    @property
    def speed(self) -> float:
        return abs(self.v)

    @speed.setter
    def speed(self, s: float) -> None:
        self.v = s


@accelerate
def objects(bodies: list[Body], dt: float) -> float:
    # a list of instances read in turn, numbers stored into their fields: each item held by the list
    # CHECK-LABEL: def @objects
    # CHECK: for %i in range({{.*}}):  # borrows %bi %bj
    # CHECK-NEXT: %bi = (index %bodies:list[Body] %i:int):Body  (borrowed)
    # CHECK: %bj = (index %bodies:list[Body] %j:int):Body  (borrowed)
    # CHECK: for %b in %bodies:list[Body] (fixed length):  # borrows %b
    # CPP-LABEL: static double f5_objects(
    # CPP: pyrite::borrow_assign(v_bi, v_bodies.get_ref(v_i));
    # CPP: while (it0_{{[0-9]+}}.next_borrowed(v_b)) {
    total = 0.0
    for i in range(len(bodies)):
        bi = bodies[i]
        for j in range(i + 1, len(bodies)):
            bj = bodies[j]
            bi.v -= bj.x - bi.x
            bj.v += bj.x - bi.x
    for b in bodies:
        b.x += dt * b.v
    # a property's setter is a call: counted
    # CHECK: for %c in %bodies:list[Body]:
    # CHECK-NOT: borrows %c
    # CHECK: return
    for c in bodies:
        c.speed = total
        total += c.x
    return total
