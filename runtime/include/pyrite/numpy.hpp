// NumPy's functions and operators on arrays: what np.* and a.method() compile to.
//
// Every function here is called by codegen as pyrite::np::NAME<R>(args...),
// where R is the C++ type of the result typeinfer worked out (the dtype rules
// live there, in typeinfer/arrays.cpp; nothing here decides a dtype). Operands
// may be arrays of any dtype and numbers: items are converted to the
// computation's type with np::cast, NumPy's C casts.
//
// Element-wise operations broadcast as NumPy does (shapes aligned from the
// right, an extent of 1 stretched) and write a new C-ordered array; the inner
// loop runs along the last axis with plain strides, so a contiguous operand
// vectorizes. Reductions reproduce NumPy's order of float additions where it
// is defined by the memory layout (pairwise along the innermost axis), which
// makes sums of C- and Fortran-ordered arrays equal to NumPy's to the bit.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "array.hpp"
#include "npscalar.hpp"
#include "parallel_arrays.hpp"
#ifdef Py_PYTHON_H
#include "parallel.hpp"  // the pool (parallel_arrays.hpp: without Python, array work stays on its thread)
#endif

namespace pyrite::np {

struct none_arg {};  // an omitted optional argument (axis=None, dtype=None)
// whether a result type is a std::tuple (np.unique's with counts, NumPy's own calls' (hist, edges))
template <class T>
struct is_tuple : std::false_type {};
template <class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};
template <class T>
constexpr bool is_tuple_v = is_tuple<T>::value;

template <class X>
struct dims { static constexpr int value = 0; };
template <class T, int N>
struct dims<Array<T, N>> { static constexpr int value = N; };
template <class X>
constexpr int dims_v = dims<std::decay_t<X>>::value;

template <class X>
struct item_of { using type = X; };
template <class T, int N>
struct item_of<Array<T, N>> { using type = T; };
template <class X>
using item_t = typename item_of<std::decay_t<X>>::type;

// ------------------------------------------------------------ broadcasting
template <int K, class X>
inline bool merge_shape(i64 (&shape)[K], const X& x) {
    constexpr int N = dims_v<X>;
    if constexpr (N > 0) {
        for (int k = 0; k < N; ++k) {
            i64& s = shape[K - N + k];
            i64 e = x.shape[k];
            if (e == s || e == 1) continue;
            if (s != 1) return false;
            s = e;
        }
    }
    return true;
}
// the strides of x along the K axes of the broadcast shape (0 where it is stretched)
template <int K, class X>
inline void broadcast_strides(const X& x, i64 (&st)[K]) {
    constexpr int N = dims_v<X>;
    for (int k = 0; k < K; ++k) {
        int kx = k - (K - N);
        if constexpr (N > 0) st[k] = kx >= 0 && x.shape[kx] != 1 ? x.strides[kx] : 0;
        else st[k] = 0;
    }
}
template <class R, class X>
inline R at(const X& x, i64 off) {
    if constexpr (dims_v<X> == 0) return cast<R>(x);
    else return cast<R>(x.data[off]);
}
template <class X>
inline auto raw_at(const X& x, i64 off) {
    if constexpr (dims_v<X> == 0) return x;
    else return x.data[off];
}

// How many rows the broadcast shape has along its last axis (0 when it has no items)
template <int K>
inline i64 rows_of(const i64 (&shape)[K]) {
    i64 rows = 1;
    for (int k = 0; k + 1 < K; ++k) rows *= shape[k];
    return K == 0 || shape[K - 1] == 0 ? 0 : rows;
}
// Calls f(flat position of the row start, offsets of each operand at the row
// start) for rows [r0, r1) of the broadcast shape's last axis (every row by default).
template <int K, size_t M, class F>
inline void each_row(const i64 (&shape)[K], const i64 (&st)[M][K], F&& f, i64 r0 = 0, i64 r1 = -1) {
    const i64 rows = r1 < 0 ? rows_of(shape) : r1;
    i64 idx[K > 1 ? K - 1 : 1] = {};
    i64 off[M] = {};
    for (i64 k = K - 2, q = r0; k >= 0 && q > 0; --k) {  // row r0's index and offsets
        idx[k] = q % shape[k];
        q /= shape[k];
        for (size_t m = 0; m < M; ++m) off[m] += idx[k] * st[m][k];
    }
    for (i64 r = r0; r < rows; ++r) {
        f(r * shape[K - 1], static_cast<const i64*>(off));
        for (int k = K - 2; k >= 0; --k) {
            for (size_t m = 0; m < M; ++m) off[m] += st[m][k];
            if (++idx[k] < shape[k]) break;
            for (size_t m = 0; m < M; ++m) off[m] -= st[m][k] * shape[k];
            idx[k] = 0;
        }
    }
}

// row(flat, offsets, j0, j1) for the items [lo, hi) of a walk (each_row's rows, one after
// another): items [j0, j1) of each row they cover (also a fused sum's leaves: sum_zip). Not
// inlined: it is the element-wise loop's one copy, which each_row_part calls here or the pool's
// chunks call (an inlined copy for each would double what the C++ compiler optimizes and
// vectorizes for every operation of a module)
template <int K, size_t M, class Row>
__attribute__((noinline)) void walk_items(const i64 (&shape)[K], const i64 (&st)[M][K], const Row& row, i64 lo, i64 hi) {
    const i64 n = shape[K - 1];
    if (lo >= hi) return;
    const i64 first = lo / n, end = (hi - 1) / n + 1;
    each_row(shape, st, [&](i64 flat, const i64* off) {
        const i64 r = flat / n;
        row(flat, off, r == first ? lo - r * n : 0, r == end - 1 ? hi - r * n : n);
    }, first, end);
}
// every item of the walk: on the pool when the function asked for it and the walk is large
// (parallel_arrays.hpp), in chunks of items
template <int K, size_t M, class Row>
inline void each_row_part(const i64 (&shape)[K], const i64 (&st)[M][K], const Row& row) {
    const i64 count = rows_of(shape) * (K == 0 ? 0 : shape[K - 1]);
    if (i64 chunks = parallel::array_chunks(count))
        parallel::in_chunks(count, chunks, [&](i64 lo, i64 hi) { walk_items(shape, st, row, lo, hi); });
    else
        walk_items(shape, st, row, 0, count);
}

// NumPy's order='K': the axes from the largest stride to the smallest (a C-ordered
// array keeps its order, a Fortran-ordered one reverses it), equal strides in axis order. An
// insertion sort: there are a handful of axes, and std::stable_sort's merge machinery would be
// compiled into every module that sums or broadcasts an array.
template <int K>
inline void memory_order(const i64* strides, int (&perm)[K]) {
    auto size = [&](int k) { return strides[k] < 0 ? -strides[k] : strides[k]; };
    for (int k = 0; k < K; ++k) {
        int j = k;
        for (; j > 0 && size(perm[j - 1]) < size(k); --j) perm[j] = perm[j - 1];
        perm[j] = k;
    }
}
// a new array of this shape whose memory runs in the axis order perm
template <class R, int K>
inline Array<R, K> make_in_order(const i64* shape, const int (&perm)[K]) {
    i64 permuted[K];
    for (int k = 0; k < K; ++k) permuted[k] = shape[perm[k]];
    Array<R, K> p = Array<R, K>::make_uninit(permuted);
    Array<R, K> r = p;
    for (int k = 0; k < K; ++k) {
        r.shape[perm[k]] = p.shape[k];
        r.strides[perm[k]] = p.strides[k];
    }
    return r;
}
// a new array shaped and laid out as a (NumPy's *_like and astype keep a Fortran order)
template <class R, class T, int N>
inline Array<R, N> make_like(const Array<T, N>& a) {
    int perm[N];
    memory_order<N>(a.strides, perm);
    return make_in_order<R, N>(a.shape, perm);
}

// The axis order NumPy's iterator picks for element-wise loops (nditer's
// npyiter_find_best_axis_ordering): an insertion sort from the innermost axis that
// moves an axis inward only when the operands that step along both axes agree it
// has the smaller stride; any disagreement keeps C order. perm: C axes, outermost first.
template <int K, size_t M>
inline void iteration_order(const i64 (&st)[M][K], const i64* shape, int (&perm)[K]) {
    int p[K];  // iterator axes, innermost first: iterator axis d is C axis K - 1 - d
    for (int d = 0; d < K; ++d) p[d] = d;
    auto stride = [&](size_t m, int d) {
        int ax = K - 1 - d;
        i64 v = shape[ax] == 1 ? 0 : st[m][ax];
        return v < 0 ? -v : v;
    };
    for (int i0 = 1; i0 < K; ++i0) {
        int ipos = i0, j0 = p[i0];
        for (int i1 = i0 - 1; i1 >= 0; --i1) {
            bool ambig = true, swap = false;
            int j1 = p[i1];
            for (size_t m = 0; m < M; ++m) {
                i64 s0 = stride(m, j0), s1 = stride(m, j1);
                if (s0 != 0 && s1 != 0) {
                    if (s1 <= s0) swap = false;
                    else if (ambig) swap = true;
                    ambig = false;
                }
            }
            if (!ambig) {
                if (swap) ipos = i1;
                else break;
            }
        }
        if (ipos != i0) {
            for (int i = i0; i > ipos; --i) p[i] = p[i - 1];
            p[ipos] = j0;
        }
    }
    for (int k = 0; k < K; ++k) perm[k] = K - 1 - p[K - 1 - k];
}

// NumPy's ValueError for operands whose shapes (null: a 0-d one's) do not broadcast (the library's)
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void broadcast_error_of(const i64* const* shapes, const int* dims, int count) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string text;
    for (int k = 0; k < count; ++k) text += (shapes[k] ? shape_text(shapes[k], dims[k]) : std::string("()")) + " ";
    raisef(Exc::ValueError, "operands could not be broadcast together with shapes %s", text.c_str());
}
#endif
template <class X>
inline const i64* shape_or_null(const X& x) {
    if constexpr (dims_v<X> == 0) return nullptr;
    else return x.shape;
}
template <class... X>
[[noreturn]] inline void broadcast_error(const X&... x) {
    const i64* shapes[] = {shape_or_null(x)...};
    const int dims[] = {dims_v<X>...};
    broadcast_error_of(shapes, dims, static_cast<int>(sizeof...(X)));
}

// How an element-wise loop over operands x... runs: their broadcast shape (NumPy's
// error if they do not broadcast), each operand's strides along it (0 where stretched),
// and the axis order NumPy's iterator would walk (iteration_order)
template <int K, size_t M>
struct Plan {
    i64 shape[K];
    i64 st[M][K];
    int perm[K];
    template <class... X>
    explicit Plan(const X&... x) {
        for (int k = 0; k < K; ++k) shape[k] = 1;
        if (!(merge_shape(shape, x) && ...)) broadcast_error(x...);
        size_t m = 0;
        (broadcast_strides(x, st[m++]), ...);
        iteration_order(st, shape, perm);
    }
};

// The walk of an element-wise operation over x...: their broadcast shape and steps in the order
// NumPy's iterator walks them (order='K', decided from all operands' strides: plan.perm), and
// the outer axes that continue the innermost run in every operand joined to it (a contiguous
// a * b is one loop over every item however many dimensions it has). Its rows, in order, are the
// memory of the array the operation makes (make_in_order): flat position r * shape[K - 1]
template <int K, size_t M>
struct Walk {
    Plan<K, M> plan;
    i64 shape[K];
    i64 st[M][K];
    template <class... X>
    explicit Walk(const X&... x) : plan(x...) {
        for (int k = 0; k < K; ++k) {
            shape[k] = plan.shape[plan.perm[k]];
            for (size_t m = 0; m < M; ++m) st[m][k] = plan.st[m][plan.perm[k]];
        }
        for (int k = K - 2; k >= 0; --k) {
            if (shape[k] == 1) continue;
            bool joins = true;
            for (size_t m = 0; m < M; ++m) joins = joins && st[m][k] == st[m][K - 1] * shape[K - 1];
            if (!joins) break;
            shape[K - 1] *= shape[k];
            shape[k] = 1;
        }
    }
};

