"""Renders the generated module's translation unit from templates/module.cpp.j2.

The template is compiled into a Python module when pyrite is built (CMakeLists.txt runs this file:
`python pyrite/render.py TEMPLATE_DIR OUT_DIR`), installed as pyrite/templates_compiled/: a first
call then loads it in under a millisecond instead of compiling it for 40 ms. It is used only when
made by the Jinja2 that runs and from the templates installed beside it (its STAMP says so);
otherwise the template is compiled as before, in this process.
"""
import hashlib
import os

# the Environment's options: the compiled module's code depends on them
OPTIONS = dict(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
_FILTERS = ("cxx_str", "cxx_comment")
_env = None


def stamp(jinja2_version, template_dir):
    """What compiled templates are made from: Jinja2's version and each template's digest."""
    lines = [jinja2_version]
    for name in sorted(os.listdir(template_dir)):
        if name.endswith(".j2"):
            with open(os.path.join(template_dir, name), "rb") as f:
                lines.append(f"{name} {hashlib.sha256(f.read()).hexdigest()}")
    return "\n".join(lines) + "\n"


def _environment():
    global _env
    if _env is None:
        import jinja2
        from . import _core
        package = os.path.dirname(os.path.abspath(__file__))
        here = os.path.join(package, "templates")
        loader = jinja2.FileSystemLoader(here)
        # no bytecode cache on disk: Jinja2's is a pickle, and loading one that another user
        # could write runs their code; the compiled template is part of the installed package
        compiled = os.path.join(package, "templates_compiled")
        try:
            with open(os.path.join(compiled, "STAMP")) as f:
                if f.read() == stamp(jinja2.__version__, here):
                    loader = jinja2.ChoiceLoader([jinja2.ModuleLoader(compiled), loader])
        except OSError:
            pass
        _env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, **OPTIONS)
        # every string from Python source that reaches C++ is escaped by the core's functions
        # (codegen/names.cpp): string literals, comments
        _env.filters["cxx_str"] = _core.cxx_string_literal
        _env.filters["cxx_comment"] = _core.cxx_comment
    return _env


def render_module(result, module_name, sources, version, parallel=False):
    """The module's C++ from the core's result. parallel: @accelerate(parallel=True), whose calls run
    their whole-array work on the pool (runtime/include/pyrite/parallel.hpp)."""
    exports = []
    for e in result["exports"]:
        e = dict(e)
        params = "".join(f", {p['name']}" for p in e["params"])
        e["text_signature"] = f"{e['pyname']}($module{params})\n--\n\n"
        typed = ", ".join(f"{p['name']}: {p['py_type']}" for p in e["params"])
        e["signature_comment"] = f"{e['qualname']}({typed}) -> {e['ret_py']}"
        exports.append(e)
    includes = result["includes"]
    if parallel and "pyrite/parallel.hpp" not in includes:
        includes = [*includes, "pyrite/parallel.hpp"]
    return _environment().get_template("module.cpp.j2").render(
        version=version, sources=sources, includes=includes, parallel=parallel,
        declarations=result["declarations"], fn_sources=result.get("fn_sources", ""), members=result["members"],
        boundary_members=result["boundary_members"], field_members=result.get("field_members", ""),
        definitions=result["definitions"],
        exports=exports, module_name=module_name, classes=result.get("classes", []), globals=result.get("globals", []))


def _precompile(template_dir, out_dir):
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), undefined=jinja2.StrictUndefined, **OPTIONS)
    for name in _FILTERS:  # looked up by name when the template runs
        env.filters[name] = str
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(out_dir):
        if name.startswith("tmpl_") or name == "STAMP":
            os.unlink(os.path.join(out_dir, name))
    env.compile_templates(out_dir, zip=None, filter_func=lambda n: n.endswith(".j2"), ignore_errors=False)
    with open(os.path.join(out_dir, "STAMP"), "w") as f:
        f.write(stamp(jinja2.__version__, template_dir))


if __name__ == "__main__":  # at build time (CMakeLists.txt), outside the package
    import sys
    _precompile(sys.argv[1], sys.argv[2])
