// collections.deque[T]: a double-ended queue shared by reference, as CPython's, with its
// maxlen (items fall off the other end), its messages, and its iterator's check that the deque
// did not change during the loop. Its methods are PYRITE_BUILTINs taking the deque first
// ("collections.deque.append": typeinfer's methods.cpp); deque(...) itself is ops.def's DequeOf.
// A deque argument is copied in and written back into the caller's deque at the end of the
// call, as lists are (boundary.hpp); one returned is a collections.deque.
#pragma once
#include <deque>
#include <optional>

#include "iter.hpp"
#include "list.hpp"

namespace pyrite {

template <class T>
struct DequeObject final : Object {
    std::deque<typename Stored<T>::type> items;
    i64 maxlen = -1;   // None
    i64 state = 0;     // counts changes, as CPython's deque->state: iterators check it
};

template <class T>
class Deque {
public:
    using value_type = T;
    using stored_type = typename Stored<T>::type;

    Deque() = default;
    static Deque make(i64 maxlen = -1) {
        Deque d(new DequeObject<T>());
        d.p_->maxlen = maxlen;
        return d;
    }
    static Deque borrow(DequeObject<T>* p) {
        retain(p);
        return Deque(p);
    }

    i64 len() const { return static_cast<i64>(p_->items.size()); }
    i64 maxlen() const { return p_->maxlen; }
    i64 state() const { return p_->state; }
    std::deque<stored_type>& items() const { return p_->items; }
    DequeObject<T>* object() const { return p_.get(); }
    bool same(const Deque& o) const { return p_.same(o.p_); }

    T at(i64 i) const { return T(p_->items[static_cast<size_t>(i)]); }
    T get(i64 i) const { return T(p_->items[index(i)]); }
    void set(i64 i, const T& v) const {
        p_->items[index(i)] = v;
        p_->changed = true;
    }
    bool contains(const T& v) const {
        for (const stored_type& x : p_->items)
            if (py_eq(T(x), v)) return true;
        return false;
    }
    // a change of its items' number or order: iterators stop with RuntimeError
    void touched() const {
        p_->changed = true;
        ++p_->state;
    }
    void push_back(const T& v) const {
        touched();
        if (p_->maxlen == 0) return;
        p_->items.push_back(v);
        if (p_->maxlen > 0 && len() > p_->maxlen) p_->items.pop_front();
    }
    void push_front(const T& v) const {
        touched();
        if (p_->maxlen == 0) return;
        p_->items.push_front(v);
        if (p_->maxlen > 0 && len() > p_->maxlen) p_->items.pop_back();
    }

private:
    explicit Deque(DequeObject<T>* p) : p_(p) {}
    size_t index(i64 i) const {
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "deque index out of range");
        return static_cast<size_t>(i);
    }
    Ref<DequeObject<T>> p_;
};

template <class T>
inline bool truthy(const Deque<T>& d) { return !d.items().empty(); }  // not size(): a dozen instructions
template <class T>
PYRITE_BUILTIN("bool") inline bool bool_(const Deque<T>& d) { return d.len() != 0; }
// a OP b as deque_richcompare: the first index where the items differ (by ==) decides with OP on
// them; else the lengths do
template <Cmp op, class T>
inline bool deque_compare(const Deque<T>& a, const Deque<T>& b) {
    if ((op == Cmp::eq || op == Cmp::ne) && a.len() != b.len()) return op == Cmp::ne;
    i64 n = std::min(a.len(), b.len()), i = 0;
    while (i < n && py_eq(a.at(i), b.at(i))) ++i;
    if (i < n) {
        if constexpr (op == Cmp::eq) return false;
        else if constexpr (op == Cmp::ne) return true;
        else return py_cmp(op, a.at(i), b.at(i));
    }
    switch (op) {
        case Cmp::lt: return a.len() < b.len();
        case Cmp::le: return a.len() <= b.len();
        case Cmp::gt: return a.len() > b.len();
        case Cmp::ge: return a.len() >= b.len();
        case Cmp::eq: return a.len() == b.len();
        default: return a.len() != b.len();
    }
}
template <class T>
inline bool py_eq(const Deque<T>& a, const Deque<T>& b) { return deque_compare<Cmp::eq>(a, b); }
template <class T>
inline bool py_lt(const Deque<T>& a, const Deque<T>& b) { return deque_compare<Cmp::lt>(a, b); }
// deque([1, 2]) / deque([1, 2], maxlen=3)
template <class T>
inline void repr_to(std::string& out, const Deque<T>& d) {
    out += "deque([";
    for (i64 i = 0; i < d.len(); ++i) {
        if (i) out += ", ";
        repr_to(out, d.at(i));
    }
    out += "]";
    if (d.maxlen() >= 0) out += ", maxlen=" + std::to_string(d.maxlen());
    out += ")";
}

