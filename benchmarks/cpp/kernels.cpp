// Hand-written C++ versions of benchmarks/kernels.py, the yardstick for pyrite's output.
// Built with pyrite's own flags (-O2 -march=native -ffp-contract=off); plain int64 arithmetic,
// no overflow checks: what a C++ programmer would write. NAME_checked variants add the
// overflow checks Python's int semantics need (pyrite raises OverflowError, never wraps),
// to tell the cost of those checks from the cost of pyrite's code.
//   kernels NAME ARG... -> prints "result seconds" (best of 5)
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using i64 = std::int64_t;

static i64 collatz_len(i64 n) {
    i64 steps = 0;
    while (n != 1) {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1;
        ++steps;
    }
    return steps;
}
static i64 collatz_total(i64 limit) {
    i64 total = 0;
    for (i64 n = 1; n < limit; ++n) total += collatz_len(n);
    return total;
}
static i64 mandel_grid(i64 size, i64 max_iter) {
    i64 total = 0;
    for (i64 y = 0; y < size; ++y) {
        double ci = -1.5 + 3.0 * y / size;
        for (i64 x = 0; x < size; ++x) {
            double cr = -2.0 + 3.0 * x / size, zr = 0, zi = 0;
            i64 i = 0;
            while (i < max_iter && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                ++i;
            }
            total += i;
        }
    }
    return total;
}
static double integrate_sin(i64 n) {
    double h = M_PI / n, total = 0;
    for (i64 i = 0; i < n; ++i) total += std::sin((i + 0.5) * h);
    return total * h;
}
static i64 fib(i64 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
[[noreturn]] __attribute__((noinline, cold)) static void overflow() { std::abort(); }
static inline i64 checked_add(i64 a, i64 b) {
    i64 r;
    if (__builtin_expect(__builtin_add_overflow(a, b, &r), 0)) overflow();
    return r;
}
static inline i64 checked_sub(i64 a, i64 b) {
    i64 r;
    if (__builtin_expect(__builtin_sub_overflow(a, b, &r), 0)) overflow();
    return r;
}
static inline i64 checked_mul(i64 a, i64 b) {
    i64 r;
    if (__builtin_expect(__builtin_mul_overflow(a, b, &r), 0)) overflow();
    return r;
}
static i64 fib_checked(i64 n) { return n < 2 ? n : checked_add(fib_checked(checked_sub(n, 1)), fib_checked(checked_sub(n, 2))); }
static i64 collatz_total_checked(i64 limit) {
    i64 total = 0;
    for (i64 m = 1; m < limit; ++m) {
        i64 n = m, steps = 0;
        while (n != 1) {
            n = n % 2 == 0 ? n / 2 : checked_add(checked_mul(3, n), 1);
            steps = checked_add(steps, 1);
        }
        total = checked_add(total, steps);
    }
    return total;
}
static i64 gcd_sum(i64 n) {
    i64 total = 0;
    for (i64 a = 1; a < n; ++a)
        for (i64 b = 1; b < n; ++b) {
            i64 x = a, y = b;
            while (y) {
                i64 t = x % y;
                x = y;
                y = t;
            }
            total += x;
        }
    return total;
}

static i64 sieve(i64 n) {
    std::vector<char> flags(n + 1, 1);
    flags[0] = flags[1] = 0;
    for (i64 i = 2; i * i <= n; ++i)
        if (flags[i])
            for (i64 j = i * i; j <= n; j += i) flags[j] = 0;
    i64 count = 0;
    for (char f : flags) count += f;
    return count;
}

template <class F>
static void bench(F f) {
    double best = 1e30;
    decltype(f()) result{};
    for (int r = 0; r < 5; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        result = f();
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s < best) best = s;
    }
    std::printf("%.17g %.9f\n", (double)result, best);
}

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    const char* k = argv[1];
    auto arg = [&](int i) { return (i64)std::atoll(argv[2 + i]); };
    if (!std::strcmp(k, "collatz_total")) bench([&] { return collatz_total(arg(0)); });
    else if (!std::strcmp(k, "mandel_grid")) bench([&] { return mandel_grid(arg(0), arg(1)); });
    else if (!std::strcmp(k, "integrate_sin")) bench([&] { return integrate_sin(arg(0)); });
    else if (!std::strcmp(k, "fib")) bench([&] { return fib(arg(0)); });
    else if (!std::strcmp(k, "gcd_sum")) bench([&] { return gcd_sum(arg(0)); });
    else if (!std::strcmp(k, "sieve")) bench([&] { return sieve(arg(0)); });
    else if (!std::strcmp(k, "fib_checked")) bench([&] { return fib_checked(arg(0)); });
    else if (!std::strcmp(k, "collatz_total_checked")) bench([&] { return collatz_total_checked(arg(0)); });
    else return 3;  // no such kernel
    return 0;
}
