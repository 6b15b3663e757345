// Builtins over str, and str's methods.
//
// Methods are builtins named "str.NAME" whose first parameter is the string
// itself: type inference resolves `s.split(",")` as the builtin str.split(s, ",")
// with the same overload rules as any builtin, so each method's signature is
// written once, here. Messages are CPython's.
#pragma once
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <vector>
#include <functional>
#include <string>
#include <system_error>
#include <tuple>

#include "../str.hpp"
#include "format.hpp"

namespace pyrite {

// bool() of a str, a list or a tuple[T, ...]: whether it has items
PYRITE_BUILTIN("bool") inline bool bool_(const Str& s) { return s.len() != 0; }
template <class T>
PYRITE_BUILTIN("bool") inline bool bool_(const List<T>& xs) { return xs.len() != 0; }
template <class T>
PYRITE_BUILTIN("bool") inline bool bool_(const Tuple<T>& xs) { return xs.len() != 0; }

// str.isspace's characters; ASCII from a table, as CPython's Py_UNICODE_ISSPACE
inline bool is_space(char_t c) {
    if (c < 128) return c == U' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    return _PyUnicode_IsWhitespace(c);
}

// start/end arguments of find/count/startswith: slice-clamped
inline void clamp_range(i64 n, i64& start, i64& end) {
    if (end > n) end = n;
    else if (end < 0) end = std::max<i64>(end + n, 0);
    if (start < 0) start = std::max<i64>(start + n, 0);
}

inline i64 find_in(const Str& s, const Str& sub, i64 start, i64 end) {
    clamp_range(s.len(), start, end);
    if (end - start < sub.len()) return -1;
    auto pos = s.view().substr(0, static_cast<size_t>(end)).find(sub.view(), static_cast<size_t>(start));
    return pos == std::u32string_view::npos ? -1 : static_cast<i64>(pos);
}
inline i64 rfind_in(const Str& s, const Str& sub, i64 start, i64 end) {
    clamp_range(s.len(), start, end);
    if (end - start < sub.len()) return -1;
    auto pos = s.view().substr(0, static_cast<size_t>(end)).rfind(sub.view());
    return pos == std::u32string_view::npos || static_cast<i64>(pos) < start ? -1 : static_cast<i64>(pos);
}

inline Str concat(const Str& a, const Str& b) {
    if (a.len() == 0) return b;
    if (b.len() == 0) return a;
    Str r = Str::make(a.len() + b.len());
    std::memcpy(r.mut(), a.data(), a.len() * sizeof(char_t));
    std::memcpy(r.mut() + a.len(), b.data(), b.len() * sizeof(char_t));
    return r;
}
// s = s + t (s += t) of a str local that t cannot rebind (opt/stores.cpp): in place where s's
// string is its own (Str::append_own), else a new one
inline void append_to(Str& s, const Str& t) {
    if (!s.append_own(t)) s = concat(s, t);
}
inline Str repeat(const Str& a, i64 n) {
    if (n <= 0 || a.len() == 0) return Str::empty();
    if (n == 1) return a;
    // CPython's rule: a length past PY_SSIZE_T_MAX is OverflowError; one that cannot be
    // allocated is MemoryError (StrObject::alloc)
    if (a.len() > INT64_MAX / n) raise(Exc::OverflowError, "repeated string is too long");
    Str r = Str::make(a.len() * n);
    for (i64 k = 0; k < n; ++k) std::memcpy(r.mut() + k * a.len(), a.data(), a.len() * sizeof(char_t));
    return r;
}
inline bool contains(const Str& s, const Str& sub) { return find_in(s, sub, 0, s.len()) >= 0; }

// the text of an f-string: its parts joined, each read where it is (through a pointer: no copy
// of each made, so no reference counted up and down; join_parts(a, b, c) was an initializer_list
// of copies)
inline Str join_texts(const Str* const* parts, size_t n) {
    i64 len = 0;
    for (size_t i = 0; i < n; ++i) len += parts[i]->len();
    Str r = Str::make(len);
    i64 k = 0;
    for (size_t i = 0; i < n; ++i) {
        std::memcpy(r.mut() + k, parts[i]->data(), static_cast<size_t>(parts[i]->len()) * sizeof(char_t));
        k += parts[i]->len();
    }
    return r;
}
template <class... S>
inline Str join_parts(const S&... parts) {
    if constexpr (sizeof...(S) == 0) {
        return Str::empty();
    } else if constexpr (sizeof...(S) == 1) {
        return (parts, ...);  // f"{x:.2f}": the field's own str, as CPython's FORMAT_VALUE
    } else {
        const Str* ps[] = {&parts...};
        return join_texts(ps, sizeof...(S));
    }
}

// The text's repr in a message: whole (float()'s %R), or cut after `limit` characters with
// nothing added, as int()'s %.200R cuts it (its closing quote too)
PYRITE_RT std::string repr_for_message(const Str& s, i64 limit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string r;
    repr_to(r, s);
    if (limit < 0) return r;
    i64 chars = 0;
    for (size_t i = 0; i < r.size(); ++i)
        if ((static_cast<unsigned char>(r[i]) & 0xC0) != 0x80 && chars++ == limit) return r.substr(0, i);
    return r;
}
#endif

// ValueError(prefix + the text's repr_for_message): a text of printable ASCII with no quote or
// backslash is its own repr between single quotes, written in place (the usual bad number in a
// `try: int(s) except ValueError:` loop: vsnprintf and a repr through UTF-32 took 60% of such a
// loop's time when one text in ten failed)
PYRITE_RT Error error_with_repr(Exc kind, const char* prefix, const Str& s, i64 limit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    char m[256];
    size_t k = std::strlen(prefix);
    if (k + static_cast<size_t>(s.len()) + 3 > sizeof m || (limit >= 0 && s.len() + 2 > limit) || !repr_is_plain(s))
        return errorf(kind, "%s%s", prefix, repr_for_message(s, limit).c_str());
    std::memcpy(m, prefix, k);
    m[k++] = '\'';
    for (i64 i = 0; i < s.len(); ++i) m[k++] = static_cast<char>(s.data()[i]);
    m[k++] = '\'';
    m[k] = 0;
    return Error(kind, m);
}
#endif

// The digits of int(s) and float(s): Unicode decimal digits become ASCII,
// surrounding whitespace is dropped, as _PyUnicode_TransformDecimalAndSpaceToASCII.
inline bool ascii_number_text(const Str& s, std::string& out) {
    i64 a = 0, b = s.len();
    while (a < b && is_space(s.at(a))) ++a;
    while (b > a && is_space(s.at(b - 1))) --b;
    for (i64 i = a; i < b; ++i) {
        char_t c = s.at(i);
        if (c < 128) {
            out += static_cast<char>(c);
        } else {
            int d = _PyUnicode_ToDecimalDigit(c);
            if (d < 0) return false;
            out += static_cast<char>('0' + d);
        }
    }
    return true;
}
// PEP 515: one underscore at a time, between digits only
inline bool strip_underscores(std::string& t) {
    std::string out;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '_') {
            out += t[i];
            continue;
        }
        bool ok = i > 0 && i + 1 < t.size() && isdigit(static_cast<unsigned char>(t[i - 1])) &&
                  isdigit(static_cast<unsigned char>(t[i + 1]));
        if (!ok) return false;
    }
    t.swap(out);
    return true;
}

}  // namespace pyrite

