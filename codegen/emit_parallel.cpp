// codegen: for i in prange(start, stop, step), as opt/parallel.cpp checked it (emitter.hpp).
//
//   {
//       const i64 start_N = ..., stop_N = ..., step_N = ...;
//       const i64 count_N = range_len(start_N, stop_N, step_N);
//       Partials<double> part_N_0(blocks_for(count_N));       one per reduction
//       auto* last_N_x = &x;                                  one per variable kept after the loop
//       auto body_N = [&](i64 block_N, i64 lo_N, i64 hi_N, int& line_N) {
//           i64 i{}; double x{};                              private: each block has its own
//           double total = -0.0;                              a reduction's partial, from its identity
//           for (i64 k_N = lo_N; k_N < hi_N; ++k_N) { i = start_N + k_N * step_N; <body> }
//           part_N_0[block_N] = total;
//           if (hi_N == count_N) { *last_N_x = x; ... }      the last iteration's values
//       };
//       parallel::run(count_N, body_N, pyrite_line);          (runtime/include/pyrite/parallel.hpp)
//       for (b = 0; b < blocks; ++b) total = total + part_N_0[b];   in block order
//   }
//
// Inside the lambda the private variables and the partial results shadow the function's own;
// everything else is the function's, by reference. The body's pyrite_line (the traceback's
// line) is the block's own, handed back with an exception: the raised one's line is the caller's.
#include "../ir/walk.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

namespace {

// the identity a block's partial result starts from (Min, Max: the value before the loop)
std::string identity(ir::Reduction::Kind k, const Type* t) {
    bool is_float = t->is(TypeKind::Float) || t->is(TypeKind::Scalar), is_bool = t->is(TypeKind::Bool);
    switch (k) {
        case ir::Reduction::Add: return is_float ? "-0.0" : "0";  // -0.0 + x is x, -0.0 included
        case ir::Reduction::Mul: return is_float ? "1.0" : "1";
        case ir::Reduction::BitAnd: return is_bool ? "true" : "-1";
        case ir::Reduction::BitOr:
        case ir::Reduction::BitXor: return is_bool ? "false" : "0";
        default: return "";
    }
}

// total OP partial, as the body's own operator computes it
std::string combine(ir::Reduction::Kind k, const Type* t, const std::string& total, const std::string& part) {
    bool is_int = t->is(TypeKind::Int);
    switch (k) {
        case ir::Reduction::Add:
            return is_int ? "pyrite::add(" + total + ", " + part + ")" : cxx_type(t) + "(" + total + " + " + part + ")";
        case ir::Reduction::Mul:
            return is_int ? "pyrite::mul(" + total + ", " + part + ")" : cxx_type(t) + "(" + total + " * " + part + ")";
        case ir::Reduction::BitAnd: return "static_cast<" + cxx_type(t) + ">(" + total + " & " + part + ")";
        case ir::Reduction::BitOr: return "static_cast<" + cxx_type(t) + ">(" + total + " | " + part + ")";
        case ir::Reduction::BitXor: return "static_cast<" + cxx_type(t) + ">(" + total + " ^ " + part + ")";
        // min(total, x) keeps total unless x < total; max unless x > total (Python's order)
        case ir::Reduction::Min: return "(" + part + " < " + total + " ? " + part + " : " + total + ")";
        case ir::Reduction::Max: return "(" + part + " > " + total + " ? " + part + " : " + total + ")";
    }
    return total;
}

// the variables of the function a prange body reads, numbers and arrays (whose copy is cheap and
// shares the items), in order: the parallel pass made sure the body assigns none of them
std::vector<int> shared_reads(const Stmt& loop, const ir::Function& f) {
    std::set<int> own(loop.privates.begin(), loop.privates.end());
    own.insert(loop.var);
    for (const ir::Reduction& r : loop.reductions) own.insert(r.var);
    std::set<int> found;
    auto visit = [&](ir::Expr& x) {
        if (x.kind != ExprKind::Var || own.count(x.var)) return;
        const ir::Var& v = f.vars[x.var];
        const Type* t = v.type;
        if (!v.needs_flag && t && (t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Bool) || t->is(TypeKind::Array)))
            found.insert(x.var);
    };
    ir::for_each_node(const_cast<ir::Block&>(loop.body), visit);
    ir::for_each_node(const_cast<ir::Block&>(loop.fast), visit);
    return {found.begin(), found.end()};
}

}  // namespace

