// frontend: iterators that exist only where something iterates them: enumerate, zip, reversed
// and itertools' (count, repeat, cycle, chain, chain.from_iterable, islice, accumulate, product,
// permutations, combinations, combinations_with_replacement, pairwise, zip_longest, starmap,
// takewhile, dropwhile, filterfalse, compress) and heapq.merge, as a for loop's or comprehension's iterable, as
// the source of another of them (zip(count(1), pairwise(xs))), or given to a consumer
// (list(permutations(xs)): lower_items), and groupby() as a loop's iterable (its groups are
// lists, read once in the loop's body: typeinfer/itertools.cpp checks). Each is an Intrinsic whose positional arguments are
// its sources (nested iterators are Intrinsics too) and values, in the order written, then its
// keyword arguments; a function argument (accumulate's func, starmap's, a predicate) becomes a
// Lambda of one parameter, the tuple of the function's arguments where it takes several.
// typeinfer/itertools.cpp types them; codegen/emit_loops.cpp builds
// runtime/include/pyrite/itertools.hpp's structs.
#include "lower.hpp"

namespace pyrite::frontend {

namespace {
using ir::Expr;
using ir::ExprKind;
using ir::ExprP;
using ops::Op;

// the keyword arguments each accepts (CPython's names)
const std::vector<std::string>& keywords_of(Op op) {
    static const std::map<Op, std::vector<std::string>> kw = {
        {Op::Enumerate, {"start"}},       {Op::Zip, {"strict"}},            {Op::ItCount, {"start", "step"}}, {Op::ItRepeat, {"object", "times"}},
        {Op::ItAccumulate, {"func", "initial"}}, {Op::ItProduct, {"repeat"}}, {Op::ItPermutations, {"r"}},
        {Op::ItCombinations, {"r"}},      {Op::ItCombinationsWR, {"r"}},    {Op::ItZipLongest, {"fillvalue"}},
        {Op::ItCompress, {"data", "selectors"}}, {Op::ItGroupby, {"key"}}, {Op::HeapqMerge, {"key", "reverse"}},
    };
    static const std::vector<std::string> none;
    auto it = kw.find(op);
    return it == kw.end() ? none : it->second;
}

// which positional argument is a function (a Lambda once lowered), or -1
int function_position(Op op) {
    switch (op) {
        case Op::ItStarmap:
        case Op::ItTakewhile:
        case Op::ItDropwhile:
        case Op::ItFilterfalse: return 0;
        case Op::ItAccumulate:
        case Op::ItGroupby: return 1;
        default: return -1;
    }
}

// CPython reads the whole of these sources when the iterator is made (tuple(pool)): a generator
// there may be read into a list first without changing when anything happens
bool reads_pools_first(Op op) {
    return op == Op::ItProduct || op == Op::ItPermutations || op == Op::ItCombinations || op == Op::ItCombinationsWR;
}
}  // namespace

// The iterator `call` names (op: LoopOnly), its sources lowered as iterators where they are ones.
ExprP Lowerer::lower_iterator(py::handle call, Op op) {
    Loc at = loc(call);
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, at);
    e->operation = op;
    const std::string name = std::string(ops::info(op).py).substr(std::string(ops::info(op).py).rfind('.') + 1);
    if (op == Op::PRange) {  // for i in prange(n): lower_for_header's; elsewhere its own diagnostics
        if (!lower_call_args(call, *e)) return std::make_unique<Expr>(ExprKind::Error, at);
        return e;
    }
    const int fpos = function_position(op);
    py::list args = star_displays(call);  // product(*[xs, ys])
    if (op == Op::ItChain && py::len(args) == 1 && kind(args[0]) == Ast::Starred && py::len(call.attr("keywords")) == 0) {
        // chain(*xss): chain.from_iterable over the items xss has now (CPython unpacks them first)
        e->operation = Op::ItFromIterable;
        e->args.push_back(lower_expr(star_items(args[0])));
        return e;
    }
    bool merge_all = (op == Op::HeapqMerge || op == Op::ItProduct) && py::len(args) == 1 && kind(args[0]) == Ast::Starred;
    if (merge_all) {  // heapq.merge(*xss), product(*xss): the items xss has now, each a source (star_arg)
        e->args.push_back(lower_expr(star_items(args[0])));
        e->star_arg = true;
    }
    int i = 0;
    for (py::handle a : merge_all ? py::list() : args) {
        if (kind(a) == Ast::Starred) return error_expr(a, "*args in calls are not supported");
        if (i == fpos) {
            if (op == Op::ItStarmap) {
                int n = starmap_arity(a);
                if (n < 0) return std::make_unique<Expr>(ExprKind::Error, at);
                e->index = n;  // typeinfer checks the items' size against it
                e->args.push_back(lower_callback(a, n, "starmap()", call));
            } else if (op == Op::ItFilterfalse && kind(a) == Ast::Constant && py::handle(a.attr("value")).is_none()) {
                e->args.push_back(lower_callback(py::none(), 1, "filterfalse()", call));  // its items' own truth
            } else if (op == Op::ItAccumulate && kind(a) == Ast::Constant && py::handle(a.attr("value")).is_none()) {
                e->args.push_back(lower_callback(py::none(), 2, "accumulate()", call));  // +
            } else if (op == Op::ItGroupby && kind(a) == Ast::Constant && py::handle(a.attr("value")).is_none()) {
                e->args.push_back(lower_callback(py::none(), 1, "groupby()", call));  // the item is its key
            } else {
                e->args.push_back(lower_callback(a, op == Op::ItAccumulate ? 2 : 1, name + "()", call));
            }
            ++i;
            continue;
        }
        ops::Op inner = called_builtin(a);
        if (inner == Op::PRange) return error_expr(a, "prange() is the iterable of a 'for' statement only");
        py::object lazy = as_lazy(a);  // map(f, xs), filter(f, xs): generator expressions
        if (!reads_pools_first(op) && (kind(a) == Ast::GeneratorExp || kind(lazy) == Ast::GeneratorExp)) {
            e->args.push_back(lower_genexp_iterator(kind(a) == Ast::GeneratorExp ? py::object(py::reinterpret_borrow<py::object>(a)) : lazy));
        } else if (ops::has(inner, ops::LoopOnly)) {
            e->args.push_back(lower_iterator(a, inner));
        } else if (reads_pools_first(op) &&
                   (generator_call(a) >= 0 || kind(as_lazy(a)) == Ast::GeneratorExp || kind(a) == Ast::GeneratorExp)) {
            py::object g = generator_call(a) >= 0 ? as_generator_expression(a) : as_lazy(a);
            e->args.push_back(lower_comprehension(g));  // product(gen()): tuple(pool), as CPython reads it
        } else {
            e->args.push_back(lower_expr(a));
        }
        ++i;
    }
    const std::vector<std::string>& allowed = keywords_of(op);
    for (py::handle kw : call.attr("keywords")) {
        if (kw.attr("arg").is_none()) return error_expr(kw, "**kwargs in calls are not supported");
        std::string k = py::str(kw.attr("arg"));
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
            return error_expr(kw, name + "() got an unexpected keyword argument '" + k + "'");
        e->kwnames.push_back(k);
        py::handle v = kw.attr("value");
        bool none = kind(v) == Ast::Constant && py::handle(v.attr("value")).is_none();
        if (op == Op::ItAccumulate && k == "func")
            e->args.push_back(lower_callback(none ? py::none() : v, 2, "accumulate()", call));
        else if ((op == Op::ItGroupby || op == Op::HeapqMerge) && k == "key")
            e->args.push_back(lower_callback(none ? py::none() : v, 1, name + "()", call));
        else
            e->args.push_back(lower_expr(v));
    }
    if (op == Op::ItAccumulate && e->args.size() - e->kwnames.size() < 2 &&
        std::find(e->kwnames.begin(), e->kwnames.end(), "func") == e->kwnames.end()) {
        e->kwnames.push_back("func");  // accumulate(xs): the running sum, total + item
        e->args.push_back(lower_callback(py::none(), 2, "accumulate()", call));
    }
    if (op == Op::HeapqMerge && std::find(e->kwnames.begin(), e->kwnames.end(), "key") == e->kwnames.end()) {
        e->kwnames.push_back("key");  // merge(xs, ys): each item is its own key
        e->args.push_back(lower_callback(py::none(), 1, "merge()", call));
    }
    if (op == Op::ItGroupby && e->args.size() - e->kwnames.size() < 2 &&
        std::find(e->kwnames.begin(), e->kwnames.end(), "key") == e->kwnames.end()) {
        e->kwnames.push_back("key");  // groupby(xs): each item is its own key
        e->args.push_back(lower_callback(py::none(), 1, "groupby()", call));
    }
    return e;
}

