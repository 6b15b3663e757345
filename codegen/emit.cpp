// codegen: modules and functions (emitter.hpp says where each construct is printed).
#include <functional>
#include <map>
#include <set>

#include "../typeinfer/builtins.hpp"
#include "../ir/walk.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

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
    return t->is_python_number() || t->is(TypeKind::Real) || t->is(TypeKind::None);
}

std::string convert(const std::string& s, const Type* from, const Type* to) {
    if (from == to) return s;
    const Type* to_value = to->is(TypeKind::Optional) ? to->elem() : to;
    if (from->enum_mixin() && (to_value->is_python_number() || to_value->is(TypeKind::Str) || to_value->is(TypeKind::Scalar)))
        return convert("pyrite::member_value(" + s + ")", from->enum_mixin(), to);
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
        if (to->is(TypeKind::Complex) && is_complex_dtype(from->dtype)) return "std::complex<double>(" + s + ")";
    }
    if (to->is(TypeKind::Complex))  // an int, float or bool as complex(x): imaginary part 0.0
        return "std::complex<double>(static_cast<double>(" + s + "), 0.0)";
    if (to->is(TypeKind::Optional)) {
        if (from->is(TypeKind::None) || from->is(TypeKind::Optional)) return "static_cast<" + cxx_type(to) + ">(" + s + ")";
        return cxx_type(to) + "(" + convert(s, from, to->elem()) + ")";
    }
    if (to->is(TypeKind::TupleOf) && from->is(TypeKind::Tuple)) return cxx_type(to) + "::of_tuple(" + s + ")";
    if (to->is(TypeKind::Functions) && from->is(TypeKind::Function)) return cxx_type(to) + "(" + s + ")";
    if (to->is(TypeKind::Function) && from->is(TypeKind::Function) && (from->refs | from->cells) && !(to->refs | to->cells))
        return "pyrite::by_value(" + s + ")";  // a closure returned to Python (typeinfer's check_function_escapes)
    if (to->is(TypeKind::Tuple) && from->is(TypeKind::Tuple) && to->elems.size() == from->elems.size()) {
        // item by item (a tuple of NumPy numbers returned as declared Python ones)
        std::string r = "[&](const auto& tup) { return " + cxx_type(to) + "(";
        for (size_t i = 0; i < to->elems.size(); ++i)
            r += (i ? ", " : "") + convert("std::get<" + std::to_string(i) + ">(tup)", from->elems[i], to->elems[i]);
        return r + "); }(" + s + ")";
    }
    if (to->is(TypeKind::Boxed)) return "pyrite::Boxed(" + s + ")";  // kept as itself (boxed.hpp)
    if (to->is(TypeKind::Int) && is_bool(from)) return "static_cast<pyrite::i64>(" + s + ")";
    if (to->is(TypeKind::Real)) return "pyrite::Real(" + s + ")";  // an int, float or bool as int | float
    if (to->is(TypeKind::Float)) return "static_cast<double>(" + s + ")";
    if (to->is(TypeKind::Object) && from->is(TypeKind::Object)) return cxx_type(to) + "(" + s + ")";  // a subclass's as its base
    return s;
}

// pyrite::FnSource<F> for each function an entry point's result or a field may hold (a closure returned
// to Python)
void Emitter::fn_sources() {
    std::set<int> done;
    std::function<void(const Type*)> visit = [&](const Type* t) {
        if (t->is(TypeKind::Function) && done.insert(t->cls).second) {
            const ir::Function& f = m_.functions[t->cls];
            // a module's function: the module's own (its global of the name), made by a factory too
            std::string factory = f.py_factory.empty() && f.qualname.find('.') == std::string::npos
                                      ? "def __pyrite_make():\n    return " + f.pyname + "\n"
                                      : f.py_factory;
            out_.fn_sources += "template <>\nstruct FnSource<" + std::to_string(t->cls) + "> {  // " + f.qualname +
                               "\n    static constexpr const char* module = " + string_literal(f.py_module) +
                               ";\n    static constexpr const char* file = " + string_literal(f.file) +
                               ";\n    static constexpr const char* source = " + string_literal(factory) + ";\n};\n";
        }
        for (const Type* x : t->elems) visit(x);
    };
    for (const ir::Function& f : m_.functions)
        if (f.compiled() && f.exported && f.ret) visit(f.ret);
    for (const ir::Class& c : m_.classes)  // a field holding a function, read by Python (Rule(...).test)
        for (const ir::Field& fd : c.fields)
            if (fd.type) visit(fd.type);
}

