// Values other than int, float, bool and None crossing the boundary between
// CPython and compiled code: str, range, T | None, and the containers.
//
// The rule (README.md, "Containers at the boundary"): copy in, write back.
// A list argument is converted into a compiled list when the call starts; when
// it ends, normally or by an exception, every argument list whose contents the
// compiled code changed is written back into the caller's list object, in
// place. Identity is kept both ways: the same Python list passed twice (or
// nested twice) becomes one compiled list, and a compiled list that came from
// an argument goes back to Python as that same object (`return xs` returns the
// caller's list, nested lists stay the caller's objects). So for the caller the
// call is observably the same as running the Python function on its objects.
// One caveat, as with any extension that releases the GIL: another thread that
// changes the same list during the call loses its change.
#pragma once
#include <structmember.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <unordered_map>
#include <vector>

#include "array.hpp"
#include "builtins/range.hpp"
#include "capi.hpp"
#include "exceptions.hpp"
#include "generator.hpp"
#include "iter.hpp"
#include "pycall.hpp"

namespace pyrite::capi {

// Every conversion, declared first so that every template below finds it
}  // namespace pyrite::capi
namespace pyrite {
template <class K, class V>
class Dict;
template <class T>
class Set;
template <class T>
class FrozenSet;
class Bytes;  // bytes.hpp, which defines their conversions
class ByteArray;
struct Boxed;
}  // namespace pyrite
namespace pyrite::capi {
inline bool from_py(PyObject* o, Bytes* out, const Where& w);
inline PyObject* to_py(const Bytes& b, Boundary& bd);
inline bool from_py(PyObject* o, ByteArray* out, const Where& w);
inline PyObject* to_py(const ByteArray& b, Boundary& bd);
template <class T>
bool from_py(PyObject* o, List<T>* out, const Where& w);
template <class K, class V>
bool from_py(PyObject* o, Dict<K, V>* out, const Where& w);
template <class T>
bool from_py(PyObject* o, Set<T>* out, const Where& w);
template <class T>
bool from_py(PyObject* o, FrozenSet<T>* out, const Where& w);
template <class T>
bool from_py(PyObject* o, Tuple<T>* out, const Where& w);
template <class T, int N>
bool from_py(PyObject* o, Array<T, N>* out, const Where& w);
template <class T, int N>
PyObject* to_py(const Array<T, N>& a, Boundary& b);
template <class T>
PyObject* to_py(const Tuple<T>& t);
template <class T>
PyObject* to_py(const Tuple<T>& t, Boundary& b);
template <class T>
PyObject* to_py(const List<T>& l, Boundary& b);
template <class K, class V>
PyObject* to_py(const Dict<K, V>& d, Boundary& b);
template <class T>
PyObject* to_py(const Set<T>& s, Boundary& b);
template <class T>
PyObject* to_py(const FrozenSet<T>& s, Boundary& b);
template <class... T>
PyObject* to_py(const std::tuple<T...>& t, Boundary& b);
template <class T>
PyObject* to_py(const std::optional<T>& v, Boundary& b);
PYRITE_RT PyObject* to_py(const Str& s, Boundary& b);
template <class C>
bool from_py(PyObject* o, Ref<C>* out, const Where& w);
template <class Tag, class... T>
inline PyObject* to_py(const Named<Tag, T...>& t, Boundary& b);  // named.hpp
template <class Tag>
inline PyObject* to_py(const Member<Tag>& m, Boundary& b);  // enum.hpp
template <class C>
PyObject* to_py(const Ref<C>& r, Boundary& b);
template <class T, class S, class R>
PyObject* to_py(const Gen<T, S, R>& g, Boundary& b);
inline PyObject* to_py(const ExcArg& a, Boundary& b);
inline PyObject* to_py(const Boxed& v, Boundary& b);  // boxed.hpp
template <class T, class S, class R>
bool from_py(PyObject* o, Gen<T, S, R>* out, const Where& w);
template <int F, class... T>
PyObject* to_py(const Fn<F, T...>& f, Boundary& b);
template <class... F>
PyObject* to_py(const std::variant<F...>& v, Boundary& b);

// str: code points copied out (defined after Boundary, which keeps the strs it met)
PYRITE_RT bool from_py(PyObject* o, Str* out, const Where& w);
inline PyObject* to_py(const Str& s) { return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, s.data(), s.len()); }

// range: its start, stop and step (each must fit 64 bits)
PYRITE_RT bool from_py(PyObject* o, Range* out, const Where& w) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!PyRange_Check(o)) return wrong_type(w, "range", o);
    i64 parts[3];
    const char* names[3] = {"start", "stop", "step"};
    for (int i = 0; i < 3; ++i) {
        PyObject* v = PyObject_GetAttrString(o, names[i]);
        if (!v) return false;
        int overflow = 0;
        parts[i] = PyLong_AsLongLongAndOverflow(v, &overflow);
        Py_DECREF(v);
        if (overflow) {
            char path[200];
            PyErr_Format(PyExc_OverflowError, "%s() argument %s: range bounds too large for pyrite's 64-bit int",
                         w.func, w.path(path, sizeof path));
            return false;
        }
    }
    *out = Range::make(parts[0], parts[1], parts[2]);
    return true;
}
#endif
inline PyObject* to_py(const Range& r) {
    return PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyRange_Type), "LLL", (long long)r.start,
                                 (long long)r.stop, (long long)r.step);
}

// T | None
template <class T>
inline bool from_py(PyObject* o, std::optional<T>* out, const Where& w) {
    if (o == Py_None) {
        *out = std::nullopt;
        return true;
    }
    T v{};
    if (!from_py(o, &v, w)) return false;
    *out = std::move(v);
    return true;
}
template <class T>
inline PyObject* to_py(const std::optional<T>& v) { return v ? to_py(*v) : Py_NewRef(Py_None); }



// A pointer -> index map, open addressing with linear probing (no allocation per entry: a
// call that passes 10^5 instances indexes each of them twice)
class PointerIndex {
public:
    size_t find(const void* key) const {  // kMissing if absent
        if (slots_.empty()) return kMissing;
        for (size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].key == key) return slots_[i].value;
            if (!slots_[i].key) return kMissing;
        }
    }
    void insert(const void* key, size_t value) {
        if ((count_ + 1) * 2 > slots_.size()) grow();
        size_t i = hash(key) & mask_;
        while (slots_[i].key && slots_[i].key != key) i = (i + 1) & mask_;
        if (slots_[i].key) return;  // the first entry for a key stays (as emplace keeps it)
        ++count_;
        slots_[i] = Slot{key, value};
    }
    static constexpr size_t kMissing = ~size_t(0);

private:
    struct Slot {
        const void* key;
        size_t value;
    };
    static size_t hash(const void* p) {
        auto x = reinterpret_cast<std::uintptr_t>(p);
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        return static_cast<size_t>(x ^ (x >> 29));
    }
    PYRITE_RT void grow();  // the library's (core.hpp's prebuilt runtime), as the rest of the boundary's cold code
    Vec<Slot> slots_;
    size_t mask_ = 0, count_ = 0;
};
#if PYRITE_RT_BODIES
PYRITE_RT void PointerIndex::grow() {
    Vec<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{nullptr, 0});
    mask_ = slots_.size() - 1;
    count_ = 0;
    for (const Slot& s : old)
        if (s.key) insert(s.key, s.value);
}
#endif

struct Boundary {
    using WriteBack = bool (*)(Boundary&, PyObject*, Object*);
    struct Entry {
        PyObject* py;         // the caller's object or a result's: a reference held while the boundary lasts (a
                              // write-back that clears a dict may free an item another write-back then finds)
        Object* native;       // an owned reference
        WriteBack writeback;  // identifies the compiled type; null for objects made on the way out
        bool by_native;       // indexed by native (py_of finds it)
    };

    Boundary() = default;
    Boundary(const Boundary&) = delete;
    Boundary& operator=(const Boundary&) = delete;
    PYRITE_RT ~Boundary();

    // The compiled object already made for a Python object, or null. A few entries
    // (the common call) are searched in place; hash maps index them from kIndexed on.
    static constexpr size_t kIndexed = 16;
    const Entry* find(PyObject* py) const {
        if (entries_.size() <= kIndexed) {
            for (const Entry& e : entries_)
                if (e.py == py) return &e;
            return nullptr;
        }
        return find_indexed(py);
    }
    PyObject* py_of(Object* native) const {
        if (!native->crossed) return nullptr;  // made by compiled code (a result's new list)
        if (entries_.size() <= kIndexed) {
            for (const Entry& e : entries_)
                if (e.native == native) return e.py;
            return nullptr;
        }
        return py_of_indexed(native);
    }
    // by_native: whether py_of must find it (an instance of a class keeps its Python object
    // itself, Instance::py_: no second index to fill for each of 10^5 instances)
    PYRITE_RT void add(PyObject* py, Object* native, WriteBack wb, bool by_native = true);

    // Writes every changed argument back into its Python object. Writing back
    // may add entries (new compiled lists stored into an argument): by index.
    PYRITE_RT bool write_back();

    // strs: one the arguments may hold more than once (more references than its container's and
    // the conversion's) is converted once, and a Str that came from one goes back to Python as
    // that object, as CPython's call would return it. Both held to the end of the call: the
    // caller's object outlives a write-back that drops it, and the Str, never the only reference
    // to its text, is never changed in place (`s += t`) behind the object it stands for.
    const Str* str_of(PyObject* py) const {
        size_t i = strs_by_py_.find(py);
        return i == PointerIndex::kMissing ? nullptr : &strs_[i].native;
    }
    PyObject* py_of(const Str& s) const {
        size_t i = strs_by_native_.find(s.object());
        return i == PointerIndex::kMissing ? nullptr : strs_[i].py;
    }
    // by_py: an argument's str (str_of finds it); else a result's, made by to_py
    PYRITE_RT void add(PyObject* py, const Str& native, bool by_py = true);

