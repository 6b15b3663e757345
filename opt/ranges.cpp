// int-ranges: overflow checks that cannot fire, left out (issue 17).
//
// pyrite's int raises where CPython's would leave 64 bits, so every +, - and * of ints is checked,
// and a checked operation stops the C++ compiler from vectorizing or reassociating a loop. An
// innermost `for i in range(a, b)` gets a copy of its body (version-loops' `fast` copy, or one of
// its own) that runs when, decided before the loop (and before each chunk of it):
//   - a and b lie within +-B, so i does (i >= a where a is a constant);
//   - each int local the body reads lies within +-B, or within 0..B where every assignment of it
//     in the function makes it so (a constant >= 0, a length, a range variable from 0);
//   - each accumulator (a local every assignment of which steps it, total += e, total -= e, or
//     resets it to a constant) lies within +-2**61;
// B is a power of two chosen per loop (2**31 down to 2**16), the one that proves the most. Under
// those assumptions every int expression of the copy has an interval (flow-insensitive: a local's
// holds at every point of the body, the join of its value on entry and of everything assigned to
// it; an accumulator moves at most 2B times its largest step per iteration), and in the copy
// (Expr::no_overflow): an int +, - or * whose interval lies within 64 bits is plain C++
// arithmetic; a // or % of a dividend >= 0 by a divisor > 0 is C++'s / and %; a true division by
// an int that is not 0, both exact as doubles, is one C++ division. Where a guard fails, the
// checked body runs: an overflow that can happen is still raised. A call in the copy of a small
// helper (no loops) whose int arguments are so bounded calls a copy of the helper proven the same
// way from those bounds: spectral-norm's eval_a(i, j) = 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)
// then computes in plain 64-bit arithmetic, where it took 128 bits (wide-ints), two checks and a
// zero test.
//
// A comprehension's `for i in range(a, b)` is such a loop too ([i * 7919 % n for i in range(n)]:
// a 64-bit product, where it took 128 bits). Not analysed (the checked code stays): a body with
// loops (an inlined generator's once-loops aside), with or yield, comprehensions or functions made
// in it, and locals a nested function rebinds (captured by reference).
#include <map>
#include <set>
#include <vector>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::BinOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

__extension__ typedef __int128 Wide;

// [lo, hi], or unknown (known = false)
struct Interval {
    Wide lo = 0, hi = 0;
    bool known = false;
    bool operator==(const Interval& o) const { return known == o.known && (!known || (lo == o.lo && hi == o.hi)); }
};
constexpr Wide kHuge = Wide(1) << 100;  // beyond this an interval is unknown (no product overflows 128 bits)
constexpr Wide kAccumulator = Wide(1) << 61;
const Interval kUnknown{};

Interval range_of(Wide lo, Wide hi) {
    if (lo < -kHuge || hi > kHuge || lo > hi) return kUnknown;
    return {lo, hi, true};
}
Interval join(const Interval& a, const Interval& b) {
    if (!a.known || !b.known) return kUnknown;
    return {a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi, true};
}
bool fits64(const Interval& a) { return a.known && a.lo >= INT64_MIN && a.hi <= INT64_MAX; }
Wide magnitude(const Interval& a) { return a.hi > -a.lo ? a.hi : -a.lo; }
Wide floor_div(Wide a, Wide b) {
    Wide q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
// the smallest interval holding f(x, y) for the corners of a and b (f monotonic in each)
template <class F>
Interval corners(const Interval& a, const Interval& b, F f) {
    Wide v[4] = {f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)};
    Wide lo = v[0], hi = v[0];
    for (Wide x : v) lo = x < lo ? x : lo, hi = x > hi ? x : hi;
    return range_of(lo, hi);
}

bool int_like(const Type* t) { return t && (t->is(TypeKind::Int) || t->is(TypeKind::Bool)); }

class Ranges {
public:
    std::map<int, Interval> env;  // the int locals' intervals (unlisted: unknown)

