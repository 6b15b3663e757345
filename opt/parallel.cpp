// parallel: `for i in prange(...)` loops whose iterations can run on threads.
//
// The frontend marks a for statement over pyrite.prange() `parallel`. This pass decides,
// for each, what every variable its body binds is, and reports (one diagnostic per variable
// or statement) what would make the iterations depend on one another or race:
//
//   - a reduction (ir.hpp's Reduction): every assignment is var = var OP e or var = min/max(var, e)
//     with one OP, for an int, float or bool var, and the body reads var nowhere else;
//   - else private: each block of iterations has its own. Then no iteration may read it before
//     binding it (a value carried from one iteration to the next), and, where the function
//     reads it after the loop, every iteration must bind it (the last one's value is kept,
//     as Python keeps it).
//
// The body may not return, break out of the prange loop, change a container it did not make
// (append, insert, a dict or set item, an attribute of a shared object; an item of a shared
// list or array only at an index that differs per iteration: i, i + c, c * i, a[i, j]), or draw
// from `random` (whose one generator would serve the threads in an order that depends on
// timing). A prange inside the body of another runs in order, as range.
//
// Codegen (emit_parallel.cpp) runs a parallel loop through runtime/include/pyrite/parallel.hpp.
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <vector>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Reduction;
using ir::Stmt;
using ir::StmtKind;

namespace {

bool binds(const Stmt& s) {
    return s.var >= 0 && (s.kind == StmtKind::Assign || s.kind == StmtKind::ForRange || s.kind == StmtKind::ForEach ||
                          s.kind == StmtKind::Except);
}

class Checker {
public:
    Checker(ir::Function& f, Diagnostics& diags) : f_(f), diags_(diags) {}

    void run() { visit(f_.body, false); }

private:
    // prange loops outside any other run on threads; those inside one run in order
    void visit(ir::Block& b, bool inside) {
        for (ir::StmtP& sp : b) {
            Stmt& s = *sp;
            if (s.kind == StmtKind::ForRange && s.parallel) {
                if (inside) {
                    s.parallel = false;
                } else {
                    check(s);
                    ir::for_each_block(s, [&](ir::Block& inner) { visit(inner, true); });
                    continue;
                }
            }
            ir::for_each_block(s, [&](ir::Block& inner) { visit(inner, inside); });
            ir::for_each_expr_of(s, [&](Expr& e) { visit_expr(e, inside); });
        }
    }
    void visit_expr(Expr& e, bool inside) {
        for (ir::ExprP& a : e.args) visit_expr(*a, inside);
        if (e.body) visit(*e.body, inside);
    }

    void error(Loc at, const std::string& message) { diags_.error(f_.file, at, message); }
    std::string name(int v) const { return f_.vars[v].name; }
    std::string name(const Expr& x) const { return x.kind == ExprKind::Global ? x.name : name(x.var); }

    // var = var OP e (or e OP var for a commutative OP), var = min(var, e), var = max(var, e)
    static bool reduction_form(const Stmt& s, int v, Reduction::Kind& kind) {
        if (s.kind != StmtKind::Assign || s.var != v || !s.value) return false;
        const Expr& e = *s.value;
        auto is_v = [&](const Expr& x) { return x.kind == ExprKind::Var && x.var == v; };
        auto reads_v = [&](const Expr& x) {
            bool r = false;
            ir::for_each_node(const_cast<Expr&>(x), [&](Expr& y) { r = r || is_v(y); });
            return r;
        };
        if (e.kind == ExprKind::MinMax && e.args.size() == 2) {
            // min(var, e) only: min(e, var) keeps the later of equal items (0.0 and -0.0), which
            // partial results per block cannot tell
            if (!is_v(*e.args[0]) || reads_v(*e.args[1])) return false;
            kind = e.is_max ? Reduction::Max : Reduction::Min;
            return true;
        }
        if (e.kind != ExprKind::Binary || e.args.size() != 2) return false;
        auto op = static_cast<ir::BinOp>(e.op);
        bool commutes = op != ir::BinOp::Sub;
        int self = is_v(*e.args[0]) ? 0 : (commutes && is_v(*e.args[1])) ? 1 : -1;
        if (self < 0 || reads_v(*e.args[1 - self])) return false;
        switch (op) {
            case ir::BinOp::Add:
            case ir::BinOp::Sub: kind = Reduction::Add; return true;
            case ir::BinOp::Mul: kind = Reduction::Mul; return true;
            case ir::BinOp::BitAnd: kind = Reduction::BitAnd; return true;
            case ir::BinOp::BitOr: kind = Reduction::BitOr; return true;
            case ir::BinOp::BitXor: kind = Reduction::BitXor; return true;
            default: return false;
        }
    }

