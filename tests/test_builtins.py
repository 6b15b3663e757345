"""Builtins and the math module: compiled vs CPython, edge values and errors."""
import math
from math import pi, sqrt

import pytest

from difftest import BOOLS, FLOATS, INTS, SMALL_INTS, check, check_all, compile_error
from pyrite import accelerate

SCALE = 2.5
COUNT = 3
ENABLED = True


@accelerate
def b_abs(a: int, b: float, c: bool): return (abs(a), abs(b), abs(c))
@accelerate
def b_minmax_int(a: int, b: int, c: int): return (min(a, b), max(a, b), min(a, b, c), max(c, b, a))
@accelerate
def b_minmax_float(a: float, b: float): return (min(a, b), max(a, b), max(b, a, 0.0), min(b, a))
@accelerate
def b_conv_int(a: int): return (int(a), float(a), bool(a), int(), float(), bool())
@accelerate
def b_conv_float(a: float): return (int(a), float(a), bool(a))
@accelerate
def b_conv_bool(a: bool): return (int(a), float(a), bool(a))
@accelerate
def b_round_float(a: float): return round(a)
@accelerate
def b_round_float_nd(a: float, n: int): return round(a, n)
@accelerate
def b_round_int(a: int, n: int): return (round(a), round(a, n))
@accelerate
def b_divmod_int(a: int, b: int): return divmod(a, b)
@accelerate
def b_divmod_float(a: float, b: float): return divmod(a, b)
@accelerate
def b_divmod_mixed(a: int, b: float): return divmod(a, b)
@accelerate
def globals_by_value(x: float) -> float:
    return x * SCALE + COUNT if ENABLED else x


@accelerate
def m_one(x: float):
    return (math.sqrt(x), math.exp(x), math.expm1(x), math.log1p(x), math.sin(x), math.cos(x), math.tan(x),
            math.atan(x), math.sinh(x), math.cosh(x), math.tanh(x), math.asinh(x), math.fabs(x), math.erf(x),
            math.erfc(x), math.degrees(x), math.radians(x), math.isnan(x), math.isinf(x), math.isfinite(x),
            math.cbrt(x), math.exp2(x))


@accelerate
def m_sqrt(x: float): return math.sqrt(x)
@accelerate
def m_exp(x: float): return math.exp(x)
@accelerate
def m_log(x: float): return (math.log(x), math.log2(x), math.log10(x))
@accelerate
def m_log_base(x: float, b: float): return math.log(x, b)
@accelerate
def m_inverse_trig(x: float): return (math.asin(x), math.acos(x))
@accelerate
def m_acosh(x: float): return math.acosh(x)
@accelerate
def m_atanh(x: float): return math.atanh(x)
@accelerate
def m_sinh(x: float): return math.sinh(x)
@accelerate
def m_floor_ceil(x: float): return (math.floor(x), math.ceil(x), math.trunc(x))
@accelerate
def m_floor_int(x: int): return (math.floor(x), math.ceil(x), math.trunc(x), math.sqrt(x))
@accelerate
def m_two(x: float, y: float): return (math.atan2(x, y), math.copysign(x, y), math.nextafter(x, y))
@accelerate
def m_pow(x: float, y: float): return math.pow(x, y)
@accelerate
def m_fmod(x: float, y: float): return math.fmod(x, y)
@accelerate
def m_ldexp(x: float, e: int): return math.ldexp(x, e)
@accelerate
def m_frexp_modf(x: float): return (math.frexp(x), math.modf(x), math.ulp(x))
@accelerate
def m_ints(a: int, b: int): return (math.gcd(a, b), math.lcm(a, b))
@accelerate
def m_factorial(n: int): return math.factorial(n)
@accelerate
def m_isqrt(n: int): return math.isqrt(n)
@accelerate
def m_comb_perm(n: int, k: int): return (math.comb(n, k), math.perm(n, k))
@accelerate
def m_isclose(a: float, b: float): return (math.isclose(a, b), math.isclose(a, b, rel_tol=0.1), math.isclose(a, b, abs_tol=1.0))
@accelerate
def m_constants(): return (math.pi, math.e, math.tau, math.inf, -math.inf, pi)
@accelerate
def m_from_import(x: float): return sqrt(x) * pi


MATH_FLOATS = FLOATS + [-0.5, 0.99, 1.5, 2.0, 710.0, -710.0, 1e-10, 100.0]


def test_abs_min_max():
    check_all(b_abs, INTS, FLOATS, BOOLS)
    check_all(b_minmax_int, INTS[:8], INTS[:8], [0, -5])
    check_all(b_minmax_float, FLOATS, FLOATS)  # nan ordering follows CPython's first-wins rule