    Interval eval(const Expr& e) const {
        if (e.type && e.type->is(TypeKind::Bool) && e.kind != ExprKind::Var) return {0, 1, true};
        switch (e.kind) {
            case ExprKind::IntConst: return {e.ival, e.ival, true};
            case ExprKind::BoolConst: return {0, 1, true};
            case ExprKind::Var: {
                if (e.type && e.type->is(TypeKind::Bool)) return {0, 1, true};
                auto it = env.find(e.var);
                return it == env.end() || !e.type || !e.type->is(TypeKind::Int) ? kUnknown : it->second;
            }
            case ExprKind::Unary: {
                Interval a = eval(*e.args[0]);
                if (!a.known) return kUnknown;
                switch (static_cast<ir::UnOp>(e.op)) {
                    case ir::UnOp::Neg: return range_of(-a.hi, -a.lo);
                    case ir::UnOp::Pos: return a;
                    case ir::UnOp::Invert: return range_of(-a.hi - 1, -a.lo - 1);
                    case ir::UnOp::Not: return {0, 1, true};
                }
                return kUnknown;
            }
            case ExprKind::IfExp: return join(eval(*e.args[1]), eval(*e.args[2]));
            case ExprKind::MinMax: {
                if (e.args.size() < 2 || !e.kwnames.empty()) return kUnknown;
                Interval r = eval(*e.args[0]);
                for (size_t k = 1; k < e.args.size() && r.known; ++k) {
                    Interval a = eval(*e.args[k]);
                    if (!a.known) return kUnknown;
                    r = e.is_max ? Interval{r.lo > a.lo ? r.lo : a.lo, r.hi > a.hi ? r.hi : a.hi, true}
                                 : Interval{r.lo < a.lo ? r.lo : a.lo, r.hi < a.hi ? r.hi : a.hi, true};
                }
                return r;
            }
            case ExprKind::Intrinsic:  // a builtin container's length: what memory holds (an instance's
                                       // __len__ may return any int)
                if (e.operation == ops::Op::Len && e.args.size() == 1 && e.args[0]->type &&
                    !e.args[0]->type->is(TypeKind::Object) && !e.args[0]->type->is(TypeKind::Optional))
                    return {0, Wide(1) << 48, true};
                return kUnknown;
            case ExprKind::Binary: return binary(e);
            default: return kUnknown;
        }
    }

private:
    Interval binary(const Expr& e) const {
        if (!e.type || !e.type->is(TypeKind::Int) || !int_like(e.args[0]->type) || !int_like(e.args[1]->type))
            return kUnknown;
        Interval a = eval(*e.args[0]), b = eval(*e.args[1]);
        if (!a.known || !b.known) return kUnknown;
        switch (static_cast<BinOp>(e.op)) {
            case BinOp::Add: return range_of(a.lo + b.lo, a.hi + b.hi);
            case BinOp::Sub: return range_of(a.lo - b.hi, a.hi - b.lo);
            case BinOp::Mul:
                if (magnitude(a) > (Wide(1) << 90) || magnitude(b) > (Wide(1) << 90)) return kUnknown;
                return corners(a, b, [](Wide x, Wide y) { return x * y; });
            case BinOp::FloorDiv:
                if (b.lo > 0 || b.hi < 0) return corners(a, b, floor_div);
                return range_of(-magnitude(a), magnitude(a));  // |a // b| <= |a| for b != 0
            case BinOp::Mod:  // Python's: the sign of the divisor
                if (b.lo > 0) return range_of(0, b.hi - 1);
                if (b.hi < 0) return range_of(b.lo + 1, 0);
                return range_of(-magnitude(b) + 1, magnitude(b) - 1);
            case BinOp::LShift:
                if (b.lo < 0 || b.hi > 62) return kUnknown;
                return corners(a, b, [](Wide x, Wide y) { return x * (Wide(1) << static_cast<int>(y)); });
            case BinOp::RShift:
                if (b.lo < 0 || b.hi > 62) return kUnknown;
                return corners(a, b, [](Wide x, Wide y) { return floor_div(x, Wide(1) << static_cast<int>(y)); });
            case BinOp::BitAnd:
                if (a.lo >= 0 && b.lo >= 0) return range_of(0, a.hi < b.hi ? a.hi : b.hi);
                if (a.lo >= 0) return range_of(0, a.hi);
                if (b.lo >= 0) return range_of(0, b.hi);
                return kUnknown;
            case BinOp::BitOr:
            case BinOp::BitXor: {
                if (a.lo < 0 || b.lo < 0) return kUnknown;
                Wide top = 1;
                while (top <= a.hi || top <= b.hi) top <<= 1;
                return range_of(0, top - 1);
            }
            default: return kUnknown;
        }
    }
};

