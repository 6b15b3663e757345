// builtins/*.hpp: round, divmod, 3-argument pow, conversions, range length, min/max.
#include <cmath>
#include <cstdint>
#include <pyrite/builtins/conv.hpp>
#include <pyrite/builtins/divmod.hpp>
#include <pyrite/builtins/minmax.hpp>
#include <pyrite/builtins/pow.hpp>
#include <pyrite/builtins/range.hpp>
#include <pyrite/builtins/round.hpp>

#include "check.hpp"

using pyrite::i64;
namespace b = pyrite::builtins;

int main() {
    // round half to even, on the exact binary value
    CHECK(b::round(2.5) == 2 && b::round(3.5) == 4 && b::round(-0.5) == 0);
    CHECK(b::round(0.125, i64(2)) == 0.12);   // 0.125 is exact: a tie, to even
    CHECK(b::round(2.675, i64(2)) == 2.67);   // 2.675 is below 2.675 in binary
    CHECK(b::round(1234.5, i64(-2)) == 1200.0);
    CHECK(std::signbit(b::round(-0.4, i64(0))));
    CHECK(b::round(i64(25), i64(-1)) == 20 && b::round(i64(35), i64(-1)) == 40 && b::round(i64(-25), i64(-1)) == -20);
    CHECK_RAISES(b::round(INT64_MAX, i64(-19)), OverflowError, nullptr);
    CHECK_RAISES(b::round(std::nan("")), ValueError, "cannot convert float NaN to integer");
    // divmod
    CHECK(std::get<0>(b::divmod(i64(-7), i64(2))) == -4 && std::get<1>(b::divmod(i64(-7), i64(2))) == 1);
    CHECK_RAISES(b::divmod(1.0, 0.0), ZeroDivisionError, "float divmod()");
    // pow(base, exp, mod)
    CHECK(b::pow(i64(3), i64(4), i64(5)) == 1 && b::pow(i64(3), i64(-1), i64(7)) == 5);
    CHECK(b::pow(i64(2), i64(10), i64(-7)) == -5);  // the sign of the modulus, as CPython
    CHECK_RAISES(b::pow(i64(2), i64(-1), i64(4)), ValueError, "base is not invertible for the given modulus");
    CHECK_RAISES(b::pow(i64(2), i64(1), i64(0)), ValueError, "pow() 3rd argument cannot be 0");
    // conversions
    CHECK(b::int_(-2.9) == -2);
    CHECK_RAISES(b::int_(INFINITY), OverflowError, "cannot convert float infinity to integer");
    CHECK_RAISES(b::int_(9.3e18), OverflowError, nullptr);
    // range length without overflow
    CHECK(pyrite::range_len(INT64_MIN, INT64_MAX, INT64_MAX) == 3);
    CHECK(pyrite::range_len(0, 10, 3) == 4 && pyrite::range_len(10, 0, -3) == 4 && pyrite::range_len(0, 10, -1) == 0);
    CHECK_RAISES(pyrite::range_len(0, 1, 0), ValueError, "range() arg 3 must not be zero");
    // min/max keep CPython's first-wins rule, which decides NaN
    CHECK(std::isnan(b::max_of<double>(std::nan(""), 1.0)) && b::max_of<double>(1.0, std::nan("")) == 1.0);
    CHECK(b::min_of<i64>(3, 1, 2) == 1);
    return summary("runtime builtins");
}
