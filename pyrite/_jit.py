"""@accelerate and the first-call path.

The decorator returns a pyrite._dispatch.Dispatcher. Its first call lands in
``materialize``: capture the function and its callees, compute the cache key,
load the cached module or compile one (pyrite.compiler, imported only then),
and hand the native entry point back to the dispatcher, which calls it
directly from then on. Everything imported here is cheap: a warm start pays
for reading code objects and source lines, one hash and one dlopen.
"""
import os
import time
import types

from . import cache
from ._dispatch import Dispatcher

_modules = {}  # key -> loaded extension module


def accelerate(fn=None, *, fastmath=False):
    """Compile ``fn`` to native code on its first call.

    ``fastmath=True`` lets the C++ compiler reassociate float arithmetic
    (-ffast-math): faster reductions, results no longer bit-identical to CPython.
    """
    if fn is None:
        return lambda f: accelerate(f, fastmath=fastmath)
    if isinstance(fn, Dispatcher):
        return fn
    if not isinstance(fn, types.FunctionType):
        raise TypeError(f"@accelerate applies to Python functions, not {type(fn).__name__}")
    d = Dispatcher(fn, materialize)
    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(d, attr, getattr(fn, attr))
    d.__dict__.update(fn.__dict__)
    d.__wrapped__ = fn
    d._pyrite_options = {"fastmath": bool(fastmath)}
    return d


def _load(key, so_path):
    module = _modules.get(key)
    if module is None:
        from importlib.machinery import ExtensionFileLoader, ModuleSpec
        name = f"_pyrite_{key[:24]}"
        loader = ExtensionFileLoader(name, so_path)
        module = loader.create_module(ModuleSpec(name, loader, origin=so_path))
        loader.exec_module(module)
        _modules[key] = module
    return module


def _options(dispatchers):
    options = dispatchers[0]._pyrite_options
    for d in dispatchers[1:]:
        if d._pyrite_options != options:
            raise ValueError("pyrite.build: functions compiled together need the same options")
    return options


def build(*dispatchers):
    """Compile several accelerated functions into one module (one C++ compile).

    Each function's first call then costs nothing. Returns the functions.
    """
    from .capture import Captured
    if not dispatchers:
        return ()
    for d in dispatchers:
        if not isinstance(d, Dispatcher):
            raise TypeError(f"pyrite.build takes @accelerate functions, not {type(d).__name__}")
    t0 = time.perf_counter()
    options = _options(dispatchers)
    captured = Captured([d.py_func for d in dispatchers])
    key = cache.key(captured, options)
    so = cache.lookup(key)
    result = None
    if so is None:
        from . import compiler
        so, result = compiler.build(captured, options, key)
    module = _load(key, so)
    elapsed = time.perf_counter() - t0
    for d, native in zip(dispatchers, module.__pyrite_exports__):
        d.native = native
        d._pyrite_entry = {"key": key, "so": so, "first_call_seconds": elapsed,
                           "compiled_now": result is not None,
                           "timings": result["timings"] if result else {}}
    return dispatchers


def materialize(d):
    """The Dispatcher's first-call hook: returns the native entry point."""
    build(d)
    return d.native


def interpreted(fn):
    """The pure-Python version of an accelerated function.

    ``fn.py_func`` is the undecorated function, but the names it calls still
    resolve to the compiled versions through its module's globals. This copy
    runs every accelerated function it reaches in the interpreter too: its
    globals are a snapshot of the module's, with each accelerated function
    replaced by its interpreted copy. The reference for differential testing.
    """
    if not isinstance(fn, Dispatcher):
        raise TypeError("pyrite.interpreted takes an @accelerate function")
    namespaces = {}  # id(module globals) -> snapshot

    def copy(d):
        py = d.py_func
        g = namespaces.get(id(py.__globals__))
        if g is None:
            g = namespaces[id(py.__globals__)] = dict(py.__globals__)
            for name, value in list(g.items()):
                if isinstance(value, Dispatcher):
                    g[name] = None  # filled below; a cycle through the module is fine
                    g[name] = copy(value)
        clone = types.FunctionType(py.__code__, g, py.__name__, py.__defaults__, py.__closure__)
        clone.__kwdefaults__ = py.__kwdefaults__
        clone.__qualname__ = py.__qualname__
        return clone

    return copy(fn)


def info(fn):
    """What pyrite knows about an accelerated function; compiles it if needed.

    Keys: key, so (cache entry), cpp_path, cpp_source, types (inferred type of
    every local and the return), timings (seconds per phase when compiled by
    this process), compiled_now.
    """
    if not isinstance(fn, Dispatcher):
        raise TypeError("pyrite.info takes an @accelerate function")
    if fn.native is None:
        build(fn)
    entry = dict(fn._pyrite_entry)
    entry["cpp_path"] = entry["so"][:-3] + ".cpp"
    with open(entry["cpp_path"]) as f:
        entry["cpp_source"] = f.read()
    if "types" not in entry:
        from . import compiler
        from .capture import Captured
        result = compiler.translate(Captured([fn.py_func]))
        entry["types"] = result["types"]
        fn._pyrite_entry["types"] = result["types"]
    return entry


def cpp_source(fn):
    """The generated C++ of an accelerated function (with #line into the Python source)."""
    return info(fn)["cpp_source"]


def write_cpp(fn, path):
    """Writes the generated C++ of an accelerated function to ``path``."""
    with open(path, "w") as f:
        f.write(cpp_source(fn))
    return os.path.abspath(path)
