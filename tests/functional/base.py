# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.
"""Functional tests talk to a real RabbitMQ.

They skip, saying why, where no broker answers, unless
``OSLO_MESSAGING_SUPPORT_REQUIRE_BROKER=1`` (set by ``.ci/run``) makes a
missing broker a failure.
"""

import os
import socket
from urllib import parse

from tests import base

RABBIT_URL = os.environ.get('OSLO_MESSAGING_SUPPORT_RABBIT_URL',
                            'rabbit://guest:guest@127.0.0.1:5672/')


def broker_address():
    """``(host, port)`` of the test broker."""
    netloc = parse.urlsplit(RABBIT_URL.replace('rabbit://', 'http://'))
    return netloc.hostname or '127.0.0.1', netloc.port or 5672


def broker_problem():
    """Why the broker cannot be reached, or ``None`` when it can."""
    host, port = broker_address()
    try:
        with socket.create_connection((host, port), timeout=5):
            return None
    except OSError as exc:
        return 'no RabbitMQ answers on %s:%d (%s)' % (host, port, exc)


def established_connections(port):
    """TCP connections of this process to ``port`` (from /proc)."""
    inodes = set()
    for fd in os.listdir('/proc/self/fd'):
        try:
            target = os.readlink('/proc/self/fd/' + fd)
        except OSError:
            continue
        if target.startswith('socket:['):
            inodes.add(target[8:-1])
    count = 0
    for table in ('/proc/self/net/tcp', '/proc/self/net/tcp6'):
        try:
            with open(table) as stream:
                next(stream)
                for line in stream:
                    fields = line.split()
                    remote_port = int(fields[2].rsplit(':', 1)[1], 16)
                    if (remote_port == port and fields[3] == '01' and
                            fields[9] in inodes):
                        count += 1
        except OSError:
            continue
    return count


class BrokerTestCase(base.TestCase):
    """A test that needs the RabbitMQ broker."""

    def setUp(self):
        super().setUp()
        problem = broker_problem()
        if problem:
            if os.environ.get('OSLO_MESSAGING_SUPPORT_REQUIRE_BROKER') == '1':
                self.fail('RabbitMQ is required here: %s' % problem)
            self.skipTest(problem)
