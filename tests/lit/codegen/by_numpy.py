# NumPy's own computations (ops.def's ByNumPy): one call of pyrite::np::by_numpy, the result type
# NumPy's for the arguments' types first, NumPy's name, the arrays as they are (npcall.hpp views
# their memory), an omitted argument NumPy's default where that is not None.
# RUN: %pyrite cpp %s | FileCheck %s
# CHECK: #include <pyrite/npcall.hpp>
import numpy as np
from pyrite import accelerate, f32, f64, i64


@accelerate
def solve(a: i64[:, :], b: f32[:]):
    # CHECK-LABEL: f0_solve(pyrite::Array<pyrite::i64, 2> v_a, pyrite::Array<float, 1> v_b) {
    # ints and float32: float64, as linalg's _commonType
    # CHECK: pyrite::np::by_numpy<pyrite::Array<double, 1>>("linalg.solve", v_a, v_b)
    return np.linalg.solve(a, b)


@accelerate
def stats(x: f32[:], y: f64[:]):
    # CHECK-LABEL: f1_stats(pyrite::Array<float, 1> v_x, pyrite::Array<double, 1> v_y) {
    # rowvar=True and bias=False as NumPy's defaults, ddof None
    # CHECK: pyrite::np::by_numpy<pyrite::Array<double, 2>>("cov", v_x, v_y, true, false, pyrite::np::none_arg{})
    # bins=10; float32 items: float32 edges
    # CHECK: pyrite::np::by_numpy<std::tuple<pyrite::Array<pyrite::i64, 1>, pyrite::Array<float, 1>>>("histogram", v_x, INT64_C(10), pyrite::np::none_arg{}, pyrite::np::none_arg{}, pyrite::np::none_arg{})
    # a float32 array's percentile at a Python number: a float32
    # CHECK: pyrite::np::by_numpy<float>("percentile", v_x, 50.0)
    # CHECK: pyrite::np::by_numpy<pyrite::Array<double, 1>>("convolve", v_y, v_y, "full")
    return np.cov(x, y), np.histogram(x), np.percentile(x, 50.0), np.convolve(y, y)
