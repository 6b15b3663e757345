// Walking the IR: the one place that knows which fields of a statement hold
// expressions and which hold nested blocks.
#pragma once
#include <functional>

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

// fn(Expr&) on every expression node of an expression, a statement's or a block's, operands
// and the statements of expressions' blocks (comprehensions) included, parents first
inline void for_each_node(Expr& e, const std::function<void(Expr&)>& fn);
inline void for_each_node(Block& b, const std::function<void(Expr&)>& fn) {
    for (StmtP& s : b) for_each_expr(*s, [&](Expr& x) { for_each_node(x, fn); });
}
inline void for_each_node(Expr& e, const std::function<void(Expr&)>& fn) {
    fn(e);
    for (ExprP& a : e.args) for_each_node(*a, fn);
    if (e.body) for_each_node(*e.body, fn);
}

// fn(Stmt&) on every statement of a block, those in expressions' blocks (comprehensions)
// included, outer first
inline void for_each_stmt_deep(Block& b, const std::function<void(Stmt&)>& fn);
inline void for_each_stmt_deep(Expr& e, const std::function<void(Stmt&)>& fn) {
    for (ExprP& a : e.args) for_each_stmt_deep(*a, fn);
    if (e.body) for_each_stmt_deep(*e.body, fn);
}
inline void for_each_stmt_deep(Block& b, const std::function<void(Stmt&)>& fn) {
    for (StmtP& s : b) {
        fn(*s);
        for_each_expr_of(*s, [&](Expr& e) { for_each_stmt_deep(e, fn); });
        for_each_block(*s, [&](Block& inner) { for_each_stmt_deep(inner, fn); });
    }
}

// a block that makes its variable an empty list first and assigns it nowhere else: a
// comprehension's, whose list is made by its appends (codegen's fresh_list, opt/folds.cpp)
inline bool makes_fresh_list(Expr& e) {
    if (e.kind != ExprKind::Block || !e.body || e.body->empty() || e.var < 0) return false;
    const Stmt& first = *e.body->front();
    if (first.kind != StmtKind::Assign || first.var != e.var || !first.value || first.value->kind != ExprKind::List ||
        !first.value->args.empty())
        return false;
    bool again = false;
    for_each_stmt_deep(*e.body, [&](Stmt& s) { again = again || (&s != &first && s.kind == StmtKind::Assign && s.var == e.var); });
    return !again;
}

}  // namespace pyrite::ir
