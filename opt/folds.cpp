// folds: sum(), min() and max() of a generator expression take each item as the generator makes
// it, with no list.
//
// The frontend lowers sum(x * x for x in xs if x > 0) as sum() of a comprehension's block, which
// builds a list (lower_containers.cpp), and typeinfer types it as it types sum() of that list. Where
// the block does nothing with its list but append to it, the appends become the additions:
//     (intrinsic sum (block %$0 { %$0 = (list); for %x in %xs: if ...: (method append %$0 item) }))
// ->  (block %$s { %$0 = start; %$c = 0.0;
//                  for %x in %xs: if ...: %$i = item; %$c = ($sum_comp %$c %$0 %$i); %$0 = ($sum_add %$0 %$i);
//                  %$s = ($sum_end %$0 %$c) })
// The three operations are the ones sum() of a list runs (runtime builtins/containers.hpp), so the
// result is the same bit for bit: each addition CPython's for the total's type (an int's checked,
// int | float's by what it holds), and for floats from CPython 3.12 on its compensated summation
// (%$c; before 3.12 it stays 0.0 and %$s is %$0). Only when the start is a constant or a local:
// one evaluated by the call after the generator's first iterable must not move before it.
//
// max(abs(x) for x in xs[, default=d]) of numbers or strs, without key=, as CPython's min_max:
//     (block %$m { %$d = d; %$f = False;
//                  for ...: %$i = item; if (or (not %$f) (compare %$i gt %$m)): %$m = %$i; %$f = True;
//                  if (not %$f): %$m = %$d  (no default: raise ValueError("max() arg is an empty sequence")) })
// The first of equal items wins, and a nan compares as CPython's `item > best` does (min: `<`).
#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::ExprP;
using ir::Function;
using ir::Stmt;
using ir::StmtKind;
using ir::StmtP;

namespace {

ExprP make(ExprKind kind, Loc at, const Type* type) {
    auto e = std::make_unique<Expr>(kind, at);
    e->type = type;
    return e;
}

ExprP var(const Function& f, int v, Loc at) {
    ExprP e = make(ExprKind::Var, at, f.vars[v].type);
    e->var = v;
    return e;
}

ExprP operation(ops::Op op, const Type* type, Loc at, std::vector<ExprP> args) {
    ExprP e = make(ExprKind::Intrinsic, at, type);
    e->operation = op;
    e->name = ops::info(op).py;
    e->args = std::move(args);
    return e;
}

StmtP assign(int v, ExprP value) {
    auto s = std::make_unique<Stmt>(StmtKind::Assign, value->loc);
    s->var = v;
    s->value = std::move(value);
    return s;
}

bool appends_to(const Stmt& s, int v) {
    return s.kind == StmtKind::ExprStmt && s.value->kind == ExprKind::Method && s.value->operation == ops::Op::ListAppend &&
           s.value->args.size() == 2 && s.value->args[0]->kind == ExprKind::Var && s.value->args[0]->var == v;
}

// the statements of `b` and of the blocks they hold (not expressions' blocks) that append to %v
void find_appends(ir::Block& b, int v, std::vector<Stmt*>& out) {
    for (StmtP& s : b) {
        if (appends_to(*s, v)) out.push_back(s.get());
        ir::for_each_block(*s, [&](ir::Block& inner) { find_appends(inner, v, out); });
    }
}

// each append of `b` (and its blocks) replaced by what step(item) makes of it
template <class Step>
void replace_appends(ir::Block& b, int v, Step&& step) {
    for (size_t i = 0; i < b.size(); ++i) {
        if (appends_to(*b[i], v)) {
            std::vector<StmtP> with = step(std::move(b[i]->value->args[1]), b[i]->loc);
            b.erase(b.begin() + static_cast<std::ptrdiff_t>(i));
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(i), std::make_move_iterator(with.begin()),
                     std::make_move_iterator(with.end()));
            i += with.size() - 1;
            continue;
        }
        ir::for_each_block(*b[i], [&](ir::Block& inner) { replace_appends(inner, v, step); });
    }
}

