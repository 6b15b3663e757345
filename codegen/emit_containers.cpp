// codegen: container methods, builtins over iterables, displays (emitter.hpp).
#include <functional>
#include <map>
#include <set>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

// ------------------------------------------------------------ containers
std::vector<const Expr*> Emitter::all_args(const Expr& e) {
    std::vector<const Expr*> v;
    for (const ir::ExprP& a : e.args) v.push_back(a.get());
    return v;
}

// ------------------------------------------------------------ views (opt/views.cpp)
bool Emitter::is_view(const Expr& e) const {
    if (e.kind == ExprKind::Var) return f_->vars[e.var].view;
    return e.kind == ExprKind::Subscript && e.args[0]->kind == ExprKind::Var && f_->vars[e.args[0]->var].view &&
           e.args[0]->type->is(TypeKind::List) && e.args[0]->type->elem()->is(TypeKind::Dict);  // rows[i]: a record
}

// a view list's items as a loop takes them: records (views), or strs converted one by one
std::string Emitter::view_items(const Expr& list) {
    includes_.insert("pyrite/views.hpp");
    const Type* item = list.type->elem();
    return item->is(TypeKind::Dict) ? "pyrite::capi::view_items(" + strip_parens(expr(list)) + ")"
                                    : "pyrite::capi::view_values<" + type(item) + ">(" + strip_parens(expr(list)) + ")";
}

// rows[i]: the record; r["key"]: its value, converted to the dict's value type; r.get("key"[,
// default]); "key" in r (views.hpp)
std::string Emitter::view_subscript(const Expr& e) {
    includes_.insert("pyrite/views.hpp");
    if (e.kind == ExprKind::Compare) {
        bool in = e.cmps[0] == CmpOp::In;
        std::string test = e.args[1]->type->is(TypeKind::List)  // w in words: compared in place
                               ? "pyrite::capi::view_list_contains(" + strip_parens(expr(*e.args[1])) + ", " + strip_parens(expr(*e.args[0])) + ")"
                               : "pyrite::capi::view_contains(" + strip_parens(expr(*e.args[1])) + ", PYRITE_PYSTR(" +
                                     string_literal(e.args[0]->name) + "))";
        return in ? test : "(!" + test + ")";
    }
    std::string of = strip_parens(expr(*e.args[0]));
    if (e.kind == ExprKind::Method && e.operation == ops::Op::ListCount)  // words.count(w)
        return "pyrite::capi::view_list_count(" + of + ", " + strip_parens(expr(*e.args[1])) + ")";
    if (e.args[0]->type->is(TypeKind::List)) {  // a record, or a str converted
        const Type* item = e.args[0]->type->elem();
        return (item->is(TypeKind::Dict) ? "pyrite::capi::view_item(" : "pyrite::capi::view_value<" + type(item) + ">(") + of +
               ", " + strip_parens(convert(expr(*e.args[1]), e.args[1]->type, Type::int_())) + ")";
    }
    std::string key = string_literal(e.args[1]->name);
    const Type* value = e.args[0]->type->value();
    std::string at = of + ", PYRITE_PYSTR(" + key + "), PYRITE_STR(" + key + ")";
    if (e.kind == ExprKind::Subscript) return "pyrite::capi::view_get<" + type(value) + ">(" + at + ")";
    // r.get("key"): an optional; r.get("key", 0) of float values: an int | float (its type is e's)
    std::string dflt = e.args.size() == 3 ? strip_parens(convert(expr(*e.args[2]), e.args[2]->type, e.type)) : type(e.type) + "()";
    return "pyrite::capi::view_get_or<" + type(value) + ", " + type(e.type) + ">(" + at + ", " + dflt + ")";
}

// a slice's bounds as (has, value) pairs: an omitted bound is None
std::string Emitter::slice_args(const Expr& e, const std::vector<std::string>& ops) {
    std::string s;
    for (size_t i = 1; i < 4; ++i) {
        const Expr& b = *e.args[i];
        s += i > 1 ? ", " : "";
        s += b.type->is(TypeKind::None) ? "false, 0" : "true, " + convert(ops[i], b.type, Type::int_());
    }
    return s;
}

