// numpy.random's legacy functions (np.random.seed, rand, randn, random, uniform, normal,
// randint) as compiled code calls them: through NumPy itself, with the GIL taken for the
// call, so the numbers are NumPy's own and the global state is the one the caller's
// Python code seeds and draws from (a compiled draw and an interpreted one interleave as
// they would in Python). Each is pyrite::np::NAME<R>(arguments) (ops.def: the Random
// rule), R the whole result type: a float, an int, None or an array NumPy's result is
// copied into. NumPy's exceptions come back as pyrite errors of the same type and text.
//
// The one place function bodies touch Python objects (the rest of the runtime never
// does: capi.hpp), each time under PyGILState_Ensure.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string>
#include <tuple>

#include "array.hpp"
#include "capi.hpp"
#include "core.hpp"
#include "numpy.hpp"

namespace pyrite::np {

// the GIL for one call into NumPy
struct WithGil {
    PyGILState_STATE state = PyGILState_Ensure();
    WithGil() = default;
    WithGil(const WithGil&) = delete;
    WithGil& operator=(const WithGil&) = delete;
    ~WithGil() { PyGILState_Release(state); }
};

// Python's pending exception as a pyrite error of the same type (and message)
[[noreturn]] inline void raise_python_error() {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    std::string msg;
    if (value) {
        if (PyObject* s = PyObject_Str(value)) {
            if (const char* c = PyUnicode_AsUTF8(s)) msg = c;
            Py_DECREF(s);
        }
    }
    PyErr_Clear();
    Exc kind = Exc::RuntimeError;
    if (type && PyErr_GivenExceptionMatches(type, PyExc_OverflowError)) kind = Exc::OverflowError;
    else if (type && PyErr_GivenExceptionMatches(type, PyExc_ValueError)) kind = Exc::ValueError;
    else if (type && PyErr_GivenExceptionMatches(type, PyExc_TypeError)) kind = Exc::TypeError;
    else if (type && PyErr_GivenExceptionMatches(type, PyExc_MemoryError)) kind = Exc::MemoryError;
    else if (type && PyErr_GivenExceptionMatches(type, PyExc_KeyboardInterrupt)) kind = Exc::KeyboardInterrupt;
    else if (type) msg = std::string(reinterpret_cast<PyTypeObject*>(type)->tp_name) + ": " + msg;
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    raise(kind, msg.c_str());
}

// a numpy.random.Generator: a reference to NumPy's own object, counted under the GIL
struct Generator {
    PyObject* obj = nullptr;
    Generator() = default;
    explicit Generator(PyObject* o) : obj(o) {}  // takes the reference
    Generator(const Generator& o) : obj(o.obj) {
        if (obj) {
            PyGILState_STATE s = PyGILState_Ensure();
            Py_INCREF(obj);
            PyGILState_Release(s);
        }
    }
    Generator(Generator&& o) noexcept : obj(o.obj) { o.obj = nullptr; }
    Generator& operator=(Generator o) noexcept {
        std::swap(obj, o.obj);
        return *this;
    }
    ~Generator() {
        if (obj) {
            PyGILState_STATE s = PyGILState_Ensure();
            Py_DECREF(obj);
            PyGILState_Release(s);
        }
    }
};

// compiled values as Python arguments (new references; nullptr with the error set)
inline PyObject* py_arg(i64 v) { return PyLong_FromLongLong(v); }
inline PyObject* py_arg(double v) { return PyFloat_FromDouble(v); }
inline PyObject* py_arg(bool v) { return Py_NewRef(v ? Py_True : Py_False); }
inline PyObject* py_arg(none_arg) { return Py_NewRef(Py_None); }
inline PyObject* py_arg(const Generator& g) { return Py_NewRef(g.obj); }
template <class... T>
inline PyObject* py_arg(const std::tuple<T...>& t) {
    PyObject* items[sizeof...(T) + 1] = {};
    size_t k = 0;
    std::apply([&](const auto&... x) { ((items[k++] = py_arg(x)), ...); }, t);
    for (size_t j = 0; j < sizeof...(T); ++j)
        if (!items[j]) {
            for (size_t i = 0; i < sizeof...(T); ++i) Py_XDECREF(items[i]);
            return nullptr;
        }
    PyObject* r = PyTuple_New(sizeof...(T));
    if (!r) {
        for (size_t i = 0; i < sizeof...(T); ++i) Py_DECREF(items[i]);
        return nullptr;
    }
    for (size_t j = 0; j < sizeof...(T); ++j) PyTuple_SET_ITEM(r, j, items[j]);
    return r;
}

// NumPy's result as R
template <class R>
inline R from_result(PyObject* o) {
    if constexpr (std::is_same_v<R, none_t>) {
        return (void)o, R{};
    } else if constexpr (std::is_same_v<R, Generator>) {
        return Generator(Py_NewRef(o));
    } else if constexpr (std::is_same_v<R, double>) {
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) raise_python_error();
        return d;
    } else if constexpr (std::is_same_v<R, i64>) {
        long long v = PyLong_AsLongLong(o);  // a numpy.int64 too (its __index__)
        if (v == -1 && PyErr_Occurred()) raise_python_error();
        return v;
    } else {
        using T = item_t<R>;
        constexpr int N = dims_v<R>;
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_RECORDS_RO) != 0) raise_python_error();
        if (view.ndim != N || view.itemsize != static_cast<Py_ssize_t>(sizeof(T))) {
            PyBuffer_Release(&view);
            raise(Exc::RuntimeError, "pyrite: numpy.random returned an array of another shape or dtype (a pyrite bug)");
        }
        i64 shape[N], strides[N];
        for (int k = 0; k < N; ++k) shape[k] = view.shape[k], strides[k] = view.strides[k] / static_cast<Py_ssize_t>(sizeof(T));
        Array<T, N> r = Array<T, N>::make_uninit(shape);
        const T* src = static_cast<const T*>(view.buf);
        each_index<N>(shape, [&](i64 flat, const i64* idx) { r.data[flat] = src[offset_of<N>(idx, strides)]; });
        PyBuffer_Release(&view);
        return r;
    }
}

