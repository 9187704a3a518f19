"""platform_files: the outputs of targets built for another platform.

Lets one `bazel test //...` use x86_64, aarch64 and riscv64 binaries side by
side (e.g. to run a riscv64 binary in qemu from an x86_64 test).
"""

# Every CPU fring builds for; //toolchains:linux_<cpu> is its platform.
FRING_CPUS = [
    "x86_64",
    "aarch64",
    "riscv64",
]

def _platform_transition_impl(_settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

_platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def _platform_files_impl(ctx):
    # Re-home each file under <name>/, so that the same file built for two
    # platforms gets two distinct runfiles paths.
    outs = []
    for src in ctx.attr.srcs:
        for f in src[DefaultInfo].files.to_list():
            out = ctx.actions.declare_file(ctx.label.name + "/" + f.basename)
            ctx.actions.symlink(output = out, target_file = f, is_executable = True)
            outs.append(out)
    files = depset(outs)
    return [DefaultInfo(files = files, runfiles = ctx.runfiles(files = outs))]

platform_files = rule(
    implementation = _platform_files_impl,
    doc = "Builds `srcs` for `platform`; their files appear under <name>/.",
    attrs = {
        "srcs": attr.label_list(cfg = _platform_transition, mandatory = True),
        "platform": attr.label(mandatory = True),
        "_whitelist_function_transition": attr.label(
            default = "@bazel_tools//tools/whitelists/function_transition_whitelist",
        ),
    },
)
