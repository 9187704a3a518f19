"""@fring_liburing: liburing 2.15's headers and static library, from tools/liburing,
with the kernel headers of the same Debian suite that its headers need.

Reads $FRING_LIBURING_DIR (default ~/.cache/fring/liburing), which tools/setup
fills; nothing machine-specific is committed. Targets:
  //:liburing   cc_library (headers and liburing.a) for tests that link it
  //:files      the headers and liburing.a, or none: for tests that use
                them by hand and fall back to the system's liburing
  //:missing    why there is no liburing (empty when there is one)
Without the fetched library //:liburing is incompatible with every platform, so the tests that need them are SKIPPED, never passed; .ci/run
shows the reason. Re-read when the Bazel server restarts (tools/liburing
restarts it after a fetch).
"""

_BUILD = """\
package(default_visibility = ["//visibility:public"])

exports_files(["missing", "version"])

# No platform has this value: targets that require it are skipped.
constraint_setting(name = "library")

constraint_value(
    name = "absent",
    constraint_setting = ":library",
)

# The headers and the library, or none: for tests that use them by hand and
# fall back to the system's liburing.
filegroup(
    name = "files",
    srcs = glob(["include/**/*.h", "kernel-include/**/*.h", "lib/liburing.a"]),
)

cc_library(
    name = "liburing",
    srcs = glob(["lib/liburing.a"]),
    hdrs = glob(["include/**/*.h", "kernel-include/**/*.h"]),
    includes = ["include", "kernel-include"],
    linkstatic = True,
    target_compatible_with = {compatible},
)
"""

def _fring_liburing_impl(rctx):
    root = rctx.os.environ.get("FRING_LIBURING_DIR", "")
    if not root and rctx.os.environ.get("HOME"):
        root = rctx.os.environ["HOME"] + "/.cache/fring/liburing"
    lib = rctx.path(root + "/lib/liburing.a") if root else None
    if lib and lib.exists:
        rctx.symlink(root + "/include", "include")
        rctx.symlink(root + "/kernel-include", "kernel-include")
        rctx.symlink(lib, "lib/liburing.a")
        rctx.file("version", rctx.read(root + "/version"))
        rctx.file("missing", "")
        compatible = "[]"
    else:
        reason = rctx.path(root + "/missing") if root else None
        if reason and reason.exists:
            rctx.file("missing", rctx.read(reason))
        else:
            rctx.file("missing", "no liburing 2.15 in %s: run tools/setup\n" % (root or "$FRING_LIBURING_DIR"))
        rctx.file("version", "")
        compatible = '[":absent"]'
    rctx.file("BUILD.bazel", _BUILD.format(compatible = compatible))

fring_liburing = repository_rule(
    implementation = _fring_liburing_impl,
    environ = ["FRING_LIBURING_DIR", "HOME"],
    local = True,
)
