"""The rest of the math module (issue 19): remainder, hypot and gcd/lcm of any number of
arguments, dist, fsum, prod, gamma and lgamma, by mathmodule.c's own algorithms (Lanczos'
gamma, the compensated vector_norm, Shewchuk's partials), so results are CPython's to the bit,
and its errors."""
import math
import random
import struct

from difftest import FLOATS, check, check_all
from pyrite import accelerate


@accelerate
def remainder(x: float, y: float) -> float:
    return math.remainder(x, y)


@accelerate
def gammas(x: float) -> tuple[float, float]:
    return math.gamma(x), math.lgamma(x)


@accelerate
def gamma_of(x: float) -> float:
    return math.gamma(x)


@accelerate
def lgamma_of(x: float) -> float:
    return math.lgamma(x)


@accelerate
def hypots(x: float, y: float, z: float) -> tuple[float, float, float, float, float]:
    return math.hypot(), math.hypot(x), math.hypot(x, y), math.hypot(x, y, z), math.hypot(z, 3, y, x, 1e-310)


@accelerate
def folds(a: int, b: int, c: int) -> tuple[int, int, int, int, int, int, int, int]:
    return (math.gcd(), math.gcd(a), math.gcd(a, b), math.gcd(a, b, c), math.lcm(), math.lcm(a), math.lcm(a, b),
            math.lcm(a, b, c))


@accelerate
def sums(xs: list[float]) -> tuple[float, float, float]:
    return math.fsum(xs), math.prod(xs), math.dist(xs, [1.0] * len(xs))


@accelerate
def int_sums(ns: list[int]) -> tuple[float, int, float]:
    return math.fsum(ns), math.prod(ns), math.dist(ns, ns[::-1])


@accelerate
def dist_of(p: list[float], q: list[float]) -> float:
    return math.dist(p, q)


def test_remainder():
    check_all(remainder, FLOATS, [1.0, -1.0, 0.0, 3.0, 0.1, 5e-324, float("inf"), float("nan")])
    rng = random.Random(5)
    for _ in range(500):
        check(remainder, rng.uniform(-1e6, 1e6), rng.choice([rng.uniform(-10, 10), 2.0 ** rng.randint(-20, 20)]))


def test_gamma_and_lgamma():
    for x in FLOATS + [0.5, -0.5, 1e-21, -1e-21, 23.0, 24.0, 171.0, 171.7, 172.0, 200.5, -200.5, -170.5, -1.0,
                       -2.5, 5.0, 4.999, 140.0, 139.9, -139.9, 2.0, 1.0]:
        check(gamma_of, x)
        check(lgamma_of, x)
    rng = random.Random(7)
    for _ in range(1000):
        check(gammas, rng.choice([rng.uniform(-180, 180), rng.uniform(-6, 6), rng.expovariate(0.1)]))


def test_hypot_of_any_number_of_coordinates():
    check_all(hypots, [0.0, -0.0, 3.0, -4.0, 1e308, 1e-308, 5e-324], [4.0, float("inf")], [float("nan"), 12.0, -0.5])
    rng = random.Random(3)
    for _ in range(500):
        check(hypots, rng.uniform(-1e3, 1e3), rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300), rng.gauss(0, 1))
    # any finite bit pattern (subnormal largest coordinates, scales near the ends of the exponents)
    bits = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(3000)]
    bits = [x for x in bits if math.isfinite(x)]
    for i in range(0, len(bits) - 2, 3):
        check(hypots, bits[i], bits[i + 1], bits[i + 2])
    for n in (2, 16, 17, 40):  # dist's coordinates on the stack up to 16, then on the heap
        check(dist_of, bits[:n], bits[n:2 * n])


def test_gcd_and_lcm_of_any_number_of_integers():
    check_all(folds, [0, 1, -1, 12, -18, 2 ** 40, 2 ** 62], [0, 18, -27, 7, 2 ** 31], [0, 30, -45])


def test_fsum_prod_and_dist():
    # math.prod([]) of a list[float] is 1.0 where CPython's is the int 1 (README, documented differences)
    assert sums([]) == (0.0, 1.0, 0.0) and type(sums([])[1]) is float
    for xs in ([0.1] * 10, [1e100, 1.0, -1e100, 1e-100], [1e308, 1e308], [float("inf"), 1.0],
               [float("inf"), float("-inf")], [float("nan"), 1.0], [-0.0], [1e-16, 1.0, 1e16], [2.5, -4.0, 1e300]):
        check(sums, xs)
    for ns in ([], [1, 2, 3, 4], [-7, 3, 0], [2 ** 31, 2 ** 31], [2 ** 62, 4], [10 ** 15, -3, 2 ** 53 + 1]):
        check(int_sums, ns)
    rng = random.Random(9)
    for _ in range(300):
        n = rng.randint(1, 9)
        check(sums, [rng.uniform(-1, 1) * 10 ** rng.randint(-20, 20) for _ in range(n)])
    check(dist_of, [1.0, 2.0], [1.0])  # both points must have the same number of dimensions