std::string Emitter::method(const Expr& e) {
    if (e.operation == ops::Op::DictGet && is_view(*e.args[0])) return view_subscript(e);  // a record (opt/views.cpp)
    if (e.operation == ops::Op::ListCount && is_view(*e.args[0])) return view_subscript(e);  // words.count(w)
    std::string prelude;
    std::vector<std::string> ops = operands(all_args(e), prelude);
    const ops::Op op = e.operation;
    const std::string m = ops::info(op).cxx;  // the runtime's member (list.hpp, dict.hpp, set.hpp)
    std::string s = ops[0] + ".";
    size_t npos = e.args.size() - e.kwnames.size();
    const Type* c = e.args[0]->type;
    if (op == ops::Op::SetCopy && c->is_frozenset()) return sequenced(prelude, e.type, ops[0]);  // frozenset_copy: itself
    if (c->is(TypeKind::Dict) || c->is(TypeKind::Set)) {
        // keys convert to the key type (d.get(1) in a dict[float, ...])
        for (size_t i = 1; i < ops.size(); ++i) {
            bool is_key = i == 1 && ops::info(op).rule != ops::Rule::WithSet && op != ops::Op::DictUpdate;
            bool lookup = op == ops::Op::DictGet || op == ops::Op::DictPop;
            if (is_key && e.args[i]->type->is_numeric())
                ops[i] = lookup ? lookup_key(ops[i], e.args[i]->type, c->elem()) : convert(ops[i], e.args[i]->type, c->elem());
        }
        if (op == ops::Op::DictGet) {
            bool opt = ops.size() == 2 || e.args[2]->type->is(TypeKind::None);
            if (!opt && e.type->is(TypeKind::Real) && !c->value()->is(TypeKind::Real))  // the value, or the default, as int | float
                s = "pyrite::value_or(" + s + "get_opt(" + ops[1] + "), pyrite::Real(" + ops[2] + "))";
            else
                s += opt ? "get_opt(" + ops[1] + ")" : "get_or(" + ops[1] + ", " + convert(ops[2], e.args[2]->type, c->value()) + ")";
        } else if ((op == ops::Op::DictPop || op == ops::Op::DictSetDefault) && ops.size() == 3) {
            s += m + "(" + ops[1] + ", " + convert(ops[2], e.args[2]->type, c->value()) + ")";
        } else {
            s += m + "(";
            for (size_t i = 1; i < ops.size(); ++i) s += (i > 1 ? ", " : "") + ops[i];
            s += ")";
        }
        if (e.type->is(TypeKind::None)) s = "(" + s + ", pyrite::none_t{})";
        if (op == ops::Op::DictCopy && !c->name.empty()) s = type(c) + "(" + s + ")";  // a Counter's copy is one
        if (e.type->is_frozenset()) s = type(e.type) + "(" + s + ")";  // fs.union(t): set.hpp's Set made a FrozenSet
        return sequenced(prelude, e.type, s);
    }
    if (op == ops::Op::ListInsert) s += m + "(" + convert(ops[1], e.args[1]->type, Type::int_()) + ", " + ops[2] + ")";
    else if (op == ops::Op::ListPop && npos == 2) s += m + "(" + convert(ops[1], e.args[1]->type, Type::int_()) + ")";
    else if (op == ops::Op::ListIndex && npos > 2) {  // index(v, start[, stop])
        s += m + "(" + ops[1];
        for (size_t i = 2; i < npos; ++i) s += ", " + convert(ops[i], e.args[i]->type, Type::int_());
        s += ")";
    }
    else if (op == ops::Op::ListSort) {
        std::string key, reverse;
        for (size_t k = 0; k < e.kwnames.size(); ++k)
            (e.kwnames[k] == "key" ? key : reverse) = ops[1 + (npos - 1) + k];
        s = key.empty() ? s + "sort(" + (reverse.empty() ? "" : "pyrite::truthy(" + reverse + ")") + ")"
                        : "pyrite::builtins::sort_by_key(" + ops[0] + ", " +
                              (reverse.empty() ? "false" : "pyrite::truthy(" + reverse + ")") + ", " + key + ")";
    }
    else {
        s += m + "(";
        for (size_t i = 1; i < ops.size(); ++i) s += (i > 1 ? ", " : "") + ops[i];
        s += ")";
    }
    if (e.type->is(TypeKind::None)) s = "(" + s + ", pyrite::none_t{})";
    return sequenced(prelude, e.type, s);
}

