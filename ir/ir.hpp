// pyrite IR: the one definition of every node.
//
// A tree IR close to Python's structure (like LPython's ASR): functions hold
// blocks of statements, statements hold expressions. The frontend builds it
// from Python's ast, typeinfer fills in `type` on every expression and every
// variable, codegen prints C++ from it. Each node kind below is listed with its
// printed form (ir_print.cpp), which tests check with FileCheck
// (`python -m pyrite ir FILE --print-after PASS`).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../ops/ops.hpp"
#include "diagnostics.hpp"
#include "types.hpp"

namespace pyrite {
struct BuiltinOverload;  // typeinfer/builtins.hpp
}

namespace pyrite::ir {

//        kind        printed form
#define PYRITE_EXPR_KINDS(X)                                                              \
    X(IntConst)    /* 42                                                               */ \
    X(FloatConst)  /* 1.5                                                              */ \
    X(ComplexConst) /* 2j, (1+2j)            fval: the real part, fimag: the imaginary  */ \
    X(BoolConst)   /* True                                                             */ \
    X(NoneConst)   /* None                                                             */ \
    X(StrConst)    /* "text"                 name: the UTF-8 text                      */ \
    X(BytesConst)  /* b"data"                name: the bytes                           */ \
    X(Var)         /* %name                                                            */ \
    X(Binary)      /* (add %a %b)            ops: add sub mul div floordiv mod pow ... */ \
    X(Unary)       /* (neg %a)               ops: neg pos not invert                   */ \
    X(Compare)     /* (compare %a lt %b le %c)   a chain, each operand evaluated once  */ \
    X(BoolOp)      /* (and %a %b)            Python value semantics unless in a test   */ \
    X(IfExp)       /* (ifexp %cond %a %b)                                              */ \
    X(CallFunc)    /* (call @qualname %a %b)  a function compiled in the same module   */ \
    X(CallBuiltin) /* (builtin math.sqrt %a) resolved to a C++ overload by typeinfer   */ \
    X(MinMax)      /* (max %a %b %c)                                                   */ \
    X(Tuple)       /* (tuple %a %b)          callee: a NamedTuple class's index, or -1: */ \
                   /* (tuple-named %a %b)    its __new__ and _replace make one          */ \
    X(TupleGet)    /* (get %t 0)             constant index into a tuple: from unpacking, */ \
                   /*                        or t[0] after the normalize pass           */ \
    X(List)        /* (list %a %b)           a list display [a, b]                     */ \
    X(DictDisplay) /* (dict %k0 %v0 %k1 %v1) a dict display {k0: v0, k1: v1}           */ \
    X(SetDisplay)  /* (set %a %b)            a set display {a, b}                      */ \
    X(Subscript)   /* (index %xs %i)         xs[i]                                     */ \
    X(Slice)       /* (slice %xs %lo %hi %step)   omitted bounds are None              */ \
    X(IndexParts)  /* (parts %i (part 1 -1 None))  an array index with slices among    */ \
                   /*                        its parts: a[i, 1:-1]; typed None         */ \
    X(SlicePart)   /* (part %lo %hi %step)   a slice among IndexParts; typed None      */ \
    X(Method)      /* (method append %xs %v) a method, resolved by typeinfer (ops.def) */ \
    X(Intrinsic)   /* (intrinsic len %xs)    an operation of ops/ops.def: a builtin    */ \
                   /*                        over iterables, np.*, an array attribute */ \
    X(Lambda)      /* (lambda %x body)       a key= function: var is its parameter     */ \
    X(FuncRef)     /* (function @f %a %b)    a function as a value: callee; args: the  */ \
                   /*                        variables a lambda or nested def captures; */ \
                   /*                        index: bit k where capture k is by reference */ \
    X(CallValue)   /* (callvalue %f %a %b)   a call of a function value (args[0]);     */ \
                   /*                        typeinfer makes it a CallFunc of its function */ \
    X(FuncCapture) /* (capture %f 0)         a captured value of a function value      */ \
    X(CallEach)    /* (calleach %f (call ..) (call ..))  a call of a function value %f that */ \
                   /*                        may hold one of several functions (Functions): */ \
                   /*                        one call per function, in its type's order, the */ \
                   /*                        one for what it holds runs; typeinfer makes one */ \
                   /*                        alone the call itself                          */ \
    X(FuncAlt)     /* (alt %f 1)             the function value %f as the function its type */ \
                   /*                        lists at index (what CallEach's calls read)    */ \
    X(Attr)        /* (attr %obj x)          a field of an object: name; index: its    */ \
                   /*                        position in the class (set by typeinfer)  */ \
    X(New)         /* (new Body %a %b)       an instance: callee is the class's index; */ \
                   /*                        its __init__ (Class::init) takes the args; */ \
                   /* (new Color #1)         an Enum's member (index: its position; -1 */ \
                   /*                        and one arg: Color(value), by its value)   */ \
    X(Block)       /* (block %r { ... })     statements, then the value of a variable: */ \
                   /*                        what comprehensions lower to              */ \
    X(Global)      /* (global @DIRS)         a module's list, dict or set global: index */ \
                   /*                        into Module::globals, name: its name      */ \
    X(Error)       /* <error>                what the frontend left after a diagnostic */

#define PYRITE_STMT_KINDS(X)                                                     \
    X(Assign)   /* %x = <expr>                                                */ \
    X(ExprStmt) /* <expr>                                                     */ \
    X(If)       /* if <cond>: ... else: ...                                   */ \
    X(While)    /* while <cond>: ... else: ...                                */ \
    X(ForRange) /* for %i in range(<start>, <stop>, <step>): ... else: ...    */ \
    X(Break)    /* break                                                      */ \
    X(Continue) /* continue                                                   */ \
    X(Return)   /* return <expr>                                              */ \
    X(Assert)   /* assert <cond>, "message"                                   */ \
    X(Raise)    /* raise ValueError(<expr>)   message: the builtin class's name; value: its one str argument   */ \
                /* or null. raise <expr>: value an exception (message empty); raise: neither. target: a cause */ \
                /* (raise X from <expr>; a NoneConst for `from None`)                                         */ \
    X(Try)      /* try: ... except ...: ... else: ... finally: ...   body, handlers (Except), orelse, finalbody */ \
    X(Except)   /* except A, B as %e: ...   classes: the builtin names and "class Q" of user classes; none: all */ \
    X(ForEach)  /* for %x in <iterable>: ... else: ...  (lists, enumerate, zip) */ \
    X(Store)    /* <target> = <expr>     target: a Subscript, Slice, Attr or Global (`global NAME`) */ \
    X(Del)      /* del <target>          target: a Subscript or Slice           */ \
    X(Yield)    /* [var =] yield <expr>, [var =] yield from <expr>   in a generator compiled as a coroutine */

enum class ExprKind {
#define X(k) k,
    PYRITE_EXPR_KINDS(X)
#undef X
};
enum class StmtKind {
#define X(k) k,
    PYRITE_STMT_KINDS(X)
#undef X
};

enum class BinOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor };
enum class UnOp { Neg, Pos, Not, Invert };
enum class CmpOp { Lt, LtE, Gt, GtE, Eq, NotEq, Is, IsNot, In, NotIn };
enum class BoolOpKind { And, Or };

