// SPDX-License-Identifier: MIT
#include "tests/support/fake_ring.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace fring::test {

namespace {

// The kernel's struct io_rings: the SQ and CQ heads and tails, masks,
// entries, counters and flags, then the CQEs on the next cache line.
constexpr uint32_t kSqHead = 0, kSqTail = 4, kCqHead = 8, kCqTail = 12, kSqMask = 16, kCqMask = 20,
                   kSqEntries = 24, kCqEntries = 28, kSqDropped = 32, kSqFlags = 36, kCqFlags = 40,
                   kCqOverflow = 44, kCqes = 64;

}  // namespace

FakeRing::FakeRing(uint32_t cq_entries, uint32_t flags) {
  // NO_SQARRAY: the SQ side is only its heads and tails; nothing here uses it.
  params_.flags = flags | setup::no_sqarray;
  params_.features = feat::single_mmap | feat::nodrop;
  params_.sq_entries = 1;
  params_.cq_entries = cq_entries;
  params_.sq_off = SqOffsets{kSqHead, kSqTail, kSqMask, kSqEntries, kSqFlags, kSqDropped, 0, 0, 0};
  params_.cq_off =
      CqOffsets{kCqHead, kCqTail, kCqMask, kCqEntries, kCqOverflow, kCqes, kCqFlags, 0, 0};
  size_ = kCqes + cq_entries * slot_bytes();
  fd_ = memfd_create("fring-fake-ring", MFD_CLOEXEC);
  // The SQEs live at mmap_off::sqes (the file stays sparse below it).
  if (fd_ < 0 || ftruncate(fd_, static_cast<off_t>(mmap_off::sqes + 65536)) != 0) return;
  void* k = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
  if (k == MAP_FAILED) return;
  kernel_ = static_cast<uint8_t*>(k);
  *word(kSqMask) = 0;
  *word(kSqEntries) = 1;
  *word(kCqMask) = cq_entries - 1;
  *word(kCqEntries) = cq_entries;
}

FakeRing::~FakeRing() {
  if (kernel_ != nullptr) munmap(kernel_, size_);
  if (fd_ >= 0) close(fd_);
}

size_t FakeRing::slot_bytes() const { return (params_.flags & setup::cqe32) != 0 ? 32 : 16; }

int FakeRing::dup_fd() const { return fcntl(fd_, F_DUPFD_CLOEXEC, 0); }

uint32_t* FakeRing::word(uint32_t offset) const {
  return reinterpret_cast<uint32_t*>(kernel_ + offset);
}

uint32_t FakeRing::cq_head() const { return __atomic_load_n(word(kCqHead), __ATOMIC_ACQUIRE); }
uint32_t FakeRing::cq_tail() const { return __atomic_load_n(word(kCqTail), __ATOMIC_RELAXED); }
void FakeRing::set_cq_head(uint32_t v) { __atomic_store_n(word(kCqHead), v, __ATOMIC_RELAXED); }
void FakeRing::set_cq_tail(uint32_t v) { __atomic_store_n(word(kCqTail), v, __ATOMIC_RELEASE); }
void FakeRing::set_sq_flags(uint32_t v) { __atomic_store_n(word(kSqFlags), v, __ATOMIC_RELAXED); }
void FakeRing::set_cq_overflow(uint32_t v) {
  __atomic_store_n(word(kCqOverflow), v, __ATOMIC_RELAXED);
}

Cqe* FakeRing::cqe(uint32_t pos) const {
  return reinterpret_cast<Cqe*>(kernel_ + kCqes + (pos & (params_.cq_entries - 1)) * slot_bytes());
}

}  // namespace fring::test
