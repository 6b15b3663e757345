// The math module. Each function reports errors as CPython's mathmodule.c
// does: a NaN result from non-NaN input is ValueError("math domain error"); an
// infinite result from finite input is OverflowError("math range error") for
// functions that can overflow, ValueError for poles (log(0)).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <tuple>
#include "builtins/conv.hpp"

namespace pyrite::math {

[[noreturn]] inline void domain_error() { raise(Exc::ValueError, "math domain error"); }
[[noreturn]] inline void range_error() { raise(Exc::OverflowError, "math range error"); }

// CPython's math_1: check a one-argument libm result.
inline double check1(double x, double r, bool can_overflow) {
    if (PYRITE_UNLIKELY(std::isnan(r) && !std::isnan(x))) domain_error();
    if (PYRITE_UNLIKELY(std::isinf(r) && std::isfinite(x))) {
        if (can_overflow) range_error();
        domain_error();
    }
    return r;
}

PYRITE_BUILTIN("math.sqrt") inline double sqrt(double x) { return check1(x, std::sqrt(x), false); }
PYRITE_BUILTIN("math.exp") inline double exp(double x) { return check1(x, std::exp(x), true); }
PYRITE_BUILTIN("math.exp2") inline double exp2(double x) { return check1(x, std::exp2(x), true); }
PYRITE_BUILTIN("math.expm1") inline double expm1(double x) { return check1(x, std::expm1(x), true); }
PYRITE_BUILTIN("math.cbrt") inline double cbrt(double x) { return check1(x, std::cbrt(x), false); }
PYRITE_BUILTIN("math.sin") inline double sin(double x) { return check1(x, std::sin(x), false); }
PYRITE_BUILTIN("math.cos") inline double cos(double x) { return check1(x, std::cos(x), false); }
PYRITE_BUILTIN("math.tan") inline double tan(double x) { return check1(x, std::tan(x), false); }
PYRITE_BUILTIN("math.asin") inline double asin(double x) { return check1(x, std::asin(x), false); }
PYRITE_BUILTIN("math.acos") inline double acos(double x) { return check1(x, std::acos(x), false); }
PYRITE_BUILTIN("math.atan") inline double atan(double x) { return check1(x, std::atan(x), false); }
PYRITE_BUILTIN("math.sinh") inline double sinh(double x) { return check1(x, std::sinh(x), true); }
PYRITE_BUILTIN("math.cosh") inline double cosh(double x) { return check1(x, std::cosh(x), true); }
PYRITE_BUILTIN("math.tanh") inline double tanh(double x) { return check1(x, std::tanh(x), false); }
PYRITE_BUILTIN("math.asinh") inline double asinh(double x) { return check1(x, std::asinh(x), false); }
PYRITE_BUILTIN("math.acosh") inline double acosh(double x) { return check1(x, std::acosh(x), false); }
PYRITE_BUILTIN("math.atanh") inline double atanh(double x) { return check1(x, std::atanh(x), false); }
PYRITE_BUILTIN("math.erf") inline double erf(double x) { return check1(x, std::erf(x), false); }
PYRITE_BUILTIN("math.erfc") inline double erfc(double x) { return check1(x, std::erfc(x), false); }
PYRITE_BUILTIN("math.fabs") inline double fabs(double x) { return std::fabs(x); }

// CPython's m_log family: 0 and negatives are domain errors; inf and nan pass through.
inline double log_checked(double x, double (*f)(double)) {
    if (std::isfinite(x)) {
        if (x > 0.0) return f(x);
        domain_error();
    }
    if (std::isnan(x) || x > 0.0) return x;  // log(nan) = nan, log(inf) = inf
    domain_error();                           // log(-inf)
}
inline double ln(double x) { return std::log(x); }
inline double lg2(double x) { return std::log2(x); }
inline double lg10(double x) { return std::log10(x); }
PYRITE_BUILTIN("math.log") inline double log(double x) { return log_checked(x, ln); }
PYRITE_BUILTIN("math.log") inline double log(double x, double base) {
    double num = log_checked(x, ln), den = log_checked(base, ln);
    if (PYRITE_UNLIKELY(den == 0.0)) raise(Exc::ZeroDivisionError, "float division by zero");
    return num / den;
}
PYRITE_BUILTIN("math.log2") inline double log2(double x) { return log_checked(x, lg2); }
PYRITE_BUILTIN("math.log10") inline double log10(double x) { return log_checked(x, lg10); }
PYRITE_BUILTIN("math.log1p") inline double log1p(double x) { return check1(x, std::log1p(x), false); }

PYRITE_BUILTIN("math.floor") inline i64 floor(double x) { return float_to_int(std::floor(x)); }
PYRITE_BUILTIN("math.floor") inline i64 floor(i64 x) { return x; }
PYRITE_BUILTIN("math.ceil") inline i64 ceil(double x) { return float_to_int(std::ceil(x)); }
PYRITE_BUILTIN("math.ceil") inline i64 ceil(i64 x) { return x; }
PYRITE_BUILTIN("math.trunc") inline i64 trunc(double x) { return float_to_int(x); }
PYRITE_BUILTIN("math.trunc") inline i64 trunc(i64 x) { return x; }

// CPython's math_pow: IEEE specials first, libm for finite ** finite.
PYRITE_BUILTIN("math.pow") inline double pow(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isnan(x)) return y == 0.0 ? 1.0 : x;
        if (std::isnan(y)) return x == 1.0 ? 1.0 : y;
        if (std::isinf(x)) {
            bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
            if (y > 0.0) return odd_y ? x : std::fabs(x);
            if (y == 0.0) return 1.0;
            return odd_y ? std::copysign(0.0, x) : 0.0;
        }
        if (std::fabs(x) == 1.0) return 1.0;
        if (y > 0.0 && std::fabs(x) > 1.0) return y;
        if (y < 0.0 && std::fabs(x) < 1.0) return -y;
        return 0.0;
    }
    double r = std::pow(x, y);
    if (!std::isfinite(r)) {
        if (std::isnan(r) || x == 0.0) domain_error();
        range_error();
    }
    return r;
}

