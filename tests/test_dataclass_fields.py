"""Dataclass fields' options: field(compare=False) left out of ==, ordering and the hash (hash=None
follows compare), field(repr=False) out of repr, default_factory=set or a lambda of no parameters
made fresh for each instance, as dataclasses.py's generated methods do."""
import heapq
from dataclasses import dataclass, field

from difftest import check
from pyrite import accelerate


@dataclass(order=True)
class Job:
    due: int
    name: str = field(compare=False)
    note: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class Badge:
    a: int
    b: list[int] = field(default_factory=list, compare=False, hash=False)


@dataclass
class Settings:
    name: str
    tags: set[str] = field(default_factory=set)
    grid: list[list[int]] = field(default_factory=lambda: [[0, 0], [0, 0]])
    hidden: int = field(default=7, repr=False)
    counts: dict[str, int] = field(default_factory=dict, compare=False)


@accelerate
def field_flags(dues: list[int], n: str):
    # field(compare=False) is left out of ==, ordering and (hash=None) the hash; field(repr=False) of
    # repr; default_factory=set and a lambda make a fresh value per instance
    jobs = [Job(d, "j" + str(i)) for i, d in enumerate(dues)]
    heapq.heapify(jobs)
    order = [heapq.heappop(jobs).name for _ in range(len(dues))]
    ties = [Job(1, "a") < Job(1, "b"), Job(1, "a") == Job(1, "b"), Job(1, "a") <= Job(1, "b")]
    keys = {Badge(1, [1]): "x", Badge(1, [2]): "y"}
    a, b = Settings(n), Settings(n)
    a.tags.add("x")
    a.grid[0][0] = 5
    b.counts["k"] = 1
    return order, ties, len(keys), repr(Job(3, "z", "secret")), repr(a), repr(b), a == b, Settings(n) == Settings(n), b.grid


def test_dataclass_field_flags():
    for dues in ([], [3, 1, 2, 1], [1, 1, 1], [5, 4, 3, 2, 1, 1]):
        check(field_flags, dues, "q")


@dataclass
class Small:
    x: int = 0
    tag: str = "small"


@dataclass
class Large:
    x: int = 5
    tag: str = field(default="large")


class PlainSmall:
    level = 1


class PlainLarge:
    level = 9


@accelerate
def defaults_of_each_class():
    # each class's own defaults, where two classes have fields of one name (they once shared one
    # table of defaults: the last class's won)
    return Small().x, Large().x, Small().tag, Large().tag, PlainSmall().level, PlainLarge().level


def test_each_class_keeps_its_own_defaults():
    check(defaults_of_each_class)
