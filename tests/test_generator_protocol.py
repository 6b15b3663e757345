"""The rest of CPython's generator protocol for generator objects (issue 15): `x = yield v` and
send(), `return v` (the StopIteration's value, and what `x = yield from g` assigns), throw(), and
yields inside except and finally blocks. Each generator is driven the same way compiled and
interpreted (`drive`), and what every step gave or raised is compared."""
import traceback
from typing import Generator, Iterator

import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


def drive(gen, steps):
    """What each step does to a generator: ("next",), ("send", v), ("throw", exc), ("close",)."""
    seen = []
    for step in steps:
        try:
            if step[0] == "next":
                got = next(gen)
            elif step[0] == "send":
                got = gen.send(step[1])
            elif step[0] == "throw":
                got = gen.throw(step[1])
            else:
                got = gen.close()
            seen.append(("value", got))
        except StopIteration as e:
            seen.append(("stop", e.value, e.args))
        except BaseException as e:  # GeneratorExit from a generator resumed after close() made it yield
            seen.append((type(e).__name__, str(e)))
    return seen


def same_drive(fn, args, steps):
    got = drive(fn(*args), steps)
    expected = drive(pyrite.interpreted(fn)(*args), steps)
    assert got == expected
    return got


# ---- x = yield v: what send() passes (Generator[T, S, R]'s S), None from next()
@accelerate
def averager() -> Generator[float, float, str]:
    total = 0.0
    count = 0
    average = 0.0
    while True:
        term = yield average
        if term < 0:
            break
        total += term
        count += 1
        average = total / count
    return f"{count} terms"


@accelerate
def running_average(xs: list[float]) -> float:
    g = averager()
    next(g)
    result = 0.0
    for x in xs:
        result = g.send(x)
    return result


@accelerate
def average_until_negative(xs: list[float]) -> str:
    g = averager()
    next(g)
    try:
        for x in xs:
            g.send(x)
    except StopIteration as e:
        return "stopped: " + str(e)
    return "not stopped"


@accelerate
def echo(first: int) -> Generator[int, int | None, None]:
    got = yield first
    while got is not None:
        got = yield got * 2
    yield -1


def test_send_values():
    check_all(running_average, [[1.0, 2.0, 6.0], [], [5.0], [-1.0, 2.0]])
    check_all(average_until_negative, [[1.0, 2.0, -1.0, 9.0], [4.0]])
    same_drive(averager, (), [("next",), ("send", 10.0), ("send", 20.0), ("send", -1.0), ("next",)])
    same_drive(averager, (), [("send", None), ("send", 3), ("send", 4.5)])  # an int converts, as it adds
    same_drive(echo, (4,), [("next",), ("send", 3), ("send", 5), ("send", None), ("next",), ("next",)])
    same_drive(echo, (4,), [("send", 1)])  # a just-started generator takes None only
    g = averager()
    next(g)
    with pytest.raises(TypeError, match=r"averager.send\(\) argument 'value' must be float, not str"):
        g.send("x")
    assert g.send(2.0) == 2.0  # the wrong value was not sent: the generator goes on
    # next() sends None, which Generator[float, float, str] says it is never sent: a TypeError where
    # CPython's would come from `term < 0` (README: generators)
    with pytest.raises(TypeError, match=r"averager\(\) was resumed by next\(\) or a for loop, which send None, "
                                        r"at a yield that takes float"):
        next(g)


# ---- return v: StopIteration(v); x = yield from g assigns it
def counted(n: int):
    for i in range(n):
        yield i
    return n * 10


def tagged(n: int) -> Generator[int, None, str]:
    yield n
    if n > 2:
        return "big"
    yield n + 1
    return "small"


@accelerate
def totals(n: int) -> Iterator[int]:
    g = counted(n)
    total = yield from g        # a generator object: delegated to
    again = yield from counted(2)  # a generator call: inlined
    yield total + again


@accelerate
def labels(n: int) -> Iterator[int]:
    for k in range(n):
        label = yield from tagged(k)
        yield len(label)


@accelerate
def result_of_next(n: int) -> str:
    g = tagged(n)
    out = []
    try:
        while True:
            out.append(str(next(g)))
    except StopIteration as e:
        out.append(f"returned {e!s} {e!r}")
    return " ".join(out)


