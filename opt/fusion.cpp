// Element-wise fusion and the array temporaries it absorbs.
//
// inline-temporaries: `diff = x[:, None] - x[None, :]` followed by
// `d = np.sqrt((diff * diff).sum(axis=2))`, where diff is read nowhere else: the
// second statement gets diff's expression in place of each read and the first
// goes, so the fused loop never writes diff's memory. Only where nothing can tell:
// diff's expression reads views of locals and constants (no calls, nothing that
// raises), and the statement using it calls nothing that could write those arrays first.
//
// fuse: a * b + np.sqrt(c) runs as one loop (numpy.hpp's zip_fn) over its leaves, with
// no temporary arrays; the scalar operations in the loop body are each node's own, in
// its own dtype, so the result is NumPy's bit for bit. a.sum(axis=k) of an element-wise
// expression is summed as it is computed (numpy.hpp's sum_fused).
#include <functional>
#include <map>
#include <set>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Fusion;
using ir::Stmt;
using ir::StmtKind;

namespace {

// an array-valued operation NumPy applies item by item
bool elementwise(const Expr& e) {
    if (!e.type || !e.type->is(TypeKind::Array)) return false;
    switch (e.kind) {
        case ExprKind::Binary: return !(e.inplace && e.args[0]->type->is(TypeKind::Array));
        case ExprKind::Compare: return e.cmps.size() == 1;
        case ExprKind::Unary: return static_cast<ir::UnOp>(e.op) != ir::UnOp::Not;
        case ExprKind::Intrinsic: return ops::has(e.operation, ops::Elementwise);
        default: return false;
    }
}

// a leaf that cannot raise: reading it early changes nothing NumPy would observe
bool quiet_leaf(const Expr& e) {
    switch (e.kind) {
        case ExprKind::Var: return !e.check_bound && !e.unwrap;
        case ExprKind::IntConst:
        case ExprKind::FloatConst:
        case ExprKind::ComplexConst:
        case ExprKind::BoolConst:
        case ExprKind::NoneConst: return true;
        case ExprKind::Slice:  // a[1:-1]: a view, never an error
            for (const ir::ExprP& a : e.args)
                if (!quiet_leaf(*a)) return false;
            return e.args[0]->type->is(TypeKind::Array);
        case ExprKind::Subscript:  // a[1:-1, ::2], a[:, None]: a view
            if (!e.args[0]->type->is(TypeKind::Array) || !quiet_leaf(*e.args[0])) return false;
            if (e.args[1]->kind != ExprKind::IndexParts) return false;
            for (const ir::ExprP& p : e.args[1]->args) {
                if (p->kind == ExprKind::SlicePart) {
                    for (const ir::ExprP& b : p->args)
                        if (!quiet_leaf(*b)) return false;
                } else if (!p->type->is(TypeKind::None)) {
                    return false;  // an int index can raise IndexError
                }
            }
            return true;
        default: return false;
    }
}

bool all_quiet(const Expr& e) {
    if (!elementwise(e)) return quiet_leaf(e);
    for (const ir::ExprP& a : e.args)
        if (!all_quiet(*a)) return false;
    return true;
}

// ------------------------------------------------------------ inline-temporaries
void count_reads(const Stmt& s, std::map<int, int>& reads);
void count_reads(const Expr& e, std::map<int, int>& reads) {
    if (e.kind == ExprKind::Var) ++reads[e.var];
    for (const ir::ExprP& a : e.args) count_reads(*a, reads);
    if (e.body)
        for (const ir::StmtP& s : *e.body) count_reads(*s, reads);
}
void count_reads(const Stmt& s, std::map<int, int>& reads) {
    for (const ir::ExprP* p : {&s.value, &s.target})
        if (*p) count_reads(**p, reads);
    for (const ir::ExprP& r : s.range) count_reads(*r, reads);
    ir::for_each_block(s, [&](const ir::Block& b) {
        for (const ir::StmtP& x : b) count_reads(*x, reads);
    });
}

void count_writes(const ir::Block& b, std::map<int, int>& writes) {
    for (const ir::StmtP& s : b) {
        if (s->kind == StmtKind::Assign || s->kind == StmtKind::ForRange) ++writes[s->var];
        ir::for_each_block(*s, [&](const ir::Block& b) { count_writes(b, writes); });
    }
}

// an expression that writes no array before reading the inlined one: NumPy operations,
// views, numbers (no calls of compiled functions, no methods that mutate, no blocks)
bool harmless(const Expr& e) {
    switch (e.kind) {
        case ExprKind::CallFunc:
        case ExprKind::New:
        case ExprKind::Block:
        case ExprKind::Lambda:
        case ExprKind::Method:
        case ExprKind::DictDisplay:
        case ExprKind::SetDisplay:
        case ExprKind::List: return false;
        case ExprKind::Binary:
            if (e.inplace) return false;
            break;
        case ExprKind::Intrinsic:
            if (ops::info(e.operation).recv != ops::Recv::NumPy && ops::info(e.operation).recv != ops::Recv::Attr) return false;
            if (ops::has(e.operation, ops::Mutates)) return false;  // np.copyto, a.sort()
            break;
        case ExprKind::CallBuiltin: break;  // float(), abs(), math.*: no arrays
        default: break;
    }
    for (const ir::ExprP& a : e.args)
        if (!harmless(*a)) return false;
    return true;
}

void reads_of(const Expr& e, std::set<int>& vars) {
    if (e.kind == ExprKind::Var) vars.insert(e.var);
    for (const ir::ExprP& a : e.args) reads_of(*a, vars);
}

void inline_in(ir::Function& f) {
    std::map<int, int> reads, writes;
    for (const ir::StmtP& s : f.body) count_reads(*s, reads);
    count_writes(f.body, writes);
    std::function<void(ir::Block&)> walk = [&](ir::Block& b) {
        std::set<const Stmt*> rewritten;  // a rewritten statement is not inlined in turn
        std::vector<size_t> gone;
        for (size_t i = 0; i + 1 < b.size(); ++i) {
            const Stmt& def = *b[i];
            Stmt& use = *b[i + 1];
            if (def.kind != StmtKind::Assign || !def.value || !elementwise(*def.value) || !all_quiet(*def.value))
                continue;
            const ir::Var& v = f.vars[def.var];
            if (v.is_param || v.needs_flag || writes[def.var] != 1 || v.temporary()) continue;
            if (use.kind != StmtKind::Assign && use.kind != StmtKind::Return && use.kind != StmtKind::ExprStmt) continue;
            if (!use.value || !harmless(*use.value) || rewritten.count(&def)) continue;
            std::map<int, int> here;
            count_reads(*use.value, here);
            if (here[def.var] == 0 || here[def.var] != reads[def.var]) continue;
            std::set<int> leaves;  // the use must not rebind what the temporary reads
            reads_of(*def.value, leaves);
            if (use.kind == StmtKind::Assign && (leaves.count(use.var) || use.var == def.var)) continue;
            use.value = ir::substitute(*use.value, def.var, *def.value);
            rewritten.insert(&use);
            gone.push_back(i);
        }
        for (auto it = gone.rbegin(); it != gone.rend(); ++it) b.erase(b.begin() + static_cast<long>(*it));
        for (ir::StmtP& s : b) ir::for_each_block(*s, [&](ir::Block& inner) { walk(inner); });
    };
    walk(f.body);
}

// ------------------------------------------------------------ fuse
// a fused loop reads its leaves in order before it starts: a leaf Python reads after one of the
// operations has run must be quiet, or NumPy would raise that operation's error first. Those
// read before any (both rows of `(p[i] - c[k]) ** 2`) may raise: Python reads them first too
bool fusable(const Expr& e) {
    bool ran = false, ok = true;
    std::function<void(const Expr&)> walk = [&](const Expr& x) {  // in Python's order of evaluation
        for (const ir::ExprP& a : x.args) {
            if (elementwise(*a)) walk(*a);
            else ok = ok && (!ran || quiet_leaf(*a));
        }
        ran = true;  // x runs after its operands
    };
    walk(e);
    return ok;
}

void mark_inner(Expr& e) {
    e.fusion = Fusion::Inner;
    for (ir::ExprP& a : e.args)
        if (elementwise(*a)) mark_inner(*a);
}

void fuse_expr(Expr& e);

// the leaves of a fused node are expressions of their own, which may fuse in turn
void fuse_leaves(Expr& e) {
    for (ir::ExprP& a : e.args) {
        if (a->fusion == Fusion::Inner) fuse_leaves(*a);
        else fuse_expr(*a);
    }
}

void fuse_expr(Expr& e) {
    if (elementwise(e)) {
        bool nested = false;
        for (const ir::ExprP& a : e.args) nested = nested || elementwise(*a);
        if (nested && fusable(e)) {
            mark_inner(e);
            e.fusion = Fusion::Loop;
            fuse_leaves(e);
            return;
        }
    }
    // a.sum(axis=k) of an element-wise expression of floats: summed as it is computed (numpy.hpp's
    // sum_fused); np.sum(e) / e.sum() / np.mean(e) of one, whole: NumPy's pairwise sum of the
    // temporary, computed as its items are, with no temporary (sum_zip, mean_zip)
    bool sum = e.kind == ExprKind::Intrinsic && e.operation == ops::Op::NpSum;
    bool along_axis = sum && e.type->is(TypeKind::Array) && !ir::keeps_dims(e) && e.args[1]->kind == ExprKind::IntConst &&
                      e.args[0]->type->elem() == e.type->elem() && is_float_dtype(e.type->elem()->dtype);
    bool whole = (sum || (e.kind == ExprKind::Intrinsic && e.operation == ops::Op::NpMean)) &&
                 e.type->is(TypeKind::Scalar) && e.args.size() > 1 && e.args[1]->kind == ExprKind::NoneConst &&
                 e.args[0]->type->elem() == e.type && is_float_dtype(e.type->dtype);
    if ((along_axis || whole) && elementwise(*e.args[0]) && fusable(*e.args[0])) {
        e.fusion = Fusion::Sum;
        mark_inner(*e.args[0]);
        fuse_leaves(*e.args[0]);
        for (size_t i = 1; i < e.args.size(); ++i) fuse_expr(*e.args[i]);
        return;
    }
    for (ir::ExprP& a : e.args) fuse_expr(*a);
    if (e.body)
        for (ir::StmtP& s : *e.body) ir::for_each_expr(*s, fuse_expr);
}

}  // namespace

void inline_temporaries(ir::Module& m) {
    for (ir::Function& f : m.functions) inline_in(f);
}

void fuse(ir::Module& m) {
    for (ir::Function& f : m.functions)
        for (ir::StmtP& s : f.body) ir::for_each_expr(*s, fuse_expr);
}

}  // namespace pyrite::opt
