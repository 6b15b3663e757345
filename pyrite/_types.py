"""Array annotations: ``pyrite.f64[:]``, ``pyrite.i64[:, :]``, ... (a float64 or int64 NumPy array of
that many dimensions, any order or strides). The compiler reads the annotation's syntax; these objects only make it
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


DTYPE_NAMES = {"float64": "f64", "int64": "i64"}
f64 = DType("float64")
i64 = DType("int64")