// The element-wise loop of every operator and ufunc: out[idx] = f(x[idx]...). Codegen
// fuses a whole expression (a * b + c, np.sqrt(d * d)) into one f, so it makes no
// temporaries; its shapes were checked in NumPy's order first (bcast below).
template <class R, class F, class... X, size_t... I>
inline auto zip_impl(std::index_sequence<I...>, const F& f, const X&... x) {
    constexpr int K = std::max({dims_v<X>...});
    // the result's memory follows NumPy's iteration order, and the loop walks that order, so
    // Fortran-ordered inputs stream too
    Walk<K, sizeof...(X)> w(x...);
    Array<R, K> r = make_in_order<R, K>(w.plan.shape, w.plan.perm);
    const i64(&shape)[K] = w.shape;
    const i64(&st)[sizeof...(X)][K] = w.st;
    // items [j0, j1) of the row at `flat` whose operands start at off
    auto row = [&](i64 flat, const i64* off, i64 j0, i64 j1) {
        R* out = r.data + flat;
        if (((st[I][K - 1] == 1 || dims_v<X> == 0) && ...)) {  // contiguous rows: a loop the compiler vectorizes
            for (i64 j = j0; j < j1; ++j) out[j] = f(raw_at(x, off[I] + j)...);
        } else {
            for (i64 j = j0; j < j1; ++j) out[j] = f(raw_at(x, off[I] + j * st[I][K - 1])...);
        }
    };
    each_row_part(shape, st, row);
    return r;
}
template <class R, class Op, class... X>
inline auto zip(const X&... x) {
    auto f = [](auto... v) { return Op::template call<R>(v...); };
    return zip_impl<R>(std::index_sequence_for<X...>{}, f, x...);
}
template <class R, class F, class... X>
inline auto zip_fn(const F& f, const X&... x) {
    return zip_impl<R>(std::index_sequence_for<X...>{}, f, x...);
}

// Shapes for a fused expression's check: the broadcast of each operation in turn,
// raising NumPy's message with that operation's two shapes
template <int K>
struct Shape {
    i64 e[K > 0 ? K : 1];
};
template <class X>
inline auto shape_of(const X& x) {
    constexpr int N = dims_v<X>;
    Shape<N> s{};
    if constexpr (N > 0)
        for (int k = 0; k < N; ++k) s.e[k] = x.shape[k];
    return s;
}
template <int N>
inline std::string shape_text_of(const Shape<N>& s) {
    if constexpr (N == 0) return "()";
    else return shape_text<N>(s.e);
}
template <int A, int B>
inline Shape<(A > B ? A : B)> bcast(const Shape<A>& a, const Shape<B>& b) {
    constexpr int K = A > B ? A : B;
    Shape<K> r{};
    for (int k = 0; k < K; ++k) {
        int ka = k - (K - A), kb = k - (K - B);
        i64 ea = ka >= 0 ? a.e[ka] : 1, eb = kb >= 0 ? b.e[kb] : 1;
        if (ea != eb && ea != 1 && eb != 1)
            raisef(Exc::ValueError, "operands could not be broadcast together with shapes %s %s ",
                   shape_text_of(a).c_str(), shape_text_of(b).c_str());
        r.e[k] = ea == 1 ? eb : ea;
    }
    return r;
}
template <int A, int B, int C>
inline auto bcast(const Shape<A>& a, const Shape<B>& b, const Shape<C>& c) {
    constexpr int K = std::max({A, B, C});
    Shape<K> r{};
    for (int k = 0; k < K; ++k) {
        int ka = k - (K - A), kb = k - (K - B), kc = k - (K - C);
        i64 x[3] = {ka >= 0 ? a.e[ka] : 1, kb >= 0 ? b.e[kb] : 1, kc >= 0 ? c.e[kc] : 1};
        i64 m = 1;
        for (i64 v : x)
            if (v != 1) {
                if (m != 1 && v != m)
                    raisef(Exc::ValueError, "operands could not be broadcast together with shapes %s %s %s ",
                           shape_text_of(a).c_str(), shape_text_of(b).c_str(), shape_text_of(c).c_str());
                m = v;
            }
        r.e[k] = m;
    }
    return r;
}

// does a view write memory that x reads? (then x is read whole first, as NumPy buffers it)
template <class T, int N, class X>
inline bool may_overlap(const Array<T, N>& dst, const X& x) {
    if constexpr (dims_v<X> == 0) return false;
    else return spans_overlap(dst, x);
}
template <class X>
inline X detached(const X& x) {
    if constexpr (dims_v<X> == 0) return x;
    else return x.copy();
}

template <class R, std::size_t... K>
inline R tuple_of_arrays(Array<i64, 1>* out, std::index_sequence<K...>) {
    return R{out[K]...};
}

// np.nonzero(a), np.where(a), a.nonzero(): for each axis, the indexes of a's true
// items in C order (a tuple of N int64 arrays)
template <class R, class T, int N>
inline R nonzero(const Array<T, N>& a) {
    i64 count = 0, total = a.size();
    i64 idx[N] = {};
    auto walk = [&](auto&& visit) {
        for (int k = 0; k < N; ++k) idx[k] = 0;
        for (i64 n = 0; n < total; ++n) {
            i64 off = 0;
            for (int k = 0; k < N; ++k) off += idx[k] * a.strides[k];
            if (a.data[off] != T(0)) visit();
            for (int k = N - 1; k >= 0 && ++idx[k] == a.shape[k]; --k) idx[k] = 0;
        }
    };
    walk([&] { ++count; });
    Array<i64, 1> out[N];
    for (int k = 0; k < N; ++k) out[k] = Array<i64, 1>::make_uninit(&count);
    i64 j = 0;
    walk([&] {
        for (int k = 0; k < N; ++k) out[k].data[j] = idx[k];
        ++j;
    });
    return tuple_of_arrays<R>(out, std::make_index_sequence<N>());
}

// sum(xs) of NumPy numbers (an array's items): start + xs[0] + xs[1] + ..., left to
// right in NumPy's arithmetic of dtype R (integers wrap), as CPython runs it
template <class R, class T>
inline R sum_items(const List<T>& xs, R start) {
    R acc = start;
    for (i64 i = 0, n = xs.len(); i < n; ++i) acc = add<R>(acc, cast<R>(xs.at(i)));
    return acc;
}

// a OP= x on an array: the result goes into a's own memory (a view of the caller's
// array stays one); x is read first where the two overlap. C is the dtype NumPy
// computes in (result_type of a and x: float32 += float64 adds in float64 and
// rounds once), when it is not a's own.
template <class Op, class C = void, class T, int N, class X>
Array<T, N> zip_into(const Array<T, N>& a, const X& x_in) {
    constexpr int K = N;
    static_assert(dims_v<X> <= N, "the result has the shape of the left operand");
    i64 shape[K];
    for (int k = 0; k < K; ++k) shape[k] = a.shape[k];
    if (!merge_shape(shape, x_in) || !std::equal(shape, shape + K, a.shape)) {
        if constexpr (dims_v<X> > 0)
            raisef(Exc::ValueError, "non-broadcastable output operand with shape %s doesn't match the broadcast shape %s",
                   shape_text<N>(a.shape).c_str(), shape_text<K>(shape).c_str());
    }
    if (PYRITE_UNLIKELY(a.readonly)) raise(Exc::ValueError, "output array is read-only");
    X x = may_overlap(a, x_in) ? detached(x_in) : x_in;
    i64 st[2][K];
    broadcast_strides(a, st[0]);
    broadcast_strides(x, st[1]);
    auto row = [&](i64, const i64* off, i64 j0, i64 j1) {  // items [j0, j1) of the row at off
        T* out = a.data + off[0];
        for (i64 j = j0; j < j1; ++j) {
            T& o = out[j * st[0][K - 1]];
            if constexpr (std::is_void_v<C>) o = Op::template call<T>(o, raw_at(x, off[1] + j * st[1][K - 1]));
            else o = cast<T>(Op::template call<C>(o, raw_at(x, off[1] + j * st[1][K - 1])));
        }
    };
    each_row_part(shape, st, row);
    return a;
}

// ------------------------------------------------------------ operators
#define PYRITE_NP_BINARY(NAME)                                                  \
    struct op_##NAME {                                                          \
        template <class R, class X, class Y>                                    \
        static R call(X x, Y y) { return NAME<R>(cast<R>(x), cast<R>(y)); }     \
    };
PYRITE_NP_BINARY(add)
PYRITE_NP_BINARY(sub)
PYRITE_NP_BINARY(mul)
PYRITE_NP_BINARY(mul_loop)
PYRITE_NP_BINARY(truediv)
PYRITE_NP_BINARY(floordiv)
PYRITE_NP_BINARY(mod)
PYRITE_NP_BINARY(pow)
PYRITE_NP_BINARY(lshift)
PYRITE_NP_BINARY(rshift)
#undef PYRITE_NP_BINARY
// float array ** a number (codegen's numpy_op): NumPy's power loop with a broadcast exponent
// (loops_umath_fp's DOUBLE_power / FLOAT_power) looks at the exponent in the loop's dtype first:
// 0.5 is sqrt, 2 is x * x, -1 is 1 / x (0 and 1 give what pow gives)
struct op_pow_scalar {
    template <class R, class X, class Y>
    static R call(X x, Y y) {
        R a = cast<R>(x), b = cast<R>(y);
        if (b == R(0.5)) return std::sqrt(a);
        if (b == R(2)) return a * a;
        if (b == R(-1)) return R(1) / a;
        return pow<R>(a, b);
    }
};
struct op_pow_two {  // op_pow_scalar's path for an exponent known to be 2
    template <class R, class X, class Y>
    static R call(X x, Y) {
        R a = cast<R>(x);
        return a * a;
    }
};
struct op_and { template <class R, class X, class Y> static R call(X x, Y y) { return static_cast<R>(cast<R>(x) & cast<R>(y)); } };
struct op_or { template <class R, class X, class Y> static R call(X x, Y y) { return static_cast<R>(cast<R>(x) | cast<R>(y)); } };
struct op_xor { template <class R, class X, class Y> static R call(X x, Y y) { return static_cast<R>(cast<R>(x) ^ cast<R>(y)); } };
// comparisons: F is the type a float comparison is made in (integers compare exactly)
template <class Cmp, class F>
struct op_cmp { template <class R, class X, class Y> static bool call(X x, Y y) { return compare<Cmp, F>(x, y); } };

struct op_neg { template <class Q, class X> static Q call(X x) { return np::neg<Q>(cast<Q>(x)); } };
struct op_invert {
    template <class Q, class X>
    static Q call(X x) {
        if constexpr (std::is_same_v<Q, bool>) return !x;
        else return static_cast<Q>(~cast<Q>(x));
    }
};
struct op_pos { template <class Q, class X> static Q call(X x) { return cast<Q>(x); } };
// prebuilt (core.hpp): a OP= x of float arrays and rows (sums[k] += row), not compiled in
// every module (zip, which makes a new array, is inlined where it is used: a row of two
// items computed by a call costs 10% of a k-means step)
#define PYRITE_PREBUILT_ZIP_INTO(OP, N, Y) \
    PYRITE_PREBUILT(Array<double, N> zip_into<OP, void, double, N, Y>(const Array<double, N>&, const Y&))
