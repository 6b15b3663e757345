// divmod(a, b)
#pragma once
#include <tuple>
#include "../ops.hpp"

namespace pyrite::builtins {
PYRITE_BUILTIN("divmod") inline std::tuple<i64, i64> divmod(i64 a, i64 b) {
    if (PYRITE_UNLIKELY(b == 0)) raise(Exc::ZeroDivisionError, "integer division or modulo by zero");
    return {floordiv(a, b), mod(a, b)};
}
PYRITE_BUILTIN("divmod") inline std::tuple<double, double> divmod(double a, double b) {
    if (PYRITE_UNLIKELY(b == 0.0)) raise(Exc::ZeroDivisionError, "float divmod()");
    fdivmod_t r = float_divmod(a, b);
    return {r.div, r.mod};
}
}  // namespace pyrite::builtins
