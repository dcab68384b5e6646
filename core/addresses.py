"""The address `make run` serves on, as residents' browsers will name it.

Pure Python (no Django models): the development settings read it too.
"""

import socket

ALL_INTERFACES = {"0.0.0.0", "::", "[::]"}  # noqa: S104 - names, not a bind


def this_machine_address():
    """The address other machines reach this one at (no packet is sent: UDP connect)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def served_host_and_port(address):
    """ "0.0.0.0:8080" -> ("192.168.1.20", 8080); "127.0.0.1:8000" -> as it is."""
    host, _, port = address.rpartition(":")
    if not host:
        host, port = "127.0.0.1", address
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"Not an address with a port: {address!r} (e.g. 127.0.0.1:8000)")
    if host in ALL_INTERFACES:
        host = this_machine_address()
    return host.strip("[]"), int(port)
