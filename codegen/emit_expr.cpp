// codegen: expressions, operators and calls (emitter.hpp).
#include <functional>
#include <map>
#include <set>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

// ------------------------------------------------------------ expressions
// how many of the operands come before the last one that binds a local an earlier one reads:
// by an assignment expression (`s + (s := "x")`), or by a call of a nested function that rebinds
// it (nonlocal). CPython reads the earlier operand first; C++ may evaluate a call's arguments in
// any order, and a const reference to the variable would see the new value
size_t Emitter::read_before_rebound(const std::vector<const Expr*>& es) {
    size_t hoist = 0;
    for (size_t k = 1; k < es.size(); ++k) {
        std::set<int> binds;
        bool calls = false;
        ir::for_each_node(const_cast<Expr&>(*es[k]), [&](Expr& x) {
            calls = calls || x.kind == ExprKind::CallFunc || x.kind == ExprKind::CallValue || x.kind == ExprKind::CallEach;
        });
        ir::for_each_stmt_deep(const_cast<Expr&>(*es[k]), [&](Stmt& s) {
            if (s.kind == StmtKind::Assign && s.var >= 0) binds.insert(s.var);
        });
        if (calls) {
            if (by_ref_of_ != f_) by_ref_ = ir::by_reference(*f_), by_ref_of_ = f_;
            binds.insert(by_ref_.begin(), by_ref_.end());
        }
        if (binds.empty()) continue;
        for (size_t j = 0; j < k && hoist < k; ++j)
            ir::for_each_node(const_cast<Expr&>(*es[j]), [&](Expr& x) {
                if (x.kind == ExprKind::Var && binds.count(x.var)) hoist = k;
            });
    }
    return hoist;
}

// Operands as C++ text. When order matters they become temporaries declared
// in `prelude`, and the caller wraps its result in a statement expression (sequenced).
std::vector<std::string> Emitter::operands(const std::vector<const Expr*>& es, std::string& prelude) {
    std::vector<std::string> out;
    bool ordered = needs_order(es);
    size_t hoist = read_before_rebound(es);
    for (const Expr* e : es) {
        std::string s = expr(*e);
        if ((ordered && raises(*e)) || out.size() < hoist) {
            std::string tmp = "o" + std::to_string(ntemps_++);
            prelude += "const " + value_type(*e) + " " + tmp + " = " + strip_parens(s) + "; ";
            s = tmp;
        }
        out.push_back(s);
    }
    return out;
}

std::string Emitter::sequenced(const std::string& prelude, const Type* t, const std::string& value) {
    return sequenced(prelude, t ? type(t) : "", value);  // (no type: the value's own)
}
std::string Emitter::sequenced(const std::string& prelude, const std::string& cxx_type, const std::string& value) {
    if (prelude.empty()) return value;
    // a statement expression (GCC's and Clang's), not an immediately invoked lambda: GCC inlines
    // a recursive function whose body has none (fib(n - 1) + fib(n - 2) ran 1.2x slower in a lambda)
    if (cxx_type.empty()) return "({ " + prelude + strip_parens(value) + "; })";
    return "({ " + prelude + "static_cast<" + cxx_type + ">(" + strip_parens(value) + "); })";
}

std::string Emitter::value_type(const Expr& e) { return e.wide ? "pyrite::i128" : type(e.type); }

