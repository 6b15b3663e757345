"""Renders the generated module's translation unit from templates/module.cpp.j2."""
import os

_env = None


def _environment():
    global _env
    if _env is None:
        import jinja2
        from . import _core
        from . import cache
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
        # the compiled template is kept next to the compiled modules: a fresh process then
        # renders without compiling the template again (about 15 ms of a first compile)
        bytecode = None
        try:
            d = os.path.join(cache.root(), cache.LAYOUT, "templates")
            os.makedirs(d, exist_ok=True)
            if os.access(d, os.W_OK):
                bytecode = jinja2.FileSystemBytecodeCache(d)
        except OSError:
            pass
        _env = jinja2.Environment(loader=jinja2.FileSystemLoader(here), trim_blocks=True,
                                  lstrip_blocks=True, keep_trailing_newline=True,
                                  undefined=jinja2.StrictUndefined, autoescape=False,
                                  bytecode_cache=bytecode)
        # every string from Python source that reaches C++ is escaped by the core's one function
        _env.filters["cxx_str"] = _core.cxx_string_literal
    return _env


def render_module(result, module_name, sources, version):
    exports = []
    for e in result["exports"]:
        e = dict(e)
        params = "".join(f", {p['name']}" for p in e["params"])
        e["text_signature"] = f"{e['pyname']}($module{params})\n--\n\n"
        exports.append(e)
    return _environment().get_template("module.cpp.j2").render(
        version=version, sources=sources, includes=result["includes"],
        declarations=result["declarations"], definitions=result["definitions"],
        exports=exports, module_name=module_name)
