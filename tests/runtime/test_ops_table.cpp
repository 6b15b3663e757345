// The operation table (ops/ops.def) against the runtime: every NumPy element-wise
// function in the table has its kernel pyrite::np::u_NAME in numpy.hpp (a table entry
// without its runtime code fails this build), and each kernel computes what its
// table entry promises on one value.
#include <cmath>
#include <pyrite/numpy.hpp>

#include "check.hpp"

namespace np = pyrite::np;

#define OP(id, recv, py, rule, cxx, flags)
#define UFUNC(id, py, rule, cxx) static_assert(sizeof(np::u_##cxx) > 0, "ops.def's " py " has no numpy.hpp kernel");
#include "ops.def"
#undef OP

int main() {
    CHECK(np::u_sqrt::call<double>(4.0) == 2.0);
    CHECK(np::u_abs::call<double>(-1.5) == 1.5);
    CHECK(np::u_square::call<std::int64_t>(std::int64_t(-3)) == 9);
    CHECK(np::u_isnan::call<bool>(std::nan("")) && !np::u_isnan::call<bool>(std::int64_t(1)));
    CHECK(np::u_maximum::call<double>(1.0, 2.0) == 2.0 && std::isnan(np::u_minimum::call<double>(std::nan(""), 0.0)));
    CHECK(np::u_hypot::call<double>(3.0, 4.0) == 5.0);
    CHECK(np::u_where::call<double>(false, 1.0, 2.0) == 2.0);
    CHECK(np::u_sign::call<double>(-2.5) == -1.0 && !std::signbit(np::u_sign::call<double>(-0.0)) &&
          std::isnan(np::u_sign::call<double>(std::nan(""))) && np::u_sign::call<std::int64_t>(std::int64_t(7)) == 1);
    CHECK(np::u_logical_not::call<bool>(-0.0) && !np::u_logical_not::call<bool>(std::nan("")));
    CHECK(np::u_logical_xor::call<bool>(2.0, std::int64_t(0)) && !np::u_logical_and::call<bool>(1.0, 0.0) &&
          np::u_logical_or::call<bool>(0.0, std::nan("")));
    return summary("ops table");
}