const char* name(ExprKind k);
const char* name(StmtKind k);
const char* name(BinOp op);     // add, sub, ...
const char* symbol(BinOp op);   // +, -, ...  (for messages)
const char* name(UnOp op);
const char* symbol(UnOp op);
const char* name(CmpOp op);
const char* symbol(CmpOp op);
// a < b as b > a (the operands swapped), and not (a < b) as a >= b (for Eq, NotEq and the order
// comparisons; Is, In and their negations are left as they are by mirrored, flipped by negated)
inline CmpOp mirrored(CmpOp op) {
    switch (op) {
        case CmpOp::Lt: return CmpOp::Gt;
        case CmpOp::LtE: return CmpOp::GtE;
        case CmpOp::Gt: return CmpOp::Lt;
        case CmpOp::GtE: return CmpOp::LtE;
        default: return op;
    }
}
inline CmpOp negated(CmpOp op) {
    switch (op) {
        case CmpOp::Lt: return CmpOp::GtE;
        case CmpOp::LtE: return CmpOp::Gt;
        case CmpOp::Gt: return CmpOp::LtE;
        case CmpOp::GtE: return CmpOp::Lt;
        case CmpOp::Eq: return CmpOp::NotEq;
        case CmpOp::NotEq: return CmpOp::Eq;
        case CmpOp::Is: return CmpOp::IsNot;
        case CmpOp::IsNot: return CmpOp::Is;
        case CmpOp::In: return CmpOp::NotIn;
        case CmpOp::NotIn: return CmpOp::In;
    }
    return op;
}

struct Expr;
struct Stmt;
using ExprP = std::unique_ptr<Expr>;

// How an array expression takes part in element-wise fusion (opt/fusion.cpp)
enum class Fusion : unsigned char {
    None,
    Loop,   // the root of a fused loop: its element-wise operands (Inner) compute in one pass, no temporaries
    Sum,    // np.sum(<element-wise>, axis=k): summed as the loop computes (its args[0] is Inner)
    Inner,  // an element-wise node computed inside its root's loop; its other operands are the loop's leaves
};

// What a versioned loop checks once, before it runs its `fast` copy (opt/loops.cpp)
// Expr::unchecked_axes's bit for an array read whose last axis a UnitStride guard checked
constexpr unsigned kUnitLastAxis = 1u << 31;

