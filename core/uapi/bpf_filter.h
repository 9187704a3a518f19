// SPDX-License-Identifier: MIT
// The reg_op::bpf_filter interface of include/uapi/linux/io_uring/bpf_filter.h
// (Linux 7.0), with the kernel's values in fring's names (core/uapi/io_uring.h
// says how).
#ifndef FRING_CORE_UAPI_BPF_FILTER_H
#define FRING_CORE_UAPI_BPF_FILTER_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// struct io_uring_bpf_ctx: the context a filter program sees for each
/// request.
struct BpfCtx {
  uint64_t user_data;
  uint8_t opcode;
  uint8_t sqe_flags;
  uint8_t pdu_size;  // size of the op-specific data below
  uint8_t pad[5];
  __extension__ union {
    struct {
      uint32_t family;
      uint32_t type;
      uint32_t protocol;
    } socket;
    struct {
      uint64_t flags;
      uint64_t mode;
      uint64_t resolve;
    } open;
  };
};

/// BpfFilter->flags.
namespace bpf_filter_flag {
/// IO_URING_BPF_FILTER_DENY_REST: deny every opcode without a filter
inline constexpr uint32_t deny_rest = 1;
/// IO_URING_BPF_FILTER_SZ_STRICT: fail on a pdu_size mismatch
inline constexpr uint32_t sz_strict = 2;
}  // namespace bpf_filter_flag

/// struct io_uring_bpf_filter: one filter, a classic BPF program for one
/// opcode.
struct BpfFilter {
  uint32_t opcode;
  uint32_t flags;       // bpf_filter_flag bits
  uint32_t filter_len;  // number of BPF instructions
  uint8_t pdu_size;     // expected pdu size for the opcode
  uint8_t resv[3];
  uint64_t filter_ptr;  // SockFilter*
  uint64_t resv2[5];
};

/// Bpf->cmd_type values.
namespace bpf_cmd {
/// IO_URING_BPF_CMD_FILTER: install a BpfFilter
inline constexpr uint16_t filter = 1;
}  // namespace bpf_cmd

/// struct io_uring_bpf: the argument of reg_op::bpf_filter.
struct Bpf {
  uint16_t cmd_type;  // a bpf_cmd value
  uint16_t cmd_flags;
  uint32_t resv;
  union {
    BpfFilter filter;
  };
};

static_assert(sizeof(BpfCtx) == 40);
static_assert(offsetof(BpfCtx, socket) == 16);
static_assert(sizeof(BpfFilter) == 64);
static_assert(sizeof(Bpf) == 72);

}  // namespace fring

#endif  // FRING_CORE_UAPI_BPF_FILTER_H
