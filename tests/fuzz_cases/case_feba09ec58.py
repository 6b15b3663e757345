# Found by tests/fuzzer.py (seed 2000), reduced. It differed:
#   outcome: interpreted raised ValueError: math domain error, compiled returned ({'b': 0}, [0.0, 0.1, 3.141592653589793, 3.0], inf, True) (tuple)
import math
from pyrite import accelerate


@accelerate
def case(p0: float, p1: bool) -> tuple[dict[str, int], list[float], float, bool]:
    v0: dict[str, int] = {'b': 0}
    v1: list[float] = [0.0, 0.1, 3.141592653589793, 3.0]
    p0 = math.copysign(p0, math.exp(p0 % 100))
    p0 = math.sqrt(p0)
    return (v0, v1, p0, p1)


ARGS = [(math.inf, True)]
