// counters: an int local that only counts cannot overflow, so its steps need no overflow check.
//
// A counter is a local int (not a parameter, not one a nested function rebinds) that every assignment either sets to a constant of
// magnitude at most 2**62 or steps by one (`c += 1`, `c -= 1`, `c = c + 1`, `c = 1 + c`), each step
// outside every loop or in exactly one loop over a container's items (a list, str, bytes, dict,
// set, tuple, deque or array: `for x in xs`). Each step then runs at most once per item the loop
// walks, and a loop over a list ends when its index passes the list's length, which memory bounds
// (a str, a dict, a set cannot grow while iterated): a counter moves far less than the 2**62 it
// would need to leave 64 bits. A step inside a while loop or a range loop is not a counter's: those
// loops may run 2**62 times (range(2**62)), and the C++ compiler may sum such a loop's steps in one
// addition, which would wrap where CPython's int grows.
//
// Marked steps (Expr::no_overflow) are plain C++ arithmetic: `for f in flags: if f: count += 1`
// compiles to a loop the C++ compiler can vectorize.
//
// A step by one under a while loop's bound is marked too (bounded_steps): `while k < n and
// ...:` whose body assigns k only by `k += 1` (once, outside any loop inside it) steps k from
// below n, so k + 1 <= n fits (`k -= 1` under `k > n` alike); a nested function that rebinds k
// could change it between the test and the step, so k is no such local.
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::BinOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

constexpr std::int64_t kLimit = std::int64_t(1) << 62;

// a loop whose iterations number at most the items of a container in memory
bool over_items(const Stmt& loop) {
    if (loop.kind != StmtKind::ForEach || !loop.value || !loop.value->type) return false;
    const Type* t = loop.value->type;
    return t->is(TypeKind::List) || t->is(TypeKind::Str) || t->is(TypeKind::Bytes) || t->is(TypeKind::ByteArray) ||
           t->is(TypeKind::Dict) || t->is(TypeKind::Set) || t->is(TypeKind::TupleOf) || t->is(TypeKind::Tuple) ||
           t->is(TypeKind::Deque) || t->is(TypeKind::Array);
}

// the step `value` takes its variable `var` by: c + 1, 1 + c, c - 1, c + -1; else null
Expr* step_of(Expr& value, int var) {
    if (value.kind != ExprKind::Binary || !value.type || !value.type->is(TypeKind::Int)) return nullptr;
    auto op = static_cast<BinOp>(value.op);
    if (op != BinOp::Add && op != BinOp::Sub) return nullptr;
    const Expr &a = *value.args[0], &b = *value.args[1];
    auto is_var = [&](const Expr& e) { return e.kind == ExprKind::Var && e.var == var && e.type->is(TypeKind::Int); };
    auto is_one = [](const Expr& e) { return e.kind == ExprKind::IntConst && (e.ival == 1 || e.ival == -1); };
    if (is_var(a) && is_one(b)) return &value;
    if (op == BinOp::Add && is_one(a) && is_var(b)) return &value;
    return nullptr;
}

struct Counters {
    ir::Function& f;
    std::vector<bool> counter;            // by variable: still a counter
    std::map<int, std::vector<Expr*>> steps;

    explicit Counters(ir::Function& fn) : f(fn), counter(fn.vars.size(), true) {
        for (int p : fn.params) counter[static_cast<size_t>(p)] = false;
        for (size_t v = 0; v < fn.vars.size(); ++v)
            if (!fn.vars[v].type || !fn.vars[v].type->is(TypeKind::Int)) counter[v] = false;
    }

    void not_counter(int v) {
        if (v >= 0 && static_cast<size_t>(v) < counter.size()) counter[static_cast<size_t>(v)] = false;
    }

    // a statement's own binding of s.var: a constant, a step, or anything else
    void binding(Stmt& s, const std::vector<const Stmt*>& loops) {
        if (s.var < 0) return;
        if (s.kind != StmtKind::Assign || !s.value) return not_counter(s.var);
        const Expr& v = *s.value;
        if (v.kind == ExprKind::IntConst && v.ival >= -kLimit && v.ival <= kLimit) return;
        Expr* step = step_of(*s.value, s.var);
        bool bounded = loops.empty() || (loops.size() == 1 && over_items(*loops[0]));
        if (!step || !bounded) return not_counter(s.var);
        steps[s.var].push_back(step);
    }

    // variables an expression's own blocks bind (comprehensions, inlined calls) are no counters:
    // what runs them is not looked at here
    void in_expr(Expr& e) {
        ir::for_each_node(e, [&](Expr& x) {
            if (x.kind == ExprKind::Block || x.kind == ExprKind::Lambda) not_counter(x.var);
        });
        ir::for_each_stmt_deep(e, [&](Stmt& st) { not_counter(st.var); });
    }

