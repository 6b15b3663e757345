// codegen: loops, as opt/loops.cpp shaped them (emitter.hpp).
#include <functional>
#include <map>
#include <set>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

// the lists opt's premark pass marks changed once, before the loop (their stores then skip it)
void Emitter::premark(const Stmt& loop, int depth) {
    for (int v : loop.premarked) emit_line(depth, var_name(f_->vars[v]) + ".mark_changed();");
}

// `else` of a loop runs when the loop ends without break; a break jumps past it.
void Emitter::loop_else(const Stmt& s, int depth) {
    if (s.orelse.empty()) return;
    block(s.orelse, depth);
 if (s.breaks) emit_line(depth, "break_" + std::to_string(s.loop_id) + ":;");
}

// opt's iteration pass: the loop's body appends one item per iteration to this list
void Emitter::reserve(const Stmt& s, const std::string& start, const std::string& stop, const std::string& step,
                      int depth) {
    emit_line(depth, var_name(f_->vars[s.reserves]) + (s.reserve_hint ? ".reserve_hint" : ".reserve_more") + "(pyrite::range_len(" + start + ", " + stop + ", " +
                         step + "));");
}

// a versioned nest's copy: for_range marks it the expected one
bool has_loop(const ir::Block& b) {
    bool found = false;
    ir::for_each_stmt(b, [&](const Stmt& x) {
        found = found || x.kind == StmtKind::ForRange || x.kind == StmtKind::ForEach || x.kind == StmtKind::While;
    });
    return found;
}

