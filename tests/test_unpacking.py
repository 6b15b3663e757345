"""Unpacking (PEP 448 and PEP 3132): starred items in list, set and tuple displays, ** in dict
displays, starred assignment targets, and print(*values). Each is lowered by the frontend to
constructs pyrite compiles already: a display to a block that builds the container item by item,
left to right, a starred item by a loop over it (any iterable: a generator, a str, a range, a
dict's keys); `a, *rest, b = value` to list(value), checked to hold enough items with CPython's
ValueError, then indexed and sliced; print(*xs) to print(sep.join([...])) of each value's str()."""
import sys
from dataclasses import dataclass

import pytest

import pyrite
from difftest import check, check_all, compile_error, printed_both
from pyrite import accelerate, prange


def tens(n: int):
    for i in range(n):
        yield i * 10


@accelerate
def list_display(a: list[int], n: int) -> list[int]:
    return [*a, n, *range(n), *tens(2), *(x + 1 for x in a), *{7: "seven"}, *a]


@accelerate
def set_display(a: list[int], b: set[int], n: int) -> set[int]:
    return {*a, n, *b, *range(n)}


@accelerate
def dict_display(d: dict[str, int], n: int) -> dict[str, int]:
    # later keys win, in the position their first key had
    return {"z": 0, **d, "a": n, **{"q": 5, "z": -1}}


@accelerate
def tuple_display(a: list[int], n: int) -> tuple[int, ...]:
    return (*a, n, *a)


@accelerate
def chars_and_words(text: str) -> list[str]:
    return [*text, *text.split(), *sorted(set(text))]


@accelerate
def nested_rows(rows: list[list[float]]) -> list[float]:
    flat = [*rows[0]]
    for r in rows[1:]:
        flat = [*flat, *r]
    return [*flat, *[x * 2 for x in flat if x > 0]]


@accelerate
def first_rest(xs: list[int]) -> tuple[int, list[int]]:
    first, *rest = xs
    return first, rest


@accelerate
def middle(xs: tuple[int, ...]) -> tuple[int, list[int], int]:
    a, *m, b = xs
    return a, m, b


@accelerate
def init_last(text: str) -> tuple[list[str], str]:
    *init, last = text.split(",")
    return init, last


@accelerate
def heads_times_tails(rows: list[list[int]]) -> int:
    s = 0
    for r in rows:
        head, *tail = r
        s += head * len(tail)
    for *init, last in rows[1:]:
        s += last - len(init)
    return s


@accelerate
def rotate(a: int, b: list[int]) -> list[int]:
    x, *y = a, *b
    return y + [x]


@accelerate
def pairs_of_rest(xs: list[tuple[int, int]]) -> list[int]:
    (a, b), *others = xs
    return [a, b, len(others)]


def test_starred_items_in_displays():
    check_all(list_display, [[], [1, 2]], [0, 3])
    check_all(set_display, [[], [1, 2, 2]], [set(), {2, 9}], [0, 3])
    check_all(dict_display, [{}, {"a": 1, "b": 2}, {"q": 1}], [9])
    check_all(tuple_display, [[], [1, 2]], [3])
    check_all(chars_and_words, ["", "ab c", "héé  x"])
    check_all(nested_rows, [[[]], [[1.5, -2.0], [], [3.0]]])


@accelerate
def from_iterators(line: str, n: int) -> tuple[int, int, int, int, int]:
    # an iterator unpacked: its items as a list first (CPython reads them one by one; the
    # values and the ValueError are the same)
    a, b = map(int, line.split())
    (c, d), = zip([a], [b])
    x, y = tens(n)
    p, q = divmod(a, 3)
    first, *rest = (w for w in line.split())
    return a * b, c + d, x + y, p + q, len(rest) + int(first)


def test_starred_assignment_targets():
    check_all(from_iterators, ["3 4", "3 4 5", "3"], [1, 2, 3])
    check_all(first_rest, [[], [1], [1, 2, 3]])
    check_all(middle, [(), (1,), (1, 2), (1, 2, 3, 4)])
    check_all(init_last, ["", "a", "a,b,c"])
    check_all(heads_times_tails, [[], [[1, 2], [3]], [[1], []]])
    check_all(rotate, [1], [[], [2, 3]])
    check_all(pairs_of_rest, [[], [(1, 2)], [(1, 2), (3, 4)]])


