// set[T]: Python's set, with reference semantics (object.hpp).
//
// A set's iteration order is its hash table's slot order, which Python code
// can see (`for x in s`, `list(s)`, `print(s)`). To never disagree with
// CPython, this is CPython's own table algorithm (Objects/setobject.c): the
// same hashes (str.hpp), the same probe sequence (9 linear probes, then
// perturbation), the same dummies left by deletions, the same resize points
// and sizes, and each operation (|, &, -, ^, copy, update) inserts in the
// order CPython's does. So `list({3, 1, 2} | s)` lists items in CPython's order.
#pragma once
#include <vector>

#include "dict.hpp"
#include "list.hpp"
#include "str.hpp"

namespace pyrite {

template <class T>
struct SetObject : Object {
    struct Slot {
        T key{};
        i64 hash = 0;
        unsigned char state = 0;  // 0 unused, 1 active, 2 dummy
    };
    Vec<Slot> table = Vec<Slot>(8);
    i64 fill = 0, used = 0;  // fill: active + dummy
    i64 finger = 0;          // where pop() looks next
    i64 frozen_hash = -1;    // a frozenset's hash, once computed (frozenset_hash caches it so too)
};

template <class T>
class Set {
public:
    using Obj = SetObject<T>;
    using Slot = typename Obj::Slot;
    static constexpr size_t kLinearProbes = 9;

    Set() = default;
    explicit Set(Obj* p) : p_(p) {}
    static Set make();  // (below: prebuilt for the common sets)
    static Set borrow(Obj* p) {
        retain(p);
        return Set(p);
    }
    static Set of(std::initializer_list<T> items) {  // a display: BUILD_SET adds left to right
        Set s = make();
        for (const T& x : items) s.add(x);
        return s;
    }
    // The frozenset constant CPython's compiler makes of a display of constants: built
    // from the constants in order, then rebuilt from its own iteration order when the
    // compiler merges constants (compile.c, merge_consts_recursive)
    static Set frozen_constant(std::initializer_list<T> items) {
        Set first = of(items);
        Set again = make();
        for (const Slot& slot : first.p_->table)
            if (slot.state == 1) again.add_entry(slot.key, slot.hash);
        return again;
    }
    // a display of constants as a value: an empty set updated from that frozenset
    static Set of_frozen(std::initializer_list<T> items) {
        Set s = make();
        s.update(frozen_constant(items));
        return s;
    }
    // set(d) of a dict: CPython's set_update_internal sizes the table for all the keys first
    template <class D>
    static Set from_dict(const D& d) {
        Set s = make();
        i64 n = d.len();
        if (static_cast<size_t>(s.p_->fill + n) * 5 >= s.mask() * 3) s.resize((s.p_->used + n) * 2);
        for (i64 pos = d.next_pos(0); pos < d.end_pos(); pos = d.next_pos(pos + 1))
            s.add(d.entry(pos).key);  // by hash(): the dict's own hash of a str is not it
        return s;
    }
    static Set from_list(const List<T>& xs) {
        Set s = make();
        for (i64 i = 0; i < xs.len(); ++i) s.add(xs.at(i));
        return s;
    }
    // set(words) of a list read in place (opt/views.cpp): a source with next(T&), views.hpp's PyViewValues
    template <class Items>
    static Set from_items(Items items) {
        Set s = make();
        T x{};
        while (items.next(x)) s.add(x);
        return s;
    }
    Obj* object() const { return p_.get(); }
    bool same(const Set& o) const { return p_.same(o.p_); }
    i64 len() const { return p_->used; }
    size_t mask() const { return p_->table.size() - 1; }

