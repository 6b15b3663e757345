"""pyrite benchmarks: prints ratios, asserts nothing (benchmarks are not tests).

Per kernel: compile time of the first call, run time (the best of 6 runs, made in 3 rounds that
take pyrite, the C++ version and the peers in turn: interleaved), speed-up over CPython and
ratio to hand-written C++ (benchmarks/cpp/kernels.cpp, same flags). Then start-up: first call in a
fresh process with an empty and a warm cache (including `import pyrite`), and per-call overhead
of f(int, float) -> float. Numba and Pythran are compared where installed.

    python benchmarks/run.py [--quick]
"""
import atexit
import operator
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
_scratch = []


def scratch(prefix):
    """A temporary directory, removed when the run ends."""
    d = tempfile.mkdtemp(prefix=prefix)
    _scratch.append(d)
    return d


atexit.register(lambda: [shutil.rmtree(d, ignore_errors=True) for d in _scratch])
os.environ.setdefault("PYRITE_CACHE_DIR", scratch("pyrite-bench-cache-"))
# the kernels are single-threaded: OpenBLAS's idle threads (NumPy's) would otherwise spin on
# the second core after the NumPy runs and slow whatever runs next
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pyrite  # noqa: E402
from pyrite import toolchain  # noqa: E402


def best(f, args, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - t)
    return min(times)


def interleaved(timers, rounds=3):
    """{name: the least of its times} of timers (name -> a function that returns seconds), run in
    turn for `rounds` rounds: this shared machine has slow spells seconds long (the same nbody
    loop took 19 ms in one and 30 ms in the next), which would otherwise fall on one contender."""
    least = {}
    for _ in range(rounds):
        for name, timer in timers.items():
            t = timer()
            least[name] = min(t, least.get(name, t))
    return least


def build_cpp():
    exe = os.path.join(scratch("pyrite-bench-"), "kernels")
    flags = [f for f in toolchain.flags({}) if f != "-fPIC"]
    subprocess.run(toolchain.find_compiler() + flags + [os.path.join(HERE, "cpp", "kernels.cpp"), "-o", exe],
                   check=True)
    return exe


def run_cpp(exe, name, args):
    proc = subprocess.run([exe, name] + [str(a) for a in args], capture_output=True, text=True)
    if proc.returncode == 3:
        return None, None  # no such variant
    proc.check_returncode()
    value, seconds = proc.stdout.split()
    return float(value), float(seconds)


def measure(exe, name, fn, args, py_args, scale, quick, peers=None):
    """A kernel's compile time, its best time, its value (checked against the C++ version's),
    the C++ version's time, and CPython's time (on a smaller input, scaled). With peers (value ->
    {peer: (a function that returns its seconds, or None; a note)}: peer_timer's), also {peer:
    (its best time or None, the note)}, each peer timed in turn with pyrite and the C++ version."""
    t0 = time.perf_counter()
    pyrite.build(fn)
    compile_s = time.perf_counter() - t0
    value = fn(*args)
    cpp_value, _ = run_cpp(exe, name, args)
    assert abs(cpp_value - float(value)) <= 1e-9 * max(1.0, abs(float(value))), (name, value, cpp_value)
    others = peers(value) if peers else {}
    times = interleaved({"pyrite": lambda: best(fn, args, 2), "C++": lambda: run_cpp(exe, name, args)[1],
                         **{peer: timer for peer, (timer, _) in others.items() if timer}})
    t_py = best(pyrite.interpreted(fn), py_args, 1 if quick else 3) * scale
    result = (compile_s, times["pyrite"], value, times["C++"], t_py)
    return result + ({peer: (times.get(peer), note) for peer, (_, note) in others.items()},) if peers else result


def numba_versions(module):
    """The module's accelerated functions as Numba compiles them (numba.njit of the source as
    written, helpers and recursion resolved to each other's Numba versions), or None without Numba."""
    try:
        import numba
    except ImportError:
        return None
    import types
    g = dict(module.__dict__)
    for name, obj in module.__dict__.items():
        py = obj if isinstance(obj, types.FunctionType) else getattr(obj, "__wrapped__", None)  # a helper too
        if isinstance(py, types.FunctionType) and py.__module__ == module.__name__:
            g[name] = numba.njit(types.FunctionType(py.__code__, g, name, py.__defaults__))
    return g