namespace pyrite::builtins {

// ---------------------------------------------------------------- conversions
// str(x) and repr(x) take any value: pyrite::to_str / pyrite::to_repr (typeinfer's intrinsics)

// int(s, base): longobject.c's PyLong_FromString. base 0 reads a 0x/0o/0b prefix (and refuses
// a leading 0 before other digits), base 16/8/2 accepts its own prefix; an underscore may follow
// the prefix or stand between two digits; letters are the digits 10 to 35. False for a bad base
// too (int_error tells which)
PYRITE_RT bool int_parse(const Str& s, i64 base, i64& out) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if ((base != 0 && base < 2) || base > 36) return false;
    std::string t;
    bool ok = ascii_number_text(s, t) && !t.empty();
    size_t i = 0;
    bool negative = false;
    if (ok && (t[0] == '+' || t[0] == '-')) negative = t[i++] == '-';
    i64 b = base;
    bool prefixed = false;
    auto lower = [&](size_t k) { return k < t.size() ? static_cast<char>(tolower(static_cast<unsigned char>(t[k]))) : '\0'; };
    if (ok && i < t.size() && t[i] == '0') {
        char p = lower(i + 1);
        i64 pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (b == 0 || b == pb)) {
            b = pb;
            i += 2;
            prefixed = true;
        }
    }
    bool leading_zero = false;  // base 0 without a prefix: "0" digits only, or a decimal not starting with 0
    if (b == 0) {
        b = 10;
        leading_zero = i < t.size() && t[i] == '0';
    }
    auto digit = [](char c) -> i64 {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        return 99;
    };
    uint64_t v = 0;
    bool overflow = false, nonzero = false;
    size_t ndigits = 0;
    if (ok && prefixed && i < t.size() && t[i] == '_') ++i;  // an underscore may follow the prefix
    char prev = '\0';
    for (; ok && i < t.size(); ++i) {
        char c = t[i];
        if (c == '_') {
            ok = prev != '_' && prev != '\0' && i + 1 < t.size();
            prev = '_';
            continue;
        }
        i64 d = digit(c);
        if (d >= b) {
            ok = false;
            break;
        }
        nonzero = nonzero || d != 0;
        ++ndigits;
        if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(b)) overflow = true;
        v = v * static_cast<uint64_t>(b) + static_cast<uint64_t>(d);
        prev = c;
    }
    ok = ok && ndigits > 0 && prev != '_' && !(leading_zero && nonzero);
    if (!ok) return false;
    if (overflow || v > uint64_t(INT64_MAX) + (negative ? 1 : 0)) int_overflow();
    out = negative ? static_cast<i64>(0 - v) : static_cast<i64>(v);
    return true;
}
#endif

// int(s): false where CPython raises ValueError (int_error makes it); an int past 64 bits is the
// limit error (int_overflow). The usual text (ASCII digits, a sign, spaces around) is read in
// place; underscores and other Unicode digits go through the general path
PYRITE_RT bool int_parse(const Str& s, i64& out) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    const char_t* p = s.data();
    i64 a = 0, b = s.len();
    while (a < b && p[a] < 128 && is_space(p[a])) ++a;
    while (b > a && p[b - 1] < 128 && is_space(p[b - 1])) --b;
    bool negative = a < b && p[a] == '-';
    i64 i = a + (a < b && (p[a] == '-' || p[a] == '+'));
    if (i < b && b - i <= 18) {  // 18 digits cannot overflow
        uint64_t v = 0;
        i64 k = i;
        for (; k < b && p[k] >= '0' && p[k] <= '9'; ++k) v = v * 10 + static_cast<uint64_t>(p[k] - '0');
        if (k == b) {
            out = negative ? -static_cast<i64>(v) : static_cast<i64>(v);
            return true;
        }
    }
    return int_parse(s, 10, out);  // underscores, other Unicode digits: the general path
}
#endif

// the ValueError of int(s, base) that int_parse refused
PYRITE_RT Error int_error(const Str& s, i64 base) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if ((base != 0 && base < 2) || base > 36) return Error(Exc::ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (base == 10) return error_with_repr(Exc::ValueError, "invalid literal for int() with base 10: ", s, 200);
    return errorf(Exc::ValueError, "invalid literal for int() with base %lld: %s", static_cast<long long>(base),
                  repr_for_message(s, 200).c_str());
}
#endif

PYRITE_BUILTIN("int") PYRITE_FALLIBLE(ValueError) inline i64 int_(const Str& s) {
    i64 v;
    if (PYRITE_UNLIKELY(!int_parse(s, v))) raise_again(int_error(s, 10));
    return v;
}
inline std::optional<i64> int_(Error& error, const Str& s) {
    i64 v;
    if (PYRITE_UNLIKELY(!int_parse(s, v))) return error = int_error(s, 10), std::nullopt;
    return v;
}
PYRITE_BUILTIN("int") PYRITE_FALLIBLE(ValueError) inline i64 int_(const Str& s, i64 base) {
    i64 v;
    if (PYRITE_UNLIKELY(!int_parse(s, base, v))) raise_again(int_error(s, base));
    return v;
}
inline std::optional<i64> int_(Error& error, const Str& s, i64 base) {
    i64 v;
    if (PYRITE_UNLIKELY(!int_parse(s, base, v))) return error = int_error(s, base), std::nullopt;
    return v;
}

