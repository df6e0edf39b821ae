#!/usr/bin/env python3
"""Which module may include which: the forbidden edges of README.md ("How the code is
laid out"), checked on every #include line of the sources. CMake cannot check them,
since every library exports the source root as its include directory.

    tests/include_rules.py SOURCE_ROOT     exit 0, or 1 with one line per forbidden include

A module is a top-level folder (classify, config, db) or a folder of bounced/
(bounced/cli is "cli", ...); bounced/main.cc and bounced/exit_code.h are the
executable ("bounced"). Outside classify, only the headers at classify/'s top may be
included, never classify/parse/ or classify/rules/. Tests, benches and fuzz targets are
not checked.
"""
import pathlib
import re
import sys

BOUNCED_MODULES = {"cli", "common", "http", "mailbox", "pipeline", "report", "trust"}
EVERY_MODULE = {"bounced", "classify", "config", "db"} | BOUNCED_MODULES

# module -> the modules it must not include. "bounced" stands for the executable and
# every module inside bounced/.
FORBIDDEN = {
    "classify": EVERY_MODULE - {"classify"},  # pure: bytes in, results out
    "db": {"config", "bounced"} | BOUNCED_MODULES,
    "config": {"bounced"} | BOUNCED_MODULES,
    "mailbox": {"db", "classify", "trust", "report", "pipeline"},
    "trust": {"mailbox", "pipeline", "report"},
    "report": {"mailbox", "trust", "pipeline"},
    "http": {"mailbox", "cli"},
    # logging and printable text sit under everything else in bounced/
    "common": (BOUNCED_MODULES - {"common"}) | {"bounced", "classify", "db"},
}
# Nothing includes cli, except cli itself and the executable that dispatches to it.
CLI_INCLUDERS = {"cli", "bounced"}
# classify's internals: only the headers at classify/'s top are its public face.
CLASSIFY_PRIVATE = ("classify/parse/", "classify/rules/")

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')


def module_of(path: str):
    """The module a repository path ("bounced/cli/run.cc", "db/store.h") belongs to."""
    parts = path.split("/")
    if parts[0] in ("classify", "config", "db") and len(parts) > 1:
        return parts[0]
    if parts[0] == "bounced" and len(parts) > 1:
        return parts[1] if len(parts) > 2 and parts[1] in BOUNCED_MODULES else "bounced"
    return None


def violations(root: pathlib.Path):
    for top in ("bounced", "classify", "config", "db"):
        for source in sorted((root / top).rglob("*")):
            if source.suffix not in (".h", ".cc", ".in") or not source.is_file():
                continue
            relative = source.relative_to(root).as_posix()
            here = module_of(relative)
            with open(source, encoding="utf-8", errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    there = module_of(m.group(1))
                    if here != "classify" and m.group(1).startswith(CLASSIFY_PRIVATE):
                        yield f"{relative}:{number}: {here} must not include classify's internals ({m.group(1)})"
                        continue
                    if there is None or there == here:
                        continue
                    forbidden = FORBIDDEN.get(here, set())
                    if there in forbidden or (there == "bounced" and "bounced" in forbidden):
                        yield f"{relative}:{number}: {here} must not include {there} ({m.group(1)})"
                    elif there == "cli" and here not in CLI_INCLUDERS:
                        yield f"{relative}:{number}: nothing includes cli ({m.group(1)})"


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    if not (root / "bounced").is_dir():
        print(f"{root}: not the source root (no bounced/)", file=sys.stderr)
        return 2
    found = list(violations(root))
    for v in found:
        print(v)
    print(f"include rules: {len(found)} forbidden include(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
