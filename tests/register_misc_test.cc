// SPDX-License-Identifier: MIT
// The register operations that are not tables: eventfd notification,
// personalities, restrictions on a disabled ring, BPF filters, io-wq
// affinity and worker limits, synchronous cancel, NAPI settings, the wait
// clock, MSG_RING without a source ring, and zero-copy receive. Each
// shows the operation's effect on the kernel, not just its return value.
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cerrno>

#include <array>
#include <cstdio>
#include <cstring>
#include <string>

#include "tests/support/files.h"
#include "tests/support/fring_test.h"
#include "tests/support/ring_util.h"

namespace fring {

namespace {

// Submits one NOP with `sqe_flags` and user_data `data`; returns its res.
int nop(Ring& ring, uint8_t sqe_flags = 0, uint64_t data = 0) {
  Sqe* sqe = test::get_sqe(ring);
  REQUIRE(sqe != nullptr);
  prep_nop(*sqe);
  sqe_set_flags(*sqe, sqe_flags);
  sqe_set_data64(*sqe, data);
  test::submit(ring, 1);
  const Cqe c = test::reap(ring);
  CHECK(c.user_data == data);
  return c.res;
}

// True when `fd` becomes readable. The limit only turns a kernel that never
// signals into a failure instead of a hang; a passing run never waits for it.
bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 10000) == 1 && (p.revents & POLLIN);
}

bool readable_now(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 0) == 1;
}

// A value a child never reports, so the parent sees what the child skipped.
constexpr int kUnset = -1000000;

// Runs `body(out)` in a forked child (which may change its credentials or
// attach task-wide state without touching this process) and returns the N
// ints it stored in `out`. The child makes no doctest assertion: it only
// reports, and the parent checks.
template <size_t N, class F>
std::array<int, N> in_child(F body) {
  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(p[0]);
    std::array<int, N> out;
    out.fill(kUnset);
    body(out);
    const ssize_t n = write(p[1], out.data(), sizeof(out));
    _exit(n == static_cast<ssize_t>(sizeof(out)) ? 0 : 1);
  }
  close(p[1]);
  std::array<int, N> out;
  out.fill(kUnset);
  const ssize_t n = read(p[0], out.data(), sizeof(out));
  close(p[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(n == static_cast<ssize_t>(sizeof(out)));
  return out;
}

// -errno of a Result, or `value` when it holds one.
template <class T>
int code(const Result<T>& r, int value = 0) {
  return r.ok() ? value : -static_cast<int>(r.error());
}

}  // namespace

// ---------------------------------------------------------------------------
// eventfd

TEST_CASE("register_eventfd: readable after a completion") {
  FRING_RING(ring, 4);
  const int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  REQUIRE(efd >= 0);
  CHECK(test::error_of(register_eventfd(ring, -1)) == Errno::ebadf);
  REQUIRE(register_eventfd(ring, efd).ok());
  CHECK(test::error_of(register_eventfd(ring, efd)) == Errno::ebusy);
  CHECK_FALSE(readable_now(efd));

  CHECK(nop(ring) == 0);
  CHECK(readable(efd));
  uint64_t count = 0;
  CHECK(read(efd, &count, sizeof(count)) == sizeof(count));
  CHECK(count >= 1);

  // Unregistered, the eventfd hears nothing more.
  REQUIRE(unregister_eventfd(ring).ok());
  CHECK(test::error_of(unregister_eventfd(ring)) == Errno::enxio);
  CHECK(nop(ring) == 0);
  CHECK_FALSE(readable_now(efd));
  close(efd);
}

TEST_CASE("register_eventfd_async: only completions from io-wq signal") {
  FRING_REQUIRE_REGISTER_OP(reg_op::eventfd_async);
  FRING_RING(ring, 4);
  const int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  REQUIRE(efd >= 0);
  REQUIRE(register_eventfd_async(ring, efd).ok());

  CHECK(nop(ring) == 0);  // completes inline, during submission
  CHECK_FALSE(readable_now(efd));

  CHECK(nop(ring, sqe_flag::async) == 0);  // completes in an io-wq worker
  CHECK(readable(efd));
  uint64_t count = 0;
  CHECK(read(efd, &count, sizeof(count)) == sizeof(count));
  CHECK(count >= 1);
  CHECK(unregister_eventfd(ring).ok());
  close(efd);
}

// ---------------------------------------------------------------------------
// personality

