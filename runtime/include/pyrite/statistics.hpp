// The statistics module's functions, as statistics.py computes them: fmean (fsum / n), median of
// floats, median_low, median_high and mode; and mean, variance, pvariance, stdev and pstdev,
// which CPython computes in exact fractions (_sum, _ss), rounding once at the end: here in exact
// integer arithmetic (Exact below), giving the same correctly rounded floats. Where CPython
// raises StatisticsError (too little data), statistics' own function is called on an empty list
// and raises it: the caller sees that very class and message.
#pragma once
#include <cstring>
#include <vector>

#include "math.hpp"
#include "pycall.hpp"

namespace pyrite::statistics {

[[noreturn]] __attribute__((noinline, cold)) inline void raise_for_empty(const char* function) {
    WithGil gil;
    PyObject* m = PyImport_ImportModule("statistics");
    PyObject* empty = m ? PyList_New(0) : nullptr;
    PyObject* r = empty ? PyObject_CallMethod(m, function, "N", empty) : nullptr;
    Py_XDECREF(m);
    Py_XDECREF(r);
    if (PyErr_Occurred()) raise_python_error();
    raise(Exc::RuntimeError, "pyrite: statistics accepted empty data (a pyrite bug)");
}

// mean, variance, pvariance, stdev, pstdev of floats and of ints (declared here, defined below with
// the exact arithmetic they share). Of ints, CPython's mean and variances are an int where the
// exact fraction is one (mean([1, 2, 3]) is 2), else its float (mean([1, 2]) is 1.5): an int | float.
PYRITE_BUILTIN("statistics.mean") PYRITE_RT double mean(const List<double>& data);
PYRITE_BUILTIN("statistics.variance") PYRITE_RT double variance(const List<double>& data);
PYRITE_BUILTIN("statistics.pvariance") PYRITE_RT double pvariance(const List<double>& data);
PYRITE_BUILTIN("statistics.stdev") PYRITE_RT double stdev(const List<double>& data);
PYRITE_BUILTIN("statistics.stdev") PYRITE_RT double stdev(const List<i64>& data);
PYRITE_BUILTIN("statistics.pstdev") PYRITE_RT double pstdev(const List<double>& data);
PYRITE_BUILTIN("statistics.pstdev") PYRITE_RT double pstdev(const List<i64>& data);
PYRITE_BUILTIN("statistics.mean") PYRITE_RT Real mean(const List<i64>& data);
PYRITE_BUILTIN("statistics.variance") PYRITE_RT Real variance(const List<i64>& data);
PYRITE_BUILTIN("statistics.pvariance") PYRITE_RT Real pvariance(const List<i64>& data);

#if PYRITE_RT_BODIES
// Exact sums of the data and of their squares, as statistics.py's _sum and _ss keep them in
// fractions: every finite float is an integer times 2**-1074 (its square, times 2**-2148), so the
// sums are big integers at those scales (ints: at scale 1), kept as magnitudes of 64-bit limbs.
// The one rounding, to the float CPython's Fraction.__float__ or _float_sqrt_of_frac gives (the
// correctly rounded quotient or square root), is round() and sqrt() below.
class Exact {
public:
    using u128 = unsigned __int128;
    using Nat = Vec<std::uint64_t>;  // a natural number, least significant limb first

    template <class T>
    explicit Exact(const List<T>& data) {
        for (i64 i = 0; i < data.len(); ++i) add(data.at(i));
        settle();
    }
    i64 count = 0;
    bool finite = true;    // no inf or nan among the data
    double special = 0.0;  // their float sum, in order: what CPython's sums are then

