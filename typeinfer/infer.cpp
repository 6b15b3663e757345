// typeinfer: the passes after lowering.
//   infer_types        the type solver: its algorithm and scalar rules in solver.hpp; containers.cpp,
//                      methods.cpp, iterables.cpp, arrays.cpp and calls.cpp hold the other rules
//   normalize          normalize.cpp: the rewrites that wait for the types
//   definite_assignment which reads may see an unassigned local (UnboundLocalError)
//   analyze_calls      the call graph: recursion (the recursion budget) and GIL release
#include "infer.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "solver.hpp"

namespace pyrite::typeinfer {

using namespace detail;  // Solver, and the ir:: names it uses

namespace {

// ---------------------------------------------------------------- definite assignment
// A forward "must" analysis on the structured IR: the set of locals assigned on
// every path. Reads outside the set are marked; codegen keeps a flag for those
// locals and raises UnboundLocalError as CPython does. `nullopt` is the set of
// an unreachable point (after return/break/continue), the identity of meet.
class Assigned {
public:
    explicit Assigned(ir::Function& f) : f_(f) {}

    using Set = std::set<int>;
    struct State {
        bool reachable = true;
        Set vars;
    };

    void run() {
        State s;
        for (int p : f_.params) s.vars.insert(p);
        block(f_.body, s);
    }

private:
    static State meet(const State& a, const State& b) {
        if (!a.reachable) return b;
        if (!b.reachable) return a;
        State r;
        std::set_intersection(a.vars.begin(), a.vars.end(), b.vars.begin(), b.vars.end(),
                              std::inserter(r.vars, r.vars.begin()));
        return r;
    }

    void reads(Expr& e, const State& s) {
        if (e.kind == ExprKind::Var && s.reachable && !s.vars.count(e.var)) {
            e.check_bound = true;
            f_.vars[e.var].needs_flag = true;
        }
        if (e.kind == ExprKind::Lambda) {  // a key function: its parameter is assigned on every call
            State inner = s;
            inner.vars.insert(e.var);
            reads(*e.args[0], inner);
            return;
        }
        // and/or and conditional expressions evaluate operands conditionally,
        // but they assign nothing, so the entry set holds for every operand.
        for (ir::ExprP& a : e.args) reads(*a, s);
        // a comprehension's statements assign only its own fresh variables
        if (e.kind == ExprKind::Block) {
            State inner = s;
            block(*e.body, inner);
        }
    }

    void block(ir::Block& b, State& s) {
        for (ir::StmtP& st : b) stmt(*st, s);
    }

    void stmt(Stmt& st, State& s) {
        switch (st.kind) {
            case StmtKind::Assign:
                reads(*st.value, s);
                s.vars.insert(st.var);
                break;
            case StmtKind::Yield:  // x = yield v, x = yield from it (its for loop, until typeinfer drops it)
                reads(*st.value, s);
                block(st.body, s);
                if (st.var >= 0) s.vars.insert(st.var);
                break;
            case StmtKind::ExprStmt:
            case StmtKind::Assert: reads(*st.value, s); break;
            case StmtKind::Store:
            case StmtKind::Del:
                reads(*st.target, s);
                if (st.value) reads(*st.value, s);
                break;
            case StmtKind::If: {
                reads(*st.value, s);
                State a = s, b = s;
                block(st.body, a);
                block(st.orelse, b);
                s = meet(a, b);
                break;
            }
            case StmtKind::While:
            case StmtKind::ForRange:
            case StmtKind::ForEach: {
                if (st.kind != StmtKind::ForRange) reads(*st.value, s);
                for (ir::ExprP& r : st.range) reads(*r, s);
                State body = s;
                if (st.kind != StmtKind::While) body.vars.insert(st.var);
                block(st.body, body);
                // the body may run zero times; else runs when the loop ends normally
                State after = s;
                block(st.orelse, after);
                if (st.breaks) after = meet(after, s);
                bool infinite = st.kind == StmtKind::While && st.value->kind == ExprKind::BoolConst && st.value->ival;
                if (infinite && !st.breaks) after.reachable = false;
                s = after;
                break;
            }
            case StmtKind::Break:
            case StmtKind::Continue:
            case StmtKind::Return:
            case StmtKind::Raise:
                if (st.value) reads(*st.value, s);
                if (st.target) reads(*st.target, s);
                s.reachable = false;
                break;
            case StmtKind::Try: {
                // a handler may run after any part of the body: it starts from what held before
                // it; finally runs after everything, or when an exception leaves
                State entry = s;
                State out = s;
                block(st.body, out);
                block(st.orelse, out);
                for (ir::StmtP& h : st.handlers) {
                    State in = entry;
                    if (h->var >= 0) in.vars.insert(h->var);
                    block(h->body, in);
                    out = meet(out, in);
                }
                State fin = entry;
                block(st.finalbody, fin);
                if (!fin.reachable) out.reachable = false;
                if (out.reachable) out.vars.insert(fin.vars.begin(), fin.vars.end());
                s = out;
                break;
            }
            case StmtKind::Except: block(st.body, s); break;
        }
    }

