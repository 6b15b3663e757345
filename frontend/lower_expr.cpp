// frontend: one method per Python expression kind.
#include <cmath>
#include <limits>
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

ExprP Lowerer::error_expr(py::handle node, const std::string& message) {
    error(node, message);
    return std::make_unique<Expr>(ExprKind::Error, loc(node));
}

ExprP Lowerer::lower_expr(py::handle node) {
    Ast k = kind(node);
    if (k == Ast::Constant) return lower_constant(node, node.attr("value"));
    if (k == Ast::Name) return lower_name(node);
    if (k == Ast::BinOp) return lower_binop(node);
    if (k == Ast::UnaryOp) return lower_unaryop(node);
    if (k == Ast::Compare) return lower_compare(node);
    if (k == Ast::BoolOp) return lower_boolop(node);
    if (k == Ast::IfExp) return lower_ifexp(node);
    if (k == Ast::NamedExpr) return lower_named_expr(node);
    if (k == Ast::Call) return lower_call(node);
    if (k == Ast::Attribute) return lower_attribute(node);
    if (k == Ast::Tuple) return lower_tuple(node);
    if (k == Ast::Subscript) return lower_subscript(node);
    if (k == Ast::List) return lower_list(node);
    if (k == Ast::ListComp || k == Ast::SetComp || k == Ast::DictComp) return lower_comprehension(node);
    if (k == Ast::Dict || k == Ast::Set) return lower_display(node);
    if (k == Ast::JoinedStr) return lower_fstring(node);
    if (k == Ast::Lambda) return lower_function_value(node);  // lower_functions.cpp
    if (k == Ast::GeneratorExp) return lower_genexp_value(node);  // lower_generators.cpp
    static const std::map<Ast, std::string> names = {
        {Ast::GeneratorExp, "generator expressions"}, {Ast::Lambda, "lambda expressions"},
        {Ast::Await, "'await' expressions"},
        {Ast::Yield, "'yield' as a value (send())"},
        {Ast::YieldFrom, "'yield from' as a value"},
        {Ast::Starred, "starred expressions"},
        {Ast::Slice, "slices outside a subscript"}};
    auto it = names.find(k);
    return error_expr(node, (it != names.end() ? it->second : "'" + ast_class_name(node) + "' expressions") +
                                " are not supported by pyrite yet");
}

ExprP Lowerer::lower_binop(py::handle node) {
    Ast op = kind(node.attr("op"));
    if (op == Ast::MatMult) {  // a @ b: NumPy's matmul (typeinfer/arrays.cpp)
        auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
        e->operation = ops::Op::NpMatmul;
        e->args.push_back(lower_expr(node.attr("left")));
        e->args.push_back(lower_expr(node.attr("right")));
        return e;
    }
    ir::BinOp bop;
    if (!binop_of(op, &bop)) return error_expr(node, "unsupported operator");
    auto e = std::make_unique<Expr>(ExprKind::Binary, loc(node));
    e->op = static_cast<int>(bop);
    e->args.push_back(lower_expr(node.attr("left")));
    e->args.push_back(lower_expr(node.attr("right")));
    return e;
}

ExprP Lowerer::lower_unaryop(py::handle node) {
    Ast op = kind(node.attr("op"));
    py::handle operand = node.attr("operand");
    // -<int literal> is one constant, so that -9223372036854775808 is representable
    if (op == Ast::USub && kind(operand) == Ast::Constant && py::isinstance<py::int_>(operand.attr("value")) &&
        !py::isinstance<py::bool_>(operand.attr("value"))) {
        return lower_constant(node, operand.attr("value").attr("__neg__")());
    }
    ir::UnOp u = op == Ast::USub ? ir::UnOp::Neg : op == Ast::UAdd ? ir::UnOp::Pos : op == Ast::Not ? ir::UnOp::Not : ir::UnOp::Invert;
    auto e = std::make_unique<Expr>(ExprKind::Unary, loc(node));
    e->op = static_cast<int>(u);
    e->args.push_back(lower_expr(operand));
    return e;
}

ExprP Lowerer::lower_compare(py::handle node) {
    auto e = std::make_unique<Expr>(ExprKind::Compare, loc(node));
    e->args.push_back(lower_expr(node.attr("left")));
    for (py::handle op : node.attr("ops")) {
        ir::CmpOp cop;
        if (!cmpop_of(kind(op), &cop)) return error_expr(node, "unsupported comparison");
        e->cmps.push_back(cop);
    }
    for (py::handle c : node.attr("comparators")) e->args.push_back(lower_expr(c));
    return e;
}

ExprP Lowerer::lower_boolop(py::handle node) {
    auto e = std::make_unique<Expr>(ExprKind::BoolOp, loc(node));
    e->op = static_cast<int>(kind(node.attr("op")) == Ast::And ? ir::BoolOpKind::And : ir::BoolOpKind::Or);
    for (py::handle v : node.attr("values")) e->args.push_back(lower_expr(v));
    return e;
}