struct Guard {
    enum Kind {
        StepPositive,  // the range's step is positive and i + step cannot overflow before i >= stop
        LoopInRange,   // start + value >= 0 and stop + value <= extent(array, axis): the loop variable
                       // (plus the constant `value`: a stencil's i - 1) indexes in bounds
        IndexInRange,  // 0 <= index + value < extent(array, axis): a local the loop never assigns
        ConstInRange,  // value < extent(array, axis)
        Writable,      // the array is not read-only
        Within,        // -value <= index <= value: an int local (opt/ranges.cpp)
        NonnegWithin,  // 0 <= index <= value: an int local (opt/ranges.cpp)
        RangeWithin,   // -value <= start and stop <= value: the loop's bounds (opt/ranges.cpp)
        UnitStride,    // the array's items along `axis` are adjacent in memory (stride 1): a loop over
                       // it vectorizes
        SpanInRange,   // lo + value >= 0 and hi + value <= extent(array, axis): an inner loop's
                       // LoopInRange, whose range(lo, hi) does not change while this loop runs
    } kind;
    int array = -1;         // the variable of the array or list
    int axis = 0;           // a list's length is axis 0
    bool list = false;      // the container is a list (extent: its length)
    int index = -1;         // IndexInRange: the index variable
    std::int64_t value = 0; // ConstInRange: the index; LoopInRange, IndexInRange: the constant added
    int lo = -1, hi = -1;   // SpanInRange: the local in each bound (-1: none), plus the constant
    std::int64_t lo_const = 0, hi_const = 0;  // (range(1, n - 1): lo 1, hi n + -1)
    bool operator==(const Guard& o) const {
        return kind == o.kind && array == o.array && axis == o.axis && list == o.list && index == o.index &&
               value == o.value && lo == o.lo && hi == o.hi && lo_const == o.lo_const && hi_const == o.hi_const;
    }
};

// A reduction of a prange loop (opt/parallel.cpp): every assignment to `var` in the loop's body is
// var = var OP e (var += e ...; for Add also var -= e) or var = min(var, e) / max(var, e), and the
// body reads var nowhere else. Each block of iterations keeps its own partial result, from
// the operation's identity (Min, Max: from var's value before the loop), combined in block order
struct Reduction {
    enum Kind { Add, Mul, BitAnd, BitOr, BitXor, Min, Max } kind;
    int var;
};

struct Expr {
    ExprKind kind;
    Loc loc;
    const Type* type = nullptr;  // set by typeinfer

    std::int64_t ival = 0;  // IntConst, BoolConst: the value; Intrinsic NpUfuncOuter: the ufunc's ops::Op
    double fval = 0.0;      // FloatConst; ComplexConst's real part
    double fimag = 0.0;     // ComplexConst's imaginary part
    int var = -1;           // Var; Lambda: its parameter; Block: its result (indexes into Function::vars)
    int op = 0;             // Binary: a BinOp; Unary: a UnOp; BoolOp: a BoolOpKind
    std::vector<CmpOp> cmps;           // Compare: one per adjacent pair
    std::string name;                  // StrConst: the text; CallBuiltin: the builtin's Python name;
                                       // CallFunc: the callee's qualname; Method: the attribute called
    ops::Op operation = ops::Op::None; // Intrinsic: which operation (ops/ops.def); Method: set by typeinfer
    int callee = -1;                   // CallFunc: index into Module::functions; New: into Module::classes
    bool is_max = false;               // MinMax: max, not min
    std::int64_t index = 0;            // TupleGet: the position (0 <= index < the tuple's size once typed);
                                       // Intrinsic starmap: how many arguments its function takes;
                                       // Intrinsic $star_args: the other positional arguments (ival: the
                                       // items the iterable must hold; name: the function's name)
    int unpack_count = 0;              // TupleGet from `a, b = t`: how many targets; 0 for t[i]
    std::vector<std::string> classes;  // Intrinsic isinstance: the classes it names (int, float, ...);
                                       // Intrinsic $star_args: the function's positional parameters
    std::vector<ExprP> args;           // operands / arguments (positional, then keyword)
    std::vector<std::string> kwnames;  // calls: names of the trailing keyword arguments
    std::unique_ptr<std::vector<std::unique_ptr<Stmt>>> body;  // Block: its statements
    bool inplace = false;  // Binary from augmented assignment: a list's += extends it in place
    bool field_call = false;  // CallValue of obj.NAME(...) (frontend's may_call_field): what obj's field NAME
                              // holds, or obj's method NAME where obj has no such field (typeinfer's call_value)
    bool unpacked = false;  // the value of `a, b = value` (frontend's assign_target): a named tuple NumPy
                            // returns is taken so only (typeinfer's by_numpy)
    bool star_arg = false;  // obj.m(a, *xs): tuple(xs), which binds the method's *args (typeinfer's object_method);
                            // Intrinsic min/max: its list holds the call's values, max(*xs, b)
    bool persistent = false;  // a parameter's default [] / {} / set(): one object for every call that omits it,
                              // as CPython's __defaults__ holds (codegen's default_arg)
    bool iterator_items = false;  // Block: the items of an iterator or generator given to a join method
                                  // ("-".join(islice(xs, 3))): str.join reads it whole first
    bool dispatch = false; // CallFunc of a method some subclass overrides: called through the instance's
                           // class (virtual); Intrinsic isinstance: of a subclass of the static type

    // set by typeinfer
    const BuiltinOverload* overload = nullptr;  // CallBuiltin
    bool in_test = false;        // BoolOp/Compare used only for its truth value
    bool check_bound = false;    // Var read that may see an unassigned local; Attr: a field that may be unset
    bool unwrap = false;         // Var of type T | None read where it was narrowed to T
    bool holds = false;          // Intrinsic isinstance: the static type is one of the classes
    bool sequence_pattern = false;  // Intrinsic isinstance: a match statement's sequence test (lower_match.cpp),
                                    // which a deque or range passes too, as in CPython (typeinfer); Slice: a
                                    // star's items (subject[star:-after]), a list of them from a deque or range
    bool exc_args = false;       // New of an exception class: its positional arguments become its args

