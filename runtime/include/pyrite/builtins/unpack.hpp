// a, *rest, b = value (PEP 3132): the frontend makes the value a list (list(value)), has this check
// it, then assigns a = t[0], rest = t[1:-1], b = t[-1] (frontend/lower_stmt.cpp's assign_target)
#pragma once
#include "../list.hpp"

namespace pyrite::builtins {
// the list, once it holds at least `count` items (the targets other than the starred one), with
// ceval.c's unpack_iterable's message otherwise
template <class T>
PYRITE_BUILTIN("list.$unpack_star") inline List<T> unpack_star(const List<T>& items, i64 count) {
    if (PYRITE_UNLIKELY(items.len() < count))
        raisef(Exc::ValueError, "not enough values to unpack (expected at least %lld, got %lld)",
               static_cast<long long>(count), static_cast<long long>(items.len()));
    return items;
}
}  // namespace pyrite::builtins
