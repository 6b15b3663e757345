// Calls from compiled code into NumPy itself, with the GIL taken for the call: numpy.random
// (nprandom.hpp) and the BLAS products of np.dot and @ (the end of this file). NumPy's
// exceptions come back as pyrite errors of the same type and text.
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
#include "pycall.hpp"

namespace pyrite::np {

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

// A compiled array as a Python argument: a read-only memoryview of its memory (no copy),
// made under the GIL and dropped before the call that uses it returns
template <class T, int N>
struct MemoryView {
    Py_ssize_t shape[N], strides[N];
    char format[3] = {};
    PyObject* obj = nullptr;
    explicit MemoryView(const Array<T, N>& a) {
        if constexpr (std::is_same_v<T, double>) format[0] = 'd';
        else if constexpr (std::is_same_v<T, float>) format[0] = 'f';
        else if constexpr (std::is_same_v<T, std::complex<double>>) format[0] = 'Z', format[1] = 'd';
        else if constexpr (std::is_same_v<T, std::complex<float>>) format[0] = 'Z', format[1] = 'f';
        else static_assert(sizeof(T) == 0, "a float or complex item");
        Py_ssize_t n = 1;
        for (int k = 0; k < N; ++k) {
            shape[k] = a.shape[k];
            strides[k] = a.strides[k] * static_cast<Py_ssize_t>(sizeof(T));
            n *= shape[k];
        }
        Py_buffer b{};
        b.buf = const_cast<T*>(a.data);
        b.itemsize = sizeof(T);
        b.len = n * b.itemsize;
        b.readonly = 1;
        b.ndim = N;
        b.format = format;
        b.shape = shape;
        b.strides = strides;
        obj = PyMemoryView_FromBuffer(&b);
    }
    MemoryView(const MemoryView&) = delete;
    MemoryView& operator=(const MemoryView&) = delete;
    ~MemoryView() { Py_XDECREF(obj); }
};

// compiled values as Python arguments (new references; nullptr with the error set)
template <class T, int N>
inline PyObject* py_arg(const MemoryView<T, N>& v) { return Py_XNewRef(v.obj); }
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
    } else if constexpr (std::is_floating_point_v<R>) {  // a float, a numpy.float32: exact
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) raise_python_error();
        return static_cast<R>(d);
    } else if constexpr (is_complex<R>::value) {
        Py_complex c = PyComplex_AsCComplex(o);
        if (c.real == -1.0 && PyErr_Occurred()) raise_python_error();
        return R(static_cast<typename R::value_type>(c.real), static_cast<typename R::value_type>(c.imag));
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
            raise(Exc::RuntimeError, "pyrite: NumPy returned an array of another shape or dtype (a pyrite bug)");
        }
        i64 shape[N], strides[N];
        for (int k = 0; k < N; ++k) shape[k] = view.shape[k], strides[k] = view.strides[k] / static_cast<Py_ssize_t>(sizeof(T));
        Array<T, N> r = Array<T, N>::make_uninit(shape);
        const T* src = static_cast<const T*>(view.buf);
        if (PyBuffer_IsContiguous(&view, 'C'))
            std::memcpy(static_cast<void*>(r.data), src, static_cast<size_t>(r.size()) * sizeof(T));
        else
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
    PyOwned owned(r);
    return from_result<R>(r);
}

// ------------------------------------------------------------ np.dot and @ through BLAS
// A product of float or complex arrays of one dtype with at least this many multiplications
// is NumPy's own call (numpy.dot / numpy.matmul on views of the operands' memory): BLAS's
// speed, and BLAS's bits, which are NumPy's. Smaller ones, and every other dtype mix, are
// numpy.hpp's loops (NumPy's BLAS differs in the last bits there), where a call into Python
// (some microseconds) would cost more than the product. A product with a vector operand
// runs at memory speed in numpy.hpp's loops too, so it goes to NumPy only when much larger.
constexpr i64 kBlasWork = i64(1) << 14, kBlasVectorWork = i64(1) << 18;

template <class R, class A, class B, int NA, int NB>
inline auto product(const Array<A, NA>& a, const Array<B, NB>& b, bool matmul) {
    using Result = decltype(dot_impl<R>(a, b, matmul));
    constexpr bool blas = (std::is_floating_point_v<R> || is_complex<R>::value) && std::is_same_v<A, R> &&
                          std::is_same_v<B, R>;
    if constexpr (blas) {
        i64 n = NA == 2 ? a.shape[0] : 1, k = a.shape[NA - 1], m = NB == 2 ? b.shape[1] : 1;
        if (k == b.shape[0] && n * k * m >= (NA == 2 && NB == 2 ? kBlasWork : kBlasVectorWork)) {
            static PyObject* numpy = nullptr;  // imported once, under the GIL
            WithGil gil;
            if (!numpy && !(numpy = PyImport_ImportModule("numpy"))) raise_python_error();
            MemoryView<A, NA> va(a);
            MemoryView<B, NB> vb(b);
            return call_attr<Result>(numpy, matmul ? "matmul" : "dot", nullptr, nullptr, va, vb);
        }
    }
    return dot_impl<R>(a, b, matmul);
}
template <class R, class A, class B, int NA, int NB>
inline auto dot_blas(const Array<A, NA>& a, const Array<B, NB>& b) { return product<R>(a, b, false); }
template <class R, class A, class B, int NA, int NB>
inline auto matmul_blas(const Array<A, NA>& a, const Array<B, NB>& b) { return product<R>(a, b, true); }

}  // namespace pyrite::np
