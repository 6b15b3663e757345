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
    Real,     // int | float: a value that is an int or a float by what happened at run time (t = 0 then
              // t += x of a float x; statistics.mean of ints; max(0, x)), spelled `int | float`: a
              // pyrite::Real (runtime/include/pyrite/real.hpp), its arithmetic CPython's for the kind it holds
    Bool,
    None,
    Tuple,    // fixed-size tuple[T1, T2, ...]; a typing.NamedTuple class's instances are one with cls (the
              // class's index in Module::classes) and name (its qualname) set: Point's type is
              // tuple[float, float] named Point, whose fields are its items (is_named_tuple)
    List,     // list[T]: elems[0] is T
    Str,      // str
    Bytes,    // bytes: immutable, shared (runtime/include/pyrite/bytes.hpp)
    ByteArray,  // bytearray: mutable, shared by reference as a list is (bytes.hpp)
    Dict,     // dict[K, V]: elems[0] is K, elems[1] is V
    Set,      // set[T]: elems[0] is T
    Optional, // T | None: elems[0] is T (never None or another Optional)
    TupleOf,  // tuple[T, ...]: any length, elems[0] is T
    Range,    // range (as a value; `for i in range(...)` is a counting loop)
    Array,    // a NumPy array, pyrite.f64[:, :]: elems[0] is its item type (a Scalar), ndim its dimensions
    Scalar,   // a NumPy scalar of one dtype (numpy.float32, numpy.int8, ...): what a[i] is; arithmetic
              // follows NumPy (integers wrap, x / 0.0 is inf), and Python int/float operands are
              // "weak" (NEP 50): np.int8(1) + 1 is an int8
    Complex,  // Python complex: two IEEE doubles, CPython's arithmetic (runtime/include/pyrite/complex.hpp)
    Generator,  // a numpy.random.Generator: NumPy's own object, whose methods compiled code calls
                // through NumPy (runtime/include/pyrite/nprandom.hpp)
    Deque,      // collections.deque[T]: elems[0] is T (runtime/include/pyrite/deque.hpp), shared by reference
    Random,     // a random.Random: Python's own object, whose Mersenne Twister state compiled code draws from
                // in place (runtime/include/pyrite/random.hpp's Rng); random.NAME(...) draws from random._inst
    Object,   // an instance of one of the program's classes (ir::Class): a native struct with fixed
              // field offsets behind a reference (cls: its index in Module::classes, name: its qualname)
    ExcClass,   // what `with` passes __exit__ besides the exception: its class (name "type[BaseException]")
                // or its traceback ("TracebackType"); tested with `is None`, issubclass(): a pyrite::ExcInfo
    Function,   // a function as a value: cls is its index in Module::functions (a generic one: its versions are
                // chosen where it is called), name its Python name, elems the types of the variables it
                // captured (a lambda's or a nested def's, by value): a std::tuple of them, called directly
    Functions,  // a function value that may be one of several functions (f = add if c else sub, a list of
                // different lambdas): elems are their Function types, in a fixed order; a std::variant of
                // them, called through an if on which it holds (ExprKind::CallEach)
    PyFunction, // a Python callable a function called from Python was given, annotated Callable[[A, B], R]:
                // elems are R, then A, B (numbers, str, None); called through the C API under the GIL,
                // its result checked to be an R (runtime/include/pyrite/pycall.hpp's PyFunc)
    Iterator,   // a generator object of the program's (Iterator[T], Generator[T, S, R]): elems are T, what it
                // yields, S, what send() passes it (None: next()'s), and R, what it returns; shared by
                // reference (runtime/include/pyrite/generator.hpp's Gen<T, S, R>)
    Enum,       // a member of an enum.Enum class of the program (cls: its index in Module::classes, name: its
                // qualname): a pyrite::Member of the class's struct, the member's position
                // (runtime/include/pyrite/enum.hpp)
    Exception,  // a caught exception of one of Python's builtin classes (name: ValueError; base: the
                // class it derives from, runtime/include/pyrite/exceptions.def), or of a subclass of it,
                // the user's included: a pyrite::Error (runtime/include/pyrite/exceptions.hpp)
    ExcArg,     // an item of an exception's args (e.args[0]), spelled `object`: None, a bool, int, float or
                // str, which only run time tells; str(), repr(), print, f-strings, ==, isinstance() and
                // Python take it (a pyrite::ExcArg, runtime/include/pyrite/exceptions.hpp)
    Pattern,    // a compiled regular expression, re.Pattern (of a str): CPython's object, whose methods compiled
                // code calls under the GIL (runtime/include/pyrite/re.hpp's Pattern)
    Match,      // a match of one, re.Match: CPython's object and its groups' spans, read without the GIL (re.hpp)
    Boxed,      // a value of any of the other types, spelled `object`: a dict display's values of several types
                // ({"n": 3, "top": [...]}), each kept as itself; printed, compared with == and handed to Python
                // as it is, nothing more (runtime/include/pyrite/boxed.hpp)
};

