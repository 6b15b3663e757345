// frontend: list displays, comprehensions, builtins over containers, and the
// headers of `for` loops (shared by statements and comprehensions).
//
// A comprehension lowers to a Block expression: statements that build the
// result in a fresh variable, then that variable's value. Its loop variables
// are fresh variables too (a comprehension is a scope of its own in Python 3):
//
//     [f(x) for x in xs if x > 0]
//     (block %r { %r = (list); for %x$1 in %xs: if (compare %x$1 gt 0): (method append %r (call @f %x$1)) })
//
// any()/all() of a generator stop at the first decisive item, as CPython's do,
// so an item after it that would raise is never evaluated.
#include <functional>
#include <set>

#include "../ir/walk.hpp"
#include "lower.hpp"

namespace pyrite::frontend {

ExprP Lowerer::lower_list(py::handle node) {
    for (py::handle elt : node.attr("elts"))
        if (kind(elt) == Ast::Starred) return lower_unpacking_display(node);
    auto e = std::make_unique<Expr>(ExprKind::List, loc(node));
    for (py::handle elt : node.attr("elts")) e->args.push_back(lower_expr(elt));
    return e;
}

ExprP Lowerer::lower_display(py::handle node) {
    bool is_dict = kind(node) == Ast::Dict;
    auto e = std::make_unique<Expr>(is_dict ? ExprKind::DictDisplay : ExprKind::SetDisplay, loc(node));
    if (is_dict) {
        py::list keys = node.attr("keys"), values = node.attr("values");
        for (size_t i = 0; i < keys.size(); ++i)
            if (keys[i].is_none()) return lower_unpacking_display(node);
        for (size_t i = 0; i < keys.size(); ++i) {
            e->args.push_back(lower_expr(keys[i]));
            e->args.push_back(lower_expr(values[i]));
        }
    } else {
        for (py::handle elt : node.attr("elts"))
            if (kind(elt) == Ast::Starred) return lower_unpacking_display(node);
        for (py::handle elt : node.attr("elts")) e->args.push_back(lower_expr(elt));
    }
    return e;
}

// A block that builds a container: (block %r { %r = <empty> }), the caller adding its items
ExprP Lowerer::building(Loc at, ExprKind empty) {
    auto e = std::make_unique<Expr>(ExprKind::Block, at);
    e->body = std::make_unique<ir::Block>();
    e->var = temp(at);
    auto init = std::make_unique<Stmt>(StmtKind::Assign, at);
    init->var = e->var;
    init->value = std::make_unique<Expr>(empty, at);
    e->body->push_back(std::move(init));
    return e;
}

// (method NAME %var arg) as a statement of b (at the statement's place): an append, an add, an update
void Lowerer::add_item(ir::Block& b, int var, const char* method, ExprP arg, Loc at) {
    auto m = std::make_unique<Expr>(ExprKind::Method, arg->loc);
    m->name = method;
    m->args.push_back(var_expr(var, at));
    m->args.push_back(std::move(arg));
    auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, at);
    s->value = std::move(m);
    b.push_back(std::move(s));
}

// [*a, x, *b], {*a, x}, {**d, k: v}, (*a, x) (PEP 448): a block that builds the container item
// by item, left to right as CPython does, each starred iterable by a loop over it (any iterable:
// a generator, a str, a dict's keys) and each ** mapping by update()
//     [*a, x]  (block %r { %r = (list); for %$star1 in %a: (method append %r %$star1); (method append %r %x) })
// A tuple is made as a list, then tuple() of it: its length is known when it runs (tuple[T, ...]).
ExprP Lowerer::lower_unpacking_display(py::handle node) {
    Loc at = loc(node);
    Ast k = kind(node);
    ExprP e = building(at, k == Ast::Set ? ExprKind::SetDisplay : k == Ast::Dict ? ExprKind::DictDisplay : ExprKind::List);
    auto call = [&](ir::Block& b, const char* method, ExprP arg) {
        Loc where = arg->loc;
        add_item(b, e->var, method, std::move(arg), where);
    };
    const char* add = k == Ast::Set ? "add" : "append";
    if (k == Ast::Dict) {
        py::list keys = node.attr("keys"), values = node.attr("values");
        for (size_t i = 0; i < keys.size(); ++i) {
            if (keys[i].is_none()) {
                call(*e->body, "update", lower_expr(values[i]));
                continue;
            }
            ExprP key = lower_expr(keys[i]);
            ExprP value = lower_expr(values[i]);
            auto s = std::make_unique<Stmt>(StmtKind::Store, key->loc);
            s->target = std::make_unique<Expr>(ExprKind::Subscript, key->loc);
            s->target->args.push_back(var_expr(e->var, at));
            s->target->args.push_back(std::move(key));
            s->value = std::move(value);
            s->key_first = true;
            e->body->push_back(std::move(s));
        }
        return e;
    }
    py::module_ ast = py::module_::import("ast");
    std::map<std::string, int> saved = locals_;
    for (py::handle elt : node.attr("elts")) {
        if (kind(elt) != Ast::Starred) {
            call(*e->body, add, lower_expr(elt));
            continue;
        }
        std::string name = "$star" + std::to_string(ntemps_++);
        py::object target = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Store")());
        ast.attr("copy_location")(target, elt);
        ir::Block* body = nullptr;
        lower_for_header(target, elt.attr("value"), loc(elt), *e->body, body, &locals_);
        if (body) call(*body, add, var_expr(locals_[name], loc(elt)));
    }
    locals_ = saved;
    if (k != Ast::Tuple) return e;
    auto t = std::make_unique<Expr>(ExprKind::Intrinsic, at);
    t->operation = ops::Op::TupleOfIt;
    t->name = "tuple";
    t->args.push_back(std::move(e));
    return t;
}

