// pyrite runtime: the core every generated module includes.
//
// Generated code runs without the GIL and touches no Python object, so errors
// travel as C++ exceptions of one type, pyrite::Error, carrying the Python
// exception kind and CPython's message. The module glue (capi.hpp) converts it
// into a Python exception after re-acquiring the GIL.
//
// Kept deliberately small: no <string>, <stdexcept> or <iostream>, because every
// header here is paid for in the compile time of every JIT-compiled module.
#pragma once
#include <atomic>
#include <cstdint>
#include <pthread.h>
#include <cstdio>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <utility>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "vec.hpp"

// PYRITE_BUILTIN("math.sqrt") marks a declaration as the implementation of a
// Python builtin. pyrite-scan (libTooling) reads these annotations and writes
// the builtin table that type inference uses, so a builtin's signature is
// written once, here, in C++. Other compilers see nothing.
// A function template's type parameters are type variables bound at each call
// (template <class T> T choice(const List<T>&)). PYRITE_HOLDS_GIL marks a builtin
// that works on Python's own objects (random's shared generator): a compiled
// function that calls it keeps the GIL (typeinfer's analyze_calls). PYRITE_ORDERS marks one
// that orders the items of its list arguments (heapq, bisect): typeinfer checks they can be.
// PYRITE_FALLIBLE(ValueError) marks one with an overload taking a leading Error& that returns
// std::optional of its result, empty where it would raise that exception, which it makes in the
// Error instead: a call inside a try whose handler takes it reaches the handler by a jump, not a
// C++ throw (codegen/emit_try.cpp; int("n/a") in a loop cost 2 us a failure thrown).
// PYRITE_PURE marks one whose result depends on its arguments alone and which changes nothing
// (math.sqrt, abs): a recursion's pure copy may call it (opt/recursion.cpp).
// PYRITE_NONNEGATIVE: its result is never below 0 (abs, math.sqrt: >= 0, -0.0 or NaN), and
// PYRITE_SIGN_CHECKED: the one thing it tests is that its argument is not below 0, and
// `<its name>_unchecked` is the same function without the test: what a call whose argument
// opt/signs.cpp proved never below 0 calls (math.sqrt of a sum of squares).
#if defined(__clang__)
#define PYRITE_BUILTIN(pyname) __attribute__((annotate("pyrite.builtin:" pyname)))
#define PYRITE_HOLDS_GIL __attribute__((annotate("pyrite.gil")))
#define PYRITE_ORDERS __attribute__((annotate("pyrite.orders")))
#define PYRITE_PURE __attribute__((annotate("pyrite.pure")))
#define PYRITE_NONNEGATIVE __attribute__((annotate("pyrite.nonnegative")))
#define PYRITE_SIGN_CHECKED __attribute__((annotate("pyrite.sign_checked")))
#define PYRITE_FALLIBLE(exc) __attribute__((annotate("pyrite.fallible:" #exc)))
#else
#define PYRITE_BUILTIN(pyname)
#define PYRITE_HOLDS_GIL
#define PYRITE_ORDERS
#define PYRITE_PURE
#define PYRITE_NONNEGATIVE
#define PYRITE_SIGN_CHECKED
#define PYRITE_FALLIBLE(exc)
#endif

// A function of thousands of statements is compiled at -O1 without inlining into it:
// GCC's SSA updates after inlining the many small calls of such a body grow
// quadratically (a 5,000-line function: no result after 600 s at -O3, 17 s so;
// 2,000 lines: 47 s, 6 s). codegen marks such functions (emit.cpp, kHugeFunction).
#if defined(__GNUC__) && !defined(__clang__)
#define PYRITE_HUGE_FUNCTION __attribute__((optimize("O1", "no-tree-pta", "no-inline")))
#else
#define PYRITE_HUGE_FUNCTION
#endif