    // set by the optimization passes (opt/)
    Fusion fusion = Fusion::None;  // fuse: this node runs inside one element-wise loop
    unsigned unchecked_axes = 0;   // version-loops: a Subscript in a loop's `fast` copy whose bounds on these
                                   // axes (a mask; a list's index is axis 0) the loop's guards checked;
                                   // kUnitLastAxis: its last axis's stride is 1 (Guard::UnitStride)
    bool iterate_words = false;    // iteration: a str.split() that a for loop walks word by word (no list)
    bool no_overflow = false;      // version-loops: an int index i + c in a `fast` copy, which the loop's
                                   // guards proved in bounds; counters: a counter's step; int-ranges: an
                                   // int + - * whose operands' intervals keep it in 64 bits, a // or % of
                                   // a dividend >= 0 by a divisor > 0: plain C++ arithmetic, no check;
                                   // signs: a CallBuiltin math.sqrt of a number never below 0 (its
                                   // overload's `_unchecked` twin, no domain test)
    bool wide = false;             // wide-ints: an int + - * that only a % or // reads, computed in 128
                                   // bits (a C++ __int128; the % or // brings it back to 64)
    bool moved = false;            // moves: a Var, the last read of a temporary (`$1 = $0`, `name = $1[0]`
                                   // of an unpacking): codegen moves from it (no reference counted)

    Expr(ExprKind k, Loc l) : kind(k), loc(l) {}
};

struct Stmt;
using StmtP = std::unique_ptr<Stmt>;
using Block = std::vector<StmtP>;

// a literal: an int, float, complex, bool, None or str constant
inline bool is_constant(const Expr& e) {
    return e.kind == ExprKind::IntConst || e.kind == ExprKind::FloatConst || e.kind == ExprKind::ComplexConst ||
           e.kind == ExprKind::BoolConst || e.kind == ExprKind::NoneConst || e.kind == ExprKind::StrConst;
}

// t[lo:hi:step] of a fixed tuple of n items, its bounds constants (ints or None): the positions it
// takes, in order, by slice.indices' rules; false where a bound is not a constant or step is 0
inline bool constant_slice(const Expr& slice, std::int64_t n, std::vector<std::int64_t>* positions) {
    std::int64_t v[3];
    bool given[3];
    for (int k = 0; k < 3; ++k) {
        const Expr& b = *slice.args[1 + k];
        given[k] = b.kind != ExprKind::NoneConst;
        if (given[k] && b.kind != ExprKind::IntConst) return false;
        v[k] = b.ival;
    }
    std::int64_t step = given[2] ? v[2] : 1;
    if (step == 0) return false;
    std::int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
    auto bound = [&](int k, std::int64_t dflt) {
        if (!given[k]) return dflt;
        std::int64_t x = v[k] < 0 ? (v[k] < -n ? lower : v[k] + n) : v[k];
        return x < lower ? lower : x > upper ? upper : x;
    };
    std::int64_t start = bound(0, step > 0 ? lower : upper), stop = bound(1, step > 0 ? upper : lower);
    positions->clear();
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) positions->push_back(i);
    return true;
}

// a reduction typed with keepdims=True: typeinfer leaves the str constant "keepdims" in its
// keepdims slot (codegen wraps the call in numpy.hpp's keep_dims; fusion leaves it alone)
inline bool keeps_dims(const Expr& e) {
    for (const ExprP& a : e.args)
        if (a->kind == ExprKind::StrConst && a->name == "keepdims") return true;
    return false;
}

