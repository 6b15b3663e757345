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
