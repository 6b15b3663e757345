// slice-copies: xs[a:b] = xs[c:d:e], a slice of a list stored into the same list, whose
// bounds raise at most OverflowError (so reading them in either order is the same) and whose
// step is not 0: the runtime copies within the list (List::set_slice_from_self), with no
// intermediate list.
// And s = s + t (s += t) of a str local that t cannot rebind (no `s := ...` in it, s not rebound
// by a nested function) and that needs no bound check: t is appended to s's string in place where
// no other reference shares it (text.hpp's append_to), as CPython's unicode_concatenate does, so a
// loop that builds a text by += is linear, not quadratic.
// And xs = ys[a:b:c] of a list local that the slice cannot rebind: the items are copied into
// xs's list where no other reference shares it and it has the room (List::slice_into), instead
// of a new list and a free, as in a loop that starts each round from a copy (`perm = perm1[:]`).
#include <set>

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

// s = s + t of a str local, appended in place
void mark_append(Stmt& s, const ir::Function& f, const std::set<int>& by_ref) {
    if (s.kind != StmtKind::Assign || !s.value || s.borrows || s.var < 0) return;
    Expr& v = *s.value;
    auto is_str = [](const auto* t) { return t && t->is(TypeKind::Str); };
    if (v.kind != ExprKind::Binary || static_cast<ir::BinOp>(v.op) != ir::BinOp::Add || !is_str(v.type) ||
        !is_str(f.vars[static_cast<size_t>(s.var)].type) || !is_str(v.args[1]->type))
        return;
    const Expr& a = *v.args[0];
    if (a.kind != ExprKind::Var || a.var != s.var || a.check_bound || by_ref.count(s.var)) return;
    bool rebinds = false;  // CPython reads s before t: t may not bind it
    ir::for_each_stmt_deep(*v.args[1], [&](Stmt& x) { rebinds = rebinds || (x.kind == StmtKind::Assign && x.var == s.var); });
    s.appends = !rebinds;
}

// xs = ys[a:b:c] of a list local, copied into xs's own list
void mark_slice_into(Stmt& s, const ir::Function& f, const std::set<int>& by_ref) {
    if (s.kind != StmtKind::Assign || !s.value || s.borrows || s.var < 0 || by_ref.count(s.var)) return;
    Expr& v = *s.value;
    const auto* t = f.vars[static_cast<size_t>(s.var)].type;
    if (v.kind != ExprKind::Slice || !t || !t->is(TypeKind::List) || v.type != t || !v.args[0]->type ||
        !v.args[0]->type->is(TypeKind::List))
        return;
    bool rebinds = false;  // the slice is made before xs is bound: its bounds may not bind xs
    ir::for_each_stmt_deep(v, [&](Stmt& x) { rebinds = rebinds || (x.kind == StmtKind::Assign && x.var == s.var); });
    s.slice_into = !rebinds;
}

}  // namespace

void slice_copies(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        std::set<int> by_ref = by_reference(f);
        ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
            mark(s);
            mark_append(s, f, by_ref);
            mark_slice_into(s, f, by_ref);
        });
    }
}

}  // namespace pyrite::opt
