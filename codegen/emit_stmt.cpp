// codegen: statements (emitter.hpp).
#include <functional>
#include <map>
#include <set>

#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

void Emitter::stmt(const Stmt& s, int depth) {
    track_line(s, depth);
    line_directive(s.loc.line, depth);
    if (s.kind == StmtKind::While || s.kind == StmtKind::ForRange || s.kind == StmtKind::ForEach) loop_started(s);
    if (!s.borrowed.empty()) {  // opt/borrow.cpp: the variables' references kept aside while the loop walks
        emit_line(depth++, "{");
        for (int v : s.borrowed) {
            std::string name = var_name(f_->vars[v]);
            emit_line(depth, "pyrite::Borrow<decltype(" + name + ")> borrow_" + name + "(" + name + ");");
        }
    }
    switch (s.kind) {
        case StmtKind::Assign:
            if (s.borrows) {  // walked along fields, or a list of lists' items: no count (object.hpp's Borrow)
                const ir::Var& v = f_->vars[s.var];
                item_ref_ = s.value->kind == ExprKind::Subscript;  // bj = bodies[j]: the item itself (list.hpp)
                std::string value = strip_parens(expr(*s.value));
                item_ref_ = false;
                emit_line(depth, "pyrite::borrow_assign(" + var_name(v) + ", " + value + ");" +
                                     marks_bound(v));
                break;
            }
            if (s.appends) {  // s += t: in place where s's string is its own (opt/stores.cpp)
                includes_.insert("pyrite/builtins/text.hpp");
                const ir::Var& v = f_->vars[s.var];
                emit_line(depth, "pyrite::append_to(" + var_name(v) + ", " + strip_parens(expr(*s.value->args[1])) + ");" +
                                     marks_bound(v));
                break;
            }
            if (s.slice_into) {  // xs = ys[a:b]: into xs's own list where nothing else holds it (opt/stores.cpp)
                const ir::Var& v = f_->vars[s.var];
                std::string prelude;
                std::vector<std::string> ops = operands(all_args(*s.value), prelude);
                emit_line(depth, "{ " + prelude + ops[0] + ".slice_into(" + var_name(v) + ", " + slice_args(*s.value, ops) +
                                     "); }" + marks_bound(v));
                break;
            }
            emit_line(depth, assign(f_->vars[s.var], strip_parens(expr(*s.value))));
            break;
        case StmtKind::ExprStmt: emit_line(depth, "(void)" + expr(*s.value) + ";"); break;
        case StmtKind::If:
            if (s.body.size() == 1 && s.orelse.size() == 1) {  // if c: x = t else: x = f, both computed (select)
                const Stmt &a = *s.body[0], &b = *s.orelse[0];
                if (a.kind == StmtKind::Assign && b.kind == StmtKind::Assign && a.var == b.var && !a.borrows && !b.borrows &&
                    is_int(f_->vars[a.var].type) && a.loc.line > 0 && b.loc.line > 0)
                    if (std::string v = select(*s.value, *a.value, *b.value, a.loc.line, b.loc.line); !v.empty()) {
                        emit_line(depth, assign(f_->vars[a.var], v));
                        break;
                    }
            }
            emit_line(depth, "if (" + strip_parens(test(*s.value)) + ") {");
            block(s.body, depth + 1);
            if (!s.orelse.empty()) {
                emit_line(depth, "} else {");
                block(s.orelse, depth + 1);
            }
            emit_line(depth, "}");
            break;
        case StmtKind::While: {
            premark(s, depth);
            if ((!s.orelse.empty() && s.breaks) || s.deep_break) goto_loops_.insert(s.loop_id);
            if (s.unrolled) {  // GCC unrolls a for loop so annotated, the test before each copy
                std::string go = "go_" + std::to_string(ntemps_++);
                emit_line(0, "#pragma GCC unroll 4");
                emit_line(depth, "for (bool " + go + " = true; " + go + ";) {");
                emit_line(depth + 1, "if (!(" + strip_parens(test(*s.value)) + ")) break;");
            } else {
                emit_line(depth, "while (" + strip_parens(test(*s.value)) + ") {");
            }
            if (s.checks_interrupt) emit_line(depth + 1, "pyrite::check_interrupt();");
            if (s.yield_body || s.gen_region) generator_guard(s, depth + 1);  // emit_try.cpp
            else block(s.body, depth + 1);
            emit_line(depth, "}");
            loop_else(s, depth);
            if (s.deep_break && s.orelse.empty()) emit_line(depth, "break_" + std::to_string(s.loop_id) + ":;");
            break;
        }
        case StmtKind::ForRange:
        case StmtKind::ForEach:
            premark(s, depth);
            if (s.kind == StmtKind::ForRange) for_range(s, depth);
            else for_each(s, depth);
            break;
        case StmtKind::Store: store(s, depth); break;
        case StmtKind::Del: del(s, depth); break;
        case StmtKind::Yield: yield_stmt(s, depth); break;
        case StmtKind::Break:
        case StmtKind::Continue:
        case StmtKind::Return: jump(s, depth); break;  // emit_try.cpp: through any finally they leave
        case StmtKind::Raise: raise_stmt(s, depth); break;
        case StmtKind::Try: try_stmt(s, depth); break;
        case StmtKind::Except: break;  // printed by its try
        case StmtKind::Assert:
            emit_line(depth, "if (!(" + strip_parens(test(*s.value)) + ")) pyrite::assertion_failed(" +
                                 (s.has_message ? string_literal(s.message) : "nullptr") + ");");
            break;
    }
    if (!s.borrowed.empty()) emit_line(--depth, "}");
}

