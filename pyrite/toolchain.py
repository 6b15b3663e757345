"""The system C++ compiler: finding it, its identity for the cache key, running it."""
import _thread
import os
import sys
import time

from .errors import ToolchainError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_INCLUDE = os.path.join(_PACKAGE, "runtime", "include")
PCH_DIR = os.path.join(_PACKAGE, "runtime", "pch")
PCH_COMMON_DIR = os.path.join(_PACKAGE, "runtime", "pch-common")
PCH_FULL_DIR = os.path.join(_PACKAGE, "runtime", "pch-full")
QUICK_DIR = os.path.join(_PACKAGE, "runtime", "pch-quick")
RUNTIME_LIB_DIR = os.path.join(_PACKAGE, "runtime", "lib")
RUNTIME_LIBRARY = os.path.join(RUNTIME_LIB_DIR, "libpyrite_rt.so")


def _read_flags():
    # pyrite/cxxflags is the one list of flags, shared with CMake, which builds the
    # precompiled prelude with them. Python semantics first: no fast math, no FMA
    # contraction (it changes float results), errno never read (sqrt may inline).
    # -O3, not -O2: GCC 12's -O2 vectorizes almost nothing and does not version loops
    # for unit strides (matmul with loops: 4x), and its inlining is what recursion needs
    # (fib: 1.8x); NumPy code pays it in compile time (jacobi: 1.4 s -> 2.5 s).
    # -falign-loops=32: GCC's default (16) left matmul's inner loop, 25 bytes, across a 64-byte
    # line wherever it fell (its first byte at 0x..2a): 1.4x slower on AMD Zen, a lottery of the
    # code around it (5.3 vs 3.7 ms for the same loop); no kernel slower. Clang takes it too.
    # A line "gcc: FLAG" is GCC's alone (clang refuses it): -fira-loop-pressure, with which GCC's
    # loop-invariant motion leaves in a loop what would crowd its registers (a 3-d stencil kept
    # its row pointers in vector registers, 1.2x slower; Floyd-Warshall 6%; no kernel slower).
    with open(os.path.join(_PACKAGE, "cxxflags")) as f:
        lines = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    return (tuple(line for line in lines if not line.startswith("gcc:")),
            tuple(line[4:].strip() for line in lines if line.startswith("gcc:")))


_COMMON_FLAGS, _GCC_FLAGS = _read_flags()
FASTMATH_FLAGS = ("-ffast-math",)

_CANDIDATES = ("c++", "g++", "clang++")
_found = None


def _which(name):
    if os.sep in name:
        return name if os.access(name, os.X_OK) else None
    for d in os.environ.get("PATH", os.defpath).split(os.pathsep):
        p = os.path.join(d, name)
        if os.access(p, os.X_OK) and not os.path.isdir(p):
            return p
    return None


def find_compiler():
    """[compiler, *its own args] from $CXX or the first of c++, g++, clang++ on PATH."""
    global _found
    cxx = os.environ.get("CXX", "").split()
    cache_key = tuple(cxx) + (os.environ.get("PATH", ""),)
    if _found and _found[0] == cache_key:
        return _found[1]
    if cxx:
        path = _which(cxx[0])
        if not path:
            raise ToolchainError(f"pyrite: the C++ compiler in $CXX ({cxx[0]!r}) was not found; "
                                 "set CXX to a C++20 compiler such as g++ or clang++")
        result = [path] + cxx[1:]
    else:
        path = next((p for p in map(_which, _CANDIDATES) if p), None)
        if not path:
            raise ToolchainError("pyrite: no C++ compiler found (looked for $CXX, then "
                                 f"{', '.join(_CANDIDATES)} on PATH). Install one "
                                 "(Debian/Ubuntu: apt-get install g++) or set CXX to its path")
        result = [path]
    _found = (cache_key, result)
    return result


def identity():
    """The compiler as the cache key sees it: resolved path, size and mtime, its args."""
    try:
        cmd = find_compiler()
    except ToolchainError:
        return "no-compiler"
    real = os.path.realpath(cmd[0])
    st = os.stat(real)
    return f"{real}:{st.st_size}:{st.st_mtime_ns}:{' '.join(cmd[1:])}"


