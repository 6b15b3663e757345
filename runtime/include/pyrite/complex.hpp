// pyrite runtime: Python's complex numbers, as CPython's complexobject.c computes them.
//
// A Python complex is a std::complex<double> (the C++ type a numpy.complex128 has too;
// typeinfer tells the two apart, and codegen calls these functions for Python's).
// std::complex's own operators are not used: its product and quotient are C's Annex G
// routines (__muldc3, __divdc3), whose results differ from CPython's in rounding and in
// the infinities. An int or float operand is made a complex first (imaginary part 0.0),
// as CPython 3.11 to 3.13 do (TO_COMPLEX); errors are CPython's types and messages.
#pragma once
#include <cmath>
#include <complex>
#include <string>

#include "core.hpp"
#include "ops.hpp"

namespace pyrite::cx {

using C = std::complex<double>;

inline C add(C a, C b) { return C(a.real() + b.real(), a.imag() + b.imag()); }
inline C sub(C a, C b) { return C(a.real() - b.real(), a.imag() - b.imag()); }
inline C neg(C a) { return C(-a.real(), -a.imag()); }
// _Py_c_prod, never fused into multiply-adds (core.hpp's unfused)
inline C mul(C a, C b) {
    double rr = unfused(a.real() * b.real()), ii = unfused(a.imag() * b.imag());
    double ri = unfused(a.real() * b.imag()), ir = unfused(a.imag() * b.real());
    return C(rr - ii, ri + ir);
}
// _Py_c_quot: Smith's method; *zero when the divisor is 0 (CPython's errno EDOM)
inline C quot(C a, C b, bool* zero) {
    double abs_br = std::fabs(b.real()), abs_bi = std::fabs(b.imag());
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0) {
            *zero = true;
            return C(0.0, 0.0);
        }
        double ratio = b.imag() / b.real(), denom = b.real() + b.imag() * ratio;
        return C((a.real() + a.imag() * ratio) / denom, (a.imag() - a.real() * ratio) / denom);
    }
    if (abs_bi >= abs_br) {
        double ratio = b.real() / b.imag(), denom = b.real() * ratio + b.imag();
        return C((a.real() * ratio + a.imag()) / denom, (a.imag() * ratio - a.real()) / denom);
    }
    return C(NAN, NAN);  // a part of the divisor is nan
}
inline C truediv(C a, C b) {
    bool zero = false;
    C r = quot(a, b, &zero);
    if (PYRITE_UNLIKELY(zero)) raise(Exc::ZeroDivisionError, "complex division by zero");
    return r;
}

namespace detail {
// c_powu: x ** n by squaring, n >= 0
inline C powu(C x, long n) {
    C r(1.0, 0.0), p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) r = mul(r, p);
        p = mul(p, p);
    }
    return r;
}
}  // namespace detail

// complex_pow: an exponent that is a small whole number (|n| <= 100) multiplies (c_powi),
// any other goes through polar form (_Py_c_pow). CPython's errno decides the error:
// EDOM (0 to a negative or complex power, a zero quotient in c_powi, or cos/sin of an
// infinite phase, which glibc reports so) is ZeroDivisionError; otherwise an infinite part
// in the result is OverflowError
inline C pow(C a, C b) {
    bool edom = false;
    C r;
    if (b.imag() == 0.0 && b.real() == std::floor(b.real()) && std::fabs(b.real()) <= 100.0) {
        long n = static_cast<long>(b.real());
        r = n > 0 ? detail::powu(a, n) : quot(C(1.0, 0.0), detail::powu(a, -n), &edom);
    } else if (b.real() == 0.0 && b.imag() == 0.0) {
        r = C(1.0, 0.0);
    } else if (a.real() == 0.0 && a.imag() == 0.0) {
        edom = b.imag() != 0.0 || b.real() < 0.0;
        r = C(0.0, 0.0);
    } else {
        double vabs = std::hypot(a.real(), a.imag());
        double len = std::pow(vabs, b.real());
        double at = std::atan2(a.imag(), a.real());
        double phase = at * b.real();
        if (b.imag() != 0.0) {
            len /= std::exp(at * b.imag());
            phase += b.imag() * std::log(vabs);
        }
        edom = std::isinf(phase);
        r = C(len * std::cos(phase), len * std::sin(phase));
    }
    if (PYRITE_UNLIKELY(edom)) raise(Exc::ZeroDivisionError, "0.0 to a negative or complex power");
    if (PYRITE_UNLIKELY(std::isinf(r.real()) || std::isinf(r.imag()))) raise(Exc::OverflowError, "complex exponentiation");
    return r;
}

// _Py_c_abs: an infinite part gives inf even beside a nan; an overflow is inf here
inline double abs_unchecked(C z) {
    if (!std::isfinite(z.real()) || !std::isfinite(z.imag())) {
        if (std::isinf(z.real())) return std::fabs(z.real());
        if (std::isinf(z.imag())) return std::fabs(z.imag());
        return NAN;
    }
    return std::hypot(z.real(), z.imag());
}
// abs(z): complex_abs, whose overflow from finite parts is an error
inline double abs(C z) {
    double r = abs_unchecked(z);
    if (PYRITE_UNLIKELY(std::isinf(r) && std::isfinite(z.real()) && std::isfinite(z.imag())))
        raise(Exc::OverflowError, "absolute value too large");
    return r;
}

// == with an int compares the real part exactly (2**53 + 1 != complex(2**53)), as
// complex_richcompare does through float == int
inline bool eq(C a, C b) { return a.real() == b.real() && a.imag() == b.imag(); }
inline bool eq(C a, double b) { return a.real() == b && a.imag() == 0.0; }
inline bool eq(C a, i64 b) { return a.imag() == 0.0 && pyrite::eq(a.real(), b); }
template <class T>
inline bool eq(T a, C b) { return eq(b, a); }
template <class A, class B>
inline bool ne(A a, B b) { return !eq(a, b); }

}  // namespace pyrite::cx

namespace pyrite {
inline bool truthy(const std::complex<double>& z) { return z.real() != 0.0 || z.imag() != 0.0; }
}  // namespace pyrite
