// `object`: a value of any compiled type, kept as itself (typeinfer gives a dict display whose
// values have several types, {"count": 3, "top": [...]}, the value type `object`: TypeKind::Boxed).
// What Python code does with such a value without knowing its type is what compiled code does
// here: print it (repr(), str(), f-strings: the value's own), compare it with == (by the value:
// equal numbers of different types are equal, as 1 == 1.0), test its truth, and hand it to Python
// as the value itself (a list stays the one list: a Boxed holds its reference). Anything else
// (arithmetic, a method) is a diagnostic at compile time.
#pragma once
#include <array>
#include <memory>
#include <string>
#include <typeinfo>

#include "boundary.hpp"
#include "builtins/text.hpp"

namespace pyrite {

// the name of a value's Python type, as CPython's messages give it
template <class T>
struct PyTypeName {
    static const char* of(const T& v) {
        if constexpr (std::is_same_v<T, i64>) return "int";
        else if constexpr (std::is_same_v<T, bool>) return "bool";
        else if constexpr (std::is_same_v<T, double>) return "float";
        else if constexpr (std::is_same_v<T, Real>) return v.is_int() ? "int" : "float";
        else if constexpr (std::is_same_v<T, Str>) return "str";
        else if constexpr (std::is_same_v<T, none_t>) return "NoneType";
        else return "object";
    }
};
template <class T>
struct PyTypeName<List<T>> {
    static const char* of(const List<T>&) { return "list"; }
};
template <class K, class V>
struct PyTypeName<Dict<K, V>> {
    static const char* of(const Dict<K, V>&) { return "dict"; }
};
template <class T>
struct PyTypeName<Set<T>> {
    static const char* of(const Set<T>&) { return "set"; }
};
template <class T>
struct PyTypeName<FrozenSet<T>> {
    static const char* of(const FrozenSet<T>&) { return "frozenset"; }
};
template <class K>
class Counter;
template <class K, class V>
class DefaultDict;
template <class K, class V>
class OrderedDict;
template <class T>
class Deque;
template <class K>
struct PyTypeName<Counter<K>> {
    static const char* of(const Counter<K>&) { return "Counter"; }
};
template <class K, class V>
struct PyTypeName<DefaultDict<K, V>> {
    static const char* of(const DefaultDict<K, V>&) { return "defaultdict"; }
};
template <class K, class V>
struct PyTypeName<OrderedDict<K, V>> {
    static const char* of(const OrderedDict<K, V>&) { return "OrderedDict"; }
};
template <class T>
struct PyTypeName<Deque<T>> {
    static const char* of(const Deque<T>&) { return "deque"; }
};
template <class T>
struct PyTypeName<Tuple<T>> {
    static const char* of(const Tuple<T>&) { return "tuple"; }
};
template <>
struct PyTypeName<Bytes> {
    static const char* of(const Bytes&) { return "bytes"; }
};
template <>
struct PyTypeName<ByteArray> {
    static const char* of(const ByteArray&) { return "bytearray"; }
};
template <>
struct PyTypeName<std::complex<double>> {
    static const char* of(const std::complex<double>&) { return "complex"; }
};
template <class... T>
struct PyTypeName<std::tuple<T...>> {
    static const char* of(const std::tuple<T...>&) { return "tuple"; }
};
template <class T>
struct PyTypeName<std::optional<T>> {
    static const char* of(const std::optional<T>& v) { return v ? PyTypeName<T>::of(*v) : "NoneType"; }
};

// format(v, spec) of a value of any type: the builtin's where it has one; else, as object.__format__,
// str(v) for an empty spec and CPython's TypeError for another
template <class T>
Str format_of(const T& v, const Str& spec) {
    if constexpr (requires { builtins::format(v, spec); }) {
        return builtins::format(v, spec);
    } else if constexpr (requires { v.has_value(); *v; }) {  // T | None: None's, or the value's
        if (v) return format_of(*v, spec);
        if (spec.len() == 0) return PYRITE_STR("None");
        raise(Exc::TypeError, "unsupported format string passed to NoneType.__format__");
    } else {
        if (spec.len() == 0) return to_str(v);
        raisef(Exc::TypeError, "unsupported format string passed to %s.__format__", PyTypeName<T>::of(v));
    }
}

// a value of one type, behind the Boxed that holds it: what an `object` does, done by the value.
// Counted as pyrite's objects are (object.hpp): a std::shared_ptr made every module compile
// make_shared's control block for each type a Boxed held
struct BoxedBase : Object {
    virtual const char* type_name() const = 0;
    // o holds the same C++ type: v < o's, a TypeError naming `symbol` where CPython has no order
    virtual bool less(const BoxedBase& o, const char* symbol) const = 0;
    virtual void repr(std::string& out) const = 0;
    virtual void text(std::u32string& out) const = 0;
    virtual bool truth() const = 0;
    virtual Str format(const Str& spec) const = 0;  // format(v, spec): the value's own
    virtual PyObject* py(capi::Boundary& b) const = 0;
    virtual const std::type_info& type() const = 0;
    virtual bool same(const BoxedBase& o) const = 0;  // o holds the same C++ type: == of the values
    virtual bool number(Real* out) const {  // an int, float or bool (int | float): its value
        (void)out;
        return false;
    }
};

template <class T>
struct BoxedValue final : BoxedBase {
    T v;
    explicit BoxedValue(const T& x) : v(x) {}
    void repr(std::string& out) const override { repr_to(out, v); }
    void text(std::u32string& out) const override { text_to(out, v); }
    bool truth() const override { return truthy(v); }
    Str format(const Str& spec) const override { return format_of(v, spec); }
    PyObject* py(capi::Boundary& b) const override { return capi::to_py(v, b); }
    const std::type_info& type() const override { return typeid(T); }
    const char* type_name() const override { return PyTypeName<T>::of(v); }
    bool less(const BoxedBase& o, const char* symbol) const override {
        if constexpr (requires { py_lt(v, v); }) {
            (void)symbol;
            return py_lt(v, static_cast<const BoxedValue<T>&>(o).v);
        } else {
            raisef(Exc::TypeError, "'%s' not supported between instances of '%s' and '%s'", symbol, type_name(), o.type_name());
        }
    }
    bool same(const BoxedBase& o) const override { return py_eq(v, static_cast<const BoxedValue<T>&>(o).v); }
    bool number(Real* out) const override {
        if constexpr (std::is_same_v<T, i64> || std::is_same_v<T, bool> || std::is_same_v<T, double> ||
                      std::is_same_v<T, Real>) {
            *out = Real(v);
            return true;
        }
        return false;
    }
};

struct Boxed {
    Ref<BoxedBase> p;  // null: None (what a dict's slot holds before it is set); never changed once made
    Boxed() = default;
    Boxed(none_t) {}  // NOLINT: None
    template <class T>
    Boxed(const std::optional<T>& v) : p(v ? Boxed(*v).p : Ref<BoxedBase>()) {}  // NOLINT: what it holds, or None
    template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Boxed>, int> = 0>
    Boxed(const T& v) : p(new BoxedValue<T>(v)) {}  // NOLINT: kept as itself
};
// None, held by the library: a module's header code instantiates no BoxedValue itself (the
// precompiled prelude would then carry it to every module)
PYRITE_RT const BoxedBase& boxed_none() PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static const BoxedValue<none_t> none{none_t{}};
    return none;
}
#endif
inline const BoxedBase& held(const Boxed& b) { return b.p.get() ? *b.p : boxed_none(); }

