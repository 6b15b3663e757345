// pyrite._core: the compiler core as a Python extension (pybind11).
//
// compile() runs the pass pipeline below over the functions capture found and
// returns C++ function bodies plus export metadata for the module template, or
// the diagnostics. Nothing here touches the disk, the C++ compiler or the cache.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <cstdlib>
#include <functional>

#include "../codegen/emit.hpp"
#include "../codegen/names.hpp"
#include "../frontend/lower.hpp"
#include "../ir/verify.hpp"
#include "../opt/opt.hpp"
#include "../typeinfer/builtins.hpp"
#include "../typeinfer/infer.hpp"

namespace py = pybind11;
using namespace pyrite;

namespace {

BuiltinTable& builtin_table() {
    static BuiltinTable table;
    return table;
}

// Records from builtins.json (written by pyrite-scan).
void set_builtins(const py::list& records) {
    BuiltinTable table;
    for (py::handle r : records) {
        BuiltinOverload o;
        o.pyname = r["name"].cast<std::string>();
        o.cxx = r["cxx"].cast<std::string>();
        o.header = r["header"].cast<std::string>();
        o.ret = parse_type(r["ret"].cast<std::string>());
        if (!o.ret) throw std::runtime_error("builtins.json: bad return type for " + o.pyname);
        for (py::handle p : r["params"]) {
            std::string text = p["type"].cast<std::string>();
            bool variadic = !text.empty() && text[0] == '*';  // *args: "*float"
            const Type* t = parse_type(variadic ? text.substr(1) : text);
            if (!t) throw std::runtime_error("builtins.json: bad parameter type for " + o.pyname);
            o.params.push_back({p["name"].cast<std::string>(), t,
                                p["default"].is_none() ? "" : p["default"].cast<std::string>(), variadic});
        }
        o.gil = r.contains("gil") && r["gil"].cast<bool>();
        o.orders = r.contains("orders") && r["orders"].cast<bool>();
        o.pure = r.contains("pure") && r["pure"].cast<bool>();
        o.nonnegative = r.contains("nonnegative") && r["nonnegative"].cast<bool>();
        o.sign_checked = r.contains("sign_checked") && r["sign_checked"].cast<bool>();
        if (r.contains("fallible")) o.fallible = r["fallible"].cast<std::string>();
        o.generic = !o.ret->is_known();
        for (const BuiltinParam& p : o.params) o.generic = o.generic || !p.type->is_known();
        table.add(std::move(o));
    }
    builtin_table() = std::move(table);
}

struct State {
    frontend::ModuleConstants modules;
    std::vector<frontend::FunctionInput> inputs;
    std::vector<frontend::ClassInput> classes;
    ir::Module module;
    Diagnostics diags;
};

struct Pass {
    const char* name;
    std::function<void(State&)> run;
    ir::VerifyStage after;  // what the IR verifier may expect once it ran
    bool before_types = false;  // lower, webs: typeinfer still runs after their errors, to report them all at once
};

// The pass order, one line per pass. `--print-after NAME` prints the IR after NAME.
const std::vector<Pass>& pipeline() {
    const ir::VerifyStage untyped{false, false}, typed{true, false}, normal{true, true};
    static const std::vector<Pass> passes = {
        // ast -> IR
        {"lower", [](State& s) { s.module = frontend::Lowerer(s.diags, s.modules).lower(s.inputs, s.classes); }, untyped, true},
        // a local reused for unrelated values: one variable per web
        {"webs", [](State& s) { typeinfer::split_webs(s.module); }, untyped, true},
        // types, operations, overloads: the fixed point
        {"typeinfer", [](State& s) { typeinfer::infer_types(s.module, builtin_table(), s.diags); }, typed},
        // t[0] -> TupleGet, a.sum() -> np.sum(a), s.upper() -> the builtin
        {"normalize", [](State& s) { typeinfer::normalize(s.module); }, normal},
        // UnboundLocalError
        {"definite-assignment", [](State& s) { typeinfer::definite_assignment(s.module); }, normal},
        // recursion, GIL release
        {"callgraph", [](State& s) { typeinfer::analyze_calls(s.module); }, normal},
        // sum(x * x for x in xs): added as the generator goes, no list made
        {"folds", [](State& s) { opt::fold_reductions(s.module); }, normal},
        // list[dict[str, float]] parameters only read: the caller's objects, read in place
        {"views", [](State& s) { opt::choose_views(s.module); }, normal},
        // classes whose instances no code can tell from copies: C++ values, not references
        {"values", [](State& s) { opt::choose_values(s.module); }, normal},
        // prange loops: reductions, private variables, what their bodies may not do
        {"parallel", [](State& s) { opt::parallelize(s.module, s.diags); }, normal},
        // array temporaries into their one use
        {"inline-temporaries", [](State& s) { opt::inline_temporaries(s.module); }, normal},
        // element-wise expressions as one loop
        {"fuse", [](State& s) { opt::fuse(s.module); }, normal},
        // lists marked changed once per loop
        {"premark", [](State& s) { opt::premark(s.module); }, normal},
        // fixed-length lists, split() by words
        {"iteration", [](State& s) { opt::choose_iteration(s.module); }, normal},
        // c += 1 over a list's items: no overflow check
        {"counters", [](State& s) { opt::mark_counters(s.module); }, normal},
        // innermost range loops: a copy without the bounds checks their guards made
        {"version-loops", [](State& s) { opt::version_loops(s.module); }, normal},
        // their copies (or one of their own) without the overflow checks their ints' bounds rule out
        {"int-ranges", [](State& s) { opt::prove_int_ranges(s.module); }, normal},
        // math.sqrt(dx * dx + dy * dy): no domain test
        {"signs", [](State& s) { opt::prove_signs(s.module); }, normal},
        // xs[a:b] = xs[c:d] within the list
        {"slice-copies", [](State& s) { opt::slice_copies(s.module); }, normal},
        // (a * b) % m: the product in 128 bits
        {"wide-ints", [](State& s) { opt::widen_ints(s.module); }, normal},
        // node = node.next in a loop that only reads: no reference counting
        {"borrow", [](State& s) { opt::borrow_walks(s.module); }, normal},
        // fib(n - 1) + fib(n - 2) under n >= 2: a pure copy, run where n bounds the depth
        {"pure-recursion", [](State& s) { opt::find_pure_recursions(s.module); }, normal},
        // while loops and outer range loops check for Ctrl-C
        {"interrupts", [](State& s) { opt::mark_interrupts(s.module); }, normal},
        // `for name, q in orders`: the unpacking's temporaries moved from, not copied
        {"moves", [](State& s) { opt::mark_moves(s.module); }, normal},
    };
    return passes;
}

frontend::Resolution resolution(py::handle entry, const py::list& functions) {
    py::tuple t = py::reinterpret_borrow<py::tuple>(entry);
    std::string kind = t[0].cast<std::string>();
    frontend::Resolution r;
    r.kind = frontend::Resolution::Other;
    if (kind == "func") {
        r.kind = frontend::Resolution::Func;
        r.func = t[1].cast<int>();
        r.name = functions[r.func]["qualname"].cast<std::string>();
    } else if (kind == "decorated") {  // @memo def fib: (fib's index, memo's, None); @repeat(3): "(3)" last
        py::tuple d = py::reinterpret_borrow<py::tuple>(t[1]);
        r.kind = frontend::Resolution::Func;
        r.func = d[0].cast<int>();
        r.decorator = d[1].cast<int>();
        if (!d[2].is_none()) r.value = py::reinterpret_borrow<py::object>(d[2]);
        r.name = functions[r.func]["qualname"].cast<std::string>();
    } else if (kind == "module") {
        r.kind = frontend::Resolution::Module;
        r.name = t[1].cast<std::string>();
    } else if (kind == "const") {
        r.kind = frontend::Resolution::Const;
        r.value = py::reinterpret_borrow<py::object>(t[1]);
    } else if (kind == "builtin") {
        r.kind = frontend::Resolution::Builtin;
        r.name = t[1].cast<std::string>();
    } else if (kind == "class") {
        r.kind = frontend::Resolution::Class;
        r.func = t[1].cast<int>();
    } else if (kind == "global") {
        r.kind = frontend::Resolution::Global;
        py::tuple g = py::reinterpret_borrow<py::tuple>(t[1]);
        r.module = g[0].cast<std::string>();
        r.name = g[1].cast<std::string>();
    } else if (kind == "refused") {
        r.kind = frontend::Resolution::Refused;
        r.name = t[1].cast<std::string>();
    } else {
        r.name = t[1].cast<std::string>();
    }
    return r;
}

py::dict export_dict(const codegen::Export& e) {
    py::list params;
    for (const codegen::ExportParam& p : e.params) {
        py::dict d;
        d["name"] = p.name;
        d["cxx_type"] = p.cxx_type;
        d["py_type"] = p.py_type;
        d["default"] = p.default_cxx.empty() ? py::object(py::none()) : py::object(py::str(p.default_cxx));
        d["container"] = p.container;
        params.append(d);
    }
    py::dict d;
    d["qualname"] = e.qualname;
    d["pyname"] = e.pyname;
    d["cxx_name"] = e.cxx_name;
    d["params"] = params;
    d["ret_cxx"] = e.ret_cxx;
    d["ret_py"] = e.ret_py;
    d["releases_gil"] = e.releases_gil;
    d["counts_depth"] = e.counts_depth;
    d["boundary"] = e.boundary;
    d["reruns"] = e.reruns;
    d["nposonly"] = e.nposonly;
    d["nkwonly"] = e.nkwonly;
    return d;
}

// functions: [{"qualname", "file", "node", "exported", "globals": {name: (kind, payload)}, "memo"}]
// modules: {"math": {"pi": 3.14159...}}
py::dict compile(const py::list& functions, const py::dict& modules, py::object print_after, bool verify,
                 const py::list& classes) {
    State s;
    for (auto item : modules) {
        auto& attrs = s.modules[item.first.cast<std::string>()];
        for (auto kv : item.second.cast<py::dict>())
            attrs[kv.first.cast<std::string>()] = py::reinterpret_borrow<py::object>(kv.second);
    }
    for (py::handle f : functions) {
        frontend::FunctionInput in;
        in.node = f["node"];
        in.qualname = f["qualname"].cast<std::string>();
        in.file = f["file"].cast<std::string>();
        in.exported = f["exported"].cast<bool>();
        if (f.contains("module")) in.module = f["module"].cast<std::string>();
        in.nogil = f.contains("nogil") && f["nogil"].cast<bool>();
        if (f.contains("memo") && !py::isinstance<py::bool_>(f["memo"]))  // functools.cache: -1; lru_cache(maxsize=n): n
            in.memo = f["memo"].is_none() ? -1 : std::max<int64_t>(0, f["memo"].cast<int64_t>());
        for (auto kv : f["globals"].cast<py::dict>())
            in.globals[kv.first.cast<std::string>()] = resolution(kv.second, functions);
        s.inputs.push_back(std::move(in));
    }
    for (py::handle c : classes) {
        frontend::ClassInput in;
        in.node = c["node"];
        in.qualname = c["qualname"].cast<std::string>();
        in.module = c["module"].cast<std::string>();
        in.file = c["file"].cast<std::string>();
        in.dataclass = c["dataclass"];
        in.base = c["base"].is_none() ? -1 : c["base"].cast<int>();
        in.bases = c["bases"].cast<std::vector<std::string>>();
        in.metaclass = c["metaclass"].is_none() ? "" : c["metaclass"].cast<std::string>();
        in.abstract = c["abstract"].is_none() ? "" : c["abstract"].cast<std::string>();
        in.enum_flavour = c["enum_flavour"].is_none() ? "" : c["enum_flavour"].cast<std::string>();
        in.namedtuple = c["namedtuple"].cast<bool>();
        if (!c["enum"].is_none())
            for (py::handle m : c["enum"])
                in.enum_members.push_back({py::str(m[py::int_(0)]), py::reinterpret_borrow<py::object>(m[py::int_(1)]),
                                           py::str(m[py::int_(2)])});
        in.is_enum = !c["enum"].is_none();
        in.enum_mixin = c["enum_mixin"].cast<std::string>();
        in.has_match_args = !c["match_args"].is_none();
        if (in.has_match_args) in.match_args = c["match_args"].cast<std::vector<std::string>>();
        for (auto kv : c["methods"].cast<py::dict>()) {
            py::tuple m = kv.second.cast<py::tuple>();
            int j = m[0].cast<int>();
            in.methods[kv.first.cast<std::string>()] = j;
            std::string kind = m[1].cast<std::string>();
            if (kind == "classmethod") s.inputs[j].class_of = static_cast<int>(s.classes.size());
            else if (kind == "static") s.inputs[j].static_of = static_cast<int>(s.classes.size());
            else s.inputs[j].self_class = static_cast<int>(s.classes.size());
        }
        for (auto kv : c["globals"].cast<py::dict>())
            in.globals[kv.first.cast<std::string>()] = resolution(kv.second, functions);
        for (auto kv : c["attribute_types"].cast<py::dict>())
            in.attribute_types[kv.first.cast<std::string>()] = py::reinterpret_borrow<py::object>(kv.second);
        s.classes.push_back(std::move(in));
    }
    std::string stop_after = print_after.is_none() ? "" : print_after.cast<std::string>();
    if (!stop_after.empty() && stop_after != "codegen") {
        bool known = false;
        for (const Pass& p : pipeline()) known |= stop_after == p.name;
        if (!known) throw py::value_error("unknown pass '" + stop_after + "'");
    }

    // the IR verifier after every pass: PYRITE_VERIFY_IR=1 (the test suite) or verify=True
    const char* env = std::getenv("PYRITE_VERIFY_IR");
    bool check = verify || (env && std::string(env) == "1");
    // PYRITE_IR_CORRUPT=PASS:WHAT breaks the IR after PASS: the verifier's own tests (tests/lit/ir/verify.py)
    const char* corrupt_env = std::getenv("PYRITE_IR_CORRUPT");
    std::string corrupt = corrupt_env ? corrupt_env : "";

    py::dict result, timings;
    for (const Pass& p : pipeline()) {
        auto t0 = std::chrono::steady_clock::now();
        p.run(s);
        timings[p.name] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!corrupt.empty() && corrupt.compare(0, corrupt.find(':'), p.name) == 0)
            ir::corrupt(s.module, corrupt.substr(corrupt.find(':') + 1));
        if (check && !s.diags.has_errors()) {
            std::vector<std::string> problems = ir::verify(s.module, p.after);
            if (!problems.empty()) {
                std::string msg = "pyrite bug: the IR verifier found, after pass '" + std::string(p.name) + "':";
                for (const std::string& x : problems) msg += "\n  " + x;
                throw std::runtime_error(msg);
            }
        }
        if (stop_after == p.name) result["ir"] = ir::print(s.module);
        if (s.diags.has_errors() && !p.before_types) break;
    }
    py::list diags;
    for (const Diagnostic& d : s.diags.items())
        diags.append(py::make_tuple(d.file, d.loc.line, d.loc.col, d.loc.end_col, d.severity, d.message));
    result["diagnostics"] = diags;
    result["ok"] = !s.diags.has_errors();
    if (s.diags.has_errors()) return result;

