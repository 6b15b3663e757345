"""The exceptions pyrite raises to its users."""


class CompileError(Exception):
    """The function cannot be compiled: a diagnostic points at the Python source.

    ``diagnostics`` holds every problem found, as
    ``(file, line, col, end_col, severity, message)`` tuples (line 1-based, col
    0-based in UTF-8 bytes, as in Python's ast); ``str(error)`` renders them like
    a compiler: ``path.py:12:9: error: message``, the source line, a caret.
    """

    def __init__(self, diagnostics, text=None):
        self.diagnostics = list(diagnostics)
        if text is None:
            from .diagnostics import render
            text = render(self.diagnostics)
        super().__init__(text)


class ToolchainError(Exception):
    """The C++ toolchain is missing or failed (a C++ compile error is a pyrite bug)."""
