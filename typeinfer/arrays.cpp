// typeinfer: NumPy. The dtype rules of arrays and NumPy scalars, and the
// typing of every np.* function and array method pyrite compiles.
//
// Types: an array is Type::array(Scalar(dtype), ndim); a[i, j] of all its
// dimensions is a Scalar of the dtype (a numpy.float32, a numpy.int8), whose
// arithmetic is NumPy's. Dtypes combine by numpy.result_type (types.cpp:
// promote), with Python ints and floats "weak" (NEP 50: promote_weak): an
// int8 array plus 1 is an int8 array, times 1.5 a float64 array.
//
// Calls: np.NAME(...) and a.NAME(...) are ops.def's NumPy operation NAME with
// their arguments in a fixed order (keywords placed, omitted optional ones a
// None constant), so codegen emits every one the same way:
// pyrite::np::NAME<result C++ type>(arguments) (runtime/include/pyrite/numpy.hpp).
// A dtype= argument stays in its place as its name (a str constant) and is
// read here only: the result type carries it. axis= must be a constant, since
// it decides the result's number of dimensions.
#include "numpy_args.hpp"

namespace pyrite::typeinfer::detail {

bool is_np(const Type* t) { return t && (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)); }
DType item_dtype(const Type* t) { return t->is(TypeKind::Array) ? t->elem()->dtype : t->dtype; }
int ndim_of(const Type* t) { return is_array(t) ? t->ndim : 0; }
const Type* shaped(DType d, int ndim) { return ndim ? Type::array(Type::scalar(d), ndim) : Type::scalar(d); }

// the dtype NumPy makes a Python number into (np.asarray(x).dtype): bool, int64, float64, complex128;
// false for anything else (an int | float is one or the other only at run time)
bool python_number_dtype(const Type* t, DType* out) {
    if (t->is(TypeKind::Bool)) return *out = DType::Bool, true;
    if (t->is(TypeKind::Int)) return *out = DType::Int64, true;
    if (t->is(TypeKind::Float)) return *out = DType::Float64, true;
    if (t->is(TypeKind::Complex)) return *out = DType::Complex128, true;
    return false;
}

// the dtype NumPy computes in for these operands (arrays and NumPy scalars are
// strong, Python numbers weak); false if there is none pyrite has
bool result_dtype(const std::vector<const Type*>& ts, DType* out) {
    bool any_strong = false;
    DType d = DType::Bool;
    for (const Type* t : ts)
        if (is_np(t)) {
            DType x = item_dtype(t);
            if (!any_strong) d = x, any_strong = true;
            else if (!promote(d, x, &d)) return false;
        }
    if (!any_strong) {  // only Python numbers (np.sqrt(2.0), np.maximum(1, 2)): as NumPy converts them
        d = DType::Bool;
        bool first = true;
        for (const Type* t : ts) {
            DType x;
            if (!python_number_dtype(t, &x)) x = DType::Bool;
            if (first) d = x, first = false;
            else promote(d, x, &d);
        }
        *out = d;
        return true;
    }
    for (const Type* t : ts)
        if (!is_np(t) && !promote_weak(t, d, &d)) return false;
    *out = d;
    return true;
}
// the float dtype a float ufunc (np.sqrt, np.exp, ...) gives for items of dtype d
bool float_result(DType d, DType* out) {
    if (is_float_dtype(d) || is_complex_dtype(d)) return *out = d, true;
    int bits = dtype_bits(d);
    if (bits == 8) return false;  // NumPy gives float16, which pyrite does not have
    return *out = bits == 16 ? DType::Float32 : DType::Float64, true;
}
// the accumulator dtype of sum and prod: small integers add up as int64 / uint64
DType sum_dtype(DType d) {
    if (d == DType::Bool || (is_int_dtype(d) && !is_unsigned_dtype(d))) return DType::Int64;
    if (is_unsigned_dtype(d)) return DType::UInt64;
    return d;
}
// numpy.can_cast(from, to, casting="same_kind")
bool same_kind(DType from, DType to) {
    auto kind = [](DType d) { return d == DType::Bool ? 0 : is_int_dtype(d) ? 1 : is_float_dtype(d) ? 2 : 3; };
    if (kind(from) < kind(to)) return true;
    if (kind(from) > kind(to)) return false;
    if (kind(from) == 1 && is_unsigned_dtype(to) && !is_unsigned_dtype(from)) return false;
    return true;
}

bool Solver::is_number(const Type* t) { return t && (t->is_number() || t->is(TypeKind::Complex)); }

