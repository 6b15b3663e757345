// The math module. Each function reports errors as CPython's mathmodule.c
// does: a NaN result from non-NaN input is ValueError("math domain error"); an
// infinite result from finite input is OverflowError("math range error") for
// functions that can overflow, ValueError for poles (log(0)).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <tuple>
#include <vector>
#include "builtins/conv.hpp"
#include "list.hpp"

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

// check1's tests for sqrt in one comparison: its result is NaN from a number below 0 (-inf too), not
// from -0.0 or NaN, and never infinite from a finite number
PYRITE_BUILTIN("math.sqrt") PYRITE_PURE PYRITE_NONNEGATIVE PYRITE_SIGN_CHECKED inline double sqrt(double x) {
    if (PYRITE_UNLIKELY(x < 0)) domain_error();
    return std::sqrt(x);
}
// math.sqrt without its test (PYRITE_SIGN_CHECKED), of a number opt/signs.cpp proved never below 0
PYRITE_PURE inline double sqrt_unchecked(double x) { return std::sqrt(x); }
PYRITE_BUILTIN("math.exp") PYRITE_PURE PYRITE_NONNEGATIVE inline double exp(double x) { return check1(x, std::exp(x), true); }
PYRITE_BUILTIN("math.exp2") PYRITE_PURE inline double exp2(double x) { return check1(x, std::exp2(x), true); }
PYRITE_BUILTIN("math.expm1") PYRITE_PURE inline double expm1(double x) { return check1(x, std::expm1(x), true); }
PYRITE_BUILTIN("math.cbrt") PYRITE_PURE inline double cbrt(double x) { return check1(x, std::cbrt(x), false); }
// sin, cos and tan of a finite number are finite, of NaN NaN: check1's tests are x's being infinite
inline double periodic(double x, double r) {
    if (PYRITE_UNLIKELY(std::isinf(x))) domain_error();
    return r;
}
PYRITE_BUILTIN("math.sin") PYRITE_PURE inline double sin(double x) { return periodic(x, std::sin(x)); }
PYRITE_BUILTIN("math.cos") PYRITE_PURE inline double cos(double x) { return periodic(x, std::cos(x)); }
PYRITE_BUILTIN("math.tan") PYRITE_PURE inline double tan(double x) { return periodic(x, std::tan(x)); }
PYRITE_BUILTIN("math.asin") PYRITE_PURE inline double asin(double x) { return check1(x, std::asin(x), false); }
PYRITE_BUILTIN("math.acos") PYRITE_PURE inline double acos(double x) { return check1(x, std::acos(x), false); }
PYRITE_BUILTIN("math.atan") PYRITE_PURE inline double atan(double x) { return check1(x, std::atan(x), false); }
PYRITE_BUILTIN("math.sinh") PYRITE_PURE inline double sinh(double x) { return check1(x, std::sinh(x), true); }
PYRITE_BUILTIN("math.cosh") PYRITE_PURE inline double cosh(double x) { return check1(x, std::cosh(x), true); }
PYRITE_BUILTIN("math.tanh") PYRITE_PURE inline double tanh(double x) { return check1(x, std::tanh(x), false); }
PYRITE_BUILTIN("math.asinh") PYRITE_PURE inline double asinh(double x) { return check1(x, std::asinh(x), false); }
PYRITE_BUILTIN("math.acosh") PYRITE_PURE inline double acosh(double x) { return check1(x, std::acosh(x), false); }
PYRITE_BUILTIN("math.atanh") PYRITE_PURE inline double atanh(double x) { return check1(x, std::atanh(x), false); }
PYRITE_BUILTIN("math.erf") PYRITE_PURE inline double erf(double x) { return check1(x, std::erf(x), false); }
PYRITE_BUILTIN("math.erfc") PYRITE_PURE inline double erfc(double x) { return check1(x, std::erfc(x), false); }
PYRITE_BUILTIN("math.fabs") PYRITE_PURE PYRITE_NONNEGATIVE inline double fabs(double x) { return std::fabs(x); }

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
PYRITE_BUILTIN("math.log") PYRITE_PURE inline double log(double x) { return log_checked(x, ln); }
PYRITE_BUILTIN("math.log") PYRITE_PURE inline double log(double x, double base) {
    double num = log_checked(x, ln), den = log_checked(base, ln);
    if (PYRITE_UNLIKELY(den == 0.0)) raise(Exc::ZeroDivisionError, "float division by zero");
    return num / den;
}
PYRITE_BUILTIN("math.log2") PYRITE_PURE inline double log2(double x) { return log_checked(x, lg2); }
PYRITE_BUILTIN("math.log10") PYRITE_PURE inline double log10(double x) { return log_checked(x, lg10); }
PYRITE_BUILTIN("math.log1p") PYRITE_PURE inline double log1p(double x) { return check1(x, std::log1p(x), false); }

