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
    Str,      // str
    Dict,     // dict[K, V]: elems[0] is K, elems[1] is V
    Set,      // set[T]: elems[0] is T
    Optional, // T | None: elems[0] is T (never None or another Optional)
    TupleOf,  // tuple[T, ...]: any length, elems[0] is T
    Range,    // range (as a value; `for i in range(...)` is a counting loop)
    Array,    // a NumPy array, pyrite.f64[:, :]: elems[0] is the item type (float), ndim its dimensions
};

struct Type {
    TypeKind kind;
    std::vector<const Type*> elems;  // Tuple element types; List: the element type
    int ndim = 0;                    // Array

    bool is(TypeKind k) const { return kind == k; }
    bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Float || kind == TypeKind::Bool; }
    bool is_known() const;  // contains no Unknown
    bool has_container() const;  // is or contains a mutable container (crosses the boundary by copy-in/write-back)
    bool is_hashable() const;    // may be a dict key or set item
    const Type* elem() const { return elems[0]; }  // List, Set, Optional; a Dict's key
    const Type* value() const { return elems[1]; }  // Dict
    std::string str() const;  // Python spelling: int, tuple[int, float]

    static const Type* unknown();
    static const Type* int_();
    static const Type* float_();
    static const Type* bool_();
    static const Type* none();
    static const Type* tuple(const std::vector<const Type*>& elems);
    static const Type* list(const Type* elem);
    static const Type* str_();
    static const Type* range();
    static const Type* dict(const Type* key, const Type* value);
    static const Type* set(const Type* elem);
    static const Type* optional(const Type* elem);  // optional(None) is None; optional(T | None) is T | None
    static const Type* tuple_of(const Type* elem);  // tuple[T, ...]
    static const Type* array(const Type* item, int ndim);  // pyrite.f64[:, :] is array(float, 2)
};

// The least type both a and b can be, where Unknown parts are filled in from
// the other: join(list[<unknown>], list[int]) = list[int]. nullptr when the two
// differ in a known part (a conflict: pyrite has no unions, except T | None:
// join(None, int) = int | None).
const Type* join(const Type* a, const Type* b);

}  // namespace pyrite
