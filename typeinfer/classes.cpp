// typeinfer: the program's classes. A field's type is declared by its annotation or
// inferred like a variable's, from every store into it (`self.x = 0.0` in any method,
// `obj.xs.append(1)` for an empty list's items). Constructing an instance binds the
// arguments to its __init__ after self; a method call obj.m(a) is the call m(obj, a), and
// an operator whose operand is an object calls its dunder method (a + b is a.__add__(b)).
#include <functional>
#include <set>

#include "solver.hpp"

namespace pyrite::typeinfer::detail {

// A dict keyed by (or a set of) instances of a class CPython makes unhashable (__eq__ without __hash__, a
// dataclass with eq and not frozen), or by a frozen dataclass whose fields do not all hash:
// one diagnostic per class, where the first such dict is typed
void Solver::check_keys() {
    std::set<int> reported;
    auto key_of = [&](const Type* t, Loc at, const std::string& file) {
        std::function<void(const Type*)> walk = [&](const Type* x) {
            if ((x->is(TypeKind::Dict) || x->is(TypeKind::Set)) && x->elem()->is(TypeKind::Object) &&
                !reported.count(x->elem()->cls)) {
                int k = x->elem()->cls;
                ir::Module::Hash h = m_.hash_kind(k);
                bool fields_hash = true;
                if (h == ir::Module::Hash::Fields)
                    for (const ir::Field& fd : m_.classes[k].fields)
                        fields_hash = fields_hash && (!fd.hashed || (fd.type && fd.type->is_key()));
                if (h == ir::Module::Hash::None || !fields_hash) {
                    reported.insert(k);
                    diags_.error(file, at, "unhashable type: '" + x->elem()->str() + "' (" +
                                               (h == ir::Module::Hash::None ? "its class defines __eq__ but no __hash__, "
                                                                              "or is a dataclass with eq and not frozen"
                                                                            : "a field of it is not hashable") +
                                               "): instances of it cannot be dict keys or set items");
                }
            }
            for (const Type* e : x->elems) walk(e);
        };
        if (t) walk(t);
    };
    for (ir::Function& f : m_.functions)
        for (ir::Var& v : f.vars) key_of(v.type, v.loc, f.file);
    for (ir::Class& c : m_.classes)
        for (ir::Field& fd : c.fields) key_of(fd.type, fd.loc, c.file);
}

// Fields start as declared (or Unknown), their constant defaults typed and checked
void Solver::init_fields() {
    for (ir::Class& c : m_.classes)
        for (ir::Field& fd : c.fields) {
            fd.type = fd.declared ? fd.declared : Unknown;
            if (!fd.value) continue;
            const Type* t = type_expr(*fd.value);
            if (!fd.declared && known(t)) fd.type = t;  // rate = 0.02: the constant's type, joined with what is assigned
            if (fd.declared && !assignable(t, fd.declared))
                diags_.error(c.file, fd.value->loc, "the default of the field '" + fd.name + "' is a " + quoted(t) +
                                                        ", not a " + quoted(fd.declared));
        }
}

// A field inherited from a base is typed once, in the class that declares it (its index is the
// same in the base); the subclasses' copies take that type when solving ends (inherit_field_types)
ir::Field* Solver::typed_field(int cls, int i) const {
    for (int b = m_.classes[cls].base; b >= 0 && i < static_cast<int>(m_.classes[b].fields.size()); b = m_.classes[cls].base)
        cls = b;
    return &m_.classes[cls].fields[i];
}

void Solver::inherit_field_types() {
    for (size_t k = 0; k < m_.classes.size(); ++k)
        for (size_t i = 0; i < m_.classes[k].fields.size(); ++i)
            m_.classes[k].fields[i].type = typed_field(static_cast<int>(k), static_cast<int>(i))->type;
}

ir::Field* Solver::field_of(const Expr& attr) const {
    const Type* t = attr.args[0]->type;
    if (!t || !t->is(TypeKind::Object)) return nullptr;
    ir::Class& c = m_.classes[t->cls];
    int i = c.field(attr.name);
    return i < 0 ? nullptr : typed_field(t->cls, i);
}

void Solver::join_field(const Expr& attr, const Type* t, Loc at) {
    ir::Field* fd = field_of(attr);
    if (!fd || !t || t == Unknown) return;
    const std::string owner = "'" + attr.args[0]->type->str() + "." + fd->name + "'";
    if (fd->declared) {
        if (!assignable(t, fd->declared))
            error(at, "cannot assign a value of type " + quoted(t) + " to the field " + owner + ", declared " +
                          quoted(fd->declared));
        return;
    }
    const Type* joined = join_value(fd->type ? fd->type : Unknown, t);  // 0, then a float: an int | float
    if (!joined && known(fd->type) && known(t)) {  // self.data = [[0.0] * n ...], then data[i][j] = 1
        const Type* w = widen_items(fd->type, t);
        if (w == fd->type) return;  // int | float there already: a fresh value converts (attr_store)
        if (w && widenable_field(attr.args[0]->type->cls, fd->name)) joined = w;
    }
    if (joined && joined != fd->type) {
        if (!fd->type || fd->type == Unknown) fd->loc = at;
        fd->type = joined;
        changed_ = true;
    } else if (!joined) {
        error(at, "the field " + owner + " is assigned a value of type " + quoted(t) + " here but " +
                      quoted(fd->type) + " at line " + std::to_string(fd->loc.line) +
                      ": pyrite gives each field one type; annotate it in the class body or convert explicitly");
    }
}

// obj.x: a field. Also x.real / x.shape on an object (lowered as array attributes): its field.
const Type* Solver::attr(Expr& e) {
    e.kind = ExprKind::Attr;
    e.operation = Op::None;
    const Type* t = type_expr(*e.args[0]);
    if (!known(t)) return Unknown;
    if (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object)) {
        error(e.args[0]->loc, "this value may be None (type " + quoted(t) + "): check 'is not None' before reading ." + e.name);
        return Unknown;
    }
    if (t->is_exception() && e.name == "args") {  // its args: a tuple of values only run time knows the types of
        e.kind = ExprKind::Intrinsic;
        e.operation = Op::ExcArgs;
        return Type::tuple_of(Type::exc_arg());
    }
    if (t->is(TypeKind::ExcClass) && t->str() == "type[BaseException]" && (e.name == "__name__" || e.name == "__qualname__")) {
        e.kind = ExprKind::Intrinsic;  // exc_type.__name__ in __exit__: the exception's class's (iterables.cpp's TypeName)
        e.operation = Op::TypeName;
        return intrinsic(e);
    }
    if (t->is(TypeKind::Exception) && (e.name == "__cause__" || e.name == "__suppress_context__")) {
        e.kind = ExprKind::Intrinsic;  // what `raise ... from ...` gave it (exceptions.hpp's exc_cause)
        e.operation = e.name == "__cause__" ? Op::ExcCause : Op::ExcSuppressContext;
        return intrinsic(e);
    }
    if (t->is(TypeKind::Exception) && e.name == "__context__") {
        error(e.loc, "e.__context__ is not supported: compiled code gives an exception its context as it leaves the "
                     "handler it was raised in, not where it is raised (e.__cause__, which raise ... from ... sets, is)");
        return Unknown;
    }
    if (t->is(TypeKind::Exception)) {
        error(e.loc, "compiled code reads a caught exception by str(e), repr(e), isinstance(e, ...), e.args, e.__cause__ "
                     "and the fields of the program's exception classes; '." + e.name + "' of " + quoted(t) +
                     " is not supported yet");
        return Unknown;
    }
    if (t->is(TypeKind::Pattern) || t->is(TypeKind::Match)) {  // p.pattern, m.string: re.hpp's "re.Match:string"
        if (!table_.find(t->str() + ":" + e.name)) {
            error(e.loc, "'" + t->str() + "' object has no attribute '" + e.name + "' that pyrite supports");
            return Unknown;
        }
        e.kind = ExprKind::CallBuiltin;  // a call of the builtin that reads it, "re.Match:string"
        e.name = t->str() + ":" + e.name;
        return call_builtin(e);
    }
    if (t->is(TypeKind::Function) && (e.name == "__name__" || e.name == "__qualname__")) {  // f.__name__: its def's
        const ir::Function& f = m_.functions[static_cast<size_t>(t->cls)];
        e.kind = ExprKind::StrConst;
        e.name = e.name == "__name__" ? f.pyname : f.qualname;
        e.args.clear();
        return Type::str_();
    }
    if (t->is(TypeKind::Enum)) {  // a member's .name and .value (codegen's attr)
        const ir::Class& c = m_.classes[t->cls];
        if (e.name == "name") return Type::str_();
        if (e.name == "value" && !c.fields.empty()) return c.fields[0].declared;
        error(e.loc, "'" + py_name(t) + "' object has no attribute '" + e.name + "' that pyrite supports (.name, .value)");
        return Unknown;
    }
    if (!t->is(TypeKind::Object) && !t->is_named_tuple()) {
        error(e.loc, "'" + py_name(t) + "' object has no attribute '" + e.name + "' that pyrite supports");
        return Unknown;
    }
    ir::Class& c = m_.classes[t->cls];
    int i = c.field(e.name);
    if (i >= 0 && t->is_named_tuple()) {  // a NamedTuple's field: its item
        e.kind = ExprKind::TupleGet;
        e.index = i;
        e.unpack_count = static_cast<int>(t->elems.size());
        return t->elems[i];
    }
    if (i < 0 && m_.getter(t->cls, e.name) >= 0) {  // a @property: its getter, called
        int g = m_.getter(t->cls, e.name);
        e.kind = ExprKind::CallFunc;
        e.callee = g;
        e.name = m_.functions[g].qualname;
        return call_func(e);
    }
    if (int g = i < 0 && t->is(TypeKind::Object) ? m_.class_var(t->cls, e.name) : -1; g >= 0) {
        // self.count: the class variable (frontend/lower_class_vars.cpp), read without the object
        const ir::Global& var = m_.globals[static_cast<size_t>(g)];
        const std::string& owner = m_.classes[static_cast<size_t>(var.cls)].qualname;
        std::function<bool(const Expr&)> plain = [&](const Expr& x) {
            return x.kind == ExprKind::Var || (x.kind == ExprKind::Attr && plain(*x.args[0]));
        };
        if (!plain(*e.args[0])) {
            error(e.loc, "'" + e.name + "' is a class variable of '" + owner + "': read it through a variable or the "
                         "class (" + owner + "." + e.name + ")");
            return Unknown;
        }
        e.kind = ExprKind::Global;
        e.index = g;
        e.name = owner + "." + e.name;
        e.args.clear();
        return var.type;
    }
    if (i < 0) {
        if (refused(t)) return Unknown;
        if (m_.method(t->cls, e.name) >= 0)
            error(e.loc, "'" + t->str() + "." + e.name + "' is a method: call it (a bound method as a value is not "
                                                       "supported by pyrite yet)");
        else
            error(e.loc, "'" + t->str() + "' object has no attribute '" + e.name + "'");
        return Unknown;
    }
    e.index = i;
    e.check_bound = !c.fields[i].always_set;  // a read that may find it unassigned (AttributeError)
    const Type* ft = typed_field(t->cls, i)->type ? typed_field(t->cls, i)->type : Unknown;
    int p = path(e);  // narrowed: `if node.next is not None:` reads node.next as a Node (checked)
    e.unwrap = ft->is(TypeKind::Optional) && p != kNoPath && narrowed_.count(p);
    return e.unwrap ? ft->elem() : ft;
}

