"""Compiling ahead of the first call, in the background: a function of the program being run
(``__main__``: a script, a notebook) starts compiling when it is decorated, on one thread of its
own, while the program goes on (reading its data, defining the rest); its first call then finds
the module in the cache. Functions of imported modules wait for their call (a library that is
imported compiles nothing it does not use). A function whose arrays' numbers of dimensions come
from the call (`a: NDArray[np.float64]`) compiles the specialization its body suggests
(_jit._guessed_arrays: `a[i, j]` or `a.shape[1]`, 2-d; else 1-d), as an idle build (paused while
any other compile runs, since a wrong guess is wasted work); one whose dtypes or types come from
the call (np.ndarray, no annotation) waits for it. PYRITE_EAGER=0 turns it off, PYRITE_EAGER=1
on for every function.

The warm-up only fills the cache. The call computes its key as always, so whatever the program
changed in between (a global it reads, a helper defined later) is compiled again, not missed; a
compile still running when the call comes is waited for (the entry's lock), not repeated. With
the quick tier (tiers.py), every function's quick build comes first, the full builds after them:
one at a time, at the lowest priority, once no quick build waits (a script's second function
does not wait behind the first one's GCC build: four typical functions called after 0.3 s of
setup took 3.4-3.6 s in all when each full build came right after its quick one, 2.2-2.3 s now,
2.65-2.9 s with no warm-up at all). Nothing it does is seen: a function that does not compile raises its
CompileError at its call, as without it. A compile still running when the program exits is
stopped.
"""
import contextlib
import os
import sys
import threading
import time

from .errors import CompileError

_pending = []  # [when, attempt, dispatcher, warm, guess], soonest first
_later = []  # [dispatcher, build]: the full builds warm() returned, made once no quick build waits
_cond = threading.Condition()
_worker = None
_stopping = False
# before the first try, and between tries while the function does not capture (a helper it
# calls is defined further down the script): doubling, then given up (the call compiles it)
_FIRST_DELAY, _TRIES = 0.05, 8


def enabled(fn):
    flag = os.environ.get("PYRITE_EAGER", "")
    if flag == "0":
        return False
    return flag == "1" or fn.__module__ == "__main__"


def schedule(d, warm, guess=False):
    """Runs warm(d) (_jit.py: d's module compiled into the cache) in the background, if enabled
    for d's function; again, later, while it raises CompileError (a name not defined yet). What
    warm returns, if not None, is called later still: once no first try of another function waits.
    guess: d is an ArrayGeneric, whose likely specialization warm(d) guesses and compiles, which its
    call may not need (_jit._warm_guess): tried after the others' first tries."""
    global _worker
    if not enabled(d.py_func):
        return
    from . import cache
    cache.static_key()  # here: the worker would wait for the GIL after each of its stat() calls
    with _cond:
        _pending.append([time.monotonic() + _FIRST_DELAY, 0, d, warm, guess])
        if _worker is None:
            import atexit
            atexit.register(_stop)
            _worker = threading.Thread(target=_work, name="pyrite-warmup", daemon=True)
            _worker.start()
        _cond.notify()


def _next():
    """The worker's next job, waited for: a try that is due (a guess's once no other function's
    first try is waiting, due within _FIRST_DELAY), else a full build if no first try is waiting;
    None at exit."""
    with _cond:
        while not _stopping:
            now = time.monotonic()
            sure = any(item[1] == 0 and not item[4] for item in _pending)
            ready = [item for item in _pending if not (item[4] and sure)]  # a guess waits for the others' first tries
            for item in ready:
                if item[0] <= now:
                    _pending[:] = [other for other in _pending if other is not item]
                    return item[1:]
            if _later and not any(item[1] == 0 for item in _pending):
                d, build = _later.pop(0)
                return None, d, build, False
            _cond.wait(timeout=max(0.0, min(item[0] for item in ready) - now) if ready else None)
        return None


def _work():
    from . import cache
    cache.background_thread.on = True  # what it waits for is no call's (cache.Lock)
    while True:
        job = _next()
        if job is None:
            return
        attempt, d, warm, guess = job
        if getattr(d, "native", None) is not None:  # called (and compiled) already: its full build is tiers.py's
            continue
        try:
            if attempt is None:  # a full build after the quick one: no call waits for it
                warm()
                continue
            with _prompt_gil():
                later = warm(d)
            if later is not None:
                with _cond:
                    _later.append([d, later])
        except CompileError:  # does not capture or type yet (a name defined further down), or never
            if attempt is not None and attempt + 1 < _TRIES:
                with _cond:
                    _pending.append([time.monotonic() + _FIRST_DELAY * 2 ** (attempt + 1), attempt + 1, d, warm, guess])
                    _pending.sort(key=lambda item: item[0])
        except Exception:  # C++ that does not compile, a full disk, the exit: the call will say it
            pass


@contextlib.contextmanager
def _prompt_gil():
    """While a first try runs, the worker gets the GIL back within 0.2 ms of asking, not 5 ms (Python's
    switch interval): its Python steps (capture, key, files) let go of the GIL a few hundred times,
    and a busy program (a script making its data) made it wait 5 ms each time: a leaderboard's
    warm-up reached its compiler 0.55 s late, once the script called it. Waiting for the compiler,
    the worker asks for nothing and the program runs as before. Python's value comes back after,
    unless someone set another meanwhile."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(min(old, 0.0002))
    ours = sys.getswitchinterval()
    try:
        yield
    finally:
        if sys.getswitchinterval() == ours:
            sys.setswitchinterval(old)


def _forked():
    """In a child of fork(): the parent's worker did not come along, nor what it was doing."""
    global _cond, _worker, _pending, _later
    _cond, _worker, _pending, _later = threading.Condition(), None, [], []


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


def _stop():
    """At exit: no new compile starts, and the running one is stopped (toolchain.py)."""
    global _stopping
    from . import toolchain
    with _cond:
        _stopping = True
        _cond.notify()
    toolchain.stop_background()