    // the variables the function reads outside the loop
    std::set<int> read_outside(Stmt& loop) {
        std::set<int> out;
        std::function<void(ir::Block&)> walk = [&](ir::Block& b) {
            for (ir::StmtP& s : b) {
                if (s.get() == &loop) {
                    for (ir::ExprP& r : s->range) ir::for_each_node(*r, [&](Expr& x) { if (x.kind == ExprKind::Var) out.insert(x.var); });
                    walk(s->orelse);
                    continue;
                }
                ir::for_each_expr_of(*s, [&](Expr& e) {
                    ir::for_each_node(e, [&](Expr& x) { if (x.kind == ExprKind::Var) out.insert(x.var); });
                });
                ir::for_each_block(*s, walk);
            }
        };
        walk(f_.body);
        return out;
    }

    // Reads of a private variable before the iteration binds it. `bound`: what is certainly
    // bound at this point of the iteration (a loop's body may bind more on its next turn, which
    // this does not see: such a read is reported, conservatively).
    void reads(Expr& e, const std::set<int>& outer) {
        std::set<int> bound = outer;  // a comprehension's own variables are bound inside it
        ir::for_each_stmt_deep(e, [&](Stmt& st) { if (binds(st)) bound.insert(st.var); });
        ir::for_each_node(e, [&](Expr& x) {
            if (x.kind == ExprKind::Var && privates_.count(x.var) && !bound.count(x.var) && !reported_.count(x.var)) {
                reported_.insert(x.var);
                error(x.loc, "'" + name(x.var) + "' is read before this iteration of the prange loop assigns it: each "
                             "iteration has its own '" + name(x.var) + "' (a value carried from one iteration to the "
                             "next would depend on which thread ran which; a reduction is written total += x, total *= x, "
                             "total = min(total, x) or max, with |= &= ^=)");
            }
        });
    }
    void flow(ir::Block& b, std::set<int>& bound) {
        for (ir::StmtP& sp : b) {
            Stmt& s = *sp;
            switch (s.kind) {
                case StmtKind::If: {
                    reads(*s.value, bound);
                    std::set<int> a = bound, c = bound;
                    flow(s.body, a);
                    flow(s.orelse, c);
                    for (int v : a)
                        if (c.count(v)) bound.insert(v);
                    break;
                }
                case StmtKind::While: {
                    reads(*s.value, bound);
                    std::set<int> inner = bound;
                    flow(s.body, inner);
                    std::set<int> other = bound;
                    flow(s.orelse, other);
                    break;
                }
                case StmtKind::ForRange:
                case StmtKind::ForEach: {
                    ir::for_each_expr_of(s, [&](Expr& e) { reads(e, bound); });
                    std::set<int> inner = bound;
                    inner.insert(s.var);
                    flow(s.body, inner);
                    std::set<int> other = bound;
                    flow(s.orelse, other);
                    break;
                }
                case StmtKind::Try: {
                    std::set<int> inner = bound;
                    flow(s.body, inner);
                    for (ir::StmtP& h : s.handlers) {
                        std::set<int> hb = bound;
                        if (h->var >= 0) hb.insert(h->var);
                        flow(h->body, hb);
                    }
                    std::set<int> ob = inner, fb = bound;
                    flow(s.orelse, ob);
                    flow(s.finalbody, fb);
                    break;
                }
                case StmtKind::Continue:
                    // the iteration ends here: what it bound so far is all it binds
                    if (s.loop_id == loop_id_) continued_.push_back(bound);
                    break;
                default:
                    ir::for_each_expr_of(s, [&](Expr& e) { reads(e, bound); });
                    if (s.kind == StmtKind::Assign) bound.insert(s.var);
                    break;
            }
        }
    }