void Emitter::for_range(const Stmt& s, int depth) {
    includes_.insert("pyrite/builtins/range.hpp");
    if (s.parallel) return parallel_range(s, depth);
    if (!s.orelse.empty() && s.breaks) goto_loops_.insert(s.loop_id);
    std::string id = std::to_string(s.loop_id);
    const ir::Var& v = f_->vars[s.var];
    std::string start = convert(expr(*s.range[0]), s.range[0]->type, Type::int_());
    std::string stop = convert(expr(*s.range[1]), s.range[1]->type, Type::int_());
    bool unit_step = ir::unit_step(s);
    const int outer = depth;
    emit_line(depth, "{");
    // the loop over [start_id, stop_id), in its versions (guards: the copy without their checks)
    auto versions = [&](int d) {
        const int base = d;
        if (!s.guards.empty()) {
            // loop versioning (opt's version-loops): when every guard holds for the whole
            // range, which is decided before the loop, the copy without those checks runs.
            // A nest's copy (version_nest's guards, decided before its inner loops) is marked
            // the expected one: so marked, GCC gives its inner loop the registers (a 3-d
            // stencil's row pointers stayed in them instead of on the stack: heat3d 4.3 -> 3.7
            // ms, heat_loops 6%). Not an innermost loop's: there the mark made GCC keep
            // spectral-norm's sum on the stack (1.75x slower)
            std::string c;
            for (const ir::Guard& g : s.guards) c += (c.empty() ? "" : " && ") + guard(g, id);
            emit_line(d, has_loop(s.fast) ? "if (PYRITE_LIKELY(" + c + ")) {" : "if (" + c + ") {");
            if (s.unrolled) emit_line(0, "#pragma GCC unroll 2");  // a stencil (opt/loops.cpp's stencil_loop)
            if (unit_step)
                emit_line(d + 1, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id +
                                     "; ++i_" + id + ") {");
            else  // step > 0 and stop <= an extent: i + step cannot overflow before i >= stop
                emit_line(d + 1, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id +
                                     "; i_" + id + " += step_" + id + ") {");
            emit_line(d + 2, assign(v, "i_" + id));
            if (s.checks_interrupt) emit_line(d + 2, "pyrite::check_interrupt();");  // a loop of loops (version_nest)
            loop_body(s, s.fast, d + 2);
            emit_line(d + 1, "}");
            emit_line(d, "} else {");
            ++d;
        }
        if (unit_step) {
            // i < stop <= INT64_MAX, so ++i cannot overflow
            if (s.unrolled) emit_line(0, "#pragma GCC unroll 2");
            emit_line(d, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id + "; ++i_" + id +
                             ") {");
        } else {
            // count iterations; step the value in unsigned arithmetic, which wraps harmlessly after the last one
            emit_line(d, "pyrite::i64 i_" + id + " = start_" + id + ";");
            if (s.unrolled) emit_line(0, "#pragma GCC unroll 2");
            emit_line(d, "for (pyrite::i64 n_" + id + " = pyrite::range_len(start_" + id + ", stop_" + id + ", step_" +
                             id + "); n_" + id + " > 0; --n_" + id + ", i_" + id +
                             " = static_cast<pyrite::i64>(static_cast<std::uint64_t>(i_" + id +
                             ") + static_cast<std::uint64_t>(step_" + id + "))) {");
        }
        emit_line(d + 1, assign(v, "i_" + id));
        if (s.checks_interrupt) emit_line(d + 1, "pyrite::check_interrupt();");
        loop_body(s, s.body, d + 1);
        emit_line(d, "}");
        if (!s.guards.empty()) emit_line(base, "}");
    };
    if (s.chunked) {
        // opt's interrupts pass: chunks of 65,536 iterations, Ctrl-C checked between them;
        // each chunk is the loop below over [start, stop), still a plain counted loop
        if (s.breaks) goto_loops_.insert(s.loop_id);  // break leaves both loops: a goto
        emit_line(depth + 1, "const pyrite::i64 first_" + id + " = " + strip_parens(start) + ";");
        emit_line(depth + 1, "const pyrite::i64 last_" + id + " = " + strip_parens(stop) + ";");
        if (s.reserves >= 0) reserve(s, "first_" + id, "last_" + id, "1", depth + 1);
        int d = depth + 1;
        if (s.one_chunk) {  // inside another loop: a range of one chunk or less runs as a plain loop
            emit_line(0, kNotQuick);  // (the quick tier compiles the chunked loop alone)
            emit_line(d, "if (PYRITE_LIKELY(static_cast<std::uint64_t>(last_" + id + ") - static_cast<std::uint64_t>(first_" +
                             id + ") <= pyrite::kChunk)) {");
            emit_line(d + 1, "const pyrite::i64 start_" + id + " = first_" + id + ";");
            emit_line(d + 1, "const pyrite::i64 stop_" + id + " = last_" + id + ";");
            versions(d + 1);
            emit_line(d, "} else");
            emit_line(0, "#endif");
            emit_line(d, "{");
            ++d;
        }
        emit_line(d, "for (pyrite::i64 chunk_" + id + " = first_" + id + "; chunk_" + id + " < last_" + id +
                         "; pyrite::check_interrupt()) {");
        emit_line(d + 1, "const pyrite::i64 start_" + id + " = chunk_" + id + ";");
        emit_line(d + 1, "const pyrite::i64 stop_" + id + " = pyrite::chunk_end(chunk_" + id + ", last_" + id + ");");
        emit_line(d + 1, "chunk_" + id + " = stop_" + id + ";");
        versions(d + 1);
        emit_line(d, "}");
        if (s.one_chunk) emit_line(depth + 1, "}");
    } else {
        emit_line(depth + 1, "const pyrite::i64 start_" + id + " = " + strip_parens(start) + ";");
        emit_line(depth + 1, "const pyrite::i64 stop_" + id + " = " + strip_parens(stop) + ";");
        if (!unit_step) {
            std::string step = convert(expr(*s.range[2]), s.range[2]->type, Type::int_());
            emit_line(depth + 1, "const pyrite::i64 step_" + id + " = " + strip_parens(step) + ";");
        }
        if (s.reserves >= 0) reserve(s, "start_" + id, "stop_" + id, unit_step ? "1" : "step_" + id, depth + 1);
        versions(depth + 1);
    }
    emit_line(outer, "}");
    loop_else(s, outer);
    if (s.chunked && s.breaks && s.orelse.empty()) emit_line(outer, "break_" + id + ":;");
}

