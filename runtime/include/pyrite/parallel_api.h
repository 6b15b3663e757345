/* The thread pool's interface, between pyrite._dispatch (bindings/parallel.cpp, which owns
   the pool) and generated modules (parallel.hpp), which find it through the capsule
   pyrite._dispatch._parallel. A new field or a changed meaning takes a new version. */
#pragma once
#include <stdint.h>

#define PYRITE_PARALLEL_CAPSULE "pyrite._dispatch._parallel"
#define PYRITE_PARALLEL_API_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif
typedef struct {
    int version;
    /* calls fn(ctx, b) for b in 0..nblocks-1 on the pool's threads and the caller; returns
       when every call has returned */
    void (*run)(void (*fn)(void*, int64_t), void* ctx, int64_t nblocks);
    int (*num_threads)(void);
} PyriteParallelApi;
#ifdef __cplusplus
}
#endif
