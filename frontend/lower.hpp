// frontend: Python ast (read through pybind11 handles) -> pyrite IR.
//
// Where each construct is lowered:
//   lower.cpp             functions, parameters, annotations, the scope of names
//   lower_stmt.cpp        one method per statement kind (try/except, raise, with among them)
//   lower_expr.cpp        one method per expression kind
//   lower_containers.cpp  displays, comprehensions, for-loop iterables, builtins over iterables
//   lower_class.cpp       the program's classes: fields, methods, dataclasses
//   lower_generators.cpp  generator functions and expressions, inlined where they are iterated
// Unsupported constructs get a diagnostic at their location and lowering goes
// on, so `pyrite check` reports every problem in one run.
#pragma once
#include <pybind11/pybind11.h>

#include <functional>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../ir/diagnostics.hpp"
#include "../ir/ir.hpp"
#include "ast.hpp"

namespace pyrite::frontend {

// the IR nodes every lowering file builds
using ir::Expr;
using ir::ExprKind;
using ir::ExprP;
using ir::Stmt;
using ir::StmtKind;

namespace py = pybind11;

// What capture (pyrite/capture.py) resolved a global name to.
// a read of variable v
inline ir::ExprP var_expr(int v, Loc at) {
    auto e = std::make_unique<ir::Expr>(ir::ExprKind::Var, at);
    e->var = v;
    return e;
}

struct Resolution {
    enum Kind { Func, Module, Const, Builtin, Class, Global, Refused, Other } kind = Other;
    int func = -1;       // Func: index of the callee in the module; Class: index of the class
    std::string name;    // Module: module name; Builtin: Python name ("abs", "math.sqrt"); Other: type name;
                         // Global: its type's text (list[tuple[int, int]]); Refused: why it is not compiled
    py::object value;    // Const: the captured value
    std::string module = {};  // Global: the Python module whose global it is
    int decorator = -1;  // Func: the function a decorator of the program (its index) made of it (@memo def
                         // fib): the name is memo(fib), made once (lower_decorators.cpp's decorated_value);
                         // value: the decorator's constant arguments, "(3)" of @repeat(3): repeat(3)(fib)
};

// A nested def another nested def of the same function calls (lower_functions.cpp): made inside the
// caller from its own captures
struct Sibling {
    std::string name, qualname;
    std::vector<std::string> captures;  // its captures, each a capture of the caller too
    unsigned refs = 0;
};

struct FunctionInput {
    py::object node;     // ast.FunctionDef
    std::string qualname, file;
    std::string module;  // the Python module the function is defined in (its __module__)
    std::string factory;  // a nested function: Python source of __pyrite_make(captures...), which makes it
                          // as Python would (a closure returned to Python: lower_functions.cpp)
    bool exported = false;
    std::map<std::string, Resolution> globals;
    int self_class = -1;  // a method of this class (its first parameter is the instance)
    int class_of = -1;    // a @classmethod of this class: its first parameter (cls) names the class
    int static_of = -1;   // a @staticmethod of this class
    bool nested = false;  // a lambda or nested def, hoisted (lower_functions.cpp)
    std::string self_ref;  // a nested def that calls itself: its name, a local holding it (lower_functions.cpp)
    std::vector<Sibling> siblings;  // the nested defs of the enclosing function it calls (lower_functions.cpp)
    int index = -1;        // a nested function's index in the module, once known
    size_t ncaptures = 0;  // a nested function's captures: its first parameters
    unsigned capture_refs = 0;  // bit k: capture k is by reference (the enclosing function's variable itself)
    std::vector<std::string> snapshots;  // the last captures: parameters whose default, not a literal, was taken
    std::int64_t memo = -2;  // under functools.cache (-1) or lru_cache(maxsize=n) (n); -2: neither
    bool nogil = false;      // @accelerate(nogil=True): its lists are copied, never read in place (opt/views.cpp)
};

// A class of the program (pyrite/capture.py's _class_input)
struct ClassInput {
    py::object node;     // ast.ClassDef
    std::string qualname, module, file;
    std::map<std::string, int> methods;  // name -> index of the function
    py::object dataclass;                // None, or {"init": bool, "eq": ..., "order", "frozen", ...}
    std::vector<std::string> bases;      // module.qualname of each base
    int base = -1;                       // the base among the program's classes (index), or -1
    std::string metaclass;               // empty for `type` (and abc.ABCMeta)
    std::string abstract;                // an ABC with abstract methods: the TypeError making one raises
    std::string enum_flavour;            // an enum that is not a plain Enum: what it derives from (enum.IntEnum ...)
    bool has_match_args = false;         // __match_args__: the attributes a class pattern's positional
    std::vector<std::string> match_args;  // sub-patterns match (case Point(0, y): lower_match.cpp)
    bool namedtuple = false;             // a typing.NamedTuple (or collections.namedtuple) class
    bool is_enum = false;                // an enum.Enum class: its members, in order (aliases too)
    std::string enum_mixin;              // "int", "str" (an Enum mixed with one), "int!", "str!" (IntEnum,
                                         // StrEnum), or empty (capture.py's _enum_mixin)
    struct EnumMember {
        std::string name;
        py::object value;
        std::string canonical;  // another name where this one is an alias
    };
    std::vector<EnumMember> enum_members;
    std::map<std::string, Resolution> globals;  // names in the class body's annotations
    // the type text of each list, dict, set, number, str or bool in the class's __dict__ (its annotation's, else
    // its value's), or ("refused", why): what a class variable is typed by (lower_class_vars.cpp)
    std::map<std::string, py::object> attribute_types;
};

// module name -> attribute -> captured constant value (math.pi, ...)
using ModuleConstants = std::map<std::string, std::map<std::string, py::object>>;

void mark_always_set(ir::Module& m);  // lower_class.cpp
bool is_generator_function(py::handle def);  // lower_generators.cpp

// an int that does not fit in 64 bits (a constant that makes its call run in CPython)
bool beyond_64_bits(py::handle value);

class Lowerer {
public:
    Lowerer(Diagnostics& diags, const ModuleConstants& modules) : diags_(diags), modules_(modules) {}
    ir::Module lower(const std::vector<FunctionInput>& inputs, const std::vector<ClassInput>& classes);

private:
    // lower_class.cpp
    void lower_class(const ClassInput& in, int index);
    void class_field(py::handle stmt, ir::Class& c, bool dataclass, bool no_default = false);
    bool class_constant(py::handle stmt, ir::Class& c, const std::string& name);  // rate = 0.02
    void dataclass_init(const ClassInput& in, int index);
    ir::Function& made_function(const ClassInput& in, int index, const std::string& name, FunctionInput& scope);
    void dataclass_field_flags(int index);
    void dataclass_order(const ClassInput& in, int index);
    void lower_named_tuples(const std::vector<ClassInput>& classes);
    int not_implemented_guard(py::handle def, py::handle other);  // lower_methods.cpp, with the two below
    py::object without_guard(py::object body);
    void named_tuple_new(const ClassInput& in, int index);
    void lower_enum(const ClassInput& in, int index);
    ExprP named_tuple_constant(py::handle node, py::handle value, const std::string& what);
    ExprP enum_members_list(int cls, Loc at);
    ExprP enum_default(py::handle value);
    ExprP enum_constant(py::handle value, Loc at);
    ExprP class_attribute(py::handle node, const std::string& base, const Resolution* r, const std::string& attr);
    // lower_class_vars.cpp: attributes of the class itself that compiled code changes
    void find_class_stores(const std::vector<FunctionInput>& inputs);
    bool is_class_var(int index, const std::string& name, py::handle value, py::handle annotation);
    static bool class_var_annotation(py::handle annotation);
    void class_var(const ClassInput& in, int index, const std::string& name, py::handle st);
    int class_var_of(int k, const std::string& name, int* owner);
    ExprP class_var_ref(py::handle node, const std::string& base, const Resolution* r, bool augmented = false);
    std::string class_store_error(int k, const std::string& base, const std::string& attr);
    int type_of_self(py::handle of);  // type(self), self.__class__ in a method: its class
    py::handle type_operand(py::handle of, bool lowering = true);  // lower_expr.cpp: x of type(x), x.__class__
    ExprP lower_make(py::handle call, int cls);  // Point._make(iterable)
    ir::ExprP dataclass_default(py::handle value, bool* init);
    bool add_field(ir::Class& c, const std::string& name, const Type* declared, Loc at);
    ir::Class* self_class(py::handle object);  // the class of `self` when object is the method's self

