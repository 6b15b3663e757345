// The IR verifier (verify.hpp): one walk over each function that checks, per
// node kind, the shape ir.hpp documents, the indexes into Function::vars and
// Module::functions, loop nesting of break/continue, the types once typed, and
// the decisions of the optimization passes (fusion marks, versioned copies,
// premarked lists).
#include "verify.hpp"

#include <functional>
#include <set>

namespace pyrite::ir {

namespace {

class Verifier {
public:
    Verifier(const Module& m, VerifyStage stage, std::vector<std::string>& out) : m_(m), stage_(stage), out_(out) {}

    void function(const Function& f) {
        f_ = &f;
        for (int p : f.params)
            if (!valid_var(p)) problem(f.loc, "parameter index " + std::to_string(p) + " is not a variable");
        if (f.defaults.size() != f.params.size()) problem(f.loc, "one default slot per parameter expected");
        if (stage_.typed) {
            for (const Var& v : f.vars)
                if (!v.type || !v.type->is_known()) problem(v.loc, "variable %" + v.name + " has no known type");
            if (!f.ret || !f.ret->is_known()) problem(f.loc, "the return type is not known");
        }
        std::vector<int> loops;
        block(f.body, loops, false, {});
    }

private:
    void problem(Loc at, const std::string& what) {
        out_.push_back(f_->qualname + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": " + what);
    }
    bool valid_var(int v) const { return v >= 0 && v < static_cast<int>(f_->vars.size()); }
    // v[k], k a constant an enclosing `if len(v) > c` covers
    bool length_tested(const Expr& e) const {
        if (e.args[0]->kind != ExprKind::Var || e.args[1]->kind != ExprKind::IntConst || e.args[1]->ival < 0) return false;
        for (const auto& [v, c] : sized_)
            if (v == e.args[0]->var && e.args[1]->ival <= c) return true;
        return false;
    }
    std::vector<std::pair<int, std::int64_t>> sized_;  // the `if len(v) > c` around the statement checked

    // ctx: in a versioned loop's fast copy; premarked: the lists enclosing loops marked changed
    void block(const Block& b, std::vector<int>& loops, bool fast, const std::set<int>& premarked) {
        for (const StmtP& s : b) stmt(*s, loops, fast, premarked);
    }

    void need_value(const Stmt& s, const char* what) {
        if (!s.value) problem(s.loc, std::string(name(s.kind)) + " without " + what);
    }

