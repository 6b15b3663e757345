// pyrite runtime: the pure copy of a recursion on ints and floats (opt/recursion.cpp finds them,
// codegen/emit_pure.cpp prints them).
//
// The copy computes what the function computes, without the recursion budget and without
// traceback frames. What would raise in it (an int leaving 64 bits, a division by zero) fails
// instead: fail() jumps back to the function's entry, which then runs the function as written from
// the same arguments, so that the exception, its message and its traceback are CPython's. The jump
// skips only frames of the copy, which hold ints and floats: nothing to destroy.
//
// The copy's `pyrite::` is this namespace (codegen's namespace alias): the operations of ops.hpp
// that raise are these, which fail; the others are ops.hpp's (the using-directive). fail() is
// noexcept and never returns, and the copy reads no memory: GCC's pure-const analysis then sees the
// copy as a function of its arguments, and computes fib(n - 2) once where fib(n - 1), inlined,
// computes it too.
#pragma once
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <initializer_list>

#include "ops.hpp"
#include "stack.hpp"

namespace pyrite::builtins {}

namespace pyrite::pure {

using namespace ::pyrite;

// this thread's way back from the copy running (one at a time: a copy calls only itself)
inline std::jmp_buf*& current() {
    static thread_local std::jmp_buf* jump = nullptr;
    return jump;
}

[[noreturn]] __attribute__((noinline, cold)) inline void fail() noexcept { _longjmp(*current(), 1); }

// ops.hpp's operations that raise, failing instead (as GCC's overflow builtins test them: ops.hpp's
// spec_ operations, which note an overflow in a flag, left fib's copy 5x slower)
[[noreturn]] inline void int_overflow() noexcept { fail(); }
template <class T>  // i64, and i128 for (a + b) % m computed in 128 bits (opt/wide.cpp)
inline T added(T a, T b) {
    T r;
    if (PYRITE_UNLIKELY(__builtin_add_overflow(a, b, &r))) fail();
    return r;
}
template <class T>
inline T subtracted(T a, T b) {
    T r;
    if (PYRITE_UNLIKELY(__builtin_sub_overflow(a, b, &r))) fail();
    return r;
}
inline i64 add(i64 a, i64 b) { return added(a, b); }
inline i64 sub(i64 a, i64 b) { return subtracted(a, b); }
inline i128 wide_add(i128 a, i128 b) { return added(a, b); }
inline i128 wide_sub(i128 a, i128 b) { return subtracted(a, b); }
inline i64 mul(i64 a, i64 b) {
    i64 r;
    if (PYRITE_UNLIKELY(mul_overflows(a, b, r))) fail();
    return r;
}
inline i64 neg(i64 a) {
    if (PYRITE_UNLIKELY(a == INT64_MIN)) fail();
    return -a;
}
inline double neg(double a) { return -a; }
// / // % of ints and floats: by zero fails (and INT64_MIN // -1, which leaves 64 bits); what is left
// of ops.hpp's, which no longer raises, is inlined without its raise
template <class A, class B>
inline auto floordiv(A a, B b) {
    if (PYRITE_UNLIKELY(b == 0)) fail();
    if constexpr (std::is_same_v<A, i64> && std::is_same_v<B, i64>)
        if (PYRITE_UNLIKELY(b == -1 && a == INT64_MIN)) fail();
    return ::pyrite::floordiv(a, b);
}
template <class A, class B>
inline auto mod(A a, B b) {
    if (PYRITE_UNLIKELY(b == 0)) fail();
    return ::pyrite::mod(a, b);
}
template <class A, class B>
inline auto truediv(A a, B b) {
    if (PYRITE_UNLIKELY(b == 0)) fail();
    return ::pyrite::truediv(a, b);
}
// a failed assert (a raise in the copy codegen's raise_stmt prints as fail()): the function as
// written raises it
[[noreturn]] inline void assertion_failed(const char*) noexcept { fail(); }

namespace builtins {  // (the module includes builtins/*.hpp for what it calls)
using namespace ::pyrite::builtins;
inline i64 abs(i64 x) { return x < 0 ? neg(x) : x; }  // abs(INT64_MIN) fails
inline double abs(double x) { return std::fabs(x); }
}  // namespace builtins

// What one frame of the copy is assumed to take at most: its values are ints and floats, and
// each C++ frame, with the copy inlined into itself, holds a few levels of the recursion
constexpr std::uint64_t kFrameBytes = 1024;

// A parameter that bounds the recursion (ir::PureBound), with its value at the entry
struct Bound {
    i64 value, floor;
    bool from_floor;
};

// Whether the recursion from these values fits the Python frames left and the stack. Each call
// passes every parameter as it is or less, one of them less, and the function calls itself only
// where each is >= its floor (or, from_floor, each stays >= its floor once it starts there): at most
// the sum of (value - floor) + 2 frames; 1 where a parameter of the first kind is below its floor
// (no call at all); and no bound where one of the second kind is (it may never end)
inline bool fits(Depth d, std::initializer_list<Bound> bounds) {
    unsigned __int128 frames = 2;
    for (const Bound& b : bounds)
        if (b.value < b.floor && !b.from_floor) frames = 1;
    if (frames == 2)
        for (const Bound& b : bounds) {
            if (b.value < b.floor) return false;
            frames += static_cast<std::uint64_t>(b.value) - static_cast<std::uint64_t>(b.floor);
        }
    if (d.left <= 0 || frames > static_cast<unsigned __int128>(d.left)) return false;
    const char* here = static_cast<const char*>(__builtin_frame_address(0));
    return here > d.floor && static_cast<std::uint64_t>(here - d.floor) / kFrameBytes >= frames;
}

}  // namespace pyrite::pure
