"""A real DNS server for the tests: UDP and TCP on one free loopback port, answering from a
zone dict, built on dnspython's message and wire functions.

A resolver pointed at it (`DnsServer.resolver()`) is an ordinary dnspython Resolver, so Pont's
lookups run unchanged. Names missing from the zone are NXDOMAIN; a name may instead hold a
`Fault`; and `DnsServer.fault` makes every answer fail at once (SILENT is a computer that is
not connected: nothing ever answers). An answer too big for UDP is sent truncated, and the
resolver asks again over TCP, as with a real server.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver
import dns.rrset

HOST = "127.0.0.1"
UDP_LIMIT = 512  # RFC 1035, for a query without EDNS
TCP_LIMIT = 65535


class Fault(Enum):
    NXDOMAIN = "nxdomain"  # the name does not exist (said by a server that answered)
    SERVFAIL = "servfail"  # the server failed (a router whose own line is down, say)
    SILENT = "silent"  # no answer at all: a timeout
    GARBAGE = "garbage"  # bytes that are no DNS message


Records = dict[str, list[str]]  # record type ("MX") -> record data as text ("10 mx.example.")
Zone = dict[str, Records | Fault]  # absolute name ("charity.example.") -> records, or a fault


@dataclass
class DnsServer:
    zone: Zone
    fault: Fault | None = None  # for every question, whatever the zone says
    queries: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type, udp|tcp)
    port: int = 0
    _stopping: threading.Event = field(default_factory=threading.Event)
    _sockets: list[socket.socket] = field(default_factory=list)

    def resolver(self, timeout: float = 1.0) -> dns.resolver.Resolver:
        """A resolver that asks only this server; `timeout` for each try."""
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [HOST]
        resolver.port = self.port
        resolver.timeout = timeout
        resolver.lifetime = timeout * 3
        return resolver

    def asked(self, name: str) -> bool:
        return any(asked == name for asked, _, _ in self.queries)

    def answer(self, wire: bytes, transport: str, limit: int) -> bytes | None:
        """The reply to one query's bytes; None to stay silent."""
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            return None
        if not query.question:
            return None
        question = query.question[0]
        name = question.name.to_text().casefold()
        kind = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, kind, transport))
        entry = self.fault or self.zone.get(name, Fault.NXDOMAIN)
        if entry is Fault.SILENT:
            return None
        if entry is Fault.GARBAGE:
            return wire[:2] + b"\xff" * 9
        response = dns.message.make_response(query)
        if entry is Fault.NXDOMAIN:
            response.set_rcode(dns.rcode.NXDOMAIN)
        elif entry is Fault.SERVFAIL:
            response.set_rcode(dns.rcode.SERVFAIL)
        elif kind in entry:
            response.answer.append(
                dns.rrset.from_text_list(question.name, 300, dns.rdataclass.IN, kind, entry[kind])
            )
        if transport == "udp" and query.edns >= 0:
            limit = max(query.payload, UDP_LIMIT)
        try:
            return response.to_wire(max_size=limit)
        except dns.exception.TooBig:  # the empty answer, marked truncated: ask over TCP
            truncated = dns.message.make_response(query)
            truncated.flags |= dns.flags.TC
            return truncated.to_wire(max_size=limit)

    def serve_udp(self, udp: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                wire, sender = udp.recvfrom(TCP_LIMIT)
            except TimeoutError:
                continue
            except OSError:
                return
            reply = self.answer(wire, "udp", UDP_LIMIT)
            if reply is not None:
                with contextlib.suppress(OSError):
                    udp.sendto(reply, sender)

    def serve_tcp(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self.serve_connection, args=(connection,), daemon=True).start()

    def serve_connection(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5.0)
            while not self._stopping.is_set():
                try:
                    size = int.from_bytes(_read_exactly(connection, 2), "big")
                    reply = self.answer(_read_exactly(connection, size), "tcp", TCP_LIMIT)
                except (OSError, EOFError):
                    return
                if reply is None:
                    continue  # silent: the client's own time limit ends it
                with contextlib.suppress(OSError):
                    connection.sendall(len(reply).to_bytes(2, "big") + reply)

    def start(self) -> DnsServer:
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        while True:  # one port free for both
            udp.bind((HOST, 0))
            self.port = udp.getsockname()[1]
            try:
                tcp.bind((HOST, self.port))
                break
            except OSError:
                udp.close()
                udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        tcp.listen(16)
        for served, loop in ((udp, self.serve_udp), (tcp, self.serve_tcp)):
            served.settimeout(0.1)
            self._sockets.append(served)
            threading.Thread(target=loop, args=(served,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        for served in self._sockets:
            served.close()


def _read_exactly(connection: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


@contextlib.contextmanager
def running_dns_server(zone: Zone) -> Iterator[DnsServer]:
    server = DnsServer(zone).start()
    try:
        yield server
    finally:
        server.stop()
