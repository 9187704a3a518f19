"""A GCC cross toolchain found on PATH (Debian's <triple>-gcc packages).

The repository rule asks the compiler for its include directories, so no
version-specific path is committed. /usr/include is left out on purpose: the
cross compiler searches it last, and an x86_64 header must never be used.
"""

load("//toolchains:cc_repo.bzl", "search_dirs", "write_toolchain_build")

_TOOLS = ["ar", "cpp", "dwp", "gcc", "gcov", "ld", "nm", "objcopy", "objdump", "strip"]

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
        for line in search_dirs(rctx, str(gxx)):
            d = str(rctx.path(line).realpath)  # Bazel wants them normalized
            if d not in ["/usr/include", "/usr/local/include"] and d not in includes:
                includes.append(d)
    else:
        # Builds for this cpu fail at the first compile; tools/setup installs it.
        print("fring: {}-g++ not found; run tools/setup".format(triple))
    write_toolchain_build(
        rctx,
        cpu = rctx.attr.cpu,
        platform_cpu = rctx.attr.cpu,
        compiler = "gcc",
        identifier = triple + "-gcc",
        target = triple,
        includes = includes,
        tools = tools,
        comment = "Runs on: x86_64 Linux. Builds for: {} Linux.".format(rctx.attr.cpu),
        compile_flags = ["-fstack-protector"],
        opt_compile_flags = ["-D_FORTIFY_SOURCE=1"],
        link_flags = ["-Wl,-z,relro,-z,now", "-pass-exit-codes"],
        unfiltered_compile_flags = ["-fno-canonical-system-headers"],
    )

gcc_cross_toolchain = repository_rule(
    implementation = _gcc_cross_toolchain_impl,
    attrs = {
        "cpu": attr.string(mandatory = True),
        "triple": attr.string(mandatory = True),
    },
    environ = ["PATH"],
    local = True,
)
