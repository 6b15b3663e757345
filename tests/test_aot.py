"""`pyrite compile`: artifacts beside the source that the unchanged decorated module picks up at
import with no C++ compiler present (proved by running it with none on PATH), a .pyi of the
signatures, --emit-cpp with a CMakeLists.txt that builds by hand, stale or corrupt artifacts
never loaded, and clear errors for bad input. Real processes and files."""
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from difftest import sanitizer_env

MOD = textwrap.dedent("""
    import numpy as np
    from pyrite import accelerate, f64

    @accelerate
    def add(a: int, b: int) -> int:
        return a + b

    @accelerate
    def norm(x: f64[:]) -> float:
        return float(np.sqrt((x * x).sum()))

    @accelerate
    def words(text: str) -> dict[str, int]:
        counts = {}
        for w in text.split():
            counts[w] = counts.get(w, 0) + 1
        return counts

    def plain(x):
        return x
""")

OTHER = textwrap.dedent("""
    from pyrite import accelerate

    @accelerate(fastmath=True)
    def dot(xs: list[float], ys: list[float]) -> float:
        s = 0.0
        for i in range(len(xs)):
            s += xs[i] * ys[i]
        return s
""")

USE = ("import mod, numpy as np, pyrite, os\n"
       "print(mod.add(2, 3), mod.norm(np.array([3.0, 4.0])), mod.words('a b a'), mod.add(2 ** 63 - 1, 2 ** 70))\n"
       "print(os.path.basename(os.path.dirname(pyrite.info(mod.add)['so'])))\n")


