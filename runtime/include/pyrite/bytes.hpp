// bytes: an immutable sequence of bytes, shared by reference (its object never changes), with
// CPython's operations (Objects/bytesobject.c, Objects/bytes_methods.c): b[i] is an int, slices
// and + and * make new bytes, comparisons are by unsigned byte, hash() is _Py_HashBytes (the same
// as CPython's, so a bytes key lands where it would in a dict), repr is b'...' with CPython's
// choice of quote. str.encode() and bytes.decode() run CPython's utf-8, ascii and latin-1 codecs
// (Objects/stringlib/codecs.h, Objects/unicodeobject.c) with the strict, ignore, replace and
// backslashreplace error handlers; their errors are CPython's UnicodeDecodeError and
// UnicodeEncodeError, made with the same encoding, object, start, end and reason. Any other codec
// or handler (cp1252, surrogateescape, ...) is CPython's own, called under the GIL.
#pragma once
#include <cstring>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "boundary.hpp"
#include "exceptions.hpp"
#include "list.hpp"
#include "pycall.hpp"
#include "str.hpp"

// A bytes literal of compiled code: made on first use, then shared (never freed)
#define PYRITE_BYTES(data) \
    ([]() -> const ::pyrite::Bytes& { \
        static const ::pyrite::Bytes b = ::pyrite::Bytes::literal(data, sizeof(data) - 1); \
        return b; \
    }())

namespace pyrite {

struct BytesObject final : Object {
    std::string data;
    mutable i64 hash = -1;
};

class Bytes {
public:
    Bytes() = default;
    explicit Bytes(BytesObject* p) : p_(p) {}
    static Bytes of(std::string s) {
        auto* o = new BytesObject();
        o->data = std::move(s);
        return Bytes(o);
    }
    static Bytes of(const char* s, size_t n) { return of(std::string(s, n)); }
    static Bytes empty() { return of(std::string()); }
    static Bytes literal(const char* s, size_t n) {
        Bytes b = of(s, n);
        b.p_->refs = i64(1) << 62;  // immortal, as str literals (str.hpp)
        return b;
    }

    i64 len() const { return static_cast<i64>(p_->data.size()); }
    const std::string& data() const { return p_->data; }
    std::string_view view() const { return p_->data; }
    unsigned char at(i64 i) const { return static_cast<unsigned char>(p_->data[static_cast<size_t>(i)]); }
    bool same(const Bytes& o) const { return p_.same(o.p_); }
    BytesObject* object() const { return p_.get(); }

    i64 get(i64 i) const {  // b[i]: an int
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n))) raise(Exc::IndexError, "index out of range");
        return at(i);
    }
    Bytes slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        if (s.step == 1) return s.count == len() ? *this : of(p_->data.substr(static_cast<size_t>(s.start), static_cast<size_t>(s.count)));
        std::string r;
        r.reserve(static_cast<size_t>(s.count));
        for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) r += p_->data[static_cast<size_t>(i)];
        return of(std::move(r));
    }
    i64 hash() const {
        if (p_->hash == -1) p_->hash = _Py_HashBytes(p_->data.data(), static_cast<Py_ssize_t>(p_->data.size()));
        return p_->hash;
    }

private:
    Ref<BytesObject> p_;
};

// bytearray: a mutable sequence of bytes, shared by reference as a list is (an argument is the
// caller's, written back in place at the end of the call when it changed: boundary.hpp)
struct ByteArrayObject final : Object {
    std::string data;
};

class ByteArray {
public:
    ByteArray() = default;
    explicit ByteArray(ByteArrayObject* p) : p_(p) {}
    static ByteArray of(std::string s) {
        auto* o = new ByteArrayObject();
        o->data = std::move(s);
        return ByteArray(o);
    }
    static ByteArray make() { return of(std::string()); }
    static ByteArray borrow(ByteArrayObject* p) {
        retain(p);
        return ByteArray(p);
    }
    i64 len() const { return static_cast<i64>(p_->data.size()); }
    const std::string& data() const { return p_->data; }
    std::string_view view() const { return p_->data; }
    unsigned char at(i64 i) const { return static_cast<unsigned char>(p_->data[static_cast<size_t>(i)]); }
    bool same(const ByteArray& o) const { return p_.same(o.p_); }
    ByteArrayObject* object() const { return p_.get(); }

    i64 get(i64 i) const {
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "bytearray index out of range");
        return at(i);
    }
    // ba[i] = v: the index checked first, then the value, as bytearray_setitem does
    void set(i64 i, i64 v) const {
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "bytearray index out of range");
        if (PYRITE_UNLIKELY(v < 0 || v > 255)) raise(Exc::ValueError, "byte must be in range(0, 256)");
        p_->data[static_cast<size_t>(i)] = static_cast<char>(v);
        p_->changed = true;
    }
    ByteArray slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        std::string r;
        r.reserve(static_cast<size_t>(s.count));
        for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) r += p_->data[static_cast<size_t>(i)];
        return of(std::move(r));
    }
    void del_item(i64 i) const {  // del ba[i]
        i64 n = len();
        if (i < 0) i += n;
        if (PYRITE_UNLIKELY(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n)))
            raise(Exc::IndexError, "bytearray index out of range");
        mut().erase(static_cast<size_t>(i), 1);
    }
    void del_slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step) const {  // del ba[a:b:c]
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        std::string keep;
        Vec<bool> gone(static_cast<size_t>(len()), false);
        for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) gone[static_cast<size_t>(i)] = true;
        for (i64 i = 0; i < len(); ++i)
            if (!gone[static_cast<size_t>(i)]) keep += p_->data[static_cast<size_t>(i)];
        mut().swap(keep);
    }
    // ba[a:b:c] = bytes (made a bytes-like first: bytearray_ass_subscript): a plain slice is
    // replaced, an extended one takes as many bytes as it has, or none (then it is deleted)
    void set_slice(bool hs, i64 start, bool he, i64 stop, bool hp, i64 step, const std::string& bytes) const {
        SliceIndices s = slice_indices(len(), hs, start, he, stop, hp, step);
        const i64 needed = static_cast<i64>(bytes.size());
        if (s.step == 1) {
            i64 hi = std::max(s.start, s.stop);
            mut().replace(static_cast<size_t>(s.start), static_cast<size_t>(hi - s.start), bytes);
        } else if (needed == 0) {
            del_slice(hs, start, he, stop, hp, step);
        } else {
            if (needed != s.count)
                raisef(Exc::ValueError, "attempt to assign bytes of size %lld to extended slice of size %lld",
                       static_cast<long long>(needed), static_cast<long long>(s.count));
            std::string& d = mut();
            for (i64 k = 0, i = s.start; k < s.count; ++k, i += s.step) d[static_cast<size_t>(i)] = bytes[static_cast<size_t>(k)];
        }
    }
    void append_bytes(std::string_view more) const {
        p_->data.append(more);
        p_->changed = true;
    }
    std::string& mut() const {  // for the methods below, which mark it changed
        p_->changed = true;
        return p_->data;
    }

