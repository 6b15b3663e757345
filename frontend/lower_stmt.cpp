// frontend: one method per Python statement kind.
#include <functional>
#include "lower.hpp"

namespace pyrite::frontend {

void Lowerer::lower_block(py::handle stmts, ir::Block& out) {
    for (py::handle s : stmts) lower_stmt(s, out);
}

void Lowerer::lower_stmt(py::handle node, ir::Block& out) {
    Ast k = kind(node);
    if (k == Ast::Assign) return lower_assign(node, out);
    if (k == Ast::AugAssign) return lower_aug_assign(node, out);
    if (k == Ast::AnnAssign) return lower_ann_assign(node, out);
    if (k == Ast::If) return lower_if(node, out);
    if (k == Ast::While) return lower_while(node, out);
    if (k == Ast::For) return lower_for(node, out);
    if (k == Ast::Break) return lower_loop_jump(node, StmtKind::Break, out);
    if (k == Ast::Continue) return lower_loop_jump(node, StmtKind::Continue, out);
    if (k == Ast::Return && !generators_.empty()) return generator_return(node, out);
    if (k == Ast::Return) return lower_return(node, out);
    if (k == Ast::Assert) return lower_assert(node, out);
    if (k == Ast::Raise) return lower_raise(node, out);
    if (k == Ast::Try) return lower_try(node, out);
    if (k == Ast::With) return lower_with(node, py::list(node.attr("items")), 0, out);
    if (k == Ast::Pass) return;
    if (k == Ast::Delete) return lower_delete(node, out);
    if (k == Ast::Match) return lower_match(node, out);  // lower_match.cpp
    if (k == Ast::Global || k == Ast::Nonlocal) return;  // reported by collect_locals
    if (k == Ast::Expr) {
        py::handle value = node.attr("value");
        if (kind(value) == Ast::Constant && py::isinstance<py::str>(value.attr("value"))) return;  // docstring
        if (kind(value) == Ast::Constant && value.attr("value").ptr() == Py_Ellipsis) return;  // `...`: nothing
        if (kind(value) == Ast::Yield && !generators_.empty()) return lower_yield(value, out);
        if (kind(value) == Ast::YieldFrom && !generators_.empty()) return lower_yield_from(value, out);
        if (kind(value) == Ast::Yield && fn_->coroutine) return lower_coroutine_yield(value, out);  // lower_generators.cpp
        if (kind(value) == Ast::YieldFrom && fn_->coroutine) return lower_coroutine_yield_from(value, out);
        auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, loc(node));
        s->value = lower_expr(value);
        out.push_back(std::move(s));
        return;
    }
    if (k == Ast::FunctionDef) return lower_nested_def(node, out);  // lower_functions.cpp
    if (k == Ast::Import || (k == Ast::ImportFrom && py::int_(node.attr("level")).cast<int>() == 0)) {
        // done by capture (pyrite/capture.py's _local_imports): its names resolve as globals do
        bool star = false;
        for (py::handle a : node.attr("names")) star = star || std::string(py::str(a.attr("name"))) == "*";
        if (!star) return;
    }
    static const std::map<std::string, std::string> names = {
        {"AsyncFunctionDef", "nested 'async def'"}, {"ClassDef", "'class'"},
        {"AsyncWith", "'async with'"},
        {"TryStar", "'try ... except*'"},
        {"Import", "'import'"},          {"ImportFrom", "'from ... import'"},
        {"AsyncFor", "'async for'"}};
    std::string cls = ast_class_name(node);
    auto it = names.find(cls);
    error(node, (it != names.end() ? it->second : "'" + cls + "'") + " statements are not supported by pyrite yet");
}

