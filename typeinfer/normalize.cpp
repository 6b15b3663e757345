// normalize: the type-directed rewrites, once the types are known (a pass of its own,
// after typeinfer's fixed point, which only types and records; it changes no node's kind).
//
//   t[0] of a fixed-size tuple      -> (get %t 0)                    TupleGet, the position in range
//   a.sum(axis=0), a.reshape(2, 3)  -> (intrinsic np.sum %a 0)        NumPy's function, receiver first
//   s.upper(), s.split(",")         -> (builtin str.upper %s)         a PYRITE_BUILTIN, the string first
//   "{}".format(x)                  -> (intrinsic str.format "{}" %x)
//   a.dtype                         -> "float64"                      a constant: dtypes are static
#include "../ir/walk.hpp"
#include "builtins.hpp"
#include "infer.hpp"

namespace pyrite::typeinfer {

using ir::Expr;
using ir::ExprKind;
using ops::Op;

TuplePosition tuple_position(const Expr& index, std::int64_t n, std::int64_t* pos) {
    bool negated = index.kind == ExprKind::Unary && static_cast<ir::UnOp>(index.op) == ir::UnOp::Neg &&
                   index.args[0]->kind == ExprKind::IntConst;
    if (index.kind != ExprKind::IntConst && !negated) return TuplePosition::NotConstant;
    std::int64_t i = negated ? -index.args[0]->ival : index.ival;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return TuplePosition::OutOfRange;
    *pos = i;
    return TuplePosition::Ok;
}

namespace {

void normalize_expr(Expr& e) {
    for (ir::ExprP& a : e.args) normalize_expr(*a);
    if (e.body)
        for (ir::StmtP& s : *e.body) ir::for_each_expr(*s, normalize_expr);
    switch (e.kind) {
        case ExprKind::Subscript: {
            const Type* t = e.args[0]->type;
            std::int64_t pos;
            if (t->is(TypeKind::Tuple) &&
                tuple_position(*e.args[1], static_cast<std::int64_t>(t->elems.size()), &pos) == TuplePosition::Ok) {
                e.kind = ExprKind::TupleGet;
                e.index = pos;
                e.args.pop_back();
            }
            break;
        }
        case ExprKind::Method: {
            const ops::Info& op = ops::info(e.operation);
            if (op.recv == ops::Recv::NumPy || op.op == Op::StrFormat || op.op == Op::StrFormatMap) {
                e.kind = ExprKind::Intrinsic;
                e.name.clear();
            } else if (e.overload) {
                e.kind = ExprKind::CallBuiltin;
                e.name = e.overload->pyname;
            }
            break;
        }
        case ExprKind::Intrinsic:
            if (e.operation == Op::AttrDtype) {
                e.kind = ExprKind::StrConst;
                e.name = dtype_name(e.args[0]->type->elem()->dtype);
                e.operation = Op::None;
                e.args.clear();
            }
            break;
        default: break;
    }
}

}  // namespace

void normalize(ir::Module& m) {
    for (ir::Function& f : m.functions)
        for (ir::StmtP& s : f.body) ir::for_each_expr(*s, normalize_expr);
}

}  // namespace pyrite::typeinfer