private:
    Ref<ByteArrayObject> p_;
};

// ---------------------------------------------------------------- element semantics
inline int bytes_compare(std::string_view a, std::string_view b) {
    int c = a.compare(b);  // char_traits<char>::compare is memcmp: unsigned bytes
    return c < 0 ? -1 : c > 0;
}
inline int bytes_compare(const Bytes& a, const Bytes& b) { return a.same(b) ? 0 : bytes_compare(a.view(), b.view()); }
inline bool py_eq(const Bytes& a, const Bytes& b) { return a.same(b) || a.view() == b.view(); }
inline bool py_lt(const Bytes& a, const Bytes& b) { return bytes_compare(a, b) < 0; }
inline bool operator==(const Bytes& a, const Bytes& b) { return py_eq(a, b); }
inline bool operator!=(const Bytes& a, const Bytes& b) { return !py_eq(a, b); }
inline bool operator<(const Bytes& a, const Bytes& b) { return bytes_compare(a, b) < 0; }
inline bool operator<=(const Bytes& a, const Bytes& b) { return bytes_compare(a, b) <= 0; }
inline bool operator>(const Bytes& a, const Bytes& b) { return bytes_compare(a, b) > 0; }
inline bool operator>=(const Bytes& a, const Bytes& b) { return bytes_compare(a, b) >= 0; }
inline bool truthy(const Bytes& b) { return b.len() != 0; }
inline i64 py_hash(const Bytes& b) { return b.hash(); }
// a bytearray compares with a bytearray or bytes by its bytes (bytearray_richcompare)
template <class A, class B, class = std::enable_if_t<std::is_same_v<A, ByteArray> || std::is_same_v<B, ByteArray>>>
inline int mixed_compare(const A& a, const B& b) { return bytes_compare(a.view(), b.view()); }
#define PYRITE_BYTEARRAY_CMP(OP)                                                                          \
    inline bool operator OP(const ByteArray& a, const ByteArray& b) { return mixed_compare(a, b) OP 0; } \
    inline bool operator OP(const ByteArray& a, const Bytes& b) { return mixed_compare(a, b) OP 0; }     \
    inline bool operator OP(const Bytes& a, const ByteArray& b) { return mixed_compare(a, b) OP 0; }
PYRITE_BYTEARRAY_CMP(==)
PYRITE_BYTEARRAY_CMP(!=)
PYRITE_BYTEARRAY_CMP(<)
PYRITE_BYTEARRAY_CMP(<=)
PYRITE_BYTEARRAY_CMP(>)
PYRITE_BYTEARRAY_CMP(>=)
#undef PYRITE_BYTEARRAY_CMP
inline bool py_eq(const ByteArray& a, const ByteArray& b) { return a.view() == b.view(); }
inline bool py_lt(const ByteArray& a, const ByteArray& b) { return a.view() < b.view(); }
inline bool truthy(const ByteArray& b) { return b.len() != 0; }

