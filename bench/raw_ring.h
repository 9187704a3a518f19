// SPDX-License-Identifier: MIT
// The benchmarks' floor: an io_uring ring set up and driven by hand, the way
// a careful C programmer would without a library. Its own ABI definitions
// (only what it uses), raw system calls through fring's arch stubs (so the
// only asm stays in arch/), and plain pointers into the shared rings.
// Freestanding: the no-libc hello (bench/size) uses it too.
#ifndef FRING_BENCH_RAW_RING_H
#define FRING_BENCH_RAW_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/arch/syscall.h"

namespace raw {

// System call numbers and the ABI constants used here (include/uapi/linux/io_uring.h).
#if defined(__x86_64__)
inline constexpr long kNrMmap = 9, kNrMunmap = 11, kNrClose = 3;
#elif defined(__aarch64__)
inline constexpr long kNrMmap = 222, kNrMunmap = 215, kNrClose = 57;
#endif
inline constexpr long kNrSetup = 425, kNrEnter = 426, kNrRegister = 427;

inline constexpr uint8_t kOpNop = 0, kOpWrite = 23;
inline constexpr uint32_t kSetupSingleIssuer = 1U << 12, kSetupDeferTaskrun = 1U << 13;
inline constexpr uint32_t kEnterGetevents = 1U << 0, kEnterRegisteredRing = 1U << 4;
inline constexpr uint32_t kFeatSingleMmap = 1U << 0;
inline constexpr unsigned kRegisterRingFds = 20, kUnregisterRingFds = 21;
inline constexpr long kOffSqRing = 0, kOffSqes = 0x10000000;
inline constexpr long kProtRw = 0x1 | 0x2, kMapSharedPopulate = 0x01 | 0x8000;

struct SqOffsets {
  uint32_t head, tail, ring_mask, ring_entries, flags, dropped, array, resv1;
  uint64_t user_addr;
};
struct CqOffsets {
  uint32_t head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1;
  uint64_t user_addr;
};
struct Params {
  uint32_t sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd;
  uint32_t resv[3];
  SqOffsets sq_off;
  CqOffsets cq_off;
};
struct Sqe {
  uint8_t opcode, flags;
  uint16_t ioprio;
  int32_t fd;
  uint64_t off, addr;
  uint32_t len, op_flags;
  uint64_t user_data;
  uint16_t buf_index, personality;
  int32_t file_index;
  uint64_t addr3, pad;
};
struct Cqe {
  uint64_t user_data;
  int32_t res;
  uint32_t flags;
};
struct RsrcUpdate {
  uint32_t offset, resv;
  uint64_t data;
};
static_assert(sizeof(Params) == 120 && sizeof(Sqe) == 64 && sizeof(Cqe) == 16);

/// Everything the hot path touches, plus what teardown needs. Copy it into a
/// local for a loop, so that the compiler keeps it in registers across the
/// syscall (the asm's "memory" clobber cannot reach a local whose address
/// never escapes), and copy the two indices back afterwards.
struct Ring {
  Sqe* sqes;
  Cqe* cqes;
  uint32_t* sq_ktail;  // we publish SQEs by storing here
  uint32_t* cq_khead;  // we free CQ slots by storing here
  uint32_t* cq_ktail;  // the kernel publishes CQEs here
  uint32_t sq_mask, cq_mask;
  uint32_t sq_tail;  // our next SQE (equal to *sq_ktail between loops)
  uint32_t cq_head;  // our next CQE (equal to *cq_khead between loops)
  int enter_fd;      // the ring fd, or its registered index
  uint32_t enter_flags;
  int fd;
  void* rings;
  size_t rings_size, sqes_size;
};

[[gnu::always_inline]] inline bool is_error(long r) {
  return static_cast<unsigned long>(r) > -4096UL;
}

/// Sets up a ring of `entries` with IORING_SETUP_* `flags`: one mmap for both
/// rings (IORING_FEAT_SINGLE_MMAP, Linux 5.4; refused without it), one for
/// the SQEs, and the SQ index array filled once with the identity. Returns 0
/// or -errno; on error nothing stays open or mapped.
inline long setup(Ring& r, unsigned entries, uint32_t flags) {
  Params p{};
  p.flags = flags;
  const long fd = fring::arch::syscall2(kNrSetup, entries, reinterpret_cast<long>(&p));
  if (is_error(fd)) return fd;
  if (!(p.features & kFeatSingleMmap)) {
    fring::arch::syscall1(kNrClose, fd);
    return -22;  // EINVAL
  }
  const size_t sq_size = p.sq_off.array + p.sq_entries * sizeof(uint32_t);
  const size_t cq_size = p.cq_off.cqes + p.cq_entries * sizeof(Cqe);
  const size_t rings_size = sq_size > cq_size ? sq_size : cq_size;
  const size_t sqes_size = p.sq_entries * sizeof(Sqe);
  const long rings = fring::arch::syscall6(kNrMmap, 0, static_cast<long>(rings_size), kProtRw,
                                           kMapSharedPopulate, fd, kOffSqRing);
  if (is_error(rings)) {
    fring::arch::syscall1(kNrClose, fd);
    return rings;
  }
  const long sqes = fring::arch::syscall6(kNrMmap, 0, static_cast<long>(sqes_size), kProtRw,
                                          kMapSharedPopulate, fd, kOffSqes);
  if (is_error(sqes)) {
    fring::arch::syscall2(kNrMunmap, rings, static_cast<long>(rings_size));
    fring::arch::syscall1(kNrClose, fd);
    return sqes;
  }
  char* base = reinterpret_cast<char*>(rings);
  auto at = [base](uint32_t off) { return reinterpret_cast<uint32_t*>(base + off); };
  // The kernel reads the index array only inside io_uring_enter; filling it
  // once with the identity lets SQE i be slot i forever after.
  uint32_t* array = at(p.sq_off.array);
  for (uint32_t i = 0; i < p.sq_entries; ++i) array[i] = i;
  r.sqes = reinterpret_cast<Sqe*>(sqes);
  r.cqes = reinterpret_cast<Cqe*>(base + p.cq_off.cqes);
  r.sq_ktail = at(p.sq_off.tail);
  r.cq_khead = at(p.cq_off.head);
  r.cq_ktail = at(p.cq_off.tail);
  r.sq_mask = *at(p.sq_off.ring_mask);
  r.cq_mask = *at(p.cq_off.ring_mask);
  r.sq_tail = *r.sq_ktail;
  r.cq_head = *r.cq_khead;
  r.enter_fd = static_cast<int>(fd);
  r.enter_flags = 0;
  r.fd = static_cast<int>(fd);
  r.rings = base;
  r.rings_size = rings_size;
  r.sqes_size = sqes_size;
  return 0;
}

/// Registers the ring fd (IORING_REGISTER_RING_FDS, Linux 5.18), so that
/// io_uring_enter skips the fd lookup. Returns 0 or -errno.
inline long register_ring_fd(Ring& r) {
  RsrcUpdate up{~0U, 0, static_cast<uint64_t>(r.fd)};  // any free slot
  const long ret =
      fring::arch::syscall4(kNrRegister, r.fd, kRegisterRingFds, reinterpret_cast<long>(&up), 1);
  if (is_error(ret)) return ret;
  r.enter_fd = static_cast<int>(up.offset);
  r.enter_flags = kEnterRegisteredRing;
  return 0;
}

/// Unregisters the ring fd, unmaps the rings and closes the fd.
inline void teardown(Ring& r) {
  if (r.enter_flags & kEnterRegisteredRing) {
    RsrcUpdate up{static_cast<uint32_t>(r.enter_fd), 0, 0};
    fring::arch::syscall4(kNrRegister, r.fd, kUnregisterRingFds, reinterpret_cast<long>(&up), 1);
  }
  fring::arch::syscall2(kNrMunmap, reinterpret_cast<long>(r.sqes), static_cast<long>(r.sqes_size));
  fring::arch::syscall2(kNrMunmap, reinterpret_cast<long>(r.rings),
                        static_cast<long>(r.rings_size));
  fring::arch::syscall1(kNrClose, r.fd);
}

/// The next SQE. No check for room: the caller knows it has some (the loops
/// here submit everything they prepared, and check that the kernel took it).
[[gnu::always_inline]] inline Sqe& next_sqe(Ring& r) { return r.sqes[r.sq_tail++ & r.sq_mask]; }

/// Writes every field of `s` (the slot holds the last request's values).
[[gnu::always_inline]] inline void prep(Sqe& s, uint8_t op, int fd, uint64_t addr, uint32_t len,
                                        uint64_t off, uint64_t user_data) {
  s.opcode = op;
  s.flags = 0;
  s.ioprio = 0;
  s.fd = fd;
  s.off = off;
  s.addr = addr;
  s.len = len;
  s.op_flags = 0;
  s.user_data = user_data;
  s.buf_index = 0;
  s.personality = 0;
  s.file_index = 0;
  s.addr3 = 0;
  s.pad = 0;
}

/// Publishes the SQEs prepared so far and enters the kernel to submit
/// `to_submit` and wait for `wait_nr` CQEs. Returns the SQEs consumed or -errno.
[[gnu::always_inline]] inline long submit_and_wait(Ring& r, unsigned to_submit, unsigned wait_nr) {
  // The kernel reads the tail inside io_uring_enter; release orders the SQE
  // stores before it (a plain store on x86_64).
  __atomic_store_n(r.sq_ktail, r.sq_tail, __ATOMIC_RELEASE);
  return fring::arch::syscall6(kNrEnter, r.enter_fd, to_submit, wait_nr,
                               kEnterGetevents | r.enter_flags, 0, 0);
}

/// The kernel's CQ tail; acquire, so the CQEs before it are visible.
[[gnu::always_inline]] inline uint32_t cq_tail(const Ring& r) {
  return __atomic_load_n(r.cq_ktail, __ATOMIC_ACQUIRE);
}

/// The CQE at our head.
[[gnu::always_inline]] inline const Cqe& cqe_at_head(const Ring& r) {
  return r.cqes[r.cq_head & r.cq_mask];
}

/// Gives the CQ slots up to our head back to the kernel; release, so our
/// reads of them are done before it may overwrite them.
[[gnu::always_inline]] inline void cq_release(const Ring& r) {
  __atomic_store_n(r.cq_khead, r.cq_head, __ATOMIC_RELEASE);
}

}  // namespace raw

#endif  // FRING_BENCH_RAW_RING_H
