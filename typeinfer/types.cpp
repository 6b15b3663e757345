#include "types.hpp"

#include <map>
#include <memory>

namespace pyrite {

namespace {
const Type* scalar(TypeKind k) {
    static Type types[] = {{TypeKind::Unknown, {}}, {TypeKind::Int, {}}, {TypeKind::Float, {}},
                           {TypeKind::Bool, {}},    {TypeKind::None, {}}};
    static Type str{TypeKind::Str, {}};
    static Type range{TypeKind::Range, {}};
    if (k == TypeKind::Range) return &range;
    return k == TypeKind::Str ? &str : &types[static_cast<int>(k)];
}
}  // namespace

const Type* Type::unknown() { return scalar(TypeKind::Unknown); }
const Type* Type::int_() { return scalar(TypeKind::Int); }
const Type* Type::float_() { return scalar(TypeKind::Float); }
const Type* Type::bool_() { return scalar(TypeKind::Bool); }
const Type* Type::none() { return scalar(TypeKind::None); }

const Type* Type::tuple(const std::vector<const Type*>& elems) {
    static std::map<std::vector<const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[elems];
    if (!slot) slot.reset(new Type{TypeKind::Tuple, elems});
    return slot.get();
}

const Type* Type::list(const Type* elem) {
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::List, {elem}});
    return slot.get();
}

const Type* Type::str_() { return scalar(TypeKind::Str); }
const Type* Type::range() { return scalar(TypeKind::Range); }

const Type* Type::dict(const Type* key, const Type* value) {
    static std::map<std::pair<const Type*, const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{key, value}];
    if (!slot) slot.reset(new Type{TypeKind::Dict, {key, value}});
    return slot.get();
}

const Type* Type::set(const Type* elem) {
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::Set, {elem}});
    return slot.get();
}

const Type* Type::optional(const Type* elem) {
    if (elem->is(TypeKind::None) || elem->is(TypeKind::Optional)) return elem;
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::Optional, {elem}});
    return slot.get();
}

const Type* Type::tuple_of(const Type* elem) {
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::TupleOf, {elem}});
    return slot.get();
}

const Type* Type::array(const Type* item, int ndim) {
    static std::map<std::pair<const Type*, int>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{item, ndim}];
    if (!slot) slot.reset(new Type{TypeKind::Array, {item}, ndim});
    return slot.get();
}

bool Type::is_hashable() const {
    switch (kind) {
        case TypeKind::Int:
        case TypeKind::Float:
        case TypeKind::Bool:
        case TypeKind::Str: return true;
        case TypeKind::Tuple:
        case TypeKind::TupleOf:
            for (const Type* e : elems)
                if (!e->is_hashable()) return false;
            return true;
        default: return false;
    }
}

bool Type::has_container() const {
    if (kind == TypeKind::List || kind == TypeKind::Dict || kind == TypeKind::Set || kind == TypeKind::TupleOf ||
        kind == TypeKind::Array)
        return true;
    for (const Type* e : elems)
        if (e->has_container()) return true;
    return false;
}

const Type* join(const Type* a, const Type* b) {
    if (a == b || b->is(TypeKind::Unknown)) return a;
    if (a->is(TypeKind::Unknown)) return b;
    // T | None
    if (a->is(TypeKind::None)) return Type::optional(b);
    if (b->is(TypeKind::None)) return Type::optional(a);
    if (a->is(TypeKind::Optional) || b->is(TypeKind::Optional)) {
        const Type* x = a->is(TypeKind::Optional) ? a->elem() : a;
        const Type* y = b->is(TypeKind::Optional) ? b->elem() : b;
        const Type* j = join(x, y);
        return j ? Type::optional(j) : nullptr;
    }
    // a fixed tuple of one item type is a tuple[T, ...] of its length
    if (a->is(TypeKind::Tuple) && b->is(TypeKind::TupleOf)) std::swap(a, b);
    if (a->is(TypeKind::TupleOf) && b->is(TypeKind::Tuple)) {
        const Type* e = a->elem();
        for (const Type* x : b->elems) {
            e = join(e, x);
            if (!e) return nullptr;
        }
        return Type::tuple_of(e);
    }
    if (a->kind != b->kind || a->elems.size() != b->elems.size() || a->ndim != b->ndim) return nullptr;
    std::vector<const Type*> elems;
    for (size_t i = 0; i < a->elems.size(); ++i) {
        const Type* e = join(a->elems[i], b->elems[i]);
        if (!e) return nullptr;
        elems.push_back(e);
    }
    if (a->is(TypeKind::List)) return Type::list(elems[0]);
    if (a->is(TypeKind::Set)) return Type::set(elems[0]);
    if (a->is(TypeKind::TupleOf)) return Type::tuple_of(elems[0]);
    if (a->is(TypeKind::Array)) return Type::array(elems[0], a->ndim);
    if (a->is(TypeKind::Dict)) return Type::dict(elems[0], elems[1]);
    if (a->is(TypeKind::Tuple)) return Type::tuple(elems);
    return nullptr;
}

bool Type::is_known() const {
    if (kind == TypeKind::Unknown) return false;
    for (const Type* e : elems)
        if (!e->is_known()) return false;
    return true;
}

std::string Type::str() const {
    switch (kind) {
        case TypeKind::Unknown: return "<unknown>";
        case TypeKind::Int: return "int";
        case TypeKind::Float: return "float";
        case TypeKind::Bool: return "bool";
        case TypeKind::None: return "None";
        case TypeKind::Tuple: {
            std::string s = "tuple[";
            for (size_t i = 0; i < elems.size(); ++i) s += (i ? ", " : "") + elems[i]->str();
            if (elems.empty()) s += "()";
            return s + "]";
        }
        case TypeKind::List: return "list[" + elems[0]->str() + "]";
        case TypeKind::Str: return "str";
        case TypeKind::Dict: return "dict[" + elems[0]->str() + ", " + elems[1]->str() + "]";
        case TypeKind::Set: return "set[" + elems[0]->str() + "]";
        case TypeKind::Optional: return elems[0]->str() + " | None";
        case TypeKind::TupleOf: return "tuple[" + elems[0]->str() + ", ...]";
        case TypeKind::Range: return "range";
        case TypeKind::Array: {
            std::string s = elems[0]->is(TypeKind::Int) ? "i64[" : elems[0]->is(TypeKind::Bool) ? "bool[" : "f64[";
            for (int k = 0; k < ndim; ++k) s += k ? ", :" : ":";
            return s + "]";
        }
    }
    return "?";
}

}  // namespace pyrite
