// libpyrite_rt.so, the prebuilt runtime (core.hpp, "The prebuilt runtime"): built once, at
// install time, with the flags of pyrite/cxxflags, it holds the bodies of the functions the
// headers mark PYRITE_RT and the instantiations they list with PYRITE_PREBUILT, so that a
// module compiled at a call does not compile them again. Every runtime header is included, so
// every one of those is here.
#define PYRITE_BUILDING_RUNTIME 1
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <pyrite/prelude.hpp>
#include <runtime_all.hpp>

namespace pyrite {
// object.hpp: one count for the process, read by every module that links to the library
int threads_share_objects = 0;
CallCounters call_counters;
StrPool str_pool;  // str.hpp
namespace parallel {
thread_local int arrays_in_parallel = 0;  // parallel.hpp: @accelerate(parallel=True)
}
UndoLog undo_log;
}  // namespace pyrite
