"""itertools in compiled code (issue 19): lazy iterators with CPython's algorithms
(runtime/include/pyrite/itertools.hpp), as a for loop's iterable, a comprehension's, another
iterator's source and a consumer's argument. Each is checked against CPython on edge inputs
(empty sources, r past the pool, negative counts, None bounds, ints at the 64-bit edge), with
the exception type and message where CPython raises, and the arguments' state afterwards."""
import itertools
import operator
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress, count, cycle,
                       dropwhile, filterfalse, groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)

import pytest

from difftest import INT64_MAX, check, compile_error
from pyrite import accelerate


# ---------------------------------------------------------------- the infinite ones
@accelerate
def counted(start: int, step: int, n: int) -> list[int]:
    return list(islice(count(start, step), n))


@accelerate
def counted_floats(start: float, step: float, n: int) -> list[float]:
    out = []
    for x in count(start, step):
        if len(out) == n:
            break
        out.append(x)
    return out


@accelerate
def numbered(xs: list[str]) -> dict[int, str]:
    return dict(zip(count(1), xs))


@accelerate
def repeated(x: str, times: int) -> list[str]:
    return list(repeat(x, times)) + list(islice(repeat(x), 2)) + [x for x in repeat(x, times=times)]


@accelerate
def cycled(xs: list[int], n: int) -> list[int]:
    return list(islice(cycle(xs), n))


@accelerate
def cycle_until(xs: list[int], limit: int) -> int:
    total = 0
    for x in cycle(xs):
        total += x
        if total > limit:
            break
    else:
        return -1
    return total


def test_count_repeat_cycle():
    for start, step in ((0, 1), (5, -2), (-3, 7), (INT64_MAX - 4, 1), (INT64_MAX - 4, 2)):
        for n in (0, 1, 3, 5, 6):
            check(counted, start, step, n)  # past 64 bits: OverflowError where CPython's int grows
    for start, step in ((0.0, 0.1), (1.5, -0.25), (0.0, 1e-300), (1e16, 1.0)):
        check(counted_floats, start, step, 12)  # the running sum, rounded as CPython's
    check(numbered, [])
    check(numbered, ["a", "b", "c"])
    for times in (-5, -1, 0, 1, 3):
        check(repeated, "ab", times)
    for xs in ([], [1], [1, 2, 3]):
        check(cycled, xs, 0)
        check(cycled, xs, 7)
    check(cycle_until, [1, 2, 3], 20)
    check(cycle_until, [5], 0)


# ---------------------------------------------------------------- chain, islice
@accelerate
def chained(a: list[int], b: list[int], c: list[int]) -> list[int]:
    return list(chain(a, b, c))


@accelerate
def flattened(xss: list[list[int]], words: list[str]) -> tuple[list[int], str]:
    letters = ""
    for ch in chain.from_iterable(words):
        letters += ch
    return list(itertools.chain.from_iterable(xss)), letters


@accelerate
def grows_while_chained(xs: list[int], ys: list[int]) -> list[int]:
    out = []
    for x in chain(xs, ys):
        out.append(x)
        if x > 0 and len(xs) < 6:
            xs.append(-x)  # seen: chain reads xs through its live iterator, as CPython does
    return out


@accelerate
def sliced2(xs: list[int], stop: int) -> list[int]:
    return list(islice(xs, stop))


@accelerate
def sliced(xs: list[int], start: int | None, stop: int | None, step: int | None) -> list[int]:
    return list(islice(xs, start, stop, step))


@accelerate
def sliced_consts(s: str) -> tuple[list[str], list[str], list[str]]:
    return list(islice(s, 2, None)), list(islice(s, None, 3)), list(islice(s, 1, None, 2))


def test_chain_and_islice():
    check(chained, [], [], [])
    check(chained, [1, 2], [], [3])
    check(flattened, [[1, 2], [], [3]], ["ab", "", "c"])
    check(flattened, [], [])
    check(grows_while_chained, [1, 2], [3])
    for stop in (-2, -1, 0, 2, 10):
        check(sliced2, [1, 2, 3, 4], stop)  # -1: "Stop argument ...", -2: "Indices ..."
    for start in (None, -1, 0, 1, 5):
        for stop in (None, -1, -2, 0, 3, 9):
            for step in (None, -1, 0, 1, 2, 3):
                check(sliced, [1, 2, 3, 4, 5, 6, 7], start, stop, step)
    check(sliced_consts, "abcdef")


