// SPDX-License-Identifier: MIT
#include "tests/support/sqe_check.h"

#include <string.h>

#include "tests/support/fring_test.h"

namespace fring::test {

Sqe garbage_sqe() {
  Sqe s;
  memset(&s, 0xa5, sizeof(s));
  return s;
}

Sqe expected_sqe(Op op, int fd, uint64_t addr, uint32_t len, uint64_t off) {
  Sqe s;
  memset(&s, 0, sizeof(s));
  s.opcode = op;
  s.fd = fd;
  s.addr = addr;
  s.len = len;
  s.off = off;
  return s;
}

void check_sqe(const Sqe& got, const Sqe& want) {
  CHECK(int{got.opcode} == int{want.opcode});
  CHECK(int{got.flags} == int{want.flags});
  CHECK(got.ioprio == want.ioprio);
  CHECK(got.fd == want.fd);
  CHECK(got.off == want.off);
  CHECK(got.addr == want.addr);
  CHECK(got.len == want.len);
  CHECK(got.rw_flags == want.rw_flags);
  CHECK(got.user_data == want.user_data);
  CHECK(int{got.buf_index} == int{want.buf_index});
  CHECK(got.personality == want.personality);
  CHECK(got.file_index == want.file_index);
  CHECK(got.addr3 == want.addr3);
  CHECK(got.pad2[0] == want.pad2[0]);
  CHECK(memcmp(&got, &want, sizeof(Sqe)) == 0);
}

}  // namespace fring::test