_cpu = None


def target_cpu():
    """The CPU the code is compiled for (-march=native): model and feature flags."""
    global _cpu
    if _cpu is None:
        model = flags = ""
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name") and not model:
                        model = line.split(":", 1)[1].strip()
                    elif line.startswith("flags") and not flags:
                        flags = line.split(":", 1)[1].strip()
                    if model and flags:
                        break
        except OSError:
            import platform
            model = platform.machine() + platform.processor()
        _cpu = f"{model}|{flags}"
    return _cpu


def extra_flags():
    """$PYRITE_CXXFLAGS: flags added to every generated module's compile (sanitizers, -g, ...);
    they are part of the cache key."""
    import shlex
    return tuple(shlex.split(os.environ.get("PYRITE_CXXFLAGS", "")))


def is_gcc():
    """Whether the compiler is GCC (not clang, which c++ or $CXX may also be)."""
    try:
        return "clang" not in os.path.basename(os.path.realpath(find_compiler()[0]))
    except ToolchainError:
        return True


def base_flags():
    """pyrite/cxxflags's flags for the compiler there is: the precompiled preludes' (CMake's)."""
    return _COMMON_FLAGS + (_GCC_FLAGS if is_gcc() else ())


def flags(options):
    """The flags of a generated module (and of the benchmarks' C++)."""
    return base_flags() + (FASTMATH_FLAGS if options.get("fastmath") else ()) + extra_flags()


def _wait(proc, t0, limit, what, progress):
    """The compiler's output once it ends; past progress_after() seconds from t0, a line on stderr
    now and then (progress: when the next is due, and the step, shared by the processes of one
    compile), so a long compile is never a silent hang. TimeoutExpired past `limit`."""
    import subprocess
    while True:
        now = time.monotonic()
        try:
            out, _ = proc.communicate(timeout=max(0.0, min(progress["at"], t0 + limit) - now))
            return out
        except subprocess.TimeoutExpired:
            now = time.monotonic()
            elapsed = now - t0
            if elapsed >= limit:
                raise
            if now >= progress["at"]:
                sys.stderr.write(f"pyrite: still compiling {what} ({elapsed:.0f} s so far; "
                                 f"the limit is {limit:g} s, PYRITE_CXX_TIMEOUT)\n")
                sys.stderr.flush()
                progress["step"] = min(progress["step"] * 2, 60.0)
                progress["at"] = now + progress["step"]


def timeout():
    """Seconds one C++ compile may take: $PYRITE_CXX_TIMEOUT, else 900."""
    try:
        return float(os.environ.get("PYRITE_CXX_TIMEOUT", "900"))
    except ValueError:
        return 900.0


_prelude_headers = None


def _precompiled_for(cpp_path):
    """The precompiled prelude for a module: the first of the small one (Python.h and the runtime
    core), the common one (what most modules include) and the full one (every runtime header) that
    holds every runtime header the module includes (CMakeLists.txt makes them)."""
    global _prelude_headers
    if _prelude_headers is None:
        _prelude_headers = []
        for d in (PCH_DIR, PCH_COMMON_DIR):
            try:
                with open(os.path.join(d, "pyrite", "prelude.hpp")) as f:
                    _prelude_headers.append((d, frozenset(_includes(f.read())) | {"pyrite/prelude.hpp"}))
            except OSError:
                pass
    with open(cpp_path) as f:
        needs = _includes(f.read())
    return next((d for d, headers in _prelude_headers if needs <= headers), PCH_FULL_DIR)


def _includes(text):
    import re
    return set(re.findall(r"^#include <(pyrite/[^>]+)>", text, re.M))


def _prebuilt_apply(cmd, options):
    """Whether the precompiled preludes and the prebuilt runtime (libpyrite_rt.so) were built by
    this compiler with these flags."""
    try:
        with open(os.path.join(PCH_DIR, "compiler")) as f:
            built_with = f.read().strip()
    except OSError:
        return False
    return not (options.get("fastmath") or os.path.realpath(built_with) != os.path.realpath(cmd[0]) or len(cmd) > 1
                or not os.path.exists(RUNTIME_LIBRARY))


