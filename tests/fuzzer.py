"""Differential program fuzzer: random well-typed functions, compiled vs interpreted.

    python tests/fuzzer.py N [--seed S] [--per-module M] [--inputs K] [--save DIR]
    ./dev fuzz N                                  the same, after setting everything up

Generates N random functions over the subset pyrite compiles (ints, floats, bools,
strings, lists, dicts, sets, tuples; if/for/while/break/continue, comprehensions,
builtins and methods, augmented assignment, exceptions CPython raises along the way),
compiles them M to a module (one C++ compile per module), and runs each on K random
inputs both ways with pyrite.compare (values bit for bit, exception type and message,
arguments afterwards). Every difference is reduced to a minimal program that still
differs and saved under tests/fuzz_cases/, which tests/test_fuzz.py replays; a
fixed-seed bounded run is part of the test suite.

Programs are built to stay inside pyrite's documented contract: products are taken
of operands reduced mod 10007, shifts are bounded, loops run at most a few times,
so a 64-bit overflow is rare. Where one still happens in a local (seen by tracing the
interpreted run), the case is counted as "beyond 64 bits" (OverflowError is pyrite's
documented answer there), not as a divergence.
"""
import argparse
import copy
import importlib.util
import itertools
import json
import math
import os
import random
import sys
import tempfile
import time

import pyrite
from pyrite.errors import CompileError, ToolchainError

INT, FLOAT, BOOL, STR = "int", "float", "bool", "str"
LINT, LFLOAT, DICT, SET = "list[int]", "list[float]", "dict[str, int]", "set[int]"
TYPES = [INT, FLOAT, BOOL, STR, LINT, LFLOAT, DICT, SET]
CONTAINERS = {LINT, LFLOAT, DICT, SET}
ELEMENT = {LINT: INT, LFLOAT: FLOAT, SET: INT, DICT: STR}  # what `for x in c` gives


# ---------------------------------------------------------------- values
def literal(v):
    """Python source for a value (floats that repr() cannot spell included)."""
    if isinstance(v, float):
        if math.isnan(v):
            return "math.nan"
        if math.isinf(v):
            return "math.inf" if v > 0 else "-math.inf"
        return repr(v)
    if isinstance(v, (list, tuple)):
        inner = ", ".join(literal(x) for x in v)
        return f"[{inner}]" if isinstance(v, list) else f"({inner}{',' if len(v) == 1 else ''})"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(x)}" for k, x in v.items()) + "}"
    if isinstance(v, set):
        return "{" + ", ".join(literal(x) for x in v) + "}" if v else "set()"
    return repr(v)


SMALL = [0, 1, -1, 2, 3, -3, 5, 7, 10, -10, 64, 100, 255]
EDGE_INTS = [2 ** 31, -(2 ** 31), 2 ** 53 + 1, 2 ** 62, 2 ** 63 - 1, -(2 ** 63)]
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 2.5, 0.1, 3.0, 1e16, 1e300, -1e300, 1e-300, 5e-324,
          2.0 ** 63, math.pi, float("inf"), float("-inf"), float("nan")]
STRS = ["", "a", "ab", "abc", "Hello World", "é", " x ", "aaa", "1,2,3", "xYz", "a b a"]
KEYS = ["", "a", "b", "ab", "x"]


def value(rng, t):
    if t == INT:
        return rng.choice(EDGE_INTS) if rng.random() < 0.1 else rng.choice(SMALL)
    if t == FLOAT:
        return rng.choice(FLOATS)
    if t == BOOL:
        return rng.random() < 0.5
    if t == STR:
        return rng.choice(STRS)
    if t == LINT:
        return [rng.choice(SMALL) for _ in range(rng.randrange(6))]
    if t == LFLOAT:
        return [rng.choice(FLOATS) for _ in range(rng.randrange(5))]
    if t == DICT:
        return {rng.choice(KEYS): rng.choice(SMALL) for _ in range(rng.randrange(4))}
    if t == SET:
        return {rng.choice(SMALL) for _ in range(rng.randrange(5))}
    raise AssertionError(t)


