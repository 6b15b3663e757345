// The random module, on the caller's own generator: compiled code draws from the object
// behind random.random (random._inst: random.uniform(a, b) is random._inst.uniform(a, b), as in
// Python) and changes its state in place, so random.seed(7) in Python and a draw in compiled
// code, or the reverse, continue one sequence, CPython's. A random.Random(seed) object is drawn
// from the same way: compiled code holds a reference to the Python object (Rng).
//
// The state is read where _randommodule.c keeps it (its RandomObject: PyObject_HEAD, int index,
// uint32_t state[624]), after a check at the first use that getstate() reports the same words
// there; where it does not (another CPython), every 32-bit word comes from the object's own
// getrandbits(32) instead. Each function is random.py's algorithm over those words: random()
// from two words (genrand_res53), getrandbits(k) and _randbelow(n) (getrandbits(n.bit_length())
// until below n) as CPython's. Where CPython raises before drawing, the same method of the
// same object is called with the same arguments and raises: its type and message are the
// running Python's. PYRITE_HOLDS_GIL: a function that draws keeps the GIL, so no other thread
// moves the state under it (and an Rng's reference count changes under the GIL).
#pragma once
#include <cmath>
#include <cstdint>
#include <unordered_set>

#include "builtins/range.hpp"
#include "list.hpp"
#include "pycall.hpp"

namespace pyrite::random {

constexpr int kN = 624, kM = 397;

// _randommodule.c's RandomObject
struct RandomObject {
    PyObject_HEAD
    int index;
    uint32_t state[kN];
};

// a random.Random object (exactly that class: a subclass may draw its words another way)
struct Rng {
    PyObject* obj = nullptr;
    RandomObject* mt = nullptr;  // its state in place, or null: words through its getrandbits(32)
    unsigned long saved = 0;     // the undo_log epoch its state was last saved in (save_state)
    Rng() = default;
    Rng(PyObject* o, RandomObject* m) : obj(o), mt(m) {}  // takes the reference
    Rng(const Rng& o) : obj(o.obj), mt(o.mt), saved(o.saved) { Py_XINCREF(obj); }
    Rng(Rng&& o) noexcept : obj(o.obj), mt(o.mt), saved(o.saved) { o.obj = nullptr; }
    Rng& operator=(Rng o) noexcept {
        std::swap(obj, o.obj);
        std::swap(mt, o.mt);
        std::swap(saved, o.saved);
        return *this;
    }
    ~Rng() { Py_XDECREF(obj); }
};

// Whether `inst`'s state is at RandomObject's offsets: getstate()'s words are the ones there
inline bool layout_matches(PyObject* inst) {
    if (Py_TYPE(inst)->tp_basicsize < static_cast<Py_ssize_t>(sizeof(RandomObject))) return false;
    PyObject* st = PyObject_CallMethod(inst, "getstate", nullptr);  // (version, words + (index,), gauss_next)
    if (!st) raise_python_error();
    auto* mt = reinterpret_cast<RandomObject*>(inst);
    PyObject* words = PyTuple_Check(st) && PyTuple_GET_SIZE(st) == 3 ? PyTuple_GET_ITEM(st, 1) : nullptr;
    bool ok = words && PyTuple_Check(words) && PyTuple_GET_SIZE(words) == kN + 1;
    for (Py_ssize_t i = 0; ok && i <= kN; ++i) {
        unsigned long w = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(words, i));
        ok = !PyErr_Occurred() && w == (i < kN ? mt->state[i] : static_cast<unsigned long>(mt->index));
    }
    PyErr_Clear();
    Py_DECREF(st);
    return ok;
}

// random.Random, imported once
inline PyObject* random_class() {
    static PyObject* cls = nullptr;
    if (!cls && !capi::module_attr(cls, "random", "Random")) raise_python_error();
    return cls;
}

