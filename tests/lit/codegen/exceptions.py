# try/except/finally is C++ try/catch on pyrite::Error: a clause tests the caught kind (or the
# user's class) and rethrows what no clause takes; a handler's own exceptions get the handled
# one as __context__; a return or break leaving a finally records its exit, jumps to the
# finally, and is made again after it. Every function records its frame for the traceback.
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


# IR: class NotFound:
# IR-NEXT:   field key: str
class NotFound(LookupError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


# IR-LABEL: def @find(
# IR:   local %e$h{{[0-9]+}}: IndexError
# IR:     try:
# IR:     except IndexError as %e$h{{[0-9]+}}:
# IR-NEXT:  raise (block {{.*}} (new NotFound {{.*}} from %e$h{{[0-9]+}}:IndexError
# IR-NEXT:     finally:
# IR-NEXT:       (method append %xs:list[int] 0:int):None
# CHECK-LABEL: static pyrite::i64 f0_find(pyrite::List<pyrite::i64> v_xs, pyrite::i64 v_k) {
# CHECK: int pyrite_line = [[@LINE+2]];  // for the traceback
@accelerate
def find(xs: list[int], k: int) -> int:
    for i in range(len(xs)):
        try:
            # (an IndexError of xs[i] itself would reach the handler as a value: value_raises.py)
            if item(xs, i) == k:
                # CHECK: { pyrite_ret = pyrite::i64(v_i); exit_[[T:[0-9]+]] = 1; goto finally_[[T]]; }
                return i
            if item(xs, i) < 0:
                # CHECK: { exit_[[T]] = 2; goto finally_[[T]]; }
                break
        # CHECK: } catch (pyrite::Error& error_[[T]]) {
        # CHECK-NEXT: if (error_[[T]].limit || error_[[T]].through) throw;
        # CHECK: if (pyrite::exc_derives(error_[[T]].kind, pyrite::Exc::IndexError)) {
        # CHECK-NEXT: v_e_x24h{{[0-9]+}} = error_[[T]];
        except IndexError as e:
            # CHECK: pyrite::raise_from(std::move(exception), std::optional<pyrite::Error>(pyrite::Error(v_e_x24h{{[0-9]+}})));
            # CHECK: } catch (pyrite::Error& inner_[[T]]) {
            # CHECK-NEXT: pyrite::chain(inner_[[T]], error_[[T]]);
            raise NotFound(str(k)) from e
        # CHECK: } else {
        # CHECK-NEXT: throw;
        # the finally's copy for an exception: run, then the exception again (not for an int
        # beyond 64 bits: the call runs again in CPython, bigint.py)
        # CHECK: } catch (pyrite::Error& error) {
        # CHECK-NEXT: if (error.limit) throw;
        # CHECK-NEXT: try {
        # CHECK: v_xs.append(INT64_C(0))
        # CHECK: pyrite::chain(inner_[[T]], error);
        # CHECK: throw;
        # CHECK-NEXT: }
        # CHECK-NEXT: throw;
        # and for every other way out: nothing pending, nothing tested
        # CHECK: finally_[[T]]:;
        # CHECK-NOT: pending_
        # CHECK: v_xs.append(INT64_C(0))
        finally:
            xs.append(0)
        # CHECK-NEXT: if (exit_[[T]] == 1) {
        # CHECK-NEXT: return pyrite_ret;
        # CHECK: if (exit_[[T]] == 2) {
        # CHECK-NEXT: goto break_
    return -1
    # one handler for the frame: what leaves it leaves with this frame (traceback.hpp's leave_frame)
    # CHECK: } catch (...) {
    # CHECK-NEXT: static constexpr pyrite::FrameInfo frame{"find", "{{.*}}exceptions.py"};
    # CHECK-NEXT: pyrite::leave_frame(&frame, pyrite_line);


# A try without finally adds no exit bookkeeping; a bare except takes everything
# CHECK-LABEL: static pyrite::i64 f1_guarded(pyrite::i64 v_a, pyrite::i64 v_b) {
# CHECK-NOT: exit_
# CHECK: if (true) {
# CHECK-NOT: } else {
# CHECK: pyrite::leave_frame(&frame, pyrite_line);
@accelerate
def guarded(a: int, b: int) -> int:
    try:
        return a // b
    except:  # noqa: E722
        return 0


def item(xs: list[int], i: int) -> int:
    return xs[i]