// repr(b): bytes_repr's b'...', in single quotes unless the bytes hold ' and no "
inline void repr_to(std::string& out, const Bytes& b) {
    std::string_view v = b.view();
    char q = v.find('\'') != std::string_view::npos && v.find('"') == std::string_view::npos ? '"' : '\'';
    out += 'b';
    out += q;
    for (unsigned char c : v) {
        if (c == q || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < ' ' || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += q;
}

// repr(ba): bytearray(b'...')
inline void repr_to(std::string& out, const ByteArray& b) {
    out += "bytearray(";
    repr_to(out, Bytes::of(b.data()));
    out += ")";
}

// for x in b: its bytes, as ints; of a bytearray by index, re-reading the length each step, as a
// list's (one that grows during the loop is seen growing, as in CPython)
template <class B>
struct ByteIter {
    B b;
    i64 k = 0;
    bool next(i64& out) {
        if (k >= b.len()) return false;
        out = b.at(k++);
        return true;
    }
};
inline ByteIter<Bytes> iter(const Bytes& b) { return ByteIter<Bytes>{b}; }
inline ByteIter<ByteArray> iter(const ByteArray& b) { return ByteIter<ByteArray>{b}; }

// ---------------------------------------------------------------- operators
inline Bytes concat(const Bytes& a, const Bytes& b) {
    if (b.len() == 0) return a;
    if (a.len() == 0) return b;
    return Bytes::of(a.data() + b.data());
}
inline Bytes repeat(const Bytes& b, i64 n) {
    if (n <= 0 || b.len() == 0) return Bytes::empty();
    if (n == 1) return b;
    if (PYRITE_UNLIKELY(b.len() > INT64_MAX / n)) throw std::bad_alloc();
    std::string r;
    r.reserve(static_cast<size_t>(b.len() * n));
    for (i64 i = 0; i < n; ++i) r += b.data();
    return Bytes::of(std::move(r));
}
// i in b (an int, checked as bytes_contains does) and sub in b
inline i64 byte_value(i64 v) {
    if (v < 0 || v > 255) raise(Exc::ValueError, "byte must be in range(0, 256)");
    return v;
}
inline bool contains(const Bytes& b, i64 v) { return b.view().find(static_cast<char>(byte_value(v))) != std::string_view::npos; }
inline bool contains(const Bytes& b, const Bytes& sub) { return b.view().find(sub.view()) != std::string_view::npos; }
inline bool contains(const ByteArray& b, i64 v) { return b.view().find(static_cast<char>(byte_value(v))) != std::string_view::npos; }
template <class S>
inline bool contains(const ByteArray& b, const S& sub) { return b.view().find(sub.view()) != std::string_view::npos; }
template <class S>
inline bool contains(const Bytes& b, const S& sub) { return b.view().find(sub.view()) != std::string_view::npos; }
// bytearray + bytes-like: a new bytearray; bytes + bytearray: bytes (the left operand's type)
template <class S>
inline ByteArray concat(const ByteArray& a, const S& b) { return ByteArray::of(a.data() + std::string(b.view())); }
inline Bytes concat(const Bytes& a, const ByteArray& b) { return Bytes::of(a.data() + b.data()); }
inline ByteArray repeat(const ByteArray& b, i64 n) {
    if (n <= 0 || b.len() == 0) return ByteArray::make();
    if (PYRITE_UNLIKELY(b.len() > INT64_MAX / n)) throw std::bad_alloc();
    std::string r;
    r.reserve(static_cast<size_t>(b.len() * n));
    for (i64 i = 0; i < n; ++i) r += b.data();
    return ByteArray::of(std::move(r));
}
// ba += other: in place (every alias sees it), ba given back
template <class S>
inline ByteArray inplace_concat(const ByteArray& a, const S& b) {
    std::string more(b.view());  // b may be a itself
    a.append_bytes(more);
    return a;
}
inline ByteArray inplace_repeat(const ByteArray& a, i64 n) {
    std::string once = a.data();
    std::string& d = a.mut();
    d.clear();
    for (i64 i = 0; i < n; ++i) d += once;
    return a;
}

// ---------------------------------------------------------------- codecs
namespace codec {

// the codec's name as CPython normalizes it (encodings.normalize_encoding and the aliases the
// three codecs have), or "" for one pyrite does not have
inline std::string normalized(const Str& encoding) {
    std::string e;
    for (i64 i = 0; i < encoding.len(); ++i) {
        char32_t c = encoding.at(i);
        if (c > 127) return "";
        char ch = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        e += ch == '-' || ch == ' ' ? '_' : ch;
    }
    if (e == "utf_8" || e == "utf8" || e == "u8" || e == "utf" || e == "cp65001") return "utf-8";
    if (e == "ascii" || e == "us_ascii" || e == "646" || e == "us") return "ascii";
    if (e == "latin_1" || e == "latin1" || e == "latin" || e == "l1" || e == "iso_8859_1" || e == "iso8859_1" ||
        e == "8859" || e == "cp819" || e == "iso_ir_100")
        return "latin-1";
    return "";
}
enum class Handler { Strict, Ignore, Replace, BackslashReplace, Python };
inline Handler handler_of(const Str& errors) {
    std::string e = utf8(errors);
    if (e == "strict") return Handler::Strict;
    if (e == "ignore") return Handler::Ignore;
    if (e == "replace") return Handler::Replace;
    if (e == "backslashreplace") return Handler::BackslashReplace;
    return Handler::Python;
}

// a codec or error handler pyrite does not run itself: CPython's (its errors, LookupError for an
// unknown encoding among them, are CPython's)
__attribute__((noinline)) inline Str decode_by_python(const Bytes& b, const Str& encoding, const Str& errors) {
    WithGil gil;
    std::string enc = utf8(encoding), err = utf8(errors);
    PyObject* r = PyUnicode_Decode(b.data().data(), static_cast<Py_ssize_t>(b.len()), enc.c_str(), err.c_str());
    if (!r) raise_python_error();
    Str out;
    bool ok = capi::from_py(r, &out, capi::Where{"decode", "result"});
    Py_DECREF(r);
    if (!ok) raise_python_error();
    return out;
}
__attribute__((noinline)) inline Bytes encode_by_python(const Str& s, const Str& encoding, const Str& errors) {
    WithGil gil;
    std::string enc = utf8(encoding), err = utf8(errors);
    PyObject* text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, s.data(), s.len());
    if (!text) raise_python_error();
    PyObject* r = PyUnicode_AsEncodedString(text, enc.c_str(), err.c_str());
    Py_DECREF(text);
    if (!r) raise_python_error();
    if (!PyBytes_Check(r)) {  // a text encoding such as rot13 gives no bytes: CPython's message
        std::string msg = "'" + enc + "' encoder returned '" + Py_TYPE(r)->tp_name + "' instead of 'bytes'; use codecs.encode() to encode to arbitrary types";
        Py_DECREF(r);
        raise(Exc::TypeError, msg.c_str());
    }
    Bytes out = Bytes::of(PyBytes_AS_STRING(r), static_cast<size_t>(PyBytes_GET_SIZE(r)));
    Py_DECREF(r);
    return out;
}

// what a UnicodeDecodeError or UnicodeEncodeError is made of, kept until it reaches Python
struct CodecError {
    bool decode;
    std::string encoding, reason;
    std::string object;  // decode: the bytes; encode: the str, UTF-8 (surrogatepass)
    i64 start, end;
};
inline PyObject* codec_error_to_py(const void* d, void*) {
    const auto& c = *static_cast<const CodecError*>(d);
    if (c.decode)
        return PyUnicodeDecodeError_Create(c.encoding.c_str(), c.object.data(), static_cast<Py_ssize_t>(c.object.size()),
                                           static_cast<Py_ssize_t>(c.start), static_cast<Py_ssize_t>(c.end), c.reason.c_str());
    PyObject* s = PyUnicode_DecodeUTF8(c.object.data(), static_cast<Py_ssize_t>(c.object.size()), "surrogatepass");
    if (!s) return nullptr;
    PyObject* e = PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", c.encoding.c_str(), s,
                                        static_cast<Py_ssize_t>(c.start), static_cast<Py_ssize_t>(c.end), c.reason.c_str());
    Py_DECREF(s);
    return e;
}
// a code point as CPython's messages show it: '\xe9', '\u20ac', '\U0001f600'
inline std::string escaped(char32_t c) {
    char buf[16];
    if (c <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
    else if (c <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
    else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
    return buf;
}
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise_decode(const std::string& encoding, const Bytes& b, i64 start,
                                                                      i64 end, const char* reason) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    char msg[256];
    if (end - start == 1)
        std::snprintf(msg, sizeof msg, "'%s' codec can't decode byte 0x%02x in position %lld: %s", encoding.c_str(), b.at(start),
                      static_cast<long long>(start), reason);
    else
        std::snprintf(msg, sizeof msg, "'%s' codec can't decode bytes in position %lld-%lld: %s", encoding.c_str(),
                      static_cast<long long>(start), static_cast<long long>(end - 1), reason);
    Error e(Exc::UnicodeDecodeError, msg);
    ErrorState& s = state_of(e);
    s.detail = std::make_shared<const CodecError>(CodecError{true, encoding, reason, b.data(), start, end});
    s.detail_to_py = &codec_error_to_py;
    throw e;
}
#endif
[[noreturn]] __attribute__((noinline, cold)) PYRITE_RT void raise_encode(const std::string& encoding, const Str& s, i64 start,
                                                                      i64 end, const char* reason) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string msg = "'" + encoding + "' codec can't encode ";
    if (end - start == 1) msg += "character '" + escaped(s.at(start)) + "' in position " + std::to_string(start);
    else msg += "characters in position " + std::to_string(start) + "-" + std::to_string(end - 1);
    msg += ": ";
    msg += reason;
    Error e(Exc::UnicodeEncodeError, msg.c_str());
    ErrorState& st = state_of(e);
    st.detail = std::make_shared<const CodecError>(CodecError{false, encoding, reason, utf8(s), start, end});
    st.detail_to_py = &codec_error_to_py;
    throw e;
}
#endif

// the length of the valid UTF-8 sequence at b[i], or 0 with the end of the invalid part (as
// CPython's decoder reports it: the maximal valid prefix) and its reason
inline int utf8_sequence(const Bytes& b, i64 i, char32_t* cp, i64* bad_end, const char** reason) {
    const i64 n = b.len();
    unsigned c = b.at(i);
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c >= 0xE0 && c <= 0xEF) need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    else {
        *bad_end = i + 1;
        *reason = "invalid start byte";
        return 0;
    }
    char32_t v = c & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07);
    for (int k = 1; k <= need; ++k) {
        if (i + k >= n) {
            *bad_end = n;
            *reason = "unexpected end of data";
            return 0;
        }
        unsigned d = b.at(i + k);
        unsigned l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (d < l || d > h) {
            *bad_end = i + k;
            *reason = "invalid continuation byte";
            return 0;
        }
        v = (v << 6) | (d & 0x3F);
    }
    *cp = v;
    return need + 1;
}

}  // namespace codec

