"""The standard library in hot loops (issue 19): random's draws on CPython's own generator and
heapq's Dijkstra and a deque's BFS, against CPython, a C++ version (cpp/kernels.cpp:
std::mt19937_64, std::priority_queue, std::deque) and Numba (whose random keeps its own generator state)."""
import heapq
import random
from collections import deque

from pyrite import accelerate


def mc_pi_py(n: int) -> float:
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


mc_pi = accelerate(mc_pi_py)


def grid_dijkstra_py(side: int) -> float:
    n = side * side
    dist = [1e300] * n
    dist[0] = 0.0
    h = [(0.0, 0)]
    while h:
        d, u = heapq.heappop(h)
        if d > dist[u]:
            continue
        r = u // side
        c = u % side
        for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if rr < 0 or rr >= side or cc < 0 or cc >= side:
                continue
            v = rr * side + cc
            nd = d + 1.0 + ((u * 7 + v * 13) % 10) / 10.0
            if nd < dist[v]:
                dist[v] = nd
                heapq.heappush(h, (nd, v))
    return dist[n - 1]


grid_dijkstra = accelerate(grid_dijkstra_py)

def grid_bfs_py(side: int) -> int:
    n = side * side
    dist = [-1] * n
    dist[0] = 0
    q = deque([0])
    while q:
        u = q.popleft()
        r = u // side
        c = u % side
        for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if rr < 0 or rr >= side or cc < 0 or cc >= side:
                continue
            v = rr * side + cc
            if dist[v] < 0 and (v * 7) % 11 != 0:
                dist[v] = dist[u] + 1
                q.append(v)
    return sum(dist)


grid_bfs = accelerate(grid_bfs_py)

# name, compiled, args, draws or items per call (for a per-item time), CPython's args, scale
KERNELS = [
    ("mc_pi", mc_pi, (4_000_000,), 8_000_000, (400_000,), 10),
    ("grid_dijkstra", grid_dijkstra, (400,), 160_000, (100,), 16),
    ("grid_bfs", grid_bfs, (600,), 360_000, (150,), 16),
]
