"""Compare mode: run a function compiled and interpreted on the same inputs and say where they differ.

    pyrite.compare(fn, *args, **kwargs) -> Report      one call, both ways
    @accelerate(verify=True)                           every call, both ways; the first
                                                       divergence raises pyrite.DivergenceError
    PYRITE_VERIFY=1                                    verify=True for every @accelerate

"The same" is strict: equal values of the same type (floats bit for bit, so -0.0 and
nan are told apart; a NumPy scalar's dtype and an array's dtype, shape and memory
order included; dicts and sets in iteration order), or the same exception type with
the same message; and every argument ends the call in the same state. Each run gets
its own deep copy of the arguments; `return xs` must give back the caller's object in
both runs or in neither.

The tests use this module too (tests/difftest.py), so what a user's verify run checks
is what pyrite's own differential suite checks.
"""
import math
import struct

__all__ = ["Report", "DivergenceError", "compare", "same", "outcome"]


def _bits(x):
    return struct.pack("<d", x)


def _np_scalar(x):
    return type(x).__module__ == "numpy" and getattr(x, "shape", None) == ()


def _as_python(x):
    """A NumPy scalar as the Python number it holds (where pyrite returns the declared Python type)."""
    return x.item() if _np_scalar(x) else x


def _layout(a):
    """C, F or both for a contiguous array (compared); a strided view of a temporary
    comes back from pyrite as a contiguous copy, which counts as the same."""
    c, f = a.flags.c_contiguous, a.flags.f_contiguous
    return (c, f) if (c or f) else None


def _instance_fields(o):
    """The fields of an instance of a program's class (its __dict__, or its __slots__), or None
    for anything else."""
    t = type(o)
    if t.__module__ in ("builtins", "numpy") or isinstance(o, (int, float, complex, str, bytes, list, tuple, dict, set)):
        return None
    if hasattr(o, "__dict__") and not isinstance(o, type):
        return dict(vars(o))
    slots = [s for c in t.__mro__ for s in getattr(c, "__slots__", ())]
    if slots:
        return {s: getattr(o, s) for s in slots if hasattr(o, s)}
    return None


def same(a, b, _seen=None):
    """Whether a (the interpreted result) and b (the compiled one) are the same, strictly."""
    fa = _instance_fields(a)
    if fa is not None:  # instances of the program's classes: the same class, fields the same
        if type(a) is not type(b):
            return False
        _seen = set() if _seen is None else _seen
        if (id(a), id(b)) in _seen:  # a cycle: compared already
            return True
        _seen.add((id(a), id(b)))
        fb = _instance_fields(b)
        return fb is not None and list(fa) == list(fb) and all(same(fa[k], fb[k], _seen) for k in fa)
    if _np_scalar(a) and _np_scalar(b):  # two NumPy scalars: the same dtype, then the same value
        if type(a) is not type(b):
            return False
        a, b = a.item(), b.item()
    else:
        a, b = _as_python(a), _as_python(b)
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return _bits(a) == _bits(b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, complex):
        return same(a.real, b.real) and same(a.imag, b.imag)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(x, y, _seen) for x, y in zip(a, b))
    if type(a).__name__ == "ndarray":  # NumPy: shape, dtype, memory order and every bit
        import numpy as np
        return (a.shape == b.shape and a.dtype == b.dtype and
                (_layout(a) is None or _layout(b) is None or _layout(a) == _layout(b)) and
                (a.tobytes() == b.tobytes() or np.array_equal(a, b, equal_nan=True)))
    if isinstance(a, dict):  # insertion order included
        return same(list(a.items()), list(b.items()), _seen)
    if isinstance(a, (set, frozenset)):  # iteration order included: pyrite's sets are CPython's tables
        if any(type(x).__hash__ is object.__hash__ for x in a):
            # but items hashed by their addresses: an order neither side can reproduce (pyrite
            # refuses to iterate such sets), so matched one to one, in any order
            rest = list(b)
            for x in a:
                k = next((i for i, y in enumerate(rest) if same(x, y, _seen)), None)
                if k is None:
                    return False
                rest.pop(k)
            return not rest
        return same(list(a), list(b))
    return a == b


