"""The differential program fuzzer (tests/fuzzer.py) in the suite: a fixed-seed bounded
run that must find no difference and no refusal, and every reduced case it ever saved
(tests/fuzz_cases/) replayed as a regression test. Long runs: ./dev fuzz N."""
import pathlib

import pytest

import fuzzer
from difftest import check, load_source

CASES = sorted((pathlib.Path(__file__).parent / "fuzz_cases").glob("case_*.py"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_saved_case(path, tmp_path):
    mod = load_source(tmp_path, path.stem, path.read_text())
    for args in mod.ARGS:
        check(mod.case, *args)


def test_fixed_seed_run():
    stats, found, refusals = fuzzer.run(80, seed=20261201, per_module=40, inputs=8, save_dir=None,
                                        reduce_found=False, log=lambda *a: None)
    assert not refusals, "the fuzzer generated a program pyrite refuses:\n" + "\n".join(
        text + message for text, message in refusals[:3])
    assert not found, "compiled and interpreted differ:\n" + "\n\n".join(
        e["program"] + e["report"] for e in found[:3])
    assert stats["programs"] == 80 and stats["cases"] == 640
