// typeinfer: the typing rules of lists and of the builtins over them.
//
// Element types are inferred from use: `xs = []` makes xs a list[<unknown>],
// and `xs.append(1.5)` (or `xs[i] = v`, `xs.extend(ys)`, `xs += ys`) joins
// list[float] into xs. The solver's fixed point does the rest. An element
// stored into a list must have the list's element type exactly: CPython would
// keep an int appended to a list of floats as an int, which a list[float]
// cannot hold, so that is a diagnostic, never a silent conversion.
#include "solver.hpp"

namespace pyrite::typeinfer::detail {

namespace {
bool is_list(const Type* t) { return t && t->is(TypeKind::List); }
std::string float_hint(const Type* want, const Type* got) {
    return want->is(TypeKind::Float) && got->is(TypeKind::Int) ? " (write a float literal such as 0.0, or float(...))"
                                                                : "";
}
}  // namespace

// An expression whose type is a less known form of `want` (an empty display,
// a comprehension building an empty list) takes `want`, so codegen can name it.
void Solver::refine(Expr& e, const Type* want) {
    if (!want || !e.type || e.type == want || join(e.type, want) != want) return;
    e.type = want;
    switch (e.kind) {
        case ExprKind::List:
            for (ir::ExprP& a : e.args) refine(*a, want->elem());
            break;
        case ExprKind::IfExp:
            refine(*e.args[1], want);
            refine(*e.args[2], want);
            break;
        case ExprKind::Block: f_->vars[e.var].type = want; break;
        default: break;
    }
}

// value stored as an element of type `elem` (append, xs[i] = value, ...)
bool Solver::elem_ok(Expr& value, const Type* elem, const std::string& what) {
    const Type* t = value.type;
    if (!known(t) || !known(elem)) return true;
    if (join(t, elem) == elem) {
        refine(value, elem);
        return true;
    }
    error(value.loc, "cannot " + what + " a value of type " + quoted(t) + " to a 'list[" + elem->str() +
                         "]': CPython would keep it as " + py_name(t) + float_hint(elem, t));
    return false;
}

bool Solver::check_index(Expr& index, const char* what) {
    const Type* t = type_expr(index);
    if (known(t) && !is_intlike(t)) {
        error(index.loc, std::string(what) + " indices must be integers or slices, not " + py_name(t));
        return false;
    }
    return true;
}

const Type* Solver::list_display(Expr& e) {
    const Type* elem = Unknown;
    for (ir::ExprP& a : e.args) {
        const Type* t = type_expr(*a);
        const Type* j = join(elem, t);
        if (!j) {
            error(a->loc, "this list holds " + quoted(elem) + " and " + quoted(t) +
                              " values: pyrite's lists hold one type (convert, or use a tuple)");
            return Unknown;
        }
        elem = j;
    }
    for (ir::ExprP& a : e.args) refine(*a, elem);
    return Type::list(elem);
}

// The type of each item a for loop (or comprehension) gets from `iterable`.
const Type* Solver::iter_elem(Expr& it) {
    if (it.kind == ExprKind::Intrinsic && (it.name == "enumerate" || it.name == "zip" || it.name == "reversed")) {
        std::vector<const Type*> items;
        size_t npos = it.args.size() - it.kwnames.size();
        for (size_t i = 0; i < it.args.size(); ++i) {
            const Type* t = type_expr(*it.args[i]);
            if (i >= npos) {  // enumerate(xs, start=1)
                if (it.name != "enumerate" || it.kwnames[i - npos] != "start") {
                    error(it.args[i]->loc, it.name + "() got an unexpected keyword argument '" + it.kwnames[i - npos] + "'");
                    return Unknown;
                }
                continue;
            }
            if (it.name == "enumerate" && i == 1) {
                if (known(t) && !is_intlike(t)) {
                    error(it.args[i]->loc, "'" + py_name(t) + "' object cannot be interpreted as an integer");
                    return Unknown;
                }
                continue;
            }
            if (!known(t)) return Unknown;
            if (!is_list(t)) {
                error(it.args[i]->loc, it.name + "() over '" + py_name(t) + "' is not supported (pyrite iterates lists)");
                return Unknown;
            }
            items.push_back(t->elem());
        }
        size_t want_min = 1, want_max = it.name == "zip" ? 1000 : it.name == "enumerate" ? 2 : 1;
        if (npos < want_min || npos > want_max) {
            error(it.loc, it.name + "() takes " + (it.name == "enumerate" ? "1 or 2" : it.name == "zip" ? "1 or more" : "exactly one") +
                              " positional arguments (" + std::to_string(npos) + " given)");
            return Unknown;
        }
        const Type* t = it.name == "reversed" ? items[0]
                        : it.name == "enumerate" ? Type::tuple({Type::int_(), items[0]})
                                                 : Type::tuple(items);
        it.type = t;
        return t;
    }
    const Type* t = type_expr(it);
    if (is_list(t)) return t->elem();
    if (t && t->is(TypeKind::Tuple) && known(t)) {
        const Type* elem = t->elems.empty() ? Unknown : t->elems[0];
        for (const Type* x : t->elems)
            if (x != elem) {
                error(it.loc, "iterating over " + quoted(t) + " gives items of different types: unpack it instead");
                return Unknown;
            }
        return elem;
    }
    if (known(t)) error(it.loc, "'" + py_name(t) + "' object is not iterable");
    return Unknown;
}

const Type* Solver::subscript(Expr& e) {
    const Type* t = type_expr(*e.args[0]);
    if (t && t->is(TypeKind::Tuple) && known(t)) {
        // a fixed-size tuple: the position must be a constant, and picks the type
        Expr& index = *e.args[1];
        bool negated = index.kind == ExprKind::Unary && static_cast<ir::UnOp>(index.op) == ir::UnOp::Neg &&
                       index.args[0]->kind == ExprKind::IntConst;
        if (index.kind != ExprKind::IntConst && !negated) {
            error(index.loc, "a tuple's index must be an integer constant (each position has its own type)");
            return Unknown;
        }
        e.kind = ExprKind::TupleGet;
        e.ival = negated ? -index.args[0]->ival : index.ival;
        e.op = -1;
        e.args.pop_back();
        return tuple_get(e);
    }
    check_index(*e.args[1], "list");
    if (is_list(t)) return t->elem();
    if (known(t)) error(e.loc, "'" + py_name(t) + "' object is not subscriptable");
    return Unknown;
}

const Type* Solver::slice(Expr& e) {
    const Type* t = type_expr(*e.args[0]);
    for (size_t i = 1; i < 4; ++i) {
        const Type* b = type_expr(*e.args[i]);
        if (known(b) && !is_intlike(b) && !b->is(TypeKind::None)) {
            error(e.args[i]->loc, "slice indices must be integers or None, not " + py_name(b));
            return Unknown;
        }
    }
    if (is_list(t)) return t;
    if (known(t)) error(e.loc, "'" + py_name(t) + "' object is not subscriptable");
    return Unknown;
}

void Solver::store(Stmt& s) {
    Expr& target = *s.target;
    const Type* c = type_expr(*target.args[0]);
    const Type* v = type_expr(*s.value);
    if (c && c->is(TypeKind::Tuple)) {
        error(target.loc, "'tuple' object does not support item assignment");
        return;
    }
    if (target.kind == ExprKind::Subscript) {
        check_index(*target.args[1], "list");
        if (target.args[0]->kind == ExprKind::Var && v != Unknown) join_var(target.args[0]->var, Type::list(v), s.loc);
        c = type_expr(*target.args[0]);
        target.type = is_list(c) ? c->elem() : Unknown;
        if (is_list(c)) elem_ok(*s.value, c->elem(), "assign");
    } else {  // a slice
        slice(target);
        target.type = c;
        if (known(v) && !is_list(v)) {
            error(s.value->loc, "can only assign a list to a slice of a list (not " + quoted(v) + ")");
            return;
        }
        if (is_list(c) && is_list(v) && !join(c, v))
            error(s.value->loc, "cannot assign a " + quoted(v) + " to a slice of a " + quoted(c));
        refine(*s.value, c);
    }
    if (known(c) && !is_list(c)) error(target.loc, "'" + py_name(c) + "' object does not support item assignment");
}

void Solver::del(Stmt& s) {
    Expr& target = *s.target;
    const Type* c = type_expr(*target.args[0]);
    if (target.kind == ExprKind::Subscript) {
        check_index(*target.args[1], "list");
        target.type = is_list(c) ? c->elem() : Unknown;
    } else {
        slice(target);
        target.type = c;
    }
    if (known(c) && !is_list(c)) error(target.loc, "'" + py_name(c) + "' object does not support item deletion");
}

const Type* Solver::method(Expr& e) {
    const Type* t = type_expr(*e.args[0]);
    std::vector<const Type*> ts;
    for (size_t i = 1; i < e.args.size(); ++i) ts.push_back(type_expr(*e.args[i]));
    if (!t || t == Unknown) return Unknown;
    if (!is_list(t)) {
        error(e.loc, "'" + py_name(t) + "' object has no attribute '" + e.name + "' that pyrite supports");
        return Unknown;
    }
    const Type* elem = t->elem();
    size_t npos = ts.size() - e.kwnames.size();
    auto arity = [&](size_t lo, size_t hi) {
        if (npos >= lo && npos <= hi) return true;
        std::string takes = lo == hi ? (lo == 0 ? "no arguments" : "exactly one argument")
                                     : "at most " + std::to_string(hi) + " arguments";
        error(e.loc, "list." + e.name + "() takes " + takes + " (" + std::to_string(npos) + " given)");
        return false;
    };
    auto no_keywords = [&]() {
        if (e.kwnames.empty()) return true;
        error(e.loc, "list." + e.name + "() takes no keyword arguments");
        return false;
    };
    // the receiver is a variable: what is stored into it tells its element type
    auto learn = [&](const Type* item) {
        if (e.args[0]->kind == ExprKind::Var && item && item != Unknown)
            join_var(e.args[0]->var, Type::list(item), e.loc);
        const Type* now = type_expr(*e.args[0]);
        elem = is_list(now) ? now->elem() : elem;
    };
    const std::string& m = e.name;
    if (m == "append") {
        if (!no_keywords() || !arity(1, 1)) return Unknown;
        learn(ts[0]);
        elem_ok(*e.args[1], elem, "append");
        return Type::none();
    }
    if (m == "extend") {
        if (!no_keywords() || !arity(1, 1)) return Unknown;
        if (known(ts[0]) && !is_list(ts[0])) {
            error(e.args[1]->loc, "pyrite's list.extend() takes a list, not " + quoted(ts[0]));
            return Unknown;
        }
        if (is_list(ts[0])) learn(ts[0]->elem());
        if (is_list(ts[0]) && known(ts[0]) && known(elem) && ts[0]->elem() != elem)
            error(e.args[1]->loc, "cannot extend a 'list[" + elem->str() + "]' with a " + quoted(ts[0]));
        refine(*e.args[1], Type::list(elem));
        return Type::none();
    }
    if (m == "insert") {
        if (!no_keywords() || !arity(2, 2)) return Unknown;
        check_index(*e.args[1], "list");
        learn(ts[1]);
        elem_ok(*e.args[2], elem, "insert");
        return Type::none();
    }
    if (m == "pop") {
        if (!no_keywords() || !arity(0, 1)) return Unknown;
        if (npos == 1) check_index(*e.args[1], "list");
        return elem;
    }
    if (m == "remove" || m == "index" || m == "count") {
        if (!no_keywords() || !arity(1, 1)) return Unknown;
        if (known(ts[0]) && known(elem) && ts[0] != elem && !(ts[0]->is_numeric() && elem->is_numeric())) {
            error(e.args[1]->loc, "a " + quoted(t) + " holds no " + quoted(ts[0]) + " values");
            return Unknown;
        }
        if (known(ts[0]) && known(elem) && ts[0] != elem) {
            // 1 == 1.0 == True: CPython finds an int in a list of floats; pyrite needs one type
            error(e.args[1]->loc, "look for a value of the list's element type " + quoted(elem) + " (convert it)");
            return Unknown;
        }
        return m == "remove" ? Type::none() : Type::int_();
    }
    if (m == "reverse" || m == "clear" || m == "copy") {
        if (!no_keywords() || !arity(0, 0)) return Unknown;
        return m == "copy" ? t : Type::none();
    }
    if (m == "sort") {
        if (!arity(0, 0)) return Unknown;
        for (size_t k = 0; k < e.kwnames.size(); ++k) {
            if (e.kwnames[k] == "reverse") continue;
            error(e.loc, e.kwnames[k] == "key" ? "list.sort(key=...) is not supported yet"
                                               : "sort() got an unexpected keyword argument '" + e.kwnames[k] + "'");
            return Unknown;
        }
        return Type::none();
    }
    error(e.loc, "'list' object has no attribute '" + m + "' that pyrite supports");
    return Unknown;
}

const Type* Solver::intrinsic(Expr& e) {
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    size_t npos = ts.size() - e.kwnames.size();
    const std::string& n = e.name;
    for (const Type* t : ts)
        if (!t || t == Unknown) return Unknown;
    auto fail = [&](const std::string& msg) {
        error(e.loc, msg);
        return Unknown;
    };
    auto keywords = [&](std::initializer_list<const char*> allowed) {
        for (const std::string& k : e.kwnames) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || k == a;
            if (!ok) {
                error(e.loc, n + "() got an unexpected keyword argument '" + k + "'" +
                                 (k == "key" ? " (key= is not supported yet)" : ""));
                return false;
            }
        }
        return true;
    };
    if (n == "len") {
        if (npos != 1 || !e.kwnames.empty()) return fail("len() takes exactly one argument (" + std::to_string(npos) + " given)");
        if (!is_list(ts[0]) && !ts[0]->is(TypeKind::Tuple))
            return fail("object of type '" + py_name(ts[0]) + "' has no len()");
        return Type::int_();
    }
    if (n == "list") {
        if (!e.kwnames.empty() || npos > 1) return fail("list expected at most 1 argument, got " + std::to_string(npos));
        if (npos == 0) return Type::list(Unknown);
        if (!is_list(ts[0])) return fail("list() of '" + py_name(ts[0]) + "' is not supported (pyrite copies lists)");
        return ts[0];
    }
    if (n == "sorted") {
        if (npos != 1) return fail("sorted expected 1 argument, got " + std::to_string(npos));
        if (!keywords({"reverse"})) return Unknown;
        if (!is_list(ts[0])) return fail("sorted() of '" + py_name(ts[0]) + "' is not supported (pyrite sorts lists)");
        for (size_t i = npos; i < ts.size(); ++i)
            if (!is_intlike(ts[i])) return fail("sorted(reverse=...) takes a bool");
        return ts[0];
    }
    if (n == "any" || n == "all") {
        if (npos != 1 || !e.kwnames.empty()) return fail(n + "() takes exactly one argument (" + std::to_string(npos) + " given)");
        if (!is_list(ts[0])) return fail(n + "() of '" + py_name(ts[0]) + "' is not supported");
        return Type::bool_();
    }
    if (n == "sum") {
        if (!keywords({"start"})) return Unknown;
        if (ts.size() < 1 || ts.size() > 2 || npos < 1)
            return fail("sum() takes an iterable and an optional start");
        if (!is_list(ts[0]) || !ts[0]->elem()->is_numeric())
            return fail("sum() of '" + ts[0]->str() + "' is not supported (pyrite sums lists of numbers)");
        const Type* start = ts.size() == 2 ? ts[1] : Type::int_();
        if (!start->is_numeric()) return fail("sum() start must be a number here, not " + quoted(start));
        bool any_float = start->is(TypeKind::Float) || ts[0]->elem()->is(TypeKind::Float);
        return any_float ? Type::float_() : Type::int_();
    }
    if (n == "min" || n == "max") {
        if (!e.kwnames.empty()) return fail(n + "() with key= or default= is not supported yet");
        if (!is_list(ts[0])) return fail(n + "() of '" + py_name(ts[0]) + "' is not supported (pyrite takes a list)");
        const Type* el = ts[0]->elem();
        if (!el->is_numeric() && !el->is(TypeKind::Tuple) && !is_list(el))
            return fail(n + "() of " + quoted(ts[0]) + " is not supported");
        return el;
    }
    return fail(n + "() is not supported here");
}

