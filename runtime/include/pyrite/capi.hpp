// pyrite runtime: the boundary between CPython and compiled code.
//
// The module glue (templates/module.cpp.j2) uses this header; function bodies never touch a
// PyObject but through pycall.hpp and npcall.hpp, under the GIL, so they can run with it
// released (pycall.hpp reads Python's exceptions with exc_kind_of, below).
//
// Argument acceptance rule (documented in README.md, "Types at the boundary"):
//   int   parameter: int, bool (as 0/1), or any object with __index__ (numpy ints);
//                    a value outside 64 bits raises OverflowError naming the parameter.
//   float parameter: float (and subclasses), int and bool converted exactly as float(x),
//                    or any other object with __float__ except str/bytes.
//   complex parameter: complex (and subclasses: numpy.complex128), int, float, or any
//                    other object with __complex__, __float__ or __index__ except str/bytes,
//                    converted as complex(x).
//   bool  parameter: True or False only.
// Anything else raises TypeError naming the function, the parameter, the
// expected and the actual type.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <signal.h>
#include <new>
#include <complex>
#include <tuple>
#include <cstring>
#include <utility>
#include <vector>
#include "core.hpp"
#include "traceback.hpp"

namespace pyrite {
template <class Tag, class... T>
struct Named;  // a NamedTuple's instance (named.hpp)
template <class Tag>
struct Member;  // an Enum's member (enum.hpp)
}

namespace pyrite::capi {

inline PyObject* exc_type(Exc kind) {
    switch (kind) {
#define EXC(name, base) \
    case Exc::name: return PyExc_##name;
#include "exceptions.def"
#undef EXC
        case Exc::ArrayMemoryError: return PyExc_MemoryError;
    }
    return PyExc_RuntimeError;
}

// The class of exceptions.def a Python exception type is (exact) or, else, derives from
// nearest (the type itself when it is one of them: *is_builtin); false for a non-exception
PYRITE_RT bool exc_kind_of(PyObject* type, Exc* kind, bool* is_builtin) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    for (auto* t = reinterpret_cast<PyTypeObject*>(type); t; t = t->tp_base) {
#define EXC(name, base)                                                 \
        if (t == reinterpret_cast<PyTypeObject*>(PyExc_##name)) {       \
            *kind = Exc::name;                                          \
            *is_builtin = reinterpret_cast<PyObject*>(t) == type;       \
            return true;                                                \
        }
#include "exceptions.def"
#undef EXC
    }
    return false;
}
#endif

// ------------------------------------------------------------ Ctrl-C
// The SIGINT handler in force when the module loaded (CPython's), which ours calls after
// setting the flag compiled loops check: Python sees the signal as it always does.
inline struct sigaction& previous_sigint() {
    static struct sigaction old{};
    return old;
}
inline void on_sigint(int sig, siginfo_t* info, void* context) {
    __atomic_store_n(&interrupt_pending, 1, __ATOMIC_RELAXED);
    const struct sigaction& old = previous_sigint();
    if (old.sa_flags & SA_SIGINFO) {
        if (old.sa_sigaction) old.sa_sigaction(sig, info, context);
    } else if (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN && old.sa_handler) {
        old.sa_handler(sig);
    }
}
// At module init, in the main interpreter: only where Python handles SIGINT itself (a
// program that ignores it or left it at the default keeps its choice).
inline void install_interrupt_handler() {
    struct sigaction old;
    if (sigaction(SIGINT, nullptr, &old) != 0) return;
    if (!(old.sa_flags & SA_SIGINFO) && (old.sa_handler == SIG_DFL || old.sa_handler == SIG_IGN)) return;
    previous_sigint() = old;
    struct sigaction act {};
    act.sa_sigaction = on_sigint;
    act.sa_mask = old.sa_mask;
    act.sa_flags = SA_SIGINFO | (old.sa_flags & (SA_RESTART | SA_ONSTACK));
    sigaction(SIGINT, &act, nullptr);
}

// The frames CPython has left before RecursionError, read under the GIL at the
// boundary: the first compiled frame counts as one more Python frame, so compiled
// recursion stops at the same depth as the interpreted function.
inline i64 recursion_budget() {
    PyThreadState* t = PyThreadState_Get();
#if PY_VERSION_HEX >= 0x030C0000
    return t->py_recursion_remaining;
#elif PY_VERSION_HEX >= 0x030B0000
    return t->recursion_remaining;
#else
    return Py_GetRecursionLimit() - t->recursion_depth;
#endif
}

// NumPy's own MemoryError for an array it could not allocate (its message names the
// size, shape and dtype): numpy._core._exceptions._ArrayMemoryError(shape, dtype)
PYRITE_RT bool array_memory_error(const char* message) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const char* bar = std::strrchr(message, '|');
    if (!bar) return false;
    PyObject* exceptions = PyImport_ImportModule("numpy._core._exceptions");
    if (!exceptions) {  // NumPy 1.x
        PyErr_Clear();
        exceptions = PyImport_ImportModule("numpy.core._exceptions");
    }
    PyObject* ast = PyImport_ImportModule("ast");
    PyObject* numpy = PyImport_ImportModule("numpy");
    PyObject* shape = ast ? PyObject_CallMethod(ast, "literal_eval", "s#", message, (Py_ssize_t)(bar - message)) : nullptr;
    PyObject* dtype = numpy && shape ? PyObject_CallMethod(numpy, "dtype", "s", bar + 1) : nullptr;
    PyObject* error = exceptions && dtype ? PyObject_CallMethod(exceptions, "_ArrayMemoryError", "OO", shape, dtype) : nullptr;
    if (error) PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error)), error);
    for (PyObject* o : {exceptions, ast, numpy, shape, dtype, error}) Py_XDECREF(o);
    if (!error) PyErr_Clear();
    return error != nullptr;
}
#endif