ExprP Lowerer::lower_ifexp(py::handle node) {
    auto e = std::make_unique<Expr>(ExprKind::IfExp, loc(node));
    e->args.push_back(lower_expr(node.attr("test")));
    e->args.push_back(lower_expr(node.attr("body")));
    e->args.push_back(lower_expr(node.attr("orelse")));
    return e;
}

// (x := value): the assignment, then the value of x (block %x { %x = value }). x is a local of the
// function, also where the expression sits in a comprehension (PEP 572; collect_locals declared it)
ExprP Lowerer::lower_named_expr(py::handle node) {
    Loc at = loc(node);
    int v = local(py::str(node.attr("target").attr("id")));
    if (v < 0)  // collect_locals skips lambdas, whose own scope such a name is
        return error_expr(node, "an assignment expression in a lambda is not supported by pyrite yet");
    auto e = std::make_unique<Expr>(ExprKind::Block, at);
    e->body = std::make_unique<ir::Block>();
    auto s = std::make_unique<ir::Stmt>(ir::StmtKind::Assign, at);
    s->var = v;
    s->value = lower_expr(node.attr("value"));
    e->body->push_back(std::move(s));
    e->var = v;
    return e;
}

ExprP Lowerer::lower_call(py::handle node) {
    py::handle func = node.attr("func");
    Ast fk = kind(func);
    Loc l = loc(node);
    if (py::object getter = getter_lambda(node); !getter.is_none())  // itemgetter(1) as a value
        return kind(getter) == Ast::Lambda ? lower_function_value(getter, node) : std::make_unique<Expr>(ExprKind::Error, l);
    if (called_builtin(node) == ops::Op::ZipStar) return lower_zip_star(node);  // lower_containers.cpp
    if (called_builtin(node) == ops::Op::Print)
        for (py::handle a : node.attr("args"))
            if (kind(a) == Ast::Starred) return lower_print_starred(node);
    if (fk == Ast::Lambda) {  // (lambda x: ...)(y), as map() lowers it
        auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
        e->args.push_back(lower_function_value(func));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        return e;
    }
    if (fk == Ast::Name) {
        std::string id = py::str(func.attr("id"));
        if (local(id) >= 0) {  // a function value (typeinfer: the call of its function)
            auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
            e->args.push_back(lower_name(func));
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return e;
        }
        if (!cls_name_.empty() && id == cls_name_) {  // cls(...) in a @classmethod: an instance of its class
            auto e = std::make_unique<Expr>(ExprKind::New, l);
            e->callee = in_->class_of;
            e->name = module_->classes[in_->class_of].qualname;
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return e;
        }
        if (refused_.count(id)) return std::make_unique<Expr>(ExprKind::Error, l);  // reported at its def
        const Resolution* r = global(id);
        if (!r) return error_expr(func, "name '" + id + "' is not defined");
        if (r->kind == Resolution::Func && r->decorator >= 0) {  // @memo def fib: memo(fib)(...)
            auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
            e->args.push_back(decorated_value(func, *r));
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return held_args(std::move(e), 1);
        }
        if (r->kind == Resolution::Func && r->func >= 0 && module_->functions[r->func].generator)
            wanted_coroutines_.insert(r->func);  // a generator object: the function compiled as a coroutine
        if (r->kind == Resolution::Func) {
            auto e = std::make_unique<Expr>(ExprKind::CallFunc, l);
            e->callee = r->func;
            e->name = r->name;
            for (py::handle a : node.attr("args"))
                if (kind(a) == Ast::Starred && r->func < static_cast<int>(inputs_->size()))
                    return lower_star_call(node, (*inputs_)[r->func].node, std::move(e));  // lower_calls.cpp
            for (py::handle kw : node.attr("keywords"))
                if (kw.attr("arg").is_none() && r->func < static_cast<int>(inputs_->size()))
                    return lower_kwargs_call(node, (*inputs_)[r->func].node, std::move(e));  // lower_calls.cpp
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            if (r->func < static_cast<int>(inputs_->size()) && !pack_varargs(node, (*inputs_)[r->func].node, *e))
                return std::make_unique<Expr>(ExprKind::Error, l);  // lower_calls.cpp
            return e;
        }
        if (r->kind == Resolution::Class) {  // Body(...): a new instance, made by its __init__
            if (module_->classes[r->func].refused && !module_->classes[r->func].is_enum)
                return std::make_unique<Expr>(ExprKind::Error, l);  // reported at the class
            auto e = std::make_unique<Expr>(ExprKind::New, l);
            e->callee = r->func;
            e->name = module_->classes[r->func].qualname;
            if (module_->classes[r->func].is_enum) e->index = -1;  // Color(value), not a member named
            const ir::Class& cls = module_->classes[r->func];
            int init = -1;  // the __init__ the class has written or inherits (Class::init is set later)
            for (int k = r->func; k >= 0 && init < 0 && !module_->classes[k].dataclass; k = module_->classes[k].base)
                init = module_->classes[k].method("__init__");
            for (py::handle a : node.attr("args")) {  // Box(*row): its __init__'s parameters (lower_calls.cpp)
                if (kind(a) != Ast::Starred || cls.is_enum || cls.type->exc) continue;
                if (init >= 0 && init < static_cast<int>(inputs_->size()) && !cls.namedtuple)
                    return lower_star_call(node, (*inputs_)[init].node, std::move(e), cls.qualname + ".__init__");
                if (init < 0 && (cls.dataclass || cls.namedtuple))  // the __init__ (__new__) the class is made with
                    return lower_star_call(node, init_signature(r->func), std::move(e),
                                           cls.qualname + (cls.namedtuple ? ".__new__" : ".__init__"));
            }
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            if (module_->classes[r->func].type->exc) return exception_new(std::move(e));
            return e;
        }
        if (r->kind == Resolution::Builtin && r->name.rfind("numpy.", 0) == 0)  // from numpy import zeros
            return lower_numpy_call(node, py::str(r->name.substr(6)));
        if (r->kind == Resolution::Builtin && r->name == "_functools.reduce") return lower_reduce(node);
        if (r->kind == Resolution::Builtin && r->name == "functools.partial") return lower_partial(node);
        if (r->kind == Resolution::Builtin && r->name.rfind("random.", 0) == 0 && r->name != "random.Random")
            return lower_random_call(node, r->name.substr(7));  // from random import randint
        if (r->kind == Resolution::Builtin && r->name.rfind("_operator.", 0) == 0 && py::len(node.attr("keywords")) == 0) {
            py::object op = operator_expr(r->name, node.attr("args"));
            if (!op.is_none()) {  // from operator import add; add(a, b): a + b
                py::module_::import("ast").attr("copy_location")(op, node);
                return lower_expr(op);
            }
        }
        if (r->kind == Resolution::Builtin) {
            const ops::Op bop = ops::lookup(ops::Recv::Builtin, r->name);
            if (bop == ops::Op::RangeOf) {  // a range value (a for loop over range(...) never gets here)
                auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
                e->operation = ops::Op::RangeOf;
                if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
                return e;
            }
            if (bop == ops::Op::IsInstance || bop == ops::Op::IsSubclass) return lower_isinstance(node, bop);
            if (is_intrinsic(bop, node)) return lower_intrinsic(node, bop);
            if ((bop == ops::Op::MinOf || bop == ops::Op::MaxOf) && py::len(node.attr("args")) >= 2 &&
                py::len(node.attr("keywords")) == 1 &&
                std::string(py::str(node.attr("keywords")[py::int_(0)].attr("arg"))) == "key") {
                // max(a, b, key=len): max((a, b), key=len), the values in order, as CPython's min_max compares them
                py::module_ ast = py::module_::import("ast");
                py::object values = ast.attr("Tuple")(node.attr("args"), ast.attr("Load")());
                py::list args;
                args.append(values);
                py::object call = ast.attr("Call")(node.attr("func"), args, node.attr("keywords"));
                ast.attr("copy_location")(values, node);
                ast.attr("copy_location")(call, node);
                return lower_expr(call);
            }
            if (bop == ops::Op::MinOf || bop == ops::Op::MaxOf) {  // min(a, b, ...); min(xs) is the intrinsic
                auto e = std::make_unique<Expr>(ExprKind::MinMax, l);
                e->is_max = bop == ops::Op::MaxOf;
                if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
                if (!e->kwnames.empty()) return error_expr(node, id + "() with key= or default= is not supported yet");
                if (e->args.size() < 2)
                    return error_expr(node, id + "() of an iterable arrives with containers; pass two or more values");
                return e;
            }
            auto e = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
            e->name = r->name;
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            if (r->name == "pow" && e->args.size() == 2 && e->kwnames.empty()) {
                // pow(a, b) is a ** b
                e->kind = ExprKind::Binary;
                e->op = static_cast<int>(ir::BinOp::Pow);
                e->name.clear();
            }
            return e;
        }
        if (r->kind == Resolution::Other) {
            // where there is an obvious rewrite, the message gives it
            static const std::map<std::string, std::string> rewrites = {
                {"ChainMap", "collections.ChainMap is not supported yet: merge the dicts into one ({**a, **b}), or look "
                             "a key up in each in turn"},
            };
            if (auto it = rewrites.find(id); it != rewrites.end()) return error_expr(func, it->second);
            if (r->name == "type")
                return error_expr(func, "'" + id + "' is a class that compiled code does not construct (pyrite compiles "
                                        "the program's own classes and the builtin types it lists)");
            return error_expr(func, "'" + id + "' is a '" + r->name + "', which compiled code cannot call");
        }
        if (r->kind == Resolution::Refused) return lower_name(func);  // why (one diagnostic per global)
        return error_expr(func, "'" + id + "' is not callable from compiled code");
    }
    if (fk == Ast::Attribute && kind(func.attr("value")) == Ast::Call &&
        kind(func.attr("value").attr("func")) == Ast::Name &&
        std::string(py::str(func.attr("value").attr("func").attr("id"))) == "super") {
        // super().m(args) in a method: the base's m (or its base's), called on self, not dispatched
        py::handle sup = func.attr("value");
        std::string m = py::str(func.attr("attr"));
        if (py::len(sup.attr("args")) != 0 || !in_ || in_->self_class < 0 || fn_->params.empty())
            return error_expr(sup, "super() is supported as super().method(...) in a method, without arguments");
        int base = module_->classes[in_->self_class].base;
        int callee = base < 0 ? -1 : module_->method(base, m);
        if (callee < 0 && m == "__init__" && module_->classes[in_->self_class].type->exc) {
            // BaseException.__init__(self, *args): the exception's args
            auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
            e->operation = ops::Op::ExcInit;
            auto self = std::make_unique<Expr>(ExprKind::Var, l);
            self->var = fn_->params[0];
            e->args.push_back(std::move(self));
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return e;
        }
        if (callee < 0)
            return error_expr(func, "the base class of '" + module_->classes[in_->self_class].qualname + "' has no method '" +
                                        m + "' pyrite compiles");
        auto e = std::make_unique<Expr>(ExprKind::CallFunc, l);
        e->callee = callee;
        e->name = module_->classes[base].qualname + "." + m;
        auto self = std::make_unique<Expr>(ExprKind::Var, l);
        self->var = fn_->params[0];
        e->args.push_back(std::move(self));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        return e;
    }
    if (fk == Ast::Attribute && kind(func.attr("value")) == Ast::Name) {
        std::string base = py::str(func.attr("value").attr("id"));
        const Resolution* r = local(base) < 0 ? global(base) : nullptr;
        if (r && r->kind == Resolution::Class) {  // Body.method(...): a static method, or one given its instance
            const ir::Class& c = module_->classes[r->func];
            std::string m = py::str(func.attr("attr"));
            int callee = module_->method(r->func, m);
            if (callee < 0 && c.namedtuple && m == "_make") return lower_make(node, r->func);  // lower_class.cpp
            if (callee < 0) return error_expr(func, "class '" + c.qualname + "' has no method '" + m + "' pyrite compiles");
            bool inherited_classmethod = ir::Class::find(c.classmethods, m) < 0 && ir::Class::find(c.methods, m) < 0 &&
                                         module_->inherited(r->func, m, &ir::Class::classmethods) >= 0;
            auto e = std::make_unique<Expr>(ExprKind::CallFunc, l);
            e->callee = callee;
            e->name = c.qualname + "." + m;
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            if (inherited_classmethod && callee < static_cast<int>(inputs_->size())) {
                // Sub.make(...) of Base's classmethod: cls is Sub there, so cls(...) makes a Sub; a copy
                // of the classmethod for Sub, lowered after this function (lower_nested_functions)
                FunctionInput copy = (*inputs_)[callee];
                copy.class_of = r->func;
                nested_.push_back(Nested{std::move(copy), e.get(), 0});
            }
            return e;
        }
        if (r && r->kind == Resolution::Builtin &&
            (r->name == "str" || r->name == "bytes" || r->name == "dict" || r->name == "int" || r->name == "float")) {
            // a type's own function: str.maketrans(x, y[, z]) (builtins/translate.hpp), bytes.fromhex(s)
            // (bytes.hpp), dict.fromkeys(keys[, v]) (dict.hpp); or a method called on the class,
            // str.upper(s): the builtin of that name, which typeinfer finds or says it has none
            auto e = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
            e->name = r->name + "." + std::string(py::str(func.attr("attr")));
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return e;
        }
        if (r && r->kind == Resolution::Module && r->name == "numpy") return lower_numpy_call(node, func.attr("attr"));
        if (r && r->kind == Resolution::Module && (r->name == "numpy.linalg" || r->name == "numpy.random"))
            return lower_numpy_call(node, py::str(r->name.substr(6) + "." + std::string(py::str(func.attr("attr")))));
        if (r && r->kind == Resolution::Module && r->name == "random" && std::string(py::str(func.attr("attr"))) != "Random")
            return lower_random_call(node, py::str(func.attr("attr")));
        if (r && r->kind == Resolution::Module && r->name == "functools" && std::string(py::str(func.attr("attr"))) == "reduce")
            return lower_reduce(node);  // lower_functions.cpp
        if (r && r->kind == Resolution::Module && r->name == "functools" && std::string(py::str(func.attr("attr"))) == "partial")
            return lower_partial(node);  // lower_functions.cpp
        if (r && r->kind == Resolution::Module && r->name == "operator" && py::len(node.attr("keywords")) == 0) {
            py::object op = operator_expr("operator." + std::string(py::str(func.attr("attr"))), node.attr("args"));
            if (!op.is_none()) {  // operator.add(a, b): a + b
                py::module_::import("ast").attr("copy_location")(op, node);
                return lower_expr(op);
            }
        }
        if (r && r->kind == Resolution::Module) {
            std::string full = r->name + "." + std::string(py::str(func.attr("attr")));
            if (ops::Op bop = ops::lookup(ops::Recv::Builtin, full); is_intrinsic(bop, node))
                return lower_intrinsic(node, bop);  // collections.deque(...): ops.def's
            auto e = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
            e->name = full;
            if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
            return e;
        }
    }
    if (fk == Ast::Attribute && kind(func.attr("value")) == Ast::Attribute &&
        kind(func.attr("value").attr("value")) == Ast::Name) {  // np.linalg.norm(...), np.random.rand(...)
        std::string base = py::str(func.attr("value").attr("value").attr("id"));
        const Resolution* r = local(base) < 0 ? global(base) : nullptr;
        std::string sub = py::str(func.attr("value").attr("attr"));
        if (r && r->kind == Resolution::Module && r->name == "numpy" && (sub == "linalg" || sub == "random"))
            return lower_numpy_call(node, py::str(sub + "." + std::string(py::str(func.attr("attr")))));
        if (r && r->kind == Resolution::Module && r->name == "numpy") {  // np.UFUNC.METHOD(...): a ufunc's method
            const std::string attr = py::str(func.attr("attr")), method = sub + "." + attr;
            if (attr == "outer") return lower_ufunc_outer(node, sub);
            const ops::Op op = ops::lookup(ops::Recv::NumPy, method);  // ops.def's aliases and ops: "add.at", "add.reduce"
            if (attr == "at" && op == ops::Op::None)
                return error_expr(node, "numpy." + method + "() is not supported by pyrite yet (the at of add, subtract, "
                                        "multiply, maximum and minimum is)");
            if (attr == "at") return lower_numpy_call(node, py::str(method));  // np.add.at(a, indices, b)
            if ((attr == "reduce" || attr == "accumulate") && op != ops::Op::None) {
                // np.add.reduce(a), np.maximum.accumulate(a): along axis 0 (their default) unless given
                py::module_ ast = py::module_::import("ast");
                py::object call = py::module_::import("copy").attr("copy")(node);
                py::list keywords = py::list(node.attr("keywords"));
                bool axis = py::len(node.attr("args")) > 1;
                for (py::handle k : keywords) axis = axis || (!k.attr("arg").is_none() && std::string(py::str(k.attr("arg"))) == "axis");
                if (!axis) {
                    py::object zero = ast.attr("Constant")(0);
                    ast.attr("copy_location")(zero, node);
                    keywords.append(ast.attr("keyword")("axis", zero));
                }
                call.attr("keywords") = keywords;
                return lower_numpy_call(call, py::str(method));
            }
        }
    }
    if (fk == Ast::Attribute && self_field_call(func)) {
        // self.on_click(x) of a name no class of the program has a method of: what the field holds
        // (a callback), held as a function value is, then called
        auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
        e->args.push_back(lower_expr(func));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        return held_args(std::move(e), 1);
    }
    if (fk == Ast::Attribute && may_call_field(func)) {
        // rule.test(x) of a field NAME some class has, no class a method of: the receiver held, then
        // what its field holds called; typeinfer's call_value makes it rule's method NAME where rule's
        // type has no such field (m.group(1) of a re.Match)
        auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
        e->field_call = true;
        auto field = std::make_unique<Expr>(ExprKind::Attr, loc(func));
        field->name = py::str(func.attr("attr"));
        field->args.push_back(lower_expr(func.attr("value")));
        e->args.push_back(std::move(field));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        ExprP block = new_block(l);
        Loc at = e->args[0]->args[0]->loc;
        e->args[0]->args[0] = var_expr(held_in(*block, std::move(e->args[0]->args[0])), at);
        return block_result(std::move(block), std::move(e));
    }
    if (fk == Ast::Attribute) {
        auto e = std::make_unique<Expr>(ExprKind::Method, l);
        e->name = py::str(func.attr("attr"));
        e->args.push_back(lower_expr(func.attr("value")));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        // a NamedTuple's p._replace(y=v), p._asdict(): typeinfer reads p's items where it makes the
        // result (classes.cpp's named_tuple_method), so p is held first
        if (e->name == "_replace" || e->name == "_asdict") return held_args(std::move(e), 1);
        return e;
    }
    if (fk == Ast::Subscript || fk == Ast::IfExp || fk == Ast::Call) {
        // ops[t](a, b), (f if c else g)(x): the function value is held first, then called (typeinfer)
        auto e = std::make_unique<Expr>(ExprKind::CallValue, l);
        e->args.push_back(lower_expr(func));
        if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
        return held_args(std::move(e), 1);
    }
    return error_expr(func, "only named functions can be called");
}

