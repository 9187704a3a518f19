// SPDX-License-Identifier: MIT
// Feature detection: reg_op::probe, reg_op::query (6.18+) and
// the names of opcodes and register operations.
#include <cerrno>
#include <string>

#include "tests/support/fring_test.h"

namespace fring {

TEST_CASE("op and register names") {
  CHECK(std::string(op_name(op::nop)) == "NOP");
  CHECK(std::string(op_name(op::futex_waitv)) == "FUTEX_WAITV");
  CHECK(std::string(op_name(op::uring_cmd128)) == "URING_CMD128");
  CHECK(std::string(op_name(op::last)) == "?");
  CHECK(std::string(register_op_name(reg_op::probe)) == "REGISTER_PROBE");
  CHECK(std::string(register_op_name(reg_op::bpf_filter)) == "REGISTER_BPF_FILTER");
  CHECK(std::string(register_op_name(reg_op::last)) == "?");
}

TEST_CASE("probe") {
  FRING_REQUIRE_REGISTER_OP(reg_op::probe);
  FRING_RING(ring, 2);
  auto probe = get_probe_ring(ring);
  REQUIRE(probe.ok());
  const Probe& p = probe.value();
  CHECK(p.last_op >= op::sendmsg_zc);  // every kernel we test is 6.1+
  CHECK(p.op_supported(op::nop));
  CHECK(opcode_supported(p, op::read));
  CHECK_FALSE(p.op_supported(op::last));
  CHECK_FALSE(p.op_supported(255));
  auto again = get_probe();
  REQUIRE(again.ok());
  CHECK(again.value().last_op == p.last_op);
  // The probe buffer must be zeroed.
  Probe dirty{};
  dirty.ops[3].resv2 = 1;
  auto* raw = reinterpret_cast<ProbeHdr*>(&dirty);
  CHECK(test::error_of(register_probe(ring, raw, Probe::kMaxOps)) == Errno::einval);
}

TEST_CASE("query") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  auto q = query_opcodes();
  if (!q.ok()) {
    CHECK(q.error() == Errno::einval);  // no reg_op::query before 6.18
    FRING_SKIP("kernel lacks reg_op::query (Linux 6.18)");
  }
  const QueryOpcode& a = q.value();
  auto probe = get_probe();
  REQUIRE(probe.ok());
  CHECK(a.nr_request_opcodes == probe.value().last_op + 1u);
  CHECK(a.nr_register_opcodes > reg_op::query);
  CHECK(a.nr_query_opcodes >= 1);
  CHECK((a.ring_setup_flags & setup::sqpoll) != 0);
  CHECK((a.enter_flags & enter::getevents) != 0);
  CHECK((a.sqe_flags & sqe_flag::io_link) != 0);
  FRING_RING(ring, 1);
  CHECK(a.feature_flags == (a.feature_flags | ring.features()));
  // An unknown query op fails in its own header, not in the call.
  QueryHdr bad{};
  uint64_t sink[8] = {};
  bad.query_data = reinterpret_cast<uintptr_t>(sink);
  bad.query_op = 200;
  bad.size = sizeof(sink);
  REQUIRE(register_query(&bad).ok());
  CHECK(bad.result < 0);
}

TEST_CASE("feature detection names what is missing") {
  if (const char* why = test::io_uring_unavailable()) FRING_SKIP(why);
  CHECK(test::missing_op(op::nop) == nullptr);
  CHECK(test::missing_register_op(reg_op::buffers) == nullptr);
  CHECK(test::missing_feature(feat::single_mmap, "SINGLE_MMAP") == nullptr);
  CHECK(test::missing_setup_flag(setup::cqsize, "CQSIZE") == nullptr);
  CHECK(std::string(test::missing_op(op::last)).find("kernel lacks IORING_OP_?") == 0);
  CHECK(std::string(test::missing_setup_flag(1U << 30, "BOGUS")) == "kernel lacks setup::BOGUS");
}

}  // namespace fring
