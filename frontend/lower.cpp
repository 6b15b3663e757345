// frontend: functions, parameters and the scope of names (annotations: lower_annotations.cpp).
#include <algorithm>
#include <functional>

#include "lower.hpp"
#include "../ir/walk.hpp"

namespace pyrite::frontend {

Loc Lowerer::loc(py::handle node) const {
    Loc l;
    if (!py::hasattr(node, "lineno")) return l;
    l.line = node.attr("lineno").cast<int>();
    l.col = node.attr("col_offset").cast<int>();
    py::object end_line = node.attr("end_lineno"), end_col = node.attr("end_col_offset");
    if (!end_line.is_none() && !end_col.is_none() && end_line.cast<int>() == l.line) l.end_col = end_col.cast<int>();
    return l;
}

void Lowerer::error(py::handle node, const std::string& message) { diags_.error(in_->file, loc(node), message); }

int Lowerer::local(const std::string& name) const {
    auto it = locals_.find(name);
    return it == locals_.end() ? -1 : it->second;
}

const Resolution* Lowerer::global(const std::string& name) const {
    auto it = in_->globals.find(name);
    if (it == in_->globals.end() && name[0] == '$') {  // a builtin where pyrite's rewrites call it (map, operator)
        static const std::map<std::string, Resolution> builtins = {
            {"$zip", {Resolution::Builtin, -1, "zip", {}}}, {"$abs", {Resolution::Builtin, -1, "abs", {}}},
            {"$bool", {Resolution::Builtin, -1, "bool", {}}}, {"$int", {Resolution::Builtin, -1, "int", {}}},
            {"$list", {Resolution::Builtin, -1, "list", {}}}, {"$tuple", {Resolution::Builtin, -1, "tuple", {}}},
            {"$len", {Resolution::Builtin, -1, "len", {}}}, {"$TypeError", {Resolution::Builtin, -1, "TypeError", {}}},
            {"$isinstance", {Resolution::Builtin, -1, "isinstance", {}}}, {"$dict", {Resolution::Builtin, -1, "dict", {}}}};
        auto b = builtins.find(name);
        return b == builtins.end() ? nullptr : &b->second;
    }
    return it == in_->globals.end() ? nullptr : &it->second;
}

int Lowerer::temp(Loc at) { return fn_->add_var("$" + std::to_string(ntemps_++), at); }

// made, its first n arguments evaluated first, in order, each into a temporary it then reads:
// (block %r { %t0 = a; %t1 = b; %r = (made %t0 %t1 ...) })
ExprP Lowerer::held_args(ExprP made, size_t n) {
    ExprP e = new_block(made->loc);  // lower_calls.cpp
    for (size_t i = 0; i < n; ++i) {
        Loc at = made->args[i]->loc;
        made->args[i] = var_expr(held_in(*e, std::move(made->args[i])), at);
    }
    return block_result(std::move(e), std::move(made));
}

ir::Module Lowerer::lower(const std::vector<FunctionInput>& inputs, const std::vector<ClassInput>& classes) {
    ir::Module m;
    module_ = &m;
    m.functions.resize(inputs.size());
    m.classes.resize(classes.size());
    field_defaults_.clear();  // one dict per class (assign() would copy one dict's handle into every slot)
    for (size_t i = 0; i < classes.size(); ++i) field_defaults_.push_back(py::dict());
    // bases before the classes that derive from them (capture lists them so), each class's type
    // naming its base's
    for (size_t i = 0; i < classes.size(); ++i) {
        int b = classes[i].base;
        m.classes[i].base = b;
        m.classes[i].qualname = classes[i].qualname;
        m.classes[i].namedtuple = classes[i].namedtuple;
        if (classes[i].namedtuple) continue;  // typed by its fields (lower_named_tuples)
        if (classes[i].is_enum) {
            m.classes[i].is_enum = true;
            const std::string& mixin = classes[i].enum_mixin;
            m.classes[i].text_is_value = !mixin.empty() && mixin.back() == '!';
            m.classes[i].type = Type::enum_(static_cast<int>(i), classes[i].qualname,
                                            mixin.empty() ? nullptr : mixin[0] == 'i' ? Type::int_() : Type::str_());
            continue;
        }
        // a metaclass (IntEnum, Flag, ABC): one diagnostic, at the class (lower_class), and none at its uses
        if (!classes[i].metaclass.empty()) m.classes[i].refused = true;
        if (b >= 0 && classes[b].namedtuple) {
            diags_.error(classes[i].file, loc(classes[i].node),
                         "class '" + classes[i].qualname + "' derives from the NamedTuple '" + classes[b].qualname +
                             "': pyrite compiles a NamedTuple class itself, not classes derived from one");
            m.classes[i].base = b = -1;
            m.classes[i].refused = true;
        }
        // an exception class: its hierarchy derives from one of Python's builtin exceptions
        const Type* base = b >= 0 && b < static_cast<int>(i) ? m.classes[b].type : nullptr;
        const Type* exc = base ? base->exc : nullptr;
        if (!base && classes[i].bases.size() == 1 && classes[i].bases[0].rfind("builtins.", 0) == 0)
            exc = Type::exception(classes[i].bases[0].substr(9));
        m.classes[i].type = Type::object(static_cast<int>(i), classes[i].qualname, base, exc);
    }
    // generator functions are inlined where iterated (lower_generators.cpp), not lowered on their own
    inputs_ = &inputs;
    class_inputs_ = &classes;
    for (size_t i = 0; i < inputs.size(); ++i) m.functions[i].generator = is_generator_function(inputs[i].node);
    // the classes first: their annotated fields, which methods' bodies add to (a NamedTuple's type
    // is its fields' types: those classes first, in the order their fields need them)
    for (size_t i = 0; i < classes.size(); ++i)  // an Enum's members first: other classes' defaults name them
        if (classes[i].is_enum) lower_enum(classes[i], static_cast<int>(i));
    lower_named_tuples(classes);
    find_class_stores(inputs);  // which class attributes are class variables (lower_class_vars.cpp)
    for (size_t i = 0; i < classes.size(); ++i)
        if (!classes[i].is_enum && !classes[i].namedtuple) lower_class(classes[i], static_cast<int>(i));
    // A generator function is inlined where compiled code iterates it; it is also compiled on its
    // own, as a coroutine that makes generator objects, where it is a method (__iter__ ...), is
    // called from Python, or a call makes a generator as a value (g = gen(), next(gen()), a
    // recursive yield from): those calls ask for it while the functions that make them are lowered
    for (size_t i = 0; i < inputs.size(); ++i) {
        if (!m.functions[i].generator) {
            size_t before = diags_.items().size();
            lower_function(inputs[i], m.functions[i]);
            m.functions[i].lower_errors = diags_.items().size() != before;
            continue;
        }
        ir::Function& fn = m.functions[i];
        fn.qualname = inputs[i].qualname;
        fn.pyname = py::str(inputs[i].node.attr("name"));
        fn.file = inputs[i].file;
        fn.loc = loc(inputs[i].node);
        fn.ret = fn.declared_ret = Type::none();
        if (inputs[i].exported || inputs[i].self_class >= 0 || inputs[i].class_of >= 0) wanted_coroutines_.insert(static_cast<int>(i));
    }
    lower_coroutines(inputs, m);
    lower_nested_functions(m);  // lower_functions.cpp: the lambdas and nested defs they made
    lower_coroutines(inputs, m);
    // a use of something reported once elsewhere (a refused class, a global) left an Error node
    // and no diagnostic here: what typeinfer cannot tell in such a function follows from it
    for (ir::Function& fn : m.functions)
        if (!fn.lower_errors)
            ir::for_each_node(fn.body, [&](ir::Expr& e) { fn.lower_errors = fn.lower_errors || e.kind == ir::ExprKind::Error; });
    // a subclass's fields: its base's (at the same offsets), then its own
    for (ir::Class& c : m.classes) {
        if (c.base < 0) continue;
        std::vector<ir::Field> merged;
        for (const ir::Field& fd : m.classes[c.base].fields)
            merged.push_back(ir::Field{fd.name, fd.declared, fd.type, fd.loc, fd.value ? ir::clone(*fd.value) : nullptr,
                                       fd.always_set});
        for (ir::Field& fd : c.fields) {
            auto same = std::find_if(merged.begin(), merged.end(), [&](const ir::Field& x) { return x.name == fd.name; });
            if (same == merged.end()) {
                merged.push_back(std::move(fd));
            } else if (fd.declared && same->declared && fd.declared != same->declared) {
                diags_.error(c.file, fd.loc, "the field '" + fd.name + "' is declared '" + fd.declared->str() + "' here but '" +
                                                 same->declared->str() + "' in the base class: a field keeps one type");
            } else {
                if (fd.declared) same->declared = fd.declared;
                if (fd.value) {  // raise_pct: float = 0.10 anew: the subclass's instances start with it
                    same->value = std::move(fd.value);
                    same->always_set = fd.always_set;
                }
            }
        }
        c.fields = std::move(merged);
    }
    // then what a dataclass makes: its __init__, a function like the others; a class without one
    // is made by its base's
    for (size_t i = 0; i < classes.size(); ++i) {
        ir::Class& c = m.classes[i];
        if (c.namedtuple) {
            named_tuple_new(classes[i], static_cast<int>(i));
            continue;
        }
        if (c.is_enum) continue;  // made by its members, never by __init__
        c.init = c.method("__init__");
        if (c.dataclass) dataclass_field_flags(static_cast<int>(i));
        if (c.init < 0 && c.dataclass && classes[i].dataclass["init"].cast<bool>()) dataclass_init(classes[i], static_cast<int>(i));
        if (m.classes[i].order) dataclass_order(classes[i], static_cast<int>(i));
        if (c.init < 0 && c.base >= 0) c.init = m.classes[c.base].init;
    }
    for (const ir::Class& c : m.classes)
        if (c.fields.size() > 63)
            diags_.error(c.file, c.loc, "class '" + c.qualname + "' has " + std::to_string(c.fields.size()) +
                                            " fields: pyrite compiles classes of up to 63");
    mark_always_set(m);
    module_ = nullptr;
    return m;
}

void Lowerer::declare_local(py::handle name_node, const Type* declared) {
    std::string name = py::str(name_node.attr("id"));
    if (declared_globals_.count(name)) return;  // `global name`: the module's (rebound_global)
    int v = local(name);
    if (v < 0) {
        v = fn_->add_var(name, loc(name_node));
        locals_[name] = v;
    }
    if (!declared) return;
    ir::Var& var = fn_->vars[v];
    if (var.declared && var.declared != declared) {
        error(name_node, "'" + name + "' is annotated '" + declared->str() + "' here but '" + var.declared->str() +
                             "' before");
        return;
    }
    var.declared = declared;
}

// Python decides scope per function: a name bound anywhere in the body is local
// everywhere in it. Collect those names first.
void Lowerer::collect_locals(py::handle stmts) {
    py::object ast = py::module_::import("ast");
    // every node in source order, except inside comprehensions: scopes of their own
    std::function<void(py::handle)> visit = [&](py::handle node) {
        Ast k = kind(node);
        if (k == Ast::ListComp || k == Ast::GeneratorExp || k == Ast::SetComp || k == Ast::DictComp) {
            // a comprehension's own names are its own; an assignment expression's target in it is
            // the function's (PEP 572)
            for (py::handle n : ast.attr("walk")(node))
                if (kind(n) == Ast::NamedExpr) declare_local(n.attr("target"), nullptr);
            return;
        }
        if (k == Ast::Lambda) return;
        if (k == Ast::FunctionDef) {  // a nested def binds its name; its body is its own scope
            py::object name = py::module_::import("ast").attr("Name")(node.attr("name"), py::module_::import("ast").attr("Store")());
            py::module_::import("ast").attr("copy_location")(name, node);
            declare_local(name, nullptr);
            return;
        }
        if (k == Ast::Name && kind(node.attr("ctx")) == Ast::Store) {
            declare_local(node, nullptr);
        } else if (((k == Ast::MatchAs || k == Ast::MatchStar) && !node.attr("name").is_none()) ||
                   (k == Ast::MatchMapping && !node.attr("rest").is_none())) {  // case [x, *rest], {"k": v, **rest}
            py::object name = ast.attr("Name")(node.attr(k == Ast::MatchMapping ? "rest" : "name"), ast.attr("Store")());
            ast.attr("copy_location")(name, node);
            declare_local(name, nullptr);
        } else if (k == Ast::AnnAssign && kind(node.attr("target")) == Ast::Name) {
            const Type* t = lower_declared(node.attr("annotation"));
            // d: dict[K, V] = defaultdict(list) (Counter(), OrderedDict()): that dict subclass of those
            // types, whose d[k] stays its own (a missing key made by the factory, or 0)
            if (t && t->is(TypeKind::Dict) && t->name.empty() && !node.attr("value").is_none()) {
                ops::Op op = called_builtin(node.attr("value"));
                const char* named = op == ops::Op::DefaultDictOf ? "defaultdict"
                                    : op == ops::Op::CounterOf   ? "Counter"
                                    : op == ops::Op::OrderedDictOf ? "OrderedDict"
                                                                   : nullptr;
                if (named) t = Type::dict(t->elem(), t->value(), named);
            }
            declare_local(node.attr("target"), t);
        } else if (k == Ast::Nonlocal && in_->nested) {
            // the names are captures, the first parameters (lower_functions.cpp checked them)
        } else if (k == Ast::Global && !in_->nested) {
            for (py::handle n : node.attr("names")) declared_globals_.insert(py::str(n));
        } else if (k == Ast::Global || k == Ast::Nonlocal) {
            error(node, "'" + std::string(k == Ast::Global ? "global" : "nonlocal") +
                            "' declarations are not supported: compiled functions cannot rebind outer names");
        }
        for (py::handle child : ast.attr("iter_child_nodes")(node)) visit(child);
    };
    for (py::handle stmt : stmts) visit(stmt);
}

// [], {}, set(), list(), dict(): a default that is one container for every call that omits it
bool Lowerer::empty_container(py::handle x) {
    Ast k = kind(x);
    if (k == Ast::List || k == Ast::Set) return py::len(x.attr("elts")) == 0;
    if (k == Ast::Dict) return py::len(x.attr("keys")) == 0;
    if (k == Ast::Call && kind(x.attr("func")) == Ast::Name && py::len(x.attr("args")) == 0 && py::len(x.attr("keywords")) == 0) {
        std::string f = py::str(x.attr("func").attr("id"));
        return f == "list" || f == "dict" || f == "set";
    }
    return false;
}

// the generator functions asked for as coroutines (above), and those that asks for in turn
void Lowerer::lower_coroutines(const std::vector<FunctionInput>& inputs, ir::Module& m) {
    for (bool again = true; again;) {
        again = false;
        for (int i : std::set<int>(wanted_coroutines_)) {
            ir::Function& fn = m.functions[i];
            if (fn.coroutine) continue;
            fn = ir::Function{};
            fn.generator = fn.coroutine = true;
            size_t before = diags_.items().size();
            coroutine_in_ = &inputs[i];
            lower_function(inputs[i], fn);
            coroutine_in_ = nullptr;
            fn.lower_errors = diags_.items().size() != before;
            again = true;
        }
    }
}

void Lowerer::lower_function(const FunctionInput& in, ir::Function& fn) {
    restore_context(Context{&in, {}, {}, "", {}, 0, {}});  // a scope of its own (lower_generators.cpp)
    declared_globals_.clear();
    fn_ = &fn;
    ntemps_ = 0;
    py::handle node = in.node;
    fn.qualname = in.qualname;
    fn.pyname = py::str(node.attr("name"));
    fn.file = in.file;
    fn.loc = loc(node);
    fn.exported = in.exported;
    fn.method_of = in.self_class;
    fn.memo = in.memo > 0 || in.memo == -1 ? in.memo : 0;  // maxsize=0 caches nothing
    fn.nogil = in.nogil;
    fn.py_module = in.module;  // (a nested function's factory: lower_nested_functions)
    if (kind(node) == Ast::AsyncFunctionDef) error(node, "async functions are not supported");

    py::handle args = node.attr("args");
    // *args and **kwargs: a tuple and a dict the callers' calls pack (lower_functions.cpp's pack_varargs),
    // for functions compiled code calls by name; each refused one is reported once, here, and its uses
    // in the body are not (refused_)
    bool packs = !in.exported && in.self_class < 0 && in.class_of < 0 && !in.nested;
    bool typeinfer_packs = in.nested || (in.self_class >= 0 && !in.exported);  // a lambda's or a method's *args:
                                                                               // packed where typeinfer resolves a call
    for (const char* field : {"vararg", "kwarg"}) {
        py::handle a = args.attr(field);
        if (a.is_none() || packs || (typeinfer_packs && field[0] == 'v')) continue;
        error(a, std::string(field[0] == 'v' ? "*args" : "**kwargs") + " parameters are supported in functions "
                     "compiled code calls by name, not in " + (in.exported ? "a function called from Python"
                                                                            : in.nested ? "a lambda or nested def" : "methods"));
        refused_.insert(py::str(a.attr("arg")));
    }
    // positional-only parameters (before '/'), then the others, then keyword-only ones (after '*')
    std::vector<py::handle> params;
    for (py::handle a : args.attr("posonlyargs")) params.push_back(a);
    for (py::handle a : args.attr("args")) params.push_back(a);
    fn.nposonly = py::len(args.attr("posonlyargs"));
    cls_name_.clear();
    if (in.class_of >= 0 && !params.empty()) {  // @classmethod: cls is the class, no parameter of the C++ function
        cls_name_ = py::str(params[0].attr("arg"));
        params.erase(params.begin());  // lower_call makes cls(...) a new instance
        fn.nposonly -= fn.nposonly > 0;
    }
    size_t npositional = params.size();
    // a dunder's `if not isinstance(other, C): return NotImplemented` (lower_class.cpp): other is a C
    int guarded = in.self_class >= 0 && params.size() == 2 ? not_implemented_guard(node, params[1]) : -1;
    fn.guard_class = guarded;
    for (py::handle a : args.attr("kwonlyargs")) params.push_back(a);
    // *args, **kwargs: keyword-only parameters as far as binding goes (pack_varargs passes them by name)
    int vararg = -1, kwarg = -1;
    if ((packs || typeinfer_packs) && !args.attr("vararg").is_none()) {
        vararg = static_cast<int>(params.size());
        params.push_back(args.attr("vararg"));
        fn.vararg = true;  // the last parameter, by keyword (typeinfer's pack_vararg where the frontend does not)
    }
    if (packs && !args.attr("kwarg").is_none()) {
        kwarg = static_cast<int>(params.size());
        params.push_back(args.attr("kwarg"));
    }
    fn.nkwonly = params.size() - npositional;
    for (py::handle a : params) {
        std::string name = py::str(a.attr("arg"));
        int v = fn.add_var(name, loc(a));
        fn.vars[v].is_param = true;
        locals_[name] = v;
        fn.params.push_back(v);
        int here = static_cast<int>(fn.params.size()) - 1;
        if ((here == vararg || here == kwarg) && !a.attr("annotation").is_none()) {
            // *args: int is a tuple[int, ...], **kwargs: float a dict[str, float]
            const Type* item = lower_annotation(a.attr("annotation"));
            if (item) fn.vars[v].declared = here == vararg ? Type::tuple_of(item) : Type::dict(Type::str_(), item);
            continue;
        }
        if (a.attr("annotation").is_none() && in.self_class >= 0 && fn.params.size() == 1) {
            const ir::Class& c = module_->classes[in.self_class];  // self: the instance
            fn.vars[v].declared = c.type;
            continue;
        }
        if (guarded >= 0 && fn.params.size() == 2) {  // other: object (or unannotated), guarded
            fn.vars[v].declared = module_->classes[guarded].type;
            continue;
        }
        if (a.attr("annotation").is_none() && in.self_class >= 0 && fn.pyname == "__exit__" && params.size() == 4) {
            // __exit__(self, exc_type, exc, tb): what the context manager protocol passes
            static const Type* protocol[] = {Type::optional(Type::exc_class("type[BaseException]")),
                                             Type::optional(Type::exception("BaseException")),
                                             Type::optional(Type::exc_class("TracebackType"))};
            fn.vars[v].declared = protocol[fn.params.size() - 2];
            continue;
        }
        bool callable = is_callable_annotation(a.attr("annotation"));
        bool untyped = a.attr("annotation").is_none() || bare_container(a.attr("annotation"));
        if ((untyped || callable) && !in.exported && in.self_class < 0 && in.class_of < 0 &&
            (in.nested || in.qualname.find('.') == std::string::npos)) {
            // a helper: compiled for the types each call passes (typeinfer/specialize.cpp); a Callable[...]
            // parameter too, for the function each call passes, which the version then calls directly
            fn.generic = true;
            continue;
        }
        if (callable) {  // given by Python: any callable, called through the C API
            fn.vars[v].declared = python_callable(a.attr("annotation"));
            continue;
        }
        bool in_class = in.self_class >= 0 || in.class_of >= 0 || in.static_of >= 0;
        if (untyped && in_class && !in.exported) {
            // a method's (a static one's too): typed from what its calls pass (typeinfer's call_params)
            fn.vars[v].from_calls = true;
            continue;
        }
        if (untyped) {
            error(a, "parameter '" + name + "' needs a type annotation: pyrite compiles from the annotations");
            continue;
        }
        fn.vars[v].declared = lower_annotation(a.attr("annotation"));
    }
    // defaults belong to the last positional parameters, and to keyword-only ones (None: none)
    fn.defaults.resize(params.size());
    std::vector<std::pair<size_t, py::handle>> defaults;
    py::list positional_defaults = args.attr("defaults");
    for (size_t i = 0; i < py::len(positional_defaults); ++i)
        defaults.emplace_back(npositional - py::len(positional_defaults) + i, positional_defaults[i]);
    py::list kw_defaults = args.attr("kw_defaults");
    for (size_t i = 0; i < py::len(kw_defaults); ++i)
        if (!kw_defaults[i].is_none()) defaults.emplace_back(npositional + i, kw_defaults[i]);
    for (auto [slot, d] : defaults) {
        // a version of a function called from Python for an argument of another type than its default's:
        // it serves only calls that pass it (pyrite/capture.py's _specialized)
        if (py::hasattr(params[slot], "pyrite_default_unused")) continue;
        // def f(n, memo={}): one dict for every call that omits it (a memo, an accumulator), as CPython's
        if (empty_container(d)) {
            ir::ExprP e = lower_expr(d);
            e->persistent = true;
            fn.defaults[slot] = std::move(e);
            continue;
        }
        // a literal as ast.literal_eval reads it: -1.0 and 2 + 0.5j are constants too
        ir::ExprP e;
        try {
            py::object value = py::module_::import("ast").attr("literal_eval")(d);
            if (beyond_64_bits(value)) {  // the glue holds a default as a C++ int
                error(d, "a default value beyond 64 bits is not supported by pyrite (pass it, or use None as the default)");
                e = std::make_unique<ir::Expr>(ir::ExprKind::Error, loc(d));
            } else {
                e = constant_from_value(d, value, "a default value");
            }
        } catch (py::error_already_set&) {
            e = lower_expr(d);
        }
        if (!ir::is_constant(*e) && e->kind != ir::ExprKind::Error) {
            error(d, "a default value must be a constant");
            e = std::make_unique<ir::Expr>(ir::ExprKind::Error, loc(d));
        }
        fn.defaults[slot] = std::move(e);
    }
    if (!node.attr("returns").is_none() && is_callable_annotation(node.attr("returns"))) {
        // -> Callable[[int], int]: it returns a function it makes or holds, whose type typeinfer infers
        fn.returns_callable = true;
        fn.ret_loc = loc(node.attr("returns"));
    } else if (!node.attr("returns").is_none()) {
        fn.declared_ret = lower_declared(node.attr("returns"));
        fn.ret_loc = loc(node.attr("returns"));
        if (fn.coroutine && fn.declared_ret && !fn.declared_ret->is(TypeKind::Iterator)) {
            error(node.attr("returns"), "'" + fn.qualname + "' is a generator function: calling it makes a generator, "
                                        "annotated Iterator[T] or Generator[T, None, None], not " + fn.declared_ret->str());
            fn.declared_ret = nullptr;
        }
    }

    py::object body = node.attr("body");
    if (in.self_class >= 0 && fn.declared_ret && !fn.declared_ret->is(TypeKind::None) && abstract_method(node))
        body = abstract_body(body);
    fn.abstract_stub = in.self_class >= 0 && !fn.declared_ret && abstract_method(node) && stub_body(body);
    if (guarded >= 0) body = without_guard(body);
    body = generator_objects_inlined(body, node);  // lower_generators.cpp
    collect_locals(body);
    if (!in.self_ref.empty() && local(in.self_ref) < 0) {
        // a nested def that calls itself: its name is a local holding it, made from its own
        // captures (its first parameters), as the enclosing function's cell holds it in CPython
        int v = fn.add_var(in.self_ref, loc(node));
        locals_[in.self_ref] = v;
        auto self = std::make_unique<ir::Expr>(ir::ExprKind::FuncRef, loc(node));
        self->name = in.qualname;
        self->callee = in.index;
        self->index = in.capture_refs;  // the variables it rebinds or reads as they change, still by reference
        for (size_t k = 0; k < fn.params.size() && k < in.ncaptures; ++k) self->args.push_back(var_expr(fn.params[k], loc(node)));
        auto s = std::make_unique<ir::Stmt>(ir::StmtKind::Assign, loc(node));
        s->var = v;
        s->value = std::move(self);
        fn.body.push_back(std::move(s));
    }
    for (const Sibling& sib : in.siblings) {  // parse_term, called by parse_expr: made from its captures
        if (local(sib.name) >= 0) continue;
        int v = fn.add_var(sib.name, loc(node));
        locals_[sib.name] = v;
        auto made = std::make_unique<ir::Expr>(ir::ExprKind::FuncRef, loc(node));
        made->name = sib.qualname;  // its callee once it has an index (lower_nested_functions)
        made->index = sib.refs;
        for (const std::string& c : sib.captures) made->args.push_back(var_expr(local(c), loc(node)));
        auto s = std::make_unique<ir::Stmt>(ir::StmtKind::Assign, loc(node));
        s->var = v;
        s->value = std::move(made);
        fn.body.push_back(std::move(s));
    }
    lower_block(body, fn.body);
}

}  // namespace pyrite::frontend
