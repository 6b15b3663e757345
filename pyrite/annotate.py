"""`pyrite annotate module.py -o report.html`: what pyrite made of each line.

One self-contained HTML page: the module's source, each line of a compiled function
shaded by how much C++ it became and how many run-time checks that C++ performs (integer
overflow, bounds, None, dict keys), the inferred types of the names on it on hover, and
the C++ it produced (from the generated code's #line directives) folded under it.
"""
import html
import os
import re

# the run-time checks a line's C++ performs, by kind
_CHECK_KINDS = (
    ("overflow", re.compile(r"pyrite::(?:add|sub|mul|neg|floordiv|mod|pow|lshift|rshift)\(|np::weak<|np::store<")),
    ("bounds", re.compile(r"pyrite::bound\(|\.get\(|\.at\(|\.set\(")),
    ("None", re.compile(r"pyrite::unwrap\(")),
    ("recursion", re.compile(r"check_recursion")),
)
_LINE = re.compile(r'^\s*#line (\d+) "(.*)"\s*$')
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def checks_of(cpp_lines):
    """{kind: count} of the run-time checks in these C++ lines."""
    out = {}
    for kind, pattern in _CHECK_KINDS:
        n = sum(len(pattern.findall(c)) for c in cpp_lines)
        if n:
            out[kind] = n
    return out


def cpp_by_line(cpp_text, source_path):
    """{python line: [C++ lines]} from the generated code's #line directives: every copy."""
    return {line: [c for copy in copies for c in copy] for line, copies in cpp_copies(cpp_text, source_path).items()}


def cpp_copies(cpp_text, source_path):
    """{python line: [[C++ lines], ...]}: one list per place the line's C++ appears. A loop
    that pyrite versions (a check-free copy when its guards hold before it starts, the
    checked one otherwise) puts its lines in twice, the check-free copy first."""
    out = {}
    current, depth = None, 0
    for line in cpp_text.splitlines():
        m = _LINE.match(line)
        if m:
            current = int(m.group(1)) if os.path.abspath(m.group(2)) == os.path.abspath(source_path) else None
            depth = 0
            if current is not None:
                out.setdefault(current, []).append([])
            continue
        if current is None or not line.strip():
            continue
        # a statement's C++ ends where a brace closes a block it did not open (the end of its
        # loop's body, the `} else {` of a versioned loop)
        opened, closed = _braces(line)
        if line.lstrip().startswith("}") and depth - closed < 0:
            current = None
            continue
        depth += opened - closed
        out[current][-1].append(line)
    return {k: [c for c in v if c] for k, v in out.items() if any(v)}


def _braces(line):
    """(opening, closing) braces in a C++ line, outside string and character literals."""
    opened = closed = 0
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "{":
            opened += 1
        elif c == "}":
            closed += 1
        i += 1
    return opened, closed


def _dedented(lines):
    """The C++ lines with their common indentation removed (the nesting inside kept)."""
    indent = min(len(c) - len(c.lstrip()) for c in lines)
    return [c[indent:] for c in lines]


STYLE = """
body { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 1.5em; color: #1d1d1f; }
h1 { font-size: 16px; } .legend span { padding: 0 .5em; margin-right: .5em; }
.line { display: flex; white-space: pre; } .no { width: 4em; color: #999; text-align: right; padding-right: 1em; }
.code { flex: 1; } .fn { border-left: 3px solid #4a7; } details > summary { list-style: none; cursor: pointer; }
details > summary::-webkit-details-marker { display: none; }
.cpp { background: #f6f8fa; color: #444; margin: 0 0 .3em 5em; padding: .3em .6em; border-left: 2px solid #ccd;
       white-space: pre-wrap; overflow-wrap: anywhere; } .copy { color: #667; font-style: italic; }
.checks { color: #a33; margin-left: 1em; font-size: 11px; } .error { background: #fdd; color: #900; }
.types { display: none; position: absolute; background: #ffd; border: 1px solid #cc9; padding: .2em .5em;
         margin-left: 6em; margin-top: -1.6em; z-index: 2; } .line:hover .types { display: block; }
"""


def _shade(n_cpp, n_checks):
    if n_cpp == 0:
        return ""
    # yellow for C++ volume, toward orange for run-time checks
    alpha = min(0.08 + 0.02 * n_cpp + 0.08 * n_checks, 0.6)
    return f"background: rgba(255, {200 - min(n_checks * 15, 120)}, 40, {alpha:.2f});"