#define PYRITE_PREBUILT_ARITH(OP) \
    PYRITE_PREBUILT_ZIP_INTO(OP, 1, Array<double PYRITE_COMMA 1>) \
    PYRITE_PREBUILT_ZIP_INTO(OP, 1, double) \
    PYRITE_PREBUILT_ZIP_INTO(OP, 2, Array<double PYRITE_COMMA 2>) \
    PYRITE_PREBUILT_ZIP_INTO(OP, 2, Array<double PYRITE_COMMA 1>) \
    PYRITE_PREBUILT_ZIP_INTO(OP, 2, double)
#define PYRITE_COMMA ,
PYRITE_PREBUILT_ARITH(op_add) PYRITE_PREBUILT_ARITH(op_sub) PYRITE_PREBUILT_ARITH(op_mul) PYRITE_PREBUILT_ARITH(op_truediv)
#undef PYRITE_COMMA
#undef PYRITE_PREBUILT_ARITH
#undef PYRITE_PREBUILT_ZIP_INTO
template <class R, class T, int N>
inline Array<R, N> neg(const Array<T, N>& a) { return zip<R, op_neg>(a); }
template <class R, class T, int N>
inline Array<R, N> invert(const Array<T, N>& a) { return zip<R, op_invert>(a); }

// ------------------------------------------------------------ ufuncs
// unary ufuncs of a float type F (typeinfer picks F from the operand's dtype)
#define PYRITE_NP_UFUNC(NAME, EXPR)                                                     \
    struct u_##NAME {                                                                   \
        template <class R, class X>                                                     \
        static R call(X xin) { R x = cast<R>(xin); return EXPR; }                       \
    };                                                                                  \
    template <class R, class X>                                                         \
    inline auto NAME(const X& x) {                                                      \
        if constexpr (dims_v<X> == 0) return u_##NAME::template call<R>(x);             \
        else return zip<R, u_##NAME>(x);                                                \
    }
PYRITE_NP_UFUNC(sqrt, std::sqrt(x))
PYRITE_NP_UFUNC(exp, std::exp(x))
PYRITE_NP_UFUNC(log, std::log(x))
PYRITE_NP_UFUNC(log2, std::log2(x))
PYRITE_NP_UFUNC(log10, std::log10(x))
PYRITE_NP_UFUNC(sin, std::sin(x))
PYRITE_NP_UFUNC(cos, std::cos(x))
PYRITE_NP_UFUNC(tan, std::tan(x))
PYRITE_NP_UFUNC(arcsin, std::asin(x))
PYRITE_NP_UFUNC(arccos, std::acos(x))
PYRITE_NP_UFUNC(arctan, std::atan(x))
PYRITE_NP_UFUNC(sinh, std::sinh(x))
PYRITE_NP_UFUNC(cosh, std::cosh(x))
PYRITE_NP_UFUNC(tanh, std::tanh(x))
PYRITE_NP_UFUNC(log1p, std::log1p(x))
PYRITE_NP_UFUNC(expm1, std::expm1(x))
PYRITE_NP_UFUNC(arcsinh, std::asinh(x))
PYRITE_NP_UFUNC(arccosh, std::acosh(x))
PYRITE_NP_UFUNC(arctanh, std::atanh(x))
PYRITE_NP_UFUNC(exp2, std::exp2(x))
PYRITE_NP_UFUNC(cbrt, std::cbrt(x))
// npy_math's: times pi/180 (180/pi) computed in the item's type
PYRITE_NP_UFUNC(deg2rad, x * (R(3.141592653589793238462643383279502884) / R(180)))
PYRITE_NP_UFUNC(rad2deg, x * (R(180) / R(3.141592653589793238462643383279502884)))
PYRITE_NP_UFUNC(rint, std::rint(x))
PYRITE_NP_UFUNC(floor, (std::is_floating_point_v<R> ? R(std::floor(x)) : x))
PYRITE_NP_UFUNC(ceil, (std::is_floating_point_v<R> ? R(std::ceil(x)) : x))
PYRITE_NP_UFUNC(trunc, (std::is_floating_point_v<R> ? R(std::trunc(x)) : x))
PYRITE_NP_UFUNC(abs, absolute_value<R>(x))
PYRITE_NP_UFUNC(square, mul_loop<R>(x, x))
// NumPy's sign: -1, 0 or 1 in the item's type; 0.0 for -0.0, nan for nan
PYRITE_NP_UFUNC(sign, (x > R(0) ? R(1) : x < R(0) ? R(-1) : x == R(0) ? R(0) : x))
#undef PYRITE_NP_UFUNC

// isnan & co: a bool of any number (never true for integers)
#define PYRITE_NP_TEST(NAME, EXPR)                                                      \
    struct u_##NAME {                                                                   \
        template <class R, class X>                                                     \
        static bool call(X x) {                                                         \
            if constexpr (std::is_floating_point_v<X>) return EXPR;                     \
            else if constexpr (is_complex<X>::value) { auto re = x.real(), im = x.imag(); \
                auto f = [](auto x) { return EXPR; }; return f(re) || f(im); }          \
            else return NAME##_int;                                                     \
        }                                                                               \
    };                                                                                  \
    template <class R, class X>                                                         \
    inline auto NAME(const X& x) {                                                      \
        if constexpr (dims_v<X> == 0) return u_##NAME::template call<bool>(x);          \
        else return zip<bool, u_##NAME>(x);                                             \
    }
constexpr bool isnan_int = false, isinf_int = false, isfinite_int = true;
PYRITE_NP_TEST(isnan, std::isnan(x))
PYRITE_NP_TEST(isinf, std::isinf(x))
PYRITE_NP_TEST(isfinite, std::isfinite(x))
#undef PYRITE_NP_TEST
// logical_not: whether an item is false (nan is true, -0.0 false)
struct u_logical_not { template <class R, class X> static bool call(X x) { return !cast<bool>(x); } };
template <class R, class X>
inline auto logical_not(const X& x) {
    if constexpr (dims_v<X> == 0) return u_logical_not::template call<bool>(x);
    else return zip<bool, u_logical_not>(x);
}

// the larger (Max) or smaller of m and x, nan winning (the first nan), as NumPy's
// maximum/minimum and its max/min reductions do
template <bool Max, class T>
inline T pick(T m, T x) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(m)) return m;
        if (std::isnan(x)) return x;
    }
    return (Max ? x > m : x < m) ? x : m;
}
template <bool Max>
struct u_pick {
    template <class R, class X, class Y>
    static R call(X x, Y y) { return pick<Max>(cast<R>(x), cast<R>(y)); }
};
using u_minimum = u_pick<false>;
using u_maximum = u_pick<true>;
struct u_arctan2 { template <class R, class Y, class X> static R call(Y y, X x) { return std::atan2(cast<R>(y), cast<R>(x)); } };
struct u_hypot { template <class R, class X, class Y> static R call(X x, Y y) { return std::hypot(cast<R>(x), cast<R>(y)); } };
struct u_copysign { template <class R, class X, class Y> static R call(X x, Y y) { return std::copysign(cast<R>(x), cast<R>(y)); } };
struct u_logical_and { template <class R, class X, class Y> static bool call(X x, Y y) { return cast<bool>(x) && cast<bool>(y); } };
struct u_logical_or { template <class R, class X, class Y> static bool call(X x, Y y) { return cast<bool>(x) || cast<bool>(y); } };
struct u_logical_xor { template <class R, class X, class Y> static bool call(X x, Y y) { return cast<bool>(x) != cast<bool>(y); } };
struct u_where {
    template <class R, class C, class X, class Y>
    static R call(C c, X x, Y y) { return cast<bool>(c) ? cast<R>(x) : cast<R>(y); }
};
template <class R, class Op, class... X>
inline auto ufunc(const X&... x) {
    if constexpr (((dims_v<X> == 0) && ...)) return Op::template call<R>(x...);
    else return zip<R, Op>(x...);
}
template <class R, class X, class Y> inline auto minimum(const X& x, const Y& y) { return ufunc<R, u_minimum>(x, y); }
template <class R, class X, class Y> inline auto maximum(const X& x, const Y& y) { return ufunc<R, u_maximum>(x, y); }
template <class R, class X, class Y> inline auto hypot(const X& x, const Y& y) { return ufunc<R, u_hypot>(x, y); }
template <class R, class X, class Y> inline auto copysign(const X& x, const Y& y) { return ufunc<R, u_copysign>(x, y); }
template <class R, class X, class Y> inline auto logical_and(const X& x, const Y& y) { return ufunc<bool, u_logical_and>(x, y); }
template <class R, class X, class Y> inline auto logical_or(const X& x, const Y& y) { return ufunc<bool, u_logical_or>(x, y); }
template <class R, class X, class Y> inline auto logical_xor(const X& x, const Y& y) { return ufunc<bool, u_logical_xor>(x, y); }
template <class R, class Y, class X>
inline auto arctan2(const Y& y, const X& x) { return ufunc<R, u_arctan2>(y, x); }
template <class R, class C, class X, class Y>
inline auto where(const C& c, const X& x, const Y& y) { return ufunc<R, u_where>(c, x, y); }

// ------------------------------------------------------------ reductions
// The axes of a in the order NumPy's iterator walks them (largest stride
// outermost), with axes that are one contiguous block merged: the innermost
// run is the longest memory-contiguous stretch NumPy's inner loop sees.
template <class T, int N>
struct Runs {
    i64 shape[N];
    i64 strides[N];
    int n = 0;  // axes left after merging
    explicit Runs(const Array<T, N>& a) {
        int order[N];
        memory_order<N>(a.strides, order);
        for (int i = 0; i < N; ++i) {
            int k = order[i];
            if (a.shape[k] == 1) continue;
            if (n > 0 && strides[n - 1] == a.strides[k] * a.shape[k]) {
                shape[n - 1] *= a.shape[k];
                strides[n - 1] = a.strides[k];
            } else {
                shape[n] = a.shape[k];
                strides[n] = a.strides[k];
                ++n;
            }
        }
    }
    // f(pointer to the run's first item, run length, run stride) for each run in order
    template <class F>
    void each(const T* data, F&& f) const {
        if (n == 0) {
            f(data, 1, 1);
            return;
        }
        i64 outer = 1;
        for (int k = 0; k + 1 < n; ++k) outer *= shape[k];
        i64 idx[N] = {};
        i64 off = 0;
        for (i64 r = 0; r < outer; ++r) {
            f(data + off, shape[n - 1], strides[n - 1]);
            for (int k = n - 2; k >= 0; --k) {
                off += strides[k];
                if (++idx[k] < shape[k]) break;
                off -= strides[k] * shape[k];
                idx[k] = 0;
            }
        }
    }
};

// where NumPy's pairwise summation splits n > 128 items: half, rounded down to a multiple of 8
inline i64 pairwise_half(i64 n) { return n / 2 - (n / 2) % 8; }
// NumPy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src) in type A
template <class A, class T>
inline A pairwise(const T* a, i64 n, i64 stride) {
    if (n < 8) {
        A res = -A(0);  // NumPy starts an inner loop's partial sums from -0.0 so that -0.0 sums stay -0.0
        for (i64 i = 0; i < n; ++i) res += cast<A>(a[i * stride]);
        return res;
    }
    if (n <= 128) {
        A r[8];
        for (int j = 0; j < 8; ++j) r[j] = cast<A>(a[j * stride]);
        i64 i = 8;
        for (; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; ++j) r[j] += cast<A>(a[(i + j) * stride]);
        A res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += cast<A>(a[i * stride]);
        return res;
    }
    const i64 n2 = pairwise_half(n);
    return pairwise<A>(a, n2, stride) + pairwise<A>(a + n2 * stride, n - n2, stride);
}

