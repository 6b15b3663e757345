// typeinfer: the type inference solver. Its rules for scalars and calls are here;
// statements (try/except/raise among them) are in statements.cpp, lists and the
// builtins over them in containers.cpp, classes in classes.cpp.
//
// Algorithm (a monotone fixed point over the whole module, like a simplified
// Numba typeinfer without unions):
//  1. Declared types seed the lattice: parameter annotations, annotated locals,
//     annotated return types. Every other variable and return type starts at
//     Unknown (bottom).
//  2. A round walks every function body in order. Each expression is typed from
//     its operands by the rules in type_expr (Unknown in, Unknown out). Each
//     assignment joins the value's type into the target variable; each return
//     joins into the function's return type. join(Unknown, T) = T, join(T, T) =
//     T, Unknown parts of a container fill in (join(list[?], list[int]) =
//     list[int]: how `xs = []` learns its element type from `xs.append(1)`),
//     and two different known types are a conflict: pyrite has no unions, so
//     a variable that would hold an int on one path and a float on another is a
//     diagnostic asking for an annotation, never a silent conversion.
//     A call uses the callee's current return type, so recursion converges:
//     fib's `n if n < 2 else fib(n - 1) + fib(n - 2)` is int in round two.
//  3. Rounds repeat until nothing changes. Types only move up, a scalar once
//     and a container once per level of nesting; a self-feeding type
//     (`xs.append(xs)`) would grow forever, so rounds are capped at a few per
//     variable, after which what is still unknown is reported.
//  4. A final round runs with reporting on: rule failures, conflicts and types
//     still Unknown become diagnostics at the offending expression.
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "../ir/walk.hpp"
#include "builtins.hpp"
#include "infer.hpp"

namespace pyrite::typeinfer::detail {

using ir::BinOp;
using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;
using ops::Op;

inline const Type* const Unknown = Type::unknown();

// an int, a bool, or a NumPy integer or bool (what indexes and counts take)
inline bool is_intlike(const Type* t) {
    return t->is(TypeKind::Int) || t->is(TypeKind::Bool) ||
           (t->is(TypeKind::Scalar) && (is_int_dtype(t->dtype) || t->dtype == DType::Bool));
}
inline bool known(const Type* t) { return t && t->is_known(); }
inline bool is_list(const Type* t) { return t && t->is(TypeKind::List); }
inline bool is_dict(const Type* t) { return t && t->is(TypeKind::Dict); }
inline bool is_set(const Type* t) { return t && t->is(TypeKind::Set); }
inline bool is_deque(const Type* t) { return t && t->is(TypeKind::Deque); }
inline bool is_iterator(const Type* t) { return t && t->is(TypeKind::Iterator); }
inline bool is_str(const Type* t) { return t && t->is(TypeKind::Str); }
inline bool is_bytes(const Type* t) { return t && t->is(TypeKind::Bytes); }
inline bool is_bytearray(const Type* t) { return t && t->is(TypeKind::ByteArray); }
inline bool is_byteslike(const Type* t) { return is_bytes(t) || is_bytearray(t); }
inline bool is_tuple_of(const Type* t) { return t && t->is(TypeKind::TupleOf); }
inline bool is_array(const Type* t) { return t && t->is(TypeKind::Array); }

inline std::string quoted(const Type* t) { return "'" + t->str() + "'"; }
// why an `object` (TypeKind::Boxed) does no more: said where it is used as a value of a type
inline std::string boxed_hint() {
    return " (an 'object' is a value of a dict whose values have several types, or parsed JSON: compiled code prints, "
           "compares, orders and returns it, converts it (int(x), float(x), str(x)), and where isinstance(x, float) "
           "(str, bool, list, dict) holds reads x as that; isinstance(x, int) narrows only an object that cannot hold "
           "a bool, which stays a bool)";
}
// the NAME of the dunders __NAME__, __rNAME__, __iNAME__ of a binary operator
inline std::string dunder_name(ir::BinOp op) {
    static const char* const names[] = {"add", "sub", "mul", "truediv", "floordiv", "mod",
                                        "pow", "lshift", "rshift", "and", "or", "xor"};
    return names[static_cast<int>(op)];
}
// CPython's spelling in TypeError messages
inline std::string py_name(const Type* t) {
    switch (t->kind) {
        case TypeKind::None: return "NoneType";
        case TypeKind::Tuple: return t->cls >= 0 ? t->name.substr(t->name.rfind('.') + 1) : "tuple";
        case TypeKind::List: return "list";
        case TypeKind::Dict: return "dict";
        case TypeKind::Set: return t->is_frozenset() ? "frozenset" : "set";
        case TypeKind::Deque: return "collections.deque";
        case TypeKind::Iterator: return "generator";
        case TypeKind::TupleOf: return "tuple";
        case TypeKind::Array: return "numpy.ndarray";
        default: return t->str();
    }
}

// one parameter of a NumPy function: its name, and whether it may be omitted (then None)
struct NumpyParam {
    const char* name;
    bool optional;
};

class Solver {
public:
    Solver(ir::Module& m, const BuiltinTable& table, Diagnostics& diags) : m_(m), table_(table), diags_(diags) {}

