// frontend: functions as values. A lambda or a nested def becomes a function of the module of
// its own (hoisted), whose first parameters are the variables of the enclosing function it reads
// (its captures, found by Python's scope rules); its value, a FuncRef, holds what those variables
// held when it was made. Its other unannotated parameters make it generic like any helper
// (typeinfer/specialize.cpp): a call of the value compiles to a direct call of the version for
// the argument types, which the C++ compiler can inline.
//
// Python's closures read a variable when they run. A variable the enclosing function binds once,
// outside loops (a parameter never rebound, a name assigned once), cannot change after the function
// is made: it is captured by value. Any other is captured by reference (a pointer to it: FuncRef's
// index has its bit), and typeinfer keeps such a function from outliving the variables
// (specialize.cpp's check_function_escapes).
#include <deque>

#include "../ir/walk.hpp"
#include "lower.hpp"

namespace pyrite::frontend {

namespace {

bool is_scope(Ast k) { return k == Ast::FunctionDef || k == Ast::AsyncFunctionDef || k == Ast::Lambda; }
bool is_comprehension(Ast k) {
    return k == Ast::ListComp || k == Ast::SetComp || k == Ast::DictComp || k == Ast::GeneratorExp;
}

// the parameter names of a FunctionDef's or Lambda's arguments
std::set<std::string> param_names(py::handle args) {
    std::set<std::string> out;
    for (const char* field : {"posonlyargs", "args", "kwonlyargs"})
        for (py::handle a : args.attr(field)) out.insert(py::str(a.attr("arg")));
    for (const char* field : {"vararg", "kwarg"})
        if (!args.attr(field).is_none()) out.insert(py::str(args.attr(field).attr("arg")));
    return out;
}

// Where a scope binds each name, in its own scope (not in nested functions or comprehensions):
// name -> number of binding sites, a site inside a loop counting twice (it binds again and again).
// With `rebinders`, a nested function's `nonlocal x` counts as rebinding x whenever it runs.
void bindings(py::handle node, std::map<std::string, int>& out, int in_loop, bool top, bool rebinders) {
    static py::handle iter_children = py::object(py::module_::import("ast").attr("iter_child_nodes")).release();  // never freed: not after Python finalizes
    Ast k = ast_kind(node);
    if (!top && is_scope(k)) {
        if (k != Ast::Lambda) out[py::str(node.attr("name"))] += in_loop ? 2 : 1;  // def name: binds name
        static py::handle walk = py::object(py::module_::import("ast").attr("walk")).release();
        if (rebinders)
            for (py::handle n : walk(node))
                if (ast_kind(n) == Ast::Nonlocal)
                    for (py::handle name : n.attr("names")) out[py::str(name)] += 2;
        return;
    }
    if (!top && is_comprehension(k)) {  // its assignment expressions bind the function's names, per item
        static py::handle walk = py::object(py::module_::import("ast").attr("walk")).release();
        for (py::handle n : walk(node))
            if (ast_kind(n) == Ast::NamedExpr) out[py::str(n.attr("target").attr("id"))] += 2;
        return;
    }
    if (k == Ast::Name && ast_kind(node.attr("ctx")) != Ast::Load) out[py::str(node.attr("id"))] += in_loop ? 2 : 1;
    if (k == Ast::AugAssign) {  // x += 1 reads and binds x: it changes
        py::handle t = node.attr("target");
        if (ast_kind(t) == Ast::Name) out[py::str(t.attr("id"))] += 2;
    }
    if (k == Ast::ExceptHandler && !node.attr("name").is_none()) out[py::str(node.attr("name"))] += 2;
    bool loop = k == Ast::For || k == Ast::While;
    for (py::handle child : iter_children(node)) bindings(child, out, in_loop + loop, false, rebinders);
}

// the names a def declares `nonlocal` in its own scope (not in the functions nested in it)
void nonlocals(py::handle node, std::vector<py::handle>& out, bool top) {
    static py::handle iter_children = py::object(py::module_::import("ast").attr("iter_child_nodes")).release();  // never freed: not after Python finalizes
    if (!top && is_scope(ast_kind(node))) return;
    if (ast_kind(node) == Ast::Nonlocal) out.push_back(node);
    for (py::handle child : iter_children(node)) nonlocals(child, out, false);
}

// the defs a function's own scope makes (not those of the functions nested in them), by name
void scope_defs(py::handle node, std::map<std::string, py::handle>& out, bool top) {
    static py::handle iter_children = py::object(py::module_::import("ast").attr("iter_child_nodes")).release();  // never freed: not after Python finalizes
    Ast k = ast_kind(node);
    if (!top && k == Ast::FunctionDef) out[py::str(node.attr("name"))] = node;
    if (!top && is_scope(k)) return;
    for (py::handle child : iter_children(node)) scope_defs(child, out, false);
}

// every name a subtree reads (Name loads, nested scopes included)
void reads(py::handle node, std::set<std::string>& out) {
    static py::handle walk = py::object(py::module_::import("ast").attr("walk")).release();
    for (py::handle n : walk(node))
        if (ast_kind(n) == Ast::Name && ast_kind(n.attr("ctx")) == Ast::Load) out.insert(py::str(n.attr("id")));
}

// what a def reads that it does not bind (its free names; `nonlocal` ones included)
std::set<std::string> free_names(py::handle def) {
    static py::handle walk = py::object(py::module_::import("ast").attr("walk")).release();
    std::map<std::string, int> own;
    std::set<std::string> read, out, params = param_names(def.attr("args"));
    for (py::handle stmt : def.attr("body")) {
        bindings(stmt, own, 0, false, false);
        reads(stmt, read);
    }
    for (py::handle n : walk(def))
        if (ast_kind(n) == Ast::Nonlocal)
            for (py::handle name : n.attr("names")) {
                read.insert(py::str(name));
                own.erase(py::str(name));
            }
    for (const std::string& r : read)
        if (!params.count(r) && !own.count(r)) out.insert(r);
    return out;
}

}  // namespace

// `fn` (a Lambda or FunctionDef) without its parameters whose defaults are not literals, nor an
// empty container (one for every call, as any function's): those, with their defaults, go to `out`
// (lower_function_value captures their values). `fn` itself where it has none; positional-only
// parameters leave a function as it is (its defaults count them too).
py::object Lowerer::without_snapshots(py::handle fn, std::vector<std::pair<std::string, py::object>>& out) {
    py::handle args = fn.attr("args");
    if (py::len(args.attr("posonlyargs")) > 0) return py::reinterpret_borrow<py::object>(fn);
    py::module_ ast = py::module_::import("ast");
    auto snapshot = [&](py::handle param, py::handle d) {
        if (d.is_none() || !param.attr("annotation").is_none() || empty_container(d)) return false;
        try {
            ast.attr("literal_eval")(d);
            return false;  // a literal: a default as any function's
        } catch (py::error_already_set&) {
        }
        out.emplace_back(py::str(param.attr("arg")), py::reinterpret_borrow<py::object>(d));
        return true;
    };
    py::list positional = args.attr("args"), defaults = args.attr("defaults");
    py::list kwonly = args.attr("kwonlyargs"), kw_defaults = args.attr("kw_defaults");
    size_t first_default = py::len(positional) - py::len(defaults);
    py::list keep_args, keep_defaults, keep_kwonly, keep_kw_defaults;
    for (size_t i = 0; i < py::len(positional); ++i) {
        py::handle d = i >= first_default ? py::handle(defaults[i - first_default]) : py::handle(Py_None);
        if (snapshot(positional[i], d)) continue;
        keep_args.append(positional[i]);
        if (!d.is_none()) keep_defaults.append(d);
    }
    for (size_t i = 0; i < py::len(kwonly); ++i) {
        if (snapshot(kwonly[i], kw_defaults[i])) continue;
        keep_kwonly.append(kwonly[i]);
        keep_kw_defaults.append(kw_defaults[i]);
    }
    if (out.empty()) return py::reinterpret_borrow<py::object>(fn);
    py::object copy = py::module_::import("copy").attr("copy")(fn);
    copy.attr("args") = ast.attr("arguments")(args.attr("posonlyargs"), keep_args, args.attr("vararg"), keep_kwonly,
                                              keep_kw_defaults, args.attr("kwarg"), keep_defaults);
    return copy;
}

// A lambda or nested def `node` of the function being lowered: its value (a FuncRef), the
// function itself lowered after this one (lower_nested_functions)
ExprP Lowerer::lower_function_value(py::handle original, py::handle as_python) {
    Loc at = loc(original);
    bool lambda = kind(original) == Ast::Lambda;
    // `lambda x, k=k: x + k`, `def f(x, n=len(xs))`: a parameter whose default is not a literal takes
    // the default's value when the function is made (Python evaluates defaults then). It is compiled
    // as a capture by value of that value, evaluated where the function is made, and no parameter:
    // a call that passes it is then refused (typeinfer's bind_args). Python's own function
    // (factory_source) is made from the source as written.
    std::vector<std::pair<std::string, py::object>> snapshots;  // in the order Python evaluates them
    py::object node = without_snapshots(original, snapshots);
    auto snapshot = [&](const std::string& c) {
        return std::find_if(snapshots.begin(), snapshots.end(), [&](const auto& s) { return s.first == c; }) != snapshots.end();
    };
    std::string name = lambda ? "<lambda>" : std::string(py::str(node.attr("name")));
    if (!lambda)  // @functools.wraps(f): what it copies (__name__, __doc__, __wrapped__) no compiled call reads
        for (py::handle d : node.attr("decorator_list"))
            if (!is_functools_wraps(d)) return error_expr(d, "decorators on a nested def are not supported yet");
    py::module_ ast = py::module_::import("ast");
    // its free variables: what it reads that it does not bind, and that the enclosing function binds
    std::map<std::string, int> own;
    std::set<std::string> params = param_names(node.attr("args")), read;
    if (lambda) {
        reads(node.attr("body"), read);
    } else {
        for (py::handle stmt : node.attr("body")) {
            bindings(stmt, own, 0, false, false);
            reads(stmt, read);
        }
        for (py::handle n : ast.attr("walk")(node)) {
            if (kind(n) == Ast::Global)
                return error_expr(n, "'global' in a nested function is not supported: compiled functions do not "
                                     "rebind module globals (return the new value instead)");
            if (kind(n) == Ast::Nonlocal)  // deeper, it may name a variable of ours: this function passes it on
                for (py::handle name : n.attr("names")) read.insert(py::str(name));
        }
        // `nonlocal x`: x is the enclosing function's variable, which this function reads and rebinds
        // through a reference to it (a capture by reference whose parameter is a C++ reference)
        std::vector<py::handle> declared;
        nonlocals(node, declared, true);
        for (py::handle n : declared) {
            if (is_generator_function(node))
                return error_expr(n, "'nonlocal' in a generator function is not supported: a generator can outlive "
                                     "the variable it would rebind");
            for (py::handle name : n.attr("names")) {
                std::string x = py::str(name);
                if (local(x) < 0)  // CPython's SyntaxError, unless the name is a global of the module
                    return error_expr(n, "no binding for nonlocal '" + x + "' found");
                own.erase(x);
                read.insert(x);
            }
        }
    }
    std::vector<std::string> captures;
    for (const std::string& r : read)
        if (!params.count(r) && !own.count(r) && local(r) >= 0) captures.push_back(r);
    // a nested def that calls itself reads its own name: not a capture, a local of its own made
    // from its captures (lower_function's self_ref), unless the enclosing function rebinds the name
    bool self_ref = false;
    if (auto it = std::find(captures.begin(), captures.end(), name); !lambda && it != captures.end()) {
        std::map<std::string, int> bound;
        bindings(in_->node, bound, 0, true, true);
        if (bound[name] > 1)
            return error_expr(node, "the nested function '" + name + "' calls itself through a name the enclosing "
                                    "function binds again: not supported (make it a module-level function)");
        captures.erase(it);
        self_ref = true;
    }
    // by value where the enclosing function binds the variable once, outside loops (nothing can tell
    // the value from the variable); else by reference, read when the function runs, as Python's
    // cells are (typeinfer keeps such a function from outliving the variables: specialize.cpp)
    std::map<std::string, int> outer;
    bindings(in_->node, outer, 0, true, true);
    for (const std::string& p : param_names(in_->node.attr("args"))) outer[p] += 1;
    auto refs_of = [&](const std::vector<std::string>& cs) {
        unsigned r = 0;
        for (size_t k = 0; k < cs.size() && k < 32; ++k)
            if (!snapshot(cs[k]) && (outer[cs[k]] > 1 || fn_->vars[local(cs[k])].name.find('$') != std::string::npos))
                r |= 1u << k;
        return r;
    };
    // nested defs of the enclosing function that call each other (a recursive-descent parser's
    // parse_expr, parse_term, parse_atom), each bound once: one does not capture another (their types
    // would hold each other), it captures what all those it reaches read, and makes each one it calls
    // from those, as it makes itself (lower_function's siblings)
    std::vector<Sibling> siblings;
    if (!lambda) {
        std::map<std::string, py::handle> defs;
        scope_defs(in_->node, defs, true);
        std::map<std::string, std::set<std::string>> free;
        free[name] = free_names(node);
        auto sibling = [&](const std::string& n) {
            return n != name && defs.count(n) && outer[n] == 1 && py::len(defs[n].attr("decorator_list")) == 0 &&
                   !is_generator_function(defs[n]);
        };
        auto reach_of = [&](const std::string& start) {
            std::set<std::string> reach{start};
            std::vector<std::string> work{start};
            while (!work.empty()) {
                std::string m = work.back();
                work.pop_back();
                if (!free.count(m)) free[m] = free_names(defs[m]);
                for (const std::string& r : free[m])
                    if ((sibling(r) || r == name) && reach.insert(r).second) work.push_back(r);
            }
            return reach;
        };
        auto captures_of = [&](const std::string& start) {
            std::set<std::string> reach = reach_of(start), cs;
            for (const std::string& m : reach)
                for (const std::string& r : free[m])
                    if (!reach.count(r) && local(r) >= 0) cs.insert(r);
            return std::vector<std::string>(cs.begin(), cs.end());
        };
        if (reach_of(name).size() > 1) {
            captures = captures_of(name);
            for (const std::string& t : free[name])
                if (sibling(t)) {
                    std::vector<std::string> cs = captures_of(t);
                    siblings.push_back(Sibling{t, in_->qualname + ".<locals>." + t, cs, refs_of(cs)});
                }
        }
    }
    if (!snapshots.empty()) {  // each default's value, captured last, whatever enclosing variable it names
        if (!siblings.empty())
            return error_expr(node, "a nested def that calls other nested defs and has defaults that are not "
                                    "literals is not supported");
        captures.erase(std::remove_if(captures.begin(), captures.end(), snapshot), captures.end());
        for (const auto& s : snapshots) captures.push_back(s.first);
    }
    if (captures.size() > 32) return error_expr(node, "a function that reads more than 32 variables of its enclosing one");
    unsigned refs = refs_of(captures);
    // the function of the module: captures first, then its own parameters; a lambda's body returned
    py::list body;
    if (lambda) {
        body.append(ast.attr("Return")(node.attr("body")));
        ast.attr("copy_location")(body[0], node.attr("body"));
    }
    py::object def = ast.attr("FunctionDef")(**py::dict(
        py::arg("name") = name, py::arg("body") = lambda ? py::object(body) : py::object(node.attr("body")),
        py::arg("decorator_list") = py::list(), py::arg("returns") = lambda ? py::none() : py::object(node.attr("returns")),
        py::arg("type_comment") = py::none()));
    ast.attr("copy_location")(def, node);
    py::handle args = node.attr("args");
    py::list posonly;
    for (const std::string& c : captures) {
        py::object a = ast.attr("arg")(c);
        ast.attr("copy_location")(a, node);
        posonly.append(a);
    }
    for (py::handle a : args.attr("posonlyargs")) posonly.append(a);
    def.attr("args") = ast.attr("arguments")(posonly, args.attr("args"), args.attr("vararg"), args.attr("kwonlyargs"),
                                             args.attr("kw_defaults"), args.attr("kwarg"), args.attr("defaults"));
    FunctionInput in;
    in.node = def;
    in.qualname = in_->qualname + ".<locals>." + name;
    in.file = in_->file;
    in.module = in_->module;
    in.factory = factory_source(original, captures, lambda ? "" : name, as_python);
    in.globals = in_->globals;
    in.nested = true;
    in.ncaptures = captures.size();
    in.capture_refs = refs;
    for (const auto& s : snapshots) in.snapshots.push_back(s.first);
    in.siblings = std::move(siblings);
    if (self_ref) in.self_ref = name;
    nested_.push_back(Nested{std::move(in), nullptr, captures.size()});
    auto e = std::make_unique<Expr>(ExprKind::FuncRef, at);
    e->name = nested_.back().input.qualname;
    e->index = refs;
    for (const std::string& c : captures) {
        if (snapshot(c)) {  // the default's value, where the function is made
            for (const auto& s : snapshots)
                if (s.first == c) e->args.push_back(lower_expr(s.second));
            continue;
        }
        auto v = std::make_unique<Expr>(ExprKind::Var, at);
        v->var = local(c);
        e->args.push_back(std::move(v));
    }
    nested_.back().value = e.get();  // its callee: the function's index, once it has one
    return e;
}

// def __pyrite_make(c0, c1): <the lambda or def, as written>; return it -- Python source that makes
// the function as the enclosing function would, given what it captured: what compiled code gives
// Python when it returns the function (boundary.hpp's closure_to_py). Its def is on the line the
// original is on, so Python's tracebacks point there.
std::string Lowerer::factory_source(py::handle node, const std::vector<std::string>& captures, const std::string& name,
                                    py::handle as_python) {
    py::module_ ast = py::module_::import("ast");
    py::list params, body;
    for (const std::string& c : captures) {
        if (!py::str(c).attr("isidentifier")().cast<bool>()) return "";  // a value pyrite holds (partial's): none
        params.append(ast.attr("arg")(c));
    }
    if (as_python) {  // abs, math.sqrt, itemgetter(1): Python's own value, in the module's globals
        if (!captures.empty()) return "";
        body.append(ast.attr("Return")(as_python));
    } else if (name.empty()) {
        body.append(ast.attr("Return")(node));
    } else {
        body.append(node);
        body.append(ast.attr("Return")(ast.attr("Name")(name, ast.attr("Load")())));
    }
    py::object make = ast.attr("FunctionDef")(**py::dict(
        py::arg("name") = "__pyrite_make",
        py::arg("args") = ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(), py::list()),
        py::arg("body") = body, py::arg("decorator_list") = py::list(), py::arg("returns") = py::none(),
        py::arg("type_comment") = py::none()));
    py::list defs;
    defs.append(make);
    py::object module = ast.attr("Module")(defs, py::list());
    ast.attr("fix_missing_locations")(module);
    std::string text = py::str(ast.attr("unparse")(module));
    // a def as written (its lines from the file, when they are what was parsed): its body's lines are the
    // file's, so a traceback through the Python function points at the right ones
    int line = py::int_(node.attr("lineno"));
    if (!name.empty() && !as_python) {
        py::list lines = py::module_::import("linecache").attr("getlines")(in_->file);
        int end = py::int_(node.attr("end_lineno"));
        if (end <= static_cast<int>(py::len(lines))) {
            py::str written = py::str("").attr("join")(lines[py::slice(line - 1, end, 1)]);
            py::object dedented = py::module_::import("textwrap").attr("dedent")(written);
            try {
                py::object parsed = ast.attr("parse")(dedented).attr("body")[py::int_(0)];
                if (py::str(ast.attr("dump")(parsed)).cast<std::string>() == py::str(ast.attr("dump")(node)).cast<std::string>()) {
                    text = text.substr(0, text.find('\n') + 1) +  // def __pyrite_make(...):
                            py::str(py::module_::import("textwrap").attr("indent")(dedented, "    ")).cast<std::string>() +
                           "    return " + name + "\n";
                }
            } catch (py::error_already_set&) {  // not on lines of its own: the unparsed text
            }
        }
    }
    // the def on its own line: as many newlines before as put it there
    int landed = 0;
    try {
        landed = py::int_(ast.attr("parse")(text).attr("body")[py::int_(0)].attr("body")[py::int_(0)].attr("lineno"));
    } catch (py::error_already_set&) {  // one pyrite made (a generator expression's <genexpr>): no source
        return "";
    }
    return std::string(line > landed ? line - landed : 0, '\n') + text + "\n";
}

