# A compiled function that raises, called in a try whose handler may take what it raises, is
# called as its fallible copy (codegen/emit_fallible.cpp): its raise statements outside any try
# make the exception in pyrite_error, add its frame and return no value; a call of another copy
# passes that on with its own frame; the try chooses its clause from the exception as its catch
# would (none: raised again, to be caught so). A raise inside the callee's own try or handler stays
# a throw; a recursion (its depth) and a function no try calls have no copy.
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate

# CHECK: static std::optional<pyrite::i64> f2_scaled_fallible(pyrite::Error& pyrite_error, pyrite::i64 v_x, pyrite::i64 v_k);
# CHECK-NOT: f1_depth_fallible
# CHECK-NOT: f3_unused_raiser_fallible


def check_positive(x: int) -> int:
    if x <= 0:
        raise ValueError(f"not positive: {x}")
    try:
        y = 100 // x
    except ZeroDivisionError:
        raise KeyError("never")
    return y


def scaled(x: int, k: int) -> int:
    return check_positive(x) * k


def unused_raiser(x: int) -> int:
    if x < 0:
        raise IndexError("negative")
    return x


def depth(n: int) -> int:
    if n < 0:
        raise ValueError("negative")
    return 0 if n == 0 else depth(n - 1) + 1


# CHECK-LABEL: static pyrite::i64 f0_tally(
# CHECK: pyrite::Error error_[[T:[0-9]+]];
# CHECK: ({ auto [[R:fallible[0-9]+]] = f2_scaled_fallible(error_[[T]], v_x, INT64_C(2)); if (PYRITE_UNLIKELY(![[R]])) { if (pyrite::exc_derives(error_[[T]].kind, pyrite::Exc::KeyError) || pyrite::exc_derives(error_[[T]].kind, pyrite::Exc::ValueError)) handler_[[T]] = 1; else if (pyrite::exc_derives(error_[[T]].kind, pyrite::Exc::IndexError)) handler_[[T]] = 2; else pyrite::raise_again(error_[[T]]); goto raised_[[T]]; } *std::move([[R]]); })
# CHECK-SAME: f1_depth(depth.next(),
# CHECK: raised_[[T]]:;
# CHECK: f3_unused_raiser(v_xs.len())
@accelerate
def tally(xs: list[int]) -> int:
    total = 0
    for x in xs:
        try:
            total += scaled(x, 2) + depth(x % 5)
        except (KeyError, ValueError):
            total -= 1
        except IndexError:
            total -= 2
    return total + unused_raiser(len(xs))


# CHECK-LABEL: static std::optional<pyrite::i64> f2_scaled_fallible(pyrite::Error& pyrite_error, pyrite::i64 v_x, pyrite::i64 v_k) {
# CHECK-NEXT: static constexpr pyrite::FrameInfo pyrite_frame{"scaled",
# CHECK: return pyrite::mul(({ auto [[R:fallible[0-9]+]] = f4_check_positive_fallible(pyrite_error, v_x); if (PYRITE_UNLIKELY(![[R]])) { pyrite::add_frame(pyrite_error, &pyrite_frame, pyrite_line); return std::nullopt; } *std::move([[R]]); }), v_k);

# CHECK-LABEL: static std::optional<pyrite::i64> f4_check_positive_fallible(pyrite::Error& pyrite_error, pyrite::i64 v_x) {
# CHECK: pyrite_line = 17;
# CHECK: pyrite_error = pyrite::make_exception(pyrite::Exc::ValueError,
# CHECK-NEXT: pyrite::add_frame(pyrite_error, &pyrite_frame, pyrite_line);
# CHECK-NEXT: return std::nullopt;
# the raise in its handler is thrown, with the ZeroDivisionError as its __context__
# CHECK: pyrite::raise_exception(pyrite::Exc::KeyError,
# CHECK: pyrite::chain(inner_
