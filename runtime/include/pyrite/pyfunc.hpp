// A Python callable compiled code was given: a parameter of a function called from Python,
// annotated Callable[[A, B], R] (frontend/lower.cpp's python_callable; A, B and R are numbers,
// str or None). A call takes the GIL, passes the arguments as Python objects and checks that the
// result is an R, as the annotation says: a float for float (an int result is a TypeError, since
// compiled code would compute with it as a float where Python would not), an int (not a bool)
// for int. What the callable raises leaves as itself (pycall.hpp's raise_python_error).
#pragma once
#include "boundary.hpp"
#include "pycall.hpp"

namespace pyrite {

namespace capi {
// the result of a Python callable, of exactly the annotated type
inline bool exact_result(PyObject* o, double* out) {
    if (!PyFloat_Check(o)) return false;
    *out = PyFloat_AS_DOUBLE(o);
    return true;
}
inline bool exact_result(PyObject* o, i64* out) {
    if (!PyLong_Check(o) || PyBool_Check(o)) return false;
    return from_py(o, out, Where{"", "result"});
}
inline bool exact_result(PyObject* o, bool* out) {
    if (!PyBool_Check(o)) return false;
    *out = o == Py_True;
    return true;
}
inline bool exact_result(PyObject* o, std::complex<double>* out) {
    if (!PyComplex_Check(o)) return false;
    *out = std::complex<double>(PyComplex_RealAsDouble(o), PyComplex_ImagAsDouble(o));
    return true;
}
inline bool exact_result(PyObject* o, Str* out) { return PyUnicode_Check(o) && from_py(o, out, Where{"", "result"}); }
inline bool exact_result(PyObject* o, none_t*) { return o == Py_None; }
inline const char* result_name(double*) { return "float"; }
inline const char* result_name(i64*) { return "int"; }
inline const char* result_name(bool*) { return "bool"; }
inline const char* result_name(std::complex<double>*) { return "complex"; }
inline const char* result_name(Str*) { return "str"; }
inline const char* result_name(none_t*) { return "None"; }
}  // namespace capi

template <class Sig>
struct PyFunc;

template <class R, class... A>
struct PyFunc<R(A...)> {
    PyObject* fn = nullptr;      // borrowed: the caller's argument, alive for the whole call
    const char* func = nullptr;  // the compiled function and its parameter, for messages
    const char* param = nullptr;

    R operator()(const A&... a) const {
        WithGil gil;
        PyObject* args[sizeof...(A) + 1] = {nullptr, capi::to_py(a)...};
        for (size_t i = 1; i <= sizeof...(A); ++i)
            if (!args[i]) {
                for (size_t j = 1; j <= sizeof...(A); ++j) Py_XDECREF(args[j]);
                raise_python_error();
            }
        PyObject* r = PyObject_Vectorcall(fn, args + 1, sizeof...(A) | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
        for (size_t i = 1; i <= sizeof...(A); ++i) Py_DECREF(args[i]);
        if (!r) raise_python_error();
        R out{};
        bool ok = capi::exact_result(r, &out);
        if (!ok && !PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "%s() argument '%s' returned %.200s, not %s as its annotation says", func,
                         param, Py_TYPE(r)->tp_name, capi::result_name(&out));
        Py_DECREF(r);
        if (!ok) raise_python_error();
        return out;
    }
};

namespace capi {
template <class R, class... A>
inline bool from_py(PyObject* o, PyFunc<R(A...)>* out, const Where& w) {
    if (!PyCallable_Check(o)) return wrong_type(w, "callable", o);
    out->fn = o;
    out->func = w.func;
    out->param = w.param;
    return true;
}
}  // namespace capi

}  // namespace pyrite
