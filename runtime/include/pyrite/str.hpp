// str: Python's immutable text, indexed by code point.
//
// A Str is a handle to one heap block holding the length, a cached hash and
// the code points as UTF-32, so s[i] and len(s) are O(1) as in CPython and
// every comparison is a comparison of code points, as CPython's is. Copies
// share the block (strings are immutable, so sharing is unobservable).
//
// Hashes are CPython's own (siphash13 over the canonical 1/2/4-byte form, with
// this process's hash secret, via _Py_HashBytes), so a set of strings iterates
// in the order CPython's would. Case mapping and character classes come from
// CPython's Unicode database (the _PyUnicode_* functions): 'ß'.upper() is
// 'SS' here as there. Both are pure functions that need no GIL.
//
// String literals of the compiled code are made once and never freed: their
// count starts near 2**62, so handles copied from several threads (non-atomic
// counts) can never bring it to zero.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>  // malloc_usable_size
#endif
#include <new>
#include <optional>
#include <string>

#include "list.hpp"

#ifndef Py_PYTHON_H  // the same functions Python.h declares (the builtin scanner reads this without it)
extern "C" {
long _Py_HashBytes(const void*, long);
long _Py_HashDouble(void*, double);
int _PyUnicode_ToUpperFull(uint32_t ch, uint32_t* res);
int _PyUnicode_ToLowerFull(uint32_t ch, uint32_t* res);
int _PyUnicode_ToTitleFull(uint32_t ch, uint32_t* res);
int _PyUnicode_ToFoldedFull(uint32_t ch, uint32_t* res);
int _PyUnicode_IsXidStart(uint32_t ch);
int _PyUnicode_IsXidContinue(uint32_t ch);
int _PyUnicode_IsWhitespace(uint32_t ch);
int _PyUnicode_IsDecimalDigit(uint32_t ch);
int _PyUnicode_IsDigit(uint32_t ch);
int _PyUnicode_IsNumeric(uint32_t ch);
int _PyUnicode_IsAlpha(uint32_t ch);
int _PyUnicode_IsLowercase(uint32_t ch);
int _PyUnicode_IsUppercase(uint32_t ch);
int _PyUnicode_IsCased(uint32_t ch);
int _PyUnicode_IsCaseIgnorable(uint32_t ch);
int _PyUnicode_IsTitlecase(uint32_t ch);
int _PyUnicode_IsPrintable(uint32_t ch);
int _PyUnicode_ToDecimalDigit(uint32_t ch);
}
#endif

// A str literal of compiled code: made on first use, then shared (never freed)
#define PYRITE_STR(utf8) \
    ([]() -> const ::pyrite::Str& { \
        static const ::pyrite::Str s = ::pyrite::Str::literal(utf8, sizeof(utf8) - 1); \
        return s; \
    }())

namespace pyrite {

using char_t = char32_t;

// Short strings (words, characters, keys) are made and dropped constantly; their
// blocks go to a small free list (object.hpp) for reuse instead of back to malloc.
// One pool for the process: with the prebuilt runtime it is the library's, as call_counters is.
// A Str the library makes (a conversion from Python) and a module frees (StrObject is final, so
// its destroy() is the module's own copy) went to a pool of the module's that the library never
// took from: each word of a list[str] argument was a malloc and a free.
struct StrObject;
using StrPool = BlockPool<StrObject, 4096>;  // a split of a long line frees all its words at once
#if defined(PYRITE_SHARED_RUNTIME) || defined(PYRITE_BUILDING_RUNTIME)
PYRITE_RT extern StrPool str_pool;
#else
inline StrPool str_pool;
#endif

struct StrObject final : Object {
    mutable std::uint32_t dict_hash = 0;  // Str::dict_hash's, 0: not yet (in Object's padding: no byte more)
    i64 len = 0;
    mutable i64 hash = -1;
    char_t* data() { return reinterpret_cast<char_t*>(this + 1); }
    const char_t* data() const { return reinterpret_cast<const char_t*>(this + 1); }

