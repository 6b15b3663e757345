// The printed form of pyrite IR: stable text for tests and --print-after.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "ir.hpp"

namespace pyrite::ir {

const char* name(ExprKind k) {
    switch (k) {
#define X(n) case ExprKind::n: return #n;
        PYRITE_EXPR_KINDS(X)
#undef X
    }
    return "?";
}
const char* name(StmtKind k) {
    switch (k) {
#define X(n) case StmtKind::n: return #n;
        PYRITE_STMT_KINDS(X)
#undef X
    }
    return "?";
}

static const char* const binop_names[] = {"add", "sub", "mul",    "div",    "floordiv", "mod",
                                          "pow", "lshift", "rshift", "bitand", "bitor", "bitxor"};
static const char* const binop_symbols[] = {"+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
static const char* const unop_names[] = {"neg", "pos", "not", "invert"};
static const char* const unop_symbols[] = {"-", "+", "not", "~"};
static const char* const cmp_names[] = {"lt", "le", "gt", "ge", "eq", "ne", "is", "isnot", "in", "notin"};
static const char* const cmp_symbols[] = {"<", "<=", ">", ">=", "==", "!=", "is", "is not", "in", "not in"};

const char* name(BinOp op) { return binop_names[static_cast<int>(op)]; }
const char* symbol(BinOp op) { return binop_symbols[static_cast<int>(op)]; }
const char* name(UnOp op) { return unop_names[static_cast<int>(op)]; }
const char* symbol(UnOp op) { return unop_symbols[static_cast<int>(op)]; }
const char* name(CmpOp op) { return cmp_names[static_cast<int>(op)]; }
const char* symbol(CmpOp op) { return cmp_symbols[static_cast<int>(op)]; }

namespace {

struct Printer {
    const Function& f;
    std::string out;

    std::string var(int v) const { return "%" + f.vars[v].unique_name(); }
    // the variables a loop walks without counting references (opt/borrow.cpp)
    std::string borrowed(const Stmt& s) const {
        std::string b;
        for (int v : s.borrowed) b += " " + var(v);
        return b.empty() ? b : "  # borrows" + b;
    }

    std::string expr(const Expr& e) const {
        std::string s = bare(e);
        if (e.type && e.kind != ExprKind::Error) s += ":" + e.type->str();
        if (e.fusion == Fusion::Loop) s = "(fused " + s + ")";
        if (e.fusion == Fusion::Sum) s = "(fused-sum " + s + ")";
        return s;
    }

    std::string guard(const Guard& g) const {
        std::string extent = g.array < 0 ? "" : g.list ? "len(" + var(g.array) + ")" : var(g.array) + ".shape[" + std::to_string(g.axis) + "]";
        switch (g.kind) {
            case Guard::StepPositive: return "step > 0";
            case Guard::LoopInRange:
                return g.value ? "0 <= start + " + std::to_string(g.value) + " and stop + " + std::to_string(g.value) + " <= " + extent
                               : "0 <= start and stop <= " + extent;
            case Guard::IndexInRange:
                return "0 <= " + var(g.index) + (g.value ? " + " + std::to_string(g.value) : "") + " < " + extent;
            case Guard::ConstInRange: return std::to_string(g.value) + " < " + extent;
            case Guard::Writable: return "writable(" + var(g.array) + ")";
            case Guard::Within: return "abs(" + var(g.index) + ") <= " + std::to_string(g.value);
            case Guard::NonnegWithin: return "0 <= " + var(g.index) + " <= " + std::to_string(g.value);
            case Guard::RangeWithin: return "-" + std::to_string(g.value) + " <= start and stop <= " + std::to_string(g.value);
            case Guard::UnitStride: return var(g.array) + ".strides[" + std::to_string(g.axis) + "] == 1";
            case Guard::SpanInRange: {
                auto bound = [&](int v, std::int64_t c) {
                    return v < 0 ? std::to_string(c) : c ? var(v) + " + " + std::to_string(c) : var(v);
                };
                // the inner loop's start and stop, each plus the index's constant
                return "0 <= " + bound(g.lo, g.lo_const + g.value) + " and " + bound(g.hi, g.hi_const + g.value) + " <= " + extent;
            }
        }
        return "?";
    }

    std::string args(const Expr& e, size_t from = 0) const {
        std::string s;
        size_t npos = e.args.size() - e.kwnames.size();
        for (size_t i = from; i < e.args.size(); ++i) {
            s += " ";
            if (i >= npos) s += e.kwnames[i - npos] + "=";
            s += expr(*e.args[i]);
        }
        return s;
    }

    std::string bare(const Expr& e) const {
        char buf[64];
        switch (e.kind) {
            case ExprKind::IntConst: return std::to_string(e.ival);
            case ExprKind::FloatConst:
                std::snprintf(buf, sizeof buf, "%.17g", e.fval);
                if (std::isfinite(e.fval) && !std::strpbrk(buf, ".e")) std::strcat(buf, ".0");
                return buf;
            case ExprKind::ComplexConst:
                std::snprintf(buf, sizeof buf, "complex(%.17g, %.17g)", e.fval, e.fimag);
                return buf;
            case ExprKind::BoolConst: return e.ival ? "True" : "False";
            case ExprKind::NoneConst: return "None";
            case ExprKind::StrConst: {
                std::string q = "\"";
                for (char c : e.name) q += c == '"' || c == '\\' ? std::string("\\") + c : c == '\n' ? std::string("\\n") : std::string(1, c);
                return q + "\"";
            }
            case ExprKind::BytesConst: {  // b"..." with \xNN for what is not printable ASCII
                std::string q = "b\"";
                for (unsigned char c : e.name) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    q += c == '"' || c == '\\' ? std::string("\\") + static_cast<char>(c) : c >= 0x20 && c < 0x7f ? std::string(1, static_cast<char>(c)) : std::string(buf);
                }
                return q + "\"";
            }
            case ExprKind::Var:
                return (e.moved ? "(move " : "") + var(e.var) + (e.check_bound ? "?" : "") + (e.unwrap ? "!" : "") + (e.moved ? ")" : "");
            case ExprKind::Binary:
                return std::string("(") + name(static_cast<BinOp>(e.op)) + (e.wide ? ".wide" : "") + (e.no_overflow ? ".unchecked" : "") + args(e) + ")";
            case ExprKind::Unary: return std::string("(") + name(static_cast<UnOp>(e.op)) + args(e) + ")";
            case ExprKind::Compare: {
                std::string s = "(compare " + expr(*e.args[0]);
                for (size_t i = 0; i < e.cmps.size(); ++i)
                    s += std::string(" ") + name(e.cmps[i]) + " " + expr(*e.args[i + 1]);
                return s + ")";
            }
            case ExprKind::BoolOp:
                return std::string("(") + (e.op == static_cast<int>(BoolOpKind::And) ? "and" : "or") +
                       (e.in_test ? "?" : "") + args(e) + ")";
            case ExprKind::IfExp: return "(ifexp" + args(e) + ")";
            case ExprKind::CallFunc: return "(call @" + e.name + args(e) + ")";
            case ExprKind::CallBuiltin: return "(builtin " + e.name + args(e) + (e.iterate_words ? " words" : "") + (e.no_overflow ? " unchecked" : "") + ")";
            case ExprKind::MinMax: return std::string(e.is_max ? "(max" : "(min") + args(e) + ")";
            case ExprKind::Tuple: return (e.callee >= 0 ? "(tuple-named" : "(tuple") + args(e) + ")";
            case ExprKind::TupleGet: return "(get " + expr(*e.args[0]) + " " + std::to_string(e.index) + ")";
            case ExprKind::List: return "(list" + args(e) + ")";
            case ExprKind::DictDisplay: return "(dict" + args(e) + ")";
            case ExprKind::SetDisplay: return "(set" + args(e) + ")";
            case ExprKind::Subscript:
                return "(index" + args(e) + (e.unchecked_axes ? " unchecked=" + std::to_string(e.unchecked_axes & ~ir::kUnitLastAxis) : "") +
                       (e.unchecked_axes & ir::kUnitLastAxis ? " unit-stride" : "") + ")";
            case ExprKind::Slice: return "(slice" + args(e) + ")";
            case ExprKind::IndexParts: return "(parts" + args(e) + ")";
            case ExprKind::SlicePart: return "(part" + args(e) + ")";
            case ExprKind::Method: return "(method " + e.name + args(e) + ")";
            case ExprKind::Intrinsic: {
                std::string s = "(intrinsic " + ops::spelling(e.operation) + args(e);
                for (const std::string& c : e.classes) s += " " + c;
                return s + ")";
            }
            case ExprKind::Lambda: return "(lambda " + var(e.var) + args(e) + ")";
            case ExprKind::FuncRef: {  // &: a capture by reference (the variable itself); cell: of its heap cell
                std::string s = "(function @" + e.name;
                for (size_t k = 0; k < e.args.size(); ++k)
                    s += std::string(e.type && e.type->cells >> k & 1 ? " cell " : e.index >> k & 1 ? " &" : " ") +
                         expr(*e.args[k]);
                return s + ")";
            }
            case ExprKind::CallValue: return "(callvalue" + args(e) + ")";
            case ExprKind::FuncCapture: return "(capture " + expr(*e.args[0]) + " " + std::to_string(e.index) + ")";
            case ExprKind::CallEach: return "(calleach" + args(e) + ")";
            case ExprKind::FuncAlt: return "(alt " + expr(*e.args[0]) + " " + std::to_string(e.index) + ")";
            case ExprKind::Attr:
                return "(attr" + args(e) + " " + e.name + ")" + (e.check_bound ? "?" : "") + (e.unwrap ? "!" : "");
            case ExprKind::New: {  // an Enum's member by name: (new Color #1), its position
                bool member = e.type && e.type->is(TypeKind::Enum) && e.index >= 0 && e.args.empty();
                return "(new " + e.name + (member ? " #" + std::to_string(e.index) : "") + args(e) + ")";
            }
            case ExprKind::Block: {
                Printer inner{f, {}};
                inner.block(*e.body, 1);
                std::string s = inner.out;
                for (size_t i = 0; (i = s.find('\n', i)) != std::string::npos && i + 1 < s.size(); ++i) s.replace(i, 1, "; ");
                while (!s.empty() && (s.back() == '\n')) s.pop_back();
                return "(block " + var(e.var) + " {" + s + " })";
            }
            case ExprKind::Global: return "(global @" + e.name + ")";
            case ExprKind::Error: return "<error>";
        }
        return "?";
    }

    void line(int depth, const std::string& s) { out += std::string(depth * 2, ' ') + s + "\n"; }

    void block(const Block& b, int depth) {
        if (b.empty()) line(depth, "pass");
        for (const StmtP& s : b) stmt(*s, depth);
    }

    void stmt(const Stmt& s, int depth) {
        for (int v : s.premarked) line(depth, "premark " + var(v));
        if (s.checks_interrupt) line(depth, "check-interrupt");
        if (s.chunked) line(depth, std::string("check-interrupt every 65536 iterations") + (s.one_chunk ? " (fewer: none)" : ""));
        if (s.unrolled) line(depth, s.kind == StmtKind::While ? "unrolled by 4" : "unrolled by 2");
        if (s.reserves >= 0) line(depth, std::string(s.reserve_hint ? "reserve-hint " : "reserve ") + var(s.reserves));
        switch (s.kind) {
            case StmtKind::Assign:
                line(depth, var(s.var) + " = " + expr(*s.value) + (s.borrows ? "  (borrowed)" : "") + (s.appends ? "  (appends)" : ""));
                break;
            case StmtKind::ExprStmt: line(depth, expr(*s.value)); break;
            case StmtKind::If:
                line(depth, "if " + expr(*s.value) + ":");
                block(s.body, depth + 1);
                if (!s.orelse.empty()) {
                    line(depth, "else:");
                    block(s.orelse, depth + 1);
                }
                break;
            case StmtKind::While:
            case StmtKind::ForRange:
                if (s.kind == StmtKind::While) {
                    line(depth, "while " + expr(*s.value) + ":" + borrowed(s));
                } else {
                    std::string r;
                    for (size_t i = 0; i < s.range.size(); ++i) r += (i ? ", " : "") + expr(*s.range[i]);
                    if (!s.parallel) {
                        line(depth, "for " + var(s.var) + " in range(" + r + "):" + borrowed(s));
                    } else {
                        static const char* kinds[] = {"add", "mul", "and", "or", "xor", "min", "max"};
                        std::string info;
                        for (const Reduction& x : s.reductions) info += " reduce " + std::string(kinds[x.kind]) + " " + var(x.var) + ";";
                        if (!s.privates.empty()) {
                            info += " private";
                            for (int v : s.privates) info += " " + var(v);
                            info += ";";
                        }
                        if (!s.copied_out.empty()) {
                            info += " last";
                            for (int v : s.copied_out) info += " " + var(v);
                            info += ";";
                        }
                        line(depth, "for " + var(s.var) + " in prange(" + r + "):" + (info.empty() ? "" : "  #" + info));
                    }
                }
                block(s.body, depth + 1);
                if (!s.guards.empty()) {
                    std::string g;
                    for (const Guard& x : s.guards) g += (g.empty() ? "" : ", ") + guard(x);
                    line(depth, "fast when " + g + ":");
                    block(s.fast, depth + 1);
                }
                if (!s.orelse.empty()) {
                    line(depth, "else:");
                    block(s.orelse, depth + 1);
                }
                break;
            case StmtKind::Break: line(depth, "break"); break;
            case StmtKind::Continue: line(depth, "continue"); break;
            case StmtKind::Return: line(depth, s.value ? "return " + expr(*s.value) : "return"); break;
            case StmtKind::ForEach:
                line(depth, "for " + var(s.var) + " in " + expr(*s.value) + (s.fixed_length ? " (fixed length)" : "") + ":" + borrowed(s));
                block(s.body, depth + 1);
                if (!s.orelse.empty()) {
                    line(depth, "else:");
                    block(s.orelse, depth + 1);
                }
                break;
            case StmtKind::Store:
                line(depth, expr(*s.target) + " = " + expr(*s.value) + (s.unmarked ? "  (unmarked)" : "") +
                                (s.slice_from_self ? "  (within the list)" : ""));
                break;
            case StmtKind::Del: line(depth, "del " + expr(*s.target)); break;
            case StmtKind::Yield:  // yield from it: its for loop, unless it delegates to a generator object
                if (!s.body.empty()) {
                    block(s.body, depth);
                    break;
                }
                line(depth, (s.var >= 0 ? var(s.var) + " = " : std::string()) + (s.delegates ? "yield from " : "yield ") +
                                expr(*s.value));
                break;
            case StmtKind::Assert:
                line(depth, "assert " + expr(*s.value) + (s.has_message ? ", \"" + s.message + "\"" : ""));
                break;
            case StmtKind::Raise: {
                std::string r = !s.message.empty() ? " " + s.message + "(" + (s.value ? expr(*s.value) : "") + ")"
                                : s.value          ? " " + expr(*s.value)
                                                   : "";
                line(depth, "raise" + r + (s.target ? " from " + expr(*s.target) : ""));
                break;
            }
            case StmtKind::Try:
                line(depth, "try:");
                block(s.body, depth + 1);
                for (const StmtP& h : s.handlers) stmt(*h, depth);
                if (!s.orelse.empty()) {
                    line(depth, "else:");
                    block(s.orelse, depth + 1);
                }
                if (!s.finalbody.empty()) {
                    line(depth, "finally:");
                    block(s.finalbody, depth + 1);
                }
                break;
            case StmtKind::Except: {
                std::string c;
                for (const std::string& k : s.classes) c += (c.empty() ? " " : ", ") + k;
                line(depth, "except" + c + (s.var >= 0 ? " as " + var(s.var) : "") + ":");
                block(s.body, depth + 1);
                break;
            }
        }
    }

    void function() {
        std::string sig = "def @" + f.qualname + "(";
        for (size_t i = 0; i < f.params.size(); ++i) {
            const Var& v = f.vars[f.params[i]];
            sig += (i ? ", " : "") + var(f.params[i]) + ": " + (v.type ? v.type->str() : "?") + (v.view ? " (view)" : "") +
                   (v.cell ? " (cell)" : "");
        }
        sig += ")";
        if (f.ret) sig += " -> " + f.ret->str();
        line(0, sig + ":");
        if (!f.pure_bounds.empty()) {  // opt/recursion.cpp
            std::string where;
            for (const PureBound& b : f.pure_bounds)
                where += (where.empty() ? "" : "; ") + var(f.params[b.param]) + " >= " + std::to_string(b.floor) +
                         (b.from_floor ? ", run from there up" : "");
            line(1, "pure copy: calls itself where " + where);
        }
        for (const Var& v : f.vars)
            if (!v.is_param)
                line(1, "local %" + v.unique_name() + ": " + (v.type ? v.type->str() : "?") + (v.needs_flag ? " (flagged)" : "") +
                     (v.view ? " (view)" : "") + (v.cell ? " (cell)" : ""));
        block(f.body, 1);
    }
};

}  // namespace

std::string print(const Function& f) {
    if (f.unused) return "";
    if (f.generic && f.body.empty()) {  // typed: its versions are printed instead
        std::string names;
        for (int p : f.params) names += (names.empty() ? "" : ", ") + f.vars[p].name;
        return "generic def @" + f.qualname + "(" + names + "): compiled once per tuple of argument types\n";
    }
    Printer p{f, {}};
    p.function();
    return p.out;
}

// class Node:                          a class, then its fields, in order:
//   field value: int                     (a field every instance has from the start)
//   field next: Node | None ?            ? : may be unset (a read checks it)
//   field y: float = 0.0                 a constant default
std::string print(const Module& m) {
    std::string out;
    for (const Class& c : m.classes) {
        out += "class " + c.qualname + (c.dataclass ? std::string(" (dataclass") + (c.frozen ? ", frozen" : "") + ")" : "") +
               (c.namedtuple ? " (NamedTuple)" : "") + (c.is_enum ? " (Enum)" : "") + (c.value ? " (value)" : "") + ":\n";
        for (const Field& fd : c.fields) {
            out += "  field " + fd.name + ": " + (fd.type ? fd.type->str() : std::string("<untyped>"));
            static const Function no_function{};  // a default is a constant: it names no variable
            if (fd.value) out += " = " + Printer{no_function, {}}.expr(*fd.value);
            out += fd.always_set || c.namedtuple ? "\n" : " ?\n";  // a NamedTuple's item is always there
        }
    }
    for (const Global& g : m.globals) {
        std::string owner = g.cls >= 0 ? m.classes[static_cast<size_t>(g.cls)].qualname + "." : "";  // a class variable
        out += "global " + g.module + "." + owner + g.name + ": " + (g.type ? g.type->str() : std::string("<untyped>")) + "\n";
    }
    for (const Function& f : m.functions) out += print(f);
    return out;
}

}  // namespace pyrite::ir
