// pyrite's types, interned: two equal types are the same pointer.
//
// The Python spelling of every type lives here (Type::str); the C++ spelling
// lives in codegen/names.cpp. Nothing else spells a type.
#pragma once
#include <string>
#include <vector>

namespace pyrite {

enum class TypeKind {
    Unknown,  // not inferred yet (the bottom of the lattice); never reaches codegen
    Int,      // Python int, 64-bit, overflow-checked
    Float,    // Python float, IEEE double
    Bool,
    None,
    Tuple,    // fixed-size tuple[T1, T2, ...]
    List,     // list[T]: elems[0] is T
};

struct Type {
    TypeKind kind;
    std::vector<const Type*> elems;  // Tuple element types; List: the element type

    bool is(TypeKind k) const { return kind == k; }
    bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Float || kind == TypeKind::Bool; }
    bool is_known() const;  // contains no Unknown
    bool has_container() const;  // is or contains a list (crosses the boundary by copy-in/write-back)
    const Type* elem() const { return elems[0]; }  // List
    std::string str() const;  // Python spelling: int, tuple[int, float]

    static const Type* unknown();
    static const Type* int_();
    static const Type* float_();
    static const Type* bool_();
    static const Type* none();
    static const Type* tuple(const std::vector<const Type*>& elems);
    static const Type* list(const Type* elem);
};

// The least type both a and b can be, where Unknown parts are filled in from
// the other: join(list[<unknown>], list[int]) = list[int]. nullptr when the two
// differ in a known part (a conflict: pyrite has no unions).
const Type* join(const Type* a, const Type* b);

}  // namespace pyrite
