"""The prebuilt runtime (runtime/src/runtime.cpp, libpyrite_rt.so) and the three precompiled
preludes: a module compiled at a call links to the library instead of compiling its cold
functions again; a fastmath module and a `pyrite compile` artifact carry them inline. Code
crosses between the library and a module both ways: exceptions the library raises are caught
by compiled handlers, objects it makes are freed by the module (on prange's threads too)."""
import json
import os
import subprocess

import numpy as np
import pytest

import pyrite
from pyrite import accelerate, cache, prange, toolchain

from difftest import check, check_all


def needed(so):
    """The shared libraries an ELF object names (NEEDED) and its RUNPATH, from readelf."""
    out = subprocess.run(["readelf", "-d", so], capture_output=True, text=True, check=True).stdout
    names = [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line]
    runpath = [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(RUNPATH)" in line or "(RPATH)" in line]
    return names, runpath


@accelerate
def parse_total(lines: list[str]) -> float:
    # float(s) and its ValueError are the library's (builtins/text.hpp); the handler is the module's
    total = 0.0
    for line in lines:
        try:
            total += float(line)
        except ValueError as e:
            total -= len(str(e))
    return total


@accelerate
def to_int(s: str) -> int:
    return int(s)  # an uncaught ValueError from the library: CPython's message and this line


@accelerate
def table(xs: list[float], spec: str) -> str:
    # format_float, lay_out, parse_spec and unknown_code live in the library
    return "|".join([format(x, spec) for x in xs]) + f"/{len(xs):>4}/{xs[0] if xs else 0.0!r}"


@accelerate
def words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in text.lower().split():
        w = w.strip(".,!?")
        if w:
            counts[w] = counts.get(w, 0) + 1
    return counts


@accelerate
def labels(xs: list[float]) -> list[str]:
    # each iteration makes strs in library code on a pool thread; the module frees them
    out = [""] * len(xs)
    for i in prange(len(xs)):
        out[i] = f"{xs[i]:.3f}".rjust(12, "*") + str(i).zfill(4)
    return out


@accelerate
def overflow(n: int) -> int:
    return n * n  # int_overflow() is the library's


@accelerate
def grow(n: int, keys: list[str]) -> tuple[list[int], list[float], list[bool], list[str], dict[int, float], dict[str, str], int]:
    # the growth, copies, concatenation and repetition of the common lists and dicts are the
    # library's (list.hpp/dict.hpp PYRITE_PREBUILT_*): made there, freed here and the reverse
    ints = [n] * 3 + list(range(n))
    ints = ints.copy() + [1, 2] * 2
    floats = [0.5] * n + [1.5]
    flags = [True, False] * n
    names = keys * 2 + [k.upper() for k in keys]
    table: dict[int, float] = {}
    for i in range(n * 10):
        table[i % (n + 3)] = i * 0.5
        if i % 7 == 0 and i % (n + 3) in table:
            del table[i % (n + 3)]  # holes, then a rebuild on growth
    pairs: dict[str, str] = {}
    for k in names:
        pairs[k] = pairs.get(k, "") + k[:1]
    missing = 0
    for k in ("zz", "a"):
        try:
            missing += len(pairs[k])
        except KeyError as e:
            missing += 100 + len(str(e))
    return ints, floats, flags, names, table, pairs, missing


@accelerate
def lookup(d: dict[str, int], k: str, m: dict[int, int], j: int) -> int:
    return d[k] + m[j]  # KeyError: raise_key_error<str> and <int> are the library's


@accelerate
def centroid_step(points: list[list[float]], k: int) -> list[float]:
    pts = np.array(points)
    sums = np.zeros((k, pts.shape[1]))
    out = [0.0] * k
    for i in range(pts.shape[0]):
        c = i % k
        d = np.sum(pts[i]) - np.sum(pts[0])  # sum_floats: the library's (np.sum of an expression is fused)
        sums[c] += pts[i]  # zip_into: the library's
        out[c] += float(d)
    sums[0] = sums[k - 1]  # array_assign: the library's
    return out + [float(x) for x in sums.ravel()]


@accelerate(fastmath=True)
def dot_fast(xs: list[float], ys: list[float]) -> float:
    s = 0.0
    for i in range(len(xs)):
        s += xs[i] * ys[i]
    return s


@accelerate(fastmath=True)
def square_fast(k: int) -> int:
    return k * k  # int_overflow() compiled inline


# compiled at their first call, with their own options (conftest.py builds the rest together)
dot_fast._lazy = square_fast._lazy = True


def test_exceptions_raised_in_the_library_are_caught_in_compiled_code():
    check(parse_total, ["1.5", "x", "2", "", "1e400", " 3 ", "nan", "1_0"])
    check_all(to_int, ["12", "-0", " 7 ", "x", "", "1_000", "99999999999999999999"])


def test_an_exception_from_the_library_keeps_its_traceback_line():
    with pytest.raises(ValueError) as e:
        to_int("seven")
    assert str(e.value) == "invalid literal for int() with base 10: 'seven'"
    frames = [(f.name, f.lineno) for f in e.traceback]
    assert ("to_int", to_int.__wrapped__.__code__.co_firstlineno + 1) in frames


def test_formatting_in_the_library():
    for spec in ["", ".2f", ">10.3e", "+08.2%", ",.1f", "_g", "z", "Q", "=+12.4f", "#x"]:
        check(table, [1.5, -0.0, 1234567.891, float("inf"), float("nan"), 1e-7], spec)
    check(table, [], ".1f")


def test_containers_and_strings_through_the_library():
    check(words, "The cat and the hat. The END! and")
    check(words, "")
    check(overflow, 3_037_000_499)
    check(overflow, 3_037_000_500)


def test_library_objects_made_and_freed_on_prange_threads():
    xs = [i * 0.37 - 50 for i in range(5000)]
    for threads in (1, 2, 3):
        pyrite.set_num_threads(threads)
        try:
            check(labels, xs)
        finally:
            pyrite.set_num_threads(os.cpu_count() or 1)


def test_a_module_compiled_at_a_call_links_to_the_library():
    words("a b a")
    so = pyrite.info(words)["so"]
    names, runpath = needed(so)
    assert "libpyrite_rt.so" in names
    assert runpath == [toolchain.RUNTIME_LIB_DIR]
    # the library holds what the module no longer compiles
    exported = subprocess.run(["nm", "-D", "--defined-only", "-C", toolchain.RUNTIME_LIBRARY],
                              capture_output=True, text=True, check=True).stdout
    for fn in ("pyrite::capi::set_error", "pyrite::format_float", "pyrite::builtins::str_split",
               "pyrite::capi::from_py<double, 1>", "pyrite::threads_share_objects"):
        assert fn in exported, fn


def test_modules_link_with_gold_unless_the_flags_choose_a_linker():
    # gold links a module's two parts in a third of ld.bfd's time (toolchain._fast_linker)
    words("a b a")
    sections = subprocess.run(["readelf", "-S", "-W", pyrite.info(words)["so"]], capture_output=True, text=True,
                              check=True).stdout
    assert (".note.gnu.gold-version" in sections) == bool(toolchain._which("ld.gold"))
    assert toolchain._fast_linker(["-O2", "-fuse-ld=lld"]) == []


def test_the_common_containers_grow_in_the_library():
    check(grow, 5, ["a", "bb", "ccc"])
    check(grow, 0, [])
    check(grow, 40, [f"k{i}" for i in range(30)])
    check(lookup, {"a": 1}, "a", {2: 3}, 2)
    check(lookup, {"a": 1}, "b", {2: 3}, 2)
    check(lookup, {"a": 1}, "a", {2: 3}, -7)
    check(centroid_step, [[0.0, 1.0], [2.0, 3.0], [4.0, 5.5], [-1.0, 0.25]], 2)
    check(centroid_step, [[1.0, 2.0, 3.0]] * 9, 3)
    # and the module did not compile them: they are undefined in it, defined in the library
    words("a b a")
    defined = subprocess.run(["nm", "-D", "--defined-only", "-C", toolchain.RUNTIME_LIBRARY],
                             capture_output=True, text=True, check=True).stdout
    assert "pyrite::Dict<pyrite::Str, long>::rebuild" in defined  # insert_new's, in the library
    # (a dict probes a str key by str.hpp's dict hash, a few inline multiplies, not the library's str_hash)
    for fn, mods in ((("pyrite::Dict<pyrite::Str, long>::insert_new", "pyrite::Str::latin1_table", "pyrite::Dict<pyrite::Str, long>::make"), words),
                     (("pyrite::List<long>::repeat", "pyrite::List<long>::concat", "pyrite::List<long>::copy",
                       "pyrite::ListObject<long>::make", "pyrite::ListObject<double>::destroy",
                       "void pyrite::raise_key_error<pyrite::Str>", "pyrite::Dict<long, double>::insert_new"), grow),
                     (("pyrite::np::sum_floats", "pyrite::np::zip_into<pyrite::np::op_add, void, double, 1",
                       "void pyrite::array_assign<double, 1, double, 1>"), centroid_step)):
        undefined = subprocess.run(["nm", "-u", "-C", pyrite.info(mods)["so"]], capture_output=True, text=True,
                                   check=True).stdout
        for f in fn:
            assert f in defined, f
            assert f in undefined, f"{f} was compiled into the module of {mods.__name__}"


def test_a_fastmath_module_carries_its_runtime_inline():
    check(dot_fast, [1.0, 2.0], [3.0, 4.0])
    check(dot_fast, [], [])
    check_all(square_fast, [3, -3_037_000_499, 3_037_000_500])
    for fn in (dot_fast, square_fast):
        names, _ = needed(pyrite.info(fn)["so"])
        assert "libpyrite_rt.so" not in names
    # loading it leaves the process's floating point as it was: no flush of subnormals to zero
    # (GCC's crtfastmath.o, which -ffast-math would link in, sets it for every thread at load)
    tiny, one = float("5e-324"), float(len("x"))
    assert tiny * one == tiny and f"{tiny / 2 * 2:e}" == "0.000000e+00" and f"{tiny * one:e}" == "4.940656e-324"


def test_the_cache_key_covers_the_library_and_the_three_preludes():
    package = cache._package_id()
    assert "runtime/lib/libpyrite_rt.so:" in package
    assert "runtime/pch/pyrite/prelude.hpp.gch:" in package
    assert "runtime/pch-common/pyrite/prelude.hpp.gch:" in package
    assert "runtime/pch-full/pyrite/prelude.hpp.gch:" in package


def test_the_module_template_is_compiled_at_install_and_renders_what_the_source_renders(tmp_path):
    # pyrite/render.py: the template compiled into a Python module at build time, used when its
    # STAMP names this Jinja2 and these templates; the same text as the template compiled now
    import shutil
    import jinja2
    from pyrite import render
    env = render._environment()
    assert isinstance(env.loader, jinja2.ChoiceLoader) and isinstance(env.loader.loaders[0], jinja2.ModuleLoader)
    env.loader.loaders[0].load(env, "module.cpp.j2")  # the compiled module is there (TemplateNotFound if not)
    package = os.path.dirname(pyrite.__file__)
    source_env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(package, "templates")),
                                    undefined=jinja2.StrictUndefined, **render.OPTIONS)
    source_env.filters.update(env.filters)
    result = {"exports": [], "includes": ["pyrite/core.hpp"], "declarations": "int x;", "members": "", "boundary_members": "",
              "definitions": "int y;", "classes": [], "globals": []}
    args = dict(version="0", sources=["/tmp/s.py"], includes=result["includes"], declarations=result["declarations"],
                fn_sources="", members="", boundary_members="", field_members="", definitions="int y;", exports=[], module_name="_m",
                classes=[], globals=[])
    assert render.render_module(result, "_m", ["/tmp/s.py"], "0") == source_env.get_template("module.cpp.j2").render(**args)
    # a stale stamp (another Jinja2, a changed template): the template is compiled from its source
    copy = tmp_path / "pkg"
    shutil.copytree(os.path.join(package, "templates"), copy / "templates")
    shutil.copytree(os.path.join(package, "templates_compiled"), copy / "templates_compiled")
    assert (copy / "templates_compiled" / "STAMP").read_text() == render.stamp(jinja2.__version__, str(copy / "templates"))
    (copy / "templates" / "module.cpp.j2").write_text((copy / "templates" / "module.cpp.j2").read_text() + "// changed\n")
    assert (copy / "templates_compiled" / "STAMP").read_text() != render.stamp(jinja2.__version__, str(copy / "templates"))


