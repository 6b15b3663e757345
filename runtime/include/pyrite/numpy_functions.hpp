// NumPy's functions that are not ufuncs, reductions or makers: round, clip, copyto,
// sort and argsort, diff, outer, tile, repeat, concatenate and its kind,
// searchsorted, unique, cross, linalg.norm and average. Included by numpy.hpp; each
// is pyrite::np::NAME<R>(arguments) with R the whole result type (ops.def: Whole),
// typed by typeinfer/arrays.cpp's rule of the same name. Results and messages are
// NumPy's (numpy/_core/fromnumeric.py, numeric.py, lib/_function_base_impl.py,
// _core/src/multiarray/calculation.c for round).
#pragma once
#include <algorithm>
#include <array>
#include <climits>
#include <limits>
#include <numeric>
#include <tuple>
#include <vector>

#include "list.hpp"

namespace pyrite::np {

// ------------------------------------------------------------ helpers
template <class X>
constexpr bool is_array_v = dims_v<X> > 0;

// NumPy's sort order: NaN after every number (npysort's Tag::less)
template <class T>
inline bool sort_less(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) return a < b || (b != b && a == a);
    else return a < b;
}

// every lane of a along axis: f(pointer to its first item, length, stride)
template <class T, int N, class F>
inline void each_lane(const Array<T, N>& a, int axis, F&& f) {
    i64 outer[N];
    for (int k = 0; k < N; ++k) outer[k] = k == axis ? 1 : a.shape[k];
    if (a.shape[axis] == 0) return;
    each_index<N>(outer, [&](i64, const i64* idx) { f(a.data + offset_of<N>(idx, a.strides), a.shape[axis], a.strides[axis]); });
}

// a C-ordered copy of a, its items cast to R
template <class R, class T, int N>
inline Array<R, N> c_copy(const Array<T, N>& a) {
    Array<R, N> r = Array<R, N>::make_uninit(a.shape);
    each_index<N>(a.shape, [&](i64 flat, const i64* idx) { r.data[flat] = cast<R>(a.data[offset_of<N>(idx, a.strides)]); });
    return r;
}
// a copy laid out as a is (NumPy's order="K": a Fortran-ordered array stays so)
template <class R, class T, int N>
inline Array<R, N> k_copy(const Array<T, N>& a) {
    Array<R, N> r = make_like<R>(a);
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        r.data[offset_of<N>(idx, r.strides)] = cast<R>(a.data[offset_of<N>(idx, a.strides)]);
    });
    return r;
}
template <class R, class T, int N>
inline Array<R, 1> flat_copy(const Array<T, N>& a) {
    Array<R, N> c = c_copy<R>(a);
    Array<R, 1> r;
    r.data = c.data;
    r.shape[0] = c.size();
    r.strides[0] = 1;
    r.owner = c.owner;
    return r;
}

// ------------------------------------------------------------ np.array, np.asarray
// nested lists and tuples (and arrays inside them) of numbers: the shape is discovered depth
// first, every sequence at one depth of one length (else NumPy's ValueError), then the leaves
// are written in C order
template <class X>
struct nest { static constexpr int depth = 0; };
template <class T>
struct nest<List<T>> { static constexpr int depth = 1 + nest<T>::depth; };
template <class T>
struct nest<Tuple<T>> { static constexpr int depth = 1 + nest<T>::depth; };
template <class T, class... U>
struct nest<std::tuple<T, U...>> { static constexpr int depth = 1 + nest<T>::depth; };
template <>
struct nest<std::tuple<>> { static constexpr int depth = 1; };
template <class T, int N>
struct nest<Array<T, N>> { static constexpr int depth = N; };

template <class T, class F>
inline void each_item(const List<T>& l, F&& f) { for (i64 i = 0; i < l.len(); ++i) f(l.at(i)); }
template <class T, class F>
inline void each_item(const Tuple<T>& t, F&& f) { for (i64 i = 0; i < t.len(); ++i) f(t.at(i)); }
template <class... T, class F>
inline void each_item(const std::tuple<T...>& t, F&& f) { std::apply([&](const auto&... x) { (f(x), ...); }, t); }
template <class T>
inline i64 seq_len(const List<T>& l) { return l.len(); }
template <class T>
inline i64 seq_len(const Tuple<T>& t) { return t.len(); }
template <class... T>
inline i64 seq_len(const std::tuple<T...>&) { return static_cast<i64>(sizeof...(T)); }

[[noreturn]] inline void inhomogeneous(const i64* shape, int d) {
    std::string s = "(";
    for (int k = 0; k < d; ++k) s += std::to_string(shape[k]) + (d == 1 ? "," : k + 1 < d ? ", " : "");
    raisef(Exc::ValueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape "
                            "after %d dimensions. The detected shape was %s) + inhomogeneous part.", d, s.c_str());
}
// the shallowest depth at which a sequence was empty (-1: none was)
template <class X>
inline void discover_shape(const X& x, int d, i64* shape, bool* seen, int* empty_at) {
    auto extent = [&](int k, i64 n) {
        if (!seen[k]) shape[k] = n, seen[k] = true;
        else if (shape[k] != n) inhomogeneous(shape, k);
    };
    if constexpr (std::is_arithmetic_v<X> || is_complex<X>::value) {
        (void)x, (void)d, (void)extent, (void)empty_at;
    } else if constexpr (is_array_v<X>) {
        for (int k = 0; k < dims_v<X>; ++k) extent(d + k, x.shape[k]);
    } else {
        i64 n = seq_len(x);
        extent(d, n);
        if (n == 0 && (*empty_at < 0 || d < *empty_at)) *empty_at = d;
        each_item(x, [&](const auto& item) { discover_shape(item, d + 1, shape, seen, empty_at); });
    }
}
template <class R, bool Weak, class X>
inline void write_leaves(const X& x, R*& out) {
    if constexpr (std::is_same_v<X, i64> && Weak) {
        *out++ = weak<R>(x);
    } else if constexpr (std::is_arithmetic_v<X> || is_complex<X>::value) {
        *out++ = cast<R>(x);
    } else if constexpr (is_array_v<X>) {
        constexpr int N = dims_v<X>;
        each_index<N>(x.shape, [&](i64, const i64* idx) { *out++ = cast<R>(x.data[offset_of<N>(idx, x.strides)]); });
    } else {
        each_item(x, [&](const auto& item) { write_leaves<R, Weak>(item, out); });
    }
}
// mode: 1 = Python ints are checked into the dtype (NEP 50), 2 = dtype= was given
template <class R, class X>
inline R array_of(const X& x, i64 mode) {
    using I = item_t<R>;
    constexpr int N = dims_v<R>;
    i64 shape[N] = {};
    bool seen[N] = {};
    int empty_at = -1;
    discover_shape(x, 0, shape, seen, &empty_at);
    // an empty list: NumPy stops there (its array has that many dimensions) and, with no item
    // to tell, makes float64; pyrite's type fixed both
    if (empty_at >= 0 && empty_at < N - 1)
        raisef(Exc::ValueError, "pyrite cannot make this array: an empty list at depth %d gives NumPy's %d dimensions, "
                                "where pyrite's type has %d", empty_at, empty_at + 1, N);
    if (empty_at >= 0 && !(mode & 2) && !std::is_same_v<I, double>)
        raisef(Exc::ValueError, "pyrite cannot make this empty array: NumPy's would be float64, pyrite's is %s "
                                "(its items' type); pass dtype=np.%s", dtype_name<I>(), dtype_name<I>());
    Array<I, N> r = Array<I, N>::make_uninit(shape);
    I* out = r.data;
    if (mode & 1) write_leaves<I, true>(x, out);
    else write_leaves<I, false>(x, out);
    return r;
}
template <class R, class X>
inline R array(const X& x, i64 mode) {
    if constexpr (is_array_v<X>) return (void)mode, k_copy<item_t<R>>(x);  // np.array(a) copies, keeping the layout
    else return array_of<R>(x, mode);
}
template <class R, class X>
inline R asarray(const X& x, i64 mode) {
    if constexpr (std::is_same_v<X, R>) return (void)mode, x;  // the same array, not a copy
    else if constexpr (is_array_v<X>) return (void)mode, k_copy<item_t<R>>(x);
    else return array_of<R>(x, mode);
}

// ------------------------------------------------------------ round
// PyArray_Round: x * 10**d, rint, / 10**d (the other way round for d < 0), in the
// item's dtype; integers round only for d < 0, through float64
inline double power_of_ten(i64 n) {
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (n < 9) return p10[n];
    double r = 1e9;
    while (n-- > 9) r *= 10.;
    return r;
}
inline void check_decimals(i64 d) {
    // decimals is a C int (PyArg_ParseTuple's "i")
    if (PYRITE_UNLIKELY(d > INT_MAX)) raise(Exc::OverflowError, "signed integer is greater than maximum");
    if (PYRITE_UNLIKELY(d < INT_MIN)) raise(Exc::OverflowError, "signed integer is less than minimum");
}
template <class T>
inline T round_one(T x, i64 d) {
    if constexpr (is_int<T>) {
        if (d >= 0) return x;
        double f = power_of_ten(d == INT_MIN ? INT_MAX : -d);
        return cast<T>(std::rint(static_cast<double>(x) / f) * f);
    } else {
        if (d == 0) return std::rint(x);
        if (d > 0) {
            T f = static_cast<T>(power_of_ten(d));
            return std::rint(x * f) / f;
        }
        T f = static_cast<T>(power_of_ten(d == INT_MIN ? INT_MAX : -d));
        return std::rint(x / f) * f;
    }
}
template <class R, class X>
inline R round(const X& x, i64 decimals) {
    check_decimals(decimals);
    using I = item_t<R>;
    if constexpr (is_array_v<X>) return zip_fn<I>([decimals](auto v) { return round_one<I>(cast<I>(v), decimals); }, x);
    else return round_one<I>(cast<I>(x), decimals);
}

