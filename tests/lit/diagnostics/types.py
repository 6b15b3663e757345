# Type errors: pyrite has no unions but T | None and int | float, so a variable keeps one type
# (an int and a float make it an int | float: tests/lit/ir/int_or_float.py), and mixed-type
# results that CPython would produce at run time are refused at compile time.
# RUN: not %pyrite check %s 2>&1 | FileCheck %s
from pyrite import accelerate


@accelerate
def f(x: int, z: float) -> float:
    y = 1
    if x > 0:
        y = "2.5"
        # CHECK: types.py:[[@LINE-1]]:9: error: 'y' is assigned a value of type 'str' here but 'int' at line [[@LINE-3]]
    print(y)  # reads either (a name reused for an unrelated value, read apart, would be two variables)
    w = max(x, x > z)
    # CHECK: types.py:[[@LINE-1]]:9: error: max() of 'int' and 'bool' returns either type in Python
    return x
    # CHECK: types.py:[[@LINE-1]]:5: error: 'f' is annotated to return 'float' but returns a value of type 'int' (write a float literal such as 0.0, or float(...))
