// typeinfer: the items of the iterators that exist only where something iterates them
// (frontend/lower_itertools.cpp): enumerate, zip, reversed and itertools'. An iterator
// Intrinsic's type is the type of its items; its sources are iterable values or iterators.
// pyrite gives a loop's items one type, so an iterator whose items would change type (count(0,
// 0.5): 0, then 0.5) is a diagnostic that says what to write instead.
#include "solver.hpp"

namespace pyrite::typeinfer::detail {

namespace {
// the keyword argument `name`, or the positional one at `pos` (-1: keyword only); null if absent
Expr* argument(Expr& e, int pos, const char* name) {
    size_t npos = e.args.size() - e.kwnames.size();
    if (pos >= 0 && static_cast<size_t>(pos) < npos) return e.args[static_cast<size_t>(pos)].get();
    for (size_t i = npos; i < e.args.size(); ++i)
        if (e.kwnames[i - npos] == name) return e.args[i].get();
    return nullptr;
}
bool is_none_const(const Expr* e) { return e && e->kind == ExprKind::NoneConst; }
}  // namespace

// The items a source of an iterator gives: a nested iterator's, or an iterable value's.
const Type* Solver::source_elem(Expr& src) {
    if (src.kind == ExprKind::Intrinsic && src.operation == Op::ItGroupby) {
        iter_elem(src);
        error(src.loc, "groupby() is supported as a for loop's iterable, unpacked (for key, group in groupby(...))");
        return Unknown;
    }
    if (src.kind == ExprKind::Intrinsic && ops::has(src.operation, ops::LoopOnly)) return iter_elem(src);
    const Type* t = type_expr(src);
    return iterable_elem(t, src.loc);
}

// A function argument (a Lambda of one parameter, frontend/lower_itertools.cpp's callback) called
// with a value of type `arg`: what it returns.
const Type* Solver::callback(Expr& lambda, const Type* arg) {
    if (lambda.kind != ExprKind::Lambda) return Unknown;
    if (known(arg)) join_var(lambda.var, arg, lambda.loc);
    return type_expr(lambda);
}

// An int argument of an iterator (a count, r, islice's bounds): int or, where `none_ok`, None
// or an int | None. False (and a diagnostic) otherwise.
bool Solver::int_argument(Expr* a, const std::string& what, bool none_ok) {
    if (!a) return true;
    type_expr(*a);
    const Type* t = as_value(*a);  // islice(xs, d) of an IntEnum's member: its value
    if (!known(t)) return true;
    if (is_intlike(t) && !t->is(TypeKind::Scalar)) return true;
    if (none_ok && (t->is(TypeKind::None) || (t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Int)))) return true;
    error(a->loc, what + " must be " + (none_ok ? "None or an int" : "an int") + ", not '" + py_name(t) + "'");
    return false;
}

