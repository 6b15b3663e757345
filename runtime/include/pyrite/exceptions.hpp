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
#include <memory>
#include <optional>
#include <vector>

#include "instance.hpp"
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
inline void text_to(std::u32string& out, const ExcArg& a) {
    if (a.tag == ExcArg::Text) return text_to(out, a.s);
    std::string r;
    repr_to(r, a);
    append_utf32(out, r);
}

// BaseException's own str() and repr() of args: "" / str(arg) / the tuple's repr (KeyError's
// str of one arg: its repr); Name(args)
inline void args_text(std::u32string& out, const std::vector<ExcArg>& args, Exc kind) {
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
inline void args_repr(std::string& out, const char* name, const std::vector<ExcArg>& args) {
    out += name;
    out += '(';
    for (size_t k = 0; k < args.size(); ++k) {
        if (k) out += ", ";
        repr_to(out, args[k]);
    }
    out += ')';
}

// The args of an instance of the user's exception class: what its constructor was called with
// (BaseException.__new__), or what its __init__ passed to super().__init__(...)
struct ExcData {
    std::vector<ExcArg> args;
    virtual ~ExcData() = default;
};
// the struct a user's exception class derives from (Instance or Traced; emit_class.cpp)
template <class B>
struct Exceptional : B, ExcData {};

namespace capi {
template <class C>
_object* exception_object(Object* obj, void* boundary);  // boundary.hpp
template <class D>
_object* args_object(const D& data);  // boundary.hpp: the args tuple
}

// X(a, b, ...) of a builtin exception class with args other than one str (ValueError("x", 5),
// StopIteration(value)): its args kept, for e.args and the exception Python gets; its text
// is str() of them, as BaseException's
inline Error exception_of(Exc kind, std::vector<ExcArg> args) {
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

// what `with` passes __exit__ besides the exception: its class (issubclass(exc_type, KeyError)
// asks of the exception what isinstance asks) and its traceback, neither printed
struct ExcInfo {
    Error e;
};
inline ExcInfo exc_class(const Error& e) { return ExcInfo{e}; }
inline ExcInfo exc_traceback(const Error& e) { return ExcInfo{e}; }

// super().__init__(a, b) in an exception class: its args
template <class C>
inline none_t exc_init(const Ref<C>& self, std::initializer_list<ExcArg> args) {
    self->args.assign(args);
    return {};
}
// MyError(a, b): a new instance whose args are (a, b); its __init__ then runs, by init(self)
template <class C, class Init>
inline Ref<C> construct_exception(std::initializer_list<ExcArg> args, Init&& init) {
    Ref<C> self(new C());
    self->args.assign(args);
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
// raise e, e an exception caught before: the same exception object, its traceback continued
[[noreturn]] __attribute__((noinline, cold)) inline void raise_again(const Error& e) { throw e; }

// raise e from cause (cause None: from None), as CPython's RAISE_VARARGS sets them
[[noreturn]] __attribute__((noinline, cold)) inline void raise_from(Error e, const std::optional<Error>& cause) {
    ErrorState& s = state_of(e);
    s.cause = cause ? std::make_shared<Error>(*cause) : nullptr;
    s.suppress_context = true;
    throw e;
}

// A StopIteration that leaves a generator's own statements (PEP 479): RuntimeError, caused by it
// (an inlined generator: codegen's generator_guard; a generator object: generator.hpp)
[[noreturn]] __attribute__((noinline, cold)) inline void generator_raised_stop(const Error& stop) {
    raise_from(make_exception(Exc::RuntimeError, "generator raised StopIteration", true), stop);
}

// An exception raised while `handled` was being handled (in an except or a finally it
// entered by an exception): its __context__, unless it has one, or is that very exception
// or one of its contexts (CPython breaks such cycles)
__attribute__((noinline, cold)) inline void chain(Error& raised, const Error& handled) {
    ErrorState& s = state_of(raised);
    if (s.context) return;
    for (const Error* c = &handled; c; c = c->state && c->state->context ? c->state->context.get() : nullptr)
        if (c->state.get() == raised.state.get()) return;
    s.context = std::make_shared<Error>(handled);
}

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

inline Str to_repr(const Error& e) {
    std::string r;
    repr_to(r, e);
    return Str::of(Str::decode(r.data(), r.size()));
}

}  // namespace pyrite
