"""How long a first call waits: the compile a user sees once per function (issue 17's target: a
median under 0.5 s for typical functions on a 2-core machine, none of under 100 lines over 1 s).

    python benchmarks/first_call.py              # typical functions, each in a fresh process
    python benchmarks/first_call.py --repeat 3   # the least of three runs each (a busy machine)
    python benchmarks/first_call.py --compare    # and again with the quick tier off (PYRITE_QUICK=0)
    python benchmarks/first_call.py --suite DIR  # every module of a cache (e.g. the test suite's,
                                                 # PYRITE_TEST_CACHE=DIR), compiled again now
    python benchmarks/first_call.py --suite DIR --quick   # ... by the quick tier's clang

A typical function is written as users write them (containers, strings, NumPy, a class, an
exception); each runs in a new process with an empty cache, so its first call parses, types,
emits, compiles and loads it. The time printed is the first call alone (not `import pyrite`),
and the part of it the C++ compiler took. Prints figures, asserts nothing.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

TYPICAL = {
    "word_count": ("""
        def word_count(text: str) -> dict[str, int]:
            counts: dict[str, int] = {}
            for word in text.lower().split():
                word = word.strip(".,;!?")
                if word:
                    counts[word] = counts.get(word, 0) + 1
            return counts
        """, 'word_count("the cat and the hat. The end!" * 20)'),
    "edit_distance": ("""
        def edit_distance(a: str, b: str) -> int:
            prev = list(range(len(b) + 1))
            for i in range(1, len(a) + 1):
                cur = [i] + [0] * len(b)
                for j in range(1, len(b) + 1):
                    cost = 0 if a[i - 1] == b[j - 1] else 1
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                prev = cur
            return prev[len(b)]
        """, 'edit_distance("kitten", "sitting")'),
    "kmeans_step": ("""
        def kmeans_step(points: NDArray[np.float64], centers: NDArray[np.float64]) -> NDArray[np.float64]:
            k = centers.shape[0]
            sums = np.zeros((k, points.shape[1]))
            counts = np.zeros(k)
            for i in range(points.shape[0]):
                best = 0
                best_d = np.inf
                for c in range(k):
                    d = np.sum((points[i] - centers[c]) ** 2)
                    if d < best_d:
                        best_d = d
                        best = c
                sums[best] += points[i]
                counts[best] += 1
            for c in range(k):
                if counts[c] > 0:
                    sums[c] /= counts[c]
            return sums
        """, "kmeans_step(np.random.default_rng(1).random((100, 2)), np.array([[0.2, 0.2], [0.8, 0.8]]))"),
    "stencil": ("""
        def stencil(grid: NDArray[np.float64], steps: int) -> NDArray[np.float64]:
            g = grid.copy()
            n, m = g.shape
            for _ in range(steps):
                new = g.copy()
                for i in range(1, n - 1):
                    for j in range(1, m - 1):
                        new[i, j] = 0.25 * (g[i - 1, j] + g[i + 1, j] + g[i, j - 1] + g[i, j + 1])
                g = new
            return g
        """, "stencil(np.ones((20, 20)), 5)"),
    "report": ("""
        def report(rows: list[tuple[str, float, int]]) -> str:
            lines = []
            total = 0.0
            for name, price, qty in rows:
                cost = price * qty
                total += cost
                lines.append(f"{name:<10} {qty:>4} x {price:8.2f} = {cost:10.2f}")
            lines.append(f"{'total':<10} {total:29.2f}")
            return "\\n".join(lines)
        """, 'report([("apple", 0.5, 10), ("pear", 0.75, 4)])'),
    "moving_average": ("""
        def moving_average(xs: list[float], w: int) -> list[float]:
            out = []
            s = 0.0
            for i, x in enumerate(xs):
                s += x
                if i >= w:
                    s -= xs[i - w]
                if i >= w - 1:
                    out.append(s / w)
            return out
        """, "moving_average([float(i) for i in range(100)], 5)"),
    "primes": ("""
        def primes(n: int) -> list[int]:
            sieve = [True] * (n + 1)
            sieve[0] = sieve[1] = False
            for i in range(2, int(n ** 0.5) + 1):
                if sieve[i]:
                    for j in range(i * i, n + 1, i):
                        sieve[j] = False
            return [i for i in range(n + 1) if sieve[i]]
        """, "primes(1000)"),
    "matmul_lists": ("""
        def matmul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
            n, m, p = len(a), len(b), len(b[0])
            c = [[0.0] * p for _ in range(n)]
            for i in range(n):
                for k in range(m):
                    aik = a[i][k]
                    for j in range(p):
                        c[i][j] += aik * b[k][j]
            return c
        """, "matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]])"),
    "histogram": ("""
        def histogram(xs: NDArray[np.float64], bins: int) -> list[int]:
            lo = xs.min()
            hi = xs.max()
            counts = [0] * bins
            width = (hi - lo) / bins
            for x in xs:
                k = int((x - lo) / width)
                if k == bins:
                    k -= 1
                counts[k] += 1
            return counts
        """, "histogram(np.linspace(0.0, 1.0, 50), 5)"),
    "particles": ("""
        @dataclass
        class Particle:
            x: float
            v: float

        def simulate(ps: list[Particle], dt: float, steps: int) -> float:
            for _ in range(steps):
                for p in ps:
                    p.v -= p.x * dt
                    p.x += p.v * dt
            return sum(p.x for p in ps)
        """, "simulate([Particle(1.0, 0.0), Particle(0.5, 0.1)], 0.01, 10)"),
    "parse_numbers": ("""
        def parse_numbers(lines: list[str]) -> float:
            total = 0.0
            for line in lines:
                try:
                    total += float(line)
                except ValueError:
                    pass
            return total
        """, 'parse_numbers(["1.5", "x", "2"])'),
    "leaderboard": ("""
        class BadScore(Exception):
            pass

        @dataclass
        class Entry:
            name: str
            score: int
            level: int

        def parse(lines: list[str]):
            for line in lines:
                parts = line.split(",")
                if len(parts) != 3:
                    raise BadScore(f"bad line: {line}")
                yield Entry(parts[0], int(parts[1]), int(parts[2]))

        def leaderboard(lines: list[str], top: int) -> str:
            by_level: dict[int, list[Entry]] = {}
            for e in parse(lines):
                by_level.setdefault(e.level, []).append(e)
            out = []
            for level in sorted(by_level):
                entries = sorted(by_level[level], key=lambda e: -e.score)
                for rank, e in enumerate(entries[:top], 1):
                    out.append(f"L{level} #{rank}: {e.name:<10} {e.score:>6}")
            return "\\n".join(out)
        """, 'leaderboard([f"p{i},{i * 37 % 100},{i % 3}" for i in range(50)], 3)'),
    "collatz": ("""
        def collatz(n: int) -> int:
            steps = 0
            while n != 1:
                n = n // 2 if n % 2 == 0 else 3 * n + 1
                steps += 1
            return steps
        """, "collatz(27)"),
}

HEADER = """\
from dataclasses import dataclass
import numpy as np
from numpy.typing import NDArray
from pyrite import accelerate
"""

PROBE = """\
import json, resource, sys, time
sys.path.insert(0, {dir!r})
import pyrite
import {mod} as m
call = eval("lambda: " + {call!r}, vars(m))
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
t0, c0 = time.perf_counter(), cpu()
call()
elapsed, compilers = time.perf_counter() - t0, cpu() - c0
info = pyrite.info(m.{fn})
from pyrite import tiers
tiers.wait()  # the full build (GCC) that replaces a quick one: when the code runs at full speed
print(json.dumps({{"first_call": elapsed, "cpu": compilers, "timings": info.get("timings") or {{}},
                  "tier": info.get("tier"), "full": time.perf_counter() - t0}}))