// The prebuilt runtime: the cold functions every module would otherwise compile again
// (turning an Error into Python's exception, converting arguments, formatting) and the
// common instantiations of the conversion templates are compiled once, at install time, into
// libpyrite_rt.so (runtime/src/runtime.cpp), with the flags of pyrite/cxxflags. A module
// compiled at a call (PYRITE_SHARED_RUNTIME, set with the precompiled prelude) declares them
// and links to the library; an ahead-of-time artifact, and any other build, has their bodies
// here, inline, and needs no library.
//   PYRITE_RT void f(args) PYRITE_RT_DECLARE
//   #if PYRITE_RT_BODIES
//   { body }
//   #endif
//     is such a function, written once: declared only in a module that links to the library
//   PYRITE_PREBUILT(signature): an instantiation of a function template the library holds,
//     written after the template. Only a template not declared `inline` stays the library's: GCC
//     instantiates an inline one in the module anyway, to inline it
//   PYRITE_PREBUILT_STRUCT(S<T>): a struct template's instantiation (its vtable, its virtual
//     destructor), for the objects of the common containers
// The state modules share with the library (threads_share_objects) is then the library's.
#if defined(PYRITE_BUILDING_RUNTIME)
#define PYRITE_RT __attribute__((visibility("default")))
#define PYRITE_RT_BODIES 1
#define PYRITE_RT_DECLARE
#define PYRITE_PREBUILT(...) template __attribute__((visibility("default"))) __VA_ARGS__;
#define PYRITE_PREBUILT_STRUCT(...) template struct __attribute__((visibility("default"))) __VA_ARGS__;
#elif defined(PYRITE_SHARED_RUNTIME)
#define PYRITE_RT __attribute__((visibility("default")))
#define PYRITE_RT_BODIES 0
#define PYRITE_RT_DECLARE ;
#define PYRITE_PREBUILT(...) extern template __attribute__((visibility("default"))) __VA_ARGS__;
#define PYRITE_PREBUILT_STRUCT(...) extern template struct __attribute__((visibility("default"))) __VA_ARGS__;
#else
#define PYRITE_RT inline
#define PYRITE_RT_BODIES 1
#define PYRITE_RT_DECLARE
#define PYRITE_PREBUILT(...)
#define PYRITE_PREBUILT_STRUCT(...)
#endif

#define PYRITE_LIKELY(x) __builtin_expect(!!(x), 1)
#define PYRITE_UNLIKELY(x) __builtin_expect(!!(x), 0)