// the operations in a block that intervals prove need no check, each reported once: an int +, -
// or * whose result stays in 64 bits, a // or % of a dividend >= 0 by a divisor > 0 (C++'s / and
// %), a true division by an int that is not 0 of a float or of an int within 2**53 (both exact
// as doubles: one C++ division, correctly rounded, as CPython's)
void provable(ir::Block& b, const Ranges& r, const std::function<void(Expr&)>& fn) {
    constexpr Wide exact = Wide(1) << 53;
    ir::for_each_node(b, [&](Expr& e) {
        if (e.kind != ExprKind::Binary || !e.type || e.no_overflow || e.args.size() != 2) return;
        const Type *ta = e.args[0]->type, *tb = e.args[1]->type;
        auto op = static_cast<BinOp>(e.op);
        if (op == BinOp::Div && e.type->is(TypeKind::Float) && tb && tb->is(TypeKind::Int) && ta &&
            (ta->is(TypeKind::Float) || ta->is(TypeKind::Int))) {
            Interval d = r.eval(*e.args[1]);
            Interval a = ta->is(TypeKind::Int) ? r.eval(*e.args[0]) : Interval{0, 0, true};
            if (d.known && (d.lo > 0 || d.hi < 0) && magnitude(d) <= exact && a.known && magnitude(a) <= exact) fn(e);
            return;
        }
        if (!e.type->is(TypeKind::Int) || !int_like(ta) || !int_like(tb)) return;
        if (op == BinOp::Add || op == BinOp::Sub || op == BinOp::Mul) {
            if (fits64(r.eval(e))) fn(e);
        } else if (op == BinOp::FloorDiv || op == BinOp::Mod) {
            Interval a = r.eval(*e.args[0]), d = r.eval(*e.args[1]);
            if (a.known && d.known && a.lo >= 0 && d.lo > 0 && ta->is(TypeKind::Int) && tb->is(TypeKind::Int)) fn(e);
        }
    });
}

// a body whose int locals change only by its own assignments, every one of them seen; it has no
// loops but an inlined generator's once-loops (a loop whose body this holds is innermost)
bool analyzable(ir::Block& b) {
    bool ok = true;
    ir::for_each_stmt(b, [&](const Stmt& s) {
        switch (s.kind) {
            case StmtKind::Assign:
            case StmtKind::ExprStmt:
            case StmtKind::Store:
            case StmtKind::If:
            case StmtKind::Break:
            case StmtKind::Continue:
            case StmtKind::Return:
            case StmtKind::Raise:
            case StmtKind::Assert:
            case StmtKind::Del:
            case StmtKind::Try:
            case StmtKind::Except: break;  // (an `except E as e` binds no int)
            case StmtKind::While:  // an inlined generator's statements: a loop that runs once
                ok = ok && s.once;
                break;
            default: ok = false;
        }
    });
    if (ok)
        ir::for_each_node(b, [&](Expr& e) {
            ok = ok && e.kind != ExprKind::Block && e.kind != ExprKind::Lambda && e.kind != ExprKind::FuncRef;
        });
    return ok;
}

// the step of an accumulator's assignment `var = var + e` / `var - e` / `e + var`: e's node, or null
const Expr* step_of(const Expr& value, int var, bool& negated) {
    if (value.kind != ExprKind::Binary || !value.type || !value.type->is(TypeKind::Int)) return nullptr;
    auto op = static_cast<BinOp>(value.op);
    auto is_var = [&](const Expr& x) { return x.kind == ExprKind::Var && x.var == var; };
    negated = op == BinOp::Sub;
    if ((op == BinOp::Add || op == BinOp::Sub) && is_var(*value.args[0])) return value.args[1].get();
    if (op == BinOp::Add && is_var(*value.args[1])) return value.args[0].get();
    return nullptr;
}
// an accumulator may also be set to a constant within the bounds its guard gives it (total = -1)
bool resets(const Expr& value) {
    return value.kind == ExprKind::IntConst && value.ival >= -kAccumulator && value.ival <= kAccumulator;
}
bool reads(const Expr& e, int var) {
    bool r = false;
    ir::for_each_node(const_cast<Expr&>(e), [&](Expr& x) { r = r || (x.kind == ExprKind::Var && x.var == var); });
    return r;
}