// target.NAME(*args), with one keyword argument when kw is set (its value borrowed), called
// with the GIL held; NumPy's result as R. NAME is looked up each call: a caller may patch it.
template <class R, class... A>
inline R call_attr(PyObject* target, const char* name, const char* kw, PyObject* kw_value, const A&... args) {
    WithGil gil;
    constexpr size_t n = sizeof...(A);
    PyObject* argv[n + 2] = {py_arg(args)..., nullptr};
    bool ok = true;
    for (size_t k = 0; k < n; ++k) ok = ok && argv[k];
    PyObject* f = ok ? PyObject_GetAttrString(target, name) : nullptr;
    PyObject* kwnames = f && kw ? Py_BuildValue("(s)", kw) : nullptr;
    if (kw) argv[n] = kw_value;
    PyObject* r = f && (!kw || kwnames) ? PyObject_Vectorcall(f, argv, n, kwnames) : nullptr;
    for (size_t k = 0; k < n; ++k) Py_XDECREF(argv[k]);
    Py_XDECREF(kwnames);
    Py_XDECREF(f);
    if (!r) raise_python_error();
    struct Drop {
        PyObject* o;
        ~Drop() { Py_DECREF(o); }
    } drop{r};
    return from_result<R>(r);
}

// numpy.random.NAME(*args)
template <class R, class... A>
inline R call_random(const char* name, const A&... args) {
    static PyObject* module = nullptr;  // numpy.random, imported once (under the GIL)
    {
        WithGil gil;
        if (!module && !(module = PyImport_ImportModule("numpy.random"))) raise_python_error();
    }
    return call_attr<R>(module, name, nullptr, nullptr, args...);
}
// the Generator's object, to call a method of
inline PyObject* receiver(const Generator& g) {
    if (!g.obj) raise(Exc::RuntimeError, "pyrite: a numpy.random.Generator used before it was made (a pyrite bug)");
    return g.obj;
}
// rng.NAME(*args) of a Generator
template <class R, class... A>
inline R call_method(const Generator& g, const char* name, const A&... args) {
    return call_attr<R>(receiver(g), name, nullptr, nullptr, args...);
}

template <class R, class S> inline R default_rng(const S& seed) { return call_random<R>("default_rng", seed); }
template <class R, class S> inline R gen_random(const Generator& g, const S& size) { return call_method<R>(g, "random", size); }
template <class R, class S>
inline R gen_standard_normal(const Generator& g, const S& size) { return call_method<R>(g, "standard_normal", size); }
template <class R, class L, class H, class S>
inline R gen_normal(const Generator& g, const L& loc, const H& scale, const S& size) { return call_method<R>(g, "normal", loc, scale, size); }
template <class R, class L, class H, class S>
inline R gen_uniform(const Generator& g, const L& low, const H& high, const S& size) { return call_method<R>(g, "uniform", low, high, size); }
template <class R, class L, class H, class S>
inline R gen_integers(const Generator& g, const L& low, const H& high, const S& size, bool endpoint) {
    // endpoint= by keyword: NumPy's integers takes dtype= in between
    return call_attr<R>(receiver(g), "integers", "endpoint", endpoint ? Py_True : Py_False, low, high, size);
}

template <class R, class S> inline R random_seed(const S& seed) { return call_random<R>("seed", seed); }
template <class R, class... D> inline R random_rand(const D&... dims) { return call_random<R>("rand", dims...); }
template <class R, class... D> inline R random_randn(const D&... dims) { return call_random<R>("randn", dims...); }
template <class R, class S> inline R random_random(const S& size) { return call_random<R>("random", size); }
template <class R, class L, class H, class S>
inline R random_uniform(const L& low, const H& high, const S& size) { return call_random<R>("uniform", low, high, size); }
template <class R, class L, class H, class S>
inline R random_normal(const L& loc, const H& scale, const S& size) { return call_random<R>("normal", loc, scale, size); }
template <class R, class L, class H, class S>
inline R random_randint(const L& low, const H& high, const S& size) { return call_random<R>("randint", low, high, size); }

}  // namespace pyrite::np

namespace pyrite::capi {
// a Generator crossing the boundary: NumPy's object itself, either way
inline bool from_py(PyObject* o, np::Generator* out, const Where& w) {
    static PyObject* type = nullptr;
    if (!module_attr(type, "numpy.random", "Generator")) return false;
    int ok = PyObject_IsInstance(o, type);
    if (ok < 0) return false;
    if (!ok) return wrong_type(w, "numpy.random.Generator", o);
    *out = np::Generator(Py_NewRef(o));
    return true;
}
inline PyObject* to_py(const np::Generator& g) { return Py_NewRef(g.obj ? g.obj : Py_None); }
template <class B>
PyObject* to_py(const np::Generator& g, B&) { return to_py(g); }
}  // namespace pyrite::capi
