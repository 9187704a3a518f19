// SPDX-License-Identifier: MIT
// Feature detection: which opcodes a kernel supports (IORING_REGISTER_PROBE,
// Linux 5.6+) and, on Linux 6.18+, everything at once without a ring
// (IORING_REGISTER_QUERY). Ring::features() gives the IORING_FEAT_* bits.
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

/// The answer of IORING_REGISTER_PROBE: io_uring_probe's fields, then room
/// for one entry per opcode. Held by value (2 KiB), so there is nothing to
/// free; its fields are named as liburing's `struct io_uring_probe*`'s.
struct Probe {
  static constexpr unsigned kMaxOps = 256;
  uint8_t last_op;  // last opcode the kernel knows
  uint8_t ops_len;  // entries of ops[] filled in
  uint16_t resv;
  uint32_t resv2[3];
  io_uring_probe_op ops[kMaxOps];

  /// True when the kernel supports opcode `op`.
  /// Matches io_uring_opcode_supported() in liburing. Available since Linux 5.6.
  [[nodiscard]] bool op_supported(unsigned op) const noexcept {
    return op <= last_op && op < ops_len && (ops[op].flags & IO_URING_OP_SUPPORTED) != 0;
  }
};
static_assert(offsetof(Probe, ops_len) == offsetof(io_uring_probe, ops_len));
static_assert(offsetof(Probe, ops) == offsetof(io_uring_probe, ops));

/// True when `probe` says opcode `op` is supported.
/// Matches io_uring_opcode_supported() in liburing. Available since Linux 5.6.
[[nodiscard]] inline bool opcode_supported(const Probe& probe, unsigned op) noexcept {
  return probe.op_supported(op);
}

/// Fills `p` (a zeroed io_uring_probe followed by room for `nr_ops` entries)
/// with the opcodes the kernel supports. Errors: einval (memory not zeroed,
/// kernel before 5.6), efault. Matches io_uring_register_probe() in liburing.
/// Available since Linux 5.6.
inline Result<void> register_probe(Ring& ring, io_uring_probe* p, unsigned nr_ops) noexcept {
  FRING_TRY(ring.register_op(IORING_REGISTER_PROBE, p, nr_ops));
  return {};
}

/// Probes the opcodes of `ring`'s kernel. Errors: as register_probe().
/// Matches io_uring_get_probe_ring() in liburing (which returns a malloc'ed
/// probe). Available since Linux 5.6.
inline Result<Probe> get_probe_ring(Ring& ring) noexcept {
  Probe probe{};
  // The kernel writes an io_uring_probe and its ops there: same layout.
  FRING_TRY(register_probe(ring, reinterpret_cast<io_uring_probe*>(&probe), Probe::kMaxOps));
  return probe;
}

/// Probes the kernel's opcodes with a short-lived ring. Errors: as
/// Ring::queue_init() and register_probe(). Matches io_uring_get_probe() in
/// liburing. Available since Linux 5.6.
inline Result<Probe> get_probe() noexcept {
  FRING_TRY_ASSIGN(Ring ring, Ring::queue_init(2));
  return get_probe_ring(ring);
}

/// Runs the chain of queries starting at `query` (IORING_REGISTER_QUERY with
/// fd -1: no ring needed); each header's `result` gets the kernel's answer.
/// Errors: einval before Linux 6.18 (no such register op), efault.
/// Matches io_uring_register_query() in liburing. Available since Linux 6.18.
inline Result<void> register_query(io_uring_query_hdr* query) noexcept {
  return status_from(sys::io_uring_register(-1, IORING_REGISTER_QUERY, query, 0));
}

/// Asks the kernel, without a ring, how many opcodes, register operations
/// and query operations it has and which setup, enter, SQE and feature flags
/// it accepts. Errors: einval before Linux 6.18; the query's own -errno.
/// No liburing helper (it wraps io_uring_register_query()). Linux 6.18.
inline Result<io_uring_query_opcode> query_opcodes() noexcept {
  io_uring_query_opcode answer{};
  io_uring_query_hdr hdr{};
  hdr.query_data = reinterpret_cast<uintptr_t>(&answer);
  hdr.query_op = IO_URING_QUERY_OPCODES;
  hdr.size = sizeof(answer);
  FRING_TRY(register_query(&hdr));
  if (hdr.result < 0) return static_cast<Errno>(-hdr.result);
  return answer;
}

}  // namespace fring

#endif  // FRING_CORE_PROBE_H