    // array arguments: views of the caller's buffers, released when the call ends
    PYRITE_RT Py_buffer& add_buffer();
    // the argument whose whole buffer this is (`return a` gives the caller's array back), or null
    PyObject* buffer_owner(const void* data, int ndim, const i64* shape, const i64* strides, i64 itemsize) const {
        for (const auto& b : buffers_) {
            const Py_buffer& v = *b;
            if (!v.obj || v.buf != data || v.ndim != ndim) continue;
            bool same = true;
            for (int k = 0; k < ndim; ++k) same = same && v.shape[k] == shape[k] && v.strides[k] == strides[k] * itemsize;
            if (same) return v.obj;
        }
        return nullptr;
    }
    // an array whose items lie in an argument's buffer (`return a[1:]`, `a.T`, np.diag(m)): a NumPy
    // view of that argument (as_strided of the slice that starts at its first item), so writes
    // through it reach the caller's array, as through NumPy's own view; read-only where the compiled
    // view is. Null when it is none (*failed: a Python error is set)
    PYRITE_RT PyObject* argument_view(const void* data, int ndim, const i64* shape, const i64* strides, i64 itemsize,
                                      bool readonly, bool* failed) const;

private:
    // find and py_of past kIndexed entries: through the indexes, filled first (the library's)
    PYRITE_RT const Entry* find_indexed(PyObject* py) const;
    PYRITE_RT PyObject* py_of_indexed(Object* native) const;
    // stable addresses; a vector (unlike a deque) allocates nothing until an array arrives,
    // and every call that passes a str or a container builds a Boundary
    Vec<std::unique_ptr<Py_buffer>> buffers_;
    Vec<Entry> entries_;
    // the entries before pys_indexed_ by py, those before natives_indexed_ by native: filled when
    // find or py_of first needs them (a document of 20,000 records, none of which any other path
    // reaches (Where::unique), indexed each one twice, to return a number)
    mutable PointerIndex by_py_;
    mutable PointerIndex by_native_;
    mutable size_t pys_indexed_ = 0, natives_indexed_ = 0;
    struct StrEntry {
        PyObject* py;  // a reference held
        Str native;
    };
    Vec<StrEntry> strs_;
    PointerIndex strs_by_py_;
    PointerIndex strs_by_native_;
};
#if PYRITE_RT_BODIES
PYRITE_RT const Boundary::Entry* Boundary::find_indexed(PyObject* py) const {
    for (; pys_indexed_ < entries_.size(); ++pys_indexed_) by_py_.insert(entries_[pys_indexed_].py, pys_indexed_);
    size_t i = by_py_.find(py);
    return i == PointerIndex::kMissing ? nullptr : &entries_[i];
}
PYRITE_RT PyObject* Boundary::py_of_indexed(Object* native) const {
    for (; natives_indexed_ < entries_.size(); ++natives_indexed_)  // indexed when first asked
        if (entries_[natives_indexed_].by_native) by_native_.insert(entries_[natives_indexed_].native, natives_indexed_);
    size_t i = by_native_.find(native);
    return i == PointerIndex::kMissing ? nullptr : entries_[i].py;
}
PYRITE_RT bool Boundary::write_back() {
    for (size_t i = 0; i < entries_.size(); ++i) {
        Entry e = entries_[i];
        if (e.writeback && e.native->changed && !e.writeback(*this, e.py, e.native)) return false;
    }
    return true;
}
PYRITE_RT Boundary::~Boundary() {
    for (auto& v : buffers_)
        if (v->obj) PyBuffer_Release(v.get());  // the glue holds the GIL here
    for (Entry& e : entries_) release(e.native);
    for (Entry& e : entries_) Py_DECREF(e.py);
    for (StrEntry& e : strs_) Py_DECREF(e.py);
}
PYRITE_RT void Boundary::add(PyObject* py, const Str& native, bool by_py) {
    if (by_py) strs_by_py_.insert(py, strs_.size());
    strs_by_native_.insert(native.object(), strs_.size());
    strs_.push_back(StrEntry{Py_NewRef(py), native});
}
PYRITE_RT PyObject* Boundary::argument_view(const void* data, int ndim, const i64* shape, const i64* strides,
                                            i64 itemsize, bool readonly, bool* failed) const {
    // the byte offsets an array's items span from its first one: [lo, hi)
    auto extent = [](int nd, const auto* sh, const auto* st, i64 scale, i64 size, i64* lo, i64* hi) {
        *lo = 0, *hi = size;
        for (int k = 0; k < nd; ++k) {
            if (sh[k] == 0) return false;
            i64 step = static_cast<i64>(sh[k] - 1) * static_cast<i64>(st[k]) * scale;
            (step < 0 ? *lo : *hi) += step;
        }
        return true;
    };
    i64 vlo, vhi;
    if (ndim > 32 || !extent(ndim, shape, strides, itemsize, itemsize, &vlo, &vhi)) return nullptr;
    for (const auto& b : buffers_) {
        const Py_buffer& v = *b;
        i64 lo, hi;
        if (!v.obj || v.itemsize != itemsize || v.ndim > 32 || !extent(v.ndim, v.shape, v.strides, 1, itemsize, &lo, &hi))
            continue;
        const i64 off = static_cast<const char*>(data) - static_cast<const char*>(v.buf);
        if (off + vlo < lo || off + vhi > hi) continue;
        // the argument's index of the first item: its offset along the argument's strides, the
        // longest first, each the quotient rounded down or up (strides of both signs)
        int axes[32];
        for (int k = 0; k < v.ndim; ++k) axes[k] = k;
        std::sort(axes, axes + v.ndim, [&](int x, int y) { return std::abs(v.strides[x]) > std::abs(v.strides[y]); });
        Py_ssize_t at[32] = {};
        i64 rest = off;
        auto solve = [&](auto& self, int j) -> bool {
            if (j == v.ndim) return rest == 0;
            const int k = axes[j];
            const i64 st = v.strides[k];
            if (st == 0 || v.shape[k] == 1) return at[k] = 0, self(self, j + 1);
            i64 q = rest / st;
            if (q * st != rest && ((rest < 0) != (st < 0))) --q;  // floor
            for (i64 c : {q, q + 1}) {
                if (c < 0 || c >= v.shape[k]) continue;
                at[k] = c;
                rest -= c * st;
                if (self(self, j + 1)) return true;
                rest += c * st;
            }
            return false;
        };
        if (!solve(solve, 0)) continue;
        PyObject* numpy = PyImport_ImportModule("numpy");
        PyObject* tricks = PyImport_ImportModule("numpy.lib.stride_tricks");
        PyObject* arr = numpy ? PyObject_CallMethod(numpy, "asarray", "O", v.obj) : nullptr;
        PyObject* index = arr ? PyTuple_New(v.ndim) : nullptr;
        for (int k = 0; index && k < v.ndim; ++k) {
            PyObject* start = PyLong_FromSsize_t(at[k]);
            PyObject* stop = PyLong_FromSsize_t(at[k] + 1);
            PyTuple_SET_ITEM(index, k, start && stop ? PySlice_New(start, stop, nullptr) : nullptr);
            Py_XDECREF(start);
            Py_XDECREF(stop);
            if (!PyTuple_GET_ITEM(index, k)) Py_CLEAR(index);
        }
        PyObject* first = index ? PyObject_GetItem(arr, index) : nullptr;
        PyObject* sh = first ? PyTuple_New(ndim) : nullptr;
        PyObject* st = sh ? PyTuple_New(ndim) : nullptr;
        for (int k = 0; st && k < ndim; ++k) {
            PyTuple_SET_ITEM(sh, k, PyLong_FromLongLong(shape[k]));
            PyTuple_SET_ITEM(st, k, PyLong_FromLongLong(strides[k] * itemsize));
        }
        PyObject* f = st && tricks ? PyObject_GetAttrString(tricks, "as_strided") : nullptr;
        PyObject* args = f ? Py_BuildValue("(OOOOO)", first, sh, st, Py_False, readonly ? Py_False : Py_True) : nullptr;
        PyObject* r = args ? PyObject_Call(f, args, nullptr) : nullptr;  // as_strided(x, shape, strides, subok, writeable)
        for (PyObject* o : {numpy, tricks, arr, index, first, sh, st, f, args}) Py_XDECREF(o);
        if (!r) *failed = true;
        return r;
    }
    return nullptr;
}
PYRITE_RT Py_buffer& Boundary::add_buffer() {
    buffers_.push_back(std::make_unique<Py_buffer>());
    buffers_.back()->obj = nullptr;  // nothing to release until a view is taken
    return *buffers_.back();
}
PYRITE_RT void Boundary::add(PyObject* py, Object* native, WriteBack wb, bool by_native) {
    retain(native);
    Py_INCREF(py);
    native->changed = false;  // from here on: changed by this call
    native->crossed = native->crossed || by_native;
    entries_.push_back(Entry{py, native, wb, by_native});  // (indexed when find or py_of asks)
}
#endif

// str: code points copied out; CPython's cached hash is the same hash, kept. Converted once per
// call where the arguments may hold the object more than once (Boundary::add)
#if PYRITE_RT_BODIES
PYRITE_RT bool from_py(PyObject* o, Str* out, const Where& w) {
    if (!PyUnicode_Check(o)) return wrong_type(w, "str", o);
    // one reference is its container's (or the caller's), one the conversion's; a subclass's
    // instance (a StrEnum member) is never given back for a str compiled code made of it
    Boundary* b = Py_REFCNT(o) > 2 && PyUnicode_CheckExact(o) ? w.boundary : nullptr;
    if (b)
        if (const Str* seen = b->str_of(o)) {
            *out = *seen;
            return true;
        }
    Py_ssize_t n = PyUnicode_GET_LENGTH(o);
    int kind = PyUnicode_KIND(o);
    const void* data = PyUnicode_DATA(o);
    Str s = Str::make(n);
    char_t* d = s.mut();
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1* p = static_cast<const Py_UCS1*>(data);
        for (Py_ssize_t i = 0; i < n; ++i) d[i] = p[i];
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2* p = static_cast<const Py_UCS2*>(data);
        for (Py_ssize_t i = 0; i < n; ++i) d[i] = p[i];
    } else {
        std::memcpy(d, data, static_cast<size_t>(n) * 4);
    }
    s.object()->hash = reinterpret_cast<PyASCIIObject*>(o)->hash;
    if (b) b->add(o, s);
    *out = std::move(s);
    return true;
}
#endif

// ------------------------------------------------------------ to Python, keeping identity
// A str that came in goes back as the caller's object; one that compiled code holds more than
// once (`[labels[c] for c in assignments]`) becomes one Python object, as in CPython
PYRITE_RT PyObject* to_py(const Str& s, Boundary& b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!s.object()) return to_py(s);
    if (PyObject* seen = b.py_of(s)) return Py_NewRef(seen);
    PyObject* o = to_py(s);
    if (o && s.object()->refs > 1) b.add(o, s, false);
    return o;
}
#endif
inline PyObject* to_py(const Range& r, Boundary&) { return to_py(r); }
template <class T>
inline PyObject* to_py(const std::optional<T>& v, Boundary& b) { return v ? to_py(*v, b) : Py_NewRef(Py_None); }
inline PyObject* to_py(i64 v, Boundary&) { return to_py(v); }
inline PyObject* to_py(double v, Boundary&) { return to_py(v); }
inline PyObject* to_py(Real v, Boundary&) { return to_py(v); }
inline PyObject* to_py(std::complex<double> v, Boundary&) { return to_py(v); }
inline PyObject* to_py(bool v, Boundary&) { return to_py(v); }
inline PyObject* to_py(none_t v, Boundary&) { return to_py(v); }

template <class... T, std::size_t... I>
inline PyObject* tuple_to_py(const std::tuple<T...>& t, Boundary& b, std::index_sequence<I...>) {
    PyObject* r = PyTuple_New(sizeof...(T));
    if (!r) return nullptr;
    bool ok = true;
    ((ok = ok && (PyTuple_SET_ITEM(r, I, to_py(std::get<I>(t), b)), PyTuple_GET_ITEM(r, I) != nullptr)), ...);
    if (!ok) {
        Py_DECREF(r);  // unset items are null, which tuple dealloc skips
        return nullptr;
    }
    return r;
}
template <class... T>
PyObject* to_py(const std::tuple<T...>& t, Boundary& b) {
    return tuple_to_py(t, b, std::index_sequence_for<T...>{});
}