// def name(...): ... inside a function: name = the function's value
void Lowerer::lower_nested_def(py::handle node, ir::Block& out) {
    ExprP value = lower_function_value(node);
    auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(node));
    s->var = local(py::str(node.attr("name")));
    s->value = std::move(value);
    out.push_back(std::move(s));
}

// operator.add(a, b) and the others of the operator module: the expression they stand for (a + b),
// or None for a name it has not
py::object Lowerer::operator_expr(const std::string& spelled, py::list args) {
    // from operator import add: the C module's function (_operator.add)
    std::string name = spelled.rfind("_operator.", 0) == 0 ? spelled.substr(1) : spelled;
    static const std::map<std::string, std::pair<const char*, const char*>> table = {  // name -> (ast class, operator)
        {"operator.add", {"BinOp", "Add"}},       {"operator.sub", {"BinOp", "Sub"}},
        {"operator.mul", {"BinOp", "Mult"}},      {"operator.truediv", {"BinOp", "Div"}},
        {"operator.floordiv", {"BinOp", "FloorDiv"}}, {"operator.mod", {"BinOp", "Mod"}},
        {"operator.pow", {"BinOp", "Pow"}},       {"operator.lshift", {"BinOp", "LShift"}},
        {"operator.rshift", {"BinOp", "RShift"}}, {"operator.and_", {"BinOp", "BitAnd"}},
        {"operator.or_", {"BinOp", "BitOr"}},     {"operator.xor", {"BinOp", "BitXor"}},
        {"operator.concat", {"BinOp", "Add"}},    {"operator.matmul", {"BinOp", "MatMult"}},
        {"operator.lt", {"Compare", "Lt"}},       {"operator.le", {"Compare", "LtE"}},
        {"operator.eq", {"Compare", "Eq"}},       {"operator.ne", {"Compare", "NotEq"}},
        {"operator.ge", {"Compare", "GtE"}},      {"operator.gt", {"Compare", "Gt"}},
        {"operator.is_", {"Compare", "Is"}},      {"operator.is_not", {"Compare", "IsNot"}},
        {"operator.neg", {"UnaryOp", "USub"}},    {"operator.pos", {"UnaryOp", "UAdd"}},
        {"operator.invert", {"UnaryOp", "Invert"}}, {"operator.not_", {"UnaryOp", "Not"}},
        {"operator.getitem", {"Subscript", ""}},  {"operator.contains", {"In", ""}},
        {"operator.abs", {"abs", ""}},            {"operator.truth", {"bool", ""}},
        {"operator.index", {"int", ""}}};
    auto it = table.find(name);
    if (it == table.end()) return py::none();
    py::module_ ast = py::module_::import("ast");
    std::string cls = it->second.first;
    size_t arity = cls == "UnaryOp" || cls == "abs" || cls == "bool" || cls == "int" ? 1 : 2;
    if (py::len(args) != arity) return py::none();  // the call's own message follows
    if (cls == "BinOp") return ast.attr("BinOp")(args[0], ast.attr(it->second.second)(), args[1]);
    if (cls == "UnaryOp") return ast.attr("UnaryOp")(ast.attr(it->second.second)(), args[0]);
    if (cls == "Compare") return ast.attr("Compare")(args[0], py::make_tuple(ast.attr(it->second.second)()), py::make_tuple(args[1]));
    if (cls == "In") return ast.attr("Compare")(args[1], py::make_tuple(ast.attr("In")()), py::make_tuple(args[0]));
    if (cls == "Subscript") return ast.attr("Subscript")(args[0], args[1], ast.attr("Load")());
    py::object f = ast.attr("Name")(cls == "abs" ? "$abs" : cls == "bool" ? "$bool" : "$int", ast.attr("Load")());
    return ast.attr("Call")(f, args, py::list());
}

