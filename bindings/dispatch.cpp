// pyrite._dispatch: the object @accelerate returns.
//
// A Dispatcher stands in for the Python function. Its first call asks a Python
// hook (pyrite._jit.materialize) for the native function: from the cache, or
// compiled now. Later calls go from CPython's vectorcall straight to the
// native module's METH_FASTCALL entry point, so a call costs one extra C call
// over calling the native function itself. Plain C API, no pybind11: this is
// the only extension `import pyrite` loads, and it must load fast. It also owns
// the thread pool of prange loops (parallel.cpp).
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

namespace {

typedef PyObject* (*FastKeywords)(PyObject*, PyObject* const*, Py_ssize_t, PyObject*);

struct Dispatcher {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject* py_func;      // the original Python function
    PyObject* materialize;  // hook: materialize(dispatcher) -> native builtin function
    PyObject* native;       // the native builtin function once loaded
    FastKeywords cfunc;     // its C entry point
    PyObject* cself;        // and its module (the C function's self)
    PyObject* dict;
    PyObject* weakrefs;
};

int bind_native(Dispatcher* self, PyObject* native) {
    if (!PyCFunction_Check(native) ||
        (PyCFunction_GET_FLAGS(native) & (METH_FASTCALL | METH_KEYWORDS)) != (METH_FASTCALL | METH_KEYWORDS)) {
        PyErr_SetString(PyExc_TypeError, "pyrite: native entry point must be a METH_FASTCALL|METH_KEYWORDS function");
        return -1;
    }
    Py_INCREF(native);
    Py_XSETREF(self->native, native);
    self->cfunc = reinterpret_cast<FastKeywords>(reinterpret_cast<void (*)(void)>(PyCFunction_GET_FUNCTION(native)));
    self->cself = PyCFunction_GET_SELF(native);
    return 0;
}

// raised by a compiled module's entry point, before it does anything, when a global it compiled in
// by value was rebound since (capi::Constants): the call is then made by the function compiled
// for the new value (from the cache, or compiled now), once
PyObject* globals_changed = nullptr;

int materialize(Dispatcher* self, PyObject* callable) {
    PyObject* native = PyObject_CallOneArg(self->materialize, callable);
    if (!native) return -1;
    int rc = self->cfunc ? 0 : bind_native(self, native);  // the hook may have bound it already
    Py_DECREF(native);
    return rc;
}

PyObject* dispatcher_vectorcall(PyObject* callable, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(callable);
    if (__builtin_expect(self->cfunc == nullptr, 0) && materialize(self, callable) < 0) return nullptr;
    PyObject* r = self->cfunc(self->cself, args, PyVectorcall_NARGS(nargsf), kwnames);
    if (__builtin_expect(r == nullptr, 0) && PyErr_ExceptionMatches(globals_changed)) {
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        self->cfunc = nullptr;
        self->cself = nullptr;
        Py_CLEAR(self->native);
        if (materialize(self, callable) < 0) {
            Py_XDECREF(type);
            Py_XDECREF(value);
            Py_XDECREF(tb);
            return nullptr;
        }
        r = self->cfunc(self->cself, args, PyVectorcall_NARGS(nargsf), kwnames);
        if (!r && PyErr_ExceptionMatches(globals_changed)) {  // compiled for the new value, yet not: a pyrite bug
            PyErr_Clear();
            PyErr_Restore(type, value, tb);
            return nullptr;
        }
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    }
    return r;
}

int dispatcher_init(PyObject* op, PyObject* args, PyObject* kwargs) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    static const char* names[] = {"py_func", "materialize", nullptr};
    PyObject *py_func, *materialize;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO:Dispatcher", const_cast<char**>(names), &py_func,
                                     &materialize))
        return -1;
    Py_INCREF(py_func);
    Py_XSETREF(self->py_func, py_func);
    Py_INCREF(materialize);
    Py_XSETREF(self->materialize, materialize);
    self->vectorcall = dispatcher_vectorcall;
    return 0;
}

PyObject* dispatcher_new(PyTypeObject* type, PyObject*, PyObject*) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(type->tp_alloc(type, 0));
    if (self) self->vectorcall = dispatcher_vectorcall;
    return reinterpret_cast<PyObject*>(self);
}

int dispatcher_traverse(PyObject* op, visitproc visit, void* arg) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    Py_VISIT(self->py_func);
    Py_VISIT(self->materialize);
    Py_VISIT(self->native);
    Py_VISIT(self->dict);
    return 0;
}

int dispatcher_clear(PyObject* op) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    self->cfunc = nullptr;
    self->cself = nullptr;
    Py_CLEAR(self->py_func);
    Py_CLEAR(self->materialize);
    Py_CLEAR(self->native);
    Py_CLEAR(self->dict);
    return 0;
}

void dispatcher_dealloc(PyObject* op) {
    PyObject_GC_UnTrack(op);
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    if (self->weakrefs) PyObject_ClearWeakRefs(op);
    dispatcher_clear(op);
    Py_TYPE(op)->tp_free(op);
}

PyObject* dispatcher_repr(PyObject* op) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    PyObject* name = self->py_func ? PyObject_GetAttrString(self->py_func, "__qualname__") : nullptr;
    if (!name) {
        PyErr_Clear();
        return PyUnicode_FromString("<pyrite.accelerate>");
    }
    PyObject* r = PyUnicode_FromFormat("<pyrite.accelerate %U%s>", name, self->cfunc ? "" : " (not compiled yet)");
    Py_DECREF(name);
    return r;
}

