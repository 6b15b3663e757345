"""Exceptions in compiled code (issue 15): try/except/else/finally with every way out of each
block, the builtin hierarchy (except LookupError catches IndexError and KeyError), the runtime's
own exceptions caught with CPython's types and messages, `raise` of caught exceptions and of the
program's exception classes (with fields and args, caught in Python as the user's class), bare
re-raise, `raise ... from ...` with __cause__/__context__ as CPython sets them, and a traceback
entry (file, line, function) for every compiled frame an exception leaves."""
import sys
import traceback
from typing import Callable

import pytest

import pyrite
from difftest import check, check_all, compile_error
from pyrite import accelerate


class AppError(Exception):
    """No __init__: its args are what it was made with."""


class NotFound(AppError):
    def __init__(self, key: str, tried: int):
        super().__init__(f"{key!r} not found after {tried} tries")
        self.key = key
        self.tried = tried


class Overdrawn(ValueError):
    def __init__(self, needed: int, available: int):
        super().__init__(needed, available)
        self.needed = needed
        self.available = available

    def __str__(self) -> str:
        return f"need {self.needed}, have {self.available}"


class MissingKey(KeyError):
    pass


class Account:
    def __init__(self, owner: str, balance: int):
        self.owner = owner
        self.balance = balance

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise Overdrawn(amount, self.balance)
        self.balance -= amount
        return self.balance


