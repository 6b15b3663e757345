// pyrite runtime: Python's arithmetic and comparison operators on int and float.
//
// int is a 64-bit integer whose every operation is checked: a result CPython
// would produce as a bigger int raises OverflowError instead of wrapping.
// float operations follow CPython's floatobject.c case by case (floor division
// and modulo signs, pow's special values and errors); plain + - * on doubles are
// IEEE operations in both, and the compiler is run with -ffp-contract=off.
// Mixed int/float comparisons are exact, as in CPython (2**53 + 1 != 2.0**53).
#pragma once
#include <cmath>
#include <cstring>
#include <limits>
#include <tuple>
#include <type_traits>
#include "core.hpp"

namespace pyrite {

// ---------------------------------------------------------------- int
// + - * of 64-bit ints, and of the 128-bit ones of wide_add/wide_sub below
template <class T>
inline T checked_add(T a, T b) {
    T r;
    if (PYRITE_UNLIKELY(__builtin_add_overflow(a, b, &r))) int_overflow();
    return r;
}
template <class T>
inline T checked_sub(T a, T b) {
    T r;
    if (PYRITE_UNLIKELY(__builtin_sub_overflow(a, b, &r))) int_overflow();
    return r;
}
inline i64 add(i64 a, i64 b) { return checked_add(a, b); }
inline i64 sub(i64 a, i64 b) { return checked_sub(a, b); }
// k * b for a constant k > 0 fits when b is within INT64_MIN / k .. INT64_MAX / k: a comparison
// off the product's path, which leaves the product to a lea or shift (3 * n + 1) instead of an imul
#define PYRITE_CONST_FACTOR(k) (__builtin_constant_p(k) && (k) > 0 && (k) <= (INT64_C(1) << 32))
inline bool mul_overflows(i64 a, i64 b, i64& r) {
    if (PYRITE_CONST_FACTOR(a)) std::swap(a, b);
    if (PYRITE_CONST_FACTOR(b)) {
        r = static_cast<i64>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
        return a > INT64_MAX / b || a < INT64_MIN / b;
    }
    return __builtin_mul_overflow(a, b, &r);
}
inline i64 mul(i64 a, i64 b) {
    i64 r;
    if (PYRITE_UNLIKELY(mul_overflows(a, b, r))) int_overflow();
    return r;
}

// + - * of a conditional expression's arms, both computed (codegen's Emitter::if_exp, so that
// C++ selects one without a branch, as collatz's `n // 2 if n % 2 == 0 else 3 * n + 1`): the
// wrapped result, with `bad` set where the checked operation would have raised. A constant
// operand is tested against the range it allows, off the result's path.
inline i64 spec_add(i64 a, i64 b, bool& bad) {
    if (__builtin_constant_p(b)) {
        bad |= b >= 0 ? a > INT64_MAX - b : a < INT64_MIN - b;
        return static_cast<i64>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
    }
    i64 r;
    bad |= __builtin_add_overflow(a, b, &r);
    return r;
}
inline i64 spec_sub(i64 a, i64 b, bool& bad) {
    if (__builtin_constant_p(b)) {
        bad |= b >= 0 ? a < INT64_MIN + b : a > INT64_MAX + b;
        return static_cast<i64>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
    }
    i64 r;
    bad |= __builtin_sub_overflow(a, b, &r);
    return r;
}
inline i64 spec_mul(i64 a, i64 b, bool& bad) {
    i64 r;
    bad |= mul_overflows(a, b, r);
    return r;
}
inline i64 spec_neg(i64 a, bool& bad) {
    bad |= a == std::numeric_limits<i64>::min();
    return static_cast<i64>(0 - static_cast<std::uint64_t>(a));
}
inline i64 neg(i64 a) {
    if (PYRITE_UNLIKELY(a == std::numeric_limits<i64>::min())) int_overflow();
    return -a;
}

// by a constant power of two, Python's floor division is the arithmetic shift and its modulo the
// low bits, for negative a too (-7 // 2 == -4 == -7 >> 1, -7 % 4 == 1 == -7 & 3)
#define PYRITE_CONST_POW2(b) (__builtin_constant_p(b) && (b) > 0 && ((b) & ((b) - 1)) == 0)
inline i64 floordiv(i64 a, i64 b) {
    if (PYRITE_CONST_POW2(b)) return a >> __builtin_ctzll(static_cast<std::uint64_t>(b));
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "integer division or modulo by zero");
    if (PYRITE_UNLIKELY(b == -1)) return neg(a);
    i64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
inline i64 mod(i64 a, i64 b) {
    if (PYRITE_CONST_POW2(b)) return a & (b - 1);
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "integer modulo by zero");
    if (PYRITE_UNLIKELY(b == -1)) return 0;
    i64 r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

// (a * b) % m, (a * b + c) // d (opt/wide.cpp): the product or sum in 128 bits, where CPython's
// int would have grown past 64; % brings it back below |m|, // is checked back into 64 bits. A
// value that fits 64 bits takes the 64-bit division (a constant divisor is a multiply there).
using i128 = __int128;
inline i128 wide_mul(i64 a, i64 b) { return static_cast<i128>(a) * b; }  // |a * b| <= 2**126
inline i128 wide_add(i128 a, i128 b) { return checked_add(a, b); }
inline i128 wide_sub(i128 a, i128 b) { return checked_sub(a, b); }
inline bool fits_64(i128 a) { return a == static_cast<i64>(a); }
inline i64 mod(i128 a, i64 b) {
    if (PYRITE_LIKELY(fits_64(a))) return mod(static_cast<i64>(a), b);
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "integer modulo by zero");
    if (b == -1) return 0;  // and no -2**127 % -1 in C++
    i128 r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return static_cast<i64>(r);
}
inline i64 floordiv(i128 a, i64 b) {
    if (PYRITE_LIKELY(fits_64(a))) return floordiv(static_cast<i64>(a), b);
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "integer division or modulo by zero");
    if (b == -1 || b == 1) int_overflow();  // -a or a: beyond 64 bits as a is
    i128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    if (PYRITE_UNLIKELY(!fits_64(q))) int_overflow();
    return static_cast<i64>(q);
}