TEST_CASE("register_personality: a request runs with the saved credentials") {
  FRING_REQUIRE_REGISTER_OP(reg_op::personality);
  if (geteuid() != 0) FRING_SKIP("needs root: the child drops root's capabilities");
  {
    FRING_RING(ring, 2);
    auto first = register_personality(ring);
    REQUIRE(first.ok());
    auto second = register_personality(ring);
    REQUIRE(second.ok());
    CHECK(first.value() >= 1);
    CHECK(second.value() != first.value());
    CHECK(unregister_personality(ring, first.value()).ok());
    CHECK(test::error_of(unregister_personality(ring, first.value())) == Errno::einval);
  }

  // A file with mode 0000: only CAP_DAC_OVERRIDE opens it. The child saves
  // its credentials, drops every capability (which works in a user
  // namespace too, unlike switching uid), and opens the file with and
  // without the saved ones.
  const std::string path = test::temp_path("regmisc_personality");
  const int fd = open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  close(fd);
  const auto out = in_child<4>([&](std::array<int, 4>& r) {
    auto ring = test::set_up_waiting([&] { return Ring::queue_init(2); });
    if (!ring.ok()) return;
    auto id = register_personality(ring.value());
    r[0] = code(id, 1);
    if (!id.ok()) return;
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct none[2] = {};
    r[1] = syscall(SYS_capset, &header, none) == 0 ? 0 : -errno;
    for (int i = 0; i < 2; ++i) {
      Sqe* sqe = ring.value().get_sqe();
      prep_openat(*sqe, at::fdcwd, path.c_str(), O_RDONLY | O_CLOEXEC, 0);
      if (i == 1) sqe_set_personality(*sqe, static_cast<uint16_t>(id.value()));
      if (!ring.value().submit().ok()) return;
      auto cqe = ring.value().wait_cqe();
      if (!cqe.ok()) return;
      r[2 + i] = cqe.value()->res;
      ring.value().cqe_seen(cqe.value());
    }
  });
  unlink(path.c_str());
  CHECK(out[0] == 1);
  CHECK(out[1] == 0);
  CHECK(out[2] == -EACCES);  // without capabilities, no
  CHECK(out[3] >= 0);        // with the saved credentials, yes
}

// ---------------------------------------------------------------------------
// restrictions

TEST_CASE("register_restrictions and enable_rings") {
  FRING_REQUIRE_REGISTER_OP(reg_op::restrictions);
  {
    FRING_RING(open_ring, 2);
    const Restriction none[1] = {};
    CHECK(test::error_of(register_restrictions(open_ring, none, 1)) == Errno::ebadfd);
    CHECK(test::error_of(enable_rings(open_ring)) == Errno::ebadfd);
  }
  FRING_RING(ring, 4, setup::r_disabled);
  // A disabled ring takes no SQEs; the NOP queued here runs once enabled.
  Sqe* early = test::get_sqe(ring);
  prep_nop(*early);
  sqe_set_data64(*early, 1);
  // A disabled ring refuses io_uring_enter; an SQPOLL ring's thread has not
  // started, and its submit does not enter the kernel.
  if (!test::sqpoll(ring)) CHECK(test::error_of(ring.submit()) == Errno::ebadfd);

  Restriction res[3] = {};
  res[0].opcode = restriction::sqe_op;
  res[0].sqe_op = op::nop;
  res[1].opcode = restriction::sqe_op;
  res[1].sqe_op = op::write;
  res[2].opcode = restriction::register_op;
  res[2].register_op = reg_op::personality;
  REQUIRE(register_restrictions(ring, res, 3).ok());
  CHECK(test::error_of(register_restrictions(ring, res, 3)) == Errno::ebusy);
  REQUIRE(enable_rings(ring).ok());
  // From now on the restrictions hold, and ENABLE_RINGS is not among them.
  CHECK(test::error_of(enable_rings(ring)) == Errno::eacces);

  test::submit(ring, 1);
  const Cqe first = test::reap(ring);
  CHECK(first.user_data == 1);
  CHECK(first.res == 0);

  int pipefd[2];
  REQUIRE(pipe2(pipefd, O_CLOEXEC) == 0);
  char byte = 'r';
  Sqe* sqe = test::get_sqe(ring);
  prep_write(*sqe, pipefd[1], &byte, 1, 0);
  sqe_set_data64(*sqe, 2);
  sqe = test::get_sqe(ring);
  prep_read(*sqe, pipefd[0], &byte, 1, 0);  // not allowed
  sqe_set_data64(*sqe, 3);
  test::submit(ring, 2);
  for (int i = 0; i < 2; ++i) {
    const Cqe c = test::reap(ring);
    CHECK(c.res == (c.user_data == 2 ? 1 : -EACCES));
  }
  // Register operations: only PERSONALITY was allowed.
  auto id = register_personality(ring);
  CHECK(id.ok());
  const int fds[1] = {pipefd[0]};
  CHECK(test::error_of(register_files(ring, fds, 1)) == Errno::eacces);
  close(pipefd[0]);
  close(pipefd[1]);
}

