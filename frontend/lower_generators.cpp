// frontend: generator functions, inlined where compiled code iterates them.
//
// `for x in gen(a, b): body` where gen is a generator function of the program becomes gen's
// own statements, lowered in the calling function (its locals are fresh variables there, its
// parameters assigned from the arguments), with every `yield v` replaced by `x = v` and the
// loop body: no generator object, no resumption, the loop costs what the same loop written
// inline costs. Python's order of events is kept: the body runs at each yield, between the
// generator's statements, exactly as next() interleaves them. Three one-shot loops give the
// jumps their meaning:
//
//   while True:                  # L_out: the loop's `break` leaves here (through the generator's
//       while True:              #   finally blocks, which run as close() runs them)
//           <gen's statements>   # L_gen: gen's `return` ends the iteration here
//               x = v            #   at a yield:
//               while True:      #   L_body: the loop's `continue` resumes gen after its yield
//                   body
//                   break
//           break
//       <the loop's else>        # gen ran out (return, or its end): else runs, as in Python
//       break
//
// `yield from it` is `for t in it: yield t`; list(gen()), sum(gen()), any(gen()) and the other
// consumers see gen() as the generator expression (x for x in gen()). A generator used any other
// way (a value, next(), zip(), returned to Python, a method, one that iterates itself) is a
// generator object: the function is also compiled on its own, as a coroutine (lower.cpp's
// lower_coroutines; its `yield` is a Yield statement, lower_coroutine_yield below;
// runtime/include/pyrite/generator.hpp).
#include <functional>
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

namespace {
bool contains_yield(py::handle node) {
    Ast k = ast_kind(node);
    if (k == Ast::Yield || k == Ast::YieldFrom) return true;
    if (k == Ast::FunctionDef || k == Ast::AsyncFunctionDef || k == Ast::Lambda || k == Ast::ListComp ||
        k == Ast::SetComp || k == Ast::DictComp || k == Ast::GeneratorExp)
        return false;  // a scope of its own
    static py::handle children = py::object(py::module_::import("ast").attr("iter_child_nodes")).release();  // kept: never freed after Python
    for (py::handle c : children(node))
        if (contains_yield(c)) return true;
    return false;
}
// whether a generator function's annotation says it is sent values: Generator[T, S, R], S not None
bool is_sent_values(py::handle def) {
    py::handle r = def.attr("returns");
    if (r.is_none() || ast_kind(r) != Ast::Subscript) return false;
    py::handle base = r.attr("value");
    std::string name = ast_kind(base) == Ast::Name ? std::string(py::str(base.attr("id")))
                       : ast_kind(base) == Ast::Attribute ? std::string(py::str(base.attr("attr"))) : "";
    if (name != "Generator" || ast_kind(r.attr("slice")) != Ast::Tuple) return false;
    py::list parts = r.attr("slice").attr("elts");
    return py::len(parts) == 3 && !(ast_kind(parts[1]) == Ast::Constant && parts[1].attr("value").is_none());
}

}  // namespace

// whether the function's body yields (its own body: not a nested scope's)
bool is_generator_function(py::handle def) {
    for (py::handle s : def.attr("body"))
        if (contains_yield(s)) return true;
    return false;
}

// The generator's statements, in the calling function: a frame of them being lowered
struct Lowerer::GeneratorFrame {
    const FunctionInput* in;            // the generator's own (its globals)
    std::map<std::string, int> locals;  // its names, as fresh variables of the calling function
    Context consumer;                   // where the loop is: what its body is lowered in
    py::object target;                  // the loop's target
    std::function<void(ir::Block&)> body;
    Stmt* out_loop = nullptr;           // L_out: what the loop's break leaves
    Stmt* gen_loop = nullptr;           // L_gen: what the generator's return leaves
    int result = -1;                    // x = yield from gen(): what gen's `return v` assigns v to
    bool delegating = false;            // a generator object yields from it (Stmt::delegating)
};

// gen(...) where gen is a generator function of the program: its index
int Lowerer::generator_call(py::handle node) const {
    if (ast_kind(node) != Ast::Call || ast_kind(node.attr("func")) != Ast::Name) return -1;
    std::string id = py::str(node.attr("func").attr("id"));
    if (local(id) >= 0) return -1;
    const Resolution* r = global(id);
    if (!r || r->kind != Resolution::Func || r->func < 0 || !module_->functions[r->func].generator) return -1;
    // a generator that iterates itself (a recursive yield from) makes a generator object there instead
    const FunctionInput* g = &(*inputs_)[r->func];
    if (g == coroutine_in_) return -1;
    if (is_sent_values(g->node)) return -1;  // its yields take what send() passes: only an object is sent
    for (const GeneratorFrame* f : generators_)
        if (f->in == g) return -1;
    return r->func;
}

