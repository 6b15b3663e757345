#include "types.hpp"

#include <map>
#include <memory>

namespace pyrite {

namespace {
const Type* scalar(TypeKind k) {
    static Type types[] = {{TypeKind::Unknown, {}}, {TypeKind::Int, {}}, {TypeKind::Float, {}},
                           {TypeKind::Bool, {}},    {TypeKind::None, {}}};
    return &types[static_cast<int>(k)];
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
    }
    return "?";
}

}  // namespace pyrite
