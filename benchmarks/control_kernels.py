"""Benchmarks of control flow (issue 15). A loop over a generator function (gen_sum, inlined), over
a generator bound to a name and looped over once (gen_object_sum, inlined too), and a generator
object stepped by next() (gen_object_next, a coroutine resumed per item) against the same loop
written inline (plain_sum); the same loop with a try/except/finally around its body
that never raises (guarded_sum; plain_sum writes the finally's `total += 1` after the body);
and what raising and catching cost where exceptions are the control flow, as Python programs
use them (parse_count: int() of text that is sometimes not a number; count_words: the
`d[k] += 1 / except KeyError` idiom; bank: a method that raises an exception class of the
program, with fields, in a quarter of its calls, caught by its caller). The C++ versions are in benchmarks/cpp/kernels.cpp (the
guarded one with a C++ try/catch, the last two written as C++ would, without exceptions);
run.py prints the ratios.
"""
from pyrite import accelerate


@accelerate
def plain_sum(n: int) -> int:
    total = 0
    for i in range(n):
        total += (i * 7 + 3) % 11
        total += 1
    return total


@accelerate
def guarded_sum(n: int) -> int:
    total = 0
    for i in range(n):
        try:
            total += (i * 7 + 3) % 11
        except ZeroDivisionError:
            total = -1
        finally:
            total += 1
    return total


@accelerate
def parse_count(n: int) -> int:
    texts = [str(i) if i % 10 else "n/a" for i in range(100)]
    good = 0
    for k in range(n):
        try:
            good += int(texts[k % 100])
        except ValueError:
            good -= 1
    return good


@accelerate
def count_words(n: int) -> int:
    words = ["w" + str(i % 997) for i in range(n)]
    counts: dict[str, int] = {}
    for w in words:
        try:
            counts[w] += 1
        except KeyError:
            counts[w] = 1
    return len(counts) * 1000 + counts["w1"]


class Overdrawn(Exception):
    def __init__(self, needed: int, available: int):
        super().__init__(needed, available)
        self.needed = needed
        self.available = available


class Account:
    def __init__(self, balance: int):
        self.balance = balance

    def withdraw(self, amount: int) -> int:
        if amount > self.balance:
            raise Overdrawn(amount, self.balance)
        self.balance -= amount
        return self.balance


@accelerate
def bank(n: int) -> int:
    acc = Account(1000)
    refused = 0
    for i in range(n):
        try:
            acc.withdraw((i * 7919) % 100)
        except Overdrawn as e:
            refused += e.needed - e.available
            acc.balance += 50
    return refused * 1000 + acc.balance


def terms(n: int):
    for i in range(n):
        yield (i * 7 + 3) % 11


@accelerate
def gen_sum(n: int) -> int:
    total = 0
    for t in terms(n):
        total += t
        total += 1
    return total


@accelerate
def gen_object_sum(n: int) -> int:
    g = terms(n)  # read by one loop alone: the loop is inlined as gen_sum's is
    total = 0
    for t in g:
        total += t
        total += 1
    return total


@accelerate
def gen_object_next(n: int) -> int:
    g = terms(n)  # a generator object: terms compiled as a coroutine, resumed by each next()
    total = 0
    for _ in range(n):
        total += next(g)
        total += 1
    return total


N = 10_000_000
KERNELS = [
    # name, function, args, CPython's (smaller) args, scale of CPython's time
    ("plain_sum", plain_sum, (N,), (N // 10,), 10),
    ("gen_sum", gen_sum, (N,), (N // 10,), 10),
    ("gen_object_sum", gen_object_sum, (N,), (N // 10,), 10),
    ("gen_object_next", gen_object_next, (N,), (N // 10,), 10),
    ("guarded_sum", guarded_sum, (N,), (N // 10,), 10),
    ("parse_count", parse_count, (1_000_000,), (100_000,), 10),
    ("count_words", count_words, (1_000_000,), (100_000,), 10),
    ("bank", bank, (1_000_000,), (100_000,), 10),
]
