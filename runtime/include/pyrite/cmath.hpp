// The cmath module on Python complex numbers, as CPython's cmathmodule.c computes them: every
// function of the module. Finite arguments take CPython's own algorithms (the scalings that
// avoid a spurious overflow or a subnormal's lost bits, log1p near |z| = 1); an infinite or nan
// part takes CPython's special-value tables (C99 Annex G's values, the tables below), and the
// errors are CPython's: ValueError("math domain error") where it sets EDOM, OverflowError("math
// range error") where it sets ERANGE.
#pragma once
#include <cfloat>
#include <cmath>
#include <complex>
#include <limits>
#include <tuple>

#include <patchlevel.h>  // PY_VERSION_HEX: the tables of the CPython the module runs in

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

// ---------------------------------------------------------------- special values
// special_type: the row (real part) and column (imaginary part) of a 7 x 7 table
inline int special_type(double d) {
    if (std::isfinite(d)) return d != 0.0 ? (std::signbit(d) ? 1 : 4) : (std::signbit(d) ? 2 : 3);
    if (std::isnan(d)) return 6;
    return std::signbit(d) ? 0 : 5;
}
struct Part {
    double re, im;
};
using Table = Part[7][7];
namespace sv {
constexpr double P = M_PI, P14 = 0.25 * M_PI, P12 = 0.5 * M_PI, P34 = 0.75 * M_PI;
constexpr double INF = std::numeric_limits<double>::infinity(), N = std::numeric_limits<double>::quiet_NaN();
constexpr double U = -9.5426319407711027e33;  // never read: a finite argument is computed
// CPython 3.14 took C17's values (DR 471) for acosh(+-0 + nan j), nan + pi/2 j (nan + nan j
// before), and tanh(+-0 + nan j), +-0 + nan j (nan + nan j before)
#if PY_VERSION_HEX >= 0x030E0000
constexpr double ACOSH_0_NAN = P12, TANH_0_NAN = 0.0;
#else
constexpr double ACOSH_0_NAN = N, TANH_0_NAN = N;
#endif
// clang-format off
inline constexpr Table acos = {
    {{P34,INF}, {P,INF},  {P,INF},   {P,-INF},   {P,-INF},  {P34,-INF}, {N,INF}},
    {{P12,INF}, {U,U},    {U,U},     {U,U},      {U,U},     {P12,-INF}, {N,N}},
    {{P12,INF}, {U,U},    {P12,0.},  {P12,-0.},  {U,U},     {P12,-INF}, {P12,N}},
    {{P12,INF}, {U,U},    {P12,0.},  {P12,-0.},  {U,U},     {P12,-INF}, {P12,N}},
    {{P12,INF}, {U,U},    {U,U},     {U,U},      {U,U},     {P12,-INF}, {N,N}},
    {{P14,INF}, {0.,INF}, {0.,INF},  {0.,-INF},  {0.,-INF}, {P14,-INF}, {N,INF}},
    {{N,INF},   {N,N},    {N,N},     {N,N},      {N,N},     {N,-INF},   {N,N}}};
inline constexpr Table acosh = {
    {{INF,-P34}, {INF,-P},  {INF,-P},  {INF,P},  {INF,P},  {INF,P34}, {INF,N}},
    {{INF,-P12}, {U,U},     {U,U},     {U,U},    {U,U},    {INF,P12}, {N,N}},
    {{INF,-P12}, {U,U},     {0.,-P12}, {0.,P12}, {U,U},    {INF,P12}, {N,ACOSH_0_NAN}},
    {{INF,-P12}, {U,U},     {0.,-P12}, {0.,P12}, {U,U},    {INF,P12}, {N,ACOSH_0_NAN}},
    {{INF,-P12}, {U,U},     {U,U},     {U,U},    {U,U},    {INF,P12}, {N,N}},
    {{INF,-P14}, {INF,-0.}, {INF,-0.}, {INF,0.}, {INF,0.}, {INF,P14}, {INF,N}},
    {{INF,N},    {N,N},     {N,N},     {N,N},    {N,N},    {INF,N},   {N,N}}};
inline constexpr Table asinh = {
    {{-INF,-P14}, {-INF,-0.}, {-INF,-0.}, {-INF,0.}, {-INF,0.}, {-INF,P14}, {-INF,N}},
    {{-INF,-P12}, {U,U},      {U,U},      {U,U},     {U,U},     {-INF,P12}, {N,N}},
    {{-INF,-P12}, {U,U},      {-0.,-0.},  {-0.,0.},  {U,U},     {-INF,P12}, {N,N}},
    {{INF,-P12},  {U,U},      {0.,-0.},   {0.,0.},   {U,U},     {INF,P12},  {N,N}},
    {{INF,-P12},  {U,U},      {U,U},      {U,U},     {U,U},     {INF,P12},  {N,N}},
    {{INF,-P14},  {INF,-0.},  {INF,-0.},  {INF,0.},  {INF,0.},  {INF,P14},  {INF,N}},
    {{INF,N},     {N,N},      {N,-0.},    {N,0.},    {N,N},     {INF,N},    {N,N}}};
inline constexpr Table atanh = {
    {{-0.,-P12}, {-0.,-P12}, {-0.,-P12}, {-0.,P12}, {-0.,P12}, {-0.,P12}, {-0.,N}},
    {{-0.,-P12}, {U,U},      {U,U},      {U,U},     {U,U},     {-0.,P12}, {N,N}},
    {{-0.,-P12}, {U,U},      {-0.,-0.},  {-0.,0.},  {U,U},     {-0.,P12}, {-0.,N}},
    {{0.,-P12},  {U,U},      {0.,-0.},   {0.,0.},   {U,U},     {0.,P12},  {0.,N}},
    {{0.,-P12},  {U,U},      {U,U},      {U,U},     {U,U},     {0.,P12},  {N,N}},
    {{0.,-P12},  {0.,-P12},  {0.,-P12},  {0.,P12},  {0.,P12},  {0.,P12},  {0.,N}},
    {{0.,-P12},  {N,N},      {N,N},      {N,N},     {N,N},     {0.,P12},  {N,N}}};
inline constexpr Table cosh = {
    {{INF,N}, {U,U}, {INF,0.},  {INF,-0.}, {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {U,U}, {U,U},     {U,U},     {U,U}, {N,N},   {N,N}},
    {{N,0.},  {U,U}, {1.,0.},   {1.,-0.},  {U,U}, {N,0.},  {N,0.}},
    {{N,0.},  {U,U}, {1.,-0.},  {1.,0.},   {U,U}, {N,0.},  {N,0.}},
    {{N,N},   {U,U}, {U,U},     {U,U},     {U,U}, {N,N},   {N,N}},
    {{INF,N}, {U,U}, {INF,-0.}, {INF,0.},  {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {N,N}, {N,0.},    {N,0.},    {N,N}, {N,N},   {N,N}}};
inline constexpr Table exp = {
    {{0.,0.}, {U,U}, {0.,-0.},  {0.,0.},  {U,U}, {0.,0.}, {0.,0.}},
    {{N,N},   {U,U}, {U,U},     {U,U},    {U,U}, {N,N},   {N,N}},
    {{N,N},   {U,U}, {1.,-0.},  {1.,0.},  {U,U}, {N,N},   {N,N}},
    {{N,N},   {U,U}, {1.,-0.},  {1.,0.},  {U,U}, {N,N},   {N,N}},
    {{N,N},   {U,U}, {U,U},     {U,U},    {U,U}, {N,N},   {N,N}},
    {{INF,N}, {U,U}, {INF,-0.}, {INF,0.}, {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {N,N}, {N,-0.},   {N,0.},   {N,N}, {N,N},   {N,N}}};
inline constexpr Table log = {
    {{INF,-P34}, {INF,-P},  {INF,-P},   {INF,P},   {INF,P},  {INF,P34}, {INF,N}},
    {{INF,-P12}, {U,U},     {U,U},      {U,U},     {U,U},    {INF,P12}, {N,N}},
    {{INF,-P12}, {U,U},     {-INF,-P},  {-INF,P},  {U,U},    {INF,P12}, {N,N}},
    {{INF,-P12}, {U,U},     {-INF,-0.}, {-INF,0.}, {U,U},    {INF,P12}, {N,N}},
    {{INF,-P12}, {U,U},     {U,U},      {U,U},     {U,U},    {INF,P12}, {N,N}},
    {{INF,-P14}, {INF,-0.}, {INF,-0.},  {INF,0.},  {INF,0.}, {INF,P14}, {INF,N}},
    {{INF,N},    {N,N},     {N,N},      {N,N},     {N,N},    {INF,N},   {N,N}}};
inline constexpr Table sinh = {
    {{INF,N}, {U,U}, {-INF,-0.}, {-INF,0.}, {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {U,U}, {U,U},      {U,U},     {U,U}, {N,N},   {N,N}},
    {{0.,N},  {U,U}, {-0.,-0.},  {-0.,0.},  {U,U}, {0.,N},  {0.,N}},
    {{0.,N},  {U,U}, {0.,-0.},   {0.,0.},   {U,U}, {0.,N},  {0.,N}},
    {{N,N},   {U,U}, {U,U},      {U,U},     {U,U}, {N,N},   {N,N}},
    {{INF,N}, {U,U}, {INF,-0.},  {INF,0.},  {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {N,N}, {N,-0.},    {N,0.},    {N,N}, {N,N},   {N,N}}};
inline constexpr Table sqrt = {
    {{INF,-INF}, {0.,-INF}, {0.,-INF}, {0.,INF}, {0.,INF}, {INF,INF}, {N,INF}},
    {{INF,-INF}, {U,U},     {U,U},     {U,U},    {U,U},    {INF,INF}, {N,N}},
    {{INF,-INF}, {U,U},     {0.,-0.},  {0.,0.},  {U,U},    {INF,INF}, {N,N}},
    {{INF,-INF}, {U,U},     {0.,-0.},  {0.,0.},  {U,U},    {INF,INF}, {N,N}},
    {{INF,-INF}, {U,U},     {U,U},     {U,U},    {U,U},    {INF,INF}, {N,N}},
    {{INF,-INF}, {INF,-0.}, {INF,-0.}, {INF,0.}, {INF,0.}, {INF,INF}, {INF,N}},
    {{INF,-INF}, {N,N},     {N,N},     {N,N},    {N,N},    {INF,INF}, {N,N}}};
inline constexpr Table tanh = {
    {{-1.,0.}, {U,U}, {-1.,-0.}, {-1.,0.}, {U,U}, {-1.,0.}, {-1.,0.}},
    {{N,N},    {U,U}, {U,U},     {U,U},    {U,U}, {N,N},    {N,N}},
    {{-0.,N},  {U,U}, {-0.,-0.}, {-0.,0.}, {U,U}, {-0.,N},  {-TANH_0_NAN,N}},
    {{0.,N},   {U,U}, {0.,-0.},  {0.,0.},  {U,U}, {0.,N},   {TANH_0_NAN,N}},
    {{N,N},    {U,U}, {U,U},     {U,U},    {U,U}, {N,N},    {N,N}},
    {{1.,0.},  {U,U}, {1.,-0.},  {1.,0.},  {U,U}, {1.,0.},  {1.,0.}},
    {{N,N},    {N,N}, {N,-0.},   {N,0.},   {N,N}, {N,N},    {N,N}}};
inline constexpr Table rect = {
    {{INF,N}, {U,U}, {-INF,0.}, {-INF,-0.}, {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {U,U}, {U,U},     {U,U},      {U,U}, {N,N},   {N,N}},
    {{0.,0.}, {U,U}, {-0.,0.},  {-0.,-0.},  {U,U}, {0.,0.}, {0.,0.}},
    {{0.,0.}, {U,U}, {0.,-0.},  {0.,0.},    {U,U}, {0.,0.}, {0.,0.}},
    {{N,N},   {U,U}, {U,U},     {U,U},      {U,U}, {N,N},   {N,N}},
    {{INF,N}, {U,U}, {INF,-0.}, {INF,0.},   {U,U}, {INF,N}, {INF,N}},
    {{N,N},   {N,N}, {N,0.},    {N,0.},     {N,N}, {N,N},   {N,N}}};
// clang-format on
}  // namespace sv
inline C special(const Table& t, double re, double im) {
    const Part& p = t[special_type(re)][special_type(im)];
    return C(p.re, p.im);
}
inline bool finite(C z) { return std::isfinite(z.real()) && std::isfinite(z.imag()); }
// i * z and -i * z, exactly (the identities asin(z) = -i asinh(iz), ... are written with them)
inline C times_i(C z) { return C(-z.imag(), z.real()); }
inline C times_minus_i(C z) { return C(z.imag(), -z.real()); }

// CM_LARGE_DOUBLE and the bounds derived from it: beyond them a formula would overflow
inline constexpr double large = DBL_MAX / 4.0;
inline const double sqrt_large = std::sqrt(large), log_large = std::log(large), sqrt_dbl_min = std::sqrt(DBL_MIN);

// ---------------------------------------------------------------- the functions
// cmath_sqrt_impl: symmetries reduce to x, y >= 0; s = sqrt((x + hypot(x, y)) / 2), computed
// as 2 * sqrt(x/8 + hypot(x/8, y/8)) (no overflow), subnormals scaled up first; never an error
PYRITE_BUILTIN("cmath.sqrt") inline C sqrt(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::sqrt, x, y);
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

// exp, cosh and sinh of an infinite real part beside a finite nonzero imaginary one: infinities
// (or zeros, for exp of -inf) signed by cos(y) and sin(y); the rest by their tables. EDOM where an
// infinite imaginary part meets a real one that is not nan (exp: nor -inf)
PYRITE_BUILTIN("cmath.exp") inline C exp(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) {
        if (std::isinf(y) && (std::isfinite(x) || (std::isinf(x) && x > 0))) math::domain_error();
        if (std::isinf(x) && std::isfinite(y) && y != 0.0)
            return x > 0 ? C(std::copysign(sv::INF, std::cos(y)), std::copysign(sv::INF, std::sin(y)))
                         : C(std::copysign(0.0, std::cos(y)), std::copysign(0.0, std::sin(y)));
        return special(sv::exp, x, y);
    }
    C r;
    if (x > log_large) {  // exp(x - 1) * e where exp(x) alone would overflow
        double l = std::exp(x - 1.0);
        r = C(l * std::cos(y) * M_E, l * std::sin(y) * M_E);
    } else {
        double l = std::exp(x);
        r = C(l * std::cos(y), l * std::sin(y));
    }
    if (std::isinf(r.real()) || std::isinf(r.imag())) math::range_error();
    return r;
}
// cmath_cosh_impl and cmath_sinh_impl, which differ in which of cosh and sinh of x goes with cos(y) and
// which with sin(y), and in their tables and infinite signs: cosh(x - 1) * e where cosh(x) would
// overflow; an overflow is ERANGE
inline C hyperbolic(C z, bool sinh_) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) {
        if (std::isinf(y) && !std::isnan(x)) math::domain_error();
        if (std::isinf(x) && std::isfinite(y) && y != 0.0) {
            double s = x > 0 ? 1.0 : -1.0;  // the sign of x: sinh's real part, cosh's imaginary part
            return C((sinh_ ? s : 1.0) * std::copysign(sv::INF, std::cos(y)), (sinh_ ? 1.0 : s) * std::copysign(sv::INF, std::sin(y)));
        }
        return special(sinh_ ? sv::sinh : sv::cosh, x, y);
    }
    double x1 = x, scale = 1.0;
    if (std::fabs(x) > log_large) x1 = x - std::copysign(1.0, x), scale = M_E;
    double with_cos = sinh_ ? std::sinh(x1) : std::cosh(x1), with_sin = sinh_ ? std::cosh(x1) : std::sinh(x1);
    C r = scale == 1.0 ? C(std::cos(y) * with_cos, std::sin(y) * with_sin)
                       : C(std::cos(y) * with_cos * scale, std::sin(y) * with_sin * scale);
    if (std::isinf(r.real()) || std::isinf(r.imag())) math::range_error();
    return r;
}
PYRITE_BUILTIN("cmath.cosh") inline C cosh(C z) { return hyperbolic(z, false); }
PYRITE_BUILTIN("cmath.sinh") inline C sinh(C z) { return hyperbolic(z, true); }
// tanh(x+iy) = (tanh(x)(1+tan(y)^2) + i tan(y)(1-tanh(x)^2)) / (1+tan(y)^2 tanh(x)^2), with
// 1-tanh(x)^2 as 1/cosh(x)^2, or 4 exp(-2|x|) where cosh(x) would overflow; never ERANGE
PYRITE_BUILTIN("cmath.tanh") inline C tanh(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) {
        if (std::isinf(y) && std::isfinite(x)) math::domain_error();
        if (std::isinf(x) && std::isfinite(y) && y != 0.0)
            return C(x > 0 ? 1.0 : -1.0, std::copysign(0.0, 2.0 * std::sin(y) * std::cos(y)));
        return special(sv::tanh, x, y);
    }
    if (std::fabs(x) > log_large) return C(std::copysign(1.0, x), 4.0 * std::sin(y) * std::cos(y) * std::exp(-2.0 * std::fabs(x)));
    double tx = std::tanh(x), ty = std::tan(y), cx = 1.0 / std::cosh(x), txty = tx * ty;
    double denom = 1.0 + txty * txty;
    return C(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx);
}
PYRITE_BUILTIN("cmath.cos") inline C cos(C z) { return cosh(times_i(z)); }                   // cosh(iz)
PYRITE_BUILTIN("cmath.sin") inline C sin(C z) { return times_minus_i(sinh(times_i(z))); }    // -i sinh(iz)
PYRITE_BUILTIN("cmath.tan") inline C tan(C z) { return times_minus_i(tanh(times_i(z))); }    // -i tanh(iz)

// the inverse functions: never an error but atanh(+-1) (and so atan(+-1j)), log(0) and log10(0)
PYRITE_BUILTIN("cmath.acos") inline C acos(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::acos, x, y);
    if (std::fabs(x) > large || std::fabs(y) > large)  // no spurious overflow for large arguments
        return C(std::atan2(std::fabs(y), x), -std::copysign(std::log(std::hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0, y));
    C s1 = sqrt(C(1.0 - x, -y)), s2 = sqrt(C(1.0 + x, y));
    return C(2.0 * std::atan2(s1.real(), s2.real()), std::asinh(s2.real() * s1.imag() - s2.imag() * s1.real()));
}
PYRITE_BUILTIN("cmath.acosh") inline C acosh(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::acosh, x, y);
    if (std::fabs(x) > large || std::fabs(y) > large)
        return C(std::log(std::hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0, std::atan2(y, x));
    C s1 = sqrt(C(x - 1.0, y)), s2 = sqrt(C(x + 1.0, y));
    return C(std::asinh(s1.real() * s2.real() + s1.imag() * s2.imag()), 2.0 * std::atan2(s1.imag(), s2.real()));
}
PYRITE_BUILTIN("cmath.asinh") inline C asinh(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::asinh, x, y);
    if (std::fabs(x) > large || std::fabs(y) > large) {
        double l = std::log(std::hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0;
        return C(y >= 0.0 ? std::copysign(l, x) : -std::copysign(l, -x), std::atan2(y, std::fabs(x)));
    }
    C s1 = sqrt(C(1.0 + y, -x)), s2 = sqrt(C(1.0 - y, x));
    return C(std::asinh(s1.real() * s2.imag() - s2.real() * s1.imag()), std::atan2(y, s1.real() * s2.real() - s1.imag() * s2.imag()));
}
PYRITE_BUILTIN("cmath.atanh") inline C atanh(C z) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::atanh, x, y);
    if (x < 0.0) return cx::neg(atanh(cx::neg(z)));  // atanh(z) = -atanh(-z)
    double ay = std::fabs(y);
    if (x > sqrt_large || ay > sqrt_large) {  // atanh(z) ~ 1/z +- i pi/2
        double h = std::hypot(x / 2.0, y / 2.0);
        return C(x / 4.0 / h / h, std::copysign(M_PI / 2.0, y));
    }
    if (x == 1.0 && ay < sqrt_dbl_min) {
        if (ay == 0.0) math::domain_error();  // atanh(1 +- 0j): inf +- 0j, EDOM
        return C(-std::log(std::sqrt(ay) / std::sqrt(std::hypot(ay, 2.0))), std::copysign(std::atan2(2.0, -ay) / 2, y));
    }
    return C(std::log1p(4.0 * x / ((1 - x) * (1 - x) + ay * ay)) / 4.0, -std::atan2(-2.0 * y, (1 - x) * (1 + x) - ay * ay) / 2.0);
}
PYRITE_BUILTIN("cmath.asin") inline C asin(C z) { return times_minus_i(asinh(times_i(z))); }  // -i asinh(iz)
PYRITE_BUILTIN("cmath.atan") inline C atan(C z) { return times_minus_i(atanh(times_i(z))); }  // -i atanh(iz)

