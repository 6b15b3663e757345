// borrow: a loop that walks a linked structure (`while node.next is not None: node = node.next`)
// steps its variable without counting references.
//
// Each `node = node.next` of an instance variable otherwise retains the next object and releases
// the one it leaves: two writes to two objects' counts per step, which cost a linked-list walk
// (the scheduler benchmark's insertion by priority) 20% of its time. Within a loop that writes
// nothing on the heap, no object reachable from the variable's value at the loop's start can go:
// each is held by the field it was reached through, which nothing changes while the loop runs,
// and the first is held by the variable's own reference, which codegen keeps aside for the loop
// (runtime/include/pyrite/object.hpp's Borrow: on leaving the loop, by any way, the variable takes
// a reference to where it stands and the one kept aside is let go).
//
// A loop's variable is walked so (Stmt::borrowed; its assignments in the loop: Stmt::borrows)
// when it holds an instance (a class held by reference, or None), every assignment to it in the
// loop is a path of fields from itself (node.next, node.left.right, one of two by a condition) or
// None, and the loop's statements only assign locals, test, loop, break, continue and return (not
// `return node`: C++ moves a returned local out, which would hand on the uncounted pointer), over
// expressions that only read: locals, constants, fields, number arithmetic and comparisons,
// `is`, math functions. No call, no store, no method, no yield: nothing that could change a field.
// An enclosing loop that walks the same variable does it for the loops inside it.
//
// A loop that reads the items of a list of lists or of instances in turn (`bj = bodies[j]`, the
// n-body benchmarks' inner loop) steps its variable so too: the list is a local the loop does not
// assign, whose items nothing in the loop replaces (the loop stores numbers into lists of numbers
// and into instances' fields, calls nothing), so each item it reads is held by it while the loop
// runs. Such a variable's assignments in the loop are `v = xs[i]` (an instance variable's may also
// be paths of fields); besides the reads above, the loop may read and store the number items of
// local lists (bj[3] += dx * bim) and their lengths, store numbers into instances' fields (bj.vx +=
// dx * bim: a field, not a property, whose setter would be a call), read a local list of
// instances' items (bodies[0].x), and assign other such variables so. `for b in bodies` over such a
// list the body cannot resize steps so too (the loop holds the list).
#include <algorithm>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

// an instance held by reference, or one or None
bool counted_instance(const ir::Module& m, const Type* t) {
    if (t && t->is(TypeKind::Optional)) t = t->elems[0];
    return t && t->is(TypeKind::Object) && t->cls >= 0 && t->cls < static_cast<int>(m.classes.size()) &&
           !m.classes[static_cast<size_t>(t->cls)].value;
}

// an instance (held by reference or a value), or one or None: what a field is read from
bool instance(const Type* t) {
    if (t && t->is(TypeKind::Optional)) t = t->elems[0];
    return t && t->is(TypeKind::Object);
}

bool numeric(const Type* t) { return t && (t->is_numeric() || t->is(TypeKind::None)); }

// a list whose items are numbers (what the loop may store into), or whose items are such lists
bool number_list(const Type* t) { return t && t->is(TypeKind::List) && t->elem()->is_numeric(); }
bool list_of_lists(const Type* t) { return t && t->is(TypeKind::List) && t->elem()->is(TypeKind::List); }

struct Borrow {
    const ir::Module& m;
    ir::Function& f;
    std::set<int> refs = by_reference(f);  // locals a nested function rebinds: no borrowing of them

    // an expression that only reads: evaluating it changes no field, container or count the loop relies on
    bool reads_only(const Expr& e) const {
        auto all_args = [&](bool numbers) {
            for (const ir::ExprP& a : e.args)
                if ((numbers && !numeric(a->type)) || !reads_only(*a)) return false;
            return true;
        };
        switch (e.kind) {
            case ExprKind::IntConst:
            case ExprKind::FloatConst:
            case ExprKind::BoolConst:
            case ExprKind::NoneConst:
            case ExprKind::Var: return true;
            case ExprKind::Attr: return instance(e.args[0]->type) && reads_only(*e.args[0]);
            case ExprKind::Unary:
                if (static_cast<ir::UnOp>(e.op) == ir::UnOp::Not) return plain_truth(*e.args[0]) && all_args(false);
                return numeric(e.type) && all_args(true);
            case ExprKind::Binary:
            case ExprKind::MinMax: return numeric(e.type) && all_args(true);
            case ExprKind::CallBuiltin: return e.name.rfind("math.", 0) == 0 && numeric(e.type) && all_args(true);
            case ExprKind::Compare:
                for (size_t i = 0; i < e.cmps.size(); ++i)
                    if (e.cmps[i] != CmpOp::Is && e.cmps[i] != CmpOp::IsNot &&
                        (!numeric(e.args[i]->type) || !numeric(e.args[i + 1]->type)))
                        return false;
                return all_args(false);
            case ExprKind::BoolOp:
                for (const ir::ExprP& a : e.args)
                    if (!plain_truth(*a)) return false;
                return all_args(false);
            case ExprKind::IfExp: return plain_truth(*e.args[0]) && all_args(false);
            case ExprKind::Subscript:  // xs[i] of a local list of numbers, or of instances (read through)
                return (number_list(e.args[0]->type) || (e.args[0]->type->is(TypeKind::List) && counted_instance(m, e.type))) &&
                       e.args[0]->kind == ExprKind::Var && e.args[1]->type->is(TypeKind::Int) && reads_only(*e.args[1]);
            case ExprKind::Intrinsic:  // len(xs) of a local list
                return e.operation == ops::Op::Len && e.args.size() == 1 && e.args[0]->kind == ExprKind::Var &&
                       e.args[0]->type->is(TypeKind::List);
            default: return false;
        }
    }

