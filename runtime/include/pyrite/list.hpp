// list[T]: Python's list, with reference semantics (object.hpp) and CPython's
// messages for every error.
//
// Elements are stored unboxed (a list[float] is a contiguous array of doubles, in a
// Vec: vec.hpp); bool is stored as a byte that is no C++ bool (StoredBool says why).
// Indexing normalizes negative indexes and checks
// bounds once; iteration re-reads the length every step, so a loop over a list
// that grows sees the new items, as in CPython.
#pragma once
#include <charconv>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <new>
#include <array>
#include <bit>
#include <vector>

#include "object.hpp"
#include "ops.hpp"
#include "vec.hpp"

namespace pyrite {

template <class T>
class List;

// ---------------------------------------------------------------- element semantics
// Python's == and < on the element types pyrite has. Containers compare
// element-wise with ==, then the first unequal pair with <, as CPython's
// list_richcompare does (which decides what nan does inside a list).
inline bool py_eq(i64 a, i64 b) { return a == b; }
inline bool py_eq(double a, double b) { return a == b; }
inline bool py_eq(std::complex<double> a, std::complex<double> b) { return a.real() == b.real() && a.imag() == b.imag(); }
inline bool py_eq(bool a, bool b) { return a == b; }
inline bool py_eq(none_t, none_t) { return true; }
inline bool py_lt(i64 a, i64 b) { return a < b; }
inline bool py_lt(double a, double b) { return a < b; }
inline bool py_lt(bool a, bool b) { return a < b; }
inline bool py_eq(Real a, Real b) { return a == b; }
inline bool py_lt(Real a, Real b) { return a < b; }
// complex numbers are not ordered: reached only where CPython compares them too (the first
// items that differ in two lists of complex numbers)
[[noreturn]] inline bool py_lt(std::complex<double>, std::complex<double>) {
    raise(Exc::TypeError, "'<' not supported between instances of 'complex' and 'complex'");
}
// the other dtypes' numbers (an array's int8, float32 ... items), compared as NumPy does
template <class T>
inline std::enable_if_t<std::is_arithmetic_v<T>, bool> py_eq(T a, T b) { return a == b; }
template <class T>
inline std::enable_if_t<std::is_arithmetic_v<T>, bool> py_lt(T a, T b) { return a < b; }

// T | None
template <class T>
inline bool py_eq(const std::optional<T>& a, const std::optional<T>& b) {
    return a.has_value() == b.has_value() && (!a || py_eq(*a, *b));
}
template <class T>
inline bool truthy(const std::optional<T>& a) { return a.has_value() && truthy(*a); }
// a read of a variable narrowed to "not None" (typeinfer's narrowing; the check keeps a wrong narrowing safe)
template <class T>
inline const T& unwrap(const std::optional<T>& a, const char* name) {
    if (PYRITE_UNLIKELY(!a.has_value()))
        raisef(Exc::TypeError, "'NoneType' object where a value was expected: '%s' is None", name);
    return *a;
}
// x == y where one side is T | None and the other a value (Python's == across int, float and bool)
template <class A, class B>
inline bool value_eq(const A& a, const B& b) {
    if constexpr (std::is_same_v<A, B>) return py_eq(a, b);
    else if constexpr (std::is_same_v<A, double> || std::is_same_v<B, double>) return eq(a, b);
    else return static_cast<i64>(a) == static_cast<i64>(b);
}
template <class T>
inline bool opt_eq(const std::optional<T>& a, const std::optional<T>& b) { return py_eq(a, b); }
template <class T, class U>
inline bool opt_eq(const std::optional<T>& a, const U& b) { return a.has_value() && value_eq(*a, b); }
template <class T, class U>
inline bool opt_eq(const U& a, const std::optional<T>& b) { return b.has_value() && value_eq(a, *b); }

template <class... T, size_t... I>
inline bool tuple_eq(const std::tuple<T...>& a, const std::tuple<T...>& b, std::index_sequence<I...>) {
    return (py_eq(std::get<I>(a), std::get<I>(b)) && ...);
}
template <class... T>
inline bool py_eq(const std::tuple<T...>& a, const std::tuple<T...>& b) {
    return tuple_eq(a, b, std::index_sequence_for<T...>{});
}
template <size_t I = 0, class... T>
inline bool py_lt(const std::tuple<T...>& a, const std::tuple<T...>& b) {
    if constexpr (I == sizeof...(T)) {
        return false;
    } else {
        if (!py_eq(std::get<I>(a), std::get<I>(b))) return py_lt(std::get<I>(a), std::get<I>(b));
        return py_lt<I + 1>(a, b);
    }
}

// ---------------------------------------------------------------- repr, for messages
// CPython's repr of the element types ("3 is not in list"): floats in the
// shortest form that reads back to the same double, with Python's switch to
// exponent notation below 1e-4 and from 1e16.
PYRITE_RT void repr_to(std::string& out, i64 v) PYRITE_RT_DECLARE  // the library's: std::to_string is long
#if PYRITE_RT_BODIES
{
    out += std::to_string(v);
}
#endif
inline void repr_to(std::string& out, bool v) { out += v ? "True" : "False"; }
inline void repr_to(std::string& out, none_t) { out += "None"; }
PYRITE_RT void repr_to(std::string& out, double x) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (std::isnan(x)) { out += "nan"; return; }
    if (std::isinf(x)) { out += x > 0 ? "inf" : "-inf"; return; }
    // the shortest digits that read back to x (what CPython's repr finds with David Gay's dtoa),
    // as d.ddde+XX: std::to_chars, without trying precisions one by one through printf and strtod
    char buf[40];
    char* end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific).ptr;
    std::string m(buf, end);
    if (m[0] == '-') { out += '-'; m.erase(0, 1); }
    size_t epos = m.find('e');
    int e10 = std::atoi(m.c_str() + epos + 1);
    std::string digits;
    for (size_t i = 0; i < epos; ++i) if (m[i] != '.') digits += m[i];
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    if (e10 >= -4 && e10 < 16) {
        if (e10 >= 0) {
            std::string ip = digits.substr(0, std::min<size_t>(digits.size(), e10 + 1));
            while (static_cast<int>(ip.size()) < e10 + 1) ip += '0';
            std::string fp = digits.size() > static_cast<size_t>(e10 + 1) ? digits.substr(e10 + 1) : "0";
            out += ip + "." + fp;
        } else {
            out += "0." + std::string(-e10 - 1, '0') + digits;
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char eb[8];
        std::snprintf(eb, sizeof eb, "e%c%02d", e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
        out += eb;
    }
}
#endif
inline void repr_to(std::string& out, Real x) {  // as the int or the float it holds
    if (x.is_int()) repr_to(out, x.i);
    else repr_to(out, x.f);
}
// repr(z): complex_repr. Each part as repr(float) without its '.0' ('r' format), the
// imaginary one signed; a real part of +0.0 is left out, with the parentheses
inline void repr_to(std::string& out, std::complex<double> z) {
    auto part = [](double x, bool sign) {
        std::string s;
        repr_to(s, x);
        if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
        if (sign && s[0] != '-') s.insert(0, "+");
        return s;
    };
    if (z.real() == 0.0 && !std::signbit(z.real())) {
        out += part(z.imag(), false) + "j";
        return;
    }
    out += "(" + part(z.real(), false) + part(z.imag(), true) + "j)";
}
template <class T>
inline void repr_to(std::string& out, const std::optional<T>& v) {
    if (v) repr_to(out, *v);
    else out += "None";
}
template <class... T>
inline void repr_to(std::string& out, const std::tuple<T...>& t) {
    out += '(';
    size_t i = 0;
    std::apply([&](const auto&... x) { ((out += (i++ ? ", " : ""), repr_to(out, x)), ...); }, t);
    out += sizeof...(T) == 1 ? ",)" : ")";
}
template <class T>
inline void repr_to(std::string& out, const List<T>& l);
template <class T>
inline std::string repr(const T& v) {
    std::string s;
    repr_to(s, v);
    return s;
}

// The storage type of an element: bool as a byte.
template <class T>
struct Stored {
    using type = T;
};
// A bool in a list: a byte that is not a char type. Stores through unsigned
// char may alias anything, which would make the optimizer reload the list's
// buffer pointers after every flags[j] = False. Nor is it a C++ bool: GCC does
// not vectorize a loop that turns loaded bools into numbers (`if f: count += 1`
// over a list), and does one that tests a byte enum for zero.
struct StoredBool {
    enum class Byte : unsigned char {} value;
    StoredBool() = default;
    StoredBool(bool b) : value(static_cast<Byte>(b)) {}
    operator bool() const { return static_cast<unsigned char>(value) != 0; }
};
template <>
struct Stored<bool> {
    using type = StoredBool;
};

// Lists are made and dropped all the time (slices, copies, comprehensions), so
// a dropped list keeps its buffer on a small free list (object.hpp) for the next
// one, as CPython keeps free lists of list objects: two malloc/free pairs less
// per temporary list. Only small buffers are kept, and at most 32 objects.
// a stable sort of a list's items by py_lt (below List: an instance per item type, prebuilt for
// the common ones)
template <class T>
void sort_items(Vec<typename Stored<T>::type>& v);

template <class T>
struct ListObject final : Object {
    Vec<typename Stored<T>::type> items;

    static constexpr size_t kKeepCapacity = 4096;
    using Free = FreeList<ListObject, 32>;
    // out of the struct, with the free list they share: the common lists' are the library's
    static ListObject* make();
    void destroy() override;
};
template <class T>
ListObject<T>* ListObject<T>::make() {
    if (void* p = Free::get().pop()) {
        ListObject* o = static_cast<ListObject*>(p);
        o->refs = 1;
        o->changed = false;
        return o;
    }
    return new ListObject();
}
template <class T>
void ListObject<T>::destroy() {
    if (items.capacity() <= kKeepCapacity) {
        items.clear();
        if (Free::get().push(this)) return;
    }
    delete this;
}

// Python's slice.indices(): clamps start/stop for a sequence of length n and
// returns the number of selected items. `has_*` is false for an omitted bound.
struct SliceIndices {
    i64 start, stop, step, count;
};
__attribute__((always_inline)) inline SliceIndices slice_indices(i64 n, bool has_start, i64 start, bool has_stop, i64 stop, bool has_step,
                                  i64 step) {
    if (!has_step) step = 1;
    if (PYRITE_UNLIKELY(step == 0)) raise(Exc::ValueError, "slice step cannot be zero");
    // CPython clamps the step to -PY_SSIZE_T_MAX so that reversing cannot overflow
    if (step < -INT64_MAX) step = -INT64_MAX;
    i64 lower = step < 0 ? -1 : 0, upper = step < 0 ? n - 1 : n;
    auto adjust = [&](bool has, i64 v, i64 dflt) {
        if (!has) return dflt;
        if (v < 0) {
            v += n;
            return v < lower ? lower : v;
        }
        return v > upper ? upper : v;
    };
    start = adjust(has_start, start, step < 0 ? upper : lower);
    stop = adjust(has_stop, stop, step < 0 ? lower : upper);
    i64 count = 0;
    if (step < 0) {
        if (stop < start) count = (start - stop - 1) / (-step) + 1;
    } else if (start < stop) {
        count = (stop - start - 1) / step + 1;
    }
    return {start, stop, step, count};
}

template <class T>
class List {
public:
    using value_type = T;
    using stored_type = typename Stored<T>::type;

    List() = default;
    static List make() { return List(ListObject<T>::make()); }
    static List of(std::initializer_list<T> items);
    static List borrow(ListObject<T>* p) {  // a new reference to an existing object
        retain(p);
        return List(p);
    }
    static List from_vector(Vec<stored_type>&& v) {
        List l(new ListObject<T>());
        l.p_->items = std::move(v);
        return l;
    }

    // room for n more items, allocated now: MemoryError at once where they cannot fit
    void reserve_more(i64 n) const {
        if (n <= 0) return;
        auto& v = p_->items;
        if (static_cast<std::size_t>(n) > v.max_size() - v.size()) throw std::bad_alloc();
        v.reserve(v.size() + static_cast<std::size_t>(n));
    }
    // the same for items that may raise first (opt/loops.cpp's reserve): a size that cannot be
    // had is no error here; the list grows as it is appended to, as CPython's
    void reserve_hint(i64 n) const noexcept {
        auto& v = p_->items;
        if (n <= 0 || static_cast<std::size_t>(n) > v.max_size() - v.size()) return;
        try {
            v.reserve(v.size() + static_cast<std::size_t>(n));
        } catch (const std::bad_alloc&) {
        }
    }

    // ------------------------------------------------------------ reading
    i64 len() const { return static_cast<i64>(p_->items.size()); }
    T get(i64 i) const { return T(p_->items[index(i, "list index out of range")]); }
    // xs[i] inside a try whose handler takes IndexError: the IndexError made in `error`, not raised
    // (codegen/emit_try.cpp's exceptions as values)
    std::optional<T> get(Error& error, i64 i) const {
        i64 n = len();
        if (PYRITE_LIKELY(static_cast<std::uint64_t>(i) < static_cast<std::uint64_t>(n))) return T(p_->items[static_cast<size_t>(i)]);
        if (i < 0 && i + n >= 0) return T(p_->items[static_cast<size_t>(i + n)]);
        return error = Error(Exc::IndexError, "list index out of range"), std::nullopt;
    }
    // unchecked: the caller proved 0 <= i < len() (a for loop over the list)
    T at(i64 i) const { return T(p_->items[static_cast<size_t>(i)]); }
    // the item itself, not a new reference to it: a loop's uncounted step (opt/borrow.cpp's `bj = bodies[j]`)
    const stored_type& get_ref(i64 i) const { return p_->items[index(i, "list index out of range")]; }
    const stored_type& at_ref(i64 i) const { return p_->items[static_cast<size_t>(i)]; }
    Vec<stored_type>& items() const { return p_->items; }
    ListObject<T>* object() const { return p_.get(); }
    // object.hpp's Borrow: give up the object uncounted, hold one uncounted
    void borrow_detach() { p_.detach(); }
    void borrow_adopt(ListObject<T>* p) { p_ = Ref<ListObject<T>>(p); }
    bool same(const List& o) const { return p_.same(o.p_); }

    // ------------------------------------------------------------ writing
    void set(i64 i, const T& v) const {
        set_unmarked(i, v);
        p_->changed = true;
    }
    // an element store in a loop that marked the list changed before it began (codegen's premark)
    void set_unmarked(i64 i, const T& v) const { p_->items[index(i, "list assignment index out of range")] = v; }
    // stores whose index a versioned loop checked before it began (codegen's fast_accesses)
    void set_at(i64 i, const T& v) const {
        p_->items[static_cast<size_t>(i)] = v;
        p_->changed = true;
    }
    void set_at_unmarked(i64 i, const T& v) const { p_->items[static_cast<size_t>(i)] = v; }
    void mark_changed() const { p_->changed = true; }
    void append(const T& v) const {
        p_->items.push_back(v);
        p_->changed = true;
    }
    void extend(const List& other) const {
        // a.extend(a) doubles a: copy the source range first
        Vec<stored_type> copy(other.p_->items);
        p_->items.insert(p_->items.end(), copy.begin(), copy.end());
        p_->changed = true;
    }
    void insert(i64 i, const T& v) const {
        i64 n = len();
        if (i < 0) i = std::max<i64>(i + n, 0);
        if (i > n) i = n;
        p_->items.insert(p_->items.begin() + i, v);
        p_->changed = true;
    }
    T pop() const {
        if (PYRITE_UNLIKELY(p_->items.empty())) raise(Exc::IndexError, "pop from empty list");
        T v = T(p_->items.back());
        p_->items.pop_back();
        p_->changed = true;
        return v;
    }
    T pop(i64 i) const {
        if (PYRITE_UNLIKELY(p_->items.empty())) raise(Exc::IndexError, "pop from empty list");
        size_t k = index(i, "pop index out of range");
        T v = T(p_->items[k]);
        p_->items.erase(p_->items.begin() + k);
        p_->changed = true;
        return v;
    }
    void remove(const T& v) const {
        i64 k = find(v, 0, len());
        if (k < 0) raise(Exc::ValueError, "list.remove(x): x not in list");
        p_->items.erase(p_->items.begin() + k);
        p_->changed = true;
    }
    // xs.index(v[, start[, stop]]): start and stop as a slice's (from the end where negative)
    i64 index_of(const T& v, i64 start = 0, i64 stop = INT64_MAX) const {
        i64 n = len();
        if (start < 0) start = std::max<i64>(start + n, 0);
        if (stop < 0) stop = std::max<i64>(stop + n, 0);
        i64 k = find(v, start, stop);
        if (k < 0) raisef(Exc::ValueError, "%.150s is not in list", repr(v).c_str());
        return k;
    }
    i64 count(const T& v) const {
        i64 c = 0;
        for (const stored_type& x : p_->items) c += py_eq(T(x), v);
        return c;
    }
    bool contains(const T& v) const { return find(v, 0, len()) >= 0; }
    void reverse() const {
        std::reverse(p_->items.begin(), p_->items.end());
        p_->changed = true;
    }
    void clear() const {
        p_->items.clear();
        p_->changed = true;
    }
    List copy() const;

    // list.sort(reverse=...): stable. reverse=True keeps equal items in their
    // original order too (CPython reverses, sorts, reverses back).
    void sort(bool reverse = false) const {
        auto& v = p_->items;
        if constexpr (std::is_same_v<T, double> || std::is_same_v<T, Real>) {
            // nan makes CPython's timsort order depend on its merge pattern, which a
            // different sorting algorithm cannot reproduce: refuse instead of differing
            for (const T& x : v)
                if (std::isnan(static_cast<double>(x)))
                    raise(Exc::ValueError, "pyrite cannot sort a list containing nan the way CPython does");
        }
        if (reverse) std::reverse(v.begin(), v.end());
        sort_items<T>(v);
        if (reverse) std::reverse(v.begin(), v.end());
        p_->changed = true;
    }

    // ------------------------------------------------------------ slices
    List slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        List r = make();
        copy_slice(r.p_->items, s);
        return r;
    }
    // xs = ys[a:b:c] of a list local (opt/stores.cpp): the items copied into xs's own list where
    // nothing else holds it (so nothing can tell it from a new one) and it has the room (so the
    // copy allocates nothing, and cannot fail half done), instead of a new list and a free
    // (fannkuch's `perm = perm1[:]` 36 -> 31 ms)
    void slice_into(List& dst, bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        ListObject<T>* d = dst.p_.get();
        if (!d || d->refs != 1 || d == p_.get() || static_cast<size_t>(s.count) > d->items.capacity()) {
            List r = make();
            copy_slice(r.p_->items, s);
            dst = std::move(r);
            return;
        }
        copy_slice(d->items, s);
        d->changed = false;  // as a new list's
    }

private:
    void copy_slice(Vec<stored_type>& out, const SliceIndices& s) const {
        const auto& in = p_->items;
        if (s.step == 1) {
            out.assign(in.begin() + s.start, in.begin() + s.start + s.count);
        } else if (s.step == -1) {  // xs[k::-1]
            auto from = in.rbegin() + (static_cast<i64>(in.size()) - 1 - s.start);
            out.assign(from, from + s.count);
        } else {
            out.clear();
            out.reserve(static_cast<size_t>(s.count));
            for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) out.push_back(in[i]);
        }
    }

