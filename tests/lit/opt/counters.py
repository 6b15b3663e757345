# opt/counters.cpp: an int local set only to constants (|c| <= 2**62) and stepped only by one,
# each step outside loops or in exactly one loop over a container's items, steps with no
# overflow check (add.unchecked; plain C++ +). Every other step keeps its check.
# RUN: %pyrite ir %s --print-after counters | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def count_true(flags: list[bool], words: str) -> int:
    # CHECK-LABEL: def @count_true
    # CHECK: %count = (add.unchecked %count:int 1:int):int
    # CHECK: %count = (sub.unchecked %count:int 1:int):int
    # CHECK: %spaces = (add.unchecked 1:int %spaces:int):int
    # CPP-LABEL: static pyrite::i64 f0_count_true({{.*}}) {
    # CPP: v_count = v_count + INT64_C(1);
    count = 0
    for f in flags:
        if f:
            count += 1
        else:
            count -= 1
    spaces = 0
    for ch in words:
        if ch == " ":
            spaces = 1 + spaces
    return count + spaces


@accelerate
def not_counters(xs: list[int], n: int) -> int:
    # CHECK-LABEL: def @not_counters
    # a step in a while loop (which may run 2**62 times)
    # CHECK: %steps = (add %steps:int 1:int):int
    # two nested loops over items
    # CHECK: %pairs = (add %pairs:int 1:int):int
    # a step of two
    # CHECK: %evens = (add %evens:int 2:int):int
    # set from a parameter
    # CHECK: %c = (add %c:int 1:int):int
    # CPP-LABEL: static pyrite::i64 f1_not_counters({{.*}}) {
    # CPP: v_steps = pyrite::add(v_steps, INT64_C(1));
    steps = 0
    while n > 1:
        n = n // 2
        steps += 1
    pairs = 0
    for x in xs:
        for y in xs:
            pairs += 1
    evens = 0
    for x in xs:
        evens += 2
    c = n
    for x in xs:
        c += 1
    return steps + pairs + evens + c
