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


SLOW = textwrap.dedent("""
    from hypothesis import strategies as st
    from pyrite import accelerate

    @accelerate
    def tri(n: int) -> int:
        s = 0
        for i in range(n):
            s += i
        return s

    @accelerate
    def spin(k: int) -> int:
        # k is not a count pyrite can see: large ones run for ages interpreted
        i = 0
        while i < k:
            i += 1
        return i

    @accelerate
    def spin_small(k: int) -> int:
        i = 0
        while i < k:
            i += 1
        return i

    spin_small.strategies = {"k": st.integers(-5, 50)}  # the user's strategy for one parameter
""")


def test_counts_stay_small_and_slow_inputs_are_skipped(tmp_path):
    (tmp_path / "slow.py").write_text(SLOW)
    env = dict(os.environ)

    def run_slow(*args):
        return subprocess.run([sys.executable, "-m", "pyrite", "compare", *args], cwd=tmp_path, capture_output=True,
                              text=True, env=env, timeout=600)
    r = run_slow("slow.py::tri", "-n", "60")  # n feeds range(): drawn from -1..200, never 2**62
    assert r.returncode == 0, r.stdout + r.stderr
    assert "60 inputs, compiled and interpreted agree on all" in r.stdout and "skipped" not in r.stdout
    r = run_slow("slow.py::spin", "-n", "30", "--timeout", "0.5")  # huge k: skipped and counted, no hang
    assert r.returncode == 0, r.stdout + r.stderr
    assert "skipped, slower than 0.5 s" in r.stdout
    r = run_slow("slow.py::spin", "-n", "30", "--max-int", "1000")  # bounded by the user: none slow
    assert r.returncode == 0 and "skipped" not in r.stdout, r.stdout + r.stderr
    r = run_slow("slow.py::spin_small", "-n", "30", "--timeout", "0.5")
    assert r.returncode == 0 and "30 inputs" in r.stdout and "skipped" not in r.stdout, r.stdout + r.stderr


def test_reports_abbreviate_long_values():
    import pyrite
    from pyrite import accelerate

    def total(xs: list[int]) -> int:
        return sum(xs)
    report = pyrite.compare(accelerate(total), list(range(1003)))
    assert report and len(str(report)) < 600 and " ... " in str(report)
    assert "1002]" in report.text(full=True) and len(report.text(full=True)) > 4000


def test_instances_of_the_programs_classes_are_generated(tmp_path):
    (tmp_path / "shapes.py").write_text(textwrap.dedent("""
        from dataclasses import dataclass
        from pyrite import accelerate

        @dataclass
        class Box:
            w: float
            h: int

        class Node:
            def __init__(self, value: int, next: "Node | None"):
                self.value = value
                self.next = next

        @accelerate
        def area(boxes: list[Box], scale: float) -> float:
            t = 0.0
            for b in boxes:
                b.w *= scale
                t += b.w * b.h
            return t

        @accelerate
        def total(n: Node | None) -> int:
            t = 0
            while n is not None:
                t += n.value % 1000
                n = n.next
            return t
    """))
    for target in ("shapes.py::area", "shapes.py::total"):
        r = subprocess.run([sys.executable, "-m", "pyrite", "compare", target, "-n", "40"], cwd=tmp_path,
                           capture_output=True, text=True, env=dict(os.environ), timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "40 inputs" in r.stdout or "agree" in r.stdout, r.stdout
