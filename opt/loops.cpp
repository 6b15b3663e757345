// Loop optimizations: premark, iteration, version-loops (opt.hpp lists them).
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "../ir/effects.hpp"
#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Guard;
using ir::Stmt;
using ir::StmtKind;

namespace {

bool is_loop(const Stmt& s) {
    return s.kind == StmtKind::While || s.kind == StmtKind::ForRange || s.kind == StmtKind::ForEach;
}

// every statement of a function, those inside expressions' blocks (comprehensions)
// too, each after the statements it contains
void all_stmts(ir::Block& b, const std::function<void(Stmt&)>& fn);
void stmts_in_expr(Expr& e, const std::function<void(Stmt&)>& fn) {
    for (ir::ExprP& a : e.args) stmts_in_expr(*a, fn);
    if (e.body) all_stmts(*e.body, fn);
}
void all_stmts(ir::Block& b, const std::function<void(Stmt&)>& fn) {
    for (ir::StmtP& s : b) {
        if (s->value) stmts_in_expr(*s->value, fn);
        for (ir::ExprP& r : s->range) stmts_in_expr(*r, fn);
        if (s->target) stmts_in_expr(*s->target, fn);
        ir::for_each_block(*s, [&](ir::Block& inner) { all_stmts(inner, fn); });
        fn(*s);
    }
}

// the variables a block (nested blocks included) binds: assignments and loop variables
std::set<int> assigned_in(const ir::Block& b) {
    std::set<int> out;
    ir::for_each_stmt(b, [&](const Stmt& st) {
        if (st.var >= 0 && (st.kind == StmtKind::Assign || is_loop(st))) out.insert(st.var);
    });
    return out;
}

// Can running these statements change the length of any list? Only calls, list methods, slice
// stores, del, in-place + or * and yield (its consumer runs) can; element stores cannot. A call
// of a compiled function that takes only scalars (no list, no object: nothing that reaches a list
// but the module's globals, which only the same operations change) cannot where its own body
// cannot (eval_a(i, j) of a loop over u[j]); `depth` limits how far such calls are followed.
bool keeps_lengths(const ir::Block& b, const ir::Module& m, int depth);
bool scalar_call(const Expr& e, const ir::Module& m, int depth) {
    if (e.kind != ExprKind::CallFunc || e.dispatch || depth <= 0 || e.callee < 0 ||
        static_cast<size_t>(e.callee) >= m.functions.size())
        return false;
    const ir::Function& g = m.functions[static_cast<size_t>(e.callee)];
    if (g.ncaptures || g.coroutine || g.generator || g.method_of >= 0) return false;
    for (int p : g.params) {
        const Type* t = g.vars[static_cast<size_t>(p)].type;
        if (!t || !(t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Str)))
            return false;
    }
    return keeps_lengths(g.body, m, depth - 1);
}
bool keeps_lengths(const Expr& e, const ir::Module& m, int depth) {
    switch (e.kind) {
        case ExprKind::CallFunc:
            if (!scalar_call(e, m, depth)) return false;
            break;
        case ExprKind::New:
        case ExprKind::Method:
        case ExprKind::Block:
        case ExprKind::Lambda: return false;
        case ExprKind::Binary:
            if (e.inplace && e.type && e.type->is(TypeKind::List)) return false;
            break;
        default: break;
    }
    for (const ir::ExprP& a : e.args)
        if (!keeps_lengths(*a, m, depth)) return false;
    return true;
}
bool keeps_lengths(const ir::Block& b, const ir::Module& m, int depth) {
    for (const ir::StmtP& s : b) {
        // a yield lets the generator's consumer run, which may resize any list
        if (s->kind == StmtKind::Del || s->kind == StmtKind::Yield) return false;
        if (s->kind == StmtKind::Store && s->target->kind == ExprKind::Slice) return false;
        for (const Expr* e : {s->value.get(), s->target.get()})
            if (e && !keeps_lengths(*e, m, depth)) return false;
        for (const ir::ExprP& r : s->range)
            if (!keeps_lengths(*r, m, depth)) return false;
        bool keeps = true;
        ir::for_each_block(*s, [&](const ir::Block& inner) { keeps = keeps && keeps_lengths(inner, m, depth); });
        if (!keeps) return false;
    }
    return true;
}
bool keeps_lengths(const ir::Block& b, const ir::Module& m) { return keeps_lengths(b, m, 3); }