// int / int, correctly rounded like CPython's long_true_divide. Operands up to
// 2**53 convert exactly and one IEEE division rounds once. Larger ones: the
// quotient is computed as an integer with at least 55 significant bits plus a
// sticky bit for the remainder, so the single conversion to double rounds
// correctly (round-half-even), then it is scaled back exactly.
inline double truediv(i64 a, i64 b) {
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "division by zero");
    constexpr i64 exact = i64(1) << 53;
    if (a >= -exact && a <= exact && b >= -exact && b <= exact) return double(a) / double(b);
    bool negative = (a < 0) != (b < 0);
    if (a == 0) return negative ? -0.0 : 0.0;
    std::uint64_t ua = a < 0 ? 0 - (std::uint64_t)a : (std::uint64_t)a;
    std::uint64_t ub = b < 0 ? 0 - (std::uint64_t)b : (std::uint64_t)b;
    int shift = 128 - (64 - __builtin_clzll(ua));  // largest shift keeping ua << shift < 2**128
    unsigned __int128 q = ((unsigned __int128)ua << shift) / ub;
    bool sticky = ((unsigned __int128)ua << shift) % ub != 0;
    int extra = 0;  // q >= 2**63 here; fold it to 64 bits, remembering dropped bits
    while ((q >> 64) != 0) {
        sticky |= (q & 1) != 0;
        q >>= 1;
        ++extra;
    }
    std::uint64_t q64 = (std::uint64_t)q;
    if (sticky) q64 |= 1;  // below the rounding position: q64 has >= 63 significant bits
    double d = std::ldexp((double)q64, extra - shift);
    return negative ? -d : d;
}

// Non-negative int exponent; a negative exponent is float pow (see pow_int below).
inline i64 ipow_nonneg(i64 base, i64 exp) {
    i64 result = 1;
    while (exp > 0) {
        if (exp & 1) result = mul(result, base);
        exp >>= 1;
        if (exp) base = mul(base, base);
    }
    return result;
}

inline i64 lshift(i64 a, i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "negative shift count");
    if (a == 0) return 0;
    if (PYRITE_UNLIKELY(n >= 64)) int_overflow();
    i64 r = (i64)((std::uint64_t)a << n);
    if (PYRITE_UNLIKELY((r >> n) != a)) int_overflow();
    return r;
}
inline i64 rshift(i64 a, i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "negative shift count");
    if (n >= 64) return a < 0 ? -1 : 0;
    return a >> n;
}

