// codegen: NumPy calls, fused loops as opt/fusion.cpp marked them, array views and items (emitter.hpp).
#include <functional>
#include <map>
#include <set>

#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

// ------------------------------------------------------------ NumPy
// np.NAME(...) and a.NAME(...) as typeinfer normalized them (arrays.cpp): one call
// pyrite::np::NAME<result type>(arguments), an omitted optional argument none_arg{}
// (numpy.hpp); a dtype argument is left out, the result type carries it
std::string Emitter::numpy_call(const Expr& e, const std::vector<std::string>& ops) {
    includes_.insert("pyrite/numpy.hpp");
    const ops::Op op = e.operation;
    const std::string n = ops::info(op).cxx;  // numpy.hpp's np::NAME
    if (ops::info(op).rule == ops::Rule::Random) includes_.insert("pyrite/nprandom.hpp");
    if (ops::info(op).rule == ops::Rule::Dot) includes_.insert("pyrite/npcall.hpp");  // BLAS through NumPy
    const bool by_numpy = ops::info(op).rule == ops::Rule::ByNumPy;  // NumPy's own: named by its Python name
    if (by_numpy) includes_.insert("pyrite/npcall.hpp");
    if (e.fusion == ir::Fusion::Sum) return fused_sum(e);
    if (op == ops::Op::NpScalar) {
        // np.float32(x): a Python number as NumPy converts it (ints checked, floats
        // truncated: np::store), a NumPy number cast
        const Expr& x = *e.args[0];
        return std::string(x.type->is(TypeKind::Scalar) ? "pyrite::np::cast<" : "pyrite::np::store<") +
               type(e.type) + ">(" + strip_parens(ops[0]) + ")";
    }
    const Type* r = e.type;
    // element-wise functions and reductions name the item type, the rest the whole type
    std::string rt = ops::has(op, ops::Whole) ? type(r) : type(r->is(TypeKind::Array) ? r->elem() : r);
    type(r);
    std::string s = "pyrite::np::" + n + "<" + rt + ">(";
    bool first = true;
    if (by_numpy) s += string_literal(ops::info(op).py), first = false;
    // the functions whose last parameter is dtype=: the result type carries it
    size_t nargs = e.args.size() - (ops::has(op, ops::TakesDtype) ? 1 : 0);
    for (size_t i = 0; i < nargs; ++i) {
        const Expr& a = *e.args[i];
        if (a.kind == ExprKind::StrConst && op != ops::Op::NpEinsum && !by_numpy) continue;  // a dtype's name, a marker
        std::string v = a.kind == ExprKind::StrConst ? string_literal(a.name) : strip_parens(ops[i]);
        if (a.type->is(TypeKind::None)) {
            v = "pyrite::np::none_arg{}";
            if (op == ops::Op::NpLinspace) v = i == 2 ? "INT64_C(50)" : "true";
        } else if (op == ops::Op::NpLinspace && i == 2) {
            v = convert(v, a.type, Type::int_());
        } else if ((op == ops::Op::NpClip || op == ops::Op::NpCopyto) && i >= 1 && !a.type->is(TypeKind::Array)) {
            // a bound or a source that is a Python number: NumPy's conversion into the dtype (NEP 50)
            const Type* item = op == ops::Op::NpClip ? (r->is(TypeKind::Array) ? r->elem() : r) : e.args[0]->type->elem();
            const Type* x = e.args[0]->type;
            DType xd = x->is(TypeKind::Array) ? x->elem()->dtype : x->is(TypeKind::Scalar) ? x->dtype : DType::Float64;
            if (op == ops::Op::NpClip && a.type->is(TypeKind::Int) && is_int_dtype(xd))
                // _methods._clip: a Python int bound past the integer dtype's range is dropped
                v = "pyrite::np::clip_bound<" + type(item) + ", " + (i == 2 ? "true" : "false") + ">(" + v + ")";
            else
                v = numpy_operand(v, a.type, item);
        } else if ((op == ops::Op::NpFull || op == ops::Op::NpFullLike) && i == 1) {
            // NumPy's copyto: a Python int checked into the dtype (NEP 50), anything else cast
            std::string item = type(r->elem());
            v = a.type->is(TypeKind::Int) ? "pyrite::np::weak<" + item + ">(" + v + ")"
                                          : "pyrite::np::cast<" + item + ">(" + v + ")";
        }
        s += (first ? "" : ", ") + v;
        first = false;
    }
    if (ops::info(op).rule == ops::Rule::Reduce && keeps_dims(e))  // a.sum(axis=1, keepdims=True)
        return "pyrite::np::keep_dims<" + std::to_string(e.args[0]->type->ndim) + ">(" + s + "), " +
               (e.args[1]->type->is(TypeKind::None) ? "pyrite::np::none_arg{}" : strip_parens(ops[1])) + ")";
    return s + ")";
}