// ------------------------------------------------------------ premark
// xs[i] = v in a loop that never rebinds xs: xs is marked changed once, before the
// loop, and the stores inside skip the flag (a store per item less). Only where xs
// is certainly bound at the loop (its reads are not checked), and no nested function
// rebinds it (`rebound`: a call in the loop could make it another list).
void premark_block(ir::Block& b, const std::set<int>& active, const std::set<int>& rebound) {
    for (ir::StmtP& sp : b) {
        Stmt& s = *sp;
        if (s.kind == StmtKind::Store && s.target->kind == ExprKind::Subscript &&
            s.target->args[0]->kind == ExprKind::Var && active.count(s.target->args[0]->var))
            s.unmarked = true;
        if (!is_loop(s)) {
            ir::for_each_block(s, [&](ir::Block& inner) { premark_block(inner, active, rebound); });
            continue;
        }
        std::set<int> stored;
        ir::for_each_stmt(s.body, [&](const Stmt& st) {
            if (st.kind != StmtKind::Store || st.target->kind != ExprKind::Subscript) return;
            const Expr& c = *st.target->args[0];
            if (c.kind == ExprKind::Var && !c.check_bound && !c.unwrap && c.type->is(TypeKind::List)) stored.insert(c.var);
        });
        std::set<int> assigned = assigned_in(s.body);
        if (s.var >= 0) assigned.insert(s.var);
        std::set<int> inner = active;
        for (int v : stored) {
            if (assigned.count(v) || active.count(v) || rebound.count(v)) continue;
            s.premarked.push_back(v);
            inner.insert(v);
        }
        premark_block(s.body, inner, rebound);
        premark_block(s.orelse, active, rebound);  // after the loop xs may be rebound: its stores mark again
    }
}

// ------------------------------------------------------------ iteration
// for i in range(...): xs.append(<item that cannot raise>) (list(range(n)) and [f(i) for i
// in range(n)] lower to this too) appends exactly len(range) items: the list is sized for
// them before the loop. One allocation, and list(range(10**12)) raises MemoryError at
// once, as CPython's does, instead of growing until the machine runs out. An item that may
// raise (xs.append(i * k % n): ZeroDivisionError) would raise before CPython's list ran out of
// memory: its list is sized where the memory can be had and grows as CPython's where it cannot
// (reserve_hint; [i * 7919 % n for i in range(10**7)] 2.2x faster: no regrowth, no page
// faults of the copies).
void reserve(Stmt& s) {
    if (s.kind != StmtKind::ForRange || s.parallel || s.body.size() != 1 || !s.orelse.empty()) return;
    const Stmt& only = *s.body[0];
    if (only.kind != StmtKind::ExprStmt || !only.value || only.value->kind != ExprKind::Method ||
        only.value->operation != ops::Op::ListAppend || only.value->args.size() != 2)
        return;
    const Expr& list = *only.value->args[0];
    // (an int overflow is pyrite's own stop, where CPython goes on and needs the room too)
    if (list.kind != ExprKind::Var) return;
    s.reserves = list.var;
    s.reserve_hint = (ir::raises(*only.value->args[1]) & ~ir::kOverflow) != 0;
}

// a while loop whose body is a few assignments of int and float arithmetic, ifs and breaks (the
// escape-time loop of a Mandelbrot or Julia set): C++ unrolls it (Stmt::unrolled), which it does
// not do by itself for a loop whose trip count it cannot know; ~10% on such loops
bool arithmetic_loop(Stmt& loop) {
    if (loop.kind != StmtKind::While || loop.once || loop.yield_body || loop.gen_region || !loop.value) return false;
    int statements = 0;
    bool plain = true;
    auto numeric = [](const Expr& e) {
        return e.type && (e.type->is(TypeKind::Int) || e.type->is(TypeKind::Float) || e.type->is(TypeKind::Bool));
    };
    auto pure = [&](Expr& root) {
        ir::for_each_node(root, [&](const Expr& e) {
            bool ok = e.kind == ExprKind::Var || e.kind == ExprKind::IntConst || e.kind == ExprKind::FloatConst ||
                      e.kind == ExprKind::BoolConst || e.kind == ExprKind::Binary || e.kind == ExprKind::Unary ||
                      e.kind == ExprKind::Compare || e.kind == ExprKind::BoolOp || e.kind == ExprKind::IfExp;
            plain = plain && ok && numeric(e) && !e.check_bound;
        });
    };
    pure(*loop.value);
    ir::for_each_stmt(loop.body, [&](Stmt& st) {
        ++statements;
        bool ok = st.kind == StmtKind::Assign || st.kind == StmtKind::If || st.kind == StmtKind::Break ||
                  st.kind == StmtKind::Continue;
        plain = plain && ok;
        if (st.value) pure(*st.value);
    });
    return plain && statements <= 8;
}

