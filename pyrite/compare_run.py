"""`pyrite compare FILE::FN`'s runner: generated inputs, each compared in a worker process with
a time limit, so an input the interpreter would loop on for hours (range(2**62)) is skipped
and counted, never a hang; progress on stderr.

The worker is a fork of this process made after the module is imported and compiled: it
starts in milliseconds, and a new one replaces it after an input that ran out of time. A
specialization an input needs (an NDArray parameter's dtype and ndim) is compiled before its
time starts: the limit is the run's, not the C++ compiler's.
"""
import os
import sys
import time


class Worker:
    """A forked child that runs compare(fn, *args) for each input sent to it."""

    def __init__(self, fn):
        import multiprocessing
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=self._serve, args=(fn, child), daemon=True)
        self.proc.start()
        child.close()

    @staticmethod
    def _serve(fn, conn):
        from .compare import compare
        while True:
            try:
                args = conn.recv()
            except EOFError:
                return
            if hasattr(fn, "specialize"):
                try:
                    fn.specialize(*args)  # compiled (or loaded) before the clock starts
                except Exception:  # noqa: BLE001 - a compile error is the compared call's to report
                    pass
            conn.send("ready")
            report = compare(fn, *args)
            conn.send((bool(report), None if report else str(report)))

    def run(self, args, limit):
        """(agree, report text), or None when the input took longer than `limit` seconds."""
        self.conn.send(args)
        try:
            self.conn.recv()  # "ready": compiled
        except EOFError:
            return (False, "the worker process running this input died")
        if not self.conn.poll(limit):
            return None
        try:
            return self.conn.recv()
        except EOFError:  # the worker died (a crash is a divergence the report would miss)
            return (False, "the worker process running this input died")

    def stop(self):
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def run_inputs(fn, inputs, n, seed, limit, out=sys.stderr):
    """Runs up to n hypothesis inputs; returns (runs, skipped, None) when they agree or
    (runs, skipped, (report text, args)) for the first divergence, shrunk by hypothesis."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed

    from ._jit import build
    from .compare import DivergenceError
    if not hasattr(fn, "specialize"):
        build(fn)  # compiled once, here: every worker forks with it loaded
    state = {"runs": 0, "skipped": 0, "found": None, "worker": None, "shown": time.monotonic()}

    def progress(final=False):
        now = time.monotonic()
        if final or now - state["shown"] >= 2.0:
            state["shown"] = now
            skipped = f", {state['skipped']} skipped (slower than {limit:g} s)" if state["skipped"] else ""
            out.write(f"\rpyrite compare: {state['runs']}/{n} inputs{skipped}" + ("\n" if final else ""))
            out.flush()

    @settings(max_examples=n, deadline=None, database=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def one(call_args):
        if state["worker"] is None:
            state["worker"] = Worker(fn)
        state["runs"] += 1
        result = state["worker"].run(call_args, limit)
        progress()
        if result is None:  # out of time: this worker is busy for good
            state["worker"].stop()
            state["worker"] = None
            state["skipped"] += 1
            return
        agree, text = result
        if not agree:
            state["found"] = (text, call_args)
            raise DivergenceError(text)

    if seed is not None:
        one = with_seed(seed)(one)
    try:
        one()
    except DivergenceError:
        pass
    finally:
        if state["worker"] is not None:
            state["worker"].stop()
        if out.isatty() or state["runs"] >= 50:
            progress(final=True)
    return state["runs"], state["skipped"], state["found"]


def default_limit():
    """Seconds one input may take: $PYRITE_COMPARE_TIMEOUT, else 5."""
    try:
        return float(os.environ.get("PYRITE_COMPARE_TIMEOUT", "5"))
    except ValueError:
        return 5.0