// @accelerate(parallel=True) (parallel.hpp): pairwise's tree cut `depth` levels down, where its
// nodes still split; its subtrees are summed on the pool, then added as the tree adds them
struct PairwiseCut {
    i64 start[64], len[64];
    int n = 0;
    void cut(i64 at, i64 count, int depth) {
        if (depth == 0 || count <= 128) {
            start[n] = at, len[n++] = count;
            return;
        }
        const i64 n2 = pairwise_half(count);
        cut(at, n2, depth - 1);
        cut(at + n2, count - n2, depth - 1);
    }
    template <class A>
    static A join(const A* sums, i64 count, int depth, int& k) {
        if (depth == 0 || count <= 128) return sums[k++];
        const i64 n2 = pairwise_half(count);
        A left = join(sums, n2, depth - 1, k);
        return left + join(sums, count - n2, depth - 1, k);
    }
};
// the pairwise sum of n items, its subtrees (about `chunks` of them) summed on the pool by
// subtree(start, len)
template <class A, class Subtree>
inline A pairwise_in_subtrees(i64 n, i64 chunks, const Subtree& subtree) {
    int depth = 0;
    while ((i64(1) << depth) < chunks) ++depth;
    PairwiseCut c;
    c.cut(0, n, depth);
    A sums[64];
    parallel::in_chunks(c.n, c.n, [&](i64 lo, i64 hi) {
        for (i64 k = lo; k < hi; ++k) sums[k] = subtree(c.start[k], c.len[k]);
    });
    int k = 0;
    return PairwiseCut::join(sums, n, depth, k);
}
// the sums on the pool, each out of line: a module that sums compiles its one-thread loop once
template <class A, class T>
__attribute__((noinline)) A pairwise_parallel(const T* p, i64 n, i64 s, i64 chunks) {
    return pairwise_in_subtrees<A>(n, chunks, [&](i64 at, i64 len) { return pairwise<A>(p + at * s, len, s); });
}
template <class R, class T>  // NumPy's buffers of 8192 cast items: each buffer's sum on the pool, added in order
__attribute__((noinline)) R pairwise_buffers_parallel(const T* p, i64 n, i64 s, i64 chunks) {
    const i64 buffers = (n + 8191) / 8192;
    parallel::Partials<R> sums(buffers);
    parallel::in_chunks(buffers, std::min(buffers, chunks), [&](i64 lo, i64 hi) {
        for (i64 b = lo; b < hi; ++b) sums[b] = pairwise<R>(p + b * 8192 * s, std::min<i64>(8192, n - b * 8192), s);
    });
    R acc = R(0);
    for (i64 b = 0; b < buffers; ++b) acc += sums[b];
    return acc;
}
template <class R, class T>  // an int sum: the chunks' sums added in order (ints wrap: the same total)
__attribute__((noinline)) R int_sum_parallel(const T* p, i64 n, i64 s, i64 chunks) {
    parallel::Partials<R> sums(chunks);
    parallel::in_chunks(chunks, chunks, [&](i64 lo, i64 hi) {
        for (i64 b = lo; b < hi; ++b) {
            R part = R(0);
            for (i64 i = parallel::block_start(b, chunks, n), e = parallel::block_start(b + 1, chunks, n); i < e; ++i)
                part = add<R>(part, cast<R>(p[i * s]));
            sums[b] = part;
        }
    });
    R acc = R(0);
    for (i64 b = 0; b < chunks; ++b) acc = add<R>(acc, sums[b]);
    return acc;
}
// the sum of every item: R is the accumulator's dtype (int64 for small ints, as NumPy's).
// Floats add pairwise, as NumPy's inner loop does: over the memory of a C- or
// Fortran-contiguous array (one run), else over the items in C order (NumPy's
// iterator hands a strided array to the loop as one buffered sequence)
template <class R, class T>
inline R pairwise_total(const T* p, i64 n, i64 s) {
    const i64 chunks = parallel::array_chunks(n);
    if constexpr (std::is_same_v<R, T>) {
        return R(0) + (chunks ? pairwise_parallel<R>(p, n, s, chunks) : pairwise<R>(p, n, s));
    } else {  // NumPy casts through a buffer of 8192 items, summed pairwise buffer by buffer
        if (chunks) return pairwise_buffers_parallel<R>(p, n, s, chunks);
        R acc = R(0);
        for (i64 i = 0; i < n; i += 8192) acc += pairwise<R>(p + i * s, std::min<i64>(8192, n - i), s);
        return acc;
    }
}
template <class R, class T, int N, bool Here = false>
inline R sum_all(const Array<T, N>& a);
// the sum of a 1-d float array (np.sum of a row, or of a row's expression): the library's, not
// compiled in every module
PYRITE_RT double sum_floats(const Array<double, 1>& a) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return sum_all<double, double, 1, true>(a);
}
#endif
template <class R, class T, int N, bool Here>
inline R sum_all(const Array<T, N>& a) {
    if constexpr (N == 1 && std::is_same_v<R, double> && std::is_same_v<T, double> && !Here) return sum_floats(a);
    if (a.size() == 0) return R(0);
    if constexpr (std::is_floating_point_v<R> || is_complex<R>::value) {
        Runs<T, N> runs(a);
        if (runs.n <= 1 && (runs.n == 0 || runs.strides[0] == 1)) {
            const T* base = a.data;
            for (int k = 0; k < N; ++k)
                if (a.strides[k] < 0) base += (a.shape[k] - 1) * a.strides[k];
            return pairwise_total<R>(base, a.size(), 1);
        }
        Array<T, N> c = a.copy();
        return pairwise_total<R>(c.data, c.size(), 1);
    } else {
        R acc = R(0);
        Runs<T, N>(a).each(a.data, [&](const T* p, i64 n, i64 s) {
            if (i64 chunks = parallel::array_chunks(n)) {  // parallel=True
                acc = add<R>(acc, int_sum_parallel<R>(p, n, s, chunks));
                return;
            }
            for (i64 i = 0; i < n; ++i) acc = add<R>(acc, cast<R>(p[i * s]));
        });
        return acc;
    }
}
// prebuilt (core.hpp, "The prebuilt runtime"): pairwise's recursion, and the float sums every
// np.sum, mean and std reaches. They stay inline but for sum_floats (a module inlines their first
// level: a call to the library's for a whole 600x600 array's sum measured 7% slower, one per row
// of a few items in .sum(axis=-1) 10% slower); the extern declarations still decide how GCC
// splits them in a module, which is faster that way
PYRITE_PREBUILT(double sum_all<double, double, 2, false>(const Array<double, 2>&))
PYRITE_PREBUILT(float sum_all<float, float, 1, false>(const Array<float, 1>&))
PYRITE_PREBUILT(double pairwise<double, double>(const double*, i64, i64))
PYRITE_PREBUILT(double pairwise_parallel<double, double>(const double*, i64, i64, i64))

// pairwise's tree over items [start, start + n) of a sequence nobody stored: leaf(start, len)
// sums a leaf of 128 items or fewer (pairwise's own short cases), and the tree adds as pairwise
// adds, so the bits are those of pairwise over the stored items
template <class R, class Leaf>
inline R pairwise_of(i64 start, i64 n, const Leaf& leaf) {
    if (n <= 128) return leaf(start, n);
    const i64 n2 = pairwise_half(n);
    R left = pairwise_of<R>(start, n2, leaf);
    return left + pairwise_of<R>(start + n2, n - n2, leaf);
}

// np.sum(e) of an element-wise expression of floats, whole (codegen's fused sum with no axis):
// what NumPy computes, the pairwise sum of the temporary e would be (its memory runs in the walk's
// order), without the temporary: each of pairwise's leaves is computed into a buffer of 128 items
// as it is summed. A walk that is neither C nor Fortran order (NumPy then sums the temporary's
// items in C order: sum_all) makes the temporary
template <class R, class F, class... X, size_t... I>
inline R sum_zip_impl(std::index_sequence<I...> seq, i64& count, const F& f, const X&... x) {
    constexpr int K = std::max({dims_v<X>...});
    constexpr size_t M = sizeof...(X);
    Walk<K, M> w(x...);
    count = rows_of(w.shape) * w.shape[K - 1];
    bool c_order = true, f_order = true;
    for (int k = 0; k < K; ++k) c_order = c_order && w.plan.perm[k] == k, f_order = f_order && w.plan.perm[k] == K - 1 - k;
    if (!c_order && !f_order) return sum_all<R>(zip_impl<R>(seq, f, x...));
    if (count == 0) return R(0);
    auto leaf = [&](i64 start, i64 len) -> R {  // items [start, start + len) of the walk, summed
        R buf[128];
        walk_items(w.shape, w.st, [&](i64 flat, const i64* off, i64 j0, i64 j1) {
            const i64 at = flat - start;  // buf[at + j] is item j of this row
            if (((w.st[I][K - 1] == 1 || dims_v<X> == 0) && ...)) {  // contiguous: vectorizes
                for (i64 j = j0; j < j1; ++j) buf[at + j] = f(raw_at(x, off[I] + j)...);
            } else {
                for (i64 j = j0; j < j1; ++j) buf[at + j] = f(raw_at(x, off[I] + j * w.st[I][K - 1])...);
            }
        }, start, start + len);
        return pairwise<R>(buf, len, 1);
    };
    if (i64 chunks = parallel::array_chunks(count))  // @accelerate(parallel=True): subtrees on the pool
        return R(0) + pairwise_in_subtrees<R>(count, chunks, [&](i64 at, i64 len) { return pairwise_of<R>(at, len, leaf); });
    return R(0) + pairwise_of<R>(0, count, leaf);
}
template <class R, class F, class... X>
inline R sum_zip(const F& f, const X&... x) {
    i64 count;
    return sum_zip_impl<R>(std::index_sequence_for<X...>{}, count, f, x...);
}

template <class R, class T, int N>
inline R prod_all(const Array<T, N>& a) {
    R acc = R(1);
    if (a.size() == 0) return acc;
    Runs<T, N>(a).each(a.data, [&](const T* p, i64 n, i64 s) {
        for (i64 i = 0; i < n; ++i) acc = mul<R>(acc, cast<R>(p[i * s]));
    });
    return acc;
}

template <class R, class T, int N>
inline R sum(const Array<T, N>& a, none_arg) { return sum_all<R>(a); }
template <class R, class T, int N>
inline R prod(const Array<T, N>& a, none_arg) { return prod_all<R>(a); }

// along one axis: the result drops it. NumPy adds pairwise along the axis when
// the axis is the innermost in memory, else it adds row after row
template <int N>
inline int norm_axis(i64 axis) { return static_cast<int>(axis < 0 ? axis + N : axis); }

