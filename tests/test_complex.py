"""Python's complex numbers: `complex` parameters and results, `1j` constants, arithmetic
with ints and floats, abs(), ==, truth, repr/str/f-strings, .real/.imag/.conjugate(),
complex(...), and complex scalars meeting NumPy arrays (a Python complex is "weak", NEP 50).

CPython's complexobject.c is the reference: products unfused, Smith's quotient, small
whole exponents by repeated squaring and others in polar form, and its errors
(ZeroDivisionError, OverflowError) with their messages. Each function also runs
interpreted; results must agree bit for bit (-0.0 and nan parts told apart).
"""
import math
import warnings

import numpy as np
import numpy.typing as npt
import pytest

from difftest import check, check_all, load_source
from pyrite import accelerate, c64, c128, f32, f64, i64

warnings.filterwarnings("ignore", category=RuntimeWarning)

inf, nan = math.inf, math.nan
COMPLEX = [0j, complex(-0.0, 0.0), complex(0.0, -0.0), 1 + 2j, -3.5 + 0.25j, 2 + 0j, 1e300 + 1e300j,
           complex(inf, 1), complex(1, -inf), complex(nan, 0), 1e-300j, 1 / 3 + 2 / 7j, -1j]
REALS = [0, 3, -2, 2 ** 53 + 1, 0.0, -0.0, 2.5, -1e300, inf, nan, True]


@accelerate
def arith(z: complex, w: complex):
    return z + w, z - w, z * w, -z, +z, z == w, z != w


@accelerate
def quotient(z: complex, w: complex) -> complex:
    return z / w


@accelerate
def power(z: complex, w: complex) -> complex:
    return z ** w


@accelerate
def power_int(z: complex, n: int) -> complex:
    return z ** n


@accelerate
def power_float(z: complex, x: float) -> complex:
    return z ** x


@accelerate
def mixed(z: complex, n: int, x: float):
    # an int or float operand becomes complex(x) first: (inf+0j) * 2.0 has a nan imaginary part
    return (z + n, n + z, z - x, x - z, z * n, x * z, z == n, z == x, n != z, 2 * z, z * 0.5, True * z,
            z + 1j, 2.5j * z)


@accelerate
def mixed_div(z: complex, x: float):
    return x / z


@accelerate
def parts(z: complex):
    return z.real, z.imag, z.conjugate(), abs(z), bool(z), 1 if z else 0, not z


@accelerate
def text(z: complex, w: complex):
    return str(z), repr(w), f"{z}/{w!r}", f"[{z!s}]"


@accelerate
def build(x: float, y: float, z: complex, n: int):
    return complex(), complex(x), complex(n), complex(x, y), complex(n, x), complex(z), complex(z, x), \
        complex(x, z), complex(z, z), complex(True)


@accelerate
def polynomial(cs: list[complex], z: complex) -> complex:
    # Horner's rule: a list of complex coefficients, a complex accumulator
    acc = 0j
    for c in cs:
        acc = acc * z + c
    return acc


@accelerate
def roots_of_unity(n: int) -> list[complex]:
    out: list[complex] = []
    w = complex(math.cos(2 * math.pi / n), math.sin(2 * math.pi / n))
    z = 1 + 0j
    for _ in range(n):
        out.append(z)
        z *= w
    return out


@accelerate
def mandelbrot_escape(c: complex, limit: int) -> int:
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return limit


@accelerate
def defaults(z: complex = 1j, scale: complex = 2 + 0.5j) -> tuple[complex, float]:
    return z * scale, (z * scale).imag


def test_arithmetic():
    check_all(arith, COMPLEX, COMPLEX)


def test_quotient_is_smiths_and_zero_raises():
    check_all(quotient, COMPLEX, COMPLEX + [0j, complex(0, nan), complex(nan, 1)])


def test_power():
    exps = [0j, 1 + 0j, 2 + 0j, -1 + 0j, 100 + 0j, 101 + 0j, -3 + 0j, 0.5 + 0j, 1j, -2.5 + 1j, complex(inf, 0),
            complex(nan, 0)]
    check_all(power, COMPLEX, exps)
    check_all(power_int, COMPLEX, [0, 1, 2, 3, -1, -2, 7, 100, 101, -100, 2 ** 40])
    check_all(power_float, COMPLEX, [0.0, -0.0, 0.5, 2.0, -1.0, 1e10, inf, -inf, nan, 100.0, 100.5])


def test_mixed_int_and_float_operands():
    check_all(mixed, COMPLEX, [0, 1, -3, 2 ** 53 + 1, 2 ** 63 - 1], [0.0, -0.0, 2.5, inf, nan])
    check_all(mixed_div, COMPLEX, [0.0, -0.0, 1.5, inf])