std::string Emitter::expr(const Expr& e) {
    switch (e.kind) {
        case ExprKind::IntConst: return int_literal(e.ival);
        case ExprKind::FloatConst: return float_literal(e.fval);
        case ExprKind::ComplexConst:
            includes_.insert("pyrite/complex.hpp");
            return "std::complex<double>(" + float_literal(e.fval) + ", " + float_literal(e.fimag) + ")";
        case ExprKind::BoolConst: return e.ival ? "true" : "false";
        case ExprKind::NoneConst: return "pyrite::none_t{}";
        case ExprKind::StrConst:
            includes_.insert("pyrite/iter.hpp");
            return "PYRITE_STR(" + string_literal(e.name) + ")";
        case ExprKind::BytesConst:
            includes_.insert("pyrite/bytes.hpp");
            return "PYRITE_BYTES(" + string_literal(e.name) + ")";
        case ExprKind::Var: {
            const ir::Var& v = f_->vars[e.var];
            std::string s = var_name(v);
            if (e.check_bound)
                s = "pyrite::bound(" + flag_name(v) + ", " + var_name(v) + ", " + string_literal(v.name) + ")";
            if (e.unwrap && v.type->is(TypeKind::Boxed))  // isinstance() narrowed it (boxed.hpp)
                return "pyrite::unbox<" + type(e.type) + ">(" + s + ")";
            if (e.unwrap) s = "pyrite::unwrap(" + s + ", " + string_literal(v.name) + ")";
            if (e.moved) s = "std::move(" + s + ")";  // the temporary's last read (opt/moves.cpp)
            return s;
        }
        case ExprKind::DictDisplay: {
            // keys and values left to right, then stored in order
            std::string t = type(e.type);
            std::string s = "[&]() -> " + t + " { " + t + " d = " + t + "::make(); ";
            for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
                std::string k = convert(expr(*e.args[i]), e.args[i]->type, e.type->elem());
                std::string v = convert(expr(*e.args[i + 1]), e.args[i + 1]->type, e.type->value());
                s += "{ const auto k = " + strip_parens(k) + "; d.set(k, " + strip_parens(v) + "); } ";
            }
            return s + "return d; }()";
        }
        case ExprKind::SetDisplay: return set_display(e, true);
        case ExprKind::Binary: return binary(e);
        case ExprKind::Unary: return unary(e);
        case ExprKind::Compare: return compare(e);
        case ExprKind::BoolOp: return boolop(e);
        case ExprKind::IfExp: return if_exp(e);
        case ExprKind::CallFunc: return call_func(e);
        case ExprKind::Attr: return attr(e);
        case ExprKind::New: return new_object(e);
        case ExprKind::CallBuiltin: return call_builtin(e);
        case ExprKind::MinMax: {
            includes_.insert("pyrite/builtins/minmax.hpp");
            std::vector<const Expr*> es;
            for (const ir::ExprP& a : e.args) es.push_back(a.get());
            std::string prelude;
            std::vector<std::string> ops = operands(es, prelude);
            std::string s = std::string("pyrite::builtins::") + (e.is_max ? "max_of" : "min_of") + "<" + type(e.type) + ">(";
            for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + convert(ops[i], es[i]->type, e.type);
            return sequenced(prelude, e.type, s + ")");
        }
        case ExprKind::Tuple: {
            if (e.type->is(TypeKind::TupleOf)) {  // (a, b) where a tuple[T, ...] is wanted
                std::string s = type(e.type) + "(pyrite::List<" + type(e.type->elem()) + ">::of({";
                for (size_t i = 0; i < e.args.size(); ++i)
                    s += (i ? ", " : "") + convert(expr(*e.args[i]), e.args[i]->type, e.type->elem());
                return s + "}))";
            }
            // braced initialization evaluates left to right (a NamedTuple's items: as its fields are declared);
            // but the tuple's constructor takes its items by reference, so an item that a later one
            // rebinds ((y, (y := 1))) is read into a temporary first (operands)
            std::vector<const Expr*> es = all_args(e);
            std::string prelude;
            std::vector<std::string> ops;
            if (read_before_rebound(es) > 0) ops = operands(es, prelude);
            else
                for (const Expr* a : es) ops.push_back(expr(*a));
            std::string s = type(e.type) + "{";
            for (size_t i = 0; i < e.args.size(); ++i)
                s += (i ? ", " : "") + convert(ops[i], e.args[i]->type, e.type->elems[i]);
            return sequenced(prelude, e.type, s + "}");
        }
        case ExprKind::FuncRef: {  // a function as a value: what it captured, in braces (left to right)
            std::string s = type(e.type) + "{{";
            for (size_t i = 0; i < e.args.size(); ++i)  // by reference: the variable's address, or its cell
                s += (i ? ", " : "") + (e.type->cells >> i & 1 ? cell_name(f_->vars[e.args[i]->var])
                                        : e.index >> i & 1 ? "&" + var_name(f_->vars[e.args[i]->var])
                                                           : expr(*e.args[i]));
            return s + "}}";
        }
        case ExprKind::FuncCapture: {  // a capture by reference reads the variable as it is now
            std::string c = "std::get<" + std::to_string(e.index) + ">(" + expr(*e.args[0]) + ".captured)";
            return (e.args[0]->type->refs | e.args[0]->type->cells) >> e.index & 1 ? "(*" + c + ")" : c;
        }
        case ExprKind::CallEach: {  // the call for the function the value holds (typeinfer made one per function)
            // an if per function, not a switch: GCC unswitches a loop on an invariant if (a value given to
            // integrate(f, ...) holds one function for the whole loop), not on a switch
            std::string held = expr(*e.args[0]), s = "[&]() -> " + type(e.type) + " { ";
            for (size_t k = 1; k < e.args.size(); ++k) {
                std::string call = m_.functions[e.args[k]->callee].never_returns  // it raises: none_t is no R
                                       ? "{ (void)" + expr(*e.args[k]) + "; __builtin_unreachable(); } "
                                       : "return " + convert(strip_parens(expr(*e.args[k])), e.args[k]->type, e.type) + "; ";
                s += k + 1 < e.args.size() ? "if (" + held + ".index() == " + std::to_string(k - 1) + ") " + call : call;
            }
            return s + "}()";
        }
        case ExprKind::FuncAlt:  // the function value as the function it holds (CallEach's case for it)
            return "std::get<" + std::to_string(e.index) + ">(" + expr(*e.args[0]) + ")";
        case ExprKind::CallValue: {  // of a Python callable (pycall.hpp's PyFunc); others are CallFuncs now
            std::string prelude;
            std::vector<std::string> ops = operands(all_args(e), prelude);
            const Type* f = e.args[0]->type;
            std::string s = ops[0] + "(";
            for (size_t i = 1; i < ops.size(); ++i)
                s += (i > 1 ? ", " : "") + convert(ops[i], e.args[i]->type, f->elems[i]);
            return sequenced(prelude, e.type, s + ")");
        }
        case ExprKind::TupleGet:
            if (!e.args[0]->type->is(TypeKind::Tuple)) {  // a, b = xs of a sequence: its length checked
                includes_.insert("pyrite/builtins/containers.hpp");
                return "pyrite::unpack_item(" + strip_parens(expr(*e.args[0])) + ", " + std::to_string(e.index) + ", " +
                       std::to_string(e.unpack_count) + ")";
            }
            return "std::get<" + std::to_string(e.index) + ">(" + expr(*e.args[0]) + ")";
        case ExprKind::List: {
            includes_.insert("pyrite/list.hpp");
            if (e.args.empty()) return type(e.type) + "::make()";
            // an initializer list evaluates left to right
            std::string s = type(e.type) + "::of({";
            for (size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + strip_parens(expr(*e.args[i]));
            return s + "})";
        }
        case ExprKind::Subscript: {
            if (is_view(*e.args[0])) return view_subscript(e);  // the caller's list, or a record of it (opt/views.cpp)
            if (e.args[1]->kind == ExprKind::IndexParts)
                return array_view(e, e.args[1]->args);  // slices among the indexes
            if (e.args[0]->type->is(TypeKind::Array) && e.args[1]->type->is(TypeKind::None)) {  // a[None]
                std::vector<ir::ExprP> parts;
                parts.push_back(std::make_unique<Expr>(ExprKind::NoneConst, e.loc));
                parts.back()->type = Type::none();
                return array_view(e, parts);
            }
            if (e.args[0]->type->is(TypeKind::Array) && e.args[1]->type->is(TypeKind::Array)) {  // a[mask], a[idx]
                std::string prelude;
                std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
                bool mask = e.args[1]->type->elem()->is_scalar(DType::Bool);
                return sequenced(prelude, e.type, std::string(mask ? "pyrite::masked(" : "pyrite::np::take(") + ops[0] + ", " + ops[1] + ")");
            }
            if (e.args[0]->type->is(TypeKind::Array)) return array_subscript(e);
            std::string prelude;
            std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
            const Type* c = e.args[0]->type;
            if (c->is(TypeKind::Tuple)) {  // t[i] of items of one type (typeinfer's subscript)
                includes_.insert("pyrite/builtins/containers.hpp");
                return sequenced(prelude, e.type, "pyrite::tuple_at(" + ops[0] + ", " +
                                                      convert(ops[1], e.args[1]->type, Type::int_()) + ")");
            }
            // (item_ref_: the item itself, for a borrowed step, emit_stmt.cpp)
            if (c->is(TypeKind::List) && e.unchecked_axes)  // checked before the loop
                return sequenced(prelude, e.type, ops[0] + (item_ref_ ? ".at_ref(" : ".at(") +
                                                      convert(ops[1], e.args[1]->type, Type::int_()) + ")");
            if (c->is(TypeKind::List) && item_ref_ && !value_raises_.count(&e))
                return sequenced(prelude, e.type, ops[0] + ".get_ref(" + lookup_key(ops[1], e.args[1]->type, Type::int_()) + ")");
            const Type* index_type = c->is(TypeKind::Dict) ? c->elem() : Type::int_();
            std::string key = lookup_key(ops[1], e.args[1]->type, index_type);
            // (an optional of the value, its own type: a `T | None` value's is an optional of an optional)
            const Type* own = nullptr;
            if (value_raises_.count(&e))  // in a try whose handler takes KeyError (emit_try.cpp)
                return value_raise(e, sequenced(prelude, own, ops[0] + ".get(error_" + value_raises_.at(&e).n + ", " + key + ")"));
            if (fallible_copy_ && fallible_copy_->makes.count(&e))  // returned by a fallible copy (emit_fallible.cpp)
                return passed_on(sequenced(prelude, own, ops[0] + ".get(pyrite_error, " + key + ")"));
            return sequenced(prelude, e.type, ops[0] + ".get(" + key + ")");
        }
        case ExprKind::Slice: {
            if (e.args[0]->type->is(TypeKind::Array)) {  // a[1:3]: a view
                std::vector<ir::ExprP> one;
                return array_view_of_slice(e);
            }
            const Type* of = e.args[0]->type;
            if (e.sequence_pattern && (of->is(TypeKind::Deque) || of->is(TypeKind::Range))) {  // case [a, *rest]
                std::int64_t after = e.args[2]->kind == ExprKind::IntConst ? -e.args[2]->ival : 0;
                return "pyrite::star_items(" + strip_parens(expr(*e.args[0])) + ", " + std::to_string(e.args[1]->ival) +
                       ", " + std::to_string(after) + ")";
            }
            std::vector<std::int64_t> at;  // t[1:] of a fixed tuple: its items at those (constant) positions
            if (e.args[0]->type->is(TypeKind::Tuple) &&
                ir::constant_slice(e, static_cast<std::int64_t>(e.args[0]->type->elems.size()), &at)) {
                std::string s = "[&](const auto& t_) { return " + type(e.type) + "{";
                for (size_t k = 0; k < at.size(); ++k) s += (k ? ", " : "") + std::string("std::get<") + std::to_string(at[k]) + ">(t_)";
                return s + "}; }(" + strip_parens(expr(*e.args[0])) + ")";
            }
            std::string prelude;
            std::vector<std::string> ops = operands(all_args(e), prelude);
            return sequenced(prelude, e.type, ops[0] + ".slice(" + slice_args(e, ops) + ")");
        }
        case ExprKind::Method: return method(e);
        case ExprKind::Intrinsic: return intrinsic(e);
        case ExprKind::Lambda: return lambda(e, false);
        case ExprKind::Block: {
            // statements inside an expression: an immediately invoked lambda
            std::string saved;
            saved.swap(out_.definitions);
            block(*e.body, 2);
            std::string body;
            body.swap(out_.definitions);
            out_.definitions.swap(saved);
            line_ = -1;
            return "[&]() -> " + type(e.type) + " {\n" + body + "        return " + var_name(f_->vars[e.var]) +
                   ";\n    }()";
        }
        case ExprKind::Global: return "pyrite_global_" + std::to_string(e.index);  // emit.cpp's globals
        case ExprKind::IndexParts:  // printed by array_view, as its Subscript's index
        case ExprKind::SlicePart:
        case ExprKind::Error: break;
    }
    return "/* error: a pyrite bug */";
}

