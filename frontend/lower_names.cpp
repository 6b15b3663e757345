// frontend: names and the values they stand for: literal constants and the globals compiled in
// by value (ints, floats, strs, tuples of them, enum members, compiled patterns), and the
// module's list, dict, set, NumPy array and instance globals read at each call (ir::Global).
#include "lower.hpp"

namespace pyrite::frontend {

bool beyond_64_bits(py::handle value) {
    if (!py::isinstance<py::int_>(value)) return false;
    int overflow = 0;
    PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
    return overflow != 0;
}

// A Python value that becomes an IR constant: literals, captured globals, math.pi.
ExprP Lowerer::constant_from_value(py::handle node, py::handle value, const std::string& what) {
    Loc l = loc(node);
    if (ExprP member = enum_constant(value, l)) return member;  // START = Dir.N (an IntEnum's is an int too)
    if (py::isinstance<py::bool_>(value)) {
        auto e = std::make_unique<Expr>(ExprKind::BoolConst, l);
        e->ival = value.cast<bool>();
        return e;
    }
    if (py::isinstance<py::int_>(value)) {
        if (beyond_64_bits(value)) {  // CPython's int: a call that evaluates it runs in CPython (README: Python's int)
            auto e = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
            e->name = "int.$beyond64";
            return e;
        }
        auto e = std::make_unique<Expr>(ExprKind::IntConst, l);
        e->ival = PyLong_AsLongLong(value.ptr());
        return e;
    }
    if (py::isinstance<py::float_>(value)) {
        auto e = std::make_unique<Expr>(ExprKind::FloatConst, l);
        e->fval = value.cast<double>();
        return e;
    }
    if (PyComplex_CheckExact(value.ptr())) {
        auto e = std::make_unique<Expr>(ExprKind::ComplexConst, l);
        e->fval = PyComplex_RealAsDouble(value.ptr());
        e->fimag = PyComplex_ImagAsDouble(value.ptr());
        return e;
    }
    if (value.is_none()) return std::make_unique<Expr>(ExprKind::NoneConst, l);
    if (PyTuple_Check(value.ptr()) && !PyTuple_CheckExact(value.ptr()))  // a global Point(1.0, 2.0) (lower_class.cpp)
        return named_tuple_constant(node, value, what);
    if (PyTuple_CheckExact(value.ptr())) {  // a global tuple of constants (capture.py's classify)
        py::tuple items = py::reinterpret_borrow<py::tuple>(value);
        auto t = std::make_unique<Expr>(ExprKind::Tuple, l);
        for (py::handle item : items) {
            t->args.push_back(constant_from_value(node, item, what));
            if (t->args.back()->kind == ExprKind::Error) return std::move(t->args.back());
        }
        bool one_type = items.size() > 0;
        for (py::handle item : items) one_type = one_type && Py_TYPE(item.ptr()) == Py_TYPE(items[0].ptr());
        if (items.size() <= 32 || !one_type) return t;
        // a long table of one type: tuple[T, ...], not a C++ tuple of that many members
        t->kind = ExprKind::List;
        auto of = std::make_unique<Expr>(ExprKind::Intrinsic, l);
        of->operation = ops::Op::TupleOfIt;
        of->name = "tuple";
        of->args.push_back(std::move(t));
        return of;
    }
    if (PyBytes_CheckExact(value.ptr())) {
        auto e = std::make_unique<Expr>(ExprKind::BytesConst, l);
        e->name = std::string(PyBytes_AS_STRING(value.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(value.ptr())));
        return e;
    }
    if (py::isinstance(value, py::module_::import("re").attr("Pattern")) && py::isinstance<py::str>(value.attr("pattern"))) {
        // a global compiled pattern (WORD = re.compile(r"[a-z]+"), capture.py's classify):
        // re.compile(its text, its flags), which the runtime compiles once and keeps (re.hpp's compiled)
        auto e = std::make_unique<Expr>(ExprKind::CallBuiltin, l);
        e->name = "re.compile";
        e->args.push_back(constant_from_value(node, value.attr("pattern"), what));
        e->args.push_back(constant_from_value(node, value.attr("flags"), what));
        return e;
    }
    if (py::isinstance<py::str>(value)) {
        auto e = std::make_unique<Expr>(ExprKind::StrConst, l);
        // UTF-8, lone surrogates ("\ud800") passed through as their 3-byte forms: the
        // runtime's decoder (Str::literal) reads them back as the code points they were
        e->name = py::bytes(value.attr("encode")("utf-8", "surrogatepass")).cast<std::string>();
        return e;
    }
    std::string type = py::str(py::type::handle_of(value).attr("__name__"));
    return error_expr(node, what + " of type '" + type + "' is not supported");
}

ExprP Lowerer::lower_constant(py::handle node, py::handle value) {
    return constant_from_value(node, value, "constant");
}

ExprP Lowerer::lower_name(py::handle node) {
    std::string id = py::str(node.attr("id"));
    int v = local(id);
    if (v >= 0) {
        auto e = std::make_unique<Expr>(ExprKind::Var, loc(node));
        e->var = v;
        return e;
    }
    if (!cls_name_.empty() && id == cls_name_)
        return error_expr(node, "'" + id + "' in a classmethod is supported as " + id + "(...) only, which makes an instance");
    if (refused_.count(id)) return std::make_unique<Expr>(ExprKind::Error, loc(node));  // reported at its def
    const Resolution* r = global(id);
    if (!r && handler_names_.count(id))
        return error_expr(node, "'" + id + "' is unbound here: Python deletes the name an 'except ... as " + id +
                                    "' clause binds when the clause ends (reading it raises UnboundLocalError)");
    if (!r) return error_expr(node, "name '" + id + "' is not defined");
    switch (r->kind) {
        case Resolution::Const: return constant_from_value(node, r->value, "global '" + id + "'");
        case Resolution::Func: {
            if (r->decorator >= 0) return decorated_value(node, *r);  // @memo def fib: memo(fib)
            if (r->func >= 0 && module_->functions[r->func].generator)
                return error_expr(node, "'" + id + "' is a generator function: compiled code calls it (g = " + id +
                                        "(...)) or iterates it where it is called; the function itself as a value is not "
                                        "supported yet");
            auto e = std::make_unique<Expr>(ExprKind::FuncRef, loc(node));  // a function as a value
            e->callee = r->func;
            e->name = r->name;
            return e;
        }
        case Resolution::Module: return error_expr(node, "modules can only be used as 'module.name'");
        case Resolution::Builtin:
            if (id == "True" || id == "False" || id == "None") break;
            if (Type::exception(id)) return error_expr(node, "builtin '" + id + "' can only be called");
            return builtin_value(node, r->name, false);  // abs as a value: lambda x: abs(x)
        case Resolution::Class:
            if (module_->classes[r->func].is_enum) return enum_members_list(r->func, loc(node));  // lower_class.cpp
            if (module_->classes[r->func].refused) return std::make_unique<Expr>(ExprKind::Error, loc(node));  // said at the class
            return error_expr(node, "the class '" + id + "' can be called (" + id + "(...) makes an instance) or "
                                    "named in annotations and isinstance(), not used as a value");
        case Resolution::Global: return global_ref(node, id, *r);
        case Resolution::Refused:  // one diagnostic per global, at its first use
            if (!refused_globals_.insert(id).second) return std::make_unique<Expr>(ExprKind::Error, loc(node));
            return error_expr(node, r->name);
        case Resolution::Other:
            return error_expr(node, "global '" + id + "' is a '" + r->name +
                                        "': compiled code can use int/float/bool/str constants, tuples of them, lists, "
                                        "dicts, sets and frozensets, compiled str patterns (re.compile), functions and "
                                        "modules");
    }
    return error_expr(node, "name '" + id + "' is not supported");
}

// A module's list, dict, set, NumPy array or instance global (DIRS = [(0, 1), ...]): one ir::Global per module and name,
// typed by the annotation text capture found (its module's, or its value's type), which the glue
// reads from the module at each call (codegen's globals)
ir::ExprP Lowerer::global_ref(py::handle node, const std::string& id, const Resolution& r) {
    int k = -1;
    for (size_t i = 0; i < module_->globals.size(); ++i)
        if (module_->globals[i].module == r.module && module_->globals[i].name == id) k = static_cast<int>(i);
    if (k < 0) {
        py::object parsed;
        try {
            parsed = py::module_::import("ast").attr("parse")(r.name, "<annotation>", "eval").attr("body");
        } catch (const py::error_already_set&) {
            return error_expr(node, "global '" + id + "' has the type '" + r.name + "', which pyrite cannot read");
        }
        size_t errors = diags_.items().size();
        const Type* t = lower_annotation(parsed);
        if (!t || diags_.items().size() != errors) {
            // the annotation's own diagnostics point into its text: say where it is used instead
            diags_.truncate(errors);
            return error_expr(node, "global '" + id + "' is a '" + r.name + "', which compiled code cannot hold");
        }
        bool scalar = t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Str);
        // a NumPy array (LUT = np.array([...])): a view of the module's array, as an argument is; an
        // instance of a class of the program (CONFIG = Config(...)): the object itself, as an argument is
        bool instance = t->is(TypeKind::Object) && t->cls >= 0 && !t->is_exception();
        if (!t->is(TypeKind::List) && !t->is(TypeKind::Dict) && !t->is(TypeKind::Set) && !t->is(TypeKind::Array) &&
            !instance && !scalar)
            return error_expr(node, "global '" + id + "' is annotated '" + r.name + "' in its module, which compiled "
                                    "code does not hold as a global (a list, dict, set, NumPy array, instance of the "
                                    "program's classes, int, float, bool or str)");
        module_->globals.push_back(ir::Global{r.module, id, t, in_->file, loc(node)});
        k = static_cast<int>(module_->globals.size()) - 1;
    }
    auto e = std::make_unique<ir::Expr>(ir::ExprKind::Global, loc(node));
    e->index = k;
    e->name = id;
    return e;
}

