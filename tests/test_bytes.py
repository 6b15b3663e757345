"""bytes in compiled code (issue 19): literals, indexing (an int), slicing, + and *, comparisons,
`in`, iteration, hashing (dict keys and set members), repr, the common methods, bytes(...)
and bytes.fromhex, and str.encode / bytes.decode with CPython's utf-8, ascii and latin-1 codecs
and their error handlers (runtime/include/pyrite/bytes.hpp). Each is compared with CPython,
errors included: UnicodeDecodeError and UnicodeEncodeError reach the caller with CPython's
encoding, object, start, end and reason."""
import pytest

from difftest import check, compile_error
import pyrite
from pyrite import accelerate


@accelerate
def basics(b: bytes, i: int, j: int) -> tuple[int, int, bytes, bytes, bytes, bool, bool, bool, str, bool]:
    return (len(b), b[i], b[i:j], b[::-1] + b"|" + b[::2], b * 2 + 3 * b"-", b"ab" in b, 97 in b, b < b"b",
            repr(b), bool(b))


@accelerate
def byte_at(b: bytes, i: int) -> int:
    return b[i]


@accelerate
def contains_int(b: bytes, v: int) -> bool:
    return v in b


@accelerate
def items(b: bytes) -> tuple[int, list[int], list[int], int]:
    total = 0
    for x in b:
        total += x
    first, *rest = b
    return total, [x ^ 0xFF for x in b if x < 128], rest, first


@accelerate
def keyed(words: list[bytes]) -> tuple[dict[bytes, int], list[bytes], set[bytes], bytes, bytes]:
    d = {}
    for w in words:
        d[w] = d.get(w, 0) + 1
    return d, sorted(words), set(words), max(words), min(words)


@accelerate
def methods(b: bytes, sep: bytes) -> tuple[list[bytes], list[bytes], bytes, bytes, int, int, int, int, bool, bool]:
    return (b.split(), b.split(sep), sep.join(b.split()), b.strip().upper().lower(), b.find(sep), b.rfind(sep),
            b.count(sep), b.count(32), b.startswith(sep), b.endswith(sep))


@accelerate
def more_methods(b: bytes) -> tuple[bytes, bytes, bytes, str, str, bool, bool, bool, bool, bytes,
                                   tuple[bytes, bytes, bytes], tuple[bytes, bytes, bytes]]:
    return (b.replace(b"a", b"AA"), b.lstrip(), b.rstrip(), b.hex(), b.hex(":"), b.isdigit(), b.isalpha(),
            b.isspace(), b.isascii(), b.strip(b"xa "), b.partition(b","), b.rpartition(b","))


@accelerate
def index_of(b: bytes, sub: bytes) -> int:
    return b.index(sub)


@accelerate
def made(n: int, values: list[int], s: str) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    return bytes(), bytes(n), bytes(values), bytes(s, "utf-8"), bytes(b"copy")


@accelerate
def from_hex(s: str) -> bytes:
    return bytes.fromhex(s)


@accelerate
def decode(b: bytes, encoding: str, errors: str) -> str:
    return b.decode(encoding, errors)


@accelerate
def decode_default(b: bytes) -> str:
    return b.decode()


@accelerate
def encode(s: str, encoding: str, errors: str) -> bytes:
    return s.encode(encoding, errors=errors)


@accelerate
def round_trip(s: str) -> tuple[bytes, str, int, bytes, bytes]:
    b = s.encode()
    return b, b.decode("utf-8"), len(b) - len(s), s.encode("latin-1", "replace"), s.encode("ascii", "ignore")


@accelerate
def decode_or_fallback(lines: list[bytes]) -> list[str]:
    out = []
    for line in lines:
        try:
            out.append(line.decode("ascii"))
        except UnicodeDecodeError as e:
            out.append("bad: " + str(e))
    return out


ODD = [b"", b"a", b"hello world", b"\x00\xff\x80'\"\\\n\t", b"  spaced out  ", b"a,b,,c", b"123", b"ABCdef"]


