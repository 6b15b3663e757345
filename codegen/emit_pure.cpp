// A recursion's pure copy (opt/recursion.cpp): what fib(n) compiles to.
//
//   static i64 f0_fib_checked(Depth depth, i64 v_n) { ... }   the function as written (Emitter::function)
//   namespace pure_copy {
//   namespace pyrite = ::pyrite::pure;                          ops that fail instead of raising (pure.hpp)
//   static i64 f0_fib_pure(i64 v_n) { ... }                     the same body: no budget, no frame
//   }
//   static i64 f0_fib(Depth depth, i64 v_n) {                   what every caller calls
//       if the recursion from v_n fits the budget and the stack: run the copy; return what it returns
//       (it failed: nothing it did is seen) return f0_fib_checked(depth, v_n);
//   }
//
// The copy calls itself, the function as written calls itself (Emitter::call_function), so a
// failure runs the function once more as written, all of it, and never the copy again inside.
#include "emitter.hpp"

namespace pyrite::codegen {

void Emitter::pure_copy(const ir::Function& f, int index) {
    includes_.insert("pyrite/pure.hpp");
    std::string& c = out_.definitions;
    std::string name = func_name(f, index), r = type(f.ret), params, args;
    for (size_t i = 0; i < f.params.size(); ++i) {
        const ir::Var& v = f.vars[f.params[i]];
        params += (i ? ", " : "") + type(v.type) + " " + var_name(v);
        args += (i ? ", " : "") + var_name(v);
    }

    // the copy: the body printed again, its `pyrite::` the failing operations
    start_function(f);
    pure_ = true;
    c += "namespace pure_copy {\nnamespace pyrite = ::pyrite::pure;  // what would raise fails (pure.hpp)\n";
    line_directive(f.loc.line, 0);
    c += "static " + r + " " + name + "_pure(" + params + ") {\n";
    for (const ir::Var& v : f.vars)
        if (!v.is_param) c += "    " + type(v.type) + " " + var_name(v) + "{};\n";
    c += "    [[maybe_unused]] int pyrite_line = 0;  // no traceback: the function as written makes it\n";
    block(f.body, 1);
    c += "    __builtin_unreachable();\n}\n}  // namespace pure_copy\n";
    pure_ = false;

    // the entry every caller calls
    std::string bounds;
    for (const ir::PureBound& b : f.pure_bounds)
        bounds += (bounds.empty() ? "{" : ", {") + var_name(f.vars[f.params[b.param]]) + ", " + int_literal(b.floor) + ", " +
                  (b.from_floor ? "true" : "false") + "}";
    c += "static " + signature(f, index) + " {\n";
    c += "    if (pyrite::pure::fits(depth, {" + bounds + "})) {\n";
    c += "        std::jmp_buf* const outer = pyrite::pure::current();\n";
    c += "        std::jmp_buf jump;\n";
    c += "        if (!_setjmp(jump)) {\n";
    c += "            pyrite::pure::current() = &jump;\n";
    c += "            try {\n";
    c += "                const " + r + " result = pure_copy::" + name + "_pure(" + args + ");\n";
    c += "                pyrite::pure::current() = outer;\n";
    c += "                return result;\n";
    c += "            } catch (...) {  // none is expected (what fails jumps); the function as written raises it\n";
    c += "            }\n";
    c += "        }\n";
    c += "        pyrite::pure::current() = outer;\n";
    c += "    }\n";
    c += "    return " + name + "_checked(depth, " + args + ");\n}\n";
}

}  // namespace pyrite::codegen