template <class T>
inline bool fill_list(PyObject* list, const List<T>& l, Boundary& b) {
    for (i64 i = 0; i < l.len(); ++i) {
        // the item itself, not a copy: a str the list alone holds has one reference (to_py(Str))
        PyObject* x;
        if constexpr (std::is_same_v<typename List<T>::stored_type, T>) x = to_py(l.items()[static_cast<size_t>(i)], b);
        else x = to_py(l.at(i), b);
        if (!x) return false;
        PyList_SET_ITEM(list, i, x);
    }
    return true;
}

template <class T>
PyObject* to_py(const List<T>& l, Boundary& b) {
    if (PyObject* py = b.py_of(l.object())) return Py_NewRef(py);
    PyObject* r = PyList_New(l.len());
    if (!r) return nullptr;
    if (!fill_list(r, l, b)) {
        Py_DECREF(r);
        return nullptr;
    }
    b.add(r, l.object(), nullptr);  // the same compiled list twice in a result is one Python list
    return r;
}

template <class T>
inline bool list_write_back(Boundary& b, PyObject* py, Object* native) {
    List<T> l = List<T>::borrow(static_cast<ListObject<T>*>(native));
    PyObject* fresh = PyList_New(l.len());
    if (!fresh) return false;
    if (!fill_list(fresh, l, b)) {
        Py_DECREF(fresh);
        return false;
    }
    int rc = PyList_SetSlice(py, 0, PY_SSIZE_T_MAX, fresh);
    Py_DECREF(fresh);
    return rc == 0;
}

// ------------------------------------------------------------ from Python
// A container passed twice (or nested twice) is one compiled object: the one
// already made for `o` in this call, if any (1), checked to have the type wanted
// (-1 with a TypeError otherwise), or 0 when `o` is new.
template <class Native, class Obj>
inline int already_converted(PyObject* o, const Where& w, Boundary::WriteBack wb, const char* what, Native* out) {
    if (w.unique) return 0;  // no other path reaches it
    const Boundary::Entry* e = w.boundary->find(o);
    if (!e) return 0;
    if (e->writeback != wb) {
        char path[200];
        PyErr_Format(PyExc_TypeError,
                     "%s() argument %s: this %s is also passed with another element type; pyrite cannot share one "
                     "%s between two compiled types",
                     w.func, w.path(path, sizeof path), what, what);
        return -1;
    }
    *out = Native::borrow(static_cast<Obj*>(e->native));
    return 1;
}


template <class T>
bool from_py(PyObject* o, List<T>* out, const Where& w) {
    if (!PyList_Check(o)) return wrong_type(w, "list", o);
    Boundary& b = *w.boundary;
    if (int seen = already_converted<List<T>, ListObject<T>>(o, w, &list_write_back<T>, "list", out)) return seen > 0;
    List<T> l = List<T>::make();
    auto& items = l.items();
    items.reserve(static_cast<size_t>(PyList_GET_SIZE(o)));
    // __index__/__float__ of an element may run Python code that changes the list
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(o); ++i) {
        T v{};
        if (plain_from_py(PyList_GET_ITEM(o, i), &v)) {  // a float, a small int: no Python code runs
            items.push_back(v);
            continue;
        }
        PyObject* item = Py_NewRef(PyList_GET_ITEM(o, i));
        Where at = w.element(i);
        at.unique = Py_REFCNT(item) <= 2;  // the list's reference and this one
        bool ok = from_py(item, &v, at);
        Py_DECREF(item);
        if (!ok) return false;
        items.push_back(v);
    }
    b.add(o, l.object(), &list_write_back<T>);
    *out = l;
    return true;
}

// ------------------------------------------------------------ instances of the program's classes
// An instance crosses like a list: copied into a compiled instance of the class's struct
// (codegen/emit_class.cpp) once per call, whatever number of times it is passed or reached,
// and its fields assigned during the call written back into the caller's object at the end
// (only those: a field the call did not assign keeps the caller's very object). An instance
// made in compiled code becomes a new object of the user's class, made without running its
// __init__ (as copy and pickle make them), its fields set as object.__setattr__ sets them.
// Only the class itself is accepted, not a subclass, whose methods could differ.
template <class C>
inline bool object_write_back(Boundary& b, PyObject* py, Object* native) {
    return static_cast<C*>(native)->store_(py, b, false);
}

template <class C>
bool from_py(PyObject* o, Ref<C>* out, const Where& w) {
    if (PYRITE_UNLIKELY(!C::py_type)) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", C::qualname);
        return false;
    }
    Boundary& b = *w.boundary;
    if (const Boundary::Entry* e = b.find(o)) {
        C* seen = dynamic_cast<C*>(e->native);
        if (!seen) return wrong_type(w, C::qualname, o);
        *out = Ref<C>::share(seen);
        return true;
    }
    Ref<C> r = C::make_for(Py_TYPE(o));  // of its class: C or one of C's subclasses (not another subclass)
    if (!r.get()) return wrong_type(w, C::qualname, o);
    b.add(o, r.get(), &object_write_back<C>, false);  // before its fields: a cycle leads back here
    r->py_ = o;
    if (!r->load_(o, w)) return false;
    if constexpr (std::is_base_of_v<ExcData, C>)
        if (!load_args(o, r.get(), w)) return false;
    r->changed = true;  // write_back asks it, and it writes what its `dirty` bits say (a store sets only those)
    *out = std::move(r);
    return true;
}

// an exception's args that did not cross (ok false): a TypeError saying what crosses; args released
PYRITE_RT bool args_checked(bool ok, const Where& w, PyObject* args, const char* suffix, const char* what) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!ok && !PyErr_Occurred()) {
        char path[200];
        PyErr_Format(PyExc_TypeError, "%s() argument %s%s: an exception's args cross into compiled code %s, not %R",
                     w.func, w.path(path, sizeof path), suffix, what, args);
    }
    Py_DECREF(args);
    return ok;
}
#endif

// e: ValueError, a parameter: an exception of one of Python's builtin classes (K or one deriving
// from it; not a subclass of the user's, whose str() compiled code cannot know), with no args
// or one of None, bool, int, float or str
template <Exc K>
struct ExcParam {
    Error e;
    operator const Error&() const { return e; }
};
template <Exc K>
bool from_py(PyObject* o, ExcParam<K>* out, const Where& w) {
    Exc kind = K;
    bool builtin = false;
    if (!exc_kind_of(reinterpret_cast<PyObject*>(Py_TYPE(o)), &kind, &builtin) || !builtin || !exc_derives(kind, K))
        return wrong_type(w, exc_name(K), o);
    PyObject* args = PyObject_GetAttrString(o, "args");
    if (!args) return false;
    bool ok = PyTuple_Check(args) && PyTuple_GET_SIZE(args) <= 1;
    if (ok && PyTuple_GET_SIZE(args) == 0) {
        out->e = make_exception(kind, std::string(), false);
    } else if (ok) {
        PyObject* a = PyTuple_GET_ITEM(args, 0);
        if (PyUnicode_Check(a)) {
            PyObject* b = PyUnicode_AsEncodedString(a, "utf-8", "surrogatepass");
            ok = b != nullptr;
            if (b) out->e = make_exception(kind, std::string(PyBytes_AS_STRING(b), static_cast<size_t>(PyBytes_GET_SIZE(b))), true);
            Py_XDECREF(b);
        } else if (a == Py_None || PyBool_Check(a) || PyLong_CheckExact(a) || PyFloat_CheckExact(a)) {
            PyObject* r = PyObject_Repr(a);
            const char* c = r ? PyUnicode_AsUTF8(r) : nullptr;
            ok = c != nullptr;
            if (c) out->e = make_literal_exception(kind, c);
            Py_XDECREF(r);
        } else {
            ok = false;
        }
    }
    return args_checked(ok, w, args, "", "with no args or one None, bool, int, float or str");
}

// the args of an instance of the user's exception class: its args tuple, of None, bool, int,
// float and str (what compiled code passes)
PYRITE_RT bool load_args(PyObject* o, ExcData* d, const Where& w) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyObject* args = PyObject_GetAttrString(o, "args");
    if (!args) return false;
    bool ok = PyTuple_Check(args);
    d->args.clear();
    for (Py_ssize_t k = 0; ok && k < PyTuple_GET_SIZE(args); ++k) {
        PyObject* a = PyTuple_GET_ITEM(args, k);
        if (a == Py_None) d->args.emplace_back();
        else if (PyBool_Check(a)) d->args.emplace_back(a == Py_True);
        else if (PyLong_CheckExact(a)) {
            long long v = PyLong_AsLongLong(a);
            if (v == -1 && PyErr_Occurred()) ok = false;
            else d->args.emplace_back(static_cast<i64>(v));
        } else if (PyFloat_CheckExact(a)) d->args.emplace_back(PyFloat_AS_DOUBLE(a));
        else if (PyUnicode_CheckExact(a)) {
            Str t;
            ok = from_py(a, &t, w);
            if (ok) d->args.emplace_back(t);
        } else ok = false;
    }
    return args_checked(ok, w, args, ".args", "as None, bool, int, float or str");
}
#endif
PYRITE_RT PyObject* arg_to_py(const ExcArg& a) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    switch (a.tag) {
        case ExcArg::None: return Py_NewRef(Py_None);
        case ExcArg::Bool: return PyBool_FromLong(a.i != 0);
        case ExcArg::Int: return PyLong_FromLongLong(a.i);
        case ExcArg::Float: return PyFloat_FromDouble(a.f);
        case ExcArg::Text: return to_py(a.s);
    }
    return nullptr;
}
#endif

// an item of e.args (exceptions.hpp's ExcArg), as the Python value it holds
inline PyObject* to_py(const ExcArg& a, Boundary&) { return arg_to_py(a); }