// obj.x = value
void Solver::attr_store(Stmt& s) {
    Expr& target = *s.target;
    const Type* t = type_expr(*target.args[0]);
    const Type* v = type_expr(*s.value);
    if (!known(t)) return;
    if (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object)) {
        error(target.args[0]->loc, "this value may be None (type " + quoted(t) + "): check 'is not None' before "
                                   "assigning ." + target.name);
        return;
    }
    if (t->is_named_tuple()) {
        error(target.loc, "cannot assign to field '" + target.name + "' of '" + py_name(t) + "': a NamedTuple is a tuple, "
                          "which never changes (CPython raises AttributeError: can't set attribute); make a new one "
                          "with ._replace(" + target.name + "=...)");
        return;
    }
    if (!t->is(TypeKind::Object)) {
        error(target.loc, "'" + py_name(t) + "' object attribute '" + target.name + "' cannot be assigned in compiled code");
        return;
    }
    ir::Class& c = m_.classes[t->cls];
    int i = c.field(target.name);
    if (i < 0 && m_.setter(t->cls, target.name) >= 0) {  // a @property's setter: a call of it with the value
        int f = m_.setter(t->cls, target.name);
        auto call = std::make_unique<Expr>(ExprKind::CallFunc, s.loc);
        call->callee = f;
        call->name = m_.functions[f].qualname;
        call->args.push_back(std::move(target.args[0]));
        call->args.push_back(std::move(s.value));
        s.kind = StmtKind::ExprStmt;
        s.target.reset();
        s.value = std::move(call);
        type_expr(*s.value);
        return;
    }
    if (i < 0 && m_.getter(t->cls, target.name) >= 0) {
        error(target.loc, "property '" + target.name + "' of '" + t->str() + "' object has no setter");
        return;
    }
    if (i < 0) {
        if (int g = m_.class_var(t->cls, target.name); g >= 0) {  // frontend/lower_class_vars.cpp
            const std::string& owner = m_.classes[static_cast<size_t>(m_.globals[static_cast<size_t>(g)].cls)].qualname;
            error(target.loc, "'" + target.name + "' is a class variable of '" + owner + "': assigning it through an "
                                  "instance would give the instance an attribute of its own hiding it, which pyrite "
                                  "does not compile; assign " + owner + "." + target.name);
            return;
        }
        error(target.loc, "'" + t->str() + "' object has no attribute '" + target.name +
                              "': pyrite gives a class fixed fields (annotate it in the class body, or assign "
                              "self." + target.name + " in a method)");
        return;
    }
    target.index = i;
    if (c.frozen && f_ != &m_.functions[c.init])
        error(target.loc, "cannot assign to field '" + target.name + "': '" + t->str() + "' is a frozen dataclass");
    join_field(target, v, s.loc);
    const Type* ft = typed_field(t->cls, i)->type;
    target.type = ft ? ft : Unknown;
    // self.items = items of a parameter still less known than the field (a bare `dict` field's
    // field(default_factory=dict), given nothing): the parameter takes what the field holds
    if (s.value->kind == ExprKind::Var && known(ft) && !known(v)) {
        ir::Var& pv = f_->vars[s.value->var];
        if (pv.is_param && !pv.declared && join(v, ft) == ft) {
            pv.type = ft;
            s.value->type = ft;
            changed_ = true;
        }
    }
    bool widened = known(ft) && known(v) && !join_value(ft, v) && widen_items(ft, v) == ft;
    if (widened && fresh(*s.value))
        refine_items(*s.value, ft);
    else if (widened)  // another container's: it would be the same object, its items of their own type
        error(s.value->loc, "the field '" + t->str() + "." + target.name + "' holds " + quoted(ft) + " (ints and floats "
                            "stored into it), not this " + quoted(v) + ": store a new container (list(...)) or annotate it");
    else if (known(ft))
        refine(*s.value, ft);
    // after node.next = x, node.next is x: narrowed if x is not None (and any path through it forgotten)
    if (int p = path(target); p != kNoPath) {
        narrowed_.erase(p);
        for (auto it = narrowed_.begin(); it != narrowed_.end();)
            it = *it < 0 && *it != p && path_base_[*it] == path_base_[p] ? narrowed_.erase(it) : std::next(it);
        if (known(v) && !v->is(TypeKind::None) && !v->is(TypeKind::Optional)) narrowed_.insert(p);
    }
}

