// pure-recursion: a recursive function of ints and floats alone, whose depth its int parameters
// bound, gets a pure copy (Function::pure_bounds; codegen/emit_pure.cpp prints it).
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
//   or shifts), comparisons, and/or/not, conditional expressions, min/max, and builtins declared
//   PYRITE_PURE (math's functions, abs, int, float, round), and calls of itself with all its
//   arguments: no loops (their Ctrl-C checks read a flag Python sets), no other calls, no globals;
// - some of its int parameters, never assigned, are passed by every call of itself as they are
//   or less by a constant (p - c, c >= 1), each call taking one of them down, so that their sum
//   goes down at each call; and each is bounded below where the function calls itself: the tests
//   that led to every call hold p >= K; or, where they give p != K alone (`if n == 0: return 0`),
//   every value from K to K + c - 1 (c the largest step) is one where no call takes p down, so that
//   from p >= K it stays >= K, and from p < K the recursion may go on until RecursionError (no pure
//   copy below K: PureBound::from_floor). The recursion from given values is then at most the sum
//   of (p - K) + 2 frames deep: fib(n) n, paths(r - 1, c) + paths(r, c - 1) under `if r == 0 or
//   c == 0: return 1` r + c + 2.
#include <algorithm>
#include <map>
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

// what the tests that hold at a place say of the int parameters: p >= lo[p], p != each of ne[p]
struct Facts {
    std::map<int, std::int64_t> lo;
    std::map<int, std::set<std::int64_t>> ne;
    void at_least(int p, std::int64_t k) {
        auto it = lo.find(p);
        if (it == lo.end())
            lo[p] = k;
        else
            it->second = std::max(it->second, k);
    }
    bool below_lo(int p, std::int64_t v) const {
        auto it = lo.find(p);
        return it != lo.end() && v < it->second;
    }
    bool excludes(int p, std::int64_t v) const {
        auto it = ne.find(p);
        return it != ne.end() && it->second.count(v);
    }
};

// a call of the function itself: what it passes for each parameter (0: the parameter itself, c >= 1:
// the parameter - c, -1: anything else), and the facts where it is
struct Site {
    std::vector<std::int64_t> steps;
    Facts facts;
};

struct Scan {
    const ir::Function& f;
    int self;                 // the function's index
    std::set<int> bounding;   // the int parameters it never assigns (variables)
    bool ok = true;
    std::vector<Site> sites;

    // what `e` being `truth` says of the parameters
    void learn(const Expr& e, bool truth, Facts& facts) {
        if (e.kind == ExprKind::Unary && static_cast<ir::UnOp>(e.op) == ir::UnOp::Not) return learn(*e.args[0], !truth, facts);
        if (e.kind == ExprKind::BoolOp) {  // a and b true: both; a or b false: neither
            bool conj = static_cast<ir::BoolOpKind>(e.op) == ir::BoolOpKind::And;
            if (conj == truth)
                for (const ir::ExprP& a : e.args) learn(*a, truth, facts);
            return;
        }
        if (e.kind == ExprKind::Var && bounding.count(e.var)) {  // `if n:` is n != 0; `if not n:` n == 0
            if (truth)
                facts.ne[e.var].insert(0);
            else
                facts.at_least(e.var, 0);
            return;
        }
        if (e.kind != ExprKind::Compare || e.cmps.size() != 1) return;
        const Expr *l = e.args[0].get(), *r = e.args[1].get();
        CmpOp op = e.cmps[0];
        if (r->kind == ExprKind::Var && bounding.count(r->var) && l->kind == ExprKind::IntConst) {  // k < p: p > k
            std::swap(l, r);
            op = ir::mirrored(op);
        }
        if (l->kind != ExprKind::Var || !bounding.count(l->var) || r->kind != ExprKind::IntConst) return;
        std::int64_t k = r->ival;
        if (k <= INT64_MIN + 2 || k >= INT64_MAX - 2) return;
        if (!truth) op = ir::negated(op);
        switch (op) {
            case CmpOp::Gt: facts.at_least(l->var, k + 1); break;
            case CmpOp::GtE:
            case CmpOp::Eq: facts.at_least(l->var, k); break;
            case CmpOp::NotEq: facts.ne[l->var].insert(k); break;
            default: break;
        }
    }