# ---------------------------------------------------------------- accumulate
@accelerate
def running(xs: list[int]) -> tuple[list[int], list[int], list[int], list[int]]:
    return (list(accumulate(xs)), list(accumulate(xs, max)), list(accumulate(xs, operator.mul)),
            list(accumulate(xs, lambda a, b: a - 2 * b, initial=100)))


@accelerate
def running_floats(xs: list[float]) -> list[float]:
    return [x for x in accumulate(xs, func=None)]


@accelerate
def running_text(words: list[str]) -> list[str]:
    return list(accumulate(words, initial=">"))


def test_accumulate():
    for xs in ([], [5], [3, -1, 4, 1, -5, 9], [2 ** 40, 2 ** 40, 2 ** 30]):
        check(running, xs)  # operator.mul past 64 bits: OverflowError
    check(running_floats, [0.1, 0.2, 0.3, 1e16, 1.0, -1e16])
    check(running_floats, [])
    check(running_text, ["a", "bc", ""])
    check(running_text, [])


# ---------------------------------------------------------------- combinatorics
@accelerate
def products(xs: list[int], s: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]], list[tuple[()]], int]:
    n = 0
    for _ in product(range(3), repeat=3):
        n += 1
    return list(product(xs, s)), list(product(xs, repeat=2)), list(product()), n


@accelerate
def product_of_generator(n: int) -> list[tuple[int, int]]:
    return list(product((i * i for i in range(n)), {1: 0, 2: 0}))


@accelerate
def perms(xs: list[int], r: int) -> tuple[list[tuple[int, ...]], list[tuple[int, int]], list[tuple[int, ...]]]:
    return list(permutations(xs)), list(permutations(xs, 2)), list(permutations(xs, r))


@accelerate
def combos(xs: list[str], r: int) -> tuple[list[tuple[str, ...]], list[tuple[str, str, str]], list[tuple[str, ...]]]:
    return list(combinations(xs, r)), list(combinations(xs, 3)), list(combinations_with_replacement(xs, r))


@accelerate
def pair_sums(xs: list[int]) -> int:
    best = 0
    for a, b in combinations(xs, 2):
        if a + b > best:
            best = a + b
    return best


@accelerate
def product_of_star(pools: list[list[int]], words: list[str], k: int):
    # product(*pools): as many pools as the list holds at the call, tuples of that many items
    sums = [sum(t) for t in product(*pools)]
    return list(product(*pools)), sums, ["".join(t) for t in product(*words, repeat=k)]


@accelerate
def product_loops(n: int, m: int, k: int) -> tuple[int, int, list[tuple[int, int, int]], tuple[int, int]]:
    # product() of ranges runs as nested range loops (opt/loops.cpp's nest_products): every range
    # made before the first item, so rebinding n in the body changes nothing; continue goes on to
    # the next item; the item variable keeps the last item
    t = 0
    seen: list[tuple[int, int, int]] = []
    for x, y, z in product(range(n), range(m, -3, -2), range(1, k)):
        if (x + y) % 3 == 0:
            continue
        n = 100  # the ranges were made already
        x = x * 1000  # the next item's x is the product's, not this
        t += x + y * z
        if len(seen) < 20:
            seen.append((x, y, z))
    p = (-1, -1)
    for p in product(range(k), repeat=2):
        t += p[0] * 7 - p[1]
    c = 0
    for i, j in product(range(INT64_MAX - 2, INT64_MAX), range(-2 ** 63, -2 ** 63 + 2)):
        c += (i - INT64_MAX) + (j + 2 ** 63)
    return t, c, seen, p


@accelerate
def product_loops_that_stop(n: int, d: int) -> tuple[int, tuple[int, int]]:
    # a break leaves all of product's loops; a ZeroDivisionError raises at CPython's item
    t = 0
    q = (0, 0)
    for q in product(range(n), range(n)):
        if q[0] * q[1] > 6:
            break
        t += 10 // (q[0] + q[1] - d)
    return t, q


