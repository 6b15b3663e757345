// typeinfer: the typing rules of containers: displays, items and slices, stores and
// del, `in`, the % of a format string. (Their operators, + * | ...: operators.cpp's
// container_binary; their methods: methods.cpp; the builtins over iterables: iterables.cpp.)
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
std::string float_hint(const Type* want, const Type* got) {
    if (got->enum_mixin() == want)  // an IntEnum's member where ints are kept
        return " (store its .value, or keep " + got->str() + " members in the container)";
    return want->is(TypeKind::Float) && got->is(TypeKind::Int) ? " (write a float literal such as 0.0, or float(...))"
                                                                : "";
}
// a value stored in a container of its value's type (an IntEnum's member in a list[int]): elem_ok's
// one diagnostic, without learning the container another item type first
bool member_of_value_type(const Type* c, const Type* v) {
    return v && v->enum_mixin() && c && !c->elems.empty() && c->elems.back() == v->enum_mixin();
}
}  // namespace

// an item of a container, itself: xs[i], d[k], and d.setdefault(k, default) (the item it finds or stores)
static bool item_of(const Expr& e) {
    return e.kind == ExprKind::Subscript || (e.kind == ExprKind::Method && e.operation == Op::DictSetDefault);
}

// A container variable whose element types are still being learned from what is stored into it
bool Solver::learns(const Expr& receiver) const {
    if (receiver.kind == ExprKind::Attr) return field_of(receiver) && !field_of(receiver)->declared;  // self.xs = []
    if (item_of(receiver)) {  // adj[u].append(v) where adj = [[] for _ in range(n)]; d.setdefault(k, []).append(v)
        const Type* c = receiver.args[0]->type;
        return c && (c->is(TypeKind::List) || c->is(TypeKind::Dict)) && learns(*receiver.args[0]);
    }
    return receiver.kind == ExprKind::Var && !declares(f_->vars[receiver.var]);
}

// What is stored into a container tells its element types: the variable's, or the field's; an
// item's (adj[u], groups[k]), the container's that holds it
void Solver::learn_into(const Expr& receiver, const Type* t, Loc at) {
    if (receiver.kind == ExprKind::Attr) {
        const ir::Field* fd = field_of(receiver);
        if (fd && known(fd->type) && known(t) && !join_value(fd->type, t) && widen_items(fd->type, t) &&
            !widenable_field(receiver.args[0]->type->cls, fd->name))
            return;  // the store's check (elem_ok) says why its items cannot hold this
        return join_field(receiver, t, at);
    }
    if (item_of(receiver)) {
        const Type* c = receiver.args[0]->type;
        return learn_into(*receiver.args[0], c->is(TypeKind::List) ? Type::list(t) : Type::dict(c->elem(), t, c->name), at);
    }
    // items = [] then items.append(Circle(...)) and items.append(Rect(...)): a list only ever made
    // empty here holds what is stored, as their common base (an int and a float: int | float)
    ir::Var& v = f_->vars[receiver.var];
    if (is_list(v.type) && is_list(t) && known(v.type->elem()) && known(t->elem()) && !join(v.type, t) && made_empty(receiver.var)) {
        const Type* a = v.type->elem();
        const Type* b = t->elem();
        const Type* e = a->is(TypeKind::Object) && b->is(TypeKind::Object) ? join(a, b) : join_value(a, b);
        if (e && (e->is(TypeKind::Object) || e->is(TypeKind::Real))) {
            if (e != a) {
                v.type = Type::list(e);
                changed_ = true;
            }
            return;
        }
    }
    // dist = {v: inf for v in g}, then dist[s] = 0: the container made here holds int | float
    if (known(v.type) && t && t != Unknown && !join_value(v.type, t)) {
        const Type* w = widen_items(v.type, t);
        if (w == v.type) return;  // it holds int | float there already: what is stored converts
        // (an `object` item that may hold one more kind: the same C++ type, whoever else reads it)
        if (w && (widenable(receiver.var) || without_alternatives(w) == without_alternatives(v.type))) {
            v.type = w;
            changed_ = true;
            return;
        }
        if (w) return;  // a parameter's, an alias's: the store's check (elem_ok) says why it cannot hold it
    }
    join_var(receiver.var, t, at);
}