// ---------------------------------------------------------------------------
// BPF filters (Linux 7.0)

namespace {

// Denies every request whose user_data's low 32 bits are 0xdead: the
// program reads BpfCtx.user_data (offset 0, native byte order).
sock_filter g_deny_dead[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xdead, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, 0),
    BPF_STMT(BPF_RET | BPF_K, 1),
};
sock_filter g_allow[] = {BPF_STMT(BPF_RET | BPF_K, 1)};
sock_filter g_deny[] = {BPF_STMT(BPF_RET | BPF_K, 0)};

template <size_t N>
Bpf filter_for(unsigned opcode, sock_filter (&prog)[N], uint32_t flags = 0) {
  Bpf bpf{};
  bpf.cmd_type = bpf_cmd::filter;
  bpf.filter.opcode = opcode;
  bpf.filter.flags = flags;
  bpf.filter.filter_len = static_cast<uint32_t>(N);
  bpf.filter.filter_ptr = reinterpret_cast<uintptr_t>(prog);
  return bpf;
}

// Reads one byte from a pipe holding one through `ring`; returns res.
int read_a_byte(Ring& ring) {
  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC) == 0);
  REQUIRE(write(p[1], "x", 1) == 1);
  char c;
  Sqe* sqe = test::get_sqe(ring);
  prep_read(*sqe, p[0], &c, 1, 0);
  test::submit(ring, 1);
  const int res = test::reap(ring).res;
  close(p[0]);
  close(p[1]);
  return res;
}

}  // namespace

TEST_CASE("register_bpf_filter: a cBPF program denies matching NOPs") {
  FRING_REQUIRE_REGISTER_OP(reg_op::bpf_filter);
  FRING_RING(ring, 4);
  Bpf bad = filter_for(255, g_allow);  // no such opcode
  CHECK(test::error_of(register_bpf_filter(ring, &bad)) == Errno::einval);
  Bpf bpf = filter_for(op::nop, g_deny_dead);
  REQUIRE(register_bpf_filter(ring, &bpf).ok());
  CHECK(bpf.filter.pdu_size == 0);  // NOP gives its filters no extra context

  CHECK(nop(ring, 0, 1) == 0);
  CHECK(nop(ring, 0, 0xdead) == -EACCES);
  CHECK(nop(ring, 0, 0x10000dead) == -EACCES);  // the program reads the low 32 bits only
  CHECK(nop(ring, 0, 0xbeef) == 0);
  CHECK(read_a_byte(ring) == 1);  // other opcodes have no filter

  // A second ring: allow NOP, deny every opcode without a filter.
  FRING_RING(strict, 4);
  Bpf only_nop = filter_for(op::nop, g_allow, bpf_filter_flag::deny_rest);
  REQUIRE(register_bpf_filter(strict, &only_nop).ok());
  CHECK(nop(strict, 0, 0xdead) == 0);
  CHECK(read_a_byte(strict) == -EACCES);
}

TEST_CASE("register_bpf_filter_task: the task's new rings deny the opcode") {
  FRING_REQUIRE_REGISTER_OP(reg_op::bpf_filter);
  if (geteuid() != 0) FRING_SKIP("needs CAP_SYS_ADMIN (or no_new_privs) for a task filter");
  // Task filters cannot be removed: attach it in a child.
  const auto out = in_child<3>([](std::array<int, 3>& r) {
    Bpf bpf = filter_for(op::nop, g_deny);
    r[0] = code(register_bpf_filter_task(&bpf));
    auto ring = test::set_up_waiting([&] { return Ring::queue_init(2); });
    if (!ring.ok()) return;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return;
    for (int i = 0; i < 2; ++i) {
      Sqe* sqe = ring.value().get_sqe();
      if (i == 0) {
        prep_nop(*sqe);
      } else {
        prep_write(*sqe, p[1], "w", 1, 0);
      }
      if (!ring.value().submit().ok()) return;
      auto cqe = ring.value().wait_cqe();
      if (!cqe.ok()) return;
      r[1 + i] = cqe.value()->res;
      ring.value().cqe_seen(cqe.value());
    }
  });
  CHECK(out[0] == 0);
  CHECK(out[1] == -EACCES);  // NOP is denied in every ring of the task
  CHECK(out[2] == 1);        // other opcodes are not
  FRING_RING(ring, 2);
  CHECK(nop(ring) == 0);  // and this task is untouched
}

