// views: an entry point's list of records that it only reads is read in place, not copied in.
//
// `def total(rows: list[dict[str, float]])` called from Python copies its argument in before it
// runs (runtime/include/pyrite/boundary.hpp): a compiled dict per record, each entered in the
// call's Boundary for the write-back. A loop that reads a field or two of each record spends
// almost all its time there: 100,000 records of three floats took 60 ms to cross, 5x CPython's
// whole loop. Read in place (runtime/include/pyrite/views.hpp's PyView), the same loop runs in
// a fraction of CPython's time.
//
// A parameter is a view (Var::view) when:
//   - its type is list[dict[str, S]], S an int, float, bool or str (a plain dict, not a Counter...),
//     or list[str], list[tuple[str, int]] (tuples of those types): each item the function reads is
//     converted then, a plain value the function uses as any;
//   - every use of it is `for r in rows` (a loop of the function or of a comprehension in it),
//     `for i, r in enumerate(rows)`, `for w, r in zip(ws, rows)`, `len(rows)`, or `rows[i]` (i an
//     int) whose record is either read at once (`rows[i]["x"]`) or assigned to a local (`r = rows[i]`);
//     a list of strs or tuples also `Counter(words)`, `set(words)`, `frozenset(words)` (each item
//     counted or added as it is converted: a Str whose key was there is dropped at once); a list
//     of strs `w in words`, `w not in words` and `words.count(w)` (compared where they lie);
//   - each such local r (its records) is bound only so, and used only as `r["key"]`,
//     `r.get("key")`, `r.get("key", default)` (a value, None, or an int where S is float) or
//     `"key" in r` (a str constant key), read, never
//     stored into or deleted, never read where it may be unbound.
// Those locals are views too. Nothing else may see them: not a call, a return, a nested function.
//
// And the function is one only Python calls: an entry point that no compiled code calls or holds
// as a value, not a generator, a method, a cached or recursive function, a nested function, one
// with a prange loop (its threads run without the GIL) or a try statement (emit_try.cpp's value
// raises lower some handlers' lookups without C++ exceptions). It keeps the GIL while it runs
// (Function::releases_gil): a view reads Python objects. `@accelerate(nogil=True)` asks for the GIL
// released, so threads run the function in parallel: its lists are copied.
#include <algorithm>
#include <map>
#include <set>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

bool scalar_or_str(const Type* v) {
    return v->is(TypeKind::Int) || v->is(TypeKind::Float) || v->is(TypeKind::Bool) || v->is(TypeKind::Str);
}

// list[dict[str, int | float | bool | str]], the dict a plain one; or a list of strs or of
// tuples of those (not a NamedTuple's: its class makes it)
bool record_list(const Type* t) {
    if (!t || !t->is(TypeKind::List)) return false;
    const Type* d = t->elem();
    if (d && d->is(TypeKind::Str)) return true;
    if (d && d->is(TypeKind::Tuple) && !d->is_named_tuple() && !d->elems.empty()) {
        bool str = false;  // a tuple of numbers alone crosses in place (no allocation): copied
        for (const Type* e : d->elems) {
            if (!scalar_or_str(e)) return false;
            str = str || e->is(TypeKind::Str);
        }
        return str;
    }
    if (!d || !d->is(TypeKind::Dict) || !d->name.empty() || !d->elem()->is(TypeKind::Str)) return false;
    return scalar_or_str(d->value());
}

bool var_of(const Expr& e, int v) { return e.kind == ExprKind::Var && e.var == v; }

// rows[i], i an int
bool item_of(const Expr& e, int list) {
    return e.kind == ExprKind::Subscript && e.args.size() == 2 && var_of(*e.args[0], list) && e.args[1]->type &&
           (e.args[1]->type->is(TypeKind::Int) || e.args[1]->type->is(TypeKind::Bool));
}

