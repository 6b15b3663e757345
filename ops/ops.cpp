// The operation table's records and the name lookup (ops.hpp).
#include "ops.hpp"

#include <map>
#include <utility>

namespace pyrite::ops {

namespace {
using namespace pyrite::ops;

const Info kInfo[] = {
    {Op::None, Recv::Builtin, "", Rule::Own, "", 0},
#define OP(id, recv, py, rule, cxx, flags) {Op::id, Recv::recv, py, Rule::rule, #cxx, flags},
#include "ops.def"
#undef OP
};

const std::map<std::pair<Recv, std::string>, Op>& by_name() {
    static const std::map<std::pair<Recv, std::string>, Op> table = [] {
        std::map<std::pair<Recv, std::string>, Op> t;
#define OP(id, recv, py, rule, cxx, flags) t[{Recv::recv, py}] = Op::id;
#define ALIAS(recv, py, id) t[{Recv::recv, py}] = Op::id;
#include "ops.def"
#undef OP
        return t;
    }();
    return table;
}
}  // namespace

const Info& info(Op op) { return kInfo[static_cast<int>(op)]; }

Op lookup(Recv recv, const std::string& name) {
    auto it = by_name().find({recv, name});
    return it == by_name().end() ? Op::None : it->second;
}

std::string spelling(Op op) {
    const Info& i = info(op);
    switch (i.recv) {
        case Recv::Builtin: return i.py;
        case Recv::Str: return std::string("str.") + i.py;
        case Recv::List: return std::string("list.") + i.py;
        case Recv::TupleOf: return std::string("tuple.") + i.py;
        case Recv::Dict: return std::string("dict.") + i.py;
        case Recv::Set: return std::string("set.") + i.py;
        case Recv::NumPy: return std::string("np.") + i.py;
        case Recv::Array: return std::string("ndarray.") + i.py;
        case Recv::Attr: return std::string("attr.") + i.py;
    }
    return i.py;
}

}  // namespace pyrite::ops