// A builtin as a value (abs, math.sqrt, str.strip): the lambda that calls it, `lambda x: abs(x)`,
// `lambda s: s.strip()`, taking one argument, or two for those that need two
// the positional arguments a builtin as a value takes (pow as a key, partial(pow, 2)): two for the
// binary ones, one for the others (a builtin's other arity is a call of it written out)
static size_t builtin_arity(const std::string& name) {
    static const std::set<std::string> binary = {
        "pow", "divmod", "max", "min", "math.atan2", "math.copysign", "math.fmod", "math.gcd", "math.lcm",
        "math.pow", "math.remainder", "math.ldexp", "math.isclose", "math.comb", "math.perm", "math.dist",
        "math.nextafter", "math.hypot", "operator.add", "operator.sub", "operator.mul", "operator.truediv", "operator.floordiv",
        "operator.mod", "operator.pow", "operator.lt", "operator.le", "operator.eq", "operator.ne", "operator.ge",
        "operator.gt", "operator.and_", "operator.or_", "operator.xor", "operator.lshift", "operator.rshift",
        "operator.contains", "operator.getitem", "operator.concat", "operator.is_", "operator.is_not"};
    return binary.count(name) ? 2 : 1;
}

ir::ExprP Lowerer::builtin_value(py::handle node, const std::string& spelled, bool method) {
    std::string name = spelled.rfind("_operator.", 0) == 0 ? spelled.substr(1) : spelled;  // from operator import add
    py::module_ ast = py::module_::import("ast");
    size_t arity = builtin_arity(name);
    std::string prefix = "$b" + std::to_string(ntemps_++) + "_";
    py::list params, loads;
    for (size_t i = 0; i < arity; ++i) {
        params.append(ast.attr("arg")(prefix + std::to_string(i)));
        loads.append(ast.attr("Name")(prefix + std::to_string(i), ast.attr("Load")()));
    }
    py::object call;
    if (method) {  // str.strip: the first argument's method
        py::list rest;
        for (size_t i = 1; i < arity; ++i) rest.append(loads[i]);
        call = ast.attr("Call")(ast.attr("Attribute")(loads[0], node.attr("attr"), ast.attr("Load")()), rest, py::list());
    } else if (py::object op = operator_expr(name, loads); !op.is_none()) {  // operator.add: a + b
        call = op;
    } else {
        call = ast.attr("Call")(node, loads, py::list());
    }
    py::object args = ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(), py::list());
    py::object lambda = ast.attr("Lambda")(args, call);
    for (py::handle n : ast.attr("walk")(lambda)) ast.attr("copy_location")(n, node);
    return lower_function_value(lambda, node);
}