PyObject* get_native(PyObject* op, void*) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    return Py_NewRef(self->native ? self->native : Py_None);
}

int set_native(PyObject* op, PyObject* value, void*) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    if (value == nullptr || value == Py_None) {
        self->cfunc = nullptr;
        self->cself = nullptr;
        Py_CLEAR(self->native);
        return 0;
    }
    return bind_native(self, value);
}

PyObject* get_py_func(PyObject* op, void*) {
    Dispatcher* self = reinterpret_cast<Dispatcher*>(op);
    return Py_NewRef(self->py_func ? self->py_func : Py_None);
}

// fn.cpp_source: the generated C++, from pyrite._jit (compiles first if needed).
PyObject* get_cpp_source(PyObject* op, void*) {
    PyObject* jit = PyImport_ImportModule("pyrite._jit");
    if (!jit) return nullptr;
    PyObject* r = PyObject_CallMethod(jit, "cpp_source", "O", op);
    Py_DECREF(jit);
    return r;
}

// Pickled by reference, like a module-level function: by its qualified name.
PyObject* dispatcher_reduce(PyObject* op, PyObject*) { return PyObject_GetAttrString(op, "__qualname__"); }

PyGetSetDef getset[] = {
    {"native", get_native, set_native, "the native function, once compiled (None before)", nullptr},
    {"py_func", get_py_func, nullptr, "the original Python function", nullptr},
    {"cpp_source", get_cpp_source, nullptr, "the generated C++ (compiles the function if needed)", nullptr},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef methods[] = {
    {"__reduce__", dispatcher_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject DispatcherType = {PyVarObject_HEAD_INIT(nullptr, 0)};

}  // namespace

// the thread pool of prange loops (parallel.cpp)
PyObject* pyrite_set_num_threads(PyObject*, PyObject* arg);
PyObject* pyrite_get_num_threads(PyObject*, PyObject*);
PyObject* pyrite_shared_runs(PyObject*, PyObject*);
int pyrite_add_parallel(PyObject* module);
// the type an unannotated parameter is compiled for, from its value (value_type.cpp)
PyObject* pyrite_value_type_text(PyObject*, PyObject* v);

namespace {

PyMethodDef module_methods[] = {
    {"set_num_threads", pyrite_set_num_threads, METH_O,
     "set_num_threads(n): prange loops run on n threads from now on (PYRITE_NUM_THREADS sets the first value)"},
    {"get_num_threads", pyrite_get_num_threads, METH_NOARGS, "get_num_threads(): how many threads prange loops use"},
    {"shared_runs", pyrite_shared_runs, METH_NOARGS,
     "shared_runs(): how many parallel runs (prange loops, parallel=True array work) the pool's workers took part in"},
    {"value_type_text", pyrite_value_type_text, METH_O,
     "value_type_text(v): the annotation an unannotated parameter is compiled for, from v (list[float], ...), or None "
     "where pyrite._types.type_text decides"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef moduledef = {PyModuleDef_HEAD_INIT, "pyrite._dispatch", "pyrite's call path", -1, module_methods};

}  // namespace

PyMODINIT_FUNC PyInit__dispatch(void) {
    DispatcherType.tp_name = "pyrite._dispatch.Dispatcher";
    DispatcherType.tp_doc = "A function compiled by pyrite on its first call.";
    DispatcherType.tp_basicsize = sizeof(Dispatcher);
    DispatcherType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL;
    DispatcherType.tp_new = dispatcher_new;
    DispatcherType.tp_init = dispatcher_init;
    DispatcherType.tp_dealloc = dispatcher_dealloc;
    DispatcherType.tp_traverse = dispatcher_traverse;
    DispatcherType.tp_clear = dispatcher_clear;
    DispatcherType.tp_repr = dispatcher_repr;
    DispatcherType.tp_call = PyVectorcall_Call;
    DispatcherType.tp_vectorcall_offset = offsetof(Dispatcher, vectorcall);
    DispatcherType.tp_dictoffset = offsetof(Dispatcher, dict);
    DispatcherType.tp_weaklistoffset = offsetof(Dispatcher, weakrefs);
    DispatcherType.tp_getset = getset;
    DispatcherType.tp_methods = methods;
    if (PyType_Ready(&DispatcherType) < 0) return nullptr;
    PyObject* m = PyModule_Create(&moduledef);
    if (!m) return nullptr;
    Py_INCREF(&DispatcherType);
    if (PyModule_AddObject(m, "Dispatcher", reinterpret_cast<PyObject*>(&DispatcherType)) < 0) {
        Py_DECREF(&DispatcherType);
        Py_DECREF(m);
        return nullptr;
    }
    globals_changed = PyErr_NewExceptionWithDoc(
        "pyrite._dispatch.GlobalsChanged",
        "A global compiled in by value changed: the dispatcher compiles the function again (internal).",
        PyExc_RuntimeError, nullptr);
    if (!globals_changed || PyModule_AddObject(m, "GlobalsChanged", Py_NewRef(globals_changed)) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    if (pyrite_add_parallel(m) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    return m;
}
