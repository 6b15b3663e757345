# The traceback's line (pyrite_line) is set before a statement that can raise, not before one that
# cannot: a count that int-ranges proved in 64 bits (plain C++ arithmetic) sets nothing, so the
# C++ compiler makes `if x * x + y * y <= 1.0: inside += 1` a branchless add (mc_pi: a branch taken
# at random otherwise). The checked loop, where the add can overflow, still sets it.
# RUN: %pyrite cpp %s | FileCheck %s
import random

from pyrite import accelerate


@accelerate
def mc_pi(n: int) -> float:
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n
# CHECK-LABEL: static double f0_mc_pi(
# the proven copy: the add alone
# CHECK:      if (((v_x * v_x) + (v_y * v_y)) <= 1.0) {
# CHECK-NEXT: #line 18
# CHECK-NEXT:     v_inside = v_inside + INT64_C(1);
# the checked copy: its line first
# CHECK:      if (((v_x * v_x) + (v_y * v_y)) <= 1.0) {
# CHECK-NEXT:     pyrite_line = 18;
# CHECK-NEXT: #line 18
# CHECK-NEXT:     v_inside = pyrite::add(v_inside, INT64_C(1));


@accelerate
def evens(xs: list[int]) -> int:
    # a // and a % the loop's bounds proved (a dividend >= 0, a divisor > 0) raise nothing either
    c = 0
    for i in range(len(xs)):
        if i % 2 == 0:
            c += i // 2
    return c
# CHECK-LABEL: static pyrite::i64 f1_evens(
# CHECK:      if ((v_i % INT64_C(2)) == INT64_C(0)) {
# CHECK-NEXT: #line 38
# CHECK-NEXT:     v_c = v_c + (v_i / INT64_C(2));
# CHECK:      pyrite_line = 37;
# CHECK:      if (pyrite::mod(v_i, INT64_C(2)) == INT64_C(0)) {
# CHECK-NEXT:     pyrite_line = 38;