# ---------------------------------------------------------------- programs
class E:
    """An expression: fmt is str.format text whose {0} {1} ... are the kids."""

    def __init__(self, t, fmt, kids=()):
        self.t, self.fmt, self.kids = t, fmt, list(kids)

    def render(self, instrument=False):
        text = self.fmt.format(*[k.render(instrument) for k in self.kids])
        return f"_w({text})" if instrument and self.kids else text


class S:
    """A statement: parts are (line fmt, exprs, block or None); a block is a list of S."""

    def __init__(self, parts):
        self.parts = parts

    def render(self, indent, out, instrument=False):
        pad = "    " * indent
        for fmt, exprs, block in self.parts:
            out.append(pad + fmt.format(*[e.render(instrument) for e in exprs]))
            if block is not None:
                if not block:
                    out.append(pad + "    pass")
                for s in block:
                    s.render(indent + 1, out, instrument)


class Func:
    def __init__(self, name, params, local_vars, body):
        self.name, self.params, self.locals, self.body = name, params, local_vars, body

    def render(self, name=None, instrument=False):
        sig = ", ".join(f"{n}: {t}" for n, t in self.params)
        names = [n for n, _ in self.locals] + [n for n, _ in self.params]
        types = [t for n, t in self.locals] + [t for n, t in self.params]
        ret = "(" + ", ".join(names) + ("," if len(names) == 1 else "") + ")"
        out = ["@accelerate", f"def {name or self.name}({sig}) -> tuple[{', '.join(types)}]:"]
        for n, t in self.locals:
            out.append(f"    {n}: {t} = {self.init[n]}")
        for s in self.body:
            s.render(1, out, instrument)
        out.append(f"    return {ret}")
        return "\n".join(out) + "\n"


def _leaf(t, text):
    return E(t, text.replace("{", "{{").replace("}", "}}"))


