// typeinfer: IR -> typed IR + diagnostics. The solver and its algorithm: solver.hpp.
#pragma once
#include "../ir/diagnostics.hpp"
#include "../ir/ir.hpp"
#include "builtins.hpp"

namespace pyrite::typeinfer {

// A local reused for unrelated values becomes one variable per web (webs.cpp), before types.
void split_webs(ir::Module& m);

// Types every expression and variable of the module, resolves builtin
// overloads, and reports type errors.
void infer_types(ir::Module& m, const BuiltinTable& builtins, Diagnostics& diags);

// Marks reads of locals that may be unassigned (CPython: UnboundLocalError).
void definite_assignment(ir::Module& m);

// Call-graph facts codegen needs: recursion (guarded) and which entry points
// run long enough to release the GIL.
void analyze_calls(ir::Module& m);

// Type-directed rewrites after the fixed point (normalize.cpp): t[0] of a tuple becomes
// TupleGet, a.sum() np.sum(a), s.upper() the builtin str.upper(s), a.dtype its name.
void normalize(ir::Module& m);

// t[i] of a tuple of n items: i must be an int constant (-n <= i < n); *pos is 0 <= i < n
enum class TuplePosition { Ok, NotConstant, OutOfRange };
TuplePosition tuple_position(const ir::Expr& index, std::int64_t n, std::int64_t* pos);

}  // namespace pyrite::typeinfer