// A generator object suspends (runtime/include/pyrite/generator.hpp): `[x =] yield v`, x what it is
// sent; `[x =] yield from g` of a generator object g, PEP 380's loop (generator.hpp's Delegate),
// x what g returns; `yield from` any other iterable, its for loop
void Emitter::yield_stmt(const Stmt& s, int depth) {
    const Type* item = f_->ret->elem();
    const Type* sent = f_->ret->gen_sent();
    auto resumed = [&](int d) {
        if (f_->counts_depth) emit_line(d, "depth.floor = pyrite::stack_floor();");
    };
    if (!s.body.empty()) return block(s.body, depth);
    if (!s.delegates) {
        // the item first, on its own: GCC 12 cannot keep a braced list's array across the suspension
        emit_line(depth, "{");
        emit_line(depth + 1, type(item) + " yielded(" + strip_parens(convert(expr(*s.value), s.value->type, item)) + ");");
        std::string y = "co_yield std::move(yielded)";
        if (s.var >= 0) {
            const ir::Var& v = f_->vars[s.var];
            y = var_name(v) + " = " + strip_parens(convert("(" + y + ")", sent, v.type));
        }
        emit_line(depth + 1, y + ";");
        emit_line(depth, "}");
        return resumed(depth);
    }
    const Type* sub = s.value->type;
    std::string n = std::to_string(s.loc.line) + "_" + std::to_string(++ntries_);
    emit_line(depth, "{");
    emit_line(depth + 1, "pyrite::Delegate<" + type(sub) + "> from_" + n + "{" + strip_parens(expr(*s.value)) + "};");
    emit_line(depth + 1, "while (from_" + n + ".more) {");
    emit_line(depth + 2, type(sent) + " sent_" + n + "{};");
    emit_line(depth + 2, "try {  // what the generator is thrown goes on to the one it yields from");
    emit_line(depth + 3, "sent_" + n + " = co_yield " + type(item) + "(" +
                             strip_parens(convert("from_" + n + ".g.value()", sub->elem(), item)) + ");");
    emit_line(depth + 2, "} catch (pyrite::Error& thrown_" + n + ") {");
    emit_line(depth + 3, "from_" + n + ".thrown(thrown_" + n + ");");
    emit_line(depth + 3, "continue;");
    emit_line(depth + 2, "}");
    resumed(depth + 2);
    emit_line(depth + 2, "from_" + n + ".step(std::move(sent_" + n + "));");
    emit_line(depth + 1, "}");
    if (s.var >= 0) {
        const ir::Var& v = f_->vars[s.var];
        emit_line(depth + 1, assign(v, convert("from_" + n + ".result()", sub->gen_result(), v.type)));
    }
    emit_line(depth, "}");
}

