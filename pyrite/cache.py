"""The disk cache of compiled modules.

An entry is three files under ``<root>/v1/<key[:2]>/``:
  ``<key>.so``    the extension module
  ``<key>.cpp``   the C++ it was built from (kept for inspection and bug reports)
  ``<key>.meta``  size and BLAKE2b digest of the .so, written last: the commit mark
Publishing writes each file under a temporary name and renames it into place,
under an exclusive lock on ``<key>.lock``, so concurrent processes compile a
new function once and never load a partial file. Loading re-hashes the .so and
compares it with the meta line; an entry that fails is rebuilt, never loaded.

The root is $PYRITE_CACHE_DIR, else $XDG_CACHE_HOME/pyrite, else ~/.cache/pyrite.
An unwritable root falls back to a private temporary directory, with one warning.
"""
import os
import sys

from _blake2 import blake2b

from . import toolchain
from ._version import __version__

LAYOUT = "v1"
_fallback = None


def root():
    if _fallback:
        return _fallback
    env = os.environ.get("PYRITE_CACHE_DIR")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pyrite")


def _package_id():
    """The runtime headers, templates and core this pyrite was installed with."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for sub in ("runtime/include/pyrite", "runtime/include/pyrite/builtins", "runtime/pch/pyrite", "templates", "."):
        d = os.path.join(here, sub)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.is_file() and not e.name.endswith((".pyc", ".py")):
                st = e.stat()
                parts.append(f"{sub}/{e.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


_static_key = None


def key(captured, options):
    """The content key: everything that changes the binary (the README: "The cache")."""
    global _static_key
    if _static_key is None:
        _static_key = "\n".join([
            f"pyrite {__version__} layout {LAYOUT}", _package_id(),
            f"abi {sys.implementation.cache_tag} {sys.version}",
            f"cxx {toolchain.identity()}", f"cpu {toolchain.target_cpu()}"])
    material = "\n".join([
        _static_key,
        f"flags {' '.join(toolchain.flags(options))}",
        f"options {sorted(options.items())!r}",
        captured.key_material()])
    return blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def paths(key):
    d = os.path.join(root(), LAYOUT, key[:2])
    base = os.path.join(d, key)
    return d, base + ".so", base + ".cpp", base + ".meta", base + ".lock"


def digest(data):
    return blake2b(data, digest_size=32).hexdigest()


def read_fields(path):
    """The key=value lines of a meta file (also an AOT artifact's .fn); OSError if unreadable."""
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def lookup(key):
    """The path of a verified .so for ``key``, or None (missing, partial, or corrupt)."""
    _, so, _, meta, _ = paths(key)
    try:
        fields = read_fields(meta)
        with open(so, "rb") as f:
            data = f.read()
    except (OSError, ValueError):
        return None
    if fields.get("size") != str(len(data)) or fields.get("blake2b") != digest(data):
        return None
    return so


def _ensure_writable():
    """Creates the root; on failure switches to a private temporary root, warning once."""
    global _fallback
    r = root()
    try:
        os.makedirs(os.path.join(r, LAYOUT), exist_ok=True)
        probe = os.path.join(r, LAYOUT, f".probe-{os.getpid()}")
        with open(probe, "w") as f:
            f.write("")
        os.unlink(probe)
    except OSError as e:
        import tempfile
        import warnings
        _fallback = tempfile.mkdtemp(prefix="pyrite-cache-")
        warnings.warn(f"pyrite: the cache directory {r} is not writable ({e.strerror}); "
                      f"compiled code goes to {_fallback} for this process only", RuntimeWarning, stacklevel=4)


class Lock:
    """An exclusive lock on one key, across processes (flock)."""

    def __init__(self, key):
        _ensure_writable()
        d, _, _, _, self.path = paths(key)
        os.makedirs(d, exist_ok=True)

    def __enter__(self):
        import fcntl
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        import fcntl
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def temp_path(final):
    return f"{final}.tmp-{os.getpid()}"


def publish(key, so_tmp, cpp_tmp, described=None):
    """Moves a built module into place; the meta file is written last. `described`:
    what `pyrite cache` shows (functions=..., sources=...), one line each."""
    _, so, cpp, meta, _ = paths(key)
    with open(so_tmp, "rb") as f:
        data = f.read()
    os.replace(cpp_tmp, cpp)
    os.replace(so_tmp, so)
    meta_tmp = temp_path(meta)
    with open(meta_tmp, "w") as f:
        f.write(f"size={len(data)}\nblake2b={digest(data)}\nversion={__version__}\n")
        for k, v in (described or {}).items():
            f.write(f"{k}={v.replace(chr(10), ' ')}\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(meta_tmp, meta)
    return so


def touch(key):
    """Marks an entry used now (`pyrite cache prune` removes the least recently used first)."""
    try:
        os.utime(paths(key)[3])
    except OSError:
        pass


def describe(key):
    """The fields of an entry's meta file, plus paths, sizes and times; None if absent."""
    d, so, cpp, meta, lock = paths(key)
    try:
        fields = read_fields(meta)
        st_meta = os.stat(meta)
    except (OSError, ValueError):
        return None
    fields.update(key=key, so=so, cpp=cpp, meta=meta, last_used=st_meta.st_mtime)
    size = 0
    for p in (so, cpp, meta):
        try:
            size += os.path.getsize(p)
        except OSError:
            pass
    fields["bytes"] = size
    try:
        fields["created"] = os.stat(so).st_mtime
    except OSError:
        fields["created"] = None
    return fields


def remove(key):
    """Deletes one entry under its lock (a process compiling that key finishes first);
    the meta file goes first, so a half-removed entry is never loaded."""
    d, so, cpp, meta, lock = paths(key)
    with Lock(key):
        for p in (meta, so, cpp, d + os.sep + key + ".failed.cpp"):
            try:
                os.unlink(p)
            except OSError:
                pass
    try:
        os.unlink(lock)
    except OSError:
        pass


def entries():
    """(key, .so path, size) of every complete entry, for tools and tests."""
    out = []
    base = os.path.join(root(), LAYOUT)
    if not os.path.isdir(base):
        return out
    for sub in sorted(os.listdir(base)):
        d = os.path.join(base, sub)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".meta"):
                k = name[:-5]
                so = os.path.join(d, k + ".so")
                if os.path.exists(so):
                    out.append((k, so, os.path.getsize(so)))
    return out