// an instance made in compiled code, as a new object of the user's class (an exception:
// made as BaseException makes it, its args then set)
PYRITE_RT PyObject* instance_to_py(Instance* r, Boundary& b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (r->py_) return Py_NewRef(static_cast<PyObject*>(r->py_));  // the caller's, or one made already
    PyObject* empty = PyTuple_New(0);
    if (!empty) return nullptr;
    auto* cls = reinterpret_cast<PyTypeObject*>(r->py_class());
    auto* d = dynamic_cast<ExcData*>(r);
    newfunc make = d ? reinterpret_cast<PyTypeObject*>(PyExc_BaseException)->tp_new : PyBaseObject_Type.tp_new;
    PyObject* o = make(cls, empty, nullptr);
    Py_DECREF(empty);
    if (!o) return nullptr;
    b.add(o, r, nullptr, false);  // kept alive (and its py_ valid) while the boundary lasts
    r->py_ = o;  // before its fields: a cycle leads back to this object
    if (d) {
        PyObject* args = PyTuple_New(static_cast<Py_ssize_t>(d->args.size()));
        for (size_t k = 0; args && k < d->args.size(); ++k) {
            PyObject* a = arg_to_py(d->args[k]);
            if (!a) Py_CLEAR(args);
            else PyTuple_SET_ITEM(args, static_cast<Py_ssize_t>(k), a);
        }
        if (!args || PyObject_SetAttrString(o, "args", args) < 0) {
            Py_XDECREF(args);
            Py_DECREF(o);
            return nullptr;
        }
        Py_DECREF(args);
    }
    if (!r->store_(o, b, true)) {
        Py_DECREF(o);
        return nullptr;
    }
    return o;
}
#endif
template <class C>
PyObject* to_py(const Ref<C>& r, Boundary& b) {
    return instance_to_py(r.get(), b);
}
// A value class's instance (opt/values.cpp), which leaves compiled code only as a KeyError's key:
// a new object of the user's class, its fields set as object.__setattr__ sets them (past a frozen
// dataclass's __setattr__), as copy.copy makes one
template <class C, std::enable_if_t<std::is_base_of_v<Value, C>, int> = 0>
PyObject* to_py(const C& v, Boundary& b) {
    PyObject* empty = PyTuple_New(0);
    if (!empty) return nullptr;
    PyObject* o = PyBaseObject_Type.tp_new(reinterpret_cast<PyTypeObject*>(C::py_type), empty, nullptr);
    Py_DECREF(empty);
    if (o && !C::store_fields(v, o, b)) Py_CLEAR(o);
    return o;
}
// KeyError(key) as Python's (dict.hpp's raise_key_error): as _PyErr_SetKeyError makes it
template <class K>
PyObject* key_error_object(const void* key, void* boundary) {
    if (!boundary) {
        PyErr_SetString(PyExc_SystemError, "pyrite: a KeyError's key left compiled code without a boundary");
        return nullptr;
    }
    PyObject* k = to_py(*static_cast<const K*>(key), *static_cast<Boundary*>(boundary));
    if (!k) return nullptr;
    PyObject* o = PyObject_CallOneArg(PyExc_KeyError, k);
    Py_DECREF(k);
    return o;
}
// A function compiled code made (a lambda, a nested def) returned to Python: the Python function the
// enclosing function would have returned, made by pyrite._closures from its source (FnSource<F>, which
// codegen writes) and the values it captured, converted as results are. Python's calls of it run its
// Python code (compiled code's calls of it stay compiled).
PYRITE_RT PyObject* closure_to_py(const char* module, const char* file, const char* source, PyObject* captured)
    PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    static PyObject* make = nullptr;  // pyrite._closures.make, never freed (as the module's other statics)
    if (!make) {
        PyObject* m = PyImport_ImportModule("pyrite._closures");
        if (!m) {
            Py_DECREF(captured);
            return nullptr;
        }
        make = PyObject_GetAttrString(m, "make");
        Py_DECREF(m);
        if (!make) {
            Py_DECREF(captured);
            return nullptr;
        }
    }
    PyObject* r = PyObject_CallFunction(make, "sssO", module, file, source, captured);
    Py_DECREF(captured);
    return r;
}
#endif
template <int F, class... T>
PyObject* to_py(const Fn<F, T...>& f, Boundary& b) {
    // a tuple of the values (of a cell: what it holds now)
    PyObject* captured = to_py(by_value(f).captured, b);
    if (!captured) return nullptr;
    return closure_to_py(FnSource<F>::module, FnSource<F>::file, FnSource<F>::source, captured);
}
template <class... F>
PyObject* to_py(const std::variant<F...>& v, Boundary& b) {
    return std::visit([&](const auto& f) { return to_py(f, b); }, v);
}
// a function a field holds, from Python (an instance Python made, a field Python assigned): compiled
// code holds only the functions it made itself (their captures are compiled values), a TypeError
template <int F, class... T>
bool from_py(PyObject* o, Fn<F, T...>*, const Where& w) {
    return wrong_type(w, "function made by compiled code", o);
}
template <class T>
struct is_fn : std::false_type {};
template <int F, class... T>
struct is_fn<Fn<F, T...>> : std::true_type {};
template <class... F, std::enable_if_t<(is_fn<F>::value && ...), int> = 0>
bool from_py(PyObject* o, std::variant<F...>*, const Where& w) {  // one of several functions
    return wrong_type(w, "function made by compiled code", o);
}

// an exception raised as an instance of the user's class (exceptions.hpp's error_of)
template <class C>
PyObject* exception_object(Object* obj, void* boundary) {
    return instance_to_py(static_cast<Instance*>(obj), *static_cast<Boundary*>(boundary));
}

// e.args of an exception Python code raised (exceptions.hpp's exc_args): false where an arg is
// not a None, bool, int, float or str
template <class D>
bool args_of_py(PyObject* exc, D* data) {
    WithGil gil;
    if (load_args(exc, data, Where{"", "args"})) return true;
    PyErr_Clear();
    return false;
}

// e.__cause__ and e.__suppress_context__ of an exception Python code raised (exceptions.hpp's exc_cause)
template <class E>
std::optional<E> cause_of_py(PyObject* exc, bool* suppress) {
    WithGil gil;
    *suppress = reinterpret_cast<PyBaseExceptionObject*>(exc)->suppress_context != 0;
    PyObject* cause = PyException_GetCause(exc);  // a new reference, which python_error takes
    if (!cause) return std::nullopt;
    return python_error(cause);
}

// the args tuple of a builtin exception compiled code made with them (exceptions.hpp's exception_of)
template <class D>
PyObject* args_object(const D& data) {
    PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(data.args.size()));
    for (size_t i = 0; t && i < data.args.size(); ++i) {
        PyObject* a = arg_to_py(data.args[i]);
        if (!a) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(i), a);
    }
    return t;
}

// A compiled class is the class as it was when compiled: Python code that later replaces a
// method, adds __eq__, or changes a field's default on the class would make compiled code
// silently disagree with it, so every call checks first. The check is the type's version tag
// (CPython changes it whenever the class is modified), against the one recorded at bind time;
// when it differs, the class's __dict__ is compared with the copy taken then, and any change
// is a TypeError naming what changed.
PYRITE_RT void class_snapshot(PyObject* cls, PyObject*& seen, unsigned int& tag) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    PyObject* d = reinterpret_cast<PyTypeObject*>(cls)->tp_dict;
    Py_XSETREF(seen, d ? PyDict_Copy(d) : nullptr);
    if (!seen) PyErr_Clear();
    PyObject* any = PyObject_GetAttrString(cls, "__module__");  // a lookup assigns the version tag
    if (any) Py_DECREF(any); else PyErr_Clear();
    tag = reinterpret_cast<PyTypeObject*>(cls)->tp_version_tag;
}
#endif

__attribute__((noinline)) PYRITE_RT bool class_recheck(PyObject* cls, PyObject*& seen, unsigned int& tag, const char* name,
                                                       const char* const* vars) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!cls || !seen) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class %s was not bound to its compiled module", name);
        return false;
    }
    PyObject* now = reinterpret_cast<PyTypeObject*>(cls)->tp_dict;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    const char* what = nullptr;
    PyObject* which = nullptr;
    // what Python's own machinery caches on a class (copyreg's __slotnames__, abc's), not the program;
    // and the class variables, which compiled code reads at each call and stores into the class
    auto cache = [vars](PyObject* k) {
        if (!PyUnicode_Check(k)) return false;
        for (const char* const* v = vars; *v; ++v)
            if (PyUnicode_CompareWithASCIIString(k, *v) == 0) return true;
        return PyUnicode_CompareWithASCIIString(k, "__slotnames__") == 0 ||
               PyUnicode_CompareWithASCIIString(k, "__abstractmethods__") == 0 ||
               PyUnicode_CompareWithASCIIString(k, "_abc_impl") == 0 || PyUnicode_CompareWithASCIIString(k, "__doc__") == 0;
    };
    while (!what && PyDict_Next(seen, &pos, &key, &value)) {
        if (cache(key)) continue;
        PyObject* v = PyDict_GetItemWithError(now, key);
        // the same object, or an equal constant of the same type (a default put back as it was)
        bool same = v == value ||
                    (v && Py_TYPE(v) == Py_TYPE(value) &&
                     (PyFloat_CheckExact(v) || PyLong_CheckExact(v) || PyUnicode_CheckExact(v) || PyComplex_CheckExact(v)) &&
                     PyObject_RichCompareBool(v, value, Py_EQ) == 1);
        if (!same) what = v ? "was replaced" : "was deleted", which = key;
    }
    pos = 0;
    while (!what && PyDict_Next(now, &pos, &key, &value))
        if (!cache(key) && !PyDict_GetItemWithError(seen, key)) what = "was added", which = key;
    if (PyErr_Occurred()) return false;
    if (what) {
        PyErr_Format(PyExc_TypeError,
                     "pyrite: %s.%U %s after pyrite compiled the class, so compiled code would not see it; "
                     "pyrite compiles a class as it is at the first call (reload the module to compile it again)",
                     name, which, what);
        return false;
    }
    class_snapshot(cls, seen, tag);  // modified, then put back as it was
    return true;
}
#endif

inline bool class_unchanged(PyObject* cls, PyObject*& seen, unsigned int& tag, const char* name, const char* const* vars) {
    if (PYRITE_LIKELY(cls && tag != 0 && reinterpret_cast<PyTypeObject*>(cls)->tp_version_tag == tag)) return true;
    return class_recheck(cls, seen, tag, name, vars);
}

// one field: read from the caller's object (false: it has none, which `optional` fields may)
template <class T>
inline bool load_field(PyObject* o, PyObject* name, T* out, const Where& w, bool optional, bool* present) {
    PyObject* v = PyObject_GetAttr(o, name);
    if (!v) {
        if (optional && PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Clear();
            *present = false;
            return true;
        }
        return false;
    }
    *present = true;
    bool ok = from_py(v, out, w);
    Py_DECREF(v);
    return ok;
}

template <class T>
inline bool store_field(PyObject* o, PyObject* name, const T& value, Boundary& b) {
    PyObject* v = to_py(value, b);
    if (!v) return false;
    int rc = PyObject_GenericSetAttr(o, name, v);
    Py_DECREF(v);
    return rc == 0;
}
// a field by its name (a value class's: C::store_fields)
template <class T>
inline bool store_named(PyObject* o, const char* name, const T& value, Boundary& b) {
    PyObject* n = PyUnicode_InternFromString(name);
    bool ok = n && store_field(o, n, value, b);
    Py_XDECREF(n);
    return ok;
}

