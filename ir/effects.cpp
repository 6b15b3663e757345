// What an expression may raise (effects.hpp).
#include "effects.hpp"

#include "walk.hpp"

namespace pyrite::ir {

unsigned raises(const Expr& e) {
    if (e.kind == ExprKind::Lambda) return 0;  // making a key function runs nothing: its body runs later
    unsigned r = 0;
    for (const ir::ExprP& a : e.args) r |= raises(*a);
    switch (e.kind) {
        case ExprKind::Var: return (e.check_bound ? kUnbound : 0) | (e.unwrap ? kValue : 0);
        case ExprKind::Binary: {
            bool ints = !e.args[0]->type->is(TypeKind::Float) && !e.args[1]->type->is(TypeKind::Float);
            // no_overflow: what opt proved (version-loops, counters, int-ranges) is plain C++
            // arithmetic in codegen's binary(), no check: it raises nothing of its own
            bool plain = e.no_overflow, plain_int = plain && e.type->is(TypeKind::Int);
            switch (static_cast<BinOp>(e.op)) {
                case BinOp::Add:
                case BinOp::Sub:
                case BinOp::Mul: return r | (ints && !plain ? kOverflow : 0);
                case BinOp::Div: return r | (plain ? 0 : kZeroDiv);
                case BinOp::Mod: return r | (plain_int ? 0 : kZeroDiv);
                case BinOp::FloorDiv: return r | (plain_int ? 0 : kZeroDiv | (ints ? kOverflow : 0));
                case BinOp::Pow: return r | kOverflow | kZeroDiv | kValue;
                case BinOp::LShift: return r | kValue | kOverflow;
                case BinOp::RShift: return r | kValue;
                default: return r;
            }
        }
        case ExprKind::Unary:
            return r | (static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg && e.type->is(TypeKind::Int) ? kOverflow : 0);
        case ExprKind::CallFunc:
        case ExprKind::CallValue:  // of a Python callable: anything
        case ExprKind::CallEach:
        case ExprKind::New: return r | kAny;
        case ExprKind::Attr: return r | (e.check_bound || e.unwrap ? kValue : 0);  // unset: AttributeError
        case ExprKind::TupleGet:  // a, b = xs of a sequence checks its length
            return e.args[0]->type && !e.args[0]->type->is(TypeKind::Tuple) ? r | kValue | kIndex : r;
        case ExprKind::CallBuiltin: return e.no_overflow ? r : r | kValue | kOverflow | kZeroDiv;  // (signs: proven)
        // reading a container can raise, and must not move across a mutation
        case ExprKind::Subscript:
        case ExprKind::Slice:
        case ExprKind::Intrinsic: return r | kValue | kOverflow | kIndex;
        case ExprKind::DictDisplay:
        case ExprKind::SetDisplay: return r | kAny;
        case ExprKind::Method:
        case ExprKind::Block:
        case ExprKind::Lambda: return r | kAny;
        case ExprKind::Compare:
            for (CmpOp op : e.cmps)
                if (op == CmpOp::In || op == CmpOp::NotIn) r |= kIndex;
            return r;
        default: return r;
    }
}

std::set<int> by_reference(const Function& f) {
    std::set<int> out;
    for_each_node(const_cast<Block&>(f.body), [&](Expr& e) {
        if (e.kind != ExprKind::FuncRef) return;
        for (size_t k = 0; k < e.args.size() && k < 32; ++k)
            if ((e.index >> k & 1) && e.args[k]->kind == ExprKind::Var) out.insert(e.args[k]->var);
    });
    return out;
}

}  // namespace pyrite::ir
