// frontend: decorators the program writes on module functions (`@memo def fib`: capture.py's
// _decorated resolves the name as the decorator's result, made once per compiled module) and
// @functools.wraps on the nested def such a decorator returns.
#include "lower.hpp"

namespace pyrite::frontend {

using ir::Expr;
using ir::ExprKind;
using ir::ExprP;

// @functools.wraps(f) or @wraps(f) (from functools import wraps), of a name
bool Lowerer::is_functools_wraps(py::handle d) {
    if (kind(d) != Ast::Call || py::len(d.attr("args")) != 1 || py::len(d.attr("keywords")) != 0 ||
        kind(d.attr("args")[py::int_(0)]) != Ast::Name)
        return false;
    py::handle f = d.attr("func");
    if (kind(f) == Ast::Name) {
        const Resolution* r = local(py::str(f.attr("id"))) < 0 ? global(py::str(f.attr("id"))) : nullptr;
        return r && r->kind == Resolution::Builtin && r->name == "functools.wraps";
    }
    if (kind(f) != Ast::Attribute || kind(f.attr("value")) != Ast::Name || std::string(py::str(f.attr("attr"))) != "wraps")
        return false;
    const Resolution* r = local(py::str(f.attr("value").attr("id"))) < 0 ? global(py::str(f.attr("value").attr("id"))) : nullptr;
    return r && r->kind == Resolution::Module && r->name == "functools";
}

// A function a decorator of the program made (`@memo def fib`, `@repeat(3) def roll`: capture.py's
// _decorated): what the decorator returned, made once per module as Python ran it once, by a
// function of its own that functools.cache keeps the result of: `def fib$decorated(): return
// memo(fib)`, `return repeat(3)(roll)` (fib, roll the def's own function). Each use calls it (the name's callee, by its qualname: lower_nested_functions).
ExprP Lowerer::decorated_value(py::handle node, const Resolution& r) {
    const std::string qualname = r.name + "$decorated";
    const FunctionInput& original = (*inputs_)[static_cast<size_t>(r.func)];
    if (decorated_.insert(qualname).second) {
        py::module_ ast = py::module_::import("ast");
        const std::string arguments = r.value ? std::string(py::str(r.value)) : "";  // @repeat(3): "(3)"
        py::object def = ast.attr("parse")("def f():\n    return __pyrite_decorator" + arguments + "(__pyrite_original)\n")
                             .attr("body")[py::int_(0)];
        def.attr("name") = qualname;
        for (py::handle n : ast.attr("walk")(def))  // at the decorated def
            if (py::hasattr(n, "lineno")) ast.attr("copy_location")(n, original.node);
        FunctionInput in;
        in.node = def;
        in.qualname = qualname;
        in.file = original.file;
        in.module = original.module;
        in.memo = -1;
        const FunctionInput& maker = (*inputs_)[static_cast<size_t>(r.decorator)];
        in.globals["__pyrite_decorator"] = Resolution{Resolution::Func, r.decorator, maker.qualname, {}};
        in.globals["__pyrite_original"] = Resolution{Resolution::Func, r.func, r.name, {}};
        nested_.push_back(Nested{std::move(in), nullptr, 0});
    }
    auto e = std::make_unique<Expr>(ExprKind::CallFunc, loc(node));
    e->name = qualname;
    return e;
}

}  // namespace pyrite::frontend
