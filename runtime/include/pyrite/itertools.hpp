// itertools: lazy iterators with CPython's algorithms (Modules/itertoolsmodule.c), and
// enumerate/zip where they are the source of another iterator (zip(count(), xs)).
//
// Each is a plain struct with iter.hpp's one operation, `bool next(T& out)`, holding the
// iterators it reads: a loop over product(xs, ys) or zip(count(1), pairwise(xs)) is one while
// loop over nested structs that the optimizer flattens, with no allocation per item (a tuple
// item is a std::tuple). Codegen (codegen/emit_loops.cpp's iterator) builds them through the
// functions at the end, giving each its item type; the sources are built first, in the order
// Python evaluates the arguments.
//
// Where CPython reads a whole iterable first (product, permutations, combinations: tuple(pool)),
// so do these, when the iterator is made. Where CPython stops asking an exhausted source (islice,
// pairwise, takewhile, zip_longest), so do these: a list that grows after it was exhausted is
// not read again.
#pragma once
#include <array>
#include <functional>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "iter.hpp"

namespace pyrite::itertools {

// the items of an iterator, read now (tuple(pool))
template <class T, class It>
inline Vec<T> pool_of(It it) {
    Vec<T> out;
    T x{};
    while (it.next(x)) out.push_back(x);
    return out;
}

// an item made of pool items at the given positions: a fixed tuple, or a tuple[T, ...]
template <class Out, class T, class Idx, size_t... I>
inline Out tuple_at(const Vec<T>& pool, const Idx& idx, std::index_sequence<I...>) {
    return Out{pool[static_cast<size_t>(idx[I])]...};
}
template <class Out>
struct Shape {  // a std::tuple of N items
    static constexpr bool fixed = true;
    static constexpr size_t size = std::tuple_size_v<Out>;
};
template <class T>
struct Shape<Tuple<T>> {  // tuple[T, ...]: r items, r known when the iterator is made
    static constexpr bool fixed = false;
    static constexpr size_t size = 0;
};
// the positions of an item's parts in the pool: r of them, in registers where r is a constant
template <class Out>
using Indices = std::conditional_t<Shape<Out>::fixed, std::array<i64, Shape<Out>::size>, Vec<i64>>;
template <class Idx>
inline void size_indices(Idx& idx, i64 r) {
    if constexpr (std::is_same_v<Idx, Vec<i64>>) idx.assign(static_cast<size_t>(r), 0);
    else (void)r;
}

template <class Out, class T, class Idx>
inline Out item_of(const Vec<T>& pool, const Idx& idx, i64 r) {
    if constexpr (Shape<Out>::fixed) {
        return tuple_at<Out>(pool, idx, std::make_index_sequence<Shape<Out>::size>{});
    } else {
        List<T> l = List<T>::make();
        l.reserve_more(r);
        for (i64 k = 0; k < r; ++k) l.append(pool[static_cast<size_t>(idx[static_cast<size_t>(k)])]);
        return Out(l);
    }
}

// count(start, step): start, start + step, ... (an int past 64 bits is OverflowError when it is
// reached, not before; floats add the step to the running value, as CPython does)
template <class T>
struct Count {
    T n, step;
    bool started = false;
    bool next(T& out) {
        if (started) {
            if constexpr (std::is_same_v<T, i64>) n = add(n, step);
            else n = n + step;
        }
        started = true;
        out = n;
        return true;
    }
};

// repeat(x[, times]): a negative count is none
template <class T>
struct Repeat {
    T x;
    i64 left;
    bool endless;
    bool next(T& out) {
        if (!endless) {
            if (left <= 0) return false;
            --left;
        }
        out = x;
        return true;
    }
};

// cycle(it): the first pass saves the items; then the saved ones, for ever (none: none)
template <class T, class It>
struct Cycle {
    It it;
    Vec<T> saved{};
    size_t k = 0;
    bool first = true;
    bool next(T& out) {
        if (first) {
            if (it.next(out)) {
                saved.push_back(out);
                return true;
            }
            first = false;
        }
        if (saved.empty()) return false;
        out = saved[k];
        k = k + 1 == saved.size() ? 0 : k + 1;
        return true;
    }
};

// chain(a, b, ...): each source in turn
template <class T, class... Its>
struct Chain {
    std::tuple<Its...> its;
    size_t k = 0;
    template <size_t... I>
    bool step(T& out, std::index_sequence<I...>) {
        while (k < sizeof...(Its)) {
            bool got = false;
            (void)((k == I ? (got = std::get<I>(its).next(out), true) : false) || ...);
            if (got) return true;
            ++k;
        }
        return false;
    }
    bool next(T& out) { return step(out, std::index_sequence_for<Its...>{}); }
};

// chain.from_iterable(xss): the items of each item
template <class T, class Inner, class Outer>
struct FromIterable {
    using InnerIt = decltype(pyrite::iter(std::declval<const Inner&>()));
    Outer outer;
    std::optional<InnerIt> cur{};
    Inner item{};
    bool next(T& out) {
        for (;;) {
            if (cur && cur->next(out)) return true;
            if (!outer.next(item)) return false;
            cur.emplace(pyrite::iter(item));
        }
    }
};

// islice(it, [start,] stop[, step]): islice_next's counting (stop -1: none)
template <class T, class It>
struct Islice {
    It it;
    i64 next_at, stop, step, count = 0;
    bool done = false;
    bool next(T& out) {
        if (done) return false;
        T skipped{};
        while (count < next_at) {
            if (!it.next(skipped)) return finish();
            ++count;
        }
        if (stop != -1 && count >= stop) return finish();
        if (!it.next(out)) return finish();
        ++count;
        i64 old = next_at;
        next_at = static_cast<i64>(static_cast<uint64_t>(next_at) + static_cast<uint64_t>(step));
        if (next_at < old || (stop != -1 && next_at > stop)) next_at = stop;
        return true;
    }
    bool finish() {
        done = true;
        return false;
    }
};
// islice_new's checks, in its order (an int stop of -1 is its error value, None is not)
template <class T, class It>
inline Islice<T, It> make_islice(It it, std::optional<i64> start_, std::optional<i64> stop_, std::optional<i64> step_) {
    if (stop_ && *stop_ == -1)
        raise(Exc::ValueError, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    i64 start = start_.value_or(0), stop = stop_.value_or(-1), step = step_.value_or(1);
    if (start < 0 || stop < -1)
        raise(Exc::ValueError, "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    if (step < 1) raise(Exc::ValueError, "Step for islice() must be a positive integer or None.");
    return Islice<T, It>{std::move(it), start, stop, step};
}

// accumulate(it, func, initial=x): the running total; func(total, item) after the first
template <class R, class T, class It, class F>
struct Accumulate {
    It it;
    F f;
    std::optional<R> initial;
    R total{};
    bool started = false;
    bool next(R& out) {
        if (initial) {
            total = *initial;
            initial.reset();
            started = true;
            out = total;
            return true;
        }
        T x{};
        if (!it.next(x)) return false;
        if (!started) {
            total = R(x);
            started = true;
        } else {
            total = f(std::tuple<R, T>{total, x});
        }
        out = total;
        return true;
    }
};

// product(a, b, ..., repeat=k): the pools read first; an odometer over them, the last fastest
template <class Out, size_t Args, class... T>
struct Product {
    static constexpr size_t N = std::tuple_size_v<Out>;
    std::tuple<Vec<T>...> pools;
    std::array<i64, N> idx{}, n{};  // each position's index, and its pool's size
    bool started = false, done = false;
    template <size_t I>
    i64 size_at() const { return static_cast<i64>(std::get<I % Args>(pools).size()); }
    template <size_t... I>
    Out make(std::index_sequence<I...>) const {
        return Out{std::get<I % Args>(pools)[static_cast<size_t>(idx[I])]...};
    }
    template <size_t... I>
    bool any_empty(std::index_sequence<I...>) const { return ((size_at<I>() == 0) || ... || false); }
    template <size_t... I>
    void sizes(std::array<i64, N>& out, std::index_sequence<I...>) const { ((out[I] = size_at<I>()), ...); }
    bool next(Out& out) {
        if (done) return false;
        if (!started) {
            started = true;
            if constexpr (N > 0) {
                if (any_empty(std::make_index_sequence<N>{})) return done = true, false;
                sizes(n, std::make_index_sequence<N>{});
            }
        } else {
            size_t i = N;
            for (;;) {
                if (i == 0) return done = true, false;
                --i;
                if (++idx[i] < n[i]) break;
                idx[i] = 0;
            }
        }
        out = make(std::make_index_sequence<N>{});
        return true;
    }
};

// product(*xss, repeat=k): the pools xss holds at the call, each read first, k times over; its
// items are tuple[T, ...] of as many items as there are pools
template <class T>
struct ProductAll {
    Vec<Vec<T>> pools;
    Vec<i64> idx{};
    bool started = false, done = false;
    bool next(Tuple<T>& out) {
        if (done) return false;
        const size_t n = pools.size();
        if (!started) {
            started = true;
            for (const Vec<T>& p : pools)
                if (p.empty()) return done = true, false;
            idx.assign(n, 0);
        } else {
            size_t i = n;
            for (;;) {
                if (i == 0) return done = true, false;
                --i;
                if (++idx[i] < static_cast<i64>(pools[i].size())) break;
                idx[i] = 0;
            }
        }
        List<T> l = List<T>::make();
        l.reserve_more(static_cast<i64>(n));
        for (size_t k = 0; k < n; ++k) l.append(pools[k][static_cast<size_t>(idx[k])]);
        out = Tuple<T>(l);
        return true;
    }
};

[[noreturn]] inline void negative_r() { raise(Exc::ValueError, "r must be non-negative"); }

// permutations(pool, r): CPython's indices and cycles
template <class Out, class T>
struct Permutations {
    Vec<T> pool;
    i64 r;
    Vec<i64> indices{}, cycles{};
    bool started = false, done = false;
    bool next(Out& out) {
        if (done) return false;
        i64 n = static_cast<i64>(pool.size());
        if (!started) {
            started = true;
            if (r > n) return done = true, false;
            for (i64 i = 0; i < n; ++i) indices.push_back(i);
            for (i64 i = 0; i < r; ++i) cycles.push_back(n - i);
        } else {
            if (n == 0) return done = true, false;
            i64 i = r - 1;
            for (; i >= 0; --i) {
                size_t u = static_cast<size_t>(i);
                if (--cycles[u] == 0) {  // indices[i:] = indices[i+1:] + indices[i:i+1]
                    i64 first = indices[u];
                    for (i64 k = i; k < n - 1; ++k) indices[static_cast<size_t>(k)] = indices[static_cast<size_t>(k + 1)];
                    indices[static_cast<size_t>(n - 1)] = first;
                    cycles[u] = n - i;
                } else {
                    std::swap(indices[u], indices[static_cast<size_t>(n - cycles[u])]);
                    break;
                }
            }
            if (i < 0) return done = true, false;
        }
        out = item_of<Out>(pool, indices, r);
        return true;
    }
};

// combinations(pool, r), and combinations_with_replacement(pool, r) (With): indices in
// non-decreasing order (strictly increasing without replacement), the last that can still grow
// grown and those after it reset from it
template <class Out, class T, bool With>
struct Combinations {
    Vec<T> pool;
    i64 r_;
    Indices<Out> indices{};
    bool started = false, done = false;
    bool next(Out& out) {
        if (done) return false;
        const i64 r = Shape<Out>::fixed ? static_cast<i64>(Shape<Out>::size) : r_;  // a constant where it is one
        const i64 n = static_cast<i64>(pool.size());
        auto at = [&](i64 k) -> i64& { return indices[static_cast<size_t>(k)]; };
        if (!started) {
            started = true;
            if (With ? n == 0 && r > 0 : r > n) return done = true, false;
            size_indices(indices, r);
            for (i64 i = 0; i < r; ++i) at(i) = With ? 0 : i;
        } else {
            i64 i = r - 1;
            while (i >= 0 && at(i) == (With ? n - 1 : i + n - r)) --i;  // at its largest
            if (i < 0) return done = true, false;
            const i64 v = at(i) + 1;
            for (i64 j = i; j < r; ++j) at(j) = With ? v : v + (j - i);
        }
        out = item_of<Out>(pool, indices, r);
        return true;
    }
};

// pairwise(it): (a, b), (b, c), ...
template <class T, class It>
struct Pairwise {
    It it;
    T prev{};
    bool started = false, done = false;
    bool next(std::tuple<T, T>& out) {
        if (done) return false;
        if (!started) {
            started = true;
            if (!it.next(prev)) return done = true, false;
        }
        T x{};
        if (!it.next(x)) return done = true, false;
        out = std::tuple<T, T>{prev, x};
        prev = x;
        return true;
    }
};

// what a zip_longest slot holds when its source gives it: an item T of a T | None slot
template <class S>
struct SlotItem {
    using type = S;
};
template <class T>
struct SlotItem<std::optional<T>> {
    using type = T;
};

// zip_longest(a, b, ..., fillvalue=x): an exhausted source gives x until every one is
template <class Out, class Fill, class... Its>
struct ZipLongest {
    static constexpr size_t N = sizeof...(Its);
    std::tuple<Its...> its;
    Fill fill;
    std::array<bool, N> active{};
    size_t nactive = N;
    template <size_t I>
    bool one(Out& out) {
        using Slot = std::tuple_element_t<I, Out>;
        if (active[I]) {
            typename SlotItem<Slot>::type x{};
            if (std::get<I>(its).next(x)) {
                std::get<I>(out) = Slot(std::move(x));
                return true;
            }
            active[I] = false;
            if (--nactive == 0) return false;
        }
        std::get<I>(out) = Slot(fill);
        return true;
    }
    template <size_t... I>
    bool all(Out& out, std::index_sequence<I...>) {
        return (one<I>(out) && ...);
    }
    bool next(Out& out) {
        if (nactive == 0) return false;
        if (!all(out, std::make_index_sequence<N>{})) {
            nactive = 0;
            return false;
        }
        return true;
    }
};

// takewhile(pred, it): items while pred holds; then nothing, without reading further
template <class T, class It, class F>
struct Takewhile {
    It it;
    F f;
    bool stopped = false;
    bool next(T& out) {
        if (stopped) return false;
        if (!it.next(out)) return false;
        if (truthy(f(out))) return true;
        stopped = true;
        return false;
    }
};

// dropwhile(pred, it): skips items while pred holds; then every item, pred no longer called
template <class T, class It, class F>
struct Dropwhile {
    It it;
    F f;
    bool dropping = true;
    bool next(T& out) {
        for (;;) {
            if (!it.next(out)) return false;
            if (!dropping) return true;
            if (!truthy(f(out))) {
                dropping = false;
                return true;
            }
        }
    }
};

// filterfalse(pred, it): the items pred rejects (filterfalse(None, it): the false items)
template <class T, class It, class F>
struct Filterfalse {
    It it;
    F f;
    bool next(T& out) {
        for (;;) {
            if (!it.next(out)) return false;
            if (!truthy(f(out))) return true;
        }
    }
};

// compress(data, selectors): the data items whose selector is true; stops with either
template <class T, class S, class It, class Sel>
struct Compress {
    It data;
    Sel selectors;
    bool next(T& out) {
        for (;;) {
            if (!data.next(out)) return false;
            S s{};
            if (!selectors.next(s)) return false;
            if (truthy(s)) return true;
        }
    }
};

// (f(x) for x in it if p(x)) read by another iterator: an item at a time, as CPython's generator;
// starmap(f, it) too (f a lambda of the item, a tuple: lower_itertools.cpp's callback)
template <class R, class T, class It, class F, class P>
struct GenExp {
    It it;
    F f;
    P p;
    bool next(R& out) {
        T x{};
        while (it.next(x))
            if (p(x)) {
                out = f(x);
                return true;
            }
        return false;
    }
};
struct Always {
    template <class T>
    bool operator()(const T&) const { return true; }
};

// groupby(it, key): (key, group) for each run of items with equal keys (==, as CPython compares
// them). The group is a list, read when its pair is made: the loop's body reads it once, before
// the next pair, which typeinfer checks, so it holds exactly what CPython's group iterator would
// give there (the key function runs on a group's items before the body, not while it reads them)
template <class K, class T, class It, class F>
struct Groupby {
    It it;
    F key;
    std::optional<T> curr{};
    K currkey{};
    bool started = false;
    void step() {
        T x{};
        if (!it.next(x)) {
            curr.reset();
            return;
        }
        currkey = key(x);
        curr = std::move(x);
    }
    bool next(std::tuple<K, List<T>>& out) {
        if (!started) {
            started = true;
            step();
        }
        if (!curr) return false;
        K target = currkey;
        List<T> group = List<T>::make();
        do {
            group.append(*curr);
            step();
        } while (curr && py_eq(target, currkey));
        out = std::tuple<K, List<T>>{std::move(target), std::move(group)};
        return true;
    }
};

// enumerate(it, start) and zip(a, b, ...) as another iterator's source
template <class T, class It>
struct Enumerate {
    It it;
    i64 start, k = 0;
    bool next(std::tuple<i64, T>& out) {
        T x{};
        if (!it.next(x)) return false;
        out = std::tuple<i64, T>{add(start, k++), x};
        return true;
    }
};
template <class Out, class... Its>
struct Zip {
    std::tuple<Its...> its;
    bool strict = false;  // zip(..., strict=True): zip_next's check once one source is spent
    template <size_t... I>
    bool all(Out& out, size_t* spent, std::index_sequence<I...>) {  // in order, stopping at the first exhausted
        return ((std::get<I>(its).next(std::get<I>(out)) || (*spent = I, false)) && ...);
    }
    bool next(Out& out) {
        size_t spent = 0;
        if (all(out, &spent, std::index_sequence_for<Its...>{})) return true;
        if (strict) check(spent, out, std::index_sequence_for<Its...>{});
        return false;
    }
    // source i (from 0) spent: a later one is shorter than those before it; the first, and every
    // other must be spent too (each asked once more, in order)
    template <size_t... I>
    void check(size_t spent, Out& out, std::index_sequence<I...>) {
        auto plural = [](size_t i) { return i == 1 ? " " : "s 1-"; };
        if (spent)
            raisef(Exc::ValueError, "zip() argument %zu is shorter than argument%s%zu", spent + 1, plural(spent), spent);
        (void)((I > 0 && std::get<I>(its).next(std::get<I>(out)) &&
                (raisef(Exc::ValueError, "zip() argument %zu is longer than argument%s%zu", I + 1, plural(I), I), true)) ||
               ...);
    }
};

// heapq.merge(*iterables, key=None, reverse=False), as Lib/heapq.py's generator runs: on the first
// next(), the first item of each source in order, as a heap entry [key, order, value] (order: the
// source's position, negated for reverse, so that equal keys come out in the sources' order);
// then the top's value out, and at the next call the top's next item in its place (its key
// computed then), or the top popped where its source is spent; the last source left is read
// through without keys. The heap is _heapqmodule.c's (siftup/siftdown, their _max forms for
// reverse), comparing entries as CPython compares the lists: by key where the keys are not
// equal, else by order. Each source is an iterator behind a std::function (of any iterator type).
template <class T, class Key>
struct Merge {
    using K = std::decay_t<decltype(std::declval<Key&>()(std::declval<const T&>()))>;
    struct Entry {
        K k;
        i64 order;
        T v;
        size_t src;
    };
    Vec<std::function<bool(T&)>> srcs;
    Key key;
    bool reverse;
    Vec<Entry> h{};
    int state = 0;  // 0: not started; 1: the heap; 2: one source left; 3: done
    bool pending = false;  // h[0]'s value went out: its source moves on at the next call

    static bool lt(const Entry& a, const Entry& b) { return !py_eq(a.k, b.k) ? py_lt(a.k, b.k) : a.order < b.order; }
    bool before(const Entry& a, const Entry& b) const { return reverse ? lt(b, a) : lt(a, b); }  // max: b < a
    void siftdown(size_t startpos, size_t pos) {
        while (pos > startpos) {
            size_t parent = (pos - 1) >> 1;
            if (!before(h[pos], h[parent])) break;
            std::swap(h[parent], h[pos]);
            pos = parent;
        }
    }
    void siftup(size_t pos) {
        size_t endpos = h.size(), startpos = pos, limit = endpos >> 1;
        while (pos < limit) {
            size_t child = 2 * pos + 1;
            if (child + 1 < endpos && !before(h[child], h[child + 1])) ++child;
            std::swap(h[child], h[pos]);
            pos = child;
        }
        siftdown(startpos, pos);
    }
    void start() {
        for (size_t i = 0; i < srcs.size(); ++i) {
            T x{};
            if (!srcs[i](x)) continue;
            K k = key(x);
            h.push_back(Entry{std::move(k), reverse ? -static_cast<i64>(i) : static_cast<i64>(i), std::move(x), i});
        }
        for (size_t i = h.size() / 2; i-- > 0;) siftup(i);  // heapify
    }
    bool next(T& out) {
        if (state == 0) {
            start();
            state = 1;
        }
        if (state == 1) {
            if (pending) {
                pending = false;
                T x{};
                if (srcs[h[0].src](x)) {  // heapreplace(h, s)
                    h[0].k = key(x);
                    h[0].v = std::move(x);
                } else {  // heappop(h)
                    Entry last = std::move(h.back());
                    h.pop_back();
                    if (!h.empty()) h[0] = std::move(last);
                }
                if (!h.empty()) siftup(0);
            }
            if (h.size() > 1) {
                out = h[0].v;
                pending = true;
                return true;
            }
            if (h.empty()) {
                state = 3;
                return false;
            }
            out = h[0].v;  // yield value; yield from its source
            state = 2;
            return true;
        }
        if (state == 2 && srcs[h[0].src](out)) return true;
        state = 3;
        return false;
    }
};
template <class T, class It>
inline std::function<bool(T&)> as_source(It it) {
    return [it = std::move(it)](T& out) mutable { return it.next(out); };
}

// ---- what codegen calls: the item type first, then what deduction cannot give
template <class T>
inline Count<T> count(T start, T step) { return Count<T>{start, step}; }
template <class T>
inline Repeat<T> repeat(T x) { return Repeat<T>{std::move(x), 0, true}; }
template <class T>
inline Repeat<T> repeat(T x, i64 times) { return Repeat<T>{std::move(x), times, false}; }
template <class T, class It>
inline Cycle<T, It> cycle(It it) { return Cycle<T, It>{std::move(it)}; }
template <class T, class... Its>
inline Chain<T, Its...> chain(Its... its) { return Chain<T, Its...>{std::tuple<Its...>(std::move(its)...)}; }
template <class T, class Inner, class Outer>
inline FromIterable<T, Inner, Outer> from_iterable(Outer outer) { return FromIterable<T, Inner, Outer>{std::move(outer)}; }
template <class T, class It>
inline Islice<T, It> islice(It it, std::optional<i64> stop) { return make_islice<T>(std::move(it), std::nullopt, stop, std::nullopt); }
template <class T, class It>
inline Islice<T, It> islice(It it, std::optional<i64> start, std::optional<i64> stop, std::optional<i64> step = std::nullopt) {
    return make_islice<T>(std::move(it), start, stop, step);
}
template <class R, class T, class It, class F>
inline Accumulate<R, T, It, F> accumulate(It it, F f) { return Accumulate<R, T, It, F>{std::move(it), std::move(f), std::nullopt}; }
template <class R, class T, class It, class F>
inline Accumulate<R, T, It, F> accumulate(It it, F f, R initial) {
    return Accumulate<R, T, It, F>{std::move(it), std::move(f), std::optional<R>(std::move(initial))};
}
template <class Out, size_t Args, class... T, class... Its>
inline Product<Out, Args, T...> product(Its... its) {
    return Product<Out, Args, T...>{std::tuple<Vec<T>...>(pool_of<T>(std::move(its))...)};
}
template <class T, class Inner, class Outer>
inline ProductAll<T> product_all(Outer outer, i64 repeat) {
    if (repeat < 0) raise(Exc::ValueError, "repeat argument cannot be negative");
    Vec<Vec<T>> read;
    Inner x{};
    while (outer.next(x)) read.push_back(pool_of<T>(pyrite::iter(x)));
    ProductAll<T> p{{}};
    for (i64 k = 0; k < repeat; ++k) p.pools.insert(p.pools.end(), read.begin(), read.end());
    return p;
}
template <class Out, class T, class It>
inline Permutations<Out, T> permutations(It it, std::optional<i64> r) {
    Vec<T> pool = pool_of<T>(std::move(it));
    i64 k = r ? *r : static_cast<i64>(pool.size());
    if (k < 0) negative_r();
    return Permutations<Out, T>{std::move(pool), k};
}
template <class Out, class T, class It>
inline Combinations<Out, T, false> combinations(It it, i64 r) {
    Vec<T> pool = pool_of<T>(std::move(it));
    if (r < 0) negative_r();
    return Combinations<Out, T, false>{std::move(pool), r};
}
template <class Out, class T, class It>
inline Combinations<Out, T, true> combinations_with_replacement(It it, i64 r) {
    Vec<T> pool = pool_of<T>(std::move(it));
    if (r < 0) negative_r();
    return Combinations<Out, T, true>{std::move(pool), r};
}
template <class T, class It>
inline Pairwise<T, It> pairwise(It it) { return Pairwise<T, It>{std::move(it)}; }
template <class Out, class Fill, class... Its>
inline ZipLongest<Out, Fill, Its...> zip_longest(Fill fill, Its... its) {
    ZipLongest<Out, Fill, Its...> z{std::tuple<Its...>(std::move(its)...), std::move(fill), {}};
    z.active.fill(true);
    return z;
}
template <class T, class It, class F>
inline Takewhile<T, It, F> takewhile(F f, It it) { return Takewhile<T, It, F>{std::move(it), std::move(f)}; }
template <class T, class It, class F>
inline Dropwhile<T, It, F> dropwhile(F f, It it) { return Dropwhile<T, It, F>{std::move(it), std::move(f)}; }
template <class T, class It, class F>
inline Filterfalse<T, It, F> filterfalse(F f, It it) { return Filterfalse<T, It, F>{std::move(it), std::move(f)}; }
template <class T, class S, class It, class Sel>
inline Compress<T, S, It, Sel> compress(It data, Sel selectors) { return Compress<T, S, It, Sel>{std::move(data), std::move(selectors)}; }
template <class R, class T, class It, class F, class P = Always>
inline GenExp<R, T, It, F, P> genexp(It it, F f, P p = P{}) { return GenExp<R, T, It, F, P>{std::move(it), std::move(f), std::move(p)}; }
template <class K, class T, class It, class F>
inline Groupby<K, T, It, F> groupby(F key, It it) { return Groupby<K, T, It, F>{std::move(it), std::move(key)}; }
template <class T, class It>
inline Enumerate<T, It> enumerate(It it, i64 start = 0) { return Enumerate<T, It>{std::move(it), start}; }
template <class Out, class... Its>
inline Zip<Out, Its...> zip(Its... its) { return Zip<Out, Its...>{std::tuple<Its...>(std::move(its)...)}; }
template <class Out, class... Its>
inline Zip<Out, Its...> zip_strict(Its... its) { return Zip<Out, Its...>{std::tuple<Its...>(std::move(its)...), true}; }

template <class T, class Key, class... Its>
inline Merge<T, Key> merge(Key key, bool reverse, Its... its) {
    return Merge<T, Key>{{as_source<T>(std::move(its))...}, std::move(key), reverse};
}
// heapq.merge(*xss): the iterables xss holds, read now (the call unpacks them), each iterated
template <class T, class Inner, class Key, class Outer>
inline Merge<T, Key> merge_all(Key key, bool reverse, Outer outer) {
    Merge<T, Key> m{{}, std::move(key), reverse};
    Inner x{};
    while (outer.next(x)) m.srcs.push_back(as_source<T>(pyrite::iter(x)));
    return m;
}

}  // namespace pyrite::itertools
