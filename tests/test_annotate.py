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
