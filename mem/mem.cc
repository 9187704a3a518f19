// SPDX-License-Identifier: MIT
// The four global functions compilers emit calls to, for programs without
// libc: memcpy, memmove, memset and memcmp, from fring/mem/mem.h. The one
// place fring defines global names besides _start and fring_main
// (docs/contributing.md, "Names"). Link the //mem target, or compile this
// file with the program (plain -I: the folder holding fring/ on the path).
#include "fring/mem/mem.h"

extern "C" {

FRING_MEM_NO_LIBCALL void* memcpy(void* dst, const void* src, size_t n) {
  return fring::mem::copy(dst, src, n);
}

FRING_MEM_NO_LIBCALL void* memmove(void* dst, const void* src, size_t n) {
  return fring::mem::move(dst, src, n);
}

FRING_MEM_NO_LIBCALL void* memset(void* dst, int c, size_t n) { return fring::mem::set(dst, c, n); }

FRING_MEM_NO_LIBCALL int memcmp(const void* a, const void* b, size_t n) {
  return fring::mem::compare(a, b, n);
}

}  // extern "C"
