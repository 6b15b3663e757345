// frontend: what @dataclass writes, made here as IR: its __init__ (a parameter per field, its
// default or default_factory evaluated at each call that omits it, __post_init__ after), the
// order methods of order=True, and which fields ==, the order, repr and the hash use
// (field(compare=, repr=, hash=)). The class itself: lower_class.cpp.
#include <functional>
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

// an expression that makes variables of its own (a comprehension, a lambda, :=): not one a default,
// which each call that omits the argument evaluates where it is, can be
static bool binds_names(py::handle expr) {
    py::module_ ast = py::module_::import("ast");
    for (py::handle n : ast.attr("walk")(expr)) {
        Ast k = ast_kind(n);
        if (k == Ast::ListComp || k == Ast::DictComp || k == Ast::SetComp || k == Ast::GeneratorExp || k == Ast::Lambda ||
            k == Ast::NamedExpr)
            return true;
    }
    return false;
}

// A dataclass field's default, as its __init__ takes it: a constant, field(default=constant),
// or field(default_factory=list / dict): a fresh empty container on each call, which is what
// a default expression is in pyrite (evaluated at each call that omits it).
ExprP Lowerer::dataclass_default(py::handle value, bool* init) {
    *init = true;
    if (kind(value) == Ast::Call && decorator_name(value) == "field") {
        ExprP out;
        for (py::handle kw : value.attr("keywords")) {
            std::string k = kw.attr("arg").is_none() ? "" : std::string(py::str(kw.attr("arg")));
            py::handle v = kw.attr("value");
            if (k == "default") {
                out = dataclass_default(v, init);
            } else if (k == "default_factory") {
                // what the factory's call makes, made at each call that omits the field (a default is
                // evaluated there in pyrite): list, dict, set, a class, or a lambda's body
                std::string f = kind(v) == Ast::Name ? std::string(py::str(v.attr("id"))) : "";
                const Resolution* r = f.empty() ? nullptr : global(f);
                if (r && r->kind == Resolution::Builtin && (f == "list" || f == "dict" || f == "set")) {
                    out = std::make_unique<Expr>(f == "list" ? ExprKind::List : f == "dict" ? ExprKind::DictDisplay : ExprKind::Intrinsic, loc(v));
                    if (f == "set") out->operation = ops::Op::SetOf;
                } else if (r && r->kind == Resolution::Class) {
                    out = std::make_unique<Expr>(ExprKind::New, loc(v));
                    out->callee = r->func;
                    out->name = module_->classes[r->func].qualname;
                } else if (kind(v) == Ast::Lambda && py::len(v.attr("args").attr("args")) == 0 && !binds_names(v.attr("body"))) {
                    out = lower_expr(v.attr("body"));  // field(default_factory=lambda: [0] * 3)
                } else {
                    error(v, "default_factory takes list, dict, set, a class or a lambda of no parameters (without "
                             "comprehensions) in compiled code");
                    out = std::make_unique<Expr>(ExprKind::Error, loc(v));  // the field has a default still
                }
            } else if (k == "init") {
                *init = !(kind(v) == Ast::Constant && v.attr("value").ptr() == Py_False);
            } else if (k != "repr" && k != "compare" && k != "hash" && k != "metadata" && k != "kw_only") {
                error(kw, "field(" + k + "=...) is not supported by pyrite yet");
            }
        }
        return out;
    }
    try {
        return constant_from_value(value, py::module_::import("ast").attr("literal_eval")(value), "a default value");
    } catch (py::error_already_set&) {
        if (ExprP member = enum_default(value)) return member;
        error(value, "a field's default must be a constant (or field(default_factory=list))");
        return std::make_unique<Expr>(ExprKind::Error, loc(value));
    }
}

