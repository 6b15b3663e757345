# opt/views.cpp: an entry point's list[dict[str, int | float | bool]] parameter used only as
# `for r in rows`, `rows[i]` and `len(rows)`, its records only as r["key"] reads, is read in
# place (the caller's objects: capi::PyView), and the function keeps the GIL. Any other use of
# the list or of a record, or a function compiled code also calls, keeps the copy.
# RUN: %pyrite ir %s --print-after views | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from collections import Counter

from pyrite import accelerate


@accelerate
def total(rows: list[dict[str, float]]) -> float:
    # CHECK-LABEL: def @total(%rows: list[dict[str, float]] (view)) -> float:
    # CHECK: local %r: dict[str, float] (view)
    # CPP-LABEL: static double f0_total(pyrite::capi::PyView v_rows) {
    # CPP: auto it0_0 = pyrite::capi::view_items(v_rows);
    # CPP: pyrite::capi::view_get<double>(v_r, PYRITE_PYSTR("price"), PYRITE_STR("price"))
    t = 0.0
    for r in rows:
        t += r["price"] * r["qty"]
    return t


@accelerate
def picked(rows: list[dict[str, int]], i: int) -> list[int]:
    # comprehensions, rows[i] read at once or kept in a local, len(rows)
    # CHECK-LABEL: def @picked(%rows: list[dict[str, int]] (view), %i: int) -> list[int]:
    # CHECK: local %r: dict[str, int] (view)
    # CPP-LABEL: static pyrite::List<pyrite::i64> f1_picked(pyrite::capi::PyView v_rows, pyrite::i64 v_i) {
    # CPP: v_r = pyrite::capi::view_item(v_rows, v_i);
    r = rows[i]
    return [q["a"] for q in rows if q["a"] > r["a"]] + [rows[-1]["b"], len(rows)]


@accelerate
def fields(rows: list[dict[str, str]]) -> float:
    # r.get("key"[, default]) and "key" in r; str values (csv.DictReader's rows)
    # CHECK-LABEL: def @fields(%rows: list[dict[str, str]] (view)) -> float:
    # CPP-LABEL: static double f2_fields(pyrite::capi::PyView v_rows) {
    # CPP: pyrite::capi::view_contains(v_row, PYRITE_PYSTR("amount"))
    # CPP: pyrite::capi::view_get_or<pyrite::Str, pyrite::Str>(v_row, PYRITE_PYSTR("kind"), PYRITE_STR("kind"), PYRITE_STR("sale"))
    t = 0.0
    for row in rows:
        if "amount" in row and row.get("kind", "sale") == "sale":
            t += float(row["amount"])
    return t


@accelerate
def ranked(rows: list[dict[str, float]], ws: list[float]) -> float:
    # enumerate's and zip's items: tuples whose dicts are the records
    # CHECK-LABEL: def @ranked(%rows: list[dict[str, float]] (view), %ws: list[float]) -> float:
    # CHECK: local %r: dict[str, float] (view)
    # CHECK: local %$0: tuple[int, dict[str, float]] (view)
    # CPP-LABEL: static double f3_ranked(pyrite::capi::PyView v_rows, pyrite::List<double> v_ws) {
    # CPP: std::tuple<pyrite::i64, pyrite::capi::PyView> t_0{};
    t = 0.0
    for i, r in enumerate(rows):
        t += i * r["x"]
    for w, r in zip(ws, rows):
        t += w * r["x"]
    return t


@accelerate
def long_words(words: list[str]) -> int:
    # a list of strs: each item converted when read (a plain Str local)
    # CHECK-LABEL: def @long_words(%words: list[str] (view)) -> int:
    # CHECK: local %w: str{{$}}
    # CPP-LABEL: static pyrite::i64 f4_long_words(pyrite::capi::PyView v_words) {
    # CPP: auto it0_0 = pyrite::capi::view_values<pyrite::Str>(v_words);
    # CPP: pyrite::capi::view_value<pyrite::Str>(v_words, INT64_C(0))
    n = 0
    for w in words:
        if len(w) > 5:
            n += 1
    return n + len(words[0])


