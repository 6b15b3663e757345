// pow(base, exp, mod): three-argument pow on ints (two-argument pow is `**`).
#pragma once
#include "../ops.hpp"

namespace pyrite::builtins {
PYRITE_BUILTIN("pow") inline i64 pow(i64 base, i64 exp, i64 m) {
    if (PYRITE_UNLIKELY(m == 0)) raise(Exc::ValueError, "pow() 3rd argument cannot be 0");
    bool negative_mod = m < 0;
    unsigned __int128 um = negative_mod ? (unsigned __int128)(-(__int128)m) : (unsigned __int128)m;
    // base reduced into [0, |m|)
    __int128 b = (__int128)base % (__int128)um;
    if (b < 0) b += um;
    std::uint64_t e = exp < 0 ? 0 - (std::uint64_t)exp : (std::uint64_t)exp;  // |exp|
    if (exp < 0) {
        // modular inverse by the extended Euclidean algorithm
        __int128 t = 0, newt = 1, r = um, newr = b;
        while (newr != 0) {
            __int128 q = r / newr, tmp;
            tmp = t - q * newt; t = newt; newt = tmp;
            tmp = r - q * newr; r = newr; newr = tmp;
        }
        if (r != 1) raise(Exc::ValueError, "base is not invertible for the given modulus");
        if (t < 0) t += um;
        b = t;  // inverse ** |exp|
    }
    unsigned __int128 result = 1 % um, ub = (unsigned __int128)b;
    while (e) {
        if (e & 1) result = result * ub % um;
        ub = ub * ub % um;
        e >>= 1;
    }
    i64 r = (i64)result;
    if (negative_mod && r != 0) r -= (i64)um;  // Python: result has the sign of the modulus
    return r;
}
}  // namespace pyrite::builtins