public:
    void set_slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step, const List& value) const {
        if (value.same(*this)) {  // a[:] = a: from a copy
            List copy = value.copy();
            return set_slice(hs, start, he, stop, hp, step, copy);
        }
        const auto& src = value.p_->items;
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        auto& v = p_->items;
        if (s.step == 1) {
            i64 lo = s.start, hi = std::max(s.start, s.stop);
            if (static_cast<i64>(src.size()) == hi - lo) {  // same size: in place
                std::copy(src.begin(), src.end(), v.begin() + lo);
            } else {
                v.erase(v.begin() + lo, v.begin() + hi);
                v.insert(v.begin() + lo, src.begin(), src.end());
            }
        } else {
            if (static_cast<i64>(src.size()) != s.count)
                raisef(Exc::ValueError, "attempt to assign sequence of size %lld to extended slice of size %lld",
                       (long long)src.size(), (long long)s.count);
            for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) v[i] = src[k];
        }
        p_->changed = true;
    }
    // xs[a:b] = xs[c:d:e]: the source slice is taken first, as in CPython; a
    // reversal in place (xs[:k+1] = xs[k::-1]) needs no new list at all
    __attribute__((always_inline)) void set_slice_from_self(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step, bool shs, i64 sstart, bool she,
                             i64 sstop, bool shp, i64 sstep) const {
        // xs[:k + 1] = xs[k::-1] (a pancake flip) with 0 <= k < len(xs): the first k + 1 items
        // reversed, as below, without working out both slices (constant flags fold this test away
        // for every other shape of slices)
        if ((!hs || start == 0) && he && (!hp || step == 1) && shs && !she && shp && sstep == -1 &&
            static_cast<std::uint64_t>(sstart) < static_cast<std::uint64_t>(len()) && stop == sstart + 1) {
            std::reverse(p_->items.begin(), p_->items.begin() + sstart + 1);
            p_->changed = true;
            return;
        }
        SliceIndices src = slice_indices(len(), shs, sstart, she, sstop, shp, sstep);
        SliceIndices dst = slice_indices(len(), hs, start, he, stop, hp, step);
        if (dst.step == 1 && src.step == -1 && src.count == std::max<i64>(dst.stop - dst.start, 0) &&
            src.start == dst.start + src.count - 1) {
            std::reverse(p_->items.begin() + dst.start, p_->items.begin() + dst.start + src.count);
            p_->changed = true;
            return;
        }
        set_slice(hs, start, he, stop, hp, step, slice(shs, sstart, she, sstop, shp, sstep));
    }
    void del_item(i64 i) const {
        size_t k = index(i, "list assignment index out of range");
        p_->items.erase(p_->items.begin() + k);
        p_->changed = true;
    }
    void del_slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        auto& v = p_->items;
        if (s.step < 0) {  // the same items, walked upwards
            s.start = s.start + (s.count - 1) * s.step;
            s.step = -s.step;
        }
        if (s.count > 0) {
            Vec<stored_type> kept;
            kept.reserve(v.size() - static_cast<size_t>(s.count));
            i64 next = s.start, removed = 0;
            for (i64 i = 0; i < len(); ++i) {
                if (removed < s.count && i == next) {
                    ++removed;
                    next += s.step;
                    continue;
                }
                kept.push_back(v[i]);
            }
            v.swap(kept);
        }
        p_->changed = true;
    }

    // ------------------------------------------------------------ operators
    List concat(const List& o) const;
    List repeat(i64 n) const;
    void inplace_concat(const List& o) const { extend(o); }
    void inplace_repeat(i64 n) const {
        List r = repeat(n);
        p_->items.swap(r.p_->items);
        p_->changed = true;
    }