// NumPy's dtypes, in the order of numpy.result_type's lattice within each kind
enum class DType : unsigned char { Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64,
                                   Float32, Float64, Complex64, Complex128 };
const char* dtype_name(DType d);        // NumPy's name: float64
const char* dtype_short(DType d);       // pyrite's annotation name: f64 (pyrite.f64[:, :])
bool dtype_from_name(const std::string& name, DType* out);  // float64, f64, np.float64's attribute, ...
inline bool is_int_dtype(DType d) { return d >= DType::Int8 && d <= DType::UInt64; }
inline bool is_unsigned_dtype(DType d) { return d >= DType::UInt8 && d <= DType::UInt64; }
inline bool is_float_dtype(DType d) { return d == DType::Float32 || d == DType::Float64; }
inline bool is_complex_dtype(DType d) { return d == DType::Complex64 || d == DType::Complex128; }
int dtype_bits(DType d);  // of the item: 8 for int8, 64 for float64 and complex64's parts... see types.cpp
// numpy.result_type of two dtypes; false where NumPy has no common dtype pyrite supports (float16)
bool promote(DType a, DType b, DType* out);
struct Type;
// the dtype of NumPy arithmetic between a value of type `python` (int, float, bool: "weak", NEP 50;
// or a Scalar) and a value of dtype d
bool promote_weak(const Type* python, DType d, DType* out);

// numpy.typing.NDArray[np.float64] outside a root's parameters (a return, a local, a
// helper's parameter): an array of that dtype with whatever number of dimensions the
// program gives it, Type::array(item, kAnyNdim); np.ndarray and NDArray[Any] leave the
// item Unknown too. Such a pattern is only ever a declaration: the solver checks values
// against it and infers the real type (is_pattern).
constexpr int kAnyNdim = -1;

struct Type {
    TypeKind kind;
    std::vector<const Type*> elems;  // Tuple element types; List: the element type
    int ndim = 0;                    // Array
    DType dtype = DType::Float64;    // Scalar
    int cls = -1;                    // Object, a named Tuple: the class's index in the module
    std::string name{};              // Object, a named Tuple: the class's qualname; Exception: the builtin class's name
    const Type* base = nullptr;      // Object, Exception: the class it derives from (single inheritance), or null
    const Type* exc = nullptr;       // Object: the builtin exception class its hierarchy derives from, or null
    unsigned refs = 0;               // Function: bit k set where capture k is the enclosing variable itself
                                     // (a pointer to it: read when the function runs), not its value
    unsigned cells = 0;              // Function: bit k set where capture k is the shared heap cell the enclosing
                                     // variable lives in (a closure that outlives its maker: typeinfer's
                                     // check_function_escapes), read and rebound as through a pointer

