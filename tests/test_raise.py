"""`raise` in compiled code (issue 15, first part): Python's builtin exceptions, with one str
argument, none, or several, reach the caller as CPython raises them: the same type, str(e) and e.args,
through compiled helpers, with argument containers written back as they were at the raise."""
import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


@accelerate
def validate(n: int, name: str) -> int:
    if n < 0:
        raise ValueError(f"{name} must be non-negative, got {n}")
    if n == 0:
        raise ZeroDivisionError
    if n > 1000:
        raise OverflowError("too big: " + str(n))
    if name == "":
        raise KeyError(name)
    if name == "nul":
        raise NotImplementedError("a \x00 b \u2603 \ud800")
    if n == 13:
        raise RuntimeError()
    return 1000 // n


@accelerate
def helper(x: float) -> float:
    if x != x:
        raise ValueError("nan is not allowed")
    return x * 2.0


@accelerate
def through_helpers(xs: list[float]) -> float:
    total = 0.0
    for i in range(len(xs)):
        xs[i] = helper(xs[i])  # the list is changed up to the raise, and written back so
        total += xs[i]
    return total


@accelerate
def raise_in_loop(n: int) -> int:
    k = 0
    while True:
        k += 1
        if k * k > n:
            raise IndexError(f"stopped at {k}")


@accelerate
def raise_scalar(kind: int, x: int) -> int:
    if kind == 0:
        raise KeyError(x)
    if kind == 1:
        raise ValueError(x * 0.5)
    if kind == 2:
        raise IndexError(None)
    if kind == 3:
        raise LookupError(x > 2)
    return x


def test_builtin_exceptions_with_one_number_argument():
    check_all(raise_scalar, [0, 1, 2, 3, 4], [0, -3, 7, 2 ** 62])
    with pytest.raises(KeyError) as e:
        raise_scalar(0, 5)
    assert e.value.args == (5,) and type(e.value.args[0]) is int


def test_builtin_exceptions_as_cpython():
    check_all(validate, [-5, 0, 1, 13, 1001], ["x", "", "nul"])
    for args in ((-1, "n"), (0, "z"), (13, "r"), (5, "nul")):
        with pytest.raises(Exception) as got:
            validate(*args)
        with pytest.raises(Exception) as want:
            pyrite.interpreted(validate)(*args)
        assert type(got.value) is type(want.value) and got.value.args == want.value.args


def test_raise_through_compiled_helpers_writes_back_containers():
    check(through_helpers, [1.0, 2.5, float("nan"), 4.0])
    check(through_helpers, [1.0, 2.0])
    check_all(raise_in_loop, [0, 10, 99])


# ValueError("x", n): several arguments, kept as its args; str(e) is their tuple's, as BaseException's
@accelerate
def several(n: int, name: str) -> str:
    try:
        if n > 2:
            raise KeyError(name, n)
        raise ValueError("bad value", n, 2.5, None, n > 0)
    except LookupError as e:
        return f"lookup {e} {e!r}"
    except ValueError as e:
        if n < 0:
            raise
        return f"value {e} {e!r} {str(e)!r}"


def test_several_arguments():
    check_all(several, [0, 1, 5], ["k", "it's"])
    with pytest.raises(ValueError) as e:
        several(-3, "x")
    assert e.value.args == ("bad value", -3, 2.5, None, False)


@pytest.mark.parametrize("body, message", [
    ("raise", "a bare 'raise' re-raises the exception being handled"),
    ("raise ValueError('a') from x", "exception causes must derive from BaseException, not 'int'"),
    ("raise ValueError('a', [x])", "ValueError(...) keeps its arguments as its args"),
    ("raise ValueError(message='a')", "ValueError() takes no keyword arguments"),
    ("raise ValueError([x])", "ValueError(...) takes one argument in compiled code, a str (or an int, float, bool or "
                              "None), not 'list[int]'"),
    ("raise len", "compiled code raises Python's builtin exceptions"),
])
def test_raise_diagnostics(tmp_path, body, message):
    assert message in compile_error(tmp_path, "raise_bad", f"""
from pyrite import accelerate

@accelerate
def f(x: int) -> int:
    {body}
""", 1)
