// frontend: the match statement (PEP 634) as an if/elif chain over its subject, held once:
//
//   match p:                        %$match = p
//       case (0, y) if y > 0: A     if isinstance(%$match, (list, tuple)) and len(%$match) == 2 and %$match[0] == 0
//                                           and (block { %y = %$match[1]; True }) and y > 0: A
//       case Point(x=x): B          elif isinstance(%$match, Point) and (block { %x = %$match.x; True }): B
//       case _: C                   else: C
//
// A case's structural tests come first, then its captures (bound before its guard, as CPython
// binds them), then its guard; the first case that matches runs. The tests are CPython's: a
// sequence pattern matches a list or tuple (never a str), `case None/True/False` compares by
// identity, a class pattern is isinstance() and its attributes (positional ones by the class's
// __match_args__; int(x), str(x) ... match the subject itself). Each case's If is a pattern_case:
// typeinfer drops its body where a test is statically false (a pattern of another length than a
// fixed tuple's, a class the subject's type cannot be), so such a case is never typed.
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

struct Lowerer::PatternParts {
    std::vector<ExprP> tests;                               // in order, all must hold
    std::vector<std::pair<std::string, py::object>> binds;  // name -> the subject's part it captures
};

namespace {

py::handle ast_module() {
    static py::handle m = py::module_::import("ast").release();  // never freed: not after Python finalizes
    return m;
}

// a node made at `where` (its location, and its children's)
py::object at(py::object node, py::handle where) {
    ast_module().attr("copy_location")(node, where);
    ast_module().attr("fix_missing_locations")(node);
    return node;
}

py::object load(const std::string& id) { return ast_module().attr("Name")(id, ast_module().attr("Load")()); }

py::object constant(py::object v) { return ast_module().attr("Constant")(v); }

py::object compare(py::object left, const char* op, py::object right) {
    py::list ops, comparators;
    ops.append(ast_module().attr(op)());
    comparators.append(right);
    return ast_module().attr("Compare")(left, ops, comparators);
}

py::object call(const std::string& fn, std::vector<py::object> args) {
    py::list a;
    for (py::object& x : args) a.append(x);
    return ast_module().attr("Call")(load(fn), a, py::list());
}

py::object item(py::object seq, py::object index) { return ast_module().attr("Subscript")(seq, index, ast_module().attr("Load")()); }

// the builtin classes whose class pattern's one positional sub-pattern matches the subject itself
bool self_matching(const std::string& name) {
    static const std::set<std::string> names = {"bool", "bytearray", "bytes", "dict", "float", "frozenset",
                                                "int", "list", "set", "str", "tuple"};
    return names.count(name) > 0;
}

}  // namespace

