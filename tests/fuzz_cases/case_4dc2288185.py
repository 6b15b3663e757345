# Found by tests/fuzzer.py (seed 6000), reduced. It differed:
#   value: interpreted returned (0.0, 'a b a', nan, False) (tuple), compiled returned (-0.0, 'a b a', nan, False) (tuple)
import math
from pyrite import accelerate


@accelerate
def case(p0: str, p1: float, p2: bool) -> tuple[float, str, float, bool]:
    v0: float = -2.0
    v0 = math.copysign(0.0, math.atan2((-p1), 0.0))
    return (v0, p0, p1, p2)


ARGS = [('a b a', math.nan, False)]
