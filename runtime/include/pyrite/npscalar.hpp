// NumPy's scalar arithmetic: what a[i] of an int8 or float32 array computes with.
//
// A NumPy scalar (numpy.int8, numpy.float32, ...) is a C number of its dtype:
// pyrite keeps it as that C++ type (std::int8_t, float, ...). Its arithmetic is
// NumPy's, not Python's: integers wrap (np.int8(127) + 1 is -128), x / 0.0 is inf,
// integer // 0 is 0. The typing rules (which dtype a mixed expression has, NEP 50's
// "weak" Python ints and floats) are typeinfer's (types.cpp: promote,
// promote_weak); codegen converts both operands to the result's C++ type and
// calls the function here. Python int operands pass through weak<R>, which
// raises NumPy's OverflowError for a value the dtype cannot hold.
#pragma once
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "core.hpp"

namespace pyrite::np {

template <class T>
struct is_complex : std::false_type {};
template <class T>
struct is_complex<std::complex<T>> : std::true_type {};
template <class T>
constexpr bool is_int = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T>
constexpr const char* dtype_name() {
    if constexpr (std::is_same_v<T, bool>) return "bool";
    else if constexpr (std::is_same_v<T, std::int8_t>) return "int8";
    else if constexpr (std::is_same_v<T, std::int16_t>) return "int16";
    else if constexpr (std::is_same_v<T, std::int32_t>) return "int32";
    else if constexpr (std::is_same_v<T, std::int64_t>) return "int64";
    else if constexpr (std::is_same_v<T, std::uint8_t>) return "uint8";
    else if constexpr (std::is_same_v<T, std::uint16_t>) return "uint16";
    else if constexpr (std::is_same_v<T, std::uint32_t>) return "uint32";
    else if constexpr (std::is_same_v<T, std::uint64_t>) return "uint64";
    else if constexpr (std::is_same_v<T, float>) return "float32";
    else if constexpr (std::is_same_v<T, double>) return "float64";
    else if constexpr (std::is_same_v<T, std::complex<float>>) return "complex64";
    else return "complex128";
}

[[noreturn]] __attribute__((noinline, cold)) inline void out_of_bounds(i64 x, const char* dtype) {
    raisef(Exc::OverflowError, "Python integer %lld out of bounds for %s", (long long)x, dtype);
}

// a Python int where NumPy needs a value of dtype R (NEP 50): exact, or OverflowError
template <class R>
inline R weak(i64 x) {
    if constexpr (is_int<R>) {
        if constexpr (std::is_unsigned_v<R>) {
            if (PYRITE_UNLIKELY(x < 0 || static_cast<std::uint64_t>(x) > std::numeric_limits<R>::max()))
                out_of_bounds(x, dtype_name<R>());
        } else if constexpr (sizeof(R) < 8) {
            if (PYRITE_UNLIKELY(x < std::numeric_limits<R>::min() || x > std::numeric_limits<R>::max()))
                out_of_bounds(x, dtype_name<R>());
        }
        return static_cast<R>(x);
    } else {
        return static_cast<R>(x);
    }
}
template <class R>
inline R weak(double x) { return static_cast<R>(x); }
template <class R>
inline R weak(bool x) { return static_cast<R>(x); }

// one dtype's value as another's, as NumPy's casts do (astype, and the operands of
// an operation): integers wrap modulo 2**bits, floats to integers truncate (a value
// out of range gives what x86 does, the most negative integer, as NumPy's C cast)
template <class R, class X>
inline R cast(X x) {
    if constexpr (std::is_same_v<R, X>) {
        return x;
    } else if constexpr (std::is_same_v<R, bool>) {
        return x != X(0);
    } else if constexpr (is_int<R> && std::is_floating_point_v<X>) {
        // C's conversion as x86 computes it (NumPy's casts are C casts): types narrower
        // than 64 bits convert through a 32-bit int, out-of-range gives the most negative
        double d = static_cast<double>(x);
        if constexpr (sizeof(R) < 4 || (sizeof(R) == 4 && std::is_signed_v<R>)) {
            std::int32_t v = d > -2147483649.0 && d < 2147483648.0 ? static_cast<std::int32_t>(d) : INT32_MIN;
            return static_cast<R>(v);
        } else if constexpr (std::is_unsigned_v<R> && sizeof(R) == 8) {
            if (d >= 9223372036854775808.0 && d < 18446744073709551616.0) return static_cast<R>(d);
            std::int64_t v = d > -9223372036854775809.0 && d < 9223372036854775808.0 ? static_cast<std::int64_t>(d) : INT64_MIN;
            return static_cast<R>(v);
        } else {
            std::int64_t v = d > -9223372036854775809.0 && d < 9223372036854775808.0 ? static_cast<std::int64_t>(d) : INT64_MIN;
            return static_cast<R>(v);
        }
    } else if constexpr (is_int<R> && is_complex<X>::value) {
        return cast<R>(x.real());
    } else if constexpr (std::is_floating_point_v<R> && is_complex<X>::value) {
        return static_cast<R>(x.real());
    } else {
        return static_cast<R>(x);
    }
}

// a value stored into an array item (a[i] = x): NumPy converts a number through
// Python's int or float, so an integer that the dtype cannot hold is an
// OverflowError (never a wrap), and a float's nan or inf into an integer array
// is Python's int() error
template <class R>
inline R store(i64 x) { return weak<R>(x); }
template <class R>
inline R store(std::uint64_t x) {
    if constexpr (is_int<R> && !(std::is_unsigned_v<R> && sizeof(R) == 8)) {
        if (x > static_cast<std::uint64_t>(INT64_MAX))
            raisef(Exc::OverflowError, "Python integer %llu out of bounds for %s", (unsigned long long)x,
                   dtype_name<R>());
        return weak<R>(static_cast<i64>(x));
    } else {
        return static_cast<R>(x);
    }
}
template <class R, class X, std::enable_if_t<std::is_integral_v<X> && !std::is_same_v<X, std::uint64_t>, int> = 0>
inline R store(X x) { return weak<R>(static_cast<i64>(x)); }
template <class R, class X, std::enable_if_t<std::is_floating_point_v<X>, int> = 0>
inline R store(X x) {
    if constexpr (is_int<R>) {
        if (std::isnan(x)) raise(Exc::ValueError, "cannot convert float NaN to integer");
        if (std::isinf(x)) raise(Exc::OverflowError, "cannot convert float infinity to integer");
        double t = std::trunc(static_cast<double>(x));
        if (t < -9223372036854775808.0 || t >= 9223372036854775808.0) {
            if constexpr (std::is_unsigned_v<R> && sizeof(R) == 8) {
                if (t >= 0 && t < 18446744073709551616.0) return static_cast<R>(t);
            }
            raisef(Exc::OverflowError, "Python integer %.0f out of bounds for %s", t, dtype_name<R>());
        }
        return weak<R>(static_cast<i64>(t));
    } else {
        return static_cast<R>(x);
    }
}
template <class R, class X>
inline R store(std::complex<X> x) {
    if constexpr (is_complex<R>::value) return static_cast<R>(x);
    else raise(Exc::TypeError, "can't convert complex to a real number");  // NumPy: a ComplexWarning, pyrite refuses
}

// ------------------------------------------------------------ arithmetic on dtype R
template <class R>
inline R add(R a, R b) {
    if constexpr (std::is_same_v<R, bool>) return a || b;
    else if constexpr (is_int<R>) return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) + static_cast<std::make_unsigned_t<R>>(b));
    else return a + b;
}
[[noreturn]] inline void bool_op(const char* what, const char* op, const char* use) {
    raisef(Exc::TypeError, "numpy boolean %s, the `%s` operator, is not supported, use the %s instead.", what, op, use);
}
template <class R>
inline R sub(R a, R b) {
    if constexpr (std::is_same_v<R, bool>) bool_op("subtract", "-", "bitwise_xor, the `^` operator, or the logical_xor function");
    else if constexpr (is_int<R>) return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) - static_cast<std::make_unsigned_t<R>>(b));
    else return a - b;
}
template <class R>
inline R mul(R a, R b) {
    if constexpr (std::is_same_v<R, bool>) return a && b;
    else if constexpr (is_complex<R>::value) {  // NumPy's scalar formula (C's __muldc3 treats inf and nan apart)
        // unfused: GCC 12's SLP complex-multiply pattern makes vfmaddsub of it despite
        // -ffp-contract=off, so the products are made opaque first
        auto rr = unfused(a.real() * b.real()), ii = unfused(a.imag() * b.imag());
        auto ri = unfused(a.real() * b.imag()), ir = unfused(a.imag() * b.real());
        return R(rr - ii, ri + ir);
    }
    else if constexpr (is_int<R>) return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) * static_cast<std::make_unsigned_t<R>>(b));
    else return a * b;
}
template <class R>
inline R neg(R a) {
    if constexpr (std::is_same_v<R, bool>) {
        raise(Exc::TypeError, "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator "
                              "or the logical_not function instead.");
    } else if constexpr (is_int<R>) {
        return static_cast<R>(std::make_unsigned_t<R>(0) - static_cast<std::make_unsigned_t<R>>(a));
    } else {
        return -a;
    }
}
// NumPy's complex product in an array loop (multiply and square of arrays, not of scalars or
// in reductions): loops_arithm_fp's SIMD loop is npyv_muladdsub(a_re, b, a_im * b_rev), which
// fuses where NumPy dispatches to X86_V3 (AVX2 + FMA3), AVX-512 or ASIMD
inline bool numpy_fuses_complex_products() {
#if defined(__FMA__) || defined(__aarch64__)
    return true;
#elif defined(__x86_64__) || defined(__i386__)
    static const bool fused = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");  // a portable build
    return fused;
#else
    return false;
#endif
}
template <class R>
inline R mul_loop(R a, R b) {
    if constexpr (is_complex<R>::value) {
        if (numpy_fuses_complex_products())
            return R(std::fma(a.real(), b.real(), -(a.imag() * b.imag())), std::fma(a.real(), b.imag(), a.imag() * b.real()));
    }
    return mul<R>(a, b);
}
// R is a float or complex dtype (ints divide as float64); complex division is NumPy's
// (Smith's method, umath's loops and scalarmath), not C's __divdc3, whose rounding differs
template <class R>
inline R truediv(R a, R b) {
    if constexpr (is_complex<R>::value) {
        using F = typename R::value_type;
        F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
        F abs_br = std::fabs(br), abs_bi = std::fabs(bi);
        if (abs_br >= abs_bi) {
            if (abs_br == 0 && abs_bi == 0) return R(ar / abs_br, ai / abs_br);
            F rat = bi / br, scl = F(1) / (br + bi * rat);
            return R((ar + ai * rat) * scl, (ai - ar * rat) * scl);
        }
        F rat = br / bi, scl = F(1) / (bi + br * rat);
        return R((ar * rat + ai) * scl, (ai * rat - ar) * scl);
    } else {
        return a / b;
    }
}