    // the data's mean: sum / count
    double mean() const { return round(sum_mag_, sum_neg_, count, 1, scale_); }
    // the sum of squared deviations over d1 * d2 (variance: count and count - 1; pvariance: count,
    // count): (count * sum of squares - sum**2) / (count * d), as _ss's fractions give it
    double spread(std::uint64_t d) const { return round(deviations(), false, count, d, 2 * scale_); }
    // its square root, as _float_sqrt_of_frac rounds it
    double root(std::uint64_t d) const { return sqrt(deviations(), count, d, 2 * scale_); }
    // of ints (scale 0): the mean, or the spread over d, where it is an integer (_convert's int);
    // one beyond 64 bits is CPython's big int (the call runs in CPython)
    bool integral_mean(i64* out) const { return integral(sum_mag_, sum_neg_, static_cast<std::uint64_t>(count), 1, out); }
    bool integral_spread(std::uint64_t d, i64* out) const {
        return integral(deviations(), false, static_cast<std::uint64_t>(count), d, out);
    }

private:
    Nat sum_mag_, squares_;
    bool sum_neg_ = false;
    Nat pos_, neg_;
    int scale_ = 0;  // the sums are integers times 2**-scale_ (squares: 2**-2*scale_)

    void add(double x) {
        ++count;
        scale_ = 1074;
        if (!std::isfinite(x)) {
            finite = false;
            special += x;
            return;
        }
        std::uint64_t bits;
        std::memcpy(&bits, &x, sizeof bits);
        int e = static_cast<int>((bits >> 52) & 0x7ff);
        std::uint64_t m = bits & ((std::uint64_t(1) << 52) - 1);
        if (e) m |= std::uint64_t(1) << 52;
        int shift = e ? e - 1 : 0;  // x = m * 2**(shift - 1074)
        add_shifted(bits >> 63 ? neg_ : pos_, m, shift);
        add_shifted(squares_, u128(m) * m, 2 * shift);
    }
    void add(i64 x) {
        ++count;
        std::uint64_t m = x < 0 ? 0 - static_cast<std::uint64_t>(x) : static_cast<std::uint64_t>(x);
        add_shifted(x < 0 ? neg_ : pos_, m, 0);
        add_shifted(squares_, u128(m) * m, 0);
    }
    void settle() {  // the signed sum, pos_ - neg_
        if (compare(pos_, neg_) >= 0) {
            sum_mag_ = pos_;
            subtract(sum_mag_, neg_);
            sum_neg_ = false;
        } else {
            sum_mag_ = neg_;
            subtract(sum_mag_, pos_);
            sum_neg_ = true;
        }
    }
    Nat deviations() const {  // count * squares - sum**2 (never negative)
        Nat n = squares_;
        multiply(n, static_cast<std::uint64_t>(count));
        subtract(n, product(sum_mag_, sum_mag_));
        return n;
    }

