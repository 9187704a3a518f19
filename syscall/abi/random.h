// SPDX-License-Identifier: MIT
// The flags of getrandom(2) (linux/random.h, the same on x86_64, aarch64 and
// riscv64), in fring's form (docs/contributing.md, "Names").
#ifndef FRING_SYSCALL_ABI_RANDOM_H
#define FRING_SYSCALL_ABI_RANDOM_H

namespace fring {

/// The flags of getrandom(2).
namespace grnd {
/// GRND_NONBLOCK: EAGAIN rather than wait for the pool to be ready.
inline constexpr unsigned nonblock = 0x0001;
/// GRND_RANDOM: from the blocking pool (the same pool since Linux 5.6).
inline constexpr unsigned random = 0x0002;
/// GRND_INSECURE: never wait, even before the pool is ready (Linux 5.6).
inline constexpr unsigned insecure = 0x0004;
}  // namespace grnd

}  // namespace fring

#endif  // FRING_SYSCALL_ABI_RANDOM_H