// self.NAME(...) in a method, where NAME is no method or property of any class of the program (not
// of a subclass either, which the call would dispatch to): a call of what the field NAME holds
bool Lowerer::self_field_call(py::handle func) {
    if (!self_class(func.attr("value"))) return false;  // the method's first parameter, whatever its name
    std::string name = py::str(func.attr("attr"));
    if (name.size() > 4 && name.rfind("__", 0) == 0) return false;
    for (const ir::Class& c : module_->classes)
        if (c.method(name) >= 0 || c.getter(name) >= 0) return false;
    return true;
}

// obj.NAME(...) where NAME is no method or property of any class of the program, but a field of one
// (assigned as self.NAME in a method, or a dataclass's): possibly a call of what the field holds,
// which typeinfer decides by obj's type. Not of a module or a class named directly.
bool Lowerer::may_call_field(py::handle func) {
    std::string name = py::str(func.attr("attr"));
    if (name.size() > 4 && name.rfind("__", 0) == 0) return false;
    py::handle obj = func.attr("value");
    if (kind(obj) == Ast::Name) {
        std::string id = py::str(obj.attr("id"));
        const Resolution* r = local(id) < 0 ? global(id) : nullptr;
        if (r && (r->kind == Resolution::Module || r->kind == Resolution::Class)) return false;
    }
    bool field = false;
    for (size_t k = 0; k < module_->classes.size(); ++k) {
        const ir::Class& c = module_->classes[k];
        if (c.method(name) >= 0 || c.getter(name) >= 0) return false;
        field = field || c.field(name) >= 0 || instance_stores_.count({static_cast<int>(k), name});
    }
    return field;
}

