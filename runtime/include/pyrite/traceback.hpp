// What an exception carries beyond its kind and text (core.hpp's Error): the compiled frames
// it left, for its traceback; the instance of the user's exception class it was raised as;
// its __cause__ and __context__. Light, so that every module can record its frames: each
// compiled function catches what leaves it, adds itself with the line it was on, and
// rethrows (codegen/emit_try.cpp). capi::set_error turns all of it into Python's.
#pragma once
#include <memory>
#include <vector>

#include "object.hpp"

struct _object;

namespace pyrite {

struct ExcData;  // exceptions.hpp

// a compiled function, as a traceback shows it
struct FrameInfo {
    const char* func;
    const char* file;
};
struct Frame {
    const FrameInfo* where;
    int line;
};

struct ErrorState : ErrorStateCount {
    // the instance of the user's exception class it was raised as (exceptions.hpp), or null,
    // and how that instance becomes the user's Python object (boundary.hpp; b: the call's Boundary or null)
    Ref<Object> obj;
    _object* (*obj_to_py)(Object* obj, void* b) = nullptr;
    Vec<Frame> frames;  // the compiled frames it left, innermost first
    std::shared_ptr<Error> cause, context;
    bool suppress_context = false;  // raise ... from ...
    // the args of a builtin exception made with other than one str (exceptions.hpp's exception_of:
    // ValueError("x", 5), StopIteration(value)), and how they become Python's (boundary.hpp)
    std::shared_ptr<const ExcData> args;
    _object* (*args_to_py)(const ExcData& args) = nullptr;
    // the exception object Python code raised in a call from compiled code (pycall.hpp): it leaves
    // compiled code as itself, its class and traceback kept; released under the GIL (release_py)
    _object* py = nullptr;
    void (*release_py)(_object*) = nullptr;
    // a builtin exception whose Python object is made from what compiled code kept: a
    // UnicodeDecodeError's encoding, object, start, end and reason (bytes.hpp's codec_error), a
    // KeyError's key that its repr cannot give back (dict.hpp's raise_key_error); b: the call's
    // Boundary (boundary.hpp), or null
    std::shared_ptr<const void> detail;
    _object* (*detail_to_py)(const void* detail, void* b) = nullptr;
    ErrorState() = default;
    ErrorState(const ErrorState&) = delete;
    ErrorState& operator=(const ErrorState&) = delete;
    ~ErrorState() {
        if (py) release_py(py);
    }
};
PYRITE_RT ErrorState& state_of(Error& e) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!e.state) e.state = StateRef(new ErrorState());
    return *e.state;
}
#endif

// each compiled function's catch: the frame the exception leaves, on the line it was at
__attribute__((noinline, cold)) PYRITE_RT void add_frame(Error& e, const FrameInfo* where, int line) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    state_of(e).frames.push_back(Frame{where, line});
}
#endif

// each compiled function's one handler, `catch (...) { leave_frame(&frame, line); }`: what leaves
// it leaves with this frame added, a std::bad_alloc as MemoryError() (core.hpp's out_of_memory),
// anything else (a thread's forced unwind) as itself. One catch-all clause and no nested try keep
// a function's body as the inliner likes it (a recursive fib ran 1.4x slower with two handlers).
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void leave_frame(const FrameInfo* where, int line) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    try {
        throw;
    } catch (Error& e) {
        add_frame(e, where, line);
        throw;
    } catch (const std::bad_alloc&) {
        Error e = make_exception(Exc::MemoryError, std::string(), false);
        add_frame(e, where, line);
        throw e;
    }
}
#endif

}  // namespace pyrite
