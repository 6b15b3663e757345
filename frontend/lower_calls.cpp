// frontend: the call forms of a module function compiled code calls by name, bound as CPython binds
// them: f(a, *xs, b) (PEP 3132's call form: its items by position, a default where it is too short,
// *args the rest), f(a, k=v, **d) (d's keys by name), a class's constructor given *xs, print(*xs)
// (lower_print_starred), and the packing of *args and **kwargs parameters (pack_varargs). A lambda's, a nested def's and a method's *args are packed where
// typeinfer resolves the call (specialize.cpp's pack_vararg). And every call's arguments
// (lower_call_args): positional, starred into a builtin (math.hypot(*xs)), keywords.
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

namespace {
// the nodes pyrite made (no position yet) at `where`
py::handle located(py::handle made, py::handle where) {
    static py::handle walk = py::object(py::module_::import("ast").attr("walk")).release();
    static py::handle copy = py::object(py::module_::import("ast").attr("copy_location")).release();
    for (py::handle n : walk(made))
        if (py::len(n.attr("_attributes")) && !py::hasattr(n, "lineno")) copy(n, where);
    return made;
}
}  // namespace

// `item if present else default` for a parameter with a default, as a call form binds it; None after a
// diagnostic where the default is not a literal (an IfExp of it would read the caller's names)
py::object Lowerer::or_default(py::object item, py::object present, py::handle dflt, const std::string& func,
                               const char* form) {
    static py::handle ast = py::object(py::module_::import("ast")).release();
    try {
        ast.attr("literal_eval")(dflt);
    } catch (py::error_already_set&) {
        error(dflt, "'" + func + "' has a default value that is not a literal: calling it with " + form +
                        " is not supported by pyrite (pass the arguments by name or position)");
        return py::none();
    }
    return ast.attr("IfExp")(present, item, dflt);
}

// (block %r { ... }): the statements a call form holds its arguments in, then its result
ExprP Lowerer::new_block(Loc at) {
    auto block = std::make_unique<Expr>(ExprKind::Block, at);
    block->body = std::make_unique<ir::Block>();
    return block;
}

// value evaluated now, into a temporary of the block's, which it returns
int Lowerer::held_in(Expr& block, ExprP value) {
    int t = temp(value->loc);
    auto s = std::make_unique<Stmt>(StmtKind::Assign, value->loc);
    s->var = t;
    s->value = std::move(value);
    block.body->push_back(std::move(s));
    return t;
}

// the block, its result the call's
ExprP Lowerer::block_result(ExprP block, ExprP call) {
    Loc at = block->loc;
    block->var = temp(at);
    auto result = std::make_unique<Stmt>(StmtKind::Assign, at);
    result->var = block->var;
    result->value = std::move(call);
    block->body->push_back(std::move(result));
    return block;
}

// An iterator's items where a sequence is read whole (f(*map(int, words)), a, b = map(int, words),
// a generator, zip()): list(node), the rest as it is
py::object Lowerer::listed(py::handle node) {
    py::object same = py::reinterpret_borrow<py::object>(node);
    ops::Op b = called_builtin(node);
    if (kind(as_lazy(node)) != Ast::GeneratorExp && generator_call(node) < 0 && !ops::has(b, ops::LoopOnly) &&
        b != ops::Op::ZipStar)
        return same;
    py::module_ ast = py::module_::import("ast");
    py::list args;
    args.append(node);
    py::object list = ast.attr("Call")(ast.attr("Name")("$list", ast.attr("Load")()), args, py::list());
    ast.attr("copy_location")(list, node);
    ast.attr("copy_location")(list.attr("func"), node);
    return list;
}