// The globals a module compiled in by value (N = 10, OFFSETS = ((0, 1), (1, 0)), math.pi): each
// call from Python first checks that they still hold those values (templates/module.cpp.j2). A
// module dict's version tag changes with every store into it, so the common call compares one
// number per module; after a store, each constant is looked up again and compared (the same
// object, or one of the same type and repr). One that changed raises pyrite._dispatch's
// GlobalsChanged, on which the dispatcher compiles (or loads) the function for the new value.
struct Constants {
    struct Entry {
        PyObject* dict;   // the module's globals (owned)
        PyObject* name;   // owned
        PyObject* value;  // what was compiled in (owned)
    };
    Vec<Entry> entries;
    Vec<std::pair<PyObject*, std::uint64_t>> versions;  // each dict, its version when last checked
    // in the prebuilt runtime: each module has one, and its vectors' members cost a module 40-60 ms
    // of instantiation
    PYRITE_RT Constants();
    PYRITE_RT ~Constants();
    Constants(const Constants&) = delete;
    Constants& operator=(const Constants&) = delete;
    bool unchanged() {
        if (entries.empty()) return true;
#if PY_VERSION_HEX < 0x030E0000
        bool same = true;
        for (const auto& [d, v] : versions) same = same && version(d) == v;
        if (PYRITE_LIKELY(same)) return true;
#endif
        return recheck();
    }
    static std::uint64_t version(PyObject* d) {
#if PY_VERSION_HEX < 0x030E0000
        _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
        return reinterpret_cast<PyDictObject*>(d)->ma_version_tag;
        _Pragma("GCC diagnostic pop")
#else
        (void)d;
        return 0;
#endif
    }
    PYRITE_RT bool recheck();
    PYRITE_RT PyObject* bind(PyObject* list);  // [(dict, name, value)]: __pyrite_bind_constants__
};
#if PYRITE_RT_BODIES
PYRITE_RT Constants::Constants() = default;
PYRITE_RT Constants::~Constants() = default;  // a module's, at exit: the objects it holds are left to CPython
PYRITE_RT bool Constants::recheck() {
    for (const Entry& e : entries) {
        PyObject* now = PyDict_GetItemWithError(e.dict, e.name);  // borrowed
        if (!now && PyErr_Occurred()) return false;
        bool same = now == e.value;
        if (!same && now && Py_TYPE(now) == Py_TYPE(e.value)) {  // 10.0 made anew: the same value?
            if (std::strcmp(Py_TYPE(now)->tp_name, "re.Pattern") == 0) {  // its repr cuts the text: ==
                int eq = PyObject_RichCompareBool(now, e.value, Py_EQ);
                if (eq < 0) return false;
                same = eq == 1;
            } else {
                PyObject* a = PyObject_Repr(now);
                PyObject* b = a ? PyObject_Repr(e.value) : nullptr;
                same = b && PyUnicode_Compare(a, b) == 0;
                Py_XDECREF(a);
                Py_XDECREF(b);
            }
            if (PyErr_Occurred()) return false;
        }
        if (!same) {
            static PyObject* changed = nullptr;  // pyrite._dispatch.GlobalsChanged, never freed
            if (!changed) {
                PyObject* m = PyImport_ImportModule("pyrite._dispatch");
                changed = m ? PyObject_GetAttrString(m, "GlobalsChanged") : nullptr;
                Py_XDECREF(m);
                if (!changed) return false;
            }
            PyErr_Format(changed, "the global '%U' changed since the function was compiled with its value", e.name);
            return false;
        }
    }
    for (auto& [d, v] : versions) v = version(d);
    return true;
}
PYRITE_RT PyObject* Constants::bind(PyObject* list) {
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "__pyrite_bind_constants__ takes a list of (dict, name, value)");
        return nullptr;
    }
    Vec<Entry> fresh;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
        PyObject* t = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3 || !PyDict_Check(PyTuple_GET_ITEM(t, 0)) ||
            !PyUnicode_Check(PyTuple_GET_ITEM(t, 1))) {
            PyErr_SetString(PyExc_TypeError, "__pyrite_bind_constants__ takes a list of (dict, name, value)");
            return nullptr;
        }
        fresh.push_back(Entry{Py_NewRef(PyTuple_GET_ITEM(t, 0)), Py_NewRef(PyTuple_GET_ITEM(t, 1)),
                              Py_NewRef(PyTuple_GET_ITEM(t, 2))});
    }
    for (Entry& e : entries) {
        Py_DECREF(e.dict);
        Py_DECREF(e.name);
        Py_DECREF(e.value);
    }
    entries.swap(fresh);
    versions.clear();
    for (const Entry& e : entries) {
        bool seen = false;
        for (const auto& dv : versions) seen = seen || dv.first == e.dict;
        if (!seen) versions.emplace_back(e.dict, 0);
    }
    if (!recheck()) return nullptr;  // the versions now, and the values checked once
    Py_RETURN_NONE;
}
#endif