// x = value; a = b = value; a, b = b, a + b; (a, b), c = ...
void Lowerer::lower_assign(py::handle node, ir::Block& out) {
    if (lower_yield_value(node, out)) return;  // x = yield from gen() in an inlined generator (lower_generators.cpp)
    py::list targets = node.attr("targets");
    py::handle value_node = node.attr("value");
    if (py::len(targets) == 1) {
        py::handle target = targets[0];
        Ast tk = kind(target);
        // a, b = x, y: evaluate every right-hand value before binding any name
        auto starred = [&](py::handle seq) {
            for (py::handle v : seq.attr("elts"))
                if (kind(v) == Ast::Starred) return true;
            return false;
        };
        if ((tk == Ast::Tuple || tk == Ast::List) && kind(value_node) == Ast::Tuple &&
            py::len(target.attr("elts")) == py::len(value_node.attr("elts")) && !starred(target) && !starred(value_node)) {
            // a literal that reads nothing ([], 0, "", (1, 2)) is made where it is assigned: no temporary,
            // so `n, path = start, []` types path by what it learns later (path.append(n))
            std::function<bool(py::handle)> literal = [&](py::handle v) {
                Ast k = kind(v);
                if (k == Ast::Constant) return true;
                if (k != Ast::List && k != Ast::Tuple && k != Ast::Set && k != Ast::Dict) return false;
                for (const char* field : {"elts", "keys", "values"})
                    if (py::hasattr(v, field))
                        for (py::handle x : v.attr(field))
                            if (x.is_none() || !literal(x)) return false;
                return true;
            };
            std::vector<int> temps;
            for (py::handle v : value_node.attr("elts")) {
                if (literal(v)) {
                    temps.push_back(-1);
                    continue;
                }
                int t = temp(loc(v));
                auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(v));
                s->var = t;
                s->value = lower_expr(v);
                out.push_back(std::move(s));
                temps.push_back(t);
            }
            size_t i = 0;
            py::list values = value_node.attr("elts");
            for (py::handle t : target.attr("elts")) {
                size_t k = i++;
                if (temps[k] < 0) {
                    assign_target(t, lower_expr(values[k]), out);
                    continue;
                }
                auto read = std::make_unique<Expr>(ExprKind::Var, loc(t));
                read->var = temps[k];
                assign_target(t, std::move(read), out);
            }
            return;
        }
        if (tk == Ast::Tuple || tk == Ast::List) {  // a, b = map(int, words): the items, then unpacked
            assign_target(target, lower_expr(listed(value_node)), out);
            return;
        }
        assign_target(target, lower_expr(value_node), out);
        return;
    }
    // a = b = value: evaluate once, bind left to right
    int t = temp(loc(value_node));
    auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(value_node));
    s->var = t;
    s->value = lower_expr(value_node);
    out.push_back(std::move(s));
    for (py::handle target : targets) {
        auto read = std::make_unique<Expr>(ExprKind::Var, loc(value_node));
        read->var = t;
        assign_target(target, std::move(read), out);
    }
}

// Binds `value` to a target: a name, or a tuple of targets (unpacked by index).
void Lowerer::assign_target(py::handle target, ExprP value, ir::Block& out) {
    Ast tk = kind(target);
    if (tk == Ast::Name && declared_globals_.count(py::str(target.attr("id")))) {  // global NAME: the module's
        auto s = std::make_unique<Stmt>(StmtKind::Store, loc(target));
        s->target = rebound_global(target);
        s->value = std::move(value);
        out.push_back(std::move(s));
        return;
    }
    if (tk == Ast::Name) {
        auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(target));
        s->var = local(py::str(target.attr("id")));
        s->value = std::move(value);
        out.push_back(std::move(s));
        return;
    }
    if (tk == Ast::Tuple || tk == Ast::List) {
        Loc at = value->loc;
        int t = temp(at);
        auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(target));
        s->var = t;
        value->unpacked = true;  // w, v = np.linalg.eigh(a): a named tuple NumPy returns, taken unpacked
        if (value->kind != ExprKind::Tuple && value->kind != ExprKind::List) {
            // x, y = v of an instance whose class has __iter__: its items (typeinfer's UnpackSource;
            // for any other value typeinfer puts the value itself back)
            auto source = std::make_unique<Expr>(ExprKind::Intrinsic, at);
            source->operation = ops::Op::UnpackSource;
            source->args.push_back(std::move(value));
            value = std::move(source);
        }
        s->value = std::move(value);
        out.push_back(std::move(s));
        py::list elts = target.attr("elts");
        for (size_t k = 0; k < elts.size(); ++k)
            if (kind(elts[k]) == Ast::Starred) return unpack_starred(elts, k, t, out);
        int64_t i = 0;
        for (py::handle elt : target.attr("elts")) {
            auto read = std::make_unique<Expr>(ExprKind::Var, at);
            read->var = t;
            auto get = std::make_unique<Expr>(ExprKind::TupleGet, loc(elt));
            get->index = i++;
            get->unpack_count = static_cast<int>(py::len(target.attr("elts")));  // the targets it expects
            get->args.push_back(std::move(read));
            assign_target(elt, std::move(get), out);
        }
        return;
    }
    if (tk == Ast::Subscript) {
        auto s = std::make_unique<Stmt>(StmtKind::Store, loc(target));
        s->target = lower_subscript(target);
        s->value = std::move(value);
        out.push_back(std::move(s));
        return;
    }
    if (tk == Ast::Attribute) {  // obj.x = value: a field (self.x = ... in a method declares it)
        auto s = std::make_unique<Stmt>(StmtKind::Store, loc(target));
        s->target = lower_attribute(target);
        if (s->target->kind == ExprKind::Global || s->target->kind == ExprKind::Error) {  // C.count = 0: a class variable
            s->value = std::move(value);                                                  // (lower_class_vars.cpp)
            if (s->target->kind == ExprKind::Global) out.push_back(std::move(s));
            return;
        }
        if (s->target->kind == ExprKind::Intrinsic && !s->target->name.empty()) {  // self.size = 0: a field, whatever
            s->target->kind = ExprKind::Attr;                                       // arrays call their .size
            s->target->operation = ops::Op::None;
        }
        if (s->target->kind != ExprKind::Attr) return error(target, "cannot assign to this attribute");
        if (ir::Class* c = self_class(target.attr("value")); c && !add_field(*c, s->target->name, nullptr, loc(target)))
            return;  // a class variable's name (said why)
        s->value = std::move(value);
        out.push_back(std::move(s));
        return;
    }
    error(target, "unsupported assignment target");
}

