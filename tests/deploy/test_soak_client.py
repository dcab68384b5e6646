"""The soak's visitor counts a response cut short by a killed worker as cut, not as a bug."""

import importlib.util
import socket
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ops_soak", ROOT / "scripts" / "soak.py")
soak = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(soak)


def serve_once(reply):
    """A server on a free port that answers one request with ``reply`` and hangs up."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def answer():
        connection, _address = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(reply)
        listener.close()

    threading.Thread(target=answer, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/"


def test_headers_sent_then_the_worker_dies_is_a_cut_request():
    url = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 22860\r\n\r\n<!DOCTYPE html>")
    status, body, _started = soak.Client().request(url)
    assert status == "cut (IncompleteRead)" and body == b""


def test_a_whole_answer_is_its_status():
    url = serve_once(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
    status, body, _started = soak.Client().request(url)
    assert (status, body) == (200, b"ok")
