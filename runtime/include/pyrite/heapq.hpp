// heapq and bisect on compiled lists, by _heapqmodule.c's and _bisectmodule.c's algorithms: the
// same comparisons in the same order, so a heap or a sorted list ends as CPython leaves it
// (equal items, 1 and 1.0 or -0.0 and 0.0, in the same places) and a comparison that raises
// (nan in a list pyrite sorts) raises at the same point.
#pragma once
#include "builtins/containers.hpp"
#include "list.hpp"

namespace pyrite::heapq {

// x < y as Python compares them: items of one type by py_lt, numbers of two kinds exactly
template <class A, class B>
inline bool less(const A& x, const B& y) {
    if constexpr (std::is_same_v<A, B>) return py_lt(x, y);
    else return lt(x, y);  // ops.hpp: an int against a float, exactly
}

// _heapqmodule.c's siftdown: the parents down the path to the root until newitem fits
template <class T>
inline void siftdown(const List<T>& heap, i64 startpos, i64 pos) {
    auto& arr = heap.items();
    while (pos > startpos) {
        i64 parentpos = (pos - 1) >> 1;
        if (!py_lt(T(arr[static_cast<size_t>(pos)]), T(arr[static_cast<size_t>(parentpos)]))) break;
        std::swap(arr[static_cast<size_t>(parentpos)], arr[static_cast<size_t>(pos)]);
        pos = parentpos;
    }
}

// _heapqmodule.c's siftup: the smaller child up until a leaf, then siftdown from there
template <class T>
inline void siftup(const List<T>& heap, i64 pos) {
    auto& arr = heap.items();
    i64 endpos = heap.len(), startpos = pos, limit = endpos >> 1;
    while (pos < limit) {
        i64 childpos = 2 * pos + 1;
        if (childpos + 1 < endpos && !py_lt(T(arr[static_cast<size_t>(childpos)]), T(arr[static_cast<size_t>(childpos + 1)])))
            ++childpos;
        std::swap(arr[static_cast<size_t>(childpos)], arr[static_cast<size_t>(pos)]);
        pos = childpos;
    }
    siftdown(heap, startpos, pos);
}

template <class T>
PYRITE_BUILTIN("heapq.heappush") PYRITE_ORDERS inline none_t heappush(const List<T>& heap, const T& item) {
    heap.append(item);
    siftdown(heap, 0, heap.len() - 1);
    return {};
}

// the smallest item out, `item` in its place, sifted down to where it belongs
template <class T>
inline T replace_top(const List<T>& heap, const T& item) {
    T top = heap.at(0);
    heap.set_at(0, item);
    siftup(heap, 0);
    return top;
}

template <class T>
PYRITE_BUILTIN("heapq.heappop") PYRITE_ORDERS inline T heappop(const List<T>& heap) {
    if (heap.len() == 0) raise(Exc::IndexError, "index out of range");
    T last = heap.pop();
    return heap.len() == 0 ? last : replace_top(heap, last);
}

template <class T>
PYRITE_BUILTIN("heapq.heapreplace") PYRITE_ORDERS inline T heapreplace(const List<T>& heap, const T& item) {
    if (heap.len() == 0) raise(Exc::IndexError, "index out of range");
    return replace_top(heap, item);
}

template <class T>
PYRITE_BUILTIN("heapq.heappushpop") PYRITE_ORDERS inline T heappushpop(const List<T>& heap, const T& item) {
    if (heap.len() == 0 || !py_lt(heap.at(0), item)) return item;
    return replace_top(heap, item);
}

// heapify: bottom-up siftups, in cache_friendly_heapify's order past 2500 items (the same heap
// either way, as _heapqmodule.c says; its order is kept so that comparisons run as CPython's)
template <class T>
PYRITE_BUILTIN("heapq.heapify") PYRITE_ORDERS inline none_t heapify(const List<T>& heap) {
    i64 n = heap.len();
    heap.mark_changed();
    if (n <= 2500) {
        for (i64 i = (n >> 1) - 1; i >= 0; --i) siftup(heap, i);
        return {};
    }
    i64 m = n >> 1, top = m + 1, shift = 0;
    while (top > 1) top >>= 1, ++shift;
    i64 leftmost = (top << shift) - 1, mhalf = m >> 1;
    auto run = [&](i64 from, i64 to) {
        for (i64 i = from; i >= to; --i)
            for (i64 j = i;; j >>= 1) {
                siftup(heap, j);
                if (!(j & 1)) break;
            }
    };
    run(leftmost - 1, mhalf);
    run(m - 1, leftmost);
    return {};
}

// nsmallest/nlargest: heapq.py's result is sorted(iterable)[:n] (its ties broken by position),
// reversed for nlargest
// the sorted list's first n items (none for n <= 0)
template <class T>
inline List<T> first_n(const List<T>& r, i64 n) {
    if (n < r.len()) r.items().resize(static_cast<size_t>(std::max<i64>(n, 0)));
    return r;
}
template <class T>
PYRITE_BUILTIN("heapq.nsmallest") PYRITE_ORDERS inline List<T> nsmallest(i64 n, const List<T>& iterable) {
    List<T> r = iterable.copy();
    r.sort(false);
    return first_n(r, n);
}
template <class T>
PYRITE_BUILTIN("heapq.nlargest") PYRITE_ORDERS inline List<T> nlargest(i64 n, const List<T>& iterable) {
    List<T> r = iterable.copy();
    r.sort(true);
    return first_n(r, n);
}

// with key=: heapq.py's result is sorted(iterable, key=key)[:n], reversed for nlargest (equal keys
// in their order), each key computed once, in order
template <class T, class Key>
PYRITE_BUILTIN("heapq.nsmallest") inline List<T> nsmallest(i64 n, const List<T>& iterable, const Key& key) {
    List<T> r = iterable.copy();
    builtins::sort_by_key(r, false, key);
    return first_n(r, n);
}
template <class T, class Key>
PYRITE_BUILTIN("heapq.nlargest") inline List<T> nlargest(i64 n, const List<T>& iterable, const Key& key) {
    List<T> r = iterable.copy();
    builtins::sort_by_key(r, true, key);
    return first_n(r, n);
}

}  // namespace pyrite::heapq