// Counter(xs), set(xs), frozenset(xs) of the list, which take each item once
bool whole_into(const Expr& e, int list) {
    return e.kind == ExprKind::Intrinsic && e.kwnames.empty() && e.args.size() == 1 && var_of(*e.args[0], list) &&
           (e.operation == ops::Op::CounterOf || e.operation == ops::Op::SetOf || e.operation == ops::Op::FrozenSetOf);
}

// `w in words`, `w not in words`, `words.count(w)`: w a str
bool compared_in_place(const Expr& e, int list) {
    if (e.kind == ExprKind::Compare)
        return e.cmps.size() == 1 && (e.cmps[0] == ir::CmpOp::In || e.cmps[0] == ir::CmpOp::NotIn) && var_of(*e.args[1], list) &&
               e.args[0]->type && e.args[0]->type->is(TypeKind::Str);
    return e.kind == ExprKind::Method && e.operation == ops::Op::ListCount && e.kwnames.empty() && e.args.size() == 2 &&
           var_of(*e.args[0], list) && e.args[1]->type && e.args[1]->type->is(TypeKind::Str);
}

// whether the function may hold views at all: one only Python calls, whose GIL it can keep
bool only_python_calls(ir::Module& m, ir::Function& f, int index) {
    if (!f.exported || !f.compiled() || f.nogil || f.coroutine || f.generator || f.memo || f.recursive || f.counts_depth ||
        f.ncaptures || f.method_of >= 0 || !f.pure_bounds.empty())
        return false;
    bool ok = true;
    for (ir::Function& g : m.functions)  // called or held as a value by compiled code
        ir::for_each_node(g.body, [&](Expr& e) {
            if ((e.kind == ExprKind::CallFunc || e.kind == ExprKind::FuncRef) && e.callee == index) ok = false;
        });
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) { ok = ok && s.kind != StmtKind::Try && !s.parallel; });
    return ok;
}

// `for i, r in enumerate(rows)`, `for w, r in zip(ws, rows)`: the loop's items are tuples whose
// dict items are rows's records. No other source may give dicts (codegen spells each dict of such
// a tuple as a view), nor may zip take strict= (a loop of its own struct).
bool pairs_with(const Expr& it, int list) {
    if (it.kind != ExprKind::Intrinsic || (it.operation != ops::Op::Enumerate && it.operation != ops::Op::Zip)) return false;
    if (it.operation == ops::Op::Enumerate) return !it.args.empty() && var_of(*it.args[0], list);
    if (!it.kwnames.empty()) return false;
    bool found = false;
    for (const ir::ExprP& a : it.args) {
        if (var_of(*a, list)) found = true;
        else if (!a->type || !a->type->is(TypeKind::List) || a->type->elem()->contains(TypeKind::Dict)) return false;
    }
    return found;
}

// How many loops (comprehensions' too) hold each statement and expression of a function
struct Depths {
    std::map<const void*, int> at;
    void block(const ir::Block& b, int d) {
        for (const ir::StmtP& s : b) stmt(*s, d);
    }
    void stmt(const Stmt& s, int d) {
        at[&s] = d;
        ir::for_each_expr_of(s, [&](const Expr& e) { expr(e, d); });
        bool loop = ir::repeats(s);
        block(s.body, loop ? d + 1 : d);
        block(s.orelse, d);
        block(s.fast, loop ? d + 1 : d);
        block(s.handlers, d);
        block(s.finalbody, d);
    }
    void expr(const Expr& e, int d) {
        at[&e] = d;
        for (const ir::ExprP& a : e.args) expr(*a, d);
        if (e.body) block(*e.body, d);
    }
};

