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
"""The transports a service configuration makes oslo.messaging create.

A typical service (nova, cinder, neutron) calls, at start-up:

* ``oslo_messaging.get_rpc_transport(conf)``, which parses
  ``[DEFAULT] transport_url`` (default ``rabbit://``), for RPC;
* ``oslo_messaging.get_notification_transport(conf)``, which parses
  ``[oslo_messaging_notifications] transport_url`` and, when that is unset
  or empty, ``[DEFAULT] transport_url``, for notifications.

The notification transport is created, and its driver loaded, whatever
``[oslo_messaging_notifications] driver`` says: oslo.messaging only reads
that option when a ``Notifier`` is built, after the transport exists, and
services create the transport unconditionally.  So a ``noop`` (or no)
notification driver does not spare the transport's driver from the policy;
the reason then says that notifications are disabled.

The driver name is the URL scheme cut at the first ``+``, as
``oslo_messaging.transport._get_transport`` computes it.
"""

from oslo_config import cfg

from oslo_messaging_support import _record
from oslo_messaging_support import exception

#: ``usage`` of the transport created by ``get_rpc_transport``.
RPC = 'rpc'
#: ``usage`` of the transport created by ``get_notification_transport``.
NOTIFICATIONS = 'notifications'

NOTIFICATIONS_GROUP = 'oslo_messaging_notifications'
RPC_OPTION = '[DEFAULT] transport_url'
NOTIFICATIONS_OPTION = '[%s] transport_url' % NOTIFICATIONS_GROUP

#: Notification drivers that send nothing (oslo.messaging's ``noop``).
_SILENT_NOTIFICATION_DRIVERS = frozenset(['noop'])


class TransportURLError(exception.SupportPolicyError):
    """A transport URL that cannot be used: empty, or it does not parse.

    The message is one line; it names the option and masks the URL.
    """


class ServiceTransport(_record.Record):
    """One transport a service would create.

    :ivar option: where the URL comes from, ``[DEFAULT] transport_url``,
        or ``--url`` for a URL given on the command line
    :ivar url: the URL as configured (it may hold a password: show
        :attr:`masked_url`, never this)
    :ivar usage: ``'rpc'`` or ``'notifications'``
    :ivar driver: the driver name oslo.messaging would load
    :ivar note: a sentence to add to the policy's reason, or ``None``
    """

    __slots__ = ('option', 'url', 'usage', 'driver', 'note')
    _defaults = {'note': None}
    # repr() never shows the URL: it may hold a password.
    _unshown = ('url',)

    @property
    def masked_url(self):
        """:attr:`url` with its passwords masked."""
        from oslo_messaging_support import _masking
        return _masking.mask_url(self.url)

    def reason(self, decision):
        """The decision's message for this transport.

        Built from the decision and the configuration, never from the URL,
        so it holds no password and needs no masking.

        :param decision: the :class:`~oslo_messaging_support.Decision`
        :returns: one line
        """
        text = decision.message()
        if self.note:
            text = '%s %s' % (text, self.note)
        return text


def register_messaging_opts(conf):
    """Register oslo.messaging's own options on ``conf``.

    So that ``transport_url`` and the notification options parse the way
    the service parses them.  An option the service already registered
    (the same one, or its own variant) is left alone.

    :param conf: a ``ConfigOpts``
    """
    from oslo_messaging import opts as om_opts

    for group, options in om_opts.list_opts():
        for option in options:
            try:
                conf.register_opt(option, group=group)
            except cfg.DuplicateOptError:
                continue


def _location(conf, name, group=None):
    """`` in FILE`` when oslo.config knows which file set the option."""
    try:
        info = conf.get_location(name, group)
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
        return ''
    if info is None or info.location != cfg.Locations.user or \
            not info.detail:
        return ''
    return ' in %s' % info.detail


def _is_set(conf, name, group=None):
    info = conf.get_location(name, group)
    return info is not None and info.location != cfg.Locations.opt_default


