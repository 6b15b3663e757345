#include "types.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

namespace pyrite {

namespace {
const Type* basic(TypeKind k) {
    static Type unknown{TypeKind::Unknown, {}}, int_{TypeKind::Int, {}}, float_{TypeKind::Float, {}},
        bool_{TypeKind::Bool, {}}, none{TypeKind::None, {}};
    if (k == TypeKind::Unknown) return &unknown;
    if (k == TypeKind::Int) return &int_;
    if (k == TypeKind::Float) return &float_;
    if (k == TypeKind::Bool) return &bool_;
    if (k == TypeKind::None) return &none;
    static Type str{TypeKind::Str, {}};
    static Type bytes{TypeKind::Bytes, {}};
    if (k == TypeKind::Bytes) return &bytes;
    static Type bytearray{TypeKind::ByteArray, {}};
    if (k == TypeKind::ByteArray) return &bytearray;
    static Type range{TypeKind::Range, {}};
    static Type generator{TypeKind::Generator, {}};
    static Type random{TypeKind::Random, {}};
    static Type exc_arg{TypeKind::ExcArg, {}};
    if (k == TypeKind::ExcArg) return &exc_arg;
    static Type boxed{TypeKind::Boxed, {}};
    if (k == TypeKind::Boxed) return &boxed;
    static Type complex{TypeKind::Complex, {}};
    if (k == TypeKind::Complex) return &complex;
    static Type real{TypeKind::Real, {}};
    if (k == TypeKind::Real) return &real;
    if (k == TypeKind::Range) return &range;
    if (k == TypeKind::Generator) return &generator;
    if (k == TypeKind::Random) return &random;
    static Type pattern{TypeKind::Pattern, {}};
    if (k == TypeKind::Pattern) return &pattern;
    static Type match{TypeKind::Match, {}};
    if (k == TypeKind::Match) return &match;
    return &str;  // TypeKind::Str
}
}  // namespace

const Type* Type::unknown() { return basic(TypeKind::Unknown); }
const Type* Type::int_() { return basic(TypeKind::Int); }
const Type* Type::type_var(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Type>> interned;
    auto& slot = interned[name];
    if (!slot) slot.reset(new Type{TypeKind::Unknown, {}, 0, DType::Float64, -1, name});
    return slot.get();
}
const Type* Type::float_() { return basic(TypeKind::Float); }
const Type* Type::complex_() { return basic(TypeKind::Complex); }
const Type* Type::real() { return basic(TypeKind::Real); }
const Type* Type::bool_() { return basic(TypeKind::Bool); }
const Type* Type::none() { return basic(TypeKind::None); }
const Type* Type::bytes_() { return basic(TypeKind::Bytes); }
const Type* Type::bytearray_() { return basic(TypeKind::ByteArray); }

const Type* Type::tuple(const std::vector<const Type*>& elems) {
    static std::map<std::vector<const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[elems];
    if (!slot) slot.reset(new Type{TypeKind::Tuple, elems});
    return slot.get();
}

const Type* Type::named_tuple(int cls, const std::string& qualname, const std::vector<const Type*>& elems) {
    static std::map<std::tuple<int, std::string, std::vector<const Type*>>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{cls, qualname, elems}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Tuple, elems});
        slot->cls = cls;
        slot->name = qualname;
    }
    return slot.get();
}

const Type* Type::list(const Type* elem) {
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::List, {elem}});
    return slot.get();
}

const Type* Type::deque(const Type* elem) {
    static std::map<const Type*, std::unique_ptr<Type>> interned;
    auto& slot = interned[elem];
    if (!slot) slot.reset(new Type{TypeKind::Deque, {elem}});
    return slot.get();
}

const Type* Type::iterator(const Type* elem, const Type* sent, const Type* result) {
    static std::map<std::tuple<const Type*, const Type*, const Type*>, std::unique_ptr<Type>> interned;
    if (!sent) sent = none();
    if (!result) result = none();
    auto& slot = interned[{elem, sent, result}];
    if (!slot) slot.reset(new Type{TypeKind::Iterator, {elem, sent, result}});
    return slot.get();
}

