// frontend: classes. A class of the program becomes an ir::Class: its fields (annotated in
// the class body, or assigned as `self.NAME = ...` in its methods: lower_stmt.cpp adds
// those), its methods (captured as functions whose first parameter is the instance);
// NamedTuples and Enums. (What @dataclass writes: lower_dataclass.cpp.)
#include <functional>
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

// (false: a class variable of the class or a base has the name, which the field would hide: said why)
bool Lowerer::add_field(ir::Class& c, const std::string& name, const Type* declared, Loc at) {
    if (c.getter(name) >= 0 || c.setter(name) >= 0) return true;  // self.x = v of a property calls its setter
    int owner = -1;
    if (class_var_of(static_cast<int>(&c - module_->classes.data()), name, &owner) >= 0) {
        diags_.error(in_ ? in_->file : c.file, at,
                     "'" + name + "' is a class variable of '" + module_->classes[owner].qualname + "' (compiled code "
                     "assigns it through the class, or it is a container every instance shares); an attribute of the "
                     "same name of an instance or a subclass would hide it: not supported (give it another name)");
        return false;
    }
    int i = c.field(name);
    if (i < 0) {
        c.fields.push_back(ir::Field{name, declared, nullptr, at, nullptr, false});
        return true;
    }
    if (declared && !c.fields[i].declared) c.fields[i].declared = declared;
    return true;
}

// `self` of a method of a class: the class, else null (obj.x = v of another object
// assigns a field its class must declare)
ir::Class* Lowerer::self_class(py::handle object) {
    if (!in_ || in_->self_class < 0 || kind(object) != Ast::Name || fn_->params.empty()) return nullptr;
    if (local(py::str(object.attr("id"))) != fn_->params[0]) return nullptr;
    return &module_->classes[in_->self_class];
}

// what a NamedTuple class may define: methods, and dunders that do not change what a tuple is
static bool named_tuple_method(const std::string& m) {
    if (m.size() < 5 || m.rfind("__", 0) != 0 || m.compare(m.size() - 2, 2, "__") != 0) return true;
    static const std::set<std::string> operators = {
        "__repr__", "__str__", "__neg__", "__pos__", "__invert__", "__abs__"};
    static const std::set<std::string> binary = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul",
                                                 "lshift", "rshift", "and", "or", "xor"};
    if (operators.count(m)) return true;
    std::string op = m.substr(2, m.size() - 4);
    if (binary.count(op)) return true;
    return (op[0] == 'r' || op[0] == 'i') && binary.count(op.substr(1));
}