private:
    explicit List(ListObject<T>* p) : p_(p) {}

    // one compare in the common case (0 <= i < n); a negative index takes the second branch
    size_t index(i64 i, const char* message) const {
        i64 n = len();
        if (PYRITE_LIKELY(static_cast<std::uint64_t>(i) < static_cast<std::uint64_t>(n))) return static_cast<size_t>(i);
        if (i < 0 && i + n >= 0) return static_cast<size_t>(i + n);
        raise(Exc::IndexError, message);
    }
    i64 find(const T& v, i64 from, i64 to) const {
        for (i64 i = from; i < to && i < len(); ++i)
            if (py_eq(at(i), v)) return i;
        return -1;
    }

    Ref<ListObject<T>> p_;
};

template <class T>
inline void repr_to(std::string& out, const List<T>& l) {
    out += '[';
    for (i64 i = 0; i < l.len(); ++i) {
        if (i) out += ", ";
        repr_to(out, l.at(i));
    }
    out += ']';
}

// case [a, *rest, b] of a deque or a range (which a match statement's star unpacks; a deque has no
// slices): the items from `from` to `after` before the end, a new list (lower_match.cpp)
template <class S>
inline auto star_items(const S& s, i64 from, i64 after) {
    using T = std::decay_t<decltype(s.at(0))>;
    List<T> out = List<T>::make();
    for (i64 i = from; i < s.len() - after; ++i) out.append(s.at(i));
    return out;
}

