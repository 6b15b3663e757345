// str.maketrans() and str.translate(), as Objects/unicodeobject.c has them: a table maps code
// points (ints) to a code point, a str or None (delete); a character the table lacks stays.
//   s.translate(str.maketrans("abc", "xyz"))          dict[int, int]
//   s.translate(str.maketrans("", "", ".,;!?"))       dict[int, int | None]: those deleted
//   s.translate({ord("a"): "AA", ord("b"): None})     dict[int, str | None]
#pragma once
#include <optional>
#include <string>

#include "../dict.hpp"
#include "../str.hpp"

namespace pyrite::builtins {

// str.maketrans(x, y): x[i] -> y[i]
PYRITE_BUILTIN("str.maketrans") PYRITE_RT Dict<i64, i64> str_maketrans(const Str& x, const Str& y) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (x.len() != y.len()) raise(Exc::ValueError, "the first two maketrans arguments must have equal length");
    Dict<i64, i64> table = Dict<i64, i64>::make();
    for (i64 i = 0; i < x.len(); ++i) table.set(static_cast<i64>(x.at(i)), static_cast<i64>(y.at(i)));
    return table;
}
#endif
// str.maketrans(x, y, z): and each character of z -> None (deleted)
PYRITE_BUILTIN("str.maketrans") PYRITE_RT Dict<i64, std::optional<i64>> str_maketrans(const Str& x, const Str& y, const Str& z) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (x.len() != y.len()) raise(Exc::ValueError, "the first two maketrans arguments must have equal length");
    Dict<i64, std::optional<i64>> table = Dict<i64, std::optional<i64>>::make();
    for (i64 i = 0; i < x.len(); ++i) table.set(static_cast<i64>(x.at(i)), static_cast<i64>(y.at(i)));
    for (i64 i = 0; i < z.len(); ++i) table.set(static_cast<i64>(z.at(i)), std::nullopt);
    return table;
}
#endif

namespace detail {
inline void translated(std::u32string& out, i64 code) {  // an int the table maps to
    if (code < 0 || code > 0x10FFFF) raise(Exc::ValueError, "character mapping must be in range(0x110000)");
    out += static_cast<char32_t>(code);
}
inline void translated(std::u32string& out, const Str& s) { out.append(s.data(), static_cast<size_t>(s.len())); }
template <class V>
inline void translated(std::u32string& out, const std::optional<V>& v) {
    if (v) translated(out, *v);  // None: the character is deleted
}
}  // namespace detail

// s.translate(table): each character looked up by its code point
template <class V>
PYRITE_BUILTIN("str.translate") inline Str str_translate(const Str& self, const Dict<i64, V>& table) {
    std::u32string out;
    out.reserve(static_cast<size_t>(self.len()));
    for (i64 i = 0; i < self.len(); ++i) {
        char32_t c = self.at(i);
        i64 ix = table.len() ? table.find(static_cast<i64>(c)) : -1;
        if (ix < 0) {
            out += c;
            continue;
        }
        detail::translated(out, table.entry(ix).value);
    }
    return Str::of(out);
}

}  // namespace pyrite::builtins
