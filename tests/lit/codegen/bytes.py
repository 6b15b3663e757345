# bytes: a literal is b"..." in the IR and a shared PYRITE_BYTES constant in C++; b[i] is an int
# (Bytes::get), + is bytes.hpp's concat, and a method is a PYRITE_BUILTIN taking the bytes first.
# RUN: %pyrite ir %s --print-after typeinfer | FileCheck %s --check-prefix=TYPED
# RUN: %pyrite cpp %s | FileCheck %s
from pyrite import accelerate

# CHECK: #include <pyrite/bytes.hpp>


@accelerate
def frame(payload: bytes) -> bytes:
    # TYPED: def @frame(%payload: bytes) -> bytes:
    # TYPED: (add (add b"\x02":bytes %payload:bytes):bytes b"\x03\"":bytes):bytes
    # CHECK: pyrite::concat(pyrite::concat(PYRITE_BYTES("\002"), v_payload), PYRITE_BYTES("\003\""))
    return b"\x02" + payload + b'\x03"'


@accelerate
def checksum(data: bytes) -> int:
    # TYPED: (index %data:bytes %i:int):int
    # CHECK: v_data.get(
    total = 0
    for i in range(len(data)):
        total = (total + data[i]) % 256
    return total


@accelerate
def text(data: bytes) -> str:
    # CHECK: pyrite::bytes_decode(v_data, PYRITE_STR("latin-1"))
    return data.decode("latin-1")