// Marks param `list` and the locals that hold its records (and tuples of them) views where every
// use of them is one views.hpp reads
void try_view(ir::Function& f, int list) {
    const Type* record = f.vars[list].type->elem();
    const bool dicts = record->is(TypeKind::Dict);  // else strs or tuples: each item read is converted, a plain value
    const Type* value = dicts ? record->value() : record;
    std::set<int> records;  // the locals bound to its records
    std::set<int> tuples;   // enumerate's or zip's items, and their copies ($1 = $0 of an unpacking)
    std::set<const Expr*> targets;  // stored into or deleted
    auto of_tuple = [&](const Expr& e) {  // get(t, k) of a record
        return e.kind == ExprKind::TupleGet && e.args[0]->kind == ExprKind::Var && tuples.count(e.args[0]->var) &&
               e.args[0]->type->is(TypeKind::Tuple) && e.index >= 0 &&
               e.index < static_cast<std::int64_t>(e.args[0]->type->elems.size()) &&
               e.args[0]->type->elems[static_cast<size_t>(e.index)] == record;
    };
    for (int round = 0; round < 3 && dicts; ++round)  // copies of copies
        ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
            if (s.var < 0 || !s.value) return;
            if (s.kind == StmtKind::ForEach && pairs_with(*s.value, list)) tuples.insert(s.var);
            if (s.kind == StmtKind::Assign && s.value->kind == ExprKind::Var && tuples.count(s.value->var)) tuples.insert(s.var);
        });
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
        if (s.target) targets.insert(s.target.get());
        if (s.var < 0 || !s.value || !dicts) return;
        if (s.kind == StmtKind::ForEach && var_of(*s.value, list)) records.insert(s.var);
        if (s.kind == StmtKind::Assign && (item_of(*s.value, list) || of_tuple(*s.value))) records.insert(s.var);
    });
    std::set<int> rebound = by_reference(f);
    for (int r : records)
        if (r == list || f.vars[r].is_param || rebound.count(r) || f.vars[r].type != record || tuples.count(r)) return;
    for (int t : tuples)
        if (f.vars[t].is_param || rebound.count(t) || !f.vars[t].type->is(TypeKind::Tuple)) return;
    if (rebound.count(list)) return;
    auto ours = [&](int v) { return v == list || records.count(v) > 0 || tuples.count(v) > 0; };
    // every binding of them is one of those above
    bool ok = true;
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
        if (s.var < 0 || !ours(s.var)) return;
        bool loop = s.kind == StmtKind::ForEach && s.value && var_of(*s.value, list);
        bool pairs = s.kind == StmtKind::ForEach && s.value && pairs_with(*s.value, list);
        bool item = s.kind == StmtKind::Assign && s.value && (item_of(*s.value, list) || of_tuple(*s.value));
        bool copy = s.kind == StmtKind::Assign && s.value && s.value->kind == ExprKind::Var && tuples.count(s.value->var);
        ok = ok && s.var != list && (records.count(s.var) ? loop || item : pairs || copy);
    });
    if (!ok) return;
    // every read of them is one of these
    size_t uses = 0, allowed = 0;
    ir::for_each_node(f.body, [&](Expr& e) {
        if (e.kind == ExprKind::Var && ours(e.var)) {
            ++uses;
            if (e.check_bound || e.unwrap) ok = false;
        }
        if (e.kind == ExprKind::Intrinsic && e.operation == ops::Op::Len && e.args.size() == 1 && var_of(*e.args[0], list))
            ++allowed;
        // a str's item, read (converted): anywhere
        if (!dicts && item_of(e, list) && !targets.count(&e)) ++allowed;
        // Counter(words), set(words), frozenset(words): each item counted or added as it is converted
        if (!dicts && whole_into(e, list)) ++allowed;
        // w in words, words.count(w) of strs: compared where they lie (no Str made: in any loop)
        if (record->is(TypeKind::Str) && compared_in_place(e, list)) ++allowed;
        // a tuple's other items (enumerate's count, zip's other items)
        if (e.kind == ExprKind::TupleGet && e.args[0]->kind == ExprKind::Var && tuples.count(e.args[0]->var) && !of_tuple(e))
            ++allowed;
        // r["key"], r.get("key"), r.get("key", default), "key" in r; r a record local or rows[i]
        auto record_at = [&](const Expr& r) { return (r.kind == ExprKind::Var && records.count(r.var)) || item_of(r, list); };
        if (e.kind == ExprKind::Subscript && e.args.size() == 2 && e.args[1]->kind == ExprKind::StrConst && !targets.count(&e) &&
            record_at(*e.args[0]))
            ++allowed;
        if (e.kind == ExprKind::Method && e.operation == ops::Op::DictGet && e.kwnames.empty() &&
            (e.args.size() == 2 || e.args.size() == 3) && e.args[1]->kind == ExprKind::StrConst && record_at(*e.args[0]) &&
            (e.type == value || (e.type->is(TypeKind::Optional) && e.type->elem() == value) ||
             (e.type->is(TypeKind::Real) && (value->is(TypeKind::Float) || value->is(TypeKind::Int)))))
            ++allowed;
        if (e.kind == ExprKind::Compare && e.cmps.size() == 1 && (e.cmps[0] == ir::CmpOp::In || e.cmps[0] == ir::CmpOp::NotIn) &&
            e.args[0]->kind == ExprKind::StrConst && record_at(*e.args[1]))
            ++allowed;
    });
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) {  // the loops' and bindings' own reads (checked above)
        if (s.kind == StmtKind::ForEach && s.value && var_of(*s.value, list) && (s.var >= 0 || !dicts)) ++allowed;
        if (s.kind == StmtKind::ForEach && s.value && pairs_with(*s.value, list))  // enumerate(rows), zip(ws, rows)
            for (const ir::ExprP& a : s.value->args) allowed += var_of(*a, list) ? 1 : 0;
        if (s.kind == StmtKind::Assign && s.var >= 0 && s.value && (records.count(s.var) || tuples.count(s.var))) ++allowed;
    });
    if (!ok || uses != allowed) return;
    // Each read in place costs more than a read of the copy (a lookup in the caller's dict, a
    // str converted, allocated each time) but saves that item's conversion: it pays where it
    // happens about once per item. No loop holds a loop over the list (closest pair over 2,000
    // records: 248 ms in place, 186 copied), its items are read by position in one loop at most
    // (`for i in range(len(rows))`), and a record's str value is read in no loop inside the one
    // that binds the record (a number is read in place about as fast as from a copy).
    {
        Depths depth;
        depth.block(f.body, 0);
        std::map<int, int> bound;  // a record local: the depth of its reads at most (where it is bound)
        ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
            if (s.kind == StmtKind::ForEach && s.value && (var_of(*s.value, list) || pairs_with(*s.value, list)))
                ok = ok && depth.at[&s] == 0;
            if (s.var >= 0 && records.count(s.var)) {
                int d = depth.at[&s] + (s.kind == StmtKind::ForEach ? 1 : 0);
                auto it = bound.find(s.var);
                bound[s.var] = it == bound.end() ? d : std::min(it->second, d);
            }
        });
        ir::for_each_node(f.body, [&](Expr& e) {
            if (item_of(e, list)) ok = ok && depth.at[&e] <= 1;
            if (whole_into(e, list)) ok = ok && depth.at[&e] == 0;  // as a loop over it
            bool read = (e.kind == ExprKind::Subscript || e.kind == ExprKind::Method) &&
                        e.args.size() >= 2 && e.args[0]->kind == ExprKind::Var && records.count(e.args[0]->var);
            if (read && value->is(TypeKind::Str)) ok = ok && depth.at[&e] <= bound[e.args[0]->var];
        });
        if (!ok) return;
    }
    f.vars[list].view = true;
    for (int r : records) f.vars[r].view = true;
    for (int t : tuples) f.vars[t].view = true;
    f.releases_gil = false;  // views read Python's objects
}

}  // namespace

void choose_views(ir::Module& m) {
    for (size_t i = 0; i < m.functions.size(); ++i) {
        ir::Function& f = m.functions[i];
        bool any = false;
        for (int p : f.params) any = any || record_list(f.vars[p].type);
        if (!any || !only_python_calls(m, f, static_cast<int>(i))) continue;
        for (int p : f.params)
            if (record_list(f.vars[p].type)) try_view(f, p);
    }
}

}  // namespace pyrite::opt
