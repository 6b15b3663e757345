#include "names.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace pyrite::codegen {

std::string cxx_dtype(DType d) {
    switch (d) {
        case DType::Bool: return "bool";
        case DType::Int8: return "std::int8_t";
        case DType::Int16: return "std::int16_t";
        case DType::Int32: return "std::int32_t";
        case DType::Int64: return "pyrite::i64";
        case DType::UInt8: return "std::uint8_t";
        case DType::UInt16: return "std::uint16_t";
        case DType::UInt32: return "std::uint32_t";
        case DType::UInt64: return "std::uint64_t";
        case DType::Float32: return "float";
        case DType::Float64: return "double";
        case DType::Complex64: return "std::complex<float>";
        case DType::Complex128: return "std::complex<double>";
    }
    return "double";
}

namespace {
thread_local const std::vector<bool>* value_classes = nullptr;  // ValueClasses' of this thread's module
}  // namespace

ValueClasses::ValueClasses(const ir::Module& m) : outer_(value_classes) {
    for (const ir::Class& c : m.classes) values_.push_back(c.value);
    value_classes = &values_;
}
ValueClasses::~ValueClasses() { value_classes = outer_; }
bool ValueClasses::holds(const Type* t) {
    return value_classes && t->is(TypeKind::Object) && t->cls >= 0 && t->cls < static_cast<int>(value_classes->size()) &&
           (*value_classes)[t->cls];
}

std::string cxx_type(const Type* t) {
    switch (t->kind) {
        case TypeKind::Int: return "pyrite::i64";
        case TypeKind::Float: return "double";
        case TypeKind::Complex: return "std::complex<double>";
        case TypeKind::Real: return "pyrite::Real";
        case TypeKind::Bool: return "bool";
        case TypeKind::None: return "pyrite::none_t";
        case TypeKind::Tuple: {
            // a NamedTuple's: the tuple, named by its class's struct (runtime/include/pyrite/named.hpp)
            std::string s = t->is_named_tuple() ? "pyrite::Named<" + class_struct(t) : "std::tuple<";
            for (size_t i = 0; i < t->elems.size(); ++i)
                s += (i || t->is_named_tuple() ? ", " : "") + cxx_type(t->elems[i]);
            return s + ">";
        }
        case TypeKind::List: return "pyrite::List<" + cxx_type(t->elem()) + ">";
        case TypeKind::Str: return "pyrite::Str";
        case TypeKind::Bytes: return "pyrite::Bytes";
        case TypeKind::ByteArray: return "pyrite::ByteArray";
        case TypeKind::Dict:
            if (t->is_counter()) return "pyrite::Counter<" + cxx_type(t->elem()) + ">";
            if (t->is_ordereddict()) return "pyrite::OrderedDict<" + cxx_type(t->elem()) + ", " + cxx_type(t->value()) + ">";
            return (t->is_defaultdict() ? "pyrite::DefaultDict<" : "pyrite::Dict<") + cxx_type(t->elem()) + ", " +
                   cxx_type(t->value()) + ">";
        case TypeKind::Set: return (t->is_frozenset() ? "pyrite::FrozenSet<" : "pyrite::Set<") + cxx_type(t->elem()) + ">";
        case TypeKind::Deque: return "pyrite::Deque<" + cxx_type(t->elem()) + ">";
        case TypeKind::Iterator:
            if (t->gen_sent()->is(TypeKind::None) && t->gen_result()->is(TypeKind::None)) return "pyrite::Gen<" + cxx_type(t->elem()) + ">";
            return "pyrite::Gen<" + cxx_type(t->elem()) + ", " + cxx_type(t->gen_sent()) + ", " + cxx_type(t->gen_result()) + ">";
        case TypeKind::Optional: return "std::optional<" + cxx_type(t->elem()) + ">";
        case TypeKind::TupleOf: return "pyrite::Tuple<" + cxx_type(t->elem()) + ">";
        case TypeKind::Range: return "pyrite::Range";
        case TypeKind::Generator: return "pyrite::np::Generator";
        case TypeKind::Random: return "pyrite::random::Rng";
        case TypeKind::ExcArg: return "pyrite::ExcArg";
        case TypeKind::Boxed: return "pyrite::Boxed";
        case TypeKind::Pattern: return "pyrite::re::Pattern";
        case TypeKind::Match: return "pyrite::re::Match";
        case TypeKind::Enum: return "pyrite::Member<" + class_struct(t) + ">";
        case TypeKind::Object: return ValueClasses::holds(t) ? class_struct(t) : "pyrite::Ref<" + class_struct(t) + ">";
        case TypeKind::Exception: return "pyrite::Error";
        case TypeKind::ExcClass: return "pyrite::ExcInfo";
        case TypeKind::Array: return "pyrite::Array<" + cxx_type(t->elem()) + ", " + std::to_string(t->ndim) + ">";
        case TypeKind::Scalar: return cxx_dtype(t->dtype);
        case TypeKind::Function: {
            std::string s = "pyrite::Fn<" + std::to_string(t->cls);
            for (size_t k = 0; k < t->elems.size(); ++k)  // a capture by reference: a pointer to the variable,
                s += ", " + (t->cells >> k & 1 ? "pyrite::Cell<" + cxx_type(t->elems[k]) + ">"  // or its cell
                                               : cxx_type(t->elems[k]) + (t->refs >> k & 1 ? "*" : ""));
            return s + ">";
        }
        case TypeKind::Functions: {
            std::string s = "std::variant<";
            for (size_t k = 0; k < t->elems.size(); ++k) s += (k ? ", " : "") + cxx_type(t->elems[k]);
            return s + ">";
        }
        case TypeKind::PyFunction: {
            std::string s = "pyrite::PyFunc<" + cxx_type(t->elems[0]) + "(";
            for (size_t i = 1; i < t->elems.size(); ++i) s += (i > 1 ? ", " : "") + cxx_type(t->elems[i]);
            return s + ")>";
        }
        case TypeKind::Unknown: break;
    }
    return "/* unknown type: a pyrite bug */ void";
}

