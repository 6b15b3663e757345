// frontend: annotations, as types: int, float, bool, None, containers of them, tuple[...], NumPy
// arrays and scalars, the program's classes, Callable[...]; a bare container (list, dict) names
// no item types and is typed as no annotation.
#include <set>

#include "lower.hpp"

namespace pyrite::frontend {

// np.float32, np.int8, np.float64 (NumPy's own names and aliases, not the Python types
// int, float, bool that NumPy also exports): a NumPy scalar of that dtype, else nullptr
static const Type* numpy_scalar_annotation(const std::string& name) {
    DType d;
    if (name == "int" || name == "float" || name == "bool" || name == "complex" || !dtype_from_name(name, &d) ||
        name == dtype_short(d))  // pyrite.f64 alone is not a scalar type: f64[:] is an array
        return nullptr;
    return Type::scalar(d);
}

// Python types written in annotations: int, float, bool, None, tuple[...].
const Type* Lowerer::lower_annotation(py::handle node) {
    Ast k = kind(node);
    if (k == Ast::Name) {
        std::string id = py::str(node.attr("id"));
        static const std::map<std::string, const Type*> simple = {
            {"int", Type::int_()}, {"float", Type::float_()}, {"bool", Type::bool_()}, {"complex", Type::complex_()},
            {"None", Type::none()}, {"str", Type::str_()}, {"bytes", Type::bytes_()}, {"bytearray", Type::bytearray_()},    {"range", Type::range()}};
        static const std::map<std::string, const char*> generic = {
            {"list", "[int]"}, {"set", "[int]"}, {"tuple", "[int]"}, {"dict", "[str, int]"}};
        if (auto it = simple.find(id); it != simple.end()) return it->second;
        if (const Resolution* r = in_ ? global(id) : nullptr; r && r->kind == Resolution::Class)
            return module_->classes[r->func].type;  // one of the program's classes
        if (const Resolution* r = in_ ? global(id) : nullptr; r && r->kind == Resolution::Builtin && Type::exception(id))
            return Type::exception(id);  // e: ValueError, a caught exception
        if (id == "ndarray") return Type::array(Type::unknown(), kAnyNdim);  // from numpy import ndarray
        // object, typing.Any: a value of any type compiled code holds as itself (boxed.hpp); from Python
        // None, a bool, int, float, str, or a list or a dict of str keys of such values (parsed JSON)
        if (id == "object" || id == "Any") return Type::boxed();
        if (id == "TracebackType") return Type::exc_class("TracebackType");  // __exit__'s tb
        if (const Type* t = numpy_scalar_annotation(id)) return t;  // from numpy import float32
        if (id == "Generator") return Type::generator();  // from numpy.random import Generator
        if (const Resolution* r = in_ ? global(id) : nullptr; r && r->kind == Resolution::Builtin && r->name == "random.Random")
            return Type::random();  // from random import Random
        if (auto it = generic.find(id); it != generic.end()) {
            error(node, "write the element types: " + id + it->second + ", ...");
            return nullptr;
        }
        error(node, "unsupported type annotation '" + id + "' (pyrite supports int, float, complex, bool, str, bytes, bytearray, None, range, "
                    "object, tuple[...], list[...], dict[..., ...], set[...] and T | None)");
        return nullptr;
    }
    if (k == Ast::Constant && node.attr("value").is_none()) return Type::none();
    if (k == Ast::Constant && py::isinstance<py::str>(node.attr("value"))) {
        // a string annotation: parse it as Python and read it back
        py::object parsed = py::module_::import("ast").attr("parse")(node.attr("value"), "<annotation>", "eval");
        py::object body = parsed.attr("body");
        // locations inside the string are meaningless: point at the string itself
        py::module_::import("ast").attr("copy_location")(body, node);
        for (py::handle child : py::module_::import("ast").attr("walk")(body))
            if (py::hasattr(child, "lineno")) py::module_::import("ast").attr("copy_location")(child, node);
        return lower_annotation(body);
    }
    if (k == Ast::BinOp && kind(node.attr("op")) == Ast::BitOr) {  // T | None
        const Type* a = lower_annotation(node.attr("left"));
        const Type* b = lower_annotation(node.attr("right"));
        if (!a || !b) return nullptr;
        if (a->is(TypeKind::None) || b->is(TypeKind::None)) return Type::optional(a->is(TypeKind::None) ? b : a);
        auto real = [](const Type* t) { return t->is(TypeKind::Int) || t->is(TypeKind::Float) || t->is(TypeKind::Real); };
        if (real(a) && real(b)) return join_value(a, b);  // int | float
        error(node, "pyrite has no union types other than T | None and int | float");
        return nullptr;
    }
    if (k == Ast::Subscript) {
        py::handle base = node.attr("value");
        std::string base_name = kind(base) == Ast::Name ? std::string(py::str(base.attr("id")))
                                : kind(base) == Ast::Attribute ? std::string(py::str(base.attr("attr")))
                                                            : "";
        // the generic types, by builtin or typing name
        enum Generic { NotGeneric, List, Set, FrozenSet, Dict, Tuple, Optional, NDArray, Deque, DefaultDict, Counter, OrderedDict, Iterator };
        static const std::map<std::string, Generic> generics = {
            {"deque", Deque}, {"Deque", Deque},  // collections.deque[int], typing.Deque[int]
            {"defaultdict", DefaultDict}, {"DefaultDict", DefaultDict}, {"Counter", Counter},
            {"OrderedDict", OrderedDict},
            {"Iterator", Iterator}, {"Iterable", Iterator}, {"Generator", Iterator},  // a generator object
            {"list", List},   {"List", List},   {"set", Set},           {"Set", Set},        {"dict", Dict},
            {"frozenset", FrozenSet}, {"FrozenSet", FrozenSet},
            {"Dict", Dict},   {"tuple", Tuple}, {"Tuple", Tuple},       {"Optional", Optional}, {"NDArray", NDArray}};
        auto g = generics.find(base_name);
        Generic generic = g == generics.end() ? NotGeneric : g->second;
        if (base_name == "Pattern" || base_name == "Match") {  // re.Match[str]: of a str (re.hpp's)
            const Type* t = lower_annotation(node.attr("slice"));
            if (t && !t->is(TypeKind::Str)) error(node, "compiled code's regular expressions are str patterns, not " + t->str());
            return t && t->is(TypeKind::Str) ? (base_name == "Pattern" ? Type::pattern() : Type::match()) : nullptr;
        }
        if (base_name == "type" || base_name == "Type") {  // __exit__'s exc_type: type[BaseException]
            const Type* t = lower_annotation(node.attr("slice"));
            if (t && t->is_exception()) return Type::exc_class("type[BaseException]");
            if (t) error(node, "compiled code takes type[...] of an exception class only (what __exit__ is passed)");
            return nullptr;
        }
        if (generic == List) {
            const Type* t = lower_annotation(node.attr("slice"));
            return t ? Type::list(t) : nullptr;
        }
        if (generic == Counter) {  // Counter[str]: a dict of int counts
            const Type* t = lower_annotation(node.attr("slice"));
            if (t && !t->is_hashable()) {
                error(node, "a Counter's keys must be hashable (int, float, bool, str or tuples of them), not " + t->str());
                return nullptr;
            }
            return t ? Type::dict(t, Type::int_(), "Counter") : nullptr;
        }
        if (generic == Iterator) {  // Iterator[T], Iterable[T]: what a generator yields; Generator[T, S, R]
            py::handle slice = node.attr("slice");
            if (base_name == "Generator") {  // also what send() passes it (S) and what it returns (R)
                py::list parts = kind(slice) == Ast::Tuple ? py::list(slice.attr("elts")) : py::list();
                if (py::len(parts) != 3) {
                    error(node, "Generator[...] takes three types: Generator[T, S, R] yields T, is sent S and returns R");
                    return nullptr;
                }
                const Type* t = lower_annotation(parts[0]);
                const Type* s = lower_annotation(parts[1]);
                const Type* r = lower_annotation(parts[2]);
                return t && s && r ? Type::iterator(t, s, r) : nullptr;
            }
            const Type* t = lower_annotation(slice);
            return t ? Type::iterator(t) : nullptr;
        }
        if (generic == Deque) {
            const Type* t = lower_annotation(node.attr("slice"));
            return t ? Type::deque(t) : nullptr;
        }
        DType dtype;
        if (dtype_from_name(base_name, &dtype) && base_name != "bool" && base_name != "float" && base_name != "int") {
            // pyrite.f64[:, :]: one ':' per dimension
            py::handle slice = node.attr("slice");
            std::vector<py::handle> dims;
            if (kind(slice) == Ast::Tuple)
                for (py::handle d : slice.attr("elts")) dims.push_back(d);
            else
                dims.push_back(slice);
            for (py::handle d : dims)
                if (kind(d) != Ast::Slice || !d.attr("lower").is_none() || !d.attr("upper").is_none() ||
                    !d.attr("step").is_none()) {
                    error(node, "write one ':' per dimension: pyrite." + base_name + "[:, :]");
                    return nullptr;
                }
            if (dims.size() > 8) {
                error(node, "pyrite's arrays have at most 8 dimensions");
                return nullptr;
            }
            return Type::array(Type::scalar(dtype), static_cast<int>(dims.size()));
        }
        if (generic == NDArray) {
            // numpy.typing.NDArray[np.float64]: on a parameter of a function called from Python,
            // pyrite._jit writes the argument's dimensions into the annotation before the frontend
            // runs; anywhere else it is an array of this dtype with whatever dimensions the
            // program gives it (a pattern the solver checks values against: Type::is_pattern)
            py::handle item = node.attr("slice");
            std::string name = kind(item) == Ast::Attribute ? std::string(py::str(item.attr("attr")))
                               : kind(item) == Ast::Name    ? std::string(py::str(item.attr("id")))
                                                            : "";
            if (name == "Any") return Type::array(Type::unknown(), kAnyNdim);
            DType d;
            if (!dtype_from_name(name, &d) || name == "float" || name == "int" || name == "bool") {
                error(item, "NDArray[...] takes a NumPy dtype such as np.float64 or np.int32" +
                                (name.empty() ? std::string() : ", not '" + name + "'"));
                return nullptr;
            }
            return Type::array(Type::scalar(d), kAnyNdim);
        }
        if (generic == Set) {
            const Type* t = lower_annotation(node.attr("slice"));
            if (t && !t->is_key()) {
                error(node, "a set's items must be hashable (int, float, bool, str, instances or tuples of them), not " +
                                t->str());
                return nullptr;
            }
            return t ? Type::set(t) : nullptr;
        }
        if (generic == FrozenSet) {  // hashed by value: a frozenset is itself a key, hashed from its items'
            const Type* t = lower_annotation(node.attr("slice"));
            if (t && !t->is_hashable()) {
                error(node, "a frozenset's items must be hashable by value (int, float, bool, str, frozensets or tuples of "
                            "them), not " + t->str());
                return nullptr;
            }
            return t ? Type::frozenset(t) : nullptr;
        }
        if (generic == Optional) {
            const Type* t = lower_annotation(node.attr("slice"));
            return t ? Type::optional(t) : nullptr;
        }
        if (generic == Dict || generic == DefaultDict || generic == OrderedDict) {
            py::handle slice = node.attr("slice");
            if (kind(slice) != Ast::Tuple || py::len(slice.attr("elts")) != 2) {
                error(node, "write the key and value types: dict[str, int]");
                return nullptr;
            }
            py::list kv = slice.attr("elts");
            const Type* key = lower_annotation(kv[0]);
            const Type* value = lower_annotation(kv[1]);
            if (!key || !value) return nullptr;
            if (!key->is_key()) {
                error(kv[0], "a dict's keys must be hashable (int, float, bool, str, tuples of them or instances), not " +
                                 key->str());
                return nullptr;
            }
            return Type::dict(key, value, generic == DefaultDict ? "defaultdict" : generic == OrderedDict ? "OrderedDict" : "");
        }
        if (generic == Tuple) {
            py::handle slice = node.attr("slice");
            std::vector<const Type*> elems;
            if (kind(slice) == Ast::Tuple) {
                py::list elts = slice.attr("elts");
                if (py::len(elts) == 2 && kind(elts[1]) == Ast::Constant && elts[1].attr("value").ptr() == Py_Ellipsis) {
                    const Type* t = lower_annotation(elts[0]);  // tuple[T, ...]
                    return t ? Type::tuple_of(t) : nullptr;
                }
                for (py::handle e : slice.attr("elts")) {
                    if (kind(e) == Ast::Constant && e.attr("value").ptr() == Py_Ellipsis) {
                        error(e, "'...' is allowed only as tuple[T, ...]");
                        return nullptr;
                    }
                    const Type* t = lower_annotation(e);
                    if (!t) return nullptr;
                    elems.push_back(t);
                }
            } else {
                const Type* t = lower_annotation(slice);
                if (!t) return nullptr;
                elems.push_back(t);
            }
            return Type::tuple(elems);
        }
    }
    if (k == Ast::Attribute) {  // "Graph.Edge" in a string: a class defined in a class's body (capture.py's _with_nested)
        std::string dotted = py::str(node.attr("attr"));
        py::handle v = node.attr("value");
        for (; kind(v) == Ast::Attribute; v = v.attr("value")) dotted = std::string(py::str(v.attr("attr"))) + "." + dotted;
        if (kind(v) == Ast::Name) dotted = std::string(py::str(v.attr("id"))) + "." + dotted;
        if (const Resolution* r = in_ && kind(v) == Ast::Name ? global(dotted) : nullptr; r && r->kind == Resolution::Class)
            return module_->classes[r->func].type;
    }
    if (k == Ast::Attribute && std::string(py::str(node.attr("attr"))) == "ndarray")
        return Type::array(Type::unknown(), kAnyNdim);  // np.ndarray: any dtype, any dimensions
    if (k == Ast::Attribute && std::string(py::str(node.attr("attr"))) == "Generator")
        return Type::generator();  // np.random.Generator
    if (k == Ast::Attribute && std::string(py::str(node.attr("attr"))) == "Random")
        return Type::random();  // random.Random
    if (k == Ast::Attribute && std::string(py::str(node.attr("attr"))) == "Pattern")
        return Type::pattern();  // re.Pattern
    if (k == Ast::Attribute && std::string(py::str(node.attr("attr"))) == "Match")
        return Type::match();  // re.Match
    if (k == Ast::Attribute)  // np.float32: a NumPy scalar of that dtype
        if (const Type* t = numpy_scalar_annotation(py::str(node.attr("attr")))) return t;
    error(node, "unsupported type annotation (pyrite supports int, float, complex, bool, str, bytes, bytearray, None, tuple[...], list[...], "
                "dict[..., ...], set[...], T | None, pyrite.f64[:, :] and NDArray[np.float64])");
    return nullptr;
}

// list, dict, set or tuple without item types (typing.List too, or its text in quotes), or a type
// holding one (list[dict]): an annotation that names no item type, which CPython does not check either. A parameter, local or return so
// annotated is typed as one without an annotation (a root's parameter by its argument: capture.py)
bool Lowerer::bare_container(py::handle node) {
    if (node.is_none()) return false;
    if (kind(node) == Ast::Subscript) {  // list[dict], dict[str, list]: an item type that names none
        py::handle s = node.attr("slice");
        if (kind(s) != Ast::Tuple) return bare_container(s);
        for (py::handle e : s.attr("elts"))
            if (bare_container(e)) return true;
        return false;
    }
    std::string name;
    if (kind(node) == Ast::Name) name = py::str(node.attr("id"));
    else if (kind(node) == Ast::Attribute && kind(node.attr("value")) == Ast::Name &&
             std::string(py::str(node.attr("value").attr("id"))) == "typing")
        name = py::str(node.attr("attr"));
    else if (kind(node) == Ast::Constant && py::isinstance<py::str>(node.attr("value")))
        name = py::str(node.attr("value"));
    static const std::set<std::string> bare = {"list", "dict", "set", "tuple", "List", "Dict", "Set", "Tuple",
                                               "frozenset", "FrozenSet", "typing.FrozenSet",
                                               "typing.List", "typing.Dict", "typing.Set", "typing.Tuple"};
    return bare.count(name) > 0;
}

// a declaration's type: nullptr (inferred) for a bare container
const Type* Lowerer::lower_declared(py::handle node) { return bare_container(node) ? nullptr : lower_annotation(node); }

// Callable[[float], float], typing.Callable, collections.abc.Callable (or its text in quotes)
bool Lowerer::is_callable_annotation(py::handle node) {
    if (node.is_none()) return false;
    py::module_ ast = py::module_::import("ast");
    py::object n = py::reinterpret_borrow<py::object>(node);
    if (kind(n) == Ast::Constant && py::isinstance<py::str>(n.attr("value"))) {
        try {
            n = ast.attr("parse")(n.attr("value"), "<annotation>", "eval").attr("body");
        } catch (py::error_already_set&) {
            return false;
        }
    }
    if (kind(n) == Ast::Subscript) n = n.attr("value");
    if (kind(n) == Ast::Name) {  // from typing import Callable (as C): what capture resolved it to
        const Resolution* r = global(py::str(n.attr("id")));
        if (r && r->kind == Resolution::Builtin && r->name == "typing.Callable") return true;
    }
    std::string text = py::str(ast.attr("unparse")(n));
    return text == "Callable" || (text.size() > 9 && text.compare(text.size() - 9, 9, ".Callable") == 0);
}

// Callable[[A, B], R] of a parameter Python passes: A, B and R numbers, str or None
const Type* Lowerer::python_callable(py::handle node) {
    py::object n = py::reinterpret_borrow<py::object>(node);
    if (kind(n) == Ast::Constant && py::isinstance<py::str>(n.attr("value")))
        n = py::module_::import("ast").attr("parse")(n.attr("value"), "<annotation>", "eval").attr("body");
    auto refuse = [&](py::handle at, const std::string& why) -> const Type* {
        error(at, why);
        return nullptr;
    };
    if (kind(n) != Ast::Subscript || kind(n.attr("slice")) != Ast::Tuple || py::len(n.attr("slice").attr("elts")) != 2 ||
        kind(n.attr("slice").attr("elts")[py::int_(0)]) != Ast::List)
        return refuse(n, "write the types of the callable's arguments and result: Callable[[float], float]");
    py::handle params = n.attr("slice").attr("elts")[py::int_(0)];
    py::handle ret = n.attr("slice").attr("elts")[py::int_(1)];
    std::vector<const Type*> types;
    auto simple = [](const Type* t) { return t && (t->is_python_number() || t->is(TypeKind::Str) || t->is(TypeKind::None)); };
    for (py::handle p : params.attr("elts")) {
        types.push_back(lower_annotation(p));
        if (!types.back()) return nullptr;
        if (!simple(types.back()))
            return refuse(p, "a Python callable's arguments cross as int, float, bool, complex, str or None here, not '" +
                                 types.back()->str() + "' (it would get a copy, not the object)");
    }
    const Type* r = lower_annotation(ret);
    if (!r) return nullptr;
    if (!simple(r))
        return refuse(ret, "a Python callable's result crosses as int, float, bool, complex, str or None here, not '" +
                               r->str() + "'");
    return Type::py_function(r, types);
}

}  // namespace pyrite::frontend
