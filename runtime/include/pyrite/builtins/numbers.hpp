// The methods of int and float values: n.bit_length(), n.bit_count(), n.as_integer_ratio(),
// x.is_integer(), x.as_integer_ratio(), with CPython's results and errors (Objects/longobject.c,
// Objects/floatobject.c). as_integer_ratio's body is the library's (PYRITE_RT): the precompiled
// prelude instantiates nothing for it.
#pragma once
#include <cmath>
#include <tuple>
#include "../ops.hpp"

namespace pyrite::builtins {
// bits of |n| (0 for 0): an i64's magnitude as unsigned, so INT64_MIN has 64
PYRITE_BUILTIN("int.bit_length") inline i64 int_bit_length(i64 self) {
    uint64_t m = self < 0 ? uint64_t(0) - static_cast<uint64_t>(self) : static_cast<uint64_t>(self);
    return m == 0 ? 0 : 64 - __builtin_clzll(m);
}
PYRITE_BUILTIN("int.bit_count") inline i64 int_bit_count(i64 self) {
    uint64_t m = self < 0 ? uint64_t(0) - static_cast<uint64_t>(self) : static_cast<uint64_t>(self);
    return __builtin_popcountll(m);
}
PYRITE_BUILTIN("int.as_integer_ratio") inline std::tuple<i64, i64> int_as_integer_ratio(i64 self) { return {self, 1}; }
PYRITE_BUILTIN("int.conjugate") inline i64 int_conjugate(i64 self) { return self; }

PYRITE_BUILTIN("float.is_integer") inline bool float_is_integer(double self) {
    return std::isfinite(self) && std::floor(self) == self;
}
// the exact fraction, lowest terms, positive denominator (float_as_integer_ratio): a numerator or
// denominator beyond 64 bits (1e300, 5e-324) is CPython's int, so the call runs there
PYRITE_BUILTIN("float.as_integer_ratio") PYRITE_RT std::tuple<i64, i64> float_as_integer_ratio(double self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (std::isinf(self)) raise(Exc::OverflowError, "cannot convert Infinity to integer ratio");
    if (std::isnan(self)) raise(Exc::ValueError, "cannot convert NaN to integer ratio");
    int exponent = 0;
    double mantissa = std::frexp(self, &exponent);
    for (int i = 0; i < 300 && mantissa != std::floor(mantissa); ++i) {
        mantissa *= 2.0;
        --exponent;
    }
    if (std::fabs(mantissa) >= 9223372036854775808.0) int_overflow();
    i64 num = static_cast<i64>(mantissa), den = 1;
    if (exponent > 0) {
        if (exponent >= 63 || (num != 0 && std::abs(num) > (INT64_MAX >> exponent))) int_overflow();
        num <<= exponent;
    } else if (exponent < 0) {
        if (-exponent >= 63) int_overflow();
        den <<= -exponent;
    }
    return {num, den};
}
#endif
PYRITE_BUILTIN("float.conjugate") inline double float_conjugate(double self) { return self; }
}  // namespace pyrite::builtins