// f(a, *xs, b, k=v) of a module function with fixed parameters (PEP 3132's call form): CPython
// evaluates every argument, left to right, then binds xs's items to the parameters after a's. So:
//     (block %r { %$0 = a; %$1 = xs; %$2 = b; %$3 = v; (intrinsic $star_args %$1 ...);
//                 %r = (call @f %$0 (get %$1 0) (get %$1 1) %$2 k=%$3) })
// where $star_args raises CPython's TypeError when xs holds other than the parameters left for it
// (as many as f's positional parameters minus the other positional arguments). xs is a list, a
// tuple (whose length typeinfer knows) or any iterable (made a list first).
// A class's constructor, Item(*xs) (shown: "Item.__init__"), binds its __init__'s parameters after
// self, which stands first among the arguments (so the counts in CPython's messages include it) and
// is dropped from the New expression at the end.
ExprP Lowerer::lower_star_call(py::handle call, py::handle def, ExprP e, const std::string& shown) {
    Loc at = loc(call);
    std::string name = shown.empty() ? std::string(py::str(def.attr("name"))) : shown;
    py::handle params = def.attr("args");
    py::list given = call.attr("args");
    if (!shown.empty()) {  // self
        py::module_ ast = py::module_::import("ast");
        py::list with_self;
        py::object self = ast.attr("Constant")(py::none());
        ast.attr("copy_location")(self, call);
        with_self.append(self);
        for (py::handle g : given) with_self.append(g);
        given = with_self;
    }
    size_t star = given.size(), last = 0;
    for (size_t i = 0; i < given.size(); ++i)
        if (kind(given[i]) == Ast::Starred) star = std::min(star, i), last = i;
    if (last > star) {  // f(a, *xs, b, *ys): f(a, *[*xs, b, *ys]), one list of those items
        py::module_ ast = py::module_::import("ast");
        py::list items, args;
        for (size_t i = star; i <= last; ++i) items.append(given[i]);
        py::object list = ast.attr("List")(items, ast.attr("Load")());
        py::object starred = ast.attr("Starred")(list, ast.attr("Load")());
        ast.attr("copy_location")(list, given[star]);
        ast.attr("copy_location")(starred, given[star]);
        for (size_t i = 0; i < given.size(); ++i)
            if (i < star || i > last) args.append(given[i]);
            else if (i == star) args.append(starred);
        given = args;
    }
    if (!params.attr("kwarg").is_none())
        return error_expr(given[star], "'" + name + "' takes **kwargs: calling it with *iterable is not "
                                       "supported by pyrite yet");
    std::vector<std::string> positional;
    for (const char* field : {"posonlyargs", "args"})
        for (py::handle a : params.attr(field)) positional.push_back(py::str(a.attr("arg")));
    for (py::handle kw : call.attr("keywords")) {
        if (kw.attr("arg").is_none()) return error_expr(kw, "**kwargs in calls are not supported");
        if (std::find(positional.begin(), positional.end(), std::string(py::str(kw.attr("arg")))) != positional.end())
            return error_expr(kw, "a keyword argument for a positional parameter of '" + name + "' beside *iterable: "
                                  "not supported by pyrite yet");
    }
    size_t ndefaults = py::len(params.attr("defaults"));
    if (!params.attr("vararg").is_none() || ndefaults > given.size() - 1 - star)  // *args, or a default to fill
        return lower_star_call_ranged(call, def, std::move(e), given, star, positional, shown);
    size_t others = given.size() - 1;
    if (others > positional.size())
        return error_expr(call, name + "() takes " + std::to_string(positional.size()) + " positional argument" +
                                    (positional.size() == 1 ? "" : "s") + " but at least " + std::to_string(others) +
                                    " were given");
    size_t want = positional.size() - others;  // what the iterable must hold
    ExprP block = new_block(at);
    auto hold = [&](ExprP value) { return held_in(*block, std::move(value)); };  // evaluated now, in order
    py::object items = listed(given[star].attr("value"));  // as CPython makes them a tuple
    std::vector<int> held;
    for (size_t i = 0; i < given.size(); ++i) held.push_back(hold(lower_expr(i == star ? items : py::object(given[i]))));
    for (py::handle kw : call.attr("keywords")) {
        e->kwnames.push_back(py::str(kw.attr("arg")));
        held.push_back(hold(lower_expr(kw.attr("value"))));
    }
    Loc star_at = loc(given[star]);
    auto check = std::make_unique<Expr>(ExprKind::Intrinsic, star_at);
    check->operation = ops::Op::StarArgs;
    check->args.push_back(var_expr(held[star], star_at));
    check->ival = static_cast<std::int64_t>(want);
    check->index = static_cast<std::int64_t>(others);
    check->name = name;
    check->classes = positional;  // the names of what is missing
    auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, star_at);
    s->value = std::move(check);
    block->body->push_back(std::move(s));
    for (size_t i = 0; i < given.size(); ++i) {
        if (i != star) {
            e->args.push_back(var_expr(held[i], at));
            continue;
        }
        for (size_t k = 0; k < want; ++k) {
            auto get = std::make_unique<Expr>(ExprKind::TupleGet, star_at);
            get->index = static_cast<std::int64_t>(k);
            get->unpack_count = static_cast<int>(want);
            get->args.push_back(var_expr(held[star], star_at));
            e->args.push_back(std::move(get));
        }
    }
    for (size_t k = 0; k < e->kwnames.size(); ++k) e->args.push_back(var_expr(held[given.size() + k], at));
    if (!shown.empty()) e->args.erase(e->args.begin());  // self
    return block_result(std::move(block), std::move(e));
}