    static constexpr i64 kShort = 14;  // code points in a reusable block
    static StrObject* alloc(i64 n) {
        // a length whose bytes do not fit an allocation: MemoryError, never a wrapped size
        if (PYRITE_UNLIKELY(n < 0 || static_cast<uint64_t>(n) > (uint64_t(PTRDIFF_MAX) - sizeof(StrObject)) / sizeof(char_t)))
            throw std::bad_alloc();
        void* mem = nullptr;
        if (n <= kShort) {
            mem = str_pool.pop();
            if (!mem) mem = ::operator new(sizeof(StrObject) + kShort * sizeof(char_t));
        } else {  // malloc's, so that append_to (text.hpp) can grow it with realloc
            mem = std::malloc(sizeof(StrObject) + static_cast<size_t>(n) * sizeof(char_t));
            if (!mem) throw std::bad_alloc();
        }
        StrObject* s = new (mem) StrObject();
        s->len = n;
        return s;
    }
    void destroy() override {
        bool pooled = len <= kShort;  // (a block's length never crosses kShort once made: append_to)
        this->~StrObject();
        if (pooled) {
            if (str_pool.push(this)) return;
            ::operator delete(this);
            return;
        }
        std::free(this);
    }
    static void operator delete(void* p) { ::operator delete(p); }
};

// CPython's hash() of the code points data[0..n) (Str::hash caches it)
PYRITE_RT i64 str_hash(const char_t* data, i64 n) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    char_t maxc = 0;
    for (i64 i = 0; i < n; ++i) maxc = data[i] > maxc ? data[i] : maxc;
    if (n == 0) return 0;
    if (maxc < 256) {
        unsigned char small[64];
        std::string big;
        unsigned char* b = small;
        if (n > 64) big.resize(static_cast<size_t>(n)), b = reinterpret_cast<unsigned char*>(&big[0]);
        for (i64 i = 0; i < n; ++i) b[i] = static_cast<unsigned char>(data[i]);
        return _Py_HashBytes(b, n);
    }
    if (maxc < 65536) {
        std::u16string b(static_cast<size_t>(n), u'\0');
        for (i64 i = 0; i < n; ++i) b[i] = static_cast<char16_t>(data[i]);
        return _Py_HashBytes(b.data(), 2 * n);
    }
    return _Py_HashBytes(data, 4 * n);
}
#endif

