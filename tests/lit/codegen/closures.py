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

# CPP: static inline pyrite::none_t [[ADD:f[0-9]+_add]](pyrite::i64 v_k, pyrite::i64& v_total, pyrite::i64 v_x);
# CPP: static inline pyrite::i64 [[SEEN:f[0-9]+_seen]](pyrite::i64& v_total);
# CPP: v_add = pyrite::Fn<{{[0-9]+}}, pyrite::i64, pyrite::i64*>{{[{][{]}}v_k, &v_total{{[}][}]}};
# CPP: (void)[[ADD]](std::get<0>(v_add.captured), (*std::get<1>(v_add.captured)), v_x);
# CPP: return [[SEEN]]((*std::get<0>(v_seen.captured)));


# A value that may hold one of several functions is a std::variant of their Fns; a call is one
# call per function, the one for what it holds chosen by an if per function (CallEach). A function that only
# raises gives no result to the join.
@accelerate
def g(name: str, a: int, b: int) -> int:
    def fail(x, y):
        raise ValueError(name)

    ops = {"add": lambda x, y: x + y, "sub": lambda x, y: x - y, "fail": fail}
    return ops[name](a, b)

# IR-LABEL: def @g(%name: str, %a: int, %b: int) -> int:
# IR: local %ops: dict[str, function fail | function <lambda> | function <lambda>]
# IR: %$[[T:[0-9]+]] = (index %ops:{{.*}} %name:str):function fail | function <lambda> | function <lambda>;
# IR-SAME: (calleach %$[[T]]:{{.*}} (call @g.<locals>.fail (capture (alt %$[[T]]:{{.*}} 0):function fail 0):str %a:int %b:int):None (call @g.<locals>.<lambda> %a:int %b:int):int (call @g.<locals>.<lambda> %a:int %b:int):int):int

# CPP: pyrite::Dict<pyrite::Str, std::variant<pyrite::Fn<{{[0-9]+}}, pyrite::Str>, pyrite::Fn<{{[0-9]+}}>, pyrite::Fn<{{[0-9]+}}>>> v_ops{};
# CPP: if ([[T:t_[0-9]+]].index() == 0) { (void){{f[0-9]+}}_fail(std::get<0>(std::get<0>([[T]]).captured), v_a, v_b); __builtin_unreachable(); } if ([[T]].index() == 1) return {{f[0-9]+}}__x3Clambda_x3E(v_a, v_b); return {{f[0-9]+}}__x3Clambda_x3E(v_a, v_b); }();

# A closure that outlives its maker (returned) and rebinds the maker's variable: the variable lives
# in a shared heap cell (pyrite::Cell), the maker's own reads and writes go through a reference into
# it, and the function value holds the cell, not a pointer (typeinfer's check_function_escapes)
def make_counter(start: int):
    count = start

    def inc() -> int:
        nonlocal count
        count += 1
        return count

    return inc


@accelerate
def counted(n: int) -> int:
    c = make_counter(n)
    c()
    return c()

# IR-LABEL: def @make_counter(%start: int) -> function inc:
# IR: local %count: int (cell)
# IR: %inc = (function @make_counter.<locals>.inc cell %count:int):function inc

# CPP: static pyrite::Fn<[[INC:[0-9]+]], pyrite::Cell<pyrite::i64>> {{f[0-9]+}}_make_counter(pyrite::i64 v_start) {
# CPP: auto cell_count = std::make_shared<pyrite::i64>();
# CPP-NEXT: pyrite::i64& v_count = *cell_count;  // count
# CPP: v_inc = pyrite::Fn<[[INC]], pyrite::Cell<pyrite::i64>>{{[{][{]}}cell_count{{[}][}]}};


# the nested functions, after the module's own
# IR: def @f.<locals>.add(%k: int, %total: int, %x: int) -> None:
# IR-NEXT: %total = (add %total:int (mul %x:int %k:int):int):int
# CPP: static pyrite::none_t [[ADD]](pyrite::i64 v_k, pyrite::i64& v_total, pyrite::i64 v_x) {
# CPP: v_total = pyrite::add(v_total, pyrite::mul(v_x, v_k));