// ---------------------------------------------------------------------------
// io-wq

namespace {

// The Cpus_allowed_list of every io-wq worker thread ("iou-wrk-*") of this
// process, each followed by a space.
std::string worker_cpus() {
  std::string all;
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) return all;
  while (const dirent* e = readdir(tasks)) {
    if (e->d_name[0] == '.') continue;
    const std::string dir = std::string("/proc/self/task/") + e->d_name;
    char comm[32] = {};
    if (FILE* f = fopen((dir + "/comm").c_str(), "r")) {
      if (fgets(comm, sizeof(comm), f) == nullptr) comm[0] = 0;
      fclose(f);
    }
    if (std::strncmp(comm, "iou-wrk-", 8) != 0) continue;
    if (FILE* f = fopen((dir + "/status").c_str(), "r")) {
      char line[256];
      char list[200];
      while (fgets(line, sizeof(line), f) != nullptr) {
        if (sscanf(line, "Cpus_allowed_list: %199s", list) == 1) all += std::string(list) + " ";
      }
      fclose(f);
    }
  }
  closedir(tasks);
  return all;
}

// Opens the FIFO at `path` for writing once a reader has it open; -1 if no
// reader comes (the limit only bounds a failing run).
int open_writer(const char* path) {
  for (int i = 0; i < 1000; ++i) {
    const int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0 || errno != ENXIO) return fd;
    timespec t{0, 10 * 1000 * 1000};
    nanosleep(&t, nullptr);
  }
  return -1;
}

}  // namespace

TEST_CASE("register_iowq_aff: new io-wq workers run on the given CPUs") {
  FRING_REQUIRE_REGISTER_OP(reg_op::iowq_aff);
  const std::string fifo = test::temp_path("regmisc_iowq_fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  // A child starts with no io-wq workers, so the one it sees is the one the
  // open below starts.
  const auto out = in_child<5>([&](std::array<int, 5>& r) {
    auto ring = test::set_up_waiting([&] { return Ring::queue_init(4); });
    if (!ring.ok()) return;
    Ring& rg = ring.value();
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) return;
    int cpu = 0;
    for (int i = 0; i < CPU_SETSIZE; ++i) {
      if (CPU_ISSET(i, &allowed)) cpu = i;  // the highest, unlike a default "0-n"
    }
    r[0] = cpu;
    cpu_set_t mask;
    CPU_ZERO(&mask);
    CPU_SET(cpu, &mask);
    Sqe* sqe = rg.get_sqe();
    prep_nop(*sqe);  // gives the task its io-wq
    if (!rg.submit_and_wait(1).ok()) return;
    rg.cq_advance(1);
    r[1] = code(register_iowq_aff(rg, sizeof(mask), &mask));
    // An open of a FIFO with no writer blocks its worker until one comes.
    sqe = rg.get_sqe();
    prep_openat(*sqe, at::fdcwd, fifo.c_str(), O_RDONLY | O_CLOEXEC, 0);
    sqe_set_flags(*sqe, sqe_flag::async);
    if (!rg.submit().ok()) return;
    std::string cpus;
    for (int i = 0; i < 1000 && cpus.empty(); ++i) {
      cpus = worker_cpus();
      timespec t{0, cpus.empty() ? 10 * 1000 * 1000 : 0};
      nanosleep(&t, nullptr);
    }
    r[2] = cpus == std::to_string(cpu) + " " ? 1 : 0;
    const int writer = open_writer(fifo.c_str());
    if (writer < 0) return;
    auto cqe = rg.wait_cqe();
    if (!cqe.ok()) return;
    r[3] = cqe.value()->res >= 0 ? 0 : cqe.value()->res;
    if (cqe.value()->res >= 0) close(cqe.value()->res);
    close(writer);
    rg.cqe_seen(cqe.value());
    r[4] = code(unregister_iowq_aff(rg));
  });
  unlink(fifo.c_str());
  INFO("chosen CPU ", out[0]);
  CHECK(out[1] == 0);
  CHECK(out[2] == 1);  // exactly one worker, allowed only that CPU
  CHECK(out[3] == 0);
  CHECK(out[4] == 0);
  FRING_RING(ring, 2);
  cpu_set_t mask;
  CPU_ZERO(&mask);
  CHECK(test::error_of(register_iowq_aff(ring, 0, &mask)) == Errno::einval);
  CHECK(test::error_of(register_iowq_aff(ring, size_t{1} << 31, &mask)) == Errno::einval);
}

