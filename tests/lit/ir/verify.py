# The IR verifier (ir/verify.hpp) on IR broken on purpose after a pass
# (PYRITE_IR_CORRUPT=PASS:WHAT): each broken invariant is reported with the pass that left it.
# RUN: %pyrite ir %s --print-after version-loops --verify | FileCheck %s --check-prefix=OK
# RUN: env PYRITE_IR_CORRUPT=typeinfer:untyped not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=UNTYPED
# RUN: env PYRITE_IR_CORRUPT=lower:bad-var not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=BADVAR
# RUN: env PYRITE_IR_CORRUPT=callgraph:arity not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=ARITY
# RUN: env PYRITE_IR_CORRUPT=lower:stray-break not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=BREAK
# RUN: env PYRITE_IR_CORRUPT=fuse:stray-inner not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=INNER
# RUN: env PYRITE_IR_CORRUPT=version-loops:unguarded not %pyrite ir %s --verify 2>&1 | FileCheck %s --check-prefix=UNGUARDED
# without the verifier, the same broken IR goes on (and would reach codegen)
# RUN: env PYRITE_IR_CORRUPT=lower:stray-break PYRITE_VERIFY_IR=0 %pyrite ir %s --print-after lower | FileCheck %s --check-prefix=UNCHECKED
from pyrite import accelerate


# OK: def @total
# UNTYPED: pyrite bug: the IR verifier found, after pass 'typeinfer':
# BADVAR: pyrite bug: the IR verifier found, after pass 'lower':
# ARITY: after pass 'callgraph':
# BREAK: after pass 'lower':
# INNER: after pass 'fuse':
# UNGUARDED: after pass 'version-loops':
# UNCHECKED: break
# BREAK-NEXT: total:[[@LINE+2]]:0: Break of loop 99 outside it
@accelerate
def total(xs: list[int], n: int) -> int:
    # UNTYPED-NEXT: total:[[@LINE+1]]:8: IntConst has no known type
    s = 0
    # BADVAR-NEXT: total:[[@LINE+1]]:19: Var reads variable index {{[0-9]+}}, which is not one
    for i in range(n):
        # ARITY-NEXT: total:[[@LINE+3]]:8: Binary has 1 operands, not 2
        # INNER-NEXT: total:[[@LINE+2]]:8: an Inner fused node outside a fused loop
        # UNGUARDED-NEXT: total:[[@LINE+1]]:13: unchecked bounds outside a versioned loop's fast copy
        s += xs[i]
    return s
