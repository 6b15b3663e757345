// The cmath module on Python complex numbers, as CPython's cmathmodule.c computes them:
// phase, polar, sqrt, exp, isnan, isinf, isfinite, isclose. Finite arguments take CPython's
// own algorithms (sqrt's scaling, exp's overflow-avoiding form); an infinite or nan part
// takes C99 Annex G's value (CPython's special-value tables are Annex G's), with CPython's
// errors: ValueError("math domain error"), OverflowError("math range error").
#pragma once
#include <cfloat>
#include <cmath>
#include <complex>
#include <tuple>

#include "complex.hpp"
#include "math.hpp"

namespace pyrite::cmath_ {

using C = std::complex<double>;

// cmath_phase_impl reads errno after atan2, which glibc sets when the angle underflows to
// zero (phase(1e300 + 1e-310j)): OverflowError there, as CPython raises
PYRITE_BUILTIN("cmath.phase") inline double phase(C z) {
    double phi = std::atan2(z.imag(), z.real());
    if (PYRITE_UNLIKELY(phi == 0.0 && z.imag() != 0.0 && std::isfinite(z.real()) && std::isfinite(z.imag())))
        math::range_error();
    return phi;
}
PYRITE_BUILTIN("cmath.polar") inline std::tuple<double, double> polar(C z) {
    double phi = std::atan2(z.imag(), z.real());
    if (std::isfinite(z.real()) && std::isfinite(z.imag()) && std::isinf(std::hypot(z.real(), z.imag())))
        math::range_error();  // _Py_c_abs's ERANGE
    return {cx::abs_unchecked(z), phi};
}
PYRITE_BUILTIN("cmath.isnan") inline bool isnan(C z) { return std::isnan(z.real()) || std::isnan(z.imag()); }
PYRITE_BUILTIN("cmath.isinf") inline bool isinf(C z) { return std::isinf(z.real()) || std::isinf(z.imag()); }
PYRITE_BUILTIN("cmath.isfinite") inline bool isfinite(C z) { return std::isfinite(z.real()) && std::isfinite(z.imag()); }

// cmath_sqrt_impl: symmetries reduce to x, y >= 0; s = sqrt((x + hypot(x, y)) / 2), computed
// as 2 * sqrt(x/8 + hypot(x/8, y/8)) (no overflow), subnormals scaled up first
PYRITE_BUILTIN("cmath.sqrt") inline C sqrt(C z) {
    double x = z.real(), y = z.imag();
    if (!std::isfinite(x) || !std::isfinite(y)) return std::sqrt(z);  // Annex G, never an error
    if (x == 0.0 && y == 0.0) return C(0.0, y);
    double ax = std::fabs(x), ay = std::fabs(y), s;
    constexpr int up = 2 * (DBL_MANT_DIG / 2) + 1, down = -(up + 1) / 2;
    if (ax < DBL_MIN && ay < DBL_MIN) {
        ax = std::ldexp(ax, up);
        s = std::ldexp(std::sqrt(ax + std::hypot(ax, std::ldexp(ay, up))), down);
    } else {
        ax /= 8.0;
        s = 2.0 * std::sqrt(ax + std::hypot(ax, ay / 8.0));
    }
    double d = ay / (2.0 * s);
    return x >= 0.0 ? C(s, std::copysign(d, y)) : C(d, std::copysign(s, y));
}

// cmath_exp_impl: exp(x - 1) * e where exp(x) alone would overflow; overflow is an error, and
// so is an infinite imaginary part beside a finite or +inf real one (EDOM)
PYRITE_BUILTIN("cmath.exp") inline C exp(C z) {
    double x = z.real(), y = z.imag();
    if (!std::isfinite(x) || !std::isfinite(y)) {
        if (std::isinf(y) && (std::isfinite(x) || (std::isinf(x) && x > 0))) math::domain_error();
        if (std::isinf(x) && std::isfinite(y) && y != 0.0)
            return x > 0 ? C(std::copysign(INFINITY, std::cos(y)), std::copysign(INFINITY, std::sin(y)))
                         : C(std::copysign(0.0, std::cos(y)), std::copysign(0.0, std::sin(y)));
        if (std::isinf(x) && x < 0) return C(0.0, y == 0.0 ? y : 0.0);  // CPython's table: +0 but for y = -0
        return std::exp(z);  // Annex G
    }
    static const double large_log = std::log(DBL_MAX / 4.0);
    C r;
    if (x > large_log) {
        double l = std::exp(x - 1.0);
        r = C(l * std::cos(y) * M_E, l * std::sin(y) * M_E);
    } else {
        double l = std::exp(x);
        r = C(l * std::cos(y), l * std::sin(y));
    }
    if (std::isinf(r.real()) || std::isinf(r.imag())) math::range_error();
    return r;
}

// cmath.isclose(a, b) with the default tolerances (rel_tol=1e-09, abs_tol=0.0)
PYRITE_BUILTIN("cmath.isclose") inline bool isclose(C a, C b) {
    if (a.real() == b.real() && a.imag() == b.imag()) return true;
    if (isinf(a) || isinf(b)) return false;
    double diff = cx::abs_unchecked(cx::sub(a, b));
    return diff <= 1e-09 * cx::abs_unchecked(b) || diff <= 1e-09 * cx::abs_unchecked(a);
}

}  // namespace pyrite::cmath_