// (f(x) for x in it if c(x)) where an iterator reads it (enumerate(x * x for x in xs),
// accumulate(...)): lazy, an item at a time, as CPython's generator is. Its outermost iterable is
// evaluated now; its element and each condition are Lambdas of the item, in the expression's own
// scope (its target's names fresh), unpacking the item first where the target is a tuple.
ExprP Lowerer::lower_genexp_iterator(py::handle genexp) {
    Loc at = loc(genexp);
    py::list clauses = genexp.attr("generators");
    if (py::len(clauses) != 1 || py::cast<bool>(py::handle(clauses[0]).attr("is_async")))
        return error_expr(genexp, "a generator expression of several 'for' clauses as the source of another "
                                  "iterator is not supported yet (write the loops)");
    py::handle clause = clauses[0];
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, at);
    e->operation = Op::GenExp;
    py::handle source = clause.attr("iter");
    ops::Op inner = called_builtin(source);
    e->args.push_back(ops::has(inner, ops::LoopOnly) && inner != Op::PRange ? lower_iterator(source, inner)
                                                                             : lower_expr(source));
    py::handle target = clause.attr("target");
    auto item_lambda = [&](py::handle body) {
        std::map<std::string, int> saved = locals_;
        auto lam = std::make_unique<Expr>(ExprKind::Lambda, loc(body));
        if (kind(target) == Ast::Name) {
            bind_fresh(target, locals_);
            lam->var = locals_[std::string(py::str(target.attr("id")))];
            lam->args.push_back(lower_expr(body));
        } else {  // (a + b for a, b in pairs): the item, unpacked, then the body: a block's value
            lam->var = temp(at);
            bind_fresh(target, locals_);
            auto block = std::make_unique<Expr>(ExprKind::Block, loc(body));
            block->body = std::make_unique<ir::Block>();
            assign_target(target, var_expr(lam->var, loc(target)), *block->body);
            block->var = temp(loc(body));
            auto result = std::make_unique<Stmt>(StmtKind::Assign, loc(body));
            result->var = block->var;
            result->value = lower_expr(body);
            block->body->push_back(std::move(result));
            lam->args.push_back(std::move(block));
        }
        locals_ = saved;
        return lam;
    };
    e->args.push_back(item_lambda(genexp.attr("elt")));
    for (py::handle cond : clause.attr("ifs")) e->args.push_back(item_lambda(cond));
    return e;
}

