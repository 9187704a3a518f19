"""fring's aarch64 and riscv64 cross toolchains, for any WORKSPACE: call
fring_cross_toolchains().

It declares @fring_gcc_aarch64 and @fring_gcc_riscv64 (Debian's
aarch64-linux-gnu-g++ and riscv64-linux-gnu-g++ found on PATH, see
gcc_cross.bzl) and registers both, so that with
--incompatible_enable_cc_toolchain_resolution a build for
--platforms=@fring//toolchains:linux_aarch64 (or linux_riscv64) finds its
compiler. The host build keeps Bazel's auto-configured toolchain. fring's own
WORKSPACE calls it too.
"""

load("//toolchains:gcc_cross.bzl", "gcc_cross_toolchain")

_CROSS = {
    "aarch64": "aarch64-linux-gnu",
    "riscv64": "riscv64-linux-gnu",
}

def fring_cross_toolchains():
    """Declares and registers the cross toolchains, unless already declared."""
    for cpu, triple in _CROSS.items():
        name = "fring_gcc_" + cpu
        if not native.existing_rule(name):
            gcc_cross_toolchain(name = name, cpu = cpu, triple = triple)
        native.register_toolchains("@{}//:toolchain".format(name))
