// a, *rest, b = value (PEP 3132): the frontend makes the value a list (list(value)), has this check
// it, then assigns a = t[0], rest = t[1:-1], b = t[-1] (frontend/lower_stmt.cpp's assign_target)
#pragma once
#include <initializer_list>
#include <string>

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

namespace pyrite {
// f(a, *xs) (frontend/lower_functions.cpp's lower_star_call): CPython's TypeError when xs holds
// `given` items where `want` are left for it after the `others` positional arguments; `names` are
// the function's positional parameters, bound in order (ceval.c's too_many_positional and
// missing_arguments)
inline none_t check_star_args(i64 given, i64 want, const char* func, i64 others, std::initializer_list<const char*> names) {
    if (PYRITE_LIKELY(given == want)) return none_t{};
    i64 takes = others + want, got = others + given;
    if (given > want)
        raisef(Exc::TypeError, "%s() takes %lld positional argument%s but %lld %s given", func,
               static_cast<long long>(takes), takes == 1 ? "" : "s", static_cast<long long>(got), got == 1 ? "was" : "were");
    std::string missing;
    i64 m = takes - got, k = 0;
    for (const char* name : names) {
        if (k++ < got) continue;
        i64 j = k - got;  // 1-based among the missing
        if (j > 1) missing += m == 2 ? " and " : j == m ? ", and " : ", ";
        missing += std::string("'") + name + "'";
    }
    raisef(Exc::TypeError, "%s() missing %lld required positional argument%s: %s", func, static_cast<long long>(m),
           m == 1 ? "" : "s", missing.c_str());
}
}  // namespace pyrite
