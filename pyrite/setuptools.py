"""Building `pyrite compile` artifacts into a package's wheel (setuptools).

In the package's setup.py:

    from setuptools import setup
    from pyrite.setuptools import cmdclass

    setup(cmdclass=cmdclass())

and pyrite in the build requirements. After setuptools copies the package's modules into
the build directory, every module there that uses @accelerate is compiled ahead of time
(pyrite/aot.py) and its `__pyrite__/` directory goes into the wheel beside it: the installed
package then runs without a C++ compiler. The artifacts are built for the Python running the
build and for a portable CPU target (x86-64-v2), so the wheel is tagged for that interpreter.
`PYRITE_AOT=0` in the environment skips the step (a pure wheel that compiles at first use).
"""
import os

from setuptools.command.build_py import build_py as _build_py


def cmdclass():
    """The setup() commands: build_py (compiles the kernels) and a bdist_wheel that tags the
    wheel for this interpreter and platform (it now carries extensions)."""
    try:
        from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel
    except ImportError:  # setuptools < 70
        from wheel.bdist_wheel import bdist_wheel as _bdist_wheel

    class bdist_wheel(_bdist_wheel):
        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = False

    return {"build_py": build_py, "bdist_wheel": bdist_wheel}


class build_py(_build_py):
    def run(self):
        super().run()
        if os.environ.get("PYRITE_AOT", "1") == "0":
            return
        from . import aot
        sources = []
        for root, _, names in os.walk(self.build_lib):
            for name in sorted(names):
                path = os.path.join(root, name)
                if name.endswith(".py") and "__pyrite__" not in root:
                    with open(path, encoding="utf-8") as f:
                        if "accelerate" in f.read():
                            sources.append(path)
        for path in sorted(sources):
            try:
                aot.compile_file(path, log=lambda line: self.announce(f"pyrite: {line}", level=2))
            except SystemExit as e:  # a module with no @accelerate function, or one pyrite cannot compile
                if "no @accelerate functions" not in str(e):
                    raise