// for x in d: CPython's dequeiter, which raises when the deque changed since the loop began
template <class T>
struct DequeIter {
    Deque<T> d;
    i64 state, k = 0;
    explicit DequeIter(const Deque<T>& x) : d(x), state(x.state()) {}
    bool next(T& out) {
        if (PYRITE_UNLIKELY(d.state() != state)) raise(Exc::RuntimeError, "deque mutated during iteration");
        if (k >= d.len()) return false;
        out = d.at(k++);
        return true;
    }
};
template <class T>
inline DequeIter<T> iter(const Deque<T>& d) { return DequeIter<T>(d); }

namespace collections {

// deque(iterable, maxlen): the last maxlen items of the iterable
template <class T>
inline Deque<T> deque_of(const List<T>& items, std::optional<i64> maxlen) {
    if (maxlen && *maxlen < 0) raise(Exc::ValueError, "maxlen must be non-negative");
    Deque<T> d = Deque<T>::make(maxlen ? *maxlen : -1);
    for (i64 i = 0; i < items.len(); ++i) d.push_back(items.at(i));
    d.object()->changed = false;
    return d;
}

template <class T>
PYRITE_BUILTIN("collections.deque.append") inline none_t append(const Deque<T>& self, const T& x) {
    self.push_back(x);
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.appendleft") inline none_t appendleft(const Deque<T>& self, const T& x) {
    self.push_front(x);
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.pop") inline T pop(const Deque<T>& self) {
    if (self.items().empty()) raise(Exc::IndexError, "pop from an empty deque");
    T x = T(self.items().back());
    self.items().pop_back();
    self.touched();
    return x;
}
template <class T>
PYRITE_BUILTIN("collections.deque.popleft") inline T popleft(const Deque<T>& self) {
    if (self.items().empty()) raise(Exc::IndexError, "pop from an empty deque");
    T x = T(self.items().front());
    self.items().pop_front();
    self.touched();
    return x;
}
// extend(iterable) / extendleft(iterable): item by item (extendleft reverses their order);
// from a copy where the deque extends itself, as CPython's deque_extend
template <class T>
PYRITE_BUILTIN("collections.deque.extend") inline none_t extend(const Deque<T>& self, const List<T>& iterable) {
    List<T> items = iterable.copy();
    for (i64 i = 0; i < items.len(); ++i) self.push_back(items.at(i));
    self.touched();
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.extend") inline none_t extend(const Deque<T>& self, const Deque<T>& iterable) {
    std::deque<typename Deque<T>::stored_type> items = iterable.items();
    for (const auto& x : items) self.push_back(T(x));
    self.touched();
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.extendleft") inline none_t extendleft(const Deque<T>& self, const List<T>& iterable) {
    List<T> items = iterable.copy();
    for (i64 i = 0; i < items.len(); ++i) self.push_front(items.at(i));
    self.touched();
    return {};
}
// rotate(n): the last n items to the front (n mod len; negative n the other way)
template <class T>
PYRITE_BUILTIN("collections.deque.rotate") inline none_t rotate(const Deque<T>& self, i64 n = 1) {
    i64 len = self.len();
    self.touched();
    if (len <= 1) return {};
    i64 k = n % len;
    if (k < 0) k += len;
    auto& v = self.items();
    std::rotate(v.begin(), v.end() - k, v.end());
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.clear") inline none_t clear(const Deque<T>& self) {
    self.items().clear();
    self.touched();
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.copy") inline Deque<T> copy(const Deque<T>& self) {
    Deque<T> d = Deque<T>::make(self.maxlen());
    d.items() = self.items();
    return d;
}
template <class T>
PYRITE_BUILTIN("collections.deque.reverse") inline none_t reverse(const Deque<T>& self) {
    std::reverse(self.items().begin(), self.items().end());
    self.touched();
    return {};
}
template <class T>
PYRITE_BUILTIN("collections.deque.count") inline i64 count(const Deque<T>& self, const T& x) {
    i64 c = 0;
    for (i64 i = 0; i < self.len(); ++i) c += py_eq(self.at(i), x);
    return c;
}
template <class T>
PYRITE_BUILTIN("collections.deque.index") inline i64 index(const Deque<T>& self, const T& x, i64 start = 0,
                                                          i64 stop = INT64_MAX) {
    i64 n = self.len();
    if (start < 0) start = std::max<i64>(start + n, 0);
    if (stop < 0) stop = std::max<i64>(stop + n, 0);
    for (i64 i = start; i < std::min(stop, n); ++i)
        if (py_eq(self.at(i), x)) return i;
    raisef(Exc::ValueError, "%s is not in deque", repr(x).c_str());
}
template <class T>
PYRITE_BUILTIN("collections.deque.remove") inline none_t remove(const Deque<T>& self, const T& x) {
    for (i64 i = 0; i < self.len(); ++i)
        if (py_eq(self.at(i), x)) {
            self.items().erase(self.items().begin() + i);
            self.touched();
            return {};
        }
    raisef(Exc::ValueError, "%s is not in deque", repr(x).c_str());
}
template <class T>
PYRITE_BUILTIN("collections.deque.insert") inline none_t insert(const Deque<T>& self, i64 i, const T& x) {
    if (self.maxlen() >= 0 && self.len() >= self.maxlen()) raise(Exc::IndexError, "deque already at its maximum size");
    i64 n = self.len();
    if (i < 0) i = std::max<i64>(i + n, 0);
    if (i > n) i = n;
    self.items().insert(self.items().begin() + i, x);
    self.touched();
    return {};
}

}  // namespace collections
}  // namespace pyrite