// f"a{x:>{w}}b{y!r}": (intrinsic fstring "a" (builtin format %x (intrinsic fstring %w)) "b" (intrinsic repr %y))
ExprP Lowerer::lower_fstring(py::handle node) {
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(node));
    e->operation = ops::Op::FString;
    for (py::handle part : node.attr("values")) {
        if (kind(part) == Ast::Constant) {
            e->args.push_back(lower_constant(part, part.attr("value")));
            continue;
        }
        // FormattedValue: conversion -1 (none), 115 !s, 114 !r, 97 !a
        int conversion = part.attr("conversion").cast<int>();
        ExprP value = lower_expr(part.attr("value"));
        if (conversion == 97) return error_expr(part, "the !a conversion is not supported");
        if (conversion == 114 || conversion == 115) {
            auto c = std::make_unique<Expr>(ExprKind::Intrinsic, value->loc);
            c->operation = conversion == 114 ? ops::Op::Repr : ops::Op::StrOf;
            c->args.push_back(std::move(value));
            value = std::move(c);
        }
        py::handle spec = part.attr("format_spec");
        if (spec.is_none()) {
            auto c = std::make_unique<Expr>(ExprKind::Intrinsic, value->loc);
            c->operation = ops::Op::StrOf;  // format(x, '') is str(x) for every type pyrite has, but an
            if (conversion < 0) c->name = "format";  // instance whose class defines __format__ (typeinfer)
            c->args.push_back(std::move(value));
            e->args.push_back(std::move(c));
            continue;
        }
        auto f = std::make_unique<Expr>(ExprKind::CallBuiltin, value->loc);
        f->name = "format";
        f->args.push_back(std::move(value));
        py::list spec_parts = spec.attr("values");
        if (py::len(spec_parts) == 1 && kind(spec_parts[0]) == Ast::Constant)  // a constant spec: the text itself
            f->args.push_back(lower_constant(spec_parts[0], spec_parts[0].attr("value")));
        else
            f->args.push_back(lower_fstring(spec));
        e->args.push_back(std::move(f));
    }
    return e;
}

namespace {
// a *xs among a call's positional arguments
bool any_starred(py::list given) {
    for (py::handle a : given)
        if (ast_kind(a) == Ast::Starred) return true;
    return false;
}
// call's function called again with one positional argument (a display its arguments were made into)
py::object with_one_argument(py::handle call, py::object arg, py::object keywords) {
    py::module_ ast = py::module_::import("ast");
    ast.attr("copy_location")(arg, call);
    py::list one;
    one.append(arg);
    py::object whole = ast.attr("Call")(call.attr("func"), one, keywords);
    ast.attr("copy_location")(whole, call);
    return whole;
}
}  // namespace

// A call of builtin `op` that is an intrinsic over iterables (ops.def's Builtin operations but
// range, isinstance and the f-string join, which have their own lowering).
bool Lowerer::is_intrinsic(ops::Op op, py::handle call) {
    if (op == ops::Op::None || ops::info(op).recv != ops::Recv::Builtin) return false;
    if (op == ops::Op::RangeOf || op == ops::Op::IsInstance || op == ops::Op::FString) return false;
    // min(xs) and max(xs) of one iterable, max(*xs, b) of the list of values; min(a, b, ...) stays MinMax
    if (op == ops::Op::MinOf || op == ops::Op::MaxOf) {
        py::list given = star_displays(call);
        return py::len(given) == 1 || any_starred(given);
    }
    return true;
}

