"""Helpers without annotations (issue 16): a module-level function whose parameters are not
all annotated is compiled once per tuple of argument types its calls pass (as Pythran and
Numba specialize), its return type inferred. Annotated parameters stay contracts. What a
version of a helper learns of a list passed to it (`xs = []; fill(xs)`) the caller learns too.
A version that does not compile is reported with a note at the call that asked for it."""
from dataclasses import dataclass
from typing import Optional

from difftest import check, check_all, compile_error
from pyrite import accelerate


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def fill(xs, n, scale=2):
    for i in range(n):
        xs.append(i * scale)


def mean(xs):
    if not xs:
        raise ValueError("mean of an empty sequence")
    return sum(xs) / len(xs)


def scaled(xs: list[float], k):  # one parameter annotated: a contract; the other from the call
    return [x * k for x in xs]


def describe(name, value, unit="m"):
    return f"{name}={value}{unit}"


def count_words(text):
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def swap(pair):
    a, b = pair
    return b, a


def norm2(v):
    return v.x * v.x + v.y * v.y


def evens(n):
    for i in range(n):
        if clamp(i, 0, n) % 2 == 0:
            yield i


@dataclass
class Vec:
    x: float
    y: float


@accelerate
def clamps(n: int, x: float) -> tuple[int, float, bool, int]:
    return clamp(n, 0, 10), clamp(x, -1.0, 1.0), clamp(n > 0, False, True), clamp(n, lo=-5, hi=5)


@accelerate
def recursion(n: int) -> tuple[int, float, bool]:
    return fib(n), fib(float(n)), is_even(n)


@accelerate
def learned(n: int) -> tuple[list[int], list[float], float]:
    xs = []
    fill(xs, n)
    ys = []
    fill(ys, n, scale=0.5)
    return xs, ys, mean(ys)


@accelerate
def mutates(xs: list[int], n: int) -> int:
    fill(xs, n, 3)
    return len(xs)


@accelerate
def raising(xs: list[float]) -> float:
    try:
        return mean(xs)
    except ValueError:
        return -1.0


@accelerate
def raising_through(xs: list[int]) -> float:
    return mean(xs) * 2


@accelerate
def mixed(xs: list[float], k: int, text: str) -> tuple[list[float], str, str, dict[str, int], tuple[str, int]]:
    return (scaled(xs, k), describe("len", len(xs)), describe("k", k * 0.5, unit="s"), count_words(text),
            swap((k, text)))


@accelerate
def objects(vs: list[Vec]) -> tuple[float, dict[str, float]]:
    by_name = {f"v{i}": norm2(v) for i, v in enumerate(vs)}
    return sum(norm2(v) for v in vs), by_name


@accelerate
def in_generator(n: int) -> list[int]:
    return [clamp(e, 2, 6) for e in evens(n)]


def test_one_version_per_argument_types():
    check_all(clamps, [-20, -3, 0, 4, 7, 99], [-2.5, -0.0, 0.5, 3.0, float("nan")])


def test_recursive_and_mutually_recursive_helpers():
    check_all(recursion, [0, 1, 2, 10, 20])


def test_a_helper_teaches_the_caller_its_list_type():
    check_all(learned, [1, 5])
    check(learned, 0)  # mean of an empty list raises ValueError from the helper


def test_arguments_changed_by_a_helper_and_exceptions_through_it():
    check_all(mutates, [[], [1, 2]], [0, 3])
    check_all(raising, [[], [1.5, 2.5]])
    check_all(raising_through, [[], [1, 2, 4]])


def test_helpers_over_strings_dicts_tuples_and_objects():
    check_all(mixed, [[], [1.5, -2.0]], [0, 3], ["", "a b a", "x  y x x"])
    check_all(objects, [[Vec(1.0, 2.0)], [Vec(1.0, 2.0), Vec(-0.5, 3.0)]])  # sum([]) of floats: README
    check_all(in_generator, [0, 5, 12])


def test_an_annotated_parameter_stays_a_contract(tmp_path):
    text = compile_error(tmp_path, "contract_mod", "from pyrite import accelerate\n"
                         "def scaled(xs: list[float], k):\n    return [x * k for x in xs]\n"
                         "@accelerate\ndef f(xs: list[str]) -> list[float]:\n    return scaled(xs, 2)\n", ["a"])
    assert "scaled() argument 'xs' must be 'list[float]', not 'list[str]'" in text


