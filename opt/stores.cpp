// slice-copies: xs[a:b] = xs[c:d:e], a slice of a list stored into the same list, whose
// bounds raise at most OverflowError (so reading them in either order is the same) and whose
// step is not 0: the runtime copies within the list (List::set_slice_from_self), with no
// intermediate list.
#include "../ir/effects.hpp"
#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

bool plain_bounds(const Expr& slice) {
    for (size_t i = 1; i < 4; ++i)
        if (ir::raises(*slice.args[i]) & ~unsigned(ir::kOverflow)) return false;
    return true;
}

// a step known not to be 0: omitted, or a nonzero constant
bool nonzero_step(const Expr& step) {
    if (step.kind == ExprKind::NoneConst) return true;
    if (step.kind == ExprKind::IntConst) return step.ival != 0;
    return step.kind == ExprKind::Unary && step.args[0]->kind == ExprKind::IntConst && step.args[0]->ival != 0;
}

void mark(Stmt& s) {
    if (s.kind != StmtKind::Store || !s.value) return;
    const Expr &t = *s.target, &v = *s.value;
    s.slice_from_self = t.kind == ExprKind::Slice && v.kind == ExprKind::Slice && t.args[0]->kind == ExprKind::Var &&
                        t.args[0]->type && t.args[0]->type->is(TypeKind::List) &&
                        v.args[0]->kind == ExprKind::Var && t.args[0]->var == v.args[0]->var &&
                        !t.args[0]->check_bound && plain_bounds(t) && plain_bounds(v) && nonzero_step(*v.args[3]);
}

}  // namespace

void slice_copies(ir::Module& m) {
    for (ir::Function& f : m.functions) ir::for_each_stmt(f.body, mark);
}

}  // namespace pyrite::opt
