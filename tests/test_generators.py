"""Generators in compiled code (issue 15): a generator function of the program iterated by a
for loop, a comprehension or a consumer (list, sum, min, max, sorted, any, all, ...) is inlined
there, so its statements and the loop's body interleave exactly as next() interleaves them in
CPython: break (the generator's finally runs, as close() runs it), continue, the loop's else
(runs when the generator is exhausted), return in the generator, yield from (and its value: what
the inner generator returns), `x = yield` (None: a loop never sends), nested and chained
generators, exceptions from either side. Other uses of a generator make a generator object
(test_generator_objects.py)."""
import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


def squares(n: int):
    for i in range(n):
        yield i * i


def evens_then(xs: list[int], stop: int):
    for x in xs:
        if x == stop:
            return
        if x % 2 == 0:
            yield x
    yield -1


def logged(n: int, log: list[str]):
    log.append("start")
    try:
        for i in range(n):
            log.append(f"yield {i}")
            yield i
            log.append(f"resumed {i}")
    finally:
        log.append("finally")


def chained(n: int):
    yield from squares(n)
    yield from [100, 200]
    yield 7


def fib_gen(limit):  # unannotated: its parameter's type comes from the call
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b


def pairs(xs: list[int]):
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            yield xs[i], xs[j]


def checked(xs: list[int]):
    for x in xs:
        yield 10 // x


@accelerate
def sum_squares(n: int) -> int:
    total = 0
    for s in squares(n):
        total += s
    return total


@accelerate
def loop_control(n: int, log: list[str]) -> int:
    total = 0
    for v in logged(n, log):
        if v == 1:
            log.append("continue")
            continue
        if v == 3:
            log.append("break")
            break
        total += v
    else:
        log.append("else")
    log.append("after")
    return total


@accelerate
def with_return(xs: list[int], stop: int) -> list[int]:
    out = []
    for x in evens_then(xs, stop):
        out.append(x)
    else:
        out.append(999)
    return out


@accelerate
def consumers(n: int) -> tuple[int, int, int, list[int], bool, bool, list[int], int]:
    return (sum(squares(n)), max(squares(n + 1)), min(chained(n + 1)), sorted(chained(n), reverse=True),
            any(s > 10 for s in squares(n)), all(squares(n)), [x + 1 for x in fib_gen(n * 10) if x % 2], len(list(chained(n))))


@accelerate
def nested(xs: list[int]) -> int:
    total = 0
    for a, b in pairs(xs):
        for s in squares(a + 1):
            total += s * b
    return total


@accelerate
def early_any(n: int, log: list[str]) -> bool:
    return any(v == 2 for v in logged(n, log))


@accelerate
def raising(xs: list[int]) -> int:
    total = 0
    try:
        for v in checked(xs):
            total += v
    except ZeroDivisionError:
        total = -total
    return total


def test_for_loops_over_generators():
    check_all(sum_squares, [0, 1, 5, 100])
    check_all(loop_control, [0, 1, 2, 3, 6], [[]])
    check_all(with_return, [[1, 2, 3, 4, 6, 8], [2, 5, 4], []], [5, 8, 100])
    check_all(nested, [[1, 2, 3], [], [4, -1, 2, 0]])
    check_all(raising, [[1, 2, 5], [3, 0, 4], []])


def test_consumers_of_generators():
    check_all(consumers, [1, 2, 5])
    check_all(early_any, [0, 2, 5], [[]])


def test_generator_exception_keeps_the_callers_state():
    log = []
    with pytest.raises(ZeroDivisionError):
        interrupted(log)
    ref = []
    with pytest.raises(ZeroDivisionError):
        pyrite.interpreted(interrupted)(ref)
    assert log == ref == ["start", "yield 0", "resumed 0", "yield 1", "finally"]


@accelerate
def interrupted(log: list[str]) -> int:
    total = 0
    for v in logged(5, log):
        total += 10 // (1 - v)
    return total


def guarded_values(log: list[str]):
    try:
        yield 1
        yield 2
    except ValueError:
        log.append("the generator caught it")  # never: the loop's body raised, not the generator
        yield -1
    finally:
        log.append("generator finally")


def failing(n: int):
    for i in range(n):
        if i == 2:
            raise ValueError("from the generator")
        yield i


