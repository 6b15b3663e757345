// range(start, stop, step) as a for-loop header: its length, computed without overflow.
#pragma once
#include "../core.hpp"

namespace pyrite {
inline i64 range_len(i64 start, i64 stop, i64 step) {
    if (PYRITE_UNLIKELY(step == 0)) raise(Exc::ValueError, "range() arg 3 must not be zero");
    __int128 lo = start, hi = stop, st = step;
    __int128 n = 0;
    if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
    if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
    return (i64)n;  // at most 2**64 - 1 elements cannot occur: |stop - start| < 2**64
}
}  // namespace pyrite
