// Python's reference semantics for mutable containers.
//
// A compiled list (and later dict, set) is a handle to a heap object with an
// intrusive reference count: `b = a` copies the handle, so `b.append(1)` is
// seen through `a`, exactly as in Python. The count is not atomic: a compiled
// container never crosses threads (it is created by one native call and
// converted to a Python object at the boundary).
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

inline void release(Object* o) {
    if (--o->refs == 0) o->destroy();
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
        if (p_) ++p_->refs;
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
        if (p_) ++p_->refs;
    }
    Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    Ref& operator=(const Ref& o) {
        if (o.p_) ++o.p_->refs;
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
        ++p->refs;
        return Ref(p);
    }
    T* get() const { return p_; }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    bool same(const Ref& o) const { return p_ == o.p_; }  // Python's `is`

private:
    void release() {
        if (p_ && --p_->refs == 0) p_->destroy();  // a direct call when T is final
    }
    T* p_ = nullptr;
};

}  // namespace pyrite
