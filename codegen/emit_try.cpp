// codegen: exceptions. try/except/else/finally, raise, and the traceback entry every
// function adds for an exception that leaves it (runtime/include/pyrite/exceptions.hpp).
//
// An exception is a thrown pyrite::Error, so a try that raises nothing costs nothing. A try
// with handlers is a C++ try whose catch tests each clause in order and rethrows what none
// takes:
//
//   try {
//       <body>
//   } catch (pyrite::Error& error_1) {
//       if (pyrite::exc_derives(error_1.kind, pyrite::Exc::KeyError)) {
//           v_e = error_1;
//           try { <handler> } catch (pyrite::Error& inner_1) { pyrite::chain(inner_1, error_1); throw; }
//       } else {
//           throw;
//       }
//   }
//
// (what the handler raises gets the handled exception as its __context__). A finally runs on
// every way out, as CPython's compiler arranges it: a copy of it runs in the catch of an
// exception, which is then rethrown (a finally with loops runs once, after the exception was
// caught into pending_1, and re-raises it); a return, break or continue that leaves the try
// records which one it was in exit_1 (a return's value in pyrite_ret) and jumps to the other
// copy, after which the same jump is made again from there (through the next finally out, if
// there is one). A return, break or continue in the finally itself simply happens, dropping the
// exception, as in Python. The normal way out tests nothing. An int result beyond 64 bits
// (Error::limit) is taken by no handler and runs no finally: the module glue runs the whole call
// again in CPython (templates/module.cpp.j2), which runs them, or the call fails.
#include <functional>

#include "../ir/walk.hpp"
#include "../typeinfer/builtins.hpp"
#include "emitter.hpp"