@accelerate
def product_step_zero(n: int, s: int) -> int:
    t = 0
    for a, b in product(range(0), range(0, n, s)):  # range(..., 0) raises where product makes it
        t += a + b
    return t


def test_product_of_ranges_as_nested_loops():
    for n, m, k in ((0, 3, 3), (3, 0, 3), (3, 4, 0), (4, 5, 4), (2, -3, 2), (5, 6, 1)):
        check(product_loops, n, m, k)
    for n, d in ((5, 100), (5, 3), (0, 0), (3, 0)):
        check(product_loops_that_stop, n, d)
    check(product_step_zero, 5, 0)
    check(product_step_zero, 5, 2)


def test_combinatorics():
    for pools in ([[1, 2], [3], [4, 5]], [], [[]], [[1], []], [[0, 1]] * 4):
        for k in (-1, 0, 2):
            check(product_of_star, pools, ["ab", "c"], k)  # repeat < 0: CPython's ValueError
    for xs, s in (([], "ab"), ([1], ""), ([1, 2], "xyz")):
        check(products, xs, s)
    check(product_of_generator, 3)
    check(product_of_generator, 0)
    for xs in ([], [1], [1, 2, 3], [4, 4, 1, 2]):
        for r in (-1, 0, 1, 2, 3, 5):
            check(perms, xs, r)  # r < 0: "r must be non-negative"
            check(combos, [str(x) for x in xs], r)
        check(pair_sums, xs)


# ---------------------------------------------------------------- pairwise, zip_longest, starmap
@accelerate
def steps(xs: list[float]) -> list[float]:
    return [b - a for a, b in pairwise(xs)]


@accelerate
def longest(a: list[int], b: list[str]) -> tuple[list[tuple[int | None, str | None]], list[tuple[int, int, int]]]:
    return list(zip_longest(a, b)), list(zip_longest(a, a[1:], [7], fillvalue=0))


def power(base: int, exp: int) -> int:
    return base ** exp


@accelerate
def starmapped(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int], list[int], list[int]]:
    return (list(starmap(pow, pairs)), list(starmap(power, pairs)), list(starmap(operator.sub, pairs)),
            list(starmap(lambda a, b: a * 10 + b, pairs)))


def test_pairwise_zip_longest_starmap():
    for xs in ([], [1.0], [1.0, 0.5, -2.0, 1e300]):
        check(steps, xs)
    check(longest, [], [])
    check(longest, [1, 2, 3], ["a"])
    check(longest, [1], ["a", "b", "c"])
    check(starmapped, [(2, 3), (3, 0), (-2, 5)])
    check(starmapped, [])
    check(starmapped, [(2, 70)])  # past 64 bits: OverflowError


# ---------------------------------------------------------------- predicates
@accelerate
def predicates(xs: list[int], limit: int) -> tuple[list[int], list[int], list[int], list[int]]:
    return (list(takewhile(lambda x: x < limit, xs)), list(dropwhile(lambda x: x < limit, xs)),
            list(filterfalse(lambda x: x % 3, xs)), list(filterfalse(None, xs)))


def is_short(w: str) -> bool:
    return len(w) < 3


@accelerate
def words(ws: list[str], keep: list[int]) -> tuple[list[str], list[str], list[str], list[str]]:
    return (list(takewhile(is_short, ws)), list(dropwhile(len, ws)), list(compress(ws, keep)),
            list(compress(data=ws, selectors=[w.startswith("a") for w in ws])))


def test_predicates():
    for xs in ([], [1, 2, 5, 1, 9], [9, 1], [0, 3, 0, 6]):
        check(predicates, xs, 4)
    check(words, ["ab", "x", "abcd", "", "ab"], [1, 0, 1])
    check(words, [], [])
    check(words, ["", "", "a"], [0, 0, 0, 1, 1])


# ---------------------------------------------------------------- groupby
@accelerate
def runs(xs: list[int]) -> list[tuple[int, int]]:
    return [(k, len(list(g))) for k, g in groupby(xs)]


