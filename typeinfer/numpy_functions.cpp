// typeinfer: NumPy's functions beyond the making, shaping, element-wise, linear-algebra
// and reduction families of arrays.cpp: one rule each (ops.def's rule column), arguments
// placed in NumPy's order by normalize (numpy_args.hpp) first. np.array and np.asarray;
// round, clip, copyto, sort and argsort, diff, outer, tile, repeat, concatenate and its kind,
// searchsorted, unique, cross, linalg.norm, average, einsum, eye and identity, trace, median,
// bincount, roll, ptp, triu and tril, isclose and allclose, nansum/nanmean/nanmax/nanmin; flip,
// transpose and expand_dims, rewritten into the indexing that makes the same view; interp, polyval,
// logspace, argwhere, isin, meshgrid, diag; numpy.random's functions and the Generator's methods.
// Their kernels are runtime/include/pyrite/numpy_functions.hpp's and nprandom.hpp's, of the same
// names. What NumPy computes itself (linalg.solve, cov, histogram, percentile, ...) is typed in
// numpy_own.cpp.
#include <cctype>

#include "numpy_args.hpp"

namespace pyrite::typeinfer::detail {

const Type* Solver::numpy_function(Expr& e) {
    using ops::Rule;
    const Op op = e.operation;
    const Rule rule = ops::info(op).rule;
    const std::string n = ops::info(op).py;  // for messages
    std::string err;
    auto fail = [&](const std::string& msg) { return error(e.loc, msg), Unknown; };
    auto norm = [&](const std::vector<Param>& ps) { return numpy_args(e, ps); };
    auto types = [&]() { return arg_types(e); };

    // ---- np.array(obj, dtype=None), np.asarray: nested lists and tuples of numbers (and arrays)
    if (rule == Rule::ArrayOf) {
        // the third slot is the runtime's flag (below): no Python name a caller could write
        if (!norm({{"object", false}, {"dtype", true}, {" weak", true}})) return Unknown;
        // a list display here is never seen as a list: typed as a tuple display, its items may
        // mix ints and floats, as in np.array([[x, 0], [0, y]])
        std::function<void(Expr&)> as_tuples = [&](Expr& x) {
            if (x.kind != ExprKind::List && x.kind != ExprKind::Tuple) return;
            if (x.kind == ExprKind::List && !x.type) x.kind = ExprKind::Tuple;
            for (ir::ExprP& item : x.args) as_tuples(*item);
        };
        as_tuples(*e.args[0]);
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        // the dimensions and dtype NumPy discovers from the nesting of the type
        std::function<bool(const Type*, int*, DType*, bool*)> discover = [&](const Type* t, int* nd, DType* d, bool* ints) {
            if (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Scalar)) {
                *nd = 0;
                *d = t->is(TypeKind::Int) ? DType::Int64 : t->is(TypeKind::Float) ? DType::Float64
                     : t->is(TypeKind::Bool) ? DType::Bool : t->dtype;
                *ints = *ints || t->is(TypeKind::Int);
                return true;
            }
            if (is_array(t)) return *nd = t->ndim, *d = t->elem()->dtype, true;
            if (t->is(TypeKind::List) || t->is(TypeKind::TupleOf)) {
                if (!discover(t->elem(), nd, d, ints)) return false;
                return ++*nd, true;
            }
            if (t->is(TypeKind::Tuple)) {
                if (t->elems.empty()) return *nd = 1, *d = DType::Float64, true;
                int first = -1;
                DType all = DType::Bool;
                for (size_t i = 0; i < t->elems.size(); ++i) {
                    int k;
                    DType x;
                    if (!discover(t->elems[i], &k, &x, ints)) return false;
                    if (first >= 0 && k != first) return false;  // ragged by type: NumPy would make an object array
                    if (first < 0) all = x;
                    else if (!promote(all, x, &all)) return false;
                    first = k;
                }
                return *nd = first + 1, *d = all, true;
            }
            return false;
        };
        int nd;
        DType d;
        bool ints = false;
        if (!discover(ts[0], &nd, &d, &ints) || nd == 0 || nd > 8)
            return fail("numpy." + n + "() takes lists and tuples of numbers, nested alike (or arrays), not " + quoted(ts[0]));
        bool given;
        if (!dtype_arg(*e.args[1], &d, &given)) return fail("numpy." + n + "(): dtype= takes a NumPy dtype");
        // the dtype stays a str constant (codegen passes over it: the result type carries it), ""
        // when omitted; the runtime's mode, an int constant, says whether it was given and whether
        // Python ints go into it, checked as NumPy does (NEP 50)
        if (e.args[1]->kind == ExprKind::NoneConst) {
            e.args[1]->kind = ExprKind::StrConst;
            e.args[1]->type = Type::str_();
        }
        auto flag = std::make_unique<Expr>(ExprKind::IntConst, e.loc);
        flag->ival = (given && ints ? 1 : 0) | (given ? 2 : 0);  // numpy_functions.hpp's array_of: mode
        flag->type = Type::int_();
        e.args[2] = std::move(flag);
        return Type::array(Type::scalar(d), nd);
    }

