// functools.cache and lru_cache on a function compiled code calls: its results by its arguments,
// in a table of compiled code's own, kept as functools' C wrappers keep theirs
// (Modules/_functoolsmodule.c): unbounded (infinite_lru_cache_wrapper), or at most maxsize results,
// the least recently used dropped first (bounded_lru_cache_wrapper). An exception is not kept. The
// table is the module's (Python's calls of the same function use the wrapper's own), guarded by
// a mutex: compiled calls may run on several threads with the GIL released.
#pragma once
#include <mutex>

#include "dict.hpp"

namespace pyrite {

template <class K, class R>
class Memo {
public:
    explicit Memo(i64 maxsize) : cache_(Dict<K, R>::make()), maxsize_(maxsize) {}
    // the result kept for key (now the most recently used), if any
    bool find(const K& key, R& out) {
        std::lock_guard<std::mutex> held(m_);
        i64 ix = cache_.find(key);
        if (ix < 0) return false;
        out = cache_.entry(ix).value;
        if (maxsize_ > 0) {  // to the end of the order: the last to be dropped
            cache_.del_item(key);
            cache_.set(key, out);
        }
        return true;
    }
    // the result of a call that missed: kept, unless the call itself kept one for key (recursion)
    void store(const K& key, const R& result) {
        std::lock_guard<std::mutex> held(m_);
        if (maxsize_ < 0) {
            cache_.set(key, result);
            return;
        }
        if (cache_.contains(key)) return;
        if (cache_.len() >= maxsize_ && cache_.len() > 0) cache_.del_item(cache_.entry(cache_.next_pos(0)).key);
        cache_.set(key, result);
    }

private:
    Dict<K, R> cache_;
    i64 maxsize_;  // -1: no bound
    std::mutex m_;
};

}  // namespace pyrite
