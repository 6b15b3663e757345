"""The quick tier (pyrite/tiers.py): a first call runs clang's build of the module, GCC's full
build replaces it in the background, and a program never sees the switch: the same results,
exceptions and argument states from either build, before, during and after it.

Each test runs a program in a fresh process with its own cache, the quick tier on (the session
turns it off for the other tests: conftest.py)."""
import contextlib
import os
import subprocess
import sys
import textwrap
import time

import pytest

from pyrite import toolchain

pytestmark = pytest.mark.skipif(toolchain.quick_compiler() is None,
                                reason="no quick tier here: clang or its precompiled prelude is missing")

PROGRAM = '''
import json, sys
from dataclasses import dataclass
import numpy as np
from numpy.typing import NDArray
import pyrite
from pyrite import accelerate, tiers

@dataclass
class Account:
    owner: str
    balance: float

def moves(accounts: dict[str, Account], amounts: list[float]):
    for name, acc in accounts.items():
        for a in amounts:
            if acc.balance + a < 0:
                raise ValueError(f"{name} would be overdrawn by {-(acc.balance + a):.2f}")
            acc.balance += a
            yield name, acc.balance

@accelerate
def settle(accounts: dict[str, Account], amounts: list[float], log: list[str]) -> float:
    total = 0.0
    try:
        for name, b in moves(accounts, amounts):
            log.append(f"{name}:{b:.1f}")
            total += b
    except ValueError as e:
        log.append(str(e))
    return total

@accelerate
def grow(n: int) -> int:
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x

@accelerate
def norms(a: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.sqrt((a * a).sum(axis=1))

@accelerate
def pick(xs: list[int], i: int) -> int:
    return xs[i] // (i - 2)

FIRST = {}  # each function's tier right after its first call (its full build comes later)

def seen(name, f):
    if name not in FIRST and hasattr(f, "_pyrite_options"):
        FIRST[name] = pyrite.info(f).tier

def run_all():
    out = []
    accs = {"ann": Account("ann", 10.0), "bob": Account("bob", 1.0)}
    log: list[str] = []
    out.append([settle(accs, [5.0, -3.0, -4.0], log), log, {k: v.balance for k, v in accs.items()}])
    seen("settle", settle)
    out.append([grow(10), grow(50)])  # an int past 64 bits: CPython runs that call
    seen("grow", grow)
    out.append(norms(np.arange(12.0).reshape(4, 3)).tolist())
    if hasattr(norms, "specialize"):
        seen("norms", norms.specialize(np.zeros((1, 1))))
    for i in (0, 2, 9):
        try:
            out.append(pick([4, 5, 6], i))
        except Exception as e:
            out.append([type(e).__name__, str(e)])
    seen("pick", pick)
    return out

def first():
    return [FIRST[name] for name in ("settle", "grow", "norms", "pick")]

def tier(*fns):
    return [pyrite.info(f).tier for f in fns]

def fns():
    return settle, grow, norms.specialize(np.zeros((1, 1))), pick
'''