// a, *rest, b = value (PEP 3132), value in the temporary t: its items as a list, checked to be at
// least the other targets (list.$unpack_star), then a = $l[0], rest = $l[1:-1] (a list), b = $l[-1]
void Lowerer::unpack_starred(py::list elts, size_t star, int t, ir::Block& out) {
    Loc at = loc(elts[star]);
    auto var = [&](int v) { return var_expr(v, at); };
    auto constant = [&](std::int64_t v) {
        auto c = std::make_unique<Expr>(ExprKind::IntConst, at);
        c->ival = v;
        return c;
    };
    for (size_t k = star + 1; k < elts.size(); ++k)
        if (kind(elts[k]) == Ast::Starred) return error(elts[k], "multiple starred expressions in assignment");
    auto items = std::make_unique<Expr>(ExprKind::Intrinsic, at);
    items->operation = ops::Op::ListOf;
    items->name = "list";
    items->args.push_back(var(t));
    auto check = std::make_unique<Expr>(ExprKind::CallBuiltin, at);
    check->name = "list.$unpack_star";
    check->args.push_back(std::move(items));
    check->args.push_back(constant(static_cast<std::int64_t>(elts.size() - 1)));
    int l = temp(at);
    auto s = std::make_unique<Stmt>(StmtKind::Assign, at);
    s->var = l;
    s->value = std::move(check);
    out.push_back(std::move(s));
    std::int64_t after = static_cast<std::int64_t>(elts.size() - star - 1);
    for (size_t k = 0; k < elts.size(); ++k) {
        ExprP value;
        if (k == star) {
            value = std::make_unique<Expr>(ExprKind::Slice, at);
            value->args.push_back(var(l));
            value->args.push_back(constant(static_cast<std::int64_t>(star)));
            value->args.push_back(after ? ExprP(constant(-after)) : std::make_unique<Expr>(ExprKind::NoneConst, at));
            value->args.push_back(std::make_unique<Expr>(ExprKind::NoneConst, at));
        } else {
            value = std::make_unique<Expr>(ExprKind::Subscript, loc(elts[k]));
            value->args.push_back(var(l));
            value->args.push_back(constant(k < star ? static_cast<std::int64_t>(k)
                                                    : static_cast<std::int64_t>(k) - static_cast<std::int64_t>(elts.size())));
        }
        py::object target = k == star ? py::object(elts[k].attr("value")) : py::object(elts[k]);
        assign_target(target, std::move(value), out);
    }
}

