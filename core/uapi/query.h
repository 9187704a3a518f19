// SPDX-License-Identifier: MIT
// The reg_op::query interface of include/uapi/linux/io_uring/query.h (Linux
// 6.18+), with the kernel's values in fring's names (core/uapi/io_uring.h
// says how). Linux 7.2 answers four query ops; query_op::zcrx_notif (3) is
// newer than liburing 2.15's copy.
#ifndef FRING_CORE_UAPI_QUERY_H
#define FRING_CORE_UAPI_QUERY_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// struct io_uring_query_hdr: one query in a chain passed to reg_op::query
/// (fd -1, nr_args 0).
struct QueryHdr {
  uint64_t next_entry;  // next QueryHdr*, or 0
  uint64_t query_data;  // the op's answer struct
  uint32_t query_op;    // a query_op value
  uint32_t size;        // size of the answer struct
  int32_t result;       // written by the kernel: 0 or -errno
  uint32_t resv[3];
};

/// Query ops (QueryHdr->query_op).
namespace query_op {
/// IO_URING_QUERY_OPCODES: a QueryOpcode; needs no ring (Linux 6.18)
inline constexpr uint32_t opcodes = 0;
/// IO_URING_QUERY_ZCRX: a QueryZcrx (Linux 6.19)
inline constexpr uint32_t zcrx = 1;
/// IO_URING_QUERY_SCQ: a QueryScq (Linux 6.19)
inline constexpr uint32_t scq = 2;
/// IO_URING_QUERY_ZCRX_EVENT: a QueryZcrxEvent (Linux 7.1)
inline constexpr uint32_t zcrx_event = 3;
/// __IO_URING_QUERY_MAX: the number of query ops
inline constexpr uint32_t max = 4;
}  // namespace query_op

/// struct io_uring_query_opcode: the answer of query_op::opcodes.
struct QueryOpcode {
  uint32_t nr_request_opcodes;   // supported op:: count
  uint32_t nr_register_opcodes;  // supported reg_op:: count
  uint64_t feature_flags;        // feat:: mask
  uint64_t ring_setup_flags;     // setup:: mask
  uint64_t enter_flags;          // enter:: mask
  uint64_t sqe_flags;            // sqe_flag:: mask
  uint32_t nr_query_opcodes;     // available query ops
  uint32_t pad;
};

/// struct io_uring_query_zcrx: the answer of query_op::zcrx.
struct QueryZcrx {
  uint64_t register_flags;  // zcrx_reg:: mask
  uint64_t area_flags;      // zcrx_area:: mask
  uint32_t nr_ctrl_opcodes;
  uint32_t features;  // zcrx_feature:: mask
  uint32_t rq_hdr_size;
  uint32_t rq_hdr_alignment;
  uint64_t resv2;
};

/// struct io_uring_query_zcrx_event: the answer of query_op::zcrx_event.
struct QueryZcrxEvent {
  uint32_t event_flags;          // zcrx_event bits the kernel posts
  uint32_t stats_size;           // sizeof(ZcrxStats)
  uint32_t stats_off_alignment;  // ZcrxEventDesc::stats_offset's alignment
  uint32_t resv1;
  uint64_t resv2[4];
};

/// struct io_uring_query_scq: the answer of query_op::scq.
struct QueryScq {
  uint64_t hdr_size;  // SQ/CQ ring header size
  uint64_t hdr_alignment;
};

static_assert(sizeof(QueryHdr) == 40);
static_assert(offsetof(QueryHdr, result) == 24);
static_assert(sizeof(QueryOpcode) == 48);
static_assert(offsetof(QueryOpcode, nr_query_opcodes) == 40);
static_assert(sizeof(QueryZcrx) == 40);
static_assert(sizeof(QueryZcrxEvent) == 48);
static_assert(sizeof(QueryScq) == 16);

}  // namespace fring

#endif  // FRING_CORE_UAPI_QUERY_H
