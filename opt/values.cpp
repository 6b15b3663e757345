// values: a class whose instances no code can tell from copies is compiled as a C++ value (a
// struct held by value: no allocation, no reference count; Class::value), as a NamedTuple is.
// GCC then keeps a small instance (a Vec3 of three floats) in registers across inlined methods.
//
// Python tells an object from a copy of it in two ways: by identity (`is`, id(), == and hash() of a
// class without __eq__/__hash__, the default repr's address, `in` and list.index, which try
// identity first) and by mutation (obj.x = v seen through another name). So a class is a value
// when all of these hold:
//   - it is a plain class or dataclass: no base, no subclass, not an exception, Enum or NamedTuple;
//   - its fields are assigned only by its __init__, through `self`, each one on every path
//     (Field::always_set), and __init__ uses `self` for nothing else (so no half-made instance is
//     handed on); no field leads back to the class (a struct cannot hold itself);
//   - its instances never cross the boundary: not in an entry point's parameters or result, nor in
//     what those reach through items and fields, nor in an exception class's fields, a call of a
//     Python function, a memoized function's arguments (its cache's keys), a dict key or a set
//     (so a class held by reference whose fields hold a value never crosses either: codegen gives
//     its boundary no code for them), nor a field that a dataclass's generated ==, repr() or
//     ordering, a frozen one's hash, or a NamedTuple's repr() reads;
//   - every expression holding one (the instance, `T | None`, a container or tuple of it) is used
//     only where a copy behaves the same (allowed() below): a field read, a call of a compiled
//     function, a constructor's argument, a variable, return, yield, an item of a tuple, list or
//     dict value, an item read, the list/dict/deque methods that move items without comparing
//     them, iteration, len(), enumerate, zip, reversed, sorted/min/max with key=, `x is None`,
//     print(), str(), repr() and f-strings (which call __repr__/__str__: typeinfer refuses a class
//     that has neither, whose default repr shows the address), isinstance() (by the static type),
//     a truth test where the class has no __bool__ or __len__, and where the class orders by its
//     __lt__, sorting, heapq, bisect, min and max without key=.
// A dataclass whose fields all compare exactly (no float: exact_eq) may also be compared with ==,
// looked up with `in`, list.index/count/remove, and (frozen, so hashed by its fields) be a dict key
// or a set's item.
// Anything else (`is`, a comparison, a truth test by __bool__, a hash by identity ...) keeps the class a reference
// to an instance, as before: an unlisted use costs speed, never a difference.
#include <functional>
#include <set>

#include "../ir/walk.hpp"
#include "opt.hpp"

namespace pyrite::opt {

using ir::CmpOp;
using ir::Expr;
using ir::ExprKind;
using ir::Stmt;
using ir::StmtKind;
using ops::Op;

namespace {

class Values {
public:
    explicit Values(ir::Module& m) : m_(m), value_(m.classes.size(), false) {}

    void run() {
        for (size_t k = 0; k < m_.classes.size(); ++k) value_[k] = candidate(static_cast<int>(k));
        boundary();
        for (const ir::Class& c : m_.classes)
            for (const ir::Field& fd : c.fields) scan_type(fd.type);
        for (size_t i = 0; i < m_.functions.size(); ++i) {
            ir::Function& f = m_.functions[i];
            if (!f.compiled()) continue;  // an inlined generator's statements are its callers' now
            f_ = &f;
            fn_ = static_cast<int>(i);
            for (const ir::Var& v : f.vars) scan_type(v.type);
            ir::for_each_stmt_deep(f.body, [&](Stmt& s) { statement(s); });
            ir::for_each_node(f.body, [&](Expr& e) { node(e); });
            for (const ir::ExprP& d : f.defaults)
                if (d) taint(d->type);  // the glue holds defaults
            init_self(static_cast<int>(i));
        }
        // what a class held by reference does with its fields as a whole (a dataclass's generated
        // ==, repr() and ordering, a frozen one's hash, a NamedTuple's repr()) would compare, print or
        // hash a value
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t k = 0; k < m_.classes.size(); ++k) {
                const ir::Class& c = m_.classes[k];
                bool whole = c.namedtuple || (c.dataclass && (c.eq || c.repr || c.order)) ||
                             m_.hash_kind(static_cast<int>(k)) == ir::Module::Hash::Fields;
                if (value_[k] || !whole) continue;
                for (const ir::Field& fd : c.fields)
                    if (mentions(fd.type)) {
                        taint(fd.type);
                        changed = true;
                    }
            }
        }
        for (size_t k = 0; k < m_.classes.size(); ++k) m_.classes[k].value = value_[k];
    }

private:
    // a plain class whose fields are all set by its making and cannot lead back to it
    bool candidate(int k) const {
        const ir::Class& c = m_.classes[k];
        if (c.namedtuple || c.is_enum || c.refused || c.base >= 0 || !c.type || c.type->exc) return false;
        for (const ir::Class& other : m_.classes)
            if (other.base == k) return false;
        for (const ir::Field& fd : c.fields)
            if (!fd.always_set || !fd.type || m_.leads_to(fd.type, k)) return false;
        return true;
    }