// x += v is x = x + v, except that a list's += extends it in place (inplace).
// xs[i] += v evaluates xs and i once: $c = xs; $i = i; $c[$i] = $c[$i] + v.
void Lowerer::lower_aug_assign(py::handle node, ir::Block& out) {
    py::handle target = node.attr("target");
    ExprP read;
    ExprP store_target;
    auto sliced = [&](py::handle index) {  // a[1:3] or a[i, 1:3]
        if (kind(index) == Ast::Slice) return true;
        if (kind(index) == Ast::Tuple)
            for (py::handle elt : index.attr("elts"))
                if (kind(elt) == Ast::Slice) return true;
        return false;
    };
    if (kind(target) == Ast::Attribute &&
        (kind(target.attr("value")) == Ast::Name || type_of_self(target.attr("value")) >= 0)) {
        // Counter.count += 1, cls.count += 1, type(self).count += 1: a class variable (lower_class_vars.cpp)
        bool name = kind(target.attr("value")) == Ast::Name;
        std::string base = name ? std::string(py::str(target.attr("value").attr("id"))) : "type(self)";
        const Resolution* r = name && local(base) < 0 ? global(base) : nullptr;
        if (ExprP g = class_var_ref(target, base, r, true)) {
            if (g->kind == ExprKind::Error) return;  // said why
            read = ir::clone(*g);
            read->loc = loc(target);
            store_target = std::move(g);
        } else if (r && r->kind == Resolution::Class) {
            return error(target, class_store_error(r->func, base, py::str(target.attr("attr"))));
        }
    }
    if (read) {  // the class variable above
    } else if (kind(target) == Ast::Subscript && !sliced(target.attr("slice"))) {
        auto bind = [&](ExprP value) {
            int t = temp(value->loc);
            auto s = std::make_unique<Stmt>(StmtKind::Assign, value->loc);
            s->var = t;
            s->value = std::move(value);
            out.push_back(std::move(s));
            return t;
        };
        // a local or a constant needs no temporary: nothing in v can rebind a local
        std::function<bool(py::handle)> simple = [&](py::handle n) {
            if (kind(n) == Ast::Tuple) {  // a[i, j] += v
                for (py::handle elt : n.attr("elts"))
                    if (!simple(elt)) return false;
                return true;
            }
            return (kind(n) == Ast::Name && local(py::str(n.attr("id"))) >= 0) ||
                   (kind(n) == Ast::Constant && py::isinstance<py::int_>(n.attr("value")));
        };
        py::handle cn = target.attr("value"), in = target.attr("slice");
        int c = simple(cn) ? -1 : bind(lower_expr(cn));
        int i = simple(in) ? -1 : bind(lower_expr(in));
        auto subscript = [&]() {
            auto e = std::make_unique<Expr>(ExprKind::Subscript, loc(target));
            for (auto [v, n] : {std::pair<int, py::handle>{c, cn}, std::pair<int, py::handle>{i, in}}) {
                if (v < 0) {
                    e->args.push_back(lower_expr(n));
                    continue;
                }
                auto r = std::make_unique<Expr>(ExprKind::Var, loc(target));
                r->var = v;
                e->args.push_back(std::move(r));
            }
            return e;
        };
        read = subscript();
        store_target = subscript();
    } else if (kind(target) == Ast::Name && declared_globals_.count(py::str(target.attr("id")))) {
        read = rebound_global(target);  // global counter; counter += 1
        store_target = rebound_global(target);
    } else if (kind(target) == Ast::Name) {
        read = std::make_unique<Expr>(ExprKind::Var, loc(target));
        read->var = local(py::str(target.attr("id")));
    } else if (kind(target) == Ast::Subscript) {
        // a[1:, ::2] += v: read and stored through the same slices, which must be locals or
        // constants (evaluated twice, which is then unobservable)
        std::function<bool(py::handle)> simple = [&](py::handle n) {
            Ast k = kind(n);
            if (k == Ast::Tuple) {
                for (py::handle elt : n.attr("elts"))
                    if (!simple(elt)) return false;
                return true;
            }
            if (k == Ast::Slice) {
                for (const char* part : {"lower", "upper", "step"})
                    if (!n.attr(part).is_none() && !simple(n.attr(part))) return false;
                return true;
            }
            if (k == Ast::UnaryOp) return simple(n.attr("operand"));
            return (k == Ast::Name && local(py::str(n.attr("id"))) >= 0) || k == Ast::Constant;
        };
        if (!simple(target.attr("value")) || !simple(target.attr("slice")))
            return error(target, "augmented assignment to a slice takes a local and slice bounds that are locals or "
                                 "constants (assign the bounds to locals first)");
        read = lower_subscript(target);
        store_target = lower_subscript(target);
    } else if (kind(target) == Ast::Attribute) {
        // obj.x += v: obj evaluated once (a local needs no temporary)
        py::handle obj = target.attr("value");
        auto object = [&]() -> ExprP {
            if (kind(obj) == Ast::Name && local(py::str(obj.attr("id"))) >= 0) return lower_expr(obj);
            return nullptr;
        };
        ExprP first = object();
        int t = -1;
        if (!first) {
            t = temp(loc(obj));
            auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(obj));
            s->var = t;
            s->value = lower_expr(obj);
            out.push_back(std::move(s));
        }
        auto attr = [&]() {
            auto e = std::make_unique<Expr>(ExprKind::Attr, loc(target));
            e->name = py::str(target.attr("attr"));
            if (t < 0) {
                e->args.push_back(object());
            } else {
                auto r = std::make_unique<Expr>(ExprKind::Var, loc(obj));
                r->var = t;
                e->args.push_back(std::move(r));
            }
            return e;
        };
        read = attr();
        store_target = attr();
    } else {
        return error(target, "augmented assignment is supported to a name, an item, a slice or an attribute only");
    }
    ir::BinOp bop;
    if (!binop_of(kind(node.attr("op")), &bop))
        return error(node, "unsupported operator '" + ast_class_name(node.attr("op")) + "'");
    auto bin = std::make_unique<Expr>(ExprKind::Binary, loc(node));
    bin->op = static_cast<int>(bop);
    bin->inplace = true;
    bin->args.push_back(std::move(read));
    bin->args.push_back(lower_expr(node.attr("value")));
    if (store_target) {
        auto s = std::make_unique<Stmt>(StmtKind::Store, loc(node));
        s->target = std::move(store_target);
        s->value = std::move(bin);
        out.push_back(std::move(s));
        return;
    }
    assign_target(target, std::move(bin), out);
}

