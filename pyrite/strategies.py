"""Inputs for `pyrite compare FILE::fn -n N`: hypothesis strategies read off a function's annotations.

Every type pyrite compiles has one, biased toward the values where compiled code is most
likely to go wrong: ints at the 64-bit edges, floats with nan, inf and -0.0, unicode text,
empty and nested containers, NumPy arrays of several shapes (empty ones too) in C, Fortran
and strided layouts. hypothesis shrinks a failing input to a small one.

An int parameter that feeds range() or an array's size (`for i in range(n)`, `np.zeros(n)`,
`[0] * n`) is drawn from -1 to 200 instead: a loop to 2**62 would never end interpreted.
`--max-int M` bounds every int to [-M, M], `--max-size S` every container, string and array
side; a function's own `strategies` attribute ({parameter: hypothesis strategy}) overrides
any parameter.
"""
import typing

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


class Bounds:
    """What the user bounded: every int to [-max_int, max_int], sizes to max_size."""

    def __init__(self, max_int=None, max_size=None):
        self.max_int, self.max_size = max_int, max_size

    def size(self, default):
        return default if self.max_size is None else self.max_size


def _ints(st, bounds=Bounds()):
    edges = [0, 1, -1, 2, -2, 7, 255, 2 ** 31, -(2 ** 31), 2 ** 53 + 1, 2 ** 62, INT64_MAX, INT64_MIN,
             INT64_MAX - 1, INT64_MIN + 1]
    m = bounds.max_int
    if m is not None:
        return st.one_of(st.sampled_from([e for e in edges if -m <= e <= m]), st.integers(-m, m))
    return st.one_of(st.sampled_from(edges), st.integers(-1000, 1000), st.integers(INT64_MIN, INT64_MAX))


def _counts(st, bounds):
    """An int a loop counts to or a size is made of."""
    top = 200 if bounds.max_int is None else min(200, bounds.max_int)
    return st.one_of(st.sampled_from([0, 1, 2]), st.integers(-1, top))


_SIZE_CALLS = {"range", "zeros", "ones", "empty", "full", "arange", "linspace", "eye", "identity", "rand", "randn",
               "repeat", "tile", "random", "standard_normal"}


def count_parameters(fn):
    """The parameters whose values feed range() or a size: range(n), np.zeros((n, m)), [0] * n."""
    import ast
    import inspect
    import textwrap
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            called = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
            if called in _SIZE_CALLS:
                for a in list(node.args) + [k.value for k in node.keywords]:
                    names |= {n.id for n in ast.walk(a) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if isinstance(other, (ast.List, ast.Tuple, ast.Constant)) and isinstance(side, ast.Name):
                    names.add(side.id)
    code = fn.__code__
    return names & set(code.co_varnames[:code.co_argcount])


def _floats(st):
    edges = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1e300, -1e300, 5e-324, float("inf"), float("-inf"), float("nan"),
             2.0 ** 63, 9007199254740993.0]
    return st.one_of(st.sampled_from(edges), st.floats(allow_nan=True, allow_infinity=True))


def _array(st, dtype, ndim, bounds=Bounds()):
    """Arrays of `dtype` with `ndim` dimensions (None: 1 to 3), in several memory layouts."""
    import numpy as np
    from hypothesis.extra import numpy as hnp
    dims = st.just(ndim) if ndim else st.integers(1, 3)

    def build(nd):
        shapes = hnp.array_shapes(min_dims=nd, max_dims=nd, min_side=0, max_side=bounds.size(5))
        kind = np.dtype(dtype).kind
        elements = None
        if kind == "f":
            elements = st.floats(allow_nan=True, allow_infinity=True, width=np.dtype(dtype).itemsize * 8)
        arrays = hnp.arrays(dtype, shapes, elements=elements)

        def layout(pair):
            a, how = pair
            if how == "F":
                return np.asfortranarray(a)
            if how == "reversed":
                return a[(slice(None, None, -1),) * a.ndim]
            if how == "strided":
                return np.repeat(a, 2, axis=a.ndim - 1)[..., ::2]
            return a
        return st.tuples(arrays, st.sampled_from(["C", "F", "reversed", "strided"])).map(layout)
    return dims.flatmap(build)