class Generator:
    def __init__(self, rng):
        self.rng = rng

    # -- expressions
    def lit(self, t):
        r = self.rng
        if t == INT:
            return _leaf(t, str(r.choice(SMALL)))
        if t == FLOAT:
            return _leaf(t, literal(r.choice([0.0, 1.5, -2.0, 0.1, 3.0, -0.0, 1e300, float("inf"), float("nan")])))
        if t == BOOL:
            return _leaf(t, r.choice(["True", "False"]))
        if t == STR:
            return _leaf(t, repr(r.choice(STRS)))
        v = value(r, t)
        while not v:  # an empty display alone says nothing of its items' type
            v = value(r, t)
        return _leaf(t, literal(v))

    def var(self, t, scope):
        names = [n for n, vt in scope if vt == t]
        return _leaf(t, self.rng.choice(names)) if names else None

    def expr(self, t, scope, depth=0):
        r = self.rng
        if depth >= 3 or r.random() < 0.3:
            v = self.var(t, scope) if r.random() < 0.7 else None
            return v or self.lit(t)
        forms = FORMS[t]
        fmt, kinds = r.choice(forms)
        kids = []
        for k in kinds:
            if k == "VAR":  # a container read twice: a variable, so it is evaluated alike
                continue
            # an f-string's parts are leaves: no quotes nested in its quotes (Python 3.11)
            kids.append(self.expr(k, scope, 3 if fmt.startswith('f"') else depth + 1))
        if "VAR" in kinds:  # forms like "({0}[{1} % len({0})] if {0} else 0)": {0} a variable
            ct = kinds[kinds.index("VAR") + 1]
            v = self.var(ct, scope)
            if v is None:
                return self.lit(t)
            kids[0] = v
        return E(t, fmt, kids)

    # -- statements
    def block(self, scope, mutable, loops, frozen, size, depth):
        return [self.stmt(scope, mutable, loops, frozen, depth) for _ in range(size)]

    def stmt(self, scope, mutable, loops, frozen, depth):
        r = self.rng
        choice = r.random()
        targets = [(n, t) for n, t in mutable if n not in frozen]
        if depth < 3 and choice < 0.12:
            then = self.block(scope, mutable, loops, frozen, r.randrange(1, 3), depth + 1)
            parts = [("if {}:", [self.expr(BOOL, scope)], then)]
            if r.random() < 0.5:
                parts.append(("else:", [], self.block(scope, mutable, loops, frozen, r.randrange(1, 3), depth + 1)))
            return S(parts)
        if depth < 3 and choice < 0.2:
            iv = f"i{depth}"
            inner = scope + [(iv, INT)]
            body = self.block(inner, mutable, loops + 1, frozen, r.randrange(1, 4), depth + 1)
            return S([(f"for {iv} in range({{}} % 6):", [self.expr(INT, scope)], body)])
        if depth < 3 and choice < 0.26:
            its = [(n, t) for n, t in scope if t in ELEMENT or t == STR]
            if its:
                n, t = r.choice(its)
                ev = f"e{depth}_{ELEMENT.get(t, STR).split('[')[0]}"
                inner = scope + [(ev, ELEMENT.get(t, STR))]
                # mutating what is iterated: only dicts and sets, where both must raise RuntimeError
                keep = frozen | ({n} if t in (LINT, LFLOAT) or r.random() < 0.8 else set())
                body = self.block(inner, mutable, loops + 1, keep, r.randrange(1, 4), depth + 1)
                return S([(f"for {ev} in {n}:", [], body)])
        if depth < 3 and choice < 0.3:
            w = f"w{depth}"
            body = self.block(scope + [(w, INT)], mutable, loops + 1, frozen, r.randrange(1, 3), depth + 1)
            return S([(f"{w} = 0", [], None),
                      (f"while {w} < 5 and {{}}:", [self.expr(BOOL, scope)],
                       [S([(f"{w} += 1", [], None)])] + body)])
        if loops and choice < 0.34:
            return S([("if {}:", [self.expr(BOOL, scope)], [S([(r.choice(["break", "continue"]), [], None)])])])
        if not targets:
            return S([("pass", [], None)])
        n, t = r.choice(targets)
        x = r.random()
        if t == INT and x < 0.3:
            op = r.choice(["+=", "-=", "//=", "%=", "|=", "^="])
            return S([(f"{n} {op} {{}}", [self.expr(INT, scope)], None)])
        if t == FLOAT and x < 0.3:
            op = r.choice(["+=", "-=", "*=", "/="])
            return S([(f"{n} {op} {{}}", [self.expr(r.choice([FLOAT, FLOAT, INT]), scope)], None)])
        if t == STR and x < 0.2:
            return S([(f"{n} += {{}}", [self.expr(STR, scope)], None)])
        if t in (LINT, LFLOAT) and x < 0.6:
            et = ELEMENT[t]
            forms = [(f"{n}.append({{}})", [et]), (f"{n}[{{}}] = {{}}", [INT, et]),
                     (f"if {n}:\n{{pad}}    {n}.pop()", []), (f"{n}.insert({{}}, {{}})", [INT, et]),
                     (f"{n} += {{}}", [t]), (f"{n}.sort()", []), (f"{n}.reverse()", []),
                     (f"{n}.extend({{}})", [t]), (f"{n}[{{}}] += {{}}", [INT, et])]
            fmt, kinds = r.choice(forms)
            if "{pad}" in fmt:  # a two-line statement
                return S([(f"if {n}:", [], [S([(f"{n}.pop()", [], None)])])])
            return S([(fmt, [self.expr(k, scope) for k in kinds], None)])
        if t == DICT and x < 0.6:
            forms = [(f"{n}[{{}}] = {{}}", [STR, INT]), (f"{n}[{{}}] += {{}}", [STR, INT]),
                     (f"{n}.pop({{}}, 0)", [STR]), (f"{n}.setdefault({{}}, {{}})", [STR, INT]),
                     (f"{n}.update({{}})", [DICT]), (f"del {n}[{{}}]", [STR])]
            fmt, kinds = r.choice(forms)
            return S([(fmt, [self.expr(k, scope) for k in kinds], None)])
        if t == SET and x < 0.6:
            forms = [(f"{n}.add({{}})", [INT]), (f"{n}.discard({{}})", [INT]), (f"{n} |= {{}}", [SET]),
                     (f"{n} -= {{}}", [SET]), (f"{n}.remove({{}})", [INT])]
            fmt, kinds = r.choice(forms)
            return S([(fmt, [self.expr(k, scope) for k in kinds], None)])
        return S([(f"{n} = {{}}", [self.expr(t, scope)], None)])

    def function(self, name):
        r = self.rng
        params = [(f"p{i}", r.choice(TYPES)) for i in range(r.randrange(1, 4))]
        local_vars = [(f"v{i}", r.choice(TYPES)) for i in range(r.randrange(1, 4))]
        scope = params + local_vars
        f = Func(name, params, local_vars, [])
        f.init = {n: literal(value(r, t)) if t in CONTAINERS else self.lit(t).render() for n, t in local_vars}
        f.body = self.block(scope, scope, 0, set(), r.randrange(2, 7), 0)
        return f


