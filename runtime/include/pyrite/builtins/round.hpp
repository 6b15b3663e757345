// round(x[, ndigits]) with CPython's results.
//
// round(float) is round-half-even to an int. round(float, n) must round the
// exact binary value of x to n decimal digits, half-even, like CPython's
// dtoa-based double_round. glibc's printf prints the exact decimal expansion of
// a double, so the digits are rounded on that exact text and read back with
// strtod (correctly rounded), which gives CPython's result for every n.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include "conv.hpp"

namespace pyrite::builtins {

PYRITE_BUILTIN("round") PYRITE_PURE inline i64 round(i64 x) { return x; }

PYRITE_BUILTIN("round") PYRITE_PURE inline i64 round(double x) {
    if (PYRITE_UNLIKELY(std::isnan(x))) raise(Exc::ValueError, "cannot convert float NaN to integer");
    if (PYRITE_UNLIKELY(std::isinf(x))) raise(Exc::OverflowError, "cannot convert float infinity to integer");
    double r = std::nearbyint(x);  // default rounding mode: to nearest, ties to even
    return float_to_int(r);
}

// round(x, n) for 0 <= n <= 22, in integers: x = m * 2**e exactly, so x * 10**n = m * 5**n *
// 2**(e + n), whose integer part and remainder decide the half-even rounding to q; q / 10**n is
// then one IEEE division of two exact doubles (q < 2**53, 10**n <= 10**22), so correctly rounded,
// as strtod of q's digits is. False where q would not fit (the exact expansion below decides).
// The expansion printed 1,080 digits a call: round(v, 3) took 18 us, 9x CPython's.
inline bool round_exact_small(double x, int ndigits, double* out) {
    int e2;
    const double f = std::frexp(std::fabs(x), &e2);  // |x| = f * 2**e2, 0.5 <= f < 1
    const auto m = static_cast<unsigned __int128>(std::ldexp(f, 53));  // |x| = m * 2**(e2 - 53)
    const int shift = -(e2 - 53 + ndigits);
    if (shift <= 0) {  // x * 10**n is an integer: x has n decimals or fewer
        *out = x;
        return true;
    }
    unsigned __int128 n = m;
    for (int i = 0; i < ndigits; ++i) n *= 5;  // < 2**53 * 5**22 < 2**105
    unsigned __int128 q;
    if (shift >= 110) {
        q = 0;  // n < 2**105: less than half
    } else {
        q = n >> shift;
        const unsigned __int128 rest = n - (q << shift), half = static_cast<unsigned __int128>(1) << (shift - 1);
        if (rest > half || (rest == half && (q & 1))) ++q;
    }
    if (q >= (static_cast<unsigned __int128>(1) << 53)) return false;
    static constexpr double kTens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const double r = static_cast<double>(static_cast<std::uint64_t>(q)) / kTens[ndigits];
    *out = std::signbit(x) ? -r : r;
    return true;
}

PYRITE_BUILTIN("round") PYRITE_PURE inline double round(double x, i64 ndigits) {
    if (!std::isfinite(x) || x == 0.0) return x;
    if (ndigits > 323) return x;           // CPython's NDIGITS_MAX
    if (ndigits < -308) return 0.0 * x;    // CPython's NDIGITS_MIN: a signed zero
    if (double r; ndigits >= 0 && ndigits <= 22 && round_exact_small(x, static_cast<int>(ndigits), &r)) return r;
    // exact decimal expansion: a double has at most 1074 fractional digits
    static thread_local char buf[1500];
    int len = std::snprintf(buf, sizeof buf, "%.1080f", x);
    char* dot = std::strchr(buf, '.');
    int sign = buf[0] == '-' ? 1 : 0;
    int int_digits = (int)(dot - buf) - sign;
    // digits without the point, with one leading zero for a carry
    static thread_local char digits[1600];
    int nd = 0;
    digits[nd++] = '0';
    for (int i = sign; i < len; ++i)
        if (buf[i] != '.') digits[nd++] = buf[i];
    int point = 1 + int_digits;             // digits[0:point] is the integer part
    long keep = (long)point + ndigits;      // digits kept: digits[0:keep]
    if (keep < 0) return sign ? -0.0 : 0.0;
    if (keep < nd) {
        char next = digits[keep];
        bool rest_nonzero = false;
        for (int i = (int)keep + 1; i < nd; ++i)
            if (digits[i] != '0') { rest_nonzero = true; break; }
        bool up = next > '5' || (next == '5' && (rest_nonzero || (keep > 0 && ((digits[keep - 1] - '0') & 1))));
        for (int i = (int)keep; i < nd; ++i) digits[i] = '0';
        for (long i = keep - 1; up && i >= 0; --i) {
            if (digits[i] == '9') digits[i] = '0';
            else { digits[i]++; up = false; }
        }
    }
    // rebuild "[-]DIGITS e(point - nd)" and convert back
    static thread_local char out[1700];
    int o = 0;
    if (sign) out[o++] = '-';
    std::memcpy(out + o, digits, nd);
    o += nd;
    o += std::snprintf(out + o, sizeof out - o, "e%d", point - nd);
    double r = std::strtod(out, nullptr);
    if (PYRITE_UNLIKELY(std::isinf(r))) raise(Exc::OverflowError, "rounded value too large to represent");
    return r;
}

// round(int, n): n >= 0 is the identity; n < 0 rounds half-even to 10**-n.
PYRITE_BUILTIN("round") PYRITE_PURE inline i64 round(i64 x, i64 ndigits) {
    if (ndigits >= 0) return x;
    if (ndigits < -19) return 0;  // |x| < 2**63 < 10**20 / 2
    if (ndigits == -19) {         // the nearest multiple of 10**19 is 0 or +-10**19 (too big)
        constexpr i64 half = 5000000000000000000;
        if (x > half || x < -half) int_overflow();
        return 0;                 // |x| <= 5 * 10**18: ties go to the even multiple, 0
    }
    i64 p = 1;
    for (i64 i = 0; i < -ndigits; ++i) p *= 10;
    i64 q = floordiv(x, p), r = x % p;  // 0 <= r < p (q * p itself may not fit: x near INT64_MIN)
    if (r < 0) r += p;
    if (2 * (unsigned __int128)r > (unsigned __int128)p || (2 * r == p && (q & 1))) q += 1;
    return mul(q, p);
}

// of an int | float: the int's or the float's round
PYRITE_BUILTIN("round") PYRITE_PURE inline i64 round(Real x) { return x.is_int() ? x.i : round(x.f); }
PYRITE_BUILTIN("round") PYRITE_PURE inline Real round(Real x, i64 ndigits) {
    return x.is_int() ? Real(round(x.i, ndigits)) : Real(round(x.f, ndigits));
}

}  // namespace pyrite::builtins
