// SPDX-License-Identifier: MIT
// A TCP echo server, one implementation per translation unit: multishot
// accept, a multishot recv per connection into a provided-buffer ring, and a
// send of each received buffer back, which returns the buffer to the ring
// when it completes. Driven by echo_bench.cc's client.
#ifndef FRING_BENCH_ECHO_H
#define FRING_BENCH_ECHO_H

#include <stdint.h>

#include <vector>

#include "bench/harness.h"

namespace bench {

/// The provided-buffer ring: kEchoBufs buffers of kEchoBufSize bytes, group 0.
inline constexpr unsigned kEchoBufs = 1024, kEchoBufSize = 2048, kEchoGroup = 0;
/// SQ entries of the server's ring (the CQ has twice as many).
inline constexpr unsigned kEchoEntries = 256;

/// One server. serve() sets up its ring in `mode` in the calling thread and
/// serves connections on `listen_fd` until the eventfd `stop_fd` is readable
/// and every connection it accepted is closed (close the clients first); it
/// exits the program on any unexpected completion.
struct EchoServer {
  const char* name;
  void (*serve)(Mode mode, int listen_fd, int stop_fd);
};

/// What a request's user_data says: its kind, the connection, and for a
/// send the buffer and the bytes [start, end) of it still to send.
enum class EchoKind : uint64_t { accept = 1, recv = 2, send = 3, stop = 4 };

struct EchoTag {
  EchoKind kind;
  int fd;
  unsigned bid, start, end;
};

inline uint64_t echo_encode(EchoKind kind, int fd, unsigned bid = 0, unsigned start = 0,
                            unsigned end = 0) {
  return static_cast<uint64_t>(kind) | uint64_t(static_cast<uint32_t>(fd) & 0xfffff) << 4 |
         uint64_t{bid & 0xffff} << 24 | uint64_t{start & 0xfff} << 40 | uint64_t{end & 0xfff} << 52;
}

inline EchoTag echo_decode(uint64_t data) {
  return EchoTag{static_cast<EchoKind>(data & 0xf), static_cast<int>((data >> 4) & 0xfffff),
                 static_cast<unsigned>((data >> 24) & 0xffff),
                 static_cast<unsigned>((data >> 40) & 0xfff),
                 static_cast<unsigned>((data >> 52) & 0xfff)};
}
static_assert(kEchoBufSize < 4096 && kEchoBufs <= 65536, "offsets and ids must fit the tag");

/// Sets TCP_NODELAY on an accepted connection and checks the fd fits the tag.
void echo_accepted(const char* impl, int fd);

std::vector<EchoServer> fring_echo_servers();  // echo_fring.cc
EchoServer co_echo_server();                   // echo_co.cc (fring/co)
EchoServer liburing_echo_server();             // echo_liburing.cc

}  // namespace bench

#endif  // FRING_BENCH_ECHO_H