// repr_to and truthy of a Boxed take a Boxed only, never a value converted to one (a type without
// its own overload would call itself through its BoxedValue without end): templates, to which
// deduction gives no conversions
template <class B, std::enable_if_t<std::is_same_v<B, Boxed>, int> = 0>
inline void repr_to(std::string& out, const B& b) { held(b).repr(out); }
namespace builtins {
PYRITE_BUILTIN("format") inline Str format(const Boxed& v, const Str& spec = pyrite::Str::empty()) { return held(v).format(spec); }
PYRITE_BUILTIN("bool") inline bool bool_of(const Boxed& v) { return held(v).truth(); }
}  // namespace builtins
inline void text_to(std::u32string& out, const Boxed& b) { held(b).text(out); }
// int(x) and float(x) of what an `object` holds, as CPython converts it (a bool, an int, a float, a str
// of digits; anything else CPython's TypeError). In the library: a module's header code instantiates no
// BoxedValue itself (boxed_none)
PYRITE_BUILTIN("int") PYRITE_RT i64 int_(const Boxed& x) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const BoxedBase& h = held(x);
    Real r;
    if (h.number(&r)) return r.is_int() ? r.i : float_to_int(r.f);
    if (const auto* s = dynamic_cast<const BoxedValue<Str>*>(&h)) return builtins::int_(s->v);
    raisef(Exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'", h.type_name());
}
#endif
PYRITE_BUILTIN("float") PYRITE_RT double float_(const Boxed& x) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const BoxedBase& h = held(x);
    Real r;
    if (h.number(&r)) return r.f;
    if (const auto* s = dynamic_cast<const BoxedValue<Str>*>(&h)) return builtins::float_(s->v);
    raisef(Exc::TypeError, "float() argument must be a string or a real number, not '%s'", h.type_name());
}
#endif
template <class B, std::enable_if_t<std::is_same_v<B, Boxed>, int> = 0>
inline bool truthy(const B& b) { return held(b).truth(); }
inline bool is_none(const Boxed& b) { return !b.p.get() || held(b).type() == typeid(none_t); }  // x is None
// isinstance(x, int), of a builtin class by its name: the Python type of what x holds (a bool is an int)
inline bool boxed_is(const Boxed& b, const char* cls) {
    const char* t = held(b).type_name();
    auto is = [t](const char* name) { return std::strcmp(t, name) == 0; };
    if (is(cls)) return true;
    if (std::strcmp(cls, "int") == 0) return is("bool");
    if (std::strcmp(cls, "dict") == 0) return is("Counter") || is("defaultdict") || is("OrderedDict");
    return false;
}
// two values of one Python type that compiled code holds as different C++ types ([1, 2] and [1, 2.0]):
// compared as Python objects, by CPython (op: Py_EQ, Py_LT, ...), under the GIL
PYRITE_RT bool boxed_by_python(const BoxedBase& x, const BoxedBase& y, int op) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    WithGil gil{WithGil::Pure{}};
    capi::Boundary b;
    PyOwned a(x.py(b)), c(y.py(b));
    int r = a.o && c.o ? PyObject_RichCompareBool(a.o, c.o, op) : -1;
    if (r < 0) raise_python_error();
    return r == 1;
}
#endif
// a < b, a <= b, a > b, a >= b (op 0 to 3) as CPython orders them: values of one type by their order,
// numbers of any kinds by value, anything else CPython's TypeError ('<' not supported between
// instances of 'str' and 'int')
PYRITE_RT bool boxed_compare(int op, const Boxed& a, const Boxed& b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static const char* const symbols[] = {"<", "<=", ">", ">="};
    const BoxedBase &x = held(a), &y = held(b);
    Real u, v;
    if (x.number(&u) && y.number(&v)) {
        int c = compare(u, v);  // -1, 0, 1; another for nan
        return op == 0 ? c == -1 : op == 1 ? (c == -1 || c == 0) : op == 2 ? c == 1 : (c == 1 || c == 0);
    }
    if (x.type() != y.type() && std::strcmp(x.type_name(), y.type_name()) == 0 && std::strcmp(x.type_name(), "object") != 0)
        return boxed_by_python(x, y, op == 0 ? Py_LT : op == 1 ? Py_LE : op == 2 ? Py_GT : Py_GE);
    if (x.type() != y.type())
        raisef(Exc::TypeError, "'%s' not supported between instances of '%s' and '%s'", symbols[op], x.type_name(), y.type_name());
    switch (op) {
        case 0: return x.less(y, "<");
        case 1: return x.less(y, "<=") || x.same(y);
        case 2: return y.less(x, ">");
        default: return y.less(x, ">=") || x.same(y);
    }
}
#endif
inline bool py_lt(const Boxed& a, const Boxed& b) { return boxed_compare(0, a, b); }