    // every class t holds itself (an instance, T | None, a container's items, a tuple's), not
    // through the fields of the instances it holds
    void taint(const Type* t) {
        if (!t) return;
        if (t->is(TypeKind::Object) && t->cls >= 0 && t->cls < static_cast<int>(value_.size())) value_[t->cls] = false;
        for (const Type* e : t->elems) taint(e);
    }

    bool mentions(const Type* t) const {
        if (!t) return false;
        if (t->is(TypeKind::Object) && t->cls >= 0 && t->cls < static_cast<int>(value_.size()) && value_[t->cls]) return true;
        for (const Type* e : t->elems)
            if (mentions(e)) return true;
        return false;
    }

    // What crosses into Python: entry points' parameters and results, exception classes' fields,
    // memoized functions' arguments, the module's globals (ITEMS = [Item(...), ...]); and, through their fields, every class an instance of which
    // those hold (a subclass's fields too: a Shape parameter may hold a Circle)
    void boundary() {
        std::vector<const Type*> todo;
        for (const ir::Function& f : m_.functions) {
            bool entry = f.exported || (f.specializes >= 0 && m_.functions[f.specializes].exported);
            if (!entry && f.memo == 0) continue;
            for (int p : f.params) todo.push_back(f.vars[p].type);
            if (entry) todo.push_back(f.ret);
        }
        for (const ir::Class& c : m_.classes)
            if (c.type && c.type->exc)
                for (const ir::Field& fd : c.fields) todo.push_back(fd.type);
        for (const ir::Global& g : m_.globals) todo.push_back(g.type);  // a module's list, read at each call
        cross(todo);
    }
    void cross(std::vector<const Type*> todo) {
        while (!todo.empty()) {
            const Type* t = todo.back();
            todo.pop_back();
            if (!t) continue;
            for (const Type* e : t->elems) todo.push_back(e);
            if (!t->is(TypeKind::Object) || t->cls < 0 || crossed_.count(t->cls)) continue;
            crossed_.insert(t->cls);
            value_[t->cls] = false;
            for (size_t j = 0; j < m_.classes.size(); ++j)
                if (derives(static_cast<int>(j), t->cls))
                    for (const ir::Field& fd : m_.classes[j].fields) todo.push_back(fd.type);
        }
    }
    bool derives(int j, int k) const {
        for (int c = j; c >= 0; c = m_.classes[c].base)
            if (c == k) return true;
        return false;
    }

    // types that hash or compare their items, or reach Python
    void scan_type(const Type* t) {
        if (!t) return;
        if ((t->is(TypeKind::Dict) || t->is(TypeKind::Set)) && !t->elems.empty() && !all_exact(t->elem(), true))
            taint(t->elem());
        if (t->is(TypeKind::PyFunction)) cross({t});
        for (const Type* e : t->elems) scan_type(e);
    }