void Lowerer::lower_class(const ClassInput& in, int index) {
    // annotations in the class body resolve names through the class's own globals
    FunctionInput scope;
    scope.file = in.file;
    scope.qualname = in.qualname;
    scope.globals = in.globals;
    in_ = &scope;
    fn_ = nullptr;
    ir::Class& c = module_->classes[index];
    py::handle node = in.node;
    c.qualname = in.qualname;
    c.module = in.module;
    c.file = in.file;
    c.loc = loc(node);
    c.dataclass = !in.dataclass.is_none();
    c.abstract = in.abstract;
    if (c.dataclass) {
        c.eq = in.dataclass["eq"].cast<bool>();
        c.repr = in.dataclass["repr"].cast<bool>();
        c.frozen = in.dataclass["frozen"].cast<bool>();
        c.order = in.dataclass["order"].cast<bool>();
    }
    std::string name = py::str(node.attr("name"));
    if (!in.metaclass.empty()) {  // its body and its uses say nothing more (Class::refused)
        if (!in.enum_flavour.empty())  // an IntEnum, a Flag, a (str, Enum)...
            error(node, "class '" + name + "' derives from '" + in.enum_flavour +
                            "': pyrite compiles enum.Enum classes whose values are all int, all float or all str, "
                            "IntEnum, StrEnum and Enums mixed with int or str (Flag and IntFlag are not supported yet)");
        else
            error(node, "class '" + name + "' has the metaclass '" + in.metaclass +
                            "': pyrite compiles plain classes (abc.ABC ones too), dataclasses and NamedTuples (other "
                            "metaclasses are not supported)");
        return;
    }
    if (in.bases.size() > 1)
        error(node, "class '" + name + "' has several bases: pyrite compiles single inheritance only");
    else if (in.base < 0 && !in.bases.empty() && in.bases[0] != "builtins.object" && !c.type->exc && !c.namedtuple)
        error(node, "class '" + name + "' derives from '" + in.bases[0] + "', which is not a class of the program: "
                    "pyrite compiles classes that derive from object, from one of Python's builtin exceptions "
                    "or from another class it compiles");
    for (py::handle d : node.attr("decorator_list"))
        if (decorator_name(d) != "dataclass" || !c.dataclass)
            error(d, "the class decorator '" + decorator_name(d) + "' is not supported (pyrite compiles plain classes "
                     "and @dataclass)");
    for (py::handle st : node.attr("body")) {
        Ast k = kind(st);
        if (k == Ast::Pass) continue;
        if (k == Ast::Expr && kind(st.attr("value")) == Ast::Constant) continue;  // a docstring
        if (k == Ast::ClassDef) continue;  // a nested class: a class of its own where compiled code uses it (Graph.Edge)
        if (k == Ast::AnnAssign) {
            py::handle value = st.attr("value");
            if (kind(st.attr("target")) == Ast::Name &&
                is_class_var(index, py::str(st.attr("target").attr("id")), value, st.attr("annotation"))) {
                class_var(in, index, py::str(st.attr("target").attr("id")), st);  // lower_class_vars.cpp
                continue;
            }
            bool shared = c.namedtuple && !value.is_none() &&
                          (kind(value) == Ast::List || kind(value) == Ast::Dict || kind(value) == Ast::Set);
            if (shared)
                error(value, "this default is one object that every instance of the NamedTuple shares: pyrite compiles "
                             "NamedTuple defaults that are constants (a tuple instead of a list)");
            class_field(st, c, c.dataclass, shared);
            continue;
        }
        if (k == Ast::FunctionDef) {
            std::string m = py::str(st.attr("name"));
            static const std::set<std::string> dynamic = {"__getattr__", "__getattribute__", "__setattr__", "__delattr__"};
            if (dynamic.count(m)) {
                error(st, "'" + m + "' makes attribute access dynamic: pyrite compiles classes with fixed fields");
                continue;
            }
            if (c.namedtuple && !named_tuple_method(m)) {
                error(st, "'" + m + "' of a NamedTuple is not supported by pyrite: its instances are tuples, made, "
                          "compared, hashed and iterated as tuples (methods, __repr__, __str__ and arithmetic "
                          "operators are compiled)");
                continue;
            }
            bool getter = false, setter = false, classmethod = false;
            for (py::handle d : st.attr("decorator_list")) {
                std::string dn = decorator_name(d);
                getter = getter || dn == "property";
                setter = setter || (dn == "setter" && kind(d) == Ast::Attribute);
                classmethod = classmethod || dn == "classmethod";
                if (dn != "staticmethod" && dn != "property" && dn != "classmethod" && dn != "abstractmethod" &&
                    !(dn == "setter" && kind(d) == Ast::Attribute))
                    error(d, "the method decorator '" + dn + "' is not supported by pyrite yet (plain methods, "
                             "@staticmethod, @classmethod, @property and @abstractmethod are)");
            }
            auto it = in.methods.find(setter ? m + ".setter" : m);
            if (it == in.methods.end()) continue;
            (getter ? c.getters : setter ? c.setters : c.methods).emplace_back(m, it->second);
            if (classmethod) c.classmethods.emplace_back(m, it->second);
            continue;
        }
        if (k == Ast::Assign) {
            py::list targets = st.attr("targets");
            std::string target = py::len(targets) == 1 && kind(targets[0]) == Ast::Name ? std::string(py::str(targets[0].attr("id"))) : "";
            if (target == "__slots__") continue;  // __slots__: the fields are fixed anyway
            if (target == "__match_args__") continue;  // what class patterns read (capture.py: ClassInput::match_args)
            if (!target.empty() && is_class_var(index, target, st.attr("value"), py::none())) {
                class_var(in, index, target, st);  // lower_class_vars.cpp
                continue;
            }
            if (!target.empty() && !c.dataclass && !c.namedtuple && !c.is_enum && class_constant(st, c, target)) continue;
            error(st, "class attributes without an annotation are not supported by pyrite yet, other than a "
                      "number, str or bool constant in a plain class, a list, dict or set display its instances share, "
                      "or a class variable compiled code assigns through the class: annotate it (NAME: int = 0 gives "
                      "instances a field with that default)");
            continue;
        }
        error(st, "this statement in a class body is not supported by pyrite (fields, methods and a docstring are)");
    }
}

