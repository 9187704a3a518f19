"""A GCC cross toolchain found on PATH (Debian's <triple>-gcc packages).

The repository rule asks the compiler for its include directories, so no
version-specific path is committed. /usr/include is left out on purpose: the
cross compiler searches it last, and an x86_64 header must never be used.
"""

_BUILD = """\
load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")
load("@rules_cc//cc:defs.bzl", "cc_toolchain")

package(default_visibility = ["//visibility:public"])

filegroup(name = "empty")

cc_toolchain_config(
    name = "config",
    cpu = "{cpu}",
    compiler = "gcc",
    toolchain_identifier = "{triple}-gcc",
    host_system_name = "x86_64-unknown-linux-gnu",
    target_system_name = "{triple}",
    target_libc = "glibc",
    abi_version = "gcc",
    abi_libc_version = "glibc",
    cxx_builtin_include_directories = {includes},
    tool_paths = {tools},
    compile_flags = [
        "-U_FORTIFY_SOURCE",
        "-fstack-protector",
        "-Wall",
        "-fno-omit-frame-pointer",
    ],
    opt_compile_flags = [
        "-g0",
        "-O2",
        "-D_FORTIFY_SOURCE=1",
        "-DNDEBUG",
        "-ffunction-sections",
        "-fdata-sections",
    ],
    dbg_compile_flags = ["-g"],
    link_flags = [
        "-Wl,-no-as-needed",
        "-Wl,-z,relro,-z,now",
        "-pass-exit-codes",
    ],
    link_libs = [
        "-lstdc++",
        "-lm",
    ],
    opt_link_flags = ["-Wl,--gc-sections"],
    unfiltered_compile_flags = [
        "-fno-canonical-system-headers",
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

# Runs on: x86_64 Linux. Builds for: {cpu} Linux.
toolchain(
    name = "toolchain",
    exec_compatible_with = [
        "@platforms//cpu:x86_64",
        "@platforms//os:linux",
    ],
    target_compatible_with = [
        "@platforms//cpu:{cpu}",
        "@platforms//os:linux",
    ],
    toolchain = ":cc_toolchain",
    toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
)
"""

_TOOLS = ["ar", "cpp", "dwp", "gcc", "gcov", "ld", "nm", "objcopy", "objdump", "strip"]

def _include_dirs(rctx, compiler, lang):
    result = rctx.execute([compiler, "-E", "-x" + lang, "-", "-v"])
    dirs = []
    inside = False
    for line in result.stderr.splitlines():
        if line.startswith("#include <...> search starts here:"):
            inside = True
        elif line.startswith("End of search list."):
            inside = False
        elif inside:
            d = str(rctx.path(line.strip()).realpath)  # Bazel wants them normalized
            if d != "/usr/include" and d != "/usr/local/include":
                dirs.append(d)
    return dirs

def _gcc_cross_toolchain_impl(rctx):
    triple = rctx.attr.triple
    tools = {}
    for tool in _TOOLS:
        path = rctx.which(triple + "-" + tool)
        tools[tool] = str(path) if path else "/bin/false"
    tools["llvm-cov"] = "/bin/false"  # unix_cc_toolchain_config wants the key
    gxx = rctx.which(triple + "-g++")
    includes = []
    if gxx:
        for lang in ["c", "c++"]:
            for d in _include_dirs(rctx, str(gxx), lang):
                if d not in includes:
                    includes.append(d)
    else:
        # Builds for this cpu fail at the first compile; tools/setup installs it.
        print("fring: {}-g++ not found; run tools/setup".format(triple))
    rctx.file("BUILD.bazel", _BUILD.format(
        cpu = rctx.attr.cpu,
        triple = triple,
        includes = repr(includes),
        tools = repr(tools),
    ))

gcc_cross_toolchain = repository_rule(
    implementation = _gcc_cross_toolchain_impl,
    attrs = {
        "cpu": attr.string(mandatory = True),
        "triple": attr.string(mandatory = True),
    },
    environ = ["PATH"],
    local = True,
)