ExprP Lowerer::lower_intrinsic(py::handle call, ops::Op op) {
    Loc l = loc(call);
    if (op == ops::Op::CounterOf && py::len(call.attr("args")) == 0 && py::len(call.attr("keywords")) > 0) {
        // Counter(a=3, b=n): Counter({"a": 3, "b": n}), as Counter.__init__'s update(kwds)
        py::module_ ast = py::module_::import("ast");
        py::list keys, values;
        for (py::handle kw : call.attr("keywords")) {
            if (kw.attr("arg").is_none()) return error_expr(kw, "Counter(**mapping) is not supported: pass Counter(mapping)");
            keys.append(ast.attr("Constant")(kw.attr("arg")));
            ast.attr("copy_location")(keys[py::len(keys) - 1], kw);
            values.append(kw.attr("value"));
        }
        return lower_intrinsic(with_one_argument(call, ast.attr("Dict")(keys, values), py::list()), op);
    }
    if (op == ops::Op::MinOf || op == ops::Op::MaxOf) {
        py::list given = star_displays(call);
        if (any_starred(given)) {
            // max(*xs), max(*xs, b, key=f): the values as one list, [*xs, b], held by the intrinsic with
            // star_arg set: codegen checks that it holds two or more (CPython's min_max reads a single
            // positional argument as the iterable itself; typeinfer allows only items that are not)
            for (py::handle kw : call.attr("keywords"))
                if (!kw.attr("arg").is_none() && std::string(py::str(kw.attr("arg"))) == "default")
                    return error_expr(kw, std::string(ops::info(op).py) + "(*args, default=...) is not supported: pass the values as one iterable");
            py::module_ ast = py::module_::import("ast");
            py::object values = ast.attr("List")(given, ast.attr("Load")());
            ExprP e = lower_intrinsic(with_one_argument(call, values, call.attr("keywords")), op);
            if (e->kind == ExprKind::Intrinsic) e->star_arg = true;
            return e;
        }
    }
    if (op == ops::Op::DefaultDictOf) {  // defaultdict(list): the factory's name, a str constant
        py::list args = call.attr("args");
        std::string factory;  // a builtin's name (typeinfer/iterables.cpp says which make a value type)
        auto builtin_type = [&](py::handle n) -> std::string {
            if (kind(n) != Ast::Name) return "";
            std::string id = py::str(n.attr("id"));
            const Resolution* r = local(id) < 0 ? global(id) : nullptr;
            return r && r->kind == Resolution::Builtin ? r->name : "";
        };
        if (py::len(args) == 1 && py::len(call.attr("keywords")) == 0) factory = builtin_type(args[0]);
        // a lambda that makes an empty container is that container's type: lambda: [] is list, and
        // lambda: defaultdict(int) makes a fresh defaultdict(int) ("defaultdict:int"), whose keys
        // typeinfer learns from stores as it learns the outer ones
        if (factory.empty() && py::len(args) == 1 && kind(args[0]) == Ast::Lambda &&
            py::len(args[0].attr("args").attr("args")) == 0) {
            py::handle body = args[0].attr("body");
            if (kind(body) == Ast::List && py::len(body.attr("elts")) == 0) factory = "list";
            if (kind(body) == Ast::Dict && py::len(body.attr("keys")) == 0) factory = "dict";
            if (kind(body) == Ast::Call && py::len(body.attr("keywords")) == 0) {
                py::list inner = body.attr("args");
                static const std::set<std::string> types = {"int", "float", "str", "bool", "list", "set", "dict"};
                std::string made = builtin_type(body.attr("func"));
                if (py::len(inner) == 0 && types.count(made)) factory = made;
                if (py::len(inner) == 1 && (made == "defaultdict" || made == "collections.defaultdict") &&
                    types.count(builtin_type(inner[0])))
                    factory = "defaultdict:" + builtin_type(inner[0]);
            }
        }
        if (factory.empty() && py::len(args) == 1 && py::len(call.attr("keywords")) == 0 &&
            (kind(args[0]) == Ast::Lambda || kind(args[0]) == Ast::Name)) {
            // defaultdict(lambda: 7), defaultdict(make_row): (block $f = factory; $d = defaultdict($f, $f()))
            // whose third argument is the factory's call, which the dict makes for each missing key
            Loc at = loc(args[0]);
            int f = temp(at), d = temp(l);
            auto block = std::make_unique<Expr>(ExprKind::Block, l);
            block->body = std::make_unique<ir::Block>();
            auto hold = std::make_unique<ir::Stmt>(ir::StmtKind::Assign, at);
            hold->var = f;
            hold->value = kind(args[0]) == Ast::Lambda ? lower_function_value(args[0]) : lower_expr(args[0]);
            block->body->push_back(std::move(hold));
            auto var = [&] {
                auto v = std::make_unique<Expr>(ExprKind::Var, at);
                v->var = f;
                return v;
            };
            auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
            e->operation = op;
            auto name = std::make_unique<Expr>(ExprKind::StrConst, at);
            name->name = kind(args[0]) == Ast::Lambda ? "<lambda>" : std::string(py::str(args[0].attr("id")));
            e->args.push_back(std::move(name));
            e->args.push_back(var());
            auto made = std::make_unique<Expr>(ExprKind::CallValue, at);
            made->args.push_back(var());
            e->args.push_back(std::move(made));
            auto keep = std::make_unique<ir::Stmt>(ir::StmtKind::Assign, l);
            keep->var = d;
            keep->value = std::move(e);
            block->body->push_back(std::move(keep));
            block->var = d;
            return block;
        }
        if (factory.empty()) factory = "?";  // a call, an attribute: typeinfer's diagnostic
        auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
        e->operation = op;
        auto name = std::make_unique<Expr>(ExprKind::StrConst, loc(args[0]));
        name->name = factory;
        e->args.push_back(std::move(name));
        return e;
    }
    if (ops::has(op, ops::LoopOnly))
        return error_expr(call, std::string(ops::info(op).py) + "() is supported as the iterable of a 'for' loop or comprehension only");
    py::list args = call.attr("args");
    if (op == ops::Op::Next && (py::len(args) == 1 || py::len(args) == 2) && py::len(call.attr("keywords")) == 0)
        if (py::object lazy = as_lazy(args[0]); kind(lazy) == Ast::GeneratorExp)  // next(x for x in xs if c)
            return lower_first(lazy, py::len(args) == 2 ? py::handle(args[1]) : py::handle());
    if ((op == ops::Op::Any || op == ops::Op::All) && py::len(args) == 1 && py::len(call.attr("keywords")) == 0) {
        if (py::object lazy = as_lazy(args[0]); kind(lazy) == Ast::GeneratorExp)
            return lower_comprehension(lazy, op);  // lazy: stops at the first decisive item
        if (generator_call(args[0]) >= 0) return lower_comprehension(as_generator_expression(args[0]), op);
    }
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, l);
    e->operation = op;
    // other consumers take the whole generator: the same as a list of its items; next() and iter()
    // take a generator object
    bool whole = op != ops::Op::Next && op != ops::Op::IterOf && op != ops::Op::ItTee;
    if (!lower_call_args(call, *e, whole)) return std::make_unique<Expr>(ExprKind::Error, l);
    return e;
}

