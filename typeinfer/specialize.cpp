// typeinfer: helpers whose parameters are not all annotated, compiled once per tuple of
// argument types their calls pass, as Pythran and Numba specialize them.
//
// The frontend marks such a function generic (ir::Function::generic). It is never typed or
// printed itself. A call of it, once its arguments' types are known, names a version: a copy
// of the generic function whose unannotated parameters start with those types and are then
// inferred like any local (an annotated parameter stays a contract, checked at the call as
// for any compiled function). Versions are keyed by (helper, types), so `clamp(i, 0, n)` and
// `clamp(x, 0.0, 1.0)` make two and recursion (`fib(n - 1)` inside fib's int version) finds
// the version it is in. Copies are made between rounds of the solver (the module's function
// vector grows); a call's callee is rewritten to its version, and re-keyed each round, since
// a caller's types only move up: a version keyed on `list[?]` (`xs = []; fill(xs)`) teaches
// the caller's variable what the helper appends, after which the call names the `list[int]`
// version and the first one, called by nobody, is dropped before reporting.
#include "solver.hpp"

namespace pyrite::typeinfer::detail {

namespace {
constexpr size_t kMaxVersions = 16;  // per helper: a call chain that makes new types forever stops here

std::string signature(const ir::Function& g, const std::vector<const Type*>& types) {
    std::string s = "(";
    for (size_t p = 0; p < g.params.size(); ++p)
        s += (p ? ", " : "") + g.vars[g.params[p]].name + ": " + types[p]->str();
    return s.size() > 160 ? s.substr(0, 156) + "...)" : s + ")";  // a type nested without end
}
}  // namespace

const Type* Solver::call_generic(Expr& e, int generic) {
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    const ir::Function& g = m_.functions[generic];
    if (g.lower_errors) {  // its own diagnostics are the root cause
        follows_refused_.insert(f_);
        return Unknown;
    }
    std::vector<int> slots;
    if (!bind_args(e, g.pyname, g, 0, slots)) return Unknown;
    std::vector<const Type*> key;
    for (size_t p = 0; p < g.params.size(); ++p) {
        const Type* declared = g.vars[g.params[p]].declared;
        if (declared) {  // a contract: call_params checks the argument against it
            key.push_back(declared);
            continue;
        }
        const Type* t = slots[p] >= 0 ? ts[slots[p]] : type_expr(*g.defaults[p]);
        if (!t || t == Unknown) {
            // an argument whose type nothing tells: a variable is reported where it is assigned
            if (slots[p] >= 0 && e.args[slots[p]]->kind != ExprKind::Var)
                error(e.args[slots[p]]->loc, "cannot infer the type of this argument, so pyrite cannot choose the "
                                             "version of '" + g.pyname + "' to compile for it (its parameter '" +
                                             g.vars[g.params[p]].name + "' has no annotation): annotate a variable with its type");
            return Unknown;
        }
        key.push_back(t);
    }
    auto found = versions_.find({generic, key});
    if (found == versions_.end()) {
        size_t count = 0;
        for (const auto& [k, index] : versions_) count += k.first == generic;
        for (const Version& v : pending_) {
            if (v.generic == generic && v.types == key) return Unknown;  // asked for already this round
            count += v.generic == generic;
        }
        if (count >= kMaxVersions) {
            error(e.loc, "'" + g.pyname + "' would be compiled in more than " + std::to_string(kMaxVersions) +
                             " versions, one per tuple of argument types, and this call asks for another " +
                             signature(g, key) + ": annotate its parameters");
            return Unknown;
        }
        pending_.push_back(Version{generic, key, f_->file, e.loc});
        changed_ = true;
        return Unknown;
    }
    if (m_.functions[found->second].lower_errors) {  // the version's own errors are the root cause
        follows_refused_.insert(f_);
        return Unknown;
    }
    if (e.callee != found->second) {
        e.callee = found->second;
        changed_ = true;
    }
    ir::Function& version = m_.functions[e.callee];
    // what the version learned of a container passed to it flows back to the caller's variable
    for (size_t p = 0; p < g.params.size(); ++p) {
        const Type* learned = version.vars[version.params[p]].type;
        if (slots[p] < 0 || g.vars[g.params[p]].declared || learned == key[p] || join(key[p], learned) != learned) continue;
        Expr& arg = *e.args[slots[p]];
        if (arg.kind == ExprKind::Var) join_var(arg.var, learned, arg.loc);
        // inorder(root, []): an empty display takes what the version stores into it
        if ((arg.kind == ExprKind::List || arg.kind == ExprKind::DictDisplay || arg.kind == ExprKind::SetDisplay) &&
            arg.args.empty()) {
            const Type* before = arg.type;
            refine(arg, learned);
            changed_ = changed_ || arg.type != before;
        }
    }
    return call_params(e, version, 0, ts);
}

// A function as a value: its type names it, with the types of what it captured
const Type* Solver::function_value(Expr& e) {
    std::vector<const Type*> captures;
    bool all_known = true;
    for (ir::ExprP& a : e.args) {
        captures.push_back(type_expr(*a));
        if (!captures.back() || captures.back() == Unknown) return Unknown;
        all_known = all_known && known(captures.back());
    }
    // what a version assigns to a variable it rebinds (nonlocal) flows back to the variable: `best = None`
    // here and `best = d` there make it an int | None in both; what it stores into a container it
    // captured (items.append(x) of items = []) tells the container's items
    for (auto& [key, index] : versions_) {
        if (key.first != e.callee) continue;
        const ir::Function& version = m_.functions[index];
        for (size_t k = 0; k < captures.size() && k < version.params.size(); ++k) {
            const Type* learned = version.vars[version.params[k]].type;
            if (((e.index >> k & 1) || !known(captures[k])) && e.args[k]->kind == ExprKind::Var && known(learned) &&
                learned != captures[k] && key.second[k] == captures[k] && join(captures[k], learned) == learned)
                join_var(e.args[k]->var, learned, e.args[k]->loc);
        }
    }
    if (!all_known) {
        // a container it captured still learning its items (memo = {} then memo[k] = ... in the nested
        // def): typed as a version if nothing calls it; a call of it makes a version that learns them
        // (above), whose captures this value then has
        value_version(e, captures);
    }
    return Type::function(e.callee, m_.functions[e.callee].pyname, captures, static_cast<unsigned>(e.index));
}

// A function value whose captured container's items only its own body tells (items = [] in the
// maker, items.append(x) in the nested def returned to Python, which compiled code never calls): a
// version for what it captured and its annotated parameters, which learns them (unused as code)
void Solver::value_version(const Expr& e, const std::vector<const Type*>& captures) {
    const ir::Function& g = m_.functions[e.callee];
    if (!g.generic || g.lower_errors) return;
    std::vector<const Type*> key = captures;
    for (size_t p = captures.size(); p < g.params.size(); ++p) {
        const Type* declared = g.vars[g.params[p]].declared;
        if (!declared) return;  // a parameter only a call could type
        key.push_back(declared);
    }
    if (versions_.count({e.callee, key})) return;
    for (const Version& v : pending_)
        if (v.generic == e.callee && v.types == key) return;
    pending_.push_back(Version{e.callee, key, f_->file, e.loc});
    changed_ = true;
}

// f(x) where f is a function value: the call of its function (the version for these arguments,
// when it is generic), its captured values passed first. A value held in a variable may hold one of
// several functions (its type Functions, or one that becomes so in a later round): a CallEach, one
// call per function; settle_calls_of_values makes one alone the call itself once types are final.
const Type* Solver::call_value(Expr& e) {
    if (e.field_call) {  // obj.NAME(...) (frontend's may_call_field): obj held in a variable
        const Type* obj = type_expr(*e.args[0]->args[0]);
        if (!known(obj)) {
            for (size_t i = 1; i < e.args.size(); ++i) type_expr(*e.args[i]);
            return Unknown;
        }
        if (!obj->is(TypeKind::Object) || m_.classes[obj->cls].field(e.args[0]->name) < 0) {  // its method NAME
            ir::ExprP field = std::move(e.args[0]);
            e.kind = ExprKind::Method;
            e.name = field->name;
            e.args[0] = std::move(field->args[0]);
            e.field_call = false;
            changed_ = true;
            return type_expr(e);
        }
        e.field_call = false;  // what the field holds (a read of the variable's field: held)
    }
    const Type* f = type_expr(*e.args[0]);
    // a function whose captured container is still learning its items (function_value) is called
    // as it is: the version the call makes learns them
    if (!known(f) && !(f && f->is(TypeKind::Function))) {
        for (size_t i = 1; i < e.args.size(); ++i) type_expr(*e.args[i]);
        return Unknown;
    }
    if (f->is(TypeKind::PyFunction)) return call_python(e, f);
    if (!f->is_function_value()) {
        error(e.args[0]->loc, "'" + py_name(f) + "' object is not callable");
        return Unknown;
    }
    ExprKind held = e.args[0]->kind;
    if (held != ExprKind::Var && held != ExprKind::FuncRef &&
        !(held == ExprKind::Attr && e.args[0]->args[0]->kind == ExprKind::Var)) {
        error(e.args[0]->loc, "pyrite calls a function value held in a variable: assign it to one first");
        return Unknown;
    }
    ir::ExprP value = std::move(e.args[0]);
    std::vector<ir::ExprP> args;
    for (size_t i = 1; i < e.args.size(); ++i) args.push_back(std::move(e.args[i]));
    changed_ = true;
    if (held == ExprKind::FuncRef) {  // (lambda x: x + 1)(2): its function, nothing else
        e = std::move(*call_of_function(std::move(value), f, std::move(args), e.kwnames, e.loc));
        return call_func(e);
    }
    e.kind = ExprKind::CallEach;
    e.args.clear();
    e.args.push_back(std::move(value));
    auto call = std::make_unique<Expr>(ExprKind::CallValue, e.loc);  // what call_each splits per function
    call->args = std::move(args);
    call->kwnames = std::move(e.kwnames);
    e.kwnames.clear();
    e.args.push_back(std::move(call));
    return call_each(e);
}

// The call of function f (a Function type) held by `value`: its captures, then args
ir::ExprP Solver::call_of_function(ir::ExprP value, const Type* f, std::vector<ir::ExprP> args,
                                   const std::vector<std::string>& kwnames, Loc at) {
    auto call = std::make_unique<Expr>(ExprKind::CallFunc, at);
    for (size_t k = 0; k < f->elems.size(); ++k) {
        auto c = std::make_unique<Expr>(ExprKind::FuncCapture, value->loc);
        c->index = static_cast<std::int64_t>(k);
        c->args.push_back(k + 1 == f->elems.size() ? std::move(value) : ir::clone(*value));
        call->args.push_back(std::move(c));
    }
    for (ir::ExprP& a : args) call->args.push_back(std::move(a));
    call->kwnames = kwnames;
    call->callee = f->cls;
    call->name = m_.functions[f->cls].qualname;
    pack_vararg(*call, m_.functions[call->callee]);
    return call;
}

// A call of a lambda, nested def or method with *args: the positional arguments after its positional
// parameters are one tuple, passed by the parameter's name (as the frontend's pack_varargs passes a
// module function's)
void Solver::pack_vararg(Expr& call, const ir::Function& callee, size_t skip) {
    if (!callee.vararg) return;
    const std::string& name = callee.vars[callee.params.back()].name;
    if (!call.kwnames.empty() && call.kwnames.back() == name) return;  // packed in an earlier round
    size_t takes = callee.params.size() - callee.nkwonly - skip, npos = call.args.size() - call.kwnames.size();
    auto rest = std::make_unique<Expr>(ExprKind::Tuple, call.loc);
    for (size_t i = takes; i < npos; ++i) rest->args.push_back(std::move(call.args[i]));
    if (npos > takes)
        call.args.erase(call.args.begin() + static_cast<std::ptrdiff_t>(takes), call.args.begin() + static_cast<std::ptrdiff_t>(npos));
    call.kwnames.push_back(name);
    call.args.push_back(std::move(rest));
}

// (calleach %f call...): one call per function %f's type lists, in its order. Where the type moved on
// (f = g later in a loop made it one of two), the calls are made again from the first one's arguments
// (after its captures); a CallValue in args[1] is the call as written, before the first split.
const Type* Solver::call_each(Expr& e) {
    const Type* f = type_expr(*e.args[0]);
    if (!known(f) && !(f && f->is(TypeKind::Function))) {  // as call_value
        for (size_t i = 1; i < e.args.size(); ++i)
            if (e.args[i]->kind != ExprKind::CallValue) type_expr(*e.args[i]);
        return Unknown;
    }
    std::vector<const Type*> alts = f->is(TypeKind::Functions) ? f->elems : std::vector<const Type*>{f};
    bool same = e.args.size() == alts.size() + 1;
    for (size_t k = 0; same && k < alts.size(); ++k) {
        const Expr& call = *e.args[k + 1];
        int origin = call.kind == ExprKind::CallFunc ? call.callee : -1;
        if (origin >= 0 && m_.functions[origin].specializes >= 0) origin = m_.functions[origin].specializes;
        same = origin == alts[k]->cls;
    }
    if (!same) {
        Expr& first = *e.args[1];
        std::vector<ir::ExprP> args;
        std::vector<std::string> kwnames = first.kwnames;
        size_t skip = 0;
        if (first.kind == ExprKind::CallFunc)
            while (skip < first.args.size() && first.args[skip]->kind == ExprKind::FuncCapture) ++skip;
        for (size_t i = skip; i < first.args.size(); ++i) args.push_back(std::move(first.args[i]));
        if (first.kind == ExprKind::CallFunc && m_.functions[first.callee].vararg && !kwnames.empty()) {
            // its *args tuple (call_of_function packed it): the positional arguments again
            ir::ExprP rest = std::move(args.back());
            args.pop_back();
            kwnames.pop_back();
            size_t npos = args.size() - kwnames.size();
            for (size_t k = 0; k < rest->args.size(); ++k)
                args.insert(args.begin() + static_cast<std::ptrdiff_t>(npos + k), std::move(rest->args[k]));
        }
        ir::ExprP value = std::move(e.args[0]);
        e.args.clear();
        for (size_t k = 0; k < alts.size(); ++k) {
            std::vector<ir::ExprP> copies;
            for (const ir::ExprP& a : args) copies.push_back(ir::clone(*a));
            ir::ExprP held = ir::clone(*value);
            if (alts.size() > 1) {
                auto alt = std::make_unique<Expr>(ExprKind::FuncAlt, value->loc);
                alt->index = static_cast<std::int64_t>(k);
                alt->args.push_back(std::move(held));
                held = std::move(alt);
            }
            e.args.push_back(call_of_function(std::move(held), alts[k], std::move(copies), kwnames, e.loc));
        }
        e.args.insert(e.args.begin(), std::move(value));
        changed_ = true;
    }
    type_expr(*e.args[0]);
    const Type* result = nullptr;
    std::string first;  // the function the result came from first
    for (size_t k = 1; k < e.args.size(); ++k) {
        const Type* t = type_expr(*e.args[k]);
        if (!known(t)) return Unknown;
        if (m_.functions[e.args[k]->callee].never_returns) continue;  // it raises: no result to join
        if (!result) first = alts[k - 1]->name;
        const Type* joined = result ? join(result, t) : t;
        if (!joined) {
            error(e.loc, "this call may call '" + first + "', which returns " + quoted(result) + ", or '" +
                             alts[k - 1]->name + "', which returns " + quoted(t) +
                             ": pyrite gives a call one type; make them return the same");
            return Unknown;
        }
        result = joined;
    }
    return result ? result : Type::none();  // all of them raise
}

// Once types are final, a CallEach of a value that holds one function is that function's call
void Solver::settle_calls_of_values(ir::Function& f) {
    ir::for_each_node(f.body, [&](Expr& e) {
        if (e.kind != ExprKind::CallEach || e.args.size() != 2 || !e.args[0]->type ||
            e.args[0]->type->is(TypeKind::Functions))
            return;
        ir::ExprP call = std::move(e.args[1]);
        e = std::move(*call);
    });
}

// A call of a Python callable (a parameter annotated Callable[[A, B], R]): its arguments converted to
// A and B, its result an R (the runtime checks that it is one)
const Type* Solver::call_python(Expr& e, const Type* f) {
    if (!e.kwnames.empty()) {
        error(e.loc, "keyword arguments to a Python callable are not supported: its annotation names no parameters");
        return Unknown;
    }
    size_t want = f->elems.size() - 1, got = e.args.size() - 1;
    if (got != want) {
        error(e.loc, "this callable is annotated " + quoted(f) + ": it takes " + std::to_string(want) + " argument" +
                         (want == 1 ? "" : "s") + ", not " + std::to_string(got));
        return Unknown;
    }
    for (size_t i = 1; i < e.args.size(); ++i) {
        const Type* t = type_expr(*e.args[i]);
        if (!known(t)) return Unknown;
        if (conversion_cost(t, f->elems[i]) < 0) {
            error(e.args[i]->loc, "this callable is annotated " + quoted(f) + ": argument " + std::to_string(i) +
                                      " must be " + quoted(f->elems[i]) + ", not " + quoted(t));
            return Unknown;
        }
        refine(*e.args[i], f->elems[i]);
    }
    return f->elems[0];
}

// Makes the versions this round asked for; returns how many more rounds they may need
size_t Solver::make_versions() {
    size_t rounds = 0;
    for (Version& v : pending_) {
        ir::Function version = ir::clone(m_.functions[v.generic]);
        version.generic = false;
        version.specializes = v.generic;
        version.spec_types = v.types;
        for (size_t p = 0; p < version.params.size(); ++p) {
            ir::Var& param = version.vars[version.params[p]];
            if (!param.declared) param.type = v.types[p];
        }
        rounds += 4 * (version.vars.size() + 1);
        int index = static_cast<int>(m_.functions.size());
        m_.functions.push_back(std::move(version));
        versions_[{v.generic, v.types}] = index;
        made_[index] = std::move(v);
    }
    pending_.clear();
    return rounds;
}

// A method no compiled code calls, whose unannotated parameters no call typed (Vec.__sub__ in a
// program that only adds vectors), and that assigns no field, is not compiled: the class has it as
// Python's only, which Python's calls run as ever (an instance crossing to Python is the user's
// class's object)
void Solver::drop_uncalled_methods() {
    for (size_t i = 0; i < m_.functions.size(); ++i) {
        ir::Function& f = m_.functions[i];
        if (f.method_of < 0 || !f.compiled() || f.specializes >= 0) continue;
        bool untyped = false;
        for (int p : f.params) untyped = untyped || (f.vars[p].from_calls && !known(f.vars[p].type));
        // not one that assigns fields (an __init__ of instances Python makes): their types come from it
        bool stores = false;
        ir::for_each_stmt_deep(f.body, [&](ir::Stmt& st) {
            stores = stores || (st.kind == StmtKind::Store && st.target && st.target->kind == ExprKind::Attr);
        });
        if (!untyped || stores) continue;
        bool called = false;
        for (ir::Function& g : m_.functions)
            ir::for_each_node(g.body, [&](Expr& e) {
                called = called || ((e.kind == ExprKind::CallFunc || e.kind == ExprKind::FuncRef) && e.callee == static_cast<int>(i));
            });
        if (called) continue;
        f.unused = true;
        for (ir::Class& c : m_.classes)
            for (auto* list : {&c.methods, &c.getters, &c.setters, &c.classmethods})
                list->erase(std::remove_if(list->begin(), list->end(), [&](const auto& m) { return m.second == static_cast<int>(i); }),
                            list->end());
    }
}

// Versions no compiled code reaches any more are not reported or compiled
void Solver::mark_unused_versions() {
    if (made_.empty()) return;
    std::vector<bool> reached(m_.functions.size(), false);
    std::vector<int> work;
    for (size_t i = 0; i < m_.functions.size(); ++i)
        if (m_.functions[i].compiled() && m_.functions[i].specializes < 0) work.push_back(static_cast<int>(i));
    while (!work.empty()) {
        int i = work.back();
        work.pop_back();
        if (reached[i]) continue;
        reached[i] = true;
        std::function<void(const Expr&)> calls = [&](const Expr& e) {
            if (e.kind == ExprKind::CallFunc && m_.functions[e.callee].specializes >= 0) work.push_back(e.callee);
            for (const ir::ExprP& a : e.args) calls(*a);
            if (e.body)
                for (const ir::StmtP& s : *e.body) ir::for_each_expr(*s, calls);
        };
        for (const ir::StmtP& s : m_.functions[i].body) ir::for_each_expr(*s, calls);
    }
    for (const auto& [index, v] : made_) m_.functions[index].unused = !reached[index];
}

// After errors in a version: the call that asked for it, and the types it was compiled for;
// what its callers cannot type follows from those errors
void Solver::failed_versions(size_t index) {
    auto made = made_.find(static_cast<int>(index));
    if (made == made_.end()) return;
    m_.functions[index].lower_errors = true;  // a call of it is typed Unknown, reported nowhere else
    failed_generics_.insert(made->second.generic);
    const ir::Function& g = m_.functions[made->second.generic];
    diags_.note(made->second.file, made->second.call,
                "in the version of '" + g.pyname + "' compiled for this call's argument types " +
                    signature(g, made->second.types));
}

// One version of a helper reported is its root cause: the others are not typed again (what
// they would report, a version asking for the next, repeats it)
bool Solver::another_version_failed(size_t index) {
    ir::Function& f = m_.functions[index];
    if (f.specializes < 0 || !failed_generics_.count(f.specializes)) return false;
    f.lower_errors = true;
    return true;
}

// A function value that reads variables of the function that made it by reference (pointers to
// them) and outlives that function (returned, kept in a list, dict or set, a field or a global,
// which a caller could keep) reads them in shared heap cells instead (make_counter's `inc`, which
// rebinds `count`): the maker's variable lives in its cell, which each such closure holds too, as
// CPython's cells are (Var::cell; Type::cells). Held in locals and passed to calls, a function
// value dies with them and keeps its pointers. A function only Python calls may return one: Python
// gets it made with the values it reads as they are at the return, in cells of its own (f.ret: the
// function taking them by value).
void Solver::check_function_escapes() {
    std::function<const Type*(const Type*, bool)> find = [&](const Type* t, bool kept) -> const Type* {
        if (t->is(TypeKind::Function) && t->refs && kept) return t;
        bool container = t->is(TypeKind::List) || t->is(TypeKind::Dict) || t->is(TypeKind::Set) || t->is(TypeKind::TupleOf);
        for (const Type* x : t->elems)
            if (const Type* f = find(x, kept || container)) return f;
        return nullptr;
    };
    auto names_of = [&](const Type* fn, unsigned bits) {  // 'count', 'total': what captures `bits` read
        std::string names;
        const ir::Function& made = m_.functions[fn->cls];
        for (size_t k = 0; k < fn->elems.size(); ++k)
            if (bits >> k & 1) names += (names.empty() ? "'" : ", '") + made.vars[made.params[k]].name + "'";
        return names;
    };
    // function index -> the functions that make it as a value (where its FuncRefs are)
    std::map<int, std::set<ir::Function*>> makers;
    for (ir::Function& f : m_.functions)
        if (f.compiled())
            ir::for_each_node(f.body, [&](Expr& e) {
                if (e.kind == ExprKind::FuncRef) makers[e.callee].insert(&f);
            });
    auto is_param = [](const ir::Function& f, int v) {
        return std::find(f.params.begin(), f.params.end(), v) != f.params.end();
    };
    struct Escape {
        std::string file;
        Loc loc;
        const Type* fn;
        std::string what;  // the diagnostic's start
    };
    std::vector<Escape> escapes;
    for (ir::Function& f : m_.functions) {
        if (!f.compiled()) continue;
        for (size_t k = 0; k < f.ncaptures && k < f.spec_types.size(); ++k) {
            const ir::Var& v = f.vars[f.params[k]];
            if (f.capture_by_ref(k) && v.type != f.spec_types[k]) {  // one variable, one type
                diags_.error(f.file, v.loc, "'" + v.name + "' is " + quoted(f.spec_types[k]) + " in the function that " +
                                                "made '" + f.pyname + "' but " + quoted(v.type) +
                                                " here: pyrite gives each variable one type; annotate it where it is "
                                                "first assigned");
                return;
            }
        }
        if (known(f.ret) && f.ret->is(TypeKind::Function) && f.ret->refs && only_python_calls(f)) {
            f.ret = Type::function(f.ret->cls, f.ret->name, f.ret->elems);
            continue;
        }
        if (known(f.ret))
            if (const Type* fn = find(f.ret, true)) escapes.push_back({f.file, f.loc, fn, "'" + f.pyname + "' returns a function"});
        for (size_t i = 0; i < f.vars.size(); ++i) {
            const ir::Var& v = f.vars[i];
            if (!known(v.type)) continue;
            const Type* fn = find(v.type, false);
            // a dispatch table of closures over the function's own variables ({"add": add} where add
            // rebinds `acc`) lives no longer than they do: a local of the function that made them (not a
            // parameter: a caller's container), which it does not return (above) and no field holds
            bool own_table = fn && !is_param(f, static_cast<int>(i)) && makers[fn->cls].count(&f);
            if (fn && !own_table)
                escapes.push_back({f.file, v.loc, fn, "a list, dict or set holds a function here"});
        }
    }
    for (ir::Class& c : m_.classes)
        for (ir::Field& fd : c.fields)
            if (known(fd.type))
                if (const Type* fn = find(fd.type, true))
                    escapes.push_back({c.file, fd.loc, fn, "the field '" + fd.name + "' holds a function"});
    for (ir::Global& g : m_.globals)
        if (known(g.type))
            if (const Type* fn = find(g.type, true))
                escapes.push_back({g.file, g.loc, fn, "the global '" + g.name + "' holds a function"});
    if (escapes.empty()) return;
    // the variables each escaping function reads by reference move to cells: its makers' own locals
    // and parameters (a generator's too, in its frame), not a variable a maker itself reads by
    // reference from a function enclosing it
    std::set<int> celled;
    for (const Escape& x : escapes) {
        if (celled.count(x.fn->cls)) continue;
        std::vector<int> vars;
        std::vector<ir::Function*> of;
        bool cellable = true;
        for (ir::Function* g : makers[x.fn->cls])
            ir::for_each_node(g->body, [&](Expr& e) {
                if (e.kind != ExprKind::FuncRef || e.callee != x.fn->cls) return;
                for (size_t k = 0; k < e.args.size() && k < 32; ++k) {
                    if (!(e.index >> k & 1)) continue;
                    int v = e.args[k]->kind == ExprKind::Var ? e.args[k]->var : -1;
                    for (size_t p = 0; v >= 0 && p < g->ncaptures && p < g->params.size(); ++p)
                        if (g->params[p] == v && g->capture_by_ref(p)) v = -1;
                    if (v < 0) cellable = false;
                    vars.push_back(v);
                    of.push_back(g);
                }
            });
        if (!cellable) {
            diags_.error(x.file, x.loc, x.what + ": '" + x.fn->name + "' reads " + names_of(x.fn, x.fn->refs) +
                                            " of the function that made it as they change, as Python does, and "
                                            "outlives that function, which pyrite takes only where that function binds "
                                            "them itself, not where it reads them from one enclosing it (pass what it "
                                            "reads as arguments, or bind them once before it is made)");
            return;
        }
        for (size_t k = 0; k < vars.size(); ++k) of[k]->vars[vars[k]].cell = true;
        celled.insert(x.fn->cls);
    }
    // every type that holds such a function now holds its cells
    std::function<const Type*(const Type*)> cellify = [&](const Type* t) -> const Type* {
        if (!t || t->elems.empty()) return t;
        std::vector<const Type*> es;
        bool changed = false;
        for (const Type* x : t->elems) {
            es.push_back(cellify(x));
            changed = changed || es.back() != x;
        }
        if (t->is(TypeKind::Function) && t->refs && celled.count(t->cls))
            return Type::function(t->cls, t->name, es, 0, t->refs | t->cells);
        return changed ? t->with_elems(es) : t;
    };
    for (ir::Function& f : m_.functions) {
        for (ir::Var& v : f.vars) v.type = cellify(v.type);
        f.ret = cellify(f.ret);
        for (const Type*& t : f.spec_types) t = cellify(t);
        ir::for_each_node(f.body, [&](Expr& e) { e.type = cellify(e.type); });
    }
    for (ir::Class& c : m_.classes)
        for (ir::Field& fd : c.fields) fd.type = cellify(fd.type);
    for (ir::Global& g : m_.globals) g.type = cellify(g.type);
    // Python gets such a function made anew with what its cells hold (a closure of its own, by_value):
    // returned alone, that is the closure CPython returns; two in a tuple or a list would not share
    // their cells in Python as they do here
    std::function<const Type*(const Type*)> with_cells = [&](const Type* t) -> const Type* {
        if (t->is(TypeKind::Function) && t->cells) return t;
        for (const Type* x : t->elems)
            if (const Type* f = with_cells(x)) return f;
        return nullptr;
    };
    for (ir::Function& f : m_.functions)
        if (f.compiled() && f.exported && known(f.ret) && !f.ret->is(TypeKind::Function))
            if (const Type* fn = with_cells(f.ret)) {
                diags_.error(f.file, f.loc, "'" + f.pyname + "' returns a function: '" + fn->name + "' reads " +
                                                names_of(fn, fn->cells) +
                                                " of the function that made it as they change, and Python gets it with "
                                                "copies of them, which other functions it returns would not share: "
                                                "return such a function alone, not in a tuple, list or dict");
                return;
            }
}

bool Solver::only_python_calls(const ir::Function& f) const {
    if (!f.exported) return false;
    int index = static_cast<int>(&f - m_.functions.data());
    bool called = false;
    for (const ir::Function& g : m_.functions)
        if (g.compiled())
            ir::for_each_node(const_cast<ir::Block&>(g.body), [&](Expr& e) {
                called = called || ((e.kind == ExprKind::CallFunc || e.kind == ExprKind::FuncRef) && e.callee == index);
            });
    return !called;
}

// Generic helpers and unused versions are not code: later passes see them empty
void Solver::retire_templates() {
    for (ir::Function& f : m_.functions) {
        if (f.generic || f.unused) f.body.clear();
        else settle_calls_of_values(f);
    }
}

}  // namespace pyrite::typeinfer::detail
