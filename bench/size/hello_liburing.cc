// SPDX-License-Identifier: MIT
// The minimal no-libc hello on liburing (the system's liburing.a): the same
// program as hello_fring.cc. Debian builds liburing.a with the stack
// protector and with its probe functions (calloc/free) in the same object as
// io_uring_queue_init, so without libc it needs what libc would give it:
// a thread pointer for the stack canary at %fs:0x28, __stack_chk_fail, and
// calloc/free (never called here). They count towards its size.
#include <liburing.h>

#include "fring/arch/start.h"
#include "fring/arch/syscall.h"

namespace {
constexpr char kLine[] = "hello from io_uring\n";
constexpr unsigned kLen = sizeof(kLine) - 1;
constexpr long kNrArchPrctl = 158, kArchSetFs = 0x1002;

// The thread control block %fs points at: word 0 points at itself (the x86_64
// TLS ABI), the canary sits at offset 0x28.
unsigned long tcb[8];
}  // namespace

extern "C" {
[[noreturn]] void __stack_chk_fail() { __builtin_trap(); }
void* calloc(size_t, size_t) { return nullptr; }
void free(void*) {}
}

extern "C" int fring_main(int, char**, char**) {
  tcb[0] = reinterpret_cast<unsigned long>(tcb);
  tcb[5] = 0x2f8d3a1c5b6e7f90UL;  // the canary
  if (fring::arch::syscall2(kNrArchPrctl, kArchSetFs, reinterpret_cast<long>(tcb)) != 0) return 1;
  io_uring ring;
  if (io_uring_queue_init(4, &ring, 0) < 0) return 1;
  io_uring_sqe* sqe = io_uring_get_sqe(&ring);
  io_uring_prep_write(sqe, 1, kLine, kLen, ~0ULL);  // ~0: the file's current position
  int status = 1;
  io_uring_cqe* cqe;
  if (io_uring_submit_and_wait(&ring, 1) >= 0 && io_uring_wait_cqe(&ring, &cqe) == 0) {
    status = cqe->res == static_cast<int>(kLen) ? 0 : 1;
    io_uring_cqe_seen(&ring, cqe);
  }
  io_uring_queue_exit(&ring);
  return status;
}
