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

Each transport says where its URL came from (:attr:`ServiceTransport.source`):
a file and line, an ``OS_<GROUP>__<OPTION>`` environment variable, or
oslo.messaging's default.  A URL that interpolates an option the reader
does not know (``rabbit://u:p@$my_ip/``, ``my_ip`` being the service's
own option) is read with the reference left as it is and judged by its
scheme; only when the scheme itself comes from such a reference is that
an error, naming the file, the option and the reference.
"""

from oslo_config import cfg

from oslo_messaging_support.engine import records
from oslo_messaging_support.service import urls

#: ``usage`` of the transport created by ``get_rpc_transport``.
RPC = 'rpc'
#: ``usage`` of the transport created by ``get_notification_transport``.
NOTIFICATIONS = 'notifications'

NOTIFICATIONS_GROUP = 'oslo_messaging_notifications'
RPC_OPTION = '[DEFAULT] transport_url'
NOTIFICATIONS_OPTION = '[%s] transport_url' % NOTIFICATIONS_GROUP

#: Notification drivers that send nothing (oslo.messaging's ``noop``).
_SILENT_NOTIFICATION_DRIVERS = frozenset(['noop'])


class ServiceTransport(records.Record):
    """One transport a service would create.

    :ivar option: where the URL comes from, ``[DEFAULT] transport_url``,
        or ``--url`` for a URL given on the command line
    :ivar url: the URL as configured (it may hold a password: show
        :attr:`masked_url`, never this)
    :ivar usage: ``'rpc'`` or ``'notifications'``
    :ivar driver: the driver name oslo.messaging would load
    :ivar note: a sentence to add to the policy's reason, or ``None``
    :ivar source: where the URL comes from: ``FILE:LINE``, ``environment
        OS_...``, ``default`` or ``command line``; ``None`` if unknown
    """

    __slots__ = ('option', 'url', 'usage', 'driver', 'note', 'source')
    _defaults = {'note': None, 'source': None}
    # repr() never shows the URL: it may hold a password.
    _unshown = ('url',)

    @property
    def masked_url(self):
        """:attr:`url` with its passwords masked."""
        from oslo_messaging_support.service import masking
        return masking.mask_url(self.url)

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


#: How many unknown ``$name`` references one URL may hold.
_MAX_PLACEHOLDERS = 16


class _Unknown(Exception):
    """An interpolated ``$name`` no registered option answers."""

    def __init__(self, name, group):
        super().__init__(name)
        self.name = name
        self.group = group

    @property
    def reference(self):
        if self.group in (None, 'DEFAULT'):
            return '$%s' % self.name
        return '${%s.%s}' % (self.group, self.name)


def _group_name(group):
    name = getattr(group, 'name', group)
    return str(name) if name else 'DEFAULT'


def _get(conf, name, group=None):
    """An option's value; :class:`_Unknown` for an unknown reference.

    ``get_location`` substitutes the value as reading it does, but raises
    the error of the reference itself, where reading raises "no such
    option" for the option read.
    """
    try:
        conf.get_location(name, group)
    except cfg.NoSuchGroupError as exc:
        raise _Unknown(None, exc.group_name) from None
    except cfg.NoSuchOptError as exc:
        if exc.opt_name == name and _group_name(exc.group) == \
                _group_name(group):
            raise
        other, dot, option = str(exc.opt_name).partition('.')
        if dot:  # ${group.option}
            raise _Unknown(option, other) from None
        raise _Unknown(exc.opt_name, _group_name(exc.group)) from None
    return conf[group][name] if group else conf[name]


def _read_url(conf, name, group=None, placeholders=True):
    """An option's value, unknown ``$name`` references kept as written.

    :param placeholders: register a stand-in for each unknown option (its
        value in the files, if they set it, else the reference itself);
        without, an unknown reference is an error
    :returns: ``(value, [unknown references])``
    :raises TransportURLError: an unknown reference, without
        ``placeholders``; the message names the option and the reference
    """
    unknown = []
    for _ in range(_MAX_PLACEHOLDERS):
        try:
            return _get(conf, name, group), unknown
        except _Unknown as missing:
            where = ('[%s] %s' % (_group_name(group), name) +
                     _file_of(conf, name, group))
            if missing.name is None or not placeholders:
                raise urls.TransportURLError(
                    '%s: the URL refers to %s, which is not an option '
                    'this check knows; give the URL with --url to check '
                    'it' % (where, _reference(conf, name, group, missing)))\
                    from None
            stand_in = cfg.StrOpt(missing.name,
                                  default='$' + missing.reference)
            group_of = None if missing.group == 'DEFAULT' else missing.group
            conf.register_opt(stand_in, group=group_of)
            info = conf.get_location(missing.name, group_of)
            if info is None or info.location == cfg.Locations.opt_default:
                unknown.append(missing.reference)
    raise urls.TransportURLError('[%s] %s: too many unknown references'
                                 % (_group_name(group), name))


def _reference(conf, name, group, missing):
    """The unknown reference as written, ``${group.option}`` included."""
    if missing.name is not None:
        return missing.reference
    import re
    found = _setting(conf, name, group)
    written = re.search(r'\$\{%s\.[^}]*\}' % re.escape(missing.group),
                        found[2]) if found else None
    return written.group() if written else \
        'an option of [%s], a group' % missing.group


def _files_read(conf):
    """The files oslo.config read, in its order (the last one wins)."""
    import glob
    import os
    paths = list(getattr(conf, 'default_config_files', None) or [])
    for directory in getattr(conf, 'default_config_dirs', None) or []:
        paths.extend(sorted(glob.glob(os.path.join(glob.escape(directory),
                                                   '*.conf'))))
    return paths


def _setting(conf, name, group=None):
    """``(file, line number, line)`` that sets ``[group] name``, or None."""
    for path in reversed(_files_read(conf)):
        found = _line_of(path, name, group)
        if found is not None:
            return (path,) + found
    return None


def _file_of(conf, name, group=None):
    """`` in FILE`` read from the raw files, for a value that cannot be."""
    found = _setting(conf, name, group)
    return ' in %s' % found[0] if found else ''


def _line_of(path, name, group=None):
    """Where ``path`` sets ``[group] name`` last.

    :returns: ``(line number, line)``, or ``None``
    """
    from oslo_messaging_support.readers import bounded
    try:
        text = bounded.read_text(path)
    except Exception:
        return None
    wanted = _group_name(group)
    section = None
    found = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith('[') and stripped.endswith(']'):
            section = stripped[1:-1].strip()
        elif section == wanted and not line[:1].isspace():
            key = stripped.replace(':', '=', 1).split('=', 1)[0].strip()
            if key == name:
                found = (number, line)
    return found


def source(conf, name, group=None):
    """Where ``[group] name`` takes its value from, for the Source column.

    :returns: ``FILE:LINE`` (or ``FILE``), ``environment OS_...``,
        ``default``, or oslo.config's name of the location
    """
    try:
        info = conf.get_location(name, group)
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError):
        return None
    if info is None or info.location == cfg.Locations.opt_default:
        return 'default'
    if info.location == cfg.Locations.user and info.detail:
        # oslo.config names one file of several; the files say which.
        found = _setting(conf, name, group)
        return info.detail if found is None else '%s:%d' % found[:2]
    if info.location == cfg.Locations.environment:
        return 'environment %s' % info.detail
    return info.location.name.replace('_', ' ')


def _unknown_note(references):
    if not references:
        return None
    return ('(%s %s not an option this check knows, so the URL is judged '
            'by its scheme as written.)' % (
                ', '.join(references),
                'is' if len(references) == 1 else 'are'))


def _notes(*notes):
    text = ' '.join(note for note in notes if note)
    return text or None


def _is_set(conf, name, group=None):
    info = conf.get_location(name, group)
    return info is not None and info.location != cfg.Locations.opt_default


def configured_driver(conf, url, where='transport URL'):
    """The driver oslo.messaging loads for ``url``.

    The URL is parsed and its driver named by the loaders' own
    :func:`~oslo_messaging_support.service.urls.parse_url` and
    :func:`~oslo_messaging_support.service.urls.driver_name`, so that the
    check and the run time can never disagree.

    :param conf: a ``ConfigOpts`` with oslo.messaging's options registered
    :param url: the transport URL (a non-empty string)
    :param where: what the URL is, for the error message
    :returns: the driver name
    :raises TransportURLError: oslo.messaging cannot parse the URL; the
        message is one line, names ``where`` and masks the password
    """

    driver = urls.driver_name(urls.parse_url(conf, url, where))
    if '$' in driver:
        raise urls.TransportURLError(
            '%s: the driver comes from the reference %s, which is not an '
            'option this check knows; give the URL with --url to check it'
            % (where, driver))
    return driver


def _notifications_note(conf):
    drivers = [name for name in conf[NOTIFICATIONS_GROUP].driver or []
               if name]
    if drivers and not set(drivers) <= _SILENT_NOTIFICATION_DRIVERS:
        return None
    shown = ', '.join(drivers) if drivers else 'not set'
    return ('([%s] driver is %s, so the service sends no notifications, '
            'but oslo.messaging.get_notification_transport() still loads '
            'this driver.)' % (NOTIFICATIONS_GROUP, shown))


def find_transports(conf, placeholders=True):
    """The RPC and notification transports of a parsed configuration.

    :param conf: a parsed ``ConfigOpts`` (call
        :func:`register_messaging_opts` before parsing it)
    :param placeholders: read a URL that refers to an unknown option with
        the reference as written, registering a stand-in option on
        ``conf`` (the command line's own ``ConfigOpts``); without, such a
        URL is an error (a service's ``ConfigOpts`` is left as it is)
    :returns: a list of two :class:`ServiceTransport`, RPC first
    :raises TransportURLError: a URL does not parse; the message names the
        option and the file
    """
    register_messaging_opts(conf)
    rpc_url, rpc_unknown = _read_url(conf, 'transport_url',
                                     placeholders=placeholders)
    rpc_option = RPC_OPTION
    if not _is_set(conf, 'transport_url'):
        rpc_option += ' (default)'
    rpc_where = RPC_OPTION + _location(conf, 'transport_url')
    if not rpc_url:
        # TransportURL.parse() falls back to conf.transport_url, itself.
        raise urls.TransportURLError(
            '%s: oslo.messaging cannot parse the transport URL \'\': No '
            'scheme specified' % rpc_where)
    rpc_source = source(conf, 'transport_url')
    transports = [ServiceTransport(
        option=rpc_option, url=rpc_url, usage=RPC,
        driver=configured_driver(conf, rpc_url, rpc_where),
        note=_unknown_note(rpc_unknown), source=rpc_source)]

    notify_url, notify_unknown = _read_url(
        conf, 'transport_url', NOTIFICATIONS_GROUP,
        placeholders=placeholders)
    if notify_url:
        option = NOTIFICATIONS_OPTION
        where = NOTIFICATIONS_OPTION + _location(conf, 'transport_url',
                                                 NOTIFICATIONS_GROUP)
        notify_source = source(conf, 'transport_url', NOTIFICATIONS_GROUP)
    else:
        # get_notification_transport() passes the empty value on and
        # TransportURL.parse() replaces it with [DEFAULT] transport_url.
        option = '%s (unset: %s)' % (NOTIFICATIONS_OPTION, RPC_OPTION)
        notify_url, where = rpc_url, rpc_where
        notify_unknown, notify_source = rpc_unknown, rpc_source
    transports.append(ServiceTransport(
        option=option, url=notify_url, usage=NOTIFICATIONS,
        driver=configured_driver(conf, notify_url, where),
        note=_notes(_unknown_note(notify_unknown),
                    _notifications_note(conf)),
        source=notify_source))
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
    for option, usage, given in (('--url', RPC, rpc_urls),
                                 ('--notification-url', NOTIFICATIONS,
                                  notification_urls)):
        for url in given:
            if not url:
                raise urls.TransportURLError(
                    '%s: the transport URL is empty' % option)
            transports.append(ServiceTransport(
                option=option, url=url, usage=usage,
                driver=configured_driver(conf, url, option),
                source='command line'))
    return transports


def decisions(transports, policy, point=None, configured=None):
    """The decision a running service acts on, for each transport.

    The service's own rule,
    :meth:`~oslo_messaging_support.SupportPolicy.decide_in_service`: at
    ``point`` and at the installed series, the stricter wins, so that a
    series behind the installed one never makes a refusal look like a
    warning.

    :param transports: :class:`ServiceTransport` objects
    :param policy: a :class:`~oslo_messaging_support.SupportPolicy`
    :param point: an evaluation point, or ``None`` for the installed
        series alone
    :param configured: the ``ConfiguredPolicy`` of the service, or ``None``
    :returns: a list of ``(transport, decision)`` pairs
    :raises ManifestError: the overlay is unreadable or invalid
    """
    overlay = configured.overlay if configured else None
    settings = configured.settings if configured else None
    return [(transport,
             policy.decide_in_service(transport.driver, point, overlay,
                                      settings, transport.usage))
            for transport in transports]