// a OP b where an operand is an array or a NumPy scalar
const Type* Solver::numpy_binary(Expr& e, const Type* a, const Type* b) {
    auto op = static_cast<BinOp>(e.op);
    auto fail = [&](const std::string& why) {
        error(e.loc, std::string("unsupported operand type(s) for ") + ir::symbol(op) + ": " + quoted(a) + " and " +
                         quoted(b) + (why.empty() ? "" : " (" + why + ")"));
        return Unknown;
    };
    if (!is_number(a) && !is_array(a)) return fail("");
    if (!is_number(b) && !is_array(b)) return fail("");
    DType d;
    if (!result_dtype({a, b}, &d)) return fail("NumPy would compute in float16, which pyrite does not have");
    switch (op) {
        case BinOp::Div:
            if (is_int_dtype(d) || d == DType::Bool) d = DType::Float64;
            break;
        case BinOp::FloorDiv:
        case BinOp::Mod:
            if (is_complex_dtype(d)) return fail("complex numbers have no floor division");
            if (d == DType::Bool) d = DType::Int8;
            break;
        case BinOp::Pow:
            if (d == DType::Bool) d = DType::Int8;
            break;
        case BinOp::LShift:
        case BinOp::RShift:
            if (!is_int_dtype(d)) return fail("shifts take integers");
            break;
        case BinOp::BitAnd:
        case BinOp::BitOr:
        case BinOp::BitXor:
            if (!is_int_dtype(d) && d != DType::Bool) return fail("bitwise operators take integers and bools");
            break;
        default: break;
    }
    int nd = std::max(ndim_of(a), ndim_of(b));
    if (e.inplace && is_array(a)) {
        // a += b writes into a: NumPy's same_kind rule decides whether the result fits a's dtype
        DType ad = item_dtype(a);
        if (!same_kind(d, ad)) {
            error(e.loc, std::string("Cannot cast ufunc output from dtype('") + dtype_name(d) + "') to dtype('" +
                             dtype_name(ad) + "') with casting rule 'same_kind' (NumPy raises UFuncTypeError)");
            return Unknown;
        }
        if (ndim_of(b) > a->ndim) {
            error(e.loc, "the right operand has more dimensions than the array it updates in place");
            return Unknown;
        }
        return a;
    }
    return shaped(d, nd);
}

const Type* Solver::numpy_unary(Expr& e, const Type* a) {
    auto op = static_cast<ir::UnOp>(e.op);
    DType d = item_dtype(a);
    if (op == ir::UnOp::Invert && (is_float_dtype(d) || is_complex_dtype(d))) {
        error(e.loc, std::string("ufunc 'invert' not supported for the input type ") + quoted(a));
        return Unknown;
    }
    if (op == ir::UnOp::Neg && d == DType::Bool) {
        error(e.loc, "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
                     "logical_not function instead.");
        return Unknown;
    }
    return a;
}

// a < b with an array or a NumPy scalar: a bool array, or a bool
const Type* Solver::numpy_compare(Expr& e, const std::vector<const Type*>& ts) {
    CmpOp op = e.cmps[0];
    bool arrays = is_array(ts[0]) || is_array(ts[1]);
    if (arrays && e.cmps.size() != 1) {
        error(e.loc, "a chained comparison of arrays asks for an array's truth value, which is ambiguous "
                     "(NumPy raises ValueError): use (a < b) & (b < c)");
        return Unknown;
    }
    for (size_t i = 0; i < e.cmps.size(); ++i) {
        const Type *a = ts[i], *b = ts[i + 1];
        op = e.cmps[i];
        bool ok = (is_number(a) || is_array(a)) && (is_number(b) || is_array(b));
        DType d;
        if (!ok || op == CmpOp::In || op == CmpOp::NotIn || op == CmpOp::Is || op == CmpOp::IsNot ||
            !result_dtype({a, b}, &d)) {
            error(e.loc, std::string("'") + ir::symbol(op) + "' of " + quoted(a) + " and " + quoted(b) +
                             " is not supported");
            return Unknown;
        }
        if (is_complex_dtype(d) && op != CmpOp::Eq && op != CmpOp::NotEq) {
            error(e.loc, "complex numbers are not ordered");
            return Unknown;
        }
    }
    if (!arrays) return Type::bool_();
    return Type::array(Type::scalar(DType::Bool), std::max(ndim_of(ts[0]), ndim_of(ts[1])));
}

// ------------------------------------------------------------ indexing
// what may be stored into an array view: a number (every item gets it) or an array
// of at most the view's dimensions (broadcast, shapes checked when it runs; its
// items cast to the view's dtype, as NumPy's assignment does)
bool Solver::array_assign_ok(Expr& value, const Type* v, const Type* view) {
    if (!known(v)) return true;
    if (is_number(v) || (is_array(v) && v->ndim <= view->ndim)) return true;
    error(value.loc, "could not assign a value of type " + quoted(v) + " to a " + quoted(view) +
                         " view (a number or an array of at most its dimensions)");
    return false;
}