def pythran_kernels(module, kernels):
    """Each kernel of module (name, fn, args, ...) compiled by Pythran on its own, with the helpers it
    calls: {name: the compiled function, or why there is none ('refused': Pythran cannot compile it)},
    or None without Pythran. The source is the one pyrite compiles, its decorators and annotations
    removed (Pythran reads types from its export comments, made from the benchmark's arguments)."""
    try:
        import pythran  # noqa: F401
    except ImportError:
        return None
    import ast
    import concurrent.futures
    import importlib.util
    import inspect
    tree = ast.parse(inspect.getsource(module))
    funcs = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            node.decorator_list = []
            node.returns = None
            for a in node.args.args:
                a.annotation = None
            funcs[node.name] = node
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) and
               not (isinstance(n, ast.ImportFrom) and n.module == "pyrite")]

    def source_of(name, args):
        needed, todo = [], [name]
        while todo:
            f = todo.pop()
            if f in needed:
                continue
            needed.append(f)
            todo += [n.func.id for n in ast.walk(funcs[f]) if isinstance(n, ast.Call) and
                     isinstance(n.func, ast.Name) and n.func.id in funcs]
        body = imports + [funcs[f] for f in reversed(needed)]
        sig = ", ".join(type(a).__name__ for a in args)
        return f"#pythran export {name}({sig})\n" + ast.unparse(ast.Module(body=body, type_ignores=[]))

    out = scratch("pyrite-bench-pythran-")
    suffix = __import__("sysconfig").get_config_var("EXT_SUFFIX")

    def build(kernel):
        name, args = kernel[0], kernel[2]
        src = os.path.join(out, f"pk_{name}.py")
        with open(src, "w") as f:
            f.write(source_of(name, args))
        so = os.path.join(out, f"pk_{name}{suffix}")
        proc = subprocess.run([sys.executable, "-m", "pythran.run", src, "-O2", "-march=native", "-o", so],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            return name, "refused"
        spec = importlib.util.spec_from_file_location(f"pk_{name}", so)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return name, getattr(mod, name)

    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        return dict(pool.map(build, kernels))


def peer_timer(versions, name, args, value):
    """(a function that returns a peer's version's best time, None), its first call (its compile)
    and its value checked here; (that function, '*') where its value is within 1e-9 of pyrite's
    (CPython's) but not the same float; else (None, why there is none): '-' (not installed),
    'refused' (it cannot compile it: Numba says so at the first call), 'differs' (another value)."""
    if versions is None:
        return None, "-"
    f = versions.get(name)
    if not callable(f):
        return None, f or "refused"
    import warnings
    try:
        with warnings.catch_warnings():  # Numba's type-safety warnings on the way to refusing
            warnings.simplefilter("ignore")
            got = f(*args)  # Numba compiles here
    except Exception:  # noqa: BLE001 - the peer refuses the source (lists of lists, f-strings, dicts of str)
        return None, "refused"
    if abs(float(got) - float(value)) > 1e-9 * max(1.0, abs(float(value))):
        return None, "differs"
    # close but not the same float: pyrite's value is CPython's, bit for bit
    return (lambda: best(f, args, 2)), (None if float(got) == float(value) else "*")


def kernels_table(quick):
    import kernels
    exe = build_cpp()
    versions = numba_versions(kernels)
    pythran = pythran_kernels(kernels, kernels.KERNELS)
    print(f"{'kernel':15} {'compile':>9} {'pyrite':>10} {'C++':>10} {'CPython':>10} {'Numba':>10} {'Pythran':>10} "
          f"{'vs CPython':>11} {'vs C++':>7} {'vs Numba':>9} {'vs Pythran':>11} {'vs C++ with overflow checks':>28}")
    for name, fn, args, py_args, scale in kernels.KERNELS:
        compile_s, t_native, value, t_cpp, t_py, peer_times = measure(
            exe, name, fn, args, py_args, scale, quick,
            lambda value: {"Numba": peer_timer(versions, name, args, value), "Pythran": peer_timer(pythran, name, args, value)})
        _, t_checked = run_cpp(exe, name + "_checked", args)
        checked = f"{t_native / t_checked:27.2f}x" if t_checked else f"{'-':>28}"
        cells = []
        for t, why in peer_times.values():
            inexact = "*" if t and why else " "
            cells.append((f"{t * 1e3:7.2f}ms{inexact}" if t else f"{why:>10}", f"{t_native / t:8.2f}x" if t else f"{'-':>9}"))
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t_native * 1e3:8.2f}ms {t_cpp * 1e3:8.2f}ms {t_py * 1e3:8.0f}ms "
              f"{cells[0][0]} {cells[1][0]} {t_py / t_native:10.1f}x {t_native / t_cpp:6.2f}x {cells[0][1]} "
              f"{cells[1][1]:>11} {checked}")
    print("(vs C++, vs Numba and vs Pythran: pyrite's time over theirs, below 1 is faster; Numba's and Pythran's "
          "ints wrap where pyrite's grow; * a result within 1e-9 of CPython's but not the same float: GCC's default "
          "-ffp-contract=fast, which Pythran keeps, fuses a * b + c into one rounding, where pyrite and CPython "
          "round twice)")


