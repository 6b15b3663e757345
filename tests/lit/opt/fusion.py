# opt/fusion.cpp: inline-temporaries substitutes an array temporary into its one use;
# fuse marks element-wise expressions that run as one loop, and sums that add as they compute.
# RUN: %pyrite ir %s --print-after callgraph | FileCheck %s --check-prefix=BEFORE
# RUN: %pyrite ir %s --print-after inline-temporaries | FileCheck %s --check-prefix=INLINE
# RUN: %pyrite ir %s --print-after fuse | FileCheck %s --check-prefix=FUSE
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
import numpy as np

from pyrite import accelerate, f64


@accelerate
def norms(x: f64[:], y: f64[:]) -> f64[:]:
    # BEFORE-LABEL: def @norms
    # BEFORE: %diff = (sub
    # BEFORE: return (intrinsic np.sqrt (intrinsic np.sum (mul %diff:f64[:, :] %diff:f64[:, :])
    # INLINE-LABEL: def @norms
    # INLINE-NOT: %diff =
    # INLINE: return (intrinsic np.sqrt (intrinsic np.sum (mul (sub (index %x
    # FUSE-LABEL: def @norms
    # FUSE: return (intrinsic np.sqrt (fused-sum (intrinsic np.sum (mul (sub
    # CPP-LABEL: static {{.*}} f0_norms({{.*}}) {
    # CPP: pyrite::np::sum_fused<double>(INT64_C(1), [](auto x0, auto x1)
    diff = x[:, None] - y[None, :]
    return np.sqrt((diff * diff).sum(axis=1))


@accelerate
def axpy(a: float, x: f64[:], y: f64[:]) -> f64[:]:
    # FUSE-LABEL: def @axpy
    # FUSE: return (fused (add (mul %a:float %x:f64[:]):f64[:] (intrinsic np.sqrt %y:f64[:]):f64[:]):f64[:])
    # CPP-LABEL: static {{.*}} f1_axpy({{.*}}) {
    # CPP: pyrite::np::zip_fn<double>([](auto x0, auto x1, auto x2) { return pyrite::np::op_add::call<double>(pyrite::np::op_mul::call<double>(x0, x1), pyrite::np::u_sqrt::call<double>(x2)); }, x0, x1, x2)
    return a * x + np.sqrt(y)


@accelerate
def single(x: f64[:], y: f64[:]) -> f64[:]:
    # one operation has nothing to fuse: NumPy's own loop
    # FUSE-LABEL: def @single
    # FUSE: return (add %x:f64[:] %y:f64[:]):f64[:]
    return x + y


@accelerate
def kept(x: f64[:], y: f64[:]) -> f64[:]:
    # a temporary read twice, or by a later statement, stays
    # INLINE-LABEL: def @kept
    # INLINE: %t = (mul %x:f64[:] %y:f64[:]):f64[:]
    t = x * y
    u = t + 1.0
    return u + t


@accelerate
def whole(x: f64[:], y: f64[:], n: int) -> float:
    # np.sum of an element-wise expression with no axis adds its items as they are computed, in
    # NumPy's pairwise order (numpy.hpp's sum_zip): no temporary; ints (np.sum of an int
    # expression) are not fused, nor an operand that can raise before the others are read
    # FUSE-LABEL: def @whole
    # FUSE: %s = (fused-sum (intrinsic np.sum (mul %x:f64[:] %y:f64[:]):f64[:] None:None
    # FUSE: %t = (intrinsic np.sum (mul (intrinsic np.arange %n:int
    # FUSE: %m = (fused-sum (intrinsic np.mean (sub %x:f64[:] %y:f64[:]):f64[:] None:None
    # CPP-LABEL: static {{.*}} f4_whole({{.*}}) {
    # CPP: pyrite::np::sum_zip<double>([](auto x0, auto x1) { return pyrite::np::op_mul::call<double>(x0, x1); }, x0, x1)
    # CPP: pyrite::np::mean_zip<double>([](auto x0, auto x1) { return pyrite::np::op_sub::call<double>(x0, x1); }, x0, x1)
    s = np.sum(x * y)
    t = np.sum(np.arange(n) * 2)
    m = np.mean(x - y)
    return s + t + m
