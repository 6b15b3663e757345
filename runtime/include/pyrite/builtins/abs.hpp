// abs(x)
#pragma once
#include <cmath>
#include "../complex.hpp"
#include "../ops.hpp"

namespace pyrite::builtins {
PYRITE_BUILTIN("abs") PYRITE_PURE PYRITE_NONNEGATIVE inline i64 abs(i64 x) { return x < 0 ? neg(x) : x; }
PYRITE_BUILTIN("abs") PYRITE_PURE PYRITE_NONNEGATIVE inline double abs(double x) { return std::fabs(x); }
PYRITE_BUILTIN("abs") PYRITE_PURE PYRITE_NONNEGATIVE inline double abs(std::complex<double> z) { return cx::abs(z); }
PYRITE_BUILTIN("abs") PYRITE_PURE PYRITE_NONNEGATIVE inline Real abs(Real x) { return x.is_int() ? Real(abs(x.i)) : Real(std::fabs(x.f)); }
}  // namespace pyrite::builtins
