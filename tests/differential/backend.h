// SPDX-License-Identifier: MIT
// The one small interface the differential test drives both libraries
// through: a table of functions per library (liburing_backend.cc,
// fring_backend.cc), each written in its library's own idiom, over an opaque
// handle that holds that library's two rings (A, the ring under test, and B,
// a plain ring that A's msg_ring requests post to). Results are plain ints
// (-errno for errors, as liburing returns them) and CQE pointers; the driver
// (driver.cc) turns pointers into ring positions through a RingView, which
// reads the kernel's ring memory and nothing of either library.
#ifndef FRING_TESTS_DIFFERENTIAL_BACKEND_H
#define FRING_TESTS_DIFFERENTIAL_BACKEND_H

#include <stdint.h>
#include <sys/uio.h>

namespace fring::diff {

/// How the ring under test is set up (ring B is always a plain ring).
struct Setup {
  unsigned entries;         // SQ entries
  unsigned cq_entries;      // CQ entries (IORING_SETUP_CQSIZE is added)
  uint32_t flags;           // IORING_SETUP_* of the shape and mode
  unsigned sq_thread_idle;  // ms, with IORING_SETUP_SQPOLL
  bool register_ring_fd;    // register ring A's fd with itself
};

/// What a request is: the driver fills one per SQE with this side's fds and
/// buffers, and each backend maps it onto its library's prep helper.
enum class Kind : uint8_t {
  nop,              // prep_nop; nop_flags and inject set by hand, as liburing's users do
  nop128,           // get_sqe128 + prep_nop128
  read,             // prep_read of a file
  write,            // prep_write of a file
  read_fixed,       // prep_read_fixed, registered buffer 0
  read_fixed_file,  // prep_read with IOSQE_FIXED_FILE, registered file `fd`
  read_select,      // prep_read with IOSQE_BUFFER_SELECT from group `bgid`
  poll_add,         // prep_poll_add(fd, len as the mask)
  timeout,          // prep_timeout(ts, 0, 0)
  timeout_remove,   // prep_timeout_remove(target)
  link_timeout,     // prep_link_timeout(ts)
  cancel,           // prep_cancel64(target, 0)
  poll_remove,      // prep_poll_remove(target)
  msg_ring,         // prep_msg_ring(fd, len, target, 0)
  provide_buffers,  // prep_provide_buffers(buf, len, nr, bgid, bid)
};

/// The timeouts requests and waits use.
enum class Wait : uint8_t {
  short_,      // 1 us: a request timeout that must expire
  long_,       // 1 h: one that never expires on its own
  wait_short,  // 100 us: a wait that may run out
  wait_long,   // 5 s: a wait that must not run out (it bounds a hang)
};

struct Prep {
  Kind kind;
  uint8_t sqe_flags;   // IOSQE_*
  uint32_t nop_flags;  // IORING_NOP_*
  int32_t inject;      // the result IORING_NOP_INJECT_RESULT makes the NOP complete with
  int fd;
  void* buf;
  unsigned len;
  uint64_t off;
  uint64_t user_data;
  uint64_t target;  // the user_data a cancel or remove names, msg_ring's payload
  Wait ts;
  uint16_t bgid;
  uint16_t bid;
  unsigned nr;
};

/// One ring's kernel memory, as mapped (read by the driver only).
struct RingView {
  int fd;  // the real ring fd
  const uint32_t* sq_khead;
  const uint32_t* sq_ktail;
  const uint32_t* sq_kflags;
  const uint32_t* cq_khead;
  const uint32_t* cq_ktail;
  const char* cqes;
  unsigned cqe_size;  // 16 or 32
  unsigned cq_mask;
  unsigned cq_entries;
  unsigned sq_entries;
};

/// A library's side of the test. `h` is the handle create() returned;
/// `ring` 0 is A, 1 is B. Every int result is the call's return value, or
/// -errno where the library returns an error.
struct Backend {
  const char* name;
  void* (*create)(const Setup& s, int* err);
  void (*destroy)(void* h);
  RingView (*view)(void* h, int ring);
  /// get_sqe (get_sqe128 for Kind::nop128) and the prep; false when the SQ
  /// gave no SQE. `*sq_index` is the SQ index of the SQE.
  bool (*queue)(void* h, const Prep& p, unsigned* sq_index);
  int (*submit)(void* h);
  int (*submit_and_wait)(void* h, unsigned nr);
  int (*submit_and_wait_timeout)(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask);
  int (*submit_and_wait_reg)(void* h, const void** cqe, unsigned nr);
  int (*submit_and_get_events)(void* h);
  int (*get_events)(void* h);
  int (*peek_cqe)(void* h, int ring, const void** cqe);
  int (*wait_cqe)(void* h, const void** cqe);
  int (*wait_cqe_nr)(void* h, const void** cqe, unsigned nr);
  int (*wait_cqes)(void* h, const void** cqe, unsigned nr, Wait ts, bool sigmask);
  int (*wait_cqe_timeout)(void* h, const void** cqe, Wait ts);
  unsigned (*peek_batch_cqe)(void* h, const void** cqes, unsigned count);
  /// The CQEs io_uring_for_each_cqe / Ring::for_each_cqe visits (at most
  /// `max`), and the count it reports.
  unsigned (*for_each_cqe)(void* h, const void** cqes, unsigned max);
  void (*cqe_seen)(void* h, int ring, const void* cqe);
  void (*cq_advance)(void* h, unsigned nr);
  unsigned (*cq_ready)(void* h);
  unsigned (*sq_ready)(void* h);
  unsigned (*sq_space_left)(void* h);
  int (*sqring_wait)(void* h);
  int (*register_files)(void* h, const int* fds, unsigned n);
  int (*unregister_files)(void* h);
  int (*register_buffers)(void* h, const struct iovec* iov, unsigned n);
  int (*unregister_buffers)(void* h);
};

/// The two libraries (fring's is built twice: as it is, and with one
/// prep helper's opcode broken for the mutation test).
extern const Backend kLiburing;
extern const Backend kFring;

/// The timespec of `w`, in seconds and nanoseconds.
inline void wait_time(Wait w, int64_t* sec, int64_t* nsec) {
  switch (w) {
    case Wait::short_:
      *sec = 0;
      *nsec = 1000;
      return;
    case Wait::long_:
      *sec = 3600;
      *nsec = 0;
      return;
    case Wait::wait_short:
      *sec = 0;
      *nsec = 100000;
      return;
    case Wait::wait_long:
      *sec = 5;
      *nsec = 0;
      return;
  }
}

}  // namespace fring::diff

#endif  // FRING_TESTS_DIFFERENTIAL_BACKEND_H