// b.decode(encoding='utf-8', errors='strict')
PYRITE_BUILTIN("bytes.decode") inline Str bytes_decode(const Bytes& b, const Str& encoding, const Str& errors) {
    std::string enc = codec::normalized(encoding);
    codec::Handler h = codec::handler_of(errors);
    if (enc.empty() || h == codec::Handler::Python) return codec::decode_by_python(b, encoding, errors);
    const bool latin1 = enc == "latin-1", ascii = enc == "ascii";  // once, not per byte
    std::u32string out;
    out.reserve(static_cast<size_t>(b.len()));
    const i64 n = b.len();
    for (i64 i = 0; i < n;) {
        char32_t cp = 0;
        i64 bad_end = i + 1;
        const char* reason = "ordinal not in range(128)";
        int k = latin1 ? (cp = b.at(i), 1) : ascii ? (b.at(i) < 0x80 ? (cp = b.at(i), 1) : 0)
                                                   : codec::utf8_sequence(b, i, &cp, &bad_end, &reason);
        if (k) {
            out += cp;
            i += k;
            continue;
        }
        switch (h) {
            case codec::Handler::Strict:
            case codec::Handler::Python: codec::raise_decode(enc, b, i, bad_end, reason);
            case codec::Handler::Ignore: break;
            case codec::Handler::Replace: out += U'\ufffd'; break;
            case codec::Handler::BackslashReplace:
                for (i64 j = i; j < bad_end; ++j) append_utf32(out, codec::escaped(b.at(j)));
                break;
        }
        i = bad_end;
    }
    return Str::of(out);
}
PYRITE_BUILTIN("bytes.decode") inline Str bytes_decode(const Bytes& b, const Str& encoding) {
    return bytes_decode(b, encoding, Str::literal("strict", 6));
}
PYRITE_BUILTIN("bytes.decode") inline Str bytes_decode(const Bytes& b) {
    return bytes_decode(b, Str::literal("utf-8", 5), Str::literal("strict", 6));
}

// s.encode(encoding='utf-8', errors='strict'): a run of characters the codec cannot encode is one
// error (CPython reports the run, and replaces each of its characters)
PYRITE_BUILTIN("str.encode") inline Bytes str_encode(const Str& s, const Str& encoding, const Str& errors) {
    std::string enc = codec::normalized(encoding);
    codec::Handler h = codec::handler_of(errors);
    if (enc.empty() || h == codec::Handler::Python) return codec::encode_by_python(s, encoding, errors);
    const i64 n = s.len();
    const char32_t limit = enc == "ascii" ? 0x80 : enc == "latin-1" ? 0x100 : 0x110000;
    const bool utf = enc == "utf-8";  // once, not per character
    auto encodable = [&](char32_t c) { return c < limit && !(utf && c >= 0xD800 && c <= 0xDFFF); };
    std::string out;
    out.reserve(static_cast<size_t>(n));
    for (i64 i = 0; i < n;) {
        char32_t c = s.at(i);
        if (encodable(c)) {
            if (!utf) out += static_cast<char>(c);
            else append_utf8(out, c);
            ++i;
            continue;
        }
        i64 end = i + 1;
        while (end < n && !encodable(s.at(end))) ++end;
        const char* reason = enc == "utf-8" ? "surrogates not allowed" : enc == "ascii" ? "ordinal not in range(128)"
                                                                                        : "ordinal not in range(256)";
        switch (h) {
            case codec::Handler::Strict:
            case codec::Handler::Python: codec::raise_encode(enc, s, i, end, reason);
            case codec::Handler::Ignore: break;
            case codec::Handler::Replace: out.append(static_cast<size_t>(end - i), '?'); break;
            case codec::Handler::BackslashReplace:
                for (i64 j = i; j < end; ++j) out += codec::escaped(s.at(j));
                break;
        }
        i = end;
    }
    return Bytes::of(std::move(out));
}
PYRITE_BUILTIN("str.encode") inline Bytes str_encode(const Str& s, const Str& encoding) {
    return str_encode(s, encoding, Str::literal("strict", 6));
}
PYRITE_BUILTIN("str.encode") inline Bytes str_encode(const Str& s) {
    return str_encode(s, Str::literal("utf-8", 5), Str::literal("strict", 6));
}

