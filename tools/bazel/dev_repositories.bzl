"""Repositories fring needs for its own development (tests, cross builds)."""

load("//toolchains:gcc_cross.bzl", "gcc_cross_toolchain")
load("//tools/bazel:clang.bzl", "clang_toolchain")
load("//tools/bazel:kernels.bzl", "fring_kernels")
load("//tools/bazel:system_doctest.bzl", "system_doctest")

def fring_dev_repositories():
    """Declares doctest, the cross toolchains, clang and the VM kernels.

    None of these is needed by consumers of //:fring.
    """
    system_doctest(name = "doctest")
    # Only the sanitizer and fuzzing configurations use it (.bazelrc).
    clang_toolchain(
        name = "fring_clang",
        version = "14",
    )
    fring_kernels(name = "fring_kernels")
    gcc_cross_toolchain(
        name = "fring_gcc_aarch64",
        cpu = "aarch64",
        triple = "aarch64-linux-gnu",
    )
    gcc_cross_toolchain(
        name = "fring_gcc_riscv64",
        cpu = "riscv64",
        triple = "riscv64-linux-gnu",
    )
