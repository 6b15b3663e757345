"""random in compiled code (issue 19): CPython's exact numbers, from the caller's own generator.

Compiled code draws from random's module-level generator in place (runtime/include/pyrite/
random.hpp), so seeding in Python and drawing compiled, or the reverse, continues one sequence.
Every test compares the values and the generator's whole state afterwards with CPython's.
"""
import math
import random
from random import choice, randint, random as rnd

import pytest

from difftest import check
from pyrite import accelerate
import pyrite


def same_stream(fn, *args, seed=12345):
    """fn(*args) compiled and interpreted from one seed: the same outcome, and the generator
    left in the same state (getstate(), gauss_next included)."""
    outcomes = []
    for f in (pyrite.interpreted(fn), fn):
        random.seed(seed)
        copied = [list(a) if isinstance(a, list) else a for a in args]
        try:
            outcomes.append(("value", f(*copied), copied, random.getstate()))
        except Exception as e:  # noqa: BLE001 - the same exception is the point
            outcomes.append(("raise", type(e), str(e), random.getstate()))
    (ref, got) = outcomes
    assert ref[:3] == got[:3] or (repr(ref[:3]) == repr(got[:3])), f"{fn.__name__}{args}: CPython {ref[:3]}, compiled {got[:3]}"
    assert ref[3] == got[3], f"{fn.__name__}{args}: the generator's state differs afterwards"
    return got[1]


@accelerate
def floats(n: int) -> list[float]:
    out = []
    for _ in range(n):
        out.append(random.random())
        out.append(rnd())
        out.append(random.uniform(2, 5.5))
        out.append(random.uniform(1.0, -1.0))
        out.append(random.triangular())
        out.append(random.triangular(1.0, 3.0, 1.5))
        out.append(random.triangular(2.0, 2.0, 2.0))
    return out


@accelerate
def distributions(n: int) -> list[float]:
    out = []
    for _ in range(n):
        out.append(random.gauss())
        out.append(random.gauss(10.0, 2.5))
        out.append(random.normalvariate(1.0, 0.5))
        out.append(random.lognormvariate(0.0, 0.25))
        out.append(random.expovariate(1.5))
        out.append(random.paretovariate(3.0))
        out.append(random.weibullvariate(1.0, 1.5))
        out.append(random.vonmisesvariate(1.0, 4.0))
        out.append(random.vonmisesvariate(0.5, 0.0))
        out.append(random.gammavariate(0.5, 2.0))
        out.append(random.gammavariate(1.0, 2.0))
        out.append(random.gammavariate(3.5, 0.5))
        out.append(random.betavariate(2.0, 5.0))
    return out


@accelerate
def gamma_of(alpha: float, beta: float) -> float:
    return random.gammavariate(alpha, beta)


@accelerate
def integers(n: int, lo: int, hi: int) -> list[int]:
    out = []
    for _ in range(n):
        out.append(randint(lo, hi))
        out.append(random.randrange(hi - lo + 1))
        out.append(random.randrange(lo, hi + 1))
        out.append(random.randrange(lo, hi + 7, 3))
        out.append(random.randrange(hi, lo - 1, -2))
    return out


@accelerate
def bits(ks: list[int]) -> list[int]:
    return [random.getrandbits(k) for k in ks]


@accelerate
def randrange_of(start: int, stop: int, step: int, nargs: int) -> int:
    if nargs == 1:
        return random.randrange(start)
    if nargs == 2:
        return random.randrange(start, stop)
    return random.randrange(start, stop, step)


@accelerate
def randint_of(a: int, b: int) -> int:
    return random.randint(a, b)


@accelerate
def getrandbits_of(k: int) -> int:
    return random.getrandbits(k)


@accelerate
def expovariate_of(lambd: float) -> float:
    return random.expovariate(lambd)


def test_floats_and_distributions_are_cpython_s():
    for n in (0, 1, 50):
        same_stream(floats, n)
        same_stream(distributions, n)


def test_integers_are_cpython_s():
    for lo, hi in ((1, 6), (-10, 10), (0, 2 ** 40), (-(2 ** 61), 2 ** 61), (5, 5)):
        same_stream(integers, 40, lo, hi)


