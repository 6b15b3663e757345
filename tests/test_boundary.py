"""The Python/native boundary: argument rules, errors naming parameters, GIL, inspection."""
import inspect
import pickle
import threading

import numpy as np
import pytest

import pyrite
from pyrite import accelerate


@accelerate
def takes(n: int, x: float, flag: bool) -> float:
    """Docstring kept."""
    return n + x if flag else x - n


@accelerate
def echo_int(n: int) -> int:
    return n


@accelerate
def echo_float(x: float) -> float:
    return x


@accelerate
def pair(t: tuple[int, float]) -> tuple[float, int]:
    a, b = t
    return b, a


@accelerate
def spin(n: int) -> int:
    acc = 0
    for i in range(n):
        acc = (acc + i * i) % 1000003
    return acc


def test_accepted_argument_types():
    assert takes(1, 2.0, True) == 3.0
    assert echo_int(True) == 1 and type(echo_int(True)) is int      # bool is an int, converted to 1
    assert echo_float(3) == 3.0 and type(echo_float(3)) is float    # int converted as float(3)
    assert echo_float(2 ** 63 + 1) == float(2 ** 63 + 1)            # big ints convert as float() does
    assert echo_int(np.int64(-5)) == -5                             # __index__
    assert echo_int(np.uint8(200)) == 200
    assert echo_float(np.float32(0.5)) == 0.5                       # __float__
    assert takes(n=2, x=1.0, flag=False) == -1.0
    assert pair((3, 1.5)) == (1.5, 3)


def test_wrong_types_name_the_parameter():
    with pytest.raises(TypeError, match=r"^takes\(\) argument 'n' must be int, not float$"):
        takes(1.0, 2.0, True)
    with pytest.raises(TypeError, match=r"^takes\(\) argument 'x' must be float, not str$"):
        takes(1, "2", True)
    with pytest.raises(TypeError, match=r"^takes\(\) argument 'flag' must be bool, not int$"):
        takes(1, 2.0, 1)
    with pytest.raises(TypeError, match=r"argument 't'\[1\] must be float, not str"):
        pair((1, "x"))
    with pytest.raises(TypeError, match=r"argument 't' must be a tuple of length 2, not 3"):
        pair((1, 2.0, 3))
    # beyond 64 bits: not a wrong type; the call runs in CPython (README: Python's int)
    assert echo_int(2 ** 64) == 2 ** 64 and echo_int(-(2 ** 200)) == -(2 ** 200)


def test_call_errors_match_cpython():
    def messages(f, *args, **kwargs):
        out = []
        for g in (f.py_func, f):
            with pytest.raises(TypeError) as e:
                g(*args, **kwargs)
            out.append(str(e.value).replace("test_boundary.", "").split(".")[-1])
        return out

    for args, kwargs in [((1, 2.0), {}), ((1, 2.0, True, 4), {}), ((1, 2.0, True), {"y": 1}),
                         ((1, 2.0, True), {"n": 1}), ((), {})]:
        py, native = messages(takes, *args, **kwargs)
        assert native.split(" and more")[0] == py.split(" and ")[0].split(",")[0] or native.startswith(py[:20]), (py, native)


def test_function_metadata():
    assert takes.__name__ == "takes" and takes.__doc__ == "Docstring kept."
    assert str(inspect.signature(takes)) == "(n: int, x: float, flag: bool) -> float"
    assert pickle.loads(pickle.dumps(takes)) is takes
    assert "pyrite.accelerate takes" in repr(takes)


def test_generated_source_is_visible():
    src = takes.cpp_source
    assert "#line 14 " in src and "#line 16 " in src and "test_boundary.py" in src
    assert "static double f0_takes(pyrite::i64 v_n, double v_x, bool v_flag)" in src
    info = pyrite.info(takes)
    assert info["types"]["takes"] == {"n": "int", "x": "float", "flag": "bool", "return": "float"}
    assert info["so"].endswith(".so") and info["cpp_path"].endswith(".cpp")


def test_write_cpp(tmp_path):
    path = pyrite.write_cpp(spin, tmp_path / "spin.cpp")
    assert "PyInit__pyrite_" in open(path).read()


def test_gil_is_released_while_native_code_runs():
    # With the GIL held for the whole native call, this thread could not run
    # until spin() returned; with it released, it runs alongside.
    worker = threading.Thread(target=spin, args=(150_000_000,))
    ticks = 0
    worker.start()
    while worker.is_alive():
        ticks += 1
    worker.join()
    assert ticks > 1000, ticks
    assert "PyEval_SaveThread" in spin.cpp_source
    src = echo_int.cpp_source
    wrapper = src[src.index("_echo_int(PyObject*"):]
    wrapper = wrapper[:wrapper.index("return pyrite::capi::to_py")]
    assert "PyEval_SaveThread" not in wrapper  # straight-line code: releasing costs more than it saves