// ------------------------------------------------------------ clip
// NumPy's clip ufunc: _NPY_MIN(_NPY_MAX(x, lo), hi), where a NaN x stays and a NaN
// bound wins (x > nan is false)
template <class I>
inline I clip_max(I x, I lo) {
    if constexpr (std::is_floating_point_v<I>) return x != x ? x : (x > lo ? x : lo);
    else return x > lo ? x : lo;
}
template <class I>
inline I clip_min(I x, I hi) {
    if constexpr (std::is_floating_point_v<I>) return x != x ? x : (x < hi ? x : hi);
    else return x < hi ? x : hi;
}
struct u_clip {
    template <class R, class X, class L, class H>
    static R call(X x, L lo, H hi) { return clip_min<R>(clip_max<R>(cast<R>(x), cast<R>(lo)), cast<R>(hi)); }
};
// a Python int bound of an integer array (_methods._clip): one past the dtype's range is
// dropped (the dtype's own extreme here, which clips nothing), else NEP 50's conversion
template <class T, bool Max>
inline T clip_bound(i64 v) {
    if constexpr (Max) {
        if (std::is_unsigned_v<T> ? v >= 0 && static_cast<std::uint64_t>(v) >= std::numeric_limits<T>::max()
                                  : v >= static_cast<i64>(std::numeric_limits<T>::max()))
            return std::numeric_limits<T>::max();
    } else {
        if (std::is_unsigned_v<T> ? v <= 0 : v <= static_cast<i64>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    }
    return weak<T>(v);
}
template <class R, class X, class L, class H>
inline R clip(const X& x, const L& lo, const H& hi) {
    using I = item_t<R>;
    if constexpr (std::is_same_v<L, none_arg>) {  // np.minimum(x, hi)
        if constexpr (is_array_v<R>) return zip<I, u_minimum>(x, hi);
        else return u_minimum::call<I>(x, hi);
    } else if constexpr (std::is_same_v<H, none_arg>) {  // np.maximum(x, lo)
        if constexpr (is_array_v<R>) return zip<I, u_maximum>(x, lo);
        else return u_maximum::call<I>(x, lo);
    } else {
        if constexpr (is_array_v<R>) return zip<I, u_clip>(x, lo, hi);
        else return u_clip::call<I>(x, lo, hi);
    }
}

// ------------------------------------------------------------ copyto
template <class R, class T, int N, class X>
inline R copyto(const Array<T, N>& dst, const X& src) {
    if constexpr (is_array_v<X>) array_assign(dst, src);
    else array_fill(dst, cast<T>(src));
    return R{};
}

// ------------------------------------------------------------ sort, argsort
template <class T>
inline void sort_lane(T* p, i64 n, i64 s, Vec<T>& buf) {
    if (s == 1) {
        std::sort(p, p + n, sort_less<T>);
        return;
    }
    buf.resize(static_cast<size_t>(n));
    for (i64 i = 0; i < n; ++i) buf[i] = p[i * s];
    std::sort(buf.begin(), buf.end(), sort_less<T>);
    for (i64 i = 0; i < n; ++i) p[i * s] = buf[i];
}
template <class T, int N>
inline void sort_axis(const Array<T, N>& a, i64 axis) {
    Vec<T> buf;
    each_lane(a, static_cast<int>(axis), [&](T* p, i64 n, i64 s) { sort_lane(p, n, s, buf); });
}
template <class R, class T, int N>
inline R sort(const Array<T, N>& a, i64 axis) {
    Array<T, N> r = k_copy<T>(a);
    sort_axis(r, axis);
    return r;
}
template <class R, class T, int N>
inline R sort(const Array<T, N>& a, none_arg) {
    Array<T, 1> r = flat_copy<T>(a);
    sort_axis(r, 0);
    return r;
}
template <class R, class T, int N>
inline R sort_in_place(const Array<T, N>& a, i64 axis) {
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    sort_axis(a, axis);
    return R{};
}
// stable: equal items keep their order (NumPy's kind='stable'; its default quicksort
// leaves the order of equal items unspecified). A long lane of int64s or float64s sorts its keys
// by radix (list.hpp), the positions moved along, in sort_less's order: -0.0 as 0.0, every nan
// last (20,000 floats: 2.5 ms by a merge of positions, whose every comparison read two items
// anywhere in the lane; NumPy's quicksort 0.67 ms)
template <class T, int N>
inline void argsort_axis(const Array<T, N>& a, const Array<i64, N>& r, int axis) {
    Vec<i64> idx;
    Vec<std::uint64_t> keys;
    i64 outer[N];
    for (int k = 0; k < N; ++k) outer[k] = k == axis ? 1 : a.shape[k];
    if (a.shape[axis] == 0) return;
    const i64 n = a.shape[axis], s = a.strides[axis], rs = r.strides[axis];
    each_index<N>(outer, [&](i64, const i64* ix) {
        const T* p = a.data + offset_of<N>(ix, a.strides);
        i64* out = r.data + offset_of<N>(ix, r.strides);
        idx.resize(static_cast<size_t>(n));
        std::iota(idx.begin(), idx.end(), i64(0));
        if constexpr (radix_sortable<T>) {
            if (static_cast<size_t>(n) >= kRadixFrom) {
                keys.resize(static_cast<size_t>(n));
                for (i64 i = 0; i < n; ++i) {
                    T x = p[i * s];
                    if constexpr (std::is_same_v<T, double>) keys[i] = x != x ? ~std::uint64_t(0) : radix_key(x == 0.0 ? 0.0 : x);
                    else keys[i] = radix_key(x);
                }
                radix_sort_keys(keys.data(), keys.size(), idx.data());
                for (i64 i = 0; i < n; ++i) out[i * rs] = idx[i];
                return;
            }
        }
        std::stable_sort(idx.begin(), idx.end(), [&](i64 x, i64 y) { return sort_less<T>(p[x * s], p[y * s]); });
        for (i64 i = 0; i < n; ++i) out[i * rs] = idx[i];
    });
}
template <class R, class T, int N>
inline R argsort(const Array<T, N>& a, i64 axis) {
    Array<i64, N> r = Array<i64, N>::make_uninit(a.shape);
    argsort_axis(a, r, static_cast<int>(axis));
    return r;
}
template <class R, class T, int N>
inline R argsort(const Array<T, N>& a, none_arg) {
    Array<T, 1> f = flat_copy<T>(a);
    Array<i64, 1> r = Array<i64, 1>::make_uninit(f.shape);
    argsort_axis(f, r, 0);
    return r;
}

// ------------------------------------------------------------ diff
// n times a[1:] - a[:-1] along axis (not_equal for bools); n = 0 is a itself
template <class R, class T, int N>
inline R diff(const Array<T, N>& a, i64 n, i64 axis) {
    if (n < 0) raisef(Exc::ValueError, "order must be non-negative but got %lld", (long long)n);
    if (n == 0) return a;
    Array<T, N> cur = a;
    for (i64 step = 0; step < n; ++step) {
        i64 shape[N];
        for (int k = 0; k < N; ++k) shape[k] = cur.shape[k];
        shape[axis] = std::max<i64>(cur.shape[axis] - 1, 0);
        int perm[N];
        memory_order<N>(cur.strides, perm);  // laid out as a is (NumPy's slices keep the order)
        Array<T, N> r = make_in_order<T, N>(shape, perm);
        const i64 along = cur.strides[axis];
        each_index<N>(shape, [&](i64, const i64* idx) {
            const T* p = cur.data + offset_of<N>(idx, cur.strides);
            T* o = r.data + offset_of<N>(idx, r.strides);
            if constexpr (std::is_same_v<T, bool>) *o = p[along] != p[0];
            else *o = sub<T>(p[along], p[0]);
        });
        cur = r;
    }
    return cur;
}

// ------------------------------------------------------------ eye, identity, trace, median
// np.eye(N, M=None, k=0): ones on the k-th diagonal (NumPy's: a negative N or M is its ValueError)
template <class R>
inline R eye(i64 n, i64 m, i64 k) {
    using I = item_t<R>;
    if (n < 0 || m < 0) raisef(Exc::ValueError, "negative dimensions are not allowed");
    i64 shape[2] = {n, m};
    R r = R::make(shape, I(0));
    for (i64 i = 0; i < n; ++i)
        if (i + k >= 0 && i + k < m) r.data[i * m + i + k] = I(1);
    return r;
}
template <class R>
inline R eye(i64 n, none_arg, i64 k) { return eye<R>(n, n, k); }
template <class R>
inline R identity(i64 n) { return eye<R>(n, n, 0); }
// np.trace(a, offset): the diagonal's sum in sum's accumulator dtype (R), added in order
template <class R, class T>
inline R trace(const Array<T, 2>& a, i64 offset) {
    R s = R(0);
    for (i64 i = 0; i < a.shape[0]; ++i) {
        i64 j = i + offset;
        if (j < 0 || j >= a.shape[1]) continue;
        R x = static_cast<R>(a.data[i * a.strides[0] + j * a.strides[1]]);
        if constexpr (std::is_integral_v<R>)  // NumPy's integers wrap
            s = static_cast<R>(static_cast<std::uint64_t>(s) + static_cast<std::uint64_t>(x));
        else
            s = static_cast<R>(s + x);
    }
    return s;
}
// np.median(a): the middle item of the sorted items, or the mean of the two middle ones (their sum
// halved, in R, as np.mean computes it); NaN where an item is NaN, or for no items
template <class R, class T, int N>
inline R median(const Array<T, N>& a, none_arg) {
    Array<T, 1> flat = flat_copy<T>(a);
    Vec<R> v(static_cast<size_t>(flat.shape[0]));
    for (size_t i = 0; i < v.size(); ++i) {
        v[i] = static_cast<R>(flat.data[i]);
        if (v[i] != v[i]) return v[i];  // NaN
    }
    if (v.empty()) return std::numeric_limits<R>::quiet_NaN();
    size_t h = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
    R hi = v[h];
    if (v.size() % 2) return hi;
    R lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h));
    return static_cast<R>(static_cast<R>(lo + hi) / R(2));
}

