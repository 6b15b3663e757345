// Exceptions in compiled code: try/except/finally, `raise` of a caught exception or of an
// instance of the user's exception class, `raise ... from ...`, tracebacks.
//
// An exception is a C++ exception: a thrown pyrite::Error (core.hpp), so a `try` that raises
// nothing costs nothing (the Itanium ABI's tables; no flag is tested on the way). An Error is
// its kind (exceptions.def) and text, plus, once needed, an ErrorState shared by its copies,
// as a Python exception is one object: the instance of the user's exception class it was
// raised as, the compiled frames it left (each function's catch adds its own, with the line
// it was on, so the traceback names them as Cython's does), its __cause__ and __context__.
// codegen/emit_try.cpp writes the handlers that use this.
#pragma once
#include <cerrno>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "builtins/conv.hpp"
#include "builtins/text.hpp"
#include "instance.hpp"
#include "list.hpp"
#include "traceback.hpp"

namespace pyrite {

// one of an exception's args: compiled code passes None, bool, int, float and str
struct ExcArg {
    enum Tag : unsigned char { None, Bool, Int, Float, Text } tag = None;
    i64 i = 0;
    double f = 0.0;
    Str s;
    ExcArg() = default;
    ExcArg(none_t) {}
    ExcArg(bool b) : tag(Bool), i(b) {}
    ExcArg(i64 v) : tag(Int), i(v) {}
    ExcArg(double v) : tag(Float), f(v) {}
    ExcArg(const Str& v) : tag(Text), s(v) {}
    template <class T>
    ExcArg(const std::optional<T>& v) : ExcArg(v ? ExcArg(*v) : ExcArg()) {}
};
inline void repr_to(std::string& out, const ExcArg& a) {
    switch (a.tag) {
        case ExcArg::None: out += "None"; return;
        case ExcArg::Bool: repr_to(out, a.i != 0); return;
        case ExcArg::Int: repr_to(out, a.i); return;
        case ExcArg::Float: repr_to(out, a.f); return;
        case ExcArg::Text: repr_to(out, a.s); return;
    }
}
// isinstance(e.args[0], int): what it holds is one of these
inline bool arg_is(const ExcArg& a, ExcArg::Tag t, ExcArg::Tag or_t = ExcArg::None) {
    return a.tag == t || (or_t != ExcArg::None && a.tag == or_t);
}
// int() and float() of it (bool(): below), as CPython's of the value it holds
PYRITE_BUILTIN("int") inline i64 int_(const ExcArg& a) {
    switch (a.tag) {
        case ExcArg::Bool:
        case ExcArg::Int: return a.i;
        case ExcArg::Float: return float_to_int(a.f);
        case ExcArg::Text: return builtins::int_(a.s);
        case ExcArg::None: break;
    }
    raise(Exc::TypeError, "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
}
PYRITE_BUILTIN("float") inline double float_(const ExcArg& a) {
    switch (a.tag) {
        case ExcArg::Bool:
        case ExcArg::Int: return static_cast<double>(a.i);
        case ExcArg::Float: return a.f;
        case ExcArg::Text: return builtins::float_(a.s);
        case ExcArg::None: break;
    }
    raise(Exc::TypeError, "float() argument must be a string or a real number, not 'NoneType'");
}

inline Str to_repr(const ExcArg& a) {  // repr(e.args[0]): a str's quoted
    std::string r;
    repr_to(r, a);
    return Str::of(Str::decode(r.data(), r.size()));
}

// ==, as Python compares None, bools, ints, floats and strs (1 == 1.0 == True; a str equals only a str)
inline bool operator==(const ExcArg& a, const ExcArg& b) {
    bool an = a.tag == ExcArg::Bool || a.tag == ExcArg::Int || a.tag == ExcArg::Float;
    bool bn = b.tag == ExcArg::Bool || b.tag == ExcArg::Int || b.tag == ExcArg::Float;
    if (an && bn) {
        if (a.tag != ExcArg::Float && b.tag != ExcArg::Float) return a.i == b.i;
        if (a.tag == ExcArg::Float && b.tag == ExcArg::Float) return a.f == b.f;
        const ExcArg& f = a.tag == ExcArg::Float ? a : b;
        const ExcArg& n = a.tag == ExcArg::Float ? b : a;
        return f.f == static_cast<double>(n.i) && (f.f != 9223372036854775808.0) &&
               static_cast<i64>(f.f) == n.i;  // exact, as CPython's float-int comparison
    }
    if (a.tag != b.tag) return false;
    if (a.tag == ExcArg::None) return true;
    return a.s == b.s;
}
inline bool operator!=(const ExcArg& a, const ExcArg& b) { return !(a == b); }
template <class T, class = std::enable_if_t<std::is_constructible_v<ExcArg, const T&> && !std::is_same_v<T, ExcArg>>>
inline bool operator==(const ExcArg& a, const T& b) { return a == ExcArg(b); }
template <class T, class = std::enable_if_t<std::is_constructible_v<ExcArg, const T&> && !std::is_same_v<T, ExcArg>>>
inline bool operator==(const T& b, const ExcArg& a) { return a == ExcArg(b); }
template <class T, class = std::enable_if_t<std::is_constructible_v<ExcArg, const T&> && !std::is_same_v<T, ExcArg>>>
inline bool operator!=(const ExcArg& a, const T& b) { return !(a == ExcArg(b)); }
template <class T, class = std::enable_if_t<std::is_constructible_v<ExcArg, const T&> && !std::is_same_v<T, ExcArg>>>
inline bool operator!=(const T& b, const ExcArg& a) { return !(a == ExcArg(b)); }
inline bool truthy(const ExcArg& a) {
    switch (a.tag) {
        case ExcArg::None: return false;
        case ExcArg::Bool:
        case ExcArg::Int: return a.i != 0;
        case ExcArg::Float: return a.f != 0.0;
        case ExcArg::Text: return a.s.len() != 0;
    }
    return false;
}
PYRITE_BUILTIN("bool") inline bool bool_(const ExcArg& a) { return truthy(a); }

inline void text_to(std::u32string& out, const ExcArg& a) {
    if (a.tag == ExcArg::Text) return text_to(out, a.s);
    std::string r;
    repr_to(r, a);
    append_utf32(out, r);
}

// BaseException's own str() and repr() of args: "" / str(arg) / the tuple's repr (KeyError's
// str of one arg: its repr); Name(args)
PYRITE_RT void args_text(std::u32string& out, const Vec<ExcArg>& args, Exc kind) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (args.size() == 1 && !exc_derives(kind, Exc::KeyError)) return text_to(out, args[0]);
    if (args.size() == 1) {
        std::string r;
        repr_to(r, args[0]);
        out += Str::decode(r.data(), r.size());
        return;
    }
    if (args.empty()) return;
    std::string r = "(";
    for (size_t k = 0; k < args.size(); ++k) {
        if (k) r += ", ";
        repr_to(r, args[k]);
    }
    r += ")";
    out += Str::decode(r.data(), r.size());
}
#endif
PYRITE_RT void args_repr(std::string& out, const char* name, const Vec<ExcArg>& args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    out += name;
    out += '(';
    for (size_t k = 0; k < args.size(); ++k) {
        if (k) out += ", ";
        repr_to(out, args[k]);
    }
    out += ')';
}
#endif

// The args of an instance of the user's exception class: what its constructor was called with
// (BaseException.__new__), or what its __init__ passed to super().__init__(...)
struct ExcData {
    Vec<ExcArg> args;
    virtual ~ExcData() = default;
};
// data.args = args, in the library: a user's exception class's construction and super().__init__
// (below) instantiate no vector code of their own
PYRITE_RT void set_args(ExcData& data, std::initializer_list<ExcArg> args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    data.args.assign(args);
}
#endif
// the struct a user's exception class derives from (Instance or Traced; emit_class.cpp)
template <class B>
struct Exceptional : B, ExcData {};

namespace capi {
template <class C>
_object* exception_object(Object* obj, void* boundary);  // boundary.hpp
template <class D>
_object* args_object(const D& data);  // boundary.hpp: the args tuple
template <class D>
bool args_of_py(_object* exc, D* data);  // boundary.hpp: a Python exception's args, where compiled code can hold them
template <class E>
std::optional<E> cause_of_py(_object* exc, bool* suppress);  // boundary.hpp: its __cause__, __suppress_context__
}

// X(a, b, ...) of a builtin exception class with args other than one str (ValueError("x", 5),
// StopIteration(value)): its args kept, for e.args and the exception Python gets; its text
// is str() of them, as BaseException's
PYRITE_RT Error exception_of(Exc kind, Vec<ExcArg> args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (args.empty()) return make_exception(kind, std::string(), false);
    if (args.size() == 1 && args[0].tag == ExcArg::Text) return make_exception(kind, utf8(args[0].s), true);
    std::u32string text;
    args_text(text, args, kind);
    Error e = make_exception(kind, utf8(Str::of(text)), true);
    e.literal = true;
    ErrorState& s = state_of(e);
    auto data = std::make_shared<ExcData>();
    data->args = std::move(args);
    s.args = std::move(data);
    s.args_to_py = &capi::args_object<ExcData>;
    return e;
}
#endif

// what `with` passes __exit__ besides the exception: its class (issubclass(exc_type, KeyError)
// asks of the exception what isinstance asks) and its traceback, neither printed
struct ExcInfo {
    Error e;
};
inline ExcInfo exc_class(const Error& e) { return ExcInfo{e}; }
inline ExcInfo exc_traceback(const Error& e) { return ExcInfo{e}; }
inline bool truthy(const ExcInfo&) { return true; }  // `if exc_type:` (a class, or None)
inline Str type_name(const Error& e, bool qual);
inline Str type_name(const ExcInfo& c, bool qual) { return type_name(c.e, qual); }  // exc_type.__name__

// super().__init__(a, b) in an exception class: its args
template <class C>
inline none_t exc_init(const Ref<C>& self, std::initializer_list<ExcArg> args) {
    set_args(*self, args);
    return {};
}
// MyError(a, b): a new instance whose args are (a, b); its __init__ then runs, by init(self)
template <class C, class Init>
inline Ref<C> construct_exception(std::initializer_list<ExcArg> args, Init&& init) {
    Ref<C> self(new C());
    set_args(*self, args);
    init(self);
    return self;
}

// raise obj, obj an instance of the user's exception class whose builtin base is `kind`
template <class C>
inline Error error_of(const Ref<C>& obj, Exc kind) {
    Error e;
    e.kind = kind;
    e.raised = true;
    ErrorState& s = state_of(e);
    s.obj = Ref<Object>::share(obj.get());
    s.obj_to_py = &capi::exception_object<C>;
    return e;
}
template <class C>
[[noreturn]] __attribute__((noinline, cold)) inline void raise_object(const Ref<C>& obj, Exc kind) {
    throw error_of(obj, kind);
}

// raise e from cause (cause None: from None), as CPython's RAISE_VARARGS sets them
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise_from(Error e, const std::optional<Error>& cause) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    ErrorState& s = state_of(e);
    s.cause = cause ? std::make_shared<Error>(*cause) : nullptr;
    s.suppress_context = true;
    throw e;
}
#endif