    // ------------------------------------------------------------ the table (setobject.c)
    // set_lookkey: the active slot holding key, or the unused slot that ends the search
    Slot* lookkey(const T& key, i64 hash) const {
        auto& table = p_->table;
        size_t m = mask(), i = static_cast<size_t>(hash) & m;
        uint64_t perturb = static_cast<uint64_t>(hash);
        while (true) {
            Slot* e = &table[i];
            size_t probes = i + kLinearProbes <= m ? kLinearProbes : 0;
            do {
                if (e->state == 0) return e;
                if (e->state == 1 && e->hash == hash && py_eq(e->key, key)) return e;
                ++e;
            } while (probes--);
            perturb >>= 5;
            i = (i * 5 + 1 + perturb) & m;
        }
    }
    bool contains(const T& key) const { return lookkey(key, py_hash(key))->state == 1; }

    // set_add_entry
    void add_entry(const T& key, i64 hash) const {
        auto& table = p_->table;
        size_t m = mask(), i = static_cast<size_t>(hash) & m;
        uint64_t perturb = static_cast<uint64_t>(hash);
        Slot* freeslot = nullptr;
        while (true) {
            Slot* e = &table[i];
            size_t probes = i + kLinearProbes <= m ? kLinearProbes : 0;
            do {
                if (e->state == 0) {
                    if (freeslot) {
                        p_->used++;
                        *freeslot = Slot{key, hash, 1};
                        p_->changed = true;
                        return;
                    }
                    p_->fill++;
                    p_->used++;
                    *e = Slot{key, hash, 1};
                    p_->changed = true;
                    if (static_cast<size_t>(p_->fill) * 5 < m * 3) return;
                    resize(p_->used > 50000 ? p_->used * 2 : p_->used * 4);
                    return;
                }
                if (e->state == 1 && e->hash == hash && py_eq(e->key, key)) return;
                if (e->state == 2) freeslot = e;
                ++e;
            } while (probes--);
            perturb >>= 5;
            i = (i * 5 + 1 + perturb) & m;
        }
    }
    void add(const T& key) const { add_entry(key, py_hash(key)); }

    // set_insert_clean: into a table with no dummies, known not to hold key
    static void insert_clean(Vec<Slot>& table, const T& key, i64 hash);
    // set_table_resize: the smallest power of two above minused, at least 8
    void resize(i64 minused) const;
    // set_discard_entry: returns whether key was there
    bool discard_entry(const T& key, i64 hash) const {
        Slot* e = lookkey(key, hash);
        if (e->state != 1) return false;
        e->key = T{};
        e->hash = -1;
        e->state = 2;
        p_->used--;
        p_->changed = true;
        return true;
    }