// the exception as the pending Python error: a builtin one from its kind and text
PYRITE_RT void set_plain_error(const Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (e.literal || (e.kind == Exc::KeyError && !e.raised)) {
        // the one argument, from its repr: KeyError carries the key itself, as in CPython; so does
        // `raise X(5)` its int
        PyObject* ast = PyImport_ImportModule("ast");
        PyObject* key = ast ? PyObject_CallMethod(ast, "literal_eval", "s", e.message()) : nullptr;
        Py_XDECREF(ast);
        if (!key) {  // nan and inf have no literal: read them as floats
            PyErr_Clear();
            PyObject* text = PyUnicode_FromString(e.message());
            key = text ? PyFloat_FromString(text) : nullptr;
            Py_XDECREF(text);
        }
        if (!key) {
            PyErr_Clear();
            key = PyUnicode_FromString(e.message());
        }
        if (key) {  // as CPython's _PyErr_SetKeyError: a tuple key is one argument, not several
            PyObject* args = PyTuple_Pack(1, key);
            if (args) {
                PyErr_SetObject(exc_type(e.kind), args);
                Py_DECREF(args);
            }
            Py_DECREF(key);
        }
        return;
    }
    if (e.raised) {  // raise X(message) / raise X in compiled code: exactly that argument, or none
        if (e.no_args) {
            PyErr_SetNone(exc_type(e.kind));
            return;
        }
        PyObject* message = PyUnicode_DecodeUTF8(e.message(), static_cast<Py_ssize_t>(e.raised_length), "surrogatepass");
        if (message) {
            PyObject* args = PyTuple_Pack(1, message);  // a tuple: a str argument is never unpacked
            if (args) {
                PyErr_SetObject(exc_type(e.kind), args);
                Py_DECREF(args);
            }
            Py_DECREF(message);
        }
        return;
    }
    if (e.kind == Exc::ArrayMemoryError && array_memory_error(e.message())) return;
    if (e.kind == Exc::KeyboardInterrupt) {
        // CPython's handler saw the same signal: its own processing raises what the program's
        // SIGINT handler raises (KeyboardInterrupt by default)
        if (PyErr_CheckSignals() < 0) return;
        PyErr_SetNone(PyExc_KeyboardInterrupt);
        return;
    }
    if (e.kind == Exc::AssertionError && e.message()[0] == 0)
        PyErr_SetNone(PyExc_AssertionError);
    else
        PyErr_SetString(exc_type(e.kind), e.message());
}
#endif