    // lower.cpp
    void lower_function(const FunctionInput& in, ir::Function& fn);
    void collect_locals(py::handle stmts);
    void declare_local(py::handle name_node, const Type* declared);
    const Type* lower_annotation(py::handle node);
    bool is_callable_annotation(py::handle node);
    static bool bare_container(py::handle node);
    static bool empty_container(py::handle default_value);  // [], {}, set(), list(), dict()
    const Type* lower_declared(py::handle node);
    const Type* python_callable(py::handle node);  // Callable[[float], float] of a parameter Python passes
    int local(const std::string& name) const;
    const Resolution* global(const std::string& name) const;
    ir::ExprP global_ref(py::handle node, const std::string& id, const Resolution& r);
    bool abstract_method(py::handle def);  // lower_methods.cpp
    py::object abstract_body(py::object body);
    bool stub_body(py::handle body);  // docstrings, `...` and `pass` alone
    Loc loc(py::handle node) const;
    void error(py::handle node, const std::string& message);
    static Ast kind(py::handle node) { return ast_kind(node); }

    // lower_stmt.cpp
    void lower_block(py::handle stmts, ir::Block& out);
    void lower_stmt(py::handle node, ir::Block& out);
    void lower_assign(py::handle node, ir::Block& out);
    void lower_aug_assign(py::handle node, ir::Block& out);
    void lower_ann_assign(py::handle node, ir::Block& out);
    void assign_target(py::handle target, ir::ExprP value, ir::Block& out);
    void lower_if(py::handle node, ir::Block& out);
    // lower_match.cpp: a match statement as an if/elif chain over its subject
    void lower_match(py::handle node, ir::Block& out);
    struct PatternParts;
    py::object pattern(py::handle p, const py::object& access, PatternParts& out);
    py::list star_displays(py::handle call);  // lower_expr.cpp
    py::object star_items(py::handle starred);
    ExprP capture(const std::string& name, const py::object& part, Loc at);
    void lower_while(py::handle node, ir::Block& out);
    void lower_for(py::handle node, ir::Block& out);
    void lower_loop_jump(py::handle node, ir::StmtKind kind, ir::Block& out);
    void lower_return(py::handle node, ir::Block& out);
    void lower_assert(py::handle node, ir::Block& out);
    void lower_raise(py::handle node, ir::Block& out);
    void lower_try(py::handle node, ir::Block& out);
    void lower_with(py::handle node, py::list items, size_t first, ir::Block& out);
    // the loops a break or continue is in: the loop each leaves (an inlined generator's yield
    // makes them differ: frontend/lower_generators.cpp); continue_breaks: continue is a break of cont
    struct LoopJumps {
        ir::Stmt* brk;
        ir::Stmt* cont;
        bool continue_breaks = false;
    };
    // lower_generators.cpp
    struct Context {  // what lowering a function's statements reads: swapped while a generator is inlined
        const FunctionInput* in;
        std::map<std::string, int> locals;
        std::set<std::string> refused;
        std::string cls_name;
        std::vector<LoopJumps> loops;
        int handlers;
        std::set<std::string> handler_names;
    };
    struct GeneratorFrame;
    Context save_context() const;
    void restore_context(const Context& c);
    int generator_call(py::handle node) const;  // gen(...) of a generator function: its index, or -1
    py::object as_generator_expression(py::handle call);  // (x for x in gen(...))
    py::object generator_objects_inlined(py::object body, py::handle def);  // g = gen(); for x in g
    void inline_generator(py::handle call, int gen, py::handle target, Loc at, ir::Block& out,
                          const std::function<void(ir::Block&)>& body, py::handle orelse,
                          std::map<std::string, int>* scope = nullptr);
    void inline_genexp(py::handle genexp, py::handle target, Loc at, ir::Block& out,
                       const std::function<void(ir::Block&)>& body, py::handle orelse,
                       std::map<std::string, int>* scope = nullptr);
    void bind_fresh(py::handle target, std::map<std::string, int>& scope);
    void run_generator(GeneratorFrame& frame, Loc at, ir::Block& out, py::handle orelse,
                       const std::function<void(ir::Block&)>& statements);
    void lower_yield(py::handle node, ir::Block& out);
    void lower_yield_from(py::handle node, ir::Block& out);
    bool lower_yield_value(py::handle node, ir::Block& out);
    void generator_return(py::handle node, ir::Block& out);
    const std::vector<FunctionInput>* inputs_ = nullptr;
    const std::vector<ClassInput>* class_inputs_ = nullptr;
    std::set<int> wanted_coroutines_;  // generator functions compiled on their own (lower.cpp's lower_coroutines)
    const FunctionInput* coroutine_in_ = nullptr;  // the one being lowered
    void lower_coroutines(const std::vector<FunctionInput>& inputs, ir::Module& m);
    void lower_coroutine_yield(py::handle node, ir::Block& out, int sent = -1);
    void lower_coroutine_yield_from(py::handle node, ir::Block& out, int result = -1);
    ir::ExprP lower_genexp_value(py::handle genexp);
    py::object genexp_statements(py::handle genexp, py::object outermost);
    std::vector<GeneratorFrame*> generators_;  // being inlined, innermost last
    int pending_result_ = -1;  // x = yield from gen(): the variable gen's `return v` assigns (inline_generator)
    bool pending_delegating_ = false;  // yield from gen() in a generator object (inline_generator's frame.delegating)
    std::string exception_class(py::handle node);  // a builtin exception's name or "class Q", or "" (reported)
    int temp(Loc at);