// ---------------------------------------------------------------- float
inline double add(double a, double b) { return a + b; }
inline double sub(double a, double b) { return a - b; }
inline double mul(double a, double b) { return a * b; }
inline double neg(double a) { return -a; }

inline double truediv(double a, double b) {
    if (PYRITE_UNLIKELY(b == 0.0)) raise(Exc::ZeroDivisionError, "float division by zero");
    return a / b;
}

// CPython's float_divmod: floor quotient and remainder with the divisor's sign.
struct fdivmod_t {
    double div, mod;
};
inline fdivmod_t float_divmod(double vx, double wx) {
    double mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
    return {floordiv, mod};
}
inline double floordiv(double a, double b) {
    if (PYRITE_UNLIKELY(b == 0.0)) raise(Exc::ZeroDivisionError, "float floor division by zero");
    return float_divmod(a, b).div;
}
inline double mod(double a, double b) {
    if (PYRITE_UNLIKELY(b == 0.0)) raise(Exc::ZeroDivisionError, "float modulo");
    double m = std::fmod(a, b);
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = std::copysign(0.0, b);
    }
    return m;
}

inline bool is_odd_integer(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

// CPython's float_pow, special case by special case.
inline double pow(double iv, double iw) {
    if (iw == 0.0) return 1.0;
    if (std::isnan(iv)) return iv;
    if (std::isnan(iw)) return iv == 1.0 ? 1.0 : iw;
    if (std::isinf(iw)) {
        iv = std::fabs(iv);
        if (iv == 1.0) return 1.0;
        if ((iw > 0.0) == (iv > 1.0)) return std::fabs(iw);
        return 0.0;
    }
    if (std::isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0) return odd ? iv : std::fabs(iv);
        return odd ? std::copysign(0.0, iv) : 0.0;
    }
    if (iv == 0.0) {
        bool odd = is_odd_integer(iw);
        if (iw < 0.0) raise(Exc::ZeroDivisionError, "0.0 cannot be raised to a negative power");
        return odd ? iv : 0.0;
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw)) {
            if (std::isinf(std::pow(-iv, iw))) raise(Exc::OverflowError, "complex exponentiation");
            raise(Exc::ValueError,
                  "negative number raised to a fractional power: CPython returns a complex number, "
                  "which pyrite's float cannot hold");
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return negate ? -1.0 : 1.0;
    double ix = std::pow(iv, iw);
    if (PYRITE_UNLIKELY(std::isinf(ix))) raise(Exc::OverflowError, "(34, 'Numerical result out of range')");
    return negate ? -ix : ix;
}

// int ** int where the exponent's sign is only known at run time. CPython
// returns an int for a non-negative exponent and a float for a negative one;
// pyrite's static type is int, so a negative exponent cannot be represented.
inline i64 pow(i64 base, i64 exp) {
    if (PYRITE_UNLIKELY(exp < 0))
        raise(Exc::ValueError,
              "int ** negative int is a float in Python, but this expression was compiled as int: "
              "write float(base) ** exp");
    return ipow_nonneg(base, exp);
}
// int ** negative int constant: float, as CPython (both converted to float).
inline double pow_negexp(i64 base, i64 exp) { return pow(double(base), double(exp)); }

// ---------------------------------------------------------------- int with float: comparisons (arithmetic: below Real)

// Exact comparison of an int with a float: returns -1, 0, 1, or 2 for unordered (nan).
inline int compare(i64 i, double d) {
    if (std::isnan(d)) return 2;
    constexpr i64 exact = i64(1) << 53;
    if (i >= -exact && i <= exact) {
        double x = double(i);
        return x < d ? -1 : (x > d ? 1 : 0);
    }
    double x = double(i);  // nearest double; strict order of doubles is preserved
    if (x < d) return -1;
    if (x > d) return 1;
    // x == d: d is an integral double; 2**63 is outside i64
    if (d >= 9223372036854775808.0) return -1;
    i64 di = (i64)d;
    return i < di ? -1 : (i > di ? 1 : 0);
}
inline bool lt(i64 a, double b) { int c = compare(a, b); return c == -1; }
inline bool le(i64 a, double b) { int c = compare(a, b); return c == -1 || c == 0; }
inline bool gt(i64 a, double b) { return compare(a, b) == 1; }
inline bool ge(i64 a, double b) { int c = compare(a, b); return c == 1 || c == 0; }
inline bool eq(i64 a, double b) { return compare(a, b) == 0; }
inline bool ne(i64 a, double b) { return compare(a, b) != 0; }
inline bool lt(double a, i64 b) { return gt(b, a); }
inline bool le(double a, i64 b) { return ge(b, a); }
inline bool gt(double a, i64 b) { return lt(b, a); }
inline bool ge(double a, i64 b) { return le(b, a); }
inline bool eq(double a, i64 b) { return eq(b, a); }
inline bool ne(double a, i64 b) { return ne(b, a); }

// ---------------------------------------------------------------- int | float
// A value that is an int or a float by what happened at run time (TypeKind::Real: `t = 0`, then
// `t += x` of a float; statistics.mean of ints; max(0, x)). Each operation is CPython's for the
// kinds its operands hold now: int with int stays an int (checked), anything with a float is a
// float (the int converted first, as float's own operations convert it), / of two ints is int
// true division, ** of two ints is an int or, for a negative exponent, a float.
struct Real {
    double f = 0.0;  // its value as a float: the float itself, or float(i) of an int (read by every
                     // float operation, so that a loop of `t += x` over floats runs as a float loop)
    i64 i = 0;       // the int; of a float, an int whose float is not f (0, or 1 where f is 0.0)
    Real() = default;
    Real(i64 v) : f(double(v)), i(v) {}  // implicit, as an int or a float is stored where one goes
    Real(double v) : f(v), i(v == 0.0) {}
    Real(bool v) : f(v), i(v) {}
    Real(int v) : f(v), i(v) {}  // a C++ literal: R(0) of a generic sum
    // an int is exactly the one whose float f is: 16 bytes, so that it is passed and returned in
    // registers (a 24-byte value lives in memory, and a loop's max(b, x) stalled on its reloads)
    bool is_int() const { return double(i) == f; }
    explicit operator double() const { return f; }  // float(x): exact for an int, as CPython rounds it
};
// the operands an int | float operation takes besides itself
template <class T>
concept RealOperand = std::is_same_v<T, Real> || std::is_same_v<T, i64> || std::is_same_v<T, bool>;
template <class A, class B>
concept RealPair = RealOperand<A> && RealOperand<B> && (std::is_same_v<A, Real> || std::is_same_v<B, Real>);
inline Real as_real(Real x) { return x; }
inline Real as_real(i64 x) { return Real(x); }
inline Real as_real(bool x) { return Real(x); }

template <class A, class B> requires RealPair<A, B>
inline Real add(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? Real(add(x.i, y.i)) : Real(double(x) + double(y));
}
template <class A, class B> requires RealPair<A, B>
inline Real sub(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? Real(sub(x.i, y.i)) : Real(double(x) - double(y));
}
template <class A, class B> requires RealPair<A, B>
inline Real mul(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? Real(mul(x.i, y.i)) : Real(double(x) * double(y));
}
template <class A, class B> requires RealPair<A, B>
inline double truediv(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? truediv(x.i, y.i) : truediv(double(x), double(y));
}
template <class A, class B> requires RealPair<A, B>
inline Real floordiv(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? Real(floordiv(x.i, y.i)) : Real(floordiv(double(x), double(y)));
}
template <class A, class B> requires RealPair<A, B>
inline Real mod(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    return x.is_int() && y.is_int() ? Real(mod(x.i, y.i)) : Real(mod(double(x), double(y)));
}
template <class A, class B> requires RealPair<A, B>
inline Real pow(A a, B b) {
    Real x = as_real(a), y = as_real(b);
    if (x.is_int() && y.is_int()) return y.i >= 0 ? Real(ipow_nonneg(x.i, y.i)) : Real(pow_negexp(x.i, y.i));
    return Real(pow(double(x), double(y)));
}
// an int (or an int | float) with a float: the float operation, the other operand converted first,
// as float's own operations convert an int
template <class T>
concept IntOrReal = std::is_same_v<T, i64> || std::is_same_v<T, Real>;
template <IntOrReal I> inline double add(I a, double b) { return double(a) + b; }
template <IntOrReal I> inline double add(double a, I b) { return a + double(b); }
template <IntOrReal I> inline double sub(I a, double b) { return double(a) - b; }
template <IntOrReal I> inline double sub(double a, I b) { return a - double(b); }
template <IntOrReal I> inline double mul(I a, double b) { return double(a) * b; }
template <IntOrReal I> inline double mul(double a, I b) { return a * double(b); }
template <IntOrReal I> inline double truediv(I a, double b) { return truediv(double(a), b); }
template <IntOrReal I> inline double truediv(double a, I b) { return truediv(a, double(b)); }
template <IntOrReal I> inline double floordiv(I a, double b) { return floordiv(double(a), b); }
template <IntOrReal I> inline double floordiv(double a, I b) { return floordiv(a, double(b)); }
template <IntOrReal I> inline double mod(I a, double b) { return mod(double(a), b); }
template <IntOrReal I> inline double mod(double a, I b) { return mod(a, double(b)); }
template <IntOrReal I> inline double pow(I a, double b) { return pow(double(a), b); }
template <IntOrReal I> inline double pow(double a, I b) { return pow(a, double(b)); }
inline Real neg(Real a) { return a.is_int() ? Real(neg(a.i)) : Real(-a.f); }