    void run() {
        for (ir::Function& f : m_.functions) {
            // an NDArray pattern is a check on what the program gives, not a type yet
            for (ir::Var& v : f.vars) v.type = v.declared && !v.declared->is_pattern() ? v.declared : Unknown;
            f.ret = f.declared_ret && !f.declared_ret->is_pattern() ? f.declared_ret : Unknown;
        }
        init_fields();  // classes.cpp
        // def __lt__(self, other): the other operand of a comparison dunder is, unless annotated or
        // passed otherwise, an instance of the class (sorted(), ==, a set's items compare two of them)
        for (ir::Function& f : m_.functions) {
            static const std::set<std::string> compare = {"__lt__", "__le__", "__gt__", "__ge__", "__eq__", "__ne__"};
            if (f.method_of < 0 || f.params.size() != 2 || !compare.count(f.pyname)) continue;
            ir::Var& other = f.vars[f.params[1]];
            if (other.from_calls && other.type == Unknown) other.type = m_.classes[f.method_of].type;
        }
        size_t limit = 8;
        for (const ir::Function& f : m_.functions) limit += 4 * (f.vars.size() + 1);
        for (const ir::Class& c : m_.classes) limit += 4 * c.fields.size();
        for (size_t round = 0; round < limit; ++round) {
            changed_ = false;
            for (ir::Function& f : m_.functions)
                if (f.compiled()) function(f);  // a generator function is inlined where iterated
            limit += make_versions();  // specialize.cpp: the versions of generic helpers the round asked for
            if (!changed_) break;
        }
        mark_unused_versions();
        drop_uncalled_methods();  // specialize.cpp
        report_ = true;
        // versions of generic helpers first, the last made first (callees before their callers),
        // so that what a caller cannot type because of a version's errors follows from them
        std::vector<size_t> order;
        for (size_t i = m_.functions.size(); i-- > 0;)
            if (m_.functions[i].specializes >= 0) order.push_back(i);
        for (size_t i = 0; i < m_.functions.size(); ++i)
            if (m_.functions[i].specializes < 0) order.push_back(i);
        // a version asked for with arguments of unknown types (its caller's display holds an int and
        // a str) cannot type what follows from them: its unknowns are reported only where nothing
        // else was, so the caller's diagnostic is the one for that cause
        std::vector<ir::Function*> given_unknowns;
        for (size_t i : order) {
            ir::Function& f = m_.functions[i];
            if (!f.compiled() || another_version_failed(i)) continue;
            size_t errors_before = diags_.items().size();
            function(f);
            bool given_unknown = false;
            for (int p : f.params) given_unknown = given_unknown || (f.specializes >= 0 && !known(f.vars[p].type));
            if (diags_.items().size() == errors_before && !f.lower_errors) {
                if (given_unknown) given_unknowns.push_back(&f);
                else report_unknowns(f);
            }
            if (diags_.items().size() != errors_before) failed_versions(i);
        }
        if (!diags_.has_errors())
            for (ir::Function* f : given_unknowns) report_unknowns(*f);
        retire_templates();
        if (!diags_.has_errors()) check_function_escapes();  // specialize.cpp
        inherit_field_types();
        if (!diags_.has_errors()) check_overrides();
        if (!diags_.has_errors()) check_keys();
        for (ir::Function& f : m_.functions)  // functools.cache keeps results by the arguments (memo.hpp)
            if (f.compiled() && f.memo && !diags_.has_errors())
                for (int p : f.params)
                    if (known(f.vars[p].type) && !f.vars[p].type->is_hashable())
                        diags_.error(f.file, f.vars[p].loc, "unhashable type: '" + py_name(f.vars[p].type) + "': '" +
                                                                f.pyname + "' is cached (functools), by its arguments");
        if (!diags_.has_errors()) check_exported_returns();  // statements.cpp
        if (!diags_.has_errors())
            for (ir::Class& c : m_.classes)
                for (ir::Field& fd : c.fields)
                    if (!known(fd.type))
                        diags_.error(c.file, fd.loc, "cannot infer the type of the field '" + c.qualname + "." + fd.name +
                                                         "': annotate it in the class body (" + fd.name + ": int)");
    }

private:
    // ------------------------------------------------------------ helpers
    void error(Loc loc, const std::string& msg) {
        if (report_) diags_.error(f_->file, loc, msg);
    }

    // A variable as the user wrote it: a comprehension's x$3 is x; a temporary ($16) has no name.
    static std::string user_name(const ir::Var& v) { return v.name.substr(0, v.name.find('$')); }

    // Whether v's declaration is its type. A parameter declared None (a root's memo=None, typed by its
    // argument) starts as None and takes what it is assigned: `if memo is None: memo = {}` makes it a
    // dict[K, V] | None, whose items what is stored tells
    static bool declares(const ir::Var& v) { return v.declared && !(v.is_param && v.declared->is(TypeKind::None)); }

