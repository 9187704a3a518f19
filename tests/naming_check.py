#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The naming rule of docs/contributing.md, checked on the compiled headers.

Reads every name fring declares (clang's AST of fring/fring.h and
fring/co/co.h, freestanding, C++20)
and the names that libc, <linux/*.h> and <liburing.h> define (their macros
from the preprocessor, their global names from clang's AST), then reports:
  global    a name fring declares at global scope
  macro     a fring name (at any depth, parameters and members included)
            spelled like a macro of libc, the kernel's headers or liburing
  using     a name directly in namespace fring (what `using namespace
            fring;` brings in) spelled like a global name of those headers
  kernel    a fring name spelled like an io_uring name of the kernel's
            header or liburing (IORING_*, IOSQE_*, io_uring_*, ...)
  define    a #define in fring's headers not spelled FRING_*
and exits 1 if any was found.
usage: naming_check.py FRING_ROOT [COMPILER_FLAG...]  (e.g. -isystem DIR for
       a liburing other than the system's)
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

CXX = os.environ.get("CLANGXX", "clang++")

# Headers of libc6-dev that are not libc's interface (internal bits/ and
# gnu/), or that C++ cannot include beside the others.
LIBC_SKIP = re.compile(r"/(bits|gnu|finclude)/|/(tgmath|complex|regexp|sys/(vlimit|timeb)|"
                       r"rpc/netdb|netinet/in_systm|sys/platform/x86)\.h$")


def run(args, stdin=None):
    return subprocess.run(args, input=stdin, capture_output=True, text=True)


def libc_headers():
    """Every public header of glibc, as Debian's libc6-dev installs it."""
    r = run(["dpkg", "-L", "libc6-dev"])
    if r.returncode != 0:
        sys.exit("naming_check: dpkg -L libc6-dev failed: is libc6-dev installed?")
    return sorted(h for h in r.stdout.split() if h.endswith(".h") and not LIBC_SKIP.search(h))


def macros_of(header, extra):
    """The macros defined after including `header`, as (name, function-like)."""
    r = run([CXX, "-x", "c++", "-std=gnu++17", "-E", "-dM", *extra, "-include", header,
             "/dev/null"])
    if r.returncode != 0:
        return set()
    names = set()
    for line in r.stdout.splitlines():
        m = re.match(r"#define ([A-Za-z_][A-Za-z0-9_]*)(\()?", line)
        if m:
            names.add((m.group(1), bool(m.group(2))))
    return names


def ast(source, extra, freestanding=False):
    args = [CXX, "-x", "c++", "-std=c++20", "-fsyntax-only", "-Xclang", "-ast-dump=json",
            *extra, "-"]
    if freestanding:
        args[4:4] = ["-ffreestanding"]
    r = run(args, stdin=source)
    if r.returncode != 0:
        sys.exit("naming_check: cannot compile %d lines of includes:\n%s" % (source.count("\n"), r.stderr[-3000:]))
    return json.loads(r.stdout)


def top_level_names(tu, only_files=None):
    """Global names of a translation unit: its top-level declarations, those
    inside extern "C" blocks, and the enumerators of unscoped global enums;
    with `only_files`, those declared in files whose path it matches."""
    names = set()
    current = [""]

    def where(n):
        # clang's JSON names a node's file only when it differs from the last
        # location printed before it, so the file carries over in order.
        for key in ("loc", "range"):
            loc = n.get(key, {})
            for part in (loc, loc.get("begin", {}), loc.get("spellingLoc", {}),
                         loc.get("expansionLoc", {})):
                if isinstance(part, dict) and "file" in part:
                    current[0] = part["file"]
        return current[0]

    def visit(nodes):
        for n in nodes:
            kind = n.get("kind")
            path = where(n)
            if n.get("isImplicit"):
                continue
            if kind == "LinkageSpecDecl":
                visit(n.get("inner", []))
                continue
            if only_files and (not only_files.search(path) or (
                    kind in ("RecordDecl", "CXXRecordDecl") and not n.get("completeDefinition"))):
                continue  # elsewhere, or a struct of another header declared ahead
            if n.get("name"):
                names.add(n["name"])
            if kind == "EnumDecl" and not n.get("scopedEnumTag"):
                for e in n.get("inner", []):
                    if e.get("kind") == "EnumConstantDecl":
                        names.add(e["name"])
            if kind in ("RecordDecl", "CXXRecordDecl"):
                # C's nested struct and enum tags are global too.
                visit([c for c in n.get("inner", [])
                       if c.get("kind") in ("RecordDecl", "CXXRecordDecl", "EnumDecl")])
    visit(tu.get("inner", []))
    return names


def fring_decls(tu, baseline):
    """(qualified name, kind, depth, name) of every named declaration fring
    makes: namespaces, types, functions, constants, members, parameters and
    locals. Depth is the number of named scopes around it (0: global)."""
    out = []

    def visit(node, scope):
        for n in node.get("inner", []) or []:
            if not isinstance(n, dict) or n.get("isImplicit"):
                continue
            kind = n.get("kind", "")
            if kind.endswith("Expr"):
                continue  # uses, not declarations
            name = n.get("name", "")
            qual = "::".join(scope + [name])
            if name.startswith("operator"):
                continue  # operators are found by their operand types, not their name
            named = bool(name) and kind.endswith("Decl") and kind not in (
                "UsingDirectiveDecl", "UsingDecl", "UsingShadowDecl")
            if named and qual not in baseline:  # <stdint.h> and <stddef.h>
                out.append((qual, kind, len(scope), name))
            visit(n, scope + [name] if named else scope)
    visit(tu, [])
    return out


# io_uring's prefixes, for names newer than the headers on this machine.
IO_URING_NAME = re.compile(r"^(IORING_|IOSQE_|IO_URING_|IOU_|io_uring_)")


def main():
    root = os.path.abspath(sys.argv[1])
    uring_inc = sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        # fring's headers are found as fring/..., as a user's -I finds them.
        link = os.path.join(tmp, "fring")
        os.symlink(root, link)
        inc = ["-I", tmp]

        libc = libc_headers()
        # Every <linux/*.h>, found through the flags first (a newer kernel's).
        dirs = [uring_inc[i + 1] for i, f in enumerate(uring_inc) if f == "-isystem"]
        linux = sorted({"linux/" + os.path.basename(h) for d in dirs + ["/usr/include"]
                        for h in glob.glob(os.path.join(d, "linux", "*.h"))})
        uring = ["liburing.h"]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            sets = list(pool.map(lambda h: macros_of(h, uring_inc), libc + linux + uring))
        # An object-like macro rewrites a name anywhere; a function-like one
        # (glibc's sigmask(sig), major(dev)) only a name followed by "(",
        # which among declarations means a function.
        macros = {n for n, function_like in set().union(*sets) if not function_like}
        function_macros = {n for n, function_like in set().union(*sets) if function_like}

        compiled = [h for h, s in zip(libc, sets) if s]
        libc_tu = "".join('#include "%s"\n' % h for h in compiled)
        libc_globals = top_level_names(ast(libc_tu, ["-D_GNU_SOURCE", "-Wno-everything"]))
        # The io_uring names proper: what liburing's and the kernel's io_uring
        # headers declare themselves.
        uring_files = re.compile(r"(liburing|io_uring)[^/]*(/[^/]*)?\.h$")
        uring_globals = top_level_names(ast('#include <liburing.h>\n', uring_inc),
                                        uring_files) | \
            top_level_names(ast("#include <linux/io_uring.h>\n", uring_inc + ["-Wno-everything"]),
                            uring_files)
        globals_ = libc_globals | uring_globals
        kernel_tu = "".join("#include <linux/%s>\n" % h for h in (
            "io_uring.h time_types.h types.h fs.h stat.h fcntl.h openat2.h futex.h "
            "socket.h in.h in6.h un.h eventpoll.h mman.h falloc.h xattr.h wait.h "
            "sched.h uio.h errno.h signal.h").split())
        globals_ |= top_level_names(ast(kernel_tu, ["-Wno-everything"]))
        baseline = {d[0] for d in fring_decls(
            ast("#include <stdint.h>\n#include <stddef.h>\n#include <coroutine>\n", [],
                freestanding=True), set())}
        fring = ast('#include "fring/fring.h"\n#include "fring/co/co.h"\n'
                    '#include "fring/mem/mem.h"\n', inc, freestanding=True)

    problems = []
    seen = set()
    for qual, kind, depth, name in fring_decls(fring, baseline):
        key = (qual, kind)
        if key in seen:
            continue
        seen.add(key)
        if depth == 0 and qual != "fring":
            problems.append(("global", qual, kind))
        if name in macros or (name in function_macros and "Function" in kind or
                               name in function_macros and "Method" in kind):
            problems.append(("macro", qual, kind))
        if depth == 1 and qual.startswith("fring::") and name in globals_:
            problems.append(("using", qual, kind))
        if IO_URING_NAME.match(name) or (name in uring_globals and kind != "FieldDecl"):
            problems.append(("kernel", qual, kind))

    for path in sorted(glob.glob(os.path.join(root, "**", "*.h"), recursive=True)):
        rel = os.path.relpath(path, root)
        if rel.split(os.sep)[0] not in ("arch", "syscall", "core", "co", "mem") and \
                rel != "fring.h":
            continue
        with open(path) as f:
            for i, line in enumerate(f, 1):
                m = re.match(r"\s*#\s*define\s+([A-Za-z_0-9]+)", line)
                if m and not m.group(1).startswith("FRING_"):
                    problems.append(("define", "%s:%d: %s" % (rel, i, m.group(1)), "macro"))

    for what, qual, kind in sorted(set(problems)):
        print("%-7s %s (%s)" % (what, qual, kind))
    counts = {}
    for what, _, _ in set(problems):
        counts[what] = counts.get(what, 0) + 1
    print("naming_check: %d object-like and %d function-like macros and %d global names of libc, <linux/*.h> and <liburing.h> "
          "read; %d fring declarations checked; %d problems %s" % (
              len(macros), len(function_macros), len(globals_), len(seen), len(set(problems)),
              counts if counts else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