def classes_table(quick):
    """The class benchmarks (class_kernels.py): pyrite's plain classes against C++ structs,
    CPython, and Numba's @jitclass versions (numba_classes.py) where Numba can run them."""
    import class_kernels
    try:
        import numba_classes
    except ImportError:
        numba_classes = None
    exe = build_cpp()
    print(f"{'class kernel':15} {'compile':>9} {'pyrite':>10} {'C++':>10} {'CPython':>10} {'Numba':>10} "
          f"{'vs CPython':>11} {'vs C++':>7} {'vs Numba':>9}")
    for name, fn, args, py_args, scale in class_kernels.KERNELS:
        nb = numba_classes.KERNELS.get(name) if numba_classes else None

        def numba_timer(value, nb=nb):
            if nb is None:
                return {"Numba": (None, "-")}
            nb_value = nb(*args)  # compiles
            assert abs(nb_value - float(value)) <= 1e-9 * max(1.0, abs(float(value))), (name, value, nb_value)
            return {"Numba": ((lambda: best(nb, args, 2)), None)}
        compile_s, t_native, value, t_cpp, t_py, peer_times = measure(exe, name, fn, args, py_args, scale, quick,
                                                                       numba_timer)
        t_numba = peer_times["Numba"][0]
        numba_cell = f"{t_numba * 1e3:8.2f}ms" if t_numba else f"{'-':>10}"
        vs_numba = f"{t_native / t_numba:8.2f}x" if t_numba else f"{'-':>9}"
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t_native * 1e3:8.2f}ms {t_cpp * 1e3:8.2f}ms {t_py * 1e3:8.0f}ms "
              f"{numba_cell} {t_py / t_native:10.1f}x {t_native / t_cpp:6.2f}x {vs_numba}")
    print("(vs C++ and vs Numba: pyrite's time over theirs, below 1 is faster; CPython ran a smaller input, scaled)")


def control_table(quick):
    """control_kernels.py: a loop over a generator costs what the same loop written inline costs;
    a try in a hot loop that never raises costs nothing measurable (each against plain_sum);
    raising and catching in a loop against CPython and against C++ written without exceptions.
    Numba cannot catch these exception classes."""
    import control_kernels
    exe = build_cpp()
    print(f"{'control flow':15} {'compile':>9} {'pyrite':>10} {'C++':>10} {'CPython':>10} {'vs CPython':>11} {'vs C++':>7}")
    times = {}
    for name, fn, args, py_args, scale in control_kernels.KERNELS:
        compile_s, t_native, value, t_cpp, t_py = measure(exe, name, fn, args, py_args, scale, quick)
        times[name] = t_native
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t_native * 1e3:8.2f}ms {t_cpp * 1e3:8.2f}ms {t_py * 1e3:8.0f}ms "
              f"{t_py / t_native:10.1f}x {t_native / t_cpp:6.2f}x")
    print(f"the loop over a generator: {times['gen_sum'] / times['plain_sum']:.3f}x the loop written inline "
          f"(bound to a name: {times['gen_object_sum'] / times['plain_sum']:.3f}x; a generator object stepped by "
          f"next(): {times['gen_object_next'] / times['plain_sum']:.3f}x); "
          f"with a try/except/finally, nothing raised: {times['guarded_sum'] / times['plain_sum']:.3f}x")


