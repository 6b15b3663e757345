// slab.hpp: the blocks instances are carved from. Blocks of a new chunk come in address order,
// kBlock apart and aligned; a freed block is made again first; a chunk whose blocks are all free
// starts over in address order; empty chunks past kSpareChunks go back to malloc; blocks too
// large for a chunk are malloc's; the first thread to make instances has pools of its own, made
// from plainly, while the other threads' pools are locked (two compiled calls run at once when
// one has released the GIL); and while threads share objects, two threads making and freeing
// blocks of one pool never get the same block.
#include <algorithm>
#include <cstdint>
#include <set>
#include <thread>
#include <vector>

#include <pyrite/slab.hpp>

#include "check.hpp"

// as instance.hpp's: the first thread to ask (the main thread here) makes instances in the first pools
static void* first_thread = nullptr;  // owned_by_this_thread's
inline bool pyrite::in_first_pools() { return pyrite::owned_by_this_thread(first_thread); }

using pyrite::Slab;
using pyrite::SlabChunk;
using pyrite::SlabPool;

static int chunks_with_room(SlabPool& pool) {
    int n = 0;
    for (SlabChunk* c = pool.room; c; c = c->next) ++n;
    return n;
}

static std::uintptr_t address(void* p) { return reinterpret_cast<std::uintptr_t>(p); }

int main() {
    using S = Slab<40, 8>;  // a 40-byte instance
    static_assert(S::kBlock == 40 && S::pooled);
    static_assert(Slab<41, 8>::kBlock == 48 && Slab<20, 4>::kBlock == 24 && Slab<40, 16>::kBlock == 48);
    static_assert(!Slab<8192, 8>::pooled);  // larger than a chunk's eighth: malloc's

    // a new chunk's blocks in address order, kBlock apart, in one chunk
    std::vector<void*> blocks;
    for (int i = 0; i < 100; ++i) blocks.push_back(S::alloc());
    bool in_order = true, aligned = true, one_chunk = true;
    for (size_t i = 0; i < blocks.size(); ++i) {
        aligned = aligned && address(blocks[i]) % 8 == 0;
        one_chunk = one_chunk && SlabChunk::of(blocks[i]) == SlabChunk::of(blocks[0]);
        if (i) in_order = in_order && address(blocks[i]) - address(blocks[i - 1]) == S::kBlock;
    }
    CHECK(in_order && aligned && one_chunk);
    CHECK(SlabChunk::of(blocks[0])->live == 100 && SlabChunk::of(blocks[0])->pool == &S::pool());
    CHECK(address(Slab<40, 16>::alloc()) % 16 == 0);

    // a freed block is the next one made
    S::release(blocks[37]);
    void* again = S::alloc();
    CHECK(again == blocks[37]);

    // all freed, in any order: the chunk starts over, in address order
    std::vector<void*> shuffled = blocks;
    std::reverse(shuffled.begin() + 10, shuffled.end());
    for (void* p : shuffled) S::release(p);
    CHECK(SlabChunk::of(blocks[0])->live == 0);
    bool same = true;
    for (int i = 0; i < 100; ++i) same = same && S::alloc() == blocks[i];
    CHECK(same);
    for (void* p : blocks) S::release(p);

    // many chunks' worth made and freed: kSpareChunks of them kept, the others returned
    const size_t per_chunk = (SlabChunk::kBytes - 64) / S::kBlock;
    std::vector<void*> many;
    for (size_t i = 0; i < per_chunk * (SlabPool::kSpareChunks + 8); ++i) many.push_back(S::alloc());
    std::set<SlabChunk*> used;
    for (void* p : many) used.insert(SlabChunk::of(p));
    CHECK(used.size() >= size_t(SlabPool::kSpareChunks + 8));
    std::set<void*> distinct(many.begin(), many.end());
    CHECK(distinct.size() == many.size());
    for (void* p : many) S::release(p);
    CHECK(S::pool().spare == SlabPool::kSpareChunks && chunks_with_room(S::pool()) == SlabPool::kSpareChunks);

    std::vector<void*> kept[3];
    bool clash[3] = {false, false, false};
    auto work = [&](int t) {
        std::vector<std::uint64_t*> mine;
        for (int round = 0; round < 200; ++round) {
            for (int i = 0; i < 300; ++i) {
                auto* p = static_cast<std::uint64_t*>(S::alloc());
                p[1] = p[2] = std::uint64_t(t) << 32 | std::uint64_t(mine.size());
                mine.push_back(p);
            }
            for (size_t i = 0; i < mine.size(); ++i)  // what it wrote is still there
                if (mine[i][1] != (std::uint64_t(t) << 32 | i) || mine[i][2] != mine[i][1]) clash[t] = true;
            while (mine.size() > 100) {
                S::release(mine.back());
                mine.pop_back();
            }
        }
        kept[t].assign(mine.begin(), mine.end());
    };
    // this thread made the first blocks: its pool is the first one, plain; another thread's is
    // the locked one. Both at once, as two compiled calls when one has released the GIL
    CHECK(&S::pool() == &S::first_pool() && !S::first_pool().always_locked);
    SlabPool* theirs = nullptr;
    std::thread other([&] {
        theirs = &S::pool();
        work(1);
    });
    work(0);
    other.join();
    CHECK(theirs == &S::others_pool() && theirs->always_locked);
    CHECK(SlabChunk::of(kept[0][0])->pool == &S::first_pool() && SlabChunk::of(kept[1][0])->pool == &S::others_pool());
    for (auto& k : kept)  // freed by this thread, into the pools they came from
        for (void* p : k) S::release(p);
    // while a prange loop runs (threads share objects): two other threads, one pool, no block given twice
    pyrite::threads_share_objects = 1;
    std::thread a(work, 1), b(work, 2);
    work(0);
    a.join();
    b.join();
    pyrite::threads_share_objects = 0;
    CHECK(!clash[0] && !clash[1] && !clash[2]);
    std::set<void*> all_kept;
    for (auto& k : kept) all_kept.insert(k.begin(), k.end());
    CHECK(all_kept.size() == 300);
    for (auto& k : kept)  // freed by this thread, into the pools they came from
        for (void* p : k) S::release(p);
    CHECK(chunks_with_room(S::first_pool()) <= SlabPool::kSpareChunks && S::others_pool().spare > 0);

    // too large for a chunk: new and delete
    void* big = Slab<8192, 8>::alloc();
    Slab<8192, 8>::release(big);

    std::printf("%d checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
