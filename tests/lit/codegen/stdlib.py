# random, heapq and bisect are PYRITE_BUILTINs; the generic ones (function templates) are
# instantiated for each call's types, and a function that draws from random's shared
# generator keeps the GIL (PYRITE_HOLDS_GIL), where one that only uses heapq lets it go.
# RUN: %pyrite cpp %s | FileCheck %s
import bisect
import heapq
import random
from collections import Counter, OrderedDict, defaultdict, deque
from random import randint

from pyrite import accelerate

# CHECK-DAG: #include <pyrite/random.hpp>
# CHECK-DAG: #include <pyrite/heapq.hpp>
# CHECK-DAG: #include <pyrite/deque.hpp>

# the wrapper of roll (it draws) keeps the GIL; smallest's lets it go
# CHECK-LABEL: PyObject* py_f0_roll(
# CHECK-NOT: PyEval_SaveThread
# CHECK: PyObject* py_f1_pick(
# CHECK-LABEL: PyObject* py_f2_smallest(
# CHECK: PyEval_SaveThread
# CHECK-LABEL: PyObject* py_f3_own(
# CHECK-NOT: PyEval_SaveThread
# CHECK-LABEL: PyObject* py_f4_window(
# CHECK: PyEval_SaveThread


@accelerate
def roll(n: int) -> int:
    # CHECK-LABEL: f0_roll(pyrite::i64 v_n) {
    # randint(1, 6) is random._inst.randint(1, 6), the module generator's method
    # CHECK: pyrite::random::randint(pyrite::random::shared(), INT64_C(1), INT64_C(6))
    total = 0
    for _ in range(n):
        total += randint(1, 6)
    return total


@accelerate
def pick(xs: list[float]) -> float:
    # CHECK-LABEL: f1_pick(
    # CHECK: pyrite::random::choice(pyrite::random::shared(), v_xs)
    return random.choice(xs)


@accelerate
def smallest(xs: list[int], x: float) -> int:
    # CHECK-LABEL: f2_smallest(
    # an empty list learns its items from what is pushed
    # CHECK: pyrite::List<std::tuple<pyrite::i64, pyrite::i64>> v_h
    h = []
    for i in range(len(xs)):
        # CHECK: pyrite::heapq::heappush(v_h
        heapq.heappush(h, (xs[i], i))
    # a float looked up in a list of ints: compared exactly
    # CHECK: pyrite::bisect::bisect_right(v_xs, v_x, 0, -1)
    return heapq.heappop(h)[1] + bisect.bisect(xs, x)



@accelerate
def own(seed: int) -> float:
    # CHECK-LABEL: f3_own(
    # a random.Random made here is Python's object, drawn from by the same functions
    # CHECK: pyrite::random::Rng v_r{}
    # CHECK: v_r = pyrite::random::make(v_seed)
    # CHECK: pyrite::random::uniform(v_r, 0.0, 1.0)
    r = random.Random(seed)
    return r.uniform(0.0, 1.0)


@accelerate
def window(xs: list[float], k: int) -> float:
    # CHECK-LABEL: f4_window(
    # deque(maxlen=k) is ops.def's DequeOf; its methods are deque.hpp's PYRITE_BUILTINs
    # CHECK: pyrite::Deque<double> v_w{}
    # CHECK: v_w = pyrite::collections::deque_of<double>(pyrite::List<double>::make(), std::optional<pyrite::i64>(v_k))
    # CHECK: pyrite::collections::append(v_w, v_x)
    w = deque(maxlen=k)
    for x in xs:
        w.append(x)
    return w[0]


@accelerate
def count(words: list[str]) -> int:
    # CHECK-LABEL: f5_count(
    # defaultdict(int) is a DefaultDict, whose get() of a missing key stores a fresh 0
    # CHECK: pyrite::DefaultDict<pyrite::Str, pyrite::i64> v_counts{}
    # CHECK: v_counts = pyrite::DefaultDict<pyrite::Str, pyrite::i64>::make()
    # CHECK: pyrite::add(v_counts.get(v_w), INT64_C(1))
    counts = defaultdict(int)
    for w in words:
        counts[w] += 1
    return len(counts)


@accelerate
def ranked(words: list[str]) -> str:
    # CHECK-LABEL: f6_ranked(
    # a Counter and an OrderedDict are dicts of their own C++ classes; their own methods are
    # counter.hpp's and ordereddict.hpp's PYRITE_BUILTINs
    # CHECK: pyrite::Counter<pyrite::Str> v_c{}
    # CHECK: pyrite::OrderedDict<pyrite::Str, pyrite::i64> v_order{}
    # CHECK: pyrite::collections::counter_of_items<pyrite::Str>(pyrite::capi::view_values<pyrite::Str>(v_words))
    # CHECK: pyrite::collections::most_common(v_c, INT64_C(2))
    # CHECK: pyrite::collections::move_to_end(v_order, v_w, false)
    c = Counter(words)
    order = OrderedDict()
    for w, n in c.most_common(2):
        order[w] = n
        order.move_to_end(w, last=False)
    return repr(order)