// f(a, *xs, b) where how many items xs holds decides what f's parameters get: f has defaults the
// items may fill, or *args that takes the rest. The positional arguments before the first * bind
// f's first parameters (the extra ones, beside *args, go first into the rest); the others make one
// list, held, whose items bind the parameters left (a default where it is too short) and, as a
// tuple, *args:
//     (block %r { %$0 = a; %$1 = [*xs, b]; (intrinsic $star_args %$1 least most);
//                 %r = (call @f %$0 (index %$1 0) (ifexp (len %$1 > 1) (index %$1 1) <default>)
//                       rest=(tuple (slice %$1 2 None))) })
ExprP Lowerer::lower_star_call_ranged(py::handle call, py::handle def, ExprP e, py::list given, size_t star,
                                      const std::vector<std::string>& positional, const std::string& shown) {
    Loc at = loc(call);
    py::module_ ast = py::module_::import("ast");
    std::string name = shown.empty() ? std::string(py::str(def.attr("name"))) : shown;
    py::handle params = def.attr("args");
    bool vararg = !params.attr("vararg").is_none();
    size_t direct = std::min(star, positional.size());  // bound by position before the first *
    if (!vararg && star > positional.size())
        return error_expr(call, name + "() takes at most " + std::to_string(positional.size()) + " positional argument" +
                                    (positional.size() == 1 ? "" : "s") + " but at least " + std::to_string(star) +
                                    " were given");
    py::list items;  // what the rest are, in order
    for (size_t i = direct; i < py::len(given); ++i) items.append(given[i]);
    // f(a, *xs) alone: xs itself (a fixed tuple keeps its items' types; typeinfer settles its length
    // tests), or its items as a list where it is an iterator
    py::object list = py::len(items) == 1 && kind(items[0]) == Ast::Starred ? listed(items[0].attr("value"))
                                                                            : ast.attr("List")(items, ast.attr("Load")());
    if (py::len(items) != 1 || kind(items[0]) != Ast::Starred) ast.attr("copy_location")(list, given[star]);
    ExprP block = new_block(at);
    auto hold = [&](ExprP value) { return held_in(*block, std::move(value)); };  // evaluated now, in order
    std::vector<int> held;
    for (size_t i = 0; i < direct; ++i) held.push_back(hold(lower_expr(given[i])));
    int rest = hold(lower_expr(list));
    std::vector<int> keywords;
    for (py::handle kw : call.attr("keywords")) keywords.push_back(hold(lower_expr(kw.attr("value"))));
    // the list's items by name in the expressions below, as a local of that name ($N)
    std::string rest_name = fn_->vars[rest].name;
    locals_[rest_name] = rest;
    auto read = [&]() { return ast.attr("Name")(rest_name, ast.attr("Load")()); };
    size_t left = positional.size() - direct;  // parameters the items bind
    py::list defaults = params.attr("defaults");
    size_t first_default = positional.size() - py::len(defaults);
    size_t least = 0;
    for (size_t j = 0; j < left; ++j) least += direct + j < first_default;
    Loc star_at = loc(given[star]);
    auto check = std::make_unique<Expr>(ExprKind::Intrinsic, star_at);
    check->operation = ops::Op::StarArgs;
    check->args.push_back(var_expr(rest, star_at));
    auto most = std::make_unique<Expr>(ExprKind::IntConst, star_at);
    most->ival = vararg ? -1 : static_cast<std::int64_t>(left);
    check->args.push_back(std::move(most));
    check->ival = static_cast<std::int64_t>(least);
    check->index = static_cast<std::int64_t>(direct);
    check->name = name;
    check->classes = positional;
    auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, star_at);
    s->value = std::move(check);
    block->body->push_back(std::move(s));
    for (size_t i = 0; i < direct; ++i) e->args.push_back(var_expr(held[i], at));
    bool ok = true;
    for (size_t j = 0; j < left && ok; ++j) {
        py::object item = ast.attr("Subscript")(read(), ast.attr("Constant")(py::int_(j)), ast.attr("Load")());
        if (direct + j >= first_default) {  // items[j] if len(items) > j else its default
            py::list lens;
            lens.append(read());
            py::object len = ast.attr("Call")(ast.attr("Name")("$len", ast.attr("Load")()), lens, py::list());
            py::object test = ast.attr("Compare")(len, py::make_tuple(ast.attr("Gt")()),
                                                  py::make_tuple(ast.attr("Constant")(py::int_(j))));
            item = or_default(item, test, defaults[py::int_(direct + j - first_default)], name, "*iterable");
            if (item.is_none()) {
                ok = false;
                break;
            }
        }
        located(item, given[star]);
        e->args.push_back(lower_expr(item));
    }
    for (py::handle kw : call.attr("keywords")) e->kwnames.push_back(py::str(kw.attr("arg")));
    for (int k : keywords) e->args.push_back(var_expr(k, at));
    if (vararg) {  // *args: a tuple of the items after those
        py::object slice = ast.attr("Subscript")(read(), ast.attr("Slice")(ast.attr("Constant")(py::int_(left)), py::none(), py::none()),
                                                 ast.attr("Load")());
        py::list one;
        one.append(slice);
        py::object tuple = ast.attr("Call")(ast.attr("Name")("$tuple", ast.attr("Load")()), one, py::list());
        located(tuple, given[star]);
        e->kwnames.push_back(py::str(params.attr("vararg").attr("arg")));
        e->args.push_back(lower_expr(tuple));
    }
    locals_.erase(rest_name);
    if (!ok) return std::make_unique<Expr>(ExprKind::Error, at);
    if (!shown.empty()) e->args.erase(e->args.begin());  // self
    return block_result(std::move(block), std::move(e));
}

