# opt/stores.cpp: slice-copies marks xs[a:b] = xs[c:d:e] whose bounds raise at most
# OverflowError and whose step is not 0; the runtime then copies within the list. And s += t of a
# str local t cannot rebind: appended in place where s's string is its own.
# RUN: %pyrite ir %s --print-after version-loops | FileCheck %s --check-prefix=BEFORE
# RUN: %pyrite ir %s --print-after slice-copies | FileCheck %s --check-prefix=AFTER
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def shift(xs: list[int], k: int) -> list[int]:
    # BEFORE-LABEL: def @shift
    # BEFORE-NOT: within the list
    # AFTER-LABEL: def @shift
    # AFTER: (slice %xs:list[int] %k:int None:None None:None):list[int] = (slice %xs:list[int] None:None (sub %k:int 1:int):int None:None):list[int]  (within the list)
    # CPP-LABEL: static {{.*}} f0_shift({{.*}}) {
    # CPP: v_xs.set_slice_from_self(true, v_k, false, 0, false, 0, false, 0, true, pyrite::sub(v_k, INT64_C(1)), false, 0);
    xs[k:] = xs[:k - 1]
    return xs


@accelerate
def other(xs: list[int], ys: list[int], s: int) -> list[int]:
    # another list, or a step that may be 0: an ordinary slice store
    # AFTER-LABEL: def @other
    # AFTER-NOT: within the list
    # AFTER: return
    xs[1:] = ys[:2]
    xs[::2] = xs[::s]
    return xs


@accelerate
def joined(words: list[str], k: int) -> str:
    # AFTER-LABEL: def @joined
    # AFTER: %s = (add %s:str %w:str):str  (appends)
    # AFTER: %s = (add %s:str (intrinsic str %k:int):str):str  (appends)
    # t binds s (CPython reads s first), a nested function rebinds u, v is not a str: as before
    # AFTER: %s = (add %s:str (block %s
    # AFTER-NOT: (appends)
    # AFTER: return
    # CPP-LABEL: static pyrite::Str f2_joined(
    # CPP: pyrite::append_to(v_s, v_w);
    # CPP: pyrite::append_to(v_s, pyrite::to_str(v_k));
    # the operand read before the call or the assignment expression that rebinds it, as CPython
    # reads it (emit_expr.cpp's operands)
    # CPP: v_s = ({ const pyrite::Str o{{[0-9]+}} = v_s; static_cast<pyrite::Str>(pyrite::concat(o{{[0-9]+}}, [&]() -> pyrite::Str {
    # CPP: v_u = ({ const pyrite::Str o{{[0-9]+}} = v_u; static_cast<pyrite::Str>(pyrite::concat(o{{[0-9]+}}, f{{[0-9]+}}_bump(
    s = ""
    for w in words:
        s += w
    s = s + str(k)
    s += (s := "again")
    u = "u"

    def bump() -> str:
        nonlocal u
        u = "v"
        return "w"

    u += bump()
    v = [1]
    v += [2]
    return s + u + str(v)
