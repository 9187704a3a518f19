// SPDX-License-Identifier: MIT
// echo_client PORT CONNECTIONS: drives examples/echo over loopback with
// plain libc sockets. It opens CONNECTIONS connections at once; each sends
// its own byte stream (a pattern of its own, 64 KiB plus a different amount
// per connection, in writes of varying sizes) while reading the echo back,
// and checks every byte. Then it closes them all. Exit status 0 when every
// stream came back whole and in order; otherwise it says what went wrong.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Stream {
  int fd = -1;
  size_t total = 0;  // bytes to send, and to get back
  size_t sent = 0;
  size_t received = 0;
};

unsigned char pattern(size_t connection, size_t i) {
  return static_cast<unsigned char>(connection * 31 + i * 7 + (i >> 9));
}

[[noreturn]] void fail(const char* what) {
  fprintf(stderr, "echo_client: %s: %s\n", what, strerror(errno));
  exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: echo_client PORT CONNECTIONS\n");
    return 1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(atoi(argv[1])));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const size_t n = static_cast<size_t>(atoi(argv[2]));

  std::vector<Stream> streams(n);
  for (size_t c = 0; c < n; ++c) {
    Stream& s = streams[c];
    s.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s.fd < 0) fail("socket");
    if (connect(s.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) fail("connect");
    fcntl(s.fd, F_SETFL, O_NONBLOCK);
    s.total = 65536 + c * 3001;
  }

  std::vector<unsigned char> chunk(16384);
  size_t done = 0;
  size_t bytes = 0;
  while (done < n) {
    std::vector<pollfd> fds;
    std::vector<size_t> which;
    for (size_t c = 0; c < n; ++c) {
      const Stream& s = streams[c];
      if (s.received == s.total) continue;
      fds.push_back(pollfd{s.fd, static_cast<short>(POLLIN | (s.sent < s.total ? POLLOUT : 0)), 0});
      which.push_back(c);
    }
    const int ready = poll(fds.data(), fds.size(), 30000);
    if (ready < 0) fail("poll");
    if (ready == 0) {
      fprintf(stderr, "echo_client: no progress for 30 s (%zu of %zu streams done)\n", done, n);
      return 1;
    }
    for (size_t k = 0; k < fds.size(); ++k) {
      const size_t c = which[k];
      Stream& s = streams[c];
      if ((fds[k].revents & POLLOUT) && s.sent < s.total) {
        // Writes of 1 to 9000 bytes, so the server sees all sorts of sizes.
        size_t len = 1 + (s.sent * 13 + c * 101) % 9000;
        if (len > s.total - s.sent) len = s.total - s.sent;
        for (size_t i = 0; i < len; ++i) chunk[i] = pattern(c, s.sent + i);
        const ssize_t w = send(s.fd, chunk.data(), len, MSG_NOSIGNAL);
        if (w < 0 && errno != EAGAIN) fail("send");
        if (w > 0) s.sent += static_cast<size_t>(w);
      }
      if (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t r = recv(s.fd, chunk.data(), chunk.size(), 0);
        if (r < 0 && errno != EAGAIN) fail("recv");
        if (r == 0) {
          fprintf(stderr, "echo_client: connection %zu closed after %zu of %zu bytes\n", c,
                  s.received, s.total);
          return 1;
        }
        for (ssize_t i = 0; i < r; ++i) {
          if (chunk[static_cast<size_t>(i)] != pattern(c, s.received + static_cast<size_t>(i))) {
            fprintf(stderr, "echo_client: connection %zu: byte %zu differs\n", c,
                    s.received + static_cast<size_t>(i));
            return 1;
          }
        }
        if (r > 0) s.received += static_cast<size_t>(r);
        if (s.received > s.sent) {
          fprintf(stderr, "echo_client: connection %zu got more than it sent\n", c);
          return 1;
        }
        if (s.received == s.total) {
          ++done;
          bytes += s.total;
          close(s.fd);
        }
      }
    }
  }
  printf("echo_client: %zu connections, %zu bytes echoed back whole and in order\n", n, bytes);
  return 0;
}