// the C++ type NumPy computes a comparison of these two operands in
std::string Emitter::compare_type(const Type* a, const Type* b) {
    bool na = a->is(TypeKind::Scalar) || a->is(TypeKind::Array), nb = b->is(TypeKind::Scalar) || b->is(TypeKind::Array);
    auto dt = [](const Type* t) { return t->is(TypeKind::Array) ? t->elem()->dtype : t->dtype; };
    DType d = DType::Float64;
    if (na && nb) promote(dt(a), dt(b), &d);
    else if (na) promote_weak(b, dt(a), &d);
    else if (nb) promote_weak(a, dt(b), &d);
    if (!is_float_dtype(d) && !is_complex_dtype(d)) d = DType::Float64;  // integers compare exactly anyway
    return cxx_type(Type::scalar(d));
}

// an operand of NumPy arithmetic whose result items are of type r: a Python
// int checked into r (NEP 50), other Python numbers converted, NumPy values as
// they are (the loop casts their items)
std::string Emitter::numpy_operand(const std::string& v, const Type* t, const Type* r) {
    if (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)) return v;
    if (t->is(TypeKind::Int)) return "pyrite::np::weak<" + type(r) + ">(" + strip_parens(v) + ")";
    return "static_cast<" + type(r) + ">(" + strip_parens(v) + ")";
}

// ---- fused element-wise expressions (opt's fuse pass marked them): one loop, numpy.hpp's
// zip_fn, over the leaves of the Inner nodes, with no temporary arrays
void Emitter::fusion_leaves(const Expr& e, std::vector<const Expr*>& leaves) {
    for (const ir::ExprP& a : e.args) {
        if (a->fusion == ir::Fusion::Inner) fusion_leaves(*a, leaves);
        else leaves.push_back(a.get());
    }
}

// the loop body's text for node e (leaves are x0, x1, ... in order), and the
// broadcast check's text; k counts leaves
std::string Emitter::fused_body(const Expr& e, size_t& k, std::vector<std::string>& leaf_text,
                       const std::vector<std::string>& leaf_value, std::string& shape) {
    const Type* item = e.type->elem();
    std::string rt = type(item);
    std::vector<std::string> args, shapes;
    for (const ir::ExprP& a : e.args) {
        if (a->fusion == ir::Fusion::Inner) {
            std::string sh;
            args.push_back(fused_body(*a, k, leaf_text, leaf_value, sh));
            shapes.push_back(sh);
            continue;
        }
        std::string v = leaf_value[k++];
        // a Python number joins as the operation's dtype (NEP 50), checked once, before the loop
        bool raw = e.kind == ExprKind::Compare || (e.kind == ExprKind::Intrinsic && e.operation == ops::Op::NpWhere && args.empty());
        std::string text = raw ? v : numpy_operand(v, a->type, item);
        // the same view read twice (x[:, None] - y twice, from an inlined temporary) is one operand
        size_t p = std::find(leaf_text.begin(), leaf_text.end(), text) - leaf_text.begin();
        if (p == leaf_text.size()) leaf_text.push_back(text);
        shapes.push_back("pyrite::np::shape_of(x" + std::to_string(p) + ")");
        args.push_back("x" + std::to_string(p));
    }
    shape = "pyrite::np::bcast(";
    for (size_t i = 0; i < shapes.size(); ++i) shape += (i ? ", " : "") + shapes[i];
    shape += ")";
    if (shapes.size() == 1) shape = shapes[0];
    std::string call;
    switch (e.kind) {
        case ExprKind::Binary:
            return "pyrite::np::op_" + numpy_op(e) + "::call<" + rt + ">(" + args[0] + ", " + args[1] + ")";
        case ExprKind::Compare:
            return std::string("pyrite::np::op_cmp<pyrite::np::") + numpy_cmp(e.cmps[0]) + ", " +
                   compare_type(e.args[0]->type, e.args[1]->type) + ">::call<bool>(" + args[0] + ", " + args[1] + ")";
        case ExprKind::Unary:
            return std::string(static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg ? "pyrite::np::op_neg" :
                               static_cast<ir::UnOp>(e.op) == ir::UnOp::Invert ? "pyrite::np::op_invert" : "pyrite::np::op_pos") +
                   "::call<" + rt + ">(" + args[0] + ")";
        default: {
            call = std::string("pyrite::np::u_") + ops::info(e.operation).cxx + "::call<" + rt + ">(";
            for (size_t i = 0; i < args.size(); ++i) call += (i ? ", " : "") + args[i];
            return call + ")";
        }
    }
}