// c_log: log(hypot(x, y)) rescaled where hypot would be subnormal or overflow, and log1p's form
// near |z| = 1; *edom for log(+-0 +- 0j), which is -inf + i atan2(y, x)
inline C log_edom(C z, bool* edom) {
    double x = z.real(), y = z.imag();
    if (!finite(z)) return special(sv::log, x, y);
    double ax = std::fabs(x), ay = std::fabs(y), re;
    if (ax > large || ay > large) {
        re = std::log(std::hypot(ax / 2.0, ay / 2.0)) + M_LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0.0 || ay > 0.0) {
            re = std::log(std::hypot(std::ldexp(ax, DBL_MANT_DIG), std::ldexp(ay, DBL_MANT_DIG))) - DBL_MANT_DIG * M_LN2;
        } else {
            *edom = true;
            return C(-sv::INF, std::atan2(y, x));
        }
    } else {
        double h = std::hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double am = ax > ay ? ax : ay, an = ax > ay ? ay : ax;
            re = std::log1p((am - 1) * (am + 1) + an * an) / 2.0;
        } else {
            re = std::log(h);
        }
    }
    return C(re, std::atan2(y, x));
}
PYRITE_BUILTIN("cmath.log") inline C log(C z) {
    bool edom = false;
    C r = log_edom(z, &edom);
    if (edom) math::domain_error();
    return r;
}
// log(z, base): c_log(z) / c_log(base); CPython reads errno after the quotient, which the second
// c_log has reset: only the base's log(0) or a zero divisor (base 1) is an error
PYRITE_BUILTIN("cmath.log") inline C log(C z, C base) {
    bool ignored = false, edom = false;
    C x = log_edom(z, &ignored), y = log_edom(base, &edom);
    C r = cx::quot(x, y, &edom);
    if (edom) math::domain_error();
    return r;
}
PYRITE_BUILTIN("cmath.log10") inline C log10(C z) {
    bool edom = false;
    C r = log_edom(z, &edom);
    if (edom) math::domain_error();
    return C(r.real() / M_LN10, r.imag() / M_LN10);
}