// `g = gen(a, b)` ... `for x in g:` in one block, where g is bound there alone and read by that
// loop alone (no other read, in this function or a nested one): the arguments are evaluated where
// the call was, into temporaries, and the loop is `for x in gen($t0, $t1)`, inlined as any such
// loop. Nothing of a generator's body runs before its first item is asked for, so the order of
// events is Python's; no generator object is made (a loop over one cost 4.9x the loop inlined).
// Only for a generator with no try, with or yield from: g, unlike a loop's own generator, lives
// until the function returns, and a loop that breaks out of it leaves it open till then, where
// CPython runs its finally blocks (the inlined loop would run them at the break).
py::object Lowerer::generator_objects_inlined(py::object body, py::handle def) {
    py::module_ ast = py::module_::import("ast");
    py::module_ copy = py::module_::import("copy");
    std::map<std::string, int> loads, binds;  // every name's reads, and what binds it, nested scopes included
    bool any = false;                         // an assignment of a generator call: else nothing to do
    for (py::handle n : ast.attr("walk")(def)) {
        Ast k = ast_kind(n);
        if (k == Ast::Assign) any = any || generator_call(n.attr("value")) >= 0;
        if (k == Ast::Name) ++(ast_kind(n.attr("ctx")) == Ast::Load ? loads : binds)[py::str(n.attr("id"))];
        else if (k == Ast::arg) ++binds[py::str(n.attr("arg"))];
        else if (k == Ast::FunctionDef || k == Ast::ClassDef) ++binds[py::str(n.attr("name"))];
        else if ((k == Ast::ExceptHandler || k == Ast::MatchAs || k == Ast::MatchStar) && !n.attr("name").is_none())
            ++binds[py::str(n.attr("name"))];  // except E as g, case [g], case [*g]
        else if (k == Ast::MatchMapping && !n.attr("rest").is_none()) ++binds[py::str(n.attr("rest"))];
        else if (k == Ast::Global || k == Ast::Nonlocal)
            for (py::handle name : n.attr("names")) binds[py::str(name)] += 2;
        else if (k == Ast::Import || k == Ast::ImportFrom)
            for (py::handle a : n.attr("names")) {
                std::string name = py::str(a.attr("asname").is_none() ? a.attr("name") : a.attr("asname"));
                binds[name.substr(0, name.find('.'))] += 2;
            }
    }
    if (!any) return body;
    int made = 0;
    std::function<py::object(py::object)> block = [&](py::object stmts) -> py::object {
        py::list out;
        std::vector<py::object> in;
        for (py::handle st : stmts) in.push_back(py::reinterpret_borrow<py::object>(st));
        for (size_t i = 0; i < in.size(); ++i) {
            py::object st = in[i];
            int gen = ast_kind(st) == Ast::Assign && py::len(st.attr("targets")) == 1 &&
                              ast_kind(st.attr("targets")[py::int_(0)]) == Ast::Name
                          ? generator_call(st.attr("value")) : -1;
            bool closes_quietly = gen >= 0;  // closing it early runs none of its code
            if (gen >= 0) {
                // and inline_generator takes its parameters (a generator object takes the others)
                py::object params = (*inputs_)[gen].node.attr("args");
                closes_quietly = params.attr("vararg").is_none() && params.attr("kwarg").is_none() &&
                                 py::len(params.attr("kwonlyargs")) == 0 && py::len(params.attr("posonlyargs")) == 0;
                for (py::handle n : ast.attr("walk")((*inputs_)[gen].node)) {
                    Ast k = ast_kind(n);
                    // (try ... except* is refused in a generator's body either way)
                    closes_quietly = closes_quietly && k != Ast::Try && k != Ast::With && k != Ast::YieldFrom;
                }
            }
            if (closes_quietly) {
                std::string g = py::str(st.attr("targets")[py::int_(0)].attr("id"));
                py::object call = st.attr("value");
                std::string callee = py::str(call.attr("func").attr("id"));
                size_t j = i + 1;
                while (j < in.size() && !(ast_kind(in[j]) == Ast::For && ast_kind(in[j].attr("iter")) == Ast::Name &&
                                          std::string(py::str(in[j].attr("iter").attr("id"))) == g))
                    ++j;
                bool spread = false;  // gen(**d): inline_generator refuses it, a generator object takes it
                for (py::handle kw : call.attr("keywords")) spread = spread || kw.attr("arg").is_none();
                if (j < in.size() && binds[g] == 1 && loads[g] == 1 && binds[callee] == 0 && !spread) {
                    py::list args, keywords;
                    auto hold = [&](py::handle value) {  // $gargN = value, where the call was
                        std::string t = "$garg" + std::to_string(made++);
                        py::list targets;  // a list, as ast.parse makes it (the lowering reads it as one)
                        targets.append(ast.attr("Name")(t, ast.attr("Store")()));
                        py::object a = ast.attr("Assign")(targets, value);
                        ast.attr("copy_location")(a, value);  // a new node's location: the value's
                        ast.attr("copy_location")(a.attr("targets")[py::int_(0)], value);
                        out.append(a);
                        py::object read = ast.attr("Name")(t, ast.attr("Load")());
                        ast.attr("copy_location")(read, value);
                        return read;
                    };
                    for (py::handle a : call.attr("args")) {
                        if (ast_kind(a) != Ast::Starred) {
                            args.append(hold(a));
                            continue;
                        }
                        py::object star = ast.attr("Starred")(hold(a.attr("value")), ast.attr("Load")());
                        ast.attr("copy_location")(star, a);
                        args.append(star);
                    }
                    for (py::handle kw : call.attr("keywords")) {
                        py::object k = copy.attr("copy")(kw);
                        k.attr("value") = hold(kw.attr("value"));
                        keywords.append(k);
                    }
                    py::object again = ast.attr("Call")(call.attr("func"), args, keywords);
                    ast.attr("copy_location")(again, call);
                    py::object loop = copy.attr("copy")(in[j]);
                    loop.attr("iter") = again;
                    in[j] = loop;
                    continue;  // the assignment itself is gone
                }
            }
            // the blocks of a compound statement (not a nested def's: a scope of its own)
            Ast k = ast_kind(st);
            if (k == Ast::If || k == Ast::While || k == Ast::For || k == Ast::With || k == Ast::Try) {
                py::object c = copy.attr("copy")(st);
                for (const char* field : {"body", "orelse", "finalbody"})
                    if (py::hasattr(c, field)) c.attr(field) = block(c.attr(field));
                if (k == Ast::Try) {
                    py::list handlers;
                    for (py::handle h : c.attr("handlers")) {
                        py::object hc = copy.attr("copy")(h);
                        hc.attr("body") = block(hc.attr("body"));
                        handlers.append(hc);
                    }
                    c.attr("handlers") = handlers;
                }
                st = c;
            }
            out.append(st);
        }
        return std::move(out);
    };
    return block(body);
}