// map(f, a, b) is (f($m0, $m1) for $m0, $m1 in zip(a, b)), filter(f, xs) is ($m for $m in xs if
// f($m)) and filter(None, xs) is ($m for $m in xs if $m): lazy, as theirs are, so they are inlined
// wherever a generator expression is (a for loop, a comprehension, sum(), list(), any(), ...), and
// f(...) there is the call of whatever f is (a compiled function, a function value, a builtin).
// map's f is read once and its iterables before the first item, as a generator expression's are.
py::object Lowerer::as_lazy(py::handle node) {
    py::object same = py::reinterpret_borrow<py::object>(node);
    if (kind(node) != Ast::Call || kind(node.attr("func")) != Ast::Name || py::len(node.attr("keywords"))) return same;
    std::string id = py::str(node.attr("func").attr("id"));
    const Resolution* r = local(id) < 0 ? global(id) : nullptr;
    py::list args = node.attr("args");
    if (!r || r->kind != Resolution::Builtin || (r->name != "map" && r->name != "filter")) return same;
    if ((r->name == "map" && py::len(args) < 2) || (r->name == "filter" && py::len(args) != 2)) return same;
    for (py::handle a : args)
        if (kind(a) == Ast::Starred) return same;
    py::module_ ast = py::module_::import("ast");
    std::string prefix = "$m" + std::to_string(ntemps_++) + "_";
    auto name = [&](size_t i, bool store) {
        py::object n = ast.attr("Name")(py::arg("id") = prefix + std::to_string(i),
                                        py::arg("ctx") = store ? ast.attr("Store")() : ast.attr("Load")());
        ast.attr("copy_location")(n, node);
        return n;
    };
    size_t n = r->name == "map" ? py::len(args) - 1 : 1;
    py::list loads, stores;
    for (size_t i = 0; i < n; ++i) {
        loads.append(name(i, false));
        stores.append(name(i, true));
    }
    py::object target = n == 1 ? py::object(stores[0]) : ast.attr("Tuple")(stores, ast.attr("Store")());
    py::object iter = args[1];
    if (n > 1) {
        py::list iterables;
        for (size_t i = 1; i < py::len(args); ++i) iterables.append(args[i]);
        py::object zip = ast.attr("Name")(py::arg("id") = "$zip", py::arg("ctx") = ast.attr("Load")());
        iter = ast.attr("Call")(zip, iterables, py::list());
        for (py::object x : {zip, iter}) ast.attr("copy_location")(x, node);
    }
    py::object f = args[0];
    py::list ifs;
    py::object elt = loads[0];
    if (r->name == "map") {
        elt = ast.attr("Call")(f, loads, py::list());
    } else {
        bool none = kind(f) == Ast::Constant && py::handle(f.attr("value")).is_none();
        py::list one;
        one.append(name(0, false));
        ifs.append(none ? py::object(one[0]) : ast.attr("Call")(f, one, py::list()));
    }
    if (n > 1) ast.attr("copy_location")(target, node);
    py::object comp = ast.attr("comprehension")(py::arg("target") = target, py::arg("iter") = iter, py::arg("ifs") = ifs,
                                                py::arg("is_async") = 0);
    py::object genexp = ast.attr("GeneratorExp")(py::arg("elt") = elt, py::arg("generators") = py::make_tuple(comp));
    for (py::object x : {elt, comp, genexp}) ast.attr("copy_location")(x, node);
    for (py::handle x : ifs) ast.attr("copy_location")(x, node);
    return genexp;
}

