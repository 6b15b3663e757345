"""Unsupported or ill-typed Python: CompileError with file:line:col, the line and a caret."""
import os
import textwrap

import pytest

import pyrite


def compile_source(tmp_path, source, name="f"):
    """Writes a module, imports it, calls its function; returns the CompileError text."""
    path = tmp_path / f"mod_{abs(hash(source))}.py"
    path.write_text("from pyrite import accelerate\nimport math\n" + textwrap.dedent(source))
    namespace = {"__name__": path.stem, "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    with pytest.raises(pyrite.CompileError) as e:
        pyrite.build(namespace[name])
    return str(e.value), e.value, str(path)


CASES = [
    # (source, line, col, message fragment)
    ("@accelerate\ndef f(x: memoryview):\n    return x\n", 4, 10, "unsupported type annotation 'memoryview'"),
    # (a name reused for an unrelated value, read apart, is two variables: typeinfer/webs.cpp)
    ("@accelerate\ndef f(x: int):\n    y = 1\n    if x:\n        y = '2'\n    return y\n", 7, 9,
     "'y' is assigned a value of type 'str' here but 'int' at line 5"),
    ("@accelerate\ndef f(x: int) -> float:\n    return x\n", 5, 5, "annotated to return 'float' but returns a value of type 'int'"),
    ("@accelerate\ndef f(x: int):\n    return undefined_name + x\n", 5, 12, "name 'undefined_name' is not defined"),
    ("@accelerate\ndef f(x: int):\n    with open('f') as fh:\n        pass\n", 5, 10, "'io.open' is not supported by pyrite"),
    ("@accelerate\ndef f(x: float):\n    return x << 2\n", 5, 12, "unsupported operand type(s) for <<: 'float' and 'int'"),
    ("@accelerate\ndef f(x: int):\n    return ...\n", 5, 12, "constant of type 'ellipsis' is not supported"),
    ("@accelerate\ndef f(x: int):\n    if x:\n        return 1\n", 5, 5, "'f' can reach the end of its body, returning None, but returns 'int'"),
    ("@accelerate\ndef f(x: int):\n    return max(x, x > 2)\n", 5, 12, "max() of 'int' and 'bool' returns either type"),
    ("@accelerate\ndef f(x: memoryview):\n    return x\n", 4, 10, "unsupported type annotation 'memoryview'"),
    ("@accelerate\ndef f(x: float):\n    return math.nosuch(x)\n", 5, 12, "'math.nosuch' is not supported by pyrite"),
    ("@accelerate\ndef f(x: float):\n    return round(x, 1.5)\n", 5, 12, "no version of round() takes (float, float)"),
    ("@accelerate\ndef f(x: int = 99999999999999999999):\n    return x\n", 4, 16, "a default value beyond 64 bits is not supported"),
    ("@accelerate\ndef f(x: int):\n    for i in range(1.5):\n        pass\n    return x\n", 5, 20,
     "'float' object cannot be interpreted as an integer"),
    ("@accelerate\ndef f(x: int):\n    a, b, c = divmod(x, 2)\n    return a\n", 5, 5, "not enough values to unpack (expected 3, got 2)"),
    ("@accelerate\ndef f(x: int):\n    y = x if x else '1'\n    return y\n", 5, 9, "branches of this conditional expression have types 'int' and 'str'"),
]


@pytest.mark.parametrize("source,line,col,fragment", CASES)
def test_diagnostic(tmp_path, source, line, col, fragment):
    text, err, path = compile_source(tmp_path, source)
    first = text.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{col}: error: "), text
    assert fragment in text, text
    source_line = (open(path).read().splitlines())[line - 1]
    assert text.splitlines()[1] == source_line
    caret = text.splitlines()[2]
    assert caret.index("^") == col - 1, text


def test_all_errors_reported_at_once(tmp_path):
    text, err, _ = compile_source(tmp_path, "@accelerate\ndef f(x: int):\n    a = memoryview(x)\n    b = [*a, ...]\n    return x\n")
    assert len(err.diagnostics) == 2 and "'memoryview' is" in text and "'ellipsis' is not supported" in text


def test_unicode_columns(tmp_path):
    text, _, path = compile_source(tmp_path, "@accelerate\ndef f(é: int):\n    return é + 'ü' + [é]\n")
    assert f"{path}:5:" in text.splitlines()[0]


def test_closure_is_rejected(tmp_path):
    def outer():
        k = 3

        @pyrite.accelerate
        def inner(x: int) -> int:
            return x + k
        return inner
    with pytest.raises(pyrite.CompileError, match="is a closure") as e:
        outer()(1)
    # a location with a column, the def line and a caret under its name
    first, line, caret = str(e.value).splitlines()[:3]
    assert f"{__file__}:" in first and line.strip() == "def inner(x: int) -> int:" and caret.strip() == "^~~~~~~~~"


def test_pyrite_check_cli(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "bad.py"
    path.write_text("from pyrite import accelerate\n@accelerate\ndef f(x: int):\n    return ...\n@accelerate\n"
                    "def g(y):\n    return y\n")
    proc = subprocess.run([sys.executable, "-m", "pyrite", "check", str(path)], capture_output=True, text=True,
                          cwd=str(tmp_path))
    assert proc.returncode == 1
    assert f"{path}:4:12: error: constant of type 'ellipsis' is not supported" in proc.stderr
    # g's parameter takes its type from each call: nothing to check without one
    assert "g: not checked: its parameters y have no annotation" in proc.stderr


def test_pyrite_check_many_files_every_diagnostic_and_its_time(tmp_path):
    import re
    import subprocess
    import sys
    (tmp_path / "good.py").write_text("from pyrite import accelerate\n@accelerate\ndef f(x: int) -> int:\n    return x + 1\n")
    (tmp_path / "bad2.py").write_text("from pyrite import accelerate\n@accelerate\ndef g(x: int) -> int:\n"
                                     "    y = 1.5\n    if x:\n        y = 'a'\n    print(y)\n    return x + z\n")
    proc = subprocess.run([sys.executable, "-m", "pyrite", "check", "good.py", "bad2.py", "missing.py"],
                          capture_output=True, text=True, cwd=str(tmp_path))
    assert proc.returncode == 1
    err = proc.stderr
    assert "missing.py: no such file" in err
    # every diagnostic of the file, each with its location, source line and caret
    assert re.search(r"bad2\.py:6:\d+: error: .*\n        y = 'a'\n\s+\^", err), err
    assert re.search(r"bad2\.py:8:\d+: error: .*'z'", err), err
    m = re.search(r"checked 2 function\(s\) in 3 file\(s\) in (\d+) ms: errors", proc.stdout)
    assert m, proc.stdout
    ok = subprocess.run([sys.executable, "-m", "pyrite", "check", "good.py"], capture_output=True, text=True,
                        cwd=str(tmp_path))
    assert ok.returncode == 0 and ok.stdout.startswith("checked 1 function(s) in 1 file(s) in ")


def test_pyrite_check_checks_ndarray_functions(tmp_path):
    # their dimensions come from the arguments: checked with 1-, 2- and 3-dimensional arrays,
    # OK when one of them compiles, else the diagnostics of the closest
    import subprocess
    import sys
    header = "import numpy as np\nimport numpy.typing as npt\nfrom pyrite import accelerate\n@accelerate\n"
    (tmp_path / "nd_ok.py").write_text(header + "def f(a: npt.NDArray[np.float64]) -> float:\n    return a[0, 1] * 2.0\n")
    (tmp_path / "nd_bad.py").write_text(header + "def g(a: npt.NDArray[np.int32]) -> float:\n    return a.nosuch()\n")
    ok = subprocess.run([sys.executable, "-m", "pyrite", "check", "nd_ok.py"], capture_output=True, text=True,
                        cwd=str(tmp_path))
    assert ok.returncode == 0 and "checked 1 function(s) in 1 file(s)" in ok.stdout, ok.stdout + ok.stderr
    bad = subprocess.run([sys.executable, "-m", "pyrite", "check", "nd_bad.py"], capture_output=True, text=True,
                         cwd=str(tmp_path))
    assert bad.returncode == 1
    assert "g: NDArray parameters checked with 1-, 2- and 3-dimensional arrays; none compiles" in bad.stderr
    assert "nd_bad.py:6:" in bad.stderr and "nosuch" in bad.stderr, bad.stderr


def test_one_diagnostic_per_root_cause(tmp_path):
    # a refused parameter is reported at its def, not again at each use; a generator iterated by a
    # loop compiles (inlined); an obvious rewrite is said
    src = ("from collections import ChainMap\n"
           "def gen(n: int):\n    for i in range(n):\n        yield i\n"
           "@accelerate\ndef f(*args: int, **kw: int) -> int:\n    return len(args) + len(kw)\n"
           "@accelerate\ndef g(n: int) -> int:\n    s = 0\n    for x in gen(n):\n        s += x\n    return s\n"
           "@accelerate\ndef h(n: int) -> int:\n    q = ChainMap()\n    return n\n")
    messages = []
    for name in ("f", "h"):
        text, error, path = compile_source(tmp_path, src, name)
        messages += [d[5] for d in error.diagnostics]
    assert messages == [
        "*args parameters are supported in functions compiled code calls by name, not in a function called from Python",
        "**kwargs parameters are supported in functions compiled code calls by name, not in a function called from "
        "Python",
        "collections.ChainMap is not supported yet: merge the dicts into one ({**a, **b}), or look a key up in each "
        "in turn"], messages