// (x for x in <call>): how a consumer other than a for loop takes a generator call
py::object Lowerer::as_generator_expression(py::handle call) {
    py::module_ ast = py::module_::import("ast");
    std::string name = "$gen" + std::to_string(ntemps_++);
    py::object store = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Store")());
    py::object load = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Load")());
    py::object comp = ast.attr("comprehension")(py::arg("target") = store, py::arg("iter") = call,
                                                py::arg("ifs") = py::list(), py::arg("is_async") = 0);
    py::object genexp = ast.attr("GeneratorExp")(py::arg("elt") = load, py::arg("generators") = py::make_tuple(comp));
    for (py::object n : {store, load, genexp}) ast.attr("copy_location")(n, call);
    return genexp;
}

Lowerer::Context Lowerer::save_context() const {
    return Context{in_, locals_, refused_, cls_name_, loops_, handlers_, handler_names_};
}
void Lowerer::restore_context(const Context& c) {
    in_ = c.in;
    locals_ = c.locals;
    refused_ = c.refused;
    cls_name_ = c.cls_name;
    loops_ = c.loops;
    handlers_ = c.handlers;
    handler_names_ = c.handler_names;
}

namespace {
std::unique_ptr<Stmt> forever(int loop_id, Loc at) {  // while True: (a one-shot loop, by its final break)
    auto s = std::make_unique<Stmt>(StmtKind::While, at);
    s->value = std::make_unique<Expr>(ExprKind::BoolConst, at);
    s->value->ival = 1;
    s->loop_id = loop_id;
    s->once = true;
    return s;
}
std::unique_ptr<Stmt> leave(Stmt& loop, Loc at) {
    auto b = std::make_unique<Stmt>(StmtKind::Break, at);
    b->loop_id = loop.loop_id;
    loop.breaks = true;
    return b;
}
}  // namespace

