"""Compiler flags for fring's own targets (never propagated to consumers)."""

# The library is freestanding: no exceptions, no RTTI, no builtin libc calls
# assumed. The library is header-only (consumers choose their own flags), so
# these apply where fring compiles its own code: the freestanding examples,
# and every header alone in //tests:headers_test (FRING_HEADER_COPTS).
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

# What every library header must compile under on its own, with gcc and clang:
# freestanding, warnings as errors, and no implicit narrowing.
FRING_HEADER_COPTS = FRING_FREESTANDING_COPTS + FRING_WARNING_COPTS + [
    "-Wconversion",
    "-Wsign-conversion",
]

# Links a binary with no libc, no start files and no libstdc++ runtime.
FRING_FREESTANDING_LINKOPTS = [
    "-nostdlib",
    "-static",
]

# The standard of fring/co (//co), the coroutine layer: every target that
# includes its headers compiles as C++20; the rest of fring stays C++17.
FRING_CO_COPTS = ["-std=c++20"]