// A call of `def f(a, *rest, **options)`: the positional arguments past f's positional parameters
// become one tuple, passed as `rest`; the keyword arguments that name no parameter one dict of
// str keys, passed as `options` (each where the first of its items was, so that arguments are
// evaluated in the order written). What the callee's parameters are is read from its def.
// functools.partial(f, a, k=v) of a module function f: the lambda `lambda <f's other parameters>:
// f(a', <them>, k=v')`, where a' and v' are locals of the enclosing function assigned where the
// partial is made (a block before the lambda), so the lambda captures what partial() was given,
// evaluated once, as partial does. The other parameters keep f's names and defaults; a keyword
// given to partial stays fixed (calling the result with that keyword again is not supported).
// Of a builtin (pow, int, math.pow, operator.mul, from operator import add): `lambda p1, ...:
// f(a', p1, ..., k=v')`, as many parameters as the builtin as a value takes (builtin_arity) past
// those bound: partial(pow, 2) is lambda p: pow(2, p), partial(int, base=2) lambda p: int(p, base=2).
ExprP Lowerer::lower_partial(py::handle call) {
    Loc at = loc(call);
    py::list given = call.attr("args");
    if (py::len(given) == 0) return error_expr(call, "partial() takes a function first");
    py::handle f = given[0];
    const Resolution* r = kind(f) == Ast::Name && local(py::str(f.attr("id"))) < 0 ? global(py::str(f.attr("id"))) : nullptr;
    std::string builtin;  // "pow", "math.pow", "operator.mul"
    if (r && r->kind == Resolution::Builtin && !Type::exception(r->name))
        builtin = r->name.rfind("_operator.", 0) == 0 ? r->name.substr(1) : r->name;
    if (kind(f) == Ast::Attribute && kind(f.attr("value")) == Ast::Name && local(py::str(f.attr("value").attr("id"))) < 0)
        if (const Resolution* m = global(py::str(f.attr("value").attr("id")));
            m && m->kind == Resolution::Module && (m->name == "math" || m->name == "cmath" || m->name == "operator"))
            builtin = m->name + "." + std::string(py::str(f.attr("attr")));
    bool function = r && r->kind == Resolution::Func && r->func >= 0 && r->func < static_cast<int>(inputs_->size());
    if (!function && builtin.empty())
        return error_expr(f, "functools.partial() takes a module-level function or a builtin (pow, int, math.pow, "
                             "operator.mul) here");
    for (size_t i = 1; i < given.size(); ++i)
        if (kind(given[i]) == Ast::Starred) return error_expr(given[i], "*args in calls are not supported");
    size_t nbound = given.size() - 1;
    py::handle params = function ? (*inputs_)[r->func].node.attr("args") : py::handle();
    std::string name = function ? std::string(py::str((*inputs_)[r->func].node.attr("name"))) : builtin;
    if (function && (!params.attr("vararg").is_none() || !params.attr("kwarg").is_none()))
        return error_expr(f, "functools.partial() of '" + name + "', which takes *args or **kwargs: not supported yet");
    std::vector<py::object> positional;
    if (function)
        for (const char* field : {"posonlyargs", "args"})
            for (py::handle a : params.attr(field)) positional.push_back(py::reinterpret_borrow<py::object>(a));
    if (function && nbound > positional.size())
        return error_expr(call, name + "() takes " + std::to_string(positional.size()) + " positional arguments but " +
                                    std::to_string(nbound) + " were given to partial()");
    py::module_ ast = py::module_::import("ast");
    auto block = std::make_unique<Expr>(ExprKind::Block, at);
    block->body = std::make_unique<ir::Block>();
    auto hold = [&](py::handle value) {  // a local of the enclosing function, captured by value
        std::string held = "partial." + std::to_string(ntemps_++);
        int v = fn_->add_var(held, loc(value));
        locals_[held] = v;
        auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(value));
        s->var = v;
        s->value = lower_expr(value);
        block->body->push_back(std::move(s));
        py::object n = ast.attr("Name")(held, ast.attr("Load")());
        ast.attr("copy_location")(n, value);
        return n;
    };
    py::list call_args, call_keywords;
    for (size_t i = 1; i < given.size(); ++i) call_args.append(hold(given[i]));
    std::set<std::string> fixed;
    for (py::handle kw : call.attr("keywords")) {
        if (kw.attr("arg").is_none()) return error_expr(kw, "**kwargs in calls are not supported");
        std::string k = py::str(kw.attr("arg"));
        fixed.insert(k);
        call_keywords.append(ast.attr("keyword")(k, hold(kw.attr("value"))));
    }
    py::list args, kwonly, kw_defaults, defaults;
    for (size_t i = nbound; !function && i < builtin_arity(builtin); ++i) {  // a builtin's: the ones it takes past those bound
        std::string p = "$p" + std::to_string(i);
        args.append(ast.attr("arg")(p));
        call_args.append(ast.attr("Name")(p, ast.attr("Load")()));
    }
    // a function's parameters: its positional ones not bound, then its keyword-only ones, with its
    // defaults. As inspect.signature(partial(f, a=1)) has it, the positional ones after one given
    // by keyword become keyword-only (passing them by position would bind them twice)
    py::list f_defaults = function ? py::list(params.attr("defaults")) : py::list();
    size_t first_default = positional.size() - py::len(f_defaults);
    bool after_fixed = false;
    for (size_t i = nbound; i < positional.size(); ++i) {
        std::string p = py::str(positional[i].attr("arg"));
        if (fixed.count(p)) {
            after_fixed = true;
            continue;
        }
        py::object value = i >= first_default ? py::object(f_defaults[i - first_default]) : py::object(py::none());
        py::object read = ast.attr("Name")(p, ast.attr("Load")());
        if (after_fixed) {
            kwonly.append(ast.attr("arg")(p));
            kw_defaults.append(value);
            call_keywords.append(ast.attr("keyword")(p, read));
            continue;
        }
        args.append(ast.attr("arg")(p));
        if (!value.is_none()) defaults.append(value);
        call_args.append(read);
    }
    py::list f_kwonly = function ? py::list(params.attr("kwonlyargs")) : py::list();
    py::list f_kw_defaults = function ? py::list(params.attr("kw_defaults")) : py::list();
    for (size_t i = 0; i < f_kwonly.size(); ++i) {
        std::string p = py::str(f_kwonly[i].attr("arg"));
        if (fixed.count(p)) continue;
        kwonly.append(ast.attr("arg")(p));
        kw_defaults.append(f_kw_defaults[i]);
        call_keywords.append(ast.attr("keyword")(p, ast.attr("Name")(p, ast.attr("Load")())));
    }
    py::object body = ast.attr("Call")(f, call_args, call_keywords);
    py::object lambda = ast.attr("Lambda")(ast.attr("arguments")(py::list(), args, py::none(), kwonly, kw_defaults,
                                                                 py::none(), defaults), body);
    for (py::handle n : ast.attr("walk")(lambda))
        if (py::len(n.attr("_attributes")) && !py::hasattr(n, "lineno")) ast.attr("copy_location")(n, call);
    block->var = temp(at);
    auto s = std::make_unique<Stmt>(StmtKind::Assign, at);
    s->var = block->var;
    s->value = lower_function_value(lambda);
    block->body->push_back(std::move(s));
    return block;
}

