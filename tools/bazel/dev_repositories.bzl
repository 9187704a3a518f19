"""Repositories fring needs for its own development (tests, sanitizers, VM cells)."""

load("//tools/bazel:clang.bzl", "clang_toolchain")
load("//tools/bazel:kernels.bzl", "fring_kernels")
load("//tools/bazel:liburing.bzl", "fring_liburing")
load("//tools/bazel:system_doctest.bzl", "system_doctest")

def fring_dev_repositories():
    """Declares doctest, clang, the VM kernels and liburing 2.15.

    None of these is needed by consumers of //:fring.
    """
    system_doctest(name = "doctest")
    # Only the sanitizer and fuzzing configurations use it (.bazelrc).
    clang_toolchain(
        name = "fring_clang",
        version = "14",
    )
    fring_kernels(name = "fring_kernels")
    # The differential test's oracle and the coexistence test's liburing.
    fring_liburing(name = "fring_liburing")
