# re.Pattern and re.Match (TypeKind::Pattern, Match: runtime/include/pyrite/re.hpp): re.search
# gives a re.Match | None, narrowed by `if (m := ...) is not None:`; m[g] and a match's attributes
# are calls of re.hpp's builtins ("re.Match:string" reads the attribute).
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
import re

from pyrite import accelerate


@accelerate
def first_number(lines: list[str]) -> int:
    # CHECK-LABEL: def @first_number
    # CHECK: local %p: re.Pattern
    # CHECK: local %m: re.Match | None
    # CHECK: %p = (builtin re.compile "(\\d+)":str):re.Pattern
    # CHECK: (block %m {  %m = (method search %p:re.Pattern %line:str):re.Match | None }):re.Match | None isnot None
    # CHECK: (method __getitem__ %m!:re.Match 1:int):str
    # CHECK: (builtin re.Match:string %m!:re.Match):str
    # CPP-LABEL: first_number
    # CPP: pyrite::re::Pattern v_p
    # CPP: std::optional<pyrite::re::Match> v_m
    # CPP: v_m = pyrite::re::search(v_p, v_line, 0, 9223372036854775807)
    # CPP: pyrite::re::getitem(pyrite::unwrap({{.*}}), INT64_C(1))
    p = re.compile(r"(\d+)")
    for line in lines:
        if (m := p.search(line)) is not None:
            return int(m[1]) + len(m.string)
    return -1