// f(a, k=v, **d) of a module function: d's keys name f's parameters, as CPython binds them: each
// parameter the other arguments leave gets d's value for its name, or its default. $kwargs copies
// the mapping (as CPython does), held, once it has raised CPython's TypeError for a key naming no
// parameter (when f takes no **kwargs), one already given, or a required parameter left without:
//     (block %r { %$0 = a; %$1 = v; %$2 = (intrinsic $kwargs d);
//                 %r = (call @f %$0 b=(index %$2 "b") c=(ifexp (in "c" %$2) (index %$2 "c") <default>) k=%$1) })
ExprP Lowerer::lower_kwargs_call(py::handle call, py::handle def, ExprP e) {
    Loc at = loc(call);
    py::module_ ast = py::module_::import("ast");
    std::string name = py::str(def.attr("name"));
    py::handle params = def.attr("args");
    py::list keywords = call.attr("keywords");
    py::handle mapping;
    for (size_t k = 0; k < keywords.size(); ++k)
        if (keywords[k].attr("arg").is_none()) {
            if (mapping || k + 1 != keywords.size())
                return error_expr(keywords[k], "**mapping in a call is supported once, after the other keyword "
                                               "arguments");
            mapping = keywords[k];
        }
    if (!params.attr("vararg").is_none())
        return error_expr(mapping, "'" + name + "' takes *args: calling it with **mapping is not supported by pyrite yet");
    bool kwarg = !params.attr("kwarg").is_none();
    std::vector<std::string> positional, kwonly, allowed, given;
    for (py::handle a : params.attr("args")) positional.push_back(py::str(a.attr("arg")));
    for (py::handle a : params.attr("kwonlyargs")) kwonly.push_back(py::str(a.attr("arg")));
    size_t nposonly = py::len(params.attr("posonlyargs"));
    py::list args = call.attr("args");
    if (args.size() > nposonly + positional.size())
        return error_expr(call, name + "() takes " + std::to_string(nposonly + positional.size()) +
                                    " positional arguments but " + std::to_string(args.size()) + " were given");
    if (args.size() < nposonly)
        return error_expr(call, "'" + name + "' takes positional-only parameters that **mapping cannot fill: pass them "
                                "by position");
    // the parameters by keyword, in order: positional ones after those given by position, then keyword-only
    std::vector<std::pair<std::string, py::handle>> open;  // name, default (or none)
    py::list defaults = params.attr("defaults"), kw_defaults = params.attr("kw_defaults");
    size_t first_default = nposonly + positional.size() - defaults.size();
    for (size_t i = 0; i < positional.size(); ++i) {
        size_t slot = nposonly + i;
        if (slot < args.size()) {
            given.push_back(positional[i]);
            continue;
        }
        open.emplace_back(positional[i], slot >= first_default ? defaults[slot - first_default] : py::handle());
    }
    for (size_t i = 0; i < kwonly.size(); ++i)
        open.emplace_back(kwonly[i], kw_defaults[i].is_none() ? py::handle() : kw_defaults[i]);
    for (auto& [n, d] : open) allowed.push_back(n);
    for (size_t k = 0; k + 1 < keywords.size(); ++k) given.push_back(py::str(keywords[k].attr("arg")));
    ExprP block = new_block(at);
    auto hold = [&](ExprP value) { return held_in(*block, std::move(value)); };  // evaluated now, in order
    std::vector<int> held, named;
    for (py::handle a : args) held.push_back(hold(lower_expr(a)));
    for (size_t k = 0; k + 1 < keywords.size(); ++k) named.push_back(hold(lower_expr(keywords[k].attr("value"))));
    Loc map_at = loc(mapping);
    auto check = std::make_unique<Expr>(ExprKind::Intrinsic, map_at);  // the checked copy, held
    check->operation = ops::Op::KwArgs;
    check->args.push_back(lower_expr(mapping.attr("value")));
    check->name = name;
    // what the check knows, by prefix: a: a parameter the keys may name, g: one given already,
    // p: a required positional one, k: a required keyword-only one; * where f takes **kwargs
    for (auto& [n, dflt] : open) {
        check->classes.push_back("a:" + n);
        if (!dflt) check->classes.push_back((std::find(kwonly.begin(), kwonly.end(), n) != kwonly.end() ? "k:" : "p:") + n);
    }
    for (const std::string& g : given) check->classes.push_back("g:" + g);
    if (kwarg) check->classes.push_back("*");
    int d = hold(std::move(check));
    std::string d_name = fn_->vars[d].name;
    locals_[d_name] = d;
    auto read = [&]() { return ast.attr("Name")(d_name, ast.attr("Load")()); };
    for (int h : held) e->args.push_back(var_expr(h, at));
    for (size_t k = 0; k + 1 < keywords.size(); ++k) e->kwnames.push_back(py::str(keywords[k].attr("arg")));
    for (int h : named) e->args.push_back(var_expr(h, at));
    bool ok = true;
    for (auto& [n, dflt] : open) {
        py::object item = ast.attr("Subscript")(read(), ast.attr("Constant")(py::str(n)), ast.attr("Load")());
        if (dflt) {  // d[n] if n in d else its default
            py::object test = ast.attr("Compare")(ast.attr("Constant")(py::str(n)), py::make_tuple(ast.attr("In")()),
                                                  py::make_tuple(read()));
            item = or_default(item, test, dflt, name, "**mapping");
            if (item.is_none()) {
                ok = false;
                break;
            }
        }
        e->kwnames.push_back(n);
        e->args.push_back(lower_expr(located(item, mapping)));
    }
    if (kwarg && ok) {  // **kwargs: the keys that name no parameter
        std::string key = "$k" + std::to_string(ntemps_++), value = "$v" + std::to_string(ntemps_++);
        py::list names;
        for (const std::string& n : allowed) names.append(ast.attr("Constant")(py::str(n)));
        py::object test = ast.attr("Compare")(ast.attr("Name")(key, ast.attr("Load")()),
                                              py::make_tuple(ast.attr("NotIn")()),
                                              py::make_tuple(ast.attr("Tuple")(names, ast.attr("Load")())));
        py::object items = ast.attr("Call")(ast.attr("Attribute")(read(), "items", ast.attr("Load")()), py::list(), py::list());
        py::list ifs;
        if (!allowed.empty()) ifs.append(test);
        py::object target = ast.attr("Tuple")(py::make_tuple(ast.attr("Name")(key, ast.attr("Store")()),
                                                             ast.attr("Name")(value, ast.attr("Store")())),
                                              ast.attr("Store")());
        py::list gens;
        gens.append(ast.attr("comprehension")(target, items, ifs, 0));
        py::object comp = ast.attr("DictComp")(ast.attr("Name")(key, ast.attr("Load")()),
                                               ast.attr("Name")(value, ast.attr("Load")()), gens);
        e->kwnames.push_back(py::str(params.attr("kwarg").attr("arg")));
        e->args.push_back(lower_expr(located(comp, mapping)));
    }
    locals_.erase(d_name);
    if (!ok) return std::make_unique<Expr>(ExprKind::Error, at);
    return block_result(std::move(block), std::move(e));
}