TEST_CASE("register_iowq_max_workers reads back the previous limits") {
  FRING_REQUIRE_REGISTER_OP(reg_op::iowq_max_workers);
  FRING_RING(ring, 4);
  CHECK(nop(ring) == 0);  // the task now has an io-wq
  unsigned original[2] = {0, 0};
  REQUIRE(register_iowq_max_workers(ring, original).ok());  // 0: only read
  CHECK(original[iowq::bound] > 0);
  CHECK(original[iowq::unbound] > 0);

  unsigned limits[2] = {1, 2};
  REQUIRE(register_iowq_max_workers(ring, limits).ok());
  CHECK(limits[iowq::bound] == original[iowq::bound]);
  CHECK(limits[iowq::unbound] == original[iowq::unbound]);
  unsigned now[2] = {0, 0};
  REQUIRE(register_iowq_max_workers(ring, now).ok());
  CHECK(now[iowq::bound] == 1);
  CHECK(now[iowq::unbound] == 2);
  CHECK(nop(ring, sqe_flag::async) == 0);  // work still runs under the limit

  unsigned too_many[2] = {0x80000000U, 0};
  CHECK(test::error_of(register_iowq_max_workers(ring, too_many)) == Errno::einval);
  // The limits belong to this task's io-wq: put them back for later tests.
  unsigned restore[2] = {original[0], original[1]};
  REQUIRE(register_iowq_max_workers(ring, restore).ok());
  CHECK(restore[iowq::bound] == 1);
}

// ---------------------------------------------------------------------------
// synchronous cancel

TEST_CASE("register_sync_cancel cancels a read waiting on a pipe") {
  FRING_REQUIRE_REGISTER_OP(reg_op::sync_cancel);
  FRING_RING(ring, 4);
  int p[2];
  int q[2];
  REQUIRE(pipe2(p, O_CLOEXEC) == 0);
  REQUIRE(pipe2(q, O_CLOEXEC) == 0);
  char buf[3][8];
  for (int i = 0; i < 3; ++i) {
    Sqe* sqe = test::get_sqe(ring);
    prep_read(*sqe, i == 1 ? q[0] : p[0], buf[i], sizeof(buf[i]), 0);
    sqe_set_data64(*sqe, 0x70 + static_cast<uint64_t>(i));
  }
  test::submit(ring, 3);
  CHECK(ring.cq_ready() == 0);  // all wait for data that never comes

  SyncCancelReg reg{};
  reg.addr = 0x70;
  reg.fd = -1;
  reg.timeout.tv_sec = -1;
  reg.timeout.tv_nsec = -1;
  auto cancelled = register_sync_cancel(ring, &reg);
  REQUIRE(cancelled.ok());
  CHECK(cancelled.value() == 0);
  // The cancelled read's CQE is there when the call returns (or its task work
  // has run, on DEFER_TASKRUN and SQPOLL rings).
  CHECK(test::cq_ready_settled(ring, 1) == 1);
  Cqe c = test::reap(ring);
  CHECK(c.user_data == 0x70);
  CHECK(c.res == -ECANCELED);
  CHECK(test::error_of(register_sync_cancel(ring, &reg)) == Errno::enoent);

  // By file descriptor this time: the only read on the second pipe.
  SyncCancelReg by_fd{};
  by_fd.fd = q[0];
  by_fd.flags = cancel_flag::fd;
  by_fd.timeout.tv_sec = -1;
  by_fd.timeout.tv_nsec = -1;
  REQUIRE(register_sync_cancel(ring, &by_fd).ok());
  c = test::reap(ring);
  CHECK(c.user_data == 0x71);
  CHECK(c.res == -ECANCELED);
  by_fd.pad[0] = 1;
  CHECK(test::error_of(register_sync_cancel(ring, &by_fd)) == Errno::einval);

  // ANY cancels whatever is left and counts it; with nothing left, 0.
  SyncCancelReg any{};
  any.flags = cancel_flag::any;
  any.timeout.tv_sec = -1;
  any.timeout.tv_nsec = -1;
  CHECK(register_sync_cancel(ring, &any).value() == 1);
  c = test::reap(ring);
  CHECK(c.user_data == 0x72);
  CHECK(c.res == -ECANCELED);
  CHECK(register_sync_cancel(ring, &any).value() == 0);
  for (int fd : {p[0], p[1], q[0], q[1]}) close(fd);
}

// ---------------------------------------------------------------------------
// NAPI

