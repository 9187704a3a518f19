// SPDX-License-Identifier: MIT
// cp SRC DST: copies a file with kQueueDepth read->write pairs in flight.
// Each pair reads a block into its own registered buffer and writes it out
// from there, the write linked to the read (sqe_flag::io_link) so both go in one
// submission. A read that comes back short (the last block, or a file that
// shrank) breaks its link: the kernel cancels the write (-ECANCELED), and cp
// writes what was read, then reads the rest of the block again, until end
// of file. A short write is finished with another write. Errors are named
// on stderr and the exit status is 1; 77 where io_uring is unavailable.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>

#include "examples/report.h"
#include "fring/fring.h"

namespace {

using example::die;

constexpr unsigned kQueueDepth = 8;
constexpr unsigned kBlockSize = 64 * 1024;

alignas(4096) char buffers[kQueueDepth][kBlockSize];

// One block of both files on its way: [offset, offset + kBlockSize), of
// which `done` bytes are written and `have` more are read but not written.
struct Block {
  uint64_t offset = 0;
  unsigned done = 0;
  unsigned have = 0;
};

// user_data: the block's slot, and which half of the pair completed.
enum Kind : uint64_t { kRead = 0, kWrite = 1 };
uint64_t tag(unsigned slot, Kind kind) { return uint64_t{slot} << 1 | kind; }

class Copier {
 public:
  Copier(fring::Ring& ring, int in, int out, uint64_t size)
      : ring_(ring), in_(in), out_(out), size_(size) {}

  // Copies everything; dies on the first error.
  void run() {
    for (unsigned slot = 0; slot < kQueueDepth; ++slot) start_next(slot);
    while (busy_ > 0) {
      example::must(ring_.submit_and_wait(1), "submitting");
      const unsigned seen = ring_.for_each_cqe([&](fring::Cqe& cqe) { complete(cqe); });
      ring_.cq_advance(seen);
    }
  }

 private:
  // Gives `slot` the next block, if the file (as big as it was at the
  // start) has one left. Every block asks for kBlockSize bytes: the last one
  // comes back short, as does any block of a file that shrank meanwhile.
  void start_next(unsigned slot) {
    if (next_ >= size_) return;
    blocks_[slot] = Block{next_, 0, 0};
    next_ += kBlockSize;
    ++busy_;
    queue_pair(slot);
  }

  // Reads the block's unwritten rest into its buffer and links the write of
  // all of it.
  void queue_pair(unsigned slot) {
    const Block& b = blocks_[slot];
    const unsigned want = kBlockSize - b.done;
    fring::Sqe* rd = get_sqe();
    fring::prep_read_fixed(*rd, in_, buffers[slot] + b.done, want, b.offset + b.done,
                           static_cast<int>(slot));
    fring::sqe_set_data64(*rd, tag(slot, kRead));
    fring::sqe_set_flags(*rd, fring::sqe_flag::io_link);
    queue_write(slot, want);
  }

  // Writes `n` bytes of the block's buffer from its first unwritten byte.
  void queue_write(unsigned slot, unsigned n) {
    const Block& b = blocks_[slot];
    fring::Sqe* wr = get_sqe();
    fring::prep_write_fixed(*wr, out_, buffers[slot] + b.done, n, b.offset + b.done,
                            static_cast<int>(slot));
    fring::sqe_set_data64(*wr, tag(slot, kWrite));
  }

  void complete(const fring::Cqe& cqe) {
    const unsigned slot = static_cast<unsigned>(cqe.user_data >> 1);
    Block& b = blocks_[slot];
    const fring::Result<int> res = fring::cqe_result(cqe);
    if ((cqe.user_data & 1) == kRead) {
      if (!res) die("reading the source", res.error());
      b.have = static_cast<unsigned>(res.value());
      return;  // a short read breaks the link: its write comes back ECANCELED
    }
    if (res == fring::Errno::ecanceled) {
      if (b.have == 0) return finish(slot);  // end of file
      return queue_write(slot, b.have);      // write what the short read brought
    }
    if (!res) die("writing the destination", res.error());
    const unsigned wrote = static_cast<unsigned>(res.value());
    b.done += wrote;
    b.have -= wrote;
    if (b.done == kBlockSize) return finish(slot);
    if (b.have > 0) return queue_write(slot, b.have);  // a short write: the rest
    queue_pair(slot);                                  // all that was read is written: read on
  }

  void finish(unsigned slot) {
    --busy_;
    start_next(slot);
  }

  fring::Sqe* get_sqe() {
    fring::Sqe* sqe = ring_.get_sqe();
    // The ring has two SQEs per slot and a slot queues at most two at a time.
    if (sqe == nullptr) die("no free SQE");
    return sqe;
  }

  fring::Ring& ring_;
  const int in_;
  const int out_;
  const uint64_t size_;
  uint64_t next_ = 0;
  unsigned busy_ = 0;
  Block blocks_[kQueueDepth];
};

}  // namespace

int main(int argc, char** argv) {
  example::program = "cp";
  if (argc != 3) {
    fprintf(stderr, "usage: cp SRC DST\n");
    return 1;
  }
  const int in = open(argv[1], O_RDONLY | O_CLOEXEC);
  if (in < 0) die(argv[1], static_cast<fring::Errno>(errno));
  struct stat st {};
  if (fstat(in, &st) != 0) die(argv[1], static_cast<fring::Errno>(errno));
  const int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 0777);
  if (out < 0) die(argv[2], static_cast<fring::Errno>(errno));

  fring::Params p{};
  fring::Ring ring = example::make_ring(2 * kQueueDepth, p, "");
  iovec registered[kQueueDepth];
  for (unsigned i = 0; i < kQueueDepth; ++i) registered[i] = {buffers[i], kBlockSize};
  example::must(fring::register_buffers(ring, registered, kQueueDepth), "registering buffers");

  Copier(ring, in, out, static_cast<uint64_t>(st.st_size)).run();
  if (close(out) != 0) die(argv[2], static_cast<fring::Errno>(errno));
  close(in);
  return 0;
}
