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
"""A small service, set up the way OpenStack services set themselves up.

oslo.config reads ``--config-file``, oslo.log writes the log file named
there, and oslo.messaging carries one RPC call and one notification.  With
``[service] mode = drop-in`` the service creates its transports with
oslo_messaging_support's loaders; with ``mode = enable`` it calls
``oslo_messaging_support.enable(CONF)`` once and then uses unmodified
oslo.messaging calls; with ``swap`` it assigns the drop-in loaders to
``oslo_messaging.get_rpc_transport`` and ``get_notification_transport``
(as a service adopting them in one line does) and calls those, and with
``swap-enable`` it does both; ``plain`` uses unmodified oslo.messaging
calls alone.  A transport that cannot be created stops
the service with one line on stderr and exit status 1, as a service's
start-up does.  ``--enable-before-parse`` (first on the command line) calls
``enable(CONF)`` before oslo.config parses the command line and files, as a
service whose argument parsing creates transports must.
"""

import sys
import threading
import uuid
import warnings

# The application's own choice, as services make it: oslo.messaging's
# imports print eventlet's deprecation notice otherwise.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')

from oslo_config import cfg  # noqa: E402
from oslo_log import log as logging  # noqa: E402
import oslo_messaging  # noqa: E402

import oslo_messaging_support  # noqa: E402

CONF = cfg.CONF
LOG = logging.getLogger('demo-service')

CONF.register_opts([
    cfg.StrOpt('mode', default='drop-in',
               choices=['drop-in', 'enable', 'swap', 'swap-enable',
                        'plain']),
], group='service')


class Endpoint:
    """Answers ``echo`` calls."""

    def echo(self, ctxt, value):
        return value


class NotificationEndpoint:
    """Records INFO notifications."""

    def __init__(self):
        self.received = threading.Event()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self.received.set()


def create_transports():
    if CONF.service.mode.startswith('swap'):
        # cinder.rpc's module calls messaging.get_rpc_transport: the
        # one-line adoption swaps the public factories in place
        oslo_messaging.get_rpc_transport = \
            oslo_messaging_support.get_rpc_transport
        oslo_messaging.get_notification_transport = \
            oslo_messaging_support.get_notification_transport
    if CONF.service.mode.endswith('enable'):
        oslo_messaging_support.enable(CONF)
    if CONF.service.mode != 'drop-in':
        return (oslo_messaging.get_rpc_transport(CONF),
                oslo_messaging.get_notification_transport(CONF))
    return (oslo_messaging_support.get_rpc_transport(CONF),
            oslo_messaging_support.get_notification_transport(CONF))


def exchange(rpc_transport, notification_transport):
    """One RPC round trip and one notification; raises on failure."""
    topic = 'demo-%s' % uuid.uuid4().hex
    target = oslo_messaging.Target(topic=topic, server='demo')
    server = oslo_messaging.get_rpc_server(
        rpc_transport, target, [Endpoint()], executor='threading')
    endpoint = NotificationEndpoint()
    listener = oslo_messaging.get_notification_listener(
        notification_transport, [oslo_messaging.Target(topic=topic)],
        [endpoint], executor='threading')
    server.start()
    listener.start()
    try:
        client = oslo_messaging.get_rpc_client(
            rpc_transport, oslo_messaging.Target(topic=topic), timeout=30)
        answer = client.call({}, 'echo', value='ping')
        notifier = oslo_messaging.Notifier(
            notification_transport, publisher_id='demo', driver='messaging',
            topics=[topic])
        notifier.info({}, 'demo.ping', {'value': 'ping'})
        if not endpoint.received.wait(30):
            raise RuntimeError('the notification did not arrive')
        return answer
    finally:
        for item in (server, listener):
            item.stop()
            item.wait()


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.register_options(CONF)
    try:
        if argv[:1] == ['--enable-before-parse']:
            del argv[0]
            oslo_messaging_support.enable(CONF)
        CONF(argv, project='demo-service')
        logging.setup(CONF, 'demo-service')
        rpc_transport, notification_transport = create_transports()
    except (oslo_messaging.DriverLoadFailure,
            oslo_messaging_support.SupportPolicyError) as exc:
        LOG.error('Cannot start: %s', exc)
        sys.stderr.write('demo-service: cannot start: %s\n' % exc)
        return 1
    try:
        answer = exchange(rpc_transport, notification_transport)
    finally:
        rpc_transport.cleanup()
        notification_transport.cleanup()
    LOG.info('RPC answer: %s', answer)
    print('answer: %s' % answer)
    return 0


if __name__ == '__main__':
    sys.exit(main())
