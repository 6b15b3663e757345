// Calls from compiled code into Python itself, with the GIL taken for the call: print() to
// sys.stdout here, NumPy's functions in npcall.hpp. Python's exceptions come back as pyrite
// errors of the same type and text. Function bodies touch Python objects only through these
// headers (the rest of the runtime never does: capi.hpp), each time under PyGILState_Ensure.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>

#include "capi.hpp"
#include "core.hpp"
#include "str.hpp"

namespace pyrite {

// the GIL for one call into Python; what it calls Python may see before the call returns, so
// the call cannot be run again in CPython after an int leaves 64 bits (core.hpp: CallCounters)
struct WithGil {
    PyGILState_STATE state = PyGILState_Ensure();
    WithGil() { python_sees_effect(); }
    struct Pure {};
    explicit WithGil(Pure) {}  // a call that leaves nothing Python could see (re.hpp's): it may run again
    WithGil(const WithGil&) = delete;
    WithGil& operator=(const WithGil&) = delete;
    ~WithGil() { PyGILState_Release(state); }
};

// a new reference, released at the end of the scope (under the GIL)
struct PyOwned {
    PyObject* o;
    explicit PyOwned(PyObject* p) : o(p) {}
    PyOwned(const PyOwned&) = delete;
    PyOwned& operator=(const PyOwned&) = delete;
    ~PyOwned() { Py_XDECREF(o); }
};

// A Python exception object (a new reference, which it takes) as a pyrite error of the nearest
// builtin class, which leaves compiled code as that object again (capi::error_object)
PYRITE_RT Error python_error(PyObject* value) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyObject* type = reinterpret_cast<PyObject*>(Py_TYPE(value));
    std::string msg;
    if (PyObject* s = PyObject_Str(value)) {
        if (const char* c = PyUnicode_AsUTF8(s)) msg = c;
        Py_DECREF(s);
    }
    PyErr_Clear();
    // the nearest builtin class of exceptions.def (compiled code catches it by that class); a
    // class not in it keeps its name in the message
    Exc kind = Exc::RuntimeError;
    bool builtin = false;
    if (!capi::exc_kind_of(type, &kind, &builtin) || !builtin)
        msg = std::string(reinterpret_cast<PyTypeObject*>(type)->tp_name) + ": " + msg;
    Error e{kind, msg.c_str()};
    ErrorState& s = state_of(e);  // it leaves compiled code as itself (capi::error_object)
    s.py = value;
    s.release_py = [](PyObject* o) {
        WithGil gil;
        Py_DECREF(o);
    };
    return e;
}
#endif

// Python's pending exception as a pyrite error of the same type (and message)
[[noreturn]] PYRITE_RT void raise_python_error() PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (value && tb) PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    if (!value) throw Error{Exc::RuntimeError, ""};
    throw python_error(value);
}
#endif

// print(*values, sep=sep, end=end, flush=flush, file=sys.<stream>): the text is made here, from
// each value's str(), and written to sys.stdout (or sys.stderr) as print writes it, looked up in
// sys at the call (nothing when it is None). Within a call's scope (core.hpp's UndoScope) the text
// is also kept, for CPython's run again to hold back (capi::rerun); elsewhere (a generator Python
// drives, another thread's print, a call that printed megabytes) the print is an effect.
inline none_t print_out(std::initializer_list<Str> values, const Str& sep, const Str& end, bool flush,
                        const char* stream = "stdout") {
    std::u32string text;
    bool first = true;
    for (const Str& v : values) {
        if (!first) text.append(sep.data(), static_cast<size_t>(sep.len()));
        text.append(v.data(), static_cast<size_t>(v.len()));
        first = false;
    }
    text.append(end.data(), static_cast<size_t>(end.len()));
    WithGil gil{WithGil::Pure{}};
    PyObject* out = PySys_GetObject(stream);  // borrowed
    if (!out || out == Py_None) return {};
    PyObject* s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, text.data(), static_cast<Py_ssize_t>(text.size()));
    if (!s) raise_python_error();
    int failed = PyFile_WriteObject(s, out, Py_PRINT_RAW);
    Py_DECREF(s);
    if (failed || !keep_printed(stream, text)) python_sees_effect();
    if (failed) raise_python_error();
    if (flush) {
        PyObject* r = PyObject_CallMethod(out, "flush", nullptr);
        if (!r) raise_python_error();
        Py_DECREF(r);
    }
    return {};
}
// sep= or end= given as a str | None: None is the default
inline Str print_text(const std::optional<Str>& s, const char* fallback) {
    return s ? *s : Str::literal(fallback, std::strlen(fallback));
}

}  // namespace pyrite
