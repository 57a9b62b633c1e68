"""Connections to RabbitMQ and the one reconnect-with-back-off loop that every long-lived client uses.

The relay, the consumer and the replay responder each run `keep_connected(name, serve, stop)`:
`serve` opens its connection with `connect()` and works until `stop` is set; when it loses
the broker (or fails), the loop waits with exponential back-off and jitter, then runs it again.
"""
from __future__ import annotations

import errno
import logging
import random
import threading
from collections.abc import Callable
from contextlib import contextmanager

from amqp.exceptions import AMQPError
from amqp.transport import TCPTransport
from kombu import Connection
from kombu.exceptions import OperationalError

from shared.config import Settings

log = logging.getLogger(__name__)


class PublishError(ConnectionError):
    """The broker did not confirm a batch (nack, time-out or lost connection)."""


BROKER_ERRORS = (PublishError, OSError, OperationalError, AMQPError)

# py-amqp waits for the broker's answer to a blocking call (channel open, queue declare, basic.cancel,
# channel or connection close) with no time limit. A broker that sends nothing (a hung node, a
# half-open TCP connection) would then hold a worker's stop forever, so a blocking read that
# receives not one byte for this long fails, and the caller treats it as a lost connection.
# (drain_events with its own timeout is not affected. A broker that blocks a connection during an
# alarm still sends heartbeats, so that case is handled where it happens: shared/relay.py.)
BLOCKING_READ_TIMEOUT = 20.0


def connect(settings: Settings, *, on_blocked: Callable[[str], None] | None = None,
            on_unblocked: Callable[[], None] | None = None) -> Connection:
    """A connection to the service's broker, with heartbeats, established now (or an error now).

    BROKER_URL may name the nodes of a RabbitMQ cluster separated by ";" (kombu's alternates):
    each call tries them in order, once each, and connects to the first that answers; when none
    does, the caller's back-off (keep_connected) tries the list again.

    `on_blocked`/`on_unblocked` hear RabbitMQ's connection.blocked: a memory or disk alarm on
    the broker, during which it stops reading what publishers send.
    """
    options = {}
    if not settings.broker_url.startswith("memory://"):
        options["read_timeout"] = BLOCKING_READ_TIMEOUT
        if on_blocked is not None:
            options.update(on_blocked=on_blocked, on_unblocked=on_unblocked)
    connection = Connection(settings.broker_url, heartbeat=settings.heartbeat, connect_timeout=5,
                            failover_strategy="round-robin", transport_options=options)
    connection.ensure_connection(max_retries=max(1, len(connection.alt) - 1))
    _buffer_reads(connection)
    return connection


_UNCHANGED = object()  # the socket's time-out was not touched inside having_timeout
READ_CHUNK = 65536  # what one recv may take from the socket: dozens of deliveries at once