@accelerate
def print_rows(rows: list[list[int]], sep: str, maybe: str | None) -> None:
    for r in rows:
        print(*r)
        print("row:", *r, sep=sep, end="|\n")
        print(*r, sep=None)
        print(*r, "/", *r[::-1], sep=maybe)
    print(*"abc", file=sys.stdout)
    print(*(x / 2 for x in rows[0]), flush=True)
    print(*rows)


def test_print_of_starred_values():
    for args in (([[1, 2, 3], [4]], ", ", None), ([[5]], "", "-"), ([[1], []], "::", "")):
        compiled, interpreted = printed_both(print_rows, *args)
        assert compiled == interpreted, (args, compiled, interpreted)


def test_unpacking_diagnostics(tmp_path):
    text = compile_error(tmp_path, "unpack_sep", """from pyrite import accelerate

@accelerate
def f(xs: list[int]) -> None:
    print(*xs, sep=str(len(xs)))
""", [1])
    assert "unpack_sep.py:5:20: error: print(*values, sep=...) takes a constant or a variable as its separator" in text, text
    text = compile_error(tmp_path, "unpack_mixed", """from pyrite import accelerate

@accelerate
def f(t: tuple[int, str]) -> int:
    a, *rest = t
    return a
""", (1, "x"))
    assert "unpack_mixed.py:5:8: error: iterating over 'tuple[int, str]' gives items of different types" in text, text
    assert text.count("error:") == 1, text


# ---- zip(*rows): an iterator of each row made at the call, as CPython's zip makes them; a
# generator object of tuple[T, ...] items
@accelerate
def transpose(m: list[list[int]], words: list[str]) -> tuple[list[list[int]], list[int], list[tuple[str, ...]], int]:
    t = [list(col) for col in zip(*m)]
    sums = [sum(c) for c in zip(*m)]
    chars = list(zip(*words))
    n = 0
    for _ in zip(*m[:0]):
        n += 1
    return t, sums, chars, n