TEST_CASE("register_napi and unregister_napi return the previous settings") {
  FRING_REQUIRE_REGISTER_OP(reg_op::napi);
  FRING_RING(ring, 2);
  Napi set{};
  set.busy_poll_to = 100;
  set.prefer_busy_poll = 1;
  auto first = register_napi(ring, &set);
  if (test::error_of(first) == Errno::eopnotsupp) {
    FRING_SKIP("kernel built without CONFIG_NET_RX_BUSY_POLL");
  }
  REQUIRE(first.ok());
  CHECK(set.prefer_busy_poll == 0);  // a new ring does not prefer busy polling

  Napi change{};
  change.busy_poll_to = 200;
  REQUIRE(register_napi(ring, &change).ok());
  CHECK(change.busy_poll_to == 100);
  CHECK(change.prefer_busy_poll == 1);

  Napi old{};
  REQUIRE(unregister_napi(ring, &old).ok());
  CHECK(old.busy_poll_to == 200);
  CHECK(old.prefer_busy_poll == 0);
  Napi off{};
  REQUIRE(unregister_napi(ring, &off).ok());
  CHECK(off.busy_poll_to == 0);
  CHECK(unregister_napi(ring, nullptr).ok());

  Napi padded{};
  padded.pad[1] = 1;
  CHECK(test::error_of(register_napi(ring, &padded)) == Errno::einval);
  FRING_RING(iopoll, 2, setup::iopoll);
  Napi any{};
  CHECK(test::error_of(register_napi(iopoll, &any)) == Errno::einval);
}

// ---------------------------------------------------------------------------
// clock

TEST_CASE("register_clock: wait deadlines on CLOCK_BOOTTIME") {
  FRING_REQUIRE_REGISTER_OP(reg_op::clock);
  FRING_RING(ring, 2);
  ClockRegister clock{};
  clock.clockid = CLOCK_REALTIME;
  CHECK(test::error_of(register_clock(ring, &clock)) == Errno::einval);
  clock.clockid = CLOCK_MONOTONIC;
  clock.resv[0] = 1;
  CHECK(test::error_of(register_clock(ring, &clock)) == Errno::einval);
  clock.resv[0] = 0;
  CHECK(register_clock(ring, &clock).ok());
  clock.clockid = CLOCK_BOOTTIME;
  REQUIRE(register_clock(ring, &clock).ok());

  // An absolute deadline read from CLOCK_BOOTTIME just now has passed by the
  // time the kernel looks: the wait ends at once with ETIME.
  timespec now;
  REQUIRE(clock_gettime(CLOCK_BOOTTIME, &now) == 0);
  Timespec deadline{now.tv_sec, now.tv_nsec};
  GeteventsArg arg{};
  arg.sigmask_sz = sys::nsig_bytes;
  arg.ts = reinterpret_cast<uintptr_t>(&deadline);
  const unsigned flags = enter::getevents | enter::ext_arg | enter::abs_timer;
  CHECK(test::error_of(ring.enter(0, 1, flags, &arg, sizeof(arg))) == Errno::etime);
  // With a CQE ready the same wait returns it.
  prep_nop(*test::get_sqe(ring));
  test::submit(ring, 1);
  CHECK(ring.enter(0, 1, flags, &arg, sizeof(arg)).ok());
  CHECK(test::reap(ring).res == 0);
}

// ---------------------------------------------------------------------------
// MSG_RING without a source ring

TEST_CASE("register_sync_msg posts a CQE into a ring") {
  FRING_REQUIRE_REGISTER_OP(reg_op::send_msg_ring);
  FRING_RING(target, 2);
  Sqe msg;
  prep_rw(msg, op::msg_ring, target.fd(), msg_ring_cmd::data, 0x1234, 0xfeedbeef);
  REQUIRE(register_sync_msg(msg).ok());
  CHECK(test::cq_ready_settled(target, 1) == 1);
  Cqe c = test::reap(target);
  CHECK(c.user_data == 0xfeedbeef);
  CHECK(c.res == 0x1234);
  CHECK(c.flags == 0);

  // msg_ring_flag::flags_pass: file_index becomes the CQE's flags.
  msg.msg_ring_flags = msg_ring_flag::flags_pass;
  msg.file_index = 0x5a00;
  REQUIRE(register_sync_msg(msg).ok());
  c = test::reap(target);
  CHECK(c.user_data == 0xfeedbeef);
  CHECK(c.flags == 0x5a00);

  Sqe wrong;
  prep_rw(wrong, op::nop, target.fd(), 0, 0, 0);
  CHECK(test::error_of(register_sync_msg(wrong)) == Errno::einval);  // only MSG_RING
  prep_rw(wrong, op::msg_ring, target.fd(), msg_ring_cmd::data, 0, 0);
  wrong.flags = sqe_flag::async;
  CHECK(test::error_of(register_sync_msg(wrong)) == Errno::einval);  // no SQE flags
  prep_rw(wrong, op::msg_ring, target.fd(), msg_ring_cmd::send_fd, 0, 0);
  CHECK(test::error_of(register_sync_msg(wrong)) == Errno::einval);  // no files without a ring
  int p[2];
  REQUIRE(pipe2(p, O_CLOEXEC) == 0);
  prep_rw(wrong, op::msg_ring, p[0], msg_ring_cmd::data, 0, 0);
  CHECK(test::error_of(register_sync_msg(wrong)) == Errno::ebadfd);  // not a ring
  close(p[0]);
  close(p[1]);
  CHECK(target.cq_ready() == 0);
}