// A StopIteration that leaves a generator's own statements (PEP 479): RuntimeError, caused by it
// (an inlined generator: codegen's generator_guard; a generator object: generator.hpp)
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void generator_raised_stop(const Error& stop) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    raise_from(make_exception(Exc::RuntimeError, "generator raised StopIteration", true), stop);
}
#endif

// An exception raised while `handled` was being handled (in an except or a finally it
// entered by an exception): its __context__, unless it has one, or is that very exception
// or one of its contexts (CPython breaks such cycles)
__attribute__((noinline, cold)) PYRITE_RT void chain(Error& raised, const Error& handled) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    ErrorState& s = state_of(raised);
    if (s.context) return;
    for (const Error* c = &handled; c; c = c->state && c->state->context ? c->state->context.get() : nullptr)
        if (c->state.get() == raised.state.get()) return;
    s.context = std::make_shared<Error>(handled);
}
#endif

inline Instance* raised_instance(const Error& e) {
    return e.state ? static_cast<Instance*>(e.state->obj.get()) : nullptr;
}
// except C: the exception was raised as an instance of the user's class C (or a subclass)
template <class C>
inline bool caught_as(const Error& e) {
    return dynamic_cast<C*>(raised_instance(e)) != nullptr;
}
template <class C>
inline Ref<C> caught(const Error& e) {
    return Ref<C>::share(static_cast<C*>(e.state->obj.get()));
}
// isinstance(e, KeyError) / isinstance(e, MyError) of a caught exception
inline bool exc_is(const Error& e, Exc kind) { return exc_derives(e.kind, kind); }
template <class C>
inline bool instance_of(const Error& e) { return caught_as<C>(e); }

