// int(x), float(x), complex(x), bool(x) on scalars.
#pragma once
#include <cmath>
#include "../complex.hpp"
#include "../ops.hpp"

namespace pyrite {
// float -> int as CPython's int(float): truncation, with NaN/inf errors, and
// OverflowError past 64 bits.
inline i64 float_to_int(double x) {
    if (PYRITE_UNLIKELY(std::isnan(x))) raise(Exc::ValueError, "cannot convert float NaN to integer");
    if (PYRITE_UNLIKELY(std::isinf(x))) raise(Exc::OverflowError, "cannot convert float infinity to integer");
    double t = std::trunc(x);
    if (PYRITE_UNLIKELY(t < -9223372036854775808.0 || t >= 9223372036854775808.0)) int_overflow();
    return (i64)t;
}
}  // namespace pyrite

namespace pyrite::builtins {
// an int constant beyond 64 bits (a literal, a global: frontend/lower_names.cpp): evaluating it
// makes the call run in CPython (core.hpp: int_overflow)
PYRITE_BUILTIN("int.$beyond64") inline i64 int_beyond_64() { int_overflow(); }
PYRITE_BUILTIN("int") PYRITE_PURE inline i64 int_() { return 0; }
PYRITE_BUILTIN("int") PYRITE_PURE inline i64 int_(i64 x) { return x; }
PYRITE_BUILTIN("int") PYRITE_PURE inline i64 int_(double x) { return float_to_int(x); }
PYRITE_BUILTIN("float") PYRITE_PURE inline double float_() { return 0.0; }
PYRITE_BUILTIN("float") PYRITE_PURE inline double float_(double x) { return x; }
PYRITE_BUILTIN("float") PYRITE_PURE inline double float_(i64 x) { return double(x); }
PYRITE_BUILTIN("int") PYRITE_PURE inline i64 int_(Real x) { return x.is_int() ? x.i : float_to_int(x.f); }
PYRITE_BUILTIN("float") PYRITE_PURE inline double float_(Real x) { return double(x); }
// complex(real, imag) as complex_new combines them: a complex imag's real part is the
// imaginary part and its imaginary part subtracts from the real one (complex(1, 2j) is -1+0j)
PYRITE_BUILTIN("complex") inline std::complex<double> complex_() { return {0.0, 0.0}; }
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(std::complex<double> x) { return x; }
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(double x) { return {x, 0.0}; }
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(double real, double imag) { return {real, imag}; }
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(std::complex<double> real, double imag) {
    return {real.real(), imag + real.imag()};
}
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(double real, std::complex<double> imag) {
    return {real - imag.imag(), imag.real()};
}
PYRITE_BUILTIN("complex") inline std::complex<double> complex_(std::complex<double> real, std::complex<double> imag) {
    return {real.real() - imag.imag(), imag.real() + real.imag()};
}
PYRITE_BUILTIN("complex.conjugate") inline std::complex<double> conjugate(std::complex<double> z) { return {z.real(), -z.imag()}; }
PYRITE_BUILTIN("bool") inline bool bool_() { return false; }
PYRITE_BUILTIN("bool") inline bool bool_(bool x) { return x; }
PYRITE_BUILTIN("bool") inline bool bool_(i64 x) { return x != 0; }
PYRITE_BUILTIN("bool") inline bool bool_(double x) { return x != 0.0; }
PYRITE_BUILTIN("bool") inline bool bool_(Real x) { return truthy(x); }
PYRITE_BUILTIN("bool") inline bool bool_(std::complex<double> z) { return z.real() != 0.0 || z.imag() != 0.0; }
}  // namespace pyrite::builtins
