"""print() in compiled code (issue 15's first part): the text is each value's str() joined by
sep and ended by end, made natively, then written to sys.stdout under the GIL as CPython's
print writes it: redirected and captured stdout, sys.stdout = None and flush= behave as in
CPython, and output interleaves with the caller's own prints in program order."""
import io
import sys

import pytest

import pyrite
from difftest import compile_error, printed_both
from pyrite import accelerate


@accelerate
def chatty(xs: list[float], name: str, verbose: bool) -> float:
    total = 0.0
    for i, x in enumerate(xs):
        total += x
        if verbose:
            print("step", i, x, total)
    print(f"{name}: total={total:.3f}", "items:", len(xs), sep=" | ", end="!\n")
    print()
    print(1j, None, True, (1, "a"), [1.5, -0.0], {"k": 1}, {2}, "é\u2603", sep=",", flush=True)
    return total


@accelerate
def optional_separators(sep: str | None, end: str | None, n: int) -> None:
    for i in range(n):
        print(i, i * 2, sep=sep, end=end)
    print("done", sep=None, end=None)


def test_prints_what_cpython_prints():
    for args in (([0.5, 1.25, -3.0], "demo", True), ([], "empty", False), ([1e300, 1e300], "big", True)):
        got, want = printed_both(chatty, *args)
        assert got == want
    for sep, end in ((None, None), ("-", ""), ("", "\n\n")):
        got, want = printed_both(optional_separators, sep, end, 3)
        assert got == want


def test_interleaves_with_python_and_skips_a_missing_stdout(capsys):
    print("before")
    optional_separators(None, None, 2)
    print("after")
    assert capsys.readouterr().out == "before\n0 0\n1 2\ndone\nafter\n"
    old = sys.stdout
    sys.stdout = None  # as CPython's print: nothing written, no error
    try:
        optional_separators(None, None, 2)
    finally:
        sys.stdout = old


def test_a_failing_stdout_raises_its_error():
    class Closed(io.StringIO):
        def write(self, s):
            raise ValueError("I/O operation on closed file.")
    old = sys.stdout
    sys.stdout = Closed()
    try:
        with pytest.raises(ValueError, match="I/O operation on closed file"):
            optional_separators(None, None, 1)
    finally:
        sys.stdout = old


@accelerate
def to_streams(n: int) -> int:
    for i in range(n):
        print("out", i, file=sys.stdout)
        print("err", i, file=sys.stderr, flush=True)
        print("default", i, file=None)
    return n


def test_file_stdout_and_stderr():
    got = []
    for f in (to_streams, pyrite.interpreted(to_streams)):
        out, err, old = io.StringIO(), io.StringIO(), (sys.stdout, sys.stderr)
        sys.stdout, sys.stderr = out, err
        try:
            f(3)
        finally:
            sys.stdout, sys.stderr = old
        got.append((out.getvalue(), err.getvalue()))
    assert got[0] == got[1] and got[0][1] == "err 0\nerr 1\nerr 2\n"


@pytest.mark.parametrize("body, message", [
    ("print(1, file=x)", "print(file=...) takes sys.stdout or sys.stderr in compiled code"),
    ("print(1, sep=3)", "sep must be None or a string, not int"),
    ("print(1, fill=True)", "'fill' is an invalid keyword argument for print()"),
    ("print(np.zeros(3))", "print() of 'f64[:]' is not supported yet"),
])
def test_print_diagnostics(tmp_path, body, message):
    assert message in compile_error(tmp_path, "print_bad", f"""
import numpy as np
from pyrite import accelerate

@accelerate
def f(x: int) -> None:
    {body}
""", 1)