// an Rng of `o`, a random.Random (a new reference); the layout is checked once, on the first
inline Rng rng_of(PyObject* o) {
    static int layout = -1;
    if (PYRITE_UNLIKELY(layout < 0)) layout = layout_matches(o);
    return Rng(Py_NewRef(o), layout ? reinterpret_cast<RandomObject*>(o) : nullptr);
}

// The state of a generator Python holds too, before compiled code draws from it: the glue's
// UndoScope puts it back before the call runs again in CPython (core.hpp's undo_log), so CPython's
// run draws what the compiled one drew. Saved as it is about to change, so a call that draws a
// few numbers pays for an index: the index at the first draw (UndoEntry::word), the 624 words
// before a twist or a seed() first rewrites them (more), gauss()'s waiting value before gauss()
// or seed() first sets it (more2: null until then). Where it cannot be saved (a subclass's own
// state; outside any call, in a generator Python drives), a draw is an effect Python sees, and the
// call cannot run again.

inline void restore_generator(UndoEntry& e) {
    auto* mt = static_cast<RandomObject*>(e.obj);
    mt->index = static_cast<int>(e.word);
    if (e.more) std::memcpy(mt->state, e.more, sizeof mt->state);
    if (e.more2 && PyObject_SetAttrString(reinterpret_cast<PyObject*>(mt), "gauss_next", static_cast<PyObject*>(e.more2)) < 0)
        PyErr_Clear();
}
inline void drop_generator(UndoEntry& e) {
    delete[] static_cast<uint32_t*>(e.more);
    Py_XDECREF(static_cast<PyObject*>(e.more2));
}

__attribute__((noinline)) inline void save_index(Rng& s) {
    s.saved = undo_log.epoch;
    if (!s.mt || undo_log.depth == 0) {
        python_sees_effect();
        return;
    }
    // the Rng's object lives for the whole call (the shared one for ever, an argument in the glue)
    undo_log.entries.push_back(UndoEntry{restore_generator, drop_generator, s.mt, s.mt->index, nullptr, nullptr});
}
inline void save_state(Rng& s) {
    if (PYRITE_UNLIKELY(s.saved != undo_log.epoch)) save_index(s);
}

// before r's words change (a twist, a seed) or its gauss_next: each open entry of r that has not
// saved them yet does now
inline void save_before_change(RandomObject& r, bool words, bool gauss) {
    for (UndoEntry& e : undo_log.entries) {
        if (e.restore != restore_generator || e.obj != &r) continue;
        if (words && !e.more) {
            auto* copy = new uint32_t[kN];
            std::memcpy(copy, r.state, sizeof r.state);
            e.more = copy;
        }
        if (gauss && !e.more2) {
            PyObject* g = PyObject_GetAttrString(reinterpret_cast<PyObject*>(&r), "gauss_next");
            if (!g) {
                PyErr_Clear();
                g = Py_NewRef(Py_None);
            }
            e.more2 = g;
        }
    }
}

// the generator of the random module (the GIL is held: PYRITE_HOLDS_GIL); what random.NAME(...)
// calls NAME of (frontend: lower_random_call). Never released.
PYRITE_BUILTIN("random.$shared") PYRITE_HOLDS_GIL inline const Rng& shared() {
    static Rng* s = nullptr;
    if (PYRITE_UNLIKELY(!s)) {
        PyObject* mod = PyImport_ImportModule("random");
        PyObject* inst = mod ? PyObject_GetAttrString(mod, "_inst") : nullptr;
        Py_XDECREF(mod);
        if (!inst) raise_python_error();
        bool exact = Py_TYPE(inst) == reinterpret_cast<PyTypeObject*>(random_class());
        s = new Rng(exact ? rng_of(inst) : Rng(Py_NewRef(inst), nullptr));
        Py_DECREF(inst);
    }
    save_state(*s);  // a draw: Python's random moves on, and a rerun must find it as it was
    return *s;
}

