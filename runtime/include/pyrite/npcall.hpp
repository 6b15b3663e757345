// Calls from compiled code into NumPy itself, with the GIL taken for the call: numpy.random
// (nprandom.hpp) and the BLAS products of np.dot and @ (the end of this file). NumPy's
// exceptions come back as pyrite errors of the same type and text.
//
// The one place function bodies touch Python objects (the rest of the runtime never
// does: capi.hpp), each time under PyGILState_Ensure.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>
#include <string>
#include <tuple>

#include "array.hpp"
#include "capi.hpp"
#include "core.hpp"
#include "list.hpp"
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

// the struct module's format of an item of type T, which NumPy reads as T's dtype
template <class T>
inline void item_format(char* f) {
    if constexpr (std::is_same_v<T, double>) f[0] = 'd';
    else if constexpr (std::is_same_v<T, float>) f[0] = 'f';
    else if constexpr (std::is_same_v<T, std::complex<double>>) f[0] = 'Z', f[1] = 'd';
    else if constexpr (std::is_same_v<T, std::complex<float>>) f[0] = 'Z', f[1] = 'f';
    else if constexpr (std::is_same_v<T, bool>) f[0] = '?';
    else if constexpr (std::is_same_v<T, std::int64_t>) f[0] = 'q';
    else if constexpr (std::is_same_v<T, std::int32_t>) f[0] = 'i';
    else if constexpr (std::is_same_v<T, std::int16_t>) f[0] = 'h';
    else if constexpr (std::is_same_v<T, std::int8_t>) f[0] = 'b';
    else if constexpr (std::is_same_v<T, std::uint64_t>) f[0] = 'Q';
    else if constexpr (std::is_same_v<T, std::uint32_t>) f[0] = 'I';
    else if constexpr (std::is_same_v<T, std::uint16_t>) f[0] = 'H';
    else if constexpr (std::is_same_v<T, std::uint8_t>) f[0] = 'B';
    else static_assert(sizeof(T) == 0, "a NumPy item type");
}
// whether a buffer's format (as NumPy exports an array's: '<d', 'l', '=q', ...) is T's kind: a
// float, a complex, a bool, a signed or an unsigned integer (the size is checked apart)
template <class T>
inline bool format_is(const char* f) {
    while (*f == '<' || *f == '>' || *f == '=' || *f == '@' || *f == '!') ++f;
    if constexpr (std::is_floating_point_v<T>) return *f == 'd' || *f == 'f' || *f == 'e' || *f == 'g';
    else if constexpr (is_complex<T>::value) return *f == 'Z';
    else if constexpr (std::is_same_v<T, bool>) return *f == '?';
    else if constexpr (std::is_signed_v<T>) return *f == 'q' || *f == 'l' || *f == 'i' || *f == 'h' || *f == 'b';
    else return *f == 'Q' || *f == 'L' || *f == 'I' || *f == 'H' || *f == 'B';
}

