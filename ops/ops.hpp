// ops: the operation table (ops.def), one declaration per operation.
//
// The frontend and typeinfer resolve a Python name (with its receiver's kind)
// to an Op once; every later phase switches on the Op or reads its record:
// the typing rule, the C++ name codegen emits, the flags the passes ask.
#pragma once
#include <cstdint>
#include <string>

namespace pyrite::ops {

enum class Recv : std::uint8_t { Builtin, Str, List, TupleOf, Dict, Set, NumPy, Array, Attr };

enum class Rule : std::uint8_t {
    Own,          // a case of its own in typeinfer
    WithSet,      // set.union(t) and its kind: one set argument of the same type
    Maker, MakerLike, Arange, Linspace, Scalar, Shape, ArrayOf,
    FloatUfunc, SameUfunc, TestUfunc, BinaryUfunc, Where, Dot, Reduce,
    Round, Clip, CopyTo, Sort, Diff, Outer, Tile, Repeat, Join, Search, Unique, Cross, Norm, Average, Random,
    Einsum, Eye, Trace, Median, Bincount, Roll, Ptp, Tri, Isclose, NanReduce, View, Interp,
    Polyval, Logspace, Argwhere, Isin, Meshgrid, Diag,
    Small,        // a small NumPy function typed by a case of its own (typeinfer/numpy_small.cpp)
    ByNumPy,      // computed by NumPy itself, called with the GIL (runtime/include/pyrite/npcall.hpp's by_numpy)
    Arith,        // np.add(x, y) and its kind: the operator x + y (typeinfer/arrays.cpp rewrites the call)
    Iterate,      // an iterator of itertools (typeinfer/itertools.cpp)
};

enum Flag : unsigned {
    Mutates = 1,      // changes its receiver
    Elementwise = 2,  // a ufunc: NumPy applies it item by item (opt/fusion.cpp fuses it)
    TakesDtype = 4,   // its last parameter is dtype= (the result type carries it)
    Whole = 8,        // codegen names its whole C++ result type, not the item type
    LoopOnly = 16,    // only as the iterable of a for loop or comprehension, or another LoopOnly's source
    ArrayMethod = 32, // also a method of arrays: a.NAME(...) is np.NAME(a, ...)
};

enum class Op : std::uint16_t {
    None,
#define OP(id, recv, py, rule, cxx, flags) id,
#include "ops.def"
#undef OP
};

struct Info {
    Op op;
    Recv recv;
    const char* py;   // its Python name
    Rule rule;
    const char* cxx;  // the runtime's name codegen emits
    unsigned flags;
};

const Info& info(Op op);
inline bool has(Op op, Flag f) { return (info(op).flags & f) != 0; }
// The operation `name` of a receiver of this kind, or Op::None.
Op lookup(Recv recv, const std::string& name);
// Its printed name: len, np.sqrt, list.append, attr.T
std::string spelling(Op op);

}  // namespace pyrite::ops