// del xs[i], del xs[a:b]
void Lowerer::lower_delete(py::handle node, ir::Block& out) {
    for (py::handle target : node.attr("targets")) {
        if (kind(target) != Ast::Subscript) {
            error(target, "'del' is supported for items and slices only");
            continue;
        }
        auto s = std::make_unique<Stmt>(StmtKind::Del, loc(target));
        s->target = lower_subscript(target);
        out.push_back(std::move(s));
    }
}

// x: float = 1.0 (the annotation itself was recorded by collect_locals)
void Lowerer::lower_ann_assign(py::handle node, ir::Block& out) {
    py::handle target = node.attr("target");
    if (kind(target) == Ast::Attribute) {  // self.x: int = 0 in a method: declares the field
        ir::Class* c = self_class(target.attr("value"));
        if (!c) return error(target, "an annotated attribute must be a field of self");
        const Type* t = lower_annotation(node.attr("annotation"));
        if (!add_field(*c, py::str(target.attr("attr")), t, loc(target)) || node.attr("value").is_none()) return;
        return assign_target(target, lower_expr(node.attr("value")), out);
    }
    if (kind(target) != Ast::Name) return error(target, "annotated assignment is supported to a local name only");
    if (node.attr("value").is_none()) return;
    assign_target(target, lower_expr(node.attr("value")), out);
}

void Lowerer::lower_if(py::handle node, ir::Block& out) {
    auto s = std::make_unique<Stmt>(StmtKind::If, loc(node));
    s->value = lower_expr(node.attr("test"));
    lower_block(node.attr("body"), s->body);
    lower_block(node.attr("orelse"), s->orelse);
    out.push_back(std::move(s));
}

void Lowerer::lower_while(py::handle node, ir::Block& out) {
    auto s = std::make_unique<Stmt>(StmtKind::While, loc(node));
    s->loop_id = fn_->nloops++;
    s->value = lower_expr(node.attr("test"));
    loops_.push_back(LoopJumps{s.get(), s.get()});
    lower_block(node.attr("body"), s->body);
    loops_.pop_back();
    lower_block(node.attr("orelse"), s->orelse);
    out.push_back(std::move(s));
}

// for x in range(...) / a list / enumerate(...) / zip(...) / reversed(...) / gen(...) (inlined:
// lower_generators.cpp)
void Lowerer::lower_for(py::handle node, ir::Block& out) {
    if (int g = generator_call(node.attr("iter")); g >= 0)
        return inline_generator(node.attr("iter"), g, node.attr("target"), loc(node), out,
                                [&](ir::Block& b) { lower_block(node.attr("body"), b); }, node.attr("orelse"));
    if (py::object lazy = as_lazy(node.attr("iter")); kind(lazy) == Ast::GeneratorExp)  // map(), filter() too
        return inline_genexp(lazy, node.attr("target"), loc(node), out,
                             [&](ir::Block& b) { lower_block(node.attr("body"), b); }, node.attr("orelse"));
    ir::Block* body = nullptr;
    lower_for_header(node.attr("target"), node.attr("iter"), loc(node), out, body, nullptr);
    Stmt* loop = out.back().get();
    loops_.push_back(LoopJumps{loop, loop});
    lower_block(node.attr("body"), *body);
    loops_.pop_back();
    lower_block(node.attr("orelse"), loop->orelse);
}

