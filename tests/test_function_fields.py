"""Fields that hold functions (a callback, a strategy, a closure over __init__'s parameter): a
class's methods call what the field holds (`self.test(x)`: a name no class of the program has a
method of), compiled as a call of a function value; an instance made by compiled code that Python
reads gives Python the function (the module's own, or a closure made from the same source)."""
import re

import pytest

from difftest import check, check_all, compile_error
from pyrite import accelerate


class Rule:
    def __init__(self, name, test):
        self.name = name
        self.test = test

    def check(self, x):
        return self.test(x)


def positive(x):
    return x > 0


def even(x):
    return x % 2 == 0


@accelerate
def apply_rules(xs: list[int]) -> list[str]:
    rules = [Rule("positive", positive), Rule("even", even), Rule("small", lambda x: abs(x) < 10)]
    out = []
    for x in xs:
        for r in rules:
            if r.check(x):
                out.append(f"{x}:{r.name}")
    return out


class Scaler:
    def __init__(self, k, offset=0):
        self.f = lambda x: x * k + offset  # a closure over __init__'s parameters, kept by the instance

    def apply(self, xs):
        return [self.f(x) for x in xs]


class Counter:
    def __init__(self):
        count = 0

        def inc(by):
            nonlocal count  # a cell the field's closure holds, after __init__ returned
            count += by
            return count
        self.step = inc

    def tick(self, by=1):
        return self.step(by)


@accelerate
def scaled_and_counted(xs: list[int], k: int) -> tuple[list[int], list[int]]:
    s = Scaler(k, 1)
    c = Counter()
    return s.apply(xs), [c.tick(x) for x in xs]


class Button:
    def __init__(self, label, on_click):
        self.label = label
        self.on_click = on_click
        self.clicks = 0

    def press(self, times):
        for _ in range(times):
            self.clicks += 1
            self.on_click(self.label, self.clicks)


def log_click(label, n):
    if n > 3:
        raise RuntimeError(f"{label} pressed {n} times")


@accelerate
def press(times: int) -> int:
    b = Button("ok", log_click)
    b.press(times)
    return b.clicks


class Stage:
    def __init__(me, fn):  # the instance's parameter named otherwise than self
        me.fn = fn

    def run(me, x):
        return me.fn(x)


@accelerate
def staged(xs: list[int]) -> list[bool]:
    stages = [Stage(even), Stage(positive)]
    return [s.run(x) for x in xs for s in stages]


@accelerate
def make_rule() -> Rule:
    return Rule("even", even)


def test_fields_holding_functions():
    check_all(apply_rules, [[1, -2, 30], [], [0, 11]])
    check_all(scaled_and_counted, [[1, 2, 3], []], [4, -1])
    check_all(press, [0, 3, 5])  # RuntimeError from the callback, through the method
    check_all(staged, [[1, -2, 0], []])


def test_an_instance_with_a_function_field_crosses_to_python():
    r = make_rule()
    assert r.test is even and r.check(4) and not r.check(3)


class Ticker:
    def __init__(self, f):
        self.f = f
        self.group = "g"  # a field named as re.Match's method


class Tagged(Ticker):
    def __init__(self, f, tag):
        super().__init__(f)
        self.tag = tag


def double(x):
    return 2 * x


@accelerate
def called_outside(n: int, s: str) -> tuple[int, str, str]:
    t = Ticker(double)
    u = Tagged(lambda x: x - n, "neg")
    m = re.match(r"(\w+)-(\d+)", s)  # m.group(1): the Match's method (no Match has a field `group`)
    head = m.group(1) if m else t.group
    return t.f(n) + u.f(n) + Ticker(lambda x: x * x).f(n), head, u.tag


@accelerate
def rule_names(xs: list[int]) -> list[str]:
    rules = [Rule("positive", positive), Rule("even", even)]
    return [r.name for x in xs for r in rules if r.test(x)]  # the field's function, called outside the class


def test_what_a_field_holds_is_called_outside_its_class():
    check_all(called_outside, [0, 7, -3], ["ab-12", "", "-"])
    check_all(rule_names, [[1, -2, 0, 4], []])


def test_function_fields_that_do_not_compile(tmp_path):
    message = compile_error(tmp_path, "fields_and_methods", """
from pyrite import accelerate

class Ticker:
    def __init__(self, f):
        self.f = f

class Other:
    def f(self, x):
        return x

def double(x):
    return 2 * x

@accelerate
def f(n: int) -> int:
    t = Ticker(double)
    return t.f(n) + Other().f(n)
""", 3)
    assert ("'Ticker.f' is a field, and a class of the program has a method 'f': compiled code calls what a field holds "
            "where no class has a method of its name") in message
    message = compile_error(tmp_path, "dataclass_function_field", """
from dataclasses import dataclass
from typing import Callable
from pyrite import accelerate

@dataclass
class Rule:
    name: str
    test: Callable[[int], bool]

def even(x):
    return x % 2 == 0

@accelerate
def f(xs: list[int]) -> list[bool]:
    r = Rule("even", even)
    return [r.test(x) for x in xs]
""", [1, 2])
    assert "a dataclass field holding a function is not supported yet" in message
    assert message.count("error:") == 1  # one diagnostic: the class's uses say nothing more
