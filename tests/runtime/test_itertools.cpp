// itertools.hpp: the orders and counts of CPython's combinatoric iterators, islice's counting and
// its errors, and that an exhausted source is not asked again (the Python-level behaviour is
// tests/test_itertools.py's, against CPython itself).
#include <pyrite/itertools.hpp>

#include "check.hpp"

using pyrite::i64;
using pyrite::List;
namespace it = pyrite::itertools;

template <class T, class I>
static std::vector<T> all(I iter) {
    std::vector<T> out;
    T x{};
    while (iter.next(x)) out.push_back(x);
    return out;
}

static List<i64> range_list(i64 n) {
    List<i64> l = List<i64>::make();
    for (i64 i = 0; i < n; ++i) l.append(i);
    return l;
}

// a source that counts how often it was asked after it ran out
struct Counted {
    i64 k = 0, n, asked_after = 0;
    bool next(i64& out) {
        if (k >= n) return ++asked_after, false;
        out = k++;
        return true;
    }
};

int main() {
    using P2 = std::tuple<i64, i64>;
    // permutations(range(3), 2): CPython's order
    auto p = all<P2>(it::permutations<P2, i64>(pyrite::iter(range_list(3)), i64(2)));
    std::vector<P2> want = {{0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 0}, {2, 1}};
    CHECK(p == want);
    // counts: n! / (n - r)!, C(n, r), C(n + r - 1, r); r past n gives none; r = 0 one empty item
    using T = pyrite::Tuple<i64>;
    CHECK(all<T>(it::permutations<T, i64>(pyrite::iter(range_list(5)), std::nullopt)).size() == 120);
    CHECK(all<T>(it::permutations<T, i64>(pyrite::iter(range_list(2)), i64(3))).empty());
    CHECK(all<T>(it::permutations<T, i64>(pyrite::iter(range_list(0)), i64(0))).size() == 1);
    CHECK(all<T>(it::combinations<T, i64>(pyrite::iter(range_list(7)), 3)).size() == 35);
    CHECK(all<T>(it::combinations<T, i64>(pyrite::iter(range_list(3)), 0)).size() == 1);
    CHECK(all<T>(it::combinations_with_replacement<T, i64>(pyrite::iter(range_list(4)), 3)).size() == 20);
    CHECK(all<T>(it::combinations_with_replacement<T, i64>(pyrite::iter(range_list(0)), 1)).empty());
    CHECK(all<T>(it::combinations_with_replacement<T, i64>(pyrite::iter(range_list(0)), 0)).size() == 1);
    auto c = all<P2>(it::combinations<P2, i64>(pyrite::iter(range_list(4)), 2));
    CHECK(c.size() == 6 && c[0] == P2(0, 1) && c[2] == P2(0, 3) && c[5] == P2(2, 3));
    CHECK_RAISES((it::combinations<T, i64>(pyrite::iter(range_list(3)), -1)), ValueError, "r must be non-negative");
    CHECK_RAISES((it::permutations<T, i64>(pyrite::iter(range_list(3)), i64(-2))), ValueError, "r must be non-negative");
    // product: the last pool fastest; an empty pool, none; no pools, one empty item
    using P3 = std::tuple<i64, i64, i64>;
    auto q = all<P3>(it::product<P3, 1, i64>(pyrite::iter(range_list(2))));  // repeat=3
    CHECK(q.size() == 8 && q[1] == P3(0, 0, 1) && q[7] == P3(1, 1, 1));
    CHECK(all<P2>(it::product<P2, 2, i64, i64>(pyrite::iter(range_list(2)), pyrite::iter(range_list(0)))).empty());
    CHECK(all<std::tuple<>>(it::product<std::tuple<>, 0>()).size() == 1);
    // islice counts as islice_next does, and stops asking its source once it is done
    auto s = all<i64>(it::islice<i64>(pyrite::iter(range_list(10)), i64(1), i64(8), i64(3)));
    CHECK((s == std::vector<i64>{1, 4, 7}));
    Counted src{0, 2};
    auto sliced = it::islice<i64>(src, std::nullopt, std::nullopt, i64(1));
    i64 x = 0;
    while (sliced.next(x)) {
    }
    CHECK(!sliced.next(x) && sliced.it.asked_after == 1);
    CHECK_RAISES((it::islice<i64>(pyrite::iter(range_list(3)), i64(-1))), ValueError,
                 "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    CHECK_RAISES((it::islice<i64>(pyrite::iter(range_list(3)), i64(-2))), ValueError,
                 "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    CHECK_RAISES((it::islice<i64>(pyrite::iter(range_list(3)), i64(0), i64(2), i64(0))), ValueError,
                 "Step for islice() must be a positive integer or None.");
    // count: an int past 64 bits is OverflowError when it is reached, not before
    auto cnt = it::count<i64>(INT64_MAX - 1, 1);
    CHECK(cnt.next(x) && x == INT64_MAX - 1 && cnt.next(x) && x == INT64_MAX);
    CHECK_RAISES(cnt.next(x), OverflowError, nullptr);
    // pairwise and zip_longest stop asking exhausted sources
    auto pw = it::pairwise<i64>(Counted{0, 3});
    CHECK(all<P2>(pw).size() == 2);
    using O2 = std::tuple<std::optional<i64>, std::optional<i64>>;
    auto zl = all<O2>(it::zip_longest<O2>(std::nullopt, Counted{0, 1}, Counted{0, 3}));
    CHECK(zl.size() == 3 && !std::get<0>(zl[2]) && std::get<1>(zl[2]) == 2);
    // cycle of nothing ends; cycle repeats the saved items
    CHECK(all<i64>(it::cycle<i64>(Counted{0, 0})).empty());
    auto cy = it::islice<i64>(it::cycle<i64>(Counted{0, 2}), i64(5));
    CHECK((all<i64>(cy) == std::vector<i64>{0, 1, 0, 1, 0}));
    return summary("runtime itertools");
}
