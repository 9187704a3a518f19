// SPDX-License-Identifier: MIT
// What every benchmark program shares: flags, pinning to one CPU, timing a
// sample together with what disturbed it (time spent waiting for the CPU,
// the load average), medians, and markdown table output that the report
// script (bench/report.sh) reads back. Hosted code: the benchmarks use libc.
#ifndef FRING_BENCH_HARNESS_H
#define FRING_BENCH_HARNESS_H

#include <stdint.h>

#include <functional>
#include <string>
#include <vector>

namespace bench {

/// How the ring is set up. defer: setup::single_issuer |
/// setup::defer_taskrun, with the ring fd registered.
enum class Mode { plain, defer };

inline const char* mode_name(Mode m) { return m == Mode::plain ? "plain" : "defer"; }

/// `--key=value` flags (and bare `--flag`); anything else is an error.
class Flags {
 public:
  Flags(int argc, char** argv);
  /// The value of --key, or `def`; exits with a message if it is not a number.
  unsigned long num(const char* key, unsigned long def) const;
  /// The value of --key, or `def`.
  std::string str(const char* key, const char* def) const;
  /// The comma-separated values of --key, or those of `def`.
  std::vector<std::string> list(const char* key, const char* def) const;
  /// list() as numbers; exits with a message on anything else.
  std::vector<unsigned> nums(const char* key, const char* def) const;
  /// True when --key was given (with or without a value).
  bool has(const char* key) const;
  /// Exits with the usage text if a flag outside `known` was given.
  void check(const std::vector<const char*>& known, const char* usage) const;

 private:
  std::vector<std::pair<std::string, std::string>> kv_;
};

/// The CPUs the calling thread may run on, in increasing order.
std::vector<int> allowed_cpus();

/// Pins the calling thread to `cpu`, or to the last CPU it may run on when
/// `cpu` is negative. Returns the CPU, or exits when the kernel refuses.
int pin_to_cpu(int cpu);

/// CLOCK_MONOTONIC in nanoseconds.
double now_ns();

/// The 1-minute load average from /proc/loadavg.
double load1();

/// The number of CPUs online.
int cpus_online();

/// "opt" when the program was built with -c opt, else a warning word.
const char* build_mode();

/// One timed run: nanoseconds per operation, the fraction of its wall time
/// the thread spent runnable but waiting for the CPU (another task had it),
/// and the load average read when it started.
struct Sample {
  double ns_per_op = 0;
  double waited = 0;
  double load = 0;
};

/// A sample is clean when the thread waited for the CPU less than this
/// fraction of the time (other engineers share this machine).
inline constexpr double kCleanWait = 0.02;

/// Times `run()`, which returns how many operations it performed.
template <class F>
Sample measure(F&& run);

/// The repeated samples of one cell (implementation x configuration).
struct Cell {
  std::vector<Sample> samples;
  /// How many samples are clean.
  unsigned clean() const;
  /// The median ns/op over the clean samples, or over all of them when fewer
  /// than three are clean.
  double median() const;
};

/// Nanoseconds this thread has spent waiting on a run queue so far
/// (/proc/thread-self/schedstat), or 0 when the kernel does not say.
uint64_t run_delay_ns();

template <class F>
Sample measure(F&& run) {
  Sample s;
  s.load = load1();
  const uint64_t delay0 = run_delay_ns();
  const double t0 = now_ns();
  const unsigned long ops = run();
  const double t1 = now_ns();
  const uint64_t delay1 = run_delay_ns();
  s.ns_per_op = (t1 - t0) / static_cast<double>(ops);
  s.waited = static_cast<double>(delay1 - delay0) / (t1 - t0);
  return s;
}

/// One implementation in one configuration: `run(ops)` performs about `ops`
/// operations and returns how many it did; `cell` collects its samples.
struct Job {
  std::string name;
  std::function<unsigned long(unsigned long ops)> run;
  Cell cell;
};

/// What one round saw: the order it ran the implementations in, the load
/// average at its start, and how many of its samples waited for the CPU.
struct Round {
  std::string order;
  double load;
  unsigned disturbed;
  unsigned samples;
};

/// Runs `rounds` rounds; in each, every group (the implementations of one
/// configuration) runs once, its jobs in an order rotated by one each round,
/// each for about `ops` operations. Every job first runs once untimed for
/// about a tenth of that, to warm up.
std::vector<Round> run_rounds(std::vector<std::vector<Job>>& groups, unsigned rounds,
                              unsigned long ops);

/// Prints the rounds as a markdown table.
void print_rounds(const std::vector<Round>& rounds);

/// a / b formatted as a ratio, or "-" when either is missing.
std::string ratio(double a, double b);

/// The entries of `all` (anything with a `name`) named in `names`, in the
/// order of `all`; "all" selects every one. Exits on an unknown name.
template <class Impl>
std::vector<Impl> select_impls(const std::vector<Impl>& all, const std::vector<std::string>& names);

/// What a results table shows per cell: the median ns/op, or its inverse as
/// operations per second.
enum class Figure { ns_per_op, per_second };

/// Prints `groups` as a markdown table, a row per group: the row's `keys`
/// (under `key_headers`), each job's figure (headed "<job> <unit>"), with
/// `ratios` each fring* job's figure over liburing's and raw's where those
/// ran, and an "X-co" job's over X's (so above 1 is better for per_second,
/// below 1 for ns_per_op), and the
/// fewest clean samples of the row's jobs out of `rounds`.
void print_results(const std::vector<std::string>& key_headers,
                   const std::vector<std::vector<std::string>>& keys,
                   const std::vector<std::vector<Job>>& groups, Figure figure, const char* unit,
                   bool ratios, unsigned rounds);

/// A markdown table printed row by row: cells are strings.
class Table {
 public:
  explicit Table(std::vector<std::string> header);
  void row(std::vector<std::string> cells);
  /// Prints the header, the separator and every row.
  void print() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// printf into a std::string.
std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));

/// Prints "<program>: <message>" on stderr and exits with status 1.
[[noreturn]] void die(const char* format, ...) __attribute__((format(printf, 1, 2)));

/// Reports that implementation `impl` failed at `what` (a result, an errno
/// as a negative number, or a count) and exits: the benchmarks' loops call
/// it on any wrong completion. Cold and out of line.
[[noreturn, gnu::cold]] void failed(const char* impl, const char* what, long value);

/// Prints the lines every program's output starts with: build mode, CPU.
void print_preamble(const char* title, int cpu);

template <class Impl>
std::vector<Impl> select_impls(const std::vector<Impl>& all,
                               const std::vector<std::string>& names) {
  std::vector<Impl> out;
  for (const std::string& n : names) {
    bool known = n == "all";
    for (const Impl& impl : all) known = known || n == impl.name;
    if (!known) die("unknown implementation '%s'", n.c_str());
  }
  for (const Impl& impl : all) {
    for (const std::string& n : names) {
      if (n == "all" || n == impl.name) {
        out.push_back(impl);
        break;
      }
    }
  }
  return out;
}

}  // namespace bench

#endif  // FRING_BENCH_HARNESS_H