const Type* Type::str_() { return basic(TypeKind::Str); }
const Type* Type::range() { return basic(TypeKind::Range); }
const Type* Type::generator() { return basic(TypeKind::Generator); }
const Type* Type::random() { return basic(TypeKind::Random); }
const Type* Type::pattern() { return basic(TypeKind::Pattern); }
const Type* Type::match() { return basic(TypeKind::Match); }
const Type* Type::exc_arg() { return basic(TypeKind::ExcArg); }
const Type* Type::boxed() { return basic(TypeKind::Boxed); }

const Type* Type::boxed(std::vector<const Type*> alternatives) {
    // in the order of their spelling (no pointers: the same program gives the same IR text)
    std::sort(alternatives.begin(), alternatives.end(), [](const Type* a, const Type* b) { return a->str() < b->str(); });
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    if (alternatives.empty()) return boxed();
    static std::map<std::vector<const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[alternatives];
    if (!slot) slot.reset(new Type{TypeKind::Boxed, alternatives});
    return slot.get();
}

const Type* Type::boxed_union(const Type* a, const Type* b) {
    std::vector<const Type*> alts;
    for (const Type* t : {a, b}) {
        if (t->is(TypeKind::Boxed) && t->elems.empty()) return t;  // from Python: any of its kinds already
        if (!t->is_known()) continue;                               // an empty display: its own, once refined
        if (t->is(TypeKind::Boxed)) alts.insert(alts.end(), t->elems.begin(), t->elems.end());
        else alts.push_back(t);
    }
    return boxed(alts);
}

const Type* Type::object(int cls, const std::string& qualname, const Type* base, const Type* exc) {
    static std::map<std::tuple<int, std::string, const Type*, const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{cls, qualname, base, exc}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Object, {}});
        slot->cls = cls;
        slot->name = qualname;
        slot->base = base;
        slot->exc = exc;
    }
    return slot.get();
}

const Type* Type::enum_(int cls, const std::string& qualname, const Type* mixin) {
    static std::map<std::tuple<int, std::string, const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{cls, qualname, mixin}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Enum, {}});
        if (mixin) slot->elems.push_back(mixin);
        slot->cls = cls;
        slot->name = qualname;
    }
    return slot.get();
}

const Type* Type::function(int index, const std::string& name, const std::vector<const Type*>& captures,
                           unsigned refs, unsigned cells) {
    // the name too: the compiler compiles many modules, whose function `index` is another function
    static std::map<std::tuple<int, std::string, std::vector<const Type*>, unsigned, unsigned>, std::unique_ptr<Type>>
        interned;
    auto& slot = interned[{index, name, captures, refs, cells}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Function, captures});
        slot->cls = index;
        slot->name = name;
        slot->refs = refs;
        slot->cells = cells;
    }
    return slot.get();
}

const Type* Type::functions(std::vector<const Type*> alternatives) {
    // the order the C++ variant lists them in: by function, then by what they captured (no pointers:
    // the same program must give the same C++ text)
    auto key = [](const Type* t) {
        std::vector<std::string> captured;
        for (const Type* x : t->elems) captured.push_back(x->str());
        return std::make_tuple(t->cls, t->refs, t->cells, captured);
    };
    std::sort(alternatives.begin(), alternatives.end(), [&](const Type* a, const Type* b) { return key(a) < key(b); });
    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
    if (alternatives.size() == 1) return alternatives[0];
    static std::map<std::vector<const Type*>, std::unique_ptr<Type>> interned;
    auto& slot = interned[alternatives];
    if (!slot) slot.reset(new Type{TypeKind::Functions, alternatives});
    return slot.get();
}

const Type* Type::py_function(const Type* ret, const std::vector<const Type*>& params) {
    static std::map<std::vector<const Type*>, std::unique_ptr<Type>> interned;
    std::vector<const Type*> elems{ret};
    elems.insert(elems.end(), params.begin(), params.end());
    auto& slot = interned[elems];
    if (!slot) slot.reset(new Type{TypeKind::PyFunction, elems});
    return slot.get();
}

const Type* Type::exc_class(const std::string& name) {
    static std::map<std::string, std::unique_ptr<Type>> interned;
    auto& slot = interned[name];
    if (!slot) {
        slot.reset(new Type{TypeKind::ExcClass, {}});
        slot->name = name;
    }
    return slot.get();
}