const Type* Solver::as_value(Expr& e) {
    const Type* t = e.type;
    if (!t || !t->enum_mixin()) return t;
    auto member = std::make_unique<Expr>(std::move(e));
    e = Expr(ExprKind::Attr, member->loc);
    e.name = "value";
    e.args.push_back(std::move(member));
    e.type = t->enum_mixin();
    changed_ = true;
    return e.type;
}

// The operands of a comparison that compare as their values: an IntEnum's (StrEnum's, a mixin's)
// member with an int, ordered, or in a container of values (d < 2, d == 1, d in (1, 2), "x" in c);
// a member stays one for `is`, for == with a member of its class (by position: a member has one
// value) and in a container of its class's members
void Solver::values_compared(Expr& e, std::vector<const Type*>& ts) {
    for (size_t i = 0; i < e.cmps.size(); ++i) {
        const Type *a = ts[i], *b = ts[i + 1];
        CmpOp op = e.cmps[i];
        if (!known(a) || !known(b) || op == CmpOp::Is || op == CmpOp::IsNot) continue;
        if (op == CmpOp::In || op == CmpOp::NotIn) {
            if (b->enum_mixin()) ts[i + 1] = as_value(*e.args[i + 1]);  // "x" in c: in its str
            bool members = !b->elems.empty() && b->elems[0] == a;  // d in [D.N, D.S], d in {D.N: 1}
            if (a->enum_mixin() && !members) ts[i] = as_value(*e.args[i]);
            Expr& display = *e.args[i + 1];  // op in (Op.ADD, Op.SUB) of an int op: the members' values
            bool literal = display.kind == ExprKind::Tuple || display.kind == ExprKind::List ||
                           display.kind == ExprKind::SetDisplay;
            if (literal && !ts[i]->is(TypeKind::Enum)) {
                bool decayed = false;
                for (ir::ExprP& item : display.args)
                    if (item->type && item->type->enum_mixin() == ts[i]) decayed = as_value(*item) != nullptr;
                if (decayed) ts[i + 1] = type_expr(display);
            }
            continue;
        }
        bool same = a == b && (op == CmpOp::Eq || op == CmpOp::NotEq);
        if (!same && a->enum_mixin()) ts[i] = as_value(*e.args[i]);
        if (!same && b->enum_mixin()) ts[i + 1] = as_value(*e.args[i + 1]);
    }
}