// key= of sorted/min/max/list.sort: a one-parameter lambda, or the name of a
// function (compiled or builtin), which becomes `lambda x: f(x)`, or functools.partial(f, ...) of
// names and constants (`lambda x: partial(f, ...)(x)`: made again per item, which nothing can tell
// from once). The parameter is a fresh variable, like a comprehension's.
ExprP Lowerer::lower_key(py::handle node) {
    Loc at = loc(node);
    py::module_ ast = py::module_::import("ast");
    py::object lambda;
    auto plain = [&](py::handle x) {
        Ast k = kind(x);
        return k == Ast::Name || k == Ast::Constant ||
               (k == Ast::Attribute && kind(x.attr("value")) == Ast::Name) ||
               (k == Ast::UnaryOp && kind(x.attr("operand")) == Ast::Constant);
    };
    auto plain_partial = [&]() {
        if (kind(node) != Ast::Call || builtin_path(node.attr("func")) != "functools.partial") return false;
        for (py::handle a : node.attr("args"))
            if (!plain(a)) return false;
        for (py::handle kw : node.attr("keywords"))
            if (kw.attr("arg").is_none() || !plain(kw.attr("value"))) return false;
        return true;
    };
    if (py::object getter = getter_lambda(node); !getter.is_none()) {  // key=itemgetter(1)
        if (kind(getter) != Ast::Lambda) return std::make_unique<Expr>(ExprKind::Error, at);
        lambda = getter;
    } else if (kind(node) == Ast::Lambda) {
        lambda = py::reinterpret_borrow<py::object>(node);
    } else if (kind(node) == Ast::Name || kind(node) == Ast::Attribute || plain_partial()) {
        // key=f: lambda k: f(k), located at the name
        py::object param = ast.attr("Name")("k", ast.attr("Load")());
        py::list call_args;
        call_args.append(param);
        py::object call = ast.attr("Call")(node, call_args, py::list());
        py::object args = ast.attr("arguments")(py::list(), py::list(), py::none(), py::list(), py::list(), py::none(),
                                                py::list());
        py::list params;
        params.append(ast.attr("arg")("k"));
        args.attr("args") = params;
        lambda = ast.attr("Lambda")(args, call);
        ast.attr("copy_location")(lambda, node);
        for (py::handle child : ast.attr("walk")(lambda))
            if (py::hasattr(child, "lineno") || kind(child) == Ast::Name || kind(child) == Ast::Call || kind(child) == Ast::arg)
                ast.attr("copy_location")(child, node);
    } else {
        return error_expr(node, "key= takes a lambda or the name of a function");
    }
    py::handle args = lambda.attr("args");
    if (py::len(args.attr("args")) != 1 || py::len(args.attr("posonlyargs")) || py::len(args.attr("kwonlyargs")) ||
        !args.attr("vararg").is_none() || !args.attr("kwarg").is_none() || py::len(args.attr("defaults")))
        return error_expr(node, "a key function takes exactly one argument");
    std::string name = py::str(py::list(args.attr("args"))[0].attr("arg"));
    std::map<std::string, int> saved = locals_;
    auto e = std::make_unique<Expr>(ExprKind::Lambda, at);
    e->var = fn_->add_var(name + "$" + std::to_string(ntemps_++), at);
    locals_[name] = e->var;
    e->args.push_back(lower_expr(lambda.attr("body")));
    locals_ = saved;
    return e;
}

