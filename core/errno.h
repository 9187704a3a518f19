// SPDX-License-Identifier: MIT
// Errno: the kernel's error numbers as a scoped enum, with their names and
// messages, so errors print readably without libc. One list below is the
// single source of the enumerators and both string tables.
#ifndef FRING_CORE_ERRNO_H
#define FRING_CORE_ERRNO_H

namespace fring {

// X(enumerator, value, name, message). Enumerators are the lower-case errno
// names (einval, not EINVAL), since libc defines the upper-case ones as macros.
// Values are those of the kernel's generic errno headers, shared by x86_64,
// aarch64 and riscv64, plus the kernel-internal codes (512..530) that can leak
// into a CQE.
#define FRING_ERRNO_LIST(X)                                                                      \
  X(eperm, 1, "EPERM", "Operation not permitted")                                                \
  X(enoent, 2, "ENOENT", "No such file or directory")                                            \
  X(esrch, 3, "ESRCH", "No such process")                                                        \
  X(eintr, 4, "EINTR", "Interrupted system call")                                                \
  X(eio, 5, "EIO", "Input/output error")                                                         \
  X(enxio, 6, "ENXIO", "No such device or address")                                              \
  X(e2big, 7, "E2BIG", "Argument list too long")                                                 \
  X(enoexec, 8, "ENOEXEC", "Exec format error")                                                  \
  X(ebadf, 9, "EBADF", "Bad file descriptor")                                                    \
  X(echild, 10, "ECHILD", "No child processes")                                                  \
  X(eagain, 11, "EAGAIN", "Resource temporarily unavailable")                                    \
  X(enomem, 12, "ENOMEM", "Cannot allocate memory")                                              \
  X(eacces, 13, "EACCES", "Permission denied")                                                   \
  X(efault, 14, "EFAULT", "Bad address")                                                         \
  X(enotblk, 15, "ENOTBLK", "Block device required")                                             \
  X(ebusy, 16, "EBUSY", "Device or resource busy")                                               \
  X(eexist, 17, "EEXIST", "File exists")                                                         \
  X(exdev, 18, "EXDEV", "Invalid cross-device link")                                             \
  X(enodev, 19, "ENODEV", "No such device")                                                      \
  X(enotdir, 20, "ENOTDIR", "Not a directory")                                                   \
  X(eisdir, 21, "EISDIR", "Is a directory")                                                      \
  X(einval, 22, "EINVAL", "Invalid argument")                                                    \
  X(enfile, 23, "ENFILE", "Too many open files in system")                                       \
  X(emfile, 24, "EMFILE", "Too many open files")                                                 \
  X(enotty, 25, "ENOTTY", "Inappropriate ioctl for device")                                      \
  X(etxtbsy, 26, "ETXTBSY", "Text file busy")                                                    \
  X(efbig, 27, "EFBIG", "File too large")                                                        \
  X(enospc, 28, "ENOSPC", "No space left on device")                                             \
  X(espipe, 29, "ESPIPE", "Illegal seek")                                                        \
  X(erofs, 30, "EROFS", "Read-only file system")                                                 \
  X(emlink, 31, "EMLINK", "Too many links")                                                      \
  X(epipe, 32, "EPIPE", "Broken pipe")                                                           \
  X(edom, 33, "EDOM", "Numerical argument out of domain")                                        \
  X(erange, 34, "ERANGE", "Numerical result out of range")                                       \
  X(edeadlk, 35, "EDEADLK", "Resource deadlock avoided")                                         \
  X(enametoolong, 36, "ENAMETOOLONG", "File name too long")                                      \
  X(enolck, 37, "ENOLCK", "No locks available")                                                  \
  X(enosys, 38, "ENOSYS", "Function not implemented")                                            \
  X(enotempty, 39, "ENOTEMPTY", "Directory not empty")                                           \
  X(eloop, 40, "ELOOP", "Too many levels of symbolic links")                                     \
  X(enomsg, 42, "ENOMSG", "No message of desired type")                                          \
  X(eidrm, 43, "EIDRM", "Identifier removed")                                                    \
  X(echrng, 44, "ECHRNG", "Channel number out of range")                                         \
  X(el2nsync, 45, "EL2NSYNC", "Level 2 not synchronized")                                        \
  X(el3hlt, 46, "EL3HLT", "Level 3 halted")                                                      \
  X(el3rst, 47, "EL3RST", "Level 3 reset")                                                       \
  X(elnrng, 48, "ELNRNG", "Link number out of range")                                            \
  X(eunatch, 49, "EUNATCH", "Protocol driver not attached")                                      \
  X(enocsi, 50, "ENOCSI", "No CSI structure available")                                          \
  X(el2hlt, 51, "EL2HLT", "Level 2 halted")                                                      \
  X(ebade, 52, "EBADE", "Invalid exchange")                                                      \
  X(ebadr, 53, "EBADR", "Invalid request descriptor")                                            \
  X(exfull, 54, "EXFULL", "Exchange full")                                                       \
  X(enoano, 55, "ENOANO", "No anode")                                                            \
  X(ebadrqc, 56, "EBADRQC", "Invalid request code")                                              \
  X(ebadslt, 57, "EBADSLT", "Invalid slot")                                                      \
  X(ebfont, 59, "EBFONT", "Bad font file format")                                                \
  X(enostr, 60, "ENOSTR", "Device not a stream")                                                 \
  X(enodata, 61, "ENODATA", "No data available")                                                 \
  X(etime, 62, "ETIME", "Timer expired")                                                         \
  X(enosr, 63, "ENOSR", "Out of streams resources")                                              \
  X(enonet, 64, "ENONET", "Machine is not on the network")                                       \
  X(enopkg, 65, "ENOPKG", "Package not installed")                                               \
  X(eremote, 66, "EREMOTE", "Object is remote")                                                  \
  X(enolink, 67, "ENOLINK", "Link has been severed")                                             \
  X(eadv, 68, "EADV", "Advertise error")                                                         \
  X(esrmnt, 69, "ESRMNT", "Srmount error")                                                       \
  X(ecomm, 70, "ECOMM", "Communication error on send")                                           \
  X(eproto, 71, "EPROTO", "Protocol error")                                                      \
  X(emultihop, 72, "EMULTIHOP", "Multihop attempted")                                            \
  X(edotdot, 73, "EDOTDOT", "RFS specific error")                                                \
  X(ebadmsg, 74, "EBADMSG", "Bad message")                                                       \
  X(eoverflow, 75, "EOVERFLOW", "Value too large for defined data type")                         \
  X(enotuniq, 76, "ENOTUNIQ", "Name not unique on network")                                      \
  X(ebadfd, 77, "EBADFD", "File descriptor in bad state")                                        \
  X(eremchg, 78, "EREMCHG", "Remote address changed")                                            \
  X(elibacc, 79, "ELIBACC", "Can not access a needed shared library")                            \
  X(elibbad, 80, "ELIBBAD", "Accessing a corrupted shared library")                              \
  X(elibscn, 81, "ELIBSCN", ".lib section in a.out corrupted")                                   \
  X(elibmax, 82, "ELIBMAX", "Attempting to link in too many shared libraries")                   \
  X(elibexec, 83, "ELIBEXEC", "Cannot exec a shared library directly")                           \
  X(eilseq, 84, "EILSEQ", "Invalid or incomplete multibyte or wide character")                   \
  X(erestart, 85, "ERESTART", "Interrupted system call should be restarted")                     \
  X(estrpipe, 86, "ESTRPIPE", "Streams pipe error")                                              \
  X(eusers, 87, "EUSERS", "Too many users")                                                      \
  X(enotsock, 88, "ENOTSOCK", "Socket operation on non-socket")                                  \
  X(edestaddrreq, 89, "EDESTADDRREQ", "Destination address required")                            \
  X(emsgsize, 90, "EMSGSIZE", "Message too long")                                                \
  X(eprototype, 91, "EPROTOTYPE", "Protocol wrong type for socket")                              \
  X(enoprotoopt, 92, "ENOPROTOOPT", "Protocol not available")                                    \
  X(eprotonosupport, 93, "EPROTONOSUPPORT", "Protocol not supported")                            \
  X(esocktnosupport, 94, "ESOCKTNOSUPPORT", "Socket type not supported")                         \
  X(eopnotsupp, 95, "EOPNOTSUPP", "Operation not supported")                                     \
  X(epfnosupport, 96, "EPFNOSUPPORT", "Protocol family not supported")                           \
  X(eafnosupport, 97, "EAFNOSUPPORT", "Address family not supported by protocol")                \
  X(eaddrinuse, 98, "EADDRINUSE", "Address already in use")                                      \
  X(eaddrnotavail, 99, "EADDRNOTAVAIL", "Cannot assign requested address")                       \
  X(enetdown, 100, "ENETDOWN", "Network is down")                                                \
  X(enetunreach, 101, "ENETUNREACH", "Network is unreachable")                                   \
  X(enetreset, 102, "ENETRESET", "Network dropped connection on reset")                          \
  X(econnaborted, 103, "ECONNABORTED", "Software caused connection abort")                       \
  X(econnreset, 104, "ECONNRESET", "Connection reset by peer")                                   \
  X(enobufs, 105, "ENOBUFS", "No buffer space available")                                        \
  X(eisconn, 106, "EISCONN", "Transport endpoint is already connected")                          \
  X(enotconn, 107, "ENOTCONN", "Transport endpoint is not connected")                            \
  X(eshutdown, 108, "ESHUTDOWN", "Cannot send after transport endpoint shutdown")                \
  X(etoomanyrefs, 109, "ETOOMANYREFS", "Too many references: cannot splice")                     \
  X(etimedout, 110, "ETIMEDOUT", "Connection timed out")                                         \
  X(econnrefused, 111, "ECONNREFUSED", "Connection refused")                                     \
  X(ehostdown, 112, "EHOSTDOWN", "Host is down")                                                 \
  X(ehostunreach, 113, "EHOSTUNREACH", "No route to host")                                       \
  X(ealready, 114, "EALREADY", "Operation already in progress")                                  \
  X(einprogress, 115, "EINPROGRESS", "Operation now in progress")                                \
  X(estale, 116, "ESTALE", "Stale file handle")                                                  \
  X(euclean, 117, "EUCLEAN", "Structure needs cleaning")                                         \
  X(enotnam, 118, "ENOTNAM", "Not a XENIX named type file")                                      \
  X(enavail, 119, "ENAVAIL", "No XENIX semaphores available")                                    \
  X(eisnam, 120, "EISNAM", "Is a named type file")                                               \
  X(eremoteio, 121, "EREMOTEIO", "Remote I/O error")                                             \
  X(edquot, 122, "EDQUOT", "Disk quota exceeded")                                                \
  X(enomedium, 123, "ENOMEDIUM", "No medium found")                                              \
  X(emediumtype, 124, "EMEDIUMTYPE", "Wrong medium type")                                        \
  X(ecanceled, 125, "ECANCELED", "Operation canceled")                                           \
  X(enokey, 126, "ENOKEY", "Required key not available")                                         \
  X(ekeyexpired, 127, "EKEYEXPIRED", "Key has expired")                                          \
  X(ekeyrevoked, 128, "EKEYREVOKED", "Key has been revoked")                                     \
  X(ekeyrejected, 129, "EKEYREJECTED", "Key was rejected by service")                            \
  X(eownerdead, 130, "EOWNERDEAD", "Owner died")                                                 \
  X(enotrecoverable, 131, "ENOTRECOVERABLE", "State not recoverable")                            \
  X(erfkill, 132, "ERFKILL", "Operation not possible due to RF-kill")                            \
  X(ehwpoison, 133, "EHWPOISON", "Memory page has hardware error")                               \
  X(erestartsys, 512, "ERESTARTSYS", "Restart the call (kernel-internal)")                       \
  X(erestartnointr, 513, "ERESTARTNOINTR", "Restart the call, no interrupt (kernel-internal)")   \
  X(erestartnohand, 514, "ERESTARTNOHAND", "Restart if no handler (kernel-internal)")            \
  X(enoioctlcmd, 515, "ENOIOCTLCMD", "No ioctl command (kernel-internal)")                       \
  X(erestart_restartblock, 516, "ERESTART_RESTARTBLOCK",                                         \
    "Restart by restart block (kernel-internal)")                                                \
  X(eprobe_defer, 517, "EPROBE_DEFER", "Driver probe deferred (kernel-internal)")                \
  X(eopenstale, 518, "EOPENSTALE", "Open found a stale dentry (kernel-internal)")                \
  X(enoparam, 519, "ENOPARAM", "Parameter not supported (kernel-internal)")                      \
  X(ebadhandle, 521, "EBADHANDLE", "Illegal NFS file handle (kernel-internal)")                  \
  X(enotsync, 522, "ENOTSYNC", "Update synchronization mismatch (kernel-internal)")              \
  X(ebadcookie, 523, "EBADCOOKIE", "Cookie is stale (kernel-internal)")                          \
  X(enotsupp, 524, "ENOTSUPP", "Operation is not supported (kernel-internal)")                   \
  X(etoosmall, 525, "ETOOSMALL", "Buffer or request is too small (kernel-internal)")             \
  X(eserverfault, 526, "ESERVERFAULT", "Server fault (kernel-internal)")                         \
  X(ebadtype, 527, "EBADTYPE", "Type not supported by server (kernel-internal)")                 \
  X(ejukebox, 528, "EJUKEBOX",                                                                   \
    "Request initiated, but will not complete before timeout (kernel-internal)")                 \
  X(eiocbqueued, 529, "EIOCBQUEUED", "iocb queued, will get completion event (kernel-internal)") \
  X(erecallconflict, 530, "ERECALLCONFLICT", "Conflict with recalled state (kernel-internal)")

/// A Linux error number (positive), as carried by an error Result.
enum class Errno : int {
#define FRING_ERRNO_ENUMERATOR(e, n, name, msg) e = n,
  FRING_ERRNO_LIST(FRING_ERRNO_ENUMERATOR)
#undef FRING_ERRNO_ENUMERATOR
};

/// Returns the symbolic name of `e` ("EINVAL"), or "E?" for a number the kernel
/// does not define. No liburing equivalent (libc's strerrorname_np). Any kernel.
constexpr const char* errno_name(Errno e) noexcept {
  switch (e) {
#define FRING_ERRNO_NAME(e, n, name, msg) \
  case Errno::e:                          \
    return name;
    FRING_ERRNO_LIST(FRING_ERRNO_NAME)
#undef FRING_ERRNO_NAME
  }
  return "E?";
}

/// Returns the message for `e` ("Invalid argument"), or "Unknown error".
/// No liburing equivalent (libc's strerror). Any kernel.
constexpr const char* errno_message(Errno e) noexcept {
  switch (e) {
#define FRING_ERRNO_MESSAGE(e, n, name, msg) \
  case Errno::e:                             \
    return msg;
    FRING_ERRNO_LIST(FRING_ERRNO_MESSAGE)
#undef FRING_ERRNO_MESSAGE
  }
  return "Unknown error";
}

}  // namespace fring

#endif  // FRING_CORE_ERRNO_H
