// frontend: a method's body as the class protocols read it. A dunder's NotImplemented guard
// (the operand type it takes, and the guard gone from its body), an abstract method's body (a
// raise where it would return None). lower_function (lower.cpp) applies them.
#include "lower.hpp"

namespace pyrite::frontend {

// `if not isinstance(other, C): return NotImplemented` as a dunder's first statement (after a
// docstring), C a class of the program and other its second parameter, annotated `object` or not:
// C's index, else -1. The dunder then takes a C (the guard holds and goes), and for an operand of
// another class it is as if it returned NotImplemented: the operator falls back as CPython's does
// (the reflected dunder, identity for ==, else TypeError; typeinfer/classes.cpp's object_operator).
// So is an __eq__ that begins `return isinstance(other, C) and ...` (mypy's `other: object` idiom)
int Lowerer::not_implemented_guard(py::handle def, py::handle other) {
    std::string name = py::str(def.attr("name"));
    if (name.size() < 5 || name.rfind("__", 0) != 0 || name.compare(name.size() - 2, 2, "__") != 0) return -1;
    py::handle ann = other.attr("annotation");
    if (!ann.is_none() && !(kind(ann) == Ast::Name && std::string(py::str(ann.attr("id"))) == "object")) return -1;
    py::list body = def.attr("body");
    size_t first = 0;
    if (py::len(body) > 1 && kind(body[0]) == Ast::Expr && kind(body[0].attr("value")) == Ast::Constant) first = 1;
    if (py::len(body) <= first) return -1;
    py::handle st = body[first];
    py::handle call;
    if (name == "__eq__" && kind(st) == Ast::Return && !st.attr("value").is_none() && kind(st.attr("value")) == Ast::BoolOp &&
        ast_class_name(st.attr("value").attr("op")) == "And") {
        // `return isinstance(other, C) and ...`: False for any other operand, which is also what
        // == falls back to (identity) when the guard turns it away
        call = st.attr("value").attr("values")[py::int_(0)];
    } else {
        if (kind(st) != Ast::If || py::len(st.attr("orelse")) || py::len(st.attr("body")) != 1) return -1;
        py::handle ret = st.attr("body")[py::int_(0)];
        if (kind(ret) != Ast::Return || ret.attr("value").is_none() || kind(ret.attr("value")) != Ast::Name ||
            std::string(py::str(ret.attr("value").attr("id"))) != "NotImplemented")
            return -1;
        py::handle test = st.attr("test");
        if (kind(test) != Ast::UnaryOp || ast_class_name(test.attr("op")) != "Not") return -1;
        call = test.attr("operand");
    }
    if (kind(call) != Ast::Call || kind(call.attr("func")) != Ast::Name ||
        std::string(py::str(call.attr("func").attr("id"))) != "isinstance" || py::len(call.attr("args")) != 2 ||
        py::len(call.attr("keywords")))
        return -1;
    py::handle x = call.attr("args")[py::int_(0)], cls = call.attr("args")[py::int_(1)];
    if (kind(x) != Ast::Name || std::string(py::str(x.attr("id"))) != std::string(py::str(other.attr("arg"))) ||
        kind(cls) != Ast::Name)
        return -1;
    const Resolution* r = global(py::str(cls.attr("id")));
    if (!r || r->kind != Resolution::Class || module_->classes[r->func].namedtuple) return -1;
    return r->func;
}

// A guarded dunder's body without its guard, which holds for every `other` it is given (an
// __eq__'s `return isinstance(other, C) and ...` stays: its isinstance() is then True)
py::object Lowerer::without_guard(py::object body) {
    py::list rest;
    bool dropped = false;
    for (py::handle st : body) {
        bool doc = rest.empty() && kind(st) == Ast::Expr && kind(st.attr("value")) == Ast::Constant;
        if (!dropped && !doc && kind(st) == Ast::Return) dropped = true;  // nothing more to drop
        if (!dropped && !doc) {
            dropped = true;
            continue;
        }
        rest.append(st);
    }
    if (rest.empty()) rest.append(py::module_::import("ast").attr("Pass")());  // the guard was all
    return std::move(rest);
}

// @abstractmethod (abc.abstractmethod) on a method
bool Lowerer::abstract_method(py::handle def) {
    for (py::handle d : def.attr("decorator_list")) {
        py::handle t = kind(d) == Ast::Call ? d.attr("func") : d;
        if ((kind(t) == Ast::Name && std::string(py::str(t.attr("id"))) == "abstractmethod") ||
            (kind(t) == Ast::Attribute && std::string(py::str(t.attr("attr"))) == "abstractmethod"))
            return true;
    }
    return false;
}

// a body of docstrings, `...` and `pass` alone
bool Lowerer::stub_body(py::handle body) {
    for (py::handle st : body)
        if (kind(st) != Ast::Pass && !(kind(st) == Ast::Expr && kind(st.attr("value")) == Ast::Constant)) return false;
    return true;
}

// An abstract method's body (`...`, a docstring, `pass`) returns None where it ends, which its
// annotation says it does not: only super().m() or Base.m(obj) run it, as no instance of a class
// that has not overridden it can be made. Compiled code raises there instead of returning None.
py::object Lowerer::abstract_body(py::object body) {
    py::module_ ast = py::module_::import("ast");
    std::string message = "the abstract method '" + in_->qualname + "' ended without a return: CPython returns None, "
                          "which compiled code cannot give as its annotated " + fn_->declared_ret->str();
    py::object call = ast.attr("Call")(ast.attr("Name")("$TypeError", ast.attr("Load")()),
                                       py::make_tuple(ast.attr("Constant")(message)), py::list());
    py::object raise = ast.attr("Raise")(call, py::none());
    py::list out(body);
    ast.attr("copy_location")(raise, out[py::len(out) - 1]);
    ast.attr("fix_missing_locations")(raise);
    for (py::handle n : ast.attr("walk")(raise)) ast.attr("copy_location")(n, raise);
    out.append(raise);
    return std::move(out);
}

}  // namespace pyrite::frontend