    void stmt(const Stmt& s, std::vector<int>& loops, bool fast, const std::set<int>& premarked) {
        bool loop = s.kind == StmtKind::While || s.kind == StmtKind::ForRange || s.kind == StmtKind::ForEach;
        if (s.value) expr(*s.value, nullptr, fast);
        for (const ExprP& r : s.range) expr(*r, nullptr, fast);
        if (s.target) expr(*s.target, nullptr, fast);
        switch (s.kind) {
            case StmtKind::Assign:
                if (!valid_var(s.var)) problem(s.loc, "Assign to a variable index that is not one");
                need_value(s, "a value");
                break;
            case StmtKind::ExprStmt: need_value(s, "an expression"); break;
            case StmtKind::If:
            case StmtKind::While:
            case StmtKind::Assert: need_value(s, "a condition"); break;
            case StmtKind::ForRange:
                if (!valid_var(s.var)) problem(s.loc, "ForRange without a loop variable");
                if (s.range.size() < 2 || s.range.size() > 3) problem(s.loc, "ForRange needs start, stop and maybe step");
                break;
            case StmtKind::ForEach:
                if (!valid_var(s.var)) problem(s.loc, "ForEach without a loop variable");
                need_value(s, "an iterable");
                break;
            case StmtKind::Break:
            case StmtKind::Continue: {
                bool found = false;
                for (int id : loops) found = found || id == s.loop_id;
                if (!found) problem(s.loc, std::string(name(s.kind)) + " of loop " + std::to_string(s.loop_id) + " outside it");
                break;
            }
            case StmtKind::Store:
            case StmtKind::Del:
                if (!s.target || (s.target->kind != ExprKind::Subscript && s.target->kind != ExprKind::Slice &&
                                  ((s.target->kind != ExprKind::Attr && s.target->kind != ExprKind::Global) ||
                                   s.kind == StmtKind::Del)))
                    problem(s.loc, std::string(name(s.kind)) + " needs an item, a slice, a field or a global as its target");
                if (s.kind == StmtKind::Store) need_value(s, "a value");
                if (s.slice_from_self && (!s.target || s.target->kind != ExprKind::Slice || !s.value ||
                                          s.value->kind != ExprKind::Slice))
                    problem(s.loc, "a copy within a list that is not xs[a:b] = xs[c:d]");
                if (s.unmarked && (!s.target || s.target->kind != ExprKind::Subscript ||
                                   s.target->args.empty() || s.target->args[0]->kind != ExprKind::Var ||
                                   !premarked.count(s.target->args[0]->var)))
                    problem(s.loc, "an unmarked store into a list no enclosing loop premarked");
                break;
            case StmtKind::Return:
            case StmtKind::Raise: break;
            case StmtKind::Yield:
                need_value(s, "a value");
                if (!f_->coroutine) problem(s.loc, "a yield outside a coroutine function");
                break;
            case StmtKind::Try:
                for (const StmtP& h : s.handlers)
                    if (h->kind != StmtKind::Except) problem(h->loc, "a try's handler that is not an Except");
                if (s.handlers.empty() && s.finalbody.empty()) problem(s.loc, "a try with neither except nor finally");
                break;
            case StmtKind::Except:
                if (s.var >= 0 && !valid_var(s.var)) problem(s.loc, "Except binding a variable index that is not one");
                break;
        }
        if (s.kind != StmtKind::Try && (!s.handlers.empty() || !s.finalbody.empty()))
            problem(s.loc, std::string(name(s.kind)) + " holds a try's handlers or finally");
        if (!loop && (!s.premarked.empty() || !s.guards.empty() || !s.fast.empty() || s.checks_interrupt || s.chunked ||
                      s.unrolled))
            problem(s.loc, std::string(name(s.kind)) + " carries loop decisions (premarked, guards, fast)");
        if (s.guards.empty() != s.fast.empty()) problem(s.loc, "a versioned loop needs both guards and its fast copy");
        if (s.one_chunk && !s.chunked) problem(s.loc, "a plain path for one chunk of a loop not run in chunks");
        if (s.reserves >= 0 && (s.kind != StmtKind::ForRange || !valid_var(s.reserves) ||
                                !f_->vars[s.reserves].type || !f_->vars[s.reserves].type->is(TypeKind::List)))
            problem(s.loc, "only a range loop reserves, and only a list");
        for (const Guard& g : s.guards) {
            bool bounds = g.kind == Guard::Within || g.kind == Guard::NonnegWithin || g.kind == Guard::RangeWithin;
            if (g.kind != Guard::StepPositive && !bounds && !valid_var(g.array)) problem(s.loc, "a guard names no array");
            if ((g.kind == Guard::IndexInRange || g.kind == Guard::Within || g.kind == Guard::NonnegWithin) &&
                !valid_var(g.index))
                problem(s.loc, "a guard names no index");
            if (g.kind == Guard::SpanInRange && ((g.lo >= 0 && !valid_var(g.lo)) || (g.hi >= 0 && !valid_var(g.hi))))
                problem(s.loc, "a span guard names a variable that is not one");
            if (bounds && g.value <= 0) problem(s.loc, "a bounds guard without its bound");
            if (g.kind == Guard::StepPositive && s.range.size() != 3) problem(s.loc, "a step guard on a loop without a step");
        }
        std::set<int> inner = premarked;
        for (int v : s.premarked) {
            if (!valid_var(v) || (stage_.typed && !f_->vars[v].type->is(TypeKind::List)))
                problem(s.loc, "premarked variable is not a list");
            inner.insert(v);
        }
        if (loop) loops.push_back(s.loop_id);
        // `if len(v) > c:` (version-loops' split on a list's length): v[0]..v[c] unchecked in its body
        const Expr* t = s.kind == StmtKind::If ? s.value.get() : nullptr;
        bool sized = t && t->kind == ExprKind::Compare && t->cmps.size() == 1 && t->cmps[0] == CmpOp::Gt &&
                     t->args[0]->kind == ExprKind::Intrinsic && t->args[0]->operation == ops::Op::Len &&
                     t->args[0]->args.size() == 1 && t->args[0]->args[0]->kind == ExprKind::Var &&
                     t->args[1]->kind == ExprKind::IntConst;
        if (sized) sized_.push_back({t->args[0]->args[0]->var, t->args[1]->ival});
        block(s.body, loops, fast, inner);
        if (sized) sized_.pop_back();
        block(s.fast, loops, true, inner);
        if (loop) loops.pop_back();
        block(s.orelse, loops, fast, premarked);
        block(s.handlers, loops, fast, premarked);
        block(s.finalbody, loops, fast, premarked);
    }

