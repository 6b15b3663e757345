"""Parallel loops: ``for i in prange(n):`` in an accelerated function runs its iterations on
pyrite's threads (README: Parallel loops). Interpreted, ``prange`` is ``range``.

The thread pool belongs to pyrite._dispatch (bindings/parallel.cpp); its size is
``PYRITE_NUM_THREADS`` at start-up, or the CPUs this process may use, and
``set_num_threads(n)`` changes it.
"""
from ._dispatch import get_num_threads, set_num_threads

__all__ = ["prange", "get_num_threads", "set_num_threads"]


def prange(*args):
    """prange([start,] stop[, step]): ``range`` whose iterations compiled code may run in
    parallel. Each iteration must stand alone: see the README's "Parallel loops"."""
    return range(*args)
