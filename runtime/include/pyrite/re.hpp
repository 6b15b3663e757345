// re: Python's regular expressions, run by CPython's own re module (its engine, its pattern cache,
// its errors: an invalid pattern raises re.error as in CPython), called with the GIL taken and the
// texts converted. Pure calls: they leave nothing Python could see, so a call that later leaves
// 64 bits can still run again in CPython (no python_sees_effect, unlike pycall.hpp's WithGil).
// What CPython returns that the declared type cannot hold (a None for a group that did not take
// part in a match, findall's tuples of a pattern with several groups) raises a TypeError saying so.
#pragma once
#include <vector>

#include "boundary.hpp"
#include "list.hpp"
#include "pycall.hpp"

namespace pyrite::re {

// re.compile(pattern, flags) under the GIL, kept for the next calls (a borrowed reference): a call
// of re.split(p, s) is re.compile(p).split(s), without re's own cache lookup and the pattern's
// conversion each time; re.error where the pattern is invalid, as CPython raises it
PYRITE_RT PyObject* compiled(const Str& pattern, i64 flags) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    struct Entry {
        Str pattern;
        i64 flags;
        PyObject* compiled;
    };
    static std::vector<Entry> cache;  // the GIL guards it; the last patterns used, most recent last
    for (size_t i = cache.size(); i-- > 0;)
        if (cache[i].flags == flags && cache[i].pattern == pattern) return cache[i].compiled;
    static PyObject* compile = nullptr;
    if (!compile) {
        PyObject* module = PyImport_ImportModule("re");
        compile = module ? PyObject_GetAttrString(module, "compile") : nullptr;
        Py_XDECREF(module);
        if (!compile) raise_python_error();
    }
    PyObject* text = capi::to_py(pattern);
    PyObject* f = text ? PyLong_FromLongLong(flags) : nullptr;
    PyObject* c = f ? PyObject_CallFunctionObjArgs(compile, text, f, nullptr) : nullptr;
    Py_XDECREF(text);
    Py_XDECREF(f);
    if (!c) raise_python_error();
    if (cache.size() >= 32) {
        Py_DECREF(cache.front().compiled);
        cache.erase(cache.begin());
    }
    cache.push_back(Entry{pattern, flags, c});
    return c;
}
#endif

// compiled(pattern, flags).METHOD(*args) under the GIL: its result (a new reference), or the
// Python exception raised as compiled code's. The args are new references, stolen.
PYRITE_RT PyObject* call(const Str& pattern, i64 flags, const char* method, std::initializer_list<PyObject*> args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyObject* pattern_object;
    try {
        pattern_object = compiled(pattern, flags);
    } catch (...) {
        for (PyObject* a : args) Py_XDECREF(a);
        throw;
    }
    PyObject* tuple = PyTuple_New(static_cast<Py_ssize_t>(args.size()));
    Py_ssize_t i = 0;
    bool missing = false;
    for (PyObject* a : args) {
        if (!a || !tuple) {
            missing = true;
            Py_XDECREF(a);
            continue;
        }
        PyTuple_SET_ITEM(tuple, i++, a);  // steals a
    }
    if (missing) {
        Py_XDECREF(tuple);
        raise_python_error();
    }
    PyObject* fn = PyObject_GetAttrString(pattern_object, method);
    PyObject* r = fn ? PyObject_Call(fn, tuple, nullptr) : nullptr;
    Py_XDECREF(fn);
    Py_DECREF(tuple);
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
    return texts_of(call(pattern, flags, "split", {capi::to_py(string), PyLong_FromLongLong(maxsplit)}), "re.split()");
}

PYRITE_BUILTIN("re.findall")
inline List<Str> findall(const Str& pattern, const Str& string, i64 flags = 0) {
    Gil gil;
    return texts_of(call(pattern, flags, "findall", {capi::to_py(string)}), "re.findall()");
}

PYRITE_BUILTIN("re.sub")
inline Str sub(const Str& pattern, const Str& repl, const Str& string, i64 count = 0, i64 flags = 0) {
    Gil gil;
    PyObject* r = call(pattern, flags, "sub", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)});
    struct Drop {
        PyObject* o;
        ~Drop() { Py_DECREF(o); }
    } drop{r};
    return text_of(r, "re.sub()");
}

PYRITE_BUILTIN("re.escape")
inline Str escape(const Str& pattern) {
    Gil gil;
    static PyObject* escape = nullptr;  // re.escape (the GIL guards it)
    if (!escape) {
        PyObject* module = PyImport_ImportModule("re");
        escape = module ? PyObject_GetAttrString(module, "escape") : nullptr;
        Py_XDECREF(module);
        if (!escape) raise_python_error();
    }
    PyObject* text = capi::to_py(pattern);
    PyObject* r = text ? PyObject_CallOneArg(escape, text) : nullptr;
    Py_XDECREF(text);
    if (!r) raise_python_error();
    struct Drop {
        PyObject* o;
        ~Drop() { Py_DECREF(o); }
    } drop{r};
    return text_of(r, "re.escape()");
}

}  // namespace pyrite::re
