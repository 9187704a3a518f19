// SPDX-License-Identifier: MIT
// BPF filters: classic BPF programs that the kernel runs on each request of
// a given opcode before issuing it; a program returning 0 denies the request,
// which then completes with -EACCES. Filters attach to one ring or to the
// calling task (and everything it forks), and can only be added, never
// removed.
#ifndef FRING_CORE_REGISTER_BPF_H
#define FRING_CORE_REGISTER_BPF_H

#include "fring/core/ring.h"
#include "fring/core/uapi/bpf_filter.h"
#include "fring/syscall/syscall.h"

namespace fring {

/// Attaches the filter in `bpf` (cmd_type bpf_cmd::filter; in
/// `bpf->filter`: the opcode, the program as filter_ptr/filter_len of
/// struct sock_filter, flags bpf_filter_flag::deny_rest to deny every
/// opcode that has no filter) to `ring`. The program reads an
/// BpfCtx. The kernel writes the opcode's context size back to
/// `bpf->filter.pdu_size`. Errors: einval (bad command, flags, opcode,
/// program or reserved fields), emsgsize (`pdu_size` larger than the
/// kernel's, or different with bpf_filter_flag::sz_strict), enomem,
/// efault. Matches io_uring_register_bpf_filter() in liburing.
/// Available since Linux 7.0.
inline Result<void> register_bpf_filter(Ring& ring, KernelPtr<Bpf> bpf) noexcept {
  FRING_TRY(ring.register_op(reg_op::bpf_filter, bpf.get(), 1));
  return {};
}

/// Attaches the filter in `bpf` (as register_bpf_filter()) to the calling
/// task: it applies to every ring the task and its future children create,
/// for the rest of their lives. Errors: eacces (neither CAP_SYS_ADMIN nor
/// no_new_privs), plus those of register_bpf_filter(). Matches
/// io_uring_register_bpf_filter_task() in liburing. Available since Linux 7.0.
inline Result<void> register_bpf_filter_task(KernelPtr<Bpf> bpf) noexcept {
  return status_from(sys::uring_register(-1, reg_op::bpf_filter, bpf.get(), 1));
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_BPF_H