py::object Lowerer::pattern(py::handle p, const py::object& access, PatternParts& out) {
    auto test = [&](py::object node) { out.tests.push_back(lower_expr(at(node, p))); };
    switch (kind(p)) {
        case Ast::MatchValue: test(compare(access, "Eq", py::reinterpret_borrow<py::object>(p.attr("value")))); return access;
        case Ast::MatchSingleton: {
            py::object v = p.attr("value");
            if (v.is_none()) {
                test(compare(access, "Is", constant(v)));
                return access;
            }
            // case True: the subject is True itself (1 is not), so a bool equal to it
            test(call("$isinstance", {access, load("$bool")}));
            test(compare(access, "Eq", constant(v)));
            return access;
        }
        case Ast::MatchAs: {  // case Circle() as c: c is the subject as a Circle
            py::object matched = p.attr("pattern").is_none() ? access : pattern(p.attr("pattern"), access, out);
            if (!p.attr("name").is_none()) out.binds.emplace_back(py::str(p.attr("name")), matched);
            return matched;
        }
        case Ast::MatchOr: {
            auto any = std::make_unique<Expr>(ExprKind::BoolOp, loc(p));
            any->op = static_cast<int>(ir::BoolOpKind::Or);
            for (py::handle alt : p.attr("patterns")) {
                PatternParts one;
                pattern(alt, access, one);
                // case [x] | (x, _): each alternative binds its captures itself, once it matched
                for (auto& [name, part] : one.binds) one.tests.push_back(capture(name, part, loc(alt)));
                if (one.tests.empty()) {  // an alternative that always matches
                    auto yes = std::make_unique<Expr>(ExprKind::BoolConst, loc(alt));
                    yes->ival = 1;
                    one.tests.push_back(std::move(yes));
                }
                if (one.tests.size() == 1) {
                    any->args.push_back(std::move(one.tests[0]));
                    continue;
                }
                auto all = std::make_unique<Expr>(ExprKind::BoolOp, loc(alt));
                all->op = static_cast<int>(ir::BoolOpKind::And);
                for (ExprP& t : one.tests) all->args.push_back(std::move(t));
                any->args.push_back(std::move(all));
            }
            out.tests.push_back(std::move(any));
            return access;
        }
        case Ast::MatchSequence: {
            py::list items = p.attr("patterns");
            int n = static_cast<int>(py::len(items)), star = -1;
            for (int i = 0; i < n; ++i)
                if (kind(items[i]) == Ast::MatchStar) star = i;
            py::tuple kinds = py::make_tuple(load("$list"), load("$tuple"));
            test(call("$isinstance", {access, ast_module().attr("Tuple")(py::list(kinds), ast_module().attr("Load")())}));
            out.tests.back()->sequence_pattern = true;  // a deque or a range matches too (typeinfer)
            py::object length = call("$len", {access});
            test(star < 0 ? compare(length, "Eq", constant(py::int_(n))) : compare(length, "GtE", constant(py::int_(n - 1))));
            for (int i = 0; i < n; ++i) {
                if (i == star) {
                    if (items[i].attr("name").is_none()) continue;
                    int after = n - star - 1;  // *rest: a list of the items between
                    py::object stop = after ? constant(py::int_(-after)) : py::none();
                    py::object part = item(access, ast_module().attr("Slice")(constant(py::int_(star)), stop, py::none()));
                    // a deque, which has no slices, and a range give their items so too (typeinfer, codegen)
                    py::setattr(part, "pyrite_star", py::bool_(true));
                    out.binds.emplace_back(py::str(items[i].attr("name")), at(call("$list", {part}), items[i]));
                    continue;
                }
                int index = star >= 0 && i > star ? i - n : i;  // after a star: from the end
                pattern(items[i], at(item(access, constant(py::int_(index))), items[i]), out);
            }
            return access;
        }
        case Ast::MatchMapping: {
            test(call("$isinstance", {access, load("$dict")}));
            py::list keys = p.attr("keys"), values = p.attr("patterns");
            for (size_t i = 0; i < py::len(keys); ++i) {
                py::object key = keys[i];
                test(compare(key, "In", access));
                pattern(values[i], at(item(access, key), values[i]), out);
            }
            if (!p.attr("rest").is_none()) {  // **rest: {k: v for k, v in subject.items() if k not in (keys)}, a dict
                py::handle A = ast_module();
                py::object k = load("$k"), v = load("$v");
                py::list pair;
                pair.append(A.attr("Name")("$k", A.attr("Store")()));
                pair.append(A.attr("Name")("$v", A.attr("Store")()));
                py::object items = A.attr("Call")(A.attr("Attribute")(access, "items", A.attr("Load")()), py::list(), py::list());
                py::list ifs;
                ifs.append(compare(k, "NotIn", A.attr("Tuple")(keys, A.attr("Load")())));
                py::list gens;
                gens.append(A.attr("comprehension")(A.attr("Tuple")(pair, A.attr("Store")()), items, ifs, 0));
                out.binds.emplace_back(py::str(p.attr("rest")), at(A.attr("DictComp")(k, v, gens), p));
            }
            return access;
        }
        case Ast::MatchClass: {
            py::object cls = p.attr("cls");
            test(call("$isinstance", {access, cls}));
            py::list positional = p.attr("patterns");
            std::string name = kind(cls) == Ast::Name ? std::string(py::str(cls.attr("id"))) : "";
            const Resolution* r = name.empty() ? nullptr : global(name);
            py::object subject = access;
            if (r && r->kind == Resolution::Class) {
                // the subject as an instance of the class, whose attributes the sub-patterns read:
                // (block %t { %$caseN = (intrinsic downcast <access>); %t = True }) (a Shape is a Circle here)
                std::string as = "$case" + std::to_string(ntemps_++);
                locals_[as] = fn_->add_var(as, loc(p));
                ExprP bind = new_block(loc(p));
                auto s = std::make_unique<Stmt>(StmtKind::Assign, loc(p));
                s->var = locals_[as];
                s->value = std::make_unique<Expr>(ExprKind::Intrinsic, loc(p));
                s->value->operation = ops::Op::Downcast;
                s->value->callee = r->func;
                s->value->args.push_back(lower_expr(access));
                bind->body->push_back(std::move(s));
                auto yes = std::make_unique<Expr>(ExprKind::BoolConst, loc(p));
                yes->ival = 1;
                out.tests.push_back(block_result(std::move(bind), std::move(yes)));
                subject = at(load(as), p);
            }
            if (py::len(positional) > 0) {
                if (r && r->kind == Resolution::Builtin && self_matching(r->name)) {
                    if (py::len(positional) > 1) {
                        error(p, r->name + "() accepts 1 positional sub-pattern (" + std::to_string(py::len(positional)) + " given)");
                        return access;
                    }
                    pattern(positional[0], access, out);  // int(x): the subject itself
                } else {
                    const ClassInput* c = r && r->kind == Resolution::Class && class_inputs_ ? &(*class_inputs_)[r->func] : nullptr;
                    if (!c || !c->has_match_args || c->match_args.size() < py::len(positional)) {
                        size_t has = c && c->has_match_args ? c->match_args.size() : 0;
                        error(p, (name.empty() ? std::string("the class") : name + "()") + " accepts " + std::to_string(has) +
                                     " positional sub-pattern" + (has == 1 ? "" : "s") + " (" +
                                     std::to_string(py::len(positional)) + " given): give the class __match_args__, or "
                                     "match attributes by name");
                        return access;
                    }
                    for (size_t i = 0; i < py::len(positional); ++i)
                        pattern(positional[i],
                                at(ast_module().attr("Attribute")(subject, c->match_args[i], ast_module().attr("Load")()), positional[i]),
                                out);
                }
            }
            py::list attrs = p.attr("kwd_attrs"), subs = p.attr("kwd_patterns");
            for (size_t i = 0; i < py::len(attrs); ++i)
                pattern(subs[i], at(ast_module().attr("Attribute")(subject, attrs[i], ast_module().attr("Load")()), subs[i]), out);
            return subject;
        }
        default: error(p, "this pattern is not supported by pyrite yet"); return access;
    }
}