def functions_table(quick):
    """function_kernels.py: integrate(f, a, b, n) given a compiled function, a lambda and a closure,
    each against the same loop with f inlined by hand; and given a Python function from Python
    (a call through the C API per point), per point against CPython running the same loop."""
    import function_kernels
    print(f"{'functions':15} {'compile':>9} {'pyrite':>10} {'per point':>10} {'vs inline':>10} {'vs CPython':>11}")
    base = None
    for name, fn, args in function_kernels.KERNELS:
        compiled = function_kernels.ACCELERATED.get(name, fn)
        t0 = time.perf_counter()
        pyrite.build(compiled)
        compile_s = time.perf_counter() - t0
        t = best(fn, args, 5)
        (points,) = args
        ref = pyrite.interpreted(compiled)
        small = {"closure": lambda n: ref(n, 1.0), "one_of": lambda n: ref(n, 1.0), "python_fn": lambda n: ref(function_kernels.py_poly, n),
                 "accelerated_fn": lambda n: ref(function_kernels.py_poly, n)}.get(name, ref)
        t_py = best(small, (points // 10,), 1 if quick else 3) * 10
        assert abs(small(1000) - fn(1000)) < 1e-9, name
        per = t / points * 1e9
        if name == "inline":
            base = per
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t * 1e3:8.2f}ms {per:8.2f}ns {per / base:9.2f}x {t_py / t:10.1f}x")


def stdlib_table(quick):
    """stdlib_kernels.py: random and heapq in hot loops, per item, against CPython, C++
    (std::mt19937_64 and std::priority_queue) and Numba (its own random generator; its heapq)."""
    import stdlib_kernels
    exe = build_cpp()
    try:
        import numba
    except ImportError:
        numba = None
    print(f"{'stdlib':15} {'compile':>9} {'pyrite':>10} {'per item':>9} {'vs CPython':>11} {'vs C++':>7} {'vs Numba':>9}")
    for name, fn, args, items, py_args, scale in stdlib_kernels.KERNELS:
        t0 = time.perf_counter()
        pyrite.build(fn)
        compile_s = time.perf_counter() - t0
        t = best(fn, args, 5)
        _, t_cpp = run_cpp(exe, name, args)
        t_py = best(pyrite.interpreted(fn), py_args, 1 if quick else 3) * scale
        vs_numba = "-"
        if numba is not None:
            try:
                jitted = numba.njit(getattr(stdlib_kernels, name + "_py"))
                jitted(*py_args)
                vs_numba = f"{t / best(jitted, args, 5):8.2f}x"
            except Exception:  # noqa: BLE001 - Numba refuses it (collections.deque)
                vs_numba = "refused"
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t * 1e3:8.2f}ms {t / items * 1e9:7.2f}ns {t_py / t:10.1f}x "
              f"{t / t_cpp:6.2f}x {vs_numba:>9}")


def boundary_table(quick):
    """boundary_kernels.py: functions that read the lists Python hands them once; the time is the
    crossing's. Against CPython and Numba (refused: lists of dicts; reflected lists of strs)."""
    import boundary_kernels
    try:
        import numba
    except ImportError:
        numba = None
    n = 20_000 if quick else 100_000
    print(f"{'boundary':15} {'compile':>9} {'pyrite':>10} {'per item':>9} {'vs CPython':>11} {'vs Numba':>9}   ({n} items)")
    for name, fn, arg in boundary_kernels.data(n):
        t0 = time.perf_counter()
        pyrite.build(fn)
        compile_s = time.perf_counter() - t0
        t = best(fn, (arg,), 7)
        t_py = best(getattr(boundary_kernels, name + "_py"), (arg,), 5)
        vs_numba = "-"
        if numba is not None:
            try:
                jitted = numba.njit(getattr(boundary_kernels, name + "_py"))
                jitted(arg)
                vs_numba = f"{t / best(jitted, (arg,), 5):8.3g}x"
            except Exception:  # noqa: BLE001 - Numba refuses it
                vs_numba = "refused"
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t * 1e3:8.2f}ms {t / n * 1e9:7.1f}ns {t_py / t:10.2f}x {vs_numba:>9}")
    print("(vs CPython: CPython's time over pyrite's, above 1 is faster; vs Numba: pyrite's over Numba's)")