    void block(ir::Block& b, std::vector<const Stmt*>& loops) {
        for (ir::StmtP& s : b) {
            ir::for_each_expr_of(*s, [&](Expr& e) { in_expr(e); });
            bool loop = (s->kind == StmtKind::While && !s->once) || s->kind == StmtKind::ForRange || s->kind == StmtKind::ForEach;
            if (loop || s->kind == StmtKind::While) not_counter(s->var);  // a loop variable
            else binding(*s, loops);
            if (loop) loops.push_back(s.get());
            block(s->body, loops);
            block(s->fast, loops);
            if (loop) loops.pop_back();
            block(s->orelse, loops);
            block(s->handlers, loops);
            block(s->finalbody, loops);
        }
    }

    void mark() {
        std::vector<const Stmt*> loops;
        block(f.body, loops);
        for (auto& [v, exprs] : steps)
            if (counter[static_cast<size_t>(v)])
                for (Expr* e : exprs) e->no_overflow = true;
    }
};

}  // namespace

// k's one step in a while loop's body, by +1 (up) or -1, marked where it is k's only binding there
// (and in the loop's test), outside any loop inside the body: it runs while k is as the test saw it
void mark_bounded_step(Stmt& loop, int k, bool up) {
    Expr* step = nullptr;
    int bindings = 0;
    auto in_expr = [&](Expr& e) {  // a walrus, a comprehension's or a lambda's binding: not the step
        ir::for_each_stmt_deep(e, [&](Stmt& st) { bindings += st.var == k ? 2 : 0; });
        ir::for_each_node(e, [&](Expr& x) {
            if ((x.kind == ExprKind::Block || x.kind == ExprKind::Lambda) && x.var == k) bindings += 2;
        });
    };
    in_expr(*loop.value);
    std::function<void(ir::Block&, bool)> walk = [&](ir::Block& b, bool in_loop) {
        for (ir::StmtP& s : b) {
            ir::for_each_expr_of(*s, in_expr);
            if (s->var == k) {
                ++bindings;
                Expr* e = s->kind == StmtKind::Assign && s->value && !in_loop ? step_of(*s->value, k) : nullptr;
                std::int64_t by = e ? (e->args[0]->kind == ExprKind::IntConst ? e->args[0]->ival : e->args[1]->ival) : 0;
                if (e && static_cast<BinOp>(e->op) == BinOp::Sub) by = -by;
                if (e && by == (up ? 1 : -1)) step = e;
            }
            bool inner_loop = s->kind == StmtKind::While || s->kind == StmtKind::ForRange || s->kind == StmtKind::ForEach;
            ir::for_each_block(*s, [&](ir::Block& inner) { walk(inner, in_loop || inner_loop); });
        }
    };
    walk(loop.body, false);
    if (bindings == 1 && step) step->no_overflow = true;
}

// while k < n and ...: k += 1 (the file's head): each conjunct of the test that compares an int
// local with an int bounds its steps
void bounded_steps(Stmt& loop, const std::set<int>& rebound) {
    std::vector<const Expr*> tests;  // the conjuncts every iteration starts with true
    std::function<void(const Expr&)> conjuncts = [&](const Expr& e) {
        if (e.kind == ExprKind::BoolOp && static_cast<ir::BoolOpKind>(e.op) == ir::BoolOpKind::And)
            for (const ir::ExprP& a : e.args) conjuncts(*a);
        else
            tests.push_back(&e);
    };
    conjuncts(*loop.value);
    auto is_int = [](const Expr& e) { return e.type && e.type->is(TypeKind::Int); };
    for (const Expr* t : tests) {
        if (t->kind != ExprKind::Compare || t->cmps.size() != 1 || !is_int(*t->args[0]) || !is_int(*t->args[1])) continue;
        ir::CmpOp op = t->cmps[0];
        if (op != ir::CmpOp::Lt && op != ir::CmpOp::Gt) continue;
        for (int side = 0; side < 2; ++side) {  // k < n: k steps up; n < k: k steps down
            const Expr& k = *t->args[static_cast<size_t>(side)];
            if (k.kind != ExprKind::Var || rebound.count(k.var) || !is_int(k)) continue;
            mark_bounded_step(loop, k.var, (op == ir::CmpOp::Lt) == (side == 0));
        }
    }
}

void mark_counters(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        if (!f.compiled()) continue;
        std::set<int> rebound = by_reference(f);  // a call may set them to anything
        Counters counters(f);
        for (int v : rebound) counters.not_counter(v);
        counters.mark();
        ir::for_each_stmt(f.body, [&](Stmt& s) {
            if (s.kind == StmtKind::While && !s.once && s.value) bounded_steps(s, rebound);
        });
    }
}

}  // namespace pyrite::opt
