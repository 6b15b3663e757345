"""Compiling ahead of the first call (pyrite/warmup.py): a function of the program being run
(__main__) compiles in the background from its decoration, so its first call finds it in the
cache; the call still computes its own key (a helper defined further down is compiled with it),
a function that does not compile says so at its call only, an exit stops the compile and leaves
no file, and functions of imported modules, or whose arrays' types come from the call, wait for
it. Real scripts, run as Python runs them."""
import os
import subprocess
import sys
import textwrap

import typing

import numpy as np
import numpy.typing as npt
import pytest

from pyrite import warmup

WAIT_FOR_ENTRY = """
import glob, os, time
def wait_for_entry(limit=300, count=1):
    # the warm-up's entries, published (a meta file is written last)
    t0 = time.monotonic()
    while len(glob.glob(os.path.join(os.environ["PYRITE_CACHE_DIR"], "v*", "*", "*.meta"))) < count:
        assert time.monotonic() - t0 < limit, "no warm-up entry"
        time.sleep(0.05)
"""

SCRIPT = WAIT_FOR_ENTRY + """
import sys
import pyrite
from pyrite import accelerate

@accelerate
def word_count(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + weight(w)
    return counts

def weight(w: str) -> int:  # defined after the decorated function: compiled with it all the same
    return len(w)

if sys.argv[1] == "wait":
    wait_for_entry()  # the program reads its data meanwhile
print(word_count("a bb a"), pyrite.info(word_count)["compiled_now"])
"""


def run(tmp_path, text, *args, env=None, name="prog.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    environ = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    environ.pop("PYRITE_EAGER", None)
    environ.update(env or {})
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, env=environ,
                          timeout=600, cwd=tmp_path)


def test_a_programs_function_is_compiled_before_its_first_call(tmp_path):
    r = run(tmp_path, SCRIPT, "wait")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0] == "{'a': 2, 'bb': 2} False"  # found in the cache: compiled by the warm-up
    assert r.stderr == ""


def test_a_call_before_the_warm_up_is_done_compiles_once(tmp_path):
    r = run(tmp_path, SCRIPT, "now")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0] == "{'a': 2, 'bb': 2} True"
    entries = [f for f in os.listdir(next((tmp_path / "cache").glob("v*/*"))) if f.endswith(".so")]
    assert len(entries) == 1


