// Views: a list of records (list[dict[str, float]]) a function only reads, read in place.
//
// A parameter copied in the usual way (boundary.hpp) becomes a compiled list of compiled dicts:
// three allocations a record, its keys and values converted, each dict entered in the call's
// Boundary to be written back if changed. For a function that reads a field or two of each
// record that copy was the call: 100,000 records of three floats took 60 ms to cross, where
// CPython's whole loop takes 11.
//
// opt/views.cpp picks the parameters a function only reads so: an entry point's parameter of
// type list[dict[str, S]] (S an int, float, bool or str), used only as `for r in rows`, `rows[i]`
// and `len(rows)`, whose items are used only as `r["key"]`, `r.get("key")` and `"key" in r`; or
// of type list[str], each of whose items is converted to a Str when the function reads it (no
// list of 100,000 Strs made and freed: a loop's Str reuses the last one's block). Such a parameter and its items are
// PyViews: the caller's own objects, read when the function reads them, under the GIL (which the
// function keeps: opt/views.cpp). Each read is the one CPython's code makes:
//   - iteration walks the list by position, its length read at each step, as list's iterator;
//   - rows[i] indexes it as list.__getitem__ does (IndexError "list index out of range");
//   - r["key"] is the dict's lookup (KeyError(key) where it is missing), r.get("key", d) and
//     "key" in r the dict's; a dict subclass's own __getitem__ (and __missing__), get and
//     __contains__ run, as in CPython.
// A value converts as an argument's would (capi.hpp's from_py: an int where a float is annotated
// is its float), and a value or record of another type raises the TypeError the copy raised,
// naming its place: "f() argument 'rows'[3]['price'] must be float, not str". Only now, when the
// function reads it: a record it never reaches is never checked (as CPython never looks at it).
// An int beyond 64 bits raises the `limit` error, and the call runs again in CPython (core.hpp).
#pragma once
#include <Python.h>

#include <type_traits>

#include "boundary.hpp"

// a str key as Python's (interned) str: made once, never freed, as PYRITE_STR's
#define PYRITE_PYSTR(utf8) \
    ([]() -> PyObject* { \
        static PyObject* const k = ::pyrite::capi::interned_key(utf8, sizeof(utf8) - 1); \
        return k; \
    }())

namespace pyrite::capi {

inline PyObject* interned_key(const char* utf8, Py_ssize_t n) {
    PyObject* k = PyUnicode_FromStringAndSize(utf8, n);
    if (!k) raise_python_error();
    PyUnicode_InternInPlace(&k);
    return k;
}

// The caller's list, or one of its items: a reference held (only ever under the GIL)
class PyView {
public:
    PyView() = default;
    PyView(PyObject* o, const char* func, const char* param, Py_ssize_t index)
        : o_(o), func_(func), param_(param), index_(index) {}  // adopts the reference
    PyView(const PyView& v) : o_(v.o_), func_(v.func_), param_(v.param_), index_(v.index_) { Py_XINCREF(o_); }
    PyView(PyView&& v) noexcept : o_(v.o_), func_(v.func_), param_(v.param_), index_(v.index_) { v.o_ = nullptr; }
    PyView& operator=(PyView v) noexcept {
        std::swap(o_, v.o_);
        func_ = v.func_, param_ = v.param_, index_ = v.index_;
        return *this;
    }
    ~PyView() { Py_XDECREF(o_); }