void Emitter::parallel_range(const Stmt& s, int depth) {
    includes_.insert("pyrite/parallel.hpp");
    std::string id = std::to_string(s.loop_id);
    const ir::Var& v = f_->vars[s.var];
    auto name = [&](int var) { return var_name(f_->vars[var]); };
    emit_line(depth, "{");
    const int d = depth + 1;
    emit_line(d, "const pyrite::i64 start_" + id + " = " +
                     strip_parens(convert(expr(*s.range[0]), s.range[0]->type, Type::int_())) + ";");
    emit_line(d, "const pyrite::i64 stop_" + id + " = " +
                     strip_parens(convert(expr(*s.range[1]), s.range[1]->type, Type::int_())) + ";");
    std::string step = s.range.size() == 3 ? strip_parens(convert(expr(*s.range[2]), s.range[2]->type, Type::int_())) : "1";
    emit_line(d, "const pyrite::i64 step_" + id + " = " + step + ";");
    emit_line(d, "const pyrite::i64 count_" + id + " = pyrite::range_len(start_" + id + ", stop_" + id + ", step_" + id +
                     ");");
    if (!s.guards.empty()) {
        std::string c;
        for (const ir::Guard& g : s.guards) c += (c.empty() ? "" : " && ") + guard(g, id);
        emit_line(d, "const bool fast_" + id + " = " + c + ";");
    }
    emit_line(d, "const pyrite::i64 blocks_" + id + " = pyrite::parallel::blocks_for(count_" + id + ");");
    for (size_t k = 0; k < s.reductions.size(); ++k) {
        const ir::Reduction& r = s.reductions[k];
        const Type* t = f_->vars[r.var].type;
        std::string n = id + "_" + std::to_string(k);
        emit_line(d, "pyrite::parallel::Partials<" + type(t) + "> part_" + n + "(blocks_" + id + ");");
        if (r.kind == ir::Reduction::Min || r.kind == ir::Reduction::Max)
            emit_line(d, "const " + type(t) + " init_" + n + " = " + name(r.var) + ";");
    }
    for (int c : s.copied_out) {
        emit_line(d, "auto* const last_" + id + "_" + std::to_string(c) + " = &" + name(c) + ";");
        if (f_->vars[c].needs_flag)
            emit_line(d, "auto* const last_flag_" + id + "_" + std::to_string(c) + " = &" + flag_name(f_->vars[c]) + ";");
    }
    // the numbers and arrays the body only reads: a copy of each, local to the block, so that the
    // optimizer keeps them (an array's data, shape, strides) in registers; read through the
    // lambda's references, they were loaded again at every iteration (memory the threads share)
    std::vector<int> read_only = shared_reads(s, *f_);
    for (int r : read_only) emit_line(d, "const auto* const in_" + id + "_" + std::to_string(r) + " = &" + name(r) + ";");
    if (f_->counts_depth) emit_line(d, "const pyrite::Depth depth_" + id + " = depth;");
    emit_line(d, "auto body_" + id + " = [&](pyrite::i64 block_" + id + ", pyrite::i64 lo_" + id + ", pyrite::i64 hi_" + id +
                     ", int& line_" + id + ") {");
    emit_line(d + 1, "(void)block_" + id + ";");
    // a recursion called in the body runs on this thread's stack: its floor, not the caller's thread's
    if (f_->counts_depth)
        emit_line(d + 1, "[[maybe_unused]] const pyrite::Depth depth{depth_" + id + ".left, pyrite::stack_floor()};");
    for (int p : s.privates) {
        const ir::Var& pv = f_->vars[p];
        emit_line(d + 1, type(pv.type) + " " + var_name(pv) + "{};");
        if (pv.needs_flag) emit_line(d + 1, "bool " + flag_name(pv) + " = false;");
    }
    for (size_t k = 0; k < s.reductions.size(); ++k) {
        const ir::Reduction& r = s.reductions[k];
        const Type* t = f_->vars[r.var].type;
        std::string init = r.kind == ir::Reduction::Min || r.kind == ir::Reduction::Max
                               ? "init_" + id + "_" + std::to_string(k)
                               : identity(r.kind, t);
        emit_line(d + 1, type(t) + " " + name(r.var) + " = " + init + ";");
    }
    for (int r : read_only) emit_line(d + 1, "auto " + name(r) + " = *in_" + id + "_" + std::to_string(r) + ";");
    // the block's own line (a local the optimizer keeps in a register), handed out with an exception
    emit_line(d + 1, "int pyrite_line = line_" + id + ";");
    emit_line(d + 1, "try {");
    auto loop = [&](const ir::Block& body, int at) {
        emit_line(at, "for (pyrite::i64 k_" + id + " = lo_" + id + "; k_" + id + " < hi_" + id + "; ++k_" + id + ") {");
        // start + k * step lies in the range: computed in unsigned arithmetic, it cannot overflow on the way
        emit_line(at + 1, assign(v, "static_cast<pyrite::i64>(static_cast<std::uint64_t>(start_" + id +
                                        ") + static_cast<std::uint64_t>(k_" + id + ") * static_cast<std::uint64_t>(step_" +
                                        id + "))"));
        block(body, at + 1);
        emit_line(at, "}");
    };
    if (!s.guards.empty()) {
        emit_line(d + 1, has_loop(s.fast) ? "if (PYRITE_LIKELY(fast_" + id + ")) {" : "if (fast_" + id + ") {");  // as for_range's
        loop(s.fast, d + 2);
        emit_line(d + 1, "} else {");
        loop(s.body, d + 2);
        emit_line(d + 1, "}");
    } else {
        loop(s.body, d + 1);
    }
    emit_line(d + 1, "} catch (...) {");
    emit_line(d + 2, "line_" + id + " = pyrite_line;");
    emit_line(d + 2, "throw;");
    emit_line(d + 1, "}");
    for (size_t k = 0; k < s.reductions.size(); ++k)
        emit_line(d + 1, "part_" + id + "_" + std::to_string(k) + "[block_" + id + "] = " + name(s.reductions[k].var) + ";");
    if (!s.copied_out.empty()) {
        emit_line(d + 1, "if (hi_" + id + " == count_" + id + ") {  // the block of the last iteration");
        for (int c : s.copied_out) {
            emit_line(d + 2, "*last_" + id + "_" + std::to_string(c) + " = " + name(c) + ";");
            if (f_->vars[c].needs_flag)
                emit_line(d + 2, "*last_flag_" + id + "_" + std::to_string(c) + " = " + flag_name(f_->vars[c]) + ";");
        }
        emit_line(d + 1, "}");
    }
    emit_line(d, "};");
    emit_line(d, "pyrite::parallel::run(count_" + id + ", body_" + id + ", pyrite_line);");
    for (size_t k = 0; k < s.reductions.size(); ++k) {
        const ir::Reduction& r = s.reductions[k];
        std::string total = name(r.var), part = "part_" + id + "_" + std::to_string(k) + "[b_" + id + "]";
        emit_line(d, "for (pyrite::i64 b_" + id + " = 0; b_" + id + " < blocks_" + id + "; ++b_" + id + ") " + total +
                         " = " + combine(r.kind, f_->vars[r.var].type, total, part) + ";");
    }
    emit_line(depth, "}");
    loop_else(s, depth);
}

}  // namespace pyrite::codegen