// A key looked up in a dict or set of floats: an int that no float equals exactly
// (2**53 + 1) can be in no such container, as in CPython, where 2**53 + 1 != 2.0**53;
// it becomes nan, which equals no key. (A store converts as convert() does.)
std::string lookup_key(const std::string& s, const Type* from, const Type* to) {
    if (from->is(TypeKind::Int) && to->is(TypeKind::Float)) return "pyrite::exact_float_or_nan(" + s + ")";
    return convert(s, from, to);
}

// Statements in a function, nested ones and those of comprehensions included: past
// kHugeFunction, it is compiled as PYRITE_HUGE_FUNCTION says (core.hpp)
constexpr int kHugeFunction = 800;
int count_stmts(const ir::Block& b) {
    int n = 0;
    ir::for_each_stmt(b, [&](const Stmt&) { ++n; });
    return n;
}

// A function of at most kSmallFunction statements (a method of a small class: __add__, dot,
// unit) is declared inline, as such a method defined in a C++ class body is: GCC then inlines it
// by its budget for inline functions (max-inline-insns-single), not by the far smaller one for
// other functions (max-inline-insns-auto), which left `v.unit()` a call in a ray tracer's loop
// (benchmarks/class_kernels.py: raytrace 16.5 -> 10.4 ms, raytrace_values 6.7 -> 3.4 ms)
constexpr int kSmallFunction = 12;
bool small_function(const ir::Function& f) { return !f.coroutine && count_stmts(f.body) <= kSmallFunction; }

Output Emitter::run() {
    includes_.insert("pyrite/core.hpp");
    includes_.insert("pyrite/ops.hpp");
    class_structs();  // emit_class.cpp
    globals();
    fn_sources();
    for (size_t i = 0; i < m_.functions.size(); ++i) {
        const ir::Function& f = m_.functions[i];
        if (f.compiled()) out_.declarations += (small_function(f) ? "static inline " : "static ") + signature(f, static_cast<int>(i)) + ";\n";
    }
    find_fallible();  // emit_fallible.cpp
    for (const auto& [i, copy] : fallible_) out_.declarations += "static " + fallible_signature(m_.functions[i], i) + ";\n";
    for (size_t i = 0; i < m_.functions.size(); ++i) {  // def f(n, memo={}): the one object (default_arg)
        const ir::Function& f = m_.functions[i];
        if (!f.compiled()) continue;
        for (size_t k = 0; k < f.params.size(); ++k) {
            if (!f.defaults[k] || !f.defaults[k]->persistent) continue;
            const ir::Function* saved = f_;
            f_ = &f;
            std::string t = type(f.vars[f.params[k]].type);
            out_.declarations += "// " + comment_text(f.qualname) + "'s default " + comment_text(f.vars[f.params[k]].name) +
                                 ": one object for every call that omits it, as CPython's __defaults__ holds\ninline " + t +
                                 "& " + default_holder(static_cast<int>(i), k) + "() { static " + t + " d = " +
                                 strip_parens(convert(expr(*f.defaults[k]), f.defaults[k]->type, f.vars[f.params[k]].type)) +
                                 "; return d; }\n";
            f_ = saved;
        }
    }
    for (size_t i = 0; i < m_.functions.size(); ++i) {  // what the glue calls (function() defines them)
        const ir::Function& f = m_.functions[i];
        if (f.compiled() && f.exported) out_.declarations += entry_signature(f, static_cast<int>(i)) + ";\n";
    }
    class_members();
    for (size_t i = 0; i < m_.functions.size(); ++i)
        if (m_.functions[i].compiled()) function(m_.functions[i], static_cast<int>(i));  // not a generator (inlined), nor generic
    out_.includes.assign(includes_.begin(), includes_.end());
    if (!fused_struct_text_.empty())  // before anything that may use them (a default's value too)
        out_.declarations = "// the fused element-wise computations (emit_numpy.cpp's fuse)\n" + fused_struct_text_ + "\n" + out_.declarations;
    return out_;
}