// The hash a dict probes a str key by (dict.hpp's dict_hash). A dict keeps its entries in insertion
// order whatever their hashes, so it need not be CPython's hash() (siphash13 over the str's bytes,
// which a set's order and hash() show, and which was a fifth of a word count's time): this is a
// multiply-fold hash of the code points as they are stored (wyhash's mixing), keyed by a seed of
// this process's (from its hash secret: PYTHONHASHSEED makes it repeatable), so that colliding keys
// cannot be computed ahead of time for every process. It is not a keyed pseudorandom function as
// siphash is: README's security model says what that leaves
inline std::uint64_t fold_mul(std::uint64_t a, std::uint64_t b) {
    unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t dict_seed() {
    static const std::uint64_t seed =
        fold_mul(static_cast<std::uint64_t>(_Py_HashBytes("pyrite dict seed", 16)) ^ 0x2d358dccaa6c78a5ull,
                 0x8bb84b93962eacc9ull);
    return seed;
}
inline std::uint64_t str_dict_hash(const char_t* d, i64 n) {
    constexpr std::uint64_t P0 = 0xa0761d6478bd642full, P1 = 0xe7037ed1a0b428dbull, P2 = 0x8ebc6af09c88c6e3ull;
    const std::uint64_t seed = dict_seed();
    std::uint64_t h = seed ^ fold_mul(static_cast<std::uint64_t>(n) ^ P0, P1);
    i64 i = 0;
    for (; i + 4 <= n; i += 4) {  // four code points, 16 bytes, a multiply
        std::uint64_t a, b;
        std::memcpy(&a, d + i, 8);
        std::memcpy(&b, d + i + 2, 8);
        h = fold_mul(a ^ P1 ^ h, b ^ P2 ^ seed);
    }
    if (i + 2 <= n) {
        std::uint64_t a;
        std::memcpy(&a, d + i, 8);
        h = fold_mul(a ^ P0 ^ h, P1 ^ seed);
        i += 2;
    }
    if (i < n) h = fold_mul(static_cast<std::uint64_t>(d[i]) ^ P2 ^ h, P0 ^ seed);
    return fold_mul(h ^ P0, seed ^ P1);
}

class Str {
public:
    Str() = default;
    explicit Str(StrObject* p) : p_(p) {}

    static Str empty() { return make(0); }
    static Str make(i64 n) { return Str(StrObject::alloc(n)); }
    static Str of(const char_t* s, i64 n) {
        Str r = make(n);
        if (n) std::memcpy(r.mut(), s, static_cast<size_t>(n) * sizeof(char_t));
        return r;
    }
    static Str of(const std::u32string& s) { return of(s.data(), static_cast<i64>(s.size())); }
    // valid UTF-8 (a literal of the Python source, or text pyrite made): the library's
    PYRITE_RT static std::u32string decode(const char* utf8, size_t bytes);
    // a literal of the compiled code: made once, never freed (the library's, as it runs once)
    PYRITE_RT static Str literal(const char* utf8, size_t bytes);
    // one code point: the 256 Latin-1 ones are shared, as CPython's are
    static Str chr(char_t c) {
        if (c < 256) {
            static const Str* table = latin1_table();
            return table[c];
        }
        return of(&c, 1);
    }
    // the 256 one-character strs of chr(), made once (the library's: its loop runs once)
    PYRITE_RT static const Str* latin1_table();

    i64 len() const { return p_->len; }
    const char_t* data() const { return p_->data(); }
    char_t* mut() const { return p_->data(); }  // only while building a fresh string
    char_t at(i64 i) const { return p_->data()[i]; }
    std::u32string_view view() const { return {data(), static_cast<size_t>(len())}; }
    bool same(const Str& o) const { return p_.same(o.p_); }
    StrObject* object() const { return p_.get(); }
    StrObject* release_object() { return p_.detach(); }  // gives up its reference to whoever takes it
    // a < b by code points (list.hpp's sort of strs compares the objects themselves)
    static bool less_objects(const StrObject* a, const StrObject* b) {
        const i64 n = a->len < b->len ? a->len : b->len;
        const char_t *x = a->data(), *y = b->data();
        for (i64 i = 0; i < n; ++i)
            if (x[i] != y[i]) return x[i] < y[i];
        return a->len < b->len;
    }

    // CPython's hash(s), computed once (the library's str_hash: its loops are not worth compiling
    // into every module)
    i64 hash() const {
        if (PYRITE_LIKELY(p_->hash != -1)) return p_->hash;
        return p_->hash = str_hash(data(), len());
    }
    // the hash a dict probes it by (str_dict_hash), computed once
    i64 dict_hash() const {
        if (PYRITE_LIKELY(p_->dict_hash != 0)) return p_->dict_hash;
        std::uint32_t h = static_cast<std::uint32_t>(str_dict_hash(data(), len()));
        return p_->dict_hash = h ? h : 1;
    }

    // ------------------------------------------------------------ indexing
    Str get(i64 i) const {
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "string index out of range");
        return chr(at(i));
    }
    Str slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        if (s.step == 1) return sub(s.start, s.count);
        Str r = make(s.count);
        for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) r.mut()[k] = at(i);
        return r;
    }
    Str sub(i64 start, i64 n) const {
        if (n == len()) return *this;
        if (n == 1) return chr(at(start));
        return of(data() + start, n);
    }

    // s += t where this handle is the only reference to s's block (not a literal, not another
    // name's or container's): t written after s's code points, in place, as CPython's
    // unicode_concatenate resizes a str no one else holds. A long block grows by realloc, by
    // half again what it had, so a loop of appends copies O(n) in all (it was O(n**2): a 200 KB
    // string built by `s += "ab"` took 2.5 s). False where it cannot (shared, or a short block
    // that would outgrow kShort): the caller concatenates (text.hpp's append_to)
    bool append_own(const Str& t) {
        StrObject* p = p_.get();
        const i64 have = p->len, n = t.len();
        if (p->refs != 1 || n == 0 || t.same(*this) || n > (INT64_MAX >> 3) - have) return false;
        const i64 total = have + n;
        if (have <= StrObject::kShort) {
            if (total > StrObject::kShort) return false;  // a short block stays short (destroy)
        } else {
            const size_t need = sizeof(StrObject) + static_cast<size_t>(total) * sizeof(char_t);
#if defined(__GLIBC__)
            const size_t room = malloc_usable_size(p);
#else
            const size_t room = sizeof(StrObject) + static_cast<size_t>(have) * sizeof(char_t);
#endif
            if (need > room) {  // the block moved as bytes: a StrObject holds no pointer into itself
                void* block = static_cast<void*>(p);
                void* q = std::realloc(block, std::max(need, room + room / 2));
                if (!q) q = std::realloc(block, need);
                if (!q) throw std::bad_alloc();  // (p is as it was)
                (void)p_.detach();
                p = static_cast<StrObject*>(q);
                p_ = Ref<StrObject>(p);
            }
        }
        std::memcpy(p->data() + have, t.data(), static_cast<size_t>(n) * sizeof(char_t));
        p->len = total;
        p->hash = -1;
        p->dict_hash = 0;
        return true;
    }

