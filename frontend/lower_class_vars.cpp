// frontend: class variables. A class attribute that compiled code assigns through the class
// (`Counter.count += 1`, `cls.total = 0` in a @classmethod), or a container its class body makes
// (`registry: list[str] = []`, `seen: set[str] = set()`, which every instance shares), is one value of the class, not a
// field of each instance: an ir::Global owned by the class (Global::cls), which each call from
// Python reads from the class object and stores back into it when it returns (a container: written
// back as an argument is), as it does a module's global (codegen's globals, the module template).
// Reads through the class, a subclass or an instance (`self.count`: typeinfer's attr) read it; an
// assignment through an instance (`self.count = 0`, which would give the instance an attribute
// hiding it) or through a subclass (which would give the subclass one) is a diagnostic, as is a
// subclass whose body defines the name again.
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

// Before any function is lowered: which (class, attribute) pairs some function assigns through the
// class (`C.NAME = v`, `C.NAME += v`, `del C.NAME`, and `cls.NAME` in a @classmethod of C), and
// which attributes methods assign through their instance (`self.NAME = v`)
void Lowerer::find_class_stores(const std::vector<FunctionInput>& inputs) {
    py::object walk = py::module_::import("ast").attr("walk");
    for (const FunctionInput& in : inputs) {
        py::list params = in.node.attr("args").attr("args");
        std::string first = py::len(params) ? std::string(py::str(params[0].attr("arg"))) : "";
        for (py::handle n : walk(in.node)) {
            if (kind(n) != Ast::Attribute || kind(n.attr("ctx")) == Ast::Load) continue;
            if (py::handle x = type_operand(n.attr("value"), false)) {  // type(self).NAME = v, self.__class__.NAME += v
                if (in.self_class >= 0 && !first.empty() && kind(x) == Ast::Name && std::string(py::str(x.attr("id"))) == first)
                    class_stores_.insert({in.self_class, py::str(n.attr("attr"))});
                continue;
            }
            if (kind(n.attr("value")) != Ast::Name) continue;
            std::string id = py::str(n.attr("value").attr("id")), attr = py::str(n.attr("attr"));
            if (!first.empty() && id == first && in.self_class >= 0) {
                instance_stores_.insert({in.self_class, attr});
                continue;
            }
            int k = !first.empty() && id == first && in.class_of >= 0 ? in.class_of : -1;
            if (auto it = in.globals.find(id); k < 0 && it != in.globals.end() && it->second.kind == Resolution::Class)
                k = it->second.func;
            if (k >= 0) class_stores_.insert({k, attr});
        }
    }
}

// NAME = value, NAME: T = value in class `index`'s body: whether it is a class variable, which
// class_var then declares
bool Lowerer::is_class_var(int index, const std::string& name, py::handle value, py::handle annotation) {
    const ir::Class& c = module_->classes[index];
    if (c.namedtuple || c.is_enum) return false;
    bool declared_var = !annotation.is_none() && class_var_annotation(annotation);
    if (c.dataclass && !annotation.is_none() && !declared_var) return false;  // a dataclass's field stays one
    if (class_stores_.count({index, name})) return true;
    bool shared = !value.is_none() && (kind(value) == Ast::List || kind(value) == Ast::Dict || kind(value) == Ast::Set ||
                                       empty_container(value));  // registry = [], seen: set[str] = set()
    if (shared && !c.dataclass && !instance_stores_.count({index, name})) return true;  // every instance's one list
    return declared_var;
}

// ClassVar[T], typing.ClassVar[T] (or its text): the class's, never an instance's (a dataclass's too)
bool Lowerer::class_var_annotation(py::handle annotation) {
    std::string text = py::str(py::module_::import("ast").attr("unparse")(annotation));
    return text.rfind("ClassVar", 0) == 0 || text.rfind("typing.ClassVar", 0) == 0 || text.rfind("'ClassVar", 0) == 0;
}

// Declares class `index`'s variable NAME (statement st of its body): typed by its annotation
// (ClassVar[T]'s T), else by its value as capture.py found it (ClassInput::attribute_types)
void Lowerer::class_var(const ClassInput& in, int index, const std::string& name, py::handle st) {
    ir::Class& c = module_->classes[index];
    int base_owner = -1;
    if (class_var_of(c.base, name, &base_owner) >= 0)
        return error(st, "'" + name + "' is a class variable of '" + module_->classes[base_owner].qualname + "', which "
                         "compiled code reads through its subclasses too: a subclass defining its own is not supported "
                         "(give it another name)");
    const Type* t = nullptr;
    py::handle ann = kind(st) == Ast::AnnAssign ? st.attr("annotation") : py::handle();
    if (ann && class_var_annotation(ann)) {
        ann = kind(ann) == Ast::Subscript ? ann.attr("slice") : py::handle();  // ClassVar[T]: T (a bare ClassVar: its value's)
        if (ann && kind(ann) == Ast::Constant) ann = py::handle();             // (a text: its value's type, as capture read it)
    }
    if (ann && !bare_container(ann)) {
        t = lower_annotation(ann);
        if (!t) return;
    }
    if (!t) {
        auto it = in.attribute_types.find(name);
        if (it == in.attribute_types.end())
            return error(st, "'" + c.qualname + "." + name + "' is a class variable (compiled code assigns it through the "
                             "class): compiled code keeps numbers, str, bool, lists, dicts and sets as class variables, "
                             "not this value");
        if (py::isinstance<py::tuple>(it->second)) return error(st, py::str(it->second.cast<py::tuple>()[1]));
        py::object parsed = py::module_::import("ast").attr("parse")(it->second, "<annotation>", "eval").attr("body");
        size_t errors = diags_.items().size();
        t = lower_annotation(parsed);
        if (!t || diags_.items().size() != errors) {
            diags_.truncate(errors);
            return error(st, "'" + c.qualname + "." + name + "' holds a '" + std::string(py::str(it->second)) +
                             "', which compiled code cannot keep as a class variable");
        }
    }
    module_->globals.push_back(ir::Global{c.module, name, t, in.file, loc(st), index});
}

