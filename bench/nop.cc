// SPDX-License-Identifier: MIT
// What the NOP benchmarks share: the list of implementations and a job
// for the interleaved rounds.
#include "bench/nop.h"

namespace bench {

std::vector<NopImpl> all_nop_impls() {
  std::vector<NopImpl> impls = fring_nop_impls();
  impls.push_back(co_nop_impl());
  impls.push_back(liburing_nop_impl());
  impls.push_back(raw_nop_impl());
  return impls;
}

Job nop_job(const NopImpl& impl, void* ring, unsigned batch) {
  return Job{impl.name,
             [&impl, ring, batch](unsigned long ops) {
               const unsigned long iterations = ops / batch > 0 ? ops / batch : 1;
               impl.loop(ring, batch, static_cast<unsigned>(iterations));
               return iterations * batch;
             },
             {}};
}

}  // namespace bench
