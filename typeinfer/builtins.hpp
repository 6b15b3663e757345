// The builtin table: every Python builtin pyrite compiles, as C++ overloads.
//
// Its records are not written here: pyrite-scan (scanner/, libTooling) reads
// the PYRITE_BUILTIN declarations in runtime/include/pyrite and writes
// builtins.json at build time; the Python package hands that list to the core.
// A builtin's signature is therefore written once, in C++.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "../ir/types.hpp"

namespace pyrite {

struct BuiltinParam {
    std::string name;
    const Type* type;
    std::string default_cxx;  // C++ text of the default, or empty
    bool variadic = false;    // *args (the last parameter; C++ std::initializer_list<T>), type: T
};

struct BuiltinOverload {
    std::string pyname;  // "math.sqrt"
    std::string cxx;     // "pyrite::math::sqrt"
    std::string header;  // "pyrite/math.hpp"
    std::vector<BuiltinParam> params;
    const Type* ret;
    bool gil = false;      // PYRITE_HOLDS_GIL: its caller keeps the GIL
    bool orders = false;   // PYRITE_ORDERS: it orders the items of its list arguments
    bool pure = false;     // PYRITE_PURE: a function of its arguments alone (a pure recursion may call it)
    bool nonnegative = false;   // PYRITE_NONNEGATIVE: its result is never below 0 (opt/signs.cpp)
    bool sign_checked = false;  // PYRITE_SIGN_CHECKED: it tests only that its argument is not below 0;
                                // `<cxx>_unchecked` does not (a call opt/signs.cpp proved)
    int braced = -1;       // an expanded *args overload: its parameters from here are one braced list
    bool generic = false;  // a function template: its types name type variables (Type::type_var)
    // PYRITE_FALLIBLE(ValueError): an overload taking a leading pyrite::Error& returns std::optional
    // of its result, empty where it would raise that exception (made in the Error): what a call
    // inside a try whose handler takes it calls, to reach the handler without a C++ throw
    std::string fallible;
    std::string signature() const;  // "math.log(x: float, base: float) -> float"
};

// A generic builtin's type variables bound by what a call passes: bind(list[T], list[int]) sets
// T = int (a variable keeps its first binding); substitute gives the pattern with its variables
// replaced, or nullptr while one is unbound.
using TypeBindings = std::map<std::string, const Type*>;
void bind(const Type* pattern, const Type* actual, TypeBindings& b);
const Type* substitute(const Type* pattern, const TypeBindings& b);

// How an argument of type `from` is passed to a parameter of type `to`:
// -1 when it cannot be, else the cost (0 exact, 1 bool->int, 2 int->float,
// 3 bool->float). The same rule governs calls between compiled functions.
int conversion_cost(const Type* from, const Type* to);

class BuiltinTable {
public:
    void add(BuiltinOverload o) { by_name_[o.pyname].push_back(std::move(o)); }
    const std::vector<BuiltinOverload>* find(const std::string& pyname) const {
        auto it = by_name_.find(pyname);
        return it == by_name_.end() ? nullptr : &it->second;
    }
    bool empty() const { return by_name_.empty(); }
    // the overload a generic one is at a call, its variables bound: one per binding, kept for
    // as long as the table (a call's Expr::overload points to it)
    const BuiltinOverload* instance(const BuiltinOverload& generic, const TypeBindings& b) const;
    // an overload with *args as the one taking `nargs` positional arguments: its *args are that
    // many parameters of their type (braced), or null where fewer are given than it needs
    const BuiltinOverload* expanded(const BuiltinOverload& variadic, size_t nargs) const;

private:
    std::map<std::string, std::vector<BuiltinOverload>> by_name_;
    mutable std::map<std::string, BuiltinOverload> instances_;
};

// Parses a Python type spelling from the table: int, float, bool, None, tuple[...]
const Type* parse_type(const std::string& text);

}  // namespace pyrite