    // lower_calls.cpp: call forms of module functions
    ir::ExprP new_block(Loc at);
    py::object or_default(py::object item, py::object present, py::handle dflt, const std::string& func, const char* form);
    int held_in(ir::Expr& block, ir::ExprP value);
    ir::ExprP block_result(ir::ExprP block, ir::ExprP call);
    bool pack_varargs(py::handle call, py::handle def, ir::Expr& e);  // f(1, 2, 3) of def f(a, *rest)
    ir::ExprP lower_kwargs_call(py::handle call, py::handle def, ir::ExprP e);  // f(a, **d)
    ir::ExprP lower_star_call_ranged(py::handle call, py::handle def, ir::ExprP e, py::list given, size_t star,
                                     const std::vector<std::string>& positional, const std::string& shown = "");  // f's positional parameters
    ir::ExprP lower_star_call(py::handle call, py::handle def, ir::ExprP e, const std::string& shown = "");  // f(a, *xs, b)
    py::object listed(py::handle node);  // an iterator's items as a list(...)

    // lower_functions.cpp: lambdas and nested defs, lowered as functions of the module
    // as_python: what Python's value of it is, where the lambda stands for one (a builtin, itemgetter(1))
    ir::ExprP lower_function_value(py::handle node, py::handle as_python = py::handle());
    py::object without_snapshots(py::handle fn, std::vector<std::pair<std::string, py::object>>& out);
    void lower_nested_def(py::handle node, ir::Block& out);
    void lower_nested_functions(ir::Module& m);
    py::object as_lazy(py::handle node);
    ir::ExprP builtin_value(py::handle node, const std::string& name, bool method);
    std::string factory_source(py::handle node, const std::vector<std::string>& captures, const std::string& name,
                               py::handle as_python);
    py::object operator_expr(const std::string& spelled, py::list args);  // operator.add(a, b): a + b
    ir::ExprP lower_reduce(py::handle call);  // functools.reduce(f, xs[, initial])
    ir::ExprP lower_ufunc_outer(py::handle node, const std::string& ufunc);  // np.subtract.outer(a, b)
    bool self_field_call(py::handle func);  // self.on_click(x): a call of what a field holds
    bool may_call_field(py::handle func);   // rule.test(x): what the field holds, or else a method (typeinfer)
    ir::ExprP decorated_value(py::handle node, const Resolution& r);  // @memo def fib: memo(fib), once
    bool is_functools_wraps(py::handle decorator);
    std::set<std::string> decorated_;  // the NAME$decorated functions made (one per module and name)
    py::object getter_lambda(py::handle call);  // operator.itemgetter(1) as a lambda
    struct Nested {
        FunctionInput input;
        ir::Expr* value;  // its FuncRef, whose callee is set once the function has an index (or none: by
                          // its qualname, lower_nested_functions)
        size_t ncaptures;
    };
    std::deque<Nested> nested_;               // to lower after the function being lowered
    std::deque<FunctionInput> nested_inputs_;  // what lowering them points at