struct Stmt {
    StmtKind kind;
    Loc loc;
    int var = -1;               // Assign target, ForRange loop variable; Yield: what the yield is sent (x = yield v),
                                // or what the generator it delegates to returns (x = yield from g)
    ExprP value;                // Assign/ExprStmt/Return value, If/While/Assert condition
    std::vector<ExprP> range;   // ForRange: start, stop, step
    ExprP target;               // Store/Del: the item or slice
    std::string message;        // Assert message (a string literal), may be empty; Raise: the exception's name
    bool has_message = false;
    Block body, orelse;
    int loop_id = -1;           // While/ForRange: numbers labels; Break/Continue: their loop
    bool breaks = false;        // While/ForRange: some break leaves this loop (else needs a label)
    bool deep_break = false;    // While: a break from inside another loop leaves it (by goto): an inlined
                                // generator's loops (frontend/lower_generators.cpp)
    bool once = false;          // While True whose body ends in a break: runs it once (a place to leave
                                // by break; never a loop that repeats)
    bool yield_body = false;    // once: the loop's body at an inlined generator's yield (what it raises
                                // passes the generator's handlers by)
    bool gen_region = false;    // once: an inlined generator, all of it (what left a yield_body is
                                // handled normally again past it)
    bool delegating = false;    // yield_body of a generator inlined where a generator object yields from it: its
                                // body is that object's yield, where throw() and close() raise what the inlined
                                // generator's handlers take, as PEP 380 delegates them
    bool delegates = false;     // Yield of `yield from it`: typeinfer found `it` a generator object, to which the
                                // generator delegates (PEP 380: what it is sent and thrown goes on), and dropped
                                // its body, which otherwise (a for loop) yields each item of it
    std::string gen_name, gen_file;  // gen_region, comp_frame: the generator's (comprehension's) __name__
                                     // and file, for the traceback frame an exception from its own statements passes
    bool comp_frame = false;    // a comprehension's first loop: what its body raises passes the comprehension's
                                // own frame (<listcomp>, <genexpr>, ...) before the function's, as in CPython
    int comp_line = 0;          // comp_frame: the comprehension's line, where the function's frame is then
    bool key_first = false;     // Store from a dict comprehension: the key is evaluated before the value
    bool pattern_case = false;  // If: a match statement's case (frontend/lower_match.cpp), whose body typeinfer
                                // drops where one of its tests is statically false (another class, length)
    bool parallel = false;      // ForRange over pyrite.prange(): its iterations run on threads (opt/parallel.cpp
                                // checks that they can, else reports why)
    std::vector<std::unique_ptr<Stmt>> handlers;  // Try: its Except clauses, in order
    std::vector<std::unique_ptr<Stmt>> finalbody; // Try: its finally block
    std::vector<std::string> classes;  // Except: what it catches (ValueError, "class Q"); empty: everything

    // set by the optimization passes (opt/)
    std::vector<int> premarked;  // premark: While/ForRange/ForEach: lists marked changed once, before the loop
    bool unmarked = false;       // premark: Store into a list an enclosing loop premarked
    bool fixed_length = false;   // iteration: ForEach over a list that the body cannot resize
    std::vector<Guard> guards;   // version-loops: ForRange: when all hold (checked before the loop),
    Block fast;                  //   this copy of body runs: its accesses skip the checks the guards did
    bool slice_from_self = false;  // slice-copies: Store xs[a:b] = xs[c:d:e] copies within the list
    bool appends = false;          // slice-copies: Assign s = s + t of a str local: t appended in place where s's string is its own
    bool slice_into = false;       // slice-copies: Assign xs = ys[a:b:c] of a list local: copied into xs's list where it is its own
    bool checks_interrupt = false; // interrupts: While/ForRange/ForEach that checks for Ctrl-C on each iteration
    bool chunked = false;          // interrupts: innermost unit-step ForRange run in chunks, checking between them
    bool one_chunk = false;        // interrupts: a chunked loop inside another loop: a range of one chunk or less
                                   // runs as a plain loop, without the chunks' bookkeeping
    bool unrolled = false;         // iteration: a While whose body is a few int and float operations (an escape-time
                                   // loop): C++ unrolls it, testing the condition before each copy; a ForRange
                                   // whose body is a stencil's stores: C++ unrolls it twice (opt/loops.cpp)
    int reserves = -1;             // iteration: ForRange whose body only appends to this list: sized up front
    bool reserve_hint = false;     // iteration: ... and its item may raise first: a size that cannot be had is no error
    std::vector<Reduction> reductions;  // parallel: a parallel ForRange's reductions
    std::vector<int> privates;     // parallel: the variables its body binds (each block has its own; the loop
                                   // variable too), which are not reductions
    std::vector<int> copied_out;   // parallel: those of them every iteration binds: the last iteration's value
                                   // is theirs after the loop, as in Python
    std::vector<int> borrowed;     // borrow: While/ForRange/ForEach: variables it steps without counting
                                   // references (node = node.next, bj = bodies[j]); their reference is kept aside
    bool borrows = false;          // borrow: Assign of a variable an enclosing loop walks so; ForEach: its own
                                   // variable takes each item uncounted

    Stmt(StmtKind k, Loc l) : kind(k), loc(l) {}
};

// a loop whose body may run more than once: a ForRange, a ForEach, a While (not a `once` one)
inline bool repeats(const Stmt& s) {
    return (s.kind == StmtKind::While && !s.once) || s.kind == StmtKind::ForRange || s.kind == StmtKind::ForEach;
}

// a ForRange whose step is 1 (range(a, b), or a literal step 1)
inline bool unit_step(const Stmt& s) {
    return s.range.size() == 2 || (s.range[2]->kind == ExprKind::IntConst && s.range[2]->ival == 1);
}
// a ForRange from a constant >= 0 by a constant step > 0: its variable is never negative
inline bool counts_up_from_nonnegative(const Stmt& s) {
    return s.range[0]->kind == ExprKind::IntConst && s.range[0]->ival >= 0 &&
           (s.range.size() == 2 || (s.range[2]->kind == ExprKind::IntConst && s.range[2]->ival > 0));
}

