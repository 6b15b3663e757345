// codegen: typed IR -> C++.
//
// Each Python function becomes a static C++ function over pyrite's runtime
// types (pyrite::i64, double, bool, std::tuple). Python's semantics come from
// runtime calls (pyrite::add checks overflow, pyrite::floordiv floors), plain
// C++ operators are used only where they mean the same thing (+ - * on
// doubles, comparisons of like types). C++ leaves the evaluation order of call
// arguments unspecified; where two operands could raise different exceptions,
// they are evaluated into temporaries in Python's left-to-right order.
//
// Loops and their optimizations: for_range (loop versioning: fast_accesses),
// premark (list stores marked changed once per loop), for_each (iterators;
// keeps_lengths decides the hoisted list reads). Containers: method, intrinsic,
// set_display, store, del; arrays: array_view, array_subscript.
#include "emit.hpp"

#include <functional>
#include <map>
#include <set>

#include "../typeinfer/builtins.hpp"
#include "../typeinfer/infer.hpp"
#include "names.hpp"

namespace pyrite::codegen {

using ir::BinOp;
using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

namespace {

// What an expression may raise, coarsely, to decide when order matters.
constexpr unsigned kOverflow = 1, kZeroDiv = 2, kValue = 4, kUnbound = 8, kAny = 16, kIndex = 32;

bool is_int(const Type* t) { return t->is(TypeKind::Int); }
bool is_float(const Type* t) { return t->is(TypeKind::Float); }
bool is_bool(const Type* t) { return t->is(TypeKind::Bool); }

unsigned raises(const Expr& e) {
    unsigned r = 0;
    for (const ir::ExprP& a : e.args) r |= raises(*a);
    switch (e.kind) {
        case ExprKind::Var: return (e.check_bound ? kUnbound : 0) | (e.unwrap ? kValue : 0);
        case ExprKind::Binary: {
            bool ints = !is_float(e.args[0]->type) && !is_float(e.args[1]->type);
            switch (static_cast<BinOp>(e.op)) {
                case BinOp::Add:
                case BinOp::Sub:
                case BinOp::Mul: return r | (ints ? kOverflow : 0);
                case BinOp::Div:
                case BinOp::Mod: return r | kZeroDiv;
                case BinOp::FloorDiv: return r | kZeroDiv | (ints ? kOverflow : 0);
                case BinOp::Pow: return r | kOverflow | kZeroDiv | kValue;
                case BinOp::LShift: return r | kValue | kOverflow;
                case BinOp::RShift: return r | kValue;
                default: return r;
            }
        }
        case ExprKind::Unary:
            return r | (static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg && is_int(e.type) ? kOverflow : 0);
        case ExprKind::CallFunc: return r | kAny;
        case ExprKind::CallBuiltin: return r | kValue | kOverflow | kZeroDiv;
        // reading a container can raise, and must not move across a mutation
        case ExprKind::Subscript:
        case ExprKind::Slice:
        case ExprKind::Intrinsic: return r | kValue | kOverflow | kIndex;
        case ExprKind::DictDisplay:
        case ExprKind::SetDisplay: return r | kAny;
        case ExprKind::Method:
        case ExprKind::Block:
        case ExprKind::Lambda: return r | kAny;
        case ExprKind::Compare:
            for (CmpOp op : e.cmps)
                if (op == CmpOp::In || op == CmpOp::NotIn) r |= kIndex;
            return r;
        default: return r;
    }
}

// Must these operands be evaluated in order? Only if two of them can raise,
// and not merely the same OverflowError.
bool needs_order(const std::vector<const Expr*>& operands) {
    int raising = 0;
    bool only_overflow = true;
    for (const Expr* e : operands) {
        unsigned r = raises(*e);
        if (r) ++raising;
        if (r & ~unsigned(kOverflow)) only_overflow = false;
    }
    return raising >= 2 && !only_overflow;
}

// int, float, bool, None and tuples of them cross the boundary with capi.hpp's
// conversions alone; anything else (str, containers, T | None) with boundary.hpp's
bool scalar_only(const Type* t) {
    if (t->is(TypeKind::Tuple)) {
        for (const Type* e : t->elems)
            if (!scalar_only(e)) return false;
        return true;
    }
    return t->is_numeric() || t->is(TypeKind::None);
}

std::string convert(const std::string& s, const Type* from, const Type* to) {
    if (from == to) return s;
    if (to->is(TypeKind::Scalar)) {  // into a NumPy scalar: a Python int checked (NEP 50), others cast
        std::string t = cxx_type(to);
        if (from->is(TypeKind::Int)) return "pyrite::np::weak<" + t + ">(" + s + ")";
        if (from->is(TypeKind::Scalar)) return "pyrite::np::cast<" + t + ">(" + s + ")";
        return "static_cast<" + t + ">(" + s + ")";
    }
    if (from->is(TypeKind::Scalar)) {  // a NumPy number as a Python one: the same value
        if (to->is(TypeKind::Int) && from->dtype == DType::UInt64) return "pyrite::np::to_int(" + s + ")";
        if (to->is(TypeKind::Int)) return "static_cast<pyrite::i64>(" + s + ")";
        if (to->is(TypeKind::Bool)) return "static_cast<bool>(" + s + ")";
        if (to->is(TypeKind::Float)) return "static_cast<double>(" + s + ")";
    }
    if (to->is(TypeKind::Optional)) {
        if (from->is(TypeKind::None) || from->is(TypeKind::Optional)) return "static_cast<" + cxx_type(to) + ">(" + s + ")";
        return cxx_type(to) + "(" + convert(s, from, to->elem()) + ")";
    }
    if (to->is(TypeKind::TupleOf) && from->is(TypeKind::Tuple)) return cxx_type(to) + "::of_tuple(" + s + ")";
    if (to->is(TypeKind::Tuple) && from->is(TypeKind::Tuple) && to->elems.size() == from->elems.size()) {
        // item by item (a tuple of NumPy numbers returned as declared Python ones)
        std::string r = "[&](const auto& tup) { return " + cxx_type(to) + "(";
        for (size_t i = 0; i < to->elems.size(); ++i)
            r += (i ? ", " : "") + convert("std::get<" + std::to_string(i) + ">(tup)", from->elems[i], to->elems[i]);
        return r + "); }(" + s + ")";
    }
    if (to->is(TypeKind::Int) && is_bool(from)) return "static_cast<pyrite::i64>(" + s + ")";
    if (to->is(TypeKind::Float)) return "static_cast<double>(" + s + ")";
    return s;
}

// A key looked up in a dict or set of floats: an int that no float equals exactly
// (2**53 + 1) can be in no such container, as in CPython, where 2**53 + 1 != 2.0**53;
// it becomes nan, which equals no key. (A store converts as convert() does.)
std::string lookup_key(const std::string& s, const Type* from, const Type* to) {
    if (from->is(TypeKind::Int) && to->is(TypeKind::Float)) return "pyrite::exact_float_or_nan(" + s + ")";
    return convert(s, from, to);
}

class Emitter {
public:
    explicit Emitter(const ir::Module& m) : m_(m) {}

    Output run() {
        includes_.insert("pyrite/core.hpp");
        includes_.insert("pyrite/ops.hpp");
        for (size_t i = 0; i < m_.functions.size(); ++i) {
            const ir::Function& f = m_.functions[i];
            out_.declarations += "static " + signature(f, static_cast<int>(i)) + ";\n";
        }
        for (size_t i = 0; i < m_.functions.size(); ++i) function(m_.functions[i], static_cast<int>(i));
        out_.includes.assign(includes_.begin(), includes_.end());
        return out_;
    }

private:
    // ------------------------------------------------------------ functions
    std::string signature(const ir::Function& f, int index) {
        std::vector<std::string> params;
        if (f.counts_depth) params.push_back("pyrite::i64 recursion_budget");
        for (int p : f.params) params.push_back(type(f.vars[p].type) + " " + var_name(f.vars[p]));
        std::string s = type(f.ret) + " " + func_name(f, index) + "(";
        for (size_t i = 0; i < params.size(); ++i) s += (i ? ", " : "") + params[i];
        return s + ")";
    }

    // the C++ type a value crosses into Python as: a NumPy scalar becomes a numpy
    // scalar object (capi::NpScalar), not a Python float or int
    std::string boundary_type(const Type* t) {
        if (t->is(TypeKind::Scalar)) return "pyrite::capi::NpScalar<" + type(t) + ">";
        if (t->is(TypeKind::Tuple)) {
            std::string s = "std::tuple<";
            for (size_t i = 0; i < t->elems.size(); ++i) s += (i ? ", " : "") + boundary_type(t->elems[i]);
            return s + ">";
        }
        return type(t);
    }

    std::string type(const Type* t) {
        if (t->is(TypeKind::Tuple)) includes_.insert("tuple");
        if (t->is(TypeKind::Range)) includes_.insert("pyrite/builtins/range.hpp");
        if (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)) includes_.insert("pyrite/numpy.hpp");
        if (t->is(TypeKind::Optional)) includes_.insert("optional");
        if (t->is(TypeKind::List)) includes_.insert("pyrite/list.hpp");
        if (t->is(TypeKind::Str) || t->is(TypeKind::Dict) || t->is(TypeKind::Set)) includes_.insert("pyrite/iter.hpp");
        for (const Type* e : t->elems) type(e);
        return cxx_type(t);
    }

    void function(const ir::Function& f, int index) {
        f_ = &f;
        line_ = -1;
        std::string& c = out_.definitions;
        c += "\n";
        line_directive(f.loc.line, 0);
        c += "static " + signature(f, index) + " {\n";
        if (f.recursive) c += "    pyrite::check_recursion(recursion_budget);\n";
        inline_temporaries(f);
        for (const ir::Var& v : f.vars) {
            if (v.is_param) continue;
            c += "    " + type(v.type) + " " + var_name(v) + "{};";
            c += v.name[0] == '$' ? "\n" : "  // " + v.name + "\n";
            if (v.needs_flag) c += "    bool " + flag_name(v) + " = false;\n";
        }
        block(f.body, 1);
        if (f.ret->is(TypeKind::None) || f.ret->is(TypeKind::Optional))
            c += "    return pyrite::none_t{};\n";
        else
            c += "    __builtin_unreachable();\n";
        c += "}\n";
        if (f.exported) export_function(f, index);
    }

    void export_function(const ir::Function& f, int index) {
        Export e;
        e.qualname = f.qualname;
        e.pyname = f.pyname;
        e.cxx_name = func_name(f, index);
        for (size_t i = 0; i < f.params.size(); ++i) {
            const ir::Var& v = f.vars[f.params[i]];
            ExportParam p{v.name, type(v.type), v.type->str(), "", !scalar_only(v.type)};
            if (f.defaults[i]) p.default_cxx = convert(expr(*f.defaults[i]), f.defaults[i]->type, v.type);
            e.boundary = e.boundary || p.container;
            e.params.push_back(p);
        }
        e.boundary = e.boundary || !scalar_only(f.ret);
        if (e.boundary) includes_.insert("pyrite/boundary.hpp");
        e.ret_cxx = boundary_type(f.ret);
        e.ret_py = f.ret->str();
        e.releases_gil = f.releases_gil;
        e.counts_depth = f.counts_depth;
        out_.exports.push_back(e);
    }

    // ------------------------------------------------------------ statements
    void line_directive(int line, int depth) {
        if (line <= 0 || line == line_) return;
        line_ = line;
        (void)depth;
        out_.definitions += "#line " + std::to_string(line) + " " + string_literal(f_->file) + "\n";
    }

    void emit_line(int depth, const std::string& s) { out_.definitions += std::string(depth * 4, ' ') + s + "\n"; }

    void block(const ir::Block& b, int depth) {
        for (const ir::StmtP& s : b) stmt(*s, depth);
    }

    std::string assign(const ir::Var& v, const std::string& value) {
        std::string s = var_name(v) + " = " + value + ";";
        if (v.needs_flag) s += " " + flag_name(v) + " = true;";
        return s;
    }

