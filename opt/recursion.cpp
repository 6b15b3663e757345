// pure-recursion: a recursive function of ints and floats alone, whose depth one of its int
// parameters bounds, gets a pure copy (Function::pure_param; codegen/emit_pure.cpp prints it).
//
// fib(n) calls itself with n - 1 and n - 2, and only where n >= 2: from any n, the recursion is at
// most n - 2 + 2 frames deep. Where that fits the recursion budget (and the stack), no frame of it
// can raise RecursionError, and the budget need not be carried from frame to frame: the copy is a
// function of its arguments alone, with no traceback frames either, whose failures (an int leaving
// 64 bits, a division by zero) jump back to where it was called from, which then runs the function
// as written, from the same arguments, to raise what CPython raises with its traceback. Such a
// function the C++ compiler sees as one of its arguments alone (GCC's pure-const analysis), so it
// may compute fib(n - 2) once where fib(n - 1), inlined, computes it too (Pythran's fib is as fast
// for the same reason: its ints cannot fail).
//
// The function qualifies when
// - its parameters, its locals and its result are ints, floats or bools, and it is not a method,
//   a closure, a generator or cached (functools.cache has its own table);
// - its statements are assignments of locals, ifs, returns, asserts and raises of a builtin
//   exception with a constant message, and its expressions constants, locals, arithmetic (no **
//   or shifts), comparisons, and/or/not, conditional expressions, min/max, abs, int, float, round
//   and math's functions, and calls of itself with all its arguments: no loops (their Ctrl-C
//   checks read a flag Python sets), no other calls, no globals;
// - one of its int parameters, p, is never assigned, and every call of itself passes p - c
//   (c >= 1) for it, at a place where the tests that led there hold p >= K: then the recursion
//   from any p is at most p - K + 2 frames deep (from p < K: one). Where tests give p != K alone
//   (`if n == 0: return 0`), every value from K to K + c - 1 (c the largest step) must be one where
//   it does not call itself: then from p >= K the recursion stops there, and from p < K it may go
//   on until RecursionError (pure_from_floor: no pure copy below K).
#include <algorithm>
#include <optional>
#include <set>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::BinOp;
using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

bool scalar(const Type* t) {
    return t && (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool));
}

// what the tests that hold at a place say of the parameter p: p >= lo, p != each of ne
struct Facts {
    std::optional<std::int64_t> lo;
    std::set<std::int64_t> ne;
    void at_least(std::int64_t k) { lo = lo ? std::max(*lo, k) : k; }
};

// a call of the function itself: the step it takes p down by, where each site's facts
struct Site {
    std::int64_t step;
    Facts facts;
};

struct Scan {
    const ir::Function& f;
    int self;        // the function's index
    int p;           // the candidate parameter's variable
    size_t p_pos;    // ... and its position
    bool ok = true;
    std::vector<Site> sites;

    // what `e` being `truth` says of p
    void learn(const Expr& e, bool truth, Facts& facts) {
        if (e.kind == ExprKind::Unary && static_cast<ir::UnOp>(e.op) == ir::UnOp::Not) return learn(*e.args[0], !truth, facts);
        if (e.kind == ExprKind::BoolOp) {  // a and b true: both; a or b false: neither
            bool conj = static_cast<ir::BoolOpKind>(e.op) == ir::BoolOpKind::And;
            if (conj == truth)
                for (const ir::ExprP& a : e.args) learn(*a, truth, facts);
            return;
        }
        if (e.kind == ExprKind::Var && e.var == p) {  // `if n:` is n != 0; `if not n:` n == 0
            if (truth)
                facts.ne.insert(0);
            else
                facts.at_least(0);
            return;
        }
        if (e.kind != ExprKind::Compare || e.cmps.size() != 1) return;
        const Expr *l = e.args[0].get(), *r = e.args[1].get();
        CmpOp op = e.cmps[0];
        if (r->kind == ExprKind::Var && r->var == p && l->kind == ExprKind::IntConst) {  // k < p: p > k
            std::swap(l, r);
            op = op == CmpOp::Lt ? CmpOp::Gt : op == CmpOp::LtE ? CmpOp::GtE : op == CmpOp::Gt ? CmpOp::Lt
                 : op == CmpOp::GtE ? CmpOp::LtE : op;
        }
        if (l->kind != ExprKind::Var || l->var != p || r->kind != ExprKind::IntConst) return;
        std::int64_t k = r->ival;
        if (k <= INT64_MIN + 2 || k >= INT64_MAX - 2) return;
        if (!truth)  // the negation
            op = op == CmpOp::Lt ? CmpOp::GtE : op == CmpOp::LtE ? CmpOp::Gt : op == CmpOp::Gt ? CmpOp::LtE
                 : op == CmpOp::GtE ? CmpOp::Lt : op == CmpOp::Eq ? CmpOp::NotEq : op == CmpOp::NotEq ? CmpOp::Eq : op;
        switch (op) {
            case CmpOp::Gt: facts.at_least(k + 1); break;
            case CmpOp::GtE:
            case CmpOp::Eq: facts.at_least(k); break;
            case CmpOp::NotEq: facts.ne.insert(k); break;
            default: break;
        }
    }

