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

What the cache trusts: only what the current user alone could have written. pyrite creates
its directories 0700 and its files 0600 (whatever the umask), and before using the root it
checks that the root and its ``v1/`` are directories (not symlinks) owned by this user and not
writable by group or others; a bucket and an entry's files are checked the same way before a
load (regular files, owned, not group/other-writable, of the size the meta says; anything else
is rebuilt). A root that fails, or that this user cannot write, is replaced for the whole
process by a private temporary directory, with one warning; the decision is made once.
"""
import os
import stat
import sys
import _thread  # not threading: import pyrite stays light

from _blake2 import blake2b

from . import toolchain
from ._version import __version__

LAYOUT = "v1"
_root = None  # the root this process uses, decided once (_choose_root)
_root_lock = _thread.allocate_lock()
# set on the threads that compile in the background (warmup.py, tiers.py): what they wait for is
# not a call's (Lock: a call that waits for an idle build promotes it)
background_thread = _thread._local()


def configured_root():
    """The root the environment names ($PYRITE_CACHE_DIR, $XDG_CACHE_HOME/pyrite, ~/.cache/pyrite)."""
    env = os.environ.get("PYRITE_CACHE_DIR")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "pyrite")


def root():
    """The root this process uses: the configured one if it is private to this user, else a
    private temporary directory (decided once per process, for every thread)."""
    global _root
    if _root is None:
        with _root_lock:
            if _root is None:
                _root = _choose_root()
    return _root


def untrusted(path):
    """Why `path` (a directory or file pyrite wrote) could hold another user's content, or None:
    not this user's, writable by group or others, or a symlink or special file."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        return e.strerror
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not (stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)):
        return "it is not a regular file or directory"
    if st.st_uid != os.geteuid():
        return f"it belongs to user {st.st_uid}, not {os.geteuid()}"
    if st.st_mode & 0o022:
        return f"it is writable by {'group and others' if st.st_mode & 0o022 == 0o022 else 'group' if st.st_mode & 0o020 else 'others'} (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _private_dirs(path):
    """Makes `path` and its missing parents, each 0700 (os.makedirs would give the parents the
    umask's mode; a umask never widens 0700)."""
    missing = []
    p = os.path.abspath(path)
    while not os.path.isdir(p):
        missing.append(p)
        parent = os.path.dirname(p)
        if parent == p:
            break
        p = parent
    for d in reversed(missing):
        try:
            os.mkdir(d, 0o700)
        except FileExistsError:
            pass


def _choose_root():
    r = configured_root()
    problem = None
    try:
        _private_dirs(os.path.join(r, LAYOUT))
        for d in (r, os.path.join(r, LAYOUT)):
            why = untrusted(d)
            if why:
                problem = f"{d} could hold another user's code: {why}"
                break
        if problem is None:
            probe = os.path.join(r, LAYOUT, f".probe-{os.getpid()}-{_thread.get_ident()}")
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            os.unlink(probe)
    except OSError as e:
        problem = f"the cache directory {r} is not writable ({e.strerror})"
    if problem is None:
        return r
    import tempfile
    import warnings
    fallback = tempfile.mkdtemp(prefix="pyrite-cache-")  # 0700, this user's
    warnings.warn(f"pyrite: {problem}; compiled code goes to {fallback} for this process only",
                  RuntimeWarning, stacklevel=5)
    return fallback


