// abs(x)
#pragma once
#include <cmath>
#include "../ops.hpp"

namespace pyrite::builtins {
PYRITE_BUILTIN("abs") inline i64 abs(i64 x) { return x < 0 ? neg(x) : x; }
PYRITE_BUILTIN("abs") inline double abs(double x) { return std::fabs(x); }
}  // namespace pyrite::builtins