// a[i, j], a[i][j], a[1:-1, ::2], a[:, None], a[mask], a[idx]: each int index drops a
// dimension, each slice keeps one, each None (np.newaxis) adds one; all ints on every
// dimension give an item (a NumPy scalar). A bool array of the array's shape selects
// items (a new 1-d array); an int array picks rows (a new array).
const Type* Solver::array_index(Expr& e, const Type* t) {
    Expr& index = *e.args[1];
    std::vector<const Type*> parts;
    int ints = 0, slices = 0, newaxes = 0;
    auto is_slice = [](const ir::ExprP& a) { return a->kind == ExprKind::SlicePart; };
    if (index.kind == ExprKind::IndexParts) {
        for (ir::ExprP& a : index.args) {
            if (is_slice(a)) {
                for (ir::ExprP& b : a->args) {
                    type_expr(*b);
                    const Type* bt = as_value(*b);  // an IntEnum's member: its value
                    if (known(bt) && !is_intlike(bt) && !bt->is(TypeKind::None)) {
                        error(b->loc, "slice indices must be integers or None, not " + py_name(bt));
                        return Unknown;
                    }
                }
                a->type = Type::none();  // a slice part: typed by its bounds
                ++slices;
                continue;
            }
            type_expr(*a);
            const Type* at = as_value(*a);
            if (!known(at)) return Unknown;
            parts.push_back(at);
        }
        index.type = Type::none();
    } else {
        const Type* it = type_expr(index);
        if (!known(it)) return Unknown;
        if (is_array(it) && it->elem()->is_scalar(DType::Bool)) {  // a[mask]: the items where mask is true
            if (it->ndim > t->ndim) {
                error(index.loc, "too many indices for array: array is " + std::to_string(t->ndim) +
                                     "-dimensional, but " + std::to_string(it->ndim) + " were indexed");
                return Unknown;
            }
            // a mask of the first axes (X[labels == c] of a 2-d X) picks sub-arrays: rows
            return Type::array(t->elem(), t->ndim - it->ndim + 1);
        }
        if (is_array(it)) {  // a[idx]: rows picked by an array of ints
            if (!is_int_dtype(it->elem()->dtype) || it->ndim != 1) {
                error(index.loc, "arrays are indexed by 1-d arrays of ints or by bool masks, not " + quoted(it));
                return Unknown;
            }
            return t;
        }
        parts = it->is(TypeKind::Tuple) ? it->elems : std::vector<const Type*>{it};
    }
    for (const Type* p : parts) {
        if (p->is(TypeKind::None)) {
            ++newaxes;
            continue;
        }
        if (!is_intlike(p)) {
            error(index.loc, "arrays are indexed with ints, slices and None (np.newaxis) here, not " + quoted(p));
            return Unknown;
        }
        ++ints;
    }
    int k = ints + slices;
    if (k > t->ndim) {
        error(index.loc, "too many indices for array: array is " + std::to_string(t->ndim) + "-dimensional, but " +
                             std::to_string(k) + " were indexed");
        return Unknown;
    }
    if (newaxes && !slices) index.type = Type::none();  // a view: codegen's array_view reads the parts
    if (ints == t->ndim && !newaxes) return t->elem();
    return Type::array(t->elem(), t->ndim - ints + newaxes);
}

// a[i, j] = v, a[1:-1] = v, a[mask] = v
void Solver::array_store(Stmt& s, const Type* c, const Type* v) {
    Expr& target = *s.target;
    if (target.kind != ExprKind::Subscript) {  // a[1:3] = ...
        target.type = slice(target);
        array_assign_ok(*s.value, v, c);
        return;
    }
    const Type* item = array_index(target, c);
    target.type = item;
    const Type* index_type = target.args[1]->type;
    if (index_type && is_array(index_type)) {  // a[mask] = x, a[idx] = x
        if (!index_type->elem()->is_scalar(DType::Bool)) {  // rows picked by ints: a number or rows of values
            if (known(v) && !is_number(v) && !(is_array(v) && v->ndim <= c->ndim))
                error(s.value->loc, "a[idx] = ... takes a number or an array of at most " + std::to_string(c->ndim) +
                                        " dimensions, not " + quoted(v));
        } else if (known(v) && !is_number(v) && !(is_array(v) && v->ndim <= c->ndim - index_type->ndim + 1)) {
            error(s.value->loc, "a[mask] = ... takes a number or an array of at most " +
                                    std::to_string(c->ndim - index_type->ndim + 1) + " dimensions (what a[mask] reads), not " +
                                    quoted(v));
        }
        return;
    }
    if (known(item) && is_array(item)) {  // a[i] = ..., a[1:-1, j] = ...: into the view
        array_assign_ok(*s.value, v, item);
        return;
    }
    if (known(v) && !is_number(v)) error(s.value->loc, "an array stores numbers, not " + quoted(v));
    // NumPy converts the number to the array's dtype: ints checked (OverflowError), floats truncated
}

// ------------------------------------------------------------ calls
// Places e's arguments in params' order: keywords to their slots, omitted optional
// ones a None constant. Idempotent: a normalized call has no keywords left.
bool normalize(Expr& e, const std::string& fname, const std::vector<Param>& params, std::string* err) {
    size_t npos = e.args.size() - e.kwnames.size();
    if (e.kwnames.empty() && e.args.size() == params.size()) return true;
    if (npos > params.size()) {
        *err = fname + "() takes at most " + std::to_string(params.size()) + " arguments (" +
               std::to_string(e.args.size()) + " given)";
        return false;
    }
    // where each argument goes, all checked before any moves: a call refused here keeps its
    // arguments (later passes walk them; a keyword NumPy has and pyrite not once left a null one)
    std::vector<size_t> slot_of(e.args.size());
    std::vector<bool> given(params.size(), false);
    for (size_t i = 0; i < npos; ++i) slot_of[i] = i, given[i] = true;
    for (size_t k = 0; k < e.kwnames.size(); ++k) {
        size_t p = 0;
        while (p < params.size() && e.kwnames[k] != params[p].name) ++p;
        if (p == params.size()) {
            *err = fname + "() got an unexpected keyword argument '" + e.kwnames[k] + "' (pyrite's supports " ;
            for (size_t q = 0; q < params.size(); ++q) *err += (q ? ", " : "") + std::string(params[q].name);
            *err += ")";
            return false;
        }
        if (given[p]) {
            *err = fname + "() got multiple values for argument '" + e.kwnames[k] + "'";
            return false;
        }
        slot_of[npos + k] = p, given[p] = true;
    }
    for (size_t p = 0; p < params.size(); ++p)
        if (!given[p] && !params[p].optional) {
            *err = fname + "() missing required argument '" + params[p].name + "'";
            return false;
        }
    std::vector<ir::ExprP> slots(params.size());
    for (size_t i = 0; i < e.args.size(); ++i) slots[slot_of[i]] = std::move(e.args[i]);
    for (size_t p = 0; p < params.size(); ++p)
        if (!slots[p]) slots[p] = std::make_unique<Expr>(ExprKind::NoneConst, e.loc);
    e.args = std::move(slots);
    e.kwnames.clear();
    return true;
}