def _prebuilt_flags(cmd, options, cpp_path):
    """The precompiled prelude and the prebuilt runtime, when they apply (_prebuilt_apply): flags
    before the source, and the library's after it. Otherwise a module compiles its runtime
    functions itself ((), ())."""
    if not _prebuilt_apply(cmd, options):
        return (), ()
    return (("-DPYRITE_SHARED_RUNTIME=1", "-I", _precompiled_for(cpp_path), "-include", "pyrite/prelude.hpp"),
            ("-L", RUNTIME_LIB_DIR, "-lpyrite_rt", "-Wl,-rpath," + RUNTIME_LIB_DIR))


def quick_compiler():
    """The quick tier's compiler (pyrite/tiers.py): the clang that precompiled pch-quick/ at
    install (CMakeLists.txt), when it and its prelude are there and the prebuilt runtime it links
    to was built by the compiler pyrite uses; else None."""
    try:
        with open(os.path.join(QUICK_DIR, "compiler")) as f:
            quick = f.read().strip()
    except OSError:
        return None
    main = find_compiler()
    if not (is_gcc() and _prebuilt_apply(main, {}) and _which(quick)
            and os.path.exists(os.path.join(QUICK_DIR, "prelude.pch"))):
        return None
    return [quick]


def quick_identity():
    real = os.path.realpath(quick_compiler()[0])
    st = os.stat(real)
    return f"{real}:{st.st_size}:{st.st_mtime_ns}"


_overlay = None


def _quick_overlay():
    """The file that shows clang the headers where pyrite is installed under the virtual paths its
    prelude was precompiled with (/pyrite-runtime/...: CMakeLists.txt), written once a process."""
    global _overlay
    if _overlay is None or not os.path.exists(_overlay):
        import atexit
        import json
        import tempfile
        roots = [{"type": "directory-remap", "name": "/pyrite-runtime/include", "external-contents": RUNTIME_INCLUDE},
                 {"type": "directory-remap", "name": "/pyrite-runtime/quick", "external-contents": PCH_FULL_DIR}]
        fd, path = tempfile.mkstemp(prefix="pyrite-quick-", suffix=".yaml")
        with os.fdopen(fd, "w") as f:
            json.dump({"version": 0, "case-sensitive": "true", "use-external-names": False, "roots": roots}, f)
        atexit.register(lambda: os.path.exists(path) and os.unlink(path))
        _overlay = path
    return _overlay


def progress_after():
    """Seconds of compiling before pyrite says it is still at it: $PYRITE_CXX_PROGRESS, else 10."""
    try:
        return float(os.environ.get("PYRITE_CXX_PROGRESS", "10"))
    except ValueError:
        return 10.0


def _cpus():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


_background = {}  # the compiler processes of warm-up compiles (warmup.py) -> the files they make
_background_files = set()  # what a warm-up compile is making, from before its compilers start to its publish
_background_stopped = False
_background_lock = _thread.allocate_lock()
# Builds no call waits for (idle: the full builds of tiers.py and warmup.py, a warm-up's guess)
# are paused (SIGSTOP) while any other compile runs, and go on (SIGCONT) when none does: a first
# call's compile does not share the machine with them (its two vCPUs may be one core's two
# threads: nice alone left four typical first calls 0.1-0.25 s slower each). A call that comes to
# wait for an idle build (its key's lock: cache.Lock) promotes it (promote): it runs as any other
# compile from then on. So nothing waits for an idle build while it is paused, and a pause ends.
_idle = set()  # the compiler processes of idle builds
_idle_runs = {}  # cache key -> [idle?, its processes]: the idle builds a call may promote
_promoted = set()  # the keys a call waited for: their builds are not idle
_busy = 0  # compiles running that are not idle


