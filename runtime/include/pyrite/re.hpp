// re: Python's regular expressions, run by CPython's own re module (its engine, its pattern cache,
// its errors: an invalid pattern raises re.error as in CPython), called with the GIL taken and the
// texts converted. Pure calls: they leave nothing Python could see, so a call that later leaves
// 64 bits can still run again in CPython (pycall.hpp's WithGil(Pure): no python_sees_effect).
// What CPython returns that the declared type cannot hold (a None for a group that did not take
// part in a match, findall's tuples of a pattern with several groups) raises a TypeError saying so.
#pragma once
#include <vector>

#include "boundary.hpp"
#include "list.hpp"
#include "pycall.hpp"

namespace pyrite::re {

// re.NAME (a new reference; the GIL held): the module imported once
PYRITE_RT PyObject* function(const char* name) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static PyObject* module = nullptr;
    if (!module && !(module = PyImport_ImportModule("re"))) raise_python_error();
    PyObject* f = PyObject_GetAttrString(module, name);
    if (!f) raise_python_error();
    return f;
}
#endif

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
    PyOwned compile(function("compile")), text(capi::to_py(pattern)), f(PyLong_FromLongLong(flags));
    PyObject* c = text.o && f.o ? PyObject_CallFunctionObjArgs(compile.o, text.o, f.o, nullptr) : nullptr;
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
    PyOwned args_tuple(tuple), fn(PyObject_GetAttrString(pattern_object, method));
    PyObject* r = fn.o ? PyObject_Call(fn.o, tuple, nullptr) : nullptr;
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
    PyOwned owned(list);
    List<Str> out = List<Str>::make();
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) out.append(text_of(PyList_GET_ITEM(list, i), what));
    return out;
}
#endif


PYRITE_BUILTIN("re.split")
inline List<Str> split(const Str& pattern, const Str& string, i64 maxsplit = 0, i64 flags = 0) {
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(pattern, flags, "split", {capi::to_py(string), PyLong_FromLongLong(maxsplit)}), "re.split()");
}

PYRITE_BUILTIN("re.findall")
inline List<Str> findall(const Str& pattern, const Str& string, i64 flags = 0) {
    WithGil gil{WithGil::Pure{}};
    return texts_of(call(pattern, flags, "findall", {capi::to_py(string)}), "re.findall()");
}

PYRITE_BUILTIN("re.sub")
inline Str sub(const Str& pattern, const Str& repl, const Str& string, i64 count = 0, i64 flags = 0) {
    WithGil gil{WithGil::Pure{}};
    PyOwned r(call(pattern, flags, "sub", {capi::to_py(repl), capi::to_py(string), PyLong_FromLongLong(count)}));
    return text_of(r.o, "re.sub()");
}

PYRITE_BUILTIN("re.escape")
inline Str escape(const Str& pattern) {
    WithGil gil{WithGil::Pure{}};
    PyOwned escape(function("escape")), text(capi::to_py(pattern));
    PyOwned r(text.o ? PyObject_CallOneArg(escape.o, text.o) : nullptr);
    if (!r.o) raise_python_error();
    return text_of(r.o, "re.escape()");
}

}  // namespace pyrite::re