def itertools_table(quick):
    """itertools_kernels.py: loops over itertools' iterators against the same loops written out by
    hand (both compiled: the iterator's cost) and against CPython running the itertools version."""
    import itertools_kernels
    print(f"{'itertools':15} {'compile':>9} {'pyrite':>10} {'written out':>12} {'vs written out':>15} {'vs CPython':>11}")
    for name, fn, inline, args, py_args, scale in itertools_kernels.KERNELS:
        t0 = time.perf_counter()
        pyrite.build(fn)
        compile_s = time.perf_counter() - t0
        assert fn(*args) == inline(*args), name
        t, t_inline = best(fn, args, 5), best(inline, args, 5)
        t_py = best(pyrite.interpreted(fn), py_args, 1 if quick else 3) * scale
        print(f"{name:15} {compile_s * 1e3:8.0f}ms {t * 1e3:8.2f}ms {t_inline * 1e3:10.2f}ms {t / t_inline:14.2f}x "
              f"{t_py / t:10.1f}x")


def bigint_table(quick):
    """bigint_kernels.py: calls that stay in 64 bits (compiled throughout) and calls whose int
    leaves them (the compiled attempt, then CPython's run), each against CPython."""
    import bigint_kernels
    print(f"{'int':15} {'fits: pyrite':>13} {'vs CPython':>11} {'leaves: pyrite':>15} {'vs CPython':>11}")
    for name, fn, small, big, reps in bigint_kernels.KERNELS:
        pyrite.build(fn)
        interp = pyrite.interpreted(fn)
        assert fn(*small) == interp(*small), name

        def per_call(f, args):
            return best(lambda *a: [f(*a) for _ in range(reps)], args, 3 if quick else 5) / reps

        t_small, t_small_py = per_call(fn, small), per_call(interp, small)
        row = f"{name:15} {t_small * 1e6:10.2f} us {t_small_py / t_small:10.1f}x"
        if big is not None:
            assert fn(*big) == interp(*big), name
            t_big, t_big_py = per_call(fn, big), per_call(interp, big)
            row += f" {t_big * 1e6:12.2f} us {t_big_py / t_big:10.2f}x"
        print(row)
    print("(a call that leaves 64 bits runs in CPython: its ratio is CPython's time over the compiled "
          "attempt plus CPython's)")


def parallel_table(quick):
    """parallel_kernels.py: prange loops, and whole-array work with parallel=True, on 1 thread and
    on all of this machine's cores, and Numba's (@njit(parallel=True), its own thread pool) on the
    same source."""
    import types

    import parallel_kernels
    try:
        import numba
    except ImportError:
        numba = None
    cores = os.cpu_count()
    print(f"{'prange':12} {'compile':>9} {'1 thread':>10} {f'{cores} threads':>10} {'speed-up':>9} "
          f"{'Numba 1':>10} {f'Numba {cores}':>10} {'vs Numba':>9}")
    before = pyrite.get_num_threads()
    for name, py_fn, args in parallel_kernels.cases(quick):
        fn = pyrite.accelerate(py_fn, parallel=name in parallel_kernels.WHOLE_ARRAY)
        t0 = time.perf_counter()
        pyrite.build(fn)
        compile_s = time.perf_counter() - t0
        times, values = {}, {}
        for n in (1, cores):
            pyrite.set_num_threads(n)
            values[n] = fn(*args)
            times[n] = best(fn, args, 5)
        pyrite.set_num_threads(before)
        assert values[1] == values[cores], "a prange result depends on the thread count"
        numba_cols = f"{'-':>10} {'-':>10} {'-':>9}"
        if numba is not None:
            g = dict(py_fn.__globals__, prange=numba.prange)
            jitted = numba.njit(parallel=True)(types.FunctionType(py_fn.__code__, g, name))
            jitted(*args)
            nt = {}
            for n in (1, cores):
                numba.set_num_threads(n)
                nt[n] = best(jitted, args, 5)
            numba_cols = f"{nt[1] * 1e3:8.2f}ms {nt[cores] * 1e3:8.2f}ms {times[cores] / nt[cores]:8.2f}x"
        print(f"{name:12} {compile_s * 1e3:8.0f}ms {times[1] * 1e3:8.2f}ms {times[cores] * 1e3:8.2f}ms "
              f"{times[1] / times[cores]:8.2f}x {numba_cols}")