    void check(Stmt& loop) {
        privates_.clear();
        reported_.clear();
        // what the body binds, and how
        std::map<int, std::vector<Stmt*>> assigned;
        ir::for_each_stmt_deep(loop.body, [&](Stmt& s) {
            if (binds(s)) assigned[s.var].push_back(&s);
        });
        // reads of each variable in the body
        std::map<int, int> nreads;
        ir::for_each_node(loop.body, [&](Expr& x) { if (x.kind == ExprKind::Var) ++nreads[x.var]; });
        std::set<int> outside = read_outside(loop);
        for (auto& [v, stmts] : assigned) {
            if (v == loop.var) continue;  // private, and copied out: below
            const Type* t = f_.vars[v].type;
            Reduction::Kind kind{};
            bool all = true, same = true;
            for (size_t i = 0; i < stmts.size(); ++i) {
                Reduction::Kind k{};
                if (!reduction_form(*stmts[i], v, k)) all = false;
                else if (i && k != kind) same = false;
                if (!i) kind = k;
            }
            bool np_float = t && t->is(TypeKind::Scalar) && is_float_dtype(t->dtype);  // a numpy.float64 item's sum
            bool numeric = t && (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || np_float);
            bool bitwise = kind == Reduction::BitAnd || kind == Reduction::BitOr || kind == Reduction::BitXor;
            // every read of v in the body is the one in its own update
            if (all && nreads[v] == static_cast<int>(stmts.size())) {
                if (!same) {
                    error(stmts[1]->loc, "'" + name(v) + "' is combined with two different operations in a prange loop: "
                                         "a reduction uses one (+ and - count as one)");
                    continue;
                }
                if (!numeric || (bitwise && (t->is(TypeKind::Float) || np_float))) {
                    error(stmts[0]->loc, "'" + name(v) + "' (" + (t ? t->str() : "?") + ") cannot be a prange "
                                         "reduction: reductions are of int, float (Python's or NumPy's) or bool values");
                    continue;
                }
                loop.reductions.push_back(Reduction{kind, v});
                continue;
            }
            if (all && nreads[v] > static_cast<int>(stmts.size())) {
                error(stmts[0]->loc, "'" + name(v) + "' is updated as a reduction and also read inside the prange loop: "
                                     "its value there would depend on the order the threads ran in");
                continue;
            }
            privates_.insert(v);
        }
        // private variables: not carried between iterations; kept after the loop when every
        // iteration binds them
        std::set<int> bound{loop.var};
        loop_id_ = loop.loop_id;
        continued_.clear();
        flow(loop.body, bound);
        for (const std::set<int>& at_continue : continued_)  // bound by every iteration: on every path to its end
            for (auto it = bound.begin(); it != bound.end();)
                it = at_continue.count(*it) ? std::next(it) : bound.erase(it);
        loop.privates.push_back(loop.var);
        loop.copied_out.push_back(loop.var);
        for (int v : privates_) {
            loop.privates.push_back(v);
            if (bound.count(v)) {
                loop.copied_out.push_back(v);
            } else if (outside.count(v) && !reported_.count(v)) {
                error(assigned[v][0]->loc, "'" + name(v) + "' is assigned in some iterations of the prange loop only and "
                                           "read after it: which iteration's value it would keep depends on the threads "
                                           "(assign it in every iteration, or before the loop)");
            }
        }
        statements(loop, loop.body);
    }

    // an index that differs from one iteration to the next: the loop variable i, i + c, i - c,
    // c * i (c a constant or a variable the body does not assign), or a tuple of indexes
    // (an array's a[i, j], a[i, 1:3]) one of which is
    bool per_iteration(const Expr& e, int i) const {
        auto invariant = [&](const Expr& x) {
            return (x.kind == ExprKind::IntConst) || (x.kind == ExprKind::Var && x.var != i && !privates_.count(x.var));
        };
        switch (e.kind) {
            case ExprKind::Var: return e.var == i;
            case ExprKind::Tuple:
            case ExprKind::IndexParts:
                for (const ir::ExprP& a : e.args)
                    if (per_iteration(*a, i)) return true;
                return false;
            case ExprKind::Binary: {
                if (e.args.size() != 2) return false;
                auto op = static_cast<ir::BinOp>(e.op);
                const Expr &a = *e.args[0], &b = *e.args[1];
                if (op == ir::BinOp::Add) return (per_iteration(a, i) && invariant(b)) || (invariant(a) && per_iteration(b, i));
                if (op == ir::BinOp::Sub) return per_iteration(a, i) && invariant(b);
                if (op == ir::BinOp::Mul) {
                    auto nonzero = [](const Expr& x) { return x.kind == ExprKind::IntConst && x.ival != 0; };
                    return (per_iteration(a, i) && nonzero(b)) || (nonzero(a) && per_iteration(b, i));
                }
                return false;
            }
            default: return false;
        }
    }