// The signature of the __init__ a @dataclass writes (or the __new__ of a NamedTuple), as a def
// node with no body, for the call forms that bind arguments to parameters by reading one
// (Item(*row): lower_calls.cpp's lower_star_call): self, then each field __init__ takes, with its
// default where it has one (field(default=x) is x; default_factory=list/dict a fresh [] / {};
// another factory stays a call, which those forms refuse as not a literal)
py::object Lowerer::init_signature(int index) {
    py::module_ ast = py::module_::import("ast");
    const ir::Class& c = module_->classes[index];
    py::list params, defaults;
    params.append(ast.attr("arg")(c.namedtuple ? "_cls" : "self"));
    for (const ir::Field& fd : c.fields) {
        py::object dflt = py::none();
        bool init = true;
        for (int k = index; k >= 0; k = module_->classes[k].base) {
            py::dict found = field_defaults_[k].cast<py::dict>();
            if (!found.contains(py::str(fd.name))) continue;
            dflt = found[py::str(fd.name)];
            if (kind(dflt) == Ast::Call && decorator_name(dflt) == "field") {
                py::object given = py::none();
                for (py::handle kw : dflt.attr("keywords")) {
                    std::string k2 = kw.attr("arg").is_none() ? "" : std::string(py::str(kw.attr("arg")));
                    py::handle v = kw.attr("value");
                    if (k2 == "init") init = !(kind(v) == Ast::Constant && v.attr("value").ptr() == Py_False);
                    if (k2 == "default") given = py::reinterpret_borrow<py::object>(v);
                    if (k2 == "default_factory") {
                        std::string f = kind(v) == Ast::Name ? std::string(py::str(v.attr("id"))) : "";
                        given = f == "list"   ? ast.attr("List")(py::list(), ast.attr("Load")())
                                : f == "dict" ? ast.attr("Dict")(py::list(), py::list())
                                : kind(v) == Ast::Lambda ? py::object(v.attr("body"))
                                              : ast.attr("Call")(v, py::list(), py::list());
                        ast.attr("copy_location")(given, v);
                    }
                }
                dflt = given;
            }
            break;
        }
        if (!init) continue;
        params.append(ast.attr("arg")(fd.name));
        if (!dflt.is_none()) defaults.append(dflt);
    }
    py::object args = ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(), defaults);
    return ast.attr("FunctionDef")(c.namedtuple ? "__new__" : "__init__", args, py::list(), py::list());
}

// A method pyrite writes for class `index` (a dataclass's __init__, a NamedTuple's __new__): a new
// function of the module, lowered in `scope` (the class's globals), the current one from now on
ir::Function& Lowerer::made_function(const ClassInput& in, int index, const std::string& name, FunctionInput& scope) {
    scope.file = in.file;
    scope.qualname = in.qualname + "." + name;
    scope.globals = in.globals;
    in_ = &scope;
    module_->functions.emplace_back();
    ir::Function& f = module_->functions.back();
    fn_ = &f;
    f.qualname = scope.qualname;
    f.pyname = name;
    f.file = in.file;
    f.loc = module_->classes[index].loc;
    return f;
}

// The __init__ @dataclass writes: one parameter per field (those with defaults last, as
// dataclass requires), each stored into its field, then __post_init__ if the class has one.
void Lowerer::dataclass_init(const ClassInput& in, int index) {
    FunctionInput scope;
    scope.self_class = index;
    ir::Function& f = made_function(in, index, "__init__", scope);
    ir::Class& c = module_->classes[index];
    f.method_of = index;
    int self = f.add_var("self", c.loc);
    f.vars[self].is_param = true;
    f.vars[self].declared = c.type;
    f.params.push_back(self);
    f.defaults.emplace_back();
    for (const ir::Field& fd : c.fields) {
        ExprP def;
        bool init = true;
        for (int k = index; k >= 0; k = module_->classes[k].base) {  // its own default, or its base's
            py::dict defaults = field_defaults_[k].cast<py::dict>();
            if (!defaults.contains(py::str(fd.name))) continue;
            def = dataclass_default(defaults[py::str(fd.name)], &init);
            break;
        }
        ExprP value;
        if (init) {
            int v = f.add_var(fd.name, fd.loc);
            f.vars[v].is_param = true;
            f.vars[v].declared = fd.declared;
            f.vars[v].from_calls = !fd.declared;  // a bare `dict` field's: what the calls pass, or the field's type
            f.params.push_back(v);
            f.defaults.push_back(std::move(def));
            value = std::make_unique<Expr>(ExprKind::Var, fd.loc);
            value->var = v;
        } else if (def) {
            value = std::move(def);
        } else {
            continue;  // field(init=False) without a default: unset until assigned
        }
        auto s = std::make_unique<Stmt>(StmtKind::Store, fd.loc);
        s->target = std::make_unique<Expr>(ExprKind::Attr, fd.loc);
        s->target->name = fd.name;
        auto obj = std::make_unique<Expr>(ExprKind::Var, fd.loc);
        obj->var = self;
        s->target->args.push_back(std::move(obj));
        s->value = std::move(value);
        f.body.push_back(std::move(s));
    }
    int post = c.method("__post_init__");
    if (post >= 0) {
        auto call = std::make_unique<Expr>(ExprKind::CallFunc, c.loc);
        call->callee = post;
        call->name = module_->functions[post].qualname;
        auto obj = std::make_unique<Expr>(ExprKind::Var, c.loc);
        obj->var = self;
        call->args.push_back(std::move(obj));
        auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, c.loc);
        s->value = std::move(call);
        f.body.push_back(std::move(s));
    }
    c.init = static_cast<int>(module_->functions.size()) - 1;
}