STARTUP = textwrap.dedent("""
    import time
    t0 = time.perf_counter()
    import pyrite
    from pyrite import accelerate
    @accelerate
    def axpy(a: int, x: float) -> float:
        return a * x + 1.0
    axpy(2, 3.0)
    print(time.perf_counter() - t0)
""")


def startup_times():
    d = scratch("pyrite-startup-")
    script = os.path.join(d, "startup.py")
    with open(script, "w") as f:
        f.write(STARTUP)
    env = dict(os.environ, PYRITE_CACHE_DIR=os.path.join(d, "cache"))

    def once():
        out = subprocess.run([sys.executable, script], capture_output=True, text=True, env=env, check=True)
        return float(out.stdout.strip())

    empty = once()
    warm = min(once() for _ in range(5))
    print(f"first call, fresh process, empty cache (import + compile + load): {empty * 1e3:7.1f} ms  (target <= 300)")
    print(f"first call, fresh process, warm cache  (import + key + load):     {warm * 1e3:7.1f} ms  (target <= 5)")


def call_overhead():
    import kernels
    f = kernels.call_overhead
    f(1, 2.0)

    def plain(n: int, x: float) -> float:
        return n * x

    n = 2_000_000
    loop = min(timeit.repeat("pass", number=n, repeat=5)) / n
    t_f = min(timeit.repeat("f(1, 2.0)", globals={"f": f}, number=n, repeat=5)) / n - loop
    t_native = min(timeit.repeat("f(1, 2.0)", globals={"f": f.native}, number=n, repeat=5)) / n - loop
    t_py = min(timeit.repeat("f(1, 2.0)", globals={"f": plain}, number=n, repeat=5)) / n - loop
    t_builtin = min(timeit.repeat("f(1, 2.0)", globals={"f": operator.mul}, number=n, repeat=5)) / n - loop
    print(f"per-call overhead f(int, float) -> float, through @accelerate: {t_f * 1e9:5.1f} ns  (target <= 20)")
    print(f"  the native entry point itself: {t_native * 1e9:5.1f} ns   CPython function: {t_py * 1e9:5.1f} ns   "
          f"builtin operator.mul(1, 2.0), the floor: {t_builtin * 1e9:5.1f} ns")


# name, arguments for compiled/C++ runs, arguments for CPython + NumPy (smaller where slow), scale
NUMPY_KERNELS = [
    ("matmul_loops", (300,), (60,), 125.0),
    ("floyd_warshall", (300,), (60,), 125.0),
    ("jacobi", (400, 200), (400, 200), 1.0),
    ("pairwise_distances", (600, 3), (600, 3), 1.0),
    ("reductions", (500, 400, 20), (500, 400, 20), 1.0),
    ("heat_loops", (300, 100), (60, 4), 625.0),
    ("julia", (400, 200), (80, 200), 25.0),
    ("black_scholes", (200000, 5), (20000, 5), 10.0),
    ("heat3d", (64, 20), (16, 2), 640.0),
    ("kmeans", (20000, 8, 10), (20000, 8, 10), 1.0),
    ("matmul_numpy", (500, 2), (500, 2), 1.0),
]