void Lowerer::inline_generator(py::handle call, int gen, py::handle target, Loc at, ir::Block& out,
                               const std::function<void(ir::Block&)>& body, py::handle orelse,
                               std::map<std::string, int>* scope) {
    const FunctionInput& g = (*inputs_)[gen];
    int result = pending_result_;  // this call's, not a call among its arguments'
    pending_result_ = -1;
    bool delegating = pending_delegating_;
    pending_delegating_ = false;
    for (const GeneratorFrame* f : generators_)
        if (f->in == &g)
            return error(call, "the generator '" + g.qualname + "' iterates itself: recursive generators are not "
                               "supported by pyrite yet");
    // the arguments, in the caller's scope, bound to the generator's parameters (fresh variables)
    py::handle def = g.node;
    py::handle args = def.attr("args");
    if (!args.attr("vararg").is_none() || !args.attr("kwarg").is_none() || py::len(args.attr("kwonlyargs")) > 0 ||
        py::len(args.attr("posonlyargs")) > 0)
        return error(call, "the generator '" + g.qualname + "' takes *args, **kwargs, keyword-only or positional-only "
                           "parameters: not supported by pyrite yet");
    py::list params = args.attr("args");
    py::list defaults = args.attr("defaults");
    size_t nparams = py::len(params), first_default = nparams - py::len(defaults);
    std::vector<ExprP> bound(nparams);
    py::list given = call.attr("args");
    // gen(*t, a) of a tuple t: its items fill the parameters the other arguments leave (neighbors(*cur,
    // rows, cols)), each an item of t read once, t's length checked as an unpacking's (typeinfer)
    size_t stars = 0, star_at = 0;
    for (size_t i = 0; i < py::len(given); ++i)
        if (ast_kind(given[i]) == Ast::Starred) ++stars, star_at = i;
    size_t star_items = 0;
    if (stars == 1) {
        size_t others = py::len(given) - 1 + py::len(call.attr("keywords"));
        if (others >= nparams) return error(given[star_at], "*args in calls are not supported here");
        star_items = nparams - others;
    } else if (stars > 1) {
        return error(given[star_at], "more than one *args in a call is not supported");
    }
    if (py::len(given) - stars + star_items > nparams)
        return error(call, g.qualname + "() takes " + std::to_string(nparams) + " positional arguments but " +
                               std::to_string(py::len(given)) + " were given");
    for (size_t i = 0, p = 0; i < py::len(given); ++i) {
        if (ast_kind(given[i]) != Ast::Starred) {
            bound[p++] = lower_expr(given[i]);
            continue;
        }
        Loc sat = loc(given[i]);
        int t = temp(sat);
        auto s = std::make_unique<Stmt>(StmtKind::Assign, sat);
        s->var = t;
        s->value = lower_expr(given[i].attr("value"));
        out.push_back(std::move(s));
        for (size_t j = 0; j < star_items; ++j) {
            auto read = std::make_unique<Expr>(ExprKind::Var, sat);
            read->var = t;
            auto get = std::make_unique<Expr>(ExprKind::TupleGet, sat);
            get->index = static_cast<int64_t>(j);
            get->unpack_count = static_cast<int>(star_items);
            get->args.push_back(std::move(read));
            bound[p++] = std::move(get);
        }
    }
    for (py::handle kw : call.attr("keywords")) {
        if (kw.attr("arg").is_none()) return error(kw, "**kwargs in calls are not supported");
        std::string k = py::str(kw.attr("arg"));
        size_t i = 0;
        while (i < nparams && std::string(py::str(params[i].attr("arg"))) != k) ++i;
        if (i == nparams) return error(kw, g.qualname + "() got an unexpected keyword argument '" + k + "'");
        if (bound[i]) return error(kw, g.qualname + "() got multiple values for argument '" + k + "'");
        bound[i] = lower_expr(kw.attr("value"));
    }
    if (scope) bind_fresh(target, *scope);  // a comprehension's target: bound after the iterable is evaluated
    GeneratorFrame frame{&g, {}, save_context(), py::reinterpret_borrow<py::object>(target), body, nullptr, nullptr, result};
    frame.delegating = delegating;
    // its value, where it may end without a `return v`: None
    py::list statements = def.attr("body");
    Ast last = py::len(statements) ? kind(statements[py::len(statements) - 1]) : Ast::Pass;
    if (result >= 0 && last != Ast::Raise && !(last == Ast::Return && !statements[py::len(statements) - 1].attr("value").is_none())) {
        auto s = std::make_unique<Stmt>(StmtKind::Assign, at);
        s->var = result;
        s->value = std::make_unique<Expr>(ExprKind::NoneConst, at);
        out.push_back(std::move(s));
    }
    // the generator's scope: its parameters, then every name it binds, fresh in this function
    restore_context(Context{&g, {}, {}, "", {}, 0, {}});
    std::string tag = "$" + g.qualname.substr(g.qualname.rfind('.') + 1) + std::to_string(fn_->nloops);
    for (size_t i = 0; i < nparams; ++i) {
        py::handle p = params[i];
        std::string name = py::str(p.attr("arg"));
        int v = fn_->add_var(name + tag, loc(p));
        locals_[name] = v;
        if (!p.attr("annotation").is_none()) fn_->vars[v].declared = lower_declared(p.attr("annotation"));
        ExprP value = std::move(bound[i]);
        if (!value && i >= first_default) {
            restore_context(frame.consumer);  // a default is a constant of the generator's def
            value = lower_expr(defaults[i - first_default]);
            in_ = &g;
        }
        if (!value) {
            restore_context(frame.consumer);
            return error(call, g.qualname + "() missing required argument '" + name + "'");
        }
        auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(p));
        s->var = v;
        s->value = std::move(value);
        out.push_back(std::move(s));
    }
    std::function<void(py::handle)> bind = [&](py::handle node) {
        Ast k = kind(node);
        if (k == Ast::ListComp || k == Ast::GeneratorExp || k == Ast::SetComp || k == Ast::DictComp || k == Ast::Lambda) return;
        if (k == Ast::FunctionDef) {  // a nested def binds its name; what its body binds is its own
            std::string name = py::str(node.attr("name"));
            if (!locals_.count(name)) locals_[name] = fn_->add_var(name + tag, loc(node));
            return;
        }
        if (k == Ast::Name && kind(node.attr("ctx")) == Ast::Store && !locals_.count(py::str(node.attr("id")))) {
            std::string name = py::str(node.attr("id"));
            locals_[name] = fn_->add_var(name + tag, loc(node));
        }
        if (k == Ast::AnnAssign && kind(node.attr("target")) == Ast::Name) {
            std::string name = py::str(node.attr("target").attr("id"));
            if (!locals_.count(name)) locals_[name] = fn_->add_var(name + tag, loc(node));
            fn_->vars[locals_[name]].declared = lower_declared(node.attr("annotation"));
        }
        static py::handle children = py::object(py::module_::import("ast").attr("iter_child_nodes")).release();  // kept: never freed after Python
        for (py::handle c : children(node)) bind(c);
    };
    for (py::handle s : def.attr("body")) bind(s);
    run_generator(frame, at, out, orelse, [&](ir::Block& b) { lower_block(def.attr("body"), b); });
    out.back()->gen_name = py::str(def.attr("name"));
    out.back()->gen_file = g.file;
}