// Which fields every instance has from the start: a constant default, or a store at the
// start of __init__ (`self.x = <an expression that reads no field not yet set and passes
// self nowhere>`), which nothing can read before it. Others are checked when read.
void mark_always_set(ir::Module& m) {
    for (ir::Class& c : m.classes) {
        if (c.init < 0) continue;
        const ir::Function& f = m.functions[c.init];
        if (f.params.empty()) continue;
        int self = f.params[0];
        std::function<bool(const Expr&)> safe = [&](const Expr& e) {
            if (e.kind == ExprKind::Var && e.var == self) return false;  // self itself escapes
            if (e.kind == ExprKind::Attr && e.args[0]->kind == ExprKind::Var && e.args[0]->var == self) {
                int i = c.field(e.name);
                return i >= 0 && c.fields[i].always_set;
            }
            if (e.kind == ExprKind::Block || e.kind == ExprKind::Lambda) return false;
            for (const ExprP& a : e.args)
                if (!safe(*a)) return false;
            return true;
        };
        for (const ir::StmtP& s : f.body) {
            // super().__init__(...) first: what the base's __init__ sets at its start is set
            if (s->kind == StmtKind::ExprStmt && s->value->kind == ExprKind::CallFunc && c.base >= 0 &&
                s->value->callee == m.classes[c.base].init && !s->value->args.empty() &&
                s->value->args[0]->kind == ExprKind::Var && s->value->args[0]->var == self) {
                bool ok = true;
                for (size_t a = 1; a < s->value->args.size(); ++a) ok = ok && safe(*s->value->args[a]);
                if (!ok) break;
                for (const ir::Field& bf : m.classes[c.base].fields)
                    if (bf.always_set && c.field(bf.name) >= 0) c.fields[c.field(bf.name)].always_set = true;
                continue;
            }
            // an exception class's super().__init__(...) (BaseException's) sets only its args
            if (s->kind == StmtKind::ExprStmt && s->value->kind == ExprKind::Intrinsic &&
                s->value->operation == ops::Op::ExcInit) {
                bool ok = true;
                for (size_t a = 1; a < s->value->args.size(); ++a) ok = ok && safe(*s->value->args[a]);
                if (!ok) break;
                continue;
            }
            if (s->kind != StmtKind::Store || s->target->kind != ExprKind::Attr) break;
            const Expr& obj = *s->target->args[0];
            if (obj.kind != ExprKind::Var || obj.var != self || !safe(*s->value)) break;
            int i = c.field(s->target->name);
            if (i >= 0) c.fields[i].always_set = true;
        }
    }
}

