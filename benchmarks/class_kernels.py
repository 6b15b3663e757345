"""Benchmarks written with classes, as people write them (issue 14): an n-body with a Body
dataclass, a ray tracer with a small Vec3 class and operator dunders, binary trees (allocation),
and an object graph of tasks and queues; the ray tracer again with NamedTuples (values, no
allocation) for its vectors and spheres. The C++ versions with structs are in
benchmarks/cpp/kernels.cpp; run.py prints the ratios (and Numba's jitclass where it runs them).
"""
import math
from dataclasses import dataclass
from typing import NamedTuple

from pyrite import accelerate

PI = 3.141592653589793
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


@dataclass
class Body:
    x: float
    y: float
    z: float
    vx: float
    vy: float
    vz: float
    mass: float


@accelerate
def nbody_objects(steps: int) -> float:
    dpy = 365.24
    sm = 4 * 3.141592653589793 * 3.141592653589793
    bodies = [
        Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, sm),
        Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
             1.66007664274403694e-03 * dpy, 7.69901118419740425e-03 * dpy, -6.90460016972063023e-05 * dpy,
             9.54791938424326609e-04 * sm),
        Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
             -2.76742510726862411e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.30417297573763929e-05 * dpy,
             2.85885980666130812e-04 * sm),
        Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
             2.96460137564761618e-03 * dpy, 2.37847173959480950e-03 * dpy, -2.96589568540237556e-05 * dpy,
             4.36624404335156298e-05 * sm),
        Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
             2.68067772490389322e-03 * dpy, 1.62824170038242295e-03 * dpy, -9.51592254519715870e-05 * dpy,
             5.15138902046611451e-05 * sm),
    ]
    px = py = pz = 0.0
    for b in bodies:
        px += b.vx * b.mass
        py += b.vy * b.mass
        pz += b.vz * b.mass
    sun = bodies[0]
    sun.vx = -px / sm
    sun.vy = -py / sm
    sun.vz = -pz / sm
    n = len(bodies)
    dt = 0.01
    for _ in range(steps):
        for i in range(n):
            bi = bodies[i]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = bi.x - bj.x
                dy = bi.y - bj.y
                dz = bi.z - bj.z
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                bim = bi.mass * mag
                bjm = bj.mass * mag
                bi.vx -= dx * bjm
                bi.vy -= dy * bjm
                bi.vz -= dz * bjm
                bj.vx += dx * bim
                bj.vy += dy * bim
                bj.vz += dz * bim
        for b in bodies:
            b.x += dt * b.vx
            b.y += dt * b.vy
            b.z += dt * b.vz
    e = 0.0
    for i in range(n):
        bi = bodies[i]
        e += 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi.x - bj.x
            dy = bi.y - bj.y
            dz = bi.z - bj.z
            e -= bi.mass * bj.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


class Vec3:
    def __init__(self, x: float, y: float, z: float):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o: "Vec3") -> "Vec3":
        return Vec3(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o: "Vec3") -> "Vec3":
        return Vec3(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k: float) -> "Vec3":
        return Vec3(self.x * k, self.y * k, self.z * k)

    def dot(self, o: "Vec3") -> float:
        return self.x * o.x + self.y * o.y + self.z * o.z

    def unit(self) -> "Vec3":
        return self * (1.0 / math.sqrt(self.dot(self)))


class Sphere:
    def __init__(self, center: Vec3, radius: float, shade: float):
        self.center = center
        self.radius = radius
        self.shade = shade

    def hit(self, origin: Vec3, direction: Vec3) -> float:
        """The distance along the ray to the sphere, or -1.0."""
        oc = origin - self.center
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        return -b - math.sqrt(disc)


@accelerate
def raytrace(width: int, height: int) -> float:
    spheres = [Sphere(Vec3(0.0, -1.0, 3.0), 1.0, 0.9), Sphere(Vec3(2.0, 0.0, 4.0), 1.0, 0.6),
               Sphere(Vec3(-2.0, 0.0, 4.0), 1.0, 0.3), Sphere(Vec3(0.0, -5001.0, 0.0), 5000.0, 0.5)]
    light = Vec3(1.0, 1.0, -1.0).unit()
    eye = Vec3(0.0, 0.0, 0.0)
    total = 0.0
    for py in range(height):
        for px in range(width):
            d = Vec3((px - width / 2) / width, -(py - height / 2) / height, 1.0).unit()
            nearest = 1e30
            found: Sphere | None = None
            for s in spheres:
                t = s.hit(eye, d)
                if t > 1e-6 and t < nearest:
                    nearest = t
                    found = s
            if found is not None:
                p = eye + d * nearest
                normal = (p - found.center).unit()
                lam = normal.dot(light)
                total += found.shade * (lam if lam > 0.0 else 0.0)
    return total