def _forked():  # a child of fork() runs none of its parent's compilers
    global _background, _background_files, _background_lock, _idle, _idle_runs, _promoted, _busy
    _background, _background_files, _background_lock = {}, set(), _thread.allocate_lock()
    _idle, _idle_runs, _promoted, _busy = set(), {}, set(), 0


def promote(key):
    """A call waits for this process's idle build of `key` (a warm-up's guess that was right, a
    full build): it is no longer paused, and pauses the other idle builds while it runs."""
    import signal
    global _busy
    with _background_lock:
        _promoted.add(key)  # its next steps too (a serial build's parts), or its first if not started yet
        run = _idle_runs.get(key)
        if run is None or not run[0]:
            return
        run[0] = False
        _idle.difference_update(run[1])
        _busy += 1
        if _busy == 1:
            _signal_idle(signal.SIGSTOP, _idle)
        _signal_idle(signal.SIGCONT, run[1])


def _signal_idle(signum, procs):
    for proc in procs:
        try:
            os.killpg(proc.pid, signum)
        except OSError:  # it has ended
            pass


def claim_background_files(paths, make):
    """Files a warm-up compile makes (its source, its binary): deleted at exit if still there,
    whatever step the warm-up's thread was at when the interpreter stopped it. make() writes the
    first of them, under the same lock as the exit's deletion (so not after it)."""
    with _background_lock:
        if _background_stopped:
            raise ToolchainError("pyrite: the program is exiting; the warm-up compile did not start")
        _background_files.update(paths)
        make()


def release_background_files(paths):
    """The warm-up compile is done with these (published or deleted)."""
    with _background_lock:
        _background_files.difference_update(paths)


def _fork_waits():
    # a fork() waits for a warm-up's Popen to finish: a child made meanwhile would hold the write
    # end of its compiler's output pipe, and the warm-up's read of it would wait for that child
    _background_lock.acquire()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_fork_waits, after_in_parent=lambda: _background_lock.release(),
                        after_in_child=_forked)


_before_stop = []  # run first by stop_background (tiers.py: the full builds handed over at exit)


def before_stop(step):
    """step() runs at exit before the background compiles are stopped (whoever stops them first)."""
    if step not in _before_stop:
        _before_stop.append(step)


def stop_background():
    """Stops the compilers of warm-up compiles, and any started after (at exit); what they were
    making is deleted (the thread that waits for them does not run again). What before_stop()
    named runs first."""
    import signal
    global _background_stopped
    while _before_stop:
        _before_stop.pop(0)()
    with _background_lock:
        _background_stopped = True
        for proc, files in _background.items():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            except OSError:
                pass
            for path in files:
                _remove(path)
        for path in _background_files:
            try:
                os.unlink(path)
            except OSError:
                pass


def _remove(path):
    """A file, or a compile's own temporary directory (_run), removed if it is there."""
    import shutil
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except OSError:
        pass


def _fast_linker(own):
    """gold, where binutils has it (Linux) and the flags choose no linker ($PYRITE_CXXFLAGS may):
    the two parts of a typical module linked in 0.024 s instead of ld.bfd's 0.062 s (GCC's
    driver; clang's, 0.085 -> 0.048 s), a tenth of a quick first call's compile."""
    if any(f.startswith("-fuse-ld=") for f in own):
        return []
    return ["-fuse-ld=gold"] if sys.platform.startswith("linux") and _which("ld.gold") else []