    std::string test(const Expr& e) {
        std::string s = expr(e);
        if (e.type->is(TypeKind::Scalar)) return "(" + s + " != " + type(e.type) + "(0))";
        return is_bool(e.type) ? s : "pyrite::truthy(" + s + ")";
    }

    static std::string strip_parens(const std::string& s) {
        if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
        int depth = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '(') ++depth;
            if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) return s;
            if (s[i] == ',' && depth == 1) return s;  // (a, b) is a comma expression: keep its parentheses
        }
        return s.substr(1, s.size() - 2);
    }

    void stmt(const Stmt& s, int depth) {
        line_directive(s.loc.line, depth);
        switch (s.kind) {
            case StmtKind::Assign:
                if (inlined_away_.count(&s)) break;  // its value is fused into the next statement
                emit_line(depth, assign(f_->vars[s.var], strip_parens(expr(value_of(s)))));
                break;
            case StmtKind::ExprStmt: emit_line(depth, "(void)" + expr(value_of(s)) + ";"); break;
            case StmtKind::If:
                emit_line(depth, "if (" + strip_parens(test(*s.value)) + ") {");
                block(s.body, depth + 1);
                if (!s.orelse.empty()) {
                    emit_line(depth, "} else {");
                    block(s.orelse, depth + 1);
                }
                emit_line(depth, "}");
                break;
            case StmtKind::While: {
                std::vector<int> marked = premark(s, depth);
                if (!s.orelse.empty() && s.breaks) loops_with_else_.insert(s.loop_id);
                emit_line(depth, "while (" + strip_parens(test(*s.value)) + ") {");
                block(s.body, depth + 1);
                emit_line(depth, "}");
                loop_else(s, depth);
                for (int v : marked) premarked_.erase(v);
                break;
            }
            case StmtKind::ForRange:
            case StmtKind::ForEach: {
                std::vector<int> marked = premark(s, depth);
                if (s.kind == StmtKind::ForRange) for_range(s, depth);
                else for_each(s, depth);
                for (int v : marked) premarked_.erase(v);
                break;
            }
            case StmtKind::Store: store(s, depth); break;
            case StmtKind::Del: del(s, depth); break;
            case StmtKind::Break:
                emit_line(depth, loop_has_else(s.loop_id) ? "goto break_" + std::to_string(s.loop_id) + ";" : "break;");
                break;
            case StmtKind::Continue: emit_line(depth, "continue;"); break;
            case StmtKind::Return:
                emit_line(depth, s.value ? "return " + strip_parens(expr(value_of(s))) + ";" : "return pyrite::none_t{};");
                break;
            case StmtKind::Assert:
                emit_line(depth, "if (!(" + strip_parens(test(*s.value)) + ")) pyrite::assertion_failed(" +
                                     (s.has_message ? string_literal(s.message) : "nullptr") + ");");
                break;
        }
    }

    bool loop_has_else(int loop_id) const { return loops_with_else_.count(loop_id) > 0; }

    // xs[i] = v in a loop that never rebinds xs: xs is marked changed once, before
    // the loop, and the stores inside skip the flag (a store per item less).
    // Only where xs is certainly bound at the loop (its reads are not checked).
    std::vector<int> premark(const Stmt& loop, int depth) {
        std::set<int> stored, assigned;
        std::function<void(const ir::Block&)> walk = [&](const ir::Block& b) {
            for (const ir::StmtP& st : b) {
                if (st->var >= 0 && (st->kind == StmtKind::Assign || st->kind == StmtKind::ForEach ||
                                     st->kind == StmtKind::ForRange))
                    assigned.insert(st->var);
                if (st->kind == StmtKind::Store && st->target->kind == ExprKind::Subscript) {
                    const Expr& c = *st->target->args[0];
                    if (c.kind == ExprKind::Var && !c.check_bound && !c.unwrap && c.type->is(TypeKind::List))
                        stored.insert(c.var);
                }
                walk(st->body);
                walk(st->orelse);
            }
        };
        walk(loop.body);
        if (loop.var >= 0) assigned.insert(loop.var);
        std::vector<int> marked;
        for (int v : stored) {
            if (assigned.count(v) || premarked_.count(v)) continue;
            emit_line(depth, var_name(f_->vars[v]) + ".mark_changed();");
            premarked_.insert(v);
            marked.push_back(v);
        }
        return marked;
    }

    // `else` of a loop runs when the loop ends without break; a break jumps past it.
    void loop_else(const Stmt& s, int depth) {
        if (s.orelse.empty()) return;
        block(s.orelse, depth);
 if (s.breaks) emit_line(depth, "break_" + std::to_string(s.loop_id) + ":;");
    }

    void for_range(const Stmt& s, int depth) {
        includes_.insert("pyrite/builtins/range.hpp");
        if (!s.orelse.empty() && s.breaks) loops_with_else_.insert(s.loop_id);
        std::string id = std::to_string(s.loop_id);
        const ir::Var& v = f_->vars[s.var];
        std::string start = convert(expr(*s.range[0]), s.range[0]->type, Type::int_());
        std::string stop = convert(expr(*s.range[1]), s.range[1]->type, Type::int_());
        emit_line(depth, "{");
        emit_line(depth + 1, "const pyrite::i64 start_" + id + " = " + strip_parens(start) + ";");
        emit_line(depth + 1, "const pyrite::i64 stop_" + id + " = " + strip_parens(stop) + ";");
        bool unit_step = s.range.size() == 2 ||
                         (s.range[2]->kind == ExprKind::IntConst && s.range[2]->ival == 1);
        std::map<const Expr*, unsigned> fast;
        std::vector<std::string> conds;
        std::string step_value;
        if (!unit_step) {
            step_value = convert(expr(*s.range[2]), s.range[2]->type, Type::int_());
            emit_line(depth + 1, "const pyrite::i64 step_" + id + " = " + strip_parens(step_value) + ";");
        }
        fast_accesses(s, "start_" + id, "stop_" + id, fast, conds);
        if (!unit_step && !conds.empty())  // i + step stays below INT64_MAX while i < stop
            conds.insert(conds.begin(), "step_" + id + " > 0 && step_" + id + " <= INT64_MAX - stop_" + id);
        int d = depth + 1;
        if (!conds.empty()) {
            // loop versioning: when every bounds check of these accesses holds for the whole
            // range, which is decided before the loop, a copy without them runs
            std::string c;
            for (const std::string& x : conds) c += (c.empty() ? "" : " && ") + x;
            emit_line(d, "if (" + c + ") {");
            if (unit_step)
                emit_line(d + 1, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id +
                                     "; ++i_" + id + ") {");
            else  // step > 0 and stop <= an extent: i + step cannot overflow before i >= stop
                emit_line(d + 1, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id +
                                     "; i_" + id + " += step_" + id + ") {");
            emit_line(d + 2, assign(v, "i_" + id));
            fast_.swap(fast);
            block(s.body, d + 2);
            fast_.swap(fast);
            emit_line(d + 1, "}");
            emit_line(d, "} else {");
            ++d;
        }
        if (unit_step) {
            // i < stop <= INT64_MAX, so ++i cannot overflow
            emit_line(d, "for (pyrite::i64 i_" + id + " = start_" + id + "; i_" + id + " < stop_" + id + "; ++i_" + id +
                             ") {");
        } else {
            // count iterations; step the value in unsigned arithmetic, which wraps harmlessly after the last one
            emit_line(d, "pyrite::i64 i_" + id + " = start_" + id + ";");
            emit_line(d, "for (pyrite::i64 n_" + id + " = pyrite::range_len(start_" + id + ", stop_" + id + ", step_" +
                             id + "); n_" + id + " > 0; --n_" + id + ", i_" + id +
                             " = static_cast<pyrite::i64>(static_cast<std::uint64_t>(i_" + id +
                             ") + static_cast<std::uint64_t>(step_" + id + "))) {");
        }
        emit_line(d + 1, assign(v, "i_" + id));
        block(s.body, d + 1);
        emit_line(d, "}");
        if (!conds.empty()) emit_line(depth + 1, "}");
        emit_line(depth, "}");
        loop_else(s, depth);
    }

    // The array items an innermost `for i in range(a, b)` reads and writes whose
    // bounds can be checked once, before it: an index that is the loop variable
    // (a >= 0 and b <= the extent), a local the loop never assigns, or a constant.
    // Each such access gets a mask of its axes known in range; `conds` what must hold.
    void fast_accesses(const Stmt& loop, const std::string& start, const std::string& stop,
                       std::map<const Expr*, unsigned>& fast, std::vector<std::string>& conds) {
        std::set<int> assigned;
        bool simple = true;
        std::function<void(const ir::Block&)> scan = [&](const ir::Block& b) {
            for (const ir::StmtP& st : b) {
                if (st->kind == StmtKind::ForRange || st->kind == StmtKind::ForEach || st->kind == StmtKind::While)
                    simple = false;  // innermost loops only: each level would double the code
                if (st->kind == StmtKind::Assign) assigned.insert(st->var);
                scan(st->body);
                scan(st->orelse);
            }
        };
        scan(loop.body);
        if (!simple || assigned.count(loop.var)) return;
        bool lengths_fixed = keeps_lengths(loop.body);  // lists keep their lengths during the loop
        std::set<std::string> seen;
        auto add = [&](const std::string& c) {
            if (seen.insert(c).second) conds.push_back(c);
        };
        auto access = [&](const Expr& sub, bool store) {
            const Expr& a = *sub.args[0];
            bool is_list = a.type && a.type->is(TypeKind::List);
            if (!a.type || !(a.type->is(TypeKind::Array) || (is_list && lengths_fixed)) || a.kind != ExprKind::Var ||
                a.check_bound || a.unwrap || assigned.count(a.var))
                return;
            const Expr& index = *sub.args[1];
            std::vector<const Expr*> parts;
            if (index.kind == ExprKind::Tuple)
                for (const ir::ExprP& x : index.args) parts.push_back(x.get());
            else
                parts.push_back(&index);
            if (static_cast<int>(parts.size()) != (is_list ? 1 : a.type->ndim) || (is_list && index.kind == ExprKind::Tuple))
                return;
            std::string name = var_name(f_->vars[a.var]);
            unsigned mask = 0;
            for (size_t k = 0; k < parts.size(); ++k) {
                const Expr& p = *parts[k];
                std::string extent = is_list ? name + ".len()" : name + ".shape[" + std::to_string(k) + "]";
                if (p.kind == ExprKind::Var && p.var == loop.var && !p.check_bound) {
                    add(start + " >= 0 && " + stop + " <= " + extent);
                } else if (p.kind == ExprKind::Var && !assigned.count(p.var) && !p.check_bound &&
                           p.type->is(TypeKind::Int)) {
                    add("static_cast<std::uint64_t>(" + var_name(f_->vars[p.var]) + ") < static_cast<std::uint64_t>(" +
                        extent + ")");
                } else if (p.kind == ExprKind::IntConst && p.ival >= 0) {
                    add(int_literal(p.ival) + " < " + extent);
                } else {
                    continue;
                }
                mask |= 1u << k;
            }
            if (!mask) return;
            if (store && !is_list) add("!" + name + ".readonly");
            fast[&sub] = mask;
        };
        std::function<void(const Expr&)> walk_expr = [&](const Expr& e) {
            if (e.kind == ExprKind::Subscript) access(e, false);
            for (const ir::ExprP& x : e.args) walk_expr(*x);
        };
        std::function<void(const ir::Block&)> walk = [&](const ir::Block& b) {
            for (const ir::StmtP& st : b) {
                if (st->value) walk_expr(*st->value);
                if (st->target) {
                    if (st->kind == StmtKind::Store && st->target->kind == ExprKind::Subscript) access(*st->target, true);
                    for (const ir::ExprP& x : st->target->args) walk_expr(*x);
                }
                walk(st->body);
                walk(st->orelse);
            }
        };
        walk(loop.body);
        if (conds.size() > 24) {  // not worth a condition that long
            fast.clear();
            conds.clear();
        }
    }

    // ------------------------------------------------------------ containers
    static std::vector<const Expr*> all_args(const Expr& e) {
        std::vector<const Expr*> v;
        for (const ir::ExprP& a : e.args) v.push_back(a.get());
        return v;
    }

    // a slice's bounds as (has, value) pairs: an omitted bound is None
    std::string slice_args(const Expr& e, const std::vector<std::string>& ops) {
        std::string s;
        for (size_t i = 1; i < 4; ++i) {
            const Expr& b = *e.args[i];
            s += i > 1 ? ", " : "";
            s += b.type->is(TypeKind::None) ? "false, 0" : "true, " + convert(ops[i], b.type, Type::int_());
        }
        return s;
    }

    std::string method(const Expr& e) {
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(e), prelude);
        const std::string& m = e.name;
        std::string s = ops[0] + ".";
        size_t npos = e.args.size() - e.kwnames.size();
        const Type* c = e.args[0]->type;
        if (c->is(TypeKind::Dict) || c->is(TypeKind::Set)) {
            // keys convert to the key type (d.get(1) in a dict[float, ...])
            for (size_t i = 1; i < ops.size(); ++i) {
                bool is_key = i == 1 && m != "update" && m.find("union") == std::string::npos;
                bool lookup = m == "get" || m == "pop" || m == "__contains__";
                if (is_key && e.args[i]->type->is_numeric())
                    ops[i] = lookup ? lookup_key(ops[i], e.args[i]->type, c->elem()) : convert(ops[i], e.args[i]->type, c->elem());
            }
            if (c->is(TypeKind::Dict) && m == "get") {
                bool opt = ops.size() == 2 || e.args[2]->type->is(TypeKind::None);
                s += opt ? "get_opt(" + ops[1] + ")" : "get_or(" + ops[1] + ", " + convert(ops[2], e.args[2]->type, c->value()) + ")";
            } else if (c->is(TypeKind::Dict) && (m == "pop" || m == "setdefault") && ops.size() == 3) {
                s += m + "(" + ops[1] + ", " + convert(ops[2], e.args[2]->type, c->value()) + ")";
            } else if (m == "union") {
                s += "union_(" + ops[1] + ")";
            } else {
                s += m + "(";
                for (size_t i = 1; i < ops.size(); ++i) s += (i > 1 ? ", " : "") + ops[i];
                s += ")";
            }
            if (e.type->is(TypeKind::None)) s = "(" + s + ", pyrite::none_t{})";
            return sequenced(prelude, e.type, s);
        }
        if (m == "index") s += "index_of(" + ops[1] + ")";
        else if (m == "insert") s += "insert(" + convert(ops[1], e.args[1]->type, Type::int_()) + ", " + ops[2] + ")";
        else if (m == "pop" && npos == 2) s += "pop(" + convert(ops[1], e.args[1]->type, Type::int_()) + ")";
        else if (m == "sort") {
            std::string key, reverse;
            for (size_t k = 0; k < e.kwnames.size(); ++k)
                (e.kwnames[k] == "key" ? key : reverse) = ops[1 + (npos - 1) + k];
            s = key.empty() ? s + "sort(" + (reverse.empty() ? "" : "pyrite::truthy(" + reverse + ")") + ")"
                            : "pyrite::builtins::sort_by_key(" + ops[0] + ", " +
                                  (reverse.empty() ? "false" : "pyrite::truthy(" + reverse + ")") + ", " + key + ")";
        }
        else {
            s += m + "(";
            for (size_t i = 1; i < ops.size(); ++i) s += (i > 1 ? ", " : "") + ops[i];
            s += ")";
        }
        if (e.type->is(TypeKind::None)) s = "(" + s + ", pyrite::none_t{})";
        return sequenced(prelude, e.type, s);
    }

    // the position of keyword argument `name` in e.args
    static size_t npos_of(const Expr& e, const char* name) {
        size_t npos = e.args.size() - e.kwnames.size();
        for (size_t k = 0; k < e.kwnames.size(); ++k)
            if (e.kwnames[k] == name) return npos + k;
        return 0;
    }

    // the C++ text of keyword argument `name`, or ""
    static std::string keyword(const Expr& e, const std::vector<std::string>& ops, const char* name) {
        size_t npos = e.args.size() - e.kwnames.size();
        for (size_t k = 0; k < e.kwnames.size(); ++k)
            if (e.kwnames[k] == name) return ops[npos + k];
        return "";
    }

    // the items of an iterable as a compiled list (a list itself is used as it is)
    std::string as_list(const std::string& value, const Type* t) {
        if (t->is(TypeKind::List)) return value;
        if (t->is(TypeKind::TupleOf)) return value + ".list().copy()";  // never sorted in place: a copy
        if (t->is(TypeKind::Range)) return "pyrite::collect<pyrite::i64>(pyrite::iter(" + value + "))";
        const Type* el = t->is(TypeKind::Str) ? t : t->is(TypeKind::Tuple) ? (t->elems.empty() ? Type::int_() : t->elems[0]) : t->elem();
        return "pyrite::collect<" + type(el) + ">(pyrite::iter(" + value + "))";
    }

    // ------------------------------------------------------------ NumPy
    // np.NAME(...) and a.NAME(...) as typeinfer normalized them (arrays.cpp): one call
    // pyrite::np::NAME<result type>(arguments), an omitted optional argument none_arg{}
    // (numpy.hpp); a dtype argument is left out, the result type carries it
    std::string numpy_call(const Expr& e, const std::vector<std::string>& ops) {
        includes_.insert("pyrite/numpy.hpp");
        std::string n = e.name.substr(3);
        if (n == "sum")
            if (std::string f = fused_sum(e); !f.empty()) return f;
        DType d;
        if (e.type->is(TypeKind::Scalar) && dtype_from_name(n, &d)) {
            // np.float32(x): a Python number as NumPy converts it (ints checked, floats
            // truncated: np::store), a NumPy number cast
            const Expr& x = *e.args[0];
            return std::string(x.type->is(TypeKind::Scalar) ? "pyrite::np::cast<" : "pyrite::np::store<") +
                   type(e.type) + ">(" + strip_parens(ops[0]) + ")";
        }
        if (n == "std") n = "std_";
        n = numpy_alias(n);
        const Type* r = e.type;
        // element-wise functions and reductions name the item type, the rest the whole type
        static const std::set<std::string> whole = {"zeros", "ones", "empty", "full", "zeros_like", "ones_like",
                                                    "empty_like", "full_like", "arange", "linspace", "reshape",
                                                    "ravel", "flatten", "astype"};
        std::string rt = whole.count(n) ? type(r) : type(r->is(TypeKind::Array) ? r->elem() : r);
        type(r);
        std::string s = "pyrite::np::" + n + "<" + rt + ">(";
        bool first = true;
        // the functions whose last parameter is dtype=: the result type carries it
        static const std::set<std::string> dtyped = {"zeros", "ones", "empty", "full", "zeros_like", "ones_like",
                                                     "empty_like", "full_like", "arange"};
        size_t nargs = e.args.size() - (dtyped.count(n) ? 1 : 0);
        for (size_t i = 0; i < nargs; ++i) {
            const Expr& a = *e.args[i];
            if (a.kind == ExprKind::StrConst) continue;
            std::string v = strip_parens(ops[i]);
            if (a.type->is(TypeKind::None)) {
                v = "pyrite::np::none_arg{}";
                if (n == "linspace") v = i == 2 ? "INT64_C(50)" : "true";
            } else if (n == "linspace" && i == 2) {
                v = convert(v, a.type, Type::int_());
            } else if ((n == "full" || n == "full_like") && i == 1) {
                // NumPy's copyto: a Python int checked into the dtype (NEP 50), anything else cast
                std::string item = type(r->elem());
                v = a.type->is(TypeKind::Int) ? "pyrite::np::weak<" + item + ">(" + v + ")"
                                              : "pyrite::np::cast<" + item + ">(" + v + ")";
            }
            s += (first ? "" : ", ") + v;
            first = false;
        }
        return s + ")";
    }

    // the C++ type NumPy computes a comparison of these two operands in
    std::string compare_type(const Type* a, const Type* b) {
        bool na = a->is(TypeKind::Scalar) || a->is(TypeKind::Array), nb = b->is(TypeKind::Scalar) || b->is(TypeKind::Array);
        auto dt = [](const Type* t) { return t->is(TypeKind::Array) ? t->elem()->dtype : t->dtype; };
        DType d = DType::Float64;
        if (na && nb) promote(dt(a), dt(b), &d);
        else if (na) promote_weak(b, dt(a), &d);
        else if (nb) promote_weak(a, dt(b), &d);
        if (!is_float_dtype(d) && !is_complex_dtype(d)) d = DType::Float64;  // integers compare exactly anyway
        return cxx_type(Type::scalar(d));
    }

    // an operand of NumPy arithmetic whose result items are of type r: a Python
    // int checked into r (NEP 50), other Python numbers converted, NumPy values as
    // they are (the loop casts their items)
    std::string numpy_operand(const std::string& v, const Type* t, const Type* r) {
        if (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)) return v;
        if (t->is(TypeKind::Int)) return "pyrite::np::weak<" + type(r) + ">(" + strip_parens(v) + ")";
        return "static_cast<" + type(r) + ">(" + strip_parens(v) + ")";
    }

    // ---- array temporaries fused into their one use
    // `diff = x[:, None] - x[None, :]` followed by `d = np.sqrt((diff * diff).sum(axis=2))`,
    // where diff is read nowhere else: the second statement is emitted with diff's
    // expression in place of each read, so the fused loop never writes diff's memory.
    // Only where nothing can tell: diff's expression reads views of locals and constants
    // (no calls, nothing that raises), and the statement using it calls nothing that could
    // write those arrays first.
    std::map<const Stmt*, ir::ExprP> replaced_;  // a statement's value with temporaries substituted
    std::set<const Stmt*> inlined_away_;         // the assignments of those temporaries

    const Expr& value_of(const Stmt& s) {
        auto it = replaced_.find(&s);
        return it != replaced_.end() ? *it->second : *s.value;
    }
    static ir::ExprP clone(const Expr& e, int var, const Expr* with) {
        if (e.kind == ExprKind::Var && e.var == var) return clone(*with, -1, nullptr);
        auto c = std::make_unique<Expr>(e.kind, e.loc);
        c->type = e.type;
        c->ival = e.ival;
        c->fval = e.fval;
        c->var = e.var;
        c->op = e.op;
        c->cmps = e.cmps;
        c->name = e.name;
        c->callee = e.callee;
        c->kwnames = e.kwnames;
        c->inplace = e.inplace;
        c->overload = e.overload;
        c->in_test = e.in_test;
        c->check_bound = e.check_bound;
        c->unwrap = e.unwrap;
        for (const ir::ExprP& a : e.args) c->args.push_back(clone(*a, var, with));
        return c;
    }
    static void count_reads(const Expr& e, std::map<int, int>& reads) {
        if (e.kind == ExprKind::Var) ++reads[e.var];
        for (const ir::ExprP& a : e.args) count_reads(*a, reads);
        if (e.body)
            for (const ir::StmtP& s : *e.body) count_reads(*s, reads);
    }
    static void count_reads(const Stmt& s, std::map<int, int>& reads) {
        for (const ir::ExprP* p : {&s.value, &s.target})
            if (*p) count_reads(**p, reads);
        for (const ir::ExprP& r : s.range) count_reads(*r, reads);
        for (const ir::StmtP& b : s.body) count_reads(*b, reads);
        for (const ir::StmtP& b : s.orelse) count_reads(*b, reads);
    }
    // an expression that writes no array before reading the inlined one: NumPy operations,
    // views, numbers (no calls of compiled functions, no methods that mutate, no blocks)
    static bool harmless(const Expr& e) {
        switch (e.kind) {
            case ExprKind::CallFunc:
            case ExprKind::Block:
            case ExprKind::Lambda:
            case ExprKind::Method:
            case ExprKind::DictDisplay:
            case ExprKind::SetDisplay:
            case ExprKind::List: return false;
            case ExprKind::Binary:
                if (e.inplace) return false;
                break;
            case ExprKind::Intrinsic:
                if (e.name.compare(0, 3, "np.") != 0 && e.name.compare(0, 5, "attr.") != 0) return false;
                break;
            case ExprKind::CallBuiltin: break;  // float(), abs(), math.*: no arrays
            default: break;
        }
        for (const ir::ExprP& a : e.args)
            if (!harmless(*a)) return false;
        return true;
    }
    static bool all_quiet(const Expr& e) {
        if (!elementwise(e)) return quiet_leaf(e);
        for (const ir::ExprP& a : e.args)
            if (!all_quiet(*a)) return false;
        return true;
    }
    static void reads_of(const Expr& e, std::set<int>& vars) {
        if (e.kind == ExprKind::Var) vars.insert(e.var);
        for (const ir::ExprP& a : e.args) reads_of(*a, vars);
    }
    void inline_temporaries(const ir::Function& f) {
        replaced_.clear();
        inlined_away_.clear();
        std::map<int, int> reads;
        std::map<int, int> writes;
        for (const ir::StmtP& s : f.body) count_reads(*s, reads);
        std::function<void(const ir::Block&)> count_writes = [&](const ir::Block& b) {
            for (const ir::StmtP& s : b) {
                if (s->kind == StmtKind::Assign || s->kind == StmtKind::ForRange) ++writes[s->var];
                count_writes(s->body);
                count_writes(s->orelse);
            }
        };
        count_writes(f.body);
        std::function<void(const ir::Block&)> walk = [&](const ir::Block& b) {
            for (size_t i = 0; i + 1 < b.size(); ++i) {
                const Stmt& def = *b[i];
                const Stmt& use = *b[i + 1];
                if (def.kind != StmtKind::Assign || !def.value || !elementwise(*def.value) || !all_quiet(*def.value))
                    continue;
                const ir::Var& v = f.vars[def.var];
                if (v.is_param || v.needs_flag || writes[def.var] != 1 || v.name[0] == '$') continue;
                if (use.kind != StmtKind::Assign && use.kind != StmtKind::Return && use.kind != StmtKind::ExprStmt) continue;
                if (!use.value || !harmless(*use.value) || replaced_.count(&def)) continue;
                std::map<int, int> here;
                count_reads(*use.value, here);
                if (here[def.var] == 0 || here[def.var] != reads[def.var]) continue;
                std::set<int> leaves;  // the use must not rebind what the temporary reads
                reads_of(*def.value, leaves);
                if (use.kind == StmtKind::Assign && (leaves.count(use.var) || use.var == def.var)) continue;
                replaced_[&use] = clone(*use.value, def.var, def.value.get());
                inlined_away_.insert(&def);
            }
            for (const ir::StmtP& s : b) {
                walk(s->body);
                walk(s->orelse);
            }
        };
        walk(f.body);
    }

    // ---- fused element-wise expressions: a * b + np.sqrt(c) runs as one loop (numpy.hpp's
    // zip_fn) over its leaves, with no temporary arrays; the scalar operations in the loop
    // body are each node's own, in its own dtype, so the result is NumPy's bit for bit
    static bool elementwise(const Expr& e) {
        if (!e.type || !e.type->is(TypeKind::Array)) return false;
        switch (e.kind) {
            case ExprKind::Binary: return !(e.inplace && e.args[0]->type->is(TypeKind::Array));
            case ExprKind::Compare: return e.cmps.size() == 1;
            case ExprKind::Unary: return static_cast<ir::UnOp>(e.op) != ir::UnOp::Not;
            case ExprKind::Intrinsic: return typeinfer::elementwise_ufunc(e.name);
            default: return false;
        }
    }
    // a leaf that cannot raise: reading it early changes nothing NumPy would observe
    static bool quiet_leaf(const Expr& e) {
        switch (e.kind) {
            case ExprKind::Var: return !e.check_bound && !e.unwrap;
            case ExprKind::IntConst:
            case ExprKind::FloatConst:
            case ExprKind::BoolConst:
            case ExprKind::NoneConst: return true;
            case ExprKind::Slice:  // a[1:-1]: a view, never an error
                for (const ir::ExprP& a : e.args)
                    if (!quiet_leaf(*a)) return false;
                return e.args[0]->type->is(TypeKind::Array);
            case ExprKind::Subscript:  // a[1:-1, ::2], a[:, None]: a view
                if (!e.args[0]->type->is(TypeKind::Array) || !quiet_leaf(*e.args[0])) return false;
                if (e.args[1]->kind != ExprKind::Tuple || !e.args[1]->type->is(TypeKind::None)) return false;
                for (const ir::ExprP& p : e.args[1]->args) {
                    if (p->kind == ExprKind::Slice) {
                        for (const ir::ExprP& b : p->args)
                            if (!quiet_leaf(*b)) return false;
                    } else if (!p->type->is(TypeKind::None)) {
                        return false;  // an int index can raise IndexError
                    }
                }
                return true;
            default: return false;
        }
    }
    void fusion_leaves(const Expr& e, std::vector<const Expr*>& leaves) {
        for (const ir::ExprP& a : e.args) {
            if (elementwise(*a)) fusion_leaves(*a, leaves);
            else leaves.push_back(a.get());
        }
    }
    // the loop body's text for node e (leaves are x0, x1, ... in order), and the
    // broadcast check's text; k counts leaves
    std::string fused_body(const Expr& e, size_t& k, std::vector<std::string>& leaf_text,
                           const std::vector<std::string>& leaf_value, std::string& shape) {
        const Type* item = e.type->elem();
        std::string rt = type(item);
        std::vector<std::string> args, shapes;
        for (const ir::ExprP& a : e.args) {
            if (elementwise(*a)) {
                std::string sh;
                args.push_back(fused_body(*a, k, leaf_text, leaf_value, sh));
                shapes.push_back(sh);
                continue;
            }
            std::string v = leaf_value[k++];
            // a Python number joins as the operation's dtype (NEP 50), checked once, before the loop
            bool raw = e.kind == ExprKind::Compare || (e.kind == ExprKind::Intrinsic && e.name == "np.where" && args.empty());
            std::string text = raw ? v : numpy_operand(v, a->type, item);
            // the same view read twice (x[:, None] - y twice, from an inlined temporary) is one operand
            size_t p = std::find(leaf_text.begin(), leaf_text.end(), text) - leaf_text.begin();
            if (p == leaf_text.size()) leaf_text.push_back(text);
            shapes.push_back("pyrite::np::shape_of(x" + std::to_string(p) + ")");
            args.push_back("x" + std::to_string(p));
        }
        shape = "pyrite::np::bcast(";
        for (size_t i = 0; i < shapes.size(); ++i) shape += (i ? ", " : "") + shapes[i];
        shape += ")";
        if (shapes.size() == 1) shape = shapes[0];
        std::string call;
        switch (e.kind) {
            case ExprKind::Binary:
                return "pyrite::np::op_" + numpy_op(static_cast<BinOp>(e.op)) + "::call<" + rt + ">(" + args[0] + ", " +
                       args[1] + ")";
            case ExprKind::Compare:
                return std::string("pyrite::np::op_cmp<pyrite::np::") + numpy_cmp(e.cmps[0]) + ", " +
                       compare_type(e.args[0]->type, e.args[1]->type) + ">::call<bool>(" + args[0] + ", " + args[1] + ")";
            case ExprKind::Unary:
                return std::string(static_cast<ir::UnOp>(e.op) == ir::UnOp::Neg ? "pyrite::np::op_neg" :
                                   static_cast<ir::UnOp>(e.op) == ir::UnOp::Invert ? "pyrite::np::op_invert" : "pyrite::np::op_pos") +
                       "::call<" + rt + ">(" + args[0] + ")";
            default: {
                call = "pyrite::np::u_" + numpy_alias(e.name.substr(3)) + "::call<" + rt + ">(";
                for (size_t i = 0; i < args.size(); ++i) call += (i ? ", " : "") + args[i];
                return call + ")";
            }
        }
    }
    // the fused loop of root e, or "" when e has no element-wise operand to fuse (or a leaf
    // after the first could raise: NumPy would then raise the earlier operation's error first)
    struct Fused {
        std::string decls;   // the leaves, evaluated in order, and the shape check
        std::string lambda;  // [](auto x0, ...) { return ...; }
        std::string args;    // , x0, x1, ...
    };
    bool fuse(const Expr& e, Fused& out) {
        std::vector<const Expr*> leaves;
        fusion_leaves(e, leaves);
        for (size_t i = 1; i < leaves.size(); ++i)
            if (!quiet_leaf(*leaves[i])) return false;
        includes_.insert("pyrite/numpy.hpp");
        // every leaf after the first is quiet: reading them in order needs no temporaries
        std::string prelude;
        std::vector<std::string> values;
        for (const Expr* l : leaves) values.push_back(expr(*l));
        std::vector<std::string> leaf_text;
        size_t k = 0;
        std::string shape;
        std::string body = fused_body(e, k, leaf_text, values, shape);
        std::string params;
        out.decls = prelude;
        out.args.clear();
        for (size_t i = 0; i < leaf_text.size(); ++i) {
            out.decls += "const auto x" + std::to_string(i) + " = " + strip_parens(leaf_text[i]) + "; ";
            params += std::string(i ? ", " : "") + "auto x" + std::to_string(i);
            out.args += ", x" + std::to_string(i);
        }
        out.decls += "(void)" + shape + "; ";
        out.lambda = "[](" + params + ") { return " + body + "; }";
        return true;
    }
    std::string fused(const Expr& e) {
        if (!elementwise(e)) return "";
        bool nested = false;
        for (const ir::ExprP& a : e.args) nested = nested || elementwise(*a);
        Fused f;
        if (!nested || !fuse(e, f)) return "";
        return "[&]() -> " + type(e.type) + " { " + f.decls + "return pyrite::np::zip_fn<" + type(e.type->elem()) +
               ">(" + f.lambda + f.args + "); }()";
    }
    // a.sum(axis=k) of an element-wise expression: summed as it is computed when k is the
    // axis NumPy's temporary would have innermost (numpy.hpp's sum_fused), else made first
    std::string fused_sum(const Expr& e) {
        const Expr& a = *e.args[0];
        if (!elementwise(a) || e.args[1]->kind != ExprKind::IntConst || !e.type->is(TypeKind::Array)) return "";
        if (a.type->elem() != e.type->elem() || !is_float_dtype(a.type->elem()->dtype)) return "";
        Fused f;
        if (!fuse(a, f)) return "";
        std::string r = type(e.type->elem());
        return "[&]() -> " + type(e.type) + " { " + f.decls + "return pyrite::np::sum_fused<" + r + ">(" +
               int_literal(e.args[1]->ival) + ", " + f.lambda + f.args + "); }()";
    }

    std::string numpy_binary(const Expr& e, std::string a, std::string b, const std::string& prelude) {
        includes_.insert("pyrite/numpy.hpp");
        const Expr &l = *e.args[0], &r = *e.args[1];
        auto op = static_cast<BinOp>(e.op);
        std::string name = numpy_op(op);
        const Type* item = e.type->is(TypeKind::Array) ? e.type->elem() : e.type;
        std::string rt = type(item);
        a = numpy_operand(a, l.type, item);
        b = numpy_operand(b, r.type, item);
        if (e.type->is(TypeKind::Array)) {
            if (e.inplace && l.type->is(TypeKind::Array))  // a += b: into a's memory
                return sequenced(prelude, e.type, "pyrite::np::zip_into<pyrite::np::op_" + name + ">(" + a + ", " + b + ")");
            return sequenced(prelude, e.type, "pyrite::np::zip<" + rt + ", pyrite::np::op_" + name + ">(" + a + ", " + b + ")");
        }
        if (l.type->is(TypeKind::Scalar) && l.type != item) a = "pyrite::np::cast<" + rt + ">(" + strip_parens(a) + ")";
        if (r.type->is(TypeKind::Scalar) && r.type != item) b = "pyrite::np::cast<" + rt + ">(" + strip_parens(b) + ")";
        if (op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor)
            return sequenced(prelude, e.type, "static_cast<" + rt + ">(" + a + " " + ir::symbol(op) + " " + b + ")");
        return sequenced(prelude, e.type, "pyrite::np::" + name + "<" + rt + ">(" + a + ", " + b + ")");
    }

    std::string intrinsic(const Expr& e) {
        if (std::string f = fused(e); !f.empty()) return f;
        includes_.insert("pyrite/list.hpp");
        includes_.insert("pyrite/builtins/containers.hpp");
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(e), prelude);
        const std::string& n = e.name;
        const Type* t0 = e.args.empty() ? nullptr : e.args[0]->type;
        std::string s;
        if (n == "fstring") {
            includes_.insert("pyrite/builtins/text.hpp");
            s = "pyrite::join_parts({";
            for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + strip_parens(ops[i]);
            s += "})";
        } else if (n.compare(0, 3, "np.") == 0) {
            s = numpy_call(e, ops);        } else if (n == "attr.T") {
            s = "pyrite::transposed(" + strip_parens(ops[0]) + ")";
        } else if (n == "attr.shape") {
            s = "pyrite::array_shape(" + strip_parens(ops[0]) + ")";
        } else if (n == "attr.ndim") {
            s = "((void)" + ops[0] + ", INT64_C(" + std::to_string(t0->ndim) + "))";
        } else if (n == "attr.size") {
            s = ops[0] + ".size()";
        } else if (n == "str_format") {
            includes_.insert("pyrite/builtins/text.hpp");
            s = "pyrite::str_format(";
            for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + strip_parens(ops[i]);
            s += ")";
        } else if (n == "str" || n == "repr") {
            includes_.insert("pyrite/builtins/text.hpp");
            s = ops.empty() ? "pyrite::Str::empty()" : "pyrite::to_" + n + "(" + strip_parens(ops[0]) + ")";
        } else if (n == "isinstance") {
            std::string verdict = e.ival ? "true" : "false";
            s = t0->is(TypeKind::Optional) ? "(" + ops[0] + ".has_value() && " + verdict + ")"
                                           : "((void)" + ops[0] + ", " + verdict + ")";
        } else if (n == "len") {
            s = t0->is(TypeKind::Tuple) ? "((void)" + ops[0] + ", INT64_C(" + std::to_string(t0->elems.size()) + "))"
                                        : ops[0] + ".len()";
        } else if (n == "list") {
            s = ops.empty() ? type(e.type) + "::make()"
                : t0->is(TypeKind::List) ? ops[0] + ".copy()" : as_list(ops[0], t0);
        } else if (n == "range") {
            includes_.insert("pyrite/builtins/range.hpp");
            std::vector<std::string> b;
            for (size_t i = 0; i < ops.size(); ++i) b.push_back(convert(ops[i], e.args[i]->type, Type::int_()));
            s = ops.size() == 1 ? "pyrite::Range::make(0, " + b[0] + ", 1)"
                : "pyrite::Range::make(" + b[0] + ", " + b[1] + ", " + (ops.size() == 3 ? b[2] : std::string("1")) + ")";
        } else if (n == "tuple") {
            s = ops.empty() ? type(e.type) + "::make()"
                : t0->is(TypeKind::TupleOf) ? ops[0]
                : type(e.type) + "(" + (t0->is(TypeKind::List) ? ops[0] + ".copy()" : as_list(ops[0], t0)) + ")";
        } else if (n == "set") {
            s = ops.empty() ? type(e.type) + "::make()"
                : t0->is(TypeKind::Set) ? ops[0] + ".copy()"
                : t0->is(TypeKind::Dict) ? type(e.type) + "::from_dict(" + strip_parens(ops[0]) + ")"
                : type(e.type) + "::from_list(" + as_list(ops[0], t0) + ")";
        } else if (n == "dict") {
            s = ops.empty() ? type(e.type) + "::make()"
                : t0->is(TypeKind::Dict) ? ops[0] + ".copy()"
                : "pyrite::dict_from_pairs<" + type(e.type->elem()) + ", " + type(e.type->value()) + ">(" + as_list(ops[0], t0) + ")";
        } else if (n == "sorted") {
            // a list is copied first; the items of any other iterable are a fresh list, sorted where it is
            std::string key = keyword(e, ops, "key"), reverse = keyword(e, ops, "reverse");
            std::string list = t0->is(TypeKind::List) ? ops[0] + ".copy()" : as_list(ops[0], t0);
            s = "pyrite::builtins::sorted_in_place(" + list + ", " + (reverse.empty() ? "false" : "pyrite::truthy(" + reverse + ")") +
                (key.empty() ? "" : ", " + key) + ")";
        } else if (n == "sum") {
            s = "pyrite::builtins::sum<" + type(e.type) + ">(" + as_list(ops[0], t0) +
                (ops.size() > 1 ? ", " + convert(ops[1], e.args[1]->type, e.type) : std::string()) + ")";
        } else if (n == "min" || n == "max") {
            std::string key = keyword(e, ops, "key"), dflt = keyword(e, ops, "default");
            s = "pyrite::builtins::" + n + "_of_list(" + as_list(ops[0], t0);
            if (!dflt.empty()) s += ", std::optional<" + type(e.type) + ">(" + convert(dflt, e.args[npos_of(e, "default")]->type, e.type) + ")";
            else if (!key.empty()) s += ", std::optional<" + type(e.type) + ">()";
            if (!key.empty()) s += ", " + key;
            s += ")";
        } else {  // any, all
            s = "pyrite::builtins::" + n + "_of(" + as_list(ops[0], t0) + ")";
        }
        return sequenced(prelude, e.type, s);
    }

    // {a, b, c}. CPython compiles a display of more than two constants as an empty set
    // updated from a frozenset constant (BUILD_SET 0, SET_UPDATE), which is built by adding
    // the constants in order: that layout, merged, is the display's iteration order. As a
    // loop's iterable the display is that frozenset itself (the AST optimizer's rewrite).
    // (CPython loads such a frozenset from a .pyc in yet another layout; README.)
    std::string set_display(const Expr& e, bool merged) {
        std::string t = type(e.type);
        if (e.args.empty()) return t + "::make()";
        std::string items;
        for (size_t i = 0; i < e.args.size(); ++i)
            items += (i ? ", " : "") + strip_parens(convert(expr(*e.args[i]), e.args[i]->type, e.type->elem()));
        std::function<bool(const Expr&)> constant = [&](const Expr& x) {
            if (x.kind == ExprKind::Tuple) {
                for (const ir::ExprP& a : x.args)
                    if (!constant(*a)) return false;
                return true;
            }
            return x.kind == ExprKind::IntConst || x.kind == ExprKind::FloatConst || x.kind == ExprKind::BoolConst ||
                   x.kind == ExprKind::StrConst || x.kind == ExprKind::NoneConst;
        };
        bool all_constant = true;
        for (const ir::ExprP& a : e.args) all_constant = all_constant && constant(*a);
        // as a value, only a display of more than two constants is folded (compile.c's starunpack_helper);
        // as a loop's iterable, any display of constants is (ast_opt.c's fold_iter)
        if (all_constant && !merged) return t + "::frozen_constant({" + items + "})";
        if (all_constant && e.args.size() > 2) return t + "::of_frozen({" + items + "})";
        return t + "::of({" + items + "})";
    }

    // The iterator over one iterable (runtime/include/pyrite/iter.hpp): dict views
    // d.keys()/values()/items() are iterated live, so changing d's size raises.
    std::string iterator(const Expr& src, bool reversed, bool fixed_length = false, bool direct = true) {
        includes_.insert("pyrite/iter.hpp");
        if (!reversed && src.kind == ExprKind::CallBuiltin && src.name == "str.split" && src.kwnames.empty() &&
            src.args.size() <= 2) {
            // for w in s.split(): word by word; the list is never made (nothing else could see it)
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
            (src.name == "keys" || src.name == "values" || src.name == "items"))
            return "pyrite::iter_" + src.name + "(" + strip_parens(expr(*src.args[0])) + ")";
        if (!reversed && fixed_length && src.type->is(TypeKind::List))
            return "pyrite::iter_fixed(" + strip_parens(expr(src)) + ")";
        if (!reversed && direct && src.kind == ExprKind::SetDisplay)  // for x in {1, 2, 3}: the frozenset constant's order
            return "pyrite::iter(" + set_display(src, false) + ")";
        return std::string(reversed ? "pyrite::iter_reversed(" : "pyrite::iter(") + strip_parens(expr(src)) + ")";
    }

    // Can running these statements change the length of any list? Only calls,
    // list methods, slice stores, del and in-place + or * can; element stores cannot.
    static bool keeps_lengths(const ir::Block& b) {
        for (const ir::StmtP& s : b) {
            if (s->kind == StmtKind::Del) return false;
            if (s->kind == StmtKind::Store && s->target->kind == ExprKind::Slice) return false;
            for (const Expr* e : {s->value.get(), s->target.get()})
                if (e && !keeps_lengths(*e)) return false;
            for (const ir::ExprP& r : s->range)
                if (!keeps_lengths(*r)) return false;
            if (!keeps_lengths(s->body) || !keeps_lengths(s->orelse)) return false;
        }
        return true;
    }
    static bool keeps_lengths(const Expr& e) {
        switch (e.kind) {
            case ExprKind::CallFunc:
            case ExprKind::Method:
            case ExprKind::Block:
            case ExprKind::Lambda: return false;
            case ExprKind::Binary:
                if (e.inplace && e.type && e.type->is(TypeKind::List)) return false;
                break;
            default: break;
        }
        for (const ir::ExprP& a : e.args)
            if (!keeps_lengths(*a)) return false;
        return true;
    }

    // for x in <iterable> / enumerate(a, start) / zip(a, b, ...) / reversed(a):
    // a while loop over iterators (zip asks each in turn and stops at the first exhausted)
    void for_each(const Stmt& s, int depth) {
        if (!s.orelse.empty() && s.breaks) loops_with_else_.insert(s.loop_id);
        std::string id = std::to_string(s.loop_id);
        const Expr& it = *s.value;
        const ir::Var& v = f_->vars[s.var];
        emit_line(depth, "{");
        bool special = it.kind == ExprKind::Intrinsic &&
                       (it.name == "enumerate" || it.name == "zip" || it.name == "reversed");
        std::vector<const Expr*> sources;
        std::string start;
        if (special) {
            size_t npos = it.args.size() - it.kwnames.size();
            for (size_t i = 0; i < it.args.size(); ++i) {
                if ((it.name == "enumerate" && i == 1) || i >= npos)
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
                                     iterator(*sources[i], special && it.name == "reversed", keeps_lengths(s.body),
                                              !special) + ";");
            const Type* el = special ? (it.name == "enumerate" ? v.type->elems[1]
                                        : it.name == "zip"     ? v.type->elems[i]
                                                               : v.type)
                                     : v.type;
            emit_line(depth + 1, type(el) + " x" + n + "{};");
            cond += (i ? " && " : "") + std::string("it") + n + ".next(x" + n + ")";
            items.push_back("x" + n);
        }
        std::string item;
        if (special && it.name == "enumerate") {
            emit_line(depth + 1, "const pyrite::i64 n_" + id + " = " + (start.empty() ? "0" : strip_parens(start)) + ";");
            emit_line(depth + 1, "pyrite::i64 k_" + id + " = 0;");
            // the count of item k is start + k: OverflowError only once it passes 64 bits
            item = type(v.type) + "{pyrite::add(n_" + id + ", k_" + id + "++), " + items[0] + "}";
        } else if (special && it.name == "zip") {
            item = type(v.type) + "{";
            for (size_t i = 0; i < items.size(); ++i) item += (i ? ", " : "") + items[i];
            item += "}";
        } else {
            item = items[0];
        }
        emit_line(depth + 1, "while (" + cond + ") {");
        emit_line(depth + 2, assign(v, item));
        block(s.body, depth + 2);
        emit_line(depth + 1, "}");
        emit_line(depth, "}");
        loop_else(s, depth);
    }

    // The int indexes of a[i, j] (a tuple display, a tuple value, or one int), as C++ texts
    // evaluated in order after the array; `prelude` declares what order needs.
    std::vector<std::string> array_indexes(const Expr& target, std::string& prelude, std::string& array) {
        const Expr& index = *target.args[1];
        std::vector<const Expr*> es{target.args[0].get()};
        if (index.kind == ExprKind::Tuple)
            for (const ir::ExprP& a : index.args) es.push_back(a.get());
        else
            es.push_back(&index);
        std::vector<std::string> ops = operands(es, prelude);
        array = ops[0];
        std::vector<std::string> out;
        if (index.kind != ExprKind::Tuple && index.type->is(TypeKind::Tuple)) {
            for (size_t k = 0; k < index.type->elems.size(); ++k)
                out.push_back(convert("std::get<" + std::to_string(k) + ">(" + ops[1] + ")", index.type->elems[k], Type::int_()));
        } else {
            for (size_t k = 1; k < ops.size(); ++k) out.push_back(convert(ops[k], es[k]->type, Type::int_()));
        }
        return out;
    }

    // a[i, 1:-1, ::2]: a view; ints drop their dimension, slices keep theirs (array.hpp's view)
    std::string array_view(const Expr& e, const std::vector<ir::ExprP>& parts) {
        std::vector<const Expr*> es{e.args[0].get()};
        for (const ir::ExprP& p : parts) {
            if (p->kind == ExprKind::Slice)
                for (const ir::ExprP& b : p->args) es.push_back(b.get());
            else
                es.push_back(p.get());
        }
        std::string prelude;
        std::vector<std::string> ops = operands(es, prelude);
        std::string s = "pyrite::array_view<" + std::to_string(e.type->ndim) + ">(" + ops[0];
        size_t k = 1;
        for (const ir::ExprP& p : parts) {
            if (p->kind == ExprKind::Slice) {
                s += ", pyrite::SliceSpec{";
                for (int b = 0; b < 3; ++b, ++k) {
                    const Expr& bound = *p->args[b];
                    s += (b ? ", " : "") + std::string(bound.type->is(TypeKind::None) ? "false, 0"
                                                                                      : "true, " + convert(ops[k], bound.type, Type::int_()));
                }
                s += "}";
            } else if (p->type->is(TypeKind::None)) {  // np.newaxis
                s += ", pyrite::NewAxis{}";
                ++k;
            } else {
                s += ", " + convert(ops[k++], p->type, Type::int_());
            }
        }
        return sequenced(prelude, e.type, s + ")");
    }
    std::string array_view_of_slice(const Expr& e) {
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(e), prelude);
        return sequenced(prelude, e.type, "pyrite::array_view<" + std::to_string(e.type->ndim) + ">(" + ops[0] +
                                              ", pyrite::SliceSpec{" + slice_args(e, ops) + "})");
    }

    // a[i, j]: the item when every dimension is indexed, else the view a[i] of a row (a.row(i))
    std::string array_subscript(const Expr& e) {
        std::string prelude, a;
        std::vector<std::string> idx = array_indexes(e, prelude, a);
        int ndim = e.args[0]->type->ndim;
        std::string s;
        auto f = fast_.find(&e);
        if (f != fast_.end() && static_cast<int>(idx.size()) == ndim) {
            s = a + ".template get_m<" + std::to_string(f->second) + "u>(";
            for (size_t k = 0; k < idx.size(); ++k) s += (k ? ", " : "") + idx[k];
            s += ")";
        } else if (static_cast<int>(idx.size()) == ndim) {
            s = a + ".get(";
            for (size_t k = 0; k < idx.size(); ++k) s += (k ? ", " : "") + idx[k];
            s += ")";
        } else {
            s = a;
            for (const std::string& i : idx) s += ".row(" + i + ")";
        }
        return sequenced(prelude, e.type, s);
    }

    // a slice's bounds can raise at most OverflowError (their order then does not matter)
    static bool plain_bounds(const Expr& slice) {
        for (size_t i = 1; i < 4; ++i)
            if (raises(*slice.args[i]) & ~unsigned(kOverflow)) return false;
        return true;
    }

    // xs[i] = v, xs[a:b] = ys: the value is evaluated first, then the target, as in CPython
    void store(const Stmt& s, int depth) {
        const Expr& t = *s.target;
        const Type* c = t.args[0]->type;
        emit_line(depth, "{");
        if (c->is(TypeKind::Array) && t.kind == ExprKind::Subscript && t.args[1]->type->is(TypeKind::Array)) {
            // a[mask] = x: x first, then a and the mask
            emit_line(depth + 1, "const " + type(c->elem()) + " value = pyrite::np::store<" + type(c->elem()) + ">(" +
                                     strip_parens(expr(*s.value)) + ");");
            std::string prelude;
            std::vector<std::string> ops = operands({t.args[0].get(), t.args[1].get()}, prelude);
            emit_line(depth + 1, "(void)" + sequenced(prelude, Type::none(),
                                                      "(pyrite::masked_assign(" + ops[0] + ", " + ops[1] + ", value), pyrite::none_t{})") + ";");
            emit_line(depth, "}");
            return;
        }
        if (c->is(TypeKind::Array) && t.type && t.type->is(TypeKind::Array)) {
            // a[i] = v, a[1:-1, ::2] = v: v first, then the view, then every item (NumPy's broadcasting)
            emit_line(depth + 1, "const " + type(s.value->type) + " value = " + strip_parens(expr(*s.value)) + ";");
            emit_line(depth + 1, "pyrite::array_assign(" + strip_parens(expr(t)) + ", value);");
            emit_line(depth, "}");
            return;
        }
        if (c->is(TypeKind::Array)) {
            // a[i, j] = v: v first, then a and the indexes; v becomes the dtype's after the
            // indexes are checked, as NumPy's setitem converts it (an IndexError comes first)
            bool same = s.value->type == c->elem();
            emit_line(depth + 1, "const " + type(s.value->type) + " value = " + strip_parens(expr(*s.value)) + ";");
            std::string prelude, a;
            std::vector<std::string> idx = array_indexes(t, prelude, a);
            auto f = fast_.find(&t);
            std::string fast = f != fast_.end() ? ".template " + std::string(same ? "set_m<" : "put_m<") + std::to_string(f->second) + "u>(value"
                                                : "";
            std::string call = !fast.empty() ? a + fast : a + (same ? ".set(value" : ".put(value");
            for (const std::string& i : idx) call += ", " + i;
            emit_line(depth + 1, "(void)" + sequenced(prelude, Type::none(), "(" + call + "), pyrite::none_t{})") + ";");
            emit_line(depth, "}");
            return;
        }
        if (c->is(TypeKind::Dict)) {
            // d[k] = v: v first, then d, then k (a dict comprehension: k first, then v)
            std::string k = convert(expr(*t.args[1]), t.args[1]->type, c->elem());
            std::string v = convert(expr(*s.value), s.value->type, c->value());
            if (s.key_first) {
                emit_line(depth + 1, "const " + type(c->elem()) + " key = " + strip_parens(k) + ";");
                emit_line(depth + 1, "const " + type(c->value()) + " value = " + strip_parens(v) + ";");
                emit_line(depth + 1, expr(*t.args[0]) + ".set(key, value);");
            } else {
                emit_line(depth + 1, "const " + type(c->value()) + " value = " + strip_parens(v) + ";");
                emit_line(depth + 1, "const " + type(c) + " target = " + strip_parens(expr(*t.args[0])) + ";");
                emit_line(depth + 1, "target.set(" + strip_parens(k) + ", value);");
            }
            emit_line(depth, "}");
            return;
        }
        const Expr& v = *s.value;
        if (t.kind == ExprKind::Slice && v.kind == ExprKind::Slice && t.args[0]->kind == ExprKind::Var &&
            v.args[0]->kind == ExprKind::Var && t.args[0]->var == v.args[0]->var && !t.args[0]->check_bound &&
            plain_bounds(t) && plain_bounds(v) &&
            (v.args[3]->kind == ExprKind::NoneConst || (v.args[3]->kind == ExprKind::IntConst && v.args[3]->ival != 0) ||
             (v.args[3]->kind == ExprKind::Unary && v.args[3]->args[0]->kind == ExprKind::IntConst &&
              v.args[3]->args[0]->ival != 0))) {
            // xs[a:b] = xs[c:d:e] with plain bounds: no intermediate list
            std::string prelude;
            std::vector<std::string> vops = operands(all_args(v), prelude);
            std::vector<std::string> tops = operands(all_args(t), prelude);
            emit_line(depth + 1, vops[0] + ".set_slice_from_self(" + slice_args(t, tops) + ", " + slice_args(v, vops) + ");");
            emit_line(depth, "}");
            return;
        }
        std::string value = strip_parens(expr(*s.value));
        emit_line(depth + 1, "const " + type(s.value->type) + " value = " + value + ";");
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(t), prelude);
        bool premarked = t.kind == ExprKind::Subscript && t.args[0]->kind == ExprKind::Var && premarked_.count(t.args[0]->var);
        bool checked = t.kind == ExprKind::Subscript && fast_.count(&t);
        std::string setter = checked ? (premarked ? ".set_at_unmarked(" : ".set_at(") : (premarked ? ".set_unmarked(" : ".set(");
        std::string call = t.kind == ExprKind::Subscript
                               ? ops[0] + setter + convert(ops[1], t.args[1]->type, Type::int_()) + ", value)"
                               : ops[0] + ".set_slice(" + slice_args(t, ops) + ", value)";
        emit_line(depth + 1, "(void)" + sequenced(prelude, Type::none(), "(" + call + ", pyrite::none_t{})") + ";");
        emit_line(depth, "}");
    }

    void del(const Stmt& s, int depth) {
        const Expr& t = *s.target;
        std::string prelude;
        std::vector<std::string> ops = operands(all_args(t), prelude);
        const Type* c = t.args[0]->type;
        std::string call = t.kind == ExprKind::Subscript
                               ? ops[0] + ".del_item(" + convert(ops[1], t.args[1]->type, c->is(TypeKind::Dict) ? c->elem() : Type::int_()) + ")"
                               : ops[0] + ".del_slice(" + slice_args(t, ops) + ")";
        emit_line(depth, "(void)" + sequenced(prelude, Type::none(), "(" + call + ", pyrite::none_t{})") + ";");
    }

    // ------------------------------------------------------------ expressions
    // Operands as C++ text. When order matters they become temporaries declared
    // in `prelude`, and the caller wraps its result in an immediately invoked lambda.
    std::vector<std::string> operands(const std::vector<const Expr*>& es, std::string& prelude) {
        std::vector<std::string> out;
        bool ordered = needs_order(es);
        for (const Expr* e : es) {
            std::string s = expr(*e);
            if (ordered && raises(*e)) {
                std::string tmp = "o" + std::to_string(ntemps_++);
                prelude += "const " + type(e->type) + " " + tmp + " = " + strip_parens(s) + "; ";
                s = tmp;
            }
            out.push_back(s);
        }
        return out;
    }

    std::string sequenced(const std::string& prelude, const Type* t, const std::string& value) {
        if (prelude.empty()) return value;
        return "[&]() -> " + type(t) + " { " + prelude + "return " + strip_parens(value) + "; }()";
    }

    std::string expr(const Expr& e) {
        switch (e.kind) {
            case ExprKind::IntConst: return int_literal(e.ival);
            case ExprKind::FloatConst: return float_literal(e.fval);
            case ExprKind::BoolConst: return e.ival ? "true" : "false";
            case ExprKind::NoneConst: return "pyrite::none_t{}";
            case ExprKind::StrConst:
                includes_.insert("pyrite/iter.hpp");
                return "PYRITE_STR(" + string_literal(e.name) + ")";
            case ExprKind::Var: {
                const ir::Var& v = f_->vars[e.var];
                std::string s = var_name(v);
                if (e.check_bound)
                    s = "pyrite::bound(" + flag_name(v) + ", " + var_name(v) + ", " + string_literal(v.name) + ")";
                if (e.unwrap) s = "pyrite::unwrap(" + s + ", " + string_literal(v.name) + ")";
                return s;
            }
            case ExprKind::DictDisplay: {
                // keys and values left to right, then stored in order
                std::string t = type(e.type);
                std::string s = "[&]() -> " + t + " { " + t + " d = " + t + "::make(); ";
                for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
                    std::string k = convert(expr(*e.args[i]), e.args[i]->type, e.type->elem());
                    std::string v = convert(expr(*e.args[i + 1]), e.args[i + 1]->type, e.type->value());
                    s += "{ const auto k = " + strip_parens(k) + "; d.set(k, " + strip_parens(v) + "); } ";
                }
                return s + "return d; }()";
            }
            case ExprKind::SetDisplay: return set_display(e, true);
            case ExprKind::Binary: return binary(e);
            case ExprKind::Unary: return unary(e);
            case ExprKind::Compare: return compare(e);
            case ExprKind::BoolOp: return boolop(e);
            case ExprKind::IfExp:
                return "(" + test(*e.args[0]) + " ? " + convert(expr(*e.args[1]), e.args[1]->type, e.type) + " : " +
                       convert(expr(*e.args[2]), e.args[2]->type, e.type) + ")";
            case ExprKind::CallFunc: return call_func(e);
            case ExprKind::CallBuiltin: return call_builtin(e);
            case ExprKind::MinMax: {
                includes_.insert("pyrite/builtins/minmax.hpp");
                std::vector<const Expr*> es;
                for (const ir::ExprP& a : e.args) es.push_back(a.get());
                std::string prelude;
                std::vector<std::string> ops = operands(es, prelude);
                std::string s = std::string("pyrite::builtins::") + (e.op ? "max_of" : "min_of") + "<" + type(e.type) + ">(";
                for (size_t i = 0; i < ops.size(); ++i) s += (i ? ", " : "") + ops[i];
                return sequenced(prelude, e.type, s + ")");
            }
            case ExprKind::Tuple: {
                if (e.type->is(TypeKind::TupleOf)) {  // (a, b) where a tuple[T, ...] is wanted
                    std::string s = type(e.type) + "(pyrite::List<" + type(e.type->elem()) + ">::of({";
                    for (size_t i = 0; i < e.args.size(); ++i)
                        s += (i ? ", " : "") + convert(expr(*e.args[i]), e.args[i]->type, e.type->elem());
                    return s + "}))";
                }
                // braced initialization evaluates left to right
                std::string s = type(e.type) + "{";
                for (size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + expr(*e.args[i]);
                return s + "}";
            }
            case ExprKind::TupleGet: return "std::get<" + std::to_string(e.ival) + ">(" + expr(*e.args[0]) + ")";
            case ExprKind::List: {
                includes_.insert("pyrite/list.hpp");
                if (e.args.empty()) return type(e.type) + "::make()";
                // an initializer list evaluates left to right
                std::string s = type(e.type) + "::of({";
                for (size_t i = 0; i < e.args.size(); ++i) s += (i ? ", " : "") + strip_parens(expr(*e.args[i]));
                return s + "})";
            }
            case ExprKind::Subscript: {
                if (e.args[0]->type->is(TypeKind::Array) && e.args[1]->kind == ExprKind::Tuple &&
                    e.args[1]->type->is(TypeKind::None))
                    return array_view(e, e.args[1]->args);  // slices among the indexes
                if (e.args[0]->type->is(TypeKind::Array) && e.args[1]->type->is(TypeKind::None)) {  // a[None]
                    std::vector<ir::ExprP> parts;
                    parts.push_back(std::make_unique<Expr>(ExprKind::NoneConst, e.loc));
                    parts.back()->type = Type::none();
                    return array_view(e, parts);
                }
                if (e.args[0]->type->is(TypeKind::Array) && e.args[1]->type->is(TypeKind::Array)) {  // a[mask], a[idx]
                    std::string prelude;
                    std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
                    bool mask = e.args[1]->type->elem()->is_scalar(DType::Bool);
                    return sequenced(prelude, e.type, std::string(mask ? "pyrite::masked(" : "pyrite::np::take(") + ops[0] + ", " + ops[1] + ")");
                }
                if (e.args[0]->type->is(TypeKind::Array)) return array_subscript(e);
                std::string prelude;
                std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
                const Type* c = e.args[0]->type;
                if (c->is(TypeKind::List) && fast_.count(&e))  // checked before the loop
                    return sequenced(prelude, e.type, ops[0] + ".at(" + convert(ops[1], e.args[1]->type, Type::int_()) + ")");
                const Type* index_type = c->is(TypeKind::Dict) ? c->elem() : Type::int_();
                return sequenced(prelude, e.type, ops[0] + ".get(" + lookup_key(ops[1], e.args[1]->type, index_type) + ")");
            }
            case ExprKind::Slice: {
                if (e.args[0]->type->is(TypeKind::Array)) {  // a[1:3]: a view
                    std::vector<ir::ExprP> one;
                    return array_view_of_slice(e);
                }
                std::string prelude;
                std::vector<std::string> ops = operands(all_args(e), prelude);
                return sequenced(prelude, e.type, ops[0] + ".slice(" + slice_args(e, ops) + ")");
            }
            case ExprKind::Method: return method(e);
            case ExprKind::Intrinsic: return intrinsic(e);
            case ExprKind::Lambda: {
                // key=lambda x: body: a C++ lambda that binds x (a local of the function, like a
                // comprehension's variables) and evaluates the body
                const ir::Var& p = f_->vars[e.var];
                return "[&](const " + type(p.type) + "& key_arg) -> " + type(e.type) + " { " + assign(p, "key_arg") +
                       " return " + strip_parens(expr(*e.args[0])) + "; }";
            }
            case ExprKind::Block: {
                // statements inside an expression: an immediately invoked lambda
                std::string saved;
                saved.swap(out_.definitions);
                block(*e.body, 2);
                std::string body;
                body.swap(out_.definitions);
                out_.definitions.swap(saved);
                line_ = -1;
                return "[&]() -> " + type(e.type) + " {\n" + body + "        return " + var_name(f_->vars[e.var]) +
                       ";\n    }()";
            }
            case ExprKind::Error: break;
        }
        return "/* error: a pyrite bug */";
    }

    std::string binary(const Expr& e) {
        if (std::string f = fused(e); !f.empty()) return f;
        const Expr &l = *e.args[0], &r = *e.args[1];
        auto op = static_cast<BinOp>(e.op);
        std::string prelude;
        std::vector<std::string> ops = operands({&l, &r}, prelude);
        std::string a = ops[0], b = ops[1];
        if (e.type->is(TypeKind::Array) || e.type->is(TypeKind::Scalar)) return numpy_binary(e, a, b, prelude);
        if (e.type->is(TypeKind::Str)) {
            includes_.insert("pyrite/builtins/text.hpp");
            if (op == BinOp::Add) return sequenced(prelude, e.type, "pyrite::concat(" + a + ", " + b + ")");
            if (l.type->is(TypeKind::Str)) return sequenced(prelude, e.type, "pyrite::repeat(" + a + ", " + convert(b, r.type, Type::int_()) + ")");
            return sequenced(prelude, e.type, "pyrite::repeat(" + b + ", " + convert(a, l.type, Type::int_()) + ")");
        }
        if (e.type->is(TypeKind::TupleOf)) {
            if (op == BinOp::Add)
                return sequenced(prelude, e.type, convert(a, l.type, e.type) + ".concat(" + convert(b, r.type, e.type) + ")");
            if (l.type->is(TypeKind::TupleOf)) return sequenced(prelude, e.type, a + ".repeat(" + convert(b, r.type, Type::int_()) + ")");
            return sequenced(prelude, e.type, b + ".repeat(" + convert(a, l.type, Type::int_()) + ")");
        }
        if (e.type->is(TypeKind::Set)) {
            // s |= t changes s in place (every alias sees it) and gives s back
            static const char* const names[][2] = {{"union_", "update"}, {"intersection", "intersection_update"},
                                                   {"difference", "difference_update"},
                                                   {"symmetric_difference", "symmetric_difference_update"}};
            int k = op == BinOp::BitOr ? 0 : op == BinOp::BitAnd ? 1 : op == BinOp::Sub ? 2 : 3;
            std::string call = e.inplace ? "pyrite::set_inplace(" + a + ", [&](const auto& s) { s." + names[k][1] + "(" + b + "); })"
                                         : a + "." + names[k][0] + "(" + b + ")";
            return sequenced(prelude, e.type, call);
        }
        if (e.type->is(TypeKind::List)) {
            // xs += ys and xs *= n change xs in place (every alias sees it) and give xs back
            std::string s;
            if (op == BinOp::Add)
                s = e.inplace ? "pyrite::inplace_concat(" + a + ", " + b + ")" : a + ".concat(" + b + ")";
            else if (l.type->is(TypeKind::List))
                s = e.inplace ? "pyrite::inplace_repeat(" + a + ", " + convert(b, r.type, Type::int_()) + ")"
                              : a + ".repeat(" + convert(b, r.type, Type::int_()) + ")";
            else
                s = b + ".repeat(" + convert(a, l.type, Type::int_()) + ")";
            return sequenced(prelude, e.type, s);
        }
        bool bitwise = op == BinOp::BitAnd || op == BinOp::BitOr || op == BinOp::BitXor;
        if (bitwise && is_bool(e.type))
            return sequenced(prelude, e.type, "static_cast<bool>(" + a + " " + ir::symbol(op) + " " + b + ")");
        // bool operands take part in arithmetic as ints
        if (is_bool(l.type)) a = convert(a, l.type, Type::int_());
        if (is_bool(r.type)) b = convert(b, r.type, Type::int_());
        bool floats = is_float(e.type) && op != BinOp::Div && op != BinOp::Pow;
        std::string s;
        switch (op) {
            case BinOp::Add:
            case BinOp::Sub:
            case BinOp::Mul:
                if (floats) {
                    if (!is_float(l.type)) a = convert(a, Type::int_(), Type::float_());
                    if (!is_float(r.type)) b = convert(b, Type::int_(), Type::float_());
                    s = "(" + a + " " + ir::symbol(op) + " " + b + ")";
                } else {
                    s = std::string("pyrite::") + ir::name(op) + "(" + a + ", " + b + ")";
                }
                break;
            case BinOp::Div: s = "pyrite::truediv(" + a + ", " + b + ")"; break;
            case BinOp::FloorDiv: s = "pyrite::floordiv(" + a + ", " + b + ")"; break;
            case BinOp::Mod: s = "pyrite::mod(" + a + ", " + b + ")"; break;
            case BinOp::Pow:
                if (is_float(e.type) && !is_float(l.type) && !is_float(r.type))
                    s = "pyrite::pow_negexp(" + a + ", " + b + ")";
                else if (is_int(e.type) && r.kind == ExprKind::IntConst)
                    s = "pyrite::ipow_nonneg(" + a + ", " + b + ")";
                else
                    s = "pyrite::pow(" + a + ", " + b + ")";
                break;
            case BinOp::LShift: s = "pyrite::lshift(" + a + ", " + b + ")"; break;
            case BinOp::RShift: s = "pyrite::rshift(" + a + ", " + b + ")"; break;
            case BinOp::BitAnd:
            case BinOp::BitOr:
            case BinOp::BitXor: s = "(" + a + " " + ir::symbol(op) + " " + b + ")"; break;
        }
        return sequenced(prelude, e.type, s);
    }

    std::string unary(const Expr& e) {
        if (std::string f = fused(e); !f.empty()) return f;
        const Expr& x = *e.args[0];
        switch (static_cast<ir::UnOp>(e.op)) {
            case ir::UnOp::Not: return "(!" + test(x) + ")";
            case ir::UnOp::Pos: return convert(expr(x), x.type, e.type);
            case ir::UnOp::Neg:
                if (e.type->is(TypeKind::Array) || e.type->is(TypeKind::Scalar)) {
                    includes_.insert("pyrite/numpy.hpp");
                    const Type* item = e.type->is(TypeKind::Array) ? e.type->elem() : e.type;
                    return "pyrite::np::neg<" + type(item) + ">(" + strip_parens(expr(x)) + ")";
                }
                if (is_float(e.type)) return "(-" + expr(x) + ")";
                return "pyrite::neg(" + convert(expr(x), x.type, Type::int_()) + ")";
            case ir::UnOp::Invert:
                if (x.type->is(TypeKind::Array)) {
                    includes_.insert("pyrite/numpy.hpp");
                    return "pyrite::np::invert<" + type(x.type->elem()) + ">(" + strip_parens(expr(x)) + ")";
                }
                if (x.type->is(TypeKind::Scalar))
                    return x.type->dtype == DType::Bool ? "(!" + expr(x) + ")"
                                                        : "static_cast<" + type(x.type) + ">(~" + expr(x) + ")";
                return "(~" + convert(expr(x), x.type, Type::int_()) + ")";
        }
        return "";
    }

    // One comparison a OP b of already-evaluated operands.
    std::string compare_pair(CmpOp op, std::string a, const Type* ta, std::string b, const Type* tb) {
        if (op == CmpOp::In || op == CmpOp::NotIn) {
            std::string s;
            if (tb->is(TypeKind::Str)) {
                includes_.insert("pyrite/builtins/text.hpp");
                s = "pyrite::contains(" + b + ", " + a + ")";
            } else if (tb->is(TypeKind::Range)) {
                s = b + ".contains(" + convert(a, ta, Type::int_()) + ")";
            } else if (tb->is(TypeKind::TupleOf)) {
                s = b + ".contains(" + convert(a, ta, tb->elem()) + ")";
            } else if (tb->is(TypeKind::Dict) || tb->is(TypeKind::Set)) {
                s = b + ".contains(" + lookup_key(a, ta, tb->elem()) + ")";
            } else if (tb->is(TypeKind::List)) {
                s = b + ".contains(" + a + ")";
            } else {  // a tuple of the item's type
                s = "std::apply([&](const auto&... x) { return ((x == " + a + ") || ...); }, " + b + ")";
            }
            return op == CmpOp::In ? s : "(!" + s + ")";
        }
        if (ta->is(TypeKind::Scalar) || tb->is(TypeKind::Scalar)) {  // NumPy's: integers exact, else in the common type
            includes_.insert("pyrite/numpy.hpp");
            return std::string("pyrite::np::compare<pyrite::np::") + numpy_cmp(op) + ", " + compare_type(ta, tb) + ">(" + a +
                   ", " + b + ")";
        }
        if (ta->is(TypeKind::List))
            return std::string("pyrite::list_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
        if (ta->is(TypeKind::Range) && tb->is(TypeKind::Range))
            return std::string(op == CmpOp::Eq ? "" : "!") + "pyrite::py_eq(" + a + ", " + b + ")";
        if (ta->is(TypeKind::TupleOf) && tb->is(TypeKind::TupleOf))
            return std::string("pyrite::tuple_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
        if (ta->is(TypeKind::Str) && tb->is(TypeKind::Str))
            return std::string("pyrite::str_cmp<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
        if (ta->is(TypeKind::Set) && tb->is(TypeKind::Set))
            return std::string("pyrite::set_compare<pyrite::Cmp::") + ir::name(op) + ">(" + a + ", " + b + ")";
        if (ta->is(TypeKind::Dict) && tb->is(TypeKind::Dict))
            return std::string(op == CmpOp::Eq ? "" : "!") + "pyrite::py_eq(" + a + ", " + b + ")";
        bool opt_a = ta->is(TypeKind::Optional), opt_b = tb->is(TypeKind::Optional);
        if (opt_a || opt_b) {
            // T | None against None: a test of has_value; against a value: equal when present and equal
            bool positive = op == CmpOp::Eq || op == CmpOp::Is;
            std::string r;
            if (tb->is(TypeKind::None)) r = "(!" + a + ".has_value())";
            else if (ta->is(TypeKind::None)) r = "(!" + b + ".has_value())";
            else r = "pyrite::opt_eq(" + a + ", " + b + ")";
            return positive ? r : "(!" + r + ")";
        }
        bool none_a = ta->is(TypeKind::None), none_b = tb->is(TypeKind::None);
        if (none_a || none_b) {
            bool same = none_a && none_b;
            bool positive = op == CmpOp::Eq || op == CmpOp::Is;
            return "((void)" + a + ", (void)" + b + ", " + ((same == positive) ? "true" : "false") + ")";
        }
        if (is_bool(ta) && !is_bool(tb)) a = convert(a, ta, Type::int_()), ta = Type::int_();
        if (is_bool(tb) && !is_bool(ta)) b = convert(b, tb, Type::int_()), tb = Type::int_();
        if ((is_int(ta) && is_float(tb)) || (is_float(ta) && is_int(tb)))
            return std::string("pyrite::") + ir::name(op) + "(" + a + ", " + b + ")";  // exact
        const char* sym = op == CmpOp::Is ? "==" : op == CmpOp::IsNot ? "!=" : ir::symbol(op);
        return "(" + a + " " + sym + " " + b + ")";
    }

    // numpy.hpp's name of a NumPy function that is another's alias (np.absolute is np.abs)
    static std::string numpy_alias(const std::string& n) { return n == "absolute" || n == "fabs" ? "abs" : n; }

    // numpy.hpp's name of an operator (np::add, np::op_add)
    static std::string numpy_op(BinOp op) {
        switch (op) {
            case BinOp::Add: return "add";
            case BinOp::Sub: return "sub";
            case BinOp::Mul: return "mul";
            case BinOp::Div: return "truediv";
            case BinOp::FloorDiv: return "floordiv";
            case BinOp::Mod: return "mod";
            case BinOp::Pow: return "pow";
            case BinOp::LShift: return "lshift";
            case BinOp::RShift: return "rshift";
            case BinOp::BitAnd: return "and";
            case BinOp::BitOr: return "or";
            case BinOp::BitXor: return "xor";
        }
        return "add";
    }

    static const char* numpy_cmp(CmpOp op) {
        switch (op) {
            case CmpOp::Lt: return "lt";
            case CmpOp::LtE: return "le";
            case CmpOp::Gt: return "gt";
            case CmpOp::GtE: return "ge";
            case CmpOp::Eq: return "eq";
            default: return "ne";
        }
    }

    std::string compare(const Expr& e) {
        if (std::string f = fused(e); !f.empty()) return f;
        if (e.type->is(TypeKind::Array)) {  // element-wise into a bool array (numpy.hpp)
            std::string prelude;
            std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
            std::string f = compare_type(e.args[0]->type, e.args[1]->type);
            return sequenced(prelude, e.type, std::string("pyrite::np::zip<bool, pyrite::np::op_cmp<pyrite::np::") +
                                                  numpy_cmp(e.cmps[0]) + ", " + f + ">>(" + ops[0] + ", " + ops[1] + ")");
        }
        if (e.cmps.size() == 1) {
            std::string prelude;
            std::vector<std::string> ops = operands({e.args[0].get(), e.args[1].get()}, prelude);
            return sequenced(prelude, e.type,
                             compare_pair(e.cmps[0], ops[0], e.args[0]->type, ops[1], e.args[1]->type));
        }
        // a < b < c: each operand once, stop at the first false
        std::string s = "[&]() -> bool { ";
        std::vector<std::string> names;
        for (size_t i = 0; i < e.args.size(); ++i) {
            std::string n = "c" + std::to_string(ntemps_++);
            s += "const " + type(e.args[i]->type) + " " + n + " = " + strip_parens(expr(*e.args[i])) + "; ";
            names.push_back(n);
            if (i == 0) continue;
            std::string cmp = compare_pair(e.cmps[i - 1], names[i - 1], e.args[i - 1]->type, n, e.args[i]->type);
            s += i + 1 == e.args.size() ? "return " + cmp + "; " : "if (!" + cmp + ") return false; ";
        }
        return s + "}()";
    }

    std::string boolop(const Expr& e) {
        bool is_and = e.op == static_cast<int>(ir::BoolOpKind::And);
        if (e.in_test || is_bool(e.type)) {
            std::string s = "(";
            for (size_t i = 0; i < e.args.size(); ++i) s += (i ? (is_and ? " && " : " || ") : "") + test(*e.args[i]);
            return s + ")";
        }
        // Python's value semantics: the first operand that decides, as itself
        std::string s = "[&]() -> " + type(e.type) + " { " + type(e.type) + " v; ";
        for (size_t i = 0; i < e.args.size(); ++i) {
            s += "v = " + strip_parens(expr(*e.args[i])) + "; ";
            if (i + 1 < e.args.size()) s += std::string("if (") + (is_and ? "!" : "") + "pyrite::truthy(v)) return v; ";
        }
        return s + "return v; }()";
    }

    std::string call_args(const Expr& e, const std::vector<const Type*>& param_types,
                          const std::vector<std::string>& param_names, const std::vector<std::string>& defaults,
                          const Type* result, const std::string& callee, const std::string& leading = "") {
        size_t npos = e.args.size() - e.kwnames.size();
        std::vector<const Expr*> slot(param_types.size(), nullptr);
        for (size_t i = 0; i < npos; ++i) slot[i] = e.args[i].get();
        for (size_t k = 0; k < e.kwnames.size(); ++k)
            for (size_t p = 0; p < param_names.size(); ++p)
                if (param_names[p] == e.kwnames[k]) slot[p] = e.args[npos + k].get();
        // evaluate in source order (positional, then keywords), pass in parameter order
        std::vector<const Expr*> in_order;
        for (const ir::ExprP& a : e.args) in_order.push_back(a.get());
        std::string prelude;
        std::vector<std::string> evaluated = operands(in_order, prelude);
        size_t last = 0;
        for (size_t p = 0; p < slot.size(); ++p)
            if (slot[p]) last = p + 1;
        std::vector<std::string> args;
        if (!leading.empty()) args.push_back(leading);
        for (size_t p = 0; p < last; ++p) {
            if (!slot[p]) {
                args.push_back(defaults[p]);
                continue;
            }
            size_t idx = 0;
            while (in_order[idx] != slot[p]) ++idx;
            args.push_back(convert(evaluated[idx], slot[p]->type, param_types[p]));
        }
        // trailing defaults are passed explicitly: compiled functions have none in C++
        for (size_t p = last; p < slot.size() && !defaults[p].empty(); ++p) args.push_back(defaults[p]);
        std::string s = callee + "(";
        for (size_t i = 0; i < args.size(); ++i) s += (i ? ", " : "") + args[i];
        return sequenced(prelude, result, s + ")");
    }

    std::string call_func(const Expr& e) {
        const ir::Function& callee = m_.functions[e.callee];
        std::vector<const Type*> types;
        std::vector<std::string> names, defaults;
        for (size_t i = 0; i < callee.params.size(); ++i) {
            const ir::Var& v = callee.vars[callee.params[i]];
            types.push_back(v.type);
            names.push_back(v.name);
            const ir::Function* saved = f_;
            f_ = &callee;
            defaults.push_back(callee.defaults[i] ? convert(expr(*callee.defaults[i]), callee.defaults[i]->type, v.type)
                                                  : "");
            f_ = saved;
        }
        // the recursion budget: one frame less for the callee (see RecursionGuard in core.hpp)
        return call_args(e, types, names, defaults, e.type, func_name(callee, e.callee),
                         callee.counts_depth ? "recursion_budget - 1" : "");
    }

    std::string call_builtin(const Expr& e) {
        const BuiltinOverload& o = *e.overload;
        includes_.insert(o.header);
        std::vector<const Type*> types;
        std::vector<std::string> names, defaults;
        for (const BuiltinParam& p : o.params) {
            types.push_back(p.type);
            names.push_back(p.name);
            defaults.push_back(p.default_cxx);
        }
        return call_args(e, types, names, defaults, e.type, o.cxx);
    }

    const ir::Module& m_;
    const ir::Function* f_ = nullptr;
    Output out_;
    std::set<std::string> includes_;
    std::set<int> loops_with_else_;
    std::set<int> premarked_;  // list variables marked changed before the loop being emitted
    std::map<const Expr*, unsigned> fast_;  // array accesses whose axes' bounds a versioned loop checked
    int line_ = -1;
    int ntemps_ = 0;
};

}  // namespace

Output emit(const ir::Module& m) { return Emitter(m).run(); }

}  // namespace pyrite::codegen
