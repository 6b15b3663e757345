"""pyrite: compile type-annotated Python functions to C++ and run them natively.

    from pyrite import accelerate

    @accelerate
    def collatz_len(n: int) -> int:
        ...

The first call compiles (or loads from the cache); later calls run native code.
"""
from ._version import __version__
from ._jit import accelerate, build, cpp_source, info, write_cpp
from ._types import b1, c64, c128, f32, f64, i8, i16, i32, i64, u8, u16, u32, u64
from .compare import DivergenceError, Report, compare
from .errors import CompileError, ToolchainError
from .parallel import get_num_threads, prange, set_num_threads
from .reference import interpreted

__all__ = ["accelerate", "build", "compare", "cpp_source", "info", "interpreted", "write_cpp", "CompileError",
           "DivergenceError", "Report", "ToolchainError", "prange", "get_num_threads", "set_num_threads",
           "f64", "f32", "i64", "i32", "i16", "i8", "u64", "u32", "u16", "u8", "b1", "c128", "c64", "__version__"]