// A container made by the expression itself, whose items' types can still change (an int stored into
// its floats: widen_items): a display of numbers or of such containers, a comprehension, [x] * n
bool Solver::fresh(const Expr& e, const ir::Function* in) const {
    const ir::Function& f = in ? *in : *f_;
    switch (e.kind) {
        case ExprKind::List:
        case ExprKind::SetDisplay:
        case ExprKind::DictDisplay:
        case ExprKind::Tuple:
            for (const ir::ExprP& a : e.args)
                if (!a->type || (!a->type->is_real_number() && !a->type->is(TypeKind::Str) && !fresh(*a, &f))) return false;
            return true;
        case ExprKind::Block:  // a comprehension: its items are checked as they are stored (elem_ok)
            return e.var >= 0 && f.vars[e.var].temporary();
        case ExprKind::Binary:  // [0.0] * n
            return e.op == static_cast<int>(BinOp::Mul) && e.args.size() == 2 &&
                   ((is_list(e.args[0]->type) && fresh(*e.args[0], &f)) || (is_list(e.args[1]->type) && fresh(*e.args[1], &f)));
        default: return false;
    }
}

// a local every assignment of which makes its container (fresh), none a parameter's argument
bool Solver::widenable(int var) const {
    return every_assignment(var, [&](const Expr& value) { return fresh(value); });
}

// a local, not a parameter's argument, every binding of which is an assignment whose value is made
bool Solver::every_assignment(int var, const std::function<bool(const Expr&)>& made) const {
    if (f_->vars[var].is_param || f_->vars[var].declared) return false;
    bool ok = true, any = false;
    ir::for_each_stmt_deep(f_->body, [&](ir::Stmt& s) {
        if (s.var != var) return;
        any = true;
        ok = ok && s.kind == ir::StmtKind::Assign && s.value && made(*s.value);
    });
    return any && ok;
}

// a field of class cls every assignment of which (self.name = ..., in any method) makes its container
bool Solver::widenable_field(int cls, const std::string& name) const {
    bool ok = true;
    for (const ir::Function& g : m_.functions) {
        if (!g.compiled()) continue;
        ir::for_each_stmt_deep(const_cast<ir::Block&>(g.body), [&](ir::Stmt& s) {
            if (s.kind != ir::StmtKind::Store || !s.target || s.target->kind != ExprKind::Attr || s.target->name != name) return;
            const Type* o = s.target->args[0]->type;
            if (o && o->is(TypeKind::Object) && o->cls == cls) ok = ok && s.value && s.value->type && fresh(*s.value, &g);
        });
    }
    return ok;
}

// a fresh container made with the item types of `want` (widen_items): its numbers convert as stored
void Solver::refine_items(Expr& e, const Type* want) {
    if (!want || e.type == want) return;
    e.type = want;
    switch (e.kind) {
        case ExprKind::List:
        case ExprKind::SetDisplay:
            for (ir::ExprP& a : e.args)
                if (!a->type->is_real_number()) refine_items(*a, want->elem());
            break;
        case ExprKind::DictDisplay:
            for (size_t i = 1; i < e.args.size(); i += 2)
                if (!e.args[i]->type->is_real_number()) refine_items(*e.args[i], want->value());
            break;
        case ExprKind::Tuple:
            for (size_t i = 0; i < e.args.size() && i < want->elems.size(); ++i)
                if (!e.args[i]->type->is_real_number()) refine_items(*e.args[i], want->elems[i]);
            break;
        case ExprKind::Block: f_->vars[e.var].type = want; changed_ = true; break;
        case ExprKind::Binary:
            for (ir::ExprP& a : e.args)
                if (is_list(a->type)) refine_items(*a, want);
            break;
        default: break;
    }
}

// every assignment of the variable is an empty list display ([]), none a parameter's argument
bool Solver::made_empty(int var) const {
    return every_assignment(var, [](const Expr& value) { return value.kind == ExprKind::List && value.args.empty(); });
}