// xs[i] = v, xs[a:b] = ys: the value is evaluated first, then the target, as in CPython
void Emitter::store(const Stmt& s, int depth) {
    const Expr& t = *s.target;
    if (t.kind == ExprKind::Attr) return attr_store(s, depth);  // emit_class.cpp
    if (t.kind == ExprKind::Global)  // global counter: the module's, stored back when the call returns
        return emit_line(depth, expr(t) + " = " + strip_parens(convert(expr(*s.value), s.value->type, t.type)) + ";");
    const Type* c = t.args[0]->type;
    emit_line(depth, "{");
    if (c->is(TypeKind::Array) && t.kind == ExprKind::Subscript && t.args[1]->type->is(TypeKind::Array)) {
        // a[mask] = x, a[idx] = x: x first, then a and the index
        includes_.insert("pyrite/numpy.hpp");
        bool mask = t.args[1]->type->elem()->is_scalar(DType::Bool);
        if (s.value->type->is(TypeKind::Array))
            emit_line(depth + 1, "const " + type(s.value->type) + " value = " + strip_parens(expr(*s.value)) + ";");
        else
            emit_line(depth + 1, "const " + type(c->elem()) + " value = pyrite::np::store<" + type(c->elem()) + ">(" +
                                     strip_parens(expr(*s.value)) + ");");
        std::string prelude;
        std::vector<std::string> ops = operands({t.args[0].get(), t.args[1].get()}, prelude);
        std::string call = mask ? "pyrite::masked_assign(" : "pyrite::np::put_rows(";
        emit_line(depth + 1, "(void)" + sequenced(prelude, Type::none(),
                                                  "(" + call + ops[0] + ", " + ops[1] + ", value), pyrite::none_t{})") + ";");
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
        std::string fast = t.unchecked_axes ? ".template " + std::string(same ? "set_m<" : "put_m<") +
                                                  unchecked_mask(t.unchecked_axes) + ">(value"
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
            // the dict as it is now (the value may have rebound it); a local read by reference where
            // the key, a name or a constant, cannot rebind it before the store (no count to touch)
            bool plain = t.args[0]->kind == ExprKind::Var && (t.args[1]->kind == ExprKind::Var || ir::is_constant(*t.args[1]));
            emit_line(depth + 1, (plain ? "const " + type(c) + "& target = " : "const " + type(c) + " target = ") +
                                     strip_parens(expr(*t.args[0])) + ";");
            emit_line(depth + 1, "target.set(" + strip_parens(k) + ", value);");
        }
        emit_line(depth, "}");
        return;
    }
    const Expr& v = *s.value;
    if (s.slice_from_self) {
        // xs[a:b] = xs[c:d:e] with plain bounds (opt's slice-copies): no intermediate list
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
    bool premarked = t.kind == ExprKind::Subscript && s.unmarked;
    bool checked = t.kind == ExprKind::Subscript && t.unchecked_axes;
    std::string setter = checked ? (premarked ? ".set_at_unmarked(" : ".set_at(") : (premarked ? ".set_unmarked(" : ".set(");
    std::string call = t.kind == ExprKind::Subscript
                           ? ops[0] + setter + convert(ops[1], t.args[1]->type, Type::int_()) + ", value)"
                           : t.args[0]->type->is(TypeKind::ByteArray)
                           ? ops[0] + ".set_slice(" + slice_args(t, ops) + ", pyrite::assigned_bytes(value))"
                           : ops[0] + ".set_slice(" + slice_args(t, ops) + ", value)";
    emit_line(depth + 1, "(void)" + sequenced(prelude, Type::none(), "(" + call + ", pyrite::none_t{})") + ";");
    emit_line(depth, "}");
}

void Emitter::del(const Stmt& s, int depth) {
    const Expr& t = *s.target;
    std::string prelude;
    std::vector<std::string> ops = operands(all_args(t), prelude);
    const Type* c = t.args[0]->type;
    std::string call = t.kind == ExprKind::Subscript
                           ? ops[0] + ".del_item(" + convert(ops[1], t.args[1]->type, c->is(TypeKind::Dict) ? c->elem() : Type::int_()) + ")"
                           : ops[0] + ".del_slice(" + slice_args(t, ops) + ")";
    emit_line(depth, "(void)" + sequenced(prelude, Type::none(), "(" + call + ", pyrite::none_t{})") + ";");
}

}  // namespace pyrite::codegen
