"""numpy.random's legacy functions in compiled code (issue 13): NumPy's own numbers, drawn from
the global state the caller's Python code seeds, with NumPy's exceptions (nprandom.hpp)."""
import numpy as np
import pytest
from numpy.random import rand

from difftest import check
from pyrite import accelerate


@accelerate
def draws(n: int, seed: int) -> tuple[float, np.ndarray, np.ndarray, int, np.ndarray, float, np.ndarray, np.ndarray]:
    np.random.seed(seed)
    a = np.random.rand()
    b = rand(n, 2)
    c = np.random.randn(n)
    d = np.random.randint(10)
    e = np.random.randint(-5, 5, size=(2, n))
    f = np.random.uniform(1, 2)
    g = np.random.normal(0.0, 2.0, n)
    h = np.random.random((n,)) + np.random.random_sample(n)
    return a, b, c, d, e, f, g, h


@accelerate
def monte_carlo_pi(n: int) -> float:
    inside = 0
    for _ in range(n):
        x = np.random.random()
        y = np.random.random()
        if x * x + y * y < 1.0:
            inside += 1
    return 4.0 * inside / n


@accelerate
def uniform_between(lo: float, hi: float, n: int) -> np.ndarray:
    return np.random.uniform(lo, hi, n)


@accelerate
def dice(low: int, high: int) -> int:
    return np.random.randint(low, high)


def test_the_numbers_are_numpy_s_own():
    for n, seed in ((3, 0), (1, 42), (0, 7)):
        check(draws, n, seed)


def test_the_global_state_is_the_caller_s():
    # a seed set in Python reaches compiled draws, and compiled draws advance it for Python
    np.random.seed(5)
    compiled = monte_carlo_pi(2000), np.random.random()
    np.random.seed(5)
    interpreted = monte_carlo_pi.py_func(2000), np.random.random()
    assert compiled == interpreted


def test_numpy_s_exceptions():
    np.random.seed(0)
    check(uniform_between, 0.0, 1.0, -1)  # ValueError: negative dimensions
    check(uniform_between, 0.0, float("inf"), 2)  # OverflowError: range exceeds valid bounds
    check(dice, 5, 5)  # ValueError: low >= high


@accelerate
def generator_draws(n: int, seed: int) -> tuple[float, np.ndarray, np.ndarray, float, np.ndarray, int]:
    rng = np.random.default_rng(seed)
    a = rng.random()
    b = rng.normal(0.0, 2.0, (n, 2))
    c = rng.integers(0, 10, size=n)
    d = rng.uniform(-1, 1)
    e = rng.standard_normal(n)
    f = int(rng.integers(1, 6, endpoint=True))
    return a, b, c, d, e, f


@accelerate
def total_of_draws(rng: np.random.Generator, n: int) -> float:
    # a Generator passed in: the caller's own object, advanced as Python would advance it
    t = 0.0
    for _ in range(n):
        t += rng.random()
    return t


@accelerate
def integers_of(rng: np.random.Generator, low: int, high: int) -> np.ndarray:
    return rng.integers(low, high, size=3)


def test_generator_streams_are_numpy_s():
    for n, seed in ((3, 7), (0, 0), (5, 2 ** 40)):
        check(generator_draws, n, seed)


def test_a_generator_passed_in_is_the_caller_s():
    g, h = np.random.default_rng(11), np.random.default_rng(11)
    assert total_of_draws(g, 50) == total_of_draws.py_func(h, 50)
    assert g.random() == h.random()  # both advanced alike
    with pytest.raises(ValueError, match="low >= high"):
        integers_of(np.random.default_rng(1), 5, 5)
    with pytest.raises(TypeError, match="argument 'rng' must be numpy.random.Generator, not int"):
        total_of_draws(5, 1)
