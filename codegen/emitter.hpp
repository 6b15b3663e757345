// codegen's emitter: the one class that prints typed, optimized IR as C++.
//
// Each Python function becomes a static C++ function over pyrite's runtime
// types (pyrite::i64, double, bool, std::tuple). Python's semantics come from
// runtime calls (pyrite::add checks overflow, pyrite::floordiv floors), plain
// C++ operators are used only where they mean the same thing (+ - * on
// doubles, comparisons of like types). C++ leaves the evaluation order of call
// arguments unspecified; where two operands could raise different exceptions,
// they are evaluated into temporaries in Python's left-to-right order.
//
// The emitter prints; it does not optimize. What to fuse, which bounds a loop
// checks up front, which lists are marked changed once, how a for loop iterates:
// the passes in opt/ decided those and recorded them in the IR.
//
// Where each construct is printed (one file per kind, as frontend/ lowers them):
//   emit.cpp             module and functions: signatures, exports, blocks, C++ types
//   emit_stmt.cpp        statements: assignment, if, return, assert, stores, del
//   emit_loops.cpp       while, for over ranges (and their versioned copies), for over iterables
//   emit_expr.cpp        operators, comparisons, and/or, calls, evaluation order
//   emit_containers.cpp  methods, builtins over iterables (intrinsics), displays
//   emit_numpy.cpp       np.* calls, fused element-wise loops, views and items of arrays
//   emit_class.cpp       the program's classes: structs, fields, construction
//   emit_try.cpp         try/except/finally, raise, return/break/continue through finally, tracebacks
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../ir/effects.hpp"
#include "emit.hpp"
#include "names.hpp"

namespace pyrite::codegen {

using ir::BinOp;
using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;

using ir::kOverflow;
using ir::raises;
// An instance parameter taken by const reference (never assigned in f)
bool by_ref(const ir::Function& f, int param);
// Must these operands be evaluated in order? Only if two of them can raise, and not merely the same OverflowError.
bool needs_order(const std::vector<const Expr*>& operands);
// int, float, bool, None and tuples of them cross the boundary with capi.hpp's conversions alone
bool scalar_only(const Type* t);
// a loop among a block's statements, at any depth: a versioned nest (emit_loops.cpp)
bool has_loop(const ir::Block& b);
// C++ text s of a value of type `from`, as a value of type `to`
std::string convert(const std::string& s, const Type* from, const Type* to);
// d[k] of a plain dict, xs[i] of a list: a subscript whose exception may be made as a value (emit_try.cpp)
bool value_subscript(const Expr& e);
// the exception e may make as a value (int(s)'s ValueError, d[k]'s KeyError, xs[i]'s IndexError), or null
const char* value_exception(const Expr& e);
// the statements of a block and the expressions in them that a jump may leave from (emit_try.cpp)
void jump_safe(const ir::Block& b, bool loops, const std::function<void(const Stmt&)>& at_stmt,
               const std::function<void(const Expr&)>& at_expr);
// a key looked up in a dict or set of floats (an int no float equals becomes nan)
std::string lookup_key(const std::string& s, const Type* from, const Type* to);

// What only the full build compiles: the quick tier (pyrite/tiers.py; its compiler is given
// -DPYRITE_QUICK) runs a first call while GCC makes the full build, so a copy of a loop that
// only saves a few instructions is left to the full build: a nested range's plain loop, beside
// the chunked loop that runs as fast (#ifndef PYRITE_QUICK if (<one chunk>) {<plain>} else #endif
// {<chunked>}). A versioned loop's fast copy stays: without it quick builds of loops over arrays
// ran 4.5-6x slower (heat_loops, matmul_loops), and a first call may be a long one.
inline const std::string kNotQuick = "#ifndef PYRITE_QUICK";

inline bool is_int(const Type* t) { return t->is(TypeKind::Int); }
inline bool is_float(const Type* t) { return t->is(TypeKind::Float); }
inline bool is_bool(const Type* t) { return t->is(TypeKind::Bool); }

class Emitter {
public:
    explicit Emitter(const ir::Module& m) : m_(m) {}
    Output run();
    void fn_sources();

private:
    // ---- emit.cpp: module and functions: signatures, exports, blocks, C++ types
    std::string signature(const ir::Function& f, int index);
    std::string entry_signature(const ir::Function& f, int index);
    bool makes_value(const ir::Function& f, int index) const;
    std::string boundary_type(const Type* t);
    std::string type(const Type* t);
    std::string var_type(const ir::Var& v);  // its type's, or a view's (opt/views.cpp)
    bool is_view(const Expr& e) const;       // a view variable, or rows[i] of one
    std::string view_subscript(const Expr& e);  // rows[i], r["key"] of a view (emit_containers.cpp)
    std::string view_items(const Expr& list);   // for r in rows
    void function(const ir::Function& f, int index);
    void export_function(const ir::Function& f, int index);
    void line_directive(int line, int depth);
    void block(const ir::Block& b, int depth);
    std::string assign(const ir::Var& v, const std::string& value);
    std::string marks_bound(const ir::Var& v);  // " flag = true;" where v's binding is tracked (needs_flag), else ""
    std::string test(const Expr& e);
    static std::string strip_parens(const std::string& s);