// a range loop whose body stores array items computed from four or more items of one array (a
// stencil: a heat equation's update): C++ unrolls it twice (Stmt::unrolled), two elements' long
// chains of adds interleaved; heat_loops 4.35 -> 3.86 ms, heat3d 4%, where a loop of fewer reads
// (Floyd-Warshall's min of three) ran 5% slower so unrolled
bool stencil_loop(const Stmt& loop) {
    if (loop.kind != StmtKind::ForRange || loop.parallel || !loop.orelse.empty()) return false;
    bool plain = true;
    int stores = 0;
    std::map<int, int> reads;  // array variable -> items the body reads of it
    ir::for_each_stmt(loop.body, [&](const Stmt& st) {
        bool store = st.kind == StmtKind::Store && st.target->kind == ExprKind::Subscript &&
                     st.target->args[0]->type && st.target->args[0]->type->is(TypeKind::Array);
        stores += store;
        plain = plain && (store || st.kind == StmtKind::Assign);
        if (!st.value) return;
        ir::for_each_node(*st.value, [&](const Expr& e) {
            if (e.kind == ExprKind::Subscript && e.args[0]->kind == ExprKind::Var && e.args[0]->type &&
                e.args[0]->type->is(TypeKind::Array))
                ++reads[e.args[0]->var];
        });
    });
    int most = 0;
    for (const auto& [var, n] : reads) most = std::max(most, n);
    return plain && stores > 0 && most >= 4;
}

void choose(Stmt& s, const ir::Module& m) {
    reserve(s);
    s.unrolled = arithmetic_loop(s) || stencil_loop(s);
    if (s.kind != StmtKind::ForEach) return;
    s.fixed_length = keeps_lengths(s.body, m);
    // for w in s.split(): word by word, the list never made (nothing else could see it)
    Expr& it = *s.value;
    std::vector<Expr*> sources;
    const ops::Op op = it.kind == ExprKind::Intrinsic ? it.operation : ops::Op::None;
    if (op == ops::Op::Reversed) return;
    if (op == ops::Op::Enumerate || op == ops::Op::Zip) {
        size_t npos = it.args.size() - it.kwnames.size();
        for (size_t i = 0; i < npos; ++i)
            if (!(op == ops::Op::Enumerate && i == 1)) sources.push_back(it.args[i].get());
    } else {
        sources.push_back(&it);
    }
    for (Expr* src : sources)
        if (src->kind == ExprKind::CallBuiltin && src->name == "str.split" && src->kwnames.empty() && src->args.size() <= 2)
            src->iterate_words = true;
}

