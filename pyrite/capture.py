"""Capture: what a function's binary depends on, found from the live function.

Two users:
- the warm path (every first call, even with a cache hit) needs the cache key:
  the source text of the function and of every function it calls, the values
  of the constants they read, the modules they use. This part reads code
  objects and source lines only; it must stay cheap (no ast, no inspect).
- the compile path needs the ast of each function (``function_node``), read by
  pyrite._core's frontend.

A global name is resolved as CPython would at call time: the function's
module globals, then builtins. What it resolves to becomes a tuple
``(kind, payload)``: ("func", index into the captured functions), ("module",
name), ("const", value) for int/float/bool, ("builtin", "abs" / "math.sqrt"),
("global", (module, type text)) for a list, dict or set the compiled code reads from the
module at each call (its type: the module's annotation of it, else its value's; ("refused",
why) where neither tells one), or ("other", type name), which the frontend reports where it
is used.
"""
import builtins as _builtins
import os
import re as _re
import types
import weakref

from .diagnostics import source_lines
from .errors import CompileError

_BUILTINS = vars(_builtins)
_BUILTIN_TYPES = (int, float, complex, bool, str, bytes, bytearray, range, list, tuple, dict, set, frozenset, enumerate, zip, reversed, map, filter)

def _codes(code):
    yield code
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            yield from _codes(c)


def _last_line(code, lines):
    """The function's last source line: the last its instructions come from, then any
    more-indented lines after it (code CPython compiled away: `if False:` after a return)."""
    last = _last_code_line(code)
    first = lines[code.co_firstlineno - 1] if code.co_firstlineno <= len(lines) else ""
    indent = len(first) - len(first.lstrip())
    start = code.co_firstlineno - 1  # through the def line after the decorators (a body of a docstring
    while start < len(lines) and lines[start].lstrip().startswith("@"):  # alone has no instruction of its own)
        start += 1
    last = max(last, min(start + 1, len(lines)))
    end = last
    while end < len(lines):
        line = lines[end]
        if not line.strip() or line.lstrip().startswith("#"):
            end += 1
            continue
        if len(line) - len(line.lstrip()) <= indent:
            break
        end += 1
        last = end
    return last


def _last_code_line(code):
    last = code.co_firstlineno
    for c in _codes(code):
        if hasattr(c, "co_positions"):  # 3.11+: end lines of every instruction
            for _, end, _, _ in c.co_positions():
                if end is not None and end > last:
                    last = end
        else:
            for _, _, line in c.co_lines():
                if line is not None and line > last:
                    last = line
    return last


def source_text(fn):
    """The source lines of ``fn``, from its first decorator to its last line of code: the text
    that was imported (a file edited since is refused, never compiled in its place)."""
    code = fn.__code__
    if code.co_name == "<lambda>":
        raise CompileError([], f"{code.co_filename}:{code.co_firstlineno}: error: accelerate() compiles functions "
                               "defined with 'def', whose annotations give the types; a lambda has none: "
                               "define it with def and annotate its parameters")
    lines = source_lines(code.co_filename)
    if lines is None:
        raise CompileError([], f"pyrite: the source of '{fn.__qualname__}' is not available "
                               f"({code.co_filename}): pyrite compiles functions defined in source files")
    text = "".join(lines[code.co_firstlineno - 1:_last_line(code, lines)])
    if not _compiles_to(text, code):
        raise CompileError([], f"{code.co_filename}:{code.co_firstlineno}: error: the source of "
                               f"'{fn.__qualname__}' changed after it was imported: pyrite compiles what runs, "
                               f"so reload the module (or restart) first")
    return text


_FUTURE_FLAGS = 0
for _name in __import__("__future__").all_feature_names:
    _FUTURE_FLAGS |= getattr(__import__("__future__"), _name).compiler_flag
_checked = {}  # id(code) -> (code, text) that matched


def _shape(code):
    """A code object's instructions as compile paths agree on them: pytest's assertion rewriting
    and a plain compile differ in method-call opcodes and caches, never in names, constants
    or the order of operations."""
    import dis
    same = {"LOAD_METHOD": "LOAD_ATTR", "CALL_METHOD": "CALL"}
    skip = {"CACHE", "EXTENDED_ARG", "PRECALL", "NOP", "RESUME", "KW_NAMES", "PUSH_NULL"}
    jumps = set(dis.hasjrel) | set(dis.hasjabs)
    out = []
    for ins in dis.get_instructions(code):
        if ins.opname in skip:
            continue
        arg = None if ins.opcode in jumps or isinstance(ins.argval, types.CodeType) else repr(ins.argval)
        out.append((same.get(ins.opname, ins.opname), arg))
    return out


def _same_code(a, b):
    if a.co_varnames != b.co_varnames or a.co_argcount != b.co_argcount or a.co_kwonlyargcount != b.co_kwonlyargcount:
        return False
    # the same bytes, names and constants (the usual case, and a cheap one); else the same
    # instructions once the compile paths' differences are set aside (imports dis: tests only)
    plain = [c for c in a.co_consts if not isinstance(c, types.CodeType)]
    plain_b = [c for c in b.co_consts if not isinstance(c, types.CodeType)]
    if not (a.co_code == b.co_code and a.co_names == b.co_names and repr(plain) == repr(plain_b)) and _shape(a) != _shape(b):
        return False
    inner_a = [c for c in a.co_consts if isinstance(c, types.CodeType)]
    inner_b = [c for c in b.co_consts if isinstance(c, types.CodeType)]
    return len(inner_a) == len(inner_b) and all(_same_code(x, y) for x, y in zip(inner_a, inner_b))


