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