    // lower_expr.cpp
    ir::ExprP lower_expr(py::handle node);
    ir::ExprP lower_constant(py::handle node, py::handle value);
    ir::ExprP constant_from_value(py::handle node, py::handle value, const std::string& what);
    ir::ExprP lower_name(py::handle node);
    ir::ExprP lower_binop(py::handle node);
    ir::ExprP lower_unaryop(py::handle node);
    ir::ExprP lower_compare(py::handle node);
    ir::ExprP lower_boolop(py::handle node);
    ir::ExprP lower_ifexp(py::handle node);
    ir::ExprP lower_named_expr(py::handle node);
    ir::ExprP lower_print_starred(py::handle node);
    ir::ExprP lower_partial(py::handle call);
    ir::ExprP lower_zip_star(py::handle call);
    ir::ExprP lower_call(py::handle node);
    ir::ExprP lower_numpy_call(py::handle node, py::handle attr);
    ir::ExprP lower_random_call(py::handle node, const std::string& attr);  // random.uniform(a, b)
    ir::ExprP lower_attribute(py::handle node);
    ir::ExprP lower_isinstance(py::handle node, ops::Op op);  // isinstance(x, C), issubclass(exc_type, C)
    ir::ExprP exception_new(ir::ExprP made);  // MyError(a, b): a and b evaluated once, for __init__ and args
    ir::ExprP held_args(ir::ExprP made, size_t n);  // its first n arguments held in temporaries, in order
    ir::ExprP lower_key(py::handle node);  // key=lambda x: ..., key=f, key=len
    ir::ExprP lower_tuple(py::handle node);
    ir::ExprP lower_subscript(py::handle node);
    ir::ExprP error_expr(py::handle node, const std::string& message);

