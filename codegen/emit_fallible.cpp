// A function's fallible copy: what a try calls where its handler may take what the function raises.
//
//   static double f2_withdraw(const Ref<c0_Account>& v_self, double v_amount) { ... }    as written
//   static std::optional<double> f2_withdraw_fallible(pyrite::Error& pyrite_error, ...)  the copy
//
// A C++ throw and its unwinding cost microseconds (a method that raised ValueError in a quarter
// of 200,000 calls, caught by its caller: 9 us a raise, 4x CPython's time), so the copy returns
// the exception instead: its raise statements make it in pyrite_error, add the function's frame
// and return no value, and so do its int(s), float(s) and d[k] (the overloads that make their
// exception, as a try's body calls them: emit_try.cpp's find_value_raises) and its calls of other
// copies (which made it already). The caller's try (value_raise) chooses its clause as its catch
// would and jumps to it. Only what is outside any try of the copy, in the statements a return may
// leave from (jump_safe), is returned so; any other raise, and any other operation's exception,
// is thrown as in the function as written, and caught as before.
//
// A function has a copy when a try's body calls it (the closure of such calls), it raises so, and
// it is no generator, no recursion (its depth), no cached function, no value class's __init__,
// and returns no T | None (std::optional of that would confuse None with no value).
#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

void Emitter::find_fallible() {
    std::map<int, FallibleCopy> can;  // what each function could return so
    std::map<int, std::vector<const Expr*>> calls;  // its calls that could pass an exception on
    for (size_t i = 0; i < m_.functions.size(); ++i) {
        const ir::Function& f = m_.functions[i];
        int index = static_cast<int>(i);
        if (!f.compiled() || f.coroutine || f.memo || !f.pure_bounds.empty() || f.counts_depth || f.recursive || !f.ret ||
            f.ret->is(TypeKind::Optional) || makes_value(f, index))
            continue;
        FallibleCopy& c = can[index];
        jump_safe(f.body, true, [&](const Stmt& s) {
            if (s.kind == StmtKind::Raise && (s.value || !s.message.empty())) c.raises.insert(&s);  // not a bare raise
        }, [&](const Expr& e) {
            if (e.kind == ExprKind::CallFunc && !e.dispatch) calls[index].push_back(&e);
            bool item = e.kind == ExprKind::Subscript && e.args[0]->type->is(TypeKind::List);  // xs[i]: a check per item read
            if (value_exception(e) && !item) c.makes.insert(&e);  // int(s), float(s), d[k]
        });
    }
    // a function that raises so, or calls one that does
    for (bool changed = true; changed;) {
        changed = false;
        for (auto& [index, c] : can)
            for (const Expr* e : calls[index])
                if (e->callee != index && can.count(e->callee) && can[e->callee].any() && c.calls.insert(e).second)
                    changed = true;
    }
    // those a try's body calls (find_value_raises), and what they call so
    std::vector<int> wanted;
    for (const ir::Function& f : m_.functions) {
        if (!f.compiled()) continue;
        ir::for_each_stmt(f.body, [&](const Stmt& s) {
            if (s.kind != StmtKind::Try || s.handlers.empty()) return;
            jump_safe(s.body, false, [](const Stmt&) {}, [&](const Expr& e) {
                if (e.kind == ExprKind::CallFunc && !e.dispatch) wanted.push_back(e.callee);
            });
        });
    }
    while (!wanted.empty()) {
        int index = wanted.back();
        wanted.pop_back();
        auto it = can.find(index);
        if (it == can.end() || !it->second.any() || fallible_.count(index)) continue;
        fallible_[index] = it->second;
        for (const Expr* e : it->second.calls) wanted.push_back(e->callee);
    }
}

// std::optional<R> NAME_fallible(pyrite::Error& pyrite_error, the parameters)
std::string Emitter::fallible_signature(const ir::Function& f, int index) {
    includes_.insert("optional");
    includes_.insert("pyrite/exceptions.hpp");
    std::string sig = signature(f, index), name = func_name(f, index);
    size_t at = sig.find(" " + name + "(");
    std::string params = sig.substr(at + name.size() + 2);
    return "std::optional<" + sig.substr(0, at) + "> " + name + "_fallible(pyrite::Error& pyrite_error" +
           (params == ")" ? "" : ", ") + params;
}

void Emitter::fallible_copy(const ir::Function& f, int index) {
    start_function(f);
    std::string& c = out_.definitions;
    line_directive(f.loc.line, 0);
    c += "static " + fallible_signature(f, index) + " {\n";
    c += "    static constexpr pyrite::FrameInfo pyrite_frame{" + string_literal(f.pyname) + ", " + string_literal(f.file) + "};\n";
    fallible_copy_ = &fallible_.at(index);
    function_body(f, index);
    fallible_copy_ = nullptr;
    c += "}\n";
}

// in a fallible copy, what returns std::optional of its value, empty where it made its exception
// in pyrite_error (another copy, a fallible builtin, d[k]): that exception returned, with this frame
std::string Emitter::passed_on(const std::string& call) {
    std::string r = "fallible" + std::to_string(ntemps_++);
    return "({ auto " + r + " = " + strip_parens(call) + "; if (PYRITE_UNLIKELY(!" + r +
           ")) { pyrite::add_frame(pyrite_error, &pyrite_frame, pyrite_line); return std::nullopt; } *std::move(" + r + "); })";
}

}  // namespace pyrite::codegen
