// typeinfer: what NumPy computes itself (ops.def's ByNumPy rule): np.linalg.solve, inv, det, pinv, lstsq,
// matrix_rank, matrix_power, cholesky, eigvalsh, cond; np.cov, corrcoef, convolve, correlate,
// histogram, percentile, quantile, polyfit, trapezoid, gradient, append, delete, insert. Compiled code
// calls NumPy's own function (runtime/include/pyrite/npcall.hpp's by_numpy); typing gives its result type.
#include "numpy_args.hpp"

namespace pyrite::typeinfer::detail {

// The result type NumPy gives for these arguments' types; what would give another (a 0-d array,
// a dtype decided by a value) is refused
const Type* Solver::by_numpy(Expr& e) {
    const Op op = e.operation;
    const std::string n = "numpy." + std::string(ops::info(op).py) + "()";  // for messages
    auto fail = [&](const std::string& msg) { return error(e.loc, msg), Unknown; };
    std::vector<const Type*> ts;
    auto typed = [&](const std::vector<Param>& ps) { return typed_numpy_args(e, ps, &ts); };
    auto real_array = [&](const Type* t, int lo, int hi) {
        return is_array(t) && t->ndim >= lo && t->ndim <= hi && !is_complex_dtype(item_dtype(t));
    };
    auto none = [&](size_t k) { return ts[k]->is(TypeKind::None); };
    // an omitted argument whose default is not None: NumPy's default, passed as a constant
    auto defaults_to = [&](size_t k, ExprKind kind, long long v, const char* text = "") {
        if (!none(k) || e.args[k]->kind != ExprKind::NoneConst) return;
        auto c = numpy_constant(kind, v, e.loc, text);
        ts[k] = c->type;
        e.args[k] = std::move(c);
    };
    auto py_number = [&](const Type* t) { return t->is(TypeKind::Int) || t->is(TypeKind::Float); };
    // linalg's _commonType: complex if any is, single precision if all are, else double (ints too)
    auto linalg_dtype = [&](std::initializer_list<const Type*> arrays) {
        bool single = true, complex = false;
        for (const Type* t : arrays) {
            DType d = item_dtype(t);
            complex = complex || is_complex_dtype(d);
            single = single && (d == DType::Float32 || d == DType::Complex64);
        }
        return complex ? (single ? DType::Complex64 : DType::Complex128) : single ? DType::Float32 : DType::Float64;
    };
    auto matrix = [&](size_t k) {
        if (!is_array(ts[k]) || ts[k]->ndim != 2)
            return fail("pyrite's " + n + " takes a 2-dimensional array, not " + quoted(ts[k])), false;
        return true;
    };
    switch (op) {
        case Op::NpSolve:
            if (!typed({{"a", false}, {"b", false}}) || !matrix(0)) return Unknown;
            if (!is_array(ts[1]) || ts[1]->ndim > 2)
                return fail("pyrite's numpy.linalg.solve() takes b as a 1- or 2-dimensional array, not " + quoted(ts[1]));
            return Type::array(Type::scalar(linalg_dtype({ts[0], ts[1]})), ts[1]->ndim);
        case Op::NpInv:
        case Op::NpPinv:
            if (!typed({{"a", false}}) || !matrix(0)) return Unknown;
            return Type::array(Type::scalar(linalg_dtype({ts[0]})), 2);
        case Op::NpDet:
            if (!typed({{"a", false}}) || !matrix(0)) return Unknown;
            return Type::scalar(linalg_dtype({ts[0]}));
        case Op::NpCholesky:
            if (!typed({{"a", false}}) || !matrix(0)) return Unknown;
            return Type::array(Type::scalar(linalg_dtype({ts[0]})), 2);
        case Op::NpEigvalsh:  // real eigenvalues, of a complex Hermitian matrix too
        case Op::NpCond: {
            if (!typed({{"a", false}}) || !matrix(0)) return Unknown;
            DType d = linalg_dtype({ts[0]});
            DType real = d == DType::Complex128 ? DType::Float64 : d == DType::Complex64 ? DType::Float32 : d;
            return op == Op::NpCond ? Type::scalar(real) : Type::array(Type::scalar(real), 1);
        }
        case Op::NpLstsq: {  // (x, residuals, rank, singular values), a plain tuple in NumPy too
            if (!typed({{"a", false}, {"b", false}, {"rcond", true}}) || !matrix(0)) return Unknown;
            if (!is_array(ts[1]) || ts[1]->ndim > 2)
                return fail("pyrite's numpy.linalg.lstsq() takes b as a 1- or 2-dimensional array, not " + quoted(ts[1]));
            if (!none(2) && !py_number(ts[2]))
                return fail("numpy.linalg.lstsq(): rcond= takes a float or None, not " + quoted(ts[2]));
            DType d = linalg_dtype({ts[0], ts[1]});
            const Type* real = Type::scalar(d == DType::Complex128 ? DType::Float64 : d == DType::Complex64 ? DType::Float32 : d);
            return Type::tuple({Type::array(Type::scalar(d), ts[1]->ndim), Type::array(real, 1), Type::scalar(DType::Int32),
                                Type::array(real, 1)});
        }
        case Op::NpEigh:  // (eigenvalues: real, ascending; eigenvectors: columns)
        case Op::NpSvd:  // (U, S, Vh), or S alone (compute_uv=False)
        case Op::NpQr:  // (Q, R), or R alone (mode='r')
        case Op::NpSlogdet: {  // (sign, logabsdet)
            std::vector<Param> ps = {{"a", false}};
            if (op == Op::NpEigh) ps.push_back({"UPLO", true});
            if (op == Op::NpSvd) ps.insert(ps.end(), {{"full_matrices", true}, {"compute_uv", true}, {"hermitian", true}});
            if (op == Op::NpQr) ps.push_back({"mode", true});
            if (!typed(ps) || !matrix(0)) return Unknown;
            for (size_t k = 1; k < ps.size(); ++k) {  // each a constant: they decide the result's type
                const Expr& a = *e.args[k];
                bool str = a.kind == ExprKind::StrConst, flag = a.kind == ExprKind::BoolConst;
                if (!none(k) && !(op == Op::NpSvd ? flag : str))
                    return fail(n + ": " + ps[k].name + "= takes a constant " + (op == Op::NpSvd ? "True or False" : "str"));
                if (op == Op::NpEigh && str && a.name != "L" && a.name != "U")
                    return fail("UPLO argument must be 'L' or 'U'");
                if (op == Op::NpQr && str && a.name != "reduced" && a.name != "complete" && a.name != "r")
                    return fail(n + ": mode= takes 'reduced', 'complete' or 'r'");
            }
            DType d = linalg_dtype({ts[0]});
            const Type* real = Type::scalar(d == DType::Complex128 ? DType::Float64 : d == DType::Complex64 ? DType::Float32 : d);
            const Type* m = Type::array(Type::scalar(d), 2);
            // NumPy's result is a named tuple (EighResult, SVDResult, QRResult, SlogdetResult), which no
            // plain tuple stands for in Python: compiled code takes it unpacked only
            auto named = [&](std::vector<const Type*> items, const char* fields) {
                if (!e.unpacked)
                    return fail(n + " gives a named tuple, which compiled code takes unpacked only (" + fields + " = np." +
                                ops::info(op).py + "(a))");
                return Type::tuple(std::move(items));
            };
            if (op == Op::NpEigh) {
                defaults_to(1, ExprKind::StrConst, 0, "L");
                return named({Type::array(real, 1), m}, "eigenvalues, eigenvectors");
            }
            if (op == Op::NpSlogdet) return named({Type::scalar(d), real}, "sign, logabsdet");
            if (op == Op::NpSvd) {
                defaults_to(1, ExprKind::BoolConst, 1);  // full_matrices=True
                defaults_to(2, ExprKind::BoolConst, 1);  // compute_uv=True
                defaults_to(3, ExprKind::BoolConst, 0);  // hermitian=False
                if (!e.args[2]->ival) return Type::array(real, 1);
                return named({m, Type::array(real, 1), m}, "U, S, Vh");
            }
            defaults_to(1, ExprKind::StrConst, 0, "reduced");
            return e.args[1]->name == "r" ? m : named({m, m}, "Q, R");
        }
        case Op::NpMatrixRank:
            if (!typed({{"A", false}})) return Unknown;
            if (!is_array(ts[0]) || ts[0]->ndim > 2) return fail("pyrite's " + n + " takes a 1- or 2-dimensional array, not " + quoted(ts[0]));
            return Type::scalar(DType::Int64);
        case Op::NpMatrixPower: {
            if (!typed({{"a", false}, {"n", false}}) || !matrix(0)) return Unknown;
            if (!is_intlike(ts[1])) return fail("numpy.linalg.matrix_power(): n takes an int, not " + quoted(ts[1]));
            DType d = item_dtype(ts[0]);
            // a negative power inverts: an int matrix's then is a float one
            if (!is_float_dtype(d) && !is_complex_dtype(d) && !(e.args[1]->kind == ExprKind::IntConst && e.args[1]->ival >= 0))
                return fail("pyrite's numpy.linalg.matrix_power() of a " + std::string(dtype_name(d)) +
                            " matrix takes a power that is a constant >= 0 (a negative one makes a float matrix)");
            return Type::array(Type::scalar(d), 2);
        }
        case Op::NpCov:
        case Op::NpCorrcoef: {
            bool cov = op == Op::NpCov;
            std::vector<Param> ps = {{"m", false}, {"y", true}, {"rowvar", true}};
            if (cov) ps.insert(ps.end(), {{"bias", true}, {"ddof", true}});
            if (!typed(ps)) return Unknown;
            if (!real_array(ts[0], 1, 2) || (!none(1) && !real_array(ts[1], 1, 2)))
                return fail("pyrite's " + n + " takes 1- or 2-dimensional arrays of real numbers");
            if (ts[0]->ndim == 1 && none(1))
                return fail(n + " of one variable is a 0-dimensional array, which pyrite does not have: give both "
                            "variables (" + (cov ? "np.cov(x, y)[0, 1]" : "np.corrcoef(x, y)[0, 1]") +
                            ")" + (cov ? ", or use np.var(x, ddof=1)" : ""));
            defaults_to(2, ExprKind::BoolConst, 1);  // rowvar=True
            if (cov) defaults_to(3, ExprKind::BoolConst, 0);  // bias=False
            if (!ts[2]->is(TypeKind::Bool)) return fail(n + ": rowvar= takes a bool");
            if (cov && !ts[3]->is(TypeKind::Bool)) return fail(n + ": bias= takes a bool");
            if (cov && !none(4) && !is_intlike(ts[4])) return fail(n + ": ddof= takes an int");
            return Type::array(Type::scalar(DType::Float64), 2);
        }
        case Op::NpConvolve:
        case Op::NpCorrelate: {
            if (!typed({{"a", false}, {"v", false}, {"mode", true}})) return Unknown;
            if (!is_array(ts[0]) || ts[0]->ndim != 1 || !is_array(ts[1]) || ts[1]->ndim != 1)
                return fail("pyrite's " + n + " takes two 1-dimensional arrays");
            defaults_to(2, ExprKind::StrConst, 0, op == Op::NpConvolve ? "full" : "valid");
            const Expr& mode = *e.args[2];
            if (!(mode.kind == ExprKind::StrConst && (mode.name == "full" || mode.name == "same" || mode.name == "valid")))
                return fail(n + ": mode= takes 'full', 'same' or 'valid' (a constant)");
            DType d;
            if (!result_dtype({ts[0], ts[1]}, &d)) return fail(n + ": no common dtype pyrite has");
            return Type::array(Type::scalar(d), 1);
        }
        case Op::NpHistogram: {
            if (!typed({{"a", false}, {"bins", true}, {"range", true}, {"density", true}, {"weights", true}})) return Unknown;
            if (!is_array(ts[0]) || item_dtype(ts[0]) == DType::Bool || is_complex_dtype(item_dtype(ts[0])))
                return fail("pyrite's numpy.histogram() takes an array of real numbers, not " + quoted(ts[0]));
            defaults_to(1, ExprKind::IntConst, 10);  // bins=10
            DType edges = item_dtype(ts[0]) == DType::Float32 ? DType::Float32 : DType::Float64;
            if (is_array(ts[1])) {
                if (ts[1]->ndim != 1) return fail("numpy.histogram(): bins= takes an int or a 1-dimensional array");
                edges = item_dtype(ts[1]);
            } else if (!is_intlike(ts[1])) {
                return fail("pyrite's numpy.histogram() takes bins= as an int or an array of edges");
            }
            if (!none(2) && !(ts[2]->is(TypeKind::Tuple) && ts[2]->elems.size() == 2 && py_number(ts[2]->elems[0]) &&
                              py_number(ts[2]->elems[1])))
                return fail("numpy.histogram(): range= takes a tuple of two numbers");
            const Expr& density = *e.args[3];
            if (!none(3) && density.kind != ExprKind::BoolConst)
                return fail("pyrite's numpy.histogram() takes density= as True or False (a constant: it decides the counts' dtype)");
            DType counts = DType::Int64;
            if (!none(4)) {
                if (!real_array(ts[4], 1, 8)) return fail("numpy.histogram(): weights= takes an array of real numbers");
                counts = item_dtype(ts[4]) == DType::Bool ? DType::Int64 : item_dtype(ts[4]);
            }
            if (!none(3) && density.ival) counts = DType::Float64;
            return Type::tuple({Type::array(Type::scalar(counts), 1), Type::array(Type::scalar(edges), 1)});
        }
        case Op::NpPercentile:
        case Op::NpQuantile: {
            if (!typed({{"a", false}, {"q", false}})) return Unknown;
            DType d = item_dtype(ts[0]);
            if (!is_array(ts[0]) || d == DType::Bool || is_complex_dtype(d))
                return fail("pyrite's " + n + " takes an array of real numbers, not " + quoted(ts[0]));
            bool single = d == DType::Float32;
            if (py_number(ts[1])) return Type::scalar(single ? DType::Float32 : DType::Float64);
            bool list = ts[1]->is(TypeKind::List) && py_number(ts[1]->elem());
            if (!list && !real_array(ts[1], 1, 1))
                return fail("pyrite's " + n + " takes q as a number, a list of numbers or a 1-dimensional array, not " + quoted(ts[1]));
            return Type::array(Type::scalar(single && !list && item_dtype(ts[1]) == DType::Float32 ? DType::Float32 : DType::Float64), 1);
        }
        case Op::NpTrapezoid:
        case Op::NpGradient: {  // of a 1-d array: the integral (a number), the differences (an array)
            const bool trapezoid = op == Op::NpTrapezoid;
            if (!typed(trapezoid ? std::vector<Param>{{"y", false}, {"x", true}, {"dx", true}}
                                 : std::vector<Param>{{"f", false}, {"spacing", true}}))
                return Unknown;
            if (!real_array(ts[0], 1, 1) || item_dtype(ts[0]) == DType::Bool)
                return fail("pyrite's " + n + " takes a 1-dimensional array of numbers, not " + quoted(ts[0]));
            defaults_to(trapezoid ? 2 : 1, ExprKind::FloatConst, 1);  // dx=1.0; a spacing of 1.0 (as none given)
            std::vector<const Type*> operands = {ts[0]};
            for (size_t k = 1; k < ts.size(); ++k) {
                if (none(k)) continue;
                if (!(py_number(ts[k]) || real_array(ts[k], 1, 1)))
                    return fail("pyrite's " + n + " takes its spacing as a number or a 1-dimensional array, not " + quoted(ts[k]));
                operands.push_back(ts[k]);
            }
            DType d;
            if (!result_dtype(operands, &d) || !is_float_dtype(d)) return fail(n + ": no float dtype for these");
            if (!trapezoid)  // the differences in f's float dtype, whatever the spacing's (ints: float64)
                return Type::array(Type::scalar(is_float_dtype(item_dtype(ts[0])) ? item_dtype(ts[0]) : DType::Float64), 1);
            return Type::scalar(d);
        }
        case Op::NpPolyfit:
            if (!typed({{"x", false}, {"y", false}, {"deg", false}})) return Unknown;
            if (!real_array(ts[0], 1, 1) || !real_array(ts[1], 1, 2))
                return fail("pyrite's numpy.polyfit() takes x as a 1-dimensional array and y as a 1- or 2-dimensional one");
            if (!is_intlike(ts[2])) return fail("numpy.polyfit(): deg takes an int");
            return Type::array(Type::scalar(DType::Float64), ts[1]->ndim);
        case Op::NpAppend:
        case Op::NpDelete:
        case Op::NpInsert: {  // a new array: arr's dimensions, or flattened (axis=None)
            std::vector<Param> ps = {{"arr", false}};
            if (op != Op::NpAppend) ps.push_back({"obj", false});
            if (op != Op::NpDelete) ps.push_back({"values", false});
            ps.push_back({"axis", true});
            if (!typed(ps)) return Unknown;
            const size_t axis = ps.size() - 1;
            if (!is_array(ts[0]))
                return fail("pyrite's " + n + " takes arr as an array (np.asarray(xs) of a list), not " + quoted(ts[0]));
            if (!none(axis) && !is_intlike(ts[axis])) return fail(n + ": axis= takes an int or None, not " + quoted(ts[axis]));
            // what NumPy makes of an argument: an array's dtype, a number's np.asarray dtype, a list
            // display's of its items (not a list variable: an empty one would be float64)
            auto asarray_dtype = [&](size_t k, DType* d) {
                if (is_array(ts[k])) return *d = item_dtype(ts[k]), true;
                if (python_number_dtype(ts[k], d)) return true;
                const Expr& a = *e.args[k];
                return a.kind == ExprKind::List && !a.args.empty() && python_number_dtype(ts[k]->elem(), d);
            };
            DType d = item_dtype(ts[0]), x;
            if (op != Op::NpAppend) {  // obj: an index, a list display of them, an array of ints or bools
                const size_t k = 1;
                if (!is_intlike(ts[k]) && !(asarray_dtype(k, &x) && (is_int_dtype(x) || x == DType::Bool) && ndim_of(ts[k]) <= 1))
                    return fail("pyrite's " + n + " takes obj as an int, a list display of ints or a 1-dimensional "
                                "array of ints or bools, not " + quoted(ts[k]));
            }
            if (op != Op::NpDelete) {  // values: an array, a number, a list display of numbers
                const size_t k = op == Op::NpAppend ? 1 : 2;
                if (!asarray_dtype(k, &x))
                    return fail("pyrite's " + n + " takes values as an array, a number or a list display of numbers, not " +
                                quoted(ts[k]));
                // append concatenates: their common dtype (insert casts the values to arr's)
                if (op == Op::NpAppend && !promote(d, x, &d))
                    return fail(n + ": no common dtype pyrite has for " + quoted(ts[0]) + " and " + quoted(ts[k]));
            }
            return Type::array(Type::scalar(d), none(axis) ? 1 : ts[0]->ndim);
        }
        default: break;
    }
    return fail(n + " is not supported");
}

}  // namespace pyrite::typeinfer::detail
