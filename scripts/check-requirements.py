"""
`.ci/run`: the installed Python tools are the versions requirements-dev.txt pins.

Exits 1 naming each difference and the command that fixes it; the local AWS patch layer
(scripts/local-aws/) is written against the pinned moto.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def pins(text: str) -> dict[str, str]:
    """`name==version` lines (extras and markers dropped), by name."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        name, sep, pinned = line.partition("==")
        if sep:
            out[name.split("[", 1)[0].strip()] = pinned.split(";", 1)[0].split()[0]
    return out


def main(path: str) -> int:
    wrong = []
    for name, pinned in pins(Path(path).read_text(encoding="utf-8")).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "not installed"
        print(f"{name} {installed} (pinned {pinned})")
        if installed != pinned:
            wrong.append(f"{name} is {installed}, {path} pins {pinned}")
    for w in wrong:
        print(f"{w}: run 'pip install -r {path}'.", file=sys.stderr)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements-dev.txt"))
