"""The compile path: captured functions -> C++ -> a published cache entry.

Loaded only on a cache miss (or by tools): it imports the compiler core, Jinja2
and subprocess, none of which a warm start needs.
"""
import json
import os
import time

from . import cache, capture, render, toolchain
from ._version import __version__
from .errors import CompileError, ToolchainError

_builtins_loaded = False


def core():
    """pyrite._core with its builtin table (written by pyrite-scan at build time) loaded."""
    global _builtins_loaded
    from . import _core
    if not _builtins_loaded:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtins.json")
        with open(path) as f:
            _core.set_builtins(json.load(f))
        _builtins_loaded = True
    return _core


def module_name(key):
    return f"_pyrite_{key[:24]}"


def translate(captured, print_after=None, verify=False):
    """Runs the core's passes (C++ text generation included, which takes microseconds; no C++
    compile); returns its result dict or raises CompileError."""
    t0 = time.perf_counter()
    functions = capture.core_input(captured)
    classes = [capture._class_input(c, m, r, b) for c, m, r, b in
               zip(captured.classes, captured.methods, captured.class_resolutions, captured.class_bases)]
    t1 = time.perf_counter()
    result = core().compile(functions, captured.modules, print_after, verify, classes)
    if not result["ok"]:
        raise CompileError(result["diagnostics"])
    result.setdefault("timings", {})["capture"] = t1 - t0
    return result


def generate(captured, key):
    """The C++ translation unit for ``captured`` and the core's result."""
    result = translate(captured)
    t0 = time.perf_counter()
    cpp = render.render_module(result, module_name(key), captured.sources(), __version__, parallel=captured.parallel)
    result["timings"]["render"] = time.perf_counter() - t0
    return cpp, result


def describe(captured, result):
    """What an entry's meta file says of it besides its checksum (`pyrite cache` shows it)."""
    return {"functions": ",".join(f"{fn.__module__}.{fn.__qualname__}" for fn in captured.functions[:captured.nroots]),
            "sources": ",".join(captured.sources()),
            "timings": json.dumps(result["timings"])}


def write_private(path, text):
    """Writes a new file only this user can read (a module's source before its compile)."""
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(text)
    except OSError as e:
        _drop(path)
        raise _disk_error(e, path) from None


def _names(captured):
    names = [f"'{fn.__qualname__}'" for fn in captured.functions[:captured.nroots]]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def build(captured, options, key, load=None, background=False, quick=False, serial=False, idle=False):
    """Compiles and publishes the entry for ``key`` unless another process did; returns its .so
    path, the core's result (None if it was built already) and what ``load(so)`` returned, run
    under the entry's lock (so a concurrent `cache remove` cannot pull it out from under the load).
    background: a warm-up's compile (warmup.py), stopped at exit, or a full build after a quick
    one (tiers.py); a failure leaves no file, the call that comes after reports it. quick: the
    quick tier's compile (`key` its own, cache.quick_key); a failure leaves no file either, and
    the full build takes over (tiers.py). serial: the compiler's processes one at a time, and idle.
    idle: at the lowest priority, paused while any other compile runs (toolchain._run)."""
    with cache.Lock(key):
        so = cache.lookup(key)  # built by another process while we waited
        if so:
            return so, None, load(so) if load else None
        cpp_text, result = generate(captured, key)
        if quick and "PYRITE_HUGE_FUNCTION static" in cpp_text:
            # a function of thousands of statements, which GCC compiles at -O1 without inlining
            # into it (core.hpp): clang has no such switch, and took 9.6 s for one of 1,200
            # statements (GCC 2.3 s); the longest function of any other module of the test suite
            # has under 800 lines of C++, which clang compiles faster than GCC
            raise ToolchainError("pyrite: a function too long for the quick tier (tiers.py)")
        _, so_final, cpp_final, _, _ = cache.paths(key)
        cpp_tmp, so_tmp = cache.temp_path(cpp_final) + ".cpp", cache.temp_path(so_final)

        def write_source():
            write_private(cpp_tmp, cpp_text)
        if not background:
            write_source()
            return _build_files(captured, options, key, load, background, result, cpp_tmp, so_tmp, quick)
        # a warm-up's: an exit at any step from here deletes them (toolchain.stop_background)
        toolchain.claim_background_files((cpp_tmp, so_tmp), write_source)
        try:
            return _build_files(captured, options, key, load, background, result, cpp_tmp, so_tmp, quick, serial, idle)
        finally:
            toolchain.release_background_files((cpp_tmp, so_tmp))


def _build_files(captured, options, key, load, background, result, cpp_tmp, so_tmp, quick=False, serial=False,
                 idle=False):
    """build()'s compile and publish, from the written source to the entry, under the key's lock."""
    _, so_final, cpp_final, _, _ = cache.paths(key)
    t0 = time.perf_counter()
    try:
        toolchain.compile_module(cpp_tmp, so_tmp, options, what=_names(captured), background=background, quick=quick,
                                 serial=serial, idle=idle, key=key)
    except BaseException as e:
        # drop the partial binary; keep the source for a bug report, not after Ctrl-C
        if os.path.exists(so_tmp):
            os.unlink(so_tmp)
        if not isinstance(e, ToolchainError) or background or quick:
            os.unlink(cpp_tmp)
            raise
        failed = cpp_final[:-4] + ".failed.cpp"
        os.replace(cpp_tmp, failed)
        raise ToolchainError(str(e).replace(cpp_tmp, failed)) from None  # names where the source is now
    result["timings"]["cxx"] = time.perf_counter() - t0
    described = describe(captured, result)
    if quick:
        described["tier"] = "quick"
    try:
        so = cache.publish(key, so_tmp, cpp_tmp, described)
    except OSError as e:
        for p in (so_tmp, cpp_tmp):
            _drop(p)
        cache.discard(key)
        raise _disk_error(e, so_final) from None
    if load is None:
        return so, result, None
    try:
        return so, result, load(so)
    except ImportError as e:
        # a module that does not load (a C compiler as $CXX, a broken toolchain) is not kept:
        # every later run would fail the same way
        cache.discard(key)
        raise ToolchainError(f"pyrite: the module {toolchain.find_compiler()[0]} built does not load ({e}); "
                             f"it was not kept. Is $CXX a C++ compiler?") from None


def _drop(path):
    try:
        os.unlink(path)
    except OSError:
        pass


def _disk_error(e, path):
    import errno
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return ToolchainError(f"pyrite: no space left on the device of {path}; free some, or point "
                              f"PYRITE_CACHE_DIR elsewhere (nothing was published)")
    return ToolchainError(f"pyrite: could not write the cache entry {path}: {e.strerror} (nothing was published)")
