// typeinfer: the operators: a op b of numbers and bool, of sequences, dicts and sets (container_binary:
// + and * of lists, strs, tuples and bytes, | & - ^ of sets and Counters, | of dicts; instances and
// arrays go to their own rules: classes.cpp, arrays.cpp) and `and`/`or`, whose value is one of its
// operands (in a condition, only their truth counts), comparisons.
#include <set>

#include "solver.hpp"

namespace pyrite::typeinfer::detail {

const Type* Solver::binary(Expr& e) {
    type_expr(*e.args[0]);
    type_expr(*e.args[1]);
    const Type* a = as_value(*e.args[0]);  // an IntEnum's member: its value (D.N + 1 is 1)
    const Type* b = as_value(*e.args[1]);
    auto container = [](const Type* t) {
        return t->is(TypeKind::List) || t->is(TypeKind::Str) || t->is(TypeKind::Bytes) || t->is(TypeKind::ByteArray) || t->is(TypeKind::Set) ||
               t->is(TypeKind::TupleOf) || t->is(TypeKind::Dict);
    };
    if ((container(a) || container(b)) && a != Unknown && b != Unknown) return container_binary(e, a, b);
    if (!known(a) || !known(b)) return Unknown;
    auto op = static_cast<BinOp>(e.op);
    if (a->is(TypeKind::Object) || b->is(TypeKind::Object)) return object_binary(e, a, b);  // a.__add__(b) (classes.cpp)
    std::string n = dunder_name(op);  // a NamedTuple whose class defines the operator (else a tuple's)
    if (named_dunder(a, "__" + n + "__") || (e.inplace && named_dunder(a, "__i" + n + "__")) || named_dunder(b, "__r" + n + "__"))
        return object_binary(e, a, b);
    if (op == BinOp::Add && a->is(TypeKind::Tuple) && b->is(TypeKind::Tuple)) {  // (a, b) + (c,): a plain tuple
        std::vector<const Type*> items = a->elems;
        items.insert(items.end(), b->elems.begin(), b->elems.end());
        return Type::tuple(items);
    }
    if (a->is(TypeKind::Array) || b->is(TypeKind::Array) || a->is(TypeKind::Scalar) || b->is(TypeKind::Scalar))
        return numpy_binary(e, a, b);  // arrays.cpp
    auto unsupported = [&]() {
        error(e.loc, std::string("unsupported operand type(s) for ") + ir::symbol(op) + ": '" + py_name(a) +
                         "' and '" + py_name(b) + "'" +
                         (a->is(TypeKind::Boxed) || b->is(TypeKind::Boxed) ? boxed_hint() : std::string()));
        return Unknown;
    };
    if (a->is(TypeKind::Complex) || b->is(TypeKind::Complex)) {  // complex.hpp: CPython's complexobject.c
        bool complex_op = op == BinOp::Add || op == BinOp::Sub || op == BinOp::Mul || op == BinOp::Div || op == BinOp::Pow;
        return complex_op && a->is_python_number() && b->is_python_number() ? Type::complex_() : unsupported();
    }
    if (a->is(TypeKind::Real) || b->is(TypeKind::Real)) {  // an int | float: the int's or the float's operation
        if (!a->is_real_number() || !b->is_real_number()) return unsupported();
        bool with_float = a->is(TypeKind::Float) || b->is(TypeKind::Float);
        switch (op) {
            case BinOp::Add:
            case BinOp::Sub:
            case BinOp::Mul:
            case BinOp::FloorDiv:
            case BinOp::Mod:
            case BinOp::Pow: return with_float ? Type::float_() : Type::real();
            case BinOp::Div: return Type::float_();
            default: return unsupported();  // << & | ^ of a value that may be a float
        }
    }
    if (!a->is_numeric() || !b->is_numeric()) return unsupported();
    bool any_float = a->is(TypeKind::Float) || b->is(TypeKind::Float);
    switch (op) {
        case BinOp::Add:
        case BinOp::Sub:
        case BinOp::Mul:
        case BinOp::FloorDiv:
        case BinOp::Mod: return any_float ? Type::float_() : Type::int_();
        case BinOp::Div: return Type::float_();
        case BinOp::Pow:
            if (any_float) return Type::float_();
            // int ** int: CPython's result type follows the exponent's sign.
            if (e.args[1]->kind == ExprKind::IntConst && e.args[1]->ival < 0) return Type::float_();
            return Type::int_();
        case BinOp::LShift:
        case BinOp::RShift:
            if (any_float) return unsupported();
            return Type::int_();
        case BinOp::BitAnd:
        case BinOp::BitOr:
        case BinOp::BitXor:
            if (any_float) return unsupported();
            return a->is(TypeKind::Bool) && b->is(TypeKind::Bool) ? Type::bool_() : Type::int_();
    }
    return Unknown;
}

// a < b, a == b < c, x in xs, a is None: each pair's operands must compare as CPython's do
const Type* Solver::compare(Expr& e) {
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    values_compared(e, ts);  // IntEnum members compared as their values (classes.cpp)
    // an operand that is a less known form of the other (s == [], i in [], s == set()) takes
    // the other's type: any element type compares the same, and codegen must name one
    for (size_t i = 0; i < e.cmps.size(); ++i) {
        Expr &l = *e.args[i], &r = *e.args[i + 1];
        if (!ts[i] || !ts[i + 1]) continue;
        CmpOp op = e.cmps[i];
        if (op == CmpOp::In || op == CmpOp::NotIn) {
            const Type* c = ts[i + 1];
            if (!known(ts[i]) || known(c)) continue;
            if (c->is(TypeKind::List)) refine(r, Type::list(ts[i]));
            if (c->is(TypeKind::Set)) refine(r, Type::set(ts[i], c->name));
            if (c->is(TypeKind::TupleOf)) refine(r, Type::tuple_of(ts[i]));
        } else if (const Type* j = join(ts[i], ts[i + 1]); j && known(j) && (!known(ts[i]) || !known(ts[i + 1]))) {
            refine(l, j);
            refine(r, j);
        } else if (is_set(ts[i]) && is_set(ts[i + 1]) && known(ts[i]) != known(ts[i + 1])) {  // fs == set()
            const Type* items = known(ts[i]) ? ts[i]->elem() : ts[i + 1]->elem();
            refine(l, Type::set(items, ts[i]->name));
            refine(r, Type::set(items, ts[i + 1]->name));
        }
        ts[i] = l.type ? l.type : ts[i];
        ts[i + 1] = r.type ? r.type : ts[i + 1];
    }
    for (const Type* t : ts)
        if (!known(t)) return Unknown;
    for (const Type* t : ts)
        if (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)) return numpy_compare(e, ts);  // arrays.cpp
    if (e.cmps.size() == 1 && (ts[0]->is(TypeKind::Object) || ts[1]->is(TypeKind::Object)))
        if (const Type* r = object_compare(e, ts)) return r;  // classes.cpp
    for (size_t i = 0; i < e.cmps.size(); ++i) {
        const Type *a = ts[i], *b = ts[i + 1];
        CmpOp op = e.cmps[i];
        if (op == CmpOp::Is || op == CmpOp::IsNot) {
            auto object = [](const Type* t) {  // instances, and Enum members (each one object)
                const Type* x = t->is(TypeKind::Optional) ? t->elem() : t;
                return x->is(TypeKind::Object) || x->is(TypeKind::Enum);
            };
            if ((object(a) || object(b)) && (a == b || object(a) == object(b))) continue;  // identity of objects
            if (!a->is(TypeKind::None) && !b->is(TypeKind::None)) {
                error(e.loc, "'is' compares object identity, which compiled " + a->str() +
                                 " values do not have: use '==' (or compare with None)");
                return Unknown;
            }
            continue;
        }
        if (op == CmpOp::In || op == CmpOp::NotIn) {
            if (!contains_ok(e, a, b)) return Unknown;
            continue;
        }
        bool eq = op == CmpOp::Eq || op == CmpOp::NotEq;
        if (a->is_real_number() && b->is_real_number()) continue;  // exact, whatever the kinds
        if (eq && a->is_python_number() && b->is_python_number()) continue;  // complex: == and != only
        if ((a->is(TypeKind::List) || a->is(TypeKind::Deque)) && without_alternatives(a) == without_alternatives(b))
            continue;  // lexicographic, like tuples
        if (a->is(TypeKind::Str) && b->is(TypeKind::Str)) continue;
        if (is_byteslike(a) && is_byteslike(b)) continue;
        if (is_set(a) && is_set(b) && a->elem() == b->elem()) continue;  // subset order (a set with a frozenset too)
        if (a->is(TypeKind::TupleOf) && without_alternatives(a) == without_alternatives(b)) continue;
        if (eq && a->is(TypeKind::Range) && b->is(TypeKind::Range)) continue;
        if (eq && (a->is(TypeKind::Optional) || b->is(TypeKind::Optional))) {
            const Type* x = a->is(TypeKind::Optional) ? a->elem() : a;
            const Type* y = b->is(TypeKind::Optional) ? b->elem() : b;
            if (x == y || (x->is_numeric() && y->is_numeric()) || x->is(TypeKind::None) || y->is(TypeKind::None)) continue;
        }
        if (eq && (a->is(TypeKind::None) || b->is(TypeKind::None))) continue;
        if (eq && (a->is(TypeKind::ExcArg) || b->is(TypeKind::ExcArg))) {  // e.args[0] == "x": compared at run time
            const Type* o = a->is(TypeKind::ExcArg) ? b : a;
            const Type* x = o->is(TypeKind::Optional) ? o->elem() : o;
            if (x->is(TypeKind::ExcArg) || x->is(TypeKind::Int) || x->is(TypeKind::Float) || x->is(TypeKind::Bool) ||
                x->is(TypeKind::Str))
                continue;
        }
        // an `object` (boxed.hpp) and any value it may hold: compared as CPython compares the values
        if ((a->is(TypeKind::Boxed) && boxable(b)) || (b->is(TypeKind::Boxed) && boxable(a))) continue;
        if (eq && without_alternatives(a) == without_alternatives(b)) continue;  // tuples of equal type; dicts of `object`s
        if (eq && a->is(TypeKind::Tuple) && b->is(TypeKind::Tuple)) continue;
        if (a->is(TypeKind::Tuple) && b->is(TypeKind::Tuple) && a->elems == b->elems && orderable(a)) continue;
        error(e.loc, std::string("'") + ir::symbol(op) + "' not supported between instances of '" + py_name(a) +
                         "' and '" + py_name(b) + "'");
        return Unknown;
    }
    return Type::bool_();
}