const Type* Solver::list_binary(Expr& e, const Type* a, const Type* b) {
    auto op = static_cast<BinOp>(e.op);
    if (op == BinOp::Add && is_list(a) && is_list(b)) {
        const Type* j = join(a, b);
        if (!j) {
            error(e.loc, "can only concatenate a " + quoted(a) + " with the same type, not " + quoted(b));
            return Unknown;
        }
        // xs += ys extends xs in place: what it is joined into is xs itself
        if (e.inplace && e.args[0]->kind == ExprKind::Var) join_var(e.args[0]->var, j, e.loc);
        refine(*e.args[0], j);
        refine(*e.args[1], j);
        return j;
    }
    if (op == BinOp::Mul && ((is_list(a) && is_intlike(b)) || (is_intlike(a) && is_list(b)))) return is_list(a) ? a : b;
    if (known(a) && known(b))
        error(e.loc, std::string("unsupported operand type(s) for ") + ir::symbol(op) + (e.inplace ? "=" : "") +
                         ": '" + py_name(a) + "' and '" + py_name(b) + "'");
    return Unknown;
}

bool Solver::contains_ok(Expr& e, const Type* item, const Type* container) {
    if (!is_list(container) && !container->is(TypeKind::Tuple)) {
        error(e.loc, "argument of type '" + py_name(container) + "' is not iterable");
        return false;
    }
    if (is_list(container)) {
        const Type* el = container->elem();
        if (item == el) return true;
        error(e.loc, "'in' looks for a " + quoted(item) + " in a " + quoted(container) +
                         ": use a value of the element type (convert it)");
        return false;
    }
    for (const Type* x : container->elems)
        if (x != item) {
            error(e.loc, "'in' on a tuple needs items of the value's type " + quoted(item));
            return false;
        }
    return true;
}

}  // namespace pyrite::typeinfer::detail
