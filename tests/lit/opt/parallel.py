# opt/parallel.cpp: what each variable of a prange loop's body is; codegen/emit_parallel.cpp:
# the loop as blocks on runtime/include/pyrite/parallel.hpp, a partial result per block.
# RUN: %pyrite ir %s --print-after parallel | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate, f64, prange


@accelerate
def stats(xs: list[float], out: list[float]) -> tuple[float, float, int]:
    # IR-LABEL: def @stats
    # IR: for %i in prange(0:int, (intrinsic len %xs:list[float]):int):  # reduce add %total; reduce min %lo; private %i %last %y; last %i %last %y;
    # CPP-LABEL: static {{.*}} f0_stats({{.*}}) {
    # CPP: const pyrite::i64 count_0 = pyrite::range_len(start_0, stop_0, step_0);
    # CPP: pyrite::parallel::Partials<double> part_0_0(blocks_0);
    # CPP: const double init_0_1 = v_lo;
    # CPP: auto body_0 = [&](pyrite::i64 block_0, pyrite::i64 lo_0, pyrite::i64 hi_0, int& line_0) {
    # CPP: double v_total = -0.0;
    # CPP: double v_lo = init_0_1;
    # CPP: part_0_0[block_0] = v_total;
    # CPP: if (hi_0 == count_0) {
    # CPP: pyrite::parallel::run(count_0, body_0, pyrite_line);
    # CPP: for (pyrite::i64 b_0 = 0; b_0 < blocks_0; ++b_0) v_total = double(v_total + part_0_0[b_0]);
    # CPP: for (pyrite::i64 b_0 = 0; b_0 < blocks_0; ++b_0) v_lo = (part_0_1[b_0] < v_lo ? part_0_1[b_0] : v_lo);
    total = 0.0
    lo = xs[0]
    last = 0
    for i in prange(len(xs)):
        y = xs[i] * 2.0
        out[i] = y
        total += y
        lo = min(lo, y)
        last = i
    return total, lo, last


@accelerate
def counts(n: int) -> int:
    # IR-LABEL: def @counts
    # IR: for %i in prange(0:int, %n:int):  # reduce add %c; private %i %j; last %i;
    # IR: for %j in range(0:int, %i:int):
    # A prange inside a prange runs in order
    # IR-NOT: prange
    # IR: return
    # CPP-LABEL: static {{.*}} f1_counts({{.*}}) {
    # CPP: v_c = pyrite::add(v_c, part_0_0[b_0]);
    c = 0
    for i in prange(n):
        for j in prange(i):
            c += j
    return c


@accelerate
def scaled(x: f64[:], out: f64[:], k: float, xs: list[float]) -> None:
    # The numbers and arrays the body only reads are copied into each block, where the optimizer
    # keeps them in registers (an array's data, shape and strides); a list stays the function's
    # CPP-LABEL: static {{.*}} f2_scaled({{.*}}) {
    # CPP: const auto* const in_0_[[X:[0-9]+]] = &v_x;
    # CPP: const auto* const in_0_[[O:[0-9]+]] = &v_out;
    # CPP: const auto* const in_0_[[K:[0-9]+]] = &v_k;
    # CPP-NOT: = &v_xs;
    # CPP: auto body_0 = [&]
    # CPP: auto v_x = *in_0_[[X]];
    # CPP: auto v_out = *in_0_[[O]];
    # CPP: auto v_k = *in_0_[[K]];
    # CPP-NOT: auto v_xs
    # CPP: pyrite::parallel::run(count_0, body_0, pyrite_line);
    for i in prange(x.shape[0]):
        out[i] = x[i] * k + xs[0]