void Lowerer::lower_loop_jump(py::handle node, StmtKind k, ir::Block& out) {
    if (loops_.empty()) return error(node, "'break'/'continue' outside a loop");
    const LoopJumps& j = loops_.back();
    // in an inlined generator's yield: break leaves the whole loop, continue its one-shot body
    bool leaves = k == StmtKind::Break || j.continue_breaks;
    Stmt* loop = k == StmtKind::Break ? j.brk : j.cont;
    auto s = std::make_unique<Stmt>(leaves ? StmtKind::Break : StmtKind::Continue, loc(node));
    s->loop_id = loop->loop_id;
    if (leaves) loop->breaks = true;
    if (leaves && j.brk != j.cont && k == StmtKind::Break) loop->deep_break = true;
    out.push_back(std::move(s));
}

void Lowerer::lower_return(py::handle node, ir::Block& out) {
    auto s = std::make_unique<Stmt>(StmtKind::Return, loc(node));
    if (!node.attr("value").is_none()) s->value = lower_expr(node.attr("value"));
    out.push_back(std::move(s));
}

// The class an `except` names, or a `raise` makes: one of Python's builtin exceptions
// (exceptions.def) by name, or "class Q", Q a class of the program deriving from one
std::string Lowerer::exception_class(py::handle node) {
    std::string id = kind(node) == Ast::Name ? std::string(py::str(node.attr("id"))) : "";
    const Resolution* r = id.empty() || local(id) >= 0 ? nullptr : global(id);
    if (r && r->kind == Resolution::Builtin && Type::exception(id)) return id;
    if (r && r->kind == Resolution::Class) {
        const ir::Class& c = module_->classes[r->func];
        if (c.type->exc) return "class " + c.qualname;
        error(node, "'" + id + "' is not an exception class: it does not derive from BaseException");
        return "";
    }
    error(node, "compiled code names exception classes directly: Python's builtin ones (ValueError, KeyError, "
                "LookupError, Exception, ...) or a class of the program deriving from one");
    return "";
}

// raise ValueError / raise ValueError("message"): a builtin exception with no argument or one
// str; raise MyError(...): an instance of the program's exception class; raise e: an exception
// caught before; a bare raise re-raises the one being handled; `from` sets the cause
void Lowerer::lower_raise(py::handle node, ir::Block& out) {
    py::handle exc = node.attr("exc");
    auto s = std::make_unique<Stmt>(StmtKind::Raise, loc(node));
    if (exc.is_none()) {
        if (handlers_ == 0)
            return error(node, "a bare 'raise' re-raises the exception being handled: compiled code allows it in an "
                               "'except' clause");
        out.push_back(std::move(s));
        return;
    }
    if (!node.attr("cause").is_none()) s->target = lower_expr(node.attr("cause"));
    py::handle cls = kind(exc) == Ast::Call ? exc.attr("func") : exc;
    std::string name = kind(cls) == Ast::Name ? std::string(py::str(cls.attr("id"))) : "";
    const Resolution* r = name.empty() || local(name) >= 0 ? nullptr : global(name);
    if (r && r->kind == Resolution::Builtin && Type::exception(r->name)) {
        name = r->name;  // $TypeError of pyrite's rewrites: TypeError
        s->message = name;
        if (kind(exc) == Ast::Call) {
            py::list args = exc.attr("args");
            if (py::len(exc.attr("keywords")) > 0) return error(exc, name + "() takes no keyword arguments");
            if (py::len(args) == 1) s->value = lower_expr(args[0]);
            if (py::len(args) > 1) {  // ValueError("x", n): its args, (tuple ...) here (exceptions.hpp's exception_of)
                s->value = std::make_unique<Expr>(ExprKind::Tuple, loc(exc));
                for (py::handle a : args) {
                    if (kind(a) == Ast::Starred) return error(a, "*args in an exception's arguments are not supported");
                    s->value->args.push_back(lower_expr(a));
                }
            }
        }
    } else if (r && r->kind == Resolution::Class && kind(exc) == Ast::Name) {  // raise MyError: MyError()
        if (exception_class(exc).empty()) return;
        auto call = std::make_unique<Expr>(ExprKind::New, loc(exc));
        call->callee = r->func;
        s->value = std::move(call);
    } else if (r && r->kind != Resolution::Class && kind(exc) == Ast::Name) {
        return error(exc, "compiled code raises Python's builtin exceptions (ValueError, TypeError, KeyError, ...), "
                          "exception classes of the program, or an exception it caught");
    } else {
        s->value = lower_expr(exc);  // an instance (MyError(...)) or a caught exception: typeinfer checks
    }
    out.push_back(std::move(s));
}