def test_getrandbits_up_to_64_bits_and_beyond():
    same_stream(bits, [0, 1, 2, 31, 32, 33, 53, 62, 63] * 5)
    # 64 bits and more: CPython's number, compiled where it fits in 64 bits; where not, CPython runs
    # the call again from the generator's state as the call found it (core.hpp's UndoScope), and the
    # generator moves on as CPython moves it
    for seed in range(40):
        for k in (64, 65, 96, 200):
            random.seed(seed)
            expected = random.getrandbits(k)
            state = random.getstate()
            random.seed(seed)
            assert getrandbits_of(k) == expected
            assert random.getstate() == state


def test_errors_are_cpython_s_and_draw_nothing():
    cases = [(0, 0, 0, 1), (-3, 0, 0, 1), (5, 5, 1, 2), (5, 1, 1, 2), (1, 10, 0, 3), (10, 1, 1, 3),
             (1, 10, -1, 3), (10, 1, -3, 3), (10, 1, 3, 3), (0, 10, 3, 3), (10, 0, -3, 3)]
    for args in cases:
        same_stream(randrange_of, *args)
    same_stream(randint_of, 5, 1)
    same_stream(randint_of, 5, 5)
    same_stream(getrandbits_of, -1)
    same_stream(expovariate_of, 0.0)  # ZeroDivisionError after its draw, as CPython
    same_stream(gamma_of, 0.0, 1.0)
    same_stream(gamma_of, 1.0, -1.0)
    # a width past 64 bits: CPython's run, from the state the call found
    same_stream(randrange_of, -(2 ** 63), 2 ** 63 - 1, 1, 2)


@accelerate
def sequences(xs: list[int], s: str, k: int) -> tuple[int, str, list[int], list[int], list[int], list[int], list[int]]:
    c = choice(xs)
    ch = random.choice(s)
    random.shuffle(xs)
    sample = random.sample(xs, k)
    picks = random.choices(xs, k=k)
    weighted = random.choices(xs, [float(i % 3) for i in range(len(xs))], k=k)
    cumulative = random.choices(xs, cum_weights=list(range(1, len(xs) + 1)), k=k)
    return c, ch, sample, picks, weighted, cumulative, xs


@accelerate
def int_weights(xs: list[str], ws: list[int], k: int) -> list[str]:
    return random.choices(xs, ws, k=k)


@accelerate
def sample_of(xs: list[float], k: int) -> list[float]:
    return random.sample(xs, k)


@accelerate
def of_ranges(n: int, k: int, step: int, word: str) -> tuple[list[int], int, list[int], list[str]]:
    # a range and a str are sequences too: random.py indexes them as it indexes a list
    picks = random.sample(range(n), k)
    die = random.choice(range(1, 7))
    odd = random.sample(range(n, -n, -step), k)
    letters = random.sample(word, min(k, len(word)))
    return picks, die, odd, letters


@accelerate
def sample_of_range(n: int, k: int) -> list[int]:
    return random.sample(range(n), k)


@accelerate
def choice_of_range(a: int, b: int) -> int:
    return random.choice(range(a, b))


@accelerate
def choice_of(xs: list[int]) -> int:
    return random.choice(xs)


@accelerate
def choice_of_str(s: str) -> str:
    return random.choice(s)


@accelerate
def choices_of(xs: list[int], ws: list[float], k: int) -> list[int]:
    return random.choices(xs, ws, k=k)


@accelerate
def shuffle_of(xs: list[tuple[int, str]]) -> None:
    random.shuffle(xs)


def test_sequence_functions_are_cpython_s():
    for n, k in ((1, 1), (5, 3), (30, 10), (1000, 10), (1000, 400), (50, 0)):
        same_stream(sequences, list(range(n)), "héllo wörld", k)
    same_stream(int_weights, ["a", "b", "c"], [1, 0, 5], 20)
    # the pool for small populations, a set of indices for large ones: both CPython's draws
    for n, k in ((10, 10), (21, 5), (100, 6), (100, 7), (5000, 60), (5000, 4000)):
        same_stream(sample_of, [i / 7 for i in range(n)], k)
    for n, k in ((10, 3), (21, 21), (100, 7), (5000, 60), (5000, 4000)):
        same_stream(of_ranges, n, k, 3, "héllo wörld")
    same_stream(shuffle_of, [(i, str(i)) for i in range(100)])
    same_stream(shuffle_of, [])