// What a body's int locals range over, from what holds on entry (`entry`: the loop variable and
// the guarded locals) and its assignments; `iterations` bounds how often it runs (0: once, a
// function's body). The accumulators are the locals every assignment of which steps them or sets
// them to a constant within their guard's bounds, at least one a step.
struct BodyFacts {
    Ranges ranges;
    std::set<int> accumulators, assigned;
    bool ok = true;
};
BodyFacts analyse(ir::Function& f, ir::Block& body, const std::map<int, Interval>& entry, Wide iterations,
                  const std::set<int>& fixed) {
    BodyFacts facts;
    std::map<int, std::vector<const Expr*>> assignments;
    std::set<int> unknown;
    ir::for_each_stmt(body, [&](const Stmt& s) {
        if (s.var < 0) return;
        if (s.kind != StmtKind::Assign || !s.value) unknown.insert(s.var);
        else assignments[s.var].push_back(s.value.get());
        facts.assigned.insert(s.var);
    });
    for (int v : fixed)
        if (facts.assigned.count(v)) facts.ok = false;  // the loop variable, a parameter the caller bounds
    Ranges& r = facts.ranges;
    r.env = entry;
    for (auto& [v, values] : assignments) {
        if (!f.vars[static_cast<size_t>(v)].type || !f.vars[static_cast<size_t>(v)].type->is(TypeKind::Int) ||
            unknown.count(v)) {
            r.env.erase(v);
            continue;
        }
        bool steps = iterations > 0, stepped = false;
        for (const Expr* x : values) {
            bool negated = false;
            const Expr* step = step_of(*x, v, negated);
            stepped = stepped || step;
            steps = steps && ((step && !reads(*step, v)) || resets(*x));
        }
        if (steps && stepped) facts.accumulators.insert(v);
    }
    for (int v : unknown) r.env.erase(v);
    // to a fixed point; a local still growing after a few rounds is unknown (which no longer grows)
    for (int round = 0; round < 40; ++round) {
        bool changed = false;
        for (auto& [v, values] : assignments) {
            auto it = r.env.find(v);
            if (it == r.env.end()) continue;
            Interval now;
            if (facts.accumulators.count(v)) {
                Wide growth = 0;
                for (const Expr* x : values) {
                    if (resets(*x)) continue;  // back within the entry's bounds
                    bool negated = false;
                    Interval step = r.eval(*step_of(*x, v, negated));
                    if (!step.known) growth = kHuge;
                    else growth += magnitude(step);
                    if (growth > kAccumulator) break;
                }
                now = growth <= kAccumulator / (iterations ? iterations : 1) ? range_of(-kAccumulator - growth * iterations, kAccumulator + growth * iterations)
                                                                             : kUnknown;
            } else {
                now = it->second;
                for (const Expr* x : values) now = join(now, r.eval(*x));
                if (round >= 8 && !(now == it->second)) now = kUnknown;
            }
            if (!(now == it->second)) {
                changed = true;
                if (now.known) it->second = now;
                else r.env.erase(it);
            }
        }
        if (!changed) break;
    }
    return facts;
}

// ---------------------------------------------------------------- helpers' bounded copies
struct Copies {
    ir::Module& m;
    std::vector<ir::Function> made;  // appended to m.functions after the walk

    // a helper worth a bounded copy: compiled, called plainly, straight-line
    bool eligible(int callee) {
        if (callee < 0 || static_cast<size_t>(callee) >= m.functions.size()) return false;
        ir::Function& g = m.functions[static_cast<size_t>(callee)];
        if (!g.compiled() || g.coroutine || g.generator || g.memo || g.recursive || g.method_of >= 0 || g.ncaptures || g.vararg)
            return false;
        size_t n = 0;  // and small: each copy is compiled too
        ir::for_each_stmt(g.body, [&](const Stmt&) { ++n; });
        return n <= 40 && analyzable(g.body);
    }

