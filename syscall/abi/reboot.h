// SPDX-License-Identifier: MIT
// The commands of reboot(2) and the magic numbers it checks
// (linux/reboot.h), in fring's form (docs/contributing.md, "Names"). A
// program that runs as PID 1 powers the machine off with them
// (examples/hello).
#ifndef FRING_SYSCALL_ABI_REBOOT_H
#define FRING_SYSCALL_ABI_REBOOT_H

namespace fring {

/// The two numbers reboot(2) requires before its command (sys::reboot()
/// passes them).
namespace reboot_magic {
/// LINUX_REBOOT_MAGIC1
inline constexpr unsigned magic1 = 0xfee1dead;
/// LINUX_REBOOT_MAGIC2
inline constexpr unsigned magic2 = 672274793;
}  // namespace reboot_magic

/// The commands of reboot(2) (CAP_SYS_BOOT).
namespace reboot_cmd {
/// LINUX_REBOOT_CMD_RESTART: restart the machine.
inline constexpr unsigned restart = 0x01234567;
/// LINUX_REBOOT_CMD_HALT: halt the machine.
inline constexpr unsigned halt = 0xcdef0123;
/// LINUX_REBOOT_CMD_POWER_OFF: power the machine off.
inline constexpr unsigned power_off = 0x4321fedc;
/// LINUX_REBOOT_CMD_CAD_ON: Ctrl-Alt-Del restarts at once.
inline constexpr unsigned cad_on = 0x89abcdef;
/// LINUX_REBOOT_CMD_CAD_OFF: Ctrl-Alt-Del sends SIGINT to PID 1.
inline constexpr unsigned cad_off = 0x00000000;
}  // namespace reboot_cmd

}  // namespace fring

#endif  // FRING_SYSCALL_ABI_REBOOT_H