    // ------------------------------------------------------------ methods
    void discard(const T& key) const { discard_entry(key, py_hash(key)); }
    void remove(const T& key) const {
        if (!discard_entry(key, py_hash(key))) raise_key_error(key);
    }
    T pop() const {
        if (PYRITE_UNLIKELY(p_->used == 0)) raise(Exc::KeyError, "'pop from an empty set'");
        size_t m = mask(), i = static_cast<size_t>(p_->finger) & m;
        while (p_->table[i].state != 1) i = i == m ? 0 : i + 1;
        T key = p_->table[i].key;
        p_->table[i] = Slot{T{}, -1, 2};
        p_->used--;
        p_->finger = static_cast<i64>(i) + 1;
        p_->changed = true;
        return key;
    }
    void clear() const {
        p_->table.assign(8, Slot{});
        p_->fill = p_->used = 0;
        p_->changed = true;
    }
    // set_merge: self |= other
    void update(const Set& other) const {
        if (same(other) || other.len() == 0) return;
        if (static_cast<size_t>(p_->fill + other.p_->used) * 5 >= mask() * 3) resize((p_->used + other.p_->used) * 2);
        const auto& ot = other.p_->table;
        if (p_->fill == 0 && mask() == other.mask() && other.p_->fill == other.p_->used) {
            p_->table = ot;
            p_->fill = other.p_->fill;
            p_->used = other.p_->used;
        } else if (p_->fill == 0) {
            for (const Slot& s : ot)
                if (s.state == 1) insert_clean(p_->table, s.key, s.hash);
            p_->fill = p_->used = other.p_->used;
        } else {  // other is another set (same() above): add_entry's resizes move our table only
            for (const Slot& s : ot)
                if (s.state == 1) add_entry(s.key, s.hash);
        }
        p_->changed = true;
    }
    Set copy() const {
        Set s = make();
        s.update(*this);
        return s;
    }
    // set_intersection: iterate the smaller, add what the larger has
    Set intersection(const Set& other) const {
        if (same(other)) return copy();  // as set_intersection: s & s is a copy
        Set result = make();
        const Set* a = this;
        const Set* b = &other;
        if (b->len() > a->len()) std::swap(a, b);  // a: the larger, b: iterated (neither changes: no copy)
        for (const Slot& s : b->p_->table)
            if (s.state == 1 && a->lookkey(s.key, s.hash)->state == 1) result.add_entry(s.key, s.hash);
        return result;
    }
    Set difference(const Set& other) const {
        if ((len() >> 2) > other.len()) {  // set_copy_and_difference
            Set result = copy();
            result.difference_update(other);
            return result;
        }
        Set result = make();
        for (const Slot& s : p_->table)
            if (s.state == 1 && other.lookkey(s.key, s.hash)->state != 1) result.add_entry(s.key, s.hash);
        return result;
    }
    void symmetric_difference_update(const Set& other) const {
        if (same(other)) return clear();
        for (const Slot& s : other.p_->table)  // another set: what changes is ours
            if (s.state == 1 && !discard_entry(s.key, s.hash)) add_entry(s.key, s.hash);
    }
    Set symmetric_difference(const Set& other) const {
        Set result = other.copy();
        result.symmetric_difference_update(*this);
        return result;
    }
    Set union_(const Set& other) const {
        Set result = copy();
        if (!same(other)) result.update(other);  // as set_or: s | s is a copy
        return result;
    }
    void intersection_update(const Set& other) const {
        Set r = intersection(other);
        swap_bodies(r);
    }
    // set_difference_update_internal: a much larger other is first cut to the common
    // items; more than a quarter of the table left as dummies is resized away (which
    // moves the items: their order is CPython's after it)
    void difference_update(const Set& other) const {
        if (same(other)) return clear();
        const Set& source = (other.len() >> 3) > len() ? intersection(other) : other;
        Vec<Slot> slots = source.p_->table;
        for (const Slot& s : slots)
            if (s.state == 1) discard_entry(s.key, s.hash);
        if (static_cast<size_t>(p_->fill - p_->used) <= static_cast<size_t>(mask()) / 4) return;
        resize(p_->used > 50000 ? p_->used * 2 : p_->used * 4);
    }
    // the methods given a list (any other iterable is made one first: typeinfer's set_method): its
    // items in order, as set_update_internal, set_intersection and set_difference_update_internal
    // iterate an iterable that is not a set, and symmetric_difference's set made of it (its _update
    // form and the tests make a set of it: typeinfer gives them set(xs))
    void update(const List<T>& xs) const {
        for (i64 i = 0; i < xs.len(); ++i) add(xs.at(i));
    }
    Set union_(const List<T>& xs) const {
        Set result = copy();
        result.update(xs);
        return result;
    }
    Set intersection(const List<T>& xs) const {
        Set result = make();
        for (i64 i = 0; i < xs.len(); ++i) {
            T key = xs.at(i);
            i64 h = py_hash(key);
            if (lookkey(key, h)->state == 1) result.add_entry(key, h);
        }
        return result;
    }
    void intersection_update(const List<T>& xs) const {
        Set r = intersection(xs);
        swap_bodies(r);
    }
    void difference_update(const List<T>& xs) const {
        for (i64 i = 0; i < xs.len(); ++i) discard(xs.at(i));
        if (static_cast<size_t>(p_->fill - p_->used) <= static_cast<size_t>(mask()) / 4) return;
        resize(p_->used > 50000 ? p_->used * 2 : p_->used * 4);
    }
    // set_symmetric_difference: the set the list makes (its items in its order), updated by self
    Set symmetric_difference(const List<T>& xs) const {
        Set result = make();
        result.update(xs);
        result.symmetric_difference_update(*this);
        return result;
    }
    Set difference(const List<T>& xs) const {  // set_copy_and_difference
        Set result = copy();
        result.difference_update(xs);
        return result;
    }
    bool issubset(const Set& other) const {
        if (len() > other.len()) return false;
        for (const Slot& s : p_->table)
            if (s.state == 1 && other.lookkey(s.key, s.hash)->state != 1) return false;
        return true;
    }
    bool issuperset(const Set& other) const { return other.issubset(*this); }
    bool isdisjoint(const Set& other) const {
        const Set* a = this;
        const Set* b = &other;
        if (a->len() > b->len()) std::swap(a, b);
        for (const Slot& s : a->p_->table)
            if (s.state == 1 && b->lookkey(s.key, s.hash)->state == 1) return false;
        return true;
    }

