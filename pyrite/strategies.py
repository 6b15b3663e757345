"""Inputs for `pyrite compare FILE::fn -n N`: hypothesis strategies read off a function's annotations.

Every type pyrite compiles has one, biased toward the values where compiled code is most
likely to go wrong: ints at the 64-bit edges, floats with nan, inf and -0.0, unicode text,
empty and nested containers, NumPy arrays of several shapes (empty ones too) in C, Fortran
and strided layouts. hypothesis shrinks a failing input to a small one.
"""
import typing

INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def _ints(st):
    edges = [0, 1, -1, 2, -2, 7, 255, 2 ** 31, -(2 ** 31), 2 ** 53 + 1, 2 ** 62, INT64_MAX, INT64_MIN,
             INT64_MAX - 1, INT64_MIN + 1]
    return st.one_of(st.sampled_from(edges), st.integers(-1000, 1000), st.integers(INT64_MIN, INT64_MAX))


def _floats(st):
    edges = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1e300, -1e300, 5e-324, float("inf"), float("-inf"), float("nan"),
             2.0 ** 63, 9007199254740993.0]
    return st.one_of(st.sampled_from(edges), st.floats(allow_nan=True, allow_infinity=True))


def _array(st, dtype, ndim):
    """Arrays of `dtype` with `ndim` dimensions (None: 1 to 3), in several memory layouts."""
    import numpy as np
    from hypothesis.extra import numpy as hnp
    dims = st.just(ndim) if ndim else st.integers(1, 3)

    def build(nd):
        shapes = hnp.array_shapes(min_dims=nd, max_dims=nd, min_side=0, max_side=5)
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


def strategy(annotation, namespace):
    """The hypothesis strategy for values of this annotation (a type, a string to evaluate
    in the function's module, or a pyrite array type)."""
    from hypothesis import strategies as st
    if isinstance(annotation, str):
        annotation = eval(annotation, dict(namespace))  # noqa: S307 - the user's own annotation
    from ._types import ArrayType
    if isinstance(annotation, ArrayType):
        return _array(st, annotation.dtype, annotation.ndim)
    if annotation is int:
        return _ints(st)
    if annotation is float:
        return _floats(st)
    if annotation is bool:
        return st.booleans()
    if annotation is str:
        return st.text(max_size=12)
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
                lambda d: _array(st, d, None))
        return _array(st, dtype, None)
    if origin is list:
        return st.lists(strategy(args[0], namespace), max_size=12)
    if origin is set:
        return st.sets(strategy(args[0], namespace), max_size=8)
    if origin is dict:
        return st.dictionaries(strategy(args[0], namespace), strategy(args[1], namespace), max_size=8)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy(args[0], namespace), max_size=8).map(tuple)
        return st.tuples(*(strategy(a, namespace) for a in args))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return st.one_of(*(strategy(a, namespace) for a in args))
    raise TypeError(f"no input generator for the annotation {annotation!r}")


def for_function(fn):
    """A strategy for the positional arguments of fn, as a tuple, from its annotations."""
    from hypothesis import strategies as st
    code = fn.__code__
    names = code.co_varnames[:code.co_argcount]
    missing = [n for n in names if n not in fn.__annotations__]
    if missing:
        raise TypeError(f"{fn.__name__}(): parameter(s) {', '.join(missing)} have no annotation to generate inputs from")
    return st.tuples(*(strategy(fn.__annotations__[n], fn.__globals__) for n in names))


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