    // how many operations a copy of helper `callee` proves for arguments within bits[k] (as
    // argument_bits gives them); with `make`, the copy's index (made once per bounds), or -1 where it proves none
    struct Made {
        int proven = 0, index = -1;
    };
    std::map<std::pair<int, std::vector<int>>, Made> by_bounds;
    int copy_for(int callee, const std::vector<int>& bits, bool make, int* proven) {
        auto key = std::make_pair(callee, bits);
        auto found = by_bounds.find(key);
        if (found != by_bounds.end() && (!make || found->second.index >= 0 || !found->second.proven)) {
            *proven = found->second.proven;
            return found->second.index;
        }
        ir::Function c = ir::clone(m.functions[static_cast<size_t>(callee)]);
        std::map<int, Interval> entry;
        std::set<int> fixed;
        for (size_t k = 0; k < c.params.size(); ++k) {
            int p = c.params[k];
            fixed.insert(p);
            if (bits[k] >= 0) entry[p] = {bits[k] % 2 ? 0 : -(Wide(1) << bits[k] / 2), Wide(1) << bits[k] / 2, true};
        }
        for (size_t v = 0; v < c.vars.size(); ++v)  // a local read before assigned: unbound, never a value
            if (!fixed.count(static_cast<int>(v)) && c.vars[v].type && c.vars[v].type->is(TypeKind::Int))
                entry[static_cast<int>(v)] = {0, 0, true};
        BodyFacts facts = analyse(c, c.body, entry, 0, fixed);
        Made& slot = by_bounds[key];
        slot.proven = 0;
        if (facts.ok) provable(c.body, facts.ranges, [&](Expr& e) {
                e.no_overflow = true;
                ++slot.proven;
            });
        *proven = slot.proven;
        if (!make || !slot.proven) return -1;
        c.exported = false;
        made.push_back(std::move(c));
        slot.index = static_cast<int>(m.functions.size() + made.size()) - 1;
        return slot.index;
    }
};

// the intervals of a call's int arguments as bounds: 2 * b + 1 for [0, 2**b], 2 * b for
// [-2**b, 2**b] (-1: not an int), or empty where one is unknown
std::vector<int> argument_bits(const Expr& call, const ir::Function& g, const Ranges& r) {
    std::vector<int> bits;
    if (call.args.size() != g.params.size() || !call.kwnames.empty()) return {};
    for (size_t k = 0; k < call.args.size(); ++k) {
        const Type* t = g.vars[static_cast<size_t>(g.params[k])].type;
        if (!t || !t->is(TypeKind::Int)) {
            bits.push_back(-1);
            continue;
        }
        Interval a = r.eval(*call.args[k]);
        if (!a.known || magnitude(a) > (Wide(1) << 62)) return {};
        int b = 0;
        while ((Wide(1) << b) < magnitude(a)) ++b;
        bits.push_back(2 * b + (a.lo >= 0 ? 1 : 0));
    }
    return bits;
}

// the int locals of f that are never negative, by how they are assigned: a constant >= 0, a
// length, the variable of a range loop from a constant >= 0 (their guards then test 0 <= v <= B)
std::set<int> never_negative(ir::Function& f) {
    std::set<int> yes, no;
    for (int p : f.params) no.insert(p);
    ir::for_each_stmt_deep(f.body, [&](Stmt& s) {
        if (s.var < 0) return;
        bool nonneg = false;
        if (s.kind == StmtKind::ForRange)
            nonneg = ir::counts_up_from_nonnegative(s);
        else if (s.kind == StmtKind::Assign && s.value)
            nonneg = (s.value->kind == ExprKind::IntConst && s.value->ival >= 0) ||
                     (s.value->kind == ExprKind::Intrinsic && s.value->operation == ops::Op::Len && s.value->args.size() == 1 &&
                      s.value->args[0]->type && !s.value->args[0]->type->is(TypeKind::Object));
        (nonneg ? yes : no).insert(s.var);
    });
    for (int v : no) yes.erase(v);
    return yes;
}

struct LoopRanges {
    ir::Function& f;
    Copies& copies;
    std::set<int> escaped, nonneg;

