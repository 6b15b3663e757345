// dict[K, V]: Python's dict, insertion-ordered, with reference semantics
// (object.hpp) and CPython's errors.
//
// Layout as CPython's compact dict: `entries` in insertion order (a deleted
// entry stays as a hole until the next rebuild, its index slot a dummy the probes
// go past) and `index`, an open-addressing table of positions probed with
// CPython's perturbation scheme. An entry keeps the hash it was placed by, but for
// an int, float or bool key, whose hash is a few instructions: dict[int, int]'s
// entries are 16 bytes, not 32, which made a BFS over a dict of 10**5 distances
// 1.4x faster (benchmarks/kernels.py bfs_total). Keys hash with
// CPython's hash(), but a str with a faster hash of its own (str.hpp's dict_hash:
// no order a dict shows depends on hashes), and equal keys of one type are equal by Python's
// ==: the key type is one type, so 1 == 1.0 == True is settled by converting
// the key before lookup (a dict[float] looked up with 1 looks up 1.0).
//
// Iteration is by position and checks the size every step, as CPython's dict
// iterator does: changing the size while iterating raises RuntimeError
// "dictionary changed size during iteration".
#pragma once
#include <optional>
#include <vector>

#include "list.hpp"
#include "str.hpp"
#include "traceback.hpp"

namespace pyrite {

class Bytes;
namespace capi {
template <class K>
_object* key_error_object(const void* key, void* b);  // boundary.hpp: KeyError(key), the key made Python's
}
// keys whose repr the glue reads back into the same Python value (capi::set_plain_error's literal_eval)
template <class K>
struct key_by_repr : std::bool_constant<std::is_arithmetic_v<K> || std::is_same_v<K, Str> || std::is_same_v<K, Bytes> ||
                                        std::is_same_v<K, none_t>> {};
template <class... T>
struct key_by_repr<std::tuple<T...>> : std::bool_constant<(key_by_repr<T>::value && ...)> {};

// KeyError(key) of a lookup that found nothing: its message is the key's repr (str(e) in compiled
// code, as CPython's KeyError.__str__); an instance, enum member or NamedTuple key is also kept as
// it is, to leave compiled code as the key itself (e.args[0] is the caller's object)
template <class K>
__attribute__((noinline, cold)) Error key_error_of(const K& key) {
    std::string r;
    repr_to(r, key);
    Error e(Exc::KeyError, r.c_str());
    if constexpr (!key_by_repr<K>::value) {
        ErrorState& s = state_of(e);
        s.detail = std::make_shared<const K>(key);
        s.detail_to_py = &capi::key_error_object<K>;
    }
    return e;
}
template <class K>
[[noreturn]] __attribute__((noinline, cold)) void raise_key_error(const K& key) {
    throw key_error_of(key);
}

// an entry: its key, its value and, unless the key's hash is quick to compute again, that hash
template <class K, class V, bool keeps_hash = !std::is_arithmetic_v<K>>
struct DictEntry {
    K key;
    V value;
    i64 hash;
    static DictEntry make(const K& k, const V& v, i64 h) { return DictEntry{k, v, h}; }
    bool hashed(i64 h) const { return hash == h; }  // whether the key may be a key of hash h
    i64 hash_of() const { return hash; }
};
template <class K, class V>
struct DictEntry<K, V, false> {
    K key;
    V value;
    static DictEntry make(const K& k, const V& v, i64) { return DictEntry{k, v}; }
    static constexpr bool hashed(i64) { return true; }
    i64 hash_of() const { return dict_hash(key); }
};

template <class K, class V>
struct DictObject : Object {
    using Entry = DictEntry<K, V>;
    Vec<Entry> entries;
    // kEmpty, kRemoved (an entry removed since the last rebuild was placed there: probes go on),
    // or a position in entries: 4 bytes a slot, half the memory a probe walks (a dict has fewer
    // than 2**31 entries: insert_new)
    Vec<std::int32_t> index;
    // empty while no entry was removed since the last rebuild; else one byte per entry, 1 for a hole
    Vec<std::uint8_t> holes;
    i64 used = 0;
    i64 last = -1;  // the entry the last successful lookup found: d[k] = d.get(k, 0) + 1 probes once
    static constexpr std::int32_t kEmpty = -1, kRemoved = -2;
};

template <class K, class V>
class Dict {
public:
    using Obj = DictObject<K, V>;
    using Entry = typename Obj::Entry;

    Dict() = default;
    explicit Dict(Obj* p) : p_(p) {}
    static Dict make();
    // an empty dict with room for n entries (a copy's: no growing on the way)
    static Dict make_sized(i64 n) {
        Dict d = make();
        if (n > 0) d.rebuild(n);
        return d;
    }
    static Dict borrow(Obj* p) {
        retain(p);
        return Dict(p);
    }
    Obj* object() const { return p_.get(); }
    bool same(const Dict& o) const { return p_.same(o.p_); }