Emitter::Fused Emitter::fuse(const Expr& e) {
    Fused out;
    std::vector<const Expr*> leaves;
    fusion_leaves(e, leaves);
    includes_.insert("pyrite/numpy.hpp");
    // the leaves are read in order (opt/fusion.cpp's fusable: one read after an operation ran is
    // quiet, so reading them all first raises what Python would)
    std::string prelude;
    std::vector<std::string> values;
    for (const Expr* l : leaves) values.push_back(expr(*l));
    std::vector<std::string> leaf_text;
    size_t k = 0;
    std::string shape;
    std::string body = fused_body(e, k, leaf_text, values, shape);
    std::string params;
    out.decls = prelude;
    out.args.clear();
    for (size_t i = 0; i < leaf_text.size(); ++i) {
        out.decls += "const auto x" + std::to_string(i) + " = " + strip_parens(leaf_text[i]) + "; ";
        params += std::string(i ? ", " : "") + "auto x" + std::to_string(i);
        out.args += ", x" + std::to_string(i);
    }
    out.decls += "(void)" + shape + "; ";
    std::string def = "auto operator()(" + params + ") const { return " + body + "; }";
    auto [it, added] = fused_structs_.emplace(def, static_cast<int>(fused_structs_.size()));
    std::string name = "fused_" + std::to_string(it->second);
    if (added) fused_struct_text_ += "struct " + name + " { " + def + " };\n";
    out.lambda = name + "{}";
    return out;
}

// a fused loop's root (ir::Fusion::Loop), or ""
std::string Emitter::fused(const Expr& e) {
    if (e.fusion != ir::Fusion::Loop) return "";
    Fused f = fuse(e);
    return "[&]() -> " + type(e.type) + " { " + f.decls + "return pyrite::np::zip_fn<" + type(e.type->elem()) +
           ">(" + f.lambda + f.args + "); }()";
}

// a.sum(axis=k) of an element-wise expression: summed as it is computed when k is the
// axis NumPy's temporary would have innermost (numpy.hpp's sum_fused), else made first;
// np.sum(e) and np.mean(e) whole: summed as its items are computed (sum_zip, mean_zip)
std::string Emitter::fused_sum(const Expr& e) {
    Fused f = fuse(*e.args[0]);
    if (e.type->is(TypeKind::Scalar))
        return "[&]() { " + f.decls + "return pyrite::np::" + (e.operation == ops::Op::NpMean ? "mean_zip<" : "sum_zip<") +
               type(e.args[0]->type->elem()) + ">(" + f.lambda + f.args + "); }()";
    std::string r = type(e.type->elem());
    return "[&]() -> " + type(e.type) + " { " + f.decls + "return pyrite::np::sum_fused<" + r + ">(" +
           int_literal(e.args[1]->ival) + ", " + f.lambda + f.args + "); }()";
}