// a OP b on lists, as CPython's list_richcompare: the first index where the
// items differ (by ==) decides with OP on those items; else the lengths do.
enum class Cmp { lt, le, gt, ge, eq, ne };
template <class T>
inline bool py_cmp(Cmp op, const T& a, const T& b) {
    switch (op) {
        case Cmp::lt: return py_lt(a, b);
        case Cmp::le: return py_lt(a, b) || py_eq(a, b);
        case Cmp::gt: return py_lt(b, a);
        case Cmp::ge: return py_lt(b, a) || py_eq(a, b);
        case Cmp::eq: return py_eq(a, b);
        case Cmp::ne: return !py_eq(a, b);
    }
    return false;
}
inline bool py_cmp(Cmp op, double a, double b) {  // nan: every ordering is false
    switch (op) {
        case Cmp::lt: return a < b;
        case Cmp::le: return a <= b;
        case Cmp::gt: return a > b;
        case Cmp::ge: return a >= b;
        case Cmp::eq: return a == b;
        case Cmp::ne: return a != b;
    }
    return false;
}
template <Cmp op, class T>
inline bool list_compare(const List<T>& a, const List<T>& b) {
    // CPython compares items by identity first: a list is equal to itself even holding nan
    if (a.same(b)) return op == Cmp::eq || op == Cmp::le || op == Cmp::ge;
    if ((op == Cmp::eq || op == Cmp::ne) && a.len() != b.len()) return op == Cmp::ne;
    i64 n = std::min(a.len(), b.len());
    for (i64 i = 0; i < n; ++i)
        if (!py_eq(a.at(i), b.at(i))) {
            // == and != never order the items (a dataclass's == of lists of instances without __lt__)
            if constexpr (op == Cmp::eq) return false;
            else if constexpr (op == Cmp::ne) return true;
            else return py_cmp(op, a.at(i), b.at(i));
        }
    return py_cmp(op, a.len(), b.len());
}

