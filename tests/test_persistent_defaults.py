"""A parameter's default [] / {} / set() is one object for every call that omits it, as CPython's
__defaults__ holds it: a memo dict that outlives the call, an accumulator list that grows call
after call (the classic surprise, reproduced)."""
from pyrite import accelerate


def fib_memo(n, memo={}):
    if n in memo:
        return memo[n]
    if n < 2:
        return n
    memo[n] = fib_memo(n - 1) + fib_memo(n - 2)
    return memo[n]


def collect(x, seen=[]):
    seen.append(x)
    return len(seen), sum(seen)


def tags(word, found=set()):
    found.add(word[:1])
    return sorted(found)


@accelerate
def memo_and_accumulators(k: int):
    return [fib_memo(i) for i in range(k)], fib_memo(90), [collect(i * 2) for i in range(3)], tags("alpha"), tags("beta")


def test_each_default_is_one_object_across_calls():
    # CPython's run first (the helpers' own __defaults__, untouched so far), then the compiled one
    # (its defaults are its own objects: a compiled call does not change the Python function's)
    expected = [memo_and_accumulators.py_func(k) for k in (10, 3, 5)]
    got = [memo_and_accumulators(k) for k in (10, 3, 5)]
    assert got == expected
    assert got[1][2] == [(4, 6), (5, 8), (6, 12)]  # the list kept growing
