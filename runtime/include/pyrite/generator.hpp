// Generator objects: a generator function of the program compiled on its own, for the places
// where compiled code keeps a generator as a value (g = gen(), next(g), zip(gen(), ...), a
// recursive `yield from`, a class's __iter__) or hands one to Python. Where compiled code
// iterates gen(...) directly, the frontend inlines the generator instead and no object exists
// (frontend/lower_generators.cpp).
//
// The generator function is a C++20 coroutine (codegen: co_yield, co_return): its locals live
// in its frame, which a Gen<T> shares by reference count as Python names share one generator.
// Python's protocol, as Objects/genobject.c has it:
//   - none of the body runs until the first next() (GenStart);
//   - what the body raises leaves that next(), and the generator is finished;
//   - a StopIteration raised inside becomes RuntimeError("generator raised StopIteration") (PEP 479);
//   - next() of a generator that is running raises ValueError("generator already executing");
//   - close(), and dropping the last reference to a suspended generator, raise GeneratorExit at
//     its yield, so its finally blocks run; if it yields again instead, close() raises
//     RuntimeError("generator ignored GeneratorExit");
//   - send(v) resumes it with v as the value of the yield it is suspended at (next() sends None;
//     a just-started generator takes only None); throw(e) raises e there;
//   - `return v` ends it with v, the value of the StopIteration that ends it (and of a
//     `yield from` of it).
// A Gen<T, S, R> yields T, is sent S (the S of Generator[T, S, R]) and returns R; none_t for
// the S of a generator that uses no yield's value, and the R of one that returns nothing.
#pragma once
#include <algorithm>
#include <coroutine>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include <pyrite/core.hpp>
#include <pyrite/exceptions.hpp>
#include <pyrite/iter.hpp>

namespace pyrite {

// the first statement of a generator function's coroutine (codegen): its names, then a suspension
struct GenStart {
    const char* name;
    const char* qualname;
    void* origin = nullptr;  // the Python iterator it reads, if it stands for one (boundary.hpp)
    const char* sent = nullptr;  // the Python type it is sent (S), where a yield's value is used
    bool await_ready() const noexcept { return false; }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) const noexcept {
        h.promise().name = name;
        h.promise().qualname = qualname;
        h.promise().origin = origin;
        h.promise().sent_type = sent;
    }
    void await_resume() const noexcept {}
};

// whether None is a value of S: what a yield that next() resumes gives
template <class S>
struct takes_none : std::false_type {};
template <>
struct takes_none<none_t> : std::true_type {};
template <class U>
struct takes_none<std::optional<U>> : std::true_type {};

// where `return v` leaves R (a coroutine's promise has return_value or return_void, not both)
template <class R>
struct ReturnSlot {
    R result{};
    void return_value(R v) { result = std::move(v); }
};
template <>
struct ReturnSlot<none_t> {
    none_t result{};
    void return_void() noexcept {}
};

template <class T, class S = none_t, class R = none_t>
class Gen {
public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;
    using Item = T;
    using Sent = S;
    using Result = R;

    struct promise_type : ReturnSlot<R> {
        T value{};           // the last item yielded
        long refs = 0;       // the Gen values sharing this frame
        const char* name = "";  // the generator function's __name__ and __qualname__ (GenStart)
        const char* qualname = "";
        void* origin = nullptr;  // GenStart's
        const char* sent_type = nullptr;
        bool running = false, started = false, closing = false, closed = false;
        bool told = false;  // its end was reported (once: StopIteration(value), then StopIteration())
        std::exception_ptr error;  // what the body raised, for the resumer to raise
        std::optional<S> sent;       // what send() passes the yield it resumes
        std::optional<Error> thrown;  // what throw() raises there