// a comprehension's block that makes a list, appends to it and does nothing else with it: its appends
bool only_appends(Expr& block, std::vector<Stmt*>& appends) {
    if (!ir::makes_fresh_list(block)) return false;
    find_appends(*block.body, block.var, appends);
    int reads = 0;
    ir::for_each_node(*block.body, [&](Expr& x) { reads += x.kind == ExprKind::Var && x.var == block.var; });
    return !appends.empty() && reads == static_cast<int>(appends.size());
}

// a start or default the fold may evaluate before the items (the call evaluates it after the
// generator's first iterable): a constant, or a local read where it is surely bound
bool unmoved(const Expr& e) {
    return ir::is_constant(e) || (e.kind == ExprKind::Var && !e.check_bound && !e.unwrap);
}

bool number(const Type* t) {
    return t && (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Real));
}

// sum(<block>[, start]) whose block only builds its list: the block, adding as it goes
bool fold_sum(Function& f, Expr& e) {
    const Type* total = e.type;
    if (!total || !(total->is(TypeKind::Int) || total->is(TypeKind::Float) || total->is(TypeKind::Real))) return false;
    if (e.args.empty() || e.args.size() > 2 || e.args[0]->kind != ExprKind::Block || e.star_arg) return false;
    if (e.args.size() == 2) {
        if (!unmoved(*e.args[1]) || !number(e.args[1]->type)) return false;
    }
    Expr& block = *e.args[0];
    const int list = block.var;
    std::vector<Stmt*> appends;
    if (!only_appends(block, appends)) return false;
    Stmt& first = *block.body->front();
    for (Stmt* a : appends)
        if (!number(a->value->args[1]->type)) return false;

    const Loc at = e.loc;
    const int acc = list;  // the list's variable, read by nothing else, holds the total
    f.vars[acc].type = total;
    ExprP start;
    if (e.args.size() == 2) {
        start = std::move(e.args[1]);
    } else if (total->is(TypeKind::Float)) {
        start = make(ExprKind::FloatConst, at, Type::float_());
    } else {
        start = make(ExprKind::IntConst, at, Type::int_());
    }
    first.value = std::move(start);
    const bool floats = total->is(TypeKind::Float);
    const int comp = floats ? f.add_var("$comp" + std::to_string(f.vars.size()), at) : -1;
    if (floats) {
        f.vars[comp].type = Type::float_();
        block.body->insert(block.body->begin() + 1, assign(comp, make(ExprKind::FloatConst, at, Type::float_())));
    }
    replace_appends(*block.body, list, [&](ExprP item, Loc line) {
        std::vector<StmtP> out;
        if (!floats) {
            std::vector<ExprP> args;
            args.push_back(var(f, acc, line));
            args.push_back(std::move(item));
            out.push_back(assign(acc, operation(ops::Op::SumAdd, total, line, std::move(args))));
            return out;
        }
        const int x = f.add_var("$item" + std::to_string(f.vars.size()), line);
        f.vars[x].type = item->type;
        out.push_back(assign(x, std::move(item)));
        std::vector<ExprP> c;
        c.push_back(var(f, comp, line));
        c.push_back(var(f, acc, line));
        c.push_back(var(f, x, line));
        out.push_back(assign(comp, operation(ops::Op::SumComp, Type::float_(), line, std::move(c))));
        std::vector<ExprP> a;
        a.push_back(var(f, acc, line));
        a.push_back(var(f, x, line));
        out.push_back(assign(acc, operation(ops::Op::SumAdd, total, line, std::move(a))));
        return out;
    });
    if (floats) {
        const int result = f.add_var("$sum" + std::to_string(f.vars.size()), at);
        f.vars[result].type = total;
        std::vector<ExprP> args;
        args.push_back(var(f, acc, at));
        args.push_back(var(f, comp, at));
        block.body->push_back(assign(result, operation(ops::Op::SumEnd, total, at, std::move(args))));
        block.var = result;
    }
    block.type = total;
    ExprP folded = std::move(e.args[0]);
    e = std::move(*folded);
    return true;
}

ExprP constant_bool(bool v, Loc at) {
    ExprP e = make(ExprKind::BoolConst, at, Type::bool_());
    e->ival = v;
    return e;
}