    // the step of a call's argument for p: p - c or p + (-c), c >= 1; 0 where it is not one
    std::int64_t step(const Expr& a) {
        if (a.kind != ExprKind::Binary || a.args[0]->kind != ExprKind::Var || a.args[0]->var != p ||
            a.args[1]->kind != ExprKind::IntConst)
            return 0;
        std::int64_t c = a.args[1]->ival;
        auto op = static_cast<BinOp>(a.op);
        if (op == BinOp::Sub && c >= 1 && c < (std::int64_t(1) << 32)) return c;
        if (op == BinOp::Add && c <= -1 && c > -(std::int64_t(1) << 32)) return -c;
        return 0;
    }

    void expr(const Expr& e, const Facts& facts) {
        if (!ok) return;
        if (!scalar(e.type) || e.body) {
            ok = false;
            return;
        }
        switch (e.kind) {
            case ExprKind::IntConst:
            case ExprKind::FloatConst:
            case ExprKind::BoolConst: return;
            case ExprKind::Var:
                ok = !e.check_bound && !e.unwrap && scalar(f.vars[e.var].type);
                return;
            case ExprKind::Binary: {
                auto op = static_cast<BinOp>(e.op);
                ok = op != BinOp::Pow && op != BinOp::LShift && op != BinOp::RShift;
                break;
            }
            case ExprKind::Unary:
            case ExprKind::BoolOp:
            case ExprKind::MinMax: break;
            case ExprKind::CallBuiltin:  // a function of its arguments alone (what raises: the entry's catch)
                ok = e.overload && e.overload->pure;
                break;
            case ExprKind::Compare:
                for (CmpOp c : e.cmps) ok = ok && c != CmpOp::Is && c != CmpOp::IsNot && c != CmpOp::In && c != CmpOp::NotIn;
                break;
            case ExprKind::IfExp: {
                expr(*e.args[0], facts);
                Facts t = facts, o = facts;
                learn(*e.args[0], true, t);
                learn(*e.args[0], false, o);
                expr(*e.args[1], t);
                expr(*e.args[2], o);
                return;
            }
            case ExprKind::CallFunc: {
                if (e.callee != self || e.dispatch || !e.kwnames.empty() || e.args.size() != f.params.size()) {
                    ok = false;
                    return;
                }
                std::int64_t c = step(*e.args[p_pos]);
                if (c == 0) {
                    ok = false;
                    return;
                }
                sites.push_back({c, facts});
                break;
            }
            default: ok = false; return;
        }
        if (e.kind == ExprKind::BoolOp) {  // a later operand runs where the earlier ones decided nothing
            Facts running = facts;
            bool conj = static_cast<ir::BoolOpKind>(e.op) == ir::BoolOpKind::And;
            for (const ir::ExprP& a : e.args) {
                expr(*a, running);
                learn(*a, conj, running);
            }
            return;
        }
        for (const ir::ExprP& a : e.args) expr(*a, facts);
    }

    // whether the block never ends by falling through its end
    static bool exits(const ir::Block& b) {
        if (b.empty()) return false;
        const Stmt& s = *b.back();
        if (s.kind == StmtKind::Return || s.kind == StmtKind::Raise) return true;
        return s.kind == StmtKind::If && exits(s.body) && exits(s.orelse);
    }

