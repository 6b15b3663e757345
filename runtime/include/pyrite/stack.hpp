// The C stack under compiled recursion.
//
// CPython 3.11+ runs Python-to-Python calls without C recursion, so a program
// that raises sys.setrecursionlimit(10**6) recurses 900,000 deep in the
// interpreter. Compiled frames live on the C stack (8 MB by default), so the
// same recursion would overflow it and kill the process. Two mechanisms keep
// compiled recursion as deep as CPython's and never let it crash:
//
//  - Depth, the argument every function in a call cycle takes, carries both the
//    Python frames left (RecursionError at CPython's depth) and the lowest stack
//    address compiled frames may use. check_recursion() tests both: running out
//    of stack raises RecursionError, never SIGSEGV.
//  - on_stack(), at the entry point: when the frames CPython allows would not
//    fit in what is left of the thread's stack, the call runs on a stack of its
//    own, mapped without reserving memory (pages cost only once touched) and
//    reused by later calls on the same thread.
#pragma once
#include <pthread.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <cstddef>
#include <exception>
#include <new>
#include <type_traits>
#include <utility>

#include <pyrite/core.hpp>

namespace pyrite {

// Passed by value in two registers, each compiled call passing next(): no TLS
// access on the hot path (fib(30) in benchmarks/run.py: 7.8 ms with a
// thread-local depth counter, 3.4 ms with a register argument).
struct Depth {
    i64 left;           // Python frames left before RecursionError
    const char* floor;  // compiled frames stay above this address
    Depth next() const { return {left - 1, floor}; }
};

inline void check_recursion(Depth d) {
    if (PYRITE_UNLIKELY(d.left <= 0 || static_cast<const char*>(__builtin_frame_address(0)) < d.floor))
        raise(Exc::RecursionError, "maximum recursion depth exceeded");
}

namespace stack {

// Room kept below the floor for what runs after the last check: the runtime
// functions a frame calls, raising the exception, the signal handler.
constexpr std::size_t kMargin = 256 * 1024;
// What one compiled frame is assumed to need when sizing a stack of our own;
// a larger frame still stops cleanly at the floor.
constexpr std::size_t kFrameBytes = 512;
constexpr std::size_t kMaxStack = std::size_t(16) << 30;

struct Region {
    char* low = nullptr;   // lowest usable address
    char* high = nullptr;  // one past the highest
};

// The calling thread's stack as the thread library knows it (for the main
// thread: bounded by RLIMIT_STACK), found once per thread.
inline Region thread_region() {
    static thread_local Region region;
    if (!region.high) {
        pthread_attr_t attr;
        void* addr = nullptr;
        std::size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
            pthread_attr_getstack(&attr, &addr, &size);
            pthread_attr_destroy(&attr);
        }
        char* here = static_cast<char*>(__builtin_frame_address(0));
        region = {static_cast<char*>(addr), static_cast<char*>(addr) + size};
        if (!(region.low < here && here < region.high)) region = {here - (1 << 20), here};  // unknown: 1 MB
    }
    return region;
}

// The stack the current code runs on: the thread's, or the one on_stack switched to.
inline Region*& current_region() {
    static thread_local Region* current = nullptr;
    return current;
}

inline const char* floor_of(const Region& r) {
    std::size_t size = static_cast<std::size_t>(r.high - r.low);
    return r.low + (size / 4 < kMargin ? size / 4 : kMargin);
}

// A mapped stack kept for the thread's later deep calls, unmapped at thread exit.
struct Spare {
    Region region;
    ~Spare() {
        if (region.low) munmap(region.low, static_cast<std::size_t>(region.high - region.low));
    }
    bool reserve(std::size_t bytes) {
        if (static_cast<std::size_t>(region.high - region.low) >= bytes) return true;
        if (region.low) munmap(region.low, static_cast<std::size_t>(region.high - region.low));
        region = {};
        void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
        if (p == MAP_FAILED) return false;
        region = {static_cast<char*>(p), static_cast<char*>(p) + bytes};
        return true;
    }
};

inline Spare& spare() {
    static thread_local Spare kept;
    return kept;
}

template <class F>
struct Trampoline {
    F* body;
    Depth depth;
    ucontext_t caller{};
    std::exception_ptr error;
    static void run(unsigned lo, unsigned hi) {
        auto* self = reinterpret_cast<Trampoline*>((static_cast<std::uintptr_t>(hi) << 32) | lo);
        try {
            (*self->body)(self->depth);
        } catch (...) {
            self->error = std::current_exception();
        }
        // returning resumes uc_link: the caller's context
    }
};

}  // namespace stack

// The floor of the stack the caller runs on: a generator's frame refreshes its Depth with it each
// time it is resumed, from wherever that is (generator.hpp)
inline const char* stack_floor() {
    stack::Region* on = stack::current_region();
    return stack::floor_of(on ? *on : stack::thread_region());
}

// Runs body(Depth) for an entry point whose callee may recurse `budget` deep.
template <class F>
void on_stack(i64 budget, F&& body) {
    using namespace stack;
    Region* on = current_region();
    Region region = on ? *on : thread_region();
    char* here = static_cast<char*>(__builtin_frame_address(0));
    std::size_t need = budget > 0 ? static_cast<std::size_t>(budget) * kFrameBytes : 0;
    if (!(region.low < here && here < region.high)) region = {here - (1 << 20), here};  // unknown: 1 MB
    bool fits = static_cast<std::size_t>(here - floor_of(region)) >= need;
    if (fits || on) {  // a nested entry runs where it is: the floor still guards it
        body(Depth{budget, floor_of(region)});
        return;
    }
    Spare& spare = stack::spare();
    std::size_t bytes = need + 2 * kMargin;
    bytes = bytes > kMaxStack ? kMaxStack : (bytes + 0xFFFF) & ~std::size_t(0xFFFF);
    if (!spare.reserve(bytes)) {  // no address space: the thread's stack, guarded
        body(Depth{budget, floor_of(region)});
        return;
    }
    using Body = std::remove_reference_t<F>;
    Trampoline<Body> t{&body, Depth{budget, floor_of(spare.region)}};
    ucontext_t callee{};
    if (getcontext(&callee) != 0) throw std::bad_alloc();
    callee.uc_stack.ss_sp = spare.region.low;
    callee.uc_stack.ss_size = static_cast<std::size_t>(spare.region.high - spare.region.low);
    callee.uc_link = &t.caller;
    auto address = reinterpret_cast<std::uintptr_t>(&t);
    makecontext(&callee, reinterpret_cast<void (*)()>(&Trampoline<Body>::run), 2,
                static_cast<unsigned>(address & 0xFFFFFFFFu), static_cast<unsigned>(address >> 32));
    current_region() = &spare.region;
    int switched = swapcontext(&t.caller, &callee);
    current_region() = nullptr;
    if (switched != 0) throw std::bad_alloc();
    if (t.error) std::rethrow_exception(t.error);
}

}  // namespace pyrite
