"""Repositories fring needs for its own development (tests, cross builds)."""

load("//toolchains:gcc_cross.bzl", "gcc_cross_toolchain")
load("//tools/bazel:system_doctest.bzl", "system_doctest")

def fring_dev_repositories():
    """Declares doctest and the cross toolchains; never needed by consumers."""
    system_doctest(name = "doctest")
    gcc_cross_toolchain(
        name = "fring_gcc_aarch64",
        cpu = "aarch64",
        triple = "aarch64-linux-gnu",
    )
