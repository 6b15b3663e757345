"""`pyrite annotate FILE -o report.html`: one self-contained page with the source, each compiled
line shaded by its C++ and run-time checks, the inferred types on hover, the C++ folded under
it. Checked as text, then loaded in headless Chromium (Debian's chromium, which ./dev installs):
the rendered DOM and a screenshot."""
import os
import re
import shutil
import subprocess
import sys
import textwrap

SOURCE = textwrap.dedent("""
    import numpy as np
    from pyrite import accelerate, f64

    @accelerate
    def total(xs: list[int]) -> int:
        s = 0
        for x in xs:
            s += x * x
        return s

    @accelerate
    def scale(a: f64[:], k: float) -> f64[:]:
        return np.sqrt(a * k + 1.0)

    def untouched(x):
        return x
""")


def make_report(tmp_path):
    (tmp_path / "subject.py").write_text(SOURCE)
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-m", "pyrite", "annotate", "subject.py", "-o", "report.html"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "wrote report.html"
    return tmp_path / "report.html"


def test_report_content(tmp_path):
    page = make_report(tmp_path).read_text()
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page  # self-contained
    # the loop body: checked int arithmetic, so shaded and counted; its C++ folded under it
    line = re.search(r"<details><summary><div class='line fn' style='([^']*)' data-line='9' data-checks='(\d+)'>"
                     r".*?s \+= x \* x.*?</summary><pre class='cpp'>(.*?)</pre>", page, re.S)
    assert line, page
    assert int(line.group(2)) >= 2 and "rgba(" in line.group(1)
    assert "pyrite::add(" in line.group(3) and "pyrite::mul(" in line.group(3)
    assert "class='types'>s: int, x: int</span>" in page
    assert "class='types'>return: f64[:], a: f64[:], k: float</span>" in page or "a: f64[:]" in page
    assert "pyrite::np::zip_fn&lt;double&gt;" in page  # the fused array expression
    # lines outside compiled functions carry nothing
    assert re.search(r"<div class='line' style='' data-line='17' data-checks='0'><span class='no'>17</span>"
                     r"<span class='code'>    return x</span></div>", page)


def test_report_renders_in_headless_chromium(tmp_path):
    report = make_report(tmp_path)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is needed for this test: ./dev setup installs it (apt-get install chromium)"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}  # ./dev test --sanitize preloads ASan: not into Chromium
    dom = subprocess.run([chromium, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120, env=env)
    assert "pyrite annotate: subject.py" in dom.stdout, dom.stderr[-2000:]
    assert "data-line='9'" in dom.stdout.replace('"', "'")
    shot = tmp_path / "report.png"
    subprocess.run([chromium, *flags, "--window-size=1100,800", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, text=True, timeout=120, env=env)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


VERSIONED = textwrap.dedent("""
    from pyrite import accelerate, f64

    @accelerate
    def stencil(u: f64[:, :], v: f64[:, :]) -> None:
        for i in range(1, u.shape[0] - 1):
            for j in range(1, u.shape[1] - 1):
                v[i, j] = u[i - 1, j] + u[i + 1, j] - 2.0 * u[i, j]

    @accelerate
    def broken(x: int) -> int:
        y = x.nosuch
        return y
""")


def test_versioned_loops_counts_by_kind_and_errors_in_place(tmp_path):
    (tmp_path / "subject.py").write_text(VERSIONED)
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"))
    r = subprocess.run([sys.executable, "-m", "pyrite", "annotate", "subject.py", "-o", "report.html"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    # a function that does not compile: the report is still written, its error at its line
    assert r.returncode == 1 and r.stdout.strip() == "wrote report.html" and "nosuch" in r.stderr
    page = (tmp_path / "report.html").read_text()
    assert re.search(r"<div class='line error'>.*?\^ error: .*nosuch", page), page
    # the stencil's innermost line: shaded and counted by the check-free copy, which is what runs
    line = re.search(r"data-line='8' data-checks='(\d+)'>.*?</summary><pre class='cpp'>(.*?)</pre>", page, re.S)
    assert line, page
    assert int(line.group(1)) == 0, line.group(0)[:400]
    cpp = line.group(2)
    assert "// check-free copy: runs when the loop's guards hold before it starts" in cpp
    assert re.search(r"// checked copy: runs otherwise \(\d+ checks\)", cpp)
    assert not cpp.lstrip().startswith("}")  # each copy starts at its own statement, dedented
    # a line with checks says how many, and which
    assert re.search(r"<span class='checks'>\d+ checks?: (\d+ overflow|\d+ bounds)", page), page
