// SPDX-License-Identifier: MIT
// The socket constants io_uring's requests take as arguments: address
// families, socket types, the levels and options of get/setsockopt (which
// op::uring_cmd's socket_cmd::setsockopt and ::getsockopt carry), IP
// protocols, MSG_* flags, shutdown's how, and IPv4's special addresses, in
// fring's form (docs/contributing.md, "Names"): AF_INET is `af::inet`,
// AF_UNIX `af::unix_` (a trailing underscore: `unix` is a predefined macro
// in GNU mode). The values are the same on x86_64, aarch64 and riscv64 (the
// architectures that differ, mips, sparc and others, are not fring's).
// Ports and IPv4 addresses go to the kernel in network byte order (big
// endian): to_net16() and to_net32() convert, as htons()/htonl() do, under
// names no libc macro has. The socket address structs are in
// core/uapi/kernel_types.h (SockaddrIn, SockaddrIn6, SockaddrUn).
#ifndef FRING_CORE_UAPI_NET_H
#define FRING_CORE_UAPI_NET_H

#include <stdint.h>

namespace fring {

/// Address families: socket(2)'s domain and the sa_family of a socket address.
namespace af {
/// AF_UNSPEC: no family (any, where a call allows it).
inline constexpr int unspec = 0;
/// AF_UNIX: local sockets, with a path (SockaddrUn); also AF_LOCAL.
inline constexpr int unix_ = 1;
/// AF_INET: IPv4 (SockaddrIn).
inline constexpr int inet = 2;
/// AF_INET6: IPv6 (SockaddrIn6).
inline constexpr int inet6 = 10;
/// AF_NETLINK: the kernel's netlink.
inline constexpr int netlink = 16;
/// AF_PACKET: raw packets at the device level.
inline constexpr int packet = 17;
/// AF_CAN: Controller Area Network.
inline constexpr int can = 29;
/// AF_TIPC: TIPC.
inline constexpr int tipc = 30;
/// AF_BLUETOOTH: Bluetooth.
inline constexpr int bluetooth = 31;
/// AF_ALG: the kernel's crypto API.
inline constexpr int alg = 38;
/// AF_VSOCK: virtual machine sockets.
inline constexpr int vsock = 40;
/// AF_XDP: XDP sockets (Linux 4.18).
inline constexpr int xdp = 44;
}  // namespace af

/// Socket types: socket(2)'s type, with nonblock and cloexec or'ed in.
namespace sock_type {
/// SOCK_STREAM: a reliable byte stream (TCP).
inline constexpr int stream = 1;
/// SOCK_DGRAM: datagrams (UDP).
inline constexpr int dgram = 2;
/// SOCK_RAW: raw packets.
inline constexpr int raw = 3;
/// SOCK_RDM: reliably delivered messages.
inline constexpr int rdm = 4;
/// SOCK_SEQPACKET: reliable, ordered datagrams.
inline constexpr int seqpacket = 5;
/// SOCK_NONBLOCK: the socket is non-blocking (open_flag::nonblock).
inline constexpr int nonblock = 00004000;
/// SOCK_CLOEXEC: the socket closes on execve(2) (open_flag::cloexec).
inline constexpr int cloexec = 02000000;
}  // namespace sock_type

/// The level of getsockopt(2) and setsockopt(2).
namespace sock_level {
/// SOL_SOCKET: the socket itself (sock_opt::).
inline constexpr int socket = 1;
/// SOL_IP: IPv4 (ip_opt::); also IPPROTO_IP.
inline constexpr int ip = 0;
/// SOL_TCP: TCP (tcp_opt::); also IPPROTO_TCP.
inline constexpr int tcp = 6;
/// SOL_UDP: UDP; also IPPROTO_UDP.
inline constexpr int udp = 17;
/// SOL_IPV6: IPv6 (ipv6_opt::); also IPPROTO_IPV6.
inline constexpr int ipv6 = 41;
}  // namespace sock_level

/// Options of level sock_level::socket.
namespace sock_opt {
/// SO_DEBUG: debugging (CAP_NET_ADMIN).
inline constexpr int debug = 1;
/// SO_REUSEADDR: bind to an address in TIME_WAIT.
inline constexpr int reuseaddr = 2;
/// SO_TYPE: the socket type (get only).
inline constexpr int type = 3;
/// SO_ERROR: the pending error, cleared on read (get only).
inline constexpr int error = 4;
/// SO_DONTROUTE: send only to directly connected hosts.
inline constexpr int dontroute = 5;
/// SO_BROADCAST: datagrams may go to broadcast addresses.
inline constexpr int broadcast = 6;
/// SO_SNDBUF: the send buffer size.
inline constexpr int sndbuf = 7;
/// SO_RCVBUF: the receive buffer size.
inline constexpr int rcvbuf = 8;
/// SO_KEEPALIVE: send keepalive probes.
inline constexpr int keepalive = 9;
/// SO_OOBINLINE: out-of-band data in the normal stream.
inline constexpr int oobinline = 10;
/// SO_PRIORITY: the priority of the packets sent.
inline constexpr int priority = 12;
/// SO_LINGER: close(2) waits for unsent data (a struct linger).
inline constexpr int linger = 13;
/// SO_REUSEPORT: several sockets may bind the same address and port.
inline constexpr int reuseport = 15;
/// SO_PASSCRED: receive SCM_CREDENTIALS messages.
inline constexpr int passcred = 16;
/// SO_PEERCRED: the peer's credentials (get only; a struct ucred).
inline constexpr int peercred = 17;
/// SO_RCVLOWAT: the least a receive returns.
inline constexpr int rcvlowat = 18;
/// SO_SNDLOWAT: the least a send passes on.
inline constexpr int sndlowat = 19;
/// SO_RCVTIMEO: the receive timeout (a struct timeval of 64-bit seconds).
inline constexpr int rcvtimeo = 20;
/// SO_SNDTIMEO: the send timeout (a struct timeval of 64-bit seconds).
inline constexpr int sndtimeo = 21;
/// SO_BINDTODEVICE: only through this network device (a name).
inline constexpr int bindtodevice = 25;
/// SO_ACCEPTCONN: the socket is listening (get only).
inline constexpr int acceptconn = 30;
/// SO_MARK: the packets' mark (CAP_NET_ADMIN).
inline constexpr int mark = 36;
/// SO_PROTOCOL: the protocol (get only).
inline constexpr int protocol = 38;
/// SO_DOMAIN: the address family (get only).
inline constexpr int domain = 39;
/// SO_BUSY_POLL: busy-poll for this many microseconds (Linux 3.11).
inline constexpr int busy_poll = 46;
/// SO_INCOMING_CPU: the CPU that handles the socket's packets (Linux 3.19).
inline constexpr int incoming_cpu = 49;
/// SO_ZEROCOPY: allow MSG_ZEROCOPY sends (Linux 4.14).
inline constexpr int zerocopy = 60;
}  // namespace sock_opt

/// Options of level sock_level::tcp.
namespace tcp_opt {
/// TCP_NODELAY: send at once (no Nagle).
inline constexpr int nodelay = 1;
/// TCP_MAXSEG: the maximum segment size.
inline constexpr int maxseg = 2;
/// TCP_CORK: hold partial segments until uncorked.
inline constexpr int cork = 3;
/// TCP_KEEPIDLE: seconds idle before the first keepalive probe.
inline constexpr int keepidle = 4;
/// TCP_KEEPINTVL: seconds between keepalive probes.
inline constexpr int keepintvl = 5;
/// TCP_KEEPCNT: probes before the connection is dropped.
inline constexpr int keepcnt = 6;
/// TCP_DEFER_ACCEPT: wake the listener only once data arrives.
inline constexpr int defer_accept = 9;
/// TCP_INFO: the connection's state (get only; a struct tcp_info).
inline constexpr int info = 11;
/// TCP_QUICKACK: acknowledge at once.
inline constexpr int quickack = 12;
/// TCP_CONGESTION: the congestion control algorithm (a name).
inline constexpr int congestion = 13;
/// TCP_USER_TIMEOUT: milliseconds unacknowledged data may wait (Linux 2.6.37).
inline constexpr int user_timeout = 18;
/// TCP_FASTOPEN: the TCP Fast Open queue of a listener (Linux 3.7).
inline constexpr int fastopen = 23;
/// TCP_NOTSENT_LOWAT: the most unsent data to hold (Linux 3.12).
inline constexpr int notsent_lowat = 25;
}  // namespace tcp_opt

/// Options of level sock_level::ip.
namespace ip_opt {
/// IP_TOS: the type of service.
inline constexpr int tos = 1;
/// IP_TTL: the time to live.
inline constexpr int ttl = 2;
/// IP_MTU_DISCOVER: path MTU discovery.
inline constexpr int mtu_discover = 10;
/// IP_RECVERR: errors to the error queue.
inline constexpr int recverr = 11;
/// IP_FREEBIND: bind to an address not (yet) local.
inline constexpr int freebind = 15;
/// IP_TRANSPARENT: transparent proxying (CAP_NET_ADMIN).
inline constexpr int transparent = 19;
/// IP_BIND_ADDRESS_NO_PORT: bind chooses the port at connect (Linux 4.2).
inline constexpr int bind_address_no_port = 24;
}  // namespace ip_opt

/// Options of level sock_level::ipv6.
namespace ipv6_opt {
/// IPV6_UNICAST_HOPS: the hop limit.
inline constexpr int unicast_hops = 16;
/// IPV6_RECVERR: errors to the error queue.
inline constexpr int recverr = 25;
/// IPV6_V6ONLY: IPv6 only, no IPv4-mapped addresses.
inline constexpr int v6only = 26;
}  // namespace ipv6_opt

/// IP protocols: socket(2)'s protocol, and levels of the same numbers.
namespace ipproto {
/// IPPROTO_IP: the default protocol of the type.
inline constexpr int ip = 0;
/// IPPROTO_ICMP: ICMP.
inline constexpr int icmp = 1;
/// IPPROTO_TCP: TCP.
inline constexpr int tcp = 6;
/// IPPROTO_UDP: UDP.
inline constexpr int udp = 17;
/// IPPROTO_IPV6: IPv6.
inline constexpr int ipv6 = 41;
/// IPPROTO_ICMPV6: ICMPv6.
inline constexpr int icmpv6 = 58;
/// IPPROTO_SCTP: SCTP.
inline constexpr int sctp = 132;
/// IPPROTO_UDPLITE: UDP-Lite.
inline constexpr int udplite = 136;
/// IPPROTO_RAW: raw IP packets.
inline constexpr int raw = 255;
/// IPPROTO_MPTCP: Multipath TCP (Linux 5.6).
inline constexpr int mptcp = 262;
}  // namespace ipproto

/// The flags of send(2), recv(2), sendmsg(2) and recvmsg(2) (and their
/// ops' msg_flags), and of Msghdr::msg_flags on return.
namespace msg_flag {
/// MSG_OOB: out-of-band data.
inline constexpr unsigned oob = 0x1;
/// MSG_PEEK: read without taking the data off the queue.
inline constexpr unsigned peek = 0x2;
/// MSG_DONTROUTE: send only to directly connected hosts.
inline constexpr unsigned dontroute = 0x4;
/// MSG_CTRUNC: the control data was cut short (on return).
inline constexpr unsigned ctrunc = 0x8;
/// MSG_TRUNC: the datagram was cut short (on return); return its real length.
inline constexpr unsigned trunc = 0x20;
/// MSG_DONTWAIT: do not block (EAGAIN).
inline constexpr unsigned dontwait = 0x40;
/// MSG_EOR: end of record.
inline constexpr unsigned eor = 0x80;
/// MSG_WAITALL: wait for the whole length.
inline constexpr unsigned waitall = 0x100;
/// MSG_CONFIRM: the neighbour is reachable.
inline constexpr unsigned confirm = 0x800;
/// MSG_ERRQUEUE: read from the error queue.
inline constexpr unsigned errqueue = 0x2000;
/// MSG_NOSIGNAL: no SIGPIPE on a broken connection, only EPIPE.
inline constexpr unsigned nosignal = 0x4000;
/// MSG_MORE: more data follows.
inline constexpr unsigned more = 0x8000;
/// MSG_WAITFORONE: recvmmsg returns after the first message.
inline constexpr unsigned waitforone = 0x10000;
/// MSG_ZEROCOPY: send without copying (sock_opt::zerocopy; Linux 4.14).
inline constexpr unsigned zerocopy = 0x4000000;
/// MSG_FASTOPEN: send data in the SYN (TCP Fast Open; Linux 3.7).
inline constexpr unsigned fastopen = 0x20000000;
/// MSG_CMSG_CLOEXEC: descriptors received by SCM_RIGHTS close on execve(2).
inline constexpr unsigned cmsg_cloexec = 0x40000000;
}  // namespace msg_flag

/// The `how` of shutdown(2) and op::shutdown.
namespace shut_how {
/// SHUT_RD: no more receptions.
inline constexpr int rd = 0;
/// SHUT_WR: no more transmissions.
inline constexpr int wr = 1;
/// SHUT_RDWR: neither.
inline constexpr int rdwr = 2;
}  // namespace shut_how

/// IPv4's special addresses, in host byte order (pass them through
/// to_net32() into SockaddrIn::sin_addr).
namespace inaddr {
/// INADDR_ANY: every local address (0.0.0.0).
inline constexpr uint32_t any = 0x00000000;
/// INADDR_BROADCAST: the broadcast address (255.255.255.255).
inline constexpr uint32_t broadcast = 0xffffffff;
/// INADDR_LOOPBACK: the loopback address (127.0.0.1).
inline constexpr uint32_t loopback = 0x7f000001;
}  // namespace inaddr

/// `v` in network byte order (big endian): a port for SockaddrIn::sin_port.
/// As htons(), which glibc defines as a macro. No liburing equivalent. Any
/// kernel.
constexpr uint16_t to_net16(uint16_t v) noexcept { return static_cast<uint16_t>(v << 8 | v >> 8); }

/// `v` in network byte order (big endian): an address for
/// SockaddrIn::sin_addr. As htonl(), which glibc defines as a macro. No
/// liburing equivalent. Any kernel.
constexpr uint32_t to_net32(uint32_t v) noexcept {
  return v >> 24 | (v >> 8 & 0xff00U) | (v << 8 & 0xff0000U) | v << 24;
}

/// `v`, a port in network byte order, in host order. As ntohs(). No liburing
/// equivalent. Any kernel.
constexpr uint16_t from_net16(uint16_t v) noexcept { return to_net16(v); }

/// `v`, an address in network byte order, in host order. As ntohl(). No
/// liburing equivalent. Any kernel.
constexpr uint32_t from_net32(uint32_t v) noexcept { return to_net32(v); }

/// The IPv4 address a.b.c.d in network byte order, for SockaddrIn::sin_addr.
/// No liburing equivalent (libc's inet_addr() of a string). Any kernel.
constexpr uint32_t ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) noexcept {
  return to_net32(uint32_t{a} << 24 | uint32_t{b} << 16 | uint32_t{c} << 8 | d);
}

}  // namespace fring

#endif  // FRING_CORE_UAPI_NET_H