@accelerate
def uncaught_stop(n: int) -> int:
    g = tagged(n)
    return next(g) + next(g) + next(g)


@accelerate
def returns_in_finally(n: int) -> Generator[int, None, int]:
    try:
        yield n
        return n * 2
    finally:
        yield -n


@accelerate
def ends_unreached(n: int) -> Generator[int, None, int]:
    i = 0
    while True:
        yield i
        i += 1
        if i >= n:
            return i


@accelerate
def relay_parsed(lines: tuple[str, ...]) -> Generator[float, None, str]:
    count = yield from parsed(lines)  # a tuple crosses by value: the generator may outlive the call
    yield -1.0
    return f"{count} skipped"


def parsed(lines):
    skipped = 0
    for line in lines:
        try:
            yield float(line)
        except ValueError:
            skipped += 1
    return skipped


def test_return_values():
    same_drive(relay_parsed, (("1.5", "x", "2", "", "3"),), [("next",)] * 6)
    assert list(totals(3)) == [0, 1, 2, 0, 1, 50]
    same_drive(totals, (2,), [("next",)] * 6)
    for n in (0, 2, 4):
        assert list(labels(n)) == list(pyrite.interpreted(labels)(n))
    check_all(result_of_next, [1, 3])
    check_all(uncaught_stop, [1, 3])
    with pytest.raises(StopIteration) as e:
        uncaught_stop(5)
    assert e.value.value == "big" and e.value.args == ("big",)
    same_drive(returns_in_finally, (3,), [("next",), ("next",), ("next",), ("next",)])
    same_drive(ends_unreached, (2,), [("next",), ("next",), ("next",)])


# ---- throw(): raised at the yield the generator is suspended at
@accelerate
def resilient(n: int) -> Iterator[str]:
    for i in range(n):
        try:
            yield f"item {i}"
        except ValueError as e:
            yield f"recovered from {e}"
        except KeyError:
            return
        finally:
            pass


def inner_catching(n: int):
    try:
        yield n
        yield n + 1
    except ValueError:
        yield -n
    finally:
        print("inner finally")
    return "inner done"


@accelerate
def outer_inlined(n: int) -> Iterator[int]:
    r = yield from inner_catching(n)  # inlined: a throw() is raised in it (PEP 380)
    yield len(r)


@accelerate
def outer_delegating(n: int) -> Iterator[int]:
    g = inner_catching(n)
    r = yield from g  # an object: throw() goes on to it
    yield len(r)


def test_throw(capsys):
    steps = [("next",), ("throw", ValueError("bad")), ("next",), ("throw", KeyError("k")), ("next",)]
    same_drive(resilient, (3,), steps)
    same_drive(resilient, (3,), [("throw", ValueError("not started")), ("next",)])
    same_drive(resilient, (1,), [("next",), ("next",), ("throw", ValueError("finished"))])
    same_drive(resilient, (2,), [("next",), ("throw", StopIteration("inside"))])  # PEP 479
    same_drive(resilient, (2,), [("next",), ("throw", IndexError("passes"))])
    for fn in (outer_inlined, outer_delegating):
        got = same_drive(fn, (5,), [("next",), ("throw", ValueError("x")), ("next",), ("next",)])
        assert got == [("value", 5), ("value", -5), ("value", 10), ("stop", None, ())], fn
        same_drive(fn, (5,), [("next",), ("throw", TypeError("through")), ("next",)])
        same_drive(fn, (5,), [("next",), ("close",), ("next",)])
    out = capsys.readouterr().out
    assert out.count("inner finally") == 12, out
    g = resilient(2)
    next(g)
    with pytest.raises(ZeroDivisionError) as e:
        g.throw(ZeroDivisionError("tb"))
    last = traceback.extract_tb(e.value.__traceback__)[-1]
    assert (last.name, last.line) == ("resilient", 'yield f"item {i}"'), last
    with pytest.raises(TypeError, match="exceptions must be classes or instances deriving from BaseException, not int"):
        resilient(1).throw(5)
    g = resilient(2)
    next(g)
    assert g.throw(ValueError, "as class") == "recovered from as class"


