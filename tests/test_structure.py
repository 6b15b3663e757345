"""The package's structure: its Python modules are layered (a module imports only modules of
lower layers, so there are no import cycles: cli -> aot/annotate -> loader/compare_run -> jit -> compiler/cache/
toolchain -> capture -> leaves; read from the source with ast, function-level imports too), and
the Python copies of the compiler's tables agree with it."""
import ast
import os

import pyrite

LAYERS = [
    # leaves: no pyrite imports but these (C extensions included)
    {"_version", "_types", "_dispatch", "_core", "diagnostics", "_closures", "_replay"},
    {"errors", "strategies", "reference", "parallel"},
    {"capture", "toolchain"},
    {"cache", "compare"},
    {"render", "artifacts"},
    {"compiler", "warmup"},
    {"tiers"},
    {"_jit"},
    {"loader", "compare_run"},
    {"aot", "annotate"},
    {"setuptools"},
    {"cli"},
    {"__init__", "__main__"},
]
LAYER = {m: i for i, layer in enumerate(LAYERS) for m in layer}


def _source_dir():
    # the installed package is what the tests import; its sources are the repository's
    return os.path.dirname(pyrite.__file__)


def _imports(path):
    """The pyrite modules one file imports (from . import x, from .x import y)."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pyrite."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pyrite."))
    return out


def test_every_module_has_a_layer():
    d = _source_dir()
    modules = {f[:-3] for f in os.listdir(d) if f.endswith(".py")}
    assert modules - set(LAYER) == set(), "give each new module a layer in tests/test_layers.py"


def test_modules_import_only_lower_layers():
    d = _source_dir()
    wrong = []
    for f in sorted(os.listdir(d)):
        if not f.endswith(".py"):
            continue
        m = f[:-3]
        for dep in _imports(os.path.join(d, f)):
            if dep not in LAYER:
                continue
            if LAYER[dep] >= LAYER[m]:
                wrong.append(f"{m} (layer {LAYER[m]}) imports {dep} (layer {LAYER[dep]})")
    assert wrong == []


def test_dtype_names_are_the_compilers():
    # pyrite.f64 & co. exist before the compiler is loaded (import pyrite stays light), so
    # _types keeps its own list of names: the compiler's is the reference
    from pyrite import _core, _types
    assert _types.DTYPE_NAMES == dict(_core.dtypes())
    for alias, canonical in [("double", "float64"), ("single", "float32"), ("byte", "int8"), ("ubyte", "uint8"),
                             ("bool_", "bool"), ("intp", "int64"), ("f32", "float32"), ("nonsense", None)]:
        assert _core.dtype_canonical(alias) == canonical


def test_ndarray_alias_annotation_is_checked(tmp_path):
    # NDArray[np.single] fixes the dtype as NDArray[np.float32] does (it once took any float array)
    import numpy as np
    import pytest
    from difftest import load_source
    mod = load_source(tmp_path, "single_alias", (
        "import numpy as np\nfrom numpy.typing import NDArray\nfrom pyrite import accelerate\n"
        "@accelerate\ndef total(a: NDArray[np.single]) -> float:\n    return float(a.sum())\n"))
    assert mod.total(np.ones(3, dtype=np.float32)) == 3.0
    with pytest.raises(TypeError, match="float32"):
        mod.total(np.ones(3))
