// ops.hpp: int overflow checks, Python's floor semantics, exact division and comparison.
#include <cmath>
#include <cstdint>
#include <pyrite/ops.hpp>

#include "check.hpp"

using pyrite::i64;
constexpr i64 MAX = INT64_MAX, MIN = INT64_MIN;

int main() {
    // checked arithmetic
    CHECK(pyrite::add(MAX - 1, i64(1)) == MAX);
    CHECK_RAISES(pyrite::add(MAX, i64(1)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::sub(MIN, i64(1)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::mul(i64(1) << 32, i64(1) << 31), OverflowError, nullptr);
    CHECK_RAISES(pyrite::neg(MIN), OverflowError, nullptr);
    // floor division and modulo take the divisor's sign
    CHECK(pyrite::floordiv(i64(-7), i64(2)) == -4 && pyrite::mod(i64(-7), i64(2)) == 1);
    CHECK(pyrite::floordiv(i64(7), i64(-2)) == -4 && pyrite::mod(i64(7), i64(-2)) == -1);
    CHECK(pyrite::mod(MIN, i64(-1)) == 0);
    CHECK_RAISES(pyrite::floordiv(MIN, i64(-1)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::floordiv(i64(1), i64(0)), ZeroDivisionError, "integer division or modulo by zero");
    CHECK_RAISES(pyrite::mod(i64(1), i64(0)), ZeroDivisionError, "integer modulo by zero");
    // (a * b) % m and (a * b + c) // d in 128 bits (opt/wide.cpp): CPython's values
    using pyrite::i128;
    CHECK(pyrite::mod(pyrite::wide_mul(MAX, MAX), MAX - 24) == 576);  // (2**63-1)**2 % (2**63-25)
    CHECK(pyrite::mod(pyrite::wide_mul(MIN, i64(3)), i64(7)) == 4);   // -3 * 2**63 % 7
    CHECK(pyrite::mod(pyrite::wide_mul(MAX, i64(2)), i64(-5)) == -1);  // the divisor's sign
    CHECK(pyrite::mod(pyrite::wide_mul(MIN, MIN), i64(-1)) == 0);
    CHECK(pyrite::mod(pyrite::wide_add(pyrite::wide_mul(i64(1) << 40, i64(1) << 40), i64(5)), i64(1000000007)) ==
          i64((((i128(1) << 80) + 5) % 1000000007)));
    CHECK(pyrite::floordiv(pyrite::wide_mul(MAX, i64(10)), i64(100)) == MAX / 10);
    CHECK(pyrite::floordiv(pyrite::wide_mul(i64(-7), i64(1)), i64(2)) == -4);   // the 64-bit path
    CHECK(pyrite::floordiv(pyrite::wide_mul(MAX, i64(3)), i64(-4)) == i64(-((i128(MAX) * 3 + 3) / 4)));
    CHECK_RAISES(pyrite::floordiv(pyrite::wide_mul(MAX, MAX), i64(3)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::floordiv(pyrite::wide_mul(MAX, i64(2)), i64(-1)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::mod(pyrite::wide_mul(MAX, i64(2)), i64(0)), ZeroDivisionError, "integer modulo by zero");
    CHECK_RAISES(pyrite::wide_add(pyrite::wide_mul(MIN, MIN), pyrite::wide_mul(MIN, MIN)), OverflowError, nullptr);
    CHECK(pyrite::wide_sub(pyrite::wide_mul(MIN, MAX), pyrite::wide_mul(MIN, MIN)) == i128(MIN) * MAX - i128(MIN) * MIN);
    // int / int is correctly rounded, also beyond 2**53
    CHECK(pyrite::truediv(i64(1), i64(3)) == 1.0 / 3.0);
    CHECK(pyrite::truediv((i64(1) << 53) + 1, i64(1)) == 9007199254740992.0);   // ties to even
    CHECK(pyrite::truediv((i64(1) << 53) + 3, i64(1)) == 9007199254740996.0);
    CHECK(pyrite::truediv(MAX, MAX) == 1.0);
    CHECK(pyrite::truediv(i64(1), MIN) == -1.0 / 9223372036854775808.0);
    CHECK(std::signbit(pyrite::truediv(i64(0), -(i64(1) << 60))));
    // shifts
    CHECK(pyrite::lshift(i64(-1), i64(63)) == MIN);
    CHECK_RAISES(pyrite::lshift(i64(1), i64(63)), OverflowError, nullptr);
    CHECK_RAISES(pyrite::lshift(i64(1), i64(-1)), ValueError, "negative shift count");
    CHECK(pyrite::rshift(i64(-5), i64(100)) == -1 && pyrite::rshift(i64(5), i64(100)) == 0);
    // float floor division and modulo
    CHECK(pyrite::floordiv(-7.5, 2.0) == -4.0 && pyrite::mod(-7.5, 2.0) == 0.5);
    CHECK(std::signbit(pyrite::mod(0.0, -3.0)));
    CHECK_RAISES(pyrite::mod(1.0, 0.0), ZeroDivisionError, "float modulo");
    // float pow's special cases
    CHECK(pyrite::pow(0.0, 0.0) == 1.0 && pyrite::pow(std::nan(""), 0.0) == 1.0);
    CHECK(pyrite::pow(-1.0, INFINITY) == 1.0);
    CHECK(pyrite::pow(-2.0, 3.0) == -8.0);
    CHECK_RAISES(pyrite::pow(0.0, -1.0), ZeroDivisionError, "0.0 cannot be raised to a negative power");
    CHECK_RAISES(pyrite::pow(10.0, 400.0), OverflowError, "(34, 'Numerical result out of range')");
    CHECK_RAISES(pyrite::pow(-8.0, 0.5), ValueError, nullptr);
    CHECK(pyrite::ipow_nonneg(i64(3), i64(39)) == 4052555153018976267);
    CHECK_RAISES(pyrite::ipow_nonneg(i64(3), i64(40)), OverflowError, nullptr);
    // exact int/float comparison
    CHECK(!pyrite::eq((i64(1) << 53) + 1, 9007199254740992.0));
    CHECK(pyrite::gt((i64(1) << 53) + 1, 9007199254740992.0));
    CHECK(pyrite::lt(MAX, 9223372036854775808.0));
    CHECK(!pyrite::lt(i64(1), std::nan("")) && pyrite::ne(i64(1), std::nan("")));
    CHECK(pyrite::truthy(std::nan("")) && !pyrite::truthy(-0.0));

    // int | float (pyrite::Real): an int is exactly the value whose float is f, whatever the float
    using pyrite::Real;
    for (double f : {0.0, -0.0, 1.0, 2.0, -1.0, 0.5, 9007199254740992.0, 1e300, std::nan(""), double(INFINITY)})
        CHECK(!Real(f).is_int() && (std::isnan(f) ? std::isnan(double(Real(f))) : double(Real(f)) == f));
    for (i64 i : {i64(0), i64(1), i64(-1), i64(2), MAX, MIN, (i64(1) << 53) + 1})
        CHECK(Real(i).is_int() && Real(i).i == i);
    // each operation is the int's or the float's
    CHECK(pyrite::add(Real(MAX - 1), i64(1)).is_int() && pyrite::add(Real(MAX - 1), i64(1)).i == MAX);
    CHECK_RAISES(pyrite::add(Real(MAX), i64(1)), OverflowError, nullptr);
    CHECK(!pyrite::add(Real(i64(1)), Real(0.5)).is_int() && double(pyrite::add(Real(i64(1)), Real(0.5))) == 1.5);
    CHECK(pyrite::truediv(Real((i64(1) << 53) + 1), i64(1)) == 9007199254740992.0);  // int / int, rounded once
    CHECK(pyrite::pow(Real(i64(2)), i64(-1)).f == 0.5 && !pyrite::pow(Real(i64(2)), i64(-1)).is_int());
    CHECK(pyrite::pow(Real(i64(3)), i64(2)).is_int() && pyrite::pow(Real(i64(3)), i64(2)).i == 9);
    CHECK(pyrite::floordiv(Real(-7.0), i64(2)).f == -4.0 && pyrite::mod(Real(i64(-7)), i64(2)).i == 1);
    CHECK_RAISES(pyrite::truediv(Real(i64(1)), i64(0)), ZeroDivisionError, "division by zero");
    CHECK_RAISES(pyrite::truediv(Real(1.0), i64(0)), ZeroDivisionError, "float division by zero");
    // exact comparisons, both ways, nan unordered
    CHECK(pyrite::ne(Real((i64(1) << 53) + 1), 9007199254740992.0) && pyrite::gt(Real((i64(1) << 53) + 1), Real(9007199254740992.0)));
    CHECK(pyrite::eq(Real(i64(2)), Real(2.0)) && !pyrite::lt(Real(std::nan("")), i64(1)) && pyrite::ne(Real(std::nan("")), Real(std::nan(""))));
    CHECK(pyrite::lt(i64(1), Real(1.5)) && pyrite::ge(2.0, Real(i64(2))));
    return summary("runtime ops");
}
