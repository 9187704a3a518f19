"""fring_test: one doctest binary per tests/<unit>_test.cc."""

load("@rules_cc//cc:defs.bzl", "cc_library", "cc_test")
load("//tools/bazel:copts.bzl", "FRING_CO_COPTS", "FRING_WARNING_COPTS")

def fring_test(name, srcs = None, deps = [], copts = [], vm = True, tags = [], **kwargs):
    """A statically linked doctest binary, so the same file runs under qemu.

    Under the sanitizer configurations (.bazelrc: asan, tsan) it links
    dynamically instead, as the clang runtimes require.

    Args:
      name: the unit's name, <unit>_test; the source is <name>.cc.
      srcs: sources, if not just <name>.cc.
      deps: extra dependencies beyond fring and the test support.
      copts: extra compiler flags.
      vm: whether the unit also runs in every VM cell (tests/vm/defs.bzl);
        False for units built with their own defines, which cannot share a
        binary with the others.
      tags: extra tags.
      **kwargs: passed to cc_test.
    """
    cc_test(
        name = name,
        srcs = srcs or [name + ".cc"],
        copts = FRING_WARNING_COPTS + copts,
        linkopts = select({
            "//tools/bazel:dynamic_link": [],
            "//conditions:default": ["-static"],
        }),
        linkstatic = True,
        tags = tags + (["fring_vm"] if vm else []),
        deps = ["//tests/support"] + deps,
        **kwargs
    )

def fring_co_test(name, srcs = None, deps = [], vm = True, tags = [], local_defines = [], **kwargs):
    """fring_test() for a unit of fring/co, compiled as C++20.

    Its sources form a library (<name>_lib) linked whole into the test, so
    that the VM suite links the library too and the other units stay C++17
    (tests/vm/defs.bzl).

    Args:
      name: the unit's name, <unit>_test; the source is <name>.cc.
      srcs: sources, if not just <name>.cc.
      deps: extra dependencies beyond fring/co and the test support.
      vm: whether the unit also runs in every VM cell.
      tags: extra tags.
      local_defines: defines for the unit's sources (FRING_FAULT_INJECTION).
      **kwargs: passed to cc_test.
    """
    cc_library(
        name = name + "_lib",
        testonly = True,
        srcs = srcs or [name + ".cc"],
        copts = FRING_WARNING_COPTS + FRING_CO_COPTS,
        local_defines = local_defines,
        tags = ["fring_vm_lib"] if vm else [],
        deps = ["//co", "//tests/support"] + deps,
        alwayslink = True,
    )
    cc_test(
        name = name,
        linkopts = select({
            "//tools/bazel:dynamic_link": [],
            "//conditions:default": ["-static"],
        }),
        linkstatic = True,
        tags = tags,
        deps = [name + "_lib"],
        **kwargs
    )
