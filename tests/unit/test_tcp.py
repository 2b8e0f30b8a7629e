"""TCP_NODELAY on the listening socket reaches every accepted connection (app_server/tcp.py)."""

from __future__ import annotations

import socket
import sys

import pytest

from app_server import tcp

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def _listener() -> socket.socket:
    """A listening socket made the way Streamlit 1.67 makes its own (protocol number 0)."""
    from streamlit.web.server.starlette.starlette_server import _bind_socket

    return _bind_socket("127.0.0.1", 0, 8)


def _accepted_nodelay(listener: socket.socket) -> int:
    listener.setblocking(True)
    with socket.create_connection(listener.getsockname()) as client:
        conn, _ = listener.accept()
        with conn:
            assert client.fileno() >= 0
            return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_streamlit_listener_leaves_nagle_on_so_the_fix_is_needed() -> None:
    """asyncio switches Nagle off only for sockets with protocol IPPROTO_TCP; Streamlit's has 0.
    When this fails, Streamlit makes its socket differently and app_server/tcp.py may go."""
    with _listener() as listener:
        assert listener.proto == 0
        assert _accepted_nodelay(listener) == 0


def test_nodelay_listeners_reaches_connections_accepted_later() -> None:
    with _listener() as listener:
        assert tcp.nodelay_listeners() >= 1
        assert _accepted_nodelay(listener) != 0
        assert listener.fileno() >= 0  # the server's own socket stays open


def test_other_sockets_are_left_alone() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as unbound, _listener():
        tcp.nodelay_listeners()
        assert unbound.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
