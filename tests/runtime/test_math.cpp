// math.hpp: CPython's domain and range errors.
#include <cmath>
#include <pyrite/math.hpp>

#include "check.hpp"

namespace m = pyrite::math;
using pyrite::i64;

int main() {
    CHECK(m::sqrt(4.0) == 2.0 && std::isnan(m::sqrt(std::nan(""))));
    CHECK_RAISES(m::sqrt(-1.0), ValueError, "math domain error");
    CHECK_RAISES(m::log(0.0), ValueError, "math domain error");
    CHECK(m::log(INFINITY) == INFINITY);
    CHECK_RAISES(m::log(8.0, 1.0), ZeroDivisionError, "float division by zero");
    CHECK_RAISES(m::exp(1000.0), OverflowError, "math range error");
    CHECK(m::exp(-1000.0) == 0.0);  // underflow is not an error
    CHECK_RAISES(m::sin(INFINITY), ValueError, "math domain error");
    CHECK_RAISES(m::fmod(1.0, 0.0), ValueError, "math domain error");
    CHECK(m::fmod(1.0, INFINITY) == 1.0);
    CHECK_RAISES(m::pow(0.0, -1.0), ValueError, "math domain error");
    CHECK_RAISES(m::pow(10.0, 400.0), OverflowError, "math range error");
    CHECK(m::pow(std::nan(""), 0.0) == 1.0 && m::pow(1.0, std::nan("")) == 1.0);
    CHECK(m::floor(-0.5) == -1 && m::ceil(-0.5) == 0);
    CHECK_RAISES(m::floor(INFINITY), OverflowError, "cannot convert float infinity to integer");
    CHECK_RAISES(m::ldexp(1.0, i64(5000)), OverflowError, "math range error");
    CHECK(m::factorial(i64(20)) == 2432902008176640000);
    CHECK_RAISES(m::factorial(i64(21)), OverflowError, nullptr);
    CHECK_RAISES(m::factorial(i64(-1)), ValueError, "factorial() not defined for negative values");
    CHECK(m::isqrt(INT64_MAX) == 3037000499);
    CHECK(m::gcd({i64(0), i64(0)}) == 0 && m::gcd({i64(-12), i64(18)}) == 6 && m::lcm({i64(4), i64(6)}) == 12);
    CHECK(m::gcd({}) == 0 && m::gcd({i64(-7)}) == 7 && m::gcd({i64(12), i64(18), i64(27)}) == 3);
    CHECK(m::lcm({}) == 1 && m::lcm({i64(4), i64(6), i64(10)}) == 60 && m::lcm({i64(0), i64(5)}) == 0);
    CHECK(m::hypot({3.0, 4.0}) == 5.0 && m::hypot({}) == 0.0 && m::remainder(5.0, 3.0) == -1.0);
    CHECK(m::gamma(5.0) == 24.0 && m::lgamma(1.0) == 0.0);
    CHECK_RAISES(m::gamma(0.0), ValueError, "math domain error");
    CHECK(m::comb(i64(60), i64(30)) == 118264581564861424);
    CHECK(m::isclose(1.0, 1.0 + 1e-10) && !m::isclose(1.0, 1.1));
    return summary("runtime math");
}