    static bool integral(Nat a, bool negative, std::uint64_t d1, std::uint64_t d2, i64* out) {
        if (divide(a, d1) != 0 || divide(a, d2) != 0) return false;
        std::uint64_t m = a.empty() ? 0 : a[0];
        std::uint64_t limit = std::uint64_t(1) << 63;  // -2**63 fits, 2**63 does not
        if (a.size() > 1 || m > limit || (m == limit && !negative)) int_overflow();
        *out = negative ? static_cast<i64>(0 - m) : static_cast<i64>(m);
        return true;
    }
    static int bits(std::uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }
    static int bits(u128 x) {
        return std::uint64_t(x >> 64) ? 64 + bits(std::uint64_t(x >> 64)) : bits(std::uint64_t(x));
    }
    static int bits(const Nat& a) { return a.empty() ? 0 : 64 * static_cast<int>(a.size() - 1) + bits(a.back()); }
    static void trim(Nat& a) {
        while (!a.empty() && a.back() == 0) a.pop_back();
    }
    static void add_shifted(Nat& a, u128 v, int shift) {  // a += v * 2**shift
        size_t limb = static_cast<size_t>(shift / 64);
        int off = shift % 64;
        std::uint64_t parts[3] = {std::uint64_t(v << off), std::uint64_t((v >> 1) >> (63 - off)), 0};
        if (off) parts[2] = std::uint64_t((v >> 64) >> (64 - off));
        if (a.size() < limb + 4) a.resize(limb + 4, 0);
        u128 carry = 0;
        for (size_t i = limb; i < a.size(); ++i) {
            u128 t = u128(a[i]) + (i - limb < 3 ? parts[i - limb] : 0) + carry;
            a[i] = std::uint64_t(t);
            carry = t >> 64;
            if (!carry && i - limb >= 2) break;
        }
        if (carry) a.push_back(std::uint64_t(carry));
        trim(a);
    }
    static int compare(const Nat& a, const Nat& b) {
        if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
        for (size_t i = a.size(); i-- > 0;)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }
    static void subtract(Nat& a, const Nat& b) {  // a -= b, where a >= b
        std::uint64_t borrow = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            u128 t = u128(a[i]) - (i < b.size() ? b[i] : 0) - borrow;
            a[i] = std::uint64_t(t);
            borrow = std::uint64_t(t >> 64) ? 1 : 0;
        }
        trim(a);
    }
    static void multiply(Nat& a, std::uint64_t m) {
        u128 carry = 0;
        for (std::uint64_t& limb : a) {
            u128 t = u128(limb) * m + carry;
            limb = std::uint64_t(t);
            carry = t >> 64;
        }
        if (carry) a.push_back(std::uint64_t(carry));
        trim(a);
    }
    static Nat product(const Nat& a, const Nat& b) {
        Nat r(a.size() + b.size() + 1, 0);
        for (size_t i = 0; i < a.size(); ++i) {
            u128 carry = 0;
            for (size_t j = 0; j < b.size(); ++j) {
                u128 t = u128(a[i]) * b[j] + r[i + j] + carry;
                r[i + j] = std::uint64_t(t);
                carry = t >> 64;
            }
            for (size_t k = i + b.size(); carry; ++k) {
                u128 t = u128(r[k]) + carry;
                r[k] = std::uint64_t(t);
                carry = t >> 64;
            }
        }
        trim(r);
        return r;
    }
    static std::uint64_t divide(Nat& a, std::uint64_t d) {  // a //= d; the remainder
        u128 r = 0;
        for (size_t i = a.size(); i-- > 0;) {
            u128 t = (r << 64) | a[i];
            a[i] = std::uint64_t(t / d);
            r = t % d;
        }
        trim(a);
        return std::uint64_t(r);
    }
    // floor(a * 2**s / (d1 * d2)) (s may be negative) as at most 128 bits; inexact: whether it is not exact
    static u128 quotient(const Nat& a, int s, std::uint64_t d1, std::uint64_t d2, bool* inexact) {
        Nat m;
        *inexact = false;
        if (s >= 0) {
            m.assign(static_cast<size_t>(s / 64), 0);
            std::uint64_t carry = 0;
            for (std::uint64_t limb : a) {
                m.push_back(s % 64 ? (limb << (s % 64)) | carry : limb);
                carry = s % 64 ? limb >> (64 - s % 64) : 0;
            }
            m.push_back(carry);
        } else {
            size_t drop = static_cast<size_t>(-s / 64);
            int off = -s % 64;
            for (size_t i = 0; i < a.size(); ++i) {
                if (i < drop) *inexact = *inexact || a[i];
                else if (i == drop && off) *inexact = *inexact || (a[i] & ((std::uint64_t(1) << off) - 1));
                if (i < drop) continue;
                std::uint64_t hi = i + 1 < a.size() ? a[i + 1] : 0;
                m.push_back(off ? (a[i] >> off) | (hi << (64 - off)) : a[i]);
            }
        }
        trim(m);
        *inexact = (divide(m, d1) != 0) | *inexact;
        if (d2 != 1) *inexact = (divide(m, d2) != 0) | *inexact;
        return m.empty() ? 0 : (m.size() > 1 ? u128(m[1]) << 64 : 0) | m[0];
    }
    // (q + a fraction, nonzero where sticky) * 2**e, rounded half to even to a float (subnormals
    // included); OverflowError where it is too large, as Python's int / int says it
    static double scaled(u128 q, int e, bool sticky) {
        if (q == 0) return 0.0;
        int top = bits(q) - 1 + e;  // the leading bit's weight
        int keep = std::min(53, top + 1075);
        int drop = bits(q) - keep;
        std::uint64_t mant;
        if (drop <= 0) {
            mant = std::uint64_t(q) << -drop;
        } else if (drop > bits(q)) {
            return 0.0;
        } else {
            u128 rem = q & ((u128(1) << drop) - 1), half = u128(1) << (drop - 1);
            mant = std::uint64_t(q >> drop);
            if (rem > half || (rem == half && (sticky || (mant & 1)))) ++mant;
        }
        double r = std::ldexp(static_cast<double>(mant), e + drop);
        if (std::isinf(r)) raise(Exc::OverflowError, "integer division result too large for a float");
        return r;
    }
    // a / (d1 * d2) * 2**-scale as the nearest float (Fraction.__float__: int / int)
    static double round(const Nat& a, bool negative, i64 d1, std::uint64_t d2, int scale) {
        if (a.empty()) return 0.0;
        int s = 66 + bits(std::uint64_t(d1)) + bits(d2) - bits(a);  // a quotient of 65 to 67 bits
        bool inexact;
        u128 q = quotient(a, s, std::uint64_t(d1), d2, &inexact);
        double r = scaled(q, -scale - s, inexact);
        return negative ? -r : r;
    }
    // the square root of a / (d1 * d2) * 2**-scale, as _float_sqrt_of_frac rounds it: the integer
    // square root of the value times 2**2p with 111 to 114 bits, rounded to odd (its last bit set
    // where inexact), then to the nearest float times 2**-p
    static double sqrt(const Nat& a, i64 d1, std::uint64_t d2, int scale) {
        if (a.empty()) return 0.0;
        int t = 113 - bits(a) + bits(std::uint64_t(d1)) + bits(d2) + scale;
        int p = t >= 0 ? (t + 1) / 2 : -(-t / 2);  // ceil(t / 2): 2p >= t
        bool inexact;
        u128 w = quotient(a, 2 * p - scale, std::uint64_t(d1), d2, &inexact);
        u128 r = static_cast<u128>(std::sqrt(static_cast<double>(w)));
        while (r * r > w) --r;
        while ((r + 1) * (r + 1) <= w) ++r;
        if (inexact || r * r != w) r |= 1;
        return scaled(r, -p, false);
    }
};
#endif

