// SPDX-License-Identifier: MIT
// fring's own version, for checks at compile time (the macros, usable in
// #if) and at run time (the functions, for code built against another copy).
#ifndef FRING_CORE_VERSION_H
#define FRING_CORE_VERSION_H

/// fring's major version.
#define FRING_VERSION_MAJOR 0
/// fring's minor version.
#define FRING_VERSION_MINOR 1

/// True when `major`.`minor` is newer than this fring, i.e. when code that
/// needs that version must not be compiled. Matches IO_URING_CHECK_VERSION()
/// in liburing.
#define FRING_CHECK_VERSION(major, minor) \
  ((major) > FRING_VERSION_MAJOR ||       \
   ((major) == FRING_VERSION_MAJOR && (minor) > FRING_VERSION_MINOR))

namespace fring {

/// fring's major version (0). Matches io_uring_major_version() in liburing.
/// Any kernel.
[[nodiscard]] constexpr int major_version() noexcept { return FRING_VERSION_MAJOR; }

/// fring's minor version (1). Matches io_uring_minor_version() in liburing.
/// Any kernel.
[[nodiscard]] constexpr int minor_version() noexcept { return FRING_VERSION_MINOR; }

/// True when `major`.`minor` is newer than this fring (so a caller that needs
/// it must not go on), false when fring is that version or newer. Note the
/// sense: true means the check fails. Matches io_uring_check_version() in
/// liburing. Any kernel.
[[nodiscard]] constexpr bool check_version(int major, int minor) noexcept {
  return major > major_version() || (major == major_version() && minor > minor_version());
}

}  // namespace fring

#endif  // FRING_CORE_VERSION_H