// for t in product(range(a), range(b, c), repeat=k): the range loops nested, t made of their
// variables. The odometer of itertools.hpp's product recomputes on each item what nested loops
// hoist (1.8-2x the loops written out). As CPython's product, every range is made (its bounds
// evaluated, in order) before the first item: into locals, so a body that rebinds n does not
// change range(n). Only ranges whose step is omitted or a nonzero constant (range(..., 0)
// raises where it is made, even when an earlier range is empty), a loop without else, yield or
// break (break would leave the innermost loop only; continue goes on to the next item, as it
// should: the innermost loop keeps the loop's id).
namespace {
std::unique_ptr<Expr> int_var(int v, Loc at) {
    auto e = std::make_unique<Expr>(ExprKind::Var, at);
    e->var = v;
    e->type = Type::int_();
    return e;
}
bool nestable_product(const Stmt& s) {
    if (s.kind != StmtKind::ForEach || !s.orelse.empty() || s.var < 0 || !s.value) return false;
    const Expr& it = *s.value;
    if (it.kind != ExprKind::Intrinsic || it.operation != ops::Op::ItProduct || it.star_arg) return false;
    // the one keyword the frontend lets through is repeat=, a constant (typeinfer)
    size_t npos = it.args.size() - it.kwnames.size();
    if (npos == 0 || (npos < it.args.size() && (it.args[npos]->ival < 1 || it.args[npos]->ival > 8))) return false;
    for (size_t i = 0; i < npos; ++i) {
        const Expr& r = *it.args[i];
        if (r.kind != ExprKind::Intrinsic || r.operation != ops::Op::RangeOf || r.args.empty() || r.args.size() > 3)
            return false;
        for (const ir::ExprP& a : r.args)
            if (!a->type || !(a->type->is(TypeKind::Int) || a->type->is(TypeKind::Bool))) return false;
        if (r.args.size() == 3 && !(r.args[2]->kind == ExprKind::IntConst && r.args[2]->ival != 0)) return false;
    }
    bool ok = true;
    std::function<void(const ir::Block&)> scan = [&](const ir::Block& b) {
        for (const ir::StmtP& st : b) {
            if (st->kind == StmtKind::Yield || (st->kind == StmtKind::Break && st->loop_id == s.loop_id)) ok = false;
            ir::for_each_block(*st, scan);
        }
    };
    scan(s.body);
    return ok;
}

// how many times the function reads variable v
int uses(ir::Function& f, int v) {
    int n = 0;
    ir::for_each_node(f.body, [&](Expr& e) { n += e.kind == ExprKind::Var && e.var == v; });
    return n;
}

// `for x, y in product(...)` unpacks each item (the frontend's `$1 = $0; x = (get $1 0); ...`):
// the gets read the loops' variables instead, so that int-ranges sees x and y bounded by their
// ranges, and the frontend's copies that nothing reads any more go
void unpack_items(Stmt& loop, const std::vector<int>& items, ir::Function& f) {
    std::set<int> names = {loop.var};  // the item and the frontend's copies of it
    size_t lead = 0;
    for (; lead < loop.body.size(); ++lead) {
        const Stmt& st = *loop.body[lead];
        if (st.kind != StmtKind::Assign || st.value->kind != ExprKind::Var || !names.count(st.value->var) ||
            f.vars[static_cast<size_t>(st.var)].name[0] != '$')
            break;
        names.insert(st.var);
    }
    bool rebound = false;  // past those copies, nothing may bind any of them
    for (size_t k = lead; k < loop.body.size(); ++k) {
        auto binds = [&](const Stmt& st) {
            rebound = rebound || ((st.kind == StmtKind::Assign || is_loop(st)) && names.count(st.var));
        };
        binds(*loop.body[k]);
        ir::for_each_block(*loop.body[k], [&](ir::Block& inner) { ir::for_each_stmt(inner, binds); });
    }
    if (rebound) return;
    ir::for_each_node(loop.body, [&](Expr& e) {
        if (e.kind == ExprKind::TupleGet && e.args[0]->kind == ExprKind::Var && names.count(e.args[0]->var) &&
            e.index >= 0 && static_cast<size_t>(e.index) < items.size()) {
            Expr read(ExprKind::Var, e.loc);
            read.var = items[static_cast<size_t>(e.index)];
            read.type = e.type;
            e = std::move(read);
        }
    });
    for (size_t k = lead; k-- > 0;)
        if (uses(f, loop.body[k]->var) == 0) loop.body.erase(loop.body.begin() + static_cast<std::ptrdiff_t>(k));
}

void nest_products(ir::Block& b, ir::Function& f) {
    for (size_t k = 0; k < b.size(); ++k) {
        ir::for_each_block(*b[k], [&](ir::Block& inner) { nest_products(inner, f); });
        if (!nestable_product(*b[k])) continue;
        const Loc at = b[k]->loc;
        const Expr& product = *b[k]->value;
        const size_t npos = product.args.size() - product.kwnames.size();
        const std::int64_t repeat = product.kwnames.empty() ? 1 : product.args[npos]->ival;
        std::vector<int> items;  // the loops' variables, outermost first: the pools in order, repeat times
        for (std::int64_t r = 0; r < repeat; ++r)
            for (size_t i = 0; i < npos; ++i) {
                items.push_back(f.add_var("$item" + std::to_string(f.vars.size()), at));
                f.vars.back().type = Type::int_();
            }
        unpack_items(*b[k], items, f);  // (while the loop is still in the function)
        const bool bind_item = uses(f, b[k]->var) > 0 || f.vars[static_cast<size_t>(b[k]->var)].name[0] != '$';
        ir::StmtP loop = std::move(b[k]);
        Expr& it = *loop->value;
        ir::Block before;
        // each range's bounds, in order, into locals (constants stay as they are)
        std::vector<std::vector<ir::ExprP>> bounds(npos);
        for (size_t i = 0; i < npos; ++i) {
            Expr& r = *it.args[i];
            if (r.args.size() == 1) {
                auto zero = std::make_unique<Expr>(ExprKind::IntConst, r.loc);
                zero->type = Type::int_();
                bounds[i].push_back(std::move(zero));
            }
            for (ir::ExprP& a : r.args) {
                if (a->kind == ExprKind::IntConst) {
                    bounds[i].push_back(std::move(a));
                    continue;
                }
                int t = f.add_var("$bound" + std::to_string(f.vars.size()), a->loc);
                f.vars[static_cast<size_t>(t)].type = a->type;
                auto assign = std::make_unique<Stmt>(StmtKind::Assign, a->loc);
                assign->var = t;
                auto use = std::make_unique<Expr>(ExprKind::Var, a->loc);
                use->var = t;
                use->type = a->type;
                assign->value = std::move(a);
                before.push_back(std::move(assign));
                bounds[i].push_back(std::move(use));
            }
        }
        auto item = std::make_unique<Expr>(ExprKind::Tuple, at);
        item->type = f.vars[static_cast<size_t>(loop->var)].type;
        item->callee = -1;
        std::vector<ir::StmtP> loops;
        for (size_t n = 0; n < items.size(); ++n) {
            auto l = std::make_unique<Stmt>(StmtKind::ForRange, at);
            l->var = items[n];
            for (const ir::ExprP& x : bounds[n % npos]) l->range.push_back(ir::clone(*x));
            item->args.push_back(int_var(l->var, at));
            loops.push_back(std::move(l));
        }
        for (size_t i = 0; i + 1 < loops.size(); ++i) loops[i]->loop_id = f.nloops++;
        loops.back()->loop_id = loop->loop_id;  // continue in the body goes on to the next item
        if (bind_item) {
            auto bind = std::make_unique<Stmt>(StmtKind::Assign, at);
            bind->var = loop->var;
            bind->value = std::move(item);
            loops.back()->body.push_back(std::move(bind));
        }
        for (ir::StmtP& st : loop->body) loops.back()->body.push_back(std::move(st));
        for (size_t i = loops.size() - 1; i > 0; --i) loops[i - 1]->body.push_back(std::move(loops[i]));
        before.push_back(std::move(loops[0]));
        b.erase(b.begin() + static_cast<std::ptrdiff_t>(k));
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(k), std::make_move_iterator(before.begin()),
                 std::make_move_iterator(before.end()));
        k += before.size() - 1;
    }
}

}  // namespace

