"""Differential testing: run an @accelerate function compiled and interpreted, compare.

Results must be equal and of the same type (floats bit for bit, so -0.0 and
nan are told apart), or both calls must raise the same exception type with
the same message. Two documented differences are accepted: where an int leaves
64 bits after the call called Python (so CPython cannot run it
again), compiled code raises OverflowError saying so; where CPython's
float ** float is complex, compiled code raises ValueError.
"""
import copy
import math

import pyrite

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1

INTS = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 2 ** 31, -(2 ** 31), 2 ** 53 + 1, 2 ** 62,
        INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1]
SMALL_INTS = [0, 1, -1, 2, -2, 3, -3, 7, -7, 10, 63, 64]
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 2.5, 0.1, 3.0, 1e16, 1e300, -1e300, 1e-300, 5e-324,
          9007199254740993.0, 2.0 ** 63, -(2.0 ** 63), math.pi,
          float("inf"), float("-inf"), float("nan")]
BOOLS = [True, False]


# what "the same" means is pyrite's compare mode's (pyrite/compare.py), which users run too
from pyrite.compare import outcome as _outcome, same, int_refused as _int_refused  # noqa: E402,F401


_references = {}


def _reference(fn):
    """The interpreted version, calling interpreted versions of other accelerated functions."""
    ref = _references.get(fn)
    if ref is None:
        ref = _references[fn] = pyrite.interpreted(fn)
    from pyrite.reference import refresh
    refresh(ref)  # the module's globals as they are now (a global rebound since)
    return ref


def check(fn, *args, message=True, **kwargs):
    """Asserts compiled fn(*args) behaves as the Python function does."""
    # each run gets its own copy of the arguments; what it does to them is compared too
    ref_args, got_args = copy.deepcopy(args), copy.deepcopy(args)
    expected = _outcome(_reference(fn), ref_args, kwargs)
    got = _outcome(fn, got_args, kwargs)
    where = f"{fn.__name__}{args!r}{kwargs or ''}"
    assert same(list(ref_args), list(got_args)), f"{where}: arguments after the call: CPython {ref_args!r}, compiled {got_args!r}"
    if expected[0] == "value" and got[0] == "value":
        for r, g in zip(ref_args, got_args):  # `return xs` gives the caller's own list back
            if isinstance(r, (list, dict, set)) or type(r).__name__ == "ndarray":
                assert (expected[1] is r) == (got[1] is g), f"{where}: identity of the result differs"
    if expected[0] == "value" and _int_refused(got):
        return  # an int beyond 64 bits after a print or a call into Python (README: Python's int)
    if expected[0] == "value" and type(expected[1]) is complex and got[0] == "raise":
        # negative float ** fractional float: CPython's complex result has no pyrite type
        assert got[0] == "raise" and got[1] is ValueError, f"{where}: expected ValueError, got {got}"
        return
    if expected[0] == "value":
        assert got[0] == "value", f"{where}: CPython returned {expected[1]!r}, compiled raised {got[1:3]}"
        assert same(expected[1], got[1]), f"{where}: CPython {expected[1]!r}, compiled {got[1]!r}"
        return
    assert got[0] == "raise", f"{where}: CPython raised {expected[1:3]}, compiled returned {got[1]!r}"
    assert got[1] is expected[1], f"{where}: CPython raised {expected[1].__name__}, compiled {got[1].__name__}: {got[2]}"
    if message:
        assert got[2] == expected[2], f"{where}: message {got[2]!r} != CPython's {expected[2]!r}"


def check_all(fn, *arg_lists, **kw):
    """check() over the cartesian product of the argument lists: one list per parameter."""
    import inspect
    import itertools
    try:
        params = inspect.signature(getattr(fn, "py_func", fn)).parameters.values()
        required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        required = []
    # check_all(f, [(1, 2), (3, 4)]) of a two-parameter f would call f((1, 2)): both sides then raise
    # the same TypeError and compare equal, testing nothing (check_each runs each tuple as a call)
    items = [a for lst in arg_lists for a in lst]
    assert not (len(arg_lists) < len(required) and items and all(isinstance(a, tuple) for a in items)
                and min(len(a) for a in items) >= len(required)), \
        f"check_all({getattr(fn, '__name__', fn)}, ...): one list per parameter; a list of calls is check_each's"
    for args in itertools.product(*arg_lists):
        check(fn, *args, **kw)


def check_each(fn, calls, **kw):
    """check() of each tuple of arguments in calls."""
    for args in calls:
        check(fn, *args, **kw)


def load_source(tmp_path, name, text):
    """Imports `text` as a module from a file (for functions that must fail to compile
    without breaking the rest of the test module's build)."""
    import importlib.util
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    import sys
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # as an import does: its classes are found through it
    spec.loader.exec_module(mod)
    return mod


def compile_error(tmp_path, name, text, *args):
    """The CompileError text of calling f(*args) from `text`, a module of its own."""
    import pytest
    mod = load_source(tmp_path, name, text)
    with pytest.raises(pyrite.CompileError) as e:
        mod.f(*args)
    return str(e.value)


def numpy_refusal(tmp_path, params, call):
    """The CompileError text of `def f(PARAMS): return CALL`, in a module of its own that imports
    numpy as np and pyrite's f64 and i64 annotations."""
    return compile_error(tmp_path, "numpy_refused", f"""
import numpy as np
from pyrite import accelerate, f64, i64

@accelerate
def f({params}):
    return {call}
""")


def sanitizer_env():
    """What a test's own minimal environment for a child process must keep under
    ./dev test --sanitize: the preloaded sanitizer runtimes and their options."""
    import os
    return {k: os.environ[k] for k in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS") if k in os.environ}


def printed_both(fn, *args):
    """What fn prints, compiled and interpreted (each with its own captured stdout)."""
    import io
    import sys
    out = []
    for f in (fn, pyrite.interpreted(fn)):
        buf, old = io.StringIO(), sys.stdout
        sys.stdout = buf
        try:
            f(*args)
        finally:
            sys.stdout = old
        out.append(buf.getvalue())
    return out


def deepest(f, hi):
    """The largest n <= hi for which f(n) does not raise RecursionError."""
    lo = 0
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            f(mid)
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo
