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
from ._dispatch import Dispatcher, value_type_text
from ._types import bare_container, is_ndarray, type_text
from .reference import disabled, unwrap as _unwrap

# @accelerate keeps a function's signature for type checkers: overloads mypy reads (it takes any
# TYPE_CHECKING as true); `import typing` is not paid at `import pyrite` (5 ms of a warm start)
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typing
    F = typing.TypeVar("F", bound=typing.Callable[..., typing.Any])

_modules = {}  # .so path -> loaded extension module


# Numba's @njit options, as pyrite reads them: what pyrite always does is accepted when asked
# for, and refused with the reason when asked against; the rest is explained
_NUMBA_ALWAYS = {
    "cache": "pyrite caches every compiled function on disk (PYRITE_CACHE_DIR)",
    "nogil": "compiled code releases the GIL by itself where it loops or calls",
    "nopython": "compiled code never falls back to Python objects",
}


def _numba_options(options):
    for name, value in options.items():
        if name == "nogil" and value is True:
            continue  # honoured: accelerate() passes it on (no list read in place: opt/views.cpp)
        if name in _NUMBA_ALWAYS:
            if value is True:
                continue  # what pyrite does anyway
            raise TypeError(f"accelerate(): {name}={value!r} cannot be had: {_NUMBA_ALWAYS[name]}")
        if name in ("signature", "signatures", "locals", "boundscheck", "error_model", "inline", "debug"):
            raise TypeError(f"accelerate(): {name}= is Numba's; pyrite takes its types from the annotations "
                            "(parameters must be annotated) and compiles at the first call, or ahead of time "
                            "with `pyrite compile` (README: Coming from Numba)")
        raise TypeError(f"accelerate() got an unexpected keyword argument '{name}' "
                        "(it takes fastmath=, parallel= and verify=)")


if TYPE_CHECKING:
    @typing.overload
    def accelerate(fn: F, *, fastmath: bool = ..., parallel: bool = ..., verify: "bool | None" = ...,
                   **numba_options: object) -> F: ...
    @typing.overload
    def accelerate(fn: None = ..., *, fastmath: bool = ..., parallel: bool = ..., verify: "bool | None" = ...,
                   **numba_options: object) -> "typing.Callable[[F], F]": ...


def accelerate(fn=None, *, fastmath=False, parallel=False, verify=None, **numba_options):
    """Compile ``fn`` to native code on its first call.

    ``fastmath=True`` lets the C++ compiler reassociate float arithmetic
    (-ffast-math): faster reductions, results no longer bit-identical to CPython.

    ``parallel=True`` runs the function's whole-array work (element-wise expressions, in-place
    operators, np.sum and mean of 2**17 items or more) on pyrite's thread pool, with the same
    results to the bit; loops run in parallel where written as ``for i in pyrite.prange(n)``.

    ``verify=True`` (or the environment variable PYRITE_VERIFY=1 for every function)
    runs each call compiled and interpreted and raises pyrite.DivergenceError at the
    first difference (pyrite/compare.py): the mode to turn on in a test suite.

    PYRITE_DISABLE=1 in the environment makes it return ``fn`` itself: the whole run is
    plain Python, to step through with pdb. Numba's ``cache=True``, ``nogil=True`` and
    ``nopython=True`` are accepted (pyrite always does these); its other options are
    TypeErrors that say what pyrite does instead.
    """
    _numba_options(numba_options)
    if isinstance(fn, str):
        raise TypeError(f"accelerate({fn!r}): pyrite takes no signature string; it reads the types from the "
                        "function's annotations (write `def f(x: float, n: int) -> float`) and compiles at the "
                        "first call, or ahead of time with `pyrite compile`")
    if fn is None:
        return lambda f: accelerate(f, fastmath=fastmath, parallel=parallel, verify=verify, **numba_options)
    if disabled() and isinstance(fn, types.FunctionType):
        return fn
    if isinstance(fn, (Dispatcher, ArrayGeneric)) or hasattr(fn, "_pyrite_verified"):
        return fn
    if verify is None:
        verify = os.environ.get("PYRITE_VERIFY", "") not in ("", "0")
    if verify:
        from .compare import Verified
        return Verified(accelerate(fn, fastmath=fastmath, parallel=parallel, verify=False, **numba_options))
    if not isinstance(fn, types.FunctionType):
        raise TypeError(f"@accelerate applies to Python functions, not {type(fn).__name__}")
    options = {"fastmath": bool(fastmath)}
    if parallel:  # only when asked: the options are part of every cache key
        options["parallel"] = True
    if numba_options.get("nogil"):  # the GIL released while it runs, even where a list could be read in place
        options["nogil"] = True
    generic = _generic_arrays(fn)
    if generic:
        from . import warmup
        ag = ArrayGeneric(fn, generic, options)
        if all(_annotated_dtype(fn.__annotations__.get(name)) for _, name in generic):  # else nothing to guess
            warmup.schedule(ag, _warm_guess, guess=True)  # the specialization its first call likely needs
        return ag
    d = _dispatcher(fn, options)
    if fn.__module__ == "__main__" or os.environ.get("PYRITE_EAGER"):  # the program's own function
        from . import warmup
        warmup.schedule(d, _warm_up)  # compiles in the background, ahead of the first call
    return d


def _warm_up(d):
    """The warm-up's work (warmup.py): d's module compiled into the cache, not loaded (its call
    loads it, after computing its own key). With the quick tier (tiers.py), its quick build now,
    and its full one returned, a function the warm-up calls later: once no other function's quick
    build is waiting (a first call runs the quick build; the full one only replaces it)."""
    from .errors import ToolchainError
    from . import compiler, tiers
    options = d._pyrite_options
    captured = _captured([d], options)
    key = cache.key(captured, options)
    if tiers.enabled(options) and not cache.lookup(key):
        try:
            compiler.build(captured, options, cache.quick_key(key), background=True, quick=True)
        except ToolchainError:  # clang did not compile it: the call will wait for the full build
            compiler.build(captured, options, key, background=True)
            return None
        if tiers.only():
            return None
        # one compiler process at a time, at the lowest priority: the program and its first calls go first
        return lambda: compiler.build(captured, options, key, background=True, serial=True)
    compiler.build(captured, options, key, background=True)  # nothing if built already
    return None


def _warm_guess(ag):
    """The warm-up of an ArrayGeneric: the specialization its body suggests (_guessed_arrays, read
    on the warm-up's thread, not at the decoration: 2-6 ms of inspect and ast), its quick build
    alone (or its full one without the quick tier), an idle build (toolchain._run: paused while
    any other compile runs, since a wrong guess is only wasted work, unless a call comes to wait
    for it): the call that needs this specialization finds it in the cache, and makes the full
    build later (tiers.py)."""
    from .errors import ToolchainError
    from . import compiler, tiers
    guess = _guessed_arrays(ag.py_func, ag._generic)
    if guess is None or guess in ag._specs:  # nothing to guess from, or called with it already
        return None
    d = _dispatcher(ag.py_func, dict(ag._options, arrays=guess))
    options = d._pyrite_options
    captured = _captured([d], options)
    key = cache.key(captured, options)
    if cache.lookup(key):
        return None
    quick = tiers.enabled(options)
    try:
        compiler.build(captured, options, cache.quick_key(key) if quick else key, background=True, quick=quick, idle=True)
    except ToolchainError:  # the call compiles it, and says why if it must
        pass
    return None


def _annotated_dtype(ann):
    """The dtype name an annotation fixes (NDArray[np.float64]: 'float64', as str(a.dtype) names
    it), else None (np.ndarray, NDArray[Any], a string)."""
    args = getattr(ann, "__args__", None)
    if not args or len(args) != 2 or not is_ndarray(getattr(ann, "__origin__", None)):
        return None
    scalar = getattr(args[1], "__args__", (None,))[0]
    try:
        import numpy
        return numpy.dtype(scalar).name if isinstance(scalar, type) and issubclass(scalar, numpy.generic) else None
    except TypeError:
        return None


def _guessed_arrays(fn, generic):
    """The arrays' key (ArrayGeneric._key) of fn's likely first call, for the warm-up: each array
    parameter's dtype from its annotation, its number of dimensions the most its body shows
    (`a[i, j]`: 2, `a.shape[2]`: 3; 1 if it shows none). None where a parameter's dtype or type
    comes from the argument (np.ndarray, no annotation), or the source cannot be read."""
    import ast
    import inspect
    import textwrap
    dtypes = {name: _annotated_dtype(fn.__annotations__.get(name)) for _, name in generic}
    if None in dtypes.values():
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return None
    ndim = dict.fromkeys(dtypes, 1)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Subscript):
            continue
        v, index = node.value, node.slice
        if isinstance(v, ast.Name) and v.id in ndim:  # a[i, j], a[:, None]
            parts = index.elts if isinstance(index, ast.Tuple) else [index]
            if any(isinstance(p, ast.Constant) and p.value is Ellipsis for p in parts):
                continue
            ndim[v.id] = max(ndim[v.id], sum(not (isinstance(p, ast.Constant) and p.value is None) for p in parts))
        elif (isinstance(v, ast.Attribute) and v.attr == "shape" and isinstance(v.value, ast.Name) and v.value.id in ndim
              and isinstance(index, ast.Constant) and type(index.value) is int and 0 <= index.value < 32):
            ndim[v.value.id] = max(ndim[v.value.id], index.value + 1)  # a.shape[1]
    return tuple((name, dtypes[name], ndim[name]) for _, name in generic)


def _dispatcher(fn, options):
    d = Dispatcher(fn, materialize)
    for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(d, attr, getattr(fn, attr))
    d.__dict__.update(fn.__dict__)
    d.__wrapped__ = fn
    d._pyrite_options = options
    return d


def _generic_arrays(fn):
    """The parameters annotated numpy.typing.NDArray[...] or numpy.ndarray (no number of
    dimensions, which comes from the argument), and those not annotated at all (their type comes
    from the argument): [(position, name)]."""
    code = fn.__code__
    names = code.co_varnames[:code.co_argcount]
    found = []
    for i, name in enumerate(names):
        ann = fn.__annotations__.get(name)
        if ann is None or bare_container(ann):  # no item types: the argument's (_types.bare_container)
            found.append((i, name))
            continue
        if isinstance(ann, str):
            generic = "NDArray" in ann or ann.replace(" ", "") in ("np.ndarray", "numpy.ndarray", "ndarray")
        else:
            origin = getattr(ann, "__origin__", ann)
            generic = is_ndarray(origin)
        if generic:
            found.append((i, name))
    return found


_missing = object()
class ArrayGeneric:
    """An @accelerate function with NDArray parameters, or parameters without annotations: one
    compiled specialization per (dtype, number of dimensions) of those arrays and per type of
    those other arguments (type_text), made at the first call that needs it.

    ``NDArray[np.float64]`` fixes the dtype (another dtype is a TypeError naming the
    parameter); ``np.ndarray`` and ``NDArray[Any]`` take it from the argument too. A key entry
    is (parameter, dtype, ndim) for an array, (parameter, annotation text, None) for another value.
    Calls pay one dictionary lookup over a plain @accelerate function (and, for a container
    passed to an unannotated parameter, a look at the type of each item).
    """
    __pyrite_generic__ = True  # reference.is_accelerated

    def __init__(self, fn, generic, options):
        self.py_func = fn
        self._generic = generic
        self._untyped = {name for _, name in generic
                         if fn.__annotations__.get(name) is None or bare_container(fn.__annotations__.get(name))}
        code = fn.__code__
        names = code.co_varnames[:code.co_argcount]
        self._defaults = dict(zip(names[len(names) - len(fn.__defaults__ or ()):], fn.__defaults__ or ()))
        self._options = options
        self._specs = {}
        self._last = None
        for attr in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(self, attr, getattr(fn, attr))
        self.__wrapped__ = fn

    def _key(self, args, kwargs):
        key = []
        for i, name in self._generic:
            a = args[i] if i < len(args) else kwargs.get(name, self._defaults.get(name, _missing))
            if a is _missing:
                raise TypeError(f"{self.__name__}() missing 1 required positional argument: '{name}'")
            if name in self._untyped and type(a).__name__ != "ndarray":
                # (value_type_text: type_text's answer, in C, for the values whose type is plain)
                key.append((name, self._empty_as_before(name, a) or value_type_text(a) or type_text(a, self.__name__, name), None))
                continue
            ndim, dtype = getattr(a, "ndim", None), getattr(a, "dtype", None)
            if not isinstance(ndim, int) or dtype is None:
                raise TypeError(f"{self.__name__}() argument '{name}' must be a numpy.ndarray, not {type(a).__name__}")
            key.append((name, str(dtype), ndim))
        return tuple(key)

    def _empty_as_before(self, name, a):
        """An empty list, dict or set tells no item type: the type a version compiled for this
        parameter holds (summary([]) after summary([1.5, 2.0]) is the list[float] version, which an
        empty list is as much as CPython's), else None (type_text's TypeError then says why)."""
        if type(a) not in (list, dict, set) or a:
            return None
        prefix = type(a).__name__ + "["
        for key in reversed(list(self._specs)):
            for pname, text, ndim in key:
                if pname == name and ndim is None and text.startswith(prefix):
                    return text
        return None

    def specialize(self, *args, **kwargs):
        """The compiled function for arrays like these arguments (compiled now if needed)."""
        key = self._key(args, kwargs)
        d = self._specs.get(key)
        if d is None:
            d = self._specs[key] = _dispatcher(self.py_func, dict(self._options, arrays=key))
        self._last = d
        return d

    def __call__(self, *args, **kwargs):
        d = self._specs.get(self._key(args, kwargs))
        if d is None:
            d = self.specialize(*args, **kwargs)
        return d(*args, **kwargs)

    @property
    def specializations(self):
        """{((parameter, dtype, ndim), ...): compiled function} made so far."""
        return dict(self._specs)

    def __reduce__(self):  # pickles by reference, like a plain function
        return self.__qualname__


def _load(name, so_path):
    """The extension module `name` in so_path, loaded once (a cache entry or an AOT artifact)."""
    module = _modules.get(so_path)
    if module is None:
        from importlib.machinery import ExtensionFileLoader, ModuleSpec
        loader = ExtensionFileLoader(name, so_path)
        module = loader.create_module(ModuleSpec(name, loader, origin=so_path))
        loader.exec_module(module)
        _modules[so_path] = module
    return module


def _bind_classes(module, classes=None):
    """Tells a compiled module which Python classes its structs stand for (the classes capture
    found, or for an AOT artifact the ones its (module, qualname) list names)."""
    wanted = getattr(module, "__pyrite_classes__", ())
    if not wanted:
        return
    if classes is None:
        import sys
        classes = []
        for mod, qualname in wanted:
            obj = sys.modules[mod]
            for part in qualname.split("."):
                obj = getattr(obj, part)
            classes.append(obj)
    module.__pyrite_bind__(*classes)


def _bind_constants(module, captured):
    """Tells a compiled module the globals it compiled in by value (int, float, str, tuple globals;
    constants of modules it reads: math.pi), each (module dict, name, value): every call checks they
    still hold them, and one rebound since makes the dispatcher compile for the new value."""
    bind = getattr(module, "__pyrite_bind_constants__", None)
    if bind is None:
        return
    import sys
    seen, entries = set(), []

    def add(g, name, value):
        if (id(g), name) not in seen:
            seen.add((id(g), name))
            entries.append((g, name, value))

    # the values compiled in, as captured: a full build bound after its quick one (tiers.py) sees
    # a global the program has changed since as changed (the call compiles for the new value)
    for fn, resolved in zip(captured.functions, captured.resolutions):
        for name, (kind, payload) in resolved.items():
            if kind == "const" and name in fn.__globals__:
                add(fn.__globals__, name, payload)
    for cls, resolved in zip(captured.classes, captured.class_resolutions):
        g = vars(sys.modules[cls.__module__])
        for name, (kind, payload) in (resolved or {}).items():
            if kind == "const" and name in g:
                add(g, name, payload)
    for modname, consts in captured.modules.items():
        m = sys.modules.get(modname)
        if m is not None:
            for attr in consts:
                if attr in vars(m):
                    add(vars(m), attr, vars(m)[attr])
    bind(entries)


def _bind_interpreted(module, index, d):
    """Tells a compiled module the Python function behind its entry point `index`: a call whose
    int leaves 64 bits runs again in CPython, as that function (README: Python's int)."""
    bind = getattr(module, "__pyrite_interpreted__", None)
    if bind is not None:
        bind(index, d.py_func)


def _options(dispatchers):
    options = dispatchers[0]._pyrite_options
    for d in dispatchers[1:]:
        if d._pyrite_options != options:
            raise ValueError("pyrite.build: functions compiled together need the same options")
    return options


def _captured(dispatchers, options):
    from .capture import Captured
    captured = Captured([d.py_func for d in dispatchers])
    captured.parallel = bool(options.get("parallel"))
    captured.nogil = bool(options.get("nogil"))
    if options.get("arrays"):  # an ArrayGeneric specialization: its NDArray parameters' dtypes and dimensions,
        # its unannotated parameters' types
        captured.arrays = {name: (dtype, ndim) for name, dtype, ndim in options["arrays"] if ndim is not None}
        captured.types = {name: text for name, text, ndim in options["arrays"] if ndim is None}
    return captured


def build(*dispatchers):
    """Compile several accelerated functions into one module (one C++ compile).

    Each function's first call then costs nothing. Returns the functions. It compiles the full
    build (GCC) and waits for it: the quick tier is a first call's (README: The first call).
    """
    return _build(dispatchers, first_call=False)


def _build(dispatchers, first_call):
    if not dispatchers:
        return ()
    dispatchers = requested = tuple(_unwrap(d) for d in dispatchers)
    for d in dispatchers:
        if not isinstance(d, Dispatcher):
            raise TypeError(f"pyrite.build takes @accelerate functions, not {type(d).__name__}")
    t0 = time.perf_counter()
    options = _options(dispatchers)
    # artifacts of `pyrite compile` beside the source come first
    dispatchers = tuple(d for d in dispatchers if not _bind_aot(d, options, t0))
    if not dispatchers:
        return requested
    captured = _captured(dispatchers, options)
    key = cache.key(captured, options)
    name = f"_pyrite_{key[:24]}"  # compiler.module_name(key), without importing the compiler
    module = None
    from . import tiers
    quick = tiers.enabled(options) and (first_call or tiers.only())  # the quick build now, the full one later
    # verify and load under the key's lock, shared: `cache remove`/`prune` (exclusive) wait. A
    # full build under way (the warm-up's, another process's) is not waited for where the quick
    # build can run now: a script's call waited 1.8 s for its warm-up's GCC build, its quick one made
    with cache.Lock(key, shared=True, blocking=not quick) as lock:
        so = cache.lookup(key) if lock.acquired else None
        if so is not None:
            module = _load(name, so)
    if module is not None:
        cache.touch(key)  # least recently used goes first when the cache is pruned
        install(dispatchers, module, captured, key, so, None, t0, "full")
        return requested
    if quick:
        so, result, module = _quick(captured, options, key)
        if module is not None:
            install(dispatchers, module, captured, key, so, result, t0, "quick")
            if not tiers.only():
                tiers.full_later(dispatchers, captured, options, key, load=lambda so: _load(name, so),
                                 install=lambda so, result, module: install(dispatchers, module, captured, key, so,
                                                                            result, None, "full"))
            return requested
    from . import compiler
    # built (or found built by another process) and loaded under the exclusive lock
    so, result, module = compiler.build(captured, options, key, load=lambda so: _load(name, so))
    install(dispatchers, module, captured, key, so, result, t0, "full")
    return requested


def _quick(captured, options, key):
    """The quick tier's build of `key` (tiers.py), from the cache or compiled now: (so, the core's
    result or None, module), or (None, None, None) when clang does not compile it or it does not load."""
    from .errors import ToolchainError
    qkey = cache.quick_key(key)
    name = f"_pyrite_{qkey[:24]}"
    with cache.Lock(qkey, shared=True):
        so = cache.lookup(qkey)
        if so is not None:
            module = _load(name, so)
    if so is not None:
        cache.touch(qkey)
        return so, None, module
    from . import compiler
    try:
        return compiler.build(captured, options, qkey, load=lambda so: _load(name, so), quick=True)
    except ToolchainError:  # the full build, as without the quick tier
        return None, None, None


def install(dispatchers, module, captured, key, so, result, t0, tier):
    """Points the dispatchers at a loaded module's entry points (and tells it its classes,
    constants and Python functions). A full build that comes after a quick one (tiers.py, t0
    None) replaces only what still runs that quick build: a dispatcher compiled again since
    (a global it compiled in changed) keeps its newer module."""
    def replaced(d):
        return t0 is not None or (d._pyrite_entry.get("key") == key and d._pyrite_entry.get("tier") == "quick")
    if not any(map(replaced, dispatchers)):
        return
    _bind_classes(module, captured.classes)
    _bind_constants(module, captured)
    for i, (d, native) in enumerate(zip(dispatchers, module.__pyrite_exports__)):
        _bind_interpreted(module, i, d)
        if not replaced(d):
            continue
        before = getattr(d, "_pyrite_entry", None) or {}
        if t0 is None:  # the first call's figures stay; those of the build that runs now are added
            entry = dict(before, so=so, tier=tier, earlier=before.get("earlier", ()) + (d.native,))
        else:
            entry = {"key": key, "so": so, "first_call_seconds": time.perf_counter() - t0,
                     "compiled_now": result is not None, "timings": result["timings"] if result else {}, "tier": tier}
        d.native = native
        d._pyrite_entry = entry


def _bind_aot(d, options, t0):
    """Binds d to its `pyrite compile` artifact if there is a verified one (pyrite/artifacts.py)."""
    from . import artifacts
    found = artifacts.find(d.py_func, options)
    if found is None:
        return False
    name, so, index = found
    module = _load(name, so)
    _bind_classes(module)
    from .capture import Captured
    _bind_constants(module, Captured([d.py_func]))
    _bind_interpreted(module, index, d)
    d.native = module.__pyrite_exports__[index]
    d._pyrite_entry = {"key": None, "so": so, "first_call_seconds": time.perf_counter() - t0,
                       "compiled_now": False, "timings": {}, "aot": True}
    return True


def materialize(d):
    """The Dispatcher's first-call hook: returns the native entry point."""
    _build((d,), first_call=True)
    return d.native


class Info(dict):
    """pyrite.info(fn): a dict (its keys below) whose repr is a short readable summary; the
    generated C++ is .cpp_source (and .cpp_path), every key an attribute too."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self):
        lines = [f"pyrite.info({self['function']})"]
        if self.get("compiled_by_info"):
            lines.append("  compiled      now, by this call to pyrite.info (it had not been called)")
        where = f"cache entry {self['key'][:12]}" if self.get("key") else "ahead-of-time artifact"
        lines.append(f"  loaded from   {where}: {self['so']}")
        if self.get("tier") == "quick":
            lines.append("  tier          quick (clang); GCC's full build replaces it once made (README: The first call)")
        timings = self.get("timings") or {}
        if timings:
            top = sorted(timings.items(), key=lambda kv: -kv[1])[:3]
            lines.append(f"  compile time  {sum(timings.values()):.2f} s ("
                         + ", ".join(f"{k} {v:.3f} s" for k, v in top) + ")")
        for fname, names in (self.get("types") or {}).items():
            shown = ", ".join(f"{n}: {t}" for n, t in names.items() if n != "return")
            lines.append(f"  types of {fname}: {shown or '(no locals)'} -> {names.get('return', 'None')}")
        specs = self.get("specializations") or {}
        if len(specs) > 1 or next(iter(specs), ()) != ():
            lines.append(f"  specializations ({len(specs)}): " + "; ".join(
                ", ".join(f"{p}: {d} {n}-d" if n is not None else f"{p}: {d}" for p, d, n in k) for k in specs))
        where_cpp = self.get("cpp_path") or "generated anew (the cache entry was removed)"
        lines.append(f"  C++           {len(self.get('cpp_source', ''))} characters in .cpp_source ({where_cpp})")
        if self.get("reruns"):
            lines.append(f"  ran in CPython {self['reruns']} call(s): an int left 64 bits (README: Python's int)")
        return "\n".join(lines)


def info(fn):
    """What pyrite knows about an accelerated function, as an Info (a dict with a readable
    repr); compiles it if it has not been called, and says so (compiled_by_info).

    Keys: function, key, so (cache entry, or the `pyrite compile` artifact: aot), cpp_path (None once the
    entry was removed from the cache; cpp_source is then generated anew),
    cpp_source (with #line directives into the .py), types (inferred type of every local and
    the return), timings (seconds per phase of the compile that made the entry, also when an
    earlier process made it), compiled_now, first_call_seconds, specializations: every
    compiled form so far ({(parameter, dtype, ndim)...: {key, so}} for NDArray functions), and
    reruns: how many calls so far ran in CPython because an int left 64 bits (README: Python's int).
    """
    fn = _unwrap(fn)
    specializations = None
    if isinstance(fn, ArrayGeneric):
        if fn._last is None:
            raise TypeError(f"{fn.__name__} has NDArray parameters: call it (or fn.specialize(*args)) first, "
                            "so pyrite knows which specialization to describe")
        specializations = {k: {"key": d._pyrite_entry.get("key"), "so": d._pyrite_entry.get("so")}
                           for k, d in fn._specs.items() if d.native is not None}
        fn = fn._last
    if not isinstance(fn, Dispatcher):
        raise TypeError("pyrite.info takes an @accelerate function")
    compiled_by_info = fn.native is None
    if compiled_by_info:
        build(fn)
    entry = Info(fn._pyrite_entry)
    entry["function"] = f"{fn.__module__}.{fn.__qualname__}"
    entry["reruns"] = sum(_reruns(native) for native in (*entry.get("earlier", ()), fn.native))
    entry["compiled_by_info"] = compiled_by_info
    entry["specializations"] = specializations or {(): {"key": entry.get("key"), "so": entry["so"]}}
    if not entry.get("timings") and entry.get("key"):  # compiled by an earlier process: its meta kept them
        from . import cache
        described = cache.describe(_entry_key(entry)) or {}
        if described.get("timings"):
            import json
            entry["timings"] = json.loads(described["timings"])
    entry["cpp_path"] = entry["so"][:-3] + ".cpp"
    try:
        with open(entry["cpp_path"]) as f:
            entry["cpp_source"] = f.read()
    except FileNotFoundError:
        # `pyrite cache remove` (or clear) ran since the load: the loaded code stays in memory,
        # and its C++ is the same text generated anew
        if not entry.get("key"):
            raise
        from . import compiler
        entry["cpp_source"], _ = compiler.generate(_captured([fn], fn._pyrite_options), _entry_key(entry))
        entry["cpp_path"] = None
    if "types" not in entry:
        from . import compiler
        result = compiler.translate(_captured([fn], fn._pyrite_options))
        entry["types"] = result["types"]
        fn._pyrite_entry["types"] = result["types"]
    return entry


def _entry_key(entry):
    """The key of the cache entry a function runs: its quick build's own (tiers.py) or its key."""
    return cache.quick_key(entry["key"]) if entry.get("tier") == "quick" else entry["key"]


def _reruns(native):
    """How many calls of a compiled entry point ran in CPython (its module counts them)."""
    module = getattr(native, "__self__", None)
    count = getattr(module, "__pyrite_reruns__", None)
    if count is None:
        return 0
    return count()[module.__pyrite_exports__.index(native)]


def cpp_source(fn):
    """The generated C++ of an accelerated function (with #line into the Python source)."""
    return info(fn)["cpp_source"]


def write_cpp(fn, path):
    """Writes the generated C++ of an accelerated function to ``path``."""
    with open(path, "w") as f:
        f.write(cpp_source(fn))
    return os.path.abspath(path)