// np.subtract.outer(a, b): ops.def's NpUfuncOuter of a and b, the ufunc's op its ival (NumPy's
// ufunc.outer(A, B, /, **kwargs): two operands, of a ufunc that takes two)
ExprP Lowerer::lower_ufunc_outer(py::handle node, const std::string& ufunc) {
    const ops::Op u = ops::lookup(ops::Recv::NumPy, ufunc);
    const ops::Rule rule = u == ops::Op::None ? ops::Rule::Own : ops::info(u).rule;
    if (rule != ops::Rule::BinaryUfunc && rule != ops::Rule::Arith)
        return error_expr(node, "numpy." + ufunc + ".outer(): pyrite compiles the outer of NumPy's two-operand ufuncs "
                                "(add, subtract, multiply, maximum, equal, ...)" +
                                    (u == ops::Op::None ? std::string() : "; NumPy raises ValueError: outer product only "
                                                                           "supported for binary functions"));
    if (py::len(node.attr("args")) != 2 || py::len(node.attr("keywords")) != 0)
        return error_expr(node, "numpy." + ufunc + ".outer() takes two operands, by position (no out=, dtype= or where= yet)");
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
    e->operation = ops::Op::NpUfuncOuter;
    e->ival = static_cast<std::int64_t>(u);
    for (py::handle a : node.attr("args")) e->args.push_back(lower_expr(a));
    return e;
}