bool Lowerer::pack_varargs(py::handle call, py::handle def, Expr& e) {
    py::handle args = def.attr("args");
    bool vararg = !args.attr("vararg").is_none(), kwarg = !args.attr("kwarg").is_none();
    if (!vararg && !kwarg) return true;
    std::set<std::string> named;  // what a keyword may name
    for (const char* field : {"args", "kwonlyargs"})
        for (py::handle a : args.attr(field)) named.insert(py::str(a.attr("arg")));
    size_t npositional = py::len(args.attr("posonlyargs")) + py::len(args.attr("args"));
    size_t npos = e.args.size() - e.kwnames.size();
    Loc at = loc(call);
    std::vector<ExprP> out;
    std::vector<std::string> kwnames;
    auto tuple = std::make_unique<Expr>(ExprKind::Tuple, at);
    for (size_t i = 0; i < npos; ++i) {
        if (i < npositional || !vararg) out.push_back(std::move(e.args[i]));
        else tuple->args.push_back(std::move(e.args[i]));
    }
    if (vararg) {
        kwnames.push_back(py::str(args.attr("vararg").attr("arg")));
        out.push_back(std::move(tuple));
    }
    auto dict = std::make_unique<Expr>(ExprKind::DictDisplay, at);
    Expr* dict_at = nullptr;
    bool reordered = false;
    for (size_t k = 0; k < e.kwnames.size(); ++k) {
        ExprP& value = e.args[npos + k];
        const std::string& name = e.kwnames[k];
        if ((vararg && name == kwnames[0]) || (kwarg && name == std::string(py::str(args.attr("kwarg").attr("arg"))))) {
            error(call, std::string(py::str(def.attr("name"))) + "() got an unexpected keyword argument '" + name + "'");
            return false;
        }
        if (named.count(name) || !kwarg) {
            reordered = reordered || (dict_at && value->kind != ExprKind::Var && value->kind != ExprKind::IntConst &&
                                      value->kind != ExprKind::FloatConst && value->kind != ExprKind::StrConst);
            kwnames.push_back(name);
            out.push_back(std::move(value));
            continue;
        }
        if (!dict_at) {  // the dict goes where its first item was
            dict_at = dict.get();
            kwnames.push_back(py::str(args.attr("kwarg").attr("arg")));
            out.push_back(nullptr);
        }
        auto key = std::make_unique<Expr>(ExprKind::StrConst, value->loc);
        key->name = name;
        dict->args.push_back(std::move(key));
        dict->args.push_back(std::move(value));
    }
    if (reordered) {
        error(call, "pass the keyword arguments that '**" + std::string(py::str(args.attr("kwarg").attr("arg"))) +
                        "' takes after the others: pyrite evaluates them together");
        return false;
    }
    if (kwarg && !dict_at) {  // no keyword for it: an empty dict
        kwnames.push_back(py::str(args.attr("kwarg").attr("arg")));
        out.push_back(std::move(dict));
    } else if (dict_at) {
        for (ExprP& x : out)
            if (!x) x = std::move(dict);
    }
    e.args = std::move(out);
    e.kwnames = std::move(kwnames);
    return true;
}