struct Var {
    std::string name;  // Python name; "$N" for temporaries the frontend introduced
    const Type* declared = nullptr;  // from a parameter or local annotation
    const Type* type = nullptr;      // inferred (== declared when declared)
    Loc loc;                         // first binding
    bool is_param = false;
    bool needs_flag = false;  // some read may see it unassigned: codegen keeps a bound flag
    bool from_calls = false;  // an unannotated parameter of a method: its type is the join of what the calls
                              // pass and its default (typeinfer's call_params), one for the method and its
                              // overrides (a virtual call passes the same C++ types to each)
    bool view = false;        // views (opt/views.cpp): an entry point's list of records it only reads, or a
                              // variable holding one of its records: the caller's object itself, read in place
                              // (runtime/include/pyrite/views.hpp's PyView), not a compiled copy
    int web = 0;              // webs (typeinfer/webs.cpp): k > 0 for the k-th other web of a local reused for
                              // unrelated values, a variable of its own (the same Python name; C++ and the IR
                              // print add $webK)
    bool cell = false;        // a closure that outlives this function rebinds it (nonlocal): it lives in a
                              // shared heap cell the closure holds too (typeinfer's check_function_escapes;
                              // codegen names the cell and keeps the variable as a reference into it)
    // the name codegen and the IR print give it: its Python name, with its web's number if not the first
    std::string unique_name() const { return web ? name + "$web" + std::to_string(web) : name; }
    bool temporary() const { return !name.empty() && name[0] == '$'; }  // one the frontend introduced ($N)
};

// A parameter that bounds a recursion's depth (Function::pure_bounds): each call of the function
// itself passes it as it is or less by a constant, and the function calls itself only where it is
// >= floor (or, from_floor, it stops there: a call where n == 0 returns, and n - 1 from a negative n
// goes on forever, so below floor there is no pure copy)
struct PureBound {
    int param;  // its position
    std::int64_t floor;
    bool from_floor;
};

struct Function {
    std::string qualname;   // Python __qualname__
    std::string pyname;     // Python __name__
    std::string file;
    Loc loc;                // the def line
    std::vector<Var> vars;
    std::vector<int> params;        // indexes into vars
    std::vector<ExprP> defaults;    // one per parameter; null when there is none
    size_t nposonly = 0;            // the first parameters, before '/' (or a lambda's captures): never by keyword
    size_t nkwonly = 0;             // the last parameters, after '*': only by keyword
    bool vararg = false;            // *args: its last parameter, a tuple passed by name (the frontend's
                                    // pack_varargs packs a module function's calls, typeinfer's pack_vararg
                                    // a lambda's, a nested def's and a method's)
    const Type* declared_ret = nullptr;
    Loc ret_loc;                    // the return annotation
    const Type* ret = nullptr;      // inferred
    Block body;
    bool exported = false;  // an entry point callable from Python
    int method_of = -1;     // a method (not a static one) of this class: params[0] is the instance
    int guard_class = -1;   // a dunder that began `if not isinstance(other, C): return NotImplemented`: its
                            // other is a C, and an operand of another class gets CPython's fallback
                            // (typeinfer/classes.cpp's object_operator); C's index, or -1
    std::int64_t memo = 0;  // functools.cache (-1) / lru_cache(maxsize=n) (n): its results kept by its
                            // arguments (codegen's memo wrapper, runtime/include/pyrite/memo.hpp); 0: not
    bool recursive = false; // in a call cycle: checks the recursion budget on entry
    bool counts_depth = false;  // recursive or calls one: takes the recursion budget
    bool releases_gil = false;  // loops or calls: worth releasing the GIL around
    bool nogil = false;         // @accelerate(nogil=True): no view (opt/views.cpp), which would keep the GIL
    int nloops = 0;
    bool lower_errors = false;  // the frontend reported errors in this function (or, in a version of a
                                // generic helper, type inference did: its callers' unknowns follow)
    bool generator = false;     // a generator function: inlined where iterated (frontend/lower_generators.cpp),
                                // and compiled on its own only where it is also a value (coroutine)
    bool coroutine = false;     // a generator function compiled on its own, as a C++20 coroutine that makes
                                // generator objects (runtime/include/pyrite/generator.hpp): where compiled code
                                // keeps one as a value, calls it from a method (__iter__), or Python calls it.
                                // Its body has Yield statements; it returns Iterator[T]
    // A helper with parameters left unannotated is generic: not compiled itself, but once per
    // tuple of argument types its calls pass (typeinfer/specialize.cpp). Each version is a copy
    // of it whose `specializes` names it and whose `spec_types` are those types.
    bool generic = false;
    int specializes = -1;
    std::vector<const Type*> spec_types;
    bool unused = false;        // a version no compiled code calls any more (its callers' types moved on)
    // a lambda or a nested def, lowered as a function of the module (frontend/lower_functions.cpp): its
    // first ncaptures parameters are the variables of the enclosing function it reads, which its value
    // (a FuncRef) holds and a call passes first
    size_t ncaptures = 0;
    // bit k: capture k is by reference: its parameter is the enclosing function's variable itself (a C++
    // reference), which it reads as it changes and, under `nonlocal`, rebinds
    unsigned capture_refs = 0;
    bool capture_by_ref(size_t k) const { return k < ncaptures && (capture_refs >> k & 1); }
    // the last captures: parameters whose default is not a literal (lambda x, k=k: ...), taken where the
    // function was made; a call that passes one is refused (typeinfer's bind_args)
    std::vector<std::string> snapshots;
    // a lambda or nested def: the Python module it is in, and the source of a Python function of its
    // captures that makes it (what crosses to Python when compiled code returns it: a Python closure of
    // the same source and captured values; runtime/include/pyrite/boundary.hpp's closure_to_py)
    std::string py_module, py_factory;
    bool returns_callable = false;  // annotated -> Callable[...]: its result is a function value, its type inferred
    bool never_returns = false;  // every path raises: typeinfer gives it the type None, and a call of one of
                                 // several functions (CallEach) no result from it
    bool abstract_stub = false;  // an unannotated @abstractmethod of a docstring, pass or `...` (the frontend):
                                 // it returns what its overrides return (typeinfer); run itself (super().m()) it
                                 // returns None, which codegen raises a TypeError for where its type is not None's

