// SPDX-License-Identifier: MIT
// Feature detection: IORING_REGISTER_PROBE, IORING_REGISTER_QUERY (6.18+) and
// the names of opcodes and register operations.
#include <cerrno>
#include <string>

#include "tests/support/fring_test.h"

namespace fring {

TEST_CASE("op and register names") {
  CHECK(std::string(op_name(IORING_OP_NOP)) == "NOP");
  CHECK(std::string(op_name(IORING_OP_FUTEX_WAITV)) == "FUTEX_WAITV");
  CHECK(std::string(op_name(IORING_OP_URING_CMD128)) == "URING_CMD128");
  CHECK(std::string(op_name(IORING_OP_LAST)) == "?");
  CHECK(std::string(register_op_name(IORING_REGISTER_PROBE)) == "REGISTER_PROBE");
  CHECK(std::string(register_op_name(IORING_REGISTER_BPF_FILTER)) == "REGISTER_BPF_FILTER");
  CHECK(std::string(register_op_name(IORING_REGISTER_LAST)) == "?");
}

TEST_CASE("probe") {
  FRING_REQUIRE_REGISTER_OP(IORING_REGISTER_PROBE);
  FRING_RING(ring, 2);
  auto probe = get_probe_ring(ring);
  REQUIRE(probe.ok());
  const Probe& p = probe.value();
  CHECK(p.last_op >= IORING_OP_SENDMSG_ZC);  // every kernel we test is 6.1+
  CHECK(p.op_supported(IORING_OP_NOP));
  CHECK(opcode_supported(p, IORING_OP_READ));
  CHECK_FALSE(p.op_supported(IORING_OP_LAST));
  CHECK_FALSE(p.op_supported(255));
  auto again = get_probe();
  REQUIRE(again.ok());
  CHECK(again.value().last_op == p.last_op);
  // The probe buffer must be zeroed.
  Probe dirty{};
  dirty.ops[3].resv2 = 1;
  auto* raw = reinterpret_cast<io_uring_probe*>(&dirty);
  CHECK(test::error_of(register_probe(ring, raw, Probe::kMaxOps)) == Errno::einval);
}

TEST_CASE("query") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  auto q = query_opcodes();
  if (!q.ok()) {
    CHECK(q.error() == Errno::einval);  // no IORING_REGISTER_QUERY before 6.18
    FRING_SKIP("kernel lacks IORING_REGISTER_QUERY (Linux 6.18)");
  }
  const io_uring_query_opcode& a = q.value();
  auto probe = get_probe();
  REQUIRE(probe.ok());
  CHECK(a.nr_request_opcodes == probe.value().last_op + 1u);
  CHECK(a.nr_register_opcodes > IORING_REGISTER_QUERY);
  CHECK(a.nr_query_opcodes >= 1);
  CHECK((a.ring_setup_flags & IORING_SETUP_SQPOLL) != 0);
  CHECK((a.enter_flags & IORING_ENTER_GETEVENTS) != 0);
  CHECK((a.sqe_flags & IOSQE_IO_LINK) != 0);
  FRING_RING(ring, 1);
  CHECK(a.feature_flags == (a.feature_flags | ring.features()));
  // An unknown query op fails in its own header, not in the call.
  io_uring_query_hdr bad{};
  uint64_t sink[8] = {};
  bad.query_data = reinterpret_cast<uintptr_t>(sink);
  bad.query_op = 200;
  bad.size = sizeof(sink);
  REQUIRE(register_query(&bad).ok());
  CHECK(bad.result < 0);
}

TEST_CASE("feature detection names what is missing") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK(test::missing_op(IORING_OP_NOP) == nullptr);
  CHECK(test::missing_register_op(IORING_REGISTER_BUFFERS) == nullptr);
  CHECK(test::missing_feature(IORING_FEAT_SINGLE_MMAP, "SINGLE_MMAP") == nullptr);
  CHECK(test::missing_setup_flag(IORING_SETUP_CQSIZE, "CQSIZE") == nullptr);
  CHECK(std::string(test::missing_op(IORING_OP_LAST)).find("kernel lacks IORING_OP_?") == 0);
  CHECK(std::string(test::missing_setup_flag(1U << 30, "BOGUS")) == "kernel lacks IORING_SETUP_BOGUS");
}

}  // namespace fring