// a dtype argument: None, or a dtype's name (np.float32 and "float32" both lower to one)
bool dtype_arg(const Expr& a, DType* out, bool* given) {
    *given = false;
    if (a.kind == ExprKind::NoneConst || (a.kind == ExprKind::StrConst && a.name.empty())) return true;
    if (a.kind != ExprKind::StrConst) return false;
    *given = true;
    if (a.name == "int") return *out = DType::Int64, true;
    if (a.name == "float") return *out = DType::Float64, true;
    if (a.name == "complex") return *out = DType::Complex128, true;
    return dtype_from_name(a.name, out);
}

// axis=: None, or an int constant within the dimensions; -1 is the last
bool axis_arg(const Expr& a, int ndim, int* axis, std::string* err) {
    if (a.kind == ExprKind::NoneConst) return *axis = -100, true;
    long long v;
    if (a.kind == ExprKind::IntConst) v = a.ival;
    else if (a.kind == ExprKind::Unary && static_cast<ir::UnOp>(a.op) == ir::UnOp::Neg && a.args[0]->kind == ExprKind::IntConst)
        v = -a.args[0]->ival;
    else {
        *err = "axis= must be an int constant in compiled code (it decides the result's dimensions)";
        return false;
    }
    if (v < -ndim || v >= ndim) {
        *err = "axis " + std::to_string(v) + " is out of bounds for array of dimension " + std::to_string(ndim) +
               " (NumPy raises AxisError)";
        return false;
    }
    *axis = static_cast<int>(v < 0 ? v + ndim : v);
    return true;
}

// np.NAME(...) (from a call of the numpy module) and a.NAME(...) (from a method call on an
// array, its receiver first): ops.def's NumPy operation, typed by its rule, its arguments
// normalized (keywords placed, omitted optional ones None)
bool Solver::numpy_args(Expr& e, const std::vector<NumpyParam>& params) {
    std::string err;
    if (normalize(e, std::string("numpy.") + ops::info(e.operation).py, params, &err)) return true;
    error(e.loc, err);
    return false;
}

bool Solver::typed_numpy_args(Expr& e, const std::vector<NumpyParam>& params, std::vector<const Type*>* ts) {
    if (!numpy_args(e, params)) return false;
    *ts = arg_types(e);
    for (const Type* t : *ts)
        if (!known(t)) return false;
    return true;
}

std::vector<const Type*> Solver::arg_types(Expr& e) {
    std::vector<const Type*> ts;
    for (ir::ExprP& a : e.args) ts.push_back(type_expr(*a));  // a dtype argument is its name: a str constant
    return ts;
}