def test_parts_abs_and_truth():
    check_all(parts, COMPLEX + [complex(1e308, 1e308), complex(inf, nan), complex(nan, -inf)])


def test_repr_str_and_fstrings():
    vals = COMPLEX + [complex(1e16, 2), complex(1e-5, -1e22), complex(-0.0, -0.0), complex(nan, -nan), 0.1 + 0.2j]
    check_all(text, vals, vals[:4])


def test_complex_constructor():
    check_all(build, [0.0, -0.0, 1.5, nan], [0.0, -0.0, -2.0], [1 + 2j, complex(-0.0, -0.0)], [0, 7])


def test_complex_in_containers_and_loops():
    check(polynomial, [1 + 0j, -2j, 3.5 + 1j], 0.5 - 1j)
    check(polynomial, [], 1j)
    check(roots_of_unity, 8)
    check_all(mandelbrot_escape, [0j, -1 + 0j, 0.25 + 0.5j, 0.3 + 0.5j, 2 + 2j, complex(nan, 0)], [0, 50])
    check(defaults)
    check(defaults, 3 - 1j)
    check(defaults, 1.5 + 0j, 2 + 0j)


def test_parameter_conversion():
    # complex(x) of what the caller passes: ints, floats, NumPy numbers, objects with __complex__
    class Z:
        def __complex__(self):
            return 4 - 3j
    for v in (3, 2.5, True, np.complex64(1 - 2j), np.float32(0.5), np.int8(-3), Z()):
        assert arith(v, 1j) == arith.py_func(complex(v), 1j)
    for v in ("1j", None, [1j]):
        with pytest.raises(TypeError, match="arith.. argument 'z' must be complex, not"):
            arith(v, 1j)


@accelerate
def with_arrays(a: f32[:], b: i64[:], c: c64[:], d: f64[:], z: complex):
    # Python complex is weak: float32 items stay single precision (complex64), ints give complex128
    return a * z, b + z, c - z, d / z, z * c[0], c[0] == z, a[0] * z


@accelerate
def accumulate(a: c128[:], z: complex) -> complex:
    s = 0j
    for i in range(a.shape[0]):
        s += a[i] * z + 1j  # s becomes a numpy.complex128 on the first addition, as in NumPy
    return s


@accelerate
def fill(a: c128[:], z: complex) -> npt.NDArray[np.complex128]:
    a[0] = z
    a[1:] = a[1:] * z
    return a


def test_with_numpy_arrays():
    a = np.array([1.5, -0.0, 3e38], dtype=np.float32)
    b = np.array([1, -2, 2 ** 62])
    c = np.array([1 + 2j, complex(inf, 0), -1j], dtype=np.complex64)
    d = np.array([0.5, -2.0, 1e300])
    for z in (1j, 1 + 2j, complex(nan, 1), 0j):
        check(with_arrays, a, b, c, d, z)
    check(accumulate, np.arange(5, dtype=np.complex128) * (1 - 1j), 1 + 2j)
    check(fill, np.array([1j, 2, 3 + 4j]), 0.5 - 1j)


def test_unsupported_operations_are_diagnosed(tmp_path):
    mod = load_source(tmp_path, "cx_bad", """
from pyrite import accelerate

@accelerate
def order(z: complex, w: complex) -> bool:
    return z < w

@accelerate
def floor(z: complex) -> complex:
    return z // 2
""")
    with pytest.raises(Exception) as e:
        mod.order(1j, 2j)
    assert "'<' not supported between instances of 'complex' and 'complex'" in str(e.value)
    with pytest.raises(Exception) as e:
        mod.floor(1j)
    assert "unsupported operand type(s) for //: 'complex' and 'int'" in str(e.value)


# ---------------------------------------------------------------- cmath
import cmath  # noqa: E402


@accelerate
def cmath_ops(z: complex):
    return cmath.sqrt(z), cmath.exp(z), cmath.phase(z), cmath.polar(z), cmath.isnan(z), cmath.isinf(z), \
        cmath.isfinite(z)


@accelerate
def cmath_close(a: complex, b: complex) -> bool:
    return cmath.isclose(a, b)


@accelerate
def cmath_close_tol(a: complex, b: complex, rel: float, tol: float) -> bool:
    return cmath.isclose(a, b, rel_tol=rel, abs_tol=tol)


@accelerate
def cmath_each(z: complex, f: int) -> complex:
    # every function of one complex argument (sqrt and exp are cmath_ops')
    if f == 0:
        return cmath.acos(z)
    if f == 1:
        return cmath.acosh(z)
    if f == 2:
        return cmath.asin(z)
    if f == 3:
        return cmath.asinh(z)
    if f == 4:
        return cmath.atan(z)
    if f == 5:
        return cmath.atanh(z)
    if f == 6:
        return cmath.cos(z)
    if f == 7:
        return cmath.cosh(z)
    if f == 8:
        return cmath.sin(z)
    if f == 9:
        return cmath.sinh(z)
    if f == 10:
        return cmath.tan(z)
    if f == 11:
        return cmath.tanh(z)
    if f == 12:
        return cmath.log(z)
    return cmath.log10(z)