    // join(Unknown, T) = T; a conflict keeps the first type and is reported.
    void join_var(int v, const Type* t, Loc at) {
        ir::Var& var = f_->vars[v];
        const std::string name = user_name(var);
        if (!t || t == Unknown) return;
        if (var.declared && var.declared->is_pattern()) {  // x: NDArray[np.float64]: checked, then inferred
            if (!join(var.declared, t)) {
                error(at, "cannot assign a value of type " + quoted(t) + " to " +
                              (name.empty() ? std::string("a value") : "'" + name + "'") + ", declared " +
                              quoted(var.declared));
                return;
            }
        } else if (declares(var)) {
            if (!assignable(t, var.declared)) {
                std::string hint = var.declared->is(TypeKind::Float) && t->is(TypeKind::Int)
                                       ? " (write a float literal such as 0.0, or float(...))"
                                   : var.declared->is(TypeKind::Float) && t->is(TypeKind::Real)
                                       ? " (it is an int or a float by the values: float(...) makes it a float)"
                                       : "";
                error(at, "cannot assign a value of type " + quoted(t) + " to " +
                              (name.empty() ? std::string("a value") : "'" + name + "'") + ", declared " +
                              quoted(var.declared) + hint);
            }
            return;
        }
        const Type* joined = join_value(var.type, t);
        if (joined && joined != var.type) {
            if (var.type == Unknown) var.loc = at;
            var.type = joined;
            changed_ = true;
        } else if (!joined) {
            if (name.empty())  // a value pyrite holds for the program (an unpacked item, a branch's result)
                error(at, "this is a value of type " + quoted(t) + " here but of type " + quoted(var.type) +
                              " at line " + std::to_string(var.loc.line) +
                              ": pyrite gives each value one type; convert explicitly");
            else
                error(at, "'" + name + "' is assigned a value of type " + quoted(t) + " here but " +
                              quoted(var.type) + " at line " + std::to_string(var.loc.line) +
                              ": pyrite gives each variable one type; annotate it or convert explicitly");
        }
    }

    void join_return(const Type* t, Loc at, bool falls_off = false) {
        if (!t || t == Unknown) return;
        const Type* want = f_->declared_ret ? f_->declared_ret : f_->ret;
        if (falls_off && want && want->is(TypeKind::Optional)) return;  // the None it returns is allowed
        if (falls_off && ((f_->declared_ret && f_->declared_ret != t && !f_->declared_ret->is_pattern()) ||
                          (f_->declared_ret && f_->declared_ret->is_pattern() && !join(f_->declared_ret, t)) ||
                          (!f_->declared_ret && known(f_->ret) && f_->ret != t))) {
            error(at, "'" + f_->pyname + "' can reach the end of its body, returning None, but returns " +
                          quoted(f_->declared_ret ? f_->declared_ret : f_->ret) + " elsewhere: add a return");
            return;
        }
        if (f_->declared_ret && f_->declared_ret->is_pattern() && !join(f_->declared_ret, t)) {
            error(at, "'" + f_->pyname + "' is annotated to return " + quoted(f_->declared_ret) +
                          " but returns a value of type " + quoted(t));
            return;
        }
        if (f_->declared_ret && !f_->declared_ret->is_pattern()) {
            if (!assignable(t, f_->declared_ret)) {
                std::string hint = f_->declared_ret->is(TypeKind::Float) && t->is(TypeKind::Int)
                                       ? " (write a float literal such as 0.0, or float(...))"
                                   : f_->declared_ret->is(TypeKind::Float) && t->is(TypeKind::Real)
                                       ? " (it is an int or a float by the values: float(...) makes it a float, "
                                         "or annotate -> int | float)"
                                       : "";
                error(at, "'" + f_->pyname + "' is annotated to return " + quoted(f_->declared_ret) +
                              " but returns a value of type " + quoted(t) + hint);
            }
            return;
        }
        const Type* joined = join_value(f_->ret, t);
        if (!joined && widen_items(f_->ret, t) == t) joined = t;  // a container widened since (widen_items)
        if (joined && joined != f_->ret) {
            if (f_->ret == Unknown) ret_loc_ = at;
            f_->ret = joined;
            changed_ = true;
        } else if (!joined) {
            error(at, "'" + f_->pyname + "' returns a value of type " + quoted(t) + " here but " + quoted(f_->ret) +
                          (ret_loc_.line ? " at line " + std::to_string(ret_loc_.line) : std::string()) +
                          ": annotate the return type or make every return agree");
        }
    }

    void report_unknowns(ir::Function& f) {
        if (follows_refused_.count(&f)) return;  // it called a function the frontend refused
        std::set<int> used;  // a name only a match case that cannot match binds is bound nowhere now
        ir::for_each_stmt_deep(f.body, [&](ir::Stmt& s) { used.insert(s.var); });
        ir::for_each_node(f.body, [&](Expr& e) { used.insert(e.var); });
        for (size_t k = 0; k < f.vars.size(); ++k)
            if (!known(f.vars[k].type) && !f.vars[k].is_param && !used.count(static_cast<int>(k))) f.vars[k].type = Type::none();
        for (ir::Var& v : f.vars) {
            if (known(v.type) || v.temporary()) continue;
            std::string name = user_name(v);
            if (v.type && v.type->is(TypeKind::List))
                diags_.error(f.file, v.loc, "cannot infer the element type of the list '" + name +
                                                "': annotate it, for example '" + name + ": list[int] = []'");
            else
                diags_.error(f.file, v.loc, "cannot infer a type for '" + name + "': annotate it");
        }
        if (!known(f.ret))
            diags_.error(f.file, f.loc,
                         "cannot infer the return type of '" + f.pyname + "' (every path returns its own result?): "
                         "annotate it with '-> T'");
        // an expression whose type nothing tells (an empty display used on its own): the first one
        const Expr* unknown = nullptr;
        std::function<void(const Expr&)> find = [&](const Expr& e) {
            if (unknown) return;
            if (e.kind != ExprKind::Error && !known(e.type)) unknown = &e;
            for (const ir::ExprP& a : e.args) find(*a);
            if (e.body)
                for (const ir::StmtP& s : *e.body) ir::for_each_expr(*s, find);
        };
        for (const ir::StmtP& s : f.body) ir::for_each_expr(*s, find);
        if (unknown && diags_.items().empty())
            diags_.error(f.file, unknown->loc, "cannot infer the type of this " +
                                                   std::string(unknown->type ? quoted(unknown->type) + " " : "") +
                                                   "value: nothing tells its items' type; annotate a variable with it, "
                                                   "for example 'xs: list[int] = []'");
    }

