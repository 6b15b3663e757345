"""This session's loop forms in combination: `for row in rows` stepped uncounted (opt/borrow.cpp),
its body's one length test (version-loops), product() of ranges as nested range loops
(nest_products), short inner loops without chunks (one_chunk) -- inside a class's method, a
generator (whose consumer changes the list between items), a prange body, a try, with exceptions
crossing them. Compiled and interpreted must agree
on results, exceptions and the argument lists' state afterwards (difftest.check)."""
from itertools import product

from difftest import check
from pyrite import accelerate, prange


class Grid:
    def __init__(self, rows: list[list[float]]):
        self.rows = rows
        self.steps = 0

    def relax(self, k: int) -> float:
        rows = self.rows  # a local alias: the loop over it steps its rows uncounted
        total = 0.0
        for _ in range(k):
            for row in rows:
                row[0] = (row[0] + row[1] + row[2]) / 3.0  # a row of two: IndexError, row[0] unchanged
                for j in range(1, len(row)):  # a short inner loop, run without chunks
                    row[j] = row[j] * 0.5 + row[j - 1] * 0.5
                total += row[0]
            self.steps += 1
        return total


@accelerate
def relax_grid(rows: list[list[float]], k: int) -> tuple[float, int, list[list[float]]]:
    g = Grid(rows)
    try:
        t = g.relax(k)
    except IndexError:
        t = -1.0
    return t, g.steps, g.rows


@accelerate
def row_sums(rows: list[list[int]], stop: int) -> list[int]:
    # a generator whose loop over rows yields: counted (a yield may resume after the rows change)
    def sums(rs: list[list[int]]):
        for r in rs:
            yield r[0] + r[1] + r[2]
    out: list[int] = []
    for s in sums(rows):
        if s > stop:
            rows.append([s, 0, 0])  # the generator sees the list grow, as CPython's does
            if len(rows) > 6:
                break
        out.append(s)
    return out


@accelerate
def shrinking(xs: list[int], k: int) -> list[int]:
    # a generator's range loop over a list its consumer shrinks between items: CPython's IndexError
    # (the loop once ran a copy without bounds checks, its guards checked before the first item,
    # and read past the list's end)
    def gen(ys: list[int]):
        for i in range(len(ys)):
            yield ys[i] * 2
    out: list[int] = []
    for v in gen(xs):
        out.append(v)
        if len(out) >= k:
            xs.pop()
    return out


@accelerate
def grid_walk(n: int, m: int, d: int) -> tuple[int, list[tuple[int, int]]]:
    # product() of ranges inside a generator expression's consumer and a try, with a division
    # that raises at one item
    hits: list[tuple[int, int]] = []
    t = 0
    try:
        for i, j in product(range(n), range(m)):
            t += 100 // (i - j + d)
            if (i + j) % 4 == 0:
                hits.append((i, j))
    except ZeroDivisionError:
        t = -t
    return t + sum(a * b for a, b in product(range(3), range(n))), hits


@accelerate
def parallel_rows(rows: list[list[float]], n: int) -> list[float]:
    # each iteration of a prange loop walks all rows uncounted and a product of ranges
    out = [0.0] * n
    for i in prange(n):
        s = 0.0
        for row in rows:
            s += row[0] * i + row[1] + row[2]
        for a, b in product(range(i), range(3)):
            s += a * b
        out[i] = s
    return out


def test_rows_in_a_method_generator_and_prange():
    rows = [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0], [0.5, -1.0, 2.0, 8.0, 9.0]]
    for k in (0, 1, 3):
        check(relax_grid, rows, k)
    check(relax_grid, rows + [[1.0, 2.0]], 2)  # IndexError at the short row, the rows before it changed
    check(relax_grid, [], 2)
    check(row_sums, [[1, 2, 3], [4, 5, 6], [7, 8, 9]], 10)
    check(row_sums, [[1, 2, 3], [40, 5, 6]], 10)  # grows until six rows, then breaks
    check(row_sums, [[1, 2]], 10)  # IndexError inside the generator
    for k in (0, 3, 10):
        check(shrinking, [1, 2, 3, 4, 5, 6], k)
    for n, m, d in ((4, 5, 10), (4, 5, 2), (0, 3, 1), (3, 0, 1)):
        check(grid_walk, n, m, d)
    check(parallel_rows, rows, 40)
    check(parallel_rows, [[1.0, 2.0, 3.0], [1.0]], 5)  # IndexError in a prange iteration
    check(parallel_rows, [], 3)