template <class R, bool COrder = false, class T, int N, class F>
inline auto reduce_axis(const Array<T, N>& a, i64 axis_in, F&& along) {
    int axis = norm_axis<N>(axis_in);
    i64 shape[N - 1 > 0 ? N - 1 : 1];
    Array<T, N - 1 + (N == 1)> rest;
    for (int k = 0, o = 0; k < N; ++k)
        if (k != axis) {
            shape[o] = a.shape[k];
            rest.shape[o] = a.shape[k];
            rest.strides[o] = a.strides[k];
            ++o;
        }
    if constexpr (N == 1) {
        return along(a.data, a.shape[0], a.strides[0]);
    } else {
        // laid out in the order of the remaining axes' strides (NumPy's order='K')
        int perm[N - 1];
        memory_order<N - 1>(rest.strides, perm);
        if (COrder)  // argmin/argmax: always C-ordered, as NumPy's
            for (int k = 0; k < N - 1; ++k) perm[k] = k;
        Array<R, N - 1> r = make_in_order<R, N - 1>(shape, perm);
        const i64 n = shape[N - 2], rs = r.strides[N - 2], as = rest.strides[N - 2];
        if constexpr (N == 2) {  // @accelerate(parallel=True): the rows' results in chunks, each row's as ever
            if (i64 chunks = parallel::array_chunks(a.size()); chunks && n > 1) {
                parallel::in_chunks(n, std::min(chunks, n), [&](i64 lo, i64 hi) {
                    for (i64 j = lo; j < hi; ++j) r.data[j * rs] = along(a.data + j * as, a.shape[axis], a.strides[axis]);
                });
                return r;
            }
        }
        each_row2<N - 1>(shape, r.strides, rest.strides, [&](i64 to, i64 from) {
            for (i64 j = 0; j < n; ++j) r.data[to + j * rs] = along(a.data + from + j * as, a.shape[axis], a.strides[axis]);
        });
        return r;
    }
}
// Folds a along `axis` a whole slice at a time: out = step(out, a[..., i, ...]) for i in
// order. NumPy adds this way when the axis is not the innermost in memory, and it
// streams through memory (a column at a time would not). The result keeps the
// remaining axes' memory order.
template <class R, class T, int N, class Step>
inline Array<R, N - 1> fold_axis(const Array<T, N>& a, int axis, R init, Step step) {
    static_assert(N >= 2, "a 1-d array folds to a number");
    i64 shape[N - 1], rest_strides[N - 1];
    for (int k = 0, o = 0; k < N; ++k)
        if (k != axis) {
            shape[o] = a.shape[k];
            rest_strides[o] = a.strides[k];
            ++o;
        }
    int perm[N - 1];
    memory_order<N - 1>(rest_strides, perm);
    Array<R, N - 1> r = make_in_order<R, N - 1>(shape, perm);
    for (i64 k = 0, n = r.size(); k < n; ++k) r.owner->items[k] = init;
    const i64 n = shape[N - 2], rs = r.strides[N - 2], as = rest_strides[N - 2];
    if constexpr (N == 2) {  // a result of a few numbers (the mean of 2-d points): kept in registers
        auto few = [&](auto w) {
            R acc[w.value];
            for (int j = 0; j < w.value; ++j) acc[j] = init;
            for (i64 i = 0; i < a.shape[axis]; ++i) {
                const T* in = a.data + i * a.strides[axis];
                for (int j = 0; j < w.value; ++j) acc[j] = step(acc[j], in[j * as]);
            }
            for (int j = 0; j < w.value; ++j) r.data[j * rs] = acc[j];
            return r;
        };
        if (n == 1) return few(std::integral_constant<int, 1>{});
        if (n == 2) return few(std::integral_constant<int, 2>{});
        if (n == 3) return few(std::integral_constant<int, 3>{});
        if (n == 4) return few(std::integral_constant<int, 4>{});
    }
    for (i64 i = 0; i < a.shape[axis]; ++i) {
        const T* base = a.data + i * a.strides[axis];
        each_row2<N - 1>(shape, r.strides, rest_strides, [&](i64 to, i64 from) {
            R* out = r.data + to;
            const T* in = base + from;
            if (rs == 1 && as == 1) {
                for (i64 j = 0; j < n; ++j) out[j] = step(out[j], in[j]);
            } else {
                for (i64 j = 0; j < n; ++j) out[j * rs] = step(out[j * rs], in[j * as]);
            }
        });
    }
    return r;
}

template <class T, int N>
inline bool innermost(const Array<T, N>& a, int axis) {
    i64 s = a.strides[axis] < 0 ? -a.strides[axis] : a.strides[axis];
    for (int k = 0; k < N; ++k)
        if (k != axis && a.shape[k] > 1 && (a.strides[k] < 0 ? -a.strides[k] : a.strides[k]) < s) return false;
    return true;
}
template <class R, class T, int N>
inline auto sum(const Array<T, N>& a, i64 axis) {
    bool pw = innermost(a, norm_axis<N>(axis));
    if constexpr (N >= 2) {
        if (!pw) return fold_axis<R>(a, norm_axis<N>(axis), R(0), [](R acc, T x) { return add<R>(acc, cast<R>(x)); });
    }
    auto r = reduce_axis<R>(a, axis, [&](const T* p, i64 n, i64 s) {
        if constexpr (std::is_floating_point_v<R> || is_complex<R>::value) {
            if (pw) return R(0) + pairwise<R>(p, n, s);
        }
        R acc = R(0);
        for (i64 i = 0; i < n; ++i) acc = add<R>(acc, cast<R>(p[i * s]));
        return acc;
    });
    return r;
}
template <class R, class T, int N>
inline auto prod(const Array<T, N>& a, i64 axis) {
    if constexpr (N >= 2) {
        if (!innermost(a, norm_axis<N>(axis)))
            return fold_axis<R>(a, norm_axis<N>(axis), R(1), [](R acc, T x) { return mul<R>(acc, cast<R>(x)); });
    }
    return reduce_axis<R>(a, axis, [&](const T* p, i64 n, i64 s) {
        R acc = R(1);
        for (i64 i = 0; i < n; ++i) acc = mul<R>(acc, cast<R>(p[i * s]));
        return acc;
    });
}

template <bool Max, class T>
i64 arg_extreme_vector(const T* p, i64 n);

// min / max: nan wins; no items is NumPy's ValueError. Of equal items the first is kept (0.0
// before -0.0 stays 0.0); a contiguous run of 64 floats or more is read a vector at a time
// (arg_extreme_vector finds the first extreme's place: 2x faster, NumPy's time)
template <bool Max, class T>
inline T extreme(const T* p, i64 n, i64 s) {
    if (n == 0)
        raisef(Exc::ValueError, "zero-size array to reduction operation %s which has no identity", Max ? "maximum" : "minimum");
    if constexpr (std::is_floating_point_v<T> && (sizeof(T) == 4 || sizeof(T) == 8))
        if (s == 1 && n >= 64 && n <= INT32_MAX)
            if (i64 k = arg_extreme_vector<Max>(p, n); k >= 0) return p[k];  // (-1: a nan, found below)
    T m = p[0];
    for (i64 i = 1; i < n; ++i) {
        T x = p[i * s];
        if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(m)) return m;
            if (std::isnan(x)) return x;
        }
        if (Max ? x > m : x < m) m = x;
    }
    return m;
}
// each chunk's extreme on the pool, into part[0..chunks) (not inline: the library's for float
// arrays, below, as arg_extreme_vector is; a module that took min and max compiled both in
// 0.14 s more of clang)
template <bool Max, class T>
void extreme_chunks(const T* p, i64 n, i64 chunks, T* part) {
    parallel::in_chunks(chunks, chunks, [&](i64 lo, i64 hi) {
        for (i64 b = lo; b < hi; ++b) {
            const i64 from = parallel::block_start(b, chunks, n);
            part[b] = extreme<Max>(p + from, parallel::block_start(b + 1, chunks, n) - from, 1);
        }
    });
}
template <bool Max, class T, int N>
inline T extreme_all(const Array<T, N>& a) {
    if (a.size() == 0)
        raisef(Exc::ValueError, "zero-size array to reduction operation %s which has no identity", Max ? "maximum" : "minimum");
    bool first = true;
    T m{};
    auto join = [&](T x) {  // runs, then chunks, in order: the first nan, else the first extreme
        if (first) m = x, first = false;
        else if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(m)) return;
            if (std::isnan(x) || (Max ? x > m : x < m)) m = x;
        } else if (Max ? x > m : x < m) m = x;
    };
    const Runs<T, N> runs(a);
    if (runs.n == 1 && runs.strides[0] == 1)  // @accelerate(parallel=True): a contiguous array in chunks
        if (i64 chunks = parallel::array_chunks(runs.shape[0])) {
            parallel::Partials<T> part(chunks);
            extreme_chunks<Max>(a.data, runs.shape[0], chunks, part.items);
            for (i64 b = 0; b < chunks; ++b) join(part[b]);
            return m;
        }
    runs.each(a.data, [&](const T* p, i64 n, i64 s) { join(extreme<Max>(p, n, s)); });
    return m;
}
template <class R, class T, int N> inline R max(const Array<T, N>& a, none_arg) { return extreme_all<true>(a); }
template <class R, class T, int N> inline R min(const Array<T, N>& a, none_arg) { return extreme_all<false>(a); }
template <bool Max, class T, int N>
inline auto extreme_axis(const Array<T, N>& a, i64 axis_in) {
    int axis = norm_axis<N>(axis_in);
    if (a.shape[axis] == 0)  // NumPy checks the axis first, even when there is nothing to return
        raisef(Exc::ValueError, "zero-size array to reduction operation %s which has no identity", Max ? "maximum" : "minimum");
    if constexpr (N >= 2) {
        if (!innermost(a, axis) && a.shape[axis] > 0) {
            Array<T, N> first = a;  // start from the first slice, then fold the rest
            first.shape[axis] = 1;
            Array<T, N - 1> init = fold_axis<T>(first, axis, T(0), [](T, T x) { return x; });
            Array<T, N> others = a;
            others.data += a.strides[axis];
            others.shape[axis] -= 1;
            for (i64 i = 0; i < others.shape[axis]; ++i) {
                Array<T, N> one = others;
                one.data += i * others.strides[axis];
                one.shape[axis] = 1;
                i64 rest[N - 1], rs[N - 1];
                for (int k = 0, o = 0; k < N; ++k)
                    if (k != axis) rest[o] = one.shape[k], rs[o++] = one.strides[k];
                const i64 n = rest[N - 2], is = init.strides[N - 2], os = rs[N - 2];
                each_row2<N - 1>(rest, init.strides, rs, [&](i64 to, i64 from) {
                    for (i64 j = 0; j < n; ++j) init.data[to + j * is] = pick<Max>(init.data[to + j * is], one.data[from + j * os]);
                });
            }
            return init;
        }
    }
    return reduce_axis<T>(a, axis_in, [](const T* p, i64 n, i64 s) { return extreme<Max>(p, n, s); });
}
template <class R, class T, int N>
inline auto max(const Array<T, N>& a, i64 axis) { return extreme_axis<true>(a, axis); }
template <class R, class T, int N>
inline auto min(const Array<T, N>& a, i64 axis) { return extreme_axis<false>(a, axis); }