PYRITE_BUILTIN("math.floor") PYRITE_PURE inline i64 floor(double x) { return float_to_int(std::floor(x)); }
PYRITE_BUILTIN("math.floor") PYRITE_PURE inline i64 floor(i64 x) { return x; }
PYRITE_BUILTIN("math.ceil") PYRITE_PURE inline i64 ceil(double x) { return float_to_int(std::ceil(x)); }
PYRITE_BUILTIN("math.ceil") PYRITE_PURE inline i64 ceil(i64 x) { return x; }
PYRITE_BUILTIN("math.trunc") PYRITE_PURE inline i64 trunc(double x) { return float_to_int(x); }
PYRITE_BUILTIN("math.trunc") PYRITE_PURE inline i64 trunc(i64 x) { return x; }

// CPython's math_pow: IEEE specials first, libm for finite ** finite.
PYRITE_BUILTIN("math.pow") PYRITE_PURE inline double pow(double x, double y) {
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

PYRITE_BUILTIN("math.fmod") PYRITE_PURE inline double fmod(double x, double y) {
    if (std::isinf(y) && std::isfinite(x)) return x;
    double r = std::fmod(x, y);
    if (PYRITE_UNLIKELY(std::isnan(r) && !std::isnan(x) && !std::isnan(y))) domain_error();
    return r;
}
// CPython's m_atan2: a NaN argument gives its own NaN constant (sign bit clear), not the
// argument's NaN (found by the fuzzer: copysign(1, atan2(-nan, x)) is 1.0 in CPython)
PYRITE_BUILTIN("math.atan2") PYRITE_PURE inline double atan2(double y, double x) {
    if (std::isnan(x) || std::isnan(y)) return __builtin_nan("");
    return std::atan2(y, x);
}
// The sign of y as it is: GCC folds copysign(x, exp(z)) to fabs(x), taking exp's result
// for non-negative, but a NaN keeps its sign bit through exp (math.inf % 100 is -nan on
// x86-64, and CPython's copysign sees it). An empty asm hides where y came from.
PYRITE_BUILTIN("math.copysign") PYRITE_PURE inline double copysign(double x, double y) {
    std::uint64_t bits;
    std::memcpy(&bits, &y, sizeof bits);
    __asm__("" : "+r"(bits));
    std::memcpy(&y, &bits, sizeof bits);
    return std::copysign(x, y);
}
PYRITE_BUILTIN("math.ldexp") PYRITE_PURE inline double ldexp(double x, i64 e) {
    if (x == 0.0 || !std::isfinite(x)) return x;
    if (e > 100000) range_error();
    if (e < -100000) return std::copysign(0.0, x);
    double r = std::ldexp(x, (int)e);
    if (PYRITE_UNLIKELY(std::isinf(r))) range_error();
    return r;
}
PYRITE_BUILTIN("math.frexp") PYRITE_PURE inline std::tuple<double, i64> frexp(double x) {
    if (std::isnan(x) || std::isinf(x) || x == 0.0) return {x, 0};
    int e;
    double m = std::frexp(x, &e);
    return {m, (i64)e};
}
PYRITE_BUILTIN("math.modf") PYRITE_PURE inline std::tuple<double, double> modf(double x) {
    if (std::isinf(x)) return {std::copysign(0.0, x), x};
    double ip;
    double fp = std::modf(x, &ip);
    return {fp, ip};
}
PYRITE_BUILTIN("math.degrees") PYRITE_PURE inline double degrees(double x) { return x * (180.0 / M_PI); }
PYRITE_BUILTIN("math.radians") PYRITE_PURE inline double radians(double x) { return x * (M_PI / 180.0); }
PYRITE_BUILTIN("math.isnan") PYRITE_PURE inline bool isnan(double x) { return std::isnan(x); }
PYRITE_BUILTIN("math.isinf") PYRITE_PURE inline bool isinf(double x) { return std::isinf(x); }
PYRITE_BUILTIN("math.isfinite") PYRITE_PURE inline bool isfinite(double x) { return std::isfinite(x); }
PYRITE_BUILTIN("math.isclose") PYRITE_PURE inline bool isclose(double a, double b, double rel_tol = 1e-09, double abs_tol = 0.0) {
    if (rel_tol < 0.0 || abs_tol < 0.0) raise(Exc::ValueError, "tolerances must be non-negative");
    if (a == b) return true;
    if (std::isinf(a) || std::isinf(b)) return false;
    double diff = std::fabs(b - a);
    return ((diff <= std::fabs(rel_tol * b)) || (diff <= std::fabs(rel_tol * a))) || (diff <= abs_tol);
}
PYRITE_BUILTIN("math.nextafter") PYRITE_PURE inline double nextafter(double x, double y) { return std::nextafter(x, y); }
PYRITE_BUILTIN("math.ulp") PYRITE_PURE inline double ulp(double x) {
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

inline i64 gcd2(i64 a, i64 b) {
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
// gcd(*integers), lcm(*integers): math_gcd's and math_lcm's folds (gcd() is 0, lcm() is 1, one
// argument its absolute value)
inline i64 gcd_of(const i64* x, size_t n) {
    if (n == 0) return 0;
    if (n == 1) return x[0] < 0 ? neg(x[0]) : x[0];
    i64 r = x[0];
    for (size_t i = 1; i < n; ++i)
        if (r != 1) r = gcd2(r, x[i]);
    return r;
}
PYRITE_BUILTIN("math.gcd") PYRITE_PURE inline i64 gcd(std::initializer_list<i64> integers) { return gcd_of(integers.begin(), integers.size()); }
// math.gcd(*xs) of a list (the frontend's star call: lower_expr.cpp's lower_call_args)
PYRITE_BUILTIN("math.gcd(*)") PYRITE_PURE inline i64 gcd_star(const List<i64>& xs) { return gcd_of(xs.items().data(), xs.items().size()); }
inline i64 lcm_of(const i64* x, size_t n) {
    if (n == 0) return 1;
    if (n == 1) return x[0] < 0 ? neg(x[0]) : x[0];
    i64 r = x[0];
    for (size_t i = 1; i < n; ++i) {
        if (r == 0) continue;
        i64 b = x[i];
        if (b == 0) {
            r = 0;
            continue;
        }
        i64 m = mul(floordiv(r, gcd2(r, b)), b);  // long_lcm: abs(a // gcd(a, b) * b)
        r = m < 0 ? neg(m) : m;
    }
    return r;
}
PYRITE_BUILTIN("math.lcm") PYRITE_PURE inline i64 lcm(std::initializer_list<i64> integers) { return lcm_of(integers.begin(), integers.size()); }
PYRITE_BUILTIN("math.lcm(*)") PYRITE_PURE inline i64 lcm_star(const List<i64>& xs) { return lcm_of(xs.items().data(), xs.items().size()); }
PYRITE_BUILTIN("math.factorial") PYRITE_PURE inline i64 factorial(i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "factorial() not defined for negative values");
    i64 r = 1;
    for (i64 i = 2; i <= n; ++i) r = mul(r, i);
    return r;
}
PYRITE_BUILTIN("math.isqrt") PYRITE_PURE inline i64 isqrt(i64 n) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "isqrt() argument must be nonnegative");
    std::uint64_t r = (std::uint64_t)std::sqrt((double)n);
    while (r * r > (std::uint64_t)n) --r;
    while ((r + 1) * (r + 1) <= (std::uint64_t)n) ++r;
    return (i64)r;
}
PYRITE_BUILTIN("math.comb") PYRITE_PURE inline i64 comb(i64 n, i64 k) {
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
PYRITE_BUILTIN("math.perm") PYRITE_PURE inline i64 perm(i64 n, i64 k) {
    if (PYRITE_UNLIKELY(n < 0)) raise(Exc::ValueError, "n must be a non-negative integer");
    if (PYRITE_UNLIKELY(k < 0)) raise(Exc::ValueError, "k must be a non-negative integer");
    if (k > n) return 0;
    i64 r = 1;
    for (i64 i = 0; i < k; ++i) r = mul(r, n - i);
    return r;
}

// ------------------------------------------------------------ mathmodule.c's own algorithms

// m_remainder: IEEE 754 remainder, exact; math_2's errors (a nan from non-nan arguments)
PYRITE_BUILTIN("math.remainder") PYRITE_PURE inline double remainder(double x, double y) {
    if (std::isfinite(x) && std::isfinite(y)) {
        if (y == 0.0) domain_error();
        double absx = std::fabs(x), absy = std::fabs(y);
        double m = std::fmod(absx, absy);
        double c = absy - m, r;
        if (m < c) r = m;
        else if (m > c) r = -c;
        else r = m - 2.0 * std::fmod(0.5 * (absx - m), absy);  // halfway: the even multiple
        return std::copysign(1.0, x) * r;
    }
    if (std::isnan(x)) return x;
    if (std::isnan(y)) return y;
    if (std::isinf(x)) domain_error();
    return x;  // finite x, infinite y
}

// vector_norm (hypot, dist): scaled, Veltkamp-Dekker split squares summed with compensation, the
// square root corrected once; CPython 3.10 and 3.11's algorithm
inline double vector_norm(const double* vec, size_t n, double max, bool found_nan) {
    const double T27 = 134217729.0;  // ldexp(1.0, 27) + 1.0
    double x, scale, oldcsum, csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
    double t, hi, lo, h;
    int max_e;
    if (std::isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    // frexp and ldexp(1.0, -max_e) from the bits where max and the scale are normal (the calls
    // cost as much as the rest of a hypot of two)
    std::uint64_t bits;
    std::memcpy(&bits, &max, sizeof bits);
    int biased = static_cast<int>((bits >> 52) & 0x7ff);
    if (biased != 0) max_e = biased - 1022;
    else std::frexp(max, &max_e);
    if (max_e >= -1023) {
        if (max_e <= 1022) {
            std::uint64_t b = static_cast<std::uint64_t>(1023 - max_e) << 52;
            std::memcpy(&scale, &b, sizeof scale);
        } else {
            scale = std::ldexp(1.0, -max_e);
        }
        for (size_t i = 0; i < n; i++) {
            x = vec[i] * scale;
            t = x * T27;
            hi = t - (t - x);
            lo = x - hi;
            x = hi * hi;
            oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        x = h;
        t = x * T27;
        hi = t - (t - x);
        lo = x - hi;
        x = -hi * hi;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    for (size_t i = 0; i < n; i++) {  // max_e < -1023: divide by max instead of scaling
        x = vec[i] / max;
        x = x * x;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    return max * std::sqrt(csum - 1.0 + frac1);
}
// the coordinates' absolute values, the largest and whether one is nan, as math_hypot and
// math_dist gather them (on the stack for up to 16, as CPython's NUM_STACK_ELEMS)
class NormItems {
public:
    explicit NormItems(size_t count) {
        if (count > 16) {
            more_.resize(count);
            v_ = more_.data();
        }
    }
    NormItems(const NormItems&) = delete;
    NormItems& operator=(const NormItems&) = delete;
    void add(double x) {
        x = std::fabs(x);
        v_[n_++] = x;
        nan_ = nan_ || std::isnan(x);
        if (x > max_) max_ = x;
    }
    double norm() const { return vector_norm(v_, n_, max_, nan_); }

private:
    double buf_[16];
    Vec<double> more_;
    double* v_ = buf_;
    size_t n_ = 0;
    double max_ = 0.0;
    bool nan_ = false;
};
PYRITE_BUILTIN("math.hypot") PYRITE_PURE PYRITE_NONNEGATIVE inline double hypot(std::initializer_list<double> coordinates) {
    NormItems items(coordinates.size());
    for (double x : coordinates) items.add(x);
    return items.norm();
}
// math.hypot(*xs) of a list of floats or ints (each as float(x), as math_hypot converts them)
template <class T>
inline double hypot_of(const List<T>& xs) {
    NormItems items(static_cast<size_t>(xs.len()));
    for (const auto& x : xs.items()) items.add(static_cast<double>(x));
    return items.norm();
}
PYRITE_BUILTIN("math.hypot(*)") PYRITE_PURE inline double hypot_star(const List<double>& xs) { return hypot_of(xs); }
PYRITE_BUILTIN("math.hypot(*)") PYRITE_PURE inline double hypot_star(const List<i64>& xs) { return hypot_of(xs); }
template <class P, class Q>
PYRITE_BUILTIN("math.dist") PYRITE_PURE inline double dist(const List<P>& p, const List<Q>& q) {
    if (p.len() != q.len()) raise(Exc::ValueError, "both points must have the same number of dimensions");
    NormItems items(static_cast<size_t>(p.len()));
    for (i64 i = 0; i < p.len(); ++i) items.add(double(p.at(i)) - double(q.at(i)));
    return items.norm();
}

// math_fsum: Shewchuk's exact partials, rounded half-even across them at the end
template <class T>
PYRITE_BUILTIN("math.fsum") PYRITE_PURE inline double fsum(const List<T>& seq) {
    Vec<double> p;
    double special_sum = 0.0, inf_sum = 0.0;
    volatile double hi, yr, lo = 0.0;
    for (i64 k = 0; k < seq.len(); ++k) {
        double x = double(seq.at(k)), y, t;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < p.size(); j++) {
            y = p[j];
            if (std::fabs(x) < std::fabs(y)) {
                t = x;
                x = y;
                y = t;
            }
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        p.resize(i);
        if (x != 0.0) {
            if (!std::isfinite(x)) {
                if (std::isfinite(xsave)) raise(Exc::OverflowError, "intermediate overflow in fsum");
                if (std::isinf(xsave)) inf_sum += xsave;
                special_sum += xsave;
                p.clear();
            } else {
                p.push_back(x);
            }
        }
    }
    if (special_sum != 0.0) {
        if (std::isnan(inf_sum)) raise(Exc::ValueError, "-inf + inf in fsum");
        return special_sum;
    }
    hi = 0.0;
    size_t n = p.size();
    if (n > 0) {
        hi = p[--n];
        while (n > 0) {  // sum_exact from the top, until inexact
            double x = hi, y = p[--n];
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) break;
        }
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y;
            yr = x - hi;
            if (y == yr) hi = x;
        }
    }
    return hi;
}

// math.prod(iterable): 1 times each item, in order; ints exactly (OverflowError past pyrite's int)
PYRITE_BUILTIN("math.prod") PYRITE_PURE inline i64 prod(const List<i64>& iterable) {
    i64 r = 1;
    for (i64 i = 0; i < iterable.len(); ++i) r = mul(r, iterable.at(i));
    return r;
}
PYRITE_BUILTIN("math.prod") PYRITE_PURE inline double prod(const List<double>& iterable) {
    double r = 1.0;
    for (i64 i = 0; i < iterable.len(); ++i) r *= iterable.at(i);
    return r;
}

// m_tgamma and m_lgamma: Lanczos' approximation (N = 13, g = 6.0246...) as Boost and CPython
// compute it, with the reflection formula for negative x; math_1a's errors
constexpr int kLanczosN = 13;
constexpr double kLanczosG = 6.024680040776729583740234375;
constexpr double kLanczosGMinusHalf = 5.524680040776729583740234375;
inline double lanczos_sum(double x) {
    static constexpr double num[kLanczosN] = {
        23531376880.410759688572007674451636754734846804940, 42919803642.649098768957899047001988850926355848959,
        35711959237.355668049440185451547166705960488635843, 17921034426.037209699919755754458931112671403265390,
        6039542586.3520280050642916443072979210699388420708, 1439720407.3117216736632230727949123939715485786772,
        248874557.86205415651146038641322942321632125127801, 31426415.585400194380614231628318205362874684987640,
        2876370.6289353724412254090516208496135991145378768, 186056.26539522349504029498971604569928220784236328,
        8071.6720023658162106380029022722506138218516325024, 210.82427775157934587250973392071336271166969580291,
        2.5066282746310002701649081771338373386264310793408};
    static constexpr double den[kLanczosN] = {0.0,      39916800.0, 120543840.0, 150917976.0, 105258076.0,
                                              45995730.0, 13339535.0, 2637558.0,   357423.0,    32670.0,
                                              1925.0,     66.0,       1.0};
    double n = 0.0, d = 0.0;
    if (x < 5.0) {
        for (int i = kLanczosN; --i >= 0;) {
            n = n * x + num[i];
            d = d * x + den[i];
        }
    } else {
        for (int i = 0; i < kLanczosN; i++) {
            n = n / x + num[i];
            d = d / x + den[i];
        }
    }
    return n / d;
}
// sin(pi * x), exact at integers (m_sinpi)
inline double sinpi(double x) {
    const double pi = 3.141592653589793238462643383279502884197;
    double y = std::fmod(std::fabs(x), 2.0), r = 0.0;
    switch (static_cast<int>(std::round(2.0 * y))) {
        case 0: r = std::sin(pi * y); break;
        case 1: r = std::cos(pi * (y - 0.5)); break;
        case 2: r = std::sin(pi * (1.0 - y)); break;
        case 3: r = -std::cos(pi * (y - 1.5)); break;
        default: r = std::sin(pi * (y - 2.0)); break;
    }
    return std::copysign(1.0, x) * r;
}
// math_1a's ERANGE: an overflow where the result is large (is_error ignores underflow)
inline double range_checked(double r) {
    if (std::isinf(r) && std::fabs(r) >= 1.5) range_error();
    return r;
}
PYRITE_BUILTIN("math.gamma") PYRITE_PURE inline double gamma(double x) {
    const double pi = 3.141592653589793238462643383279502884197;
    static constexpr double integral[23] = {
        1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0,
        6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
        121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0};
    if (!std::isfinite(x)) {
        if (std::isnan(x) || x > 0.0) return x;
        domain_error();  // gamma(-inf)
    }
    if (x == 0.0) domain_error();
    if (x == std::floor(x)) {
        if (x < 0.0) domain_error();
        if (x <= 23) return integral[static_cast<int>(x) - 1];
    }
    double absx = std::fabs(x), r, z, sqrtpow;
    if (absx < 1e-20) return range_checked(1.0 / x);
    if (absx > 200.0) {
        if (x < 0.0) return 0.0 / sinpi(x);
        range_error();
    }
    double y = absx + kLanczosGMinusHalf;
    if (absx > kLanczosGMinusHalf) {
        volatile double q = y - absx;  // the error in y: kept from being folded away
        z = q - kLanczosGMinusHalf;
    } else {
        volatile double q = y - kLanczosGMinusHalf;
        z = q - absx;
    }
    z = z * kLanczosG / y;
    if (x < 0.0) {
        r = -pi / sinpi(absx) / absx * std::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= std::pow(y, absx - 0.5);
        } else {
            sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / std::exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= std::pow(y, absx - 0.5);
        } else {
            sqrtpow = std::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    return range_checked(r);
}
PYRITE_BUILTIN("math.lgamma") PYRITE_PURE inline double lgamma(double x) {
    const double logpi = 1.144729885849400174143427351353058711647;
    if (!std::isfinite(x)) return std::isnan(x) ? x : INFINITY;
    if (x == std::floor(x) && x <= 2.0) {
        if (x <= 0.0) domain_error();
        return 0.0;
    }
    double absx = std::fabs(x);
    if (absx < 1e-20) return -std::log(absx);
    double r = std::log(lanczos_sum(absx)) - kLanczosG;
    r += (absx - 0.5) * (std::log(absx + kLanczosG - 0.5) - 1);
    if (x < 0.0) r = logpi - std::log(std::fabs(sinpi(absx))) - std::log(absx) - r;
    return range_checked(r);
}

}  // namespace pyrite::math
