"""The ordering proof's table of architectures, and the test built from it.

Adding an architecture is one entry in ORDERING, given its
//toolchains:linux_<arch> platform and its objdump.
"""

load("//tools/bazel:platforms.bzl", "platform_files")

# Per architecture: its objdump, and how an acquire load, a release store
# and a full fence look in it, as extended regular expressions over
# "mnemonic operands" lines (empty: the hardware orders it, so there is no
# instruction to find).
ORDERING = {
    "x86_64": {
        "objdump": "objdump",
        "acquire": "",
        "release": "",
        "fence": "^(mfence|lock )",
    },
    "aarch64": {
        "objdump": "aarch64-linux-gnu-objdump",
        "acquire": "^ldap?r[bh]? ",
        "release": "^stlr[bh]? ",
        "fence": "^dmb ish$",
    },
    # RVWMO, gcc 12: an acquire load is the load then `fence r,rw`, a release
    # store `fence rw,w` then the store, a full fence `fence rw,rw`; each is
    # some `fence`.
    "riscv64": {
        "objdump": "riscv64-linux-gnu-objdump",
        "acquire": "^fence",
        "release": "^fence",
        "fence": "^fence",
    },
}

def _quoted(pattern):
    # One argument even when empty; `$` escaped from Make-variable expansion.
    return "'%s'" % pattern.replace("$", "$$")

def ordering_test(name, probes):
    """The probes built for each architecture of ORDERING, and the test.

    Args:
      name: the sh_test.
      probes: the cc_library of probe functions.
    """
    args = []
    for arch, e in ORDERING.items():
        platform_files(
            name = "%s_%s" % (probes.lstrip(":"), arch),
            srcs = [probes],
            platform = "//toolchains:linux_" + arch,
        )
        args += [arch, e["objdump"]]
        args += [_quoted(e[kind]) for kind in ["acquire", "release", "fence"]]
        args.append("$(rootpaths :%s_%s)" % (probes.lstrip(":"), arch))
    native.sh_test(
        name = name,
        srcs = [name + ".sh"],
        args = args,
        data = [":%s_%s" % (probes.lstrip(":"), arch) for arch in ORDERING] +
               ["//tests/support:check.sh"],
    )