// ---------------------------------------------------------------- constructors
// bytes(), bytes(n): n zero bytes, bytes(list of ints), bytes(s, encoding[, errors]), bytes(b)
PYRITE_BUILTIN("bytes") inline Bytes bytes_new() { return Bytes::empty(); }
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(i64 n) {
    if (n < 0) raise(Exc::ValueError, "negative count");
    return Bytes::of(std::string(static_cast<size_t>(n), '\0'));
}
// the bytes of a list of ints, each checked: `what` is "bytes" (bytes()) or "byte" (bytearray's)
inline std::string bytes_of_ints(const List<i64>& values, const char* what) {
    std::string out;
    out.reserve(static_cast<size_t>(values.len()));
    for (i64 i = 0; i < values.len(); ++i) {
        i64 v = values.at(i);
        if (v < 0 || v > 255) raisef(Exc::ValueError, "%s must be in range(0, 256)", what);
        out += static_cast<char>(v);
    }
    return out;
}
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(const List<i64>& values) { return Bytes::of(bytes_of_ints(values, "bytes")); }
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(const Str& s, const Str& encoding) { return str_encode(s, encoding); }
// the bytes a value assigned to a bytearray's slice gives (a copy: ba[:] = ba reads itself first)
inline std::string assigned_bytes(const Bytes& b) { return b.data(); }
inline std::string assigned_bytes(const ByteArray& b) { return b.data(); }
inline std::string assigned_bytes(const List<i64>& values) { return bytes_of_ints(values, "byte"); }
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(const Str& s, const Str& encoding, const Str& errors) {
    return str_encode(s, encoding, errors);
}
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(const Bytes& b) { return b; }

