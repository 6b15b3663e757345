"""Exceptions as values (issue 17): int(s), int(s, base) and float(s) inside a try whose handler
takes their ValueError, and a dict's d[k] inside one whose handler takes KeyError, reach the handler by a jump (codegen/emit_try.cpp's find_value_raises),
not a C++ throw. What the handler sees must be what CPython's sees: the exception's type, message
and args, `as e`, a bare re-raise, `raise ... from e`, __context__ of what the handler raises, the
else and finally clauses, the handler order (a ValueError handler after a KeyError one), and the
state of everything the body did before the failing call. Each case also runs with the failing call
where a jump cannot be made (inside a comprehension, a chained comparison, a nested try), so
both ways are compared with CPython on the same inputs."""
import pytest

from difftest import check, check_all
from pyrite import accelerate

TEXTS = ["12", " -7 ", "+3", "n/a", "", " ", "1_000", "1__0", "٣", "0x1f", "9" * 18, "9" * 19,
         "99999999999999999999", "-9223372036854775808", "3.5", "nan", "-inf", "1e3", "\t42\n", "-", "+"]


@accelerate
def parse_count(texts: list[str]) -> int:
    good = 0
    for t in texts:
        try:
            good += int(t)
        except ValueError:
            good -= 1
    return good


@accelerate
def parse_messages(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        try:
            out.append(str(int(t) * 2))
            v = float(t) + 0.5
            out.append(repr(v))
        except ValueError as e:
            out.append("bad: " + str(e) + " " + repr(e.args))
    return out


@accelerate
def parse_based(texts: list[str], base: int) -> list[int]:
    out: list[int] = []
    for t in texts:
        try:
            out.append(int(t, base))
        except (TypeError, ValueError) as e:
            out.append(-len(str(e)))
    return out


@accelerate
def handler_order(texts: list[str], d: dict[str, int]) -> list[str]:
    out: list[str] = []
    for t in texts:
        try:
            n = d[t] + int(t)
            out.append("ok " + str(n))
        except KeyError as e:
            out.append("key " + str(e))
        except LookupError:
            out.append("lookup")
        except Exception as e:
            out.append("other " + type(e).__name__ + " " + str(e))
    return out


@accelerate
def with_else_finally(texts: list[str], log: list[str]) -> int:
    total = 0
    for t in texts:
        try:
            log.append("try " + t)
            total += int(t)
            log.append("parsed")
        except ValueError:
            log.append("except")
            continue
        else:
            log.append("else")
        finally:
            log.append("finally")
        total += 1
    return total


@accelerate
def reraised(t: str) -> int:
    try:
        return int(t)
    except ValueError:
        raise


@accelerate
def wrapped(t: str) -> float:
    try:
        return float(t) * 2.0
    except ValueError as e:
        raise KeyError(t) from e


@accelerate
def chained(t: str) -> int:
    try:
        x = int(t)
    except ValueError:
        x = int("also " + t)  # raised in the handler: the handled one is its __context__
    return x


@accelerate
def not_taken(t: str) -> int:
    # no handler takes ValueError: it leaves, with CPython's message
    try:
        return int(t) + 1
    except KeyError:
        return -1


@accelerate
def in_conditions(texts: list[str]) -> list[int]:
    out: list[int] = []
    for t in texts:
        try:
            if int(t) > 10:
                out.append(1)
            elif float(t) < 0.0:
                out.append(-1)
            else:
                out.append(0)
        except ValueError:
            out.append(99)
    return out


def clamp(x: int, lo: int, hi: int) -> int:
    return max(lo, min(x, hi))


@accelerate
def through_calls(texts: list[str]) -> list[int]:
    out: list[int] = []
    for t in texts:
        try:
            out.append(clamp(int(t) * 3 + 1, -100, 100))
        except ValueError:
            out.append(0)
    return out


@accelerate
def where_no_jump(texts: list[str]) -> list[int]:
    # the same failures raised where a jump cannot be made: a comprehension, a chained
    # comparison, a nested try with a finally
    out: list[int] = []
    for t in texts:
        try:
            out.append(sum([int(p) for p in t.split(",")]))
            out.append(1 if 0 < int(t) < 50 else 0)
            try:
                out.append(int(t))
            finally:
                out.append(-1)
        except ValueError:
            out.append(-99)
    return out


@accelerate
def partial_effects(texts: list[str], acc: list[int]) -> int:
    # what the statement did before its failing call stays done
    n = 0
    for t in texts:
        try:
            acc.append(len(t))
            n = n + len(acc) + int(t)
            acc.append(n)
        except ValueError:
            n -= 100
    return n


def parse_gen(texts: list[str]):
    # in a generator object: the handler runs after its catch, and may yield
    for t in texts:
        try:
            yield int(t)
        except ValueError as e:
            yield -len(str(e))


@accelerate
def collect_gen(texts: list[str]) -> list[int]:
    return list(parse_gen(texts))


def reraising_gen(texts: list[str]):
    for t in texts:
        try:
            yield 10 // len(t)
        except ZeroDivisionError:
            raise


@accelerate
def reraised_in_generator(texts: list[str]) -> int:
    return sum(reraising_gen(texts))


@accelerate
def nested_handlers(texts: list[str]) -> int:
    total = 0
    for t in texts:
        try:
            try:
                total += int(t)
            except ValueError:
                total += int(float(t))  # a float text: its int; else the outer handler
        except ValueError:
            total -= 1000
        except OverflowError:
            total -= 7
    return total


@accelerate
def count_words(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        try:
            counts[w] += 1
        except KeyError:
            counts[w] = 1
    return counts


class Cell:
    def __init__(self, r: int, c: int):
        self.r = r
        self.c = c

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and self.r == other.r and self.c == other.c

    def __hash__(self) -> int:
        return hash((self.r, self.c))

    def __repr__(self) -> str:
        return f"Cell({self.r}, {self.c})"


@accelerate
def lookups(d: dict[tuple[int, str], float], grid: dict[int, dict[str, int]], keys: list[int]) -> list[str]:
    out: list[str] = []
    for k in keys:
        try:
            out.append(str(d[(k, "x")] * 2.0))
            out.append(str(grid[k]["a"] + grid[k + 1]["b"]))
        except KeyError as e:
            out.append("missing " + str(e))
        except LookupError:
            out.append("never")
    return out


@accelerate
def cell_keys(values: dict[Cell, int], probes: list[Cell]) -> list[int]:
    out: list[int] = []
    for p in probes:
        try:
            out.append(values[p])
        except KeyError as e:
            out.append(-len(str(e)))
    return out


@accelerate
def cell_key_raised(values: dict[Cell, int], probe: Cell) -> int:
    try:
        return values[probe]
    except KeyError:
        raise


@accelerate
def counters_raise_nothing(words: list[str]) -> list[int]:
    from collections import Counter, defaultdict
    c: Counter[str] = Counter(words)
    d: defaultdict[str, int] = defaultdict(int)
    out: list[int] = []
    for w in ["a", "zz"]:
        try:
            out.append(c[w] + d[w])
        except KeyError:
            out.append(-1)
    return out


def test_parse_loops():
    check(parse_count, TEXTS)
    check(parse_count, [])
    check(parse_count, ["1"] * 50 + ["x"] * 50)
    check(parse_messages, TEXTS)
    check(parse_messages, ["x" * 300, "\x00", "'q'", "é", "1" * 400])


@pytest.mark.parametrize("base", [0, 2, 8, 10, 16, 36, 1, 37, -1])
def test_parse_with_base(base):
    check(parse_based, ["0", "10", "0x1f", "0b101", "z", "Z9", "017", "1_0", "_1", " 7 ", "", "-0o17"], base)


def test_handler_order_and_hierarchy():
    check(handler_order, ["1", "x", "2", "y"], {"1": 10, "x": 5})


def test_else_finally_and_state_of_arguments():
    check(with_else_finally, ["1", "x", "2", ""], [])
    check(partial_effects, ["1", "abc", "22", "", "3"], [])


def test_reraise_from_and_context():
    check_all(reraised, ["5", "five", ""])
    check_all(wrapped, ["2.5", "two"])
    check_all(chained, ["3", "x"])
    check_all(not_taken, ["3", "x"])


def test_reraise_keeps_type_message_cause_and_context():
    for fn, arg, kind in [(reraised, "five", ValueError), (wrapped, "two", KeyError), (chained, "x", ValueError),
                          (reraised_in_generator, ["ab", ""], ZeroDivisionError)]:
        try:
            fn(arg)
        except kind as e:
            got = e
        try:
            fn.py_func(arg)
        except kind as e:
            want = e
        assert type(got) is type(want) and str(got) == str(want) and got.args == want.args
        assert type(got.__cause__) is type(want.__cause__) and str(got.__cause__) == str(want.__cause__)
        assert type(got.__context__) is type(want.__context__) and str(got.__context__) == str(want.__context__)


def test_conditions_calls_and_where_no_jump_is_made():
    check(in_conditions, ["5", "50", "-2.5", "x", "1e5", "-3"])
    check(through_calls, ["5", "500", "-50", "x", ""])
    check(where_no_jump, ["5", "1,2", "x", "70", "3,y", ""])


def test_generators_and_nested_handlers():
    check(collect_gen, TEXTS)
    check(nested_handlers, ["1", "2.5", "x", "-3.9", "inf", "nan", "1e400"])


def test_dict_lookups():
    check(count_words, ["a", "b", "a", "c", "b", "a"] + [str(i) for i in range(200)])
    check(count_words, [])
    check(lookups, {(1, "x"): 1.5, (3, "x"): -2.0}, {1: {"a": 1}, 2: {"b": 5}, 3: {"a": 7}}, [1, 2, 3, 4])
    check(cell_keys, {Cell(0, 0): 5, Cell(1, 2): 7}, [Cell(1, 2), Cell(3, 3), Cell(0, 0)])
    check(counters_raise_nothing, ["a", "b", "a"])


def test_an_instance_key_reaches_python_as_itself():
    probe = Cell(9, 9)
    with pytest.raises(KeyError) as got:
        cell_key_raised({Cell(0, 0): 1}, probe)
    assert got.value.args[0] is probe or got.value.args[0] == probe
    assert got.value.__context__ is None


@accelerate
def neighbours(grid: list[list[int]], r: int, c: int) -> list[int]:
    # the IndexError idiom at a grid's edges (a negative index wraps, as in CPython)
    out: list[int] = []
    for dr, dc in [(-1, 0), (1, 0), (0, -1), (0, 1), (5, 5)]:
        try:
            out.append(grid[r + dr][c + dc])
        except IndexError as e:
            out.append(-len(str(e)))
    return out


@accelerate
def first_items(rows: list[list[str]]) -> list[str]:
    out: list[str] = []
    for row in rows:
        try:
            out.append(row[0] + row[-1] + row[2])
        except LookupError:
            out.append("?")
    return out


def test_list_indexes():
    grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    for r in range(-4, 4):
        for c in [-4, 0, 2, 3]:
            check(neighbours, grid, r, c)
    check(first_items, [["a", "b", "c"], ["x"], [], ["p", "q", "r", "s"]])
