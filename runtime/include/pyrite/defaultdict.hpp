// collections.defaultdict[K, V]: a Dict whose d[k] of a missing key stores and returns a value
// from its default factory, as defaultdict.__missing__ does. Everything else is the dict's
// (dict.hpp). The factory is one of Python's types (int, float, str, bool, list, set, dict), whose
// value V's type says (fresh()), or a compiled function of no arguments (defaultdict(lambda: 7)),
// held by the handle as a Factory. At the boundary it is a collections.defaultdict with that
// factory, either way: a compiled factory crosses as a Python callable that runs it.
#pragma once
#include "boundary.hpp"
#include "dict.hpp"

#include <functional>
#include <memory>
#include <typeinfo>

namespace pyrite {

template <class T>
struct is_list_type : std::false_type {};
template <class T>
struct is_list_type<List<T>> : std::true_type {};
template <class T>
struct is_set_type : std::false_type {};
template <class T>
struct is_set_type<Set<T>> : std::true_type {};
template <class T>
struct is_dict_type : std::false_type {};
template <class K, class V>
struct is_dict_type<Dict<K, V>> : std::true_type {};

template <class K, class V>
class DefaultDict;
template <class T>
struct is_defaultdict_type : std::false_type {};
template <class K, class V>
struct is_defaultdict_type<DefaultDict<K, V>> : std::true_type {};

// a compiled default factory: the function, and its name for repr ("<lambda>", "make_row")
template <class V>
struct Factory {
    std::function<V()> make;
    std::string name;
};

template <class K, class V>
class DefaultDict : public Dict<K, V> {
public:
    using FactoryP = std::shared_ptr<const Factory<V>>;
    DefaultDict() = default;
    DefaultDict(Dict<K, V> d, FactoryP f = nullptr) : Dict<K, V>(std::move(d)), factory_(std::move(f)) {}
    static DefaultDict make() { return DefaultDict(Dict<K, V>::make()); }
    // defaultdict(lambda: ...): the compiled factory, called for each missing key
    template <class F>
    static DefaultDict make_with(F&& f, const char* name) {
        return DefaultDict(Dict<K, V>::make(), std::make_shared<const Factory<V>>(Factory<V>{std::forward<F>(f), name}));
    }
    const FactoryP& factory() const { return factory_; }
    DefaultDict copy() const { return DefaultDict(Dict<K, V>::copy(), factory_); }  // the factory kept

