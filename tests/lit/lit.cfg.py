# lit configuration: tests/lit/**/*.py run their `# RUN:` lines; FileCheck checks
# the generated C++, the printed IR and the diagnostics against CHECK lines.
import os
import shutil
import sys

import lit.formats

config.name = "pyrite"
config.test_format = lit.formats.ShTest()  # lit's internal shell: pipes and `not` work
config.suffixes = [".py"]
config.excludes = ["lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(os.environ.get("PYRITE_LIT_OUT", "/tmp/pyrite-lit"))

filecheck = shutil.which("FileCheck") or shutil.which("FileCheck-14") or "/usr/lib/llvm-14/bin/FileCheck"
if not os.path.exists(filecheck):
    lit_config.fatal("FileCheck not found: apt-get install llvm-14-tools")
config.substitutions.append(("%pyrite", f"{sys.executable} -m pyrite"))
config.substitutions.append(("FileCheck", filecheck))
config.substitutions.append(("%python", sys.executable))
for var in ("PYRITE_CACHE_DIR", "HOME", "PATH", "CXX"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["PYRITE_VERIFY_IR"] = "1"  # the IR verifier after every pass (ir/verify.hpp)