// operator.itemgetter(1), itemgetter("a", "b"), attrgetter("x.y") with constant arguments: the
// lambda they stand for (lambda $g: $g[1], lambda $g: ($g["a"], $g["b"]), lambda $g: $g.x.y); None
// where `call` is none of these, the call itself after a diagnostic where its arguments are not constants
py::object Lowerer::getter_lambda(py::handle call) {
    if (kind(call) != Ast::Call) return py::none();
    py::handle func = call.attr("func");
    std::string name;
    if (kind(func) == Ast::Name && local(py::str(func.attr("id"))) < 0) {
        const Resolution* r = global(py::str(func.attr("id")));
        if (r && r->kind == Resolution::Builtin) name = r->name;
    } else if (kind(func) == Ast::Attribute && kind(func.attr("value")) == Ast::Name &&
               local(py::str(func.attr("value").attr("id"))) < 0) {
        const Resolution* r = global(py::str(func.attr("value").attr("id")));
        if (r && r->kind == Resolution::Module && r->name == "operator") name = "operator." + std::string(py::str(func.attr("attr")));
    }
    if (name != "operator.itemgetter" && name != "operator.attrgetter") return py::none();
    auto refuse = [&](const std::string& why) {  // reported; the call itself, which is no lambda
        error(call, why);
        return py::reinterpret_borrow<py::object>(call);
    };
    py::module_ ast = py::module_::import("ast");
    py::list args = call.attr("args");
    if (py::len(args) == 0 || py::len(call.attr("keywords")))
        return refuse(name + "() takes one or more positional arguments here");
    std::string param = "$g" + std::to_string(ntemps_++);
    py::list parts;
    for (py::handle a : args) {
        if (kind(a) != Ast::Constant) return refuse(name + "() is supported with constant arguments");
        py::object part = ast.attr("Name")(param, ast.attr("Load")());
        if (name == "operator.itemgetter") {
            part = ast.attr("Subscript")(part, a, ast.attr("Load")());
        } else {
            if (!py::isinstance<py::str>(a.attr("value"))) return refuse("attribute name must be a string");
            std::string path = py::str(a.attr("value"));
            for (size_t start = 0; start <= path.size();) {
                size_t dot = std::min(path.find('.', start), path.size());
                part = ast.attr("Attribute")(part, path.substr(start, dot - start), ast.attr("Load")());
                start = dot + 1;
            }
        }
        parts.append(part);
    }
    py::object body = py::len(parts) == 1 ? py::object(parts[0]) : ast.attr("Tuple")(parts, ast.attr("Load")());
    py::list params;
    params.append(ast.attr("arg")(param));
    py::object lambda = ast.attr("Lambda")(
        ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(), py::list()), body);
    for (py::handle n : ast.attr("walk")(lambda)) ast.attr("copy_location")(n, call);
    return lambda;
}