private:
    Ref<StrObject> p_;
};

PYRITE_PREBUILT_LIST_OF(Str)  // list.hpp's common lists: list[str] too

#if PYRITE_RT_BODIES
PYRITE_RT const Str* Str::latin1_table() {
    Str* t = new Str[256];
    for (char_t k = 0; k < 256; ++k) {
        t[k] = of(&k, 1);
        t[k].p_->refs = i64(1) << 62;
    }
    return t;
}
PYRITE_RT std::u32string Str::decode(const char* utf8, size_t bytes) {
    std::u32string out;
    for (size_t i = 0; i < bytes;) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        char32_t cp;
        int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
        cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k <= extra && i + k < bytes; ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
        out += cp;
        i += 1 + extra;
    }
    return out;
}
PYRITE_RT Str Str::literal(const char* utf8, size_t bytes) {
    Str s = of(decode(utf8, bytes));
    s.p_->refs = i64(1) << 62;  // immortal (see the top of this file)
    return s;
}
#endif

// ---------------------------------------------------------------- element semantics
inline int str_compare(const Str& a, const Str& b) {
    if (a.same(b)) return 0;
    int c = a.view().compare(b.view());
    return c < 0 ? -1 : c > 0;
}
inline bool py_eq(const Str& a, const Str& b) {
    return a.same(b) || (a.len() == b.len() && std::memcmp(a.data(), b.data(), a.len() * sizeof(char_t)) == 0);
}
inline bool py_lt(const Str& a, const Str& b) { return str_compare(a, b) < 0; }
// generic C++ (std::tuple's == and <, a fold over a tuple's items for `in`) compares strs by value
inline bool operator==(const Str& a, const Str& b) { return py_eq(a, b); }
inline bool operator!=(const Str& a, const Str& b) { return !py_eq(a, b); }
inline bool operator<(const Str& a, const Str& b) { return py_lt(a, b); }
inline bool truthy(const Str& s) { return s.len() != 0; }
template <Cmp op>
inline bool str_cmp(const Str& a, const Str& b) {
    if constexpr (op == Cmp::eq) return py_eq(a, b);
    if constexpr (op == Cmp::ne) return !py_eq(a, b);
    int c = str_compare(a, b);
    if constexpr (op == Cmp::lt) return c < 0;
    if constexpr (op == Cmp::le) return c <= 0;
    if constexpr (op == Cmp::gt) return c > 0;
    return c >= 0;
}