// ---------------------------------------------------------------- methods (bytes_methods.c)
// b.hex(): two lowercase hex digits a byte; b.hex(sep): sep between bytes
PYRITE_BUILTIN("bytes.hex") inline Str bytes_hex(const Bytes& b) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : b.view()) out += digits[c >> 4], out += digits[c & 15];
    return Str::of(Str::decode(out.data(), out.size()));
}
PYRITE_BUILTIN("bytes.hex") inline Str bytes_hex(const Bytes& b, const Str& sep) {
    if (sep.len() != 1) raise(Exc::ValueError, "sep must be length 1.");
    if (sep.at(0) > 127) raise(Exc::ValueError, "sep must be ASCII.");
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (i64 i = 0; i < b.len(); ++i) {
        if (i) out += static_cast<char>(sep.at(0));
        out += digits[b.at(i) >> 4], out += digits[b.at(i) & 15];
    }
    return Str::of(Str::decode(out.data(), out.size()));
}
// bytes.fromhex(s): pairs of hex digits, spaces between pairs skipped (bytes_fromhex's messages)
PYRITE_BUILTIN("bytes.fromhex") inline Bytes bytes_fromhex(const Str& s) {
    auto digit = [](char32_t c) { return c >= '0' && c <= '9' ? int(c - '0') : c >= 'a' && c <= 'f' ? int(c - 'a' + 10)
                                         : c >= 'A' && c <= 'F' ? int(c - 'A' + 10) : -1; };
    auto space = [](char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    std::string out;
    const i64 n = s.len();
    for (i64 i = 0;;) {
        while (i < n && space(s.at(i))) ++i;
        if (i >= n) break;
        int hi = digit(s.at(i)), lo = i + 1 < n ? digit(s.at(i + 1)) : -1;
        if (hi < 0 || lo < 0)
            raisef(Exc::ValueError, "non-hexadecimal number found in fromhex() arg at position %lld",
                   static_cast<long long>(hi < 0 ? i : i + 1));
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return Bytes::of(std::move(out));
}

// the position of sub in b[start:end] as find's slice rules clamp it, or -1
inline i64 bytes_find_in(const Bytes& b, std::string_view sub, i64 start, i64 end, bool reverse) {
    SliceIndices s = slice_indices(b.len(), true, start, true, end, false, 1);
    if (s.stop - s.start < static_cast<i64>(sub.size())) return -1;
    std::string_view hay = b.view().substr(static_cast<size_t>(s.start), static_cast<size_t>(s.stop - s.start));
    size_t at = reverse ? hay.rfind(sub) : hay.find(sub);
    return at == std::string_view::npos ? -1 : s.start + static_cast<i64>(at);
}
PYRITE_BUILTIN("bytes.find") inline i64 bytes_find(const Bytes& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_find_in(b, sub.view(), start, end, false);
}
PYRITE_BUILTIN("bytes.find") inline i64 bytes_find(const Bytes& b, i64 byte, i64 start = 0, i64 end = INT64_MAX) {
    char c = static_cast<char>(byte_value(byte));
    return bytes_find_in(b, std::string_view(&c, 1), start, end, false);
}
PYRITE_BUILTIN("bytes.rfind") inline i64 bytes_rfind(const Bytes& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_find_in(b, sub.view(), start, end, true);
}
PYRITE_BUILTIN("bytes.rfind") inline i64 bytes_rfind(const Bytes& b, i64 byte, i64 start = 0, i64 end = INT64_MAX) {
    char c = static_cast<char>(byte_value(byte));
    return bytes_find_in(b, std::string_view(&c, 1), start, end, true);
}
PYRITE_BUILTIN("bytes.index") inline i64 bytes_index(const Bytes& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    i64 r = bytes_find_in(b, sub.view(), start, end, false);
    if (r < 0) raise(Exc::ValueError, "subsection not found");
    return r;
}
PYRITE_BUILTIN("bytes.count") inline i64 bytes_count(const Bytes& b, const Bytes& sub) {
    if (sub.len() == 0) return b.len() + 1;
    i64 c = 0;
    for (size_t at = b.view().find(sub.view()); at != std::string_view::npos; at = b.view().find(sub.view(), at + sub.view().size())) ++c;
    return c;
}
PYRITE_BUILTIN("bytes.count") inline i64 bytes_count(const Bytes& b, i64 byte) {
    char c = static_cast<char>(byte_value(byte));
    i64 k = 0;
    for (char x : b.view()) k += x == c;
    return k;
}
PYRITE_BUILTIN("bytes.startswith") inline bool bytes_startswith(const Bytes& b, const Bytes& prefix) {
    return b.view().substr(0, prefix.view().size()) == prefix.view();
}
PYRITE_BUILTIN("bytes.endswith") inline bool bytes_endswith(const Bytes& b, const Bytes& suffix) {
    return b.len() >= suffix.len() && b.view().substr(static_cast<size_t>(b.len() - suffix.len())) == suffix.view();
}
PYRITE_BUILTIN("bytes.replace") inline Bytes bytes_replace(const Bytes& b, const Bytes& old, const Bytes& with) {
    std::string out;
    std::string_view v = b.view(), o = old.view();
    if (o.empty()) {  // between every byte, and at both ends
        out += with.data();
        for (char c : v) out += c, out += with.data();
        return Bytes::of(std::move(out));
    }
    size_t at = 0;
    for (size_t f = v.find(o); f != std::string_view::npos; f = v.find(o, at)) {
        out.append(v.substr(at, f - at));
        out += with.data();
        at = f + o.size();
    }
    out.append(v.substr(at));
    return Bytes::of(std::move(out));
}
inline bool ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// b.split(): runs of ASCII whitespace; b.split(sep): at each sep (empty: ValueError "empty separator")
PYRITE_BUILTIN("bytes.split") PYRITE_RT List<Bytes> bytes_split(const Bytes& b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<Bytes> out = List<Bytes>::make();
    std::string_view v = b.view();
    size_t i = 0;
    while (true) {
        while (i < v.size() && ascii_space(static_cast<unsigned char>(v[i]))) ++i;
        if (i >= v.size()) break;
        size_t j = i;
        while (j < v.size() && !ascii_space(static_cast<unsigned char>(v[j]))) ++j;
        out.append(Bytes::of(std::string(v.substr(i, j - i))));
        i = j;
    }
    return out;
}
#endif
PYRITE_BUILTIN("bytes.split") PYRITE_RT List<Bytes> bytes_split(const Bytes& b, const Bytes& sep) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    List<Bytes> out = List<Bytes>::make();
    std::string_view v = b.view(), s = sep.view();
    size_t at = 0;
    for (size_t f = v.find(s); f != std::string_view::npos; f = v.find(s, at)) {
        out.append(Bytes::of(std::string(v.substr(at, f - at))));
        at = f + s.size();
    }
    out.append(Bytes::of(std::string(v.substr(at))));
    return out;
}
#endif
// b.partition(sep), b.rpartition(sep): (head, sep, tail), or b and two empty bytes
inline std::tuple<Bytes, Bytes, Bytes> bytes_partition_at(const Bytes& b, const Bytes& sep, bool reverse) {
    if (sep.len() == 0) raise(Exc::ValueError, "empty separator");
    std::string_view v = b.view();
    size_t at = reverse ? v.rfind(sep.view()) : v.find(sep.view());
    if (at == std::string_view::npos)
        return reverse ? std::tuple<Bytes, Bytes, Bytes>{Bytes::empty(), Bytes::empty(), b}
                       : std::tuple<Bytes, Bytes, Bytes>{b, Bytes::empty(), Bytes::empty()};
    return {Bytes::of(std::string(v.substr(0, at))), sep, Bytes::of(std::string(v.substr(at + sep.view().size())))};
}
PYRITE_BUILTIN("bytes.partition") inline std::tuple<Bytes, Bytes, Bytes> bytes_partition(const Bytes& b, const Bytes& sep) {
    return bytes_partition_at(b, sep, false);
}
PYRITE_BUILTIN("bytes.rpartition") inline std::tuple<Bytes, Bytes, Bytes> bytes_rpartition(const Bytes& b, const Bytes& sep) {
    return bytes_partition_at(b, sep, true);
}
PYRITE_BUILTIN("bool") inline bool bytes_bool(const Bytes& b) { return b.len() != 0; }
PYRITE_BUILTIN("bytes.join") PYRITE_RT Bytes bytes_join(const Bytes& sep, const List<Bytes>& parts) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    std::string out;
    for (i64 i = 0; i < parts.len(); ++i) {
        if (i) out += sep.data();
        out += parts.at(i).data();
    }
    return Bytes::of(std::move(out));
}
#endif
inline Bytes bytes_strip_by(const Bytes& b, bool left, bool right, const std::string_view* chars) {
    std::string_view v = b.view();
    auto strip = [&](unsigned char c) { return chars ? chars->find(static_cast<char>(c)) != std::string_view::npos : ascii_space(c); };
    size_t i = 0, j = v.size();
    if (left)
        while (i < j && strip(static_cast<unsigned char>(v[i]))) ++i;
    if (right)
        while (j > i && strip(static_cast<unsigned char>(v[j - 1]))) --j;
    return i == 0 && j == v.size() ? b : Bytes::of(std::string(v.substr(i, j - i)));
}
PYRITE_BUILTIN("bytes.strip") inline Bytes bytes_strip(const Bytes& b) { return bytes_strip_by(b, true, true, nullptr); }
PYRITE_BUILTIN("bytes.lstrip") inline Bytes bytes_lstrip(const Bytes& b) { return bytes_strip_by(b, true, false, nullptr); }
PYRITE_BUILTIN("bytes.rstrip") inline Bytes bytes_rstrip(const Bytes& b) { return bytes_strip_by(b, false, true, nullptr); }
PYRITE_BUILTIN("bytes.strip") inline Bytes bytes_strip(const Bytes& b, const Bytes& chars) {
    std::string_view c = chars.view();
    return bytes_strip_by(b, true, true, &c);
}
PYRITE_BUILTIN("bytes.lstrip") inline Bytes bytes_lstrip(const Bytes& b, const Bytes& chars) {
    std::string_view c = chars.view();
    return bytes_strip_by(b, true, false, &c);
}
PYRITE_BUILTIN("bytes.rstrip") inline Bytes bytes_rstrip(const Bytes& b, const Bytes& chars) {
    std::string_view c = chars.view();
    return bytes_strip_by(b, false, true, &c);
}
// ASCII case and classes, as bytes_methods.c's (Py_ISUPPER ...: ASCII only)
PYRITE_BUILTIN("bytes.upper") inline Bytes bytes_upper(const Bytes& b) {
    std::string out = b.data();
    for (char& c : out) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
    return Bytes::of(std::move(out));
}
PYRITE_BUILTIN("bytes.lower") inline Bytes bytes_lower(const Bytes& b) {
    std::string out = b.data();
    for (char& c : out) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    return Bytes::of(std::move(out));
}
template <class F>
inline bool bytes_all(const Bytes& b, F f) {
    if (b.len() == 0) return false;
    for (unsigned char c : b.view())
        if (!f(c)) return false;
    return true;
}
PYRITE_BUILTIN("bytes.isdigit") inline bool bytes_isdigit(const Bytes& b) { return bytes_all(b, [](unsigned char c) { return c >= '0' && c <= '9'; }); }
PYRITE_BUILTIN("bytes.isalpha") inline bool bytes_isalpha(const Bytes& b) {
    return bytes_all(b, [](unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; });
}
PYRITE_BUILTIN("bytes.isspace") inline bool bytes_isspace(const Bytes& b) { return bytes_all(b, ascii_space); }
PYRITE_BUILTIN("bytes.isascii") inline bool bytes_isascii(const Bytes& b) {
    for (unsigned char c : b.view())
        if (c > 127) return false;
    return true;
}