    bool is(TypeKind k) const { return kind == k; }
    bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Float || kind == TypeKind::Bool; }
    bool is_real_number() const { return is_numeric() || kind == TypeKind::Real; }  // int, float, bool, int | float
    bool is_known() const;  // contains no Unknown (and no NDArray pattern)
    bool is_pattern() const;  // is or contains an array of kAnyNdim
    bool has_container() const;  // is or contains a mutable container (crosses the boundary by copy-in/write-back)
    bool plain_value() const;    // numbers, None, and tuples of them: a copy counts no reference (opt/moves.cpp)
    bool contains(TypeKind k) const;  // is or contains (in its items, fields of a tuple, captures) a type of kind k
    bool is_hashable() const;    // may be a dict key or set item, hashed by its value
    bool is_key() const { return is_hashable() || kind == TypeKind::Object; }  // may be a dict key or set item (an
                                 // instance: whose class typeinfer finds hashable, classes.cpp's check_keys; a set
                                 // of ones hashed by address is never iterated, iterables.cpp's set_order_unknown)
    const Type* elem() const { return elems[0]; }  // List, Set, Optional; a Dict's key
    const Type* value() const { return elems[1]; }  // Dict
    std::string str() const;  // Python spelling: int, tuple[int, float]

    static const Type* unknown();
    static const Type* int_();
    static const Type* float_();
    static const Type* real();  // int | float
    static const Type* complex_();
    static const Type* bool_();
    static const Type* none();
    static const Type* tuple(const std::vector<const Type*>& elems);
    static const Type* named_tuple(int cls, const std::string& qualname, const std::vector<const Type*>& elems);
    bool is_named_tuple() const { return kind == TypeKind::Tuple && cls >= 0; }
    static const Type* list(const Type* elem);
    static const Type* str_();
    static const Type* bytes_();
    static const Type* bytearray_();
    static const Type* range();
    static const Type* generator();  // numpy.random.Generator
    static const Type* random();     // random.Random
    static const Type* pattern();    // re.Pattern
    static const Type* match();      // re.Match
    static const Type* exc_arg();    // an item of e.args (TypeKind::ExcArg)
    static const Type* boxed();      // a value of any type (TypeKind::Boxed): from Python (an `object` parameter),
                                     // None, a bool, int, float, str, list[object] or dict[str, object]
    // an `object` compiled code made of values of these types (a dict display's values: {"n": 3, "top": [...]}):
    // what isinstance() narrows it to (typeinfer's boxed_narrowing). Of a Boxed without them: that one
    static const Type* boxed(std::vector<const Type*> alternatives);
    static const Type* boxed_union(const Type* a, const Type* b);  // an `object` holding what either may
    static const Type* deque(const Type* elem);  // collections.deque[T]
    // a generator object yielding T, sent S, returning R (Generator[T, S, R]; Iterator[T] when S and
    // R are None): elems are T, S, R
    static const Type* iterator(const Type* elem, const Type* sent = nullptr, const Type* result = nullptr);
    const Type* gen_sent() const { return elems[1]; }    // Iterator: S
    const Type* gen_result() const { return elems[2]; }  // Iterator: R
    // flavor: the dict subclass, "" for dict itself: "defaultdict" (its factory makes a fresh V: d[k]
    // of a missing key stores one, runtime/include/pyrite/defaultdict.hpp) or "Counter" (V is int;
    // d[k] of a missing key is 0, counter.hpp)
    static const Type* dict(const Type* key, const Type* value, const std::string& flavor = "");
    bool is_defaultdict() const { return kind == TypeKind::Dict && name == "defaultdict"; }
    bool is_counter() const { return kind == TypeKind::Dict && name == "Counter"; }
    bool is_ordereddict() const { return kind == TypeKind::Dict && name == "OrderedDict"; }
    // set[T]; flavor "frozenset": a frozenset[T], the same table (set.hpp's FrozenSet) but immutable and hashable
    static const Type* set(const Type* elem, const std::string& flavor = "");
    static const Type* frozenset(const Type* elem) { return set(elem, "frozenset"); }
    bool is_frozenset() const { return kind == TypeKind::Set && name == "frozenset"; }
    static const Type* optional(const Type* elem);  // optional(None) is None; optional(T | None) is T | None
    static const Type* tuple_of(const Type* elem);  // tuple[T, ...]
    static const Type* array(const Type* item, int ndim);  // pyrite.f64[:, :] is array(scalar(Float64), 2);
                                                           // item int, float and bool stand for int64, float64, bool
    static const Type* scalar(DType d);
    // mixin: Int for an IntEnum or `class C(int, Enum)`, Str for a StrEnum or `(str, Enum)` (elems[0]:
    // a member is also its value, which it decays to where Python uses it as one), else null
    static const Type* enum_(int cls, const std::string& qualname, const Type* mixin = nullptr);
    const Type* enum_mixin() const { return kind == TypeKind::Enum && !elems.empty() ? elems[0] : nullptr; }
    static const Type* object(int cls, const std::string& qualname, const Type* base = nullptr,
                              const Type* exc = nullptr);
    // a builtin exception class by name (ValueError), or null where exceptions.def has none
    static const Type* exception(const std::string& name);
    static const Type* exc_class(const std::string& name);  // type[BaseException], TracebackType
    static const Type* function(int index, const std::string& name, const std::vector<const Type*>& captures,
                                unsigned refs = 0, unsigned cells = 0);
    // a type of this one's kind (class, flavor, dimensions, captures' kinds) with these items
    const Type* with_elems(const std::vector<const Type*>& elems) const;
    // one of several functions (each a Function); one alone is itself
    static const Type* functions(std::vector<const Type*> alternatives);
    bool is_function_value() const { return kind == TypeKind::Function || kind == TypeKind::Functions; }
    static const Type* py_function(const Type* ret, const std::vector<const Type*>& params);
    // a type variable of a builtin's signature (T of template <class T> T choice(const List<T>&)): an
    // Unknown with a name, bound at each call (typeinfer/builtins.cpp's bind) and never a value's type
    static const Type* type_var(const std::string& name);
    bool is_type_var() const { return kind == TypeKind::Unknown && !name.empty(); }
    bool derives_from(const Type* ancestor) const;  // Object, Exception: it is `ancestor` or a subclass of it
    // a builtin exception class or the user's subclass of one: what `raise` takes and `except` names
    bool is_exception() const { return kind == TypeKind::Exception || (kind == TypeKind::Object && exc); }
    bool is_scalar(DType d) const { return kind == TypeKind::Scalar && dtype == d; }
    bool is_number() const { return is_numeric() || kind == TypeKind::Scalar; }  // a Python or a NumPy number
    bool is_python_number() const { return is_numeric() || kind == TypeKind::Complex; }  // int, float, bool, complex
};