    // ---- emit_stmt.cpp: statements: assignment, if, return, assert, stores into items and slices, del
    void stmt(const Stmt& s, int depth);
    void store(const Stmt& s, int depth);
    void yield_stmt(const Stmt& s, int depth);
    void loop_body(const Stmt& loop, const ir::Block& body, int depth);
    void del(const Stmt& s, int depth);

    // ---- emit_loops.cpp: loops: while, for over ranges (versioned copies), for over iterables, loop else
    void premark(const Stmt& loop, int depth);
    void loop_else(const Stmt& s, int depth);
    void for_range(const Stmt& s, int depth);
    void reserve(const Stmt& s, const std::string& start, const std::string& stop, const std::string& step, int depth);
    std::string guard(const ir::Guard& g, const std::string& id);
    void parallel_range(const Stmt& s, int depth);  // emit_parallel.cpp: for i in prange(...)
    void for_each(const Stmt& s, int depth);
    std::string iterator(const Expr& src, bool reversed, bool fixed_length, bool direct, int depth);
    std::string iterator_struct(const Expr& e, int depth);  // enumerate/zip/itertools' as a source
    void memo_wrapper(const ir::Function& f, int index);   // emit.cpp: functools.cache
    // emit_pure.cpp: a recursion's pure copy (opt/recursion.cpp) and the entry that runs it or the function
    void pure_copy(const ir::Function& f, int index);
    void start_function(const ir::Function& f);  // emit.cpp
    bool pure_ = false;  // printing the pure copy: a call of the function itself is the copy's
    // emit_fallible.cpp: a function that raises, called in a try whose handler may take what it
    // raises: its fallible copy, which returns its exceptions instead of throwing them
    struct FallibleCopy {
        std::set<const Stmt*> raises;  // its raise statements that return the exception
        std::set<const Expr*> calls;   // its calls of fallible copies whose exception it returns on
        std::set<const Expr*> makes;   // its fallible builtins' calls and d[k], whose exception it returns
        bool any() const { return !raises.empty() || !calls.empty() || !makes.empty(); }
    };
    std::map<int, FallibleCopy> fallible_;  // the functions that have one (find_fallible)
    const FallibleCopy* fallible_copy_ = nullptr;  // the one being printed
    void find_fallible();
    void fallible_copy(const ir::Function& f, int index);
    bool fallible_raise(const Stmt& s) const { return fallible_copy_ && fallible_copy_->raises.count(&s); }
    std::string fallible_signature(const ir::Function& f, int index);
    std::string passed_on(const std::string& call);
    void function_body(const ir::Function& f, int index);  // emit.cpp: from the locals to the frame's end
    int iter_temps_ = 0;