# The expression forms, by result type: (format, kinds of the kids). "VAR", T marks a
# form whose kid {0} must be a variable of type T (it is read more than once).
FORMS = {
    INT: [("({} + {})", [INT, INT]), ("({} - {})", [INT, INT]), ("(({} % 10007) * ({} % 10007))", [INT, INT]),
          ("({} // {})", [INT, INT]), ("({} % {})", [INT, INT]), ("(-{})", [INT]), ("abs({})", [INT]),
          ("min({}, {})", [INT, INT]), ("max({}, {}, {})", [INT, INT, INT]), ("len({})", [STR]), ("len({})", [LINT]),
          ("len({})", [DICT]), ("len({})", [SET]), ("({} if {} else {})", [INT, BOOL, INT]),
          ("({} & {})", [INT, INT]), ("({} | {})", [INT, INT]), ("({} ^ {})", [INT, INT]), ("(~{})", [INT]),
          ("({} >> ({} % 64))", [INT, INT]), ("(({} % 1000) << ({} % 16))", [INT, INT]),
          ("int({} % 1e15)", [FLOAT]), ("round({} % 1e15)", [FLOAT]), ("{}[{}]", [LINT, INT]),
          ("({0}[{1} % len({0})] if {0} else 0)", ["VAR", LINT, INT]), ("sum({})", [LINT]),
          ("{}.count({})", [LINT, INT]), ("{}.get({}, {})", [DICT, STR, INT]), ("{}.find({})", [STR, STR]),
          ("{}.count({})", [STR, STR]), ("sum([x % 7 for x in {}])", [LINT]), ("int({})", [BOOL]),
          ("({} + {})", [INT, BOOL]), ("min({})", [LINT]), ("max({}, default={})", [SET, INT]),
          ("{}[{}]", [DICT, STR]), ("math.floor({} % 1e15)", [FLOAT]), ("int({})", [STR]),
          ("divmod({}, {})[0]", [INT, INT]), ("pow({}, {} % 5)", [INT, INT]), ("ord({}[0])", [STR]),
          ("{}.index({})", [LINT, INT]), ("len({}.split())", [STR]),
          # i - 1, i + 1: as an index, a stencil's neighbour, guarded once per loop (opt/loops.cpp)
          ("({} - 1)", [INT]), ("({} + 1)", [INT])],
    FLOAT: [("({} + {})", [FLOAT, FLOAT]), ("({} - {})", [FLOAT, FLOAT]), ("({} * {})", [FLOAT, FLOAT]),
            ("({} / {})", [FLOAT, FLOAT]), ("({} + {})", [FLOAT, INT]), ("({} / {})", [INT, INT]),
            ("({} * {})", [INT, FLOAT]), ("float({})", [INT]), ("abs({})", [FLOAT]), ("(-{})", [FLOAT]),
            ("min({}, {})", [FLOAT, FLOAT]), ("max({}, {})", [FLOAT, FLOAT]), ("math.sqrt({})", [FLOAT]),
            ("math.fabs({})", [FLOAT]), ("({} ** 2)", [FLOAT]), ("({} if {} else {})", [FLOAT, BOOL, FLOAT]),
            ("sum({})", [LFLOAT]), ("{}[{}]", [LFLOAT, INT]), ("round({}, 2)", [FLOAT]), ("({} // {})", [FLOAT, FLOAT]),
            ("({} % {})", [FLOAT, FLOAT]), ("math.exp({} % 100)", [FLOAT]), ("float({})", [STR]),
            ("math.fmod({}, {})", [FLOAT, FLOAT]), ("math.copysign({}, {})", [FLOAT, FLOAT]),
            ("max({}, default={})", [LFLOAT, FLOAT]), ("math.log({})", [FLOAT]), ("math.atan2({}, {})", [FLOAT, FLOAT])],
    BOOL: [("({} < {})", [INT, INT]), ("({} <= {})", [FLOAT, FLOAT]), ("({} == {})", [FLOAT, INT]),
           ("({} != {})", [STR, STR]), ("({} < {})", [STR, STR]), ("({} and {})", [BOOL, BOOL]),
           ("({} or {})", [BOOL, BOOL]), ("(not {})", [BOOL]), ("({} in {})", [INT, LINT]),
           ("({} in {})", [INT, SET]), ("({} in {})", [STR, DICT]), ("({} in {})", [STR, STR]),
           ("{}.startswith({})", [STR, STR]), ("math.isnan({})", [FLOAT]), ("({} == {})", [LINT, LINT]),
           ("({} < {})", [LINT, LINT]), ("({} == {})", [DICT, DICT]), ("({} <= {})", [SET, SET]),
           ("({} < {} <= {})", [INT, INT, INT]), ("any([x > 2 for x in {}])", [LINT]), ("all({})", [LINT]),
           ("bool({})", [FLOAT]), ("{}.isdigit()", [STR])],
    STR: [("({} + {})", [STR, STR]), ("{}[{}:{}]", [STR, INT, INT]), ("str({})", [INT]), ("str({})", [FLOAT]),
          ("{}.upper()", [STR]), ("{}.lower()", [STR]), ("{}.strip()", [STR]), ("{}.replace({}, {})", [STR, STR, STR]),
          ("({} * ({} % 4))", [STR, INT]), ("{}[{}]", [STR, INT]), ('f"{{{}}}:{{{}}}"', [INT, FLOAT]),
          ('f"{{{}!r}}"', [STR]), ('",".join([str(x) for x in {}])', [LINT]),
          ("repr({})", [FLOAT]), ("{}[::-1]", [STR]), ("{}.zfill({} % 8)", [STR, INT]),
          ('f"{{{}:.3f}}"', [FLOAT]), ("chr(65 + {} % 26)", [INT])],
    LINT: [("[{}, {}]", [INT, INT]), ("({} + {})", [LINT, LINT]), ("sorted({})", [LINT]), ("{}[{}:{}]", [LINT, INT, INT]),
           ("[x * 2 for x in {}]", [LINT]), ("[x for x in {} if x % 2 == 0]", [LINT]), ("list(range({} % 10))", [INT]),
           ("sorted({})", [SET]), ("sorted({}, reverse=True)", [LINT]), ("list({})", [SET]), ("{}[::-1]", [LINT]),
           ("[len(k) for k in {}]", [DICT]), ("list({}.values())", [DICT]), ("({} * ({} % 3))", [LINT, INT]),
           ("[i * j for i, j in zip({}, {})]", [LINT, LINT]), ("[i for i, x in enumerate({}) if x > 0]", [LINT])],
    LFLOAT: [("[{}, {}]", [FLOAT, FLOAT]), ("({} + {})", [LFLOAT, LFLOAT]), ("[float(x) for x in {}]", [LINT]),
             ("sorted({})", [LFLOAT]), ("{}[{}:{}]", [LFLOAT, INT, INT]), ("[x / 2 for x in {}]", [LFLOAT])],
    DICT: [("{{{}: {}}}", [STR, INT]), ("{{{}: {}, {}: {}}}", [STR, INT, STR, INT]), ("dict({})", [DICT]),
           ("{{k: len(k) for k in {}}}", [DICT]), ("{{s: i for i, s in enumerate({})}}", [STR])],
    SET: [("set({})", [LINT]), ("({} | {})", [SET, SET]), ("({} & {})", [SET, SET]), ("({} - {})", [SET, SET]),
          ("{{{}, {}}}", [INT, INT]), ("{{x % 5 for x in {}}}", [LINT]), ("({} ^ {})", [SET, SET])],
}