// The builtin a call names (not shadowed by a local or a global), or "": a builtin's name, a
// module's function (pyrite.prange, itertools.product), or a function of one of those
// (itertools.chain.from_iterable, chain.from_iterable).
ops::Op Lowerer::called_builtin(py::handle node) {
    if (kind(node) != Ast::Call) return ops::Op::None;
    std::string name = builtin_path(node.attr("func"));
    ops::Op op = name.empty() ? ops::Op::None : ops::lookup(ops::Recv::Builtin, name);
    py::list args = node.attr("args");
    if (op == ops::Op::Zip && py::len(args) == 1 && kind(args[0]) == Ast::Starred && !py::len(node.attr("keywords")))
        return ops::Op::ZipStar;  // zip(*rows): a generator object over the rows (lower_zip_star)
    return op;
}

// zip(*rows): CPython's zip over an iterator of each row, made at the call: a generator object of
// tuple[T, ...] items (generator.hpp's zip_star), used wherever one is
ExprP Lowerer::lower_zip_star(py::handle call) {
    auto e = std::make_unique<Expr>(ExprKind::Intrinsic, loc(call));
    e->operation = ops::Op::ZipStar;
    e->name = "zip";
    e->args.push_back(lower_expr(py::list(call.attr("args"))[0].attr("value")));
    return e;
}

// "itertools.chain.from_iterable" for the expression itertools.chain.from_iterable (or
// chain.from_iterable after `from itertools import chain`): the dotted name of what it
// resolves to when its root is a builtin or a module (not a local); else "".
std::string Lowerer::builtin_path(py::handle f) {
    if (kind(f) == Ast::Attribute) {
        std::string base = builtin_path(f.attr("value"));
        return base.empty() ? "" : base + "." + std::string(py::str(f.attr("attr")));
    }
    if (kind(f) != Ast::Name) return "";
    std::string id = py::str(f.attr("id"));
    const Resolution* r = local(id) < 0 ? global(id) : nullptr;
    return r && (r->kind == Resolution::Builtin || r->kind == Resolution::Module) ? r->name : "";
}

// What a for loop iterates over: any expression, or an iterator that exists only as a
// loop's iterable (enumerate, zip, reversed, itertools': lower_itertools.cpp).
ExprP Lowerer::lower_iterable(py::handle node) {
    ops::Op b = called_builtin(node);
    if (ops::has(b, ops::LoopOnly)) return lower_iterator(node, b);
    return lower_expr(node);
}

// `for ... in range(a, b, c)`: a counting loop, no range object
std::unique_ptr<Stmt> Lowerer::lower_range(py::handle iter, Loc at) {
    auto s = std::make_unique<Stmt>(StmtKind::ForRange, at);
    py::list args = iter.attr("args");
    if (py::len(iter.attr("keywords")) > 0) error(iter, "range() takes no keyword arguments");
    if (py::len(args) < 1 || py::len(args) > 3)
        error(iter, "range expected 1 to 3 arguments, got " + std::to_string(py::len(args)));
    if (py::len(args) == 1) {
        s->range.push_back(std::make_unique<Expr>(ExprKind::IntConst, loc(iter)));
        s->range.push_back(lower_expr(args[0]));
    } else {
        for (py::handle a : args) s->range.push_back(lower_expr(a));
    }
    return s;
}

