"""
`npm run local-aws -- --port P`: moto's server with this project's patch layer.

Checks the installed moto against the version pinned in requirements-dev.txt, applies every
patch in patches/ (each fixes one thing moto's CloudFormation lacks), then serves moto's own
WSGI application on 127.0.0.1. When it is listening it prints one line naming the endpoint;
Ctrl-C (SIGINT) or SIGTERM stops it with exit 0. `--port 0` takes a free port (the line says
which), which is how the tests start it.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import moto  # noqa: E402

from patches import PATCHES, apply_all  # noqa: E402


def pinned_moto_version(requirements: Path) -> str | None:
    """The `moto[...]==X` pin in a requirements file, or None when it names none."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.split("#", 1)[0].strip().partition("==")
        if sep and name.split("[", 1)[0].strip().lower() == "moto":
            return version.split(";", 1)[0].strip().split(" ", 1)[0]
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="npm run local-aws --", description=__doc__.split("\n\n")[0])
    parser.add_argument("-p", "--port", type=int, default=5000, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("-H", "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--any-moto", action="store_true", help="run even when the installed moto is not the pinned one")
    parser.add_argument(
        "--no-patches", action="store_true", help="serve moto as released (to show what a patch fixes)"
    )
    parser.add_argument(
        "--requirements", type=Path, default=HERE.parent.parent / "requirements-dev.txt", help="the file that pins moto"
    )
    args = parser.parse_args(argv)

    requirements: Path = args.requirements
    pinned = pinned_moto_version(requirements)
    if pinned != moto.__version__ and not args.any_moto:
        print(
            f"local-aws: moto {moto.__version__} is installed, but {requirements.name} pins moto {pinned}; "
            f"the patches are written against {pinned}. Install it with 'pip install -r requirements-dev.txt' "
            "(or pass --any-moto to try anyway).",
            file=sys.stderr,
        )
        return 2

    if not args.no_patches:
        apply_all()
    applied = 0 if args.no_patches else len(PATCHES)

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    os.environ.setdefault("MOTO_PORT", str(args.port))
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(args.host, args.port, app, threaded=True)
    os.environ["MOTO_PORT"] = str(server.port)

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        # Inside the try: a Ctrl-C right after the ready line still ends with exit 0.
        print(
            f"local AWS (moto {moto.__version__} + {applied} patches) at http://{args.host}:{server.port}",
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
