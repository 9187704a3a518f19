// SPDX-License-Identifier: MIT
// The IORING_REGISTER_BPF_FILTER interface of
// include/uapi/linux/io_uring/bpf_filter.h (Linux 7.x), with the kernel's
// names and values.
#ifndef FRING_CORE_UAPI_BPF_FILTER_H
#define FRING_CORE_UAPI_BPF_FILTER_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// The context a filter program sees for each request.
struct io_uring_bpf_ctx {
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

// io_uring_bpf_filter->flags
enum : uint32_t {
  IO_URING_BPF_FILTER_DENY_REST = 1,  // deny every opcode without a filter
  IO_URING_BPF_FILTER_SZ_STRICT = 2,  // fail on a pdu_size mismatch
};

/// One filter: a classic BPF program for one opcode.
struct io_uring_bpf_filter {
  uint32_t opcode;
  uint32_t flags;
  uint32_t filter_len;  // number of BPF instructions
  uint8_t pdu_size;     // expected pdu size for the opcode
  uint8_t resv[3];
  uint64_t filter_ptr;  // struct sock_filter*
  uint64_t resv2[5];
};

// io_uring_bpf->cmd_type
enum : uint16_t {
  IO_URING_BPF_CMD_FILTER = 1,
};

/// Argument of IORING_REGISTER_BPF_FILTER.
struct io_uring_bpf {
  uint16_t cmd_type;   // IO_URING_BPF_CMD_*
  uint16_t cmd_flags;
  uint32_t resv;
  union {
    io_uring_bpf_filter filter;
  };
};

static_assert(sizeof(io_uring_bpf_ctx) == 40);
static_assert(offsetof(io_uring_bpf_ctx, socket) == 16);
static_assert(sizeof(io_uring_bpf_filter) == 64);
static_assert(sizeof(io_uring_bpf) == 72);

}  // namespace fring

#endif  // FRING_CORE_UAPI_BPF_FILTER_H
