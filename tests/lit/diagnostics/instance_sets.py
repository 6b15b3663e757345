# A set of instances hashed by their addresses is never iterated: one diagnostic at each use that
# would show its order (CPython's changes from run to run), none where the order is not seen.
# RUN: not %pyrite check %s 2>&1 | FileCheck %s --implicit-check-not=error:
from pyrite import accelerate


class Node:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Keyed:
    def __init__(self, k: int):
        self.k = k

    def __hash__(self) -> int:
        return self.k


@accelerate
def f(n: int) -> int:
    s = {Node(str(i)) for i in range(n)}
    t = {Node("a")} | s
    total = len(s & t) + int(Node("b") in s) + int(s <= t)
    keyed = {Keyed(i) for i in range(n)}
    for k in keyed:
        total += k.k
    for x in s:
        # CHECK: instance_sets.py:[[@LINE-1]]:14: error: iterating a set of 'Node' instances is not supported: they hash by their memory addresses
        # CHECK-NEXT: for x in s:
        # CHECK-NEXT: {{^             \^$}}
        total += len(x.name)
    print(t)
    # CHECK: instance_sets.py:[[@LINE-1]]:5: error: print() of a set of 'Node' instances is not supported
    return total + len(t.pop().name)
    # CHECK: instance_sets.py:[[@LINE-1]]:24: error: pop() from a set of 'Node' instances is not supported