def test_each_module_gets_the_smallest_prelude_that_holds_its_headers(tmp_path):
    def module(name, *headers):
        path = tmp_path / f"{name}.cpp"
        path.write_text("#include <pyrite/prelude.hpp>\n" + "".join(f"#include <pyrite/{h}>\n" for h in headers))
        return toolchain._precompiled_for(str(path))
    assert module("scalar", "core.hpp", "ops.hpp") == toolchain.PCH_DIR
    assert module("lists", "core.hpp", "list.hpp", "boundary.hpp", "builtins/text.hpp") == toolchain.PCH_COMMON_DIR
    assert module("arrays", "core.hpp", "numpy.hpp", "exceptions.hpp", "generator.hpp") == toolchain.PCH_COMMON_DIR
    assert module("regex", "core.hpp", "list.hpp", "re.hpp") == toolchain.PCH_FULL_DIR
    assert module("random", "random.hpp") == toolchain.PCH_FULL_DIR
    # a builtin declared in dict.hpp, reached through builtins/unpack.hpp's "../dict.hpp": the
    # scanner names its header as a module includes it (not "pyrite/builtins/../dict.hpp")
    headers = {b["header"] for b in json.load(open(os.path.join(os.path.dirname(pyrite.__file__), "builtins.json")))}
    assert "pyrite/dict.hpp" in headers and not any(".." in h for h in headers)