// try: ... except A as e: ... except (B, C): ... else: ... finally: ...
void Lowerer::lower_try(py::handle node, ir::Block& out) {
    auto s = std::make_unique<Stmt>(StmtKind::Try, loc(node));
    lower_block(node.attr("body"), s->body);
    for (py::handle h : node.attr("handlers")) {
        auto x = std::make_unique<Stmt>(StmtKind::Except, loc(h));
        py::handle type = h.attr("type");
        if (!type.is_none()) {
            std::vector<py::handle> names;
            if (kind(type) == Ast::Tuple) {
                for (py::handle t : type.attr("elts")) names.push_back(t);
            } else {
                names.push_back(type);
            }
            for (py::handle t : names) {
                std::string c = exception_class(t);
                if (!c.empty()) x->classes.push_back(c);
            }
        }
        // `as e` binds a variable of its own per clause (e$h7: each clause catches its own
        // classes); Python deletes e after the clause, so e is not bound past it either way
        std::string name = h.attr("name").is_none() ? "" : std::string(py::str(h.attr("name")));
        int outer = name.empty() ? -1 : local(name);
        if (!name.empty()) {
            handler_names_.insert(name);
            x->var = fn_->add_var(name + "$h" + std::to_string(fn_->vars.size()), loc(h));
            locals_[name] = x->var;
        }
        ++handlers_;
        lower_block(h.attr("body"), x->body);
        --handlers_;
        if (!name.empty() && outer >= 0) locals_[name] = outer;
        if (!name.empty() && outer < 0) locals_.erase(name);
        s->handlers.push_back(std::move(x));
    }
    lower_block(node.attr("orelse"), s->orelse);
    lower_block(node.attr("finalbody"), s->finalbody);
    out.push_back(std::move(s));
}

