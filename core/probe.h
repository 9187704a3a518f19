// SPDX-License-Identifier: MIT
// Feature detection: which opcodes a kernel supports (reg_op::probe,
// Linux 5.6+) and, on Linux 6.18+, everything at once without a ring
// (reg_op::query). Ring::features() gives the feat:: bits.
#ifndef FRING_CORE_PROBE_H
#define FRING_CORE_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "fring/core/result.h"
#include "fring/core/ring.h"
#include "fring/core/uapi/io_uring.h"
#include "fring/core/uapi/query.h"
#include "fring/syscall/syscall.h"

namespace fring {

/// The answer of reg_op::probe: ProbeHdr's fields, then room
/// for one entry per opcode. Held by value (2 KiB), so there is nothing to
/// free; its fields are named as liburing's `struct io_uring_probe*`'s.
struct Probe {
  static constexpr unsigned kMaxOps = 256;
  uint8_t last_op;  // last opcode the kernel knows
  uint8_t ops_len;  // entries of ops[] filled in
  uint16_t resv;
  uint32_t resv2[3];
  ProbeOp ops[kMaxOps];

  /// True when the kernel supports opcode `op`.
  /// Matches io_uring_opcode_supported() in liburing. Available since Linux 5.6.
  [[nodiscard]] bool op_supported(unsigned op) const noexcept {
    return op <= last_op && op < ops_len && (ops[op].flags & probe_flag::op_supported) != 0;
  }
};
static_assert(offsetof(Probe, ops_len) == offsetof(ProbeHdr, ops_len));
static_assert(offsetof(Probe, ops) == sizeof(ProbeHdr));

/// True when `probe` says opcode `op` is supported.
/// Matches io_uring_opcode_supported() in liburing. Available since Linux 5.6.
[[nodiscard]] inline bool opcode_supported(const Probe& probe, unsigned op) noexcept {
  return probe.op_supported(op);
}

/// Fills `p` (a zeroed ProbeHdr followed by room for `nr_ops` entries)
/// with the opcodes the kernel supports. Errors: einval (memory not zeroed,
/// kernel before 5.6), efault. Matches io_uring_register_probe() in liburing.
/// Available since Linux 5.6.
inline Result<void> register_probe(Ring& ring, KernelPtr<ProbeHdr> p, unsigned nr_ops) noexcept {
  FRING_TRY(ring.register_op(reg_op::probe, p.get(), nr_ops));
  return {};
}

/// Probes the opcodes of `ring`'s kernel. Errors: as register_probe().
/// Matches io_uring_get_probe_ring() in liburing (which returns a malloc'ed
/// probe). Available since Linux 5.6.
inline Result<Probe> get_probe_ring(Ring& ring) noexcept {
  Probe probe{};
  // The kernel writes a ProbeHdr and its ops there: same layout.
  FRING_TRY(register_probe(ring, reinterpret_cast<ProbeHdr*>(&probe), Probe::kMaxOps));
  return probe;
}

/// Probes the kernel's opcodes with a short-lived ring. Errors: as
/// Ring::queue_init() and register_probe(). Matches io_uring_get_probe() in
/// liburing. Available since Linux 5.6.
inline Result<Probe> get_probe() noexcept {
  FRING_TRY_ASSIGN(Ring ring, Ring::queue_init(2));
  return get_probe_ring(ring);
}

/// Runs the chain of queries starting at `query` (reg_op::query with
/// fd -1: no ring needed); each header's `result` gets the kernel's answer.
/// Errors: einval before Linux 6.18 (no such register op), efault.
/// Matches io_uring_register_query() in liburing. Available since Linux 6.18.
inline Result<void> register_query(KernelPtr<QueryHdr> query) noexcept {
  return status_from(sys::uring_register(-1, reg_op::query, query.get(), 0));
}

/// Asks the kernel, without a ring, how many opcodes, register operations
/// and query operations it has and which setup, enter, SQE and feature flags
/// it accepts. Errors: einval before Linux 6.18; the query's own -errno.
/// No liburing helper (it wraps io_uring_register_query()). Linux 6.18.
inline Result<QueryOpcode> query_opcodes() noexcept {
  QueryOpcode answer{};
  QueryHdr hdr{};
  hdr.query_data = reinterpret_cast<uintptr_t>(&answer);
  hdr.query_op = query_op::opcodes;
  hdr.size = sizeof(answer);
  FRING_TRY(register_query(&hdr));
  if (hdr.result < 0) return static_cast<Errno>(-hdr.result);
  return answer;
}

}  // namespace fring

#endif  // FRING_CORE_PROBE_H