namespace pyrite {

using i64 = std::int64_t;

// The base of a value class's struct (codegen's value_struct; opt/values.cpp): an instance held
// by value, printed by its struct's write_repr and write_str (str.hpp's repr_to, text_to, to_repr)
struct Value {};

// The value of Python's None. Functions that return None return none_t.
struct none_t {
    constexpr bool operator==(none_t) const { return true; }
    // None is a value of every T | None (std::optional<T>)
    template <class T>
    constexpr operator std::optional<T>() const { return std::nullopt; }
};

// A function as a value (a module function, a lambda, a nested def): F is its index in the module,
// which a call names directly (no pointer, so the call inlines), and `captured` the values of the
// variables of the enclosing function it reads, taken when it was made
template <int F, class... T>
struct Fn {
    std::tuple<T...> captured;
};
// The same function with what it reads by reference (a nonlocal it rebinds: a pointer to the maker's
// variable) read now, as values: what a maker gives Python, which makes the function with those
// values in cells of its own (codegen converts a returned closure so, before the maker's frame ends)
template <class T>
const T& captured_value(const T& v) { return v; }
template <class T>
const T& captured_value(T* v) { return *v; }
// A variable that a closure outliving its maker rebinds lives in a cell the maker's frame and the
// closures share (codegen's Var::cell)
template <class T>
using Cell = std::shared_ptr<T>;
template <class T>
const T& captured_value(const Cell<T>& v) { return *v; }
template <class T>
struct uncaptured { using type = T; };
template <class T>
struct uncaptured<T*> { using type = T; };
template <class T>
struct uncaptured<Cell<T>> { using type = T; };
template <int F, class... T>
Fn<F, typename uncaptured<T>::type...> by_value(const Fn<F, T...>& f) {
    return {std::apply([](const auto&... c) { return std::tuple<typename uncaptured<T>::type...>(captured_value(c)...); },
                       f.captured)};
}
// What makes function F in Python, for a value of it returned to Python (boundary.hpp's to_py):
// codegen writes one for each function a result may hold, with `module`, `file` and `source`
template <int F>
struct FnSource;
// One of several functions (f = add if c else sub) is a std::variant of their Fns: a call switches on
// which it holds (codegen's CallEach)

// Python's exception classes as compiled code knows them (exceptions.def: the builtin ones and
// their hierarchy), plus NumPy's _ArrayMemoryError (a MemoryError). The glue maps each to the
// builtin exception type of the same name.
enum class Exc : int {
#define EXC(name, base) name,
#include "exceptions.def"
#undef EXC
    ArrayMemoryError,  // NumPy's _ArrayMemoryError; the message is "<shape tuple>|<dtype name>"
};

// the class a kind derives from (BaseException: itself)
constexpr Exc exc_base(Exc kind) {
    constexpr Exc bases[] = {
#define EXC(name, base) Exc::base,
#include "exceptions.def"
#undef EXC
        Exc::MemoryError};
    return bases[static_cast<int>(kind)];
}
// `except target` catches an exception of this kind: the kind is target or derives from it
constexpr bool exc_derives(Exc kind, Exc target) {
    for (;;) {
        if (kind == target) return true;
        if (kind == Exc::BaseException) return false;
        kind = exc_base(kind);
    }
}
constexpr const char* exc_name(Exc kind) {
    constexpr const char* names[] = {
#define EXC(name, base) #name,
#include "exceptions.def"
#undef EXC
        "MemoryError"};
    return names[static_cast<int>(kind)];
}

// What an exception carries beyond its kind and text, made when first needed (exceptions.hpp):
// the instance of a user's exception class, the frames it passed (its traceback), its
// __cause__ and __context__.
struct ErrorState;
// What the copies of one Error share (traceback.hpp's ErrorState, which derives from this first),
// counted: copying and dropping one that holds some are the library's (a module's every catch
// would compile shared_ptr's atomic counting and ErrorState's destructor otherwise)
struct ErrorStateCount {
    int refs = 1;  // the Errors that share it, changed atomically (GCC's builtins: object.hpp's SpinLock)
    virtual ~ErrorStateCount() = default;
};
PYRITE_RT void error_state_retain(ErrorStateCount* s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    __atomic_add_fetch(&s->refs, 1, __ATOMIC_RELAXED);
}
#endif
PYRITE_RT void error_state_release(ErrorStateCount* s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (__atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL) == 0) delete s;
}
#endif
class StateRef {
public:
    StateRef() = default;
    explicit StateRef(ErrorStateCount* adopted) : p_(adopted) {}
    StateRef(const StateRef& o) : p_(o.p_) {
        if (p_) error_state_retain(p_);
    }
    StateRef(StateRef&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    StateRef& operator=(StateRef o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~StateRef() {
        if (p_) error_state_release(p_);
    }
    // the state itself (S: ErrorState, complete where these are used: traceback.hpp on)
    template <class S = ErrorState>
    S* get() const {
        return static_cast<S*>(p_);
    }
    template <class S = ErrorState>
    S* operator->() const {
        return static_cast<S*>(p_);
    }
    template <class S = ErrorState>
    S& operator*() const {
        return *static_cast<S*>(p_);
    }
    explicit operator bool() const { return p_ != nullptr; }

private:
    ErrorStateCount* p_ = nullptr;
};

// The message is whole, however long (a KeyError's key, an assert's message);
// it is owned on the heap, so an Error is cheap to throw and copy.
struct Error {
    Exc kind{};
    Error() = default;
    Error(Exc k, const char* msg) : kind(k), text_(copy(msg, std::strlen(msg))) {}
    // copied and assigned where an exception is raised again or caught into a variable: cold, the
    // library's (core.hpp's prebuilt runtime), not compiled again in every module
    PYRITE_RT Error(const Error& o);
    Error(Error&& o) noexcept
        : kind(o.kind), raised(o.raised), no_args(o.no_args), literal(o.literal), limit(o.limit),
          through(o.through), raised_length(o.raised_length), state(std::move(o.state)), text_(o.text_) {
        o.text_ = nullptr;
    }
    PYRITE_RT Error& operator=(Error o) noexcept;
    ~Error() { std::free(text_); }
    const char* message() const { return text_ ? text_ : ""; }
    // `raise X(message)` in compiled code: the exception gets exactly that str as its one
    // argument (UTF-8, NULs and lone surrogates included), or no argument at all
    bool raised = false, no_args = false;
    // raise X(5): the one argument is not a str; the text is its repr (a literal Python reads back)
    bool literal = false;
    // pyrite's own limit, not Python's: an int result that does not fit in 64 bits, where CPython
    // would go on. It reaches the caller as OverflowError; no handler of compiled code takes it
    // (CPython would not have raised it), though finally blocks run
    bool limit = false;
    // how many inlined generators it is leaving from their loop's body (codegen/emit_try.cpp): the
    // generator's own handlers do not take it, as a suspended generator's do not in CPython
    int through = 0;
    std::size_t raised_length = 0;
    // shared by the copies of one exception, as a Python exception object is one object:
    // what its handlers and the frames it passes add to it stays with it
    StateRef state;
    static char* copy(const char* s, std::size_t n) {
        char* t = static_cast<char*>(std::malloc(n + 1));
        if (t) {
            std::memcpy(t, s, n);
            t[n] = 0;
        }
        return t;
    }
    char* text_ = nullptr;
};
#if PYRITE_RT_BODIES
PYRITE_RT Error::Error(const Error& o)
    : kind(o.kind), raised(o.raised), no_args(o.no_args), literal(o.literal), limit(o.limit), through(o.through),
      raised_length(o.raised_length), state(o.state),
      text_(o.text_ ? copy(o.text_, o.raised ? o.raised_length : std::strlen(o.text_)) : nullptr) {}
PYRITE_RT Error& Error::operator=(Error o) noexcept {
    kind = o.kind;
    raised = o.raised, no_args = o.no_args, literal = o.literal, limit = o.limit, through = o.through;
    raised_length = o.raised_length;
    state = std::move(o.state);
    std::swap(text_, o.text_);
    return *this;
}
#endif

[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise(Exc kind, const char* msg) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    throw Error(kind, msg);
}
#endif

// raise e, e an exception made or caught before: the same exception object, its traceback continued
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise_again(const Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    throw e;
}
#endif

// the exception `kind` with a printf-formatted message, made (errorf: a fallible builtin's) or raised
PYRITE_RT Error verrorf(Exc kind, const char* fmt, va_list args) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    va_list again;
    va_copy(again, args);
    char small[256];
    int n = std::vsnprintf(small, sizeof small, fmt, args);
    Error e;
    e.kind = kind;
    if (n < 0) n = 0;
    if (static_cast<std::size_t>(n) < sizeof small) {
        e.text_ = Error::copy(small, static_cast<std::size_t>(n));
    } else if ((e.text_ = static_cast<char*>(std::malloc(static_cast<std::size_t>(n) + 1)))) {
        std::vsnprintf(e.text_, static_cast<std::size_t>(n) + 1, fmt, again);
    }
    va_end(again);
    return e;
}
#endif
__attribute__((noinline, cold, format(printf, 2, 3))) PYRITE_RT Error errorf(Exc kind, const char* fmt, ...) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    va_list ap;
    va_start(ap, fmt);
    Error e = verrorf(kind, fmt, ap);
    va_end(ap);
    return e;
}
#endif
[[noreturn]] __attribute__((noinline, cold, format(printf, 2, 3))) PYRITE_RT void raisef(Exc kind, const char* fmt, ...) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    va_list ap;
    va_start(ap, fmt);
    Error e = verrorf(kind, fmt, ap);
    va_end(ap);
    throw e;
}
#endif