// An expression whose type is a less known form of `want` (an empty display,
// a comprehension building an empty list) takes `want`, so codegen can name it.
void Solver::refine(Expr& e, const Type* want) {
    if (!want || !e.type || e.type == want || join(e.type, want) != want) return;
    if (e.type->is(TypeKind::Object) || e.type->is(TypeKind::Exception) || e.type->is(TypeKind::Function))
        return;  // a Circle where a Shape goes stays a Circle, a function where one of several goes stays
                 // itself (codegen converts)
    // a float variable read where a numpy.float64 goes (s = x, then s -= a[i]) keeps its variable's type
    if (e.kind == ExprKind::Var && (e.type->is_numeric() || e.type->is(TypeKind::Scalar))) return;
    // T and None become T | None by conversion in codegen, not by retyping; an empty
    // display passed as a list[int] | None is a list[int]
    if (want->is(TypeKind::Optional) && !e.type->is(TypeKind::Optional)) {
        if (!e.type->is(TypeKind::None)) refine(e, want->elem());
        return;
    }
    // a display left unknown by a diagnostic ([[1, "x"], 2]) is not a less known container: it stays
    size_t items = e.kind == ExprKind::DictDisplay ? 2 : e.kind == ExprKind::List || e.kind == ExprKind::SetDisplay ? 1 : 0;
    if (want->elems.size() < items) return;
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
        case ExprKind::Tuple:  // return [], {}, msg where a tuple[list[T], dict[K, V], str] is declared
            if (want->is(TypeKind::Tuple) && want->elems.size() == e.args.size())
                for (size_t i = 0; i < e.args.size(); ++i) refine(*e.args[i], want->elems[i]);
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
    if (elem->is(TypeKind::Real) && t->is_real_number()) return true;  // an int or a float, stored as one
    if (elem->is(TypeKind::Boxed) && object_takes(elem, t)) return true;  // kept as itself in an `object` (boxed.hpp)
    if (!known(t)) return true;
    if (widen_items(elem, t) == elem && fresh(value)) {  // [0.0] * n appended where lists of int | float go
        refine_items(value, elem);
        return true;
    }
    std::string where = container ? " to a " + quoted(container) : " where the container holds " + quoted(elem);
    error(value.loc, "cannot " + what + " a value of type " + quoted(t) + where + ": CPython would keep it as " +
                         py_name(t) + float_hint(elem, t));
    return false;
}