def _package_id():
    """The runtime headers, precompiled prelude, prebuilt runtime, templates and core this pyrite
    was installed with."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts = []
    for sub in ("runtime/include/pyrite", "runtime/include/pyrite/builtins", "runtime/pch/pyrite",
                "runtime/pch-common/pyrite", "runtime/pch-full/pyrite", "runtime/pch-quick", "runtime/lib", "templates", "."):
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


def static_key():
    """What every key of this process shares: pyrite's files, Python, the compiler, the CPU. A
    hundred stat() calls, each of which lets go of the GIL: warmup.schedule computes it in the
    caller's thread, since a warm-up thread waits up to sys.getswitchinterval() (5 ms) to get the
    GIL back from a busy program after each (a script reading its data: 0.44 s)."""
    global _static_key
    if _static_key is None:
        _static_key = "\n".join([
            f"pyrite {__version__} layout {LAYOUT}", _package_id(),
            f"abi {sys.implementation.cache_tag} {sys.version}",
            f"cxx {toolchain.identity()}", f"cpu {toolchain.target_cpu()}"])
    return _static_key


def key(captured, options):
    """The content key: everything that changes the binary (the README: "The cache")."""
    material = "\n".join([
        static_key(),
        f"flags {' '.join(toolchain.flags(options))}",
        f"options {sorted(options.items())!r}",
        captured.key_material()])
    return blake2b(material.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def quick_key(key):
    """The key of the quick tier's build of the module of `key` (tiers.py): the same source
    compiled by another compiler."""
    material = f"{key}\nquick {toolchain.quick_identity()}"
    return blake2b(material.encode("utf-8"), digest_size=20).hexdigest()


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


def read_regular(path, limit):
    """The bytes of `path` if it is a regular file of this user's that no one else can write,
    at most `limit` bytes long; OSError otherwise (a FIFO, a device, a symlink are never read)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o022 or st.st_size > limit:
            raise OSError(f"{path}: not a private regular file of at most {limit} bytes")
        chunks, left = [], st.st_size
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def lookup(key):
    """The path of a verified .so for ``key``, or None (missing, partial, corrupt, or possibly
    another user's: the bucket, the meta and the .so are checked, then the .so's digest).
    Callers hold the key's lock (shared to load), so the entry cannot change before the load."""
    d, so, _, meta, _ = paths(key)
    try:
        if untrusted(d):
            return None
        fields = dict(line.split("=", 1) for line in read_regular(meta, 1 << 16).decode().splitlines() if "=" in line)
        size = int(fields.get("size", "-1"))
        data = read_regular(so, max(size, 0))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if len(data) != size or fields.get("blake2b") != digest(data):
        return None
    return so


class Lock:
    """A lock on one key, across processes (flock): exclusive to build or remove an entry,
    shared to verify and load one. blocking=False: not waited for if another holds it (then
    .acquired is False)."""

    def __init__(self, key, shared=False, blocking=True):
        self.shared, self.key, self.blocking = shared, key, blocking
        d, _, _, _, self.path = paths(key)
        _private_dirs(d)
        st = os.lstat(d)
        if st.st_uid == os.geteuid() and st.st_mode & 0o077 and stat.S_ISDIR(st.st_mode):
            os.chmod(d, 0o700)  # a bucket another umask left open: ours again (its entries are re-verified)

    def __enter__(self):
        import fcntl
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        mode = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        self.acquired = True
        try:
            fcntl.flock(self.fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:  # being built (or removed)
            if not self.blocking:  # the caller goes on without it (acquired is False)
                self.acquired = False
                return self
            if not getattr(background_thread, "on", False):  # a call waits for it, so it is not idle
                toolchain.promote(self.key)
            fcntl.flock(self.fd, mode)
        return self

    def __exit__(self, *exc):
        import fcntl
        if self.acquired:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def temp_path(final):
    """A name no other process or thread uses: final.tmp-PID-THREAD-N."""
    global _temp_counter
    with _root_lock:
        _temp_counter += 1
        n = _temp_counter
    return f"{final}.tmp-{os.getpid()}-{_thread.get_ident()}-{n}"


_temp_counter = 0


def publish(key, so_tmp, cpp_tmp, described=None):
    """Moves a built module into place; the meta file is written last. `described`:
    what `pyrite cache` shows (functions=..., sources=...), one line each."""
    _, so, cpp, meta, _ = paths(key)
    for p in (so_tmp, cpp_tmp):  # the compiler made them with the umask's mode: private now
        os.chmod(p, 0o600)
    for p in (so, cpp, meta):  # a directory or special file where an entry's file goes: not ours to keep
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(st.st_mode):
            import shutil
            shutil.rmtree(p)
        elif not stat.S_ISREG(st.st_mode):
            os.unlink(p)
    with open(so_tmp, "rb") as f:
        data = f.read()
    os.replace(cpp_tmp, cpp)
    os.replace(so_tmp, so)
    meta_tmp = temp_path(meta)
    with os.fdopen(os.open(meta_tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
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


def discard(key):
    """Deletes an entry's files; the caller holds its lock (exclusive)."""
    d, so, cpp, meta, _ = paths(key)
    for p in (meta, so, cpp):
        try:
            os.unlink(p)
        except OSError:
            pass


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


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: alive
    return True


def remove_orphans(failed_too=False):
    """Deletes what killed processes left (``*.tmp-PID-...`` whose process is gone) and, with
    failed_too, the ``.failed.cpp`` sources kept for bug reports; returns how many went."""
    import re
    base = os.path.join(root(), LAYOUT)
    removed = 0
    for d, _, names in os.walk(base):
        for name in names:
            m = re.search(r"\.tmp-(\d+)(?:-|$)", name)
            orphan = (m and not _pid_alive(int(m.group(1)))) or (failed_too and name.endswith(".failed.cpp"))
            if orphan:
                try:
                    os.unlink(os.path.join(d, name))
                    removed += 1
                except OSError:
                    pass
    return removed


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