    // set by the optimization passes (opt/recursion.cpp): a recursion on ints and floats alone whose
    // depth its int parameters bound (fib: it calls itself with n - 1 and n - 2 only where n >= 2;
    // paths(r - 1, c) + paths(r, c - 1) under r != 0 and c != 0: r + c goes down) runs, where that
    // bound fits the recursion budget and the stack, as a pure copy of itself (no budget, no traceback
    // frames: a function of its arguments alone, which the C++ compiler may call once for two equal
    // calls); what raises in it runs the function again as written (codegen/emit_pure.cpp). Empty:
    // no pure copy.
    std::vector<PureBound> pure_bounds;

    // what codegen prints: neither inlined where iterated nor a template of versions
    bool compiled() const { return (!generator || coroutine) && !generic && !unused; }

    int add_var(std::string name, Loc loc) {
        vars.push_back(Var{std::move(name), nullptr, nullptr, loc});
        return static_cast<int>(vars.size()) - 1;
    }
};

// A field of a class: declared by an annotation in the class body, or inferred from
// the assignments `self.name = ...` in its methods
struct Field {
    std::string name;
    const Type* declared = nullptr;
    const Type* type = nullptr;  // inferred (== declared when declared)
    Loc loc;                     // the annotation or first assignment
    ExprP value;                 // a constant default in the class body: what an instance holds until
                                 // assigned (a plain class's class attribute, a dataclass's default)
    bool always_set = false;     // every instance has it once made (a default, or assigned at the start
                                 // of __init__); else reads check that it was assigned (AttributeError)
    // a dataclass's field(compare=, repr=, hash=): whether its ==, order, repr and hash use the field
    bool compare = true, in_repr = true, hashed = true;
};

// A module-level list, dict or set the compiled functions read or change (DIRS = [(0, 1), ...]):
// its type is its annotation's or its value's when captured; the glue reads it from its module at
// each call from Python, as it converts an argument, and writes it back if compiled code changed it
// (codegen's globals, templates/module.cpp.j2)
struct Global {
    std::string module, name;  // the Python module whose global it is, and its name there
    const Type* type = nullptr;
    std::string file;          // where it is first used
    Loc loc;
    int cls = -1;              // a class variable (frontend/lower_class_vars.cpp): the class whose attribute
                               // NAME it is, read from and stored into the class object instead of the module
};

// One of the program's classes, compiled as a native struct (codegen/emit_class.cpp):
// fields at fixed offsets, methods as functions taking the instance first.
struct Class {
    std::string qualname, module, file;
    Loc loc;                             // the class statement
    const Type* type = nullptr;          // its instances' type (Type::object)
    int base = -1;                       // the class it derives from (a class of the program), or -1
    std::vector<Field> fields;
    std::vector<std::pair<std::string, int>> methods;  // name -> index into Module::functions
    std::vector<std::pair<std::string, int>> getters, setters;  // @property NAME, @NAME.setter
    std::vector<std::pair<std::string, int>> classmethods;      // also in methods: called without an instance
    int init = -1;                       // __init__ (written, or made for a dataclass), or -1: Body() only
    bool dataclass = false;
    bool eq = false;                     // a dataclass's __eq__: field by field
    bool repr = false;                   // a dataclass's __repr__
    bool frozen = false;
    bool order = false;                  // dataclass(order=True): __lt__ and the others compare the fields
    bool refused = false;                // the frontend reported the class itself (no follow-on errors at its uses)
    bool is_enum = false;                // an enum.Enum: its type is Type::enum_, its fields are its members
                                         // (name, and value: a constant), in definition order (lower_class.cpp)
    bool text_is_value = false;          // an IntEnum or StrEnum (enum.ReprEnum): str() and format() are its
                                         // value's; an Enum mixed with int or str prints as Enum's (C.RED)
    bool namedtuple = false;             // a typing.NamedTuple: its type is a named tuple of its fields
                                         // (Type::named_tuple), init its __new__ (lower_class.cpp)
    std::string abstract;                // an abc.ABC with abstract methods: the TypeError CPython raises
                                         // making one (codegen's new_object raises it), else empty
    bool value = false;                  // set by opt/values.cpp: no code can tell its instances from copies,
                                         // so they are C++ values (a struct held by value), not references

