"""Two tiers for a first call: a quick build now, the full build in the background.

GCC, which compiles pyrite's modules (its code is the faster: README "Performance"), performs
the instantiations its precompiled prelude leaves pending in every module: 0.17-0.31 s before
a module's own code, and most of a typical function's first call. Clang performs them once, when
the prelude is precompiled (CMakeLists.txt: pch-quick/), and reads the prelude lazily: a typical
function compiles in about two thirds of the time. So a first call that finds no module in the cache
compiles the same C++ with clang (the quick tier: its own cache entry, cache.quick_key) and runs
it, while GCC compiles the full build on one thread of its own at a lower priority; once it is
there, each function's next call runs it (its dispatcher is pointed at the new module; a call
under way finishes in the old one, which stays loaded, as do the objects it made), and the
quick build leaves the cache. A later process finds the full build in the cache; one that finds
only the quick build (its full build failed or was stopped) runs it and makes the full one again.

The two builds are one source: the same semantics, checks and results (no -ffast-math: a
fastmath function, or flags added with $PYRITE_CXXFLAGS, compiles once, with GCC). A module
clang does not compile, or that does not load, is not kept: the call compiles it with GCC, as
without this tier. At exit, the full builds not made yet are handed to a process of their own
(`python -m pyrite.tiers`, in its own session), which makes and publishes them after the program
has ended: the program does not wait for them, and the next run loads them (a short script's run
would otherwise stop them, and every run make them again).

PYRITE_QUICK=0 turns the quick tier off (every first call waits for GCC); PYRITE_QUICK=only
keeps to the quick builds (no full build: quicker compiles, slower code).
"""
import os
import threading

_queue = []  # [(dispatchers, captured, options, key, load, install)], in the order their quick builds were made
_cond = threading.Condition()
_worker = None
_exit_registered = False
_current = None  # the job the worker is building
_handed_over = False  # at exit: the worker starts no other job


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
            # at exit, the background compiles are stopped (a warm-up's: warmup.py), after the
            # full builds not made yet are handed over
            import atexit
            from . import toolchain
            toolchain.before_stop(_hand_over)
            atexit.register(toolchain.stop_background)
            _exit_registered = True
        if _worker is None:
            _worker = threading.Thread(target=_work, name="pyrite-full-build", daemon=True)
            _worker.start()


def _wanted(job):
    """Whether a dispatcher still runs the quick build of the job's key (not compiled again since
    for a global it compiled in that changed)."""
    dispatchers, key = job[0], job[3]
    return any(d._pyrite_entry.get("key") == key and d._pyrite_entry.get("tier") == "quick" for d in dispatchers)


def _work():
    global _worker, _current
    from . import cache, compiler
    cache.background_thread.on = True  # what it waits for is no call's (cache.Lock)
    while True:
        with _cond:
            if not _queue or _handed_over:
                _worker = _current = None
                return
            job = _current = _queue.pop(0)
        if not _wanted(job):
            continue
        dispatchers, captured, options, key, load, install = job
        try:
            # one compiler process at a time: the program keeps a CPU
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


def _hand_over():
    """At exit (toolchain.stop_background runs this, then stops the compile under way): the
    full builds not made yet, their C++ written into the cache, go to a process of their own."""
    global _handed_over
    import json
    import subprocess
    import sys
    from . import cache, compiler
    with _cond:
        _handed_over = True
        jobs = [job for job in ([_current] if _current else []) + _queue if _wanted(job)]
        _queue.clear()
    work = []
    for dispatchers, captured, options, key, load, install in jobs:
        try:
            cpp_text, result = compiler.generate(captured, key)
            _, _, cpp_final, _, _ = cache.paths(key)
            cpp_tmp = cache.temp_path(cpp_final) + ".cpp"
            compiler.write_private(cpp_tmp, cpp_text)
            work.append({"key": key, "cpp": cpp_tmp, "options": {"fastmath": False},
                         "described": compiler.describe(captured, result), "timings": result["timings"]})
        except Exception:  # a full disk: the next run makes it
            continue
    if not work:
        return
    path = cache.temp_path(os.path.join(cache.root(), cache.LAYOUT, "handover")) + ".json"
    try:
        compiler.write_private(path, json.dumps(work))
    except Exception:
        for job in work:
            os.unlink(job["cpp"])
        return
    subprocess.Popen([sys.executable, "-m", "pyrite.tiers", path], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                     cwd=os.path.dirname(path))


def _finish(path):
    """`python -m pyrite.tiers FILE`: the full builds a program handed over at its exit, each made
    and published as compiler.build does (unless another process made it meanwhile), its quick
    build then removed."""
    import json
    import time
    from . import cache, toolchain
    with open(path) as f:
        work = json.load(f)
    os.unlink(path)
    for job in work:
        key = job["key"]
        _, so_final, cpp_final, _, _ = cache.paths(key)
        so_tmp, cpp_tmp = cache.temp_path(so_final), cache.temp_path(cpp_final) + ".cpp"
        try:
            # named after this process: `pyrite cache prune` deletes temporaries of processes gone
            os.replace(job["cpp"], cpp_tmp)
            with cache.Lock(key):  # the exiting program's compile of it (stopped) released it
                if cache.lookup(key) is None:
                    t0 = time.perf_counter()
                    toolchain.compile_module(cpp_tmp, so_tmp, job["options"])
                    job["timings"]["cxx"] = time.perf_counter() - t0
                    cache.publish(key, so_tmp, cpp_tmp, dict(job["described"], timings=json.dumps(job["timings"])))
            cache.remove(cache.quick_key(key))
        except Exception:  # a C++ error, a full disk: the next run makes it, and says so if it must
            pass
        finally:
            for p in (so_tmp, cpp_tmp):
                if os.path.exists(p):
                    os.unlink(p)


def _forked():
    """In a child of fork(): the parent's worker did not come along, nor what it was doing."""
    global _cond, _worker, _queue
    _cond, _worker, _queue = threading.Condition(), None, []


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


if __name__ == "__main__":
    _finish(__import__("sys").argv[1])