namespace pyrite::bisect {

using heapq::less;

// _bisectmodule.c: lo < 0 is refused, hi = -1 (None) is len(a); an a[mid] past the end raises
inline void check_lo(i64 lo) {
    if (lo < 0) raise(Exc::ValueError, "lo must be non-negative");
}

template <class T, class X>
PYRITE_BUILTIN("bisect.bisect_right") PYRITE_BUILTIN("bisect.bisect") PYRITE_ORDERS inline i64 bisect_right(const List<T>& a, const X& x, i64 lo = 0, i64 hi = -1) {
    check_lo(lo);
    if (hi == -1) hi = a.len();
    while (lo < hi) {
        i64 mid = static_cast<i64>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (less(x, a.get(mid))) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

template <class T, class X>
PYRITE_BUILTIN("bisect.bisect_left") PYRITE_ORDERS inline i64 bisect_left(const List<T>& a, const X& x, i64 lo = 0, i64 hi = -1) {
    check_lo(lo);
    if (hi == -1) hi = a.len();
    while (lo < hi) {
        i64 mid = static_cast<i64>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (less(a.get(mid), x)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

template <class T>
PYRITE_BUILTIN("bisect.insort_right") PYRITE_BUILTIN("bisect.insort") PYRITE_ORDERS inline none_t insort_right(const List<T>& a, const T& x, i64 lo = 0, i64 hi = -1) {
    a.insert(bisect_right(a, x, lo, hi), x);
    return {};
}

template <class T>
PYRITE_BUILTIN("bisect.insort_left") PYRITE_ORDERS inline none_t insort_left(const List<T>& a, const T& x, i64 lo = 0, i64 hi = -1) {
    a.insert(bisect_left(a, x, lo, hi), x);
    return {};
}

// with key= (3.10): x is compared with key(a[mid]), and insort inserts x at key(x)'s place
template <class T, class X, class Key>
PYRITE_BUILTIN("bisect.bisect_right") PYRITE_BUILTIN("bisect.bisect") inline i64 bisect_right(const List<T>& a, const X& x, i64 lo = 0, i64 hi = -1, const Key& key = {}) {
    check_lo(lo);
    if (hi == -1) hi = a.len();
    while (lo < hi) {
        i64 mid = static_cast<i64>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (less(x, key(a.get(mid)))) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

template <class T, class X, class Key>
PYRITE_BUILTIN("bisect.bisect_left") inline i64 bisect_left(const List<T>& a, const X& x, i64 lo = 0, i64 hi = -1, const Key& key = {}) {
    check_lo(lo);
    if (hi == -1) hi = a.len();
    while (lo < hi) {
        i64 mid = static_cast<i64>((static_cast<uint64_t>(lo) + static_cast<uint64_t>(hi)) / 2);
        if (less(key(a.get(mid)), x)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

template <class T, class Key>
PYRITE_BUILTIN("bisect.insort_right") PYRITE_BUILTIN("bisect.insort") inline none_t insort_right(const List<T>& a, const T& x, i64 lo = 0, i64 hi = -1, const Key& key = {}) {
    a.insert(bisect_right(a, key(x), lo, hi, key), x);
    return {};
}

template <class T, class Key>
PYRITE_BUILTIN("bisect.insort_left") inline none_t insort_left(const List<T>& a, const T& x, i64 lo = 0, i64 hi = -1, const Key& key = {}) {
    a.insert(bisect_left(a, key(x), lo, hi, key), x);
    return {};
}

}  // namespace pyrite::bisect
