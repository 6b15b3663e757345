"""pyrite: compile type-annotated Python functions to C++ and run them natively.

    from pyrite import accelerate

    @accelerate
    def collatz_len(n: int) -> int:
        ...

The first call compiles (or loads from the cache); later calls run native code.
"""
from ._version import __version__
from ._jit import accelerate, build, cpp_source, info, interpreted, write_cpp
from ._types import f64, i64
from .errors import CompileError, ToolchainError

__all__ = ["accelerate", "build", "cpp_source", "info", "interpreted", "write_cpp", "CompileError", "ToolchainError",
           "f64", "i64", "__version__"]
