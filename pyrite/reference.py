"""What an accelerated function object is, and its pure-Python twin.

Below the JIT in the package's layers, so that capture (which recognizes accelerated
callees) and compare (which runs the interpreted reference) need nothing above them.
"""
import types

from ._dispatch import Dispatcher


def unwrap(fn):
    """The accelerated function behind a verify=True wrapper."""
    return getattr(fn, "_pyrite_verified", fn)


def is_accelerated(value):
    """An @accelerate function: a Dispatcher, or an ArrayGeneric (one per NDArray specialization)."""
    return isinstance(value, Dispatcher) or getattr(type(value), "__pyrite_generic__", False)


def disabled():
    """Whether PYRITE_DISABLE=1: @accelerate leaves every function as plain Python (for pdb)."""
    import os
    return os.environ.get("PYRITE_DISABLE", "") not in ("", "0")


class _Namespace(dict):
    """The globals of interpreted copies: their module's, live (a global rebound since, DIRS = [...],
    is read as it is now, as compiled code reads it), but each accelerated function its interpreted
    copy. It holds those copies and __builtins__ itself; CPython's LOAD_GLOBAL reads a dict subclass
    through __getitem__."""

    def __init__(self, module):
        super().__init__(__builtins__=module.get("__builtins__", __builtins__))
        self._module = module

    def __getitem__(self, name):
        if dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return self._module[name]

    def get(self, name, default=None):
        try:
            return self[name]
        except KeyError:
            return default

    def __contains__(self, name):
        return dict.__contains__(self, name) or name in self._module


def interpreted(fn):
    """The pure-Python version of an accelerated function.

    ``fn.py_func`` is the undecorated function, but the names it calls still
    resolve to the compiled versions through its module's globals. This copy
    runs every accelerated function it reaches in the interpreter too: its
    globals are the module's, with each accelerated function replaced by its
    interpreted copy (_Namespace). The reference for differential testing.
    """
    fn = unwrap(fn)
    if not is_accelerated(fn):
        if disabled() and callable(fn):  # PYRITE_DISABLE=1: @accelerate left it plain Python
            return fn
        raise TypeError("pyrite.interpreted takes an @accelerate function")
    namespaces = {}  # id(module globals) -> its view

    def copy(d):
        py = d.py_func
        g = namespaces.get(id(py.__globals__))
        if g is None:
            g = namespaces[id(py.__globals__)] = _Namespace(py.__globals__)
            for name, value in list(py.__globals__.items()):
                if is_accelerated(unwrap(value)):
                    g[name] = None  # filled below; a cycle through the module is fine
                    g[name] = copy(unwrap(value))
        clone = types.FunctionType(py.__code__, g, py.__name__, py.__defaults__, py.__closure__)
        clone.__kwdefaults__ = py.__kwdefaults__
        clone.__qualname__ = py.__qualname__
        return clone

    return copy(fn)