// ------------------------------------------------------------ version-loops
// Statements that read the list local v at constant indexes (nbody's bj[0] - bi[0] ...) become
// `if len(v) > c: <them, those reads unchecked> else: <them>`, c the largest index, so one test
// per run replaces a bound check per read. Only where nothing in them rebinds v or can change a
// list's length, and nothing there prints a C++ label (a try, a loop). Returns the If, having
// taken the statements, or null, having left them.
ir::StmtP split_on_length(int v, ir::Block& rest, const ir::Module& m) {
    bool ok = !rest.empty() && keeps_lengths(rest, m);
    ir::for_each_stmt(rest, [&](const Stmt& st) {
        ok = ok && st.var != v && st.kind != StmtKind::Try && !is_loop(st) && st.kind != StmtKind::Yield;
    });
    std::int64_t top = -1;
    int reads = 0;
    auto constant_read = [&](const Expr& e) {
        return e.kind == ExprKind::Subscript && e.args[0]->kind == ExprKind::Var && e.args[0]->var == v &&
               !e.args[0]->check_bound && !e.args[0]->unwrap && e.args[1]->kind == ExprKind::IntConst &&
               e.args[1]->ival >= 0 && e.args[1]->ival < (std::int64_t(1) << 30);
    };
    const Type* list_type = nullptr;
    ir::for_each_node(rest, [&](Expr& e) {
        if (constant_read(e)) top = std::max(top, e.args[1]->ival), ++reads, list_type = e.args[0]->type;
        ok = ok && e.kind != ExprKind::Block && e.kind != ExprKind::Lambda;
    });
    if (!ok || reads < 3) return nullptr;
    const Loc loc = rest.front()->loc;
    ir::Block unchecked = ir::clone(rest);
    ir::for_each_node(unchecked, [&](Expr& e) {
        if (constant_read(e)) e.unchecked_axes = 1;
    });
    auto len = std::make_unique<Expr>(ExprKind::Intrinsic, loc);
    len->operation = ops::Op::Len;
    len->name = "len";
    len->type = Type::int_();
    len->args.push_back(std::make_unique<Expr>(ExprKind::Var, loc));
    len->args[0]->var = v;
    len->args[0]->type = list_type;
    auto bound = std::make_unique<Expr>(ExprKind::IntConst, loc);
    bound->ival = top;
    bound->type = Type::int_();
    auto test = std::make_unique<Expr>(ExprKind::Compare, loc);
    test->cmps = {ir::CmpOp::Gt};
    test->type = Type::bool_();
    test->args.push_back(std::move(len));
    test->args.push_back(std::move(bound));
    auto branch = std::make_unique<Stmt>(StmtKind::If, loc);
    branch->value = std::move(test);
    branch->body = std::move(unchecked);
    branch->orelse = std::move(rest);
    rest.clear();
    return branch;
}

// A list local assigned in an innermost loop's body (bj = bodies[j]): the statements after it
void split_after_list(ir::Block& b, const ir::Module& m) {
    for (size_t k = 0; k + 1 < b.size(); ++k) {
        const Stmt& s = *b[k];
        if (s.kind != StmtKind::Assign || s.var < 0 || !s.value || !s.value->type || !s.value->type->is(TypeKind::List))
            continue;
        ir::Block rest;
        for (size_t j = k + 1; j < b.size(); ++j) rest.push_back(std::move(b[j]));
        b.resize(k + 1);
        if (ir::StmtP branch = split_on_length(s.var, rest, m)) {
            b.push_back(std::move(branch));
            return;
        }
        for (ir::StmtP& st : rest) b.push_back(std::move(st));
    }
}

// `for b in bodies:` over lists, its body reading b at constant indexes: the whole body
void split_for_each(Stmt& loop, const ir::Module& m) {
    if (loop.kind != StmtKind::ForEach || loop.var < 0 || !loop.fixed_length || !loop.orelse.empty() ||
        !loop.value->type || !loop.value->type->is(TypeKind::List) || !loop.value->type->elem()->is(TypeKind::List))
        return;
    if (ir::StmtP branch = split_on_length(loop.var, loop.body, m)) loop.body.push_back(std::move(branch));
}