    // ------------------------------------------------------------ iteration in slot order
    i64 end_pos() const { return static_cast<i64>(p_->table.size()); }
    i64 next_pos(i64 pos) const {
        i64 n = end_pos();
        while (pos < n && p_->table[static_cast<size_t>(pos)].state != 1) ++pos;
        return pos;
    }
    const T& key_at(i64 pos) const { return p_->table[static_cast<size_t>(pos)].key; }
    void check_size(i64 size_at_start) const {
        if (PYRITE_UNLIKELY(p_->used != size_at_start)) raise(Exc::RuntimeError, "Set changed size during iteration");
    }
    List<T> to_list() const {
        List<T> out = List<T>::make();
        for (const Slot& s : p_->table)
            if (s.state == 1) out.append(s.key);
        return out;
    }
    Vec<Slot>& slots() const { return p_->table; }
    void set_counts(i64 fill, i64 used) const {
        p_->fill = fill;
        p_->used = used;
    }

private:
    void swap_bodies(Set& other) const {
        std::swap(p_->table, other.p_->table);
        std::swap(p_->fill, other.p_->fill);
        std::swap(p_->used, other.p_->used);
        p_->changed = true;
    }
    Ref<Obj> p_;
};
template <class T>
Set<T> Set<T>::make() {
    return Set(new Obj());
}
template <class T>
void Set<T>::insert_clean(Vec<Slot>& table, const T& key, i64 hash) {
    size_t m = table.size() - 1, i = static_cast<size_t>(hash) & m;
    uint64_t perturb = static_cast<uint64_t>(hash);
    while (true) {
        Slot* e = &table[i];
        if (e->state == 0) return void(*e = Slot{key, hash, 1});
        if (i + kLinearProbes <= m)
            for (size_t j = 0; j < kLinearProbes; ++j) {
                ++e;
                if (e->state == 0) return void(*e = Slot{key, hash, 1});
            }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & m;
    }
}
template <class T>
void Set<T>::resize(i64 minused) const {
    size_t size = 8;
    while (size <= static_cast<size_t>(minused)) size <<= 1;
    if (size == 8 && p_->table.size() == 8 && p_->fill == p_->used) return;
    Vec<Slot> old(size);
    old.swap(p_->table);
    for (const Slot& s : old)
        if (s.state == 1) insert_clean(p_->table, s.key, s.hash);
    p_->fill = p_->used;
}
// prebuilt (core.hpp, "The prebuilt runtime"): making and growing the common sets (a module with a
// set[int] compiled them itself: 0.1 s of its quick compile)
#define PYRITE_PREBUILT_SET(T) \
    PYRITE_PREBUILT_STRUCT(SetObject<T>) /* its vtable and destructor */ \
    PYRITE_PREBUILT(Set<T> Set<T>::make()) \
    PYRITE_PREBUILT(void Set<T>::resize(i64) const) \
    PYRITE_PREBUILT(void Set<T>::insert_clean(Vec<typename Set<T>::Slot>&, const T&, i64))
PYRITE_PREBUILT_SET(i64) PYRITE_PREBUILT_SET(Str)
#undef PYRITE_PREBUILT_SET

// frozenset[T]: a Set compiled code never changes (typeinfer refuses the mutating methods; fs |= t
// makes a new one, as CPython's frozenset, which has no __ior__). Built, iterated, compared and
// combined as a Set (the same table and order: CPython's frozenset shares set's code); what differs
// is its hash (CPython's frozenset_hash), its repr and the Python type it crosses the boundary as.
// An operation of Set's makes a Set: codegen makes the frozenset of it where Python's result is one.
template <class T>
class FrozenSet : public Set<T> {
public:
    FrozenSet() = default;
    explicit FrozenSet(const Set<T>& s) : Set<T>(s) {}
    static FrozenSet make() { return FrozenSet(Set<T>::make()); }
    static FrozenSet from_list(const List<T>& xs) { return FrozenSet(Set<T>::from_list(xs)); }
    template <class Items>
    static FrozenSet from_items(Items items) { return FrozenSet(Set<T>::from_items(std::move(items))); }
    template <class D>
    static FrozenSet from_dict(const D& d) { return FrozenSet(Set<T>::from_dict(d)); }
};

// frozenset_hash (Objects/setobject.c): the xor of every active entry's hash, its bits shuffled (CPython
// xors the unused and dummy entries' in too, then takes out their odd counts: what is left is this),
// then the size and a dispersion of nested frozensets' patterns
template <class T>
inline i64 py_hash(const FrozenSet<T>& s) {
    auto* o = s.object();
    if (o->frozen_hash != -1) return o->frozen_hash;
    auto shuffle = [](uint64_t h) { return ((h ^ 89869747ull) ^ (h << 16)) * 3644798167ull; };
    uint64_t hash = 0;
    for (const auto& slot : o->table)
        if (slot.state == 1) hash ^= shuffle(static_cast<uint64_t>(slot.hash));
    hash ^= (static_cast<uint64_t>(o->used) + 1) * 1927868237ull;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069u + 907133923ull;
    if (hash == ~uint64_t{0}) hash = 590923713ull;
    o->frozen_hash = static_cast<i64>(hash);
    return o->frozen_hash;
}

template <class T>
inline bool truthy(const Set<T>& s) { return s.len() != 0; }
template <class T>
PYRITE_BUILTIN("bool") inline bool bool_(const Set<T>& s) { return s.len() != 0; }
template <class T>
PYRITE_BUILTIN("bool") inline bool bool_(const FrozenSet<T>& s) { return s.len() != 0; }
// s |= t and friends: in place, the result is s itself
template <class T, class F>
inline Set<T> set_inplace(const Set<T>& s, F&& op) {
    op(s);
    return s;
}
// <= is subset, < proper subset, as CPython's set_richcompare
template <Cmp op, class T>
inline bool set_compare(const Set<T>& a, const Set<T>& b) {
    switch (op) {
        case Cmp::eq: return a.len() == b.len() && a.issubset(b);
        case Cmp::ne: return !(a.len() == b.len() && a.issubset(b));
        case Cmp::le: return a.issubset(b);
        case Cmp::ge: return b.issubset(a);
        case Cmp::lt: return a.len() < b.len() && a.issubset(b);
        case Cmp::gt: return a.len() > b.len() && b.issubset(a);
    }
    return false;
}
template <class T>
inline bool py_eq(const Set<T>& a, const Set<T>& b) { return a.len() == b.len() && a.issubset(b); }
template <class T>
inline void repr_to(std::string& out, const Set<T>& s) {
    if (s.len() == 0) {
        out += "set()";
        return;
    }
    out += '{';
    bool first = true;
    for (i64 pos = s.next_pos(0); pos < s.end_pos(); pos = s.next_pos(pos + 1)) {
        out += first ? "" : ", ";
        first = false;
        repr_to(out, s.key_at(pos));
    }
    out += '}';
}

// frozenset({1, 2}), frozenset() (set_repr of a type other than set)
template <class T>
inline void repr_to(std::string& out, const FrozenSet<T>& s) {
    if (s.len() == 0) {
        out += "frozenset()";
        return;
    }
    out += "frozenset(";
    repr_to(out, static_cast<const Set<T>&>(s));
    out += ')';
}

}  // namespace pyrite