// argmin / argmax of a contiguous run of 64 floats or more, a vector at a time: each lane keeps
// its extreme and where it was (the last vector overlaps the one before: positions seen twice
// change nothing), then the lanes' extreme at its first position (equal extremes, -0.0 and 0.0
// among them, leave the first, as NumPy's). A nan anywhere: -1 (arg_extreme's loop finds the
// first). 3.4-4x the scalar loop (a compare and select per item, each waiting for the last) on
// runs of 1,000-160,000 doubles; rows of 8-32 lose to the loop (the lanes' reduction) and keep it.
template <bool Max, class T>
i64 arg_extreme_vector(const T* p, i64 n) {
    constexpr i64 L = 32 / sizeof(T);
    typedef T V __attribute__((vector_size(32)));
    typedef std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t> Index;
    typedef Index I __attribute__((vector_size(32)));
    static_assert(sizeof(I) == sizeof(V));
    V m, x;
    I lane, step;
    std::memcpy(&m, p, sizeof m);
    for (i64 k = 0; k < L; ++k) lane[k] = static_cast<Index>(k), step[k] = static_cast<Index>(L);
    I at = lane, where = lane;
    auto nan = m != m;
    for (i64 i = L; i < n; i += L) {
        at += step;
        if (i + L > n) {  // the last, partial vector: the last L items
            i = n - L;
            at = lane + static_cast<Index>(i);
        }
        std::memcpy(&x, p + i, sizeof x);
        nan |= x != x;
        auto better = Max ? x > m : x < m;
        m = better ? x : m;
        where = better ? at : where;
    }
    for (i64 k = 0; k < L; ++k)
        if (nan[k]) return -1;
    T best = m[0];
    Index r = where[0];
    for (i64 k = 1; k < L; ++k)
        if ((Max ? m[k] > best : m[k] < best) || (m[k] == best && where[k] < r)) best = m[k], r = where[k];
    return r;
}
PYRITE_PREBUILT(i64 arg_extreme_vector<true, double>(const double*, i64))
PYRITE_PREBUILT(i64 arg_extreme_vector<false, double>(const double*, i64))
PYRITE_PREBUILT(i64 arg_extreme_vector<true, float>(const float*, i64))
PYRITE_PREBUILT(i64 arg_extreme_vector<false, float>(const float*, i64))
PYRITE_PREBUILT(void extreme_chunks<true, double>(const double*, i64, i64, double*))
PYRITE_PREBUILT(void extreme_chunks<false, double>(const double*, i64, i64, double*))

// argmin / argmax: the first position of the extreme in C order; the first nan wins
template <bool Max, class T>
inline i64 arg_extreme(const T* p, i64 n, i64 s) {
    if (n == 0) raisef(Exc::ValueError, "attempt to get %s of an empty sequence", Max ? "argmax" : "argmin");
    if constexpr (std::is_floating_point_v<T> && (sizeof(T) == 4 || sizeof(T) == 8))
        if (s == 1 && n >= 64 && n <= INT32_MAX)
            if (i64 k = arg_extreme_vector<Max>(p, n); k >= 0) return k;
    i64 best = 0;
    T m = p[0];
    if constexpr (std::is_floating_point_v<T>)
        if (std::isnan(m)) return 0;
    for (i64 i = 1; i < n; ++i) {
        T x = p[i * s];
        if constexpr (std::is_floating_point_v<T>)
            if (std::isnan(x)) return i;
        if (Max ? x > m : x < m) m = x, best = i;
    }
    return best;
}
template <class R, class T, int N>
inline i64 argmax(const Array<T, N>& a, none_arg) {
    if constexpr (N == 1) return arg_extreme<true>(a.data, a.shape[0], a.strides[0]);
    else { Array<T, N> c = a.copy(); return arg_extreme<true>(c.data, c.size(), 1); }
}
template <class R, class T, int N>
inline i64 argmin(const Array<T, N>& a, none_arg) {
    if constexpr (N == 1) return arg_extreme<false>(a.data, a.shape[0], a.strides[0]);
    else { Array<T, N> c = a.copy(); return arg_extreme<false>(c.data, c.size(), 1); }
}
template <class R, class T, int N>
inline auto argmax(const Array<T, N>& a, i64 axis) {
    if (a.shape[norm_axis<N>(axis)] == 0) raise(Exc::ValueError, "attempt to get argmax of an empty sequence");
    return reduce_axis<i64, true>(a, axis, [](const T* p, i64 n, i64 s) { return arg_extreme<true>(p, n, s); });
}
template <class R, class T, int N>
inline auto argmin(const Array<T, N>& a, i64 axis) {
    if (a.shape[norm_axis<N>(axis)] == 0) raise(Exc::ValueError, "attempt to get argmin of an empty sequence");
    return reduce_axis<i64, true>(a, axis, [](const T* p, i64 n, i64 s) { return arg_extreme<false>(p, n, s); });
}

// any / all: whether a run holds an item that is true (Want) or false (!Want). A contiguous run
// is read 256 items at a time without a branch on each (they vectorize; bools as bytes, which GCC
// would otherwise read one at a time), the next block only when this one had none: any() of a
// million false bools took 0.16 ms, NumPy's 0.013 ms.
template <bool Want, class T>
inline bool run_has(const T* p, i64 n, i64 s) {
    i64 i = 0;
    if (s == 1) {
        for (; i + 256 <= n; i += 256) {
            unsigned char hit = 0;
            if constexpr (std::is_same_v<T, bool>) {
                const auto* b = reinterpret_cast<const unsigned char*>(p + i);
                if constexpr (Want) {
                    for (int j = 0; j < 256; ++j) hit |= b[j];
                } else {
                    unsigned char every = 1;
                    for (int j = 0; j < 256; ++j) every &= b[j];
                    hit = !every;
                }
            } else {
                for (int j = 0; j < 256; ++j) hit |= static_cast<unsigned char>(cast<bool>(p[i + j]) == Want);
            }
            if (hit) return true;
        }
    }
    for (; i < n; ++i)
        if (cast<bool>(p[i * s]) == Want) return true;
    return false;
}
template <class R, class T, int N>
inline bool any(const Array<T, N>& a, none_arg) {
    bool r = false;
    Runs<T, N>(a).each(a.data, [&](const T* p, i64 n, i64 s) { r = r || run_has<true>(p, n, s); });
    return a.size() ? r : false;
}
template <class R, class T, int N>
inline bool all(const Array<T, N>& a, none_arg) {
    bool missing = false;
    if (a.size() == 0) return true;
    Runs<T, N>(a).each(a.data, [&](const T* p, i64 n, i64 s) { missing = missing || run_has<false>(p, n, s); });
    return !missing;
}
template <class R, class T, int N>
inline auto any(const Array<T, N>& a, i64 axis) {
    return reduce_axis<bool>(a, axis, [](const T* p, i64 n, i64 s) { return run_has<true>(p, n, s); });
}
template <class R, class T, int N>
inline auto all(const Array<T, N>& a, i64 axis) {
    return reduce_axis<bool>(a, axis, [](const T* p, i64 n, i64 s) { return !run_has<false>(p, n, s); });
}

// count_nonzero: how many items are true (nan is, -0.0 is not); bools by array.hpp's mask_count
template <class T>
inline i64 run_count(const T* p, i64 n, i64 s) {
    if constexpr (std::is_same_v<T, bool>) {
        return mask_count(p, n, s);
    } else {
        i64 c = 0;
        for (i64 i = 0; i < n; ++i) c += cast<bool>(p[i * s]);
        return c;
    }
}
template <class R, class T, int N>
inline i64 count_nonzero(const Array<T, N>& a, none_arg) {
    if (a.size() == 0) return 0;
    i64 c = 0;
    Runs<T, N>(a).each(a.data, [&](const T* p, i64 n, i64 s) { c += run_count(p, n, s); });
    return c;
}
template <class R, class T, int N>
inline auto count_nonzero(const Array<T, N>& a, i64 axis) {
    return reduce_axis<i64>(a, axis, [](const T* p, i64 n, i64 s) { return run_count(p, n, s); });
}

// mean, var, std as NumPy's _methods.py computes them: a sum (float64 for
// integer items), divided by the count; var from the deviations' squares
template <class R>
inline R divide_count(R s, i64 n) { return s / static_cast<R>(n); }  // 0/0 is nan, NumPy's (with a warning)
// np.mean(e) of an element-wise expression of floats, whole: sum_zip's sum over the number of items
template <class R, class F, class... X>
inline R mean_zip(const F& f, const X&... x) {
    i64 count;
    R total = sum_zip_impl<R>(std::index_sequence_for<X...>{}, count, f, x...);
    return divide_count(total, count);
}
template <class R, class T, int N>
inline R mean(const Array<T, N>& a, none_arg) { return divide_count(sum_all<R>(a), a.size()); }
template <class R, class T, int N>
inline auto mean(const Array<T, N>& a, i64 axis) {
    auto s = sum<R>(a, axis);
    i64 n = a.shape[norm_axis<N>(axis)];
    if constexpr (N == 1) return divide_count(s, n);
    else {
        for (i64 k = 0, m = s.size(); k < m; ++k) s.data[k] = divide_count(s.data[k], n);
        return s;
    }
}
template <class R, class T, int N>
inline R var(const Array<T, N>& a, none_arg, i64 ddof) {
    R m = mean<R>(a, none_arg{});
    Array<R, N> d = zip<R, op_sub>(a, m);
    for (i64 k = 0, n = d.size(); k < n; ++k) d.data[k] = d.data[k] * d.data[k];
    R s = sum_all<R>(d);
    i64 n = a.size() - ddof;
    return s / static_cast<R>(n < 0 ? 0 : n);
}
template <class R, class T, int N>
inline R std_(const Array<T, N>& a, none_arg, i64 ddof) { return std::sqrt(var<R>(a, none_arg{}, ddof)); }
template <class R, class T, int N>
inline auto var(const Array<T, N>& a, i64 axis_in, i64 ddof) {
    int axis = norm_axis<N>(axis_in);
    // the mean with the axis kept (keepdims=True), subtracted with broadcasting
    auto s = sum<R>(a, axis);
    i64 cnt = a.shape[axis];
    Array<R, N> m;
    {
        i64 shape[N];
        for (int k = 0; k < N; ++k) shape[k] = k == axis ? 1 : a.shape[k];
        m = Array<R, N>::make_uninit(shape);
        if constexpr (N == 1) m.data[0] = divide_count(s, cnt);
        else for (i64 k = 0, n = s.size(); k < n; ++k) m.data[k] = divide_count(s.data[k], cnt);
    }
    Array<R, N> d = zip<R, op_sub>(a, m);
    for (i64 k = 0, n = d.size(); k < n; ++k) d.data[k] = d.data[k] * d.data[k];
    auto r = sum<R>(d, axis);
    i64 n = cnt - ddof;
    R div = static_cast<R>(n < 0 ? 0 : n);
    if constexpr (N == 1) return r / div;
    else {
        for (i64 k = 0, q = r.size(); k < q; ++k) r.data[k] = r.data[k] / div;
        return r;
    }
}
template <class R, class T, int N>
inline auto std_(const Array<T, N>& a, i64 axis, i64 ddof) {
    auto v = var<R>(a, axis, ddof);
    if constexpr (N == 1) return std::sqrt(v);
    else {
        for (i64 k = 0, q = v.size(); k < q; ++k) v.data[k] = std::sqrt(v.data[k]);
        return v;
    }
}

// cumsum / cumprod, maximum.accumulate / minimum.accumulate: running totals (extremes) in C order
// (axis=None: flattened). An extreme as np.maximum's and np.minimum's: a NaN propagates, and of
// two equal items (-0.0 and 0.0) the earlier stays
enum class Running { Sum, Prod, Max, Min };
template <Running K, class R>
inline R running_step(R acc, R x) {
    if constexpr (K == Running::Sum) return add<R>(acc, x);
    else if constexpr (K == Running::Prod) return mul<R>(acc, x);
    else {
        if constexpr (std::is_floating_point_v<R>) {
            if (acc != acc) return acc;
            if (x != x) return x;
        }
        if constexpr (K == Running::Max) return acc < x ? x : acc;
        else return x < acc ? x : acc;
    }
}
template <class R, Running K, class T, int N>
inline Array<R, 1> cumulate_all(const Array<T, N>& a) {
    const i64 n[1] = {a.size()};
    Array<R, 1> r = Array<R, 1>::make_uninit(n);
    R acc{};
    each_index<N>(a.shape, [&](i64 flat, const i64* idx) {
        R x = cast<R>(a.data[offset_of<N>(idx, a.strides)]);
        acc = flat == 0 ? x : running_step<K>(acc, x);
        r.data[flat] = acc;
    });
    return r;
}
template <class R, Running K, class T, int N>
inline Array<R, N> cumulate_axis(const Array<T, N>& a, i64 axis_in) {
    int axis = norm_axis<N>(axis_in);
    Array<R, N> r = make_like<R>(a);
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        R x = cast<R>(a.data[offset_of<N>(idx, a.strides)]);
        i64 at = offset_of<N>(idx, r.strides);
        if (idx[axis] > 0) x = running_step<K>(r.data[at - r.strides[axis]], x);
        r.data[at] = x;
    });
    return r;
}
#define PYRITE_RUNNING(name, kind)                                                                           \
    template <class R, class T, int N>                                                                      \
    inline Array<R, 1> name(const Array<T, N>& a, none_arg) { return cumulate_all<R, Running::kind>(a); }   \
    template <class R, class T, int N>                                                                      \
    inline Array<R, N> name(const Array<T, N>& a, i64 axis) { return cumulate_axis<R, Running::kind>(a, axis); }