    // ---- emit_expr.cpp: expressions: operators, comparisons, and/or, calls, evaluation order
    std::vector<std::string> operands(const std::vector<const Expr*>& es, std::string& prelude);
    size_t read_before_rebound(const std::vector<const Expr*>& es);
    std::string sequenced(const std::string& prelude, const Type* t, const std::string& value);
    std::string sequenced(const std::string& prelude, const std::string& cxx_type, const std::string& value);
    bool holds_arrays(const Type* t) const;  // a parameter's type: may it hold the caller's arrays
    std::string value_type(const Expr& e);  // the C++ type of e's value: type(e.type), or __int128 where wide
    std::string expr(const Expr& e);
    std::string lambda(const Expr& e, bool predicate);  // key=lambda x: ..., an iterator's function
    std::string binary(const Expr& e);
    std::string unary(const Expr& e);
    std::string if_exp(const Expr& e);
    std::string select(const Expr& c, const Expr& t, const Expr& f, int line_t, int line_f);
    std::string speculated(const Expr& e, const std::string& bad, int& budget);
    std::string compare_pair(CmpOp op, std::string a, const Type* ta, std::string b, const Type* tb);
    std::string compare(const Expr& e);
    std::string boolop(const Expr& e);
    std::string call_args(const Expr& e, const std::vector<const Type*>& param_types,
                          const std::vector<std::string>& param_names, const std::vector<std::string>& defaults,
                          const Type* result, const std::string& callee, const std::string& leading = "",
                          const std::vector<bool>* copies = nullptr);
    std::string call_func(const Expr& e);
    // a call of function `index` with e's arguments bound to its parameters from `skip` on, after `self`
    // (error: the fallible copy's, which makes its exception there: emit_fallible.cpp)
    std::string call_function(const Expr& e, int index, size_t skip, const std::string& self, const std::string& error = "");
    std::string default_arg(const ir::Function& f, int index, size_t k);  // emit.cpp
    static std::string default_holder(int index, size_t k);
    std::string call_builtin(const Expr& e);

    // ---- emit_class.cpp: the program's classes as structs; fields, stores, construction
    const Type* class_type(int cls) const;
    bool can_cycle(int cls) const;
    int root_of(int cls) const;
    bool hierarchy_can_cycle(int root) const;
    bool records_order(int root) const;
    std::string virtual_signature(int fn, const std::string& name);
    std::string virtual_methods(int cls);
    bool dispatched(int cls, const std::string& name) const;
    bool hashes(int cls) const;
    int own_eq(int cls) const;
    std::string virtual_call(const Expr& e);
    std::string isinstance_check(const Expr& e, const std::string& value);
    void class_structs();
    void class_members();
    void boundary_members(int k);
    std::string dunder_call(int fn, const std::string& more = "");
    void value_struct(int k);
    void globals();  // emit.cpp
    bool value_compares(int k, bool hashed) const;
    void printing(int k, const std::string& self_type, bool apart = false);
    void named_tuple_struct(int k);
    void named_tuple_members(int k);
    void enum_struct(int k);
    std::string attr(const Expr& e);
    void attr_store(const Stmt& s, int depth);
    std::string new_object(const Expr& e);

    // ---- emit_try.cpp: exceptions: try/except/finally, raise, jumps through finally, tracebacks
    void frame_begin(const ir::Function& f, int index);
    void frame_end(const ir::Function& f, int index);
    void track_line(const Stmt& s, int depth);
    std::string handler_test(const Stmt& handler, const std::string& error);
    void try_stmt(const Stmt& s, int depth);
    void jump(const Stmt& s, int depth, bool value_stored = false);
    void loop_started(const Stmt& loop);
    void raise_stmt(const Stmt& s, int depth);
    void generator_guard(const Stmt& once, int depth);
    std::string exception_new(const Expr& e);
    // a try with a finally being printed: the return, break and continue statements that leave it
    struct FinallyFrame {
        std::string id;
        std::set<int> inner_loops;        // loops inside it (a break of one of those stays inside)
        std::vector<const Stmt*> jumps;   // exit_<id> == k + 1: jumps[k] is made after the finally
    };
    std::vector<FinallyFrame> finally_;
    int ntries_ = 0;
    // the exceptions being handled, innermost last: reraise "" where the handler runs in its catch
    // (a bare raise is `throw;`), else the variable holding it (a generator object's handler runs
    // after its catch, where it may yield: emit_try.cpp's deferred_handlers); line: the variable
    // holding the line it was raised at in this function, which a bare raise's traceback shows
    struct Handling {
        std::string reraise, line;
    };
    std::vector<Handling> handling_;
    void deferred_handlers(const Stmt& s, int depth, const std::string& n, bool raises_values);
    // what raises as a value in the body of a try being printed, reaching one of its handlers by a
    // jump, not a throw (fallible builtins' calls, d[k], xs[i]): the node -> its try's number and
    // the handler's position from 1, and whether the handler sees the exception as an object (its
    // `as` name, a bare raise: the copies then share one state) (emit_try.cpp's find_value_raises;
    // call_builtin and the subscript of emit_expr.cpp print them, through value_raise)
    // (a call of a compiled function's fallible copy: handler 0, the clause chosen as the catch
    // chooses it, among those of try)
    struct ValueRaise {
        std::string n;
        int handler;
        bool object;
        const Stmt* try_stmt = nullptr;
    };
    std::map<const Expr*, ValueRaise> value_raises_;
    bool item_ref_ = false;  // a list item read as the item itself (a borrowed step: emit_stmt.cpp's Assign)
    bool find_value_raises(const Stmt& s, const std::string& n);
    std::string value_raise(const Expr& e, const std::string& call);
    void guarded_body(const Stmt& s, int depth, const std::string& n, const std::string& caught);
    void handler_clause(const Stmt& h, int depth, const std::string& n, const std::string& error, const std::string& reraise);
    void else_clause(const Stmt& s, int depth, const std::string& n);
    // ---- emit_containers.cpp: containers: methods, builtins over iterables (intrinsics), displays
    static std::vector<const Expr*> all_args(const Expr& e);
    std::string slice_args(const Expr& e, const std::vector<std::string>& ops);
    std::string method(const Expr& e);
    static size_t npos_of(const Expr& e, const char* name);
    static std::string keyword(const Expr& e, const std::vector<std::string>& ops, const char* name);
    std::string as_list(const std::string& value, const Type* t);
    std::string intrinsic(const Expr& e);
    std::string set_display(const Expr& e, bool merged);

