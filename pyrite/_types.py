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
