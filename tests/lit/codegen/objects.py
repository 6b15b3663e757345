# An `object` (TypeKind::Boxed: parsed JSON from Python, or a dict display's values of several
# types): isinstance() asks what it holds at run time (boxed_is), and where it holds, the variable is
# read as that type (a typed path of typeinfer's narrowing; codegen's unbox). int narrows only an
# object that cannot hold a bool (one from Python may: it is converted, int(x), not narrowed).
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


@accelerate
def tally(rows: list[dict[str, object]]) -> float:
    total = 0.0
    for r in rows:
        tags = r["tags"]
        if isinstance(tags, list):
            tags.append("seen")
        score = r["score"]
        if isinstance(score, float):
            total += score
        elif isinstance(score, int):
            total += int(score)
    return total


# IR: def @tally(%rows: list[dict[str, object]]) -> float:
# IR: if (intrinsic isinstance %tags:object list):bool:
# IR-NEXT: (method append %tags!:list[object] "seen":str):None
# IR: %total = (add %total:float %score!:float):float
# IR: %total = (add %total:float (builtin int %score:object):int):float

# CHECK: pyrite::boxed_is(v_tags, "list")
# CHECK: pyrite::unbox<pyrite::List<pyrite::Boxed>>(v_tags).append(
# CHECK: pyrite::boxed_is(v_score, "float")
# CHECK: pyrite::unbox<double>(v_score)
# CHECK-NOT: unbox<pyrite::i64>
