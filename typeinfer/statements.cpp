// typeinfer: statements. Each rule types what a statement holds and says whether control
// can go on after it; try/except/finally and raise are here too: a handler's `as` name is
// the class it catches (an exception of a builtin class, or the instance of the program's
// exception class), raise takes an exception, and what crosses the boundary is checked.
#include <algorithm>
#include <iterator>
#include <functional>
#include <set>

#include "solver.hpp"

namespace pyrite::typeinfer::detail {

// tests whose value the types decide (solver.hpp)
int Solver::static_length_test(const Expr& test) {
    if (test.kind != ExprKind::Compare || test.cmps.size() != 1) return -1;
    CmpOp op = test.cmps[0];
    if (op != CmpOp::Gt && op != CmpOp::Eq && op != CmpOp::GtE) return -1;
    const Expr& len = *test.args[0];
    const Expr& j = *test.args[1];
    if (len.kind != ExprKind::Intrinsic || len.operation != Op::Len || len.args.size() != 1 || j.kind != ExprKind::IntConst)
        return -1;
    const Type* t = len.args[0]->type;
    if (!t || !t->is(TypeKind::Tuple)) return -1;
    auto n = static_cast<std::int64_t>(t->elems.size());
    return (op == CmpOp::Gt ? n > j.ival : op == CmpOp::Eq ? n == j.ival : n >= j.ival) ? 1 : 0;
}

bool Solver::static_false(const Expr& e) {
    if (e.kind == ExprKind::Intrinsic && e.operation == ops::Op::IsInstance)
        return known(e.type) && !e.args.empty() && known(e.args[0]->type) && !e.holds && !e.dispatch;
    if (e.kind == ExprKind::BoolOp && e.op == static_cast<int>(ir::BoolOpKind::And))
        return std::any_of(e.args.begin(), e.args.end(), [](const ir::ExprP& a) { return static_false(*a); });
    return static_length_test(e) == 0;
}

bool Solver::static_true(const Expr& e) {
    if (e.kind == ExprKind::BoolConst) return e.ival != 0;
    if (e.kind == ExprKind::Intrinsic && e.operation == ops::Op::IsInstance)
        return known(e.type) && !e.args.empty() && known(e.args[0]->type) && e.holds &&
               !e.args[0]->type->is(TypeKind::Optional);
    if (e.kind == ExprKind::BoolOp && e.op == static_cast<int>(ir::BoolOpKind::And))
        return std::all_of(e.args.begin(), e.args.end(), [](const ir::ExprP& a) { return static_true(*a); });
    if (e.kind == ExprKind::Block && e.body && !e.body->empty()) {
        const ir::Stmt& last = *e.body->back();
        return last.kind == ir::StmtKind::Assign && last.var == e.var && last.value && static_true(*last.value);
    }
    return static_length_test(e) == 1;
}

// A loop's condition and body are typed once, for every iteration: a variable the loop assigns is
// not narrowed at its head by what held before it (cur = head; while cur is not None: cur = cur.next)
void Solver::forget_assigned_in(Stmt& loop) {
    ir::for_each_stmt_deep(loop.body, [&](Stmt& s) {
        if (s.var < 0) return;
        narrowed_.erase(s.var);
        forget_paths(s.var);
    });
    if (loop.var >= 0) {
        narrowed_.erase(loop.var);
        forget_paths(loop.var);
    }
}

bool Solver::stmt(Stmt& s) {
    switch (s.kind) {
        case StmtKind::Assign: {
            const Type* t = type_expr(*s.value);
            const Type* had = f_->vars[s.var].type;
            if (known(had) && known(t) && !join_value(had, t) && widen_items(had, t) == had && fresh(*s.value))
                refine_items(*s.value, had);  // made again where int | float items were stored (widen_items)
            else
                join_var(s.var, t, s.loc);
            // d[k][j] += 1 holds d[k] in a temp first (frontend/lower_stmt.cpp): what stores into the
            // temp teach it teaches d's values too (defaultdict(lambda: defaultdict(int)))
            const Type* held = f_->vars[s.var].type;
            if (s.value->kind == ExprKind::Subscript && f_->vars[s.var].temporary() && held && held != t &&
                known(held) && !known(t) && is_dict(s.value->args[0]->type) && learns(*s.value) && join(t, held) == held)
                learn_into(*s.value, held, s.loc);
            refine(*s.value, f_->vars[s.var].type);
            if (t && (t->is(TypeKind::None) || t->is(TypeKind::Optional))) narrowed_.erase(s.var);
            else if (t && t != Unknown) narrowed_.insert(s.var);  // x = {}: x is not None until it is assigned again
            forget_paths(s.var);
            const Type* as = f_->vars[s.var].type;  // v = 3 of an `object` v: an int until assigned again
            if (as && as->is(TypeKind::Boxed) && known(t) && !t->is(TypeKind::Boxed) && !t->is(TypeKind::None) &&
                !t->is(TypeKind::Optional))
                narrowed_.insert(typed_path(s.var, t));
            return true;
        }
        case StmtKind::ForEach: {
            forget_assigned_in(s);
            join_var(s.var, iter_elem(*s.value), s.loc);
            block(s.body);
            block(s.orelse);
            if (s.value->kind == ExprKind::Intrinsic && s.value->operation == Op::ItGroupby) check_groups(s);  // itertools.cpp
            return true;
        }
        case StmtKind::Store: store(s); return true;
        case StmtKind::Del: del(s); return true;
        case StmtKind::ExprStmt: type_expr(*s.value); return true;
        case StmtKind::If: {
            type_test(*s.value);
            if (s.pattern_case && static_false(*s.value)) s.body.clear();  // a case that cannot match: never typed
            bool always = s.pattern_case && static_true(*s.value);
            if (always) s.orelse.clear();  // one that always does: the rest never runs
            std::set<int> saved = narrowed_;
            narrow(*s.value, true);
            std::set<int> after_body, after_else;
            bool a = block(s.body, &after_body);
            narrowed_ = saved;
            narrow(*s.value, false);
            bool b = block(s.orelse, &after_else);
            // what is not None after the if: after `if x is None: return`, x; after `if memo is None: memo = {}`,
            // memo (each branch that continues leaves it not None)
            if (a && b) {
                narrowed_.clear();
                std::set_intersection(after_body.begin(), after_body.end(), after_else.begin(), after_else.end(),
                                      std::inserter(narrowed_, narrowed_.begin()));
            } else {
                narrowed_ = a ? after_body : b ? after_else : saved;
            }
            return always ? a : a || b;
        }
        case StmtKind::While: {
            forget_assigned_in(s);
            type_test(*s.value);
            std::set<int> saved = narrowed_;
            narrow(*s.value, true);
            block(s.body);
            narrowed_ = saved;
            block(s.orelse);
            // while True: / while 1: never end but by break or return
            const Expr& c = *s.value;
            bool infinite = ((c.kind == ExprKind::BoolConst || c.kind == ExprKind::IntConst) && c.ival) ||
                            (c.kind == ExprKind::FloatConst && c.fval != 0.0) ||
                            (c.kind == ExprKind::ComplexConst && (c.fval != 0.0 || c.fimag != 0.0)) ||
                            (c.kind == ExprKind::StrConst && !c.name.empty());
            return !infinite || s.breaks;
        }
        case StmtKind::ForRange: {
            forget_assigned_in(s);
            for (ir::ExprP& r : s.range) {
                type_expr(*r);
                const Type* t = as_value(*r);  // range(d) of an IntEnum's member: of its value
                if (known(t) && !is_intlike(t))
                    error(r->loc, "'" + py_name(t) + "' object cannot be interpreted as an integer");
            }
            join_var(s.var, Type::int_(), s.loc);
            block(s.body);
            block(s.orelse);
            return true;
        }
        case StmtKind::Break:
        case StmtKind::Continue: return false;
        case StmtKind::Return:
            if (f_->coroutine) {  // a generator's return ends it; `return v` gives its StopIteration v
                join_gen_return(s.value ? type_expr(*s.value) : Type::none(), s.value.get(), s.loc);
                return false;
            }
            join_return(s.value ? type_expr(*s.value) : Type::none(), s.loc);
            if (s.value) refine(*s.value, f_->ret);
            return false;
        case StmtKind::Yield: return yield_stmt(s);
        case StmtKind::Assert:  // after `assert x is not None`, x is not None (a read still checks it)
            type_test(*s.value);
            narrow(*s.value, true);
            return true;
        case StmtKind::Raise: raise_stmt(s); return false;
        case StmtKind::Try: return try_stmt(s);
        case StmtKind::Except: return block(s.body);  // try_stmt types it
    }
    return true;
}

// The generator's type (Generator[T, S, R]) with its part k (0: T, 1: S, 2: R) now t. Before its
// first yield and return are typed, T is unknown, and so is R where some `return v` has a value
// (else it is None)
const Type* Solver::with_gen_part(int k, const Type* t) {
    std::vector<const Type*> p;
    if (f_->ret && f_->ret->is(TypeKind::Iterator)) {
        p = f_->ret->elems;
    } else {
        bool values = false;
        ir::for_each_stmt(f_->body, [&](const Stmt& st) {
            values = values || (st.kind == StmtKind::Return && st.value && st.value->kind != ExprKind::NoneConst);
        });
        p = {Unknown, Type::none(), values ? Unknown : Type::none()};
    }
    p[k] = t;
    return Type::iterator(p[0], p[1], p[2]);
}

// `return v` in a generator compiled as a coroutine (and the None of reaching its end): R, what it
// returns, is the join of the v, or what its annotation Generator[T, S, R] says
void Solver::join_gen_return(const Type* t, Expr* value, Loc at, bool falls_off) {
    if (!known(t)) return;
    if (f_->declared_ret) {
        const Type* want = f_->declared_ret->gen_result();
        if (assignable(t, want)) {
            if (value) refine(*value, want);
        } else if (falls_off) {
            error(at, "'" + f_->pyname + "' can reach the end of its body, returning None, but is annotated " +
                          quoted(f_->declared_ret) + ": add a return");
        } else {
            error(at, "'" + f_->pyname + "' is annotated " + quoted(f_->declared_ret) + " (it returns " + quoted(want) +
                          ") but returns a value of type " + quoted(t));
        }
        return;
    }
    const Type* have = (f_->ret && f_->ret->is(TypeKind::Iterator) ? f_->ret : with_gen_part(2, Unknown))->gen_result();
    const Type* joined = have == Unknown ? t : join(have, t);
    if (!joined) {
        error(at, "'" + f_->pyname + "' returns a value of type " + quoted(t) + " here but " + quoted(have) +
                      " elsewhere: annotate it -> Generator[T, S, R] or make every return agree");
        return;
    }
    if (!f_->ret || !f_->ret->is(TypeKind::Iterator) || joined != have) {
        f_->ret = with_gen_part(2, joined);
        changed_ = true;
    }
}

// A yield in a generator compiled as a coroutine: `yield v` (x = yield v: x is what it is sent,
// S), and `yield from it`, which delegates to `it` where that is a generator object (x: what it
// returns) and otherwise yields each of its items (the Yield's body)
bool Solver::yield_stmt(Stmt& s) {
    const Type* sent = f_->declared_ret ? f_->declared_ret->gen_sent() : Type::none();
    if (s.body.empty() && !s.delegates) {
        join_yield(*s.value, s.loc);
        if (s.var >= 0) {
            if (!f_->declared_ret) {
                error(s.value->loc, "this yield's value is what send() passes '" + f_->pyname + "': annotate it -> "
                                    "Generator[T, S, R], with S the type it is sent (None from next() and for loops)");
                return true;
            }
            join_var(s.var, sent, s.loc);
        }
        return true;
    }
    const Type* it = type_expr(*s.value);
    if (!known(it)) return true;  // the for loop's None would join what a generator returns
    s.delegates = is_iterator(it);
    if (!s.delegates) return block(s.body);
    for (ir::StmtP& st : s.body)  // the for loop it does not need: its variable typed, for codegen's declaration
        if (st->kind == StmtKind::ForEach) join_var(st->var, it->elem(), st->loc);
    s.body.clear();
    join_yield_type(it->elem(), s.loc);
    if (!assignable(sent, it->gen_sent()))
        error(s.value->loc, "'" + f_->pyname + "' is sent " + quoted(sent) + " and yields from a generator that takes " +
                                quoted(it->gen_sent()) + ": what it is sent goes on to that one (annotate them alike)");
    if (s.var >= 0) join_var(s.var, it->gen_result(), s.loc);
    return true;
}

// yield v in a generator compiled as a coroutine: the function returns Iterator[join of the v]
void Solver::join_yield(Expr& value, Loc at) {
    const Type* t = type_expr(value);
    if (!t || t == Unknown) return;
    if (join_yield_type(t, at) && f_->declared_ret) refine(value, f_->declared_ret->elem());
}

bool Solver::join_yield_type(const Type* t, Loc at) {
    if (!known(t)) return false;
    if (f_->declared_ret) {  // Iterator[T]
        const Type* want = f_->declared_ret->elem();
        if (assignable(t, want)) return true;
        error(at, "'" + f_->pyname + "' is annotated to yield " + quoted(want) + " but yields a value of type " + quoted(t));
        return false;
    }
    const Type* have = f_->ret && f_->ret->is(TypeKind::Iterator) ? f_->ret->elem() : Unknown;
    const Type* joined = have == Unknown ? t : join(have, t);
    if (!joined) {
        error(at, "'" + f_->pyname + "' yields a value of type " + quoted(t) + " here but " + quoted(have) +
                      (ret_loc_.line ? " at line " + std::to_string(ret_loc_.line) : std::string()) +
                      ": annotate it -> Iterator[T] or make every yield agree");
        return false;
    }
    if (have == Unknown) ret_loc_ = at;
    const Type* now = with_gen_part(0, joined);
    if (f_->ret != now) {
        f_->ret = now;
        changed_ = true;
    }
    return true;
}

// try: the body, then else; each handler as if the exception came at the start of the body
// (what the body narrowed is forgotten there: it may not have run); finally after all of them
bool Solver::try_stmt(Stmt& s) {
    std::set<int> assigned;
    ir::for_each_stmt(s.body, [&](const Stmt& st) {
        if (st.var >= 0 && (st.kind == StmtKind::Assign || st.kind == StmtKind::ForRange || st.kind == StmtKind::ForEach))
            assigned.insert(st.var);
    });
    auto forget = [&] {
        for (int v : assigned) {
            narrowed_.erase(v);
            forget_paths(v);
        }
    };
    std::set<int> saved = narrowed_;
    bool on = block(s.body);
    if (on) on = block(s.orelse);
    for (ir::StmtP& h : s.handlers) {
        narrowed_ = saved;
        forget();
        if (h->var >= 0) join_var(h->var, handler_type(*h), h->loc);
        if (block(h->body)) on = true;
    }
    narrowed_ = saved;
    forget();
    bool fin = block(s.finalbody);
    narrowed_ = saved;
    forget();
    return on && fin;
}

// except A, B as e: e is their nearest common class (a bare except: BaseException)
const Type* Solver::handler_type(const Stmt& h) {
    const Type* t = nullptr;
    for (const std::string& c : h.classes) {
        const Type* x = Type::exception(c);
        if (c.rfind("class ", 0) == 0)
            for (const ir::Class& k : m_.classes)
                if (k.qualname == c.substr(6)) x = k.type;
        if (!x) continue;
        t = t ? join(t, x) : x;
    }
    return t ? t : Type::exception("BaseException");
}

// raise ValueError(message): a str message, or none; raise e: an exception (a caught one, or
// an instance of the program's exception class); from: an exception or None
void Solver::raise_stmt(Stmt& s) {
    if (s.value) {
        const Type* t = type_expr(*s.value);
        if (!s.message.empty() && s.value->kind == ExprKind::Tuple) {  // X(a, b, ...): each kept in its args
            for (ir::ExprP& a : s.value->args) exc_arg_ok(*a, s.message + "(...)");
        } else if (!s.message.empty()) {
            if (known(t) && !is_str(t) && !t->is(TypeKind::Int) && !t->is(TypeKind::Float) && !t->is(TypeKind::Bool) &&
                !t->is(TypeKind::None))
                error(s.value->loc, s.message + "(...) takes one argument in compiled code, a str (or an int, float, "
                                                "bool or None), not " + quoted(t));
        } else if (known(t) && !t->is_exception()) {
            error(s.value->loc, "exceptions must derive from BaseException: compiled code raises builtin exceptions, "
                                "exception classes of the program or a caught exception, not " + quoted(t));
        }
    }
    if (s.target) {
        const Type* c = type_expr(*s.target);
        if (known(c) && !c->is_exception() && !c->is(TypeKind::None) &&
            !(c->is(TypeKind::Optional) && c->elem()->is_exception()))
            error(s.target->loc, "exception causes must derive from BaseException, not " + quoted(c));
    }
}

// an exception's argument: what compiled code keeps in its args (None, bool, int, float, str)
bool Solver::exc_arg_ok(Expr& arg, const std::string& what) {
    const Type* t = arg.type;
    const Type* x = t && t->is(TypeKind::Optional) ? t->elem() : t;
    if (!known(t) || x->is(TypeKind::Int) || x->is(TypeKind::Float) || x->is(TypeKind::Bool) || is_str(x) ||
        t->is(TypeKind::None))
        return true;
    error(arg.loc, what + " keeps its arguments as its args, which compiled code holds as None, bool, int, float or "
                          "str, not " + quoted(t) + " (keep other values in fields: self.items = items)");
    return false;
}

// MyError(a, b): BaseException.__new__ keeps (a, b) as args, unless __init__ replaces them with
// super().__init__(...) before anything can read them (its first statement)
void Solver::exception_args(Expr& made) {
    const ir::Class& c = m_.classes[made.callee];
    size_t npos = made.args.size() - made.kwnames.size();
    bool replaced = false;
    if (c.init >= 0 && !m_.functions[c.init].body.empty()) {
        const Stmt& first = *m_.functions[c.init].body[0];
        replaced = first.kind == StmtKind::ExprStmt && first.value->kind == ExprKind::Intrinsic &&
                   first.value->operation == ops::Op::ExcInit;
    }
    made.exc_args = !replaced;
    if (replaced) return;
    for (size_t i = 0; i < npos; ++i) exc_arg_ok(*made.args[i], c.qualname + "(...)");
}

// super().__init__(*args) in an exception class: BaseException.__init__ sets args
const Type* Solver::exc_init(Expr& e) {
    for (ir::ExprP& a : e.args) type_expr(*a);
    if (!e.kwnames.empty()) {
        error(e.loc, "BaseException.__init__() takes no keyword arguments");
        return Unknown;
    }
    for (size_t i = 1; i < e.args.size(); ++i) exc_arg_ok(*e.args[i], "an exception");
    return Type::none();
}

// A function in a result crosses to Python as the Python function its source makes from its captured
// values (boundary.hpp's closure_to_py): the first one in t that cannot, or null
const Type* Solver::unreturnable_function(const Type* t) {
    if (t->is(TypeKind::Function) && (m_.functions[t->cls].py_factory.empty() || t->contains(TypeKind::PyFunction) ||
                                      t->contains(TypeKind::Exception) || t->contains(TypeKind::Iterator)))
        return t;
    for (const Type* x : t->elems)
        if (const Type* f = unreturnable_function(x)) return f;
    return nullptr;
}

// what crosses back to Python is a value it can hold: a caught exception is not one yet
// the first read of a module's global (ir::Global) in f or a function it calls or makes, or null
// (global_user_: the function it is in)
const Expr* Solver::global_reached(const ir::Function& f) {
    std::set<const ir::Function*> seen;
    std::vector<const ir::Function*> todo{&f};
    while (!todo.empty()) {
        const ir::Function* g = todo.back();
        todo.pop_back();
        if (!seen.insert(g).second) continue;
        const Expr* found = nullptr;
        ir::for_each_node(const_cast<ir::Block&>(g->body), [&](Expr& e) {
            if (e.kind == ExprKind::Global && !found) found = &e;
            if ((e.kind == ExprKind::CallFunc || e.kind == ExprKind::FuncRef) && e.callee >= 0)
                todo.push_back(&m_.functions[static_cast<size_t>(e.callee)]);
        });
        if (found) {
            global_user_ = static_cast<int>(g - m_.functions.data());
            return found;
        }
    }
    return nullptr;
}

void Solver::check_exported_returns() {
    for (ir::Function& f : m_.functions)
        if (f.compiled() && f.returns_callable && known(f.ret) && !f.ret->is_function_value())
            diags_.error(f.file, f.ret_loc, "'" + f.qualname + "' is annotated to return a Callable, but returns " +
                                                quoted(f.ret));
    for (ir::Function& f : m_.functions) {
        if (!f.exported || !f.ret) continue;
        if (f.ret->contains(TypeKind::Exception))
            diags_.error(f.file, f.ret_loc.line > 0 ? f.ret_loc : f.loc,
                         "'" + f.qualname + "' returns a caught exception (" + f.ret->str() + ") to Python: return "
                         "str(e), or raise it");
        else if (const Type* fn = unreturnable_function(f.ret))
            diags_.error(f.file, f.ret_loc.line > 0 ? f.ret_loc : f.loc,
                         "'" + f.qualname + "' returns a function (" + fn->str() + ") to Python: " +
                             (m_.functions[fn->cls].py_factory.empty()
                                  ? std::string("pyrite has no Python source for it (functools.partial's result)")
                                  : "it captured a value Python cannot hold"));
    }
    // A generator object handed to Python runs after the call returned, one next() at a time: what it
    // reads and yields must not be copies of objects the caller could change or see change meanwhile
    // (the boundary copies containers in and writes them back when the call ends: Type::has_container)
    // An Iterator[T] parameter reads the caller's iterator live (boundary.hpp's gen_from_py): it is
    // shared, not copied, when its items are values
    // (a tuple of such values is one too: the caller cannot change it, so its copy is not seen)
    std::function<bool(const Type*)> by_value = [&](const Type* t) {
        if (t->is(TypeKind::TupleOf) || t->is(TypeKind::Tuple))
            return std::all_of(t->elems.begin(), t->elems.end(), [&](const Type* x) { return by_value(x); });
        return !t->has_container() && !t->contains(TypeKind::Iterator);
    };
    auto live = [&](const Type* t) {  // Python's iterators are sent nothing and return nothing compiled code reads
        return t->is(TypeKind::Iterator) && by_value(t->elem()) && t->gen_sent()->is(TypeKind::None) &&
               t->gen_result()->is(TypeKind::None);
    };
    for (ir::Function& f : m_.functions) {
        if (!f.exported || !f.compiled()) continue;
        for (int p : f.params)
            if (f.vars[p].type && f.vars[p].type->contains(TypeKind::Iterator) && !live(f.vars[p].type))
                diags_.error(f.file, f.vars[p].loc, "'" + f.qualname + "' takes '" + f.vars[p].name + "' of type " +
                             quoted(f.vars[p].type) + " from Python: an iterator crosses when its items are values, "
                             "not lists, dicts, sets, arrays or instances (copies)");
        if (!f.ret || !f.ret->contains(TypeKind::Iterator)) continue;
        Loc at = f.ret_loc.line > 0 ? f.ret_loc : f.loc;
        if (!f.ret->is(TypeKind::Iterator) || !by_value(f.ret->elem()) || !by_value(f.ret->gen_sent()) ||
            !by_value(f.ret->gen_result())) {
            diags_.error(f.file, at, "'" + f.qualname + "' returns " + quoted(f.ret) + " to Python: a generator object "
                                     "crosses to Python when its items, what it is sent and what it returns are values, "
                                     "not lists, dicts, sets, arrays or instances (copies)");
            continue;
        }
        for (int p : f.params)
            if (f.vars[p].type && !by_value(f.vars[p].type) && !live(f.vars[p].type))
                diags_.error(f.file, f.vars[p].loc, "'" + f.qualname + "' gives Python a generator object, which runs "
                             "after the call returned, but takes '" + f.vars[p].name + "' of type " + quoted(f.vars[p].type) +
                             ": compiled code would read a copy of it (README: containers at the boundary); such a "
                             "function takes no lists, dicts, sets, arrays or instances");
        // a module's list, dict or set global is read at the call (the glue's copy, written back at its end)
        if (const Expr* g = global_reached(f))
            diags_.error(m_.functions[global_user_].file, g->loc, "'" + f.qualname + "' gives Python a generator object, "
                         "which runs after the call returned, but reads the global '" + g->name + "': compiled code "
                         "reads a module's lists, dicts and sets during a call from Python only (pass it as an "
                         "argument of a function that is not a generator, or iterate the generator there)");
    }
}

}  // namespace pyrite::typeinfer::detail
