"""Compare mode (pyrite.compare, @accelerate(verify=True), PYRITE_VERIFY): the same strict
comparison the differential suite uses, offered to users. A real divergence is needed to
test it: pyrite's documented ones (README), such as sum() of an empty list[float] being
0.0 where CPython gives the int 0, and sorting floats that hold a nan raising ValueError."""
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pyrite
from pyrite import accelerate, f64


@accelerate
def total(xs: list[float]) -> float:
    return sum(xs)


@accelerate
def sort_in_place(xs: list[float]) -> None:
    xs.sort()


@accelerate
def scale(a: f64[:], k: float) -> f64[:]:
    a *= k
    return a


@accelerate(verify=True)
def checked_total(xs: list[float]) -> float:
    return sum(xs)


@accelerate(verify=True)
def checked_sort(xs: list[float]) -> list[float]:
    xs.sort()
    return xs


def test_compare_reports_agreement():
    r = pyrite.compare(total, [1.5, 2.0])
    assert r and r.equal and r.differences == []
    assert "agree" in str(r) and "returned 3.5" in str(r)
    r = pyrite.compare(scale, np.arange(3.0), 2.0)  # arrays, mutation and identity of the result agree
    assert r, str(r)
    r = pyrite.compare(total, [1e308, 1e308])  # inf both ways
    assert r


def test_compare_reports_value_exception_and_argument_differences():
    r = pyrite.compare(total, [])
    assert not r
    assert r.differences[0][0] == "value"
    assert "interpreted returned 0 (int), compiled returned 0.0 (float)" in str(r)
    assert str(r).startswith("total([]): compiled and interpreted differ")
    r = pyrite.compare(sort_in_place, [2.0, float("nan"), 1.0])
    kinds = [k for k, _ in r.differences]
    assert kinds == ["outcome"], str(r)
    assert "compiled raised ValueError" in str(r)


def test_verify_returns_the_compiled_result_when_they_agree():
    xs = [3.0, 1.0, 2.0]
    assert checked_sort(xs) == [1.0, 2.0, 3.0]
    assert xs == [1.0, 2.0, 3.0]  # the caller's own list, sorted by the compiled run
    assert checked_total([1.0, 2.0]) == 3.0
    with pytest.raises(pyrite.DivergenceError) as e:
        checked_total([])
    assert e.value.report.differences[0][0] == "value"
    assert "checked_total([])" in str(e.value)
    assert isinstance(e.value, AssertionError)  # a test suite reports it as a failure
    with pytest.raises(pyrite.DivergenceError, match="compiled raised ValueError"):
        checked_sort([1.0, float("nan")])


def test_verify_keeps_exceptions_and_pickles_by_reference():
    with pytest.raises(TypeError, match="argument 'xs'"):
        checked_total("no")  # both raise the same TypeError... the compiled one is re-raised
    assert pickle.loads(pickle.dumps(checked_total)) is checked_total


def test_environment_variable_turns_verify_on(tmp_path):
    (tmp_path / "mod.py").write_text(textwrap.dedent("""
        from pyrite import accelerate

        @accelerate
        def total(xs: list[float]) -> float:
            return sum(xs)
    """))
    code = ("import mod, pyrite\n"
            "assert mod.total([1.0]) == 1.0\n"
            "try:\n    mod.total([])\nexcept pyrite.DivergenceError as e:\n    print('diverged:', e.report.differences[0][0])\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         env={**__import__("os").environ, "PYRITE_VERIFY": "1"})
    assert out.stdout.strip() == "diverged: value", out.stderr
