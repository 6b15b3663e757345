"""itertools in hot loops (issue 19): each kernel twice, once over itertools' iterators and once
with the same loop written out by hand, both compiled; run.py's itertools_table prints the
first's time over the second's (the cost of the iterator), and over CPython's."""
from itertools import accumulate, combinations, cycle, islice, pairwise, product

from pyrite import accelerate


@accelerate
def best_pair(xs: list[int]) -> int:
    best = 0
    for a, b in combinations(xs, 2):
        if a * b % 1009 > best:
            best = a * b % 1009
    return best


@accelerate
def best_pair_inline(xs: list[int]) -> int:
    best = 0
    n = len(xs)
    for i in range(n):
        a = xs[i]
        for j in range(i + 1, n):
            if a * xs[j] % 1009 > best:
                best = a * xs[j] % 1009
    return best


@accelerate
def grid_sum(n: int) -> int:
    t = 0
    for x, y, z in product(range(n), repeat=3):
        t += (x * y + z) % 7
    return t


@accelerate
def grid_sum_inline(n: int) -> int:
    t = 0
    for x in range(n):
        for y in range(n):
            for z in range(n):
                t += (x * y + z) % 7
    return t


@accelerate
def prefix(xs: list[float]) -> float:
    t = 0.0
    for s in accumulate(xs):
        t += s * 0.5
    return t


@accelerate
def prefix_inline(xs: list[float]) -> float:
    t = 0.0
    s = 0.0
    first = True
    for x in xs:
        s = x if first else s + x
        first = False
        t += s * 0.5
    return t


@accelerate
def steps(xs: list[float]) -> float:
    t = 0.0
    for a, b in pairwise(xs):
        t += abs(b - a)
    return t


@accelerate
def steps_inline(xs: list[float]) -> float:
    t = 0.0
    for i in range(1, len(xs)):
        t += abs(xs[i] - xs[i - 1])
    return t


@accelerate
def round_robin(xs: list[int], n: int) -> int:
    t = 0
    for k, x in enumerate(islice(cycle(xs), n)):
        t += k * x % 13
    return t


@accelerate
def round_robin_inline(xs: list[int], n: int) -> int:
    t = 0
    m = len(xs)
    for k in range(n):
        t += k * xs[k % m] % 13
    return t


_INTS = [(i * 7919) % 1000 for i in range(3000)]
_FLOATS = [((i * 7919) % 1000) / 7.0 for i in range(1_000_000)]

# name, over itertools, written out, args, CPython's args, scale (CPython runs a smaller input)
KERNELS = [
    ("combinations", best_pair, best_pair_inline, (_INTS,), (_INTS[:300],), 100),
    ("product", grid_sum, grid_sum_inline, (160,), (40,), 64),
    ("accumulate", prefix, prefix_inline, (_FLOATS,), (_FLOATS[:100_000],), 10),
    ("pairwise", steps, steps_inline, (_FLOATS,), (_FLOATS[:100_000],), 10),
    ("islice(cycle)", round_robin, round_robin_inline, (_INTS, 2_000_000), (_INTS, 200_000), 10),
]
