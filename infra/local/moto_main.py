"""The moto server as the local stack runs it: HTTP/1.1 keep-alive, no Nagle, a deep listen queue.

moto's own `moto_server` answers HTTP/1.0 and closes every connection: under load the clients
reconnect for each request and the kernel drops connection attempts beyond its queue of 128.
Its DynamoDB transactions copy only the items they touch (infra/local/moto_transactions.py).
"""

from __future__ import annotations

import argparse
import socket

import werkzeug.serving
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)

from infra.local import moto_transactions


class KeepAliveHandler(MotoRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    moto_transactions.apply()
    werkzeug.serving.LISTEN_QUEUE = 1024
    app = DomainDispatcherApplication(create_backend_app)
    werkzeug.serving.run_simple(
        args.host, args.port, app, threaded=True, request_handler=KeepAliveHandler
    )


if __name__ == "__main__":
    main()
