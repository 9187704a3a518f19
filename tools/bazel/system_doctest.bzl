"""doctest from the system package (Debian's doctest-dev), as @doctest."""

_BUILD = """\
load("@rules_cc//cc:defs.bzl", "cc_library")

cc_library(
    name = "doctest",
    hdrs = ["doctest/doctest.h"],
    includes = ["."],
    visibility = ["//visibility:public"],
)
"""

def _system_doctest_impl(rctx):
    dirs = [rctx.os.environ.get("FRING_DOCTEST_INCLUDE", ""), "/usr/include", "/usr/local/include"]
    for d in dirs:
        if d and rctx.path(d + "/doctest/doctest.h").exists:
            rctx.symlink(d + "/doctest/doctest.h", "doctest/doctest.h")
            rctx.file("BUILD.bazel", _BUILD)
            return
    fail("doctest/doctest.h not found: run tools/setup (it installs doctest-dev) " +
         "or set FRING_DOCTEST_INCLUDE to the folder that holds doctest/doctest.h")

system_doctest = repository_rule(
    implementation = _system_doctest_impl,
    environ = ["FRING_DOCTEST_INCLUDE"],
    local = True,
)
