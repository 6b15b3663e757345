// Builtins over lists: sum, min, max, sorted, any, all; over other iterables
// they take the items as a list (codegen's as_list). (len, list() and the
// methods are members of pyrite::List in list.hpp.)
#pragma once
#include "../complex.hpp"
#include "../iter.hpp"

namespace pyrite::builtins {

// sum(xs[, start]) adds left to right from start (0 by default), as CPython
// 3.11 does: for floats the running total starts as float(start), so that
// sum([-0.0]) is 0.0. CPython 3.12 and later add floats with compensated
// (Neumaier) summation, which is reproduced when the module is built for them.
// One step of it is sum_comp (the compensation) then sum_add (the total), and
// sum_end the result: sum() of a list and sum() of a generator expression
// (opt/folds.cpp: no list made) add with these three.
template <class R, class T>
inline R sum_add(R total, T x) {
    if constexpr (std::is_same_v<R, double>) return total + double(x);
    else if constexpr (std::is_same_v<R, Real>) return add(total, Real(x));  // int | float: the int's or the float's
    else if constexpr (std::is_same_v<R, std::complex<double>>) return cx::add(total, R(x));  // complex_add
    else return add(total, i64(x));
}
template <class T>
inline double sum_comp(double c, double total, T item) {
#if defined(PY_VERSION_HEX) && PY_VERSION_HEX >= 0x030C0000
    double x = double(item), t = total + x;  // Neumaier's compensation, as CPython 3.12's builtin_sum_impl
    if (std::fabs(total) >= std::fabs(x)) return c + ((total - t) + x);
    return c + ((x - t) + total);
#else
    (void)total, (void)item;
    return c;
#endif
}
inline double sum_end(double total, double c) {
    // CPython adds the compensation only when it is non-zero and finite
    return c != 0.0 && std::isfinite(c) ? total + c : total;
}

template <class R, class T>
inline R sum(const List<T>& xs, R start = R(0)) {
    R total = start;
    if constexpr (std::is_same_v<R, double>) {
        double c = 0.0;
        for (i64 i = 0; i < xs.len(); ++i) {
            const T& x = xs.at(i);
            c = sum_comp(c, total, x);
            total = sum_add(total, x);
        }
        return sum_end(total, c);
    } else {
        for (i64 i = 0; i < xs.len(); ++i) total = sum_add(total, xs.at(i));
        return total;
    }
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

// (key, position) pairs in a stable order of their keys: an instance per key type, whatever the
// key function (prebuilt for the common ones, below)
template <class K>
void sort_keyed(Vec<std::pair<K, i64>>& keyed) {
    if constexpr (radix_sortable<K>) {
        if (keyed.size() >= kRadixFrom) {  // by radix (list.hpp), each key's place in `keyed` moved along
            // (the pairs are put back from those places: -0.0 and 0.0 may share a key here)
            const size_t n = keyed.size();
            Vec<std::uint64_t> keys(n);
            Vec<i64> at(n);
            for (size_t i = 0; i < n; ++i) {
                K k = keyed[i].first;
                if constexpr (std::is_same_v<K, double>) k = k == 0.0 ? 0.0 : k;  // -0.0 == 0.0: one key
                keys[i] = radix_key(k);
                at[i] = static_cast<i64>(i);
            }
            radix_sort_keys(keys.data(), n, at.data());
            Vec<std::pair<K, i64>> out;
            out.reserve(n);
            for (size_t i = 0; i < n; ++i) out.push_back(keyed[static_cast<size_t>(at[i])]);
            keyed.swap(out);
            return;
        }
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const std::pair<K, i64>& a, const std::pair<K, i64>& b) { return py_lt(a.first, b.first); });
}
PYRITE_PREBUILT(void sort_keyed<i64>(Vec<std::pair<i64, i64>>&))
PYRITE_PREBUILT(void sort_keyed<double>(Vec<std::pair<double, i64>>&))
PYRITE_PREBUILT(void sort_keyed<Str>(Vec<std::pair<Str, i64>>&))
PYRITE_PREBUILT(void sort_keyed<std::tuple<i64, Str>>(Vec<std::pair<std::tuple<i64, Str>, i64>>&))
PYRITE_PREBUILT(void sort_keyed<std::tuple<i64, i64>>(Vec<std::pair<std::tuple<i64, i64>, i64>>&))

// list.sort(key=f, reverse=r) as CPython's: every key first, in order (an
// exception from f leaves the list as it was), then a stable sort of the keys;
// reverse keeps equal keys in their original order.
template <class T, class F>
inline void sort_by_key(const List<T>& xs, bool reverse, F&& key) {
    using K = std::decay_t<decltype(key(xs.at(0)))>;
    Vec<std::pair<K, i64>> keyed;
    keyed.reserve(static_cast<size_t>(xs.len()));
    for (i64 i = 0; i < xs.len(); ++i) keyed.emplace_back(key(xs.at(i)), i);
    if constexpr (std::is_same_v<K, double> || std::is_same_v<K, Real>) {
        for (auto& kv : keyed)
            if (std::isnan(static_cast<double>(kv.first)))
                raise(Exc::ValueError, "pyrite cannot sort by keys containing nan the way CPython does");
    }
    if (reverse) std::reverse(keyed.begin(), keyed.end());
    sort_keyed(keyed);
    if (reverse) std::reverse(keyed.begin(), keyed.end());
    auto& items = xs.items();
    Vec<typename List<T>::stored_type> out;
    out.reserve(items.size());
    for (auto& kv : keyed) out.push_back(items[static_cast<size_t>(kv.second)]);
    items.swap(out);
    xs.object()->changed = true;
}
template <class T, class F>
inline List<T> sorted_in_place(const List<T>& fresh, bool reverse, F&& key) {
    sort_by_key(fresh, reverse, key);
    return fresh;
}

// min/max with key= and/or default=, as CPython's min_max: the first best item wins
template <bool is_max, class T, class F>
inline T best_by_key(const List<T>& xs, const std::optional<T>& dflt, F&& key, const char* name) {
    if (xs.len() == 0) {
        if (dflt) return *dflt;
        raisef(Exc::ValueError, "%s() arg is an empty sequence", name);
    }
    T best = xs.at(0);
    auto best_key = key(best);
    for (i64 i = 1; i < xs.len(); ++i) {
        T x = xs.at(i);
        auto k = key(x);
        if (is_max ? py_lt(best_key, k) : py_lt(k, best_key)) {
            best = x;
            best_key = k;
        }
    }
    return best;
}
struct identity_key {
    template <class T>
    const T& operator()(const T& x) const { return x; }
};
template <class T, class F = identity_key>
inline T max_of_list(const List<T>& xs, const std::optional<T>& dflt, F&& key = F{}) {
    return best_by_key<true>(xs, dflt, key, "max");
}
template <class T, class F = identity_key>
inline T min_of_list(const List<T>& xs, const std::optional<T>& dflt, F&& key = F{}) {
    return best_by_key<false>(xs, dflt, key, "min");
}
// min(xs) / max(xs): the first of equal items; `item < current` / `item > current`, as
// CPython's min_max compares, which decides what nan does
// max(*xs): CPython's min_max with xs's items as its arguments, which must be two or more (a single
// argument is read as the iterable; typeinfer allows only values that are not iterable)
template <class T>
inline const List<T>& star_values(const List<T>& xs, const char* func, const char* type) {
    if (PYRITE_LIKELY(xs.len() >= 2)) return xs;
    if (xs.len() == 0) raisef(Exc::TypeError, "%s expected at least 1 argument, got 0", func);
    raisef(Exc::TypeError, "'%s' object is not iterable", type);
}
template <class T>
inline T max_of_list(const List<T>& xs) { return best_by_key<true>(xs, std::optional<T>(), identity_key{}, "max"); }
template <class T>
inline T min_of_list(const List<T>& xs) { return best_by_key<false>(xs, std::optional<T>(), identity_key{}, "min"); }

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

// prebuilt (core.hpp, "The prebuilt runtime"): sorted() and list.sort() of the common items
PYRITE_PREBUILT(void sort_items<i64>(Vec<i64>&))
PYRITE_PREBUILT(void sort_items<double>(Vec<double>&))
PYRITE_PREBUILT(void sort_items<Str>(Vec<Str>&))
PYRITE_PREBUILT(void sort_items<std::tuple<i64, i64>>(Vec<std::tuple<i64, i64>>&))
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
// dict(pairs) of lists, tuple[T, ...]s or strs: each must have two items (dict_merge_from_seq2's check)
template <class K, class V, class P>
inline Dict<K, V> dict_from_pairs(const List<P>& pairs) {
    Dict<K, V> d = Dict<K, V>::make();
    for (i64 i = 0; i < pairs.len(); ++i) {
        P p = pairs.at(i);
        if (PYRITE_UNLIKELY(p.len() != 2))
            raisef(Exc::ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required", (long long)i,
                   (long long)p.len());
        if constexpr (std::is_same_v<P, Str>) d.set(p.slice(true, 0, true, 1, false, 0), p.slice(true, 1, true, 2, false, 0));
        else d.set(p.at(0), p.at(1));
    }
    return d;
}
// a, b = xs of a list, tuple[T, ...], str or array: item `index` of the `count` the unpacking
// expects, after CPython's check of the length (its messages)
template <class C, class = void>
struct has_shape : std::false_type {};
template <class C>
struct has_shape<C, std::void_t<decltype(std::declval<const C&>().shape[0])>> : std::true_type {};
// t[i] of a fixed-size tuple whose items have one type, i known only when it runs (typeinfer's
// subscript): CPython's negative indexes and IndexError
template <class... T>
inline auto tuple_at(const std::tuple<T...>& t, i64 i) {
    constexpr i64 n = sizeof...(T);
    if (i < 0) i += n;
    if (PYRITE_UNLIKELY(i < 0 || i >= n)) raise(Exc::IndexError, "tuple index out of range");
    using R = std::common_type_t<T...>;
    return std::apply([i](const T&... xs) -> R {
        const R* items[] = {&xs...};
        return *items[i];
    }, t);
}

template <class C>
inline auto unpack_item(const C& c, i64 index, i64 count) {
    i64 n;
    if constexpr (has_shape<C>::value) n = c.shape[0];
    else n = c.len();
    if (PYRITE_UNLIKELY(n != count)) {
        if (n > count) raisef(Exc::ValueError, "too many values to unpack (expected %lld)", static_cast<long long>(count));
        raisef(Exc::ValueError, "not enough values to unpack (expected %lld, got %lld)", static_cast<long long>(count),
               static_cast<long long>(n));
    }
    if constexpr (has_shape<C>::value) {
        if constexpr (sizeof(c.shape) / sizeof(c.shape[0]) == 1) return c.get(index);
        else return c.row(index);
    } else {
        return c.get(index);
    }
}

}  // namespace pyrite