    // a list of lists, or of instances held by reference: what the loop may read items of uncounted
    bool holds_references(const Type* t) const {
        return list_of_lists(t) || (t && t->is(TypeKind::List) && counted_instance(m, t->elem()));
    }
    // xs[i] of such a local list xs (the loop must not assign xs: loop())
    bool item_of(const Expr& e, int var) const {
        return e.kind == ExprKind::Subscript && e.args[0]->kind == ExprKind::Var && e.args[0]->var != var &&
               holds_references(e.args[0]->type) && e.args[1]->type->is(TypeKind::Int);
    }
    // a number field of an instance, assigned: a field of its class, not a property
    bool number_field(const Expr& e) const {
        if (e.kind != ExprKind::Attr || !numeric(e.type) || !reads_only(*e.args[0])) return false;
        const Type* t = e.args[0]->type;
        if (t->is(TypeKind::Optional)) t = t->elems[0];
        return counted_instance(m, t) && m.classes[static_cast<size_t>(t->cls)].field(e.name) >= 0;
    }
    // the lists the loop's `var = xs[i]` read items of (none: var is walked along fields)
    static void item_sources(const ir::Block& b, int var, std::vector<int>& out) {
        ir::for_each_stmt(b, [&](const Stmt& s) {
            if (s.kind == StmtKind::Assign && s.var == var && s.value->kind == ExprKind::Subscript &&
                s.value->args[0]->kind == ExprKind::Var)
                out.push_back(s.value->args[0]->var);
        });
    }

    // a truth test of e runs no code of the program's: a number, None, or an instance of a class
    // that (with its subclasses) defines neither __bool__ nor __len__
    bool plain_truth(const Expr& e) const {
        const Type* t = e.type;
        if (numeric(t)) return true;
        if (!counted_instance(m, t)) return false;
        int cls = (t->is(TypeKind::Optional) ? t->elems[0] : t)->cls;
        for (const ir::Class& c : m.classes) {
            bool family = false;
            for (const ir::Class* k = &c; k; k = k->base >= 0 ? &m.classes[static_cast<size_t>(k->base)] : nullptr)
                if (k == &m.classes[static_cast<size_t>(cls)]) family = true;
            if (family && (c.method("__bool__") >= 0 || c.method("__len__") >= 0)) return false;
        }
        return true;
    }

    // node.next, node.left.right (a path of fields from var), either of two by a condition, or None
    bool path_from(const Expr& e, int var) const {
        if (e.kind == ExprKind::NoneConst) return true;
        if (e.kind == ExprKind::Var) return e.var == var;
        if (e.kind == ExprKind::Attr) return instance(e.args[0]->type) && path_from(*e.args[0], var);
        if (e.kind == ExprKind::IfExp) return plain_truth(*e.args[0]) && reads_only(*e.args[0]) && path_from(*e.args[1], var) && path_from(*e.args[2], var);
        return false;
    }

    // whether a block's statements only assign locals (and `var` only by paths from itself), test and loop
    bool only_walks(const ir::Block& b, int var) const {
        for (const ir::StmtP& p : b) {
            const Stmt& s = *p;
            switch (s.kind) {
                case StmtKind::Assign:
                    if (s.var != var) {  // another local: what only reads, or a list of numbers of a list of lists
                        if (!reads_only(*s.value) && !(item_of(*s.value, s.var) && reads_only(*s.value->args[1])))
                            return false;
                    } else if (counted_instance(m, f.vars[static_cast<size_t>(var)].type) &&
                               !item_of(*s.value, var)) {  // node = node.next
                        if (!reads_only(*s.value) || !path_from(*s.value, var)) return false;
                    } else if (!item_of(*s.value, var) || !reads_only(*s.value->args[1])) {  // bj = bodies[j]
                        return false;
                    }
                    break;
                case StmtKind::Store:  // xs[i] = number of a local list of numbers, or b.vx = number
                    if (!s.target || !(s.target->kind == ExprKind::Subscript ? reads_only(*s.target) : number_field(*s.target)) ||
                        !reads_only(*s.value) || !numeric(s.value->type))
                        return false;
                    break;
                case StmtKind::If:
                case StmtKind::While:
                    if (s.once || s.yield_body || s.gen_region || s.deep_break || !plain_truth(*s.value) ||
                        !reads_only(*s.value))
                        return false;
                    break;
                case StmtKind::ForRange:
                    if (s.parallel || s.var == var) return false;
                    for (const ir::ExprP& r : s.range)
                        if (!reads_only(*r)) return false;
                    break;
                case StmtKind::Break:
                case StmtKind::Continue: break;
                case StmtKind::Return:  // not `return node`: C++ moves a returned local out, uncounted
                    if (s.value && (!reads_only(*s.value) || (s.value->kind == ExprKind::Var && s.value->var == var)))
                        return false;
                    break;
                default: return false;
            }
            if (!only_walks(s.body, var) || !only_walks(s.orelse, var) || !only_walks(s.fast, var)) return false;
        }
        return true;
    }

