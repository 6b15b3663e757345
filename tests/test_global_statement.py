"""`global NAME` in compiled code: a module's int, float, bool or str that a function rebinds is
read from the module at each call and stored back into it when the call returns (raising or
not), so Python sees what CPython's run would have left there; every compiled function that
names it reads the same variable during the call.
"""
import pytest

import pyrite
from pyrite import accelerate
from difftest import compile_error

calls = 0
total = 0.0
status = "idle"
verbose = False


def bump(by):
    global calls
    calls += by
    return calls


def record(x: float):
    global total, status
    if x < 0:
        status = "negative"
        raise ValueError(f"negative value {x}")
    total += x
    status = f"ok {calls}"


@accelerate
def run(xs: list[float], flag: bool) -> tuple[int, float, str]:
    global verbose
    verbose = flag
    seen = 0
    for x in xs:
        seen = bump(1)
        record(x)
    return seen, total, status + (" verbose" if verbose else "")


def state():
    return calls, total, status, verbose


def reset(c=0, t=0.0, s="idle", v=False):
    global calls, total, status, verbose
    calls, total, status, verbose = c, t, s, v


def outcome(fn, *args):
    try:
        return "value", fn(*args)
    except Exception as e:  # noqa: BLE001 - compared with CPython's
        return "raise", type(e), str(e)


@pytest.mark.parametrize("xs,flag,start", [
    ([], False, (0, 0.0, "idle", False)),
    ([1.5, 2.0], True, (0, 0.0, "idle", False)),
    ([1.0, -1.0, 3.0], False, (5, 10.0, "x", True)),  # raises after changing them: the changes stay
    ([0.5] * 10, True, (7, -1.0, "", False)),
])
def test_rebound_globals_match_cpython(xs, flag, start):
    reset(*start)
    expected = outcome(run.py_func, list(xs), flag), state()  # CPython, on the module itself
    reset(*start)
    got = outcome(run, list(xs), flag), state()
    assert got == expected


def test_python_sees_each_call_and_compiled_code_sees_python():
    reset()
    run([1.0], False)
    run([1.0, 1.0], True)
    assert state() == (3, 3.0, "ok 3", True)
    reset(100, 0.5, "from python")
    assert run([2.0], False) == (101, 2.5, "ok 101")  # not compiled in: read at each call


def test_what_does_not_compile(tmp_path):
    msg = compile_error(tmp_path, "typed", """
from pyrite import accelerate
count = 0
@accelerate
def f(n: int):
    global count
    count = "many"
    return n
""", 1)
    assert "the global 'count' holds a 'int' (its value in its module): compiled code stores only that type" in msg
    msg = compile_error(tmp_path, "listed", """
from pyrite import accelerate
items = [1, 2]
@accelerate
def f(n: int):
    global items
    items = [n]
    return n
""", 1)
    assert "'global items' rebinds a global compiled code cannot store" in msg