// rect(r, phi): like exp(log(r) + i phi) for a positive-signed r, -exp(log(-r) + i phi) for a
// negative one; EDOM where a nonzero r meets an infinite phi
PYRITE_BUILTIN("cmath.rect") inline C rect(double r, double phi) {
    if (!std::isfinite(r) || !std::isfinite(phi)) {
        if (r != 0.0 && !std::isnan(r) && std::isinf(phi)) math::domain_error();
        if (std::isinf(r) && std::isfinite(phi) && phi != 0.0) {
            double s = r > 0 ? 1.0 : -1.0;
            return C(s * std::copysign(sv::INF, std::cos(phi)), s * std::copysign(sv::INF, std::sin(phi)));
        }
        return special(sv::rect, r, phi);
    }
    if (phi == 0.0) return C(r, r * phi);
    return C(r * std::cos(phi), r * std::sin(phi));
}

// cmath.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)
PYRITE_BUILTIN("cmath.isclose") inline bool isclose(C a, C b, double rel_tol = 1e-09, double abs_tol = 0.0) {
    if (rel_tol < 0.0 || abs_tol < 0.0) raise(Exc::ValueError, "tolerances must be non-negative");
    if (a.real() == b.real() && a.imag() == b.imag()) return true;
    if (isinf(a) || isinf(b)) return false;
    double diff = cx::abs_unchecked(cx::sub(a, b));
    return diff <= rel_tol * cx::abs_unchecked(b) || diff <= rel_tol * cx::abs_unchecked(a) || diff <= abs_tol;
}

}  // namespace pyrite::cmath_