// The exception as a Python exception object (a new reference, or null with the error set):
// the user's instance or the builtin one, its traceback entries for the compiled frames it
// left (as Cython adds them), its __cause__ and __context__ (b: the call's Boundary, which
// turns instances into the user's objects)
PYRITE_RT PyObject* error_object(const Error& e, void* b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const ErrorState* s = e.state.get();
    if (s && s->py) {  // raised by Python code compiled code called: the same object
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(s->py)), s->py);
    } else if (s && s->obj.get()) {
        if (!b) {
            PyErr_SetString(PyExc_SystemError, "pyrite: an exception instance left compiled code without a boundary");
            return nullptr;
        }
        PyObject* o = s->obj_to_py(s->obj.get(), b);
        if (!o) return nullptr;
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(o)), o);
        Py_DECREF(o);
    } else if (s && s->detail) {  // made from the data it kept (bytes.hpp's codec errors)
        PyObject* o = s->detail_to_py(s->detail.get(), b);
        if (!o) return nullptr;
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(o)), o);
        Py_DECREF(o);
    } else if (s && s->args) {  // a builtin exception made with its args (exceptions.hpp's exception_of)
        PyObject* args = s->args_to_py(*s->args);
        if (!args) return nullptr;
        PyObject* o = PyObject_Call(exc_type(e.kind), args, nullptr);
        Py_DECREF(args);
        if (!o) return nullptr;
        PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(o)), o);
        Py_DECREF(o);
    } else {
        set_plain_error(e);
    }
    if (s)
        for (const Frame& f : s->frames) _PyTraceback_Add(f.where->func, f.where->file, f.line);
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb && value) PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    if (!value || !s) return value;
    if (s->cause) {
        PyObject* c = error_object(*s->cause, b);
        if (!c) {
            Py_DECREF(value);
            return nullptr;
        }
        PyException_SetCause(value, c);  // steals c; sets __suppress_context__
    } else if (s->suppress_context) {
        reinterpret_cast<PyBaseExceptionObject*>(value)->suppress_context = 1;  // raise ... from None
    }
    if (s->context) {
        PyObject* c = error_object(*s->context, b);
        if (!c) {
            Py_DECREF(value);
            return nullptr;
        }
        PyException_SetContext(value, c);  // steals c
    }
    return value;
}
#endif

// The glue's way out: the exception becomes the pending Python error; returns null
PYRITE_RT PyObject* set_error(const Error& e, void* b = nullptr) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!e.state) {
        set_plain_error(e);
        return nullptr;
    }
    PyObject* value = error_object(e, b);
    if (!value) return nullptr;
    PyObject* type = Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(value)));
    if (e.state->context) {  // chained here: as it was
        PyErr_Restore(type, value, PyException_GetTraceback(value));
    } else {  // chained to what the caller is handling, as any raise is
        PyObject* tb = PyException_GetTraceback(value);
        PyErr_SetObject(type, value);
        Py_DECREF(type);
        Py_DECREF(value);
        if (tb) {
            PyObject *t2, *v2, *tb2;
            PyErr_Fetch(&t2, &v2, &tb2);
            Py_XDECREF(tb2);
            PyErr_Restore(t2, v2, tb);
        }
    }
    return nullptr;
}
#endif

