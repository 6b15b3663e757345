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
#include <cstring>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "list.hpp"
#include "object.hpp"
#include "ops.hpp"

namespace pyrite {

template <class T>
struct ArrayStorage final : Object {
    std::unique_ptr<T[]> items;  // not a vector: vector<bool> would be a bitset
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
// the offset of an index, in elements
template <int N>
inline i64 offset_of(const i64* idx, const i64* strides) {
    i64 off = 0;
    for (int k = 0; k < N; ++k) off += idx[k] * strides[k];
    return off;
}
// NumPy's spelling of a shape in messages: (3,) and (3,4)
template <int N>
inline std::string shape_text(const i64* shape) {
    std::string s = "(";
    for (int k = 0; k < N; ++k) s += std::to_string(shape[k]) + (N == 1 || k + 1 < N ? "," : "");
    return s + ")";
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
    static Array make(const i64 (&extents)[N], T fill) {
        i64 n = 1;
        for (int k = 0; k < N; ++k) {
            if (PYRITE_UNLIKELY(extents[k] < 0)) raise(Exc::ValueError, "negative dimensions are not allowed");
            n *= extents[k];
        }
        Array a;
        a.owner = Ref<ArrayStorage<T>>(new ArrayStorage<T>());
        a.owner->items.reset(new T[static_cast<size_t>(n)]);
        a.data = a.owner->items.get();
        for (i64 k = 0; k < n; ++k) a.data[k] = fill;
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

    // the item, with the axes set in Fast already known in range (codegen's loop versioning)
    template <unsigned Fast, class... I>
    T* element_m(I... idx) const {
        i64 off = 0;
        int axis = 0;
        ((off += (Fast >> axis & 1u) ? static_cast<i64>(idx) * strides[axis] : offset(axis, static_cast<i64>(idx)),
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
        Array r = make(shape, T());
        each_index<N>(shape, [&](i64 flat, const i64* idx) { r.data[flat] = data[offset_of<N>(idx, strides)]; });
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

// np.zeros(n) / np.zeros((n, m), dtype=...): a new array
template <int N, class T>
inline Array<T, N> make_array(i64 n, T fill) {
    static_assert(N == 1, "an int shape is one dimension");
    const i64 extents[1] = {n};
    return Array<T, 1>::make(extents, fill);
}
template <int N, class T, class... I>
inline Array<T, N> make_array(const std::tuple<I...>& shape, T fill) {
    i64 extents[N];
    int k = 0;
    std::apply([&](const auto&... x) { ((extents[k++] = static_cast<i64>(x)), ...); }, shape);
    return Array<T, N>::make(extents, fill);
}

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

// The view an index list selects: an int picks one position (its dimension goes),
// a slice keeps its dimension with NumPy's clamping; later dimensions stay whole.
template <int M, class T, int N, class... S>
inline Array<T, M> array_view(const Array<T, N>& a, const S&... parts) {
    static_assert(sizeof...(S) <= N, "too many indices");
    Array<T, M> r;
    r.data = a.data;
    r.owner = a.owner;
    r.readonly = a.readonly;
    int axis = 0, out = 0;
    auto take = [&](const auto& part) {
        using P = std::decay_t<decltype(part)>;
        if constexpr (std::is_same_v<P, SliceSpec>) {
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

// np.sum of float64: NumPy's pairwise summation (numpy/_core/src/umath/loops_utils.h),
// blocks of 8 partial sums up to 128 items, halves above, started from 0.0, so
// the result is NumPy's to the bit, not a plain left-to-right sum
inline double pairwise_sum(const double* a, i64 n, i64 stride) {
    if (n < 8) {
        double res = 0.0;
        for (i64 i = 0; i < n; ++i) res += a[i * stride];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (int j = 0; j < 8; ++j) r[j] = a[j * stride];
        i64 i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; ++j) r[j] += a[(i + j) * stride];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i * stride];
        return res;
    }
    i64 n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2, stride) + pairwise_sum(a + n2 * stride, n - n2, stride);
}
inline double array_sum(const Array<double, 1>& a) { return 0.0 + pairwise_sum(a.data, a.shape[0], a.strides[0]); }
inline double array_mean(const Array<double, 1>& a) {
    double s = array_sum(a);
    return a.shape[0] ? s / static_cast<double>(a.shape[0]) : NAN;  // NumPy: nan (with a warning) for no items
}
// int64: the exact sum (NumPy's wraps past 64 bits; pyrite raises OverflowError, its int rule)
inline i64 array_sum(const Array<i64, 1>& a) {
    i64 s = 0;
    for (i64 k = 0; k < a.shape[0]; ++k) s = add(s, a.data[k * a.strides[0]]);
    return s;
}
// the mean of ints: NumPy sums them as float64, pairwise
inline double array_mean(const Array<i64, 1>& a) {
    std::vector<double> f(static_cast<size_t>(a.shape[0]));
    for (i64 k = 0; k < a.shape[0]; ++k) f[static_cast<size_t>(k)] = static_cast<double>(a.data[k * a.strides[0]]);
    double s = 0.0 + pairwise_sum(f.data(), a.shape[0], 1);
    return a.shape[0] ? s / static_cast<double>(a.shape[0]) : NAN;
}

// view[...] = x: every item of the view gets x (a number), or the item of x that
// NumPy's broadcasting pairs with it (an array of at most the view's dimensions,
// each of its extents equal to the view's or 1). The source is read whole before
// anything is written when the two share memory, as NumPy does.
template <class T, int N, class X>
inline void array_fill(const Array<T, N>& dst, X x) {
    if (PYRITE_UNLIKELY(dst.readonly)) array_read_only();
    each_index<N>(dst.shape, [&](i64, const i64* idx) { dst.data[offset_of<N>(idx, dst.strides)] = static_cast<T>(x); });
}
template <class T, int N>
inline void array_assign(const Array<T, N>& dst, double x) { array_fill(dst, static_cast<T>(x)); }
template <class T, int N>
inline void array_assign(const Array<T, N>& dst, i64 x) { array_fill(dst, static_cast<T>(x)); }
template <class T, int N>
inline void array_assign(const Array<T, N>& dst, bool x) { array_fill(dst, static_cast<T>(x)); }

template <class T, int N, int M>
inline void array_assign(const Array<T, N>& dst, const Array<T, M>& src_in) {
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
    Array<T, M> src = src_in;
    if (dst.owner.get() == src_in.owner.get() || !dst.owner.get() || !src_in.owner.get()) src = src_in.copy();
    each_index<N>(dst.shape, [&](i64, const i64* idx) {
        i64 soff = 0;
        for (int k = 0; k < M; ++k)
            if (src.shape[k] != 1) soff += idx[N - M + k] * src.strides[k];
        dst.data[offset_of<N>(idx, dst.strides)] = src.data[soff];
    });
}

// a + b, a * 2.0, ...: element by element with NumPy's broadcasting (shapes aligned
// from the right, an extent of 1 stretched), into a new C-ordered array. The
// operations are IEEE's, as NumPy's are: x / 0.0 is inf or nan, never an error.
namespace array_ops {
struct add { static double apply(double x, double y) { return x + y; } };
struct sub { static double apply(double x, double y) { return x - y; } };
struct mul { static double apply(double x, double y) { return x * y; } };
struct div { static double apply(double x, double y) { return x / y; } };
}  // namespace array_ops


template <class Op, int N>
inline Array<double, N> array_binary(const Array<double, N>& a, double y) {
    Array<double, N> r = a.copy();
    for (i64 k = 0, n = r.size(); k < n; ++k) r.data[k] = Op::apply(r.data[k], y);
    return r;
}
template <class Op, int N>
inline Array<double, N> array_binary(double x, const Array<double, N>& b) {
    Array<double, N> r = b.copy();
    for (i64 k = 0, n = r.size(); k < n; ++k) r.data[k] = Op::apply(x, r.data[k]);
    return r;
}

// np.sqrt(a), np.abs(x), ...: element-wise, a new array (or a number for a number)
namespace ufuncs {
struct sqrt { static double apply(double x) { return std::sqrt(x); } };
struct abs { static double apply(double x) { return std::fabs(x); } };
struct floor { static double apply(double x) { return std::floor(x); } };
struct ceil { static double apply(double x) { return std::ceil(x); } };
struct sin { static double apply(double x) { return std::sin(x); } };
struct cos { static double apply(double x) { return std::cos(x); } };
}  // namespace ufuncs
template <class F, int N>
inline Array<double, N> array_map(const Array<double, N>& a) {
    Array<double, N> r = a.copy();
    for (i64 k = 0, n = r.size(); k < n; ++k) r.data[k] = F::apply(r.data[k]);
    return r;
}

// a > b, a == 0.0, ...: element-wise comparisons into a bool array; array_zip is the
// broadcasting loop of every element-wise operation of two arrays
namespace array_ops {
struct lt { static bool apply(double x, double y) { return x < y; } };
struct le { static bool apply(double x, double y) { return x <= y; } };
struct gt { static bool apply(double x, double y) { return x > y; } };
struct ge { static bool apply(double x, double y) { return x >= y; } };
struct eq { static bool apply(double x, double y) { return x == y; } };
struct ne { static bool apply(double x, double y) { return x != y; } };
struct band { static bool apply(bool x, bool y) { return x && y; } };
struct bor { static bool apply(bool x, bool y) { return x || y; } };
struct bxor { static bool apply(bool x, bool y) { return x != y; } };
}  // namespace array_ops

template <class Op, class R, class A, class B, int N, int M>
inline Array<R, (N > M ? N : M)> array_zip(const Array<A, N>& a, const Array<B, M>& b) {
    constexpr int K = N > M ? N : M;
    i64 shape[K];
    for (int k = 0; k < K; ++k) {
        int ka = k - (K - N), kb = k - (K - M);
        i64 ea = ka >= 0 ? a.shape[ka] : 1, eb = kb >= 0 ? b.shape[kb] : 1;
        if (ea != eb && ea != 1 && eb != 1)
            raisef(Exc::ValueError, "operands could not be broadcast together with shapes %s %s ",
                   shape_text<N>(a.shape).c_str(), shape_text<M>(b.shape).c_str());
        shape[k] = ea == 1 ? eb : ea;
    }
    Array<R, K> r = Array<R, K>::make(shape, R());
    each_index<K>(shape, [&](i64 flat, const i64* idx) {
        i64 oa = 0, ob = 0;
        for (int k = 0; k < K; ++k) {
            int ka = k - (K - N), kb = k - (K - M);
            if (ka >= 0 && a.shape[ka] != 1) oa += idx[k] * a.strides[ka];
            if (kb >= 0 && b.shape[kb] != 1) ob += idx[k] * b.strides[kb];
        }
        r.data[flat] = Op::apply(a.data[oa], b.data[ob]);
    });
    return r;
}
template <class Op, int N, int M>
inline Array<double, (N > M ? N : M)> array_binary(const Array<double, N>& a, const Array<double, M>& b) {
    return array_zip<Op, double>(a, b);
}

// a number on one side: a 1-item array of no dimensions' worth, broadcast
template <class T>
inline Array<T, 1> scalar_array(T x) {
    const i64 one[1] = {1};
    return Array<T, 1>::make(one, x);
}
template <class Op, class A, int N>
inline Array<bool, N> array_compare(const Array<A, N>& a, double y) {
    Array<bool, N> r = array_zip<Op, bool>(a, scalar_array(y));
    return r;
}
template <class Op, class B, int M>
inline Array<bool, M> array_compare(double x, const Array<B, M>& b) {
    return array_zip<Op, bool>(scalar_array(x), b);
}
template <class Op, class A, class B, int N, int M>
inline auto array_compare(const Array<A, N>& a, const Array<B, M>& b) {
    return array_zip<Op, bool>(a, b);
}
template <int N>
inline Array<bool, N> array_not(const Array<bool, N>& a) {
    Array<bool, N> r = a.copy();
    for (i64 k = 0, n = r.size(); k < n; ++k) r.data[k] = !r.data[k];
    return r;
}

// a[mask]: the items where mask is true, in C order, as a new 1-d array
template <class T, int N>
inline Array<T, 1> masked(const Array<T, N>& a, const Array<bool, N>& mask) {
    for (int k = 0; k < N; ++k)
        if (a.shape[k] != mask.shape[k])
            raisef(Exc::IndexError, "boolean index did not match indexed array along axis %d; size of axis is %lld "
                                    "but size of corresponding boolean axis is %lld",
                   k, (long long)a.shape[k], (long long)mask.shape[k]);
    std::vector<T> out;
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        if (mask.data[offset_of<N>(idx, mask.strides)]) out.push_back(a.data[offset_of<N>(idx, a.strides)]);
    });
    const i64 count[1] = {static_cast<i64>(out.size())};
    Array<T, 1> r = Array<T, 1>::make(count, T());
    for (size_t k = 0; k < out.size(); ++k) r.data[k] = out[k];
    return r;
}
// a[mask] = x: every item where mask is true gets x
template <class T, int N, class X>
inline void masked_assign(const Array<T, N>& a, const Array<bool, N>& mask, X x) {
    Array<T, 1> probe = masked(a, mask);  // checks the shapes, as NumPy does first
    (void)probe;
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        if (mask.data[offset_of<N>(idx, mask.strides)]) a.data[offset_of<N>(idx, a.strides)] = static_cast<T>(x);
    });
}
// mask.sum(): how many are true
template <int N>
inline i64 array_count(const Array<bool, N>& m) {
    i64 c = 0;
    each_index<N>(m.shape, [&](i64, const i64* idx) { c += m.data[offset_of<N>(idx, m.strides)]; });
    return c;
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

// np.arange(start, stop, step) of ints: NumPy's length and its errors
inline Array<i64, 1> arange(i64 start, i64 stop, i64 step) {
    if (PYRITE_UNLIKELY(step == 0)) raise(Exc::ZeroDivisionError, "division by zero");
    __int128 lo = start, hi = stop, st = step, n = 0;
    if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
    if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
    const i64 count[1] = {static_cast<i64>(n)};
    Array<i64, 1> r = Array<i64, 1>::make(count, 0);
    for (i64 k = 0; k < count[0]; ++k) r.data[k] = start + k * step;
    return r;
}

}  // namespace pyrite
