"""Ctrl-C during a real compile leaves nothing half-written in the cache: no binary without
its commit mark, no temporary file, and the next run compiles and loads normally."""
import os
import signal
import subprocess
import sys
import textwrap
import time

HEAVY = textwrap.dedent("""
    import numpy as np
    from pyrite import accelerate, f64

    @accelerate
    def heavy(a: f64[:, :], b: f64[:, :]) -> float:
        c = np.sqrt(a * b + 1.0) - np.exp(a) / (b + 2.0)
        d = (c[:, None, :] - c[None, :, :]) ** 2
        e = np.where(a > b, np.minimum(a, b), np.maximum(a, b * 2.0))
        return float(d.sum(axis=2).max() + e.std(axis=0).sum() + (a @ b).sum() + np.cumsum(a, axis=1).var())
""")
RUN = "import numpy as np, heavy\nprint(heavy.heavy(np.ones((3, 3)), np.ones((3, 3))))\n"


def files(cache):
    out = []
    for root, _, names in os.walk(cache):
        out += [os.path.join(root, n) for n in names]
    return out


def test_ctrl_c_during_a_compile_leaves_the_cache_clean(tmp_path):
    (tmp_path / "heavy.py").write_text(HEAVY)
    cache = tmp_path / "cache"
    env = dict(os.environ, PYRITE_CACHE_DIR=str(cache))
    proc = subprocess.Popen([sys.executable, "-c", RUN], cwd=tmp_path, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and not any(".tmp-" in f for f in files(cache)):
        time.sleep(0.01)  # the C++ source is written just before the compiler starts
    assert any(".tmp-" in f for f in files(cache)), "the compile never started"
    time.sleep(0.3)
    assert proc.poll() is None, "the compile finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group, the compiler too
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0 and "KeyboardInterrupt" in err
    left = files(cache)
    assert not [f for f in left if ".tmp-" in f], left
    assert not [f for f in left if f.endswith(".so")], left  # no binary without its commit mark
    assert not [f for f in left if f.endswith(".failed.cpp")], left  # an interrupt is not a pyrite bug
    again = subprocess.run([sys.executable, "-c", RUN], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert float(again.stdout) > 0
    assert [f for f in files(cache) if f.endswith(".meta")]


def test_ctrl_c_stops_a_compiled_loop(tmp_path):
    # a compiled while loop (or range loop, innermost or not, or a loop over itertools.cycle) noticed no SIGINT (still running 10 s later; CPython stops at once):
    # (and a short inner loop, run without chunks, inside a range loop or a loop over a list)
    # loops check a flag the module's handler sets before CPython's, and raise KeyboardInterrupt
    (tmp_path / "spin.py").write_text(
        "import time\n"
        "from pyrite import accelerate\n"
        "@accelerate\n"
        "def spin(n: int) -> int:\n"
        "    while n >= 0:\n"
        "        n = (n * 7 + 1) % 1000003\n"
        "    return n\n"
        "@accelerate\n"
        "def outer(n: int) -> int:\n"
        "    s = 0\n"
        "    for i in range(n):\n"
        "        for j in range(n):\n"
        "            s = (s + i * j) % 1000003\n"
        "    return s\n"
        "@accelerate\n"
        "def inner(n: int) -> int:\n"  # innermost: checked between chunks of 65,536 iterations
        "    s = 0\n"
        "    for i in range(-n, n):\n"
        "        s = (s + i) % 1000003\n"
        "    return s\n"
        "from itertools import cycle\n"
        "@accelerate\n"
        "def cycling(n: int) -> int:\n"  # an itertools iterator may never end: checked every item
        "    s = 0\n"
        "    for x in cycle([1, n]):\n"
        "        if x == 0:\n"
        "            break\n"
        "        s = (s + x) % 1000003\n"
        "    return s\n"
        "@accelerate\n"
        "def short_inner(n: int) -> int:\n"  # a short inner loop runs plain: the outer loop's check covers it
        "    s = 0\n"
        "    for i in range(n):\n"
        "        for j in range(3):\n"
        "            s = (s + i * j) % 1000003\n"
        "    return s\n"
        "@accelerate\n"
        "def rows_loop(n: int) -> int:\n"  # a loop over a list it cannot grow checks when a loop inside runs plain
        "    rows = [[1] * 10000] * n\n"
        "    s = 0\n"
        "    for row in rows:\n"
        "        for k in range(len(row)):\n"
        "            s = (s + row[k] * k) % 1000003\n"
        "    return s\n"
        "for f, arg in ((spin, 5), (outer, 10**9), (inner, 10**15), (cycling, 1), (short_inner, 10**15),\n"
        "               (rows_loop, 10**6)):\n"
        "    f(0) if f is not spin else None\n"
        "    print('start', flush=True)\n"
        "    t = time.time()\n"
        "    try:\n"
        "        f(arg)\n"
        "    except KeyboardInterrupt:\n"
        "        print('interrupted %.2f' % (time.time() - t), flush=True)\n"
        "print(outer(3))\n")  # a Ctrl-C handled earlier does not interrupt a later call
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    p = subprocess.Popen([sys.executable, str(tmp_path / "spin.py")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=env)
    lines = []
    for _ in range(6):
        lines.append(p.stdout.readline().strip())
        assert lines[-1] == "start", (lines, p.stderr.read() if p.poll() is not None else "")
        time.sleep(0.5)
        p.send_signal(signal.SIGINT)
        lines.append(p.stdout.readline().strip())
        assert lines[-1].startswith("interrupted"), lines
        assert float(lines[-1].split()[1]) < 5
    assert p.wait(timeout=60) == 0, p.stderr.read()
    assert p.stdout.read().strip() == "9"  # outer(3), after both interruptions