// The class variable NAME of class k or of its nearest base that has one (the class holding it in
// *owner), or -1
int Lowerer::class_var_of(int k, const std::string& name, int* owner) {
    int g = module_->class_var(k, name);
    if (g >= 0 && owner) *owner = module_->globals[static_cast<size_t>(g)].cls;
    return g;
}

// type(self) or self.__class__ in a method of class k (`of`: the attribute's value): k, else -1
int Lowerer::type_of_self(py::handle of) {
    py::handle x = type_operand(of);
    ir::Class* c = x ? self_class(x) : nullptr;
    return c ? static_cast<int>(c - module_->classes.data()) : -1;
}

// C.NAME, cls.NAME, type(self).NAME (node: the ast.Attribute, base: how the class is written) as a
// class variable: its Global, an Error (a store compiled code does not make), or null where NAME is
// no class variable. augmented: the target of `C.NAME += v` (a list's += extends it in place)
ExprP Lowerer::class_var_ref(py::handle node, const std::string& base, const Resolution* r, bool augmented) {
    int self_type = type_of_self(node.attr("value"));
    int k = r && r->kind == Resolution::Class ? r->func
            : !cls_name_.empty() && base == cls_name_ && in_ && in_->class_of >= 0 ? in_->class_of : self_type;
    if (k < 0) return nullptr;
    bool dynamic = self_type >= 0 || (!cls_name_.empty() && base == cls_name_);  // the class it runs on
    std::string attr = py::str(node.attr("attr"));
    int owner = -1;
    int g = class_var_of(k, attr, &owner);
    if (g < 0) return nullptr;
    bool load = kind(node.attr("ctx")) == Ast::Load;
    if (kind(node.attr("ctx")) == Ast::Del)
        return error_expr(node, "'del " + base + "." + attr + "' deletes a class variable: not supported");
    const Type* t = module_->globals[static_cast<size_t>(g)].type;
    if (!load && !augmented && t->has_container())  // its write-back fills the class's own object
        return error_expr(node, "'" + base + "." + attr + "' is a " + t->str() + " of the class: compiled code changes it in "
                                    "place (" + base + "." + attr + ".clear(), .append(...), .update(...)) but does not "
                                    "assign another");
    bool subclassed = false;
    for (const ir::Class& c : module_->classes) subclassed = subclassed || c.base == k;
    if (!load && dynamic && subclassed)
        return error_expr(node, "'" + base + "." + attr + "' of a class with subclasses: run for a subclass's instance "
                                    "or on the subclass, Python gives the subclass an attribute of its own; assign it "
                                    "through '" + module_->classes[owner].qualname + "." + attr + "'");
    if (!load && owner != k)
        return error_expr(node, "'" + base + "." + attr + "' assigns the class variable of '" + module_->classes[owner].qualname +
                                    "' through its subclass, which in Python gives the subclass an attribute of its own: "
                                    "assign it through '" + module_->classes[owner].qualname + "'");
    auto e = std::make_unique<Expr>(ExprKind::Global, loc(node));
    e->index = g;
    e->name = module_->classes[owner].qualname + "." + attr;
    return e;
}

// Why C.NAME = v (class k) is not compiled, NAME being no class variable of k: the body defines no
// NAME, or a base's does (Python would give k an attribute of its own, hiding the base's)
std::string Lowerer::class_store_error(int k, const std::string& base, const std::string& attr) {
    if (module_->classes[k].dataclass && module_->classes[k].field(attr) >= 0)
        return "'" + base + "." + attr + "' is a field of the dataclass '" + base + "' (each instance's, its default the "
               "class's): compiled code does not assign it through the class (a ClassVar[...] is the class's own)";
    for (int b = module_->classes[k].base; b >= 0; b = module_->classes[b].base)
        if (module_->classes[b].field(attr) >= 0 || class_var_of(b, attr, nullptr) >= 0)
            return "'" + base + "." + attr + "' would give '" + base + "' an attribute of its own, hiding '" +
                   module_->classes[b].qualname + "." + attr + "': compiled code assigns a class variable through the "
                   "class whose body defines it";
    return "'" + base + "." + attr + "' assigns an attribute the body of '" + base + "' does not define: compiled code "
           "assigns the class variables a class body defines (" + attr + " = 0 in the class)";
}

}  // namespace pyrite::frontend