    i64 len() const { return p_->used; }
    // position of key, or -1
    i64 find(const K& key, i64 hash) const {
        i64 last = p_->last;  // a live entry, or -1
        if (last >= 0) {
            const Entry& e = p_->entries[static_cast<size_t>(last)];
            if (e.hashed(hash) && py_eq(e.key, key)) return last;
        }
        i64 ix = probe(key, hash);
        if (ix >= 0) p_->last = ix;
        return ix;
    }
    i64 probe(const K& key, i64 hash) const {
        const auto& index = p_->index;
        size_t mask = index.size() - 1, i = static_cast<size_t>(hash) & mask;
        uint64_t perturb = static_cast<uint64_t>(hash);
        while (true) {
            i64 ix = index[i];
            if (ix == Obj::kEmpty) return -1;
            if (ix >= 0) {
                const Entry& e = p_->entries[static_cast<size_t>(ix)];
                if (e.hashed(hash) && py_eq(e.key, key)) return ix;
            }
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
    }
    i64 find(const K& key) const { return find(key, dict_hash(key)); }
    bool contains(const K& key) const { return find(key) >= 0; }

    V get(const K& key) const {
        i64 ix = find(key);
        if (PYRITE_UNLIKELY(ix < 0)) key_error(key);
        return p_->entries[static_cast<size_t>(ix)].value;
    }
    // d[key] inside a try whose handler takes KeyError: the KeyError made in `error`, not raised
    // (codegen/emit_try.cpp's exceptions as values)
    std::optional<V> get(Error& error, const K& key) const {
        i64 ix = find(key);
        if (PYRITE_UNLIKELY(ix < 0)) return error = key_error_of(key), std::nullopt;
        return p_->entries[static_cast<size_t>(ix)].value;
    }
    // d.get(key, default)
    V get_or(const K& key, const V& dflt) const {
        i64 ix = find(key);
        return ix < 0 ? dflt : p_->entries[static_cast<size_t>(ix)].value;
    }
    std::optional<V> get_opt(const K& key) const {
        i64 ix = find(key);
        if (ix < 0) return std::nullopt;
        return p_->entries[static_cast<size_t>(ix)].value;
    }
    void set(const K& key, const V& value) const {
        i64 h = dict_hash(key);
        i64 ix = find(key, h);
        if (ix >= 0) {
            p_->entries[static_cast<size_t>(ix)].value = value;
        } else {
            insert_new(key, value, h);
        }
        p_->changed = true;
    }
    V setdefault(const K& key, const V& dflt) const {
        i64 h = dict_hash(key);
        i64 ix = find(key, h);
        if (ix >= 0) return p_->entries[static_cast<size_t>(ix)].value;
        insert_new(key, dflt, h);
        p_->changed = true;
        return dflt;
    }
    void del_item(const K& key) const {
        i64 ix = find(key);
        if (PYRITE_UNLIKELY(ix < 0)) key_error(key);
        remove_at(ix);
    }
    V pop(const K& key) const {
        i64 ix = find(key);
        if (PYRITE_UNLIKELY(ix < 0)) key_error(key);
        V v = p_->entries[static_cast<size_t>(ix)].value;
        remove_at(ix);
        return v;
    }
    V pop(const K& key, const V& dflt) const {
        i64 ix = find(key);
        if (ix < 0) return dflt;
        V v = p_->entries[static_cast<size_t>(ix)].value;
        remove_at(ix);
        return v;
    }
    std::tuple<K, V> popitem() const {
        if (PYRITE_UNLIKELY(p_->used == 0)) raise(Exc::KeyError, "'popitem(): dictionary is empty'");
        i64 ix = static_cast<i64>(p_->entries.size()) - 1;
        while (!live(ix)) --ix;
        std::tuple<K, V> kv{p_->entries[static_cast<size_t>(ix)].key, p_->entries[static_cast<size_t>(ix)].value};
        remove_at(ix);
        return kv;
    }
    void clear() const {
        p_->last = -1;
        p_->entries.clear();
        p_->holes.clear();
        p_->index.assign(8, Obj::kEmpty);
        p_->used = 0;
        p_->changed = true;
    }
    Dict copy() const {
        Dict d = make();
        for (i64 pos = next_pos(0); pos < end_pos(); pos = next_pos(pos + 1))
            d.insert_new(entry(pos).key, entry(pos).value, entry(pos).hash_of());
        return d;
    }
    void update(const Dict& other) const {
        if (same(other)) return;
        for (i64 pos = other.next_pos(0); pos < other.end_pos(); pos = other.next_pos(pos + 1)) {
            const Entry& e = other.entry(pos);  // other is not this dict: inserting here leaves it be
            i64 h = e.hash_of(), ix = find(e.key, h);
            if (ix >= 0) p_->entries[static_cast<size_t>(ix)].value = e.value;
            else insert_new(e.key, e.value, h);
        }
        p_->changed = true;
    }

    // ------------------------------------------------------------ iteration by position
    i64 end_pos() const { return static_cast<i64>(p_->entries.size()); }
    // the first live position at or after pos, or end_pos()
    i64 next_pos(i64 pos) const {
        i64 n = end_pos();
        while (pos < n && !live(pos)) ++pos;
        return pos;
    }
    bool live(i64 pos) const { return p_->holes.empty() || !p_->holes[static_cast<size_t>(pos)]; }
    const Entry& entry(i64 pos) const { return p_->entries[static_cast<size_t>(pos)]; }
    void check_size(i64 size_at_start) const {
        if (PYRITE_UNLIKELY(p_->used != size_at_start))
            raise(Exc::RuntimeError, "dictionary changed size during iteration");
    }

    List<K> keys() const {
        List<K> out = List<K>::make();
        for (i64 pos = next_pos(0); pos < end_pos(); pos = next_pos(pos + 1)) out.append(entry(pos).key);
        return out;
    }
    List<V> values() const {
        List<V> out = List<V>::make();
        for (i64 pos = next_pos(0); pos < end_pos(); pos = next_pos(pos + 1)) out.append(entry(pos).value);
        return out;
    }
    List<std::tuple<K, V>> items() const {
        List<std::tuple<K, V>> out = List<std::tuple<K, V>>::make();
        for (i64 pos = next_pos(0); pos < end_pos(); pos = next_pos(pos + 1))
            out.append(std::tuple<K, V>{entry(pos).key, entry(pos).value});
        return out;
    }

    // adds a key find() did not find (out of the class: the common dicts' is the library's)
    void insert_new(const K& key, const V& value, i64 hash) const;

    [[noreturn]] static void key_error(const K& key) { raise_key_error(key); }

private:
    // the index slot of position ix, placed by `hash`: the first free slot of its probes (a key
    // find() did not find, so a removed entry's slot will do), or (`ix`, removing) ix's own slot
    size_t slot(i64 hash, std::int32_t ix) const {
        const auto& index = p_->index;
        size_t mask = index.size() - 1, i = static_cast<size_t>(hash) & mask;
        uint64_t perturb = static_cast<uint64_t>(hash);
        while (ix < 0 ? index[i] >= 0 : index[i] != ix) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & mask;
        }
        return i;
    }
    void place(i64 ix, i64 hash) const { p_->index[slot(hash, -1)] = static_cast<std::int32_t>(ix); }
    void remove_at(i64 ix) const {
        Entry& e = p_->entries[static_cast<size_t>(ix)];
        p_->index[slot(e.hash_of(), static_cast<std::int32_t>(ix))] = Obj::kRemoved;
        if (p_->holes.empty()) p_->holes.assign(p_->entries.size(), 0);
        p_->holes[static_cast<size_t>(ix)] = 1;
        e.key = K{};  // release what it holds
        e.value = V{};
        --p_->used;
        p_->last = -1;
        p_->changed = true;
    }
    // drop the holes and size the index for `want` items at most 2/3 full
    void rebuild(i64 want) const;

