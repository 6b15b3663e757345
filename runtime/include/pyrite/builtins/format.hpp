// format(value, spec) and f-string fields: Python's format-spec mini-language
// for int, float, bool and str, with CPython's results and error messages.
//
//   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
#pragma once
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <system_error>

#include "../str.hpp"

namespace pyrite {

struct FormatSpec {
    char_t fill = U' ';
    char align = 0;  // < > ^ = or 0
    char sign = 0;   // + - space or 0
    bool alt = false, zero = false, no_neg_zero = false;
    i64 width = -1, precision = -1;
    char grouping = 0;  // , _ or 0
    char type = 0;
};

// default_type: what an omitted type means for the value ('d' for int, 's' for str, 0 for float)
PYRITE_RT FormatSpec parse_spec(const Str& spec, const char* value_type, char default_type) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    FormatSpec f;
    i64 n = spec.len(), i = 0;
    auto is_align = [](char_t c) { return c == U'<' || c == U'>' || c == U'^' || c == U'='; };
    if (n >= 2 && is_align(spec.at(1))) {
        f.fill = spec.at(0);
        f.align = static_cast<char>(spec.at(1));
        i = 2;
    } else if (n >= 1 && is_align(spec.at(0))) {
        f.align = static_cast<char>(spec.at(0));
        i = 1;
    }
    if (i < n && (spec.at(i) == U'+' || spec.at(i) == U'-' || spec.at(i) == U' ')) f.sign = static_cast<char>(spec.at(i++));
    if (i < n && spec.at(i) == U'z') f.no_neg_zero = true, ++i;
    if (i < n && spec.at(i) == U'#') f.alt = true, ++i;
    if (i < n && spec.at(i) == U'0') {
        f.zero = true;
        // for numbers, sign-aware zero padding; for str (3.10+), only the fill
        if (!f.align) f.fill = U'0', f.align = default_type == 's' ? 0 : '=';
        ++i;
    }
    auto digits = [&](i64& out) {
        i64 start = i;
        out = 0;
        while (i < n && spec.at(i) >= U'0' && spec.at(i) <= U'9') {
            if (out > INT64_MAX / 100) raise(Exc::ValueError, "Too many decimal digits in format string");
            out = out * 10 + (spec.at(i++) - U'0');
        }
        return i > start;
    };
    i64 w;
    if (digits(w)) f.width = w;
    if (i < n && (spec.at(i) == U',' || spec.at(i) == U'_')) f.grouping = static_cast<char>(spec.at(i++));
    if (i < n && (spec.at(i) == U',' || spec.at(i) == U'_')) raise(Exc::ValueError, "Cannot specify both ',' and '_'.");
    if (i < n && spec.at(i) == U'.') {
        ++i;
        i64 p;
        if (!digits(p)) raise(Exc::ValueError, "Format specifier missing precision");
        f.precision = p;
    }
    if (i < n) f.type = static_cast<char>(spec.at(i++));
    if (i < n || (f.type && spec.at(n - 1) > 127)) {
        std::string text;
        repr_to(text, spec);
        raisef(Exc::ValueError, "Invalid format specifier %s for object of type '%s'", text.c_str(), value_type);
    }
    if (f.grouping) {  // checked while parsing, as CPython does: before the type's own checks
        char t = f.type ? f.type : default_type;
        bool ok = t == 0 || std::strchr("defgEG%F", t) != nullptr;
        ok = ok || (f.grouping == '_' && std::strchr("boxX", t));
        if (!ok) raisef(Exc::ValueError, "Cannot specify '%c' with '%c'.", f.grouping, t);
    }
    return f;
}
#endif

[[noreturn]] PYRITE_RT void unknown_code(char type, const char* value_type) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    unsigned code = static_cast<unsigned char>(type);
    if (code > 32 && code < 128)  // CPython's two spellings: printable ASCII as is, the rest escaped
        raisef(Exc::ValueError, "Unknown format code '%c' for object of type '%s'", type, value_type);
    raisef(Exc::ValueError, "Unknown format code '\\x%x' for object of type '%s'", code, value_type);
}
#endif

// digits grouped by 3 (or 4 for _ with b/o/x) from the right
PYRITE_RT std::string group(const std::string& digits, char sep, int every) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (!sep) return digits;
    std::string out;
    int k = 0;
    for (size_t i = digits.size(); i-- > 0;) {
        if (k && k % every == 0) out += sep;
        out += digits[i];
        ++k;
    }
    return std::string(out.rbegin(), out.rend());
}
#endif

