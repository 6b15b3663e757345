# itertools' iterators (frontend/lower_itertools.cpp, typeinfer/itertools.cpp): an Intrinsic
# typed by its items, nested in another as its source; a loop over one checks for Ctrl-C on
# every iteration (it may never end), and its C++ is a struct of runtime/include/pyrite/
# itertools.hpp made of its sources and arguments, put in variables first, in Python's order.
# RUN: %pyrite ir %s --print-after interrupts | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from itertools import accumulate, count, cycle, groupby, islice, pairwise, product

from pyrite import accelerate


@accelerate
def spin(xs: list[int]) -> int:
    # IR-LABEL: def @spin
    # IR: check-interrupt
    # IR-NEXT: for %x in (intrinsic itertools.cycle %xs:list[int]):int
    # CPP-LABEL: static pyrite::i64 f0_spin({{.*}}) {
    # CPP: auto [[SRC:it_[0-9]+]] = pyrite::iter(v_xs);
    # CPP-NEXT: auto [[IT:it0_[0-9]+]] = pyrite::itertools::cycle<pyrite::i64>(std::move([[SRC]]));
    # CPP: while ([[IT]].next(
    # CPP-NEXT: v_x =
    # CPP-NEXT: pyrite::check_interrupt();
    s = 0
    for x in cycle(xs):
        s += x
        if s > 100:
            break
    return s


@accelerate
def steps(xs: list[int], k: int) -> int:
    # zip's sources: a count, and a pairwise of an islice of xs (None: std::nullopt)
    # IR-LABEL: def @steps
    # IR: for %$0 in (intrinsic zip (intrinsic itertools.count 1:int):int (intrinsic itertools.pairwise (intrinsic itertools.islice %xs:list[int] %k:int None:None):int):tuple[int, int]):tuple[int, tuple[int, int]]
    # CPP-LABEL: static pyrite::i64 f1_steps({{.*}}) {
    # CPP: auto it0_0 = pyrite::itertools::count<pyrite::i64>({{.*}}, 1);
    # CPP-NEXT: pyrite::i64 x0_0{};
    # CPP: auto [[L:it_[0-9]+]] = pyrite::iter(v_xs);
    # CPP-NEXT: const pyrite::i64 [[K:it_[0-9]+]] = v_k;
    # CPP-NEXT: auto [[S:it_[0-9]+]] = pyrite::itertools::islice<pyrite::i64>(std::move([[L]]), std::optional<pyrite::i64>([[K]]), std::nullopt);
    # CPP-NEXT: auto it1_0 = pyrite::itertools::pairwise<pyrite::i64>(std::move([[S]]));
    # CPP: while (it0_0.next(x0_0) && it1_0.next(x1_0)) {
    t = 0
    for i, (a, b) in zip(count(1), pairwise(islice(xs, k, None))):
        t += i * (b - a)
    return t


@accelerate
def grid(xs: list[int]) -> int:
    # product(..., repeat=2): the size of the items, a constant: pools read once (of ranges,
    # product is nested range loops: opt/loops.py)
    # CPP-LABEL: static pyrite::i64 f2_grid({{.*}}) {
    # CPP: pyrite::itertools::product<std::tuple<pyrite::i64, pyrite::i64>, 1, pyrite::i64>(std::move(
    t = 0
    for x, y in product(xs, repeat=2):
        t += x * y
    return t


@accelerate
def runs(s: str) -> list[tuple[str, int]]:
    # groupby: (key, the group as a list); the key function a C++ lambda of its one parameter
    # IR-LABEL: def @runs
    # IR: for %${{[0-9]+}} in (intrinsic itertools.groupby %s:str key=(lambda
    # IR-SAME: :tuple[str, list[str]]
    # CPP-LABEL: f3_runs({{.*}}) {
    # CPP: auto [[KEY:it_[0-9]+]] = [&](const pyrite::Str& key_arg) -> pyrite::Str { pyrite::Str [[P:t_p[0-9a-zA-Z_]+]] = key_arg; return [[P]]; };
    # CPP: pyrite::itertools::groupby<pyrite::Str, pyrite::Str>([[KEY]], std::move(
    return [(k, len(list(g))) for k, g in groupby(s)]


@accelerate
def odd_squares(xs: list[int]) -> list[int]:
    # a generator expression another iterator reads: a struct too, its element and condition lambdas
    # of the item, read an item at a time
    # IR-LABEL: def @odd_squares
    # IR: (intrinsic itertools.accumulate (intrinsic $genexp %xs:list[int] (lambda
    # CPP-LABEL: f4_odd_squares({{.*}}) {
    # CPP: pyrite::itertools::genexp<pyrite::i64, pyrite::i64>({{.*}}, [&](const pyrite::i64& x) -> bool { return it_{{[0-9]+}}(x); })
    return list(accumulate(x * x for x in xs if x % 2))