// field(compare=False), field(repr=False), field(hash=...): the fields a dataclass's ==, order and
// repr leave out, and those its hash (a frozen one's) takes: hash=None, the default, is compare's
void Lowerer::dataclass_field_flags(int index) {
    ir::Class& c = module_->classes[index];
    for (ir::Field& fd : c.fields) {
        for (int k = index; k >= 0; k = module_->classes[k].base) {  // its own field(...), or its base's
            py::dict defaults = field_defaults_[k].cast<py::dict>();
            if (!defaults.contains(py::str(fd.name))) continue;
            py::handle v = defaults[py::str(fd.name)];
            int hash = -1;  // None
            if (kind(v) == Ast::Call && decorator_name(v) == "field")
                for (py::handle kw : v.attr("keywords")) {
                    std::string k2 = kw.attr("arg").is_none() ? "" : std::string(py::str(kw.attr("arg")));
                    if (k2 != "compare" && k2 != "repr" && k2 != "hash") continue;
                    py::handle x = kw.attr("value");
                    bool constant = kind(x) == Ast::Constant && (py::isinstance<py::bool_>(x.attr("value")) ||
                                                                 (k2 == "hash" && x.attr("value").is_none()));
                    if (!constant) {
                        error(x, "field(" + k2 + "=...) takes True or False" + (k2 == "hash" ? " (or None)" : "") + " here");
                        continue;
                    }
                    if (x.attr("value").is_none()) continue;
                    bool on = x.attr("value").ptr() == Py_True;
                    if (k2 == "compare") fd.compare = on;
                    else if (k2 == "repr") fd.in_repr = on;
                    else hash = on;
                }
            fd.hashed = hash < 0 ? fd.compare : hash == 1;
            break;
        }
    }
}

// dataclass(order=True): __lt__ __le__ __gt__ __ge__ compare the fields in order, as the
// tuples of them compare: the first field that differs decides (those with compare=True)
void Lowerer::dataclass_order(const ClassInput& in, int index) {
    static const std::pair<const char*, ir::CmpOp> ops[] = {
        {"__lt__", ir::CmpOp::Lt}, {"__le__", ir::CmpOp::LtE}, {"__gt__", ir::CmpOp::Gt}, {"__ge__", ir::CmpOp::GtE}};
    for (const auto& [name, op] : ops) {
        ir::Class& c = module_->classes[index];
        if (c.method(name) >= 0) continue;
        module_->functions.emplace_back();
        ir::Function& f = module_->functions.back();
        f.qualname = in.qualname + "." + name;
        f.pyname = name;
        f.file = in.file;
        f.loc = c.loc;
        f.method_of = index;
        f.declared_ret = Type::bool_();
        int self = f.add_var("self", c.loc), other = f.add_var("other", c.loc);
        for (int v : {self, other}) {
            f.vars[v].is_param = true;
            f.vars[v].declared = c.type;
            f.params.push_back(v);
            f.defaults.emplace_back();
        }
        auto field = [&](int v, const std::string& fd) {
            auto e = std::make_unique<Expr>(ExprKind::Attr, c.loc);
            e->name = fd;
            auto obj = std::make_unique<Expr>(ExprKind::Var, c.loc);
            obj->var = v;
            e->args.push_back(std::move(obj));
            return e;
        };
        auto compare = [&](const std::string& fd, ir::CmpOp cmp) {
            auto e = std::make_unique<Expr>(ExprKind::Compare, c.loc);
            e->cmps = {cmp};
            e->args.push_back(field(self, fd));
            e->args.push_back(field(other, fd));
            return e;
        };
        for (const ir::Field& fd : c.fields) {  // if self.f != other.f: return self.f < other.f
            if (!fd.compare) continue;
            auto s = std::make_unique<Stmt>(StmtKind::If, c.loc);
            s->value = compare(fd.name, ir::CmpOp::NotEq);
            auto r = std::make_unique<Stmt>(StmtKind::Return, c.loc);
            r->value = compare(fd.name, op);
            s->body.push_back(std::move(r));
            f.body.push_back(std::move(s));
        }
        auto r = std::make_unique<Stmt>(StmtKind::Return, c.loc);  // all equal: <= and >= hold
        r->value = std::make_unique<Expr>(ExprKind::BoolConst, c.loc);
        r->value->ival = op == ir::CmpOp::LtE || op == ir::CmpOp::GtE;
        f.body.push_back(std::move(r));
        c.methods.emplace_back(name, static_cast<int>(module_->functions.size()) - 1);
    }
}

}  // namespace pyrite::frontend
