"""Dependencies of fring for WORKSPACE-mode consumers: call fring_deps().

Bazel 4 appends a WORKSPACE suffix that downloads rules_cc, rules_java and
remote_coverage_tools, which fails offline (Debian's bazel-bootstrap 4.2.3 is
the Bazel most machines without a network have). There, fring_deps()
declares fring's small stand-ins for the three (tools/bazel/shims/), which
forward Bazel's native rules, so nothing is downloaded. On Bazel 5 and newer
it declares the real rules_cc. It never replaces a repository the consumer
declared first.
"""

load("@bazel_tools//tools/build_defs/repo:http.bzl", "http_archive")

_SHIMS = ["rules_cc", "rules_java", "remote_coverage_tools"]

def _shim_impl(rctx):
    # fring's checkout (a local_repository or an unpacked archive) holds the
    # stand-in; link its files in rather than copying them.
    shims = rctx.path(Label("//tools/bazel:BUILD.bazel")).dirname.get_child("shims")
    for entry in shims.get_child(rctx.attr.shim).readdir():
        rctx.symlink(entry, entry.basename)

_shim = repository_rule(
    implementation = _shim_impl,
    attrs = {"shim": attr.string(mandatory = True)},
    doc = "One of fring's offline stand-ins from tools/bazel/shims/.",
)

def _bazel_major():
    # Debian's bootstrap build of 4.2.3 reports no version at all.
    version = native.bazel_version
    if not version:
        return 4
    return int(version.split(".")[0])

def fring_deps():
    """Declares the repositories //:fring needs, unless already declared."""
    if _bazel_major() < 5:
        for name in _SHIMS:
            if not native.existing_rule(name):
                _shim(name = name, shim = name)
    elif not native.existing_rule("rules_cc"):
        http_archive(
            name = "rules_cc",
            urls = ["https://github.com/bazelbuild/rules_cc/releases/download/0.0.9/rules_cc-0.0.9.tar.gz"],
            sha256 = "2037875b9a4456dce4a79d112a8ae885bbc4aad968e6587dca6e64f3a0900cdf",
            strip_prefix = "rules_cc-0.0.9",
        )
