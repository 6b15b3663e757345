"""The documented wheel build (examples/wheelpkg: setup(cmdclass=pyrite.setuptools.cmdclass())):
the wheel carries the compiled kernels, is tagged for this platform, and the installed package
runs on a machine with no C++ compiler (an empty PATH), compiling nothing."""
import glob
import os
import shutil
import subprocess
import sys
import zipfile

from difftest import sanitizer_env

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "examples", "wheelpkg")


def test_example_wheel_ships_compiled_kernels(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(EXAMPLE, src)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-build-isolation", "--no-deps",
                            "-w", str(tmp_path / "dist"), "-q"], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = glob.glob(str(tmp_path / "dist" / "*.whl"))
    assert "-none-any" not in wheel and "linux" in os.path.basename(wheel) or sys.platform != "linux"
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".so") and "fastkernels/__pyrite__/kernels." in n for n in names), names
    assert any(n.endswith("fastkernels/__pyrite__/kernels.pyi") for n in names)
    site = tmp_path / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), wheel, "-q"],
                          capture_output=True, text=True, timeout=300)
    assert inst.returncode == 0, inst.stderr
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    # pyrite and numpy from this interpreter's site-packages; the package from the wheel; no compiler
    env = {"HOME": str(tmp_path), "PATH": str(empty), "PYTHONPATH": str(site),
           "PYRITE_CACHE_DIR": str(tmp_path / "cache"), **sanitizer_env()}
    run = subprocess.run([sys.executable, "-c",
                          "import numpy as np, fastkernels\n"
                          "print(fastkernels.collatz_len(27), fastkernels.smooth(np.array([0.0, 4.0, 0.0, 4.0]), 2))"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "111 [0.  1.5 2.5 4. ]"
    assert not (tmp_path / "cache" / "v1").exists()