def test_turned_off_by_PYRITE_EAGER_0(tmp_path):
    text = SCRIPT.replace('if sys.argv[1] == "wait":\n    wait_for_entry()', "import time\ntime.sleep(1.5)")
    r = run(tmp_path, text, "x", env={"PYRITE_EAGER": "0"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[0] == "{'a': 2, 'bb': 2} True"  # compiled at the call


def test_a_function_that_does_not_compile_says_so_at_its_call_only(tmp_path):
    r = run(tmp_path, """
        import sys, time
        from pyrite import accelerate

        @accelerate
        def f(n: int) -> int:
            return eval("n")

        time.sleep(1.5)
        print("calling", file=sys.stderr, flush=True)
        try:
            f(3)
        except Exception as e:
            print(type(e).__name__)
        """)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "CompileError\n"
    assert r.stderr == "calling\n"  # the warm-up said nothing


def test_an_exit_during_a_warm_up_compile_stops_it_and_leaves_no_file(tmp_path):
    (tmp_path / "tmp").mkdir()
    r = run(tmp_path, """
        import time
        from pyrite import accelerate

        @accelerate
        def norms(rows: list[list[float]]) -> list[float]:
            return [sum(x * x for x in row) ** 0.5 for row in rows]

        time.sleep(0.3)  # the compile has started; the program ends
        """, env={"TMPDIR": str(tmp_path / "tmp")})
    assert r.returncode == 0 and r.stderr == "", r.stderr
    cache = tmp_path / "cache"
    left = [p.name for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert left == []
    assert os.listdir(tmp_path / "tmp") == []  # nor the compiler's temporary files (GCC's assembly)
    running = subprocess.run(["pgrep", "-f", str(cache)], capture_output=True, text=True).stdout
    assert running == ""


def test_a_child_of_fork_during_a_warm_up_calls_and_exits(tmp_path):
    r = run(tmp_path, """
        import os, sys, time
        from pyrite import accelerate

        @accelerate
        def total(xs: list[int]) -> int:
            return sum(x * x for x in xs)

        time.sleep(0.2)  # the parent's warm-up is compiling
        pid = os.fork()
        if pid == 0:
            print("child", total([1, 2, 3]), flush=True)
            sys.exit(0)  # its exit handlers run: nothing of the parent's warm-up to wait for
        _, status = os.waitpid(pid, 0)
        print("parent", total([2]), os.waitstatus_to_exitcode(status))
        """)
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.split("\n")[:2]) == ["child 14", "parent 4 0"]


def test_imported_functions_and_arrays_of_any_dtype_wait_for_their_call(tmp_path):
    (tmp_path / "lib.py").write_text(textwrap.dedent("""
        from pyrite import accelerate
        @accelerate
        def double(x: int) -> int:
            return 2 * x
    """))
    r = run(tmp_path, """
        import glob, os, time
        import numpy as np
        from pyrite import accelerate, warmup
        import lib

        @accelerate
        def total(a: np.ndarray) -> float:  # its dtype, and so its type, comes from the call
            return float(a.sum())

        time.sleep(1.5)
        print(glob.glob(os.path.join(os.environ["PYRITE_CACHE_DIR"], "v*", "*", "*.so")), warmup._worker)
        print(lib.double(4), total(np.ones(3)))
        """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["[] None", "8 3.0"]


def test_an_array_functions_likely_specialization_compiles_ahead(tmp_path):
    # NDArray[np.float64]: the dtype is the annotation's; the number of dimensions the body's
    # (m[i, j]: 2-d, else 1-d). A call with that specialization finds it compiled (a strided view
    # as well); another compiles its own.
    r = run(tmp_path, WAIT_FOR_ENTRY + textwrap.dedent("""
        import numpy as np
        from numpy.typing import NDArray
        import pyrite
        from pyrite import accelerate

        @accelerate
        def row_sums(m: NDArray[np.float64], scale: float) -> NDArray[np.float64]:
            out = np.zeros(m.shape[0])
            for i in range(m.shape[0]):
                for j in range(m.shape[1]):
                    out[i] += m[i, j] * scale
            return out

        @accelerate
        def scaled(a: NDArray[np.float64]) -> NDArray[np.float64]:
            return a * 2.0  # guessed 1-d

        wait_for_entry(count=2)
        m = np.arange(6.0).reshape(2, 3)
        print(row_sums(m, 2.0).tolist(), pyrite.info(row_sums)["compiled_now"])
        print(row_sums(np.arange(24.0).reshape(2, 3, 4)[:, :, 0], 1.0).tolist(), pyrite.info(row_sums)["compiled_now"])
        print(scaled(m).tolist(), pyrite.info(scaled)["compiled_now"])  # 2-d: not the guess, compiled now
        print(scaled(m[0]).tolist(), pyrite.info(scaled)["compiled_now"])
        """))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:4] == ["[6.0, 24.0] False", "[12.0, 48.0] False",
                                         "[[0.0, 2.0, 4.0], [6.0, 8.0, 10.0]] True", "[0.0, 2.0, 4.0] False"]


def test_the_guess_reads_the_arrays_dimensions_from_the_body():
    from pyrite._jit import _generic_arrays, _guessed_arrays

    def guessed(fn):
        return _guessed_arrays(fn, _generic_arrays(fn))
    assert guessed(_kmeans) == (("points", "float64", 2), ("centers", "float64", 2), ("labels", "int64", 1))
    assert guessed(_cube) == (("a", "float32", 3),)
    assert guessed(_any_dtype) is None and guessed(_untyped) is None


def _kmeans(points: npt.NDArray[np.float64], centers: npt.NDArray[np.float64], labels: npt.NDArray[np.int64]) -> float:
    d = points.shape[1]  # 2-d
    return centers[labels[0], d - 1]  # 2-d, 1-d


def _cube(a: npt.NDArray[np.float32]) -> float:
    return float(a[0, :, None][1, 2, 0] + a[..., 0].sum() + a.shape[2])  # 3 indices, not None or ...


def _any_dtype(a: npt.NDArray[typing.Any]) -> float:
    return float(a[0, 0])


def _untyped(a, b: npt.NDArray[np.float64]) -> float:
    return float(b[0])


def test_which_functions_warm_up(monkeypatch):
    def fn():
        pass
    monkeypatch.delenv("PYRITE_EAGER", raising=False)
    fn.__module__ = "__main__"
    assert warmup.enabled(fn)
    fn.__module__ = "mylib"
    assert not warmup.enabled(fn)
    monkeypatch.setenv("PYRITE_EAGER", "1")
    assert warmup.enabled(fn)
    monkeypatch.setenv("PYRITE_EAGER", "0")
    fn.__module__ = "__main__"
    assert not warmup.enabled(fn)


@pytest.mark.skipif(__import__("pyrite.toolchain").toolchain.quick_compiler() is None,
                    reason="no quick tier here: clang or its precompiled prelude is missing")
def test_every_quick_build_comes_before_any_full_one(tmp_path):
    # a script's later functions do not wait behind an earlier one's full (GCC) build: the
    # warm-up makes the three quick builds first (they were quick, full, quick, full, ...)
    r = run(tmp_path, """
        import glob, os, time
        from pyrite import accelerate

        @accelerate
        def count(words: list[str]) -> dict[str, int]:
            out: dict[str, int] = {}
            for w in words:
                out[w] = out.get(w, 0) + 1
            return out

        @accelerate
        def longest(words: list[str]) -> str:
            return max(words, key=len)

        @accelerate
        def joined(words: list[str], sep: str) -> str:
            return sep.join(w.upper() for w in words)

        def tiers():
            found = []
            for meta in glob.glob(os.path.join(os.environ["PYRITE_CACHE_DIR"], "v*", "*", "*.meta")):
                with open(meta) as f:
                    found.append("quick" if "tier=quick" in f.read().split("\\n") else "full")
            return sorted(found)

        t0 = time.monotonic()
        while len(tiers()) < 3:
            assert time.monotonic() - t0 < 300, "no warm-up entries"
            time.sleep(0.02)
        print(tiers())
        words = "b a c a b a".split()
        print(count(words), longest(words), joined(words, "-"))
        """, env={"PYRITE_QUICK": "1"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["['quick', 'quick', 'quick']", "{'b': 2, 'a': 3, 'c': 1} b B-A-C-A-B-A"]


def test_the_worker_gets_the_gil_back_promptly_and_python_s_interval_is_restored():
    # the warm-up's Python steps let go of the GIL hundreds of times (stat, open, a subprocess);
    # behind a busy program each took Python's 5 ms switch interval to get it back: a script's
    # compile started 0.55 s late. While a job runs the interval is 0.2 ms, then Python's again.
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        with warmup._prompt_gil():
            assert sys.getswitchinterval() == pytest.approx(0.0002)
        assert sys.getswitchinterval() == pytest.approx(0.005)
        with warmup._prompt_gil():
            sys.setswitchinterval(0.01)  # the program's own choice, made meanwhile: kept
        assert sys.getswitchinterval() == pytest.approx(0.01)
        sys.setswitchinterval(0.0001)  # already shorter: left as it is
        with warmup._prompt_gil():
            assert sys.getswitchinterval() == pytest.approx(0.0001, abs=2e-6)
        assert sys.getswitchinterval() == pytest.approx(0.0001, abs=2e-6)
    finally:
        sys.setswitchinterval(before)


def test_a_busy_program_s_function_is_compiled_while_it_computes(tmp_path):
    # the program computes in pure Python (no call lets go of the GIL) while the warm-up compiles;
    # the key's part every function shares (a hundred stat() calls) was computed by the decoration
    r = run(tmp_path, WAIT_FOR_ENTRY + textwrap.dedent("""
        import sys
        python_s = sys.getswitchinterval()
        import pyrite
        from pyrite import accelerate, cache

        @accelerate
        def total(xs: list[float]) -> float:
            return sum(x * 2.0 for x in xs)

        print(cache._static_key is not None)
        busy, n = 0, 0
        while True:
            for i in range(200_000):
                busy += i % 7
            n += 1
            try:
                wait_for_entry(limit=0)
                break
            except AssertionError:
                assert n < 20_000, "no warm-up entry"
        print(total([1.0, 2.5]), pyrite.info(total)["compiled_now"])
        t0 = time.monotonic()  # the worker's job ends just after its entry is published
        while sys.getswitchinterval() != python_s and time.monotonic() - t0 < 60:
            time.sleep(0.01)
        print(sys.getswitchinterval() == python_s)
        """))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:3] == ["True", "7.0 False", "True"]