// The module's list, dict and set globals, and the int, float, bool and str ones a function rebinds
// (`global counter`): one variable each, shared by the module's two parts (an inline variable),
// which each call from Python sets to the global's compiled copy for its duration
// (templates/module.cpp.j2: read as an argument is, written back if changed (a rebound one: stored
// into the module when the call returns, raising or not), restored after)
void Emitter::globals() {
    for (size_t i = 0; i < m_.globals.size(); ++i) {
        const ir::Global& g = m_.globals[i];
        // an int, float, bool or str (a list, dict or set is changed in place, written back; a frozenset never changes)
        bool rebound = g.type->is(TypeKind::Int) || g.type->is(TypeKind::Float) || g.type->is(TypeKind::Bool) ||
                       g.type->is(TypeKind::Str);
        GlobalOut o{g.module, g.name, "pyrite_global_" + std::to_string(i), type(g.type), rebound,
                    g.cls >= 0 ? class_struct(class_type(g.cls)) : "", g.cls >= 0 ? m_.classes[g.cls].qualname : ""};
        out_.declarations += "// the global " + comment_text(g.module + "." + g.name) + ": " + comment_text(g.type->str()) +
                             "\ninline " + type(g.type) + " " + o.cxx_name + "{};\n";
        out_.globals.push_back(o);
    }
    if (!m_.globals.empty()) includes_.insert("pyrite/boundary.hpp");
}

// parameter k's default as a call that omits it passes it: its value, or the one object of a
// persistent [] / {} / set() (run()'s default holders)
std::string Emitter::default_holder(int index, size_t k) {
    return "pyrite_default_" + std::to_string(index) + "_" + std::to_string(k);
}
std::string Emitter::default_arg(const ir::Function& f, int index, size_t k) {
    const ir::Expr& d = *f.defaults[k];
    if (d.persistent) return default_holder(index, k) + "()";
    const ir::Function* saved = f_;
    f_ = &f;
    std::string s = convert(expr(d), d.type, f.vars[f.params[k]].type);
    f_ = saved;
    return s;
}

// ------------------------------------------------------------ functions
// An instance parameter the function never assigns is taken by const reference: no count
// to raise and drop per call. Safe because the argument is the caller's local (which the
// callee cannot reach) or a copy made at the call (call_function: a field or an item, which
// the callee could replace while it runs).
bool by_ref(const ir::Function& f, int param) {
    if (f.coroutine) return false;  // a generator's frame keeps its arguments: copies, never references
    for (size_t k = 0; k < f.ncaptures && k < f.params.size(); ++k)
        if (f.params[k] == param && f.capture_by_ref(k)) return false;  // a T&, not a const T& (signature)
    const Type* t = f.vars[param].type;
    if (!t->is(TypeKind::Object) && !(t->is(TypeKind::Optional) && t->elem()->is(TypeKind::Object))) return false;
    bool assigned = false;
    ir::for_each_stmt(f.body, [&](const Stmt& s) {
        assigned = assigned || ((s.kind == StmtKind::Assign || s.kind == StmtKind::ForEach || s.kind == StmtKind::ForRange) &&
                                s.var == param);
    });
    return !assigned;
}