def test_the_common_prelude_compiles_a_module_faster_than_the_full_one(tmp_path):
    # what GCC's precompiled header leaves every module (the pending instantiations of its headers):
    # the common prelude's must stay well below the full one's, or it is not worth its 110 MB
    version = subprocess.run([*toolchain.find_compiler(), "--version"], capture_output=True, text=True).stdout
    if "Free Software Foundation" not in version or "clang" in version:
        pytest.skip("-ftime-report's table is GCC's")
    small, common, full = (instantiation_bytes(d, tmp_path) for d in (toolchain.PCH_DIR, toolchain.PCH_COMMON_DIR, toolchain.PCH_FULL_DIR))
    assert small < common < full and common - small < 0.75 * (full - small), (small, common, full)


def instantiation_bytes(pch_dir, tmp_path):
    """What GCC allocates for template instantiation (-ftime-report; a count, not a time) in a
    module with nothing in it, compiled with the precompiled prelude in pch_dir."""
    import re
    import sysconfig
    empty = tmp_path / "empty.cpp"
    empty.write_text("int pyrite_empty_module;\n")
    cmd = [*toolchain.find_compiler(), *toolchain.flags({}), "-DPYRITE_SHARED_RUNTIME=1", "-I", pch_dir,
           "-include", "pyrite/prelude.hpp", "-I", toolchain.RUNTIME_INCLUDE, "-I", sysconfig.get_paths()["include"],
           "-Winvalid-pch", "-Werror", "-ftime-report", "-c", str(empty), "-o", str(tmp_path / "empty.o")]
    out = subprocess.run(cmd, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    m = re.search(r"^ template instantiation\s*:.*?(\d+)([kM])\s*\(\s*\d+%\)\s*$", out.stderr, re.M)
    assert m, out.stderr[-2000:]
    return int(m.group(1)) * (1024 if m.group(2) == "k" else 1024 * 1024)


def test_runtime_headers_leave_no_instantiations_to_every_module(tmp_path):
    # GCC performs a precompiled header's pending instantiations in every module that loads it:
    # a header function that is not a template but calls one (Dict<i64, i64>::set in
    # str.maketrans, List<Bytes> in bytes.split) costs every module, used or not. Such bodies
    # live in libpyrite_rt (PYRITE_RT, core.hpp). The full prelude over the small one (the
    # standard library's own pending instantiations are in both) was 18 MB before they moved
    # (0.3-0.4 s of each module's compile) and is about 6.5 MB now.
    version = subprocess.run([*toolchain.find_compiler(), "--version"], capture_output=True, text=True).stdout
    if "Free Software Foundation" not in version or "clang" in version:
        pytest.skip("-ftime-report's table is GCC's")
    extra = instantiation_bytes(toolchain.PCH_FULL_DIR, tmp_path) - instantiation_bytes(toolchain.PCH_DIR, tmp_path)
    assert extra < 10 * 1024 * 1024, f"the runtime headers leave {extra / 2**20:.1f} MB of instantiations to every module"