"""


def module_source(src):
    """The function's source with @accelerate on its last top-level def."""
    body = textwrap.dedent(src).strip("\n").split("\n")
    last = max(i for i, line in enumerate(body) if line.startswith("def "))
    body.insert(last, "@accelerate")
    return HEADER + "\n" + "\n".join(body) + "\n", body[last + 1].split("(")[0][4:]


def typical(names=None, quiet=False, repeat=1, quick=None):
    """{name: (first call seconds, C++ compile seconds, the compilers' CPU seconds, seconds until
    the full build runs)}, each in a fresh process and cache; with repeat > 1, the least of each
    over that many runs (a shared machine's load only ever adds). quick: PYRITE_QUICK's value
    (None: as the environment says; "0": every first call waits for GCC)."""
    results = {}
    for name, (src, call) in TYPICAL.items():
        if names and name not in names:
            continue
        text, fn = module_source(src)
        mod = f"fc_{name}"
        runs = []
        for _ in range(repeat):
            d = tempfile.mkdtemp(prefix="pyrite-first-call-")
            with open(os.path.join(d, mod + ".py"), "w") as f:
                f.write(text)
            env = dict(os.environ, PYRITE_CACHE_DIR=os.path.join(d, "cache-" + name))
            if quick is not None:
                env["PYRITE_QUICK"] = quick
            probe = PROBE.format(dir=d, mod=mod, call=call, fn=fn)
            out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=d)
            shutil.rmtree(d, ignore_errors=True)  # the probe waited for its full build: nothing writes there now
            if out.returncode != 0:
                print(f"{name}: failed\n{out.stderr[-3000:]}")
                break
            r = json.loads(out.stdout.strip().splitlines()[-1])
            runs.append((r["first_call"], r["timings"].get("cxx", 0.0), r["cpu"], r["full"], r["tier"]))
        if len(runs) < repeat:
            continue
        results[name] = tuple(min(r[k] for r in runs) for k in range(4)) + (runs[0][4],)
        if not quiet:
            first, cxx, cpu, full, tier = results[name]
            print(f"  {name:<16} first call {first:6.2f} s ({tier:5})  of which C++ {cxx:5.2f} s   "
                  f"compilers' CPU {cpu:5.2f} s   full build running after {full:5.2f} s")
    return results


