# opt/ranges.cpp: an innermost range loop gets a copy without the overflow checks its ints'
# intervals rule out, run when its guards hold (its bounds within +-B, the locals it reads within
# +-B or 0..B, an accumulator within +-2**61); the checked loop runs otherwise. A helper called
# there with bounded ints runs a copy of it proven from those bounds.
# RUN: %pyrite ir %s --print-after int-ranges | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


def pair_weight(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


# CHECK-LABEL: def @plain_sum(
# the checked body first, then the copy: + and * plain, % of a dividend >= 0 by 11 C++'s
# CHECK: %total = (add %total:int (mod (add (mul %i:int 7:int):int 3:int):int 11:int):int):int
# CHECK: fast when abs(%total) <= 2305843009213693952, -2147483648 <= start and stop <= 2147483648:
# CHECK-NEXT: %total = (add.unchecked %total:int (mod.unchecked (add.unchecked (mul.unchecked %i:int 7:int):int 3:int):int 11:int):int):int
# CPP-LABEL: static pyrite::i64 f0_plain_sum(
# CPP: if (static_cast<std::uint64_t>(v_total) + UINT64_C(2305843009213693952) <= UINT64_C(4611686018427387904) && start_0 >= INT64_C(-2147483648) && stop_0 <= INT64_C(2147483648)) {
# CPP: v_total = v_total + (((v_i * INT64_C(7)) + INT64_C(3)) % INT64_C(11));
# CPP: } else {
# CPP: v_total = pyrite::add(v_total, pyrite::mod(pyrite::wide_add(pyrite::wide_mul(v_i, INT64_C(7)), INT64_C(3)), INT64_C(11)));
@accelerate
def plain_sum(n: int) -> int:
    total = 0
    for i in range(n):
        total += (i * 7 + 3) % 11
    return total


# the outer loop's i is never negative: its guard is 0 <= i <= B; the call in the copy calls
# pair_weight's bounded copy, whose arithmetic is plain, its division one C++ division
# CHECK-LABEL: def @row_sums(
# CHECK: fast when 0 <= start and stop <= len(%u), 0 <= %i <= 16777216, -16777216 <= start and stop <= 16777216:
# CPP-LABEL: static pyrite::List<double> f1_row_sums(
# CPP: if (start_{{[0-9]+}} >= 0 && stop_{{[0-9]+}} <= v_u.len() && static_cast<std::uint64_t>(v_i) <= UINT64_C(16777216)
# CPP: f[[COPY:[0-9]+]]_pair_weight(v_i, v_j)
# CPP: } else {
# CPP: f[[ORIG:[0-9]+]]_pair_weight(v_i, v_j)
# CPP: static double f[[ORIG]]_pair_weight(
# CPP: pyrite::truediv(1.0, pyrite::add(
# CPP: static double f[[COPY]]_pair_weight(
# CPP: return static_cast<double>(1.0) / static_cast<double>((((((v_i + v_j) * ((v_i + v_j) + INT64_C(1))) / INT64_C(2)) + v_i) + INT64_C(1)));
@accelerate
def row_sums(u: list[float]) -> list[float]:
    out = [0.0] * len(u)
    for i in range(len(u)):
        s = 0.0
        for j in range(len(u)):
            s += pair_weight(i, j) * u[j]
        out[i] = s
    return out


# what is not proven stays checked, and needs no guard: x doubles without a bound
# CHECK-LABEL: def @doubling(
# CHECK-NOT: fast when
# CHECK-LABEL: def @pair_weight(
@accelerate
def doubling(n: int, x: int) -> int:
    for i in range(n):
        x = x * 2 + i
    return x