// functools.reduce(f, xs[, initial]): the call of a helper written as _functools.c's loop is (a
// generic one: a version per function and item type), whose accumulator keeps one type
ExprP Lowerer::lower_reduce(py::handle call) {
    static const char* const with_initial =
        "def reduce(function, iterable, initial):\n"
        "    value = initial\n"
        "    for element in iterable:\n"
        "        value = function(value, element)\n"
        "    return value\n";
    static const char* const without =
        "def reduce(function, iterable):\n"
        "    first = True\n"
        "    for element in iterable:\n"
        "        if first:\n"
        "            value = element\n"
        "            first = False\n"
        "        else:\n"
        "            value = function(value, element)\n"
        "    if first:\n"
        "        raise TypeError('reduce() of empty iterable with no initial value')\n"
        "    return value\n";
    size_t nargs = py::len(call.attr("args"));
    if (py::len(call.attr("keywords")) > 0) return error_expr(call, "reduce() takes no keyword arguments");
    if (nargs < 2 || nargs > 3)
        return error_expr(call, "reduce expected at least 2 arguments, got " + std::to_string(nargs));
    py::handle iterable = call.attr("args")[py::int_(1)];
    if (kind(as_lazy(iterable)) == Ast::GeneratorExp || generator_call(iterable) >= 0)
        return error_expr(iterable, "reduce() of a generator, map() or filter() is not supported yet: pass a list "
                                    "([... for x in ...])");
    py::module_ ast = py::module_::import("ast");
    py::object def = ast.attr("parse")(nargs == 3 ? with_initial : without).attr("body")[py::int_(0)];
    for (py::handle n : ast.attr("walk")(def))
        if (py::hasattr(n, "lineno")) {
            ast.attr("copy_location")(n, call);
            n.attr("end_lineno") = call.attr("end_lineno");
            n.attr("end_col_offset") = call.attr("end_col_offset");
        }
    FunctionInput in;
    in.node = def;
    in.qualname = "reduce";
    in.file = in_->file;
    in.globals = in_->globals;
    in.globals["TypeError"] = Resolution{Resolution::Builtin, -1, "TypeError", {}};
    in.nested = true;
    auto e = std::make_unique<Expr>(ExprKind::CallFunc, loc(call));
    e->name = "reduce";
    if (!lower_call_args(call, *e)) return std::make_unique<Expr>(ExprKind::Error, loc(call));
    nested_.push_back(Nested{std::move(in), e.get(), 0});
    return e;
}

