"""The `pyrite` command's own options, and what a Numba user's habits meet: real processes."""
import os
import shutil
import subprocess
import sys

import pytest

import pyrite
from pyrite import accelerate


def run(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300,
                          env=env or os.environ.copy(), cwd=cwd)


def test_version_and_help():
    r = run("-m", "pyrite", "--version")
    assert r.returncode == 0 and r.stdout.strip() == f"pyrite {pyrite.__version__}"
    r = run("-m", "pyrite")  # no command: the help, not an error
    assert r.returncode == 0 and "usage: pyrite" in r.stdout and "compile" in r.stdout
    exe = shutil.which("pyrite")  # the console script pip installs
    if exe:
        r = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0 and r.stdout.strip() == f"pyrite {pyrite.__version__}"


def test_disable_leaves_plain_python(tmp_path):
    (tmp_path / "dis.py").write_text(
        "from pyrite import accelerate, interpreted\n\n"
        "@accelerate\n"
        "def f(x: int) -> int:\n"
        "    return x * 2\n\n"
        "print(type(f).__name__, f(21), interpreted(f) is f)\n")
    env = dict(os.environ, PYRITE_DISABLE="1", PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    r = run("dis.py", env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["function", "42", "True"]
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.so"))  # nothing compiled


def numba_style(x: float) -> float:
    return x + 1.0


def test_numba_options():
    # what pyrite always does is accepted; the rest says what pyrite does instead
    f = accelerate(cache=True, nogil=True, nopython=True)(numba_style)
    assert f(1.5) == 2.5
    with pytest.raises(TypeError, match="cache=False cannot be had: pyrite caches every compiled function"):
        accelerate(cache=False)
    with pytest.raises(TypeError, match="parallel= is not supported yet"):
        accelerate(parallel=True)
    with pytest.raises(TypeError, match="pyrite takes no signature string; it reads the types from the"):
        accelerate("float64(float64)")
    with pytest.raises(TypeError, match="signatures= is Numba's"):
        accelerate(signatures=["float64(float64)"])
    with pytest.raises(TypeError, match="unexpected keyword argument 'fast_math'"):
        accelerate(fast_math=True)
