"""Compiler flags for fring's own targets (never propagated to consumers)."""

# The library is freestanding: no exceptions, no RTTI, no builtin libc calls
# assumed. Applied to fring's freestanding targets (examples, smoke binaries);
# the library itself is header-only, so consumers choose their own flags.
FRING_FREESTANDING_COPTS = [
    "-ffreestanding",
    "-fno-exceptions",
    "-fno-rtti",
    "-fno-builtin",
    "-fno-stack-protector",
]

# Warnings as errors for every target fring compiles, tests included.
FRING_WARNING_COPTS = [
    "-Wall",
    "-Wextra",
    "-Wpedantic",
    "-Wshadow",
    "-Werror",
]

# Links a binary with no libc, no start files and no libstdc++ runtime.
FRING_FREESTANDING_LINKOPTS = [
    "-nostdlib",
    "-static",
]