    auto t0 = std::chrono::steady_clock::now();
    codegen::Output out = codegen::emit(s.module);
    timings["codegen"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result["timings"] = timings;
    result["includes"] = out.includes;
    result["declarations"] = out.declarations;
    result["fn_sources"] = out.fn_sources;
    result["members"] = out.members;
    result["boundary_members"] = out.boundary_members;
    result["field_members"] = out.field_members;
    result["definitions"] = out.definitions;
    py::list exports;
    for (const codegen::Export& e : out.exports) exports.append(export_dict(e));
    result["exports"] = exports;
    py::list classes_out;  // the structs to bind to the user's classes, in the order capture gave them
    for (size_t i = 0; i < out.classes.size(); ++i) {
        py::dict d;
        d["cxx_name"] = out.classes[i];
        d["qualname"] = s.module.classes[i].qualname;
        d["module"] = s.module.classes[i].module;
        classes_out.append(d);
    }
    result["classes"] = classes_out;
    py::list globals_out;
    for (const codegen::GlobalOut& g : out.globals) {
        py::dict d;
        d["module"] = g.module;
        d["name"] = g.name;
        d["cxx_name"] = g.cxx_name;
        d["cxx_type"] = g.cxx_type;
        d["rebound"] = g.rebound;
        d["owner"] = g.owner;
        d["owner_name"] = g.owner_name;
        globals_out.append(d);
    }
    result["globals"] = globals_out;
    py::dict types;  // qualname -> {local: type}
    for (const ir::Function& f : s.module.functions) {
        py::dict locals;
        for (const ir::Var& v : f.vars)
            if (v.name[0] != '$') locals[py::str(v.name)] = v.type->str();
        locals["return"] = f.ret->str();
        types[py::str(f.qualname)] = locals;
    }
    result["types"] = types;
    return result;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "pyrite's compiler core: frontend, typeinfer, codegen";
    m.def("set_builtins", &set_builtins, "Load the builtin table written by pyrite-scan");
    m.def("compile", &compile, py::arg("functions"), py::arg("modules"), py::arg("print_after") = py::none(),
          py::arg("verify") = false, py::arg("classes") = py::list());
    m.def("cxx_comment", &codegen::comment_text,
          "Spell any text as one line of a C++ // comment (injective, never ends the comment early)");
    m.def("cxx_identifier", &codegen::identifier, "Mangle any text into [A-Za-z0-9_]+ (injective)");
    m.def("cxx_string_literal", &codegen::string_literal,
          "Spell a string from Python source as a C++ string literal (the one escaping function)");
    // NumPy's dtypes as the compiler knows them (ir/types.cpp): the Python side checks its
    // copies against these (tests/test_structure.py) and resolves aliases through them
    m.def("dtypes", []() {
        std::vector<std::pair<std::string, std::string>> out;
        for (int d = 0; d <= static_cast<int>(DType::Complex128); ++d)
            out.emplace_back(dtype_name(static_cast<DType>(d)), dtype_short(static_cast<DType>(d)));
        return out;
    });
    m.def("dtype_canonical", [](const std::string& name) -> py::object {
        DType d;
        if (!dtype_from_name(name, &d)) return py::none();
        return py::str(dtype_name(d));
    }, "NumPy's name of a dtype named by any of its names (double -> float64), or None");
    m.def("passes", []() {
        std::vector<std::string> names;
        for (const Pass& p : pipeline()) names.push_back(p.name);
        names.push_back("codegen");
        return names;
    });
}