#if PYRITE_RT_BODIES
PYRITE_RT double mean(const List<double>& data) {
    Exact x(data);
    if (x.count < 1) raise_for_empty("mean");
    return x.finite ? x.mean() : x.special / static_cast<double>(x.count);
}
PYRITE_RT double variance(const List<double>& data) {
    Exact x(data);
    if (x.count < 2) raise_for_empty("variance");
    return x.finite ? x.spread(static_cast<std::uint64_t>(x.count - 1)) : x.special / static_cast<double>(x.count - 1);
}
PYRITE_RT double pvariance(const List<double>& data) {
    Exact x(data);
    if (x.count < 1) raise_for_empty("pvariance");
    return x.finite ? x.spread(static_cast<std::uint64_t>(x.count)) : x.special / static_cast<double>(x.count);
}
// of data holding inf or nan, CPython's _ss gives a float, which has no numerator
[[noreturn]] __attribute__((noinline, cold)) inline void no_numerator() { raise(Exc::AttributeError, "'float' object has no attribute 'numerator'"); }
template <class T>
inline double exact_stdev(const List<T>& data, i64 least, bool sample, const char* name) {
    Exact x(data);
    if (x.count < least) raise_for_empty(name);
    if (!x.finite) no_numerator();
    return x.root(static_cast<std::uint64_t>(sample ? x.count - 1 : x.count));
}
PYRITE_RT double stdev(const List<double>& data) { return exact_stdev(data, 2, true, "stdev"); }
PYRITE_RT double stdev(const List<i64>& data) { return exact_stdev(data, 2, true, "stdev"); }
PYRITE_RT double pstdev(const List<double>& data) { return exact_stdev(data, 1, false, "pstdev"); }
PYRITE_RT double pstdev(const List<i64>& data) { return exact_stdev(data, 1, false, "pstdev"); }
PYRITE_RT Real mean(const List<i64>& data) {
    Exact x(data);
    if (x.count < 1) raise_for_empty("mean");
    i64 q;
    return x.integral_mean(&q) ? Real(q) : Real(x.mean());
}
PYRITE_RT Real variance(const List<i64>& data) {
    Exact x(data);
    if (x.count < 2) raise_for_empty("variance");
    i64 q;
    std::uint64_t d = static_cast<std::uint64_t>(x.count - 1);
    return x.integral_spread(d, &q) ? Real(q) : Real(x.spread(d));
}
PYRITE_RT Real pvariance(const List<i64>& data) {
    Exact x(data);
    if (x.count < 1) raise_for_empty("pvariance");
    i64 q;
    std::uint64_t d = static_cast<std::uint64_t>(x.count);
    return x.integral_spread(d, &q) ? Real(q) : Real(x.spread(d));
}
#endif