// float(s): false where CPython raises ValueError (float_error makes it)
PYRITE_RT bool float_parse(const Str& s, double& out) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
#if defined(__cpp_lib_to_chars)
    // the usual text ([sign] digits [. digits] [e [sign] digits], ASCII, spaces around, no underscores):
    // std::from_chars, correctly rounded as CPython's dtoa is, without strtod's locale and
    // multiprecision paths (strtod was a fifth of a CSV report's time). What it cannot take (an
    // exponent past the double's range, inf and nan, underscores, other spaces or digits) goes the
    // general way
    const char_t* d = s.data();
    i64 a = 0, b = s.len();  // ASCII spaces around it (float(line) of a line read with its "\n")
    while (a < b && d[a] < 128 && is_space(d[a])) ++a;
    while (b > a && d[b - 1] < 128 && is_space(d[b - 1])) --b;
    d += a;
    if (const i64 n = b - a; n > 0 && n <= 48) {
        char buf[48];
        i64 k = 0, digits = 0;
        auto at = [&](i64 j) -> char { return j < n ? static_cast<char>(d[j] < 128 ? d[j] : 0) : 0; };
        auto run = [&]() {
            i64 from = k;
            while (at(k) >= '0' && at(k) <= '9') ++k;
            return k - from;
        };
        bool plus = at(0) == '+';
        if (at(k) == '+' || at(k) == '-') ++k;
        digits += run();
        if (at(k) == '.') ++k, digits += run();
        bool ok = digits > 0;
        if (ok && (at(k) == 'e' || at(k) == 'E')) {
            ++k;
            if (at(k) == '+' || at(k) == '-') ++k;
            ok = run() > 0;
        }
        if (ok && k == n) {
            for (i64 j = 0; j < n; ++j) buf[j] = static_cast<char>(d[j]);
            const char* first = buf + (plus ? 1 : 0);
            auto r = std::from_chars(first, buf + n, out);
            if (r.ec == std::errc() && r.ptr == buf + n) return true;
        }
    }
#endif
    std::string t;
    bool ok = ascii_number_text(s, t) && strip_underscores(t) && !t.empty();
    if (!ok) return false;
    // Python's grammar: [sign] (digits [. [digits]] | . digits) [e [sign] digits] | inf | infinity | nan
    size_t i = 0;
    if (t[i] == '+' || t[i] == '-') ++i;
    std::string rest = t.substr(i);
    for (char& c : rest) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    if (rest == "inf" || rest == "infinity" || rest == "nan") {
        double v = rest == "nan" ? NAN : INFINITY;
        out = t[0] == '-' ? -v : v;
        return true;
    }
    size_t digits = 0, j = 0;
    while (j < rest.size() && isdigit(static_cast<unsigned char>(rest[j]))) ++j, ++digits;
    if (j < rest.size() && rest[j] == '.') {
        ++j;
        while (j < rest.size() && isdigit(static_cast<unsigned char>(rest[j]))) ++j, ++digits;
    }
    ok = digits > 0;
    if (ok && j < rest.size() && rest[j] == 'e') {
        ++j;
        if (j < rest.size() && (rest[j] == '+' || rest[j] == '-')) ++j;
        size_t e0 = j;
        while (j < rest.size() && isdigit(static_cast<unsigned char>(rest[j]))) ++j;
        ok = j > e0;
    }
    if (!ok || j != rest.size()) return false;
    out = std::strtod(t.c_str(), nullptr);
    return true;
}
#endif
PYRITE_RT Error float_error(const Str& s) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return error_with_repr(Exc::ValueError, "could not convert string to float: ", s);
}
#endif
PYRITE_BUILTIN("float") PYRITE_FALLIBLE(ValueError) inline double float_(const Str& s) {
    double v;
    if (PYRITE_UNLIKELY(!float_parse(s, v))) raise_again(float_error(s));
    return v;
}
inline std::optional<double> float_(Error& error, const Str& s) {
    double v;
    if (PYRITE_UNLIKELY(!float_parse(s, v))) return error = float_error(s), std::nullopt;
    return v;
}

PYRITE_BUILTIN("ord") inline i64 ord(const Str& c) {
    if (PYRITE_UNLIKELY(c.len() != 1))
        raisef(Exc::TypeError, "ord() expected a character, but string of length %lld found", (long long)c.len());
    return c.at(0);
}
PYRITE_BUILTIN("chr") PYRITE_RT Str chr(i64 i) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (PYRITE_UNLIKELY(i < INT32_MIN || i > INT32_MAX))  // CPython converts to a C int first
        raise(Exc::OverflowError, "Python int too large to convert to C int");
    if (PYRITE_UNLIKELY(i < 0 || i > 0x10ffff)) raise(Exc::ValueError, "chr() arg not in range(0x110000)");
    return Str::chr(static_cast<char_t>(i));
}
#endif

PYRITE_BUILTIN("format") inline Str format(i64 x, const Str& spec = pyrite::Str::empty()) { return format_int(x, spec); }
PYRITE_BUILTIN("format") inline Str format(double x, const Str& spec = pyrite::Str::empty()) { return format_float(x, spec); }
PYRITE_BUILTIN("format") inline Str format(const Str& x, const Str& spec = pyrite::Str::empty()) { return format_str(x, spec); }
PYRITE_BUILTIN("format") inline Str format(Real x, const Str& spec = pyrite::Str::empty()) {
    return x.is_int() ? format_int(x.i, spec) : format_float(x.f, spec);
}
// bin(), oct(), hex(): CPython's long_format_binary: a sign, the base's prefix, the magnitude's
// digits (lowercase), "0b0" for 0
inline Str int_in_base(i64 x, int shift, const char* prefix) {
    std::uint64_t u = x < 0 ? std::uint64_t(0) - std::uint64_t(x) : std::uint64_t(x);  // INT64_MIN too
    char buf[72];
    int n = 0;
    const std::uint64_t mask = (std::uint64_t(1) << shift) - 1;
    do {
        buf[71 - n++] = "0123456789abcdef"[u & mask];
        u >>= shift;
    } while (u);
    std::string s = std::string(x < 0 ? "-" : "") + prefix + std::string(buf + 72 - n, static_cast<size_t>(n));
    return Str::of(Str::decode(s.data(), s.size()));
}
PYRITE_BUILTIN("bin") inline Str bin(i64 x) { return int_in_base(x, 1, "0b"); }
PYRITE_BUILTIN("oct") inline Str oct(i64 x) { return int_in_base(x, 3, "0o"); }
PYRITE_BUILTIN("hex") inline Str hex(i64 x) { return int_in_base(x, 4, "0x"); }

PYRITE_BUILTIN("format") inline Str format(bool x, const Str& spec = pyrite::Str::empty()) {
    return spec.len() == 0 ? to_str(x) : format_int(x, spec);
}