// X(message) / X in compiled code: the exception, with exactly that argument or none
inline Error make_exception(Exc kind, const std::string& message, bool has_arg) {
    Error e;
    e.kind = kind;
    e.raised = true;
    e.no_args = !has_arg;
    e.raised_length = message.size();
    e.text_ = Error::copy(message.data(), message.size());
    return e;
}

// std::bad_alloc from an allocation in compiled code: CPython's MemoryError(), no arguments, raised
// where handlers, finally blocks and the traceback see it (codegen/emit_try.cpp's kOutOfMemory)
[[noreturn]] inline void out_of_memory() { throw make_exception(Exc::MemoryError, std::string(), false); }

// X(5), X(2.5), X(None): one argument that is not a str, kept as its repr
inline Error make_literal_exception(Exc kind, const std::string& repr) {
    Error e = make_exception(kind, repr, true);
    e.literal = true;
    return e;
}
// raise X(message) / raise X
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise_exception(Exc kind, const std::string& message, bool has_arg) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    throw make_exception(kind, message, has_arg);
}
#endif

// An int result that does not fit in 64 bits, where CPython's int would just grow: the `limit`
// error. No handler or finally of compiled code runs for it (emit_try.cpp); the module glue
// discards the call's native state and runs the call again in CPython, from its arguments, when
// nothing the caller can see has happened yet (templates/module.cpp.j2, capi::rerun below).
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void int_overflow() PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Error e(Exc::OverflowError, "int result does not fit in 64 bits (pyrite int is a 64-bit integer)");
    e.limit = true;
    throw e;
}
#endif

