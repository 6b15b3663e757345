// What an expression may raise, coarsely: codegen evaluates operands into temporaries
// (in Python's order) only where two of them can raise different exceptions, and the
// optimization passes keep what can raise in place.
#pragma once
#include <set>

#include "ir.hpp"

namespace pyrite::ir {

constexpr unsigned kOverflow = 1, kZeroDiv = 2, kValue = 4, kUnbound = 8, kAny = 16, kIndex = 32;
unsigned raises(const Expr& e);

// the locals a nested function rebinds (nonlocal): captured by reference anywhere in f, so a call
// may change them (the passes keep such locals' values in place; codegen reads an operand before
// a later one that calls)
std::set<int> by_reference(const Function& f);

}  // namespace pyrite::ir