def run(tmp_path, body, env=None, cache="cache"):
    (tmp_path / "prog.py").write_text(PROGRAM + textwrap.dedent(body))
    e = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / cache), PYRITE_EAGER="0")
    e.pop("PYRITE_QUICK", None)
    e.update(env or {})
    proc = subprocess.run([sys.executable, "prog.py"], cwd=tmp_path, env=e, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    settle(tmp_path / cache)
    return [line for line in proc.stdout.splitlines() if line]


def settle(cache):
    """Waits for the process a program's exit handed its full builds to (tiers.py) to end: until
    the cache holds no file of a compile under way."""
    deadline = time.time() + 240
    while time.time() < deadline and any(".tmp-" in p.name for p in cache.rglob("*")):
        time.sleep(0.1)
    assert not any(".tmp-" in p.name for p in cache.rglob("*")), sorted(p.name for p in cache.rglob("*"))


def expected(tmp_path):
    return run(tmp_path, "print(json.dumps(run_all()))\n", env={"PYRITE_DISABLE": "1"}, cache="plain")[0]


def test_first_calls_run_the_quick_build_then_the_full_one(tmp_path):
    out = run(tmp_path, """
        print(json.dumps(run_all()))
        print(first())
        tiers.wait()
        print(json.dumps(run_all()))
        print(tier(*fns()))
        print(pyrite.info(settle).compiled_now, len(pyrite.info(settle).earlier))
    """)
    want = expected(tmp_path)
    assert out[0] == want and out[2] == want
    assert out[1] == "['quick', 'quick', 'quick', 'quick']"
    assert out[3] == "['full', 'full', 'full', 'full']"
    assert out[4] == "True 1"
    assert '"ValueError", ' not in want and "overdrawn" in want  # the program's own exception, caught
    assert '["ZeroDivisionError", "integer division or modulo by zero"]' in want
    assert '["IndexError", "list index out of range"]' in want


def test_the_exit_hands_the_full_builds_over_and_the_next_process_loads_them(tmp_path):
    # the program does not wait for its full builds at exit: a process of their own makes them
    first = run(tmp_path, "print(json.dumps(run_all())); print(first())\n")
    listed = cache_list(tmp_path)
    assert listed.count("__main__.") == 4 and "(quick build" not in listed, listed
    second = run(tmp_path, "print(json.dumps(run_all())); print(tier(*fns())); "
                           "print([pyrite.info(f).compiled_now for f in fns()])\n")
    assert first[0] == second[0] == expected(tmp_path)
    assert first[1] == "['quick', 'quick', 'quick', 'quick']"
    assert second[1] == "['full', 'full', 'full', 'full']"
    assert second[2] == "[False, False, False, False]"


def test_a_process_that_finds_only_the_quick_build_runs_it_and_makes_the_full_one(tmp_path):
    only = run(tmp_path, "print(json.dumps(run_all())); print(tier(*fns()))\n", env={"PYRITE_QUICK": "only"})
    assert only[1] == "['quick', 'quick', 'quick', 'quick']"
    listed = cache_list(tmp_path)
    out = run(tmp_path, """
        print(json.dumps(run_all()))
        print(first(), [pyrite.info(f).compiled_now for f in fns()])
        tiers.wait()
        print(tier(*fns()))
    """)
    assert out[0] == only[0] == expected(tmp_path)
    assert out[1] == "['quick', 'quick', 'quick', 'quick'] [False, False, False, False]"
    assert out[2] == "['full', 'full', 'full', 'full']"
    # `pyrite cache list` said which entries were quick builds; the full ones replaced them
    assert listed.count("(quick build") == 4, listed
    after = cache_list(tmp_path)
    assert "(quick build" not in after and after.count("__main__.") == 4, after


def cache_list(tmp_path):
    e = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    return subprocess.run([sys.executable, "-m", "pyrite", "cache", "list"], env=e, capture_output=True, text=True,
                          check=True).stdout


def test_a_broken_quick_entry_is_never_loaded(tmp_path):
    run(tmp_path, "run_all()\n", env={"PYRITE_QUICK": "only"})
    entries = list((tmp_path / "cache").rglob("*.so"))
    assert entries
    for so in entries:
        data = bytearray(so.read_bytes())
        data[len(data) // 2] ^= 0xFF
        so.write_bytes(bytes(data))
    out = run(tmp_path, "print(json.dumps(run_all())); print(first())\n")
    assert out[0] == expected(tmp_path)
    assert out[1] == "['quick', 'quick', 'quick', 'quick']"  # compiled again, not loaded


def test_explicit_builds_fastmath_and_added_flags_compile_the_full_build_at_once(tmp_path):
    out = run(tmp_path, """
        @accelerate(fastmath=True)
        def dot(a: list[float], b: list[float]) -> float:
            s = 0.0
            for x, y in zip(a, b):
                s += x * y
            return s
        pyrite.build(settle, grow)
        print(dot([1.0, 2.0], [3.0, 4.0]), tier(settle, grow, dot))
    """)
    assert out == ["11.0 ['full', 'full', 'full']"]
    out = run(tmp_path, "print(grow(10), tier(grow))\n", env={"PYRITE_CXXFLAGS": "-g0"}, cache="flags")
    assert out == ["73806 ['full']"]


def test_a_huge_function_compiles_with_gcc_at_once(tmp_path):
    # GCC compiles a function of thousands of statements at -O1 without inlining into it; clang
    # at -O3 took 4x GCC's time for one (compiler.py): such a module skips the quick tier
    body = "\n".join(f"    a = (a * {k % 7 + 2} + n) % 1000003" for k in range(900))
    out = run(tmp_path, f"""
@accelerate
def long_one(n: int) -> int:
    a = 1
{body}
    return a

def slow(n):
    a = 1
    for k in range(900):
        a = (a * (k % 7 + 2) + n) % 1000003
    return a

grow(3)
first = tier(grow)  # at once: the full build of grow follows in the background
print(long_one(5) == slow(5), tier(long_one), first)
""")
    assert out == ["True ['full'] ['quick']"]


SCALED = """
        SCALE = 2

        @accelerate
        def scaled(x: int) -> int:
            return x * SCALE
"""


def test_a_full_build_never_replaces_a_module_compiled_since(tmp_path):
    # a global compiled in by value changes after the first call: the call after it compiles
    # for the new value; the full build of the old value, made later, must not come back
    out = run(tmp_path, SCALED + """
        print(scaled(5), tier(scaled))
        SCALE = 7
        print(scaled(5), tier(scaled))
        tiers.wait()
        print(scaled(5), tier(scaled))
        SCALE = 2
        print(scaled(5))
    """)
    assert out == ["10 ['quick']", "35 ['quick']", "35 ['full']", "10"]


def test_a_global_changed_before_the_full_build_is_seen_changed(tmp_path):
    # the full build of the old value arrives after the program changed the global, with no call
    # in between: it must not answer for the new value (it compiled the old one in)
    out = run(tmp_path, SCALED + """
        print(scaled(5), tier(scaled))
        SCALE = 7
        tiers.wait()
        print(scaled(5))
        tiers.wait()
        print(scaled(5), tier(scaled))
    """)
    assert out == ["10 ['quick']", "35", "35 ['full']"]


def test_the_quick_build_is_the_same_source_compiled_by_clang(tmp_path):
    out = run(tmp_path, """
        import os
        settle({}, [], [])
        quick = pyrite.info(settle)
        quick_cpp = open(quick.cpp_path).read()
        tiers.wait()
        full = pyrite.info(settle)
        print(quick.so != full.so, os.path.exists(quick.so), os.path.exists(full.so))
        body = lambda text: text.split("// the module's own names", 1)[1]
        strip = lambda text: "\\n".join(l for l in body(text).splitlines() if "_pyrite_" not in l)
        print(strip(quick_cpp) == strip(open(full.cpp_path).read()), "PYRITE_PART" in quick_cpp)
    """)
    assert out == ["True False True", "True True"]  # the quick build left the cache once the full one was in


NESTED = """
        @accelerate
        def table(n: int, m: int, stop_at: int) -> list[int]:
            out = []
            for i in range(n):
                for j in range(m):  # a nested range: chunked, and a plain loop where m is short
                    if i * m + j == stop_at:
                        break
                    if (i + j) % 3 == 0:
                        continue
                    out.append(i * j % 7)
                else:
                    out.append(-1)
            return out

        @accelerate
        def walk(xs: list[int], rows: int) -> int:
            t = 0
            for r in range(rows):
                for k in range(len(xs) - r):
                    t += xs[k + r * 2]  # IndexError once r * 2 outruns the list
            return t

        def result(f, *args):
            try:
                r = f(*args)
                return [len(r), sum(r)] if isinstance(r, list) else r
            except Exception as e:
                return [type(e).__name__, str(e)]

        def cases():
            return [result(table, 3, 5, 7), result(table, 2, 70_000, 100_000), result(table, 4, 0, 0),
                    result(table, 3, 70_000, -1), result(walk, list(range(9)), 1), result(walk, list(range(9)), 5)]
"""


def test_the_quick_build_compiles_a_nested_range_as_its_chunks_alone(tmp_path):
    # codegen's kNotQuick: the quick tier compiles a nested range's chunked loop without the
    # plain copy beside it (short inner ranges run it too); the same results, breaks, loop
    # elses and exceptions as CPython, inner ranges shorter and longer than a chunk (65,536)
    want = run(tmp_path, NESTED + "        print(json.dumps(cases()))\n", env={"PYRITE_DISABLE": "1"}, cache="plain")
    out = run(tmp_path, NESTED + """
        print(json.dumps(cases()))
        print(tier(table, walk), "#ifndef PYRITE_QUICK" in open(pyrite.info(table).cpp_path).read())
    """, env={"PYRITE_QUICK": "only"})
    assert out[0] == want[0]
    assert out[1] == "['quick', 'quick'] True"
    assert '"IndexError", "list index out of range"' in want[0]


# toolchain._run with stand-in "compilers": an idle one that spins for some CPU time, and another
# that watches it through /proc (its state: R, S, or T while stopped)
NEVER = {"step": 1e9, "at": 1e18}  # no progress report


def idle_compiler(tmp_path, cpu, ended=None):
    """The stand-in idle compiler's command: writes tmp_path/started, spins `cpu` seconds of CPU
    time (which a stop does not advance), then writes the time into `ended`, if given."""
    return [sys.executable, "-c", textwrap.dedent(f"""
        import time  # idle
        open({str(tmp_path / "started")!r}, "w").close()
        while time.process_time() < {cpu}:
            pass
        if {str(ended) if ended else ""!r}:
            open({str(ended)!r}, "w").write(repr(time.time()))
        """)]


def watcher(tmp_path, body):
    """The other compiler's command: body, with pid (the idle one's) and state() defined."""
    return [sys.executable, "-c", textwrap.dedent(f"""
        import os, time
        pid = int(open({str(tmp_path / "pid")!r}).read())
        def state():
            try:
                with open(f"/proc/{{pid}}/stat") as f:
                    return f.read().rsplit(")", 1)[1].split()[0]
            except FileNotFoundError:
                return "gone"
        t0 = time.monotonic()
        while state() != "T" and time.monotonic() - t0 < 10:
            time.sleep(0.01)
        """) + textwrap.dedent(body)]


@contextlib.contextmanager
def idle_started(tmp_path, **run):
    """Runs the idle compiler (toolchain._run(..., **run)) on a thread, its pid recorded in
    tmp_path/pid, until it has started; yields the thread, whose result is thread.result."""
    import threading
    popen = subprocess.Popen

    def recording(cmd, **kw):
        proc = popen(cmd, **kw)
        if cmd[-1].startswith("\nimport time  # idle"):
            (tmp_path / "pid").write_text(str(proc.pid))
        return proc
    subprocess.Popen = recording
    try:
        thread = threading.Thread(target=lambda: setattr(thread, "result", toolchain._run(
            run.pop("commands"), time.monotonic(), 120, NEVER, "idle", "x.cpp", "x.so", background=[], idle=True, **run)))
        thread.start()
        wait_for(tmp_path / "started")
        yield thread
        thread.join(timeout=60)
    finally:
        subprocess.Popen = popen


def wait_for(path, limit=60):
    t0 = time.monotonic()
    while not path.exists():
        assert time.monotonic() - t0 < limit, path
        time.sleep(0.01)


def test_a_full_build_no_call_waits_for_is_paused_while_another_compile_runs(tmp_path):
    # the idle one (a full build replacing a quick one) is stopped while the other runs, goes
    # on after it, and ends as it would have
    state, ended = tmp_path / "state", tmp_path / "ended"
    check = watcher(tmp_path, f"""
        time.sleep(1.0)
        open({str(state)!r}, "w").write(state() + " " + repr(time.time()))
        """)
    with idle_started(tmp_path, commands=[idle_compiler(tmp_path, 0.3, ended)]) as idle:
        toolchain._run([check], time.monotonic(), 120, NEVER, "busy", "y.cpp", "y.so")
    seen, at = state.read_text().split()
    assert seen == "T"  # stopped, a second after the other compile began
    assert float(ended.read_text()) > float(at)  # and it went on, and ended, after that one
    assert idle.result is None and not idle.is_alive()
    assert not toolchain._idle and toolchain._busy == 0


def test_an_idle_build_a_call_waits_for_runs_as_any_other(tmp_path):
    # promote(key) (a call came to wait for the key's lock): the idle build is no longer paused
    # while the other compile runs
    import threading
    stopped, promoted, state = (tmp_path / n for n in ("stopped", "promoted", "state"))
    check = watcher(tmp_path, f"""
        open({str(stopped)!r}, "w").write(state())
        while not os.path.exists({str(promoted)!r}):
            time.sleep(0.01)
        t0 = time.monotonic()
        while state() == "T" and time.monotonic() - t0 < 10:
            time.sleep(0.01)
        open({str(state)!r}, "w").write(state())
        """)
    with idle_started(tmp_path, commands=[idle_compiler(tmp_path, 0.2)], key="k1") as idle:
        busy = threading.Thread(target=lambda: toolchain._run([check], time.monotonic(), 120, NEVER, "busy", "y.cpp", "y.so"))
        busy.start()
        wait_for(stopped)
        toolchain.promote("k1")
        promoted.write_text("")
        busy.join(timeout=60)
    assert stopped.read_text() == "T"  # paused while the other compile ran
    assert state.read_text() in ("R", "S", "gone")  # then, promoted, it went on with the other still running
    assert not idle.is_alive() and not busy.is_alive()
    assert not toolchain._idle and not toolchain._idle_runs and toolchain._busy == 0
    toolchain._promoted.discard("k1")


def test_a_first_call_does_not_wait_for_a_full_build_under_way(tmp_path):
    # the full build's lock held (the warm-up's GCC build, another process's): the first call
    # runs its quick build, not waiting for the full one
    out = run(tmp_path, """
        import threading
        from pyrite import _jit, cache
        key = cache.key(_jit._captured([pick], pick._pyrite_options), pick._pyrite_options)
        held, done, released = threading.Event(), threading.Event(), threading.Event()
        def hold():
            with cache.Lock(key):
                held.set()
                done.wait(30)
            released.set()
        threading.Thread(target=hold, daemon=True).start()
        held.wait()
        result = pick([3, 1, 2, 9], 3)
        print(result, tier(pick), "held all along" if not released.is_set() else "waited")
        done.set()
        """)
    assert out[-1] == "9 ['quick'] held all along"