// the next 624 words at once (genrand_uint32's refill), out of the draws' way
__attribute__((noinline)) inline void twist(RandomObject& r) {
    if (!undo_log.entries.empty()) save_before_change(r, true, false);
    static constexpr uint32_t mag01[2] = {0x0U, 0x9908b0dfU};
    constexpr uint32_t upper = 0x80000000U, lower = 0x7fffffffU;
    uint32_t* mt = r.state;
    uint32_t y;
    int kk;
    for (kk = 0; kk < kN - kM; kk++) {
        y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + kM] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < kN - 1; kk++) {
        y = (mt[kk] & upper) | (mt[kk + 1] & lower);
        mt[kk] = mt[kk + (kM - kN)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    y = (mt[kN - 1] & upper) | (mt[0] & lower);
    mt[kN - 1] = mt[kM - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    r.index = 0;
}

// genrand_uint32's tempering of a state word
inline uint32_t temper(uint32_t y) {
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

// genrand_uint32 of _randommodule.c
inline uint32_t genrand(RandomObject& r) {
    if (PYRITE_UNLIKELY(r.index >= kN)) twist(r);
    return temper(r.state[r.index++]);
}

// one 32-bit word of the generator's sequence
__attribute__((noinline)) inline uint32_t word_from_python(const Rng& s) {
    PyObject* r = PyObject_CallMethod(s.obj, "getrandbits", "i", 32);
    if (!r) raise_python_error();
    unsigned long w = PyLong_AsUnsignedLong(r);
    Py_DECREF(r);
    if (PyErr_Occurred()) raise_python_error();
    return static_cast<uint32_t>(w);
}
inline uint32_t word(const Rng& s) { return PYRITE_LIKELY(s.mt != nullptr) ? genrand(*s.mt) : word_from_python(s); }

// Python's own method, called where it raises before drawing: its exception, as pyrite's error
template <class... A>
[[noreturn]] __attribute__((noinline, cold)) inline void python_raises(const Rng& g, const char* method, const char* format,
                                                                        A... args) {
    PyObject* r = PyObject_CallMethod(g.obj, method, format, args...);
    if (!r) raise_python_error();
    Py_DECREF(r);
    raise(Exc::RuntimeError, "pyrite: random's arguments were refused, but Python's random accepts them (a pyrite bug)");
}

// random_random: 53 bits from two words
inline double next_double(const Rng& s) {
    uint32_t a, b;
    if (PYRITE_LIKELY(s.mt != nullptr && s.mt->index < kN - 1)) {  // both words without a refill
        RandomObject& r = *s.mt;
        a = temper(r.state[r.index]) >> 5;
        b = temper(r.state[r.index + 1]) >> 6;
        r.index += 2;
    } else {
        a = word(s) >> 5;
        b = word(s) >> 6;
    }
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

// random_getrandbits for 0 <= k <= 63: the words little end first, the last one's top bits
inline i64 bits(const Rng& s, i64 k) {
    if (k <= 32) return k == 0 ? 0 : static_cast<i64>(word(s) >> (32 - k));
    uint64_t lo = word(s);
    uint64_t hi = word(s) >> (64 - k);
    return static_cast<i64>(lo | hi << 32);
}

// _randbelow_with_getrandbits, 0 < n
inline i64 below(const Rng& s, i64 n) {
    int k = 64 - __builtin_clzll(static_cast<uint64_t>(n));  // n.bit_length()
    i64 r = bits(s, k);
    while (r >= n) r = bits(s, k);
    return r;
}

PYRITE_BUILTIN("random.Random.random") PYRITE_HOLDS_GIL inline double random(const Rng& self) { return next_double(self); }

PYRITE_BUILTIN("random.Random.getrandbits") PYRITE_HOLDS_GIL inline i64 getrandbits(const Rng& self, i64 k) {
    if (k < 0) python_raises(self, "getrandbits", "L", static_cast<long long>(k));
    if (k <= 63) return bits(self, k);
    // CPython's words, all drawn; the result is pyrite's int where it fits
    const Rng& s = self;
    uint64_t lo = word(s);
    bool big = false;
    for (i64 i = 1, left = k - 32; left > 0; ++i, left -= 32) {
        uint32_t w = word(s);
        if (left < 32) w >>= 32 - left;
        if (i == 1) lo |= static_cast<uint64_t>(w) << 32;
        else big = big || w != 0;
    }
    if (big || lo > static_cast<uint64_t>(INT64_MAX)) int_overflow();
    return static_cast<i64>(lo);
}

PYRITE_BUILTIN("random.Random.randrange") PYRITE_HOLDS_GIL inline i64 randrange(const Rng& self, i64 stop) {
    if (stop <= 0) python_raises(self, "randrange", "L", static_cast<long long>(stop));
    return below(self, stop);
}
PYRITE_BUILTIN("random.Random.randrange") PYRITE_HOLDS_GIL inline i64 randrange(const Rng& self, i64 start, i64 stop) {
    i64 width = sub(stop, start);
    if (width <= 0) python_raises(self, "randrange", "LL", static_cast<long long>(start), static_cast<long long>(stop));
    return start + below(self, width);
}
PYRITE_BUILTIN("random.Random.randrange") PYRITE_HOLDS_GIL inline i64 randrange(const Rng& self, i64 start, i64 stop, i64 step) {
    if (step == 1) return randrange(self, start, stop);
    i64 width = sub(stop, start);
    i64 n = step > 0 ? floordiv(add(width, step - 1), step) : step < 0 ? floordiv(add(width, step + 1), step) : 0;
    if (step == 0 || n <= 0)
        python_raises(self, "randrange", "LLL", static_cast<long long>(start), static_cast<long long>(stop),
                      static_cast<long long>(step));
    return add(start, mul(step, below(self, n)));
}
PYRITE_BUILTIN("random.Random.randint") PYRITE_HOLDS_GIL inline i64 randint(const Rng& self, i64 a, i64 b) {
    return randrange(self, a, add(b, i64(1)));
}

PYRITE_BUILTIN("random.Random.uniform") PYRITE_HOLDS_GIL inline double uniform(const Rng& self, double a, double b) {
    return a + (b - a) * next_double(self);
}

PYRITE_BUILTIN("random.Random.triangular") PYRITE_HOLDS_GIL inline double triangular(const Rng& self, double low = 0.0, double high = 1.0) {
    double u = next_double(self), c = 0.5;
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return low + (high - low) * std::sqrt(u * c);
}
PYRITE_BUILTIN("random.Random.triangular") PYRITE_HOLDS_GIL inline double triangular(const Rng& self, double low, double high, double mode) {
    double u = next_double(self);
    if (high - low == 0.0) return low;  // (mode - low) / (high - low) raised ZeroDivisionError
    double c = (mode - low) / (high - low);
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        std::swap(low, high);
    }
    return low + (high - low) * std::sqrt(u * c);
}

// Kinderman and Monahan, as random.py
PYRITE_BUILTIN("random.Random.normalvariate") PYRITE_HOLDS_GIL inline double normalvariate(const Rng& self, double mu = 0.0, double sigma = 1.0) {
    const double magic = 4 * std::exp(-0.5) / std::sqrt(2.0);  // NV_MAGICCONST
    const Rng& s = self;
    double z;
    while (true) {
        double u1 = next_double(s);
        double u2 = 1.0 - next_double(s);
        z = magic * (u1 - 0.5) / u2;
        double zz = z * z / 4.0;
        if (zz <= -std::log(u2)) break;
    }
    return mu + z * sigma;
}

PYRITE_BUILTIN("random.Random.lognormvariate") PYRITE_HOLDS_GIL inline double lognormvariate(const Rng& self, double mu, double sigma) {
    double x = std::exp(normalvariate(self, mu, sigma));
    if (PYRITE_UNLIKELY(std::isinf(x))) raise(Exc::OverflowError, "math range error");
    return x;
}

// the pair's second value waits in the object's gauss_next, where Python's gauss finds it
PYRITE_BUILTIN("random.Random.gauss") PYRITE_HOLDS_GIL inline double gauss(const Rng& self, double mu = 0.0, double sigma = 1.0) {
    const Rng& s = self;
    if (s.mt && !undo_log.entries.empty()) save_before_change(*s.mt, false, true);
    PyObject* next = PyObject_GetAttrString(s.obj, "gauss_next");
    if (!next) raise_python_error();
    double z;
    bool have = next != Py_None;
    if (have) {
        z = PyFloat_AsDouble(next);
        Py_DECREF(next);
        if (z == -1.0 && PyErr_Occurred()) raise_python_error();
        if (PyObject_SetAttrString(s.obj, "gauss_next", Py_None) < 0) raise_python_error();
    } else {
        Py_DECREF(next);
        double x2pi = next_double(s) * (2.0 * M_PI);
        double g2rad = std::sqrt(-2.0 * std::log(1.0 - next_double(s)));
        z = std::cos(x2pi) * g2rad;
        PyObject* other = PyFloat_FromDouble(std::sin(x2pi) * g2rad);
        if (!other || PyObject_SetAttrString(s.obj, "gauss_next", other) < 0) {
            Py_XDECREF(other);
            raise_python_error();
        }
        Py_DECREF(other);
    }
    return mu + z * sigma;
}

PYRITE_BUILTIN("random.Random.expovariate") PYRITE_HOLDS_GIL inline double expovariate(const Rng& self, double lambd) {
    return truediv(-std::log(1.0 - next_double(self)), lambd);
}

PYRITE_BUILTIN("random.Random.paretovariate") PYRITE_HOLDS_GIL inline double paretovariate(const Rng& self, double alpha) {
    double u = 1.0 - next_double(self);
    return pow(u, truediv(-1.0, alpha));
}

PYRITE_BUILTIN("random.Random.weibullvariate") PYRITE_HOLDS_GIL inline double weibullvariate(const Rng& self, double alpha, double beta) {
    double u = 1.0 - next_double(self);
    return alpha * pow(-std::log(u), truediv(1.0, beta));
}

// vonmisesvariate, gammavariate and betavariate: random.py 3.11's rejection loops
PYRITE_BUILTIN("random.Random.vonmisesvariate") PYRITE_HOLDS_GIL inline double vonmisesvariate(const Rng& self, double mu,
                                                                                                double kappa) {
    const double twopi = 2.0 * M_PI;
    if (kappa <= 1e-6) return twopi * next_double(self);
    double s = 0.5 / kappa, r = s + std::sqrt(1.0 + s * s), z;
    while (true) {
        double u1 = next_double(self);
        z = std::cos(M_PI * u1);
        double d = z / (r + z);
        double u2 = next_double(self);
        if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * std::exp(d)) break;
    }
    double q = 1.0 / r, f = (q + z) / (1.0 + q * z);
    double u3 = next_double(self);
    return u3 > 0.5 ? mod(mu + std::acos(f), twopi) : mod(mu - std::acos(f), twopi);
}

PYRITE_BUILTIN("random.Random.gammavariate") PYRITE_HOLDS_GIL inline double gammavariate(const Rng& self, double alpha,
                                                                                          double beta) {
    if (alpha <= 0.0 || beta <= 0.0) python_raises(self, "gammavariate", "dd", alpha, beta);
    if (alpha > 1.0) {
        const double log4 = std::log(4.0), sg_magic = 1.0 + std::log(4.5);
        double ainv = std::sqrt(2.0 * alpha - 1.0), bbb = alpha - log4, ccc = alpha + ainv;
        while (true) {
            double u1 = next_double(self);
            if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
            double u2 = 1.0 - next_double(self);
            double v = std::log(u1 / (1.0 - u1)) / ainv;
            double x = alpha * std::exp(v);
            double z = u1 * u1 * u2;
            double r = bbb + ccc * v - x;
            if (r + sg_magic - 4.5 * z >= 0.0 || r >= std::log(z)) return x * beta;
        }
    }
    if (alpha == 1.0) return -std::log(1.0 - next_double(self)) * beta;
    double x;
    while (true) {
        double u = next_double(self);
        double b = (M_E + alpha) / M_E;
        double p = b * u;
        x = p <= 1.0 ? pow(p, 1.0 / alpha) : -std::log((b - p) / alpha);
        double u1 = next_double(self);
        if (p > 1.0) {
            if (u1 <= pow(x, alpha - 1.0)) break;
        } else if (u1 <= std::exp(-x)) {
            break;
        }
    }
    return x * beta;
}

PYRITE_BUILTIN("random.Random.betavariate") PYRITE_HOLDS_GIL inline double betavariate(const Rng& self, double alpha,
                                                                                        double beta) {
    double y = gammavariate(self, alpha, 1.0);
    if (y != 0.0) return y / (y + gammavariate(self, beta, 1.0));
    return 0.0;
}

// ------------------------------------------------------------ sequences

template <class T>
PYRITE_BUILTIN("random.Random.choice") PYRITE_HOLDS_GIL inline T choice(const Rng& self, const List<T>& seq) {
    if (seq.len() == 0) {
        PyObject* empty = PyList_New(0);
        if (!empty) raise_python_error();
        python_raises(self, "choice", "N", empty);
    }
    return seq.at(below(self, seq.len()));
}
PYRITE_BUILTIN("random.Random.choice") PYRITE_HOLDS_GIL inline Str choice(const Rng& self, const Str& seq) {
    if (seq.len() == 0) python_raises(self, "choice", "s", "");
    return seq.get(below(self, seq.len()));
}

template <class T>
PYRITE_BUILTIN("random.Random.shuffle") PYRITE_HOLDS_GIL inline none_t shuffle(const Rng& self, const List<T>& x) {
    const Rng& s = self;
    auto& items = x.items();
    for (i64 i = x.len() - 1; i >= 1; --i) {
        i64 j = below(s, i + 1);
        std::swap(items[static_cast<size_t>(i)], items[static_cast<size_t>(j)]);
    }
    x.mark_changed();
    return {};
}

// selections without replacement: a pool for small populations, a set of chosen indices for
// large ones, with random.py's threshold, so that the draws are CPython's. at(j): the
// population's item j, of any sequence (a list, a range, a str)
template <class T, class At>
inline List<T> sample_of(const Rng& self, i64 n, i64 k, At at) {
    if (k < 0 || k > n) {
        PyObject* range = PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyRange_Type), "L", static_cast<long long>(n));
        if (!range) raise_python_error();
        python_raises(self, "sample", "NL", range, static_cast<long long>(k));
    }
    const Rng& s = self;
    List<T> result = List<T>::make();
    result.reserve_more(k);
    i64 setsize = 21;
    if (k > 5) setsize += static_cast<i64>(std::pow(4.0, std::ceil(std::log(double(k * 3)) / std::log(4.0))));
    if (n <= setsize) {
        Vec<T> pool;
        pool.reserve(static_cast<size_t>(n));
        for (i64 j = 0; j < n; ++j) pool.push_back(at(j));
        for (i64 i = 0; i < k; ++i) {
            i64 j = below(s, n - i);
            result.append(pool[static_cast<size_t>(j)]);
            pool[static_cast<size_t>(j)] = pool[static_cast<size_t>(n - i - 1)];
        }
    } else {
        std::unordered_set<i64> selected;
        for (i64 i = 0; i < k; ++i) {
            i64 j = below(s, n);
            while (selected.count(j)) j = below(s, n);
            selected.insert(j);
            result.append(at(j));
        }
    }
    return result;
}
template <class T>
PYRITE_BUILTIN("random.Random.sample") PYRITE_HOLDS_GIL inline List<T> sample(const Rng& self, const List<T>& population, i64 k) {
    return sample_of<T>(self, population.len(), k, [&](i64 j) { return population.at(j); });
}
// random.sample(range(100), 5): a range is a sequence (its items are not made). Not templates, so
// the library's (core.hpp): a header function that instantiates one costs every module
PYRITE_BUILTIN("random.Random.sample") PYRITE_HOLDS_GIL PYRITE_RT List<i64> sample(const Rng& self, const Range& population, i64 k) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return sample_of<i64>(self, population.len(), k, [&](i64 j) { return population.at(j); });
}
#endif
PYRITE_BUILTIN("random.Random.sample") PYRITE_HOLDS_GIL PYRITE_RT List<Str> sample(const Rng& self, const Str& population, i64 k) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    return sample_of<Str>(self, population.len(), k, [&](i64 j) { return population.get(j); });
}
#endif
// random.choice(range(1, 7)): a die
PYRITE_BUILTIN("random.Random.choice") PYRITE_HOLDS_GIL PYRITE_RT i64 choice(const Rng& self, const Range& seq) PYRITE_RT_DECLARE
#if PYRITE_RT_BODIES
{
    if (seq.len() == 0) {
        PyObject* empty = PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyRange_Type), "L", 0LL);
        if (!empty) raise_python_error();
        python_raises(self, "choice", "N", empty);
    }
    return seq.at(below(self, seq.len()));
}
#endif