@accelerate
def encoded(s: str) -> str:
    return "".join(f"{sum(1 for _ in g)}{k}" for k, g in groupby(s))


@accelerate
def by_initial(words: list[str]) -> dict[str, list[str]]:
    out = {}
    for first, group in groupby(sorted(words), key=lambda w: w[0]):
        out[first] = sorted(group, key=len)
    return out


@accelerate
def positive_runs(xs: list[float]) -> list[tuple[int, float]]:
    out = []
    for positive, g in groupby(xs, lambda x: x > 0):
        if positive:
            for i, x in enumerate(g):  # read once, item by item
                out.append((i, x))
        else:
            out.append((-1, max(g)))
    return out


def test_groupby():
    for xs in ([], [1], [1, 1, 2, 3, 3, 3, 1], [2, 2, 2]):
        check(runs, xs)
    check(encoded, "")
    check(encoded, "aaabccddddé")
    check(by_initial, ["cherry", "apple", "avocado", "banana", "cranberry", "ab"])
    check(by_initial, ["x", ""])  # the key function raises IndexError, as CPython's does
    check(positive_runs, [1.0, 2.5, -1.0, -0.0, 3.0, -2.0, 0.5])
    check(positive_runs, [])


@accelerate
def joined(xs: list[str], n: int) -> tuple[str, str, str]:
    return "-".join(islice(xs, n)), ",".join(x.upper() for x in xs), "".join(chain(xs, reversed(xs)))


def test_join_reads_iterators():
    check(joined, ["a", "bc", ""], 2)
    check(joined, [], 0)


# ---------------------------------------------------------------- in combination
@accelerate
def nested(xs: list[int]) -> list[tuple[int, tuple[int, int]]]:
    return [(i, p) for i, p in enumerate(chain(combinations(xs, 2), pairwise(xs)), 1) if p[0] != p[1]]


@accelerate
def stats(xs: list[int]) -> tuple[int, int, list[int], set[tuple[int, int]], bool, int]:
    return (sum(accumulate(xs)), max(islice(cycle(xs), 10)) if xs else 0, sorted(chain(xs, xs)),
            set(permutations(xs[:3], 2)), any(a > b for a, b in pairwise(xs)), len(list(product(xs, xs))))


@accelerate
def grid_walk(n: int) -> dict[tuple[int, int], int]:
    seen: dict[tuple[int, int], int] = {}
    for step, (x, y) in zip(count(), product(range(n), repeat=2)):
        if (x + y) % 2 == 0:
            seen[(x, y)] = step
    return seen


@accelerate
def pair_names(scores: list[tuple[str, int]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, _), (b, _) in combinations(scores, 2) if a < b]  # `_` bound twice: one variable


@accelerate
def builtins_nested(xs: list[int], ys: list[str]) -> tuple[list[tuple[int, int, str]], list[tuple[tuple[int, int], str]]]:
    return [(i, a, b) for i, (a, b) in enumerate(zip(xs, ys), 1)], list(zip(enumerate(xs), reversed(ys)))


def test_in_combination():
    check(pair_names, [("b", 1), ("a", 2), ("c", 3)])
    check(builtins_nested, [1, 2, 3], ["a", "b"])
    check(builtins_nested, [], ["a"])
    for xs in ([], [3], [1, 2, 2, 5], [4, -1, 7, 0, 2]):
        check(nested, xs)
        check(stats, xs)
    check(grid_walk, 0)
    check(grid_walk, 4)


# ---------------------------------------------------------------- generator expressions as sources
@accelerate
def generated(xs: list[int], pairs: list[tuple[int, str]]) -> tuple[list[int], list[tuple[int, int]], list[str], int]:
    a = list(accumulate(x * x for x in xs if x % 2))
    b = [(i, v) for i, v in enumerate((x - 1 for x in xs), 1)]
    c = list(islice((s * k for k, s in pairs if k > 0 if s), 3))
    d = sum(1 for a, b in pairwise(x for x in xs if x) if a < b)
    return a, b, c, d


