"""Methods without annotations: each unannotated parameter has the type its calls pass (and its
default), one type for the method and the methods it overrides or that override it (a call
through the base class runs any of them). Fields take theirs from what __init__ stores.
"""
import random

from pyrite import accelerate
from difftest import check, check_all, compile_error, load_source


class Animal:
    def __init__(self, name, energy=10):
        self.name = name
        self.energy = energy

    def speak(self):
        return "..."

    def act(self, chance):
        self.energy -= 1
        if self.energy < 0:
            raise RuntimeError(f"{self.name} collapsed")
        return f"{self.name} says {self.speak()} ({chance:.2f})"


class Dog(Animal):
    def speak(self):
        return "woof"


class Cat(Animal):
    def __init__(self, name, lives=9):
        super().__init__(name, energy=5)
        self.lives = lives

    def speak(self):
        return "meow" if self.lives > 3 else "hiss"

    def act(self, chance):
        if chance < 0.2:
            self.lives -= 1
        return super().act(chance)


@accelerate
def simulate(seed: int, steps: int):
    random.seed(seed)
    zoo = [Dog("rex"), Cat("tom"), Dog("fido", energy=3)]
    log = []
    for step in range(steps):
        a = random.choice(zoo)
        try:
            log.append(a.act(random.random()))
        except RuntimeError as e:
            log.append(f"step {step}: {e}")
            zoo.remove(a)
            if not zoo:
                break
    return log, {an.name: an.energy for an in zoo}


class Account:
    rate = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError(f"bad amount {amount}")
        self.balance += amount
        self.history.append(("in", str(amount)))

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"{self.owner} cannot withdraw {amount} from {self.balance}")
        self.balance -= amount
        self.history.append(("out", str(amount)))

    def add_interest(self, months=1):
        for _ in range(months):
            self.balance = self.balance * (1 + self.rate)

    @staticmethod
    def fee(amount, pct):
        return amount * pct / 100

    @classmethod
    def opened_with(cls, owner, amount):
        acct = cls(owner)
        acct.deposit(amount)
        return acct

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"


@accelerate
def bank(ops: list[tuple[str, int]], interest: bool):
    a = Account.opened_with("ann", 100)
    out = []
    for op, n in ops:
        try:
            if op == "in":
                a.deposit(n)
            elif op == "in+":
                a.deposit(n + 0.5)  # an int and a float: the parameter is an int | float
            else:
                a.withdraw(n)
        except ValueError as e:
            out.append(str(e))
    if interest:
        a.add_interest()
        a.add_interest(3)
    out.append(repr(a))
    out.append(str(Account.fee(a.balance, 2)))
    return out, a.history


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


@accelerate
def vectors(n: int) -> list[str]:
    v = Vec(0.0, 1.0)
    w = Vec(2.5, -1.0)
    out = []
    for i in range(n):
        v = v + w * 0.5
        out.append(f"{v} {v.dot(w):.3f}")
    return out


def test_a_class_hierarchy_without_annotations():
    check_all(simulate, [4, 11], [0, 5, 40])


def test_static_class_methods_defaults_and_int_or_float():
    check(bank, [("in", 50), ("out", 500), ("in", -1), ("in+", 2), ("out", 20)], True)
    check(bank, [], False)


def test_dunders_without_annotations():
    check(vectors, 5)


def test_what_does_not_compile(tmp_path):
    msg = compile_error(tmp_path, "conflict", """
from pyrite import accelerate
class Box:
    def __init__(self, v):
        self.v = v
@accelerate
def f(n: int):
    a = Box(n)
    b = Box(str(n))
    return a.v
""", 1)
    assert "argument 'v' of 'Box.__init__' is 'str' here but 'int' in another call: annotate the parameter" in msg
    # a method no compiled code calls, whose parameter nothing typed: Python's only, not compiled
    mod = load_source(tmp_path, "uncalled", """
from pyrite import accelerate
class Box:
    def __init__(self, v: int):
        self.v = v
    def scaled(self, k):
        return self.v * k
@accelerate
def f(n: int):
    return Box(n)
""")
    box = mod.f(3)
    assert box.v == 3 and box.scaled(2) == 6 and mod.f.py_func(3).scaled("a") == "aaa"
    # but not an __init__ that assigns the fields of instances only Python makes: their types come from it
    msg = compile_error(tmp_path, "from_python", """
from pyrite import accelerate
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
@accelerate
def f(p: Point):
    return p.x
""", 1)
    assert "cannot infer a type for 'x': annotate it" in msg


class Bag:
    def __init__(self, name):
        self.name = name
        self.items = []

    def add(self, *things):
        self.items.extend(things)
        return len(self.items)


@accelerate
def bags(xs: list[int], t: tuple[int, int, int]):
    b = Bag("b")
    b.add(1)
    b.add(*xs)  # a method's *args from a list, a tuple, a generator
    b.add(*t)
    n = b.add(*(x * 2 for x in xs))
    return n, b.items


def test_starred_arguments_of_a_method():
    check(bags, [4, 5], (7, 8, 9))
    check(bags, [], (0, 0, 0))


class Shape:
    def area(self):
        raise NotImplementedError

    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r ** 2


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side * 1.0


@accelerate
def shapes(seed: int, n: int, bare: bool):
    # a list made empty holds its items' common base; a method that only raises returns what its
    # overrides return; describe() through the base calls the override
    random.seed(seed)
    items = []
    for _ in range(n):
        if random.random() < 0.5:
            items.append(Circle(random.randint(1, 5)))
        else:
            items.append(Square(random.uniform(0.5, 3)))
    if bare:
        items.append(Shape())
    total = sum((s.area() for s in items if type(s).__name__ != "Shape"), 0.0)
    return [s.describe() for s in items], round(total, 3)


@accelerate
def mixed_list(n: int):
    xs = []
    xs.append(1)
    for i in range(n):
        xs.append(i / 2)
    return xs, sum(xs), max(xs) if xs else None


def test_common_base_lists_and_abstract_by_raising():
    check_all(shapes, [1, 2], [0, 5], [False])
    check(shapes, 3, 2, True)  # Shape().area(): NotImplementedError, as CPython's
    check_all(mixed_list, [0, 3])