// NumPy's npy_divmod for floats: Python's signs, and a / 0.0's inf or nan instead of an error
template <class R>
inline R float_divmod(R a, R b, R* mod_out) {
    R mod = std::fmod(a, b);
    if (PYRITE_UNLIKELY(!b)) {
        *mod_out = mod;
        return a / b;
    }
    R div = (a - mod) / b;
    if (mod) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= R(1);
        }
    } else {
        mod = std::copysign(R(0), b);
    }
    R floordiv;
    if (div) {
        floordiv = std::floor(div);
        if (div - floordiv > R(0.5)) floordiv += R(1);
    } else {
        floordiv = std::copysign(R(0), a / b);
    }
    *mod_out = mod;
    return floordiv;
}
template <class R>
inline R floordiv(R a, R b) {
    if constexpr (std::is_floating_point_v<R>) {
        R mod;
        return float_divmod(a, b, &mod);
    } else {
        static_assert(is_int<R>, "// of ints and floats");
        if (PYRITE_UNLIKELY(b == 0)) return 0;  // NumPy: 0, with a RuntimeWarning
        if constexpr (std::is_signed_v<R>) {
            if (PYRITE_UNLIKELY(b == -1)) return neg(a);  // the most negative value stays (wraps)
            R q = static_cast<R>(a / b);
            if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
            return q;
        } else {
            return static_cast<R>(a / b);
        }
    }
}
template <class R>
inline R mod(R a, R b) {
    if constexpr (std::is_floating_point_v<R>) {
        if (PYRITE_UNLIKELY(!b)) return std::fmod(a, b);  // nan
        R m;
        float_divmod(a, b, &m);
        return m;
    } else {
        static_assert(is_int<R>, "% of ints and floats");
        if (PYRITE_UNLIKELY(b == 0)) return 0;
        if constexpr (std::is_signed_v<R>) {
            if (PYRITE_UNLIKELY(b == -1)) return 0;
            R m = static_cast<R>(a % b);
            if (m != 0 && ((m < 0) != (b < 0))) m = static_cast<R>(m + b);
            return m;
        } else {
            return static_cast<R>(a % b);
        }
    }
}
template <class R>
inline R pow(R a, R b) {
    if constexpr (is_int<R>) {
        if constexpr (std::is_signed_v<R>) {
            if (PYRITE_UNLIKELY(b < 0)) raise(Exc::ValueError, "Integers to negative integer powers are not allowed.");
        }
        R r = 1;
        while (b) {
            if (b & 1) r = mul(r, a);
            b = static_cast<R>(b >> 1);
            if (b) a = mul(a, a);
        }
        return r;
    } else if constexpr (std::is_same_v<R, bool>) {
        return a || !b;
    } else {
        return std::pow(a, b);
    }
}
template <class R>
inline R absolute_value(R a) {
    if constexpr (is_int<R> && std::is_signed_v<R>) return a < 0 ? neg(a) : a;
    else if constexpr (std::is_floating_point_v<R>) return std::fabs(a);
    else return a;
}
template <class R>
inline R lshift(R a, R b) {
    if (static_cast<std::uint64_t>(b) >= sizeof(R) * 8) return 0;
    return static_cast<R>(static_cast<std::make_unsigned_t<R>>(a) << b);
}
template <class R>
inline R rshift(R a, R b) {
    if (static_cast<std::uint64_t>(b) >= sizeof(R) * 8) return a < 0 ? R(-1) : R(0);
    return static_cast<R>(a >> b);
}