def test_a_version_that_does_not_compile_points_at_its_call(tmp_path):
    text = compile_error(tmp_path, "bad_version", "from pyrite import accelerate\n"
                         "def shout(x):\n    return x.upper()\n"
                         "@accelerate\ndef f(n: int) -> str:\n    return shout('a') + shout(n)\n", 1)
    lines = text.splitlines()
    assert "bad_version.py:3:12: error: 'int' object has no attribute 'upper' that pyrite supports" in lines[0]
    assert "bad_version.py:6:25: note: in the version of 'shout' compiled for this call's argument types (x: int)" \
        in lines[3]
    assert len([line for line in lines if ": error:" in line]) == 1  # the caller's unknowns follow from it


def test_wrong_calls_of_helpers_have_cpythons_messages(tmp_path):
    text = compile_error(tmp_path, "bad_calls", "from pyrite import accelerate\n"
                         "def add(a, b):\n    return a + b\n"
                         "@accelerate\ndef f(n: int) -> int:\n    return add(n) + add(1, 2, 3) + add(1, c=2)\n", 1)
    assert "add() missing 1 required positional argument: 'b'" in text
    assert "add() takes 2 positional arguments but 3 were given" in text
    assert "add() got an unexpected keyword argument 'c'" in text


def test_a_helper_that_would_need_versions_forever(tmp_path):
    text = compile_error(tmp_path, "grow_mod", "from pyrite import accelerate\n"
                         "def grow(x, n):\n    return x if n == 0 else grow((x, x), n - 1)\n"
                         "@accelerate\ndef f(n: int) -> int:\n    grow(1, n)\n    return n\n", 1)
    assert "'grow' would be compiled in more than 16 versions" in text
    assert text.count(": error:") == 1


# called from Python without annotations: one compiled version per argument types, made at the
# first call that passes them
@accelerate
def scaled_items(xs, k=2):
    return [x * k for x in xs]


@accelerate
def push(xs, v):
    xs.append(v)
    return len(xs)


@accelerate
def dot(a, b):
    return float((a * b).sum())


def test_an_accelerated_function_without_annotations_specializes_per_call():
    import numpy as np
    check_all(scaled_items, [[1, -2], [0.5], (1, 2, 3)], [3, 0.5, True])
    check_all(scaled_items, ["ab", {"k": 1}], [3, True])  # str * float: a compile error for that version
    check(scaled_items, [2], k=-1)
    check_all(push, [[1, 2], [5]], [7])  # the list the call changed, as CPython changes it
    check(push, [[1.5]], [2.5])
    check(dot, np.arange(3.0), np.ones(3))
    check(dot, np.arange(6).reshape(2, 3), np.arange(6).reshape(2, 3))
    assert len(scaled_items.specializations) == 13 and len(dot.specializations) == 2


@accelerate
def last_of(xs):
    return xs[-1] if xs else None


def test_values_that_tell_no_one_type_are_type_errors():
    import pytest
    # an empty list before any version: nothing tells its items
    with pytest.raises(TypeError) as e:
        last_of([])
    assert ("last_of() argument 'xs' is an empty list: pyrite compiles an unannotated parameter for one type of item; "
            "annotate the parameter (xs: list[int])") in str(e.value)
    # after one: the empty list is that version's (as much a list[str] as a list[int] in CPython)
    assert last_of(["a", "b"]) == "b" and last_of([]) is None and len(last_of.specializations) == 1
    for value, message in [([True, 2], "scaled_items() argument 'xs' holds items of the types bool, int"),
                           ({1: 2, "a": 2}, "scaled_items() argument 'xs' holds keys of the types int, str"),
                           (object(), "scaled_items() argument 'xs' is of type object: pyrite compiles an "
                                      "unannotated parameter for int, float, bool, complex, str, None")]:
        with pytest.raises(TypeError) as e:
            scaled_items(value)
        assert message in str(e.value)
    with pytest.raises(TypeError, match=r"push\(\) missing 1 required positional argument: 'v'"):
        push([1])


@dataclass
class Tree:
    val: int
    left: Optional["Tree"] = None
    right: Optional["Tree"] = None


def insert(root, val):
    if root is None:
        return Tree(val)
    if val < root.val:
        root.left = insert(root.left, val)
    else:
        root.right = insert(root.right, val)
    return root


def inorder(root, out):
    if root:
        inorder(root.left, out)
        out.append(root.val)
        inorder(root.right, out)
    return out


def group(words, into):
    for w in words:
        into[len(w)] = into.get(len(w), "") + w
    return into


@accelerate
def sorted_by_tree(values: list[int]) -> tuple[list[int], dict[int, str]]:
    root = None
    for v in values:
        root = insert(root, v)
    return inorder(root, []), group([str(v) for v in values], {})  # [] and {} typed by what the helpers store


def test_an_empty_display_passed_to_a_helper_takes_what_it_stores():
    check_all(sorted_by_tree, [[50, 30, 70, 20, 40, 35], [], [1]])
