// enum.Enum members: the member's position in its class, a Member<Tag>.
//
//   class Color(Enum):              pyrite::Member<c0_Color>{0} is Color.RED
//       RED = 1
//       GREEN = 2
//
// Tag is the struct codegen writes for the class (codegen/emit_class.cpp's enum_struct): names,
// value(i), of_value(v) (Color(v)), qualname, and the user's class and member objects, bound at
// load, which are what crosses the boundary: a member passed in is found by identity, one returned
// is the class's own object. Each member is one object, so == and `is` agree: by position.
// repr() is CPython's <Color.RED: 1>, str() Color.RED, hash() the hash of its name (Enum.__hash__).
//
// A member of an IntEnum, a StrEnum or an Enum mixed with int or str (Tag::mixin) is also its value:
// typeinfer makes it its value (member_value) where Python uses it as an int or a str (D.N + 1,
// xs[d], d < 2, s.upper()); here it hashes, orders and tests true as its value does, and an
// IntEnum's or StrEnum's (Tag::text_is_value) str() and format() are its value's ("1", not "D.N").
#pragma once
#include <string>

#include "boundary.hpp"
#include "str.hpp"

namespace pyrite {

template <class Tag>
struct Member {
    int index = 0;
    bool operator==(const Member& o) const { return index == o.index; }
    bool operator!=(const Member& o) const { return index != o.index; }
};

template <class Tag>
inline bool py_eq(const Member<Tag>& a, const Member<Tag>& b) { return a.index == b.index; }

// the class's name, as CPython's enum repr and str print it (its __name__: after the last '.')
template <class Tag>
inline const char* member_class_name() {
    const char* name = Tag::qualname;
    for (const char* p = Tag::qualname; *p; ++p)
        if (*p == '.') name = p + 1;
    return name;
}

template <class Tag>
inline Str member_name(const Member<Tag>& m) {
    const char* n = Tag::names[m.index];
    return Str::of(Str::decode(n, std::char_traits<char>::length(n)));
}
template <class Tag>
inline typename Tag::Value member_value(const Member<Tag>& m) { return Tag::value(m.index); }

template <class Tag>
inline i64 py_hash(const Member<Tag>& m) {
    if constexpr (Tag::mixin) return py_hash(Tag::value(m.index));
    return py_hash(member_name(m));
}

// a plain Enum's members have no order: sorted(), heapq and tuple comparisons that reach two raise
// CPython's TypeError; a mixin's order as their values
template <class Tag>
inline bool py_lt(const Member<Tag>& a, const Member<Tag>& b) {
    if constexpr (Tag::mixin) {
        return py_lt(Tag::value(a.index), Tag::value(b.index));
    } else {
        std::string name = member_class_name<Tag>();
        std::string text = "'<' not supported between instances of '" + name + "' and '" + name + "'";
        raise(Exc::TypeError, text.c_str());
    }
}

// max(a, b) of a mixin's members: by their values (builtins/minmax.hpp)
template <class Tag, std::enable_if_t<Tag::mixin, int> = 0>
inline bool operator<(const Member<Tag>& a, const Member<Tag>& b) { return py_lt(a, b); }
template <class Tag, std::enable_if_t<Tag::mixin, int> = 0>
inline bool operator>(const Member<Tag>& a, const Member<Tag>& b) { return py_lt(b, a); }

// a plain Enum's member is true; a mixin's is as its value is (IntEnum's 0 is false)
template <class Tag>
inline bool truthy(const Member<Tag>& m) {
    if constexpr (Tag::mixin) return truthy(Tag::value(m.index));
    return true;
}

// repr(): <Color.RED: 1>; str() and f"{c}": Color.RED
template <class Tag>
inline void repr_to(std::string& out, const Member<Tag>& m) {
    out += '<';
    out += member_class_name<Tag>();
    out += '.';
    out += Tag::names[m.index];
    out += ": ";
    repr_to(out, Tag::value(m.index));
    out += '>';
}
template <class Tag>
inline void text_to(std::u32string& out, const Member<Tag>& m) {
    if constexpr (Tag::text_is_value) return text_to(out, Tag::value(m.index));
    std::string s = std::string(member_class_name<Tag>()) + "." + Tag::names[m.index];
    out += Str::decode(s.data(), s.size());
}
template <class Tag>
inline Str to_repr(const Member<Tag>& m) {
    std::string out;
    repr_to(out, m);
    return Str::of(Str::decode(out.data(), out.size()));
}

// Color(v) of a value no member has: CPython's ValueError ("3 is not a valid Color")
template <class V>
[[noreturn]] inline void enum_no_member(const V& v, const char* qualname) {
    std::string text;
    repr_to(text, v);
    const char* name = qualname;
    for (const char* p = qualname; *p; ++p)
        if (*p == '.') name = p + 1;
    text = text + " is not a valid " + name;
    raise(Exc::ValueError, text.c_str());
}

}  // namespace pyrite

namespace pyrite::capi {

// an argument: one of the class's members (found by identity); anything else names the class
template <class Tag>
inline bool from_py(PyObject* o, Member<Tag>* out, const Where& w) {
    if (PYRITE_UNLIKELY(!Tag::py_type)) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", Tag::qualname);
        return false;
    }
    for (int i = 0; i < Tag::count; ++i)
        if (o == Tag::members[i]) {
            out->index = i;
            return true;
        }
    return wrong_type(w, Tag::qualname, o);
}
template <class Tag>
inline PyObject* to_py(const Member<Tag>& m) {
    PyObject* o = Tag::members[m.index];
    if (PYRITE_UNLIKELY(!o)) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", Tag::qualname);
        return nullptr;
    }
    return Py_NewRef(o);
}
template <class Tag>
inline PyObject* to_py(const Member<Tag>& m, Boundary&) { return to_py(m); }

}  // namespace pyrite::capi
