"""Renders the generated module's translation unit from templates/module.cpp.j2."""
import os

_env = None


def _environment():
    global _env
    if _env is None:
        import jinja2
        from . import _core
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
        # no bytecode cache on disk: Jinja2's is a pickle, and loading one that another user
        # could write runs their code; the compiled template lives in this process only
        _env = jinja2.Environment(loader=jinja2.FileSystemLoader(here), trim_blocks=True,
                                  lstrip_blocks=True, keep_trailing_newline=True,
                                  undefined=jinja2.StrictUndefined, autoescape=False)
        # every string from Python source that reaches C++ is escaped by the core's functions
        # (codegen/names.cpp): string literals, comments
        _env.filters["cxx_str"] = _core.cxx_string_literal
        _env.filters["cxx_comment"] = _core.cxx_comment
    return _env


def render_module(result, module_name, sources, version):
    exports = []
    for e in result["exports"]:
        e = dict(e)
        params = "".join(f", {p['name']}" for p in e["params"])
        e["text_signature"] = f"{e['pyname']}($module{params})\n--\n\n"
        typed = ", ".join(f"{p['name']}: {p['py_type']}" for p in e["params"])
        e["signature_comment"] = f"{e['qualname']}({typed}) -> {e['ret_py']}"
        exports.append(e)
    return _environment().get_template("module.cpp.j2").render(
        version=version, sources=sources, includes=result["includes"],
        declarations=result["declarations"], fn_sources=result.get("fn_sources", ""), members=result["members"],
        boundary_members=result["boundary_members"], definitions=result["definitions"],
        exports=exports, module_name=module_name, classes=result.get("classes", []), globals=result.get("globals", []))