// enumerate/zip/reversed/range passed to a consumer (list, dict, sorted, sum, ...):
// (block %r { %r = (list); for %t in <iterable>: (method append %r %t) })
ExprP Lowerer::lower_items(py::handle iterable) {
    Loc at = loc(iterable);
    ExprP e = building(at, ExprKind::List);
    std::unique_ptr<Stmt> loop;
    if (called_builtin(iterable) == ops::Op::RangeOf) {
        loop = lower_range(iterable, at);
    } else {
        loop = std::make_unique<Stmt>(StmtKind::ForEach, at);
        loop->value = lower_iterable(iterable);
    }
    loop->loop_id = fn_->nloops++;
    loop->var = temp(at);
    add_item(loop->body, e->var, "append", var_expr(loop->var, at), at);
    e->body->push_back(std::move(loop));
    return e;
}

// Appends the loop for `for target in iter` to `out` and points `body` at its
// body. With `scope`, the target's names become fresh variables (a
// comprehension's); the caller restores the scope afterwards.
void Lowerer::lower_for_header(py::handle target, py::handle iter, Loc at, ir::Block& out, ir::Block*& body,
                               std::map<std::string, int>* scope) {
    ops::Op op = called_builtin(iter);
    bool is_range = op == ops::Op::RangeOf || op == ops::Op::PRange;
    std::unique_ptr<Stmt> s;
    if (is_range) {
        s = lower_range(iter, at);
        // a for statement over prange(): its iterations may run on threads (opt/parallel.cpp checks
        // that they can); a comprehension's runs in order, as range's
        s->parallel = op == ops::Op::PRange && !scope;
        if (s->parallel && !generators_.empty())
            error(iter, "a prange loop in a generator function: its body runs where the generator is iterated, "
                        "in order (use range)");
    } else {
        s = std::make_unique<Stmt>(StmtKind::ForEach, at);
        s->value = lower_iterable(iter);
    }
    s->loop_id = fn_->nloops++;
    // bind the target's names only now: the iterable is evaluated outside them
    if (scope) bind_fresh(target, *scope);
    Ast tk = kind(target);
    if (tk == Ast::Name) {
        s->var = local(py::str(target.attr("id")));
    } else if ((tk == Ast::Tuple || tk == Ast::List) && !is_range) {
        s->var = temp(loc(target));
        assign_target(target, var_expr(s->var, loc(target)), s->body);
    } else {
        error(target, is_range ? "the loop variable of 'for ... in range()' must be a name"
                               : "the target of a 'for' loop must be a name or a tuple of names");
        s->var = temp(loc(target));
    }
    body = &s->body;
    out.push_back(std::move(s));
}