// ------------------------------------------------------------ roll, ptp, triu, tril, isclose, allclose
// np.roll(a, shift, axis): each item moved shift places along the axis, the last ones wrapping to
// the front, into a new array laid out as a is (NumPy's empty_like)
template <class R, class T, int N>
inline R roll(const Array<T, N>& a, i64 shift, i64 axis) {
    const int ax = static_cast<int>(axis);  // in range (typeinfer)
    Array<T, N> r = make_like<T>(a);
    const i64 len = a.shape[ax];
    const i64 off = len ? ((shift % len) + len) % len : 0;
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        i64 to[N];
        for (int k = 0; k < N; ++k) to[k] = idx[k];
        to[ax] = (idx[ax] + off) % len;
        r.data[offset_of<N>(to, r.strides)] = a.data[offset_of<N>(idx, a.strides)];
    });
    return r;
}
// axis=None: the flattened items rolled, shaped as a again (C order, as ravel().reshape())
template <class R, class T, int N>
inline R roll(const Array<T, N>& a, i64 shift, none_arg) {
    Array<T, 1> f = flat_copy<T>(a);
    R r = R::make_uninit(a.shape);
    const i64 n = f.shape[0];
    const i64 off = n ? ((shift % n) + n) % n : 0;
    for (i64 i = 0; i < n; ++i) r.data[(i + off) % n] = f.data[i];
    return r;
}
// np.ptp(a): max less min, in a's dtype (integers wrap, as NumPy's subtract)
template <class R, class T, int N>
inline R ptp(const Array<T, N>& a, none_arg) {
    T hi = extreme_all<true>(a), lo = extreme_all<false>(a);
    return sub<T>(hi, lo);
}
// np.triu(m, k) keeps the items on and above the k-th diagonal (j - i >= k), np.tril those on
// and below it (j - i <= k); the others are 0, in a new C-ordered array (NumPy's where())
template <bool Upper, class T>
inline Array<T, 2> triangle(const Array<T, 2>& m, i64 k) {
    Array<T, 2> r = Array<T, 2>::make_uninit(m.shape);
    for (i64 i = 0; i < m.shape[0]; ++i)
        for (i64 j = 0; j < m.shape[1]; ++j) {
            bool keep = Upper ? j - i >= k : j - i <= k;
            r.data[i * m.shape[1] + j] = keep ? m.data[i * m.strides[0] + j * m.strides[1]] : T(0);
        }
    return r;
}
template <class R, class T>
inline R triu(const Array<T, 2>& m, i64 k) { return triangle<true>(m, k); }
template <class R, class T>
inline R tril(const Array<T, 2>& m, i64 k) { return triangle<false>(m, k); }
// np.isclose(a, b, rtol, atol, equal_nan), as numeric.py computes it (in float64: typeinfer takes
// no other float type): |a - b| <= atol + rtol * |b| where b is finite, or a == b; NaNs equal
// with equal_nan
inline bool close_items(double a, double b, double rtol, double atol, bool equal_nan) {
    bool r = (std::fabs(a - b) <= atol + rtol * std::fabs(b) && std::isfinite(b)) || a == b;
    return r || (equal_nan && std::isnan(a) && std::isnan(b));
}
template <class R, class X, class Y>
inline auto isclose(const X& x, const Y& y, double rtol, double atol, bool equal_nan) {
    auto f = [=](auto a, auto b) { return close_items(static_cast<double>(a), static_cast<double>(b), rtol, atol, equal_nan); };
    return zip_fn<bool>(f, x, y);
}
// np.allclose: whether every item is close (a Python bool)
template <class R, class X, class Y>
inline R allclose(const X& x, const Y& y, double rtol, double atol, bool equal_nan) {
    if constexpr (dims_v<X> == 0 && dims_v<Y> == 0) {
        return close_items(static_cast<double>(x), static_cast<double>(y), rtol, atol, equal_nan);
    } else {
        auto r = isclose<void>(x, y, rtol, atol, equal_nan);
        for (i64 i = 0; i < r.size(); ++i)  // (a new array: its items are contiguous)
            if (!r.data[i]) return false;
        return true;
    }
}

// ------------------------------------------------------------ nansum, nanmean, nanmax, nanmin
// as nanfunctions.py computes them: of a copy whose NaNs are 0 (laid out as a is, so the sum adds
// in NumPy's order), nanmean that sum over the count of the others (NaN where there are none);
// nanmax/nanmin as fmax/fmin reduce (NaN where every item is). Of integers, sum, mean, max, min.
template <class T, int N>
inline Array<T, N> nan_as_zero(const Array<T, N>& a, i64* kept) {
    Array<T, N> c = make_like<T>(a);
    *kept = 0;
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        T x = a.data[offset_of<N>(idx, a.strides)];
        *kept += x == x;
        c.data[offset_of<N>(idx, c.strides)] = x == x ? x : T(0);
    });
    return c;
}
template <class R, class T, int N>
inline R nansum(const Array<T, N>& a, none_arg) {
    if constexpr (!std::is_floating_point_v<T>) {
        return sum_all<R>(a);
    } else {
        i64 kept;
        return sum_all<R>(nan_as_zero(a, &kept));
    }
}
template <class R, class T, int N>
inline R nanmean(const Array<T, N>& a, none_arg) {
    if constexpr (!std::is_floating_point_v<T>) {
        return mean<R>(a, none_arg{});
    } else {
        i64 kept;
        R total = sum_all<R>(nan_as_zero(a, &kept));
        return static_cast<R>(static_cast<double>(total) / static_cast<double>(kept));  // (_divide_by_count)
    }
}
template <bool Max, class T, int N>
inline T nan_extreme(const Array<T, N>& a) {
    if constexpr (!std::is_floating_point_v<T>) {
        return extreme_all<Max>(a);
    } else {
        if (a.size() == 0)
            raisef(Exc::ValueError, "zero-size array to reduction operation %s which has no identity", Max ? "fmax" : "fmin");
        T m = std::numeric_limits<T>::quiet_NaN();
        each_index<N>(a.shape, [&](i64, const i64* idx) {
            T x = a.data[offset_of<N>(idx, a.strides)];
            if (m != m || (Max ? x > m : x < m)) m = x;  // a NaN x never replaces m
        });
        return m;
    }
}
template <class R, class T, int N>
inline R nanmax(const Array<T, N>& a, none_arg) { return nan_extreme<true>(a); }
template <class R, class T, int N>
inline R nanmin(const Array<T, N>& a, none_arg) { return nan_extreme<false>(a); }

// ------------------------------------------------------------ interp
// np.interp(x, xp, fp, left, right), as compiled_base.c's arr_interp: xp, fp and x as float64 (x
// in C order, into a new C-ordered result); for each x the j with xp[j] <= x < xp[j + 1] (one
// answer in a sorted xp, however it is searched), then the slope from j, or from j + 1 where
// that gives NaN
template <class X, class XP, class FP, class L, class H>
inline auto interp_impl(const X& x, const XP& xp_in, const FP& fp_in, const L& left, const H& right) {
    Array<double, 1> fp = flat_copy<double>(fp_in), xp = flat_copy<double>(xp_in);
    constexpr int D = dims_v<X> == 0 ? 1 : dims_v<X>;  // (a number: one item)
    Array<double, D> xs;
    if constexpr (dims_v<X> == 0) {
        i64 one = 1;
        Array<double, 1> c = Array<double, 1>::make_uninit(&one);
        c.data[0] = static_cast<double>(x);
        xs = c;
    } else {
        xs = c_copy<double>(x);
    }
    const i64 lenxp = xp.shape[0], lenx = xs.size();
    if (lenxp == 0 && lenx != 0) raisef(Exc::ValueError, "array of sample points is empty");
    if (fp.shape[0] != lenxp) raisef(Exc::ValueError, "fp and xp are not of the same length.");
    const double* dx = xp.data;
    const double* dy = fp.data;
    double* out = xs.data;  // (a new C-ordered copy: the result, in place)
    if (lenx == 0) return xs;
    double lval, rval;
    if constexpr (std::is_same_v<L, none_arg>) lval = dy[0];
    else lval = static_cast<double>(left);
    if constexpr (std::is_same_v<H, none_arg>) rval = dy[lenxp - 1];
    else rval = static_cast<double>(right);
    for (i64 i = 0; i < lenx; ++i) {
        const double v = out[i];
        if (lenxp == 1) {
            out[i] = v < dx[0] ? lval : v > dx[0] ? rval : dy[0];
            continue;
        }
        if (v != v) continue;  // NaN stays
        i64 j;
        if (v > dx[lenxp - 1]) j = lenxp;
        else if (v < dx[0]) j = -1;
        else j = static_cast<i64>(std::upper_bound(dx, dx + lenxp, v) - dx) - 1;
        if (j == -1) out[i] = lval;
        else if (j == lenxp) out[i] = rval;
        else if (j == lenxp - 1 || dx[j] == v) out[i] = dy[j];
        else {
            const double slope = (dy[j + 1] - dy[j]) / (dx[j + 1] - dx[j]);
            double r = slope * (v - dx[j]) + dy[j];
            if (r != r) {
                r = slope * (v - dx[j + 1]) + dy[j + 1];
                if (r != r && dy[j] == dy[j + 1]) r = dy[j];
            }
            out[i] = r;
        }
    }
    return xs;
}
template <class R, class X, class XP, class FP, class L, class H>
inline auto interp(const X& x, const XP& xp, const FP& fp, const L& left, const H& right) {
    auto r = interp_impl(x, xp, fp, left, right);
    if constexpr (dims_v<X> == 0) return r.data[0];
    else return r;
}

// ------------------------------------------------------------ polyval, logspace
// np.polyval(p, x), as _polynomial_impl.py computes it: y = zeros_like(x), then y = y * x + pv for
// each coefficient (0 * inf is NaN there too), in R, NumPy's dtype for p's and x's (integers wrap).
// p: a 1-d array or a list of numbers; x: an array (the result laid out as zeros_like lays it)
// or a number (a NumPy scalar)
template <class R, class T>
inline R coefficient(const Array<T, 1>& p, i64 k) { return cast<R>(p.data[k * p.strides[0]]); }
template <class R, class T>
inline R coefficient(const List<T>& p, i64 k) { return cast<R>(p.at_ref(k)); }
template <class P>
inline i64 coefficients(const P& p) {
    if constexpr (dims_v<P> == 1) return p.shape[0];
    else return p.len();
}
template <class R, class P, class X>
inline auto polyval(const P& p, const X& x) {
    const i64 n = coefficients(p);
    auto horner = [&](R v) {
        R y = R(0);
        for (i64 k = 0; k < n; ++k) y = add<R>(mul<R>(y, v), coefficient<R>(p, k));
        return y;
    };
    if constexpr (dims_v<X> == 0) {
        return horner(cast<R>(x));
    } else {
        constexpr int N = dims_v<X>;
        Array<R, N> r = make_like<R>(x);
        each_index<N>(x.shape, [&](i64, const i64* idx) {
            r.data[offset_of<N>(idx, r.strides)] = horner(cast<R>(x.data[offset_of<N>(idx, x.strides)]));
        });
        return r;
    }
}
// np.logspace(start, stop, num=50, endpoint=True, base=10.0): base ** linspace(start, stop, ...),
// NumPy's power of a number to each item (the C library's pow, as power's loop calls it)
template <class R, class A, class B, class Base>
inline R logspace(A start, B stop, i64 num, bool endpoint, Base base) {
    R r = linspace<R>(start, stop, num, endpoint);
    for (i64 k = 0; k < r.shape[0]; ++k) r.data[k] = pow<double>(static_cast<double>(base), r.data[k]);
    return r;
}

