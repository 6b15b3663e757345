// collections.OrderedDict[K, V]: a dict (whose order is already its insertion order) with
// move_to_end(key, last=True), popitem(last=True), == that also compares the order against
// another OrderedDict, and OrderedDict's repr. At the boundary it is a collections.OrderedDict,
// either way (read and written through its own items() and __setitem__, which keep its order).
#pragma once
#include "boundary.hpp"
#include "dict.hpp"

namespace pyrite {

template <class K, class V>
class OrderedDict : public Dict<K, V> {
public:
    OrderedDict() = default;
    OrderedDict(Dict<K, V> d) : Dict<K, V>(std::move(d)) {}  // od.copy(), OrderedDict(pairs)
    static OrderedDict make() { return OrderedDict(Dict<K, V>::make()); }
    // the items in order
    Vec<std::tuple<K, V>> ordered() const {
        Vec<std::tuple<K, V>> items;
        for (i64 pos = this->next_pos(0); pos < this->end_pos(); pos = this->next_pos(pos + 1))
            items.emplace_back(this->entry(pos).key, this->entry(pos).value);
        return items;
    }
};

namespace collections {

// move_to_end(key, last=True): KeyError(key) where it is missing
template <class K, class V>
PYRITE_BUILTIN("collections.OrderedDict.move_to_end") inline none_t move_to_end(const OrderedDict<K, V>& self, const K& key,
                                                                                bool last = true) {
    std::optional<V> v = self.get_opt(key);
    if (!v) Dict<K, V>::key_error(key);
    if (last) {
        self.del_item(key);
        self.set(key, *v);
        return {};
    }
    Vec<std::tuple<K, V>> items = self.ordered();
    self.clear();
    self.set(key, *v);
    for (auto& kv : items)
        if (!py_eq(std::get<0>(kv), key)) self.set(std::get<0>(kv), std::get<1>(kv));
    return {};
}

// popitem(last=True): the last item (the first with last=False), removed
template <class K, class V>
PYRITE_BUILTIN("collections.OrderedDict.popitem") inline std::tuple<K, V> popitem(const OrderedDict<K, V>& self,
                                                                                 bool last = true) {
    if (self.len() == 0) raise(Exc::KeyError, "'dictionary is empty'");
    Vec<std::tuple<K, V>> items = self.ordered();
    std::tuple<K, V> kv = last ? items.back() : items.front();
    self.del_item(std::get<0>(kv));
    return kv;
}

}  // namespace collections

// == of two OrderedDicts: the same items in the same order
template <class K, class V>
inline bool py_eq(const OrderedDict<K, V>& a, const OrderedDict<K, V>& b) {
    if (a.len() != b.len()) return false;
    Vec<std::tuple<K, V>> x = a.ordered(), y = b.ordered();
    for (size_t i = 0; i < x.size(); ++i)
        if (!py_eq(std::get<0>(x[i]), std::get<0>(y[i])) || !py_eq(std::get<1>(x[i]), std::get<1>(y[i]))) return false;
    return true;
}

// OrderedDict([('a', 1)]) through CPython 3.11, OrderedDict({'a': 1}) from 3.12; OrderedDict() empty
template <class K, class V>
inline void repr_to(std::string& out, const OrderedDict<K, V>& d) {
    if (d.len() == 0) {
        out += "OrderedDict()";
        return;
    }
#if PY_VERSION_HEX >= 0x030C0000
    out += "OrderedDict(";
    repr_to(out, static_cast<const Dict<K, V>&>(d));
    out += ")";
#else
    out += "OrderedDict([";
    bool first = true;
    for (const auto& kv : d.ordered()) {
        if (!first) out += ", ";
        first = false;
        repr_to(out, kv);
    }
    out += "])";
#endif
}

namespace capi {

inline PyObject* ordereddict_class() {
    static PyObject* cls = nullptr;
    return module_attr(cls, "collections", "OrderedDict");
}

template <class K, class V>
bool from_py(PyObject* o, OrderedDict<K, V>* out, const Where& w) {
    Dict<K, V> d;
    if (!subclass_from_py(o, ordereddict_class(), "collections.OrderedDict", &d, w)) return false;
    *out = OrderedDict<K, V>(d);
    return true;
}

template <class K, class V>
PyObject* to_py(const OrderedDict<K, V>& d, Boundary& b) {
    return dict_to_py_as(d, b, [] {
        PyObject* cls = ordereddict_class();
        return cls ? PyObject_CallNoArgs(cls) : nullptr;
    });
}

}  // namespace capi
}  // namespace pyrite