// the position of keyword argument `name` in e.args
size_t Emitter::npos_of(const Expr& e, const char* name) {
    size_t npos = e.args.size() - e.kwnames.size();
    for (size_t k = 0; k < e.kwnames.size(); ++k)
        if (e.kwnames[k] == name) return npos + k;
    return 0;
}

// the C++ text of keyword argument `name`, or ""
std::string Emitter::keyword(const Expr& e, const std::vector<std::string>& ops, const char* name) {
    size_t npos = e.args.size() - e.kwnames.size();
    for (size_t k = 0; k < e.kwnames.size(); ++k)
        if (e.kwnames[k] == name) return ops[npos + k];
    return "";
}

// the items of an iterable as a compiled list (a list itself is used as it is)
std::string Emitter::as_list(const std::string& value, const Type* t) {
    if (t->is(TypeKind::List)) return value;
    if (t->is(TypeKind::TupleOf)) return value + ".list().copy()";  // never sorted in place: a copy
    if (t->is(TypeKind::Range)) return "pyrite::collect<pyrite::i64>(pyrite::iter(" + value + "))";
    const Type* el = t->is(TypeKind::Str) ? t : t->is(TypeKind::Bytes) || t->is(TypeKind::ByteArray) ? Type::int_() : t->is(TypeKind::Tuple) ? (t->elems.empty() ? Type::int_() : t->elems[0]) : t->elem();
    return "pyrite::collect<" + type(el) + ">(pyrite::iter(" + value + "))";
}

// whether e makes a list no name holds: a display, or a comprehension's block (its variable
// made an empty list first and assigned nowhere else), so list(e) and sorted(e) need no copy of
// it (list(range(n)): 80 MB copied, half its time, at n = 10**7)
static bool fresh_list(const Expr& e) {
    return e.kind == ExprKind::List || ir::makes_fresh_list(const_cast<Expr&>(e));
}