// sign + prefix + body, padded to the width by the alignment (default: right for numbers)
PYRITE_RT Str lay_out(const FormatSpec& f, const std::string& sign, const std::string& prefix, std::string body,
                   char default_align) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    char align = f.align ? f.align : default_align;
    i64 len = static_cast<i64>(sign.size() + prefix.size() + body.size());
    i64 pad = f.width > len ? f.width - len : 0;
    if (align == '=' && f.zero && f.grouping && pad > 0 && f.fill == U'0') {
        // zero padding takes part in the grouping: format(1234, '08,') is '0,001,234'
        std::string intpart = body, tail;
        size_t cut = body.find_first_not_of("0123456789,_");
        if (cut != std::string::npos) intpart = body.substr(0, cut), tail = body.substr(cut);
        std::string raw;
        for (char c : intpart)
            if (c != f.grouping) raw += c;
        i64 want = f.width - static_cast<i64>(sign.size() + prefix.size() + tail.size());
        std::string g = group(raw, f.grouping, 3);
        while (static_cast<i64>(g.size()) < want) {
            raw = "0" + raw;
            g = group(raw, f.grouping, 3);
        }
        body = g + tail;
        pad = 0;
    }
    // written straight into the str (sign, prefix and body are ASCII)
    Str r = Str::make(static_cast<i64>(sign.size() + prefix.size() + body.size()) + pad);
    char_t* o = r.mut();
    auto put = [&](const std::string& a) {
        for (char c : a) *o++ = static_cast<char_t>(static_cast<unsigned char>(c));
    };
    auto fill = [&](i64 k) {
        for (; k > 0; --k) *o++ = f.fill;
    };
    if (align == '=') {
        put(sign), put(prefix), fill(pad), put(body);
    } else {
        i64 left = align == '<' ? 0 : align == '>' ? pad : pad / 2;
        fill(left), put(sign), put(prefix), put(body), fill(pad - left);
    }
    return r;
}
#endif

PYRITE_RT Str format_float(double x, const Str& spec);

PYRITE_RT Str format_int(i64 x, const Str& spec) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (spec.len() == 0) return to_str(x);
    FormatSpec f = parse_spec(spec, "int", 'd');
    char t = f.type ? f.type : 'd';
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%')
        return format_float(static_cast<double>(x), spec);  // as float(x), which CPython does too
    if (f.precision >= 0 && t != 'e' && t != 'E' && t != 'f' && t != 'F' && t != 'g' && t != 'G' && t != '%')
        raise(Exc::ValueError, "Precision not allowed in integer format specifier");
    if (f.no_neg_zero) raise(Exc::ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    uint64_t mag = x < 0 ? uint64_t(0) - uint64_t(x) : uint64_t(x);
    std::string sign = x < 0 ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
    std::string digits, prefix;
    int every = 3;
    switch (t) {
        case 'd':
        case 'n': digits = std::to_string(mag); break;
        case 'x':
        case 'X': {
            char buf[32];
            std::snprintf(buf, sizeof buf, t == 'x' ? "%llx" : "%llX", (unsigned long long)mag);
            digits = buf;
            if (f.alt) prefix = t == 'x' ? "0x" : "0X";
            every = 4;
            break;
        }
        case 'o': {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%llo", (unsigned long long)mag);
            digits = buf;
            if (f.alt) prefix = "0o";
            every = 4;
            break;
        }
        case 'b': {
            do {
                digits += static_cast<char>('0' + (mag & 1));
                mag >>= 1;
            } while (mag);
            digits = std::string(digits.rbegin(), digits.rend());
            if (f.alt) prefix = "0b";
            every = 4;
            break;
        }
        case 'c': {
            if (f.sign) raise(Exc::ValueError, "Sign not allowed with integer format specifier 'c'");
            if (x < 0 || x > 0x10ffff) raise(Exc::OverflowError, "%c arg not in range(0x110000)");
            i64 pad = f.width > 1 ? f.width - 1 : 0;
            char align = f.align ? f.align : '<';
            i64 left = align == '<' ? 0 : align == '>' || align == '=' ? pad : pad / 2;
            std::u32string out(static_cast<size_t>(left), f.fill);
            out += static_cast<char_t>(x);
            out.append(static_cast<size_t>(pad - left), f.fill);
            return Str::of(out);
        }
        default: unknown_code(t, "int");
    }
    return lay_out(f, sign, prefix, group(digits, f.grouping, every), '>');
}
#endif

// printf's %.*f (conv 'f') or %.*e ('e') of ax >= 0, with '#' where alt, however long: both
// round the exact binary value correctly, as CPython's dtoa does. std::to_chars writes the same
// text 5x faster than snprintf (format(x, '.2f') was slower than CPython's); a text past its
// buffer (1e300 with '.300f') is written by snprintf into a string of its length (it was cut at
// 511 characters)
PYRITE_RT std::string printf_digits(double ax, int prec, char conv, bool alt) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
#if defined(__cpp_lib_to_chars)
    if (!alt) {
        char buf[128];
        auto r = std::to_chars(buf, buf + sizeof buf, ax, conv == 'f' ? std::chars_format::fixed : std::chars_format::scientific,
                               prec);
        if (r.ec == std::errc()) return std::string(buf, r.ptr);
    }
#endif
    const char* fmt = conv == 'f' ? (alt ? "%#.*f" : "%.*f") : (alt ? "%#.*e" : "%.*e");
    int n = std::snprintf(nullptr, 0, fmt, prec, ax);
    std::string out(static_cast<size_t>(n), '\0');
    std::snprintf(&out[0], out.size() + 1, fmt, prec, ax);
    return out;
}
#endif