// ---------------------------------------------------------------- bytearray
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new() { return ByteArray::make(); }
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new(i64 n) { return ByteArray::of(bytes_new(n).data()); }
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new(const List<i64>& values) { return ByteArray::of(bytes_of_ints(values, "byte")); }
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new(const Str& s, const Str& encoding) {
    return ByteArray::of(str_encode(s, encoding).data());
}
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new(const Bytes& b) { return ByteArray::of(b.data()); }
PYRITE_BUILTIN("bytearray") inline ByteArray bytearray_new(const ByteArray& b) { return ByteArray::of(b.data()); }
PYRITE_BUILTIN("bytes") inline Bytes bytes_new(const ByteArray& b) { return Bytes::of(b.data()); }
PYRITE_BUILTIN("bool") inline bool bytearray_bool(const ByteArray& b) { return b.len() != 0; }

PYRITE_BUILTIN("bytearray.append") inline none_t bytearray_append(const ByteArray& b, i64 v) {
    char c = static_cast<char>(byte_value(v));
    b.append_bytes(std::string_view(&c, 1));
    return {};
}
PYRITE_BUILTIN("bytearray.extend") inline none_t bytearray_extend(const ByteArray& b, const Bytes& more) {
    b.append_bytes(more.view());
    return {};
}
PYRITE_BUILTIN("bytearray.extend") inline none_t bytearray_extend(const ByteArray& b, const ByteArray& more) {
    std::string copy = more.data();  // more may be b itself
    b.append_bytes(copy);
    return {};
}
PYRITE_BUILTIN("bytearray.extend") inline none_t bytearray_extend(const ByteArray& b, const List<i64>& more) {
    std::string add = bytes_of_ints(more, "byte");  // every value checked before any is added
    b.append_bytes(add);
    return {};
}
PYRITE_BUILTIN("bytearray.pop") inline i64 bytearray_pop(const ByteArray& b, i64 i = -1) {
    i64 n = b.len();
    if (n == 0) raise(Exc::IndexError, "pop from empty bytearray");
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(Exc::IndexError, "pop index out of range");
    i64 v = b.at(i);
    b.mut().erase(static_cast<size_t>(i), 1);
    return v;
}
PYRITE_BUILTIN("bytearray.insert") inline none_t bytearray_insert(const ByteArray& b, i64 i, i64 v) {
    char c = static_cast<char>(byte_value(v));
    i64 n = b.len();
    if (i < 0) i = std::max<i64>(i + n, 0);
    if (i > n) i = n;
    b.mut().insert(static_cast<size_t>(i), 1, c);
    return {};
}
PYRITE_BUILTIN("bytearray.remove") inline none_t bytearray_remove(const ByteArray& b, i64 v) {
    size_t at = b.view().find(static_cast<char>(byte_value(v)));
    if (at == std::string_view::npos) raise(Exc::ValueError, "value not found in bytearray");
    b.mut().erase(at, 1);
    return {};
}
PYRITE_BUILTIN("bytearray.clear") inline none_t bytearray_clear(const ByteArray& b) {
    b.mut().clear();
    return {};
}
PYRITE_BUILTIN("bytearray.reverse") inline none_t bytearray_reverse(const ByteArray& b) {
    std::string& d = b.mut();
    std::reverse(d.begin(), d.end());
    return {};
}
PYRITE_BUILTIN("bytearray.copy") inline ByteArray bytearray_copy(const ByteArray& b) { return ByteArray::of(b.data()); }

// what bytes' methods give that is not bytes, of a bytearray: those of its bytes now
inline Bytes bytes_now(const ByteArray& b) { return Bytes::of(b.data()); }
PYRITE_BUILTIN("bytearray.decode") inline Str bytearray_decode(const ByteArray& b) { return bytes_decode(bytes_now(b)); }
PYRITE_BUILTIN("bytearray.decode") inline Str bytearray_decode(const ByteArray& b, const Str& encoding) {
    return bytes_decode(bytes_now(b), encoding);
}
PYRITE_BUILTIN("bytearray.decode") inline Str bytearray_decode(const ByteArray& b, const Str& encoding, const Str& errors) {
    return bytes_decode(bytes_now(b), encoding, errors);
}
PYRITE_BUILTIN("bytearray.hex") inline Str bytearray_hex(const ByteArray& b) { return bytes_hex(bytes_now(b)); }
PYRITE_BUILTIN("bytearray.find") inline i64 bytearray_find(const ByteArray& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_find(bytes_now(b), sub, start, end);
}
PYRITE_BUILTIN("bytearray.find") inline i64 bytearray_find(const ByteArray& b, i64 byte, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_find(bytes_now(b), byte, start, end);
}
PYRITE_BUILTIN("bytearray.rfind") inline i64 bytearray_rfind(const ByteArray& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_rfind(bytes_now(b), sub, start, end);
}
PYRITE_BUILTIN("bytearray.rfind") inline i64 bytearray_rfind(const ByteArray& b, i64 byte, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_rfind(bytes_now(b), byte, start, end);
}
PYRITE_BUILTIN("bytearray.index") inline i64 bytearray_index(const ByteArray& b, const Bytes& sub, i64 start = 0, i64 end = INT64_MAX) {
    return bytes_index(bytes_now(b), sub, start, end);
}
PYRITE_BUILTIN("bytearray.count") inline i64 bytearray_count(const ByteArray& b, const Bytes& sub) { return bytes_count(bytes_now(b), sub); }
PYRITE_BUILTIN("bytearray.count") inline i64 bytearray_count(const ByteArray& b, i64 byte) { return bytes_count(bytes_now(b), byte); }
PYRITE_BUILTIN("bytearray.startswith") inline bool bytearray_startswith(const ByteArray& b, const Bytes& p) { return bytes_startswith(bytes_now(b), p); }
PYRITE_BUILTIN("bytearray.endswith") inline bool bytearray_endswith(const ByteArray& b, const Bytes& p) { return bytes_endswith(bytes_now(b), p); }
PYRITE_BUILTIN("bytearray.isdigit") inline bool bytearray_isdigit(const ByteArray& b) { return bytes_isdigit(bytes_now(b)); }
PYRITE_BUILTIN("bytearray.isalpha") inline bool bytearray_isalpha(const ByteArray& b) { return bytes_isalpha(bytes_now(b)); }
PYRITE_BUILTIN("bytearray.isspace") inline bool bytearray_isspace(const ByteArray& b) { return bytes_isspace(bytes_now(b)); }
PYRITE_BUILTIN("bytearray.isascii") inline bool bytearray_isascii(const ByteArray& b) { return bytes_isascii(bytes_now(b)); }

