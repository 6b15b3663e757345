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
//     RuntimeError("generator ignored GeneratorExit").
#pragma once
#include <coroutine>
#include <exception>
#include <optional>
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
    bool await_ready() const noexcept { return false; }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) const noexcept {
        h.promise().name = name;
        h.promise().qualname = qualname;
        h.promise().origin = origin;
    }
    void await_resume() const noexcept {}
};

template <class T>
class Gen {
public:
    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    struct promise_type {
        T value{};           // the last item yielded
        long refs = 0;       // the Gen values sharing this frame
        const char* name = "";  // the generator function's __name__ and __qualname__ (GenStart)
        const char* qualname = "";
        void* origin = nullptr;  // GenStart's
        bool running = false, started = false, closing = false, closed = false;
        std::exception_ptr error;  // what the body raised, for the resumer to raise

        Gen get_return_object() { return Gen(Handle::from_promise(*this)); }
        // the body runs at once to its first statement, co_await GenStart{...}, which names the
        // generator and suspends: no statement of the user's runs before the first next()
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        struct Resume {  // the yield: back in the body, close() raises GeneratorExit here
            promise_type* p;
            bool await_ready() const noexcept { return false; }
            void await_suspend(Handle) const noexcept {}
            void await_resume() const {
                if (p->closing) throw make_exception(Exc::GeneratorExit, std::string(), false);
            }
        };
        template <class U>
        Resume yield_value(U&& v) {
            value = std::forward<U>(v);
            return Resume{this};
        }
        void return_void() noexcept {}
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
        p.running = false;
        p.closed = true;
        std::exception_ptr e = std::exchange(p.error, nullptr);
        if (!h_.done()) raise(Exc::RuntimeError, "generator ignored GeneratorExit");
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
template <class T>
struct GenIter {
    Gen<T> g;
    bool next(T& out) {
        if (!g.advance()) return false;
        out = std::move(g.value());
        return true;
    }
};
template <class T>
inline GenIter<T> iter(const Gen<T>& g) { return GenIter<T>{g}; }

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
    std::vector<decltype(iter(rows.get(0)))> its;
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

// next(g), next(g, default)
template <class T>
inline T next(const Gen<T>& g) {
    if (!g.advance()) throw make_exception(Exc::StopIteration, std::string(), false);
    return std::move(g.value());
}
template <class R, class T, class D>
inline R next_or(const Gen<T>& g, D&& otherwise) {
    if (!g.advance()) return R(std::forward<D>(otherwise));
    return R(std::move(g.value()));
}

}  // namespace pyrite