const Type* Type::exception(const std::string& name) {
    static const std::map<std::string, const Type*> classes = [] {
        std::map<std::string, const Type*> m;
#define EXC(cls, parent)                                                     \
        {                                                                    \
            auto* t = new Type{TypeKind::Exception, {}};                     \
            t->name = #cls;                                                  \
            t->base = std::string(#cls) == #parent ? nullptr : m.at(#parent); \
            m[#cls] = t;                                                     \
        }
#include "../runtime/include/pyrite/exceptions.def"
#undef EXC
        return m;
    }();
    auto it = classes.find(name);
    return it == classes.end() ? nullptr : it->second;
}

bool Type::derives_from(const Type* ancestor) const {
    for (const Type* t = this; t; t = t->base)
        if (t == ancestor) return true;
    return false;
}

const Type* Type::dict(const Type* key, const Type* value, const std::string& flavor) {
    static std::map<std::tuple<const Type*, const Type*, std::string>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{key, value, flavor}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Dict, {key, value}});
        slot->name = flavor;
    }
    return slot.get();
}

const Type* Type::set(const Type* elem, const std::string& flavor) {
    static std::map<std::pair<const Type*, std::string>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{elem, flavor}];
    if (!slot) {
        slot.reset(new Type{TypeKind::Set, {elem}});
        slot->name = flavor;
    }
    return slot.get();
}

