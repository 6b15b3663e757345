"""Overflow checks that cannot fire, left out (issue 17; opt/ranges.cpp): an innermost range loop
runs a copy without the checks its ints' intervals rule out when guards on its bounds, on the
locals it reads and on its accumulators hold, and the checked loop otherwise; a helper called
there with bounded int arguments runs a copy proven the same way. Each case runs on both sides of
each guard (a loop bound, an invariant local, an accumulator's start just inside and just outside
what its guard allows) and where the arithmetic leaves 64 bits, so that an overflow that can
happen is still raised (or the call runs in CPython) and nothing wraps silently."""
import pytest

import pyrite

from difftest import check, check_all
from pyrite import accelerate

B31 = 2 ** 31
EDGES = [0, 1, 5, 2 ** 16, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1, 2 ** 24, 2 ** 28 + 3, B31 - 1, B31, B31 + 1,
         2 ** 40, 2 ** 61 - 3, 2 ** 61, 2 ** 62, 2 ** 63 - 1]


@accelerate
def window_sum(lo: int, hi: int, k: int) -> int:
    total = 0
    for i in range(lo, hi):
        total += (i * 7 + 3) % 11
        total -= i * k
        total += i * i
    return total


@accelerate
def stepped(lo: int, hi: int, step: int, m: int) -> int:
    total = 0
    for i in range(lo, hi, step):
        total += i // m + i % m + (i << 2) - (i >> 1)
    return total


@accelerate
def from_start(start: int, n: int) -> int:
    total = start  # an accumulator whose guard is about where it starts
    for i in range(n):
        total += i * 3 + 1
    return total


@accelerate
def mixed_locals(n: int, a: int, b: int) -> list[int]:
    out: list[int] = []
    x = a
    y = 0
    for i in range(n):
        if i % 3 == 0:
            y = x * b + i
        else:
            y = y - i
        x = x + 1  # steps: an accumulator
        if y > 10 ** 15:
            out.append(-1)
            break
        out.append(y * 2 + x)
    return out


@accelerate
def growing(n: int, a: int) -> int:
    x = a
    for i in range(n):
        x = x * 2 + i  # grows with no bound: its arithmetic stays checked
    return x


