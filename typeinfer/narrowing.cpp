// typeinfer: narrowing, as mypy does it. In `if x is not None:` (or `if x:`, `isinstance(x, C)`,
// `x is not None and ...`, the rest of a block after `if x is None: return`) a variable of type
// T | None reads as T; a field through variables (node.next) narrows too, as a "path" numbered below
// 0 among the variables; and an `object` (TypeKind::Boxed) that isinstance() tests reads as what it
// holds there, a "typed path" (boxed_narrowing). What is narrowed is the set Solver::narrowed_,
// saved and joined with the blocks that narrow (statements.cpp, operators.cpp); a path is forgotten
// when its variable is assigned or its field stored into. Codegen still checks each narrowed read
// (unwrap, unbox), so a narrowing this analysis got wrong raises, never misbehaves.
#include <set>

#include "solver.hpp"

namespace pyrite::typeinfer::detail {

void Solver::narrowings(Expr& c, bool truth, std::vector<int>& out) {
    switch (c.kind) {
        case ExprKind::Compare: {
            if (c.cmps.size() != 1) return;
            Expr* v = c.args[0]->kind != ExprKind::NoneConst ? c.args[0].get() : c.args[1].get();
            Expr* other = v == c.args[0].get() ? c.args[1].get() : c.args[0].get();
            int p = path(*v);
            if (p == kNoPath || other->kind != ExprKind::NoneConst) return;
            CmpOp op = c.cmps[0];
            bool not_none = op == CmpOp::IsNot || op == CmpOp::NotEq;
            bool is_none = op == CmpOp::Is || op == CmpOp::Eq;
            if ((not_none && truth) || (is_none && !truth)) out.push_back(p);
            return;
        }
        case ExprKind::Var:
        case ExprKind::Block:  // if (m := f()):
            if (truth && path(c) != kNoPath) out.push_back(path(c));
            return;
        case ExprKind::Attr:
            if (truth && path(c) != kNoPath) out.push_back(path(c));
            return;
        case ExprKind::Unary:
            if (static_cast<ir::UnOp>(c.op) == ir::UnOp::Not) narrowings(*c.args[0], !truth, out);
            return;
        case ExprKind::BoolOp: {
            bool is_and = c.op == static_cast<int>(ir::BoolOpKind::And);
            if (is_and == truth)
                for (ir::ExprP& a : c.args) narrowings(*a, truth, out);
            return;
        }
        case ExprKind::Intrinsic:
            if (c.operation == ops::Op::IsInstance && truth && c.args[0]->kind == ExprKind::Var && c.holds)
                out.push_back(c.args[0]->var);
            else if (c.operation == ops::Op::IsInstance && truth && c.args[0]->kind == ExprKind::Var)
                if (const Type* n = boxed_narrowing(c)) out.push_back(typed_path(c.args[0]->var, n));
            return;
        default: return;
    }
}

void Solver::narrow(Expr& cond, bool truth) {
    std::vector<int> vs;
    narrowings(cond, truth, vs);
    narrowed_.insert(vs.begin(), vs.end());
}

// Narrowing of fields (solver.hpp's T | None): node.next is a "path", numbered below 0 among the
// variables, forgotten when its variable is assigned or the field stored into
int Solver::path(const Expr& e) {
    if (e.kind == ExprKind::Var) return e.var;
    if (e.kind == ExprKind::Block && e.var >= 0 && e.body && e.body->size() == 1 && (*e.body)[0]->kind == StmtKind::Assign &&
        (*e.body)[0]->var == e.var)
        return e.var;  // (m := f()) is not None: m, as the frontend's lower_named_expr makes it
    if (e.kind != ExprKind::Attr || e.args.empty()) return kNoPath;
    int base = path(*e.args[0]);
    if (base == kNoPath) return kNoPath;
    std::string key = std::to_string(base) + "." + e.name;
    auto it = paths_.find(key);
    if (it != paths_.end()) return it->second;
    int id = -2 - static_cast<int>(paths_.size());
    paths_[key] = id;
    path_base_[id] = base < 0 ? path_base_[base] : base;
    return id;
}

int Solver::typed_path(int var, const Type* t) {
    std::string key = std::to_string(var) + ":" + t->str();  // (no attribute path has a ':')
    auto it = paths_.find(key);
    if (it != paths_.end()) return it->second;
    int id = -2 - static_cast<int>(paths_.size());
    paths_[key] = id;
    path_base_[id] = var;
    narrowed_type_[id] = t;
    return id;
}

const Type* Solver::narrowed_as(int var) {
    for (int p : narrowed_) {
        auto it = narrowed_type_.find(p);
        if (it != narrowed_type_.end() && path_base_[p] == var) return it->second;
    }
    return nullptr;
}

// int, float, str, bool (a bool is also an int: read as one), int and float together (int | float),
// and of the containers the one kind among what the `object` may hold (of one from Python: a list of
// `object`s, a dict of str keys and `object` values); nothing where that is not one type
const Type* Solver::boxed_narrowing(const Expr& c) {
    const Type* t = f_->vars[c.args[0]->var].type;
    if (!t || !t->is(TypeKind::Boxed)) return nullptr;
    std::set<std::string> cls(c.classes.begin(), c.classes.end());
    // a bool is an int too, but printed, returned or stored it stays a bool: an int read from one would
    // not (True would print 1), so int and int | float narrow an `object` that cannot hold a bool only
    bool bools = t->elems.empty();
    for (const Type* alt : t->elems) bools = bools || alt->is(TypeKind::Bool);
    if (cls == std::set<std::string>{"float", "int"}) return bools ? nullptr : Type::real();
    if (cls.size() != 1) return nullptr;
    const std::string& k = *cls.begin();
    if (k == "int") return bools ? nullptr : Type::int_();
    if (k == "float") return Type::float_();
    if (k == "str") return Type::str_();
    if (k == "bool") return Type::bool_();
    if (t->elems.empty())
        return k == "list" ? Type::list(Type::boxed()) : k == "dict" ? Type::dict(Type::str_(), Type::boxed()) : nullptr;
    const Type* found = nullptr;
    for (const Type* alt : t->elems) {
        bool is = (k == "list" && alt->is(TypeKind::List)) || (k == "dict" && alt->is(TypeKind::Dict)) ||
                  (k == "tuple" && (alt->is(TypeKind::Tuple) || alt->is(TypeKind::TupleOf))) ||
                  (k == "set" && is_set(alt) && !alt->is_frozenset()) || (k == "frozenset" && alt->is_frozenset());
        if (!is) continue;
        if (found) return nullptr;  // two lists of other items: which, only run time knows
        found = alt;
    }
    return found;
}

void Solver::forget_paths(int var) {  // var was assigned: what was narrowed through it is not any more
    for (auto it = narrowed_.begin(); it != narrowed_.end();)
        it = *it < 0 && path_base_[*it] == var ? narrowed_.erase(it) : std::next(it);
}

}  // namespace pyrite::typeinfer::detail