// Letters, digits and '_' stay; any other byte (non-ASCII identifiers: each UTF-8
// byte) becomes _xHH, and so does a '_' followed by 'x', the one place a literal '_'
// could be read as the start of an escape. The result decodes back (an _x is always
// an escape), so distinct names stay distinct: é is _xC3_xA9, _xC3_xA9 is _x5FxC3_x5FxA9.
namespace {
// s with every byte at i for which keep(s, i) is false written as `escape` % the byte (hex)
template <class Keep>
std::string escape_bytes(const std::string& s, const char* escape, Keep keep) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (keep(s, i)) {
            out += s[i];
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, escape, static_cast<unsigned char>(s[i]));
            out += buf;
        }
    }
    return out;
}
}  // namespace

std::string identifier(const std::string& s) {
    return escape_bytes(s, "_x%02X", [](const std::string& t, size_t i) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        return (c < 0x80 && isalnum(c)) || (c == '_' && (i + 1 == t.size() || t[i + 1] != 'x'));
    });
}

// Text for a // comment: printable ASCII but '\\' (a backslash before the line's end would
// continue the comment onto the next line), '%' and '?'; every other byte is %HH, so no
// newline, carriage return or splice can end the comment early, and distinct texts stay distinct.
std::string comment_text(const std::string& s) {
    return escape_bytes(s, "%%%02X", [](const std::string& t, size_t i) {
        unsigned char c = static_cast<unsigned char>(t[i]);
        return c >= 0x20 && c < 0x7f && c != '\\' && c != '%' && c != '?';
    });
}

std::string var_name(const ir::Var& v) {
    if (v.temporary()) return "t_" + identifier(v.unique_name().substr(1));  // $12, $m0_1$3
    return "v_" + identifier(v.unique_name());
}

std::string class_struct(const Type* object) { return "c" + std::to_string(object->cls) + "_" + identifier(object->name); }
std::string field_name(const std::string& field) { return "m_" + identifier(field); }

std::string flag_name(const ir::Var& v) { return "b_" + var_name(v).substr(2); }

std::string cell_name(const ir::Var& v) { return "cell_" + var_name(v).substr(2); }

std::string func_name(const ir::Function& f, int index) {
    return "f" + std::to_string(index) + "_" + identifier(f.pyname);
}

std::string string_literal(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c >= 0x7f || c == '?') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);  // octal: never swallows following digits
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

std::string int_literal(std::int64_t v) {
    if (v == INT64_MIN) return "(-INT64_C(9223372036854775807) - 1)";
    return "INT64_C(" + std::to_string(v) + ")";
}

std::string unchecked_mask(unsigned mask) {
    char buf[16];
    std::snprintf(buf, sizeof buf, mask & ir::kUnitLastAxis ? "0x%xu" : "%uu", mask);  // the unit-stride bit in hex
    return buf;
}

std::string float_literal(double v) {
    if (std::isnan(v)) return std::signbit(v) ? "(-__builtin_nan(\"\"))" : "__builtin_nan(\"\")";
    if (std::isinf(v)) return v > 0 ? "__builtin_inf()" : "(-__builtin_inf())";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    if (!std::strpbrk(buf, ".en")) std::strcat(buf, ".0");
    return buf[0] == '-' ? "(" + std::string(buf) + ")" : std::string(buf);
}

}  // namespace pyrite::codegen