std::string Emitter::numpy_binary(const Expr& e, std::string a, std::string b, const std::string& prelude) {
    includes_.insert("pyrite/numpy.hpp");
    const Expr &l = *e.args[0], &r = *e.args[1];
    auto op = static_cast<BinOp>(e.op);
    std::string name = numpy_op(e);
    const Type* item = e.type->is(TypeKind::Array) ? e.type->elem() : e.type;
    std::string rt = type(item);
    a = numpy_operand(a, l.type, item);
    b = numpy_operand(b, r.type, item);
    if (e.type->is(TypeKind::Array)) {
        if (e.inplace && l.type->is(TypeKind::Array)) {  // a += b: into a's memory, computed in NumPy's dtype
            DType mine = item->dtype, common = mine;
            const Type* rt_item = r.type->is(TypeKind::Array) ? r.type->elem() : r.type;
            if (rt_item->is(TypeKind::Scalar) ? !promote(mine, rt_item->dtype, &common) : !promote_weak(rt_item, mine, &common))
                common = mine;
            std::string compute = common == mine ? "" : ", " + type(Type::scalar(common));
            return sequenced(prelude, e.type, "pyrite::np::zip_into<pyrite::np::op_" + name + compute + ">(" + a + ", " + b + ")");
        }
        return sequenced(prelude, e.type, "pyrite::np::zip<" + rt + ", pyrite::np::op_" + name + ">(" + a + ", " + b + ")");
    }
    if (l.type->is(TypeKind::Scalar) && l.type != item) a = "pyrite::np::cast<" + rt + ">(" + strip_parens(a) + ")";
    if (r.type->is(TypeKind::Scalar) && r.type != item) b = "pyrite::np::cast<" + rt + ">(" + strip_parens(b) + ")";
    if (op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor)
        return sequenced(prelude, e.type, "static_cast<" + rt + ">(" + a + " " + ir::symbol(op) + " " + b + ")");
    return sequenced(prelude, e.type, "pyrite::np::" + name + "<" + rt + ">(" + a + ", " + b + ")");
}

// The int indexes of a[i, j] (a tuple display, a tuple value, or one int), as C++ texts
// evaluated in order after the array; `prelude` declares what order needs.
std::vector<std::string> Emitter::array_indexes(const Expr& target, std::string& prelude, std::string& array) {
    const Expr& index = *target.args[1];
    std::vector<const Expr*> es{target.args[0].get()};
    if (index.kind == ExprKind::Tuple)
        for (const ir::ExprP& a : index.args) es.push_back(a.get());
    else
        es.push_back(&index);
    std::vector<std::string> ops = operands(es, prelude);
    array = ops[0];
    std::vector<std::string> out;
    if (index.kind != ExprKind::Tuple && index.type->is(TypeKind::Tuple)) {
        for (size_t k = 0; k < index.type->elems.size(); ++k)
            out.push_back(convert("std::get<" + std::to_string(k) + ">(" + ops[1] + ")", index.type->elems[k], Type::int_()));
    } else {
        for (size_t k = 1; k < ops.size(); ++k) out.push_back(convert(ops[k], es[k]->type, Type::int_()));
    }
    return out;
}

// a[i, 1:-1, ::2]: a view; ints drop their dimension, slices keep theirs (array.hpp's view)
std::string Emitter::array_view(const Expr& e, const std::vector<ir::ExprP>& parts) {
    std::vector<const Expr*> es{e.args[0].get()};
    for (const ir::ExprP& p : parts) {
        if (p->kind == ExprKind::SlicePart)
            for (const ir::ExprP& b : p->args) es.push_back(b.get());
        else
            es.push_back(p.get());
    }
    std::string prelude;
    std::vector<std::string> ops = operands(es, prelude);
    std::string s = "pyrite::array_view<" + std::to_string(e.type->ndim) + ">(" + ops[0];
    size_t k = 1;
    for (const ir::ExprP& p : parts) {
        if (p->kind == ExprKind::SlicePart) {
            s += ", pyrite::SliceSpec{";
            for (int b = 0; b < 3; ++b, ++k) {
                const Expr& bound = *p->args[b];
                s += (b ? ", " : "") + std::string(bound.type->is(TypeKind::None) ? "false, 0"
                                                                                  : "true, " + convert(ops[k], bound.type, Type::int_()));
            }
            s += "}";
        } else if (p->type->is(TypeKind::None)) {  // np.newaxis
            s += ", pyrite::NewAxis{}";
            ++k;
        } else {
            s += ", " + convert(ops[k++], p->type, Type::int_());
        }
    }
    return sequenced(prelude, e.type, s + ")");
}