    // the pieces of the fused loop whose body is node e
    struct Fused {
        std::string decls;   // the leaves, evaluated in order, and the shape check
        std::string lambda;  // fused_N{}: what computes one item from x0, ... (fused_structs_)
        std::string args;    // , x0, x1, ...
    };
    // ---- emit_numpy.cpp: NumPy: np.* calls, fused element-wise loops, views and items of arrays
    std::string numpy_call(const Expr& e, const std::vector<std::string>& ops);
    std::string compare_type(const Type* a, const Type* b);
    std::string numpy_operand(const std::string& v, const Type* t, const Type* r);
    void fusion_leaves(const Expr& e, std::vector<const Expr*>& leaves);
    std::string fused_body(const Expr& e, size_t& k, std::vector<std::string>& leaf_text,
                           const std::vector<std::string>& leaf_value, std::string& shape);
    Fused fuse(const Expr& e);
    std::string fused(const Expr& e);
    std::string fused_sum(const Expr& e);
    std::string numpy_binary(const Expr& e, std::string a, std::string b, const std::string& prelude);
    std::vector<std::string> array_indexes(const Expr& target, std::string& prelude, std::string& array);
    std::string array_view(const Expr& e, const std::vector<ir::ExprP>& parts);
    std::string array_view_of_slice(const Expr& e);
    std::string array_subscript(const Expr& e);
    static std::string numpy_op(BinOp op);
    static std::string numpy_op(const Expr& e);  // of a Binary node: NumPy's fast power paths too
    static const char* numpy_cmp(CmpOp op);

    void emit_line(int depth, const std::string& s) { out_.definitions += std::string(depth * 4, ' ') + s + "\n"; }
    bool left_by_goto(int loop_id) const { return goto_loops_.count(loop_id) > 0; }

    const ir::Module& m_;
    const ir::Function* f_ = nullptr;
    const ir::Function* by_ref_of_ = nullptr;  // read_before_rebound's: the function by_ref_ is of
    std::set<int> by_ref_;
    Output out_;
    std::set<std::string> includes_;
    // a struct per distinct fused computation, `struct fused_N { auto operator()(auto x0, ...) const
    // { return ...; } };`, by its body: a loop's checked and unchecked copies (version-loops), and
    // every loop computing the same items, instantiate one zip_fn/sum_zip, not one per lambda
    std::map<std::string, int> fused_structs_;
    std::string fused_struct_text_;
    std::set<int> goto_loops_;  // loops of this function a break leaves by goto (for-else, chunked loops)
    int line_ = -1;
    int ntemps_ = 0;
};

}  // namespace pyrite::codegen