def compile_module(cpp_path, so_path, options, flags=None, what="a module", background=False, quick=False,
                   serial=False, idle=False, key=None):
    """Compiles one generated module; a failure is a pyrite bug and says where the source is.
    `flags`: other flags than this machine's (pyrite compile's portable target), without the PCH.
    A compile that runs long says so on stderr every so often (`what` names the functions).
    With the prebuilt runtime and two CPUs, the module's two parts (templates/module.cpp.j2,
    PYRITE_PART: the glue, the compiled functions) compile at once, then link. background: a
    warm-up's (warmup.py) or a full build after a quick one (tiers.py), whose compilers
    stop_background() stops. quick: compiled by the quick tier's clang (tiers.py), its prelude
    read through the virtual paths it was precompiled with. serial: the parts one after the
    other, and idle (a full build after a quick one leaves the program a CPU, and its first calls'
    compiles the machine). idle: paused while any other compile runs (a warm-up's guess:
    warmup.py), unless a call waits for it (key: the cache entry it makes, promote)."""
    import sysconfig
    compiler = quick_compiler() if quick else find_compiler()
    own = list(flags) if flags is not None else list(globals()["flags"](options))
    # the PCH and the library were built with this machine's flags; pyrite compile's artifacts
    # (flags given) need neither
    before, after = _prebuilt_flags(find_compiler(), options, cpp_path) if flags is None else ((), ())
    includes = ["-I", RUNTIME_INCLUDE, "-I", sysconfig.get_paths()["include"]]
    if quick:
        own = [f for f in own if f not in _GCC_FLAGS]
        # -fno-temp-file: the objects where they are named (clang's own temporary names would
        # outlive a compile stopped at exit or by Ctrl-C). -fno-unroll-loops: loops are still
        # vectorized, not unrolled or interleaved: a stencil's functions compiled in 0.43 s instead
        # of 0.74 s, k-means' 1.45 s instead of 2.47 s (its code then ran 1.3x slower, the
        # benchmarks' other kernels the same to within 5%); this build runs until the full one is made.
        # -DPYRITE_QUICK (its prelude's too): what only the full build compiles (codegen's kNotQuick)
        before = ("-DPYRITE_SHARED_RUNTIME=1", "-DPYRITE_QUICK=1", "-fno-temp-file", "-fno-unroll-loops", "-ivfsoverlay", _quick_overlay(),
                  "-I", "/pyrite-runtime/quick", "-include-pch", os.path.join(QUICK_DIR, "prelude.pch"))
        includes[1] = "/pyrite-runtime/include"
    shared = ["-undefined", "dynamic_lookup", "-shared"] if sys.platform == "darwin" else ["-shared"]
    # GCC links crtfastmath.o into a shared object linked with -ffast-math (-Ofast,
    # -funsafe-math-optimizations): loading it would set flush-to-zero for the whole process,
    # and Python's own 5e-324 * 1.0 would be 0.0. Such a module is linked without them.
    unsafe = [f for f in own if f in ("-ffast-math", "-Ofast", "-funsafe-math-optimizations")]
    link_flags = [f for f in own if f not in unsafe] + _fast_linker(own)
    parts = [1, 2] if before and _cpus() >= 2 else [0] if unsafe else []
    objects = [f"{so_path}.part{k}.o" for k in parts]
    if parts:  # compiled into objects (two parts at once), then linked
        # the quick tier's objects are linked by GCC's driver: clang's takes 0.02 s more to start
        linker = find_compiler() if quick else compiler
        steps = [[compiler + own + [*before, *([f"-DPYRITE_PART={k}"] if k else []), *includes, "-c", cpp_path, "-o", o]
                  for k, o in zip(parts, objects)],
                 [linker + link_flags + shared + [*objects, "-o", so_path, *after]]]
        if serial:
            steps = [[command] for command in steps[0]] + steps[1:]
    else:
        steps = [[compiler + own + _fast_linker(own) + shared + [*before, *includes, cpp_path, "-o", so_path, *after]]]
    t0, limit = time.monotonic(), timeout()
    progress = {"step": progress_after(), "at": t0 + progress_after()}
    try:
        for commands in steps:
            _run(commands, t0, limit, progress, what, cpp_path, so_path,
                 [cpp_path, so_path, *objects] if background else None, idle=serial or idle, key=key,
                 niceness=19 if serial else 10)
    finally:
        for o in objects:
            try:
                os.unlink(o)
            except OSError:
                pass
    try:
        made = os.path.getsize(so_path) > 0
    except OSError:
        made = False
    if not made:
        raise ToolchainError(f"pyrite: the C++ compiler ({compiler[0]}) reported success but wrote no module "
                             f"at {so_path}: is $CXX a C++ compiler?")
    return steps[0][0]


