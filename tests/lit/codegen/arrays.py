# NumPy arrays: an argument is a strided view of the caller's buffer (never copied),
# items are read with one bounds check per index, rows and slices are views; an
# innermost range loop whose checks can be decided before it runs a copy without them.
# RUN: %pyrite cpp %s | FileCheck %s
# A fused loop's computation of one item is a struct of the module (emit_numpy.cpp's fuse), one
# per distinct computation, declared first:
# CHECK: struct [[SQRT:fused_[0-9]+]] { auto operator()(auto x0, auto x1, auto x2) const { return pyrite::np::u_sqrt::call<double>(pyrite::np::op_add::call<double>(pyrite::np::op_mul::call<double>(x0, x1), x2)); } };
# CHECK: struct [[WHERE:fused_[0-9]+]] { auto operator()(auto x0, auto x1, auto x2, auto x3) const { return pyrite::np::u_where::call<double>(pyrite::np::op_cmp<pyrite::np::gt, double>::call<bool>(pyrite::np::op_add::call<std::int8_t>(x0, x1), x2), x3, pyrite::np::op_neg::call<double>(x3)); } };
# CHECK: struct [[DIST:fused_[0-9]+]] { auto operator()(auto x0, auto x1) const { return pyrite::np::op_mul::call<double>(pyrite::np::op_sub::call<double>(x0, x1), pyrite::np::op_sub::call<double>(x0, x1)); } };
import numpy as np
from pyrite import accelerate, f32, f64, i8


@accelerate
def trace(a: f64[:, :]) -> float:
    # CHECK-LABEL: PyObject* py_f0_trace(
    # CHECK: pyrite::Array<double, 2> arg0{};
    # CHECK: from_py(slots[0], &arg0, {"trace", "a", nullptr, -1, &boundary})
    # CHECK-LABEL: static double f0_trace(pyrite::Array<double, 2> v_a) {
    # CHECK: if (start_0 >= 0 && stop_0 <= v_a.shape[0] && start_0 >= 0 && stop_0 <= v_a.shape[1]) {
    # CHECK: v_a.template get_m<3u>(v_i, v_i)
    # CHECK: } else {
    # CHECK: v_a.get(v_i, v_i)
    t = 0.0
    for i in range(min(a.shape[0], a.shape[1])):
        t += a[i, i]
    return t


@accelerate
def interior(a: f64[:, :]) -> float:
    # CHECK-LABEL: static double f1_interior(pyrite::Array<double, 2> v_a) {
    # CHECK: pyrite::array_view<2>(v_a, pyrite::SliceSpec{true, INT64_C(1), true, INT64_C(-1), false, 0}, pyrite::SliceSpec{false, 0, false, 0, true, INT64_C(2)})
    # CHECK: pyrite::np::sum<double>(v_a.row(INT64_C(0)), pyrite::np::none_arg{})
    # CHECK: pyrite::np::add<double>(o{{[0-9]+}}, o{{[0-9]+}})
    b = a[1:-1, ::2]
    return b[0, 0] + a[0].sum()


@accelerate
def dtypes(a: i8[:], b: f32[:, :]) -> tuple[int, f32[:, :], f32[:]]:
    # An int8 item is a numpy.int8: a Python int joins it as an int8 (NEP 50), checked
    # to fit, and the sum wraps as NumPy's does. Element-wise expressions broadcast
    # through np::zip; a reduction over an axis names it.
    # CHECK-LABEL: static std::tuple<pyrite::i64, pyrite::Array<float, 2>, pyrite::Array<float, 1>> f2_dtypes(
    # CHECK: pyrite::np::add<std::int8_t>(v_a.get(INT64_C(0)), pyrite::np::weak<std::int8_t>(INT64_C(1)))
    # CHECK: pyrite::np::zip<float, pyrite::np::op_mul>(v_b, static_cast<float>(2.5))
    # CHECK: pyrite::np::sum<float>(v_b, INT64_C(0))
    x = a[0] + 1
    return int(x), b * 2.5, b.sum(axis=0)


@accelerate
def fused(a: f64[:, :], b: f64[:], k: i8[:]) -> tuple[f64[:, :], f64[:]]:
    # A whole element-wise expression is one loop (np::zip_fn) over its leaves, with no
    # temporary arrays: each node's own scalar operation in its own dtype, the shapes
    # checked first in NumPy's order of operations. A Python int joins the int8 as an
    # int8, checked once before the loop.
    # CHECK-LABEL: f3_fused(
    # CHECK: const auto x0 = v_a; const auto x1 = v_b; const auto x2 = static_cast<double>(0.5);
    # CHECK-SAME: (void)pyrite::np::bcast(pyrite::np::bcast(pyrite::np::shape_of(x0), pyrite::np::shape_of(x1)), pyrite::np::shape_of(x2));
    # CHECK-SAME: return pyrite::np::zip_fn<double>([[SQRT]]{}, x0, x1, x2); }()
    # CHECK: pyrite::np::weak<std::int8_t>(INT64_C(3))
    # CHECK-SAME: pyrite::np::zip_fn<double>([[WHERE]]{}
    return np.sqrt(a * b + 0.5), np.where(k + 3 > 0, b, -b)


@accelerate
def distances(x: f64[:, :]) -> f64[:, :]:
    # diff is read once, by the next statement: that statement is emitted with diff's
    # expression in its place, and the sum along the innermost axis adds each row as it
    # is computed (np::sum_fused), so neither diff nor diff * diff is ever stored. The
    # same view read twice is one operand of the loop.
    # CHECK-LABEL: f4_distances(
    # CHECK-NOT: v_diff =
    # CHECK: pyrite::np::sum_fused<double>(INT64_C(2), [[DIST]]{}, x0, x1)
    diff = x[:, None, :] - x[None, :, :]
    return np.sqrt((diff * diff).sum(axis=2))