// A compiled array as a Python argument: a read-only memoryview of its memory (no copy),
// made under the GIL and dropped before the call that uses it returns
template <class T, int N>
struct MemoryView {
    Py_ssize_t shape[N], strides[N];
    char format[3] = {};
    PyObject* obj = nullptr;
    explicit MemoryView(const Array<T, N>& a) {
        item_format<T>(format);
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
inline PyObject* py_arg(const char* s) { return PyUnicode_FromString(s); }  // a constant's text (mode='same')
template <class T>
inline PyObject* py_arg(const List<T>& l) {  // q=[25, 75]: a list of numbers
    PyObject* r = PyList_New(static_cast<Py_ssize_t>(l.len()));
    for (i64 k = 0; r && k < l.len(); ++k) {
        PyObject* x = py_arg(static_cast<T>(l.at_ref(k)));
        if (!x) Py_CLEAR(r);
        else PyList_SET_ITEM(r, static_cast<Py_ssize_t>(k), x);
    }
    return r;
}
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

// NumPy's result as R. same(r, view): whether an array NumPy returned is an argument's memory,
// then put in r (np.linalg.matrix_power(a, 1) is a: the compiled array itself, not a copy)
struct NoArguments {
    template <class R>
    bool operator()(R&, const Py_buffer&) const { return false; }
};
template <class R, class Same = NoArguments>
inline R from_result(PyObject* o, const Same& same = Same{}) {
    if constexpr (std::is_same_v<R, none_t>) {
        return (void)o, R{};
    } else if constexpr (std::is_same_v<R, Generator>) {
        return Generator(Py_NewRef(o));
    } else if constexpr (is_tuple_v<R>) {  // np.histogram's (hist, bin_edges)
        if (!PyTuple_Check(o) || PyTuple_GET_SIZE(o) != static_cast<Py_ssize_t>(std::tuple_size_v<R>))
            raise(Exc::RuntimeError, "pyrite: NumPy returned another kind of result (a pyrite bug)");
        return [&]<size_t... K>(std::index_sequence<K...>) {
            return R{from_result<std::tuple_element_t<K, R>>(PyTuple_GET_ITEM(o, K), same)...};
        }(std::make_index_sequence<std::tuple_size_v<R>>{});
    } else if constexpr (std::is_floating_point_v<R>) {  // a float, a numpy.float32: exact
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) raise_python_error();
        return static_cast<R>(d);
    } else if constexpr (is_complex<R>::value) {
        Py_complex c = PyComplex_AsCComplex(o);
        if (c.real == -1.0 && PyErr_Occurred()) raise_python_error();
        return R(static_cast<typename R::value_type>(c.real), static_cast<typename R::value_type>(c.imag));
    } else if constexpr (std::is_integral_v<R> && !std::is_same_v<R, bool>) {
        long long v = PyLong_AsLongLong(o);  // a numpy.int64 too (its __index__); lstsq's rank, a numpy.int32
        if (v == -1 && PyErr_Occurred()) raise_python_error();
        return static_cast<R>(v);
    } else {
        using T = item_t<R>;
        constexpr int N = dims_v<R>;
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_RECORDS_RO) != 0) raise_python_error();
        if (view.ndim != N || view.itemsize != static_cast<Py_ssize_t>(sizeof(T)) || !format_is<T>(view.format ? view.format : "B")) {
            int nd = view.ndim;
            PyBuffer_Release(&view);
            if (nd != N)  // np.cov of a matrix of one row: NumPy squeezes its result to 0 dimensions
                raisef(Exc::NotImplementedError, "pyrite: NumPy's result has %d dimensions here, where the compiled code "
                       "takes %d (it has no 0-dimensional arrays)", nd, N);
            raise(Exc::RuntimeError, "pyrite: NumPy returned an array of another dtype (a pyrite bug)");
        }
        Array<T, N> r;
        if (same(r, view)) {
            PyBuffer_Release(&view);
            return r;
        }
        i64 shape[N], strides[N];
        for (int k = 0; k < N; ++k) shape[k] = view.shape[k], strides[k] = view.strides[k] / static_cast<Py_ssize_t>(sizeof(T));
        const T* src = static_cast<const T*>(view.buf);
        if (N > 1 && !PyBuffer_IsContiguous(&view, 'C') && PyBuffer_IsContiguous(&view, 'F')) {
            // Fortran-ordered, as NumPy made it (np.delete(a.T, 0, axis=1) keeps a.T's order): so is the copy
            i64 reversed[N];
            for (int k = 0; k < N; ++k) reversed[k] = shape[N - 1 - k];
            r = transposed(Array<T, N>::make_uninit(reversed));
            std::memcpy(static_cast<void*>(r.data), src, static_cast<size_t>(r.size()) * sizeof(T));
            PyBuffer_Release(&view);
            return r;
        }
        r = Array<T, N>::make_uninit(shape);
        if (PyBuffer_IsContiguous(&view, 'C'))
            std::memcpy(static_cast<void*>(r.data), src, static_cast<size_t>(r.size()) * sizeof(T));
        else
            each_index<N>(shape, [&](i64 flat, const i64* idx) { r.data[flat] = src[offset_of<N>(idx, strides)]; });
        PyBuffer_Release(&view);
        return r;
    }
}

