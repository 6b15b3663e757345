// webs: a local that Python code reuses for unrelated values (`for i, w in enumerate(words)` with
// w a str, later `for w in weights` with w a float) becomes one variable per web before types are
// inferred, so each has its own type, as it does in Python.
//
// A web is a set of assignments and the reads they reach: reaching definitions over the
// structured IR (a forward "may" analysis, the mirror of definite_assignment in infer.cpp),
// each read joining the assignments that reach it. A local split so keeps its name (messages,
// tracebacks); the web that holds what a parameter passed or an unassigned read sees keeps the
// variable itself. An assignment that reads the variable (n = str(n), line = line.split()) starts
// a web of its own, as Python binds the name to the new value whatever it held, unless a loop
// carries its value back to what it read: updates that feed each other around a loop (t += i;
// t *= 2, a reduction, a counter, a walk) are one web, one type. Left whole,
// conservatively: a variable a lambda or nested def captures (it sees the one cell), one assigned
// inside a try statement (a handler may start anywhere in its body) or inside a comprehension,
// one assigned an empty container (which learns its items' type from the name's other uses),
// the results of expression blocks, the frontend's temporaries.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <vector>

#include "../ir/walk.hpp"
#include "infer.hpp"

namespace pyrite::typeinfer {

using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

constexpr int kEntry = 0;  // the value on entry: a parameter's argument, or unassigned

class Webs {
public:
    Webs(ir::Function& f, int var) : f_(f), v_(var) {}

    // splits the variable into its webs (nothing where it is one)
    void run() {
        defs_.push_back(nullptr);  // kEntry
        State s;
        s.defs = {kEntry};
        block(f_.body, s);
        bool param = f_.vars[static_cast<size_t>(v_)].is_param;
        if (defs_.size() < (param ? 2u : 3u)) return;
        parent_.resize(defs_.size());
        std::iota(parent_.begin(), parent_.end(), 0);
        bool entry_read = false;
        for (auto& [e, reaching] : uses_) {
            for (int d : reaching) unite(reaching.front(), d);
            entry_read = entry_read || reaching.front() == kEntry;
        }
        join_update_cycles();
        // the variable itself stays with the web a parameter's argument or an unassigned read is in,
        // else with the first assignment's
        std::map<int, int> var_of;  // a web's root -> its variable
        var_of[find(param || entry_read ? kEntry : 1)] = v_;
        int web = 0;
        for (size_t d = 1; d < defs_.size(); ++d) {
            int root = find(static_cast<int>(d));
            if (var_of.count(root)) continue;
            ir::Var copy = f_.vars[static_cast<size_t>(v_)];
            copy.web = ++web;
            copy.loc = defs_[d]->loc;
            if (copy.is_param) copy.declared = nullptr;  // the annotation is the argument's (a local's stays)
            copy.is_param = false;
            f_.vars.push_back(copy);
            var_of[root] = static_cast<int>(f_.vars.size()) - 1;
        }
        for (size_t d = 1; d < defs_.size(); ++d) defs_[d]->var = var_of[find(static_cast<int>(d))];
        for (auto& [e, reaching] : uses_) e->var = var_of[find(reaching.front())];
    }

private:
    // an update's web after what it read's: webs that reach each other so (around a loop) are one
    void join_update_cycles() {
        size_t n = defs_.size();
        if (n > 256) {  // a name assigned that often: each update in the web of what it read, as one type
            for (auto& [d, read] : updates_)
                for (int r : read) unite(d, r);
            return;
        }
        std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
        for (auto& [d, read] : updates_)
            for (int r : read) reach[static_cast<size_t>(find(r))][static_cast<size_t>(find(d))] = true;
        for (size_t k = 0; k < n; ++k)  // the transitive closure, over web roots (a few assignments)
            for (size_t i = 0; i < n; ++i)
                if (reach[i][k])
                    for (size_t j = 0; j < n; ++j) reach[i][j] = reach[i][j] || reach[k][j];
        for (size_t i = 0; i < n; ++i)
            for (size_t j = 0; j < n; ++j)
                if (i != j && reach[i][j] && reach[j][i]) unite(static_cast<int>(i), static_cast<int>(j));
    }