// NAME: T [= default] in a class body: a field. Its default is what instances start with (a
// plain class's class attribute, read through the instance until assigned) or the
// dataclass's default (field(default=...), field(default_factory=...)).
void Lowerer::class_field(py::handle st, ir::Class& c, bool dataclass, bool no_default) {
    py::handle target = st.attr("target");
    if (kind(target) != Ast::Name) return error(st, "a field is annotated by its name");
    std::string name = py::str(target.attr("id"));
    py::handle ann = st.attr("annotation");
    std::string ann_text = py::str(py::module_::import("ast").attr("unparse")(ann));
    if (ann_text.rfind("ClassVar", 0) == 0 || ann_text.find(".ClassVar") != std::string::npos)
        return error(st, "ClassVar fields are not supported by pyrite yet");
    if (ann_text.rfind("InitVar", 0) == 0 || ann_text.find(".InitVar") != std::string::npos)
        return error(st, "InitVar fields are not supported by pyrite yet");
    if (dataclass && is_callable_annotation(ann)) {  // its == and repr would compare and show function objects
        c.refused = true;
        return error(ann, "a dataclass field holding a function is not supported yet (its == compares function objects, "
                          "its repr shows them); a plain class's field may hold one: self." + name + " = " + name);
    }
    // a bare `dict` or `list` (items: dict = field(default_factory=dict)) declares nothing: the
    // field is typed by what is assigned and stored, as an unannotated self.x is
    bool bare = bare_container(ann);
    const Type* t = bare ? nullptr : lower_annotation(ann);
    if (!t && !bare) return;
    if (!add_field(c, name, t, loc(target))) return;
    py::handle value = st.attr("value");
    if (value.is_none()) return;
    field_defaults_[&c - module_->classes.data()][py::str(name)] = value;
    if (no_default) return;  // reported by the caller
    // a constant default is also the class attribute every instance reads until it assigns its own
    py::handle constant = value;
    if (dataclass && kind(value) == Ast::Call && decorator_name(value) == "field") {
        constant = py::handle();
        for (py::handle kw : value.attr("keywords"))
            if (!kw.attr("arg").is_none() && std::string(py::str(kw.attr("arg"))) == "default") constant = kw.attr("value");
        if (!constant) return;  // default_factory: made by __init__ (dataclass_init)
    }
    py::object literal;
    try {
        literal = py::module_::import("ast").attr("literal_eval")(constant);
    } catch (py::error_already_set&) {
        if (ExprP member = enum_default(constant)) {  // kind: Kind = Kind.BUY
            ir::Field& fd = c.fields[c.field(name)];
            fd.value = std::move(member);
            fd.always_set = true;
            return;
        }
        if (!dataclass) error(value, "a class attribute's default must be a constant in a class pyrite compiles");
        return;  // a dataclass's: reported by dataclass_init
    }
    ExprP def = constant_from_value(constant, literal, "a default value");
    ir::Field& fd = c.fields[c.field(name)];
    if (def->kind != ExprKind::Error) {
        fd.value = std::move(def);
        fd.always_set = true;
    }
}

// NAME = constant in a plain class's body (rate = 0.02): the class attribute every instance reads
// until it assigns its own, as an annotated one (class_field), of the constant's type
bool Lowerer::class_constant(py::handle st, ir::Class& c, const std::string& name) {
    py::handle value = st.attr("value");
    py::object literal;
    try {
        literal = py::module_::import("ast").attr("literal_eval")(value);
    } catch (py::error_already_set&) {
        return false;
    }
    const Type* t = py::isinstance<py::bool_>(literal) ? Type::bool_()
                    : py::isinstance<py::int_>(literal) ? Type::int_()
                    : py::isinstance<py::float_>(literal) ? Type::float_()
                    : py::isinstance<py::str>(literal) ? Type::str_()
                    : nullptr;
    if (!t) return false;
    ExprP def = constant_from_value(value, literal, "a class attribute");
    if (def->kind == ExprKind::Error) return true;  // said why
    if (!add_field(c, name, nullptr, loc(st))) return true;  // its type: the constant's, joined with what
    field_defaults_[&c - module_->classes.data()][py::str(name)] = value;  // is assigned (0 then 0.5: int | float)
    ir::Field& fd = c.fields[c.field(name)];
    fd.type = t;
    fd.value = std::move(def);
    fd.always_set = true;
    return true;
}