// the __init__ of a value class (opt/values.cpp), or a version of it
bool Emitter::makes_value(const ir::Function& f, int index) const {
    if (f.method_of < 0 || !m_.classes[f.method_of].value) return false;
    int init = m_.classes[f.method_of].init;
    return init >= 0 && (index == init || f.specializes == init);
}

// An entry point's entry_ function, which the glue calls and may be compiled apart from the
// bodies (templates/module.cpp.j2, PYRITE_PART): not static (the module's namespace and
// -fvisibility=hidden keep it inside the module)
std::string Emitter::entry_signature(const ir::Function& f, int index) {
    std::string s = signature(f, index);
    std::string name = func_name(f, index);
    return s.replace(s.find(" " + name + "(") + 1, name.size(), "entry_" + name);
}

std::string Emitter::signature(const ir::Function& f, int index) {
    std::vector<std::string> params;
    if (f.counts_depth) params.push_back("pyrite::Depth depth");
    for (size_t i = 0; i < f.params.size(); ++i) {
        int p = f.params[i];
        std::string t = var_type(f.vars[p]);
        if (f.capture_by_ref(i) && !f.coroutine)
            t += "&";  // the enclosing function's variable itself, which FuncCapture passes (emit_expr.cpp)
        else if (i == 0 && makes_value(f, index))
            t += "&";  // a value class's __init__: the instance it fills in (new_object)
        else if (by_ref(f, p))
            t = "const " + t + "&";
        params.push_back(t + " " + var_name(f.vars[p]));
    }
    std::string s = type(f.ret) + " " + func_name(f, index) + "(";
    for (size_t i = 0; i < params.size(); ++i) s += (i ? ", " : "") + params[i];
    return s + ")";
}

// the C++ type a value crosses into Python as: a NumPy scalar becomes a numpy
// scalar object (capi::NpScalar), not a Python float or int
std::string Emitter::boundary_type(const Type* t) {
    if (t->is(TypeKind::Scalar)) return "pyrite::capi::NpScalar<" + type(t) + ">";
    if (t->is(TypeKind::Exception)) return "pyrite::capi::ExcParam<pyrite::Exc::" + t->name + ">";
    if (t->is(TypeKind::Tuple)) {  // a NamedTuple's crosses as its class's (named.hpp)
        std::string s = t->is_named_tuple() ? "pyrite::Named<" + class_struct(t) + ", " : "std::tuple<";
        for (size_t i = 0; i < t->elems.size(); ++i) s += (i ? ", " : "") + boundary_type(t->elems[i]);
        return s + ">";
    }
    return type(t);
}

std::string Emitter::type(const Type* t) {
    if (t->is(TypeKind::Tuple)) includes_.insert("tuple");
    if (t->is(TypeKind::Range)) includes_.insert("pyrite/builtins/range.hpp");
    if (t->is(TypeKind::PyFunction)) includes_.insert("pyrite/pyfunc.hpp");
    if (t->is(TypeKind::Generator)) includes_.insert("pyrite/nprandom.hpp");
    if (t->is(TypeKind::Random)) includes_.insert("pyrite/random.hpp");
    if (t->is(TypeKind::Pattern) || t->is(TypeKind::Match)) includes_.insert("pyrite/re.hpp");
    if (t->is(TypeKind::Deque)) includes_.insert("pyrite/deque.hpp");
    if (t->is(TypeKind::Iterator)) includes_.insert("pyrite/generator.hpp");
    if (t->is_defaultdict()) includes_.insert("pyrite/defaultdict.hpp");
    if (t->is_counter()) includes_.insert("pyrite/counter.hpp");
    if (t->is_ordereddict()) includes_.insert("pyrite/ordereddict.hpp");
    if (t->is(TypeKind::Object)) includes_.insert("pyrite/instance.hpp");
    if (t->is(TypeKind::Boxed)) includes_.insert("pyrite/boxed.hpp");
    if (t->is(TypeKind::Exception) || t->is(TypeKind::ExcClass) || t->is(TypeKind::ExcArg)) includes_.insert("pyrite/exceptions.hpp");
    if (t->is(TypeKind::Array) || t->is(TypeKind::Scalar)) includes_.insert("pyrite/numpy.hpp");
    if (t->is(TypeKind::Optional)) includes_.insert("optional");
    if (t->is(TypeKind::List)) includes_.insert("pyrite/list.hpp");
    if (t->is(TypeKind::Bytes) || t->is(TypeKind::ByteArray)) includes_.insert("pyrite/bytes.hpp");
    if (t->is(TypeKind::Str) || t->is(TypeKind::Dict) || t->is(TypeKind::Set)) includes_.insert("pyrite/iter.hpp");
    for (const Type* e : t->elems) type(e);
    return cxx_type(t);
}