// The generator's statements (in its scope, set up by the caller) inside L_out and L_gen, then
// the loop's else (it ran out), back in the loop's scope
void Lowerer::run_generator(GeneratorFrame& frame, Loc at, ir::Block& out, py::handle orelse,
                            const std::function<void(ir::Block&)>& statements) {
    auto outer = forever(fn_->nloops++, at);
    auto inner = forever(fn_->nloops++, at);
    frame.out_loop = outer.get();
    frame.gen_loop = inner.get();
    outer->gen_region = true;
    generators_.push_back(&frame);
    statements(inner->body);
    generators_.pop_back();
    restore_context(frame.consumer);
    inner->body.push_back(leave(*inner, at));
    outer->body.push_back(std::move(inner));
    if (!orelse.is_none()) lower_block(orelse, outer->body);
    outer->body.push_back(leave(*outer, at));
    out.push_back(std::move(outer));
}

namespace {
py::list as_list(py::handle stmt) {  // a statement list (ast.iter_child_nodes walks lists, not tuples)
    py::list l;
    l.append(stmt);
    return l;
}
}  // namespace

// A generator expression's statements: `for y in ys: if c: yield f(y)`, the clauses' loops and
// conditions around the yield; `outermost` (if not None) stands for the first clause's iterable
py::object Lowerer::genexp_statements(py::handle genexp, py::object outermost) {
    py::module_ ast = py::module_::import("ast");
    py::object inner_stmt = ast.attr("Expr")(py::arg("value") = ast.attr("Yield")(py::arg("value") = genexp.attr("elt")));
    ast.attr("copy_location")(inner_stmt.attr("value"), genexp.attr("elt"));
    ast.attr("copy_location")(inner_stmt, genexp.attr("elt"));
    py::list clauses = genexp.attr("generators");
    py::object stmt = inner_stmt;
    for (size_t i = py::len(clauses); i-- > 0;) {
        py::handle c = clauses[i];
        if (py::int_(c.attr("is_async")).cast<int>()) {
            error(c, "async comprehensions are not supported");
            return py::none();
        }
        py::list ifs = c.attr("ifs");
        for (size_t k = py::len(ifs); k-- > 0;) {
            stmt = ast.attr("If")(py::arg("test") = ifs[k], py::arg("body") = as_list(stmt), py::arg("orelse") = py::list());
            ast.attr("copy_location")(stmt, ifs[k]);
        }
        py::object iter = i == 0 && !outermost.is_none() ? outermost : py::object(c.attr("iter"));
        stmt = ast.attr("For")(py::arg("target") = c.attr("target"), py::arg("iter") = iter,
                               py::arg("body") = as_list(stmt), py::arg("orelse") = py::list());
        ast.attr("copy_location")(stmt, c.attr("target"));
    }
    return stmt;
}