class V3(NamedTuple):
    """Vec3 as a value: a NamedTuple is a C++ tuple in compiled code, made with no allocation."""
    x: float
    y: float
    z: float

    def __add__(self, o: "V3") -> "V3":
        return V3(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o: "V3") -> "V3":
        return V3(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k: float) -> "V3":
        return V3(self.x * k, self.y * k, self.z * k)

    def dot(self, o: "V3") -> float:
        return self.x * o.x + self.y * o.y + self.z * o.z

    def unit(self) -> "V3":
        return self * (1.0 / math.sqrt(self.dot(self)))


class Ball(NamedTuple):
    center: V3
    radius: float
    shade: float

    def hit(self, origin: V3, direction: V3) -> float:
        oc = origin - self.center
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        return -b - math.sqrt(disc)


@accelerate
def raytrace_values(width: int, height: int) -> float:
    """raytrace with the vectors and spheres as NamedTuples (values) instead of instances."""
    spheres = [Ball(V3(0.0, -1.0, 3.0), 1.0, 0.9), Ball(V3(2.0, 0.0, 4.0), 1.0, 0.6),
               Ball(V3(-2.0, 0.0, 4.0), 1.0, 0.3), Ball(V3(0.0, -5001.0, 0.0), 5000.0, 0.5)]
    light = V3(1.0, 1.0, -1.0).unit()
    eye = V3(0.0, 0.0, 0.0)
    total = 0.0
    for py in range(height):
        for px in range(width):
            d = V3((px - width / 2) / width, -(py - height / 2) / height, 1.0).unit()
            nearest = 1e30
            found = -1
            for k in range(len(spheres)):
                t = spheres[k].hit(eye, d)
                if t > 1e-6 and t < nearest:
                    nearest = t
                    found = k
            if found >= 0:
                s = spheres[found]
                p = eye + d * nearest
                normal = (p - s.center).unit()
                lam = normal.dot(light)
                total += s.shade * (lam if lam > 0.0 else 0.0)
    return total


class TreeNode:
    def __init__(self, left: "TreeNode | None", right: "TreeNode | None"):
        self.left = left
        self.right = right


@accelerate
def make_tree(depth: int) -> TreeNode:
    if depth == 0:
        return TreeNode(None, None)
    return TreeNode(make_tree(depth - 1), make_tree(depth - 1))


@accelerate
def check_tree(node: TreeNode) -> int:
    left = node.left
    right = node.right
    if left is None or right is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


@accelerate
def binary_trees(max_depth: int) -> int:
    # the benchmarks game's binary-trees: many short-lived trees, one long-lived
    min_depth = 4
    long_lived = make_tree(max_depth)
    total = 0
    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        for _ in range(iterations):
            total += check_tree(make_tree(depth))
    return total + check_tree(long_lived)


class Task:
    def __init__(self, ident: int, priority: int, work: int):
        self.ident = ident
        self.priority = priority
        self.work = work
        self.done = 0
        self.next: Task | None = None


class Scheduler:
    def __init__(self):
        self.head: Task | None = None
        self.count = 0
        self.switches = 0

    def add(self, task: Task) -> None:
        # insert by priority (higher first): a linked list, as a richards-style scheduler keeps it
        self.count += 1
        if self.head is None or task.priority > self.head.priority:
            task.next = self.head
            self.head = task
            return
        node = self.head
        while node.next is not None and node.next.priority >= task.priority:
            node = node.next
        task.next = node.next
        node.next = task

    def pop(self) -> Task | None:
        task = self.head
        if task is not None:
            self.head = task.next
            task.next = None
            self.count -= 1
        return task


@accelerate
def scheduler(ntasks: int, quantum: int) -> int:
    s = Scheduler()
    seed = 12345
    for i in range(ntasks):
        seed = (seed * 1103515245 + 12345) % 2147483648
        s.add(Task(i, seed % 16, 1 + seed % 97))
    checksum = 0
    task = s.pop()
    while task is not None:
        step = quantum if task.work - task.done > quantum else task.work - task.done
        task.done += step
        s.switches += 1
        if task.done < task.work:
            task.priority = (task.priority + 3) % 16
            s.add(task)
        else:
            checksum += task.ident * s.switches % 1000
        task = s.pop()
    return checksum + s.switches


KERNELS = [
    ("nbody_objects", nbody_objects, (200_000,), (20_000,), 10.0),
    ("raytrace", raytrace, (400, 300), (100, 75), 16.0),
    ("raytrace_values", raytrace_values, (400, 300), (100, 75), 16.0),  # the same C++ (structs by value)
    ("binary_trees", binary_trees, (16,), (12,), 22.4),  # 7 * 2^21 nodes made against 5 * 2^17
    ("scheduler", scheduler, (4000, 7), (1000, 7), 16.0),
]