// The least type both a and b can be, where Unknown parts are filled in from
// the other: join(list[<unknown>], list[int]) = list[int]. nullptr when the two
// differ in a known part (a conflict: pyrite has no unions, except T | None:
// join(None, int) = int | None).
const Type* join(const Type* a, const Type* b);

// join for a variable's, a return's or a branch's value: join, or int | float where an int and a
// float meet (t = 0, then t += 0.5: CPython's t holds either, by the values)
const Type* join_value(const Type* a, const Type* b);

// a's items widened where b has an int and a a float, or the reverse: list[float] and list[int] give
// list[int | float] (dict[K, V]'s values, set and tuple items, nested containers too); nullptr where
// they differ otherwise. What a container made here (a display, a comprehension) becomes when an
// int is stored into its floats (dist = {v: inf ...}, then dist[s] = 0: CPython keeps the int).
const Type* widen_items(const Type* a, const Type* b);
// a value an `object` (TypeKind::Boxed) may hold: one that prints, compares and crosses to Python as itself
bool boxable(const Type* t);
// whether an `object` of type `object` may hold a value of type t: a number, str, bool or None always;
// a container one of its alternatives (what isinstance() narrows it to), or, of one from Python (no
// alternatives: parsed JSON), a list[object] or a dict[str, object] (what from_py makes of a list or dict)
bool object_takes(const Type* object, const Type* t);
// t with every `object` in it (its items', a dict's values') one without alternatives: two types of
// which this is the same have the one C++ type, whatever their `object`s may hold
const Type* without_alternatives(const Type* t);

// Whether a value of type `from` may be stored where `to` is declared: join
// gives `to`, or it is a NumPy number going where its Python kind is declared
// (numpy.float32 as float, numpy.int8 as int), also inside tuples.
bool assignable(const Type* from, const Type* to);

}  // namespace pyrite
