"""Counters (opt/counters.cpp): an int local set only to constants of magnitude at most 2**62 and
stepped by one in a loop over a container's items steps with no overflow check. These check that
the results stay CPython's, at the limit too: a counter that starts past 2**62 keeps its checks,
so leaving 64 bits still gives CPython's int."""
from difftest import check, check_all
from pyrite import accelerate


@accelerate
def tallies(xs: list[int], text: str, d: dict[str, int], s: set[int]) -> tuple[int, int, int, int, int]:
    even = odd = 0
    for x in xs:
        if x % 2 == 0:
            even += 1
        else:
            odd = odd + 1
    vowels = 0
    for ch in text:
        if ch in "aeiou":
            vowels += 1
    big = 0
    for k in d:
        if d[k] > 10:
            big -= 1
    small = 0
    for v in s:
        if v < 3:
            small = 1 + small
    return even, odd, vowels, big, small


@accelerate
def near_the_limit(xs: list[int]) -> tuple[int, int]:
    low = 4611686018427387904  # 2**62: a counter still
    for _ in xs:
        low += 1
    high = 9223372036854775806  # past 2**62: checked, and leaves 64 bits at the second item
    for _ in xs:
        high += 1
    return low, high


@accelerate
def with_closure_and_generator(xs: list[int]) -> tuple[int, int, list[int]]:
    calls = 0

    def bump() -> None:
        nonlocal calls
        calls += 1

    seen = 0
    for x in xs:
        if x > 0:
            bump()
        seen += 1

    def running(ys: list[int]):
        n = 0
        for y in ys:
            n += 1
            yield n * y

    return calls, seen, list(running(xs))


@accelerate
def counted_in_try(words: list[str]) -> tuple[int, int]:
    ok = bad = 0
    for w in words:
        try:
            int(w)
            ok += 1
        except ValueError:
            bad += 1
    return ok, bad


def test_counts():
    check_all(tallies, [[], [1, 2, 3, 4, 5]], ["", "education"], [{}, {"a": 11, "b": 3}], [set(), {1, 2, 7}])


def test_the_limit_keeps_cpythons_int():
    check(near_the_limit, [])
    check(near_the_limit, [1])
    check(near_the_limit, [1, 2, 3])  # high is 2**63 + 1 in CPython


def test_counters_with_closures_generators_and_try():
    check_all(with_closure_and_generator, [[], [1, -2, 3]])
    check_all(counted_in_try, [[], ["1", "x", "22", ""]])


# ---------------------------------------------------------------- steps under a while loop's bound
# while k < n and ...: k += 1 steps k from below n: no overflow check (bounded_steps); the cases
# below are the ones the rule must not take, each at the 64-bit edge
INT64_MAX, INT64_MIN = 2 ** 63 - 1, -(2 ** 63)


@accelerate
def escape(k: int, n: int, x: float) -> tuple[int, float]:
    while k < n and x * x < 4.0:
        x = x * x - 0.5
        k += 1
    return k, x


@accelerate
def down_to(k: int, n: int) -> int:
    steps = 0
    while n < k:
        k -= 1
        steps += 1
        if steps > 5:
            break
    return k


@accelerate
def at_most(k: int, n: int) -> int:
    while k <= n:  # k == n == INT64_MAX steps past it: CPython's int
        k += 1
        if k % 4 == 0:
            break
    return k


@accelerate
def stepped_twice(k: int, n: int) -> int:
    while k < n:
        k += 1
        if k % 3 == 0:
            k += 1
        if k > 2 ** 62 and k % 5 == 0:
            break
    return k


@accelerate
def rebound_by_closure(k: int, n: int) -> int:
    def jump() -> None:
        nonlocal k
        k = n
    while k < n:
        jump()
        k += 1
    return k


@accelerate
def walrus_in_test(k: int, n: int) -> int:
    while k < n and (k := k + 2) > 0:
        k += 1
        if k > n - 10:
            break
    return k


def test_steps_under_a_while_bound():
    edges = [0, 5, INT64_MAX - 3, INT64_MAX - 1, INT64_MAX, INT64_MIN, INT64_MIN + 2]
    for k, n in ((0, 5), (INT64_MAX - 3, INT64_MAX), (INT64_MAX - 1, INT64_MAX), (INT64_MAX, INT64_MAX),
                 (INT64_MIN, INT64_MIN + 2), (5, 0), (INT64_MAX - 2, INT64_MAX - 3)):
        check_all(escape, [k], [n], [0.0, 1.5, 3.0])  # x = 0.0 never escapes: k reaches n
    check_all(down_to, edges, edges)
    check_all(at_most, [INT64_MAX - 2, INT64_MAX, 0], [INT64_MAX, 3])
    for k, n in ((INT64_MAX - 4, INT64_MAX), (INT64_MAX - 1, INT64_MAX), (0, 7), (INT64_MAX - 4, 7)):
        check(stepped_twice, k, n)
    check_all(rebound_by_closure, [0, INT64_MAX - 1], [INT64_MAX, 5])
    for k, n in ((INT64_MAX - 2, INT64_MAX), (INT64_MAX - 5, INT64_MAX), (0, 20), (INT64_MAX - 30, INT64_MAX)):
        check(walrus_in_test, k, n)


@accelerate
def counter_rebound_by_closure(xs: list[int], far: int) -> int:
    # a nested function sets the counter to anything: its steps keep their checks
    c = 0

    def jump() -> None:
        nonlocal c
        c = far
    for x in xs:
        jump()
        c += 1
    return c


def test_a_counter_a_nested_function_rebinds():
    check_all(counter_rebound_by_closure, [[1, 2], []], [INT64_MAX, INT64_MAX - 1, 0, INT64_MIN])
