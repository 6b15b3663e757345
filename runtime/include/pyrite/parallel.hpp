// for i in prange(start, stop, step): the iterations run on pyrite's thread pool
// (bindings/parallel.cpp, shared by every module through a capsule).
//
// The range's `count` iterations are cut into blocks that depend on the count only, never on
// the number of threads: min(count, 256) blocks, block b holding iterations
// [b * count / nblocks, (b + 1) * count / nblocks). Each block runs its iterations in order.
// A reduction (total += x) keeps one partial result per block, which the generated code
// combines in block order after the loop, so a float sum is the same on 1 thread or 16
// (though not the same as one sequential sum: the README says how it is grouped).
//
// An exception in an iteration stops the blocks not started yet; those started finish (or
// raise too), and the exception of the lowest block is raised: blocks are handed out in
// order, so every lower block ran, and that exception is the one the sequential loop would
// have met first. The caller's GIL is released while the blocks run (a block that needs it
// takes it), reference counts are atomic meanwhile (object.hpp), and instances the blocks make
// go on the caller's list of instances (instance.hpp), which its InstanceScope sweeps.
#pragma once
#include <Python.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>

#include "core.hpp"
#include "instance.hpp"
#include "object.hpp"
#include "parallel_api.h"
#include "parallel_arrays.hpp"

namespace pyrite::parallel {

// the pool of pyrite._dispatch, or null where it cannot be imported (the blocks then run here)
inline const PyriteParallelApi* pool() {
    static const PyriteParallelApi* api = [] {
        PyGILState_STATE g = PyGILState_Ensure();
        auto* a = static_cast<const PyriteParallelApi*>(PyCapsule_Import(PYRITE_PARALLEL_CAPSULE, 0));
        if (!a) PyErr_Clear();
        PyGILState_Release(g);
        return a && a->version == PYRITE_PARALLEL_API_VERSION ? a : nullptr;
    }();
    return api;
}

template <class Body>
struct Run {
    Body* body;
    i64 count, nblocks;
    Partials<int> lines;  // each block's line, for the traceback of what it raises
    Instances* instances; // the caller's list of instances, which the blocks make theirs on
    std::atomic<i64> failed{INT64_MAX};  // the lowest block that raised
    std::mutex m;
    std::exception_ptr error;

    static void block(void* ctx, std::int64_t b) {
        Run& r = *static_cast<Run*>(ctx);
        if (r.failed.load(std::memory_order_relaxed) < b) return;  // a lower block raised: the loop stops
        Instances* outer = borrowed_instances;
        borrowed_instances = r.instances;
        try {
            check_interrupt();
            (*r.body)(b, block_start(b, r.nblocks, r.count), block_start(b + 1, r.nblocks, r.count), r.lines[b]);
            borrowed_instances = outer;
        } catch (...) {
            borrowed_instances = outer;
            std::lock_guard<std::mutex> lk(r.m);
            if (b < r.failed.load(std::memory_order_relaxed)) {
                r.failed.store(b, std::memory_order_relaxed);
                r.error = std::current_exception();
            }
        }
    }
};

// While the blocks run: objects count references atomically, and the caller's GIL is released
class Region {
public:
    Region() : saved_(PyGILState_Check() ? PyEval_SaveThread() : nullptr) {
        __atomic_add_fetch(&threads_share_objects, 1, __ATOMIC_SEQ_CST);  // before the pool starts the blocks
    }
    ~Region() {
        __atomic_sub_fetch(&threads_share_objects, 1, __ATOMIC_SEQ_CST);  // after every block ended
        if (saved_) PyEval_RestoreThread(saved_);
    }
    Region(const Region&) = delete;
    Region& operator=(const Region&) = delete;

private:
    PyThreadState* saved_;
};

// body(b, lo, hi, line) runs iterations [lo, hi) of block b, keeping the line it is at in `line`;
// the line of the block whose exception is raised becomes the caller's `line`
template <class Body>
inline void run(i64 count, Body& body, int& line) {
    Run<Body> r{&body, count, blocks_for(count), Partials<int>(blocks_for(count)),
                borrowed_instances ? borrowed_instances : &instances()};
    if (r.nblocks == 0) return;
    for (i64 b = 0; b < r.nblocks; ++b) r.lines[b] = line;
    {
        Region region;
        if (const PyriteParallelApi* p = pool()) {
            p->run(&Run<Body>::block, &r, r.nblocks);
        } else {
            for (i64 b = 0; b < r.nblocks; ++b) Run<Body>::block(&r, b);
        }
    }
    if (r.error) {
        line = r.lines[r.failed.load(std::memory_order_relaxed)];
        std::rethrow_exception(r.error);
    }
}

// parallel_arrays.hpp's in_chunks: fn(ctx, lo, hi) for each chunk, as the blocks of a run
PYRITE_RT void run_chunks(i64 n, i64 chunks, ChunkFn fn, void* ctx) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    auto body = [&](i64 b, i64, i64, int&) { fn(ctx, block_start(b, chunks, n), block_start(b + 1, chunks, n)); };
    int line = 0;
    run(chunks, body, line);
}
#endif

}  // namespace pyrite::parallel