bool Solver::check_index(Expr& index, const char* what) {
    type_expr(index);
    const Type* t = as_value(index);  // xs[d] of an IntEnum's member: its value
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
        const Type* j = join_value(elem, t);  // [1, 2.5]: each item an int | float, as it is
        if (!j) {
            error(a->loc, std::string("this ") + what + " holds " + quoted(elem) + " and " + quoted(t) +
                              " values: pyrite's " + what + "s hold one type (convert, or use a tuple)");
            return nullptr;
        }
        if (hashable && known(j) && !j->is_key()) {
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
        const Type* j = join_value(slot, t);
        // values of several types ({"count": 3, "top": [...]}): each kept as itself, an `object`
        // (boxed.hpp) that prints, compares and goes to Python as it is; an empty display among
        // them ({"total": 0, "categories": {}}) too
        auto boxes = [](const Type* x) {
            return boxable(x) || (x && (x->is(TypeKind::List) || x->is(TypeKind::Dict) || x->is(TypeKind::Set)) && !known(x));
        };
        if (!j && i % 2 && boxes(slot) && boxes(t)) j = Type::boxed_union(slot, t);
        if (!j) {
            error(e.args[i]->loc, std::string("this dict's ") + (i % 2 ? "values" : "keys") + " are " + quoted(slot) +
                                      " and " + quoted(t) + ": pyrite's dicts hold one key type and one value type");
            return Unknown;
        }
        if (i % 2 == 0 && known(j) && !j->is_key()) {
            error(e.args[i]->loc, "unhashable type: '" + py_name(t) + "'");
            return Unknown;
        }
        slot = j;
    }
    for (size_t i = 0; i < e.args.size(); ++i) {
        Expr& a = *e.args[i];
        if (i % 2 && value->is(TypeKind::Boxed) && a.type && !known(a.type)) {  // an empty display: an empty
            const Type* held = a.type->is(TypeKind::List) ? Type::list(Type::boxed())  // container of objects,
                               : a.type->is(TypeKind::Set) ? Type::set(Type::str_(), a.type->name)  // which prints, goes
                                                           : Type::dict(Type::str_(), Type::boxed());  // to Python empty
            refine(a, held);
            value = Type::boxed_union(value, held);  // (what isinstance() narrows it to)
        }
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


const Type* Solver::subscript(Expr& e) {
    type_expr(*e.args[0]);
    const Type* t = as_value(*e.args[0]);  // s[0] of a StrEnum's member: of its value
    if (t && t->is(TypeKind::Object)) {  // obj[i]: obj.__getitem__(i) (classes.cpp)
        type_expr(*e.args[1]);
        return object_protocol(e, "__getitem__", "is not subscriptable");
    }
    if (t && t->is(TypeKind::Match)) {  // m[1], m["name"]: its group (re.hpp)
        e.kind = ExprKind::Method;
        e.name = "__getitem__";
        return call_builtin(e, "re.Match.__getitem__");
    }
    if (t && t->is(TypeKind::Tuple) && known(t)) {
        // a fixed-size tuple: the position must be a constant, and picks the type (the
        // normalize pass makes it a TupleGet)
        Expr& index = *e.args[1];
        std::int64_t pos;
        switch (tuple_position(index, static_cast<std::int64_t>(t->elems.size()), &pos)) {
            case TuplePosition::NotConstant: {
                // t[i] of items of one type: the index known when it runs (containers.hpp's tuple_at)
                bool one_type = !t->elems.empty();
                for (const Type* x : t->elems) one_type = one_type && x == t->elems[0];
                const Type* it = type_expr(index);
                if (one_type && known(it) && is_intlike(it)) return t->elems[0];
                if (one_type && known(it)) {
                    error(index.loc, "tuple indices must be integers or slices, not " + py_name(it));
                    return Unknown;
                }
                if (!one_type)
                    error(index.loc, "a tuple's index must be an integer constant where its items differ in type "
                                     "(each position has its own type)");
                return Unknown;
            }
            case TuplePosition::OutOfRange: error(e.loc, "tuple index out of range"); return Unknown;
            case TuplePosition::Ok: break;
        }
        type_expr(index);
        return t->elems[pos];
    }
    if (is_dict(t)) {
        const Type* k = type_expr(*e.args[1]);
        if ((t->is_defaultdict() || t->is_counter()) && known(k) && !known(t->elem()) && learns(*e.args[0])) {
            learn_into(*e.args[0], Type::dict(k, t->value(), t->name), e.loc);  // d[k] of a defaultdict stores k
            t = type_expr(*e.args[0]);
        }
        key_ok(*e.args[1], t->elem(), t);
        return t->value();
    }
    if (is_array(t)) return array_index(e, t);
    check_index(*e.args[1], is_str(t) ? "string" : is_bytes(t) ? "byte" : is_bytearray(t) ? "bytearray"
                            : is_tuple_of(t) ? "tuple" : t && t->is(TypeKind::Range) ? "range" : is_deque(t) ? "deque" : "list");
    if (is_byteslike(t)) return Type::int_();  // b[i]: an int
    if (is_list(t) || is_tuple_of(t) || is_deque(t)) return t->elem();
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
        type_expr(*e.args[i]);
        const Type* b = as_value(*e.args[i]);  // xs[:d] of an IntEnum's member
        if (known(b) && !is_intlike(b) && !b->is(TypeKind::None)) {
            error(e.args[i]->loc, "slice indices must be integers or None, not " + py_name(b));
            return Unknown;
        }
    }
    if (is_list(t) || is_str(t) || is_byteslike(t) || is_tuple_of(t) || is_array(t)) return t;  // a[1:3] of an array: a view
    if (e.sequence_pattern && (is_deque(t) || (t && t->is(TypeKind::Range))))  // case [a, *rest]: a list (star_items)
        return Type::list(is_deque(t) ? t->elem() : Type::int_());
    std::vector<std::int64_t> at;  // t[1:], t[::-1] of a fixed tuple: a tuple of those items (plain, as CPython's)
    if (known(t) && t->is(TypeKind::Tuple) && ir::constant_slice(e, static_cast<std::int64_t>(t->elems.size()), &at)) {
        std::vector<const Type*> items;
        for (std::int64_t i : at) items.push_back(t->elems[static_cast<size_t>(i)]);
        return Type::tuple(items);
    }
    if (known(t) && t->is(TypeKind::Tuple)) {
        error(e.loc, "a slice of a fixed-size tuple takes constant bounds (t[1:], t[::-1]) in compiled code, "
                     "which then knows the types of its items");
        return Unknown;
    }
    if (known(t)) error(e.loc, "'" + py_name(t) + "' object is not subscriptable");
    return Unknown;
}

void Solver::store(Stmt& s) {
    Expr& target = *s.target;
    if (target.kind == ExprKind::Attr) return attr_store(s);  // classes.cpp
    if (target.kind == ExprKind::Error) {  // a `global NAME` the frontend refused (said why)
        type_expr(*s.value);
        return;
    }
    if (target.kind == ExprKind::Global) {  // global counter; counter = v: the module's int, float, bool or str
        const Type* g = type_expr(target);
        const Type* v = type_expr(*s.value);
        if (known(v) && !assignable(v, g))
            error(s.value->loc, "the global '" + target.name + "' holds a " + quoted(g) + " (its value in its module): " +
                                    "compiled code stores only that type into it, not a " + quoted(v));
        return;
    }
    const Type* c = type_expr(*target.args[0]);
    if (c && c->is(TypeKind::Object) && target.kind == ExprKind::Subscript) return item_store(s);  // obj[i] = v
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
        if (learns(*target.args[0]) && (k != Unknown || v != Unknown) && !member_of_value_type(c, v))
            learn_into(*target.args[0], Type::dict(k, v, c->name), s.loc);
        c = type_expr(*target.args[0]);
        target.type = is_dict(c) ? c->value() : Unknown;
        if (is_dict(c)) {
            key_ok(*target.args[1], c->elem(), c);
            elem_ok(*s.value, c->value(), "store");
        }
        return;
    }
    if (target.kind == ExprKind::Subscript && is_bytearray(c)) {  // ba[i] = v: an int (bytes.hpp's set)
        check_index(*target.args[1], "bytearray");
        target.type = Type::int_();
        if (known(v) && !is_intlike(v)) error(s.value->loc, "'" + py_name(v) + "' object cannot be interpreted as an integer");
        return;
    }
    if (target.kind == ExprKind::Subscript && is_deque(c)) {  // d[i] = v
        check_index(*target.args[1], "deque");
        target.type = c->elem();
        elem_ok(*s.value, c->elem(), "assign", c);
        return;
    }
    if (target.kind == ExprKind::Subscript) {
        // a container of no type yet (its assignment's type not found yet) is not taken for a list
        bool typed = c && c != Unknown;
        if (typed) check_index(*target.args[1], "list");
        else type_expr(*target.args[1]);
        if (typed && learns(*target.args[0]) && v != Unknown && !member_of_value_type(c, v)) learn_into(*target.args[0], Type::list(v), s.loc);
        c = type_expr(*target.args[0]);
        target.type = is_list(c) ? c->elem() : Unknown;
        if (is_list(c)) elem_ok(*s.value, c->elem(), "assign", c);
    } else if (is_bytearray(c)) {  // ba[a:b] = bytes, a bytearray or a list of ints (bytes.hpp's set_slice)
        slice(target);
        target.type = c;
        if (known(v) && !is_byteslike(v) && !(is_list(v) && v->elem()->is(TypeKind::Int)))
            error(s.value->loc, is_list(v) || v->is(TypeKind::Tuple) || v->is(TypeKind::TupleOf) || v->is(TypeKind::Set)
                                    ? "pyrite assigns bytes, a bytearray or a list of ints to a slice of a bytearray (not " + quoted(v) + ")"
                                    : "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return;
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
        check_index(*target.args[1], is_bytearray(c) ? "bytearray" : "list");
        target.type = is_list(c) ? c->elem() : is_bytearray(c) ? Type::int_() : Unknown;
    } else {
        slice(target);
        target.type = c;
    }
    if (known(c) && !is_list(c) && !is_bytearray(c))  // (del ba[i], del ba[a:b]: bytes.hpp)
        error(target.loc, "'" + py_name(c) + "' object does not support item deletion");
}


// "%5.2f and %s" % (x, name): printf-style formatting (PyUnicode_Format) of a constant format,
// rewritten into the f-string that formats the same text, f"{x:>5.2f} and {name!s}", which pyrite
// types and formats already: %s and %r are str() and repr() (width and precision become an
// alignment and a truncation), %d %i %u the int of the value, %x %X %o an int's digits, %e %f %g
// (and capitals) the float of the value, with flags - + space # 0. A tuple gives the values (a
// tuple display, or a variable holding one); anything else is the one value.
const Type* Solver::percent_format(Expr& e, const Type* b) {
    if (e.args[0]->kind != ExprKind::StrConst) {
        error(e.loc, "pyrite formats 'text' % values when the text is a constant (or use an f-string)");
        return Unknown;
    }
    const std::string f = e.args[0]->name;
    const Loc at = e.args[0]->loc;
    ir::ExprP& rhs = e.args[1];
    // how many values, and their types (nothing is moved until the whole format is checked)
    std::vector<const Type*> types;
    if (b->is(TypeKind::Tuple)) {
        if (rhs->kind != ExprKind::Tuple && rhs->kind != ExprKind::Var) {
            error(rhs->loc, "pyrite formats 'text' % t when t is a tuple display or a variable: assign it first");
            return Unknown;
        }
        types = b->elems;
    } else if (b->is(TypeKind::TupleOf) || b->is(TypeKind::Dict)) {
        error(rhs->loc, "'text' % " + quoted(b) + ": pyrite formats a tuple display, a fixed tuple or one value");
        return Unknown;
    } else {
        types.push_back(b);
    }
    struct Field {
        std::string before, flags, width, precision;
        char conv;
    };
    std::vector<Field> fields;
    std::string literal;
    for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') {
            literal += f[i];
            continue;
        }
        Field fd;
        ++i;
        if (i < f.size() && f[i] == '(') {
            error(at, "pyrite's 'text' % values takes no %(name)s keys");
            return Unknown;
        }
        while (i < f.size() && std::string("-+ #0").find(f[i]) != std::string::npos) fd.flags += f[i++];
        while (i < f.size() && isdigit(static_cast<unsigned char>(f[i]))) fd.width += f[i++];
        auto star = [&]() {
            if (i >= f.size() || f[i] != '*') return false;
            error(at, "pyrite's 'text' % values takes no '*' widths or precisions (write the number, or use an f-string)");
            return true;
        };
        if (star()) return Unknown;
        if (i < f.size() && f[i] == '.') {
            fd.precision = ".";
            ++i;
            if (star()) return Unknown;
            while (i < f.size() && isdigit(static_cast<unsigned char>(f[i]))) fd.precision += f[i++];
            if (fd.precision == ".") fd.precision = ".0";
        }
        while (i < f.size() && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) ++i;  // length modifiers: ignored
        if (i >= f.size()) {
            error(at, "incomplete format");
            return Unknown;
        }
        fd.conv = f[i];
        if (fd.conv == '%') {
            literal += '%';
            continue;
        }
        if (std::string("srdiuxXoeEfFgG").find(fd.conv) == std::string::npos) {
            error(at, std::string("pyrite's 'text' % values does not take %") + fd.conv +
                          " (%s %r %d %i %u %x %X %o %e %E %f %F %g %G do)");
            return Unknown;
        }
        if (fields.size() >= types.size()) {
            error(e.loc, "not enough arguments for format string");
            return Unknown;
        }
        const Type* t = types[fields.size()];
        bool integer = t->is(TypeKind::Int) || t->is(TypeKind::Bool);
        if ((fd.conv == 'x' || fd.conv == 'X' || fd.conv == 'o') && !integer) {
            error(rhs->loc, std::string("%") + fd.conv + " format: an integer is required, not " + py_name(t));
            return Unknown;
        }
        if (std::string("diuxXo").find(fd.conv) != std::string::npos && !fd.precision.empty()) {
            error(at, std::string("pyrite's %") + fd.conv + " takes no precision (it pads the digits)");
            return Unknown;
        }
        fd.before = std::move(literal);
        literal.clear();
        fields.push_back(std::move(fd));
    }
    if (fields.size() < types.size()) {
        error(e.loc, "not all arguments converted during string formatting");
        return Unknown;
    }
    // the values, in order
    std::vector<ir::ExprP> values;
    if (!b->is(TypeKind::Tuple)) {
        values.push_back(std::move(rhs));
    } else if (rhs->kind == ExprKind::Tuple) {
        for (ir::ExprP& v : rhs->args) values.push_back(std::move(v));
    } else {
        for (size_t i = 0; i < types.size(); ++i) {
            auto g = std::make_unique<Expr>(ExprKind::TupleGet, rhs->loc);
            g->index = static_cast<std::int64_t>(i);
            g->unpack_count = static_cast<int>(types.size());
            g->args.push_back(ir::clone(*rhs));
            values.push_back(std::move(g));
        }
    }
    auto text = [&](const std::string& t) {
        auto c = std::make_unique<Expr>(ExprKind::StrConst, e.loc);
        c->name = t;
        return c;
    };
    auto wrap = [&](ExprKind k, ops::Op op, const std::string& name, ir::ExprP v) {
        auto c = std::make_unique<Expr>(k, v->loc);
        c->operation = op;
        c->name = name;
        c->args.push_back(std::move(v));
        return c;
    };
    std::vector<ir::ExprP> parts;
    for (size_t k = 0; k < fields.size(); ++k) {
        const Field& fd = fields[k];
        if (!fd.before.empty()) parts.push_back(text(fd.before));
        ir::ExprP v = std::move(values[k]);
        const Type* t = types[k];
        auto has = [&](char x) { return fd.flags.find(x) != std::string::npos; };
        bool left = has('-');
        std::string sign = has('+') ? "+" : has(' ') ? " " : "";
        std::string spec;
        char c = fd.conv;
        if (c == 's' || c == 'r') {
            v = wrap(ExprKind::Intrinsic, c == 's' ? ops::Op::StrOf : ops::Op::Repr, "", std::move(v));
            if (fd.width.empty() && fd.precision.empty()) {
                parts.push_back(std::move(v));
                continue;
            }
            spec = std::string(left ? "<" : ">") + fd.width + fd.precision;
        } else if (std::string("diuxXo").find(c) != std::string::npos) {
            if (!t->is(TypeKind::Int) && !t->is(TypeKind::Bool))
                v = wrap(ExprKind::CallBuiltin, ops::Op::None, "int", std::move(v));  // %d of 2.7: 2
            spec = std::string(left ? "<" : "") + sign + (has('#') ? "#" : "") + (has('0') && !left ? "0" : "") +
                   fd.width + (c == 'i' || c == 'u' ? 'd' : c);
        } else {  // e E f F g G: of the value as a float
            if (!t->is(TypeKind::Float)) v = wrap(ExprKind::CallBuiltin, ops::Op::None, "float", std::move(v));
            spec = std::string(left ? "<" : "") + sign + (has('#') ? "#" : "") + (has('0') && !left ? "0" : "") +
                   fd.width + (fd.precision.empty() ? ".6" : fd.precision) + c;
        }
        auto fmt = std::make_unique<Expr>(ExprKind::CallBuiltin, v->loc);
        fmt->name = "format";
        fmt->args.push_back(std::move(v));
        fmt->args.push_back(text(spec));
        parts.push_back(std::move(fmt));
    }
    if (!literal.empty() || parts.empty()) parts.push_back(text(literal));
    e.kind = ExprKind::Intrinsic;
    e.operation = ops::Op::FString;
    e.op = 0;
    e.args = std::move(parts);
    changed_ = true;
    return type_expr(e);
}

bool Solver::contains_ok(Expr& e, const Type* item, const Type* container) {
    if (is_byteslike(container)) {  // a byte's int, or bytes (bytes.hpp's contains)
        if (is_byteslike(item) || is_intlike(item)) return true;
        error(e.loc, "a bytes-like object is required, not '" + py_name(item) + "'");
        return false;
    }
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
    if (!is_list(container) && !container->is(TypeKind::Tuple) && !is_deque(container)) {
        error(e.loc, "argument of type '" + py_name(container) + "' is not iterable");
        return false;
    }
    if (is_list(container) || is_deque(container)) {
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
