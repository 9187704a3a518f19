// SPDX-License-Identifier: MIT
// The shared benchmark harness (see harness.h): flags, pinning, clocks,
// scheduler statistics, medians and markdown tables.
#include "bench/harness.h"

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>

namespace bench {

Flags::Flags(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (strncmp(a, "--", 2) != 0) die("unexpected argument '%s' (flags are --key=value)", a);
    a += 2;
    const char* eq = strchr(a, '=');
    if (eq == nullptr) {
      kv_.emplace_back(a, "");
    } else {
      kv_.emplace_back(std::string(a, eq), std::string(eq + 1));
    }
  }
}

unsigned long Flags::num(const char* key, unsigned long def) const {
  for (const auto& [k, v] : kv_) {
    if (k != key) continue;
    char* end = nullptr;
    const unsigned long n = strtoul(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0') die("--%s wants a number, not '%s'", key, v.c_str());
    return n;
  }
  return def;
}

std::string Flags::str(const char* key, const char* def) const {
  for (const auto& [k, v] : kv_) {
    if (k == key) return v;
  }
  return def;
}

std::vector<std::string> Flags::list(const char* key, const char* def) const {
  const std::string all = str(key, def);
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= all.size()) {
    const size_t comma = all.find(',', start);
    const size_t end = comma == std::string::npos ? all.size() : comma;
    if (end > start) out.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<unsigned> Flags::nums(const char* key, const char* def) const {
  std::vector<unsigned> out;
  for (const std::string& v : list(key, def)) {
    char* end = nullptr;
    const unsigned long n = strtoul(v.c_str(), &end, 10);
    if (*end != '\0' || n == 0) die("--%s wants positive numbers, not '%s'", key, v.c_str());
    out.push_back(static_cast<unsigned>(n));
  }
  return out;
}

bool Flags::has(const char* key) const {
  for (const auto& kv : kv_) {
    if (kv.first == key) return true;
  }
  return false;
}

void Flags::check(const std::vector<const char*>& known, const char* usage) const {
  for (const auto& kv : kv_) {
    bool ok = false;
    for (const char* k : known) ok = ok || kv.first == k;
    if (kv.first == "help") {
      fputs(usage, stdout);
      exit(0);
    }
    if (!ok) {
      fprintf(stderr, "unknown flag --%s\n%s", kv.first.c_str(), usage);
      exit(2);
    }
  }
}

std::vector<int> allowed_cpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) != 0) die("sched_getaffinity: %s", strerror(errno));
  std::vector<int> cpus;
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (CPU_ISSET(c, &set)) cpus.push_back(c);
  }
  return cpus;
}

int pin_to_cpu(int cpu) {
  if (cpu < 0) cpu = allowed_cpus().back();
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof(set), &set) != 0) {
    die("sched_setaffinity(CPU %d): %s", cpu, strerror(errno));
  }
  return cpu;
}

double now_ns() {
  timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

double load1() {
  FILE* f = fopen("/proc/loadavg", "r");
  double load = -1;
  if (f != nullptr) {
    if (fscanf(f, "%lf", &load) != 1) load = -1;
    fclose(f);
  }
  return load;
}

int cpus_online() { return static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)); }

const char* build_mode() {
#if defined(FRING_BENCH_OPT)
  return "opt";
#else
  return "NOT-OPTIMIZED (use bazel run -c opt)";
#endif
}

uint64_t run_delay_ns() {
  // Fields: time on the CPU, time waiting on a run queue, timeslices (ns).
  FILE* f = fopen("/proc/thread-self/schedstat", "r");
  unsigned long long on_cpu = 0, waiting = 0;
  if (f != nullptr) {
    if (fscanf(f, "%llu %llu", &on_cpu, &waiting) != 2) waiting = 0;
    fclose(f);
  }
  return waiting;
}

unsigned Cell::clean() const {
  unsigned n = 0;
  for (const Sample& s : samples) n += s.waited < kCleanWait ? 1 : 0;
  return n;
}

