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
bool is_dict(const Type* t) { return t && t->is(TypeKind::Dict); }
bool is_set(const Type* t) { return t && t->is(TypeKind::Set); }
bool is_str(const Type* t) { return t && t->is(TypeKind::Str); }
bool is_tuple_of(const Type* t) { return t && t->is(TypeKind::TupleOf); }
bool is_array(const Type* t) { return t && t->is(TypeKind::Array); }
std::string float_hint(const Type* want, const Type* got) {
    return want->is(TypeKind::Float) && got->is(TypeKind::Int) ? " (write a float literal such as 0.0, or float(...))"
                                                                : "";
}
}  // namespace

// Values that <, sorted() and min() can order: numbers, str, and tuples and lists of them
bool Solver::orderable(const Type* t) const {
    if (t->is_numeric() || is_str(t)) return true;
    if (is_list(t)) return orderable(t->elem());
    if (t->is(TypeKind::Tuple)) {
        for (const Type* x : t->elems)
            if (!orderable(x)) return false;
        return true;
    }
    return false;
}

// key=lambda x: ...: x is an item; the body's type is the key's, which must be orderable
const Type* Solver::key_function(Expr& lambda, const Type* item) {
    if (lambda.kind != ExprKind::Lambda) return Unknown;
    if (item && item != Unknown) join_var(lambda.var, item, lambda.loc);
    const Type* k = type_expr(lambda);
    if (known(k) && !orderable(k)) {
        error(lambda.loc, "the key function returns " + quoted(k) + ", which pyrite cannot order");
        return Unknown;
    }
    return k;
}

// A container variable whose element types are still being learned from what is stored into it
bool Solver::learns(const Expr& receiver) const {
    return receiver.kind == ExprKind::Var && !f_->vars[receiver.var].declared;
}