@accelerate
def negatives(lo: int, hi: int) -> list[int]:
    return [(i * i - 3 * i) // 4 + (i % 5) - (i // -3) for i in range(lo, hi)]


@accelerate
def flags(n: int) -> int:
    total = 0
    for i in range(n):
        total += (i % 2 == 0) + (i % 3 == 0) * 2 - (not i)
    return total


def pair_weight(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def offset_ratio(i: int, j: int) -> float:
    return (i * 3 + j) / (i - j)  # 0 where i == j: ZeroDivisionError as CPython's


def square_step(i: int, j: int) -> int:
    k = i * j
    k = k + i
    return k * k


@accelerate
def weighted_row(u: list[float], i: int) -> float:
    s = 0.0
    for j in range(len(u)):
        s += pair_weight(i, j) * u[j]
    return s


@accelerate
def ratios(n: int, i: int) -> float:
    s = 0.0
    for j in range(n):
        s += offset_ratio(i, j)
    return s


@accelerate
def squares(n: int, i: int) -> int:
    total = 0
    for j in range(n):
        total += square_step(i, j)
    return total


@accelerate
def spectral_norm(n: int) -> float:
    u = [1.0] * n
    v = [0.0] * n
    for _ in range(3):
        v = [sum(pair_weight(j, i) * w for j, w in enumerate([weighted_row(u, k) for k in range(n)])) for i in range(n)]
        u = [sum(pair_weight(j, i) * w for j, w in enumerate([weighted_row(v, k) for k in range(n)])) for i in range(n)]
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return (vbv / vv) ** 0.5


@accelerate
def captured(n: int) -> int:
    total = 0

    def bump(k: int) -> None:
        nonlocal total
        total += k * 2 ** 40

    for i in range(n):
        total += i
        bump(i)
    return total


@accelerate
def exits(xs: list[int], limit: int) -> int:
    total = 0
    for i in range(len(xs)):
        if xs[i] < 0:
            continue
        total += xs[i] * i
        if total > limit:
            return -total
    return total


@accelerate
def guarded_steps(n: int, start: int, d: int) -> int:
    # a try in the body, and an accumulator its handler resets to a constant
    total = start
    for i in range(n):
        try:
            total += (i * 7 + 3) % d
        except ZeroDivisionError:
            total = -1
        if total > 1000:
            total = 0
    return total


def terms(lo: int, hi: int, k: int):
    for i in range(lo, hi):
        yield (i * 7 + 3) % 11 - i * k


@accelerate
def generated_sum(lo: int, hi: int, k: int, start: int) -> int:
    # an inlined generator's loop: its once-loops are analysed with it
    total = start
    for t in terms(lo, hi, k):
        total += t
        total += 1
    return total


class Sized:
    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n


def unannotated_weight(i, j):
    return (i * 3 + j) % 7 + i * j


@accelerate
def lengths_and_generic_helpers(box: Sized, n: int, k: int) -> int:
    # an instance's len() is whatever its __len__ returns (no bound); an unannotated helper's
    # version gets a bounded copy as an annotated one does
    total = 0
    for i in range(n):
        total += len(box) * 3 + unannotated_weight(i, k)
    return total


@pytest.mark.parametrize("hi", [0, 10, 2 ** 16])
def test_window_sums_inside_the_guards(hi):
    check_all(window_sum, [0, -5, hi - 3], [hi], [0, 3, -7, 2 ** 20, 2 ** 40])


@pytest.mark.parametrize("lo", [B31 - 4, -B31 - 2, 2 ** 40, 2 ** 62, -(2 ** 63), 2 ** 63 - 5])
def test_window_sums_at_and_past_the_guards(lo):
    # a few iterations each: the guard on the bounds fails (or holds at its edge); i * i and
    # i * k may leave 64 bits, which is raised, never wrapped
    check_all(window_sum, [lo], [lo + 4], [0, 1, -1, 2 ** 31, 2 ** 33])


def test_steps():
    check_all(stepped, [0, -17, 5], [40, 2 ** 12 + 7], [1, 3, 7], [3, 1, 2 ** 40])
    check_all(stepped, [2 ** 20 - 30], [2 ** 20 + 7], [1, 3], [3, 2 ** 40])
    for lo, hi in [(B31 - 9, B31 + 3), (2 ** 62, 2 ** 62 + 50)]:
        check_all(stepped, [lo], [hi], [2, 5], [7])


def test_accumulator_guard_edges():
    check_all(from_start, [0, -5, 2 ** 61 - 10, 2 ** 61, 2 ** 61 + 1, -(2 ** 61) - 1, 2 ** 62, 2 ** 63 - 20, -(2 ** 63)],
              [0, 1, 4, 100])


def test_inlined_generators():
    check_all(generated_sum, [0, -9], [20], [0, 3, -2 ** 31, 2 ** 40], [0, 2 ** 61 - 5, -(2 ** 62)])
    for lo, hi in [(2 ** 28 - 2, 2 ** 28 + 3), (2 ** 62, 2 ** 62 + 2)]:
        check_all(generated_sum, [lo], [hi], [1, 2 ** 33], [0])


def test_try_in_the_body_and_accumulators_reset():
    check_all(guarded_steps, [0, 5, 3000], [0, -7, 2 ** 61 - 1, 2 ** 61 + 1, 2 ** 63 - 2], [11, 0, -3, 2 ** 62])


def test_locals_that_join_and_grow():
    check_all(mixed_locals, [0, 7, 30], [0, -4, 2 ** 20, 2 ** 31 + 1, 2 ** 50], [0, 3, -2 ** 30, 2 ** 40])
    check_all(growing, [0, 5, 62, 64, 70], [0, 1, -3, 2 ** 40])


def test_floor_division_and_modulo_of_negatives():
    for lo, hi in [(-30, -20), (-30, 30), (-B31 - 3, -B31 + 5), (B31 - 3, B31 + 2), (-(2 ** 62), -(2 ** 62) + 3)]:
        check(negatives, lo, hi)
    check(flags, 100)


def test_helper_copies():
    check_all(weighted_row, [[1.0, 0.5, -2.0, 3.0], [], [1e300, -1e300]], [0, 3, -4, 2 ** 24, 2 ** 28 + 1, 2 ** 40, -(2 ** 62)])
    check_all(ratios, [0, 5, 20], [7, -3, 2 ** 24, 2 ** 53 + 1])
    check_all(squares, [0, 3, 50], [0, 5, -9, 2 ** 15, 2 ** 16 + 3, 2 ** 20, 2 ** 31])
    check(spectral_norm, 8)


def test_instance_lengths_and_generic_helpers():
    for size in [0, 5, 2 ** 61, 2 ** 62 - 1]:
        check_all(lengths_and_generic_helpers, [Sized(size)], [0, 3, 100], [0, -5, 2 ** 40, 2 ** 62])


def test_closures_and_early_exits():
    check_all(captured, [0, 3, 10])
    check_all(exits, [[1, 2, -3, 4, 5], [2 ** 40, 2 ** 40, 2 ** 40], [2 ** 62, 3, 3]], [10, 2 ** 62])


def test_exceptions_from_the_unchecked_copy_keep_their_traceback():
    with pytest.raises(ZeroDivisionError) as got:
        ratios(10, 4)
    with pytest.raises(ZeroDivisionError) as want:
        ratios.py_func(10, 4)
    assert str(got.value) == str(want.value)
    names = [e.name for e in got.traceback]
    assert "offset_ratio" in names and "ratios" in names


# ---------------------------------------------------------------- this session's paths together
# selected arms, bounded while steps, unrolled loops and loop nests inside a class's method, a
# generator that raises and a dict of instances
class Grid:
    def __init__(self, rows: list[list[int]]) -> None:
        self.rows = rows

    def orbit_lengths(self, limit: int) -> dict[int, int]:
        out: dict[int, int] = {}
        for row in self.rows:
            for v in row:
                n, k = v, 0
                while k < limit and n != 1:
                    n = n // 2 if n % 2 == 0 else 3 * n + 1
                    k += 1
                out[v] = k
        return out


def steps_of(grid: Grid, limit: int):
    for v, k in grid.orbit_lengths(limit).items():
        if k == limit:
            raise ValueError(f"{v} did not reach 1 in {limit} steps")
        yield v * 1000 + k


@accelerate
def orbits(rows: list[list[int]], limit: int) -> tuple[list[int], str]:
    g = Grid(rows)
    found: list[int] = []
    try:
        for s in steps_of(g, limit):
            found.append(s)
    except ValueError as e:
        return found, str(e)
    return found, ""


def test_features_in_combination():
    check_all(orbits, [[[1, 2, 3], [7, 27]], [[2 ** 62 + 1], [5]], [[(2 ** 63 - 1) // 3 | 1]], [[]]],
              [0, 5, 200, 2 ** 63 - 1])


# ---------------------------------------------------------------- comprehensions
# a comprehension's range loop gets the unchecked copy too, and its list is sized first: as a hint
# where the item may raise (here ZeroDivisionError, at once or part-way), so a range too long to
# allocate raises what CPython's raises, not MemoryError
@accelerate
def residues(lo: int, hi: int, n: int) -> list[int]:
    return [i * 7919 % n for i in range(lo, hi)]


@accelerate
def quotients(n: int, k: int) -> list[int]:
    return [1000 // (i - k) for i in range(n)]


@accelerate
def made_lists(n: int, xs: list[int]) -> tuple[list[int], list[int], list[int], list[int]]:
    # list() and sorted() of a fresh list take it as it is, of a named one a copy: each is its own
    a = list(range(n))
    b = sorted([(i * 7) % 5 for i in range(n)])
    c = list(xs)
    d = sorted(xs, reverse=True)
    a.append(-1)
    b.append(-2)
    c.append(-3)
    d.append(-4)
    return a, b, c, d


def test_comprehension_copies_and_guards():
    check_all(residues, [0, -5, B31 - 3, 2 ** 40, 2 ** 62], [0, 7, 40], [1, 7, -13, 2 ** 31, 2 ** 33])
    check_all(residues, [-(2 ** 63)], [-(2 ** 63) + 4], [3, 2 ** 62])
    check(residues, 0, 10, 0)


def test_comprehension_items_that_raise():
    check_all(quotients, [0, 1, 5, 100], [0, 3, 99, -1])
    # 10**15 items cannot be allocated: CPython raises the ZeroDivisionError of the first item
    check(quotients, 10 ** 15, 0)
    check(residues, 0, 10 ** 15, 0)
    check(quotients, 10 ** 7, 12345)


def test_list_and_sorted_of_fresh_lists():
    check_all(made_lists, [0, 1, 9], [[], [3, 1, 2]])


# A statement the proven copy runs unchecked sets no traceback line (it cannot raise: codegen's
# may_raise asks ir::raises, which knows no_overflow), so the C++ compiler makes a conditional count
# a branchless add. The line an exception reports is still its own statement's, in either copy.
@accelerate
def counted_then_indexed(xs: list[int], n: int) -> int:
    c = 0
    for i in range(n):
        if i % 3 == 0:
            c += i // 3  # proven: no check, no line
        c += xs[i]  # IndexError past len(xs): this line
    return c


def test_unchecked_statements_keep_the_traceback_lines():
    import traceback
    for xs, n in (([1, 2, 3, 4], 4), ([5, 6], 5), ([7] * 10, 11), ([], 0), ([2 ** 62, 2 ** 62], 2)):
        check(counted_then_indexed, xs, n)
    for xs, n in (([5, 6], 5), ([1] * 7, 9)):
        lines = []
        for fn in (counted_then_indexed, pyrite.interpreted(counted_then_indexed)):
            with pytest.raises(IndexError) as e:
                fn(xs, n)
            lines.append(traceback.extract_tb(e.value.__traceback__)[-1].lineno)
        assert lines[0] == lines[1], (xs, n, lines)