const Type* Solver::numpy_call(Expr& e) {
    using ops::Rule;
    const Op op = e.operation;
    const Rule rule = ops::info(op).rule;
    const std::string n = ops::info(op).py;  // for messages
    std::string err;
    auto fail = [&](const std::string& msg) { return error(e.loc, msg), Unknown; };
    auto norm = [&](const std::vector<Param>& ps) { return numpy_args(e, ps); };
    auto types = [&]() { return arg_types(e); };
    // dtype=other.dtype: the array's dtype, a str constant like dtype=np.float32 (lower_numpy_call)
    for (ir::ExprP& a : e.args)
        if (a->kind == ExprKind::Intrinsic && a->operation == Op::AttrDtype) {
            const Type* t = type_expr(*a->args[0]);
            if (!known(t)) return Unknown;
            if (!is_array(t)) return fail("dtype= takes a NumPy dtype or an array's .dtype");
            auto c = std::make_unique<Expr>(ExprKind::StrConst, a->loc);
            c->name = dtype_name(t->elem()->dtype);
            a = std::move(c);
        }

    // ---- making arrays
    if (rule == Rule::Maker) {
        bool full = op == Op::NpFull;
        if (!(full ? norm({{"shape", false}, {"fill_value", false}, {"dtype", true}}) : norm({{"shape", false}, {"dtype", true}})))
            return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        int nd = shape_dims(ts[0]);
        if (!nd) return fail("numpy." + n + "() takes a shape: an int or a tuple of ints, not " + quoted(ts[0]));
        DType d = DType::Float64;
        bool given;
        if (!dtype_arg(*e.args.back(), &d, &given)) return fail("numpy." + n + "(): dtype= takes a NumPy dtype such as np.float32");
        if (full && !given) {  // the fill value's own dtype
            const Type* f = ts[1];
            if (f->is(TypeKind::Scalar)) d = f->dtype;
            else if (f->is(TypeKind::Complex) || !python_number_dtype(f, &d))
                return fail("numpy.full() fills with a number, not " + quoted(f));
        }
        if (full && !is_number(ts[1])) return fail("numpy.full() fills with a number, not " + quoted(ts[1]));
        return Type::array(Type::scalar(d), nd);
    }
    if (rule == Rule::MakerLike) {
        bool full = op == Op::NpFullLike;
        if (!(full ? norm({{"a", false}, {"fill_value", false}, {"dtype", true}}) : norm({{"a", false}, {"dtype", true}})))
            return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("numpy." + n + "() of " + quoted(ts[0]) + " is not supported (pass an array)");
        if (full && known(ts[1]) && !is_number(ts[1])) return fail("numpy.full_like() fills with a number");
        DType d = item_dtype(ts[0]);
        bool given;
        if (!dtype_arg(*e.args.back(), &d, &given)) return fail("numpy." + n + "(): dtype= takes a NumPy dtype");
        return Type::array(Type::scalar(d), ts[0]->ndim);
    }
    if (rule == Rule::Arange) {
        if (!norm({{"start", false}, {"stop", true}, {"step", true}, {"dtype", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        bool floats = false;
        for (size_t i = 0; i < 3; ++i) {
            if (!known(ts[i])) return Unknown;
            if (ts[i]->is(TypeKind::None)) continue;
            if (!is_number(ts[i])) return fail("numpy.arange() takes numbers, not " + quoted(ts[i]));
            floats = floats || ts[i]->is(TypeKind::Float) || (ts[i]->is(TypeKind::Scalar) && !is_int_dtype(ts[i]->dtype));
        }
        if (ts[1]->is(TypeKind::None) && !ts[2]->is(TypeKind::None))
            return fail("pyrite's numpy.arange() takes a step only with a start and a stop");
        DType d = floats ? DType::Float64 : DType::Int64;
        bool given;
        if (!dtype_arg(*e.args[3], &d, &given) || is_complex_dtype(d)) return fail("numpy.arange(): dtype= takes a real NumPy dtype");
        return Type::array(Type::scalar(d), 1);
    }
    if (rule == Rule::Linspace) {
        if (!norm({{"start", false}, {"stop", false}, {"num", true}, {"endpoint", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (size_t i = 0; i < 2; ++i)
            if (known(ts[i]) && !is_number(ts[i])) return fail("numpy.linspace() takes numbers, not " + quoted(ts[i]));
        if (known(ts[2]) && !ts[2]->is(TypeKind::None) && !is_intlike(ts[2])) return fail("numpy.linspace(): num= takes an int");
        if (known(ts[3]) && !ts[3]->is(TypeKind::None) && !ts[3]->is(TypeKind::Bool)) return fail("numpy.linspace(): endpoint= takes a bool");
        return Type::array(Type::scalar(DType::Float64), 1);
    }

    // ---- shapes and dtypes: a.reshape(...), a.ravel(), a.flatten(), a.astype(dtype) (the receiver first)
    if (rule == Rule::Shape) {
        std::vector<const Type*> ts = types();
        for (const Type* x : ts)
            if (!known(x)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy." + n + "() takes an array, not " + quoted(ts[0]));
        if (!e.kwnames.empty()) return fail("a." + n + "() takes no keyword arguments here");
        const Type* t = ts[0];
        if (op == Op::NpReshape) {
            int nd = 0;
            if (ts.size() == 2) nd = shape_dims(ts[1]);
            else {
                for (size_t i = 1; i < ts.size(); ++i)
                    if (!is_intlike(ts[i])) return fail("a.reshape() takes ints, not " + quoted(ts[i]));
                nd = static_cast<int>(ts.size()) - 1;
            }
            if (!nd) return fail("a.reshape() takes the new shape: a.reshape(2, 3) or a.reshape((2, 3))");
            return Type::array(t->elem(), nd);
        }
        if (op == Op::NpAstype) {
            DType d;
            bool given;
            if (ts.size() != 2 || !dtype_arg(*e.args[1], &d, &given) || !given)
                return fail("a.astype() takes a dtype: a.astype(np.float32)");
            return Type::array(Type::scalar(d), t->ndim);
        }
        if (ts.size() != 1) return fail("a." + n + "() takes no arguments here");
        if (op == Op::NpNonzero)  // the indexes of the items that are true, one int64 array per axis
            return Type::tuple(std::vector<const Type*>(static_cast<size_t>(t->ndim), Type::array(Type::scalar(DType::Int64), 1)));
        return Type::array(t->elem(), 1);
    }

    // ---- NumPy scalars: np.float32(x), np.int8(x)
    if (rule == Rule::Scalar) {  // the dtype's name follows the value (lower_numpy_call)
        DType conv;
        const std::string dn = e.args.back()->name;
        if (e.args.size() != 2 || !dtype_from_name(dn, &conv)) return fail("numpy." + dn + "() takes one value");
        std::vector<const Type*> ts = types();
        if (known(ts[0]) && !is_number(ts[0])) return fail("numpy." + dn + "() of " + quoted(ts[0]) + " is not supported");
        return Type::scalar(conv);
    }

    // ---- element-wise functions (the tables above)
    if (rule == Rule::FloatUfunc || rule == Rule::SameUfunc || rule == Rule::TestUfunc) {
        if (!norm({{"x", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_number(ts[0]) && !is_array(ts[0])) return fail("numpy." + n + "() of " + quoted(ts[0]) + " is not supported");
        DType d;
        result_dtype({ts[0]}, &d);
        if (rule == Rule::TestUfunc) return shaped(DType::Bool, ndim_of(ts[0]));
        if (is_complex_dtype(d)) return fail("numpy." + n + "() of complex numbers is not supported yet");
        if (op == Op::NpSign && d == DType::Bool)  // NumPy's UFuncTypeError, at every call
            return fail("numpy.sign() of bools: NumPy has no loop for them (it raises UFuncTypeError)");
        if (op == Op::NpFabs && !float_result(d, &d)) return fail("numpy.fabs() of int8 gives float16, which pyrite does not have");
        if (rule == Rule::FloatUfunc && !float_result(d, &d))
            return fail("numpy." + n + "() of " + quoted(ts[0]) + " gives float16, which pyrite does not have: convert first");
        return shaped(d, ndim_of(ts[0]));
    }
    if (rule == Rule::BinaryUfunc) {
        if (!norm({{"x1", false}, {"x2", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_number(t) && !is_array(t)) return fail("numpy." + n + "() of " + quoted(t) + " is not supported");
        }
        DType d;
        if (!result_dtype(ts, &d)) return fail("numpy." + n + "(): no common dtype pyrite has");
        if (op == Op::NpLogicalAnd || op == Op::NpLogicalOr || op == Op::NpLogicalXor)  // truth of any dtype
            return shaped(DType::Bool, std::max(ndim_of(ts[0]), ndim_of(ts[1])));
        if (is_complex_dtype(d)) return fail("numpy." + n + "() of complex numbers is not supported yet");
        if ((op == Op::NpArctan2 || op == Op::NpHypot || op == Op::NpCopysign) && !float_result(d, &d))
            return fail("numpy." + n + "() would give float16");
        return shaped(d, std::max(ndim_of(ts[0]), ndim_of(ts[1])));
    }
    // ---- np.add(x, y) and its kind: rewritten into the operator's node (x + y, x // y, x < y, -x)
    // and typed as it, so NumPy's rules hold to the bit and the node fuses with its neighbours.
    // NumPy makes arrays of Python numbers first: of Python numbers alone the result is a NumPy
    // scalar of their default dtypes (np.add(1, 2) is np.int64(3), wrapping as int64 does); beside
    // an array or a NumPy scalar they stay weak (NEP 50), as the operator's do.
    if (rule == Rule::Arith) {
        const bool unary = op == Op::NpNegative;
        if (!(unary ? norm({{"x", false}}) : norm({{"x1", false}, {"x2", false}}))) return Unknown;
        std::vector<const Type*> ts = types();
        bool any_np = false;
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_number(t) && !is_array(t)) return fail("numpy." + n + "() of " + quoted(t) + " is not supported");
            any_np = any_np || is_np(t);
        }
        if (!any_np) {
            for (ir::ExprP& a : e.args) {
                DType d;
                if (!python_number_dtype(a->type, &d)) return fail("numpy." + n + "() of " + quoted(a->type) + ": its NumPy dtype is known only at run time");
                auto c = std::make_unique<Expr>(ExprKind::StrConst, a->loc);
                c->name = dtype_name(d);
                auto w = std::make_unique<Expr>(ExprKind::Intrinsic, a->loc);
                w->operation = Op::NpScalar;
                w->args.push_back(std::move(a));
                w->args.push_back(std::move(c));
                a = std::move(w);
            }
        }
        static const std::map<Op, BinOp> binary = {
            {Op::NpAddFn, BinOp::Add}, {Op::NpSubtract, BinOp::Sub}, {Op::NpMultiply, BinOp::Mul},
            {Op::NpDivide, BinOp::Div}, {Op::NpFloorDivide, BinOp::FloorDiv}, {Op::NpMod, BinOp::Mod},
            {Op::NpPower, BinOp::Pow}};
        static const std::map<Op, CmpOp> compare = {
            {Op::NpGreater, CmpOp::Gt}, {Op::NpGreaterEqual, CmpOp::GtE}, {Op::NpLess, CmpOp::Lt},
            {Op::NpLessEqual, CmpOp::LtE}, {Op::NpEqual, CmpOp::Eq}, {Op::NpNotEqual, CmpOp::NotEq}};
        e.operation = Op::None;
        if (unary) {
            e.kind = ExprKind::Unary;
            e.op = static_cast<int>(ir::UnOp::Neg);
        } else if (auto b = binary.find(op); b != binary.end()) {
            e.kind = ExprKind::Binary;
            e.op = static_cast<int>(b->second);
        } else {
            e.kind = ExprKind::Compare;
            e.cmps = {compare.at(op)};
        }
        e.type = nullptr;
        return type_expr(e);
    }
    if (rule == Rule::Where) {
        if (e.args.size() == 1 && e.kwnames.empty()) {  // np.where(condition) is np.nonzero(condition)
            e.operation = Op::NpNonzero;
            return type_expr(e);
        }
        if (!norm({{"condition", false}, {"x", false}, {"y", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_number(t) && !is_array(t)) return fail("numpy.where() of " + quoted(t) + " is not supported");
        }
        DType d;
        if (!result_dtype({ts[1], ts[2]}, &d)) return fail("numpy.where(): no common dtype pyrite has");
        return shaped(d, std::max({ndim_of(ts[0]), ndim_of(ts[1]), ndim_of(ts[2])}));
    }
    if (rule == Rule::Dot) {
        if (!norm({{"a", false}, {"b", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_array(t) || t->ndim > 2)
                return fail("pyrite's numpy." + n + "() takes 1-d and 2-d arrays, not " + quoted(t));
        }
        DType d;
        if (!result_dtype(ts, &d)) return fail("numpy." + n + "(): no common dtype pyrite has");
        return shaped(d, ts[0]->ndim + ts[1]->ndim - 2);
    }

    // ---- reductions: np.sum(a, axis=None) and a.sum(axis=None)
    if (rule == Rule::Reduce) {
        // NumPy's parameters in NumPy's order (a.var(1, None, None, 1) is axis=1, ddof=1); out= must be
        // None and keepdims= False. Once checked, dtype=, out= and keepdims= become str constants,
        // which codegen passes over: the runtime takes (a, axis) and var's and std's ddof.
        const std::string& r = n;
        bool ddof = op == Op::NpStd || op == Op::NpVar;
        // the running ones: cumsum, cumprod, and the ufuncs' accumulate (NumPy's ufunc.accumulate(array,
        // axis=0, dtype=None, out=None), cumsum's parameters)
        const bool accumulate = op == Op::NpAddAccumulate || op == Op::NpMulAccumulate || op == Op::NpMaxAccumulate ||
                                op == Op::NpMinAccumulate;
        const bool running = op == Op::NpCumsum || op == Op::NpCumprod || accumulate;
        const bool sums = op == Op::NpSum || op == Op::NpProd || (running && op != Op::NpMaxAccumulate && op != Op::NpMinAccumulate);
        bool takes_dtype = sums || op == Op::NpMean || ddof || running;  // sums: in sum's dtype
        bool keepdims = !running;
        // np.count_nonzero(a, axis=None, *, keepdims=False): no out= (keepdims= by keyword only:
        // the frontend's lower_numpy_call refuses a third positional argument)
        const bool counts = op == Op::NpCountNonzero;
        bool ok = counts        ? norm({{"a", false}, {"axis", true}, {"keepdims", true}})
                  : ddof        ? norm({{"a", false}, {"axis", true}, {"dtype", true}, {"out", true}, {"ddof", true}, {"keepdims", true}})
                  : takes_dtype ? (keepdims ? norm({{"a", false}, {"axis", true}, {"dtype", true}, {"out", true}, {"keepdims", true}})
                                            : norm({{"a", false}, {"axis", true}, {"dtype", true}, {"out", true}}))
                                : norm({{"a", false}, {"axis", true}, {"out", true}, {"keepdims", true}});
        if (!ok) return Unknown;
        const size_t at_dtype = takes_dtype ? 2 : 0, at_out = takes_dtype ? 3 : 2, at_ddof = 4;
        const size_t at_keep = keepdims ? e.args.size() - 1 : 0;
        auto passed_over = [&](size_t i) {  // a checked argument the runtime does not take
            if (e.args[i]->kind == ExprKind::StrConst) return;
            auto c = std::make_unique<Expr>(ExprKind::StrConst, e.args[i]->loc);
            c->type = Type::str_();
            e.args[i] = std::move(c);
        };
        if (!counts) {
            if (e.args[at_out]->kind != ExprKind::NoneConst && e.args[at_out]->kind != ExprKind::StrConst)
                return fail("numpy." + r + "(): out= is not supported (pyrite makes the result)");
            passed_over(at_out);
        }
        // keepdims=True: the str constant "keepdims" stays as its mark (codegen's keep_dims)
        bool keep = false;
        if (keepdims) {
            Expr& k = *e.args[at_keep];
            keep = (k.kind == ExprKind::BoolConst && k.ival) || (k.kind == ExprKind::StrConst && k.name == "keepdims");
            if (!keep && !(k.kind == ExprKind::NoneConst || k.kind == ExprKind::StrConst || k.kind == ExprKind::BoolConst))
                return fail("numpy." + r + "(): keepdims= takes the constant True or False");
            passed_over(at_keep);
            if (keep) e.args[at_keep]->name = "keepdims";
        }
        DType given_dtype = DType::Float64;
        bool has_dtype = false;
        if (takes_dtype) {
            const Expr& dt = *e.args[at_dtype];
            if (dt.kind == ExprKind::StrConst && !dt.name.empty()) {
                if (!dtype_arg(dt, &given_dtype, &has_dtype)) return fail("numpy." + r + "(): dtype= takes a NumPy dtype");
            } else if (dt.kind != ExprKind::NoneConst && dt.kind != ExprKind::StrConst) {
                return fail("numpy." + r + "(): dtype= takes a NumPy dtype such as np.float64");
            }
            passed_over(at_dtype);
            if (has_dtype) e.args[at_dtype]->name = dtype_name(given_dtype);
        }
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy." + r + "() takes an array, not " + quoted(ts[0]));
        if (ddof && !ts[at_ddof]->is(TypeKind::None) && !is_intlike(ts[at_ddof])) return fail("ddof= takes an int");
        if (ddof && ts[at_ddof]->is(TypeKind::None)) {  // ddof=0
            auto zero = std::make_unique<Expr>(ExprKind::IntConst, e.loc);
            zero->ival = 0;
            zero->type = Type::int_();
            e.args[at_ddof] = std::move(zero);
        }
        int axis;
        if (!axis_arg(*e.args[1], ts[0]->ndim, &axis, &err)) return fail(err);
        if (axis >= 0) {  // the normalized axis, so codegen and the runtime see 0..ndim-1
            e.args[1]->kind = ExprKind::IntConst;
            e.args[1]->args.clear();
            e.args[1]->ival = axis;
            e.args[1]->type = Type::int_();
        }
        DType d = item_dtype(ts[0]);
        DType out = d;
        if (accumulate && axis < 0 && ts[0]->ndim > 1)  // NumPy's ValueError, for every such call
            return fail("numpy." + r + "(axis=None) of a " + std::to_string(ts[0]->ndim) + "-d array: NumPy raises "
                        "ValueError: accumulate does not allow multiple axes");
        if (sums) out = sum_dtype(d);
        else if (op == Op::NpMean || op == Op::NpVar || op == Op::NpStd) {
            if (is_complex_dtype(d)) return fail("numpy." + r + "() of complex arrays is not supported yet");
            if (!is_float_dtype(d)) out = DType::Float64;
        } else if (op == Op::NpArgmin || op == Op::NpArgmax || counts) out = DType::Int64;
        else if (op == Op::NpAny || op == Op::NpAll) out = DType::Bool;
        if ((op == Op::NpMin || op == Op::NpMax || op == Op::NpArgmin || op == Op::NpArgmax || op == Op::NpMaxAccumulate ||
             op == Op::NpMinAccumulate) && is_complex_dtype(d))
            return fail("numpy." + r + "() of complex arrays is not supported yet");
        if (has_dtype) {  // dtype= is what the items are added (and averaged) in
            if (is_complex_dtype(given_dtype) || given_dtype == DType::Bool)
                return fail("numpy." + r + "(): dtype=" + dtype_name(given_dtype) + " is not supported");
            if ((op == Op::NpMean || ddof) && !is_float_dtype(given_dtype))
                return fail("numpy." + r + "(): pyrite computes means in a float dtype: dtype=np.float32 or np.float64");
            out = given_dtype;
        }
        int nd = ts[0]->ndim;
        if (running) return Type::array(Type::scalar(out), axis < 0 ? 1 : nd);
        if (keep) return Type::array(Type::scalar(out), nd);  // the reduced axes kept, of extent 1
        return shaped(out, axis < 0 ? 0 : nd - 1);
    }

    // ---- the other functions: their rules are numpy_functions.cpp's
    return numpy_function(e);
}

// a.NAME(...) of an array
const Type* Solver::array_method(Expr& e, const Type* t) {
    const std::string& m = e.name;
    std::vector<const Type*> ts;
    for (size_t i = 1; i < e.args.size(); ++i)
        ts.push_back(type_expr(*e.args[i]));
    for (const Type* x : ts)
        if (!known(x)) return Unknown;
    auto fail = [&](const std::string& msg) {
        error(e.loc, msg);
        return Unknown;
    };
    e.operation = ops::lookup(ops::Recv::Array, m);
    if (e.operation == Op::ArrayCopy && ts.empty()) return t;
    // a method that differs from NumPy's function of its name (ops.def's "ndarray.NAME": a.sort()
    // sorts in place, np.sort(a) makes a sorted copy)
    if (Op own = ops::lookup(ops::Recv::NumPy, "ndarray." + m); own != Op::None) {
        e.operation = own;
        return numpy_call(e);
    }
    // a.sum(axis=0) is np.sum(a, axis=0): NumPy's function, the receiver first (the normalize
    // pass makes the node an Intrinsic)
    Op np = ops::lookup(ops::Recv::NumPy, m);
    if (np != Op::None && ops::has(np, ops::ArrayMethod)) {
        e.operation = np;
        return numpy_call(e);
    }
    e.operation = Op::None;
    return fail("'numpy.ndarray' object has no attribute '" + m + "' that pyrite supports yet");
}

// a.shape, a.ndim, a.size, a.T, a.dtype
const Type* Solver::array_attr(Expr& e, const Type* t) {
    switch (e.operation) {
        case Op::AttrShape: return Type::tuple(std::vector<const Type*>(static_cast<size_t>(t->ndim), Type::int_()));
        case Op::AttrNdim:
        case Op::AttrSize: return Type::int_();
        case Op::AttrT: return t;  // a view with the axes reversed
        // static: its name (the normalize pass makes it the constant), which compares equal to
        // np.float64 (lowered to its name too)
        case Op::AttrDtype: return Type::str_();
        default: break;
    }
    error(e.loc, std::string("'numpy.ndarray' object has no attribute '") + ops::info(e.operation).py + "' that pyrite supports");
    return Unknown;
}

}  // namespace pyrite::typeinfer::detail