// ------------------------------------------------------------ a module's globals
// A module's list, dict or set global during one call from Python (templates/module.cpp.j2): the
// module's variable holds this call's copy, and after the call what it held before (an outer
// call's, where Python code that compiled code called calls in again)
template <class T>
struct GlobalSlot {
    T* slot;
    T saved;
    explicit GlobalSlot(T* s) : slot(s), saved(std::move(*s)) {}
    GlobalSlot(const GlobalSlot&) = delete;
    GlobalSlot& operator=(const GlobalSlot&) = delete;
    ~GlobalSlot() { *slot = std::move(saved); }
};
// the global w.param of `module` as it is now, converted as an argument is (the Boundary writes
// it back if compiled code changes it); NameError where the module no longer has it
template <class T>
bool load_global(const char* module, T* out, const Where& w) {
    // sys.modules looked up directly: PyImport_GetModule also asks the module's __spec__ whether it
    // is still initializing, which made a call 6x slower than passing the list as an argument
    PyObject* mod = PyDict_GetItemString(PyImport_GetModuleDict(), module);  // borrowed
    PyObject* v = nullptr;
    if (mod && PyModule_Check(mod)) {
        v = PyDict_GetItemString(PyModule_GetDict(mod), w.param);  // borrowed: the module holds it
        Py_XINCREF(v);
    }
    if (!v) {
        if (!PyErr_Occurred()) PyErr_Format(PyExc_NameError, "name '%s' is not defined", w.param);
        return false;
    }
    bool ok = from_py(v, out, w);
    Py_DECREF(v);  // the Boundary holds it (copy-in and write-back)
    return ok;
}

// a class variable (frontend/lower_class_vars.cpp): the attribute w.param of the class as it is now
// (a subclass reads its base's), converted as an argument is; AttributeError where Python deleted it
template <class T>
bool load_class_var(PyObject* cls, T* out, const Where& w) {
    if (!cls) {
        PyErr_Format(PyExc_SystemError, "pyrite: the class of '%s' was not bound to its compiled module", w.param);
        return false;
    }
    PyObject* v = PyObject_GetAttrString(cls, w.param);
    if (!v) return false;
    bool ok = from_py(v, out, w);
    Py_DECREF(v);  // the Boundary holds a container (copy-in and write-back)
    return ok;
}

// a class variable's value stored into its class as the call returns, where the call changed it (a
// store changes the class's version tag: its check then compares the class's dict again)
template <class T>
bool store_class_var(PyObject* cls, const char* name, const T& before, const T& value) {
    if (before == value) return true;
    PyObject* v = to_py(value);
    if (!v) return false;
    int rc = PyObject_SetAttrString(cls, name, v);
    Py_DECREF(v);
    return rc == 0;
}

// a rebound global's value (`global counter` in compiled code) stored into its module as the call
// returns: what Python then reads there
template <class T>
bool store_global(const char* module, const char* name, const T& value) {
    PyObject* mod = PyDict_GetItemString(PyImport_GetModuleDict(), module);  // borrowed
    if (!mod || !PyModule_Check(mod)) return true;  // the module is gone: nothing reads it
    PyObject* v = to_py(value);
    if (!v) return false;
    int rc = PyDict_SetItemString(PyModule_GetDict(mod), name, v);
    Py_DECREF(v);
    return rc == 0;
}

// ------------------------------------------------------------ dict
// In and out in insertion order; a changed argument dict is cleared and refilled
// in place, so the caller's object (and its identity) is kept.
// A dict subclass (OrderedDict, a user's) is read through its own items() and written
// through its own clear() and __setitem__: its order and its own bookkeeping are kept.
template <class K, class V>
inline bool fill_dict(PyObject* py, const Dict<K, V>& d, Boundary& b) {
    const bool exact = PyDict_CheckExact(py);
    for (i64 pos = d.next_pos(0); pos < d.end_pos(); pos = d.next_pos(pos + 1)) {
        const auto& e = d.entry(pos);
        PyObject* k = to_py(e.key, b);
        if (!k) return false;
        PyObject* v = to_py(e.value, b);
        if (!v) {
            Py_DECREF(k);
            return false;
        }
        int rc = exact ? PyDict_SetItem(py, k, v) : PyObject_SetItem(py, k, v);
        Py_DECREF(k);
        Py_DECREF(v);
        if (rc < 0) return false;
    }
    return true;
}

// a compiled dict as the Python object make() returns (a dict; a defaultdict, a Counter), filled
template <class K, class V, class Make>
PyObject* dict_to_py_as(const Dict<K, V>& d, Boundary& b, Make make) {
    if (PyObject* py = b.py_of(d.object())) return Py_NewRef(py);
    PyObject* r = make();
    if (!r) return nullptr;
    b.add(r, d.object(), nullptr);
    if (!fill_dict(r, d, b)) {
        Py_DECREF(r);
        return nullptr;
    }
    return r;
}
template <class K, class V>
PyObject* to_py(const Dict<K, V>& d, Boundary& b) {
    return dict_to_py_as(d, b, [] { return PyDict_New(); });
}

// a dict subclass whose class is `cls` (collections.defaultdict, Counter): an instance of it,
// its items copied in as a dict's (its __missing__ is what compiled code does itself)
template <class K, class V>
bool subclass_from_py(PyObject* o, PyObject* cls, const char* expected, Dict<K, V>* out, const Where& w) {
    if (!cls) return false;
    int is = PyObject_IsInstance(o, cls);
    if (is < 0) return false;
    if (!is) return wrong_type(w, expected, o);
    return dict_from_py(o, out, w, true);
}

template <class K, class V>
inline bool dict_write_back(Boundary& b, PyObject* py, Object* native) {
    Dict<K, V> d = Dict<K, V>::borrow(static_cast<DictObject<K, V>*>(native));
    if (PyDict_CheckExact(py)) {
        PyDict_Clear(py);
    } else {
        PyObject* r = PyObject_CallMethod(py, "clear", nullptr);
        if (!r) return false;
        Py_DECREF(r);
    }
    return fill_dict(py, d, b);
}

// a dict's items, copied in; missing_ok: a subclass with __missing__ is taken (a defaultdict
// whose factory compiled code makes itself: defaultdict.hpp)
template <class K, class V>
bool dict_from_py(PyObject* o, Dict<K, V>* out, const Where& w, bool missing_ok) {
    if (!PyDict_Check(o)) return wrong_type(w, "dict", o);
    Boundary& b = *w.boundary;
    if (int seen = already_converted<Dict<K, V>, DictObject<K, V>>(o, w, &dict_write_back<K, V>, "dict", out))
        return seen > 0;
    if (!PyDict_CheckExact(o)) {  // a subclass: its own order (an OrderedDict's move_to_end)
        Dict<K, V> d = Dict<K, V>::make();
        if (!missing_ok && PyObject_HasAttrString(reinterpret_cast<PyObject*>(Py_TYPE(o)), "__missing__")) {
            // defaultdict, Counter: d[k] of a missing key makes one in CPython, compiled code cannot
            char path[200];
            PyErr_Format(PyExc_TypeError,
                         "%s() argument %s must be a dict, not %.200s: its __missing__ makes the keys d[k] "
                         "reads, which compiled code cannot call (pass dict(...))",
                         w.func, w.path(path, sizeof path), Py_TYPE(o)->tp_name);
            return false;
        }
        PyObject* pairs = PyMapping_Items(o);
        if (!pairs) return false;
        Vec<std::pair<K, V>> items;
        for (Py_ssize_t i = 0, n = PyList_GET_SIZE(pairs); i < n; ++i) {
            PyObject* kv = PyList_GET_ITEM(pairs, i);
            K key{};
            V value{};
            if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2 || !from_py(PyTuple_GET_ITEM(kv, 0), &key, w.key_of()) ||
                !from_py(PyTuple_GET_ITEM(kv, 1), &value, w.value_of(PyTuple_GET_ITEM(kv, 0)))) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "items() of a dict subclass must give (key, value) pairs");
                Py_DECREF(pairs);
                return false;
            }
            items.emplace_back(std::move(key), std::move(value));
        }
        Py_DECREF(pairs);
        for (auto& kv : items) d.set(kv.first, kv.second);
        b.add(o, d.object(), &dict_write_back<K, V>);
        *out = d;
        return true;
    }
    // a key's or value's __index__/__float__ may run Python code, so each pair is held while
    // it converts and a change of the dict's size stops the copy; d, sized once, is the caller's
    // only when whole (a document's 20,000 records each took a list of pairs and two growths)
    Py_ssize_t pos = 0, size = PyDict_GET_SIZE(o);
    Dict<K, V> d = Dict<K, V>::make_sized(size);
    PyObject *k, *v;
    while (PyDict_Next(o, &pos, &k, &v)) {
        Py_INCREF(k);
        Py_INCREF(v);
        K key{};
        V value{};
        Where at = w.value_of(k);
        at.unique = Py_REFCNT(v) <= 2;  // the dict's reference and this one
        bool ok = from_py(k, &key, w.key_of()) && from_py(v, &value, at);
        Py_DECREF(k);
        Py_DECREF(v);
        if (!ok) return false;
        if (PyDict_GET_SIZE(o) != size) {
            PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
            return false;
        }
        d.set(key, value);
    }
    b.add(o, d.object(), &dict_write_back<K, V>);
    *out = d;
    return true;
}
template <class K, class V>
bool from_py(PyObject* o, Dict<K, V>* out, const Where& w) { return dict_from_py(o, out, w, false); }

// ------------------------------------------------------------ set
// A set's slot layout decides its iteration order, so it crosses as a layout:
// copy-in reads the caller's table slot by slot (same size, same positions,
// same dummies), and write-back or a returned set writes pyrite's table into
// the Python set object the same way. A set then iterates in the same order on
// both sides, and keeps doing so as either side changes it. A frozenset crosses
// the same way, into a new frozenset (empty, so never cleared: PySet_Clear takes
// a set only), and is never written back.
template <class T>
inline bool fill_set(PyObject* py, const Set<T>& s, Boundary& b) {
    bool fresh = PyFrozenSet_CheckExact(py);
    auto* so = reinterpret_cast<PySetObject*>(py);
    auto& slots = s.slots();
    size_t n = slots.size();
    // convert every item first: a failure leaves the Python set as it was
    Vec<PyObject*> keys(n, nullptr);
    for (size_t i = 0; i < n; ++i) {
        if (slots[i].state != 1) continue;
        keys[i] = to_py(slots[i].key, b);
        if (!keys[i]) {
            for (PyObject* k : keys) Py_XDECREF(k);
            return false;
        }
    }
    // an instance hashed by identity hashes by its native address in compiled code, by its Python
    // object's in Python: such a set (whose order compiled code never shows) is rebuilt by Python
    if constexpr (!std::is_arithmetic_v<T> && !std::is_same_v<T, Str>) {
        bool agree = true;
        for (size_t i = 0; i < n && agree; ++i) {
            if (!keys[i]) continue;
            Py_hash_t h = PyObject_Hash(keys[i]);
            if (h == -1) {
                for (PyObject* k : keys) Py_XDECREF(k);
                return false;
            }
            agree = h == slots[i].hash;
        }
        if (!agree) {  // (PySet_Add takes a new frozenset, no other)
            int rc = fresh ? 0 : PySet_Clear(py);
            for (size_t i = 0; i < n && rc == 0; ++i)
                if (keys[i]) rc = PySet_Add(py, keys[i]);
            for (PyObject* k : keys) Py_XDECREF(k);
            return rc == 0;
        }
    }
    setentry* table = n == PySet_MINSIZE ? so->smalltable : PyMem_New(setentry, n);
    if (!table) {
        for (PyObject* k : keys) Py_XDECREF(k);
        PyErr_NoMemory();
        return false;
    }
    if (!fresh && PySet_Clear(py) < 0) {
        if (table != so->smalltable) PyMem_Free(table);
        for (PyObject* k : keys) Py_XDECREF(k);
        return false;
    }
    // PySet_Clear left the small table in place
    std::memset(table, 0, sizeof(setentry) * n);
    for (size_t i = 0; i < n; ++i) {
        if (slots[i].state == 1) {
            table[i].key = keys[i];
            table[i].hash = slots[i].hash;
        } else if (slots[i].state == 2) {
            table[i].key = _PySet_Dummy;
            table[i].hash = -1;
        }
    }
    so->table = table;
    so->mask = static_cast<Py_ssize_t>(n) - 1;
    so->fill = s.object()->fill;
    so->used = s.object()->used;
    so->finger = s.object()->finger;
    return true;
}