def test_operations_are_cpython_s():
    for b in ODD:
        check(basics, b, 0, 3)
        check(basics, b, -1, -3)
        check(items, b)
        check(methods, b, b",")
        check(methods, b, b" ")
        check(more_methods, b)
    check(byte_at, b"abc", 3)  # IndexError: index out of range
    check(byte_at, b"abc", -4)
    check(contains_int, b"abc", 98)
    check(contains_int, b"abc", 256)  # ValueError: byte must be in range(0, 256)
    check(index_of, b"abcabc", b"ca")
    check(index_of, b"abcabc", b"x")  # ValueError: subsection not found
    check(keyed, [b"pear", b"apple", b"pear", b"\xff", b""])


def test_constructors_and_fromhex():
    check(made, 3, [0, 65, 255], "héllo")
    check(made, -1, [], "")  # ValueError: negative count
    check(made, 0, [256], "")  # ValueError: bytes must be in range(0, 256)
    for s in ["de ad BE ef", "", "  ", "abc", "0g", "a b", "00ff"]:
        check(from_hex, s)


def test_codecs_are_cpython_s():
    samples = [b"plain", b"h\xc3\xa9llo", b"\xff", b"ab\xe2\x82", b"\xed\xa0\x80x", b"\xf0\x9f\x98\x80!", b"\xc3",
               b"\xe0\x80\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"caf\xe9"]
    for b in samples:
        for encoding in ["utf-8", "UTF8", "ascii", "latin-1", "iso-8859-1"]:
            for errors in ["strict", "ignore", "replace", "backslashreplace"]:
                check(decode, b, encoding, errors)
        check(decode_default, b)
    texts = ["plain", "héllo", "h€llo wörld", "a\ud800b\udfffc", "🎉 party", "\x00\x7f\x80\xff\u0100"]
    for s in texts:
        for encoding in ["utf-8", "ascii", "latin1", "Latin-1"]:
            for errors in ["strict", "ignore", "replace", "backslashreplace"]:
                check(encode, s, encoding, errors)
    # other codecs and handlers are CPython's own
    check(decode, b"caf\xe9 \x80", "cp1252", "strict")
    check(decode, b"x\xff", "utf-8", "surrogateescape")
    check(decode, b"x", "koi8-r", "strict")
    check(decode, b"x", "no-such-codec", "strict")  # LookupError: unknown encoding
    check(decode, b"x", "utf-8", "nope")  # a handler is looked up only when an error needs it
    check(decode, b"\xff", "utf-8", "nope")
    check(encode, "caf\xe9 \u20ac", "cp1252", "strict")
    check(encode, "h\u20acllo", "ascii", "xmlcharrefreplace")
    check(encode, "x\udcff", "utf-8", "surrogateescape")
    check(encode, "abc", "rot13", "strict")  # TypeError: a text encoding
    check(round_trip, "naïve café 🎉")
    check(round_trip, "")


def test_codec_errors_are_cpython_s_objects():
    with pytest.raises(UnicodeDecodeError) as err:
        decode(b"ok\xe2\x82", "utf-8", "strict")
    e = err.value
    assert (e.encoding, e.object, e.start, e.end, e.reason) == ("utf-8", b"ok\xe2\x82", 2, 4, "unexpected end of data")
    with pytest.raises(UnicodeEncodeError) as err:
        encode("ab€€c", "latin-1", "strict")
    e = err.value
    assert (e.encoding, e.object, e.start, e.end, e.reason) == ("latin-1", "ab€€c", 2, 4, "ordinal not in range(256)")
    check(decode_or_fallback, [b"fine", b"caf\xe9", b"\x80\x81"])


# bytes in combination: a generator of records parsed from bytes, into a dict of lists
def records(blob: bytes):
    for line in blob.split(b"\n"):
        if not line:
            continue
        key, _, value = line.partition(b"=")
        yield key.decode(), int(value.decode())


@accelerate
def parse_config(blob: bytes) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for k, v in records(blob):
        out.setdefault(k, []).append(v)
    return out


def test_bytes_in_combination():
    check(parse_config, b"a=1\nb=2\n\na=3\n")
    check(parse_config, b"a=1\nb=x\n")  # ValueError from int()
    check(parse_config, b"\xff=1\n")  # UnicodeDecodeError from the generator


# ---------------------------------------------------------------- bytearray: mutable, shared
@accelerate
def build_frame(payload: bytes, tag: int) -> bytearray:
    out = bytearray()
    out.append(tag)
    out.extend(bytes([len(payload) >> 8, len(payload) & 255]))
    out += payload
    out.extend([0, 255])
    return out


@accelerate
def edit(buf: bytearray, i: int, v: int) -> tuple[int, int, bool, bytes]:
    buf[i] = v  # the caller's bytearray changes in place
    buf[0] ^= 0xFF
    first = buf.pop(0)
    buf.insert(-1, 42)
    return first, len(buf), 42 in buf, bytes(buf)


@accelerate
def shapes(buf: bytearray) -> tuple[bytearray, bytearray, bytearray, bytes, bool, bool, str, str, int, str]:
    alias = buf
    alias *= 2  # in place: buf sees it
    copy = buf.copy()
    copy.reverse()
    del copy[0]
    del copy[::2]
    return (buf[1:4], buf + b"!", copy, b"<" + buf, buf == bytes(buf), buf < b"zz", repr(buf), buf.decode("latin-1"),
            buf.find(b"b"), buf.hex())


@accelerate
def xor_cipher(data: bytes, key: bytes) -> bytearray:
    out = bytearray(len(data))
    for i in range(len(data)):
        out[i] = data[i] ^ key[i % len(key)]
    return out


@accelerate
def remove_all(buf: bytearray, v: int) -> int:
    n = 0
    while v in buf:
        buf.remove(v)
        n += 1
    if n > 2:
        buf.clear()
    return n


def test_bytearray_is_cpython_s():
    check(build_frame, b"hello", 7)
    check(build_frame, b"", 0)
    check(build_frame, b"x", 256)  # ValueError: byte must be in range(0, 256)
    check(edit, bytearray(b"abcdef"), 2, 90)
    check(edit, bytearray(b"abc"), 5, 1)    # IndexError: bytearray index out of range
    check(edit, bytearray(b"abc"), 1, 300)  # ValueError, the bytearray unchanged
    check(edit, bytearray(b"a"), 0, 1)
    check(shapes, bytearray(b"abc"))
    check(shapes, bytearray())
    check(xor_cipher, b"attack at dawn", b"key")
    check(remove_all, bytearray(b"banana"), 97)
    check(remove_all, bytearray(b"xyz"), 256)  # ValueError from `in`


@accelerate
def new_bytearrays(buf: bytearray, sep: bytes) -> tuple[bytearray, bytearray, bytearray, bytearray, bytearray,
                                                        bytearray, list[bytearray], list[bytearray], bytearray]:
    stripped = buf.strip()
    stripped.append(33)  # a new object: buf does not see it
    parts = buf.split(sep)
    for p in parts:
        p.extend(b".")  # each part its own bytearray
    return (buf.upper(), buf.lower(), stripped, buf.lstrip(b" x"), buf.rstrip(b" x"), buf.replace(sep, b"<>"),
            buf.split(), parts, buf)


@accelerate
def bytearray_pieces(buf: bytearray, sep: bytes) -> tuple[tuple[bytearray, bytearray, bytearray],
                                                           tuple[bytearray, bytearray, bytearray], bytearray, int, int]:
    joined = bytearray(b", ").join([bytes(p) for p in buf.split(sep)])
    return buf.partition(sep), buf.rpartition(sep), joined, buf.rfind(120), b"x-y-x".rfind(120)


@accelerate
def bytes_strip_chars(b: bytes) -> tuple[bytes, bytes, bytes]:
    return b.lstrip(b"ab"), b.rstrip(b"ab"), b.strip(b"ab")


def test_bytearray_methods_make_new_bytearrays():
    for buf, sep in [(bytearray(b"  ax,b,,c x "), b","), (bytearray(), b","), (bytearray(b"abc"), b"abc"),
                     (bytearray(b"no separator"), b";"), (bytearray(b" \t\n"), b" ")]:
        check(new_bytearrays, buf, sep)
        check(bytearray_pieces, buf, sep)
    check(new_bytearrays, bytearray(b"a,b"), b"")    # ValueError: empty separator
    check(bytearray_pieces, bytearray(b"a,b"), b"")  # ValueError: empty separator
    check(bytearray_pieces, bytearray(b"a"), b"a")
    for b in [b"abxba", b"", b"ab", b"xyz", b"aaxbb"]:
        check(bytes_strip_chars, b)
    out = new_bytearrays(bytearray(b" q,r "), b",")
    assert all(type(x) is bytearray for x in out[:6]) and all(type(p) is bytearray for p in out[7])


@accelerate
def touch(buf: bytearray, twice: bytearray) -> bytearray:
    buf.append(33)
    twice.append(63)  # the same object passed twice is one bytearray
    return buf


def test_a_bytearray_argument_is_the_callers():
    buf = bytearray(b"abcdef")
    ref = bytearray(b"abcdef")
    assert edit(buf, 2, 90) == pyrite.interpreted(edit)(ref, 2, 90)
    assert buf == ref  # changed in place, as CPython changes it
    b = bytearray(b"hi")
    out = touch(b, b)
    assert out is b and b == bytearray(b"hi!?")  # returned as the caller's own object
    assert type(xor_cipher(b"ab", b"k")) is bytearray
    with pytest.raises(TypeError, match=r"argument 'buf' must be bytearray, not bytes"):
        edit(b"abc", 0, 1)


@accelerate
def slice_stores(buf: bytearray, b: bytes, xs: list[int], lo: int, hi: int, step: int) -> bytearray:
    buf[lo:hi] = b  # a plain slice is replaced: the bytearray grows or shrinks
    buf[lo:hi:step] = bytes(len(buf[lo:hi:step]))
    buf[hi:lo] = xs  # inserted at hi
    buf[::3] = buf[::3]
    buf[:] = buf  # from a copy of itself
    return buf


@accelerate
def sieve(n: int) -> list[int]:
    flags = bytearray([1]) * (n + 1)
    flags[0:2] = b"\x00\x00"
    for i in range(2, int(n ** 0.5) + 1):
        if flags[i]:
            flags[i * i::i] = bytes(len(range(i * i, n + 1, i)))
    return [i for i, v in enumerate(flags) if v]


@accelerate
def extended_store(buf: bytearray, b: bytes, step: int) -> bytearray:
    buf[::step] = b  # as many bytes as the slice has, or none (then deleted)
    return buf


@accelerate
def from_ints(xs: list[int]):
    buf = bytearray(xs)  # "byte must be in range(0, 256)", where bytes() says "bytes"
    buf.extend(xs)
    return buf, bytes(xs)


def test_bytearray_slice_assignment():
    for xs in ([], [1, 255], [256], [-1]):
        check(from_ints, xs)
    # bytearray_ass_subscript: bytes, a bytearray or ints (each checked: ValueError past 255)
    for lo, hi, step in ((0, 2, 1), (1, 5, 2), (5, 1, -1), (-3, 100, 3), (0, 0, 1)):
        for xs in ([], [1, 2], [300], [-1]):
            check(slice_stores, bytearray(b"abcdefgh"), b"XY", xs, lo, hi, step)
    for n in (0, 1, 2, 50, 97):
        check(sieve, n)
    for b in (b"", b"XYZ", b"XYZW", b"Q"):
        for step in (2, -3, 1):
            check(extended_store, bytearray(b"abcdefgh"), b, step)


@pytest.mark.parametrize("body, expected", [
    ("c = bytearray(b)\n    c[0:1] = 'x'\n    return c", "can assign only bytes, buffers, or iterables of ints in range(0, 256)"),
    ("c = bytearray(b)\n    c[0:1] = 7\n    return c", "can assign only bytes, buffers, or iterables of ints in range(0, 256)"),
    ("return 'a' in b", "a bytes-like object is required, not 'str'"),
    ("return b + 'x'", "unsupported operand"),
    ("return b.frobnicate()", "'bytes' object has no attribute 'frobnicate'"),
    ("return b['x']", "byte indices must be integers or slices, not str"),
    ("return {bytearray(b): 1}", "unhashable type: 'bytearray'"),
    ("c = bytearray(b)\n    c[0] = 'x'\n    return c", "'str' object cannot be interpreted as an integer"),
])
def test_misuse_is_a_diagnostic(tmp_path, body, expected):
    err = compile_error(tmp_path, "bytes_misuse_" + str(abs(hash(body))), f"""
from pyrite import accelerate

@accelerate
def f(b: bytes):
    {body}
""", b"x")
    assert err.count("error:") == 1, err
    assert expected in err, err
