// SPDX-License-Identifier: MIT
// Kernel ABI structs that io_uring requests point to but that live outside
// io_uring.h (iovec for now). Type names are fring's own TitleCase ones so they
// never collide with libc's; layouts match the kernel's and are pinned here.
// A hosted program may pass its libc struct through reinterpret_cast.
#ifndef FRING_CORE_UAPI_KERNEL_TYPES_H
#define FRING_CORE_UAPI_KERNEL_TYPES_H

#include <stddef.h>
#include <stdint.h>

namespace fring {

/// struct iovec of linux/uio.h: one buffer of a vectored request.
struct Iovec {
  void* iov_base;
  size_t iov_len;
};

static_assert(sizeof(Iovec) == 16);
static_assert(offsetof(Iovec, iov_len) == 8);

}  // namespace fring

#endif  // FRING_CORE_UAPI_KERNEL_TYPES_H
