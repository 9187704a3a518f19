// SPDX-License-Identifier: MIT
// The IORING_REGISTER_QUERY interface of include/uapi/linux/io_uring/query.h
// (Linux 6.18+), with the kernel's names and values. Linux 7.2 answers four
// query ops; ZCRX_NOTIF (3) is newer than liburing 2.15's copy.
#ifndef FRING_CORE_UAPI_QUERY_H
#define FRING_CORE_UAPI_QUERY_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// One query in a chain passed to IORING_REGISTER_QUERY (fd -1, nr_args 0).
struct io_uring_query_hdr {
  uint64_t next_entry;  // next io_uring_query_hdr*, or 0
  uint64_t query_data;  // the op's answer struct
  uint32_t query_op;    // IO_URING_QUERY_*
  uint32_t size;        // size of the answer struct
  int32_t result;       // written by the kernel: 0 or -errno
  uint32_t __resv[3];
};

/// Query ops.
enum : uint32_t {
  IO_URING_QUERY_OPCODES = 0,
  IO_URING_QUERY_ZCRX = 1,
  IO_URING_QUERY_SCQ = 2,
  IO_URING_QUERY_ZCRX_NOTIF = 3,
  __IO_URING_QUERY_MAX,
};

/// Answer of IO_URING_QUERY_OPCODES (needs no ring: fd -1).
struct io_uring_query_opcode {
  uint32_t nr_request_opcodes;   // supported IORING_OP_* count
  uint32_t nr_register_opcodes;  // supported IORING_[UN]REGISTER_* count
  uint64_t feature_flags;        // IORING_FEAT_* mask
  uint64_t ring_setup_flags;     // IORING_SETUP_* mask
  uint64_t enter_flags;          // IORING_ENTER_* mask
  uint64_t sqe_flags;            // IOSQE_* mask
  uint32_t nr_query_opcodes;     // available query ops
  uint32_t __pad;
};

/// Answer of IO_URING_QUERY_ZCRX.
struct io_uring_query_zcrx {
  uint64_t register_flags;  // ZCRX_REG_* mask
  uint64_t area_flags;      // IORING_ZCRX_AREA_* mask
  uint32_t nr_ctrl_opcodes;
  uint32_t features;        // ZCRX_FEATURE_* mask
  uint32_t rq_hdr_size;
  uint32_t rq_hdr_alignment;
  uint64_t __resv2;
};

/// Answer of IO_URING_QUERY_ZCRX_NOTIF.
struct io_uring_query_zcrx_notif {
  uint32_t notif_flags;
  uint32_t notif_stats_size;
  uint32_t notif_stats_off_alignment;
  uint32_t __resv1;
  uint64_t __resv2[4];
};

/// Answer of IO_URING_QUERY_SCQ.
struct io_uring_query_scq {
  uint64_t hdr_size;       // SQ/CQ ring header size
  uint64_t hdr_alignment;
};

static_assert(sizeof(io_uring_query_hdr) == 40);
static_assert(offsetof(io_uring_query_hdr, result) == 24);
static_assert(sizeof(io_uring_query_opcode) == 48);
static_assert(offsetof(io_uring_query_opcode, nr_query_opcodes) == 40);
static_assert(sizeof(io_uring_query_zcrx) == 40);
static_assert(sizeof(io_uring_query_zcrx_notif) == 48);
static_assert(sizeof(io_uring_query_scq) == 16);

}  // namespace fring

#endif  // FRING_CORE_UAPI_QUERY_H
