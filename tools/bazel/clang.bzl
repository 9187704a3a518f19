"""The host's clang (Debian's clang-14) as a C++ toolchain for x86_64 Linux.

Used only by the sanitizer and fuzzing configurations (.bazelrc: asan, tsan,
fuzz select it with --extra_toolchains); the normal build keeps Bazel's
auto-configured gcc. The repository rule asks clang for its include
directories, so no version-specific path is committed.
"""

_BUILD = """\
load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")
load("@rules_cc//cc:defs.bzl", "cc_toolchain")

package(default_visibility = ["//visibility:public"])

filegroup(name = "empty")

cc_toolchain_config(
    name = "config",
    cpu = "k8",
    compiler = "clang",
    toolchain_identifier = "fring-clang",
    host_system_name = "x86_64-unknown-linux-gnu",
    target_system_name = "x86_64-unknown-linux-gnu",
    target_libc = "glibc",
    abi_version = "clang",
    abi_libc_version = "glibc",
    cxx_builtin_include_directories = {includes},
    tool_paths = {tools},
    compile_flags = [
        "-U_FORTIFY_SOURCE",
        "-Wall",
        "-fno-omit-frame-pointer",
    ],
    opt_compile_flags = [
        "-g0",
        "-O2",
        "-DNDEBUG",
        "-ffunction-sections",
        "-fdata-sections",
    ],
    dbg_compile_flags = ["-g"],
    link_flags = ["-Wl,-no-as-needed"],
    link_libs = [
        "-lstdc++",
        "-lm",
    ],
    opt_link_flags = ["-Wl,--gc-sections"],
    unfiltered_compile_flags = [
        "-no-canonical-prefixes",
        "-Wno-builtin-macro-redefined",
        "-D__DATE__=\\"redacted\\"",
        "-D__TIMESTAMP__=\\"redacted\\"",
        "-D__TIME__=\\"redacted\\"",
    ],
    coverage_compile_flags = ["--coverage"],
    coverage_link_flags = ["--coverage"],
    supports_start_end_lib = False,
)

cc_toolchain(
    name = "cc_toolchain",
    all_files = ":empty",
    compiler_files = ":empty",
    dwp_files = ":empty",
    linker_files = ":empty",
    objcopy_files = ":empty",
    strip_files = ":empty",
    supports_param_files = 1,
    toolchain_config = ":config",
)

# Runs on: x86_64 Linux. Builds for: x86_64 Linux. Never registered in
# WORKSPACE: only --extra_toolchains (the sanitizer configs) picks it.
toolchain(
    name = "toolchain",
    exec_compatible_with = [
        "@platforms//cpu:x86_64",
        "@platforms//os:linux",
    ],
    target_compatible_with = [
        "@platforms//cpu:x86_64",
        "@platforms//os:linux",
    ],
    toolchain = ":cc_toolchain",
    toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
)
"""

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
        for lang in ["c", "c++"]:
            # With the flag the compiles use, which changes the resource
            # directory's spelling (/usr/lib/clang/... beside /usr/lib/llvm-14/...).
            result = rctx.execute([clang, "-no-canonical-prefixes", "-E", "-x" + lang, "-", "-v"])
            inside = False
            for line in result.stderr.splitlines():
                if line.startswith("#include <...> search starts here:"):
                    inside = True
                elif line.startswith("End of search list."):
                    inside = False
                elif inside:
                    path = rctx.path(line.strip())
                    # Bazel compares the spelling it finds in the compiler's
                    # dependency output: list it normalized and resolved.
                    for d in [_normalize(line.strip()), str(path.realpath)]:
                        if d not in includes:
                            includes.append(d)
    rctx.file("BUILD.bazel", _BUILD.format(includes = repr(includes), tools = repr(tools)))

clang_toolchain = repository_rule(
    implementation = _clang_toolchain_impl,
    attrs = {"version": attr.string(mandatory = True)},
    environ = ["PATH"],
    local = True,
)
