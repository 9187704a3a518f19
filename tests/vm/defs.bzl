"""The VM test matrix: every fring_test unit, booted as /init in each cell.

vm_matrix() goes at the end of tests/BUILD.bazel. It links the sources of
every unit declared above it (except those with vm = False; the C++20 units
of fring/co join as the libraries fring_co_test makes) into one static
binary per architecture, so each cell boots once, and declares per cell:
  //tests:vm_<cell>_suite  the units as /init
  //tests:vm_<cell>_hello  examples/hello (no libc) as /init
  //tests:vm_<cell>        a test_suite of them
and, for the cells of _SMP_CELLS, the multi-core stress (//tests:smp_stress_test)
as /init on _SMP_VCPUS vCPUs of multi-threaded TCG:
  //tests:vm_<cell>_smp
A cell whose kernel tools/setup could not fetch is SKIPPED, not passed.
"""

load("@fring_kernels//:cells.bzl", "VERSIONS")
load("@rules_cc//cc:defs.bzl", "cc_binary")
load("//tools/bazel:copts.bzl", "FRING_WARNING_COPTS")
load("//tools/bazel:kernels.bzl", "CELLS")
load("//tools/bazel:platforms.bzl", "FRING_CPUS", "platform_files")

# Boot-to-power-off limits under TCG (a healthy run takes well under a tenth).
_LIMITS = {"x86_64": "600", "aarch64": "900", "riscv64": "900"}

# The cells that also boot the multi-core stress, and its vCPUs.
_SMP_CELLS = ["x86_64-newest", "aarch64-newest", "riscv64-newest"]
_SMP_VCPUS = "4"

def vm_matrix():
    """Declares the suite binaries and the tests of every cell."""
    srcs = {}  # a dict as an ordered set: units may share a test header
    libs = []  # the C++20 units of fring/co, compiled apart (tests/defs.bzl)
    for rule in native.existing_rules().values():
        if rule["kind"] == "cc_test" and "fring_vm" in rule.get("tags", []):
            for src in rule["srcs"]:
                srcs[src] = True
        if rule["kind"] == "cc_library" and "fring_vm_lib" in rule.get("tags", []):
            libs.append(":" + rule["name"])
    cc_binary(
        name = "vm_suite",
        testonly = True,
        srcs = sorted(srcs.keys()),
        copts = FRING_WARNING_COPTS,
        linkopts = ["-static"],
        linkstatic = True,
        deps = ["//tests/support"] + sorted(libs),
    )
    for arch in FRING_CPUS:
        platform_files(
            name = "vm_suite_" + arch,
            testonly = True,
            srcs = [":vm_suite"],
            platform = "//toolchains:linux_" + arch,
        )
        platform_files(
            name = "smp_stress_" + arch,
            testonly = True,
            srcs = [":smp_stress_test"],
            platform = "//toolchains:linux_" + arch,
        )
    for cell, arch in CELLS.items():
        skip = [] if VERSIONS[cell] else ["@fring_kernels//:missing"]
        kernel = "@fring_kernels//:" + cell
        common = dict(
            srcs = ["//tests/vm:run_vm.sh"],
            size = "large",
            tags = ["vm"],
            target_compatible_with = skip,
        )
        native.sh_test(
            name = "vm_%s_suite" % cell,
            args = [arch, "$(rootpath %s)" % kernel, "$(rootpath :vm_suite_%s)" % arch, _LIMITS[arch]],
            data = [kernel, ":vm_suite_" + arch, "//tools:test_summary.sh"],
            **common
        )
        native.sh_test(
            name = "vm_%s_hello" % cell,
            args = [
                arch,
                "$(rootpath %s)" % kernel,
                "$(rootpath //examples:hello_%s)" % arch,
                _LIMITS[arch],
                "--expect",
                "'hello from fring: written with op::write, no libc'",
            ],
            data = [kernel, "//examples:hello_" + arch, "//tools:test_summary.sh"],
            **common
        )
        tests = [":vm_%s_suite" % cell, ":vm_%s_hello" % cell]
        if cell in _SMP_CELLS:
            native.sh_test(
                name = "vm_%s_smp" % cell,
                args = [
                    arch,
                    "$(rootpath %s)" % kernel,
                    "$(rootpath :smp_stress_%s)" % arch,
                    _LIMITS[arch],
                    "--smp",
                    _SMP_VCPUS,
                ],
                data = [kernel, ":smp_stress_" + arch, "//tools:test_summary.sh"],
                **common
            )
            tests.append(":vm_%s_smp" % cell)
        native.test_suite(
            name = "vm_" + cell,
            tags = ["vm"],
            tests = tests,
        )