    // ------------------------------------------------------------ functions
    void function(ir::Function& f) {
        f_ = &f;
        ret_loc_ = Loc{};
        for (size_t i = 0; i < f.params.size(); ++i) {
            if (!f.defaults[i]) continue;
            const Type* t = type_expr(*f.defaults[i]);
            const Type* p = f.vars[f.params[i]].declared;
            if (p && !p->is_pattern()) refine(*f.defaults[i], p);  // field(default_factory=list): a list[str]
            // def f(n, memo={}): the one dict takes what the body stores into the parameter; a
            // dataclass's field(default_factory=dict) of a bare `dict` field, the field's type
            const Expr& d = *f.defaults[i];
            bool empty = d.args.empty() && (d.kind == ExprKind::List || d.kind == ExprKind::DictDisplay || d.kind == ExprKind::SetDisplay);
            if (!p && (d.persistent || empty) && known(f.vars[f.params[i]].type)) refine(*f.defaults[i], f.vars[f.params[i]].type);
            t = f.defaults[i]->type;
            // an empty display's items are learned where it goes (the field a dataclass's __init__ stores it in)
            if ((known(t) || (empty && t && t != Unknown)) && f.vars[f.params[i]].from_calls) join_param(f, i, t, f.defaults[i]->loc);
            if (known(t) && p && (p->is_pattern() ? !join(p, t) : conversion_cost(t, p) < 0))
                error(f.defaults[i]->loc, "default value of type " + quoted(t) + " for parameter '" +
                                              f.vars[f.params[i]].name + "' of type " + quoted(p));
        }
        bool falls_off = block(f.body);
        // an abstract method's stub (def area(self): ...) returns what its overrides return, as one that raises
        const Type* off = f.abstract_stub && f.method_of >= 0 ? overrides_return(f) : Type::none();
        if (falls_off && !f.coroutine) join_return(off, f.body.empty() ? f.loc : f.body.back()->loc, true);
        if (falls_off && f.coroutine) join_gen_return(Type::none(), nullptr, f.body.empty() ? f.loc : f.body.back()->loc, true);
        if (!falls_off && !f.coroutine && !f.declared_ret) {
            // every path raises (def fail(v): raise ValueError(...)): a call returns nothing, so its result
            // takes no part in a join (CallEach); alone, it is None, as if it fell off
            bool returns = false;
            ir::for_each_stmt(f.body, [&](const ir::Stmt& st) { returns = returns || st.kind == ir::StmtKind::Return; });
            f.never_returns = !returns;
            // a method that only raises (def area(self): raise NotImplementedError) returns what its
            // overrides return: a call through the base runs one of them
            if (f.never_returns) join_return(f.method_of >= 0 ? overrides_return(f) : Type::none(), f.loc);
        }
    }

    // Types a block; returns whether control can reach its end.
    // whether control reaches the block's end; what is not None there, in *narrowed_at_end
    bool block(ir::Block& b, std::set<int>* narrowed_at_end = nullptr) {
        std::set<int> saved = narrowed_;
        bool reachable = true;
        for (ir::StmtP& s : b)
            if (!stmt(*s)) reachable = false;
        if (narrowed_at_end) *narrowed_at_end = narrowed_;
        narrowed_ = saved;
        return reachable;
    }

    // ------------------------------------------------------------ T | None
    // Narrowing, as mypy does it: in `if x is not None:` (or `if x:`,
    // `isinstance(x, int)`, `x is not None and ...`, the rest of a block after
    // `if x is None: return`) a variable of type T | None reads as T. Codegen
    // still checks each such read, so a narrowing this analysis gets wrong can
    // raise, never misbehave.
    // A field through variables (node.next) narrows too: a "path"; and an `object` isinstance()
    // tests (typeinfer/narrowing.cpp, where all of this is).
    int path(const Expr& e);
    // isinstance(v, C) of a variable v holding an `object`: the type v is read as where it is true
    // (a typed path: narrowed_ holds it while it holds, path_base_ names v, narrowed_type_ the type)
    const Type* boxed_narrowing(const Expr& isinstance_call);
    int typed_path(int var, const Type* t);
    const Type* narrowed_as(int var);
    void forget_paths(int var);
    void narrowings(Expr& c, bool truth, std::vector<int>& out);  // what `c` being `truth` narrows
    void narrow(Expr& cond, bool truth);