// ------------------------------------------------------------ an int beyond 64 bits
// CPython's int has no size limit; pyrite's is 64-bit. Where a result (Error::limit) or an
// argument (CallCounters::big_ints) leaves 64 bits, the glue drops the call's native state
// (nothing was written back) and calls `interpreted`, the function as the user wrote it, with the
// same arguments: CPython computes the call, at its speed, exactly. Not when something the caller
// can see happened first (CallCounters::effects: calling Python; a draw from a random generator
// is put back and a print replayed, see core.hpp's UndoScope) or when an argument holds a NumPy
// array (written in place): running those twice would be seen, so the call fails with an
// OverflowError that says why. `interpreted` is
// null for a module whose Python functions were never bound (pyrite binds them at load).
enum class NoRerun { Effects, Arrays, Unbound };
// `count`: the entry point's calls that ran in CPython so far (pyrite.info's reruns). Every call
// tries compiled code first, whatever the earlier calls did, so a call's outcome never depends
// on the calls before it.
// `scope`: the call's (the glue's UndoScope), whose prints CPython's run writes again: the text
// they wrote is handed to pyrite._replay, which holds it back from sys.stdout and sys.stderr
// while CPython runs the call, so each line appears once, as in one run of CPython.
PYRITE_RT PyObject* rerun(PyObject* interpreted, Py_ssize_t* count, PyObject* const* args, Py_ssize_t nargs,
                          PyObject* kwnames, UndoScope* scope = nullptr) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyErr_Clear();  // an argument's OverflowError, if that was the cause
    ++*count;
    if (!scope || undo_log.printed_count <= scope->printed_mark)
        return PyObject_Vectorcall(interpreted, args, static_cast<size_t>(nargs), kwnames);
    std::u32string texts[2];  // what went to sys.stdout, to sys.stderr
    printed_since(scope->printed_mark, texts);
    scope->forget_printed();
    PyObject* module = PyImport_ImportModule("pyrite._replay");
    PyObject* replay = module ? PyObject_GetAttrString(module, "rerun") : nullptr;
    Py_XDECREF(module);
    if (!replay) return nullptr;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    Vec<PyObject*> all(static_cast<size_t>(3 + nargs + nkw), nullptr);
    all[0] = interpreted;
    for (int k = 0; k < 2; ++k) {
        all[1 + k] = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, texts[k].data(), static_cast<Py_ssize_t>(texts[k].size()));
        if (!all[1 + k]) {
            Py_XDECREF(all[1]);
            Py_DECREF(replay);
            return nullptr;
        }
    }
    for (Py_ssize_t i = 0; i < nargs + nkw; ++i) all[static_cast<size_t>(3 + i)] = args[i];
    PyObject* result = PyObject_Vectorcall(replay, all.data(), static_cast<size_t>(3 + nargs), kwnames);
    Py_DECREF(all[1]);
    Py_DECREF(all[2]);
    Py_DECREF(replay);
    return result;
}
#endif
// the limit error when the call cannot run again: OverflowError, saying why
PYRITE_RT PyObject* int_limit_error(const Error& e, NoRerun why, void* b = nullptr) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const char* reason = why == NoRerun::Effects  ? "; CPython could not run the call again: it had already called Python "
                                                    "(README: Python's int)"
                         : why == NoRerun::Arrays ? "; CPython could not run the call again: it may have written into a "
                                                    "NumPy array argument (README: Python's int)"
                                                  : "";
    std::string text = std::string(e.message()) + reason;
    Error out(e.kind, text.c_str());
    out.limit = true;
    out.state = e.state;
    return set_error(out, b);
}
#endif

// ------------------------------------------------------------ argument binding
struct Signature {
    const char* func;           // Python name, for messages
    const char* const* params;  // parameter names
    Py_ssize_t nparams;
    Py_ssize_t nrequired;       // positional parameters without a default come first
    Py_ssize_t nposonly = 0;    // the first ones, before '/': never passed by keyword
    Py_ssize_t nkwonly = 0;     // the last ones, after '*': only passed by keyword
    const bool* kw_required = nullptr;  // per keyword-only parameter: it has no default
};

// Binds positional and keyword arguments to parameter slots (borrowed
// references; a slot stays nullptr when its default applies). Messages follow
// CPython's for Python functions.
PYRITE_RT bool bind_slow(const Signature& sig, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                         PyObject** slots);

// The common call: every parameter passed by position. Anything else takes bind_slow.
inline bool bind(const Signature& sig, PyObject* const* args, Py_ssize_t nargsf, PyObject* kwnames,
                 PyObject** slots) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (PYRITE_LIKELY(kwnames == nullptr && nargs == sig.nparams && sig.nkwonly == 0)) {
        for (Py_ssize_t i = 0; i < nargs; ++i) slots[i] = args[i];
        return true;
    }
    return bind_slow(sig, args, nargs, kwnames, slots);
}

// CPython's TypeError for required arguments not given (ceval.c format_missing): their names
// 'a', 'a' and 'b', or 'a', 'b', and 'c'
PYRITE_RT bool missing_arguments(const char* func, const char* kind, const Vec<const char*>& names) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) list += names.size() == 2 ? " and " : i + 1 == names.size() ? ", and " : ", ";
        list += "'" + std::string(names[i]) + "'";
    }
    PyErr_Format(PyExc_TypeError, "%s() missing %zd required %s argument%s: %s", func, (Py_ssize_t)names.size(), kind,
                 names.size() == 1 ? "" : "s", list.c_str());
    return false;
}
#endif