// Body(a, b): a new instance, its arguments bound to __init__'s parameters after self
const Type* Solver::new_object(Expr& e) {
    ir::Class& c = m_.classes[e.callee];
    const Type* t = c.type;
    if (c.is_enum) {  // Color.RED (index: its position), or Color(value): the member with that value
        for (ir::ExprP& a : e.args) type_expr(*a);
        if (c.refused) return Unknown;  // the frontend said why at the class
        if (e.index >= 0) return t;
        std::string n = c.qualname.substr(c.qualname.rfind('.') + 1);
        if (!e.kwnames.empty() || e.args.size() != 1) {
            error(e.loc, n + "(...) takes one value in compiled code, the value of one of its members");
            return Unknown;
        }
        const Type* v = e.args[0]->type;
        if (known(v) && !c.fields.empty() && !assignable(v, c.fields[0].declared)) {
            error(e.args[0]->loc, n + "'s members have values of type " + quoted(c.fields[0].declared) + ", not " + quoted(v));
            return Unknown;
        }
        return known(v) ? t : Unknown;
    }
    if (c.namedtuple) {  // Point(x, y): its __new__ (lower_class.cpp's named_tuple_new) makes the tuple
        e.kind = ExprKind::CallFunc;
        e.callee = c.init;
        e.name = m_.functions[c.init].qualname;
        return call_func(e);
    }
    if (c.init < 0 && t->exc) {  // an exception class: BaseException(*args)
        for (ir::ExprP& a : e.args) type_expr(*a);
        if (!e.kwnames.empty()) {
            error(e.loc, c.qualname.substr(c.qualname.rfind('.') + 1) + "() takes no keyword arguments");
            return Unknown;
        }
        exception_args(e);
        return t;
    }
    if (c.init < 0) {
        for (ir::ExprP& a : e.args) type_expr(*a);
        if (c.refused) return Unknown;  // the frontend said why
        if (!e.args.empty()) {
            error(e.loc, c.qualname.substr(c.qualname.rfind('.') + 1) + "() takes no arguments");
            return Unknown;
        }
        return t;
    }
    pack_vararg(e, m_.functions[c.init], 1);  // def __init__(self, *items)
    if (call_params(e, m_.functions[c.init], 1) == Unknown && m_.functions[c.init].lower_errors) return Unknown;
    if (t->exc) exception_args(e);
    return t;
}

