"""The HTTP protocol every `todo` server runs: uvicorn's httptools protocol, except that a
shutdown does not close an idle keep-alive connection at once.

A request a client sent just before SIGTERM can still sit unread in the socket's buffer, so
the connection looks idle. uvicorn would close it, and the client would see a reset (or its
pool would find the connection closed and dial a listener that is gone). Here such a
connection stays open for `DRAIN_SECONDS`. The event loop reads what is already buffered
before the timer runs, so every request sent before the signal is served."""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DRAIN_SECONDS = 0.5


class DrainingHttpProtocol(HttpToolsProtocol):
    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self.loop.call_later(DRAIN_SECONDS, self._close_when_served)
        else:
            self.cycle.keep_alive = False  # closes once this response is sent

    def _close_when_served(self) -> None:
        if not self.transport.is_closing():
            super().shutdown()
