// collections.Counter[K]: a dict of int counts whose c[k] of a missing key is 0 (and stores
// nothing), with Counter(iterable), most_common, update, subtract, total and elements as
// Counter's Python code computes them; == treats missing keys as 0 (3.10+). Everything else is
// the dict's (dict.hpp). At the boundary it is a collections.Counter, either way.
#pragma once
#include "boundary.hpp"
#include "dict.hpp"

namespace pyrite {

template <class K>
class Counter : public Dict<K, i64> {
public:
    Counter() = default;
    Counter(Dict<K, i64> d) : Dict<K, i64>(std::move(d)) {}  // c.copy()
    static Counter make() { return Counter(Dict<K, i64>::make()); }
    // c[k]: its count, 0 where missing (Counter.__missing__ stores nothing)
    i64 get(const K& key) const {
        std::optional<i64> v = this->get_opt(key);
        return v ? *v : 0;
    }
};

namespace collections {

// Counter(iterable) and c.update(iterable): one more for each item (_count_elements)
template <class K>
inline Counter<K> counter_of(const List<K>& items) {
    Counter<K> c = Counter<K>::make();
    for (i64 i = 0; i < items.len(); ++i) c.set(items.at(i), add(c.get(items.at(i)), i64(1)));
    return c;
}
// Counter(words) of a list read in place (opt/views.cpp: views.hpp's PyViewValues): each item
// counted as it is converted, its Str dropped at once where the key was there (no list of them)
template <class K, class Items>
inline Counter<K> counter_of_items(Items items) {
    Counter<K> c = Counter<K>::make();
    K x{};
    while (items.next(x)) c.set(x, add(c.get(x), i64(1)));
    return c;
}
// Counter(mapping): a copy of its counts, in its order (update's dict.update into an empty Counter)
template <class K>
inline Counter<K> counter_of_mapping(const Dict<K, i64>& mapping) {
    Counter<K> c = Counter<K>::make();
    for (i64 pos = mapping.next_pos(0); pos < mapping.end_pos(); pos = mapping.next_pos(pos + 1)) {
        const auto& e = mapping.entry(pos);
        c.set(e.key, e.value);
    }
    return c;
}
template <class K>
PYRITE_BUILTIN("collections.Counter.update") inline none_t update(const Counter<K>& self, const List<K>& iterable) {
    for (i64 i = 0; i < iterable.len(); ++i) self.set(iterable.at(i), add(self.get(iterable.at(i)), i64(1)));
    return {};
}
template <class K>
PYRITE_BUILTIN("collections.Counter.subtract") inline none_t subtract(const Counter<K>& self, const List<K>& iterable) {
    for (i64 i = 0; i < iterable.len(); ++i) self.set(iterable.at(i), sub(self.get(iterable.at(i)), i64(1)));
    return {};
}
// c.update(mapping), c.subtract(mapping): count + c[k] and c[k] - count for each of its items
template <class K>
PYRITE_BUILTIN("collections.Counter.update") inline none_t update(const Counter<K>& self, const Dict<K, i64>& mapping) {
    for (i64 pos = mapping.next_pos(0); pos < mapping.end_pos(); pos = mapping.next_pos(pos + 1)) {
        const auto& e = mapping.entry(pos);
        self.set(e.key, add(e.value, self.get(e.key)));
    }
    return {};
}
template <class K>
PYRITE_BUILTIN("collections.Counter.subtract") inline none_t subtract(const Counter<K>& self, const Dict<K, i64>& mapping) {
    for (i64 pos = mapping.next_pos(0); pos < mapping.end_pos(); pos = mapping.next_pos(pos + 1)) {
        const auto& e = mapping.entry(pos);
        self.set(e.key, sub(self.get(e.key), e.value));
    }
    return {};
}
// +c and -c: Counter.__pos__ (the positive counts) and __neg__ (the negative ones, negated)
template <class K>
inline Counter<K> counter_pos(const Counter<K>& a) {
    Counter<K> r = Counter<K>::make();
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1))
        if (a.entry(pos).value > 0) r.set(a.entry(pos).key, a.entry(pos).value);
    return r;
}
template <class K>
inline Counter<K> counter_neg(const Counter<K>& a) {
    Counter<K> r = Counter<K>::make();
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1))
        if (a.entry(pos).value < 0) r.set(a.entry(pos).key, sub(i64(0), a.entry(pos).value));
    return r;
}
template <class K>
PYRITE_BUILTIN("collections.Counter.total") inline i64 total(const Counter<K>& self) {
    i64 t = 0;
    for (i64 pos = self.next_pos(0); pos < self.end_pos(); pos = self.next_pos(pos + 1)) t = add(t, self.entry(pos).value);
    return t;
}
// most_common(): the items by count, largest first, equal counts in insertion order (sorted(...,
// reverse=True) is stable; heapq.nlargest's ties keep that order too)
template <class K>
PYRITE_BUILTIN("collections.Counter.most_common") inline List<std::tuple<K, i64>> most_common(const Counter<K>& self) {
    Vec<std::tuple<K, i64>> items;
    for (i64 pos = self.next_pos(0); pos < self.end_pos(); pos = self.next_pos(pos + 1))
        items.emplace_back(self.entry(pos).key, self.entry(pos).value);
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return std::get<1>(a) > std::get<1>(b); });
    List<std::tuple<K, i64>> r = List<std::tuple<K, i64>>::make();
    for (auto& x : items) r.append(x);
    return r;
}
template <class K>
PYRITE_BUILTIN("collections.Counter.most_common") inline List<std::tuple<K, i64>> most_common(const Counter<K>& self, i64 n) {
    List<std::tuple<K, i64>> all = most_common(self);
    if (n < all.len()) all.items().resize(static_cast<size_t>(std::max<i64>(n, 0)));
    return all;
}
// elements(): each key as many times as its count, in insertion order
template <class K>
PYRITE_BUILTIN("collections.Counter.elements") inline List<K> elements(const Counter<K>& self) {
    List<K> r = List<K>::make();
    for (i64 pos = self.next_pos(0); pos < self.end_pos(); pos = self.next_pos(pos + 1))
        for (i64 k = 0; k < self.entry(pos).value; ++k) r.append(self.entry(pos).key);
    return r;
}