// ---------------------------------------------------------------- searching
PYRITE_BUILTIN("str.find") inline i64 str_find(const Str& self, const Str& sub, i64 start = 0, i64 end = INT64_MAX) {
    return find_in(self, sub, start, end);
}
PYRITE_BUILTIN("str.rfind") inline i64 str_rfind(const Str& self, const Str& sub, i64 start = 0, i64 end = INT64_MAX) {
    return rfind_in(self, sub, start, end);
}
PYRITE_BUILTIN("str.index") inline i64 str_index(const Str& self, const Str& sub, i64 start = 0, i64 end = INT64_MAX) {
    i64 k = find_in(self, sub, start, end);
    if (k < 0) raise(Exc::ValueError, "substring not found");
    return k;
}
PYRITE_BUILTIN("str.rindex") inline i64 str_rindex(const Str& self, const Str& sub, i64 start = 0, i64 end = INT64_MAX) {
    i64 k = rfind_in(self, sub, start, end);
    if (k < 0) raise(Exc::ValueError, "substring not found");
    return k;
}
PYRITE_BUILTIN("str.count") inline i64 str_count(const Str& self, const Str& sub, i64 start = 0, i64 end = INT64_MAX) {
    i64 n = self.len();
    clamp_range(n, start, end);
    if (end - start < sub.len()) return 0;
    if (sub.len() == 0) return end - start + 1;
    i64 c = 0;
    for (i64 k = start; k + sub.len() <= end;) {
        if (std::memcmp(self.data() + k, sub.data(), sub.len() * sizeof(char_t)) == 0) {
            ++c;
            k += sub.len();
        } else {
            ++k;
        }
    }
    return c;
}
PYRITE_BUILTIN("str.startswith")
inline bool str_startswith(const Str& self, const Str& prefix, i64 start = 0, i64 end = INT64_MAX) {
    i64 n = self.len();
    clamp_range(n, start, end);
    if (start > n) return false;
    if (end - start < prefix.len()) return false;
    return std::memcmp(self.data() + start, prefix.data(), prefix.len() * sizeof(char_t)) == 0;
}
PYRITE_BUILTIN("str.endswith")
inline bool str_endswith(const Str& self, const Str& suffix, i64 start = 0, i64 end = INT64_MAX) {
    i64 n = self.len();
    clamp_range(n, start, end);
    if (start > n) return false;
    if (end - start < suffix.len()) return false;
    return std::memcmp(self.data() + end - suffix.len(), suffix.data(), suffix.len() * sizeof(char_t)) == 0;
}
// s.startswith(("#", "//")), s.endswith((".py", ".txt")): any of them, tried in order
PYRITE_BUILTIN("str.startswith")
inline bool str_startswith(const Str& self, const Tuple<Str>& prefixes, i64 start = 0, i64 end = INT64_MAX) {
    for (i64 i = 0; i < prefixes.len(); ++i)
        if (str_startswith(self, prefixes.at(i), start, end)) return true;
    return false;
}
PYRITE_BUILTIN("str.endswith")
inline bool str_endswith(const Str& self, const Tuple<Str>& suffixes, i64 start = 0, i64 end = INT64_MAX) {
    for (i64 i = 0; i < suffixes.len(); ++i)
        if (str_endswith(self, suffixes.at(i), start, end)) return true;
    return false;
}

// ---------------------------------------------------------------- splitting and joining
PYRITE_BUILTIN("str.split") PYRITE_RT List<Str> str_split(const Str& self, none_t sep = pyrite::none_t{}, i64 maxsplit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    (void)sep;
    List<Str> out = List<Str>::make();
    i64 n = self.len(), i = 0;
    if (maxsplit < 0) maxsplit = INT64_MAX;
    while (true) {
        while (i < n && is_space(self.at(i))) ++i;
        if (i == n) break;
        if (maxsplit-- == 0) {  // the rest, trailing whitespace included
            out.append(self.sub(i, n - i));
            break;
        }
        i64 j = i;
        while (j < n && !is_space(self.at(j))) ++j;
        out.append(self.sub(i, j - i));
        i = j;
    }
    return out;
}
#endif
}  // namespace pyrite::builtins

namespace pyrite {
// `for w in s.split()`: the words one at a time, without the list (which nothing
// else could see); each word is dropped as the next arrives, so its block is reused
struct SplitIter {
    Str s;
    i64 i = 0;
    bool next(Str& out) {
        i64 n = s.len();
        while (i < n && is_space(s.at(i))) ++i;
        if (i == n) return false;
        i64 j = i;
        while (j < n && !is_space(s.at(j))) ++j;
        out = s.sub(i, j - i);
        i = j;
        return true;
    }
};
struct SplitSepIter {
    Str s, sep;
    i64 i = 0;
    bool done = false;
    SplitSepIter(const Str& text, const Str& separator) : s(text), sep(separator) {
        if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    }
    bool next(Str& out) {
        if (done) return false;
        auto pos = s.view().find(sep.view(), static_cast<size_t>(i));
        if (pos == std::u32string_view::npos) {
            out = s.sub(i, s.len() - i);
            done = true;
            return true;
        }
        out = s.sub(i, static_cast<i64>(pos) - i);
        i = static_cast<i64>(pos) + sep.len();
        return true;
    }
};
inline SplitIter iter_split(const Str& s) { return SplitIter{s}; }
inline SplitIter iter_split(const Str& s, none_t) { return SplitIter{s}; }
inline SplitSepIter iter_split(const Str& s, const Str& sep) { return SplitSepIter(s, sep); }
}  // namespace pyrite

