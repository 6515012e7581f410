"""A request already sent on an idle keep-alive connection when the server starts shutting
down is answered, not cut off. The race is made certain: the server's event loop is held
while the request lands in the socket buffer, and the shutdown runs before the loop reads."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Callable, Iterator

import uvicorn
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from todo_chatbot.cli.draining import DrainingHttpProtocol

REQUEST = b"GET / HTTP/1.1\r\nHost: test\r\n\r\n"


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-length", b"5")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"hello"})


class Served:
    def __init__(self, protocol: type[asyncio.Protocol]) -> None:
        config = uvicorn.Config(
            hello, host="127.0.0.1", port=0, http=protocol, lifespan="off", log_level="error"
        )
        self.server = uvicorn.Server(config)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_until_complete, args=(self.server.serve(),), daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    def shut_down_before_reading(self, send: Callable[[], None]) -> None:
        """Hold the loop, `send` meanwhile, then start the shutdown ahead of the read."""
        holding, sent = threading.Event(), threading.Event()

        def hold_then_shut_down() -> None:
            holding.set()
            sent.wait(5)
            self.server.should_exit = True
            self.loop.create_task(self.server.shutdown())  # its first step runs before reads

        self.loop.call_soon_threadsafe(hold_then_shut_down)
        assert holding.wait(5)
        send()
        sent.set()


@contextlib.contextmanager
def serving(protocol: type[asyncio.Protocol]) -> Iterator[Served]:
    served = Served(protocol)
    served.thread.start()
    for _ in range(500):
        if served.server.started:
            break
        threading.Event().wait(0.01)
    try:
        yield served
    finally:
        served.server.should_exit = True
        served.thread.join(10)


def read_response(conn: socket.socket) -> bytes:
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while not data.endswith(b"hello"):
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    return data


def answer_to_a_request_sent_as_shutdown_begins(protocol: type[asyncio.Protocol]) -> bytes:
    with (
        serving(protocol) as served,
        socket.create_connection(("127.0.0.1", served.port), timeout=10) as conn,
    ):
        conn.sendall(REQUEST)
        assert read_response(conn).startswith(b"HTTP/1.1 200")  # now idle, kept alive
        served.shut_down_before_reading(lambda: conn.sendall(REQUEST))
        return read_response(conn)


def test_a_request_sent_on_an_idle_connection_as_shutdown_begins_is_answered() -> None:
    answer = answer_to_a_request_sent_as_shutdown_begins(DrainingHttpProtocol)
    assert answer.startswith(b"HTTP/1.1 200"), answer
    assert answer.endswith(b"hello")


def test_the_race_is_real_uvicorns_own_protocol_cuts_that_request_off() -> None:
    assert answer_to_a_request_sent_as_shutdown_begins(HttpToolsProtocol) == b""
