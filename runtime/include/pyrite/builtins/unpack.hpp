// a, *rest, b = value (PEP 3132): the frontend makes the value a list (list(value)), has this check
// it, then assigns a = t[0], rest = t[1:-1], b = t[-1] (frontend/lower_stmt.cpp's assign_target)
#pragma once
#include <initializer_list>
#include <string>

#include <algorithm>
#include <cstring>
#include <vector>

#include "../dict.hpp"
#include "../list.hpp"
#include "../str.hpp"

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
// f(a, *xs) (frontend/lower_calls.cpp's lower_star_call): CPython's TypeError when xs holds
// `given` items where `want` are left for it after the `others` positional arguments (from `want` to
// `most` where f has defaults the items may fill; most -1: any number, f takes *args); `names` are the
// function's positional parameters, bound in order (ceval.c's too_many_positional and missing_arguments)
inline none_t check_star_args(i64 given, i64 want, const char* func, i64 others, std::initializer_list<const char*> names,
                              i64 most = -2) {
    if (most == -2) most = want;
    if (PYRITE_LIKELY(given >= want && (most < 0 || given <= most))) return none_t{};
    i64 takes = others + want, got = others + given;
    if (most >= 0 && given > most) {
        i64 upto = others + most;
        if (upto == takes)
            raisef(Exc::TypeError, "%s() takes %lld positional argument%s but %lld %s given", func,
                   static_cast<long long>(takes), takes == 1 ? "" : "s", static_cast<long long>(got),
                   got == 1 ? "was" : "were");
        raisef(Exc::TypeError, "%s() takes from %lld to %lld positional arguments but %lld %s given", func,
               static_cast<long long>(takes), static_cast<long long>(upto), static_cast<long long>(got),
               got == 1 ? "was" : "were");
    }
    std::string missing;
    i64 m = takes - got, k = 0;
    for (const char* name : names) {
        if (k++ < got) continue;
        if (k > takes) break;
        i64 j = k - got;  // 1-based among the missing
        if (j > 1) missing += m == 2 ? " and " : j == m ? ", and " : ", ";
        missing += std::string("'") + name + "'";
    }
    raisef(Exc::TypeError, "%s() missing %lld required positional argument%s: %s", func, static_cast<long long>(m),
           m == 1 ? "" : "s", missing.c_str());
}

// f(**d) (frontend/lower_calls.cpp's lower_kwargs_call): a copy of d, once it has raised CPython's
// TypeError for a key of d that names a parameter given already, one that names none (unless f takes
// **kwargs), or a required parameter (positional, then keyword-only) neither gives (ceval.c's order:
// the keys first)
template <class V>
Dict<Str, V> check_kwargs(const Dict<Str, V>& d, const char* func, std::initializer_list<const char*> allowed,
                    std::initializer_list<const char*> given, std::initializer_list<const char*> positional,
                    std::initializer_list<const char*> kwonly, bool kwarg) {
    auto names = [](std::initializer_list<const char*> list, const char* name) {
        for (const char* n : list)
            if (std::strcmp(n, name) == 0) return true;
        return false;
    };
    Vec<std::string> keys;
    List<Str> listed = d.keys();
    for (i64 i = 0; i < listed.len(); ++i) {
        keys.push_back(utf8(listed.at(i)));
        const char* k = keys.back().c_str();
        if (names(given, k)) raisef(Exc::TypeError, "%s() got multiple values for argument '%s'", func, k);
        if (!kwarg && !names(allowed, k)) raisef(Exc::TypeError, "%s() got an unexpected keyword argument '%s'", func, k);
    }
    auto require = [&](std::initializer_list<const char*> list, const char* kind) {
        Vec<const char*> missing;
        for (const char* n : list)
            if (std::find(keys.begin(), keys.end(), n) == keys.end()) missing.push_back(n);
        if (missing.empty()) return;
        std::string text;
        for (size_t j = 0; j < missing.size(); ++j) {
            if (j) text += missing.size() == 2 ? " and " : j + 1 == missing.size() ? ", and " : ", ";
            text += std::string("'") + missing[j] + "'";
        }
        raisef(Exc::TypeError, "%s() missing %zu required %s argument%s: %s", func, missing.size(), kind,
               missing.size() == 1 ? "" : "s", text.c_str());
    };
    require(positional, "positional");
    require(kwonly, "keyword-only");
    return d.copy();
}
}  // namespace pyrite
