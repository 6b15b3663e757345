# A generator iterated by a for loop is inlined there: its parameters are assigned from the
# arguments, its statements run in three one-shot loops (the loop's break leaves the outer one,
# the generator's return the middle one, the loop's continue the one around the body at each
# yield), so no generator object is made and the loop is a plain loop.
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


def upto(n: int, stop: int):
    for i in range(n):
        if i == stop:
            return
        yield i * i


# IR-LABEL: def @total(
# IR: %n$upto{{[0-9]+}} = %n
# IR-NEXT: %stop$upto{{[0-9]+}} = 5
# IR-NEXT: while True:
# IR-NEXT:   while True:
# IR-NEXT:     for %i$upto{{[0-9]+}} in range(0, %n$upto{{[0-9]+}}):
# IR-NEXT:       if (compare %i$upto{{[0-9]+}} eq %stop$upto{{[0-9]+}}):
# IR-NEXT:         break
# IR-NEXT:       %v = (mul %i$upto{{[0-9]+}} %i$upto{{[0-9]+}})
# IR-NEXT:       while True:
# IR-NEXT:         if (compare %v eq 1):
# IR-NEXT:           break
# IR-NEXT:         if (compare %v gt 10):
# IR-NEXT:           break
# IR-NEXT:         %t = (add %t %v)
# IR-NEXT:         break
# IR-NEXT:     break
# IR-NEXT:   %t = (neg %t)
# IR-NEXT:   break
# CHECK-LABEL: static pyrite::i64 f0_total(pyrite::i64 v_n) {
# no generator function of its own, no generator object
# CHECK-NOT: _upto(
# the loop's break leaves the whole inlined generator, by goto
# CHECK: goto break_[[OUT:[0-9]+]];
# CHECK: break_[[OUT]]:;
@accelerate
def total(n: int) -> int:
    t = 0
    for v in upto(n, stop=5):
        if v == 1:
            continue
        if v > 10:
            break
        t += v
    else:
        t = -t
    return t