// ---------------------------------------------------------------------------
// zero-copy receive

namespace {

// The memory a zcrx registration points to: a payload area and the region
// holding the refill ring.
struct ZcrxMemory {
  static constexpr size_t kArea = 64 * 4096;
  static constexpr size_t kRegion = 4 * 4096;
  ZcrxMemory() {
    area = mmap(nullptr, kArea, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    region = mmap(nullptr, kRegion, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(area != MAP_FAILED);
    REQUIRE(region != MAP_FAILED);
    area_reg.addr = reinterpret_cast<uintptr_t>(area);
    area_reg.len = kArea;
    region_desc.user_addr = reinterpret_cast<uintptr_t>(region);
    region_desc.size = kRegion;
    region_desc.flags = mem_region::type_user;
    reg.rq_entries = 64;
    reg.area_ptr = reinterpret_cast<uintptr_t>(&area_reg);
    reg.region_ptr = reinterpret_cast<uintptr_t>(&region_desc);
  }
  ~ZcrxMemory() {
    munmap(area, kArea);
    munmap(region, kRegion);
  }
  void* area;
  void* region;
  ZcrxAreaReg area_reg{};
  RegionDesc region_desc{};
  ZcrxIfqReg reg{};
};

// register_ifq() checks capable(CAP_NET_ADMIN): a user namespace (Bazel's
// sandbox) is not enough.
constexpr const char* kNoNetAdmin = "needs CAP_NET_ADMIN in the initial user namespace";

constexpr unsigned kZcrxRingFlags = setup::defer_taskrun | setup::single_issuer | setup::cqe32;

// ZCRX_REG_* flags the kernel accepts, from query_op::zcrx (Linux 6.18+);
// 0 when it cannot say.
uint64_t zcrx_register_flags() {
  QueryZcrx answer{};
  QueryHdr hdr{};
  hdr.query_data = reinterpret_cast<uintptr_t>(&answer);
  hdr.query_op = query_op::zcrx;
  hdr.size = sizeof(answer);
  if (!register_query(&hdr).ok() || hdr.result < 0) return 0;
  return answer.register_flags;
}

}  // namespace

TEST_CASE("register_ifq without a NIC queue") {
  FRING_REQUIRE_REGISTER_OP(reg_op::zcrx_ifq);
  FRING_REQUIRE_SETUP_FLAG(defer_taskrun);
  FRING_RING(ring, 4, kZcrxRingFlags);
  ZcrxMemory mem;
  {
    // zcrx needs deferred task running and 32-byte CQEs.
    FRING_RING(plain, 4);
    auto r = register_ifq(plain, &mem.reg);
    if (test::error_of(r) == Errno::eperm) FRING_SKIP(kNoNetAdmin);
    if (test::error_of(r) == Errno::eopnotsupp)
      FRING_SKIP("kernel built without CONFIG_IO_URING_ZCRX");
    CHECK(test::error_of(r) == Errno::einval);
  }
  // The loopback interface has no queues to give to a memory provider.
  mem.reg.if_idx = if_nametoindex("lo");
  REQUIRE(mem.reg.if_idx != 0);
  mem.reg.if_rxq = 0;
  CHECK(test::error_of(register_ifq(ring, &mem.reg)) == Errno::eopnotsupp);
  // No interface at all with that index.
  mem.reg.if_idx = 0x7ffffff0;
  CHECK(test::error_of(register_ifq(ring, &mem.reg)) == Errno::enodev);
}

TEST_CASE("register_ifq with zcrx_reg::nodev, then register_zcrx_ctrl") {
  FRING_REQUIRE_REGISTER_OP(reg_op::zcrx_control);
  if (!(zcrx_register_flags() & zcrx_reg::nodev))
    FRING_SKIP("kernel lacks zcrx_reg::nodev (Linux 7.x)");
  FRING_RING(ring, 4, kZcrxRingFlags);
  ZcrxMemory mem;
  mem.reg.flags = zcrx_reg::nodev;
  auto reg = register_ifq(ring, &mem.reg);
  if (test::error_of(reg) == Errno::eperm) FRING_SKIP(kNoNetAdmin);
  REQUIRE(reg.ok());
  CHECK(mem.reg.rq_entries == 64);
  CHECK(mem.reg.offsets.rqes > mem.reg.offsets.tail);  // the refill ring's layout

  ZcrxCtrl flush{};
  flush.zcrx_id = mem.reg.zcrx_id;
  flush.op = zcrx_ctrl_cmd::flush_rq;
  CHECK(register_zcrx_ctrl(ring, &flush).ok());  // an empty refill ring flushes fine
  ZcrxCtrl unknown = flush;
  unknown.zcrx_id = mem.reg.zcrx_id + 1;
  CHECK(test::error_of(register_zcrx_ctrl(ring, &unknown)) == Errno::enxio);
  unknown = flush;
  unknown.op = zcrx_ctrl_cmd::last;
  CHECK(test::error_of(register_zcrx_ctrl(ring, &unknown)) == Errno::eopnotsupp);

  // Export it as an fd and import it into a second ring.
  ZcrxCtrl exported{};
  exported.zcrx_id = mem.reg.zcrx_id;
  exported.op = zcrx_ctrl_cmd::export_;
  REQUIRE(register_zcrx_ctrl(ring, &exported).ok());
  const int box = static_cast<int>(exported.zc_export.zcrx_fd);
  CHECK(box >= 0);
  FRING_RING(other, 4, kZcrxRingFlags);
  ZcrxIfqReg import{};
  import.flags = zcrx_reg::import;
  import.if_idx = static_cast<uint32_t>(box);
  CHECK(register_ifq(other, &import).ok());
  ZcrxCtrl flush_other{};
  flush_other.zcrx_id = import.zcrx_id;
  flush_other.op = zcrx_ctrl_cmd::flush_rq;
  CHECK(register_zcrx_ctrl(other, &flush_other).ok());
  close(box);
}

TEST_CASE("register_ifq with zcrx_reg::nodev: RECV_ZC data lands in the area") {
  FRING_REQUIRE_OP(op::recv_zc);
  // With a NIC, payload pages come straight from a header-split RX queue;
  // no such device exists here, so only the device-less copy mode can run.
  if (!(zcrx_register_flags() & zcrx_reg::nodev)) {
    FRING_SKIP("zcrx data path needs a NIC RX queue, or zcrx_reg::nodev (Linux 7.x)");
  }
  FRING_RING(ring, 8, kZcrxRingFlags);
  ZcrxMemory mem;
  mem.reg.flags = zcrx_reg::nodev;
  auto reg = register_ifq(ring, &mem.reg);
  if (test::error_of(reg) == Errno::eperm) FRING_SKIP(kNoNetAdmin);
  REQUIRE(reg.ok());

  // A TCP connection over 127.0.0.1 carrying a known pattern.
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(listener >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(listen(listener, 1) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  const int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  const int server = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
  REQUIRE(server >= 0);
  static char sent[3 * 4096 + 100];
  for (size_t i = 0; i < sizeof(sent); ++i) sent[i] = static_cast<char>(i * 7 + i / 251);
  REQUIRE(send(client, sent, sizeof(sent), 0) == static_cast<ssize_t>(sizeof(sent)));

  Sqe* sqe = test::get_sqe(ring);
  prep_rw(*sqe, op::recv_zc, server, 0, sizeof(sent), 0);
  sqe->ioprio = recvsend_flag::recv_multishot;
  sqe->zcrx_ifq_idx = mem.reg.zcrx_id;
  test::submit(ring, 1);
  size_t received = 0;
  const char* area = static_cast<const char*>(mem.area);
  for (;;) {
    auto got = ring.wait_cqe();
    REQUIRE(got.ok());
    const Cqe c = *got.value();
    // The second half of the 32-byte CQE says where in the area the data is.
    const ZcrxCqe z = *reinterpret_cast<const ZcrxCqe*>(got.value() + 1);
    ring.cqe_seen(got.value());
    if (!(c.flags & cqe_flag::more)) {
      CHECK(c.res == 0);  // the request ends once its length has arrived
      break;
    }
    REQUIRE(c.res > 0);
    const size_t n = static_cast<size_t>(c.res);
    REQUIRE(received + n <= sizeof(sent));
    CHECK(std::memcmp(area + (z.off & ~zcrx_area::mask), sent + received, n) == 0);
    received += n;
  }
  CHECK(received == sizeof(sent));
  close(server);
  close(client);
  close(listener);
}

}  // namespace fring