// c + d, c - d, c | d, c & d: Counter.__add__ and the others, keeping positive counts only
template <class K, class F>
inline Counter<K> counter_combine(const Counter<K>& a, const Counter<K>& b, F combine, bool b_alone) {
    Counter<K> r = Counter<K>::make();
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1)) {
        i64 n = combine(a.entry(pos).value, b.get(a.entry(pos).key));
        if (n > 0) r.set(a.entry(pos).key, n);
    }
    if (b_alone)  // what only b counts: combined with a missing 0
        for (i64 pos = b.next_pos(0); pos < b.end_pos(); pos = b.next_pos(pos + 1)) {
            const K& k = b.entry(pos).key;
            if (a.contains(k)) continue;
            i64 n = combine(0, b.entry(pos).value);
            if (n > 0) r.set(k, n);
        }
    return r;
}
template <class K>
inline Counter<K> counter_add(const Counter<K>& a, const Counter<K>& b) {
    return counter_combine(a, b, [](i64 x, i64 y) { return add(x, y); }, true);
}
template <class K>
inline Counter<K> counter_sub(const Counter<K>& a, const Counter<K>& b) {
    return counter_combine(a, b, [](i64 x, i64 y) { return sub(x, y); }, true);
}
template <class K>
inline Counter<K> counter_or_(const Counter<K>& a, const Counter<K>& b) {
    return counter_combine(a, b, [](i64 x, i64 y) { return x < y ? y : x; }, true);
}
template <class K>
inline Counter<K> counter_and_(const Counter<K>& a, const Counter<K>& b) {
    return counter_combine(a, b, [](i64 x, i64 y) { return x < y ? x : y; }, false);
}
// c += d and the others: c changed in place (every alias sees it), then its non-positive counts
// dropped (_keep_positive); c itself is the result
template <class K, class F>
inline Counter<K> counter_inplace(const Counter<K>& a, const Counter<K>& b, F update) {
    for (i64 pos = b.next_pos(0); pos < b.end_pos(); pos = b.next_pos(pos + 1)) update(b.entry(pos).key, b.entry(pos).value);
    Vec<K> nonpositive;
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1))
        if (!(a.entry(pos).value > 0)) nonpositive.push_back(a.entry(pos).key);
    for (const K& k : nonpositive) a.del_item(k);
    return a;
}
template <class K>
inline Counter<K> counter_iadd(const Counter<K>& a, const Counter<K>& b) {
    return counter_inplace(a, b, [&](const K& k, i64 n) { a.set(k, add(a.get(k), n)); });
}
template <class K>
inline Counter<K> counter_isub(const Counter<K>& a, const Counter<K>& b) {
    return counter_inplace(a, b, [&](const K& k, i64 n) { a.set(k, sub(a.get(k), n)); });
}
template <class K>
inline Counter<K> counter_ior_(const Counter<K>& a, const Counter<K>& b) {
    return counter_inplace(a, b, [&](const K& k, i64 n) {
        if (n > a.get(k)) a.set(k, n);
    });
}
template <class K>
inline Counter<K> counter_iand_(const Counter<K>& a, const Counter<K>& b) {
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1)) {
        i64 other = b.get(a.entry(pos).key);
        if (other < a.entry(pos).value) a.set(a.entry(pos).key, other);
    }
    return counter_inplace(a, Counter<K>::make(), [](const K&, i64) {});
}

}  // namespace collections

// == as Counter's (3.10+): a missing key counts 0
template <class K>
inline bool py_eq(const Counter<K>& a, const Counter<K>& b) {
    for (const Counter<K>* x : {&a, &b})
        for (i64 pos = x->next_pos(0); pos < x->end_pos(); pos = x->next_pos(pos + 1)) {
            const K& k = x->entry(pos).key;
            if (a.get(k) != b.get(k)) return false;
        }
    return true;
}

// Counter({'a': 3, 'b': 1}): most common first; Counter() when empty
template <class K>
inline void repr_to(std::string& out, const Counter<K>& c) {
    if (c.len() == 0) {
        out += "Counter()";
        return;
    }
    List<std::tuple<K, i64>> items = collections::most_common(c);
    out += "Counter({";
    for (i64 i = 0; i < items.len(); ++i) {
        if (i) out += ", ";
        repr_to(out, std::get<0>(items.at(i)));
        out += ": ";
        repr_to(out, std::get<1>(items.at(i)));
    }
    out += "})";
}

namespace capi {

inline PyObject* counter_class() {
    static PyObject* cls = nullptr;
    return module_attr(cls, "collections", "Counter");
}

template <class K>
bool from_py(PyObject* o, Counter<K>* out, const Where& w) {
    Dict<K, i64> d;
    if (!subclass_from_py(o, counter_class(), "collections.Counter", &d, w)) return false;
    *out = Counter<K>(d);
    return true;
}

template <class K>
PyObject* to_py(const Counter<K>& c, Boundary& b) {
    return dict_to_py_as(c, b, [] {
        PyObject* cls = counter_class();
        return cls ? PyObject_CallNoArgs(cls) : nullptr;
    });
}

}  // namespace capi
}  // namespace pyrite