PYRITE_RT bool bind_slow(const Signature& sig, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                         PyObject** slots) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const Py_ssize_t npositional = sig.nparams - sig.nkwonly;
    if (PYRITE_UNLIKELY(nargs > npositional)) {
        if (sig.nrequired == npositional)
            PyErr_Format(PyExc_TypeError, "%s() takes %zd positional argument%s but %zd %s given", sig.func,
                         npositional, npositional == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
        else
            PyErr_Format(PyExc_TypeError, "%s() takes from %zd to %zd positional arguments but %zd %s given",
                         sig.func, sig.nrequired, npositional, nargs, nargs == 1 ? "was" : "were");
        return false;
    }
    for (Py_ssize_t i = 0; i < sig.nparams; ++i) slots[i] = i < nargs ? args[i] : nullptr;
    if (kwnames) {
        Py_ssize_t nkw = PyTuple_GET_SIZE(kwnames);
        for (Py_ssize_t k = 0; k < nkw; ++k) {
            PyObject* name = PyTuple_GET_ITEM(kwnames, k);
            Py_ssize_t i = 0;
            for (; i < sig.nparams; ++i)
                if (PyUnicode_CompareWithASCIIString(name, sig.params[i]) == 0) break;
            if (PYRITE_UNLIKELY(i < sig.nposonly)) {
                PyErr_Format(PyExc_TypeError,
                             "%s() got some positional-only arguments passed as keyword arguments: '%U'", sig.func, name);
                return false;
            }
            if (PYRITE_UNLIKELY(i == sig.nparams)) {
                PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", sig.func, name);
                return false;
            }
            if (PYRITE_UNLIKELY(slots[i] != nullptr)) {
                PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", sig.func,
                             sig.params[i]);
                return false;
            }
            slots[i] = args[nargs + k];
        }
    }
    Vec<const char*> missing;
    for (Py_ssize_t i = 0; i < sig.nrequired; ++i)
        if (!slots[i]) missing.push_back(sig.params[i]);
    if (PYRITE_UNLIKELY(!missing.empty())) return missing_arguments(sig.func, "positional", missing);
    for (Py_ssize_t k = 0; k < sig.nkwonly; ++k)
        if (sig.kw_required[k] && !slots[npositional + k]) missing.push_back(sig.params[npositional + k]);
    if (PYRITE_UNLIKELY(!missing.empty())) return missing_arguments(sig.func, "keyword-only", missing);
    return true;
}
#endif

struct Boundary;  // boundary.hpp: containers crossing the boundary

// Where a value sits, for messages: "f() argument 'x'", "f() argument 'pt'[1]",
// "f() argument 'rows'[3][0]". Element positions chain to their container.
struct Where {
    const char* func;
    const char* param;
    const Where* parent = nullptr;  // the container this is an element of
    Py_ssize_t index = -1;          // the position in it
    Boundary* boundary = nullptr;   // set when containers cross (boundary.hpp)
    PyObject* key = nullptr;        // a dict value's key (borrowed), instead of index
    bool is_key = false;            // a dict key or set item itself
    const char* attr = nullptr;     // a field of an object, instead of index
    bool global = false;            // param names a module's global (templates/module.cpp.j2), not a parameter
    const char* owner = nullptr;    // and that global is the class variable of the class of this qualname
    // a list's item or a dict's value that nothing references but its container and the
    // conversion: no other path of the arguments reaches it, so it is not looked for among the
    // objects converted already (Boundary::find), as a str with so few references is not
    bool unique = false;

    Where element(Py_ssize_t i) const { return Where{func, param, this, i, boundary}; }
    Where value_of(PyObject* k) const { return Where{func, param, this, -1, boundary, k}; }
    Where key_of() const { return Where{func, param, this, -1, boundary, nullptr, true}; }
    Where field(const char* name) const { return Where{func, param, this, -1, boundary, nullptr, false, name}; }
    PYRITE_RT const char* path(char* buf, size_t size) const;
};
#if PYRITE_RT_BODIES
PYRITE_RT const char* Where::path(char* buf, size_t size) const {
    if (!parent) {
        std::snprintf(buf, size, "'%s'", param);
    } else {
        char up[160];
        parent->path(up, sizeof up);
        if (attr) {
            std::snprintf(buf, size, "%s.%s", up, attr);
        } else if (is_key) {
            std::snprintf(buf, size, "%s (a key)", up);
        } else if (key) {
            PyObject* r = PyObject_Repr(key);
            const char* text = r ? PyUnicode_AsUTF8(r) : nullptr;
            std::snprintf(buf, size, "%s[%.60s]", up, text ? text : "?");
            Py_XDECREF(r);
            if (!text) PyErr_Clear();
        } else {
            std::snprintf(buf, size, "%s[%zd]", up, index);
        }
    }
    return buf;
}
#endif