// str(e), repr(e): the user's class's __str__/__repr__ (or BaseException's, of its args); a
// builtin exception's text (its one argument: `raise X(message)`, or the runtime's message,
// which for a KeyError is the key's repr, as str(KeyError(k)) is)
inline std::u32string error_text(const Error& e) {
    return Str::decode(e.message(), e.raised ? e.raised_length : std::strlen(e.message()));
}
inline void text_to(std::u32string& out, const Error& e) {
    if (Instance* i = raised_instance(e)) return i->str_(out);
    if (e.raised && e.no_args) return;
    if (e.kind == Exc::KeyError && e.raised && !e.literal) {  // KeyError's str is its key's repr
        std::string r;
        repr_to(r, Str::of(error_text(e)));
        out += Str::decode(r.data(), r.size());
        return;
    }
    out += error_text(e);
}
inline void repr_to(std::string& out, const Error& e) {
    if (Instance* i = raised_instance(e)) return i->repr_(out);
    out += exc_name(e.kind);
    if (e.state && e.state->args && e.state->args->args.size() > 1) {  // its text is the args tuple's repr
        out += e.message();
        return;
    }
    out += '(';
    if ((e.kind == Exc::KeyError && !e.raised) || e.literal) out += e.message();  // the argument's repr already
    else if (!(e.raised && e.no_args) && !(e.kind == Exc::AssertionError && !e.raised && !*e.message()))
        repr_to(out, Str::of(error_text(e)));
    out += ')';
}

