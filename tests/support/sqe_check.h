// SPDX-License-Identifier: MIT
// What the SQE-encoding tests compare with: an SQE full of stale bytes for
// a prep helper to overwrite, the SQE the helper must produce, and a check
// that names the first field that differs before comparing every byte.
#ifndef FRING_TESTS_SUPPORT_SQE_CHECK_H
#define FRING_TESTS_SUPPORT_SQE_CHECK_H

#include <stdint.h>

#include "fring/fring.h"

namespace fring::test {

/// An SQE with every byte 0xa5, standing for what an earlier request left in
/// the slot: a prep helper must overwrite each byte the kernel reads.
Sqe garbage_sqe();

/// The SQE a prep helper must produce: `op` and the generic fields given,
/// every other byte zero; a test then sets the op-specific fields by their
/// kernel names.
Sqe expected_sqe(Op op, int fd, uint64_t addr, uint32_t len, uint64_t off);

/// CHECKs `got` against `want` field by field, so that a mismatch names the
/// field, then all 64 bytes, padding included.
void check_sqe(const Sqe& got, const Sqe& want);

/// `p` as the 64-bit address an SQE holds.
template <class T>
uint64_t as_u64(const T* p) {
  return reinterpret_cast<uintptr_t>(p);
}

}  // namespace fring::test

#endif  // FRING_TESTS_SUPPORT_SQE_CHECK_H
