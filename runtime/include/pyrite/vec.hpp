// Vec<T>: the growable array behind a list's items and a dict's entries.
//
// It is std::vector's interface, as far as the runtime uses it, written as a few flat functions.
// Every module compiles the list and dict operations it uses for its own item types, and with
// libstdc++'s vector a push_back alone is some twenty functions deep (allocator traits,
// relocation helpers, iterator wrappers): in a class- and dict-heavy function's module, four
// instantiated functions in ten were vector's, and the optimizer worked through each before
// inlining it. Here a push_back is an inline test and one out-of-line grow.
//
// The same semantics as std::vector where pyrite relies on them: items are moved (copied where
// a move may throw) to a new buffer twice the size when one is full; an allocation that fails
// throws std::bad_alloc (a MemoryError at the boundary), as does a size past max_size(); a
// range inserted from the Vec itself is copied first.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace pyrite {

// the capacity to grow to for `need` items: twice the old one, or `need` where that is more
// (one function for every item type)
inline std::size_t vec_grown(std::size_t cap, std::size_t need, std::size_t max) noexcept {
    std::size_t want = cap > max / 2 ? max : cap * 2;
    return want < need ? need : want;
}

template <class T>
class Vec {
  public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = T&;
    using const_reference = const T&;
    using pointer = T*;
    using const_pointer = const T*;
    using iterator = T*;
    using const_iterator = const T*;
    using reverse_iterator = std::reverse_iterator<T*>;
    using const_reverse_iterator = std::reverse_iterator<const T*>;

    Vec() noexcept = default;
    explicit Vec(size_type n) { resize(n); }
    Vec(size_type n, const T& v) { assign(n, v); }
    template <class It, class = typename std::iterator_traits<It>::iterator_category>
    Vec(It first, It last) {
        append_range(first, last);
    }
    Vec(std::initializer_list<T> il) { append_range(il.begin(), il.end()); }
    Vec(const Vec& o) { append_range(o.begin_, o.end_); }
    Vec(Vec&& o) noexcept : begin_(o.begin_), end_(o.end_), cap_(o.cap_) { o.begin_ = o.end_ = o.cap_ = nullptr; }
    Vec& operator=(const Vec& o) {
        if (this != &o) assign(o.begin_, o.end_);
        return *this;
    }
    Vec& operator=(Vec&& o) noexcept {
        if (this != &o) {
            release_all();
            begin_ = o.begin_, end_ = o.end_, cap_ = o.cap_;
            o.begin_ = o.end_ = o.cap_ = nullptr;
        }
        return *this;
    }
    Vec& operator=(std::initializer_list<T> il) {
        assign(il.begin(), il.end());
        return *this;
    }
    ~Vec() { release_all(); }