PYRITE_RUNNING(cumsum, Sum)
PYRITE_RUNNING(cumprod, Prod)
PYRITE_RUNNING(cummax, Max)
PYRITE_RUNNING(cummin, Min)
#undef PYRITE_RUNNING

// The sum along `axis` of a fused element-wise expression whose result would have that
// axis innermost in memory: each output's items are computed into a small buffer and
// added pairwise, as NumPy adds the temporary it would have made, without making it.
// Otherwise the temporary is made and summed.
template <class R, class F, class... X, size_t... I>
inline auto sum_fused_impl(std::index_sequence<I...>, i64 axis, const F& f, const X&... x) {
    constexpr int K = std::max({dims_v<X>...});
    static_assert(K >= 2, "a fused sum along an axis keeps a dimension");
    Plan<K, sizeof...(X)> plan(x...);
    const i64(&shape)[K] = plan.shape;
    const i64(&st)[sizeof...(X)][K] = plan.st;
    const int(&perm)[K] = plan.perm;
    if (perm[K - 1] != axis) return sum<R>(zip_impl<R>(std::index_sequence<I...>{}, f, x...), axis);
    i64 out_shape[K - 1];
    int out_perm[K - 1];
    for (int k = 0, o = 0; k < K; ++k)
        if (k != axis) out_shape[o++] = shape[k];
    for (int k = 0; k + 1 < K; ++k) out_perm[k] = perm[k] > axis ? perm[k] - 1 : perm[k];
    Array<R, K - 1> r = make_in_order<R, K - 1>(out_shape, out_perm);
    // walk the outputs row by row with every operand's offset (and the output's) kept current
    constexpr size_t M = sizeof...(X);
    i64 ost[M + 1][K - 1];
    for (size_t m = 0; m < M; ++m)
        for (int k = 0, o = 0; k < K; ++k)
            if (k != axis) ost[m][o++] = st[m][k];
    for (int k = 0; k + 1 < K; ++k) ost[M][k] = r.strides[k];
    const i64 n = shape[axis], rows_n = out_shape[K - 2];
    const i64 step[M] = {st[I][axis]...};
    const i64 inc[M + 1] = {ost[I][K - 2]..., ost[M][K - 2]};  // from one output of a row to the next
    Vec<R> buf(static_cast<size_t>(n >= 8 ? n : 1));
    // the outputs of a row, their operands' offsets carried in locals (indexed from the row's start
    // in a large function, they lived on the stack: kmeans' distances 1.7x slower than Pythran's)
    auto row = [&](const i64* off, auto at_most) {
        i64 at[M] = {off[I]...};
        R* out = r.data + off[M];
        for (i64 q = 0; q < rows_n; ++q) {
            R total;
            if constexpr (at_most.value < 8) {  // pairwise's own short case: one sum from -0.0
                R acc = -R(0);
                for (i64 j = 0; j < (at_most.value ? at_most.value : n); ++j) acc += f(raw_at(x, at[I] + j * step[I])...);
                total = R(0) + acc;
            } else {
                for (i64 j = 0; j < n; ++j) buf[static_cast<size_t>(j)] = f(raw_at(x, at[I] + j * step[I])...);
                total = R(0) + pairwise<R>(buf.data(), n, 1);
            }
            *out = total;
            out += inc[M];
            ((at[I] += inc[I]), ...);
        }
    };
    each_row(out_shape, ost, [&](i64, const i64* off) {
        if (n == 2) row(off, std::integral_constant<i64, 2>{});  // points in the plane and in space: unrolled
        else if (n == 3) row(off, std::integral_constant<i64, 3>{});
        else if (n < 8) row(off, std::integral_constant<i64, 0>{});
        else row(off, std::integral_constant<i64, 8>{});
    });
    return r;
}
template <class R, class F, class... X>
inline auto sum_fused(i64 axis, const F& f, const X&... x) {
    return sum_fused_impl<R>(std::index_sequence_for<X...>{}, axis, f, x...);
}

// a view of r with a new axis of extent 1 at `axis` (keepdims, np.stack)
template <int N, class T>
inline Array<T, N> with_new_axis(const Array<T, N - 1>& r, i64 axis) {
    Array<T, N> v;
    v.data = r.data;
    v.owner = r.owner;
    v.readonly = r.readonly;
    for (int k = 0, j = 0; k < N; ++k) {
        if (k == axis) v.shape[k] = 1, v.strides[k] = 0;
        else v.shape[k] = r.shape[j], v.strides[k] = r.strides[j], ++j;
    }
    return v;
}

// keepdims=True: the reduced result with the reduced axis (every axis, for axis=None) back,
// of extent 1, as NumPy reshapes it: a view of the result
template <int N, class X>
inline auto keep_dims(const X& r, none_arg) {
    using T = item_t<X>;
    i64 shape[N];
    for (int k = 0; k < N; ++k) shape[k] = 1;
    if constexpr (dims_v<X> == 0) return Array<T, N>::make(shape, r);
    else return Array<T, N>::make(shape, r.data[0]);
}
template <int N, class X>
inline Array<item_t<X>, N> keep_dims(const X& r, i64 axis) {
    using T = item_t<X>;
    if constexpr (dims_v<X> == 0) {
        static_assert(N == 1, "a reduction to a number along an axis is of a 1-d array");
        i64 shape[1] = {1};
        return Array<T, 1>::make(shape, r);
    } else {
        static_assert(dims_v<X> == N - 1, "the reduction drops one axis");
        return with_new_axis<N>(r, axis);
    }
}

// ------------------------------------------------------------ linear algebra
// np.dot / @ in loops. Large float and complex products go to NumPy's BLAS instead
// (npcall.hpp's product); below that size BLAS's order differs from this one in the last
// bits (documented); integers are exact either way.
// The sum of n products a[k] * b[k]: a float one in 8 running sums combined pairwise, as
// BLAS kernels split it (independent additions: it vectorizes and does not wait on one
// chain of additions), anything else in order
template <class R, class A, class B>
inline R dot_run(const A* a, i64 sa, const B* b, i64 sb, i64 n) {
    if constexpr (std::is_floating_point_v<R>) {
        R acc[8] = {};
        i64 k = 0;
        for (; k + 8 <= n; k += 8)
            for (int l = 0; l < 8; ++l) acc[l] += cast<R>(a[(k + l) * sa]) * cast<R>(b[(k + l) * sb]);
        R s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
        for (; k < n; ++k) s += cast<R>(a[k * sa]) * cast<R>(b[k * sb]);
        return s;
    } else {
        R acc = R(0);
        for (i64 k = 0; k < n; ++k) acc = add<R>(acc, mul<R>(cast<R>(a[k * sa]), cast<R>(b[k * sb])));
        return acc;
    }
}
template <class R, class A, class B>
inline R dot_1d(const Array<A, 1>& a, const Array<B, 1>& b, bool matmul) {
    if (a.shape[0] != b.shape[0]) {
        if (matmul)
            raisef(Exc::ValueError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                                    "(n?,k),(k,m?)->(n?,m?) (size %lld is different from %lld)",
                   (long long)b.shape[0], (long long)a.shape[0]);
        raisef(Exc::ValueError, "shapes %s and %s not aligned: %lld (dim 0) != %lld (dim 0)", shape_text<1>(a.shape).c_str(),
               shape_text<1>(b.shape).c_str(), (long long)a.shape[0], (long long)b.shape[0]);
    }
    return dot_run<R>(a.data, a.strides[0], b.data, b.strides[0], a.shape[0]);
}
template <int NA, int NB>
[[noreturn]] inline void not_aligned(const i64* sa, const i64* sb, i64 ka, i64 kb, bool matmul) {
    if (matmul)
        raisef(Exc::ValueError, "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                                "(n?,k),(k,m?)->(n?,m?) (size %lld is different from %lld)", (long long)kb, (long long)ka);
    raisef(Exc::ValueError, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim 0)", shape_text<NA>(sa).c_str(),
           shape_text<NB>(sb).c_str(), (long long)ka, NA - 1, (long long)kb);
}
template <class R, class A, class B, int NA, int NB>
inline auto dot_impl(const Array<A, NA>& a, const Array<B, NB>& b, bool matmul) {
    static_assert(NA <= 2 && NB <= 2, "np.dot and @ of 1-d and 2-d arrays");
    if constexpr (NA == 1 && NB == 1) {
        return dot_1d<R>(a, b, matmul);
    } else {
        i64 n = NA == 2 ? a.shape[0] : 1, k = a.shape[NA - 1];
        i64 kb = b.shape[0], m = NB == 2 ? b.shape[1] : 1;
        if (k != kb) not_aligned<NA, NB>(a.shape, b.shape, k, kb, matmul);
        i64 as0 = NA == 2 ? a.strides[0] : 0, as1 = a.strides[NA - 1];
        i64 bs0 = b.strides[0], bs1 = NB == 2 ? b.strides[1] : 0;
        constexpr int NR = NA + NB - 2;
        i64 shape[NR];
        if constexpr (NA == 2 && NB == 2) shape[0] = n, shape[1] = m;
        else if constexpr (NA == 2) shape[0] = n;
        else shape[0] = m;
        Array<R, NR> r = Array<R, NR>::make(shape, R(0));
        if constexpr (NB == 1) {  // a matrix times a vector: one run of products per row
            for (i64 i = 0; i < n; ++i) r.data[i] = dot_run<R>(a.data + i * as0, as1, b.data, bs0, k);
            return r;
        }
        // i-p-j order: rows of b stream through, the inner loop vectorizes over j
        for (i64 i = 0; i < n; ++i) {
            R* out = r.data + i * m;
            for (i64 p = 0; p < k; ++p) {
                R x = cast<R>(a.data[i * as0 + p * as1]);
                const B* brow = b.data + p * bs0;
                if (bs1 == 1) {
                    for (i64 j = 0; j < m; ++j) out[j] = add<R>(out[j], mul<R>(x, cast<R>(brow[j])));
                } else {
                    for (i64 j = 0; j < m; ++j) out[j] = add<R>(out[j], mul<R>(x, cast<R>(brow[j * bs1])));
                }
            }
        }
        return r;
    }
}
template <class R, class A, class B, int NA, int NB>
inline auto dot(const Array<A, NA>& a, const Array<B, NB>& b) { return dot_impl<R>(a, b, false); }
template <class R, class A, class B, int NA, int NB>
inline auto matmul(const Array<A, NA>& a, const Array<B, NB>& b) { return dot_impl<R>(a, b, true); }