// digits of |x| rounded to `sig` significant digits, and the decimal exponent
PYRITE_RT void sig_digits(double ax, int sig, std::string& digits, int& exp10) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string m = printf_digits(ax, sig - 1, 'e', false);
    size_t e = m.find('e');
    exp10 = std::atoi(m.c_str() + e + 1);
    for (size_t i = 0; i < e; ++i)
        if (m[i] != '.') digits += m[i];
}
#endif

PYRITE_RT Str format_float(double x, const Str& spec) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (spec.len() == 0) return to_str(x);
    FormatSpec f = parse_spec(spec, "float", 0);
    char t = f.type;
    if (t && !std::strchr("eEfFgGn%", t)) unknown_code(t, "float");
    if (t == 'n') t = 'g';
    bool upper = t == 'E' || t == 'F' || t == 'G';
    bool neg = std::signbit(x) && !std::isnan(x);
    double ax = std::fabs(x);
    std::string body;
    bool add_pct = false;
    if (!std::isfinite(x)) {
        body = std::isnan(x) ? "nan" : "inf";
        if (upper) body = std::isnan(x) ? "NAN" : "INF";
        if (t == '%') add_pct = true;
    } else {
        if (t == '%') {
            ax *= 100;
            t = 'f';
            add_pct = true;
        }
        switch (t) {
            case 'f':
            case 'F':
                body = printf_digits(ax, static_cast<int>(f.precision < 0 ? 6 : f.precision), 'f', f.alt);
                break;
            case 'e':
            case 'E':
                body = printf_digits(ax, static_cast<int>(f.precision < 0 ? 6 : f.precision), 'e', f.alt);
                if (upper) for (char& c : body) c = static_cast<char>(toupper(c));
                break;
            case 'g':
            case 'G':
            case 0: {
                if (t == 0 && f.precision < 0) {
                    body.clear();
                    repr_to(body, ax);  // repr, with the sign handled here
                    break;
                }
                int p = static_cast<int>(f.precision < 0 ? 6 : f.precision == 0 ? 1 : f.precision);
                std::string digits;
                int e10;
                if (ax == 0) {
                    digits = "0";
                    e10 = 0;
                } else {
                    sig_digits(ax, p, digits, e10);
                }
                int decpt = e10 + 1;
                bool use_exp = decpt <= -4 || decpt > (t == 0 ? p - 1 : p);
                if (ax == 0) use_exp = false;
                if (!f.alt) {
                    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
                } else {
                    while (static_cast<int>(digits.size()) < p) digits += '0';
                }
                if (use_exp) {
                    body = digits.substr(0, 1);
                    if (digits.size() > 1 || f.alt) body += "." + digits.substr(1);
                    char eb[16];
                    std::snprintf(eb, sizeof eb, "%c%c%02d", upper ? 'E' : 'e', e10 < 0 ? '-' : '+', e10 < 0 ? -e10 : e10);
                    body += eb;
                } else if (decpt <= 0) {
                    body = "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
                } else if (static_cast<int>(digits.size()) <= decpt) {
                    body = digits + std::string(static_cast<size_t>(decpt) - digits.size(), '0');
                    if (f.alt) body += ".";
                    if (t == 0) body += ".0";
                } else {
                    body = digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
                }
                break;
            }
            default: unknown_code(t, "float");
        }
    }
    if (f.no_neg_zero && neg) {
        bool all_zero = true;
        for (char c : body)
            if (c >= '1' && c <= '9') all_zero = false;
        if (all_zero) neg = false;
    }
    if (add_pct) body += "%";
    if (f.grouping) {
        size_t cut = body.find_first_not_of("0123456789");
        std::string intpart = body.substr(0, cut), rest = cut == std::string::npos ? "" : body.substr(cut);
        if (std::isfinite(x)) body = group(intpart, f.grouping, 3) + rest;
    }
    std::string sign = neg ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
    return lay_out(f, sign, "", body, '>');
}
#endif

PYRITE_RT Str format_str(const Str& x, const Str& spec) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (spec.len() == 0) return x;
    FormatSpec f = parse_spec(spec, "str", 's');
    if (f.type && f.type != 's') unknown_code(f.type, "str");
    if (f.sign) raise(Exc::ValueError, f.sign == ' ' ? "Space not allowed in string format specifier"
                                                     : "Sign not allowed in string format specifier");
    if (f.alt) raise(Exc::ValueError, "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=') raise(Exc::ValueError, "'=' alignment not allowed in string format specifier");
    i64 n = f.precision >= 0 && f.precision < x.len() ? f.precision : x.len();
    i64 pad = f.width > n ? f.width - n : 0;
    char align = f.align ? f.align : '<';
    i64 left = align == '<' ? 0 : align == '>' ? pad : pad / 2;
    std::u32string out(static_cast<size_t>(left), f.fill);
    out.append(x.data(), static_cast<size_t>(n));
    out.append(static_cast<size_t>(pad - left), f.fill);
    return Str::of(out);
}
#endif

}  // namespace pyrite