// The hoisted functions, after the module's own (each may hoist more)
void Lowerer::lower_nested_functions(ir::Module& m) {
    while (!nested_.empty()) {
        Nested n = std::move(nested_.front());
        nested_.pop_front();
        nested_inputs_.push_back(std::move(n.input));  // lowering keeps a pointer to it
        int index = static_cast<int>(m.functions.size());
        nested_inputs_.back().index = index;
        m.functions.emplace_back();
        size_t before = diags_.items().size();
        // a nested generator def, or a generator expression made a value: a coroutine (lower_generators.cpp)
        m.functions.back().generator = m.functions.back().coroutine = is_generator_function(nested_inputs_.back().node);
        lower_function(nested_inputs_.back(), m.functions.back());
        ir::Function& fn = m.functions.back();  // its captures are positional-only parameters
        fn.lower_errors = diags_.items().size() != before;
        fn.ncaptures = n.ncaptures;
        fn.capture_refs = nested_inputs_.back().capture_refs;
        fn.snapshots = nested_inputs_.back().snapshots;
        fn.py_module = nested_inputs_.back().module;
        fn.py_factory = nested_inputs_.back().factory;
        fn.generic = fn.generic || n.ncaptures > 0;  // the captured values' types come from where it is made
        if (n.value) n.value->callee = index;
    }
    // a sibling a nested def makes (lower_function's siblings): its function, by its qualname
    std::map<std::string, int> by_name;
    for (size_t i = 0; i < m.functions.size(); ++i) by_name[m.functions[i].qualname] = static_cast<int>(i);
    for (ir::Function& f : m.functions)
        ir::for_each_node(f.body, [&](Expr& e) {
            if ((e.kind == ExprKind::FuncRef || e.kind == ExprKind::CallFunc) && e.callee < 0 && by_name.count(e.name))
                e.callee = by_name[e.name];
        });
}

}  // namespace pyrite::frontend