PYRITE_RT bool wrong_type(const Where& w, const char* expected, PyObject* got) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    char path[200];
    const Where* root = &w;
    while (root->parent) root = root->parent;
    if (root->owner)  // a class variable: 'Cfg.scale'
        PyErr_Format(PyExc_TypeError, "%s() reads the class variable '%s.%s, which must be %s, not %.200s", w.func,
                     root->owner, w.path(path, sizeof path) + 1, expected, Py_TYPE(got)->tp_name);
    else
        PyErr_Format(PyExc_TypeError, root->global ? "%s() reads the global %s, which must be %s, not %.200s"
                                                   : "%s() argument %s must be %s, not %.200s",
                     w.func, w.path(path, sizeof path), expected, Py_TYPE(got)->tp_name);
    return false;
}
#endif

// module.name (numpy.float32, numpy.random.Generator), imported and looked up once into slot
// (the GIL is held); nullptr with Python's error set
inline PyObject* module_attr(PyObject*& slot, const char* module, const char* name) {
    if (!slot) {
        PyObject* m = PyImport_ImportModule(module);
        if (!m) return nullptr;
        slot = PyObject_GetAttrString(m, name);
        Py_DECREF(m);
    }
    return slot;
}

// any other int, an object with __index__, or the TypeError (from_py below reads a small int in place)
PYRITE_RT bool int_from_py(PyObject* o, i64* out, const Where& w) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (PyLong_Check(o)) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (PYRITE_UNLIKELY(overflow)) {
            ++call_counters.big_ints;  // the glue may run the call in CPython instead
            char path[200];
            PyErr_Format(PyExc_OverflowError, "%s() argument %s: int too large for pyrite's 64-bit int", w.func,
                         w.path(path, sizeof path));
            return false;
        }
        *out = v;
        return true;
    }
    if (!PyFloat_Check(o) && Py_TYPE(o)->tp_as_number && Py_TYPE(o)->tp_as_number->nb_index) {
        PyObject* idx = PyNumber_Index(o);
        if (!idx) return false;
        bool ok = int_from_py(idx, out, w);
        Py_DECREF(idx);
        return ok;
    }
    return wrong_type(w, "int", o);
}
#endif
// the conversions that run no Python code and cannot fail, or false: a float's value, and on
// CPython 3.11 an int of at most one 30-bit digit, read in place (a list's items take them with no
// reference counted and no place named for a message: boundary.hpp)
inline bool plain_from_py(PyObject* o, i64* out) {
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
    if (PYRITE_LIKELY(PyLong_CheckExact(o))) {
        Py_ssize_t size = Py_SIZE(o);
        if (size >= -1 && size <= 1) {
            *out = size * (i64)((PyLongObject*)o)->ob_digit[0];
            return true;
        }
    }
#endif
    (void)o, (void)out;
    return false;
}
inline bool plain_from_py(PyObject* o, double* out) {
    if (!PyFloat_Check(o)) return false;
    *out = PyFloat_AS_DOUBLE(o);
    return true;
}
template <class T>
inline bool plain_from_py(PyObject*, T*) { return false; }

inline bool from_py(PyObject* o, i64* out, const Where& w) {
    if (plain_from_py(o, out)) return true;
    return int_from_py(o, out, w);
}

inline bool from_py(PyObject* o, double* out, const Where& w) {
    if (plain_from_py(o, out)) return true;
    if (PyLong_Check(o)) {
        double d = PyLong_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) return false;
        *out = d;
        return true;
    }
    if (!PyUnicode_Check(o) && !PyBytes_Check(o) && Py_TYPE(o)->tp_as_number &&
        Py_TYPE(o)->tp_as_number->nb_float) {
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) return false;
        *out = d;
        return true;
    }
    return wrong_type(w, "float", o);
}

// int | float: a float stays one, anything an int parameter takes is an int
inline bool from_py(PyObject* o, Real* out, const Where& w) {
    if (PyFloat_Check(o)) {
        *out = Real(PyFloat_AS_DOUBLE(o));
        return true;
    }
    if (!PyLong_Check(o) && !(Py_TYPE(o)->tp_as_number && Py_TYPE(o)->tp_as_number->nb_index))
        return wrong_type(w, "int or float", o);
    i64 v;
    if (!from_py(o, &v, w)) return false;
    *out = Real(v);
    return true;
}