    // an instance, or T | None, whose truth its class's __bool__ or __len__ decides (without them an
    // instance is true, and T | None is `is not None`: a copy's truth is the same)
    bool truth_tested(const Type* t) const {
        if (t && t->is(TypeKind::Optional)) t = t->elem();
        return t && t->is(TypeKind::Object) && t->cls >= 0 &&
               (m_.method(t->cls, "__bool__") >= 0 || m_.method(t->cls, "__len__") >= 0);
    }

    // a dataclass whose generated == compares fields that each equal only what is the same value
    // (ints, bools, strs, enum members, tuples of them, such frozen dataclasses, instances held by
    // reference: no float, whose nan is not equal to itself, where CPython's tuple == tries identity
    // first): == of two instances, `in`, list.index and a dict key give the same answers by value
    // as by identity
    bool exact_eq(int k) const {
        const ir::Class& c = m_.classes[k];
        if (!value_[k] || !c.dataclass || !c.eq || ir::Class::find(c.methods, "__eq__") >= 0) return false;
        std::function<bool(const Type*)> exact = [&](const Type* t) {
            if (!t) return false;
            if (t->is(TypeKind::Int) || t->is(TypeKind::Bool) || t->is(TypeKind::Str) || t->is(TypeKind::Enum)) return true;
            if (t->is(TypeKind::Object)) {  // a reference compares and hashes as in CPython (identity first)
                if (t->cls == k) return false;
                return !value_[t->cls] || (exact_eq(t->cls) && m_.hash_kind(t->cls) == ir::Module::Hash::Fields);
            }
            if (!t->is(TypeKind::Tuple)) return false;
            for (const Type* e : t->elems)
                if (!exact(e)) return false;
            return true;
        };
        for (const ir::Field& fd : c.fields)
            if (!exact(fd.type)) return false;
        return true;
    }
    // every value class t holds is exact_eq (and hashes by its fields, for a dict key)
    bool all_exact(const Type* t, bool hashed) const {
        if (!t) return true;
        if (t->is(TypeKind::Object) && t->cls >= 0 && value_[t->cls] &&
            (!exact_eq(t->cls) || (hashed && m_.hash_kind(t->cls) != ir::Module::Hash::Fields)))
            return false;
        for (const Type* e : t->elems)
            if (!all_exact(e, hashed)) return false;
        return true;
    }

    // every value class t holds orders by its __lt__ (Module::ordering): sorting, heapq, bisect, min
    // and max compare items with it alone (ties keep positions, not identities)
    bool all_ordered(const Type* t) const {
        if (!t) return true;
        if (t->is(TypeKind::Object) && t->cls >= 0 && value_[t->cls] && m_.ordering(t->cls) < 0) return false;
        for (const Type* e : t->elems)
            if (!all_ordered(e)) return false;
        return true;
    }
    // deque's methods that move items without comparing them
    static const std::set<std::string>& deque_methods() {
        static const std::set<std::string> names = {"append", "appendleft", "pop", "popleft", "extend",
                                                    "extendleft", "clear", "rotate", "copy"};
        return names;
    }
    static bool has_key(const Expr& e) {
        for (const std::string& k : e.kwnames)
            if (k == "key") return true;
        return false;
    }