// random.NAME(...) is random._inst.NAME(...), a method of the module's generator, as in Python
// (typeinfer types it as random.Random's method: runtime/include/pyrite/random.hpp)
ExprP Lowerer::lower_random_call(py::handle node, const std::string& attr) {
    Loc l = loc(node);
    auto e = std::make_unique<Expr>(ExprKind::Method, l);
    e->name = attr;
    auto shared = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
    shared->name = "random.$shared";
    e->args.push_back(std::move(shared));
    if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
    return e;
}

// np.NAME(...): the intrinsic of ops.def's NumPy operation NAME (typeinfer/arrays.cpp types it);
// np.float32(x) and the other dtypes: np.scalar with the dtype's name after x
ExprP Lowerer::lower_numpy_call(py::handle node, py::handle attr_name) {
    Loc l = loc(node);
    std::string attr = py::str(attr_name);
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
    e->operation = ops::lookup(ops::Recv::NumPy, attr);
    DType scalar;
    bool is_scalar = e->operation == ops::Op::None && attr != "int" && attr != "float" && attr != "bool" &&
                     dtype_from_name(attr, &scalar);
    if (is_scalar) e->operation = ops::Op::NpScalar;
    if (e->operation == ops::Op::None) return error_expr(node, "'numpy." + attr + "' is not supported by pyrite yet");
    // dtype=np.int64 / int / float: the dtype's name, a str constant in the dtype argument's place
    for (py::handle kw : node.attr("keywords")) {
        if (kw.attr("arg").is_none() || std::string(py::str(kw.attr("arg"))) != "dtype") continue;
        py::handle v = kw.attr("value");
        // dtype=other.dtype: an expression, which typeinfer turns into the array's dtype name
        if (kind(v) == Ast::Attribute && std::string(py::str(v.attr("attr"))) == "dtype") break;
        std::string dt = kind(v) == Ast::Attribute ? std::string(py::str(v.attr("attr")))
                         : kind(v) == Ast::Name    ? std::string(py::str(v.attr("id")))
                                                : "";
        dt = dt == "int" ? "int64" : dt == "float" ? "float64" : dt == "bool" ? "bool" : dt;
        DType d;
        if (kind(v) == Ast::Constant && py::isinstance<py::str>(v.attr("value"))) dt = py::str(v.attr("value"));
        if (dtype_from_name(dt, &d)) dt = dtype_name(d);
        for (py::handle a : node.attr("args")) e->args.push_back(lower_expr(a));
        for (py::handle k2 : node.attr("keywords")) {
            e->kwnames.push_back(py::str(k2.attr("arg")));
            if (k2.ptr() == kw.ptr()) {
                auto c = std::make_unique<Expr>(ExprKind::StrConst, loc(v));
                c->name = dt;
                e->args.push_back(std::move(c));
            } else {
                e->args.push_back(lower_expr(k2.attr("value")));
            }
        }
        return e;
    }
    if (!lower_call_args(node, *e)) return std::make_unique<Expr>(ExprKind::Error, l);
    if (e->operation == ops::Op::NpCountNonzero && e->args.size() - e->kwnames.size() > 2)  // keepdims= by keyword only
        return error_expr(node, "numpy.count_nonzero() takes from 1 to 2 positional arguments but " +
                                    std::to_string(e->args.size() - e->kwnames.size()) + " were given");
    if (is_scalar) {
        if (!e->kwnames.empty()) return error_expr(node, "numpy." + attr + "() takes its value as a positional argument");
        auto c = std::make_unique<Expr>(ExprKind::StrConst, l);
        c->name = dtype_name(scalar);
        e->args.push_back(std::move(c));
    }
    return e;
}

