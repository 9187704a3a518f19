"""fring_test: one doctest binary per tests/<unit>_test.cc."""

load("@rules_cc//cc:defs.bzl", "cc_test")
load("//tools/bazel:copts.bzl", "FRING_WARNING_COPTS")

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
