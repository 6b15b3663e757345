// moves: the last read of a temporary moved from, not copied.
//
// The frontend's temporaries ($N) of an unpacking are each read where they are taken apart:
// `for name, q in orders:` is `for $0 in orders: $1 = $0; name = $1[0]; q = $1[1]`, and
// `a, b = f()` is `$0 = f(); a = $0[0]; b = $0[1]`. Copying them counts a reference up and down
// for each str, list or object in the tuple, three times an item in such a loop (the iterator's
// item to $0, $0 to $1, $1's items to the targets), and each count is inlined code the C++
// compiler optimizes again. A temporary moved from leaves nothing to count (Expr::moved; codegen
// prints std::move). Marked, in an Assign at the top level of a block:
//   - `x = $k` where $k is read nowhere else and bound once: by an Assign before it in the same
//     block, or as the loop variable of the for loop whose body the block is;
//   - `x = $k[i]` (a tuple's item) where every read of $k is such a statement of the same block
//     after its binding, each of another item.
// Each read then runs once for each binding, after it, and nothing reads the temporary after it.
// Not a temporary that a loop steps along uncounted (borrow), that may be read unbound (a flag),
// or that a nested function rebinds, nor one of numbers (nothing to count).
#include <map>
#include <set>
#include <vector>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

struct Moves {
    ir::Function& f;
    std::vector<int> reads, binds;
    std::set<int> by_ref;

    explicit Moves(ir::Function& fn) : f(fn), reads(fn.vars.size()), binds(fn.vars.size()), by_ref(by_reference(fn)) {
        count(f.body);
        ir::for_each_node(f.body, [&](Expr& e) {
            if (e.kind == ExprKind::Var && e.var >= 0) ++reads[static_cast<size_t>(e.var)];
        });
    }

    // the bindings of each variable: statements (those of comprehensions too) and lambdas' parameters
    void count(ir::Block& b) {
        ir::for_each_stmt(b, [&](Stmt& s) {
            if (s.var >= 0) ++binds[static_cast<size_t>(s.var)];
            ir::for_each_expr_of(s, [&](Expr& e) { count_in(e); });
        });
    }
    void count_in(Expr& e) {
        if (e.kind == ExprKind::Lambda && e.var >= 0) ++binds[static_cast<size_t>(e.var)];
        for (ir::ExprP& a : e.args) count_in(*a);
        if (e.body) count(*e.body);
    }

    bool movable(int v) const {  // a temporary bound once that nothing else can read or rebind
        const ir::Var& var = f.vars[static_cast<size_t>(v)];
        return var.temporary() && !var.is_param && !var.needs_flag && !by_ref.count(v) &&
               binds[static_cast<size_t>(v)] == 1;
    }
    // whether statement i of block b reads v after v's one binding there (or in `loop`'s header)
    static bool bound_before(int v, const ir::Block& b, size_t i, const Stmt* loop) {
        if (loop && loop->var == v) return loop->kind == StmtKind::ForEach && !loop->borrows;
        for (size_t j = 0; j < i; ++j)
            if (b[j]->kind == StmtKind::Assign && b[j]->var == v) return !b[j]->borrows;
        return false;
    }

    // the temporary an Assign reads whole (x = $k) or an item of (x = $k[i]), or null
    static Expr* read_of(Stmt& s, bool& item) {
        if (s.kind != StmtKind::Assign || s.var < 0 || s.borrows || s.appends || !s.value) return nullptr;
        Expr& v = *s.value;
        item = v.kind == ExprKind::TupleGet;
        Expr* var = item ? v.args[0].get() : &v;
        if (var->kind != ExprKind::Var || var->check_bound || var->unwrap || !var->type) return nullptr;
        if (item && !var->type->is(TypeKind::Tuple)) return nullptr;  // a list's items: unpack_item checks its length
        return var->type->plain_value() ? nullptr : var;  // numbers: a copy counts nothing
    }

    // loop: the loop statement whose body (or fast copy) b is, or null
    void scan(ir::Block& b, const Stmt* loop) {
        std::map<int, std::vector<std::pair<size_t, Expr*>>> items;  // $k -> (statement, its read) of `x = $k[i]`
        for (size_t i = 0; i < b.size(); ++i) {
            Stmt& s = *b[i];
            bool item = false;
            if (Expr* var = read_of(s, item); var && movable(var->var) && bound_before(var->var, b, i, loop)) {
                if (item) items[var->var].push_back({i, var});
                else if (reads[static_cast<size_t>(var->var)] == 1) var->moved = true;
            }
            const bool is_loop =
                s.kind == StmtKind::ForEach || s.kind == StmtKind::ForRange || s.kind == StmtKind::While;
            scan(s.body, is_loop ? &s : nullptr);
            scan(s.fast, is_loop ? &s : nullptr);
            scan(s.orelse, nullptr);
            scan(s.handlers, nullptr);
            scan(s.finalbody, nullptr);
            ir::for_each_expr_of(s, [&](Expr& e) { scan_in(e); });
        }
        for (auto& [v, rs] : items) {
            std::set<std::int64_t> seen;
            bool ok = rs.size() == static_cast<size_t>(reads[static_cast<size_t>(v)]);
            for (auto& [i, var] : rs) ok = ok && seen.insert(b[i]->value->index).second;
            if (ok)
                for (auto& [i, var] : rs) var->moved = true;
        }
    }
    void scan_in(Expr& e) {
        for (ir::ExprP& a : e.args) scan_in(*a);
        if (e.body) scan(*e.body, nullptr);
    }
};

}  // namespace

void mark_moves(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        if (f.unused) continue;
        Moves(f).scan(f.body, nullptr);
    }
}

}  // namespace pyrite::opt
