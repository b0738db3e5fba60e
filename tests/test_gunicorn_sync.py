"""The sync worker closes a finished connection at once, unless bytes are left unread."""

import io
import socket
from types import SimpleNamespace

from gunicorn.http.body import Body, ChunkedReader, LengthReader

from config.gunicorn_sync import body_read_whole, close_if_drained


def test_it_closes_a_connection_with_nothing_unread():
    server, client = socket.socketpair()
    server.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    assert close_if_drained(server)
    assert server.fileno() == -1
    # The client still reads the whole answer, then the end of the stream.
    assert client.recv(100).startswith(b"HTTP/1.1 200 OK")
    assert client.recv(100) == b""
    client.close()


def test_it_leaves_unread_bytes_to_gunicorns_careful_close():
    server, client = socket.socketpair()
    client.sendall(b"GET /next HTTP/1.1\r\n\r\n")  # a pipelined request it will not serve
    assert not close_if_drained(server)
    assert server.fileno() != -1
    server.close()
    client.close()


def test_it_leaves_a_connection_the_client_closed():
    server, client = socket.socketpair()
    client.close()
    assert not close_if_drained(server)
    server.close()


def test_it_closes_at_once_only_after_the_whole_body_was_read():
    def request(reader):
        return SimpleNamespace(body=Body(reader))

    assert body_read_whole(request(LengthReader(io.BytesIO(), 0)))  # none, or all read
    # A body refused before it was read: its bytes may still be on their way.
    assert not body_read_whole(request(LengthReader(io.BytesIO(), 100)))
    assert not body_read_whole(request(ChunkedReader(SimpleNamespace(), io.BytesIO())))
