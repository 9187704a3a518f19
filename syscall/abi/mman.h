// SPDX-License-Identifier: MIT
// What mmap(2), mprotect(2) and madvise(2) take (and op::madvise):
// protection bits, mapping flags and advice, in fring's form
// (docs/contributing.md, "Names"). The values are the kernel's generic ones
// (the generic mman-common.h and mman.h, and linux/mman.h), identical on x86_64,
// aarch64 and riscv64; the arch-only ones (x86_64's MAP_32BIT, aarch64's
// PROT_BTI and PROT_MTE) are left out.
#ifndef FRING_SYSCALL_ABI_MMAN_H
#define FRING_SYSCALL_ABI_MMAN_H

namespace fring {

/// The protection of mmap(2) and mprotect(2).
namespace prot {
/// PROT_NONE: no access.
inline constexpr int none = 0x0;
/// PROT_READ: the pages can be read.
inline constexpr int read = 0x1;
/// PROT_WRITE: the pages can be written.
inline constexpr int write = 0x2;
/// PROT_EXEC: the pages can be executed.
inline constexpr int exec = 0x4;
/// PROT_GROWSDOWN: mprotect(2) extends to the start of a growsdown mapping.
inline constexpr int growsdown = 0x01000000;
/// PROT_GROWSUP: mprotect(2) extends to the end of a growsup mapping.
inline constexpr int growsup = 0x02000000;
}  // namespace prot

/// The flags of mmap(2): one of shared, private_ or shared_validate, plus
/// any of the rest.
namespace map_flag {
/// MAP_SHARED: changes are shared with other mappings of the object.
inline constexpr int shared = 0x01;
/// MAP_PRIVATE: changes are private copies.
inline constexpr int private_ = 0x02;
/// MAP_SHARED_VALIDATE: shared, and unknown flags fail with EOPNOTSUPP (Linux 4.15).
inline constexpr int shared_validate = 0x03;
/// MAP_TYPE: the mask of the three above.
inline constexpr int type = 0x0f;
/// MAP_FIXED: at `addr` exactly, replacing what is there.
inline constexpr int fixed = 0x10;
/// MAP_ANONYMOUS: zeroed memory, no file (fd -1).
inline constexpr int anonymous = 0x20;
/// MAP_GROWSDOWN: a stack that grows down.
inline constexpr int growsdown = 0x0100;
/// MAP_LOCKED: lock the pages as mlock(2) does.
inline constexpr int locked = 0x2000;
/// MAP_NORESERVE: reserve no swap space.
inline constexpr int noreserve = 0x4000;
/// MAP_POPULATE: fault the pages in now.
inline constexpr int populate = 0x8000;
/// MAP_NONBLOCK: with populate, read nothing ahead.
inline constexpr int nonblock = 0x10000;
/// MAP_STACK: an address fit for a thread stack.
inline constexpr int stack = 0x20000;
/// MAP_HUGETLB: huge pages (size in the bits at map_flag::huge_shift).
inline constexpr int hugetlb = 0x40000;
/// MAP_SYNC: synchronous page faults, for DAX files (Linux 4.15).
inline constexpr int sync = 0x80000;
/// MAP_FIXED_NOREPLACE: at `addr` exactly, or EEXIST (Linux 4.17).
inline constexpr int fixed_noreplace = 0x100000;
/// MAP_HUGE_SHIFT: where hugetlb's page size (its log2) goes.
inline constexpr int huge_shift = 26;
/// MAP_HUGE_2MB: hugetlb with 2 MiB pages.
inline constexpr int huge_2mb = 21 << 26;
/// MAP_HUGE_1GB: hugetlb with 1 GiB pages.
inline constexpr int huge_1gb = 30 << 26;
}  // namespace map_flag

/// The advice of madvise(2) and op::madvise.
namespace madv {
/// MADV_NORMAL: no special treatment.
inline constexpr int normal = 0;
/// MADV_RANDOM: expect random access.
inline constexpr int random = 1;
/// MADV_SEQUENTIAL: expect sequential access.
inline constexpr int sequential = 2;
/// MADV_WILLNEED: read the pages in soon.
inline constexpr int willneed = 3;
/// MADV_DONTNEED: drop the pages (anonymous ones read back as zeroes).
inline constexpr int dontneed = 4;
/// MADV_FREE: the pages may be freed under memory pressure (Linux 4.5).
inline constexpr int free = 8;
/// MADV_REMOVE: free the pages and their backing store.
inline constexpr int remove = 9;
/// MADV_DONTFORK: a child of fork(2) does not get the range.
inline constexpr int dontfork = 10;
/// MADV_DOFORK: undoes dontfork.
inline constexpr int dofork = 11;
/// MADV_MERGEABLE: KSM may merge identical pages.
inline constexpr int mergeable = 12;
/// MADV_UNMERGEABLE: undoes mergeable.
inline constexpr int unmergeable = 13;
/// MADV_HUGEPAGE: back the range with transparent huge pages.
inline constexpr int hugepage = 14;
/// MADV_NOHUGEPAGE: undoes hugepage.
inline constexpr int nohugepage = 15;
/// MADV_DONTDUMP: leave the range out of core dumps.
inline constexpr int dontdump = 16;
/// MADV_DODUMP: undoes dontdump.
inline constexpr int dodump = 17;
/// MADV_WIPEONFORK: a child of fork(2) sees zeroes (Linux 4.14).
inline constexpr int wipeonfork = 18;
/// MADV_KEEPONFORK: undoes wipeonfork (Linux 4.14).
inline constexpr int keeponfork = 19;
/// MADV_COLD: deactivate the pages (Linux 5.4).
inline constexpr int cold = 20;
/// MADV_PAGEOUT: reclaim the pages (Linux 5.4).
inline constexpr int pageout = 21;
/// MADV_POPULATE_READ: fault the pages in readable (Linux 5.14).
inline constexpr int populate_read = 22;
/// MADV_POPULATE_WRITE: fault the pages in writable (Linux 5.14).
inline constexpr int populate_write = 23;
/// MADV_DONTNEED_LOCKED: dontneed, locked pages too (Linux 5.18).
inline constexpr int dontneed_locked = 24;
/// MADV_COLLAPSE: collapse the range into huge pages now (Linux 6.1).
inline constexpr int collapse = 25;
/// MADV_HWPOISON: poison the pages (testing; CAP_SYS_ADMIN).
inline constexpr int hwpoison = 100;
/// MADV_SOFT_OFFLINE: soft-offline the pages (testing; CAP_SYS_ADMIN).
inline constexpr int soft_offline = 101;
/// MADV_GUARD_INSTALL: an access to the range raises SIGSEGV (Linux 6.13).
inline constexpr int guard_install = 102;
/// MADV_GUARD_REMOVE: undoes guard_install (Linux 6.13).
inline constexpr int guard_remove = 103;
}  // namespace madv

}  // namespace fring

#endif  // FRING_SYSCALL_ABI_MMAN_H
