// min(a, b, ...) and max(a, b, ...) of values of one type.
// CPython keeps the first of equal values and compares each new item with the
// current one (`item > current` for max), which decides what NaN does:
// max(nan, 1.0) is nan, max(1.0, nan) is 1.0.
#pragma once
#include "../core.hpp"

namespace pyrite::builtins {
template <class T>
inline T max_of(T first) { return first; }
template <class T, class... Rest>
inline T max_of(T current, T next, Rest... rest) {
    return max_of<T>(next > current ? next : current, rest...);
}
template <class T>
inline T min_of(T first) { return first; }
template <class T, class... Rest>
inline T min_of(T current, T next, Rest... rest) {
    return min_of<T>(next < current ? next : current, rest...);
}
}  // namespace pyrite::builtins