def _run(commands, t0, limit, progress, what, cpp_path, so_path, background=None, idle=False, key=None, niceness=10):
    """Runs the compiler commands at once, each in its own session (a timeout or Ctrl-C kills
    each and everything it started: cc1plus, as, ld); the first failure is raised. background:
    a warm-up's, the files it makes (stop_background deletes them), its compilers run at
    `niceness`. idle: a build no call waits for (a full build that replaces a quick one, a
    warm-up's guess), paused while any other compile runs unless promoted (key: its entry's)."""
    import signal
    import subprocess
    # a warm-up's compilers yield the CPU to the program's own work (it goes on meanwhile), and a
    # full build that no call waits for yields it to the program's compiles too (warmup.py)
    nice = ["nice", "-n", str(niceness)] if background is not None and _which("nice") else []

    # the compilers' temporary files (GCC's assembly between cc1plus and as, the linker's) go in a
    # directory of their own, removed after them: a compile stopped by SIGKILL (the exit stops a
    # warm-up's, a time limit or Ctrl-C a call's) cannot remove its own, and they piled up in /tmp
    import tempfile
    scratch = tempfile.mkdtemp(prefix="pyrite-cc-")
    env = dict(os.environ, TMPDIR=scratch)

    def start():
        return [subprocess.Popen(nice + cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 start_new_session=True, env=env) for cmd in commands]
    global _busy
    with _background_lock:
        if background is not None and _background_stopped:
            _remove(scratch)
            raise ToolchainError("pyrite: the program is exiting; the warm-up compile did not start")
        try:
            procs = start()
        except BaseException:  # no compiler there (after the check that found it), no memory
            _remove(scratch)
            raise
        if background is not None:
            _background.update((proc, [*background, scratch]) for proc in procs)
        idle = idle and key not in _promoted
        run = [idle, procs]
        if idle:
            _idle.update(procs)
            if key is not None:
                _idle_runs[key] = run
            if _busy:
                _signal_idle(signal.SIGSTOP, procs)
        else:
            _busy += 1
            if _busy == 1:
                _signal_idle(signal.SIGSTOP, _idle)
    outs = []
    try:
        for proc in procs:
            # a warm-up says nothing, however long it takes
            outs.append(_wait(proc, t0, limit, what, progress if background is None else {"step": 1e9, "at": 1e18}))
    except BaseException as e:  # the time limit, or Ctrl-C: the compilers go too
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.wait()
        if isinstance(e, subprocess.TimeoutExpired):
            raise ToolchainError(f"pyrite: the C++ compiler took longer than {limit:g} s and was stopped "
                                 f"(PYRITE_CXX_TIMEOUT sets the limit); command: {' '.join(commands[0])}") from None
        raise
    finally:
        with _background_lock:
            for proc in procs:
                _background.pop(proc, None)
                _idle.discard(proc)
            if _idle_runs.get(key) is run:
                del _idle_runs[key]
            if not run[0]:  # not idle, or promoted
                _busy -= 1
                if not _busy:
                    _signal_idle(signal.SIGCONT, _idle)
        _remove(scratch)
    for cmd, proc, out in zip(commands, procs, outs):
        if proc.returncode < 0:
            name = signal.Signals(-proc.returncode).name if -proc.returncode in signal.Signals._value2member_map_ else str(-proc.returncode)
            raise ToolchainError(f"pyrite: the C++ compiler ({cmd[0]}) was killed by {name}"
                                 f"{' (out of memory?)' if name == 'SIGKILL' else ''}; nothing was published\n{out[-2000:]}")
        if "No space left on device" in out or "Disk quota exceeded" in out:
            raise ToolchainError(f"pyrite: no space left on the device of {os.path.dirname(so_path)} while compiling; "
                                 f"free some, or point PYRITE_CACHE_DIR elsewhere\n{out[-2000:]}")
        if proc.returncode != 0:
            raise ToolchainError(
                "pyrite bug: the generated C++ did not compile. Please report it with the source, "
                f"kept at {cpp_path}\ncommand: {' '.join(cmd)}\n{out[-6000:]}")