def outcome(f, args, kwargs):
    """("value", result) or ("raise", exception type, message, the exception)."""
    try:
        return ("value", f(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - whatever either side raises is compared
        return ("raise", type(e), str(e), e)


def _show(o):
    if o[0] == "value":
        return f"returned {o[1]!r} ({type(o[1]).__module__ + '.' if type(o[1]).__module__ not in ('builtins',) else ''}{type(o[1]).__name__})"
    return f"raised {o[1].__name__}: {o[2]}"


class Report:
    """What one call did, interpreted and compiled; true when they agree."""

    def __init__(self, fn_name, args, kwargs, interpreted, compiled, args_after, differences):
        self.function = fn_name
        self.args, self.kwargs = args, kwargs
        self.interpreted, self.compiled = interpreted, compiled
        self.args_after = args_after  # (interpreted copies, compiled copies) after the calls
        self.differences = differences  # [(what, detail)]: "value", "exception", "message", "argument N", "identity"

    @property
    def equal(self):
        return not self.differences

    def __bool__(self):
        return self.equal

    def call_text(self, full=False):
        cut = (lambda t: t) if full else _abbreviated
        parts = [cut(repr(a)) for a in self.args] + [f"{k}={cut(repr(v))}" for k, v in self.kwargs.items()]
        return f"{self.function}({', '.join(parts)})"

    def text(self, full=False):
        """The report; long values abbreviated as pytest abbreviates them, unless full."""
        cut = (lambda t: t) if full else _abbreviated
        if self.equal:
            return f"{self.call_text(full)}: compiled and interpreted agree ({cut(_show(self.compiled))})"
        lines = [f"{self.call_text(full)}: compiled and interpreted differ"]
        for what, detail in self.differences:
            lines.append(f"  {what}: {cut(detail)}")
        return "\n".join(lines)

    def __str__(self):
        return self.text()

    __repr__ = __str__


def _abbreviated(text, limit=240):
    """text, its middle left out past `limit` characters (pytest's saferepr does the same)."""
    if len(text) <= limit:
        return text
    keep = (limit - 5) // 2
    return f"{text[:keep]} ... {text[-keep:]}"


class DivergenceError(AssertionError):
    """Raised by @accelerate(verify=True) at the first call whose compiled and interpreted runs differ."""

    def __init__(self, report):
        super().__init__(str(report))
        self.report = report


INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def too_big(v):
    """Whether a value holds an int beyond 64 bits (a call that makes one runs in CPython)."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return not INT64_MIN <= v <= INT64_MAX
    if isinstance(v, (tuple, list, set)):
        return any(too_big(x) for x in v)
    if isinstance(v, dict):
        return any(too_big(x) for x in v.items())
    return False


# what an int beyond 64 bits raises where CPython cannot run the call again (capi.hpp's rerun)
NO_RERUN = "CPython could not run the call again"


def int_refused(comp_out):
    """Whether the compiled call failed because an int left 64 bits after the call had done
    something the caller sees (a print, a call into Python; README: Python's int)."""
    return comp_out[0] == "raise" and comp_out[1] is OverflowError and NO_RERUN in str(comp_out[2])


def documented(interp_out, comp_out):
    """The two places pyrite raises by contract where CPython returns (README): an int beyond
    64 bits in a call that cannot run again in CPython is OverflowError, a float power that
    CPython makes complex is ValueError. Raising there is pyrite's promise, not a divergence."""
    if interp_out[0] != "value" or comp_out[0] != "raise":
        return False
    if int_refused(comp_out):
        return True
    return type(interp_out[1]) is complex and comp_out[1] is ValueError


def _diff(interp_out, comp_out, ref_args, got_args):
    differences = []
    if documented(interp_out, comp_out):
        return differences
    for i, (r, g) in enumerate(zip(ref_args, got_args)):
        if not same(r, g):
            differences.append((f"argument {i} after the call", f"interpreted {r!r}, compiled {g!r}"))
    if interp_out[0] == "value" and comp_out[0] == "value":
        if not same(interp_out[1], comp_out[1]):
            differences.append(("value", f"interpreted {_show(interp_out)}, compiled {_show(comp_out)}"))
        for i, (r, g) in enumerate(zip(ref_args, got_args)):
            if isinstance(r, (list, dict, set)) or type(r).__name__ == "ndarray":
                if (interp_out[1] is r) != (comp_out[1] is g):
                    differences.append(("identity", f"the result is argument {i} itself in one run only"))
    elif interp_out[0] != comp_out[0]:
        differences.append(("outcome", f"interpreted {_show(interp_out)}, compiled {_show(comp_out)}"))
    elif interp_out[1] is not comp_out[1]:
        differences.append(("exception", f"interpreted {_show(interp_out)}, compiled {_show(comp_out)}"))
    elif interp_out[2] != comp_out[2] and not (comp_out[1] is TypeError and "() argument '" in comp_out[2]):
        # (an argument the annotation rejects is a TypeError naming the parameter, by design:
        # the same exception, a clearer message)
        differences.append(("message", f"interpreted {interp_out[2]!r}, compiled {comp_out[2]!r}"))
    return differences


def _interpreted(fn):
    from .reference import interpreted
    return interpreted(fn)


def compare(fn, *args, **kwargs):
    """Runs ``fn`` interpreted and compiled, each on its own deep copy of the arguments,
    and returns a Report: true when they agree, else what differs (value, exception type
    or message, the state of an argument afterwards)."""
    import copy  # here, not at `import pyrite`: the warm start does not pay for it
    fn = getattr(fn, "_pyrite_verified", fn)
    shown = copy.deepcopy((args, kwargs))
    ref_args, got_args = copy.deepcopy(args), copy.deepcopy(args)
    ref_kwargs, got_kwargs = copy.deepcopy(kwargs), copy.deepcopy(kwargs)
    interp_out = outcome(_interpreted(fn), ref_args, ref_kwargs)
    comp_out = outcome(fn, got_args, got_kwargs)
    differences = _diff(interp_out, comp_out, list(ref_args) + list(ref_kwargs.values()),
                        list(got_args) + list(got_kwargs.values()))
    return Report(fn.__name__, shown[0], shown[1], interp_out, comp_out, (ref_args, got_args), differences)


class Verified:
    """An @accelerate(verify=True) function: every call runs compiled on the caller's own
    arguments (so the call has the compiled behaviour, mutations included) and
    interpreted on a deep copy taken before; the first difference raises DivergenceError
    with the report, instead of returning."""

    def __init__(self, accelerated):
        self._pyrite_verified = accelerated
        self.py_func = accelerated.py_func
        for attr in ("__module__", "__name__", "__qualname__", "__doc__", "__wrapped__"):
            setattr(self, attr, getattr(accelerated, attr, None))

    def __getattr__(self, name):  # native, specializations, ...: the compiled function's
        return getattr(self._pyrite_verified, name)

    def __call__(self, *args, **kwargs):
        import copy
        fn = self._pyrite_verified
        shown = copy.deepcopy((args, kwargs))  # the inputs, for the report
        ref_args, ref_kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        comp_out = outcome(fn, args, kwargs)
        interp_out = outcome(_interpreted(fn), ref_args, ref_kwargs)
        differences = _diff(interp_out, comp_out, list(ref_args) + list(ref_kwargs.values()),
                            list(args) + list(kwargs.values()))
        if differences:
            raise DivergenceError(Report(fn.__name__, shown[0], shown[1], interp_out, comp_out, None, differences))
        if comp_out[0] == "raise":
            raise comp_out[3]
        return comp_out[1]

    def __reduce__(self):  # pickles by reference, like the function it wraps
        return self.__qualname__