// exact comparisons, as int's and float's own (2**53 + 1 != 2.0**53): -1, 0, 1, or 2 (nan)
inline int compare(Real a, Real b) {
    if (a.is_int() && b.is_int()) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    if (a.is_int() && !b.is_int()) return compare(a.i, b.f);
    if (b.is_int() && !a.is_int()) {
        int c = compare(b.i, a.f);
        return c == 2 ? 2 : -c;
    }
    return std::isnan(a.f) || std::isnan(b.f) ? 2 : a.f < b.f ? -1 : a.f > b.f ? 1 : 0;
}
template <class T>
concept RealCompared = RealOperand<T> || std::is_same_v<T, double>;
template <class A, class B>
concept RealComparison = RealCompared<A> && RealCompared<B> && (std::is_same_v<A, Real> || std::is_same_v<B, Real>);
inline Real as_compared(Real x) { return x; }
inline Real as_compared(i64 x) { return Real(x); }
inline Real as_compared(bool x) { return Real(x); }
inline Real as_compared(double x) { return Real(x); }
template <class A, class B> requires RealComparison<A, B>
inline bool lt(A a, B b) { return compare(as_compared(a), as_compared(b)) == -1; }
template <class A, class B> requires RealComparison<A, B>
inline bool le(A a, B b) { int c = compare(as_compared(a), as_compared(b)); return c == -1 || c == 0; }
template <class A, class B> requires RealComparison<A, B>
inline bool gt(A a, B b) { return compare(as_compared(a), as_compared(b)) == 1; }
template <class A, class B> requires RealComparison<A, B>
inline bool ge(A a, B b) { int c = compare(as_compared(a), as_compared(b)); return c == 1 || c == 0; }
template <class A, class B> requires RealComparison<A, B>
inline bool eq(A a, B b) { return compare(as_compared(a), as_compared(b)) == 0; }
template <class A, class B> requires RealComparison<A, B>
inline bool ne(A a, B b) { return compare(as_compared(a), as_compared(b)) != 0; }
// == of two as items of containers, tuples, keys (a nan equals nothing, itself included)
inline bool operator==(Real a, Real b) { return compare(a, b) == 0; }
inline bool operator<(Real a, Real b) { return compare(a, b) == -1; }
inline bool operator>(Real a, Real b) { return compare(a, b) == 1; }

// ---------------------------------------------------------------- truth
inline bool truthy(bool b) { return b; }
inline bool truthy(i64 i) { return i != 0; }
inline bool truthy(double d) { return d != 0.0; }
inline bool truthy(none_t) { return false; }
inline bool truthy(Real x) { return x.is_int() ? x.i != 0 : x.f != 0.0; }
template <class... T>
inline bool truthy(const std::tuple<T...>&) { return sizeof...(T) != 0; }  // a fixed tuple: its length's

// an int as a float key: itself when a float holds it exactly, else nan (which no key equals)
inline double exact_float_or_nan(i64 k) {
    double d = static_cast<double>(k);
    return eq(k, d) ? d : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace pyrite
