// Builtins over lists: sum, min, max, sorted, any, all; over other iterables
// they take the items as a list (codegen's as_list). (len, list() and the
// methods are members of pyrite::List in list.hpp.)
#pragma once
#include "../iter.hpp"

namespace pyrite::builtins {

// sum(xs[, start]) adds left to right from start (0 by default), as CPython
// 3.11 does: for floats the running total starts as float(start), so that
// sum([-0.0]) is 0.0. CPython 3.12 and later add floats with compensated
// (Neumaier) summation, which is reproduced when the module is built for them.
template <class R, class T>
inline R sum(const List<T>& xs, R start = R(0)) {
    if constexpr (std::is_same_v<R, double>) {
        double total = start;
#if defined(PY_VERSION_HEX) && PY_VERSION_HEX >= 0x030C0000
        double c = 0.0;  // Neumaier's compensation, as CPython 3.12's builtin_sum_impl
        for (i64 i = 0; i < xs.len(); ++i) {
            double x = double(xs.at(i));
            double t = total + x;
            if (std::fabs(total) >= std::fabs(x)) c += (total - t) + x;
            else c += (x - t) + total;
            total = t;
        }
        // CPython adds the compensation only when it is non-zero and finite
        if (c != 0.0 && std::isfinite(c)) total += c;
        return total;
#else
        for (i64 i = 0; i < xs.len(); ++i) total += double(xs.at(i));
        return total;
#endif
    } else {
        i64 total = start;
        for (i64 i = 0; i < xs.len(); ++i) total = add(total, i64(xs.at(i)));
        return total;
    }
}

// min/max of a list: the first of equal items, `item < current` / `item > current`
// as CPython's min_max compares, which decides what nan does.
template <class T>
inline T max_of_list(const List<T>& xs) {
    if (PYRITE_UNLIKELY(xs.len() == 0)) raise(Exc::ValueError, "max() arg is an empty sequence");
    T best = xs.at(0);
    for (i64 i = 1; i < xs.len(); ++i) {
        T x = xs.at(i);
        if (py_lt(best, x)) best = x;
    }
    return best;
}
template <class T>
inline T min_of_list(const List<T>& xs) {
    if (PYRITE_UNLIKELY(xs.len() == 0)) raise(Exc::ValueError, "min() arg is an empty sequence");
    T best = xs.at(0);
    for (i64 i = 1; i < xs.len(); ++i) {
        T x = xs.at(i);
        if (py_lt(x, best)) best = x;
    }
    return best;
}

template <class T>
inline List<T> sorted(const List<T>& xs, bool reverse = false) {
    List<T> r = xs.copy();
    r.sort(reverse);
    return r;
}

template <class T>
inline List<T> sorted_in_place(const List<T>& fresh, bool reverse = false) {
    fresh.sort(reverse);
    return fresh;
}

template <class T>
inline bool any_of(const List<T>& xs) {
    for (i64 i = 0; i < xs.len(); ++i)
        if (truthy(xs.at(i))) return true;
    return false;
}
template <class T>
inline bool all_of(const List<T>& xs) {
    for (i64 i = 0; i < xs.len(); ++i)
        if (!truthy(xs.at(i))) return false;
    return true;
}

}  // namespace pyrite::builtins

namespace pyrite {
// dict(pairs): later pairs win, in order
template <class K, class V>
inline Dict<K, V> dict_from_pairs(const List<std::tuple<K, V>>& pairs) {
    Dict<K, V> d = Dict<K, V>::make();
    for (i64 i = 0; i < pairs.len(); ++i) {
        auto kv = pairs.at(i);
        d.set(std::get<0>(kv), std::get<1>(kv));
    }
    return d;
}
}  // namespace pyrite