// What makes a call safe to run again in CPython after an int left 64 bits: counters, only ever
// increased, and only under the GIL. `effects` counts what Python can see before the call
// returns (a call into Python: pycall.hpp's WithGil; a draw or a print that no scope can take
// back or replay: random.hpp, pycall.hpp's print_out); the glue reads it at the call's start and compares. `big_ints` counts arguments
// refused for an int beyond 64 bits (capi::int_from_py). One for the process: with the prebuilt
// runtime (PYRITE_SHARED_RUNTIME) it is the library's, so a module and the library count alike.
struct CallCounters {
    unsigned long effects = 0, big_ints = 0;
};
#if defined(PYRITE_SHARED_RUNTIME) || defined(PYRITE_BUILDING_RUNTIME)
PYRITE_RT extern CallCounters call_counters;
#else
inline CallCounters call_counters;
#endif
inline void python_sees_effect() { ++call_counters.effects; }

// What a call can take back before it runs again in CPython: a draw from random's generator (or
// from a random.Random Python passed) saved that generator's state first (random.hpp), and the
// glue's UndoScope puts every such state back before the rerun, so CPython's run draws the same
// numbers (templates/module.cpp.j2). The log lives under the GIL; `epoch` changes at each scope's
// start and end (a generator saves its state once per epoch), `depth` counts the scopes open (a
// draw outside any, in a generator Python drives, is an effect Python sees).
struct UndoEntry {
    void (*restore)(UndoEntry&);
    void (*drop)(UndoEntry&);
    void* obj;             // what it restores (random.hpp: the generator)
    long word = 0;         // a value it saved at once (the generator's index)
    void* more = nullptr;  // what it saved later, when first about to change (its words, its gauss_next)
    void* more2 = nullptr;
};
// What a call printed (pycall.hpp's print_out) while a scope is open: CPython's run again writes
// the same text first, which the replay (pyrite/_replay.py) holds back, so the text appears once
// and the output goes on as CPython's. Past kMaxReplay characters a print is an effect instead.
// The texts are the library's (a std::vector<Printed> behind `printed`, made at the first one):
// no module instantiates what holds them.
struct UndoLog {
    Vec<UndoEntry> entries;
    void* printed = nullptr;  // Vec<Printed>*
    size_t printed_count = 0, printed_chars = 0;
    static constexpr size_t kMaxReplay = size_t(1) << 22;
    unsigned long epoch = 1;
    int depth = 0;
    pthread_t owner{};  // the thread whose call opened the innermost scope: only its prints are replayed
};
#if defined(PYRITE_SHARED_RUNTIME) || defined(PYRITE_BUILDING_RUNTIME)
PYRITE_RT extern UndoLog undo_log;
#else
inline UndoLog undo_log;
#endif
#if PYRITE_RT_BODIES
struct Printed {
    const char* stream;  // "stdout" or "stderr"
    std::u32string text;
};
inline Vec<Printed>& printed_texts() {
    if (!undo_log.printed) undo_log.printed = new Vec<Printed>();
    return *static_cast<Vec<Printed>*>(undo_log.printed);
}
#endif
// keeps a print's text for the replay if a scope of this thread is open and the call has not
// printed too much; false: the print is an effect (pycall.hpp's print_out)
PYRITE_RT bool keep_printed(const char* stream, std::u32string& text) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (undo_log.depth <= 0 || !pthread_equal(undo_log.owner, pthread_self()) ||
        undo_log.printed_chars + text.size() > UndoLog::kMaxReplay)
        return false;
    undo_log.printed_chars += text.size();
    printed_texts().push_back(Printed{stream, std::move(text)});
    ++undo_log.printed_count;
    return true;
}
#endif
PYRITE_RT void forget_printed_after(size_t mark) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Vec<Printed>& texts = printed_texts();
    while (texts.size() > mark) {
        undo_log.printed_chars -= texts.back().text.size();
        texts.pop_back();
    }
    undo_log.printed_count = texts.size();
}
#endif
// the text kept since `mark`: [0] what went to sys.stdout, [1] to sys.stderr (capi::rerun)
PYRITE_RT void printed_since(size_t mark, std::u32string* out) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Vec<Printed>& texts = printed_texts();
    for (size_t i = mark; i < texts.size(); ++i) out[std::strcmp(texts[i].stream, "stderr") == 0] += texts[i].text;
}
#endif
struct UndoScope {
    size_t mark = undo_log.entries.size(), printed_mark = undo_log.printed_count;
    pthread_t outer_owner = undo_log.owner;
    UndoScope() {
        ++undo_log.epoch;
        ++undo_log.depth;
        undo_log.owner = pthread_self();
    }
    UndoScope(const UndoScope&) = delete;
    UndoScope& operator=(const UndoScope&) = delete;
    void take_back(bool restore) {
        while (undo_log.entries.size() > mark) {
            UndoEntry e = undo_log.entries.back();
            undo_log.entries.pop_back();
            if (restore) e.restore(e);
            e.drop(e);
        }
    }
    // what the call printed, once the glue has handed it to the replay (capi::rerun)
    void forget_printed() {
        if (undo_log.printed_count > printed_mark) forget_printed_after(printed_mark);
    }
    void restore() { take_back(true); }  // before the call runs again in CPython
    ~UndoScope() {
        take_back(false);
        forget_printed();
        ++undo_log.epoch;
        --undo_log.depth;
        undo_log.owner = outer_owner;
    }
};

