# Python complex is std::complex<double> computed by complex.hpp's CPython routines, never by
# std::complex's operators (C's Annex G __muldc3/__divdc3 round and treat inf differently);
# an int or float operand is made complex first, as CPython's TO_COMPLEX does.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


@accelerate
def mix(z: complex, x: float, n: int) -> bool:
    # CHECK-LABEL: static bool f0_mix(std::complex<double> v_z, double v_x, pyrite::i64 v_n) {
    # CHECK: v_w = pyrite::cx::mul(v_z, std::complex<double>(static_cast<double>(v_x), 0.0));
    w = z * x
    # CHECK: v_q = pyrite::cx::truediv(pyrite::cx::add(v_w, std::complex<double>(0.0, 1.5)), v_z);
    q = (w + 1.5j) / z
    # CHECK: v_p = pyrite::cx::pow(v_q, std::complex<double>(static_cast<double>(v_n), 0.0));
    p = q ** n
    # == with an int compares exactly (complex(2**53) != 2**53 + 1)
    # CHECK: return pyrite::cx::eq(v_p, v_n);
    return p == n
