// NumPy arrays: pyrite.f64[:, :] and friends.
//
// An Array<T, N> is a strided view: a data pointer, N extents and N strides
// (in elements). An argument array is a view of the caller's memory (taken
// through the buffer protocol, never copied), so writes are the caller's
// writes; an array made in compiled code (np.zeros, .copy()) owns its buffer
// through a reference-counted storage object, and views of it keep it alive.
// Indexing checks bounds with NumPy's message; a read-only argument raises
// NumPy's "assignment destination is read-only" on the first write.
#pragma once
#include <cmath>
#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "list.hpp"
#include "object.hpp"
#include "npscalar.hpp"
#include "ops.hpp"

namespace pyrite {

// NumPy's MemoryError for a new array of these extents and dtype: "(3, 4)|float64" (the
// boundary makes its message). The library's: a string built in every module otherwise
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void array_memory_error(const i64* extents, int n, const char* dtype) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string m = "(";
    for (int k = 0; k < n; ++k) m += std::to_string(extents[k]) + (n == 1 || k + 1 < n ? "," : "") + (k + 1 < n ? " " : "");
    raise(Exc::ArrayMemoryError, (m + ")|" + dtype).c_str());
}
#endif

// the number of items of a new array of these extents, by NumPy's rules (PyArray_NewFromDescr):
// dimension by dimension, a negative one is ValueError, and so is a byte count past the largest
// intp (the library's: a module's every array type compiled it)
PYRITE_RT i64 array_count(const i64* extents, int dims, i64 itemsize) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    i64 n = 1, bytes = itemsize;
    for (int k = 0; k < dims; ++k) {
        if (extents[k] == 0) continue;  // as NumPy: a zero leaves the others checked
        if (PYRITE_UNLIKELY(extents[k] < 0)) raise(Exc::ValueError, "negative dimensions are not allowed");
        if (PYRITE_UNLIKELY(__builtin_mul_overflow(bytes, extents[k], &bytes)))
            raise(Exc::ValueError, "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");
    }
    for (int k = 0; k < dims; ++k) n *= extents[k];  // fits: the byte count did (UBSan found it computed first)
    return n;
}
#endif

// Array buffers of 64 KiB and more come from a small cache of freed ones: malloc
// hands big blocks back to the OS, and every fresh page then costs a page fault
// (a 1000 x 1000 temporary made in a loop paid 2 ms a time in faults). The cache
// belongs to one thread (FreeList's rule) and keeps at most 4 blocks, 256 MiB; with the prebuilt runtime
// it is the library's, one for the process.
struct BigBlocks {
    static constexpr int kSlots = 4;
    static constexpr size_t kMin = 64 * 1024, kMaxTotal = size_t(256) << 20;
    void* ptr[kSlots] = {};
    size_t size[kSlots] = {};
    size_t total = 0;
    void* owner = nullptr;  // owned_by_this_thread's
    static BigBlocks& get() {
        static BigBlocks cache;
        return cache;
    }
    bool mine() { return owned_by_this_thread(owner); }
    // a block of at least n bytes, and its real size (in the prebuilt runtime: one cache for the
    // process)
    PYRITE_RT static void* take(size_t n, size_t* got);
    PYRITE_RT static void give(void* p, size_t n);
};
#if PYRITE_RT_BODIES
PYRITE_RT void* BigBlocks::take(size_t n, size_t* got) {
    BigBlocks& c = get();
    if (n >= kMin && c.mine()) {
        int best = -1;
        for (int k = 0; k < kSlots; ++k)  // the smallest cached block that fits, if not twice too big
            if (c.ptr[k] && c.size[k] >= n && c.size[k] <= 2 * n && (best < 0 || c.size[k] < c.size[best])) best = k;
        if (best >= 0) {
            void* p = c.ptr[best];
            *got = c.size[best];
            c.total -= c.size[best];
            c.ptr[best] = nullptr;
            return p;
        }
    }
    // 64-byte aligned: a 512-bit load of an unaligned row crosses a cache line every time
    size_t rounded = (n + 63) & ~size_t(63);
    void* p = std::aligned_alloc(64, rounded ? rounded : 64);
    if (!p) throw std::bad_alloc();
    *got = rounded;
    return p;
}
PYRITE_RT void BigBlocks::give(void* p, size_t n) {
    BigBlocks& c = get();
    if (n >= kMin && n <= kMaxTotal && c.mine()) {
        int slot = -1;
        for (int k = 0; k < kSlots; ++k)
            if (!c.ptr[k]) slot = k;
        if (slot < 0) {  // full: drop the smallest
            slot = 0;
            for (int k = 1; k < kSlots; ++k)
                if (c.size[k] < c.size[slot]) slot = k;
            c.total -= c.size[slot];
            std::free(c.ptr[slot]);
            c.ptr[slot] = nullptr;
        }
        while (c.total + n > kMaxTotal) {  // over the budget: drop others first
            int big = -1;
            for (int k = 0; k < kSlots; ++k)
                if (c.ptr[k] && (big < 0 || c.size[k] > c.size[big])) big = k;
            if (big < 0) break;
            c.total -= c.size[big];
            std::free(c.ptr[big]);
            c.ptr[big] = nullptr;
        }
        c.ptr[slot] = p;
        c.size[slot] = n;
        c.total += n;
        return;
    }
    std::free(p);
}
#endif