// key=lambda x: body, and the function arguments of itertools' iterators: a C++ lambda whose
// parameter is x, a local of its own (shadowing the function's variable of that name, so nothing
// outside the caller's registers is written per call), returning the body (its truth: predicate)
std::string Emitter::lambda(const Expr& e, bool predicate) {
    const ir::Var& p = f_->vars[e.var];
    std::string body = predicate ? test(*e.args[0]) : strip_parens(expr(*e.args[0]));
    return "[&](const " + type(p.type) + "& key_arg) -> " + (predicate ? std::string("bool") : type(e.type)) + " { " +
           type(p.type) + " " + var_name(p) + " = key_arg; return " + body + "; }";
}

std::string Emitter::binary(const Expr& e) {
    if (std::string f = fused(e); !f.empty()) return f;
    const Expr &l = *e.args[0], &r = *e.args[1];
    auto op = static_cast<BinOp>(e.op);
    std::string prelude;
    std::vector<std::string> ops = operands({&l, &r}, prelude);
    std::string a = ops[0], b = ops[1];
    if (e.type->is(TypeKind::Array) || e.type->is(TypeKind::Scalar)) return numpy_binary(e, a, b, prelude);
    if (e.type->is(TypeKind::Complex)) {  // both operands made complex first, as CPython's TO_COMPLEX
        includes_.insert("pyrite/complex.hpp");
        return sequenced(prelude, e.type, std::string("pyrite::cx::") + numpy_op(op) + "(" + convert(a, l.type, e.type) +
                                              ", " + convert(b, r.type, e.type) + ")");
    }
    if (e.type->is(TypeKind::Str) || e.type->is(TypeKind::Bytes) || e.type->is(TypeKind::ByteArray)) {
        // text.hpp's, bytes.hpp's concat and repeat; ba += x and ba *= n change ba in place
        includes_.insert(e.type->is(TypeKind::Str) ? "pyrite/builtins/text.hpp" : "pyrite/bytes.hpp");
        std::string in = e.inplace && e.type->is(TypeKind::ByteArray) ? "inplace_" : "";
        if (op == BinOp::Add) return sequenced(prelude, e.type, "pyrite::" + in + "concat(" + a + ", " + b + ")");
        if (l.type == e.type) return sequenced(prelude, e.type, "pyrite::" + in + "repeat(" + a + ", " + convert(b, r.type, Type::int_()) + ")");
        return sequenced(prelude, e.type, "pyrite::repeat(" + b + ", " + convert(a, l.type, Type::int_()) + ")");
    }
    if (e.type->is(TypeKind::TupleOf)) {
        if (op == BinOp::Add)
            return sequenced(prelude, e.type, convert(a, l.type, e.type) + ".concat(" + convert(b, r.type, e.type) + ")");
        if (l.type->is(TypeKind::TupleOf)) return sequenced(prelude, e.type, a + ".repeat(" + convert(b, r.type, Type::int_()) + ")");
        return sequenced(prelude, e.type, b + ".repeat(" + convert(a, l.type, Type::int_()) + ")");
    }
    if (e.type->is(TypeKind::Tuple))  // (a, b) + (c,): a tuple of both's items (a NamedTuple's too, unnamed)
        return sequenced(prelude, e.type, "pyrite::tuple_concat(" + a + ", " + b + ")");
    if (e.type->is_counter()) {  // c + d, c -= d, ...: Counter's own (counter.hpp)
        static const std::map<BinOp, const char*> names = {
            {BinOp::Add, "add"}, {BinOp::Sub, "sub"}, {BinOp::BitOr, "or_"}, {BinOp::BitAnd, "and_"}};
        return sequenced(prelude, e.type, std::string("pyrite::collections::counter_") + (e.inplace ? "i" : "") +
                                              names.at(op) + "(" + a + ", " + b + ")");
    }
    if (e.type->is(TypeKind::Dict) && op == BinOp::BitOr)  // d | e, d |= e (in place: every alias sees it)
        return sequenced(prelude, e.type, std::string("pyrite::dict_") + (e.inplace ? "ior(" : "or(") + a + ", " + b + ")");
    if (e.type->is(TypeKind::Set)) {
        // s |= t changes s in place (every alias sees it) and gives s back
        static const char* const names[][2] = {{"union_", "update"}, {"intersection", "intersection_update"},
                                               {"difference", "difference_update"},
                                               {"symmetric_difference", "symmetric_difference_update"}};
        int k = op == BinOp::BitOr ? 0 : op == BinOp::BitAnd ? 1 : op == BinOp::Sub ? 2 : 3;
        // a frozenset has no __ior__: fs |= t is fs = fs | t, a new frozenset (set.hpp's FrozenSet of the Set made)
        if (e.type->is_frozenset()) return sequenced(prelude, e.type, type(e.type) + "(" + a + "." + names[k][0] + "(" + b + "))");
        std::string call = e.inplace ? "pyrite::set_inplace(" + a + ", [&](const auto& s) { s." + names[k][1] + "(" + b + "); })"
                                     : a + "." + names[k][0] + "(" + b + ")";
        return sequenced(prelude, e.type, call);
    }
    if (e.type->is(TypeKind::List)) {
        // xs += ys and xs *= n change xs in place (every alias sees it) and give xs back
        std::string s;
        if (op == BinOp::Add)
            s = e.inplace ? "pyrite::inplace_concat(" + a + ", " + b + ")" : a + ".concat(" + b + ")";
        else if (l.type->is(TypeKind::List))
            s = e.inplace ? "pyrite::inplace_repeat(" + a + ", " + convert(b, r.type, Type::int_()) + ")"
                          : a + ".repeat(" + convert(b, r.type, Type::int_()) + ")";
        else
            s = b + ".repeat(" + convert(a, l.type, Type::int_()) + ")";
        return sequenced(prelude, e.type, s);
    }
    bool bitwise = op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor;
    if (bitwise && is_bool(e.type))
        return sequenced(prelude, e.type, "static_cast<bool>(" + a + " " + ir::symbol(op) + " " + b + ")");
    // bool operands take part in arithmetic as ints
    if (is_bool(l.type)) a = convert(a, l.type, Type::int_());
    if (is_bool(r.type)) b = convert(b, r.type, Type::int_());
    bool floats = is_float(e.type) && op != BinOp::Div && op != BinOp::Pow;
    if (e.wide)  // in 128 bits, for the % or // that reads it (opt/wide.cpp)
        return sequenced(prelude, value_type(e), std::string("pyrite::wide_") + ir::name(op) + "(" + a + ", " + b + ")");
    std::string s;
    switch (op) {
        case BinOp::Add:
        case BinOp::Sub:
        case BinOp::Mul:
            if (floats) {
                if (!is_float(l.type)) a = convert(a, Type::int_(), Type::float_());
                if (!is_float(r.type)) b = convert(b, Type::int_(), Type::float_());
                s = "(" + a + " " + ir::symbol(op) + " " + b + ")";
            } else if (e.no_overflow) {  // an index the loop's guards proved in bounds (opt/loops.cpp)
                s = "(" + a + " " + ir::symbol(op) + " " + b + ")";
            } else {
                s = std::string("pyrite::") + ir::name(op) + "(" + a + ", " + b + ")";
            }
            break;
        case BinOp::Div:  // by an int proven not 0, both exact as doubles (opt/ranges.cpp): one division
            s = e.no_overflow ? "(static_cast<double>(" + a + ") / static_cast<double>(" + b + "))"
                              : "pyrite::truediv(" + a + ", " + b + ")";
            break;
        case BinOp::FloorDiv:  // a dividend >= 0 and a divisor > 0 (opt/ranges.cpp): C++'s truncation is the floor
            s = e.no_overflow && is_int(e.type) ? "(" + a + " / " + b + ")" : "pyrite::floordiv(" + a + ", " + b + ")";
            break;
        case BinOp::Mod:
            s = e.no_overflow && is_int(e.type) ? "(" + a + " % " + b + ")" : "pyrite::mod(" + a + ", " + b + ")";
            break;
        case BinOp::Pow:
            if (is_float(e.type) && !is_float(l.type) && !is_float(r.type))
                s = "pyrite::pow_negexp(" + a + ", " + b + ")";
            else if (is_int(e.type) && r.kind == ExprKind::IntConst)
                s = "pyrite::ipow_nonneg(" + a + ", " + b + ")";
            else
                s = "pyrite::pow(" + a + ", " + b + ")";
            break;
        case BinOp::LShift: s = "pyrite::lshift(" + a + ", " + b + ")"; break;
        case BinOp::RShift: s = "pyrite::rshift(" + a + ", " + b + ")"; break;
        case BinOp::BitAnd:
        case BinOp::BitOr:
        case BinOp::BitXor: s = "(" + a + " " + ir::symbol(op) + " " + b + ")"; break;
    }
    return sequenced(prelude, e.type, s);
}