// ------------------------------------------------------------ argwhere, isin, meshgrid, diag
// np.argwhere(a): the indices of a's nonzero items (NaN is nonzero) in C order, one row each, as
// transpose(nonzero(a)) lays them out: the (ndim, n) rows of nonzero, transposed (Fortran order)
template <class R, class T, int N>
inline Array<i64, 2> argwhere(const Array<T, N>& a) {
    i64 n = 0;
    each_index<N>(a.shape, [&](i64, const i64* idx) { n += a.data[offset_of<N>(idx, a.strides)] != T(0); });
    const i64 rows[2] = {N, n};
    Array<i64, 2> t = Array<i64, 2>::make_uninit(rows);
    i64 k = 0;
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        if (a.data[offset_of<N>(idx, a.strides)] == T(0)) return;
        for (int d = 0; d < N; ++d) t.data[d * n + k] = idx[d];
        ++k;
    });
    std::swap(t.shape[0], t.shape[1]);
    std::swap(t.strides[0], t.strides[1]);
    if (n == 0) t.strides[0] = t.strides[1] = 0;  // (NumPy's empty transpose)
    return t;
}
// np.isin(element, test_elements, invert=False): whether each item equals one of the tests (==:
// NaN equals none, -0.0 equals 0.0), in a C-ordered bool array shaped as element. The tests are
// sorted once and searched (NumPy's _in1d compares or sorts; either way, equality)
template <class S>
struct test_item { using type = item_t<S>; };  // the tests' item type: an array's, a list's
template <class T>
struct test_item<List<T>> { using type = T; };
template <class R, class T, int N, class S>
inline Array<bool, N> isin(const Array<T, N>& element, const S& tests, bool /* assume_unique: False */, bool invert) {
    using U = typename test_item<S>::type;  // compared in a type that holds both exactly, as NumPy's promotion
    using C = std::conditional_t<std::is_floating_point_v<T> || std::is_floating_point_v<U>, double,
                                 std::conditional_t<std::is_unsigned_v<T> && std::is_unsigned_v<U>, std::uint64_t, __int128>>;
    Vec<C> sorted;
    if constexpr (dims_v<S> == 0) {
        for (i64 k = 0; k < tests.len(); ++k) sorted.push_back(static_cast<C>(tests.at_ref(k)));
    } else {
        each_index<dims_v<S>>(tests.shape, [&](i64, const i64* idx) {
            sorted.push_back(static_cast<C>(tests.data[offset_of<dims_v<S>>(idx, tests.strides)]));
        });
    }
    auto end = std::remove_if(sorted.begin(), sorted.end(), [](C c) { return c != c; });  // NaN: equal to nothing
    std::sort(sorted.begin(), end);
    const C* first = sorted.begin();
    Array<bool, N> r = Array<bool, N>::make_uninit(element.shape);
    each_index<N>(element.shape, [&](i64 flat, const i64* idx) {
        C x = static_cast<C>(element.data[offset_of<N>(idx, element.strides)]);
        const C* at = std::lower_bound(first, static_cast<const C*>(end), x);
        r.data[flat] = (at != end && *at == x) != invert;
    });
    return r;
}
// np.meshgrid(x, y[, z], indexing='xy'): each input flattened along its own axis of the grid
// (with 'xy' the first two axes swapped), each grid a new C-ordered array
template <class R, bool XY, class... A>
inline auto meshgrid_of(const A&... in) {
    constexpr int K = sizeof...(A);
    const i64 lens[K] = {in.size()...};
    i64 shape[K];
    for (int k = 0; k < K; ++k) shape[k] = lens[k];
    if (XY && K >= 2) std::swap(shape[0], shape[1]);
    int k = 0;
    auto grid = [&](const auto& a) {
        using T = item_t<std::decay_t<decltype(a)>>;
        const int axis = XY && k < 2 ? 1 - k : k;
        ++k;
        Array<T, 1> flat = flat_copy<T>(a);
        Array<T, K> g = Array<T, K>::make_uninit(shape);
        each_index<K>(shape, [&](i64 at, const i64* idx) { g.data[at] = flat.data[idx[axis]]; });
        return g;
    };
    return std::tuple{grid(in)...};  // (left to right: a braced list's order)
}
template <class R, class X, class Y>
inline R meshgrid(const X& x, const Y& y, bool xy) {
    return xy ? meshgrid_of<R, true>(x, y) : meshgrid_of<R, false>(x, y);
}
template <class R, class X, class Y, class Z>
inline R meshgrid(const X& x, const Y& y, const Z& z, bool xy) {
    return xy ? meshgrid_of<R, true>(x, y, z) : meshgrid_of<R, false>(x, y, z);
}
// np.diag(a, k=0) of a matrix: its k-th diagonal, as NumPy's diagonal() gives it: a read-only view
template <class R, class T>
inline Array<T, 1> diag(const Array<T, 2>& a, i64 k) {
    i64 n = k >= 0 ? std::min(a.shape[0], a.shape[1] - k) : std::min(a.shape[0] + k, a.shape[1]);
    Array<T, 1> d;
    d.owner = a.owner;  // (null for an argument's: the caller's buffer)
    d.data = n > 0 ? a.data + (k >= 0 ? k * a.strides[1] : -k * a.strides[0]) : a.data;
    d.shape[0] = n > 0 ? n : 0;
    d.strides[0] = a.strides[0] + a.strides[1];
    d.readonly = true;
    return d;
}
// np.diag(v, k=0) of a 1-d v: a new square C-ordered array, v on its k-th diagonal, zeros elsewhere
template <class R, class T>
inline Array<T, 2> diag(const Array<T, 1>& v, i64 k) {
    const i64 m = v.shape[0], n = m + (k < 0 ? -k : k);
    const i64 shape[2] = {n, n};
    Array<T, 2> r = Array<T, 2>::make_uninit(shape);
    for (i64 i = 0; i < n * n; ++i) r.data[i] = T(0);
    for (i64 i = 0; i < m; ++i) r.data[(k >= 0 ? i : i - k) * n + (k >= 0 ? i + k : i)] = v.data[i * v.strides[0]];
    return r;
}

// ------------------------------------------------------------ bincount
// np.bincount(x, weights, minlength): how many times each value of x occurs (or the sum of its
// weights, as doubles), as compiled_base.c's arr_bincount checks and counts: minlength first, then
// no items (minlength zeros), then no negative item, then the weights' length
template <class R, class T, class W>
inline Array<R, 1> bincount(const Array<T, 1>& x, const W& weights, i64 minlength) {
    if (minlength < 0) raise(Exc::ValueError, "'minlength' must not be negative");
    const i64 n = x.shape[0], s = x.strides[0];
    i64 size = minlength;
    if (n > 0) {
        i64 lo = 0, hi = 0;
        for (i64 i = 0; i < n; ++i) {
            i64 v = static_cast<i64>(x.data[i * s]);  // a uint64 past int64's range wraps negative, as NumPy casts it
            lo = i == 0 || v < lo ? v : lo;
            hi = i == 0 || v > hi ? v : hi;
        }
        if (lo < 0) raise(Exc::ValueError, "'list' argument must have no negative elements");
        size = std::max(size, hi + 1);
    }
    if constexpr (is_array_v<W>) {
        if (n > 0 && weights.shape[0] != n) raise(Exc::ValueError, "The weights and list don't have the same length.");
    }
    Array<R, 1> r = Array<R, 1>::make(&size, R(0));
    for (i64 i = 0; i < n; ++i) {
        i64 v = static_cast<i64>(x.data[i * s]);
        if constexpr (is_array_v<W>) r.data[v] += static_cast<double>(weights.data[i * weights.strides[0]]);
        else r.data[v] += 1;
    }
    return r;
}

// ------------------------------------------------------------ outer
template <class R, class A, int NA, class B, int NB>
inline R outer(const Array<A, NA>& a_in, const Array<B, NB>& b_in) {
    using I = item_t<R>;
    Array<A, 1> a = flat_copy<A>(a_in);
    Array<B, 1> b = flat_copy<B>(b_in);
    i64 shape[2] = {a.shape[0], b.shape[0]};
    Array<I, 2> r = Array<I, 2>::make_uninit(shape);
    for (i64 i = 0; i < shape[0]; ++i)
        for (i64 j = 0; j < shape[1]; ++j) r.data[i * shape[1] + j] = op_mul::call<I>(a.data[i], b.data[j]);
    return r;
}

// ------------------------------------------------------------ tile, repeat
template <class S>
inline Vec<i64> reps_of(const S& reps) {
    Vec<i64> v;
    if constexpr (std::is_arithmetic_v<S>) v.push_back(static_cast<i64>(reps));
    else std::apply([&](const auto&... x) { (v.push_back(static_cast<i64>(x)), ...); }, reps);
    return v;
}
template <class R, class T, int N, class S>
inline R tile(const Array<T, N>& a, const S& reps_in) {
    constexpr int K = dims_v<R>;
    Vec<i64> reps = reps_of(reps_in);
    i64 ashape[K], astr[K], shape[K], rep[K];
    for (int k = 0; k < K; ++k) {
        int ka = k - (K - N), kr = k - (K - static_cast<int>(reps.size()));
        ashape[k] = ka >= 0 ? a.shape[ka] : 1;
        astr[k] = ka >= 0 ? a.strides[ka] : 0;
        rep[k] = kr >= 0 ? reps[static_cast<size_t>(kr)] : 1;
        if (rep[k] < 0) raise(Exc::ValueError, "negative dimensions are not allowed");
        shape[k] = ashape[k] * rep[k];
    }
    Array<T, K> r = Array<T, K>::make_uninit(shape);
    each_index<K>(shape, [&](i64 flat, const i64* idx) {
        i64 off = 0;
        for (int k = 0; k < K; ++k) off += (idx[k] % ashape[k]) * astr[k];
        r.data[flat] = a.data[off];
    });
    return r;
}
template <class R, class T, int N>
inline R repeat(const Array<T, N>& a, i64 repeats, none_arg) {
    if (repeats < 0) raise(Exc::ValueError, "negative dimensions are not allowed");
    Array<T, 1> f = flat_copy<T>(a);
    i64 shape[1] = {f.shape[0] * repeats};
    Array<T, 1> r = Array<T, 1>::make_uninit(shape);
    for (i64 i = 0; i < f.shape[0]; ++i)
        for (i64 j = 0; j < repeats; ++j) r.data[i * repeats + j] = f.data[i];
    return r;
}
template <class R, class T, int N>
inline R repeat(const Array<T, N>& a, i64 repeats, i64 axis) {
    if (repeats < 0) raise(Exc::ValueError, "negative dimensions are not allowed");
    i64 shape[N];
    for (int k = 0; k < N; ++k) shape[k] = a.shape[k];
    shape[axis] *= repeats;
    Array<T, N> r = Array<T, N>::make_uninit(shape);
    each_index<N>(shape, [&](i64 flat, const i64* idx) {
        i64 off = 0;
        for (int k = 0; k < N; ++k) off += (k == axis ? idx[k] / repeats : idx[k]) * a.strides[k];
        r.data[flat] = a.data[off];
    });
    return r;
}

// ------------------------------------------------------------ concatenate, stack, vstack, hstack, column_stack
// f(part) for each array of a tuple display, a list or a tuple[T, ...]
template <class... A, class F>
inline void each_part(const std::tuple<A...>& t, F&& f) { std::apply([&](const auto&... p) { (f(p), ...); }, t); }
template <class A, class F>
inline void each_part(const List<A>& l, F&& f) { for (i64 i = 0; i < l.len(); ++i) f(l.at(i)); }
template <class A, class F>
inline void each_part(const Tuple<A>& t, F&& f) { for (i64 i = 0; i < t.len(); ++i) f(t.at(i)); }

