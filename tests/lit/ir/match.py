# A match statement lowers to an if/elif chain over its subject, held once (frontend/lower_match.cpp):
# a case's structural tests, then its captures as blocks that bind and are True, then its guard.
# A class pattern reads the subject as the class isinstance() found ($downcast). typeinfer drops
# the body of a case that cannot match the subject's type (a 3-item pattern of a 2-tuple).
# RUN: %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=LOWER
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=TYPED
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


class Shape:
    pass


class Circle(Shape):
    __match_args__ = ("r",)

    def __init__(self, r: float):
        self.r = r


@accelerate
def area(s: Shape, t: tuple[int, int]) -> float:
    match t:
        case (a, b, c):
            return 0.0
        case (0, y) if y > 0:
            return float(y)
    match s:
        case Circle(r):
            return 3.0 * r * r
        case _:
            return -1.0

# LOWER-LABEL: def @area(%s: ?, %t: ?):
# LOWER: %$match0 = %t
# LOWER-NEXT: if (and (intrinsic isinstance %$match0 list tuple) (compare (intrinsic len %$match0) eq 3) (block %$1 {  %a = (index %$match0 0);   %$1 = True }) (block %$2 {  %b = (index %$match0 1);   %$2 = True }) (block %$3 {  %c = (index %$match0 2);   %$3 = True })):
# LOWER-NEXT:   return 0.0
# LOWER-NEXT: else:
# LOWER-NEXT:   if (and (intrinsic isinstance %$match0 list tuple) (compare (intrinsic len %$match0) eq 2) (compare (index %$match0 0) eq 0) (block %$4 {  %y = (index %$match0 1);   %$4 = True }) (compare %y gt 0)):
# LOWER: %$match5 = %s
# LOWER-NEXT: if (and (intrinsic isinstance %$match5 class Circle) (block %$7 {  %$case6 = (intrinsic $downcast %$match5);   %$7 = True }) (block %$8 {  %r = (attr %$case6 r);   %$8 = True })):
# LOWER-NEXT:   return (mul (mul 3.0 %r) %r)
# LOWER-NEXT: else:
# LOWER-NEXT:   return (neg 1.0)

# TYPED-LABEL: def @area(%s: Shape, %t: tuple[int, int]) -> float:
# TYPED: if (and? (intrinsic isinstance %$match0:tuple[int, int] list tuple):bool (compare (intrinsic len %$match0:tuple[int, int]):int eq 3:int):bool):bool:
# TYPED-NEXT: pass
# TYPED: %$case6 = (intrinsic $downcast %$match5:Shape):Circle

# CPP: t_case6 = pyrite::downcast<c1_Circle>(t_match5);