template <class T>
PYRITE_BUILTIN("statistics.fmean") inline double fmean(const List<T>& data) {
    double total = math::fsum(data);
    if (data.len() == 0) raise_for_empty("fmean");
    return total / static_cast<double>(data.len());
}

// median: the middle one, or the mean of the two middle ones (of ints: the middle int, or the two's
// sum over 2, a float, int / int correctly rounded: an int | float by the length)
PYRITE_BUILTIN("statistics.median") PYRITE_RT double median(const List<double>& data);
PYRITE_BUILTIN("statistics.median") PYRITE_RT Real median(const List<i64>& data);
#if PYRITE_RT_BODIES
template <class T>
inline auto median_of(const List<T>& data) {
    using R = std::conditional_t<std::is_same_v<T, double>, double, Real>;
    List<T> s = data.copy();
    s.sort();
    i64 n = s.len();
    if (n == 0) raise_for_empty("median");
    if (n % 2 == 1) return R(s.at(n / 2));
    return R(truediv(add(s.at(n / 2 - 1), s.at(n / 2)), T(2)));  // of ints: checked, then int / int
}
PYRITE_RT double median(const List<double>& data) { return median_of(data); }
PYRITE_RT Real median(const List<i64>& data) { return median_of(data); }
#endif

template <class T>
PYRITE_BUILTIN("statistics.median_low") PYRITE_ORDERS inline T median_low(const List<T>& data) {
    List<T> s = data.copy();
    s.sort();
    i64 n = s.len();
    if (n == 0) raise_for_empty("median_low");
    return n % 2 == 1 ? s.at(n / 2) : s.at(n / 2 - 1);
}

template <class T>
PYRITE_BUILTIN("statistics.median_high") PYRITE_ORDERS inline T median_high(const List<T>& data) {
    List<T> s = data.copy();
    s.sort();
    if (s.len() == 0) raise_for_empty("median_high");
    return s.at(s.len() / 2);
}

// mode: Counter(data).most_common(1): the first of the most frequent, in order of first appearance
// each distinct value (==) and how often it comes, in order of first appearance
template <class T>
inline Vec<std::pair<T, i64>> counts_in_order(const List<T>& data) {
    Vec<std::pair<T, i64>> counts;
    for (i64 i = 0; i < data.len(); ++i) {
        T x = data.at(i);
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return py_eq(c.first, x); });
        if (it == counts.end()) counts.emplace_back(x, 1);
        else ++it->second;
    }
    return counts;
}
template <class T>
PYRITE_BUILTIN("statistics.mode") inline T mode(const List<T>& data) {
    if (data.len() == 0) raise_for_empty("mode");
    Vec<std::pair<T, i64>> counts = counts_in_order(data);
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it->second > best->second) best = it;
    return best->first;
}

// multimode: every value of the highest count, in order of first appearance ([] of no data)
template <class T>
PYRITE_BUILTIN("statistics.multimode") inline List<T> multimode(const List<T>& data) {
    Vec<std::pair<T, i64>> counts = counts_in_order(data);
    i64 most = 0;
    for (const auto& c : counts) most = c.second > most ? c.second : most;
    List<T> out = List<T>::make();
    for (const auto& c : counts)
        if (c.second == most) out.append(c.first);
    return out;
}

}  // namespace pyrite::statistics