// print(a, *xs, sep=s, end=e): print(s.join([str(a), *[str(x) for x in xs]]), end=e), which
// writes the same text. The separator is a constant or a variable, so evaluating it after the
// items, as print's own arguments are, is evaluating it where print would.
ExprP Lowerer::lower_print_starred(py::handle node) {
    py::module_ ast = py::module_::import("ast");
    py::object sep = ast.attr("Constant")(" ");
    py::list keywords;
    for (py::handle kw : node.attr("keywords")) {
        if (!kw.attr("arg").is_none() && std::string(py::str(kw.attr("arg"))) == "sep") {
            py::handle v = kw.attr("value");
            if (kind(v) != Ast::Name && kind(v) != Ast::Constant)
                return error_expr(v, "print(*values, sep=...) takes a constant or a variable as its separator");
            if (kind(v) == Ast::Name) {  // sep=None is " ": (" " if sep is None else sep)
                py::list is, none;
                is.append(ast.attr("Is")());
                none.append(ast.attr("Constant")(py::none()));
                sep = ast.attr("IfExp")(ast.attr("Compare")(v, is, none), sep, v);
            } else if (!v.attr("value").is_none()) {
                sep = py::reinterpret_borrow<py::object>(v);
            }
            continue;
        }
        keywords.append(kw);
    }
    py::list parts;
    for (py::handle a : node.attr("args")) {
        auto str_of = [&](py::handle v) {  // f"{v!s}": str(v), whatever the name str means here
            py::list values;
            values.append(ast.attr("FormattedValue")(v, 115, py::none()));
            return ast.attr("JoinedStr")(values);
        };
        if (kind(a) != Ast::Starred) {
            parts.append(str_of(a));
            continue;
        }
        std::string name = "$print" + std::to_string(ntemps_++);
        py::object target = ast.attr("Name")(name, ast.attr("Store")());
        py::list comps;  // lists, not tuples: ast.walk reads a node's lists only
        comps.append(ast.attr("comprehension")(target, a.attr("value"), py::list(), 0));
        py::object items = ast.attr("ListComp")(str_of(ast.attr("Name")(name, ast.attr("Load")())), comps);
        parts.append(ast.attr("Starred")(items, ast.attr("Load")()));
    }
    py::list join_args, print_args;
    join_args.append(ast.attr("List")(parts, ast.attr("Load")()));
    print_args.append(ast.attr("Call")(ast.attr("Attribute")(sep, "join", ast.attr("Load")()), join_args, py::list()));
    py::object call = ast.attr("Call")(node.attr("func"), print_args, keywords);
    for (py::handle n : ast.attr("walk")(call))  // what is made here is where the call is
        if (py::hasattr(n, "_attributes") && py::len(n.attr("_attributes")) && !py::hasattr(n, "lineno"))
            ast.attr("copy_location")(n, node);
    return lower_call(call);
}