template <class T>
struct ArrayStorage final : Object {
    T* items = nullptr;  // numbers only (trivial types): no constructors or destructors to run
    size_t bytes = 0;
    explicit ArrayStorage(i64 n) {
        static_assert(std::is_trivially_copyable_v<T>, "array items are numbers");
        items = static_cast<T*>(BigBlocks::take(static_cast<size_t>(n > 0 ? n : 1) * sizeof(T), &bytes));
    }
    ~ArrayStorage() override { BigBlocks::give(items, bytes); }
    ArrayStorage(const ArrayStorage&) = delete;
    ArrayStorage& operator=(const ArrayStorage&) = delete;
};

[[noreturn]] __attribute__((noinline, cold)) inline void array_index_error(i64 index, int axis, i64 size) {
    raisef(Exc::IndexError, "index %lld is out of bounds for axis %d with size %lld", (long long)index, axis,
           (long long)size);
}
[[noreturn]] __attribute__((noinline, cold)) inline void array_read_only() {
    raise(Exc::ValueError, "assignment destination is read-only");
}

// Every index of an N-d shape in C order (the last axis fastest): f(flat position, index)
template <int N, class F>
inline void each_index(const i64* shape, F&& f) {
    i64 n = 1;
    for (int k = 0; k < N; ++k) n *= shape[k];
    i64 idx[N] = {};
    for (i64 flat = 0; flat < n; ++flat) {
        f(flat, static_cast<const i64*>(idx));
        for (int k = N - 1; k >= 0; --k) {
            if (++idx[k] < shape[k]) break;
            idx[k] = 0;
        }
    }
}
// Calls f(offset in a, offset in b) for each row of shape's last axis, where a and b
// step by strides sa and sb (both in elements): the fast walk of copies and fills
template <int N, class F>
inline void each_row2(const i64* shape, const i64* sa, const i64* sb, F&& f) {
    i64 rows = 1;
    for (int k = 0; k + 1 < N; ++k) rows *= shape[k];
    if (shape[N - 1] == 0) return;
    i64 idx[N > 1 ? N - 1 : 1] = {};
    i64 oa = 0, ob = 0;
    for (i64 r = 0; r < rows; ++r) {
        f(oa, ob);
        for (int k = N - 2; k >= 0; --k) {
            oa += sa[k];
            ob += sb[k];
            if (++idx[k] < shape[k]) break;
            oa -= sa[k] * shape[k];
            ob -= sb[k] * shape[k];
            idx[k] = 0;
        }
    }
}

// the offset of an index, in elements
template <int N>
inline i64 offset_of(const i64* idx, const i64* strides) {
    i64 off = 0;
    for (int k = 0; k < N; ++k) off += idx[k] * strides[k];
    return off;
}
// NumPy's spelling of a shape in messages: (3,) and (3,4) (the library's: for messages only)
PYRITE_RT std::string shape_text(const i64* shape, int n) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string s = "(";
    for (int k = 0; k < n; ++k) s += std::to_string(shape[k]) + (n == 1 || k + 1 < n ? "," : "");
    return s + ")";
}
#endif
template <int N>
inline std::string shape_text(const i64* shape) {
    return shape_text(shape, N);
}

template <class T, int N>
struct Array {
    static_assert(N >= 1, "0-d arrays are scalars in pyrite");
    T* data = nullptr;
    i64 shape[N] = {};
    i64 strides[N] = {};  // in elements
    Ref<ArrayStorage<T>> owner;  // set when compiled code made the buffer
    bool readonly = false;