    // the factory's value: int() 0, float() 0.0, str() '', bool() False, list() [], ...
    static V fresh() {
        // defaultdict(lambda: defaultdict(int)): a fresh defaultdict(int) (frontend/lower_containers.cpp)
        if constexpr (is_list_type<V>::value || is_set_type<V>::value || is_dict_type<V>::value ||
                      is_defaultdict_type<V>::value)
            return V::make();
        else if constexpr (std::is_same_v<V, Str>) return Str::empty();
        else return V{};
    }
    // d[k]: the value, or a fresh one stored under k
    V get(const K& key) const {
        if (std::optional<V> v = this->get_opt(key)) return *v;
        V v = factory_ ? factory_->make() : fresh();
        this->set(key, v);
        return v;
    }

private:
    FactoryP factory_;  // null: V's type is the factory
};

// defaultdict(<class 'int'>, {'a': 1})
template <class K, class V>
inline void repr_to(std::string& out, const DefaultDict<K, V>& d) {
    const char* factory = std::is_same_v<V, i64> ? "int" : std::is_same_v<V, double> ? "float"
                          : std::is_same_v<V, bool> ? "bool" : std::is_same_v<V, Str> ? "str"
                          : is_list_type<V>::value ? "list" : is_set_type<V>::value ? "set" : "dict";
    if (d.factory() || is_defaultdict_type<V>::value) {  // CPython's shows the address too: <function <lambda> at 0x...>
        out += "defaultdict(<function " + (d.factory() ? d.factory()->name : std::string("<lambda>")) + ">, ";
    } else {
        out += "defaultdict(<class '";
        out += factory;
        out += "'>, ";
    }
    repr_to(out, static_cast<const Dict<K, V>&>(d));
    out += ")";
}

namespace capi {

// the Python type whose call makes V's fresh value: the defaultdict's default_factory
template <class V>
inline PyObject* factory_of() {
    if constexpr (std::is_same_v<V, i64>) return reinterpret_cast<PyObject*>(&PyLong_Type);
    else if constexpr (std::is_same_v<V, double>) return reinterpret_cast<PyObject*>(&PyFloat_Type);
    else if constexpr (std::is_same_v<V, bool>) return reinterpret_cast<PyObject*>(&PyBool_Type);
    else if constexpr (std::is_same_v<V, Str>) return reinterpret_cast<PyObject*>(&PyUnicode_Type);
    else if constexpr (is_list_type<V>::value) return reinterpret_cast<PyObject*>(&PyList_Type);
    else if constexpr (is_set_type<V>::value) return reinterpret_cast<PyObject*>(&PySet_Type);
    else return reinterpret_cast<PyObject*>(&PyDict_Type);
}

inline PyObject* defaultdict_class() {
    static PyObject* cls = nullptr;
    return module_attr(cls, "collections", "defaultdict");
}

// A compiled factory as a Python callable: a builtin function whose self is a capsule holding it.
// Called from Python, it runs the compiled function and gives its value as a Python object.
template <class V>
const char* factory_capsule_name() {
    return typeid(Factory<V>).name();  // a capsule of another V's factory is not this one
}
// what the capsule holds: the factory, and the method record of the callable made of it (named
// as the factory is)
template <class V>
struct HeldFactory {
    std::shared_ptr<const Factory<V>> factory;
    PyMethodDef def;
};
template <class V>
PyObject* factory_to_py(const std::shared_ptr<const Factory<V>>& f) {
    auto* held = new HeldFactory<V>{f, {f->name.c_str(),
        [](PyObject* self, PyObject*) -> PyObject* {
            auto* h = static_cast<HeldFactory<V>*>(PyCapsule_GetPointer(self, factory_capsule_name<V>()));
            if (!h) return nullptr;
            try {
                V v = h->factory->make();
                Boundary b;
                return to_py(v, b);
            } catch (const Error& e) {
                Boundary errors;
                return set_error(e, &errors);
            } catch (const std::bad_alloc&) {
                return PyErr_NoMemory();
            }
        },
        METH_NOARGS, "the default factory of a defaultdict made by compiled code"}};
    PyObject* capsule = PyCapsule_New(held, factory_capsule_name<V>(), [](PyObject* c) {
        delete static_cast<HeldFactory<V>*>(PyCapsule_GetPointer(c, factory_capsule_name<V>()));
    });
    if (!capsule) {
        delete held;
        return nullptr;
    }
    PyObject* fn = PyCFunction_New(&held->def, capsule);  // it keeps the capsule, which keeps def
    Py_DECREF(capsule);
    return fn;
}
// the compiled factory a Python callable holds (factory_to_py's), or null
template <class V>
std::shared_ptr<const Factory<V>> factory_from_py(PyObject* f) {
    if (!PyCFunction_Check(f)) return nullptr;
    PyObject* self = PyCFunction_GET_SELF(f);
    if (!self || !PyCapsule_IsValid(self, factory_capsule_name<V>())) return nullptr;
    return static_cast<HeldFactory<V>*>(PyCapsule_GetPointer(self, factory_capsule_name<V>()))->factory;
}

// a collections.defaultdict whose default_factory is V's type, or a compiled factory that makes a V
template <class K, class V>
bool from_py(PyObject* o, DefaultDict<K, V>* out, const Where& w) {
    PyTypeObject* want = reinterpret_cast<PyTypeObject*>(factory_of<V>());
    char expected[120];
    std::snprintf(expected, sizeof expected, "collections.defaultdict(%s)", want->tp_name);
    Dict<K, V> d;
    if (!subclass_from_py(o, defaultdict_class(), expected, &d, w)) return false;
    PyObject* factory = PyObject_GetAttrString(o, "default_factory");
    if (!factory) return false;
    bool same = !is_defaultdict_type<V>::value && factory == reinterpret_cast<PyObject*>(want);
    typename DefaultDict<K, V>::FactoryP compiled = same ? nullptr : factory_from_py<V>(factory);
    Py_DECREF(factory);
    if (!same && !compiled) {
        char path[200];
        if constexpr (is_defaultdict_type<V>::value)  // only compiled code's own factory is known to make one
            PyErr_Format(PyExc_TypeError, "%s() argument %s must be a defaultdict of defaultdicts made by compiled code: "
                         "its default_factory is what compiled code makes for a missing key", w.func, w.path(path, sizeof path));
        else
            PyErr_Format(PyExc_TypeError, "%s() argument %s must be a defaultdict(%s): its default_factory is what "
                         "compiled code makes for a missing key", w.func, w.path(path, sizeof path), want->tp_name);
        return false;
    }
    *out = DefaultDict<K, V>(d, compiled);
    return true;
}

template <class K, class V>
PyObject* to_py(const DefaultDict<K, V>& d, Boundary& b) {
    return dict_to_py_as(d, b, [&d]() -> PyObject* {
        PyObject* cls = defaultdict_class();
        if (!cls) return nullptr;
        if (!d.factory() && !is_defaultdict_type<V>::value) return PyObject_CallFunctionObjArgs(cls, factory_of<V>(), nullptr);
        // a compiled factory; defaultdict(lambda: defaultdict(int))'s is one that makes fresh()
        PyObject* f = factory_to_py(d.factory() ? d.factory()
                                                : std::make_shared<const Factory<V>>(
                                                      Factory<V>{[] { return DefaultDict<K, V>::fresh(); }, "<lambda>"}));
        if (!f) return nullptr;
        PyObject* r = PyObject_CallFunctionObjArgs(cls, f, nullptr);
        Py_DECREF(f);
        return r;
    });
}

}  // namespace capi
}  // namespace pyrite
