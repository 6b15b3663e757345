"""functools.cache and lru_cache on the functions compiled code calls (issue 19): each keeps its
results by its arguments in a table of compiled code's own (runtime/include/pyrite/memo.hpp),
as functools' C wrappers keep theirs: unbounded, or at most maxsize, the least recently used
dropped first; an exception is not kept. What runs (the prints of the calls that miss) is
compared with CPython's, whose cache is cleared first."""
import functools
from functools import cache, lru_cache

from difftest import check, compile_error
from pyrite import accelerate


@cache
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.lru_cache(maxsize=None)
def grid_paths(r, c):  # no annotations: specialized at its call
    if r == 0 or c == 0:
        return 1
    return grid_paths(r - 1, c) + grid_paths(r, c - 1)


@lru_cache(maxsize=2)
def square(n: int) -> int:
    print("square", n)
    return n * n


@lru_cache(maxsize=0)
def never_kept(n: int) -> int:
    print("never_kept", n)
    return -n


@lru_cache
def checked(word: str, k: int) -> tuple[str, int]:
    print("checked", word, k)
    if k < 0:
        raise ValueError(f"negative k: {k}")
    return word * k, len(word)


@accelerate
def fibs(n: int) -> list[int]:
    return [fib(i) for i in range(n)]


@accelerate
def paths(n: int) -> int:
    return grid_paths(n, n)


@accelerate
def squares(xs: list[int]) -> int:
    return sum(square(x) + never_kept(x) for x in xs)


@accelerate
def check_words(words: list[str], k: int) -> list[tuple[str, int]]:
    out = []
    for w in words:
        try:
            out.append(checked(w, k))
        except ValueError as e:
            out.append((str(e), -1))
    return out


def test_results():
    check(fibs, 93)  # fib(92) is the last that fits in 64 bits
    check(fibs, 94)  # fib(93): OverflowError, and nothing kept for it
    check(paths, 0)
    check(paths, 16)


def _same_prints(capsys, fn, *args, clear=()):
    compiled = fn(*args)
    got = capsys.readouterr().out
    for cached in clear:
        cached.cache_clear()
    expected_value = fn.py_func(*args)
    expected = capsys.readouterr().out
    assert compiled == expected_value
    assert got == expected, (got, expected)


def test_least_recently_used_dropped_first(capsys):
    # maxsize=2: 1, 2, 1 (a hit: 1 is now the newest), 3 (drops 2), 1 (a hit), 2 (a miss again)
    _same_prints(capsys, squares, [1, 2, 1, 3, 1, 2, 2, 5], clear=(square,))


def test_exceptions_are_not_kept(capsys):
    _same_prints(capsys, check_words, ["ab", "", "ab", "c"], 2, clear=(checked,))
    _same_prints(capsys, check_words, ["ab", "ab"], -1, clear=(checked,))


def test_unhashable_arguments_are_refused(tmp_path):
    err = compile_error(tmp_path, "cached_list", """
from functools import cache
from pyrite import accelerate

@cache
def total(xs: list[int]) -> int:
    return sum(xs)

@accelerate
def f(xs: list[int]) -> int:
    return total(xs)
""", [1])
    assert "unhashable type: 'list': 'total' is cached (functools), by its arguments" in err
