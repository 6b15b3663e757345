# opt/moves.cpp: an unpacking's temporaries are moved from where they are read for the last time
# (`$1 = $0`, `name = $1[0]`), and codegen moves the iterator's item into the loop variable. Not a
# temporary read twice, one bound outside the loop that reads it, a user's variable, nor a list's
# items (unpacked through unpack_item, which checks the length).
# RUN: %pyrite ir %s --print-after moves | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def pairs(orders: list[tuple[str, int]]) -> int:
    t = 0
    for name, q in orders:
        t += len(name) * q
    return t
# CHECK-LABEL: def @pairs(
# CHECK:      for %$0 in %orders
# CHECK-NEXT:   %$1 = (move %$0):tuple[str, int]
# CHECK-NEXT:   %name = (get (move %$1):tuple[str, int] 0):str
# CHECK-NEXT:   %q = (get (move %$1):tuple[str, int] 1):int
# CPP-LABEL: f0_pairs(
# CPP:      while (it0_0.next(x0_0)) {
# CPP-NEXT:     t_0 = std::move(x0_0);
# CPP:          t_1 = std::move(t_0);
# CPP:          v_name = std::get<0>(std::move(t_1));
# CPP:          v_q = std::get<1>(std::move(t_1));


@accelerate
def kept(t: tuple[str, str], xs: list[str]) -> str:
    a, b = t  # t is the user's: copied
    c, d = xs  # a list: its length checked
    for p in [t, t]:
        e, f = p
    return a + b + c + d + e + f
# CHECK-LABEL: def @kept(
# CHECK:      %$0 = %t:tuple[str, str]
# CHECK-NEXT: %a = (get (move %$0):tuple[str, str] 0):str
# CHECK:      %$1 = %xs:list[str]
# CHECK-NEXT: %c = (get %$1:list[str] 0):str
# CHECK:      for %p in
# CHECK-NEXT:   %$2 = %p:tuple[str, str]
# CHECK-NEXT:   %e = (get (move %$2):tuple[str, str] 0):str