namespace pyrite::codegen {

// A failed allocation (std::bad_alloc) is CPython's MemoryError() where compiled code handles
// exceptions: each try, and each function's frame, has an inner catch that makes it one, so
// `except MemoryError`, finally blocks and tracebacks see it as they see any exception
static const std::string kOutOfMemory = "catch (const std::bad_alloc&) { pyrite::out_of_memory(); }";

// what each compiled function wraps its body in: its frame for tracebacks, and the line it is on
void Emitter::frame_begin(const ir::Function& f, int index) {
    std::string& c = out_.definitions;
    c += "    int pyrite_line = " + std::to_string(f.loc.line) + ";  // for the traceback\n";
    bool ret_slot = false;
    ir::for_each_stmt(f.body, [&](const Stmt& s) { ret_slot = ret_slot || (s.kind == StmtKind::Try && !s.finalbody.empty()); });
    const Type* r = f.coroutine ? f.ret->gen_result() : f.ret;  // a generator's: what it returns (R)
    if (ret_slot && !(f.coroutine && r->is(TypeKind::None)))
        c += "    [[maybe_unused]] " + type(r) + " pyrite_ret{};  // a return's value while its finally runs\n";
    c += "    try {\n";
    (void)index;
}

void Emitter::frame_end(const ir::Function& f, int index) {
    std::string& c = out_.definitions;
    c += "    } catch (...) {  // what leaves: with this frame (a bad_alloc as MemoryError)\n";
    c += "        static constexpr pyrite::FrameInfo frame{" + string_literal(f.pyname) + ", " + string_literal(f.file) + "};\n";
    c += "        pyrite::leave_frame(&frame, pyrite_line);\n    }\n";
    (void)index;
}

// the line a statement starts on, for the traceback of an exception it raises: set before each
// statement that can raise (a store per statement in a loop costs; one that cannot raise needs none)
static bool may_raise(const Stmt& s) {
    switch (s.kind) {
        case StmtKind::Try:
        case StmtKind::Except:
        case StmtKind::Break:
        case StmtKind::Continue: return false;
        case StmtKind::Raise:
        case StmtKind::Yield:  // throw() raises there
        case StmtKind::Assert:
        case StmtKind::ForEach:  // iterating: a dict changed size
        case StmtKind::Del: return true;
        default: break;
    }
    unsigned r = 0;
    ir::for_each_expr_of(s, [&](const Expr& e) { r |= ir::raises(e); });
    if (s.kind == StmtKind::Store && s.target && s.target->kind != ExprKind::Attr) r |= ir::kIndex;
    return r != 0;
}
void Emitter::track_line(const Stmt& s, int depth) {
    if (s.loc.line > 0 && may_raise(s)) emit_line(depth, "pyrite_line = " + std::to_string(s.loc.line) + ";");
}

// whether an exception caught as error_N is one a clause names
std::string Emitter::handler_test(const Stmt& h, const std::string& error) {
    if (h.classes.empty()) return "true";  // a bare except
    std::string s;
    for (const std::string& c : h.classes) {
        s += s.empty() ? "" : " || ";
        if (c.rfind("class ", 0) != 0) {
            s += "pyrite::exc_derives(" + error + ".kind, pyrite::Exc::" + c + ")";
            continue;
        }
        for (size_t k = 0; k < m_.classes.size(); ++k)
            if (m_.classes[k].qualname == c.substr(6))
                s += "pyrite::caught_as<" + class_struct(class_type(static_cast<int>(k))) + ">(" + error + ")";
    }
    return s;
}

void Emitter::try_stmt(const Stmt& s, int depth) {
    includes_.insert("pyrite/exceptions.hpp");
    includes_.insert("optional");
    std::string n = std::to_string(++ntries_);
    bool fin = !s.finalbody.empty();
    // a finally without loops is printed twice: for the exception, in its catch (then rethrown),
    // and for every other way out, where no exception is pending and none is tested for
    bool twice = fin && !f_->coroutine;  // a generator's finally may yield: never in a catch
    ir::for_each_stmt(s.finalbody, [&](const Stmt& x) {
        twice = twice && x.kind != StmtKind::While && x.kind != StmtKind::ForRange && x.kind != StmtKind::ForEach;
    });
    emit_line(depth, "{");
    int d = depth + 1;
    if (fin) {
        emit_line(d, "[[maybe_unused]] int exit_" + n + " = 0;  // which return, break or continue left for the finally");
        if (!twice) emit_line(d, "std::optional<pyrite::Error> pending_" + n + ";  // the exception the finally re-raises");
        emit_line(d, "try { try {");
        finally_.push_back(FinallyFrame{n, {}, {}});
        ++d;
    }
    if (s.handlers.empty()) {
        block(s.body, d);
    } else if (bool values = find_value_raises(s, n); values || f_->coroutine) {
        deferred_handlers(s, d, n, values);
        for (auto it = value_raises_.begin(); it != value_raises_.end();)
            it = it->second.n == n ? value_raises_.erase(it) : std::next(it);
    } else {
        std::string error = "error_" + n;
        guarded_body(s, d, n, error);
        bool catch_all = false;
        for (size_t i = 0; i < s.handlers.size() && !catch_all; ++i) {
            const Stmt& h = *s.handlers[i];
            line_directive(h.loc.line, d + 1);
            emit_line(d + 1, (i ? "} else if (" : "if (") + handler_test(h, error) + ") {");
            catch_all = h.classes.empty();
            handler_clause(h, d + 2, n, error, "");
        }
        if (!catch_all) {
            emit_line(d + 1, "} else {");
            emit_line(d + 2, "throw;");
        }
        emit_line(d + 1, "}");
        emit_line(d, "}");
        else_clause(s, d, n);
    }
    if (fin) {
        FinallyFrame frame = finally_.back();
        finally_.pop_back();
        std::string pending = "pending_" + n;
        d = depth + 1;
        emit_line(d, "} " + kOutOfMemory + " } catch (pyrite::Error& error) {");
        // an int beyond 64 bits: the glue runs the call again in CPython, which runs this
        // finally itself (here, a return in it would drop the error, and the call be lost)
        emit_line(d + 1, "if (error.limit) throw;");
        if (twice) {  // the finally, then the exception again (a return or break in it drops it)
            emit_line(d + 1, "try {");
            block(s.finalbody, d + 2);
            emit_line(d + 1, "} catch (pyrite::Error& inner_" + n + ") {  // raised in the finally: its __context__");
            emit_line(d + 2, "pyrite::chain(inner_" + n + ", error);");
            emit_line(d + 2, "throw;");
            emit_line(d + 1, "}");
            emit_line(d + 1, "throw;");
        } else {
            emit_line(d + 1, pending + ".emplace(error);");
        }
        emit_line(d, "}");
        if (!frame.jumps.empty()) emit_line(d, "finally_" + n + ":;");
        if (twice) {
            block(s.finalbody, d);
        } else {
            emit_line(d, "try {");
            block(s.finalbody, d + 1);
            emit_line(d, "} catch (pyrite::Error& inner_" + n + ") {  // raised in the finally: the pending one is its __context__");
            emit_line(d + 1, "if (" + pending + ") pyrite::chain(inner_" + n + ", *" + pending + ");");
            emit_line(d + 1, "throw;");
            emit_line(d, "}");
            emit_line(d, "if (" + pending + ") pyrite::raise_again(*" + pending + ");");
        }
        for (size_t k = 0; k < frame.jumps.size(); ++k) {
            emit_line(d, "if (exit_" + n + " == " + std::to_string(k + 1) + ") {");
            jump(*frame.jumps[k], d + 1, true);
            emit_line(d, "}");
        }
    }
    emit_line(depth, "}");
}

// A try's handlers in a generator object: C++ resumes no coroutine inside a catch, so the catch
// only chooses the clause (handler_N) and keeps the exception (error_N); the clause runs after it,
// where it may yield, and a bare raise there raises error_N again. A try whose body raises
// exceptions as values its handlers take (raises_values: find_value_raises) is printed so too:
// such a call that fails has made its exception in error_N, chosen its clause and jumped to
// raised_N, past the catch
void Emitter::deferred_handlers(const Stmt& s, int d, const std::string& n, bool raises_values) {
    std::string error = "error_" + n, which = "handler_" + n;
    emit_line(d, "int " + which + " = 0;  // the clause that takes the exception");
    emit_line(d, "pyrite::Error " + error + ";");
    guarded_body(s, d, n, "caught_" + n);
    bool catch_all = false;
    for (size_t i = 0; i < s.handlers.size() && !catch_all; ++i) {
        const Stmt& h = *s.handlers[i];
        catch_all = h.classes.empty();
        emit_line(d + 1, std::string(i ? "else " : "") + "if (" + handler_test(h, "caught_" + n) + ") " + which + " = " +
                             std::to_string(i + 1) + ";");
    }
    if (!catch_all) emit_line(d + 1, "else throw;");
    // one exception object, its copies sharing the state (a bare raise's is not its own __context__)
    emit_line(d + 1, "pyrite::state_of(caught_" + n + ");");
    emit_line(d + 1, error + " = caught_" + n + ";");
    emit_line(d, "}");
    if (raises_values) emit_line(d, "raised_" + n + ":;  // where a fallible call's exception comes, its clause chosen");
    for (size_t i = 0; i < s.handlers.size(); ++i) {
        const Stmt& h = *s.handlers[i];
        line_directive(h.loc.line, d);
        emit_line(d, "if (" + which + " == " + std::to_string(i + 1) + ") {");
        handler_clause(h, d + 1, n, error, error);
        emit_line(d, "}");
        if (h.classes.empty()) break;
    }
    else_clause(s, d, n);
}

// d[k] of a plain dict (a Counter's or defaultdict's raises nothing), xs[i] of a list: the
// subscripts whose exception may be made as a value (value_subscript's `.get(error, key)`)
bool value_subscript(const Expr& e) {
    const Type* c = e.args[0]->type;
    bool dict = c->is(TypeKind::Dict) && c->name.empty();
    bool list = c->is(TypeKind::List) && !e.unchecked_axes && e.args[1]->type &&
                (e.args[1]->type->is(TypeKind::Int) || e.args[1]->type->is(TypeKind::Bool));
    return (dict || list) && e.args[1]->kind != ExprKind::IndexParts;
}

// the exception e may make as a value, where it is in a try's body or a fallible copy: int(s) and
// float(s)'s (PYRITE_FALLIBLE), d[k]'s, xs[i]'s; or null
const char* value_exception(const Expr& e) {
    if (e.kind == ExprKind::CallBuiltin && e.overload && e.overload->braced < 0 && !e.overload->fallible.empty() &&
        !e.no_overflow)  // (signs: proven not to fail)
        return e.overload->fallible.c_str();
    if (e.kind == ExprKind::Subscript && value_subscript(e))
        return e.args[0]->type->is(TypeKind::Dict) ? "KeyError" : "IndexError";
    return nullptr;
}

// The statements of a block (and of its ifs; with `loops`, of its plain loops too) and the
// expressions in them from which a jump may leave it, a goto out of a try's body or a return out
// of the function: reached through operators, calls of compiled functions, str(), repr(), len()
// and xs.append(), never in a lambda that the C++ of a comprehension, a key function or a chained
// comparison puts them in, nor in another try. A loop of an inlined generator, a parallel one, one
// that steps a variable uncounted (borrowed) or a comprehension's is not entered.
void jump_safe(const ir::Block& b, bool loops, const std::function<void(const Stmt&)>& at_stmt,
               const std::function<void(const Expr&)>& at_expr) {
    std::function<void(const Expr&)> visit = [&](const Expr& e) {
        at_expr(e);
        bool through = false;
        switch (e.kind) {
            case ExprKind::CallBuiltin: through = e.overload && e.overload->braced < 0; break;
            case ExprKind::Subscript: through = value_subscript(e); break;
            case ExprKind::Binary:
            case ExprKind::Unary: through = is_int(e.type) || is_float(e.type) || is_bool(e.type); break;
            case ExprKind::Compare:  // of numbers (`x in tuple` puts x in a lambda)
                through = e.cmps.size() == 1;
                for (const ir::ExprP& a : e.args) through = through && (is_int(a->type) || is_float(a->type) || is_bool(a->type));
                break;
            case ExprKind::CallFunc: through = !e.dispatch; break;
            case ExprKind::Intrinsic:  // str(x), repr(x), len(x) of what is not an array
                through = (e.operation == ops::Op::StrOf || e.operation == ops::Op::Repr || e.operation == ops::Op::Len) &&
                          e.args.size() == 1 && !e.args[0]->type->is(TypeKind::Array);
                break;
            case ExprKind::Method: through = e.operation == ops::Op::ListAppend; break;  // xs.append(v)
            default: break;
        }
        if (through)
            for (const ir::ExprP& a : e.args) visit(*a);
    };
    std::function<void(const ir::Block&)> statements = [&](const ir::Block& block) {
        for (const ir::StmtP& x : block) {
            at_stmt(*x);
            bool simple = x->kind == StmtKind::Assign || x->kind == StmtKind::ExprStmt || x->kind == StmtKind::Return ||
                          x->kind == StmtKind::If ||
                          (x->kind == StmtKind::Store && x->target && x->target->kind == ExprKind::Subscript &&
                           !x->slice_from_self);  // its value: into a local first
            if (simple && x->borrowed.empty() && x->value) visit(*x->value);
            if (x->kind == StmtKind::If && x->borrowed.empty()) {
                statements(x->body);
                statements(x->orelse);
            }
            if (!loops || !x->borrowed.empty() || x->parallel) continue;
            if ((x->kind == StmtKind::While && !x->once && !x->yield_body && !x->gen_region) ||
                (x->kind == StmtKind::ForEach && !x->comp_frame) || x->kind == StmtKind::ForRange) {
                statements(x->body);
                statements(x->fast);
            }
        }
    };
    statements(b);
}

// Exceptions as values: a call of a fallible builtin (int(s), float(s): PYRITE_FALLIBLE in
// core.hpp), a plain dict's d[k], a list's xs[i] or a compiled function's fallible copy
// (emit_fallible.cpp) in the try's body (jump_safe), whose exception one of its handlers may
// take, calls the overload that makes the exception in error_N instead of throwing it, and jumps
// to that handler: a C++ throw and its unwinding cost 2 us, more than CPython's whole raise and catch
bool Emitter::find_value_raises(const Stmt& s, const std::string& n) {
    auto handler_for = [&](const std::string& exc) {
        const Type* raised = Type::exception(exc);
        for (size_t i = 0; i < s.handlers.size(); ++i) {
            const Stmt& h = *s.handlers[i];
            if (h.classes.empty()) return static_cast<int>(i) + 1;
            for (const std::string& c : h.classes)
                if (raised && c.rfind("class ", 0) != 0 && raised->derives_from(Type::exception(c)))
                    return static_cast<int>(i) + 1;
        }
        return 0;  // a class of the program: it derives from the builtin ones, none from it
    };
    // whether handler h (from 1) binds the exception to a name or raises it again (a bare raise)
    auto sees_object = [&](int h) {
        const Stmt& clause = *s.handlers[static_cast<size_t>(h - 1)];
        bool sees = clause.var >= 0;
        ir::for_each_stmt(clause.body, [&](const Stmt& x) {
            sees = sees || (x.kind == StmtKind::Raise && !x.value && x.message.empty());
        });
        return sees;
    };
    bool found = false;
    jump_safe(s.body, false, [](const Stmt&) {}, [&](const Expr& e) {
        const char* exc = value_exception(e);
        if (int h = exc ? handler_for(exc) : 0) {
            value_raises_[&e] = {n, h, sees_object(h)};
            found = true;
        }
        if (e.kind == ExprKind::CallFunc && !e.dispatch && !pure_ && fallible_.count(e.callee)) {
            value_raises_[&e] = {n, 0, false, &s};  // its clause: chosen as the catch chooses it
            found = true;
        }
    });
    return found;
}

// `call` of a fallible builtin or copy, which returns std::optional of its value: empty, it has
// made its exception in error_N; its handler is chosen and taken. A handler that never sees the exception
// as an object (no `as` name, no bare raise) needs no state shared by its copies: none is made (an
// allocation per failed int(s))
std::string Emitter::value_raise(const Expr& e, const std::string& call) {
    const ValueRaise& v = value_raises_.at(&e);
    std::string r = "fallible" + std::to_string(ntemps_++), choose;
    if (v.handler) {
        choose = (v.object ? "pyrite::state_of(error_" + v.n + "); " : "") + "handler_" + v.n + " = " + std::to_string(v.handler) + "; ";
    } else {  // a compiled function's: what it raised chooses, as the catch would (none: thrown, to be caught so)
        for (size_t i = 0; i < v.try_stmt->handlers.size(); ++i) {
            const Stmt& h = *v.try_stmt->handlers[i];
            std::string take = "handler_" + v.n + " = " + std::to_string(i + 1) + "; ";
            if (h.classes.empty()) {
                choose += i ? "else " + take : take;
                break;
            }
            choose += std::string(i ? "else " : "") + "if (" + handler_test(h, "error_" + v.n) + ") " + take;
            if (i + 1 == v.try_stmt->handlers.size()) choose += "else pyrite::raise_again(error_" + v.n + "); ";
        }
    }
    return "({ auto " + r + " = " + strip_parens(call) + "; if (PYRITE_UNLIKELY(!" + r + ")) { " + choose + "goto raised_" +
           v.n + "; } *std::move(" + r + "); })";
}

// A try's body, in the C++ try whose catch (of `caught`, left open) takes what it raises, but
// not an int beyond 64 bits nor what passes an inlined generator (Error::limit, through); it
// records whether it ended normally, for the else clause
void Emitter::guarded_body(const Stmt& s, int d, const std::string& n, const std::string& caught) {
    std::string done = "completed_" + n;
    if (!s.orelse.empty()) emit_line(d, "bool " + done + " = false;  // else runs when the body ends normally");
    emit_line(d, "try { try {");
    block(s.body, d + 1);
    if (!s.orelse.empty()) emit_line(d + 1, done + " = true;");
    emit_line(d, "} " + kOutOfMemory + " } catch (pyrite::Error& " + caught + ") {");
    emit_line(d + 1, "if (" + caught + ".limit || " + caught + ".through) throw;  // a 64-bit int overflowed (CPython "
                     "would not raise), or the loop's body raised through a generator");
}

// an except clause's statements: its `as e` bound, what they raise chained to the exception they
// handle (error), which a bare raise raises again (`reraise`: "" inside its catch, where it is `throw;`)
void Emitter::handler_clause(const Stmt& h, int d, const std::string& n, const std::string& error,
                             const std::string& reraise) {
    if (h.var >= 0) {
        const ir::Var& v = f_->vars[h.var];
        std::string value = v.type->is(TypeKind::Object) ? "pyrite::caught<" + class_struct(v.type) + ">(" + error + ")" : error;
        emit_line(d, assign(v, value));
    }
    bool bare = false;  // a bare raise: its traceback shows the line it was raised at here, as CPython's keeps
    ir::for_each_stmt(h.body, [&](const Stmt& x) { bare = bare || (x.kind == StmtKind::Raise && !x.value && x.message.empty()); });
    if (bare) emit_line(d, "[[maybe_unused]] const int raised_line_" + n + " = pyrite_line;");
    emit_line(d, "try {");
    handling_.push_back({reraise, bare ? "raised_line_" + n : ""});
    block(h.body, d + 1);
    handling_.pop_back();
    emit_line(d, "} catch (pyrite::Error& inner_" + n + ") {  // raised while handling: its __context__");
    emit_line(d + 1, "pyrite::chain(inner_" + n + ", " + error + ");");
    emit_line(d + 1, "throw;");
    emit_line(d, "}");
}

void Emitter::else_clause(const Stmt& s, int d, const std::string& n) {
    if (s.orelse.empty()) return;
    emit_line(d, "if (completed_" + n + ") {");
    block(s.orelse, d + 1);
    emit_line(d, "}");
}

// return, break and continue: through the finally blocks they leave (the innermost first)
void Emitter::jump(const Stmt& s, int depth, bool value_stored) {
    if (!finally_.empty()) {
        FinallyFrame& f = finally_.back();
        if (s.kind == StmtKind::Return || !f.inner_loops.count(s.loop_id)) {
            f.jumps.push_back(&s);
            std::string go = "exit_" + f.id + " = " + std::to_string(f.jumps.size()) + "; goto finally_" + f.id + ";";
            const Type* r = f_->coroutine ? f_->ret->gen_result() : f_->ret;
            if (s.kind == StmtKind::Return && !value_stored && !(f_->coroutine && r->is(TypeKind::None))) {
                std::string v = s.value ? convert(strip_parens(expr(*s.value)), s.value->type, r)
                                        : convert("pyrite::none_t{}", Type::none(), r);
                go = "pyrite_ret = " + type(r) + "(" + strip_parens(v) + "); " + go;
            }
            emit_line(depth, "{ " + go + " }");
            return;
        }
    }
    switch (s.kind) {
        case StmtKind::Break:
            emit_line(depth, left_by_goto(s.loop_id) ? "goto break_" + std::to_string(s.loop_id) + ";" : "break;");
            break;
        case StmtKind::Continue: emit_line(depth, "continue;"); break;
        default:
            if (f_->coroutine && f_->ret->gen_result()->is(TypeKind::None)) {  // a generator's return: its end
                if (s.value && !value_stored && s.value->kind != ExprKind::NoneConst)
                    emit_line(depth, "(void)" + expr(*s.value) + ";");
                emit_line(depth, "co_return;");
            } else if (f_->coroutine) {  // `return v`: what its StopIteration carries (R)
                const Type* r = f_->ret->gen_result();
                emit_line(depth, value_stored ? "co_return pyrite_ret;"
                                 : "co_return " + type(r) + "(" +
                                       strip_parens(s.value ? convert(expr(*s.value), s.value->type, r)
                                                            : convert("pyrite::none_t{}", Type::none(), r)) + ");");
            } else if (value_stored) {
                emit_line(depth, "return pyrite_ret;");
            } else {
                emit_line(depth, s.value ? "return " + strip_parens(convert(expr(*s.value), s.value->type, f_->ret)) + ";"
                                         : "return pyrite::none_t{};");
            }
            break;
    }
}

// An inlined generator (frontend/lower_generators.cpp): what the loop's body raises at a yield
// leaves the generator's statements without their handlers taking it (a suspended generator's
// do not), though their finally blocks run, as close() runs them; past the generator, handlers
// take it again
void Emitter::generator_guard(const Stmt& once, int depth) {
    includes_.insert("pyrite/exceptions.hpp");
    if (once.delegating) {  // a generator object's yield, whose throw() and close() raise in the generator (PEP 380)
        block(once.body, depth);
        return;
    }
    emit_line(depth, "try {");
    block(once.body, depth + 1);
    emit_line(depth, "} catch (pyrite::Error& passing) {");
    if (once.yield_body) {
        emit_line(depth + 1, "++passing.through;  // the generator's handlers let it by");
    } else {
        emit_line(depth + 1, "if (passing.through) {");
        emit_line(depth + 2, "--passing.through;  // past the generator");
        emit_line(depth + 1, "} else {  // from the generator's own statements: its frame, then the loop's line");
        emit_line(depth + 2, "static constexpr pyrite::FrameInfo gen_frame{" + string_literal(once.gen_name) + ", " +
                                 string_literal(once.gen_file) + "};");
        emit_line(depth + 2, "pyrite::add_frame(passing, &gen_frame, pyrite_line);");
        emit_line(depth + 2, "pyrite_line = " + std::to_string(once.loc.line) + ";");
        emit_line(depth + 2, "if (passing.kind == pyrite::Exc::StopIteration && !passing.limit) "
                             "pyrite::generator_raised_stop(passing);  // PEP 479");
        emit_line(depth + 1, "}");
    }
    emit_line(depth + 1, "throw;");
    emit_line(depth, "}");
}

// A loop's body; a comprehension's first loop's passes what it raises through the comprehension's
// own frame, which CPython 3.11 gives list, set and dict comprehensions (3.12 inlines those, PEP
// 709) and every version generator expressions: its line, then the comprehension's for the function
void Emitter::loop_body(const Stmt& loop, const ir::Block& body, int depth) {
    if (!loop.comp_frame) return block(body, depth);
    includes_.insert("pyrite/exceptions.hpp");
    bool genexp = loop.gen_name == "<genexpr>";
    emit_line(depth, "try {");
    block(body, depth + 1);
    emit_line(depth, "} catch (pyrite::Error& passing) {");
    if (!genexp) out_.definitions += "#if PY_VERSION_HEX < 0x030C0000\n";
    emit_line(depth + 1, "static constexpr pyrite::FrameInfo comp_frame{" + string_literal(loop.gen_name) + ", " +
                             string_literal(loop.gen_file) + "};");
    emit_line(depth + 1, "if (!passing.limit) pyrite::add_frame(passing, &comp_frame, pyrite_line);");
    if (!genexp) out_.definitions += "#endif\n";
    emit_line(depth + 1, "pyrite_line = " + std::to_string(loop.comp_line) + ";");
    emit_line(depth + 1, "throw;");
    emit_line(depth, "}");
}

// a loop inside the try: its break and continue leave no finally
void Emitter::loop_started(const Stmt& s) {
    for (FinallyFrame& f : finally_) f.inner_loops.insert(s.loop_id);
}

// raise X(msg), raise obj, raise e, raise ... from cause, and a bare raise (in a handler)
void Emitter::raise_stmt(const Stmt& s, int depth) {
    if (pure_) {  // a recursion's pure copy (emit_pure.cpp): the function as written raises it
        emit_line(depth, "pyrite::fail();");
        return;
    }
    if (!s.value && s.message.empty()) {
        if (!handling_.empty() && !handling_.back().line.empty()) emit_line(depth, "pyrite_line = " + handling_.back().line + ";");
        if (!handling_.empty() && !handling_.back().reraise.empty())
            emit_line(depth, "pyrite::raise_again(" + handling_.back().reraise + ");  // the exception being handled, again");
        else
            emit_line(depth, "throw;  // the exception being handled, again");
        return;
    }
    std::string exc;  // the exception, as a pyrite::Error
    if (!s.message.empty() && s.value && s.value->kind == ExprKind::Tuple) {  // X(a, b, ...): its args, in order
        std::string args;
        for (const ir::ExprP& a : s.value->args)
            args += (args.empty() ? "" : ", ") + std::string("pyrite::ExcArg(") + strip_parens(expr(*a)) + ")";
        exc = "pyrite::exception_of(pyrite::Exc::" + s.message + ", {" + args + "})";
    } else if (!s.message.empty() && s.value && !s.value->type->is(TypeKind::Str)) {  // raise KeyError(5): kept in its args
        exc = "pyrite::exception_of(pyrite::Exc::" + s.message + ", {pyrite::ExcArg(" + strip_parens(expr(*s.value)) + ")})";
    } else if (!s.message.empty()) {  // one str argument, or none (args is then ())
        std::string args = "pyrite::Exc::" + s.message + ", " +
                           (s.value ? "pyrite::utf8(" + strip_parens(expr(*s.value)) + ")" : "std::string()") + ", " +
                           (s.value ? "true" : "false");
        if (!s.target && !fallible_raise(s)) {  // core.hpp's raise_exception: made and thrown out of line
            emit_line(depth, "pyrite::raise_exception(" + args + ");");
            return;
        }
        exc = "pyrite::make_exception(" + args + ")";
    } else {
        exc = "pyrite::Error(" + strip_parens(expr(*s.value)) + ")";
    }
    includes_.insert("pyrite/exceptions.hpp");
    if (fallible_raise(s)) {  // in a fallible copy: returned, with this frame (emit_fallible.cpp)
        emit_line(depth, "{");
        emit_line(depth + 1, "pyrite_error = " + exc + ";");
        emit_line(depth + 1, "pyrite::add_frame(pyrite_error, &pyrite_frame, pyrite_line);");
        emit_line(depth + 1, "return std::nullopt;");
        emit_line(depth, "}");
        return;
    }
    if (!s.target) {
        emit_line(depth, "pyrite::raise_again(" + exc + ");");
        return;
    }
    const Type* c = s.target->type;
    std::string cause = c->is(TypeKind::None) ? "(" + expr(*s.target) + ", std::nullopt)"
                        : c->is(TypeKind::Optional)
                            ? "[](const auto& c) { return c ? std::optional<pyrite::Error>(pyrite::Error(*c)) : std::nullopt; }(" +
                                  strip_parens(expr(*s.target)) + ")"
                            : "std::optional<pyrite::Error>(pyrite::Error(" + strip_parens(expr(*s.target)) + "))";
    // the exception is made first, then its cause, as CPython evaluates them
    emit_line(depth, "{");
    emit_line(depth + 1, "pyrite::Error exception = " + exc + ";");
    emit_line(depth + 1, "pyrite::raise_from(std::move(exception), " + cause + ");");
    emit_line(depth, "}");
}

// MyError(a, b): args (a, b) (its positional arguments, names and constants by then: the
// frontend's exception_new), then its __init__
std::string Emitter::exception_new(const Expr& e) {
    includes_.insert("pyrite/exceptions.hpp");
    const Type* t = class_type(e.callee);
    std::string s = class_struct(t);
    const ir::Class& cls = m_.classes[e.callee];
    std::string args;
    if (e.exc_args)
        for (size_t i = 0; i + e.kwnames.size() < e.args.size(); ++i)
            args += (args.empty() ? "" : ", ") + std::string("pyrite::ExcArg(") + strip_parens(expr(*e.args[i])) + ")";
    std::string init = cls.init < 0 ? "(void)pyrite_self" : call_function(e, cls.init, 1, "pyrite_self");
    return "pyrite::construct_exception<" + s + ">({" + args + "}, [&](const pyrite::Ref<" + s + ">& pyrite_self) { " + init +
           "; })";
}

}  // namespace pyrite::codegen