// (a, b) < (c, d) of fixed tuples: the first items that differ decide, compared by the operator;
// all equal: the operator's answer for equal tuples (CPython's tuplerichcompare)
template <Cmp op, std::size_t I = 0, class... T>
inline bool fixed_tuple_compare(const std::tuple<T...>& a, const std::tuple<T...>& b) {
    if constexpr (I == sizeof...(T)) {
        return op == Cmp::eq || op == Cmp::le || op == Cmp::ge;
    } else {
        if (!py_eq(std::get<I>(a), std::get<I>(b))) {
            if constexpr (op == Cmp::eq) return false;
            else if constexpr (op == Cmp::ne) return true;
            else return py_cmp(op, std::get<I>(a), std::get<I>(b));
        }
        return fixed_tuple_compare<op, I + 1>(a, b);
    }
}

// (a, b) + (c,): a new tuple (of a NamedTuple's items too: the result is a plain tuple)
template <class... A, class... B>
inline std::tuple<A..., B...> tuple_concat(const std::tuple<A...>& a, const std::tuple<B...>& b) {
    return std::tuple_cat(a, b);
}

// xs += ys and xs *= n: in place, the result is xs itself
template <class T>
inline List<T> inplace_concat(const List<T>& a, const List<T>& b) {
    a.extend(b);
    return a;
}
template <class T>
inline List<T> inplace_repeat(const List<T>& a, i64 n) {
    a.inplace_repeat(n);
    return a;
}
template <class T>
inline bool py_eq(const List<T>& a, const List<T>& b) { return list_compare<Cmp::eq>(a, b); }
template <class T>
inline bool py_lt(const List<T>& a, const List<T>& b) { return list_compare<Cmp::lt>(a, b); }
template <class T>
inline bool truthy(const List<T>& a) { return a.len() != 0; }

