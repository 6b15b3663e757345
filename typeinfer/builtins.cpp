#include "builtins.hpp"

#include <cstdint>

namespace pyrite {

std::string BuiltinOverload::signature() const {
    std::string s = pyname + "(";
    for (size_t i = 0; i < params.size(); ++i)
        s += (i ? ", " : "") + std::string(params[i].variadic ? "*" : "") + params[i].name + ": " + params[i].type->str() +
             (params[i].default_cxx.empty() ? "" : " = ...");
    return s + ") -> " + ret->str();
}

int conversion_cost(const Type* from, const Type* to) {
    if (from == to) return 0;
    // containers are invariant, as for mypy: list[int] is not a list[float]; an
    // empty display ([]) takes the element type it is passed as
    if (to->is(TypeKind::Optional)) {  // T and None pass as T | None
        if (from->is(TypeKind::None)) return 1;
        int c = conversion_cost(from->is(TypeKind::Optional) ? from->elem() : from, to->elem());
        return c < 0 ? -1 : c + 1;
    }
    if (from->is(TypeKind::Object) && to->is(TypeKind::Object)) return from->derives_from(to) ? 1 : -1;  // a subclass
    if (to->is(TypeKind::Boxed)) return boxable(from) ? 6 : -1;  // kept as itself in an `object` (boxed.hpp)
    if (to->is(TypeKind::Exception) && from->is_exception())  // an exception where its base class goes
        return (from->is(TypeKind::Object) ? from->exc : from)->derives_from(to) ? 1 : -1;
    auto container = [](const Type* t) {
        return t->is(TypeKind::List) || t->is(TypeKind::Dict) || t->is(TypeKind::Set) || t->is(TypeKind::Deque);
    };
    // a dict subclass (Counter, defaultdict, OrderedDict: derived from Dict in C++) where a dict goes
    if (from->is(TypeKind::Dict) && to->is(TypeKind::Dict) && !from->name.empty() && to->name.empty() &&
        from->elems == to->elems)
        return 1;
    if (container(from) || container(to)) return join(from, to) == to ? 0 : -1;
    if (to->is(TypeKind::TupleOf) && from->is(TypeKind::Tuple)) {
        // (a, 2.0, b) as a tuple[float, ...]: items of exactly that type (an int item would
        // stay an int in CPython, so it is not made a float here)
        for (const Type* e : from->elems)
            if (e != to->elem()) return -1;
        return 1;
    }
    if (from->is(TypeKind::Scalar)) {  // a NumPy number where a Python one goes: its exact value
        DType d = from->dtype;
        if (to->is(TypeKind::Scalar)) return -1;
        if (to->is(TypeKind::Float)) return is_float_dtype(d) ? 1 : is_int_dtype(d) ? 2 : d == DType::Bool ? 3 : -1;
        if (to->is(TypeKind::Int)) return is_int_dtype(d) ? 1 : d == DType::Bool ? 2 : -1;
        if (to->is(TypeKind::Complex))
            return is_complex_dtype(d) ? 1 : is_float_dtype(d) ? 2 : is_int_dtype(d) ? 3 : d == DType::Bool ? 4 : -1;
        if (to->is(TypeKind::Bool)) return d == DType::Bool ? 1 : -1;
        return -1;
    }
    if (const Type* value = from->enum_mixin(); value && !to->is(TypeKind::Enum)) {
        int c = conversion_cost(value, to);  // an IntEnum's (StrEnum's) member as an int (str): its value
        return c < 0 ? -1 : c + 1;
    }
    if (to->is(TypeKind::Int) && from->is(TypeKind::Bool)) return 1;
    if (to->is(TypeKind::Float) && from->is(TypeKind::Int)) return 2;
    if (to->is(TypeKind::Float) && from->is(TypeKind::Bool)) return 3;
    // an int | float where a float goes: float(x), as an int's; an int or a float where an int | float goes
    if (to->is(TypeKind::Float) && from->is(TypeKind::Real)) return 2;
    if (to->is(TypeKind::Real) && (from->is(TypeKind::Int) || from->is(TypeKind::Float))) return 3;
    if (to->is(TypeKind::Real) && from->is(TypeKind::Bool)) return 4;
    if (to->is(TypeKind::Complex) && from->is_numeric()) return from->is(TypeKind::Float) ? 2 : from->is(TypeKind::Int) ? 3 : 4;
    return -1;
}

void bind(const Type* pattern, const Type* actual, TypeBindings& b) {
    if (!actual) return;
    if (pattern->is_type_var()) {
        if (!b.count(pattern->name) && actual->is_known()) b[pattern->name] = actual;
        return;
    }
    if (pattern->kind != actual->kind || pattern->elems.size() != actual->elems.size()) return;
    for (size_t i = 0; i < pattern->elems.size(); ++i) bind(pattern->elems[i], actual->elems[i], b);
}

const Type* substitute(const Type* pattern, const TypeBindings& b) {
    if (pattern->is_type_var()) {
        auto it = b.find(pattern->name);
        return it == b.end() ? nullptr : it->second;
    }
    if (!pattern->is(TypeKind::List) && !pattern->is(TypeKind::Tuple) && !pattern->is(TypeKind::Deque) &&
        !pattern->is(TypeKind::Dict) && !pattern->is(TypeKind::TupleOf) && !pattern->is(TypeKind::Set))
        return pattern;  // parse_type makes no other
    std::vector<const Type*> elems;
    for (const Type* e : pattern->elems) {
        elems.push_back(substitute(e, b));
        if (!elems.back()) return nullptr;
    }
    if (pattern->is(TypeKind::Deque)) return Type::deque(elems[0]);
    if (pattern->is(TypeKind::TupleOf)) return Type::tuple_of(elems[0]);
    if (pattern->is(TypeKind::Set)) return Type::set(elems[0], pattern->name);
    if (pattern->is(TypeKind::Dict)) return Type::dict(elems[0], elems[1], pattern->name);
    return pattern->is(TypeKind::List) ? Type::list(elems[0]) : Type::tuple(elems);
}

const BuiltinOverload* BuiltinTable::instance(const BuiltinOverload& generic, const TypeBindings& b) const {
    BuiltinOverload o = generic;
    o.generic = false;
    o.ret = substitute(generic.ret, b);
    std::string key = o.cxx;
    for (BuiltinParam& p : o.params) {
        p.type = substitute(p.type, b);
        if (!p.type) return nullptr;
        key += "," + p.type->str();
    }
    if (!o.ret) return nullptr;
    auto it = instances_.find(key);
    if (it == instances_.end()) it = instances_.emplace(key, std::move(o)).first;
    return &it->second;
}

const BuiltinOverload* BuiltinTable::expanded(const BuiltinOverload& variadic, size_t nargs) const {
    size_t fixed = variadic.params.size() - 1;
    if (nargs < fixed) return nullptr;
    BuiltinOverload o = variadic;
    BuiltinParam rest = o.params.back();
    o.params.pop_back();
    o.braced = static_cast<int>(fixed);
    rest.variadic = false;
    for (size_t i = fixed; i < nargs; ++i) {
        rest.name = variadic.params.back().name + std::to_string(i - fixed);  // never a keyword's name
        o.params.push_back(rest);
    }
    std::string key = "*" + o.pyname + " " + o.cxx + " " + std::to_string(nargs) + " " + std::to_string(reinterpret_cast<std::uintptr_t>(&variadic));
    auto it = instances_.find(key);
    if (it == instances_.end()) it = instances_.emplace(key, std::move(o)).first;
    return &it->second;
}

namespace {
struct TypeParser {
    const std::string& s;
    size_t i = 0;
    void skip() {
        while (i < s.size() && s[i] == ' ') ++i;
    }
    std::string word() {
        skip();
        size_t start = i;
        while (i < s.size() && (isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
        return s.substr(start, i - start);
    }
    const Type* type() {
        std::string w = word();
        if (w == "int") return Type::int_();
        if (w == "float") return Type::float_();
        if (w == "int_or_float") return Type::real();  // pyrite::Real
        if (w == "complex") return Type::complex_();
        if (w == "bool") return Type::bool_();
        if (w == "None") return Type::none();
        if (w == "str") return Type::str_();
        if (w == "bytes") return Type::bytes_();
        if (w == "bytearray") return Type::bytearray_();
        if (w == "range") return Type::range();
        if (w == "object") return Type::exc_arg();  // pyrite::ExcArg, an item of e.args
        if (w == "boxed_object") return Type::boxed();  // pyrite::Boxed (boxed.hpp)
        if (w == "random" && s.compare(i, 7, ".Random") == 0) {
            i += 7;
            return Type::random();
        }
        if (w == "re" && (s.compare(i, 8, ".Pattern") == 0 || s.compare(i, 6, ".Match") == 0)) {  // re.hpp
            bool pattern = s[i + 1] == 'P';
            i += pattern ? 8 : 6;
            return pattern ? Type::pattern() : Type::match();
        }
        if (!w.empty() && isupper(static_cast<unsigned char>(w[0])) && w != "Counter" && w != "OrderedDict")
            return Type::type_var(w);  // T
        // name[T, ...]: its arguments (tuple without brackets is the empty tuple)
        std::vector<const Type*> a;
        skip();
        if (i < s.size() && s[i] == '[') {
            ++i;
            while (true) {
                const Type* t = type();
                if (!t) return nullptr;
                a.push_back(t);
                skip();
                if (i < s.size() && s[i] == ',') { ++i; continue; }
                if (i < s.size() && s[i] == ']') { ++i; break; }
                return nullptr;
            }
        } else if (w != "tuple") {
            return nullptr;
        }
        if (w == "tuple") return Type::tuple(a);
        if (a.size() == 1 && w == "list") return Type::list(a[0]);
        if (a.size() == 1 && w == "deque") return Type::deque(a[0]);
        if (a.size() == 1 && w == "set") return Type::set(a[0]);
        if (a.size() == 1 && w == "frozenset") return Type::frozenset(a[0]);
        if (a.size() == 1 && w == "tuple_of") return Type::tuple_of(a[0]);  // pyrite::Tuple<T>: tuple[T, ...]
        if (a.size() == 1 && w == "optional") return Type::optional(a[0]);  // std::optional<T>: T | None
        if (a.size() == 1 && w == "Counter") return Type::dict(a[0], Type::int_(), "Counter");
        if (a.size() == 2 && w == "dict") return Type::dict(a[0], a[1]);
        if (a.size() == 2 && w == "OrderedDict") return Type::dict(a[0], a[1], "OrderedDict");
        return nullptr;
    }
};
}  // namespace

const Type* parse_type(const std::string& text) {
    TypeParser p{text};
    const Type* t = p.type();
    p.skip();
    return p.i == text.size() ? t : nullptr;
}

}  // namespace pyrite
