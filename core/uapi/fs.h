// SPDX-License-Identifier: MIT
// The file-system constants io_uring's requests take as arguments: open and
// openat2 resolve flags, AT_* flags, statx masks and attributes, file types
// and modes, fadvise advice, fallocate modes, and the flags of renameat2,
// xattrs, splice and sync_file_range, in fring's form (docs/contributing.md,
// "Names"): O_CREAT is `open_flag::creat`, O_DIRECT `open_flag::direct_`
// (`direct` is a macro of glibc's <sys/dir.h>). Four open flags differ between
// the architectures (aarch64 swaps O_DIRECTORY, O_NOFOLLOW, O_DIRECT and
// O_LARGEFILE about, and O_TMPFILE holds O_DIRECTORY): each is chosen for
// the target at compile time, so a program copying x86_64's numbers into an
// aarch64 build cannot happen here. Everything else is the same on x86_64,
// aarch64 and riscv64.
#ifndef FRING_CORE_UAPI_FS_H
#define FRING_CORE_UAPI_FS_H

#include <stdint.h>

namespace fring {

namespace detail {
// aarch64 numbers four open flags its own way (its own fcntl.h under
// arch/arm64); x86_64 and riscv64 take the generic ones.
#if defined(__aarch64__)
inline constexpr bool kArm64OpenFlags = true;
#else
inline constexpr bool kArm64OpenFlags = false;
#endif
}  // namespace detail

/// The flags of openat(2), openat2(2)'s OpenHow::flags and op::openat.
namespace open_flag {
/// O_ACCMODE: the mask of rdonly, wronly and rdwr.
inline constexpr int accmode = 00000003;
/// O_RDONLY: read only.
inline constexpr int rdonly = 00000000;
/// O_WRONLY: write only.
inline constexpr int wronly = 00000001;
/// O_RDWR: read and write.
inline constexpr int rdwr = 00000002;
/// O_CREAT: create the file if it is missing (with the mode argument).
inline constexpr int creat = 00000100;
/// O_EXCL: with creat, fail with EEXIST if the file exists.
inline constexpr int excl = 00000200;
/// O_NOCTTY: a terminal does not become the controlling one.
inline constexpr int noctty = 00000400;
/// O_TRUNC: truncate a regular file to 0 bytes.
inline constexpr int trunc = 00001000;
/// O_APPEND: every write goes to the end.
inline constexpr int append = 00002000;
/// O_NONBLOCK: non-blocking I/O.
inline constexpr int nonblock = 00004000;
/// O_DSYNC: each write waits for its data (and the metadata to read it).
inline constexpr int dsync = 00010000;
/// O_ASYNC: SIGIO when I/O is possible (the kernel's FASYNC).
inline constexpr int async = 00020000;
/// O_DIRECT: bypass the page cache; buffers, offsets and lengths aligned as
/// statx_mask::dioalign reports; some file systems (tmpfs before Linux 6.6)
/// refuse it with EINVAL. 0200000 on aarch64, 040000 on x86_64 and riscv64.
/// (`direct` is a macro of glibc's <sys/dir.h>, hence the underscore.)
inline constexpr int direct_ = detail::kArm64OpenFlags ? 00200000 : 00040000;
/// O_LARGEFILE: offsets past 2 GiB (always on in 64-bit processes; io_uring
/// adds it itself, and glibc defines it as 0). 0400000 on aarch64, 0100000
/// on x86_64 and riscv64.
inline constexpr int largefile = detail::kArm64OpenFlags ? 00400000 : 00100000;
/// O_DIRECTORY: fail with ENOTDIR unless the path is a directory. 040000 on
/// aarch64, 0200000 on x86_64 and riscv64.
inline constexpr int directory = detail::kArm64OpenFlags ? 00040000 : 00200000;
/// O_NOFOLLOW: fail with ELOOP if the last component is a symbolic link.
/// 0100000 on aarch64, 0400000 on x86_64 and riscv64.
inline constexpr int nofollow = detail::kArm64OpenFlags ? 00100000 : 00400000;
/// O_NOATIME: do not update the access time (owner or CAP_FOWNER).
inline constexpr int noatime = 01000000;
/// O_CLOEXEC: close the descriptor on execve(2).
inline constexpr int cloexec = 02000000;
/// O_SYNC: each write waits for its data and all metadata (includes dsync).
inline constexpr int sync = 04010000;
/// O_PATH: a descriptor for the path only, no I/O (Linux 2.6.39).
inline constexpr int path = 010000000;
/// O_TMPFILE: an unnamed file in the given directory (includes directory,
/// so its value differs on aarch64) (Linux 3.11).
inline constexpr int tmpfile = 020000000 | directory;
}  // namespace open_flag

/// OpenHow::resolve: how openat2(2) and op::openat2 may resolve the path.
namespace resolve_flag {
/// RESOLVE_NO_XDEV: no mount-point crossings (Linux 5.6).
inline constexpr uint64_t no_xdev = 0x01;
/// RESOLVE_NO_MAGICLINKS: no /proc magic links (Linux 5.6).
inline constexpr uint64_t no_magiclinks = 0x02;
/// RESOLVE_NO_SYMLINKS: no symbolic links at all (Linux 5.6).
inline constexpr uint64_t no_symlinks = 0x04;
/// RESOLVE_BENEATH: stay beneath the directory (Linux 5.6).
inline constexpr uint64_t beneath = 0x08;
/// RESOLVE_IN_ROOT: treat the directory as the root (Linux 5.6).
inline constexpr uint64_t in_root = 0x10;
/// RESOLVE_CACHED: only from the dentry cache, else EAGAIN (Linux 5.12).
inline constexpr uint64_t cached = 0x20;
}  // namespace resolve_flag

/// The directory argument and flags of the *at(2) calls and their ops.
namespace at {
/// AT_FDCWD: relative to the current directory.
inline constexpr int fdcwd = -100;
/// AT_SYMLINK_NOFOLLOW: do not follow a final symbolic link (statx, linkat...).
inline constexpr int symlink_nofollow = 0x100;
/// AT_EACCESS: check with the effective ids (faccessat).
inline constexpr int eaccess = 0x200;
/// AT_REMOVEDIR: unlinkat removes a directory (op::unlinkat).
inline constexpr int removedir = 0x200;
/// AT_SYMLINK_FOLLOW: follow a final symbolic link (linkat).
inline constexpr int symlink_follow = 0x400;
/// AT_NO_AUTOMOUNT: do not trigger an automount (statx).
inline constexpr int no_automount = 0x800;
/// AT_EMPTY_PATH: an empty path means the descriptor itself (statx on an fd).
inline constexpr int empty_path = 0x1000;
/// AT_STATX_SYNC_TYPE: the mask of the statx_sync_* choices.
inline constexpr int statx_sync_type = 0x6000;
/// AT_STATX_SYNC_AS_STAT: statx syncs as stat(2) does.
inline constexpr int statx_sync_as_stat = 0x0000;
/// AT_STATX_FORCE_SYNC: statx syncs with a network file system's server.
inline constexpr int statx_force_sync = 0x2000;
/// AT_STATX_DONT_SYNC: statx returns what it has cached.
inline constexpr int statx_dont_sync = 0x4000;
/// AT_RECURSIVE: to the whole subtree (open_tree, mount_setattr).
inline constexpr int recursive = 0x8000;
}  // namespace at

/// What statx(2) (op::statx) is asked for and says it filled in (Statx::stx_mask).
namespace statx_mask {
/// STATX_TYPE: the type bits of stx_mode.
inline constexpr unsigned type = 0x00000001U;
/// STATX_MODE: the permission bits of stx_mode.
inline constexpr unsigned mode = 0x00000002U;
/// STATX_NLINK: stx_nlink.
inline constexpr unsigned nlink = 0x00000004U;
/// STATX_UID: stx_uid.
inline constexpr unsigned uid = 0x00000008U;
/// STATX_GID: stx_gid.
inline constexpr unsigned gid = 0x00000010U;
/// STATX_ATIME: stx_atime.
inline constexpr unsigned atime = 0x00000020U;
/// STATX_MTIME: stx_mtime.
inline constexpr unsigned mtime = 0x00000040U;
/// STATX_CTIME: stx_ctime.
inline constexpr unsigned ctime = 0x00000080U;
/// STATX_INO: stx_ino.
inline constexpr unsigned ino = 0x00000100U;
/// STATX_SIZE: stx_size.
inline constexpr unsigned size = 0x00000200U;
/// STATX_BLOCKS: stx_blocks.
inline constexpr unsigned blocks = 0x00000400U;
/// STATX_BASIC_STATS: all of the above, what stat(2) gives.
inline constexpr unsigned basic_stats = 0x000007ffU;
/// STATX_BTIME: stx_btime, the creation time.
inline constexpr unsigned btime = 0x00000800U;
/// STATX_MNT_ID: stx_mnt_id (Linux 5.8).
inline constexpr unsigned mnt_id = 0x00001000U;
/// STATX_DIOALIGN: stx_dio_mem_align and stx_dio_offset_align, the
/// alignment open_flag::direct needs (Linux 6.1).
inline constexpr unsigned dioalign = 0x00002000U;
/// STATX_MNT_ID_UNIQUE: the unique 64-bit mount id in stx_mnt_id (Linux 6.8).
inline constexpr unsigned mnt_id_unique = 0x00004000U;
/// STATX_SUBVOL: stx_subvol (Linux 6.10).
inline constexpr unsigned subvol = 0x00008000U;
/// STATX_WRITE_ATOMIC: the atomic write limits (Linux 6.11).
inline constexpr unsigned write_atomic = 0x00010000U;
/// STATX_DIO_READ_ALIGN: stx_dio_read_offset_align (Linux 6.14).
inline constexpr unsigned dio_read_align = 0x00020000U;
}  // namespace statx_mask

/// Statx::stx_attributes (and stx_attributes_mask: which ones the file
/// system supports).
namespace statx_attr {
/// STATX_ATTR_COMPRESSED: the file is compressed by the file system.
inline constexpr uint64_t compressed = 0x00000004;
/// STATX_ATTR_IMMUTABLE: the file cannot be changed.
inline constexpr uint64_t immutable = 0x00000010;
/// STATX_ATTR_APPEND: the file can only be appended to.
inline constexpr uint64_t append = 0x00000020;
/// STATX_ATTR_NODUMP: backups skip the file.
inline constexpr uint64_t nodump = 0x00000040;
/// STATX_ATTR_ENCRYPTED: reading the file needs a key.
inline constexpr uint64_t encrypted = 0x00000800;
/// STATX_ATTR_AUTOMOUNT: the directory is an automount trigger.
inline constexpr uint64_t automount = 0x00001000;
/// STATX_ATTR_MOUNT_ROOT: the root of a mount (Linux 5.8).
inline constexpr uint64_t mount_root = 0x00002000;
/// STATX_ATTR_VERITY: fs-verity protects the file (Linux 5.5).
inline constexpr uint64_t verity = 0x00100000;
/// STATX_ATTR_DAX: the file is in DAX state (Linux 5.8).
inline constexpr uint64_t dax = 0x00200000;
/// STATX_ATTR_WRITE_ATOMIC: the file takes atomic writes (Linux 6.11).
inline constexpr uint64_t write_atomic = 0x00400000;
}  // namespace statx_attr

/// File types and permission bits: Statx::stx_mode, and the mode of
/// op::openat, op::mkdirat and friends.
namespace file_mode {
/// S_IFMT: the mask of the type bits.
inline constexpr unsigned ifmt = 0170000;
/// S_IFSOCK: a socket.
inline constexpr unsigned ifsock = 0140000;
/// S_IFLNK: a symbolic link.
inline constexpr unsigned iflnk = 0120000;
/// S_IFREG: a regular file.
inline constexpr unsigned ifreg = 0100000;
/// S_IFBLK: a block device.
inline constexpr unsigned ifblk = 0060000;
/// S_IFDIR: a directory.
inline constexpr unsigned ifdir = 0040000;
/// S_IFCHR: a character device.
inline constexpr unsigned ifchr = 0020000;
/// S_IFIFO: a FIFO.
inline constexpr unsigned ififo = 0010000;
/// S_ISUID: set user id on execution.
inline constexpr unsigned isuid = 0004000;
/// S_ISGID: set group id on execution.
inline constexpr unsigned isgid = 0002000;
/// S_ISVTX: sticky (a directory's files are removed by their owners only).
inline constexpr unsigned isvtx = 0001000;
/// S_IRWXU: the owner's read, write and execute bits.
inline constexpr unsigned irwxu = 00700;
/// S_IRUSR: the owner may read.
inline constexpr unsigned irusr = 00400;
/// S_IWUSR: the owner may write.
inline constexpr unsigned iwusr = 00200;
/// S_IXUSR: the owner may execute.
inline constexpr unsigned ixusr = 00100;
/// S_IRWXG: the group's read, write and execute bits.
inline constexpr unsigned irwxg = 00070;
/// S_IRGRP: the group may read.
inline constexpr unsigned irgrp = 00040;
/// S_IWGRP: the group may write.
inline constexpr unsigned iwgrp = 00020;
/// S_IXGRP: the group may execute.
inline constexpr unsigned ixgrp = 00010;
/// S_IRWXO: the others' read, write and execute bits.
inline constexpr unsigned irwxo = 00007;
/// S_IROTH: others may read.
inline constexpr unsigned iroth = 00004;
/// S_IWOTH: others may write.
inline constexpr unsigned iwoth = 00002;
/// S_IXOTH: others may execute.
inline constexpr unsigned ixoth = 00001;
}  // namespace file_mode

/// The advice of posix_fadvise(2) and op::fadvise (the values of x86_64,
/// aarch64 and riscv64; s390x differs).
namespace fadv {
/// POSIX_FADV_NORMAL: no special treatment.
inline constexpr int normal = 0;
/// POSIX_FADV_RANDOM: expect random access.
inline constexpr int random = 1;
/// POSIX_FADV_SEQUENTIAL: expect sequential access (more read-ahead).
inline constexpr int sequential = 2;
/// POSIX_FADV_WILLNEED: read the range in soon.
inline constexpr int willneed = 3;
/// POSIX_FADV_DONTNEED: drop the range from the page cache.
inline constexpr int dontneed = 4;
/// POSIX_FADV_NOREUSE: the range is read once.
inline constexpr int noreuse = 5;
}  // namespace fadv

/// The mode of fallocate(2) and op::fallocate.
namespace falloc {
/// FALLOC_FL_ALLOCATE_RANGE: allocate the range (the default, 0).
inline constexpr int allocate_range = 0x00;
/// FALLOC_FL_KEEP_SIZE: the file size stays as it is.
inline constexpr int keep_size = 0x01;
/// FALLOC_FL_PUNCH_HOLE: free the range (with keep_size).
inline constexpr int punch_hole = 0x02;
/// FALLOC_FL_COLLAPSE_RANGE: remove the range, closing the gap (Linux 3.15).
inline constexpr int collapse_range = 0x08;
/// FALLOC_FL_ZERO_RANGE: zero the range (Linux 3.15).
inline constexpr int zero_range = 0x10;
/// FALLOC_FL_INSERT_RANGE: insert a hole, shifting the rest (Linux 4.1).
inline constexpr int insert_range = 0x20;
/// FALLOC_FL_UNSHARE_RANGE: unshare shared blocks (Linux 4.5).
inline constexpr int unshare_range = 0x40;
/// FALLOC_FL_WRITE_ZEROES: zero the range by writing zeroes (Linux 6.17).
inline constexpr int write_zeroes = 0x80;
}  // namespace falloc

/// The flags of renameat2(2) and op::renameat.
namespace rename_flag {
/// RENAME_NOREPLACE: fail with EEXIST rather than replace (Linux 3.15).
inline constexpr unsigned noreplace = 1U << 0;
/// RENAME_EXCHANGE: swap the two paths atomically (Linux 3.15).
inline constexpr unsigned exchange = 1U << 1;
/// RENAME_WHITEOUT: leave a whiteout behind (overlay file systems; Linux 3.18).
inline constexpr unsigned whiteout = 1U << 2;
}  // namespace rename_flag

/// The flags of setxattr(2) and op::setxattr / op::fsetxattr.
namespace xattr_flag {
/// XATTR_CREATE: fail with EEXIST if the attribute exists.
inline constexpr int create = 0x1;
/// XATTR_REPLACE: fail with ENODATA unless the attribute exists.
inline constexpr int replace = 0x2;
}  // namespace xattr_flag

/// The flags of splice(2) and tee(2), op::splice and op::tee (beside
/// io_uring's own splice_flag::fd_in_fixed).
namespace splice_flag {
/// SPLICE_F_MOVE: move pages rather than copy (a hint).
inline constexpr uint32_t move = 1;
/// SPLICE_F_NONBLOCK: do not block on the pipe.
inline constexpr uint32_t nonblock = 2;
/// SPLICE_F_MORE: more data follows.
inline constexpr uint32_t more = 4;
/// SPLICE_F_GIFT: the pages are a gift (vmsplice only).
inline constexpr uint32_t gift = 8;
}  // namespace splice_flag

/// The flags of sync_file_range(2) and op::sync_file_range.
namespace sync_range_flag {
/// SYNC_FILE_RANGE_WAIT_BEFORE: wait for writeback already under way.
inline constexpr unsigned wait_before = 1;
/// SYNC_FILE_RANGE_WRITE: start writeback of dirty pages.
inline constexpr unsigned write = 2;
/// SYNC_FILE_RANGE_WAIT_AFTER: wait for the writeback to finish.
inline constexpr unsigned wait_after = 4;
/// SYNC_FILE_RANGE_WRITE_AND_WAIT: all three.
inline constexpr unsigned write_and_wait = 7;
}  // namespace sync_range_flag

}  // namespace fring

#endif  // FRING_CORE_UAPI_FS_H