template <class T>
PyObject* to_py(const Set<T>& s, Boundary& b) {
    if (PyObject* py = b.py_of(s.object())) return Py_NewRef(py);
    PyObject* r = PySet_New(nullptr);
    if (!r) return nullptr;
    b.add(r, s.object(), nullptr);
    if (!fill_set(r, s, b)) {
        Py_DECREF(r);
        return nullptr;
    }
    return r;
}

// a frozenset: a new one, filled before the boundary knows it (so that PySet_Add may still fill it)
template <class T>
PyObject* to_py(const FrozenSet<T>& s, Boundary& b) {
    if (PyObject* py = b.py_of(s.object())) return Py_NewRef(py);
    PyObject* r = PyFrozenSet_New(nullptr);
    if (!r) return nullptr;
    if (!fill_set(r, s, b)) {
        Py_DECREF(r);
        return nullptr;
    }
    b.add(r, s.object(), nullptr);
    return r;
}

template <class T>
inline bool set_write_back(Boundary& b, PyObject* py, Object* native) {
    return fill_set(py, Set<T>::borrow(static_cast<SetObject<T>*>(native)), b);
}

// a Python set's or frozenset's table as pyrite's: its items converted, in the same slots
template <class T>
inline bool read_set(PyObject* o, const Where& w, Set<T>* out) {
    auto* so = reinterpret_cast<PySetObject*>(o);
    size_t n = static_cast<size_t>(so->mask) + 1;
    Vec<typename Set<T>::Slot> slots(n);
    // the table may change while items convert (__index__): copy its entries first
    Vec<setentry> table(so->table, so->table + n);
    for (setentry& e : table) Py_XINCREF(e.key == _PySet_Dummy ? nullptr : e.key);
    bool ok = true, same_hashes = true;
    for (size_t i = 0; i < n; ++i) {
        setentry& e = table[i];
        if (!e.key) continue;
        if (e.key == _PySet_Dummy) {
            slots[i].state = 2;
            slots[i].hash = -1;
            continue;
        }
        T v{};
        if (ok && !from_py(e.key, &v, w.key_of())) ok = false;
        slots[i].key = v;
        // the hash pyrite computes for the converted item (CPython's for every pyrite type)
        slots[i].hash = ok ? py_hash(v) : 0;
        slots[i].state = 1;
        same_hashes = same_hashes && slots[i].hash == e.hash;
    }
    for (setentry& e : table)
        if (e.key != _PySet_Dummy) Py_XDECREF(e.key);
    if (!ok) return false;
    Set<T> s = Set<T>::make();
    if (same_hashes) {
        s.slots().swap(slots);
        s.set_counts(so->fill, so->used);
        s.object()->finger = so->finger;
    } else {  // an item whose Python hash is its own (a subclass): rebuilt with pyrite's hashes
        for (const auto& slot : slots)
            if (slot.state == 1) s.add(slot.key);
    }
    *out = s;
    return true;
}

template <class T>
bool from_py(PyObject* o, Set<T>* out, const Where& w) {
    if (!PySet_CheckExact(o)) return wrong_type(w, "set", o);
    if (int seen = already_converted<Set<T>, SetObject<T>>(o, w, &set_write_back<T>, "set", out)) return seen > 0;
    if (!read_set(o, w, out)) return false;
    w.boundary->add(o, out->object(), &set_write_back<T>);
    return true;
}

// a frozenset never changes on either side: a copy of it, never written back; returned, it is the
// caller's own object again (not looked up by its Python object: the one empty frozenset CPython
// has may be passed as two parameters of two item types)
template <class T>
bool from_py(PyObject* o, FrozenSet<T>* out, const Where& w) {
    if (!PyFrozenSet_CheckExact(o)) return wrong_type(w, "frozenset", o);
    Set<T> s;
    if (!read_set(o, w, &s)) return false;
    *out = FrozenSet<T>(s);
    w.boundary->add(o, out->object(), nullptr);
    return true;
}

// ------------------------------------------------------------ tuple[T, ...]
template <class T>
bool from_py(PyObject* o, Tuple<T>* out, const Where& w) {
    if (!PyTuple_Check(o)) return wrong_type(w, "tuple", o);
    List<T> l = List<T>::make();
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); ++i) {
        T v{};
        if (!from_py(PyTuple_GET_ITEM(o, i), &v, w.element(i))) return false;
        l.items().push_back(v);
    }
    *out = Tuple<T>(l);
    return true;
}
template <class T>
PyObject* to_py(const Tuple<T>& t, Boundary& b) {
    PyObject* r = PyTuple_New(t.len());
    if (!r) return nullptr;
    for (i64 i = 0; i < t.len(); ++i) {
        PyObject* x = to_py(t.at(i), b);
        if (!x) {
            Py_DECREF(r);
            return nullptr;
        }
        PyTuple_SET_ITEM(r, i, x);
    }
    return r;
}
template <class T>
PyObject* to_py(const Tuple<T>& t) {
    Boundary b;
    return to_py(t, b);
}

// ------------------------------------------------------------ arrays (pyrite.f64[...])
// The buffer protocol's name for a format, as NumPy spells dtypes, for messages
inline const char* dtype_name(const char* format) {
    if (!format) return "uint8";
    const char* f = format;
    if (*f == '<' || *f == '=' || *f == '@' || *f == '>' || *f == '!') ++f;
    switch (*f) {
        case 'd': return "float64";
        case 'f': return "float32";
        case 'e': return "float16";
        case 'q': case 'l': return "int64";
        case 'i': return "int32";
        case 'h': return "int16";
        case 'b': return "int8";
        case 'Q': case 'L': return "uint64";
        case 'I': return "uint32";
        case 'H': return "uint16";
        case 'B': return "uint8";
        case '?': return "bool";
        case 'Z': return f[1] == 'd' ? "complex128" : "complex64";
        default: return format;
    }
}

// A view of the caller's memory (never a copy): any order, any strides. A
// read-only buffer is accepted and raises NumPy's ValueError on the first write.
template <class T>
constexpr const char* dtype_of() { return np::dtype_name<T>(); }

template <class T, int N>
bool from_py(PyObject* o, Array<T, N>* out, const Where& w) {
    Boundary& b = *w.boundary;
    Py_buffer& view = b.add_buffer();
    bool readonly = false;
    if (PyObject_GetBuffer(o, &view, PyBUF_RECORDS) < 0) {
        PyErr_Clear();
        if (PyObject_GetBuffer(o, &view, PyBUF_RECORDS_RO) < 0) {
            PyErr_Clear();
            view.obj = nullptr;  // nothing to release
            char want[64];
            std::snprintf(want, sizeof want, "a %s array", dtype_of<T>());
            return wrong_type(w, want, o);
        }
        readonly = true;
    }
    char path[200];
    const char* fmt = view.format ? view.format : "B";
    if (std::strcmp(dtype_name(fmt), dtype_of<T>()) != 0 || view.itemsize != static_cast<Py_ssize_t>(sizeof(T))) {
        PyErr_Format(PyExc_TypeError, "%s() argument %s must be a %s array, not %s", w.func, w.path(path, sizeof path),
                     dtype_of<T>(), dtype_name(view.format));
        return false;
    }
    if (view.ndim != N) {
        PyErr_Format(PyExc_TypeError, "%s() argument %s must be a %d-dimensional array, not %d-dimensional", w.func,
                     w.path(path, sizeof path), N, view.ndim);
        return false;
    }
    Array<T, N> a;
    a.data = static_cast<T*>(view.buf);
    for (int k = 0; k < N; ++k) {
        if (view.strides[k] % static_cast<Py_ssize_t>(sizeof(T)) != 0) {
            PyErr_Format(PyExc_TypeError, "%s() argument %s: strides that are not a multiple of the item size",
                         w.func, w.path(path, sizeof path));
            return false;
        }
        a.shape[k] = view.shape[k];
        a.strides[k] = view.strides[k] / static_cast<Py_ssize_t>(sizeof(T));
    }
    a.readonly = readonly;
    *out = a;
    return true;
}

// ------------------------------------------------------------ NumPy scalars
// a value of a NumPy dtype going back to Python: a numpy scalar of that dtype
// (numpy.float32(x), numpy.int8(x)), as the interpreted function returns
template <class T>
struct NpScalar {
    T v{};
    NpScalar() = default;
    NpScalar(T x) : v(x) {}  // NOLINT: converts implicitly, from the compiled function's result
    operator T() const { return v; }  // NOLINT: and to the compiled function's parameter
};
// a parameter annotated np.float32 (np.int8, ...): a numpy scalar of exactly that dtype; a
// Python number is a TypeError naming the parameter (its arithmetic would be Python's)
template <class T>
bool from_py(PyObject* o, NpScalar<T>* out, const Where& w) {
    static PyObject* type = nullptr;
    if (!module_attr(type, "numpy", np::dtype_name<T>())) return false;
    if (!PyObject_TypeCheck(o, reinterpret_cast<PyTypeObject*>(type)))
        return wrong_type(w, (std::string("numpy.") + np::dtype_name<T>()).c_str(), o);
    if constexpr (std::is_same_v<T, bool>) {
        int b = PyObject_IsTrue(o);
        if (b < 0) return false;
        out->v = b != 0;
    } else if constexpr (std::is_floating_point_v<T>) {
        double d = PyFloat_AsDouble(o);
        if (d == -1.0 && PyErr_Occurred()) return false;
        out->v = static_cast<T>(d);  // exact: the value is of dtype T
    } else if constexpr (np::is_complex<T>::value) {
        Py_complex c = PyComplex_AsCComplex(o);
        if (c.real == -1.0 && PyErr_Occurred()) return false;
        out->v = T(static_cast<typename T::value_type>(c.real), static_cast<typename T::value_type>(c.imag));
    } else {
        PyObject* i = PyNumber_Index(o);
        if (!i) return false;
        if constexpr (std::is_unsigned_v<T>) out->v = static_cast<T>(PyLong_AsUnsignedLongLong(i));
        else out->v = static_cast<T>(PyLong_AsLongLong(i));
        Py_DECREF(i);
        if (PyErr_Occurred()) return false;
    }
    return true;
}
template <class T>
PyObject* to_py(const NpScalar<T>& x) {
    static PyObject* type = nullptr;  // numpy's scalar type
    if (!module_attr(type, "numpy", np::dtype_name<T>())) return nullptr;
    PyObject* value;
    if constexpr (std::is_same_v<T, bool>) value = Py_NewRef(x.v ? Py_True : Py_False);
    else if constexpr (std::is_floating_point_v<T>) value = PyFloat_FromDouble(static_cast<double>(x.v));
    else if constexpr (np::is_complex<T>::value) value = PyComplex_FromDoubles(static_cast<double>(x.v.real()), static_cast<double>(x.v.imag()));
    else if constexpr (std::is_unsigned_v<T>) value = PyLong_FromUnsignedLongLong(x.v);
    else value = PyLong_FromLongLong(x.v);
    if (!value) return nullptr;
    PyObject* r = PyObject_CallOneArg(type, value);
    Py_DECREF(value);
    return r;
}
template <class T>
PyObject* to_py(const NpScalar<T>& x, Boundary&) { return to_py(x); }

