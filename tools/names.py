# SPDX-License-Identifier: MIT
"""fring's name table: every kernel constant and struct name, with fring's.

Read from the `///` lines of fring's ABI headers (docs/contributing.md,
"Naming"): a line that starts with the kernel's spelling (`/// IOSQE_IO_LINK:
...`, `/// struct io_uring_sqe: ...`) names the declaration that follows it.
Used by tests/uapi_test.sh (values and layouts against the kernel's
headers), tools/gen_api (docs/api.md) and docs/liburing-map.md's name table.
"""
import os
import re
from dataclasses import dataclass, field

# The headers whose `///` lines name the kernel's spelling, in the order the
# reference lists them.
ABI_HEADERS = [
    "core/uapi/io_uring.h",
    "core/uapi/query.h",
    "core/uapi/bpf_filter.h",
    "core/uapi/kernel_types.h",
    "core/uapi/fs.h",
    "core/uapi/net.h",
    "core/uapi/poll.h",
    "core/uapi/wait.h",
    "core/uapi/futex.h",
    "syscall/abi/signal.h",
    "syscall/abi/mman.h",
    "syscall/abi/time.h",
    "syscall/abi/random.h",
    "syscall/abi/reboot.h",
]


@dataclass
class Name:
    kernel: str          # the kernel's spelling: IOSQE_IO_LINK, io_uring_sqe
    fring: str           # fring's, qualified below fring::: sqe_flag::io_link, Sqe
    kind: str            # "constant" or "struct"
    family: str          # the namespace (constants) or "" (structs)
    doc: str             # the rest of the `///` text
    since: str = ""      # "Linux 5.1", when the line says
    header: str = ""     # the file it is declared in
    only_if: str = ""    # the #if the `///` line sits in (an arch's own name), or ""


@dataclass
class Family:
    name: str            # the namespace: sqe_flag
    doc: str             # its `///` line
    header: str
    names: list = field(default_factory=list)


KERNEL = re.compile(r"^(?:struct\s+)?(_*[A-Z][A-Z0-9_]*|[a-z_][a-z0-9_]*)\b")
def _since(text):
    m = re.search(r"Linux (\d+\.\d+)", text)
    return "Linux " + m.group(1) if m else ""


def read(root, headers=ABI_HEADERS):
    """(names, families) of the headers under fring's checkout `root`."""
    names, families = [], []
    for rel in headers:
        ns, pending, family_doc = [], None, ""
        conds = []  # the #if conditions in force, include guards left out
        with open(os.path.join(root, rel)) as f:
            lines = f.read().splitlines()
        for line in lines:
            s = line.strip()
            m = re.match(r"#\s*(if|ifdef|ifndef|else|endif)\b\s*(.*)", s)
            if m:
                kw, arg = m.group(1), m.group(2).strip()
                if kw == "ifndef" and re.fullmatch(r"FRING_\w+_H", arg):
                    conds.append("")
                elif kw in ("if", "ifdef", "ifndef"):
                    conds.append({"if": arg, "ifdef": "defined(%s)" % arg,
                                  "ifndef": "!defined(%s)" % arg}[kw])
                elif kw == "else" and conds:
                    conds[-1] = "!(%s)" % conds[-1] if conds[-1] else ""
                elif kw == "endif" and conds:
                    conds.pop()
                continue
            m = re.match(r"namespace ([a-z_0-9:]+) \{", s)
            if m:
                ns.append(m.group(1))
                if m.group(1) not in ("fring", "sys", "detail") and family_doc:
                    families.append(Family(m.group(1), family_doc, rel))
                family_doc, pending = "", None
                continue
            if re.match(r"\}\s*// namespace", s):
                if ns:
                    ns.pop()
                continue
            if s.startswith("///") and pending:
                pending = pending[:2] + ((pending[2] + " " + s[3:].strip()).strip(),) + pending[3:]
                continue
            if s.startswith("///"):
                text = s[3:].strip()
                is_struct = text.startswith("struct ")
                m = KERNEL.match(text)
                if m and (is_struct or re.fullmatch(r"_*[A-Z][A-Z0-9_]*", m.group(1))):
                    pending = (is_struct, m.group(1), text[m.end():].lstrip(":").strip(),
                               " && ".join(c for c in conds if c))
                    family_doc = ""
                else:
                    family_doc = (family_doc + " " + text).strip() if not pending else family_doc
                continue
            if not pending or not s or s.startswith("//") or s.startswith("enum ") \
                    or s.startswith("#"):
                if s and not s.startswith("//"):
                    family_doc = ""
                continue
            is_struct, kernel, doc, only_if = pending
            pending = None
            m = re.match(r"(?:inline constexpr [^=]*?\s|struct (?:__attribute__\(\(\w+\)\) )?|"
                         r"class )?([A-Za-z_][A-Za-z0-9_]*)"
                         r"\s*(?:[=,{:]|$)", s)
            if not m:
                continue
            scope = [n for n in ns if n not in ("fring",)]
            family = "::".join(n for n in scope if n != "sys")
            qual = "::".join(scope + [m.group(1)])
            name = Name(kernel, qual, "struct" if is_struct else "constant",
                        "" if is_struct else family, doc, _since(doc), rel, only_if)
            names.append(name)
            for fam in families:
                if fam.name == family and fam.header == rel:
                    fam.names.append(name)
    return names, families


if __name__ == "__main__":
    import sys
    for n in read(sys.argv[1] if len(sys.argv) > 1 else ".")[0]:
        print(n.kernel, n.fring, n.kind, n.since, sep="\t")