    // what B = 2**bits proves in the loop's copy; marks it when `mark`
    int prove(Stmt& loop, ir::Block& fast, int bits, bool mark, std::vector<ir::Guard>* guards) {
        Wide B = Wide(1) << bits;
        std::map<int, Interval> entry;
        std::set<int> read;
        ir::for_each_node(fast, [&](Expr& e) {
            if (e.kind == ExprKind::Var) read.insert(e.var);
        });
        for (size_t v = 0; v < f.vars.size(); ++v) {
            const Type* t = f.vars[v].type;
            if (t && t->is(TypeKind::Int) && !escaped.count(static_cast<int>(v)))
                entry[static_cast<int>(v)] = {nonneg.count(static_cast<int>(v)) ? 0 : -B, B, true};
        }
        // range(c, ...) with a constant c starts there: i >= c
        Wide lo = loop.range[0]->kind == ExprKind::IntConst && loop.range[0]->ival > -B &&
                           loop.range[0]->ival < B
                       ? loop.range[0]->ival
                       : -B;
        entry[loop.var] = {lo, B - 1, true};
        BodyFacts facts = analyse(f, fast, entry, 2 * B, {loop.var});
        if (!facts.ok) return 0;
        int proven = 0;
        provable(fast, facts.ranges, [&](Expr& e) {
            ++proven;
            if (mark) e.no_overflow = true;
        });
        ir::for_each_node(fast, [&](Expr& e) {
            if (e.kind != ExprKind::CallFunc || e.dispatch || !copies.eligible(e.callee)) return;
            std::vector<int> bits_of = argument_bits(e, copies.m.functions[static_cast<size_t>(e.callee)], facts.ranges);
            if (bits_of.empty()) return;
            int in_copy = 0;
            int c = copies.copy_for(e.callee, bits_of, mark, &in_copy);
            proven += in_copy;
            if (mark && c >= 0) e.callee = c;
        });
        if (!guards) return proven;
        // what was assumed on entry, for the locals the copy reads: within +-B, an accumulator +-2**61
        for (int v : read) {
            if (v == loop.var || !facts.ranges.env.count(v)) continue;
            bool accumulator = facts.accumulators.count(v);
            ir::Guard g{!accumulator && nonneg.count(v) ? ir::Guard::NonnegWithin : ir::Guard::Within};
            g.index = v;
            g.value = accumulator ? static_cast<std::int64_t>(kAccumulator) : static_cast<std::int64_t>(B);
            guards->push_back(g);
        }
        ir::Guard g{ir::Guard::RangeWithin};
        g.value = static_cast<std::int64_t>(B);
        guards->push_back(g);
        return proven;
    }

    void loop(Stmt& s) {
        if (s.kind != StmtKind::ForRange || s.parallel) return;
        bool unit_step = ir::unit_step(s);
        bool positive_step = unit_step || (s.range[2]->kind == ExprKind::IntConst && s.range[2]->ival > 1 &&
                                           s.range[2]->ival < (std::int64_t(1) << 30));
        if (!positive_step || escaped.count(s.var) || !analyzable(s.body)) return;  // (innermost: analyzable's)
        bool own = s.fast.empty();
        ir::Block fast = own ? ir::clone(s.body) : std::move(s.fast);
        int best = 0, best_bits = 0;
        for (int bits : {31, 28, 24, 20, 16}) {
            int n = prove(s, fast, bits, false, nullptr);
            if (n > best) best = n, best_bits = bits;
        }
        if (best > 0) {
            std::vector<ir::Guard> guards;
            prove(s, fast, best_bits, true, &guards);
            if (own && !unit_step) s.guards.push_back(ir::Guard{ir::Guard::StepPositive});
            for (const ir::Guard& g : guards) s.guards.push_back(g);
            s.fast = std::move(fast);
        } else if (!own) {
            s.fast = std::move(fast);
        }
    }
};

}  // namespace

void prove_int_ranges(ir::Module& m) {
    Copies copies{m, {}, {}};
    size_t n = m.functions.size();
    for (size_t i = 0; i < n; ++i) {
        ir::Function& f = m.functions[i];
        if (!f.compiled()) continue;
        LoopRanges lr{f, copies, by_reference(f), never_negative(f)};
        ir::for_each_stmt_deep(f.body, [&](Stmt& s) { lr.loop(s); });  // a comprehension's loop too
    }
    for (ir::Function& c : copies.made) m.functions.push_back(std::move(c));
}

}  // namespace pyrite::opt
