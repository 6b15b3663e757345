// Deep copies of IR nodes. Every field is copied: a field added to Expr or Stmt
// is added here too (the member-wise copies below keep that in one place).
#include "ir.hpp"

namespace pyrite::ir {

namespace {

ExprP copy(const Expr& e, int var, const Expr* with) {
    if (with && e.kind == ExprKind::Var && e.var == var) return copy(*with, -1, nullptr);
    auto c = std::make_unique<Expr>(e.kind, e.loc);
    // the scalar fields, member-wise; the owning ones (args, body) after
    c->type = e.type;
    c->ival = e.ival;
    c->fval = e.fval;
    c->fimag = e.fimag;
    c->var = e.var;
    c->op = e.op;
    c->cmps = e.cmps;
    c->name = e.name;
    c->operation = e.operation;
    c->callee = e.callee;
    c->is_max = e.is_max;
    c->index = e.index;
    c->iterator_items = e.iterator_items;
    c->star_arg = e.star_arg;
    c->persistent = e.persistent;
    c->unpack_count = e.unpack_count;
    c->classes = e.classes;
    c->holds = e.holds;
    c->sequence_pattern = e.sequence_pattern;
    c->exc_args = e.exc_args;
    c->kwnames = e.kwnames;
    c->inplace = e.inplace;
    c->unpacked = e.unpacked;
    c->field_call = e.field_call;
    c->dispatch = e.dispatch;
    c->overload = e.overload;
    c->in_test = e.in_test;
    c->check_bound = e.check_bound;
    c->unwrap = e.unwrap;
    c->fusion = e.fusion;
    c->unchecked_axes = e.unchecked_axes;
    c->no_overflow = e.no_overflow;
    c->moved = e.moved;
    c->wide = e.wide;
    c->iterate_words = e.iterate_words;
    for (const ExprP& a : e.args) c->args.push_back(copy(*a, var, with));
    if (e.body) c->body = std::make_unique<Block>(clone(*e.body));
    return c;
}

}  // namespace

ExprP clone(const Expr& e) { return copy(e, -1, nullptr); }

ExprP substitute(const Expr& e, int var, const Expr& with) { return copy(e, var, &with); }

std::unique_ptr<Stmt> clone(const Stmt& s) {
    auto c = std::make_unique<Stmt>(s.kind, s.loc);
    c->var = s.var;
    if (s.value) c->value = clone(*s.value);
    for (const ExprP& r : s.range) c->range.push_back(clone(*r));
    if (s.target) c->target = clone(*s.target);
    c->message = s.message;
    c->has_message = s.has_message;
    c->body = clone(s.body);
    c->orelse = clone(s.orelse);
    c->handlers = clone(s.handlers);
    c->finalbody = clone(s.finalbody);
    c->classes = s.classes;
    c->loop_id = s.loop_id;
    c->breaks = s.breaks;
    c->deep_break = s.deep_break;
    c->once = s.once;
    c->yield_body = s.yield_body;
    c->gen_region = s.gen_region;
    c->delegating = s.delegating;
    c->comp_frame = s.comp_frame;
    c->comp_line = s.comp_line;
    c->delegates = s.delegates;
    c->gen_name = s.gen_name;
    c->gen_file = s.gen_file;
    c->key_first = s.key_first;
    c->parallel = s.parallel;
    c->pattern_case = s.pattern_case;
    c->premarked = s.premarked;
    c->unmarked = s.unmarked;
    c->fixed_length = s.fixed_length;
    c->guards = s.guards;
    c->fast = clone(s.fast);
    c->slice_from_self = s.slice_from_self;
    c->appends = s.appends;
    c->checks_interrupt = s.checks_interrupt;
    c->chunked = s.chunked;
    c->one_chunk = s.one_chunk;
    c->unrolled = s.unrolled;
    c->reserves = s.reserves;
    c->reserve_hint = s.reserve_hint;
    c->reductions = s.reductions;
    c->privates = s.privates;
    c->copied_out = s.copied_out;
    return c;
}

Block clone(const Block& b) {
    Block out;
    for (const StmtP& s : b) out.push_back(clone(*s));
    return out;
}

Function clone(const Function& f) {
    Function c;
    c.qualname = f.qualname;
    c.pyname = f.pyname;
    c.file = f.file;
    c.loc = f.loc;
    c.vars = f.vars;
    c.params = f.params;
    for (const ExprP& d : f.defaults) c.defaults.push_back(d ? clone(*d) : nullptr);
    c.nposonly = f.nposonly;
    c.nkwonly = f.nkwonly;
    c.declared_ret = f.declared_ret;
    c.ret_loc = f.ret_loc;
    c.ret = f.ret;
    c.body = clone(f.body);
    c.exported = f.exported;
    c.method_of = f.method_of;
    c.memo = f.memo;
    c.recursive = f.recursive;
    c.counts_depth = f.counts_depth;
    c.releases_gil = f.releases_gil;
    c.nogil = f.nogil;
    c.nloops = f.nloops;
    c.lower_errors = f.lower_errors;
    c.generator = f.generator;
    c.coroutine = f.coroutine;
    c.generic = f.generic;
    c.specializes = f.specializes;
    c.spec_types = f.spec_types;
    c.unused = f.unused;
    c.ncaptures = f.ncaptures;
    c.snapshots = f.snapshots;
    c.vararg = f.vararg;
    c.capture_refs = f.capture_refs;
    c.never_returns = f.never_returns;
    c.abstract_stub = f.abstract_stub;
    c.returns_callable = f.returns_callable;
    c.py_module = f.py_module;
    c.py_factory = f.py_factory;
    c.pure_bounds = f.pure_bounds;
    return c;
}

}  // namespace pyrite::ir
