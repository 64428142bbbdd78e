"""Network faults on this machine's own ports, for tests and benchmarks: a database that never
answers, and a proxy to the real one that can freeze (never SIGSTOP the shared server)."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress


def free_port() -> int:
    """A port nothing listens on now (the kernel's choice, so parallel runs never collide)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _stop(*sockets: socket.socket) -> None:
    for sock in sockets:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in accept() or recv()
        sock.close()


def _serve(listener: socket.socket, handle: Callable[[socket.socket], None]) -> None:
    def accept() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            handle(client)

    threading.Thread(target=accept, daemon=True).start()


@contextmanager
def silent_server(port: int) -> Iterator[None]:
    """A TCP listener that accepts connections and never says a word: a frozen database."""
    listener = socket.create_server(("127.0.0.1", port))
    held: list[socket.socket] = []
    _serve(listener, held.append)
    try:
        yield
    finally:
        _stop(listener, *held)


@contextmanager
def freezable_proxy(port: int, upstream: tuple[str, int]) -> Iterator[Callable[[bool], None]]:
    """A TCP proxy to `upstream`; calling what it yields with True stops every byte both ways
    while keeping the sockets open (what clients see of a SIGSTOPped server), False resumes."""
    frozen = threading.Event()
    listener = socket.create_server(("127.0.0.1", port))
    sockets: list[socket.socket] = [listener]

    def pump(source: socket.socket, target: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                while frozen.is_set():
                    time.sleep(0.02)
                target.sendall(data)

    def connect(client: socket.socket) -> None:
        server = socket.create_connection(upstream)
        sockets.extend((client, server))
        threading.Thread(target=pump, args=(client, server), daemon=True).start()
        threading.Thread(target=pump, args=(server, client), daemon=True).start()

    def freeze(on: bool = True) -> None:
        if on:
            frozen.set()
        else:
            frozen.clear()

    _serve(listener, connect)
    try:
        yield freeze
    finally:
        frozen.clear()
        _stop(*sockets)