// a variable's C++ type: its type's, but for a view (opt/views.cpp): the caller's object itself
std::string Emitter::var_type(const ir::Var& v) {
    if (!v.view) return type(v.type);
    includes_.insert("pyrite/views.hpp");
    if (!v.type->is(TypeKind::Tuple)) return "pyrite::capi::PyView";
    std::string s = "std::tuple<";  // enumerate's or zip's items: its dicts are the records
    for (size_t k = 0; k < v.type->elems.size(); ++k)
        s += (k ? ", " : "") + (v.type->elems[k]->is(TypeKind::Dict) ? std::string("pyrite::capi::PyView") : type(v.type->elems[k]));
    return s + ">";
}

// what printing a function's body starts from (its own loop ids, try numbers, lines)
void Emitter::start_function(const ir::Function& f) {
    f_ = &f;
    line_ = -1;
    goto_loops_.clear();  // loop ids are per function
    ntries_ = 0;
}

void Emitter::function(const ir::Function& f, int index) {
    start_function(f);
    std::string& c = out_.definitions;
    c += "\n";
    line_directive(f.loc.line, 0);
    std::string sig = signature(f, index), name = func_name(f, index);
    auto rename = [&](const std::string& suffix) { sig.replace(sig.find(" " + name + "(") + 1, name.size(), name + suffix); };
    if (f.memo) rename("_uncached");  // the body, which memo_wrapper's function of the name calls
    if (!f.pure_bounds.empty()) rename("_checked");  // the function as written, where its pure copy cannot run (emit_pure.cpp)
    c += std::string(count_stmts(f.body) > kHugeFunction ? "PYRITE_HUGE_FUNCTION " : "") + "static " + sig + " {\n";
    if (f.coroutine) {  // a generator: made suspended here (runtime/include/pyrite/generator.hpp)
        bool sent = false;  // some yield uses what it is sent
        ir::for_each_stmt(f.body, [&](const Stmt& s) { sent = sent || (s.kind == StmtKind::Yield && s.body.empty() && (s.var >= 0 || s.delegates)); });
        c += "    co_await pyrite::GenStart{" + string_literal(f.pyname) + ", " + string_literal(f.qualname) +
             (sent ? ", nullptr, " + string_literal(f.ret->gen_sent()->str()) : std::string()) + "};\n";
        if (f.counts_depth) c += "    depth.floor = pyrite::stack_floor();  // the stack it runs on now\n";
    }
    function_body(f, index);
    c += "}\n";
    if (f.memo) memo_wrapper(f, index);
    if (!f.pure_bounds.empty()) pure_copy(f, index);
    if (fallible_.count(index)) fallible_copy(f, index);  // emit_fallible.cpp
    if (f.exported) {
        // what the glue calls, from the other part (templates/module.cpp.j2): the function itself
        // stays static, so calls from compiled code inline it as any helper's
        c += entry_signature(f, index) + " {\n    return " + func_name(f, index) + "(" + (f.counts_depth ? "depth" : "");
        for (size_t i = 0; i < f.params.size(); ++i) {
            const ir::Var& v = f.vars[f.params[i]];
            c += (i || f.counts_depth ? ", " : "") + (by_ref(f, f.params[i]) ? var_name(v) : "std::move(" + var_name(v) + ")");
        }
        c += ");\n}\n";
        export_function(f, index);
    }
}