def distribution(label, times):
    q = sorted(times)
    if not q:
        return
    p90 = q[min(len(q) - 1, int(0.9 * len(q)))]
    print(f"{label}: n={len(q)}  median {statistics.median(q):.2f} s   p90 {p90:.2f} s   max {q[-1]:.2f} s")


def typical_table(repeat=1, quick=None):
    print("first call of typical functions (fresh process, empty cache; target: median < 0.5 s, max < 1 s)"
          + (f"; the least of {repeat} runs" if repeat > 1 else "")
          + (" -- the quick tier off (PYRITE_QUICK=0)" if quick == "0" else ""))
    results = typical(repeat=repeat, quick=quick)
    distribution("first call", [r[0] for r in results.values()])
    distribution("C++ compile", [r[1] for r in results.values()])
    distribution("compilers' CPU", [r[2] for r in results.values()])
    distribution("full build running", [r[3] for r in results.values()])


def suite(cache_dir, quick=False):
    """Every module a cache holds, compiled again with this pyrite's flags (one at a time);
    quick: by the quick tier's compiler (pyrite/tiers.py)."""
    import glob
    import re
    from pyrite import toolchain
    times, single = [], []
    out_dir = tempfile.mkdtemp(prefix="pyrite-suite-")
    for cpp in sorted(glob.glob(os.path.join(cache_dir, "v*", "*", "*.cpp"))):
        if cpp.endswith(".failed.cpp"):
            continue
        with open(cpp) as f:
            text = f.read()
        entries = len(re.findall(r"^PyObject\* py_f\d+_", text, re.M))
        t0 = time.perf_counter()
        try:
            toolchain.compile_module(cpp, os.path.join(out_dir, "m.so"), {}, quick=quick)
        except Exception as e:  # a module of an older runtime: not comparable
            print(f"skipped {cpp}: {str(e).splitlines()[0]}")
            continue
        t = time.perf_counter() - t0
        times.append(t)
        if entries == 1:
            single.append(t)
    shutil.rmtree(out_dir, ignore_errors=True)
    distribution("every module", times)
    distribution("modules of one entry point", single)


if __name__ == "__main__":
    if "--suite" in sys.argv:
        suite(sys.argv[sys.argv.index("--suite") + 1], quick="--quick" in sys.argv)
    else:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
        typical_table(repeat)
        if "--compare" in sys.argv:  # side by side: every first call waiting for GCC
            typical_table(repeat, quick="0")