// ---------------------------------------------------------------- hashing: CPython's hash()
inline i64 py_hash(i64 v) {
    constexpr uint64_t M = (uint64_t(1) << 61) - 1;
    uint64_t u = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
    i64 h = static_cast<i64>(u % M);
    if (v < 0) h = -h;
    return h == -1 ? -2 : h;
}
inline i64 py_hash(bool v) { return v; }
inline i64 py_hash(double v) { return _Py_HashDouble(nullptr, v); }
inline i64 py_hash(Real v) { return v.is_int() ? py_hash(v.i) : py_hash(v.f); }  // hash(2) == hash(2.0)
inline i64 py_hash(const Str& s) { return s.hash(); }
template <class... T>
inline i64 py_hash(const std::tuple<T...>& t) {
    // tuplehash (xxHash-based, CPython 3.8+)
    constexpr uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL, P5 = 2870177450012600261ULL;
    uint64_t acc = P5;
    std::apply(
        [&](const auto&... x) {
            ((acc += static_cast<uint64_t>(py_hash(x)) * P2, acc = (acc << 31) | (acc >> 33), acc *= P1), ...);
        },
        t);
    acc += sizeof...(T) ^ (P5 ^ 3527539UL);
    if (acc == static_cast<uint64_t>(-1)) return 1546275796;
    return static_cast<i64>(acc);
}

template <class T>
inline i64 py_hash(const Tuple<T>& t) {  // tuplehash over any length
    constexpr uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL, P5 = 2870177450012600261ULL;
    uint64_t acc = P5;
    for (i64 i = 0; i < t.len(); ++i) {
        acc += static_cast<uint64_t>(py_hash(t.at(i))) * P2;
        acc = (acc << 31) | (acc >> 33);
        acc *= P1;
    }
    acc += static_cast<uint64_t>(t.len()) ^ (P5 ^ 3527539UL);
    if (acc == static_cast<uint64_t>(-1)) return 1546275796;
    return static_cast<i64>(acc);
}

// the hash a dict probes a key by: CPython's hash(), but a str's own faster one (str_dict_hash)
template <class K>
inline i64 dict_hash(const K& k) { return py_hash(k); }
inline i64 dict_hash(const Str& s) { return s.dict_hash(); }

