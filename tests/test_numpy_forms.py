"""NumPy as real kernels write it (issue 13's forms): functions imported by name, builtin
abs() of arrays and NumPy numbers, zip over arrays."""
import numpy as np
import pytest
from numpy import empty_like, sqrt, zeros

from difftest import check
from pyrite import accelerate, f64, i32


@accelerate
def imported(a: f64[:]) -> float:
    b = empty_like(a)
    b[:] = sqrt(a) * 2.0
    c = zeros(3)
    return float(b.sum() + c.sum())


@accelerate
def abs_sum(a: f64[:]) -> float:
    return float(abs(a).sum())


@accelerate
def abs_array(a: i32[:, :]) -> np.ndarray:
    return abs(a)


@accelerate
def abs_item(a: f64[:]):
    return abs(a[0])


@accelerate
def dot_zip(a: f64[:], b: f64[:]) -> float:
    t = 0.0
    for x, y in zip(a, b):
        t += x * y
    return t


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_functions_imported_by_name():
    # "'empty_like' is a '_ArrayFunctionDispatcher', which compiled code cannot call"
    check(imported, np.arange(4.0))
    check(imported, np.array([-1.0]))  # nan from sqrt, as NumPy


def test_builtin_abs_of_arrays_and_numpy_numbers():
    check(abs_sum, np.array([-1.5, 2.0, -0.0, np.nan]))
    check(abs_array, np.array([[-3, 2], [-2 ** 31, 5]], dtype=np.int32))  # int32 min stays, as NumPy
    check(abs_item, np.array([-1.5]))  # a numpy.float64, not a float
    check(abs_item, np.array([], dtype=np.float64))  # IndexError


def test_zip_over_arrays():
    check(dot_zip, np.arange(4.0), np.ones(4))
    check(dot_zip, np.arange(4.0), np.ones(2))
