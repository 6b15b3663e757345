// typeinfer: IR -> typed IR + diagnostics. See infer.cpp for the algorithm.
#pragma once
#include "../ir/diagnostics.hpp"
#include "../ir/ir.hpp"
#include "builtins.hpp"

namespace pyrite::typeinfer {

// Types every expression and variable of the module, resolves builtin
// overloads, and reports type errors.
void infer_types(ir::Module& m, const BuiltinTable& builtins, Diagnostics& diags);

// Marks reads of locals that may be unassigned (CPython: UnboundLocalError).
void definite_assignment(ir::Module& m);

// Call-graph facts codegen needs: recursion (guarded) and which entry points
// run long enough to release the GIL.
void analyze_calls(ir::Module& m);
// Whether intrinsic np.NAME is one of NumPy's element-wise functions (arrays.cpp's tables):
// codegen fuses an expression of them into one loop.
bool elementwise_ufunc(const std::string& intrinsic);

}  // namespace pyrite::typeinfer