// a capture: (block %t { %name = part; %t = True }), a test that binds and holds
ExprP Lowerer::capture(const std::string& name, const py::object& part, Loc at) {
    ExprP bind = new_block(at);
    auto s = std::make_unique<Stmt>(StmtKind::Assign, at);
    s->var = local(name);
    s->value = lower_expr(part);
    bind->body->push_back(std::move(s));
    auto yes = std::make_unique<Expr>(ExprKind::BoolConst, at);
    yes->ival = 1;
    return block_result(std::move(bind), std::move(yes));
}

void Lowerer::lower_match(py::handle node, ir::Block& out) {
    Loc l = loc(node);
    std::string subject = "$match" + std::to_string(ntemps_++);
    locals_[subject] = fn_->add_var(subject, l);
    auto held = std::make_unique<Stmt>(StmtKind::Assign, l);
    held->var = locals_[subject];
    held->value = lower_expr(node.attr("subject"));
    out.push_back(std::move(held));
    ir::Block* rest = &out;
    for (py::handle c : node.attr("cases")) {
        PatternParts parts;
        py::object access = at(load(subject), c.attr("pattern"));
        pattern(c.attr("pattern"), access, parts);
        std::vector<ExprP> all = std::move(parts.tests);
        for (auto& [name, part] : parts.binds) all.push_back(capture(name, part, loc(c.attr("pattern"))));
        if (!c.attr("guard").is_none()) all.push_back(lower_expr(c.attr("guard")));
        if (all.empty()) {  // case _: (CPython makes it the last case)
            lower_block(c.attr("body"), *rest);
            return;
        }
        auto s = std::make_unique<Stmt>(StmtKind::If, loc(c.attr("pattern")));
        s->pattern_case = true;
        if (all.size() == 1) {
            s->value = std::move(all[0]);
        } else {
            s->value = std::make_unique<Expr>(ExprKind::BoolOp, s->loc);
            s->value->op = static_cast<int>(ir::BoolOpKind::And);
            for (ExprP& t : all) s->value->args.push_back(std::move(t));
        }
        lower_block(c.attr("body"), s->body);
        rest->push_back(std::move(s));
        rest = &rest->back()->orelse;
    }
}

}  // namespace pyrite::frontend