std::string Emitter::array_view_of_slice(const Expr& e) {
    std::string prelude;
    std::vector<std::string> ops = operands(all_args(e), prelude);
    return sequenced(prelude, e.type, "pyrite::array_view<" + std::to_string(e.type->ndim) + ">(" + ops[0] +
                                          ", pyrite::SliceSpec{" + slice_args(e, ops) + "})");
}

// a[i, j]: the item when every dimension is indexed, else the view a[i] of a row (a.row(i))
std::string Emitter::array_subscript(const Expr& e) {
    std::string prelude, a;
    std::vector<std::string> idx = array_indexes(e, prelude, a);
    int ndim = e.args[0]->type->ndim;
    std::string s;
    if (e.unchecked_axes && static_cast<int>(idx.size()) == ndim) {
        s = a + ".template get_m<" + unchecked_mask(e.unchecked_axes) + ">(";
        for (size_t k = 0; k < idx.size(); ++k) s += (k ? ", " : "") + idx[k];
        s += ")";
    } else if (static_cast<int>(idx.size()) == ndim) {
        s = a + ".get(";
        for (size_t k = 0; k < idx.size(); ++k) s += (k ? ", " : "") + idx[k];
        s += ")";
    } else {
        s = a;
        for (const std::string& i : idx) s += ".row(" + i + ")";
    }
    return sequenced(prelude, e.type, s);
}

// The operator struct of a Binary node (np::op_NAME). An array ** a number in float
// arithmetic is NumPy's power loop with a broadcast exponent, which takes its fast paths by
// the exponent's value: 0.5 is sqrt (sqrt(-0.0) is -0.0, sqrt(-inf) nan, where pow gives 0.0
// and inf), 2 is x * x, -1 is 1 / x. A complex array product is NumPy's loop's (mul_loop)
std::string Emitter::numpy_op(const Expr& e) {
    auto op = static_cast<BinOp>(e.op);
    const Type *l = e.args[0]->type, *r = e.args[1]->type;
    if (op == BinOp::Pow && l->is(TypeKind::Array) && !r->is(TypeKind::Array) && e.type->is(TypeKind::Array) &&
        is_float_dtype(e.type->elem()->dtype)) {
        // a constant exponent picks its path now: (x - c) ** 2 is a product the loop vectorizes
        const Expr& x = *e.args[1];
        double v = x.kind == ExprKind::IntConst ? static_cast<double>(x.ival) : x.kind == ExprKind::FloatConst ? x.fval : 0.0;
        if ((x.kind == ExprKind::IntConst || x.kind == ExprKind::FloatConst) && v == 2.0) return "pow_two";
        return "pow_scalar";
    }
    if (op == BinOp::Mul && e.type->is(TypeKind::Array) && is_complex_dtype(e.type->elem()->dtype))
        return "mul_loop";  // NumPy's SIMD loop fuses its complex products (npscalar.hpp)
    return numpy_op(op);
}

// numpy.hpp's name of an operator (np::add, np::op_add)
std::string Emitter::numpy_op(BinOp op) {
    switch (op) {
        case BinOp::Add: return "add";
        case BinOp::Sub: return "sub";
        case BinOp::Mul: return "mul";
        case BinOp::Div: return "truediv";
        case BinOp::FloorDiv: return "floordiv";
        case BinOp::Mod: return "mod";
        case BinOp::Pow: return "pow";
        case BinOp::LShift: return "lshift";
        case BinOp::RShift: return "rshift";
        case BinOp::BitAnd: return "and";
        case BinOp::BitOr: return "or";
        case BinOp::BitXor: return "xor";
    }
    return "add";
}

const char* Emitter::numpy_cmp(CmpOp op) {
    switch (op) {
        case CmpOp::Lt: return "lt";
        case CmpOp::LtE: return "le";
        case CmpOp::Gt: return "gt";
        case CmpOp::GtE: return "ge";
        case CmpOp::Eq: return "eq";
        default: return "ne";
    }
}

}  // namespace pyrite::codegen