// what an `object` holds, read as the type isinstance() narrowed it to (typeinfer's boxed_narrowing):
// a container is the one it holds (the same object); a bool read as an int is its int, and an int |
// float what it holds as that
template <class T>
inline T unbox(const Boxed& b) {
    const BoxedBase& h = held(b);
    if (const auto* v = dynamic_cast<const BoxedValue<T>*>(&h)) return v->v;
    if constexpr (std::is_same_v<T, i64> || std::is_same_v<T, double> || std::is_same_v<T, Real>) {
        Real r;
        if (h.number(&r)) {
            if constexpr (std::is_same_v<T, Real>) return r;
            else if constexpr (std::is_same_v<T, i64>) {
                if (r.is_int()) return r.i;
            } else if (!r.is_int()) {
                return r.f;
            }
        }
    }
    raisef(Exc::TypeError, "pyrite: this object holds a %s, which compiled code reads as another type here (a container "
                           "compiled code put into an object from Python is read as a list or dict of objects)",
           h.type_name());
}
inline bool py_eq(const Boxed& a, const Boxed& b) {
    const BoxedBase &x = held(a), &y = held(b);
    if (x.type() == y.type()) return x.same(y);
    Real u, v;
    if (x.number(&u) && y.number(&v)) return py_eq(u, v);  // 1 == 1.0 == True
    return std::strcmp(x.type_name(), y.type_name()) == 0 && boxed_by_python(x, y, Py_EQ);
}

}  // namespace pyrite

