# opt/loops.cpp: interrupts (which loops check for Ctrl-C, and how) and iteration's
# reserve (a range loop that only appends sizes its list first).
# RUN: %pyrite ir %s --print-after interrupts | FileCheck %s --check-prefix=IR
# RUN: %pyrite cpp %s | FileCheck %s --check-prefix=CPP
from pyrite import accelerate


@accelerate
def total(n: int) -> int:
    # an innermost unit-step range loop: chunks of 65,536 iterations, a check between them,
    # and the chunk itself a plain counted loop (vectorizable)
    # IR-LABEL: def @total
    # IR: check-interrupt every 65536 iterations
    # IR-NEXT: for %i in range
    # CPP-LABEL: static pyrite::i64 f0_total({{.*}}) {
    # CPP: const pyrite::i64 first_0 = INT64_C(0);
    # CPP-NEXT: const pyrite::i64 last_0 = v_n;
    # CPP-NEXT: for (pyrite::i64 chunk_0 = first_0; chunk_0 < last_0; pyrite::check_interrupt()) {
    # CPP-NEXT: const pyrite::i64 start_0 = chunk_0;
    # CPP-NEXT: const pyrite::i64 stop_0 = pyrite::chunk_end(chunk_0, last_0);
    # CPP-NEXT: chunk_0 = stop_0;
    # (each chunk runs int-ranges' copy, t += i unchecked, where its guards hold: opt/ranges.py)
    # CPP-NEXT: if ({{.*}}start_0 >= INT64_C({{.*}}) && stop_0 <= INT64_C({{.*}})) {
    # CPP-NEXT: for (pyrite::i64 i_0 = start_0; i_0 < stop_0; ++i_0) {
    # CPP-NOT: check_interrupt
    # CPP: return
    t = 0
    for i in range(n):
        t += i
    return t


@accelerate
def first(xs: list[int], k: int) -> int:
    # a break leaves both loops of a chunked loop: a goto past them
    # CPP-LABEL: static pyrite::i64 f1_first({{.*}}) {
    # CPP: goto break_0;
    # CPP: break_0:;
    j = -1
    for i in range(len(xs)):
        if xs[i] == k:
            j = i
            break
    return j


@accelerate
def nested(n: int, rows: list[list[int]]) -> int:
    # the outer loop checks each iteration; the inner one, in chunks, and a range of one chunk or
    # less (a short inner loop, the common case) runs as a plain loop, which the outer loop's check
    # covers: no chunks' bookkeeping around a few iterations
    # IR-LABEL: def @nested
    # IR: check-interrupt
    # IR-NEXT: for %i in range
    # IR-NEXT: check-interrupt every 65536 iterations (fewer: none)
    # IR-NEXT: for %j in range
    # CPP-LABEL: static pyrite::i64 f2_nested({{.*}}) {
    # CPP: pyrite::check_interrupt();
    # CPP: const pyrite::i64 first_1 = INT64_C(0);
    # CPP-NEXT: const pyrite::i64 last_1 = v_n;
    # CPP-NEXT: #ifndef PYRITE_QUICK
    # CPP-NEXT: if (PYRITE_LIKELY(static_cast<std::uint64_t>(last_1) - static_cast<std::uint64_t>(first_1) <= pyrite::kChunk)) {
    # CPP-NEXT: const pyrite::i64 start_1 = first_1;
    # CPP-NEXT: const pyrite::i64 stop_1 = last_1;
    # (else, the chunks: the quick tier's build compiles them alone, as fast a loop)
    # CPP: {{^ *}}} else{{$}}
    # CPP-NEXT: #endif
    # CPP-NEXT: {
    # CPP-NEXT: for (pyrite::i64 chunk_1 = first_1; chunk_1 < last_1; pyrite::check_interrupt()) {
    # a loop over a list it cannot grow checks on each item when a loop inside runs so
    # IR: check-interrupt
    # IR-NEXT: for %row in %rows
    # IR-NEXT: check-interrupt every 65536 iterations (fewer: none)
    t = 0
    for i in range(n):
        for j in range(n):
            t += i ^ j
    for row in rows:
        for k in range(len(row)):
            t += row[k]
    return t


@accelerate
def grows(xs: list[int]) -> int:
    # a body that can grow the list it walks may run for ever: it checks each item;
    # one that cannot does not check at all
    # IR-LABEL: def @grows
    # IR: check-interrupt
    # IR-NEXT: for %x in %xs
    # IR-NOT: check-interrupt
    # IR: for %y in %xs
    for x in xs:
        if x > 0:
            xs.append(x - 1)
    s = 0
    for y in xs:
        s += y
    return s


@accelerate
def table(n: int, m: int) -> list[int]:
    # IR-LABEL: def @table
    # IR: reserve %out
    # IR-NEXT: for %i in range(%n:int, %m:int, 2:int):
    # the item can raise (ZeroDivisionError), before CPython's list could run out of memory: a
    # hint, which a size that cannot be had does not fail
    # IR: reserve-hint %out
    # IR-NEXT: for %k in range(0:int, %n:int):
    # IR: return
    # CPP-LABEL: static pyrite::List<pyrite::i64> f4_table({{.*}}) {
    # CPP: v_out.reserve_more(pyrite::range_len(start_{{[0-9]+}}, stop_{{[0-9]+}}, step_{{[0-9]+}}));
    # CPP: v_out.reserve_hint(pyrite::range_len(first_{{[0-9]+}}, last_{{[0-9]+}}, 1));
    out = [0]
    for i in range(n, m, 2):
        out.append(i * i)
    for k in range(n):
        out.append(10 // k)
    return out
