"""Parallel loops (issue 17): `for i in prange(...)` runs its iterations on pyrite's threads
(opt/parallel.cpp, codegen/emit_parallel.cpp, runtime/include/pyrite/parallel.hpp).

What compiled code computes is CPython's, iteration by iteration; what can differ is only
the grouping of a float reduction, which is fixed by the iteration count (blocks), never by
the number of threads: `blocked` below is that grouping, in Python."""
import math
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pytest

import pyrite
from difftest import FLOATS, check, compile_error
from pyrite import accelerate, prange


def blocked(init, items, op=lambda a, b: a + b, identity=-0.0):
    """A reduction as a prange loop computes it: 256 blocks at most, each from the identity
    in order, then combined in block order onto the value before the loop."""
    n = len(items)
    nblocks = min(n, 256)
    total = init
    for b in range(nblocks):
        part = identity
        for x in items[b * n // nblocks:(b + 1) * n // nblocks]:
            part = op(part, x)
        total = op(total, part)
    return total


@accelerate
def int_sum(xs: list[int], start: int, stop: int, step: int) -> tuple[int, int]:
    total = 0
    count = 0
    for i in prange(start, stop, step):
        total += xs[i] * i
        count += 1
    return total, count


@accelerate
def float_sum(xs: list[float]) -> float:
    s = 0.0
    for i in prange(len(xs)):
        s += xs[i] * 0.5
    return s


@accelerate
def float_sum_sub(xs: np.ndarray, init: float) -> float:
    s = init
    for i in pyrite.prange(xs.shape[0]):
        s -= xs[i]
    return s


@accelerate
def products(xs: list[int]) -> tuple[int, float, int, int, int, bool, bool]:
    p = 1
    q = 1.0
    a = -1
    o = 0
    x = 0
    every = True
    some = False
    for i in prange(len(xs)):
        p *= xs[i]
        q *= xs[i] * 0.5
        a &= xs[i]
        o |= xs[i]
        x ^= xs[i]
        every &= xs[i] > 0
        some |= xs[i] > 5
    return p, q, a, o, x, every, some


@accelerate
def extremes(xs: list[float], lo: float, hi: float) -> tuple[float, float]:
    for i in prange(len(xs)):
        lo = min(lo, xs[i])
        hi = max(hi, xs[i])
    return lo, hi


def test_int_reductions_are_exact(threads):
    rng = random.Random(5)
    xs = [rng.randrange(-1000, 1000) for _ in range(3000)]
    for start, stop, step in [(0, 0, 1), (0, 1, 1), (0, 7, 1), (0, 255, 1), (0, 256, 1), (0, 257, 1),
                              (3, 3000, 1), (2999, -1, -1), (5, 2990, 7), (2990, 5, -13), (0, 10, 100)]:
        check(int_sum, xs, start, stop, step)
    check(int_sum, xs, 0, 3001, 1)  # IndexError: the first failing iteration's
    check(int_sum, xs, 0, 10, 0)    # ValueError: range() arg 3 must not be zero
    check(int_sum, [2 ** 58] * 600, 0, 600, 1)  # past 64 bits: OverflowError (partial sums fit, the total not)
    check(int_sum, [2 ** 62] * 4, 0, 4, 1)      # an item's product overflows
    check(products, [rng.randrange(1, 9) for _ in range(40)])
    check(products, [])
    check(products, [3, -2, 7, 12, 5, 0, 9])


def test_float_sums_group_by_blocks_whatever_the_threads(threads):
    rng = random.Random(7)
    for n in (0, 1, 2, 100, 255, 256, 257, 1000, 12345):
        xs = [rng.uniform(-1e6, 1e6) * 10 ** rng.randrange(-10, 10) for _ in range(n)]
        got = float_sum(xs)
        assert got == blocked(0.0, [x * 0.5 for x in xs]) or (math.isnan(got)), n
        arr = np.array(xs)
        want = blocked(1.5, [-x for x in xs])
        assert float_sum_sub(arr, 1.5) == want
    # signed zeros and specials: -0.0 is the identity, so a block of -0.0s sums to -0.0
    assert math.copysign(1, float_sum([-0.0] * 300)) == 1  # 0.0 + -0.0 == 0.0, as in CPython
    assert math.copysign(1, float_sum_sub(np.array([0.0] * 5), -0.0)) == -1
    assert math.isnan(float_sum([1.0, float("inf"), float("-inf")]))
    assert float_sum([1e308] * 4) == float("inf")


def test_min_max_are_cpython_s_even_with_nan_and_zeros(threads):
    rng = random.Random(9)
    cases = [[], [0.0, -0.0], [-0.0, 0.0], [float("nan"), 1.0, -1.0], [1.0, float("nan"), -5.0]]
    cases += [[rng.choice(FLOATS) for _ in range(rng.randrange(1, 600))] for _ in range(20)]
    for xs in cases:
        for lo, hi in [(0.0, 0.0), (-0.0, -0.0), (float("inf"), -float("inf")), (float("nan"), float("nan"))]:
            check(extremes, xs, lo, hi)


@accelerate
def last_values(n: int, xs: list[int]) -> tuple[int, int, int]:
    i = -1
    y = 7
    for i in prange(n):
        y = xs[i] * 2
        t = y + 1
        xs[i] = t
    return i, y, len(xs)


@accelerate
def stencil(u: list[float], out: list[float]) -> None:
    for i in prange(1, len(u) - 1):
        out[i] = 0.25 * u[i - 1] + 0.5 * u[i] + 0.25 * u[i + 1]


@accelerate
def pairwise(x: np.ndarray) -> np.ndarray:
    n = x.shape[0]
    d = np.empty((n, n))
    for i in prange(n):
        for j in range(n):
            s = 0.0
            for k in range(x.shape[1]):
                t = x[i, k] - x[j, k]
                s += t * t
            d[i, j] = math.sqrt(s)
    return d


def test_private_variables_and_the_last_iteration(threads):
    for n in (0, 1, 5, 300):
        check(last_values, n, list(range(300)))
    u = [math.sin(i) for i in range(1000)]
    check(stencil, u, [0.0] * 1000)
    check(stencil, [], [])
    x = np.random.default_rng(1).random((70, 3))
    got = pairwise(x)
    want = pyrite.interpreted(pairwise)(x)
    assert np.array_equal(got, want)


@accelerate
def mandelbrot(h: int, w: int, max_iter: int) -> list[list[int]]:
    rows = [[0] * w for _ in range(h)]
    for y in prange(h):
        row = rows[y]
        ci = -1.0 + 2.0 * y / h
        for x in range(w):
            cr = -2.0 + 3.0 * x / w
            zr = zi = 0.0
            k = 0
            while k < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                k += 1
            row[x] = k
    return rows


@accelerate
def word_lengths(words: list[str], groups: list[list[int]]) -> tuple[int, int]:
    total = 0
    most = 0
    for i in prange(len(words)):
        w = words[i]              # a str handle per iteration, shared between threads
        g = groups[i % len(groups)]  # and a list's
        total += len(w) + len(g)
        most = max(most, len(w.upper()) + sum(g))
    return total, most


def test_containers_shared_between_threads(threads):
    check(mandelbrot, 60, 80, 50)
    rng = random.Random(2)
    words = ["".join(rng.choice("abcßé") for _ in range(rng.randrange(8))) for _ in range(5000)]
    groups = [[rng.randrange(10) for _ in range(rng.randrange(5))] for _ in range(7)]
    for _ in range(3):
        check(word_lengths, words, groups)


@accelerate
def row_sum(a: np.ndarray, i: int) -> float:
    s = 0.0
    for j in prange(a.shape[1]):  # called from a prange loop: runs in order there
        s += a[i, j]
    return s


@accelerate
def nested(a: np.ndarray) -> tuple[np.ndarray, float]:
    out = np.zeros(a.shape[0])
    total = 0.0
    for i in prange(a.shape[0]):
        out[i] = row_sum(a, i)
        for j in prange(a.shape[1]):  # a prange inside a prange: in order
            total += a[i, j]
    return out, total


def test_nested_pranges_run_in_order(threads):
    a = np.random.default_rng(3).random((40, 300))
    out, total = nested(a)
    assert np.array_equal(out, [row_sum(a, i) for i in range(40)])
    assert out[0] == blocked(0.0, list(a[0]))
    want = 0.0  # 40 rows, 40 blocks: each sums its row in order, then they add up in row order
    for i in range(40):
        part = -0.0
        for x in a[i]:
            part += x
        want += part
    assert total == want


@accelerate
def skipping(xs: list[int]) -> tuple[int, int]:
    total = 0
    last = -1
    for i in prange(len(xs)):
        last = i
        if xs[i] % 3 == 0:
            continue
        total += xs[i]
    return total, last


def test_continue_ends_an_iteration(threads):
    for n in (0, 1, 3, 999):
        check(skipping, list(range(n)))


@dataclass
class Particle:
    x: float
    v: float


class Node:
    def __init__(self, value: int):
        self.value = value
        self.other: Node | None = None


@accelerate
def step_all(ps: list[Particle], dt: float) -> tuple[list[Particle], float]:
    out = [Particle(0.0, 0.0)] * len(ps)  # one instance, replaced item by item (freed on some thread)
    moved = 0.0
    for i in prange(len(ps)):
        p = ps[i]
        q = Particle(p.x + p.v * dt, p.v * 0.99)  # made on whichever thread runs the block
        out[i] = q
        moved += q.x - p.x
    return out, moved


@accelerate
def pairs(n: int) -> int:
    total = 0
    for i in prange(n):
        a = Node(i)
        b = Node(2 * i)
        a.other = b
        b.other = a  # a cycle, garbage once the iteration ends: freed when the call returns
        if a.other is not None and b.other is not None:
            total += a.other.value + b.other.value
    return total


@accelerate
def relink(n: int) -> int:
    nodes = [Node(i) for i in range(n)]  # made on the calling thread
    for i in prange(n):
        fresh = Node(nodes[i].value * 2)  # made on whichever thread runs the block
        fresh.other = nodes[i]
        nodes[i] = fresh
    total = 0
    for k in range(n):
        old = nodes[k].other
        if old is not None:
            total += nodes[k].value - old.value
            if k % 3 == 0:
                old.other = nodes[k]  # a cycle: freed when the call returns
    for i in prange(n):
        nodes[i] = Node(-1)  # the others freed here, both those made before the loop and in one
    for node in nodes:
        total += node.value
    return total


def test_instances_made_on_one_thread_freed_on_another(threads):
    for n in (0, 1, 7, 5000):
        check(relink, n)


def test_instances_made_and_freed_in_the_blocks(threads):
    rng = random.Random(4)
    ps = [Particle(rng.random(), rng.random()) for _ in range(3000)]
    out, moved = step_all(ps, 0.5)
    want_out, _ = pyrite.interpreted(step_all)(ps, 0.5)
    assert out == want_out
    assert moved == blocked(0.0, [q.x - p.x for p, q in zip(ps, want_out)])
    for n in (0, 1, 1000):
        check(pairs, n)


@accelerate
def first_error(xs: list[int]) -> int:
    total = 0
    for i in prange(len(xs)):
        if xs[i] < 0:
            raise ValueError("negative item at " + str(i))
        total += 100 // xs[i]
    return total


@accelerate
def index_error(xs: list[float], idx: list[int]) -> float:
    s = 0.0
    for i in prange(len(idx)):
        s += xs[idx[i]]
    return s


def test_the_first_iteration_s_exception_is_raised(threads):
    xs = [5] * 1000
    for bad in ([3], [999], [500, 20, 900], [7, 6], list(range(0, 1000, 3))):
        ys = list(xs)
        for b in bad:
            ys[b] = -b - 1
        check(first_error, ys)
    zs = list(xs)
    zs[400] = 0
    zs[600] = -1
    check(first_error, zs)  # ZeroDivisionError at 400 comes before ValueError at 600
    check(index_error, [1.0, 2.0], [0, 1, 1, 5, 0, -9])
    check(index_error, [1.0, 2.0], [0, 1] * 1000 + [2] + [7] * 10)


def test_the_traceback_names_the_line_in_the_loop():
    import traceback
    ys = [5] * 600
    ys[321] = -1
    with pytest.raises(ValueError) as e:
        first_error(ys)
    lines = [f.line for f in traceback.extract_tb(e.value.__traceback__)]
    assert any("raise ValueError" in (line or "") for line in lines), lines


@accelerate
def apply(f: Callable[[float], float], xs: list[float]) -> list[float]:
    out = [0.0] * len(xs)
    for i in prange(len(xs)):
        out[i] = f(xs[i])
    return out


def test_python_callables_take_the_gil_from_any_thread(threads):
    idents = set()

    def slow_square(x):
        idents.add(threading.get_ident())
        time.sleep(0.0005)
        return x * x

    xs = [float(i) for i in range(64)]
    assert apply(slow_square, xs) == [x * x for x in xs]
    # the iterations ran on as many threads as asked (each sleep lets another take the GIL)
    assert len(idents) == threads


def test_thread_count_control():
    before = pyrite.get_num_threads()
    try:
        pyrite.set_num_threads(2)
        assert pyrite.get_num_threads() == 2
        with pytest.raises(ValueError, match="between 1 and 4096"):
            pyrite.set_num_threads(0)
        with pytest.raises(TypeError):
            pyrite.set_num_threads("2")
    finally:
        pyrite.set_num_threads(before)
    assert list(prange(2, 10, 3)) == [2, 5, 8]  # interpreted, prange is range


def test_the_thread_count_comes_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys
    from difftest import sanitizer_env
    env = {"PATH": os.environ["PATH"], "PYRITE_NUM_THREADS": "3", **sanitizer_env()}
    out = subprocess.run([sys.executable, "-c", "import pyrite; print(pyrite.get_num_threads())"],
                         env=env, capture_output=True, text=True, cwd=tmp_path)
    assert out.stdout.strip() == "3", out.stderr


PROBLEMS = {
    "append": ("out = []\n    for i in prange(n):\n        out.append(i)\n    return len(out)",
               "'append()' changes 'out', which the iterations of a prange loop share"),
    "carried": ("x = 0\n    for i in prange(n):\n        x = x * 2 + i\n    return x",
                "'x' is read before this iteration of the prange loop assigns it"),
    "return": ("for i in prange(n):\n        if i == 3:\n            return i\n    return -1",
               "'return' inside a prange loop"),
    "break": ("for i in prange(n):\n        if i == 3:\n            break\n    return 0",
              "'break' out of a prange loop"),
    "reduction_read": ("t = 0\n    for i in prange(n):\n        t += i\n        k = t * 2\n    return t",
                       "updated as a reduction and also read inside the prange loop"),
    "some_iterations": ("y = 0\n    for i in prange(n):\n        if i % 2:\n            y = i\n    return y",
                        "'y' is assigned in some iterations of the prange loop only and read after it"),
    "continued": ("y = 0\n    for i in prange(n):\n        if i % 3 == 0:\n            continue\n        y = i\n    return y",
                  "'y' is assigned in some iterations of the prange loop only and read after it"),
    "histogram": ("h = [0] * 10\n    for i in prange(n):\n        h[i % 10] += 1\n    return h[0]",
                  "a store into 'h' at an index that is not the prange loop's variable"),
    "permuted": ("xs = list(range(n))\n    out = [0] * n\n    for i in prange(n):\n        out[xs[i]] = i\n    return out[0]",
                 "a store into 'out' at an index that is not the prange loop's variable"),
    "dict": ("d = {0: 1}\n    for i in prange(n):\n        d[i] = i\n    return len(d)",
             "changing 'd', which the iterations of a prange loop share"),
    "mixed": ("t = 1\n    for i in prange(n):\n        t += i\n        t *= 2\n    return t",
              "combined with two different operations"),
    "random": ("t = 0.0\n    for i in prange(n):\n        t += random.random()\n    return int(t)",
               "inside a prange loop"),
}


@pytest.mark.parametrize("case", sorted(PROBLEMS))
def test_what_a_prange_body_may_not_do(tmp_path, case):
    body, message = PROBLEMS[case]
    text = ("import random\nfrom pyrite import accelerate, prange\n\n@accelerate\ndef f(n: int) -> int:\n    "
            + body + "\n")
    err = compile_error(tmp_path, f"prange_{case}", text, 10)
    assert message in err, err
    assert err.count("error:") == 1, err  # one root cause, one message


@accelerate
def escape_counts_parallel(n: int, max_iter: int) -> int:
    # an unrolled escape loop and a nest-versioned pair of loops inside a prange body
    total = 0
    for i in prange(n):
        cy = -1.0 + 2.0 * i / n
        for j in range(n):
            x = y = 0.0
            k = 0
            while k < max_iter and x * x + y * y <= 4.0:
                x, y = x * x - y * y - 0.5 + 1.5 * j / n, 2.0 * x * y + cy
                k += 1
            total += k
    return total


def test_unrolled_loops_in_prange_bodies():
    for n, m in ((0, 5), (7, 0), (13, 50), (31, 3)):
        check(escape_counts_parallel, n, m)