// isinstance(x, int) / isinstance(x, (int, float)): (intrinsic isinstance %x "int,float")
ExprP Lowerer::lower_isinstance(py::handle node, ops::Op op) {
    py::list args = node.attr("args");
    if (py::len(args) != 2 || py::len(node.attr("keywords")) != 0)
        return error_expr(node, std::string(op == ops::Op::IsSubclass ? "issubclass" : "isinstance") +
                                    " expected 2 arguments");
    py::handle types = args[1];
    std::vector<py::handle> names;
    if (kind(types) == Ast::Tuple) {
        for (py::handle t : types.attr("elts")) names.push_back(t);
    } else {
        names.push_back(types);
    }
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
    e->operation = op;
    for (py::handle t : names) {
        static const std::set<std::string> known = {"int", "float", "bool", "str", "list", "dict", "set", "frozenset", "tuple"};
        std::string id = kind(t) == Ast::Name ? std::string(py::str(t.attr("id"))) : "";
        const Resolution* r = id.empty() || local(id) >= 0 ? nullptr : global(id);
        if (r && r->kind == Resolution::Class) {  // a class of the program: "class Body"
            e->classes.push_back("class " + module_->classes[r->func].qualname);
            continue;
        }
        if (!r || r->kind != Resolution::Builtin || (!known.count(r->name) && !Type::exception(r->name)))
            return error_expr(t, "isinstance() in compiled code takes int, float, bool, str, list, dict, set, frozenset, tuple, a "
                                 "builtin exception class or a class of the program");
        e->classes.push_back(r->name);  // $list (a match statement's): list
    }
    e->args.push_back(lower_expr(args[0]));
    return e;
}

