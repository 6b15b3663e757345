// counters: an int local that only counts cannot overflow, so its steps need no overflow check.
//
// A counter is a local int (not a parameter) that every assignment either sets to a constant of
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
#include <map>
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

void mark_counters(ir::Module& m) {
    for (ir::Function& f : m.functions)
        if (f.compiled()) Counters(f).mark();
}

}  // namespace pyrite::opt
