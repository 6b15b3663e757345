"""The pyrite command.

    pyrite check FILE...           every diagnostic of every @accelerate function, with file:line:col
                                   and a caret (exit 1 on errors); no C++ compile; prints its time
    pyrite cpp FILE                the generated C++ translation unit
    pyrite ir FILE --print-after PASS   the IR after a pass (see `pyrite passes`)
    pyrite passes                  the pass pipeline, in order
    pyrite compile FILE... [-o DIR] [--emit-cpp DIR] [-j N]
                                   ahead of time: each FILE's @accelerate functions into
                                   DIR/__pyrite__/ (default: beside FILE), picked up at import
                                   with no compiler; a .pyi of their signatures beside them
    pyrite annotate FILE [-o report.html]
                                   one HTML page: the source, each compiled line shaded by its C++
                                   and run-time checks, inferred types on hover, the C++ under it
    pyrite cache list              every cache entry: key, size, last use, functions
    pyrite cache info KEY          one entry (a key prefix will do): paths, sources, meta, verified?
    pyrite cache clear             delete every entry
    pyrite cache prune --max-size SIZE
                                   delete least recently used entries until the cache fits (100M, 2G)
    pyrite compare FILE::FN [-n N] [--seed S] [--timeout SECONDS] [--max-int M] [--max-size S]
                                   N generated inputs (hypothesis, from FN's annotations) run
                                   compiled and interpreted; the first divergence is shrunk and
                                   printed with a reproducer (exit 1), else exit 0. FILE is
                                   imported (its top-level code runs, as `import` runs it; code
                                   under `if __name__ == "__main__":` does not); each input runs
                                   in a worker process, and one slower than the timeout is skipped
"""
import argparse
import os
import sys

from .loader import load_accelerated as _load_accelerated