// A new, empty numpy.ndarray for an array of this shape and these steps (in items), laid out as
// they are when they are dense in some order of the axes: C, Fortran, or another order (NumPy's
// order K keeps the operands' order: an einsum's result, a transposed temporary); else C-ordered
PYRITE_RT PyObject* new_ndarray_like(int n, const i64* shape, const i64* strides, const char* dtype) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    bool c_order = true, f_order = true;
    for (i64 k = n - 1, s = 1; k >= 0; s *= shape[k], --k) c_order = c_order && (shape[k] == 1 || strides[k] == s);
    for (i64 k = 0, s = 1; k < n; s *= shape[k], ++k) f_order = f_order && (shape[k] == 1 || strides[k] == s);
    int perm[64];  // the axes from the largest step to the smallest
    bool dense = !c_order && !f_order && n <= 64;
    if (dense) {
        for (int k = 0; k < n; ++k) perm[k] = k;
        for (int i = 1; i < n; ++i)
            for (int j = i; j > 0 && strides[perm[j]] > strides[perm[j - 1]]; --j) std::swap(perm[j], perm[j - 1]);
        for (i64 k = n - 1, s = 1; k >= 0; --k) {
            dense = dense && (shape[perm[k]] == 1 || strides[perm[k]] == s);
            s *= shape[perm[k]];
        }
    }
    PyObject* numpy = PyImport_ImportModule("numpy");
    if (!numpy) return nullptr;
    PyObject* dims = PyTuple_New(n);
    if (!dims) {
        Py_DECREF(numpy);
        return nullptr;
    }
    for (int k = 0; k < n; ++k) PyTuple_SET_ITEM(dims, k, PyLong_FromLongLong(shape[dense ? perm[k] : k]));
    PyObject* r = PyObject_CallMethod(numpy, "empty", "Oss", dims, dtype, f_order && !c_order ? "F" : "C");
    Py_DECREF(dims);
    Py_DECREF(numpy);
    if (!r || !dense) return r;
    PyObject* axes = PyTuple_New(n);  // axis perm[k] of the result is axis k of r
    if (!axes) {
        Py_DECREF(r);
        return nullptr;
    }
    for (int k = 0; k < n; ++k) PyTuple_SET_ITEM(axes, perm[k], PyLong_FromLong(k));
    PyObject* t = PyObject_CallMethod(r, "transpose", "O", axes);
    Py_DECREF(axes);
    Py_DECREF(r);
    return t;
}
#endif

// To Python: the caller's own array when this is one of the arguments, whole; otherwise a new
// numpy.ndarray that owns a copy, laid out as the array is where it is dense (NumPy's
// element-wise results keep their operands' order), else C-ordered
template <class T, int N>
PyObject* to_py(const Array<T, N>& a, Boundary& b) {
    if (PyObject* own = b.buffer_owner(a.data, N, a.shape, a.strides, sizeof(T))) return Py_NewRef(own);
    bool failed = false;
    if (PyObject* view = b.argument_view(a.data, N, a.shape, a.strides, sizeof(T), a.readonly, &failed)) return view;
    if (failed) return nullptr;
    PyObject* r = new_ndarray_like(N, a.shape, a.strides, dtype_of<T>());
    if (!r) return nullptr;
    Py_buffer view;
    if (PyObject_GetBuffer(r, &view, PyBUF_RECORDS) < 0) {
        Py_DECREF(r);
        return nullptr;
    }
    T* out = static_cast<T*>(view.buf);
    i64 ostrides[N];
    for (int k = 0; k < N; ++k) ostrides[k] = view.strides[k] / static_cast<Py_ssize_t>(sizeof(T));
    bool same_layout = true;  // the same steps, and r is dense: one block
    for (int k = 0; k < N; ++k) same_layout = same_layout && (a.shape[k] == 1 || a.strides[k] == ostrides[k]);
    if (same_layout)
        std::memcpy(static_cast<void*>(out), a.data, static_cast<size_t>(view.len));
    else
        each_index<N>(a.shape, [&](i64, const i64* idx) { out[offset_of<N>(idx, ostrides)] = a.data[offset_of<N>(idx, a.strides)]; });
    PyBuffer_Release(&view);
    if (a.readonly) {  // a read-only view (np.diag of a matrix) goes back as NumPy's would: not writeable
        PyObject* flags = PyObject_GetAttrString(r, "flags");
        int bad = flags ? PyObject_SetAttrString(flags, "writeable", Py_False) : -1;
        Py_XDECREF(flags);
        if (bad) Py_CLEAR(r);
    }
    return r;
}

// ------------------------------------------------------------ generators
// A generator object compiled code returns to Python (generator.hpp's Gen<T, S, R>): an iterator
// with CPython's generator protocol, __next__, send(), throw(), close() and its repr. Its items
// are values that cross by value (numbers, str, None, tuples of them), and the function that
// made it took only such arguments (typeinfer checks both), so nothing it reads or yields is a
// copy of an object the caller can change between two next() calls. What it returns is the
// value of the StopIteration that ends it; what it is sent is converted to S as an argument is.
struct GenOps {  // what the object does with its Gen<T, S, R>, for one of them
    // the next item (a new reference) after resuming it with `value` (null: next()); null with
    // an error set otherwise: its end is StopIteration (with the value it returned, if not None)
    PyObject* (*send)(void* gen, PyObject* value);
    PyObject* (*throw_)(void* gen);  // raises the pending Python error at its yield
    bool (*close)(void* gen);        // false with a Python error set
    bool (*started)(void* gen);
    void (*free)(void* gen);
};
struct PyGen {
    PyObject_HEAD
    void* gen;
    const GenOps* ops;
    PyObject* name;
    PyObject* qualname;
};

inline PyObject* raise_from_generator(const Error& e) {
    Boundary errors;  // an exception raised as an instance becomes the user's object
    if (e.limit) {  // an int left 64 bits: CPython cannot take over a generator that has started
        std::string text = std::string(e.message()) + "; CPython could not run the call again: a generator's "
                           "items are computed one next() at a time (README: Python's int)";
        Error out(e.kind, text.c_str());
        out.limit = true;
        out.state = e.state;
        return set_error(out, &errors);
    }
    return set_error(e, &errors);
}

// the end of a generator Python drives: StopIteration, whose value is what it returned
template <class G>
PyObject* generator_ended(const G& g) {
    if constexpr (!std::is_same_v<typename G::Result, none_t>) {
        if (!g.returned_now()) {
            PyErr_SetNone(PyExc_StopIteration);
            return nullptr;
        }
        Boundary b;
        PyObject* v = to_py(g.result(), b);
        if (!v) return nullptr;
        if (v != Py_None) {  // as _PyGen_SetStopIterationValue: StopIteration(v), never unpacked
            PyObject* stop = PyObject_CallOneArg(PyExc_StopIteration, v);
            Py_DECREF(v);
            if (stop) {
                PyErr_SetObject(PyExc_StopIteration, stop);
                Py_DECREF(stop);
            }
            return nullptr;
        }
        Py_DECREF(v);
    }
    PyErr_SetNone(PyExc_StopIteration);
    return nullptr;
}

template <class G>
PyObject* generator_step(const G& g, bool more) {
    if (!more) return generator_ended(g);
    Boundary b;
    return to_py(g.value(), b);
}

template <class T, class S, class R>
const GenOps* gen_ops() {
    using G = Gen<T, S, R>;
    static const GenOps ops{
        [](void* p, PyObject* value) -> PyObject* {
            const G& g = *static_cast<G*>(p);
            try {
                if (value && value != Py_None && !g.started() && !g.done()) {
                    PyErr_SetString(PyExc_TypeError, "can't send non-None value to a just-started generator");
                    return nullptr;
                }
                if (!value || value == Py_None || (std::is_same_v<S, none_t> && !g.sent_type()))
                    return generator_step(g, g.advance());  // a value no yield uses is dropped, as CPython's
                std::string func = std::string(g.qualname()) + ".send";
                if constexpr (std::is_same_v<S, none_t>) {  // Generator[T, None, R] uses its yields' None
                    wrong_type(Where{func.c_str(), "value"}, "None", value);
                    return nullptr;
                } else {
                    S v{};
                    if (!from_py(value, &v, Where{func.c_str(), "value"})) return nullptr;
                    return generator_step(g, g.send(std::move(v)));
                }
            } catch (const Error& e) {
                return raise_from_generator(e);
            } catch (const std::bad_alloc&) {
                return PyErr_NoMemory();
            }
        },
        [](void* p) -> PyObject* {
            const G& g = *static_cast<G*>(p);
            try {
                Error thrown;
                try {
                    raise_python_error();  // the pending exception, as compiled code catches Python's
                } catch (const Error& e) {
                    thrown = e;
                }
                return generator_step(g, g.throw_(std::move(thrown)));
            } catch (const Error& e) {
                return raise_from_generator(e);
            } catch (const std::bad_alloc&) {
                return PyErr_NoMemory();
            }
        },
        [](void* p) -> bool {
            try {
                static_cast<G*>(p)->close();
                return true;
            } catch (const Error& e) {
                raise_from_generator(e);
                return false;
            } catch (const std::bad_alloc&) {
                PyErr_NoMemory();
                return false;
            }
        },
        [](void* p) { return static_cast<G*>(p)->started(); },
        [](void* p) { delete static_cast<G*>(p); }};
    return &ops;
}

