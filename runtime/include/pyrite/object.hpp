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
#include <optional>
#include <type_traits>

#include "core.hpp"

namespace pyrite {

struct Object {
    i64 refs = 1;
    bool changed = false;
    bool crossed = false;  // a call's Boundary recorded it as an argument's: py_of looks for it
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

// A lock held for a few instructions (a list's or a pool's change while a prange loop runs:
// instance.hpp's Instances, slab.hpp's pools): spun on, never slept on
// (the atomics here and below are GCC's builtins on plain fields, not std::atomic: each of its
// members is a switch over memory orders that every module compiled and folded again)
struct SpinLock {
    bool busy = false;
    void lock() {
        while (__atomic_exchange_n(&busy, true, __ATOMIC_ACQUIRE)) {
        }
    }
    void unlock() { __atomic_store_n(&busy, false, __ATOMIC_RELEASE); }
};

// the counts of objects that threads may share (a prange loop runs): atomic, out of line, one
// pair for every type of object (the library's)
__attribute__((noinline, cold)) PYRITE_RT void retain_shared(Object* o) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    __atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}
#endif
__attribute__((noinline, cold)) PYRITE_RT void release_shared(Object* o) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (__atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) == 0) o->destroy();
}
#endif
inline void retain(Object* o) {  // one function for every type of object
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
// (the claim: in the library, not an atomic exchange in every module)
PYRITE_RT bool claim_owner(void*& owner, void* self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    void* o = nullptr;
    return __atomic_compare_exchange_n(&owner, &o, self, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
#endif
inline bool owned_by_this_thread(void*& owner) {
    void* self = __builtin_thread_pointer();
    void* o = __atomic_load_n(&owner, __ATOMIC_RELAXED);
    if (PYRITE_LIKELY(o == self)) return true;
    return o == nullptr && claim_owner(owner, self);
}

template <class Tag, int N>
struct FreeList {
    void* items[N] = {};
    int n = 0;
    void* owner = nullptr;  // owned_by_this_thread's

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

// Blocks of one size kept for reuse, without a bound on their number until `Cap`: what short
// strs are allocated from (a split of a long line frees all its words at once; a FreeList of 64
// would send most of them through malloc). The next free block's address is stored in the freed
// block itself. Used by the first thread that frees one. (Instances have slab.hpp's pools.)
template <class Tag, int Cap>
struct BlockPool {
    void* head = nullptr;
    int n = 0;
    void* owner = nullptr;  // owned_by_this_thread's

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

}  // namespace pyrite

// `C | None` of an instance held by reference: None is the null reference, so a field or variable
// of it is one pointer (8 bytes, not the 16 of a pointer and a flag) and `x is None` tests that
// pointer. A partial specialization of std::optional for pyrite's own type ([namespace.std]),
// with its interface: what compiled code and the runtime use of it.
namespace std {
template <class T>
class optional<pyrite::Ref<T>> {
public:
    using value_type = pyrite::Ref<T>;
    constexpr optional() noexcept = default;
    constexpr optional(nullopt_t) noexcept {}
    optional(const optional&) = default;
    optional(optional&&) noexcept = default;
    optional(const value_type& v) : r_(v) {}
    optional(value_type&& v) noexcept : r_(std::move(v)) {}
    template <class U, class = enable_if_t<is_base_of_v<T, U> && !is_same_v<T, U>>>
    optional(const pyrite::Ref<U>& v) : r_(v) {}
    template <class U, class = enable_if_t<is_base_of_v<T, U> && !is_same_v<T, U>>>
    optional(pyrite::Ref<U>&& v) noexcept : r_(std::move(v)) {}
    template <class U, class = enable_if_t<is_base_of_v<T, U> && !is_same_v<T, U>>>
    optional(const optional<pyrite::Ref<U>>& o) : r_(o ? value_type(*o) : value_type()) {}
    template <class... A>
    explicit optional(in_place_t, A&&... a) : r_(std::forward<A>(a)...) {}

    optional& operator=(nullopt_t) noexcept {
        r_ = value_type();
        return *this;
    }
    optional& operator=(const optional&) = default;
    optional& operator=(optional&&) noexcept = default;
    template <class U, class = enable_if_t<is_constructible_v<value_type, U&&> &&
                                           !is_same_v<remove_cv_t<remove_reference_t<U>>, optional>>>
    optional& operator=(U&& v) {
        r_ = value_type(std::forward<U>(v));
        return *this;
    }

    bool has_value() const noexcept { return r_.get() != nullptr; }
    explicit operator bool() const noexcept { return r_.get() != nullptr; }
    value_type& operator*() & noexcept { return r_; }
    const value_type& operator*() const& noexcept { return r_; }
    value_type&& operator*() && noexcept { return std::move(r_); }
    value_type* operator->() noexcept { return &r_; }
    const value_type* operator->() const noexcept { return &r_; }
    value_type& value() & {
        if (!has_value()) throw bad_optional_access();
        return r_;
    }
    const value_type& value() const& {
        if (!has_value()) throw bad_optional_access();
        return r_;
    }
    template <class U>
    value_type value_or(U&& d) const {
        return has_value() ? r_ : value_type(std::forward<U>(d));
    }
    void reset() noexcept { r_ = value_type(); }
    template <class... A>
    value_type& emplace(A&&... a) {
        r_ = value_type(std::forward<A>(a)...);
        return r_;
    }
    void swap(optional& o) noexcept { std::swap(r_, o.r_); }

private:
    value_type r_;
};
}  // namespace std

namespace pyrite {

// A loop that walks fields without counting references (opt/borrow.cpp: `while node.next is not
// None: node = node.next`, where nothing changes a field while it runs): Borrow keeps the
// variable's reference aside for the loop, borrow_assign moves the variable along uncounted, and
// on leaving the loop by any way (break, return, an exception) the variable takes a reference to
// where it stands and the one kept aside is let go.
template <class T>
inline T* borrowed_pointer(const Ref<T>& r) {
    return r.get();
}
template <class T>
inline T* borrowed_pointer(const std::optional<Ref<T>>& r) {
    return r ? r->get() : nullptr;
}
template <class V>  // V: a Ref<T> or std::optional<Ref<T>>
class Borrow {
public:
    explicit Borrow(V& v) : v_(v), held_(borrowed_pointer(v)) {}
    ~Borrow() {
        auto* p = borrowed_pointer(v_);
        if (p == held_) return;  // where it started (a loop run again over the same items): no count changes
        if (p) retain(p);
        if (held_) release(held_);
    }
    Borrow(const Borrow&) = delete;
    Borrow& operator=(const Borrow&) = delete;

private:
    V& v_;
    decltype(borrowed_pointer(std::declval<V&>())) held_;  // the reference kept aside
};
template <class T>
inline void borrow_set(Ref<T>& dst, T* p) {
    dst.detach();
    if (p) dst = Ref<T>(p);  // adopts: no count
}
template <class T>
inline void borrow_set(std::optional<Ref<T>>& dst, T* p) {
    borrow_set(*dst, p);  // None is the null reference
}
template <class V>
using BorrowedPointer = decltype(borrowed_pointer(std::declval<V&>()));
template <class V, class U>
inline void borrow_assign(V& dst, const Ref<U>& src) {
    borrow_set(dst, static_cast<BorrowedPointer<V>>(src.get()));
}
template <class V, class U>
inline void borrow_assign(V& dst, const std::optional<Ref<U>>& src) {
    borrow_set(dst, static_cast<BorrowedPointer<V>>(src ? src->get() : nullptr));
}
template <class V>
inline void borrow_assign(V& dst, none_t) {
    borrow_set(dst, static_cast<BorrowedPointer<V>>(nullptr));
}

// an instance of a base class that isinstance() found to be a C (a match statement's class pattern)
template <class C, class B>
inline Ref<C> downcast(const Ref<B>& r) {
    return Ref<C>::share(static_cast<C*>(r.get()));
}

}  // namespace pyrite