// An expression whose type is a less known form of `want` (an empty display,
// a comprehension building an empty list) takes `want`, so codegen can name it.
void Solver::refine(Expr& e, const Type* want) {
    if (!want || !e.type || e.type == want || join(e.type, want) != want) return;
    // T and None become T | None by conversion in codegen, not by retyping
    if (want->is(TypeKind::Optional) && !e.type->is(TypeKind::Optional)) return;
    e.type = want;
    switch (e.kind) {
        case ExprKind::List:
        case ExprKind::SetDisplay:
            for (ir::ExprP& a : e.args) refine(*a, want->elem());
            break;
        case ExprKind::DictDisplay:
            for (size_t i = 0; i < e.args.size(); ++i) refine(*e.args[i], i % 2 ? want->value() : want->elem());
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
bool Solver::elem_ok(Expr& value, const Type* elem, const std::string& what, const Type* container) {
    const Type* t = value.type;
    if (!t || !known(elem)) return true;
    if (join(t, elem) == elem) {  // also fills in an empty display: d.get(k, [])
        refine(value, elem);
        return true;
    }
    if (!known(t)) return true;
    std::string where = container ? " to a " + quoted(container) : " where the container holds " + quoted(elem);
    error(value.loc, "cannot " + what + " a value of type " + quoted(t) + where + ": CPython would keep it as " +
                         py_name(t) + float_hint(elem, t));
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

// The one item type of a list or set display ({a, b}: hashable too); null after a diagnostic.
const Type* Solver::display_elem(Expr& e, const char* what, bool hashable) {
    const Type* elem = Unknown;
    for (ir::ExprP& a : e.args) {
        const Type* t = type_expr(*a);
        const Type* j = join(elem, t);
        if (!j) {
            error(a->loc, std::string("this ") + what + " holds " + quoted(elem) + " and " + quoted(t) +
                              " values: pyrite's " + what + "s hold one type (convert, or use a tuple)");
            return nullptr;
        }
        if (hashable && known(j) && !j->is_hashable()) {
            error(a->loc, "unhashable type: '" + py_name(t) + "'");
            return nullptr;
        }
        elem = j;
    }
    for (ir::ExprP& a : e.args) refine(*a, elem);
    return elem;
}

const Type* Solver::list_display(Expr& e) {
    const Type* elem = display_elem(e, "list", false);
    return elem ? Type::list(elem) : Unknown;
}

const Type* Solver::set_display(Expr& e) {
    const Type* elem = display_elem(e, "set", true);
    return elem ? Type::set(elem) : Unknown;
}

const Type* Solver::dict_display(Expr& e) {
    const Type* key = Unknown;
    const Type* value = Unknown;
    for (size_t i = 0; i < e.args.size(); ++i) {
        const Type* t = type_expr(*e.args[i]);
        const Type*& slot = i % 2 ? value : key;
        const Type* j = join(slot, t);
        if (!j) {
            error(e.args[i]->loc, std::string("this dict's ") + (i % 2 ? "values" : "keys") + " are " + quoted(slot) +
                                      " and " + quoted(t) + ": pyrite's dicts hold one key type and one value type");
            return Unknown;
        }
        if (i % 2 == 0 && known(j) && !j->is_hashable()) {
            error(e.args[i]->loc, "unhashable type: '" + py_name(t) + "'");
            return Unknown;
        }
        slot = j;
    }
    for (size_t i = 0; i < e.args.size(); ++i) refine(*e.args[i], i % 2 ? value : key);
    return Type::dict(key, value);
}

// A key looked up in a dict (or an item in a set) whose key type is `want`:
// the key's type, or a number that converts to it (d[1] in a dict[float, ...]
// finds 1.0, as in CPython, where 1 == 1.0 and hash(1) == hash(1.0)).
bool Solver::key_ok(Expr& key, const Type* want, const Type* container) {
    const Type* t = key.type;
    if (!known(t) || !known(want)) return true;
    if (join(t, want) == want) {
        refine(key, want);
        return true;
    }
    if (t->is_numeric() && want->is_numeric() && conversion_cost(t, want) >= 0) return true;
    if (!t->is_hashable()) {
        error(key.loc, "unhashable type: '" + py_name(t) + "'");
        return false;
    }
    error(key.loc, "a " + quoted(container) + " has no " + quoted(t) + " keys: look up a value of type " +
                       quoted(want) + " (convert it)");
    return false;
}

// The item type of iterating a value of type t; Unknown (and a diagnostic) if it is not iterable.
const Type* Solver::iterable_elem(const Type* t, Loc at) {
    if (!t || !known(t)) {
        if (t && (is_list(t) || is_set(t))) return t->elem();
        if (t && is_dict(t)) return t->elem();
        return Unknown;
    }
    if (is_list(t) || is_set(t) || is_dict(t) || is_tuple_of(t)) return t->elem();
    if (is_str(t)) return Type::str_();
    if (t->is(TypeKind::Range)) return Type::int_();
    if (is_array(t)) return t->ndim == 1 ? t->elem() : Type::array(t->elem(), t->ndim - 1);
    if (t->is(TypeKind::Tuple)) {
        const Type* elem = t->elems.empty() ? Type::int_() : t->elems[0];
        for (const Type* x : t->elems)
            if (x != elem) {
                error(at, "iterating over " + quoted(t) + " gives items of different types: unpack it instead");
                return Unknown;
            }
        return elem;
    }
    if (t->is(TypeKind::Optional))
        error(at, "this value may be None (type " + quoted(t) + "): check 'is not None' before iterating");
    else
        error(at, "'" + py_name(t) + "' object is not iterable");
    return Unknown;
}

// The type of each item a for loop (or comprehension) gets from `iterable`.
const Type* Solver::iter_elem(Expr& it) {
    if (it.kind == ExprKind::Intrinsic && ops::has(it.operation, ops::LoopOnly)) {  // enumerate, zip, reversed
        const std::string name = ops::info(it.operation).py;
        std::vector<const Type*> items;
        size_t npos = it.args.size() - it.kwnames.size();
        for (size_t i = 0; i < it.args.size(); ++i) {
            const Type* t = type_expr(*it.args[i]);
            if (i >= npos) {  // enumerate(xs, start=1)
                if (it.operation != Op::Enumerate || it.kwnames[i - npos] != "start") {
                    error(it.args[i]->loc, name + "() got an unexpected keyword argument '" + it.kwnames[i - npos] + "'");
                    return Unknown;
                }
                continue;
            }
            if (it.operation == Op::Enumerate && i == 1) {
                if (known(t) && !is_intlike(t)) {
                    error(it.args[i]->loc, "'" + py_name(t) + "' object cannot be interpreted as an integer");
                    return Unknown;
                }
                continue;
            }
            if (!known(t)) return Unknown;
            if (it.operation == Op::Reversed && !is_list(t) && !is_str(t) && !is_tuple_of(t) && !t->is(TypeKind::Range)) {
                error(it.args[i]->loc, "reversed() of '" + py_name(t) + "' is not supported (pyrite reverses lists, tuples and str)");
                return Unknown;
            }
            const Type* el = iterable_elem(t, it.args[i]->loc);
            if (el == Unknown) return Unknown;
            items.push_back(el);
        }
        size_t want_min = 1, want_max = it.operation == Op::Zip ? 1000 : it.operation == Op::Enumerate ? 2 : 1;
        if (npos < want_min || npos > want_max) {
            error(it.loc, name + "() takes " + (it.operation == Op::Enumerate ? "1 or 2" : it.operation == Op::Zip ? "1 or more" : "exactly one") +
                              " positional arguments (" + std::to_string(npos) + " given)");
            return Unknown;
        }
        const Type* t = it.operation == Op::Reversed ? items[0]
                        : it.operation == Op::Enumerate ? Type::tuple({Type::int_(), items[0]})
                                                 : Type::tuple(items);
        it.type = t;
        return t;
    }
    const Type* t = type_expr(it);
    if (t == Unknown) return Unknown;
    return iterable_elem(t, it.loc);
}

const Type* Solver::subscript(Expr& e) {
    const Type* t = type_expr(*e.args[0]);
    if (t && t->is(TypeKind::Tuple) && known(t)) {
        // a fixed-size tuple: the position must be a constant, and picks the type (the
        // normalize pass makes it a TupleGet)
        Expr& index = *e.args[1];
        std::int64_t pos;
        switch (tuple_position(index, static_cast<std::int64_t>(t->elems.size()), &pos)) {
            case TuplePosition::NotConstant:
                error(index.loc, "a tuple's index must be an integer constant (each position has its own type)");
                return Unknown;
            case TuplePosition::OutOfRange: error(e.loc, "tuple index out of range"); return Unknown;
            case TuplePosition::Ok: break;
        }
        type_expr(index);
        return t->elems[pos];
    }
    if (is_dict(t)) {
        type_expr(*e.args[1]);
        key_ok(*e.args[1], t->elem(), t);
        return t->value();
    }
    if (is_array(t)) return array_index(e, t);
    check_index(*e.args[1], is_str(t) ? "string" : is_tuple_of(t) ? "tuple" : t && t->is(TypeKind::Range) ? "range" : "list");
    if (is_list(t) || is_tuple_of(t)) return t->elem();
    if (t && t->is(TypeKind::Range)) return Type::int_();
    if (is_str(t)) return t;
    if (t && t->is(TypeKind::Optional))
        error(e.loc, "this value may be None (type " + quoted(t) + "): check 'is not None' before indexing");
    else if (known(t))
        error(e.loc, "'" + py_name(t) + "' object is not subscriptable");
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
    if (is_list(t) || is_str(t) || is_tuple_of(t) || is_array(t)) return t;  // a[1:3] of an array: a view
    if (known(t)) error(e.loc, "'" + py_name(t) + "' object is not subscriptable");
    return Unknown;
}

void Solver::store(Stmt& s) {
    Expr& target = *s.target;
    const Type* c = type_expr(*target.args[0]);
    const Type* v = type_expr(*s.value);
    if (c && (c->is(TypeKind::Tuple) || is_tuple_of(c))) {
        error(target.loc, "'tuple' object does not support item assignment");
        return;
    }
    if (is_array(c)) {  // a[i, j] = v, a[1:3] = v, a[mask] = v (arrays.cpp)
        array_store(s, c, v);
        return;
    }
    if (target.kind == ExprKind::Subscript && is_dict(c)) {
        const Type* k = type_expr(*target.args[1]);
        if (learns(*target.args[0]) && (k != Unknown || v != Unknown)) join_var(target.args[0]->var, Type::dict(k, v), s.loc);
        c = type_expr(*target.args[0]);
        target.type = is_dict(c) ? c->value() : Unknown;
        if (is_dict(c)) {
            key_ok(*target.args[1], c->elem(), c);
            elem_ok(*s.value, c->value(), "store");
        }
        return;
    }
    if (target.kind == ExprKind::Subscript) {
        check_index(*target.args[1], "list");
        if (learns(*target.args[0]) && v != Unknown) join_var(target.args[0]->var, Type::list(v), s.loc);
        c = type_expr(*target.args[0]);
        target.type = is_list(c) ? c->elem() : Unknown;
        if (is_list(c)) elem_ok(*s.value, c->elem(), "assign", c);
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
    if (target.kind == ExprKind::Subscript && is_dict(c)) {
        type_expr(*target.args[1]);
        key_ok(*target.args[1], c->elem(), c);
        target.type = c->value();
        return;
    }
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
    if (is_str(t)) {
        // "{}".format(...): any values (text.hpp's str_format); str's other methods are builtins
        // taking the string first (runtime/include/pyrite/builtins/text.hpp)
        e.operation = ops::lookup(ops::Recv::Str, e.name);
        if (e.operation == Op::StrFormat) return intrinsic(e);
        return call_builtin(e, "str." + e.name);
    }
    std::vector<const Type*> ts;
    for (size_t i = 1; i < e.args.size(); ++i) ts.push_back(type_expr(*e.args[i]));
    if (!t || t == Unknown) return Unknown;
    if (t->is(TypeKind::Optional)) {
        error(e.args[0]->loc, "this value may be None (type " + quoted(t) + "): check 'is not None' before calling ." +
                                  e.name + "()");
        return Unknown;
    }
    if (is_array(t)) return array_method(e, t);  // arrays.cpp
    if (is_tuple_of(t)) e.operation = ops::lookup(ops::Recv::TupleOf, e.name);
    if (is_tuple_of(t) && e.operation != Op::None && e.kwnames.empty() && ts.size() == 1) {
        if (known(ts[0]) && ts[0] != t->elem() && !(ts[0]->is_numeric() && t->elem()->is_numeric())) {
            error(e.args[1]->loc, "a " + quoted(t) + " holds no " + quoted(ts[0]) + " values");
            return Unknown;
        }
        if (known(ts[0]) && ts[0] != t->elem()) {
            error(e.args[1]->loc, "look for a value of the tuple's item type " + quoted(t->elem()) + " (convert it)");
            return Unknown;
        }
        return Type::int_();
    }
    if (!is_list(t) && !is_dict(t) && !is_set(t)) {
        error(e.loc, "'" + py_name(t) + "' object has no attribute '" + e.name + "' that pyrite supports");
        return Unknown;
    }
    size_t npos = ts.size() - e.kwnames.size();
    std::string tname = py_name(t);
    auto arity = [&](size_t lo, size_t hi) {
        if (npos >= lo && npos <= hi) return true;
        std::string takes = lo == hi ? (lo == 0 ? "no arguments" : lo == 1 ? "exactly one argument" : "exactly " + std::to_string(lo) + " arguments")
                                     : lo + 1 == hi && lo > 0 ? std::to_string(lo) + " or " + std::to_string(hi) + " arguments"
                                     : "at most " + std::to_string(hi) + " arguments";
        error(e.loc, tname + "." + e.name + "() takes " + takes + " (" + std::to_string(npos) + " given)");
        return false;
    };
    auto no_keywords = [&]() {
        if (e.kwnames.empty()) return true;
        error(e.loc, tname + "." + e.name + "() takes no keyword arguments");
        return false;
    };
    e.operation = ops::lookup(is_dict(t) ? ops::Recv::Dict : is_set(t) ? ops::Recv::Set : ops::Recv::List, e.name);
    if (is_dict(t)) return dict_method(e, t, ts, arity, no_keywords);
    if (is_set(t)) return set_method(e, t, ts, arity, no_keywords);
    const Type* elem = t->elem();
    // the receiver is a variable: what is stored into it tells its element type
    auto learn = [&](const Type* item) {
        if (learns(*e.args[0]) && item && item != Unknown) join_var(e.args[0]->var, Type::list(item), e.loc);
        const Type* now = type_expr(*e.args[0]);
        elem = is_list(now) ? now->elem() : elem;
    };
    const std::string& m = e.name;
    const Op op = e.operation;
    if (op == Op::ListAppend) {
        if (!no_keywords() || !arity(1, 1)) return Unknown;
        learn(ts[0]);
        elem_ok(*e.args[1], elem, "append", Type::list(elem));
        return Type::none();
    }
    if (op == Op::ListExtend) {
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
    if (op == Op::ListInsert) {
        if (!no_keywords() || !arity(2, 2)) return Unknown;
        check_index(*e.args[1], "list");
        learn(ts[1]);
        elem_ok(*e.args[2], elem, "insert", Type::list(elem));
        return Type::none();
    }
    if (op == Op::ListPop) {
        if (!no_keywords() || !arity(0, 1)) return Unknown;
        if (npos == 1) check_index(*e.args[1], "list");
        return elem;
    }
    if (op == Op::ListRemove || op == Op::ListIndex || op == Op::ListCount) {
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
        return op == Op::ListRemove ? Type::none() : Type::int_();
    }
    if (op == Op::ListReverse || op == Op::ListClear || op == Op::ListCopy) {
        if (!no_keywords() || !arity(0, 0)) return Unknown;
        return op == Op::ListCopy ? t : Type::none();
    }
    if (op == Op::ListSort) {
        if (!arity(0, 0)) return Unknown;
        for (size_t k = 0; k < e.kwnames.size(); ++k) {
            if (e.kwnames[k] == "reverse") continue;
            if (e.kwnames[k] == "key") {
                if (key_function(*e.args[1 + npos + k], elem) == Unknown) return Unknown;
                continue;
            }
            error(e.loc, "sort() got an unexpected keyword argument '" + e.kwnames[k] + "'");
            return Unknown;
        }
        return Type::none();
    }
    error(e.loc, "'list' object has no attribute '" + m + "' that pyrite supports");
    return Unknown;
}

const Type* Solver::dict_method(Expr& e, const Type* t, const std::vector<const Type*>& ts,
                                const std::function<bool(size_t, size_t)>& arity,
                                const std::function<bool()>& no_keywords) {
    const std::string& m = e.name;
    const Op op = e.operation;
    if (!no_keywords()) return Unknown;
    // the receiver is a variable: what is stored into it tells its key and value types
    auto learn = [&](const Type* k, const Type* v) {
        if (learns(*e.args[0]) && (k != Unknown || v != Unknown)) join_var(e.args[0]->var, Type::dict(k, v), e.loc);
        t = type_expr(*e.args[0]);
    };
    if (op == Op::DictGet) {
        if (!arity(1, 2)) return Unknown;
        key_ok(*e.args[1], t->elem(), t);
        if (ts.size() == 1) return Type::optional(t->value());
        learn(Unknown, ts[1]->is(TypeKind::None) ? Unknown : ts[1]);
        if (ts[1]->is(TypeKind::None)) return Type::optional(t->value());
        elem_ok(*e.args[2], t->value(), "use as the default");
        return t->value();
    }
    if (op == Op::DictSetDefault) {
        if (!arity(2, 2)) return Unknown;
        learn(ts[0], ts[1]);
        key_ok(*e.args[1], t->elem(), t);
        elem_ok(*e.args[2], t->value(), "store");
        return t->value();
    }
    if (op == Op::DictPop) {
        if (!arity(1, 2)) return Unknown;
        key_ok(*e.args[1], t->elem(), t);
        if (ts.size() == 2) elem_ok(*e.args[2], t->value(), "use as the default");
        return t->value();
    }
    if (op == Op::DictPopItem) {
        if (!arity(0, 0)) return Unknown;
        return Type::tuple({t->elem(), t->value()});
    }
    if (op == Op::DictKeys || op == Op::DictValues || op == Op::DictItems) {
        if (!arity(0, 0)) return Unknown;
        // a list of them: views are iterated live by for loops (codegen), elsewhere a snapshot is the same
        return op == Op::DictKeys ? Type::list(t->elem()) : op == Op::DictValues ? Type::list(t->value())
                                                   : Type::list(Type::tuple({t->elem(), t->value()}));
    }
    if (op == Op::DictUpdate) {
        if (!arity(1, 1)) return Unknown;
        if (known(ts[0]) && !is_dict(ts[0])) {
            error(e.args[1]->loc, "pyrite's dict.update() takes a dict, not " + quoted(ts[0]));
            return Unknown;
        }
        if (is_dict(ts[0])) learn(ts[0]->elem(), ts[0]->value());
        if (known(ts[0]) && known(t) && ts[0] != t) error(e.args[1]->loc, "cannot update a " + quoted(t) + " with a " + quoted(ts[0]));
        refine(*e.args[1], t);
        return Type::none();
    }
    if (op == Op::DictClear || op == Op::DictCopy) {
        if (!arity(0, 0)) return Unknown;
        return op == Op::DictCopy ? t : Type::none();
    }
    error(e.loc, "'dict' object has no attribute '" + m + "' that pyrite supports");
    return Unknown;
}

const Type* Solver::set_method(Expr& e, const Type* t, const std::vector<const Type*>& ts,
                               const std::function<bool(size_t, size_t)>& arity,
                               const std::function<bool()>& no_keywords) {
    const std::string& m = e.name;
    const Op op = e.operation;
    if (!no_keywords()) return Unknown;
    auto learn = [&](const Type* item) {
        if (learns(*e.args[0]) && item && item != Unknown) join_var(e.args[0]->var, Type::set(item), e.loc);
        t = type_expr(*e.args[0]);
    };
    if (op == Op::SetAdd) {
        if (!arity(1, 1)) return Unknown;
        learn(ts[0]);
        if (known(ts[0]) && !ts[0]->is_hashable()) {
            error(e.args[1]->loc, "unhashable type: '" + py_name(ts[0]) + "'");
            return Unknown;
        }
        elem_ok(*e.args[1], t->elem(), "add", t);
        return Type::none();
    }
    if (op == Op::SetDiscard || op == Op::SetRemove) {
        if (!arity(1, 1)) return Unknown;
        key_ok(*e.args[1], t->elem(), t);
        return Type::none();
    }
    if (op == Op::SetPop) {
        if (!arity(0, 0)) return Unknown;
        return t->elem();
    }
    if (op == Op::SetClear || op == Op::SetCopy) {
        if (!arity(0, 0)) return Unknown;
        return op == Op::SetCopy ? t : Type::none();
    }
    if (op != Op::None && ops::info(op).rule == ops::Rule::WithSet) {
        if (!arity(1, 1)) return Unknown;
        if (known(ts[0]) && !is_set(ts[0])) {
            error(e.args[1]->loc, "pyrite's set." + m + "() takes a set, not " + quoted(ts[0]) + " (convert it with set(...))");
            return Unknown;
        }
        if (is_set(ts[0]) && (op == Op::SetUpdate || op == Op::SetSymDiffUpdate)) learn(ts[0]->elem());
        if (known(ts[0]) && known(t) && ts[0] != t) {
            error(e.args[1]->loc, "set." + m + "() of a " + quoted(t) + " and a " + quoted(ts[0]) + ": pyrite's sets hold one type");
            return Unknown;
        }
        refine(*e.args[1], t);
        if (op == Op::SetIsSubset || op == Op::SetIsSuperset || op == Op::SetIsDisjoint) return Type::bool_();
        return ops::has(op, ops::Mutates) ? Type::none() : t;  // the _update forms change the set in place
    }
    error(e.loc, "'set' object has no attribute '" + m + "' that pyrite supports");
    return Unknown;
}

const Type* Solver::intrinsic(Expr& e) {
    const Op op = e.operation;
    if (ops::info(op).recv == ops::Recv::NumPy) return numpy_call(e);  // arrays.cpp
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    size_t npos = ts.size() - e.kwnames.size();
    const std::string n = ops::info(op).py;  // for messages
    // key=: its parameter takes the item type before anything else is checked
    for (size_t i = npos; i < e.args.size(); ++i)
        if (e.kwnames[i - npos] == "key" && (op == Op::Sorted || op == Op::MinOf || op == Op::MaxOf) && npos >= 1 && ts[0] &&
            ts[0] != Unknown) {
            const Type* el = iterable_elem(ts[0], e.args[0]->loc);
            ts[i] = key_function(*e.args[i], el);
        }
    if (op == Op::FString) {
        for (size_t i = 0; i < ts.size(); ++i)
            if (known(ts[i]) && !is_str(ts[i])) error(e.args[i]->loc, "an f-string part must be a str (a pyrite bug)");
        return Type::str_();
    }
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
    // the items of an iterable argument (Unknown after a diagnostic)
    auto items_of = [&](size_t i) { return iterable_elem(ts[i], e.args[i]->loc); };
    if (ops::info(op).recv == ops::Recv::Attr) {
        if (is_array(ts[0])) return array_attr(e, ts[0]);  // arrays.cpp
        return fail("'" + py_name(ts[0]) + "' object has no attribute '" + n + "' that pyrite supports");
    }
    if (op == Op::StrFormat) {
        if (!e.kwnames.empty()) return fail("pyrite's str.format() takes positional arguments only");
        if (e.args[0]->kind == ExprKind::StrConst) {  // a literal format: its fields are checked now
            const std::string& f = e.args[0]->name;
            for (size_t i = 0; i + 1 < f.size(); ++i) {
                if (f[i] == '{' && f[i + 1] == '{') {
                    ++i;
                    continue;
                }
                if (f[i] != '{') continue;
                size_t j = i + 1;
                while (j < f.size() && f[j] != '}' && f[j] != ':' && f[j] != '!') {
                    if (f[j] == '.' || f[j] == '[' || !(isdigit(static_cast<unsigned char>(f[j]))))
                        return fail("pyrite's str.format() takes positional fields ({} or {0}); this one names '" +
                                    f.substr(i + 1, j - i) + "...'");
                    ++j;
                }
            }
        }
        return Type::str_();
    }
    if (op == Op::IsInstance) {
        // isinstance(x, int) of a static type is a constant, or a None test for T | None
        const Type* t = ts[0]->is(TypeKind::Optional) ? ts[0]->elem() : ts[0];
        static const std::map<std::string, std::vector<TypeKind>> instances = {
            {"int", {TypeKind::Int, TypeKind::Bool}}, {"float", {TypeKind::Float}}, {"bool", {TypeKind::Bool}},
            {"str", {TypeKind::Str}},  {"list", {TypeKind::List}},  {"dict", {TypeKind::Dict}},
            {"set", {TypeKind::Set}},  {"tuple", {TypeKind::Tuple}}};
        e.holds = false;
        for (const std::string& c : e.classes)
            for (TypeKind k : instances.at(c)) e.holds = e.holds || t->is(k);
        return Type::bool_();
    }
    if (op == Op::StrOf || op == Op::Repr) {
        if (!e.kwnames.empty() || npos > 1) return fail(n + "() takes at most 1 argument (" + std::to_string(npos) + " given)");
        return Type::str_();
    }
    if (op == Op::Len) {
        if (npos != 1 || !e.kwnames.empty()) return fail("len() takes exactly one argument (" + std::to_string(npos) + " given)");
        if (!is_list(ts[0]) && !ts[0]->is(TypeKind::Tuple) && !is_str(ts[0]) && !is_dict(ts[0]) && !is_set(ts[0]) &&
            !is_tuple_of(ts[0]) && !ts[0]->is(TypeKind::Range) && !is_array(ts[0]))
            return fail("object of type '" + py_name(ts[0]) + "' has no len()");
        return Type::int_();
    }
    if (op == Op::RangeOf) {
        if (!e.kwnames.empty()) return fail("range() takes no keyword arguments");
        if (npos < 1 || npos > 3) return fail("range expected at most 3 arguments, got " + std::to_string(npos));
        for (size_t i = 0; i < npos; ++i)
            if (!is_intlike(ts[i])) return fail("'" + py_name(ts[i]) + "' object cannot be interpreted as an integer");
        return Type::range();
    }
    if (op == Op::TupleOfIt) {
        if (!e.kwnames.empty() || npos > 1) return fail("tuple expected at most 1 argument, got " + std::to_string(npos));
        if (npos == 0) return Type::tuple_of(Unknown);
        const Type* el = items_of(0);
        return el == Unknown ? Unknown : Type::tuple_of(el);
    }
    if (op == Op::ListOf || op == Op::SetOf) {
        if (!e.kwnames.empty() || npos > 1)
            return fail(n + " expected at most 1 argument, got " + std::to_string(npos));
        if (npos == 0) return op == Op::ListOf ? Type::list(Unknown) : Type::set(Unknown);
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        if (op == Op::SetOf && !el->is_hashable()) return fail("unhashable type: '" + py_name(el) + "'");
        return op == Op::ListOf ? Type::list(el) : Type::set(el);
    }
    if (op == Op::DictOf) {
        if (!e.kwnames.empty() || npos > 1) return fail("pyrite's dict() takes a dict or a list of pairs, and no keywords");
        if (npos == 0) return Type::dict(Unknown, Unknown);
        if (is_dict(ts[0])) return ts[0];
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        if (!el->is(TypeKind::Tuple) || el->elems.size() != 2)
            return fail("dict() takes pairs (key, value); these items are " + quoted(el));
        if (!el->elems[0]->is_hashable()) return fail("unhashable type: '" + py_name(el->elems[0]) + "'");
        return Type::dict(el->elems[0], el->elems[1]);
    }
    if (op == Op::Sorted) {
        if (npos != 1) return fail("sorted expected 1 argument, got " + std::to_string(npos));
        if (!keywords({"reverse", "key"})) return Unknown;
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        for (size_t i = npos; i < ts.size(); ++i)
            if (e.kwnames[i - npos] == "reverse" && !is_intlike(ts[i])) return fail("sorted(reverse=...) takes a bool");
        return Type::list(el);
    }
    if (op == Op::Any || op == Op::All) {
        if (npos != 1 || !e.kwnames.empty()) return fail(n + "() takes exactly one argument (" + std::to_string(npos) + " given)");
        if (items_of(0) == Unknown) return Unknown;
        return Type::bool_();
    }
    if (op == Op::Sum) {
        if (!keywords({"start"})) return Unknown;
        if (ts.size() < 1 || ts.size() > 2 || npos < 1)
            return fail("sum() takes an iterable and an optional start");
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        if (!el->is_numeric())
            return fail("sum() of " + quoted(el) + " items is not supported (pyrite sums numbers; use ''.join(...) for str)");
        const Type* start = ts.size() == 2 ? ts[1] : Type::int_();
        if (!start->is_numeric()) return fail("sum() start must be a number here, not " + quoted(start));
        bool any_float = start->is(TypeKind::Float) || el->is(TypeKind::Float);
        return any_float ? Type::float_() : Type::int_();
    }
    if (op == Op::MinOf || op == Op::MaxOf) {
        if (!keywords({"key", "default"})) return Unknown;
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        bool keyed = false;
        for (size_t i = npos; i < ts.size(); ++i) {
            if (e.kwnames[i - npos] == "key") keyed = true;
            if (e.kwnames[i - npos] == "default" && ts[i] != el) {
                elem_ok(*e.args[i], el, "use as the default");
                if (!known(ts[i]) || join(ts[i], el) != el) return Unknown;
            }
        }
        if (!keyed && !orderable(el)) return fail(n + "() of " + quoted(el) + " items is not supported");
        return el;
    }
    return fail(n + "() is not supported here");
}

const Type* Solver::container_binary(Expr& e, const Type* a, const Type* b) {
    auto op = static_cast<BinOp>(e.op);
    if (op == BinOp::Add && is_str(a) && is_str(b)) return a;
    if (op == BinOp::Add && (is_tuple_of(a) || is_tuple_of(b)) && join(a, b) && is_tuple_of(join(a, b))) return join(a, b);
    if (op == BinOp::Mul && ((is_tuple_of(a) && is_intlike(b)) || (is_intlike(a) && is_tuple_of(b))))
        return is_tuple_of(a) ? a : b;
    if (op == BinOp::Mul && ((is_str(a) && is_intlike(b)) || (is_intlike(a) && is_str(b)))) return Type::str_();
    if (is_set(a) && is_set(b) &&
        (op == BinOp::BitOr || op == BinOp::BitAnd || op == BinOp::Sub || op == BinOp::BitXor)) {
        const Type* j = join(a, b);
        if (!j) {
            error(e.loc, std::string("the operands of ") + ir::symbol(op) + " are a " + quoted(a) + " and a " +
                             quoted(b) + ": pyrite's sets hold one type");
            return Unknown;
        }
        if (e.inplace && learns(*e.args[0])) join_var(e.args[0]->var, j, e.loc);
        refine(*e.args[0], j);
        refine(*e.args[1], j);
        return j;
    }
    if (op == BinOp::Add && is_list(a) && is_list(b)) {
        const Type* j = join(a, b);
        if (!j) {
            error(e.loc, "can only concatenate a " + quoted(a) + " with the same type, not " + quoted(b));
            return Unknown;
        }
        // xs += ys extends xs in place: what it is joined into is xs itself
        if (e.inplace && learns(*e.args[0])) join_var(e.args[0]->var, j, e.loc);
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
    if (is_str(container)) {
        if (is_str(item)) return true;
        error(e.loc, "'in <string>' requires string as left operand, not " + py_name(item));
        return false;
    }
    if (is_dict(container) || is_set(container)) {
        Expr& key = *e.args[0];
        (void)key;
        if (item == container->elem()) return true;
        if (item->is_numeric() && container->elem()->is_numeric() && conversion_cost(item, container->elem()) >= 0) return true;
        if (!item->is_hashable()) {
            error(e.loc, "unhashable type: '" + py_name(item) + "'");
            return false;
        }
        error(e.loc, "'in' looks for a " + quoted(item) + " in a " + quoted(container) +
                         ": use a value of the key type (convert it)");
        return false;
    }
    if (container->is(TypeKind::Range)) {
        if (is_intlike(item)) return true;
        error(e.loc, "'in' on a range looks for an int here, not " + quoted(item));
        return false;
    }
    if (is_tuple_of(container)) {
        if (item == container->elem() || (item->is_numeric() && container->elem()->is_numeric())) return true;
        error(e.loc, "'in' looks for a " + quoted(item) + " in a " + quoted(container));
        return false;
    }
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
