// SPDX-License-Identifier: MIT
// Per-op cost as the ring grows: NOP round trips of B = min(--batch, entries)
// on rings of 1, 2, 4, ... 32768 entries, every implementation interleaved on
// one pinned CPU. A ring's size should not change what a request costs;
// large rings touch more memory (32768 SQEs are 2 MiB), which is what this
// shows. Prints ns/op per size and the spread from 8 entries up.
#include <stdio.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bench/harness.h"
#include "bench/nop.h"

namespace {

using namespace bench;

constexpr char kUsage[] =
    "usage: ring_size_bench [--ops=N] [--rounds=N] [--batch=N] [--max-entries=N]\n"
    "                       [--mode=plain|defer] [--impls=all|fring,liburing,raw] [--cpu=N]\n"
    "  --ops          NOPs per cell and round (default 100000)\n"
    "  --rounds       rounds (default 5)\n"
    "  --batch        B, capped at the ring's entries (default 8)\n"
    "  --max-entries  the largest ring (default 32768, the kernel's limit)\n";

}  // namespace

int main(int argc, char** argv) {
  const Flags flags(argc, argv);
  flags.check({"ops", "rounds", "batch", "max-entries", "mode", "impls", "cpu", "help"}, kUsage);
  const unsigned long ops = flags.num("ops", 100000);
  const unsigned rounds = static_cast<unsigned>(flags.num("rounds", 5));
  const unsigned batch = static_cast<unsigned>(flags.num("batch", 8));
  const unsigned max_entries = static_cast<unsigned>(flags.num("max-entries", 32768));
  const std::string mode_arg = flags.str("mode", "plain");
  if (mode_arg != "plain" && mode_arg != "defer") die("unknown mode '%s'", mode_arg.c_str());
  const Mode mode = mode_arg == "plain" ? Mode::plain : Mode::defer;
  const std::vector<NopImpl> impls = select_impls(all_nop_impls(), flags.list("impls", "all"));
  if (batch == 0) die("--batch must be positive");
  const int cpu = pin_to_cpu(flags.has("cpu") ? static_cast<int>(flags.num("cpu", 0)) : -1);

  std::vector<unsigned> sizes;
  for (unsigned e = 1; e <= max_entries; e *= 2) sizes.push_back(e);
  std::vector<std::vector<void*>> rings;
  std::vector<std::vector<Job>> groups;
  for (unsigned e : sizes) {
    rings.emplace_back();
    std::vector<Job> group;
    for (const NopImpl& impl : impls) {
      rings.back().push_back(impl.open(mode, e));
      group.push_back(nop_job(impl, rings.back().back(), std::min(batch, e)));
    }
    groups.push_back(group);
  }
  const std::vector<Round> done = run_rounds(groups, rounds, ops);

  print_preamble("Per-op cost as the ring grows: ns/op", cpu);
  printf(
      "NOP round trips of B = min(%u, entries), %s rings, %lu NOPs per cell and round,\n"
      "%u rounds, interleaved as in the NOP table; medians over clean samples.\n\n",
      batch, mode_name(mode), ops, rounds);
  std::vector<std::vector<std::string>> keys;
  for (unsigned e : sizes) keys.push_back({fmt("%u", e), fmt("%u", std::min(batch, e))});
  print_results({"entries", "B"}, keys, groups, Figure::ns_per_op, "ns/op", false, rounds);

  printf("### Ring size spread: ns/op from 8 to %u entries\n\n", max_entries);
  Table spread({"implementation", "min ns/op", "max ns/op", "(max - min) / min"});
  for (size_t i = 0; i < impls.size(); ++i) {
    double lo = 0, hi = 0;
    for (size_t g = 0; g < groups.size(); ++g) {
      if (sizes[g] < 8) continue;
      const double m = groups[g][i].cell.median();
      lo = lo == 0 ? m : std::min(lo, m);
      hi = std::max(hi, m);
    }
    spread.row({impls[i].name, fmt("%.1f", lo), fmt("%.1f", hi),
                lo > 0 ? fmt("%.1f%%", (hi - lo) / lo * 100) : "-"});
  }
  spread.print();
  printf("### Ring size rounds\n\n");
  print_rounds(done);

  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t i = 0; i < impls.size(); ++i) impls[i].close(rings[g][i]);
  }
  return 0;
}
