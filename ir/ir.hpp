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
    X(BoolConst)   /* True                                                             */ \
    X(NoneConst)   /* None                                                             */ \
    X(StrConst)    /* "text"                 name: the UTF-8 text                      */ \
    X(Var)         /* %name                                                            */ \
    X(Binary)      /* (add %a %b)            ops: add sub mul div floordiv mod pow ... */ \
    X(Unary)       /* (neg %a)               ops: neg pos not invert                   */ \
    X(Compare)     /* (compare %a lt %b le %c)   a chain, each operand evaluated once  */ \
    X(BoolOp)      /* (and %a %b)            Python value semantics unless in a test   */ \
    X(IfExp)       /* (ifexp %cond %a %b)                                              */ \
    X(CallFunc)    /* (call @qualname %a %b)  a function compiled in the same module   */ \
    X(CallBuiltin) /* (builtin math.sqrt %a) resolved to a C++ overload by typeinfer   */ \
    X(MinMax)      /* (max %a %b %c)                                                   */ \
    X(Tuple)       /* (tuple %a %b)                                                    */ \
    X(TupleGet)    /* (get %t 0)             constant index into a tuple               */ \
    X(List)        /* (list %a %b)           a list display [a, b]                     */ \
    X(DictDisplay) /* (dict %k0 %v0 %k1 %v1) a dict display {k0: v0, k1: v1}           */ \
    X(SetDisplay)  /* (set %a %b)            a set display {a, b}                      */ \
    X(Subscript)   /* (index %xs %i)         xs[i]; a tuple with a constant index      */ \
                   /*                        becomes TupleGet once its type is known   */ \
    X(Slice)       /* (slice %xs %lo %hi %step)   omitted bounds are None              */ \
    X(Method)      /* (method append %xs %v) a method of a container                   */ \
    X(Intrinsic)   /* (intrinsic len %xs)    a builtin over containers (containers.cpp)*/ \
                   /*                        and fstring: the parts of an f-string     */ \
    X(Lambda)      /* (lambda %x body)       a key= function: var is its parameter     */ \
    X(Block)       /* (block %r { ... })     statements, then the value of a variable: */ \
                   /*                        what comprehensions lower to              */ \
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
    X(ForEach)  /* for %x in <iterable>: ... else: ...  (lists, enumerate, zip) */ \
    X(Store)    /* <target> = <expr>     target: a Subscript or Slice           */ \
    X(Del)      /* del <target>          target: a Subscript or Slice           */

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

struct Expr;
struct Stmt;
using ExprP = std::unique_ptr<Expr>;

struct Expr {
    ExprKind kind;
    Loc loc;
    const Type* type = nullptr;  // set by typeinfer

    std::int64_t ival = 0;  // IntConst, BoolConst, TupleGet index
    double fval = 0.0;      // FloatConst
    int var = -1;           // Var: index into Function::vars
    int op = 0;             // BinOp, UnOp, BoolOpKind, or 0/1 for min/max
    std::vector<CmpOp> cmps;           // Compare: one per adjacent pair
    std::string name;                  // CallBuiltin: Python name; CallFunc: callee qualname
    int callee = -1;                   // CallFunc: index into Module::functions
    std::vector<ExprP> args;           // operands / arguments (positional, then keyword)
    std::vector<std::string> kwnames;  // calls: names of the trailing keyword arguments
    std::unique_ptr<std::vector<std::unique_ptr<Stmt>>> body;  // Block: its statements
    bool inplace = false;  // Binary from augmented assignment: a list's += extends it in place

    // set by typeinfer
    const BuiltinOverload* overload = nullptr;  // CallBuiltin
    bool in_test = false;        // BoolOp/Compare used only for its truth value
    bool check_bound = false;    // Var read that may see an unassigned local
    bool unwrap = false;         // Var of type T | None read where it was narrowed to T

    Expr(ExprKind k, Loc l) : kind(k), loc(l) {}
};

struct Stmt;
using StmtP = std::unique_ptr<Stmt>;
using Block = std::vector<StmtP>;

struct Stmt {
    StmtKind kind;
    Loc loc;
    int var = -1;               // Assign target, ForRange loop variable
    ExprP value;                // Assign/ExprStmt/Return value, If/While/Assert condition
    std::vector<ExprP> range;   // ForRange: start, stop, step
    ExprP target;               // Store/Del: the item or slice
    std::string message;        // Assert message (a string literal), may be empty
    bool has_message = false;
    Block body, orelse;
    int loop_id = -1;           // While/ForRange: numbers labels; Break/Continue: their loop
    bool breaks = false;        // While/ForRange: some break leaves this loop (else needs a label)
    bool key_first = false;     // Store from a dict comprehension: the key is evaluated before the value

    Stmt(StmtKind k, Loc l) : kind(k), loc(l) {}
};

struct Var {
    std::string name;  // Python name; "$N" for temporaries the frontend introduced
    const Type* declared = nullptr;  // from a parameter or local annotation
    const Type* type = nullptr;      // inferred (== declared when declared)
    Loc loc;                         // first binding
    bool is_param = false;
    bool needs_flag = false;  // some read may see it unassigned: codegen keeps a bound flag
};

struct Function {
    std::string qualname;   // Python __qualname__
    std::string pyname;     // Python __name__
    std::string file;
    Loc loc;                // the def line
    std::vector<Var> vars;
    std::vector<int> params;        // indexes into vars
    std::vector<ExprP> defaults;    // one per parameter; null when there is none
    const Type* declared_ret = nullptr;
    Loc ret_loc;                    // the return annotation
    const Type* ret = nullptr;      // inferred
    Block body;
    bool exported = false;  // an entry point callable from Python
    bool recursive = false; // in a call cycle: checks the recursion budget on entry
    bool counts_depth = false;  // recursive or calls one: takes the recursion budget
    bool releases_gil = false;  // loops or calls: worth releasing the GIL around
    int nloops = 0;
    bool lower_errors = false;  // the frontend reported errors in this function

    int add_var(std::string name, Loc loc) {
        vars.push_back(Var{std::move(name), nullptr, nullptr, loc});
        return static_cast<int>(vars.size()) - 1;
    }
};

struct Module {
    std::vector<Function> functions;
};

std::string print(const Module& m);
std::string print(const Function& f);

}  // namespace pyrite::ir
