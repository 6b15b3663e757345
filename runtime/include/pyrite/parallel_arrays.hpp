// What parallel.hpp's blocks and @accelerate(parallel=True)'s whole-array work need without
// Python: how work is cut into blocks, and whether this thread's array work goes to the pool.
// numpy.hpp includes it; the pool itself (parallel.hpp) needs Python.h, which every module
// includes first. The runtime's own C++ tests, without Python, run array work on their thread.
#pragma once
#include <cstdint>
#include <type_traits>

#include "core.hpp"
#include "object.hpp"

namespace pyrite::parallel {

constexpr i64 kMaxBlocks = 256;

inline i64 blocks_for(i64 count) { return count <= 0 ? 0 : count < kMaxBlocks ? count : kMaxBlocks; }

// the first iteration of block b (b == nblocks: the count)
inline i64 block_start(i64 b, i64 nblocks, i64 count) {
    return static_cast<i64>(static_cast<__int128>(b) * count / nblocks);
}

// A reduction's partial result per block, combined in block order after the loop
template <class T>
struct Partials {
    explicit Partials(i64 n) : items(new T[n > 0 ? n : 1]), n(n) {}
    ~Partials() { delete[] items; }
    Partials(const Partials&) = delete;
    Partials& operator=(const Partials&) = delete;
    T& operator[](i64 b) { return items[b]; }
    T* items;
    i64 n;
};

// ------------------------------------------------------------ @accelerate(parallel=True)
// A function compiled with parallel=True runs its whole-array work on the pool: the element-wise
// loops (a fused a * b + c, a += b) and the sums (np.sum, mean) of arrays of 2**17 items or more.
// The call's wrapper (templates/module.cpp.j2) holds an ArraysInParallel while the function
// runs; the work is cut into chunks by its number of items alone, and a sum's chunks are the
// subtrees of NumPy's pairwise summation, added as it adds them, so every result is the one the
// function gives on one thread, to the bit. Inside a prange loop, or while one runs anywhere,
// array work stays on its thread (a prange body's arrays are its own iteration's work).
#if defined(PYRITE_SHARED_RUNTIME) || defined(PYRITE_BUILDING_RUNTIME)
PYRITE_RT extern thread_local int arrays_in_parallel;
#else
inline thread_local int arrays_in_parallel = 0;
#endif
struct ArraysInParallel {
    int saved = arrays_in_parallel;
    ArraysInParallel() { arrays_in_parallel = 1; }
    ~ArraysInParallel() { arrays_in_parallel = saved; }
    ArraysInParallel(const ArraysInParallel&) = delete;
    ArraysInParallel& operator=(const ArraysInParallel&) = delete;
};

constexpr i64 kArrayItems = i64(1) << 17;  // fewer items: one thread (a chunk's hand-over costs microseconds)

// how many chunks whole-array work of n items is cut into (chunks of 32768 items or more, at
// most 64), or 0 where it runs on this thread
inline i64 array_chunks(i64 n) {
    if (PYRITE_LIKELY(n < kArrayItems) || arrays_in_parallel == 0 || threads_share_objects != 0) return 0;
    i64 c = n / (kArrayItems / 4);
    return c < 64 ? c : 64;
}

// f(lo, hi) for the `chunks` ranges that cut [0, n) evenly, on the pool; what a chunk raises is
// raised (the lowest chunk's, as one thread would have met it first). The pool's side is one
// function of the library (parallel.hpp's run_chunks), so that an element-wise loop compiles
// one small trampoline for it, not a run of its own
using ChunkFn = void (*)(void* ctx, i64 lo, i64 hi);
#ifdef Py_PYTHON_H
PYRITE_RT void run_chunks(i64 n, i64 chunks, ChunkFn fn, void* ctx);
template <class F>
inline void in_chunks(i64 n, i64 chunks, F&& f) {
    using Fn = std::remove_reference_t<F>;
    run_chunks(n, chunks, [](void* c, i64 lo, i64 hi) { (*static_cast<Fn*>(c))(lo, hi); }, const_cast<void*>(static_cast<const void*>(&f)));
}
#else
// without Python (the runtime's C++ tests): the chunks in order, on this thread
template <class F>
inline void in_chunks(i64 n, i64 chunks, F&& f) {
    for (i64 b = 0; b < chunks; ++b) f(block_start(b, chunks, n), block_start(b + 1, chunks, n));
}
#endif

}  // namespace pyrite::parallel