namespace pyrite::builtins {
PYRITE_BUILTIN("str.split") PYRITE_RT List<Str> str_split(const Str& self, const Str& sep, i64 maxsplit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    List<Str> out = List<Str>::make();
    if (maxsplit < 0) maxsplit = INT64_MAX;
    if (sep.len() == 1) {  // line.split(","): one pass counts the parts (the list sized once), one cuts them
        const char_t c = sep.at(0), *d = self.data();
        const i64 n = self.len();
        i64 cuts = 0;
        for (i64 k = 0; k < n; ++k) cuts += d[k] == c;
        out.reserve_more(std::min(cuts, maxsplit) + 1);
        i64 i = 0;
        for (i64 k = 0; k < n && maxsplit > 0; ++k)
            if (d[k] == c) {
                out.append(self.sub(i, k - i));
                i = k + 1;
                --maxsplit;
            }
        out.append(self.sub(i, n - i));
        return out;
    }
    i64 i = 0;
    auto v = self.view();
    while (maxsplit-- > 0) {
        auto pos = v.find(sep.view(), static_cast<size_t>(i));
        if (pos == std::u32string_view::npos) break;
        out.append(self.sub(i, static_cast<i64>(pos) - i));
        i = static_cast<i64>(pos) + sep.len();
    }
    out.append(self.sub(i, self.len() - i));
    return out;
}
#endif
// s.rsplit(None, n), s.rsplit(maxsplit=n): stringlib's rsplit_whitespace, words from the right; the
// head left when n runs out keeps its leading whitespace
PYRITE_BUILTIN("str.rsplit") PYRITE_RT List<Str> str_rsplit(const Str& self, none_t sep = pyrite::none_t{}, i64 maxsplit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (maxsplit < 0) return str_split(self, sep, -1);
    Vec<Str> parts;
    i64 i = self.len() - 1;
    while (maxsplit-- > 0) {
        while (i >= 0 && is_space(self.at(i))) --i;
        if (i < 0) break;
        i64 j = i--;
        while (i >= 0 && !is_space(self.at(i))) --i;
        parts.push_back(self.sub(i + 1, j - i));
    }
    if (i >= 0) {
        while (i >= 0 && is_space(self.at(i))) --i;
        if (i >= 0) parts.push_back(self.sub(0, i + 1));
    }
    List<Str> out = List<Str>::make();
    for (size_t k = parts.size(); k-- > 0;) out.append(parts[k]);
    return out;
}
#endif
PYRITE_BUILTIN("str.rsplit") PYRITE_RT List<Str> str_rsplit(const Str& self, const Str& sep, i64 maxsplit = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    if (maxsplit < 0) return str_split(self, sep, -1);
    Vec<Str> parts;
    i64 end = self.len();
    auto v = self.view();
    while (maxsplit-- > 0 && end >= sep.len()) {
        auto pos = v.substr(0, static_cast<size_t>(end)).rfind(sep.view());
        if (pos == std::u32string_view::npos) break;
        i64 after = static_cast<i64>(pos) + sep.len();
        parts.push_back(self.sub(after, end - after));
        end = static_cast<i64>(pos);
    }
    parts.push_back(self.sub(0, end));
    List<Str> out = List<Str>::make();
    for (size_t k = parts.size(); k-- > 0;) out.append(parts[k]);
    return out;
}
#endif
PYRITE_BUILTIN("str.splitlines") PYRITE_RT List<Str> str_splitlines(const Str& self, bool keepends = false) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<Str> out = List<Str>::make();
    i64 n = self.len(), i = 0;
    auto is_break = [](char_t c) {
        return c == U'\n' || c == U'\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e ||
               c == 0x85 || c == 0x2028 || c == 0x2029;
    };
    while (i < n) {
        i64 j = i;
        while (j < n && !is_break(self.at(j))) ++j;
        i64 eol = j;
        if (j < n) {
            j += self.at(j) == U'\r' && j + 1 < n && self.at(j + 1) == U'\n' ? 2 : 1;
            if (keepends) eol = j;
        }
        out.append(self.sub(i, eol - i));
        i = j;
    }
    return out;
}
#endif
PYRITE_BUILTIN("str.join") PYRITE_RT Str str_join(const Str& self, const List<Str>& items) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    i64 n = items.len();
    if (n == 0) return Str::empty();
    if (n == 1) return items.at(0);
    i64 total = self.len() * (n - 1);
    for (i64 k = 0; k < n; ++k) total += items.at(k).len();
    Str r = Str::make(total);
    i64 pos = 0;
    for (i64 k = 0; k < n; ++k) {
        if (k) {
            std::memcpy(r.mut() + pos, self.data(), self.len() * sizeof(char_t));
            pos += self.len();
        }
        const Str& it = items.items()[static_cast<size_t>(k)];
        std::memcpy(r.mut() + pos, it.data(), it.len() * sizeof(char_t));
        pos += it.len();
    }
    return r;
}
#endif
PYRITE_BUILTIN("str.join") inline Str str_join(const Str& self, const Tuple<Str>& items) {
    return str_join(self, items.list());
}

// ---------------------------------------------------------------- stripping
PYRITE_RT Str strip_impl(const Str& s, const Str* chars, bool left, bool right) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    auto strip_this = [&](char_t c) {
        if (!chars) return is_space(c);
        for (i64 k = 0; k < chars->len(); ++k)
            if (chars->at(k) == c) return true;
        return false;
    };
    i64 a = 0, b = s.len();
    if (left)
        while (a < b && strip_this(s.at(a))) ++a;
    if (right)
        while (b > a && strip_this(s.at(b - 1))) --b;
    return s.sub(a, b - a);
}
#endif
PYRITE_BUILTIN("str.strip") inline Str str_strip(const Str& self, none_t chars = pyrite::none_t{}) { return (void)chars, strip_impl(self, nullptr, true, true); }
PYRITE_BUILTIN("str.strip") inline Str str_strip(const Str& self, const Str& chars) { return strip_impl(self, &chars, true, true); }
PYRITE_BUILTIN("str.lstrip") inline Str str_lstrip(const Str& self, none_t chars = pyrite::none_t{}) { return (void)chars, strip_impl(self, nullptr, true, false); }
PYRITE_BUILTIN("str.lstrip") inline Str str_lstrip(const Str& self, const Str& chars) { return strip_impl(self, &chars, true, false); }
PYRITE_BUILTIN("str.rstrip") inline Str str_rstrip(const Str& self, none_t chars = pyrite::none_t{}) { return (void)chars, strip_impl(self, nullptr, false, true); }
PYRITE_BUILTIN("str.rstrip") inline Str str_rstrip(const Str& self, const Str& chars) { return strip_impl(self, &chars, false, true); }
// partition(sep): (before, sep, after) at the first sep; (self, "", "") where there is none
PYRITE_BUILTIN("str.partition") inline std::tuple<Str, Str, Str> str_partition(const Str& self, const Str& sep) {
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    i64 k = find_in(self, sep, 0, INT64_MAX);
    if (k < 0) return {self, Str::of(std::u32string()), Str::of(std::u32string())};
    return {self.sub(0, k), sep, self.sub(k + sep.len(), self.len() - k - sep.len())};
}
// rpartition(sep): at the last sep; ("", "", self) where there is none
PYRITE_BUILTIN("str.rpartition") inline std::tuple<Str, Str, Str> str_rpartition(const Str& self, const Str& sep) {
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    i64 k = rfind_in(self, sep, 0, INT64_MAX);
    if (k < 0) return {Str::of(std::u32string()), Str::of(std::u32string()), self};
    return {self.sub(0, k), sep, self.sub(k + sep.len(), self.len() - k - sep.len())};
}
PYRITE_BUILTIN("str.removeprefix") inline Str str_removeprefix(const Str& self, const Str& prefix) {
    return str_startswith(self, prefix) ? self.sub(prefix.len(), self.len() - prefix.len()) : self;
}
PYRITE_BUILTIN("str.removesuffix") inline Str str_removesuffix(const Str& self, const Str& suffix) {
    return suffix.len() && str_endswith(self, suffix) ? self.sub(0, self.len() - suffix.len()) : self;
}