// with A() as a, B() as b: body is `with A() as a: with B() as b: body`, and each is what
// PEP 343 says it is, with the manager's class's __enter__ and __exit__ compiled like any method:
//
//   %m = A();  a = %m.__enter__();  %ok = True
//   try: body
//   except BaseException as %e:
//       %ok = False
//       if not %m.__exit__(type(%e), %e, %e.__traceback__): raise
//   finally:
//       if %ok: %m.__exit__(None, None, None)     (also after a return, break or continue)
//
// with contextlib.suppress(A, B): body is try: body / except (A, B): pass
void Lowerer::lower_with(py::handle node, py::list items, size_t first, ir::Block& out) {
    if (first == py::len(items)) return lower_block(node.attr("body"), out);
    py::handle item = items[first];
    py::handle manager = item.attr("context_expr");
    Loc at = loc(manager);
    auto var = [&](int v) {
        auto e = std::make_unique<Expr>(ExprKind::Var, at);
        e->var = v;
        return e;
    };
    if (kind(manager) == Ast::Call) {  // contextlib.suppress(...)
        py::handle f = manager.attr("func");
        std::string name;
        if (kind(f) == Ast::Name && local(py::str(f.attr("id"))) < 0)
            if (const Resolution* r = global(py::str(f.attr("id"))); r && r->kind == Resolution::Builtin) name = r->name;
        if (kind(f) == Ast::Attribute && kind(f.attr("value")) == Ast::Name && local(py::str(f.attr("value").attr("id"))) < 0)
            if (const Resolution* r = global(py::str(f.attr("value").attr("id"))); r && r->kind == Resolution::Module)
                name = r->name + "." + std::string(py::str(f.attr("attr")));
        if (name == "contextlib.suppress") {
            if (!item.attr("optional_vars").is_none())
                error(item.attr("optional_vars"), "'with suppress(...) as name' binds None: compiled code does not support it");
            auto t = std::make_unique<Stmt>(StmtKind::Try, loc(node));
            lower_with(node, items, first + 1, t->body);
            auto h = std::make_unique<Stmt>(StmtKind::Except, at);
            for (py::handle c : manager.attr("args")) {
                std::string k = exception_class(c);
                if (!k.empty()) h->classes.push_back(k);
            }
            if (h->classes.empty()) {  // suppress(): suppresses nothing
                for (ir::StmtP& b : t->body) out.push_back(std::move(b));
                return;
            }
            t->handlers.push_back(std::move(h));
            out.push_back(std::move(t));
            return;
        }
    }
    int m = temp(at), ok = temp(at), caught = temp(at);
    auto assign = [&](int v, ExprP value, ir::Block& to) {
        auto s = std::make_unique<Stmt>(StmtKind::Assign, at);
        s->var = v;
        s->value = std::move(value);
        to.push_back(std::move(s));
    };
    auto method = [&](const char* name, std::vector<ExprP> args) {
        auto e = std::make_unique<Expr>(ExprKind::Method, at);
        e->name = name;
        e->args.push_back(var(m));
        for (ExprP& a : args) e->args.push_back(std::move(a));
        return e;
    };
    auto constant = [&](ExprKind k, std::int64_t v = 0) {
        auto e = std::make_unique<Expr>(k, at);
        e->ival = v;
        return e;
    };
    assign(m, lower_expr(manager), out);
    if (item.attr("optional_vars").is_none()) {
        auto s = std::make_unique<Stmt>(StmtKind::ExprStmt, at);
        s->value = method("__enter__", {});
        out.push_back(std::move(s));
    } else {
        assign_target(item.attr("optional_vars"), method("__enter__", {}), out);
    }
    assign(ok, constant(ExprKind::BoolConst, 1), out);
    auto t = std::make_unique<Stmt>(StmtKind::Try, loc(node));
    lower_with(node, items, first + 1, t->body);
    // the exception: __exit__(type(e), e, e.__traceback__); re-raised unless it returns true
    auto h = std::make_unique<Stmt>(StmtKind::Except, at);
    h->var = caught;
    assign(ok, constant(ExprKind::BoolConst, 0), h->body);
    auto of = [&](ops::Op op) {
        auto e = std::make_unique<Expr>(ExprKind::Intrinsic, at);
        e->operation = op;
        e->args.push_back(var(caught));
        return e;
    };
    std::vector<ExprP> info;
    info.push_back(of(ops::Op::ExcClassOf));
    info.push_back(var(caught));
    info.push_back(of(ops::Op::ExcTraceback));
    auto suppressed = std::make_unique<Expr>(ExprKind::Unary, at);
    suppressed->op = static_cast<int>(ir::UnOp::Not);
    suppressed->args.push_back(method("__exit__", std::move(info)));
    auto test = std::make_unique<Stmt>(StmtKind::If, at);
    test->value = std::move(suppressed);
    test->body.push_back(std::make_unique<Stmt>(StmtKind::Raise, at));
    h->body.push_back(std::move(test));
    t->handlers.push_back(std::move(h));
    // every other way out: __exit__(None, None, None)
    auto normal = std::make_unique<Stmt>(StmtKind::If, at);
    normal->value = var(ok);
    auto exit = std::make_unique<Stmt>(StmtKind::ExprStmt, at);
    std::vector<ExprP> nones;
    for (int i = 0; i < 3; ++i) nones.push_back(constant(ExprKind::NoneConst));
    exit->value = method("__exit__", std::move(nones));
    normal->body.push_back(std::move(exit));
    t->finalbody.push_back(std::move(normal));
    out.push_back(std::move(t));
}

void Lowerer::lower_assert(py::handle node, ir::Block& out) {
    auto s = std::make_unique<Stmt>(StmtKind::Assert, loc(node));
    s->value = lower_expr(node.attr("test"));
    py::handle msg = node.attr("msg");
    if (!msg.is_none()) {
        if (kind(msg) == Ast::Constant && !msg.attr("value").is_none() && !py::isinstance<py::bytes>(msg.attr("value"))) {
            s->message = py::str(msg.attr("value"));
            s->has_message = true;
        } else {
            error(msg, "an assert message must be a constant (str values arrive with containers)");
        }
    }
    out.push_back(std::move(s));
}

}  // namespace pyrite::frontend
