// The methods of int and float values: n.bit_length(), n.bit_count(), n.as_integer_ratio(),
// x.is_integer(), x.as_integer_ratio(), x.hex(), float.fromhex(s), with CPython's results and
// errors (Objects/longobject.c, Objects/floatobject.c). as_integer_ratio's body is the library's (PYRITE_RT): the precompiled
// prelude instantiates nothing for it.
#pragma once
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <tuple>
#include "../ops.hpp"
#include "../str.hpp"

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

// x.hex(): [-]0x<one hex digit>.<13 hex digits>p<sign><exponent>, the leading digit 1 (0 for a
// subnormal), as float_hex; inf and nan as their repr
PYRITE_BUILTIN("float.hex") PYRITE_RT Str float_hex(double self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const char* digits = "0123456789abcdef";
    std::string out;
    if (std::isnan(self)) out = "nan";
    else if (std::isinf(self)) out = self < 0 ? "-inf" : "inf";
    else if (self == 0.0) out = std::signbit(self) ? "-0x0.0p+0" : "0x0.0p+0";
    if (out.empty()) {
        int e = 0;
        double m = std::frexp(std::fabs(self), &e);
        int shift = 1 - std::max(DBL_MIN_EXP - e, 0);  // a subnormal keeps its leading 0
        m = std::ldexp(m, shift);
        e -= shift;
        out = self < 0 ? "-0x" : "0x";
        out += digits[static_cast<int>(m)];
        m -= static_cast<int>(m);
        out += '.';
        for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; ++i) {
            m *= 16.0;
            out += digits[static_cast<int>(m)];
            m -= static_cast<int>(m);
        }
        out += e < 0 ? "p-" : "p+";
        out += std::to_string(e < 0 ? -e : e);
    }
    return Str::of(Str::decode(out.data(), out.size()));
}
#endif

// float.fromhex(s): [sign] [0x] hexdigits [. hexdigits] [p [sign] decimal], spaces around, or
// inf/infinity/nan; rounded half to even, as float_fromhex computes it
PYRITE_BUILTIN("float.fromhex") PYRITE_RT double float_fromhex(const Str& string) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    // its ASCII text; any other character can only end the parse, as a byte of its UTF-8 would
    std::string text;
    for (i64 i = 0; i < string.len(); ++i) text += string.at(i) < 128 ? static_cast<char>(string.at(i)) : '\x80';
    const char* s = text.c_str();
    const char* end = s + text.size();
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    auto parse_error = [] { raise(Exc::ValueError, "invalid hexadecimal floating-point string"); };
    auto overflow = [] { raise(Exc::OverflowError, "hexadecimal value too large to represent as a float"); };
    auto word = [&](const char* p, const char* w) {  // case-insensitive prefix
        size_t n = std::strlen(w);
        for (size_t k = 0; k < n; ++k)
            if (p + k >= end || std::tolower(static_cast<unsigned char>(p[k])) != w[k]) return false;
        return true;
    };
    while (space(*s)) ++s;
    double x = 0.0;
    bool negate = false;
    // infinities and nans, their own sign before them
    const char* p = s;
    bool special_negative = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    if (word(p, "inf") || word(p, "nan")) {
        bool nan = word(p, "nan");
        p += 3;
        if (!nan && word(p, "inity")) p += 5;
        x = nan ? std::nan("") : INFINITY;
        if (special_negative) x = -x;
        s = p;
    } else {
        if (*s == '-') negate = true;
        if (*s == '-' || *s == '+') ++s;
        if (*s == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2;
        const char* coeff_start = s;
        while (hex(*s) >= 0) ++s;
        const char* point = s;
        const char* coeff_end = s;
        if (*s == '.') {
            ++s;
            while (hex(*s) >= 0) ++s;
            coeff_end = s - 1;
        }
        long ndigits = static_cast<long>(coeff_end - coeff_start), fdigits = static_cast<long>(coeff_end - point);
        if (ndigits == 0) parse_error();
        if (ndigits > std::min(DBL_MIN_EXP - DBL_MANT_DIG - LONG_MIN / 2, LONG_MAX / 2 + 1 - DBL_MAX_EXP) / 4)
            raise(Exc::ValueError, "hexadecimal string too long to convert");
        long exp = 0;
        if (*s == 'p' || *s == 'P') {
            ++s;
            const char* exp_start = s;
            if (*s == '-' || *s == '+') ++s;
            if (!(*s >= '0' && *s <= '9')) parse_error();
            while (*s >= '0' && *s <= '9') ++s;
            exp = std::strtol(exp_start, nullptr, 10);  // saturates, as CPython's does
        }
        // the j-th most significant digit, 0 <= j < ndigits
        auto digit_at = [&](long j) { return hex(*(j < fdigits ? coeff_end - j : coeff_end - 1 - j)); };
        while (ndigits > 0 && digit_at(ndigits - 1) == 0) --ndigits;
        bool zero = ndigits == 0 || exp < LONG_MIN / 2;
        if (!zero && exp > LONG_MAX / 2) overflow();
        if (!zero) {
            exp -= 4 * fdigits;
            long top_exp = exp + 4 * (ndigits - 1);
            for (int d = digit_at(ndigits - 1); d != 0; d /= 2) ++top_exp;
            if (top_exp < DBL_MIN_EXP - DBL_MANT_DIG) {
                zero = true;
            } else {
                if (top_exp > DBL_MAX_EXP) overflow();
                long lsb = std::max(top_exp, static_cast<long>(DBL_MIN_EXP)) - DBL_MANT_DIG;
                if (exp >= lsb) {  // exact
                    for (long i = ndigits - 1; i >= 0; --i) x = 16.0 * x + digit_at(i);
                    x = std::ldexp(x, static_cast<int>(exp));
                } else {  // round half to even at bit lsb
                    int half_eps = 1 << static_cast<int>((lsb - exp - 1) % 4);
                    long key = (lsb - exp - 1) / 4;
                    for (long i = ndigits - 1; i > key; --i) x = 16.0 * x + digit_at(i);
                    int d = digit_at(key);
                    x = 16.0 * x + static_cast<double>(d & (16 - 2 * half_eps));
                    if (d & half_eps) {
                        bool up = (d & (3 * half_eps - 1)) != 0 ||
                                  (half_eps == 8 && key + 1 < ndigits && (digit_at(key + 1) & 1) != 0);
                        for (long i = key - 1; i >= 0 && !up; --i) up = digit_at(i) != 0;
                        if (up) {
                            x += 2 * half_eps;
                            if (top_exp == DBL_MAX_EXP && x == std::ldexp(static_cast<double>(2 * half_eps), DBL_MANT_DIG))
                                overflow();
                        }
                    }
                    x = std::ldexp(x, static_cast<int>(exp + 4 * key));
                }
            }
        }
        if (zero) x = 0.0;
    }
    while (space(*s)) ++s;
    if (s != end) parse_error();
    return negate ? -x : x;
}
#endif
}  // namespace pyrite::builtins
