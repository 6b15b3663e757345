# opt/ranges.cpp on a comprehension's range loop (int-ranges), and opt/loops.cpp's reserve of
# the list it makes (iteration).
# RUN: %pyrite ir %s --print-after int-ranges | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


# a comprehension's range loop is such a loop too: i * 7919 plain in the copy, % by n (not known
# to be > 0) still checked for zero and sign; the list sized first, as a hint: % may raise
# CHECK-LABEL: def @residues(
# CHECK: reserve-hint %$0; for %i$1 in range(0:int, %n:int):; (method append %$0:list[int] (mod (mul %i$1:int 7919:int):int %n:int):int):None; fast when abs(%n) <= 2147483648, -2147483648 <= start and stop <= 2147483648:; (method append %$0:list[int] (mod (mul.unchecked %i$1:int 7919:int):int %n:int):int):None
# CPP-LABEL: static pyrite::List<pyrite::i64> f{{[0-9]+}}_residues(
# CPP: .reserve_hint(pyrite::range_len(
# CPP: .append(pyrite::mod((v_i_{{.*}} * INT64_C(7919)), v_n))
# CPP: } else {
# CPP: .append(pyrite::mod(pyrite::wide_mul(v_i_{{.*}}, INT64_C(7919)), v_n))
@accelerate
def residues(n: int) -> list[int]:
    return [i * 7919 % n for i in range(n)]