const Type* Type::optional(const Type* elem) {
    if (elem->is(TypeKind::None) || elem->is(TypeKind::Optional)) return elem;
    if (elem->is(TypeKind::ExcArg) || elem->is(TypeKind::Boxed)) return elem;  // an `object` holds None itself
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

const Type* Type::scalar(DType d) {
    static Type types[13];
    Type& t = types[static_cast<int>(d)];
    t.kind = TypeKind::Scalar;
    t.dtype = d;
    return &t;
}

namespace {
struct DTypeNames { DType d; const char* name; const char* short_name; };
const DTypeNames kDTypes[] = {
    {DType::Bool, "bool", "b1"},          {DType::Int8, "int8", "i8"},          {DType::Int16, "int16", "i16"},
    {DType::Int32, "int32", "i32"},       {DType::Int64, "int64", "i64"},       {DType::UInt8, "uint8", "u8"},
    {DType::UInt16, "uint16", "u16"},     {DType::UInt32, "uint32", "u32"},     {DType::UInt64, "uint64", "u64"},
    {DType::Float32, "float32", "f32"},   {DType::Float64, "float64", "f64"},   {DType::Complex64, "complex64", "c64"},
    {DType::Complex128, "complex128", "c128"},
};
}  // namespace

const char* dtype_name(DType d) { return kDTypes[static_cast<int>(d)].name; }
const char* dtype_short(DType d) { return kDTypes[static_cast<int>(d)].short_name; }
bool dtype_from_name(const std::string& name, DType* out) {
    // NumPy's other names of the same dtypes (np.double is np.float64)
    static const std::pair<const char*, DType> kAliases[] = {
        {"bool_", DType::Bool},   {"double", DType::Float64}, {"float_", DType::Float64}, {"single", DType::Float32},
        {"int_", DType::Int64},   {"intp", DType::Int64},     {"ubyte", DType::UInt8},    {"byte", DType::Int8}};
    for (const DTypeNames& n : kDTypes)
        if (name == n.name || name == n.short_name) return *out = n.d, true;
    for (const auto& [alias, d] : kAliases)
        if (name == alias) return *out = d, true;
    return false;
}

int dtype_bits(DType d) {
    switch (d) {
        case DType::Bool: case DType::Int8: case DType::UInt8: return 8;
        case DType::Int16: case DType::UInt16: return 16;
        case DType::Int32: case DType::UInt32: case DType::Float32: return 32;
        case DType::Int64: case DType::UInt64: case DType::Float64: case DType::Complex64: return 64;
        case DType::Complex128: return 128;
    }
    return 64;
}

// numpy.result_type, for the dtypes pyrite has (no float16: where NumPy would give
// float16, for int8 with nothing wider, pyrite reports it instead)
bool promote(DType a, DType b, DType* out) {
    if (a == b || b == DType::Bool) return *out = a, true;
    if (a == DType::Bool) return *out = b, true;
    auto signed_of = [](int bits) {
        return bits == 8 ? DType::Int8 : bits == 16 ? DType::Int16 : bits == 32 ? DType::Int32 : DType::Int64;
    };
    auto unsigned_of = [](int bits) {
        return bits == 8 ? DType::UInt8 : bits == 16 ? DType::UInt16 : bits == 32 ? DType::UInt32 : DType::UInt64;
    };
    if (is_int_dtype(a) && is_int_dtype(b)) {
        bool ua = is_unsigned_dtype(a), ub = is_unsigned_dtype(b);
        int ba = dtype_bits(a), bb = dtype_bits(b);
        if (ua == ub) return *out = ua ? unsigned_of(std::max(ba, bb)) : signed_of(std::max(ba, bb)), true;
        int bs = ua ? bb : ba, bu = ua ? ba : bb;
        if (bs > bu) return *out = signed_of(bs), true;
        return *out = bu < 64 ? signed_of(2 * bu) : DType::Float64, true;
    }
    // the float width each side needs: an int of 8 bits fits float16, of 16 float32, wider float64
    auto float_bits = [](DType d) {
        if (is_float_dtype(d)) return dtype_bits(d);
        if (is_complex_dtype(d)) return dtype_bits(d) / 2;
        int b = dtype_bits(d);
        return b == 8 ? 16 : b == 16 ? 32 : 64;
    };
    int bits = std::max(float_bits(a), float_bits(b));
    if (bits == 16) return false;
    bool complex = is_complex_dtype(a) || is_complex_dtype(b);
    if (complex) return *out = bits == 32 ? DType::Complex64 : DType::Complex128, true;
    return *out = bits == 32 ? DType::Float32 : DType::Float64, true;
}

const Type* Type::array(const Type* item, int ndim) {
    if (item->is(TypeKind::Float)) item = scalar(DType::Float64);
    if (item->is(TypeKind::Int)) item = scalar(DType::Int64);
    if (item->is(TypeKind::Bool)) item = scalar(DType::Bool);
    static std::map<std::pair<const Type*, int>, std::unique_ptr<Type>> interned;
    auto& slot = interned[{item, ndim}];
    if (!slot) slot.reset(new Type{TypeKind::Array, {item}, ndim});
    return slot.get();
}

bool promote_weak(const Type* python, DType d, DType* out) {
    if (python->is(TypeKind::Int)) return *out = d == DType::Bool ? DType::Int64 : d, true;
    if (python->is(TypeKind::Float))
        return *out = is_float_dtype(d) || is_complex_dtype(d) ? d : DType::Float64, true;
    if (python->is(TypeKind::Complex)) {  // the complex dtype of d's float width
        if (is_complex_dtype(d)) return *out = d, true;
        return *out = d == DType::Float32 ? DType::Complex64 : DType::Complex128, true;
    }
    if (python->is(TypeKind::Bool)) return promote(DType::Bool, d, out);  // a Python bool is a numpy.bool_
    if (python->is(TypeKind::Scalar)) return promote(python->dtype, d, out);
    return false;
}

bool Type::is_hashable() const {
    switch (kind) {
        case TypeKind::Int:
        case TypeKind::Float:
        case TypeKind::Real:  // hash(2) == hash(2.0), as CPython's
        case TypeKind::Bool:
        case TypeKind::Str:
        case TypeKind::Bytes:
        case TypeKind::Enum: return true;  // by its name, as Enum.__hash__
        case TypeKind::Set: return is_frozenset() && elems[0]->is_hashable();  // frozenset_hash
        case TypeKind::Tuple:
        case TypeKind::TupleOf:
            for (const Type* e : elems)
                if (!e->is_hashable()) return false;
            return true;
        default: return false;
    }
}

bool Type::plain_value() const {
    if (is_real_number() || kind == TypeKind::Scalar || kind == TypeKind::Complex || kind == TypeKind::None) return true;
    if (kind != TypeKind::Tuple) return false;
    for (const Type* e : elems)
        if (!e->plain_value()) return false;
    return true;
}

bool Type::has_container() const {
    if (kind == TypeKind::List || kind == TypeKind::Dict || (kind == TypeKind::Set && !is_frozenset()) ||
        kind == TypeKind::TupleOf || kind == TypeKind::Deque ||
        kind == TypeKind::ByteArray ||
        kind == TypeKind::Array || kind == TypeKind::Object)
        return true;
    for (const Type* e : elems)
        if (e->has_container()) return true;
    return false;
}

bool Type::contains(TypeKind k) const {
    if (kind == k) return true;
    for (const Type* e : elems)
        if (e->contains(k)) return true;
    return false;
}

static const Type* join_at(const Type* a, const Type* b, bool top);
const Type* join(const Type* a, const Type* b) { return join_at(a, b, true); }

const Type* join_value(const Type* a, const Type* b) {
    if (const Type* j = join(a, b)) return j;
    auto real = [](const Type* t) { return t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Real); };
    return real(a) && real(b) ? Type::real() : nullptr;
}