def pythran_module():
    """numpy_kernels.py compiled by Pythran, or None (not installed, or it failed)."""
    try:
        import pythran  # noqa: F401
    except ImportError:
        return None
    import importlib.util
    out = scratch("pyrite-bench-pythran-")
    so = os.path.join(out, "numpy_kernels_pythran" + __import__("sysconfig").get_config_var("EXT_SUFFIX"))
    proc = subprocess.run([sys.executable, "-m", "pythran.run", os.path.join(HERE, "numpy_kernels.py"), "-O2",
                           "-march=native", "-o", so], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"pythran: failed to compile numpy_kernels.py:\n{proc.stderr[-2000:]}")
        return None
    spec = importlib.util.spec_from_file_location("numpy_kernels_pythran", so)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def numpy_table(quick):
    import numpy_kernels
    exe = build_cpp()
    try:
        import numba
    except ImportError:
        numba = None
        print("numba: not installed (pip install numba to compare)")
    pythran = pythran_module()
    if pythran is None:
        print("pythran: not available (pip install pythran to compare)")
    print(f"{'kernel':19} {'compile':>8} {'pyrite':>9} {'C++':>9} {'NumPy':>9} {'Numba':>9} {'Pythran':>9} "
          f"{'vs C++':>7} {'vs NumPy':>9} {'vs best peer':>13}")
    for name, args, py_args, scale in NUMPY_KERNELS:
        plain = getattr(numpy_kernels, name)
        fn = pyrite.accelerate(plain)
        t0 = time.perf_counter()
        # the full build (GCC), as the other tables: a first call would run the quick one until
        # GCC's replaced it (pyrite/tiers.py)
        pyrite.build(fn.specialize(*args) if hasattr(fn, "specialize") else fn)
        value = fn(*args)
        compile_s = time.perf_counter() - t0
        cpp_value, t_cpp = run_cpp(exe, name, args)
        assert abs(cpp_value - value) <= 1e-9 * max(1.0, abs(value)), (name, value, cpp_value)
        t_np = best(plain, py_args, 1 if quick else 3) * scale
        contenders = {"pyrite": fn}
        if numba is not None:
            try:
                jitted = numba.njit(plain)
                jitted(*args)  # compile outside the timing
                contenders["Numba"] = jitted
            except Exception as e:  # noqa: BLE001 - a kernel Numba does not compile is reported as such
                print(f"  numba cannot compile {name}: {str(e).splitlines()[0][:100]}")
        if pythran is not None and hasattr(pythran, name):
            contenders["Pythran"] = getattr(pythran, name)
        # one run of each in turn, best of 7, so a noisy moment hits all alike
        times = interleaved({k: (lambda f=f: best(f, args, 1)) for k, f in contenders.items()}, 3 if quick else 7)
        t_pyrite = times.pop("pyrite")
        peers = times
        cell = lambda t: f"{t * 1e3:7.2f}ms" if t else f"{'-':>9}"
        best_peer = min(peers.values()) if peers else None
        vs_peer = f"{t_pyrite / best_peer:12.2f}x" if best_peer else f"{'-':>13}"
        print(f"{name:19} {compile_s * 1e3:6.0f}ms {cell(t_pyrite)} {cell(t_cpp)} {cell(t_np)} {cell(peers.get('Numba'))} "
              f"{cell(peers.get('Pythran'))} {t_pyrite / t_cpp:6.2f}x {t_np / t_pyrite:8.1f}x {vs_peer}")
    print("(ratios: pyrite's time over the other's for 'vs C++' and 'vs best peer' (below 1 is faster), "
          "NumPy's over pyrite's for 'vs NumPy'; NumPy = the same function run by CPython + NumPy)")


def main():
    quick = "--quick" in sys.argv
    print(f"pyrite {pyrite.__version__}, Python {sys.version.split()[0]}, {' '.join(toolchain.find_compiler())}")
    print(f"cache: {os.environ['PYRITE_CACHE_DIR']}\n")
    kernels_table(quick)
    print()
    classes_table(quick)
    print()
    control_table(quick)
    print()
    functions_table(quick)
    print()
    stdlib_table(quick)
    print()
    boundary_table(quick)
    print()
    itertools_table(quick)
    print()
    bigint_table(quick)
    print()
    parallel_table(quick)
    print()
    numpy_table(quick)
    print()
    startup_times()
    call_overhead()
    print()
    import first_call
    first_call.typical_table()


if __name__ == "__main__":
    main()
