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

// The end of the chunk of an innermost range loop that starts at `from` (< last):
// 65,536 iterations, Ctrl-C being checked between chunks (opt's interrupts pass).
// The distance is taken in unsigned arithmetic: last - from may not fit in an i64.
constexpr std::uint64_t kChunk = 65536;
inline i64 chunk_end(i64 from, i64 last) {
    return static_cast<std::uint64_t>(last) - static_cast<std::uint64_t>(from) > kChunk
               ? static_cast<i64>(static_cast<std::uint64_t>(from) + kChunk)
               : last;
}
}  // namespace pyrite

namespace pyrite {
// range(...) as a value: r = range(a, b, c); len(r), r[i], x in r, for x in r
struct Range {
    i64 start = 0, stop = 0, step = 1, n = 0;
    static Range make(i64 start, i64 stop, i64 step) { return Range{start, stop, step, range_len(start, stop, step)}; }
    i64 len() const { return n; }
    i64 at(i64 k) const { return static_cast<i64>(static_cast<uint64_t>(start) + static_cast<uint64_t>(k) * static_cast<uint64_t>(step)); }
    i64 get(i64 k) const {
        if (k < 0) k += n;
        if (PYRITE_UNLIKELY(k < 0 || k >= n)) raise(Exc::IndexError, "range object index out of range");
        return at(k);
    }
    bool contains(i64 x) const {
        if (step > 0 ? (x < start || x >= stop) : (x > start || x <= stop)) return false;
        __int128 d = static_cast<__int128>(x) - start;
        return d % step == 0;
    }
};
inline bool truthy(const Range& r) { return r.n != 0; }
inline bool py_eq(const Range& a, const Range& b) {  // as sequences, as CPython's range_equals
    if (a.n != b.n) return false;
    if (a.n == 0) return true;
    if (a.start != b.start) return false;
    return a.n == 1 || a.step == b.step;
}

struct RangeIter {
    Range r;
    i64 k = 0;
    bool next(i64& out) {
        if (k >= r.n) return false;
        out = r.at(k++);
        return true;
    }
};
struct RangeReverseIter {
    Range r;
    i64 k;
    bool next(i64& out) {
        if (k < 0) return false;
        out = r.at(k--);
        return true;
    }
};
inline RangeIter iter(const Range& r) { return RangeIter{r}; }
inline RangeReverseIter iter_reversed(const Range& r) { return RangeReverseIter{r, r.n - 1}; }
}  // namespace pyrite