bool boxable(const Type* t) {
    if (!t || !t->is_known()) return false;
    switch (t->kind) {
        case TypeKind::Array: case TypeKind::Scalar: case TypeKind::Function: case TypeKind::Functions:
        case TypeKind::Iterator: case TypeKind::Generator: case TypeKind::Random: case TypeKind::PyFunction:
        case TypeKind::Pattern: case TypeKind::Match: case TypeKind::ExcClass: case TypeKind::Exception:
        case TypeKind::Object: case TypeKind::Range: case TypeKind::ExcArg: return false;
        default: break;
    }
    for (const Type* e : t->elems)
        if (!boxable(e)) return false;
    return true;
}

bool object_takes(const Type* object, const Type* t) {
    if (!boxable(t)) return false;
    auto one = [&](const Type* x) {
        switch (x->kind) {
            case TypeKind::None: case TypeKind::Bool: case TypeKind::Int: case TypeKind::Float: case TypeKind::Real:
            case TypeKind::Str: return true;
            default: break;
        }
        if (!object->elems.empty()) return std::find(object->elems.begin(), object->elems.end(), x) != object->elems.end();
        if (x->is(TypeKind::List)) return x->elem() == Type::boxed();
        return x->is(TypeKind::Dict) && x->name.empty() && x->elem()->is(TypeKind::Str) && x->value() == Type::boxed();
    };
    return t->is(TypeKind::Boxed) || one(t);  // (an `object` is the one C++ type, whatever it may hold)
}

const Type* without_alternatives(const Type* t) {
    if (t->is(TypeKind::Boxed)) return Type::boxed();
    if (!t->is(TypeKind::List) && !t->is(TypeKind::Dict) && !t->is(TypeKind::Set) && !t->is(TypeKind::Tuple) &&
        !t->is(TypeKind::TupleOf) && !t->is(TypeKind::Optional) && !t->is(TypeKind::Deque))
        return t;
    std::vector<const Type*> es;
    for (const Type* e : t->elems) es.push_back(without_alternatives(e));
    if (es == t->elems) return t;
    switch (t->kind) {
        case TypeKind::List: return Type::list(es[0]);
        case TypeKind::Dict: return Type::dict(es[0], es[1], t->name);
        case TypeKind::Set: return Type::set(es[0], t->name);
        case TypeKind::TupleOf: return Type::tuple_of(es[0]);
        case TypeKind::Optional: return Type::optional(es[0]);
        case TypeKind::Deque: return Type::deque(es[0]);
        default: return t->is_named_tuple() ? Type::named_tuple(t->cls, t->name, es) : Type::tuple(es);
    }
}

