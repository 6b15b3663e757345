# The one line a package needs: pyrite's commands compile the @accelerate kernels into
# fastkernels/__pyrite__/ inside the wheel and tag the wheel for this platform
# (see pyrite/setuptools.py).
from setuptools import setup

from pyrite.setuptools import cmdclass

setup(cmdclass=cmdclass())
