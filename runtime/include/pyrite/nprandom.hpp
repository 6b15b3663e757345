// numpy.random's legacy functions (np.random.seed, rand, randn, random, uniform, normal,
// randint) as compiled code calls them: through NumPy itself (npcall.hpp), so the numbers
// are NumPy's own and the global state is the one the caller's Python code seeds and draws
// from (a compiled draw and an interpreted one interleave as they would in Python). Each is
// pyrite::np::NAME<R>(arguments) (ops.def: the Random rule), R the whole result type: a
// float, an int, None or an array NumPy's result is copied into.
#pragma once
#include "npcall.hpp"

namespace pyrite::np {

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