// obj.m(a): the call m(obj, a) (a static method: m(a))
const Type* Solver::object_method(Expr& e, const Type* t) {
    ir::Class& c = m_.classes[t->cls];
    int m = m_.method(t->cls, e.name);
    for (size_t i = 1; i < e.args.size(); ++i)
        if (e.args[i]->iterator_items) {  // a builtin type's method reads it once; this one might twice
            error(e.args[i]->loc, "an iterator passed to a method of '" + t->str() + "' is not supported yet (pass a list of its items)");
            return Unknown;
        }
    if (m < 0 && (e.name == "__enter__" || e.name == "__exit__")) {  // with (frontend's lower_with)
        for (size_t i = 1; i < e.args.size(); ++i) type_expr(*e.args[i]);
        error(e.args[0]->loc, "'" + t->str() + "' object does not support the context manager protocol (it has no " +
                                  e.name + ")");
        return Unknown;
    }
    if (m < 0) {
        for (size_t i = 1; i < e.args.size(); ++i) type_expr(*e.args[i]);
        error(e.loc, c.field(e.name) >= 0 ? "'" + t->str() + "." + e.name + "' is a field, and a class of the program has a "
                                                                           "method '" + e.name + "': compiled code calls "
                                                                           "what a field holds where no class has a method "
                                                                           "of its name"
                                          : "'" + t->str() + "' object has no attribute '" + e.name + "'");
        return Unknown;
    }
    ir::Function& f = m_.functions[m];
    size_t npos = e.args.size() - e.kwnames.size();
    if (npos > 1 && e.args[npos - 1]->star_arg) {  // obj.m(a, *xs): tuple(xs) is its *args
        size_t before = npos - 1 - (f.method_of < 0 ? 1 : 0);  // the arguments before it (the instance's too)
        if (!f.vararg || before != f.params.size() - f.nkwonly) {  // (*args counts among nkwonly)
            for (size_t i = 1; i < e.args.size(); ++i) type_expr(*e.args[i]);
            error(e.args[npos - 1]->loc, "'" + e.name + "(*...)': pyrite binds a method's *iterable to its *args only, "
                                         "after one argument per parameter before it");
            return Unknown;
        }
        ir::ExprP rest = std::move(e.args[npos - 1]);
        e.args.erase(e.args.begin() + static_cast<std::ptrdiff_t>(npos - 1));
        e.args.push_back(std::move(rest));
        e.kwnames.push_back(f.vars[f.params.back()].name);
    }
    e.kind = ExprKind::CallFunc;
    e.callee = m;
    e.name = f.qualname;
    if (f.method_of < 0) e.args.erase(e.args.begin());  // a static method: no instance
    pack_vararg(e, f);  // def add(self, *vs)
    // a subclass overrides it: the instance's class decides which one runs (codegen: a virtual call)
    e.dispatch = f.method_of >= 0 && m_.overridden(t->cls, e.name.substr(e.name.rfind('.') + 1));
    return call_func(e);
}

bool Solver::named_dunder(const Type* t, const std::string& dunder) const {
    return t && t->is_named_tuple() && m_.method(t->cls, dunder) >= 0;
}

// (tuple-named Point %x %y): the items a NamedTuple's __new__ or _replace gives its fields
const Type* Solver::named_tuple_made(Expr& e, const std::vector<const Type*>& items) {
    const ir::Class& c = m_.classes[e.callee];
    bool ok = true;
    for (size_t i = 0; i < items.size() && i < c.fields.size(); ++i) {
        if (!known(items[i])) {  // [] given a list[int] field: a list[int]
            if (items[i] && join(items[i], c.type->elems[i])) refine(*e.args[i], c.type->elems[i]);
            ok = ok && known(e.args[i]->type);
            continue;
        }
        if (!assignable(items[i], c.type->elems[i])) {
            error(e.args[i]->loc, "the field '" + c.fields[i].name + "' of '" + py_name(c.type) + "' is declared " +
                                      quoted(c.type->elems[i]) + ", not " + quoted(items[i]));
            return Unknown;
        }
    }
    return ok ? c.type : Unknown;
}

// e, reported: an Error from now on (typed again in the reporting pass, it says nothing more)
const Type* Solver::refused(Expr& e) {
    if (report_) e = Expr(ExprKind::Error, e.loc);
    return Unknown;
}

