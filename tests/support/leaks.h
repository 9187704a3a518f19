// SPDX-License-Identifier: MIT
// What this process holds, counted from /proc/self: a test takes a count
// before and after, to prove that it leaks no fd and no mapping.
#ifndef FRING_TESTS_SUPPORT_LEAKS_H
#define FRING_TESTS_SUPPORT_LEAKS_H

namespace fring::test {

/// The number of entries in /proc/self/fd (open fds, plus "." and "..").
int count_fds();

/// The number of lines in /proc/self/maps: one per mapping. Under ASan or
/// TSan, whose runtimes map memory of their own at any allocation, only the
/// mappings of io_uring fds (anon_inode:[io_uring]) are counted; the normal
/// build, on the host and in every VM cell, counts them all.
int count_mappings();

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_LEAKS_H