    // lower_containers.cpp
    ir::ExprP lower_list(py::handle node);
    ir::ExprP lower_unpacking_display(py::handle node);
    ir::ExprP building(Loc at, ir::ExprKind empty);
    void add_item(ir::Block& b, int var, const char* method, ir::ExprP arg, Loc at);
    void unpack_starred(py::list elts, size_t star, int t, ir::Block& out);
    ir::ExprP lower_display(py::handle node);  // {k: v}, {a, b}
    ir::ExprP lower_fstring(py::handle node);
    // reduce: Any/All, or Next: next(genexp[, otherwise]), the first item (found_: whether there was one)
    ir::ExprP lower_comprehension(py::handle node, ops::Op reduce = ops::Op::None);
    ir::ExprP lower_first(py::handle genexp, py::handle otherwise);  // next(genexp[, otherwise])
    int found_ = -1;
    ir::Block* conditions(py::handle ifs, ir::Block* cur);
    void comprehension_item(py::handle node, ops::Op reduce, int var, ir::Block& cur, ir::Stmt* innermost, bool deep);
    bool is_intrinsic(ops::Op builtin, py::handle call);
    ops::Op called_builtin(py::handle node);  // the ops.def builtin a call names, or None
    std::string builtin_path(py::handle func);  // itertools.chain.from_iterable: its dotted name, or ""
    ir::ExprP lower_intrinsic(py::handle call, ops::Op op);
    ir::ExprP lower_iterable(py::handle node);  // for-loop iterables: enumerate/zip/reversed allowed
    ir::ExprP lower_items(py::handle iterable);  // [t for t in iterable]
    std::unique_ptr<ir::Stmt> lower_range(py::handle call, Loc at);
    void lower_for_header(py::handle target, py::handle iter, Loc at, ir::Block& out, ir::Block*& body,
                          std::map<std::string, int>* scope);
    void lower_delete(py::handle node, ir::Block& out);
    // lower_itertools.cpp: enumerate/zip/reversed and itertools' iterators, nested in each other
    ir::ExprP lower_iterator(py::handle call, ops::Op op);
    ir::ExprP lower_genexp_iterator(py::handle genexp);
    ir::ExprP lower_callback(py::handle fn, int nparams, const std::string& what, py::handle place);
    int starmap_arity(py::handle fn);
    // generators: a generator expression argument is consumed whole, lowered as a list comprehension
    bool lower_call_args(py::handle node, ir::Expr& call, bool generators = false);

    Diagnostics& diags_;
    const ModuleConstants& modules_;
    ir::Module* module_ = nullptr;
    std::set<std::string> refused_globals_;  // globals reported at a use (Resolution::Refused)
    py::object init_signature(int index);  // lower_class.cpp: a dataclass's or NamedTuple's made __init__/__new__
    std::vector<py::object> field_defaults_;  // per class: {field name: the class body's default value node}
    // per function
    const FunctionInput* in_ = nullptr;
    ir::Function* fn_ = nullptr;
    std::map<std::string, int> locals_;
    std::set<std::string> declared_globals_;  // `global NAME` in the function being lowered: the module's
                                              // (a rebound int, float, bool or str: capture.py's _rebound_globals)
    ir::ExprP rebound_global(py::handle name_node);  // NAME of `global NAME`: its ir::Global, or an error
    std::set<std::pair<int, std::string>> class_stores_;     // (class, NAME): C.NAME = v somewhere (lower_class_vars.cpp)
    std::set<std::pair<int, std::string>> instance_stores_;  // (class, NAME): self.NAME = v in a method of it
    std::set<std::string> refused_;
    std::string cls_name_;           // a @classmethod's first parameter: the class (cls(...) makes one)  // parameters reported as unsupported (*args): their uses are not
    std::vector<LoopJumps> loops_;
    int handlers_ = 0;
    std::set<std::string> handler_names_;  // names `except ... as` binds in this function  // except clauses the statement being lowered is in (a bare raise needs one)
    int ntemps_ = 0;
};

}  // namespace pyrite::frontend