// ---------------------------------------------------------------- replacing and padding
PYRITE_BUILTIN("str.replace") PYRITE_RT Str str_replace(const Str& self, const Str& old, const Str& repl, i64 count = -1) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (count < 0) count = INT64_MAX;
    auto v = self.view();
    if (old.len() == 0) {
        // new goes before every character and at the end, count times at most
        std::u32string out;
        i64 n = self.len();
        for (i64 i = 0; i <= n; ++i) {
            if (count > 0) {
                out += repl.view();
                --count;
            }
            if (i < n) out += self.at(i);
        }
        return Str::of(out);
    }
    // the matches counted first, then the result written straight into a str of its length (it was
    // built in a u32string and copied)
    const size_t m = static_cast<size_t>(old.len());
    i64 found = 0;
    for (size_t i = 0; found < count; ++found) {
        auto pos = v.find(old.view(), i);
        if (pos == std::u32string_view::npos) break;
        i = pos + m;
    }
    if (found == 0) return self;
    const __int128 total = static_cast<__int128>(self.len()) + static_cast<__int128>(found) * (repl.len() - old.len());
    if (total > INT64_MAX) raise(Exc::OverflowError, "replace string is too long");
    Str r = Str::make(static_cast<i64>(total));
    char_t* o = r.mut();
    size_t i = 0;
    for (i64 k = 0; k < found; ++k) {
        size_t pos = v.find(old.view(), i);
        o = std::copy(v.data() + i, v.data() + pos, o);
        o = std::copy(repl.data(), repl.data() + repl.len(), o);
        i = pos + m;
    }
    std::copy(v.data() + i, v.data() + v.size(), o);
    return r;
}
#endif
PYRITE_BUILTIN("str.zfill") PYRITE_RT Str str_zfill(const Str& self, i64 width) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    i64 n = self.len();
    if (width <= n) return self;
    std::u32string out(static_cast<size_t>(width - n), U'0');
    out += self.view();
    if (n > 0 && (self.at(0) == U'+' || self.at(0) == U'-')) {
        out[0] = self.at(0);
        out[static_cast<size_t>(width - n)] = U'0';
    }
    return Str::of(out);
}
#endif
PYRITE_RT Str pad(const Str& s, i64 width, const Str& fill, int align) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (fill.len() != 1) raise(Exc::TypeError, "The fill character must be exactly one character long");
    i64 n = s.len();
    if (width <= n) return s;
    i64 total = width - n;
    i64 left = align < 0 ? 0 : align > 0 ? total : total / 2 + (total & width & 1);
    Str r = Str::make(width);  // MemoryError, as CPython's, for a width no memory holds
    char_t* out = r.mut();
    const char_t c = fill.at(0);
    std::fill(out, out + left, c);
    if (n) std::memcpy(out + left, s.data(), static_cast<size_t>(n) * sizeof(char_t));
    std::fill(out + left + n, out + width, c);
    return r;
}
#endif
PYRITE_BUILTIN("str.ljust") inline Str str_ljust(const Str& self, i64 width, const Str& fillchar = pyrite::Str::chr(U' ')) {
    return pad(self, width, fillchar, -1);
}
PYRITE_BUILTIN("str.rjust") inline Str str_rjust(const Str& self, i64 width, const Str& fillchar = pyrite::Str::chr(U' ')) {
    return pad(self, width, fillchar, 1);
}
// _PyUnicode_Expandtabs: columns restart after \n and \r; a tabsize of 0 or less drops tabs
PYRITE_BUILTIN("str.expandtabs") inline Str str_expandtabs(const Str& self, i64 tabsize = 8) {
    if (tabsize > INT32_MAX || tabsize < INT32_MIN) raise(Exc::OverflowError, "Python int too large to convert to C int");
    std::u32string out;
    i64 line_pos = 0;
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (c == U'\t') {
            if (tabsize > 0) {
                i64 incr = tabsize - line_pos % tabsize;
                line_pos += incr;
                out.append(static_cast<size_t>(incr), U' ');
            }
        } else {
            ++line_pos;
            out += c;
            if (c == U'\n' || c == U'\r') line_pos = 0;
        }
    }
    return Str::of(out);
}
PYRITE_BUILTIN("str.center") inline Str str_center(const Str& self, i64 width, const Str& fillchar = pyrite::Str::chr(U' ')) {
    return pad(self, width, fillchar, 0);
}

// ---------------------------------------------------------------- case
// Greek capital sigma lowers to final sigma at the end of a word (CPython's handle_capital_sigma)
inline char_t lower_sigma(const Str& s, i64 i) {
    i64 j = i - 1;
    while (j >= 0 && _PyUnicode_IsCaseIgnorable(s.at(j))) --j;
    bool final_ = j >= 0 && _PyUnicode_IsCased(s.at(j));
    if (final_) {
        j = i + 1;
        while (j < s.len() && _PyUnicode_IsCaseIgnorable(s.at(j))) ++j;
        final_ = j == s.len() || !_PyUnicode_IsCased(s.at(j));
    }
    return final_ ? 0x3c2 : 0x3c3;
}
// an ASCII str (the usual text), each character mapped straight into the new str of its length,
// no u32string and no table lookups between: map(c, i) gives character i's, c
template <class Map>
inline std::optional<Str> ascii_mapped(const Str& self, Map map) {
    const i64 len = self.len();
    const char_t* d = self.data();
    for (i64 i = 0; i < len; ++i)
        if (d[i] >= 128) return std::nullopt;
    Str r = Str::make(len);
    char_t* o = r.mut();
    for (i64 i = 0; i < len; ++i) o[i] = map(d[i], i);
    return r;
}
inline bool ascii_upper(char_t c) { return c >= U'A' && c <= U'Z'; }
inline bool ascii_lower(char_t c) { return c >= U'a' && c <= U'z'; }
// upper()/lower(): full case mapping (one character may become several), ASCII directly
template <bool upper>
inline Str map_case(const Str& self) {
    if (auto r = ascii_mapped(self, [](char_t c, i64) { return (upper ? ascii_lower(c) : ascii_upper(c)) ? c ^ 32 : c; }))
        return *std::move(r);
    std::u32string out;
    out.reserve(static_cast<size_t>(self.len()));
    uint32_t buf[3];
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (c < 128) {
            bool flip = upper ? (c >= U'a' && c <= U'z') : (c >= U'A' && c <= U'Z');
            out += flip ? c ^ 32 : c;
            continue;
        }
        if (!upper && c == 0x3a3) {
            out += lower_sigma(self, i);
            continue;
        }
        int n = upper ? _PyUnicode_ToUpperFull(c, buf) : _PyUnicode_ToLowerFull(c, buf);
        for (int k = 0; k < n; ++k) out += buf[k];
    }
    return Str::of(out);
}
PYRITE_BUILTIN("str.upper") PYRITE_RT Str str_upper(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{ return map_case<true>(self); }
#endif
PYRITE_BUILTIN("str.lower") PYRITE_RT Str str_lower(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{ return map_case<false>(self); }
#endif
// the other case operations, as unicodeobject.c's do_title, do_capitalize, do_swapcase and
// do_casefold: full mappings (one character may become several), the final sigma as lower()'s
inline void lower_to(std::u32string& out, const Str& s, i64 i) {
    uint32_t buf[3];
    char_t c = s.at(i);
    if (c == 0x3a3) {
        out += lower_sigma(s, i);
        return;
    }
    int n = _PyUnicode_ToLowerFull(c, buf);
    for (int k = 0; k < n; ++k) out += buf[k];
}
inline void full_to(std::u32string& out, int (*map)(uint32_t, uint32_t*), char_t c) {
    uint32_t buf[3];
    int n = map(c, buf);
    for (int k = 0; k < n; ++k) out += buf[k];
}
PYRITE_BUILTIN("str.title") PYRITE_RT Str str_title(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    bool previous_is_cased = false;  // (of ASCII: a letter)
    if (auto r = ascii_mapped(self, [&](char_t c, i64) {
            char_t m = previous_is_cased ? (ascii_upper(c) ? c ^ 32 : c) : (ascii_lower(c) ? c ^ 32 : c);
            previous_is_cased = ascii_upper(c) || ascii_lower(c);
            return m;
        }))
        return *std::move(r);
    std::u32string out;
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (previous_is_cased) lower_to(out, self, i);
        else full_to(out, _PyUnicode_ToTitleFull, c);
        previous_is_cased = _PyUnicode_IsCased(c);
    }
    return Str::of(out);
}
#endif
PYRITE_BUILTIN("str.capitalize") PYRITE_RT Str str_capitalize(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (self.len() == 0) return self;
    if (auto r = ascii_mapped(self, [](char_t c, i64 i) { return (i ? ascii_upper(c) : ascii_lower(c)) ? c ^ 32 : c; }))
        return *std::move(r);
    std::u32string out;
    full_to(out, _PyUnicode_ToTitleFull, self.at(0));
    for (i64 i = 1; i < self.len(); ++i) lower_to(out, self, i);
    return Str::of(out);
}
#endif
PYRITE_BUILTIN("str.swapcase") PYRITE_RT Str str_swapcase(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (auto r = ascii_mapped(self, [](char_t c, i64) { return ascii_upper(c) || ascii_lower(c) ? c ^ 32 : c; }))
        return *std::move(r);
    std::u32string out;
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (_PyUnicode_IsUppercase(c)) lower_to(out, self, i);
        else if (_PyUnicode_IsLowercase(c)) full_to(out, _PyUnicode_ToUpperFull, c);
        else out += c;
    }
    return Str::of(out);
}
#endif
PYRITE_BUILTIN("str.casefold") PYRITE_RT Str str_casefold(const Str& self) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (auto r = ascii_mapped(self, [](char_t c, i64) { return ascii_upper(c) ? c ^ 32 : c; })) return *std::move(r);
    std::u32string out;
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (c < 128) out += c >= U'A' && c <= U'Z' ? c ^ 32 : c;
        else full_to(out, _PyUnicode_ToFoldedFull, c);
    }
    return Str::of(out);
}
#endif

