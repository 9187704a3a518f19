// SPDX-License-Identifier: MIT
// What a test binary does when it is /init (PID 1) in a VM: set up a minimal
// system before the tests, and report and power off after them. The runner
// (tests/vm/run_vm.sh) reads the "fring-vm:" lines from the console.
#ifndef FRING_TESTS_SUPPORT_VM_INIT_H
#define FRING_TESTS_SUPPORT_VM_INIT_H

namespace fring::test::vm {

/// True when this process is PID 1, i.e. booted as /init.
bool is_init();

/// Mounts /proc, /sys, /dev (devtmpfs) and /tmp (tmpfs), brings up the
/// loopback interface and prints
/// "fring-vm: started: <release> <machine> page <size> cpus <online CPUs>".
void start();

/// Prints every kernel log line with WARNING:, BUG: or Oops as
/// "fring-vm: dmesg: ...", then "fring-vm: exit <status>", syncs and powers
/// the machine off. Never returns.
[[noreturn]] void finish(int status);

}  // namespace fring::test::vm

#endif  // FRING_TESTS_SUPPORT_VM_INIT_H
