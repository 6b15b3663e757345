// typing.NamedTuple instances: a tuple whose C++ type names its class.
//
//   class Point(NamedTuple):          pyrite::Named<c0_Point, double, double>
//       x: float
//       y: float = 0.0
//
// A Named is its std::tuple: indexing, unpacking, ==, <, hash and iteration are the tuple's,
// as CPython's are (a NamedTuple is a tuple subclass that adds names). What the class adds is
// here: repr() and str() (Point(x=1.0, y=2.0), or the class's __repr__/__str__) and crossing the
// boundary as an instance of the user's class, not a plain tuple. Tag is the struct codegen writes
// for the class (codegen/emit_class.cpp): py_type (the user's class, bound at load), qualname,
// fields (the names), write_repr and write_str.
#pragma once
#include <tuple>
#include <utility>

#include "boundary.hpp"

namespace pyrite {

template <class Tag, class... T>
struct Named : std::tuple<T...> {
    using Base = std::tuple<T...>;
    using Base::Base;
    Named() = default;
    Named(const Base& b) : Base(b) {}
    Named(Base&& b) : Base(std::move(b)) {}
    const Base& base() const { return *this; }
};

// the tuple's comparisons and hash (two Points compare as tuples: the first item that differs decides)
template <class Tag, class... T>
inline bool py_eq(const Named<Tag, T...>& a, const Named<Tag, T...>& b) { return py_eq(a.base(), b.base()); }
template <class Tag, class... T>
inline bool py_lt(const Named<Tag, T...>& a, const Named<Tag, T...>& b) { return py_lt(a.base(), b.base()); }
template <class Tag, class... T>
inline i64 py_hash(const Named<Tag, T...>& t) { return py_hash(t.base()); }

// repr(p), str(p), f"{p}": the class's __repr__ / __str__, else Point(x=1.0, y=2.0)
template <class Tag, class... T>
inline void repr_to(std::string& out, const Named<Tag, T...>& t) { Tag::write_repr(out, t); }
template <class Tag, class... T>
inline void text_to(std::u32string& out, const Named<Tag, T...>& t) { Tag::write_str(out, t); }
template <class Tag, class... T>
inline Str to_repr(const Named<Tag, T...>& t) {
    std::string out;
    Tag::write_repr(out, t);
    return Str::of(Str::decode(out.data(), out.size()));
}

// namedtuple's own __repr__: the class's __name__, then each field as name=repr(value)
template <class Tag, class... T, std::size_t... I>
inline void named_fields_repr(std::string& out, const Named<Tag, T...>& t, std::index_sequence<I...>) {
    ((out += (I ? ", " : ""), out += Tag::fields[I], out += '=', repr_to(out, std::get<I>(t))), ...);
}
template <class Tag, class... T>
inline void named_repr(std::string& out, const Named<Tag, T...>& t) {
    const char* name = Tag::qualname;
    for (const char* p = name; *p; ++p)
        if (*p == '.') name = p + 1;
    out += name;
    out += '(';
    named_fields_repr(out, t, std::index_sequence_for<T...>{});
    out += ')';
}

}  // namespace pyrite

// structured bindings and std::apply read it as the tuple it is
template <class Tag, class... T>
struct std::tuple_size<pyrite::Named<Tag, T...>> : std::integral_constant<std::size_t, sizeof...(T)> {};
template <std::size_t I, class Tag, class... T>
struct std::tuple_element<I, pyrite::Named<Tag, T...>> : std::tuple_element<I, std::tuple<T...>> {};

namespace pyrite::capi {

// an argument: an instance of the user's class, its items read as the fields' annotations say
// (argument 'p'.x must be float, not str); a plain tuple is not one, nor an instance of a subclass
// (what compiled code returns is made as the class itself: a subclass's would come back another type)
template <class Tag, class... T, std::size_t... I>
inline bool named_from_py(PyObject* o, Named<Tag, T...>* out, const Where& w, std::index_sequence<I...>) {
    bool ok = true;
    ((ok = ok && from_py(PyTuple_GET_ITEM(o, I), &std::get<I>(*out), w.field(Tag::fields[I]))), ...);
    return ok;
}
template <class Tag, class... T>
inline bool from_py(PyObject* o, Named<Tag, T...>* out, const Where& w) {
    if (PYRITE_UNLIKELY(!Tag::py_type)) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", Tag::qualname);
        return false;
    }
    if (Py_TYPE(o) != reinterpret_cast<PyTypeObject*>(Tag::py_type) || PyTuple_GET_SIZE(o) != Py_ssize_t(sizeof...(T)))
        return wrong_type(w, Tag::qualname, o);
    return named_from_py(o, out, w, std::index_sequence_for<T...>{});
}

// a result: a new instance of the user's class, made as tuple.__new__(Point, items) makes it
// (its tp_alloc, the items set before anyone sees it), without running a __new__ of Python's
template <class Tag, class... T, class Item>
inline PyObject* named_to_py(const Named<Tag, T...>& t, Item&& item) {
    auto* type = reinterpret_cast<PyTypeObject*>(Tag::py_type);
    if (PYRITE_UNLIKELY(!type)) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", Tag::qualname);
        return nullptr;
    }
    PyObject* r = type->tp_alloc(type, static_cast<Py_ssize_t>(sizeof...(T)));
    if (!r) return nullptr;
    bool ok = true;
    std::size_t i = 0;
    std::apply([&](const auto&... x) {
        ((ok = ok && (PyTuple_SET_ITEM(r, i, item(x)), PyTuple_GET_ITEM(r, i++) != nullptr)), ...);
    }, t.base());
    if (!ok) {
        Py_DECREF(r);  // unset items are null, which tuple dealloc skips
        return nullptr;
    }
    return r;
}
template <class Tag, class... T>
inline PyObject* to_py(const Named<Tag, T...>& t) {
    return named_to_py(t, [](const auto& x) { return to_py(x); });
}
template <class Tag, class... T>
inline PyObject* to_py(const Named<Tag, T...>& t, Boundary& b) {
    return named_to_py(t, [&](const auto& x) { return to_py(x, b); });
}

}  // namespace pyrite::capi