// ------------------------------------------------------------ at the boundary: collections.deque
#include "boundary.hpp"

namespace pyrite::capi {

inline PyObject* deque_class() {
    static PyObject* cls = nullptr;
    return module_attr(cls, "collections", "deque");
}

template <class T>
inline PyObject* deque_items(const Deque<T>& d, Boundary& b) {
    PyObject* list = PyList_New(d.len());
    if (!list) return nullptr;
    for (i64 i = 0; i < d.len(); ++i) {
        PyObject* x = to_py(d.at(i), b);
        if (!x) {
            Py_DECREF(list);
            return nullptr;
        }
        PyList_SET_ITEM(list, i, x);
    }
    return list;
}

// the caller's deque takes the compiled one's items (its maxlen is the same: read from it)
template <class T>
inline bool deque_write_back(Boundary& b, PyObject* py, Object* native) {
    Deque<T> d = Deque<T>::borrow(static_cast<DequeObject<T>*>(native));
    PyObject* items = deque_items(d, b);
    if (!items) return false;
    PyObject* r = PyObject_CallMethod(py, "clear", nullptr);
    Py_XDECREF(r);
    r = r ? PyObject_CallMethod(py, "extend", "O", items) : nullptr;
    Py_DECREF(items);
    Py_XDECREF(r);
    return r != nullptr;
}

template <class T>
bool from_py(PyObject* o, Deque<T>* out, const Where& w) {
    PyObject* cls = deque_class();
    if (!cls) return false;
    int is = PyObject_IsInstance(o, cls);
    if (is < 0) return false;
    if (!is) return wrong_type(w, "collections.deque", o);
    Boundary& b = *w.boundary;
    if (int seen = already_converted<Deque<T>, DequeObject<T>>(o, w, &deque_write_back<T>, "deque", out)) return seen > 0;
    PyObject* maxlen = PyObject_GetAttrString(o, "maxlen");
    if (!maxlen) return false;
    i64 m = maxlen == Py_None ? -1 : PyLong_AsLongLong(maxlen);
    Py_DECREF(maxlen);
    if (m == -1 && PyErr_Occurred()) return false;
    Deque<T> d = Deque<T>::make(m);
    PyObject* items = PySequence_List(o);
    if (!items) return false;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); ++i) {
        T v{};
        if (!from_py(PyList_GET_ITEM(items, i), &v, w.element(i))) {
            Py_DECREF(items);
            return false;
        }
        d.items().push_back(v);
    }
    Py_DECREF(items);
    b.add(o, d.object(), &deque_write_back<T>);
    *out = d;
    return true;
}

template <class T>
PyObject* to_py(const Deque<T>& d, Boundary& b) {
    if (PyObject* py = b.py_of(d.object())) return Py_NewRef(py);
    PyObject* cls = deque_class();
    PyObject* items = cls ? deque_items(d, b) : nullptr;
    if (!items) return nullptr;
    PyObject* r = d.maxlen() >= 0 ? PyObject_CallFunction(cls, "OL", items, static_cast<long long>(d.maxlen()))
                                  : PyObject_CallFunction(cls, "O", items);
    Py_DECREF(items);
    if (r) b.add(r, d.object(), nullptr);
    return r;
}

}  // namespace pyrite::capi
