"""`object` values: parsed JSON from Python (dict[str, object], list[object], `Any`; an unannotated
parameter whose dict holds values of several types is a dict[str, object]) and the values of a dict
display of several types. isinstance() tests what one holds at run time and narrows a variable to
that type where it is true (an int, float, str, bool, `int | float`, or the one list or dict it may
hold), so compiled code reads and changes what it holds: a list appended to is the caller's list."""
import copy
import json
from typing import Any, Iterator

import pytest

from difftest import check, compile_error
from pyrite import accelerate

DOC = json.loads('''
{"users": [
  {"name": "ann", "age": 31, "tags": ["a", "b"], "score": 7.5, "manager": null, "active": true},
  {"name": "bob", "age": "unknown", "tags": [], "score": 3, "manager": "ann", "active": false},
  {"name": "cy", "age": 45, "tags": ["b", 3, null], "score": null, "manager": "ann", "active": true,
   "extra": {"x": 1, "y": [1, 2.5]}}
], "version": 2}''')


@accelerate
def report(doc):  # unannotated: dict[str, object] by the caller's value
    users = doc["users"]
    out = []
    total = 0.0
    ages = 0
    if isinstance(users, list):
        for u in users:
            if not isinstance(u, dict):
                continue
            line = str(u["name"])
            age = u.get("age")
            if isinstance(age, int) and age > 40:  # (a bool is an int: not read as one, converted)
                line += " senior"
                ages += int(age)
            score = u["score"]
            if isinstance(score, (int, float)):
                total += float(score)
            elif isinstance(score, float):  # never: a float was an int | float above
                total -= score
            tags = u["tags"]
            if isinstance(tags, list):
                n = 0
                for t in tags:
                    if isinstance(t, str):
                        n += len(t)
                    elif t is None:
                        n += 100
                tags.append("seen")  # the caller's list
                line += f" tags={n}"
            if u["manager"] is None:
                line += " top"
            active = u["active"]
            if isinstance(active, bool) and not active:
                line += " inactive"
            extra = u.get("extra")
            if isinstance(extra, dict):
                ys = extra["y"]
                line += " extra=" + str(len(extra)) + (" y" + str(len(ys)) if isinstance(ys, list) else "")
                extra["seen"] = True
            out.append(line)
    doc["version"] = 3
    return out, total, ages


