// Iteration: what `for x in <iterable>` (and every comprehension) runs.
//
// Each iterable gives an iterator with one operation, `bool next(T& out)`,
// with CPython's iterator semantics:
//   list  by index, re-reading the length each step (items appended during the
//         loop are seen, as in CPython)
//   str   by code point
//   dict  (and d.keys(), d.values(), d.items()) by position; a size change
//         since the loop began raises "dictionary changed size during iteration"
//   set   by slot; a size change raises "Set changed size during iteration"
// zip(a, b) calls next on each in turn and stops at the first exhausted one;
// enumerate counts. These are plain structs the optimizer flattens into the loop.
#pragma once
#include <array>
#include <tuple>

#include "dict.hpp"
#include "list.hpp"
#include "set.hpp"
#include "str.hpp"

namespace pyrite {

template <class T>
struct ListIter {
    List<T> list;
    i64 k = 0;
    bool next(T& out) {
        if (k >= list.len()) return false;
        out = list.at(k++);
        return true;
    }
};

// A loop whose body provably cannot change the list's length (codegen's
// keeps_lengths): the items are read through a pointer and a length taken once.
// Element stores in the body are still seen, as through CPython's iterator.
template <class T>
struct ListFixedIter {
    List<T> list;  // keeps the storage alive
    const typename List<T>::stored_type* data;
    i64 n, k = 0;
    explicit ListFixedIter(const List<T>& l) : list(l), data(l.items().data()), n(l.len()) {}
    bool next(T& out) {
        if (k >= n) return false;
        out = T(data[k++]);
        return true;
    }
    // `for b in bodies` whose body only reads and stores numbers (opt/borrow.cpp): the item uncounted
    template <class V>
    bool next_borrowed(V& out) {
        if (k >= n) return false;
        borrow_assign(out, data[k++]);
        return true;
    }
};
template <class T>
inline ListFixedIter<T> iter_fixed(const List<T>& l) { return ListFixedIter<T>(l); }

template <class T>
struct ListReverseIter {
    List<T> list;
    i64 k;
    explicit ListReverseIter(const List<T>& l) : list(l), k(l.len() - 1) {}
    bool next(T& out) {
        // CPython's reversed(list) stops when the index leaves the (possibly shrunk) list
        if (k < 0 || k >= list.len()) return false;
        out = list.at(k--);
        return true;
    }
};

struct StrIter {
    Str s;
    i64 k = 0;
    bool next(Str& out) {
        if (k >= s.len()) return false;
        out = Str::chr(s.at(k++));
        return true;
    }
};

struct StrReverseIter {
    Str s;
    i64 k;
    explicit StrReverseIter(const Str& x) : s(x), k(x.len() - 1) {}
    bool next(Str& out) {
        if (k < 0) return false;
        out = Str::chr(s.at(k--));
        return true;
    }
};

enum class DictPart { keys, values, items };

template <class K, class V, DictPart part>
struct DictIter {
    Dict<K, V> d;
    i64 size_at_start, pos = 0, remaining;
    explicit DictIter(const Dict<K, V>& x) : d(x), size_at_start(x.len()), remaining(x.len()) {}
    template <class Out>
    bool next(Out& out) {
        d.check_size(size_at_start);
        pos = d.next_pos(pos);
        if (pos >= d.end_pos()) return false;
        if (PYRITE_UNLIKELY(remaining-- == 0)) raise(Exc::RuntimeError, "dictionary keys changed during iteration");
        const auto& e = d.entry(pos++);
        if constexpr (part == DictPart::keys) out = e.key;
        else if constexpr (part == DictPart::values) out = e.value;
        else out = Out{e.key, e.value};
        return true;
    }
};

template <class T>
struct SetIter {
    Set<T> s;
    i64 size_at_start, pos = 0, remaining;
    explicit SetIter(const Set<T>& x) : s(x), size_at_start(x.len()), remaining(x.len()) {}
    bool next(T& out) {
        s.check_size(size_at_start);
        pos = s.next_pos(pos);
        if (pos >= s.end_pos()) return false;
        if (PYRITE_UNLIKELY(remaining-- == 0)) return false;  // CPython's set iterator ends here too
        out = s.key_at(pos++);
        return true;
    }
};

// a fixed tuple of one item type, iterated as a list of its items
template <class T>
inline ListIter<T> iter(const List<T>& l) { return ListIter<T>{l}; }
template <class T>
inline ListIter<T> iter(const Tuple<T>& t) { return ListIter<T>{t.list()}; }
template <class T>
inline ListReverseIter<T> iter_reversed(const Tuple<T>& t) { return ListReverseIter<T>(t.list()); }
inline StrIter iter(const Str& s) { return StrIter{s}; }
template <class K, class V>
inline DictIter<K, V, DictPart::keys> iter(const Dict<K, V>& d) { return DictIter<K, V, DictPart::keys>(d); }
template <class K, class V>
inline DictIter<K, V, DictPart::keys> iter_keys(const Dict<K, V>& d) { return DictIter<K, V, DictPart::keys>(d); }
template <class K, class V>
inline DictIter<K, V, DictPart::values> iter_values(const Dict<K, V>& d) { return DictIter<K, V, DictPart::values>(d); }
template <class K, class V>
inline DictIter<K, V, DictPart::items> iter_items(const Dict<K, V>& d) { return DictIter<K, V, DictPart::items>(d); }
template <class T>
inline SetIter<T> iter(const Set<T>& s) { return SetIter<T>(s); }
template <class T>
inline ListReverseIter<T> iter_reversed(const List<T>& l) { return ListReverseIter<T>(l); }
inline StrReverseIter iter_reversed(const Str& s) { return StrReverseIter(s); }
// a fixed tuple of one item type (`for dr, dc in ((1, 0), (-1, 0), ...)`) or a list display in a
// for (codegen's iterator()): its items in an array on the stack, not a list on the heap made at
// each round of an enclosing loop (17% of a grid BFS)
template <class T, std::size_t N>
struct TupleItemsIter {
    std::array<T, N> items;
    std::size_t k = 0;
    bool next(T& out) {
        if (k >= N) return false;
        out = items[k++];
        return true;
    }
};
template <class T0, class... T>
inline TupleItemsIter<T0, 1 + sizeof...(T)> iter(const std::tuple<T0, T...>& t) {
    return std::apply([](const auto&... x) { return TupleItemsIter<T0, 1 + sizeof...(T)>{{x...}}; }, t);
}
inline ListIter<i64> iter(const std::tuple<>&) { return ListIter<i64>{List<i64>::make()}; }

// list(x), sorted(x), set(x), sum(x), ...: the items of any iterable, in iteration order
template <class T, class It>
inline List<T> collect(It it) {
    List<T> out = List<T>::make();
    T x{};
    while (it.next(x)) out.append(x);
    return out;
}

}  // namespace pyrite