// what bytes' methods give that is bytes, of a bytearray: a new bytearray each (CPython's
// bytearray.strip() of nothing to strip is a new object too), of its bytes now
inline ByteArray bytearray_of(const Bytes& b) { return ByteArray::of(b.data()); }
PYRITE_BUILTIN("bytearray.upper") inline ByteArray bytearray_upper(const ByteArray& b) { return bytearray_of(bytes_upper(bytes_now(b))); }
PYRITE_BUILTIN("bytearray.lower") inline ByteArray bytearray_lower(const ByteArray& b) { return bytearray_of(bytes_lower(bytes_now(b))); }
PYRITE_BUILTIN("bytearray.strip") inline ByteArray bytearray_strip(const ByteArray& b) { return bytearray_of(bytes_strip(bytes_now(b))); }
PYRITE_BUILTIN("bytearray.lstrip") inline ByteArray bytearray_lstrip(const ByteArray& b) { return bytearray_of(bytes_lstrip(bytes_now(b))); }
PYRITE_BUILTIN("bytearray.rstrip") inline ByteArray bytearray_rstrip(const ByteArray& b) { return bytearray_of(bytes_rstrip(bytes_now(b))); }
PYRITE_BUILTIN("bytearray.strip") inline ByteArray bytearray_strip(const ByteArray& b, const Bytes& chars) {
    return bytearray_of(bytes_strip(bytes_now(b), chars));
}
PYRITE_BUILTIN("bytearray.lstrip") inline ByteArray bytearray_lstrip(const ByteArray& b, const Bytes& chars) {
    return bytearray_of(bytes_lstrip(bytes_now(b), chars));
}
PYRITE_BUILTIN("bytearray.rstrip") inline ByteArray bytearray_rstrip(const ByteArray& b, const Bytes& chars) {
    return bytearray_of(bytes_rstrip(bytes_now(b), chars));
}
PYRITE_BUILTIN("bytearray.replace") inline ByteArray bytearray_replace(const ByteArray& b, const Bytes& old, const Bytes& with) {
    return bytearray_of(bytes_replace(bytes_now(b), old, with));
}
PYRITE_BUILTIN("bytearray.join") inline ByteArray bytearray_join(const ByteArray& sep, const List<Bytes>& parts) {
    return bytearray_of(bytes_join(bytes_now(sep), parts));
}
PYRITE_BUILTIN("bytearray.partition") inline std::tuple<ByteArray, ByteArray, ByteArray> bytearray_partition(const ByteArray& b, const Bytes& sep) {
    auto [head, mid, tail] = bytes_partition(bytes_now(b), sep);
    return {bytearray_of(head), bytearray_of(mid), bytearray_of(tail)};
}
PYRITE_BUILTIN("bytearray.rpartition") inline std::tuple<ByteArray, ByteArray, ByteArray> bytearray_rpartition(const ByteArray& b, const Bytes& sep) {
    auto [head, mid, tail] = bytes_rpartition(bytes_now(b), sep);
    return {bytearray_of(head), bytearray_of(mid), bytearray_of(tail)};
}
// split: a list of new bytearrays (PYRITE_RT: a header's body would instantiate List<Bytes> and
// List<ByteArray> in every module, core.hpp's "The prebuilt runtime")
#if PYRITE_RT_BODIES
inline List<ByteArray> bytearrays_of(const List<Bytes>& parts) {
    List<ByteArray> out = List<ByteArray>::make();
    for (i64 i = 0; i < parts.len(); ++i) out.append(bytearray_of(parts.at(i)));
    return out;
}
#endif
PYRITE_BUILTIN("bytearray.split") PYRITE_RT List<ByteArray> bytearray_split(const ByteArray& b) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return bytearrays_of(bytes_split(bytes_now(b)));
}
#endif
PYRITE_BUILTIN("bytearray.split") PYRITE_RT List<ByteArray> bytearray_split(const ByteArray& b, const Bytes& sep) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return bytearrays_of(bytes_split(bytes_now(b), sep));
}
#endif

}  // namespace pyrite

namespace pyrite::capi {

inline bool from_py(PyObject* o, Bytes* out, const Where& w) {
    if (!PyBytes_Check(o)) return wrong_type(w, "bytes", o);
    *out = Bytes::of(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o)));
    return true;
}
inline PyObject* to_py(const Bytes& b, Boundary&) {
    return PyBytes_FromStringAndSize(b.data().data(), static_cast<Py_ssize_t>(b.len()));
}

// a bytearray argument is the caller's: its bytes copied in, and written back into the same
// object at the end of the call if compiled code changed it (one compiled object however many
// times it is passed)
inline bool bytearray_write_back(Boundary&, PyObject* py, Object* native) {
    const std::string& d = static_cast<ByteArrayObject*>(native)->data;
    if (PyByteArray_Resize(py, static_cast<Py_ssize_t>(d.size())) < 0) return false;
    if (!d.empty()) std::memcpy(PyByteArray_AS_STRING(py), d.data(), d.size());
    return true;
}
inline bool from_py(PyObject* o, ByteArray* out, const Where& w) {
    if (!PyByteArray_Check(o)) return wrong_type(w, "bytearray", o);
    if (int seen = already_converted<ByteArray, ByteArrayObject>(o, w, &bytearray_write_back, "bytearray", out)) return seen > 0;
    ByteArray b = ByteArray::of(std::string(PyByteArray_AS_STRING(o), static_cast<size_t>(PyByteArray_GET_SIZE(o))));
    w.boundary->add(o, b.object(), &bytearray_write_back);
    *out = b;
    return true;
}
inline PyObject* to_py(const ByteArray& b, Boundary& bd) {
    if (PyObject* py = bd.py_of(b.object())) return Py_NewRef(py);  // the caller's own object
    PyObject* r = PyByteArray_FromStringAndSize(b.data().data(), static_cast<Py_ssize_t>(b.len()));
    if (r) bd.add(r, b.object(), nullptr);
    return r;
}

}  // namespace pyrite::capi