// A generator expression as a value (g = (x * x for x in xs), a generator passed on or returned),
// as CPython makes it: a generator function of its own, `def <genexpr>(.0): for x in .0: yield x * x`,
// called with the first clause's iterable, evaluated here; what else it reads are its captures
// (lower_functions.cpp), and it is compiled as a coroutine (lower_nested_functions)
ExprP Lowerer::lower_genexp_value(py::handle genexp) {
    py::module_ ast = py::module_::import("ast");
    Loc at = loc(genexp);
    for (py::handle n : ast.attr("walk")(genexp))
        if (kind(n) == Ast::NamedExpr)  // it would bind the function's variable from the generator's frame
            return error_expr(n, "an assignment expression in a generator expression that is a value binds '" +
                                     std::string(py::str(n.attr("target").attr("id"))) + "' of the function each "
                                     "time the generator runs: not supported yet; iterate it where it is made (a for "
                                     "loop, list(), any(), next(), ...)");
    py::object param = ast.attr("Name")(py::arg("id") = ".0", py::arg("ctx") = ast.attr("Load")());
    ast.attr("copy_location")(param, genexp);
    py::object stmt = genexp_statements(genexp, param);
    if (stmt.is_none()) return std::make_unique<Expr>(ExprKind::Error, at);
    py::object arg = ast.attr("arg")(".0");
    ast.attr("copy_location")(arg, genexp);
    py::list params;
    params.append(arg);
    py::object def = ast.attr("FunctionDef")(**py::dict(
        py::arg("name") = "<genexpr>", py::arg("body") = as_list(stmt), py::arg("decorator_list") = py::list(),
        py::arg("returns") = py::none(), py::arg("type_comment") = py::none(),
        py::arg("args") = ast.attr("arguments")(py::list(), params, py::none(), py::list(), py::list(), py::none(), py::list())));
    ast.attr("copy_location")(def, genexp);
    ExprP f = lower_function_value(def);
    if (f->kind != ExprKind::FuncRef) return f;
    if (f->index != 0)  // a capture by reference: the generator could outlive the variable it points at
        return error_expr(genexp, "this generator expression reads a variable the function assigns more than once "
                                  "(or in a loop): as a value it is not supported yet; iterate it where it is made "
                                  "(a for loop, list(), sum(), next(), ...)");
    auto call = std::make_unique<Expr>(ExprKind::CallValue, at);
    call->args.push_back(std::move(f));
    call->args.push_back(lower_expr(py::list(genexp.attr("generators"))[0].attr("iter")));
    return call;
}

// for x in (f(y) for y in ys if c): the generator expression as a generator inlined the same way,
// its statements `for y in ys: if c: yield f(y)`; it sees the function's variables (its
// closure: inlined, they are the same variables), its own targets are names of its own
void Lowerer::inline_genexp(py::handle genexp, py::handle target, Loc at, ir::Block& out,
                            const std::function<void(ir::Block&)>& body, py::handle orelse,
                            std::map<std::string, int>* scope) {
    py::list clauses = genexp.attr("generators");
    py::object stmt = genexp_statements(genexp, py::none());
    if (stmt.is_none()) return;
    if (scope) bind_fresh(target, *scope);
    GeneratorFrame frame{in_, {}, save_context(), py::reinterpret_borrow<py::object>(target), body, nullptr, nullptr};
    // its scope: the function's names, its own targets fresh, no loops of the caller's to leave
    for (py::handle c : clauses) bind_fresh(c.attr("target"), locals_);
    loops_.clear();
    run_generator(frame, at, out, orelse, [&](ir::Block& b) { lower_stmt(stmt, b); });
    out.back()->gen_name = "<genexpr>";
    out.back()->gen_file = in_->file;
}

