"""Array annotations: ``pyrite.f64[:]``, ``pyrite.i32[:, :]``, ... (a NumPy array of that dtype and that many
dimensions, any order or strides). One name per dtype: f64 f32 (float64, float32), i64 i32 i16 i8, u64 u32 u16 u8,
b1 (bool), c128 c64 (complex128, complex64). The compiler reads the annotation's syntax; these objects only make it
valid Python, so the function also runs (and is tested) uncompiled."""


class ArrayType:
    def __init__(self, dtype, ndim):
        self.dtype, self.ndim = dtype, ndim

    def __repr__(self):
        return f"pyrite.{DTYPE_NAMES[self.dtype]}[{', '.join([':'] * self.ndim)}]"


class DType:
    def __init__(self, dtype):
        self.dtype = dtype

    def __getitem__(self, item):
        items = item if isinstance(item, tuple) else (item,)
        if not items or not all(isinstance(i, slice) and i == slice(None) for i in items):
            raise TypeError(f"write one ':' per dimension: pyrite.{DTYPE_NAMES[self.dtype]}[:, :]")
        return ArrayType(self.dtype, len(items))

    def __repr__(self):
        return f"pyrite.{DTYPE_NAMES[self.dtype]}"


DTYPE_NAMES = {"float64": "f64", "float32": "f32", "int64": "i64", "int32": "i32", "int16": "i16", "int8": "i8",
               "uint64": "u64", "uint32": "u32", "uint16": "u16", "uint8": "u8", "bool": "b1",
               "complex128": "c128", "complex64": "c64"}
f64 = DType("float64")
f32 = DType("float32")
i64 = DType("int64")
i32 = DType("int32")
i16 = DType("int16")
i8 = DType("int8")
u64 = DType("uint64")
u32 = DType("uint32")
u16 = DType("uint16")
u8 = DType("uint8")
b1 = DType("bool")
c128 = DType("complex128")
c64 = DType("complex64")


_SCALAR_TYPES = {bool: "bool", int: "int", float: "float", complex: "complex", str: "str", bytes: "bytes", bytearray: "bytearray",
                 type(None): "None"}


_BARE_NAMES = {"list", "dict", "set", "tuple", "List", "Dict", "Set", "Tuple", "frozenset", "FrozenSet",
               "typing.FrozenSet", "typing.List", "typing.Dict", "typing.Set", "typing.Tuple"}


def is_ndarray(cls):
    """Whether cls is numpy.ndarray (NDArray[...]'s origin, an array's type), without importing numpy."""
    return getattr(cls, "__name__", None) == "ndarray" and getattr(cls, "__module__", None) == "numpy"


def bare_container(ann):
    """Whether an annotation is list, dict, set or tuple without item types (typing.List too, or
    its text): it names no item type, and CPython does not check it, so pyrite types the parameter
    as one without an annotation, by the argument (the frontend's Lowerer::bare_container). A
    container of arrays without dimensions (list[np.ndarray], dict[str, NDArray[np.float64]]) is one
    too: its arrays' dimensions come from the argument, as an NDArray parameter's do."""
    import typing
    if isinstance(ann, str):  # "tuple", or "'tuple'" under from __future__ import annotations
        text = ann.strip().strip("'\"")
        return text in _BARE_NAMES or (text.split("[", 1)[0] in _BARE_NAMES and ("ndarray" in text or "NDArray" in text))
    args = [a for a in typing.get_args(ann) if a is not Ellipsis]
    if any(bare_container(a) for a in args):  # list[dict]
        return True
    container = getattr(ann, "__origin__", None) in (list, dict, set, frozenset, tuple)
    if container and any(is_ndarray(getattr(a, "__origin__", a)) for a in args):  # list[np.ndarray]
        return True
    return any(ann is t for t in (list, dict, set, frozenset, tuple, typing.List, typing.Dict, typing.Set, typing.FrozenSet,
                                  typing.Tuple))


def _join_texts(a, b):
    """The one type of two item types: int and float make int | float, also inside lists, sets,
    dicts and tuples of them ([[1.5, 2], [3, 4]]); None where there is none."""
    if a == b:
        return a
    reals = {"int", "float", "int | float"}
    if a in reals and b in reals:
        return "int | float"
    for kind in ("list", "set", "frozenset", "dict", "tuple"):
        if a.startswith(kind + "[") and b.startswith(kind + "["):
            pa, pb = _split_items(a[len(kind) + 1:-1]), _split_items(b[len(kind) + 1:-1])
            if len(pa) != len(pb):
                return None
            parts = [_join_texts(x, y) for x, y in zip(pa, pb)]
            if kind == "dict" and parts[0] == "str" and parts[1] is None:
                parts[1] = "object"  # records whose fields differ in type (parsed JSON): dict[str, object]
            return None if None in parts else f"{kind}[{', '.join(parts)}]"
    return None