    // expected operand counts: exactly n (n >= 0), or at least -n - 1
    void arity(const Expr& e, int n) {
        int have = static_cast<int>(e.args.size());
        if (n >= 0 && have != n)
            problem(e.loc, std::string(name(e.kind)) + " has " + std::to_string(have) + " operands, not " + std::to_string(n));
        if (n < 0 && have < -n - 1)
            problem(e.loc, std::string(name(e.kind)) + " has " + std::to_string(have) + " operands, fewer than " +
                               std::to_string(-n - 1));
    }

    void expr(const Expr& e, const Expr* parent, bool fast) {
        switch (e.kind) {
            case ExprKind::IntConst:
            case ExprKind::FloatConst:
            case ExprKind::ComplexConst:
            case ExprKind::BoolConst:
            case ExprKind::NoneConst:
            case ExprKind::StrConst:
            case ExprKind::BytesConst: arity(e, 0); break;
            case ExprKind::Var:
                arity(e, 0);
                if (!valid_var(e.var)) {
                    problem(e.loc, "Var reads variable index " + std::to_string(e.var) + ", which is not one");
                } else if (stage_.typed && e.type && f_->vars[e.var].type) {
                    const Type* vt = f_->vars[e.var].type;
                    const Type* want = e.unwrap && vt->is(TypeKind::Optional) ? vt->elem() : vt;
                    if (e.unwrap && vt->is(TypeKind::Boxed)) {  // an `object` isinstance() narrowed: what it holds
                        if (e.type->is(TypeKind::Boxed) || e.type->is(TypeKind::None) || e.type->is(TypeKind::Optional))
                            problem(e.loc, "an unboxed read of an object as " + e.type->str());
                    } else if (e.unwrap && !vt->is(TypeKind::Optional)) {
                        problem(e.loc, "an unwrapped read of a variable that is not T | None or an object");
                    } else if (without_alternatives(e.type) != without_alternatives(want))  // (what its objects hold: one C++ type)
                        problem(e.loc, "Var %" + f_->vars[e.var].name + " is typed " + e.type->str() + ", its variable " + want->str());
                }
                break;
            case ExprKind::Binary:
                arity(e, 2);
                if (e.op < 0 || e.op > static_cast<int>(BinOp::BitXor)) problem(e.loc, "Binary with an unknown operator");
                break;
            case ExprKind::Unary:
                arity(e, 1);
                if (e.op < 0 || e.op > static_cast<int>(UnOp::Invert)) problem(e.loc, "Unary with an unknown operator");
                break;
            case ExprKind::Compare:
                if (e.cmps.empty() || e.args.size() != e.cmps.size() + 1)
                    problem(e.loc, "Compare needs one more operand than comparisons");
                break;
            case ExprKind::BoolOp: arity(e, -3); break;
            case ExprKind::IfExp: arity(e, 3); break;
            case ExprKind::CallFunc:
                if (e.callee < 0 || e.callee >= static_cast<int>(m_.functions.size()))
                    problem(e.loc, "CallFunc of function index " + std::to_string(e.callee) + ", which is not one");
                break;
            case ExprKind::FuncRef:
                if (e.callee < 0 || e.callee >= static_cast<int>(m_.functions.size()))
                    problem(e.loc, "FuncRef of function index " + std::to_string(e.callee) + ", which is not one");
                break;
            case ExprKind::CallValue:
                arity(e, -2);
                if (stage_.typed && !e.args.empty() && e.args[0]->type && !e.args[0]->type->is(TypeKind::PyFunction))
                    problem(e.loc, "a CallValue typeinfer did not resolve");
                break;
            case ExprKind::CallEach:
                arity(e, -3);
                if (stage_.typed && !e.args.empty() && e.args[0]->type &&
                    (!e.args[0]->type->is(TypeKind::Functions) || e.args.size() != e.args[0]->type->elems.size() + 1))
                    problem(e.loc, "CallEach without one call per function its value may hold");
                break;
            case ExprKind::FuncAlt:
                arity(e, 1);
                if (stage_.typed && !e.args.empty() && e.args[0]->type &&
                    (!e.args[0]->type->is(TypeKind::Functions) || e.index < 0 ||
                     e.index >= static_cast<std::int64_t>(e.args[0]->type->elems.size())))
                    problem(e.loc, "FuncAlt of what is not one of a function value's functions");
                break;
            case ExprKind::FuncCapture:
                arity(e, 1);
                if (stage_.typed && !e.args.empty() && e.args[0]->type &&
                    (!e.args[0]->type->is(TypeKind::Function) || e.index < 0 ||
                     e.index >= static_cast<std::int64_t>(e.args[0]->type->elems.size())))
                    problem(e.loc, "FuncCapture of what is not a function value's capture");
                break;
            case ExprKind::CallBuiltin:
                if (e.name.empty()) problem(e.loc, "CallBuiltin without a name");
                if (stage_.typed && !e.overload) problem(e.loc, "CallBuiltin " + e.name + " has no overload");
                break;
            case ExprKind::MinMax: arity(e, -2); break;
            case ExprKind::TupleGet:
                arity(e, 1);
                if (stage_.typed && !e.args.empty() && e.args[0]->type && e.args[0]->type->is(TypeKind::Tuple) &&
                    (e.index < 0 || e.index >= static_cast<std::int64_t>(e.args[0]->type->elems.size())))
                    problem(e.loc, "TupleGet index out of its tuple");
                if (stage_.typed && !e.args.empty() && e.args[0]->type && !e.args[0]->type->is(TypeKind::Tuple) &&
                    e.unpack_count <= 0)
                    problem(e.loc, "TupleGet of a sequence that is not an unpacking");
                break;
            case ExprKind::Tuple:
            case ExprKind::List:
            case ExprKind::SetDisplay: break;
            case ExprKind::DictDisplay:
                if (e.args.size() % 2) problem(e.loc, "DictDisplay needs key, value pairs");
                break;
            case ExprKind::Subscript:
                arity(e, 2);
                // a constant position is a TupleGet after normalize; t[i] (items of one type) stays
                if (stage_.normalized && e.args.size() == 2 && e.args[0]->type && e.args[0]->type->is(TypeKind::Tuple) &&
                    ir::is_constant(*e.args[1]))
                    problem(e.loc, "an item of a tuple left for the normalize pass (TupleGet)");
                break;
            case ExprKind::Slice: arity(e, 4); break;
            case ExprKind::IndexParts:
                if (!parent || parent->kind != ExprKind::Subscript) problem(e.loc, "IndexParts outside a Subscript");
                break;
            case ExprKind::SlicePart:
                arity(e, 3);
                if (!parent || parent->kind != ExprKind::IndexParts) problem(e.loc, "SlicePart outside IndexParts");
                break;
            case ExprKind::Method:
                if (e.name.empty()) problem(e.loc, "Method without a name");
                arity(e, -2);
                if (stage_.typed && e.operation == ops::Op::None && !e.overload)
                    problem(e.loc, "Method ." + e.name + "() resolved to no operation");
                if (stage_.normalized && (e.overload || ops::info(e.operation).recv == ops::Recv::NumPy ||
                                          e.operation == ops::Op::StrFormat))
                    problem(e.loc, "Method ." + e.name + "() left for the normalize pass");
                break;
            case ExprKind::Intrinsic:
                if (e.operation == ops::Op::None) problem(e.loc, "Intrinsic without an operation");
                if (e.operation == ops::Op::IsInstance && e.classes.empty()) problem(e.loc, "isinstance() of no class");
                if (stage_.normalized && e.operation == ops::Op::AttrDtype) problem(e.loc, "a.dtype left for the normalize pass");
                break;
            case ExprKind::Attr:
                arity(e, 1);
                if (stage_.typed && !e.args.empty() && e.args[0]->type) {
                    const Type* t = e.args[0]->type;
                    if (t->is(TypeKind::Enum) && (e.name == "name" || e.name == "value")) break;  // a member's
                    if (!t->is(TypeKind::Object) || t->cls < 0 || t->cls >= static_cast<int>(m_.classes.size()) ||
                        e.index < 0 || e.index >= static_cast<std::int64_t>(m_.classes[t->cls].fields.size()))
                        problem(e.loc, "Attr ." + e.name + " is no field of its object");
                }
                break;
            case ExprKind::New:
                if (e.callee < 0 || e.callee >= static_cast<int>(m_.classes.size()))
                    problem(e.loc, "New of class index " + std::to_string(e.callee) + ", which is not one");
                break;
            case ExprKind::Lambda:
                arity(e, 1);
                if (!valid_var(e.var)) problem(e.loc, "Lambda without a parameter variable");
                break;
            case ExprKind::Block:
                if (!e.body) problem(e.loc, "Block without statements");
                if (!valid_var(e.var)) problem(e.loc, "Block without a result variable");
                break;
            case ExprKind::Global:
                arity(e, 0);
                if (e.index < 0 || e.index >= static_cast<std::int64_t>(m_.globals.size()))
                    problem(e.loc, "Global of index " + std::to_string(e.index) + ", which is not one");
                break;
            case ExprKind::Error:
                problem(e.loc, "an Error node outlived the diagnostics");
                break;
        }
        if (e.kwnames.size() > e.args.size()) problem(e.loc, "more keyword names than arguments");
        if (stage_.typed && (!e.type || !e.type->is_known()))
            problem(e.loc, std::string(name(e.kind)) + " has no known type");
        // the passes' decisions
        if (e.unchecked_axes && (e.kind != ExprKind::Subscript || (!fast && !length_tested(e))))
            problem(e.loc, "unchecked bounds outside a versioned loop's fast copy or a test of the list's length");
        if (e.iterate_words && e.kind != ExprKind::CallBuiltin) problem(e.loc, "only str.split() iterates by words");
        bool fused_parent = parent && parent->fusion != Fusion::None;
        if (e.fusion == Fusion::Inner && !fused_parent) problem(e.loc, "an Inner fused node outside a fused loop");
        if ((e.fusion == Fusion::Loop || e.fusion == Fusion::Sum) && (!e.type || !e.type->is(TypeKind::Array)) &&
            !(e.fusion == Fusion::Sum && e.type && e.type->is(TypeKind::Scalar)))  // a whole sum: a number
            problem(e.loc, "a fused loop that makes no array");
        if (e.fusion == Fusion::Sum && (e.args.empty() || e.args[0]->fusion != Fusion::Inner))
            problem(e.loc, "a fused sum whose operand is not fused");
        for (const ExprP& a : e.args) {
            if (!a) {
                problem(e.loc, std::string(name(e.kind)) + " has a missing operand");
                continue;
            }
            expr(*a, &e, fast);
        }
        if (e.body) {
            std::vector<int> loops;
            block(*e.body, loops, fast, {});
        }
    }

