"""A list of records read in place (opt/views.cpp, runtime/include/pyrite/views.hpp).

An entry point that only reads its list[dict[str, float]] parameter (for r in rows: r["x"],
rows[i]["x"], len(rows)) reads the caller's objects as it goes instead of copying them in. Each
read is CPython's: a missing key is KeyError(key), a dict subclass's __getitem__ and __missing__
run, a record the loop never reaches is never looked at. A value of the wrong type is the
TypeError naming its place that the copy raised, once the function reads it."""
import collections
import threading

import pytest

from difftest import check, check_all, load_source
from pyrite import accelerate


@accelerate
def total(rows: list[dict[str, float]]) -> float:
    t = 0.0
    for r in rows:
        t += r["price"] * r["qty"]
    return t


@accelerate
def first_over(rows: list[dict[str, float]], limit: float) -> float:
    for r in rows:
        if r["price"] > limit:
            return r["price"]
    return -1.0


@accelerate
def by_position(rows: list[dict[str, int]], i: int) -> int:
    r = rows[i]
    return r["a"] * 1000 + rows[-1]["b"] + len(rows)


@accelerate
def summary(rows: list[dict[str, float]]) -> tuple[float, float, int]:
    prices = [r["price"] for r in rows if r["qty"] > 1]
    heavy = sum(1 for r in rows if r["qty"] >= 3)
    return (max(prices, default=0.0), sum((r["price"] for r in rows), 0.0), heavy)


@accelerate
def flags(rows: list[dict[str, bool]]) -> int:
    n = 0
    for r in rows:
        if r["on"] and not r["broken"]:
            n += 1
    return n


@accelerate
def accents(rows: list[dict[str, int]]) -> int:
    return sum(r["café"] - r["naïve"] for r in rows)


@accelerate
def grouped(rows: list[dict[str, float]]) -> dict[int, float]:
    out: dict[int, float] = {}
    for r in rows:
        k = int(r["cat"])
        out[k] = out.get(k, 0.0) + r["v"]
    return out


@accelerate
def ints(rows: list[dict[str, int]]) -> int:
    s = 0
    for r in rows:
        s += r["n"] * r["n"]
    return s


ROWS = [{"price": 2.5, "qty": 3.0, "tax": 0.2}, {"price": -1.0, "qty": 1.0}, {"price": 1e300, "qty": 2.0},
        {"price": 0.1, "qty": 7.0}]


def test_results():
    check_all(total, [[], ROWS, ROWS[:1], [{"price": 1, "qty": 2}]])  # an int where float is annotated
    check_all(first_over, [ROWS, []], [0.0, 5.0, 1e301])
    check_all(summary, [ROWS, [], ROWS[1:2]])
    check(grouped, [{"cat": 1.0, "v": 2.0}, {"cat": 2.0, "v": 0.5}, {"cat": 1.0, "v": -4.0}])
    check(flags, [{"on": True, "broken": False}, {"on": True, "broken": True}, {"on": False, "broken": False}])
    check(accents, [{"café": 5, "naïve": 2}, {"café": -1, "naïve": 7}])