// choices(population, k=k): population[floor(random() * n)], k times
template <class T>
PYRITE_BUILTIN("random.Random.choices") PYRITE_HOLDS_GIL inline List<T> choices(const Rng& self, const List<T>& population, none_t weights = {},
                                                                          i64 k = 1) {
    (void)weights;
    const Rng& s = self;
    double n = static_cast<double>(population.len());
    List<T> result = List<T>::make();
    for (i64 i = 0; i < k; ++i) result.append(population.get(static_cast<i64>(std::floor(next_double(s) * n))));
    return result;
}

// with cumulative weights: bisect_right(cum_weights, random() * total, 0, n - 1) picks each
template <class T, class W>
inline List<T> choose_cumulative(const Rng& s, const List<T>& population, const Vec<W>& cum, i64 k) {
    i64 n = population.len();
    if (static_cast<i64>(cum.size()) != n) raise(Exc::ValueError, "The number of weights does not match the population");
    if (n == 0) raise(Exc::IndexError, "list index out of range");  // cum_weights[-1]
    double total = static_cast<double>(cum.back()) + 0.0;
    if (total <= 0.0) raise(Exc::ValueError, "Total of weights must be greater than zero");
    if (!std::isfinite(total)) raise(Exc::ValueError, "Total of weights must be finite");
    List<T> result = List<T>::make();
    for (i64 i = 0; i < k; ++i) {
        double x = next_double(s) * total;
        i64 lo = 0, hi = n - 1;
        while (lo < hi) {
            i64 mid = (lo + hi) / 2;
            bool below_mid;
            if constexpr (std::is_same_v<W, double>) below_mid = x < cum[static_cast<size_t>(mid)];
            else below_mid = lt(x, cum[static_cast<size_t>(mid)]);  // a float against an int, exactly
            if (below_mid) hi = mid;
            else lo = mid + 1;
        }
        result.append(population.at(lo));
    }
    return result;
}
template <class T, class W>
PYRITE_BUILTIN("random.Random.choices") PYRITE_HOLDS_GIL inline List<T> choices(const Rng& self, const List<T>& population, const List<W>& weights,
                                                                          i64 k = 1) {
    Vec<W> cum;
    W total{};
    for (i64 i = 0; i < weights.len(); ++i) {
        W w = weights.at(i);
        total = i == 0 ? w : add(total, w);
        cum.push_back(total);
    }
    return choose_cumulative(self, population, cum, k);
}
template <class T, class W>
PYRITE_BUILTIN("random.Random.choices") PYRITE_HOLDS_GIL inline List<T> choices(const Rng& self, const List<T>& population, none_t weights = {},
                                                                          const List<W>& cum_weights = {}, i64 k = 1) {
    (void)weights;
    Vec<W> cum;
    for (i64 i = 0; i < cum_weights.len(); ++i) cum.push_back(cum_weights.at(i));
    return choose_cumulative(self, population, cum, k);
}