const Type* Solver::boolop(Expr& e) {
    const Type* result = nullptr;
    bool all_known = true;
    bool is_and = e.op == static_cast<int>(ir::BoolOpKind::And);
    std::set<int> saved = narrowed_;
    struct Restore {
        std::set<int>& n;
        std::set<int> s;
        ~Restore() { n = s; }
    } restore{narrowed_, saved};
    for (ir::ExprP& a : e.args) {
        const Type* t = type_expr(*a);
        narrow(*a, is_and);
        if (!known(t)) {
            all_known = false;
            continue;
        }
        // `x or y`: x is the value only when it is true, so never None (x: T | None gives T)
        if (!is_and && &a != &e.args.back() && t->is(TypeKind::Optional)) t = t->elem();
        // T with T | None or None: T | None
        auto optional = [](const Type* x, const Type* y) {
            return (x->is(TypeKind::Optional) && (x->elem() == y || y->is(TypeKind::None))) ||
                   (y->is(TypeKind::None) && !x->is(TypeKind::None) && !x->is(TypeKind::Optional));
        };
        if (result && result != t && (optional(result, t) || optional(t, result))) {
            const Type* base = result->is(TypeKind::Optional) ? result->elem() : result->is(TypeKind::None) ? t : result;
            if (base->is(TypeKind::Optional)) base = base->elem();
            result = Type::optional(base);
            continue;
        }
        // an int and a float (`(hi - lo) / n or 1`): int | float, the operand's own value
        auto number = [](const Type* x) { return x->is(TypeKind::Int) || x->is(TypeKind::Float) || x->is(TypeKind::Real); };
        if (result && result != t && number(result) && number(t)) {
            result = Type::real();
            continue;
        }
        if (result && result != t) {
            error(e.loc, std::string("the value of this '") + (e.op ? "or" : "and") +
                             "' is of type " + quoted(result) + " or " + quoted(t) +
                             " depending on the operands; make them agree (in a condition this is fine)");
            return Unknown;
        }
        result = t;
    }
    return all_known && result ? result : (result ? result : Unknown);
}