// the C++ condition of a versioned loop's guard (ir.hpp's Guard)
std::string Emitter::guard(const ir::Guard& g, const std::string& id) {
    std::string name = g.array >= 0 ? var_name(f_->vars[g.array]) : "";
    std::string extent = g.list ? name + ".len()" : name + ".shape[" + std::to_string(g.axis) + "]";
    switch (g.kind) {
        case ir::Guard::StepPositive: return "step_" + id + " > 0 && step_" + id + " <= INT64_MAX - stop_" + id;
        case ir::Guard::LoopInRange:
            if (g.value == 0) return "start_" + id + " >= 0 && stop_" + id + " <= " + extent;
            // i + c: start + c >= 0 and stop + c <= extent, written so nothing overflows (|c| < 2**20)
            return "start_" + id + " >= " + int_literal(-g.value) + " && stop_" + id + " <= " + extent + " - " +
                   int_literal(g.value);
        case ir::Guard::IndexInRange:
            // 0 <= index + c < extent, in unsigned arithmetic: a sum out of int64's range wraps and fails
            return "static_cast<std::uint64_t>(" + var_name(f_->vars[g.index]) + ")" +
                   (g.value ? " + static_cast<std::uint64_t>(" + int_literal(g.value) + ")" : "") +
                   " < static_cast<std::uint64_t>(" + extent + ")";
        case ir::Guard::ConstInRange: return int_literal(g.value) + " < " + extent;
        case ir::Guard::Writable: return "!" + name + ".readonly";
        case ir::Guard::Within:  // -value <= x <= value, in one unsigned comparison
            return "static_cast<std::uint64_t>(" + var_name(f_->vars[g.index]) + ") + UINT64_C(" + std::to_string(g.value) +
                   ") <= UINT64_C(" + std::to_string(2 * static_cast<std::uint64_t>(g.value)) + ")";
        case ir::Guard::NonnegWithin:
            return "static_cast<std::uint64_t>(" + var_name(f_->vars[g.index]) + ") <= UINT64_C(" + std::to_string(g.value) + ")";
        case ir::Guard::RangeWithin:
            return "start_" + id + " >= " + int_literal(-g.value) + " && stop_" + id + " <= " + int_literal(g.value);
        case ir::Guard::UnitStride: return name + ".strides[" + std::to_string(g.axis) + "] == 1";
        case ir::Guard::SpanInRange: {  // as LoopInRange, of the inner loop's bounds (|constants| < 2**20)
            std::string lo = g.lo >= 0 ? var_name(f_->vars[g.lo]) + " >= " + int_literal(-g.value - g.lo_const)
                                       : int_literal(g.lo_const) + " >= " + int_literal(-g.value);
            std::string hi = g.hi >= 0 ? var_name(f_->vars[g.hi]) + " <= " + extent + " - " + int_literal(g.value + g.hi_const)
                                       : int_literal(g.hi_const) + " <= " + extent + " - " + int_literal(g.value);
            return lo + " && " + hi;
        }
    }
    return "false";
}