ExprP negation(ExprP x) {
    ExprP e = make(ExprKind::Unary, x->loc, Type::bool_());
    e->op = static_cast<int>(ir::UnOp::Not);
    e->args.push_back(std::move(x));
    return e;
}

// min(<block>) / max(<block>[, default=d]) whose block only builds its list, of numbers or strs
bool fold_best(Function& f, Expr& e) {
    const Type* t = e.type;
    const bool is_max = e.operation == ops::Op::MaxOf;
    if (!t || !(t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Real) || t->is(TypeKind::Str))) return false;
    if (e.args.empty() || e.args[0]->kind != ExprKind::Block || e.star_arg || e.args.size() != 1 + e.kwnames.size()) return false;
    if (e.kwnames.size() > 1 || (e.kwnames.size() == 1 && e.kwnames[0] != "default")) return false;
    if (e.args.size() == 2) {
        if (!unmoved(*e.args[1]) || e.args[1]->type != t) return false;
    }
    Expr& block = *e.args[0];
    std::vector<Stmt*> appends;
    if (!only_appends(block, appends)) return false;
    for (Stmt* a : appends)
        if (a->value->args[1]->type != t) return false;

    const Loc at = e.loc;
    const int best = block.var;  // the list's variable, read by nothing else, holds the best item
    f.vars[best].type = t;
    const int found = f.add_var("$found" + std::to_string(f.vars.size()), at);
    f.vars[found].type = Type::bool_();
    auto& body = *block.body;
    body.front() = assign(found, constant_bool(false, at));
    int dflt = -1;
    if (e.args.size() == 2) {  // evaluated before the items, as the call's argument is
        dflt = f.add_var("$default" + std::to_string(f.vars.size()), at);
        f.vars[dflt].type = t;
        body.insert(body.begin(), assign(dflt, std::move(e.args[1])));
    }
    replace_appends(body, best, [&](ExprP item, Loc line) {
        std::vector<StmtP> out;
        const int x = f.add_var("$item" + std::to_string(f.vars.size()), line);
        f.vars[x].type = t;
        out.push_back(assign(x, std::move(item)));
        ExprP better = make(ExprKind::Compare, line, Type::bool_());
        better->cmps = {is_max ? ir::CmpOp::Gt : ir::CmpOp::Lt};
        better->in_test = true;
        better->args.push_back(var(f, x, line));
        better->args.push_back(var(f, best, line));
        ExprP test = make(ExprKind::BoolOp, line, Type::bool_());
        test->op = static_cast<int>(ir::BoolOpKind::Or);
        test->in_test = true;
        test->args.push_back(negation(var(f, found, line)));
        test->args.push_back(std::move(better));
        auto take = std::make_unique<Stmt>(StmtKind::If, line);
        take->value = std::move(test);
        take->body.push_back(assign(best, var(f, x, line)));
        take->body.push_back(assign(found, constant_bool(true, line)));
        out.push_back(std::move(take));
        return out;
    });
    auto none = std::make_unique<Stmt>(StmtKind::If, at);
    none->value = negation(var(f, found, at));
    if (dflt >= 0) {
        none->body.push_back(assign(best, var(f, dflt, at)));
    } else {
        auto raise = std::make_unique<Stmt>(StmtKind::Raise, at);
        raise->message = "ValueError";
        raise->value = make(ExprKind::StrConst, at, Type::str_());
        raise->value->name = std::string(is_max ? "max" : "min") + "() arg is an empty sequence";
        none->body.push_back(std::move(raise));
    }
    body.push_back(std::move(none));
    block.type = t;
    ExprP folded = std::move(e.args[0]);
    e = std::move(*folded);
    return true;
}

}  // namespace

void fold_reductions(ir::Module& m) {
    for (Function& f : m.functions) {
        ir::for_each_node(f.body, [&](Expr& e) {
            if (e.kind != ExprKind::Intrinsic) return;
            if (e.operation == ops::Op::Sum) fold_sum(f, e);
            if (e.operation == ops::Op::MinOf || e.operation == ops::Op::MaxOf) fold_best(f, e);
        });
    }
}

}  // namespace pyrite::opt
