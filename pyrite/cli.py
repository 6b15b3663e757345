"""The pyrite command.

    pyrite check FILE              diagnostics for every @accelerate function (exit 1 on errors)
    pyrite cpp FILE                the generated C++ translation unit
    pyrite ir FILE --print-after PASS   the IR after a pass (see `pyrite passes`)
    pyrite passes                  the pass pipeline, in order
"""
import argparse
import importlib.util
import os
import sys


def _load_accelerated(path):
    """Imports FILE and returns its @accelerate functions in definition order."""
    from ._dispatch import Dispatcher
    if not os.path.exists(path):
        raise SystemExit(f"pyrite: {path}: no such file")
    path = os.path.abspath(path)
    name = "_pyrite_cli_" + os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec.loader.exec_module(module)
    except SyntaxError as e:
        raise SystemExit(f"{e.filename}:{e.lineno}:{e.offset}: error: {e.msg}")
    fns = [v for v in vars(module).values() if isinstance(v, Dispatcher)]
    fns.sort(key=lambda d: d.py_func.__code__.co_firstlineno)
    if not fns:
        raise SystemExit(f"pyrite: {path}: no @accelerate functions")
    return fns


def main(argv=None):
    from . import compiler
    from .capture import Captured
    from .errors import CompileError

    parser = argparse.ArgumentParser(prog="pyrite", description="pyrite: compile annotated Python to C++")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("check", "report every diagnostic"), ("cpp", "print the generated C++"),
                            ("ir", "print the IR after a pass")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file")
        if name == "ir":
            p.add_argument("--print-after", default="typeinfer", metavar="PASS")
    sub.add_parser("passes", help="list the passes")
    args = parser.parse_args(argv)

    if args.command == "passes":
        print("\n".join(compiler.core().passes()))
        return 0
    fns = _load_accelerated(args.file)
    captured = Captured([d.py_func for d in fns])
    try:
        if args.command == "check":
            compiler.translate(captured)
            print(f"{args.file}: {len(fns)} function(s) OK")
        elif args.command == "ir":
            sys.stdout.write(compiler.translate(captured, args.print_after)["ir"])
        else:
            cpp, _ = compiler.generate(captured, "0" * 40)
            sys.stdout.write(cpp)
    except CompileError as e:
        print(e, file=sys.stderr)
        return 1
    return 0