    // whether e may use its operand i, which holds a value class, as it would a copy
    bool allowed(const Expr& e, size_t i) const {
        switch (e.kind) {
            case ExprKind::Attr:       // a field read
            case ExprKind::CallFunc:   // a compiled function's argument
            case ExprKind::New:        // a constructor's
            case ExprKind::Tuple:
            case ExprKind::List:
            case ExprKind::TupleGet:
            case ExprKind::FuncRef:    // a closure's captured variables
            case ExprKind::FuncCapture:
            case ExprKind::CallValue:
            case ExprKind::CallEach:
            case ExprKind::FuncAlt:
            case ExprKind::Block:
                return true;
            case ExprKind::DictDisplay: return i % 2 == 1 || all_exact(e.args[i]->type, true);  // a key by its fields
            case ExprKind::SetDisplay: return all_exact(e.args[i]->type, true);                   // an item by its fields
            case ExprKind::Binary: {  // a + b of lists and tuples moves items; | & - ^ of sets hash them by their fields
                const Type* t = e.args[i]->type;
                if (t->is(TypeKind::Set)) return all_exact(t, true);
                return t->is(TypeKind::List) || t->is(TypeKind::Tuple) || t->is(TypeKind::TupleOf);
            }
            case ExprKind::IfExp:  // the condition's truth: a container's is its length, an instance's its class's
                return i > 0 || !truth_tested(e.args[0]->type);
            case ExprKind::BoolOp:
                return !truth_tested(e.args[i]->type);
            case ExprKind::Unary:
                return e.op == static_cast<int>(ir::UnOp::Not) && !truth_tested(e.args[0]->type);
            case ExprKind::Subscript:
            case ExprKind::Slice: {
                if (i != 0)  // d[key]: a key by its fields
                    return e.kind == ExprKind::Subscript && e.args[0]->type->is(TypeKind::Dict) &&
                           all_exact(e.args[i]->type, true);
                const Type* t = e.args[0]->type;
                return t->is(TypeKind::List) || t->is(TypeKind::Tuple) || t->is(TypeKind::TupleOf) ||
                       t->is(TypeKind::Dict) || t->is(TypeKind::Deque);
            }
            case ExprKind::Method:  // list's and dict's methods (ops.def), as typeinfer resolved them
                switch (e.operation) {
                    case Op::ListAppend: case Op::ListExtend: case Op::ListInsert: case Op::ListPop:
                    case Op::ListReverse: case Op::ListClear: case Op::ListCopy:
                    case Op::DictGet: case Op::DictSetDefault: case Op::DictPop: case Op::DictPopItem:
                    case Op::DictKeys: case Op::DictValues: case Op::DictItems: case Op::DictUpdate:
                    case Op::DictClear: case Op::DictCopy:
                        return true;  // they move items without comparing them
                    case Op::SetAdd: case Op::SetDiscard: case Op::SetRemove: case Op::SetPop: case Op::SetClear:
                    case Op::SetCopy: case Op::SetUnion: case Op::SetIntersection: case Op::SetDifference:
                    case Op::SetSymDiff: case Op::SetUpdate: case Op::SetInterUpdate: case Op::SetDiffUpdate:
                    case Op::SetSymDiffUpdate: case Op::SetIsSubset: case Op::SetIsSuperset: case Op::SetIsDisjoint:
                        return all_exact(e.args[i]->type, true);  // items hashed and compared by their fields
                    case Op::ListSort: return has_key(e) || all_ordered(e.args[0]->type);
                    case Op::ListIndex: case Op::ListCount: case Op::ListRemove:
                        return all_exact(e.args[i]->type, false);  // ==, after identity in CPython
                    default:
                        return false;
                }
            case ExprKind::CallBuiltin: {  // deque's methods are builtins of the runtime (deque.hpp)
                const std::string prefix = "collections.deque.";
                if (e.name.rfind(prefix, 0) == 0) return deque_methods().count(e.name.substr(prefix.size())) > 0;
                // heapq and bisect order items by __lt__ (or their keys: a key function's result is
                // checked as a lambda's)
                if (e.name.rfind("heapq.", 0) == 0 || e.name.rfind("bisect.", 0) == 0)
                    return has_key(e) || all_ordered(e.args[i]->type);
                return false;
            }
            case ExprKind::Intrinsic:
                switch (e.operation) {
                    case Op::SetOf: case Op::FrozenSetOf: return all_exact(e.args[i]->type, true);
                    case Op::Len: case Op::Enumerate: case Op::Zip: case Op::Reversed: case Op::ListOf: case Op::DequeOf:
                    case Op::TupleOfIt: case Op::IterOf: case Op::Next: case Op::ItIslice: case Op::ItChain:
                    case Op::ItFromIterable: case Op::ItRepeat: case Op::ItCycle:
                    case Op::Print: case Op::StrOf: case Op::Repr:  // __repr__/__str__ (typeinfer refused the address)
                        return true;
                    case Op::Sorted: case Op::MinOf: case Op::MaxOf:  // the keys compared, or the items by __lt__
                        return has_key(e) || all_ordered(e.args[i]->type);
                    case Op::IsInstance:  // by the static type (a value class has no subclass to look for)
                        return !e.dispatch;
                    default:
                        return false;
                }
            case ExprKind::Compare: {  // x is None, x is not None; ==, !=, in, not in of exact dataclasses
                if (e.cmps.size() != 1) return false;
                CmpOp op = e.cmps[0];
                if (op == CmpOp::Is || op == CmpOp::IsNot)
                    return e.args[1 - i]->type && e.args[1 - i]->type->is(TypeKind::None);
                if (op == CmpOp::Eq || op == CmpOp::NotEq)
                    return e.args[0]->type == e.args[1]->type && all_exact(e.args[i]->type, false);
                if (op == CmpOp::In || op == CmpOp::NotIn)
                    return all_exact(e.args[i]->type, e.args[1]->type->is(TypeKind::Dict) || e.args[1]->type->is(TypeKind::Set));
                return false;
            }
            default:
                return false;
        }
    }

