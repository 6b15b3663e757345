# opt/fusion.cpp: inline-temporaries substitutes an array temporary into its one use;
# fuse marks element-wise expressions that run as one loop, and sums that add as they compute.
# RUN: %pyrite ir %s --print-after callgraph | FileCheck %s --check-prefix=BEFORE
# RUN: %pyrite ir %s --print-after inline-temporaries | FileCheck %s --check-prefix=INLINE
# RUN: %pyrite ir %s --print-after fuse | FileCheck %s --check-prefix=FUSE
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
# codegen: each distinct computation of one item is a struct of the module, declared first
# CPP: struct [[NORM:fused_[0-9]+]] { auto operator()(auto x0, auto x1) const { return pyrite::np::op_mul::call<double>(pyrite::np::op_sub::call<double>(x0, x1), pyrite::np::op_sub::call<double>(x0, x1)); } };
# CPP: struct [[AXPY:fused_[0-9]+]] { auto operator()(auto x0, auto x1, auto x2) const { return pyrite::np::op_add::call<double>(pyrite::np::op_mul::call<double>(x0, x1), pyrite::np::u_sqrt::call<double>(x2)); } };
# CPP: struct [[MUL:fused_[0-9]+]] { auto operator()(auto x0, auto x1) const { return pyrite::np::op_mul::call<double>(x0, x1); } };
# CPP: struct [[SUB:fused_[0-9]+]] { auto operator()(auto x0, auto x1) const { return pyrite::np::op_sub::call<double>(x0, x1); } };
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
    # CPP: pyrite::np::sum_fused<double>(INT64_C(1), [[NORM]]{}, x0, x1)
    diff = x[:, None] - y[None, :]
    return np.sqrt((diff * diff).sum(axis=1))


@accelerate
def axpy(a: float, x: f64[:], y: f64[:]) -> f64[:]:
    # FUSE-LABEL: def @axpy
    # FUSE: return (fused (add (mul %a:float %x:f64[:]):f64[:] (intrinsic np.sqrt %y:f64[:]):f64[:]):f64[:])
    # CPP-LABEL: static {{.*}} f1_axpy({{.*}}) {
    # CPP: pyrite::np::zip_fn<double>([[AXPY]]{}, x0, x1, x2)
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
    # CPP: pyrite::np::sum_zip<double>([[MUL]]{}, x0, x1)
    # CPP: pyrite::np::mean_zip<double>([[SUB]]{}, x0, x1)
    s = np.sum(x * y)
    t = np.sum(np.arange(n) * 2)
    m = np.mean(x - y)
    return s + t + m


@accelerate
def rows(p: f64[:, :], c: f64[:, :], w: f64[:], i: int, k: int) -> float:
    # an operand read before any operation runs may raise (p[i], c[k]: Python reads them first
    # too), one read after an operation ran may not (w[k] after the subtraction): not fused
    # FUSE-LABEL: def @rows
    # FUSE: %d = (fused-sum (intrinsic np.sum (pow (sub (index %p:f64[:, :] %i:int):f64[:] (index %c:f64[:, :] %k:int):f64[:]):f64[:] 2:int)
    # FUSE: %e = (intrinsic np.sum (mul (sub (index %p:f64[:, :] %i:int):f64[:] (index %c:f64[:, :] %k:int):f64[:]):f64[:] (index %w:f64[:] %k:int)
    d = np.sum((p[i] - c[k]) ** 2)
    e = np.sum((p[i] - c[k]) * w[k])
    return d + e
