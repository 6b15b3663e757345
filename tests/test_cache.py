"""The disk cache, with real processes: warm loads, keys, corruption, concurrency, fallbacks."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

import pyrite
from pyrite import cache
from pyrite.capture import Captured

KERNEL = textwrap.dedent("""
    from pyrite import accelerate
    N = {n}

    def helper(x: int) -> int:
        return x * {k}

    @accelerate
    def work(x: int) -> int:
        total = 0
        for i in range(x):
            total += helper(i) + N
        return total
""")

RUNNER = textwrap.dedent("""
    import json, sys, time
    t0 = time.perf_counter()
    sys.path.insert(0, sys.argv[1])
    import kernel
    value = kernel.work(10)
    entry = kernel.work._pyrite_entry
    print(json.dumps({"value": value, "compiled_now": entry["compiled_now"], "key": entry["key"],
                      "core_loaded": "pyrite._core" in sys.modules, "jinja2_loaded": "jinja2" in sys.modules,
                      "seconds": time.perf_counter() - t0}))
""")


def write_kernel(d, n=5, k=2):
    (d / "kernel.py").write_text(KERNEL.format(n=n, k=k))
    (d / "runner.py").write_text(RUNNER)


def run(d, cache_dir, env=None):
    e = dict(os.environ, PYRITE_CACHE_DIR=str(cache_dir), **(env or {}))
    proc = subprocess.run([sys.executable, str(d / "runner.py"), str(d)], capture_output=True, text=True, env=e,
                          cwd=str(d))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


def test_second_process_loads_from_cache_without_the_compiler(tmp_path):
    write_kernel(tmp_path)
    first, _ = run(tmp_path, tmp_path / "cache")
    second, _ = run(tmp_path, tmp_path / "cache")
    assert first["value"] == second["value"] == sum(i * 2 + 5 for i in range(10))
    assert first["compiled_now"] and not second["compiled_now"]
    assert first["key"] == second["key"]
    assert not second["core_loaded"] and not second["jinja2_loaded"]  # the warm path stays light


def test_key_covers_sources_constants_and_options(tmp_path):
    import importlib.util

    def key_of(n, k, options=None):
        d = tmp_path / f"k{n}_{k}_{len(list(tmp_path.iterdir()))}"
        d.mkdir()
        write_kernel(d, n, k)
        spec = importlib.util.spec_from_file_location("kernel", d / "kernel.py")  # one name: only content differs
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return cache.key(Captured([mod.work.py_func]), options or {"fastmath": False}), mod

    base, mod = key_of(5, 2)
    assert key_of(5, 2)[0] == base                 # same content elsewhere: same key
    moved = tmp_path / "moved"
    moved.mkdir()
    write_kernel(moved, 5, 2)
    (moved / "kernel.py").write_text("# a line added above\n" + (moved / "kernel.py").read_text())
    spec = importlib.util.spec_from_file_location("kernel", moved / "kernel.py")
    shifted = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shifted)
    # the same text a line further down: other lines in its tracebacks, another binary
    assert cache.key(Captured([shifted.work.py_func]), {"fastmath": False}) != base
    assert key_of(6, 2)[0] != base                 # a constant's value
    assert key_of(5, 3)[0] != base                 # a callee's source
    assert key_of(5, 2, {"fastmath": True})[0] != base
    mod.N = 7                                      # rebinding a global at run time
    assert cache.key(Captured([mod.work.py_func]), {"fastmath": False}) != base


def test_corrupt_entry_is_rebuilt_not_loaded(tmp_path):
    write_kernel(tmp_path)
    first, _ = run(tmp_path, tmp_path / "cache")
    so = [p for p in (tmp_path / "cache").rglob("*.so")][0]
    data = so.read_bytes()
    so.write_bytes(data[: len(data) // 2])          # truncated
    second, _ = run(tmp_path, tmp_path / "cache")
    assert second["compiled_now"] and second["value"] == first["value"]
    so.write_bytes(b"\x7fELF garbage" + data[12:])  # same size, wrong bytes
    third, _ = run(tmp_path, tmp_path / "cache")
    assert third["compiled_now"] and third["value"] == first["value"]


def test_concurrent_processes_compile_once(tmp_path):
    write_kernel(tmp_path)
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    procs = [subprocess.Popen([sys.executable, str(tmp_path / "runner.py"), str(tmp_path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["compiled_now"] for r in results) == 1
    assert len({r["value"] for r in results}) == 1
    leftovers = [p.name for p in (tmp_path / "cache").rglob("*") if ".tmp-" in p.name]
    assert not leftovers


def test_unwritable_cache_dir_falls_back_with_one_warning(tmp_path):
    write_kernel(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result, stderr = run(tmp_path, blocker / "cache")  # a directory inside a file cannot exist
    assert result["value"] == sum(i * 2 + 5 for i in range(10))
    assert stderr.count("is not writable") == 1


def test_missing_compiler_says_what_was_looked_for(tmp_path):
    write_kernel(tmp_path)
    e = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"), CXX="/nonexistent/g++")
    proc = subprocess.run([sys.executable, str(tmp_path / "runner.py"), str(tmp_path)], capture_output=True,
                          text=True, env=e)
    assert proc.returncode != 0
    assert "ToolchainError" in proc.stderr and "$CXX" in proc.stderr and "/nonexistent/g++" in proc.stderr


def test_clang_as_the_compiler_gets_no_gcc_flags(tmp_path):
    # pyrite/cxxflags's "gcc:" lines (-fira-loop-pressure) are GCC's alone: clang refuses them
    import shutil
    from pyrite import toolchain
    clang = next((c for c in ("clang++", "clang++-16", "clang++-15", "clang++-14") if shutil.which(c)), None)
    if clang is None:
        pytest.skip("no clang++ installed")
    assert toolchain.is_gcc() and "-fira-loop-pressure" in toolchain.flags({})
    write_kernel(tmp_path)
    result, _ = run(tmp_path, tmp_path / "cache", {"CXX": clang})
    assert result["value"] == sum(i * 2 + 5 for i in range(10)) and result["compiled_now"]
    probe = subprocess.run([sys.executable, "-c", "from pyrite import toolchain; print(toolchain.is_gcc(), toolchain.flags({}))"],
                           capture_output=True, text=True, env=dict(os.environ, CXX=clang), check=True)
    assert probe.stdout.startswith("False") and "-fira-loop-pressure" not in probe.stdout


def test_session_cache_has_complete_entries(cache_dir):
    for key, so, size in cache.entries():
        assert size > 0 and cache.lookup(key) == so


def test_info_from_a_later_process_has_the_compile_timings_and_specializations(tmp_path):
    import subprocess
    import sys
    (tmp_path / "m.py").write_text("import numpy as np\nimport numpy.typing as npt\nfrom pyrite import accelerate\n\n"
                                   "@accelerate\ndef f(x: int) -> int:\n    return x + 1\n\n"
                                   "@accelerate\ndef g(a: npt.NDArray[np.float64]) -> float:\n    return float(a.sum())\n")
    env = dict(__import__("os").environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import m, pyrite, numpy as np\nm.f(1)\nm.g(np.ones(2))\nm.g(np.ones((2, 2)))\n"
            "i = pyrite.info(m.f)\nprint(i['compiled_now'], sorted(i['timings']) if i['timings'] else None)\n"
            "print(sorted(k[0][2] for k in pyrite.info(m.g)['specializations']))\n")
    first = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    compiled, phases = first.stdout.split("\n")[0].split(" ", 1)
    assert compiled == "True" and "'cxx'" in phases and "'typeinfer'" in phases
    assert second.stdout.split("\n")[0] == "False " + phases  # read back from the cache entry
    assert second.stdout.split("\n")[1] == "[1, 2]"
