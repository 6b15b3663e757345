// typeinfer: iteration and the builtins over iterables (len, sum, sorted, list, tuple,
// set, dict, min, max, any, all, str, repr, range, isinstance: ops/ops.def's Builtin
// operations), key= functions, and the items a for loop gets (enumerate, zip, reversed).
#include "solver.hpp"

namespace pyrite::typeinfer::detail {

// whether t holds an instance of a class the frontend refused (reported there, once)
bool Solver::refused_class_in(const Type* t) const {
    if ((t->is(TypeKind::Object) || t->is(TypeKind::Enum)) && t->cls >= 0 && m_.classes[t->cls].refused) return true;
    for (const Type* e : t->elems)
        if (refused_class_in(e)) return true;
    return false;
}

// Values that <, sorted() and min() can order: numbers, str, and tuples and lists of them
bool Solver::orderable(const Type* t) const {
    if (t->is_real_number() || is_str(t) || is_byteslike(t)) return true;
    if (t->is(TypeKind::Boxed)) return true;  // an `object`: by its value, or CPython's TypeError (boxed.hpp)
    if (t->is(TypeKind::Object)) return m_.ordering(t->cls) >= 0;  // its __lt__ (codegen's py_lt)
    // an Enum's members have no order: comparing two raises CPython's TypeError when it runs (enum.hpp),
    // which a tuple's earlier items usually decide before (heapq of (priority, seq, member))
    if (t->is(TypeKind::Enum)) return true;
    if (t->is(TypeKind::Scalar)) return !is_complex_dtype(t->dtype);  // max(a) of an array's items
    if (is_list(t)) return orderable(t->elem());
    if (t->is(TypeKind::Tuple)) {
        for (const Type* x : t->elems)
            if (!orderable(x)) return false;
        return true;
    }
    return false;
}

// why `what` cannot order items of type t (not orderable)
std::string Solver::unordered(const Type* t, const std::string& what) const {
    bool keys = what.find('.') == std::string::npos;  // sorted(), min(), list.sort() take key=; heapq's do not
    if (t->is(TypeKind::Object) && m_.method(t->cls, "__lt__") < 0)
        return "'<' not supported between instances of '" + py_name(t) + "' and '" + py_name(t) + "': " + what +
               " orders items by __lt__ (define it" + (keys ? ", or pass key=)" : ")");
    if (t->is(TypeKind::Object))
        return what + " of '" + py_name(t) + "' items: pyrite orders instances by one __lt__ that takes the class and " +
               "returns bool, not overridden in a subclass" + (keys ? " (or pass key=)" : "");
    return what + " of " + quoted(t) + " items is not supported";
}

// key=lambda x: ...: x is an item; the body's type is the key's, which must be orderable
const Type* Solver::key_function(Expr& lambda, const Type* item) {
    if (lambda.kind != ExprKind::Lambda) return Unknown;
    if (item && item != Unknown) join_var(lambda.var, item, lambda.loc);
    const Type* k = type_expr(lambda);
    if (known(k) && !orderable(k)) {
        if (!refused_class_in(k))  // said at the class
            error(lambda.loc, "the key function returns " + quoted(k) + ", which pyrite cannot order");
        return Unknown;
    }
    return k;
}

bool Solver::hashes_by_value(const Type* x) const {
    if (x->is(TypeKind::Object)) {
        ir::Module::Hash h = m_.hash_kind(x->cls);
        if (h == ir::Module::Hash::Method) return true;
        if (h != ir::Module::Hash::Fields || m_.classes[x->cls].fields.empty()) return false;
        for (const ir::Field& fd : m_.classes[x->cls].fields)
            if (!fd.type || !hashes_by_value(fd.type)) return false;
        return true;
    }
    if (!x->is_hashable()) return false;
    for (const Type* y : x->elems)
        if (!hashes_by_value(y)) return false;
    return true;
}

// A set of instances hashed by identity (object.__hash__: the address) iterates in an order set by
// their addresses, which changes from run to run in CPython and which compiled code cannot reproduce:
// such a set may be added to, tested and combined, never iterated, popped from or printed
bool Solver::set_order_unknown(const Type* t, Loc at, const std::string& what) {
    if (!t || !is_set(t) || !known(t->elem()) || hashes_by_value(t->elem())) return false;
    error(at, what + " a set of '" + py_name(t->elem()) + "' instances is not supported: they hash by their memory "
              "addresses, so CPython's order changes from run to run and compiled code cannot reproduce it (keep "
              "them in a list, or in a dict[" + py_name(t->elem()) + ", ...] for insertion order; or give the class a "
              "__hash__)");
    return true;
}

// The item type of iterating a value of type t; Unknown (and a diagnostic) if it is not iterable.
const Type* Solver::iterable_elem(const Type* t, Loc at) {
    if (!t || !known(t)) {
        if (t && (is_list(t) || is_set(t) || is_deque(t) || is_iterator(t))) return t->elem();
        if (t && is_dict(t)) return t->elem();
        return Unknown;
    }
    if (set_order_unknown(t, at, "iterating")) return Unknown;
    if (is_list(t) || is_set(t) || is_dict(t) || is_tuple_of(t) || is_deque(t) || is_iterator(t)) return t->elem();
    if (is_str(t)) return Type::str_();
    if (is_byteslike(t) || t->is(TypeKind::Range)) return Type::int_();
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
    if (it.kind == ExprKind::Intrinsic && ops::info(it.operation).rule == ops::Rule::Iterate) {
        it.type = itertools_elem(it);  // itertools.cpp
        return it.type;
    }
    if (it.kind == ExprKind::Intrinsic && ops::has(it.operation, ops::LoopOnly)) {  // enumerate, zip, reversed
        const std::string name = ops::info(it.operation).py;
        std::vector<const Type*> items;
        size_t npos = it.args.size() - it.kwnames.size();
        for (size_t k = 0; it.operation == Op::Zip && k < it.kwnames.size(); ++k) {
            if (it.kwnames[k] != "strict") continue;
            // zip(a, b, strict=True): index 1, the runtime's Zip checks that all end together
            Expr& flag = *it.args[npos + k];
            if (flag.kind != ExprKind::BoolConst) {
                error(flag.loc, "zip()'s strict= must be True or False here");
                return Unknown;
            }
            it.index = flag.ival ? 1 : 0;
            it.args.erase(it.args.begin() + static_cast<std::ptrdiff_t>(npos + k));
            it.kwnames.erase(it.kwnames.begin() + static_cast<std::ptrdiff_t>(k));
            break;
        }
        for (size_t i = 0; i < it.args.size(); ++i) {
            if (i >= npos) {  // enumerate(xs, start=1)
                type_expr(*it.args[i]);
                if (it.operation != Op::Enumerate || it.kwnames[i - npos] != "start") {
                    error(it.args[i]->loc, name + "() got an unexpected keyword argument '" + it.kwnames[i - npos] + "'");
                    return Unknown;
                }
                continue;
            }
            if (it.operation == Op::Enumerate && i == 1) {
                type_expr(*it.args[i]);
                const Type* t = as_value(*it.args[i]);
                if (known(t) && !is_intlike(t)) {
                    error(it.args[i]->loc, "'" + py_name(t) + "' object cannot be interpreted as an integer");
                    return Unknown;
                }
                continue;
            }
            Expr& src = *it.args[i];
            if (it.operation == Op::Reversed && src.kind == ExprKind::Intrinsic && ops::has(src.operation, ops::LoopOnly)) {
                iter_elem(src);
                std::string inner = ops::info(src.operation).py;
                error(src.loc, "'" + inner.substr(inner.rfind('.') + 1) + "' object is not reversible");
                return Unknown;
            }
            const Type* t = src.kind == ExprKind::Intrinsic && ops::has(src.operation, ops::LoopOnly) ? nullptr : type_expr(src);
            if (t) t = iterated(src);  // an instance: its __iter__() (classes.cpp)
            if (t && !known(t)) return Unknown;
            if (t && it.operation == Op::Reversed && !is_list(t) && !is_str(t) && !is_tuple_of(t) && !t->is(TypeKind::Range)) {
                error(it.args[i]->loc, "reversed() of '" + py_name(t) + "' is not supported (pyrite reverses lists, tuples and str)");
                return Unknown;
            }
            const Type* el = t ? iterable_elem(t, src.loc) : source_elem(src);
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
    t = iterated(it);  // an instance: its __iter__() (classes.cpp)
    if (!t || t == Unknown) return Unknown;
    return iterable_elem(t, it.loc);
}

const Type* Solver::intrinsic(Expr& e) {
    const Op op = e.operation;
    if (op == Op::NpMatmul && e.args.size() == 2 && e.kwnames.empty()) {  // a @ b of instances: a.__matmul__(b)
        const Type* a = type_expr(*e.args[0]);
        const Type* b = type_expr(*e.args[1]);
        if ((a && a->is(TypeKind::Object)) || (b && b->is(TypeKind::Object))) {
            e.operation = Op::None;
            if (const Type* r = object_operator(e, "__matmul__", "__rmatmul__")) return r;
            if (!refused(a) && !refused(b))
                error(e.loc, "unsupported operand type(s) for @: '" + py_name(a) + "' and '" + py_name(b) + "'");
            return Unknown;
        }
    }
    if (op == Op::UnpackSource) {  // x, y = v (frontend's assign_target)
        const Type* t = type_expr(*e.args[0]);
        if (!t || t == Unknown) return Unknown;
        if (t->is(TypeKind::Object) && m_.method(t->cls, "__iter__") >= 0) {
            e.operation = Op::ListOf;  // its items, read whole, then checked against the targets' count
            return intrinsic(e);
        }
        ir::ExprP v = std::move(e.args[0]);  // any other value unpacks as itself
        Expr same = std::move(*v);
        e = std::move(same);
        return e.type ? e.type : type_expr(e);
    }
    if (ops::info(op).recv == ops::Recv::NumPy) return numpy_call(e);  // arrays.cpp
    if (op == Op::ExcInit) return exc_init(e);  // statements.cpp
    if (op == Op::Len && e.args.size() == 1 && e.kwnames.empty()) {  // len(obj): obj.__len__() (classes.cpp)
        const Type* t = type_expr(*e.args[0]);
        if (t && t->is(TypeKind::Object)) return object_protocol(e, "__len__", "has no len()");
    }
    if (ops::info(op).recv == ops::Recv::Attr && e.args.size() == 1) {  // obj.real, obj.shape: a field
        const Type* t = type_expr(*e.args[0]);
        if (t && (t->is(TypeKind::Object) || (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object)))) return attr(e);
    }
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));
    size_t npos = ts.size() - e.kwnames.size();
    const std::string n = ops::info(op).py;  // for messages
    static const std::set<Op> of_values = {Op::Len, Op::Sorted, Op::ListOf, Op::TupleOfIt, Op::SetOf, Op::FrozenSetOf, Op::Any, Op::All,
                                           Op::MinOf, Op::MaxOf, Op::RangeOf, Op::PRange, Op::Enumerate, Op::Zip, Op::Reversed};
    if (of_values.count(op))  // len(s), range(d) of a StrEnum's, an IntEnum's member: of its value
        for (size_t i = 0; i < npos; ++i) ts[i] = as_value(*e.args[i]);
    // the items of an iterable argument (Unknown after a diagnostic); an instance's are its __iter__()'s,
    // the argument becoming that call (classes.cpp's iterated)
    auto items_of = [&](size_t i) {
        ts[i] = iterated(*e.args[i]);
        return ts[i] && ts[i] != Unknown ? iterable_elem(ts[i], e.args[i]->loc) : Unknown;
    };
    // key=: its parameter takes the item type before anything else is checked
    for (size_t i = npos; i < e.args.size(); ++i)
        if (e.kwnames[i - npos] == "key" && (op == Op::Sorted || op == Op::MinOf || op == Op::MaxOf) && npos >= 1 && ts[0] &&
            ts[0] != Unknown) {
            ts[i] = key_function(*e.args[i], items_of(0));
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
    if (ops::info(op).recv == ops::Recv::Attr) {
        if (is_array(ts[0])) return array_attr(e, ts[0]);  // arrays.cpp
        if (op == Op::AttrReal || op == Op::AttrImag) {  // z.real, z.imag of a complex or float number
            const Type* t = ts[0];
            if (t->is(TypeKind::Complex) || t->is(TypeKind::Float)) return Type::float_();
            if (t->is(TypeKind::Scalar) && is_complex_dtype(t->dtype))
                return Type::scalar(t->dtype == DType::Complex64 ? DType::Float32 : DType::Float64);
            if (t->is(TypeKind::Scalar) && is_float_dtype(t->dtype)) return t;
        }
        return fail("'" + py_name(ts[0]) + "' object has no attribute '" + n + "' that pyrite supports");
    }
    if (op == Op::StrFormatMap) {  // fmt.format_map(d): d[name] for each {name} (text.hpp's str_format_map)
        if (npos != 2 || !e.kwnames.empty())
            return fail("format_map() takes exactly one argument (" + std::to_string(ts.size() - 1) + " given)");
        if (!is_dict(ts[1]) || !is_str(ts[1]->elem()))
            return fail("pyrite's format_map() takes a dict[str, V] (or a defaultdict, Counter or OrderedDict of str "
                        "keys), not " + quoted(ts[1]));
    }
    if (op == Op::StrFormat || op == Op::StrFormatMap) {
        if (e.args[0]->kind == ExprKind::StrConst) {  // a literal format: its fields are checked now
            const std::string& f = e.args[0]->name;
            for (size_t i = 0; i + 1 < f.size(); ++i) {
                if (f[i] == '{' && f[i + 1] == '{') {
                    ++i;
                    continue;
                }
                if (f[i] != '{') continue;
                size_t end = f.find_first_of("}:!", i + 1);
                std::string field = f.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
                if (field.find_first_of(".[") != std::string::npos)
                    return fail("pyrite's str." + n + "() takes fields by position or name ({}, {0}, {name}), not "
                                "their attributes or items: this one is '{" + field + "}'");
            }
        }
        return Type::str_();
    }
    if (op == Op::SysStream) return Type::none();  // print's file= (lower_call_args): never a value
    if (op == Op::Downcast) {  // case Circle(r): the subject, an instance of Circle (isinstance() said so)
        const Type* want = m_.classes[e.callee].type;
        const Type* t = ts[0]->is(TypeKind::Optional) ? ts[0]->elem() : ts[0];  // (not None: isinstance() said so)
        return t->is(TypeKind::Object) && want->derives_from(t) ? want : ts[0];
    }
    if (op == Op::TypeName) {  // type(x).__name__ / __qualname__: x's class's name
        const Type* t = ts[0];
        bool qual = e.name == "__qualname__";
        auto last = [&](const std::string& q) { return qual ? q : q.substr(q.rfind('.') + 1); };
        std::string fixed;  // where the static type decides it (e.classes: codegen's constant)
        if (t->is(TypeKind::Object)) {
            bool subclassed = false;
            for (const ir::Class& c : m_.classes) subclassed = subclassed || (c.type != t && c.type->derives_from(t));
            if (!subclassed) fixed = last(m_.classes[t->cls].qualname);
        } else if (t->is(TypeKind::Enum) || (t->is(TypeKind::Tuple) && t->cls >= 0)) {
            fixed = last(m_.classes[t->cls].qualname);
        } else if (t->is(TypeKind::Dict)) {
            fixed = t->name.empty() ? "dict" : t->name;
        } else if (t->is(TypeKind::Deque)) {
            fixed = "deque";
        } else if (t->is(TypeKind::Array)) {
            fixed = "ndarray";
        } else if (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Str) ||
                   t->is(TypeKind::Bytes) || t->is(TypeKind::ByteArray) || t->is(TypeKind::Complex) ||
                   t->is(TypeKind::None) || t->is(TypeKind::List) || t->is(TypeKind::Set) || t->is(TypeKind::Tuple) ||
                   t->is(TypeKind::TupleOf) || t->is(TypeKind::Iterator) || t->is(TypeKind::Range)) {
            fixed = py_name(t);
        } else if (!t->is(TypeKind::Exception) && !t->is(TypeKind::ExcClass) && !(t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object))) {
            return fail("type(x)." + e.name + " of " + quoted(t) + " is not supported yet");
        }
        e.classes.clear();
        if (!fixed.empty()) e.classes.push_back(fixed);
        return Type::str_();
    }
    if (op == Op::ExcClassOf || op == Op::ExcTraceback)  // what `with` passes __exit__ (lower_with)
        return Type::exc_class(op == Op::ExcClassOf ? "type[BaseException]" : "TracebackType");
    if (op == Op::IsSubclass) {  // issubclass(exc_type, KeyError) in __exit__: of the exception's class
        if (known(ts[0]) && ts[0] != Type::exc_class("type[BaseException]"))
            return fail(ts[0]->is(TypeKind::Optional) && ts[0]->elem()->is(TypeKind::ExcClass)
                            ? "issubclass() arg 1 must be a class: this one may be None (check 'is not None' first)"
                            : "compiled code calls issubclass() on the exception class __exit__ is passed, not on " +
                                  quoted(ts[0]));
        e.holds = false;
        e.dispatch = true;
        for (const std::string& c : e.classes) e.holds = e.holds || c == "BaseException";
        return Type::bool_();
    }
    if (op == Op::IsInstance) {
        // isinstance(x, int) of a static type is a constant, or a None test for T | None
        const Type* t = ts[0]->is(TypeKind::Optional) ? ts[0]->elem() : ts[0];
        if (e.sequence_pattern && (t->is(TypeKind::Deque) || t->is(TypeKind::Range))) {  // lower_match.cpp
            e.holds = true;  // a collections.abc.Sequence, as CPython's match reads it: by len() and index
            e.dispatch = false;
            return Type::bool_();
        }
        static const std::map<std::string, std::vector<TypeKind>> instances = {
            {"int", {TypeKind::Int, TypeKind::Bool}}, {"float", {TypeKind::Float}}, {"bool", {TypeKind::Bool}},
            {"str", {TypeKind::Str}},  {"list", {TypeKind::List}},  {"dict", {TypeKind::Dict}},
            {"set", {TypeKind::Set}},  {"frozenset", {TypeKind::Set}}, {"tuple", {TypeKind::Tuple, TypeKind::TupleOf}}};
        e.holds = false;
        e.dispatch = false;
        for (const std::string& c : e.classes) {
            if (const Type* want = Type::exception(c)) {  // a builtin exception class
                const Type* x = t->is(TypeKind::Object) ? t->exc : t;
                if (!x || !x->is(TypeKind::Exception)) continue;
                if (x->derives_from(want)) e.holds = true;
                else if (t->is(TypeKind::Exception) && want->derives_from(t)) e.dispatch = true;  // what was caught
                continue;
            }
            if (c.rfind("class ", 0) == 0) {  // one of the program's classes: it or a subclass
                const Type* want = nullptr;
                for (const ir::Class& k : m_.classes)
                    if (k.qualname == c.substr(6)) want = k.type;
                if (t->is(TypeKind::Exception) && want && want->exc && want->exc->derives_from(t)) {
                    e.dispatch = true;  // a caught exception raised as an instance of the class
                    continue;
                }
                if (want && (want->is_named_tuple() || want->is(TypeKind::Enum))) {  // no subclasses: its own instances
                    e.holds = e.holds || t == want;
                    continue;
                }
                if (!t->is(TypeKind::Object) || !want) continue;
                if (t->derives_from(want)) e.holds = true;  // statically
                else if (want->derives_from(t)) e.dispatch = true;  // a subclass of the static type: at run time
                continue;
            }
            if (t->is(TypeKind::Real) && (c == "int" || c == "float")) {
                e.dispatch = true;  // an int | float: the kind it holds, at run time
                continue;
            }
            if (t->is(TypeKind::ExcArg) && (c == "int" || c == "float" || c == "bool" || c == "str")) {
                e.dispatch = true;  // an item of e.args: what it holds, at run time (codegen's isinstance_check)
                continue;
            }
            if (t->is(TypeKind::Boxed) && instances.count(c)) {  // an `object`: what it holds, at run time (boxed.hpp)
                e.dispatch = true;
                continue;
            }
            if (c == "set" || c == "frozenset") {  // neither is the other's subclass
                e.holds = e.holds || (is_set(t) && t->is_frozenset() == (c == "frozenset"));
                continue;
            }
            for (TypeKind k : instances.at(c))  // an IntEnum's member is an int
                e.holds = e.holds || t->is(k) || (t->enum_mixin() && t->enum_mixin()->is(k));
        }
        return Type::bool_();
    }
    // what str() takes: any value but NumPy arrays and Generators (NumPy prints those itself).
    // An instance prints by its __repr__ (a dataclass's, an exception's), and str() and print() of
    // the instance itself (`str`: not an item of a list or a tuple, which print their items' repr)
    // by its __str__ too; the default repr shows the object's address, which compiled code cannot
    // match. A base class the program never makes itself, each of whose subclasses prints (a Shape
    // whose Circle and Rect have __str__), prints as the subclass of each instance does
    // (Instance::repr_ dispatches); one Python made of the base itself prints as object.__repr__
    // does (codegen's printing: its address)
    std::function<bool(int, bool)> class_printable = [&](int k, bool str) {
        const ir::Class& c = m_.classes[static_cast<size_t>(k)];
        if (m_.method(k, "__repr__") >= 0 || (str && m_.method(k, "__str__") >= 0) || (c.dataclass && c.repr) || c.type->exc)
            return true;
        bool subclassed = false;
        for (size_t j = 0; j < m_.classes.size(); ++j)
            if (m_.classes[j].base == k) {
                if (!class_printable(static_cast<int>(j), str)) return false;
                subclassed = true;
            }
        if (!subclassed) return false;
        return made_classes().count(k) == 0;
    };
    auto instance_printable = [&](const Type* t, bool str) { return t->exc || class_printable(t->cls, str); };
    std::function<bool(const Type*, bool)> printable = [&](const Type* t, bool str) {
        if (t->is(TypeKind::Array) || t->is(TypeKind::Generator) || t->is(TypeKind::Random) || t->is(TypeKind::ExcClass) ||
            t->is(TypeKind::Function))
            return false;
        if (t->is(TypeKind::Object)) return instance_printable(t, str);
        if (is_set(t) && !hashes_by_value(t->elem())) return false;  // its order: set_order_unknown
        for (const Type* x : t->elems)
            if (!printable(x, str && t->is(TypeKind::Optional))) return false;
        return true;
    };
    auto not_printable = [&](const Type* t, bool str) {
        std::function<const Type*(const Type*)> unordered_set = [&](const Type* x) -> const Type* {
            if (is_set(x) && !hashes_by_value(x->elem())) return x;
            for (const Type* y : x->elems)
                if (const Type* z = unordered_set(y)) return z;
            return nullptr;
        };
        if (const Type* s = unordered_set(t)) {
            set_order_unknown(s, e.loc, n + "() of");
            return Unknown;
        }
        const Type* inner = t;
        bool as_str = str;  // where the instance found is printed by its str()
        std::function<const Type*(const Type*, bool)> find = [&](const Type* x, bool by_str) -> const Type* {
            if (x->is(TypeKind::Object) && !instance_printable(x, by_str)) {
                as_str = by_str;
                return x;
            }
            for (const Type* y : x->elems)
                if (const Type* z = find(y, by_str && x->is(TypeKind::Optional))) return z;
            return nullptr;
        };
        if ((inner = find(t, str)))
            return fail(n + "() of a '" + inner->str() + "' instance needs its class to define " +
                        (as_str ? "__repr__ or __str__" : "__repr__ (an item's repr is what a container prints)") +
                        " (the default repr shows a memory address, which compiled code cannot reproduce)");
        if (t->contains(TypeKind::Function))
            return fail(n + "() of a function shows its memory address, which compiled code cannot reproduce");
        if (t->is(TypeKind::ExcClass) || (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::ExcClass)))
            return fail(n + "() of " + quoted(t) + " is not supported yet: print the exception itself");
        return fail(n + "() of " + quoted(t) + " is not supported yet (NumPy's own printing of arrays): "
                        "print or format its items");
    };
    if (op == Op::Hash) {  // hash(x): CPython's value, as dicts and sets hash (str.hpp's py_hash)
        if (!e.kwnames.empty()) return fail("hash() takes no keyword arguments");
        if (npos != 1) return fail("hash() takes exactly one argument (" + std::to_string(npos) + " given)");
        const Type* t = ts[0];
        if (t->is(TypeKind::Object) && m_.hash_kind(t->cls) == ir::Module::Hash::None)
            return fail("unhashable type: '" + py_name(t) + "'");
        if (!hashes_by_value(t)) {
            if (t->is(TypeKind::List) || t->is(TypeKind::Dict) || t->is(TypeKind::Set) || t->is(TypeKind::Deque))
                return fail("unhashable type: '" + py_name(t) + "'");
            return fail("hash() of " + quoted(t) + " is not supported: CPython hashes it (or an item of it) by its "
                        "memory address, which compiled code cannot reproduce");
        }
        return Type::int_();
    }
    if (op == Op::StrOf && e.name == "format" && npos == 1 && ts[0]->is(TypeKind::Object) &&
        m_.method(ts[0]->cls, "__format__") >= 0) {  // f"{x}": format(x, ''), the class's own __format__
        auto spec = std::make_unique<Expr>(ExprKind::StrConst, e.loc);
        e.args.push_back(std::move(spec));
        e.kind = ExprKind::CallBuiltin;
        e.operation = Op::None;
        return call_builtin(e, "format");
    }
    if (op == Op::StrOf || op == Op::Repr) {
        if (!e.kwnames.empty() || npos > 1) return fail(n + "() takes at most 1 argument (" + std::to_string(npos) + " given)");
        if (npos == 1 && !printable(ts[0], op == Op::StrOf)) return not_printable(ts[0], op == Op::StrOf);
        return Type::str_();
    }
    if (op == Op::Print) {  // print(*values, sep=' ', end='\n', flush=False) to sys.stdout
        for (size_t i = 0; i < npos; ++i)
            if (!printable(ts[i], true)) return not_printable(ts[i], true);
        for (size_t i = npos; i < e.args.size(); ++i) {
            const std::string& k = e.kwnames[i - npos];
            if (k == "file" && e.args[i]->operation != Op::SysStream && !ts[i]->is(TypeKind::None))
                return fail("print(file=...) takes sys.stdout or sys.stderr in compiled code");
            bool text = is_str(ts[i]) || ts[i]->is(TypeKind::None) ||
                        (ts[i]->is(TypeKind::Optional) && is_str(ts[i]->elem()));
            if ((k == "sep" || k == "end") && !text)
                return fail(k + " must be None or a string, not " + py_name(ts[i]));
            if (k == "flush" && !ts[i]->is(TypeKind::Bool)) return fail("print(flush=...) takes True or False here");
            if (k != "sep" && k != "end" && k != "flush" && k != "file")
                return fail("'" + k + "' is an invalid keyword argument for print()");
        }
        return Type::none();
    }
    if (op == Op::Next) {  // next(g), next(g, default) of a generator object
        if (!e.kwnames.empty() || npos < 1 || npos > 2)
            return fail("next expected 1 or 2 arguments, got " + std::to_string(npos));
        if (ts[0]->is(TypeKind::Object) && npos == 1)  // next(it): it.__next__() (classes.cpp)
            return object_protocol(e, "__next__", "is not an iterator");
        if (!is_iterator(ts[0]))
            return fail("next() of '" + py_name(ts[0]) + "': compiled code calls next() on generator objects (g = gen(...)) "
                        "and instances of classes that define __next__; "
                        "'" + py_name(ts[0]) + "' object is not an iterator");
        if (npos == 1) return ts[0]->elem();
        const Type* r = join(ts[0]->elem(), ts[1]);
        if (!r) return fail("next()'s default is " + quoted(ts[1]) + " but the generator yields " + quoted(ts[0]->elem()) +
                            ": pyrite gives the result one type");
        return r;
    }
    if (op == Op::NextIter) return known(ts[1]) ? Type::iterator(ts[1]) : Unknown;  // classes.cpp's iterated
    if (op == Op::ExcArgs) return Type::tuple_of(Type::exc_arg());  // e.args (classes.cpp's attr)
    if (op == Op::ExcCause) return Type::optional(Type::exception("BaseException"));  // e.__cause__
    if (op == Op::ExcSuppressContext) return Type::bool_();
    if (op == Op::GenSend || op == Op::GenClose) {  // g.send(v), g.close() (methods.cpp)
        size_t want = op == Op::GenSend ? 2 : 1;
        if (!e.kwnames.empty() || ts.size() != want)
            return fail(std::string(op == Op::GenSend ? "send" : "close") + "() takes " +
                        (op == Op::GenSend ? "exactly one argument" : "no arguments") + " (" + std::to_string(ts.size() - 1) + " given)");
        if (op == Op::GenClose) return Type::none();
        const Type* s = ts[0]->gen_sent();
        if (!assignable(ts[1], s) && !ts[1]->is(TypeKind::None))
            return fail("this generator is sent " + quoted(s) + " (its Generator[T, S, R] annotation), not " + quoted(ts[1]));
        if (!ts[1]->is(TypeKind::None)) refine(*e.args[1], s);
        return ts[0]->elem();
    }
    if (op == Op::IterOf) {  // iter(g) of a generator object is g
        if (!e.kwnames.empty() || npos != 1) return fail("iter expected 1 argument, got " + std::to_string(npos));
        if (is_array(ts[0])) return fail("iter() of an array is not supported yet (iterate it with a for loop)");
        const Type* el = items_of(0);  // obj.__iter__(), or a container's iterator as a generator object of its items
        return el == Unknown ? Unknown : is_iterator(ts[0]) ? ts[0] : Type::iterator(el);
    }
    if (op == Op::ItTee) {  // tee(iterable, n=2): a tuple of n generator objects of its items
        if (!keywords({})) return Unknown;
        if (npos < 1 || npos > 2) return fail("tee expected at most 2 arguments, got " + std::to_string(npos));
        if (is_array(ts[0])) return fail("tee() of an array is not supported yet (tee(list(a)) is)");
        std::int64_t n = 2;
        if (npos == 2) {
            if (e.args[1]->kind != ExprKind::IntConst)
                return fail("tee(iterable, n) takes n as a number written in the call: pyrite gives its result a "
                            "tuple type of n items");
            n = e.args[1]->ival;
            if (n < 0) return fail("n must be >= 0");
            if (n > 64) return fail("tee(iterable, n) takes n up to 64 here");
        }
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        return Type::tuple(std::vector<const Type*>(static_cast<size_t>(n), Type::iterator(el)));
    }
    if (op == Op::Len) {
        if (npos != 1 || !e.kwnames.empty()) return fail("len() takes exactly one argument (" + std::to_string(npos) + " given)");
        if (!is_list(ts[0]) && !ts[0]->is(TypeKind::Tuple) && !is_str(ts[0]) && !is_byteslike(ts[0]) && !is_dict(ts[0]) && !is_set(ts[0]) && !is_deque(ts[0]) &&
            !is_tuple_of(ts[0]) && !ts[0]->is(TypeKind::Range) && !is_array(ts[0]))
            return fail("object of type '" + py_name(ts[0]) + "' has no len()");
        return Type::int_();
    }
    if (op == Op::RangeOf) {
        if (!e.kwnames.empty()) return fail("range() takes no keyword arguments");
        if (npos < 1 || npos > 3) return fail("range expected at most 3 arguments, got " + std::to_string(npos));
        for (size_t i = 0; i < npos; ++i)
            if (!is_intlike(ts[i] = as_value(*e.args[i])))
                return fail("'" + py_name(ts[i]) + "' object cannot be interpreted as an integer");
        return Type::range();
    }
    if (op == Op::StarArgs) {  // f(a, *xs) (frontend/lower_calls.cpp): xs's items by position
        const Type* t = ts[0];
        if (!t->is(TypeKind::List) && !t->is(TypeKind::TupleOf) && !t->is(TypeKind::Tuple) && !is_str(t))
            return fail(e.name + "(*xs) takes a list, a tuple or a str here, not " + quoted(t) + ": write " + e.name +
                        "(*list(xs))");
        return Type::none();
    }
    if (op == Op::KwArgs) {  // f(**d) (frontend/lower_calls.cpp): d's keys name f's parameters
        const Type* t = ts[0];
        const Type* value = t->is(TypeKind::Dict) ? t->value() : Unknown;
        if (!t->is(TypeKind::Dict) || !is_str(t->elem()))  // reported once: what reads the copy reads str keys
            fail(e.name + "(**d) takes a dict[str, V] here, not " + quoted(t));
        return Type::dict(Type::str_(), value);  // the copy: a plain dict
    }
    if (op == Op::ZipStar) {  // zip(*rows): tuples of the rows' items, one from each row
        const Type* t = ts[0];
        if (!t->is(TypeKind::List) && !t->is(TypeKind::TupleOf))
            return fail("zip(*rows) takes a list or a tuple[T, ...] of rows here, not " + quoted(t));
        const Type* el = iterable_elem(t->elem(), e.loc);
        return known(el) ? Type::iterator(Type::tuple_of(el)) : Unknown;
    }
    if (op == Op::TupleOfIt) {
        if (!e.kwnames.empty() || npos > 1) return fail("tuple expected at most 1 argument, got " + std::to_string(npos));
        if (npos == 0) return Type::tuple_of(Unknown);
        const Type* el = items_of(0);
        return el == Unknown ? Unknown : Type::tuple_of(el);
    }
    if (op == Op::ListOf || op == Op::SetOf || op == Op::FrozenSetOf) {
        if (!e.kwnames.empty() || npos > 1)
            return fail(n + " expected at most 1 argument, got " + std::to_string(npos));
        auto made = [&](const Type* el) {
            return op == Op::ListOf ? Type::list(el) : op == Op::SetOf ? Type::set(el) : Type::frozenset(el);
        };
        if (npos == 0) return made(Unknown);
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        if (op == Op::SetOf && !el->is_key()) return fail("unhashable type: '" + py_name(el) + "'");
        if (op == Op::FrozenSetOf && !el->is_hashable())  // a frozenset is hashed from its items' hashes
            return fail(el->is_key() ? "pyrite's frozensets hold items hashed by value (int, float, bool, str, tuples and "
                                       "frozensets of them), not '" + py_name(el) + "'"
                                     : "unhashable type: '" + py_name(el) + "'");
        return made(el);
    }
    if (op == Op::DefaultDictOf && e.args.size() == 3) {  // defaultdict(lambda: ...): the values its call's
        // (frontend/lower_containers.cpp: args are the name, the function value and its call)
        const Type* v = ts[2];
        // the dict may outlive this call (returned, or kept by Python), so its factory holds copies:
        // one that reads a variable assigned again after it (captured as the variable itself) cannot be
        bool refs = ts[1]->is(TypeKind::Function) && ts[1]->refs;
        if (ts[1]->is(TypeKind::Functions))
            for (const Type* one : ts[1]->elems) refs = refs || one->refs;
        if (refs)
            return fail("this default factory reads a variable of " + std::string(f_->pyname) + "() that is assigned "
                        "again after it; pyrite's defaultdict keeps a copy of what its factory reads, so give it a "
                        "variable assigned once (or the value itself)");
        if (v->is(TypeKind::None))
            return fail("this default factory returns None: pyrite's defaultdict takes a factory that makes a value");
        return Type::dict(Unknown, v, "defaultdict");
    }
    if (op == Op::DefaultDictOf) {  // defaultdict(int): the keys learned from stores, the values the factory's
        // the factories pyrite knows (runtime/include/pyrite/defaultdict.hpp's fresh() makes their values)
        // (lambda: defaultdict(int) is "defaultdict:int": a fresh defaultdict(int), frontend/lower_containers.cpp)
        auto made = [](const std::string& f) -> const Type* {
            return f == "int" ? Type::int_() : f == "float" ? Type::float_() : f == "str" ? Type::str_()
                   : f == "bool" ? Type::bool_() : f == "list" ? Type::list(Unknown)
                   : f == "set" ? Type::set(Unknown) : f == "dict" ? Type::dict(Unknown, Unknown) : nullptr;
        };
        const std::string& f = e.args[0]->name;
        const Type* v = made(f);
        if (f.rfind("defaultdict:", 0) == 0)
            if (const Type* inner = made(f.substr(12))) v = Type::dict(Unknown, inner, "defaultdict");
        if (!v)
            return fail("defaultdict() in compiled code takes one of int, float, str, bool, list, set or dict as its "
                        "default factory, or a function of no arguments (a lambda or a def)");
        return Type::dict(Unknown, v, "defaultdict");
    }
    if (op == Op::CounterOf) {  // Counter() / Counter(iterable): a count of each item
        if (!e.kwnames.empty() || npos > 1) return fail("Counter() in compiled code takes one iterable (or none)");
        if (npos == 0) return Type::dict(Unknown, Type::int_(), "Counter");
        if (is_dict(ts[0])) {  // Counter(mapping): its counts, in its order (dict.update)
            if (known(ts[0]->value()) && !ts[0]->value()->is(TypeKind::Int))
                return fail("pyrite's Counter(mapping) takes int counts, not '" + py_name(ts[0]->value()) + "' values");
            return known(ts[0]->elem()) ? Type::dict(ts[0]->elem(), Type::int_(), "Counter") : Unknown;
        }
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        if (!el->is_hashable()) return fail("unhashable type: '" + py_name(el) + "'");
        return Type::dict(el, Type::int_(), "Counter");
    }
    if (op == Op::DequeOf) {  // deque(iterable=(), maxlen=None)
        size_t given = ts.size();
        for (size_t i = npos; i < ts.size(); ++i)
            if (e.kwnames[i - npos] != "maxlen" && e.kwnames[i - npos] != "iterable")
                return fail("'" + e.kwnames[i - npos] + "' is an invalid keyword argument for deque()");
        if (given > 2) return fail("deque() takes at most 2 arguments (" + std::to_string(given) + " given)");
        if (npos == 2 || (given == 2 && npos == 1) || (given == 1 && npos == 0 && e.kwnames[0] == "maxlen")) {
            const Type* m = ts.back();
            if (!is_intlike(m) && !m->is(TypeKind::None)) return fail("an integer is required");
        }
        bool has_items = npos >= 1 || (npos == 0 && given >= 1 && e.kwnames[0] == "iterable");
        if (!has_items) return Type::deque(Unknown);
        const Type* el = items_of(0);
        return el == Unknown ? Unknown : Type::deque(el);
    }
    if (op == Op::OrderedDictOf) {  // OrderedDict(...): what dict(...) makes, in order
        e.operation = Op::DictOf;
        const Type* t = intrinsic(e);
        e.operation = Op::OrderedDictOf;
        return is_dict(t) ? Type::dict(t->elem(), t->value(), "OrderedDict") : t;
    }
    if (op == Op::DictOf) {
        if (!e.kwnames.empty() || npos > 1) return fail("pyrite's dict() takes a dict or a list of pairs, and no keywords");
        if (npos == 0) return Type::dict(Unknown, Unknown);
        if (is_dict(ts[0])) return Type::dict(ts[0]->elem(), ts[0]->value());  // dict(a_defaultdict) is a dict
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        // a list, a tuple[T, ...] or a str of two items is a pair too (CPython checks the length)
        if (el->is(TypeKind::List) || el->is(TypeKind::TupleOf) || el->is(TypeKind::Str)) {
            const Type* item = el->is(TypeKind::Str) ? el : el->elem();
            if (!known(item)) return Unknown;
            if (!item->is_key()) return fail("unhashable type: '" + py_name(item) + "'");
            return Type::dict(item, item);
        }
        if (!el->is(TypeKind::Tuple) || el->elems.size() != 2)
            return fail("dict() takes pairs (key, value); these items are " + quoted(el));
        if (!el->elems[0]->is_key()) return fail("unhashable type: '" + py_name(el->elems[0]) + "'");
        return Type::dict(el->elems[0], el->elems[1]);
    }
    if (op == Op::Sorted) {
        if (npos != 1) return fail("sorted expected 1 argument, got " + std::to_string(npos));
        if (!keywords({"reverse", "key"})) return Unknown;
        const Type* el = items_of(0);
        if (el == Unknown) return Unknown;
        bool keyed = false;
        for (size_t i = npos; i < ts.size(); ++i) {
            if (e.kwnames[i - npos] == "reverse" && !is_intlike(ts[i])) return fail("sorted(reverse=...) takes a bool");
            keyed = keyed || e.kwnames[i - npos] == "key";
        }
        if (!keyed && !orderable(el)) return fail(unordered(el, "sorted()"));
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
        if (el->is(TypeKind::Scalar)) {
            // sum(a) of an array's items: start + a[0] + a[1] ... in NumPy's arithmetic, the
            // Python start (0) weak as NEP 50 says (np.bool_ items add up as int64)
            const Type* start = ts.size() == 2 ? ts[1] : Type::int_();
            DType d;
            if (!start->is_numeric() || !promote_weak(start, el->dtype, &d))
                return fail("sum() of " + quoted(el) + " items takes an int or float start, not " + quoted(start));
            return Type::scalar(d);
        }
        auto number = [](const Type* t) { return t->is_python_number() || t->is(TypeKind::Real); };
        if (!number(el))
            return fail("sum() of " + quoted(el) + " items is not supported (pyrite sums numbers; use ''.join(...) for str)");
        const Type* start = ts.size() == 2 ? ts[1] : Type::int_();
        if (!number(start)) return fail("sum() start must be a number here, not " + quoted(start));
        if (el->is(TypeKind::Complex) || start->is(TypeKind::Complex)) {
            if (el->is(TypeKind::Real) || start->is(TypeKind::Real))
                return fail("sum() of int | float and complex is not supported");
            return Type::complex_();
        }
        // a float start makes every sum a float; float items from an int start too (README: sum() of
        // an empty list[float] is 0.0); an int | float start or items give the int or the float
        if (start->is(TypeKind::Float) || (el->is(TypeKind::Float) && !start->is(TypeKind::Real))) return Type::float_();
        if (el->is(TypeKind::Real) || start->is(TypeKind::Real)) return Type::real();
        return Type::int_();
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
        if (!keyed && !orderable(el)) return fail(unordered(el, n + "()"));
        // max(*xs): one value would be read as the iterable; pyrite takes values that are not one
        if (e.star_arg && !el->is(TypeKind::Int) && !el->is(TypeKind::Float) && !el->is(TypeKind::Bool) && !el->is(TypeKind::Object))
            return fail(n + "(*values) of " + el->str() + " values is not supported (a single value would be iterated): pass " + n +
                        "(values)");
        return el;
    }
    return fail(n + "() is not supported here");
}

}  // namespace pyrite::typeinfer::detail