// MyError(a, b): BaseException.__new__ keeps (a, b) as the exception's args, then __init__
// runs on them: positional arguments other than names and constants are evaluated once, into
// temporaries, in order (block %r { %t = a; %r = (new MyError %t b) })
ExprP Lowerer::exception_new(ExprP made) {
    size_t npos = made->args.size() - made->kwnames.size();
    bool plain = true;
    for (size_t i = 0; i < npos; ++i) {
        ExprKind k = made->args[i]->kind;
        plain = plain && (k == ExprKind::Var || k == ExprKind::IntConst || k == ExprKind::FloatConst ||
                          k == ExprKind::StrConst || k == ExprKind::BoolConst || k == ExprKind::NoneConst);
    }
    if (plain) return made;
    return held_args(std::move(made), npos);
}

// x of `type(x)` or `x.__class__` (what a class attribute is read through), else a null handle;
// lowering: `type` is checked to be no local of the function being lowered
py::handle Lowerer::type_operand(py::handle of, bool lowering) {
    if (kind(of) == Ast::Call && kind(of.attr("func")) == Ast::Name && std::string(py::str(of.attr("func").attr("id"))) == "type" &&
        (!lowering || local("type") < 0) && py::len(of.attr("args")) == 1 && py::len(of.attr("keywords")) == 0)
        return of.attr("args")[py::int_(0)];
    if (kind(of) == Ast::Attribute && std::string(py::str(of.attr("attr"))) == "__class__") return of.attr("value");
    return py::handle();
}