    PyObject* object() const { return o_; }
    i64 len() const { return PyList_GET_SIZE(o_); }  // the parameter's: a list (from_py)
    // item k, 0 <= k < len()
    PyView item(Py_ssize_t k) const { return PyView(Py_NewRef(PyList_GET_ITEM(o_, k)), func_, param_, k); }
    // where it is, for messages: 'rows', or 'rows'[3]
    Where where() const { return Where{func_, param_}; }
    Py_ssize_t index() const { return index_; }

private:
    PyObject* o_ = nullptr;
    const char* func_ = "";
    const char* param_ = "";
    Py_ssize_t index_ = -1;  // an item's position in the parameter's list; -1: the parameter
};

// the parameter: the caller's list itself (a subclass's items too, read by position as the copy reads them)
inline bool from_py(PyObject* o, PyView* out, const Where& w) {
    if (!PyList_Check(o)) return wrong_type(w, "list", o);
    *out = PyView(Py_NewRef(o), w.func, w.param, -1);
    return true;
}

// `for r in rows`: by position, the length read at each step (list's iterator)
struct PyViewItems {
    PyView list;
    Py_ssize_t next_index = 0;
    bool next(PyView& out) {
        if (next_index >= PyList_GET_SIZE(list.object())) return false;
        out = list.item(next_index++);
        return true;
    }
};
inline PyViewItems view_items(const PyView& list) { return PyViewItems{list}; }

// the TypeError (or OverflowError beyond 64 bits: the limit) from_py set, as compiled code raises it
[[noreturn]] __attribute__((noinline, cold)) inline void view_conversion_failed(unsigned long big_ints) {
    if (call_counters.big_ints != big_ints) {  // an int past 64 bits: CPython runs the call
        PyErr_Clear();
        int_overflow();
    }
    raise_python_error();
}

// v (a reference, given up) converted to T as a copy converts it, its place `at` named in the TypeError
template <class T>
T view_convert(PyObject* v, const Where& at) {
    T out{};
    const unsigned long big = call_counters.big_ints;
    bool ok = from_py(v, &out, at);
    Py_DECREF(v);
    if (PYRITE_UNLIKELY(!ok)) view_conversion_failed(big);
    return out;
}

// item k of a list of T (a str, a tuple)
template <class T>
T view_value_at(const PyView& list, Py_ssize_t k) {
    Where w = list.where();
    return view_convert<T>(Py_NewRef(PyList_GET_ITEM(list.object(), k)), w.element(k));
}

// `for w in words`: each item converted as the loop reaches it
template <class T>
struct PyViewValues {
    PyView list;
    Py_ssize_t next_index = 0;
    bool next(T& out) {
        if (next_index >= PyList_GET_SIZE(list.object())) return false;
        out = view_value_at<T>(list, next_index++);
        return true;
    }
};
template <class T>
PyViewValues<T> view_values(const PyView& list) {
    return PyViewValues<T>{list};
}

// words[i]
template <class T>
T view_value(const PyView& list, i64 i) {
    i64 n = list.len();
    if (i < 0) i += n;
    if (PYRITE_UNLIKELY(i < 0 || i >= n)) throw Error(Exc::IndexError, "list index out of range");
    return view_value_at<T>(list, static_cast<Py_ssize_t>(i));
}

// rows[i]
inline PyView view_item(const PyView& list, i64 i) {
    i64 n = list.len();
    if (i < 0) i += n;
    if (PYRITE_UNLIKELY(i < 0 || i >= n)) throw Error(Exc::IndexError, "list index out of range");
    return list.item(static_cast<Py_ssize_t>(i));
}

// the TypeError for a record that is no dict
[[noreturn]] __attribute__((noinline, cold)) inline void view_not_a_dict(const PyView& r) {
    Where list = r.where(), item = list.element(r.index());
    wrong_type(item, "dict", r.object());
    raise_python_error();
}

// r["key"] where the record is not a plain dict or the value not plainly a V: the lookup and the
// conversion, with the messages that name its place
template <class V>
__attribute__((noinline)) V view_get_slow(const PyView& r, PyObject* key, const Str& key_text) {
    PyObject* o = r.object();
    PyObject* v;
    if (PyDict_CheckExact(o)) {
        v = PyDict_GetItemWithError(o, key);  // borrowed
        if (!v) {
            if (PyErr_Occurred()) raise_python_error();  // a key's __eq__ raised
            raise_key_error(key_text);
        }
        Py_INCREF(v);
    } else if (PyDict_Check(o)) {
        v = PyObject_GetItem(o, key);  // a subclass's own __getitem__, __missing__
        if (!v) raise_python_error();
    } else {
        view_not_a_dict(r);
    }
    Where list = r.where(), item = list.element(r.index());
    return view_convert<V>(v, item.value_of(key));
}

// a plain dict's float as a double, a small int as an int, True or False as a bool: read in place
template <class V>
inline bool view_plain(PyObject* v, V* out) {
    if constexpr (std::is_same_v<V, double>) {
        if (PYRITE_LIKELY(PyFloat_CheckExact(v))) return *out = PyFloat_AS_DOUBLE(v), true;
    } else if constexpr (std::is_same_v<V, bool>) {
        if (v == Py_True || v == Py_False) return *out = v == Py_True, true;
    }
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
    else if constexpr (std::is_same_v<V, i64>) {  // at most one 30-bit digit (capi.hpp's from_py)
        if (PyLong_CheckExact(v) && Py_SIZE(v) >= -1 && Py_SIZE(v) <= 1)
            return *out = Py_SIZE(v) * static_cast<i64>(reinterpret_cast<PyLongObject*>(v)->ob_digit[0]), true;
    }
#endif
    return false;
}

// r["key"]: the record's value, converted to V; what view_plain does not read takes view_get_slow
template <class V>
inline V view_get(const PyView& r, PyObject* key, const Str& key_text) {
    PyObject* o = r.object();
    if (PYRITE_LIKELY(PyDict_CheckExact(o))) {
        PyObject* v = PyDict_GetItemWithError(o, key);  // borrowed: nothing runs before it is read
        V out;
        if (PYRITE_LIKELY(v != nullptr) && view_plain(v, &out)) return out;
    }
    return view_get_slow<V>(r, key, key_text);
}

// r.get("key", default) (default: a V, or std::optional<V> for r.get("key")): a subclass's own get runs
template <class V, class D>
D view_get_or(const PyView& r, PyObject* key, const Str& key_text, D dflt) {
    PyObject* o = r.object();
    if (PYRITE_LIKELY(PyDict_CheckExact(o))) {
        PyObject* v = PyDict_GetItemWithError(o, key);
        if (!v) {
            if (PyErr_Occurred()) raise_python_error();
            return dflt;
        }
        V out;
        if (PYRITE_LIKELY(view_plain(v, &out))) return D(out);
        return D(view_get_slow<V>(r, key, key_text));  // present: read as r["key"] reads it
    }
    if (!PyDict_Check(o)) view_not_a_dict(r);
    static PyObject* const missing = PyObject_CallNoArgs(reinterpret_cast<PyObject*>(&PyBaseObject_Type));
    static PyObject* const get = PyUnicode_InternFromString("get");
    if (!missing || !get) raise_python_error();
    PyObject* v = PyObject_CallMethodObjArgs(o, get, key, missing, nullptr);
    if (!v) raise_python_error();
    if (v == missing) {
        Py_DECREF(v);
        return dflt;
    }
    Where list = r.where(), item = list.element(r.index());
    return D(view_convert<V>(v, item.value_of(key)));
}

// "key" in r: a subclass's own __contains__ runs
inline bool view_contains(const PyView& r, PyObject* key) {
    PyObject* o = r.object();
    if (!PyDict_Check(o)) view_not_a_dict(r);
    int found = PyDict_CheckExact(o) ? PyDict_Contains(o, key) : PySequence_Contains(o, key);
    if (found < 0) raise_python_error();
    return found == 1;
}

// `x in words`, `words.count(x)` of a list of strs: each item compared where it lies, with no Str
// made (as list's contains and count compare, item after item; count reads them all). A str's
// code points are compared with x's; an item that is not a str is the TypeError the copy raised.
// Cheap as a copy's compare, so taken in any loop (opt/views.cpp).
inline bool view_str_equals(const PyView& list, Py_ssize_t k, const Str& x) {
    PyObject* item = PyList_GET_ITEM(list.object(), k);
    if (PYRITE_UNLIKELY(!PyUnicode_Check(item))) {
        Where w = list.where();
        (void)view_convert<Str>(Py_NewRef(item), w.element(k));  // raises
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(item);
    if (n != x.len()) return false;
    const char_t* c = x.data();
    const void* data = PyUnicode_DATA(item);
    switch (PyUnicode_KIND(item)) {
        case PyUnicode_1BYTE_KIND: {
            const Py_UCS1* p = static_cast<const Py_UCS1*>(data);
            for (Py_ssize_t i = 0; i < n; ++i)
                if (p[i] != c[i]) return false;
            return true;
        }
        case PyUnicode_2BYTE_KIND: {
            const Py_UCS2* p = static_cast<const Py_UCS2*>(data);
            for (Py_ssize_t i = 0; i < n; ++i)
                if (p[i] != c[i]) return false;
            return true;
        }
        default: return std::memcmp(data, c, static_cast<size_t>(n) * 4) == 0;
    }
}
inline bool view_list_contains(const PyView& list, const Str& x) {
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(list.object()); ++k)
        if (view_str_equals(list, k, x)) return true;
    return false;
}
inline i64 view_list_count(const PyView& list, const Str& x) {
    i64 n = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(list.object()); ++k) n += view_str_equals(list, k, x);
    return n;
}

}  // namespace pyrite::capi
