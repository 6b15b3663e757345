// The classes of Python's ast that the frontend reads, as one enum.
//
// A node's class is looked up once, by its type object, in the table below;
// the lowering compares enums, never class names.
#pragma once
#include <pybind11/pybind11.h>

#include "../ir/ir.hpp"

namespace pyrite::frontend {

#define PYRITE_AST_KINDS(X)                                                                                  \
    /* statements */                                                                                         \
    X(FunctionDef) X(AsyncFunctionDef) X(Assign) X(AugAssign) X(AnnAssign) X(If) X(While) X(For) X(Break)   \
    X(Continue) X(Return) X(Assert) X(Raise) X(Pass) X(Delete) X(Global) X(Nonlocal) X(Expr)  \
    X(Try) X(ExceptHandler) X(With) X(Import) X(ImportFrom) X(ClassDef)                                          \
    /* match statements (Python 3.10) */                                                                     \
    X(Match) X(MatchValue) X(MatchSingleton) X(MatchSequence) X(MatchMapping) X(MatchClass) X(MatchStar)     \
    X(MatchAs) X(MatchOr)                                                                                    \
    /* expressions */                                                                                        \
    X(Constant) X(Name) X(BinOp) X(UnaryOp) X(Compare) X(BoolOp) X(IfExp) X(Call) X(Attribute) X(Tuple)     \
    X(Subscript) X(List) X(ListComp) X(SetComp) X(DictComp) X(GeneratorExp) X(Dict) X(Set) X(JoinedStr)     \
    X(FormattedValue) X(Starred) X(Slice) X(Lambda) X(NamedExpr) X(Await) X(Yield) X(YieldFrom) X(arg)      \
    /* contexts and operators */                                                                             \
    X(Load) X(Store) X(Del) X(Add) X(Sub) X(Mult) X(MatMult) X(Div) X(FloorDiv) X(Mod) X(Pow) X(LShift)     \
    X(RShift) X(BitAnd) X(BitOr) X(BitXor) X(USub) X(UAdd) X(Not) X(Invert) X(And) X(Or) X(Lt) X(LtE) X(Gt) \
    X(GtE) X(Eq) X(NotEq) X(Is) X(IsNot) X(In) X(NotIn)

enum class Ast {
#define X(k) k,
    PYRITE_AST_KINDS(X)
#undef X
    Other  // a class pyrite does not read
};

Ast ast_kind(pybind11::handle node);
std::string ast_class_name(pybind11::handle node);  // for messages: the class's own name
std::string decorator_name(pybind11::handle d);      // @name, @mod.name, @name(...): "name"

// The IR operator of an ast operator class (Add, Mult, ...): false for MatMult and the others
bool binop_of(Ast op, ir::BinOp* out);
bool cmpop_of(Ast op, ir::CmpOp* out);

}  // namespace pyrite::frontend