namespace pyrite::capi {
inline PyObject* to_py(const Boxed& v, Boundary& b) { return held(v).py(b); }

// an `object` parameter (parsed JSON): None, a bool, int, float, str, or a list or a dict of str keys
// whose items are such values again (a list[object] and a dict[str, object], the caller's own
// objects: written back as a list argument is). In the library, which instantiates their conversions once
PYRITE_RT bool from_py(PyObject* o, Boxed* out, const Where& w);
}  // namespace pyrite::capi

// prebuilt (core.hpp, "The prebuilt runtime"): parsed JSON's containers, a dict[str, object] and
// a list[object], and their conversions (a function over a document compiled them itself: 0.3 s of
// its glue's 1.5 s)
namespace pyrite {
PYRITE_PREBUILT_STRUCT(DictObject<Str, Boxed>)
PYRITE_PREBUILT(Dict<Str, Boxed> Dict<Str, Boxed>::make())
PYRITE_PREBUILT(void Dict<Str, Boxed>::insert_new(const Str&, const Boxed&, i64) const)
PYRITE_PREBUILT(void Dict<Str, Boxed>::rebuild(i64) const)
PYRITE_PREBUILT_LIST_OF(Boxed)
}  // namespace pyrite
namespace pyrite::capi {
PYRITE_PREBUILT(bool dict_from_py<Str, Boxed>(PyObject*, Dict<Str, Boxed>*, const Where&, bool))
PYRITE_PREBUILT(PyObject* to_py<Str, Boxed>(const Dict<Str, Boxed>&, Boundary&))
PYRITE_PREBUILT(bool from_py<Boxed>(PyObject*, List<Boxed>*, const Where&))
PYRITE_PREBUILT(PyObject* to_py<Boxed>(const List<Boxed>&, Boundary&))
}  // namespace pyrite::capi

namespace pyrite::capi {
#if PYRITE_RT_BODIES
PYRITE_RT bool from_py(PyObject* o, Boxed* out, const Where& w) {
    auto as = [&](auto value) {
        if (!from_py(o, &value, w)) return false;
        *out = Boxed(value);
        return true;
    };
    // False, True and the ints from -5 to 256 (CPython's own shared ones) are boxed once for the
    // process: a Boxed never changes, and a document's flags and counts were an allocation each
    static const Boxed bools[2] = {Boxed(false), Boxed(true)};
    static const auto small = [] {
        std::array<Boxed, 262> r;
        for (i64 i = 0; i < 262; ++i) r[static_cast<size_t>(i)] = Boxed(i - 5);
        return r;
    }();
    if (o == Py_None) return (*out = Boxed(), true);
    if (PyBool_Check(o)) return (*out = bools[o == Py_True], true);
    if (PyLong_CheckExact(o)) {  // (one past 64 bits: as() says so)
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (!overflow) return (*out = v >= -5 && v <= 256 ? small[static_cast<size_t>(v + 5)] : Boxed(i64{v}), true);
    }
    if (PyLong_Check(o)) return as(i64{0});
    if (PyFloat_Check(o)) return as(0.0);
    if (PyUnicode_Check(o)) return as(Str());
    if (PyList_Check(o)) return as(List<Boxed>());
    if (PyDict_Check(o)) return as(Dict<Str, Boxed>());
    return wrong_type(w, "None, bool, int, float, str, list or dict (an object)", o);
}
#endif
}  // namespace pyrite::capi