    // a new C-ordered array of this shape, filled with `fill`
    static Array make(const i64* extents, T fill) {
        Array a = make_uninit(extents);
        for (i64 k = 0, n = a.size(); k < n; ++k) a.data[k] = fill;
        return a;
    }

    // a new C-ordered array of this shape, its items not yet written
    static Array make_uninit(const i64* extents) {
        // memory that cannot be had is NumPy's own MemoryError
        const i64 n = array_count(extents, N, static_cast<i64>(sizeof(T)));
        Array a;
        try {
            a.owner = Ref<ArrayStorage<T>>(new ArrayStorage<T>(n));
        } catch (const std::bad_alloc&) {
            array_memory_error(extents, N, np::dtype_name<T>());
        }
        a.data = a.owner->items;
        i64 stride = 1;
        for (int k = N - 1; k >= 0; --k) {
            a.shape[k] = extents[k];
            a.strides[k] = stride;
            stride *= extents[k];
        }
        return a;
    }

    i64 size() const {
        i64 n = 1;
        for (int k = 0; k < N; ++k) n *= shape[k];
        return n;
    }
    i64 len() const { return shape[0]; }

    // index i along axis k, negative from the end, checked
    i64 offset(int axis, i64 i) const {
        i64 n = shape[axis];
        if (PYRITE_LIKELY(static_cast<uint64_t>(i) < static_cast<uint64_t>(n))) return i * strides[axis];
        if (i < 0 && i + n >= 0) return (i + n) * strides[axis];
        array_index_error(i, axis, n);
    }
    template <class... I>
    T* element(I... idx) const {
        static_assert(sizeof...(I) == N, "one index per dimension");
        i64 off = 0;
        int axis = 0;
        ((off += offset(axis++, static_cast<i64>(idx))), ...);
        return data + off;
    }
    template <class... I>
    T get(I... idx) const { return *element(idx...); }

    // the item, with the axes set in Fast already known in range (codegen's loop versioning) and,
    // with bit 31 set, the last axis's stride known to be 1 (what lets a loop over it vectorize)
    template <unsigned Fast, class... I>
    T* element_m(I... idx) const {
        i64 off = 0;
        int axis = 0;
        constexpr bool unit = Fast >> 31 & 1u;
        ((off += unit && axis == N - 1 ? static_cast<i64>(idx)
                 : (Fast >> axis & 1u) ? static_cast<i64>(idx) * strides[axis]
                                       : offset(axis, static_cast<i64>(idx)),
          ++axis),
         ...);
        return data + off;
    }
    template <unsigned Fast, class... I>
    T get_m(I... idx) const { return *element_m<Fast>(idx...); }
    template <unsigned Fast, class... I>
    void set_m(T v, I... idx) const { *element_m<Fast>(idx...) = v; }  // writability checked before the loop
    template <class... I>
    void set(T v, I... idx) const {
        if (PYRITE_UNLIKELY(readonly)) array_read_only();
        *element(idx...) = v;
    }
    // a[i, j] = x as NumPy's setitem: writability, then the indexes, then x converted to the dtype
    template <class X, class... I>
    void put(X x, I... idx) const {
        if (PYRITE_UNLIKELY(readonly)) array_read_only();
        T* p = element(idx...);
        *p = np::store<T>(x);
    }
    template <unsigned Fast, class X, class... I>
    void put_m(X x, I... idx) const { *element_m<Fast>(idx...) = np::store<T>(x); }  // writability checked before the loop

    // a[i] of an N-d array: the (N-1)-d view of that row
    Array<T, N - 1> row(i64 i) const {
        static_assert(N >= 2, "a[i] of a 1-d array is an element");
        Array<T, N - 1> r;
        r.data = data + offset(0, i);
        for (int k = 1; k < N; ++k) {
            r.shape[k - 1] = shape[k];
            r.strides[k - 1] = strides[k];
        }
        r.owner = owner;
        r.readonly = readonly;
        return r;
    }

    // a C-ordered copy that owns its memory
    Array copy() const {
        Array r = make_uninit(shape);
        const i64 n = shape[N - 1], s = strides[N - 1];
        each_row2<N>(shape, strides, r.strides, [&](i64 from, i64 to) {
            T* out = r.data + to;
            const T* in = data + from;
            if (s == 1) std::copy(in, in + n, out);
            else for (i64 j = 0; j < n; ++j) out[j] = in[j * s];
        });
        return r;
    }
};