// generator.throw(typ[, val[, tb]]) and throw(exc), as Objects/genobject.c's _gen_throw makes the
// exception to raise: the pending Python error on success
inline bool generator_exception(PyObject* const* args, Py_ssize_t n) {
    PyObject* typ = args[0];
    PyObject* val = n > 1 ? args[1] : Py_None;
    PyObject* tb = n > 2 ? args[2] : Py_None;
    if (tb == Py_None) tb = nullptr;
    else if (!PyTraceBack_Check(tb)) {
        PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
        return false;
    }
    if (PyExceptionClass_Check(typ)) {
        PyObject *t = Py_NewRef(typ), *v = Py_XNewRef(val), *b = Py_XNewRef(tb);
        PyErr_NormalizeException(&t, &v, &b);
        if (b) PyException_SetTraceback(v, b);
        PyErr_Restore(t, v, b);
        return !PyErr_Occurred() || true;
    }
    if (PyExceptionInstance_Check(typ)) {
        if (val && val != Py_None) {
            PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
            return false;
        }
        PyObject* v = Py_NewRef(typ);
        PyObject* t = Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(v)));
        if (!tb) tb = PyException_GetTraceback(v);
        else Py_INCREF(tb);
        PyErr_Restore(t, v, tb);
        return true;
    }
    PyErr_Format(PyExc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                 Py_TYPE(typ)->tp_name);
    return false;
}

inline PyTypeObject* generator_type() {
    static PyTypeObject* type = [] {
        static PyMethodDef methods[] = {
            {"send",
             [](PyObject* self, PyObject* value) -> PyObject* {
                 PyGen* g = reinterpret_cast<PyGen*>(self);
                 return g->ops->send(g->gen, value);
             },
             METH_O, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
            {"throw",
             reinterpret_cast<PyCFunction>(+[](PyObject* self, PyObject* const* args, Py_ssize_t n) -> PyObject* {
                 if (n < 1 || n > 3) {
                     PyErr_Format(PyExc_TypeError, "throw expected at least 1 argument, got %zd", n);
                     if (n > 3) {
                         PyErr_Clear();
                         PyErr_Format(PyExc_TypeError, "throw expected at most 3 arguments, got %zd", n);
                     }
                     return nullptr;
                 }
                 if (!generator_exception(args, n)) return nullptr;
                 PyGen* g = reinterpret_cast<PyGen*>(self);
                 return g->ops->throw_(g->gen);
             }),
             METH_FASTCALL, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration."},
            {"close",
             [](PyObject* self, PyObject*) -> PyObject* {
                 PyGen* g = reinterpret_cast<PyGen*>(self);
                 if (!g->ops->close(g->gen)) return nullptr;
                 Py_RETURN_NONE;
             },
             METH_NOARGS, "close() -> raise GeneratorExit inside generator."},
            {nullptr, nullptr, 0, nullptr}};
        static PyMemberDef members[] = {
            {"__name__", T_OBJECT, offsetof(PyGen, name), READONLY, nullptr},
            {"__qualname__", T_OBJECT, offsetof(PyGen, qualname), READONLY, nullptr},
            {nullptr, 0, 0, 0, nullptr}};
        static PyType_Slot slots[] = {
            {Py_tp_dealloc, reinterpret_cast<void*>(+[](PyObject* self) {
                 PyGen* g = reinterpret_cast<PyGen*>(self);
                 g->ops->free(g->gen);  // a suspended generator is closed: its finally blocks run
                 Py_XDECREF(g->name);
                 Py_XDECREF(g->qualname);
                 PyTypeObject* t = Py_TYPE(self);
                 t->tp_free(self);
                 Py_DECREF(t);
             })},
            {Py_tp_iter, reinterpret_cast<void*>(+[](PyObject* self) -> PyObject* { return Py_NewRef(self); })},
            {Py_tp_iternext, reinterpret_cast<void*>(+[](PyObject* self) -> PyObject* {
                 PyGen* g = reinterpret_cast<PyGen*>(self);
                 PyObject* item = g->ops->send(g->gen, nullptr);
                 // the end of a for loop: no StopIteration needed, unless it carries a value
                 if (!item && PyErr_ExceptionMatches(PyExc_StopIteration)) {
                     PyObject *t, *v, *tb;
                     PyErr_Fetch(&t, &v, &tb);
                     if (v) PyErr_Restore(t, v, tb);
                     else {
                         Py_XDECREF(t);
                         Py_XDECREF(tb);
                     }
                 }
                 return item;
             })},
            {Py_tp_repr, reinterpret_cast<void*>(+[](PyObject* self) -> PyObject* {
                 return PyUnicode_FromFormat("<generator object %U at %p>", reinterpret_cast<PyGen*>(self)->qualname, self);
             })},
            {Py_tp_methods, methods},
            {Py_tp_members, members},
            {0, nullptr}};
        static PyType_Spec spec{"pyrite.generator", sizeof(PyGen), 0, Py_TPFLAGS_DEFAULT, slots};
        return reinterpret_cast<PyTypeObject*>(PyType_FromSpec(&spec));
    }();
    return type;
}

template <class T, class S, class R>
PyObject* to_py(const Gen<T, S, R>& g, Boundary&) {
    if (g.origin()) return Py_NewRef(static_cast<PyObject*>(g.origin()));  // the caller's own iterator
    PyTypeObject* type = generator_type();
    if (!type) return nullptr;
    PyGen* o = PyObject_New(PyGen, type);
    if (!o) return nullptr;
    o->gen = new Gen<T, S, R>(g);
    o->ops = gen_ops<T, S, R>();
    o->name = PyUnicode_FromString(g.name());
    o->qualname = PyUnicode_FromString(g.qualname());
    if (!o->name || !o->qualname) {
        Py_DECREF(o);
        return nullptr;
    }
    return reinterpret_cast<PyObject*>(o);
}

// An Iterator[T] or Iterable[T] parameter given any iterable from Python: compiled code reads it
// live, one item per next(), as the Python function would (a list seen growing, a generator
// driven from where the caller left it). Each item is converted as an item of a list[T]
// argument is, and a wrong one is the TypeError naming the parameter and the item's position.
// What the iterator raises leaves compiled code as itself. The GIL is taken for each item (the
// function keeps it anyway: typeinfer's analyze_calls), and what the iterator does is an effect
// Python sees, so the call is not run again in CPython after it (WithGil).
template <class T>
Gen<T> gen_from_py(PyObject* it, const char* func, const char* param) {
    struct Owned {  // the iterator, released when the generator is (maybe in code without the GIL)
        PyObject* o;
        ~Owned() {
            PyGILState_STATE s = PyGILState_Ensure();
            Py_DECREF(o);
            PyGILState_Release(s);
        }
    } owned{it};
    co_await GenStart{"iterator", "iterator", it};
    const Where w{func, param};
    for (Py_ssize_t i = 0;; ++i) {
        T item{};
        {
            // the function that reads it holds the GIL already (the usual case): no re-taking it per item
            std::optional<WithGil> gil;
            if (!PyGILState_Check()) gil.emplace();
            python_sees_effect();
            PyObject* o = PyIter_Next(owned.o);
            if (!o) {
                if (PyErr_Occurred()) raise_python_error();
                break;
            }
            bool ok = from_py(o, &item, w.element(i));
            Py_DECREF(o);
            if (!ok) raise_python_error();
        }
        co_yield std::move(item);
    }
}

template <class T, class S, class R>
bool from_py(PyObject* o, Gen<T, S, R>* out, const Where& w) {
    if (Py_TYPE(o) == generator_type() && reinterpret_cast<PyGen*>(o)->ops == gen_ops<T, S, R>()) {
        *out = *static_cast<Gen<T, S, R>*>(reinterpret_cast<PyGen*>(o)->gen);  // a compiled generator of these items
        return true;
    }
    if constexpr (!std::is_same_v<S, none_t> || !std::is_same_v<R, none_t>) {  // typeinfer allows none such
        return wrong_type(w, "a compiled generator of these types", o);
    } else {
        PyObject* it = PyObject_GetIter(o);
        if (!it) {
            PyErr_Clear();
            return wrong_type(w, "an iterable", o);
        }
        *out = gen_from_py<T>(it, w.func, w.param);
        return true;
    }
}

// ------------------------------------------------------------ prebuilt (core.hpp, "The prebuilt runtime")
// The conversions of the common parameter and result types, compiled once into libpyrite_rt.so
#define PYRITE_PREBUILT_ARRAY_IN(T, N) PYRITE_PREBUILT(bool from_py<T, N>(PyObject*, Array<T, N>*, const Where&))
#define PYRITE_PREBUILT_ARRAY_OUT(T, N) PYRITE_PREBUILT(PyObject* to_py<T, N>(const Array<T, N>&, Boundary&))
PYRITE_PREBUILT_ARRAY_IN(double, 1) PYRITE_PREBUILT_ARRAY_IN(double, 2) PYRITE_PREBUILT_ARRAY_IN(double, 3)
PYRITE_PREBUILT_ARRAY_IN(float, 1) PYRITE_PREBUILT_ARRAY_IN(float, 2)
PYRITE_PREBUILT_ARRAY_IN(i64, 1) PYRITE_PREBUILT_ARRAY_IN(i64, 2) PYRITE_PREBUILT_ARRAY_IN(std::int32_t, 1)
PYRITE_PREBUILT_ARRAY_IN(bool, 1) PYRITE_PREBUILT_ARRAY_IN(std::uint8_t, 1) PYRITE_PREBUILT_ARRAY_IN(std::int8_t, 1)
PYRITE_PREBUILT_ARRAY_OUT(double, 1) PYRITE_PREBUILT_ARRAY_OUT(double, 2) PYRITE_PREBUILT_ARRAY_OUT(float, 1)
PYRITE_PREBUILT_ARRAY_OUT(i64, 1) PYRITE_PREBUILT_ARRAY_OUT(i64, 2) PYRITE_PREBUILT_ARRAY_OUT(bool, 1)
#undef PYRITE_PREBUILT_ARRAY_IN
#undef PYRITE_PREBUILT_ARRAY_OUT
#define PYRITE_PREBUILT_LIST(T) PYRITE_PREBUILT(bool from_py<T>(PyObject*, List<T>*, const Where&)) \
    PYRITE_PREBUILT(PyObject* to_py<T>(const List<T>&, Boundary&))
PYRITE_PREBUILT_LIST(i64) PYRITE_PREBUILT_LIST(double) PYRITE_PREBUILT_LIST(bool) PYRITE_PREBUILT_LIST(Str)
PYRITE_PREBUILT_LIST(List<i64>) PYRITE_PREBUILT_LIST(List<double>)
#undef PYRITE_PREBUILT_LIST
#define PYRITE_PREBUILT_DICT(K, V) PYRITE_PREBUILT(bool dict_from_py<K, V>(PyObject*, Dict<K, V>*, const Where&, bool)) \
    PYRITE_PREBUILT(PyObject* to_py<K, V>(const Dict<K, V>&, Boundary&))
PYRITE_PREBUILT_DICT(Str, i64) PYRITE_PREBUILT_DICT(Str, double) PYRITE_PREBUILT_DICT(i64, i64) PYRITE_PREBUILT_DICT(i64, double)
#undef PYRITE_PREBUILT_DICT

}  // namespace pyrite::capi
