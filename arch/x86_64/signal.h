// SPDX-License-Identifier: MIT
// The signal return of x86_64. A handler returns into the address the
// kernel pushed as its return address, sa_restorer, which must call
// rt_sigreturn (syscall 15) with the stack as the kernel left it: the kernel
// refuses to deliver a signal whose action names no restorer (SA_RESTORER),
// and libc's sigaction() always supplies its own. aarch64 and riscv64 need
// none: their kernels return through the vDSO. Reached through
// fring/arch/signal.h.
#ifndef FRING_ARCH_X86_64_SIGNAL_H
#define FRING_ARCH_X86_64_SIGNAL_H

namespace fring::arch {

/// The restorer sys::rt_sigaction() gives the kernel on x86_64: rt_sigreturn
/// with the signal frame untouched (naked: no prologue may move the stack).
/// Never called by fring code. No liburing equivalent (libc's __restore_rt).
/// Any kernel.
[[gnu::naked]] inline void restore_rt() noexcept {
  asm("mov $15, %eax\n\t"  // rt_sigreturn
      "syscall\n\t"
      "hlt");
}

}  // namespace fring::arch

#endif  // FRING_ARCH_X86_64_SIGNAL_H
