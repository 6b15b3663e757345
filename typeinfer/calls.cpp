// typeinfer: calls of compiled functions (their parameters bound as CPython binds them,
// with CPython's TypeError messages at compile time) and of PYRITE_BUILTINs (the overload
// with the cheapest argument conversions).
#include "solver.hpp"

namespace pyrite::typeinfer::detail {

// Binds positional then keyword arguments to the callee's parameters from the skip-th on, as
// CPython binds them (positional-only ones never by keyword, keyword-only ones only so); reports
// CPython's TypeError messages at compile time. A lambda's captures, its first parameters, are
// not the call's: they are left out of the counts.
bool Solver::bind_args(Expr& e, const std::string& fname, const ir::Function& callee, size_t skip,
                       std::vector<int>& slot_of_param) {
    const size_t hidden = callee.ncaptures;
    std::vector<std::string> names;
    for (size_t i = skip; i < callee.params.size(); ++i) names.push_back(callee.vars[callee.params[i]].name);
    const size_t npositional = names.size() - callee.nkwonly;
    const size_t nposonly = callee.nposonly > skip ? callee.nposonly - skip : 0;
    auto has_default = [&](size_t p) { return callee.defaults[p + skip] != nullptr; };
    size_t npos = e.args.size() - e.kwnames.size();
    slot_of_param.assign(names.size(), -1);
    auto snapshot_passed = [&](const std::string& name) {
        error(e.loc, fname + "() is given '" + name + "', a parameter whose default is not a literal: pyrite takes "
                     "that default where the function is made, as Python evaluates it, and compiles no call that passes "
                     "it (give the function a parameter without such a default)");
        return false;
    };
    for (const std::string& k : e.kwnames)
        if (std::find(callee.snapshots.begin(), callee.snapshots.end(), k) != callee.snapshots.end()) return snapshot_passed(k);
    if (npos > npositional && npos - npositional <= callee.snapshots.size()) return snapshot_passed(callee.snapshots[npos - npositional - 1]);
    if (npos > npositional) {
        size_t takes = npositional - hidden, given = npos - hidden, required = 0;
        while (required < npositional && !has_default(required)) ++required;
        required -= std::min(required, hidden);
        std::string range = required == takes ? std::to_string(takes) : "from " + std::to_string(required) + " to " +
                                                                             std::to_string(takes);
        error(e.loc, fname + "() takes " + range + " positional argument" + (takes == 1 && required == takes ? "" : "s") +
                         " but " + std::to_string(given) + (given == 1 ? " was" : " were") + " given");
        return false;
    }
    for (size_t i = 0; i < npos; ++i) slot_of_param[i] = static_cast<int>(i);
    std::vector<std::string> posonly_by_keyword;
    for (size_t k = 0; k < e.kwnames.size(); ++k) {
        auto it = std::find(names.begin() + static_cast<std::ptrdiff_t>(hidden), names.end(), e.kwnames[k]);
        if (it != names.end() && static_cast<size_t>(it - names.begin()) < nposonly) {
            posonly_by_keyword.push_back(e.kwnames[k]);
            continue;
        }
        if (it == names.end()) {
            error(e.loc, fname + "() got an unexpected keyword argument '" + e.kwnames[k] + "'");
            return false;
        }
        size_t p = it - names.begin();
        if (slot_of_param[p] >= 0) {
            error(e.loc, fname + "() got multiple values for argument '" + e.kwnames[k] + "'");
            return false;
        }
        slot_of_param[p] = static_cast<int>(npos + k);
    }
    auto listed = [](const std::vector<std::string>& xs) {  // 'a', 'a' and 'b', 'a', 'b', and 'c'
        std::string s;
        for (size_t i = 0; i < xs.size(); ++i)
            s += (i == 0 ? "" : xs.size() == 2 ? " and " : i + 1 == xs.size() ? ", and " : ", ") + ("'" + xs[i] + "'");
        return s;
    };
    if (!posonly_by_keyword.empty()) {
        std::string s;
        for (size_t i = 0; i < posonly_by_keyword.size(); ++i) s += (i ? ", " : "") + posonly_by_keyword[i];
        error(e.loc, fname + "() got some positional-only arguments passed as keyword arguments: '" + s + "'");
        return false;
    }
    for (bool keyword_only : {false, true}) {
        std::vector<std::string> missing;
        for (size_t p = keyword_only ? npositional : 0; p < (keyword_only ? names.size() : npositional); ++p)
            if (slot_of_param[p] < 0 && !has_default(p)) missing.push_back(names[p]);
        if (missing.empty()) continue;
        error(e.loc, fname + "() missing " + std::to_string(missing.size()) + " required " +
                         (keyword_only ? "keyword-only" : "positional") + " argument" + (missing.size() == 1 ? "" : "s") +
                         ": " + listed(missing));
        return false;
    }
    return true;
}

const Type* Solver::call_func(Expr& e) {
    const ir::Function& callee = m_.functions[e.callee];
    if (callee.generic) return call_generic(e, e.callee);  // specialize.cpp
    if (callee.specializes >= 0) return call_generic(e, callee.specializes);  // the caller's types may move on
    if (callee.method_of >= 0 && !e.args.empty()) {
        // obj.m() typed when obj was a subclass, whose type has since joined with a sibling's into
        // their base (`for s in shapes()` yielding a Circle, then a Rect): m is looked up again on
        // the base, and called through the instance where a subclass overrides it. A receiver of the
        // method's own class or a subclass (super().m(), Base.m(self)) keeps the method it named.
        std::vector<const Type*> ts;
        for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
        const Type* r = ts[0];
        const Type* owner = m_.classes[callee.method_of].type;
        if (r && r->is(TypeKind::Object) && owner && !r->derives_from(owner)) {
            std::string name = callee.qualname.substr(callee.qualname.rfind('.') + 1);
            int m = m_.method(r->cls, name);
            if (m >= 0 && m != e.callee && m_.functions[m].method_of >= 0) {
                e.callee = m;
                e.name = m_.functions[m].qualname;
                e.dispatch = m_.overridden(r->cls, name);
                changed_ = true;
            }
        }
        return call_params(e, m_.functions[e.callee], 0, ts);
    }
    return call_params(e, m_.functions[e.callee], 0);
}

// The call of `callee` with e's arguments bound to its parameters from the skip-th on
// (a constructor's arguments go to __init__'s after self); ts: the arguments' types when
// the caller typed them already
const Type* Solver::call_params(Expr& e, ir::Function& callee, size_t skip, std::vector<const Type*> ts) {
    if (ts.empty())
        for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    // a callee the frontend refused (a generator, *args): its own diagnostics are the root
    // cause; what its result would be is unknown, not None, so nothing follows from it here
    if (callee.lower_errors) {
        follows_refused_.insert(f_);  // its unknowns follow from there too: not reported again
        return Unknown;
    }
    std::vector<std::string> names;
    for (size_t i = skip; i < callee.params.size(); ++i) names.push_back(callee.vars[callee.params[i]].name);
    std::string fname = skip ? callee.qualname.substr(0, callee.qualname.rfind('.')) : callee.pyname;
    fname = fname.substr(fname.rfind('.') + 1);
    if (!skip && callee.pyname == "__new__") {  // a NamedTuple's: Point.__new__() missing 1 required ... argument
        std::string cls = callee.qualname.substr(0, callee.qualname.rfind('.'));
        fname = cls.substr(cls.rfind('.') + 1) + ".__new__";
    }
    std::vector<int> slots;
    if (!bind_args(e, fname, callee, skip, slots)) return Unknown;
    for (size_t p = 0; p < names.size(); ++p) {
        if (slots[p] < 0) continue;
        const Type* t = ts[slots[p]];
        ir::Var& param = callee.vars[callee.params[p + skip]];
        // memo=None typed by its body (declares): what the body made it, dict[int, int] | None
        const Type* want = declares(param) || !param.declared ? param.declared : param.type;
        if (want && want->is_pattern()) {
            // a helper's NDArray parameter: the type its callers pass, one for all of them
            // (pyrite compiles one version of a helper)
            if (!known(t)) continue;
            const Type* joined = join(want, t) ? join(param.type, t) : nullptr;
            if (!join(want, t))
                error(e.args[slots[p]]->loc, fname + "() argument '" + names[p] + "' must be " +
                                                 quoted(want) + ", not " + quoted(t));
            else if (!joined)
                error(e.args[slots[p]]->loc, fname + "() argument '" + names[p] + "' is " + quoted(t) +
                                                 " here but " + quoted(param.type) +
                                                 " in another call: pyrite compiles one version of a helper");
            else if (joined != param.type) {
                param.type = joined;
                changed_ = true;
            }
            continue;
        }
        if (param.from_calls) {  // an unannotated parameter of a method: what the calls pass
            if (known(t)) join_param(callee, p + skip, t, e.args[slots[p]]->loc);
            continue;
        }
        if (known(t) && want && conversion_cost(t, want) < 0)
            error(e.args[slots[p]]->loc, fname + "() argument '" + names[p] + "' must be " +
                                             quoted(want) + ", not " + quoted(t));
        else if (known(t) && want && t->enum_mixin() && want != t && !m_.classes[t->cls].text_is_value)
            // the parameter would hold the member in CPython, which prints as Prio.HIGH, not as its value
            error(e.args[slots[p]]->loc, fname + "() argument '" + names[p] + "' is declared " + quoted(want) +
                                             ": a " + quoted(t) + " member would print as its value there in compiled "
                                             "code, as " + py_name(t) + ".NAME in CPython (pass its .value)");
        else if (known(t) && want && t->enum_mixin() && want != t)  // an IntEnum's member as an int: its value
            as_value(*e.args[slots[p]]);
        if (want) refine(*e.args[slots[p]], want);
    }
    return callee.ret ? callee.ret : Unknown;
}

// t, passed (or the default) for parameter k of a method whose parameter is unannotated: the
// parameter's type joins it, in the method and in every method of that name it overrides or that
// overrides it (a call through the base runs any of them, with the same C++ types)
void Solver::join_param(ir::Function& callee, size_t k, const Type* t, Loc at) {
    std::vector<ir::Function*> family{&callee};
    std::string name = callee.qualname.substr(callee.qualname.rfind('.') + 1);
    if (callee.method_of >= 0 && name != "__init__") {
        int root = callee.method_of;  // the topmost class defining it
        for (int c = m_.classes[root].base; c >= 0; c = m_.classes[c].base)
            if (m_.classes[c].method(name) >= 0) root = c;
        std::vector<int> methods = m_.overriding(root, name);
        methods.push_back(m_.classes[root].method(name));
        for (int f : methods)
            if (&m_.functions[f] != &callee) family.push_back(&m_.functions[f]);
    }
    for (ir::Function* f : family) {
        if (k >= f->params.size()) continue;
        ir::Var& param = f->vars[f->params[k]];
        if (!param.from_calls) continue;
        const Type* joined = param.type && param.type != Unknown ? join_value(param.type, t) : t;
        if (!joined) {
            error(at, "argument '" + param.name + "' of '" + f->qualname + "' is " + quoted(t) + " here but " +
                          quoted(param.type) + " in another call: annotate the parameter");
            return;
        }
        if (joined != param.type) {
            param.type = joined;
            changed_ = true;
        }
    }
}

// A PYRITE_BUILTIN call: `name` is its table name (a str method s.upper() is "str.upper",
// called with the string first; the normalize pass makes it a CallBuiltin).
const Type* Solver::call_builtin(Expr& e, const std::string& name) {
    std::vector<const Type*> ts;
    bool all_known = true;
    for (ir::ExprP& a : e.args) {
        ts.push_back(type_expr(*a));
        all_known &= known(ts.back());
    }
    if (name == "format" && !e.args.empty() && ts[0] && ts[0]->is(TypeKind::Enum) && !m_.classes[ts[0]->cls].text_is_value) {
        // format(c, spec) of an Enum's member formats str(c) (Enum.__format__); an IntEnum's, its value
        auto text = std::make_unique<Expr>(ExprKind::Intrinsic, e.args[0]->loc);
        text->operation = ops::Op::StrOf;
        text->args.push_back(std::move(e.args[0]));
        e.args[0] = std::move(text);
        ts[0] = type_expr(*e.args[0]);
    }
    if (name == "abs" && e.args.size() == 1 && e.kwnames.empty() && ts[0] &&
        (ts[0]->is(TypeKind::Array) || ts[0]->is(TypeKind::Scalar))) {
        // abs(a) of an array or a NumPy number is NumPy's __abs__: np.absolute, its dtype kept
        e.kind = ExprKind::Intrinsic;
        e.operation = ops::Op::NpAbsolute;
        e.name.clear();
        return type_expr(e);
    }
    // abs(v), round(v[, n]), float(v), int(v), complex(v), bool(v), format(v, spec) of an instance: its
    // class's dunder, as CPython's builtins call it (int(): __int__, else __index__)
    if (e.kwnames.empty() && !e.args.empty() && ts[0] && ts[0]->is(TypeKind::Object)) {
        struct Protocol {
            const char* builtin;
            size_t most;  // arguments
            const char* dunder;
            const char* what;
        };
        const Protocol protocols[] = {  // not static: int()'s dunder depends on the class
            {"abs", 1, "__abs__", "is a bad operand type for abs()"}, {"round", 2, "__round__", "cannot be rounded"},
            {"float", 1, "__float__", "cannot be converted to float"}, {"complex", 1, "__complex__", "cannot be converted to complex"},
            {"bool", 1, "__bool__", "has no __bool__"}, {"format", 2, "__format__", "has no __format__"},
            {"int", 1, m_.method(ts[0]->cls, "__int__") < 0 && m_.method(ts[0]->cls, "__index__") >= 0 ? "__index__" : "__int__",
             "cannot be converted to int"}};
        for (const Protocol& p : protocols)
            if (name == p.builtin && e.args.size() <= p.most && (m_.method(ts[0]->cls, p.dunder) >= 0 || name == "abs" || name == "round"))
                return object_protocol(e, p.dunder, p.what);
        // bool(obj) of a class without __bool__: its truth, as `not not obj` (its __len__, else True);
        // format(obj) and format(obj, "") without __format__: object.__format__'s str(obj)
        bool no_spec = e.args.size() == 1 || (e.args.size() == 2 && e.args[1]->kind == ExprKind::StrConst && e.args[1]->name.empty());
        if (name == "format" && no_spec) {
            e.args.resize(1);
            e.kind = ExprKind::Intrinsic;
            e.operation = Op::StrOf;
            e.name.clear();
            return type_expr(e);
        }
        if (name == "bool" && e.args.size() == 1) {
            auto inner = std::make_unique<Expr>(ExprKind::Unary, e.loc);
            inner->op = static_cast<int>(ir::UnOp::Not);
            inner->args.push_back(std::move(e.args[0]));
            e.args[0] = std::move(inner);
            e.kind = ExprKind::Unary;
            e.op = static_cast<int>(ir::UnOp::Not);
            e.name.clear();
            return type_expr(e);
        }
    }
    const std::vector<BuiltinOverload>* overloads = table_.find(name);
    if (!overloads && e.kind == ExprKind::Method) {
        error(e.loc, "'" + name.substr(0, name.rfind('.')) + "' object has no attribute '" + e.name + "' that pyrite supports");
        return Unknown;
    }
    const std::string star = "(*)";  // f(*xs) of a builtin (frontend's lower_call_args)
    if (!overloads && name.size() > star.size() && name.compare(name.size() - star.size(), star.size(), star) == 0) {
        error(e.loc, "*args in calls of " + name.substr(0, name.size() - star.size()) + "() are not supported by pyrite yet");
        return Unknown;
    }
    if (!overloads) {
        bool dotted = name.find('.') != std::string::npos;
        error(e.loc, dotted ? "'" + name + "' is not supported by pyrite"
                            : "builtin '" + name + "()' is not supported by pyrite yet");
        return Unknown;
    }
    size_t npos = e.args.size() - e.kwnames.size();
    // key=lambda x: ... (bisect, heapq.nsmallest): x is an item of the first list argument, and the
    // lambda's Function type binds the overload's Key parameter (a C++ callable)
    for (size_t k = 0; k < e.kwnames.size(); ++k) {
        if (e.kwnames[k] != "key" || e.args[npos + k]->kind != ExprKind::Lambda) continue;
        const Type* item = Unknown;
        for (size_t i = 0; i < npos && item == Unknown; ++i)
            if (ts[i] && (is_list(ts[i]) || is_deque(ts[i]))) item = known(ts[i]) ? ts[i]->elem() : Unknown;
        if (item == Unknown) return Unknown;
        ts[npos + k] = key_function(*e.args[npos + k], item);
        if (ts[npos + k] == Unknown) return Unknown;
    }
    // which argument goes to each parameter of o (-1: its default), or false where they do not fit
    auto place = [&](const BuiltinOverload& o, std::vector<int>& slot) {
        if (npos > o.params.size()) return false;
        slot.assign(o.params.size(), -1);
        for (size_t i = 0; i < npos; ++i) slot[i] = static_cast<int>(i);
        for (size_t k = 0; k < e.kwnames.size(); ++k) {
            size_t p = 0;
            while (p < o.params.size() && o.params[p].name != e.kwnames[k]) ++p;
            if (p == o.params.size() || slot[p] >= 0) return false;
            slot[p] = static_cast<int>(npos + k);
        }
        for (size_t p = 0; p < o.params.size(); ++p)
            if (slot[p] < 0 && o.params[p].default_cxx.empty()) return false;
        return true;
    };
    // a generic overload at this call: its type variables bound from the arguments, containers
    // first (heappush(h, 1) on a list[float] is heappush[float]), then the bare variables
    auto instantiate = [&](const BuiltinOverload& o, const std::vector<int>& slot) {
        TypeBindings b;
        for (int pass = 0; pass < 2; ++pass)
            for (size_t p = 0; p < o.params.size(); ++p)
                if (slot[p] >= 0 && o.params[p].type->is_type_var() == (pass == 1)) bind(o.params[p].type, ts[slot[p]], b);
        return table_.instance(o, b);
    };
    // the overloads at this call: one taking *args has as many parameters as there are arguments
    std::vector<const BuiltinOverload*> candidates;
    for (const BuiltinOverload& o : *overloads) {
        bool variadic = !o.params.empty() && o.params.back().variadic;
        if (const BuiltinOverload* c = variadic ? table_.expanded(o, npos) : &o) candidates.push_back(c);
    }
    if (!all_known) {
        // a container argument whose items are not known yet (xs = [] then heappush(xs, 1.5))
        // learns them from the other arguments of the one generic overload that fits
        std::vector<int> slot;
        for (const BuiltinOverload* op : candidates) {
            const BuiltinOverload& o = *op;
            const BuiltinOverload* inst = o.generic && place(o, slot) ? instantiate(o, slot) : nullptr;
            if (!inst) continue;
            for (size_t p = 0; p < o.params.size(); ++p)
                if (slot[p] >= 0 && !known(ts[slot[p]]) && learns(*e.args[slot[p]]) && join(ts[slot[p]], inst->params[p].type))
                    learn_into(*e.args[slot[p]], inst->params[p].type, e.loc);
        }
        return Unknown;
    }
    // the overload with the cheapest argument conversions; the first on ties
    const BuiltinOverload* best = nullptr;
    std::vector<int> best_slot;
    int best_cost = 1 << 30;
    for (const BuiltinOverload* candidate : candidates) {
        const BuiltinOverload& generic_or_not = *candidate;
        std::vector<int> slot;
        if (!place(generic_or_not, slot)) continue;
        const BuiltinOverload* o = generic_or_not.generic ? instantiate(generic_or_not, slot) : &generic_or_not;
        if (!o) continue;
        bool ok = true;
        int cost = 0;
        for (size_t p = 0; p < o->params.size() && ok; ++p) {
            if (slot[p] < 0) continue;
            int c = conversion_cost(ts[slot[p]], o->params[p].type);
            if (c < 0) ok = false;
            cost += c;
        }
        if (ok && cost < best_cost) {
            best = o;
            best_slot = slot;
            best_cost = cost;
        }
    }
    if (!best) {
        // a tuple, a str or a generator where math's, statistics', Counter's functions and dict.fromkeys take a list
        // (math.dist(p, q) of two points, math.prod((2, 3)), Counter.update("abc"), statistics.mean(x
        // for x in xs)): the list of its items, as those functions read any iterable (CPython's
        // list(data)). Not elsewhere: random.shuffle, heapq.heapify or bisect.insort of a tuple is
        // CPython's error, which a list made here would hide
        bool wrapped = false;
        bool iterables = name.rfind("math.", 0) == 0 || name.rfind("statistics.", 0) == 0 ||
                         name.rfind("collections.Counter.", 0) == 0 || name == "dict.fromkeys";
        for (size_t i = 0; i < npos && iterables; ++i) {
            const Type* t = ts[i];
            if (!t->is(TypeKind::Tuple) && !t->is(TypeKind::TupleOf) && !t->is(TypeKind::Str) && !t->is(TypeKind::Iterator))
                continue;
            bool takes_list = false;
            for (const BuiltinOverload* c : candidates)
                takes_list = takes_list || (i < c->params.size() && c->params[i].type->is(TypeKind::List));
            if (!takes_list) continue;
            auto items = std::make_unique<Expr>(ExprKind::Intrinsic, e.args[i]->loc);
            items->operation = Op::ListOf;
            items->name = "list";
            items->args.push_back(std::move(e.args[i]));
            e.args[i] = std::move(items);
            wrapped = true;
        }
        if (wrapped) return call_builtin(e, name);  // once: those arguments are lists now
        std::string got;
        for (size_t i = 0; i < ts.size(); ++i) {
            if (i) got += ", ";
            if (i >= npos) got += e.kwnames[i - npos] + "=";
            got += ts[i]->str();
        }
        std::string msg = "no version of " + name + "() takes (" + got + "); pyrite has:";
        for (const BuiltinOverload& o : *overloads) msg += "\n    " + o.signature();
        error(e.loc, msg);
        return Unknown;
    }
    // a key function's result compared with an x that is not an item (bisect(a, x, key=f), where
    // insort's x is an item, whose key is taken)
    const BuiltinParam *x = nullptr, *key = nullptr, *items = nullptr;
    for (const BuiltinParam& p : best->params) {
        if (p.name == "x") x = &p;
        if (p.name == "key") key = &p;
        if (!items && p.type->is(TypeKind::List)) items = &p;
    }
    if (x && key && items && x->type != items->type->elem() && x->type != key->type &&
        !(x->type->is_numeric() && key->type->is_numeric())) {
        error(e.loc, "'<' not supported between instances of '" + py_name(x->type) + "' and '" + py_name(key->type) +
                         "': " + name + "() with key= compares x with the keys");
        return Unknown;
    }
    if (best->orders)  // heapq, bisect: their lists' items compared with <
        for (const BuiltinParam& p : best->params)
            if (p.type->is(TypeKind::List) && !orderable(p.type->elem())) {
                error(e.loc, unordered(p.type->elem(), name + "()"));
                return Unknown;
            }
    for (size_t p = 0; p < best->params.size(); ++p)  // an IntEnum's member passed as an int: its value
        if (best_slot[p] >= 0 && ts[best_slot[p]]->enum_mixin() && ts[best_slot[p]] != best->params[p].type)
            as_value(*e.args[best_slot[p]]);
    e.overload = best;
    return best->ret;
}

}  // namespace pyrite::typeinfer::detail