@accelerate
def cmath_two(a: float, b: float, z: complex, base: complex):
    return cmath.rect(a, b), cmath.log(z, base)


@accelerate
def cmath_of_reals(x: float, n: int):
    # a float or an int where cmath takes a complex; the module's constants
    return cmath.acos(x), cmath.log(n), cmath.sqrt(-n), cmath.rect(n, x), cmath.infj, cmath.nanj, cmath.tau


@accelerate
def dft(xs: list[complex]) -> list[complex]:
    # the twiddle factors as people write them: cmath.exp(-2j * cmath.pi * k * t / n)
    n = len(xs)
    out: list[complex] = []
    for k in range(n):
        s = 0j
        for t in range(n):
            s += xs[t] * cmath.exp(-2j * cmath.pi * k * t / n)
        out.append(s)
    return out


def test_cmath_as_cpython():
    # finite arguments by CPython's algorithms, special values by its tables, its errors:
    # exp's overflow and exp(x + inf j) (OverflowError, ValueError), phase's underflow to 0
    parts = [0.0, -0.0, 1.5, -2.0, 1e-310, -1e-320, 1e300, -1e308, 710.0, -745.0, inf, -inf, nan]
    check_all(cmath_ops, [complex(r, i) for r in parts for i in parts])
    check_all(cmath_close, [1 + 1j, 1 + 1.0000000001j, complex(inf, 0), complex(nan, 0)],
              [1 + 1j, complex(inf, 0), 0j])
    check(dft, [complex(i % 3, -(i % 2)) for i in range(12)])
    check(dft, [])


def test_cmath_every_function():
    # the inverse, trigonometric and hyperbolic functions, log and log10, rect: CPython's
    # algorithms (its scalings near overflow and for subnormals, log1p near |z| = 1) and its
    # special-value tables, for each pairing of these parts; its errors: atanh(1) and log(0)
    # ValueError, cosh/sinh overflow OverflowError, x + inf j ValueError where the table says so
    parts = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.0, 1e-310, -1e-320, 1e155, 1e300, -1e308, 710.0, -745.0,
             inf, -inf, nan]
    zs = [complex(r, i) for r in parts for i in parts]
    check_all(cmath_each, zs, range(14))
    check_all(cmath_two, parts, parts, [0j], [2 + 0j])
    check_all(cmath_two, [1.0], [0.5], [0j, 1 + 0j, 2j, complex(-0.0, 0), complex(inf, 1), 1e-320j],
              [0j, 1 + 0j, 2 + 0j, 10 + 1j, complex(inf, 0), complex(nan, nan)])
    # finite arguments of every magnitude, bit for bit
    import random
    rng = random.Random(5)
    for _ in range(300):
        e1, e2 = rng.choice([0, 1, 3, 20, 150, 300]), rng.choice([0, 1, 3, 20, 150, 300])
        z = complex(rng.uniform(-1, 1) * 10 ** rng.uniform(-e1, e1), rng.uniform(-1, 1) * 10 ** rng.uniform(-e2, e2))
        check_all(cmath_each, [z], range(14))
    check_all(cmath_of_reals, [0.5, -3.0, 2.0, inf], [0, 5, -1])
    check_all(cmath_close_tol, [1 + 1j, complex(inf, 0)], [1.01 + 1j, complex(inf, 0)], [1e-9, 0.1, -1.0], [0.0, 0.5])


@accelerate
def complex_lists(xs: list[complex], z: complex, start: complex):
    # sum() of an empty list[complex] is 0j where CPython gives the int 0 (the README's
    # documented difference, as for list[float]): the default start is checked on items only
    return sum(xs) if xs else 0j, sum(xs, start), sum([1, 2], z), z in xs, xs.count(z), xs == [z], xs + [z], xs[::-1]


def test_complex_in_lists_and_sums():
    # sum() adds as CPython 3.11: complex(start) first, then complex_add (sum([-0j]) is 0j)
    check_all(complex_lists, [[], [-0j], [1j, 2 + 0j, 1j], [complex(nan, 1)], [complex(inf, 0), complex(-inf, 1)]],
              [1j, complex(nan, 1)], [0j, complex(-0.0, -0.0)])


@accelerate
def complex_list_order(xs: list[complex], ys: list[complex]) -> bool:
    return xs < ys


def test_lists_of_complex_order_as_cpython():
    # equal prefixes compare by length; the first differing items are complex: TypeError
    check_all(complex_list_order, [[1j], [1j, 2j], []], [[1j], [1j, 3j], [2j]])