// a if c else b. Where both arms are a few int operations on locals and constants (collatz's
// `n // 2 if n % 2 == 0 else 3 * n + 1`), both are computed and one is selected, which C++ does
// without a branch (a mispredicted one costs more than the arms): their + - * are ops.hpp's
// spec_ operations, which note an overflow instead of raising; OverflowError is raised only
// where the arm that was selected overflowed, as Python evaluates only that one.
std::string Emitter::if_exp(const Expr& e) {
    const Expr &c = *e.args[0], &t = *e.args[1], &f = *e.args[2];
    if (!e.wide)
        if (std::string s = select(c, t, f, 0, 0); !s.empty()) return s;
    return "(" + test(c) + " ? " + convert(expr(t), t.type, e.type) + " : " + convert(expr(f), f.type, e.type) + ")";
}

// `t if c else f` with both arms computed, or "" where they are not a few int operations.
// `if c: x = t else: x = f` is one too (Emitter::stmt): where the selected arm overflows, the
// traceback's line is its own (line_t or line_f, when not 0).
std::string Emitter::select(const Expr& c, const Expr& t, const Expr& f, int line_t, int line_f) {
    int budget = 6;  // operations in both arms
    if (!is_int(t.type) || !is_int(f.type)) return "";
    std::string n = std::to_string(ntemps_++), bt = "if_bad_t" + n, bf = "if_bad_f" + n;
    std::string a = speculated(t, bt, budget);
    std::string b = a.empty() ? "" : speculated(f, bf, budget);
    if (b.empty() || budget == 6) return "";  // not speculable, or nothing to gain: locals and constants
    std::string raise = "pyrite::int_overflow();";
    if (line_t && line_f)
        raise = "{ pyrite_line = if_c" + n + " ? " + std::to_string(line_t) + " : " + std::to_string(line_f) + "; " + raise + " }";
    return "({ const bool if_c" + n + " = " + strip_parens(test(c)) + "; bool " + bt + " = false, " + bf +
           " = false; const pyrite::i64 if_t" + n + " = " + strip_parens(a) + "; const pyrite::i64 if_f" + n + " = " +
           strip_parens(b) + "; if (PYRITE_UNLIKELY((if_c" + n + " & " + bt + ") | (!if_c" + n + " & " + bf + "))) " +
           raise + " if_c" + n + " ? if_t" + n + " : if_f" + n + "; })";
}