// NumPy's stable insertion sort of axes by the operands' strides (shape.c's
// PyArray_CreateMultiSortedStridePerm for a join's result, nditer_constr.c's
// npyiter_find_best_axis_ordering for einsum's): perm[i0] moves before perm[i1] when the first
// operand that steps along both (step(w, axis) >= 0; -1: an extent of 1, which says nothing) has
// before(its step along perm[i0], along perm[i1]) and no later operand disagrees
template <class Step, class Before>
inline void sort_axes_by_strides(int* perm, int n, int nops, Step step, Before before) {
    for (int i0 = 1; i0 < n; ++i0) {
        int at = i0, a0 = perm[i0];
        for (int i1 = i0 - 1; i1 >= 0; --i1) {
            bool ambiguous = true, swap = false;
            for (int w = 0; w < nops; ++w) {
                i64 s0 = step(w, a0), s1 = step(w, perm[i1]);
                if (s0 < 0 || s1 < 0) continue;
                if (!before(s0, s1)) swap = false;  // where operands disagree, the later one keeps the order
                else if (ambiguous) swap = true;
                ambiguous = false;
            }
            if (ambiguous) continue;
            if (!swap) break;
            at = i1;
        }
        for (int i1 = i0; i1 > at; --i1) perm[i1] = perm[i1 - 1];
        perm[at] = a0;
    }
}

// the parts seen as K-d arrays (1-d parts of vstack as rows: atleast_2d) joined along axis
template <class R, int K, class P>
inline R join_along(const P& parts, int axis, bool at_least_2d, const char* what) {
    using I = item_t<R>;
    Vec<std::array<i64, K>> shapes;
    auto shape_k = [&](const auto& p) {
        std::array<i64, K> s{};
        constexpr int M = dims_v<decltype(p)>;
        for (int k = 0; k < K; ++k) {
            int km = k - (K - M);
            s[k] = km >= 0 ? p.shape[km] : 1;
        }
        return s;
    };
    each_part(parts, [&](const auto& p) { shapes.push_back(shape_k(p)); });
    (void)at_least_2d;
    if (shapes.empty()) raisef(Exc::ValueError, "need at least one array to %s", what);
    i64 shape[K];
    for (int k = 0; k < K; ++k) shape[k] = shapes[0][k];
    shape[axis] = 0;
    for (size_t i = 0; i < shapes.size(); ++i) {
        for (int k = 0; k < K; ++k)
            if (k != axis && shapes[i][k] != shapes[0][k])
                raisef(Exc::ValueError, "all the input array dimensions except for the concatenation axis must match exactly, "
                                        "but along dimension %d, the array at index 0 has size %lld and the array at index "
                                        "%zu has size %lld", k, (long long)shapes[0][k], i, (long long)shapes[i][k]);
        shape[axis] += shapes[i][axis];
    }
    // NumPy lays the result out as its parts are (PyArray_CreateMultiSortedStridePerm): the axes
    // sorted from the largest stride to the smallest by a stable insertion sort, where a part with
    // an axis of extent 1 of the two says nothing and, where the parts disagree, C order wins
    Vec<std::array<i64, K>> strides;
    each_part(parts, [&](const auto& p) {
        constexpr int M = dims_v<decltype(p)>;
        std::array<i64, K> st{};
        for (int k = K - M; k < K; ++k) st[k] = p.strides[k - (K - M)] < 0 ? -p.strides[k - (K - M)] : p.strides[k - (K - M)];
        strides.push_back(st);
    });
    int perm[K];  // largest stride first (C order where the parts say nothing)
    for (int k = 0; k < K; ++k) perm[k] = k;
    sort_axes_by_strides(
        perm, K, static_cast<int>(shapes.size()),
        [&](int i, int axis) -> i64 { return shapes[static_cast<size_t>(i)][axis] == 1 ? -1 : strides[static_cast<size_t>(i)][axis]; },
        [](i64 s0, i64 s1) { return s0 > s1; });
    Array<I, K> r = make_in_order<I, K>(shape, perm);
    i64 at = 0;
    each_part(parts, [&](const auto& p) {
        constexpr int M = dims_v<decltype(p)>;
        std::array<i64, K> ps = shape_k(p);
        i64 pst[K];
        for (int k = 0; k < K; ++k) {
            int km = k - (K - M);
            pst[k] = km >= 0 ? p.strides[km] : 0;
        }
        I* base = r.data + at * r.strides[axis];
        each_index<K>(ps.data(), [&](i64, const i64* idx) {
            base[offset_of<K>(idx, r.strides)] = cast<I>(p.data[offset_of<K>(idx, pst)]);
        });
        at += ps[axis];
    });
    return r;
}
template <class R, class P>
inline R concatenate(const P& parts, i64 axis) { return join_along<R, dims_v<R>>(parts, static_cast<int>(axis), false, "concatenate"); }
template <class R, class P>
inline R concatenate(const P& parts, none_arg) {  // axis=None: each part flattened
    using I = item_t<R>;
    Vec<Array<I, 1>> flat;
    each_part(parts, [&](const auto& p) { flat.push_back(flat_copy<I>(p)); });
    List<Array<I, 1>> l = List<Array<I, 1>>::make();
    for (auto& f : flat) l.append(f);
    return join_along<R, 1>(l, 0, false, "concatenate");
}
template <class R, class P>
inline R stack(const P& parts, i64 axis) {
    constexpr int K = dims_v<R>;
    using I = item_t<R>;
    // each part gets a new axis of extent 1 at `axis`; all must have one shape
    List<Array<I, K>> l = List<Array<I, K>>::make();
    bool same = true;
    i64 first[K - 1] = {};
    bool have = false;
    each_part(parts, [&](const auto& p) {
        if (!have) {
            for (int k = 0; k < K - 1; ++k) first[k] = p.shape[k];
            have = true;
        }
        for (int k = 0; k < K - 1; ++k) same = same && p.shape[k] == first[k];
        l.append(with_new_axis<K>(c_copy<I>(p), axis));
    });
    if (!have) raise(Exc::ValueError, "need at least one array to stack");
    if (!same) raise(Exc::ValueError, "all input arrays must have the same shape");
    return join_along<R, K>(l, static_cast<int>(axis), false, "stack");
}
template <class R, class P>
inline R vstack(const P& parts) { return join_along<R, dims_v<R>>(parts, 0, true, "concatenate"); }
template <class R, class P>
inline R hstack(const P& parts) { return join_along<R, dims_v<R>>(parts, dims_v<R> == 1 ? 0 : 1, false, "concatenate"); }
// np.column_stack: a 1-d part is a column (a view of it with a second axis of extent 1), then the
// parts are joined along axis 1 (NumPy's concatenate(arrays, 1))
template <class A>
inline auto as_column(const A& p) {
    if constexpr (dims_v<A> == 1) return with_new_axis<2>(p, 1);
    else return p;
}
template <class R, class... A>
inline R column_stack(const std::tuple<A...>& parts) {
    auto columns = std::apply([](const auto&... p) { return std::make_tuple(as_column(p)...); }, parts);
    return join_along<R, dims_v<R>>(columns, 1, false, "concatenate");
}
template <class R, class P>
inline R column_stack(const P& parts) {  // a list or a tuple[T, ...] of arrays of one type
    using A = std::decay_t<decltype(parts.at(0))>;
    if constexpr (dims_v<A> != 1) {
        return join_along<R, dims_v<R>>(parts, 1, false, "concatenate");
    } else {
        List<Array<item_t<A>, 2>> columns = List<Array<item_t<A>, 2>>::make();
        each_part(parts, [&](const A& p) { columns.append(as_column(p)); });
        return join_along<R, 2>(columns, 1, false, "concatenate");
    }
}

