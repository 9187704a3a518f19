// SPDX-License-Identifier: MIT
// A ring whose kernel side the test plays: a memfd laid out the way the
// kernel lays out its rings (struct io_rings, one region for both rings,
// the SQEs at mmap_off::sqes), which fring opens with its real
// queue_mmap(). fring's reaping code then runs on memory the test writes:
// any head and tail, any CQE, any flag. No kernel io_uring is involved, so
// it works under qemu-user too. Used by the fuzz target and by unit tests;
// it has no doctest in it.
#ifndef FRING_TESTS_SUPPORT_FAKE_RING_H
#define FRING_TESTS_SUPPORT_FAKE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "fring/fring.h"

namespace fring::test {

class FakeRing {
 public:
  /// Lays out a ring of `cq_entries` CQ entries (a power of two) with
  /// IORING_SETUP_* `flags` (the shape and mode fring reads). Check ok().
  FakeRing(uint32_t cq_entries, uint32_t flags);
  ~FakeRing();
  FakeRing(const FakeRing&) = delete;
  FakeRing& operator=(const FakeRing&) = delete;

  /// True when the memfd and the test's own mapping of it were made.
  bool ok() const { return kernel_ != nullptr; }

  /// fring's view of the ring: R::queue_mmap() on a new fd of the memfd
  /// (R is Ring or a StaticRing of this ring's shape).
  template <class R>
  Result<R> open() const {
    Params p = params_;
    return R::queue_mmap(dup_fd(), p);
  }

  uint32_t entries() const { return params_.cq_entries; }
  uint32_t flags() const { return params_.flags; }
  /// Bytes per CQ slot: 32 with setup::cqe32, else 16.
  size_t slot_bytes() const;

  /// The kernel's words, as the kernel reads and writes them.
  uint32_t cq_head() const;
  uint32_t cq_tail() const;
  void set_cq_head(uint32_t v);
  void set_cq_tail(uint32_t v);
  void set_sq_flags(uint32_t v);
  void set_cq_overflow(uint32_t v);
  /// The CQE in the slot of CQ position `pos` (masked), in the test's mapping.
  Cqe* cqe(uint32_t pos) const;
  /// Where fring's view `ring` has this CQ array (its own mapping).
  static const uint8_t* cqes_of(const Ring& ring) {
    return reinterpret_cast<const uint8_t*>(ring.cq().cqes);
  }

 private:
  int dup_fd() const;
  uint32_t* word(uint32_t offset) const;

  Params params_{};
  int fd_ = -1;
  uint8_t* kernel_ = nullptr;  // the test's mapping of the ring region
  size_t size_ = 0;
};

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_FAKE_RING_H