def main(argv=None):
    from . import compiler
    from .capture import Captured
    from .errors import CompileError

    from ._version import __version__
    parser = argparse.ArgumentParser(prog="pyrite", description="pyrite: compile annotated Python to C++")
    parser.add_argument("--version", action="version", version=f"pyrite {__version__}")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("check", help="report every diagnostic (frontend and type inference, no C++ compile)")
    p.add_argument("files", nargs="+", metavar="FILE")
    for name, help_text in (("cpp", "print the generated C++"), ("ir", "print the IR after a pass")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file")
        if name == "ir":
            p.add_argument("--print-after", default="typeinfer", metavar="PASS")
            p.add_argument("--verify", action="store_true", help="run the IR verifier after every pass")
    sub.add_parser("passes", help="list the passes")
    p = sub.add_parser("compile", help="compile ahead of time into __pyrite__/ beside the source")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("-o", dest="out_dir", default=None, help="put __pyrite__/ here instead of beside each FILE")
    p.add_argument("--emit-cpp", metavar="DIR", default=None,
                   help="also write the C++ and a CMakeLists.txt that builds it by hand")
    p.add_argument("-j", dest="jobs", type=int, default=os.cpu_count() or 1, help="modules compiled at once")
    p.add_argument("--signature", action="append", default=[], metavar="'NAME(f64[:, :], ...)'",
                   help="a specialization of a function with NDArray parameters to build (repeatable)")
    p = sub.add_parser("annotate", help="an HTML report of the source with its types and C++")
    p.add_argument("file")
    p.add_argument("-o", dest="out", default=None, help="the report (default: FILE's name with .html)")
    p = sub.add_parser("cache", help="list, inspect, clear or prune the disk cache")
    csub = p.add_subparsers(dest="cache_command", required=True)
    csub.add_parser("list", help="every entry")
    ci = csub.add_parser("info", help="one entry")
    ci.add_argument("key")
    csub.add_parser("clear", help="delete every entry")
    cp = csub.add_parser("prune", help="delete least recently used entries until the cache fits")
    cp.add_argument("--max-size", required=True, help="bytes, or with K, M, G: 500M")
    p = sub.add_parser("compare", help="run generated inputs compiled and interpreted, report divergences")
    p.add_argument("target", metavar="FILE::FN")
    p.add_argument("-n", type=int, default=200, help="how many inputs (default 200)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="the time one input may take, compiled and interpreted (default 5, "
                        "PYRITE_COMPARE_TIMEOUT); a slower one is skipped and counted")
    p.add_argument("--max-int", type=int, default=None, metavar="M", help="draw every int from [-M, M]")
    p.add_argument("--max-size", dest="max_size", type=int, default=None, metavar="S",
                   help="at most S items in a container or string, S per array side")
    args = parser.parse_args(argv)

    if args.command is None:  # `pyrite` alone: what it can do
        parser.print_help()
        return 0
    if args.command == "passes":
        print("\n".join(compiler.core().passes()))
        return 0
    if args.command == "compare":
        if args.timeout is None:
            from .compare_run import default_limit
            args.timeout = default_limit()
        return _compare(args)
    if args.command == "cache":
        return _cache(args)
    if args.command == "check":
        return _check(args)
    if args.command == "compile":
        return _compile(args)
    if args.command == "annotate":
        from . import annotate
        out = args.out or os.path.splitext(args.file)[0] + ".html"
        _, failed = annotate.annotate(args.file, out)
        print(f"wrote {out}")
        if failed:  # the report shows the errors at their lines; the terminal gets them too
            print(failed, file=sys.stderr)
            return 1
        return 0
    fns = _load_accelerated(args.file)
    captured = Captured([d.py_func for d in fns])
    try:
        if args.command == "ir":
            sys.stdout.write(compiler.translate(captured, args.print_after, verify=args.verify)["ir"])
        else:
            cpp, _ = compiler.generate(captured, "0" * 40)
            sys.stdout.write(cpp)
    except CompileError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


def _compare(args):
    """pyrite compare FILE::FN: hypothesis inputs from the annotations, both ways."""
    from . import strategies
    path, sep, name = args.target.partition("::")
    if not sep or not name:
        print(f"pyrite: write the function as FILE::FN (got {args.target!r})", file=sys.stderr)
        return 2
    fns = {d.__name__: d for d in _load_accelerated(path, compilable_only=False)}
    fn = fns.get(name)
    if fn is None:
        print(f"pyrite: {path} has no @accelerate function {name!r} (it has: {', '.join(sorted(fns))})",
              file=sys.stderr)
        return 2
    overrides = getattr(fn, "strategies", None) or getattr(fn.py_func, "strategies", None)
    try:
        inputs = strategies.for_function(fn.py_func, strategies.Bounds(args.max_int, args.max_size), overrides)
    except TypeError as e:
        print(f"pyrite: {e}", file=sys.stderr)
        return 2
    import warnings
    warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's overflow warnings, both ways
    from .compare_run import run_inputs
    runs, skipped, found = run_inputs(fn, inputs, args.n, args.seed, args.timeout)
    if found:
        text, call_args = found
        print(text)
        print("\nreproducer (shrunk by hypothesis):\n")
        print(strategies.reproducer(path, name, call_args))
        return 1
    slow = f"; {skipped} skipped, slower than {args.timeout:g} s (raise it with --timeout)" if skipped else ""
    print(f"{path}::{name}: {runs} inputs, compiled and interpreted agree on all{slow}")
    return 0


def _size(text):
    units = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    t = text.strip().upper().removesuffix("IB").removesuffix("B") if text.strip().upper() not in ("B",) else "0"
    num = t.rstrip("KMGT")
    unit = t[len(num):]
    try:
        return int(float(num) * units[unit])
    except (ValueError, KeyError):
        raise SystemExit(f"pyrite: --max-size takes a size such as 500M or 2G, not {text!r}")


def _human(n):
    for unit in ("B", "K", "M", "G"):
        if n < 1024 or unit == "G":
            return f"{n:.0f}{unit}" if unit == "B" else f"{n:.1f}{unit}"
        n /= 1024


def _cache(args):
    """pyrite cache list|info|clear|prune: the disk cache (pyrite/cache.py)."""
    import time
    from . import cache
    entries = [cache.describe(k) for k, _, _ in cache.entries()]
    entries = [e for e in entries if e]
    if args.cache_command == "list":
        print(f"cache: {os.path.join(cache.root(), cache.LAYOUT)}  ({len(entries)} entries, "
              f"{_human(sum(e['bytes'] for e in entries))})")
        for e in sorted(entries, key=lambda e: -e["last_used"]):
            used = time.strftime("%Y-%m-%d %H:%M", time.localtime(e["last_used"]))
            quick = "  (quick build: clang's, until GCC's is made)" if e.get("tier") == "quick" else ""
            print(f"{e['key'][:16]}  {_human(e['bytes']):>7}  used {used}  {e.get('functions', '?')}{quick}")
        return 0
    if args.cache_command == "info":
        found = [e for e in entries if e["key"].startswith(args.key)]
        if len(found) != 1:
            print(f"pyrite: {'no' if not found else len(found)} cache entries match {args.key!r}", file=sys.stderr)
            return 2
        e = found[0]
        ok = cache.lookup(e["key"]) is not None
        for field in ("key", "functions", "sources", "version", "so", "cpp", "meta"):
            print(f"{field:10} {e.get(field, '?')}")
        print(f"{'tier':10} {e.get('tier', 'full')}")
        print(f"{'size':10} {_human(e['bytes'])} ({e['bytes']} bytes)")
        print(f"{'created':10} {time.ctime(e['created']) if e['created'] else '?'}")
        print(f"{'last used':10} {time.ctime(e['last_used'])}")
        print(f"{'verified':10} {'yes: the .so matches its digest' if ok else 'NO: rebuilt at the next use, never loaded'}")
        return 0
    if args.cache_command == "clear":
        for e in entries:
            cache.remove(e["key"])
        orphans = cache.remove_orphans(failed_too=True)
        print(f"removed {len(entries)} entries" + (f" and {orphans} files killed compiles left" if orphans else ""))
        return 0
    limit = _size(args.max_size)
    cache.remove_orphans()
    total = sum(e["bytes"] for e in entries)
    removed = 0
    for e in sorted(entries, key=lambda e: e["last_used"]):  # least recently used first
        if total <= limit:
            break
        cache.remove(e["key"])
        total -= e["bytes"]
        removed += 1
    print(f"removed {removed} entries; the cache holds {_human(total)} in {len(entries) - removed}")
    return 0


def _compile(args):
    """pyrite compile FILE...: one line per module as it finishes, modules in parallel
    (each C++ compile is its own process, so threads keep both cores busy)."""
    from concurrent.futures import ThreadPoolExecutor
    from . import aot
    from .errors import CompileError, ToolchainError
    status = 0
    emit = args.emit_cpp
    for f in args.files:
        if not os.path.exists(f):
            print(f"pyrite: {f}: no such file", file=sys.stderr)
            return 2
    # importing runs user code: import (and check) every module first, in order
    loaded = {}
    for f in args.files:
        try:
            loaded[f] = _load_accelerated(f, compilable_only=False)
        except SystemExit as e:
            print(e, file=sys.stderr)
            return 2
    tty = sys.stdout.isatty()
    done = [0]

    signatures = {}
    for text in args.signature:
        try:
            name, arrays = aot.parse_signature(text)
        except SystemExit as e:
            print(e, file=sys.stderr)
            return 2
        signatures.setdefault(name, []).append(arrays)
    known = {d.__name__ for fns in loaded.values() for d in fns}
    if set(signatures) - known:
        print(f"pyrite: --signature names no @accelerate function of these files: "
              f"{', '.join(sorted(set(signatures) - known))}", file=sys.stderr)
        return 2

    def one(f):
        try:
            mine = {n: s for n, s in signatures.items() if any(d.__name__ == n for d in loaded[f])}
            aot.compile_file(f, args.out_dir, os.path.join(emit, os.path.splitext(os.path.basename(f))[0]) if emit else None,
                             log=lambda line: None, signatures=mine, fns=loaded[f])
            return f, None
        except (CompileError, ToolchainError, SystemExit) as e:
            return f, str(e)

    from concurrent.futures import as_completed
    total = len(args.files)

    def bar():  # on a terminal: a bar under the finished modules' lines, redrawn in place
        if tty:
            width = 30
            filled = width * done[0] // total
            sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done[0]}/{total} modules")
            sys.stdout.flush()

    bar()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(one, f) for f in args.files]
        for fut in as_completed(futures):
            f, error = fut.result()
            done[0] += 1
            prefix = f"[{done[0]}/{total}] "
            if tty:
                sys.stdout.write("\r\033[K")  # clear the bar; the line goes above it
            if error:
                status = 1
                print(f"{prefix}{f}: failed\n{error}", file=sys.stderr, flush=True)
            else:
                print(f"{prefix}{f}: {len(loaded[f])} function(s) compiled", flush=True)
            bar()
    if tty:
        sys.stdout.write("\n")
    return status