// ------------------------------------------------------------ searchsorted
template <class A, class V>
using search_t = std::conditional_t<std::is_floating_point_v<A> || std::is_floating_point_v<V>, double, std::common_type_t<A, V>>;
// NumPy's binary search (npysort/binsearch.cpp): the keys in C order, each search starting from
// where the last one ended when the keys come in order. On a sorted array that is any binary
// search's result; on an unsorted one (NaN bin edges, a caller's mistake) it is NumPy's own.
template <class T, class V>
struct Searcher {
    using C = search_t<T, V>;
    const Array<T, 1>& a;
    bool right;  // side='right': the first place past the items equal to the key
    i64 lo = 0, hi;
    C last{};
    bool started = false;
    Searcher(const Array<T, 1>& arr, bool side_right) : a(arr), right(side_right), hi(arr.shape[0]) {}
    bool before(C x, C key) const { return right ? !sort_less<C>(key, x) : sort_less<C>(x, key); }  // go past x
    i64 operator()(V v_in) {
        const C key = static_cast<C>(v_in);
        const i64 n = a.shape[0], s = a.strides[0];
        if (!started) last = key, started = true;
        if (before(last, key)) {
            hi = n;
        } else {
            lo = 0;
            hi = hi < n ? hi + 1 : n;
        }
        last = key;
        while (lo < hi) {
            i64 mid = lo + ((hi - lo) >> 1);
            if (before(static_cast<C>(a.data[mid * s]), key)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
};
template <class T, class V>
inline i64 search_one(const Array<T, 1>& a, V v, bool right) { return Searcher<T, V>(a, right)(v); }
template <class R, class T, class V>
inline R searchsorted(const Array<T, 1>& a, const V& v, bool right) {
    if constexpr (is_array_v<V>) {
        constexpr int M = dims_v<V>;
        Array<i64, M> r = Array<i64, M>::make_uninit(v.shape);
        Searcher<T, item_t<V>> search(a, right);
        each_index<M>(v.shape, [&](i64 flat, const i64* idx) { r.data[flat] = search(v.data[offset_of<M>(idx, v.strides)]); });
        return r;
    } else {
        return search_one(a, v, right);
    }
}

// ------------------------------------------------------------ flatnonzero, digitize, nan_to_num, fill_diagonal
// np.flatnonzero(a): the C-order flat indexes of a's nonzero items (NaN is nonzero)
template <class R, class T, int N>
inline Array<i64, 1> flatnonzero(const Array<T, N>& a) {
    i64 n = 0;
    each_index<N>(a.shape, [&](i64, const i64* idx) { n += a.data[offset_of<N>(idx, a.strides)] != T(0); });
    Array<i64, 1> r = Array<i64, 1>::make_uninit(&n);
    i64 k = 0;
    each_index<N>(a.shape, [&](i64 flat, const i64* idx) {
        if (a.data[offset_of<N>(idx, a.strides)] != T(0)) r.data[k++] = flat;
    });
    return r;
}
// np.digitize(x, bins, right=False): searchsorted on the bins (NumPy's _monotonicity: increasing
// or decreasing, compared as doubles, leading equal edges skipped; NaN edges go the decreasing
// way), the other side, and for decreasing bins len(bins) - the search of the reversed bins
template <class R, class X, class T>
inline R digitize(const X& x, const Array<T, 1>& bins, bool right) {
    const i64 n = bins.shape[0], s = bins.strides[0];
    int mono = 1;
    if (n > 0) {
        double last = static_cast<double>(bins.data[0]);
        i64 i = 1;
        while (i < n && static_cast<double>(bins.data[i * s]) == last) ++i;
        if (i < n) {
            double next = static_cast<double>(bins.data[i * s]);
            bool up = last < next;
            mono = up ? 1 : -1;
            for (++i; i < n; ++i) {
                last = next;
                next = static_cast<double>(bins.data[i * s]);
                if (up ? last > next : last < next) {
                    mono = 0;
                    break;
                }
            }
        }
    }
    if (mono == 0) raise(Exc::ValueError, "bins must be monotonically increasing or decreasing");
    Array<T, 1> edges = bins;
    if (mono < 0) {  // bins[::-1]
        edges.data = bins.data + (n - 1) * s;
        edges.strides[0] = -s;
    }
    // (the sides swap: digitize's right=True is searchsorted's side='left')
    if constexpr (is_array_v<X>) {
        constexpr int M = dims_v<X>;
        Array<i64, M> r = Array<i64, M>::make_uninit(x.shape);
        Searcher<T, item_t<X>> search(edges, !right);  // one search over the keys in C order, as NumPy's
        each_index<M>(x.shape, [&](i64 flat, const i64* idx) {
            i64 k = search(x.data[offset_of<M>(idx, x.strides)]);
            r.data[flat] = mono < 0 ? n - k : k;
        });
        return r;
    } else {
        i64 k = search_one(edges, x, !right);
        return mono < 0 ? n - k : k;
    }
}
// np.nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None): NaN, inf and -inf replaced (by
// default with 0.0 and the dtype's largest and lowest finite numbers), in a copy or in x itself;
// an array of ints or bools as it is
template <class R, class T, int N, class A, class P, class M>
inline Array<T, N> nan_to_num(const Array<T, N>& x, bool copy, const A& nan, const P& posinf, const M& neginf) {
    Array<T, N> r = copy ? x.copy() : x;
    if constexpr (std::is_floating_point_v<T>) {
        auto value = [](const auto& v, T otherwise) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, none_arg>) return otherwise;
            else return static_cast<T>(v);
        };
        const T to_nan = value(nan, T(0)), to_pos = value(posinf, std::numeric_limits<T>::max()),
                to_neg = value(neginf, std::numeric_limits<T>::lowest());
        if (!copy && PYRITE_UNLIKELY(r.readonly)) array_read_only();
        each_index<N>(r.shape, [&](i64, const i64* idx) {
            T& v = r.data[offset_of<N>(idx, r.strides)];
            if (v != v) v = to_nan;
            else if (v == std::numeric_limits<T>::infinity()) v = to_pos;
            else if (v == -std::numeric_limits<T>::infinity()) v = to_neg;
        });
    }
    return r;
}
// np.fill_diagonal(a, val, wrap=False): a.flat[:end:step] = val, NumPy's formula: step ncols + 1
// for a matrix (a tall one's diagonal stops at ncols * ncols unless wrap), 1 + the sum of the
// cumulative products of the shape for more dimensions (all equal); an array val repeats, as a
// flat assignment repeats it
template <class R, class T, int N, class V>
inline none_t fill_diagonal(const Array<T, N>& a, const V& val, bool wrap) {
    i64 step = 1, end = a.size();
    if constexpr (N == 2) {
        step = a.shape[1] + 1;
        if (!wrap) end = std::min(end, a.shape[1] * a.shape[1]);
    } else {
        for (int k = 1; k < N; ++k)
            if (a.shape[k] != a.shape[0]) raise(Exc::ValueError, "All dimensions of input must be of equal length");
        i64 p = 1;
        for (int k = 0; k < N - 1; ++k) step += (p *= a.shape[k]);
    }
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    i64 k = 0;
    for (i64 flat = 0; flat < end; flat += step, ++k) {
        i64 off = 0, rest = flat;  // the flat (C order) index's place, whatever a's layout
        for (int d = N - 1; d >= 0; --d) off += (rest % a.shape[d]) * a.strides[d], rest /= a.shape[d];
        if constexpr (dims_v<V> == 1) {
            if (val.shape[0] == 0) break;
            a.data[off] = cast<T>(val.data[(k % val.shape[0]) * val.strides[0]]);
        } else {
            a.data[off] = store<T>(val);
        }
    }
    return none_t{};
}

// np.pad(array, pad_width, mode='constant', constant_values=0) and mode='edge': a new array,
// Fortran-ordered where array is (and not C-ordered), as NumPy's _pad_simple makes it. pad_width
// is an int, (pad,), (before, after), ((before, after),) or one pair per axis (typeinfer's check)
template <int N>
inline void pad_pairs(i64 w, i64* before, i64* after) {
    for (int k = 0; k < N; ++k) before[k] = after[k] = w;
}
template <int N>
inline void pad_pairs(const std::tuple<i64>& w, i64* before, i64* after) { pad_pairs<N>(std::get<0>(w), before, after); }
template <int N>
inline void pad_pairs(const std::tuple<i64, i64>& w, i64* before, i64* after) {
    for (int k = 0; k < N; ++k) before[k] = std::get<0>(w), after[k] = std::get<1>(w);
}
template <int N, class... P>
inline void pad_pairs(const std::tuple<std::tuple<i64, i64>, P...>& w, i64* before, i64* after) {
    if constexpr (sizeof...(P) == 0) {
        pad_pairs<N>(std::get<0>(w), before, after);
    } else {
        int k = 0;
        std::apply([&](const auto&... pair) { ((before[k] = std::get<0>(pair), after[k] = std::get<1>(pair), ++k), ...); }, w);
    }
}
template <class R, class T, int N, class W, class V>
inline Array<T, N> pad(const Array<T, N>& a, const W& width, bool edge, const V& value) {
    i64 before[N], after[N], shape[N];
    pad_pairs<N>(width, before, after);
    for (int k = 0; k < N; ++k) {
        if (before[k] < 0 || after[k] < 0) raise(Exc::ValueError, "index can't contain negative values");
        shape[k] = a.shape[k] + before[k] + after[k];
    }
    if (edge)
        for (int k = 0; k < N; ++k)
            if (a.shape[k] == 0 && before[k] + after[k] > 0)
                raisef(Exc::ValueError, "can't extend empty axis %d using modes other than 'constant' or 'empty'", k);
    bool fortran = N > 1 && !c_contiguous(a);  // array.flags.fnc: Fortran-contiguous, not C
    i64 step = 1;
    for (int k = 0; fortran && k < N; step *= a.shape[k], ++k) fortran = a.shape[k] == 1 || a.strides[k] == step;
    int perm[N];
    for (int k = 0; k < N; ++k) perm[k] = fortran ? N - 1 - k : k;
    Array<T, N> r = make_in_order<T, N>(shape, perm);
    T fill{};
    if constexpr (!std::is_same_v<V, none_arg>) fill = store<T>(value);
    each_index<N>(shape, [&](i64, const i64* idx) {
        i64 off = 0, to = 0;
        bool inside = true;
        for (int k = 0; k < N; ++k) {
            i64 i = idx[k] - before[k];
            if (i < 0 || i >= a.shape[k]) {
                inside = false;
                i = i < 0 ? 0 : a.shape[k] - 1;  // edge: the nearest item
            }
            off += i * a.strides[k];
            to += idx[k] * r.strides[k];
        }
        r.data[to] = inside || edge ? a.data[off] : fill;
    });
    return r;
}

// ------------------------------------------------------------ unravel_index
// np.unravel_index(indices, shape, order): the coordinates of flat indexes into an array of that
// shape, C order (the last axis varies fastest) or Fortran (the first): NumPy's
// unravel_index_loop, whose division and remainder are C's (a negative extent gives what NumPy's does)
inline void unravel_one(i64 val, const Vec<i64>& dims, i64 size, bool fortran, i64* coords) {
    if (val < 0 || val >= size)
        raisef(Exc::ValueError, "index %lld is out of bounds for array with size %lld", (long long)val, (long long)size);
    const int n = static_cast<int>(dims.size());
    for (int i = 0; i < n; ++i) {
        int at = fortran ? i : n - 1 - i;
        coords[at] = val % dims[static_cast<size_t>(at)];
        val /= dims[static_cast<size_t>(at)];
    }
}
template <class R, class I, class S>
inline R unravel_index(const I& indices, const S& shape, bool fortran) {
    Vec<i64> dims = reps_of(shape);
    i64 size = 1;
    for (i64 d : dims)
        if (__builtin_mul_overflow(size, d, &size))
            raise(Exc::ValueError, "dimensions are too large; arrays and shapes with a total size greater than 'intp' "
                                   "are not supported.");
    constexpr size_t K = std::tuple_size_v<R>;
    i64 coords[K];
    if constexpr (is_array_v<I>) {  // an array per axis, of the indices' shape
        constexpr int N = dims_v<I>;
        using A = std::tuple_element_t<0, R>;
        std::array<A, K> out;
        for (auto& a : out) a = A::make_uninit(indices.shape);
        each_index<N>(indices.shape, [&](i64 flat, const i64* idx) {
            unravel_one(static_cast<i64>(indices.data[offset_of<N>(idx, indices.strides)]), dims, size, fortran, coords);
            for (size_t k = 0; k < K; ++k) out[k].data[flat] = coords[k];
        });
        return std::apply([](auto&... a) { return R{std::move(a)...}; }, out);
    } else {
        unravel_one(static_cast<i64>(indices), dims, size, fortran, coords);
        return [&]<size_t... k>(std::index_sequence<k...>) { return R{coords[k]...}; }(std::make_index_sequence<K>{});
    }
}

// ------------------------------------------------------------ unique
// the sorted distinct items (NaNs last, as one: equal_nan); with return_counts=True (R a tuple)
// also how many times each occurs, int64
// (return_index and return_inverse: None or False, typeinfer's check; return_counts: a constant, True where R is a tuple)
template <class R, class T, int N, class I, class V, class C>
inline R unique(const Array<T, N>& a, I, V, C) {
    Array<T, 1> f = flat_copy<T>(a);
    T* p = f.data;
    i64 n = f.shape[0];
    std::sort(p, p + n, sort_less<T>);
    i64 end = n;
    if constexpr (std::is_floating_point_v<T>) {
        end = std::partition_point(p, p + n, [](T x) { return x == x; }) - p;  // the first NaN
    }
    constexpr bool counted = is_tuple_v<R>;
    Vec<i64> counts;
    i64 m = 0;
    for (i64 i = 0; i < end; ++i) {
        if (m == 0 || p[i] != p[m - 1]) {
            p[m++] = p[i];
            if constexpr (counted) counts.push_back(0);
        }
        if constexpr (counted) ++counts[counts.size() - 1];
    }
    if (end < n) {
        p[m++] = p[end];
        if constexpr (counted) counts.push_back(n - end);
    }
    f.shape[0] = m;
    if constexpr (counted) {
        i64 shape[1] = {m};
        Array<i64, 1> c = Array<i64, 1>::make_uninit(shape);
        for (i64 i = 0; i < m; ++i) c.data[i] = counts[static_cast<size_t>(i)];
        return R{f, c};
    } else {
        return f;
    }
}

// ------------------------------------------------------------ cross
template <class R, class A, int NA, class B, int NB>
inline R cross(const Array<A, NA>& a, const Array<B, NB>& b) {
    using I = item_t<R>;
    const i64 la = a.shape[NA - 1], lb = b.shape[NB - 1];
    if ((la != 2 && la != 3) || (lb != 2 && lb != 3))
        raise(Exc::ValueError, "incompatible dimensions for cross product\n(dimension must be 2 or 3)");
    if (la != 3 || lb != 3) raise(Exc::ValueError, "pyrite cannot take numpy.cross of 2-vectors (its result has 0 dimensions)");
    i64 ra = NA == 2 ? a.shape[0] : 1, rb = NB == 2 ? b.shape[0] : 1;
    if (ra != rb && ra != 1 && rb != 1)
        raisef(Exc::ValueError, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 "
                                "with shape (%lld,) and arg 1 with shape (%lld,).", (long long)ra, (long long)rb);
    constexpr int K = NA > NB ? NA : NB;
    const i64 rows = std::max(ra, rb);
    i64 shape[K];
    if constexpr (K == 2) shape[0] = rows, shape[1] = 3;
    else shape[0] = 3;
    Array<I, K> r = Array<I, K>::make_uninit(shape);
    const i64 sa0 = NA == 2 && ra != 1 ? a.strides[0] : 0, sa1 = a.strides[NA - 1];
    const i64 sb0 = NB == 2 && rb != 1 ? b.strides[0] : 0, sb1 = b.strides[NB - 1];
    for (i64 i = 0; i < rows; ++i) {
        const A* x = a.data + i * sa0;
        const B* y = b.data + i * sb0;
        I a0 = cast<I>(x[0]), a1 = cast<I>(x[sa1]), a2 = cast<I>(x[2 * sa1]);
        I b0 = cast<I>(y[0]), b1 = cast<I>(y[sb1]), b2 = cast<I>(y[2 * sb1]);
        I* o = r.data + i * 3;
        o[0] = sub<I>(mul<I>(a1, b2), mul<I>(a2, b1));
        o[1] = sub<I>(mul<I>(a2, b0), mul<I>(a0, b2));
        o[2] = sub<I>(mul<I>(a0, b1), mul<I>(a1, b0));
    }
    return r;
}

// ------------------------------------------------------------ linalg.norm
// ord=None: sqrt(x.dot(x)) of x flattened (integers as float64 first; NumPy's BLAS
// adds in its own order: the last bits may differ, as for np.dot), and along an
// axis sqrt(add.reduce(x * x, axis)), which pyrite adds in NumPy's order
template <class R, class T, int N>
inline R norm(const Array<T, N>& x, none_arg, none_arg) {
    using I = item_t<R>;
    Array<I, 1> f = flat_copy<I>(x);
    I acc = I(0);
    for (i64 k = 0; k < f.shape[0]; ++k) acc += f.data[k] * f.data[k];
    return std::sqrt(acc);
}
template <class R, class T, int N>
inline R norm(const Array<T, N>& x, none_arg, i64 axis) {
    using I = item_t<R>;
    Array<I, N> sq = zip_fn<I>([](auto v) { I c = cast<I>(v); return c * c; }, x);
    auto s = sum<I>(sq, axis);
    if constexpr (is_array_v<decltype(s)>) return zip_fn<I>([](I v) { return std::sqrt(v); }, s);
    else return std::sqrt(s);
}

// ------------------------------------------------------------ average
template <class R, class T, int N, class Ax>
inline R average(const Array<T, N>& a, const Ax& axis, none_arg) {
    return mean<item_t<R>>(a, axis);
}
template <class R, class T, int N, class W, class Ax>
inline R average(const Array<T, N>& a, const Ax& axis, const Array<W, N>& w) {
    using I = item_t<R>;
    for (int k = 0; k < N; ++k)
        if (a.shape[k] != w.shape[k]) {
            if constexpr (std::is_same_v<Ax, none_arg>)
                raise(Exc::TypeError, "Axis must be specified when shapes of a and weights differ.");
            else
                raise(Exc::ValueError, "pyrite's numpy.average() takes weights of the array's shape");
        }
    Array<I, N> wc = c_copy<I>(w);
    Array<I, N> prod = zip<I, op_mul>(a, w);
    auto scl = sum<I>(wc, axis);
    auto total = sum<I>(prod, axis);
    if constexpr (is_array_v<decltype(scl)>) {
        for (i64 k = 0, n = scl.size(); k < n; ++k)
            if (scl.data[k] == I(0)) raise(Exc::ZeroDivisionError, "Weights sum to zero, can't be normalized");
        return zip<I, op_truediv>(total, scl);
    } else {
        if (scl == I(0)) raise(Exc::ZeroDivisionError, "Weights sum to zero, can't be normalized");
        return truediv<I>(total, scl);
    }
}


// ------------------------------------------------------------ einsum
// np.einsum(subscripts, a[, b]) with the subscripts typeinfer checked and made explicit
// ("ij,jk->ik"): every output item is the sum, over the labels that are not in the output,
// of the operands' items at those labels. A label repeated in one operand walks its
// diagonal. The products are added in the order of the summed labels (NumPy's
// sum-of-products kernels add in another order: the last bits of float sums may differ).
// The plan (labels, extents, the result's layout) is the library's; the sums are a template
// per item type, prebuilt for int64 and float64, so a module compiles no einsum of its own.
namespace einsum_detail {
constexpr int kMaxLabels = 52;
struct Labels {
    int nlabels = 0, nout = 0;          // the output's labels first, then the summed ones
    char label[kMaxLabels];
    i64 extent[kMaxLabels];
    i64 stride[3][kMaxLabels] = {};     // each operand's step per label (a diagonal: the sum), then the result's
    int find(char c) const {
        for (int k = 0; k < nlabels; ++k)
            if (label[k] == c) return k;
        return -1;
    }
};

// Each label's extent and each operand's step per label, from the explicit subscripts
PYRITE_RT void plan(Labels& p, const char* spec, int nops, const int* ndims, const i64* const* shapes,
                    const i64* const* strides) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const char* s = spec;
    while (*s != '-') ++s;
    for (const char* o = s + 2; *o; ++o) p.label[p.nlabels] = *o, p.extent[p.nlabels++] = -1;
    p.nout = p.nlabels;
    s = spec;
    for (int w = 0; w < nops; ++w, ++s) {  // s: the operand's first label, after it ',' or '-'
        for (int d = 0; d < ndims[w]; ++d, ++s) {
            int k = p.find(*s);
            if (k < 0) {  // a label summed over (the output's are placed first)
                k = p.nlabels++;
                p.label[k] = *s;
                p.extent[k] = shapes[w][d];
            } else if (p.extent[k] == -1) {
                p.extent[k] = shapes[w][d];
            } else if (p.extent[k] != shapes[w][d]) {
                raisef(Exc::ValueError, "operands could not be broadcast together with remapped shapes "
                                        "[original->remapped]: label '%c' has sizes %lld and %lld",
                       p.label[k], (long long)p.extent[k], (long long)shapes[w][d]);
            }
            p.stride[w][k] += strides[w][d];
        }
    }
}
#endif

// NumPy allocates the result in the order its iterator finds best (order K), and so does this:
// the iterator's axes are the output's labels, then the summed ones alphabetically, the last
// fastest; a stable insertion sort then moves an axis before another when the first operand
// that steps along both steps less along it and no later operand disagrees (an extent of 1
// steps 0 and decides nothing). NumPy: nditer_constr.c, npyiter_find_best_axis_ordering.
// order[k] is the output axis placed k-th, outermost first
PYRITE_RT void result_order(const Labels& p, int nops, int* order) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const int n = p.nlabels;
    int perm[kMaxLabels];  // fastest first
    for (int k = 0; k < n; ++k) perm[n - 1 - k] = k;
    for (int i = 1; i < n - p.nout; ++i)  // the summed labels (perm[0..n-nout)), alphabetically, reversed
        for (int j = i; j > 0 && p.label[perm[j]] > p.label[perm[j - 1]]; --j) std::swap(perm[j], perm[j - 1]);
    auto step = [&](int w, int l) -> i64 {  // (a stride of 0 decides nothing either)
        i64 s = p.stride[w][l] < 0 ? -p.stride[w][l] : p.stride[w][l];
        return p.extent[l] == 1 || s == 0 ? -1 : s;
    };
    sort_axes_by_strides(perm, n, nops, step, [](i64 s0, i64 s1) { return s0 < s1; });  // fastest first
    for (int i = n - 1, m = 0; i >= 0; --i)
        if (perm[i] < p.nout) order[m++] = perm[i];
}
#endif

