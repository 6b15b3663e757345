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


def refresh(clone):
    """Brings the globals of an interpreted copy (interpreted(fn)) up to date with its module's:
    a global rebound since it was made (DIRS = [...]) is read as it is now, as compiled code reads
    it. Its globals are a plain dict (a dict subclass would make each global read a Python call,
    one frame deeper: RecursionError would come one call sooner than in CPython)."""
    for g, module, own in getattr(clone, "_pyrite_namespaces", ()):
        for name in [k for k in g if k not in own and k not in module and not k.startswith("__")]:
            del g[name]  # deleted from the module since (not __warningregistry__, which is the copy's)
        for name, value in module.items():
            if name not in own and g.get(name, g) is not value:
                g[name] = value


def interpreted(fn):
    """The pure-Python version of an accelerated function.

    ``fn.py_func`` is the undecorated function, but the names it calls still
    resolve to the compiled versions through its module's globals. This copy
    runs every accelerated function it reaches in the interpreter too: its
    globals are the module's, with each accelerated function replaced by its
    interpreted copy; refresh(copy) brings them up to date with the module's
    since. The reference for differential testing.
    """
    fn = unwrap(fn)
    if not is_accelerated(fn):
        if disabled() and callable(fn):  # PYRITE_DISABLE=1: @accelerate left it plain Python
            return fn
        raise TypeError("pyrite.interpreted takes an @accelerate function")
    namespaces = {}  # id(module globals) -> (its copy, the module's globals, the names of interpreted copies)

    def copy(d):
        py = d.py_func
        entry = namespaces.get(id(py.__globals__))
        if entry is None:
            g = dict(py.__globals__)
            entry = namespaces[id(py.__globals__)] = (g, py.__globals__, set())
            for name, value in list(py.__globals__.items()):
                if is_accelerated(unwrap(value)):
                    entry[2].add(name)
                    g[name] = None  # filled below; a cycle through the module is fine
                    g[name] = copy(unwrap(value))
        g = entry[0]
        clone = types.FunctionType(py.__code__, g, py.__name__, py.__defaults__, py.__closure__)
        clone.__kwdefaults__ = py.__kwdefaults__
        clone.__qualname__ = py.__qualname__
        clone._pyrite_namespaces = namespaces.values()  # refresh()
        return clone

    return copy(fn)