def test_conversions():
    check_all(b_conv_int, INTS)
    check_all(b_conv_float, FLOATS)
    check_all(b_conv_bool, BOOLS)


def test_round():
    halves = [0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675, 1e300, 1234.5, 5e-324, 1.0000000000000002]
    check_all(b_round_float, FLOATS + halves)
    check_all(b_round_float_nd, FLOATS + halves, [0, 1, 2, 3, -1, -2, -3, 20, 400, -400, -308, 323])
    check_all(b_round_int, INTS, [0, 1, -1, -2, -5, -18, -19, -100])
    check_all(b_round_int, [15, 25, -25, 35, 150, 250, -250, 5, -5], [-1, -2])


@accelerate
def b_round_list(xs: list[float], nd: int) -> list[float]:
    return [round(x, nd) for x in xs]


def test_round_to_digits_is_cpythons_for_many_floats():
    # round(x, n) for 0 <= n <= 22 is computed in integers (round.hpp: round_exact_small), else
    # from x's exact decimal expansion: both must be CPython's, bit for bit
    import random
    rng = random.Random(5)
    xs = [rng.uniform(-1, 1) * 10.0 ** rng.randint(-30, 30) for _ in range(2000)]
    xs += [k / 1000 + 0.0005 for k in range(-1500, 1500)]  # next to the ties of 3 digits
    xs += [k / 8 for k in range(-80, 80)] + [k / 2**20 for k in range(-40, 40)]  # exact binary ties
    xs += [2.0**52 + 0.5, 2.0**53 - 1, 2.0**53 + 2, 1e22, 1e23, 4.35, 0.285, 1.005, 2.675, 5e-324, -5e-324,
           2.2250738585072014e-308, 1.7976931348623157e308, 0.1 + 0.2, -0.0, 123456789.123456789]
    for nd in [*range(0, 24), 30, -1, -5]:
        check(b_round_list, xs, nd)


def test_divmod():
    check_all(b_divmod_int, INTS, INTS)
    check_all(b_divmod_float, FLOATS, FLOATS)
    check_all(b_divmod_mixed, SMALL_INTS, FLOATS)


def test_module_constants_are_captured_by_value():
    check_all(globals_by_value, FLOATS)


@accelerate
def m_periodic(x: float): return (math.sin(x), math.cos(x), math.tan(x))
@accelerate
def m_sin(x: float): return math.sin(x)
@accelerate
def m_cos(x: float): return math.cos(x)
@accelerate
def m_tan(x: float): return math.tan(x)


def test_math_one_argument():
    for x in MATH_FLOATS:
        for f in (m_sqrt, m_exp, m_log, m_inverse_trig, m_acosh, m_atanh, m_sinh, m_floor_ceil,
                  m_periodic, m_sin, m_cos, m_tan):
            check(f, x)
    check_all(m_one, [0.0, -0.0, 0.5, 1.0, 0.3, 2.0, -3.0, 5e-324])
    check_all(m_floor_int, [0, 1, -7, 2 ** 53 + 1, 2 ** 62])


def test_math_two_arguments():
    check_all(m_log_base, [8.0, 1.0, 0.5, 0.0, -1.0, float("inf")], [2.0, 10.0, 1.0, 0.5, 0.0])
    check_all(m_two, FLOATS, FLOATS)
    check_all(m_pow, FLOATS + [-8.0, -2.0], FLOATS + [-1.0, 0.5, 3.0])
    check_all(m_fmod, FLOATS, FLOATS)
    check_all(m_ldexp, FLOATS, [0, 1, -1, 1024, -1100, 5000, -5000])
    check_all(m_frexp_modf, FLOATS)
    check_all(m_isclose, FLOATS, FLOATS)


def test_math_integers():
    check_all(m_ints, INTS[:10], INTS[:10])
    check_all(m_factorial, [-1, 0, 1, 5, 20, 21])
    check_all(m_isqrt, [-1, 0, 1, 15, 16, 2 ** 62, 2 ** 63 - 1])
    check_all(m_comb_perm, [0, 5, 10, 60, 67, 100], [-1, 0, 1, 3, 5, 30, 101])


def test_math_constants_and_from_import():
    check(m_constants)
    check_all(m_from_import, FLOATS)


class HashedPoint:
    def __init__(self, x: int, y: int):
        self.x = x
        self.y = y

    def __eq__(self, o: "HashedPoint") -> bool:
        return self.x == o.x and self.y == o.y

    def __hash__(self) -> int:
        return hash((self.x, self.y))  # the usual way to write one


@accelerate
def hashes(i: int, x: float, s: str) -> list[int]:
    return [hash(i), hash(x), hash(s), hash((i, s, (x, True))), hash(HashedPoint(i, 2)), hash(True), hash(-1)]