@accelerate
def unzip(pairs: list[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    xs, ys = zip(*pairs)
    return xs, ys


@accelerate
def rows_grow_while_zipped(m: list[list[int]]) -> list[tuple[int, ...]]:
    z = zip(*m)
    out = [next(z)]
    m[0].append(99)
    m[1].append(98)
    for c in z:  # the rows' own iterators: they see the appends
        out.append(c)
    return out


def test_zip_of_starred_rows():
    check_all(transpose, [[[1, 2, 3], [4, 5, 6]], [], [[1], [], [2]]], [["ab", "cde"], [], ["x"]])
    check_all(unzip, [[(1, 2), (3, 4), (5, 6)], [(1, 2)], []])
    check_all(rows_grow_while_zipped, [[[1, 2], [3, 4]], [[1], [2, 3]]])


@accelerate
def collatz_paths(limit: int) -> tuple[int, int]:
    best, arg = 0, 1
    cache = {1: 1}
    for start in range(2, limit):
        n, path, seen = start, [], {}  # the empty list and dict learn their types from their uses
        while n not in cache:
            path.append(n)
            seen[n] = len(path)
            n = n // 2 if n % 2 == 0 else 3 * n + 1
        total = cache[n]
        for m in reversed(path):
            total += 1
            cache[m] = total
        if total > best:
            best, arg = total, start
    xs, ys = [], xs_default()
    xs, ys = ys, xs  # a swap still reads both first
    return arg, best + len(xs) - len(ys)


def xs_default() -> list[int]:
    return [1, 2]


def test_literals_in_tuple_assignments_learn_their_types():
    check_all(collatz_paths, [2, 3, 100])


@dataclass
class Pair:
    x: float
    y: float

    def __iter__(self):
        yield self.x
        yield self.y


class Three:
    def __iter__(self):
        return iter([1, 2, 3])


@accelerate
def unpack_instances(vs: list[Pair]):
    # an instance whose class has __iter__ unpacks into its items: in a loop's target, an assignment,
    # nested; CPython's ValueError where the counts differ
    tot = 0.0
    for x, y in vs:
        tot += x * y
    a, b = vs[0]
    (m, n), k = (vs[-1], 3)
    try:
        p, q = Three()
        r = p + q
    except ValueError as e:
        r = len(str(e))
    try:
        p, q, s, t = Three()
        r += p
    except ValueError as e:
        r += len(str(e))
    return tot, a, b, m, n, k, r


def test_instances_with_iter_unpack():
    check(unpack_instances, [Pair(1.0, 2.0), Pair(3.0, -4.5)])
    check(unpack_instances, [Pair(0.5, 0.25)])


# The unpacking's temporaries are moved from, not copied (opt/moves.cpp): what they held must
# still be the caller's objects where the caller can see them (the list iterated keeps its items,
# a list taken out of a tuple is the one in it), whatever happens between.
@dataclass
class Tag:
    name: str
    hits: int


@accelerate
def moved_from_temporaries(pairs: list[tuple[str, list[int]]], d: dict[str, list[int]], tags: list[tuple[Tag, str]]):
    out: list[str] = []
    for name, xs in pairs:
        xs.append(len(name))  # the caller's list, through the moved item
        out.append(name + str(len(xs)))
    for k, v in d.items():
        v.append(len(k))
        out.append(k)
    for i, (name, xs) in enumerate(pairs):  # nested: the item and its tuple both temporaries
        out.append(f"{i}:{name}:{xs[-1]}")
    for t, label in tags:
        t.hits += 1
        out.append(label + t.name)
    a, b = pairs[0]  # `a, b = t` of a list's item: the item stays in the list
    b.append(-1)
    first, rest = divmod(len(out), 3)
    c, (e, f) = (out[0], (out[-1], pairs[-1][1]))
    f.append(99)
    words = [w + n for n, w in sorted((s, s.upper()) for s in out[:4])]
    for name, xs in pairs:
        pass
    return out, a, b, first, rest, c, e, words, name, xs  # the loop's targets after it: its last item's


@accelerate
def unpack_until_raise(pairs: list[tuple[str, int]], stop: int) -> list[str]:
    seen: list[str] = []
    try:
        for name, k in pairs:
            seen.append(name)
            if k == stop:
                raise ValueError(f"stop at {name}")
    except ValueError as e:
        seen.append(str(e))
    for name, k in pairs:
        seen.append(name * (10 // k))  # ZeroDivisionError where k == 0: the list as it was
    return seen


def test_unpacking_moves_from_its_temporaries():
    tags = [(Tag("a", 0), "x"), (Tag("b", 5), "y")]
    check(moved_from_temporaries, [("ann", [1]), ("bo", [])], {"k": [2], "ll": []}, tags)
    shared = [7]
    check(moved_from_temporaries, [("s", shared), ("t", shared)], {"s": shared}, [(tags[0][0], "z")] * 2)
    check(unpack_until_raise, [("a", 1), ("b", 2), ("c", 5)], 2)
    check(unpack_until_raise, [("a", 1), ("b", 0)], 7)
    check(unpack_until_raise, [], 0)


# ... and with a generator that yields an instance and a tuple and raises a user exception, a
# comprehension's pairs, and a prange loop's unpacking of a list's items
@dataclass
class Cell:
    label: str
    vals: list[int]


class EmptyCell(Exception):
    pass


def cells(grid: dict[str, list[int]]):
    for k, v in grid.items():
        if not v:
            raise EmptyCell(f"empty {k}")
        yield Cell(k, v), (k, len(v))


@accelerate
def cells_walked(grid: dict[str, list[int]]) -> tuple[list[str], int]:
    out: list[str] = []
    total = 0
    try:
        for c, (k, n) in cells(grid):
            c.vals.append(n)  # the caller's list, in the instance the generator made
            out.append(f"{c.label}:{k}:{n}")
            total += sum(c.vals)
    except EmptyCell as e:
        out.append(str(e))
    pairs = [(w, len(w)) for w in out]
    for w, n in pairs:
        total += n
    return out, total


@accelerate
def rows_in_parallel(rows: list[tuple[str, float]]) -> float:
    s = 0.0
    for i in prange(len(rows)):
        name, x = rows[i]
        s += x * len(name)
    return s


def test_moved_temporaries_in_combination():
    check(cells_walked, {"a": [1, 2], "bb": [3]})
    check(cells_walked, {"a": [1], "z": [], "q": [2]})
    check(cells_walked, {})
    rows = [(f"n{i}", i * 0.5) for i in range(5000)]
    assert rows_in_parallel(rows) == rows_in_parallel.__wrapped__(rows)
    assert rows == [(f"n{i}", i * 0.5) for i in range(5000)]