// The array (and list) items a `for i in range(a, b)` reads and writes whose bounds can be
// checked once, before it: an index that is the loop variable (a >= 0 and b <= the extent), a
// local the loop never assigns, or a constant (Versioner::access). An innermost loop gets a copy
// of its body (`fast`) whose accesses skip those checks, run when the guards hold; the original
// body runs otherwise (version). A loop around such loops takes over their guards where they
// stay true while it runs, and runs a copy of its body with their copies in it (version_nest).
// v + c or v - c, c a constant below kSmallOffset in magnitude (so the guards' comparisons of
// such offsets cannot overflow): the Var v, with c in `offset`; else null
constexpr std::int64_t kSmallOffset = 1 << 20;
const Expr* offset_var(const Expr& e, std::int64_t& offset) {
    if (e.kind != ExprKind::Binary || e.inplace || e.args.size() != 2 || !e.type || !e.type->is(TypeKind::Int)) return nullptr;
    auto op = static_cast<ir::BinOp>(e.op);
    const Expr &v = *e.args[0], &c = *e.args[1];
    if ((op != ir::BinOp::Add && op != ir::BinOp::Sub) || v.kind != ExprKind::Var || c.kind != ExprKind::IntConst ||
        c.ival <= -kSmallOffset || c.ival >= kSmallOffset)
        return nullptr;
    offset = op == ir::BinOp::Add ? c.ival : -c.ival;
    return &v;
}

struct Versioner {
    Stmt& loop;
    std::set<int> assigned;  // what the loop's body binds: no guard can name it
    bool lengths_fixed;      // lists keep their lengths during the loop
    bool unit_step;
    std::vector<Guard> guards;

    Versioner(Stmt& l, std::set<int> bound, const ir::Module& m)
        : loop(l), assigned(std::move(bound)), lengths_fixed(keeps_lengths(l.body, m)),
          unit_step(ir::unit_step(l)) {}

    void add(const Guard& g) {
        for (const Guard& h : guards)
            if (h == g) return;
        guards.push_back(g);
    }
    // one subscript of the copy: the guards that let it skip its checks, and its mask
    void access(Expr& sub, bool store) {
        const Expr& a = *sub.args[0];
        bool is_list = a.type && a.type->is(TypeKind::List);
        if (!a.type || !(a.type->is(TypeKind::Array) || (is_list && lengths_fixed)) || a.kind != ExprKind::Var ||
            a.check_bound || a.unwrap || assigned.count(a.var))
            return;
        Expr& index = *sub.args[1];
        std::vector<Expr*> parts;
        if (index.kind == ExprKind::Tuple)
            for (ir::ExprP& x : index.args) parts.push_back(x.get());
        else
            parts.push_back(&index);
        if (static_cast<int>(parts.size()) != (is_list ? 1 : a.type->ndim) || (is_list && index.kind == ExprKind::Tuple))
            return;
        unsigned mask = 0, loop_axes = 0;
        for (size_t k = 0; k < parts.size(); ++k) {
            Expr* shifted = nullptr;
            const Expr* p0 = parts[k];
            Guard g{Guard::LoopInRange};
            g.array = a.var;
            g.axis = static_cast<int>(k);
            g.list = is_list;
            // a neighbour: i + c or i - c (a stencil's u[i - 1, j]) is i, offset by the constant c
            std::int64_t offset = 0;
            if (const Expr* base = offset_var(*p0, offset)) {
                shifted = parts[k];
                p0 = base;
            }
            const Expr& p = *p0;
            g.value = offset;
            if (p.kind == ExprKind::Var && p.var == loop.var && !p.check_bound) {
                g.kind = Guard::LoopInRange;
            } else if (p.kind == ExprKind::Var && !assigned.count(p.var) && !p.check_bound && p.type->is(TypeKind::Int)) {
                g.kind = Guard::IndexInRange;
                g.index = p.var;
            } else if (p.kind == ExprKind::IntConst && p.ival >= 0 && offset == 0) {
                g.kind = Guard::ConstInRange;
                g.value = p.ival;
            } else {
                continue;
            }
            add(g);
            mask |= 1u << k;
            if (g.kind == Guard::LoopInRange) loop_axes |= 1u << k;
            if (shifted) shifted->no_overflow = true;  // in [0, extent) by the guard: no int64 overflow
        }
        if (!mask) return;
        // the loop walks the array's last axis only (a[j, i], not a[i, i]) one by one: with its stride
        // checked to be 1 too, C++ vectorizes the loop
        int last = static_cast<int>(parts.size()) - 1;
        if (!is_list && unit_step && loop_axes == 1u << last) {
            Guard unit{Guard::UnitStride};
            unit.array = a.var;
            unit.axis = last;
            add(unit);
            mask |= ir::kUnitLastAxis;
        }
        if (store && !is_list) {
            Guard w{Guard::Writable};
            w.array = a.var;
            add(w);
        }
        sub.unchecked_axes = mask;
    }

