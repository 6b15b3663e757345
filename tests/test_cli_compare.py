"""`pyrite compare FILE::FN -n N`: inputs generated from the annotations (hypothesis), each
run compiled and interpreted; a divergence is shrunk and printed with a reproducer that
runs as it is. Real processes, real files."""
import os
import subprocess
import sys
import textwrap

import pytest

SOURCE = textwrap.dedent("""
    import numpy as np
    from pyrite import accelerate, f64, i8

    @accelerate
    def agree(xs: list[int], k: int, t: tuple[float, str]) -> int:
        s = 0
        for x in xs:
            s += x * k
        return s + len(t[1])

    @accelerate
    def empty_sum(xs: list[float]) -> float:
        return sum(xs)       # documented divergence: sum([]) is 0.0 compiled, 0 interpreted

    @accelerate
    def arrays(a: f64[:, :], b: i8[:]) -> float:
        return float(a.sum()) + float(b.sum())

    def plain(x: int) -> int:
        return x
""")


def run(tmp_path, *args):
    (tmp_path / "subject.py").write_text(SOURCE)
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "pyrite", *args], cwd=tmp_path, capture_output=True, text=True,
                          env=env, timeout=600)


def test_agreeing_functions_exit_zero(tmp_path):
    r = run(tmp_path, "compare", "subject.py::agree", "-n", "60")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "subject.py::agree: 60 inputs, compiled and interpreted agree on all" in r.stdout
    r = run(tmp_path, "compare", "subject.py::arrays", "-n", "40")
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_divergence_is_shrunk_and_reproducible(tmp_path):
    r = run(tmp_path, "compare", "subject.py::empty_sum", "-n", "100")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "empty_sum([]): compiled and interpreted differ" in r.stdout  # shrunk to the empty list
    assert "interpreted returned 0 (int), compiled returned 0.0 (float)" in r.stdout
    script = r.stdout.split("reproducer (shrunk by hypothesis):\n\n", 1)[1]
    (tmp_path / "repro.py").write_text(script)
    again = subprocess.run([sys.executable, "repro.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert "empty_sum([]): compiled and interpreted differ" in again.stdout, again.stderr


@pytest.mark.parametrize("target,message", [
    ("missing.py::f", "missing.py: no such file"),
    ("subject.py::nope", "has no @accelerate function 'nope' (it has: agree, arrays, empty_sum)"),
    ("subject.py", "write the function as FILE::FN"),
])
def test_bad_targets_say_why(tmp_path, target, message):
    r = run(tmp_path, "compare", target)
    assert r.returncode != 0
    assert message in r.stdout + r.stderr
