"""Two tiers for a first call: a quick build now, the full build in the background.

GCC, which compiles pyrite's modules (its code is the faster: README "Performance"), performs
the instantiations its precompiled prelude leaves pending in every module: 0.17-0.31 s before
a module's own code, and most of a typical function's first call. Clang performs them once, when
the prelude is precompiled (CMakeLists.txt: pch-quick/), and reads the prelude lazily: a typical
function compiles in about half the time. So a first call that finds no module in the cache
compiles the same C++ with clang (the quick tier: its own cache entry, cache.quick_key) and runs
it, while GCC compiles the full build on one thread of its own at a lower priority; once it is
there, each function's next call runs it (its dispatcher is pointed at the new module; a call
under way finishes in the old one, which stays loaded, as do the objects it made), and the
quick build leaves the cache. A later process finds the full build in the cache; one that finds
only the quick build (its full build was stopped) runs it and makes the full one again.

The two builds are one source: the same semantics, checks and results (no -ffast-math: a
fastmath function, or flags added with $PYRITE_CXXFLAGS, compiles once, with GCC). A module
clang does not compile, or that does not load, is not kept: the call compiles it with GCC, as
without this tier. At exit, the program waits for a full build under way (it would otherwise be
lost, and made again by every run of a short script); Ctrl-C stops it.

PYRITE_QUICK=0 turns the quick tier off (every first call waits for GCC); PYRITE_QUICK=only
keeps to the quick builds (no full build: quicker compiles, slower code).
"""
import os
import threading

_queue = []  # [(dispatchers, captured, options, key)], in the order their quick builds were made
_cond = threading.Condition()
_worker = None
_exit_registered = False


def enabled(options):
    """Whether a first call of functions with these options may run a quick build."""
    from . import toolchain
    if os.environ.get("PYRITE_QUICK", "") == "0" or options.get("fastmath") or toolchain.extra_flags():
        return False
    try:
        return toolchain.quick_compiler() is not None
    except Exception:  # no compiler at all: the full build says so
        return False


def only():
    return os.environ.get("PYRITE_QUICK", "") == "only"


def full_later(dispatchers, captured, options, key, load, install):
    """Compiles the full build of `key` in the background, then installs it (install(so,
    result, module): _jit.py points the dispatchers that run its quick build at it); load(so)
    loads a module."""
    global _worker, _exit_registered
    with _cond:
        if any(job[3] == key for job in _queue):
            return
        _queue.append((dispatchers, captured, options, key, load, install))
        if not _exit_registered:
            # a Ctrl-C while the exit waits (for the worker, which is not a daemon) stops the compilers
            import atexit
            from . import toolchain
            atexit.register(toolchain.stop_background)
            _exit_registered = True
        if _worker is None:
            _worker = threading.Thread(target=_work, name="pyrite-full-build", daemon=False)
            _worker.start()


def _work():
    global _worker
    from . import cache, compiler
    while True:
        with _cond:
            if not _queue:
                _worker = None
                return
            dispatchers, captured, options, key, load, install = _queue.pop(0)
        if not any(d._pyrite_entry.get("key") == key and d._pyrite_entry.get("tier") == "quick" for d in dispatchers):
            continue  # compiled again since (a global it compiled in changed)
        try:
            so, result, module = compiler.build(captured, options, key, load=load, background=True, serial=True)
            install(so, result, module)
            if result is None:
                cache.touch(key)
            cache.remove(cache.quick_key(key))  # no process loads it again (what has it loaded keeps it)
        except Exception:  # the exit stopped it, a full disk, C++ GCC refuses: the quick build goes on
            pass


def wait():
    """Waits for the full builds under way (tests, benchmarks: the code that runs from now on)."""
    while True:
        with _cond:
            worker = _worker
        if worker is None:
            return
        worker.join()


def _forked():
    """In a child of fork(): the parent's worker did not come along, nor what it was doing."""
    global _cond, _worker, _queue
    _cond, _worker, _queue = threading.Condition(), None, []


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)