    // the subscripts of the copy's statements, those of loops inside it left to theirs
    void walk(ir::Block& b) {
        std::function<void(Expr&)> walk_expr = [&](Expr& e) {
            if (e.kind == ExprKind::Subscript) access(e, false);
            for (ir::ExprP& x : e.args) walk_expr(*x);
        };
        for (ir::StmtP& st : b) {
            if (is_loop(*st)) continue;
            if (st->value) walk_expr(*st->value);
            if (st->target) {
                if (st->kind == StmtKind::Store && st->target->kind == ExprKind::Subscript) access(*st->target, true);
                for (ir::ExprP& x : st->target->args) walk_expr(*x);
            }
            ir::for_each_block(*st, [&](ir::Block& inner) { walk(inner); });
        }
    }

    // the loop runs `fast` when the guards hold
    void install(ir::Block fast, const ir::Module& m) {
        if (guards.empty() || guards.size() > 24) return;  // nothing to check, or not worth a condition that long
        if (!unit_step) guards.insert(guards.begin(), Guard{Guard::StepPositive});  // i + step stays below INT64_MAX
        loop.guards = std::move(guards);
        loop.fast = std::move(fast);
        split_after_list(loop.fast, m);
    }
};

// `rebound`: the function's locals a nested function rebinds, which a call in the loop may change
void version(Stmt& loop, const ir::Module& m, const std::set<int>& rebound) {
    if (loop.kind != StmtKind::ForRange) return;
    // innermost loops only (version_nest takes the loops around them), and none that yields: while
    // a generator waits at a yield its consumer may shrink the lists the guards checked
    bool simple = true;
    ir::for_each_stmt(loop.body, [&](const Stmt& st) { simple = simple && !is_loop(st) && st.kind != StmtKind::Yield; });
    std::set<int> assigned = rebound;
    ir::for_each_stmt(loop.body, [&](const Stmt& st) {
        if (st.kind == StmtKind::Assign) assigned.insert(st.var);
    });
    if (!simple || assigned.count(loop.var)) return;
    Versioner v(loop, std::move(assigned), m);
    ir::Block fast = ir::clone(loop.body);
    v.walk(fast);
    v.install(std::move(fast), m);
}

// A loop whose loops inside are all versioned innermost range loops (a distance matrix's `for j`
// around `for k in range(d)`): where their guards stay true while it runs (they name no local it
// binds; the inner loop's bounds are constants or such locals; its own variable i, indexing, is
// checked as i's range), they are checked once before it instead of once per iteration, with
// its own accesses' guards, and its copy holds their copies without theirs.
void version_nest(Stmt& loop, const ir::Module& m, const std::set<int>& rebound) {
    if (loop.kind != StmtKind::ForRange || loop.parallel || !loop.guards.empty() || loop.deep_break) return;
    std::vector<Stmt*> inner;
    bool nest = true;
    ir::for_each_stmt(loop.body, [&](Stmt& st) {
        // the copy repeats the body's statements: none may be one that codegen labels by its loop
        // or yield (a break leaving a chunked loop, a loop's else, a generator's resumption point)
        if (st.kind == StmtKind::Yield || st.yield_body || st.gen_region) nest = false;
        if (!is_loop(st)) return;
        if (st.breaks || st.deep_break || !st.orelse.empty()) nest = false;
        bool innermost = true;
        ir::for_each_stmt(st.body, [&](const Stmt& x) { innermost = innermost && !is_loop(x); });
        if (st.kind == StmtKind::ForRange && !st.parallel && !st.guards.empty() && innermost) inner.push_back(&st);
        else nest = false;
    });
    std::set<int> assigned = assigned_in(loop.body);
    assigned.insert(rebound.begin(), rebound.end());
    if (!nest || inner.empty() || assigned.count(loop.var)) return;
    Versioner v(loop, assigned, m);
    if (!v.unit_step) return;
    // a bound of an inner range that does not change while the loop runs: a constant, a local, or
    // a local plus or minus a constant (range(1, n - 1)); constants below 2**20, so the guard's
    // comparisons cannot overflow. Not this loop's own variable (range(i)): it changes each time.
    auto fixed = [&](const Expr& e, int& var, std::int64_t& c) {
        auto local = [&](const Expr& x) {
            return x.kind == ExprKind::Var && !x.check_bound && !x.unwrap && x.type && x.type->is(TypeKind::Int) &&
                   !assigned.count(x.var) && x.var != loop.var;
        };
        var = -1, c = 0;
        if (e.kind == ExprKind::IntConst) return c = e.ival, e.ival > -kSmallOffset && e.ival < kSmallOffset;
        const Expr* base = local(e) ? &e : offset_var(e, c);
        if (!base || !local(*base)) return false;
        return var = base->var, true;
    };
    for (Stmt* in : inner)
        for (Guard g : in->guards) {
            if (g.array >= 0 && (assigned.count(g.array) || (g.list && !v.lengths_fixed))) return;
            if (g.kind == Guard::LoopInRange) {
                if (in->range.size() > 2) return;
                Guard span{Guard::SpanInRange};
                span.array = g.array, span.axis = g.axis, span.list = g.list, span.value = g.value;
                bool ok = in->range.size() == 1 ? (span.lo = -1, span.lo_const = 0, fixed(*in->range[0], span.hi, span.hi_const))
                                                : fixed(*in->range[0], span.lo, span.lo_const) &&
                                                      fixed(*in->range[1], span.hi, span.hi_const);
                if (!ok) return;
                g = span;
            } else if (g.kind == Guard::IndexInRange && g.index == loop.var) {
                g.kind = Guard::LoopInRange;  // i + value for every i of this loop
                g.index = -1;
            } else if (g.kind == Guard::IndexInRange) {
                if (assigned.count(g.index)) return;
            } else if (g.kind != Guard::ConstInRange && g.kind != Guard::Writable && g.kind != Guard::UnitStride) {
                return;  // a step's guard
            }
            v.add(g);
        }
    ir::Block fast = ir::clone(loop.body);
    v.walk(fast);
    ir::for_each_stmt(fast, [&](Stmt& st) {  // the inner loops run their copies, unguarded
        if (st.kind != StmtKind::ForRange || st.guards.empty()) return;
        st.body = std::move(st.fast);
        st.fast.clear();
        st.guards.clear();
    });
    v.install(std::move(fast), m);
}

}  // namespace