// A function argument as a Lambda of one parameter: f itself where it takes one argument (a
// lambda, a function's name: lower_key's), else `lambda $p: f($p[0], ..., $p[n-1])`. None is
// the identity for one argument (filterfalse's truth of the item) and + for two (accumulate).
ExprP Lowerer::lower_callback(py::handle fn, int nparams, const std::string& what, py::handle place) {
    py::module_ ast = py::module_::import("ast");
    if (!fn.is_none() && nparams == 1) return lower_key(fn);
    if (!fn.is_none() && kind(fn) == Ast::Lambda) {
        py::handle a = fn.attr("args");
        if (static_cast<int>(py::len(a.attr("args"))) != nparams || py::len(a.attr("posonlyargs")) ||
            py::len(a.attr("kwonlyargs")) || !a.attr("vararg").is_none() || !a.attr("kwarg").is_none() ||
            py::len(a.attr("defaults")))
            return error_expr(fn, "the function " + what + " calls takes " + std::to_string(nparams) +
                                      " arguments: a lambda of exactly " + std::to_string(nparams) + " parameters");
    }
    std::string p = "$p" + std::to_string(ntemps_++);
    auto name = [&](bool store) {
        py::object n = ast.attr("Name")(py::arg("id") = p, py::arg("ctx") = store ? ast.attr("Store")() : ast.attr("Load")());
        return n;
    };
    py::list items;
    for (int k = 0; k < nparams; ++k)
        items.append(nparams == 1 ? name(false)
                                  : ast.attr("Subscript")(name(false), ast.attr("Constant")(k), ast.attr("Load")()));
    py::object body;
    if (!fn.is_none()) body = ast.attr("Call")(fn, items, py::list());
    else if (nparams == 1) body = items[0];
    else body = ast.attr("BinOp")(items[0], ast.attr("Add")(), items[1]);
    py::object args = ast.attr("arguments")(py::list(), py::list(), py::none(), py::list(), py::list(), py::none(), py::list());
    py::list params;
    params.append(ast.attr("arg")(p));
    args.attr("args") = params;
    py::object lambda = ast.attr("Lambda")(args, body);
    std::vector<py::handle> own;  // fn's nodes keep their places; the new ones take fn's (or the call's)
    if (!fn.is_none())
        for (py::handle c : ast.attr("walk")(fn)) own.push_back(c);
    for (py::handle child : ast.attr("walk")(lambda))
        if (std::none_of(own.begin(), own.end(), [&](py::handle c) { return c.is(child); }))
            ast.attr("copy_location")(child, fn.is_none() ? place : fn);
    return lower_key(lambda);
}

// How many arguments starmap's function takes: a lambda's parameters, a function's positional
// parameters without defaults, 2 for pow and the operator module's binary functions; else -1
// and a diagnostic (pyrite calls the function with the item's parts, which it must count now).
int Lowerer::starmap_arity(py::handle fn) {
    if (kind(fn) == Ast::Lambda) return static_cast<int>(py::len(fn.attr("args").attr("args")));
    if (kind(fn) == Ast::Name) {
        std::string id = py::str(fn.attr("id"));
        const Resolution* r = local(id) < 0 ? global(id) : nullptr;
        if (r && r->kind == Resolution::Func && r->func >= 0 && r->func < static_cast<int>(inputs_->size())) {
            py::handle a = (*inputs_)[r->func].node.attr("args");
            return static_cast<int>(py::len(a.attr("posonlyargs")) + py::len(a.attr("args")) - py::len(a.attr("defaults")));
        }
    }
    std::string path = builtin_path(fn);
    if (path == "pow" || path.rfind("_operator.", 0) == 0 || path.rfind("operator.", 0) == 0) return 2;
    error(fn, "starmap() calls this function with each item's parts: pass a lambda or a function of the program, "
              "whose parameters pyrite can count");
    return -1;
}

}  // namespace pyrite::frontend