// the members a list's class declares and defines here: the common lists' are the library's
// (prebuilt, core.hpp: a module calls them instead of compiling them again)
template <class T>
List<T> List<T>::of(std::initializer_list<T> items) {
    List l = make();
    l.p_->items.reserve(items.size());
    for (const T& x : items) l.p_->items.push_back(x);
    return l;
}
template <class T>
List<T> List<T>::copy() const {
    List r = make();
    r.p_->items.assign(p_->items.begin(), p_->items.end());
    return r;
}
template <class T>
List<T> List<T>::concat(const List& o) const {
    Vec<stored_type> out(p_->items);
    out.insert(out.end(), o.p_->items.begin(), o.p_->items.end());
    return from_vector(std::move(out));
}
template <class T>
List<T> List<T>::repeat(i64 n) const {
    Vec<stored_type> out;
    if (n > 0 && !p_->items.empty()) {
        if (PYRITE_UNLIKELY(static_cast<__int128>(n) * static_cast<__int128>(p_->items.size()) > (INT64_MAX >> 4)))
            raise(Exc::MemoryError, "");
        if constexpr (sizeof(stored_type) == 1 && std::is_trivially_copyable_v<stored_type>) {
            if (p_->items.size() == 1) {  // [True] * n, [False] * n: memset. GCC fills with a byte that is not
                // a constant (and value-initializes in resize()) a byte at a time: 3.1 ms of 10**7
                // (a seventh of a sieve's time), where a constant's fill and a memset take 0.36
                unsigned char byte;
                std::memcpy(&byte, &p_->items[0], 1);
                out.assign(static_cast<size_t>(n), stored_type{});
                if (byte) std::memset(static_cast<void*>(out.data()), byte, static_cast<size_t>(n));
                return from_vector(std::move(out));
            }
        }
        if (p_->items.size() == 1) {  // [x] * n
            out.assign(static_cast<size_t>(n), p_->items[0]);
        } else {
            out.reserve(p_->items.size() * static_cast<size_t>(n));
            for (i64 k = 0; k < n; ++k) out.insert(out.end(), p_->items.begin(), p_->items.end());
        }
    }
    return from_vector(std::move(out));
}
#define PYRITE_PREBUILT_LIST_OF(T) \
    PYRITE_PREBUILT_STRUCT(ListObject<T>) /* its make() and destroy() too */ \
    PYRITE_PREBUILT(List<T> List<T>::of(std::initializer_list<T>)) \
    PYRITE_PREBUILT(List<T> List<T>::copy() const) \
    PYRITE_PREBUILT(List<T> List<T>::concat(const List<T>&) const) \
    PYRITE_PREBUILT(List<T> List<T>::repeat(i64) const)
