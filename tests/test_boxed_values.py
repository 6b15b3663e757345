"""A dict display whose values have several types ({"count": 3, "top": [...]}) holds each value as
itself, an `object` (TypeKind::Boxed, runtime/include/pyrite/boxed.hpp): it prints, compares and
orders by its value as CPython does, tests true and crosses to Python as the value it is. What
needs the value's type (arithmetic, a method) is a diagnostic naming `object`."""
import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


@accelerate
def word_stats(text: str) -> dict:
    words = [w.strip(".,!?").lower() for w in text.split()]
    words = [w for w in words if w]
    freq: dict[str, int] = {}
    for w in words:
        freq[w] = freq.get(w, 0) + 1
    top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return {"words": len(words), "unique": len(freq), "avg_len": round(sum(map(len, words)) / max(len(words), 1), 2),
            "top": top, "empty": not words, "first": words[0] if words else None}


@accelerate
def config(debug: bool, port: int) -> tuple:
    db = {"host": "localhost", "port": port, "tags": ["a", "b"]}
    cfg = {"db": db, "debug": debug, "ratio": 0.5}
    tags = db["tags"]
    same = cfg == {"db": {"host": "localhost", "port": port, "tags": ["a", "b"]}, "debug": debug, "ratio": 0.5}
    rows = [{"name": "x", "n": 1}, {"name": "y", "n": 2.5}]
    text = f"{cfg['debug']} {db['port']!r} {db['host']}"
    return cfg, str(cfg), repr(db["tags"]), same, rows, text, "port" in db, len(db), 1 if db["port"] else 0, list(db)


@accelerate
def aliased(n: int) -> dict:
    xs = [1, 2]
    d = {"xs": xs, "n": n}
    xs.append(3)  # the dict holds the list itself: CPython's d["xs"] sees the append
    return d


def test_dicts_of_values_of_several_types():
    check_all(word_stats, ["The cat sat on the mat. The dog sat!", "", "a a b"])
    check_all(config, [True, False], [0, 5432])
    check(aliased, 7)


@pytest.mark.parametrize("body, message", [
    ("d = {'a': 1, 'b': 'x'}\n    return d['a'] + 1", "'object'"),
    ("d = {'a': 1, 'b': 'x'}\n    return d['b'].upper()", "'object' object has no attribute 'upper'"),
])
def test_what_needs_the_type_is_a_diagnostic(tmp_path, body, message):
    text = compile_error(tmp_path, "boxed_" + str(abs(hash(body)) % 1000), f"""
from pyrite import accelerate

@accelerate
def f() -> int:
    {body}
""")
    assert message in text and text.count("error:") == 1, text


@accelerate
def summary(xs: list[float], name: str) -> dict:
    stats = {}  # learns from the stores: dict[str, object] once they have several types
    stats["name"] = name
    stats["n"] = len(xs)
    stats["mean"] = sum(xs) / len(xs) if xs else 0.0
    stats["sorted"] = sorted(xs)
    stats["ok"] = True
    return stats


@accelerate
def report(rows: list[tuple[str, int]]) -> list[dict]:  # list[dict]: a bare item type, typed by the values
    out = []
    for name, score in rows:
        out.append({"name": name, "score": score, "pass": score >= 50, "grade": "A" if score > 90 else None})
    return out


@accelerate
def show(rows: list[tuple[str, int]], spec: str) -> str:
    lines = []
    for r in report(rows):
        lines.append(f"{r['name']:>6} {r['score']:{spec}} {r['pass']} {r['grade']} {bool(r['grade'])}")
        print(r)
    return "\n".join(lines)


def test_dicts_that_learn_values_of_several_types(capsys):
    check_all(summary, [[1.0, 2.5], []], ["x"])
    rows = [("a", 95), ("b", 40)]
    check(report, rows)
    check_all(show, [rows, []], ["", "5d", ">4"])
    check(show, rows, "x")  # format(95, "x") is '5f'; of a None grade: CPython's TypeError below
    capsys.readouterr()


