"""The host's clang (Debian's clang-14) as a C++ toolchain for x86_64 Linux.

Used only by the sanitizer and fuzzing configurations (.bazelrc: asan, tsan,
fuzz select it with --extra_toolchains); the normal build keeps Bazel's
auto-configured gcc. The repository rule asks clang for its include
directories, so no version-specific path is committed.
"""

load("//toolchains:cc_repo.bzl", "search_dirs", "write_toolchain_build")

# Bazel's tool names, and the program each one is: clang compiles and
# links; binutils does the rest, as for the gcc toolchain.
_TOOLS = {
    "ar": "ar",
    "cpp": "clang-cpp-{v}",
    "dwp": "dwp",
    "gcc": "clang-{v}",
    "gcov": "gcov",
    "ld": "ld",
    "llvm-cov": "llvm-cov-{v}",
    "nm": "nm",
    "objcopy": "objcopy",
    "objdump": "objdump",
    "strip": "strip",
}

def _normalize(path):
    """`path` with its "." and ".." components folded away."""
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/" + "/".join(parts)

def _clang_toolchain_impl(rctx):
    version = rctx.attr.version
    tools = {}
    for tool, program in _TOOLS.items():
        path = rctx.which(program.format(v = version))
        tools[tool] = str(path) if path else "/bin/false"
    includes = []
    clang = tools["gcc"]
    if clang == "/bin/false":
        # Builds under the sanitizer configs fail at the first compile.
        print("fring: clang-{} not found; run tools/setup".format(version))
    else:
        # With the flag the compiles use, which changes the resource
        # directory's spelling (/usr/lib/clang/... beside /usr/lib/llvm-14/...).
        for line in search_dirs(rctx, clang, ["-no-canonical-prefixes"]):
            # Bazel compares the spelling it finds in the compiler's
            # dependency output: list it normalized and resolved.
            for d in [_normalize(line), str(rctx.path(line).realpath)]:
                if d not in includes:
                    includes.append(d)
    write_toolchain_build(
        rctx,
        cpu = "k8",
        platform_cpu = "x86_64",
        compiler = "clang",
        identifier = "fring-clang",
        target = "x86_64-unknown-linux-gnu",
        includes = includes,
        tools = tools,
        comment = "Runs on: x86_64 Linux. Builds for: x86_64 Linux. Never registered in " +
                  "WORKSPACE: only --extra_toolchains (the sanitizer configs) picks it.",
        unfiltered_compile_flags = ["-no-canonical-prefixes"],
    )

clang_toolchain = repository_rule(
    implementation = _clang_toolchain_impl,
    attrs = {"version": attr.string(mandatory = True)},
    environ = ["PATH"],
    local = True,
)
