// `object`: a value of any compiled type, kept as itself (typeinfer gives a dict display whose
// values have several types, {"count": 3, "top": [...]}, the value type `object`: TypeKind::Boxed).
// What Python code does with such a value without knowing its type is what compiled code does
// here: print it (repr(), str(), f-strings: the value's own), compare it with == (by the value:
// equal numbers of different types are equal, as 1 == 1.0), test its truth, and hand it to Python
// as the value itself (a list stays the one list: a Boxed holds its reference). Anything else
// (arithmetic, a method) is a diagnostic at compile time.
#pragma once
#include <memory>
#include <string>
#include <typeinfo>

#include "boundary.hpp"
#include "builtins/text.hpp"

namespace pyrite {

struct BoxedBase {
    virtual ~BoxedBase() = default;
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
        std::string r;
        repr_to(r, v);  // the type's name: what its repr starts with ([, {, ( ...)
        const char* name = r.empty() ? "object" : r[0] == '[' ? "list" : r[0] == '(' ? "tuple" : r[0] == '{' ? "dict" : "object";
        raisef(Exc::TypeError, "unsupported format string passed to %s.__format__", name);
    }
}

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
    std::shared_ptr<const BoxedBase> p;  // null: None (what a dict's slot holds before it is set)
    Boxed() = default;
    template <class T, std::enable_if_t<!std::is_same_v<std::decay_t<T>, Boxed>, int> = 0>
    Boxed(const T& v) : p(std::make_shared<const BoxedValue<T>>(v)) {}  // NOLINT: kept as itself
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
inline const BoxedBase& held(const Boxed& b) { return b.p ? *b.p : boxed_none(); }

inline void repr_to(std::string& out, const Boxed& b) { held(b).repr(out); }
namespace builtins {
PYRITE_BUILTIN("format") inline Str format(const Boxed& v, const Str& spec = pyrite::Str::empty()) { return held(v).format(spec); }
PYRITE_BUILTIN("bool") inline bool bool_of(const Boxed& v) { return held(v).truth(); }
}  // namespace builtins
inline void text_to(std::u32string& out, const Boxed& b) { held(b).text(out); }
inline bool truthy(const Boxed& b) { return held(b).truth(); }
inline bool py_eq(const Boxed& a, const Boxed& b) {
    const BoxedBase &x = held(a), &y = held(b);
    if (x.type() == y.type()) return x.same(y);
    Real u, v;
    return x.number(&u) && y.number(&v) && py_eq(u, v);  // 1 == 1.0 == True
}

}  // namespace pyrite

namespace pyrite::capi {
inline PyObject* to_py(const Boxed& v, Boundary& b) { return held(v).py(b); }
}  // namespace pyrite::capi