PYRITE_BUILTIN("math.fmod") inline double fmod(double x, double y) {
    if (std::isinf(y) && std::isfinite(x)) return x;
    double r = std::fmod(x, y);
    if (PYRITE_UNLIKELY(std::isnan(r) && !std::isnan(x) && !std::isnan(y))) domain_error();
    return r;
}
// CPython's m_atan2: a NaN argument gives its own NaN constant (sign bit clear), not the
// argument's NaN (found by the fuzzer: copysign(1, atan2(-nan, x)) is 1.0 in CPython)
PYRITE_BUILTIN("math.atan2") inline double atan2(double y, double x) {
    if (std::isnan(x) || std::isnan(y)) return __builtin_nan("");
    return std::atan2(y, x);
}
// The sign of y as it is: GCC folds copysign(x, exp(z)) to fabs(x), taking exp's result
// for non-negative, but a NaN keeps its sign bit through exp (math.inf % 100 is -nan on
// x86-64, and CPython's copysign sees it). An empty asm hides where y came from.
PYRITE_BUILTIN("math.copysign") inline double copysign(double x, double y) {
    std::uint64_t bits;
    std::memcpy(&bits, &y, sizeof bits);
    __asm__("" : "+r"(bits));
    std::memcpy(&y, &bits, sizeof bits);
    return std::copysign(x, y);
}
PYRITE_BUILTIN("math.ldexp") inline double ldexp(double x, i64 e) {
    if (x == 0.0 || !std::isfinite(x)) return x;
    if (e > 100000) range_error();
    if (e < -100000) return std::copysign(0.0, x);
    double r = std::ldexp(x, (int)e);
    if (PYRITE_UNLIKELY(std::isinf(r))) range_error();
    return r;
}
PYRITE_BUILTIN("math.frexp") inline std::tuple<double, i64> frexp(double x) {
    if (std::isnan(x) || std::isinf(x) || x == 0.0) return {x, 0};
    int e;
    double m = std::frexp(x, &e);
    return {m, (i64)e};
}
PYRITE_BUILTIN("math.modf") inline std::tuple<double, double> modf(double x) {
    if (std::isinf(x)) return {std::copysign(0.0, x), x};
    double ip;
    double fp = std::modf(x, &ip);
    return {fp, ip};
}
PYRITE_BUILTIN("math.degrees") inline double degrees(double x) { return x * (180.0 / M_PI); }
PYRITE_BUILTIN("math.radians") inline double radians(double x) { return x * (M_PI / 180.0); }
PYRITE_BUILTIN("math.isnan") inline bool isnan(double x) { return std::isnan(x); }
PYRITE_BUILTIN("math.isinf") inline bool isinf(double x) { return std::isinf(x); }
PYRITE_BUILTIN("math.isfinite") inline bool isfinite(double x) { return std::isfinite(x); }
PYRITE_BUILTIN("math.isclose") inline bool isclose(double a, double b, double rel_tol = 1e-09, double abs_tol = 0.0) {
    if (rel_tol < 0.0 || abs_tol < 0.0) raise(Exc::ValueError, "tolerances must be non-negative");
    if (a == b) return true;
    if (std::isinf(a) || std::isinf(b)) return false;
    double diff = std::fabs(b - a);
    return ((diff <= std::fabs(rel_tol * b)) || (diff <= std::fabs(rel_tol * a))) || (diff <= abs_tol);
}
PYRITE_BUILTIN("math.nextafter") inline double nextafter(double x, double y) { return std::nextafter(x, y); }
PYRITE_BUILTIN("math.ulp") inline double ulp(double x) {
    if (std::isnan(x)) return x;
    x = std::fabs(x);
    if (std::isinf(x)) return x;
    double x2 = std::nextafter(x, INFINITY);
    if (std::isinf(x2)) {
        x2 = std::nextafter(x, -INFINITY);
        return x - x2;
    }
    return x2 - x;
}