    void block(const ir::Block& b, Facts facts) {
        for (const ir::StmtP& sp : b) {
            if (!ok) return;
            const Stmt& s = *sp;
            switch (s.kind) {
                case StmtKind::Assign:
                    if (s.var == p || !scalar(f.vars[s.var].type)) {
                        ok = false;
                        return;
                    }
                    expr(*s.value, facts);
                    break;
                case StmtKind::Return:
                    if (!s.value) {
                        ok = false;
                        return;
                    }
                    expr(*s.value, facts);
                    break;
                case StmtKind::Raise:  // raise ValueError("...") of a constant message: the copy fails there
                    if (s.target || s.message.empty() || (s.value && s.value->kind != ExprKind::StrConst)) {
                        ok = false;
                        return;
                    }
                    break;
                case StmtKind::Assert:  // past it, its test holds
                    expr(*s.value, facts);
                    learn(*s.value, true, facts);
                    break;
                case StmtKind::If: {
                    expr(*s.value, facts);
                    Facts t = facts, o = facts;
                    learn(*s.value, true, t);
                    learn(*s.value, false, o);
                    block(s.body, t);
                    block(s.orelse, o);
                    // past an if whose one branch returns, the other's test holds
                    if (exits(s.body) && !exits(s.orelse)) learn(*s.value, false, facts);
                    if (exits(s.orelse) && !exits(s.body)) learn(*s.value, true, facts);
                    break;
                }
                default: ok = false; return;
            }
        }
    }
};

// the bound the calls' sites give: p >= floor wherever the function calls itself, or (from_floor)
// it stops at every value from floor to floor + the largest step - 1
bool bound(const std::vector<Site>& sites, std::int64_t& floor, bool& from_floor) {
    if (sites.empty()) return false;
    bool all_lo = true;
    std::int64_t lo = INT64_MAX, max_step = 0;
    for (const Site& s : sites) {
        all_lo = all_lo && s.facts.lo;
        if (s.facts.lo) lo = std::min(lo, *s.facts.lo);
        max_step = std::max(max_step, s.step);
    }
    if (all_lo) {
        floor = lo;
        from_floor = false;
        return true;
    }
    // values where no site calls: each site's != values, and those below its lower bound
    auto stops = [&](std::int64_t v) {
        for (const Site& s : sites)
            if (!s.facts.ne.count(v) && !(s.facts.lo && v < *s.facts.lo)) return false;
        return true;
    };
    std::set<std::int64_t> candidates;
    for (const Site& s : sites) candidates.insert(s.facts.ne.begin(), s.facts.ne.end());
    for (std::int64_t k : candidates) {
        bool window = true;
        for (std::int64_t v = k; window && v < k + max_step; ++v) window = stops(v);
        if (window) {
            floor = k;
            from_floor = true;
            return true;
        }
    }
    return false;
}

}  // namespace

void find_pure_recursions(ir::Module& m) {
    for (size_t i = 0; i < m.functions.size(); ++i) {
        ir::Function& f = m.functions[i];
        f.pure_param = -1;
        if (!f.compiled() || !f.recursive || !f.counts_depth || f.method_of >= 0 || f.memo || f.coroutine ||
            f.ncaptures || f.vararg || !scalar(f.ret))
            continue;
        bool scalars = true;
        for (const ir::Var& v : f.vars) scalars = scalars && scalar(v.type);
        if (!scalars) continue;
        for (size_t k = 0; k < f.params.size() && f.pure_param < 0; ++k) {
            if (!f.vars[f.params[k]].type->is(TypeKind::Int)) continue;
            Scan scan{f, static_cast<int>(i), f.params[k], k, true, {}};
            scan.block(f.body, {});
            std::int64_t floor = 0;
            bool from_floor = false;
            if (scan.ok && bound(scan.sites, floor, from_floor)) {
                f.pure_param = static_cast<int>(k);
                f.pure_floor = floor;
                f.pure_from_floor = from_floor;
            }
        }
    }
}

}  // namespace pyrite::opt
