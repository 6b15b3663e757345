"""numpy.typing.NDArray[dtype] and np.ndarray where pyrite cannot read the dimensions off the
argument: return annotations, annotated locals and helpers' parameters; and containers of arrays
as a function's parameters (list[np.ndarray]), which take the dimensions from the argument. There they mean an
array of that dtype (any dtype for np.ndarray) with whatever dimensions the body gives it:
checked against what the program does, then inferred (issue 13's one refusal that blocked
32 of 42 kernels of a public NumPy benchmark suite)."""
import numpy as np
import numpy.typing as npt
import pytest

import pyrite
from difftest import check, load_source
from pyrite import accelerate


def _center(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return a - a.mean()


def _scale(a: np.ndarray, k: float) -> np.ndarray:
    return a * k


@accelerate
def normalize(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    b: npt.NDArray[np.float64] = _center(a)
    return b / np.sqrt((b * b).sum())


@accelerate
def halves(a: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    return a * 0.5, a.sum(axis=0)


@accelerate
def running(a: np.ndarray) -> np.ndarray:
    return a.cumsum()


@accelerate
def scaled(a: npt.NDArray[np.int32], k: float) -> npt.NDArray[np.float64]:
    return _scale(a, k)


@accelerate
def grid(n: int) -> npt.NDArray[np.float64]:
    out: npt.NDArray[np.float64] = np.zeros((n, n, 2))
    for i in range(n):
        out[i, :, 0] = i
    return out


@accelerate
def row(a: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return a[0]


@accelerate
def total_of(parts: list[npt.NDArray[np.float64]]) -> float:
    s = 0.0
    for p in parts:
        s += float(p.sum())
    return s


@accelerate
def scaled_in_place(parts: list[np.ndarray], k: float) -> int:
    for p in parts:
        p *= k
    parts.append(parts[0][::-1].copy())  # the caller's list grows, as in CPython
    return len(parts)


@accelerate
def norms(named: dict[str, np.ndarray]) -> dict[str, float]:
    return {name: float(np.sqrt((a * a).sum())) for name, a in named.items()}


@accelerate
def pair_dot(pair: tuple[np.ndarray, np.ndarray]):
    a, b = pair
    return float((a * b).sum()), a.ndim


@accelerate
def stacked_rows(rows) -> np.ndarray:  # unannotated: a list of arrays, typed by the argument
    return np.vstack(rows)


def test_containers_of_arrays_take_the_arrays_dimensions_from_the_argument():
    check(total_of, [np.ones(3), np.arange(4.0)])
    check(total_of, [np.ones((2, 2)), np.eye(2)])  # matrices: another version
    check(scaled_in_place, [np.arange(3.0), np.ones(3)], 2.0)  # the arrays and the list, changed in place
    check(scaled_in_place, [np.arange(4.0).reshape(2, 2).T], 3.0)  # a Fortran matrix
    check(norms, {"a": np.array([3.0, 4.0]), "b": np.ones(3)[::2]})
    check(norms, {"x": np.arange(6.0).reshape(2, 3), "y": np.zeros((1, 1))})
    check(pair_dot, (np.arange(3.0), np.ones(3)))
    check(pair_dot, (np.ones((2, 2)), np.eye(2)))
    check(stacked_rows, [np.arange(3.0), np.ones(3)])
    check(stacked_rows, [np.arange(3), np.ones(3, dtype=np.int64)])
    assert len(total_of.specializations) == 2


def test_containers_of_arrays_that_tell_no_one_type_are_a_type_error():
    with pytest.raises(TypeError, match="holds items of the types f64\\[:, :\\], f64\\[:\\]"):
        total_of([np.ones(3), np.ones((2, 2))])
    with pytest.raises(TypeError, match="0-dimensional array"):
        total_of([np.array(1.0)])
    with pytest.raises(TypeError, match="dtype <U1"):
        stacked_rows([np.array(["a"])])


ARRAYS = [np.arange(6.0), np.arange(12.0).reshape(3, 4), np.arange(24.0).reshape(2, 3, 4),
          np.asfortranarray(np.arange(12.0).reshape(3, 4)), np.arange(12.0).reshape(3, 4)[:, ::2]]


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_returns_take_the_dimensions_the_body_gives():
    # 1, 2 and 3 dimensions, C, Fortran and strided layouts: the ndim follows the argument's
    for a in ARRAYS:
        check(normalize, a)
        check(running, a)
        check(halves, a) if a.ndim > 1 else None
    check(running, np.arange(6, dtype=np.int32).reshape(2, 3))  # np.ndarray: any dtype
    check(normalize, np.zeros(3))  # 0 / 0: nan, as NumPy, warnings aside


def test_helpers_parameters_and_locals():
    check(scaled, np.arange(5, dtype=np.int32), 1.5)
    check(scaled, np.arange(6, dtype=np.int32).reshape(2, 3), -2.0)
    for n in (0, 1, 3):
        check(grid, n)
    check(row, np.arange(6).reshape(2, 3))
    check(row, np.arange(24).reshape(2, 3, 4))  # ndim 3 in, 2 out
    check(row, np.arange(0).reshape(0, 3))  # IndexError, as NumPy


def test_what_does_not_fit_the_annotation_is_a_diagnostic(tmp_path):
    mod = load_source(tmp_path, "nd_wrong", (
        "import numpy as np\n"
        "import numpy.typing as npt\n"
        "from pyrite import accelerate\n"
        "@accelerate\n"
        "def wrong_dtype(a: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:\n"
        "    return a * 2.0\n"
        "@accelerate\n"
        "def scalar(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:\n"
        "    return a.sum()\n"
        "def helper(a: npt.NDArray[np.float64]) -> float:\n"
        "    return float(a.sum())\n"
        "@accelerate\n"
        "def two_shapes(a: npt.NDArray[np.float64]) -> float:\n"
        "    return helper(a) + helper(a[0])\n"
        "@accelerate\n"
        "def local(a: npt.NDArray[np.float64]) -> float:\n"
        "    b: npt.NDArray[np.int32] = a\n"
        "    return float(b.sum())\n"))
    cases = [
        (mod.wrong_dtype, "nd_wrong.py:6:5: error: 'wrong_dtype' is annotated to return 'NDArray[int64]' but "
                          "returns a value of type 'f64[:, :]'"),
        (mod.scalar, "'scalar' is annotated to return 'NDArray[float64]' but returns a value of type 'numpy.float64'"),
        (mod.two_shapes, "helper() argument 'a' is 'f64[:]' here but 'f64[:, :]' in another call: pyrite "
                         "compiles one version of a helper"),
        (mod.local, "cannot assign a value of type 'f64[:, :]' to 'b', declared 'NDArray[int32]'"),
    ]
    for fn, message in cases:
        with pytest.raises(pyrite.CompileError) as e:
            fn(np.ones((2, 3)))
        assert message in str(e.value), str(e.value)