# ---------------------------------------------------------------- reduction
def _blocks(body):
    """Every statement list in a body (the body itself included), outermost first."""
    yield body
    for s in body:
        for _, _, block in s.parts:
            if block is not None:
                yield from _blocks(block)


def _exprs(body):
    for s in body:
        for _, exprs, block in s.parts:
            for e in exprs:
                yield from _walk(e)
            if block is not None:
                yield from _exprs(block)


def _walk(e):
    yield e
    for k in e.kids:
        yield from _walk(k)


def _size(f):
    return len(f.render())


def reductions(f):
    """Programs one step simpler than f: a statement removed or replaced by its body, an
    expression replaced by a kid of its type or by a literal."""
    n_blocks = len(list(_blocks(f.body)))
    for b in range(n_blocks):
        for i in range(len(list(_blocks(f.body))[b])):
            g = copy.deepcopy(f)
            block = list(_blocks(g.body))[b]
            s = block.pop(i)
            yield g
            inner = [x for _, _, blk in s.parts if blk is not None for x in blk]
            if inner:
                g = copy.deepcopy(f)
                block = list(_blocks(g.body))[b]
                block[i:i + 1] = [x for x in inner if not x.parts[0][0] in ("break", "continue")]
                yield g
    n_exprs = len(list(_exprs(f.body)))
    for j in range(n_exprs):
        e = list(_exprs(f.body))[j]
        replacements = [k for k in e.kids if k.t == e.t]
        if e.kids or e.fmt not in ("0", "0.0", "False", "''", "[]", "{}", "set()"):
            replacements.append(_leaf(e.t, {INT: "0", FLOAT: "0.0", BOOL: "False", STR: "''", LINT: "[]",
                                            LFLOAT: "[]", DICT: "{}", SET: "set()"}[e.t]))
        for rep in replacements:
            g = copy.deepcopy(f)
            target = list(_exprs(g.body))[j]
            rep = copy.deepcopy(rep)
            target.t, target.fmt, target.kids = rep.t, rep.fmt, rep.kids
            yield g


