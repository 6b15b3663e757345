"""Renders diagnostics like a compiler: file:line:col, the source line, a caret."""
import os

_lines_cache = {}  # path -> (mtime_ns, size, lines)


def _encoding(data):
    """The source encoding as Python reads it (PEP 263): a BOM, or a coding cookie on one of
    the first two lines, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    import re
    for line in data.split(b"\n", 2)[:2]:
        m = re.match(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", line)
        if m:
            return m.group(1).decode("ascii")
        if not re.match(rb"^[ \t\f]*(#.*)?\r?$", line):  # code before a cookie: no cookie
            break
    return "utf-8"


def source_lines(path):
    """The lines of a source file (cached while its mtime and size stay)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    hit = _lines_cache.get(path)
    if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
        return hit[2]
    try:
        with open(path, "rb") as f:
            data = f.read()
        import io  # universal newlines, as open() reads: only \n, \r\n and \r end a line
        lines = io.StringIO(data.decode(_encoding(data)), newline=None).readlines()
    except (OSError, UnicodeDecodeError, LookupError):
        return None
    _lines_cache[path] = (st.st_mtime_ns, st.st_size, lines)
    return lines


def render_one(file, line, col, end_col, severity, message):
    lines = source_lines(file) or []
    text = lines[line - 1].rstrip("\n") if 0 < line <= len(lines) else ""
    raw = text.encode("utf-8")
    start = len(raw[:col].decode("utf-8", "replace"))  # ast columns are UTF-8 byte offsets
    end = len(raw[:end_col].decode("utf-8", "replace")) if end_col is not None and end_col > col else start + 1
    first, *more = message.split("\n")
    out = f"{file}:{line}:{start + 1}: {severity}: {first}"
    if text:
        # keep the source's tabs so the caret lines up in a terminal
        pad = "".join(c if c == "\t" else " " for c in text[:start])
        out += f"\n{text}\n{pad}^{'~' * max(0, end - start - 1)}"
    return "\n".join([out] + more)


def render(diagnostics):
    # one root cause, one message: the same message at the same place (a call typed once per function a
    # value may hold, a helper's versions) is shown once
    unique = list(dict.fromkeys(tuple(d) for d in diagnostics))
    return "\n".join(render_one(*d) for d in unique)