    int field(const std::string& name) const {
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i].name == name) return static_cast<int>(i);
        return -1;
    }
    int method(const std::string& name) const { return find(methods, name); }
    int getter(const std::string& name) const { return find(getters, name); }
    int setter(const std::string& name) const { return find(setters, name); }
    static int find(const std::vector<std::pair<std::string, int>>& in, const std::string& name) {
        for (const auto& m : in)
            if (m.first == name) return m.second;
        return -1;
    }
};

struct Module {
    std::vector<Function> functions;
    std::vector<Class> classes;
    std::vector<Global> globals;

    // whether type t, through its items and the fields of the instances it holds, leads to an
    // instance of class `cls` (a class that leads to itself can be in a reference cycle, and
    // cannot be a struct held by value)
    bool leads_to(const Type* t, int cls) const {
        std::vector<bool> seen(classes.size(), false);
        std::vector<const Type*> todo{t};
        while (!todo.empty()) {
            const Type* x = todo.back();
            todo.pop_back();
            if (!x) continue;
            if (x->is(TypeKind::Object) && x->cls >= 0) {
                if (x->cls == cls) return true;
                if (seen[x->cls]) continue;
                seen[x->cls] = true;
                for (const Field& fd : classes[x->cls].fields) todo.push_back(fd.type);
            }
            for (const Type* e : x->elems) todo.push_back(e);
        }
        return false;
    }
    // a method (or @property getter/setter) of class `cls` or the nearest base that defines it
    int method(int cls, const std::string& name) const { return inherited(cls, name, &Class::methods); }
    int getter(int cls, const std::string& name) const { return inherited(cls, name, &Class::getters); }
    int setter(int cls, const std::string& name) const { return inherited(cls, name, &Class::setters); }
    int inherited(int cls, const std::string& name, std::vector<std::pair<std::string, int>> Class::*table) const {
        for (int c = cls; c >= 0; c = classes[c].base)
            if (int m = Class::find(classes[c].*table, name); m >= 0) return m;
        return -1;
    }
    // the class variable NAME of class `cls` or the nearest base that has one (frontend/lower_class_vars.cpp):
    // its index in globals, or -1
    int class_var(int cls, const std::string& name) const {
        for (int c = cls; c >= 0; c = classes[c].base)
            for (size_t g = 0; g < globals.size(); ++g)
                if (globals[g].cls == c && globals[g].name == name) return static_cast<int>(g);
        return -1;
    }
    // how instances of `cls` hash, as CPython decides it: its own or an inherited __hash__; none
    // where a class defines __eq__ without __hash__ (or is a dataclass with eq and not frozen);
    // its fields for a frozen dataclass with eq; else their identity
    enum class Hash { Identity, Method, Fields, None };
    Hash hash_kind(int cls, int* method = nullptr) const {
        for (int c = cls; c >= 0; c = classes[c].base) {
            const Class& k = classes[c];
            if (int m = Class::find(k.methods, "__hash__"); m >= 0) {
                if (method) *method = m;
                return Hash::Method;
            }
            if (Class::find(k.methods, "__eq__") >= 0) return Hash::None;
            if (k.dataclass && k.eq) return k.frozen ? Hash::Fields : Hash::None;
        }
        return Hash::Identity;
    }
    // the __lt__ (own or inherited) that orders instances of `cls` where the runtime compares items
    // (sorted, list.sort, heapq, bisect: codegen's py_lt of the class), or -1: it takes an instance
    // of the class it is defined in and returns bool, and no subclass of `cls` overrides it
    int ordering(int cls) const {
        int lt = method(cls, "__lt__");
        if (lt < 0 || overridden(cls, "__lt__")) return -1;
        const Function& f = functions[lt];
        if (f.params.size() != 2 || !f.ret || !f.ret->is(TypeKind::Bool)) return -1;
        const Type* other = f.vars[f.params[1]].type;
        return other && other->is(TypeKind::Object) && classes[cls].type->derives_from(other) ? lt : -1;
    }
    // the methods `name` that subclasses of `cls` define themselves (its overrides, theirs, ...)
    std::vector<int> overriding(int cls, const std::string& name) const {
        std::vector<int> out;
        for (size_t c = 0; c < classes.size(); ++c)
            if (static_cast<int>(c) != cls && classes[c].type && classes[cls].type &&
                classes[c].type->derives_from(classes[cls].type))
                if (int m = Class::find(classes[c].methods, name); m >= 0) out.push_back(m);
        return out;
    }
    // does a subclass of `cls` define its own `name` (a call on a `cls` must then dispatch)?
    bool overridden(int cls, const std::string& name) const {
        if (name == "__init__") return false;  // called on a new instance of a known class, or by super()
        return !overriding(cls, name).empty();
    }
};

std::string print(const Module& m);
std::string print(const Function& f);

// Deep copies (ir/clone.cpp): every field, nested blocks included.
ExprP clone(const Expr& e);
std::unique_ptr<Stmt> clone(const Stmt& s);
Block clone(const Block& b);
Function clone(const Function& f);
// A copy of e where each read of variable `var` is a copy of `with`.
ExprP substitute(const Expr& e, int var, const Expr& with);

}  // namespace pyrite::ir