// ------------------------------------------------------------ making arrays
inline std::array<i64, 1> shape_array(i64 n) { return {n}; }
template <class... I>
inline auto shape_array(const std::tuple<I...>& t) {
    std::array<i64, sizeof...(I)> s{};
    size_t k = 0;
    std::apply([&](const auto&... x) { ((s[k++] = static_cast<i64>(x)), ...); }, t);
    return s;
}
// np.full: the fill value converted as NumPy's copyto does (codegen checks a Python int
// into the dtype, casts anything else) before it gets here
template <class R, class S>
inline R full(const S& shape, item_t<R> fill) {
    auto s = shape_array(shape);
    i64 ext[dims_v<R>];
    for (int k = 0; k < dims_v<R>; ++k) ext[k] = s[static_cast<size_t>(k)];
    return R::make(ext, fill);
}
template <class R, class S>
inline R zeros(const S& shape) { return full<R>(shape, false); }
template <class R, class S>
inline R ones(const S& shape) { return full<R>(shape, true); }
template <class R, class S>
inline R empty(const S& shape) { return full<R>(shape, false); }  // NumPy's are unspecified; zeros here
template <class R, class T, int N>
inline R full_like(const Array<T, N>& a, item_t<R> fill) {
    R r = make_like<item_t<R>>(a);
    for (i64 k = 0, n = r.size(); k < n; ++k) r.owner->items[k] = fill;
    return r;
}
template <class R, class T, int N>
inline R zeros_like(const Array<T, N>& a) { return full_like<R>(a, false); }
template <class R, class T, int N>
inline R empty_like(const Array<T, N>& a) { return full_like<R>(a, false); }
template <class R, class T, int N>
inline R ones_like(const Array<T, N>& a) { return full_like<R>(a, true); }

// np.arange: NumPy's length ceil((stop - start) / step) and its fill, start + i * delta
// where delta is the difference of the first two values computed in the dtype
template <class R, class A, class B, class C>
inline R arange(A start_in, B stop_in, C step_in) {
    using T = item_t<R>;
    if constexpr (is_int<T>) {
        i64 start = static_cast<i64>(start_in), stop = static_cast<i64>(stop_in), step = static_cast<i64>(step_in);
        if (PYRITE_UNLIKELY(step == 0)) raise(Exc::ZeroDivisionError, "division by zero");
        __int128 lo = start, hi = stop, st = step, n = 0;
        if (st > 0 && lo < hi) n = (hi - lo - 1) / st + 1;
        if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
        const i64 count[1] = {static_cast<i64>(n)};
        R r = R::make_uninit(count);
        for (i64 k = 0; k < count[0]; ++k) r.data[k] = static_cast<T>(start + k * step);
        return r;
    } else {
        double start = static_cast<double>(start_in), stop = static_cast<double>(stop_in), step = static_cast<double>(step_in);
        if (step == 0) raise(Exc::ZeroDivisionError, "division by zero");
        double len = std::ceil((stop - start) / step);
        if (std::isnan(len)) raise(Exc::ValueError, "arange: cannot compute length");
        if (len > 9223372036854775807.0) raise(Exc::ValueError, "Maximum allowed size exceeded");
        i64 n = len > 0 ? static_cast<i64>(len) : 0;
        const i64 count[1] = {n};
        R r = R::make_uninit(count);
        if (n > 0) r.data[0] = static_cast<T>(start);
        if (n > 1) {
            T delta = static_cast<T>(static_cast<T>(start + step) - static_cast<T>(start));
            T first = static_cast<T>(start);
            for (i64 k = 1; k < n; ++k) r.data[k] = first + static_cast<T>(k) * delta;
        }
        return r;
    }
}
template <class R, class A>
inline R arange(A stop, none_arg, none_arg) { return arange<R>(A(0), stop, A(1)); }
template <class R, class A, class B>
inline R arange(A start, B stop, none_arg) { return arange<R>(start, stop, A(1)); }

// np.linspace(start, stop, num=50, endpoint=True): function_base.py's steps
template <class R, class A, class B>
inline R linspace(A start_in, B stop_in, i64 num, bool endpoint) {
    if (num < 0) raisef(Exc::ValueError, "Number of samples, %lld, must be non-negative.", (long long)num);
    double start = static_cast<double>(start_in), stop = static_cast<double>(stop_in);
    i64 div = endpoint ? num - 1 : num;
    const i64 count[1] = {num};
    R r = R::make_uninit(count);
    double delta = stop - start;
    for (i64 k = 0; k < num; ++k) r.data[k] = static_cast<double>(k);
    if (div > 0) {
        double step = delta / static_cast<double>(div);
        if (step == 0) {
            for (i64 k = 0; k < num; ++k) r.data[k] = (r.data[k] / static_cast<double>(div)) * delta;
        } else {
            for (i64 k = 0; k < num; ++k) r.data[k] = r.data[k] * step;
        }
    } else {
        for (i64 k = 0; k < num; ++k) r.data[k] = r.data[k] * delta;
    }
    for (i64 k = 0; k < num; ++k) r.data[k] += start;
    if (endpoint && num > 1) r.data[num - 1] = stop;
    return r;
}

// ------------------------------------------------------------ shapes
template <class T, int N>
inline bool c_contiguous(const Array<T, N>& a) {
    i64 s = 1;
    for (int k = N - 1; k >= 0; --k) {
        if (a.shape[k] != 1 && a.strides[k] != s) return false;
        s *= a.shape[k];
    }
    return true;
}
// a.reshape(...): a view of a C-contiguous array, else a copy; one extent may be -1
template <class R, class T, int N, size_t M>
inline R reshape_to(const Array<T, N>& a, std::array<i64, M> s) {
    i64 known = 1;
    int unknown = -1;
    for (size_t k = 0; k < M; ++k) {  // any negative extent is the unknown one, as NumPy 2 takes it
        if (s[k] < 0) {
            if (unknown >= 0) raise(Exc::ValueError, "can only specify one unknown dimension");
            unknown = static_cast<int>(k);
        } else {
            known *= s[k];
        }
    }
    i64 size = a.size();
    auto fail = [&]() {
        // NumPy's spelling: -1 is "newaxis", and dropped when it leads
        size_t k = 0;
        while (k < M && s[k] < 0) ++k;
        std::string t = "(";
        if (k < M) t += std::to_string(s[k]);
        for (++k; k < M; ++k) t += s[k] < 0 ? std::string(",newaxis") : "," + std::to_string(s[k]);
        t += M == 1 ? ",)" : ")";
        raisef(Exc::ValueError, "cannot reshape array of size %lld into shape %s", (long long)size, t.c_str());
    };
    if (unknown >= 0) {
        if (known == 0 || size % known != 0) fail();
        s[static_cast<size_t>(unknown)] = size / known;
    } else if (known != size) {
        fail();
    }
    Array<T, N> src = c_contiguous(a) ? a : a.copy();
    R r;
    r.data = src.data;
    r.owner = src.owner;
    r.readonly = src.readonly;
    i64 stride = 1;
    for (int k = static_cast<int>(M) - 1; k >= 0; --k) {
        r.shape[k] = s[static_cast<size_t>(k)];
        r.strides[k] = stride;
        stride *= r.shape[k];
    }
    return r;
}
template <class R, class T, int N, class... I>
inline R reshape(const Array<T, N>& a, const I&... extents) {
    if constexpr (sizeof...(I) == 1 && (std::is_class_v<I> && ...)) return reshape_to<R>(a, shape_array(extents...));
    else return reshape_to<R>(a, std::array<i64, sizeof...(I)>{static_cast<i64>(extents)...});
}
template <class R, class T, int N>
inline R ravel(const Array<T, N>& a) { return reshape_to<R>(a, std::array<i64, 1>{a.size()}); }
template <class R, class T, int N>
inline R flatten(const Array<T, N>& a) {
    Array<T, N> c = a.copy();
    return reshape_to<R>(c, std::array<i64, 1>{a.size()});
}
template <class R, class T, int N>
inline R astype(const Array<T, N>& a) {
    R r = make_like<item_t<R>>(a);
    each_index<N>(a.shape, [&](i64, const i64* idx) {
        r.data[offset_of<N>(idx, r.strides)] = cast<item_t<R>>(a.data[offset_of<N>(idx, a.strides)]);
    });
    return r;
}

// a[idx] = x with an array of ints: each row idx picks gets x (a number, or an array NumPy
// broadcasts to (len(idx), ...): x's row j, or all of x). Every index is checked before anything
// is written; a repeated one is written again, the last write winning, so a[idx] += 1 adds 1
// once per distinct index (NumPy's rule: no accumulation, np.add.at does that).
template <class T, int N, class I, class X>
inline void put_rows(const Array<T, N>& a, const Array<I, 1>& idx, const X& x_in) {
    const i64 n = a.shape[0], m = idx.shape[0];
    Vec<i64> rows(static_cast<size_t>(m));
    for (i64 j = 0; j < m; ++j) {
        i64 i = static_cast<i64>(idx.data[j * idx.strides[0]]);
        rows[j] = i < 0 ? i + n : i;
        if (PYRITE_UNLIKELY(rows[j] < 0 || rows[j] >= n)) array_index_error(i, 0, n);
    }
    if (PYRITE_UNLIKELY(a.readonly)) array_read_only();
    if constexpr (dims_v<X> == 0) {
        const T v = x_in;
        for (i64 r : rows) {
            if constexpr (N == 1) a.data[r * a.strides[0]] = v;
            else array_fill(a.row(r), v);
        }
    } else {
        constexpr int M = dims_v<X>;
        static_assert(M <= N, "a value of more dimensions than the rows it is stored into");
        X x = spans_overlap(a, x_in) ? x_in.copy() : x_in;  // NumPy reads an overlapping source first
        if constexpr (M == N) {
            if (x.shape[0] != m && x.shape[0] != 1) {
                i64 target[N];
                target[0] = m;
                for (int k = 1; k < N; ++k) target[k] = a.shape[k];
                raisef(Exc::ValueError, "shape mismatch: value array of shape %s could not be broadcast to indexing result of shape %s",
                       shape_text<M>(x.shape).c_str(), shape_text<N>(target).c_str());
            }
            for (i64 j = 0; j < m; ++j) {
                i64 from = x.shape[0] == 1 ? 0 : j;
                if constexpr (N == 1) a.data[rows[j] * a.strides[0]] = cast<T>(x.data[from * x.strides[0]]);
                else array_assign(a.row(rows[j]), x.row(from));
            }
        } else {
            for (i64 r : rows) array_assign(a.row(r), x);
        }
    }
}

// a[idx] with an array of ints: the rows idx picks, in a new array
template <class T, int N, class I>
inline Array<T, N> take(const Array<T, N>& a, const Array<I, 1>& idx) {
    i64 shape[N];
    shape[0] = idx.shape[0];
    for (int k = 1; k < N; ++k) shape[k] = a.shape[k];
    Array<T, N> r = Array<T, N>::make_uninit(shape);
    i64 row = 1;
    for (int k = 1; k < N; ++k) row *= a.shape[k];
    for (i64 j = 0; j < idx.shape[0]; ++j) {
        i64 i = static_cast<i64>(idx.data[j * idx.strides[0]]);
        const T* src = a.data + a.offset(0, i);
        if constexpr (N == 1) {
            r.data[j] = *src;
        } else {
            Array<T, N - 1> sub = a.row(i);
            each_index<N - 1>(sub.shape, [&](i64 flat, const i64* ix) { r.data[j * row + flat] = sub.data[offset_of<N - 1>(ix, sub.strides)]; });
            (void)src;
        }
    }
    return r;
}

}  // namespace pyrite::np

#include "numpy_functions.hpp"