// names a target binds, as fresh variables (a comprehension's: its own scope); a name the target
// binds twice ((a, _), (b, _)) is one variable, as in Python
void Lowerer::bind_fresh(py::handle target, std::map<std::string, int>& scope) {
    std::set<std::string> bound;
    std::function<void(py::handle)> bind = [&](py::handle t) {
        Ast k = kind(t);
        if (k == Ast::Name) {
            std::string id = py::str(t.attr("id"));
            if (bound.insert(id).second) scope[id] = fn_->add_var(id + "$" + std::to_string(ntemps_++), loc(t));
        } else if (k == Ast::Tuple || k == Ast::List) {
            for (py::handle elt : t.attr("elts")) bind(elt);
        } else if (k == Ast::Starred) {
            bind(t.attr("value"));
        }
    };
    bind(target);
}

// `yield v` in an inlined generator: the loop's target bound to v, then the loop's body (in the
// loop's own scope), in a one-shot loop its `continue` leaves
void Lowerer::lower_yield(py::handle node, ir::Block& out) {
    GeneratorFrame& f = *generators_.back();
    py::handle value = node.attr("value");
    ExprP v = value.is_none() ? std::make_unique<Expr>(ExprKind::NoneConst, loc(node)) : lower_expr(value);
    Context gen = save_context();
    restore_context(f.consumer);
    generators_.pop_back();  // the loop's body is the caller's: a generator it iterates is not nested in this one
    size_t first = out.size();
    assign_target(f.target, std::move(v), out);
    for (size_t i = first; i < out.size(); ++i) out[i]->loc = loc(node);  // the yield's line: what it evaluates
    auto once = forever(fn_->nloops++, loc(node));
    once->yield_body = true;
    once->delegating = f.delegating;
    // the loop's break leaves L_out, its continue this one-shot loop
    loops_.push_back(LoopJumps{f.out_loop, once.get(), true});
    f.body(once->body);
    loops_.pop_back();
    once->body.push_back(leave(*once, loc(node)));
    out.push_back(std::move(once));
    generators_.push_back(&f);
    restore_context(gen);
}

// `return` in an inlined generator ends the iteration (L_gen); `return v` is StopIteration.value,
// which a for loop drops and `x = yield from gen()` assigns (the frame's result)
void Lowerer::generator_return(py::handle node, ir::Block& out) {
    int result = generators_.back()->result;
    if (!node.attr("value").is_none() || result >= 0) {
        auto s = std::make_unique<Stmt>(result >= 0 ? StmtKind::Assign : StmtKind::ExprStmt, loc(node));
        s->var = result;
        s->value = node.attr("value").is_none() ? std::make_unique<Expr>(ExprKind::NoneConst, loc(node))
                                                : lower_expr(node.attr("value"));  // evaluated, as in Python
        out.push_back(std::move(s));
    }
    Stmt* gen = generators_.back()->gen_loop;
    auto b = std::make_unique<Stmt>(StmtKind::Break, loc(node));
    b->loop_id = gen->loop_id;
    gen->breaks = gen->deep_break = true;
    out.push_back(std::move(b));
}

// `yield v` in a generator function compiled as a coroutine (lower.cpp's lower_coroutines): the
// generator object suspends there; what next() returns is v. `sent`: the variable `x = yield v`
// assigns what the generator is resumed with (send()'s value, next()'s None), or -1
void Lowerer::lower_coroutine_yield(py::handle node, ir::Block& out, int sent) {
    auto s = std::make_unique<Stmt>(StmtKind::Yield, loc(node));
    py::handle value = node.attr("value");
    s->value = value.is_none() ? std::make_unique<Expr>(ExprKind::NoneConst, loc(node)) : lower_expr(value);
    s->var = sent;
    out.push_back(std::move(s));
}

