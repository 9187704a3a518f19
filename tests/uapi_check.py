#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every kernel constant and struct fring names, against the kernel's own.

tools/names.py reads fring's name table from the `///` lines of its ABI
headers; this compiles, for each header set given, one translation unit that
includes the kernel's (or libc's) headers and fring and asserts, for every
name that set declares, that the value is fring's, and for every struct its
size and the offset and size of each of fring's fields. Names a set does not
declare (an older kernel's header) are left out of that set's unit; every
name must be checked by at least one set. A set may be another
architecture's (--target=aarch64-linux-gnu: the cross compiler's headers),
and fring's values are then that target's: there, as in every set, a name
the headers define must be one fring defines for the target, and a name the
first set (the host's headers of the same vintage) checked must be checked
again, unless neither the headers nor fring have it on that target. Prints
one line per set and exits 1 on any mismatch or unchecked name.
usage: uapi_check.py FRING_ROOT SET... where SET is NAME=FLAGS (-isystem
DIR, --target=TRIPLE; none: the compiler's default headers); the first set
is the host's, the last the newest, and every io_uring constant and struct
the newest's headers declare must have a fring name.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import names as name_table  # noqa: E402

CXX = os.environ.get("CLANGXX", "clang++")

# What each set includes: the io_uring UAPI and the headers of the structs
# its requests point to, or libc's for the syscall layer's constants.
KERNEL_HEADERS = ["linux/io_uring.h", "linux/time_types.h", "linux/openat2.h", "linux/stat.h",
                  "linux/futex.h", "linux/filter.h", "linux/uio.h", "linux/un.h", "linux/in6.h",
                  "linux/eventpoll.h", "linux/fcntl.h", "linux/signal.h", "linux/mman.h",
                  "linux/time.h", "linux/random.h", "linux/reboot.h", "linux/fadvise.h",
                  "linux/falloc.h", "linux/xattr.h", "linux/fs.h", "linux/poll.h", "asm/socket.h",
                  "linux/in.h", "linux/tcp.h", "linux/wait.h", "linux/signalfd.h"]
OPTIONAL_KERNEL = ["linux/io_uring/query.h", "linux/io_uring/bpf_filter.h",
                   "linux/io_uring/zcrx.h"]
SENTINEL = re.compile(r"_LAST$|_MAX$")
URING_HEADERS = {"core/uapi/io_uring.h", "core/uapi/query.h", "core/uapi/bpf_filter.h"}
RESERVED = re.compile(r"^_*(resv|pad|rsvd|reserved|spare)\d*$")
LIBC_HEADERS = ["sys/mman.h", "fcntl.h", "sys/socket.h", "netinet/in.h", "sys/un.h", "sys/uio.h",
                "sys/stat.h", "sys/epoll.h", "signal.h", "time.h", "sys/random.h", "poll.h",
                "sys/wait.h", "netinet/tcp.h", "netinet/udp.h", "sys/xattr.h", "stdio.h",
                "sys/signalfd.h"]
# Names libc spells as the kernel does but means otherwise: checked against
# the kernel's headers only.
KERNEL_ONLY = {
    "O_LARGEFILE",  # glibc's is 0 on 64-bit targets, where the kernel forces it
    "sigaction",    # glibc's struct sigaction is its own, with a 128-byte mask
}
# Constants the headers define as pointers (handler values): no constant
# expression can compare a pointer cast, but clang folds a bit-field's width.
POINTERS = {"SIG_DFL", "SIG_IGN"}


def fields_of(root, tmp):
    """fring struct name -> the fields reachable as its members."""
    src = '#include "fring/fring.h"\n'
    r = subprocess.run([CXX, "-x", "c++", "-std=c++17", "-ffreestanding", "-fsyntax-only",
                        "-Xclang", "-ast-dump=json", "-I", tmp, "-"], input=src,
                       capture_output=True, text=True)
    if r.returncode:
        sys.exit("uapi_check: fring does not compile:\n" + r.stderr)
    out = {}

    def members(record):
        got, kids = [], record.get("inner", [])
        for i, k in enumerate(kids):
            if k.get("kind") == "FieldDecl" and not k.get("isImplicit"):
                got.append(k["name"])
            elif k.get("kind") == "CXXRecordDecl" and not k.get("name"):
                nxt = kids[i + 1] if i + 1 < len(kids) else {}
                if nxt.get("kind") == "FieldDecl" and nxt.get("isImplicit"):
                    got += members(k)  # an anonymous struct or union
        return got

    def visit(node, scope):
        for n in node.get("inner", []) or []:
            if n.get("kind") == "NamespaceDecl":
                visit(n, scope + [n.get("name", "")])
            elif n.get("kind") == "CXXRecordDecl" and n.get("name") and \
                    n.get("completeDefinition") and scope[:1] == ["fring"]:
                out["::".join(scope[1:] + [n["name"]])] = members(n)
    visit(json.loads(r.stdout), [])
    return out


def checks(names, fields):
    """(id, C++ line) pairs: one static_assert each."""
    out = []
    for n in names:
        f = "::fring::" + n.fring
        if n.kernel in POINTERS:
            out.append((n.kernel, "struct check_%d { int ok : "
                        "((unsigned long)(%s) == %s ? 1 : -1); };"
                        % (len(out), n.kernel, f)))
            continue
        if n.kind == "constant":
            # A count (IORING_OP_LAST, __IO_URING_QUERY_MAX) is smaller in an
            # older kernel's header; fring's is the newest's.
            op = "<=" if SENTINEL.search(n.kernel) else "=="
            out.append((n.kernel, 'static_assert(static_cast<long long>(%s) %s '
                        'static_cast<long long>(%s), "%s");' % (n.kernel, op, f, n.kernel)))
            continue
        k = n.kernel if n.kernel.startswith("__") or n.kernel in ("iovec",) else \
            "struct " + n.kernel
        out.append((n.kernel, 'static_assert(sizeof(%s) == sizeof(%s), "sizeof %s");'
                    % (k, f, n.kernel)))
        # Reserved fields are split and renamed between kernels (Linux 6.1's
        # io_uring_buf_reg has resv[3] where 6.4 has min_left and resv[5]);
        # the struct's size still covers them.
        for m in (m for m in fields.get(n.fring, []) if not RESERVED.match(m)):
            out.append((n.kernel + "." + m, 'static_assert(offsetof(%s, %s) == offsetof(%s, %s) '
                        '&& sizeof(((%s*)0)->%s) == sizeof(((%s*)0)->%s), "%s.%s");'
                        % (k, m, f, m, k, m, f, m, n.kernel, m)))
    return out


def run_set(label, flags, includes, items, tmp):
    """Compiles the checks a header set can see; returns (checked ids, ids
    the headers lack but fring has, errors)."""
    head = "".join("#include <%s>\n" % h for h in includes)
    head += "".join("#if __has_include(<%s>)\n#include <%s>\n#endif\n" % (h, h)
                    for h in OPTIONAL_KERNEL) if includes is KERNEL_HEADERS else ""
    head += '#include <stddef.h>\n#include "fring/fring.h"\n'
    live = [x for x in items if includes is KERNEL_HEADERS or x[0].split(".")[0] not in KERNEL_ONLY]
    lacking, errors = [], []
    for _ in range(8):
        src = head + "".join("#line %d\n%s\n" % (i + 1000, line) for i, (_, line) in
                             enumerate(live))
        r = subprocess.run([CXX, "-x", "c++", "-std=c++17", "-fsyntax-only", "-ferror-limit=0",
                            "-fno-spell-checking", "-Wno-gnu-folding-constant",
                            "-Wno-invalid-offsetof", *flags, "-I", tmp, "-"], input=src,
                           capture_output=True, text=True)
        if r.returncode == 0:
            return [i for i, _ in live], lacking, errors
        said, wrong = {}, []
        for line in r.stderr.splitlines():
            m = re.match(r"<stdin>:(\d+):\d+: error: (.*)", line)
            if not m or int(m.group(1)) < 1000:
                continue
            idx = int(m.group(1)) - 1000
            if "static_assert failed" in m.group(2) or "static assertion failed" in m.group(2) \
                    or "negative width" in m.group(2):
                wrong.append("%s: %s: %s" % (label, live[idx][0], m.group(2)))
            else:
                said.setdefault(idx, []).append(m.group(2))  # not declared on one side
        if wrong:
            return [], [], wrong
        if not said:
            return [], [], ["%s: %s" % (label, r.stderr[-2000:])]
        for idx, messages in said.items():
            name = live[idx][0]
            fring_lacks = any("namespace 'fring" in m or "'fring::" in m for m in messages)
            headers_lack = any("'%s'" % name.split(".")[0] in m or "incomplete type" in m
                               for m in messages if "fring" not in m)
            if fring_lacks and not headers_lack and "." not in name:
                errors.append("%s: the headers define %s, fring does not for this target"
                              % (label, name))
            if headers_lack and not fring_lacks:
                lacking.append(name)
        live = [x for i, x in enumerate(live) if i not in said]
    return [], [], ["%s: did not settle" % label]


def kernel_names(flags):
    """The constants and structs the set's io_uring headers declare."""
    dirs = [flags[i + 1] for i, f in enumerate(flags) if f == "-isystem"] + ["/usr/include"]
    found = set()
    for rel in ["linux/io_uring.h"] + OPTIONAL_KERNEL:
        path = next((os.path.join(d, rel) for d in dirs if os.path.exists(os.path.join(d, rel))),
                    None)
        if not path:
            continue
        with open(path) as f:
            text = f.read()
        found |= set(re.findall(r"^\s*#define\s+((?:IORING|IOSQE|IO_URING|IOU|SPLICE_F_FD_IN)"
                                r"[A-Z0-9_]*)\b", text, re.M))
        found |= set(re.findall(r"^\s*(_*(?:IORING|IOSQE|IO_URING|IOU|IO_WQ|SOCKET_URING|ZCRX)"
                                r"[A-Z0-9_]*)\s*(?:=[^=]|,|$)", text, re.M))
        found |= set(re.findall(r"^struct (\w+) \{", text, re.M))
    return found


def main():
    root = os.path.abspath(sys.argv[1])
    names, _ = name_table.read(root)
    with tempfile.TemporaryDirectory() as tmp:
        os.symlink(root, os.path.join(tmp, "fring"))
        fields = fields_of(root, tmp)
        items = checks(names, fields)
        checked, errors = set(), []
        host = {}  # what the first set checked, per kind of headers
        # io_uring's names are the same on every arch; the cross compilers'
        # headers are of an earlier 6.1 release (6.1.4) than the host's.
        uring = {n.kernel for n in names if n.header in URING_HEADERS}
        for arg in sys.argv[2:]:
            label, _, flags = arg.partition("=")
            # Completeness against the newest set only (the last): older
            # headers carry names later kernels dropped (6.1's
            # io_uring_notification_slot).
            newest = arg is sys.argv[-1]
            lacking = sorted(kernel_names(flags.split()) - {n.kernel for n in names}) \
                if newest else []
            for k in lacking:
                errors.append("%s: fring has no name for the kernel's %s" % (label, k))
            for includes in (KERNEL_HEADERS, LIBC_HEADERS):
                kind = "kernel" if includes is KERNEL_HEADERS else "libc"
                ids, headers_lack, errs = run_set(label, flags.split(), includes, items, tmp)
                errors += errs
                checked |= set(ids)
                if arg is sys.argv[2]:
                    host[kind] = set(ids)
                elif "--target=" in flags:
                    # Another arch's headers of the host's vintage: what fring
                    # defines there and they lack is a name the arch has not.
                    for name in sorted(set(headers_lack) & host.get(kind, set()) - uring):
                        errors.append("%s, %s headers: fring defines %s, which this "
                                      "target's headers lack" % (label, kind, name))
                print("uapi_check: %s, %s headers: %d values, sizes and offsets equal to fring's"
                      % (label, kind, len(ids)))
    unchecked = sorted(i for i, _ in items if i not in checked and "." not in i)
    for e in errors:
        print("MISMATCH " + e)
    for u in unchecked:
        print("UNCHECKED %s: declared by none of the headers" % u)
    print("uapi_check: %d names, %d checks, %d mismatches, %d names unchecked"
          % (len(names), len(items), len(errors), len(unchecked)))
    return 1 if errors or unchecked else 0


if __name__ == "__main__":
    sys.exit(main())