def _compiles_to(text, code):
    """Whether `text` (a function's lines) compiles to the function `code` was compiled from."""
    hit = _checked.get(id(code))
    if hit and hit[0] is code and hit[1] == text:
        return True
    if any(n.startswith("@py") for c in _codes(code) for n in c.co_varnames + c.co_names):
        return True  # pytest rewrote this module's asserts: no plain compile of the text matches it
    src = text
    if src[:1].isspace():  # a function defined in a block: dedent (imported only then)
        import textwrap
        src = textwrap.dedent(src)
    in_class = "__class__" in code.co_freevars
    if in_class:  # a method that calls super(): compiled in a class, as it was (its __class__ cell)
        import textwrap
        src = "class __pyrite_class__:\n" + textwrap.indent(src, "    ")
    try:
        module = compile(src, code.co_filename, "exec", flags=code.co_flags & _FUTURE_FLAGS, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    consts = module.co_consts
    if in_class:
        consts = [k for c in consts if isinstance(c, types.CodeType) and c.co_name == "__pyrite_class__"
                  for k in c.co_consts]
    found = [c for c in consts if isinstance(c, types.CodeType) and c.co_name == code.co_name]
    if not found or not _same_code(found[0], code):
        return False
    _checked[id(code)] = (code, text)
    return True


_GLOBAL_OPS = None


def _global_reads(code):
    """The names of co_names that code may read as globals: not those its instructions use only as
    attribute names (obj.check() must not make a global function check compiled); those of code
    CPython compiled away (`if False: g()`) stay, as pyrite types that code too."""
    global _GLOBAL_OPS
    import dis
    if _GLOBAL_OPS is None:
        _GLOBAL_OPS = {dis.opmap[n] for n in ("LOAD_GLOBAL", "STORE_GLOBAL", "DELETE_GLOBAL", "LOAD_NAME",
                                              "STORE_NAME", "DELETE_NAME", "IMPORT_NAME", "IMPORT_FROM")
                       if n in dis.opmap}
    globals_, attributes = set(), set()
    for ins in dis.get_instructions(code):
        if ins.opcode in _GLOBAL_OPS:
            globals_.add(ins.argval)
        elif isinstance(ins.argval, str) and ins.argval in code.co_names:
            attributes.add(ins.argval)
    return {n for n in code.co_names if n in globals_ or n not in attributes}


def _stored_globals(code):
    """The names code rebinds with `global NAME` (STORE_GLOBAL)."""
    import dis
    return {ins.argval for ins in dis.get_instructions(code) if ins.opname in ("STORE_GLOBAL", "DELETE_GLOBAL")}


def _attribute_names(fn):
    """Every name fn's code holds (co_names: globals and attributes): a module's constants it reads
    (math.pi) are among them."""
    names = set()
    for c in _codes(fn.__code__):
        names.update(c.co_names)
    return names


def _names(fn):
    """The global names fn reads: its code's, plus the builtins its source names in code
    CPython compiled away (`False and str(x)`, `if 0: ...`), which pyrite still types, and
    the type aliases its annotations name (F = NDArray[np.float64]: the key holds their text)."""
    import re
    names = set()
    for c in _codes(fn.__code__):
        names.update(_global_reads(c))
    g = fn.__globals__
    names.update(n for n in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", source_text(fn))
                 if (n in _BUILTINS and n not in g) or (n in g and _is_type_alias(g[n])) or
                 (n in g and isinstance(g[n], type) and (_user_class(g[n]) or _stdlib_name(g[n]))) or  # a class its
                 # annotations name (one of the program's, or random.Random)
                 (n in g and _is_callable_type(g[n])))  # Callable[[float], float] of a parameter
    return names


def _local_imports(fn):
    """{name: value} of the imports in fn's own body (`from collections import deque`, `import
    math as m`), done as CPython would do them when fn runs: its modules are imported already or
    importable. Read only where the code imports (IMPORT_NAME), so most functions parse nothing."""
    import opcode
    if not any(opcode.opmap["IMPORT_NAME"] in c.co_code[::2] for c in _codes(fn.__code__)):  # opcodes only
        return {}
    import ast
    import importlib
    found = {}
    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue  # a scope of its own
            try:
                if isinstance(child, ast.Import):
                    for a in child.names:
                        module = importlib.import_module(a.name)
                        found[a.asname or a.name.split(".")[0]] = module if a.asname else \
                            importlib.import_module(a.name.split(".")[0])
                elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                    module = importlib.import_module(child.module)
                    for a in child.names:
                        if a.name == "*":
                            continue
                        value = getattr(module, a.name, None)
                        if value is None:  # a submodule not imported yet
                            value = importlib.import_module(f"{child.module}.{a.name}")
                        found[a.asname or a.name] = value
            except ImportError:
                pass  # the name stays unresolved: the core names it
            visit(child)
    visit(function_node(fn))
    return found


def _numpy_name(value):
    """"numpy.NAME" for a function of NumPy's namespace (np.empty_like, the ufunc np.sqrt),
    "numpy.linalg.NAME" / "numpy.random.NAME" for one of those modules', else None. NumPy
    is looked at only if the program imported it."""
    import sys
    np = sys.modules.get("numpy")
    name = getattr(value, "__name__", None)
    if np is None or not isinstance(name, str):
        return None
    owner = getattr(value, "__self__", None)  # np.random.rand: a bound method of NumPy's RandomState
    modules = (getattr(value, "__module__", None), type(value).__module__, type(owner).__module__ if owner is not None else None)
    if not any(isinstance(m, str) and m.startswith("numpy") for m in modules):
        return None  # not NumPy's (and `object`, `bool` are not looked up in numpy, which warns)
    try:
        # np.random.rand is a bound method of NumPy's global RandomState: its type is builtin
        for prefix, module in (("numpy", np), ("numpy.linalg", np.linalg), ("numpy.random", np.random)):
            if getattr(module, name, None) is value:
                return f"{prefix}.{name}"
        return None
    except Exception:  # noqa: BLE001 - a strange object is just not NumPy's
        return None


# modules whose functions compiled code runs itself (runtime/include/pyrite/random.hpp, ...), named
# "module.function" however they were imported: all of a module's, or the names listed
_STDLIB_MODULES = {"random": None, "heapq": None, "bisect": None, "statistics": None, "itertools": None,
                   "collections": ("deque", "defaultdict", "Counter", "OrderedDict"), "functools": ("partial", "wraps")}


def _stdlib_name(value):
    """"random.randint" for random's randint (a method of the module's generator) and the
    functions of the other _STDLIB_MODULES, by identity; else None."""
    import sys
    name = getattr(value, "__name__", None)
    if not isinstance(name, str) or not callable(value):
        return None
    defined_in = getattr(value, "__module__", None)  # statistics.Counter is collections' Counter
    for module, names in _STDLIB_MODULES.items():
        if (names is not None and name not in names) or defined_in not in (module, "_" + module, None):
            continue
        m = sys.modules.get(module)
        if m is not None and getattr(m, name, None) is value:
            return f"{module}.{name}"
    return None


def _def_location(fn):
    """(file, line, col, end_col) of fn's `def NAME` (its code starts at its first decorator)."""
    import linecache
    code = fn.__code__
    for line in range(code.co_firstlineno, code.co_firstlineno + 50):
        text = linecache.getline(code.co_filename, line)
        col = text.find(f"def {fn.__name__}")
        if col >= 0:
            return (code.co_filename, line, len(text[:col].encode("utf-8")),
                    len(text[:col + 4 + len(fn.__name__)].encode("utf-8")))
    return (code.co_filename, code.co_firstlineno, 0, None)


def _cache_parameters(value):
    """functools.cache / lru_cache's {"maxsize": ..., "typed": ...} of a function they wrap, else None."""
    import functools
    if isinstance(value, getattr(functools, "_lru_cache_wrapper", ())) and \
            isinstance(getattr(value, "__wrapped__", None), types.FunctionType):
        return value.cache_parameters()
    return None


def _constant_tuple(value, budget=None):
    """A tuple of ints, floats, complexes, bools, strs, Nones and such tuples (at most 4096 items in
    all): a constant compiled code is given by value, as int globals are."""
    if type(value) is not tuple and not _is_user_namedtuple(type(value)):
        return False
    budget = budget if budget is not None else [4096]
    for item in value:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if type(item) in (int, float, complex, bool, str) or item is None or _enum_member(item):
            continue
        if not _constant_tuple(item, budget):
            return False
    return True


def _is_user_namedtuple(cls):
    """A NamedTuple class of the program (its global instances are constants, made by its class)."""
    return issubclass(cls, tuple) and cls is not tuple and _is_namedtuple(cls) and _user_class(cls)


def _enum_member(value):
    """A member of one of the program's enum classes that pyrite compiles (START = Dir.N): a
    constant, made by its class."""
    return not isinstance(value, type) and _enum_mixin(type(value)) is not None and _user_class(type(value))


def _constant_classes(value):
    """The NamedTuple and enum classes whose instances a constant holds (ORIGIN = Point(0.0, 0.0),
    START = Dir.N, MOVES = (Dir.N, Dir.S))."""
    if _enum_member(value):
        return [type(value)]
    if not isinstance(value, tuple):
        return []
    found = [type(value)] if type(value) is not tuple else []
    for item in value:
        found += _constant_classes(item)
    return found


def classify(value):
    """(kind, payload) for a global's value; payload of "func" is the function."""
    from .reference import is_accelerated, unwrap
    from .parallel import prange
    value = unwrap(value)
    if _cache_parameters(value) is not None:  # @cache def fib(...): compiled with a cache of its own
        return "func", value.__wrapped__
    if value is prange:  # for i in prange(n): a parallel loop (opt/parallel.cpp)
        return "builtin", "pyrite.prange"
    if is_accelerated(value):
        return "func", value.py_func
    stdlib = _stdlib_name(value)
    if stdlib:  # from random import randint: random.randint; from statistics import median (not its source)
        return "builtin", stdlib
    if isinstance(value, types.FunctionType):
        return "func", value
    if isinstance(value, types.ModuleType):
        return "module", value.__name__
    if type(value) in (int, float, complex, bool, str, bytes) or _constant_tuple(value) or _enum_member(value):
        return "const", value
    if isinstance(value, _re.Pattern) and isinstance(value.pattern, str):
        return "const", value  # WORD = re.compile(...): re.compile(its text, its flags) (frontend's constant_from_value)
    numpy = _numpy_name(value)
    if numpy:  # from numpy import empty_like: np.empty_like
        return "builtin", numpy
    if isinstance(value, types.BuiltinFunctionType):
        module = value.__module__ or "builtins"
        return "builtin", value.__name__ if module == "builtins" else f"{module}.{value.__name__}"
    if isinstance(value, type) and any(value is t for t in _BUILTIN_TYPES):
        return "builtin", value.__name__
    if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == "builtins":
        return "builtin", value.__name__  # raise ValueError(...)
    if isinstance(value, type) and value.__module__ == "contextlib" and value.__name__ == "suppress":
        return "builtin", "contextlib.suppress"  # with suppress(KeyError): a try (frontend's lower_with)
    if _is_callable_type(value):  # Callable[[float], float] annotates a function parameter
        return "builtin", "typing.Callable"
    if isinstance(value, type) and value.__module__ == "operator" and value.__name__ in ("itemgetter", "attrgetter"):
        return "builtin", f"operator.{value.__name__}"  # a lambda (frontend/lower_functions.cpp)
    if _is_type_alias(value):  # F = NDArray[np.float64]: its text is in the key (_with_aliases reads its ast)
        return "alias", repr(value)
    if isinstance(value, type) and issubclass(value, type):  # a metaclass: the class using it says so
        return "other", "type"
    if isinstance(value, type) and _user_class(value):  # a class of the program: compiled as a native struct
        return "class", value
    return "other", type(value).__name__


def _annotation_text(ann):
    """An annotation object's text as written (list[tuple[int, int]]), or None."""
    if isinstance(ann, str):
        return ann
    if ann is type(None) or ann is None:
        return "None"
    args = getattr(ann, "__args__", None)
    origin = getattr(ann, "__origin__", None)
    if origin is not None and args:
        inner = [_annotation_text(a) for a in args]
        if None in inner or not isinstance(origin, type):
            return None
        return f"{origin.__name__}[{', '.join(inner)}]"
    if isinstance(ann, type) and ann.__module__ == "builtins":
        return ann.__name__
    return None


def _global(g, name, value):
    """("global", (module, type text)) for a module's list, dict, set or frozenset global, or None: its type
    is its annotation in the module (RESULTS: list[int] = []), else its value's; ("refused",
    message) where neither tells one type (an empty list, items of several types)."""
    kind = type(value)
    module = g.get("__name__", "")
    from ._types import DTYPE_NAMES, is_ndarray
    if is_ndarray(kind):  # LUT = np.array([...]): a view, as an argument is
        short = DTYPE_NAMES.get(str(value.dtype))
        if short is None or not 1 <= value.ndim <= 8:
            return "refused", f"global '{name}' is a {value.ndim}-d array of dtype {value.dtype}, which compiled " \
                              "code does not hold"
        return "global", (module, f"pyrite.{short}[{', '.join([':'] * value.ndim)}]")
    if _user_class(kind) and g.get(kind.__name__) is kind and not _is_namedtuple(kind) and _enum_mixin(kind) is None:
        return "global", (module, kind.__name__)  # CONFIG = Config(...): an instance of a class of the program
    if kind not in (list, dict, set, frozenset):
        return None
    example = f"{name}: {'dict[str, int]' if kind is dict else kind.__name__ + '[int]'} = ..."
    ann = g.get("__annotations__", {}).get(name)
    if ann is not None:
        text = _annotation_text(ann)
        if text is None:
            return "refused", f"global '{name}' is annotated {ann!r}, which pyrite cannot read: annotate it with " \
                              f"builtin types ({example})"
        return "global", (module, text)
    try:
        return "global", (module, _value_type_text(value, g, name))
    except TypeError as e:
        what = str(e).split(": pyrite compiles")[0].replace("() argument", "global").lstrip()
        return "refused", f"{what}, which tells no one type for compiled code: annotate it in its module ({example})"


def _value_type_text(value, g, name):
    """The type of a global's value as an annotation (list[tuple[int, int]], list[Item]): type_text's,
    where an instance of one of the program's classes that its module names as a global is that
    class (its name, which the function's resolutions then hold: _global_classes)."""
    from ._types import type_text

    def class_name(cls):
        return cls.__name__ if _user_class(cls) and g.get(cls.__name__) is cls and not _is_namedtuple(cls) else None
    return type_text(value, "", name, class_name)


def _decorated(value, g, name):
    """(decorator, original, arguments) for a global function NAME that a decorator of the program
    made, or None: `@memo def fib(n): ...` where memo is a module-level function (no closure of its
    own) whose nested def is the closure `value`, and the original fib is among what it holds; or
    `@repeat(3) def roll(): ...` where the nested def of repeat's nested def is, its arguments
    constants (arguments: their source, "(3)"; None for @memo). Compiled code calls memo(fib), or
    repeat(3)(roll), once per module (frontend's decorated_value), as the decorator ran once."""
    code = getattr(value, "__code__", None)
    if not isinstance(value, types.FunctionType) or not code.co_freevars or not value.__closure__:
        return None

    def depth(f):  # 1: f's nested def made value; 2: a def nested in that one did (a decorator factory)
        nested = [c for c in f.__code__.co_consts if isinstance(c, types.CodeType)]
        return 1 if code in nested else 2 if any(code in c.co_consts for c in nested) else 0
    makers = [(f, depth(f)) for f in g.values() if isinstance(f, types.FunctionType) and f.__globals__ is g and
              not f.__code__.co_freevars]
    makers = [(f, d) for f, d in makers if d]
    originals = []
    for cell in value.__closure__:
        try:
            held = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(held, types.FunctionType) and held.__name__ == name and held.__globals__ is g and \
                not held.__code__.co_freevars:
            originals.append(held)
    if len(makers) != 1 or len(originals) != 1:
        return None
    import ast
    import textwrap
    try:
        tree = ast.parse(textwrap.dedent(source_text(originals[0])))
    except (CompileError, SyntaxError):
        return None
    decorators = tree.body[0].decorator_list if tree.body and isinstance(tree.body[0], ast.FunctionDef) else []
    # the one decorator, by the name the module binds the maker to (@memo), or its call with
    # constant arguments (@repeat(3), @timed(label="x")); not two stacked
    if len(decorators) != 1:
        return None
    d, arguments = decorators[0], None
    if isinstance(d, ast.Call) and makers[0][1] == 2:
        constant = (lambda a: isinstance(a, ast.Constant) or
                    (isinstance(a, ast.UnaryOp) and isinstance(a.op, ast.USub) and isinstance(a.operand, ast.Constant)))
        if not all(constant(a) for a in d.args) or not all(k.arg and constant(k.value) for k in d.keywords):
            return None
        arguments = ast.unparse(d)[len(ast.unparse(d.func)):]
        d = d.func
    elif makers[0][1] != 1:
        return None
    if not isinstance(d, ast.Name) or g.get(d.id) is not makers[0][0]:
        return None
    import dis
    rebound = sorted({i.argval for i in dis.get_instructions(code) if i.opname in ("STORE_DEREF", "DELETE_DEREF")})
    if rebound:  # a count: compiled code's own would start again in each compiled module, and in the full build
        return "refused", (f"'{name}' is what the decorator '{makers[0][0].__name__}' made of it, a closure that rebinds "
                           f"{', '.join(repr(v) for v in rebound)} (nonlocal): compiled code would keep that state apart "
                           "from Python's; call the undecorated function, or keep the state in a global")
    return makers[0][0], originals[0], arguments


def _global_classes(value, g):
    """The program's classes whose instances a global's value holds (ITEMS = [Item(...)])."""
    found, todo = [], [value]
    while todo:
        v = todo.pop()
        if type(v) in (list, set, tuple):
            todo.extend(v)
        elif type(v) is dict:
            todo.extend(v.keys())
            todo.extend(v.values())
        elif _user_class(type(v)) and g.get(type(v).__name__) is type(v) and type(v) not in found:
            found.append(type(v))
    return found


def _is_callable_type(value):
    import collections.abc
    import typing
    return value is typing.Callable or value is collections.abc.Callable


def _user_class(cls):
    """Whether cls is a class of the program: defined in a Python source file outside the standard
    library and installed packages (whose classes compiled code does not take apart)."""
    if not isinstance(getattr(cls, "__module__", None), str):
        return False
    try:
        path = class_file(cls)
    except (KeyError, AttributeError, TypeError):  # no module, no file (builtins), no weak reference
        return False
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    return not os.path.abspath(path).startswith(_library_dirs())


def _library_dirs():
    """Where the standard library and installed packages live: under the interpreter's prefixes
    (no sysconfig import on the warm path)."""
    global _LIBRARY_DIRS
    if _LIBRARY_DIRS is None:
        import sys
        _LIBRARY_DIRS = tuple(sorted({os.path.join(os.path.abspath(p), "") for p in
                                      (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)}))
    return _LIBRARY_DIRS


_LIBRARY_DIRS = None


class Captured:
    """The functions a compiled module contains and what their names resolve to.

    ``functions[:nroots]`` are the entry points, the rest what they call.
    """

    def __init__(self, roots):
        self.arrays = {}  # NDArray parameter of the roots -> (dtype name, ndim) of this specialization
        self.types = {}   # unannotated parameter of the roots -> the annotation text of this specialization
        self.parallel = False  # @accelerate(parallel=True): whole-array work on the pool (render.py)
        self.nogil = False  # @accelerate(nogil=True): the GIL released, so no list read in place (opt/views.cpp)
        self.nroots = len(roots)
        self.functions = list(roots)
        self.resolutions = []   # per function: {name: (kind, payload)}
        self.modules = {}       # module name -> {attribute: constant value} used
        self.classes = []       # the program's classes compiled code uses (native structs)
        self.methods = []       # per class: {name: (index into functions, "method" or "static")}
        self.class_resolutions = []  # per class: {name: (kind, payload)} of its body's annotations
        self.class_bases = []   # per class: the index of its base among the classes, or None
        self.memo = {}          # index of a function under functools.cache/lru_cache -> its maxsize (None: no bound)
        index = {id(f): i for i, f in enumerate(self.functions)}
        i = 0
        while i < len(self.functions):
            fn = self.functions[i]
            if set(fn.__code__.co_freevars) - {"__class__"}:
                raise CompileError([_def_location(fn) + (
                    "error", f"'{fn.__qualname__}' is a closure (it uses {', '.join(fn.__code__.co_freevars)} from "
                             "an enclosing function): pyrite compiles module-level functions; move it to the "
                             "module's top level and pass what it uses as parameters")])
            g = fn.__globals__
            names = _names(fn)
            imported = _local_imports(fn)
            resolved = {}
            for name in sorted(names | set(imported)):
                if name in imported:  # import x / from m import y inside the function: its local
                    value = imported[name]
                elif name in g:
                    value = g[name]
                elif name in _BUILTINS:
                    value = _BUILTINS[name]
                else:
                    continue
                kind, payload = classify(value)
                decorated = _decorated(payload, g, name) if kind == "func" and name not in imported else None
                if decorated is not None and decorated[0] == "refused":
                    kind, payload = decorated
                elif decorated is not None:  # @memo def fib: memo(fib), made once (frontend's decorated_value)
                    maker, original, arguments = decorated
                    kind, payload = "decorated", (self._add_function(original, index), self._add_function(maker, index),
                                                  arguments)
                if kind == "other" and name not in imported and name in g:
                    kind, payload = _global(g, name, value) or (kind, payload)
                    if kind == "global":  # the classes its type names resolve as the function's names
                        for cls in _global_classes(value, g):
                            resolved.setdefault(cls.__name__, ("class", self._add_class(cls, index)))
                if kind == "class":
                    payload = self._add_class(payload, index)
                elif kind == "func":
                    j = self._add_function(payload, index)
                    cached = _cache_parameters(value)
                    if cached is not None:
                        self.memo[j] = cached["maxsize"]
                    payload = j
                elif kind == "const":
                    for cls in _constant_classes(payload):  # a global Point(...), Dir.N: its class compiled too
                        self._add_class(cls, index)
                elif kind == "module":
                    consts = self.modules.setdefault(payload, {})
                    for attr in _attribute_names(fn):
                        v = getattr(value, attr, None)
                        if type(v) in (int, float, complex, bool, str):  # math.pi, string.punctuation
                            consts[attr] = v
                        elif isinstance(v, int) and not isinstance(v, bool) and value is _re:
                            consts[attr] = int(v)  # re.IGNORECASE: a flag, passed to re's functions as its int
                resolved[name] = (kind, payload)
            self._add_nested(source_text(fn), resolved, index)
            self.resolutions.append(resolved)
            i += 1
        self._rebound_globals()

    def _add_function(self, fn, index):
        """The index of fn among the functions, added if new."""
        j = index.get(id(fn))
        if j is None:
            j = index[id(fn)] = len(self.functions)
            self.functions.append(fn)
        return j

    def _rebound_globals(self):
        """A module's int, float, bool or str that a compiled function rebinds (`global counter`,
        then `counter += 1`): a global of every function that names it, read from the module at each
        call and stored back when the call returns (codegen's globals), no longer a constant."""
        rebound = set()
        for fn in self.functions:
            for code in _codes(fn.__code__):
                rebound |= {(fn.__module__, n) for n in _stored_globals(code)}
        if not rebound:
            return
        for fn, resolved in zip(self.functions, self.resolutions):
            g = fn.__globals__
            for name, (kind, payload) in list(resolved.items()):
                value = g.get(name)
                if (fn.__module__, name) in rebound and kind == "const" and type(value) in (int, float, bool, str):
                    resolved[name] = ("global", (fn.__module__, type(value).__name__))

    def _add_nested(self, text, resolved, index):
        """Graph.Edge where Graph resolves to a class of the program and Edge is a class defined in
        its body: resolved as "Graph.Edge" (the core reads the attribute as that name: _with_nested)."""
        import re
        for dotted in sorted(set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)+", text))):
            parts = dotted.split(".")
            entry = resolved.get(parts[0])
            if not entry or entry[0] != "class":
                continue
            cls = self.classes[entry[1]]
            for depth, part in enumerate(parts[1:], 2):
                inner = cls.__dict__.get(part)
                if not (isinstance(inner, type) and _user_class(inner) and inner.__qualname__ == f"{cls.__qualname__}.{part}"):
                    break
                cls = inner
                resolved.setdefault(".".join(parts[:depth]), ("class", self._add_class(cls, index)))

    def _add_class(self, cls, index):
        """The index of cls among the captured classes; its methods join the functions."""
        for j, c in enumerate(self.classes):
            if c is cls:
                return j
        # its bases among the program's classes first (single inheritance; the core says what else)
        base = None
        for b in cls.__bases__:
            if _user_class(b):
                base = self._add_class(b, index)
        for j, c in enumerate(self.classes):  # added meanwhile, as one of its base's subclasses
            if c is cls:
                return j
        self.classes.append(cls)
        self.class_bases.append(base)
        self.class_resolutions.append(None)
        methods = {}
        def add(key, fn, kind):
            # methods written in the class (not those @dataclass made: pyrite makes its own)
            # (a method that calls super() closes over __class__ only: the class, which pyrite knows)
            if isinstance(fn, types.FunctionType) and set(fn.__code__.co_freevars) <= {"__class__"} and \
                    fn.__code__.co_filename == class_file(cls):
                j = index.get(id(fn))
                if j is None:
                    j = index[id(fn)] = len(self.functions)
                    self.functions.append(fn)
                methods[key] = (j, kind)

        for name, value in cls.__dict__.items():
            if isinstance(value, property):  # a getter, and a setter (NAME.setter)
                add(name, value.fget, "property")
                add(name + ".setter", value.fset, "setter")
            elif isinstance(value, (staticmethod, classmethod)):
                add(name, value.__func__, "static" if isinstance(value, staticmethod) else "classmethod")
            else:
                add(name, value, "method")
        self.methods.append(methods)
        k = len(self.classes) - 1
        import re
        import sys
        g = vars(sys.modules[cls.__module__])
        resolved = {}
        for name in sorted(set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", class_source(cls)))):
            value = g.get(name, _BUILTINS.get(name))
            if value is None:
                continue
            kind, payload = classify(value)
            if kind == "other" and name in g:
                kind, payload = _global(g, name, value) or (kind, payload)
                if kind == "global":
                    for c in _global_classes(value, g):
                        resolved.setdefault(c.__name__, ("class", self._add_class(c, index)))
            if kind == "class":
                payload = self._add_class(payload, index)
            elif kind not in ("builtin", "const", "module", "alias", "global", "refused"):
                continue
            resolved[name] = (kind, payload)
        for name, inner in cls.__dict__.items():  # `edges: list[Edge]` in the body: its own class's scope
            if isinstance(inner, type) and _user_class(inner) and inner.__qualname__ == f"{cls.__qualname__}.{name}" and \
                    re.search(rf"\b{re.escape(name)}\b", class_source(cls)):
                resolved[name] = ("class", self._add_class(inner, index))
        self._add_nested(class_source(cls), resolved, index)
        self.class_resolutions[k] = resolved
        # its subclasses too: an instance of one may come where cls is declared (a Shape that is a
        # Circle); one defined after the compile is a TypeError at the boundary, never mistaken
        for sub in () if _is_namedtuple(cls) else type.__subclasses__(cls):  # a NamedTuple's instances are its own
            if _user_class(sub):
                self._add_class(sub, index)
        return k

    def key_material(self):
        """Everything in the functions' sources and resolved names that changes the binary."""
        parts = []
        # the line each function and class starts on, too: its tracebacks name its lines (a function
        # moved down its file by lines added above it is the same text, compiled with other lines).
        # Not its file's path: the same file elsewhere (a clean clone) hits the cache
        for fn, resolved in zip(self.functions, self.resolutions):
            parts.append(f"def {fn.__module__}.{fn.__qualname__} at line {fn.__code__.co_firstlineno}\n{source_text(fn)}")
            for name, (kind, payload) in sorted(resolved.items()):
                # a pattern's repr cuts its text at 200 characters: its whole text and flags instead
                text = repr((payload.pattern, payload.flags)) if isinstance(payload, _re.Pattern) else repr(payload)
                parts.append(f"{name}={kind}:{type(payload).__name__}:{text}")
        for j, maxsize in sorted(self.memo.items()):
            parts.append(f"memo {j} {maxsize!r}")
        for cls in self.classes:
            line, text = class_span(cls)
            parts.append(f"class {cls.__module__}.{cls.__qualname__} at line {line}\n{text}\n"
                         f"{getattr(cls, '__dataclass_params__', None)!r}")
        for module, consts in sorted(self.modules.items()):
            parts.append(f"module {module} " + ",".join(f"{k}={type(v).__name__}:{v!r}"
                                                         for k, v in sorted(consts.items())))
        return "\n".join(parts)

    def sources(self):
        return sorted({fn.__code__.co_filename for fn in self.functions} | {class_file(c) for c in self.classes})


# ---------------------------------------------------------------- compile path
_tree_cache = {}  # path -> (mtime_ns, tree)


def _parsed(path, lines):
    """The ast of the file at path (its lines as imported), parsed once per modification."""
    import ast
    st = os.stat(path)
    hit = _tree_cache.get(path)
    if hit and hit[0] == st.st_mtime_ns:
        return hit[1]
    tree = ast.parse("".join(lines), path)
    _tree_cache[path] = (st.st_mtime_ns, tree)
    return tree


def function_node(fn):
    """The ast.FunctionDef of ``fn``, parsed from its file with real line numbers."""
    import ast
    code = fn.__code__
    path = code.co_filename
    lines = source_lines(path)
    if lines is None:
        source_text(fn)  # raises the error that explains it
    tree = _parsed(path, lines)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == fn.__name__:
            first = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            if code.co_firstlineno in (first, node.lineno):
                return node
    raise CompileError([], f"{path}:{code.co_firstlineno}: error: cannot find the source of "
                           f"'{fn.__qualname__}' (was the file changed after it was imported?)")


_class_files = weakref.WeakKeyDictionary()


def class_file(cls):
    """The file of a class's module, as it was when first asked: a full build made at exit
    (tiers.py) asks again after CPython has removed __main__.__file__."""
    path = _class_files.get(cls)
    if path is None:
        import sys
        path = _class_files[cls] = sys.modules[cls.__module__].__file__
    return path


def class_node(cls):
    """The ast.ClassDef of ``cls``, found by its qualname in its module's file (the last definition
    of that name, as the module's namespace holds the last one)."""
    import ast
    path = class_file(cls)
    lines = source_lines(path)
    if lines is None:
        raise CompileError([], f"pyrite: the source of class '{cls.__qualname__}' is not available ({path})")
    body = _parsed(path, lines).body
    node = None
    for part in cls.__qualname__.split("."):
        found = [n for n in body if isinstance(n, ast.ClassDef) and n.name == part]
        if not found and _is_namedtuple(cls):  # P = namedtuple("P", "x y"): no class statement, no types
            import re
            line = next((i + 1 for i, text in enumerate(lines)
                         if re.match(rf"\s*{re.escape(part)}\s*=.*namedtuple\(", text)), 1)
            raise CompileError([], f"{path}:{line}: error: '{cls.__qualname__}' is made by collections.namedtuple(), "
                                   "whose fields have no types: pyrite compiles typing.NamedTuple classes "
                                   f"(class {part}(NamedTuple): with an annotation per field)")
        if not found:
            raise CompileError([], f"{path}:1: error: class '{cls.__qualname__}' is defined inside a function: "
                                   "pyrite compiles classes defined at a module's top level")
        node = found[-1]
        body = node.body
    return node


def class_source(cls):
    """The source lines of a module-level class, decorators included, found without parsing
    (the warm path reads it for the cache key): the last `class NAME` at the left margin, to
    the next line back at the margin."""
    return class_span(cls)[1]


def class_span(cls):
    """(the line class_source starts on, 1-based (0 if not found), its text)."""
    import re
    lines = source_lines(class_file(cls)) or []
    name = cls.__qualname__.split(".")[0]
    pattern = re.compile(r"class\s+" + re.escape(name) + r"\b")
    starts = [i for i, line in enumerate(lines) if pattern.match(line)]
    if not starts:
        return 0, ""
    first = end = starts[-1]
    while first > 0 and lines[first - 1].startswith("@"):
        first -= 1
    end += 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and not line[0].isspace() and not line.lstrip().startswith("#"):
            break
        end += 1
    return first + 1, "".join(lines[first:end])


def _alias_definitions(path):
    """name -> the value's ast of each module-level `Name = ...` / `Name: TypeAlias = ...` of the
    file at ``path`` (read through function_node's cache)."""
    import ast
    hit = _tree_cache.get(path)
    if not hit:
        return {}
    found = {}
    for st in hit[1].body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            found[st.targets[0].id] = st.value
        elif isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None:
            found[st.target.id] = st.value
        elif type(st).__name__ == "TypeAlias":  # Python 3.12: type F = NDArray[np.float64]
            found[st.name.id] = st.value
    return found


def _is_type_alias(value):
    """True for what a module-level type alias holds: NDArray[np.float64], list[float],
    Optional[int] (a typing generic), or a 3.12 TypeAliasType."""
    return getattr(value, "__origin__", None) is not None or type(value).__name__ == "TypeAliasType"


def _with_aliases(node, fn):
    """``node`` with every annotation's name of a type alias of fn's module (F =
    npt.NDArray[np.float64]) replaced by the alias's own expression, placed at the name, so
    the core reads `a: F` as `a: npt.NDArray[np.float64]`."""
    import ast
    import copy as _copy
    defs = None
    changed = [False]

    def expand(ann, depth=0):
        nonlocal defs
        if ann is None or depth > 20:
            return ann
        if isinstance(ann, ast.Name) and ann.id in fn.__globals__ and _is_type_alias(fn.__globals__[ann.id]):
            if defs is None:
                defs = _alias_definitions(fn.__code__.co_filename)
            value = defs.get(ann.id)
            if value is None:
                return ann
            new = _copy.deepcopy(value)
            for n in ast.walk(new):
                if hasattr(n, "lineno"):
                    ast.copy_location(n, ann)
                    n.end_lineno, n.end_col_offset = ann.end_lineno, ann.end_col_offset
            changed[0] = True
            return expand(new, depth + 1)
        for field, old in ast.iter_fields(ann):
            if isinstance(old, ast.AST):
                setattr(ann, field, expand(old, depth))
            elif isinstance(old, list):
                setattr(ann, field, [expand(x, depth) if isinstance(x, ast.AST) else x for x in old])
        return ann

    names = [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]
    if not any(n in fn.__globals__ and _is_type_alias(fn.__globals__[n]) for n in names):
        return node
    node = _copy.deepcopy(node)
    for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
        arg.annotation = expand(arg.annotation)
    node.returns = expand(node.returns)
    for n in ast.walk(node):
        if isinstance(n, ast.AnnAssign):
            n.annotation = expand(n.annotation)
    return node


def _with_nested(node, resolved):
    """``node`` with each attribute chain that names a nested class of the program (Graph.Edge,
    resolved as "Graph.Edge" by Captured._add_nested) replaced by a Name of that text at its place,
    so the core resolves it as it resolves a class's name (calls, annotations, isinstance, match)."""
    import ast
    import copy as _copy
    dotted = {name for name, (kind, _) in resolved.items() if kind == "class" and "." in name}
    if not dotted:
        return node

    def text(n):
        if isinstance(n, ast.Name):
            return n.id
        if isinstance(n, ast.Attribute):
            base = text(n.value)
            return base and f"{base}.{n.attr}"
        return None

    class Rewrite(ast.NodeTransformer):
        def visit_Attribute(self, n):
            t = text(n)
            if t in dotted:
                return ast.copy_location(ast.Name(id=t, ctx=n.ctx), n)
            return self.generic_visit(n)

    node = Rewrite().visit(_copy.deepcopy(node))
    return node


def _specialized(node, arrays, types=None):
    """A copy of a FunctionDef whose NDArray parameters are annotated with this
    specialization's dtype and dimensions (pyrite.f64[:, :]), at the annotation's place, and
    whose unannotated parameters with the types of this specialization's arguments."""
    import ast
    import copy as _copy
    from ._types import DTYPE_NAMES  # numpy's dtype name -> pyrite's annotation name
    node = _copy.deepcopy(node)
    positional = node.args.posonlyargs + node.args.args
    defaults = dict(zip([a.arg for a in positional[len(positional) - len(node.args.defaults):]], node.args.defaults))
    for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs:
        if arg.arg in (types or {}):  # the dispatcher's (_jit.py): unannotated, or a bare container
            default = defaults.get(arg.arg)
            try:
                same = default is None or _type_of_default(default) == types[arg.arg]
            except (ValueError, TypeError):
                same = False
            if not same:  # this version serves calls that pass the argument: its default is never used
                arg.pyrite_default_unused = True
            arg.annotation = ast.parse(types[arg.arg], mode="eval").body
            for n in ast.walk(arg.annotation):
                ast.copy_location(n, arg)
                n.end_lineno, n.end_col_offset = arg.end_lineno, arg.end_col_offset
            continue
        if arg.arg not in arrays:
            continue
        dtype, ndim = arrays[arg.arg]
        ann = arg.annotation or arg
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            ann = ast.parse(ann.value, mode="eval").body
        # NDArray[np.float32] names its dtype; NDArray[Any] and np.ndarray take the argument's
        if isinstance(ann, ast.Subscript):
            inner = ann.slice
            name = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", None)
            if name:
                from . import _core  # the compiler's one list of dtype names and aliases (ir/types.cpp)
                dtype = _core.dtype_canonical(name) or dtype
        short = DTYPE_NAMES.get(dtype)
        if short is None:
            raise CompileError([], f"{node.name}(): argument '{arg.arg}' has dtype {dtype}, which pyrite does not compile")
        if ndim == 0:
            raise CompileError([], f"{node.name}(): argument '{arg.arg}' is a 0-dimensional array; pass a number")
        dims = ast.Tuple(elts=[ast.Slice() for _ in range(ndim)], ctx=ast.Load()) if ndim != 1 else ast.Slice()
        new = ast.Subscript(value=ast.Name(id=short, ctx=ast.Load()), slice=dims, ctx=ast.Load())
        for n in ast.walk(new):
            ast.copy_location(n, arg.annotation or arg)
            if hasattr(arg.annotation or arg, "end_lineno"):
                n.end_lineno, n.end_col_offset = (arg.annotation or arg).end_lineno, (arg.annotation or arg).end_col_offset
        arg.annotation = new
    return node


def _type_of_default(node):
    import ast
    from ._types import type_text
    return type_text(ast.literal_eval(node), "", "")


def _class_input(cls, methods, resolved, base=None):
    """What the core reads of a class: its ast, methods, and what Python computed of it (the
    dataclass parameters, its bases and metaclass, which the core turns into diagnostics)."""
    params = getattr(cls, "__dataclass_params__", None)
    dataclass = None
    if params is not None and "__dataclass_fields__" in cls.__dict__:
        dataclass = {k: bool(getattr(params, k)) for k in ("init", "repr", "eq", "order", "unsafe_hash", "frozen")}
        dataclass["slots"] = "__slots__" in cls.__dict__
    return {
        "qualname": cls.__qualname__,
        "module": cls.__module__,
        "file": class_file(cls),
        "node": _with_nested(class_node(cls), resolved),
        "methods": methods,
        "globals": resolved,
        "base": base,
        "dataclass": dataclass,
        "bases": [f"{b.__module__}.{b.__qualname__}" for b in cls.__bases__ if not _is_abc(b)],
        "metaclass": None if type(cls) is type or _is_abc_meta(cls) else f"{type(cls).__module__}.{type(cls).__qualname__}",
        "abstract": _abstract_error(cls),
        "namedtuple": _is_namedtuple(cls),
        "enum": _enum_members(cls),
        "enum_mixin": _enum_mixin(cls) or "",
        "enum_flavour": _enum_flavour(cls),
        "match_args": _match_args(cls),
        "attribute_types": _attribute_types(cls),
    }


def _attribute_types(cls):
    """{name: type text} of the class attributes in cls's own __dict__ that hold a list, dict, set,
    frozenset or a number, str or bool: its annotation in the class body (items: list[str] = []), else
    its value's type, or ("refused", why) where that tells no one type (an empty list). What a class
    variable (an attribute compiled code assigns through the class, or a container every instance
    shares: the frontend's class_var) is typed by, as a module's global is (_global)."""
    import sys
    out = {}
    module = getattr(sys.modules.get(cls.__module__), "__dict__", {})
    for name, value in cls.__dict__.items():
        if name.startswith("__") or type(value) not in (list, dict, set, frozenset, int, float, bool, str):
            continue
        ann = cls.__dict__.get("__annotations__", {}).get(name)
        if ann is not None:
            text = _annotation_text(ann)
            out[name] = text if text is not None and "ClassVar" not in text else _class_var_text(ann)
            if out[name] is None:
                out[name] = ("refused", f"class attribute '{name}' is annotated {ann!r}, which pyrite cannot read")
            continue
        try:
            out[name] = _value_type_text(value, module, name)
        except TypeError as e:
            what = str(e).split(": pyrite compiles")[0].replace("() argument", "class attribute").lstrip()
            out[name] = ("refused", f"{what}, which tells no one type for compiled code: annotate it in its class "
                                    f"({name}: {'dict[str, int]' if type(value) is dict else type(value).__name__ + '[int]'}"
                                    " = ...)")
    return out


def _class_var_text(ann):
    """The text of T in ClassVar[T] (typing.ClassVar[list[int]]), or None."""
    import re
    import typing
    if isinstance(ann, str):  # under from __future__ import annotations
        m = re.fullmatch(r"\s*(?:typing\.)?ClassVar\[(.*)\]\s*", ann)
        return m.group(1) if m else None
    if typing.get_origin(ann) is typing.ClassVar and typing.get_args(ann):
        return _annotation_text(typing.get_args(ann)[0])
    return None


def _match_args(cls):
    """cls.__match_args__ (a dataclass's and a NamedTuple's fields, or the class's own), which a
    class pattern's positional sub-patterns name (case Point(0, y)); None where it has none."""
    args = getattr(cls, "__match_args__", None)
    return list(args) if isinstance(args, tuple) and all(isinstance(a, str) for a in args) else None


def _is_abc_meta(cls):
    """Whether cls's metaclass is abc.ABCMeta itself: an abstract base class (or one deriving from
    one), compiled as a plain class whose abstract methods make it one that cannot be instantiated."""
    import abc
    return type(cls) is abc.ABCMeta


def _is_abc(base):
    import abc
    return base is abc.ABC


def _abstract_error(cls):
    """The TypeError message CPython raises making an instance of cls, an ABC with abstract methods
    left (object.__new__ raises it, making nothing), else None."""
    if not _is_abc_meta(cls) or not getattr(cls, "__abstractmethods__", None):
        return None
    try:
        object.__new__(cls)
    except TypeError as e:
        return str(e)
    return None


def _enum_members(cls):
    """[(name, value, canonical name)] of an enum class pyrite compiles (its members, aliases
    included): a plain enum.Enum, an IntEnum or StrEnum, or an Enum mixed with int or str; else None."""
    if _enum_mixin(cls) is None:
        return None
    return [(name, member.value, member.name) for name, member in cls.__members__.items()]


def _enum_mixin(cls):
    """What the members of an enum class pyrite compiles also are: "" for a plain enum.Enum (a
    member is only a member), "int" or "str" for IntEnum, StrEnum and `class C(int, Enum)` (a member
    is also its value: it adds, compares and hashes as one); None for any other class. "int!" and
    "str!" are IntEnum and StrEnum, whose str() and format() are the value's (enum.ReprEnum) where
    the mixins' are Enum's (C.RED)."""
    import sys
    enum = sys.modules.get("enum")
    if enum is None or not isinstance(cls, enum.EnumMeta):
        return None
    bases = cls.__bases__
    if bases == (enum.Enum,):
        return ""
    if bases == (enum.IntEnum,):
        return "int!"
    if bases == (getattr(enum, "StrEnum", None),):
        return "str!"
    if bases in ((int, enum.Enum), (str, enum.Enum)):
        return bases[0].__name__
    return None


def _enum_flavour(cls):
    """What an enum class that is not a plain enum.Enum derives from (enum.IntEnum, enum.Flag, a
    mixin's or another enum's class), which the core names in its diagnostic; else None."""
    import sys
    enum = sys.modules.get("enum")
    if enum is None or not isinstance(cls, enum.EnumMeta) or _enum_members(cls) is not None:
        return None
    for b in cls.__mro__[1:]:
        if b.__module__ == "enum" and b is not enum.Enum:
            return f"enum.{b.__qualname__}"
    return ", ".join(f"{b.__module__}.{b.__qualname__}" for b in cls.__bases__)


def _is_namedtuple(cls):
    """A class made by typing.NamedTuple (or collections.namedtuple): a tuple with its fields'
    names, which the core compiles as a tuple (not an instance with fields)."""
    return cls.__bases__ == (tuple,) and isinstance(cls.__dict__.get("_fields"), tuple)


def core_input(captured):
    """The function list pyrite._core.compile takes."""
    out = []
    for i, (fn, resolved) in enumerate(zip(captured.functions, captured.resolutions)):
        node = _with_nested(_with_aliases(function_node(fn), fn), resolved)
        if i < captured.nroots and (captured.arrays or captured.types):
            node = _specialized(node, captured.arrays, captured.types)
        out.append({
            "qualname": fn.__qualname__,
            "module": fn.__module__,
            "file": fn.__code__.co_filename,
            "node": node,
            "exported": i < captured.nroots,
            "globals": resolved,
            "memo": captured.memo.get(i, False),  # False: not cached; None: no bound
            "nogil": captured.nogil,
        })
    return out


