// re: Python's regular expressions, run by CPython's own re module (its engine, its pattern cache,
// its errors: an invalid pattern raises re.error as in CPython), called with the GIL taken and the
// texts converted. Pure calls: they leave nothing Python could see, so a call that later leaves
// 64 bits can still run again in CPython (no python_sees_effect, unlike pycall.hpp's WithGil).
// What CPython returns that the declared type cannot hold (a None for a group that did not take
// part in a match, findall's tuples of a pattern with several groups) raises a TypeError saying so.
#pragma once
#include "boundary.hpp"
#include "list.hpp"
#include "pycall.hpp"

namespace pyrite::re {

// re.NAME(*args) under the GIL: its result (a new reference), or the Python exception raised as
// compiled code's
PYRITE_RT PyObject* call(const char* name, std::initializer_list<PyObject*> args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static PyObject* module = nullptr;  // the GIL guards it
    if (!module && !(module = PyImport_ImportModule("re"))) raise_python_error();
    PyObject* fn = PyObject_GetAttrString(module, name);
    PyObject* tuple = fn ? PyTuple_New(static_cast<Py_ssize_t>(args.size())) : nullptr;
    Py_ssize_t i = 0;
    for (PyObject* a : args) {
        if (!a || !tuple) {
            Py_XDECREF(tuple);
            Py_XDECREF(fn);
            raise_python_error();
        }
        PyTuple_SET_ITEM(tuple, i++, a);  // steals a
    }
    PyObject* r = PyObject_Call(fn, tuple, nullptr);
    Py_DECREF(tuple);
    Py_DECREF(fn);
    if (!r) raise_python_error();
    return r;
}
#endif

// a str CPython returned, as pyrite's; a None where a group did not match: the TypeError
PYRITE_RT Str text_of(PyObject* o, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (PyUnicode_Check(o)) {
        Str s;
        capi::Where w{.func = what, .param = "result"};
        if (!capi::from_py(o, &s, w)) raise_python_error();
        return s;
    }
    raisef(Exc::TypeError, "%s gave a %s where compiled code holds a str (a group that did not take part in the "
                           "match gives None; a pattern with several groups gives tuples)", what, Py_TYPE(o)->tp_name);
}
#endif

PYRITE_RT List<Str> texts_of(PyObject* list, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<Str> out = List<Str>::make();
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
        try {
            out.append(text_of(PyList_GET_ITEM(list, i), what));
        } catch (...) {
            Py_DECREF(list);
            throw;
        }
    }
    Py_DECREF(list);
    return out;
}
#endif

struct Gil {
    PyGILState_STATE state = PyGILState_Ensure();
    Gil() = default;
    Gil(const Gil&) = delete;
    Gil& operator=(const Gil&) = delete;
    ~Gil() { PyGILState_Release(state); }
};

PYRITE_BUILTIN("re.split")
inline List<Str> split(const Str& pattern, const Str& string, i64 maxsplit = 0, i64 flags = 0) {
    Gil gil;
    return texts_of(call("split", {capi::to_py(pattern), capi::to_py(string), PyLong_FromLongLong(maxsplit),
                                   PyLong_FromLongLong(flags)}), "re.split()");
}

PYRITE_BUILTIN("re.findall")
inline List<Str> findall(const Str& pattern, const Str& string, i64 flags = 0) {
    Gil gil;
    return texts_of(call("findall", {capi::to_py(pattern), capi::to_py(string), PyLong_FromLongLong(flags)}),
                    "re.findall()");
}

PYRITE_BUILTIN("re.sub")
inline Str sub(const Str& pattern, const Str& repl, const Str& string, i64 count = 0, i64 flags = 0) {
    Gil gil;
    PyObject* r = call("sub", {capi::to_py(pattern), capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count),
                               PyLong_FromLongLong(flags)});
    struct Drop {
        PyObject* o;
        ~Drop() { Py_DECREF(o); }
    } drop{r};
    return text_of(r, "re.sub()");
}

PYRITE_BUILTIN("re.escape")
inline Str escape(const Str& pattern) {
    Gil gil;
    PyObject* r = call("escape", {capi::to_py(pattern)});
    struct Drop {
        PyObject* o;
        ~Drop() { Py_DECREF(o); }
    } drop{r};
    return text_of(r, "re.escape()");
}

}  // namespace pyrite::re
