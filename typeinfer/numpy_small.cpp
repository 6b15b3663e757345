// typeinfer: NumPy's small functions, each a case of its own (ops.def's Small rule):
// np.flatnonzero, np.digitize, np.nan_to_num, np.fill_diagonal, np.pad and np.unravel_index, compiled
// (runtime/include/pyrite/numpy_functions.hpp); NumPy's result types and, at compile time, what
// NumPy refuses by type.
#include <algorithm>

#include "numpy_args.hpp"

namespace pyrite::typeinfer::detail {

// the number of dimensions a shape argument gives: an int is 1, a tuple of ints its length
int shape_dims(const Type* t) {
    if (is_intlike(t)) return 1;
    if (t->is(TypeKind::Tuple) && !t->elems.empty()) {
        for (const Type* x : t->elems)
            if (!is_intlike(x)) return 0;
        return static_cast<int>(t->elems.size());
    }
    return 0;
}

const Type* Solver::numpy_small(Expr& e) {
    const Op op = e.operation;
    auto fail = [&](const std::string& msg) { return error(e.loc, msg), Unknown; };
    std::vector<const Type*> ts;
    auto typed = [&](const std::vector<Param>& ps) { return typed_numpy_args(e, ps, &ts); };
    auto none = [&](size_t k) { return ts[k]->is(TypeKind::None); };
    auto number = [&](size_t k) { return ts[k]->is(TypeKind::Int) || ts[k]->is(TypeKind::Float) || ts[k]->is(TypeKind::Scalar); };
    switch (op) {
        case Op::NpUfuncOuter: {  // the ufunc of a (with b's dimensions added after its own) and b
            const Op ufunc = static_cast<Op>(e.ival);  // the frontend's lower_ufunc_outer checked it takes two
            ts = {type_expr(*e.args[0]), type_expr(*e.args[1])};
            if (!known(ts[0]) || !known(ts[1])) return Unknown;
            for (size_t k = 0; k < 2; ++k)
                if (!is_array(ts[k]) && !number(k) && !ts[k]->is(TypeKind::Bool) && !ts[k]->is(TypeKind::Complex))
                    return fail("pyrite's numpy." + std::string(ops::info(ufunc).py) + ".outer() takes arrays and numbers, not " +
                                quoted(ts[k]));
            for (int k = 0; is_array(ts[0]) && is_array(ts[1]) && k < ts[1]->ndim; ++k) {  // np.expand_dims(a, -1)
                auto expand = std::make_unique<Expr>(ExprKind::Intrinsic, e.loc);
                expand->operation = Op::NpExpandDims;
                expand->args.push_back(std::move(e.args[0]));
                expand->args.push_back(numpy_constant(ExprKind::IntConst, -1, e.loc, ""));
                e.args[0] = std::move(expand);
            }
            e.operation = ufunc;
            e.ival = 0;
            e.type = nullptr;
            return type_expr(e);
        }
        case Op::NpAddAt: case Op::NpSubtractAt: case Op::NpMultiplyAt: case Op::NpMaximumAt: case Op::NpMinimumAt: {
            // in place, None: an index per dimension (an int, a list or 1-d array of ints; a tuple of them)
            const std::string n = "numpy." + std::string(ops::info(op).py) + "()";
            if (!typed({{"a", false}, {"indices", false}, {"b", false}})) return Unknown;
            if (!is_array(ts[0]) || is_complex_dtype(item_dtype(ts[0])))
                return fail("pyrite's " + n + " changes an array of real numbers, not " + quoted(ts[0]));
            auto index = [&](const Type* t) {
                return is_intlike(t) || (is_list(t) && is_intlike(t->elem())) ||
                       (is_array(t) && t->ndim == 1 && is_int_dtype(item_dtype(t)));
            };
            const Type* ix = ts[1];
            bool per_axis = ix->is(TypeKind::Tuple) && static_cast<int>(ix->elems.size()) == ts[0]->ndim;
            for (size_t k = 0; per_axis && k < ix->elems.size(); ++k) per_axis = index(ix->elems[k]);
            if (!per_axis && !(ts[0]->ndim == 1 && index(ix)))
                return fail("pyrite's " + n + " takes indices as an int, a list or 1-d array of ints" +
                            (ts[0]->ndim > 1 ? ", one per dimension in a tuple," : "") + " not " + quoted(ix));
            if (!(number(2) || ts[2]->is(TypeKind::Bool) || (is_array(ts[2]) && ts[2]->ndim == 1)) ||
                is_complex_dtype(item_dtype(ts[2])))
                return fail("pyrite's " + n + " takes b as a real number or a 1-d array, not " + quoted(ts[2]));
            return Type::none();
        }
        case Op::NpFlatnonzero:  // the flat (C order) indexes of the nonzero items
            if (!typed({{"a", false}})) return Unknown;
            if (!is_array(ts[0])) return fail("pyrite's numpy.flatnonzero() takes an array, not " + quoted(ts[0]));
            return Type::array(Type::scalar(DType::Int64), 1);
        case Op::NpDigitize: {  // the bin of each x: searchsorted on the bins, either way monotonic
            if (!typed({{"x", false}, {"bins", false}, {"right", true}})) return Unknown;
            if (is_array(ts[0]) ? is_complex_dtype(item_dtype(ts[0])) : ts[0]->is(TypeKind::Complex))
                return fail("x may not be complex (NumPy raises TypeError)");
            if (!is_array(ts[0]) && !number(0))
                return fail("pyrite's numpy.digitize() takes x as an array or a number, not " + quoted(ts[0]));
            if (!is_array(ts[1]) || ts[1]->ndim != 1 || is_complex_dtype(item_dtype(ts[1])))
                return fail("pyrite's numpy.digitize() takes bins as a 1-dimensional array of real numbers, not " + quoted(ts[1]));
            if (e.args[2]->kind == ExprKind::NoneConst) e.args[2] = numpy_constant(ExprKind::BoolConst, 0, e.loc, "");
            if (!type_expr(*e.args[2])->is(TypeKind::Bool)) return fail("numpy.digitize(): right= takes a bool");
            return shaped(DType::Int64, ndim_of(ts[0]));
        }
        case Op::NpNanToNum: {  // NaN, inf and -inf replaced: a copy, or x itself (copy=False)
            if (!typed({{"x", false}, {"copy", true}, {"nan", true}, {"posinf", true}, {"neginf", true}})) return Unknown;
            if (!is_array(ts[0])) return fail("pyrite's numpy.nan_to_num() takes an array, not " + quoted(ts[0]));
            if (is_complex_dtype(item_dtype(ts[0]))) return fail("numpy.nan_to_num() of complex arrays is not supported yet");
            if (e.args[1]->kind == ExprKind::NoneConst) e.args[1] = numpy_constant(ExprKind::BoolConst, 1, e.loc, "");
            if (!type_expr(*e.args[1])->is(TypeKind::Bool)) return fail("numpy.nan_to_num(): copy= takes a bool");
            for (size_t k = 2; k < 5; ++k)
                if (!none(k) && !number(k)) return fail("numpy.nan_to_num(): nan=, posinf= and neginf= take numbers");
            return ts[0];
        }
        case Op::NpFillDiagonal: {  // in place; None
            if (!typed({{"a", false}, {"val", false}, {"wrap", true}})) return Unknown;
            if (!is_array(ts[0])) return fail("pyrite's numpy.fill_diagonal() takes an array, not " + quoted(ts[0]));
            if (ts[0]->ndim < 2) return fail("array must be at least 2-d (NumPy raises ValueError)");
            if (!number(1) && !(is_array(ts[1]) && ts[1]->ndim == 1))
                return fail("pyrite's numpy.fill_diagonal() takes val as a number or a 1-dimensional array, not " + quoted(ts[1]));
            if (e.args[2]->kind == ExprKind::NoneConst) e.args[2] = numpy_constant(ExprKind::BoolConst, 0, e.loc, "");
            if (!type_expr(*e.args[2])->is(TypeKind::Bool)) return fail("numpy.fill_diagonal(): wrap= takes a bool");
            return Type::none();
        }
        case Op::NpPad: {  // a new array: pad_width's ints and pairs, 'constant' (constant_values=) or 'edge'
            if (!typed({{"array", false}, {"pad_width", false}, {"mode", true}, {"constant_values", true}})) return Unknown;
            if (!is_array(ts[0])) return fail("pyrite's numpy.pad() takes an array, not " + quoted(ts[0]));
            const int nd = ts[0]->ndim;
            auto pair = [](const Type* t) {
                return t->is(TypeKind::Tuple) && t->elems.size() == 2 && t->elems[0]->is(TypeKind::Int) && t->elems[1]->is(TypeKind::Int);
            };
            const Type* w = ts[1];
            bool ok = w->is(TypeKind::Int) || pair(w) ||
                      (w->is(TypeKind::Tuple) && w->elems.size() == 1 && w->elems[0]->is(TypeKind::Int));
            if (!ok && w->is(TypeKind::Tuple) && !w->elems.empty() && std::all_of(w->elems.begin(), w->elems.end(), pair)) {
                if (w->elems.size() != 1 && static_cast<int>(w->elems.size()) != nd)
                    return fail("operands could not be broadcast together with remapped shapes [original->remapped]: (" +
                                std::to_string(w->elems.size()) + ",2)  and requested shape (" + std::to_string(nd) +
                                ",2) (NumPy raises ValueError)");
                ok = true;
            }
            if (!ok)
                return fail("pyrite's numpy.pad() takes pad_width as an int, a pair of ints or a pair per axis, not " + quoted(w));
            // mode becomes a bool constant, edge, named for the mode (typed again: already one; a bool the
            // program wrote has no name)
            Expr& mode = *e.args[2];
            bool ours = mode.kind == ExprKind::BoolConst && (mode.name == "edge" || mode.name == "constant");
            bool edge = (mode.kind == ExprKind::StrConst || ours) && mode.name == "edge";
            if (mode.kind == ExprKind::StrConst && !edge && mode.name != "constant")
                return fail("numpy.pad(): mode '" + mode.name + "' is not supported yet ('constant' and 'edge' are)");
            if (mode.kind != ExprKind::StrConst && mode.kind != ExprKind::NoneConst && !ours)
                return fail("numpy.pad(): mode= takes the constant 'constant' or 'edge'");
            if (!ours) e.args[2] = numpy_constant(ExprKind::BoolConst, edge, e.loc, edge ? "edge" : "constant");
            if (!none(3) && (edge || !number(3)))
                return fail(edge ? "unsupported keyword arguments for mode 'edge': {'constant_values'} (NumPy raises ValueError)"
                                 : "pyrite's numpy.pad() takes constant_values= as a number");
            return ts[0];
        }
        case Op::NpUnravelIndex: {  // the coordinates of flat indexes: a numpy.int64 per axis, or an array per axis
            if (!typed({{"indices", false}, {"shape", false}, {"order", true}})) return Unknown;
            bool array = is_array(ts[0]);
            if (array ? !is_int_dtype(item_dtype(ts[0])) && item_dtype(ts[0]) != DType::Bool : !is_intlike(ts[0]))
                return fail(is_array(ts[0]) || number(0) ? "only int indices permitted (NumPy raises TypeError)"
                                                         : "pyrite's numpy.unravel_index() takes indices as an int or an array of "
                                                           "ints, not " + quoted(ts[0]));
            int k = shape_dims(ts[1]);
            if (!k) return fail("pyrite's numpy.unravel_index() takes shape as an int or a tuple of ints, not " + quoted(ts[1]));
            Expr& order = *e.args[2];  // a bool constant, Fortran order, named for the order (as np.pad's mode)
            bool ours = order.kind == ExprKind::BoolConst && (order.name == "C" || order.name == "F");
            if (order.kind == ExprKind::StrConst && order.name != "C" && order.name != "F")
                return fail("only 'C' or 'F' order is permitted (NumPy raises ValueError)");
            if (order.kind != ExprKind::StrConst && order.kind != ExprKind::NoneConst && !ours)
                return fail("numpy.unravel_index(): order= takes the constant 'C' or 'F'");
            if (!ours) {
                bool fortran = order.kind == ExprKind::StrConst && order.name == "F";
                e.args[2] = numpy_constant(ExprKind::BoolConst, fortran, e.loc, fortran ? "F" : "C");
            }
            const Type* one = array ? Type::array(Type::scalar(DType::Int64), ts[0]->ndim) : Type::scalar(DType::Int64);
            return Type::tuple(std::vector<const Type*>(static_cast<size_t>(k), one));
        }
        default: return fail("pyrite bug: " + std::string(ops::info(op).py) + " is no small NumPy function");
    }
}

}  // namespace pyrite::typeinfer::detail
