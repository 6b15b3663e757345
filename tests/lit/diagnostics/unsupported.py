# Diagnostics point at the offending Python: file:line:col, the source line, a caret.
# RUN: not %pyrite check %s 2>&1 | FileCheck %s
from pyrite import accelerate


@accelerate
def f(x: int, y: memoryview) -> int:
    # CHECK: unsupported.py:[[@LINE-1]]:18: error: unsupported type annotation 'memoryview'
    # CHECK-NEXT: def f(x: int, y: memoryview) -> int:
    # CHECK-NEXT: {{^                 \^~~~~~~~~~$}}
    values = ...
    # CHECK: unsupported.py:[[@LINE-1]]:14: error: constant of type 'ellipsis' is not supported
    # CHECK-NEXT: values = ...
    # CHECK-NEXT: {{^             \^~~$}}
    with open("x") as fh:
        pass
    # a context manager compiled code cannot run: one diagnostic, at the call that makes it
    # CHECK: unsupported.py:[[@LINE-3]]:10: error: 'io.open' is not supported by pyrite
    # CHECK-NOT: error:
    return x