    // Returns whether control can continue after the statement (statements.cpp).
    bool stmt(Stmt& s);
    void forget_assigned_in(Stmt& loop);
    bool try_stmt(Stmt& s);
    void raise_stmt(Stmt& s);
    const Type* handler_type(const Stmt& handler);
    bool exc_arg_ok(Expr& arg, const std::string& what);
    void exception_args(Expr& made);  // New of an exception class: its args (classes.cpp's new_object)
    const Type* exc_init(Expr& e);    // super().__init__(...) of an exception class
    void check_exported_returns();
    void join_yield(Expr& value, Loc at);
    bool join_yield_type(const Type* t, Loc at);
    void join_gen_return(const Type* t, Expr* value, Loc at, bool falls_off = false);
    bool yield_stmt(Stmt& s);
    const Type* with_gen_part(int k, const Type* t);

    // ------------------------------------------------------------ expressions
    // An expression used only for its truth value: `and`/`or` operands may then
    // have different types.
    const Type* type_test(Expr& e) {
        if (e.kind == ExprKind::BoolOp) {
            e.in_test = true;
            bool all_known = true;
            bool is_and = e.op == static_cast<int>(ir::BoolOpKind::And);
            std::set<int> saved = narrowed_;
            for (size_t i = 0; i < e.args.size(); ++i) {
                ir::ExprP& a = e.args[i];
                all_known &= known(type_test(*a));
                narrow(*a, is_and);  // `x is not None and x > 0`: the later operands see x narrowed
                if (is_and && static_false(*a) && i + 1 < e.args.size()) {
                    // `isinstance(p, list) and len(p) == 2 and p[1] == 0` where p is a str: the
                    // operands after one statically false never run, nor are they typed
                    e.args.resize(i + 1);
                    changed_ = true;
                }
            }
            narrowed_ = saved;
            if (e.args.size() == 1) {  // what is left of it: its first operand
                ir::ExprP only = std::move(e.args[0]);
                e = std::move(*only);
                return e.type;
            }
            e.type = all_known ? Type::bool_() : Unknown;
            return e.type;
        }
        const Type* t = type_expr(e);
        if (known(t) && t->is(TypeKind::Tuple)) {
            // a tuple's truth is its length: known statically, but almost surely a mistake
            error(e.loc, "a tuple used as a condition is always " + std::string(t->elems.empty() ? "false" : "true"));
        }
        return t;
    }

    const Type* type_expr(Expr& e) {
        e.type = rule(e);
        return e.type;
    }

    const Type* rule(Expr& e) {
        switch (e.kind) {
            case ExprKind::IntConst: return Type::int_();
            case ExprKind::FloatConst: return Type::float_();
            case ExprKind::ComplexConst: return Type::complex_();
            case ExprKind::BoolConst: return Type::bool_();
            case ExprKind::NoneConst: return Type::none();
            case ExprKind::StrConst: return Type::str_();
            case ExprKind::BytesConst: return Type::bytes_();
            case ExprKind::DictDisplay: return dict_display(e);
            case ExprKind::SetDisplay: return set_display(e);
            case ExprKind::Var: {
                const Type* t = f_->vars[e.var].type;
                if (t && t->is(TypeKind::Boxed)) {  // an `object` isinstance() narrowed: what it holds there
                    const Type* n = narrowed_as(e.var);
                    e.unwrap = n != nullptr;
                    return n ? n : t;
                }
                e.unwrap = t && t->is(TypeKind::Optional) && narrowed_.count(e.var);
                return e.unwrap ? t->elem() : t;
            }
            case ExprKind::Binary: return binary(e);
            case ExprKind::Unary: return unary(e);
            case ExprKind::Compare: return compare(e);
            case ExprKind::BoolOp: return boolop(e);
            case ExprKind::IfExp: return if_exp(e);  // operators.cpp
            case ExprKind::CallFunc: return call_func(e);
            case ExprKind::FuncRef: return function_value(e);  // specialize.cpp
            case ExprKind::CallValue: return call_value(e);
            case ExprKind::CallEach: return call_each(e);  // specialize.cpp
            case ExprKind::FuncAlt: {
                const Type* f = type_expr(*e.args[0]);
                return known(f) && f->is(TypeKind::Functions) ? f->elems[e.index] : Unknown;
            }
            case ExprKind::FuncCapture: {  // a container it captured may still be learning its items
                const Type* f = type_expr(*e.args[0]);
                return f && f->is(TypeKind::Function) ? f->elems[e.index] : Unknown;
            }
            case ExprKind::CallBuiltin: return call_builtin(e);
            case ExprKind::MinMax: return minmax(e);
            case ExprKind::Tuple: {
                std::vector<const Type*> elems;
                bool ok = true;
                for (ir::ExprP& a : e.args) {
                    elems.push_back(type_expr(*a));
                    ok &= known(elems.back());
                }
                if (e.callee >= 0) return named_tuple_made(e, elems);  // a NamedTuple (classes.cpp)
                return ok ? Type::tuple(elems) : Unknown;
            }
            case ExprKind::TupleGet: return tuple_get(e);
            case ExprKind::List: return list_display(e);
            case ExprKind::Subscript: return subscript(e);
            case ExprKind::Slice: return slice(e);
            case ExprKind::IndexParts:
            case ExprKind::SlicePart:  // typed by array_index (arrays.cpp); anywhere else:
                error(e.loc, "slices among several indexes (a[i, 1:-1]) are supported on NumPy arrays only");
                return Unknown;
            case ExprKind::Method: return method(e);
            case ExprKind::Intrinsic: return intrinsic(e);
            case ExprKind::Block:
                block(*e.body);
                return f_->vars[e.var].type;
            case ExprKind::Lambda: return type_expr(*e.args[0]);  // its parameter is typed by the consumer
            case ExprKind::Attr: return attr(e);
            case ExprKind::New: return new_object(e);
            case ExprKind::Global: return m_.globals[static_cast<size_t>(e.index)].type;  // its annotation's
            case ExprKind::Error: return Unknown;
        }
        return Unknown;
    }