// A comprehension's item, at the innermost loop's body `cur`: stored into the result %var (a
// dict's key first), appended, or for any/all tested: a decisive item sets %var and leaves
// `innermost` (a loop marked as broken out of)
void Lowerer::comprehension_item(py::handle node, ops::Op reduce, int var, ir::Block& cur, Stmt* innermost, bool deep) {
    Loc at = loc(node);
    bool is_any = reduce == ops::Op::Any;
    if (kind(node) == Ast::DictComp) {
        // {k: v for ...}: the key is evaluated first, then the value, then stored
        ExprP key = lower_expr(node.attr("key"));
        ExprP value = lower_expr(node.attr("value"));
        auto s = std::make_unique<Stmt>(StmtKind::Store, key->loc);  // its line, as CPython's traceback has it
        s->target = std::make_unique<Expr>(ExprKind::Subscript, key->loc);
        s->target->args.push_back(var_expr(var, at));
        s->target->args.push_back(std::move(key));
        s->value = std::move(value);
        s->key_first = true;
        cur.push_back(std::move(s));
        return;
    }
    ExprP elt = lower_expr(node.attr("elt"));
    if (reduce == ops::Op::None) {
        Loc line = elt->loc;  // the item's line, as CPython's traceback has it
        add_item(cur, var, kind(node) == Ast::SetComp ? "add" : "append", std::move(elt), line);
        return;
    }
    if (reduce == ops::Op::Next) {  // next(genexp): %r = item; %found = True; break
        auto take = std::make_unique<Stmt>(StmtKind::Assign, at);
        take->var = var;
        take->value = std::move(elt);
        cur.push_back(std::move(take));
        auto found = std::make_unique<Stmt>(StmtKind::Assign, at);
        found->var = found_;
        found->value = std::make_unique<Expr>(ExprKind::BoolConst, at);
        found->value->ival = 1;
        cur.push_back(std::move(found));
        auto b = std::make_unique<Stmt>(StmtKind::Break, at);
        b->loop_id = innermost ? innermost->loop_id : -1;
        if (innermost) innermost->breaks = true;
        if (innermost && deep) innermost->deep_break = true;
        cur.push_back(std::move(b));
        return;
    }
    // any: if item: %r = True; break      all: if not item: %r = False; break
    if (!is_any) {
        auto n = std::make_unique<Expr>(ExprKind::Unary, elt->loc);
        n->op = static_cast<int>(ir::UnOp::Not);
        n->args.push_back(std::move(elt));
        elt = std::move(n);
    }
    auto hit = std::make_unique<Stmt>(StmtKind::If, elt->loc);
    hit->value = std::move(elt);
    auto set = std::make_unique<Stmt>(StmtKind::Assign, at);
    set->var = var;
    set->value = std::make_unique<Expr>(ExprKind::BoolConst, at);
    set->value->ival = is_any;
    hit->body.push_back(std::move(set));
    auto b = std::make_unique<Stmt>(StmtKind::Break, at);
    b->loop_id = innermost ? innermost->loop_id : -1;
    if (innermost) innermost->breaks = true;
    if (innermost && deep) innermost->deep_break = true;
    hit->body.push_back(std::move(b));
    cur.push_back(std::move(hit));
}

// a comprehension clause's conditions, nested ifs in `cur`: the innermost one's body
ir::Block* Lowerer::conditions(py::handle ifs, ir::Block* cur) {
    for (py::handle cond : ifs) {
        auto s = std::make_unique<Stmt>(StmtKind::If, loc(cond));
        s->value = lower_expr(cond);
        ir::Block* inner = &s->body;
        cur->push_back(std::move(s));
        cur = inner;
    }
    return cur;
}

// next((f(x) for x in xs if c), otherwise): the loop up to the first item, as next() runs the
// generator that far: %found = False; <loops>: %r = f(x); %found = True; <leave them all>;
// then, none found, %r = otherwise (evaluated before the loop unless a constant, as the call's
// argument is) or StopIteration
ExprP Lowerer::lower_first(py::handle genexp, py::handle otherwise) {
    Loc at = loc(genexp);
    int saved = found_;
    found_ = temp(at);
    auto init = std::make_unique<Stmt>(StmtKind::Assign, at);
    init->var = found_;
    init->value = std::make_unique<Expr>(ExprKind::BoolConst, at);
    int found = found_;
    ExprP fallback;
    std::vector<ir::StmtP> before;
    before.push_back(std::move(init));
    if (otherwise) {
        fallback = lower_expr(otherwise);
        if (!ir::is_constant(*fallback) && fallback->kind != ExprKind::Error) {
            auto keep = std::make_unique<Stmt>(StmtKind::Assign, at);
            keep->var = temp(at);
            keep->value = std::move(fallback);
            fallback = var_expr(keep->var, at);
            before.push_back(std::move(keep));
        }
    }
    ExprP e = lower_comprehension(genexp, ops::Op::Next);
    found_ = saved;
    if (e->kind != ExprKind::Block) return e;
    e->body->insert(e->body->begin(), std::make_move_iterator(before.begin()), std::make_move_iterator(before.end()));
    auto none = std::make_unique<Stmt>(StmtKind::If, at);
    none->value = std::make_unique<Expr>(ExprKind::Unary, at);
    none->value->op = static_cast<int>(ir::UnOp::Not);
    none->value->args.push_back(var_expr(found, at));
    if (fallback) {
        auto set = std::make_unique<Stmt>(StmtKind::Assign, at);
        set->var = e->var;
        set->value = std::move(fallback);
        none->body.push_back(std::move(set));
    } else {
        auto stop = std::make_unique<Stmt>(StmtKind::Raise, at);
        stop->message = "StopIteration";
        none->body.push_back(std::move(stop));
    }
    e->body->push_back(std::move(none));
    return e;
}