// The iterator over one iterable (runtime/include/pyrite/iter.hpp): dict views
// d.keys()/values()/items() are iterated live, so changing d's size raises.
std::string Emitter::iterator(const Expr& src, bool reversed, bool fixed_length, bool direct, int depth) {
    includes_.insert("pyrite/iter.hpp");
    if (is_view(src)) return view_items(src);  // opt/views.cpp
    if (src.kind == ExprKind::Intrinsic && ops::has(src.operation, ops::LoopOnly))
        return iterator_struct(src, depth);  // zip(count(), xs), product(a, b): a struct of itertools.hpp
    if (!reversed && src.iterate_words) {  // for w in s.split(): word by word (opt's iteration pass)
        includes_.insert("pyrite/builtins/text.hpp");
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(src), prelude);
        if (prelude.empty()) {
            std::string s = "pyrite::iter_split(";
            for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + strip_parens(ops[i]);
            return s + ")";
        }
    }
    if (!reversed && src.kind == ExprKind::Method && src.args[0]->type->is(TypeKind::Dict) &&
        (src.operation == ops::Op::DictKeys || src.operation == ops::Op::DictValues || src.operation == ops::Op::DictItems))
        return "pyrite::iter_" + src.name + "(" + strip_parens(expr(*src.args[0])) + ")";
    if (!reversed && direct && src.kind == ExprKind::List && !src.args.empty()) {
        // for x in [a, b, c]: the items in an array on the stack, evaluated first and in order, as
        // CPython does (its compiler makes the display a tuple); no list made at each round
        std::string s = "pyrite::TupleItemsIter<" + type(src.type->elem()) + ", " + std::to_string(src.args.size()) + ">{{";
        for (size_t i = 0; i < src.args.size(); ++i) s += (i ? ", " : "") + strip_parens(expr(*src.args[i]));
        return s + "}}";
    }
    if (!reversed && fixed_length && src.type->is(TypeKind::List))
        return "pyrite::iter_fixed(" + strip_parens(expr(src)) + ")";
    if (!reversed && direct && src.kind == ExprKind::SetDisplay)  // for x in {1, 2, 3}: the frozenset constant's order
        return "pyrite::iter(" + set_display(src, false) + ")";
    return std::string(reversed ? "pyrite::iter_reversed(" : "pyrite::iter(") + strip_parens(expr(src)) + ")";
}

// for x in <iterable> / enumerate(a, start) / zip(a, b, ...) / reversed(a):
// a while loop over iterators (zip asks each in turn and stops at the first exhausted)
void Emitter::for_each(const Stmt& s, int depth) {
    if (!s.orelse.empty() && s.breaks) goto_loops_.insert(s.loop_id);
    std::string id = std::to_string(s.loop_id);
    const Expr& it = *s.value;
    const ir::Var& v = f_->vars[s.var];
    emit_line(depth, "{");
    const ops::Op op = it.kind == ExprKind::Intrinsic ? it.operation : ops::Op::None;
    // enumerate, zip, reversed: a loop over their sources; itertools': over its struct (iterator_struct)
    bool special = op == ops::Op::Enumerate || (op == ops::Op::Zip && it.index != 1) || op == ops::Op::Reversed;  // strict: Zip's
    std::vector<const Expr*> sources;
    std::string start;
    if (special) {
        size_t npos = it.args.size() - it.kwnames.size();
        for (size_t i = 0; i < it.args.size(); ++i) {
            if ((op == ops::Op::Enumerate && i == 1) || i >= npos)
                start = convert(expr(*it.args[i]), it.args[i]->type, Type::int_());
            else
                sources.push_back(it.args[i].get());
        }
    } else {
        sources.push_back(&it);
    }
    std::vector<std::string> items;
    std::string cond;
    for (size_t i = 0; i < sources.size(); ++i) {
        std::string n = std::to_string(i) + "_" + id;
        emit_line(depth + 1, "auto it" + n + " = " +
                                 iterator(*sources[i], op == ops::Op::Reversed, s.fixed_length,
                                          !special, depth + 1) + ";");
        const Type* el = special ? (op == ops::Op::Enumerate ? v.type->elems[1]
                                    : op == ops::Op::Zip       ? v.type->elems[i]
                                                           : v.type)
                                 : v.type;
        bool records = is_view(*sources[i]) && el->is(TypeKind::Dict);  // a view's records (opt/views.cpp)
        if (!s.borrows || special) emit_line(depth + 1, (records ? "pyrite::capi::PyView" : type(el)) + " x" + n + "{};");
        cond += (i ? " && " : "") + std::string("it") + n + ".next(x" + n + ")";
        // read nowhere else (next() assigns it again): moved, where a copy would count references
        items.push_back(el->plain_value() ? "x" + n : "std::move(x" + n + ")");
    }
    std::string item;
    if (op == ops::Op::Enumerate) {
        emit_line(depth + 1, "const pyrite::i64 n_" + id + " = " + (start.empty() ? "0" : strip_parens(start)) + ";");
        emit_line(depth + 1, "pyrite::i64 k_" + id + " = 0;");
        // the count of item k is start + k: OverflowError only once it passes 64 bits
        item = var_type(v) + "{pyrite::add(n_" + id + ", k_" + id + "++), " + items[0] + "}";
    } else if (op == ops::Op::Zip) {
        item = var_type(v) + "{";
        for (size_t i = 0; i < items.size(); ++i) item += (i ? ", " : "") + items[i];
        item += "}";
    } else {
        item = items[0];
    }
    if (s.borrows && !special) {  // opt/borrow.cpp: each item uncounted (stmt() kept v's reference aside)
        emit_line(depth + 1, "while (it0_" + id + ".next_borrowed(" + var_name(v) + ")) {");
        if (v.needs_flag) emit_line(depth + 2, flag_name(v) + " = true;");
    } else {
        emit_line(depth + 1, "while (" + cond + ") {");
        emit_line(depth + 2, assign(v, item));
    }
    if (s.checks_interrupt) emit_line(depth + 2, "pyrite::check_interrupt();");
    loop_body(s, s.body, depth + 2);
    emit_line(depth + 1, "}");
    emit_line(depth, "}");
    loop_else(s, depth);
}