    Ref<Obj> p_;
};

template <class K, class V>
Dict<K, V> Dict<K, V>::make() {
    Dict d(new Obj());
    d.p_->index.assign(8, Obj::kEmpty);
    return d;
}
template <class K, class V>
void Dict<K, V>::insert_new(const K& key, const V& value, i64 hash) const {
    if (static_cast<size_t>(p_->entries.size() + 1) * 3 >= p_->index.size() * 2) {
        if (PYRITE_UNLIKELY(p_->used >= INT32_MAX - 1)) throw std::bad_alloc();  // MemoryError, as ever past 2**31 entries
        rebuild(p_->used + 1);
    }
    p_->entries.push_back(Entry::make(key, value, hash));
    if (!p_->holes.empty()) p_->holes.push_back(0);
    place(static_cast<i64>(p_->entries.size()) - 1, hash);
    ++p_->used;
}
template <class K, class V>
void Dict<K, V>::rebuild(i64 want) const {
    size_t size = 8;
    while (size * 2 <= static_cast<size_t>(want) * 3) size <<= 1;
    const size_t capacity = size * 2 / 3 + 1;  // the entries it holds before the next rebuild
    if (p_->holes.empty()) {
        p_->entries.reserve(capacity);  // moved once (they were copied twice, a BFS's dicts 10% of its time)
    } else {
        Vec<Entry> kept;
        kept.reserve(capacity);
        for (size_t k = 0; k < p_->entries.size(); ++k)
            if (!p_->holes[k]) kept.push_back(std::move(p_->entries[k]));
        p_->entries.swap(kept);
        p_->holes.clear();
    }
    p_->last = -1;
    p_->index.assign(size, Obj::kEmpty);
    for (size_t k = 0; k < p_->entries.size(); ++k) place(static_cast<i64>(k), p_->entries[k].hash_of());
}
// prebuilt (core.hpp, "The prebuilt runtime"): growing the common dicts, and their KeyError
#define PYRITE_PREBUILT_DICT(K, V) \
    PYRITE_PREBUILT_STRUCT(DictObject<K, V>) /* its vtable and destructor */ \
    PYRITE_PREBUILT(Dict<K, V> Dict<K, V>::make()) \
    PYRITE_PREBUILT(void Dict<K, V>::insert_new(const K&, const V&, i64) const) \
    PYRITE_PREBUILT(void Dict<K, V>::rebuild(i64) const)
PYRITE_PREBUILT_DICT(Str, i64) PYRITE_PREBUILT_DICT(i64, i64) PYRITE_PREBUILT_DICT(Str, double)
PYRITE_PREBUILT_DICT(i64, double) PYRITE_PREBUILT_DICT(Str, Str) PYRITE_PREBUILT_DICT(i64, Str)
// and the groupings and graphs (dict[str, list[str]], dict[int, list[int]], ...): 0.2-0.25 s of
// the quick tier's compile each
PYRITE_PREBUILT_DICT(Str, List<Str>) PYRITE_PREBUILT_DICT(Str, List<i64>) PYRITE_PREBUILT_DICT(Str, List<double>)
PYRITE_PREBUILT_DICT(i64, List<i64>) PYRITE_PREBUILT_DICT(i64, List<Str>)
#undef PYRITE_PREBUILT_DICT
PYRITE_PREBUILT(void raise_key_error<Str>(const Str&))
PYRITE_PREBUILT(void raise_key_error<i64>(const i64&))
PYRITE_PREBUILT(Error key_error_of<Str>(const Str&))
PYRITE_PREBUILT(Error key_error_of<i64>(const i64&))

template <class K, class V>
inline bool truthy(const Dict<K, V>& d) { return d.len() != 0; }
template <class K, class V>
PYRITE_BUILTIN("bool") inline bool bool_(const Dict<K, V>& d) { return d.len() != 0; }
// d | e (dict.__or__): a copy of d updated from e; d |= e updates d itself and gives it back
template <class K, class V>
inline Dict<K, V> dict_or(const Dict<K, V>& a, const Dict<K, V>& b) {
    Dict<K, V> r = a.copy();
    r.update(b);
    return r;
}
template <class K, class V>
inline Dict<K, V> dict_ior(const Dict<K, V>& a, const Dict<K, V>& b) {
    a.update(b);
    return a;
}
// dict.fromkeys(keys[, value]): each key (the first of equal ones keeps its place) to the one value
template <class K, class V>
PYRITE_BUILTIN("dict.fromkeys") inline Dict<K, V> dict_fromkeys(const List<K>& keys, const V& value) {
    Dict<K, V> d = Dict<K, V>::make();
    for (i64 i = 0; i < keys.len(); ++i) d.set(keys.at(i), value);
    return d;
}
template <class K>
PYRITE_BUILTIN("dict.fromkeys") inline Dict<K, none_t> dict_fromkeys(const List<K>& keys) { return dict_fromkeys(keys, none_t{}); }
template <class K, class V>
inline bool py_eq(const Dict<K, V>& a, const Dict<K, V>& b) {
    if (a.same(b)) return true;
    if (a.len() != b.len()) return false;
    for (i64 pos = a.next_pos(0); pos < a.end_pos(); pos = a.next_pos(pos + 1)) {
        const auto& e = a.entry(pos);
        i64 ix = b.find(e.key, e.hash_of());
        if (ix < 0 || !py_eq(b.entry(ix).value, e.value)) return false;
    }
    return true;
}
template <class K, class V>
inline void repr_to(std::string& out, const Dict<K, V>& d) {
    out += '{';
    bool first = true;
    for (i64 pos = d.next_pos(0); pos < d.end_pos(); pos = d.next_pos(pos + 1)) {
        out += first ? "" : ", ";
        first = false;
        repr_to(out, d.entry(pos).key);
        out += ": ";
        repr_to(out, d.entry(pos).value);
    }
    out += '}';
}

// d.get(k, default) where the default's type is not the values' (sums.get(k, 0) of float sums): the
// value found, or the default, as what the caller holds (int | float)
template <class V, class R>
inline R value_or(const std::optional<V>& found, R fallback) {
    return found ? R(*found) : fallback;
}

}  // namespace pyrite