std::string Emitter::intrinsic(const Expr& e) {
    if (std::string f = fused(e); !f.empty()) return f;
    if (e.operation == ops::Op::UnpackSource) return expr(*e.args[0]);  // typeinfer drops it; the value itself
    if (e.operation == ops::Op::NextIter) {  // an instance with __next__, as a generator object (generator.hpp)
        includes_.insert("pyrite/generator.hpp");
        const Expr& next = *e.args[1];  // lambda it: it.__next__(), by value: the generator may outlive this frame
        const ir::Var& p = f_->vars[next.var];
        return "pyrite::from_next<" + type(e.type->elem()) + ">(" + strip_parens(expr(*e.args[0])) + ", [=](" +
               type(p.type) + " " + var_name(p) + ") { return " + strip_parens(expr(*next.args[0])) + "; })";
    }
    if (e.operation == ops::Op::DefaultDictOf && e.args.size() == 3) {
        // defaultdict(lambda: ...): the factory's call, made for each missing key by a C++ lambda that
        // holds a copy of the function value (args[1], a variable) and of whatever else the call reads
        std::string pre;
        std::vector<std::string> call = operands({e.args[2].get()}, pre);
        return type(e.type) + "::make_with([=]() mutable -> " + type(e.type->value()) + " { " + pre + "return " +
               convert(call[0], e.args[2]->type, e.type->value()) + "; }, " + string_literal(e.args[0]->name) + ")";
    }
    includes_.insert("pyrite/list.hpp");
    includes_.insert("pyrite/builtins/containers.hpp");
    std::string prelude;
    std::vector<std::string> ops = operands(all_args(e), prelude);
    const ops::Op op = e.operation;
    const std::string n = ops::info(op).cxx;
    const Type* t0 = e.args.empty() ? nullptr : e.args[0]->type;
    std::string s;
    if (op == ops::Op::FString) {
        includes_.insert("pyrite/builtins/text.hpp");
        s = "pyrite::join_parts(";
        for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + strip_parens(ops[i]);
        s += ")";
    } else if (ops::info(op).recv == ops::Recv::NumPy) {
        s = numpy_call(e, ops);
    } else if (op == ops::Op::AttrT) {
        s = "pyrite::transposed(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::AttrShape) {
        s = "pyrite::array_shape(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::AttrNdim) {
        s = "((void)" + ops[0] + ", INT64_C(" + std::to_string(t0->ndim) + "))";
    } else if (op == ops::Op::AttrReal || op == ops::Op::AttrImag) {  // of a complex or a float
        bool real = op == ops::Op::AttrReal;
        if (t0->is(TypeKind::Complex) || (t0->is(TypeKind::Scalar) && is_complex_dtype(t0->dtype)))
            s = (real ? "std::real(" : "std::imag(") + strip_parens(ops[0]) + ")";
        else
            s = real ? ops[0] : "((void)" + ops[0] + ", " + type(e.type) + "(0))";
    } else if (op == ops::Op::AttrSize) {
        s = ops[0] + ".size()";
    } else if (op == ops::Op::StrFormat || op == ops::Op::StrFormatMap) {
        // fmt.format(*args, **kwargs), fmt.format_map(d): text.hpp, keyword arguments last with their names
        includes_.insert("pyrite/builtins/text.hpp");
        std::string names;
        for (const std::string& k : e.kwnames) names += (names.empty() ? "" : ", ") + string_literal(k);
        s = op == ops::Op::StrFormatMap ? "pyrite::str_format_map("
            : e.kwnames.empty()          ? "pyrite::str_format("
                                         : "pyrite::str_format_named(" + strip_parens(ops[0]) + ", {" + names + "}";
        for (size_t i = e.kwnames.empty() || op == ops::Op::StrFormatMap ? 0 : 1; i < ops.size(); ++i)
            s += (i ? ", " : "") + strip_parens(ops[i]);
        s += ")";
    } else if (op == ops::Op::ExcInit) {  // super().__init__(a, b) of an exception class: its args
        includes_.insert("pyrite/exceptions.hpp");
        s = "pyrite::exc_init(" + strip_parens(ops[0]) + ", {";
        for (size_t i = 1; i < ops.size(); ++i) s += (i > 1 ? ", " : "") + std::string("pyrite::ExcArg(") + strip_parens(ops[i]) + ")";
        s += "})";
    } else if (op == ops::Op::Print) {  // the text made here, written by pycall.hpp under the GIL
        includes_.insert("pyrite/builtins/text.hpp");
        includes_.insert("pyrite/pycall.hpp");
        size_t npos = e.args.size() - e.kwnames.size();
        std::string values;
        for (size_t i = 0; i < npos; ++i) values += (i ? ", " : "") + std::string("pyrite::to_str(") + strip_parens(ops[i]) + ")";
        auto text = [&](const char* name, const char* fallback) {
            std::string literal = std::string("PYRITE_STR(") + string_literal(fallback) + ")";
            for (size_t i = npos; i < e.args.size(); ++i) {
                if (e.kwnames[i - npos] != name) continue;
                const Type* t = e.args[i]->type;
                if (t->is(TypeKind::None)) return "((void)" + ops[i] + ", " + literal + ")";
                if (t->is(TypeKind::Optional)) return "pyrite::print_text(" + strip_parens(ops[i]) + ", " + string_literal(fallback) + ")";
                return strip_parens(ops[i]);
            }
            return literal;
        };
        std::string flush = keyword(e, ops, "flush");
        std::string stream = "stdout";  // file=sys.stderr (None: sys.stdout)
        for (size_t i = npos; i < e.args.size(); ++i)
            if (e.kwnames[i - npos] == "file" && e.args[i]->operation == ops::Op::SysStream) stream = e.args[i]->name;
        s = "pyrite::print_out({" + values + "}, " + text("sep", " ") + ", " + text("end", "\n") + ", " +
            (flush.empty() ? "false" : flush) + ", \"" + stream + "\")";
    } else if (op == ops::Op::SysStream) {  // print's file=: read by the print (above)
        s = "pyrite::none_t{}";
    } else if (op == ops::Op::StrOf || op == ops::Op::Repr) {
        includes_.insert("pyrite/builtins/text.hpp");
        s = ops.empty() ? "pyrite::Str::empty()" : "pyrite::to_" + n + "(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::Downcast) {  // an instance isinstance() found of a subclass of its static type
        const Type* t = e.args[0]->type;
        std::string v = t->is(TypeKind::Optional) && !e.type->is(TypeKind::Optional) ? "(*(" + strip_parens(ops[0]) + "))" : ops[0];
        if (t->is(TypeKind::Optional)) t = t->elem();
        s = e.type == t || e.type == e.args[0]->type ? v : "pyrite::downcast<" + class_struct(e.type) + ">(" + strip_parens(v) + ")";
    } else if (op == ops::Op::TypeName) {  // type(x).__name__: known from x's type, or its class's at run time
        includes_.insert("pyrite/exceptions.hpp");
        s = !e.classes.empty() ? "((void)" + ops[0] + ", PYRITE_STR(" + string_literal(e.classes[0]) + "))"
                               : "pyrite::type_name(" + strip_parens(ops[0]) + ", " +
                                     (e.name == "__qualname__" ? "true" : "false") + ")";
    } else if (op == ops::Op::Hash) {  // CPython's hash of the value (str.hpp, instance.hpp, named.hpp)
        s = "pyrite::py_hash(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::ExcClassOf || op == ops::Op::ExcTraceback) {
        includes_.insert("pyrite/exceptions.hpp");
        s = "pyrite::" + n + "(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::IsSubclass) {  // of the exception __exit__ was passed the class of
        s = e.holds ? "((void)" + ops[0] + ", true)" : isinstance_check(e, "(" + ops[0] + ").e");
    } else if (op == ops::Op::IsInstance) {
        std::string verdict = e.dispatch ? isinstance_check(e, ops[0]) : e.holds ? "true" : "false";
        s = t0->is(TypeKind::Optional) && e.dispatch  // what a T | None holds, when it holds one (read once)
                ? "[&](const auto& pyrite_x) { return pyrite_x.has_value() && " + isinstance_check(e, "(*pyrite_x)") +
                      "; }(" + ops[0] + ")"
            : t0->is(TypeKind::Optional) ? "(" + ops[0] + ".has_value() && " + verdict + ")"
                                         : "((void)" + ops[0] + ", " + verdict + ")";
    } else if (op == ops::Op::Next) {  // of a generator object (generator.hpp)
        includes_.insert("pyrite/generator.hpp");
        s = ops.size() == 1 ? "pyrite::next(" + strip_parens(ops[0]) + ")"
                            : "pyrite::next_or<" + type(e.type) + ">(" + strip_parens(ops[0]) + ", " +
                                  strip_parens(convert(ops[1], e.args[1]->type, e.type)) + ")";
    } else if (op == ops::Op::ExcArgs || op == ops::Op::ExcCause || op == ops::Op::ExcSuppressContext) {
        includes_.insert("pyrite/exceptions.hpp");  // e.args, e.__cause__, e.__suppress_context__
        s = "pyrite::" + std::string(ops::info(op).cxx) + "(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::GenSend) {  // g.send(v): generator.hpp
        includes_.insert("pyrite/generator.hpp");
        s = "pyrite::send(" + strip_parens(ops[0]) + ", " + strip_parens(convert(ops[1], e.args[1]->type, t0->gen_sent())) + ")";
    } else if (op == ops::Op::GenClose) {
        includes_.insert("pyrite/generator.hpp");
        s = "pyrite::close(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::IterOf) {  // iter(g) is g; a container's iterator, a generator object of it
        includes_.insert("pyrite/generator.hpp");
        s = t0->is(TypeKind::Iterator) ? ops[0]
                                       : "pyrite::gen_of<" + type(e.type->elem()) + ">(pyrite::iter(" + strip_parens(ops[0]) + "))";
    } else if (op == ops::Op::ItTee) {  // tee(iterable, n): generator.hpp, over the iterable's iterator
        includes_.insert("pyrite/generator.hpp");
        s = e.type->elems.empty() ? "((void)" + ops[0] + ", std::tuple<>())"
            : "pyrite::tee<" + type(e.type->elems[0]->elem()) + ", " + std::to_string(e.type->elems.size()) + ">(pyrite::iter(" +
                  strip_parens(ops[0]) + "))";
    } else if (op == ops::Op::Len) {
        s = t0->is(TypeKind::Tuple) ? "((void)" + ops[0] + ", INT64_C(" + std::to_string(t0->elems.size()) + "))"
                                    : ops[0] + ".len()";
    } else if (op == ops::Op::ZipStar) {  // zip(*rows): generator.hpp
        includes_.insert("pyrite/generator.hpp");
        s = "pyrite::zip_star<" + type(e.type->elem()->elem()) + ">(" + strip_parens(ops[0]) + ")";
    } else if (op == ops::Op::StarArgs) {  // f(a, *xs): xs holds the items left for f's parameters
        includes_.insert("pyrite/builtins/unpack.hpp");
        std::string names;
        for (const std::string& p : e.classes) names += (names.empty() ? "" : ", ") + string_literal(p);
        std::string given = t0->is(TypeKind::Tuple) ? "INT64_C(" + std::to_string(t0->elems.size()) + ")" : ops[0] + ".len()";
        s = "pyrite::check_star_args(" + given + ", " + std::to_string(e.ival) + ", " + string_literal(e.name) + ", " +
            std::to_string(e.index) + ", {" + names + "}" +
            (e.args.size() > 1 ? ", " + std::to_string(e.args[1]->ival) : std::string()) + ")";
    } else if (op == ops::Op::KwArgs) {  // f(**d): d's keys name f's parameters (frontend's lower_kwargs_call)
        includes_.insert("pyrite/builtins/unpack.hpp");
        std::map<char, std::string> lists;
        for (const std::string& c : e.classes)
            if (c != "*") lists[c[0]] += (lists[c[0]].empty() ? "" : ", ") + string_literal(c.substr(2));
        bool kwarg = std::find(e.classes.begin(), e.classes.end(), "*") != e.classes.end();
        s = "pyrite::check_kwargs(" + strip_parens(ops[0]) + ", " + string_literal(e.name) + ", {" + lists['a'] + "}, {" +
            lists['g'] + "}, {" + lists['p'] + "}, {" + lists['k'] + "}, " + (kwarg ? "true" : "false") + ")";
    } else if (op == ops::Op::ListOf) {
        s = ops.empty() ? type(e.type) + "::make()"
            : t0->is(TypeKind::List) ? (fresh_list(*e.args[0]) ? ops[0] : ops[0] + ".copy()") : as_list(ops[0], t0);
    } else if (op == ops::Op::RangeOf) {
        includes_.insert("pyrite/builtins/range.hpp");
        std::vector<std::string> b;
        for (size_t i = 0; i < ops.size(); ++i) b.push_back(convert(ops[i], e.args[i]->type, Type::int_()));
        s = ops.size() == 1 ? "pyrite::Range::make(0, " + b[0] + ", 1)"
            : "pyrite::Range::make(" + b[0] + ", " + b[1] + ", " + (ops.size() == 3 ? b[2] : std::string("1")) + ")";
    } else if (op == ops::Op::TupleOfIt) {
        s = ops.empty() ? type(e.type) + "::make()"
            : t0->is(TypeKind::TupleOf) ? ops[0]
            : type(e.type) + "(" + (t0->is(TypeKind::List) ? ops[0] + ".copy()" : as_list(ops[0], t0)) + ")";
    } else if (op == ops::Op::CounterOf) {  // Counter(iterable): counter.hpp
        includes_.insert("pyrite/counter.hpp");
        s = ops.empty()                   ? type(e.type) + "::make()"
            : t0->is(TypeKind::Dict) ? "pyrite::collections::counter_of_mapping<" + type(e.type->elem()) + ">(" + ops[0] + ")"
            : is_view(*e.args[0])    ? "pyrite::collections::counter_of_items<" + type(e.type->elem()) + ">(" + view_items(*e.args[0]) + ")"
                                     : "pyrite::collections::counter_of<" + type(e.type->elem()) + ">(" + as_list(ops[0], t0) + ")";
    } else if (op == ops::Op::DefaultDictOf) {  // defaultdict(int): defaultdict.hpp
        s = type(e.type) + "::make()";
    } else if (op == ops::Op::DequeOf) {  // deque(iterable=(), maxlen=None): deque.hpp's deque_of
        includes_.insert("pyrite/deque.hpp");
        size_t npos = e.args.size() - e.kwnames.size();
        int items = npos >= 1 ? 0 : -1, maxlen = npos >= 2 ? 1 : -1;
        for (size_t k = 0; k < e.kwnames.size(); ++k)
            (e.kwnames[k] == "maxlen" ? maxlen : items) = static_cast<int>(npos + k);
        std::string elem = type(e.type->elem());
        std::string list = items < 0 ? "pyrite::List<" + elem + ">::make()"
                                     : as_list(ops[static_cast<size_t>(items)], e.args[static_cast<size_t>(items)]->type);
        std::string m = maxlen < 0 || e.args[static_cast<size_t>(maxlen)]->type->is(TypeKind::None)
                            ? "std::nullopt"
                            : "std::optional<pyrite::i64>(" + convert(ops[static_cast<size_t>(maxlen)],
                                                                      e.args[static_cast<size_t>(maxlen)]->type, Type::int_()) + ")";
        s = "pyrite::collections::deque_of<" + elem + ">(" + list + ", " + m + ")";
    } else if (op == ops::Op::SetOf || op == ops::Op::FrozenSetOf) {  // a FrozenSet is made as a Set is (set.hpp)
        s = ops.empty() ? type(e.type) + "::make()"
            : t0->is_frozenset() && e.type->is_frozenset() ? ops[0]  // frozenset_new: the frozenset itself
            : t0->is(TypeKind::Set) ? type(e.type) + "(" + ops[0] + ".copy())"
            : t0->is(TypeKind::Dict) ? type(e.type) + "::from_dict(" + strip_parens(ops[0]) + ")"
            : is_view(*e.args[0]) ? type(e.type) + "::from_items(" + view_items(*e.args[0]) + ")"  // opt/views.cpp
            : type(e.type) + "::from_list(" + as_list(ops[0], t0) + ")";
    } else if (op == ops::Op::DictOf || op == ops::Op::OrderedDictOf) {  // an OrderedDict from the Dict made
        s = ops.empty() ? type(e.type) + "::make()"
            : t0->is(TypeKind::Dict) ? ops[0] + ".copy()"
            : "pyrite::dict_from_pairs<" + type(e.type->elem()) + ", " + type(e.type->value()) + ">(" + as_list(ops[0], t0) + ")";
        if (op == ops::Op::OrderedDictOf && !ops.empty()) s = type(e.type) + "(" + s + ")";
    } else if (op == ops::Op::Sorted) {
        // a list is copied first; the items of any other iterable are a fresh list, sorted where it is
        std::string key = keyword(e, ops, "key"), reverse = keyword(e, ops, "reverse");
        std::string list = t0->is(TypeKind::List) && !fresh_list(*e.args[0]) ? ops[0] + ".copy()" : as_list(ops[0], t0);
        s = "pyrite::builtins::sorted_in_place(" + list + ", " + (reverse.empty() ? "false" : "pyrite::truthy(" + reverse + ")") +
            (key.empty() ? "" : ", " + key) + ")";
    } else if (op == ops::Op::Sum && e.type->is(TypeKind::Scalar)) {  // of NumPy numbers: NumPy's additions
        s = "pyrite::np::sum_items<" + type(e.type) + ">(" + as_list(ops[0], t0) + ", " +
            (ops.size() > 1 ? convert(ops[1], e.args[1]->type, e.type) : type(e.type) + "(0)") + ")";
    } else if (op == ops::Op::Sum) {
        s = "pyrite::builtins::sum<" + type(e.type) + ">(" + as_list(ops[0], t0) +
            (ops.size() > 1 ? ", " + convert(ops[1], e.args[1]->type, e.type) : std::string()) + ")";
    } else if (op == ops::Op::SumAdd) {  // sum() of a generator expression, folded (opt/folds.cpp)
        s = "pyrite::builtins::sum_add<" + type(e.type) + ">(" + strip_parens(ops[0]) + ", " + strip_parens(ops[1]) + ")";
    } else if (op == ops::Op::SumComp || op == ops::Op::SumEnd) {
        s = "pyrite::builtins::" + n + "(" + strip_parens(ops[0]);
        for (size_t i = 1; i < ops.size(); ++i) s += ", " + strip_parens(ops[i]);
        s += ")";
    } else if (op == ops::Op::MinOf || op == ops::Op::MaxOf) {
        std::string key = keyword(e, ops, "key"), dflt = keyword(e, ops, "default");
        std::string values = as_list(ops[0], t0);
        if (e.star_arg)  // max(*xs): two or more values (typeinfer's call_iterable)
            values = "pyrite::builtins::star_values(" + values + ", \"" + n + "\", \"" + e.type->str() + "\")";
        s = "pyrite::builtins::" + n + "_of_list(" + values;
        if (!dflt.empty()) s += ", std::optional<" + type(e.type) + ">(" + convert(dflt, e.args[npos_of(e, "default")]->type, e.type) + ")";
        else if (!key.empty()) s += ", std::optional<" + type(e.type) + ">()";
        if (!key.empty()) s += ", " + key;
        s += ")";
    } else {  // any, all
        s = "pyrite::builtins::" + n + "_of(" + as_list(ops[0], t0) + ")";
    }
    return sequenced(prelude, e.type, s);
}

