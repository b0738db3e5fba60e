"""Gunicorn's sync worker, closing a finished connection at once when nothing is unread.

A sync worker serves one connection at a time and closes it after the answer. Gunicorn
27 (the version locked) closes "gracefully": it half-closes, then waits in recv() until the
client closes its end, so that request bytes it never read cannot turn the close into
a reset that cuts off the answer's last segment. Cairn reads every request whole, so
that wait almost always covers only the time the client takes to see the answer and hang up:
a round trip through a process that must first get a core. Meanwhile the worker serves
nobody, and every request wakes it twice. On the 2-core benchmark machine, busy, that
wait was 2.5–3.8 ms a /healthz request at 1 and 8 connections and 5.4–7.5 ms at 16
(the load generator has more connections to attend to), longer than the request's own
work: with three workers, the one in that wait leaves a core idle, and more so at 16
connections: the likeliest reason /healthz answered fewer requests a second at 16
than at 8 (a quiet machine would show it better than the busy one measured on).

So when the request's body was read to its end (or it had none) and the client has
sent nothing more, the worker closes the connection itself (an orderly FIN after the
answer). Anything else (a body refused before it was read, whose bytes may still be on
their way; a chunked one; a pipelined request) keeps gunicorn's careful close.
"""

import socket
from typing import Any

from gunicorn.http.body import LengthReader
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker


def body_read_whole(req: Any) -> bool:
    """Whether gunicorn has taken the request's whole body off the socket (a request
    without one has a body of length 0)."""
    reader = getattr(getattr(req, "body", None), "reader", None)
    return isinstance(reader, LengthReader) and reader.length == 0


def close_if_drained(client: socket.socket) -> bool:
    """Closes `client` if it holds no unread bytes and is still open; answers whether
    it did. A client that already hung up or sent more is left to gunicorn."""
    try:
        client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        client.close()
        return True
    except OSError:
        return False
    # Bytes waiting, or the client's own close (b""): gunicorn's close handles both.
    return False


class SyncWorker(GunicornSyncWorker):
    def handle_request(self, listener: Any, req: Any, client: socket.socket, addr: Any) -> None:
        super().handle_request(listener, req, client, addr)
        # Only after a complete answer: errors keep gunicorn's own handling. Gunicorn's
        # close that follows finds the socket closed and returns at once.
        if body_read_whole(req):
            close_if_drained(client)