    // ---- more functions: each its own rule (ops.def), arguments normalized in NumPy's order
    auto int_const = [&](long long v) { return numpy_constant(ExprKind::IntConst, v, e.loc); };
    // axis= as NumPy's default when it was omitted (the first typing; later ones see the constant)
    auto axis_at = [&](size_t pos, int ndim, bool allow_none, int* axis) {
        if (!allow_none && e.args[pos]->kind == ExprKind::NoneConst) e.args[pos] = int_const(ndim - 1);
        if (!axis_arg(*e.args[pos], ndim, axis, &err)) return fail(err), false;
        if (*axis >= 0) e.args[pos] = int_const(*axis);
        return true;
    };
    auto array_or_number = [&](const Type* t) { return is_array(t) || is_number(t); };
    if (rule == Rule::Round) {  // np.round(a, decimals=0): NumPy's multiply, rint, divide (PyArray_Round)
        if (!norm({{"a", false}, {"decimals", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!array_or_number(ts[0])) return fail("numpy.round() of " + quoted(ts[0]) + " is not supported");
        if (!ts[1]->is(TypeKind::None) && !is_intlike(ts[1])) return fail("numpy.round(): decimals= takes an int");
        if (ts[1]->is(TypeKind::None)) e.args[1] = int_const(0);
        DType d;
        result_dtype({ts[0]}, &d);
        if (d == DType::Bool) return fail("numpy.round() of bools gives float16, which pyrite does not have");
        if (is_complex_dtype(d)) return fail("numpy.round() of complex numbers is not supported yet");
        return shaped(d, ndim_of(ts[0]));
    }
    if (rule == Rule::Clip) {  // np.clip(a, a_min, a_max): maximum, then minimum, NaN kept (NumPy's clip ufunc)
        if (!norm({{"a", false}, {"a_min", true}, {"a_max", true}})) return Unknown;
        std::vector<const Type*> ts = types(), given;
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (t->is(TypeKind::None)) continue;
            if (!array_or_number(t)) return fail("numpy.clip() of " + quoted(t) + " is not supported");
            given.push_back(t);
        }
        if (ts[1]->is(TypeKind::None) && ts[2]->is(TypeKind::None)) return fail("numpy.clip() needs a_min or a_max");
        DType d;
        if (!result_dtype(given, &d)) return fail("numpy.clip(): no common dtype pyrite has");
        if (is_complex_dtype(d)) return fail("numpy.clip() of complex numbers is not supported yet");
        return shaped(d, std::max({ndim_of(ts[0]), ndim_of(ts[1]), ndim_of(ts[2])}));
    }
    if (rule == Rule::CopyTo) {  // np.copyto(dst, src): src broadcast into dst, cast by the same_kind rule
        if (!norm({{"dst", false}, {"src", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("numpy.copyto() writes into an array, not " + quoted(ts[0]));
        if (!array_or_number(ts[1])) return fail("numpy.copyto() copies an array or a number, not " + quoted(ts[1]));
        if (ndim_of(ts[1]) > ts[0]->ndim) return fail("numpy.copyto(): the source has more dimensions than the destination");
        DType from;
        result_dtype({ts[1]}, &from);
        if (is_array(ts[1]) || ts[1]->is(TypeKind::Scalar)) {
            if (!same_kind(from, item_dtype(ts[0])))
                return fail(std::string("Cannot cast array data from dtype('") + dtype_name(from) + "') to dtype('" +
                            dtype_name(item_dtype(ts[0])) + "') according to the rule 'same_kind' (NumPy raises TypeError)");
        } else if (!promote_weak(ts[1], item_dtype(ts[0]), &from) || !same_kind(from, item_dtype(ts[0]))) {
            return fail("numpy.copyto(): a " + py_name(ts[1]) + " does not cast to " + dtype_name(item_dtype(ts[0])) +
                        " by the rule 'same_kind'");
        }
        return Type::none();
    }
    if (rule == Rule::Sort) {  // np.sort(a, axis=-1, kind=None), np.argsort, a.sort(axis=-1)
        bool had_axis = e.args.size() - e.kwnames.size() > 1 ||
                        std::find(e.kwnames.begin(), e.kwnames.end(), "axis") != e.kwnames.end();
        if (!norm({{"a", false}, {"axis", true}, {"kind", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy." + n + "() takes an array, not " + quoted(ts[0]));
        const Expr& kind = *e.args[2];
        if (kind.kind != ExprKind::NoneConst &&
            !(kind.kind == ExprKind::StrConst &&
              (kind.name == "quicksort" || kind.name == "mergesort" || kind.name == "heapsort" || kind.name == "stable")))
            return fail("numpy." + n + "(): kind= takes 'quicksort', 'mergesort', 'heapsort' or 'stable'");
        e.args.pop_back();  // every kind sorts the same numbers; argsort is stable whatever the kind
        int nd = ts[0]->ndim, axis;
        if (!had_axis && e.args[1]->kind == ExprKind::NoneConst) e.args[1] = int_const(nd - 1);
        if (!axis_at(1, nd, true, &axis)) return Unknown;
        if (op == Op::NpSortInPlace) {
            if (axis < 0) return fail("a.sort(axis=None) is not supported: sort a.ravel() or use np.sort(a, axis=None)");
            return Type::none();
        }
        DType d = op == Op::NpArgsort ? DType::Int64 : item_dtype(ts[0]);
        if (is_complex_dtype(item_dtype(ts[0]))) return fail("numpy." + n + "() of complex arrays is not supported yet");
        return Type::array(Type::scalar(d), axis < 0 ? 1 : nd);
    }
    if (rule == Rule::Diff) {  // np.diff(a, n=1, axis=-1)
        if (!norm({{"a", false}, {"n", true}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.diff() takes an array, not " + quoted(ts[0]));
        if (ts[1]->is(TypeKind::None)) e.args[1] = int_const(1);
        else if (!is_intlike(ts[1])) return fail("numpy.diff(): n= takes an int");
        int axis;
        if (!axis_at(2, ts[0]->ndim, false, &axis)) return Unknown;
        return ts[0];
    }
    if (rule == Rule::Eye) {  // np.eye(N, M=None, k=0, dtype=float), np.identity(n, dtype=float)
        bool eye = op == Op::NpEye;
        if (!(eye ? norm({{"N", false}, {"M", true}, {"k", true}, {"dtype", true}}) : norm({{"n", false}, {"dtype", true}})))
            return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_intlike(ts[0])) return fail("numpy." + n + "() takes the number of rows as an int, not " + quoted(ts[0]));
        if (eye && !ts[1]->is(TypeKind::None) && !is_intlike(ts[1])) return fail("numpy.eye(): M= takes an int or None");
        if (eye && ts[2]->is(TypeKind::None)) e.args[2] = int_const(0);
        else if (eye && !is_intlike(ts[2])) return fail("numpy.eye(): k= takes an int");
        DType d = DType::Float64;
        bool given;
        if (!dtype_arg(*e.args.back(), &d, &given)) return fail("numpy." + n + "(): dtype= takes a NumPy dtype such as np.int64");
        return Type::array(Type::scalar(d), 2);
    }
    if (rule == Rule::Trace) {  // np.trace(a, offset=0), a.trace(offset): the sum of a matrix's diagonal
        if (!norm({{"a", false}, {"offset", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0]) || ts[0]->ndim != 2) return fail("pyrite's numpy.trace() takes a 2-dimensional array, not " + quoted(ts[0]));
        if (ts[1]->is(TypeKind::None)) e.args[1] = int_const(0);
        else if (!is_intlike(ts[1])) return fail("numpy.trace(): offset= takes an int");
        return Type::scalar(sum_dtype(item_dtype(ts[0])));
    }
    if (rule == Rule::Median) {  // np.median(a): of every item (axis=None); NaN where one is NaN
        if (!norm({{"a", false}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.median() takes an array, not " + quoted(ts[0]));
        if (!ts[1]->is(TypeKind::None)) return fail("pyrite's numpy.median() takes axis=None only (the median of every item)");
        DType d = item_dtype(ts[0]);
        if (is_complex_dtype(d)) return fail("numpy.median() of complex arrays is not supported");
        return Type::scalar(is_float_dtype(d) ? d : DType::Float64);
    }
    if (rule == Rule::Bincount) {  // np.bincount(x, weights=None, minlength=0): how often each int occurs
        if (!norm({{"x", false}, {"weights", true}, {"minlength", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        // x is cast to intp with the 'safe' rule: ints and bools, in one dimension
        if (!is_array(ts[0]) || ts[0]->ndim != 1 || !(is_int_dtype(item_dtype(ts[0])) || item_dtype(ts[0]) == DType::Bool))
            return fail("numpy.bincount() takes a 1-dimensional array of ints, not " + quoted(ts[0]));
        bool weighted = !ts[1]->is(TypeKind::None);
        if (weighted && (!is_array(ts[1]) || ts[1]->ndim != 1 || is_complex_dtype(item_dtype(ts[1]))))
            return fail("numpy.bincount(): weights= takes a 1-dimensional array of numbers, not " + quoted(ts[1]));
        if (ts[2]->is(TypeKind::None)) e.args[2] = int_const(0);
        else if (!is_intlike(ts[2])) return fail("numpy.bincount(): minlength= takes an int, not " + quoted(ts[2]));
        return Type::array(Type::scalar(weighted ? DType::Float64 : DType::Int64), 1);
    }
    if (rule == Rule::Roll) {  // np.roll(a, shift, axis=None): of the flattened items, or along one axis
        if (!norm({{"a", false}, {"shift", false}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.roll() takes an array, not " + quoted(ts[0]));
        if (!is_intlike(ts[1])) return fail("pyrite's numpy.roll() takes one int shift, not " + quoted(ts[1]));
        int axis;
        if (!axis_at(2, ts[0]->ndim, true, &axis)) return Unknown;
        return ts[0];
    }
    if (rule == Rule::Ptp) {  // np.ptp(a): the largest item less the smallest (NaN where one is NaN)
        if (!norm({{"a", false}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.ptp() takes an array, not " + quoted(ts[0]));
        if (!ts[1]->is(TypeKind::None)) return fail("pyrite's numpy.ptp() takes axis=None only (of every item)");
        DType d = item_dtype(ts[0]);
        if (d == DType::Bool) return fail("numpy.ptp() of bools: NumPy's subtract has no loop for them (TypeError)");
        if (is_complex_dtype(d)) return fail("numpy.ptp() of complex arrays is not supported");
        return Type::scalar(d);
    }
    if (rule == Rule::Tri) {  // np.triu(m, k=0), np.tril(m, k=0): a copy, zero below (above) the k-th diagonal
        if (!norm({{"m", false}, {"k", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0]) || ts[0]->ndim != 2)
            return fail("pyrite's numpy." + n + "() takes a 2-dimensional array, not " + quoted(ts[0]));
        if (ts[1]->is(TypeKind::None)) e.args[1] = int_const(0);
        else if (!is_intlike(ts[1])) return fail("numpy." + n + "(): k= takes an int");
        return ts[0];
    }
    if (rule == Rule::Isclose) {  // np.isclose(a, b, rtol, atol, equal_nan), np.allclose: in float64
        if (!norm({{"a", false}, {"b", false}, {"rtol", true}, {"atol", true}, {"equal_nan", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        for (size_t k = 0; k < 2; ++k) {
            if (!array_or_number(ts[k])) return fail("numpy." + n + "() of " + quoted(ts[k]) + " is not supported");
            DType d = item_dtype(ts[k]);
            if (is_complex_dtype(d)) return fail("numpy." + n + "() of complex numbers is not supported");
            if (is_np(ts[k]) && is_float_dtype(d) && d != DType::Float64)  // NumPy computes in that type
                return fail("pyrite's numpy." + n + "() compares in float64: convert " + quoted(ts[k]) + " first");
        }
        for (size_t k = 2; k < 4; ++k) {
            if (ts[k]->is(TypeKind::None)) {
                auto c = std::make_unique<Expr>(ExprKind::FloatConst, e.loc);
                c->fval = k == 2 ? 1e-05 : 1e-08;
                c->type = Type::float_();
                e.args[k] = std::move(c);
            } else if (!ts[k]->is(TypeKind::Float) && !ts[k]->is(TypeKind::Int)) {
                return fail("pyrite's numpy." + n + "(): rtol= and atol= take a float");
            }
        }
        if (ts[4]->is(TypeKind::None)) {
            auto c = std::make_unique<Expr>(ExprKind::BoolConst, e.loc);
            c->ival = 0;
            c->type = Type::bool_();
            e.args[4] = std::move(c);
        } else if (!ts[4]->is(TypeKind::Bool)) {
            return fail("numpy." + n + "(): equal_nan= takes a bool");
        }
        if (op == Op::NpAllclose) return Type::bool_();
        if (!is_array(ts[0]) && !is_array(ts[1])) return fail("pyrite's numpy.isclose() takes an array (of two numbers: math.isclose)");
        return Type::array(Type::scalar(DType::Bool), std::max(ndim_of(ts[0]), ndim_of(ts[1])));
    }
    if (rule == Rule::View) {  // np.flip(m, axis=None), np.transpose(a), np.expand_dims(a, axis): views
        bool flip = op == Op::NpFlip, expand = op == Op::NpExpandDims;
        if (!(flip ? norm({{"m", false}, {"axis", true}}) : expand ? norm({{"a", false}, {"axis", false}})
                                                           : norm({{"a", false}, {"axes", true}})))
            return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy." + n + "() takes an array, not " + quoted(ts[0]));
        const int nd = ts[0]->ndim;
        auto none = [&]() {
            auto c = std::make_unique<Expr>(ExprKind::NoneConst, e.loc);
            c->type = Type::none();
            return c;
        };
        ir::ExprP a = std::move(e.args[0]);
        e.operation = Op::None;
        e.kwnames.clear();
        e.type = nullptr;
        if (op == Op::NpTranspose) {  // a.T: the axes reversed
            if (!ts[1]->is(TypeKind::None)) return fail("pyrite's numpy.transpose() takes no axes= (the axes reversed: a.T)");
            e.kind = ExprKind::Intrinsic;
            e.operation = Op::AttrT;
            e.args.clear();
            e.args.push_back(std::move(a));
            return type_expr(e);
        }
        int axis;  // flip: the axis reversed (-100: every one); expand_dims: where the new one goes
        if (!axis_arg(*e.args[1], expand ? nd + 1 : nd, &axis, &err)) return fail(err);
        if (expand && axis < 0) return fail("numpy.expand_dims() takes an axis, not None");
        auto parts = std::make_unique<Expr>(ExprKind::IndexParts, e.loc);
        for (int k = 0; k < nd + (expand ? 1 : 0); ++k) {
            if (expand && k == axis) {
                parts->args.push_back(none());
                continue;
            }
            auto part = std::make_unique<Expr>(ExprKind::SlicePart, e.loc);
            part->args.push_back(none());
            part->args.push_back(none());
            if (flip && (axis < 0 || axis == k)) part->args.push_back(int_const(-1));
            else part->args.push_back(none());
            parts->args.push_back(std::move(part));
        }
        e.kind = ExprKind::Subscript;
        e.args.clear();
        e.args.push_back(std::move(a));
        e.args.push_back(std::move(parts));
        return type_expr(e);
    }
    if (rule == Rule::Interp) {  // np.interp(x, xp, fp, left=None, right=None): piecewise linear, in float64
        if (!norm({{"x", false}, {"xp", false}, {"fp", false}, {"left", true}, {"right", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!array_or_number(ts[0]) || is_complex_dtype(item_dtype(ts[0])))
            return fail("numpy.interp() of " + quoted(ts[0]) + " is not supported");
        for (size_t k = 1; k < 3; ++k)
            if (!is_array(ts[k]) || ts[k]->ndim != 1 || is_complex_dtype(item_dtype(ts[k])))
                return fail("pyrite's numpy.interp() takes xp and fp as 1-dimensional arrays of real numbers, not " + quoted(ts[k]));
        for (size_t k = 3; k < 5; ++k)
            if (!ts[k]->is(TypeKind::None) && !ts[k]->is(TypeKind::Float) && !ts[k]->is(TypeKind::Int))
                return fail("pyrite's numpy.interp(): left= and right= take a float");
        return shaped(DType::Float64, ndim_of(ts[0]));
    }
    auto constant = [&](ExprKind kind, long long v) { return numpy_constant(kind, v, e.loc); };
    // a Python number's or an array's dtype where NumPy makes an array of it (asarray: strong)
    auto strong_dtype = [&](const Type* t, DType* d) {
        if (is_array(t)) return *d = item_dtype(t), true;
        if (t->is(TypeKind::Scalar)) return *d = t->dtype, true;
        return python_number_dtype(t, d);
    };
    if (rule == Rule::Polyval) {  // np.polyval(p, x): Horner's loop from zeros_like(x)
        if (!norm({{"p", false}, {"x", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        DType dp, dx, d;
        bool list = ts[0]->is(TypeKind::List) && python_number_dtype(ts[0]->elem(), &dp);
        if (!list && !(is_array(ts[0]) && ts[0]->ndim == 1 && strong_dtype(ts[0], &dp)))
            return fail("pyrite's numpy.polyval() takes p as a 1-dimensional array or a list of numbers, not " + quoted(ts[0]));
        if (!strong_dtype(ts[1], &dx)) return fail("numpy.polyval() of " + quoted(ts[1]) + " is not supported");
        if (!promote(dx, dp, &d)) return fail("numpy.polyval(): no common dtype pyrite has");
        return shaped(d, ndim_of(ts[1]));
    }
    if (rule == Rule::Logspace) {  // np.logspace(start, stop, num=50, endpoint=True, base=10.0)
        if (!norm({{"start", false}, {"stop", false}, {"num", true}, {"endpoint", true}, {"base", true}})) return Unknown;
        if (e.args[2]->kind == ExprKind::NoneConst) e.args[2] = constant(ExprKind::IntConst, 50);
        if (e.args[3]->kind == ExprKind::NoneConst) e.args[3] = constant(ExprKind::BoolConst, 1);
        if (e.args[4]->kind == ExprKind::NoneConst) e.args[4] = constant(ExprKind::IntConst, 10);
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        auto real = [&](const Type* t) { return t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool); };
        if (!real(ts[0]) || !real(ts[1]) || !real(ts[4]))
            return fail("pyrite's numpy.logspace() takes start, stop and base= as numbers");
        if (!is_intlike(ts[2])) return fail("numpy.logspace(): num= takes an int");
        if (!ts[3]->is(TypeKind::Bool)) return fail("numpy.logspace(): endpoint= takes a bool");
        return Type::array(Type::scalar(DType::Float64), 1);
    }
    if (rule == Rule::Argwhere) {  // np.argwhere(a): the indices of the nonzero items, one row each
        if (!norm({{"a", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.argwhere() takes an array, not " + quoted(ts[0]));
        return Type::array(Type::scalar(DType::Int64), 2);
    }
    if (rule == Rule::Isin) {  // np.isin(element, test_elements, assume_unique=False, invert=False)
        if (!norm({{"element", false}, {"test_elements", false}, {"assume_unique", true}, {"invert", true}})) return Unknown;
        if (e.args[2]->kind == ExprKind::NoneConst) e.args[2] = constant(ExprKind::BoolConst, 0);
        if (e.args[3]->kind == ExprKind::NoneConst) e.args[3] = constant(ExprKind::BoolConst, 0);
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        DType d;
        if (!is_array(ts[0]) || is_complex_dtype(item_dtype(ts[0])))
            return fail("pyrite's numpy.isin() takes element as an array of real numbers, not " + quoted(ts[0]));
        bool list = ts[1]->is(TypeKind::List) && python_number_dtype(ts[1]->elem(), &d) && !is_complex_dtype(d);
        if (!list && !(is_array(ts[1]) && !is_complex_dtype(item_dtype(ts[1]))))
            return fail("pyrite's numpy.isin() takes test_elements as an array or a list of real numbers, not " + quoted(ts[1]));
        // assume_unique=True lets NumPy give other answers for items that repeat
        if (!(e.args[2]->kind == ExprKind::BoolConst && e.args[2]->ival == 0))
            return fail("pyrite's numpy.isin() takes no assume_unique= (NumPy's answer with it depends on its algorithm)");
        if (!ts[3]->is(TypeKind::Bool)) return fail("numpy.isin(): invert= takes a bool");
        return Type::array(Type::scalar(DType::Bool), ts[0]->ndim);
    }
    if (rule == Rule::Meshgrid) {  // np.meshgrid(x, y[, z], indexing='xy'): copies, C-ordered
        // normalized: the arrays, then whether indexing is 'xy' (a bool constant)
        size_t given = e.args.size() - e.kwnames.size();
        if (!e.kwnames.empty()) {
            if (e.kwnames.size() != 1 || e.kwnames[0] != "indexing")
                return fail("pyrite's numpy.meshgrid() takes only indexing= (copies, not sparse grids)");
            const Expr& ix = *e.args.back();
            if (ix.kind != ExprKind::StrConst || (ix.name != "xy" && ix.name != "ij"))
                return fail("numpy.meshgrid(): indexing= takes 'xy' or 'ij' (a constant)");
            bool xy = ix.name == "xy";
            e.args.back() = constant(ExprKind::BoolConst, xy);
            e.kwnames.clear();
        } else if (e.args.empty() || e.args.back()->kind != ExprKind::BoolConst) {
            e.args.push_back(constant(ExprKind::BoolConst, 1));
            given = e.args.size() - 1;
        } else {
            given = e.args.size() - 1;
        }
        if (given != 2 && given != 3) return fail("pyrite's numpy.meshgrid() takes two or three arrays");
        std::vector<const Type*> grids;
        for (size_t k = 0; k < given; ++k) {
            const Type* t = type_expr(*e.args[k]);
            if (!known(t)) return Unknown;
            if (!is_array(t)) return fail("pyrite's numpy.meshgrid() takes arrays, not " + quoted(t));
            grids.push_back(Type::array(t->elem(), static_cast<int>(given)));
        }
        return Type::tuple(grids);
    }
    if (rule == Rule::Diag) {  // np.diag(v, k=0): a square array with v on a diagonal, or a matrix's diagonal
        if (!norm({{"v", false}, {"k", true}})) return Unknown;
        if (e.args[1]->kind == ExprKind::NoneConst) e.args[1] = constant(ExprKind::IntConst, 0);
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0]) || ts[0]->ndim > 2)
            return fail("pyrite's numpy.diag() takes a 1- or 2-dimensional array, not " + quoted(ts[0]));
        if (!is_intlike(ts[1])) return fail("numpy.diag(): k takes an int");
        // a vector's: a new square array; a matrix's: its diagonal, a read-only view (numpy_functions.hpp)
        return Type::array(ts[0]->elem(), 3 - ts[0]->ndim);
    }
    if (rule == Rule::ByNumPy) return by_numpy(e);
    if (rule == Rule::Small) return numpy_small(e);
    if (rule == Rule::NanReduce) {  // np.nansum(a) and its kind: of every item, NaNs left out
        if (!norm({{"a", false}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy." + n + "() takes an array, not " + quoted(ts[0]));
        if (!ts[1]->is(TypeKind::None)) return fail("pyrite's numpy." + n + "() takes axis=None only (of every item)");
        DType d = item_dtype(ts[0]);
        if (is_complex_dtype(d)) return fail("numpy." + n + "() of complex arrays is not supported");
        if (op == Op::NpNansum) return Type::scalar(sum_dtype(d));
        if (op == Op::NpNanmean) return Type::scalar(is_float_dtype(d) ? d : DType::Float64);
        return Type::scalar(d);
    }
    if (rule == Rule::Outer) {  // np.outer(a, b): both flattened, a[i] * b[j]
        if (!norm({{"a", false}, {"b", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_array(t)) return fail("pyrite's numpy.outer() takes arrays, not " + quoted(t));
        }
        DType d;
        if (!result_dtype(ts, &d)) return fail("numpy.outer(): no common dtype pyrite has");
        return Type::array(Type::scalar(d), 2);
    }
    if (rule == Rule::Einsum) {  // np.einsum(subscripts, a[, b]): the subscripts checked now, made explicit
        if (!e.kwnames.empty()) return fail("pyrite's numpy.einsum() takes no keyword arguments");
        if (e.args.size() < 2 || e.args.size() > 3)
            return fail("pyrite's numpy.einsum() takes a subscripts string and one or two arrays");
        if (e.args[0]->kind != ExprKind::StrConst) return fail("numpy.einsum()'s subscripts must be a string constant here");
        std::vector<const Type*> ts = types();
        for (size_t i = 1; i < ts.size(); ++i) {
            if (!known(ts[i])) return Unknown;
            if (!is_array(ts[i])) return fail("pyrite's numpy.einsum() takes arrays, not " + quoted(ts[i]));
        }
        std::string spec;
        for (char c : e.args[0]->name)
            if (c != ' ') spec += c;
        if (spec.find('.') != std::string::npos) return fail("pyrite's numpy.einsum() does not take '...' (broadcast dimensions) yet");
        size_t arrow = spec.find("->");
        std::string ins = spec.substr(0, arrow), out;
        std::vector<std::string> subs;
        for (size_t start = 0;;) {
            size_t comma = ins.find(',', start);
            subs.push_back(ins.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        size_t nops = ts.size() - 1;
        // NumPy's messages, as it words them (the other way round)
        if (subs.size() > nops) return fail("more operands provided to einstein sum function than specified in the subscripts string");
        if (subs.size() < nops) return fail("fewer operands provided to einstein sum function than specified in the subscripts string");
        std::map<char, int> count;
        for (size_t k = 0; k < nops; ++k) {
            for (char c : subs[k]) {
                if (!std::isalpha(static_cast<unsigned char>(c)))
                    return fail(std::string("invalid subscript '") + c + "' in einstein sum subscripts string, subscripts must be letters");
                ++count[c];
            }
            int nd = ts[k + 1]->ndim;
            if (static_cast<int>(subs[k].size()) > nd)
                return fail("einstein sum subscripts string contains too many subscripts for operand " + std::to_string(k));
            if (static_cast<int>(subs[k].size()) < nd)
                return fail("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis "
                            "provided to broadcast the extra dimensions.");
        }
        if (arrow == std::string::npos) {  // implicit: the labels seen once, in alphabetical order
            for (auto& [c, k] : count)
                if (k == 1) out += c;
        } else {
            out = spec.substr(arrow + 2);
            for (size_t i = 0; i < out.size(); ++i) {
                if (!count.count(out[i]))
                    return fail(std::string("einstein sum subscripts string included output subscript '") + out[i] +
                                "' which never appeared in an input");
                if (out.find(out[i], i + 1) != std::string::npos)
                    return fail(std::string("einstein sum subscripts string includes output subscript '") + out[i] +
                                "' multiple times");
            }
        }
        e.args[0]->name = ins + "->" + out;  // explicit, for the runtime
        DType d;
        if (!result_dtype({ts.begin() + 1, ts.end()}, &d)) return fail("numpy.einsum(): no common dtype pyrite has");
        return shaped(d, static_cast<int>(out.size()));
    }
    if (rule == Rule::Tile) {  // np.tile(A, reps)
        if (!norm({{"A", false}, {"reps", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.tile() takes an array, not " + quoted(ts[0]));
        int k = shape_dims(ts[1]);
        if (!k) return fail("numpy.tile(): reps takes an int or a tuple of ints, not " + quoted(ts[1]));
        return Type::array(ts[0]->elem(), std::max(k, ts[0]->ndim));
    }
    if (rule == Rule::Repeat) {  // np.repeat(a, repeats, axis=None)
        if (!norm({{"a", false}, {"repeats", false}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.repeat() takes an array, not " + quoted(ts[0]));
        if (!is_intlike(ts[1])) return fail("pyrite's numpy.repeat() takes repeats as an int, not " + quoted(ts[1]));
        int axis;
        if (!axis_at(2, ts[0]->ndim, true, &axis)) return Unknown;
        return Type::array(ts[0]->elem(), axis < 0 ? 1 : ts[0]->ndim);
    }
    if (rule == Rule::Join) {  // np.concatenate(arrays, axis=0), np.stack, np.vstack, np.hstack, np.column_stack
        bool concat = op == Op::NpConcatenate, stack = op == Op::NpStack, columns = op == Op::NpColumnStack;
        bool had_axis = e.args.size() - e.kwnames.size() > 1 ||
                        std::find(e.kwnames.begin(), e.kwnames.end(), "axis") != e.kwnames.end();
        if (!((concat || stack) ? norm({{"arrays", false}, {"axis", true}}) : norm({{"tup", false}}))) return Unknown;
        // a list display here is never seen as a list: typed as the tuple display NumPy takes it as,
        // its arrays may differ (np.vstack([m, m.mean(axis=0)])), as np.array's items may
        if (e.args[0]->kind == ExprKind::List && !e.args[0]->type) e.args[0]->kind = ExprKind::Tuple;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        std::vector<const Type*> parts;
        if (ts[0]->is(TypeKind::Tuple)) parts = ts[0]->elems;
        else if (ts[0]->is(TypeKind::List) || ts[0]->is(TypeKind::TupleOf)) parts = {ts[0]->elem()};
        if (parts.empty()) return fail("numpy." + n + "() takes a tuple or a list of arrays, not " + quoted(ts[0]));
        DType d = DType::Bool;
        int nd = -1;
        for (const Type* p : parts) {
            if (!known(p)) return Unknown;
            if (!is_array(p)) return fail("numpy." + n + "() joins arrays, not " + quoted(p));
            // column_stack: a 1-d array is a column; vstack: a row (NumPy's atleast_2d)
            int pd = columns || op == Op::NpVstack ? std::max(p->ndim, 2) : p->ndim;
            if (nd >= 0 && pd != nd)
                return fail("numpy." + n + "(): all the input arrays must have same number of dimensions (NumPy raises ValueError)");
            if (nd < 0) d = item_dtype(p);
            else if (!promote(d, item_dtype(p), &d)) return fail("numpy." + n + "(): no common dtype pyrite has");
            nd = pd;
        }
        if (columns) return Type::array(Type::scalar(d), nd);
        if (op == Op::NpVstack) return Type::array(Type::scalar(d), std::max(nd, 2));
        if (op == Op::NpHstack) return Type::array(Type::scalar(d), nd);
        int out_nd = stack ? nd + 1 : nd, axis;
        if (!had_axis && e.args[1]->kind == ExprKind::NoneConst) e.args[1] = int_const(0);
        if (stack && e.args[1]->kind == ExprKind::NoneConst) return fail("numpy.stack(): axis= takes an int");
        if (!axis_at(1, out_nd, true, &axis)) return Unknown;
        return Type::array(Type::scalar(d), axis < 0 ? 1 : out_nd);
    }
    if (rule == Rule::Search) {  // np.searchsorted(a, v, side='left')
        if (!norm({{"a", false}, {"v", false}, {"side", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0]) || ts[0]->ndim != 1) return fail("numpy.searchsorted() searches a 1-d array, not " + quoted(ts[0]));
        if (!array_or_number(ts[1])) return fail("numpy.searchsorted() looks up numbers, not " + quoted(ts[1]));
        Expr& side = *e.args[2];
        if (side.kind == ExprKind::StrConst) {
            if (side.name != "left" && side.name != "right")
                return fail("side must be 'left' or 'right' (got '" + side.name + "')");
            bool right = side.name == "right";
            side.kind = ExprKind::BoolConst;
            side.ival = right;
            side.name.clear();
            side.type = Type::bool_();
        } else if (side.kind == ExprKind::NoneConst) {
            side.kind = ExprKind::BoolConst;
            side.ival = 0;
            side.type = Type::bool_();
        } else if (side.kind != ExprKind::BoolConst) {
            return fail("numpy.searchsorted(): side= takes the constant 'left' or 'right'");
        }
        DType d;
        if (!result_dtype({ts[0], ts[1]}, &d) || is_complex_dtype(d)) return fail("numpy.searchsorted(): no common dtype pyrite has");
        return shaped(DType::Int64, ndim_of(ts[1]));
    }
    if (rule == Rule::Unique) {  // np.unique(ar, return_counts=False): the sorted distinct items, one NaN
        if (!norm({{"ar", false}, {"return_index", true}, {"return_inverse", true}, {"return_counts", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.unique() takes an array, not " + quoted(ts[0]));
        if (is_complex_dtype(item_dtype(ts[0]))) return fail("numpy.unique() of complex arrays is not supported yet");
        for (size_t k : {1, 2})
            if (!(e.args[k]->kind == ExprKind::NoneConst || (e.args[k]->kind == ExprKind::BoolConst && !e.args[k]->ival)))
                return fail(std::string("numpy.unique(): ") + (k == 1 ? "return_index" : "return_inverse") +
                            "= is not supported yet (return_counts= is)");
        const Expr& counts = *e.args[3];
        bool counted = counts.kind == ExprKind::BoolConst && counts.ival;
        if (!(counts.kind == ExprKind::NoneConst || counts.kind == ExprKind::BoolConst))
            return fail("pyrite's numpy.unique() takes return_counts= as True or False (a constant: it decides what it returns)");
        const Type* values = Type::array(ts[0]->elem(), 1);
        return counted ? Type::tuple({values, Type::array(Type::scalar(DType::Int64), 1)}) : values;
    }
    if (rule == Rule::Cross) {  // np.cross(a, b) of 3-vectors (1-d, or rows of 2-d arrays)
        if (!norm({{"a", false}, {"b", false}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts) {
            if (!known(t)) return Unknown;
            if (!is_array(t) || t->ndim > 2) return fail("pyrite's numpy.cross() takes 1-d and 2-d arrays, not " + quoted(t));
        }
        DType d;
        if (!result_dtype(ts, &d) || d == DType::Bool) return fail("numpy.cross(): no common dtype pyrite has");
        return Type::array(Type::scalar(d), std::max(ts[0]->ndim, ts[1]->ndim));
    }
    if (rule == Rule::Norm) {  // np.linalg.norm(x, ord=None, axis=None): the 2-norm (Frobenius of a matrix)
        if (!norm({{"x", false}, {"ord", true}, {"axis", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        if (!known(ts[0])) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.linalg.norm() takes an array, not " + quoted(ts[0]));
        const Expr& ord = *e.args[1];
        bool two = ord.kind == ExprKind::IntConst && ord.ival == 2 && (ts[0]->ndim == 1 || e.args[2]->kind != ExprKind::NoneConst);
        if (ord.kind != ExprKind::NoneConst && !two &&
            !(ord.kind == ExprKind::StrConst && ord.name == "fro" && ts[0]->ndim == 2))
            return fail("pyrite's numpy.linalg.norm() computes the 2-norm and the Frobenius norm (ord=None)");
        e.args[1] = std::make_unique<Expr>(ExprKind::NoneConst, e.loc);
        e.args[1]->type = Type::none();
        int axis;
        if (!axis_at(2, ts[0]->ndim, true, &axis)) return Unknown;
        DType d = item_dtype(ts[0]);
        if (is_complex_dtype(d)) return fail("numpy.linalg.norm() of complex arrays is not supported yet");
        if (!is_float_dtype(d)) d = DType::Float64;
        if (axis < 0) return Type::scalar(d);
        return shaped(d, ts[0]->ndim - 1);
    }
    if (rule == Rule::Random) {  // numpy.random's functions and a Generator's methods (nprandom.hpp calls NumPy's own)
        // a Generator's method has its receiver first: `self`, then NumPy's parameters
        const bool method = n.rfind("Generator.", 0) == 0;
        const size_t at = method ? 1 : 0;
        const std::string name = (method ? "Generator." : "numpy.random.") + n.substr(n.find('.') + 1);  // for messages
        auto params = [&](std::vector<Param> ps) {
            if (method) ps.insert(ps.begin(), Param{"self", false});
            return norm(ps);
        };
        auto number_const = [&](double v) {
            auto c = std::make_unique<Expr>(ExprKind::FloatConst, e.loc);
            c->fval = v;
            c->type = Type::float_();
            return c;
        };
        // size=: None (a number), an int (1-d) or a tuple of ints: the result's dimensions
        int nd = 0;
        auto sized = [&](const Type* t, DType d, const Type* number) {
            if (!t->is(TypeKind::None) && !(nd = shape_dims(t))) return fail("size= takes an int or a tuple of ints, not " + quoted(t));
            return nd ? Type::array(Type::scalar(d), nd) : number;
        };
        if (op == Op::NpRandomSeed || op == Op::NpDefaultRng) {
            if (!params({{"seed", true}})) return Unknown;
            const Type* t = type_expr(*e.args[0]);
            if (!known(t)) return Unknown;
            if (!t->is(TypeKind::None) && !is_intlike(t)) return fail("pyrite's " + name + "() takes an int or None");
            return op == Op::NpDefaultRng ? Type::generator() : Type::none();
        }
        if (op == Op::NpRandomRand || op == Op::NpRandomRandn) {  // rand(d0, d1, ...)
            if (!e.kwnames.empty()) return fail(name + "() takes the dimensions as positional ints");
            for (const Type* t : types()) {
                if (!known(t)) return Unknown;
                if (!is_intlike(t)) return fail(name + "() takes ints, not " + quoted(t));
            }
            if (e.args.size() > 8) return fail("pyrite's arrays have at most 8 dimensions");
            return e.args.empty() ? Type::float_() : Type::array(Type::scalar(DType::Float64), static_cast<int>(e.args.size()));
        }
        if (op == Op::NpRandomRandom || op == Op::GenRandom || op == Op::GenStandardNormal) {  // random(size=None)
            if (!params({{"size", true}})) return Unknown;
            const Type* t = type_expr(*e.args[at]);
            return known(t) ? sized(t, DType::Float64, Type::float_()) : Unknown;
        }
        if (op == Op::NpRandomUniform || op == Op::NpRandomNormal || op == Op::GenUniform || op == Op::GenNormal) {
            bool u = op == Op::NpRandomUniform || op == Op::GenUniform;
            if (!(u ? params({{"low", true}, {"high", true}, {"size", true}}) : params({{"loc", true}, {"scale", true}, {"size", true}})))
                return Unknown;
            if (e.args[at]->kind == ExprKind::NoneConst) e.args[at] = number_const(0.0);
            if (e.args[at + 1]->kind == ExprKind::NoneConst) e.args[at + 1] = number_const(1.0);
            std::vector<const Type*> ts = types();
            for (const Type* t : ts)
                if (!known(t)) return Unknown;
            for (size_t k = at; k < at + 2; ++k)
                if (!ts[k]->is(TypeKind::Int) && !ts[k]->is(TypeKind::Float) && !ts[k]->is(TypeKind::Bool))
                    return fail("pyrite's " + name + "() takes Python numbers here, not " + quoted(ts[k]));
            return sized(ts[at + 2], DType::Float64, Type::float_());
        }
        // randint(low, high=None, size=None), rng.integers(low, high=None, size=None, endpoint=False)
        if (!(method ? params({{"low", false}, {"high", true}, {"size", true}, {"endpoint", true}})
                     : params({{"low", false}, {"high", true}, {"size", true}})))
            return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_intlike(ts[at]) || !(ts[at + 1]->is(TypeKind::None) || is_intlike(ts[at + 1])))
            return fail("pyrite's " + name + "() takes ints");
        if (method && e.args[4]->kind == ExprKind::NoneConst) {
            e.args[4]->kind = ExprKind::BoolConst;
            e.args[4]->ival = 0;
            e.args[4]->type = Type::bool_();
        } else if (method && !ts[4]->is(TypeKind::Bool)) {
            return fail(name + "(): endpoint= takes a bool");
        }
        // a number: randint's a Python int, integers' a numpy.int64, as NumPy's
        return sized(ts[at + 2], DType::Int64, method ? Type::scalar(DType::Int64) : Type::int_());
    }
    if (rule == Rule::Average) {  // np.average(a, axis=None, weights=None)
        if (!norm({{"a", false}, {"axis", true}, {"weights", true}})) return Unknown;
        std::vector<const Type*> ts = types();
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        if (!is_array(ts[0])) return fail("pyrite's numpy.average() takes an array, not " + quoted(ts[0]));
        int axis;
        if (!axis_at(1, ts[0]->ndim, true, &axis)) return Unknown;
        DType d = item_dtype(ts[0]);
        if (!ts[2]->is(TypeKind::None)) {
            if (!is_array(ts[2]) || ts[2]->ndim != ts[0]->ndim)
                return fail("pyrite's numpy.average() takes weights of the array's shape, not " + quoted(ts[2]));
            if (!promote(d, item_dtype(ts[2]), &d)) return fail("numpy.average(): no common dtype pyrite has");
        }
        if (is_complex_dtype(d)) return fail("numpy.average() of complex arrays is not supported yet");
        if (!is_float_dtype(d)) d = DType::Float64;
        return shaped(d, axis < 0 ? 0 : ts[0]->ndim - 1);
    }
    return fail("'numpy." + n + "' is not supported by pyrite yet");
}

ir::ExprP numpy_constant(ExprKind kind, long long v, const Loc& loc, const std::string& text) {
    auto c = std::make_unique<Expr>(kind, loc);
    c->ival = v;
    c->fval = static_cast<double>(v);
    c->name = text;
    c->type = kind == ExprKind::BoolConst ? Type::bool_() : kind == ExprKind::IntConst ? Type::int_()
              : kind == ExprKind::FloatConst ? Type::float_() : Type::str_();
    return c;
}

}  // namespace pyrite::typeinfer::detail