        Gen get_return_object() { return Gen(Handle::from_promise(*this)); }
        // the body runs at once to its first statement, co_await GenStart{...}, which names the
        // generator and suspends: no statement of the user's runs before the first next()
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        struct Resume {  // the yield: back in the body, close() and throw() raise here
            promise_type* p;
            bool await_ready() const noexcept { return false; }
            void await_suspend(Handle) const noexcept {}
            S await_resume() const {
                if (p->closing) throw make_exception(Exc::GeneratorExit, std::string(), false);
                if (p->thrown) {
                    Error e = std::move(*p->thrown);
                    p->thrown.reset();
                    throw e;
                }
                if constexpr (std::is_same_v<S, none_t>) {  // a yield whose value nothing uses
                    return S{};
                } else if (p->sent) {
                    S v = std::move(*p->sent);
                    p->sent.reset();
                    return v;
                }
                if constexpr (takes_none<S>::value) {
                    return S{};
                } else {  // the annotation's S excludes the None that next() sends (README: generators)
                    std::string m = std::string(p->qualname) + "() was resumed by next() or a for loop, which send None, "
                                    "at a yield that takes " + (p->sent_type ? p->sent_type : "a value") +
                                    " (its annotation Generator[T, S, R] says S): send() it one";
                    raise(Exc::TypeError, m.c_str());
                }
            }
        };
        template <class U>
        Resume yield_value(U&& v) {
            value = std::forward<U>(v);
            return Resume{this};
        }
        void unhandled_exception() noexcept { error = std::current_exception(); }
    };

    Gen() = default;
    Gen(const Gen& o) : h_(o.h_) {
        if (h_) ++h_.promise().refs;
    }
    Gen(Gen&& o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
    Gen& operator=(Gen o) noexcept {
        std::swap(h_, o.h_);
        return *this;
    }
    ~Gen() { release(); }

    // resumes the body to its next yield: true with an item in value(), false once it has ended
    bool advance() const {
        if (!h_) return false;
        promise_type& p = h_.promise();
        if (p.closed || h_.done()) return false;
        if (p.running) raise(Exc::ValueError, "generator already executing");
        p.running = p.started = true;
        h_.resume();
        p.running = false;
        if (p.error) {
            p.closed = true;
            reraise(std::exchange(p.error, nullptr));
        }
        return !h_.done();
    }
    T& value() const { return h_.promise().value; }
    const R& result() const { return h_.promise().result; }  // what `return v` returned (once done)
    // whether its body has just returned, unreported: the first StopIteration after the end
    // carries the value, the later ones none (and none after an exception or close())
    bool returned_now() const {
        if (!h_ || !h_.done()) return false;
        promise_type& p = h_.promise();
        bool first = !p.told && !p.closed;
        p.told = true;
        return first;
    }
    bool done() const { return !h_ || h_.done() || h_.promise().closed; }  // ended, raised or closed

    // generator.send(v): resumes the body with v as its yield's value; false once it has ended
    bool send(S v) const {
        if (!h_) return false;
        promise_type& p = h_.promise();
        bool none = false;
        if constexpr (std::is_same_v<S, none_t>) none = true;
        else if constexpr (takes_none<S>::value) none = !v.has_value();
        if (!p.started && !none && !p.closed && !h_.done())
            raise(Exc::TypeError, "can't send non-None value to a just-started generator");
        if (p.started) p.sent.emplace(std::move(v));
        bool more = advance();
        p.sent.reset();
        return more;
    }
    // generator.throw(e): e raised at the yield it is suspended at (a generator that has not
    // started, or has ended, raises it at once and is finished); false once it has ended
    bool throw_(Error e) const {
        if (!h_) throw e;
        promise_type& p = h_.promise();
        if (p.running) raise(Exc::ValueError, "generator already executing");
        if (p.closed || h_.done() || !p.started) {
            p.closed = true;
            throw e;
        }
        p.thrown.emplace(std::move(e));
        bool more = advance();
        p.thrown.reset();
        return more;
    }
    const char* sent_type() const { return h_ ? h_.promise().sent_type : nullptr; }

    // generator.close(): GeneratorExit at the yield it is suspended at (nothing, if it never ran)
    void close() const {
        if (!h_) return;
        promise_type& p = h_.promise();
        if (p.closed || h_.done() || !p.started) {
            p.closed = true;
            return;
        }
        if (p.running) raise(Exc::ValueError, "generator already executing");
        p.closing = p.running = true;
        h_.resume();
        p.running = p.closing = false;
        // it yielded instead of ending: still suspended there, as CPython leaves it (a next() resumes it)
        if (!h_.done()) raise(Exc::RuntimeError, "generator ignored GeneratorExit");
        p.closed = true;
        std::exception_ptr e = std::exchange(p.error, nullptr);
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const Error& x) {
            if (x.kind == Exc::GeneratorExit || x.kind == Exc::StopIteration) return;
            throw;
        }
    }

