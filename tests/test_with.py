"""`with` in compiled code (issue 15): context managers that are classes of the program, their
__enter__ value bound by `as`, __exit__ called with (None, None, None) on every normal way out
(return, break and continue included) and with the exception's class, the exception and its
traceback when one leaves the body (suppressed when __exit__ returns true), several managers in
one statement (exited in reverse order), and contextlib.suppress."""
import contextlib
from contextlib import suppress

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


class Recorder:
    def __init__(self, name: str, log: list[str], swallow: bool):
        self.name = name
        self.log = log
        self.swallow = swallow

    def __enter__(self) -> "Recorder":
        self.log.append("enter " + self.name)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None:
            self.log.append("exit " + self.name)
        else:
            self.log.append("exit " + self.name + " with " + str(exc))
            if exc_type is not None and issubclass(exc_type, KeyError):
                self.log.append("a KeyError")
        return self.swallow


class Budget:
    """Hands out a counter on enter; on exit records what was spent."""

    def __init__(self, limit: int):
        self.limit = limit
        self.spent = 0
        self.closed = False

    def __enter__(self) -> int:
        return self.limit

    def __exit__(self, exc_type: "type[BaseException] | None", exc: "BaseException | None", tb) -> None:
        self.closed = True


@accelerate
def guarded(k: int, log: list[str]) -> int:
    with Recorder("a", log, False) as r:
        log.append("body " + r.name)
        if k == 1:
            return 10
        if k == 2:
            raise KeyError("k")
        if k == 3:
            raise ValueError("v")
    log.append("after")
    return 0


@accelerate
def swallowed(k: int, log: list[str]) -> int:
    with Recorder("s", log, True):
        if k == 0:
            raise IndexError("gone")
        log.append("no exception")
    return 1


@accelerate
def nested_managers(k: int, log: list[str]) -> int:
    total = 0
    for i in range(4):
        with Recorder("outer", log, False), Recorder("inner", log, i == k):
            if i == 1:
                continue
            if i == k:
                raise ValueError(f"at {i}")
            if i == 3:
                break
            total += i
    return total


@accelerate
def spend(b: Budget, costs: list[int]) -> int:
    with b as limit:
        for c in costs:
            if c > limit:
                raise ValueError("over budget")
            b.spent += c
    return b.spent


@accelerate
def suppressed(xs: list[int], i: int) -> int:
    total = 0
    with suppress(IndexError, ZeroDivisionError):
        total += 100 // xs[i]
        total += 1
    with contextlib.suppress(KeyError):
        total += 1000
    return total


def test_context_managers_of_the_program():
    check_all(guarded, [0, 1, 2, 3], [[]])
    check_all(swallowed, [0, 1], [[]])
    check_all(nested_managers, [0, 1, 2, 3, 5], [[]])
    check(spend, Budget(10), [1, 2, 3])
    check(spend, Budget(2), [1, 5, 1])


def test_suppress():
    check_all(suppressed, [[1, 0, 5]], [0, 1, 2, 3, -4])


def test_with_exception_reaches_python_with_context():
    log = []
    with pytest.raises(ValueError) as e:
        guarded(3, log)
    assert log == ["enter a", "body a", "exit a with v"]
    assert e.value.__context__ is None


@pytest.mark.parametrize("body, message", [
    ("with x:\n        pass", "'int' object does not support the context manager protocol"),
    ("with NoExit():\n        pass", "'NoExit' object does not support the context manager protocol (it has no "
                                     "__exit__)"),
])
def test_with_diagnostics(tmp_path, body, message):
    text = compile_error(tmp_path, "with_bad", f"""
from pyrite import accelerate

class NoExit:
    def __enter__(self) -> int:
        return 1

@accelerate
def f(x: int) -> int:
    {body}
    return 0
""", 1)
    assert message in text, text


class Named:
    def __init__(self, log: list[str], name: str):
        self.log = log
        self.name = name

    def __enter__(self):
        self.log.append("open " + self.name)
        return self

    def __exit__(self, et, ev, tb):
        # the exception's class by name, a builtin's or the program's
        self.log.append("close " + self.name + (" after " + et.__name__ + "/" + et.__qualname__ if et else ""))
        return False


class Missing(KeyError):
    pass


@accelerate
def exit_names(keys: list[str], d: dict[str, int], log: list[str]) -> list[int]:
    out = []
    for k in keys:
        try:
            with Named(log, k):
                if k not in d:
                    raise Missing(k)
                out.append(100 // d[k])
        except (KeyError, ZeroDivisionError) as e:
            log.append(type(e).__name__)
    return out


def test_exit_reads_the_exception_class_name():
    check(exit_names, ["a", "b", "z"], {"a": 5, "b": 0}, [])