def _check_generic(d, compiler, Captured, CompileError):
    """Checks an NDArray function with 1-, 2- and 3-dimensional arrays (each of its annotation's
    dtype, float64 for np.ndarray): true when one of them compiles, else its fewest errors."""
    import typing
    fn = d.py_func
    if d._untyped:  # their types come from each call
        print(f"{d.__name__}: not checked: its parameters {', '.join(sorted(d._untyped))} have no annotation, so "
              "each call compiles it for its arguments' types (pyrite compile --signature names some)", file=sys.stderr)
        return True
    dtypes = {}
    for _, name in d._generic:
        ann, dtype = fn.__annotations__.get(name), "float64"
        try:
            if isinstance(ann, str):
                ann = eval(ann, dict(fn.__globals__))  # noqa: S307 - the user's own annotation
            inner = typing.get_args(typing.get_args(ann)[1]) if len(typing.get_args(ann)) == 2 else ()
            if inner and inner[0] is not typing.Any:
                import numpy as np
                dtype = np.dtype(inner[0]).name
        except Exception:  # noqa: BLE001 - an annotation pyrite reads otherwise: its own diagnostic follows
            pass
        dtypes[name] = dtype
    best = None
    for ndim in (1, 2, 3):
        captured = Captured([fn])
        captured.arrays = {name: (dtype, ndim) for name, dtype in dtypes.items()}
        try:
            compiler.translate(captured)
            return True
        except CompileError as e:
            if best is None or len(e.diagnostics) < len(best[1].diagnostics):
                best = (ndim, e)
    print(f"{d.__name__}: NDArray parameters checked with 1-, 2- and 3-dimensional arrays; none compiles. "
          f"With {best[0]}-dimensional ones:", file=sys.stderr)
    print(best[1], file=sys.stderr)
    return False


