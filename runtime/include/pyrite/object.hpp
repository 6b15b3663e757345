// Python's reference semantics for mutable containers.
//
// A compiled list (and later dict, set) is a handle to a heap object with an
// intrusive reference count: `b = a` copies the handle, so `b.append(1)` is
// seen through `a`, exactly as in Python. A compiled container is made by one
// native call and converted to a Python object at the boundary: the only time
// several threads see it is a prange loop (parallel.hpp), while which counts
// change atomically (threads_share_objects below); otherwise they are plain.
//
// Every mutation sets `changed` (a plain store, which the optimizer can sink out
// of loops, unlike a counter): the boundary (boundary.hpp) writes a container
// back into the caller's Python object only if it changed during the call.
#pragma once
#include <atomic>
#include <type_traits>

#include "core.hpp"

namespace pyrite {

struct Object {
    i64 refs = 1;
    bool changed = false;
    virtual ~Object() = default;
    // called when the last reference goes: frees, or keeps the object for reuse (ListObject)
    virtual void destroy() { delete this; }
};

// How many prange loops are running (parallel.hpp's Region changes it, before its
// threads start and after they end): while any is, objects may be shared between threads and
// their counts change atomically, out of line. A plain int, read plainly: the test costs one
// load and a branch the optimizer can hoist out of loops (a relaxed atomic load it cannot; that
// cost 25% on a loop over a list of lists), and a thread outside a prange loop reading a stale
// value only ever touches its own objects. Measured: a linked list walked by `node = node.next`
// 5-8% slower than with no test; other kernels unchanged.
// With the prebuilt runtime (core.hpp) it is the library's, one for the process, since objects
// pass through the library's functions too.
#if defined(PYRITE_SHARED_RUNTIME) || defined(PYRITE_BUILDING_RUNTIME)
PYRITE_RT extern int threads_share_objects;
#else
inline int threads_share_objects = 0;
#endif

template <class T>
__attribute__((noinline, cold)) void retain_shared(T* o) {
    __atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}
template <class T>
__attribute__((noinline, cold)) void release_shared(T* o) {
    if (__atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) == 0) o->destroy();
}
template <class T>  // T: an Object
inline void retain(T* o) {
    if (PYRITE_LIKELY(threads_share_objects == 0)) ++o->refs;
    else retain_shared(o);
}
template <class T>  // T: an Object (destroy() is a direct call when T is final)
inline void release(T* o) {
    if (PYRITE_LIKELY(threads_share_objects == 0)) {
        if (--o->refs == 0) o->destroy();
    } else {
        release_shared(o);
    }
}

// A free list of reusable blocks, used by the one thread that first touched it
// (compiled code of other threads allocates normally). Ownership is checked
// against the thread pointer, one instruction; a thread_local free list costs
// a __tls_get_addr call per use in a shared object, which showed at 15% of a
// str.split loop. A later thread can inherit the list only by reusing a dead
// owner's thread block, when nothing else can touch the list.
//
// owned_by_this_thread: whether `owner` is this thread, claiming it when nobody owns
// it yet (also BigBlocks', array.hpp's cache of big array buffers)
inline bool owned_by_this_thread(std::atomic<void*>& owner) {
    void* self = __builtin_thread_pointer();
    void* o = owner.load(std::memory_order_relaxed);
    if (PYRITE_LIKELY(o == self)) return true;
    return o == nullptr && owner.compare_exchange_strong(o, self);
}

template <class Tag, int N>
struct FreeList {
    void* items[N] = {};
    int n = 0;
    std::atomic<void*> owner{nullptr};

    static FreeList& get() {
        static FreeList list;  // constant-initialized: no guard
        return list;
    }
    bool mine() { return owned_by_this_thread(owner); }
    void* pop() {
        if (n == 0 || !mine()) return nullptr;
        return items[--n];
    }
    bool push(void* p) {
        if (n == N || !mine()) return false;
        items[n++] = p;
        return true;
    }
};

// Blocks of one size kept for reuse, without a bound on their number until `Cap`: what the
// instances of a class are allocated from (a tree of 2^16 nodes freed and made again reuses
// its blocks; a FreeList of 64 would send most of them through malloc). The next free block's
// address is stored in the freed block itself. Used by the first thread that frees one.
template <class Tag, int Cap>
struct BlockPool {
    void* head = nullptr;
    int n = 0;
    std::atomic<void*> owner{nullptr};

    static BlockPool& get() {
        static BlockPool pool;  // constant-initialized: no guard
        return pool;
    }
    void* pop() {
        if (!head || !owned_by_this_thread(owner)) return nullptr;
        void* p = head;
        head = *static_cast<void**>(p);
        --n;
        return p;
    }
    bool push(void* p) {
        if (n >= Cap || !owned_by_this_thread(owner)) return false;
        *static_cast<void**>(p) = head;
        head = p;
        ++n;
        return true;
    }
};

// An owning handle to T (an Object). Null only before first assignment, which
// definite assignment rules out for every read.
template <class T>
class Ref {
public:
    Ref() = default;
    explicit Ref(T* p) : p_(p) {}  // adopts the reference
    // an instance of a subclass where its base is expected (class Circle(Shape))
    template <class U, class = std::enable_if_t<std::is_base_of_v<T, U> && !std::is_same_v<T, U>>>
    Ref(const Ref<U>& o) : p_(o.get()) {
        if (p_) retain(p_);
    }
    template <class U, class = std::enable_if_t<std::is_base_of_v<T, U> && !std::is_same_v<T, U>>>
    Ref(Ref<U>&& o) noexcept : p_(o.detach()) {}
    // an instance of the program's exception class where a caught exception goes (exceptions.hpp)
    template <class U = T, class = decltype(U::exc_kind)>
    operator Error() const {
        return error_of(*this, U::exc_kind);
    }
    T* detach() {  // gives up its reference, to whoever takes the pointer
        T* p = p_;
        p_ = nullptr;
        return p;
    }
    Ref(const Ref& o) : p_(o.p_) {
        if (p_) retain(p_);
    }
    Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    Ref& operator=(const Ref& o) {
        if (o.p_) retain(o.p_);
        release();
        p_ = o.p_;
        return *this;
    }
    Ref& operator=(Ref&& o) noexcept {
        if (this != &o) {
            release();
            p_ = o.p_;
            o.p_ = nullptr;
        }
        return *this;
    }
    ~Ref() { release(); }

    static Ref share(T* p) {  // a new reference to p
        retain(p);
        return Ref(p);
    }
    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    bool same(const Ref& o) const { return p_ == o.p_; }  // Python's `is`

private:
    void release() {
        if (p_) pyrite::release(p_);
    }
    T* p_ = nullptr;
};

// an instance of a base class that isinstance() found to be a C (a match statement's class pattern)
template <class C, class B>
inline Ref<C> downcast(const Ref<B>& r) {
    return Ref<C>::share(static_cast<C*>(r.get()));
}

}  // namespace pyrite
