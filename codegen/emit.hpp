// codegen: typed IR -> C++ function bodies plus the metadata the module
// template (templates/module.cpp.j2) needs to write the CPython glue.
#pragma once
#include <string>
#include <vector>

#include "../ir/ir.hpp"

namespace pyrite::codegen {

struct ExportParam {
    std::string name;         // Python parameter name
    std::string cxx_type;
    std::string py_type;      // Python spelling, for signatures and messages
    std::string default_cxx;  // C++ literal of the default value, or empty
    bool container = false;   // crosses by copy-in/write-back (runtime/include/pyrite/boundary.hpp)
};

struct Export {
    std::string qualname, pyname, cxx_name;
    std::vector<ExportParam> params;
    std::string ret_cxx, ret_py;
    bool releases_gil = false;
    bool counts_depth = false;  // takes the recursion budget as its first argument
    bool boundary = false;      // a parameter or the result is or holds a container
    // an int leaving 64 bits runs the call again in CPython (templates/module.cpp.j2): not where a
    // parameter holds a NumPy array, which compiled code writes in place, the caller seeing it
    bool reruns = false;
    size_t nposonly = 0, nkwonly = 0;  // parameters before '/', after '*'
};

// A module's list, dict or set global the compiled code uses (ir::Global): a variable of the
// module, which each entry point's glue fills from the Python module and writes back
struct GlobalOut {
    std::string module, name, cxx_name, cxx_type;
    bool rebound = false;  // an int, float, bool or str a function rebinds (`global NAME`): stored back after each call
    std::string owner;     // a class variable: the struct of its class, whose Python class it is read from (py_type)
    std::string owner_name;  // and that class's qualname (for messages)
};

struct Output {
    std::vector<std::string> includes;  // runtime headers the bodies use
    std::string fn_sources;             // pyrite::FnSource<F> of each function a result may hold (boundary.hpp)
    std::string declarations;           // the classes' structs, a forward declaration per function
    std::string members;                // what the structs do (before the bodies; emit_class.cpp)
    std::string boundary_members;       // what the glue calls of them: load, store, bind, make_for
    std::string field_members;          // what reads only their fields: the destructor (so the vtable), a
                                        // dataclass's == and repr (compiled with the glue: module.cpp.j2)
    std::string definitions;            // the function bodies, with #line into the Python source
    std::vector<Export> exports;
    std::vector<std::string> classes;   // the structs of the program's classes, in Module::classes order
    std::vector<GlobalOut> globals;
};

Output emit(const ir::Module& m);

}  // namespace pyrite::codegen