// a if c else b: each branch typed with what the test narrows; two types join where a value of
// either is one of the join (T | None, one of two functions, instances of two subclasses as their base)
const Type* Solver::if_exp(Expr& e) {
    type_test(*e.args[0]);
    if (int known_test = static_length_test(*e.args[0]); known_test >= 0) {
        // len(t) > j of a fixed tuple (f(*t) with defaults: frontend/lower_calls.cpp): the
        // branch it takes, alone (the other may index past the tuple's end)
        ir::ExprP chosen = std::move(e.args[known_test ? 1 : 2]);
        e = std::move(*chosen);
        changed_ = true;
        return type_expr(e);
    }
    std::set<int> saved = narrowed_;
    narrow(*e.args[0], true);
    const Type* a = type_expr(*e.args[1]);
    narrowed_ = saved;
    narrow(*e.args[0], false);
    const Type* b = type_expr(*e.args[2]);
    narrowed_ = saved;
    if (known(a) != known(b)) {  // xs if c else []: the empty display takes the other branch's type
        const Type* k = known(a) ? a : b;
        if (join(a, b) == k) refine(*e.args[known(a) ? 2 : 1], k);
    }
    if (!known(a) || !known(b)) return known(a) ? a : b;  // join for inference
    if (a != b && (a->is(TypeKind::None) || b->is(TypeKind::None) || a->is(TypeKind::Optional) ||
                   b->is(TypeKind::Optional) || (a->is_function_value() && b->is_function_value()) ||
                   (a->is(TypeKind::Object) && b->is(TypeKind::Object))) &&
        join(a, b)) {  // T | None; one of two functions; instances of two subclasses as their base
        const Type* j = join(a, b);
        refine(*e.args[1], j);
        refine(*e.args[2], j);
        return j;
    }
    if (a != b && join_value(a, b)) return join_value(a, b);  // 0 if c else 0.5: an int | float
    if (a != b) {
        error(e.loc, "the branches of this conditional expression have types " + quoted(a) + " and " +
                         quoted(b) + ": make them agree (pyrite has no union types)");
        return Unknown;
    }
    return a;
}

