# Found by tests/fuzzer.py (seed 4), reduced by hand. It differed:
#   refused: "name 'str' is not defined" (CPython compiles `False and ...` away, and
#   `str` with it from co_names; pyrite's capture read only co_names)
import math
from pyrite import accelerate


@accelerate
def case(v1: str, w0: int) -> tuple[str, int]:
    while w0 < 5 and (False and (",".join([str(x) for x in [-1]]) != v1)):
        w0 += 1
    return (v1, w0)


ARGS = [("-1", 0), ("", 7)]