@accelerate
def body_raises(k: int, log: list[str]) -> int:
    total = 0
    try:
        for v in guarded_values(log):
            if v == k:
                raise ValueError("from the loop")
            total += v
    except ValueError as e:
        log.append("caller caught: " + str(e))
    return total


@accelerate
def generator_raises(n: int) -> str:
    out = ""
    try:
        for v in failing(n):
            out += str(v)
    except ValueError as e:
        out += " " + str(e)
    return out


@accelerate
def genexp_loops(xs: list[int], k: int) -> tuple[int, list[int], int]:
    total = 0
    for v in (x * k for x in xs if x % 2):
        if v > 20:
            break
        total += v
    else:
        total = -total
    doubled = [w + 1 for w in (x * 2 for x in xs)]
    nested = sum(v for v in (a * k for a in xs) if v > 2)
    return total, doubled, nested


@accelerate
def genexp_sees_changes(xs: list[int]) -> list[int]:
    k = 1
    out = []
    for v in (x * k for x in xs):  # k is read as the generator runs, as CPython's closure reads it
        out.append(v)
        k += 1
    return out


def test_generator_expressions_as_loops():
    check_all(genexp_loops, [[1, 2, 3, 5], [7, 9, 11, 13], []], [1, 3])
    check_all(genexp_sees_changes, [[1, 2, 3], []])


def test_exceptions_between_a_generator_and_its_loop():
    check_all(body_raises, [1, 2, 5], [[]])
    check_all(generator_raises, [1, 2, 5])


def divide_all(xs: list[int]):
    for x in xs:
        yield 100 // x


@accelerate
def traced_loop(xs: list[int]) -> int:
    total = 0
    for q in divide_all(xs):
        total += q
    return total


def _frames(fn, *args):
    import traceback
    with pytest.raises(ZeroDivisionError) as e:
        fn(*args)
    return [(f.name, f.line) for f in traceback.extract_tb(e.value.__traceback__) if f.filename == __file__][-2:]


def test_an_inlined_generator_has_its_own_traceback_frame():
    # CPython: the loop's line in the function's frame, then the generator's frame at its line
    assert _frames(traced_loop, [1, 0]) == _frames(traced_loop.py_func, [1, 0])


def summed(n: int):
    total = 0
    for i in range(n):
        yield i
        total += i
    return total


def stop_early(xs: list[int], stop: int):
    for x in xs:
        if x == stop:
            return x * 10
        yield x


def receiving(n: int):
    for i in range(n):
        got = yield i
        yield -1 if got is None else 5


def delegating(xs: list[int], stop: int, log: list[str]):
    t = yield from summed(len(xs))
    log.append(f"summed {t}")
    yield t
    u = yield from stop_early(xs, stop)  # None where xs runs out first
    log.append(f"stopped {u}")
    yield -100 if u is None else u
    a = b = yield from [7, 8]  # any other iterable: None
    yield 0 if a is None and b is None else 1
    yield from receiving(2)
    return t


@accelerate
def delegated(xs: list[int], stop: int, log: list[str]) -> list[int]:
    return list(delegating(xs, stop, log))


@accelerate
def delegated_break(xs: list[int], stop: int, log: list[str], at: int) -> int:
    s = 0
    for x in delegating(xs, stop, log):
        if x == at:
            break
        s += x
    else:
        s = -s
    return s


def test_yield_from_values():
    check_all(delegated, [[1, 2, 3], [], [5, 4, 9, 4]], [4, 9], [[]])
    check_all(delegated_break, [[1, 2, 3], [5, 4, 9, 4]], [4], [[]], [6, 40, 100, 5, 7])


def around(r, c, rows, cols):
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < rows and 0 <= nc < cols:
            yield nr, nc


@accelerate
def star_into_generator(cells: list[tuple[int, int]], size: list[int]) -> list[tuple[int, int]]:
    # gen(*t, a, b): a tuple's items fill the parameters the other arguments leave; a list's too,
    # its length checked as an unpacking's
    out = []
    for cell in cells:
        for nxt in around(*cell, size[0], size[1]):
            out.append(nxt)
    for nxt in around(*size, 3, 3):
        out.append(nxt)
    return out


def test_starred_arguments_of_an_inlined_generator():
    check(star_into_generator, [(0, 0), (1, 2), (2, 2)], [3, 3])
    check(star_into_generator, [(0, 0)], [1, 1])
    check(star_into_generator, [], [2, 1])