// ---------------------------------------------------------------- repr and str
inline void append_utf32(std::u32string& out, const std::string& ascii) {
    for (char c : ascii) out += static_cast<char_t>(static_cast<unsigned char>(c));
}
// CPython's repr of a str: single quotes unless the text has ' and no ",
// escapes for the backslash, the quote and what is not printable.
PYRITE_RT void str_repr_to(std::u32string& out, const Str& s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    bool has_single = false, has_double = false;
    for (i64 i = 0; i < s.len(); ++i) {
        has_single |= s.at(i) == U'\'';
        has_double |= s.at(i) == U'"';
    }
    char_t q = has_single && !has_double ? U'"' : U'\'';
    out += q;
    for (i64 i = 0; i < s.len(); ++i) {
        char_t c = s.at(i);
        if (c == q || c == U'\\') {
            out += U'\\';
            out += c;
        } else if (c == U'\t') {
            out += U"\\t";
        } else if (c == U'\n') {
            out += U"\\n";
        } else if (c == U'\r') {
            out += U"\\r";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            append_utf32(out, buf);
        } else if (c < 0x7f || _PyUnicode_IsPrintable(c)) {
            out += c;
        } else {
            char buf[16];
            if (c <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            else if (c <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
            append_utf32(out, buf);
        }
    }
    out += q;
}
#endif
// one code point as UTF-8 (a lone surrogate as its 3-byte form, as surrogatepass writes it)
inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}
PYRITE_RT std::string utf8(const Str& s);
// whether s is printable ASCII with no quote or backslash: its repr is itself between single quotes
inline bool repr_is_plain(const Str& s) {
    const char_t* d = s.data();
    for (i64 i = 0; i < s.len(); ++i)
        if (d[i] < 0x20 || d[i] >= 0x7f || d[i] == U'\'' || d[i] == U'\\') return false;
    return true;
}
// for messages (char*): UTF-8. A plain one (repr_is_plain) is written in place: the general
// path makes three strings on the way. The library's: not worth compiling into every module
PYRITE_RT void repr_to(std::string& out, const Str& s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (repr_is_plain(s)) {
        const char_t* d = s.data();
        const i64 n = s.len();
        const size_t at = out.size();
        out.resize(at + static_cast<size_t>(n) + 2);
        out[at] = '\'';
        for (i64 k = 0; k < n; ++k) out[at + 1 + static_cast<size_t>(k)] = static_cast<char>(d[k]);
        out[at + static_cast<size_t>(n) + 1] = '\'';
        return;
    }
    std::u32string r;
    str_repr_to(r, s);
    out += utf8(Str::of(r));
}
#endif

// text(x): str(x) as UTF-32, for every type pyrite has
inline void text_to(std::u32string& out, const Str& s) { out.append(s.data(), static_cast<size_t>(s.len())); }
// repr() of an instance of a value class: its __repr__, or its dataclass's
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
inline void repr_to(std::string& out, const C& v) {
    C::write_repr(out, v);
}
template <class T>
inline void text_to(std::u32string& out, const T& v) {
    if constexpr (std::is_base_of_v<Value, T>) {  // a value class's __str__, else its repr
        T::write_str(out, v);
        return;
    }
    std::string ascii;
    repr_to(ascii, v);  // str() of int/float/bool/None/tuple/list is their repr
    if constexpr (std::is_same_v<T, i64> || std::is_same_v<T, double> || std::is_same_v<T, Real> || std::is_same_v<T, std::complex<double>> || std::is_same_v<T, bool> ||
                  std::is_same_v<T, none_t>) {
        append_utf32(out, ascii);
    } else {
        out += Str::decode(ascii.data(), ascii.size());  // may hold non-ASCII text (str items)
    }
}
// str(x) of a T | None: str() of the value (a str's text, not its repr), or None
template <class T>
inline void text_to(std::u32string& out, const std::optional<T>& v) {
    if (v) text_to(out, *v);
    else append_utf32(out, "None");
}

// the UTF-8 bytes of a str (a lone surrogate as its 3-byte form, CPython's surrogatepass)
PYRITE_RT std::string utf8(const Str& s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string out;
    for (i64 k = 0; k < s.len(); ++k) append_utf8(out, s.at(k));
    return out;
}
#endif

// str(x) of any pyrite value
template <class T>
inline Str to_str(const T& v) {
    if constexpr (std::is_same_v<T, Str>) {
        return v;
    } else if constexpr (std::is_same_v<T, i64>) {  // digits straight into the string: no temporaries
        char_t buf[24];
        int n = 0;
        uint64_t u = v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
        do {
            buf[23 - n++] = static_cast<char_t>(U'0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0) buf[23 - n++] = U'-';
        return Str::of(buf + 24 - n, n);
    } else {
        std::u32string out;
        text_to(out, v);
        return Str::of(out);
    }
}
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline Str to_repr(const T& v) {
    if constexpr (std::is_same_v<T, Str>) {
        std::u32string out;
        str_repr_to(out, v);
        return Str::of(out);
    } else if constexpr (is_optional<T>::value) {  // repr of the value, or None
        return v ? to_repr(*v) : to_str(none_t{});
    } else if constexpr (std::is_base_of_v<Value, T>) {
        std::string out;
        T::write_repr(out, v);
        return Str::of(Str::decode(out.data(), out.size()));
    } else {
        return to_str(v);
    }
}

}  // namespace pyrite
