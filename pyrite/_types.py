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
    named = class_name(kind) if class_name is not None else None
    if named is not None:
        return named
    if kind is tuple:
        return f"tuple[{', '.join(type_text(v, fname, pname, class_name) for v in value) or '()'}]"
    if kind in (list, set, dict):
        parts = [value.keys(), value.values()] if kind is dict else [value]
        texts = []
        for items in parts:
            found = {type_text(v, fname, pname, class_name) for v in items}
            if len(found) != 1:
                what = f"is an empty {kind.__name__}" if not found else \
                    f"holds items of the types {', '.join(sorted(found))}"
                raise TypeError(f"{fname}() argument '{pname}' {what}: pyrite compiles an unannotated parameter "
                                f"for one type of item; annotate the parameter ({pname}: "
                                f"{'dict[str, int]' if kind is dict else kind.__name__ + '[int]'})")
            texts.append(found.pop())
        return f"{kind.__name__}[{', '.join(texts)}]"
    raise TypeError(f"{fname}() argument '{pname}' is of type {kind.__name__}: pyrite compiles an unannotated parameter "
                    "for int, float, bool, complex, str, None, NumPy arrays and lists, dicts, sets and tuples of "
                    "these; annotate the parameter")