# ---------------------------------------------------------------- running
class Module:
    """Functions written to one file, imported, and compiled together."""

    counter = itertools.count()

    def __init__(self, workdir, funcs):
        name = f"fz_{os.getpid()}_{next(Module.counter)}"
        path = os.path.join(workdir, name + ".py")
        with open(path, "w") as fh:
            fh.write("import math\nfrom pyrite import accelerate\n\n\n")
            for i, f in enumerate(funcs):
                fh.write(f.render(f"f{i}") + "\n\n")
        spec = importlib.util.spec_from_file_location(name, path)
        self.module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.module)
        self.path = path
        self.fns = [getattr(self.module, f"f{i}") for i in range(len(funcs))]

    def compile(self):
        """{index: compile error message} for the functions pyrite refused, and for those whose
        generated C++ did not compile (a pyrite bug: Module.broken); the rest are built."""
        refused = {}
        self.broken = {}

        def build(indices):
            try:
                pyrite.build(*[self.fns[i] for i in indices])
            except (CompileError, ToolchainError) as e:
                if len(indices) == 1:
                    (self.broken if isinstance(e, ToolchainError) else refused)[indices[0]] = str(e)
                    if isinstance(e, ToolchainError):
                        refused[indices[0]] = str(e)
                else:
                    half = len(indices) // 2
                    build(indices[:half])
                    build(indices[half:])
        build(list(range(len(self.fns))))
        return refused


def _beyond_64_bits(func, args):
    """Whether the interpreted run made an int beyond 64 bits anywhere: every int
    expression of the program is wrapped in a check, and its locals are traced."""
    from pyrite.compare import too_big
    seen = []

    def w(v):
        if too_big(v):
            seen.append(v)
        return v
    namespace = {"math": math, "_w": w, "accelerate": lambda f: f}
    exec(func.render("instrumented", instrument=True), namespace)
    ref = namespace["instrumented"]

    def tracer(frame, event, arg):
        if frame.f_code is ref.__code__:
            if any(too_big(v) for v in frame.f_locals.values()):
                seen.append(True)
            return tracer
        return None
    sys.settrace(tracer)
    try:
        ref(*copy.deepcopy(args))
    except Exception:  # noqa: BLE001 - only what it computed matters
        pass
    finally:
        sys.settrace(None)
    return bool(seen)


def differs(func, fn, args):
    """The pyrite.compare report when fn (compiled from func) differs on args, and not
    only where pyrite documents that it does; else None."""
    report = pyrite.compare(fn, *copy.deepcopy(args))
    if report:
        return None
    return None if documented(func, args, report) else report


