"""Example kernels, compiled into the wheel by pyrite (examples/wheelpkg)."""
from .kernels import collatz_len, smooth

__all__ = ["collatz_len", "smooth"]