@accelerate
def lazily(xs: list[int], out: list[int]) -> int:
    t = 0
    for i, q in enumerate(100 // x for x in xs):  # an item at a time: what came before a raise is kept
        out.append(q * i)
        t += q
    return t


def test_generator_expressions_as_sources():
    check(generated, [3, 0, 4, 5, -1, 2], [(2, "ab"), (0, "x"), (1, ""), (3, "z"), (1, "q")])
    check(generated, [], [])
    check(lazily, [5, 2, 0, 4], [7])  # ZeroDivisionError after two items: the caller's list shows them
    check(lazily, [5, 2], [])


# ---------------------------------------------------------------- tee: generator objects over one source
def noisy(n: int):
    for i in range(n):
        print("made", i)  # each item is made once, when the first tee reaches it
        yield i * i


@accelerate
def tee_pairs(xs: list[int]) -> int:
    a, b = itertools.tee(xs)
    next(b, None)
    return sum(x * y for x, y in zip(a, b))


@accelerate
def tee_three(n: int) -> list[tuple[int, int, int]]:
    a, b, c = tee(noisy(n), 3)
    out = []
    next(c, None)
    next(c, None)
    for x in a:
        out.append((x, next(b, -1), next(c, -1)))
    return out


@accelerate
def tee_text(s: str, n: int) -> tuple[list[str], str, int]:
    a, b = tee(s)
    head = list(islice(a, n))
    rest = "".join(b)
    t = tee(iter(s.split()), 0)
    return head, rest, len(t)


@accelerate
def tee_grows(xs: list[int]) -> list[int]:
    a, b = tee(xs)
    out = [next(a)]
    xs.append(99)  # the source is the list's iterator: it sees the list grow, as CPython's does
    out.extend(list(b))
    out.extend(list(a))
    return out


def test_tee():
    check(tee_pairs, [1, 2, 3, 4])
    check(tee_pairs, [])
    check(tee_three, 4)
    check(tee_three, 0)
    check(tee_text, "héllo wörld", 3)
    check(tee_text, "", 2)
    check(tee_grows, [1, 2])
    check(tee_grows, [])  # StopIteration from next(a)


# ---------------------------------------------------------------- refused, with the reason
@pytest.mark.parametrize("body, expected", [
    ("return list(count(0, 0.5))", "count() from an int by a float step gives an int first, then floats"),
    ("return list(chain(xs, [1.5]))", "chain() of items of types 'int' and 'float'"),
    ("return list(accumulate(xs, lambda a, b: a / b))", "accumulate() gives 'int' first, then the function's 'float'"),
    ("return list(starmap(pow, xs))", "starmap() calls its function with 2 arguments, the parts of each item, but the items are 'int'"),
    ("return list(zip_longest(xs, xs, fillvalue=0.5))", "zip_longest() fills with 'float' where a source gives 'int'"),
    ("return list(combinations(xs))", "combinations() missing required argument 'r' (pos 2)"),
    ("it = count()\n    return [next(it)]", "count() is supported as the iterable of a 'for' loop or comprehension only"),
    ("return list(reversed(pairwise(xs)))", "'pairwise' object is not reversible"),
    ("return list(product(xs, repeat=len(xs)))", "product()'s repeat must be a constant from 0 to 16"),
    ("return [len(g) for k, g in groupby(xs)]", "groupby()'s group is used as a value here"),
    ("return [list(zip(g, g)) for k, g in groupby(xs)]", "groupby()'s group is read a second time"),
    ("out = []\n    for k, g in groupby(xs):\n        for i in range(2):\n            out.append(sum(g))\n    return out",
     "groupby()'s group is read in a loop of the body"),
    ("return [p for p in groupby(xs)]", "groupby()'s group is read through its pair"),
    ("return list(enumerate(groupby(xs)))", "groupby() is supported as a for loop's iterable, unpacked"),
    ("a, b = tee(xs, len(xs))\n    return list(a)", "tee(iterable, n) takes n as a number written in the call"),
    ("t = tee(xs, -1)\n    return []", "n must be >= 0"),
])
def test_refused(tmp_path, body, expected):
    err = compile_error(tmp_path, "refused_" + str(abs(hash(body))), f"""
from itertools import *
from pyrite import accelerate

@accelerate
def f(xs: list[int]) -> list:
    {body}
""", [1, 2])
    assert expected in err, err