    // what the body may not do
    void statements(Stmt& loop, ir::Block& body) {
        auto shared = [&](const Expr& x) {  // a module's global is one object for every iteration
            return (x.kind == ExprKind::Var && !privates_.count(x.var) && x.var != loop.var) || x.kind == ExprKind::Global;
        };
        ir::for_each_stmt_deep(body, [&](Stmt& s) {
            if (s.kind == StmtKind::Return)
                error(s.loc, "'return' inside a prange loop: its iterations run at the same time, so none can end the "
                             "function (compute a result per iteration, then return after the loop)");
            if (s.kind == StmtKind::Break && s.loop_id == loop.loop_id)
                error(s.loc, "'break' out of a prange loop: its iterations run at the same time, so none can stop the "
                             "others (use a while loop, or range)");
            if ((s.kind == StmtKind::Store || s.kind == StmtKind::Del) && !s.target->args.empty()) {
                const Expr& t = *s.target;
                const Expr& c = *t.args[0];
                bool item_of_sequence = t.kind == ExprKind::Subscript && c.type &&
                                        (c.type->is(TypeKind::List) || c.type->is(TypeKind::Array)) &&
                                        s.kind == StmtKind::Store;
                if (shared(c) && !item_of_sequence) {
                    error(s.loc, std::string(t.kind == ExprKind::Attr ? "assigning an attribute of" : "changing") +
                                     " '" + name(c) + "', which the iterations of a prange loop share: they would "
                                     "change it at the same time (store items of a list or an array, one per iteration)");
                } else if (shared(c) && !per_iteration(*t.args[1], loop.var)) {
                    error(t.args[1]->loc, "a store into '" + name(c) + "' at an index that is not the prange loop's "
                                          "variable (i, i + c, c * i): two iterations could store the same item at the "
                                          "same time (a histogram: count into a row per block of iterations, or use a "
                                          "reduction per bin)");
                }
            }
        });
        int random_reported = 0;
        ir::for_each_node(body, [&](Expr& e) {
            if (e.kind == ExprKind::Method && ops::has(e.operation, ops::Mutates) && !e.args.empty() && shared(*e.args[0]))
                error(e.loc, "'" + e.name + "()' changes '" + name(*e.args[0]) + "', which the iterations of a "
                             "prange loop share: they would change it at the same time (make a list per iteration, "
                             "or store items by index)");
            // random's functions (PYRITE_HOLDS_GIL builtins), a random.Random: one report per loop
            bool draws = (e.kind == ExprKind::CallBuiltin && e.overload && e.overload->gil) ||
                         (e.kind == ExprKind::Var && e.type && e.type->is(TypeKind::Random));
            std::string what = e.name.rfind("random.Random.", 0) == 0 ? "random." + e.name.substr(14) : e.name;
            if (draws && !random_reported++)
                error(e.loc, "'" + what + "()' inside a prange loop: its iterations would draw from one generator in an "
                             "order that depends on timing (draw before the loop)");
        });
    }

    ir::Function& f_;
    Diagnostics& diags_;
    std::set<int> privates_, reported_;
    int loop_id_ = -1;                      // the prange loop checked
    std::vector<std::set<int>> continued_;  // what was bound at each `continue` of it
};

}  // namespace

void parallelize(ir::Module& m, Diagnostics& diags) {
    for (ir::Function& f : m.functions)
        if (f.compiled()) Checker(f, diags).run();
}

}  // namespace pyrite::opt