inline bool from_py(PyObject* o, std::complex<double>* out, const Where& w) {
    if (!PyUnicode_Check(o) && !PyBytes_Check(o) && !PyByteArray_Check(o)) {
        PyNumberMethods* nb = Py_TYPE(o)->tp_as_number;
        bool number = PyComplex_Check(o) || PyFloat_Check(o) || PyLong_Check(o) || (nb && (nb->nb_float || nb->nb_index));
        if (number || PyObject_HasAttrString(o, "__complex__")) {
            Py_complex c = PyComplex_AsCComplex(o);
            if (c.real == -1.0 && PyErr_Occurred()) return false;
            *out = std::complex<double>(c.real, c.imag);
            return true;
        }
    }
    return wrong_type(w, "complex", o);
}

inline bool from_py(PyObject* o, bool* out, const Where& w) {
    if (o == Py_True) { *out = true; return true; }
    if (o == Py_False) { *out = false; return true; }
    return wrong_type(w, "bool", o);
}

// declared first so that nested tuples find them (a NamedTuple's: named.hpp)
template <class... T>
inline bool from_py(PyObject* o, std::tuple<T...>* out, const Where& w);
template <class... T>
inline PyObject* to_py(const std::tuple<T...>& t);
template <class Tag, class... T>
inline bool from_py(PyObject* o, Named<Tag, T...>* out, const Where& w);
template <class Tag, class... T>
inline PyObject* to_py(const Named<Tag, T...>& t);
template <class Tag>
inline bool from_py(PyObject* o, Member<Tag>* out, const Where& w);
template <class Tag>
inline PyObject* to_py(const Member<Tag>& m);

template <class... T, std::size_t... I>
inline bool tuple_from_py(PyObject* o, std::tuple<T...>* out, const Where& w, std::index_sequence<I...>) {
    bool ok = true;
    ((ok = ok && from_py(PyTuple_GET_ITEM(o, I), &std::get<I>(*out), w.element(I))), ...);
    return ok;
}
template <class... T>
inline bool from_py(PyObject* o, std::tuple<T...>* out, const Where& w) {
    if (!PyTuple_Check(o)) return wrong_type(w, "tuple", o);
    if (PyTuple_GET_SIZE(o) != (Py_ssize_t)sizeof...(T)) {
        char path[200];
        PyErr_Format(PyExc_TypeError, "%s() argument %s must be a tuple of length %zd, not %zd", w.func,
                     w.path(path, sizeof path), (Py_ssize_t)sizeof...(T), PyTuple_GET_SIZE(o));
        return false;
    }
    return tuple_from_py(o, out, w, std::index_sequence_for<T...>{});
}

// ------------------------------------------------------------ return values
inline PyObject* to_py(i64 v) { return PyLong_FromLongLong(v); }
inline PyObject* to_py(double v) { return PyFloat_FromDouble(v); }
inline PyObject* to_py(Real v) { return v.is_int() ? PyLong_FromLongLong(v.i) : PyFloat_FromDouble(v.f); }
inline PyObject* to_py(std::complex<double> v) { return PyComplex_FromDoubles(v.real(), v.imag()); }
inline PyObject* to_py(bool v) { return Py_NewRef(v ? Py_True : Py_False); }
inline PyObject* to_py(none_t) { return Py_NewRef(Py_None); }
template <class... T, std::size_t... I>
inline PyObject* tuple_to_py(const std::tuple<T...>& t, std::index_sequence<I...>) {
    PyObject* items[] = {to_py(std::get<I>(t))...};
    PyObject* r = PyTuple_New(sizeof...(T));
    for (std::size_t i = 0; i < sizeof...(T); ++i) {
        if (!items[i]) {
            for (PyObject* p : items) Py_XDECREF(p);
            Py_XDECREF(r);
            return nullptr;
        }
    }
    if (!r) {
        for (PyObject* p : items) Py_DECREF(p);
        return nullptr;
    }
    for (std::size_t i = 0; i < sizeof...(T); ++i) PyTuple_SET_ITEM(r, i, items[i]);
    return r;
}
template <class... T>
inline PyObject* to_py(const std::tuple<T...>& t) {
    return tuple_to_py(t, std::index_sequence_for<T...>{});
}

}  // namespace pyrite::capi