def test_hash_is_cpythons():
    check_all(hashes, [0, 3, -1, -7, 2**61 - 1, 2**61, -2**63, 2**63 - 1], [0.0, -0.0, 1.5, 1e300, math.inf, -math.inf],
              ["", "abc", "é✓\U0001F600"])
    d = {HashedPoint(1, 2): 5}
    assert hashes(1, 0.5, "k")[4] == hash(next(iter(d)))


@pytest.mark.parametrize("arg, message", [
    ("[v]", "unhashable type: 'list'"),
    ("{v: v}", "unhashable type: 'dict'"),
    ("Plain()", "hash() of 'Plain' is not supported: CPython hashes it (or an item of it) by its memory address"),
    ("(v, None)", "hash() of 'tuple[int, None]' is not supported"),
])
def test_hash_diagnostics(tmp_path, arg, message):
    text = f"""from pyrite import accelerate

class Plain:
    pass

@accelerate
def f(v: int) -> int:
    return hash({arg})
"""
    err = compile_error(tmp_path, f"hash_{abs(hash(arg))}", text, 1)
    assert message in err and err.count("error:") == 1, err


@accelerate
def local_imports(xs: list[float], k: int) -> tuple[float, list[float], int, float]:
    import math
    import math as m
    from collections import deque
    from math import sqrt as root, pi
    d = deque(xs, maxlen=k)
    return math.fsum(list(d)) + m.pi, [root(abs(x)) for x in d], len(d), pi


def test_imports_inside_a_function():
    check_all(local_imports, [[1.0, 4.0, -9.0], []], [1, 2, 5])


def test_an_import_that_fails_is_named(tmp_path):
    text = """from pyrite import accelerate

@accelerate
def f(v: int) -> int:
    from no_such_module_here import thing
    return thing(v)
"""
    err = compile_error(tmp_path, "bad_import", text, 1)
    assert "thing" in err and err.count("error:") == 1, err


@accelerate
def b_bases(a: int, b: bool) -> tuple[str, str, str, str, str]:
    return bin(a), oct(a), hex(a), bin(b), f"{hex(a)[2:]:>20}"


def test_bin_oct_hex():
    check_all(b_bases, INTS + [0, -1, 255, -4096, 8, -(2**63), 2**63 - 1], BOOLS)


@accelerate
def star_calls(xs: list[int], fs: list[float], t: tuple[float, float], xss: list[list[int]]):
    import itertools
    return (math.hypot(*fs), math.hypot(*t), math.hypot(*xs), math.gcd(*xs), math.lcm(*xs),
            list(itertools.chain(*xss)), list(itertools.product(*[xs[:2], "ab"])), max(*[len(xs), 1]))


def test_star_arguments():
    # *xs into a variadic builtin: a list's items as they are when the call is made; f(*[a, b])
    # is f(a, b); chain(*xss) reads xss's lists first
    check_all(star_calls, [[], [3, 4], [6, -9, 12]], [[], [1.5, -2.0, 1e300]], [(3.0, 4.0)], [[], [[1], [], [2, 3]]])


def test_star_arguments_into_a_builtin_without_a_list_form(tmp_path):
    text = """import math
from pyrite import accelerate

@accelerate
def f(xs: list[float]) -> float:
    return math.atan2(*xs)
"""
    err = compile_error(tmp_path, "star_atan2", text, 1)
    assert "*args in calls of math.atan2() are not supported" in err and err.count("error:") == 1, err


@accelerate
def longest_common(a: str, b: str) -> tuple[str, str, int]:
    dp = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a)):
        for j in range(len(b)):
            dp[i + 1][j + 1] = dp[i][j] + a[i] if a[i] == b[j] else max(dp[i + 1][j], dp[i][j + 1], key=len)
    shortest = min(a, b, key=len)  # the first of equal keys, as CPython's min
    return dp[len(a)][len(b)], shortest, max(3, -7, 5, key=abs)


def test_min_max_of_values_with_key():
    check_all(longest_common, ["AGGTAB", "", "ab"], ["GXTXAYB", "ba", ""])


@accelerate
def number_methods(n: int, x: float) -> tuple:
    return (n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), x.is_integer(), x.conjugate(),
            (n + 1).bit_length() if n < 2 ** 62 else 0)


@accelerate
def float_ratio(x: float) -> tuple[int, int]:
    return x.as_integer_ratio()  # beyond 64 bits (1e300, 5e-324): CPython's run