    const Type* binary(Expr& e);
    const Type* if_exp(Expr& e);

    const Type* unary(Expr& e) {
        auto op = static_cast<ir::UnOp>(e.op);
        if (op == ir::UnOp::Not) {
            const Type* t = type_test(*e.args[0]);
            return known(t) ? Type::bool_() : Unknown;
        }
        type_expr(*e.args[0]);
        const Type* a = as_value(*e.args[0]);  // -d of an IntEnum's member: of its value
        if (!known(a)) return Unknown;
        if (a->is(TypeKind::Object) || named_dunder(a, std::string("__") + ir::name(op) + "__"))
            return object_unary(e, a);  // -v: v.__neg__() (classes.cpp)
        if (a->is(TypeKind::Array) || a->is(TypeKind::Scalar)) return numpy_unary(e, a);  // arrays.cpp
        if (a->is(TypeKind::Complex) && op != ir::UnOp::Invert) return a;
        if (a->is_counter() && op != ir::UnOp::Invert) return a;  // +c, -c: counter.hpp's counter_pos/neg
        if (a->is(TypeKind::Real) && op != ir::UnOp::Invert) return a;  // -x of an int | float
        if (!a->is_numeric() || (op == ir::UnOp::Invert && a->is(TypeKind::Float))) {
            error(e.loc, std::string("bad operand type for unary ") + ir::symbol(op) + ": '" + py_name(a) + "'");
            return Unknown;
        }
        return a->is(TypeKind::Bool) ? Type::int_() : a;
    }

    const Type* compare(Expr& e);  // operators.cpp

    const Type* boolop(Expr& e);

    // len(t) > j (==, >=) where t is a fixed tuple: 1 or 0; -1 for any other test (statements.cpp)
    static int static_length_test(const Expr& test);
    // a test false whatever runs once typed: isinstance() of a value whose type is never the class,
    // len(t) == j of a fixed tuple of another length (a match statement's: frontend/lower_match.cpp)
    static bool static_false(const Expr& e);
    // a test true whatever runs: isinstance() of a value of the class's type, len(t) == j of a fixed
    // tuple of that length, a match statement's capture (block { %x = ...; %t = True })
    static bool static_true(const Expr& e);

    const Type* minmax(Expr& e) {
        const Type* result = nullptr;
        const char* fname = e.is_max ? "max" : "min";
        bool same = true;  // max(a, b) of strs, tuples, instances: max([a, b]), which compares them as CPython's min_max
        for (ir::ExprP& a : e.args) {
            const Type* t = type_expr(*a);
            if (!known(t)) return Unknown;
            same = same && t == e.args[0]->type &&
                   (t->is(TypeKind::Str) || t->is(TypeKind::Bytes) || t->is(TypeKind::Tuple) || t->is(TypeKind::TupleOf) ||
                    t->is(TypeKind::List) || (t->is(TypeKind::Object) && !t->enum_mixin()));
        }
        if (same && !e.args.empty()) {
            auto values = std::make_unique<Expr>(ExprKind::List, e.loc);
            values->args = std::move(e.args);
            e.args.clear();
            e.args.push_back(std::move(values));
            e.kind = ExprKind::Intrinsic;
            e.operation = e.is_max ? Op::MaxOf : Op::MinOf;
            return intrinsic(e);
        }
        for (ir::ExprP& a : e.args) {
            const Type* t = a->type;
            if (!t->is_real_number() && !(t->is(TypeKind::Scalar) && !is_complex_dtype(t->dtype)) && !t->enum_mixin()) {
                error(a->loc, std::string(fname) + "() of " + quoted(t) + " values is not supported yet");
                return Unknown;
            }
            if (result && result != t && !result->is(TypeKind::Bool) && !t->is(TypeKind::Bool) && join_value(result, t)) {
                result = join_value(result, t);  // max(0, x) of a float x: the int or the float, by the values
                continue;
            }
            if (result && result != t) {
                error(e.loc, std::string(fname) + "() of " + quoted(result) + " and " + quoted(t) +
                                 " returns either type in Python, depending on the values: convert the arguments "
                                 "to one type (for example float(...))");
                return Unknown;
            }
            result = t;
        }
        return result;
    }