    struct State {
        bool reachable = true;
        std::vector<int> defs;  // sorted: the assignments that may reach here
    };

    static State join(const State& a, const State& b) {
        if (!a.reachable) return b;
        if (!b.reachable) return a;
        State r;
        std::set_union(a.defs.begin(), a.defs.end(), b.defs.begin(), b.defs.end(), std::back_inserter(r.defs));
        return r;
    }

    int find(int d) { return parent_[d] == d ? d : parent_[d] = find(parent_[d]); }
    void unite(int a, int b) { parent_[find(a)] = find(b); }

    int def_of(Stmt& s) {
        auto it = ids_.find(&s);
        if (it != ids_.end()) return it->second;
        defs_.push_back(&s);
        return ids_[&s] = static_cast<int>(defs_.size()) - 1;
    }
    void assigns(Stmt& s, State& st) {
        if (s.var != v_ || !st.reachable) return;
        st.defs = {def_of(s)};
    }

    // records the reads of the variable in e; whether there are any
    bool reads(Expr& e, const State& st) {
        bool any = false;
        ir::for_each_node(e, [&](Expr& x) {
            if (x.kind != ExprKind::Var || x.var != v_ || !st.reachable) return;
            any = true;
            std::vector<int>& r = uses_[&x];
            std::vector<int> merged;
            std::set_union(r.begin(), r.end(), st.defs.begin(), st.defs.end(), std::back_inserter(merged));
            r = std::move(merged);
        });
        return any;
    }

    void block(ir::Block& b, State& s) {
        for (ir::StmtP& st : b) stmt(*st, s);
    }

    // a loop: its body from what reaches its start, again until that no longer grows
    void loop(Stmt& st, State& s) {
        State in = s;
        for (;;) {
            State body = in;
            if (st.kind == StmtKind::While) reads(*st.value, body);
            if (st.kind != StmtKind::While) assigns(st, body);
            continues_[st.loop_id] = State{false, {}};
            block(st.body, body);
            State next = join(join(in, body), continues_[st.loop_id]);
            if (next.defs == in.defs && next.reachable == in.reachable) break;
            in = next;
        }
        if (st.kind == StmtKind::While) reads(*st.value, in);
        State after = in;
        block(st.orelse, after);
        s = join(after, breaks_[st.loop_id]);
    }

    void stmt(Stmt& st, State& s) {
        switch (st.kind) {
            case StmtKind::Assign: {
                State before = s;
                bool updates = reads(*st.value, s) && st.var == v_;
                assigns(st, s);
                if (updates && s.reachable) updates_.emplace_back(s.defs.front(), before.defs);
                break;
            }
            case StmtKind::Yield:
                reads(*st.value, s);
                block(st.body, s);
                assigns(st, s);
                break;
            case StmtKind::ExprStmt:
            case StmtKind::Assert: reads(*st.value, s); break;
            case StmtKind::Store:
            case StmtKind::Del:
                if (st.value) reads(*st.value, s);
                reads(*st.target, s);
                break;
            case StmtKind::If: {
                reads(*st.value, s);
                State a = s, b = s;
                block(st.body, a);
                block(st.orelse, b);
                s = join(a, b);
                break;
            }
            case StmtKind::While:
            case StmtKind::ForRange:
            case StmtKind::ForEach:
                if (st.kind == StmtKind::ForEach) reads(*st.value, s);
                for (ir::ExprP& r : st.range) reads(*r, s);
                breaks_[st.loop_id] = State{false, {}};
                loop(st, s);
                break;
            case StmtKind::Break:
                breaks_[st.loop_id] = join(breaks_[st.loop_id], s);
                s.reachable = false;
                break;
            case StmtKind::Continue:
                continues_[st.loop_id] = join(continues_[st.loop_id], s);
                s.reachable = false;
                break;
            case StmtKind::Return:
            case StmtKind::Raise:
                if (st.value) reads(*st.value, s);
                if (st.target) reads(*st.target, s);
                s.reachable = false;
                break;
            case StmtKind::Try: {  // nothing in it assigns the variable (candidates()): it reads what reached it
                State entry = s, out = s;
                block(st.body, out);
                block(st.orelse, out);
                for (ir::StmtP& h : st.handlers) {
                    State in = entry;
                    block(h->body, in);
                    out = join(out, in);
                }
                State fin = entry;
                block(st.finalbody, fin);
                s = fin.reachable ? out : fin;
                break;
            }
            case StmtKind::Except: block(st.body, s); break;
        }
    }