def pyrite_cli(cwd, *args):
    return subprocess.run([sys.executable, "-m", "pyrite", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def no_compiler_run(cwd, code):
    """Python with an empty PATH and no $CXX: no C++ compiler can be found."""
    empty = cwd / "empty-bin"
    empty.mkdir(exist_ok=True)
    env = {"HOME": str(cwd), "PATH": str(empty), "PYRITE_CACHE_DIR": str(cwd / "cache"), **sanitizer_env()}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "mod.py").write_text(MOD)
    (tmp_path / "other.py").write_text(OTHER)
    return tmp_path


def test_compiled_modules_run_without_a_compiler(project):
    r = pyrite_cli(project, "compile", "mod.py", "other.py")
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.split("\n")[:2]) == ["[1/2] mod.py: 3 function(s) compiled",
                                                  "[2/2] other.py: 1 function(s) compiled"] or \
        sorted(line.split("] ", 1)[1] for line in r.stdout.splitlines()) == [
            "mod.py: 3 function(s) compiled", "other.py: 1 function(s) compiled"]
    art = project / "__pyrite__"
    assert len(list(art.glob("*.so"))) == 2 and len(list(art.glob("*.fn"))) == 4
    for so in art.glob("*.so"):  # the runtime compiled in: an artifact needs no libpyrite_rt.so
        dynamic = subprocess.run(["readelf", "-d", str(so)], capture_output=True, text=True, check=True).stdout
        assert "libpyrite_rt" not in dynamic
    stub = (art / "mod.pyi").read_text()
    assert "def add(a: int, b: int) -> int: ..." in stub
    assert "def norm(x: numpy.ndarray) -> float: ..." in stub
    assert "def words(text: str) -> dict[str, int]: ..." in stub
    out = no_compiler_run(project, USE + "import other\nprint(other.dot([1.0, 2.0], [3.0, 4.0]))\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["5 5.0 {'a': 2, 'b': 1} %d" % (2 ** 63 - 1 + 2 ** 70), "__pyrite__", "11.0"]
    assert not (project / "cache" / "v1").exists() or not any((project / "cache" / "v1").iterdir())  # nothing compiled


def test_stale_or_corrupt_artifacts_are_never_loaded(project):
    assert pyrite_cli(project, "compile", "mod.py").returncode == 0
    # a changed source has another key: the artifact does not apply, and without a compiler that says so
    (project / "mod.py").write_text(MOD.replace("return a + b", "return a + b + 100"))
    out = no_compiler_run(project, "import mod\nprint(mod.add(2, 3))\n")
    assert out.returncode != 0 and "no C++ compiler found" in out.stderr
    env = dict(os.environ, PYRITE_CACHE_DIR=str(project / "cache"))
    fresh = subprocess.run([sys.executable, "-c", "import mod\nprint(mod.add(2, 3))"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert fresh.stdout.strip() == "105"  # the JIT compiled the new source
    # a corrupted extension fails its digest and is not loaded
    (project / "mod.py").write_text(MOD)
    assert pyrite_cli(project, "compile", "mod.py").returncode == 0
    so = next((project / "__pyrite__").glob("mod.*.so"))
    data = bytearray(so.read_bytes())
    data[200] ^= 0xFF
    so.write_bytes(bytes(data))
    out = no_compiler_run(project, "import mod\nprint(mod.add(2, 3))\n")
    assert out.returncode != 0 and "no C++ compiler found" in out.stderr


def test_emit_cpp_builds_by_hand_with_cmake(project):
    r = pyrite_cli(project, "compile", "mod.py", "--emit-cpp", "emitted")
    assert r.returncode == 0, r.stderr
    d = project / "emitted" / "mod"
    cmake_lists = (d / "CMakeLists.txt").read_text()
    assert "Python_add_library" in cmake_lists and "-march=x86-64-v2" in cmake_lists
    cpp = next(d.glob("*.cpp"))
    assert '#line' in cpp.read_text()
    if shutil.which("cmake") and shutil.which("ninja"):
        build = subprocess.run(["cmake", "-S", str(d), "-B", str(d / "build"), "-G", "Ninja",
                                f"-DPython_EXECUTABLE={sys.executable}"], capture_output=True, text=True)
        assert build.returncode == 0, build.stderr
        build = subprocess.run(["cmake", "--build", str(d / "build")], capture_output=True, text=True)
        assert build.returncode == 0, build.stdout + build.stderr
        assert list((d / "build").glob("_pyrite_*.so"))


@pytest.mark.parametrize("source,message", [
    (None, "nothing.py: no such file"),
    ("def f(:\n", "nothing.py:1:7: error: invalid syntax"),
    ("raise RuntimeError('boom')\n", "nothing.py: importing it failed: RuntimeError: boom"),
    ("def f(x):\n    return x\n", "nothing.py: no @accelerate functions"),
    ("from pyrite import accelerate\n\n@accelerate\ndef f(x, y: int):\n    return y\n",
     "f takes NDArray/np.ndarray parameters, whose dimensions (or unannotated parameters, whose types) are known "
     "only at a call"),
    ("from pyrite import accelerate\n\n@accelerate\ndef f(x: memoryview, y: int):\n    return y\n",
     "nothing.py:4:10: error: unsupported type annotation 'memoryview'"),
    ("import numpy.typing as npt\nimport numpy as np\nfrom pyrite import accelerate\n\n@accelerate\n"
     "def g(a: npt.NDArray[np.float64]) -> float:\n    return 1.0\n",
     "g takes NDArray/np.ndarray parameters"),
])
def test_bad_input(project, source, message):
    if source is not None:
        (project / "nothing.py").write_text(source)
    r = pyrite_cli(project, "compile", "nothing.py")
    assert r.returncode != 0
    assert message in r.stderr, r.stderr


def test_progress_bar_on_a_terminal_plain_lines_otherwise(project):
    script = shutil.which("script")  # util-linux: runs a command on a pseudo-terminal
    assert script
    r = subprocess.run([script, "-qc", f"{sys.executable} -m pyrite compile mod.py other.py", "/dev/null"],
                       cwd=project, capture_output=True, text=True, timeout=600)
    assert "[" + "#" * 30 + "] 2/2 modules" in r.stdout, r.stdout
    assert "[..............................] 0/2 modules" in r.stdout
    plain = pyrite_cli(project, "compile", "mod.py", "other.py")
    assert "#" not in plain.stdout and len(plain.stdout.splitlines()) == 2


GENERIC = textwrap.dedent("""
    import numpy as np
    import numpy.typing as npt
    from pyrite import accelerate

    @accelerate
    def total(a: npt.NDArray[np.float64]) -> float:
        return float(a.sum())
""")


def test_signatures_build_ndarray_specializations(project):
    (project / "gen.py").write_text(GENERIC)
    r = pyrite_cli(project, "compile", "gen.py")
    assert r.returncode == 1 and "list the specializations to build with --signature" in r.stderr
    r = pyrite_cli(project, "compile", "gen.py", "--signature", "total(f64[:])", "--signature", "total(f64[:, :])")
    assert r.returncode == 0, r.stderr
    out = no_compiler_run(project, "import gen, numpy as np\n"
                                   "print(gen.total(np.arange(4.0)), gen.total(np.ones((2, 3))))\n"
                                   "try:\n    gen.total(np.ones((2, 2, 2)))\n"
                                   "except Exception as e:\n    print(type(e).__name__)\n")
    assert out.stdout.split() == ["6.0", "6.0", "ToolchainError"], out.stderr  # 3-d was not built
    for bad, message in [("nope(f64[:])", "--signature names no @accelerate function"),
                         ("total(f65[:])", "'f65' is not a dtype name"), ("total", "write NAME(f64[:, :], ...)")]:
        r = pyrite_cli(project, "compile", "gen.py", "--signature", bad)
        assert r.returncode != 0 and message in r.stderr, r.stderr


def test_signatures_build_specializations_of_unannotated_parameters(project):
    (project / "untyped.py").write_text(textwrap.dedent("""
        from pyrite import accelerate

        @accelerate
        def scale(xs, k):
            return [x * k for x in xs]
    """))
    r = pyrite_cli(project, "compile", "untyped.py", "--signature", "scale(list[float], int)",
                   "--signature", "scale(list[str], int)")
    assert r.returncode == 0, r.stderr
    out = no_compiler_run(project, "import untyped\n"
                                   "print(untyped.scale([1.5], 2), untyped.scale(['a'], 2))\n"
                                   "try:\n    untyped.scale([1], 2)\n"
                                   "except Exception as e:\n    print(type(e).__name__)\n")
    assert out.stdout.split("\n")[:2] == ["[3.0] ['aa']", "ToolchainError"], out.stderr  # list[int]: not built
    r = pyrite_cli(project, "compile", "untyped.py", "--signature", "scale(list[float])")
    assert r.returncode != 0 and "gives 1 types; it has 2 NDArray or unannotated parameter(s)" in r.stderr


def test_stub_and_decorated_functions_type_check(project):
    # the .pyi stays in __pyrite__/ (beside the module it would hide every other name from a
    # type checker), imports only what it uses, and mypy reads it clean; @accelerate keeps a
    # function's own signature for type checkers (pyrite ships py.typed)
    mypy = pytest.importorskip("mypy.api")
    assert pyrite_cli(project, "compile", "mod.py").returncode == 0
    stub = project / "__pyrite__" / "mod.pyi"
    assert "Optional" not in stub.read_text() or "Optional[" in stub.read_text()
    out, err, status = mypy.run([str(stub), "--no-incremental", "--cache-dir", str(project / ".mypy")])
    assert status == 0, out + err
    (project / "use.py").write_text(
        "from pyrite import accelerate\n\n"
        "@accelerate\n"
        "def twice(x: float) -> float:\n"
        "    return 2 * x\n\n"
        "y: float = twice(1.5)\n"
        "z: str = twice(1.5)\n")
    out, err, status = mypy.run([str(project / "use.py"), "--no-incremental", "--cache-dir", str(project / ".mypy")])
    assert status == 1 and 'Incompatible types in assignment (expression has type "float", variable has type "str")' in out, out
    assert out.count("error:") == 1, out


def test_classes_compile_ahead_of_time(tmp_path):
    (tmp_path / "geom.py").write_text(textwrap.dedent("""
        from dataclasses import dataclass
        from pyrite import accelerate

        @dataclass
        class P:
            x: float
            y: float

        @accelerate
        def mid(a: P, b: P) -> P:
            return P((a.x + b.x) / 2, (a.y + b.y) / 2)
    """))
    r = pyrite_cli(tmp_path, "compile", "geom.py")
    assert r.returncode == 0, r.stderr
    assert "from geom import P" in (tmp_path / "__pyrite__" / "geom.pyi").read_text()
    out = no_compiler_run(tmp_path, "import geom\nm = geom.mid(geom.P(0, 0), geom.P(2, 3))\n"
                                    "print(m, type(m) is geom.P)\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == "P(x=1.0, y=1.5) True"