namespace {
// the items iterating a value of type t gives (typeinfer's iterable_elem, for the types it allows)
const Type* item_of(const Type* t) {
    if (t->is(TypeKind::Str)) return Type::str_();
    if (t->is(TypeKind::Range)) return Type::int_();
    if (t->is(TypeKind::Array)) return t->ndim == 1 ? t->elem() : Type::array(t->elem(), t->ndim - 1);
    return t->elems.empty() ? Type::int_() : t->elems[0];
}
// whether argument i of an iterator (positional: i < npos; keyword: its name) is a source
bool is_source(ops::Op op, size_t i, size_t npos) {
    using ops::Op;
    if (op == Op::ItCompress) return true;
    if (i >= npos) return false;
    switch (op) {
        case Op::Zip:
        case Op::HeapqMerge:
        case Op::ItChain:
        case Op::ItProduct:
        case Op::ItZipLongest: return true;
        case Op::ItStarmap:
        case Op::ItTakewhile:
        case Op::ItDropwhile:
        case Op::ItFilterfalse: return i == 1;
        case Op::ItCount:
        case Op::ItRepeat: return false;
        default: return i == 0;
    }
}
}  // namespace

// An iterator as a source (runtime/include/pyrite/itertools.hpp): its arguments are put in
// variables first, in the order Python evaluates them (a nested iterator's before the next
// argument), then the struct is made of them.
std::string Emitter::iterator_struct(const Expr& e, int depth) {
    using ops::Op;
    const Op op = e.operation;
    if (op == Op::Reversed) return iterator(*e.args[0], true, false, true, depth);
    includes_.insert("pyrite/itertools.hpp");
    const size_t npos = e.args.size() - e.kwnames.size();
    std::vector<std::string> vals(e.args.size());
    std::map<std::string, size_t> kw;
    for (size_t i = 0; i < e.args.size(); ++i) {
        const Expr& a = *e.args[i];
        if (i >= npos) kw[e.kwnames[i - npos]] = i;
        if (op == Op::ItProduct && i >= npos && !e.star_arg) continue;  // repeat=: a constant, in the item type
        std::string v = "it_" + std::to_string(iter_temps_++);
        if (a.kind == ExprKind::Lambda) {
            bool predicate = op == Op::ItTakewhile || op == Op::ItDropwhile || op == Op::ItFilterfalse ||
                             (op == Op::GenExp && i >= 2);  // a generator expression's conditions
            emit_line(depth, "auto " + v + " = " + lambda(a, predicate) + ";");
        } else if (is_source(op, i, npos)) {
            emit_line(depth, "auto " + v + " = " + iterator(a, false, false, true, depth) + ";");
            v = "std::move(" + v + ")";
        } else if (a.kind == ExprKind::NoneConst) {
            v.clear();  // None: the default
        } else {
            emit_line(depth, "const " + type(a.type) + " " + v + " = " + strip_parens(expr(a)) + ";");
        }
        vals[i] = v;
    }
    auto arg = [&](size_t pos, const char* name) -> const Expr* {  // positional at pos, or keyword
        if (pos < npos) return e.args[pos].get();
        auto it = kw.find(name);
        return it == kw.end() ? nullptr : e.args[it->second].get();
    };
    auto val = [&](const Expr* a) -> std::string {
        for (size_t i = 0; i < e.args.size(); ++i)
            if (e.args[i].get() == a) return vals[i];
        return "";
    };
    auto source_item = [&](const Expr* a) {
        return a->kind == ExprKind::Intrinsic && ops::has(a->operation, ops::LoopOnly) ? a->type : item_of(a->type);
    };
    auto sources = [&]() {
        std::string s;
        for (size_t i = 0; i < npos; ++i) s += (s.empty() ? "" : ", ") + vals[i];
        return s;
    };
    // an int argument that may be None: a std::optional<i64>
    auto opt_int = [&](const Expr* a) -> std::string {
        std::string v = a ? val(a) : "";
        if (v.empty()) return "std::nullopt";
        if (a->type->is(TypeKind::Optional)) return v;
        return "std::optional<pyrite::i64>(" + convert(v, a->type, Type::int_()) + ")";
    };
    const std::string ns = "pyrite::itertools::";
    const std::string T = type(e.type);
    switch (op) {
        case Op::Enumerate: {
            const Expr* start = arg(1, "start");
            return ns + "enumerate<" + type(e.type->elems[1]) + ">(" + vals[0] +
                   (start ? ", " + convert(val(start), start->type, Type::int_()) : "") + ")";
        }
        case Op::Zip: return ns + (e.index == 1 ? "zip_strict<" : "zip<") + T + ">(" + sources() + ")";
        case Op::ItCount: {
            const Expr* start = arg(0, "start");
            const Expr* step = arg(1, "step");
            auto num = [&](const Expr* a, const char* dflt) {
                return a ? convert(val(a), a->type, e.type) : convert(dflt, Type::int_(), e.type);
            };
            return ns + "count<" + T + ">(" + num(start, "0") + ", " + num(step, "1") + ")";
        }
        case Op::ItRepeat: {
            const Expr* x = arg(0, "object");
            const Expr* times = arg(1, "times");
            return ns + "repeat<" + T + ">(" + val(x) + (times ? ", " + convert(val(times), times->type, Type::int_()) : "") + ")";
        }
        case Op::ItCycle: return ns + "cycle<" + T + ">(" + vals[0] + ")";
        case Op::ItChain: return ns + "chain<" + T + ">(" + sources() + ")";
        case Op::ItFromIterable:
            return ns + "from_iterable<" + T + ", " + type(source_item(e.args[0].get())) + ">(" + vals[0] + ")";
        case Op::ItIslice: {
            std::string bounds;
            for (size_t i = 1; i < npos; ++i) bounds += ", " + opt_int(e.args[i].get());
            return ns + "islice<" + T + ">(" + vals[0] + bounds + ")";
        }
        case Op::ItAccumulate: {
            const Expr* func = arg(1, "func");
            const Expr* initial = arg(99, "initial");
            std::string init = initial && initial->kind != ExprKind::NoneConst ? ", " + val(initial) : "";
            return ns + "accumulate<" + T + ", " + type(source_item(e.args[0].get())) + ">(" + vals[0] + ", " + val(func) +
                   init + ")";
        }
        case Op::ItProduct: {
            if (e.star_arg) {  // product(*xss, repeat=k)
                const Expr* rep = arg(99, "repeat");
                return ns + "product_all<" + type(e.type->elem()) + ", " + type(source_item(e.args[0].get())) + ">(" + vals[0] +
                       ", " + (rep ? convert(val(rep), rep->type, Type::int_()) : "1") + ")";
            }
            std::string pools;
            for (size_t i = 0; i < npos; ++i) pools += ", " + type(source_item(e.args[i].get()));
            return ns + "product<" + T + ", " + std::to_string(npos) + pools + ">(" + sources() + ")";
        }
        case Op::ItPermutations:
        case Op::ItCombinations:
        case Op::ItCombinationsWR: {
            const Expr* r = arg(1, "r");
            std::string item = type(source_item(e.args[0].get()));
            std::string rv = op == Op::ItPermutations ? opt_int(r) : convert(val(r), r->type, Type::int_());
            return ns + ops::info(op).cxx + "<" + T + ", " + item + ">(" + vals[0] + ", " + rv + ")";
        }
        case Op::ItPairwise: return ns + "pairwise<" + type(e.type->elems[0]) + ">(" + vals[0] + ")";
        case Op::ItZipLongest: {
            const Expr* fill = arg(99, "fillvalue");
            std::string f = fill && !val(fill).empty() ? val(fill) : "std::nullopt";
            return ns + "zip_longest<" + T + ">(" + f + ", " + sources() + ")";
        }
        case Op::ItStarmap:  // (f(*t) for t in it): the function takes the item, a tuple, and unpacks it
            return ns + "genexp<" + T + ", " + type(source_item(e.args[1].get())) + ">(" + vals[1] + ", " + vals[0] + ")";
        case Op::ItTakewhile:
        case Op::ItDropwhile:
        case Op::ItFilterfalse: return ns + ops::info(op).cxx + "<" + T + ">(" + vals[0] + ", " + vals[1] + ")";
        case Op::GenExp: {  // its conditions, in order, as one
            std::string item = type(source_item(e.args[0].get()));
            std::string s = ns + "genexp<" + T + ", " + item + ">(" + vals[0] + ", " + vals[1];
            if (e.args.size() > 2) {
                s += ", [&](const " + item + "& x) -> bool { return ";
                for (size_t i = 2; i < e.args.size(); ++i) s += (i > 2 ? " && " : "") + vals[i] + "(x)";
                s += "; }";
            }
            return s + ")";
        }
        case Op::ItGroupby:
            return ns + "groupby<" + type(e.type->elems[0]) + ", " + type(source_item(e.args[0].get())) + ">(" +
                   val(arg(1, "key")) + ", " + vals[0] + ")";
        case Op::HeapqMerge: {
            const Expr* key = arg(99, "key");
            const Expr* reverse = arg(99, "reverse");
            std::string rev = reverse ? "pyrite::truthy(" + val(reverse) + ")" : "false";
            std::string head = "<" + T + (e.star_arg ? ", " + type(source_item(e.args[0].get())) : "") + ">(" +
                               val(key) + ", " + rev + ", ";
            return ns + (e.star_arg ? "merge_all" : "merge") + head + sources() + ")";
        }
        case Op::ItCompress: {
            const Expr* data = arg(0, "data");
            const Expr* sel = arg(1, "selectors");
            return ns + "compress<" + T + ", " + type(source_item(sel)) + ">(" + val(data) + ", " + val(sel) + ")";
        }
        default: break;
    }
    return "/* error: a pyrite bug */";
}

}  // namespace pyrite::codegen