    bool same(const Gen& o) const { return h_ == o.h_; }  // `is`
    bool started() const { return h_ && h_.promise().started; }
    const char* name() const { return h_ ? h_.promise().name : ""; }
    const char* qualname() const { return h_ ? h_.promise().qualname : ""; }
    void* origin() const { return h_ ? h_.promise().origin : nullptr; }

private:
    explicit Gen(Handle h) : h_(h) { ++h_.promise().refs; }

    [[noreturn]] static void reraise(std::exception_ptr e) {
        try {
            std::rethrow_exception(e);
        } catch (const Error& x) {
            if (x.kind != Exc::StopIteration || x.limit) throw;
            generator_raised_stop(x);
        }
    }

    void release() noexcept {
        if (!h_) return;
        if (--h_.promise().refs == 0) {
            try {  // CPython reports what close() raises here as unraisable, and goes on
                close();
            } catch (...) {
            }
            h_.destroy();
        }
        h_ = nullptr;
    }

    Handle h_{};
};

// for x in g: the items it yields from where it is suspended
template <class T, class S, class R>
struct GenIter {
    Gen<T, S, R> g;
    bool next(T& out) {
        if (!g.advance()) return false;
        out = std::move(g.value());
        return true;
    }
};
template <class T, class S, class R>
inline GenIter<T, S, R> iter(const Gen<T, S, R>& g) { return GenIter<T, S, R>{g}; }

// an instance whose class defines __next__, iterated: its __next__() until that raises StopIteration
template <class T, class O, class F>
Gen<T> from_next(O obj, F next) {
    co_await GenStart{"__next__", "__next__"};
    for (;;) {
        std::optional<T> item;
        try {
            item.emplace(next(obj));
        } catch (const Error& e) {
            if (e.kind != Exc::StopIteration || e.limit) throw;
        }
        if (!item) co_return;
        co_yield std::move(*item);
    }
}

// iter(xs) of a list, str, tuple, dict, set, range, deque: its iterator (iter.hpp's, which keeps the
// container and sees its changes as CPython's does) as a generator object, for next() and loops
template <class T, class It>
Gen<T> gen_of(It it) {
    co_await GenStart{"iterator", "iterator"};
    T item{};
    while (it.next(item)) co_yield std::move(item);
}

// zip(*rows) (frontend/lower_containers.cpp's lower_zip_star): an iterator of each row, made at
// the call as CPython's zip makes them (iter.hpp's, which see a list grow); then a tuple of one
// item from each row per next(), until the first row that ends (none at all without rows)
template <class T, class Rows>
Gen<Tuple<T>> zip_star(Rows rows) {
    Vec<decltype(iter(rows.get(0)))> its;
    for (i64 i = 0; i < rows.len(); ++i) its.push_back(iter(rows.get(i)));
    co_await GenStart{"zip", "zip"};
    if (its.empty()) co_return;
    for (;;) {
        List<T> items = List<T>::make();
        for (auto& it : its) {
            T x{};
            if (!it.next(x)) co_return;
            items.append(std::move(x));
        }
        co_yield Tuple<T>(std::move(items));
    }
}