@accelerate
def pairs_of_words(words: list[str], names: list[dict[str, str]], pts: list[tuple[float, float]]) -> int:
    # a read that converts a str, repeated per item (a loop over the list in another loop, a
    # record's str in a loop inside its own): the copy converts each once. A tuple of numbers
    # alone crosses without allocating: copied.
    # CHECK-LABEL: def @pairs_of_words(%words: list[str], %names: list[dict[str, str]], %pts: list[tuple[float, float]]) -> int:
    n = 0
    for a in words:
        for b in words:
            if a < b:
                n += 1
    for r in names:
        for k in range(3):
            n += len(r["name"]) + k
    return n + len(pts)


@accelerate
def stores(rows: list[dict[str, float]]) -> float:
    # a record changed: the copy (written back)
    # CHECK-LABEL: def @stores(%rows: list[dict[str, float]]) -> float:
    # CHECK: local %r: dict[str, float]{{$}}
    for r in rows:
        r["seen"] = 1.0
    return float(len(rows))


def helper(r: dict[str, float]) -> float:
    return r["x"]


@accelerate
def passes_on(rows: list[dict[str, float]]) -> float:
    # a record given to a function, the list returned, or held by a try: the copy
    # CHECK-LABEL: def @passes_on(%rows: list[dict[str, float]]) -> float:
    return sum(helper(r) for r in rows)


@accelerate
def returned(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    # CHECK-LABEL: def @returned(%rows: list[dict[str, float]]) -> list[dict[str, float]]:
    for r in rows:
        if r["x"] > 0:
            return rows
    return rows


@accelerate
def handled(rows: list[dict[str, float]]) -> float:
    # CHECK-LABEL: def @handled(%rows: list[dict[str, float]]) -> float:
    t = 0.0
    for r in rows:
        try:
            t += r["x"]
        except KeyError:
            t -= 1.0
    return t


@accelerate
def by_key(rows: list[dict[str, float]], key: str) -> float:
    # a key that is not a constant: the copy
    # CHECK-LABEL: def @by_key(%rows: list[dict[str, float]], %key: str) -> float:
    return sum(r[key] for r in rows)


@accelerate
def called(rows: list[dict[str, float]]) -> float:
    # CHECK-LABEL: def @called(%rows: list[dict[str, float]]) -> float:
    return sum(r["x"] for r in rows)


@accelerate
def caller(rows: list[dict[str, float]]) -> float:
    # compiled code calls `called`: its parameter is a compiled list there
    return called(rows) + 1.0


@accelerate
def word_counts(words: list[str], again: list[str]) -> int:
    # Counter() and set() of a list of strs: each item counted or added as it is converted; in a
    # loop (read whole once per iteration), the copy
    # CHECK-LABEL: def @word_counts(%words: list[str] (view), %again: list[str]) -> int:
    # CPP-LABEL: static pyrite::i64 f13_word_counts(pyrite::capi::PyView v_words, pyrite::List<pyrite::Str> v_again) {
    # CPP: pyrite::collections::counter_of_items<pyrite::Str>(pyrite::capi::view_values<pyrite::Str>(v_words))
    # CPP: pyrite::Set<pyrite::Str>::from_items(pyrite::capi::view_values<pyrite::Str>(v_words))
    n = len(Counter(words)) + len(set(words))
    for k in range(2):
        n += len(set(again)) + k
    return n


@accelerate
def stopped(words: list[str], stop: list[str]) -> int:
    # `in` and count() of a list of strs: compared in place, in a loop too (no Str made)
    # CHECK-LABEL: def @stopped(%words: list[str] (view), %stop: list[str] (view)) -> int:
    # CPP-LABEL: static pyrite::i64 f14_stopped(pyrite::capi::PyView v_words, pyrite::capi::PyView v_stop) {
    # CPP: (!pyrite::capi::view_list_contains(v_stop, v_w))
    # CPP: pyrite::capi::view_list_count(v_words, PYRITE_STR("the"))
    n = 0
    for w in words:
        if w not in stop:
            n += 1
    return n + words.count("the")
