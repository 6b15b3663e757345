// wide-ints: `(a * b) % m`, `(a * b + c) % m`, `(x * y) // d`: an int product or sum read only by
// % or // is computed in 128 bits, where CPython's int grows, instead of raising pyrite's limit
// error at 64 bits (which makes the call run in CPython: README, Python's int). A product of two
// 64-bit ints fits in 127 bits; sums of such are checked in 128 (wide_add). `% m` brings the
// result back below |m|; `// d` is checked back into 64 bits. Modular arithmetic with 64-bit
// moduli (x * x % n in Miller-Rabin, hashes mod 2**61 - 1) so stays compiled. The operands
// themselves are evaluated as before, in Python's order (codegen: operands()).
#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::BinOp;
using ir::Expr;
using ir::ExprKind;

namespace {

bool int_binary(const Expr& e) {
    return e.kind == ExprKind::Binary && e.type->is(TypeKind::Int) && e.args[0]->type->is(TypeKind::Int) &&
           e.args[1]->type->is(TypeKind::Int) && !e.no_overflow;
}

// marks e wide where it is a product of two ints, or a sum or difference of ints and such products
void widen(Expr& e) {
    if (!int_binary(e)) return;
    auto op = static_cast<BinOp>(e.op);
    if (op == BinOp::Mul) {
        e.wide = true;
    } else if (op == BinOp::Add || op == BinOp::Sub) {
        e.wide = true;
        widen(*e.args[0]);
        widen(*e.args[1]);
    }
}

}  // namespace

void widen_ints(ir::Module& m) {
    for (ir::Function& f : m.functions)
        ir::for_each_node(f.body, [](Expr& e) {
            if (!int_binary(e)) return;
            auto op = static_cast<BinOp>(e.op);
            if (op == BinOp::Mod || op == BinOp::FloorDiv) widen(*e.args[0]);
        });
}

}  // namespace pyrite::opt