// Reading a local that may be unassigned: CPython raises UnboundLocalError.
template <class T>
inline const T& bound(bool is_bound, const T& value, const char* name) {
    if (PYRITE_UNLIKELY(!is_bound))
        raisef(Exc::UnboundLocalError,
               "cannot access local variable '%s' where it is not associated with a value", name);
    return value;
}

// Ctrl-C in compiled loops: the module's SIGINT handler (capi::install_interrupt_handler,
// chained before CPython's) sets this flag; loops the `interrupts` pass marked check it on
// their back edges and leave by KeyboardInterrupt, which the glue hands to CPython's own
// signal handling. One compare of the flag per iteration (check_interrupt); the flag is per module.
// (an int read and written with relaxed atomic builtins: object.hpp's SpinLock says why not std::atomic)
inline int interrupt_pending = 0;
[[noreturn]] __attribute__((noinline, cold)) inline void interrupted() {
    __atomic_store_n(&interrupt_pending, 0, __ATOMIC_RELAXED);
    raise(Exc::KeyboardInterrupt, "");
}
inline void check_interrupt() {
#if defined(__x86_64__) && defined(__GCC_ASM_FLAG_OUTPUTS__)
    // one compare with the flag in memory and a branch (the relaxed load was a load, a test and
    // the branch, and held a register): a while loop's every iteration does this
    bool pending;
    asm volatile("cmpl $0, %1" : "=@ccne"(pending) : "m"(interrupt_pending));
    if (PYRITE_UNLIKELY(pending)) interrupted();
#else
    if (PYRITE_UNLIKELY(__atomic_load_n(&interrupt_pending, __ATOMIC_RELAXED))) interrupted();
#endif
}

// assert cond, msg
// x, as a value the optimizer cannot see into: no multiply-add is fused across it
template <class F>
inline F unfused(F x) {
#if defined(__x86_64__) || defined(__i386__)
    asm("" : "+x"(x));
#elif defined(__aarch64__)
    asm("" : "+w"(x));
#else
    volatile F v = x;
    x = v;
#endif
    return x;
}
[[noreturn]] inline void assertion_failed(const char* msg) { raise(Exc::AssertionError, msg ? msg : ""); }

}  // namespace pyrite
