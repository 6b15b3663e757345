"""Accelerated functions in other processes: they pickle by reference, run in a
multiprocessing pool and on Dask workers (a real dask.distributed.LocalCluster), and the
machine compiles each function once: the workers share the disk cache, whose lock makes
the others wait for the first compile and load it."""
import os
import subprocess
import sys
import textwrap

KERNEL = textwrap.dedent("""
    from pyrite import accelerate

    @accelerate
    def collatz_len(n: int) -> int:
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        return steps

    def first_call_compiled(n):
        import os
        collatz_len(n)
        return os.getpid(), collatz_len._pyrite_entry["compiled_now"]  # did this process compile it?
""")

POOL = textwrap.dedent("""
    import multiprocessing as mp, pickle, kern
    assert pickle.loads(pickle.dumps(kern.collatz_len)) is kern.collatz_len
    if __name__ == "__main__":
        with mp.get_context("spawn").Pool(2) as pool:
            first = pool.map(kern.first_call_compiled, range(1, 9))  # every process's first call is here
            print(pool.map(kern.collatz_len, [1, 7, 27, 97]))
            print(len({pid for pid, compiled in first if compiled}))
""")

DASK = textwrap.dedent("""
    import kern
    from dask.distributed import Client, LocalCluster
    if __name__ == "__main__":
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \\
                Client(cluster) as client:
            compiled = client.gather(client.map(kern.first_call_compiled, range(100, 132)))  # the first calls
            print(client.gather(client.map(kern.collatz_len, [1, 7, 27, 97])))
            print(len({pid for pid, c in compiled if c}), len(client.scheduler_info()["workers"]))
""")


def run(tmp_path, script):
    (tmp_path / "kern.py").write_text(KERNEL)
    (tmp_path / "main.py").write_text(script)
    env = dict(os.environ, PYRITE_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(tmp_path))
    r = subprocess.run([sys.executable, "main.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    so = [f for _, _, names in os.walk(tmp_path / "cache") for f in names if f.endswith(".so")]
    return r.stdout.split("\n"), so


def test_multiprocessing_pool(tmp_path):
    out, so = run(tmp_path, POOL)
    assert out[0] == "[0, 16, 111, 118]"
    assert int(out[1]) == 1  # of the pool's processes, exactly one compiled; the other loaded its binary
    assert len(so) == 1


def test_dask_local_cluster(tmp_path):
    out, so = run(tmp_path, DASK)
    assert out[0] == "[0, 16, 111, 118]"
    compiled, workers = map(int, out[1].split())
    assert workers == 2 and compiled == 1  # two worker processes, one of which compiled
    assert len(so) == 1  # one compile for the machine: the workers share the cache
