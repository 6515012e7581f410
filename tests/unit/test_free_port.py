"""Ports handed to started programs never repeat within one run: daprd is given four at
once and cannot start when two of them are the same."""

from __future__ import annotations

import socket

from tests.support.processes import free_port


def test_ports_handed_out_are_all_different_and_bindable() -> None:
    ports = [free_port() for _ in range(300)]
    assert len(set(ports)) == len(ports)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", ports[-1]))