void premark(ir::Module& m) {
    for (ir::Function& f : m.functions) premark_block(f.body, {}, by_reference(f));
}

void choose_iteration(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        if (f.compiled()) nest_products(f.body, f);
        all_stmts(f.body, [&](Stmt& s) { choose(s, m); });
    }
}

namespace {
// an iterator of itertools' (count(), cycle(xs), product(...)), or one that reads one: it may run
// for ever, or for longer than any container the program holds
bool endless(const Expr& it) {
    if (it.kind != ExprKind::Intrinsic || !ops::has(it.operation, ops::LoopOnly)) return false;
    if (ops::info(it.operation).rule == ops::Rule::Iterate) return true;
    for (const ir::ExprP& a : it.args)
        if (endless(*a)) return true;
    return false;
}
}  // namespace

void mark_interrupts(ir::Module& m) {
    // A while loop may run for ever, and so may `for x in xs` whose body can grow xs, and a loop
    // over itertools' iterators (count(), cycle()): they
    // check on every iteration. A range loop with loops inside checks once per iteration
    // too. An innermost range loop with unit step runs in chunks of 65,536 iterations and
    // checks between them, so its body stays a plain counted loop that vectorizes (a load
    // per iteration would stop that). Innermost loops with another step end on their own.
    for (ir::Function& f : m.functions)
        all_stmts(f.body, [](Stmt& s) {
            if (s.kind == StmtKind::While) s.checks_interrupt = !s.once;  // a one-shot loop does not repeat
            if (s.kind == StmtKind::ForEach)
                s.checks_interrupt = (!s.fixed_length && s.value->type && s.value->type->is(TypeKind::List)) || endless(*s.value);
            if (s.kind == StmtKind::ForRange && s.parallel) return;  // parallel.hpp checks between blocks
            if (s.kind == StmtKind::ForRange) {
                bool nested = false;
                ir::for_each_stmt(s.body, [&](const Stmt& st) { nested = nested || (is_loop(st) && !st.once); });
                s.checks_interrupt = nested;
                bool unit_step = ir::unit_step(s);
                s.chunked = !nested && unit_step;
            }
        });
    // A chunked loop inside another loop (a distance matrix's `for k in range(d)`, d = 3): a range
    // of one chunk or less runs as a plain loop, which the enclosing loop's check on each of its
    // iterations covers (a loop over a list it cannot grow checks too, then); the chunks'
    // bookkeeping around 3 iterations cost that matrix 20%. Not in a prange body: its blocks are
    // checked between, not its iterations.
    for (ir::Function& f : m.functions)
        all_stmts(f.body, [](Stmt& s) {
            if (!is_loop(s) || s.once || s.parallel) return;
            bool any = false;
            auto inner = [&](Stmt& st) {
                if (st.chunked) st.one_chunk = any = true;
            };
            ir::for_each_stmt(s.body, inner);
            ir::for_each_stmt(s.fast, inner);
            if (any) s.checks_interrupt = true;
        });
}

void version_loops(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        std::set<int> rebound = by_reference(f);
        for (size_t v = 0; v < f.vars.size(); ++v)  // a view's length is the caller's list's (opt/views.cpp): no guard names it
            if (f.vars[v].view) rebound.insert(static_cast<int>(v));
        all_stmts(f.body, [&](Stmt& s) {  // inner loops first
            version(s, m, rebound);
            version_nest(s, m, rebound);
            split_for_each(s, m);
        });
    }
}

}  // namespace pyrite::opt