// a function's body, as its copies print it too: its locals, then its statements in its frame
void Emitter::function_body(const ir::Function& f, int index) {
    std::string& c = out_.definitions;
    if (f.recursive) c += "    pyrite::check_recursion(depth);\n";
    for (const ir::Var& v : f.vars) {
        if (v.is_param) continue;
        if (!v.cell) c += "    " + var_type(v) + " " + var_name(v) + "{};" + (v.temporary() ? "\n" : "  // " + v.name + "\n");
        if (v.needs_flag) c += "    bool " + flag_name(v) + " = false;\n";
    }
    frame_begin(f, index);  // emit_try.cpp
    // a variable a closure that outlives the function rebinds: in a cell the closure holds too, and
    // the variable a reference into it (a parameter's value moves in; the try block's scope holds
    // the reference of the same name)
    for (const ir::Var& v : f.vars)
        if (v.cell)
            c += "    auto " + cell_name(v) + " = std::make_shared<" + var_type(v) + ">(" +
                 (v.is_param ? "std::move(" + var_name(v) + ")" : "") + ");\n    " + var_type(v) + "& " + var_name(v) +
                 " = *" + cell_name(v) + ";  // " + v.name + "\n";
    block(f.body, 1);
    if (f.coroutine && f.ret->gen_result()->is(TypeKind::None))
        c += "    co_return;\n";
    else if (f.coroutine)  // R: None where the end is reached (typeinfer)
        c += f.ret->gen_result()->is(TypeKind::Optional) ? "    co_return std::nullopt;\n" : "    __builtin_unreachable();\n";
    else if (f.ret->is(TypeKind::None) || f.ret->is(TypeKind::Optional))
        c += "    return pyrite::none_t{};\n";
    else if (f.abstract_stub)  // super().area() of `def area(self): ...`: CPython's None, which its type cannot hold
        c += "    pyrite::raise(pyrite::Exc::TypeError, " +
             string_literal("the abstract method '" + f.qualname + "' returned None (its body has no return), which compiled "
                            "code cannot give as the " + f.ret->str() + " its overrides return") + ");\n";
    else
        c += "    __builtin_unreachable();\n";
    frame_end(f, index);
}

// functools.cache / lru_cache: the function's name is a wrapper that looks its arguments up in a
// table (runtime/include/pyrite/memo.hpp) before it calls the body (NAME_uncached), and keeps what
// the body returns; the body's own calls of the function go through the wrapper, as in Python
void Emitter::memo_wrapper(const ir::Function& f, int index) {
    includes_.insert("pyrite/memo.hpp");
    std::string& c = out_.definitions;
    std::string key = "std::tuple<", args = f.counts_depth ? "depth" : "", items;
    for (size_t i = 0; i < f.params.size(); ++i) {
        const ir::Var& v = f.vars[f.params[i]];
        key += (i ? ", " : "") + type(v.type);
        items += (i ? ", " : "") + var_name(v);
        args += (i || f.counts_depth ? ", " : "") + var_name(v);
    }
    key += ">";
    std::string r = type(f.ret);
    c += "static " + signature(f, index) + " {\n";
    if (f.params.empty() && f.memo < 0) {  // one result (a decorator's, frontend's decorated_value): a static's
        c += "    static const " + r + " result = " + func_name(f, index) + "_uncached(" + args + ");\n";
        c += "    return result;\n}\n";
        return;
    }
    c += "    static pyrite::Memo<" + key + ", " + r + "> memo(" + std::to_string(f.memo) + ");\n";
    c += "    const " + key + " key{" + items + "};\n";
    c += "    " + r + " result{};\n";
    c += "    if (memo.find(key, result)) return result;\n";
    c += "    result = " + func_name(f, index) + "_uncached(" + args + ");\n";
    c += "    memo.store(key, result);\n";
    c += "    return result;\n}\n";
}

