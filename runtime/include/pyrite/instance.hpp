// Instances of the program's classes: what codegen/emit_class.cpp's structs derive from and
// use. Each class is a struct `final : Instance` with one member per field; references to
// instances are Ref<C> (object.hpp), std::optional<Ref<C>> for `C | None`.
#pragma once
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <typeinfo>
#include <vector>

#include "object.hpp"
#include "slab.hpp"
#include "str.hpp"

namespace pyrite {

// An instance of one of the program's classes (codegen/emit_class.cpp writes each class as a
// struct deriving from this). Its fields are members; `assigned` has a bit per field that was
// assigned (a field read before assignment: AttributeError, as in Python), `dirty` a bit per
// field assigned during this call (only those are written back into the caller's object).
namespace capi {
struct Where;
struct Boundary;
}  // namespace capi

struct Instance : Object {
    // what the boundary does by the instance's own class (a Shape may be a Circle): read its
    // fields from the caller's object, write them back, the user's class
    virtual bool load_(PyObject* o, const capi::Where& w) = 0;
    virtual bool store_(PyObject* o, capi::Boundary& b, bool all) = 0;
    virtual PyObject* py_class() const = 0;
    virtual const char* qualname_() const = 0;  // its class's __qualname__ (type(x).__name__)
    // repr(), str() and == by the instance's own class (a Point2 may be a Point3)
    virtual void repr_(std::string& out) = 0;
    virtual void str_(std::u32string& out) = 0;
    virtual bool eq_(Instance* /*other*/) { return false; }  // a dataclass's field-by-field __eq__
    virtual bool truth_() { return true; }                // __bool__, else __len__() != 0, else true
    // hash() as a dict key: the identity hash CPython gives an object (its address rotated by 4),
    // the class's __hash__, or a frozen dataclass's fields (Module::hash_kind)
    virtual i64 hash_() {
        auto a = reinterpret_cast<std::uintptr_t>(this);
        i64 h = static_cast<i64>((a >> 4) | (a << (8 * sizeof(a) - 4)));
        return h == -1 ? -2 : h;
    }
    // declared first, these two go in the tail padding of Object (after `changed`): an instance's
    // header is 32 bytes, and a Traced one's 48 (they were 72 and 88: a linked list walked by
    // priority ran 10-15% faster). Which fields are assigned, and were during this call, the
    // class's own struct keeps, in as few bytes as its hierarchy's fields need (emit_class.cpp)
    bool repr_busy = false;  // a dataclass's repr under way: a recursive one prints "..." (reprlib.recursive_repr)
    int depth_ = 0;          // Traced: the depth of the call from Python that made it (InstanceScope)
    void* py_ = nullptr;     // its Python object during a call's boundary (boundary.hpp), borrowed
};

// Memory: references are counted, so an instance goes when its last reference does. A cycle
// (a.other = b; b.other = a) keeps itself alive; but no compiled instance outlives the call
// from Python that made it (what crosses back becomes a Python object), so when that call
// ends, every instance it made that is still alive is in garbage cycles: InstanceScope clears
// their references, which frees them. Only a class whose fields can lead back to an instance
// of itself can be in a cycle: its instances are Traced, kept on a list of the live ones.
struct Traced;
struct Instances {
    Traced* head = nullptr;
    int depth = 0;  // calls from Python on this thread's stack that may make instances
    // taken around each change while a prange loop runs (object.hpp's threads_share_objects):
    // its blocks' threads make and free instances on the caller's list (borrowed_instances)
    SpinLock guard;
    void lock() { guard.lock(); }
    void unlock() { guard.unlock(); }
};
// The list of the first thread that makes instances is a plain global (the thread pointer
// tells it is its own, one instruction); other threads use their thread_local one (a
// __tls_get_addr call per use in a shared object, which showed in allocation-bound loops).
struct SharedInstances {
    Instances list;
    void* owner = nullptr;  // owned_by_this_thread's
};
inline SharedInstances shared_instances;
inline thread_local Instances thread_instances;
inline Instances& instances() {
    return owned_by_this_thread(shared_instances.owner) ? shared_instances.list : thread_instances;
}
// set while this thread runs a block of a prange loop (parallel.hpp): the list of the thread that
// started the loop, so what the blocks make is freed by that call's InstanceScope
inline thread_local Instances* borrowed_instances = nullptr;

inline bool in_first_pools() {  // slab.hpp
    return owned_by_this_thread(shared_instances.owner) || borrowed_instances == &shared_instances.list;
}

// The list an instance is put on and taken off: this thread's, or in a block of a prange loop the
// list of the thread that started it. The same list both times, wherever it is freed: no instance
// outlives the call from Python that made it, and what a prange loop's blocks make or free is on
// the list of the thread that started the loop (so an instance needs no pointer to its list).
inline Instances& instances_here(bool shared) {
    return shared && borrowed_instances ? *borrowed_instances : instances();
}

struct Traced : Instance {
    Traced* prev_ = nullptr;
    Traced* next_ = nullptr;
    Traced() {
        bool shared = threads_share_objects != 0;
        Instances& list = instances_here(shared);
        depth_ = list.depth;
        if (shared) list.lock();
        next_ = list.head;
        if (next_) next_->prev_ = this;
        list.head = this;
        if (shared) list.unlock();
    }
    ~Traced() override {
        bool shared = threads_share_objects != 0;
        if (prev_ && !shared) {  // not the list's first: its neighbours alone change
            prev_->next_ = next_;
            if (next_) next_->prev_ = prev_;
            return;
        }
        Instances& list = instances_here(shared);
        if (shared) list.lock();
        if (prev_) prev_->next_ = next_; else list.head = next_;
        if (next_) next_->prev_ = prev_;
        if (shared) list.unlock();
    }
    virtual void clear() = 0;  // drops every reference it holds (to break cycles)
};

[[noreturn]] __attribute__((noinline, cold)) inline void no_attribute(const char* cls, const char* name) {
    raisef(Exc::AttributeError, "'%s' object has no attribute '%s'", cls, name);
}

// Held by the glue of a call from Python whose compiled code may make instances, declared
// before everything else in it (so destroyed last): frees what that call left in cycles.
struct InstanceScope {
    int depth;
    InstanceScope() : depth(++instances().depth) {}
    InstanceScope(const InstanceScope&) = delete;
    InstanceScope& operator=(const InstanceScope&) = delete;
    ~InstanceScope() {
        Instances& list = instances();
        // instances made at this depth or deeper are at the front of the list (deeper calls swept theirs)
        Traced* left[64];
        Vec<Traced*> more;
        size_t n = 0;
        for (Traced* i = list.head; i && i->depth_ >= depth; i = i->next_) {
            retain(i);  // kept alive while the others are cleared
            if (n < 64) left[n++] = i; else more.push_back(i);
        }
        for (size_t k = 0; k < n; ++k) left[k]->clear();
        for (Traced* i : more) i->clear();
        for (size_t k = 0; k < n; ++k) release(left[k]);
        for (Traced* i : more) release(i);
        --list.depth;
    }
};

// `a is b`, and == of classes without __eq__: identity. Instances of two different classes
// (or None and an instance) are never the same object.
template <class C>
inline const void* address(const Ref<C>& r) { return r.get(); }
template <class C>
inline const void* address(const std::optional<Ref<C>>& r) { return r ? r->get() : nullptr; }
// any other value (an int compared with an instance whose __eq__ turned it away: == falls back to
// identity): its own address, which no instance and no None has
template <class T>
inline const void* address(const T& v) { return &v; }
template <class A, class B>
inline bool same(const A& a, const B& b) { return address(a) == address(b); }

// ==: the class's __eq__ or a dataclass's field-by-field one (Instance::eq_), else identity
template <class C>
inline bool obj_eq(const Ref<C>& a, const Ref<C>& b) {
    return a.get() == b.get() || a->eq_(b.get());
}
template <class C>
inline bool obj_eq(const std::optional<Ref<C>>& a, const Ref<C>& b) { return a && obj_eq(*a, b); }
template <class C>
inline bool obj_eq(const Ref<C>& a, const std::optional<Ref<C>>& b) { return b && obj_eq(a, *b); }
template <class C>
inline bool obj_eq(const std::optional<Ref<C>>& a, const std::optional<Ref<C>>& b) {
    return (!a && !b) || (a && b && obj_eq(*a, *b));
}
template <class A, class B>
inline bool obj_eq(const A& a, const B& b) { return same(a, b); }  // different classes: identity (False)
template <class C>
inline i64 py_hash(const Ref<C>& r) { return r->hash_(); }
// what list.index/count/remove and `in` over a list of instances compare with
template <class C>
inline bool py_eq(const Ref<C>& a, const Ref<C>& b) { return obj_eq(a, b); }
// == and hash() of a value class's instances (opt/values.cpp lets only a dataclass whose fields
// compare exactly, no float among them, use them): its fields', by its struct's eq and hash
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
inline bool obj_eq(const C& a, const C& b) { return C::eq(a, b); }
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
inline bool py_eq(const C& a, const C& b) { return C::eq(a, b); }
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
inline i64 py_hash(const C& v) { return C::hash(v); }

// repr() and str(): the class's __repr__ / __str__ (or the dataclass's repr)
template <class C>
inline void repr_to(std::string& out, const Ref<C>& r) { r->repr_(out); }
// object.__repr__ (CPython's object_repr): <module.Name object at 0x...>, at the native object's address
inline void default_repr(std::string& out, const char* name, const void* self) {
    char at[32];
    std::snprintf(at, sizeof at, "%p", self);
    out += '<';
    out += name;
    out += " object at ";
    out += at;
    out += '>';
}
template <class C>
inline void text_to(std::u32string& out, const Ref<C>& r) { r->str_(out); }
template <class C>
inline Str to_repr(const Ref<C>& r) {
    std::string out;
    r->repr_(out);
    return Str::of(Str::decode(out.data(), out.size()));
}
// isinstance(x, Circle) where x is a Shape: the class it was made as
template <class C, class R>
inline bool instance_of(const R& r) {
    const void* p = address(r);
    return p && dynamic_cast<const C*>(static_cast<const Instance*>(p)) != nullptr;
}

// an instance's truth: its class's __bool__, else its __len__() != 0, else true
template <class C>
inline bool truthy(const Ref<C>& r) { return r->truth_(); }
// a value class's: true (opt/values.cpp keeps a class with __bool__ or __len__ a reference)
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
inline bool truthy(const C&) { return true; }

// The self of a C being constructed (codegen/emit_class.cpp's new_object): made when __init__
// takes it, which is after the call's arguments, as in CPython (C(make(), make()) evaluates both
// before C.__new__). So no call made while its arguments are evaluated can touch the new object,
// and the optimizer knows its fields as its constructor left them when __init__ first assigns
// them (binary_trees' TreeNode(make_tree(d - 1), make_tree(d - 1)) then ran 1.2x its C++).
template <class C>
class NewSelf {
public:
    operator const Ref<C>&() {
        if (!r_.get()) r_ = Ref<C>(new C());
        return r_;
    }
    template <class B, class = std::enable_if_t<std::is_base_of_v<B, C> && !std::is_same_v<B, C>>>
    operator Ref<B>() {  // an __init__ of a base class
        return Ref<B>(static_cast<const Ref<C>&>(*this));
    }
    Ref<C> take() { return std::move(r_); }  // made: init hands self to __init__ (new_object)

private:
    Ref<C> r_;
};

// C(...): init(self) runs its __init__ with the call's arguments
template <class C, class Init>
inline Ref<C> construct(Init&& init) {
    NewSelf<C> self;
    init(self);
    return self.take();
}

}  // namespace pyrite
