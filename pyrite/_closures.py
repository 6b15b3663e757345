"""A function compiled code made (a lambda, a nested def) and returned to Python.

Compiled code gives Python the function the enclosing function would have returned: the same
source, defined in the same module's globals, closing over the values it captured. The source is
a factory, ``def __pyrite_make(captures...): <the lambda or def>; return it``, which codegen writes
with the def on its original line (tracebacks point at it). Python's calls of the result run its
Python code.
"""
import sys

_factories = {}


def make(module, file, source, captured):
    key = (module, file, source)
    factory = _factories.get(key)
    if factory is None:
        mod = sys.modules.get(module)
        if mod is None:
            raise RuntimeError(f"pyrite: the module {module!r} of a function compiled code returned is not loaded")
        namespace = {}
        exec(compile(source, file, "exec"), vars(mod), namespace)
        factory = _factories[key] = namespace["__pyrite_make"]
    return factory(*captured)