// NAME of `global NAME` in the function: the module's global, read at each call and stored back
// when it returns (capture.py's _rebound_globals made it an ir::Global: an int, float, bool or str)
ir::ExprP Lowerer::rebound_global(py::handle name_node) {
    std::string id = py::str(name_node.attr("id"));
    const Resolution* r = global(id);
    if (!r) return error_expr(name_node, "'global " + id + "': the module has no '" + id + "' yet: define it at its top level");
    ir::ExprP g = r->kind == Resolution::Global ? global_ref(name_node, id, *r) : nullptr;
    const Type* t = g && g->kind == ir::ExprKind::Global ? module_->globals[static_cast<size_t>(g->index)].type : nullptr;
    if (g && g->kind == ir::ExprKind::Error) return g;  // global_ref said why
    if (!t || t->is(TypeKind::List) || t->is(TypeKind::Dict) || t->is(TypeKind::Set) || t->is(TypeKind::Array) ||
        t->is(TypeKind::Object))
        return error_expr(name_node, "'global " + id + "' rebinds a global compiled code cannot store: an int, float, "
                                     "bool or str global can be rebound; a list, dict, set, array or instance is "
                                     "changed in place (" + id + ".append(...), " + id + "[:] = ..., " + id +
                                     ".attr = ...)");
    return g;
}

}  // namespace pyrite::frontend