const Type* widen_items(const Type* a, const Type* b) {
    if (!a || !b) return nullptr;
    if (a == b || b->is(TypeKind::Unknown)) return a;
    if (a->is(TypeKind::Boxed) && boxable(b)) return Type::boxed_union(a, b);  // an `object` holds it as itself
    if (a->is(TypeKind::Unknown)) return b;
    auto real = [](const Type* t) { return t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Real); };
    if (real(a) && real(b)) return Type::real();
    if (a->kind != b->kind || a->elems.size() != b->elems.size() || a->name != b->name || !a->name.empty()) return nullptr;
    std::vector<const Type*> es;
    for (size_t i = 0; i < a->elems.size(); ++i) {
        bool key = a->is(TypeKind::Dict) && i == 0;  // a dict's keys stay (1 and 1.0 are one key)
        const Type* w = key ? join(a->elems[0], b->elems[0]) : widen_items(a->elems[i], b->elems[i]);
        // a dict's values of several types ({"n": 3} then d["top"] = [...]): `object`s (boxed.hpp)
        if (!w && a->is(TypeKind::Dict) && i == 1 && boxable(a->elems[1]) && boxable(b->elems[1]))
            w = Type::boxed_union(a->elems[1], b->elems[1]);
        if (!w) return nullptr;
        es.push_back(w);
    }
    switch (a->kind) {
        case TypeKind::List: return Type::list(es[0]);
        case TypeKind::Set: return Type::set(es[0], a->name);
        case TypeKind::Dict: return Type::dict(es[0], es[1]);
        case TypeKind::Tuple: return Type::tuple(es);
        case TypeKind::TupleOf: return Type::tuple_of(es[0]);
        case TypeKind::Optional: return Type::optional(es[0]);
        default: return nullptr;
    }
}

// top: a value's own type, or an item of a tuple or a T | None, where an instance of a subclass
// may stand for its base (Circle and Square join as Shape); a mutable container's items must
// agree exactly (a list[Circle] is no list[Shape], as mypy says)
static const Type* join_at(const Type* a, const Type* b, bool top) {
    if (a == b || b->is(TypeKind::Unknown)) return a;
    if (a->is(TypeKind::Unknown)) return b;
    if (a->is(TypeKind::Boxed) && b->is(TypeKind::Boxed)) return Type::boxed_union(a, b);  // `object`s: either's
    if (a->is(TypeKind::Object) && b->is(TypeKind::Object)) {
        if (!top) return nullptr;
        for (const Type* x = a; x; x = x->base)
            if (b->derives_from(x)) return x;
        if (!a->exc || !b->exc) return nullptr;
    }
    // exceptions: their nearest common class (an exception of the user's class is one of its
    // builtin base's where a builtin class is in the join)
    if (a->is_exception() && b->is_exception()) {
        if (!top) return nullptr;
        const Type* x = a->is(TypeKind::Object) ? a->exc : a;
        const Type* y = b->is(TypeKind::Object) ? b->exc : b;
        for (; x; x = x->base)
            if (y->derives_from(x)) return x;
        return nullptr;
    }
    // T | None
    if (a->is(TypeKind::None)) return Type::optional(b);
    if (b->is(TypeKind::None)) return Type::optional(a);
    if (a->is(TypeKind::Optional) || b->is(TypeKind::Optional)) {
        const Type* x = a->is(TypeKind::Optional) ? a->elem() : a;
        const Type* y = b->is(TypeKind::Optional) ? b->elem() : b;
        const Type* j = join_at(x, y, top);
        return j ? Type::optional(j) : nullptr;
    }
    // a Python number that NumPy's arithmetic would turn into the scalar's dtype joins it: s = 0.0
    // then s += a[i] makes s a numpy.float64 from the first addition on
    if (a->is(TypeKind::Scalar) && b->is_python_number()) std::swap(a, b);
    if (a->is_python_number() && b->is(TypeKind::Scalar)) {
        DType d;
        return promote_weak(a, b->dtype, &d) && d == b->dtype ? b : nullptr;
    }
    // a NamedTuple's instances join only their own class's: as a plain tuple, one would print
    // and cross back as another type
    if ((a->is_named_tuple() || b->is_named_tuple()) && (a->cls != b->cls || a->name != b->name)) return nullptr;
    // a fixed tuple of one item type is a tuple[T, ...] of its length
    if (a->is(TypeKind::Tuple) && b->is(TypeKind::TupleOf)) std::swap(a, b);
    if (a->is(TypeKind::TupleOf) && b->is(TypeKind::Tuple)) {
        const Type* e = a->elem();
        for (const Type* x : b->elems) {
            e = join_at(e, x, false);
            if (!e) return nullptr;
        }
        return Type::tuple_of(e);
    }
    int ndim = a->ndim;
    if (a->is(TypeKind::Array) && b->is(TypeKind::Array) && (a->ndim == kAnyNdim || b->ndim == kAnyNdim))
        ndim = a->ndim == kAnyNdim ? b->ndim : a->ndim;  // an NDArray pattern takes the other's dimensions
    else if (a->ndim != b->ndim)
        return nullptr;
    // two different functions: the value is one or the other (where a value's own type is joined; a
    // list[f]'s items are no list[f | g]'s)
    if (a->is_function_value() && b->is_function_value() &&
        (a->is(TypeKind::Functions) || b->is(TypeKind::Functions) || a->cls != b->cls)) {
        if (!top) return nullptr;
        std::vector<const Type*> alts;
        for (const Type* x : {a, b}) {
            if (x->is(TypeKind::Function)) alts.push_back(x);
            else alts.insert(alts.end(), x->elems.begin(), x->elems.end());
        }
        for (const Type* x : alts)
            if (!x->is_known()) return nullptr;
        return Type::functions(alts);
    }
    if (a->kind != b->kind || a->elems.size() != b->elems.size()) return nullptr;
    std::vector<const Type*> elems;
    for (size_t i = 0; i < a->elems.size(); ++i) {
        const Type* e = join_at(a->elems[i], b->elems[i], top && a->is(TypeKind::Tuple));
        if (!e) return nullptr;
        elems.push_back(e);
    }
    if ((a->is(TypeKind::Set) || a->is(TypeKind::Dict)) && a->name != b->name) return nullptr;  // their flavors
    if (a->is(TypeKind::Function) && (a->refs != b->refs || a->cells != b->cells)) return nullptr;
    if (a->is(TypeKind::Array)) return Type::array(elems[0], ndim);
    switch (a->kind) {  // the kinds whose items decide the join
        case TypeKind::List: case TypeKind::Set: case TypeKind::Deque: case TypeKind::Iterator: case TypeKind::TupleOf:
        case TypeKind::Dict: case TypeKind::Tuple: case TypeKind::Function: return a->with_elems(elems);
        default: return nullptr;
    }
}