// typing.NamedTuple classes. An instance is a tuple of the fields (Type::named_tuple): made,
// indexed, unpacked, compared and hashed as a tuple; p.x is item 0. The class's type names its
// fields' types, so the NamedTuples its fields hold are typed first; one that holds itself
// (a node with a `next: Node | None`) cannot be a value and is reported.
void Lowerer::lower_named_tuples(const std::vector<ClassInput>& classes) {
    std::vector<int> state(classes.size(), 0);  // 0: not yet, 1: its fields being typed, 2: typed
    std::function<void(int)> visit = [&](int i) {
        ir::Class& c = module_->classes[i];
        state[i] = 1;
        c.type = Type::named_tuple(i, classes[i].qualname, {});  // what a field naming it (reported) sees
        // the NamedTuples its fields' annotations name (as names, or in strings)
        py::object walk = py::module_::import("ast").attr("walk");
        for (py::handle st : classes[i].node.attr("body")) {
            if (kind(st) != Ast::AnnAssign) continue;
            for (py::handle n : walk(st.attr("annotation"))) {
                std::string id;
                if (kind(n) == Ast::Name) id = py::str(n.attr("id"));
                else if (kind(n) == Ast::Constant && py::isinstance<py::str>(n.attr("value"))) id = py::str(n.attr("value"));
                auto r = classes[i].globals.find(id);
                if (r == classes[i].globals.end() || r->second.kind != Resolution::Class) continue;
                int j = r->second.func;
                if (j < 0 || j >= static_cast<int>(classes.size()) || !classes[j].namedtuple) continue;
                if (state[j] == 1) {
                    diags_.error(classes[i].file, loc(st), "the NamedTuple '" + classes[i].qualname + "' holds " +
                                 (j == i ? "itself" : "'" + classes[j].qualname + "', which holds it") +
                                 ": a tuple cannot contain itself in compiled code (make it a class, a @dataclass)");
                    continue;
                }
                if (state[j] == 0) visit(j);
            }
        }
        lower_class(classes[i], i);
        std::vector<const Type*> elems;
        for (const ir::Field& fd : c.fields) elems.push_back(fd.declared ? fd.declared : Type::unknown());
        c.type = Type::named_tuple(i, classes[i].qualname, elems);
        state[i] = 2;
    };
    for (size_t i = 0; i < classes.size(); ++i)
        if (classes[i].namedtuple && state[i] == 0) visit(static_cast<int>(i));
}

// The __new__ a NamedTuple class has: Point(x, y=0.0) takes its fields in order (those with
// defaults last, as NamedTuple requires) and returns the tuple of them, typed Point.
void Lowerer::named_tuple_new(const ClassInput& in, int index) {
    FunctionInput scope;
    ir::Function& f = made_function(in, index, "__new__", scope);
    ir::Class& c = module_->classes[index];
    f.declared_ret = c.type;
    auto made = std::make_unique<Expr>(ExprKind::Tuple, c.loc);
    made->callee = index;  // a named tuple: typed as the class's
    py::dict defaults = field_defaults_[index].cast<py::dict>();
    for (const ir::Field& fd : c.fields) {
        int v = f.add_var(fd.name, fd.loc);
        f.vars[v].is_param = true;
        f.vars[v].declared = fd.declared;
        f.params.push_back(v);
        ExprP def;  // the constant class_field read (one it could not read: reported there)
        if (fd.value) def = ir::clone(*fd.value);
        else if (defaults.contains(py::str(fd.name))) def = std::make_unique<Expr>(ExprKind::Error, fd.loc);
        f.defaults.push_back(std::move(def));
        auto x = std::make_unique<Expr>(ExprKind::Var, fd.loc);
        x->var = v;
        made->args.push_back(std::move(x));
    }
    auto r = std::make_unique<Stmt>(StmtKind::Return, c.loc);
    r->value = std::move(made);
    f.body.push_back(std::move(r));
    c.init = static_cast<int>(module_->functions.size()) - 1;
}