def driver_name(conf, url, where='transport URL'):
    """The driver oslo.messaging loads for ``url``.

    The URL is parsed and its driver named by the loaders' own
    :func:`~oslo_messaging_support._transport.parse_url` and
    :func:`~oslo_messaging_support._transport.driver_name`, so that the
    check and the run time can never disagree.

    :param conf: a ``ConfigOpts`` with oslo.messaging's options registered
    :param url: the transport URL (a non-empty string)
    :param where: what the URL is, for the error message
    :returns: the driver name
    :raises TransportURLError: oslo.messaging cannot parse the URL; the
        message is one line, names ``where`` and masks the password
    """
    from oslo_messaging_support import _transport

    return _transport.driver_name(_transport.parse_url(conf, url, where))


def _notifications_note(conf):
    drivers = [name for name in conf[NOTIFICATIONS_GROUP].driver or []
               if name]
    if drivers and not set(drivers) <= _SILENT_NOTIFICATION_DRIVERS:
        return None
    shown = ', '.join(drivers) if drivers else 'not set'
    return ('([%s] driver is %s, so the service sends no notifications, '
            'but oslo.messaging.get_notification_transport() still loads '
            'this driver.)' % (NOTIFICATIONS_GROUP, shown))


def find_transports(conf):
    """The RPC and notification transports of a parsed configuration.

    :param conf: a parsed ``ConfigOpts`` (call
        :func:`register_messaging_opts` before parsing it)
    :returns: a list of two :class:`ServiceTransport`, RPC first
    :raises TransportURLError: a URL does not parse; the message names the
        option and the file
    """
    register_messaging_opts(conf)
    rpc_url = conf.transport_url
    rpc_option = RPC_OPTION
    if not _is_set(conf, 'transport_url'):
        rpc_option += ' (default)'
    rpc_where = RPC_OPTION + _location(conf, 'transport_url')
    if not rpc_url:
        # TransportURL.parse() falls back to conf.transport_url, itself.
        raise TransportURLError(
            '%s: oslo.messaging cannot parse the transport URL \'\': No '
            'scheme specified' % rpc_where)
    transports = [ServiceTransport(
        option=rpc_option, url=rpc_url, usage=RPC,
        driver=driver_name(conf, rpc_url, rpc_where))]

    notify_url = conf[NOTIFICATIONS_GROUP].transport_url
    if notify_url:
        option = NOTIFICATIONS_OPTION
        where = NOTIFICATIONS_OPTION + _location(conf, 'transport_url',
                                                 NOTIFICATIONS_GROUP)
    else:
        # get_notification_transport() passes the empty value on and
        # TransportURL.parse() replaces it with [DEFAULT] transport_url.
        option = '%s (unset: %s)' % (NOTIFICATIONS_OPTION, RPC_OPTION)
        notify_url, where = rpc_url, rpc_where
    transports.append(ServiceTransport(
        option=option, url=notify_url, usage=NOTIFICATIONS,
        driver=driver_name(conf, notify_url, where),
        note=_notifications_note(conf)))
    return transports


def given_transports(conf, rpc_urls=(), notification_urls=()):
    """Transports for URLs given outside the configuration files.

    :param conf: a ``ConfigOpts`` (only used to parse the URLs)
    :param rpc_urls: URLs evaluated as ``get_rpc_transport`` would load
        them
    :param notification_urls: URLs evaluated as
        ``get_notification_transport`` would load them
    :returns: a list of :class:`ServiceTransport`
    :raises TransportURLError: a URL does not parse
    """
    register_messaging_opts(conf)
    transports = []
    for option, usage, urls in (('--url', RPC, rpc_urls),
                                ('--notification-url', NOTIFICATIONS,
                                 notification_urls)):
        for url in urls:
            if not url:
                raise TransportURLError(
                    '%s: the transport URL is empty' % option)
            transports.append(ServiceTransport(
                option=option, url=url, usage=usage,
                driver=driver_name(conf, url, option)))
    return transports


def decide(transports, policy, point=None, configured=None):
    """The policy's decision for each transport.

    :param transports: :class:`ServiceTransport` objects
    :param policy: a :class:`~oslo_messaging_support.SupportPolicy`
    :param point: an evaluation point, or ``None`` for the default one
    :param configured: the ``ConfiguredPolicy`` of the service, or ``None``
    :returns: a list of ``(transport, decision)`` pairs
    :raises ManifestError: the overlay is unreadable or invalid
    """
    overlay = configured.overlay if configured else None
    settings = configured.settings if configured else None
    return [(transport, policy.decide(transport.driver, point, overlay,
                                      settings, transport.usage))
            for transport in transports]