// {a, b, c}. CPython compiles a display of more than two constants as an empty set
// updated from a frozenset constant (BUILD_SET 0, SET_UPDATE), which is built by adding
// the constants in order: that layout, merged, is the display's iteration order. As a
// loop's iterable the display is that frozenset itself (the AST optimizer's rewrite).
// (CPython loads such a frozenset from a .pyc in yet another layout; README.)
std::string Emitter::set_display(const Expr& e, bool merged) {
    std::string t = type(e.type);
    if (e.args.empty()) return t + "::make()";
    std::string items;
    for (size_t i = 0; i < e.args.size(); ++i)
        items += (i ? ", " : "") + strip_parens(convert(expr(*e.args[i]), e.args[i]->type, e.type->elem()));
    std::function<bool(const Expr&)> constant = [&](const Expr& x) {
        if (x.kind == ExprKind::Tuple) {
            for (const ir::ExprP& a : x.args)
                if (!constant(*a)) return false;
            return true;
        }
        return x.kind == ExprKind::IntConst || x.kind == ExprKind::FloatConst || x.kind == ExprKind::ComplexConst ||
               x.kind == ExprKind::BoolConst ||
               x.kind == ExprKind::StrConst || x.kind == ExprKind::NoneConst;
    };
    bool all_constant = true;
    for (const ir::ExprP& a : e.args) all_constant = all_constant && constant(*a);
    // as a value, only a display of more than two constants is folded (compile.c's starunpack_helper);
    // as a loop's iterable, any display of constants is (ast_opt.c's fold_iter)
    if (all_constant && !merged) return t + "::frozen_constant({" + items + "})";
    if (all_constant && e.args.size() > 2) return t + "::of_frozen({" + items + "})";
    return t + "::of({" + items + "})";
}

}  // namespace pyrite::codegen
