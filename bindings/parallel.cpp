// pyrite's thread pool: what `for i in prange(n)` runs its iterations on.
//
// One pool per process, owned by pyrite._dispatch (loaded by `import pyrite`), so every
// generated module shares the same threads. A module asks for it through the capsule
// pyrite._dispatch._parallel (runtime/include/pyrite/parallel.hpp): run(fn, ctx, nblocks)
// calls fn(ctx, b) once for every block b in 0..nblocks-1, on the caller and on up to
// get_num_threads() - 1 workers, and returns when all have returned. Blocks are handed out
// in increasing order from one atomic counter (a slow block never holds the others up).
// What a block computes, and how partial results combine, is the generated code's business:
// the pool knows nothing of Python, takes no GIL and never throws.
//
// A run from inside a block (a prange in a function a prange loop calls), or while another
// thread's run has the pool, runs its blocks on the caller, one after another: the blocks
// are the same, so the results are too. Workers start on the first run that wants them and
// live as long as the process; a child process after fork() starts a pool of its own.
#include <Python.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "parallel_api.h"

namespace {

using BlockFn = void (*)(void*, std::int64_t);

thread_local bool in_block = false;  // this thread is running a block of some run

void run_blocks(BlockFn fn, void* ctx, std::int64_t nblocks, std::atomic<std::int64_t>& next) {
    bool outer = in_block;
    in_block = true;
    for (std::int64_t b; (b = next.fetch_add(1, std::memory_order_relaxed)) < nblocks;) fn(ctx, b);
    in_block = outer;
}

struct Pool {
    std::mutex busy;  // held by the thread whose run has the workers
    std::mutex m;     // guards what follows
    std::condition_variable wake, done;
    std::vector<std::thread> workers;
    std::uint64_t generation = 0;
    int wanted = 0;     // the first `wanted` workers take part in the current run
    int remaining = 0;  // of those, how many have not finished it
    BlockFn fn = nullptr;
    void* ctx = nullptr;
    std::int64_t nblocks = 0;
    std::atomic<std::int64_t> next{0};

    void work(int id) {
        std::uint64_t seen = 0;
        std::unique_lock<std::mutex> lk(m);
        for (;;) {
            wake.wait(lk, [&] { return generation != seen; });
            seen = generation;
            if (id >= wanted) continue;
            lk.unlock();
            run_blocks(fn, ctx, nblocks, next);
            lk.lock();
            if (--remaining == 0) done.notify_one();
        }
    }

    void run(BlockFn f, void* c, std::int64_t n, int threads) {
        int helpers = static_cast<int>(std::min<std::int64_t>(threads - 1, n - 1));
        {
            std::lock_guard<std::mutex> lk(m);
            while (static_cast<int>(workers.size()) < helpers) {
                int id = static_cast<int>(workers.size());
                workers.emplace_back([this, id] { work(id); });
            }
            fn = f, ctx = c, nblocks = n;
            next.store(0, std::memory_order_relaxed);
            wanted = remaining = helpers;
            ++generation;
        }
        wake.notify_all();
        run_blocks(f, c, n, next);
        std::unique_lock<std::mutex> lk(m);
        done.wait(lk, [&] { return remaining == 0; });
    }
};

// never destroyed: workers wait on it until the process ends (a joinable std::thread's
// destructor would terminate the process at exit)
Pool* pool = nullptr;
std::mutex pool_made;

void forget_pool_in_child() { pool = nullptr; }  // its threads did not survive fork(); its locks may be held

int cpu_count() {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
    unsigned n = std::thread::hardware_concurrency();
    return n ? static_cast<int>(n) : 1;
}

// PYRITE_NUM_THREADS if it is a positive number, else the CPUs this process may run on
std::atomic<int> num_threads{0};
int threads_default() {
    const char* env = std::getenv("PYRITE_NUM_THREADS");
    if (env && *env) {
        char* end = nullptr;
        long v = std::strtol(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= 4096) return static_cast<int>(v);
    }
    return cpu_count();
}
int get_threads() {
    int n = num_threads.load(std::memory_order_relaxed);
    if (n == 0) {
        int d = threads_default();
        num_threads.compare_exchange_strong(n, d);
        n = num_threads.load(std::memory_order_relaxed);
    }
    return n;
}

std::atomic<std::int64_t> shared_runs{0};  // runs the workers took part in (pyrite._dispatch.shared_runs)

void parallel_run(BlockFn fn, void* ctx, std::int64_t nblocks) {
    int threads = get_threads();
    if (nblocks <= 1 || threads <= 1 || in_block) {
        std::atomic<std::int64_t> next{0};
        run_blocks(fn, ctx, nblocks, next);
        return;
    }
    Pool* p;
    {
        std::lock_guard<std::mutex> lk(pool_made);
        if (!pool) {
            static bool registered = false;
            if (!registered) registered = pthread_atfork(nullptr, nullptr, forget_pool_in_child) == 0;
            pool = new Pool();
        }
        p = pool;
    }
    if (!p->busy.try_lock()) {  // another thread's run has the workers: this one runs alone
        std::atomic<std::int64_t> next{0};
        run_blocks(fn, ctx, nblocks, next);
        return;
    }
    shared_runs.fetch_add(1, std::memory_order_relaxed);
    p->run(fn, ctx, nblocks, threads);
    p->busy.unlock();
}

const PyriteParallelApi api = {PYRITE_PARALLEL_API_VERSION, parallel_run, get_threads};

}  // namespace

// pyrite.set_num_threads(n) / pyrite.get_num_threads()
PyObject* pyrite_set_num_threads(PyObject*, PyObject* arg) {
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) return nullptr;
    if (n < 1 || n > 4096) {
        PyErr_Format(PyExc_ValueError, "set_num_threads(): the number of threads must be between 1 and 4096, not %ld", n);
        return nullptr;
    }
    num_threads.store(static_cast<int>(n), std::memory_order_relaxed);
    Py_RETURN_NONE;
}

PyObject* pyrite_get_num_threads(PyObject*, PyObject*) { return PyLong_FromLong(get_threads()); }

// how many runs so far handed blocks to the pool's workers: what tells a test that work did run on
// several threads, without timing it
PyObject* pyrite_shared_runs(PyObject*, PyObject*) { return PyLong_FromLongLong(shared_runs.load(std::memory_order_relaxed)); }

int pyrite_add_parallel(PyObject* module) {
    PyObject* capsule = PyCapsule_New(const_cast<PyriteParallelApi*>(&api), PYRITE_PARALLEL_CAPSULE, nullptr);
    if (!capsule) return -1;
    if (PyModule_AddObject(module, "_parallel", capsule) < 0) {
        Py_DECREF(capsule);
        return -1;
    }
    return 0;
}
