import numpy as np

from pyrite import accelerate, f64


@accelerate
def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@accelerate
def smooth(a: f64[:], passes: int) -> f64[:]:
    out = a.copy()
    for _ in range(passes):
        out[1:-1] = 0.25 * out[:-2] + 0.5 * out[1:-1] + 0.25 * out[2:]
    return out