PYRITE_PREBUILT_LIST_OF(i64) PYRITE_PREBUILT_LIST_OF(double) PYRITE_PREBUILT_LIST_OF(bool)

// A stable LSD radix sort of 64-bit keys, a byte a pass (a pass all keys agree on is skipped):
// long lists of ints and floats, whose equal values nothing tells apart, sort by it about 2x
// faster than by a merge (1,000,000 floats: 120 ms -> 60 ms; CPython's sorted() takes 290 ms)
// `with` (or null): a number for each key, moved along with it (sort_keyed's positions)
PYRITE_RT void radix_sort_keys(std::uint64_t* keys, size_t n, i64* with = nullptr) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    Vec<std::array<size_t, 256>> counts(8);
    for (auto& c : counts) c.fill(0);
    for (size_t i = 0; i < n; ++i)
        for (int b = 0; b < 8; ++b) ++counts[static_cast<size_t>(b)][(keys[i] >> (8 * b)) & 0xFF];
    Vec<std::uint64_t> buffer(n);
    Vec<i64> moved(with ? n : 0);
    std::uint64_t *from = keys, *to = buffer.data();
    i64 *with_from = with, *with_to = moved.data();
    for (int b = 0; b < 8; ++b) {
        auto& c = counts[static_cast<size_t>(b)];
        if (c[(from[0] >> (8 * b)) & 0xFF] == n) continue;  // every key has this byte
        size_t at = 0;
        for (size_t& k : c) at += std::exchange(k, at);
        if (with) {
            for (size_t i = 0; i < n; ++i) {
                size_t j = c[(from[i] >> (8 * b)) & 0xFF]++;
                to[j] = from[i];
                with_to[j] = with_from[i];
            }
            std::swap(with_from, with_to);
        } else {
            for (size_t i = 0; i < n; ++i) to[c[(from[i] >> (8 * b)) & 0xFF]++] = from[i];
        }
        std::swap(from, to);
    }
    if (from != keys) std::memcpy(keys, from, n * sizeof(std::uint64_t));
    if (with && with_from != with) std::memcpy(with, with_from, n * sizeof(i64));
}
#endif
// what the radix sort sorts: ints and floats, from this many on (below, a merge is as fast:
// 1,000 floats take 28 us either way)
template <class S>
constexpr bool radix_sortable = std::is_same_v<S, i64> || std::is_same_v<S, double>;
inline constexpr size_t kRadixFrom = 2048;
// an int's or a float's key, in the order of the values (a float: not nan; -0.0 below 0.0), and back
template <class S>
std::uint64_t radix_key(S x) {
    constexpr std::uint64_t sign = std::uint64_t(1) << 63;
    if constexpr (std::is_same_v<S, double>) {
        std::uint64_t u = std::bit_cast<std::uint64_t>(x);
        return u >> 63 ? ~u : u | sign;
    } else {
        return static_cast<std::uint64_t>(x) ^ sign;
    }
}
template <class S>
S radix_value(std::uint64_t k) {
    constexpr std::uint64_t sign = std::uint64_t(1) << 63;
    if constexpr (std::is_same_v<S, double>) return std::bit_cast<double>(k >> 63 ? k & ~sign : ~k);
    else return static_cast<S>(k ^ sign);
}
// whether v's items sort by their keys: long enough, and no -0.0, which CPython's sort keeps in
// its place among the 0.0s (equal) where its key would put it first
template <class S>
bool radix_sorts(const Vec<S>& v) {
    if (!radix_sortable<S> || v.size() < kRadixFrom) return false;
    if constexpr (std::is_same_v<S, double>)
        for (double x : v)
            if (x == 0.0 && std::signbit(x)) return false;
    return true;
}

