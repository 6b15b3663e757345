# A nested def or lambda is a function of the module whose first parameters are its captures. A
# variable the enclosing function binds once is captured by value; one it rebinds, or that a nested
# function rebinds with `nonlocal`, by reference: the value (pyrite::Fn) holds a pointer to it and
# the function's parameter is a C++ reference to the variable itself, so `nonlocal` assignments
# write the enclosing function's variable and every read sees it as it is now.
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def f(xs: list[int], k: int) -> int:
    total = 0

    def add(x):
        nonlocal total
        total += x * k

    def seen():
        return total

    for x in xs:
        add(x)
    return seen()

# IR-LABEL: def @f(%xs: list[int], %k: int) -> int:
# IR: %add = (function @f.<locals>.add %k:int &%total:int):function add
# IR: %seen = (function @f.<locals>.seen &%total:int):function seen
# IR: (call @f.<locals>.add (capture %add:function add 0):int (capture %add:function add 1):int %x:int):None
# IR: def @f.<locals>.add(%k: int, %total: int, %x: int) -> None:
# IR-NEXT: %total = (add %total:int (mul %x:int %k:int):int):int

# CPP: static pyrite::none_t [[ADD:f[0-9]+_add]](pyrite::i64 v_k, pyrite::i64& v_total, pyrite::i64 v_x);
# CPP: static pyrite::i64 [[SEEN:f[0-9]+_seen]](pyrite::i64& v_total);
# CPP: v_add = pyrite::Fn<{{[0-9]+}}, pyrite::i64, pyrite::i64*>{{[{][{]}}v_k, &v_total{{[}][}]}};
# CPP: (void)[[ADD]](std::get<0>(v_add.captured), (*std::get<1>(v_add.captured)), v_x);
# CPP: return [[SEEN]]((*std::get<0>(v_seen.captured)));
# CPP: static pyrite::none_t [[ADD]](pyrite::i64 v_k, pyrite::i64& v_total, pyrite::i64 v_x) {
# CPP: v_total = pyrite::add(v_total, pyrite::mul(v_x, v_k));
