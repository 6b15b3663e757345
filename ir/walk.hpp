// Walking the IR: the one place that knows which fields of a statement hold
// expressions and which hold nested blocks.
#pragma once
#include "ir.hpp"

namespace pyrite::ir {

// fn(Block&) on each block a statement holds: body, orelse, fast, a try's handlers and finalbody
template <class S, class F>
void for_each_block(S& s, F&& fn) {
    fn(s.body);
    fn(s.orelse);
    fn(s.fast);
    fn(s.handlers);
    fn(s.finalbody);
}

// fn(Expr&) on the expressions a statement holds itself (value, range bounds, target), not
// those of its blocks
template <class S, class F>
void for_each_expr_of(S& s, F&& fn) {
    if (s.value) fn(*s.value);
    for (auto& r : s.range) fn(*r);
    if (s.target) fn(*s.target);
}

// fn(Expr&) on each expression a statement holds directly (value, range bounds,
// target), then the same for every statement of its blocks (body, orelse, fast, ...).
// fn sees the root of each expression tree; it walks into args itself.
template <class S, class F>
void for_each_expr(S& s, F&& fn) {
    for_each_expr_of(s, fn);
    for_each_block(s, [&](auto& block) {
        for (auto& b : block) for_each_expr(*b, fn);
    });
}

// fn(Stmt&) on each statement of a block and of its nested blocks, outer first
// (not into expressions' blocks: comprehensions).
template <class B, class F>
void for_each_stmt(B& block, F&& fn) {
    for (auto& s : block) {
        fn(*s);
        for_each_block(*s, [&](auto& b) { for_each_stmt(b, fn); });
    }
}

}  // namespace pyrite::ir
