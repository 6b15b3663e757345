// Containers crossing the boundary between CPython and compiled code.
//
// The rule (README.md, "Containers at the boundary"): copy in, write back.
// A list argument is converted into a compiled list when the call starts; when
// it ends, normally or by an exception, every argument list whose contents the
// compiled code changed is written back into the caller's list object, in
// place. Identity is kept both ways: the same Python list passed twice (or
// nested twice) becomes one compiled list, and a compiled list that came from
// an argument goes back to Python as that same object (`return xs` returns the
// caller's list, nested lists stay the caller's objects). So for the caller the
// call is observably the same as running the Python function on its objects.
// One caveat, as with any extension that releases the GIL: another thread that
// changes the same list during the call loses its change.
#pragma once
#include <unordered_map>
#include <vector>

#include "capi.hpp"
#include "list.hpp"

namespace pyrite::capi {

struct Boundary {
    using WriteBack = bool (*)(Boundary&, PyObject*, Object*);
    struct Entry {
        PyObject* py;         // the caller's object (borrowed: arguments outlive the call) or a result's
        Object* native;       // an owned reference
        i64 version;          // at copy-in
        WriteBack writeback;  // identifies the compiled type; null for objects made on the way out
    };

    Boundary() = default;
    Boundary(const Boundary&) = delete;
    Boundary& operator=(const Boundary&) = delete;
    ~Boundary() {
        for (Entry& e : entries_) release(e.native);
    }

    // The compiled object already made for a Python object, or null.
    const Entry* find(PyObject* py) const {
        auto it = by_py_.find(py);
        return it == by_py_.end() ? nullptr : &entries_[it->second];
    }
    PyObject* py_of(Object* native) const {
        auto it = by_native_.find(native);
        return it == by_native_.end() ? nullptr : entries_[it->second].py;
    }
    void add(PyObject* py, Object* native, WriteBack wb) {
        ++native->refs;
        by_py_.emplace(py, entries_.size());
        by_native_.emplace(native, entries_.size());
        entries_.push_back(Entry{py, native, native->version, wb});
    }

    // Writes every changed argument back into its Python object. Writing back
    // may add entries (new compiled lists stored into an argument): by index.
    bool write_back() {
        for (size_t i = 0; i < entries_.size(); ++i) {
            Entry e = entries_[i];
            if (e.writeback && e.native->version != e.version && !e.writeback(*this, e.py, e.native)) return false;
        }
        return true;
    }

private:
    std::vector<Entry> entries_;
    std::unordered_map<PyObject*, size_t> by_py_;
    std::unordered_map<Object*, size_t> by_native_;
};

// ------------------------------------------------------------ to Python, keeping identity
template <class T>
inline PyObject* to_py(const List<T>& l, Boundary& b);
template <class... T>
inline PyObject* to_py(const std::tuple<T...>& t, Boundary& b);
inline PyObject* to_py(i64 v, Boundary&) { return to_py(v); }
inline PyObject* to_py(double v, Boundary&) { return to_py(v); }
inline PyObject* to_py(bool v, Boundary&) { return to_py(v); }
inline PyObject* to_py(none_t v, Boundary&) { return to_py(v); }

template <class... T, std::size_t... I>
inline PyObject* tuple_to_py(const std::tuple<T...>& t, Boundary& b, std::index_sequence<I...>) {
    PyObject* r = PyTuple_New(sizeof...(T));
    if (!r) return nullptr;
    bool ok = true;
    ((ok = ok && (PyTuple_SET_ITEM(r, I, to_py(std::get<I>(t), b)), PyTuple_GET_ITEM(r, I) != nullptr)), ...);
    if (!ok) {
        Py_DECREF(r);  // unset items are null, which tuple dealloc skips
        return nullptr;
    }
    return r;
}
template <class... T>
inline PyObject* to_py(const std::tuple<T...>& t, Boundary& b) {
    return tuple_to_py(t, b, std::index_sequence_for<T...>{});
}

template <class T>
inline bool fill_list(PyObject* list, const List<T>& l, Boundary& b) {
    for (i64 i = 0; i < l.len(); ++i) {
        PyObject* x = to_py(l.at(i), b);
        if (!x) return false;
        PyList_SET_ITEM(list, i, x);
    }
    return true;
}

template <class T>
inline PyObject* to_py(const List<T>& l, Boundary& b) {
    if (PyObject* py = b.py_of(l.object())) return Py_NewRef(py);
    PyObject* r = PyList_New(l.len());
    if (!r) return nullptr;
    if (!fill_list(r, l, b)) {
        Py_DECREF(r);
        return nullptr;
    }
    b.add(r, l.object(), nullptr);  // the same compiled list twice in a result is one Python list
    return r;
}

template <class T>
inline bool list_write_back(Boundary& b, PyObject* py, Object* native) {
    List<T> l = List<T>::borrow(static_cast<ListObject<T>*>(native));
    PyObject* fresh = PyList_New(l.len());
    if (!fresh) return false;
    if (!fill_list(fresh, l, b)) {
        Py_DECREF(fresh);
        return false;
    }
    int rc = PyList_SetSlice(py, 0, PY_SSIZE_T_MAX, fresh);
    Py_DECREF(fresh);
    return rc == 0;
}

// ------------------------------------------------------------ from Python
template <class T>
inline bool from_py(PyObject* o, List<T>* out, const Where& w) {
    if (!PyList_Check(o)) return wrong_type(w, "list", o);
    Boundary& b = *w.boundary;
    if (const Boundary::Entry* e = b.find(o)) {
        if (e->writeback != &list_write_back<T>) {
            char path[200];
            PyErr_Format(PyExc_TypeError,
                         "%s() argument %s: this list is also passed with another element type; pyrite "
                         "cannot share one list between two compiled types",
                         w.func, w.path(path, sizeof path));
            return false;
        }
        *out = List<T>::borrow(static_cast<ListObject<T>*>(e->native));
        return true;
    }
    List<T> l = List<T>::make();
    auto& items = l.items();
    items.reserve(static_cast<size_t>(PyList_GET_SIZE(o)));
    // __index__/__float__ of an element may run Python code that changes the list
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(o); ++i) {
        PyObject* item = Py_NewRef(PyList_GET_ITEM(o, i));
        T v{};
        bool ok = from_py(item, &v, w.element(i));
        Py_DECREF(item);
        if (!ok) return false;
        items.push_back(v);
    }
    b.add(o, l.object(), &list_write_back<T>);
    *out = l;
    return true;
}

}  // namespace pyrite::capi
