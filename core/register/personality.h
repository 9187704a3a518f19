// SPDX-License-Identifier: MIT
// Personalities: the caller's credentials saved under an id, so that later
// requests can run with them (sqe_set_personality) after the task changed
// its own.
#ifndef FRING_CORE_REGISTER_PERSONALITY_H
#define FRING_CORE_REGISTER_PERSONALITY_H

#include "fring/core/ring.h"

namespace fring {

/// Saves the calling task's current credentials in `ring` and returns their
/// id (1..65535), to be put in an SQE with sqe_set_personality(). Errors:
/// ebusy (all ids taken), enomem. Matches io_uring_register_personality() in
/// liburing. Available since Linux 5.6.
inline Result<unsigned> register_personality(Ring& ring) noexcept {
  return ring.register_op(reg_op::personality, nullptr, 0);
}

/// Forgets personality `id`; requests already submitted with it keep their
/// credentials. Errors: einval (no such id). Matches
/// io_uring_unregister_personality() in liburing. Available since Linux 5.6.
inline Result<void> unregister_personality(Ring& ring, unsigned id) noexcept {
  FRING_TRY(ring.register_op(reg_op::unregister_personality, nullptr, id));
  return {};
}

}  // namespace fring

#endif  // FRING_CORE_REGISTER_PERSONALITY_H