// `[x =] yield from it` in a generator object (PEP 380): `it` held, then a Yield that delegates to it
// where typeinfer finds it a generator object, else its body, `for $from in it: yield $from`
// (x: None). A generator call is inlined instead, unless this generator is sent values (which
// would have to go on to it): what the inlined one's yields raise on a throw() or close() is
// raised in it (Stmt::delegating)
void Lowerer::lower_coroutine_yield_from(py::handle node, ir::Block& out, int result) {
    py::handle it = node.attr("value");
    bool sent = fn_->declared_ret && fn_->declared_ret->is(TypeKind::Iterator) && !fn_->declared_ret->gen_sent()->is(TypeKind::None);
    if (generator_call(it) >= 0 && !sent) {
        pending_result_ = result;
        pending_delegating_ = true;
        lower_yield_from(node, out);
        pending_result_ = -1;
        pending_delegating_ = false;
        return;
    }
    Loc at = loc(node);
    std::string name = "$sub" + std::to_string(ntemps_++);
    int held = fn_->add_var(name, at);
    locals_[name] = held;
    auto hold = std::make_unique<Stmt>(StmtKind::Assign, at);
    hold->var = held;
    hold->value = lower_expr(it);
    out.push_back(std::move(hold));
    auto s = std::make_unique<Stmt>(StmtKind::Yield, at);
    s->value = std::make_unique<Expr>(ExprKind::Var, at);
    s->value->var = held;
    s->var = result;
    py::module_ ast = py::module_::import("ast");
    py::object load = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Load")());
    py::object from = ast.attr("YieldFrom")(py::arg("value") = load);
    ast.attr("copy_location")(load, node);
    ast.attr("copy_location")(from, node);
    lower_yield_from(from, s->body);
    if (result >= 0) {
        auto none = std::make_unique<Stmt>(StmtKind::Assign, at);
        none->var = result;
        none->value = std::make_unique<Expr>(ExprKind::NoneConst, at);
        s->body.push_back(std::move(none));
    }
    out.push_back(std::move(s));
}

// x = yield v and x = yield from gen() in an inlined generator (false elsewhere: not lowered). A
// for loop never sends, so `yield v` gives None; `yield from gen()` gives what gen returns (None
// where it ends without `return v`; None from any other iterable)
bool Lowerer::lower_yield_value(py::handle node, ir::Block& out) {
    py::handle value = node.attr("value");
    Ast k = kind(value);
    if ((generators_.empty() && !fn_->coroutine) || (k != Ast::Yield && k != Ast::YieldFrom)) return false;
    Loc at = loc(value);
    ExprP result = std::make_unique<Expr>(ExprKind::NoneConst, at);
    if (generators_.empty()) {  // a generator object: what it is sent, what the one it yields from returns
        int r = temp(at);
        if (k == Ast::Yield) lower_coroutine_yield(value, out, r);
        else lower_coroutine_yield_from(value, out, r);
        result = std::make_unique<Expr>(ExprKind::Var, at);
        result->var = r;
    } else if (k == Ast::Yield) {
        lower_yield(value, out);
    } else {
        int r = temp(at);
        if (generator_call(value.attr("value")) >= 0) {
            pending_result_ = r;  // the generator inlined for it assigns r (inline_generator)
        } else {
            auto none = std::make_unique<Stmt>(StmtKind::Assign, at);
            none->var = r;
            none->value = std::make_unique<Expr>(ExprKind::NoneConst, at);
            out.push_back(std::move(none));
        }
        lower_yield_from(value, out);
        pending_result_ = -1;
        result = std::make_unique<Expr>(ExprKind::Var, at);
        result->var = r;
    }
    py::list targets = node.attr("targets");
    for (size_t i = 0; i < py::len(targets); ++i)
        assign_target(targets[i], i + 1 < py::len(targets) ? ir::clone(*result) : std::move(result), out);
    return true;
}

// yield from it: for t in it: yield t (it may be another generator, inlined in turn)
void Lowerer::lower_yield_from(py::handle node, ir::Block& out) {
    py::module_ ast = py::module_::import("ast");
    std::string name = "$from" + std::to_string(ntemps_++);
    locals_[name] = fn_->add_var(name, loc(node));
    py::object store = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Store")());
    py::object load = ast.attr("Name")(py::arg("id") = name, py::arg("ctx") = ast.attr("Load")());
    py::object yield = ast.attr("Yield")(py::arg("value") = load);
    py::object stmt = ast.attr("Expr")(py::arg("value") = yield);
    py::object loop = ast.attr("For")(py::arg("target") = store, py::arg("iter") = node.attr("value"),
                                      py::arg("body") = py::make_tuple(stmt), py::arg("orelse") = py::list());
    for (py::object n : {store, load, yield, stmt, loop}) ast.attr("copy_location")(n, node);
    lower_for(loop, out);
}

}  // namespace pyrite::frontend