// whether a parameter of type t may hold the caller's NumPy arrays: one of its own, or an
// instance's field (any class of the program may be reached from an instance argument)
bool Emitter::holds_arrays(const Type* t) const {
    if (t->contains(TypeKind::Array)) return true;
    if (!t->contains(TypeKind::Object)) return false;
    for (const ir::Class& c : m_.classes)
        for (const ir::Field& fd : c.fields)
            if (fd.type && fd.type->contains(TypeKind::Array)) return true;
    return false;
}

void Emitter::export_function(const ir::Function& f, int index) {
    Export e;
    e.qualname = f.qualname;
    e.pyname = f.pyname;
    e.cxx_name = func_name(f, index);
    e.nposonly = f.nposonly;
    e.nkwonly = f.nkwonly;
    for (size_t i = 0; i < f.params.size(); ++i) {
        const ir::Var& v = f.vars[f.params[i]];
        // a NumPy scalar crosses as capi::NpScalar (boundary.hpp checks its numpy type)
        ExportParam p{v.name, v.view ? var_type(v) : boundary_type(v.type), v.type->str(), "", !scalar_only(v.type)};
        if (v.type->is(TypeKind::Scalar) || v.type->is(TypeKind::Exception)) e.boundary = true;
        if (f.defaults[i]) p.default_cxx = default_arg(f, index, i);
        e.boundary = e.boundary || p.container;
        e.params.push_back(p);
    }
    e.boundary = e.boundary || !scalar_only(f.ret) || !m_.globals.empty();  // globals cross as arguments do
    if (e.boundary) includes_.insert("pyrite/boundary.hpp");
    e.ret_cxx = boundary_type(f.ret);
    e.ret_py = f.ret->str();
    // the module's globals are one copy each: one call from Python at a time (the GIL held)
    e.releases_gil = f.releases_gil && m_.globals.empty();
    e.counts_depth = f.counts_depth;
    e.reruns = true;
    for (int p : f.params) e.reruns = e.reruns && !holds_arrays(f.vars[p].type);
    out_.exports.push_back(e);
}

// ------------------------------------------------------------ statements
// Before every statement, also one on the same line as the last: a versioned loop's second
// copy starts with its own directive, so each copy's C++ is told apart (pyrite annotate)
void Emitter::line_directive(int line, int depth) {
    if (line <= 0) return;
    line_ = line;
    (void)depth;
    out_.definitions += "#line " + std::to_string(line) + " " + string_literal(f_->file) + "\n";
}

void Emitter::block(const ir::Block& b, int depth) {
    for (const ir::StmtP& s : b) stmt(*s, depth);
}

std::string Emitter::assign(const ir::Var& v, const std::string& value) {
    return var_name(v) + " = " + value + ";" + marks_bound(v);
}

std::string Emitter::marks_bound(const ir::Var& v) { return v.needs_flag ? " " + flag_name(v) + " = true;" : ""; }

std::string Emitter::test(const Expr& e) {
    std::string s = expr(e);
    if (e.type->is(TypeKind::Scalar) || e.type->is(TypeKind::Complex)) return "(" + s + " != " + type(e.type) + "(0))";
    return is_bool(e.type) ? s : "pyrite::truthy(" + s + ")";
}

std::string Emitter::strip_parens(const std::string& s) {
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
    if (s[1] == '{') return s;  // a statement expression, ({ ...; value; }) (sequenced)
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '(') ++depth;
        if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) return s;
        if (s[i] == ',' && depth == 1) return s;  // (a, b) is a comma expression: keep its parentheses
    }
    return s.substr(1, s.size() - 2);
}

Output emit(const ir::Module& m) {
    ValueClasses values(m);
    return Emitter(m).run();
}

}  // namespace pyrite::codegen
