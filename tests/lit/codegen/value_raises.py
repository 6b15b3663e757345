# Exceptions as values: int(s) and float(s) inside a try whose handler takes ValueError call the
# overload that makes the exception in error_N (no C++ throw), choose the handler and jump past
# the catch to it; the clauses run after the catch. A call no handler takes, or one the C++ puts
# in a lambda (a comprehension), raises as before.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


# CHECK-LABEL: static pyrite::i64 f0_parse_count(
# CHECK: int handler_[[T:[0-9]+]] = 0;
# CHECK-NEXT: pyrite::Error error_[[T]];
# the handler neither names the exception nor raises it again: no state shared by its copies is made
# CHECK: v_good = pyrite::add(v_good, ({ auto [[R:fallible[0-9]+]] = pyrite::builtins::int_(error_[[T]], v_t); if (PYRITE_UNLIKELY(![[R]])) { handler_[[T]] = 2; goto raised_[[T]]; } *std::move([[R]]); }));
# CHECK: } catch (pyrite::Error& caught_[[T]]) {
# CHECK: raised_[[T]]:;
# CHECK: if (handler_[[T]] == 1) {
# CHECK: if (handler_[[T]] == 2) {
# CHECK: v_good = pyrite::sub(v_good, INT64_C(1));
@accelerate
def parse_count(texts: list[str]) -> int:
    good = 0
    for t in texts:
        try:
            good += int(t)
        except KeyError:
            good += 100
        except ValueError:
            good -= 1
    return good


# a handler that names the exception (or raises it again) sees it as one object: its state is made
# CHECK-LABEL: static pyrite::List<pyrite::Str> f1_parse_named(
# CHECK: int handler_[[T:[0-9]+]] = 0;
# CHECK: ({ auto [[R:fallible[0-9]+]] = pyrite::builtins::float_(error_[[T]], v_t); if (PYRITE_UNLIKELY(![[R]])) { pyrite::state_of(error_[[T]]); handler_[[T]] = 1; goto raised_[[T]]; } *std::move([[R]]); })
# CHECK: int handler_[[U:[0-9]+]] = 0;
# CHECK: ({ auto [[S:fallible[0-9]+]] = pyrite::builtins::int_(error_[[U]], v_t); if (PYRITE_UNLIKELY(![[S]])) { pyrite::state_of(error_[[U]]); handler_[[U]] = 1; goto raised_[[U]]; } *std::move([[S]]); })
@accelerate
def parse_named(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        try:
            out.append(str(float(t)))
        except ValueError as e:
            out.append(str(e))
        try:
            out.append(str(int(t)))
        except ValueError:
            if t == "stop":
                raise
    return out


# no handler takes ValueError, and the comprehension's call is in a lambda: both throw
# CHECK-LABEL: static pyrite::i64 f2_no_jump(
# CHECK-NOT: goto raised_
# CHECK-NOT: error_{{[0-9]+}}, 
# CHECK: } catch (pyrite::Error& error_
# CHECK-LABEL: pyrite::leave_frame
@accelerate
def no_jump(texts: list[str]) -> int:
    try:
        return int(texts[0])
    except KeyError:
        return 0
    try:
        return sum([int(t) for t in texts])
    except ValueError:
        return -1