// p.m(a) of a NamedTuple: its class's method; p._replace(y=v), the tuple (tuple-named (get %p 0) v),
// and p._asdict(), the dict {"x": (get %p 0), ...}. Null for what is a tuple's (p.count(x), p.index(x))
const Type* Solver::named_tuple_method(Expr& e, const Type* t) {
    const ir::Class& c = m_.classes[t->cls];
    if (m_.method(t->cls, e.name) >= 0) return object_method(e, t);
    if (e.name != "_replace" && e.name != "_asdict") return nullptr;
    std::string what = py_name(t) + "." + e.name + "()";
    if (e.name == "_asdict" && e.args.size() > 1) {
        error(e.loc, what + " takes no arguments");
        return refused(e);
    }
    if (e.name == "_replace" && e.args.size() != e.kwnames.size() + 1) {
        error(e.loc, what + " takes keyword arguments only, one per field it replaces");
        return refused(e);
    }
    std::vector<int> given(c.fields.size(), -1);  // _replace: the argument for each field
    for (size_t k = 0; k < e.kwnames.size(); ++k) {
        int i = c.field(e.kwnames[k]);
        if (i < 0) {
            error(e.args[1 + k]->loc, "Got unexpected field names: ['" + e.kwnames[k] + "'] (" + what + ")");
            return refused(e);
        }
        given[i] = static_cast<int>(1 + k);
    }
    if (e.name == "_asdict")
        for (size_t i = 1; i < t->elems.size(); ++i)
            if (t->elems[i] != t->elems[0]) {
                error(e.loc, what + " of fields of different types (" + quoted(t->elems[0]) + ", " + quoted(t->elems[i]) +
                                 ") would be a dict of mixed values: pyrite has no union types");
                return refused(e);
            }
    // the receiver is a variable (the frontend held it: lower_expr.cpp), read once per item
    if (e.args[0]->kind != ExprKind::Var) {
        error(e.loc, what + " of this expression is not supported: assign it to a variable first");
        return refused(e);
    }
    Loc at = e.loc;
    auto made = std::make_unique<Expr>(e.name == "_replace" ? ExprKind::Tuple : ExprKind::DictDisplay, at);
    if (e.name == "_replace") made->callee = t->cls;
    for (size_t i = 0; i < c.fields.size(); ++i) {
        if (e.name == "_asdict") {
            made->args.push_back(std::make_unique<Expr>(ExprKind::StrConst, at));
            made->args.back()->name = c.fields[i].name;
        }
        if (given[i] >= 0) {
            made->args.push_back(std::move(e.args[given[i]]));
            continue;
        }
        auto get = std::make_unique<Expr>(ExprKind::TupleGet, at);
        get->args.push_back(std::make_unique<Expr>(ExprKind::Var, at));
        get->args[0]->var = e.args[0]->var;
        get->index = static_cast<std::int64_t>(i);
        get->unpack_count = static_cast<int>(t->elems.size());
        made->args.push_back(std::move(get));
    }
    e = std::move(*made);
    return type_expr(e);
}

// a + b, -a, a < b where an operand is an object: its dunder method, a call
// (a reflected __radd__ when only the right operand has one)
const Type* Solver::object_operator(Expr& e, const std::string& dunder, const std::string& reflected) {
    const Type* a = e.args[0]->type;
    const Type* b = e.args.size() > 1 ? e.args[1]->type : nullptr;
    // t's dunder `name` for the operand: none where its NotImplemented guard turns the operand away
    // (lower_class.cpp's not_implemented_guard), as CPython then falls back
    auto method = [&](const Type* t, const std::string& name, const Type* operand) {
        int m = t && (t->is(TypeKind::Object) || t->is_named_tuple()) ? m_.method(t->cls, name) : -1;
        if (m < 0 || m_.functions[m].guard_class < 0 || !operand) return m;
        const Type* x = operand->is(TypeKind::Optional) ? nullptr : operand;
        return x && x->is(TypeKind::Object) && x->derives_from(m_.classes[m_.functions[m].guard_class].type) ? m : -1;
    };
    int m = method(a, dunder, b);
    if (m < 0 && !reflected.empty() && method(b, reflected, a) >= 0) {
        m = method(b, reflected, a);
        std::swap(e.args[0], e.args[1]);
    }
    if (m < 0) return nullptr;
    const Type* receiver = e.args[0]->type;
    e.kind = ExprKind::CallFunc;
    e.callee = m;
    e.name = m_.functions[m].qualname;
    e.dispatch = receiver && receiver->is(TypeKind::Object) && m_.overridden(receiver->cls, e.name.substr(e.name.rfind('.') + 1));
    e.cmps.clear();
    e.op = 0;
    e.inplace = false;
    return call_func(e);
}

// A method a subclass redefines is called through the instance, so both must take and return
// the same types (as mypy asks of an override, without its variance)
// What the methods overriding f (a method that only raises) return, joined; None where nothing
// overrides it; Unknown until one is typed
const Type* Solver::overrides_return(const ir::Function& f) const {
    std::vector<int> overrides = m_.overriding(f.method_of, f.qualname.substr(f.qualname.rfind('.') + 1));
    if (overrides.empty()) return Type::none();
    const Type* joined = nullptr;
    for (int m : overrides) {
        const Type* r = m_.functions[m].ret;
        if (known(r) && !m_.functions[m].never_returns) joined = joined ? join_value(joined, r) : r;
    }
    return joined ? joined : Unknown;
}