// e.args of a caught exception: what it was made with (a builtin one raised with one str, that
// str; by the runtime, its message, or KeyError's key, read back from its repr; by Python code,
// its args, where compiled code can hold them)
PYRITE_RT bool arg_from_repr(const std::string& r, ExcArg* out) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (r == "None") return *out = ExcArg(), true;
    if (r == "True" || r == "False") return *out = ExcArg(r == "True"), true;
    if (r.empty()) return false;
    if (r[0] == '\'' || r[0] == '"') {  // a str's repr: its escapes undone
        std::u32string s;
        std::u32string all = Str::decode(r.data(), r.size());
        for (size_t k = 1; k + 1 < all.size(); ++k) {
            char32_t c = all[k];
            if (c != '\\' || k + 2 >= all.size()) {
                s += c;
                continue;
            }
            char32_t n = all[++k];
            int digits = n == 'x' ? 2 : n == 'u' ? 4 : n == 'U' ? 8 : 0;
            if (digits) {
                char32_t v = 0;
                for (int d = 0; d < digits && k + 1 < all.size(); ++d) {
                    char32_t h = all[++k];
                    v = v * 16 + (h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
                }
                s += v;
            } else {
                s += n == 'n' ? U'\n' : n == 'r' ? U'\r' : n == 't' ? U'\t' : n;
            }
        }
        return *out = ExcArg(Str::of(s)), true;
    }
    char* end = nullptr;
    bool is_int = r.find_first_not_of("-0123456789") == std::string::npos;
    if (is_int) {
        errno = 0;
        long long v = std::strtoll(r.c_str(), &end, 10);
        if (errno || *end) return false;
        return *out = ExcArg(static_cast<i64>(v)), true;
    }
    double f = std::strtod(r.c_str(), &end);
    if (*end || r.find_first_of("(['{") != std::string::npos) return false;
    return *out = ExcArg(f), true;
}
#endif
PYRITE_RT Tuple<ExcArg> args_tuple(const Vec<ExcArg>& args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<ExcArg> l = List<ExcArg>::make();
    for (const ExcArg& a : args) l.append(a);
    return Tuple<ExcArg>(std::move(l));
}
#endif
PYRITE_RT Tuple<ExcArg> exc_args(const Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (Instance* i = raised_instance(e))
        if (const auto* d = dynamic_cast<const ExcData*>(i)) return args_tuple(d->args);
    if (e.state && e.state->args) return args_tuple(e.state->args->args);
    if (e.state && e.state->py) {  // raised by Python code compiled code called
        ExcData d;
        if (!capi::args_of_py(e.state->py, &d))
            raise(Exc::TypeError, "the args of this exception, which Python code raised, are not all None, bool, int, "
                                  "float or str, which compiled code holds in e.args: read str(e) instead");
        return args_tuple(d.args);
    }
    if ((e.raised && e.no_args) || (e.kind == Exc::AssertionError && !*e.message())) return args_tuple({});
    if (e.kind == Exc::KeyError && !e.raised) {  // the runtime's: its key's repr
        ExcArg key;
        if (!arg_from_repr(e.message(), &key))
            raisef(Exc::TypeError, "this KeyError's key, %s, is not a None, bool, int, float or str, which compiled "
                                   "code holds in e.args: read str(e) instead", e.message());
        return args_tuple({key});
    }
    return args_tuple({ExcArg(Str::of(error_text(e)))});
}
#endif
template <class C>
inline Tuple<ExcArg> exc_args(const Ref<C>& obj) {  // an instance of the user's exception class
    return args_tuple(obj->args);
}

