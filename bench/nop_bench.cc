// SPDX-License-Identifier: MIT
// NOP round trips: fring against liburing and a hand-written raw ring, for
// batch sizes B and two ring modes, interleaved in one run on one pinned
// CPU. NOPs cost the kernel almost nothing, so what differs is each
// library's own work per request. Prints ns/op (medians) and fring's ratios.
// With --only it runs one cell once, unpinned and silent, for callgrind
// (bench/instructions.sh takes the marginal cost from two --ops values).
#include <stdio.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bench/harness.h"
#include "bench/nop.h"

namespace {

using namespace bench;

constexpr char kUsage[] =
    "usage: nop_bench [--ops=N] [--rounds=N] [--batches=1,8,32,128] [--modes=plain,defer]\n"
    "                 [--impls=all|fring,liburing,raw] [--entries=N] [--cpu=N]\n"
    "       nop_bench --only=IMPL:MODE:B [--ops=N] [--entries=N]\n"
    "       nop_bench --list\n"
    "  --ops      NOPs per cell and round (default 200000; rounded down to a multiple of B)\n"
    "  --rounds   rounds, each running every cell once (default 7)\n"
    "  --entries  SQ entries of every ring (default 128, at least the largest B)\n"
    "  --cpu      the CPU to pin to (default: the last one allowed)\n"
    "  --only     run one cell (e.g. fring:defer:8) --ops NOPs, print nothing\n"
    "  --list     print the implementations' names, one a line\n";

Mode parse_mode(const std::string& m) {
  if (m == "plain") return Mode::plain;
  if (m == "defer") return Mode::defer;
  die("unknown mode '%s' (plain or defer)", m.c_str());
}

int run_only(const std::string& only, unsigned long ops, unsigned entries) {
  const size_t c1 = only.find(':');
  const size_t c2 = only.find(':', c1 + 1);
  if (c1 == std::string::npos || c2 == std::string::npos) die("--only wants IMPL:MODE:B");
  const std::vector<NopImpl> impls = select_impls(all_nop_impls(), {only.substr(0, c1)});
  const Mode mode = parse_mode(only.substr(c1 + 1, c2 - c1 - 1));
  const unsigned batch = static_cast<unsigned>(std::stoul(only.substr(c2 + 1)));
  if (batch == 0 || batch > entries) die("B must be between 1 and --entries (%u)", entries);
  void* ring = impls[0].open(mode, entries);
  impls[0].loop(ring, batch, static_cast<unsigned>(ops / batch));
  impls[0].close(ring);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags(argc, argv);
  flags.check(
      {"ops", "rounds", "batches", "modes", "impls", "entries", "cpu", "only", "list", "help"},
      kUsage);
  const unsigned long ops = flags.num("ops", 200000);
  const unsigned entries = static_cast<unsigned>(flags.num("entries", 128));
  if (flags.has("list")) {
    for (const NopImpl& impl : all_nop_impls()) printf("%s\n", impl.name);
    return 0;
  }
  if (flags.has("only")) return run_only(flags.str("only", ""), ops, entries);

  const unsigned rounds = static_cast<unsigned>(flags.num("rounds", 7));
  const std::vector<unsigned> batches = flags.nums("batches", "1,8,32,128");
  std::vector<Mode> modes;
  for (const std::string& m : flags.list("modes", "plain,defer")) modes.push_back(parse_mode(m));
  const std::vector<NopImpl> impls = select_impls(all_nop_impls(), flags.list("impls", "all"));
  for (unsigned b : batches) {
    if (b > entries) die("B=%u is larger than the ring (--entries=%u)", b, entries);
  }
  const int cpu = pin_to_cpu(flags.has("cpu") ? static_cast<int>(flags.num("cpu", 0)) : -1);

  // One ring per implementation and mode, shared by every B.
  std::vector<std::vector<void*>> rings(modes.size());
  for (size_t m = 0; m < modes.size(); ++m) {
    for (const NopImpl& impl : impls) rings[m].push_back(impl.open(modes[m], entries));
  }
  std::vector<std::vector<Job>> groups;
  for (size_t m = 0; m < modes.size(); ++m) {
    for (unsigned b : batches) {
      std::vector<Job> group;
      for (size_t i = 0; i < impls.size(); ++i) group.push_back(nop_job(impls[i], rings[m][i], b));
      groups.push_back(group);
    }
  }
  const std::vector<Round> done = run_rounds(groups, rounds, ops);

  print_preamble("NOP round trips: ns/op", cpu);
  printf(
      "%lu NOPs per cell and round, %u rounds, rings of %u entries; the implementations\n"
      "run interleaved, their order rotated each round. plain: no set-up flags; defer:\n"
      "SINGLE_ISSUER | DEFER_TASKRUN with a registered ring fd. Medians over the clean\n"
      "samples (those that waited for the CPU less than %.0f%% of their time; all samples\n"
      "when fewer than 3 are clean). `clean`: the fewest clean samples of the row's cells.\n\n",
      ops, rounds, entries, kCleanWait * 100);
  std::vector<std::vector<std::string>> keys;
  for (size_t g = 0; g < groups.size(); ++g) {
    keys.push_back({mode_name(modes[g / batches.size()]), fmt("%u", batches[g % batches.size()])});
  }
  print_results({"mode", "B"}, keys, groups, Figure::ns_per_op, "ns/op", true, rounds);
  printf("### NOP rounds\n\n");
  print_rounds(done);

  for (size_t m = 0; m < modes.size(); ++m) {
    for (size_t i = 0; i < impls.size(); ++i) impls[i].close(rings[m][i]);
  }
  return 0;
}