# ---------------------------------------------------------------- runtime exceptions, caught
@accelerate
def safe_ratios(xs: list[int], ds: list[int]) -> list[str]:
    out: list[str] = []
    for i in range(len(xs)):
        try:
            out.append(str(xs[i] // ds[i]))
        except ZeroDivisionError as e:
            out.append("zero: " + str(e))
        except IndexError as e:
            out.append("index: " + repr(e))
    return out


@accelerate
def lookups(d: dict[str, int], keys: list[str], xs: list[int]) -> list[str]:
    out: list[str] = []
    for k in keys:
        try:
            out.append(str(d[k] + xs[d[k]]))
        except LookupError as e:  # KeyError and IndexError alike
            out.append(type_name(e) + ":" + str(e) + ":" + repr(e))
    return out


@accelerate
def type_name(e: Exception) -> str:
    if isinstance(e, KeyError):
        return "KeyError"
    if isinstance(e, IndexError):
        return "IndexError"
    return "other"


@accelerate
def parse_all(texts: list[str]) -> list[int]:
    out: list[int] = []
    for t in texts:
        try:
            out.append(int(t))
        except ValueError:
            out.append(-1)
    return out


@accelerate
def overflow_caught(a: int, b: int) -> int:
    try:
        return a * b
    except ArithmeticError:
        return -1


@accelerate
def tuple_and_bare(kind: int) -> str:
    xs = [1, 2, 3]
    d = {"a": 1}
    try:
        if kind == 0:
            return str(xs[kind + 5])
        if kind == 1:
            return str(d["zz"])
        if kind == 2:
            return str(10 // (kind - 2))
        if kind == 3:
            raise RuntimeError("three")
        return "none"
    except (IndexError, KeyError) as e:
        return "lookup " + str(e)
    except ZeroDivisionError:
        return "zero"
    except:  # noqa: E722
        return "anything"


@accelerate
def exception_not_caught(kind: int) -> str:
    try:
        if kind == 0:
            raise KeyError("k")
        if kind == 1:
            raise ValueError("v")
    except KeyError:
        return "caught KeyError"
    return "no exception"


def test_runtime_exceptions_are_caught_with_cpython_types_and_messages():
    check(safe_ratios, [6, 7, 8], [3, 0, 2])
    check(safe_ratios, [6, 7, 8], [3])
    check(lookups, {"a": 0, "b": 5}, ["a", "b", "c", "a"], [10, 20])
    check(parse_all, ["12", " -3 ", "x", "", "1_000", "4.5"])
    check_all(overflow_caught, [2, 3, 2 ** 62], [2, 5, -(2 ** 62)])
    check_all(tuple_and_bare, [0, 1, 2, 3, 4])
    check_all(exception_not_caught, [0, 1, 2])


# ---------------------------------------------------------------- else and finally, every way out
@accelerate
def flow(n: int, log: list[str]) -> int:
    total = 0
    for i in range(n):
        try:
            log.append(f"try {i}")
            if i == 1:
                continue
            if i == 3:
                break
            if i == 2:
                total += 10 // (i - 2)
        except ZeroDivisionError:
            log.append("except")
            total += 100
        else:
            log.append("else")
            total += 1
        finally:
            log.append(f"finally {i}")
    log.append("after")
    return total


@accelerate
def return_in_finally(k: int, log: list[str]) -> int:
    try:
        log.append("body")
        if k == 0:
            raise ValueError("lost")
        if k == 1:
            return 1
    finally:
        log.append("finally")
        if k < 3:
            return 99  # swallows the exception, and replaces the return value
    return 3


@accelerate
def nested_finally(k: int, log: list[str]) -> int:
    for i in range(3):
        try:
            try:
                log.append(f"inner {i}")
                if k == i:
                    return i * 10
                if k == i + 10:
                    break
                if k == i + 20:
                    raise KeyError(i)
            finally:
                log.append(f"inner finally {i}")
        except KeyError as e:
            log.append("caught " + str(e))
            continue
        finally:
            log.append(f"outer finally {i}")
    return -1


@accelerate
def break_in_finally(log: list[str]) -> int:
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                raise ValueError("swallowed by break")
        finally:
            if n == 3:
                break
    log.append("done")
    return n


@accelerate
def raise_in_except_and_finally(k: int) -> str:
    try:
        try:
            raise KeyError("first")
        except KeyError:
            if k == 0:
                raise ValueError("second")
            return "handled"
        finally:
            if k == 1:
                raise RuntimeError("from finally")
    except ValueError as e:
        return "outer caught " + str(e)


def test_else_and_finally_on_every_way_out():
    for n in range(6):
        check(flow, n, [])
    check_all(return_in_finally, [0, 1, 2, 3], [[]])
    check_all(nested_finally, [0, 1, 2, 10, 11, 21, 22, 5], [[]])
    check(break_in_finally, [])
    check_all(raise_in_except_and_finally, [0, 1, 2])


@accelerate
def handle_then_fail(k: int) -> int:
    try:
        raise KeyError("first")
    except KeyError:
        return 10 // k
    except ZeroDivisionError:
        return -1


def test_exception_raised_in_handler_has_the_handled_one_as_context():
    check_all(handle_then_fail, [0, 2])
    with pytest.raises(RuntimeError) as e:
        raise_in_except_and_finally(1)
    # the handler had finished (by its return) before the finally raised: no context, as CPython
    assert e.value.__context__ is None and e.value.__cause__ is None and not e.value.__suppress_context__
    with pytest.raises(ZeroDivisionError) as e:
        handle_then_fail(0)
    assert isinstance(e.value.__context__, KeyError) and e.value.__context__.args == ("first",)


# ---------------------------------------------------------------- the program's exception classes
@accelerate
def find(keys: list[str], key: str) -> int:
    for i in range(len(keys)):
        if keys[i] == key:
            return i
    raise NotFound(key, len(keys))


@accelerate
def find_or(keys: list[str], key: str) -> str:
    try:
        return str(find(keys, key))
    except AppError as e:  # a NotFound, caught by its base class
        return "app: " + str(e) + " | " + repr(e)


@accelerate
def find_fields(keys: list[str], key: str) -> str:
    try:
        return str(find(keys, key))
    except NotFound as e:
        return f"{e.key} tried {e.tried}: {e}"


@accelerate
def make_app_error(code: int, text: str) -> int:
    if code == 0:
        raise AppError()
    if code == 1:
        raise AppError(text)
    if code == 2:
        raise AppError(text, code, 2.5, None, True)
    raise MissingKey(text)


@accelerate
def pay(acc: Account, amounts: list[int]) -> list[str]:
    log: list[str] = []
    for a in amounts:
        try:
            log.append(str(acc.withdraw(a)))
        except ValueError as e:  # an Overdrawn, caught by its builtin base
            log.append("refused: " + str(e))
            if isinstance(e, Overdrawn):
                log.append("overdrawn")
    return log


@accelerate
def pay_strict(acc: Account, amount: int) -> int:
    return acc.withdraw(amount)


@accelerate
def reraise(k: int) -> int:
    try:
        if k == 0:
            raise NotFound("x", 3)
        return 10 // k
    except (NotFound, ZeroDivisionError):
        raise


@accelerate
def raise_caught_later(k: int) -> str:
    saved: list[str] = []
    try:
        raise AppError("kept", k)
    except AppError as e:
        saved.append(str(e))
        err = e
    raise err


def test_exception_classes_of_the_program():
    check_all(find_or, [["a", "b"], []], ["a", "zz"])
    check_all(find_fields, [["a", "b"]], ["b", "q"])
    check_all(make_app_error, [0, 1, 2, 3], ["text", "", "\u2603 'q'"])
    check(pay, Account("ann", 10), [3, 20, 7, 1])
    check_all(pay_strict, [Account("bo", 5)], [1, 6])
    check_all(reraise, [0, 1, 2])
    check_all(raise_caught_later, [0, 7])


def test_exception_instances_reach_python_as_the_users_class():
    with pytest.raises(NotFound) as e:
        find(["a"], "b")
    err = e.value
    assert type(err) is NotFound and isinstance(err, AppError) and isinstance(err, Exception)
    assert err.args == ("'b' not found after 1 tries",) and err.key == "b" and err.tried == 1
    assert str(err) == "'b' not found after 1 tries" and repr(err) == "NotFound(\"'b' not found after 1 tries\")"
    with pytest.raises(Overdrawn) as e:
        pay_strict(Account("c", 1), 5)
    assert e.value.args == (5, 1) and str(e.value) == "need 5, have 1" and e.value.needed == 5
    with pytest.raises(MissingKey) as e:
        make_app_error(3, "k")
    assert str(e.value) == "'k'" and e.value.args == ("k",)
    import copy
    import pickle
    with pytest.raises(AppError) as e:
        raise_caught_later(7)
    for again in (pickle.loads(pickle.dumps(e.value)), copy.copy(e.value)):
        assert type(again) is AppError and again.args == ("kept", 7)


# ---------------------------------------------------------------- raise ... from ...
@accelerate
def convert(texts: list[str]) -> int:
    total = 0
    for t in texts:
        try:
            total += int(t)
        except ValueError as e:
            raise NotFound(t, total) from e
    return total


@accelerate
def convert_quiet(t: str) -> int:
    try:
        return int(t)
    except ValueError:
        raise KeyError(t) from None


def test_raise_from_sets_cause_and_context_as_cpython():
    check_all(convert, [["1", "2"], ["1", "x"]])
    for fn in (convert, pyrite.interpreted(convert)):
        with pytest.raises(NotFound) as e:
            fn(["4", "x5"])
        assert isinstance(e.value.__cause__, ValueError)
        assert str(e.value.__cause__) == "invalid literal for int() with base 10: 'x5'"
        assert e.value.__context__ is e.value.__cause__ or isinstance(e.value.__context__, ValueError)
        assert e.value.__suppress_context__
    for fn in (convert_quiet, pyrite.interpreted(convert_quiet)):
        with pytest.raises(KeyError) as e:
            fn("q")
        assert e.value.__cause__ is None and e.value.__suppress_context__


# e.__cause__ and e.__suppress_context__ read in compiled code: what raise ... from ... gave the
# exception (compiled code's own raise, or Python code's), a T | None of any exception class
@accelerate
def read_cause(x: int, how: int) -> str:
    try:
        try:
            return str(10 // x)
        except ZeroDivisionError as e:
            if how == 0:
                raise ValueError("bad") from e
            if how == 1:
                raise ValueError("quiet") from None
            raise ValueError("plain")
    except ValueError as v:
        c = v.__cause__
        kind = "zero" if isinstance(c, ZeroDivisionError) else "arith" if isinstance(c, ArithmeticError) else "-"
        return f"{v}: {c!r} {kind} {c is None} {v.__suppress_context__}"


def wrap_index(i: int) -> int:
    try:
        return [1, 2][i]
    except IndexError as e:
        raise RuntimeError("wrapped") from e


@accelerate
def cause_from_python(f: Callable[[int], int], i: int) -> str:
    try:
        return str(f(i))
    except RuntimeError as e:
        c = e.__cause__
        return repr(c) + (" index" if isinstance(c, IndexError) else "") + str(e.__suppress_context__)


def test_cause_read_in_compiled_code():
    check_all(read_cause, [0, 5], [0, 1, 2])
    check_all(cause_from_python, [wrap_index], [0, 7])


# ---------------------------------------------------------------- e.args
# an exception's args: a tuple of `object`s (None, bool, int, float, str, which only run time
# tells), read by len(), indexing, iteration, str()/repr()/f-strings, ==, isinstance(), bool(),
# int(), float(), and given back to Python as they are
def python_raiser(k: int) -> int:
    if k == 1:
        raise ValueError("from python", 3.5)
    if k == 2:
        raise ValueError([1, 2])  # an arg compiled code cannot hold: e.args is a TypeError
    return k


@accelerate
def args_of(k: int, d: dict[str, int], cb: Callable[[int], int]) -> str:
    try:
        if k == 0:
            raise ValueError("one")
        if k == 1:
            raise ValueError("two", 2, None, 1.5, True)
        if k == 2:
            return str(d["it's\n \u2603"])
        if k == 3:
            raise AppError("app", 7)
        if k == 4:
            return str([1][5])
        if k == 5:
            raise KeyError(5)
        if k == 6:
            raise RuntimeError
        if k in (7, 8):
            return str(cb(k - 6))
        if k == 9:
            return str(int("x!"))
        if k == 10:
            return str(d[""])
    except AppError as e:
        return f"app {e.args} {len(e.args)} {e.args[0]} {e.args[1] == 7} {int(e.args[1]) + 1}"
    except Exception as e:
        a = e.args
        first = a[0] if len(a) > 0 else None
        kinds = [f"{x!r}:{isinstance(x, int)}:{isinstance(x, str)}:{isinstance(x, float)}:{bool(x)}" for x in a]
        return (f"{len(a)} {a} {a!r} {first} {first == 'two'} {first == 5} {first == 5.0} {first != None} "
                f"{str(first)} {repr(first)} {kinds} {bool(a)}")
    return "none"


@accelerate
def args_back(k: int):
    try:
        raise ValueError("x", k, k / 2)
    except ValueError as e:
        return e.args


@accelerate
def args_numbers(text: str) -> float:
    try:
        raise ValueError(text, 2)
    except ValueError as e:
        return float(e.args[0]) * int(e.args[1])


def test_exception_args():
    check_all(args_of, [0, 1, 2, 3, 4, 5, 6, 7, 9, 10], [{"a": 1}], [python_raiser])
    with pytest.raises(TypeError, match="the args of this exception, which Python code raised, are not all None"):
        args_of(8, {}, python_raiser)
    assert args_back(3) == ("x", 3, 1.5)
    check_all(args_numbers, ["2.5", " 7 ", "x", "nan"])


# ---------------------------------------------------------------- tracebacks
@accelerate
def level2(xs: list[int], i: int) -> int:
    y = xs[0]
    return xs[i] + y


@accelerate
def level1(xs: list[int], i: int) -> int:
    total = 0
    for k in range(3):
        total += k
    return level2(xs, i) + total


def test_traceback_names_every_compiled_frame():
    with pytest.raises(IndexError) as e:
        level1([1, 2], 5)
    frames = traceback.extract_tb(e.value.__traceback__)
    mine = [(f.name, f.lineno, f.line) for f in frames if f.filename == __file__]
    lines = open(__file__).read().splitlines()
    where = {text: lines.index("    " + text) + 1 for text in ("return level2(xs, i) + total", "return xs[i] + y")}
    assert mine[-2:] == [("level1", where["return level2(xs, i) + total"], "return level2(xs, i) + total"),
                         ("level2", where["return xs[i] + y"], "return xs[i] + y")]
    text = "".join(traceback.format_exception(e.value))
    assert 'in level2\n    return xs[i] + y' in text


# a comprehension is a frame of its own in CPython 3.11 (3.12 inlines list, set and dict
# comprehensions; generator expressions stay frames): the traceback names it between its
# function and what it called, with the lines CPython gives each
@accelerate
def inverses(xs: list[int], k: int) -> list[float]:
    return [
        1 / (x - k)
        for x in xs
        if x > 0
    ]


@accelerate
def inverse_sum(xs: list[int], k: int) -> float:
    pairs = {x: level2(xs, x) for x in xs}
    return sum(1 / (v - k) for v in pairs.values())


def test_traceback_names_comprehension_frames():
    def frames(fn, *args):
        with pytest.raises(Exception) as e:
            fn(*args)
        return [(f.name, f.lineno) for f in traceback.extract_tb(e.value.__traceback__) if f.filename == __file__]
    for args in (([1, 2, 3], 2), ([4, 1], 1)):
        assert frames(inverses, *args) == frames(pyrite.interpreted(inverses), *args), args
    for args in (([1, 2], 2), ([0, 1], 1)):
        assert frames(inverse_sum, *args) == frames(pyrite.interpreted(inverse_sum), *args), args


class Chain(Exception):
    def __init__(self, msg: str, prev: "Chain | None"):
        super().__init__(msg)
        self.prev = prev


@accelerate
def chain(n: int) -> int:
    c: Chain | None = None
    for i in range(n):
        c = Chain(f"level {i}", c)  # instances that lead to their own class: traced, freed after the call
    if c is not None:
        raise c
    return 0


@accelerate
def collect(keys: list[str]) -> list[NotFound]:
    return [NotFound(k, i) for i, k in enumerate(keys)]


@accelerate
def describe(e: NotFound) -> str:
    return f"{e.key}: {e!r} {e} {e.tried}"


@accelerate
def raise_given(e: NotFound, k: int) -> int:
    if k:
        e.tried += k
        raise e
    return 0


def test_exception_instances_as_values_both_ways():
    with pytest.raises(Chain) as e:
        chain(3)
    assert (str(e.value), str(e.value.prev), str(e.value.prev.prev), e.value.prev.prev.prev) == \
        ("level 2", "level 1", "level 0", None)
    errs = collect(["a", "b"])
    assert [type(x) for x in errs] == [NotFound, NotFound] and errs[1].args == ("'b' not found after 1 tries",)
    # (check() would deep-copy the argument, which CPython cannot do for NotFound: its __init__
    # takes two arguments, its args hold one)
    assert describe(NotFound("zz", 4)) == pyrite.interpreted(describe)(NotFound("zz", 4)) == \
        "zz: NotFound(\"'zz' not found after 4 tries\") 'zz' not found after 4 tries 4"
    mine = NotFound("q", 1)
    with pytest.raises(NotFound) as e:
        raise_given(mine, 2)
    assert e.value is mine and mine.tried == 3  # the caller's own object, its field written back


# ---------------------------------------------------------------- in combination
@accelerate
def ledger(accounts: dict[str, Account], orders: list[tuple[str, int]]) -> list[str]:
    log: list[str] = []
    for name, amount in orders:
        try:
            acc = accounts[name]
            try:
                acc.withdraw(amount)
            finally:
                log.append(f"{name} {amount}")
        except Overdrawn as e:
            log.append(f"overdrawn {e.needed - e.available}")
        except KeyError as e:
            log.append("no account " + str(e))
        else:
            log.append("ok " + str(acc.balance))
    return log


def test_classes_dicts_loops_and_finally_together():
    check(ledger, {"a": Account("a", 10), "b": Account("b", 0)}, [("a", 4), ("b", 1), ("c", 2), ("a", 7), ("a", 6)])


# ---------------------------------------------------------------- diagnostics
def test_a_caught_exception_is_not_returned_to_python(tmp_path):
    text = compile_error(tmp_path, "exc_ret", """
from pyrite import accelerate

@accelerate
def f(x: int):
    try:
        x = 1 // x
    except ZeroDivisionError as e:
        return e
    raise ValueError("no")
""", 1)
    assert "'f' returns a caught exception (ZeroDivisionError) to Python: return str(e), or raise it" in text, text


@pytest.mark.parametrize("body, message", [
    ("try:\n        pass\n    except int:\n        pass",
     "compiled code names exception classes directly"),
    ("try:\n        pass\n    except Account:\n        pass",
     "'Account' is not an exception class: it does not derive from BaseException"),
    ("raise ValueError('a') from 5", "exception causes must derive from BaseException, not 'int'"),
    ("try:\n        pass\n    except ValueError as e:\n        return repr(e.__context__)",
     "e.__context__ is not supported: compiled code gives an exception its context as it leaves the handler"),
    ("try:\n        pass\n    except ValueError as e:\n        return e.args[0] + 1",
     "unsupported operand"),
    ("try:\n        pass\n    except ValueError as e:\n        return len(e.errno)",
     "'.errno' of 'ValueError' is not supported yet"),
    ("raise AppError([1, 2])", "keeps its arguments as its args"),
    ("try:\n        pass\n    except ValueError as e:\n        pass\n    return len(str(e))",
     "'e' is unbound here: Python deletes the name an 'except ... as e' clause binds when the clause ends"),

])
def test_exception_diagnostics(tmp_path, body, message):
    text = compile_error(tmp_path, "exc_bad", f"""
from pyrite import accelerate

class AppError(Exception):
    pass

class Account:
    def __init__(self, n: int):
        self.n = n

@accelerate
def f(x: int) -> int:
    {body}
    return 0
""", 1)
    assert message in text, text


# ---- a failed allocation is CPython's MemoryError(): caught by `except MemoryError`, through
# finally blocks, with the function's frame in its traceback
@accelerate
def allocate(n: int, log: list[str]) -> str:
    try:
        try:
            xs = [0] * n
            return str(len(xs))
        finally:
            log.append("finally")
    except MemoryError as e:
        return f"caught {e!r} {str(e)!r} {isinstance(e, Exception)}"


@accelerate
def allocate_uncaught(n: int) -> int:
    return len([1.5] * n)


def test_out_of_memory_is_memoryerror():
    check_all(allocate, [3, 10 ** 12], [[]])
    with pytest.raises(MemoryError) as e:
        allocate_uncaught(10 ** 12)
    assert e.value.args == ()
    assert traceback.extract_tb(e.value.__traceback__)[-1].name == "allocate_uncaught"


# ---------------------------------------------------------------- int(s) and float(s) failing in a loop
# A handler with no `as` name and no bare raise gets the exception as a value with no shared state
# (codegen/emit_try.cpp's value_raise); a text of plain ASCII has its message written in place
# (text.hpp's error_with_repr), any other through repr(): the messages are CPython's either way
BAD_TEXTS = ["n/a", "", " ", "1.5", "12a", "a'b", 'a"b', "a\\b", "tab\there", "é", "😀1", "\x00", "\x7f",
             "x" * 197, "x" * 198, "x" * 199, "y" * 250, "-", "+_1", "1__0", "0x10", " 12 34 ", "\x00" * 150,
             "é" * 120 + "\t" * 60]


@accelerate
def count_parsed(texts: list[str]) -> tuple[int, int, float]:
    good = 0
    bad = 0
    fsum = 0.0
    for t in texts:
        try:
            good += int(t)
        except ValueError:
            bad += 1
        try:
            fsum += float(t)
        except ValueError:
            bad += 100
    return good, bad, fsum


@accelerate
def parse_messages(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        try:
            out.append(str(int(t)))
        except ValueError as e:
            out.append(str(e))
        try:
            out.append(str(float(t)))
        except ValueError as e:
            out.append(str(e))
    return out


@accelerate
def parse_or_reraise(t: str, again: bool) -> int:
    try:
        return int(t)
    except ValueError:
        if again:
            raise
        raise LookupError("not a number: " + t)  # its __context__: the ValueError


def test_failed_int_and_float_in_loops():
    check(count_parsed, BAD_TEXTS + ["7", " -3 ", "2.5", "1e3", "inf", "٣"])
    check(parse_messages, BAD_TEXTS)
    for t in BAD_TEXTS[:12]:
        check(parse_or_reraise, t, True)
        check(parse_or_reraise, t, False)
    for fn in (parse_or_reraise, pyrite.interpreted(parse_or_reraise)):
        with pytest.raises(LookupError) as e:
            fn("a'b", False)
        assert type(e.value.__context__) is ValueError
        assert str(e.value.__context__) == 'invalid literal for int() with base 10: "a\'b"'
        with pytest.raises(ValueError, match=r"^invalid literal for int\(\) with base 10: 'n/a'$") as e:
            fn("n/a", True)
        assert e.value.__context__ is None
