// opt: the optimization passes between type inference and codegen.
//
// Each pass rewrites the typed IR or records a decision in it (the fields the
// IR marks "set by the optimization passes"); codegen prints what they decided.
// Their order is bindings/core.cpp's pipeline():
//   folds               folds.cpp   sum() of a generator expression adds as it goes: no list made
//   views               views.cpp    an entry point's list of records it only reads: read in place, not copied in
//   values              values.cpp   classes whose instances no code can tell from copies: C++ values
//   parallel            parallel.cpp what each variable of a prange loop's body is (reduction, private); what it may not do
//   inline-temporaries  fusion.cpp  an array temporary read only by the next statement is substituted into it
//   fuse                fusion.cpp  element-wise expressions marked to run as one loop (Fusion::Loop/Sum/Inner)
//   premark             loops.cpp   lists stored into by a loop are marked changed once, before it
//   iteration           loops.cpp   for loops over lists the body cannot resize; s.split() walked by words;
//                                   loops C++ unrolls (escape-time while loops, a stencil's range loop)
//   counters            counters.cpp an int local that only counts (c += 1 over a list's items), or steps by one
//                                   under its while loop's bound (while k < n: k += 1): unchecked steps
//   version-loops       loops.cpp   an innermost range loop gets a copy without the bounds checks its guards did
//                                   (and a list it assigns and reads at constant indexes is tested once); a loop
//                                   around such loops checks their guards that it keeps true, once, before it
//   int-ranges          ranges.cpp   an innermost range loop's copy, guarded by its ints' bounds, without the overflow checks they rule out
//   signs               signs.cpp   math.sqrt of a number never below 0 (a sum of squares): no domain test
//   slice-copies        stores.cpp  xs[a:b] = xs[c:d] copies within the list; s += t appends to s's own str in place
//   borrow              borrow.cpp  a loop walking fields (node = node.next) steps without counting references
//   pure-recursion      recursion.cpp a recursion on ints and floats whose depth a parameter bounds: a pure copy too
//   interrupts          loops.cpp   loops check for Ctrl-C: each iteration, or between chunks of an innermost range loop
//   moves               moves.cpp   the one read of an unpacking's temporary moves from it (no reference counted)
#pragma once
#include <set>

#include "../ir/effects.hpp"
#include "../ir/ir.hpp"

namespace pyrite::opt {

void fold_reductions(ir::Module& m);
void choose_views(ir::Module& m);
void choose_values(ir::Module& m);
void parallelize(ir::Module& m, Diagnostics& diags);
void inline_temporaries(ir::Module& m);
void fuse(ir::Module& m);
void premark(ir::Module& m);
void choose_iteration(ir::Module& m);
void mark_counters(ir::Module& m);
void version_loops(ir::Module& m);
void prove_int_ranges(ir::Module& m);
void prove_signs(ir::Module& m);
void slice_copies(ir::Module& m);
void widen_ints(ir::Module& m);
void borrow_walks(ir::Module& m);
void find_pure_recursions(ir::Module& m);
void mark_interrupts(ir::Module& m);
void mark_moves(ir::Module& m);

using ir::by_reference;  // the locals a nested function rebinds (ir/effects.hpp)

}  // namespace pyrite::opt