def render(path, functions, infos, errors=None):
    """The report: functions are the module's @accelerate functions, infos their pyrite.info()
    (None for one that did not compile); errors {line: [diagnostic text]} are shown at their lines."""
    errors = errors or {}
    with open(path, encoding="utf-8") as f:
        source = f.read().splitlines()
    per_line = {}
    spans = []  # (first line, last line, qualname)
    types_of = {}
    for fn, info in zip(functions, infos):
        if info is None:
            continue
        code = fn.py_func.__code__
        first = code.co_firstlineno
        last = first + len(__import__("inspect").getsourcelines(fn.py_func)[0]) - 1
        spans.append((first, last, fn.__qualname__))
        for line, copies in cpp_copies(info["cpp_source"], path).items():
            if first <= line <= last:
                per_line.setdefault(line, []).extend(copies)
        types_of[fn.__qualname__] = info.get("types", {}).get(fn.__qualname__, {})
    rows = []
    for n, text in enumerate(source, start=1):
        owner = next((q for a, b, q in spans if a <= n <= b), None)
        copies = per_line.get(n, [])
        # a versioned loop's line: the check-free copy is the one that runs when its guards hold,
        # so it is what the shade and the count show; the checked copy is folded under it too
        runs = copies[0] if copies else []
        checks = checks_of(runs)
        style = _shade(len(runs), sum(checks.values()))
        hover = ""
        if owner:
            local = types_of.get(owner, {})
            names = [w for w in dict.fromkeys(_NAME.findall(text)) if w in local]
            if text.lstrip().startswith("def "):
                names = [k for k in local if k != "return"] + ["return"]
            if names:
                hover = "<span class='types'>" + html.escape(", ".join(f"{w}: {local[w]}" for w in names)) + "</span>"
        badge = ""
        if checks:
            total = sum(checks.values())
            badge = (f"<span class='checks'>{total} check{'s' if total > 1 else ''}: "
                     + ", ".join(f"{v} {k}" for k, v in checks.items()) + "</span>")
        line_html = (f"<div class='line{' fn' if owner else ''}' style='{style}' data-line='{n}' "
                     f"data-checks='{sum(checks.values())}'><span class='no'>{n}</span><span class='code'>"
                     f"{html.escape(text) or ' '}</span>{badge}{hover}</div>")
        for message in errors.get(n, []):
            line_html += f"<div class='line error'><span class='no'></span><span class='code'>{html.escape(message)}</span></div>"
        if copies:
            parts = []
            for k, copy in enumerate(copies[:2]):
                if len(copies) > 1:
                    label = ("check-free copy: runs when the loop's guards hold before it starts" if k == 0 else
                             f"checked copy: runs otherwise ({sum(checks_of(copy).values())} checks)")
                    parts.append(f"<span class='copy'>// {label}</span>")
                parts.append(html.escape(chr(10).join(_dedented(copy))))
            rows.append(f"<details><summary>{line_html}</summary><pre class='cpp'>{chr(10).join(parts)}</pre></details>")
        else:
            rows.append(line_html)
    title = html.escape(os.path.basename(path))
    names = ", ".join(html.escape(q) for _, _, q in spans)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>pyrite annotate: {title}</title>"
            f"<style>{STYLE}</style></head><body><h1>pyrite annotate: {title}</h1>"
            f"<p>Compiled: {names}. Click a shaded line for the C++ it became; hover for the types pyrite "
            f"inferred. Shade: how much C++, redder for more run-time checks (overflow, bounds, None, keys), "
            f"counted on the line; in a loop pyrite versions, the copy that runs when its guards hold.</p>"
            + "\n".join(rows) + "</body></html>\n")


def annotate(path, out):
    """Compiles (or loads from the cache) every @accelerate function of `path` and writes the
    report; a function that does not compile has its diagnostics shown at their lines (the
    report is written all the same) and its message printed: returns (out, the CompileError or None)."""
    from . import _jit
    from .errors import CompileError
    from .loader import load_accelerated as _load_accelerated
    fns = _load_accelerated(path)
    infos, errors, failed = [], {}, None
    try:
        _jit.build(*fns)  # one module, one C++ compile, when all of them compile
    except CompileError:
        pass  # then each on its own: those that compile are reported, the others show their errors
    for d in fns:
        try:
            _jit.build(d)
            infos.append(_jit.info(d))
        except CompileError as e:
            infos.append(None)
            failed = failed or e
            for file, line, col, _end, severity, message in e.diagnostics:
                if os.path.abspath(file) == os.path.abspath(path):
                    errors.setdefault(line, []).append(f"{' ' * col}^ {severity}: {message}")
    page = render(os.path.abspath(path), fns, infos, errors)
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    return out, failed