// ------------------------------------------------------------ seeding: Python's own seed()

template <class A>
inline none_t seed_with(const Rng& self, const char* format, A a) {
    if (self.mt && !undo_log.entries.empty()) save_before_change(*self.mt, true, true);
    PyObject* r = PyObject_CallMethod(self.obj, "seed", format, a);
    if (!r) raise_python_error();
    Py_DECREF(r);
    return {};
}
PYRITE_BUILTIN("random.Random.seed") PYRITE_HOLDS_GIL inline none_t seed(const Rng& self) { return seed_with(self, "O", Py_None); }
PYRITE_BUILTIN("random.Random.seed") PYRITE_HOLDS_GIL inline none_t seed(const Rng& self, none_t) { return seed(self); }
PYRITE_BUILTIN("random.Random.seed") PYRITE_HOLDS_GIL inline none_t seed(const Rng& self, i64 a) {
    return seed_with(self, "L", static_cast<long long>(a));
}
PYRITE_BUILTIN("random.Random.seed") PYRITE_HOLDS_GIL inline none_t seed(const Rng& self, double a) { return seed_with(self, "d", a); }
PYRITE_BUILTIN("random.Random.seed") PYRITE_HOLDS_GIL inline none_t seed(const Rng& self, const Str& a) {
    PyObject* s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, a.data(), a.len());
    if (!s) raise_python_error();
    return seed_with(self, "N", s);
}

