"""`pyrite cache list|info|clear|prune`: real processes on a private cache directory."""
import os
import subprocess
import sys
import textwrap
import time

MODULES = {
    "first": "def f(x: int) -> int:\n    return x + 1\n",
    "second": "def g(x: float) -> float:\n    return x * 2.0\n",
    "third": "def h(x: int) -> int:\n    return x * 3\n",
}


def setup_modules(tmp_path):
    for name, body in MODULES.items():
        (tmp_path / f"{name}.py").write_text("from pyrite import accelerate\n\n@accelerate\n" + body)
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    return env


def py(tmp_path, env, code):
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return r.stdout


def cli(tmp_path, env, *args):
    return subprocess.run([sys.executable, "-m", "pyrite", "cache", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_list_info_prune_clear(tmp_path):
    env = setup_modules(tmp_path)
    for name, fn in (("first", "f"), ("second", "g"), ("third", "h")):
        py(tmp_path, env, f"import {name}; {name}.{fn}(1)")
        time.sleep(0.05)  # distinct times of last use
    py(tmp_path, env, "import first; first.f(2)")  # first is now the most recently used
    out = cli(tmp_path, env, "list").stdout
    assert "(3 entries" in out
    lines = out.splitlines()[1:]
    assert [line.split()[-1] for line in lines] == ["first.f", "third.h", "second.g"]  # most recent first
    key = lines[0].split()[0]
    info = cli(tmp_path, env, "info", key[:10]).stdout
    assert "functions  first.f" in info and str(tmp_path / "first.py") in info
    assert "verified   yes" in info
    # a corrupted binary is reported, and rebuilt (never loaded) at the next use
    so = next(line.split()[1] for line in info.splitlines() if line.startswith("so "))
    with open(so, "r+b") as f:
        f.seek(100)
        flipped = bytes(b ^ 0xFF for b in f.read(4))
        f.seek(100)
        f.write(flipped)
    assert "verified   NO" in cli(tmp_path, env, "info", key[:10]).stdout
    assert py(tmp_path, env, "import first; print(first.f(41))").strip() == "42"
    assert "verified   yes" in cli(tmp_path, env, "info", key[:10]).stdout
    # prune to about two entries' size: the least recently used (second.g) goes
    sizes = sorted(int(line.split("(")[1].split()[0]) for line in
                   [cli(tmp_path, env, "info", line.split()[0]).stdout.split("size")[1].splitlines()[0]
                    for line in lines])
    r = cli(tmp_path, env, "prune", "--max-size", str(sizes[-1] + sizes[-2] + 10))
    assert r.stdout.startswith("removed 1 entries"), r.stdout
    assert [line.split()[-1] for line in cli(tmp_path, env, "list").stdout.splitlines()[1:]] == ["first.f", "third.h"]
    assert cli(tmp_path, env, "clear").stdout.strip() == "removed 2 entries"
    assert "(0 entries" in cli(tmp_path, env, "list").stdout
    assert py(tmp_path, env, "import second; print(second.g(1.5))").strip() == "3.0"  # rebuilt


def test_bad_arguments(tmp_path):
    env = setup_modules(tmp_path)
    r = cli(tmp_path, env, "prune", "--max-size", "lots")
    assert r.returncode != 0 and "--max-size takes a size such as 500M" in r.stdout + r.stderr
    r = cli(tmp_path, env, "info", "ffff")
    assert r.returncode == 2 and "no cache entries match 'ffff'" in r.stderr