// itertools.tee(iterable, n): n generator objects over one source iterator, as Modules/itertoolsmodule.c's
// _tee objects: each item is read from the source once, by whichever reads it first, and kept until
// the last of them has read it; each ends where the source ends (an exception from the source
// reaches the one reading)
template <class T, class Src>
struct TeeState {
    Src src;
    std::deque<T> items;  // the items from `start` on that some tee has not read yet
    i64 start = 0;
    Vec<i64> pos;  // what each tee reads next
    bool done = false;
};
template <class T, class Src>
Gen<T> tee_one(std::shared_ptr<TeeState<T, Src>> st, size_t k) {
    co_await GenStart{"_tee", "_tee"};
    for (;;) {
        i64 p = st->pos[k];
        if (p - st->start == static_cast<i64>(st->items.size())) {
            if (st->done) co_return;
            T x{};
            if (!st->src.next(x)) {
                st->done = true;
                co_return;
            }
            st->items.push_back(std::move(x));
        }
        T item = st->items[static_cast<size_t>(p - st->start)];
        st->pos[k] = p + 1;
        i64 low = *std::min_element(st->pos.begin(), st->pos.end());
        while (st->start < low) {
            st->items.pop_front();
            ++st->start;
        }
        co_yield std::move(item);
    }
}
template <class T, size_t N, class Src>
auto tee(Src src) {
    auto st = std::make_shared<TeeState<T, Src>>(TeeState<T, Src>{std::move(src), {}, 0, Vec<i64>(N, 0), false});
    return [&]<size_t... K>(std::index_sequence<K...>) {
        return std::tuple<decltype(((void)K, tee_one<T>(st, 0)))...>(tee_one<T>(st, K)...);
    }(std::make_index_sequence<N>());
}

// the StopIteration a generator ended by raises from next() and send(): its return value is its
// value (None: StopIteration())
template <class T, class S, class R>
[[noreturn]] __attribute__((noinline, cold)) void stop_iteration(const Gen<T, S, R>& g) {
    if constexpr (std::is_same_v<R, none_t>) {
        (void)g;
        throw make_exception(Exc::StopIteration, std::string(), false);
    } else {
        if (!g.returned_now()) throw make_exception(Exc::StopIteration, std::string(), false);
        Vec<ExcArg> args;
        if constexpr (takes_none<R>::value) {
            if (g.result()) args.emplace_back(*g.result());
        } else {
            args.emplace_back(g.result());
        }
        throw exception_of(Exc::StopIteration, std::move(args));
    }
}

// next(g), next(g, default), g.send(v)
template <class T, class S, class R>
inline T next(const Gen<T, S, R>& g) {
    if (!g.advance()) stop_iteration(g);
    return std::move(g.value());
}
template <class V, class T, class S, class R, class D>
inline V next_or(const Gen<T, S, R>& g, D&& otherwise) {
    if (!g.advance()) return V(std::forward<D>(otherwise));
    return V(std::move(g.value()));
}
template <class T, class S, class R, class V>
inline T send(const Gen<T, S, R>& g, V&& v) {
    if (!g.send(S(std::forward<V>(v)))) stop_iteration(g);
    return std::move(g.value());
}
template <class T, class S, class R>
inline none_t close(const Gen<T, S, R>& g) {
    g.close();
    return none_t{};
}

// `x = yield from g` of a generator object g, in a generator object (PEP 380): what the outer one
// is sent goes on to g, what it is thrown too (GeneratorExit closes g, then leaves the outer one);
// x is what g returns. The outer coroutine runs it as (codegen's yield_stmt)
//   Delegate d{g};
//   while (d.more) {
//       S sent;
//       try { sent = co_yield T(d.g.value()); } catch (Error& e) { d.thrown(e); continue; }
//       d.step(std::move(sent));
//   }
// d.thrown(e) gets what throw() or close() raised at the outer yield.
template <class G>
struct Delegate {
    G g;
    bool more;
    explicit Delegate(G sub) : g(std::move(sub)), more(g.advance()) {}
    template <class V>
    void step(V&& sent) {
        if constexpr (std::is_same_v<std::decay_t<V>, none_t>) more = g.advance();
        else more = g.send(typename G::Sent(std::forward<V>(sent)));
    }
    void thrown(const Error& e) {
        if (e.kind == Exc::GeneratorExit) {
            g.close();
            throw e;
        }
        more = g.throw_(e);
    }
    const typename G::Result& result() const { return g.result(); }
};

}  // namespace pyrite
