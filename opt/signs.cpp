// signs: math.sqrt of a number that is never below 0 cannot raise (issue 17).
// (What is never below 0 and what tests only that are the builtins' declarations: PYRITE_NONNEGATIVE
// and PYRITE_SIGN_CHECKED in the runtime headers, core.hpp.)
//
// CPython's math.sqrt raises ValueError("math domain error") for an argument below 0, so
// pyrite's tests each one first. The test is a compare and a branch on the critical path of
// loops like a distance's `math.sqrt(dx * dx + dy * dy)`, which it slowed by 10% (Numba does not
// test: it returns NaN). Here an expression is never below 0 (it is >= 0, -0.0 or NaN, none of
// which the test rejects) when it is:
//   - a constant >= 0 (int, float, bool), -0.0, len(...), a PYRITE_NONNEGATIVE builtin's call
//     (abs, math.sqrt/fabs/exp/hypot), np.float64(x) of such an x;
//   - x * x of one local or of one item of a container (a[i] * a[i]); a product, sum, true or
//     floor quotient of two such; a % b where b is one (Python's remainder takes the divisor's
//     sign; b == 0 raises); a ** 2 (an even int constant), or a ** b where a is one; a
//     conditional both of whose values are;
//   - a local every binding of which is such an expression, or the variable of a range loop from
//     a constant >= 0 with a step > 0 (found together: each local is assumed never below 0 until
//     one of its bindings is not, then the others are looked at again). A parameter, a local
//     bound any other way (a for loop over items, an unpacking, an except clause) or one a
//     nested function rebinds is not.
// A PYRITE_SIGN_CHECKED builtin's call (math.sqrt) of such an argument is marked
// (Expr::no_overflow): codegen calls `<its C++ name>_unchecked`, and ir/effects.hpp knows it
// raises nothing.
#include <set>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::BinOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

// a Python int, float or bool, or a NumPy float (a NumPy int wraps: its x * x may be below 0)
bool is_number(const Type* t) {
    return t && (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) ||
                 (t->is(TypeKind::Scalar) && is_float_dtype(t->dtype)));
}

struct Signs {
    std::set<int> never_negative;  // the locals assumed (then proven) never below 0

    // a and b read the same value: one local, or one item of it (x[i] * x[i]: nothing runs
    // between the two reads; a field may be a property's, computed at each read)
    static bool same_value(const Expr& a, const Expr& b) {
        if (a.kind != b.kind || a.args.size() != b.args.size()) return false;
        switch (a.kind) {
            case ExprKind::Var: return a.var == b.var;
            case ExprKind::IntConst: return a.ival == b.ival;
            case ExprKind::Subscript: {  // of a container (a class's __getitem__ may answer anything)
                const Type* c = a.args[0]->type;
                if (!c || !(c->is(TypeKind::List) || c->is(TypeKind::Array) || c->is(TypeKind::Tuple) || c->is(TypeKind::Dict)))
                    return false;
                [[fallthrough]];
            }
            case ExprKind::Tuple:
            case ExprKind::TupleGet:
                if (a.index != b.index) return false;
                for (size_t k = 0; k < a.args.size(); ++k)
                    if (!same_value(*a.args[k], *b.args[k])) return false;
                return true;
            default: return false;
        }
    }

    bool holds(const Expr& e) const {
        if (!is_number(e.type)) return false;
        switch (e.kind) {
            case ExprKind::IntConst: return e.ival >= 0;
            case ExprKind::FloatConst: return !(e.fval < 0);  // -0.0 and NaN too
            case ExprKind::BoolConst: return true;
            case ExprKind::Var: return never_negative.count(e.var) > 0;
            case ExprKind::Intrinsic:  // len(xs), np.float64(x) of such an x
                return e.operation == ops::Op::Len || (e.operation == ops::Op::NpScalar && holds(*e.args[0]));
            case ExprKind::CallBuiltin: return e.overload && e.overload->nonnegative;  // PYRITE_NONNEGATIVE
            case ExprKind::IfExp: return holds(*e.args[1]) && holds(*e.args[2]);
            case ExprKind::Unary: {  // +x, and -0.0 (as the frontend writes it: the negation of 0.0)
                const Expr& a = *e.args[0];
                if (static_cast<ir::UnOp>(e.op) == ir::UnOp::Pos) return holds(a);
                return static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg &&
                       ((a.kind == ExprKind::FloatConst && !(a.fval < 0) && !(a.fval > 0)) ||
                        (a.kind == ExprKind::IntConst && a.ival == 0));
            }
            case ExprKind::Binary: {
                const Expr& a = *e.args[0];
                const Expr& b = *e.args[1];
                switch (static_cast<BinOp>(e.op)) {
                    case BinOp::Mul: return same_value(a, b) || (holds(a) && holds(b));
                    case BinOp::Add:
                    case BinOp::Div:
                    case BinOp::FloorDiv: return holds(a) && holds(b);
                    case BinOp::Mod: return holds(b);
                    case BinOp::Pow:
                        return holds(a) || (b.kind == ExprKind::IntConst && b.ival >= 0 && b.ival % 2 == 0);
                    default: return false;
                }
            }
            default: return false;
        }
    }
};

void prove(ir::Function& f) {
    Signs signs;
    std::set<int> never;  // bound in a way this does not follow
    for (int p : f.params) never.insert(p);
    for (int v : by_reference(f)) never.insert(v);
    std::vector<std::pair<int, const Expr*>> bindings;  // (local, the value assigned to it)
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
        if (s.var < 0) return;
        if (s.kind == StmtKind::Assign && s.value) {
            bindings.emplace_back(s.var, s.value.get());
        } else if (s.kind == StmtKind::ForRange) {
            if (!ir::counts_up_from_nonnegative(s)) never.insert(s.var);
        } else {
            never.insert(s.var);
        }
    });
    for (size_t v = 0; v < f.vars.size(); ++v)
        if (!never.count(static_cast<int>(v)) && is_number(f.vars[v].type)) signs.never_negative.insert(static_cast<int>(v));
    for (bool changed = true; changed;) {  // drop a local one of whose values may be below 0, until none is
        changed = false;
        for (const auto& [v, value] : bindings)
            if (signs.never_negative.count(v) && !signs.holds(*value)) {
                signs.never_negative.erase(v);
                changed = true;
            }
    }
    ir::for_each_node(f.body, [&](Expr& e) {
        if (e.kind == ExprKind::CallBuiltin && e.overload && e.overload->sign_checked && e.args.size() == 1 &&
            signs.holds(*e.args[0]))
            e.no_overflow = true;
    });
}

}  // namespace

void prove_signs(ir::Module& m) {
    for (ir::Function& f : m.functions)
        if (f.compiled()) prove(f);
}

}  // namespace pyrite::opt
