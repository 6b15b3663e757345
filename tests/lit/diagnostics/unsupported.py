# Diagnostics point at the offending Python: file:line:col, the source line, a caret.
# RUN: not %pyrite check %s 2>&1 | FileCheck %s
from pyrite import accelerate


@accelerate
def f(x: int, y) -> int:
    # CHECK: unsupported.py:[[@LINE-1]]:15: error: parameter 'y' needs a type annotation
    # CHECK-NEXT: def f(x: int, y) -> int:
    # CHECK-NEXT: {{^              \^$}}
    with open("x") as fh:
        pass
    # CHECK: unsupported.py:[[@LINE-2]]:5: error: 'with' statements are not supported by pyrite yet
    values = lambda: x
    # CHECK: unsupported.py:[[@LINE-1]]:14: error: lambda expressions are not supported by pyrite yet
    # CHECK-NEXT: values = lambda: x
    # CHECK-NEXT: {{^             \^~~~~~~~~$}}
    return x
