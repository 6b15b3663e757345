"""Numba's versions of class_kernels.py, with @jitclass and its spec (Numba does not compile
plain classes): what run.py compares pyrite's plain classes against. Imported only where
Numba is installed. The tree and scheduler benchmarks need recursive class types, which
jitclass supports only through deferred types; they are left out."""
import math

from numba import float64, njit
from numba.experimental import jitclass
from numba.typed import List

_body_spec = [(name, float64) for name in ("x", "y", "z", "vx", "vy", "vz", "mass")]


@jitclass(_body_spec)
class Body:
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x, self.y, self.z, self.vx, self.vy, self.vz, self.mass = x, y, z, vx, vy, vz, mass


@njit(cache=False)
def nbody_objects(steps):
    dpy = 365.24
    sm = 4 * 3.141592653589793 * 3.141592653589793
    bodies = List()
    bodies.append(Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, sm))
    bodies.append(Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
                       1.66007664274403694e-03 * dpy, 7.69901118419740425e-03 * dpy, -6.90460016972063023e-05 * dpy,
                       9.54791938424326609e-04 * sm))
    bodies.append(Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
                       -2.76742510726862411e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.30417297573763929e-05 * dpy,
                       2.85885980666130812e-04 * sm))
    bodies.append(Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
                       2.96460137564761618e-03 * dpy, 2.37847173959480950e-03 * dpy, -2.96589568540237556e-05 * dpy,
                       4.36624404335156298e-05 * sm))
    bodies.append(Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
                       2.68067772490389322e-03 * dpy, 1.62824170038242295e-03 * dpy, -9.51592254519715870e-05 * dpy,
                       5.15138902046611451e-05 * sm))
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


@jitclass([("x", float64), ("y", float64), ("z", float64)])
class Vec3:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def add(self, o):
        return Vec3(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec3(self.x - o.x, self.y - o.y, self.z - o.z)

    def mul(self, k):
        return Vec3(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def unit(self):
        return self.mul(1.0 / math.sqrt(self.dot(self)))


@jitclass([("center", Vec3.class_type.instance_type), ("radius", float64), ("shade", float64)])
class Sphere:
    def __init__(self, center, radius, shade):
        self.center, self.radius, self.shade = center, radius, shade

    def hit(self, origin, direction):
        oc = origin.sub(self.center)
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        return -b - math.sqrt(disc)


@njit(cache=False)
def raytrace(width, height):
    spheres = List()
    spheres.append(Sphere(Vec3(0.0, -1.0, 3.0), 1.0, 0.9))
    spheres.append(Sphere(Vec3(2.0, 0.0, 4.0), 1.0, 0.6))
    spheres.append(Sphere(Vec3(-2.0, 0.0, 4.0), 1.0, 0.3))
    spheres.append(Sphere(Vec3(0.0, -5001.0, 0.0), 5000.0, 0.5))
    light = Vec3(1.0, 1.0, -1.0).unit()
    eye = Vec3(0.0, 0.0, 0.0)
    total = 0.0
    for py in range(height):
        for px in range(width):
            d = Vec3((px - width / 2) / width, -(py - height / 2) / height, 1.0).unit()
            nearest = 1e30
            found = -1
            for k in range(len(spheres)):
                t = spheres[k].hit(eye, d)
                if t > 1e-6 and t < nearest:
                    nearest = t
                    found = k
            if found >= 0:
                s = spheres[found]
                p = eye.add(d.mul(nearest))
                normal = p.sub(s.center).unit()
                lam = normal.dot(light)
                total += s.shade * (lam if lam > 0.0 else 0.0)
    return total


KERNELS = {"nbody_objects": nbody_objects, "raytrace": raytrace}
