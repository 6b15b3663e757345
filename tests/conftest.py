"""Test session setup: one pyrite cache per session; one C++ compile per test module.

Every @accelerate function a test module defines at module level is compiled
together into one native module before its tests run (pyrite.build), so the
suite pays for one C++ compile per file, not per function.
"""
import os
import sys
import tempfile

import pytest

_session_cache = os.environ.get("PYRITE_TEST_CACHE") or tempfile.mkdtemp(prefix="pyrite-test-cache-")
os.environ["PYRITE_CACHE_DIR"] = _session_cache
# the IR verifier runs after every pass of every compile (ir/verify.hpp)
os.environ["PYRITE_VERIFY_IR"] = "1"
# the code a test runs is the full build (GCC), not a first call's quick one that a background
# compile replaces at some point (pyrite/tiers.py; test_tiers.py tests it); PYRITE_QUICK=only
# runs the whole suite on the quick builds (clang)
os.environ.setdefault("PYRITE_QUICK", "0")
sys.path.insert(0, os.path.dirname(__file__))

import pyrite  # noqa: E402  (after the cache dir is set)
from pyrite._dispatch import Dispatcher  # noqa: E402


@pytest.fixture(scope="session")
def cache_dir():
    return _session_cache


@pytest.fixture(params=[1, 2, 3], ids=lambda n: f"{n}threads")
def threads(request):
    """Runs a test on 1, 2 and 3 of the pool's threads (prange loops, parallel=True)."""
    before = pyrite.get_num_threads()
    pyrite.set_num_threads(request.param)
    yield request.param
    pyrite.set_num_threads(before)


@pytest.fixture(scope="module", autouse=True)
def _compile_module_functions(request):
    fns = [v for v in vars(request.module).values()
           if isinstance(v, Dispatcher) and not getattr(v, "_lazy", False)]
    if fns:
        pyrite.build(*fns)
    yield