_JSON_TYPES = {type(None), bool, int, float, str, list, dict}


def _json_value(v):
    """Whether v is what an `object` of compiled code takes from Python (boxed.hpp's from_py): None, a
    bool, int, float, str, or a list or a dict of str keys of such values."""
    if v is None or type(v) in (bool, int, float, str):
        return True
    if type(v) is list:
        return all(_json_value(x) for x in v)
    if type(v) is dict:
        return all(type(k) is str and _json_value(x) for k, x in v.items())
    return False


def _split_items(text):
    """The item types in a generic's brackets: "str, list[int]" is ["str", "list[int]"]."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text + ","):
        depth += (c == "[") - (c == "]")
        if c == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    return parts


def type_text(value, fname, pname, class_name=None):
    """The annotation pyrite compiles an unannotated parameter with, from the value a call
    passes: int, list[float], dict[str, tuple[int, int]], ...; a TypeError naming the parameter
    where the value tells no one type (an empty list, items of two types, another kind of object).
    class_name(cls): the name an instance of cls is annotated with, or None (a global's value:
    capture.py's _global)."""
    text = _SCALAR_TYPES.get(type(value))
    if text is not None:
        return text
    kind = type(value)
    if is_ndarray(kind):  # an array in a list, a dict, a tuple: its dtype and dimensions (f64[:, :])
        short = DTYPE_NAMES.get(str(value.dtype))
        if short is None or value.ndim == 0:
            what = f"has dtype {value.dtype}" if short is None else "is a 0-dimensional array"
            raise TypeError(f"{fname}() argument '{pname}' holds an array that {what}, which pyrite does not compile")
        return f"{short}[{', '.join(':' * value.ndim)}]"
    named = class_name(kind) if class_name is not None else None
    if named is not None:
        return named
    if kind is tuple:
        return f"tuple[{', '.join(type_text(v, fname, pname, class_name) for v in value) or '()'}]"
    if kind in (list, set, frozenset, dict):
        parts = [value.keys(), value.values()] if kind is dict else [value]
        texts = []
        for items in parts:
            record = kind is dict and items is parts[1] and texts == ["str"]
            types = set(map(type, items))  # (at C speed: a list of a million ints is one type here)
            if len(types) == 1 and next(iter(types)) in _SCALAR_TYPES:
                texts.append(_SCALAR_TYPES[next(iter(types))])
                continue
            if record and len(types) > 1 and not types <= {int, float} and types <= _JSON_TYPES:
                texts.append("object")  # a record of values of several types: what each is, from_py checks
                continue
            try:
                found = {type_text(v, fname, pname, class_name) for v in items}
            except TypeError:
                if not (record and all(_json_value(v) for v in items)):
                    raise
                found = {"object"}  # a value no one type tells (an empty list, a list of several types)
            if len(found) > 1:  # ints and floats: int | float (also inside lists of them)
                joined = None
                for t in sorted(found):
                    joined = t if joined is None else _join_texts(joined, t)
                    if joined is None:
                        break
                if joined is not None:
                    found = {joined}
            if not found:
                raise TypeError(f"{fname}() argument '{pname}' is an empty {kind.__name__}: pyrite compiles an "
                                f"unannotated parameter for one type of item; annotate the parameter ({pname}: "
                                f"{'dict[str, int]' if kind is dict else kind.__name__ + '[int]'})")
            if len(found) != 1 and record and all(_json_value(v) for v in items):
                found = {"object"}  # a record of str keys and values of several types (parsed JSON): dict[str, object]
            if len(found) != 1:
                what = "items" if kind is not dict else "keys" if items is parts[0] else "values"
                raise TypeError(f"{fname}() argument '{pname}' holds {what} of the types {', '.join(sorted(found))}: "
                                f"pyrite compiles a {kind.__name__} whose {what} have one type (a dict of str keys "
                                f"whose values differ in type, as parsed JSON, is a dict[str, object]; or annotate "
                                f"the parameter: {pname}: list[object])")
            texts.append(found.pop())
        return f"{kind.__name__}[{', '.join(texts)}]"
    raise TypeError(f"{fname}() argument '{pname}' is of type {kind.__name__}: pyrite compiles an unannotated parameter "
                    "for int, float, bool, complex, str, None, NumPy arrays and lists, dicts, sets, frozensets and tuples of "
                    "these; annotate the parameter")
