"""Match objects and compiled patterns in compiled code (runtime/include/pyrite/re.hpp): re.search,
re.match, re.fullmatch, re.finditer, re.compile and a Pattern's methods run in CPython's re; a
match's groups, spans and attributes are read from what CPython found. A group that did not take
part in the match is None in CPython, which compiled code's str cannot hold: group() raises a
TypeError saying so (groups(default), groupdict(default) and start() == -1 are the ways around).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

import pytest

from difftest import check, check_all
from pyrite import accelerate

TEXTS = ["", "key=1 other=22 key=300", "2024-01-05 and 2023-12-31, not 2023-13", "héllo wörld=7 😀=8",
         "no digits here", "a=1\nb=2"]


@accelerate
def totals(lines: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    pat = re.compile(r"(\w+)=(\d+)")
    for line in lines:
        m = pat.search(line)
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + int(m.group(2))
    return counts


@accelerate
def dates(text: str) -> list[tuple[str, str, str, int, int]]:
    out = []
    for m in re.finditer(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", text):
        if 1 <= int(m["m"]) <= 12:
            out.append((m.group("y"), m[2], m.group(3), m.start(), m.end("d")))
    return out


@accelerate
def parts(text: str) -> tuple[str, tuple[str, ...], dict[str, str], tuple[int, int], int, int, str]:
    m = re.search(r"(?P<key>\w+)\s*=\s*(?P<value>\d+)(?P<unit>[a-z]+)?", text)
    if m is None:
        return "", (), {}, (-1, -1), -1, -1, "none"
    last = m.lastindex
    group = m.lastgroup
    return (m.group(), m.groups("?"), m.groupdict("-"), m.span("value"), m.start(3),
            last if last is not None else -1, group if group is not None else "")


@accelerate
def matches(text: str, pos: int) -> tuple[bool, bool, bool, bool, list[str], list[str], str, int]:
    p = re.compile(r"[a-z]+", re.IGNORECASE)
    found = p.search(text, pos)
    words = p.findall(text, pos)
    new, n = p.subn("_", text, count=2)
    return (found is not None, p.match(text) is not None, p.fullmatch(text) is not None,
            re.fullmatch(r"\w*", text) is not None, words, p.split(text, 1), new, n)


@accelerate
def walrus(lines: list[str]) -> list[int]:
    out = []
    for line in lines:
        if (m := re.match(r"\s*(\d+)", line)) is not None:
            out.append(int(m.group(1)) + m.end())
        elif m := re.search(r"#(\d)", line):
            out.append(-int(m[1]))
    return out


@accelerate
def attributes(text: str) -> tuple[str, int, int, str, int, int, dict[str, int], str]:
    p = re.compile(r"(?P<a>a+)(b)?", re.M)
    m = p.search(text, 1, 6)
    if not m:
        return p.pattern, p.flags, p.groups, "", -1, -1, dict(p.groupindex), ""
    return p.pattern, p.flags, p.groups, m.string, m.pos, m.endpos, dict(p.groupindex), m.re.pattern


@accelerate
def shown(text: str) -> tuple[str, str, str]:
    m = re.search(r"\w+", text)
    p = re.compile(r"\d+", re.I)
    return repr(m), f"{m}", repr(p)


@accelerate
def no_such_group(text: str, g: int, name: str) -> str:
    m = re.match(r"(a)(?P<x>b)?", text)
    assert m is not None
    return m.group(g) + m.group(name)


@accelerate
def unmatched(text: str) -> str:
    m = re.match(r"(a)(b)?", text)
    return m.group(2) if m else ""


@accelerate
def compiled_twice(text: str) -> bool:
    p = re.compile(r"x+")
    return re.compile(p).search(text) is not None


@accelerate
def invalid(pattern: str) -> bool:
    return re.search(pattern, "abc") is not None


def test_matches_as_cpython_finds_them():
    check(totals, TEXTS)
    check(totals, [])
    check_all(dates, TEXTS)
    check_all(parts, TEXTS + ["x = 12kg", "x=3"])
    check_all(matches, TEXTS + ["abc", "ABC def", "12"], [0, 2, 50])
    check(walrus, ["12 apples", "  7", "none", "tag #4", "#x", ""])
    check_all(attributes, ["xaab", "aaaaaaaa", "bbb", "", "xa"])
    check_all(shown, ["hello world", "x" * 80, "héllo 😀"])
    check(compiled_twice, "axxb")
    check(compiled_twice, "ab")


def test_what_cpython_raises():
    check(no_such_group, "ab", 3, "x")  # IndexError: no such group
    check(no_such_group, "ab", 1, "y")
    check(no_such_group, "ab", -1, "x")
    check(no_such_group, "ab", 1, "x")
    check(invalid, "(unclosed")  # re.error with CPython's message
    check(invalid, "[a-")
    with pytest.raises(re.error, match="missing"):
        invalid("(unclosed")
    check(shown, "")  # repr(None) of no match
    check(unmatched, "ab")
    check(unmatched, "")
    with pytest.raises(TypeError, match="group 2 did not take part in the match"):
        unmatched("ac")  # CPython gives None
    assert unmatched.py_func("ac") is None


@accelerate
def search_with(pat: re.Pattern[str], text: str) -> Optional[re.Match[str]]:
    return pat.search(text)


@accelerate
def make_pattern(word: str) -> re.Pattern:
    return re.compile(re.escape(word) + "s?")


def test_patterns_and_matches_cross_the_boundary():
    p = re.compile(r"(\d+)-(\d+)")
    m = search_with(p, "call 555-1234 now")
    assert m is not None and m.groups() == ("555", "1234") and m.span() == (5, 13) and m.re is p
    assert search_with(p, "nothing") is None
    q = make_pattern("cat")
    assert isinstance(q, re.Pattern) and q.pattern == "cats?" and q.findall("cat cats") == ["cat", "cats"]
    with pytest.raises(TypeError, match="re.Pattern"):
        search_with("(a)", "a")
    with pytest.raises(TypeError):
        search_with(re.compile(rb"a"), "a")  # a bytes pattern


@dataclass
class Rule:
    name: str
    pattern: re.Pattern[str]


class Lexer:
    def __init__(self, rules: list[tuple[str, str]]):
        self.rules = [Rule(n, re.compile(p)) for n, p in rules]

    def tokens(self, text: str) -> Iterator[tuple[str, str]]:
        pos = 0
        while pos < len(text):
            for rule in self.rules:
                m = rule.pattern.match(text, pos)
                if m:
                    if rule.name != "ws":
                        yield rule.name, m.group()
                    pos = m.end()
                    break
            else:
                raise ValueError(f"unexpected {text[pos]!r} at {pos}")


@accelerate
def lex(text: str) -> dict[str, list[str]]:
    lexer = Lexer([("num", r"\d+(?:\.\d+)?"), ("name", r"[A-Za-z_]\w*"), ("op", r"[-+*/=()]"), ("ws", r"\s+")])
    kinds: dict[str, list[str]] = {}
    for kind, text_ in lexer.tokens(text):
        kinds.setdefault(kind, []).append(text_)
    return kinds


@accelerate
def spans_sorted(text: str) -> list[tuple[int, int]]:
    ms = list(re.finditer(r"\w+", text))
    ms.sort(key=lambda m: (m.end() - m.start(), m.start()), reverse=True)
    return [m.span() for m in ms]


def test_in_classes_generators_and_sorts():
    check(lex, "x = 3.5 * (y + 42)")
    check(lex, "")
    check(lex, "a $ b")  # ValueError raised inside the generator
    check_all(spans_sorted, TEXTS)


# patterns compiled at module level, as scripts write them: compiled in as re.compile(text, flags)
WORD = re.compile(r"[a-z']+")
KEYVAL = re.compile(r"^(\w+)\s*=\s*(\d+)$", re.IGNORECASE | re.MULTILINE)
LONG = re.compile("|".join(f"w{i:03d}" for i in range(60)))  # a repr of 200 characters cuts it


@accelerate
def global_patterns(text: str) -> tuple[list[str], list[tuple[str, str]], int]:
    words = WORD.findall(text.lower())
    pairs = [(m.group(1), m.group(2)) for m in KEYVAL.finditer(text)]
    return words, pairs, len(LONG.findall(text))


def test_global_compiled_patterns_are_compiled_in():
    for text in TEXTS + ["A = 1\nb=22\nKey = x\nw001 w059 w060 it's", "w058w057"]:
        check(global_patterns, text)


def test_a_global_pattern_bound_anew_is_compiled_again():
    global WORD, LONG
    word, long = WORD, LONG
    try:
        assert global_patterns("ab cd w058") == (["ab", "cd", "w"], [], 1)
        WORD = re.compile(r"[a-c]")
        assert global_patterns("ab cd w058") == (["a", "b", "c"], [], 1)
        WORD = word
        LONG = re.compile(long.pattern.replace("w058", "w999"))  # its repr is LONG's: == tells them apart
        assert global_patterns("ab cd w058") == (["ab", "cd", "w"], [], 0)
    finally:
        WORD, LONG = word, long