    // a, b = t: item `index` of the tuple the unpacking expects `unpack_count` items of
    const Type* tuple_get(Expr& e) {
        const Type* t = type_expr(*e.args[0]);
        if (!known(t)) return Unknown;
        // a sequence unpacks item by item, its length checked when it runs (unpack_item)
        if (is_list(t) || is_tuple_of(t)) return t->elem();
        if (is_str(t)) return t;
        if (is_byteslike(t)) return Type::int_();
        if (is_array(t)) return t->ndim == 1 ? t->elem() : Type::array(t->elem(), t->ndim - 1);
        if (!t->is(TypeKind::Tuple)) {
            if (e.index == 0)  // one diagnostic per unpacking
                error(e.loc, "cannot unpack non-iterable " + py_name(t) + " object");
            return Unknown;
        }
        int64_t n = static_cast<int64_t>(t->elems.size());
        if (e.unpack_count != n) {
            if (e.index == 0)  // report once per unpacking
                error(e.loc, e.unpack_count > n ? "not enough values to unpack (expected " + std::to_string(e.unpack_count) +
                                                      ", got " + std::to_string(n) + ")"
                                                : "too many values to unpack (expected " + std::to_string(e.unpack_count) + ")");
            return Unknown;
        }
        return t->elems[e.index];
    }

    // calls.cpp
    // Binds positional then keyword arguments to parameter names; reports
    // CPython's TypeError messages at compile time.
    bool bind_args(Expr& e, const std::string& fname, const ir::Function& callee, size_t skip,
                   std::vector<int>& slot_of_param);
    const Type* call_func(Expr& e);
    const Type* call_params(Expr& e, ir::Function& callee, size_t skip, std::vector<const Type*> ts = {});
    // specialize.cpp
    const Type* call_generic(Expr& e, int generic);
    const Type* function_value(Expr& e);
    const Type* call_value(Expr& e);
    const Type* call_each(Expr& e);
    const Type* unreturnable_function(const Type* t);  // statements.cpp
    ir::ExprP call_of_function(ir::ExprP value, const Type* f, std::vector<ir::ExprP> args,
                               const std::vector<std::string>& kwnames, Loc at);
    void settle_calls_of_values(ir::Function& f);
    void pack_vararg(Expr& call, const ir::Function& callee, size_t skip = 0);
    const Type* call_python(Expr& e, const Type* f);
    size_t make_versions();
    void mark_unused_versions();
    void drop_uncalled_methods();
    void failed_versions(size_t index);
    bool another_version_failed(size_t index);
    std::set<int> failed_generics_;  // helpers a version of which was reported
    // the classes whose instances compiled code makes (a New of them somewhere): the frontend's
    // News, computed once (iterables.cpp's class_printable)
    const std::set<int>& made_classes();
    std::optional<std::set<int>> made_classes_;
    void retire_templates();
    void check_function_escapes();
    void value_version(const Expr& e, const std::vector<const Type*>& captures);
    bool only_python_calls(const ir::Function& f) const;
    struct Version {
        int generic;
        std::vector<const Type*> types;
        std::string file;  // the first call that asked for it
        Loc call;
    };
    std::map<std::pair<int, std::vector<const Type*>>, int> versions_;  // (generic, types) -> its version
    std::vector<Version> pending_;      // asked for by this round's calls
    std::map<int, Version> made_;       // a version's function index -> what made it
    // classes.cpp
    ir::Field* field_of(const Expr& attr) const;
    ir::Field* typed_field(int cls, int i) const;
    void inherit_field_types();
    void join_field(const Expr& attr, const Type* t, Loc at);
    void learn_into(const Expr& receiver, const Type* t, Loc at);  // containers.cpp
    const Type* attr(Expr& e);
    void attr_store(Stmt& s);
    const Type* new_object(Expr& e);
    const Type* object_method(Expr& e, const Type* t);
    // a member of an IntEnum, StrEnum or an Enum mixed with int or str, where Python uses it as its
    // value (D.N + 1, xs[d], d < 2, c.upper()): e becomes e.value, of the value's type (classes.cpp)
    const Type* as_value(Expr& e);
    void values_compared(Expr& e, std::vector<const Type*>& ts);
    bool named_dunder(const Type* t, const std::string& dunder) const;  // a NamedTuple's class defines it
    const Type* named_tuple_made(Expr& e, const std::vector<const Type*>& items);
    const Type* refused(Expr& e);
    const Type* named_tuple_method(Expr& e, const Type* t);
    const Type* object_operator(Expr& e, const std::string& dunder, const std::string& reflected);
    void check_overrides();
    void join_param(ir::Function& callee, size_t k, const Type* t, Loc at);  // calls.cpp
    const Type* overrides_return(const ir::Function& f) const;              // classes.cpp
    bool made_empty(int var) const;                                          // containers.cpp
    void init_fields();
    void check_keys();
    const Type* object_compare(Expr& e, const std::vector<const Type*>& ts);
    const Type* negated(Expr& e, CmpOp positive);
    const Type* object_unary(Expr& e, const Type* a);
    const Type* object_protocol(Expr& e, const char* dunder, const char* what);
    const Type* iterated(Expr& it, bool by_list = false);  // classes.cpp: obj iterated is obj.__iter__()
    void item_store(Stmt& s);
    const Type* object_binary(Expr& e, const Type* a, const Type* b);
    // an instance of a class the frontend refused (a metaclass): its uses say nothing more
    bool refused(const Type* t) const {
        if (t && t->is(TypeKind::Optional)) t = t->elem();
        return t && t->is(TypeKind::Object) && t->cls >= 0 && m_.classes[t->cls].refused;
    }
    // A PYRITE_BUILTIN call: `name` is its table name (a str method s.upper() is "str.upper",
    // called with the string first; the normalize pass makes it a CallBuiltin).
    const Type* call_builtin(Expr& e) { return call_builtin(e, e.name); }
    const Type* call_builtin(Expr& e, const std::string& name);