// a op b where an operand is a container: + and * of sequences (the left operand's type; a list of
// one item type, a subclass's instances joined to their base where both lists are made there), | & -
// ^ of sets and Counters, | of dicts, % of a format string (containers.cpp's percent_format)
const Type* Solver::container_binary(Expr& e, const Type* a, const Type* b) {
    auto op = static_cast<BinOp>(e.op);
    if (op == BinOp::Mod && is_str(a)) return percent_format(e, b);
    if (op == BinOp::Add && is_str(a) && is_str(b)) return a;
    if (op == BinOp::Add && (is_tuple_of(a) || is_tuple_of(b)) && join(a, b) && is_tuple_of(join(a, b))) return join(a, b);
    if (op == BinOp::Mul && ((is_tuple_of(a) && is_intlike(b)) || (is_intlike(a) && is_tuple_of(b))))
        return is_tuple_of(a) ? a : b;
    if (op == BinOp::Mul && ((is_str(a) && is_intlike(b)) || (is_intlike(a) && is_str(b)))) return Type::str_();
    // bytes.hpp's concat and repeat: the result is the left operand's type (bytearray + bytes is a bytearray)
    if (op == BinOp::Add && is_byteslike(a) && is_byteslike(b)) return a;
    if (op == BinOp::Mul && ((is_byteslike(a) && is_intlike(b)) || (is_intlike(a) && is_byteslike(b))))
        return is_byteslike(a) ? a : b;
    if (a->is_counter() && b->is_counter() &&
        (op == BinOp::Add || op == BinOp::Sub || op == BinOp::BitOr || op == BinOp::BitAnd)) {  // counter.hpp
        if (const Type* j = join(a, b)) return j;
        error(e.loc, std::string("the operands of ") + ir::symbol(op) + " are a " + quoted(a) + " and a " + quoted(b));
        return Unknown;
    }
    if (op == BinOp::BitOr && is_dict(a) && is_dict(b) && a->name.empty() && b->name.empty()) {  // d | e: dict.hpp's dict_or
        const Type* j = join(a, b);
        if (!j) {
            error(e.loc, "the operands of | are a " + quoted(a) + " and a " + quoted(b) + ": pyrite's dicts hold one type of key and of value");
            return Unknown;
        }
        if (e.inplace && learns(*e.args[0])) learn_into(*e.args[0], j, e.loc);
        refine(*e.args[0], j);
        refine(*e.args[1], j);
        return j;
    }
    if (is_set(a) && is_set(b) &&
        (op == BinOp::BitOr || op == BinOp::BitAnd || op == BinOp::Sub || op == BinOp::BitXor)) {
        // a set and a frozenset: the result is the left operand's kind (set_or's make_new_set_basetype)
        const Type* j = join(a, Type::set(b->elem(), a->name));
        if (!j) {
            error(e.loc, std::string("the operands of ") + ir::symbol(op) + " are a " + quoted(a) + " and a " +
                             quoted(b) + ": pyrite's sets hold one type");
            return Unknown;
        }
        if (j->is_frozenset() && !j->elem()->is_hashable() && known(j->elem())) {
            error(e.loc, "pyrite's frozensets hold items hashed by value, not '" + py_name(j->elem()) + "'");
            return Unknown;
        }
        if (e.inplace && learns(*e.args[0])) learn_into(*e.args[0], j, e.loc);  // fs |= t: fs = fs | t
        refine(*e.args[0], j);
        refine(*e.args[1], Type::set(j->elem(), b->name));
        return j;
    }
    if (op == BinOp::Add && is_list(a) && is_list(b)) {
        const Type* j = join(a, b);
        // [boss] + staff: a display of instances of subclasses is a list of the other side's class
        auto widened = [&](Expr& display, const Type* other) {
            if (display.kind != ExprKind::List || display.args.empty() || !known(other) || !other->elem()->is(TypeKind::Object))
                return false;
            for (const ir::ExprP& x : display.args)
                if (!x->type || !x->type->is(TypeKind::Object) || !x->type->derives_from(other->elem())) return false;
            display.type = other;  // each item converted to the base as the display is made (codegen)
            return true;
        };
        if (!j && (widened(*e.args[0], b) || widened(*e.args[1], a))) j = is_list(e.args[0]->type) && e.args[0]->type == b ? b : a;
        // [Circle(r) for r in rs] + [Rect(w, h) for ...]: lists made here of two subclasses are lists of
        // their nearest common class (each item converted as it is stored)
        if (!j && known(a) && known(b) && a->elem()->is(TypeKind::Object) && b->elem()->is(TypeKind::Object)) {
            const Type* base = join(a->elem(), b->elem());
            auto takes = [&](Expr& side) { return side.type->elem() == base || fresh(side); };
            if (base && takes(*e.args[0]) && takes(*e.args[1])) {
                j = Type::list(base);
                refine_items(*e.args[0], j);
                refine_items(*e.args[1], j);
            }
        }
        if (!j) {
            error(e.loc, "can only concatenate a " + quoted(a) + " with the same type, not " + quoted(b));
            return Unknown;
        }
        // xs += ys extends xs in place: what it is joined into is xs itself
        if (e.inplace && learns(*e.args[0])) learn_into(*e.args[0], j, e.loc);
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

}  // namespace pyrite::typeinfer::detail
