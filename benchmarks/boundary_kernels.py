"""Functions whose cost is the data Python hands them: lists of records, of strs, of ints, read
once. Against CPython (the same function, interpreted) and Numba (which refuses lists of dicts
and types a list of strs as a reflected list). No C++ column: a C++ function cannot read Python's
objects without the same conversions. A list of records a function only reads is read in place
(opt/views.cpp); the others are copied in (runtime/include/pyrite/boundary.hpp)."""
import random

from pyrite import accelerate


def records_total_py(rows: list[dict[str, float]]) -> float:
    t = 0.0
    for r in rows:
        t += r["price"] * r["qty"]
    return t


records_total = accelerate(records_total_py)


def records_get_py(rows: list[dict[str, float]]) -> float:
    t = 0.0
    for r in rows:
        if "discount" in r:
            t -= r["discount"]
        t += r.get("tax", 0.0)
    return t


records_get = accelerate(records_get_py)


def csv_amounts_py(rows: list[dict[str, str]]) -> float:
    t = 0.0
    for row in rows:
        if row["kind"] == "refund":
            t -= float(row["amount"])
        else:
            t += float(row["amount"])
    return t


csv_amounts = accelerate(csv_amounts_py)


def long_words_py(words: list[str]) -> int:
    n = 0
    for w in words:
        if len(w) > 5:
            n += 1
    return n


long_words = accelerate(long_words_py)


def int_sum_py(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


int_sum = accelerate(int_sum_py)


def data(n: int):
    rnd = random.Random(1)
    rows = [{"price": rnd.random(), "qty": float(rnd.randint(1, 9)), "tax": 0.2} for _ in range(n)]
    for r in rows[::7]:
        r["discount"] = 0.5
    csv_rows = [{"kind": rnd.choice(["sale", "sale", "refund"]), "amount": f"{rnd.random() * 100:.2f}", "note": "x"}
                for _ in range(n)]
    words = ["".join(rnd.choice("abcdefgh") for _ in range(rnd.randint(2, 10))) for _ in range(n)]
    ints = [rnd.randint(0, 1000) for _ in range(n)]
    return [("records_total", records_total, rows), ("records_get", records_get, rows),
            ("csv_amounts", csv_amounts, csv_rows), ("long_words", long_words, words), ("int_sum", int_sum, ints)]
