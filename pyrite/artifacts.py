"""The artifacts of `pyrite compile` (aot.py), found and verified at a function's first call.

Below the JIT in the package's layers: the JIT asks here first, and compiles only when
there is no verified artifact for the function's key (aot.py's docstring has the layout).
"""
import os
import sys

from _blake2 import blake2b

from ._version import __version__

AOT_DIR = "__pyrite__"
LAYOUT = "aot1"


def function_key(fn, options):
    """The key of one function's compiled form, computable without a compiler."""
    from .capture import Captured
    captured = Captured([fn])
    material = "\n".join([f"pyrite {__version__} {LAYOUT}", f"abi {sys.implementation.cache_tag} {sys.version}",
                          f"options {sorted(options.items())!r}", captured.key_material()])
    return blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def find(fn, options):
    """(module name, .so path, export index) of a verified artifact for fn, or None."""
    from .cache import digest, read_fields
    d = os.path.join(os.path.dirname(fn.__code__.co_filename), AOT_DIR)
    if not os.path.isdir(d):  # the common case: one stat
        return None
    try:
        fields = read_fields(os.path.join(d, function_key(fn, options) + ".fn"))
        so = os.path.join(d, fields["so"])
        with open(so, "rb") as f:
            data = f.read()
    except (OSError, ValueError, KeyError):
        return None
    if fields.get("blake2b") != digest(data):
        return None
    return fields["module"], so, int(fields["index"])