    void node(Expr& e) {
        if (e.kind == ExprKind::Lambda) taint(e.type);  // a key function's result is compared
        if ((e.kind == ExprKind::CallFunc && e.dispatch) || (e.kind == ExprKind::New && e.exc_args))
            for (const ir::ExprP& a : e.args) taint(a->type);  // through the instance's class; an exception's args
        if (e.kind == ExprKind::CallFunc)
            for (size_t k = 0; k < m_.classes.size(); ++k)
                if (m_.classes[k].init >= 0 && init_of(e.callee, static_cast<int>(k))) value_[k] = false;  // C.__init__(obj)
        scan_type(e.type);
        for (size_t i = 0; i < e.args.size(); ++i)
            if (mentions(e.args[i]->type) && !allowed(e, i)) taint(e.args[i]->type);
    }

    bool init_of(int fn, int k) const {
        int init = m_.classes[k].init;
        return fn >= 0 && (fn == init || m_.functions[fn].specializes == init);
    }

    void statement(Stmt& s) {
        switch (s.kind) {
            case StmtKind::If:
            case StmtKind::While:
            case StmtKind::Assert:
                if (s.value && truth_tested(s.value->type)) taint(s.value->type);
                break;
            case StmtKind::Store:
                if (s.target && s.target->kind == ExprKind::Attr) {  // obj.x = v: only self.x = v in __init__
                    const Expr& obj = *s.target->args[0];
                    bool own = obj.kind == ExprKind::Var && !f_->params.empty() && obj.var == f_->params[0] &&
                               obj.type && obj.type->is(TypeKind::Object) && init_of(fn_, obj.type->cls);
                    if (!own) taint(obj.type);
                }
                break;
            case StmtKind::Raise:
                if (s.value) taint(s.value->type);
                if (s.target) taint(s.target->type);
                break;
            default:
                break;
        }
    }

    // __init__ uses self only as obj in obj.x (a read, or the target of a store)
    void init_self(int fn) {
        const ir::Function& f = m_.functions[fn];
        if (f.params.empty()) return;
        for (size_t k = 0; k < m_.classes.size(); ++k) {
            if (!value_[k] || !init_of(fn, static_cast<int>(k))) continue;
            int self = f.params[0], uses = 0, fields = 0;
            auto count = [&](Expr& e) {
                if (e.kind == ExprKind::Var && e.var == self) ++uses;
                if (e.kind == ExprKind::Attr && e.args[0]->kind == ExprKind::Var && e.args[0]->var == self) ++fields;
            };
            ir::for_each_node(m_.functions[fn].body, count);
            if (uses != fields) value_[k] = false;
        }
    }

    ir::Module& m_;
    std::vector<bool> value_;
    std::set<int> crossed_;
    ir::Function* f_ = nullptr;
    int fn_ = -1;
};

}  // namespace

void choose_values(ir::Module& m) { Values(m).run(); }

}  // namespace pyrite::opt