def test_int_and_float_methods():
    ints = [0, 1, -1, 255, -256, 2 ** 32, 2 ** 63 - 1, -2 ** 63]
    floats = [0.0, -0.0, 1.5, -2.25, 4.0, 0.1, 1e18, 1e300, 5e-324, math.inf, -math.inf, math.nan, -3.0]
    check_all(number_methods, ints, floats)
    check_all(float_ratio, floats + [2.0 ** 62, 2.0 ** 63, -(2.0 ** 63), 1 / 3])


@accelerate
def iterables_where_lists_go(xs: list[int]) -> tuple:
    import collections
    import statistics
    c = collections.Counter("abracadabra")
    c.update("aa")  # a str: its characters, as Counter.update iterates it
    c.subtract("b")
    return (math.dist((0.0, 0.0), (3.0, 4.0)), math.dist([1.0], [2.5]), math.prod((2, 3, 4)), math.fsum(x / 10 for x in xs),
            statistics.multimode(xs), statistics.multimode("aabbc"), statistics.mean(x * 2 for x in xs) if xs else 0,
            statistics.median(x for x in xs) if xs else 0, c.most_common(3))


def test_tuples_strs_and_generators_where_builtins_take_lists():
    check_all(iterables_where_lists_go, [[1, 1, 2, 2, 3], [5], [], [3, -1, 3]])


def test_a_tuple_where_a_builtin_changes_its_list_is_refused(tmp_path):
    # CPython's random.shuffle of a tuple raises TypeError: no list is made to shuffle in its place
    text = compile_error(tmp_path, "shuffle_tuple", """
import random
from pyrite import accelerate

@accelerate
def f() -> int:
    t = (1, 2, 3)
    random.shuffle(t)
    return t[0]
""")
    assert "shuffle() takes (random.Random, tuple[int, int, int])" in text, text


@accelerate
def extremes_of_values(a: str, b: str, p: tuple[int, str], q: tuple[int, str]):
    # max(a, b) of strs or tuples: CPython's min_max over the values, the first of equal ones
    return max(a, b), min(a, b, "m"), max(p, q), min(q, p), max(a, b, key=len), min([a], [b])


def test_min_and_max_of_several_values_of_one_type():
    for a, b in (("", "a"), ("pear", "apple"), ("b", "b"), ("ß", "ss")):
        check(extremes_of_values, a, b, (1, "x"), (1, "w"))


@accelerate
def zipped_strictly(a: list[int], b: list[int], c: list[int]):
    # zip(..., strict=True): CPython's ValueError naming the argument that ends first or goes on
    out = []
    try:
        for x, y in zip(a, b, strict=True):
            out.append(x + y)
    except ValueError as e:
        out.append(-len(str(e)))
    three = list(zip(a, b, c, strict=True))
    return out, three, list(zip(a, c, strict=False)), [x * z for x, z in zip(a, c, strict=True) if x]


def test_zip_strict():
    for args in (([1, 2], [3, 4], [5, 6]), ([1, 2, 3], [3, 4], [5, 6]), ([1], [3, 4], [5]), ([1, 2], [3, 4], [5]),
                 ([1, 2], [3, 4], [5, 6, 7]), ([], [], [])):
        check(zipped_strictly, *args)


@accelerate
def float_hexes(xs: list[float]) -> list[str]:
    return [x.hex() for x in xs]


@accelerate
def from_hexes(texts: list[str]) -> list[float]:
    out: list[float] = []
    for t in texts:
        try:
            out.append(float.fromhex(t))
        except ValueError as e:
            out.append(-float(len(str(e))))
        except OverflowError:
            out.append(-1.0)
    return out


def test_float_hex_and_fromhex():
    import random
    rng = random.Random(7)
    xs = FLOATS + [0.1, -0.1, 1e-310, 2.2250738585072014e-308, 1.7976931348623157e308]
    xs += [math.ldexp(rng.random(), rng.randint(-1074, 1023)) * rng.choice([1, -1]) for _ in range(300)]
    check(float_hexes, xs)
    texts = [x.hex() for x in xs] + [
        "0x1.ffffp10", "-0x1p-1074", "0x3.a7p10", "  0x1p0 \n", "inf", "-Infinity", "nan", "+NaN", "infinityx",
        "0x", "", "1", "1.", ".8", "0x.8p1", "0x1p", "0x1p+", "0X1P-2", "-0", "1_0", "0x1\u00e9", "\u00a0 0x1",
        "0x1\x00", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7p1023", "0x1p1024", "0x1p-1075", "0x1.8p-1074",
        "0x3p-1076", "0x1p99999999999999999999", "0x1p-99999999999999999999", "0x0p99999999999999999999",
        "0x1.00000000000008p0", "0x1.00000000000018p0", "0x1.000000000000080000000000000001p0", "10" * 40,
        "0." + "0" * 400 + "1p1600"]
    check(from_hexes, texts)