    ir::Function& f_;
};

}  // namespace

void infer_types(ir::Module& m, const BuiltinTable& builtins, Diagnostics& diags) {
    Solver(m, builtins, diags).run();
}

void definite_assignment(ir::Module& m) {
    for (ir::Function& f : m.functions) Assigned(f).run();
}

void analyze_calls(ir::Module& m) {
    size_t n = m.functions.size();
    std::vector<std::set<int>> calls(n);
    std::vector<bool> loops(n, false), python(n, false);
    for (size_t i = 0; i < n; ++i) {
        ir::Function& f = m.functions[i];
        loops[i] = f.nloops > 0;
        for (const ir::Var& v : f.vars)  // Python callables are called, and random.Random and re objects held, under the GIL
            python[i] = python[i] || (v.type && (v.type->contains(TypeKind::PyFunction) || v.type->contains(TypeKind::Random) ||
                                                 v.type->contains(TypeKind::Pattern) || v.type->contains(TypeKind::Match)));
        for (int p : f.params)  // an iterator from Python is read under the GIL (boundary.hpp's gen_from_py)
            python[i] = python[i] || (f.exported && f.vars[p].type && f.vars[p].type->contains(TypeKind::Iterator));
        ir::for_each_node(f.body, [&](Expr& e) {
            if (e.kind == ExprKind::CallBuiltin && e.overload && e.overload->gil) python[i] = true;  // random's state
            if (e.operation == ops::Op::Print) python[i] = true;  // what it prints is kept for a run again (pycall.hpp)
            if (e.kind != ExprKind::CallFunc) return;
            calls[i].insert(e.callee);
            if (!e.dispatch) return;
            // a dispatched method may run any override of it in a subclass
            const ir::Function& callee = m.functions[e.callee];
            if (callee.method_of < 0) return;
            for (size_t c = 0; c < m.classes.size(); ++c)
                if (m.classes[c].type->derives_from(m.classes[callee.method_of].type))
                    if (int o = ir::Class::find(m.classes[c].methods, callee.pyname); o >= 0) calls[i].insert(o);
        });
    }
    // reachability by repeated DFS: n is small (a function and what it calls)
    std::vector<std::vector<bool>> reaches(n);
    for (size_t i = 0; i < n; ++i) {
        std::vector<bool> seen(n, false);
        std::vector<int> stack(calls[i].begin(), calls[i].end());
        bool heavy = loops[i], py = python[i];
        while (!stack.empty()) {
            int c = stack.back();
            stack.pop_back();
            if (seen[c]) continue;
            seen[c] = true;
            heavy = heavy || loops[c];
            py = py || python[c];
            for (int d : calls[c]) stack.push_back(d);
        }
        m.functions[i].recursive = seen[i];
        // Releasing and re-taking the GIL costs more than a straight-line body:
        // release it only around loops and calls, and not where Python callables are called
        // (each call would take it back) or Python's objects used (PYRITE_HOLDS_GIL builtins)
        m.functions[i].releases_gil = (heavy || !calls[i].empty()) && !py && !m.functions[i].coroutine;
        reaches[i] = std::move(seen);
    }
    // Frames are counted along every chain that can reach a cycle, so the budget
    // runs out at exactly the depth where CPython raises RecursionError.
    for (size_t i = 0; i < n; ++i) {
        bool counts = m.functions[i].recursive;
        for (size_t c = 0; c < n && !counts; ++c) counts = reaches[i][c] && m.functions[c].recursive;
        m.functions[i].counts_depth = counts;
    }
}

}  // namespace pyrite::typeinfer
