// typeinfer's NumPy helpers shared by arrays.cpp (dtypes, operators, indexing, the
// original function families) and numpy_functions.cpp (the other functions): the dtype
// rules and the placing of a call's arguments in NumPy's order.
#pragma once
#include <string>
#include <vector>

#include "solver.hpp"

namespace pyrite::typeinfer::detail {

bool is_np(const Type* t);      // an array or a NumPy scalar
DType item_dtype(const Type* t);
int ndim_of(const Type* t);     // 0 for a number
const Type* shaped(DType d, int ndim);  // a scalar of d, or an array of ndim dimensions
// the dtype NumPy computes in for these operands (arrays and NumPy scalars strong, Python
// numbers weak: NEP 50); false if pyrite has none
bool result_dtype(const std::vector<const Type*>& ts, DType* out);
bool float_result(DType d, DType* out);  // a float ufunc's dtype for items of d
DType sum_dtype(DType d);                // sum's and prod's accumulator
bool python_number_dtype(const Type* t, DType* out);  // a Python number's dtype in NumPy: bool, int64, float64, complex128
bool same_kind(DType from, DType to);    // numpy.can_cast(from, to, "same_kind")

using Param = NumpyParam;  // solver.hpp
// Places e's arguments in params' order: keywords to their slots, omitted optional ones a
// None constant. Idempotent: a normalized call has no keywords left.
bool normalize(Expr& e, const std::string& fname, const std::vector<Param>& params, std::string* err);
bool dtype_arg(const Expr& a, DType* out, bool* given);  // None, or a dtype's name (a str constant)
bool axis_arg(const Expr& a, int ndim, int* axis, std::string* err);  // None (-100) or a constant in range
int shape_dims(const Type* t);
// a constant argument NumPy's signature gives (a default that is not None): an int, bool, float
// (v) or str (text) constant, typed
ir::ExprP numpy_constant(ExprKind kind, long long v, const Loc& loc, const std::string& text = "");  // the dimensions a shape argument gives: 1 for an int, a tuple's length

}  // namespace pyrite::typeinfer::detail