    // what a call passes for the parameter p: 0 p itself, c >= 1 p - c (or p + -c), -1 anything else
    static std::int64_t step(const Expr& a, int p) {
        if (a.kind == ExprKind::Var && a.var == p) return 0;
        if (a.kind != ExprKind::Binary || a.args[0]->kind != ExprKind::Var || a.args[0]->var != p ||
            a.args[1]->kind != ExprKind::IntConst)
            return -1;
        std::int64_t c = a.args[1]->ival;
        auto op = static_cast<BinOp>(a.op);
        if (op == BinOp::Sub && c >= 1 && c < (std::int64_t(1) << 32)) return c;
        if (op == BinOp::Add && c <= -1 && c > -(std::int64_t(1) << 32)) return -c;
        return -1;
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
                Site site{{}, facts};
                for (size_t k = 0; k < f.params.size(); ++k)
                    site.steps.push_back(bounding.count(f.params[k]) ? step(*e.args[k], f.params[k]) : -1);
                sites.push_back(std::move(site));
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
                    if (!scalar(f.vars[s.var].type)) {
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

// The bound the parameter at position k gives, where every call passes it as it is or less: the
// function calls itself only where it is >= floor; or (from_floor) every call that takes it down
// by c is made where it is none of floor .. floor + c - 1, so from floor up it stays there
bool bound(const std::vector<Site>& sites, int var, size_t k, ir::PureBound& out) {
    bool all_lo = true;
    std::int64_t lo = INT64_MAX, max_step = 0;
    for (const Site& s : sites) {
        auto it = s.facts.lo.find(var);
        all_lo = all_lo && it != s.facts.lo.end();
        if (it != s.facts.lo.end()) lo = std::min(lo, it->second);
        max_step = std::max(max_step, s.steps[k]);
    }
    if (all_lo) {
        out = {static_cast<int>(k), lo, false};
        return true;
    }
    // values where no call that takes it down is made (a window wider than a few values is not
    // worth walking: such a step under tests of != alone is no bound)
    if (max_step > 64) return false;
    auto stops = [&](std::int64_t v) {
        for (const Site& s : sites)
            if (s.steps[k] > 0 && !s.facts.excludes(var, v) && !s.facts.below_lo(var, v)) return false;
        return true;
    };
    std::set<std::int64_t> candidates;
    for (const Site& s : sites)
        if (auto it = s.facts.ne.find(var); s.steps[k] > 0 && it != s.facts.ne.end())
            candidates.insert(it->second.begin(), it->second.end());
    for (std::int64_t floor : candidates) {
        bool window = true;
        for (std::int64_t v = floor; window && v < floor + max_step; ++v) window = stops(v);
        if (window) {
            out = {static_cast<int>(k), floor, true};
            return true;
        }
    }
    return false;
}

}  // namespace

void find_pure_recursions(ir::Module& m) {
    for (size_t i = 0; i < m.functions.size(); ++i) {
        ir::Function& f = m.functions[i];
        f.pure_bounds.clear();
        if (!f.compiled() || !f.recursive || !f.counts_depth || f.method_of >= 0 || f.memo || f.coroutine ||
            f.ncaptures || f.vararg || !scalar(f.ret))
            continue;
        bool scalars = true;
        for (const ir::Var& v : f.vars) scalars = scalars && scalar(v.type);
        if (!scalars) continue;
        Scan scan{f, static_cast<int>(i), {}, true, {}};
        for (int p : f.params)
            if (f.vars[p].type->is(TypeKind::Int)) scan.bounding.insert(p);
        ir::for_each_stmt(f.body, [&](const Stmt& s) {
            if (s.kind == StmtKind::Assign) scan.bounding.erase(s.var);
        });
        scan.block(f.body, {});
        if (!scan.ok || scan.sites.empty()) continue;
        // the parameters every call passes as they are or less, each with its bound
        std::vector<ir::PureBound> bounds;
        for (size_t k = 0; k < f.params.size(); ++k) {
            bool down = true, moves = false;
            for (const Site& s : scan.sites) down = down && s.steps[k] >= 0, moves = moves || s.steps[k] > 0;
            ir::PureBound b{};
            if (down && moves && bound(scan.sites, f.params[k], k, b)) bounds.push_back(b);
        }
        // and every call takes one of them down: their sum goes down at each call
        bool each_down = !bounds.empty();
        for (const Site& s : scan.sites) {
            bool d = false;
            for (const ir::PureBound& b : bounds) d = d || s.steps[static_cast<size_t>(b.param)] > 0;
            each_down = each_down && d;
        }
        if (each_down) f.pure_bounds = bounds;
    }
}

}  // namespace pyrite::opt