template <class T, int N>
inline bool truthy(const Array<T, N>& a) {
    if (a.size() == 1) return a.data[0] != T();
    raise(Exc::ValueError,
          "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
}

// for x in a: the elements of a 1-d array, the rows of an N-d one
template <class T, int N>
struct ArrayIter {
    Array<T, N> a;
    i64 k = 0;
    template <class Out>
    bool next(Out& out) {
        if (k >= a.shape[0]) return false;
        if constexpr (N == 1) out = a.data[k++ * a.strides[0]];
        else out = a.row(k++);
        return true;
    }
};
template <class T, int N>
inline ArrayIter<T, N> iter(const Array<T, N>& a) { return ArrayIter<T, N>{a}; }

// a.shape
template <class T, int N, size_t... K>
inline auto shape_tuple(const Array<T, N>& a, std::index_sequence<K...>) {
    return std::make_tuple(((void)K, a.shape[K])...);
}
template <class T, int N>
inline auto array_shape(const Array<T, N>& a) {
    return shape_tuple(a, std::make_index_sequence<N>{});
}

// One slice among an array's indexes: a[1:-1, ::2]
struct SliceSpec {
    bool has_start;
    i64 start;
    bool has_stop;
    i64 stop;
    bool has_step;
    i64 step;
};

// np.newaxis (None) among an array's indexes: a new dimension of extent 1
struct NewAxis {};

// The view an index list selects: an int picks one position (its dimension goes),
// a slice keeps its dimension with NumPy's clamping, a NewAxis adds a dimension of
// one; later dimensions stay whole.
template <int M, class T, int N, class... S>
inline Array<T, M> array_view(const Array<T, N>& a, const S&... parts) {
    static_assert(sizeof...(S) - (std::is_same_v<S, NewAxis> + ... + 0) <= N, "too many indices");
    Array<T, M> r;
    r.data = a.data;
    r.owner = a.owner;
    r.readonly = a.readonly;
    int axis = 0, out = 0;
    auto take = [&](const auto& part) {
        using P = std::decay_t<decltype(part)>;
        if constexpr (std::is_same_v<P, NewAxis>) {
            r.shape[out] = 1;
            r.strides[out] = 0;
            ++out;
            return;  // takes no dimension of a
        } else if constexpr (std::is_same_v<P, SliceSpec>) {
            SliceIndices s = slice_indices(a.shape[axis], part.has_start, part.start, part.has_stop, part.stop,
                                           part.has_step, part.step);
            r.data += s.start * a.strides[axis];
            r.shape[out] = s.count;
            r.strides[out] = a.strides[axis] * s.step;
            ++out;
        } else {
            r.data += a.offset(axis, static_cast<i64>(part));
        }
        ++axis;
    };
    (take(parts), ...);
    for (; axis < N; ++axis, ++out) {
        r.shape[out] = a.shape[axis];
        r.strides[out] = a.strides[axis];
    }
    return r;
}

// view[...] = x: every item of the view gets x (a number), or the item of x that
// NumPy's broadcasting pairs with it (an array of at most the view's dimensions,
// each of its extents equal to the view's or 1). The source is read whole before
// anything is written when the two share memory, as NumPy does.
template <class T, int N>
inline void array_fill(const Array<T, N>& dst, T x) {
    if (PYRITE_UNLIKELY(dst.readonly)) array_read_only();
    const i64 n = dst.shape[N - 1], s = dst.strides[N - 1];
    each_row2<N>(dst.shape, dst.strides, dst.strides, [&](i64 at, i64) {
        T* out = dst.data + at;
        for (i64 j = 0; j < n; ++j) out[j * s] = x;
    });
}

// could writing dst change what src reads? (their memory spans intersect)
template <class T, int N, class U, int M>
inline bool spans_overlap(const Array<T, N>& dst, const Array<U, M>& src) {
    if (dst.size() == 0 || src.size() == 0) return false;
    auto span = [](const auto& a, const char*& lo, const char*& hi) {
        i64 min_off = 0, max_off = 0;
        for (size_t k = 0; k < sizeof(a.shape) / sizeof(a.shape[0]); ++k) {
            i64 d = (a.shape[k] - 1) * a.strides[k];
            (d < 0 ? min_off : max_off) += d;
        }
        const char* base = reinterpret_cast<const char*>(a.data);
        lo = base + min_off * static_cast<i64>(sizeof(*a.data));
        hi = base + (max_off + 1) * static_cast<i64>(sizeof(*a.data));
    };
    const char *a0, *a1, *b0, *b1;
    span(dst, a0, a1);
    span(src, b0, b1);
    return a0 < b1 && b0 < a1;
}
template <class T, int N, class X, std::enable_if_t<std::is_arithmetic_v<X>, int> = 0>
inline void array_assign(const Array<T, N>& dst, X x) { array_fill(dst, np::store<T>(x)); }

template <class T, int N, class U, int M>
void array_assign(const Array<T, N>& dst, const Array<U, M>& src_in) {
    static_assert(M <= N, "a source of more dimensions than the view");
    // shapes line up from the right; a source extent must equal the view's or be 1
    for (int k = 0; k < M; ++k) {
        i64 s = src_in.shape[k], d = dst.shape[N - M + k];
        if (s != d && s != 1)
            raisef(Exc::ValueError, "could not broadcast input array from shape %s into shape %s",
                   shape_text<M>(src_in.shape).c_str(), shape_text<N>(dst.shape).c_str());
    }
    if (PYRITE_UNLIKELY(dst.readonly)) array_read_only();
    // overlapping memory: read the source whole first
    Array<U, M> src = spans_overlap(dst, src_in) ? src_in.copy() : src_in;
    i64 sst[N];  // the source's strides along dst's axes (0 where it is stretched)
    for (int k = 0; k < N; ++k) {
        int ks = k - (N - M);
        sst[k] = ks >= 0 && src.shape[ks] != 1 ? src.strides[ks] : 0;
    }
    const i64 n = dst.shape[N - 1], ds = dst.strides[N - 1], ss = sst[N - 1];
    each_row2<N>(dst.shape, dst.strides, sst, [&](i64 to, i64 from) {
        T* out = dst.data + to;
        const U* in = src.data + from;
        if (ds == 1 && ss == 1) {
            for (i64 j = 0; j < n; ++j) out[j] = np::cast<T>(in[j]);
        } else {
            for (i64 j = 0; j < n; ++j) out[j * ds] = np::cast<T>(in[j * ss]);
        }
    });
}
// prebuilt (core.hpp): a row or a whole array of floats stored from another
PYRITE_PREBUILT(void array_assign<double, 1, double, 1>(const Array<double, 1>&, const Array<double, 1>&))
PYRITE_PREBUILT(void array_assign<double, 2, double, 2>(const Array<double, 2>&, const Array<double, 2>&))
PYRITE_PREBUILT(void array_assign<double, 2, double, 1>(const Array<double, 2>&, const Array<double, 1>&))

// a[mask] with a mask of the array's first M axes (the k-means idiom X[labels == c] takes rows):
// NumPy's IndexError when an extent differs
template <class T, int N, int M>
inline void check_mask(const Array<T, N>& a, const Array<bool, M>& mask) {
    static_assert(M <= N, "a boolean index of more dimensions than the array");
    for (int k = 0; k < M; ++k)
        if (a.shape[k] != mask.shape[k])
            raisef(Exc::IndexError, "boolean index did not match indexed array along axis %d; size of axis is %lld "
                                    "but size of corresponding boolean axis is %lld",
                   k, (long long)a.shape[k], (long long)mask.shape[k]);
}
// x[labels == j]: the rows a mask selects counted, then copied.
// The count adds 256 bools at a time in 16 bits (a 64-bit sum of bytes vectorized 4 bytes an
// instruction: 7.7 us for kmeans' 20,000 labels, 0.6 us so).
inline __attribute__((noinline)) i64 mask_count(const bool* m, i64 n, i64 ms) {
    i64 count = 0, i = 0;
    if (ms == 1) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(m);  // as bools, GCC adds them one at a time
        for (; i + 256 <= n; i += 256) {
            std::uint16_t part = 0;
            for (int j = 0; j < 256; ++j) part = static_cast<std::uint16_t>(part + bytes[i + j]);
            count += part;
        }
        for (; i < n; ++i) count += m[i];
    } else {
        for (; i < n; ++i) count += m[i * ms];
    }
    return count;
}
template <int W, class T>  // W: 1, 2 (a contiguous pair) or 0 (w items `step` apart)
inline void copy_row(const T* row, i64 w, i64 step, T* out) {
    if constexpr (W == 1) out[0] = row[0];
    else if constexpr (W == 2) out[0] = row[0], out[1] = row[1];
    else for (i64 c = 0; c < w; ++c) out[c] = row[c * step];
}
// A contiguous mask is read 8 bools at a time: a word of no selected row costs a test, one of
// eight copies them, the others' rows are found by their lowest set byte. kmeans' labels == j (a
// row in eight) took 13.6 us over 20,000 rows branch-free, 4.7 us so; every density measured
// gains (a mask of all rows 17 -> 13 us). The rest, and a strided mask, branch-free.
template <int W, class T>
inline void masked_rows_of(const T* src, i64 n, i64 stride, i64 w, i64 step, const bool* m, i64 ms, T* out) {
    const i64 width = W ? W : w;
    i64 i = 0;
    if (ms == 1 && std::endian::native == std::endian::little) {
        for (; i + 8 <= n; i += 8) {
            std::uint64_t bits;
            std::memcpy(&bits, m + i, 8);
            if (bits == 0x0101010101010101ULL) {
                for (i64 b = 0; b < 8; ++b, out += width) copy_row<W>(src + (i + b) * stride, w, step, out);
                continue;
            }
            for (; bits; bits &= bits - 1, out += width)
                copy_row<W>(src + (i + (__builtin_ctzll(bits) >> 3)) * stride, w, step, out);
        }
    }
    for (; i < n; ++i) {
        copy_row<W>(src + i * stride, w, step, out);
        out += width * m[i * ms];
    }
}
// The copy: row i of n (w items, `step` apart; rows `stride` apart) to `out` where m[i * ms]. The
// branch-free loop writes every row and moves the write position past it only when it is
// selected (a mask of labels is unpredictable); `out` has one spare row for the last. Out of line:
// inlined into a large function its counter was kept in a vector register, 7 cycles a row
// (kmeans' masks 3x slower than Pythran's).
template <class T>
__attribute__((noinline)) void masked_rows(const T* src, i64 n, i64 stride, i64 w, i64 step, const bool* m, i64 ms, T* out) {
    if (w == 1) masked_rows_of<1>(src, n, stride, 1, 1, m, ms, out);
    else if (w == 2 && step == 1) masked_rows_of<2>(src, n, stride, 2, 1, m, ms, out);  // points in the plane
    else masked_rows_of<0>(src, n, stride, w, step, m, ms, out);
}
// the items (M = N) or sub-arrays (M < N) where mask is true, in C order, in a new array of
// N - M + 1 dimensions
template <class T, int N, int M>
inline Array<T, N - M + 1> masked(const Array<T, N>& a, const Array<bool, M>& mask) {
    check_mask(a, mask);
    constexpr int K = N - M + 1;
    if constexpr (M == 1 && K <= 2) {  // x[labels == j]: count, then copy the rows (no offset list)
        const bool* m = mask.data;
        const i64 ms = mask.strides[0], n = mask.shape[0], count = mask_count(m, n, ms);
        i64 shape[K];
        shape[0] = count + 1;  // one spare row (masked_rows)
        if constexpr (K == 2) shape[1] = a.shape[1];
        Array<T, K> r = Array<T, K>::make_uninit(shape);
        r.shape[0] = count;
        if constexpr (K == 1) masked_rows(a.data, n, a.strides[0], 1, 1, m, ms, r.data);
        else masked_rows(a.data, n, a.strides[0], a.shape[1], a.strides[1], m, ms, r.data);
        if constexpr (K == 2) r.strides[0] = a.shape[1];
        return r;
    }
    Vec<i64> hits;  // the offsets in a of the selected items or sub-arrays
    each_index<M>(mask.shape, [&](i64, const i64* idx) {
        if (mask.data[offset_of<M>(idx, mask.strides)]) hits.push_back(offset_of<M>(idx, a.strides));
    });
    i64 shape[K];
    shape[0] = static_cast<i64>(hits.size());
    for (int k = 1; k < K; ++k) shape[k] = a.shape[M + k - 1];
    Array<T, K> r = Array<T, K>::make_uninit(shape);
    if constexpr (K == 1) {
        for (size_t h = 0; h < hits.size(); ++h) r.data[h] = a.data[hits[h]];
    } else {
        i64 row = 1;
        for (int k = 1; k < K; ++k) row *= shape[k];
        for (size_t h = 0; h < hits.size(); ++h)
            each_index<K - 1>(shape + 1, [&](i64 flat, const i64* idx) {
                r.data[static_cast<i64>(h) * row + flat] = a.data[hits[h] + offset_of<K - 1>(idx, a.strides + M)];
            });
    }
    return r;
}
// a[mask] = x: every item (or sub-array) where mask is true gets x
template <class T, int N, int M>
inline void masked_assign(const Array<T, N>& a, const Array<bool, M>& mask, T x) {
    check_mask(a, mask);  // as NumPy does first
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    each_index<M>(mask.shape, [&](i64, const i64* idx) {
        if (!mask.data[offset_of<M>(idx, mask.strides)]) return;
        T* base = a.data + offset_of<M>(idx, a.strides);
        if constexpr (M == N) *base = x;
        else each_index<N - M>(a.shape + M, [&](i64, const i64* j) { base[offset_of<N - M>(j, a.strides + M)] = x; });
    });
}
// a[mask] = values: the values broadcast to what a[mask] reads, (count, a.shape[M:]...), and
// stored at the mask's true places in C order (values of another dtype cast as NumPy's setitem
// casts them); NumPy's messages where they do not broadcast
template <class T, int N, int M, class U, int K>
inline void masked_assign(const Array<T, N>& a, const Array<bool, M>& mask, const Array<U, K>& values) {
    constexpr int S = N - M + 1;  // a[mask]'s dimensions
    static_assert(K <= S, "values of more dimensions than a[mask] (typeinfer refuses)");
    check_mask(a, mask);
    i64 shape[S];
    shape[0] = 0;
    each_index<M>(mask.shape, [&](i64, const i64* idx) { shape[0] += mask.data[offset_of<M>(idx, mask.strides)] ? 1 : 0; });
    for (int k = 1; k < S; ++k) shape[k] = a.shape[M + k - 1];
    for (int k = 0; k < K; ++k) {
        i64 v = values.shape[k], d = shape[S - K + k];
        if (v == d || v == 1) continue;
        if (S == 1)
            raisef(Exc::ValueError, "NumPy boolean array indexing assignment cannot assign %lld input values to the %lld "
                                    "output values where the mask is true", (long long)v, (long long)d);
        raisef(Exc::ValueError, "shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s",
               shape_text<K>(values.shape).c_str(), shape_text<S>(shape).c_str());
    }
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    Array<U, K> v = spans_overlap(a, values) ? values.copy() : values;  // a[m] = a[::-1][m]: read first
    i64 vst[S];  // the values' strides along a[mask]'s axes (0 where stretched)
    for (int k = 0; k < S; ++k) {
        int kv = k - (S - K);
        vst[k] = kv >= 0 && v.shape[kv] != 1 ? v.strides[kv] : 0;
    }
    i64 row = 0;
    each_index<M>(mask.shape, [&](i64, const i64* idx) {
        if (!mask.data[offset_of<M>(idx, mask.strides)]) return;
        T* base = a.data + offset_of<M>(idx, a.strides);
        const U* from = v.data + row++ * vst[0];
        if constexpr (M == N) *base = np::cast<T>(*from);
        else each_index<N - M>(a.shape + M, [&](i64, const i64* j) {
            base[offset_of<N - M>(j, a.strides + M)] = np::cast<T>(from[offset_of<N - M>(j, vst + 1)]);
        });
    });
}
// a.T: the same memory with the axes reversed
template <class T, int N>
inline Array<T, N> transposed(const Array<T, N>& a) {
    Array<T, N> r = a;
    for (int k = 0; k < N; ++k) {
        r.shape[k] = a.shape[N - 1 - k];
        r.strides[k] = a.strides[N - 1 - k];
    }
    return r;
}

// prebuilt (core.hpp, "The prebuilt runtime"): the new arrays of the common dtypes
PYRITE_PREBUILT(Array<double, 1> Array<double, 1>::make_uninit(const i64*))
PYRITE_PREBUILT(Array<double, 2> Array<double, 2>::make_uninit(const i64*))
PYRITE_PREBUILT(Array<i64, 1> Array<i64, 1>::make_uninit(const i64*))

}  // namespace pyrite