void Solver::check_overrides() {
    for (ir::Class& c : m_.classes) {
        if (c.base < 0) continue;
        for (const auto& [name, fn] : c.methods) {
            int over = m_.method(c.base, name);
            if (over < 0 || name == "__init__" || m_.functions[fn].method_of < 0 || m_.functions[over].method_of < 0) continue;
            const ir::Function &f = m_.functions[fn], &g = m_.functions[over];
            bool same = f.params.size() == g.params.size() && f.ret == g.ret;
            for (size_t i = 1; same && i < f.params.size(); ++i)
                same = f.vars[f.params[i]].type == g.vars[g.params[i]].type;
            if (!same)
                diags_.error(f.file, f.loc, "'" + f.qualname + "' overrides '" + g.qualname +
                                                "' with other parameter or return types: an override takes and returns the "
                                                "types of the method it replaces");
        }
    }
}


// e, a comparison of two operands, as `not (a <positive> b)`: a != b without __ne__, x not in obj
const Type* Solver::negated(Expr& e, CmpOp positive) {
    auto inner = std::make_unique<Expr>(ExprKind::Compare, e.loc);
    inner->cmps = {positive};
    inner->args = std::move(e.args);
    e.args.clear();
    e.args.push_back(std::move(inner));
    e.kind = ExprKind::Unary;
    e.op = static_cast<int>(ir::UnOp::Not);
    e.cmps.clear();
    return unary(e);
}

// a < b, a == b where an operand is an instance: a.__lt__(b), or b.__gt__(a) reflected; == and !=
// without __eq__: identity (or a dataclass's field-by-field __eq__, which codegen writes); null
// for `in`, which the caller types
const Type* Solver::object_compare(Expr& e, const std::vector<const Type*>& ts) {
    // a < b: a.__lt__(b), or b.__gt__(a) reflected; == and != without __eq__: identity (or a
    // dataclass's field-by-field __eq__, which codegen writes)
    static const std::map<CmpOp, std::pair<const char*, const char*>> dunders = {
        {CmpOp::Lt, {"__lt__", "__gt__"}}, {CmpOp::LtE, {"__le__", "__ge__"}}, {CmpOp::Gt, {"__gt__", "__lt__"}},
        {CmpOp::GtE, {"__ge__", "__le__"}}, {CmpOp::Eq, {"__eq__", "__eq__"}}, {CmpOp::NotEq, {"__ne__", "__ne__"}}};
    auto d = dunders.find(e.cmps[0]);
    if (d != dunders.end())
        if (const Type* r = object_operator(e, d->second.first, d->second.second)) return r;
    CmpOp op = e.cmps[0];
    if ((op == CmpOp::In || op == CmpOp::NotIn) && ts[1]->is(TypeKind::Object)) {  // x in obj: obj.__contains__(x)
        if (op == CmpOp::NotIn) return negated(e, CmpOp::In);  // not (x in obj)
        std::swap(e.args[0], e.args[1]);
        if (const Type* r = object_operator(e, "__contains__", "")) return r;
        std::swap(e.args[0], e.args[1]);
        error(e.loc, "argument of type '" + py_name(ts[1]) + "' is not a container (define __contains__)");
        return Unknown;
    }
    if (op == CmpOp::NotEq) {  // no __ne__: not __eq__ (which may fall back to identity in turn)
        if ((ts[0]->is(TypeKind::Object) && m_.method(ts[0]->cls, "__eq__") >= 0) ||
            (ts[1]->is(TypeKind::Object) && m_.method(ts[1]->cls, "__eq__") >= 0))
            return negated(e, CmpOp::Eq);
    }
    bool identity = op == CmpOp::Is || op == CmpOp::IsNot || op == CmpOp::Eq || op == CmpOp::NotEq;
    const Type* x = ts[0]->is(TypeKind::Optional) ? ts[0]->elem() : ts[0];
    const Type* y = ts[1]->is(TypeKind::Optional) ? ts[1]->elem() : ts[1];
    if (identity && (x == y || x->is(TypeKind::None) || y->is(TypeKind::None))) return Type::bool_();
    if (identity && (op == CmpOp::Eq || op == CmpOp::NotEq)) return Type::bool_();  // different classes: False
    if (refused(ts[0]) || refused(ts[1])) return Unknown;
    if (op != CmpOp::In && op != CmpOp::NotIn) {
        error(e.loc, std::string("'") + ir::symbol(op) + "' not supported between instances of '" + py_name(ts[0]) +
                         "' and '" + py_name(ts[1]) + "'");
        return Unknown;
    }
    return nullptr;
}

// len(obj) and obj[i]: obj.__len__(), obj.__getitem__(i)
const Type* Solver::object_protocol(Expr& e, const char* dunder, const char* what) {
    if (const Type* r = object_operator(e, dunder, "")) return r;
    error(e.loc, "'" + py_name(e.args[0]->type) + "' object " + what + " (define " + dunder + ")");
    return Unknown;
}