// ---------------------------------------------------------------- classes of characters
template <class Pred>
inline bool all_chars(const Str& s, Pred p) {
    if (s.len() == 0) return false;
    for (i64 i = 0; i < s.len(); ++i)
        if (!p(s.at(i))) return false;
    return true;
}
PYRITE_BUILTIN("str.isdigit") inline bool str_isdigit(const Str& self) { return all_chars(self, _PyUnicode_IsDigit); }
PYRITE_BUILTIN("str.isdecimal") inline bool str_isdecimal(const Str& self) { return all_chars(self, _PyUnicode_IsDecimalDigit); }
PYRITE_BUILTIN("str.isnumeric") inline bool str_isnumeric(const Str& self) { return all_chars(self, _PyUnicode_IsNumeric); }
PYRITE_BUILTIN("str.isalpha") inline bool str_isalpha(const Str& self) { return all_chars(self, _PyUnicode_IsAlpha); }
PYRITE_BUILTIN("str.isspace") inline bool str_isspace(const Str& self) { return all_chars(self, _PyUnicode_IsWhitespace); }
PYRITE_BUILTIN("str.isalnum") inline bool str_isalnum(const Str& self) {
    return all_chars(self, [](char_t c) {
        return _PyUnicode_IsAlpha(c) || _PyUnicode_IsDecimalDigit(c) || _PyUnicode_IsDigit(c) || _PyUnicode_IsNumeric(c);
    });
}
PYRITE_BUILTIN("str.isascii") inline bool str_isascii(const Str& self) {
    for (i64 i = 0; i < self.len(); ++i)
        if (self.at(i) >= 128) return false;
    return true;
}
// isupper/islower: some character of this case, none of the other case or titlecase
template <int (*this_case)(uint32_t), int (*other_case)(uint32_t)>
inline bool only_case(const Str& s) {
    bool cased = false;
    for (i64 i = 0; i < s.len(); ++i) {
        char_t c = s.at(i);
        if (other_case(c) || _PyUnicode_IsTitlecase(c)) return false;
        cased = cased || this_case(c);
    }
    return cased;
}
PYRITE_BUILTIN("str.isupper") inline bool str_isupper(const Str& self) {
    return only_case<_PyUnicode_IsUppercase, _PyUnicode_IsLowercase>(self);
}
PYRITE_BUILTIN("str.islower") inline bool str_islower(const Str& self) {
    return only_case<_PyUnicode_IsLowercase, _PyUnicode_IsUppercase>(self);
}
// unicode_istitle_impl: upper- and titlecase only after uncased characters, lowercase only after cased
PYRITE_BUILTIN("str.istitle") inline bool str_istitle(const Str& self) {
    bool cased = false, previous_is_cased = false;
    for (i64 i = 0; i < self.len(); ++i) {
        char_t c = self.at(i);
        if (_PyUnicode_IsUppercase(c) || _PyUnicode_IsTitlecase(c)) {
            if (previous_is_cased) return false;
            previous_is_cased = cased = true;
        } else if (_PyUnicode_IsLowercase(c)) {
            if (!previous_is_cased) return false;
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return cased;
}
PYRITE_BUILTIN("str.isprintable") inline bool str_isprintable(const Str& self) {
    for (i64 i = 0; i < self.len(); ++i)
        if (!_PyUnicode_IsPrintable(self.at(i))) return false;
    return true;
}
// _PyUnicode_ScanIdentifier: XID_Start or '_', then XID_Continue
PYRITE_BUILTIN("str.isidentifier") inline bool str_isidentifier(const Str& self) {
    if (self.len() == 0) return false;
    char_t c = self.at(0);
    if (!_PyUnicode_IsXidStart(c) && c != U'_') return false;
    for (i64 i = 1; i < self.len(); ++i)
        if (!_PyUnicode_IsXidContinue(self.at(i))) return false;
    return true;
}

}  // namespace pyrite::builtins

namespace pyrite {

// format(x, spec) for any pyrite value: numbers and str by their rules, other
// values only with an empty spec (str(x)), as object.__format__ does
template <class T>
inline Str format_value(const T& x, const Str& spec) {
    if constexpr (std::is_same_v<T, i64>) return format_int(x, spec);
    else if constexpr (std::is_same_v<T, double>) return format_float(x, spec);
    else if constexpr (std::is_same_v<T, Str>) return format_str(x, spec);
    else if constexpr (std::is_same_v<T, bool>) return spec.len() == 0 ? to_str(x) : format_int(x, spec);
    else {
        if (spec.len() != 0) {
            std::string r;
            repr_to(r, x);
            raise(Exc::TypeError, "unsupported format string passed to this type's __format__");
        }
        return to_str(x);
    }
}

// CPython's replacement-field syntax (Objects/stringlib/unicode_format.h): "{name!r:spec}" with
// nested fields in the spec and "{{"/"}}" escapes, and its errors. `resolve(name)` finds a field's
// value where CPython's get_field_object does (before the nested fields of its spec) and gives a
// number for it; `render(number, conv, spec)` gives its text.
template <class Resolve, class Render>
inline Str format_fields(const Str& fmt, Resolve&& resolve, Render&& render) {
    std::u32string out;
    const i64 n = fmt.len();
    // one replacement field starting after '{' at i; returns the index after its '}'
    std::function<i64(i64, std::u32string&)> field = [&](i64 i, std::u32string& dest) -> i64 {
        std::u32string name, spec_text;
        char32_t conv = 0;
        while (i < n && fmt.at(i) != U'}' && fmt.at(i) != U'!' && fmt.at(i) != U':') name += fmt.at(i++);
        if (i >= n) raise(Exc::ValueError, "expected '}' before end of string");
        for (char32_t c : name)
            if (c == U'.' || c == U'[')
                raise(Exc::ValueError, "pyrite's str.format() takes fields by position or name, not their attributes "
                                       "or items ({a.x}, {a[0]})");
        i64 index = resolve(name);  // numbered before any nested field in its spec, as CPython does
        if (i < n && fmt.at(i) == U'!') {
            if (i + 1 >= n) raise(Exc::ValueError, "end of string while looking for conversion specifier");
            conv = fmt.at(i + 1);
            if (conv != U'r' && conv != U's') raisef(Exc::ValueError, "Unknown conversion specifier %c", (char)conv);
            i += 2;
            if (i < n && fmt.at(i) != U':' && fmt.at(i) != U'}')
                raise(Exc::ValueError, "expected ':' after conversion specifier");
        }
        if (i < n && fmt.at(i) == U':') {
            ++i;
            while (i < n && fmt.at(i) != U'}') {
                if (fmt.at(i) == U'{') {  // a nested field: its text becomes part of the spec
                    i = field(i + 1, spec_text);
                    continue;
                }
                spec_text += fmt.at(i++);
            }
        }
        if (i >= n) raise(Exc::ValueError, "expected '}' before end of string");
        Str r = render(index, conv, Str::of(spec_text));
        dest += r.view();
        return i + 1;
    };
    for (i64 i = 0; i < n;) {
        char32_t c = fmt.at(i);
        if (c == U'{') {
            if (i + 1 < n && fmt.at(i + 1) == U'{') {
                out += U'{';
                i += 2;
                continue;
            }
            if (i + 1 == n) raise(Exc::ValueError, "Single '{' encountered in format string");
            i = field(i + 1, out);
        } else if (c == U'}') {
            if (i + 1 < n && fmt.at(i + 1) == U'}') {
                out += U'}';
                i += 2;
                continue;
            }
            raise(Exc::ValueError, "Single '}' encountered in format string");
        } else {
            out += c;
            ++i;
        }
    }
    return Str::of(out);
}

// a field's name as a number ("0", "12"), or -1 where it is not all digits (a keyword's name)
inline i64 field_number(const std::u32string& name) {
    if (name.empty()) return -1;
    i64 idx = 0;
    for (char32_t c : name) {
        if (c < U'0' || c > U'9') return -1;
        idx = idx * 10 + (c - U'0');
    }
    return idx;
}

// a value as a field shows it: !r, !s, or its __format__ with the spec
template <class T>
inline Str format_field(const T& x, char32_t conv, const Str& spec) {
    return conv == U'r' ? format_str(to_repr(x), spec) : conv == U's' ? format_str(to_str(x), spec) : format_value(x, spec);
}

// "...{}...{0!r:>{1}}...{name}".format(*args, **kwargs): the last names.size() of args are the
// keyword arguments, in the order of `names`. Fields are numbered automatically or by hand, never
// both; a keyword field does not count.
template <class... A>
inline Str str_format_named(const Str& fmt, std::initializer_list<const char*> names, const A&... args) {
    std::tuple<const A&...> all(args...);
    constexpr i64 nargs = sizeof...(A);
    const i64 npos = nargs - static_cast<i64>(names.size());
    i64 next_auto = 0;
    int numbering = 0;  // 0 unknown, 1 automatic, 2 manual
    auto resolve = [&](const std::u32string& name) -> i64 {
        if (name.empty()) {
            if (numbering == 2)
                raise(Exc::ValueError, "cannot switch from manual field specification to automatic field numbering");
            numbering = 1;
            if (next_auto >= npos)
                raisef(Exc::IndexError, "Replacement index %lld out of range for positional args tuple", (long long)next_auto);
            return next_auto++;
        }
        i64 idx = field_number(name);
        if (idx < 0) {  // a keyword argument's
            i64 k = npos;
            for (const char* nm : names) {
                if (name == Str::decode(nm, std::strlen(nm))) return k;
                ++k;
            }
            std::string r;  // KeyError('name'): the glue turns the repr back into the key
            repr_to(r, Str::of(name));
            raise(Exc::KeyError, r.c_str());
        }
        if (numbering == 1)
            raise(Exc::ValueError, "cannot switch from automatic field numbering to manual field specification");
        numbering = 2;
        if (idx >= npos)
            raisef(Exc::IndexError, "Replacement index %lld out of range for positional args tuple", (long long)idx);
        return idx;
    };
    auto render = [&](i64 idx, char32_t conv, const Str& spec) -> Str {
        Str out;
        i64 k = 0;
        std::apply([&](const auto&... x) { ((k++ == idx ? (void)(out = format_field(x, conv, spec)) : (void)0), ...); }, all);
        return out;
    };
    return format_fields(fmt, resolve, render);
}

template <class... A>
inline Str str_format(const Str& fmt, const A&... args) {
    return str_format_named(fmt, {}, args...);
}

// fmt.format_map(mapping): each field's name looked up in the mapping (d[name], so a defaultdict's
// factory or a Counter's 0 answers a missing one) where CPython looks it up; positional fields are
// CPython's ValueError
template <class D>
inline Str str_format_map(const Str& fmt, const D& mapping) {
    using V = std::decay_t<decltype(mapping.get(fmt))>;
    Vec<V> found;
    auto resolve = [&](const std::u32string& name) -> i64 {
        if (name.empty() || field_number(name) >= 0) raise(Exc::ValueError, "Format string contains positional fields");
        found.push_back(mapping.get(Str::of(name)));
        return static_cast<i64>(found.size()) - 1;
    };
    auto render = [&](i64 idx, char32_t conv, const Str& spec) -> Str {
        return format_field(found[static_cast<size_t>(idx)], conv, spec);
    };
    return format_fields(fmt, resolve, render);
}

}  // namespace pyrite
