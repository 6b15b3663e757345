"""Importing a source file the way the program would, and finding its @accelerate functions
(for pyrite's commands: compile, annotate, check, cpp, ir, compare)."""
import importlib
import importlib.util
import os
import sys


def load_accelerated(path, compilable_only=True):
    """Imports FILE and returns its @accelerate functions in definition order."""
    from ._dispatch import Dispatcher
    from ._jit import ArrayGeneric
    from .reference import unwrap as _unwrap
    if not os.path.exists(path):
        raise SystemExit(f"pyrite: {path}: no such file")
    path = os.path.abspath(path)
    # imported under the name `import` would give it (pkg.sub.mod inside packages), so that
    # its functions' __module__, part of their keys, is what the program itself will see
    root, name = os.path.dirname(path), os.path.splitext(os.path.basename(path))[0]
    while os.path.exists(os.path.join(root, "__init__.py")):
        root, pkg = os.path.split(root)
        name = f"{pkg}.{name}"
    sys.path.insert(0, root)
    taken = name in sys.modules  # a name this process already uses (builtins.py, types.py): load it apart
    try:
        if taken:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(name)
    except SyntaxError as e:
        raise SystemExit(f"{e.filename}:{e.lineno}:{e.offset}: error: {e.msg}")
    except Exception as e:  # noqa: BLE001 - the user's module failed to import: say so, with its error
        raise SystemExit(f"pyrite: {path}: importing it failed: {type(e).__name__}: {e}")
    if os.path.abspath(getattr(module, "__file__", "") or "") != path:
        raise SystemExit(f"pyrite: {path}: 'import {name}' finds another file ({module.__file__})")
    kinds = (Dispatcher,) if compilable_only else (Dispatcher, ArrayGeneric)
    fns = [_unwrap(v) for v in vars(module).values() if isinstance(_unwrap(v), kinds)]
    fns = [d for d in fns if os.path.abspath(d.py_func.__code__.co_filename) == path]  # not imported ones
    fns.sort(key=lambda d: d.py_func.__code__.co_firstlineno)
    if not fns:
        raise SystemExit(f"pyrite: {path}: no @accelerate functions")
    return fns
