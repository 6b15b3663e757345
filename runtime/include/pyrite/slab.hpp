// Where the instances of the program's classes live (codegen/emit_class.cpp's operator new and
// delete): blocks of one size carved from aligned chunks of 32 KiB, as CPython's obmalloc
// carves its pools, not malloc'd one by one.
//
// Why: a compiled call runs inside a CPython process whose heap is full of holes, so malloc
// hands consecutive instances addresses scattered over megabytes (measured: 4,000 Tasks of a
// linked-list scheduler spread over 3 MB, in blocks 112 bytes apart only now and then), and a
// free list hands them back in the order they died. A walk of such a list misses the cache at
// every node: benchmarks/class_kernels.py's scheduler ran 2.4x the time of the same C++ in a
// fresh process; from chunks, 1.5x (with Traced's header 8 bytes smaller, instance.hpp).
//
// A chunk's header (at its start: a freed block finds it by rounding its address down) keeps its
// free blocks, how many are live, and its pool. A pool keeps the chunks that have room; a chunk
// whose last block is freed starts over (its blocks are made again in address order) and is kept
// for reuse, up to kSpareChunks of them per pool; past those it goes back to malloc.
//
// Threads: each size has two pools. The first thread that makes instances (instance.hpp's
// instances() owner, most often the main thread) makes them in the first, plainly, and so do
// the blocks of a prange loop it runs, each change under a spin lock while any prange loop runs
// (threads_share_objects). Every other thread (another Python thread in a compiled call, whose
// GIL is released while the first runs compiled code too, and the blocks of its prange loops)
// makes them in the second, always under its lock. An instance is freed into the pool it came
// from (its chunk's), by whichever thread frees it: no instance outlives the call that made it,
// so only the threads of that call free it.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "object.hpp"

namespace pyrite {

struct SlabPool;
struct SlabChunk {
    static constexpr std::size_t kBytes = 32 * 1024;  // its size and alignment
    SlabPool* pool;
    void* free = nullptr;      // freed blocks, each holding the next's address
    char* fresh;               // the first block never used
    char* end;
    std::size_t live = 0;      // blocks in use
    SlabChunk* prev = nullptr;  // on the pool's list of chunks with room
    SlabChunk* next = nullptr;
    bool listed = false;
    char* first() { return reinterpret_cast<char*>(this) + ((sizeof(SlabChunk) + 15) & ~std::size_t(15)); }
    static SlabChunk* of(void* p) {
        return reinterpret_cast<SlabChunk*>(reinterpret_cast<std::uintptr_t>(p) & ~(kBytes - 1));
    }
};

struct SlabPool {
    static constexpr int kSpareChunks = 32;  // empty chunks kept for reuse (1 MiB)
    std::size_t size;                        // of a block: a multiple of 8
    bool always_locked;                      // the pool of the threads other than the first
    SlabChunk* room = nullptr;               // chunks with a free or fresh block, most recent first
    int spare = 0;                           // empty chunks among them
    SpinLock guard;

    constexpr SlabPool(std::size_t s, bool locked) : size(s), always_locked(locked) {}

    void* alloc() {
        bool shared = always_locked || threads_share_objects != 0;
        if (shared) lock();
        SlabChunk* c = room;
        if (PYRITE_UNLIKELY(!c)) c = grow();
        void* p = nullptr;
        if (c) {
            if (c->free) {
                p = c->free;
                c->free = *static_cast<void**>(p);
            } else {
                p = c->fresh;
                c->fresh += size;
            }
            if (c->live++ == 0) --spare;
            if (!c->free && c->fresh + size > c->end) unlink(c);  // full
        }
        if (shared) unlock();
        if (PYRITE_UNLIKELY(!p)) throw std::bad_alloc();
        return p;
    }
    // out of line: inlined, it made pyrite::release (of a reference) too large to inline in its
    // turn, which loops call on every reference they drop (nbody_objects ran 1.3x its C++, not 1.2x)
    __attribute__((noinline)) PYRITE_RT static void release(void* p);

private:
    void lock() { guard.lock(); }
    void unlock() { guard.unlock(); }
    void link(SlabChunk* c) {  // at the front: the next block is made where the last was freed
        c->prev = nullptr;
        c->next = room;
        if (room) room->prev = c;
        room = c;
        c->listed = true;
    }
    void unlink(SlabChunk* c) {
        if (c->prev) c->prev->next = c->next; else room = c->next;
        if (c->next) c->next->prev = c->prev;
        c->listed = false;
    }
    __attribute__((noinline)) PYRITE_RT SlabChunk* grow();
};
// the library's (core.hpp: the prebuilt runtime): cold, or out of line anyway
#if PYRITE_RT_BODIES
void SlabPool::release(void* p) {
    SlabChunk* c = SlabChunk::of(p);
    SlabPool* pool = c->pool;
    bool shared = pool->always_locked || threads_share_objects != 0;
    if (shared) pool->lock();
    *static_cast<void**>(p) = c->free;
    c->free = p;
    if (!c->listed) pool->link(c);
    if (--c->live == 0) {
        if (pool->spare < kSpareChunks) {  // kept, as new: made again in address order
            ++pool->spare;
            c->free = nullptr;
            c->fresh = c->first();
        } else {
            pool->unlink(c);
            std::free(c);
        }
    }
    if (shared) pool->unlock();
}
SlabChunk* SlabPool::grow() {
    void* m = std::aligned_alloc(SlabChunk::kBytes, SlabChunk::kBytes);
    if (!m) return nullptr;
    auto* c = new (m) SlabChunk();
    c->pool = this;
    c->fresh = c->first();
    c->end = static_cast<char*>(m) + SlabChunk::kBytes;
    ++spare;  // empty until its first block is taken
    link(c);
    return c;
}
#endif

// whether this thread makes instances in the first thread's pools: it is that thread, or it runs
// a block of a prange loop that thread started (instance.hpp)
inline bool in_first_pools();

// The pools of blocks of `Size` bytes (an instance's sizeof), one pair per size: classes of one
// size share them. A block larger than a chunk's eighth is malloc'd (Slab<Size>::pooled says which).
template <std::size_t Size, std::size_t Align>
struct Slab {
    static_assert(Align <= 16, "a block is aligned to 16 at most");
    static constexpr std::size_t kAlign = Align < 8 ? 8 : Align;
    static constexpr std::size_t kBlock = (Size + kAlign - 1) & ~(kAlign - 1);
    static constexpr bool pooled = kBlock <= SlabChunk::kBytes / 8;
    static SlabPool& first_pool() {
        static SlabPool p(kBlock, false);  // constant-initialized: no guard
        return p;
    }
    static SlabPool& others_pool() {
        static SlabPool p(kBlock, true);
        return p;
    }
    static SlabPool& pool() { return in_first_pools() ? first_pool() : others_pool(); }
    static void* alloc() { return pooled ? pool().alloc() : ::operator new(Size); }
    static void release(void* p) {
        if (pooled) SlabPool::release(p); else ::operator delete(p);
    }
};

}  // namespace pyrite