// An enum.Enum class: its members are its fields, in order, each with its value (a constant, all
// of one type); an instance is a member (Type::enum_), made by naming it (Color.RED), by its value
// (Color(1)), or by iterating the class (lower_expr.cpp). Its methods are not compiled.
void Lowerer::lower_enum(const ClassInput& in, int index) {
    ir::Class& c = module_->classes[index];
    FunctionInput scope;
    scope.file = in.file;
    scope.qualname = in.qualname;
    scope.globals = in.globals;
    in_ = &scope;
    fn_ = nullptr;
    py::handle node = in.node;
    c.qualname = in.qualname;
    c.module = in.module;
    c.file = in.file;
    c.loc = loc(node);
    std::string name = py::str(node.attr("name"));
    for (py::handle st : node.attr("body")) {  // its methods (self: a member), static and class methods
        if (kind(st) != Ast::FunctionDef) continue;
        std::string m = py::str(st.attr("name"));
        if (m.size() > 4 && m.rfind("__", 0) == 0 && m.compare(m.size() - 2, 2, "__") == 0) {
            error(st, "'" + m + "' of an Enum is not supported by pyrite: its members are made, compared, hashed "
                      "and printed as enum.Enum's (plain methods, @staticmethod and @classmethod are compiled)");
            continue;
        }
        bool classmethod = false, ok = true;
        for (py::handle d : st.attr("decorator_list")) {
            std::string dn = decorator_name(d);
            classmethod = classmethod || dn == "classmethod";
            if (dn != "staticmethod" && dn != "classmethod") {
                error(d, "the decorator '" + dn + "' on a method of an Enum is not supported by pyrite yet");
                ok = false;
            }
        }
        auto it = in.methods.find(m);
        if (!ok || it == in.methods.end()) continue;
        c.methods.emplace_back(m, it->second);
        if (classmethod) c.classmethods.emplace_back(m, it->second);
    }
    std::string vtype;
    for (const ClassInput::EnumMember& m : in.enum_members) {
        std::string t = py::str(py::type::handle_of(m.value).attr("__name__"));
        if (m.canonical != m.name) {
            error(node, "'" + name + "." + m.name + "' is an alias of '" + name + "." + m.canonical +
                            "': pyrite compiles Enums whose members have distinct values");
            c.refused = true;
            return;
        }
        // a tuple of ints, floats and strs (Dir.N = (0, 1)): its type, tuple[int, int]
        std::vector<const Type*> parts;
        if (t == "tuple" && in.enum_mixin.empty()) {
            std::string shown;
            for (py::handle x : m.value) {
                std::string xt = py::str(py::type::handle_of(x).attr("__name__"));
                parts.push_back(xt == "int" ? Type::int_() : xt == "str" ? Type::str_() : xt == "float" ? Type::float_() : nullptr);
                if (!parts.back()) {
                    t = "tuple holding a '" + xt + "'";
                    break;
                }
                shown += (shown.empty() ? "" : ", ") + xt;
            }
            if (!parts.empty() && parts.back()) t = "tuple[" + shown + "]";
        }
        bool tuple = t.rfind("tuple[", 0) == 0;
        if (t != "int" && t != "str" && t != "float" && !tuple) {
            error(node, "the member '" + name + "." + m.name + "' has a value of type '" + t +
                            "': pyrite compiles Enums whose values are int, float, str or tuples of these");
            c.refused = true;
            return;
        }
        if (!in.enum_mixin.empty() && t != in.enum_mixin.substr(0, 3)) {  // (int, Enum) with a str value...
            error(node, "the member '" + name + "." + m.name + "' has a value of type '" + t + "' in an enum of '" +
                            in.enum_mixin.substr(0, 3) + "' members: pyrite compiles enums whose values are of their mixin type");
            c.refused = true;
            return;
        }
        if (!vtype.empty() && t != vtype) {
            error(node, "the Enum '" + name + "' has values of types '" + vtype + "' and '" + t +
                            "': pyrite compiles Enums whose values have one type");
            c.refused = true;
            return;
        }
        vtype = t;
        ExprP value = constant_from_value(node, m.value, "an Enum value");
        const Type* declared = tuple ? Type::tuple(parts) : t == "int" ? Type::int_() : t == "str" ? Type::str_() : Type::float_();
        c.fields.push_back(ir::Field{m.name, declared, nullptr, c.loc, std::move(value), true});
    }
}

