// SPDX-License-Identifier: MIT
// timer [TICKS [INTERVAL_MS]]: io_uring's timeouts, one after the other.
//   1. A plain timeout: completes with -ETIME once its time is up.
//   2. A timeout that counts instead: it completes with 0 as soon as another
//      request has completed, long before its time.
//   3. A timeout moved earlier (timeout_flag::update) before it fires.
//   4. A linked timeout bounding a read that would wait forever.
//   5. A periodic timer: one multishot timeout (timeout_flag::multishot)
//      that completes TICKS times, INTERVAL_MS apart, from one SQE.
// Each step checks what the kernel reported and says so; any surprise is
// named on stderr with exit status 1, a missing kernel feature gives 77.
#include <linux/time_types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "examples/report.h"
#include "fring/fring.h"

namespace {

using example::die;

__kernel_timespec after_ms(long ms) {
  __kernel_timespec ts{};
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (ms % 1000) * 1000000;
  return ts;
}

double now_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// Waits for the next CQE and returns a copy of it, consumed.
fring::Cqe next(fring::Ring& ring) {
  example::must(ring.submit(), "submitting");
  fring::Cqe* cqe = example::must(ring.wait_cqe(), "waiting");
  const fring::Cqe copy = *cqe;
  ring.cqe_seen(cqe);
  return copy;
}

// Dies unless `cqe` carries `user_data` and the result `want` (0 or -errno).
void expect(const fring::Cqe& cqe, uint64_t user_data, int want, const char* what) {
  if (cqe.user_data != user_data || cqe.res != want) {
    fprintf(stderr, "timer: %s: expected user_data %llu res %d, got %llu res %d\n", what,
            static_cast<unsigned long long>(user_data), want,
            static_cast<unsigned long long>(cqe.user_data), cqe.res);
    exit(1);
  }
}

void plain(fring::Ring& ring) {
  const __kernel_timespec ts = after_ms(10);
  const double start = now_ms();
  fring::prep_timeout(*ring.get_sqe(), &ts, 0, 0);
  expect(next(ring), 0, -ETIME, "a 10 ms timeout");
  printf("timeout: fired after %.0f ms (asked 10 ms)\n", now_ms() - start);
}

void counting(fring::Ring& ring) {
  const __kernel_timespec ts = after_ms(10000);
  fring::Sqe* t = ring.get_sqe();
  fring::prep_timeout(*t, &ts, 1, 0);  // or once 1 other request completed
  fring::sqe_set_data64(*t, 1);
  fring::Sqe* nop = ring.get_sqe();
  fring::prep_nop(*nop);
  fring::sqe_set_data64(*nop, 2);
  const fring::Cqe a = next(ring);
  const fring::Cqe b = next(ring);
  const fring::Cqe& timeout = a.user_data == 1 ? a : b;
  expect(timeout, 1, 0, "a 10 s timeout counting one completion");
  printf("timeout: ended by a completion, not its 10 s\n");
}

void updated(fring::Ring& ring) {
  const __kernel_timespec far = after_ms(10000);
  const __kernel_timespec soon = after_ms(5);
  fring::Sqe* t = ring.get_sqe();
  fring::prep_timeout(*t, &far, 0, 0);
  fring::sqe_set_data64(*t, 3);
  fring::Sqe* u = ring.get_sqe();
  fring::prep_timeout_update(*u, &soon, 3, 0);
  fring::sqe_set_data64(*u, 4);
  fring::Cqe a = next(ring);
  fring::Cqe b = next(ring);
  if (a.user_data != 4) {
    const fring::Cqe swap = a;
    a = b;
    b = swap;
  }
  if (a.res == -EINVAL) example::unsupported("kernel lacks timeout_flag::update (Linux 5.11)");
  expect(a, 4, 0, "updating a timeout");
  expect(b, 3, -ETIME, "the updated timeout");
  printf("timeout: moved from 10 s to 5 ms, fired\n");
}

void linked(fring::Ring& ring) {
  int fds[2];
  if (pipe(fds) != 0) die("pipe", static_cast<fring::Errno>(errno));
  char byte;
  const __kernel_timespec ts = after_ms(20);
  fring::Sqe* rd = ring.get_sqe();
  fring::prep_read(*rd, fds[0], &byte, 1, ~0ULL);  // nobody ever writes
  fring::sqe_set_data64(*rd, 5);
  fring::sqe_set_flags(*rd, fring::sqe_flag::io_link);
  fring::Sqe* lt = ring.get_sqe();
  fring::prep_link_timeout(*lt, &ts, 0);
  fring::sqe_set_data64(*lt, 6);
  fring::Cqe a = next(ring);
  fring::Cqe b = next(ring);
  if (a.user_data != 5) {
    const fring::Cqe swap = a;
    a = b;
    b = swap;
  }
  expect(a, 5, -ECANCELED, "a read bounded by a linked timeout");
  expect(b, 6, -ETIME, "the linked timeout");
  close(fds[0]);
  close(fds[1]);
  printf("link timeout: cancelled a read after 20 ms\n");
}

void periodic(fring::Ring& ring, unsigned ticks, long interval_ms) {
  const __kernel_timespec ts = after_ms(interval_ms);
  fring::Sqe* t = ring.get_sqe();
  fring::prep_timeout(*t, &ts, ticks, fring::timeout_flag::multishot);
  fring::sqe_set_data64(*t, 7);
  const double start = now_ms();
  for (unsigned i = 1; i <= ticks; ++i) {
    const fring::Cqe tick = next(ring);
    if (i == 1 && tick.res == -EINVAL) {
      example::unsupported("kernel lacks timeout_flag::multishot (Linux 6.4)");
    }
    expect(tick, 7, -ETIME, "a tick of the periodic timer");
    // Every tick but the last promises more.
    const bool more = (tick.flags & fring::cqe_flag::more) != 0;
    if (more != (i < ticks)) die("cqe_flag::more set on the wrong tick");
    printf("tick %u at %.0f ms\n", i, now_ms() - start);
  }
  printf("periodic: %u ticks from one SQE\n", ticks);
}

}  // namespace

int main(int argc, char** argv) {
  example::program = "timer";
  const unsigned ticks = argc > 1 ? static_cast<unsigned>(atoi(argv[1])) : 5;
  const long interval_ms = argc > 2 ? atol(argv[2]) : 100;
  if (ticks == 0 || interval_ms <= 0) {
    fprintf(stderr, "usage: timer [TICKS [INTERVAL_MS]] (both positive)\n");
    return 1;
  }
  fring::Params p{};
  fring::Ring ring = example::make_ring(8, p, "");
  plain(ring);
  counting(ring);
  updated(ring);
  linked(ring);
  periodic(ring, ticks, interval_ms);
  return 0;
}
