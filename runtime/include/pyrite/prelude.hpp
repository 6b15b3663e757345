// What every generated module includes first. It is compiled once, at install
// time, into a precompiled header (pch/pyrite/prelude.hpp.gch) with exactly the
// flags of pyrite/cxxflags: Python.h alone is over half of a small module's compile time.
#pragma once
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pyrite/core.hpp>
#include <pyrite/ops.hpp>
#include <pyrite/capi.hpp>
#include <pyrite/stack.hpp>