// e as an arm of a conditional expression both of whose arms are computed (if_exp): its + - *
// note an overflow in `bad`; "" where e is more than locals, constants and int operators
// that cannot raise otherwise (// and % by a positive constant, & | ^), or costs more than
// `budget` operations
std::string Emitter::speculated(const Expr& e, const std::string& bad, int& budget) {
    if (!is_int(e.type)) return "";
    if (e.kind == ExprKind::IntConst) return int_literal(e.ival);
    if (e.kind == ExprKind::Var) return e.check_bound || e.unwrap ? "" : expr(e);
    if (--budget < 0) return "";
    if (e.kind == ExprKind::Unary && static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg) {
        std::string a = speculated(*e.args[0], bad, budget);
        return a.empty() ? "" : "pyrite::spec_neg(" + a + ", " + bad + ")";
    }
    if (e.kind != ExprKind::Binary || e.wide || e.inplace || !is_int(e.args[0]->type) || !is_int(e.args[1]->type)) return "";
    auto op = static_cast<BinOp>(e.op);
    const Expr& r = *e.args[1];
    bool by_constant = r.kind == ExprKind::IntConst && r.ival > 0;
    enum { Plain, Checked, Call } how = Plain;  // a C++ operator, ops.hpp's spec_ op (noting in bad), or ops.hpp's op
    switch (op) {
        case BinOp::Add:
        case BinOp::Sub:
        case BinOp::Mul: how = e.no_overflow ? Plain : Checked; break;
        case BinOp::FloorDiv:
        case BinOp::Mod:  // by a constant > 0: no ZeroDivisionError, no overflow
            if (!by_constant) return "";
            how = Call;
            break;
        case BinOp::BitAnd:
        case BinOp::BitOr:
        case BinOp::BitXor: break;
        default: return "";
    }
    std::string a = speculated(*e.args[0], bad, budget);
    std::string b = a.empty() ? "" : speculated(r, bad, budget);
    if (b.empty()) return "";
    if (how == Plain) return "(" + a + " " + ir::symbol(op) + " " + b + ")";
    if (how == Checked) return std::string("pyrite::spec_") + ir::name(op) + "(" + a + ", " + b + ", " + bad + ")";
    return std::string("pyrite::") + ir::name(op) + "(" + a + ", " + b + ")";
}

std::string Emitter::unary(const Expr& e) {
    if (std::string f = fused(e); !f.empty()) return f;
    const Expr& x = *e.args[0];
    if (x.type->is_counter() && static_cast<ir::UnOp>(e.op) != ir::UnOp::Not)  // +c, -c: Counter's own
        return std::string("pyrite::collections::counter_") + (static_cast<ir::UnOp>(e.op) == ir::UnOp::Pos ? "pos(" : "neg(") +
               strip_parens(expr(x)) + ")";
    switch (static_cast<ir::UnOp>(e.op)) {
        case ir::UnOp::Not: return "(!" + test(x) + ")";
        case ir::UnOp::Pos: return convert(expr(x), x.type, e.type);
        case ir::UnOp::Neg:
            if (e.type->is(TypeKind::Array) || e.type->is(TypeKind::Scalar)) {
                includes_.insert("pyrite/numpy.hpp");
                const Type* item = e.type->is(TypeKind::Array) ? e.type->elem() : e.type;
                return "pyrite::np::neg<" + type(item) + ">(" + strip_parens(expr(x)) + ")";
            }
            if (is_float(e.type)) return "(-" + expr(x) + ")";
            if (e.type->is(TypeKind::Complex)) return "pyrite::cx::neg(" + strip_parens(expr(x)) + ")";
            return "pyrite::neg(" + convert(expr(x), x.type, Type::int_()) + ")";
        case ir::UnOp::Invert:
            if (x.type->is(TypeKind::Array)) {
                includes_.insert("pyrite/numpy.hpp");
                return "pyrite::np::invert<" + type(x.type->elem()) + ">(" + strip_parens(expr(x)) + ")";
            }
            if (x.type->is(TypeKind::Scalar))
                return x.type->dtype == DType::Bool ? "(!" + expr(x) + ")"
                                                    : "static_cast<" + type(x.type) + ">(~" + expr(x) + ")";
            return "(~" + convert(expr(x), x.type, Type::int_()) + ")";
    }
    return "";
}

