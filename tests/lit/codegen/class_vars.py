# A class variable (frontend/lower_class_vars.cpp) is an ir::Global owned by its class: read from the
# class object at each call (load_class_var), stored back into it where the call changed it (a
# scalar: store_class_var, given the value read; a list: the boundary's write-back), and left out of
# the class's check, which compares the rest of its __dict__ with the class as compiled.
# RUN: %pyrite ir %s --print-after typeinfer --verify | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate


class Ticket:
    issued = 0
    sold: list[str] = []

    def __init__(self, kind: str):
        Ticket.issued += 1
        self.number = self.issued
        self.sold.append(kind)


# IR: global class_vars.Ticket.issued: int
# IR: global class_vars.Ticket.sold: list[str]
# IR: def @Ticket.__init__(
# IR-NEXT: (global @Ticket.issued):int = (add (global @Ticket.issued):int 1:int):int
# IR-NEXT: (attr %self:Ticket number):int = (global @Ticket.issued):int
# IR-NEXT: (method append (global @Ticket.sold):list[str] %kind:str):None


@accelerate
def sell(kinds: list[str]) -> int:
    for k in kinds:
        Ticket(k)
    return Ticket.issued


# CHECK: static constexpr const char* class_vars[] = {"issued", "sold", nullptr};
# CHECK: PyObject* py_{{.*}}sell(
# CHECK: pyrite::capi::load_class_var([[T:.*]]::py_type, &pyrite_global_0, {.func = "sell", .param = "issued"
# CHECK: const pyrite::i64 pyrite_global_0_loaded = pyrite_global_0;
# CHECK: pyrite::capi::load_class_var([[T]]::py_type, &pyrite_global_1, {.func = "sell", .param = "sold"
# CHECK-NOT: pyrite_global_1_loaded
# CHECK: pyrite::capi::store_class_var([[T]]::py_type, "issued", pyrite_global_0_loaded, pyrite_global_0)
# CHECK-NOT: store_class_var
# CHECK: boundary.write_back()