# ---- yields in except and finally blocks of a generator object
@accelerate
def handled(n: int) -> Iterator[int]:
    for i in range(n):
        try:
            if i % 2:
                raise ValueError(str(i))
            yield i
        except ValueError as e:
            yield -int(str(e))
        else:
            yield 1000 + i
        finally:
            yield 100


@accelerate
def reraised(n: int) -> Iterator[str]:
    try:
        try:
            yield "start"
            raise KeyError(n)
        except KeyError as e:
            yield f"handling {e!r}"
            raise
        finally:
            yield "inner finally"
    except LookupError as e:
        yield f"outer caught {e!r}"
        try:
            raise ValueError("second")
        except ValueError:
            yield "nested handler"
        yield "after nested"


@accelerate
def leaves_handler(n: int) -> Iterator[int]:
    for i in range(n):
        try:
            raise IndexError("i")
        except IndexError:
            yield i
            if i == 1:
                continue
            if i == 3:
                break
            yield -i
    yield 99


def test_yields_in_handlers():
    for n in (0, 1, 4):
        assert list(handled(n)) == list(pyrite.interpreted(handled)(n))
        assert list(leaves_handler(n)) == list(pyrite.interpreted(leaves_handler)(n))
    assert list(reraised(3)) == list(pyrite.interpreted(reraised)(3))
    same_drive(handled, (3,), [("next",), ("next",), ("close",), ("next",)])
    same_drive(reraised, (2,), [("next",), ("next",), ("throw", RuntimeError("in handler")), ("next",)])


# ---- the same generator consumed by compiled code
@accelerate
def consumed(n: int) -> list[str]:
    out = [f"{x}" for x in handled(n)]
    g = resilient(3)
    out.append(next(g))
    g.close()
    out.append(str(next(g, "closed")))
    e = echo(1)
    out.append(str(next(e)))
    out.append(str(e.send(7)))
    out.append(str(e.send(None)))
    return out


@accelerate
def nested_send(xs: list[int]) -> list[int]:
    def running() -> Generator[int, int, str]:  # a nested generator def, sent values
        total = 0
        while total < 100:
            v = yield total
            total += v
        return "full"

    g = running()
    next(g)
    out = []
    for x in xs:
        try:
            out.append(g.send(x))
        except StopIteration as e:
            out.append(len(str(e.args[0])) if isinstance(e.args[0], str) else -1)
            break
    return out


def test_compiled_consumers():
    check_all(consumed, [0, 3])
    check_all(nested_send, [[1, 2, 3], [60, 50, 7], []])


@pytest.mark.parametrize("body, message", [
    ("def gen(n: int):\n    x = yield n\n    yield x\n",
     "this yield's value is what send() passes 'gen': annotate it -> Generator[T, S, R]"),
    ("def gen(n: int) -> Generator[int, int, None]:\n    yield from sub(n)\n\n"
     "def sub(n: int) -> Generator[int, str, None]:\n    s = yield n\n    yield len(s)\n",
     "'gen' is sent 'int' and yields from a generator that takes 'str'"),
    ("def gen(n: int) -> Generator[int, None, str]:\n    yield n\n",
     "'gen' can reach the end of its body, returning None, but is annotated 'Generator[int, None, str]'"),
    ("def gen(n: int) -> Generator[int, None, str]:\n    yield n\n    return n\n",
     "(it returns 'str') but returns a value of type 'int'"),
    ("def gen(n: int):\n    yield n\n    if n:\n        return 'a'\n    return 1.5\n",
     "'gen' returns a value of type 'float' here but 'str' elsewhere"),
])
def test_protocol_diagnostics(tmp_path, body, message):
    text = compile_error(tmp_path, "genproto_bad", "from typing import Generator\nfrom pyrite import accelerate\n\n" + body + """
@accelerate
def f(x: int) -> int:
    g = gen(x)
    return next(g)
""", 1)
    assert message in text, text


def test_send_diagnostics(tmp_path):
    text = compile_error(tmp_path, "genproto_send", """from typing import Generator
from pyrite import accelerate

def gen(n: int) -> Generator[int, float, None]:
    x = yield n
    yield int(x)

@accelerate
def f(x: int) -> int:
    g = gen(x)
    next(g)
    return g.send("a")
""", 1)
    assert "this generator is sent 'float' (its Generator[T, S, R] annotation), not 'str'" in text, text