// The items of one of itertools' iterators.
const Type* Solver::itertools_elem(Expr& it) {
    const Op op = it.operation;
    const std::string py = ops::info(op).py;
    const std::string name = py.substr(py.rfind('.') + 1);  // after "itertools."
    const size_t npos = it.args.size() - it.kwnames.size();
    auto arity = [&](size_t lo, size_t hi) {
        if (npos >= lo && npos <= hi) return true;
        std::string want = lo == hi ? "exactly " + std::to_string(lo) : hi > 100 ? "at least " + std::to_string(lo)
                                                                            : std::to_string(lo) + " to " + std::to_string(hi);
        error(it.loc, name + "() takes " + want + " positional argument" + (lo == 1 && hi == 1 ? "" : "s") + " (" +
                          std::to_string(npos) + " given)");
        return false;
    };
    auto one_type = [&](const std::vector<const Type*>& ts, const std::string& what) -> const Type* {
        for (const Type* t : ts)
            if (!known(t)) return Unknown;
        for (const Type* t : ts)
            if (t != ts[0]) {
                error(it.loc, what + " items of types " + quoted(ts[0]) + " and " + quoted(t) +
                                  ": pyrite gives a loop's items one type (convert one of them)");
                return Unknown;
            }
        return ts.empty() ? Unknown : ts[0];
    };
    switch (op) {
        case Op::ItCount: {  // count(start=0, step=1)
            if (!arity(0, 2)) return Unknown;
            Expr* start = argument(it, 0, "start");
            Expr* step = argument(it, 1, "step");
            const Type* a = start ? type_expr(*start) : Type::int_();
            const Type* b = step ? type_expr(*step) : Type::int_();
            if (!known(a) || !known(b)) return Unknown;
            for (const Type* t : {a, b})
                if (!t->is(TypeKind::Int) && !t->is(TypeKind::Float)) {
                    error(it.loc, "count() of '" + py_name(t) + "' is not supported (pyrite counts with ints or floats)");
                    return Unknown;
                }
            if (a->is(TypeKind::Int) && b->is(TypeKind::Float)) {
                error(it.loc, "count() from an int by a float step gives an int first, then floats: pyrite gives a "
                              "loop's items one type (start from a float: count(0.0, step))");
                return Unknown;
            }
            return a;
        }
        case Op::ItRepeat: {  // repeat(object[, times])
            if (!arity(0, 2)) return Unknown;
            Expr* x = argument(it, 0, "object");
            if (!x) {
                error(it.loc, "repeat() missing required argument 'object' (pos 1)");
                return Unknown;
            }
            if (!int_argument(argument(it, 1, "times"), "repeat()'s times", false)) return Unknown;
            return type_expr(*x);
        }
        case Op::ItCycle:
        case Op::ItPairwise: {
            if (!arity(1, 1)) return Unknown;
            const Type* t = source_elem(*it.args[0]);
            if (!known(t)) return Unknown;
            return op == Op::ItCycle ? t : Type::tuple({t, t});
        }
        case Op::ItChain: {
            if (npos == 0) {
                error(it.loc, "chain() of no iterables gives nothing: pyrite needs a source to type the items");
                return Unknown;
            }
            std::vector<const Type*> ts;
            for (size_t i = 0; i < npos; ++i) ts.push_back(source_elem(*it.args[i]));
            return one_type(ts, "chain() of");
        }
        case Op::ItFromIterable: {
            if (!arity(1, 1)) return Unknown;
            const Type* t = source_elem(*it.args[0]);
            if (!known(t)) return Unknown;
            if (is_array(t)) {
                error(it.args[0]->loc, "chain.from_iterable() of arrays is not supported (iterate the array's rows)");
                return Unknown;
            }
            return iterable_elem(t, it.args[0]->loc);
        }
        case Op::ItIslice: {  // islice(it, stop) / islice(it, start, stop[, step])
            if (npos < 2 || npos > 4) {
                error(it.loc, npos < 2 ? "islice expected at least 2 arguments, got " + std::to_string(npos)
                                       : "islice expected at most 4 arguments, got " + std::to_string(npos));
                return Unknown;
            }
            const Type* t = source_elem(*it.args[0]);
            for (size_t i = 1; i < npos; ++i)
                if (!int_argument(it.args[i].get(), "an index of islice()", true)) return Unknown;
            return t;
        }
        case Op::ItAccumulate: {  // accumulate(it, func=+, *, initial=None)
            if (!arity(1, 2)) return Unknown;
            Expr* func = argument(it, 1, "func");
            Expr* initial = argument(it, -1, "initial");
            const Type* t = source_elem(*it.args[0]);
            const Type* r = t;
            if (initial && type_expr(*initial) && !is_none_const(initial)) {
                r = initial->type;
                if (r->is(TypeKind::Optional)) {
                    error(initial->loc, "accumulate()'s initial may be None here: pass a value or leave it out");
                    return Unknown;
                }
            }
            if (!known(t) || !known(r) || !func) return Unknown;
            const Type* got = callback(*func, Type::tuple({r, t}));
            if (!known(got)) return Unknown;
            if (got != r) {
                error(func->loc, "accumulate() gives " + quoted(r) + " first, then the function's " + quoted(got) +
                                     ": pyrite gives a loop's items one type (pass initial= of type " + quoted(got) +
                                     ", or convert)");
                return Unknown;
            }
            return r;
        }
        case Op::ItProduct: {  // product(*iterables, repeat=1)
            Expr* rep = argument(it, -1, "repeat");
            if (it.star_arg) {  // product(*xss): tuple[T, ...], as many items as xss holds pools
                if (rep && !int_argument(rep, "product()'s repeat", false)) return Unknown;
                const Type* t = source_elem(*it.args[0]);
                if (!known(t)) return Unknown;
                t = iterable_elem(t, it.args[0]->loc);
                return known(t) ? Type::tuple_of(t) : Unknown;
            }
            int64_t times = 1;
            if (rep) {
                if (!int_argument(rep, "product()'s repeat", false)) return Unknown;
                if (rep->kind != ExprKind::IntConst || rep->ival < 0 || rep->ival > 16) {
                    error(rep->loc, "product()'s repeat must be a constant from 0 to 16 here: it sets the size of "
                                    "each item, a tuple");
                    return Unknown;
                }
                times = rep->ival;
            }
            std::vector<const Type*> pools;
            for (size_t i = 0; i < npos; ++i) pools.push_back(source_elem(*it.args[i]));
            for (const Type* t : pools)
                if (!known(t)) return Unknown;
            if (pools.size() * static_cast<size_t>(times) > 16) {
                error(it.loc, "product() of more than 16 pools is not supported");
                return Unknown;
            }
            std::vector<const Type*> items;
            for (int64_t k = 0; k < times; ++k) items.insert(items.end(), pools.begin(), pools.end());
            return Type::tuple(items);
        }
        case Op::ItPermutations:
        case Op::ItCombinations:
        case Op::ItCombinationsWR: {
            bool optional_r = op == Op::ItPermutations;
            if (!arity(1, 2)) return Unknown;
            Expr* r = argument(it, 1, "r");
            if (!r && !optional_r) {
                error(it.loc, name + "() missing required argument 'r' (pos 2)");
                return Unknown;
            }
            if (!int_argument(r, name + "()'s r", optional_r)) return Unknown;
            const Type* t = source_elem(*it.args[0]);
            if (!known(t)) return Unknown;
            // a constant r: tuples of r items, unpacked as the user writes them; else tuple[T, ...]
            if (r && r->kind == ExprKind::IntConst && r->ival >= 0 && r->ival <= 16)
                return Type::tuple(std::vector<const Type*>(static_cast<size_t>(r->ival), t));
            return Type::tuple_of(t);
        }
        case Op::ItZipLongest: {  // zip_longest(*iterables, fillvalue=None)
            Expr* fill = argument(it, -1, "fillvalue");
            const Type* f = fill ? type_expr(*fill) : Type::none();
            if (npos == 0) {
                error(it.loc, "zip_longest() of no iterables gives nothing: pyrite needs a source to type the items");
                return Unknown;
            }
            std::vector<const Type*> slots;
            for (size_t i = 0; i < npos; ++i) {
                const Type* t = source_elem(*it.args[i]);
                if (!known(t) || !known(f)) return Unknown;
                if (f->is(TypeKind::None) && !t->is(TypeKind::None) && !t->is(TypeKind::Optional)) {
                    slots.push_back(Type::optional(t));
                } else if (f == t && !f->is(TypeKind::None)) {
                    slots.push_back(t);
                } else {
                    error(fill ? fill->loc : it.loc,
                          "zip_longest() fills with " + quoted(f) + " where a source gives " + quoted(t) +
                              ": pyrite gives each position of the items one type (fillvalue= of type " + quoted(t) +
                              ", or None)");
                    return Unknown;
                }
            }
            return Type::tuple(slots);
        }
        case Op::ItStarmap: {  // starmap(f, it): f(*item)
            if (!arity(2, 2)) return Unknown;
            const Type* t = source_elem(*it.args[1]);
            if (!known(t)) return Unknown;
            if (!t->is(TypeKind::Tuple) || static_cast<int64_t>(t->elems.size()) != it.index) {
                error(it.args[1]->loc, "starmap() calls its function with " + std::to_string(it.index) +
                                           " arguments, the parts of each item, but the items are " + quoted(t) +
                                           (t->is(TypeKind::Tuple) ? "" : " (pyrite passes the parts of fixed-size tuples)"));
                return Unknown;
            }
            return callback(*it.args[0], t);
        }
        case Op::ItTakewhile:
        case Op::ItDropwhile:
        case Op::ItFilterfalse: {
            if (!arity(2, 2)) return Unknown;
            const Type* t = source_elem(*it.args[1]);
            if (!known(t)) return Unknown;
            callback(*it.args[0], t);
            return t;
        }
        case Op::ItGroupby: {  // groupby(it, key=None): (key, the group as a list)
            if (!arity(1, 2)) return Unknown;
            const Type* t = source_elem(*it.args[0]);
            Expr* key = argument(it, 1, "key");
            if (!known(t) || !key) return Unknown;
            const Type* k = callback(*key, t);
            return known(k) ? Type::tuple({k, Type::list(t)}) : Unknown;
        }
        case Op::HeapqMerge: {  // merge(*iterables, key=None, reverse=False); merge(*xss): star_arg
            std::vector<const Type*> ts;
            for (size_t i = 0; i < npos; ++i) {
                const Type* t = source_elem(*it.args[i]);
                if (it.star_arg && known(t)) t = iterable_elem(t, it.args[i]->loc);
                ts.push_back(t);
            }
            if (npos == 0 && !it.star_arg) {
                error(it.loc, "merge() of no iterables gives nothing: pyrite needs a source to type the items");
                return Unknown;
            }
            const Type* t = one_type(ts, "merge() of");
            Expr* key = argument(it, -1, "key");
            Expr* reverse = argument(it, -1, "reverse");
            if (reverse) type_expr(*reverse);
            if (!known(t) || !key) return Unknown;
            const Type* k = callback(*key, t);
            if (known(k) && !orderable(k)) {
                error(it.loc, unordered(k, "merge()"));
                return Unknown;
            }
            return known(k) ? t : Unknown;
        }
        case Op::GenExp: {  // (elt for x in source if cond ...): elt's type
            const Type* t = source_elem(*it.args[0]);
            if (!known(t)) return Unknown;
            for (size_t i = 2; i < it.args.size(); ++i) callback(*it.args[i], t);
            return callback(*it.args[1], t);
        }
        case Op::ItCompress: {  // compress(data, selectors)
            Expr* data = argument(it, 0, "data");
            Expr* sel = argument(it, 1, "selectors");
            if (!data || !sel || it.args.size() != 2) {
                error(it.loc, "compress() takes data and selectors");
                return Unknown;
            }
            const Type* t = source_elem(*data);
            source_elem(*sel);
            return t;
        }
        default: break;
    }
    error(it.loc, "'" + std::string(ops::info(op).py) + "' is not supported by pyrite yet");
    return Unknown;
}

