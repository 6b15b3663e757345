# Found by tests/fuzzer.py (seed 2000), reduced. It differed:
#   argument 0 after the call: interpreted {-10, -3}, compiled {-3, -10}
import math
from pyrite import accelerate


@accelerate
def case(p0: set[int]) -> tuple[int, bool, set[int]]:
    v0: int = 2
    v1: bool = True
    p0 -= {64, 3, 7}
    p0.remove(0)
    return (v0, v1, p0)


ARGS = [({3, -3, -10, 7},)]