def _same_but_empty_sums(a, b):
    """pyrite.compare.same, except that CPython's int 0 may be pyrite's 0.0."""
    from pyrite.compare import same
    if type(a) is int and a == 0 and type(b) is float and b == 0.0 and math.copysign(1, b) > 0:
        return True
    if isinstance(a, (tuple, list)) and type(a) is type(b) and len(a) == len(b):
        return all(_same_but_empty_sums(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and type(a) is type(b) and len(a) == len(b):
        return _same_but_empty_sums(list(a.items()), list(b.items()))
    return same(a, b)


def documented(func, args, report):
    """Whether the runs differ where the README says pyrite does: an int past 64 bits in a
    local, a run-time "pyrite cannot ... the way CPython does" (sorting nan), sum() of an
    empty list[float]; or where memory ran out (the fuzzer runs under an 8 GiB limit)."""
    if report.interpreted[0] == report.compiled[0] == "value" and _same_but_empty_sums(
            (report.interpreted[1], report.args_after[0]), (report.compiled[1], report.args_after[1])):
        return True  # README: sum() of an empty list[float] is 0.0, CPython's the int 0
    if MemoryError in (report.interpreted[1], report.compiled[1]):
        return True  # a program whose data doubles in a loop: where it runs out differs
    if report.compiled[0] != "raise":
        return False
    if report.compiled[1] is ValueError and report.compiled[2].startswith("pyrite cannot"):
        return True
    return report.compiled[1] is OverflowError and _beyond_64_bits(func, args)


def _signature(report):
    return tuple(sorted(what for what, _ in report.differences))


def _is_python(func):
    try:
        compile(func.render("candidate"), "<candidate>", "exec")
        return True
    except SyntaxError:
        return False


def reduce(func, args, report, workdir, log=print):
    """The smallest program found, by rounds of one-step reductions compiled together,
    that still differs on args the way func did."""
    want = _signature(report)
    best = func
    while True:
        # a reduction that leaves a `break` outside its loop is not Python: dropped
        candidates = [g for g in sorted(reductions(best), key=_size) if _is_python(g)][:60]
        if not candidates:
            return best, report
        module = Module(workdir, candidates)
        refused = module.compile()
        found = None
        for i, g in enumerate(candidates):
            if i in refused:
                continue
            r = differs(g, module.fns[i], args)
            if r is not None and _signature(r) == want:
                found = (g, r)
                break
        if found is None:
            return best, report
        best, report = found
        log(f"    reduced to {_size(best)} characters")


def save(func, args, report, directory, seed):
    os.makedirs(directory, exist_ok=True)
    import hashlib
    text = func.render("case")
    digest = hashlib.sha256((text + literal(list(args))).encode()).hexdigest()[:10]
    path = os.path.join(directory, f"case_{digest}.py")
    summary = "; ".join(f"{w}: {d}" for w, d in report.differences).replace("\n", " ")
    with open(path, "w") as fh:
        fh.write(f"# Found by tests/fuzzer.py (seed {seed}), reduced. It differed:\n")
        for line in summary.splitlines() or [""]:
            fh.write(f"#   {line[:300]}\n")
        fh.write("import math\nfrom pyrite import accelerate\n\n\n" + text + "\n\n")
        fh.write(f"ARGS = [{literal(tuple(args))}]\n")
    return path


def run(n, seed=0, per_module=40, inputs=8, save_dir=None, reduce_found=True, log=print):
    """Fuzzes n programs; returns a dict of counts and the divergences found."""
    rng = random.Random(seed)
    stats = {"programs": 0, "cases": 0, "refused": 0, "documented": 0, "divergent": 0}
    found, refusals = [], []
    with tempfile.TemporaryDirectory(prefix="pyrite-fuzz-") as workdir:
        sys.path.insert(0, workdir)
        try:
            done = 0
            while done < n:
                count = min(per_module, n - done)
                gen = Generator(rng)
                funcs = [gen.function(f"f{i}") for i in range(count)]
                arg_sets = [[tuple(value(rng, t) for _, t in f.params) for _ in range(inputs)] for f in funcs]
                done += count
                module = Module(workdir, funcs)
                t0 = time.perf_counter()
                refused = module.compile()
                stats["compile_seconds"] = stats.get("compile_seconds", 0) + round(time.perf_counter() - t0)
                for i, message in refused.items():
                    if i in module.broken:  # the generated C++ did not compile: a pyrite bug
                        stats["divergent"] += 1
                        log(f"C++ DID NOT COMPILE for\n{funcs[i].render()}{message[:3000]}")
                        found.append({"program": funcs[i].render("case"), "args": arg_sets[i][0],
                                      "report": message[:3000]})
                    else:
                        refusals.append((funcs[i].render(), message))
                        stats["refused"] += 1
                for i, (f, fn) in enumerate(zip(funcs, module.fns)):
                    if i in refused:
                        continue
                    stats["programs"] += 1
                    for args in arg_sets[i]:
                        stats["cases"] += 1
                        report = pyrite.compare(fn, *copy.deepcopy(args))
                        if report:
                            continue
                        if documented(f, args, report):
                            stats["documented"] += 1
                            continue
                        stats["divergent"] += 1
                        log(f"DIVERGENCE in\n{f.render()}{report}")
                        small, small_report = (reduce(f, args, report, workdir, log) if reduce_found
                                               else (f, report))
                        entry = {"program": small.render("case"), "args": args, "report": str(small_report)}
                        if save_dir:
                            entry["saved"] = save(small, args, small_report, save_dir, seed)
                            log(f"  saved {entry['saved']}")
                        found.append(entry)
                        break  # one divergence per program
                log(f"{done}/{n} programs: {stats}")
        finally:
            sys.path.remove(workdir)
    return stats, found, refusals


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="programs to generate")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    p.add_argument("--per-module", type=int, default=40, help="functions per compiled module")
    p.add_argument("--inputs", type=int, default=12, help="random inputs per program")
    p.add_argument("--jobs", type=int, default=1, help="processes, each with its own seed (seed, seed+1, ...)")
    p.add_argument("--save", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz_cases"),
                   help="where reduced divergences are saved")
    p.add_argument("--show-refused", type=int, default=3, help="refused programs to print in full")
    a = p.parse_args(argv)
    seed = a.seed if a.seed is not None else int(time.time())
    t0 = time.time()
    try:  # a program whose data doubles in a loop ends in MemoryError, not in the OOM killer
        import resource
        limit = int(os.environ.get("PYRITE_FUZZ_MEMORY", 8 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, ValueError, OSError):
        pass
    if a.jobs > 1:
        return _parallel(a, seed, t0)
    print(f"fuzzing {a.n} programs, seed {seed}", flush=True)
    stats, found, refusals = run(a.n, seed, a.per_module, a.inputs, a.save)
    for text, message in refusals[:a.show_refused]:
        print(f"REFUSED (a generator bug or a missing feature):\n{text}{message}\n")
    for text, message in refusals:
        print("REFUSED:", message.splitlines()[0].split(": error: ")[-1])
    print(f"done in {time.time() - t0:.0f} s: {stats}")
    print("STATS " + json.dumps(stats), flush=True)
    return 1 if found or refusals else 0


def _parallel(a, seed, t0):
    """Runs the work in a.jobs processes; a process that dies (a crash in compiled code)
    is reported with its seed, so `fuzzer.py N --seed S` reproduces it."""
    import json
    import subprocess
    shares = [a.n // a.jobs + (1 if k < a.n % a.jobs else 0) for k in range(a.jobs)]
    procs = []
    for k, share in enumerate(shares):
        cmd = [sys.executable, os.path.abspath(__file__), str(share), "--seed", str(seed + k),
               "--per-module", str(a.per_module), "--inputs", str(a.inputs), "--save", a.save,
               "--show-refused", str(a.show_refused)]
        procs.append((seed + k, subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)))
    total, status = {}, 0
    for s, proc in procs:
        for line in proc.stdout:
            if line.startswith("STATS "):
                for key, v in json.loads(line[6:]).items():
                    total[key] = total.get(key, 0) + v
            else:
                print(f"[seed {s}] {line}", end="", flush=True)
        rc = proc.wait()
        if rc not in (0, 1):
            print(f"[seed {s}] CRASHED with status {rc}: rerun `python tests/fuzzer.py N --seed {s}`")
        status = status or (1 if rc else 0)
    print(f"all done in {time.time() - t0:.0f} s: {total}")
    return status


if __name__ == "__main__":
    sys.exit(main())