def strategy(annotation, namespace, bounds=Bounds()):
    """The hypothesis strategy for values of this annotation (a type, a string to evaluate
    in the function's module, or a pyrite array type)."""
    from hypothesis import strategies as st
    if isinstance(annotation, str):
        annotation = eval(annotation, dict(namespace))  # noqa: S307 - the user's own annotation
    from ._types import ArrayType
    if isinstance(annotation, ArrayType):
        return _array(st, annotation.dtype, annotation.ndim, bounds)
    if annotation is int:
        return _ints(st, bounds)
    if annotation is float:
        return _floats(st)
    if annotation is bool:
        return st.booleans()
    if annotation is str:
        return st.text(max_size=bounds.size(12))
    if annotation is bytes:
        return st.binary(max_size=bounds.size(12))
    if annotation is bytearray:
        return st.binary(max_size=bounds.size(12)).map(bytearray)
    if annotation is None or annotation is type(None):
        return st.none()
    if annotation is range:
        return st.builds(range, st.integers(-20, 20), st.integers(-20, 20), st.integers(1, 5))
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if getattr(origin, "__name__", None) == "ndarray" or getattr(annotation, "__name__", None) == "ndarray":
        import numpy as np
        dtype = None
        if len(args) == 2 and typing.get_args(args[1]):  # NDArray[np.float64]
            dtype = typing.get_args(args[1])[0]
        if dtype is None or dtype is typing.Any:
            return st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.uint8, np.bool_]).flatmap(
                lambda d: _array(st, d, None, bounds))
        return _array(st, dtype, None, bounds)
    if origin is list:
        return st.lists(strategy(args[0], namespace, bounds), max_size=bounds.size(12))
    if origin is set:
        return st.sets(strategy(args[0], namespace, bounds), max_size=bounds.size(8))
    if origin is dict:
        return st.dictionaries(strategy(args[0], namespace, bounds), strategy(args[1], namespace, bounds), max_size=bounds.size(8))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy(args[0], namespace, bounds), max_size=bounds.size(8)).map(tuple)
        return st.tuples(*(strategy(a, namespace, bounds) for a in args))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return st.one_of(*(strategy(a, namespace, bounds) for a in args))
    if isinstance(annotation, type):
        return _instances(st, annotation, bounds)
    raise TypeError(f"no input generator for the annotation {annotation!r}")


def _instances(st, cls, bounds):
    """Instances of one of the program's classes, built as the program builds them: a dataclass
    from its fields' annotations, a plain class by calling __init__ with values of its
    parameters' annotations. A class that refers to itself (Node | None) recurses, a few deep."""
    import inspect
    import sys
    namespace = vars(sys.modules[cls.__module__])
    init = cls.__dict__.get("__init__")
    try:
        hints = typing.get_type_hints(init, namespace) if init else {}
    except Exception:  # noqa: BLE001 - an annotation that does not evaluate: no generator
        raise TypeError(f"no input generator for instances of {cls.__qualname__}: its __init__'s annotations "
                        "do not evaluate") from None
    params = [p for p in inspect.signature(init).parameters.values()][1:] if init else []
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.name not in hints for p in params):
        raise TypeError(f"no input generator for instances of {cls.__qualname__}: annotate its __init__'s parameters")

    if cls in _building:  # a class that refers to itself (Node | None): the strategy being built
        return _building[cls]
    made = {}
    _building[cls] = me = st.deferred(lambda: made["strategy"])
    try:
        made["strategy"] = st.builds(cls, *(strategy(hints[p.name], namespace, bounds) for p in params))
    finally:
        del _building[cls]
    return me


_building = {}  # class -> the strategy of its instances, while it is being built


def for_function(fn, bounds=Bounds(), overrides=None):
    """A strategy for the positional arguments of fn, as a tuple, from its annotations (an int
    that feeds range() or a size drawn small; `overrides`: {parameter: strategy})."""
    from hypothesis import strategies as st
    code = fn.__code__
    names = code.co_varnames[:code.co_argcount]
    overrides = overrides or {}
    unknown = set(overrides) - set(names)
    if unknown:
        raise TypeError(f"{fn.__name__}(): strategies given for {', '.join(sorted(unknown))}, which it has no "
                        "parameter of")
    missing = [n for n in names if n not in fn.__annotations__ and n not in overrides]
    if missing:
        raise TypeError(f"{fn.__name__}(): parameter(s) {', '.join(missing)} have no annotation to generate inputs from")
    counts = count_parameters(fn)

    def one(n):
        if n in overrides:
            return overrides[n]
        if n in counts and fn.__annotations__[n] in (int, "int"):
            return _counts(st, bounds)
        return strategy(fn.__annotations__[n], fn.__globals__, bounds)
    return st.tuples(*(one(n) for n in names))


def reproducer(path, name, args):
    """Python source that repeats a call and prints pyrite's comparison of it."""
    import os
    parts = []
    for a in args:
        text = repr(a)
        if type(a).__name__ == "ndarray":
            text = "np." + text if not text.startswith("np.") else text
            if a.flags.f_contiguous and not a.flags.c_contiguous:
                text = f"np.asfortranarray({text})"
        parts.append(text)
    return (f"import sys\nsys.path.insert(0, {os.path.dirname(os.path.abspath(path))!r})\n"
            "import numpy as np\nfrom numpy import nan, inf, float64, float32, int64, int32, int16, int8, "
            "uint64, uint32, uint16, uint8, complex128, complex64, bool_\nimport pyrite\n"
            f"from {os.path.splitext(os.path.basename(path))[0]} import {name}\n"
            f"print(pyrite.compare({name}, {', '.join(parts)}))\n")