    // the variables a loop's statements assign (in it and the loops inside it)
    static void assigned(const ir::Block& b, std::vector<int>& vars) {
        ir::for_each_stmt(b, [&](const Stmt& s) {
            if (s.kind == StmtKind::Assign && std::find(vars.begin(), vars.end(), s.var) == vars.end()) vars.push_back(s.var);
        });
    }

    static void mark_assigns(ir::Block& b, int var) {
        ir::for_each_stmt(b, [&](Stmt& s) {
            if (s.kind == StmtKind::Assign && s.var == var) s.borrows = true;
        });
    }

    // a while loop (its test only reads), a range loop (its bounds only read) or a loop over a local
    // list of lists the body cannot resize (iteration's fixed_length: its items are read from the list
    // itself) without an else
    bool candidate(const Stmt& s) const {
        if (!s.orelse.empty()) return false;
        if (s.kind == StmtKind::ForEach)  // over the list itself (not reversed(), enumerate(), ...)
            return s.fixed_length && s.value->kind == ExprKind::Var && holds_references(s.value->type);
        if (s.kind == StmtKind::While)
            return !s.yield_body && !s.gen_region && !s.deep_break && plain_truth(*s.value) && reads_only(*s.value);
        if (s.kind != StmtKind::ForRange || s.parallel) return false;
        for (const ir::ExprP& r : s.range)
            if (!reads_only(*r)) return false;
        return true;
    }

    void loop(Stmt& s, std::vector<int>& walked) {
        if (candidate(s)) {
            std::vector<int> vars;
            assigned(s.body, vars);
            const Type* item = f.vars[static_cast<size_t>(s.var)].type;
            if (s.kind == StmtKind::ForEach && (number_list(item) || counted_instance(m, item)) && !refs.count(s.var) &&
                std::find(walked.begin(), walked.end(), s.var) == walked.end() &&
                std::find(vars.begin(), vars.end(), s.var) == vars.end() && only_walks(s.body, s.var)) {
                s.borrowed.push_back(s.var);  // `for b in bodies`: each item is held by the list the loop holds
                s.borrows = true;
            }
            for (int v : vars) {
                if (std::find(walked.begin(), walked.end(), v) != walked.end()) continue;
                const Type* t = f.vars[static_cast<size_t>(v)].type;
                if (v == s.var || (!counted_instance(m, t) && !number_list(t)) || refs.count(v) ||
                    !only_walks(s.body, v) || !only_walks(s.fast, v))
                    continue;
                // bj = bodies[j]: the lists it reads items of are not assigned in the loop (an instance
                // variable may be walked along fields alone: no list)
                std::vector<int> sources;
                item_sources(s.body, v, sources);
                item_sources(s.fast, v, sources);
                if (number_list(t) || !sources.empty()) {
                    bool held = !sources.empty();
                    for (int x : sources)
                        held = held && std::find(vars.begin(), vars.end(), x) == vars.end() && !refs.count(x);
                    if (!held) continue;
                }
                s.borrowed.push_back(v);
                mark_assigns(s.body, v);
                mark_assigns(s.fast, v);
            }
        }
    }

    void block(ir::Block& b, std::vector<int>& walked) {
        for (ir::StmtP& p : b) {
            Stmt& s = *p;
            size_t before = walked.size();
            if (ir::repeats(s)) {
                loop(s, walked);
                walked.insert(walked.end(), s.borrowed.begin(), s.borrowed.end());
            }
            ir::for_each_block(s, [&](ir::Block& inner) { block(inner, walked); });
            walked.resize(before);
        }
    }
};

}  // namespace

void borrow_walks(ir::Module& m) {
    for (ir::Function& f : m.functions) {
        if (!f.compiled()) continue;
        std::vector<int> walked;
        Borrow{m, f}.block(f.body, walked);
    }
}

}  // namespace pyrite::opt
