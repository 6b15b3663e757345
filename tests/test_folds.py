"""sum(), min() and max() of a generator expression, taken as the generator goes (opt/folds.cpp):
no list is made. min() and max() keep the first of equal items, compare a nan as CPython's
`item < best` / `item > best` does, and raise its ValueError when there is nothing (or give the
default). sum()'s result is sum()'s of the list bit for bit: an int total's additions checked (a total past
64 bits is CPython's big int), int | float's by what each item is, floats from CPython 3.12 on with
its compensated summation; an item that raises stops the sum with CPython's exception and
traceback, after the items before it had their effects."""
import math
from dataclasses import dataclass

import pytest

from difftest import check, check_all
from pyrite import accelerate

FLOATS = [[1.5], [-0.0], [0.1] * 10, [1e308, 1e308], [1e16, 1.0, -1e16], [float("nan"), 1.0],
          [float("inf"), -float("inf")], [3.0, -2.5, 1e-300, 7.25]]
INTS = [[], [0], [1, 2, 3, 4, 5, 6], [-7, 14, 21, 5], [2**62, 2**62], [3_000_000_000] * 3]


@accelerate
def squares(xs: list[float]) -> float:
    return sum(x * x for x in xs)


@accelerate
def offset(xs: list[float], start: float) -> float:
    return sum((x - 1.0 for x in xs if x == x), start)


@accelerate
def int_squares(xs: list[int]) -> int:
    return sum(x * x for x in xs)


@accelerate
def multiples(xs: list[int], k: int) -> int:
    return sum(1 for x in xs if x % k == 0)


@accelerate
def positives(xs: list[int]) -> int:
    return sum(x > 0 for x in xs)


@accelerate
def float_items_int_start(xs: list[int]) -> float:
    return sum(x / 2 for x in xs)


@accelerate
def mixed(xs: list[int], start: int) -> int | float:
    return sum((x if x % 2 else x / 4 for x in xs), start)


@accelerate
def pairs(a: list[int], b: list[int]) -> int:
    return sum(x * y for x in a for y in b if x != y)


@accelerate
def rows_total(m: list[list[float]]) -> float:
    return sum(sum(v for v in row) for row in m)


def evens(n: int):
    for i in range(n):
        if i % 2 == 0:
            yield i
        if i > 50:
            return


@accelerate
def from_generator(n: int) -> int:
    return sum(v * 3 for v in evens(n))


@accelerate
def of_dict(d: dict[str, float], scale: float) -> float:
    return sum(v * scale for v in d.values()) + sum(len(k) for k in d)


@accelerate
def largest_abs(xs: list[float]) -> float:
    return max(abs(x) for x in xs)


@accelerate
def smallest(xs: list[float]) -> float:
    return min(x for x in xs)


@accelerate
def smallest_even(xs: list[int], fallback: int) -> tuple[int, int]:
    return min((x for x in xs if x % 2 == 0), default=-1), max((x * x for x in xs), default=fallback)


@accelerate
def last_word(words: list[str]) -> str:
    return max(w.lower() for w in words if w)


@accelerate
def min_ratio(xs: list[int]) -> float:
    return min(10 / x for x in xs)


@accelerate
def best_of_rows(m: list[list[int]]) -> int:
    return max(min(row, default=0) for row in m)


NAN = float("nan")


def test_min_and_max():
    check_all(largest_abs, FLOATS + [[], [-0.0, 0.0], [0.0, -0.0], [NAN, 1.0], [1.0, NAN, 3.0]])
    check_all(smallest, FLOATS + [[], [-0.0, 0.0], [0.0, -0.0], [NAN, 1.0], [1.0, NAN, -3.0]])
    check_all(smallest_even, INTS + [[3, 5]], [7, -2**63])
    check_all(last_word, [[], [""], ["b", "A", "a", "B"], ["Zeta", "zeta", "épée", "eta"]])
    check_all(min_ratio, [[], [4, -8, 2], [3, 0, 1]])
    check_all(best_of_rows, [[], [[]], [[3, 1], [], [7, 5, 9], [2]]])


def test_floats():
    check_all(squares, FLOATS)
    # documented (README): with nothing to add, a float sum is 0.0 where CPython gives the int 0
    assert repr(squares([])) == "0.0" and repr(offset([], -0.0)) == "-0.0"
    check_all(offset, FLOATS, [0.0, -0.0, 2.5, 1e308])
    check_all(rows_total, [[[1.5, 2.0], [], [1e16, 1.0, -1e16]], [[float("inf")], [float("-inf")]]])


def test_ints_and_their_overflow():
    check_all(int_squares, INTS)  # 9e18 > 2**63: CPython's big int (the call runs again in CPython)
    check_all(multiples, INTS, [1, 3, -7])
    check_all(positives, INTS)
    check_all(pairs, INTS[:4], INTS[:4])
    check_all(from_generator, [0, 1, 10, 100])


def test_int_and_float_items_and_starts():
    check_all(float_items_int_start, INTS[1:])
    check_all(mixed, INTS[:4], [0, 5, -2**63])
    check(of_dict, {"": 0.5}, 2.0)
    check(of_dict, {"a": 1.5, "bb": -0.0, "ccc": 1e300}, 1e10)


def test_an_item_that_raises():
    check(multiples, [1, 2, 3], 0)  # ZeroDivisionError in the generator expression's frame


@dataclass
class Part:
    name: str
    weight: float
    count: int


class OutOfStock(Exception):
    pass


def weight_of(p: Part, log: list[str]) -> float:
    log.append(p.name)
    if p.count < 0:
        raise OutOfStock(f"{p.name}: {p.count}")
    return p.weight * p.count


@accelerate
def shipment(stock: dict[str, list[Part]], log: list[str]) -> tuple[float, int]:
    # a class inside a dict, a helper with an effect and a user exception, in nested generators
    total = 0.0
    try:
        total = sum(weight_of(p, log) for parts in stock.values() for p in parts if p.weight > 0)
    except OutOfStock as e:
        log.append(str(e))
        total = -1.0
    return total, sum(p.count for parts in stock.values() for p in parts)


def test_in_combination():
    stock = {"bolts": [Part("m4", 0.5, 100), Part("m5", 0.0, 3)], "nuts": [Part("n4", 0.25, 40)]}
    check(shipment, stock, [])
    bad = {"bolts": [Part("m4", 0.5, 100)], "gears": [Part("g1", 2.0, -1), Part("g2", 1.0, 5)]}
    check(shipment, bad, ["before"])  # the log holds what ran before the raise


def test_compiled_without_a_list():
    # what the pass made runs: the same answers as sum() of the list for many random inputs
    import random
    rng = random.Random(5)
    for _ in range(200):
        xs = [rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 1e-8, 1e15, -0.0]) for _ in range(rng.randrange(30))]
        assert squares(xs) == sum([x * x for x in xs]) or math.isnan(squares(xs))