// `for key, group in groupby(...)`: the group is a list (itertools.hpp's Groupby), which is what
// CPython's group iterator gives where the loop's body reads it whole, once, before the next pair:
// list(group), sorted(group), sum(group), "".join(group), for x in group, enumerate(group), ... A
// group used any other way (len(group), stored, read twice or in a loop that repeats) would show
// the difference, so it is a diagnostic.
void Solver::check_groups(Stmt& loop) {
    auto refuse = [&](Loc at, const std::string& why) {
        error(at, "groupby()'s group " + why + ": pyrite reads a group whole, once, in the loop's body (list(group), "
                  "sum(group), for x in group, ...)");
    };
    ir::Block& b = loop.body;
    int group = -1, pair = -1;
    if (!b.empty() && b[0]->kind == StmtKind::Assign && b[0]->value->kind == ExprKind::Var && b[0]->value->var == loop.var)
        pair = b[0]->var;  // the frontend's unpacking: $1 = $0; key = $1[0]; group = $1[1]
    auto unpacks = [&](const Stmt& st) {
        return pair >= 0 && st.kind == StmtKind::Assign && st.value->kind == ExprKind::TupleGet &&
               st.value->args[0]->kind == ExprKind::Var && st.value->args[0]->var == pair;
    };
    for (size_t i = 1; i < b.size() && unpacks(*b[i]); ++i)
        if (b[i]->value->index == 1) group = b[i]->var;
    if (group < 0) {
        refuse(loop.loc, "is read through its pair");
        return;
    }
    static const std::set<Op> readers = {Op::ListOf, Op::TupleOfIt, Op::SetOf, Op::FrozenSetOf, Op::Sorted, Op::Sum, Op::MinOf, Op::MaxOf,
                                         Op::Any, Op::All, Op::CounterOf, Op::DequeOf, Op::DictOf};
    static const std::set<std::string> methods = {"join", "extend", "extendleft", "update"};
    auto is_group = [&](const Expr& e) { return e.kind == ExprKind::Var && e.var == group; };
    bool failed = false;
    auto fail = [&](Loc at, const std::string& why) {
        if (!failed) refuse(at, why);
        failed = true;
    };
    // how many times a path through each part reads the group (if/else: the branches' larger)
    std::function<int(Expr&, int)> walk_expr;
    std::function<int(ir::Block&, int)> walk_block;
    walk_expr = [&](Expr& e, int loops) {
        bool whole = (e.kind == ExprKind::Intrinsic && (readers.count(e.operation) || ops::has(e.operation, ops::LoopOnly))) ||
                     (e.kind == ExprKind::Method && methods.count(e.name)) ||
                     (e.kind == ExprKind::CallBuiltin && e.name.rfind("statistics.", 0) == 0);
        int n = 0;
        for (size_t i = 0; i < e.args.size() && !failed; ++i) {
            Expr& a = *e.args[i];
            int k = 0;
            if (!is_group(a)) k = e.kind == ExprKind::IfExp && i == 2 ? 0 : walk_expr(a, loops);
            else if (!whole || (i == 0 && e.kind == ExprKind::Method)) fail(a.loc, "is used as a value here (CPython's group is an iterator)");
            else if (loops > 0) fail(a.loc, "is read in a loop of the body, which would read it again");
            else k = 1;
            if (e.kind == ExprKind::IfExp && i == 1) k = std::max(k, walk_expr(*e.args[2], loops));  // one branch runs
            n += k;
            if (n > 1) fail(a.loc, "is read a second time");
        }
        if (e.body) n += walk_block(*e.body, loops);
        return n;
    };
    walk_block = [&](ir::Block& bl, int loops) {
        int n = 0;
        for (ir::StmtP& s : bl) {
            if (failed) return n;
            if (unpacks(*s)) continue;
            if (s->var == group && s->kind != StmtKind::Break && s->kind != StmtKind::Continue) {
                fail(s->loc, "is assigned here");
                return n;
            }
            int k = 0;
            if (s->kind == StmtKind::ForEach && is_group(*s->value)) {
                if (loops > 0) fail(s->value->loc, "is read in a loop of the body, which would read it again");
                k = 1;
            } else {
                ir::for_each_expr_of(*s, [&](Expr& x) { k += walk_expr(x, loops); });
            }
            bool repeats = (s->kind == StmtKind::While && !s->once) || s->kind == StmtKind::ForRange || s->kind == StmtKind::ForEach;
            if (s->kind == StmtKind::If) {
                k += std::max(walk_block(s->body, loops), walk_block(s->orelse, loops));
            } else {
                ir::for_each_block(*s, [&](ir::Block& inner) { k += walk_block(inner, loops + (repeats ? 1 : 0)); });
            }
            n += k;
            if (n > 1) fail(s->loc, "is read a second time");
        }
        return n;
    };
    walk_block(b, 0);
}

}  // namespace pyrite::typeinfer::detail