@accelerate
def formatted(spec: str) -> str:
    d = {"xs": [1, 2], "none": None, "n": 3}
    return f"{d['n']:{spec}}|{d['xs']:{spec}}"


def test_formatting_an_object_is_its_values():
    check_all(formatted, ["", ">3"])  # a list with a spec: CPython's TypeError


@accelerate
def records(rows: list[tuple[str, int]]) -> tuple:
    recs = [{"name": n, "score": s, "grade": "A" if s > 90 else None} for n, s in rows]
    best = sorted(recs, key=lambda r: r["score"], reverse=True)  # objects ordered by their values
    top = max(recs, key=lambda r: r["score"]) if recs else None
    good = [r["name"] for r in recs if r["score"] >= 50 and r["grade"] is not None]
    r = recs[0] if recs else {"name": "z", "score": 0, "grade": None}
    flags = [r["score"] > 40, r["score"] <= 40.0, r["name"] < "b", r["score"] != 95, r["grade"] == "A"]
    return best, top, good, flags


@accelerate
def unordered(n: int) -> list:
    d = {"a": n, "b": "x"}
    return sorted(d.values())  # CPython's TypeError: '<' not supported between 'str' and 'int'


@accelerate
def equal_across_types(n: int) -> tuple:
    # one Python type held as two C++ types ([1, 2] and [1.0, 2.0]): compared as CPython compares them
    a = {"xs": [1, 2], "k": "s"}
    b = {"xs": [1.0, 2.0 * n], "k": "s"}
    c = {"t": (1, "a"), "k": 0}
    d = {"t": (1.0, "a"), "k": 0}
    e = {"x": [1, 2], "y": 3}
    g = {"x": [1, 3], "y": "z"}
    return a == b, c == d, a["xs"] == b["xs"], e["x"] < g["x"], e["x"] <= [1, 2], a != b


def test_objects_compare_and_order_by_their_values():
    check_all(records, [[("a", 95), ("b", 40)], [], [("c", 50)]])
    check(unordered, 1)
    check_all(equal_across_types, [1, 2])


@accelerate
def inventory_report(items: list[tuple[str, int, float]]) -> tuple:
    # empty displays among values of several types: empty containers until the real ones replace them
    report = {"total_items": 0, "total_value": 0.0, "categories": {}, "low_stock": [], "tags": set()}
    before = str(report)
    cats: dict[str, int] = {}
    low = []
    for name, qty, price in items:
        cats[name.split("-")[0]] = cats.get(name.split("-")[0], 0) + qty
        if qty < 5:
            low.append(name)
    report["total_items"] = sum(q for n, q, p in items)
    value = 0.0  # (sum() of no floats is CPython's int 0: README's documented difference)
    for n, q, p in items:
        value += q * p
    report["total_value"] = round(value, 2)
    report["categories"] = cats
    report["low_stock"] = low
    return before, report


@accelerate
def group_by_len(words: list[str]) -> dict:
    groups = {}  # d.setdefault(k, []).append(v) teaches groups its types: dict[int, list[str]]
    for w in words:
        groups.setdefault(len(w), []).append(w)
    return {"groups": groups, "longest": max(words, key=len) if words else None, "count": len(words)}


def test_empty_displays_and_setdefault_lists():
    items = [("fruit-apple", 10, 0.5), ("fruit-kiwi", 3, 0.25), ("veg-leek", 2, 1.0)]
    check_all(inventory_report, [items, []])
    check_all(group_by_len, [["a", "bb", "cc", "ddd", "e"], []])


@accelerate
def truth_of_values(n: int):
    # the truth of each value of several types, as its own type's (a tuple's length, a complex's parts)
    d = {"pair": (n, "a"), "n": n, "z": 1j * n, "e": (), "s": "x" * n}
    return [bool(v) for v in d.values()], [k for k, v in d.items() if v], [k for k, v in d.items() if not v]


def test_truth_of_values_of_several_types():
    for n in (0, 2):
        check(truth_of_values, n)
