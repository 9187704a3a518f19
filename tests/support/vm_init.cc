// SPDX-License-Identifier: MIT
#include "tests/support/vm_init.h"

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <vector>

namespace fring::test::vm {
namespace {

void mount_fs(const char* type, const char* where) {
  mkdir(where, 0755);
  if (mount(type, where, type, 0, nullptr) != 0) {
    printf("fring-vm: mount %s on %s failed: %s\n", type, where, strerror(errno));
  }
}

void loopback_up() {
  const int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ifreq req{};
  strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
  if (s < 0 || ioctl(s, SIOCGIFFLAGS, &req) != 0 ||
      (req.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &req) != 0)) {
    printf("fring-vm: bringing up lo failed: %s\n", strerror(errno));
  }
  if (s >= 0) close(s);
}

// Prints the kernel log lines that mean the kernel itself misbehaved.
void report_kernel_problems() {
  const int size = klogctl(10, nullptr, 0);  // SYSLOG_ACTION_SIZE_BUFFER
  if (size <= 0) return;
  std::vector<char> log(static_cast<size_t>(size) + 1);
  const int n = klogctl(3, log.data(), size);  // SYSLOG_ACTION_READ_ALL
  if (n <= 0) return;
  log[static_cast<size_t>(n)] = '\0';
  for (char* line = strtok(log.data(), "\n"); line != nullptr; line = strtok(nullptr, "\n")) {
    if (strstr(line, "WARNING:") || strstr(line, "BUG:") || strstr(line, "Oops")) {
      printf("fring-vm: dmesg: %s\n", line);
    }
  }
}

}  // namespace

bool is_init() { return getpid() == 1; }

void start() {
  mount_fs("proc", "/proc");
  mount_fs("sysfs", "/sys");
  mount_fs("devtmpfs", "/dev");
  mount_fs("tmpfs", "/tmp");
  loopback_up();
  utsname u{};
  uname(&u);
  printf("fring-vm: started: %s %s page %ld cpus %ld\n", u.release, u.machine,
         sysconf(_SC_PAGESIZE), sysconf(_SC_NPROCESSORS_ONLN));
  fflush(stdout);
}

void finish(int status) {
  fflush(stdout);
  report_kernel_problems();
  printf("fring-vm: exit %d\n", status);
  fflush(stdout);
  sync();
  reboot(RB_POWER_OFF);
  for (;;) pause();
}

}  // namespace fring::test::vm