    ir::Function& f_;
    int v_;
    std::vector<Stmt*> defs_;
    std::map<Stmt*, int> ids_;
    std::vector<int> parent_;
    std::map<Expr*, std::vector<int>> uses_;
    std::vector<std::pair<int, std::vector<int>>> updates_;  // an assignment that reads the variable, what it read
    std::map<int, State> breaks_, continues_;
};

// the locals worth splitting: assigned at least twice, and none of what leaves a variable whole
std::vector<int> candidates(ir::Function& f) {
    std::vector<int> assigned(f.vars.size(), 0);
    std::vector<bool> whole(f.vars.size(), false);
    auto stmts = [&](ir::Block& b, bool in_try, auto&& self) -> void {
        for (ir::StmtP& p : b) {
            Stmt& s = *p;
            if (s.var >= 0 && static_cast<size_t>(s.var) < f.vars.size()) {
                ++assigned[static_cast<size_t>(s.var)];
                if (in_try || s.kind == StmtKind::Except) whole[static_cast<size_t>(s.var)] = true;
                // [], {}, set(), list(): an empty container learns its items' type from the name's other uses
                if (s.kind == StmtKind::Assign && s.value->args.empty() &&
                    (s.value->kind == ExprKind::List || s.value->kind == ExprKind::DictDisplay ||
                     s.value->kind == ExprKind::SetDisplay || s.value->kind == ExprKind::CallBuiltin ||
                     s.value->kind == ExprKind::Intrinsic))
                    whole[static_cast<size_t>(s.var)] = true;
            }
            bool t = in_try || s.kind == StmtKind::Try;
            ir::for_each_block(s, [&](ir::Block& inner) { self(inner, t, self); });
            ir::for_each_expr_of(s, [&](Expr& e) {
                ir::for_each_node(e, [&](Expr& x) {
                    if (x.kind != ExprKind::Var && x.var >= 0 && static_cast<size_t>(x.var) < f.vars.size())
                        whole[static_cast<size_t>(x.var)] = true;  // a block's result, a lambda's parameter
                    if (x.kind == ExprKind::FuncRef)
                        for (ir::ExprP& a : x.args)
                            if (a->kind == ExprKind::Var) whole[static_cast<size_t>(a->var)] = true;  // captured
                    if (x.kind == ExprKind::Block)
                        ir::for_each_stmt(*x.body, [&](Stmt& inner) {
                            if (inner.var >= 0) whole[static_cast<size_t>(inner.var)] = true;
                        });
                });
            });
        }
    };
    stmts(f.body, false, stmts);
    std::vector<int> out;
    for (size_t v = 0; v < f.vars.size(); ++v)  // not the frontend's temporaries ($0): each has one purpose
        if (assigned[v] + (f.vars[v].is_param ? 1 : 0) >= 2 && !whole[v] && f.vars[v].name.rfind('$', 0) != 0) out.push_back(static_cast<int>(v));
    return out;
}

}  // namespace

void split_webs(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        if (f.lower_errors || f.ncaptures > 0) continue;
        for (int v : candidates(f)) Webs(f, v).run();
    }
}

}  // namespace pyrite::typeinfer