    const Module& m_;
    VerifyStage stage_;
    std::vector<std::string>& out_;
    const Function* f_ = nullptr;
};

}  // namespace

namespace {
// the first expression (pre-order) of the module that `pick` accepts
Expr* find(Block& b, const std::function<bool(Expr&)>& pick);
Expr* find(Expr& e, const std::function<bool(Expr&)>& pick) {
    if (pick(e)) return &e;
    for (ExprP& a : e.args)
        if (Expr* x = find(*a, pick)) return x;
    if (e.body)
        if (Expr* x = find(*e.body, pick)) return x;
    return nullptr;
}
Expr* find(Block& b, const std::function<bool(Expr&)>& pick) {
    for (StmtP& s : b) {
        for (ExprP* p : {&s->value, &s->target})
            if (*p)
                if (Expr* x = find(**p, pick)) return x;
        for (ExprP& r : s->range)
            if (Expr* x = find(*r, pick)) return x;
        for (Block* inner : {&s->body, &s->orelse, &s->fast, &s->handlers, &s->finalbody})
            if (Expr* x = find(*inner, pick)) return x;
    }
    return nullptr;
}
}  // namespace

void corrupt(Module& m, const std::string& what) {
    if (m.functions.empty()) return;
    Function& f = m.functions[0];
    auto first = [&](ExprKind k) { return find(f.body, [k](Expr& e) { return e.kind == k; }); };
    if (what == "untyped") {
        if (Expr* e = find(f.body, [](Expr&) { return true; })) e->type = nullptr;
    } else if (what == "bad-var") {
        if (Expr* e = first(ExprKind::Var)) e->var = static_cast<int>(f.vars.size()) + 5;
    } else if (what == "arity") {
        if (Expr* e = first(ExprKind::Binary)) e->args.pop_back();
    } else if (what == "stray-break") {
        auto b = std::make_unique<Stmt>(StmtKind::Break, f.loc);
        b->loop_id = 99;
        f.body.push_back(std::move(b));
    } else if (what == "stray-inner") {
        if (Expr* e = first(ExprKind::Binary)) e->fusion = Fusion::Inner;
    } else if (what == "unguarded") {
        if (Expr* e = first(ExprKind::Subscript)) e->unchecked_axes = 1;
    }
}

std::vector<std::string> verify(const Module& m, VerifyStage stage) {
    std::vector<std::string> out;
    for (const Function& f : m.functions)
        if (f.compiled() || !stage.typed) Verifier(m, stage, out).function(f);
    return out;
}

}  // namespace pyrite::ir
