// SPDX-License-Identifier: MIT
// TCP echo over loopback: each server (fring, fring/co, liburing; see
// echo.h) runs in its own thread pinned to one CPU, and the same client, an
// epoll loop on another CPU, keeps one message in flight on each of 50
// connections:
// send 64 bytes, wait for all of them to come back and check them, send the
// next. Servers and connections stay up for the whole run; each sample
// drives a fixed number of messages through one server, interleaved and
// rotated as in the other benchmarks. Prints echoed messages per second.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/echo.h"
#include "bench/harness.h"

namespace {

using namespace bench;

constexpr char kUsage[] =
    "usage: echo_bench [--messages=N] [--rounds=N] [--conns=N] [--size=N] [--modes=plain,defer]\n"
    "                  [--impls=all|fring,fring-co,liburing] [--server-cpu=N] [--client-cpu=N]\n"
    "  --messages    messages echoed per cell and round (default 40000)\n"
    "  --rounds      rounds (default 5)\n"
    "  --conns       connections (default 50), each with one message in flight\n"
    "  --size        message bytes (default 64)\n"
    "  --server-cpu  default: the last CPU allowed; --client-cpu: the first\n";

constexpr int kNoProgressMs = 10000;

void set_nodelay(int fd) {
  const int one = 1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
    die("TCP_NODELAY: %s", strerror(errno));
  }
}

// The epoll client: `conns` connections to 127.0.0.1:`port`.
class Client {
 public:
  Client(uint16_t port, unsigned conns, unsigned size) : size_(size), conns_(conns) {
    ep_ = epoll_create1(EPOLL_CLOEXEC);
    if (ep_ < 0) die("epoll_create1: %s", strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (unsigned i = 0; i < conns; ++i) {
      Conn& c = conns_[i];
      c.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (c.fd < 0) die("socket: %s", strerror(errno));
      if (connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        die("connect: %s", strerror(errno));
      }
      set_nodelay(c.fd);
      c.sent.resize(size);
      c.got.resize(size);
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u32 = i;
      if (epoll_ctl(ep_, EPOLL_CTL_ADD, c.fd, &ev) != 0) die("epoll_ctl: %s", strerror(errno));
    }
  }
  ~Client() {
    close_connections();
    close(ep_);
  }

  void close_connections() {
    for (Conn& c : conns_) {
      if (c.fd >= 0) close(c.fd);
      c.fd = -1;
    }
  }

  // Echoes `messages` messages, one in flight per connection; returns them.
  unsigned long run(unsigned long messages) {
    unsigned long sent = 0, done = 0;
    for (unsigned i = 0; i < conns_.size() && sent < messages; ++i, ++sent) send_next(i);
    epoll_event events[64];
    while (done < messages) {
      const int n = epoll_wait(ep_, events, 64, kNoProgressMs);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) die("epoll_wait: %s", strerror(errno));
      if (n == 0) die("echo: no reply for %d ms (%lu of %lu done)", kNoProgressMs, done, messages);
      for (int e = 0; e < n; ++e) {
        const unsigned i = events[e].data.u32;
        Conn& c = conns_[i];
        const ssize_t r = read(c.fd, c.got.data() + c.have, size_ - c.have);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (r <= 0) die("echo: read: %s", r == 0 ? "server closed" : strerror(errno));
        c.have += static_cast<size_t>(r);
        if (c.have < size_) continue;
        if (c.got != c.sent) die("echo: connection %u got back other bytes than it sent", i);
        c.have = 0;
        ++done;
        if (sent < messages) {
          send_next(i);
          ++sent;
        }
      }
    }
    return messages;
  }

 private:
  struct Conn {
    int fd = -1;
    uint64_t seq = 0;
    size_t have = 0;
    std::vector<char> sent, got;
  };

  // Sends connection i's next message: its index, its sequence number, filler.
  void send_next(unsigned i) {
    Conn& c = conns_[i];
    ++c.seq;
    std::fill(c.sent.begin(), c.sent.end(), static_cast<char>('a' + c.seq % 26));
    memcpy(c.sent.data(), &i, std::min<size_t>(sizeof(i), size_));
    if (size_ >= 12) memcpy(c.sent.data() + 4, &c.seq, std::min<size_t>(8, size_ - 4));
    const ssize_t w = write(c.fd, c.sent.data(), size_);
    if (w != static_cast<ssize_t>(size_)) {
      die("echo: write: %s", w < 0 ? strerror(errno) : "short write");
    }
  }

  unsigned size_;
  int ep_ = -1;
  std::vector<Conn> conns_;
};