// module.CONSTANT (math.pi): captured by value; any other attribute: an intrinsic.
ExprP Lowerer::lower_attribute(py::handle node) {
    py::handle value = node.attr("value");
    std::string attr = py::str(node.attr("attr"));
    if (attr == "__name__" || attr == "__qualname__") {  // type(x).__name__, x.__class__.__qualname__
        if (py::handle of = type_operand(value)) {
            auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
            e->operation = ops::Op::TypeName;
            e->name = attr;
            e->args.push_back(lower_expr(of));
            return e;
        }
    }
    if (type_of_self(value) >= 0)  // type(self).count: a class variable (lower_class_vars.cpp)
        if (ExprP v = class_var_ref(node, "type(self)", nullptr)) return v;
    if (kind(value) == Ast::Name) {
        std::string base = py::str(value.attr("id"));
        const Resolution* r = local(base) < 0 ? global(base) : nullptr;
        if (r && r->kind == Resolution::Module) {
            auto mod = modules_.find(r->name);
            if (mod != modules_.end()) {
                auto it = mod->second.find(attr);
                if (it != mod->second.end()) return constant_from_value(node, it->second, r->name + "." + attr);
            }
            if (r->name == "numpy" && attr == "newaxis") return std::make_unique<Expr>(ExprKind::NoneConst, loc(node));
            DType d;
            if (r->name == "numpy" && dtype_from_name(attr, &d)) {
                // np.float32 where a dtype goes (a.astype(np.float32)): its name, as NumPy takes dtypes
                auto c = std::make_unique<Expr>(ExprKind::StrConst, loc(node));
                c->name = dtype_name(d);
                return c;
            }
            if (r->name == "math" || r->name == "cmath" || r->name == "operator")  // math.sqrt as a value
                return builtin_value(node, r->name + "." + attr, false);
            if (r->name == "numpy") {  // np.maximum.accumulate(a): a ufunc's method, or the ufunc as a value
                py::module_ np = py::module_::import("numpy");
                if (py::hasattr(np, attr.c_str()) && py::isinstance(np.attr(attr.c_str()), np.attr("ufunc")))
                    return error_expr(node, "'numpy." + attr + "' is a ufunc: pyrite calls it (numpy." + attr +
                                                "(a, b)) but does not take it as a value, nor its methods other than "
                                                "outer, the at of add, subtract, multiply, maximum and minimum, "
                                                "and their reduce and accumulate (not subtract's), yet");
            }
            return error_expr(node, "'" + r->name + "." + attr + "' is not a constant pyrite can use");
        }
        if (ExprP v = class_var_ref(node, base, r)) return v;  // Animal.count += 1: a class variable (lower_class_vars.cpp)
        if (r && r->kind == Resolution::Class && !module_->classes[r->func].is_enum && py::hasattr(node, "ctx") &&
            kind(node.attr("ctx")) != Ast::Load)
            return error_expr(node, class_store_error(r->func, base, attr));
        if (ExprP e = class_attribute(node, base, r, attr)) return e;  // Color.RED, Point._fields, Dog.sound (lower_class.cpp)
        static const std::set<std::string> types = {"str", "list", "dict", "set", "int", "float", "tuple"};
        if (r && r->kind == Resolution::Builtin && types.count(r->name))  // str.strip as a value: lambda s: s.strip()
            return builtin_value(node, r->name + "." + attr, true);
    }
    // x.shape, x.ndim, x.size: (intrinsic attr.shape %x), typed by what x is (of an object, typeinfer
    // makes it a field); any other name: (attr %x name), a field of an object
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
    e->operation = ops::lookup(ops::Recv::Attr, attr);
    e->name = attr;
    if (e->operation == ops::Op::None) e->kind = ExprKind::Attr;
    e->args.push_back(lower_expr(value));
    return e;
}

ExprP Lowerer::lower_tuple(py::handle node) {
    for (py::handle elt : node.attr("elts"))
        if (kind(elt) == Ast::Starred) return lower_unpacking_display(node);  // (*a, x)
    auto e = std::make_unique<Expr>(ExprKind::Tuple, loc(node));
    for (py::handle elt : node.attr("elts")) e->args.push_back(lower_expr(elt));
    return e;
}

// xs[i] and xs[a:b:c]. Whether xs[0] indexes a tuple (a constant position, a
// static type) or a list is known only after type inference.
ExprP Lowerer::lower_subscript(py::handle node) {
    py::handle index = node.attr("slice");
    if (kind(index) == Ast::Slice) {
        auto e = std::make_unique<Expr>(ExprKind::Slice, loc(node));
        e->args.push_back(lower_expr(node.attr("value")));
        for (const char* part : {"lower", "upper", "step"}) {
            py::handle p = index.attr(part);
            e->args.push_back(p.is_none() ? std::make_unique<Expr>(ExprKind::NoneConst, loc(index)) : lower_expr(p));
        }
        e->sequence_pattern = py::hasattr(node, "pyrite_star");  // a star pattern's items (lower_match.cpp)
        return e;
    }
    auto e = std::make_unique<Expr>(ExprKind::Subscript, loc(node));
    e->args.push_back(lower_expr(node.attr("value")));
    bool has_slice = false;
    if (kind(index) == Ast::Tuple)
        for (py::handle elt : index.attr("elts")) has_slice = has_slice || kind(elt) == Ast::Slice;
    if (has_slice) {
        // a[i, 1:-1, ::2]: (index %a (parts %i (part 1 -1 None) (part None None 2)))
        auto t = std::make_unique<Expr>(ExprKind::IndexParts, loc(index));
        for (py::handle elt : index.attr("elts")) {
            if (kind(elt) != Ast::Slice) {
                t->args.push_back(lower_expr(elt));
                continue;
            }
            auto sl = std::make_unique<Expr>(ExprKind::SlicePart, loc(elt));
            for (const char* part : {"lower", "upper", "step"}) {
                py::handle p = elt.attr(part);
                sl->args.push_back(p.is_none() ? std::make_unique<Expr>(ExprKind::NoneConst, loc(elt)) : lower_expr(p));
            }
            t->args.push_back(std::move(sl));
        }
        e->args.push_back(std::move(t));
        return e;
    }
    e->args.push_back(lower_expr(index));
    return e;
}

}  // namespace pyrite::frontend