PYRITE_BUILTIN("math.gcd") inline i64 gcd(i64 a, i64 b) {
    std::uint64_t ua = a < 0 ? 0 - (std::uint64_t)a : (std::uint64_t)a;
    std::uint64_t ub = b < 0 ? 0 - (std::uint64_t)b : (std::uint64_t)b;
    while (ub) {
        std::uint64_t t = ua % ub;
        ua = ub;
        ub = t;
    }
    if (PYRITE_UNLIKELY(ua > (std::uint64_t)INT64_MAX)) int_overflow();
    return (i64)ua;
}
PYRITE_BUILTIN("math.lcm") inline i64 lcm(i64 a, i64 b) {
    if (a == 0 || b == 0) return 0;
    i64 g = gcd(a, b);
    i64 r = mul(a / g, b);
    return r < 0 ? neg(r) : r;
}
PYRITE_BUILTIN("math.factorial") inline i64 factorial(i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "factorial() not defined for negative values");
    i64 r = 1;
    for (i64 i = 2; i <= n; ++i) r = mul(r, i);
    return r;
}
PYRITE_BUILTIN("math.isqrt") inline i64 isqrt(i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "isqrt() argument must be nonnegative");
    std::uint64_t r = (std::uint64_t)std::sqrt((double)n);
    while (r * r > (std::uint64_t)n) --r;
    while ((r + 1) * (r + 1) <= (std::uint64_t)n) ++r;
    return (i64)r;
}
PYRITE_BUILTIN("math.comb") inline i64 comb(i64 n, i64 k) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "n must be a non-negative integer");
    if (PYRITE_UNLIKELY(k < 0)) raise(Exc::ValueError, "k must be a non-negative integer");
    if (k > n) return 0;
    if (k > n - k) k = n - k;
    unsigned __int128 r = 1;
    for (i64 i = 1; i <= k; ++i) {
        r = r * (unsigned __int128)(n - k + i) / (unsigned __int128)i;  // exact at every step
        if (PYRITE_UNLIKELY(r > (unsigned __int128)INT64_MAX)) int_overflow();
    }
    return (i64)r;
}
PYRITE_BUILTIN("math.perm") inline i64 perm(i64 n, i64 k) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "n must be a non-negative integer");
    if (PYRITE_UNLIKELY(k < 0)) raise(Exc::ValueError, "k must be a non-negative integer");
    if (k > n) return 0;
    i64 r = 1;
    for (i64 i = 0; i < k; ++i) r = mul(r, n - i);
    return r;
}

}  // namespace pyrite::math