def test_positions():
    rows = [{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a": 5, "b": 6}]
    check_all(by_position, [rows], [0, 2, -1, -3, 3, -4])  # IndexError: list index out of range
    check_all(by_position, [[]], [0])


def test_missing_key():
    check(total, [{"price": 1.0, "qty": 2.0}, {"price": 1.0}])  # KeyError: 'qty'
    check(accents, [{"café": 5}])  # KeyError: 'naïve'
    check(first_over, [{"qty": 1.0}], 0.0)


def test_dict_subclasses():
    # a subclass's own lookup runs, as in CPython: OrderedDict, defaultdict's __missing__,
    # a __getitem__ of its own (the copy refused a defaultdict)
    class Scaled(dict):
        def __getitem__(self, k):
            return 2 * dict.__getitem__(self, k)

    class Loud(dict):
        def __missing__(self, k):
            raise LookupError(f"no {k}")

    check(total, [collections.OrderedDict(price=2.0, qty=3.0)])
    check(total, [collections.defaultdict(lambda: 10.0, price=2.0)])
    check(total, [Scaled(price=2.0, qty=3.0), {"price": 1.0, "qty": 1.0}])
    check(total, [Loud(price=2.0)])  # LookupError: no qty


def test_unread_records_are_not_checked():
    # CPython never looks at the records after the one it returns at, nor at fields it does not read
    rows = [{"price": 9.0, "qty": "many"}, {"price": "??"}, [1, 2], None]
    check(first_over, rows, 5.0)
    check(total, [{"price": 1.0, "qty": 2.0, "note": "text", 3: 4}])


def test_wrong_types_name_their_place():
    # the copy's TypeError, raised when the function reads the value (CPython's own message is
    # another: "can't multiply sequence by non-int of type 'float'")
    with pytest.raises(TypeError, match=r"total\(\) argument 'rows'\[1\]\['qty'\] must be float, not str"):
        total([{"price": 1.0, "qty": 1.0}, {"price": 1.0, "qty": "2"}])
    with pytest.raises(TypeError, match=r"total\(\) argument 'rows'\[2\] must be dict, not list"):
        total([{"price": 1.0, "qty": 1.0}, {"price": 1.0, "qty": 1.0}, [1.0]])
    with pytest.raises(TypeError, match=r"by_position\(\) argument 'rows'\[1\] must be dict, not tuple"):
        by_position([{"a": 1, "b": 1}, (1, 2)], -1)
    with pytest.raises(TypeError, match=r"total\(\) argument 'rows' must be list, not tuple"):
        total(({"price": 1.0, "qty": 1.0},))
    with pytest.raises(TypeError, match=r"flags\(\) argument 'rows'\[0\]\['on'\] must be bool, not int"):
        flags([{"on": 1, "broken": False}])


def test_ints_past_64_bits_run_in_cpython():
    check(ints, [{"n": 3}, {"n": 2 ** 40}])  # the square leaves 64 bits
    check(ints, [{"n": 3}, {"n": 2 ** 70}])  # the value itself does
    check(by_position, [{"a": 2 ** 64, "b": 1}], 0)


def test_caller_objects_unchanged():
    rows = [{"price": 2.0, "qty": 3.0}]
    before = [dict(r) for r in rows]
    ids = [id(r) for r in rows]
    assert total(rows) == 6.0
    assert rows == before and [id(r) for r in rows] == ids


def test_threads_see_a_consistent_list():
    # the function keeps the GIL while it reads the caller's objects: another thread that
    # changes the list waits for the call, whose result is one CPython could give
    rows = [{"price": 1.0, "qty": 1.0} for _ in range(200_000)]
    stop = threading.Event()

    def meddle():
        while not stop.is_set():
            rows.append({"price": 1.0, "qty": 1.0})
            rows.pop()

    t = threading.Thread(target=meddle)
    t.start()
    try:
        for _ in range(5):
            assert total(rows) in (200_000.0, 200_001.0)
    finally:
        stop.set()
        t.join()


@accelerate
def bonuses(rows: list[dict[str, float]]) -> float:
    t = 0.0
    for r in rows:
        if "bonus" in r:
            t += r.get("bonus", 0.0)
        if "x" not in r:
            t += 1.0
        t += r.get("y", 2)
        v = r.get("z")
        if v is not None:
            t += v * 10.0
    return t


@accelerate
def amounts(rows: list[dict[str, str]]) -> float:
    # csv.DictReader's rows: every value a str
    t = 0.0
    for row in rows:
        if row.get("kind", "") == "refund":
            t -= float(row["amount"])
        else:
            t += float(row["amount"])
    return t


@accelerate
def names(rows: list[dict[str, str]], sep: str) -> str:
    return sep.join(r["name"].upper() for r in rows if "name" in r)


def test_get_and_in():
    check(bonuses, [{"bonus": 2.0, "x": 1.0}, {"y": 0.5}, {"z": -1.5, "bonus": 1}, {}])
    check(bonuses, [])

    class Defaults(dict):
        def get(self, k, d=None):
            return dict.get(self, k, 7.0)

        def __contains__(self, k):
            return k != "x"

    check(bonuses, [Defaults(bonus=1.0), Defaults()])
    with pytest.raises(TypeError, match=r"bonuses\(\) argument 'rows'\[0\]\['z'\] must be float, not str"):
        bonuses([{"z": "no"}])
    with pytest.raises(TypeError, match=r"bonuses\(\) argument 'rows'\[1\] must be dict, not list"):
        bonuses([{}, ["bonus"]])


def test_str_values():
    import csv
    import io
    text = "kind,amount,name\nsale,10.5,ann\nrefund,2.25,bob\nsale,1e3,\n"
    rows = list(csv.DictReader(io.StringIO(text)))
    check(amounts, rows)
    check(amounts, rows + [{"amount": "x"}])  # ValueError: could not convert string to float: 'x'
    check(names, rows, ", ")
    check(names, [{"name": "straße"}, {"other": "x"}], "|")
    with pytest.raises(TypeError, match=r"amounts\(\) argument 'rows'\[0\]\['amount'\] must be str, not float"):
        amounts([{"amount": 3.0}])  # the annotation's type, as ever (CPython's float() takes it)


@accelerate
def weighted(rows: list[dict[str, float]], ws: list[float]) -> float:
    t = 0.0
    for i, r in enumerate(rows, 1):
        t += i * r["x"]
    for w, r in zip(ws, rows):
        t += w * r.get("y", 1.0)
    return t


@accelerate
def positions(rows: list[dict[str, int]]) -> list[int]:
    return [i for i, r in enumerate(rows) if "hit" in r and r["hit"] > 0]


@accelerate
def two_lists(rows: list[dict[str, float]], other: list[dict[str, float]]) -> float:
    # zip of two lists of records: copied (a tuple of two records could not tell them apart)
    return sum(a["x"] * b["x"] for a, b in zip(rows, other))


def test_enumerate_and_zip():
    rows = [{"x": 1.5, "y": 2.0}, {"x": -1.0}, {"x": 4.0, "y": 0.5}]
    check_all(weighted, [rows, [], rows[:1]], [[1.0, 2.0, 3.0, 4.0], [], [0.5]])
    check(weighted, [{"x": 1.0}, {"y": 1.0}], [1.0])  # KeyError: 'x' (enumerate's loop reads all)
    check(positions, [{"hit": 1}, {}, {"hit": 0}, {"hit": 7, "z": 1}])
    check(two_lists, rows, [{"x": 2.0}])
    # a record after zip's shortest source is never read, as CPython never reads it
    check(weighted, [{"x": 1.0}], [2.0])
    assert weighted([{"x": 1.0}, {"x": 2.0}], [1.0]) == 1.0 + 4.0 + 1.0


@accelerate
def word_stats(words: list[str], k: int) -> tuple[int, str, dict[str, int]]:
    # a list of strs: each word converted when the loop reaches it, then a str as any other
    counts: dict[str, int] = {}
    long = 0
    for i, w in enumerate(words):
        if len(w) > 5:
            long += 1
        counts[w.lower()] = counts.get(w.lower(), 0) + i
    return long, words[k] + words[-1], counts


@accelerate
def first_upper(words: list[str]) -> str:
    for w in words:
        if w.isupper():
            return w
    return ""


def test_str_lists():
    words = ["Apple", "banana", "APPLE", "straße", "Ça", "cherry", "", "naïve"]
    check_all(word_stats, [words], [0, 3, -2, 8, -9])  # IndexError: list index out of range
    check(word_stats, [], 0)
    check(first_upper, ["ab", "CD", 3])  # the item after the one returned is never read
    with pytest.raises(TypeError, match=r"first_upper\(\) argument 'words'\[1\] must be str, not int"):
        first_upper(["ab", 3])
    with pytest.raises(TypeError, match=r"word_stats\(\) argument 'words' must be list, not tuple"):
        word_stats(("a",), 0)


@accelerate
def top_words(words: list[str], k: int) -> list[tuple[str, int]]:
    # Counter() and set() of a list read in place: each word counted as it is converted
    counts = collections.Counter(words)
    distinct = set(words)
    first = frozenset(words)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k] + [("", len(distinct) * 100 + len(first))]


@accelerate
def tagged(pairs: list[tuple[str, int]]) -> int:
    return len(collections.Counter(pairs)) * 1000 + len(set(pairs))


def test_counter_and_set_of_a_list_read_in_place():
    words = "the cat and the hat and the bat straße STRASSE the".split()
    check_all(top_words, [words, [], [""], ["b", "a", "b", "a"]], [0, 2, 10])
    check(tagged, [("a", 1), ("b", 2), ("a", 1), ("a", 2)])
    with pytest.raises(TypeError, match=r"top_words\(\) argument 'words'\[2\] must be str, not int"):
        top_words(["a", "b", 3], 1)
    # a wrong item: the TypeError naming its place, as the copy raised it (when it is reached)
    with pytest.raises(TypeError, match=r"tagged\(\) argument 'pairs'\[1\] must be tuple, not list"):
        tagged([("a", 1), ["b", 2]])


@accelerate
def kept_words(words: list[str], stop: list[str], probe: str) -> tuple[list[str], int, bool]:
    # `in` and count() of a list of strs compare each item where it lies (no Str made), in a loop too
    kept = [w for w in words if w not in stop]
    return kept, words.count(probe) + stop.count(probe), probe in words


class Word(str):
    pass


def test_in_and_count_compare_in_place():
    words = ["the", "Straße", "straße", "", "naïve", "日本", "😀x", "the", "a"]
    for probe in ["the", "", "straße", "日本", "😀x", "😀", "zz", "Straße"]:
        check(kept_words, words, ["the", "a", "", "😀x"], probe)
    check(kept_words, [], [], "")
    check(kept_words, [Word("ab"), "ab"], [Word("ab")], "ab")  # a str subclass: its value
    # an item that is not a str is the TypeError naming its place once it is read (count reads all)
    with pytest.raises(TypeError, match=r"kept_words\(\) argument 'stop'\[1\] must be str, not int"):
        kept_words(["y"], ["x", 3], "q")


class BadReading(ValueError):
    pass


def calibrate(v: float, gain: float) -> float:
    return v * gain + 0.5


@accelerate
def calibrated(readings: list[dict[str, float]], gain: float, verbose: bool) -> list[float]:
    # views with a helper, a user exception, print and a generator expression together
    out: list[float] = []
    for i, r in enumerate(readings):
        v = r["value"]
        if v < 0.0:
            raise BadReading(f"reading {i} is negative: {v}")
        if verbose and "note" in r:
            print(f"#{i}: note {r['note']:.1f}")
        out.append(calibrate(v, gain))
    total = sum(calibrate(r.get("offset", 0.0), gain) for r in readings)
    out.append(total)
    return out


def test_in_combination():
    from difftest import printed_both
    rows = [{"value": 1.0, "note": 2.0}, {"value": 3.5, "offset": 1.0}, {"value": 0.0}]
    check(calibrated, rows, 2.0, False)
    check(calibrated, rows + [{"value": -1.0}], 2.0, False)  # BadReading: reading 3 is negative: -1.0
    check(calibrated, [{"value": 1.0}, {"offset": 1.0}], 2.0, False)  # KeyError: 'value'
    compiled, interpreted = printed_both(calibrated, rows, 0.5, True)
    assert compiled == interpreted == "#0: note 2.0\n"


@accelerate
def weighted_names(pairs: list[tuple[str, int]], minimum: int) -> tuple[int, list[str]]:
    # a list of tuples: each one converted when read
    n = 0
    for name, k in pairs:
        if len(name) > 3:
            n += k
    picked = [p[0] for p in pairs if p[1] >= minimum]
    return n + pairs[-1][1], picked


@accelerate
def path_length(pts: list[tuple[float, float]]) -> float:
    t = 0.0
    for i in range(1, len(pts)):
        dx = pts[i][0] - pts[i - 1][0]
        dy = pts[i][1] - pts[i - 1][1]
        t += (dx * dx + dy * dy) ** 0.5
    return t


def test_tuple_lists():
    pairs = [("ann", 3), ("bobby", 4), ("carla", -2), ("dé", 9)]
    check_all(weighted_names, [pairs, pairs[:1]], [0, 4, 10])
    check(weighted_names, [], 0)  # IndexError: list index out of range
    with pytest.raises(TypeError, match=r"weighted_names\(\) argument 'pairs'\[1\]\[1\] must be int, not str"):
        weighted_names([("a", 1), ("b", "2")], 0)
    with pytest.raises(TypeError, match=r"weighted_names\(\) argument 'pairs'\[0\] must be tuple"):
        weighted_names([["a", 1]], 0)
    check(weighted_names, [("x" * 5, 2 ** 62), ("y" * 5, 2 ** 62)], 0)  # the sum leaves 64 bits: CPython's run
    check(weighted_names, [("x" * 5, 2 ** 70)], 0)
    check(path_length, [(0.0, 0.0), (3.0, 4.0), (3.0, 4.0), (-1.0, 1e300)])
    check(path_length, [])


NOGIL = """
from pyrite import accelerate


@accelerate(nogil=True)
def first_over_nogil(rows: list[dict[str, float]], limit: float) -> float:
    for r in rows:
        if r["price"] > limit:
            return r["price"]
    return -1.0
"""


def test_nogil_copies(tmp_path):
    # nogil=True (Numba's) asks for the GIL released while it runs, so that threads run it at once:
    # its list is copied, all of it checked first, as before views
    first_over_nogil = load_source(tmp_path, "views_nogil", NOGIL).first_over_nogil
    rows = [{"price": 9.0, "qty": 1.0}, {"price": "??"}]
    assert first_over(rows, 5.0) == 9.0  # read in place: the second record is never read
    with pytest.raises(TypeError, match=r"first_over_nogil\(\) argument 'rows'\[1\]\['price'\] must be float, not str"):
        first_over_nogil(rows, 5.0)
    check_all(first_over_nogil, [ROWS, []], [0.0, 5.0])
    with pytest.raises(TypeError, match="nogil=False cannot be had"):
        accelerate(nogil=False)(lambda x: x)