// The sums into the result's items (zeros at out, stepping by p.stride[2]; one item when the
// output has no labels). One label is walked by a loop of its own, innermost: the output's
// innermost axis, adding into a row of items (a product of matrices: a row of b times one item
// of a), when its steps are smaller than the last summed label's; else that summed label,
// adding into one item (a dot product). Every other label is an outer loop, the output's
// first, so each item still adds its products in the order of the summed labels.
template <class I, class T0, class T1>  // T1 void: one operand
void fill(const Labels& p, I* out, const T0* a, const T1* b) {
    const int n = p.nlabels, no = p.nout;
    for (int k = 0; k < n; ++k)
        if (p.extent[k] == 0) return;  // no items, or sums of nothing: the zeros
    auto far = [&](int l) {            // how many of the three walks along label l skip memory
        int c = 0;
        for (int w = 0; w < 3; ++w) c += p.stride[w][l] < -1 || p.stride[w][l] > 1;
        return c;
    };
    int inner = n - 1;  // the last summed label, or the output's innermost axis
    if (no > 0) {
        int row = 0;
        for (int k = 1; k < no; ++k)
            if (std::abs(p.stride[2][k]) < std::abs(p.stride[2][row])) row = k;
        if (no == n || far(row) < far(inner)) inner = row;
    }
    int loop[kMaxLabels], m = 0;
    for (int k = 0; k < n; ++k)
        if (k != inner) loop[m++] = k;
    i64 idx[kMaxLabels];
    for (int k = 0; k < m; ++k) idx[k] = 0;
    const i64 len = p.extent[inner], s0 = p.stride[0][inner], s1 = p.stride[1][inner], so = p.stride[2][inner];
    auto item = [&](i64 i, i64 j) -> I {
        if constexpr (std::is_void_v<T1>) return cast<I>(a[i]);
        else return mul<I>(cast<I>(a[i]), cast<I>(b[j]));
    };
    // the inner loop, its steps constants where they are 0 or 1 (so that it vectorizes)
    auto into_row = [&](auto s0c, auto s1c, auto soc, i64 f0, i64 f1, i64 at) {
        for (i64 t = 0; t < len; ++t) out[at + t * soc] = add<I>(out[at + t * soc], item(f0 + t * s0c, f1 + t * s1c));
    };
    auto into_item = [&](auto s0c, auto s1c, i64 f0, i64 f1, i64 at) {
        I acc = out[at];
        for (i64 t = 0; t < len; ++t) acc = add<I>(acc, item(f0 + t * s0c, f1 + t * s1c));
        out[at] = acc;
    };
    using zero = std::integral_constant<i64, 0>;
    using one = std::integral_constant<i64, 1>;
    const bool row = inner < no;
    const bool s0_one = s0 == 1, s1_zero = s1 == 0, s1_one = s1 == 1, so_one = so == 1;
    i64 f0 = 0, f1 = 0, at = 0;
    while (true) {
        if (row) {
            if (so_one && s0 == 0 && s1_one) into_row(zero{}, one{}, one{}, f0, f1, at);
            else if (so_one && s0_one && s1_zero) into_row(one{}, zero{}, one{}, f0, f1, at);
            else if (so_one && s0_one && s1_one) into_row(one{}, one{}, one{}, f0, f1, at);
            else into_row(s0, s1, so, f0, f1, at);
        } else {
            if (s0_one && (s1_one || s1_zero)) {
                if (s1_one) into_item(one{}, one{}, f0, f1, at);
                else into_item(one{}, zero{}, f0, f1, at);
            } else {
                into_item(s0, s1, f0, f1, at);
            }
        }
        int k = m - 1;
        for (; k >= 0; --k) {
            int l = loop[k];
            f0 += p.stride[0][l], f1 += p.stride[1][l], at += p.stride[2][l];
            if (++idx[k] < p.extent[l]) break;
            f0 -= p.stride[0][l] * p.extent[l], f1 -= p.stride[1][l] * p.extent[l], at -= p.stride[2][l] * p.extent[l];
            idx[k] = 0;
        }
        if (k < 0) return;
    }
}
template <class I, class A0>
inline void fill_from(const Labels& p, I* out, const A0& a) {
    fill<I, item_t<A0>, void>(p, out, a.data, nullptr);
}
template <class I, class A0, class A1>
inline void fill_from(const Labels& p, I* out, const A0& a, const A1& b) {
    fill<I, item_t<A0>, item_t<A1>>(p, out, a.data, b.data);
}
PYRITE_PREBUILT(void fill<i64, i64, i64>(const Labels&, i64*, const i64*, const i64*))
PYRITE_PREBUILT(void fill<i64, i64, void>(const Labels&, i64*, const i64*, const void*))
PYRITE_PREBUILT(void fill<double, double, double>(const Labels&, double*, const double*, const double*))
PYRITE_PREBUILT(void fill<double, double, void>(const Labels&, double*, const double*, const void*))
}  // namespace einsum_detail