// A global Point(1.0, 2.0) of a NamedTuple class of the program: made by its class, item by item
ExprP Lowerer::named_tuple_constant(py::handle node, py::handle value, const std::string& what) {
    Loc l = loc(node);
    std::string module = py::str(py::type::handle_of(value).attr("__module__"));
    std::string qualname = py::str(py::type::handle_of(value).attr("__qualname__"));
    auto t = std::make_unique<Expr>(ExprKind::Tuple, l);
    for (size_t k = 0; k < module_->classes.size(); ++k)
        if (module_->classes[k].namedtuple && module_->classes[k].qualname == qualname && module_->classes[k].module == module)
            t->callee = static_cast<int>(k);
    if (t->callee < 0) return error_expr(node, what + " of the class '" + qualname + "' is not supported");
    for (py::handle item : value) {
        t->args.push_back(constant_from_value(node, item, what));
        if (t->args.back()->kind == ExprKind::Error) return std::move(t->args.back());
    }
    return t;
}

// An Enum class as a value (for c in Color, list(Color), len(Color)): the list of its members
ExprP Lowerer::enum_members_list(int cls, Loc at) {
    auto all = std::make_unique<Expr>(ExprKind::List, at);
    for (size_t k = 0; k < module_->classes[cls].fields.size(); ++k) {
        all->args.push_back(std::make_unique<Expr>(ExprKind::New, at));
        all->args.back()->callee = cls;
        all->args.back()->index = static_cast<std::int64_t>(k);
        all->args.back()->name = module_->classes[cls].qualname;
    }
    return all;
}

// A member of one of the program's enum classes as a constant (a global START = Dir.N): made by its
// class, as Dir.N is; null for any other value
ExprP Lowerer::enum_constant(py::handle value, Loc at) {
    py::handle type = py::type::handle_of(value);
    if (!py::hasattr(value, "_name_")) return nullptr;
    std::string qualname = py::str(type.attr("__qualname__")), module = py::str(type.attr("__module__"));
    for (size_t k = 0; k < module_->classes.size(); ++k) {
        const ir::Class& c = module_->classes[k];
        if (!c.is_enum || c.qualname != qualname || c.module != module) continue;
        int i = c.field(py::str(value.attr("_name_")));
        if (i < 0) return std::make_unique<Expr>(ExprKind::Error, at);  // a class reported at its statement
        auto e = std::make_unique<Expr>(ExprKind::New, at);
        e->callee = static_cast<int>(k);
        e->index = i;
        e->name = c.qualname;
        return e;
    }
    return nullptr;
}

// Kind.BUY as a field's default: an Enum's member is a constant too; null for anything else
ExprP Lowerer::enum_default(py::handle value) {
    if (kind(value) != Ast::Attribute || kind(value.attr("value")) != Ast::Name) return nullptr;
    std::string base = py::str(value.attr("value").attr("id"));
    const Resolution* r = global(base);
    if (!r || r->kind != Resolution::Class || !module_->classes[r->func].is_enum) return nullptr;
    return class_attribute(value, base, r, py::str(value.attr("attr")));
}