@accelerate
def totals(rows: list[dict[str, object]], key: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for r in rows:
        name = r["name"]
        v = r.get(key)
        if isinstance(name, str) and isinstance(v, (int, float)):
            out[name] = out.get(name, 0.0) + float(v)
    return out


@accelerate
def first_number(items: list[Any]) -> object:
    for x in items:
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            return x
    return None


def test_parsed_json():
    check(report, DOC)
    check(report, {"users": [], "version": 1})
    check(report, {"users": "none", "version": 1})
    rows = [{"name": "a", "score": 3, "w": True}, {"name": "b", "score": 2.5}, {"name": "a", "score": 1},
            {"name": 7, "score": 1}, {"name": "c", "score": "x"}]
    check(totals, rows, "score")
    check(totals, rows, "w")  # True is an int (1)
    check(first_number, ["x", None, True, 2.5, 3])
    check(first_number, [[1], {"a": 1}])


def test_what_python_passes():
    d = copy.deepcopy(DOC)
    out = report(d)
    assert d["users"][0]["tags"] == ["a", "b", "seen"] and d["users"][2]["extra"]["seen"] is True and d["version"] == 3
    assert out[0][0] == "ann tags=2 top"
    with pytest.raises(TypeError, match=r"totals\(\) argument 'rows'\[0\]\['name'\] must be None, bool, int, float, str, "
                                        r"list or dict \(an object\), not set"):
        totals([{"name": {1}}], "x")


@accelerate
def displays(n: int, f: float):
    d = {"n": n, "items": [1, 2, n], "label": "x", "flag": n > 2, "ratio": f, "pair": (n, "p")}
    total = 0
    items = d["items"]
    if isinstance(items, list):
        items.append(10)  # the dict's own list
        for x in items:
            total += x
    k = d["n"]
    if isinstance(k, int):  # (the dict may hold a bool: converted, not narrowed)
        total += int(k) * 2
    flag = d["flag"]
    if isinstance(flag, bool):
        total += flag
    numbers = {"i": n, "f": f, "s": "x"}  # no bool among them: int and int | float narrow
    for key in numbers:
        v = numbers[key]
        if isinstance(v, int):
            total += v
        if isinstance(v, (int, float)):
            total += int(v * 2)
    r = d["ratio"]
    if isinstance(r, float):
        total += int(r)
    p = d["pair"]
    if isinstance(p, tuple):
        total += p[0]
    kinds = []
    for key in d:
        v = d[key]
        kinds.append([isinstance(v, int), isinstance(v, float), isinstance(v, str), isinstance(v, bool),
                      isinstance(v, list), isinstance(v, dict), isinstance(v, tuple), isinstance(v, (int, str))])
    return total, d, kinds


@accelerate
def reassigned(n: int) -> list[object]:
    d = {"a": n, "b": "s"}
    v = d["a"]
    out = [v]
    v = 3  # an int until assigned again
    out.append(v + 1)
    v = "t"
    out.append(v + "!")
    return out


def records(rows: list[dict[str, object]], key: str) -> Iterator[float]:
    for r in rows:
        v = r[key]  # KeyError for a record without it
        if isinstance(v, (int, float)):
            yield float(v) * 2


@accelerate
def doubled(rows: list[dict[str, object]], key: str):
    out = []
    try:
        for x in records(rows, key):
            out.append(x)
    except KeyError as e:
        return out, "missing " + str(e)
    return out, ""


def test_displays_and_combinations():
    for n in (0, 3, -5):
        check(displays, n, 2.75)
        check(reassigned, n)
    rows = [{"s": 1}, {"s": "x"}, {"s": 2.5}, {"t": 1}, {"s": 4}]
    check(doubled, rows, "s")
    check(doubled, rows[:3], "s")


def test_ambiguous_narrowing_is_a_diagnostic(tmp_path):
    err = compile_error(tmp_path, "json_ambiguous", """
from pyrite import accelerate

@accelerate
def f(n: int) -> int:
    d = {"a": [1, 2], "b": ["x"], "n": n}
    v = d["a"]
    if isinstance(v, list):
        return len(v)
    return 0
""", 1)
    assert "object" in err and "len" in err


@accelerate
def describe(rows):  # unannotated: records whose fields differ in type between records
    out = []
    for r in rows:
        for k in r:
            v = r[k]
            kind = "int" if isinstance(v, int) else "str" if isinstance(v, str) else "none" if v is None else "other"
            out.append(k + ":" + kind)
    return out


def test_records_of_several_shapes():
    check(describe, [{"a": 1}, {"a": "x"}, {"a": None, "b": [1]}, {"c": True}])
    check(describe, [{"a": 1}, {"a": 2}])  # one type: dict[str, int]
    with pytest.raises(TypeError, match=r"argument 'rows'\[1\]\['a'\] must be None, bool, int, float, str, list or dict"):
        describe([{"a": 1}, {"a": {1, 2}}])


class _Point:
    pass


def test_value_types_read_in_c_as_type_text():
    # _dispatch.value_type_text answers type_text's question in C for plain values, else None (type_text
    # decides): where it answers, the same text
    from pyrite._dispatch import value_type_text
    from pyrite._types import type_text
    records = [{"name": "ann", "age": 41, "score": 3.5, "tags": ["a"], "manager": None, "active": True},
               {"name": "bob", "age": None, "score": 2, "tags": [], "manager": "ann", "active": False}]
    values = [0, True, 1.5, 2j, "s", b"b", bytearray(b"x"), None, (), (1, "a", (2.5,)), [1, 2], [1, 2.5], [[1.5, 2], [3, 4]],
              [1.5, 2, True], {"a": 1, "b": 2.5}, {1: "a"}, {(1, 2): [3]}, {1, 2}, frozenset({1.5}), {"k": [1, 2]},
              records, {"users": records, "version": 2}, [records[0]], {"x": {}}, {"x": []}, [[]], [_Point()],
              {"a": _Point()}, [1, "a"], [[1], [2.5]], [(1, 2), (3, 4.5)], {"a": 1, "b": "x"}, {"a": True, "b": 1},
              [{"a": 1}, {"a": 2.5}], [{"a": 1}, {"b": "x", "c": None}], list(range(9)) + [float(i) for i in range(9)],
              [[[[1]]]], {"d": {"e": {"f": [None, 1]}}}, [0, False], {2: 1, "a": 1}, [b"a", "a"]]
    answered = 0
    for v in values:
        fast = value_type_text(v)
        try:
            slow = type_text(v, "f", "p")
        except TypeError:
            slow = None
        assert fast is None or fast == slow, (v, fast, slow)
        answered += fast is not None
    assert answered >= 25
    # the case it is for: a document of records, at C speed
    assert value_type_text({"orders": records * 10000}) == "dict[str, list[dict[str, object]]]"


@accelerate
def totals_by_customer(doc):
    totals = {}
    late = 0
    for order in doc["orders"]:
        who = str(order["customer"])
        amount = order["amount"]
        if isinstance(amount, (int, float)):
            totals[who] = totals.get(who, 0.0) + float(amount)
        if order.get("late"):
            late += 1
    best = sorted(totals.items(), key=lambda kv: -kv[1])[:3]
    return [f"{name}: {total:.2f}" for name, total in best], late


def test_a_document_of_records():
    import json
    import random
    rng = random.Random(5)
    orders = [{"customer": rng.choice(["ann", "bob", "cy", "dée"]), "amount": rng.choice([rng.randint(1, 99), round(rng.uniform(1, 99), 2), None]),
               "late": rng.random() < 0.1} for _ in range(3000)]
    doc = json.loads(json.dumps({"orders": orders}))
    check(totals_by_customer, doc)
    check(totals_by_customer, {"orders": orders[:1]})
    check(totals_by_customer, {"orders": [{"customer": "x", "amount": 5}]})  # no "late": get() gives None
    check(totals_by_customer, {"orders": [{"customer": "x"}]})  # KeyError: 'amount'


@accelerate
def tag_and_pick(doc: list[dict[str, object]]) -> dict[str, object]:
    for r in doc:
        r["seen"] = len(r)
    return doc[len(doc) // 2]


@accelerate
def tag_values(doc: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    for k in doc:
        doc[k]["key"] = k
    return doc


def test_records_no_other_path_reaches():
    # records nothing but their list references are not looked for among the objects converted
    # (Where::unique); those referenced twice are, and each is still one object for the call
    shared = {"a": -1}
    records = [{"a": i} for i in range(40)] + [shared, shared]
    picked = tag_and_pick(records)
    assert picked is records[21] and picked == {"a": 21, "seen": 1}
    assert all(r["seen"] == 1 for r in records[:40]) and shared == {"a": -1, "seen": 2}  # tagged twice
    twice = [{"a": 1}] * 2  # referenced by the list's two slots alone
    assert tag_and_pick(twice) is twice[0] and twice[0] == {"a": 1, "seen": 2}
    inner = {"y": 1}
    doc = {"x": {"y": 0}, "z": inner, "w": inner}
    out = tag_values(doc)
    assert out is doc and doc["x"] == {"y": 0, "key": "x"} and doc["z"] is inner and inner["key"] == "w"
    check(tag_values, {"p": {}, "q": {"n": None}})
