"""re.split, re.findall, re.sub and re.escape in compiled code: CPython's own re module runs them
(runtime/include/pyrite/re.hpp), so results and errors are its own; what a list[str] or a str
cannot hold is a TypeError saying why.
"""
import re

import pytest

from pyrite import accelerate
from difftest import check, check_all

TEXTS = ["", "The cat sat. On the mat! Did it? Yes.", "a1b22c333", "  spaced   out  ", "héllo wörld 😀 ok",
         "x,y;;z"]


@accelerate
def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[.!?]+", text) if s.strip()]


@accelerate
def tokens(text: str, flags: int) -> tuple[list[str], list[str], str, str, list[str]]:
    words = re.findall(r"[a-zà-ÿ]+", text, flags)
    digits = re.findall(r"(\d+)", text)
    squeezed = re.sub(r"\s+", " ", text).strip()
    masked = re.sub("[aeiou]", "*", text, count=2, flags=flags)
    fields = re.split(r"[,;]", text, maxsplit=2)
    return words, digits, squeezed, masked, fields


@accelerate
def escaped(text: str) -> tuple[str, list[str]]:
    return re.escape(text), re.split(re.escape(text[:1]), text) if text else [text]


@accelerate
def bad_pattern(p: str, text: str) -> list[str]:
    return re.findall(p, text)


@accelerate
def word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in re.findall(r"\w+", text.lower()):
        counts[w] = counts.get(w, 0) + 1
    return counts


def test_split_findall_sub_match_cpython():
    check_all(sentences, TEXTS)
    check_all(tokens, TEXTS, [0, re.IGNORECASE])
    check_all(escaped, TEXTS + ["a.b*c"])
    check_all(word_counts, TEXTS)


def test_what_cpython_raises_and_what_compiled_code_cannot_hold():
    check(bad_pattern, "(unclosed", "x")  # re.error, CPython's message
    check(bad_pattern, "", "abc")
    with pytest.raises(TypeError, match="several groups gives tuples"):
        bad_pattern(r"(a)(b)", "ab")


@accelerate
def flagged(text: str) -> list[str]:
    return re.findall("cat", text, re.IGNORECASE)  # re.I read from the module, as its int


def test_flags_from_the_module():
    check(flagged, "Cat cAT dog CAT")


@accelerate
def fields_or_none(text: str):
    # an empty display in one branch takes the other branch's type
    return re.split(",", text) if text else [], {} if not text else {"n": len(text)}


def test_an_empty_display_in_the_other_branch():
    check_all(fields_or_none, ["", "a,b", ","])
