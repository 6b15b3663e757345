// The statistics module's functions whose results are exact without Python's fractions: fmean
// (fsum / n), median of floats, median_low, median_high and mode, as statistics.py computes
// them. Where CPython raises StatisticsError (empty data), statistics' own function is called on
// an empty list and raises it: the caller sees that very class and message.
#pragma once
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

template <class T>
PYRITE_BUILTIN("statistics.fmean") inline double fmean(const List<T>& data) {
    double total = math::fsum(data);
    if (data.len() == 0) raise_for_empty("fmean");
    return total / static_cast<double>(data.len());
}

// median of floats: the middle one, or the mean of the two middle ones (of ints it is an int or
// a float by the length: typeinfer's table has no such overload, so it is not compiled)
PYRITE_BUILTIN("statistics.median") PYRITE_RT double median(const List<double>& data) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    List<double> s = data.copy();
    s.sort();
    i64 n = s.len();
    if (n == 0) raise_for_empty("median");
    if (n % 2 == 1) return s.at(n / 2);
    return (s.at(n / 2 - 1) + s.at(n / 2)) / 2;
}
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
template <class T>
PYRITE_BUILTIN("statistics.mode") inline T mode(const List<T>& data) {
    if (data.len() == 0) raise_for_empty("mode");
    std::vector<std::pair<T, i64>> counts;
    for (i64 i = 0; i < data.len(); ++i) {
        T x = data.at(i);
        auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return py_eq(c.first, x); });
        if (it == counts.end()) counts.emplace_back(x, 1);
        else ++it->second;
    }
    auto best = counts.begin();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it->second > best->second) best = it;
    return best->first;
}

}  // namespace pyrite::statistics