// target.NAME(*args), with one keyword argument when kw is set (its value borrowed), called
// with the GIL held; NumPy's result as R (same: from_result's). NAME is looked up each call: a
// caller may patch it.
template <class R, class Same = NoArguments, class... A>
inline R call_attr_same(PyObject* target, const char* name, const char* kw, PyObject* kw_value, const Same& same,
                        const A&... args) {
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
    return from_result<R>(r, same);
}
template <class R, class... A>
inline R call_attr(PyObject* target, const char* name, const char* kw, PyObject* kw_value, const A&... args) {
    return call_attr_same<R>(target, name, kw, kw_value, NoArguments{}, args...);
}

// ------------------------------------------------------------ NumPy's own computations
// np.linalg.solve and the others of ops.def's ByNumPy rule: numpy.NAME (numpy.linalg.NAME for
// "linalg.NAME") called with the GIL, looked up at each call, on read-only views of the arrays'
// memory (no copy) and the other arguments as Python objects (None for an omitted one): NumPy's
// LAPACK's bits and its algorithms', its exceptions (LinAlgError) as they are. Its result is
// copied into R, the type typeinfer gave it (typeinfer's by_numpy: NumPy's result type for these
// arguments' types).
template <class X>
struct Passed {  // an argument as by_numpy passes it
    const X& x;
    explicit Passed(const X& v) : x(v) {}
    PyObject* object() const { return py_arg(x); }
};
template <class T, int N>
struct Passed<Array<T, N>> : MemoryView<T, N> {  // passed as an ndarray of the view (NumPy's functions
    PyObject* array = nullptr;                     // take one faster than a memoryview: 3x3 det 8 -> 4 us)
    explicit Passed(const Array<T, N>& a) : MemoryView<T, N>(a) {
        static PyObject* asarray = nullptr;  // numpy.asarray, looked up once
        if (!asarray) {
            PyObject* numpy = PyImport_ImportModule("numpy");
            asarray = numpy ? PyObject_GetAttrString(numpy, "asarray") : nullptr;
            Py_XDECREF(numpy);
        }
        array = asarray && this->obj ? PyObject_CallOneArg(asarray, this->obj) : nullptr;
    }
    ~Passed() { Py_XDECREF(array); }  // (before the memoryview it views)
    PyObject* object() const { return Py_XNewRef(array); }
};
template <class X>
inline PyObject* py_arg(const Passed<X>& p) { return p.object(); }

template <class R, class... A>
inline R by_numpy(const char* name, const A&... args) {
    static PyObject* numpy = nullptr;  // imported once, under the GIL
    static PyObject* linalg = nullptr;
    WithGil gil;
    const bool in_linalg = std::strncmp(name, "linalg.", 7) == 0;
    PyObject*& module = in_linalg ? linalg : numpy;
    if (!module && !(module = PyImport_ImportModule(in_linalg ? "numpy.linalg" : "numpy"))) raise_python_error();
    std::tuple<Passed<A>...> passed(args...);  // the arrays' views, alive for the call
    // a result that is an argument's memory (matrix_power(a, 1), histogram's bins=edges) is that
    // argument, shared as NumPy shares it
    auto same = [&](auto& r, const Py_buffer& v) {
        bool found = false;
        auto is = [&](const auto& a) {
            using X = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<X, std::decay_t<decltype(r)>>) {
                if (found || v.buf != static_cast<const void*>(a.data) || v.ndim != dims_v<X>) return;
                for (int k = 0; k < dims_v<X>; ++k)
                    if (v.shape[k] != a.shape[k] || v.strides[k] != a.strides[k] * static_cast<Py_ssize_t>(sizeof(item_t<X>)))
                        return;
                r = a;
                found = true;
            }
        };
        (is(args), ...);
        return found;
    };
    return std::apply([&](const auto&... p) {
        return call_attr_same<R>(module, name + (in_linalg ? 7 : 0), nullptr, nullptr, same, p...);
    }, passed);
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
