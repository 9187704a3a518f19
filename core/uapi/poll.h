// SPDX-License-Identifier: MIT
// The events of poll(2) (op::poll_add's mask) and of epoll (EpollEvent::events,
// op::epoll_ctl, op::epoll_wait), and epoll_ctl(2)'s operations, in fring's
// form (docs/contributing.md, "Names"): POLLIN is `poll_mask::in`, EPOLLET
// `epoll_events::et`, EPOLL_CTL_ADD `epoll_op::add` (epoll_ctl is libc's
// function, so the family takes another name). The values are the kernel's
// generic ones, identical on x86_64, aarch64 and riscv64.
#ifndef FRING_CORE_UAPI_POLL_H
#define FRING_CORE_UAPI_POLL_H

#include <stdint.h>

namespace fring {

/// The events of poll(2) and op::poll_add (the kernel's generic poll.h).
namespace poll_mask {
/// POLLIN: there is data to read.
inline constexpr uint32_t in = 0x0001;
/// POLLPRI: there is urgent data to read.
inline constexpr uint32_t pri = 0x0002;
/// POLLOUT: writing will not block.
inline constexpr uint32_t out = 0x0004;
/// POLLERR: an error (always reported).
inline constexpr uint32_t err = 0x0008;
/// POLLHUP: hung up (always reported).
inline constexpr uint32_t hup = 0x0010;
/// POLLNVAL: the descriptor is not open (always reported).
inline constexpr uint32_t nval = 0x0020;
/// POLLRDNORM: normal data to read.
inline constexpr uint32_t rdnorm = 0x0040;
/// POLLRDBAND: priority band data to read.
inline constexpr uint32_t rdband = 0x0080;
/// POLLWRNORM: normal data can be written.
inline constexpr uint32_t wrnorm = 0x0100;
/// POLLWRBAND: priority band data can be written.
inline constexpr uint32_t wrband = 0x0200;
/// POLLMSG: a message is available (unused).
inline constexpr uint32_t msg = 0x0400;
/// POLLREMOVE: remove the descriptor (unused).
inline constexpr uint32_t remove = 0x1000;
/// POLLRDHUP: the peer closed its writing end (Linux 2.6.17).
inline constexpr uint32_t rdhup = 0x2000;
}  // namespace poll_mask

/// The events of EpollEvent::events (linux/eventpoll.h): poll's, plus the
/// input flags from exclusive on.
namespace epoll_events {
/// EPOLLIN: there is data to read.
inline constexpr uint32_t in = 0x00000001;
/// EPOLLPRI: there is urgent data to read.
inline constexpr uint32_t pri = 0x00000002;
/// EPOLLOUT: writing will not block.
inline constexpr uint32_t out = 0x00000004;
/// EPOLLERR: an error (always reported).
inline constexpr uint32_t err = 0x00000008;
/// EPOLLHUP: hung up (always reported).
inline constexpr uint32_t hup = 0x00000010;
/// EPOLLNVAL: the descriptor is not open.
inline constexpr uint32_t nval = 0x00000020;
/// EPOLLRDNORM: normal data to read.
inline constexpr uint32_t rdnorm = 0x00000040;
/// EPOLLRDBAND: priority band data to read.
inline constexpr uint32_t rdband = 0x00000080;
/// EPOLLWRNORM: normal data can be written.
inline constexpr uint32_t wrnorm = 0x00000100;
/// EPOLLWRBAND: priority band data can be written.
inline constexpr uint32_t wrband = 0x00000200;
/// EPOLLMSG: a message is available (unused).
inline constexpr uint32_t msg = 0x00000400;
/// EPOLLRDHUP: the peer closed its writing end.
inline constexpr uint32_t rdhup = 0x00002000;
/// EPOLLEXCLUSIVE: wake one of the epoll instances waiting (Linux 4.5).
inline constexpr uint32_t exclusive = 1U << 28;
/// EPOLLWAKEUP: keep the system awake while the event is pending.
inline constexpr uint32_t wakeup = 1U << 29;
/// EPOLLONESHOT: report once, then disarm until epoll_op::mod.
inline constexpr uint32_t oneshot = 1U << 30;
/// EPOLLET: edge-triggered.
inline constexpr uint32_t et = 1U << 31;
}  // namespace epoll_events

/// The operations of epoll_ctl(2) and op::epoll_ctl.
namespace epoll_op {
/// EPOLL_CTL_ADD: add the descriptor.
inline constexpr int add = 1;
/// EPOLL_CTL_DEL: remove the descriptor.
inline constexpr int del = 2;
/// EPOLL_CTL_MOD: change the descriptor's events.
inline constexpr int mod = 3;
}  // namespace epoll_op

}  // namespace fring

#endif  // FRING_CORE_UAPI_POLL_H
