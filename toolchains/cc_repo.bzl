"""What the C++ toolchain repositories share: the BUILD file they write and
the compiler's own include directories.

gcc_cross.bzl (the aarch64 and riscv64 cross compilers) and
//tools/bazel:clang.bzl (the host's clang, for the sanitizer configs) differ
only in the values passed here.
"""

_BUILD = """\
load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")
load("@rules_cc//cc:defs.bzl", "cc_toolchain")

package(default_visibility = ["//visibility:public"])

filegroup(name = "empty")

cc_toolchain_config(
    name = "config",
    cpu = "{cpu}",
    compiler = "{compiler}",
    toolchain_identifier = "{identifier}",
    host_system_name = "x86_64-unknown-linux-gnu",
    target_system_name = "{target}",
    target_libc = "glibc",
    abi_version = "{compiler}",
    abi_libc_version = "glibc",
    cxx_builtin_include_directories = {includes},
    tool_paths = {tools},
    compile_flags = {compile_flags},
    opt_compile_flags = {opt_compile_flags},
    dbg_compile_flags = ["-g"],
    link_flags = {link_flags},
    link_libs = [
        "-lstdc++",
        "-lm",
    ],
    opt_link_flags = ["-Wl,--gc-sections"],
    unfiltered_compile_flags = {unfiltered_compile_flags},
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

# {comment}
toolchain(
    name = "toolchain",
    exec_compatible_with = [
        "@platforms//cpu:x86_64",
        "@platforms//os:linux",
    ],
    target_compatible_with = [
        "@platforms//cpu:{platform_cpu}",
        "@platforms//os:linux",
    ],
    toolchain = ":cc_toolchain",
    toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
)
"""

# Flags every configuration gets; each toolchain adds its own after these.
_COMPILE = ["-U_FORTIFY_SOURCE", "-Wall", "-fno-omit-frame-pointer"]
_OPT = ["-g0", "-O2", "-DNDEBUG", "-ffunction-sections", "-fdata-sections"]
_LINK = ["-Wl,-no-as-needed"]
_REDACTED = [
    "-Wno-builtin-macro-redefined",
    '-D__DATE__="redacted"',
    '-D__TIMESTAMP__="redacted"',
    '-D__TIME__="redacted"',
]

def write_toolchain_build(
        rctx,
        cpu,
        platform_cpu,
        compiler,
        identifier,
        target,
        includes,
        tools,
        comment,
        compile_flags = [],
        opt_compile_flags = [],
        link_flags = [],
        unfiltered_compile_flags = []):
    """Writes the repository's BUILD.bazel: a cc_toolchain and its toolchain().

    Args:
      rctx: the repository context.
      cpu: Bazel's name for the target cpu ("k8", "aarch64", ...).
      platform_cpu: the @platforms//cpu constraint it builds for.
      compiler: "gcc" or "clang".
      identifier: the toolchain identifier.
      target: the target triple.
      includes: the compiler's builtin include directories.
      tools: Bazel's tool names mapped to programs.
      comment: one line saying where it runs and for what.
      compile_flags: added to the common compile flags.
      opt_compile_flags: added to the common -c opt flags.
      link_flags: added to the common link flags.
      unfiltered_compile_flags: put before the common unfiltered flags.
    """
    rctx.file("BUILD.bazel", _BUILD.format(
        cpu = cpu,
        platform_cpu = platform_cpu,
        compiler = compiler,
        identifier = identifier,
        target = target,
        includes = repr(includes),
        tools = repr(tools),
        comment = comment,
        compile_flags = repr(_COMPILE + compile_flags),
        opt_compile_flags = repr(_OPT + opt_compile_flags),
        link_flags = repr(_LINK + link_flags),
        unfiltered_compile_flags = repr(unfiltered_compile_flags + _REDACTED),
    ))

def search_dirs(rctx, compiler, flags = []):
    """The directories `compiler` searches for <...> includes, in C and C++.

    Args:
      rctx: the repository context.
      compiler: the path of the compiler.
      flags: flags that change the answer (passed as the compiles pass them).

    Returns:
      The directories as the compiler spells them, each once, in order.
    """
    dirs = []
    for lang in ["c", "c++"]:
        result = rctx.execute([compiler] + flags + ["-E", "-x" + lang, "-", "-v"])
        inside = False
        for line in result.stderr.splitlines():
            if line.startswith("#include <...> search starts here:"):
                inside = True
            elif line.startswith("End of search list."):
                inside = False
            elif inside and line.strip() not in dirs:
                dirs.append(line.strip())
    return dirs