// Point._make(iterable): its items, read whole (a tuple in CPython), which must be as many as its
// fields (CPython's TypeError: Expected 2 arguments, got 3), then Point(*items):
//     (block %r { %t = <items>; if len(%t) != 2: raise TypeError(...); %r = (new Point (index %t 0) ...) })
ExprP Lowerer::lower_make(py::handle call, int cls) {
    Loc at = loc(call);
    const ir::Class& c = module_->classes[cls];
    if (py::len(call.attr("args")) != 1 || py::len(call.attr("keywords")) != 0)
        return error_expr(call, c.qualname + "._make() takes one iterable in compiled code");
    ExprP block = new_block(at);
    int t = held_in(*block, lower_expr(listed(call.attr("args")[py::int_(0)])));
    std::string name = "__pyrite_items";  // the held items, by a name the statements below read
    auto saved = locals_;
    locals_[name] = t;
    std::string n = std::to_string(c.fields.size());
    std::string items;
    for (size_t k = 0; k < c.fields.size(); ++k) items += (k ? ", " : "") + name + "[" + std::to_string(k) + "]";
    std::string source = "if len(" + name + ") != " + n + ":\n    raise TypeError(f'Expected " + n + " arguments, got {len(" +
                         name + ")}')\n" + std::string(py::str(call.attr("func").attr("value").attr("id"))) +
                         "(" + items + ")\n";
    py::module_ ast = py::module_::import("ast");
    py::object parsed = ast.attr("parse")(source);
    for (py::handle node : ast.attr("walk")(parsed)) {
        if (ast_kind(node) == Ast::Name && (std::string(py::str(node.attr("id"))) == "len" ||
                                            std::string(py::str(node.attr("id"))) == "TypeError"))
            node.attr("id") = "$" + std::string(py::str(node.attr("id")));  // the builtins, whatever the program names so
        if (!py::hasattr(node, "lineno")) continue;
        for (const char* f : {"lineno", "end_lineno"}) node.attr(f) = call.attr(f);
        for (const char* f : {"col_offset", "end_col_offset"}) node.attr(f) = call.attr(f);
    }
    py::list body = parsed.attr("body");
    lower_stmt(body[0], *block->body);
    ExprP made = lower_expr(body[1].attr("value"));
    locals_ = saved;
    return block_result(std::move(block), std::move(made));
}

// NAME.attr where NAME is a class: an Enum's member (Color.RED; cls.RED in its classmethod), a
// NamedTuple's _fields; null for anything else
ExprP Lowerer::class_attribute(py::handle node, const std::string& base, const Resolution* r, const std::string& attr) {
    int enum_cls = r && r->kind == Resolution::Class && module_->classes[r->func].is_enum ? r->func : -1;
    if (!cls_name_.empty() && base == cls_name_ && in_ && in_->class_of >= 0 && module_->classes[in_->class_of].is_enum)
        enum_cls = in_->class_of;
    if (enum_cls >= 0) {
        const ir::Class& c = module_->classes[enum_cls];
        int k = c.field(attr);
        if (k < 0 && c.refused) return std::make_unique<Expr>(ExprKind::Error, loc(node));  // reported at its class
        if (k < 0) return error_expr(node, "'" + base + "' has no member '" + attr + "'");
        auto e = std::make_unique<Expr>(ExprKind::New, loc(node));
        e->callee = enum_cls;
        e->index = k;
        e->name = c.qualname;
        return e;
    }
    if (ExprP v = class_var_ref(node, base, r)) return v;  // Animal.count += 1 (lower_class_vars.cpp)
    // Dog.sound, Bird.legs: a class attribute that is a constant in the class body (its own or a base's,
    // the nearest), read through the class; the class's snapshot check (kClassCheck) raises where Python
    // code replaced it since
    bool load = py::hasattr(node, "ctx") && ast_kind(node.attr("ctx")) == Ast::Load;
    if (load && r && r->kind == Resolution::Class && !module_->classes[r->func].namedtuple && !module_->classes[r->func].is_enum)
        for (int k = r->func; k >= 0; k = module_->classes[k].base) {
            const ir::Class& c = module_->classes[k];
            int i = c.field(attr);
            if (i < 0) continue;
            if (!c.fields[i].value || !ir::is_constant(*c.fields[i].value)) break;
            return ir::clone(*c.fields[i].value);
        }
    if (r && r->kind == Resolution::Class && module_->classes[r->func].namedtuple && attr == "_fields") {
        auto names = std::make_unique<Expr>(ExprKind::Tuple, loc(node));  // Point._fields: ("x", "y")
        for (const ir::Field& fd : module_->classes[r->func].fields) {
            names->args.push_back(std::make_unique<Expr>(ExprKind::StrConst, loc(node)));
            names->args.back()->name = fd.name;
        }
        return names;
    }
    return nullptr;
}

}  // namespace pyrite::frontend