// a numpy.uint64 where a Python int goes: pyrite's ints are 64-bit signed
inline i64 to_int(std::uint64_t x) {
    if (PYRITE_UNLIKELY(x > static_cast<std::uint64_t>(INT64_MAX))) int_overflow();
    return static_cast<i64>(x);
}

// ------------------------------------------------------------ comparisons
// integers compare exactly whatever their dtypes (NumPy 2 does, also against Python
// ints); anything else compares after both become the common float type F
template <class A, class B>
inline int cmp_int(A a, B b) {  // -1, 0, 1
    if constexpr (std::is_signed_v<A> == std::is_signed_v<B>) {
        return a < b ? -1 : a > b ? 1 : 0;
    } else if constexpr (std::is_signed_v<A>) {
        if (a < 0) return -1;
        auto ua = static_cast<std::uint64_t>(a);
        return ua < b ? -1 : ua > b ? 1 : 0;
    } else {
        return -cmp_int(b, a);
    }
}
struct lt { template <class X> static bool apply(X a, X b) { return a < b; } static bool of(int c) { return c < 0; } };
struct le { template <class X> static bool apply(X a, X b) { return a <= b; } static bool of(int c) { return c <= 0; } };
struct gt { template <class X> static bool apply(X a, X b) { return a > b; } static bool of(int c) { return c > 0; } };
struct ge { template <class X> static bool apply(X a, X b) { return a >= b; } static bool of(int c) { return c >= 0; } };
struct eq { template <class X> static bool apply(X a, X b) { return a == b; } static bool of(int c) { return c == 0; } };
struct ne { template <class X> static bool apply(X a, X b) { return a != b; } static bool of(int c) { return c != 0; } };

// a OP b with F the common type of a float comparison
template <class Op, class F, class A, class B>
inline bool compare(A a, B b) {
    if constexpr (std::is_integral_v<A> && std::is_integral_v<B> && std::is_signed_v<A> == std::is_signed_v<B>)
        return Op::apply(static_cast<std::common_type_t<A, B>>(a), static_cast<std::common_type_t<A, B>>(b));  // no branch: vectorizes
    else if constexpr (std::is_integral_v<A> && std::is_integral_v<B>) return Op::of(cmp_int(a, b));
    else return Op::apply(static_cast<F>(a), static_cast<F>(b));
}

}  // namespace pyrite::np