// A call's positional arguments, each starred display its items (f(*[a, b], c) is f(a, b, c):
// CPython builds the display, in order, then passes its items)
py::list Lowerer::star_displays(py::handle call) {
    py::list given;
    for (py::handle a : call.attr("args")) {
        Ast shown = kind(a) == Ast::Starred ? kind(a.attr("value")) : Ast::Other;
        bool flat = shown == Ast::List || shown == Ast::Tuple;
        if (flat)
            for (py::handle x : a.attr("value").attr("elts")) flat = flat && kind(x) != Ast::Starred;
        if (!flat) {
            given.append(a);
            continue;
        }
        for (py::handle x : a.attr("value").attr("elts")) given.append(x);
    }
    return given;
}

// *xs passed on: list(xs), the items it has when the call is made, as CPython unpacks them
py::object Lowerer::star_items(py::handle starred) {
    py::module_ ast = py::module_::import("ast");
    py::list one;
    one.append(starred.attr("value"));
    py::object items = ast.attr("Call")(ast.attr("Name")("$list", ast.attr("Load")()), one, py::list());
    ast.attr("copy_location")(items, starred);
    ast.attr("fix_missing_locations")(items);
    return items;
}

// Positional arguments, then keyword arguments (names in call.kwnames).
bool Lowerer::lower_call_args(py::handle node, Expr& call, bool generators) {
    // str.join reads its argument into a list before it joins (PySequence_Fast): a generator or
    // an iterator there is the list of its items too. (The user's own join method must not take
    // one: typeinfer's object_method refuses iterator_items.)
    bool joins = call.kind == ExprKind::Method && call.name == "join";
    bool whole = generators || joins;
    py::list given = star_displays(node);
    if (call.kind == ExprKind::CallBuiltin && py::len(given) == 1 && kind(given[0]) == Ast::Starred &&
        py::len(node.attr("keywords")) == 0) {
        // math.hypot(*xs): the items xs has now, as a list, to the builtin's "NAME(*)" overload
        // (math.hpp declares which have one; typeinfer's call_builtin refuses the others)
        call.name += "(*)";
        call.args.push_back(lower_expr(star_items(given[0])));
        return true;
    }
    for (size_t i = 0; i < given.size(); ++i) {
        py::handle a = given[i];
        if (kind(a) == Ast::Starred && call.kind == ExprKind::Method && i + 1 == given.size()) {
            // obj.m(a, *xs): tuple(xs), for the method's *args (typeinfer's object_method binds it)
            auto items = std::make_unique<Expr>(ExprKind::Intrinsic, loc(a));
            items->operation = ops::Op::TupleOfIt;
            items->args.push_back(lower_expr(listed(a.attr("value"))));
            items->star_arg = true;
            call.args.push_back(std::move(items));
            continue;
        }
        if (kind(a) == Ast::Starred) {
            error(a, "*args in calls are not supported");
            return false;
        }
        size_t before = call.args.size();
        if (py::object lazy = as_lazy(a); whole && kind(lazy) == Ast::GeneratorExp) {  // map(), filter()
            call.args.push_back(lower_comprehension(lazy));
        } else if (whole && generator_call(a) >= 0) {  // sum(gen(...)): as sum(x for x in gen(...))
            call.args.push_back(lower_comprehension(as_generator_expression(a)));
        } else if (ops::Op b = whole ? called_builtin(a) : ops::Op::None;
                   ops::has(b, ops::LoopOnly) || (generators && b == ops::Op::RangeOf)) {
            call.args.push_back(lower_items(a));  // list(zip(a, b)): the items, as a list
        }
        if (call.args.size() > before) {
            call.args.back()->iterator_items = joins;
            continue;
        }
        call.args.push_back(lower_expr(a));
    }
    for (py::handle kw : node.attr("keywords")) {
        if (kw.attr("arg").is_none()) {
            error(kw, "**kwargs in calls are not supported");
            return false;
        }
        call.kwnames.push_back(py::str(kw.attr("arg")));
        // key= of a builtin that takes a key function (sorted, max, bisect; of the methods, list.sort's
        // alone: "{key}".format(key=v) names a field, a class's method takes a value)
        bool takes_key = call.kind == ExprKind::Intrinsic || call.kind == ExprKind::CallBuiltin ||
                         (call.kind == ExprKind::Method && ops::lookup(ops::Recv::List, call.name) == ops::Op::ListSort);
        if (call.kwnames.back() == "key" && takes_key) {
            py::object key = py::reinterpret_borrow<py::object>(kw.attr("value"));
            py::list given = node.attr("args");
            // max(d, key=d.get): d's keys are in d, so d.get(k) is d[k], never None
            if (kind(key) == Ast::Attribute && std::string(py::str(key.attr("attr"))) == "get" &&
                kind(key.attr("value")) == Ast::Name && py::len(given) == 1 && kind(given[0]) == Ast::Name &&
                std::string(py::str(given[0].attr("id"))) == std::string(py::str(key.attr("value").attr("id")))) {
                py::module_ ast = py::module_::import("ast");
                py::object k = ast.attr("Name")("$k", ast.attr("Load")());
                py::object item = ast.attr("Subscript")(key.attr("value"), k, ast.attr("Load")());
                py::list params;
                params.append(ast.attr("arg")("$k"));
                py::object args = ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(),
                                                        py::list());
                key = ast.attr("Lambda")(args, item);
                for (py::handle n : ast.attr("walk")(key))
                    if (py::len(n.attr("_attributes"))) ast.attr("copy_location")(n, kw.attr("value"));
            }
            call.args.push_back(lower_key(key));
            continue;
        }
        py::handle v = kw.attr("value");
        if (call.kwnames.back() == "file" && call.operation == ops::Op::Print && kind(v) == Ast::Attribute &&
            kind(v.attr("value")) == Ast::Name && local(py::str(v.attr("value").attr("id"))) < 0) {
            // print(..., file=sys.stderr): the stream, looked up in sys when printing (as print does)
            const Resolution* r = global(py::str(v.attr("value").attr("id")));
            std::string stream = py::str(v.attr("attr"));
            if (r && r->kind == Resolution::Module && r->name == "sys" && (stream == "stdout" || stream == "stderr")) {
                auto s = std::make_unique<Expr>(ExprKind::Intrinsic, loc(v));
                s->operation = ops::Op::SysStream;
                s->name = stream;
                call.args.push_back(std::move(s));
                continue;
            }
        }
        call.args.push_back(lower_expr(kw.attr("value")));
    }
    return true;
}

}  // namespace pyrite::frontend
