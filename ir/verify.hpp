// The IR verifier: the invariants every pass must leave intact.
//
// Run after every pass when PYRITE_VERIFY_IR=1 (the test suite sets it) or on
// request (`pyrite ir FILE --verify`). A broken invariant is a pyrite bug: it is
// reported with the pass that left it, before any C++ is printed.
#pragma once
#include <string>
#include <vector>

#include "ir.hpp"

namespace pyrite::ir {

struct VerifyStage {
    bool typed = false;       // after typeinfer: every expression and variable has a known type
    bool normalized = false;  // after normalize: methods are resolved, no t[0] of a tuple is left
};

// The problems found, one line each ("f:12:5: Binary has 1 operand, not 2"); empty when well formed.
std::vector<std::string> verify(const Module& m, VerifyStage stage);

// Breaks one invariant on purpose, for the verifier's own tests (PYRITE_IR_CORRUPT=PASS:WHAT):
// untyped, bad-var, arity, stray-break, stray-inner, unguarded. Unknown names change nothing.
void corrupt(Module& m, const std::string& what);

}  // namespace pyrite::ir
