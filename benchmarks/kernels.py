"""Benchmark kernels: plain annotated Python, compiled by pyrite, run by CPython for reference."""
import math


from pyrite import accelerate


def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@accelerate
def collatz_total(limit: int) -> int:
    total = 0
    for n in range(1, limit):
        total += collatz_len(n)
    return total


@accelerate
def mandel_grid(size: int, max_iter: int) -> int:
    total = 0
    for y in range(size):
        ci = -1.5 + 3.0 * y / size
        for x in range(size):
            cr = -2.0 + 3.0 * x / size
            zr = zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            total += i
    return total


@accelerate
def integrate_sin(n: int) -> float:
    h = math.pi / n
    total = 0.0
    for i in range(n):
        total += math.sin((i + 0.5) * h)
    return total * h


@accelerate
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@accelerate
def gcd_sum(n: int) -> int:
    total = 0
    for a in range(1, n):
        for b in range(1, n):
            x, y = a, b
            while y:
                x, y = y, x % y
            total += x
    return total


@accelerate
def sieve(n: int) -> int:
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def lcg(state: int) -> int:
    """MINSTD (Park-Miller): the same numbers in Python, pyrite and C++, no overflow in 64 bits."""
    return state * 48271 % 2147483647


@accelerate
def word_freq(nwords: int, vocab: int, seed: int) -> int:
    # a generated text, then the classic count: split, dict.get, +1
    words: list[str] = []
    state = seed
    for _ in range(nwords):
        state = lcg(state)
        words.append(f"w{state % vocab}")
    text = " ".join(words)
    counts: dict[str, int] = {}
    for rounds in range(5):
        for w in text.split():
            counts[w] = counts.get(w, 0) + 1
    best = 0
    for c in counts.values():
        if c > best:
            best = c
    return len(counts) * 1_000_000 + best


@accelerate
def bfs_total(nodes: int, degree: int, seed: int, sources: int) -> int:
    # a random graph as a dict of adjacency lists, then BFS from several sources
    graph: dict[int, list[int]] = {}
    state = seed
    for u in range(nodes):
        adj: list[int] = []
        for _ in range(degree):
            state = lcg(state)
            adj.append(state % nodes)
        graph[u] = adj
    total = 0
    for s in range(sources):
        dist = {s: 0}
        frontier = [s]
        while frontier:
            nxt: list[int] = []
            for u in frontier:
                du = dist[u] + 1
                for v in graph[u]:
                    if v not in dist:
                        dist[v] = du
                        nxt.append(v)
            frontier = nxt
        for d in dist.values():
            total += d
    return total


@accelerate
def fannkuch(n: int) -> int:
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    r = n
    nperm = 0
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if nperm % 2 == 0 else -flips
        while True:
            if r == n:
                return checksum * 1000 + max_flips
            perm0 = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = perm0
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        nperm += 1


@accelerate
def nbody(steps: int) -> float:
    # the classic n-body benchmark, bodies as lists: [x, y, z, vx, vy, vz, mass]
    pi = 3.141592653589793
    solar_mass = 4 * pi * pi
    dpy = 365.24
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar_mass],
        [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * dpy, 7.69901118419740425e-03 * dpy, -6.90460016972063023e-05 * dpy,
         9.54791938424326609e-04 * solar_mass],
        [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.30417297573763929e-05 * dpy,
         2.85885980666130812e-04 * solar_mass],
        [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * dpy, 2.37847173959480950e-03 * dpy, -2.96589568540237556e-05 * dpy,
         4.36624404335156298e-05 * solar_mass],
        [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * dpy, 1.62824170038242295e-03 * dpy, -9.51592254519715870e-05 * dpy,
         5.15138902046611451e-05 * solar_mass],
    ]
    n = len(bodies)
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    bodies[0][3] = -px / solar_mass
    bodies[0][4] = -py / solar_mass
    bodies[0][5] = -pz / solar_mass
    dt = 0.01
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = bi[0] - bj[0]
                dy = bi[1] - bj[1]
                dz = bi[2] - bj[2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                bim = bi[6] * mag
                bjm = bj[6] * mag
                bi[3] -= dx * bjm
                bi[4] -= dy * bjm
                bi[5] -= dz * bjm
                bj[3] += dx * bim
                bj[4] += dy * bim
                bj[5] += dz * bim
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]
    e = 0.0
    for i in range(n):
        bi = bodies[i]
        e += 0.5 * bi[6] * (bi[3] * bi[3] + bi[4] * bi[4] + bi[5] * bi[5])
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            e -= bi[6] * bj[6] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def eval_a(i: int, j: int) -> float:
    # the infinite matrix A of the spectral-norm benchmark: its ints are indexes below n
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_a(u: list[float], n: int) -> list[float]:
    out = [0.0] * n
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(i, j) * u[j]
        out[i] = s
    return out


def times_at(u: list[float], n: int) -> list[float]:
    out = [0.0] * n
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_a(j, i) * u[j]
        out[i] = s
    return out


@accelerate
def spectral_norm(n: int) -> float:
    u = [1.0] * n
    v = [0.0] * n
    for _ in range(10):
        v = times_at(times_a(u, n), n)
        u = times_at(times_a(v, n), n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


@accelerate
def call_overhead(n: int, x: float) -> float:
    return n * x


# name, function, arguments for compiled/C++ runs, arguments for CPython (smaller where slow), scale
KERNELS = [
    ("collatz_total", collatz_total, (1_000_000,), (100_000,), 10.0),
    ("mandel_grid", mandel_grid, (400, 200), (100, 200), 16.0),
    ("integrate_sin", integrate_sin, (5_000_000,), (500_000,), 10.0),
    ("fib", fib, (30,), (24,), 17.94),  # fib(30) does ~17.9x the calls of fib(24)
    ("gcd_sum", gcd_sum, (1000,), (300,), 11.1),
    ("sieve", sieve, (10_000_000,), (1_000_000,), 10.0),
    ("word_freq", word_freq, (200_000, 5000, 42), (200_000, 5000, 42), 1.0),
    ("bfs_total", bfs_total, (100_000, 4, 7, 10), (100_000, 4, 7, 10), 1.0),
    ("fannkuch", fannkuch, (9,), (8,), 9.0),
    ("nbody", nbody, (200_000,), (20_000,), 10.0),
    ("spectral_norm", spectral_norm, (400,), (100,), 16.0),
]