// a unary einsum that sums nothing: a view of the operand's memory (transposed, diagonal)
template <class R, class T, int N>
inline R einsum_view(const einsum_detail::Labels& p, const Array<T, N>& a) {
    R r;
    r.data = a.data;
    r.owner = a.owner;
    r.readonly = a.readonly;
    for (int k = 0; k < dims_v<R>; ++k) r.shape[k] = p.extent[k], r.strides[k] = p.stride[0][k];
    return r;
}

template <class R, class... A>
inline R einsum(const char* spec, const A&... operands) {
    using I = item_t<R>;
    constexpr int nops = static_cast<int>(sizeof...(A)), NO = dims_v<R>;
    const int ndims[] = {dims_v<A>...};
    const i64* shapes[] = {operands.shape...};
    const i64* steps[] = {operands.strides...};
    einsum_detail::Labels p;
    einsum_detail::plan(p, spec, nops, ndims, shapes, steps);
    if constexpr (NO == 0) {
        I r = I(0);
        einsum_detail::fill_from(p, &r, operands...);
        return r;
    } else {
        if constexpr (nops == 1) {
            if (p.nlabels == p.nout) return einsum_view<R>(p, operands...);  // "ij->ji", "ii->i": NumPy's view
        }
        int order[NO];
        einsum_detail::result_order(p, nops, order);
        i64 permuted[NO];
        for (int k = 0; k < NO; ++k) permuted[k] = p.extent[order[k]];
        R r = R::make(permuted, I(0));  // zeros: the sums add into them
        i64 step[NO];
        for (int k = 0; k < NO; ++k) step[order[k]] = r.strides[k];
        for (int k = 0; k < NO; ++k) r.shape[k] = p.extent[k], r.strides[k] = p.stride[2][k] = step[k];
        einsum_detail::fill_from(p, r.data, operands...);
        return r;
    }
}

// ------------------------------------------------------------ ufunc.at
// np.add.at(a, indices, b) and subtract's, multiply's, maximum's and minimum's (ops.def's NpAddAt...):
// NumPy's ufunc_at. The indices (an int, a list or 1-d array of ints; of an n-d array a tuple of one
// per dimension, broadcast together) are all checked first, so one out of bounds changes nothing;
// then a[i] = op(a[i], b's item) for each in order, a repeated index applied each time. b (a Python
// number as np.asarray makes it: int64, float64) is computed with a's item in their promoted dtype,
// and the result cast back unsafely, as ufunc.at casts (np.add.at of an int64 array and 1.5 truncates).
enum class AtOp { Add, Subtract, Multiply, Maximum, Minimum };

// NumPy's promotion of two dtypes (bool, ints, floats): np.result_type
template <class T, class U>
constexpr auto at_promoted() {
    if constexpr (std::is_same_v<T, U> || std::is_same_v<U, bool>) return T{};
    else if constexpr (std::is_same_v<T, bool>) return U{};
    else if constexpr (std::is_floating_point_v<T> && std::is_floating_point_v<U>) {
        return std::conditional_t<(sizeof(T) > sizeof(U)), T, U>{};
    } else if constexpr (std::is_floating_point_v<T> || std::is_floating_point_v<U>) {
        constexpr size_t f = std::is_floating_point_v<T> ? sizeof(T) : sizeof(U);
        constexpr size_t i = std::is_floating_point_v<T> ? sizeof(U) : sizeof(T);
        if constexpr (f == 8 || i >= 4) return double{};
        else return float{};
    } else if constexpr (std::is_signed_v<T> == std::is_signed_v<U>) {
        return std::conditional_t<(sizeof(T) >= sizeof(U)), T, U>{};
    } else {
        constexpr size_t si = std::is_signed_v<T> ? sizeof(T) : sizeof(U);
        constexpr size_t ui = std::is_signed_v<T> ? sizeof(U) : sizeof(T);
        if constexpr (si > ui) return std::conditional_t<std::is_signed_v<T>, T, U>{};
        else if constexpr (ui == 8) return double{};
        else if constexpr (ui == 4) return std::int64_t{};
        else if constexpr (ui == 2) return std::int32_t{};
        else return std::int16_t{};
    }
}

template <class X>
inline i64 at_count(const X& x) {  // an index array's length, -1 for an int
    if constexpr (std::is_integral_v<X>) return -1;
    else if constexpr (dims_v<X> == 1) return x.shape[0];
    else return x.len();  // a list
}
template <class X>
inline i64 at_item(const X& x, i64 k) {
    if constexpr (std::is_integral_v<X>) return static_cast<i64>(x);
    else if constexpr (dims_v<X> == 1) return static_cast<i64>(x.data[(x.shape[0] == 1 ? 0 : k) * x.strides[0]]);  // k < n
    else return x.get(x.len() == 1 ? 0 : k);
}

template <AtOp K, class T, int N, class B, class... I>
inline none_t ufunc_at_of(const Array<T, N>& a, const B& b, const I&... idx) {
    static_assert(sizeof...(I) == N, "one index per dimension");
    const i64 counts[] = {at_count(idx)...};
    i64 n = -1;
    bool mismatch = false;
    for (i64 c : counts) {
        if (c < 0) continue;
        if (n < 0 || n == 1) n = c;
        else if (c != 1 && c != n) mismatch = true;
    }
    if (mismatch) {
        std::string shapes;
        for (i64 c : counts)
            if (c >= 0) shapes += "(" + std::to_string(c) + ",) ";
        raisef(Exc::IndexError, "shape mismatch: indexing arrays could not be broadcast together with shapes %s", shapes.c_str());
    }
    using U = item_t<B>;
    using R = decltype(at_promoted<T, U>());
    i64 bn = -1;
    if constexpr (!std::is_arithmetic_v<B>) {
        bn = b.shape[0];
        if (n < 0 || (bn != 1 && bn != n)) raise(Exc::ValueError, "array is not broadcastable to correct shape");
    }
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    const i64 total = n < 0 ? 1 : n;
    auto offset = [&](i64 k) {
        i64 off = 0;
        int axis = 0;
        ((off += a.offset(axis++, at_item(idx, k))), ...);
        return off;
    };
    for (i64 k = 0; k < total; ++k) (void)offset(k);  // every index checked before any item changes
    for (i64 k = 0; k < total; ++k) {
        T& item = a.data[offset(k)];
        R x = cast<R>(item), y;
        if constexpr (std::is_arithmetic_v<B>) y = cast<R>(b);
        else y = cast<R>(b.get(bn == 1 ? 0 : k));
        R r;
        if constexpr (K == AtOp::Add) r = add<R>(x, y);
        else if constexpr (K == AtOp::Subtract) r = sub<R>(x, y);
        else if constexpr (K == AtOp::Multiply) r = mul<R>(x, y);
        else r = pick<K == AtOp::Maximum>(x, y);
        item = cast<T>(r);
    }
    return none_t{};
}
template <AtOp K, class T, int N, class I, class B>
inline none_t ufunc_at(const Array<T, N>& a, const I& indices, const B& b) {
    if constexpr (is_tuple_v<I>) return std::apply([&](const auto&... idx) { return ufunc_at_of<K>(a, b, idx...); }, indices);
    else return ufunc_at_of<K>(a, b, indices);
}
#define PYRITE_AT(name, kind)                                               \
    template <class R, class T, int N, class I, class B>                    \
    inline none_t name(const Array<T, N>& a, const I& indices, const B& b) { \
        return ufunc_at<AtOp::kind>(a, indices, b);                         \
    }
PYRITE_AT(add_at, Add)
PYRITE_AT(subtract_at, Subtract)
PYRITE_AT(multiply_at, Multiply)
PYRITE_AT(maximum_at, Maximum)
PYRITE_AT(minimum_at, Minimum)
#undef PYRITE_AT

}  // namespace pyrite::np