// An instance iterated (a for loop, a comprehension, list(), sum(), zip() ...) is iterated as
// CPython's iter(obj) does, by obj.__iter__(): a generator object where __iter__ yields. The
// expression becomes that call, in place; its type is what the loop then iterates. Where the
// iterator is an instance whose class defines __next__ (often `return self`), the items are its
// __next__() until that raises StopIteration: the runtime's from_next makes a generator object of
// it (generator.hpp), calling `lambda it: it.__next__()`.
// by_list: read as list(iter(obj)) (str.join's PySequence_Fast), which iterates the iterator: its
// class must define __iter__ too
const Type* Solver::iterated(Expr& it, bool by_list) {
    const Type* t = as_value(it);  // a StrEnum's member iterates its value's characters
    Loc at = it.loc;
    if (t && t->is(TypeKind::Object) && m_.method(t->cls, "__iter__") >= 0) {
        auto obj = std::make_unique<Expr>(std::move(it));
        it = Expr(ExprKind::CallFunc, at);
        it.args.push_back(std::move(obj));
        it.type = t = object_operator(it, "__iter__", "");
    } else if (it.kind != ExprKind::CallFunc || it.callee < 0 || m_.functions[it.callee].method_of < 0 ||
               m_.functions[it.callee].pyname != "__iter__") {
        return t;  // not an instance with __iter__ (even with __next__: iterable_elem reports it), nor its call
    }
    // obj.__iter__(), checked again in each round (only the last one reports)
    if (!known(t) || is_iterator(t)) return t;
    if (!t->is(TypeKind::Object) || m_.method(t->cls, "__next__") < 0) {
        error(at, "iter() returned non-iterator of type '" + py_name(t) + "' (__iter__ returns a generator, or an "
                  "instance whose class defines __next__)");
        return Unknown;
    }
    if (by_list && m_.method(t->cls, "__iter__") < 0) {
        error(at, "'" + py_name(t) + "' object is not iterable: str.join() reads the iterator __iter__ returns with "
                  "list(), which iterates it in turn (CPython raises TypeError; define " + py_name(t) +
                  ".__iter__, returning self)");
        return Unknown;
    }
    int v = f_->add_var("$next" + std::to_string(f_->vars.size()), at);
    f_->vars[v].type = t;
    auto call = std::make_unique<Expr>(ExprKind::CallFunc, at);
    call->args.push_back(std::make_unique<Expr>(ExprKind::Var, at));
    call->args[0]->var = v;
    call->args[0]->type = t;
    const Type* item = object_operator(*call, "__next__", "");
    auto lambda = std::make_unique<Expr>(ExprKind::Lambda, at);
    lambda->var = v;
    lambda->type = item;
    lambda->args.push_back(std::move(call));
    auto iterator = std::make_unique<Expr>(std::move(it));
    it = Expr(ExprKind::Intrinsic, at);
    it.operation = Op::NextIter;
    it.args.push_back(std::move(iterator));
    it.args.push_back(std::move(lambda));
    it.type = known(item) ? Type::iterator(item) : Unknown;
    return it.type;
}

// obj[i] = v: obj.__setitem__(i, v), a statement of its own
void Solver::item_store(Stmt& s) {
    auto call = std::make_unique<Expr>(ExprKind::CallFunc, s.loc);  // its callee set by object_operator
    call->args.push_back(std::move(s.target->args[0]));
    call->args.push_back(std::move(s.target->args[1]));
    call->args.push_back(std::move(s.value));
    for (ir::ExprP& a : call->args) type_expr(*a);
    s.kind = StmtKind::ExprStmt;
    s.target.reset();
    s.value = std::move(call);
    if (!object_operator(*s.value, "__setitem__", "")) {
        error(s.loc, "'" + py_name(s.value->args[0]->type) + "' object does not support item assignment (define __setitem__)");
        s.value->kind = ExprKind::Error;
    }
}

// -v: v.__neg__()
const Type* Solver::object_unary(Expr& e, const Type* a) {
    auto op = static_cast<ir::UnOp>(e.op);
    static const char* const dunders[] = {"__neg__", "__pos__", "", "__invert__"};
    if (const Type* r = object_operator(e, dunders[e.op], "")) return r;
    if (refused(a)) return Unknown;
    error(e.loc, std::string("bad operand type for unary ") + ir::symbol(op) + ": '" + py_name(a) + "'");
    return Unknown;
}

// a + b: a.__add__(b), or b.__radd__(a); a += b: a.__iadd__(b) where the class has it
const Type* Solver::object_binary(Expr& e, const Type* a, const Type* b) {
    auto op = static_cast<BinOp>(e.op);
    std::string n = dunder_name(op);
    if (e.inplace && (a->is(TypeKind::Object) || a->is_named_tuple()) && m_.method(a->cls, "__i" + n + "__") >= 0)
        if (const Type* r = object_operator(e, "__i" + n + "__", "")) return r;
    if (const Type* r = object_operator(e, "__" + n + "__", "__r" + n + "__")) return r;
    if (refused(a) || refused(b)) return Unknown;
    error(e.loc, std::string("unsupported operand type(s) for ") + ir::symbol(op) + ": '" + py_name(a) + "' and '" +
                     py_name(b) + "'");
    return Unknown;
}

const std::set<int>& Solver::made_classes() {
    if (!made_classes_) {
        made_classes_.emplace();
        for (ir::Function& f : m_.functions)
            ir::for_each_node(f.body, [&](Expr& x) {
                if (x.kind == ExprKind::New) made_classes_->insert(x.callee);
            });
    }
    return *made_classes_;
}

}  // namespace pyrite::typeinfer::detail
