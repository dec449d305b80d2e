"""
Runs every patch's test module, each in its own process (forked after moto and boto3 are
imported once, which is most of the time), so a patch's test sees its patch and no other.
Prints one JSON object: test module -> {"run": N, "failed": [test ids]}. Exit 1 on any failure.

    python3 scripts/local-aws/tests/run.py [test_module ...]
"""

from __future__ import annotations

import json
import os
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import helpers  # noqa: E402,F401  (moto, boto3 and the test environment)
import moto.cloudformation.models  # noqa: E402,F401  (moto's CloudFormation and the models it imports)


def run_in_child(module: str) -> dict[str, object]:
    """Runs `module`'s tests in a forked child; returns what it reported."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        report: dict[str, object]
        try:
            suite = unittest.defaultTestLoader.loadTestsFromName(module)
            result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(suite)
            failed = [t.id() for t, _ in result.failures + result.errors]
            report = {"run": result.testsRun, "failed": failed}
        except BaseException as e:  # an import error is a failure of that module, not of the run
            report = {"run": 0, "failed": [f"{module}: {e!r}"]}
        os.write(write, json.dumps(report).encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        return {"run": 0, "failed": [f"{module}: the test process ended with status {status}"]}
    return json.loads(b"".join(chunks))


def main(names: list[str]) -> int:
    modules = names or sorted(p.stem for p in HERE.glob("test_*.py"))
    results = {m: run_in_child(m) for m in modules}
    print(json.dumps(results))
    return 1 if any(r["failed"] or not r["run"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
