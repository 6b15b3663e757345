"""CPython's run again of a call that printed before an int left 64 bits (README: Python's int).

The compiled run printed `out` to sys.stdout and `err` to sys.stderr, then an int left 64 bits,
and the glue calls `rerun` (runtime/include/pyrite/capi.hpp's capi::rerun): CPython runs the
call from its arguments, and its prints write that text again first. While it runs, sys.stdout
and sys.stderr are held back by a _Replay each: what this thread writes is matched against the
text already shown and dropped, and what follows is written as CPython writes it. So each line
appears once, in CPython's order, and the stream ends as one CPython run leaves it.

A difference between the two (a pyrite bug: compiled code printed what CPython does not) is
written through from where they part, with a RuntimeWarning.
"""
import sys
import threading
import warnings


class _Replay:
    def __init__(self, stream, shown):
        self._stream = stream
        self._shown = shown
        self._at = 0  # how much of `shown` CPython's run has written again
        self._thread = threading.get_ident()

    def write(self, s):
        n = len(s)
        if self._at < len(self._shown) and threading.get_ident() == self._thread and isinstance(s, str):
            part = self._shown[self._at:self._at + n]
            if s.startswith(part):
                self._at += len(part)
                s = s[len(part):]
                if not s:
                    return n
            else:
                self._at = len(self._shown)  # they parted: the rest is CPython's
                warnings.warn("pyrite: CPython's run again of a call printed other text than its compiled "
                              "run had (a pyrite bug: please report it)", RuntimeWarning, stacklevel=2)
        self._stream.write(s)
        return n

    def __getattr__(self, name):  # flush, encoding, fileno, isatty...: the stream's own
        return getattr(self._stream, name)


def rerun(fn, out, err, /, *args, **kwargs):
    saved = []
    for name, shown in (("stdout", out), ("stderr", err)):
        stream = getattr(sys, name, None)
        if shown and stream is not None:
            replay = _Replay(stream, shown)
            setattr(sys, name, replay)
            saved.append((name, stream, replay))
    try:
        return fn(*args, **kwargs)
    finally:
        for name, stream, replay in saved:
            if getattr(sys, name, None) is replay:  # the call may have set its own: leave that
                setattr(sys, name, stream)