    // containers.cpp
    void refine(Expr& e, const Type* want);
    // a container made here whose int or float items may become int | float (widen_items)
    bool fresh(const Expr& e, const ir::Function* in = nullptr) const;  // in: e's function (else f_)
    bool widenable(int var) const;
    bool every_assignment(int var, const std::function<bool(const Expr&)>& made) const;
    bool widenable_field(int cls, const std::string& name) const;
    void refine_items(Expr& e, const Type* want);
    const Type* iter_elem(Expr& iterable);
    void store(Stmt& s);
    void del(Stmt& s);
    const Type* list_display(Expr& e);
    const Type* subscript(Expr& e);
    const Type* slice(Expr& e);
    const Type* method(Expr& e);
    const Type* intrinsic(Expr& e);
    const Type* container_binary(Expr& e, const Type* a, const Type* b);
    const Type* percent_format(Expr& e, const Type* b);
    const Type* set_display(Expr& e);
    const Type* display_elem(Expr& e, const char* what, bool hashable);
    const Type* dict_display(Expr& e);
    bool key_ok(Expr& key, const Type* want, const Type* container);
    bool learns(const Expr& receiver) const;
    const Type* array_index(Expr& e, const Type* t);
    // arrays.cpp
    static bool is_number(const Type* t);
    const Type* numpy_binary(Expr& e, const Type* a, const Type* b);
    const Type* numpy_unary(Expr& e, const Type* a);
    const Type* numpy_compare(Expr& e, const std::vector<const Type*>& ts);
    const Type* numpy_call(Expr& e);
    const Type* numpy_function(Expr& e);  // numpy_functions.cpp: the rules numpy_call passes on
    const Type* by_numpy(Expr& e);        // numpy_own.cpp: what NumPy computes itself (ops.def's ByNumPy)
    const Type* numpy_small(Expr& e);     // numpy_small.cpp: flatnonzero, digitize, nan_to_num, fill_diagonal, pad
    // a NumPy call's arguments placed in NumPy's order (numpy_args.hpp's normalize; an error
    // where they do not fit), and their types in order
    bool numpy_args(Expr& e, const std::vector<NumpyParam>& params);
    // numpy_args, then every argument's type into *ts: false while one is unknown (or refused)
    bool typed_numpy_args(Expr& e, const std::vector<NumpyParam>& params, std::vector<const Type*>* ts);
    std::vector<const Type*> arg_types(Expr& e);
    const Type* array_method(Expr& e, const Type* t);
    std::set<const ir::Function*> follows_refused_;  // functions that call one the frontend refused
    const Type* array_attr(Expr& e, const Type* t);
    void array_store(Stmt& s, const Type* c, const Type* v);
    bool array_assign_ok(Expr& value, const Type* v, const Type* view);
    bool orderable(const Type* t) const;
    bool refused_class_in(const Type* t) const;
    std::string unordered(const Type* t, const std::string& what) const;
    const Type* key_function(Expr& lambda, const Type* item);
    const Type* iterable_elem(const Type* t, Loc at);
    // does no item of t hash by its memory address (hash(), and the order a set iterates in)?
    bool hashes_by_value(const Type* t) const;
    const Expr* global_reached(const ir::Function& f);  // statements.cpp
    int global_user_ = -1;
    // a set whose order pyrite cannot reproduce (its items hash by address): a diagnostic at `at`
    bool set_order_unknown(const Type* t, Loc at, const std::string& what);
    // itertools.cpp
    const Type* source_elem(Expr& src);
    const Type* callback(Expr& lambda, const Type* arg);
    bool int_argument(Expr* a, const std::string& what, bool none_ok);
    const Type* itertools_elem(Expr& it);
    void check_groups(Stmt& loop);
    const Type* dict_method(Expr& e, const Type* t, const std::vector<const Type*>& ts,
                            const std::function<bool(size_t, size_t)>& arity, const std::function<bool()>& no_keywords);
    const Type* set_method(Expr& e, const Type* t, const std::vector<const Type*>& ts,
                           const std::function<bool(size_t, size_t)>& arity, const std::function<bool()>& no_keywords);
    bool contains_ok(Expr& e, const Type* item, const Type* container);
    bool check_index(Expr& index, const char* what);
    bool elem_ok(Expr& value, const Type* elem, const std::string& what, const Type* container = nullptr);

    ir::Module& m_;
    const BuiltinTable& table_;
    Diagnostics& diags_;
    ir::Function* f_ = nullptr;
    Loc ret_loc_;
    bool changed_ = false;
    bool report_ = false;
    std::set<int> narrowed_;  // variables (and paths, below 0) of type T | None that read as T here
    static constexpr int kNoPath = -1;
    std::map<std::string, int> paths_;  // "var.field.field" -> its number
    std::map<int, int> path_base_;      // a path's number -> its variable
    std::map<int, const Type*> narrowed_type_;  // a typed path's number -> the type isinstance() narrowed to
};

}  // namespace pyrite::typeinfer::detail
