# opt/folds.cpp: sum() of a generator expression adds each item as the generator makes it: the
# comprehension's list becomes the running total ($sum_add, CPython's addition for its type), and
# for floats CPython 3.12's compensation ($sum_comp, $sum_end) rides along. A block that does more
# with its list than append, a start that is not a constant or a local, or items that are not
# numbers keep the list.
# RUN: %pyrite ir %s --print-after folds | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def squares(xs: list[float]) -> float:
    # CHECK-LABEL: def @squares(%xs: list[float]) -> float:
    # CHECK: local %$0: float
    # CHECK: return (block %$sum{{[0-9]+}} {  %$0 = 0.0:float;   %$comp{{[0-9]+}} = 0.0:float;   for %x$1 in %xs:list[float]:;
    # CHECK-SAME: %$item{{[0-9]+}} = (mul %x$1:float %x$1:float):float;
    # CHECK-SAME: %$comp{{[0-9]+}} = (intrinsic $sum_comp
    # CHECK-SAME: %$0 = (intrinsic $sum_add %$0:float %$item{{[0-9]+}}:float):float;
    # CHECK-SAME: %$sum{{[0-9]+}} = (intrinsic $sum_end %$0:float %$comp{{[0-9]+}}:float):float }):float
    # CPP-LABEL: static double f0_squares(pyrite::List<double> v_xs) {
    # CPP-NOT: pyrite::List<double> t_0
    # CPP: t_0 = pyrite::builtins::sum_add<double>(t_0, t_item{{[0-9]+}});
    return sum(x * x for x in xs)


@accelerate
def multiples(xs: list[int], k: int, start: int) -> int:
    # ints: each addition checked, from the local start
    # CHECK-LABEL: def @multiples(
    # CHECK: return (block %$0 {  %$0 = %start:int;   for %x$1 in %xs:list[int]:;     if
    # CHECK-SAME: %$0 = (intrinsic $sum_add %$0:int 1:int):int }):int
    # CPP-LABEL: static pyrite::i64 f1_multiples(
    # CPP: t_0 = pyrite::builtins::sum_add<pyrite::i64>(t_0, INT64_C(1));
    return sum((1 for x in xs if x % k == 0), start)


@accelerate
def kept(xs: list[int]) -> tuple[int, int]:
    # a start the call evaluates after the generator's first iterable, and a list comprehension
    # whose list is read: the list stays
    # CHECK-LABEL: def @kept(
    # CHECK: (intrinsic sum (block %$2 {  %$2 = (list):list[int];
    # CHECK-SAME: (intrinsic sum %ys:list[int]):int
    ys = [x + 1 for x in xs]
    return sum((x for x in xs), len(xs)), sum(ys)


@accelerate
def largest(xs: list[float], d: float) -> float:
    # max(): the first of the best, CPython's `item > best`; the default read before the items
    # CHECK-LABEL: def @largest(
    # CHECK: return (block %$0 {  %$default{{[0-9]+}} = %d:float;   %$found{{[0-9]+}} = False:bool;   for %x$1 in %xs:list[float]:;
    # CHECK-SAME: %$item{{[0-9]+}} = (builtin abs %x$1:float):float;
    # CHECK-SAME: if (or? (not %$found{{[0-9]+}}:bool):bool (compare %$item{{[0-9]+}}:float gt %$0:float):bool):bool:;
    # CHECK-SAME: %$0 = %$item{{[0-9]+}}:float;
    # CHECK-SAME: if (not %$found{{[0-9]+}}:bool):bool:;     %$0 = %$default{{[0-9]+}}:float }):float
    return max((abs(x) for x in xs), default=d)


@accelerate
def shortest(words: list[str]) -> str:
    # min() with nothing to give: CPython's ValueError
    # CHECK-LABEL: def @shortest(
    # CHECK: (compare %$item{{[0-9]+}}:str lt %$0:str):bool
    # CHECK: raise ValueError("min() arg is an empty sequence":str)
    return min(w.strip() for w in words)
