"""`pyrite annotate module.py -o report.html`: what pyrite made of each line.

One self-contained HTML page: the module's source, each line of a compiled function
shaded by how much C++ it became and how many run-time checks that C++ performs (integer
overflow, bounds, None, dict keys), the inferred types of the names on it on hover, and
the C++ it produced (from the generated code's #line directives) folded under it.
"""
import html
import os
import re

_CHECKS = re.compile(r"pyrite::(add|sub|mul|neg|floordiv|mod|pow|lshift|rshift|unwrap|bound)\(|\.get\(|\.at\(|"
                     r"check_recursion|np::weak<|np::store<|\.set\(")
_LINE = re.compile(r'^\s*#line (\d+) "(.*)"\s*$')
_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")


def cpp_by_line(cpp_text, source_path):
    """{python line: [C++ lines]} from the generated code's #line directives."""
    out = {}
    current = None
    for line in cpp_text.splitlines():
        m = _LINE.match(line)
        if m:
            current = int(m.group(1)) if os.path.abspath(m.group(2)) == os.path.abspath(source_path) else None
            continue
        if current is not None and line.strip():
            out.setdefault(current, []).append(line)
    return out


STYLE = """
body { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; margin: 1.5em; color: #1d1d1f; }
h1 { font-size: 16px; } .legend span { padding: 0 .5em; margin-right: .5em; }
.line { display: flex; white-space: pre; } .no { width: 4em; color: #999; text-align: right; padding-right: 1em; }
.code { flex: 1; } .fn { border-left: 3px solid #4a7; } details > summary { list-style: none; cursor: pointer; }
details > summary::-webkit-details-marker { display: none; }
.cpp { background: #f6f8fa; color: #444; margin: 0 0 .3em 5em; padding: .3em .6em; border-left: 2px solid #ccd; }
.types { display: none; position: absolute; background: #ffd; border: 1px solid #cc9; padding: .2em .5em;
         margin-left: 6em; margin-top: -1.6em; z-index: 2; } .line:hover .types { display: block; }
"""


def _shade(n_cpp, n_checks):
    if n_cpp == 0:
        return ""
    # yellow for C++ volume, toward orange for run-time checks
    alpha = min(0.08 + 0.02 * n_cpp + 0.08 * n_checks, 0.6)
    return f"background: rgba(255, {200 - min(n_checks * 15, 120)}, 40, {alpha:.2f});"


def render(path, functions, infos):
    """The report: functions are the module's @accelerate functions, infos their pyrite.info()."""
    with open(path, encoding="utf-8") as f:
        source = f.read().splitlines()
    per_line = {}
    spans = []  # (first line, last line, qualname)
    types_of = {}
    for fn, info in zip(functions, infos):
        code = fn.py_func.__code__
        first = code.co_firstlineno
        last = first + len(__import__("inspect").getsourcelines(fn.py_func)[0]) - 1
        spans.append((first, last, fn.__qualname__))
        for line, cpp in cpp_by_line(info["cpp_source"], path).items():
            if first <= line <= last:
                per_line.setdefault(line, []).extend(cpp)
        types_of[fn.__qualname__] = info.get("types", {}).get(fn.__qualname__, {})
    rows = []
    for n, text in enumerate(source, start=1):
        owner = next((q for a, b, q in spans if a <= n <= b), None)
        cpp = per_line.get(n, [])
        checks = sum(len(_CHECKS.findall(c)) for c in cpp)
        style = _shade(len(cpp), checks)
        hover = ""
        if owner:
            local = types_of.get(owner, {})
            names = [w for w in dict.fromkeys(_NAME.findall(text)) if w in local]
            if text.lstrip().startswith("def "):
                names = [k for k in local if k != "return"] + ["return"]
            if names:
                hover = "<span class='types'>" + html.escape(", ".join(f"{w}: {local[w]}" for w in names)) + "</span>"
        line_html = (f"<div class='line{' fn' if owner else ''}' style='{style}' data-line='{n}' "
                     f"data-checks='{checks}'><span class='no'>{n}</span><span class='code'>{html.escape(text) or ' '}"
                     f"</span>{hover}</div>")
        if cpp:
            rows.append(f"<details><summary>{line_html}</summary><pre class='cpp'>"
                        f"{html.escape(chr(10).join(c.strip() for c in cpp))}</pre></details>")
        else:
            rows.append(line_html)
    title = html.escape(os.path.basename(path))
    names = ", ".join(html.escape(q) for _, _, q in spans)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>pyrite annotate: {title}</title>"
            f"<style>{STYLE}</style></head><body><h1>pyrite annotate: {title}</h1>"
            f"<p>Compiled: {names}. Click a shaded line for the C++ it became; hover for the types pyrite "
            f"inferred. Shade: how much C++, redder for more run-time checks (overflow, bounds, None, keys).</p>"
            + "\n".join(rows) + "</body></html>\n")


def annotate(path, out):
    """Compiles (or loads from the cache) every @accelerate function of `path` and writes the report."""
    from . import _jit
    from .loader import load_accelerated as _load_accelerated
    fns = _load_accelerated(path)
    _jit.build(*fns)
    infos = [_jit.info(d) for d in fns]
    page = render(os.path.abspath(path), fns, infos)
    with open(out, "w", encoding="utf-8") as f:
        f.write(page)
    return out