// e.__cause__: the exception `raise ... from cause` gave it, or None (none given, or from None);
// of an exception Python code raised, its own (capi::cause_of_py)
PYRITE_RT std::optional<Error> exc_cause(const Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    bool suppress = false;
    if (e.state && e.state->py) return capi::cause_of_py<Error>(e.state->py, &suppress);
    if (e.state && e.state->cause) return *e.state->cause;
    return std::nullopt;
}
#endif
// e.__suppress_context__: whether it was raised `from` something (None too)
PYRITE_RT bool exc_suppress_context(const Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    bool suppress = false;
    if (e.state && e.state->py) capi::cause_of_py<Error>(e.state->py, &suppress);
    return suppress || (e.state && e.state->suppress_context);
}
#endif

inline Str to_repr(const Error& e) {
    std::string r;
    repr_to(r, e);
    return Str::of(Str::decode(r.data(), r.size()));
}

// type(x).__name__ (qual: __qualname__) where x's static type does not decide it (typeinfer's
// TypeName): an instance of a class with subclasses, T | None of one, a caught exception
inline Str class_name_text(const char* qualname, bool qual) {
    const char* dot = qual ? nullptr : std::strrchr(qualname, '.');
    const char* name = dot ? dot + 1 : qualname;
    return Str::of(Str::decode(name, std::strlen(name)));
}
template <class C>
inline Str type_name(const Ref<C>& r, bool qual) { return class_name_text(r->qualname_(), qual); }
template <class C>
inline Str type_name(const std::optional<Ref<C>>& r, bool qual) {
    return r ? type_name(*r, qual) : class_name_text("NoneType", qual);
}
#ifdef Py_PYTHON_H
inline Str type_name(const Error& e, bool qual) {
    if (Instance* i = raised_instance(e)) return class_name_text(i->qualname_(), qual);
    if (e.state && e.state->py)  // raised by Python code: its class's name (tp_name, a heap type's __name__)
        return class_name_text(Py_TYPE(e.state->py)->tp_name, false);
    return class_name_text(exc_name(e.kind), qual);
}
#endif

}  // namespace pyrite