// random.Random(seed): Python's own constructor, seeding as Python seeds
template <class A>
inline Rng make_with(const char* format, A a) {
    PyObject* o = PyObject_CallFunction(random_class(), format, a);
    if (!o) raise_python_error();
    Rng r = rng_of(o);
    Py_DECREF(o);
    return r;
}
PYRITE_BUILTIN("random.Random") PYRITE_HOLDS_GIL inline Rng make() { return make_with("O", Py_None); }
PYRITE_BUILTIN("random.Random") PYRITE_HOLDS_GIL inline Rng make(none_t) { return make(); }
PYRITE_BUILTIN("random.Random") PYRITE_HOLDS_GIL inline Rng make(i64 x) { return make_with("L", static_cast<long long>(x)); }
PYRITE_BUILTIN("random.Random") PYRITE_HOLDS_GIL inline Rng make(double x) { return make_with("d", x); }
PYRITE_BUILTIN("random.Random") PYRITE_HOLDS_GIL inline Rng make(const Str& x) {
    PyObject* s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, x.data(), x.len());
    if (!s) raise_python_error();
    return make_with("N", s);
}

}  // namespace pyrite::random

namespace pyrite::capi {
// a random.Random crossing the boundary: the object itself, either way
inline bool from_py(PyObject* o, random::Rng* out, const Where& w) {
    if (Py_TYPE(o) != reinterpret_cast<PyTypeObject*>(random::random_class()))
        return wrong_type(w, "random.Random", o);
    *out = random::rng_of(o);
    random::save_state(*out);  // Python holds it: its draws here are taken back before a rerun
    return true;
}
inline PyObject* to_py(const random::Rng& g) { return Py_NewRef(g.obj ? g.obj : Py_None); }
template <class B>
PyObject* to_py(const random::Rng& g, B&) { return to_py(g); }
}  // namespace pyrite::capi
