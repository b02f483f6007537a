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
"""Drop-in replacements for oslo.messaging's transport factories.

Each applies the policy to the driver of the transport URL and then
returns exactly what oslo.messaging returns: the policy is checked once,
when the transport is created, and never on the per-message path.
"""

import contextlib
import logging
import threading

import oslo_messaging
from oslo_messaging.notify import notifier as _om_notifier
from oslo_messaging import transport as _om_transport

from oslo_messaging_support import _configuration
from oslo_messaging_support import _masking
from oslo_messaging_support import _notices
from oslo_messaging_support import _policy
from oslo_messaging_support import _support_policy
from oslo_messaging_support import exception

LOG = _notices.LOG

_checked = threading.local()


@contextlib.contextmanager
def already_checked():
    """Mark the transport created inside as checked by this library."""
    depth = getattr(_checked, 'depth', 0)
    _checked.depth = depth + 1
    try:
        yield
    finally:
        _checked.depth = depth


def is_already_checked():
    """Whether the current thread creates a transport already checked."""
    return getattr(_checked, 'depth', 0) > 0


def usage_of(transport_cls):
    """``'notifications'`` for a notification transport class, else rpc."""
    if isinstance(transport_cls, type) and issubclass(
            transport_cls, _om_transport.NotificationTransport):
        return 'notifications'
    return 'rpc'


def parse_url(conf, url):
    """Parse a transport URL once, as oslo.messaging does.

    :param url: a string, a ``TransportURL`` or ``None`` (then
        ``[DEFAULT] transport_url``)
    :returns: an ``oslo_messaging.TransportURL``
    :raises oslo_messaging.InvalidTransportURL: it does not parse
    """
    if isinstance(url, _om_transport.TransportURL):
        return url
    return _om_transport.TransportURL.parse(conf, url)


def driver_name(url):
    """The driver an oslo.messaging ``TransportURL`` loads.

    As oslo.messaging does, the scheme is cut at the first '+':
    ``kombu+amqp://`` loads ``kombu``.
    """
    return url.transport.split('+')[0]


def enforce(conf, url, usage, policy_conf=None):
    """Apply the policy to a parsed transport URL.

    Warns (once per driver per process) about a prospective, deprecated or
    allowed unsupported driver and refuses the others.

    :param conf: the ``ConfigOpts`` the transport is created with
    :param url: an ``oslo_messaging.TransportURL``
    :param usage: ``'rpc'`` or ``'notifications'``
    :param policy_conf: the ``ConfigOpts`` to read
        ``[oslo_messaging_support]`` from, ``conf`` by default
    :returns: the :class:`~oslo_messaging_support.Decision`
    :raises UnsupportedDriver: the policy refuses the driver
    :raises ManifestError: the operator's overlay is unreadable or invalid
    :raises CalendarError: ``evaluation_release`` names no series
    """
    name = driver_name(url)
    # Every option is read and checked at the first transport of each
    # configuration; later, only those that can change the decision.
    decision = _configuration.decide(policy_conf or conf, name, usage,
                                     _support_policy.POLICY)
    if decision.action == _policy.REFUSE:
        error = exception.UnsupportedDriver(decision)
        LOG.error('%(error)s (transport URL %(url)s)',
                  {'error': error, 'url': _masking.mask_url(url)})
        raise error
    if decision.action == _policy.WARN:
        _notices.report(decision)
    elif LOG.isEnabledFor(logging.DEBUG):
        LOG.debug('Transport driver %(driver)s for %(url)s: %(reason)s',
                  {'driver': name, 'url': _masking.mask_url(url),
                   'reason': decision.reason})
    return decision


def get_rpc_transport(conf, url=None, allowed_remote_exmods=None,
                      transport_cls=_om_transport.RPCTransport):
    """Create an RPC transport, as :func:`oslo_messaging.get_rpc_transport`.

    Same signature and return value; the driver is checked against the
    support policy first.

    :param conf: the service's configuration
    :type conf: oslo_config.cfg.ConfigOpts
    :param url: a transport URL (string or ``TransportURL``); default
        ``[DEFAULT] transport_url``
    :param allowed_remote_exmods: modules a client may deserialize remote
        exceptions from
    :param transport_cls: the transport class to instantiate
    :returns: the ``oslo_messaging.transport.RPCTransport`` that
        oslo.messaging creates
    :raises UnsupportedDriver: the policy refuses the driver (before it
        is loaded or connects)
    :raises oslo_messaging.InvalidTransportURL: the URL does not parse
    """
    parsed = parse_url(conf, url)
    enforce(conf, parsed, usage_of(transport_cls))
    with already_checked():
        return oslo_messaging.get_rpc_transport(
            conf, parsed, allowed_remote_exmods,
            transport_cls=transport_cls)


def get_notification_transport(conf, url=None, allowed_remote_exmods=None):
    """Create a notification transport, as oslo.messaging does.

    Same signature and return value as
    :func:`oslo_messaging.get_notification_transport`.

    Without a URL, ``[oslo_messaging_notifications] transport_url`` is
    used, then ``[DEFAULT] transport_url``, as oslo.messaging does.

    :returns: the ``oslo_messaging.transport.NotificationTransport`` that
        oslo.messaging creates
    :raises UnsupportedDriver: the policy refuses the driver
    """
    if url is None:
        conf.register_opts(_om_notifier._notifier_opts,
                           group='oslo_messaging_notifications')
        url = conf.oslo_messaging_notifications.transport_url
    parsed = parse_url(conf, url)
    enforce(conf, parsed, 'notifications')
    with already_checked():
        return oslo_messaging.get_notification_transport(
            conf, parsed, allowed_remote_exmods)


def get_transport(conf, url=None, allowed_remote_exmods=None):
    """Deprecated in oslo.messaging: use :func:`get_rpc_transport`.

    Kept so that code still calling ``oslo_messaging.get_transport`` can
    swap the import alone; it warns exactly as oslo.messaging's does.
    """
    parsed = parse_url(conf, url)
    enforce(conf, parsed, 'rpc')
    with already_checked():
        return oslo_messaging.get_transport(conf, parsed,
                                            allowed_remote_exmods)