// One server thread with its listening socket, stop eventfd and client.
struct Running {
  int listen_fd = -1;
  int stop_fd = -1;
  std::thread thread;
  std::unique_ptr<Client> client;
};

std::unique_ptr<Running> start(const EchoServer& server, Mode mode, int cpu, unsigned conns,
                               unsigned size) {
  auto r = std::make_unique<Running>();
  r->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (r->listen_fd < 0) die("socket: %s", strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  if (bind(r->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      listen(r->listen_fd, 128) != 0 ||
      getsockname(r->listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    die("listen on 127.0.0.1: %s", strerror(errno));
  }
  r->stop_fd = eventfd(0, EFD_CLOEXEC);
  if (r->stop_fd < 0) die("eventfd: %s", strerror(errno));
  r->thread = std::thread([&server, mode, cpu, listen_fd = r->listen_fd, stop_fd = r->stop_fd] {
    pin_to_cpu(cpu);
    server.serve(mode, listen_fd, stop_fd);
  });
  r->client = std::make_unique<Client>(ntohs(addr.sin_port), conns, size);
  return r;
}

void stop(Running& r) {
  r.client->close_connections();
  const uint64_t one = 1;
  if (write(r.stop_fd, &one, sizeof(one)) != sizeof(one)) die("eventfd write: %s", strerror(errno));
  r.thread.join();
  close(r.stop_fd);
  close(r.listen_fd);
}

}  // namespace

namespace bench {

void echo_accepted(const char* impl, int fd) {
  if (fd >= (1 << 20)) failed(impl, "accepted fd too large for the tag", fd);
  set_nodelay(fd);
}

}  // namespace bench

int main(int argc, char** argv) {
  const Flags flags(argc, argv);
  flags.check(
      {"messages", "rounds", "conns", "size", "modes", "impls", "server-cpu", "client-cpu", "help"},
      kUsage);
  const unsigned long messages = flags.num("messages", 40000);
  const unsigned rounds = static_cast<unsigned>(flags.num("rounds", 5));
  const unsigned conns = static_cast<unsigned>(flags.num("conns", 50));
  const unsigned size = static_cast<unsigned>(flags.num("size", 64));
  if (conns == 0 || size == 0 || size > kEchoBufSize) {
    die("--conns must be positive and --size between 1 and %u", kEchoBufSize);
  }
  std::vector<Mode> modes;
  for (const std::string& m : flags.list("modes", "plain,defer")) {
    if (m != "plain" && m != "defer") die("unknown mode '%s'", m.c_str());
    modes.push_back(m == "plain" ? Mode::plain : Mode::defer);
  }
  std::vector<EchoServer> all = fring_echo_servers();
  all.push_back(co_echo_server());
  all.push_back(liburing_echo_server());
  const std::vector<EchoServer> servers = select_impls(all, flags.list("impls", "all"));

  // Servers on the last CPU allowed, the client on the first (the same one
  // when there is only one).
  const std::vector<int> cpus = allowed_cpus();
  const int server_cpu =
      static_cast<int>(flags.num("server-cpu", static_cast<unsigned long>(cpus.back())));
  const int client_cpu =
      static_cast<int>(flags.num("client-cpu", static_cast<unsigned long>(cpus.front())));
  pin_to_cpu(client_cpu);

  std::vector<std::unique_ptr<Running>> running;
  std::vector<std::vector<Job>> groups;
  for (Mode mode : modes) {
    std::vector<Job> group;
    for (const EchoServer& server : servers) {
      running.push_back(start(server, mode, server_cpu, conns, size));
      Client* client = running.back()->client.get();
      group.push_back(Job{server.name, [client](unsigned long n) { return client->run(n); }, {}});
    }
    groups.push_back(group);
  }
  const std::vector<Round> done = run_rounds(groups, rounds, messages);
  for (auto& r : running) stop(*r);

  print_preamble("TCP echo over loopback: messages/s", -1);
  printf(
      "%u connections, %u-byte messages, one in flight per connection; servers pinned to\n"
      "CPU %d, the epoll client to CPU %d. Multishot accept, multishot recv into a ring of\n"
      "%u provided buffers, send. %lu messages per cell and round, %u rounds, interleaved;\n"
      "medians over clean samples (the client's wait for its CPU).\n\n",
      conns, size, server_cpu, client_cpu, kEchoBufs, messages, rounds);
  std::vector<std::vector<std::string>> keys;
  for (size_t g = 0; g < groups.size(); ++g) keys.push_back({mode_name(modes[g])});
  print_results({"mode"}, keys, groups, Figure::per_second, "msgs/s", true, rounds);
  printf("### Echo rounds\n\n");
  print_rounds(done);
  return 0;
}
