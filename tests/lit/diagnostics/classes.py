# What pyrite does not compile in a class is one diagnostic per root cause, at its line
# (the classes' own in the order pyrite met the classes, then the functions').
# RUN: not %pyrite check %s 2>&1 | FileCheck %s
from pyrite import accelerate


class Base:
    pass


class Derived(Base, dict):
    # CHECK-DAG: classes.py:[[@LINE-1]]:1: error: class 'Derived' has several bases: pyrite compiles single inheritance only
    size: int = 0

    def __getattr__(self, name: str) -> int:
        # CHECK-DAG: classes.py:[[@LINE-1]]:5: error: '__getattr__' makes attribute access dynamic
        return 0


class Counter:
    limits = (10, [20])  # (a number, str or bool constant is the class attribute instances read; a list display, a class variable)
    # CHECK-DAG: classes.py:[[@LINE-1]]:5: error: class attributes without an annotation are not supported by pyrite yet, other than a number, str or bool constant

    def __init__(self, start: int):
        self.n = start

    @staticmethod
    def zero() -> int:
        return 0

    @classmethod
    def make(cls) -> "Counter":
        return cls(cls.limit)
    # CHECK-DAG: classes.py:[[@LINE-1]]:20: error: 'cls' in a classmethod is supported as cls(...) only


@accelerate
def f(k: int) -> int:
    d = Derived()
    c = Counter(k)
    c.count = 1
    # CHECK: classes.py:[[@LINE-1]]:5: error: 'Counter' object has no attribute 'count': pyrite gives a class fixed fields
    # CHECK-NEXT: c.count = 1
    # CHECK-NEXT: {{^    \^~~~~~~$}}
    return c.n + d.size