class _BufferedTCPTransport(TCPTransport):
    """py-amqp's TCP transport, reading the socket in large chunks instead of exactly each frame's bytes.

    py-amqp asks the socket for a frame's 7-byte header, then its payload, then its end octet: a
    delivery (method, header and body frames) costs 9 `recv` calls, a fifth of a busy consumer's
    CPU. This one takes up to READ_CHUNK bytes per call and serves the frames from that. The unread
    bytes are `_read_buffer[_read_pos:]`; whenever a read fails (a time-out included), the buffer is
    compacted first (`_read_pos` 0), because py-amqp's `read_frame` then puts the part of the frame
    already read back in front of `_read_buffer` to be read again.
    """

    __slots__ = ()  # the same layout as TCPTransport, so that a connected one can become this class

    @contextmanager
    def having_timeout(self, timeout):
        """py-amqp's, except that the socket gets the time-out only when the socket is used.

        py-amqp sets the socket's time-out before every frame it reads and restores it after: two
        system calls per frame, a tenth of a busy consumer's CPU, though a frame already in the
        buffer needs no socket at all. Here `_use_socket` applies it before a `recv` or a write.
        """
        if timeout is None:
            yield self.sock
            return
        self._wanted_timeout, self._restore_timeout = timeout, _UNCHANGED
        try:
            yield self.sock
        except OSError as exc:
            if exc.errno == errno.EWOULDBLOCK:
                raise TimeoutError() from None
            raise
        finally:
            restore, self._wanted_timeout = self._restore_timeout, None
            if restore is not _UNCHANGED and restore != timeout:
                self.sock.settimeout(restore)

    def _use_socket(self) -> None:
        wanted = self._wanted_timeout
        if wanted is not None and self._restore_timeout is _UNCHANGED:
            self._restore_timeout = previous = self.sock.gettimeout()
            if previous != wanted:
                self.sock.settimeout(wanted)

    def _send(self, data) -> None:
        self._use_socket()
        self.sock.sendall(data)

    def _read(self, n, initial=False, _errnos=(errno.EAGAIN, errno.EINTR)):
        buffer, pos = self._read_buffer, self._read_pos
        if len(buffer) - pos >= n:
            self._read_pos = pos + n
            return buffer[pos:pos + n]
        self._read_buffer, self._read_pos = buffer[pos:], 0
        self._use_socket()
        recv = self._quick_recv
        while len(self._read_buffer) < n:
            try:
                chunk = recv(max(n - len(self._read_buffer), READ_CHUNK))
            except OSError as exc:
                if exc.errno in _errnos:
                    if initial and self.raise_on_initial_eintr:
                        raise TimeoutError() from None
                    continue
                raise
            if not chunk:
                raise OSError("Server unexpectedly closed connection")
            self._read_buffer += chunk
        self._read_pos = n
        return self._read_buffer[:n]


def _buffer_reads(connection: Connection) -> None:
    """Switch an established plain-TCP AMQP connection to the chunked reader (others stay as they are)."""
    transport = getattr(connection.connection, "transport", None)
    if type(transport) is TCPTransport:
        transport._read_pos = 0  # what the handshake left unread is all of _read_buffer
        transport._wanted_timeout, transport._restore_timeout = None, _UNCHANGED
        transport.__class__ = _BufferedTCPTransport
        transport._write = transport._send  # py-amqp's is the socket's sendall, set at connect


def service_heartbeats(connection: Connection, seconds: float) -> None:
    """Wait up to `seconds` while reading what the broker sends and sending heartbeats when due.

    A connection that only publishes reads nothing while it idles, so without this the broker
    sees no heartbeats (and closes it), and py-amqp cannot see the broker's either.
    """
    try:
        connection.drain_events(timeout=max(seconds, 0.001))
    except TimeoutError:
        pass
    connection.heartbeat_check()


class Backoff:
    """Exponential back-off with full jitter, so that replicas do not reconnect in lock-step."""

    def __init__(self, first: float = 0.5, cap: float = 10.0):
        self.first, self.cap, self.current = first, cap, first

    def next_delay(self) -> float:
        delay = random.uniform(self.current / 2, self.current)
        self.current = min(self.current * 2, self.cap)
        return delay

    def reset(self) -> None:
        self.current = self.first


def keep_connected(name: str, serve: Callable[[threading.Event], None], stop: threading.Event, *,
                   on_lost: Callable[[], None] = lambda: None) -> None:
    """Run `serve(stop)` until `stop` is set, starting it again with back-off whenever it fails."""
    backoff = Backoff()
    while not stop.is_set():
        try:
            serve(stop)
            backoff.reset()
            continue
        except BROKER_ERRORS as exc:
            delay = backoff.next_delay()
            log.warning("%s lost the broker (%s); reconnecting in %.1fs", name, exc, delay)
        except Exception:  # noqa: BLE001 - a bug or a database outage must not end the worker
            delay = backoff.next_delay()
            log.exception("%s failed; starting again in %.1fs", name, delay)
        on_lost()
        stop.wait(delay)
