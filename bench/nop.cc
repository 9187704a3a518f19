// SPDX-License-Identifier: MIT
// What the NOP implementations share: the failure report and the list.
#include "bench/nop.h"

#include <stdio.h>

namespace bench {

void nop_failed(const char* impl, const char* what, long value) {
  die("%s: %s: %ld", impl, what, value);
}

std::vector<NopImpl> all_nop_impls() {
  std::vector<NopImpl> impls = fring_nop_impls();
  impls.push_back(liburing_nop_impl());
  impls.push_back(raw_nop_impl());
  return impls;
}

std::vector<NopImpl> select_nop_impls(const std::vector<std::string>& names) {
  const std::vector<NopImpl> all = all_nop_impls();
  bool everything = false;
  for (const std::string& n : names) {
    everything = everything || n == "all";
    bool known = n == "all";
    for (const NopImpl& impl : all) known = known || n == impl.name;
    if (!known) die("unknown implementation '%s'", n.c_str());
  }
  std::vector<NopImpl> out;
  for (const NopImpl& impl : all) {
    for (const std::string& n : names) {
      if (everything || n == impl.name) {
        out.push_back(impl);
        break;
      }
    }
  }
  return out;
}

namespace {

unsigned long iterations_for(unsigned long ops, unsigned batch) {
  return ops / batch > 0 ? ops / batch : 1;
}

}  // namespace

std::vector<Round> run_rounds(std::vector<std::vector<NopCell>>& groups, unsigned rounds,
                              unsigned long ops) {
  for (auto& group : groups) {
    for (NopCell& c : group) {
      c.impl->loop(c.ring, c.batch, static_cast<unsigned>(iterations_for(ops / 10 + 1, c.batch)));
    }
  }
  std::vector<Round> out;
  for (unsigned r = 0; r < rounds; ++r) {
    Round round{"", load1(), 0, 0};
    for (auto& group : groups) {
      const size_t n = group.size();
      for (size_t k = 0; k < n; ++k) {
        NopCell& c = group[(k + r) % n];
        if (&group == &groups.front()) round.order += std::string(k ? ", " : "") + c.impl->name;
        const unsigned long iters = iterations_for(ops, c.batch);
        const Sample s = measure(iters * c.batch, [&c, iters] {
          c.impl->loop(c.ring, c.batch, static_cast<unsigned>(iters));
        });
        c.cell.samples.push_back(s);
        round.disturbed += s.waited < kCleanWait ? 0 : 1;
        ++round.samples;
      }
    }
    out.push_back(round);
  }
  return out;
}

void print_rounds(const std::vector<Round>& rounds) {
  Table t({"round", "order", "load avg (1 min) at start", "samples that waited for the CPU"});
  for (size_t i = 0; i < rounds.size(); ++i) {
    const Round& r = rounds[i];
    t.row(
        {fmt("%zu", i + 1), r.order, fmt("%.2f", r.load), fmt("%u of %u", r.disturbed, r.samples)});
  }
  t.print();
}

std::string ratio(double a, double b) {
  if (a <= 0 || b <= 0) return "-";
  return fmt("%.3f", a / b);
}

}  // namespace bench
