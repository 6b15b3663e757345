// pyrite._dispatch.value_type_text(v): the type an unannotated parameter is compiled for, from the
// value a call passes (list[float], dict[str, object], ...), for the values whose type is plain:
// pyrite/_types.py's type_text, in C, for every call of such a function (_jit.py's ArrayGeneric._key).
//
// In Python, type_text walked a list of 20,000 JSON records at 14 us a record: 0.29 s a call, where
// CPython ran the whole function in 0.075 s. This walk answers only what it is sure of, by
// type_text's own rules: scalars, tuples, lists, sets, frozensets and dicts of them, a list's items
// of one type (ints and floats: int | float), a record of str keys whose values are JSON values of
// several types (dict[str, object]). Anything else (an instance, an empty container, items of two
// kinds, a value pyrite does not take) is None: type_text decides, and raises its TypeError.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string>
#include <vector>

namespace {

const char* scalar_name(PyTypeObject* t) {
    if (t == &PyBool_Type) return "bool";
    if (t == &PyLong_Type) return "int";
    if (t == &PyFloat_Type) return "float";
    if (t == &PyComplex_Type) return "complex";
    if (t == &PyUnicode_Type) return "str";
    if (t == &PyBytes_Type) return "bytes";
    if (t == &PyByteArray_Type) return "bytearray";
    if (t == Py_TYPE(Py_None)) return "None";
    return nullptr;
}

bool json_type(PyTypeObject* t) {  // _types.py's _JSON_TYPES
    return t == Py_TYPE(Py_None) || t == &PyBool_Type || t == &PyLong_Type || t == &PyFloat_Type || t == &PyUnicode_Type ||
           t == &PyList_Type || t == &PyDict_Type;
}

bool text_of(PyObject* v, std::string& out, int depth);

// the item type of one part of a container (its items, a dict's keys or values): type_text's loop body
bool part_text(PyObject* const* items, Py_ssize_t n, bool record, std::string& out, int depth) {
    PyTypeObject* types[8];
    int ntypes = 0;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyTypeObject* t = Py_TYPE(items[i]);
        int k = 0;
        while (k < ntypes && types[k] != t) ++k;
        if (k == ntypes) {
            if (ntypes == 8) return false;
            types[ntypes++] = t;
        }
    }
    if (ntypes == 1 && scalar_name(types[0])) return out += scalar_name(types[0]), true;
    if (record && ntypes > 1) {
        bool reals = true, json = true;
        for (int k = 0; k < ntypes; ++k) {
            reals = reals && (types[k] == &PyLong_Type || types[k] == &PyFloat_Type);
            json = json && json_type(types[k]);
        }
        if (!reals && json) return out += "object", true;  // values of several types: what each is, from_py checks
    }
    if (n == 0) return false;  // an empty container: type_text's TypeError (or its record's object)
    // every item's type: all one (ints and floats joined as int | float), else type_text decides
    std::string first, item;
    for (Py_ssize_t i = 0; i < n; ++i) {
        item.clear();
        if (!text_of(items[i], item, depth + 1)) return false;
        if (i == 0) {
            first = item;
        } else if (item != first) {
            bool a = first == "int" || first == "float" || first == "int | float";
            bool b = item == "int" || item == "float" || item == "int | float";
            if (!a || !b) return false;
            first = "int | float";
        }
    }
    out += first;
    return true;
}

bool text_of(PyObject* v, std::string& out, int depth) {
    if (depth > 64) return false;
    PyTypeObject* t = Py_TYPE(v);
    if (const char* s = scalar_name(t)) return out += s, true;
    if (t == &PyTuple_Type) {
        Py_ssize_t n = PyTuple_GET_SIZE(v);
        out += "tuple[";
        if (n == 0) out += "()";
        for (Py_ssize_t i = 0; i < n; ++i) {
            if (i) out += ", ";
            if (!text_of(PyTuple_GET_ITEM(v, i), out, depth + 1)) return false;
        }
        return out += "]", true;
    }
    if (t == &PyList_Type) {
        out += "list[";
        // a list's items, read while nothing runs that could change it (no Python code runs here)
        if (!part_text(PySequence_Fast_ITEMS(v), PyList_GET_SIZE(v), false, out, depth)) return false;
        return out += "]", true;
    }
    if (t == &PyDict_Type) {
        std::vector<PyObject*> keys, values;
        keys.reserve(static_cast<size_t>(PyDict_GET_SIZE(v)));
        values.reserve(keys.capacity());
        Py_ssize_t pos = 0;
        PyObject *k, *x;
        while (PyDict_Next(v, &pos, &k, &x)) keys.push_back(k), values.push_back(x);
        out += "dict[";
        size_t at = out.size();
        if (!part_text(keys.data(), static_cast<Py_ssize_t>(keys.size()), false, out, depth)) return false;
        bool record = out.compare(at, std::string::npos, "str") == 0;
        out += ", ";
        if (!part_text(values.data(), static_cast<Py_ssize_t>(values.size()), record, out, depth)) return false;
        return out += "]", true;
    }
    if (t == &PySet_Type || t == &PyFrozenSet_Type) {
        std::vector<PyObject*> items;
        Py_ssize_t pos = 0;
        PyObject* k;
        Py_hash_t h;
        while (_PySet_NextEntry(v, &pos, &k, &h)) items.push_back(k);
        out += t == &PySet_Type ? "set[" : "frozenset[";
        if (!part_text(items.data(), static_cast<Py_ssize_t>(items.size()), false, out, depth)) return false;
        return out += "]", true;
    }
    return false;
}

}  // namespace

PyObject* pyrite_value_type_text(PyObject*, PyObject* v) {
    std::string out;
    if (!text_of(v, out, 0)) Py_RETURN_NONE;
    return PyUnicode_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
}