template <class T>
void sort_items(Vec<typename Stored<T>::type>& v) {
    using S = typename Stored<T>::type;
    if constexpr (radix_sortable<S>) {
        if (radix_sorts(v)) {
            Vec<std::uint64_t> keys(v.size());
            for (size_t i = 0; i < v.size(); ++i) keys[i] = radix_key(v[i]);
            radix_sort_keys(keys.data(), keys.size());
            for (size_t i = 0; i < v.size(); ++i) v[i] = radix_value<S>(keys[i]);
            return;
        }
    }
    if constexpr (requires(T& x) { T::less_objects(x.object(), x.object()); T(x.release_object()); }) {
        // handles (str): their objects' addresses sorted as plain pointers, then each handle takes over
        // the reference of the one it replaces (a permutation: no count changes). A merge of handles
        // moved each by nulling its source, and each comparison took two counted copies (sorting
        // 100,000 words: 20 ms -> 16 ms, CPython's timsort 16.7 ms: both wait on the strs' memory)
        using P = decltype(v[0].object());
        Vec<P> raw(v.size());
        for (size_t i = 0; i < v.size(); ++i) raw[i] = v[i].object();
        std::stable_sort(raw.begin(), raw.end(), [](P a, P b) { return T::less_objects(a, b); });
        for (T& x : v) (void)x.release_object();
        for (size_t i = 0; i < v.size(); ++i) v[i] = T(raw[i]);
    } else if constexpr (std::is_same_v<S, T>)  // items compared where they are (a str's T(a) was a counted copy)
        std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return py_lt(a, b); });
    else
        std::stable_sort(v.begin(), v.end(), [](const S& a, const S& b) { return py_lt(T(a), T(b)); });
}
// prebuilt for the common items: builtins/containers.hpp, where str is declared

}  // namespace pyrite

namespace pyrite {

// tuple[T, ...]: an immutable sequence of any length, over a list's storage that
// nothing ever changes (so copies share it, and it needs no write-back).
// a loop's uncounted step along the lists of a list of lists (opt/borrow.cpp; object.hpp's Borrow)
template <class T>
inline ListObject<T>* borrowed_pointer(const List<T>& l) {
    return l.object();
}
template <class T>
inline void borrow_set(List<T>& dst, ListObject<T>* p) {
    dst.borrow_detach();
    if (p) dst.borrow_adopt(p);
}
template <class T>
inline void borrow_assign(List<T>& dst, const List<T>& src) {
    borrow_set(dst, src.object());
}

template <class T>
class Tuple {
public:
    Tuple() = default;
    explicit Tuple(List<T> l) : l_(std::move(l)) {}
    static Tuple make() { return Tuple(List<T>::make()); }
    template <class... U>
    static Tuple of_tuple(const std::tuple<U...>& t) {
        List<T> l = List<T>::make();
        std::apply([&](const auto&... x) { (l.append(T(x)), ...); }, t);
        return Tuple(l);
    }
    i64 len() const { return l_.len(); }
    T at(i64 i) const { return l_.at(i); }
    T get(i64 i) const {
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "tuple index out of range");
        return l_.at(i);
    }
    Tuple slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        return Tuple(l_.slice(hs, start, he, stop, hp, step));
    }
    bool contains(const T& v) const { return l_.contains(v); }
    i64 count(const T& v) const { return l_.count(v); }
    i64 index_of(const T& v) const {
        for (i64 i = 0; i < len(); ++i)
            if (py_eq(at(i), v)) return i;
        raise(Exc::ValueError, "tuple.index(x): x not in tuple");
    }
    Tuple concat(const Tuple& o) const { return Tuple(l_.concat(o.l_)); }
    Tuple repeat(i64 n) const { return Tuple(l_.repeat(n)); }
    const List<T>& list() const { return l_; }
    bool same(const Tuple& o) const { return l_.same(o.l_); }

private:
    List<T> l_;
};

template <class T>
inline bool py_eq(const Tuple<T>& a, const Tuple<T>& b) { return list_compare<Cmp::eq>(a.list(), b.list()); }
template <class T>
inline bool py_lt(const Tuple<T>& a, const Tuple<T>& b) { return list_compare<Cmp::lt>(a.list(), b.list()); }
template <Cmp op, class T>
inline bool tuple_compare(const Tuple<T>& a, const Tuple<T>& b) { return list_compare<op>(a.list(), b.list()); }
template <class T>
inline bool truthy(const Tuple<T>& a) { return a.len() != 0; }
template <class T>
inline void repr_to(std::string& out, const Tuple<T>& t) {
    out += '(';
    for (i64 i = 0; i < t.len(); ++i) {
        if (i) out += ", ";
        repr_to(out, t.at(i));
    }
    out += t.len() == 1 ? ",)" : ")";
}

}  // namespace pyrite
