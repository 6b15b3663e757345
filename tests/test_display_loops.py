"""`for x in (a, b, c)` and `for x in [a, b, c]`: a loop over a tuple or list display runs over
its items in an array on the stack (runtime/include/pyrite/iter.hpp's TupleItemsIter, made by
codegen's iterator()), not over a list made at each round of the loop around it. The items are
evaluated first, left to right, as CPython does (a call raising in the third item leaves the
first two's effects); mutable items are the caller's own objects; break, continue, else, a
generator, a class's instances (stepped uncounted by opt/borrow.cpp) and exceptions crossing
the loop must agree with CPython (difftest.check), and so must the arguments afterwards."""
from collections import deque

from difftest import check, check_all
from pyrite import accelerate


@accelerate
def grid_bfs(side: int, wall: int) -> int:
    # the neighbours of a cell as a tuple of pairs: the form of every grid search
    n = side * side
    dist = [-1] * n
    dist[0] = 0
    q = deque([0])
    while q:
        u = q.popleft()
        r, c = divmod(u, side)
        for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if rr < 0 or rr >= side or cc < 0 or cc >= side:
                continue
            v = rr * side + cc
            if dist[v] < 0 and (v * 7) % wall != 0:
                dist[v] = dist[u] + 1
                q.append(v)
    return sum(dist)


def _note(log: list[int], x: int) -> int:
    log.append(x)
    return 10 // x  # ZeroDivisionError at x == 0, after the items before it were noted


@accelerate
def evaluated_first(log: list[int], a: int, b: int, stop: int) -> int:
    # every item before the first round (a list display and a tuple display), in order
    total = 0
    for x in [_note(log, a), _note(log, b), _note(log, a + b)]:
        log.append(-1)
        if x == stop:
            break
        total += x
    else:
        total += 1000
    for y in (_note(log, b), _note(log, a)):
        total += y
        if y > stop:
            continue
        log.append(y)
    return total


@accelerate
def items_are_the_callers(rows: list[list[int]], k: int) -> list[list[int]]:
    # the display holds the caller's lists: appending to an item changes them
    a = rows[0]
    b = rows[-1]
    for r in [a, b, a]:
        r.append(k)
        if len(r) > 4:
            r[0] = -r[0]
    return rows


@accelerate
def strings(words: list[str]) -> str:
    out = ""
    for w in words:
        for sep in ("-", ", ", ""):
            if sep and w.startswith(sep[0]):
                continue
            out += w + sep
    for s in ["x", out[:3], out[-2:]]:
        out = s + out
    return out


@accelerate
def rebinding_inside(n: int) -> list[int]:
    # rebinding the loop variable (and the names the items came from) changes nothing already made
    out: list[int] = []
    a, b = n, n * 2
    for x in (a, b, a + b):
        a = x * 10
        x = x + 1
        out.append(x)
        out.append(a)
    return out


class Point:
    def __init__(self, x: float, y: float):
        self.x = x
        self.y = y


@accelerate
def nearest(px: float, py: float, scale: float) -> tuple[float, float, float]:
    # instances in a display, read only in the loop (each item stepped uncounted)
    best = 1e300
    bx = by = 0.0
    for _ in range(3):
        for p in [Point(0.0, 0.0), Point(scale, 1.0), Point(-1.0, scale), Point(px / 2, py / 2)]:
            d = (p.x - px) ** 2 + (p.y - py) ** 2
            if d < best:
                best, bx, by = d, p.x, p.y
    return best, bx, by


@accelerate
def moved(pts: list[Point], dx: float) -> list[float]:
    # the caller's instances in a display: a field set through the loop variable is written back
    for p in (pts[0], pts[-1]):
        p.x += dx
    return [p.x for p in pts]


@accelerate
def steps(n: int):
    # a generator yielding from a loop over a display, its consumer breaking early
    for k in range(n):
        for d in (1, -1, k):
            yield k * 10 + d


@accelerate
def consume(n: int, stop: int) -> list[int]:
    out: list[int] = []
    for v in steps(n):
        if v > stop:
            break
        out.append(v)
    return out


@accelerate
def comprehension(n: int) -> list[int]:
    return [x * y for x in range(n) for y in [1, x, -x] if (x + y) % 3 != 0]


@accelerate
def raising_in_body(xs: list[int], i: int) -> int:
    total = 0
    try:
        for j in (0, i, len(xs) - 1):
            total += xs[j]  # IndexError at a bad i: the rounds before it have counted
            xs[j] = total
    except IndexError:
        total = -total
    return total


@accelerate
def one_item_and_nested(n: int) -> int:
    total = 0
    for a in (n,):
        for b in [a, a + 1]:
            for c in ((a, b),):
                total += c[0] * c[1]
    return total


def test_a_grid_search_over_neighbour_pairs():
    check_all(grid_bfs, [1, 2, 5, 12], [11, 3, 1])


def test_display_items_are_evaluated_first_and_in_order():
    for a, b, stop in [(1, 2, 99), (2, 5, 5), (0, 3, 99), (3, 0, 99), (5, 1, 10), (1, 1, 0)]:
        check(evaluated_first, [], a, b, stop)


def test_mutable_items_and_strings():
    check(items_are_the_callers, [[1, 2], [3]], 7)
    check(items_are_the_callers, [[1, 2, 3]], 4)  # the same list three times
    check(items_are_the_callers, [], 4)  # IndexError before the loop
    check(strings, ["a", "-b", ",c", ""])
    check(strings, [])
    check_all(rebinding_inside, [0, 3, -7, 2 ** 61])  # a + b past 64 bits: CPython's int


def test_instances_in_displays():
    check_all(nearest, [0.0, 3.5, -2.0], [1.0, -4.0], [2.0, 0.5])
    check(moved, [Point(1.0, 2.0), Point(3.0, 4.0), Point(5.0, 6.0)], 0.25)
    check(moved, [Point(1.0, 2.0)], 1.5)  # the same instance twice
    check(moved, [], 1.0)


def test_displays_in_generators_comprehensions_and_try():
    check_all(consume, [0, 1, 4], [5, 20, 1000])
    check_all(comprehension, [0, 1, 7])
    check_all(raising_in_body, [[1, 2, 3], [5], []], [0, 1, 2, 3, -4])
    check_all(one_item_and_nested, [0, 5, -3])