def test_sequence_errors_are_cpython_s():
    same_stream(choice_of, [])
    same_stream(choice_of_str, "")
    same_stream(sample_of, [1.0, 2.0], 3)
    same_stream(sample_of, [1.0, 2.0], -1)
    same_stream(sample_of_range, 3, 4)
    same_stream(sample_of_range, 0, 1)
    same_stream(choice_of_range, 5, 5)
    same_stream(choice_of_range, 5, -1)
    same_stream(choices_of, [1, 2], [1.0], 2)
    same_stream(choices_of, [1, 2], [0.0, 0.0], 2)
    same_stream(choices_of, [1, 2], [1.0, math.inf], 2)
    same_stream(choices_of, [], [], 2)
    same_stream(choices_of, [1, 2, 3], [1.0, math.nan, 1.0], 5)


@accelerate
def monte_carlo_pi(n: int) -> float:
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


@accelerate
def one_gauss() -> float:
    return random.gauss(0.0, 1.0)


def test_python_and_compiled_code_continue_one_sequence():
    # seeded in Python, drawn alternately in Python and compiled code: the whole sequence is
    # the one CPython draws alone
    def run(compiled):
        random.seed(2024)
        seq = []
        for i in range(6):
            seq.append(random.random())
            seq.append((monte_carlo_pi if compiled else pyrite.interpreted(monte_carlo_pi))(100 + i))
            seq.append(random.randint(1, 100))
            # gauss's second value waits in the generator, for Python's gauss or compiled code's
            seq.append((one_gauss if compiled else pyrite.interpreted(one_gauss))())
            seq.append(random.gauss(0.0, 1.0))
        return seq, random.getstate()
    assert run(True) == run(False)


def test_seeding_in_compiled_code():
    @accelerate
    def seeded(a: int, s: str, x: float) -> list[float]:
        random.seed(a)
        first = random.random()
        random.seed(s)
        second = random.random()
        random.seed(x)
        third = random.random()
        random.seed()
        return [first, second, third]

    got = seeded(7, "pyrite", 2.5)
    random.seed(7)
    a = random.random()
    random.seed("pyrite")
    b = random.random()
    random.seed(2.5)
    c = random.random()
    assert got == [a, b, c]


def helper_walk(steps, p):  # no annotations: compiled for the types of its call
    x = 0
    for _ in range(steps):
        x += 1 if random.random() < p else -1
    return x


@accelerate
def walks(n: int, steps: int) -> list[int]:
    return [helper_walk(steps, 0.5) for _ in range(n)]


def test_random_in_a_helper_without_annotations():
    same_stream(walks, 20, 50)


@accelerate
def draw_from(rng: random.Random, n: int) -> list[float]:
    return [rng.random() + rng.randint(1, 3) + rng.gauss(0.0, 1.0) for _ in range(n)]


def uses_generator(g, lo, hi):  # a helper given the generator: compiled for random.Random
    return g.uniform(lo, hi)


@accelerate
def own_generator(seed: int, xs: list[int]) -> tuple[list[int], float, random.Random]:
    r = random.Random(seed)
    r.shuffle(xs)
    return xs, uses_generator(r, 0.0, 10.0) + r.choice([1.5, 2.5]), r


@accelerate
def generators_by_name(text: str, x: float) -> list[float]:
    return [random.Random(text).random(), random.Random(x).random(), random.Random().random() * 0.0]


def test_random_instances_are_python_s_objects():
    # a random.Random passed in is drawn from in place: the caller's object moves on as CPython's
    a, b = random.Random(3), random.Random(3)
    assert draw_from(a, 20) == pyrite.interpreted(draw_from)(b, 20)
    assert a.getstate() == b.getstate()
    # one made in compiled code is a random.Random Python goes on drawing from
    xs1, v1, r1 = own_generator(9, list(range(20)))
    xs2, v2, r2 = pyrite.interpreted(own_generator)(9, list(range(20)))
    assert (xs1, v1) == (xs2, v2) and type(r1) is random.Random
    assert r1.getstate() == r2.getstate() and r1.random() == r2.random()
    assert generators_by_name("pyrite", 2.5) == pyrite.interpreted(generators_by_name)("pyrite", 2.5)
    # the module's generator is not touched by an instance's draws
    random.seed(1)
    state = random.getstate()
    draw_from(random.Random(1), 5)
    assert random.getstate() == state


def test_other_generators_are_a_type_error():
    # SystemRandom (and any subclass) draws its words another way: not taken for random.Random
    with pytest.raises(TypeError, match=r"draw_from\(\) argument 'rng' must be random.Random, not SystemRandom"):
        draw_from(random.SystemRandom(), 1)
    with pytest.raises(TypeError, match=r"must be random.Random, not int"):
        draw_from(3, 1)