def _check(args):
    """pyrite check FILE...: lowering and type inference of every @accelerate function, every
    diagnostic of every file, and how long it took (editor save hooks run this)."""
    import time
    from . import compiler
    from ._jit import ArrayGeneric
    from .capture import Captured
    from .errors import CompileError
    t0 = time.perf_counter()
    status, total = 0, 0
    for path in args.files:
        try:
            fns = _load_accelerated(path, compilable_only=False)
        except SystemExit as e:
            print(e, file=sys.stderr)
            status = 2 if status == 0 else status
            continue
        generic = [d for d in fns if isinstance(d, ArrayGeneric)]
        fns = [d for d in fns if not isinstance(d, ArrayGeneric)]
        total += len(fns) + len(generic)
        for d in generic:  # its dimensions come from the arguments: OK when some number of them compiles
            if not _check_generic(d, compiler, Captured, CompileError):
                status = 1
        if not fns:
            continue
        try:
            compiler.translate(Captured([d.py_func for d in fns]))
        except CompileError as e:
            print(e, file=sys.stderr)
            status = 1
    elapsed = time.perf_counter() - t0
    verdict = "errors" if status else "OK"
    print(f"checked {total} function(s) in {len(args.files)} file(s) in {elapsed * 1e3:.0f} ms: {verdict}")
    return status