const Type* Type::with_elems(const std::vector<const Type*>& e) const {
    switch (kind) {
        case TypeKind::List: return Type::list(e[0]);
        case TypeKind::Set: return Type::set(e[0], name);
        case TypeKind::Deque: return Type::deque(e[0]);
        case TypeKind::Iterator: return Type::iterator(e[0], e[1], e[2]);
        case TypeKind::TupleOf: return Type::tuple_of(e[0]);
        case TypeKind::Optional: return Type::optional(e[0]);
        case TypeKind::Array: return Type::array(e[0], ndim);
        case TypeKind::Dict: return Type::dict(e[0], e[1], name);
        case TypeKind::Tuple: return cls >= 0 ? Type::named_tuple(cls, name, e) : Type::tuple(e);
        case TypeKind::Function: return Type::function(cls, name, e, refs, cells);
        case TypeKind::Functions: return Type::functions(e);
        case TypeKind::PyFunction: return Type::py_function(e[0], std::vector<const Type*>(e.begin() + 1, e.end()));
        case TypeKind::Boxed: return elems.empty() ? this : Type::boxed(e);
        case TypeKind::Enum: return Type::enum_(cls, name, e.empty() ? nullptr : e[0]);
        default: return this;  // no items
    }
}

bool assignable(const Type* from, const Type* to) {
    if (join(from, to) == to) return true;
    if (to->is(TypeKind::Real)) return from->is_real_number();  // an int (a bool as one) or a float
    if (to->is(TypeKind::Boxed)) return object_takes(to, from);  // kept as itself in an `object`
    if (from->is(TypeKind::Scalar)) {
        DType d = from->dtype;
        return (to->is(TypeKind::Float) && is_float_dtype(d)) || (to->is(TypeKind::Complex) && is_complex_dtype(d)) || (to->is(TypeKind::Int) && is_int_dtype(d)) ||
               (to->is(TypeKind::Bool) && d == DType::Bool);
    }
    if (to->is(TypeKind::Optional)) return from->is(TypeKind::None) || assignable(from, to->elem());
    if (from->is(TypeKind::Tuple) && to->is(TypeKind::Tuple) && from->elems.size() == to->elems.size() &&
        from->cls == to->cls && from->name == to->name) {
        for (size_t i = 0; i < from->elems.size(); ++i)
            if (!assignable(from->elems[i], to->elems[i])) return false;
        return true;
    }
    return false;
}

