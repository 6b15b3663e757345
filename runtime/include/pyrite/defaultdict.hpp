// collections.defaultdict[K, V] whose default factory is one of Python's types (int, float, str,
// bool, list, set, dict): a Dict whose d[k] of a missing key stores and returns a fresh V, as
// defaultdict.__missing__ does. Everything else is the dict's (dict.hpp). At the boundary it is
// a collections.defaultdict with that factory, either way.
#pragma once
#include "boundary.hpp"
#include "dict.hpp"

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
class DefaultDict : public Dict<K, V> {
public:
    DefaultDict() = default;
    DefaultDict(Dict<K, V> d) : Dict<K, V>(std::move(d)) {}  // d.copy() of a defaultdict is one
    static DefaultDict make() { return DefaultDict(Dict<K, V>::make()); }

    // the factory's value: int() 0, float() 0.0, str() '', bool() False, list() [], ...
    static V fresh() {
        if constexpr (is_list_type<V>::value || is_set_type<V>::value || is_dict_type<V>::value) return V::make();
        else if constexpr (std::is_same_v<V, Str>) return Str::empty();
        else return V{};
    }
    // d[k]: the value, or a fresh one stored under k
    V get(const K& key) const {
        if (std::optional<V> v = this->get_opt(key)) return *v;
        V v = fresh();
        this->set(key, v);
        return v;
    }
};

// defaultdict(<class 'int'>, {'a': 1})
template <class K, class V>
inline void repr_to(std::string& out, const DefaultDict<K, V>& d) {
    const char* factory = std::is_same_v<V, i64> ? "int" : std::is_same_v<V, double> ? "float"
                          : std::is_same_v<V, bool> ? "bool" : std::is_same_v<V, Str> ? "str"
                          : is_list_type<V>::value ? "list" : is_set_type<V>::value ? "set" : "dict";
    out += "defaultdict(<class '";
    out += factory;
    out += "'>, ";
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

// a collections.defaultdict whose default_factory is V's type (what compiled code makes)
template <class K, class V>
bool from_py(PyObject* o, DefaultDict<K, V>* out, const Where& w) {
    PyTypeObject* want = reinterpret_cast<PyTypeObject*>(factory_of<V>());
    char expected[120];
    std::snprintf(expected, sizeof expected, "collections.defaultdict(%s)", want->tp_name);
    Dict<K, V> d;
    if (!subclass_from_py(o, defaultdict_class(), expected, &d, w)) return false;
    PyObject* factory = PyObject_GetAttrString(o, "default_factory");
    if (!factory) return false;
    bool same = factory == reinterpret_cast<PyObject*>(want);
    Py_DECREF(factory);
    if (!same) {
        char path[200];
        PyErr_Format(PyExc_TypeError, "%s() argument %s must be a defaultdict(%s): its default_factory is what "
                     "compiled code makes for a missing key", w.func, w.path(path, sizeof path), want->tp_name);
        return false;
    }
    *out = DefaultDict<K, V>(d);
    return true;
}

template <class K, class V>
PyObject* to_py(const DefaultDict<K, V>& d, Boundary& b) {
    return dict_to_py_as(d, b, [] {
        PyObject* cls = defaultdict_class();
        return cls ? PyObject_CallFunctionObjArgs(cls, factory_of<V>(), nullptr) : nullptr;
    });
}

}  // namespace capi
}  // namespace pyrite