double Cell::median() const {
  std::vector<double> v;
  const bool enough_clean = clean() >= 3;
  for (const Sample& s : samples) {
    if (!enough_clean || s.waited < kCleanWait) v.push_back(s.ns_per_op);
  }
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Table::Table(std::vector<std::string> header) : header_(std::move(header)) {}

void Table::row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

void Table::print() const {
  auto line = [](const std::vector<std::string>& cells) {
    fputs("|", stdout);
    for (const std::string& c : cells) printf(" %s |", c.c_str());
    fputs("\n", stdout);
  };
  line(header_);
  fputs("|", stdout);
  for (size_t i = 0; i < header_.size(); ++i) fputs(i == 0 ? "---|" : "---:|", stdout);
  fputs("\n", stdout);
  for (const auto& r : rows_) line(r);
  fputs("\n", stdout);
  fflush(stdout);
}

std::string fmt(const char* format, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, format);
  vsnprintf(buf, sizeof(buf), format, ap);
  va_end(ap);
  return buf;
}

void die(const char* format, ...) {
  fflush(stdout);
  fprintf(stderr, "%s: ", program_invocation_short_name);
  va_list ap;
  va_start(ap, format);
  vfprintf(stderr, format, ap);
  va_end(ap);
  fputs("\n", stderr);
  exit(1);
}

std::vector<Round> run_rounds(std::vector<std::vector<Job>>& groups, unsigned rounds,
                              unsigned long ops) {
  for (auto& group : groups) {
    for (Job& job : group) job.run(ops / 10 + 1);
  }
  std::vector<Round> out;
  for (unsigned r = 0; r < rounds; ++r) {
    Round round{"", load1(), 0, 0};
    for (auto& group : groups) {
      const size_t n = group.size();
      for (size_t k = 0; k < n; ++k) {
        Job& job = group[(k + r) % n];
        if (&group == &groups.front()) round.order += (k > 0 ? ", " : "") + job.name;
        const Sample s = measure([&job, ops] { return job.run(ops); });
        job.cell.samples.push_back(s);
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

void print_results(const std::vector<std::string>& key_headers,
                   const std::vector<std::vector<std::string>>& keys,
                   const std::vector<std::vector<Job>>& groups, Figure figure, const char* unit,
                   bool ratios, unsigned rounds) {
  if (groups.empty()) return;
  const std::vector<Job>& first = groups.front();
  std::vector<std::string> header = key_headers;
  for (const Job& job : first) header.push_back(job.name + " " + unit);
  // (fring*, peer) column pairs: each fring implementation over liburing and
  // raw, and fring/co's ("X-co") over the plain loop it is written beside (X).
  std::vector<std::pair<size_t, size_t>> pairs;
  for (size_t i = 0; ratios && i < first.size(); ++i) {
    const std::string& name = first[i].name;
    if (name.rfind("fring", 0) != 0) continue;
    const bool co = name.size() > 3 && name.compare(name.size() - 3, 3, "-co") == 0;
    const std::string plain = co ? name.substr(0, name.size() - 3) : "";
    for (const std::string& peer : {plain, std::string("liburing"), std::string("raw")}) {
      for (size_t j = 0; j < first.size(); ++j) {
        if (peer.empty() || first[j].name != peer) continue;
        header.push_back(name + "/" + peer);
        pairs.emplace_back(i, j);
      }
    }
  }
  header.push_back("clean");
  Table table(header);
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::string> row = keys[g];
    unsigned clean = rounds;
    for (const Job& job : groups[g]) {
      const double ns = job.cell.median();
      row.push_back(figure == Figure::ns_per_op ? fmt("%.1f", ns) : fmt("%.0f", 1e9 / ns));
      clean = std::min(clean, job.cell.clean());
    }
    for (const auto& [a, b] : pairs) {
      const double ns_a = groups[g][a].cell.median();
      const double ns_b = groups[g][b].cell.median();
      row.push_back(figure == Figure::ns_per_op ? ratio(ns_a, ns_b) : ratio(ns_b, ns_a));
    }
    row.push_back(fmt("%u/%u", clean, rounds));
    table.row(row);
  }
  table.print();
}

std::string ratio(double a, double b) {
  if (a <= 0 || b <= 0) return "-";
  return fmt("%.3f", a / b);
}

void failed(const char* impl, const char* what, long value) {
  die("%s: %s: %ld", impl, what, value);
}

void print_preamble(const char* title, int cpu) {
  printf("## %s\n\n", title);
  printf("Build: %s. ", build_mode());
  if (cpu >= 0) printf("Pinned to CPU %d of %d. ", cpu, cpus_online());
  printf("Load average (1 min) at start: %.2f.\n\n", load1());
}

}  // namespace bench