bool Type::is_pattern() const {
    if (kind == TypeKind::Array && ndim == kAnyNdim) return true;
    for (const Type* e : elems)
        if (e->is_pattern()) return true;
    return false;
}

bool Type::is_known() const {
    if (kind == TypeKind::Unknown || (kind == TypeKind::Array && ndim == kAnyNdim)) return false;
    for (const Type* e : elems)
        if (!e->is_known()) return false;
    return true;
}

std::string Type::str() const {
    switch (kind) {
        case TypeKind::Unknown: return name.empty() ? "<unknown>" : name;
        case TypeKind::Int: return "int";
        case TypeKind::Float: return "float";
        case TypeKind::Complex: return "complex";
        case TypeKind::Real: return "int | float";
        case TypeKind::Bool: return "bool";
        case TypeKind::None: return "None";
        case TypeKind::Tuple: {
            if (cls >= 0) return name;  // a NamedTuple's class
            std::string s = "tuple[";
            for (size_t i = 0; i < elems.size(); ++i) s += (i ? ", " : "") + elems[i]->str();
            if (elems.empty()) s += "()";
            return s + "]";
        }
        case TypeKind::List: return "list[" + elems[0]->str() + "]";
        case TypeKind::Str: return "str";
        case TypeKind::Bytes: return "bytes";
        case TypeKind::ByteArray: return "bytearray";
        case TypeKind::Dict:
            if (name == "Counter") return "Counter[" + elems[0]->str() + "]";
            return (name.empty() ? "dict[" : name + "[") + elems[0]->str() + ", " + elems[1]->str() + "]";
        case TypeKind::Set: return (name.empty() ? "set[" : name + "[") + elems[0]->str() + "]";
        case TypeKind::Deque: return "deque[" + elems[0]->str() + "]";
        case TypeKind::Iterator:
            if (elems[1]->is(TypeKind::None) && elems[2]->is(TypeKind::None)) return "Iterator[" + elems[0]->str() + "]";
            return "Generator[" + elems[0]->str() + ", " + elems[1]->str() + ", " + elems[2]->str() + "]";
        case TypeKind::Optional: return elems[0]->str() + " | None";
        case TypeKind::TupleOf: return "tuple[" + elems[0]->str() + ", ...]";
        case TypeKind::Range: return "range";
        case TypeKind::Generator: return "numpy.random.Generator";
        case TypeKind::Random: return "random.Random";
        case TypeKind::ExcArg: return "object";
        case TypeKind::Boxed: return "object";
        case TypeKind::Pattern: return "re.Pattern";
        case TypeKind::Match: return "re.Match";
        case TypeKind::Function: return "function " + name;
        case TypeKind::Functions: {
            std::string s;
            for (const Type* x : elems) s += (s.empty() ? "" : " | ") + x->str();
            return s;
        }
        case TypeKind::PyFunction: {
            std::string s = "Callable[[";
            for (size_t i = 1; i < elems.size(); ++i) s += (i > 1 ? ", " : "") + elems[i]->str();
            return s + "], " + elems[0]->str() + "]";
        }
        case TypeKind::Object:
        case TypeKind::Enum:
        case TypeKind::ExcClass:
        case TypeKind::Exception: return name;
        case TypeKind::Scalar: return std::string("numpy.") + dtype_name(dtype);
        case TypeKind::Array: {
            if (ndim == kAnyNdim)
                return elems[0]->is(TypeKind::Unknown) ? "numpy.ndarray" : "NDArray[" + std::string(dtype_name(elems[0]->dtype)) + "]";
            std::string s = std::string(dtype_short(elems[0]->dtype)) + "[";
            for (int k = 0; k < ndim; ++k) s += k ? ", :" : ":";
            return s + "]";
        }
    }
    return "?";
}

}  // namespace pyrite
