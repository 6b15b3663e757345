// The ast class table (ast.hpp): looked up by the node's type object, cached.
#include "ast.hpp"

#include <map>
#include <string>
#include <unordered_map>

namespace pyrite::frontend {

namespace py = pybind11;

Ast ast_kind(py::handle node) {
    static const std::map<std::string, Ast> by_name = {
#define X(k) {#k, Ast::k},
        PYRITE_AST_KINDS(X)
#undef X
    };
    static std::unordered_map<PyTypeObject*, Ast> by_type;  // the GIL is held while lowering
    PyTypeObject* t = Py_TYPE(node.ptr());
    auto it = by_type.find(t);
    if (it != by_type.end()) return it->second;
    auto n = by_name.find(ast_class_name(node));
    Ast k = n == by_name.end() ? Ast::Other : n->second;
    by_type.emplace(t, k);
    return k;
}

std::string ast_class_name(py::handle node) { return py::str(py::type::handle_of(node).attr("__name__")); }

bool binop_of(Ast op, ir::BinOp* out) {
    switch (op) {
        case Ast::Add: *out = ir::BinOp::Add; return true;
        case Ast::Sub: *out = ir::BinOp::Sub; return true;
        case Ast::Mult: *out = ir::BinOp::Mul; return true;
        case Ast::Div: *out = ir::BinOp::Div; return true;
        case Ast::FloorDiv: *out = ir::BinOp::FloorDiv; return true;
        case Ast::Mod: *out = ir::BinOp::Mod; return true;
        case Ast::Pow: *out = ir::BinOp::Pow; return true;
        case Ast::LShift: *out = ir::BinOp::LShift; return true;
        case Ast::RShift: *out = ir::BinOp::RShift; return true;
        case Ast::BitAnd: *out = ir::BinOp::BitAnd; return true;
        case Ast::BitOr: *out = ir::BinOp::BitOr; return true;
        case Ast::BitXor: *out = ir::BinOp::BitXor; return true;
        default: return false;
    }
}

bool cmpop_of(Ast op, ir::CmpOp* out) {
    switch (op) {
        case Ast::Lt: *out = ir::CmpOp::Lt; return true;
        case Ast::LtE: *out = ir::CmpOp::LtE; return true;
        case Ast::Gt: *out = ir::CmpOp::Gt; return true;
        case Ast::GtE: *out = ir::CmpOp::GtE; return true;
        case Ast::Eq: *out = ir::CmpOp::Eq; return true;
        case Ast::NotEq: *out = ir::CmpOp::NotEq; return true;
        case Ast::Is: *out = ir::CmpOp::Is; return true;
        case Ast::IsNot: *out = ir::CmpOp::IsNot; return true;
        case Ast::In: *out = ir::CmpOp::In; return true;
        case Ast::NotIn: *out = ir::CmpOp::NotIn; return true;
        default: return false;
    }
}

std::string decorator_name(py::handle d) {
    py::handle target = ast_kind(d) == Ast::Call ? d.attr("func") : d;
    if (ast_kind(target) == Ast::Name) return py::str(target.attr("id"));
    if (ast_kind(target) == Ast::Attribute) return py::str(target.attr("attr"));
    return "";
}

}  // namespace pyrite::frontend