ExprP Lowerer::lower_comprehension(py::handle node, ops::Op reduce) {
    Loc at = loc(node);
    auto e = std::make_unique<Expr>(ExprKind::Block, at);
    e->body = std::make_unique<ir::Block>();
    e->var = temp(at);
    bool is_any = reduce == ops::Op::Any;
    if (reduce != ops::Op::Next) {
        auto init = std::make_unique<Stmt>(StmtKind::Assign, at);
        init->var = e->var;
        Ast ck = kind(node);
        if (reduce == ops::Op::None) {
            init->value = std::make_unique<Expr>(
                ck == Ast::SetComp ? ExprKind::SetDisplay : ck == Ast::DictComp ? ExprKind::DictDisplay : ExprKind::List, at);
        } else {
            init->value = std::make_unique<Expr>(ExprKind::BoolConst, at);
            init->value->ival = !is_any;  // any: False until an item is true; all: True until one is false
        }
        e->body->push_back(std::move(init));
    }
    std::map<std::string, int> saved = locals_;
    py::list clauses = node.attr("generators");
    py::object lazy = py::len(clauses) == 1 ? as_lazy(clauses[0].attr("iter")) : py::object(py::none());
    if (py::len(clauses) == 1 && (generator_call(clauses[0].attr("iter")) >= 0 || kind(lazy) == Ast::GeneratorExp)) {
        // [f(x) for x in gen(...) if c], sum(x for x in (y * y for y in ys)): the generator inlined
        // (lower_generators.cpp); each yield tests the conditions and takes the item (any/all: a
        // decisive one leaves the whole loop)
        py::handle clause = clauses[0];
        int var = e->var;
        auto item = [&, var](ir::Block& b) {
            comprehension_item(node, reduce, var, *conditions(clause.attr("ifs"), &b), loops_.back().brk, true);
        };
        if (int g = generator_call(clause.attr("iter")); g >= 0)
            inline_generator(clause.attr("iter"), g, clause.attr("target"), at, *e->body, item, py::none(), &locals_);
        else
            inline_genexp(lazy, clause.attr("target"), at, *e->body, item, py::none(), &locals_);
        locals_ = saved;
        return e;
    }
    ir::Block* cur = e->body.get();
    std::vector<ir::Block*> enclosing;  // where each loop sits, for any/all's early exit
    std::vector<int> loop_ids;
    for (py::handle gen : node.attr("generators")) {
        if (py::int_(gen.attr("is_async")).cast<int>()) {
            error(gen, "async comprehensions are not supported");
            break;
        }
        ir::Block* body = nullptr;
        enclosing.push_back(cur);
        lower_for_header(gen.attr("target"), gen.attr("iter"), loc(gen.attr("target")), *cur, body, &locals_);
        loop_ids.push_back(fn_->nloops - 1);
        if (enclosing.size() == 1 && !cur->empty()) {  // CPython's frame of the comprehension: past its first iterable
            Stmt& loop = *cur->back();
            Ast ck = kind(node);
            loop.comp_frame = true;
            loop.comp_line = at.line;
            loop.gen_name = ck == Ast::ListComp ? "<listcomp>" : ck == Ast::SetComp ? "<setcomp>"
                            : ck == Ast::DictComp ? "<dictcomp>" : "<genexpr>";
            loop.gen_file = in_->file;
        }
        cur = conditions(gen.attr("ifs"), body);
    }
    Stmt* last = nullptr;  // the innermost loop: what a decisive item of any/all leaves
    ir::for_each_stmt(*e->body, [&](Stmt& st) {
        if (!loop_ids.empty() && st.loop_id == loop_ids.back() && st.kind != StmtKind::Break) last = &st;
    });
    comprehension_item(node, reduce, e->var, *cur, last, false);
    locals_ = saved;
    if (reduce == ops::Op::None) return e;
    auto decisive = [&](ExprP test) {
        if (is_any || reduce == ops::Op::Next) return test;
        auto n = std::make_unique<Expr>(ExprKind::Unary, test->loc);
        n->op = static_cast<int>(ir::UnOp::Not);
        n->args.push_back(std::move(test));
        return ExprP(std::move(n));
    };
    auto jump = [&](int loop_id) {
        auto b = std::make_unique<Stmt>(StmtKind::Break, at);
        b->loop_id = loop_id;
        return b;
    };
    // each enclosing loop stops too once the result is decided: after loop i
    // (in the block enclosing[i], inside loop i - 1) test %r and leave loop i - 1
    for (size_t i = enclosing.size(); i-- > 1;) {
        auto stop = std::make_unique<Stmt>(StmtKind::If, at);
        stop->value = decisive(var_expr(reduce == ops::Op::Next ? found_ : e->var, at));  // any: %r; all: not %r
        stop->body.push_back(jump(loop_ids[i - 1]));
        enclosing[i]->push_back(std::move(stop));
    }
    return e;
}

}  // namespace pyrite::frontend