// One comparison a OP b of already-evaluated operands.
std::string Emitter::compare_pair(CmpOp op, std::string a, const Type* ta, std::string b, const Type* tb) {
    if (ta->is(TypeKind::Enum) && tb->is(TypeKind::Enum) && op != CmpOp::In && op != CmpOp::NotIn)  // members: by position
        return "(" + a + (op == CmpOp::Eq || op == CmpOp::Is ? " == " : " != ") + b + ")";
    auto object = [](const Type* t) {
        return t->is(TypeKind::Object) || (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object));
    };
    if ((object(ta) || object(tb)) && !ta->is(TypeKind::None) && !tb->is(TypeKind::None) && op != CmpOp::In &&
        op != CmpOp::NotIn) {
        // instances: identity, or == by the class's __eq__ (instance.hpp)
        bool positive = op == CmpOp::Is || op == CmpOp::Eq;
        std::string r = (op == CmpOp::Is || op == CmpOp::IsNot ? "pyrite::same(" : "pyrite::obj_eq(") + a + ", " + b + ")";
        return positive ? r : "(!" + r + ")";
    }
    if ((ta->is(TypeKind::Boxed) || tb->is(TypeKind::Boxed)) && (ta->is(TypeKind::None) || tb->is(TypeKind::None)) &&
        (op == CmpOp::Is || op == CmpOp::IsNot || op == CmpOp::Eq || op == CmpOp::NotEq)) {  // an `object` holding None
        std::string r = "pyrite::is_none(" + (ta->is(TypeKind::None) ? b : a) + ")";
        return op == CmpOp::Is || op == CmpOp::Eq ? r : "(!" + r + ")";
    }
    if ((ta->is(TypeKind::Boxed) || tb->is(TypeKind::Boxed)) && op != CmpOp::In && op != CmpOp::NotIn &&
        op != CmpOp::Is && op != CmpOp::IsNot) {  // an `object`: by the values (boxed.hpp)
        std::string x = convert(a, ta, Type::boxed()), y = convert(b, tb, Type::boxed());
        if (op == CmpOp::Eq || op == CmpOp::NotEq) return std::string(op == CmpOp::Eq ? "" : "!") + "pyrite::py_eq(" + x + ", " + y + ")";
        int k = op == CmpOp::Lt ? 0 : op == CmpOp::LtE ? 1 : op == CmpOp::Gt ? 2 : 3;
        return "pyrite::boxed_compare(" + std::to_string(k) + ", " + x + ", " + y + ")";
    }
    if (op == CmpOp::In || op == CmpOp::NotIn) {
        std::string s;
        if (tb->is(TypeKind::Str) || tb->is(TypeKind::Bytes) || tb->is(TypeKind::ByteArray)) {
            includes_.insert(tb->is(TypeKind::Str) ? "pyrite/builtins/text.hpp" : "pyrite/bytes.hpp");
            bool byte = !tb->is(TypeKind::Str) && !ta->is(TypeKind::Bytes) && !ta->is(TypeKind::ByteArray);
            s = "pyrite::contains(" + b + ", " + (byte ? convert(a, ta, Type::int_()) : a) + ")";
        } else if (tb->is(TypeKind::Range)) {
            s = b + ".contains(" + convert(a, ta, Type::int_()) + ")";
        } else if (tb->is(TypeKind::TupleOf)) {
            s = b + ".contains(" + convert(a, ta, tb->elem()) + ")";
        } else if (tb->is(TypeKind::Dict) || tb->is(TypeKind::Set)) {
            s = b + ".contains(" + lookup_key(a, ta, tb->elem()) + ")";
        } else if (tb->is(TypeKind::List) || tb->is(TypeKind::Deque)) {
            s = b + ".contains(" + a + ")";
        } else {  // a tuple of the item's type
            s = "std::apply([&](const auto&... x) { return ((x == " + a + ") || ...); }, " + b + ")";
        }
        return op == CmpOp::In ? s : "(!" + s + ")";
    }
    if (ta->is(TypeKind::Scalar) || tb->is(TypeKind::Scalar)) {  // NumPy's: integers exact, else in the common type
        includes_.insert("pyrite/numpy.hpp");
        return std::string("pyrite::np::compare<pyrite::np::") + numpy_cmp(op) + ", " + compare_type(ta, tb) + ">(" + a +
               ", " + b + ")";
    }
    if (ta->is(TypeKind::List))
        return std::string("pyrite::list_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    if (ta->is(TypeKind::Range) && tb->is(TypeKind::Range))
        return std::string(op == CmpOp::Eq ? "" : "!") + "pyrite::py_eq(" + a + ", " + b + ")";
    if (ta->is(TypeKind::Deque) && tb->is(TypeKind::Deque))
        return std::string("pyrite::deque_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    if (ta->is(TypeKind::TupleOf) && tb->is(TypeKind::TupleOf))
        return std::string("pyrite::tuple_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    // (a, b) < (c, d); and == of tuples holding instances (std::tuple's == has no == of them: py_eq's)
    std::function<bool(const Type*)> holds_instance = [&](const Type* t) {
        if (t->is(TypeKind::Optional)) t = t->elem();
        if (t->is(TypeKind::Object)) return true;
        if (!t->is(TypeKind::Tuple)) return false;
        for (const Type* x : t->elems)
            if (holds_instance(x)) return true;
        return false;
    };
    if (ta->is(TypeKind::Tuple) && tb->is(TypeKind::Tuple) &&
        ((op != CmpOp::Eq && op != CmpOp::NotEq) || holds_instance(ta) || holds_instance(tb)))
        return std::string("pyrite::fixed_tuple_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    if (ta->is(TypeKind::Str) && tb->is(TypeKind::Str))
        return std::string("pyrite::str_cmp<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    if (ta->is(TypeKind::Set) && tb->is(TypeKind::Set))
        return std::string("pyrite::set_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
    if (ta->is(TypeKind::Dict) && tb->is(TypeKind::Dict))
        return std::string(op == CmpOp::Eq ? "" : "!") + "pyrite::py_eq(" + a + ", " + b + ")";
    bool opt_a = ta->is(TypeKind::Optional), opt_b = tb->is(TypeKind::Optional);
    if (opt_a || opt_b) {
        // T | None against None: a test of has_value; against a value: equal when present and equal
        bool positive = op == CmpOp::Eq || op == CmpOp::Is;
        std::string r;
        if (tb->is(TypeKind::None)) r = "(!" + a + ".has_value())";
        else if (ta->is(TypeKind::None)) r = "(!" + b + ".has_value())";
        else r = "pyrite::opt_eq(" + a + ", " + b + ")";
        return positive ? r : "(!" + r + ")";
    }
    bool none_a = ta->is(TypeKind::None), none_b = tb->is(TypeKind::None);
    if (ta->is(TypeKind::ExcArg) || tb->is(TypeKind::ExcArg)) {  // an item of e.args holds None or a value
        includes_.insert("pyrite/exceptions.hpp");
        bool positive = op == CmpOp::Eq || op == CmpOp::Is;
        std::string r = none_a || none_b ? "pyrite::arg_is(" + (none_b ? a : b) + ", pyrite::ExcArg::None)"
                                         : "(" + a + " == " + b + ")";
        return positive ? r : "(!" + r + ")";
    }
    if (none_a || none_b) {
        bool same = none_a && none_b;
        bool positive = op == CmpOp::Eq || op == CmpOp::Is;
        return "((void)" + a + ", (void)" + b + ", " + ((same == positive) ? "true" : "false") + ")";
    }
    if (is_bool(ta) && !is_bool(tb)) a = convert(a, ta, Type::int_()), ta = Type::int_();
    if (is_bool(tb) && !is_bool(ta)) b = convert(b, tb, Type::int_()), tb = Type::int_();
    if (ta->is(TypeKind::Complex) || tb->is(TypeKind::Complex)) {
        includes_.insert("pyrite/complex.hpp");
        return std::string("pyrite::cx::") + (op == CmpOp::Eq ? "eq(" : "ne(") + a + ", " + b + ")";
    }
    if ((is_int(ta) && is_float(tb)) || (is_float(ta) && is_int(tb)) || ta->is(TypeKind::Real) || tb->is(TypeKind::Real))
        return std::string("pyrite::") + ir::name(op) + "(" + a + ", " + b + ")";  // exact
    const char* sym = op == CmpOp::Is ? "==" : op == CmpOp::IsNot ? "!=" : ir::symbol(op);
    return "(" + a + " " + sym + " " + b + ")";
}

std::string Emitter::compare(const Expr& e) {
    if (e.cmps.size() == 1 && (e.cmps[0] == CmpOp::In || e.cmps[0] == CmpOp::NotIn) && is_view(*e.args[1]))
        return view_subscript(e);  // "key" in a record (opt/views.cpp)
    if (std::string f = fused(e); !f.empty()) return f;
    if (e.type->is(TypeKind::Array)) {  // element-wise into a bool array (numpy.hpp)
        std::string prelude;
        std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
        std::string f = compare_type(e.args[0]->type, e.args[1]->type);
        return sequenced(prelude, e.type, std::string("pyrite::np::zip<bool, pyrite::np::op_cmp<pyrite::np::") +
                                              numpy_cmp(e.cmps[0]) + ", " + f + ">>(" + ops[0] + ", " + ops[1] + ")");
    }
    if (e.cmps.size() == 1) {
        std::string prelude;
        std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
        return sequenced(prelude, e.type,
                         compare_pair(e.cmps[0], ops[0], e.args[0]->type, ops[1], e.args[1]->type));
    }
    // a < b < c: each operand once, stop at the first false
    std::string s = "[&]() -> bool { ";
    std::vector<std::string> names;
    for (size_t i = 0; i < e.args.size(); ++i) {
        std::string n = "c" + std::to_string(ntemps_++);
        s += "const " + type(e.args[i]->type) + " " + n + " = " + strip_parens(expr(*e.args[i])) + "; ";
        names.push_back(n);
        if (i == 0) continue;
        std::string cmp = compare_pair(e.cmps[i - 1], names[i - 1], e.args[i - 1]->type, n, e.args[i]->type);
        s += i + 1 == e.args.size() ? "return " + cmp + "; " : "if (!" + cmp + ") return false; ";
    }
    return s + "}()";
}

std::string Emitter::boolop(const Expr& e) {
    bool is_and = e.op == static_cast<int>(ir::BoolOpKind::And);
    if (e.in_test || is_bool(e.type)) {
        std::string s = "(";
        for (size_t i = 0; i < e.args.size(); ++i) s += (i ? (is_and ? " && " : " || ") : "") + test(*e.args[i]);
        return s + ")";
    }
    // Python's value semantics: the first operand that decides, as itself (of `x or y`, an x of
    // type T | None decides as its T: typeinfer's boolop)
    std::string s = "[&]() -> " + type(e.type) + " { ";
    for (size_t i = 0; i < e.args.size(); ++i) {
        const Type* t = e.args[i]->type;
        s += "{ auto v = " + strip_parens(expr(*e.args[i])) + "; ";
        if (i + 1 == e.args.size()) {
            s += "return " + convert("v", t, e.type) + "; }";
        } else if (!is_and && t->is(TypeKind::Optional) && !e.type->is(TypeKind::Optional)) {
            s += "if (pyrite::truthy(v)) return " + convert("(*v)", t->elem(), e.type) + "; } ";
        } else {
            s += std::string("if (") + (is_and ? "!" : "") + "pyrite::truthy(v)) return " + convert("v", t, e.type) + "; } ";
        }
    }
    return s + " }()";
}

std::string Emitter::call_args(const Expr& e, const std::vector<const Type*>& param_types,
                      const std::vector<std::string>& param_names, const std::vector<std::string>& defaults,
                      const Type* result, const std::string& callee, const std::string& leading,
                      const std::vector<bool>* copies) {
    size_t npos = e.args.size() - e.kwnames.size();
    std::vector<const Expr*> slot(param_types.size(), nullptr);
    for (size_t i = 0; i < npos; ++i) slot[i] = e.args[i].get();
    for (size_t k = 0; k < e.kwnames.size(); ++k)
        for (size_t p = 0; p < param_names.size(); ++p)
            if (param_names[p] == e.kwnames[k]) slot[p] = e.args[npos + k].get();
    // evaluate in source order (positional, then keywords), pass in parameter order
    std::vector<const Expr*> in_order;
    for (const ir::ExprP& a : e.args) in_order.push_back(a.get());
    std::string prelude;
    std::vector<std::string> evaluated = operands(in_order, prelude);
    size_t last = 0;
    for (size_t p = 0; p < slot.size(); ++p)
        if (slot[p]) last = p + 1;
    std::vector<std::string> args;
    if (!leading.empty()) args.push_back(leading);
    for (size_t p = 0; p < last; ++p) {
        if (!slot[p]) {
            args.push_back(defaults[p]);
            continue;
        }
        size_t idx = 0;
        while (in_order[idx] != slot[p]) ++idx;
        std::string a = convert(evaluated[idx], slot[p]->type, param_types[p]);
        // a reference parameter gets the caller's local, or a copy of anything else (by_ref)
        if (copies && (*copies)[p] && slot[p]->kind != ExprKind::Var) a = type(param_types[p]) + "(" + a + ")";
        args.push_back(a);
    }
    // trailing defaults are passed explicitly: compiled functions have none in C++
    for (size_t p = last; p < slot.size() && !defaults[p].empty(); ++p) args.push_back(defaults[p]);
    std::string s = callee + "(";
    for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + args[i];
    return sequenced(prelude, result, s + ")");
}

std::string Emitter::call_func(const Expr& e) {
    if (e.dispatch) return virtual_call(e);  // emit_class.cpp
    if (value_raises_.count(&e))  // in a try whose handler may take what it raises (emit_try.cpp)
        return value_raise(e, call_function(e, e.callee, 0, "", "error_" + value_raises_.at(&e).n));
    if (fallible_copy_ && fallible_copy_->calls.count(&e))  // in a fallible copy: what it raises passed on (emit_fallible.cpp)
        return passed_on(call_function(e, e.callee, 0, "", "pyrite_error"));
    return call_function(e, e.callee, 0, "");
}

std::string Emitter::call_function(const Expr& e, int index, size_t skip, const std::string& self, const std::string& error) {
    const ir::Function& callee = m_.functions[index];
    std::vector<const Type*> types;
    std::vector<std::string> names, defaults;
    std::vector<bool> copies;
    for (size_t i = skip; i < callee.params.size(); ++i) {
        const ir::Var& v = callee.vars[callee.params[i]];
        copies.push_back(by_ref(callee, callee.params[i]));
        types.push_back(v.type);
        names.push_back(v.name);
        defaults.push_back(callee.defaults[i] ? default_arg(callee, index, i) : "");
    }
    // the recursion depth: one frame less for the callee (see Depth in stack.hpp)
    std::string leading = callee.counts_depth && !pure_ ? "depth.next()" : "";
    if (!self.empty()) leading += (leading.empty() ? "" : ", ") + self;
    // a recursion with a pure copy calls itself as it is: written, or the copy (emit_pure.cpp)
    std::string name = func_name(callee, index);
    if (&callee == f_ && !callee.pure_bounds.empty()) name = pure_ ? name + "_pure" : name + "_checked";
    // a constructor's __init__ call is a statement of its own: its result is the callee's (None)
    const Type* result = self.empty() ? e.type : callee.ret;
    if (!error.empty()) {  // its fallible copy (emit_fallible.cpp): the exception made in `error`, no value
        name += "_fallible";
        leading = error + (leading.empty() ? "" : ", " + leading);
        result = nullptr;  // std::optional of its result
    }
    return call_args(e, types, names, defaults, result, name, leading, &copies);
}

std::string Emitter::call_builtin(const Expr& e) {
    const BuiltinOverload& o = *e.overload;
    includes_.insert(o.header);
    if (o.braced >= 0) {  // *args: f(a, {b, c, d}), its arguments positional (typeinfer)
        std::vector<const Expr*> es;
        for (const ir::ExprP& a : e.args) es.push_back(a.get());
        std::string prelude;
        std::vector<std::string> ops = operands(es, prelude);
        std::string s = o.cxx + "(";
        for (size_t i = 0; i < ops.size(); ++i)
            s += std::string(i == 0 ? "" : ", ") + (static_cast<int>(i) == o.braced ? "{" : "") +
                 convert(ops[i], e.args[i]->type, o.params[i].type);
        if (static_cast<int>(ops.size()) == o.braced) s += std::string(o.braced ? ", " : "") + "{";
        return sequenced(prelude, e.type, s + "})");
    }
    std::vector<const Type*> types;
    std::vector<std::string> names, defaults;
    for (const BuiltinParam& p : o.params) {
        types.push_back(p.type);
        names.push_back(p.name);
        defaults.push_back(p.default_cxx);
    }
    // PYRITE_SIGN_CHECKED, of an argument opt/signs.cpp proved never below 0: its twin without the test
    const std::string cxx = e.no_overflow && o.sign_checked ? o.cxx + "_unchecked" : o.cxx;
    if (fallible_copy_ && fallible_copy_->makes.count(&e))  // returned by a fallible copy (emit_fallible.cpp)
        return passed_on(call_args(e, types, names, defaults, Type::optional(e.type), cxx, "pyrite_error"));
    if (!value_raises_.count(&e)) return call_args(e, types, names, defaults, e.type, cxx);
    // in a try whose handler takes its exception: the overload that makes it (emit_try.cpp)
    std::string n = value_raises_.at(&e).n;
    return value_raise(e, call_args(e, types, names, defaults, Type::optional(e.type), cxx, "error_" + n));
}

}  // namespace pyrite::codegen