    // ------------------------------------------------------------ reading
    T* begin() noexcept { return begin_; }
    T* end() noexcept { return end_; }
    const T* begin() const noexcept { return begin_; }
    const T* end() const noexcept { return end_; }
    const T* cbegin() const noexcept { return begin_; }
    const T* cend() const noexcept { return end_; }
    reverse_iterator rbegin() noexcept { return reverse_iterator(end_); }
    reverse_iterator rend() noexcept { return reverse_iterator(begin_); }
    const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end_); }
    const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin_); }
    T* data() noexcept { return begin_; }
    const T* data() const noexcept { return begin_; }
    size_type size() const noexcept { return static_cast<size_type>(end_ - begin_); }
    size_type capacity() const noexcept { return static_cast<size_type>(cap_ - begin_); }
    bool empty() const noexcept { return begin_ == end_; }
    static constexpr size_type max_size() noexcept { return static_cast<size_type>(PTRDIFF_MAX) / sizeof(T); }
    T& operator[](size_type i) noexcept { return begin_[i]; }
    const T& operator[](size_type i) const noexcept { return begin_[i]; }
    T& front() noexcept { return *begin_; }
    const T& front() const noexcept { return *begin_; }
    T& back() noexcept { return end_[-1]; }
    const T& back() const noexcept { return end_[-1]; }

    // ------------------------------------------------------------ writing
    void push_back(const T& v) {
        if (end_ != cap_) {
            ::new (static_cast<void*>(end_)) T(v);
            ++end_;
        } else {
            T copy(v);  // v may be an item of this Vec, which the growth moves
            grow(size() + 1);
            ::new (static_cast<void*>(end_)) T(std::move(copy));
            ++end_;
        }
    }
    void push_back(T&& v) { emplace_back(std::move(v)); }
    template <class... A>
    T& emplace_back(A&&... a) {
        if (end_ == cap_) {
            T made(std::forward<A>(a)...);
            grow(size() + 1);
            ::new (static_cast<void*>(end_)) T(std::move(made));
        } else {
            ::new (static_cast<void*>(end_)) T(std::forward<A>(a)...);
        }
        return *end_++;
    }
    void pop_back() noexcept {
        --end_;
        end_->~T();
    }
    void clear() noexcept { destroy_from(begin_); }
    void reserve(size_type n) {
        if (n > capacity()) reallocate(n);
    }
    void shrink_to_fit() {
        if (end_ == begin_) {
            release_all();
            begin_ = end_ = cap_ = nullptr;
        } else if (end_ != cap_) {
            reallocate(size());
        }
    }
    void resize(size_type n) {
        size_type m = size();
        if (n < m) return destroy_from(begin_ + n);
        reserve(n);
        for (; m < n; ++m, ++end_) ::new (static_cast<void*>(end_)) T();
    }
    void resize(size_type n, const T& v) {
        size_type m = size();
        if (n < m) return destroy_from(begin_ + n);
        if (n > capacity()) {
            T copy(v);
            reallocate(grown(n));
            for (; m < n; ++m, ++end_) ::new (static_cast<void*>(end_)) T(copy);
        } else {
            for (; m < n; ++m, ++end_) ::new (static_cast<void*>(end_)) T(v);
        }
    }
    void assign(size_type n, const T& v) {
        T copy(v);
        clear();
        reserve(n);
        for (; n; --n, ++end_) ::new (static_cast<void*>(end_)) T(copy);
    }
    template <class It, class = typename std::iterator_traits<It>::iterator_category>
    void assign(It first, It last) {
        if (aliases(first)) {  // a range of this Vec's own items
            Vec copy(first, last);
            *this = std::move(copy);
            return;
        }
        clear();
        append_range(first, last);
    }
    void assign(std::initializer_list<T> il) { assign(il.begin(), il.end()); }
    T* insert(const T* pos, const T& v) {
        size_type k = static_cast<size_type>(pos - begin_);
        if (pos == end_) {
            push_back(v);
        } else {
            T copy(v);
            open(k, 1);
            begin_[k] = std::move(copy);
        }
        return begin_ + k;
    }
    T* insert(const T* pos, T&& v) {
        size_type k = static_cast<size_type>(pos - begin_);
        if (pos == end_) {
            emplace_back(std::move(v));
        } else {
            T moved(std::move(v));
            open(k, 1);
            begin_[k] = std::move(moved);
        }
        return begin_ + k;
    }
    T* insert(const T* pos, size_type n, const T& v) {
        size_type k = static_cast<size_type>(pos - begin_);
        if (n == 0) return begin_ + k;
        T copy(v);
        open(k, n);
        for (size_type i = 0; i < n; ++i) begin_[k + i] = copy;
        return begin_ + k;
    }
    template <class It, class = typename std::iterator_traits<It>::iterator_category>
    T* insert(const T* pos, It first, It last) {
        size_type k = static_cast<size_type>(pos - begin_);
        if (aliases(first)) {
            Vec copy(first, last);
            return insert(begin_ + k, copy.begin_, copy.end_);
        }
        if (pos == end_) {
            append_range(first, last);
        } else {
            size_type n = static_cast<size_type>(std::distance(first, last));
            if (n == 0) return begin_ + k;
            open(k, n);
            for (T* p = begin_ + k; first != last; ++first, ++p) *p = *first;
        }
        return begin_ + k;
    }
    T* erase(const T* pos) { return erase(pos, pos + 1); }
    T* erase(const T* first, const T* last) {
        T* f = begin_ + (first - begin_);
        T* l = begin_ + (last - begin_);
        if (f == l) return f;
        if constexpr (std::is_trivially_copyable_v<T>) {
            std::memmove(static_cast<void*>(f), l, static_cast<size_type>(end_ - l) * sizeof(T));
            end_ -= l - f;
        } else {
            T* out = f;
            for (T* p = l; p != end_; ++p, ++out) *out = std::move(*p);
            destroy_from(out);
        }
        return f;
    }
    void swap(Vec& o) noexcept {
        std::swap(begin_, o.begin_);
        std::swap(end_, o.end_);
        std::swap(cap_, o.cap_);
    }
    friend void swap(Vec& a, Vec& b) noexcept { a.swap(b); }

  private:
    T* begin_ = nullptr;
    T* end_ = nullptr;
    T* cap_ = nullptr;

    template <class It>
    bool aliases(const It& first) const noexcept {
        if constexpr (std::is_pointer_v<It> && std::is_same_v<std::remove_cv_t<std::remove_pointer_t<It>>, T>) {
            auto at = reinterpret_cast<std::uintptr_t>(static_cast<const T*>(first));
            return at >= reinterpret_cast<std::uintptr_t>(begin_) && at < reinterpret_cast<std::uintptr_t>(end_);
        } else {
            return false;
        }
    }
    template <class It>
    void append_range(It first, It last) {
        if constexpr (std::is_base_of_v<std::forward_iterator_tag, typename std::iterator_traits<It>::iterator_category>) {
            size_type n = static_cast<size_type>(std::distance(first, last));
            if (n > capacity() - size()) reallocate(grown(size() + n));
            if constexpr (std::is_pointer_v<It> && std::is_trivially_copyable_v<T> &&
                          std::is_same_v<std::remove_cv_t<std::remove_pointer_t<It>>, T>) {
                if (n) std::memcpy(static_cast<void*>(end_), first, n * sizeof(T));
                end_ += n;
            } else {
                for (; first != last; ++first, ++end_) ::new (static_cast<void*>(end_)) T(*first);
            }
        } else {
            for (; first != last; ++first) emplace_back(*first);
        }
    }
    // room for n items at position k: the items from k on moved n places up; the n slots at k
    // hold moved-from items (or none, of a trivial type) for the caller to assign
    void open(size_type k, size_type n) {
        size_type m = size();
        if (n > capacity() - m) reallocate(grown(m + n));
        T* at = begin_ + k;
        T* old_end = end_;
        if constexpr (std::is_trivially_copyable_v<T>) {
            std::memmove(static_cast<void*>(at + n), at, (m - k) * sizeof(T));
        } else {
            for (T* p = old_end; p != old_end + n; ++p) ::new (static_cast<void*>(p)) T();
            for (T* p = old_end; p != at;) {
                --p;
                p[n] = std::move(*p);
            }
        }
        end_ = old_end + n;
    }
    size_type grown(size_type need) const { return vec_grown(capacity(), need, max_size()); }
    // a buffer with room for at least `need` items, doubling: push_back's cold path
    [[gnu::noinline]] void grow(size_type need) { reallocate(grown(need)); }
    void reallocate(size_type cap) {
        if (cap > max_size()) throw std::bad_alloc();
        T* fresh;
        if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
            fresh = static_cast<T*>(::operator new(cap * sizeof(T), std::align_val_t(alignof(T))));
        } else {
            fresh = static_cast<T*>(::operator new(cap * sizeof(T)));
        }
        size_type m = size();
        if constexpr (std::is_trivially_copyable_v<T>) {
            if (m) std::memcpy(static_cast<void*>(fresh), begin_, m * sizeof(T));
        } else {
            static_assert(std::is_nothrow_move_constructible_v<T>, "Vec's items move without throwing");
            for (size_type i = 0; i < m; ++i) {
                ::new (static_cast<void*>(fresh + i)) T(std::move(begin_[i]));
                begin_[i].~T();
            }
        }
        free_buffer();
        begin_ = fresh, end_ = fresh + m, cap_ = fresh + cap;
    }
    void destroy_from(T* p) noexcept {
        if constexpr (!std::is_trivially_destructible_v<T>) {
            for (T* q = p; q != end_; ++q) q->~T();
        }
        end_ = p;
    }
    void free_buffer() noexcept {
        if (!begin_) return;
        if constexpr (alignof(T) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
            ::operator delete(begin_, std::align_val_t(alignof(T)));
        } else {
            ::operator delete(begin_);
        }
    }
    void release_all() noexcept {
        destroy_from(begin_);
        free_buffer();
    }
};

}  // namespace pyrite
