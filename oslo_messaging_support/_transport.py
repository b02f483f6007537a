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
"""The path a transport takes: parse, decide, warn or refuse, create.

Two doors lead here, and the policy is checked exactly once behind each:

* the drop-in loaders (:func:`get_rpc_transport` and its siblings) parse
  the URL, decide, and then call oslo.messaging's own implementation,
  ``oslo_messaging.transport._get_transport`` as oslo.messaging defined it,
  never a public name (so ``oslo_messaging.get_rpc_transport =
  oslo_messaging_support.get_rpc_transport`` is safe) and never the guard;
* :func:`enable` puts one guard around that same private function, which
  every public factory of oslo.messaging calls, so that transports created
  by any code in the process are checked; :func:`disable` takes it away.

No per-thread or per-call marker exists: the drop-in never passes the
guard, so no interleaving of threads or greenthreads, and no order of
imports and ``eventlet.monkey_patch()``, can skip or repeat a check.
"""

import inspect
import logging as std_logging
import sys
import threading
import types

import debtcollector
from debtcollector import removals
from oslo_log import log as logging
from oslo_messaging.notify import notifier as _om_notifier
from oslo_messaging import transport as _om_transport

from oslo_messaging_support import _bundled_loads
from oslo_messaging_support import _configuration
from oslo_messaging_support import _service_config
from oslo_messaging_support import exception

#: The library's logger; oslo.log names it ``oslo.messaging_support``.
LOG = logging.getLogger('oslo_messaging_support')

RPC = _service_config.RPC
NOTIFICATIONS = _service_config.NOTIFICATIONS
_RELEASE_OPTION = _configuration.RELEASE_OPTION


# -- Parse --------------------------------------------------------------------

#: urllib's errors whose text never quotes the URL.
_FIXED_ERRORS = frozenset(['Invalid IPv6 URL', 'Port out of range 0-65535'])


def _mask(url):
    """``url`` with its passwords masked (the masking loads on demand)."""
    from oslo_messaging_support import _masking
    return _masking.mask_url(url)


def _escape(text):
    """Control characters escaped (the file reader's helper, on demand)."""
    from oslo_messaging_support import _files
    return _files.escape(text)


class InvalidTransportURL(_service_config.TransportURLError,
                          _om_transport.InvalidTransportURL):
    """A transport URL that oslo.messaging cannot parse.

    Both a :class:`~oslo_messaging_support.SupportPolicyError` (a
    ``ValueError``) and an ``oslo_messaging.InvalidTransportURL``, so that
    code catching what oslo.messaging raises keeps working.  The message is
    one line, names where the URL comes from and shows it masked; neither
    it nor :attr:`url` holds a password.

    :ivar url: the masked URL
    """

    def __init__(self, where, url, error):
        self.url = _mask(url)
        text = str(error)
        if isinstance(error, _om_transport.InvalidTransportURL) or \
                text in _FIXED_ERRORS:
            # oslo.messaging's and urllib's fixed sentences hold no URL
            problem = text
        else:
            # its other errors may quote a password: say what it was only
            problem = ("%s: a port that is not a number, a malformed IPv6 "
                       "address, or a ',', '/', '?' or '#' in a user name "
                       "or password that is not percent-encoded"
                       % type(error).__name__)
        ValueError.__init__(self, "%s: oslo.messaging cannot parse the "
                                  "transport URL '%s' (%s)"
                            % (where, _escape(self.url or ''),
                               _escape(problem)))

    def __str__(self):
        return self.args[0]


def _may_name_hosts(conf, url):
    """Whether oslo.messaging's parser may log the URL's host names.

    It warns when some hosts have credentials and others do not, which
    takes a ``,`` and an ``@`` in the URL.
    """
    if not url:
        try:
            conf.register_opts(_om_transport._transport_opts)
            url = conf.transport_url
        except Exception:  # the parser raises its own error
            return True
    return not isinstance(url, str) or (',' in url and '@' in url)


def parse_url(conf, url, where='transport URL'):
    """Parse a transport URL once, as oslo.messaging does.

    :param conf: the ``ConfigOpts`` the transport is created with
    :param url: a string, a ``TransportURL`` or ``None`` (then
        ``[DEFAULT] transport_url``)
    :param where: what the URL is, for the error message: the option it
        comes from or ``--url``
    :returns: an ``oslo_messaging.TransportURL``
    :raises InvalidTransportURL: it does not parse
    """
    if isinstance(url, _om_transport.TransportURL):
        return url
    try:
        if _may_name_hosts(conf, url):
            # oslo.messaging's warning about hosts with and without
            # credentials names pieces of a password split at a raw ','
            from oslo_messaging_support import _relayed
            with _relayed.masked_records(_relayed.OSLO_MESSAGING_TRANSPORT):
                return _om_transport.TransportURL.parse(conf, url)
        return _om_transport.TransportURL.parse(conf, url)
    except (_om_transport.InvalidTransportURL, ValueError) as error:
        failure = InvalidTransportURL(where, url or conf.transport_url,
                                      error)
    # raised outside the handler: oslo.messaging's error, whose text may
    # be a piece of the password, is not kept as the __context__
    raise failure from None


def driver_name(url):
    """The driver an oslo.messaging ``TransportURL`` loads.

    As oslo.messaging does, the scheme is cut at the first ``+``:
    ``kombu+amqp://`` loads ``kombu``.
    """
    return url.transport.split('+')[0]


def usage_of(transport_cls):
    """``'notifications'`` for a notification transport class, else rpc."""
    if isinstance(transport_cls, type) and issubclass(
            transport_cls, _om_transport.NotificationTransport):
        return NOTIFICATIONS
    return RPC


# -- Decide -------------------------------------------------------------------

def release_point(release):
    """The evaluation point of ``evaluation_release``.

    :raises CalendarError: the value names no series; the message names
        the option
    """
    return _configuration.release_point(_policy_engine().POLICY, release)


def decide(conf, url, usage):
    """The policy's decision on a parsed URL under ``conf``'s settings.

    Inside a service, ``evaluation_release`` may look ahead but never
    behind the installed oslo.messaging: the decision at the installed
    series applies too, and the stricter of the two wins (see
    :func:`._configuration.decide`, which also keeps the options' reads
    few on the warm path).

    :param conf: a ``ConfigOpts``; its ``[oslo_messaging_support]``
        options are read (and registered if need be)
    :param url: an ``oslo_messaging.TransportURL``
    :param usage: ``'rpc'`` or ``'notifications'``
    :returns: a :class:`~oslo_messaging_support.Decision`
    :raises ManifestError: the overlay is unreadable or invalid
    :raises CalendarError: ``evaluation_release`` names no series
    """
    return _configuration.decide(conf, driver_name(url), usage)


def _policy_engine():
    """The engine's module, loaded when a decision needs it.

    A service whose transports the compiled loads admit never loads it
    (see :func:`admitted`).
    """
    from oslo_messaging_support import _support_policy
    return _support_policy


def admitted(conf, url, usage):
    """Whether the compiled loads let a transport through silently.

    ``True`` only when the engine would load it without a word: ``conf``
    applies the bundled policy as it is, the compiled record loads the
    driver (see :mod:`._bundled_loads`) and the library does not log at
    DEBUG (that line gives the engine's reason).

    :param conf: the ``ConfigOpts`` whose options apply
    :param url: an ``oslo_messaging.TransportURL``
    :param usage: ``'rpc'`` or ``'notifications'``
    """
    return (_configuration.uses_bundled_policy(conf) and
            _bundled_loads.loads(driver_name(url), usage) and
            not LOG.isEnabledFor(std_logging.DEBUG))


# -- Warn or refuse -----------------------------------------------------------

def _category(tier):
    """The warning category of a driver of ``tier`` that loads."""
    from oslo_messaging_support import _tiers
    return {
        str(_tiers.Tier.DEPRECATED): exception.DeprecatedDriverWarning,
        str(_tiers.Tier.PROSPECTIVE): exception.ProspectiveDriverWarning,
        str(_tiers.Tier.UNSUPPORTED):
            exception.UnsupportedDriverAllowedWarning,
    }.get(str(tier), exception.DriverSupportWarning)


# Frames of these packages are skipped when the warning looks for the
# line it names: the service code that asked for the transport.
_INTERNAL = ('oslo_messaging_support', 'oslo_messaging', 'debtcollector')


def _caller_level():
    """debtcollector's own stacklevel for "the caller of deprecate()"."""
    return inspect.signature(
        debtcollector.deprecate).parameters['stacklevel'].default


_reports_lock = threading.Lock()
_reported = set()
_reporting = set()


def _is_internal(frame):
    module = frame.f_globals.get('__name__', '')
    return any(module == name or module.startswith(name + '.')
               for name in _INTERNAL)


def _stacklevel():
    """The ``stacklevel`` naming the first frame outside the libraries.

    Counted from the caller of this function, which calls
    ``debtcollector.deprecate``.
    """
    frame = sys._getframe(1)
    steps = 0
    while frame.f_back is not None and _is_internal(frame):
        frame = frame.f_back
        steps += 1
    return _caller_level() + steps


def report(decision):
    """Warn and log about ``decision`` once per driver per process.

    The driver counts as reported only once its warning was emitted, so
    that under ``warnings.simplefilter('error')`` every creation raises.
    While one creation reports a driver, a concurrent creation of the same
    driver does not report it a second time.  No lock is held while the
    warning is emitted (a logging handler may yield to another greenthread).

    :param decision: a decision whose action is ``warn``
    :returns: ``True`` if this call reported it, ``False`` otherwise
    """
    key = (decision.driver, str(decision.tier))
    with _reports_lock:
        if key in _reported or key in _reporting:
            return False
        _reporting.add(key)
    try:
        from oslo_messaging_support import _messages
        text = _messages.warning_text(decision)
        LOG.warning('%s', text)
        debtcollector.deprecate(text, stacklevel=_stacklevel(),
                                category=_category(decision.tier))
    except BaseException:
        with _reports_lock:
            _reporting.discard(key)
        raise
    with _reports_lock:
        _reporting.discard(key)
        _reported.add(key)
    return True


def forget_reports():
    """Forget which drivers were reported (for tests)."""
    with _reports_lock:
        _reported.clear()
        _reporting.clear()


def act(decision, shown_url):
    """Refuse, warn about or let through a transport.

    :param decision: the decision to act on
    :param shown_url: the URL as given (string, ``TransportURL`` or
        ``None``), for the log line; it is masked here
    :returns: ``decision``
    :raises UnsupportedDriver: the decision refuses the driver
    """
    from oslo_messaging_support import _tiers
    if decision.action == _tiers.Action.REFUSE:
        error = exception.UnsupportedDriver(decision)
        LOG.error('%(error)s (transport URL %(url)s)',
                  {'error': error, 'url': _mask(shown_url)})
        raise error
    if decision.action == _tiers.Action.WARN:
        report(decision)
    elif LOG.isEnabledFor(std_logging.DEBUG):
        LOG.debug('Transport driver %(driver)s for %(url)s: %(reason)s',
                  {'driver': decision.driver,
                   'url': _mask(shown_url),
                   'reason': decision.reason})
    return decision


def _source(conf, url):
    """The URL as given, for messages (none given: the option's value).

    A ``TransportURL`` is shown as the configured string it was parsed
    from, when one parses to it: its own fields may be pieces of a
    password, and are never printed (it is masked whole otherwise).
    """
    if isinstance(url, _om_transport.TransportURL):
        return _configured_string(conf, url) or url
    if url:
        return url
    try:
        return conf.transport_url
    except Exception:  # an option oslo.messaging failed to read itself
        return None


def _configured_string(conf, url):
    """The transport URL option of ``conf`` that parses to ``url``."""
    for group in (None, _service_config.NOTIFICATIONS_GROUP):
        try:
            text = (conf[group] if group else conf).transport_url
            if text and isinstance(text, str) and \
                    parse_url(conf, text) == url:
                return text
        except Exception:  # unset, unregistered or unparsable: not it
            continue
    return None


# -- Create: the drop-in loaders ----------------------------------------------

_implementation = None


def _is_genuine(function):
    """Whether ``function`` is oslo.messaging's own ``_get_transport``."""
    return (isinstance(function, types.FunctionType) and
            function.__name__ == '_get_transport' and
            function.__globals__ is vars(_om_transport))


def _wrapped(function):
    """What ``function`` calls, when it says so, or ``None``.

    ``__wrapped__`` for wrappers (``functools.wraps``, our guard), and the
    ``wraps`` target of a ``unittest.mock`` mock (a test's
    ``mock.patch(..., wraps=...)``).
    """
    inner = getattr(function, '__wrapped__', None)
    if inner is None and type(function).__module__ == 'unittest.mock':
        inner = vars(function).get('_mock_wraps')
    return inner


def _chain(function):
    """``function`` and what it wraps, outermost first."""
    for _ in range(32):
        if function is None:
            return
        yield function
        function = _wrapped(function)


def _oslo_messaging_get_transport():
    """oslo.messaging's own ``_get_transport``, found once.

    Found below any wrapper that says what it wraps (ours included).
    Should a mock hide it when this module is imported, the outermost
    callable that is not a guard of ours stands in, and nothing is
    remembered until the function itself can be seen.
    """
    global _implementation
    if _implementation is not None:
        return _implementation
    fallback = None
    for function in _chain(_om_transport._get_transport):
        if _is_genuine(function):
            _implementation = function
            return function
        if fallback is None and not isinstance(function, _Guard):
            fallback = function
    return fallback


def check(conf, url, usage, shown_url=None):
    """Apply the policy for a drop-in loader.

    The drop-in's own configuration decides; with :func:`enable` in force
    the configuration given to it decides too, and the stricter answer
    wins.

    :returns: the :class:`~oslo_messaging_support.Decision` acted on
    :raises UnsupportedDriver: the policy refuses the driver
    """
    decision = decide(conf, url, usage)
    enabled = _enabled_conf
    if enabled is not None and enabled is not conf:
        from oslo_messaging_support import _policy
        decision = _policy.stricter(decision, decide(enabled, url, usage))
    return act(decision, shown_url if shown_url is not None else url)


def _load(conf, url, where, usage, allowed_remote_exmods, transport_cls):
    """Parse, check and create: what every drop-in loader does."""
    parsed = parse_url(conf, url, where)
    enabled = _enabled_conf
    if not (admitted(conf, parsed, usage) and (
            enabled is None or enabled is conf or
            admitted(enabled, parsed, usage))):
        check(conf, parsed, usage, _source(conf, url))
    return _oslo_messaging_get_transport()(
        conf, parsed, allowed_remote_exmods, transport_cls=transport_cls)


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
    :raises InvalidTransportURL: the URL does not parse (an
        ``oslo_messaging.InvalidTransportURL`` and a ``ValueError``)
    """
    where = 'transport URL' if url else _service_config.RPC_OPTION
    return _load(conf, url, where, usage_of(transport_cls),
                 allowed_remote_exmods, transport_cls)


def get_notification_transport(conf, url=None, allowed_remote_exmods=None):
    """Create a notification transport, as oslo.messaging does.

    Same signature and return value as
    :func:`oslo_messaging.get_notification_transport`.

    Without a URL, ``[oslo_messaging_notifications] transport_url`` is
    used, then ``[DEFAULT] transport_url``, as oslo.messaging does.

    :returns: the ``oslo_messaging.transport.NotificationTransport`` that
        oslo.messaging creates
    :raises UnsupportedDriver: the policy refuses the driver
    :raises InvalidTransportURL: the URL does not parse
    """
    conf.register_opts(_om_notifier._notifier_opts,
                       group=_service_config.NOTIFICATIONS_GROUP)
    where = 'transport URL'
    if url is None:
        url = conf.oslo_messaging_notifications.transport_url
        where = (_service_config.NOTIFICATIONS_OPTION if url
                 else _service_config.RPC_OPTION)
    return _load(conf, url, where, NOTIFICATIONS, allowed_remote_exmods,
                 _om_transport.NotificationTransport)


@removals.remove(message='use get_rpc_transport or '
                         'get_notification_transport')
def get_transport(conf, url=None, allowed_remote_exmods=None):
    """Deprecated in oslo.messaging: use :func:`get_rpc_transport`.

    Kept so that code still calling ``oslo_messaging.get_transport`` can
    swap the import alone; it warns as oslo.messaging's does.
    """
    where = 'transport URL' if url else _service_config.RPC_OPTION
    return _load(conf, url, where, RPC, allowed_remote_exmods,
                 _om_transport.RPCTransport)


# -- enable() and disable() ---------------------------------------------------

_lock = threading.RLock()
#: The configuration given to enable(), or None: the guard is inert.
_enabled_conf = None
#: The guard enable() installed last, or None.
_guard = None


class _Guard:
    """Checks each transport against the policy of :func:`enable`'s conf.

    It stands where ``oslo_messaging.transport._get_transport`` was, and
    calls what it replaced (``__wrapped__``).  Inert while no
    configuration is enabled.
    """

    def __init__(self, wrapped):
        self.__wrapped__ = wrapped
        self.__name__ = '_get_transport'
        self.__doc__ = getattr(wrapped, '__doc__', None)

    def __call__(self, conf, url=None, allowed_remote_exmods=None,
                 transport_cls=_om_transport.RPCTransport):
        enabled = _enabled_conf
        if enabled is not None:
            given = url
            # a URL that does not parse raises InvalidTransportURL, an
            # oslo_messaging.InvalidTransportURL and a ValueError as
            # oslo.messaging's own errors, but masked (oslo.messaging's
            # may quote a piece of the password)
            url = parse_url(conf, url)
            usage = usage_of(transport_cls)
            if not admitted(enabled, url, usage):
                act(decide(enabled, url, usage), _source(conf, given))
        return self.__wrapped__(conf, url, allowed_remote_exmods,
                                transport_cls=transport_cls)


def _guard_reachable():
    """Whether the guard is in place, as far as can be seen.

    It is when it is on ``_get_transport`` or under a wrapper that says so
    (``__wrapped__``, a mock's ``wraps``).  When something else hides
    oslo.messaging's function (a mock that wraps nothing) it may still
    come back: it counts as in place.  It is gone when oslo.messaging's
    function is reachable without it.
    """
    if _guard is None:
        return False
    for function in _chain(_om_transport._get_transport):
        if function is _guard:
            return True
        if _is_genuine(function):
            return False
    return True


def _warn_about_release(configured):
    """Check ``evaluation_release`` now; say when it looks behind."""
    if not configured.release:
        return
    asked = release_point(configured.release).series
    installed = _policy_engine().POLICY.point().series
    if asked < installed:
        LOG.warning('%(option)s = %(asked)s is older than the installed '
                    'oslo.messaging\'s series %(installed)s; a driver that '
                    '%(installed)s refuses stays refused.',
                    {'option': _RELEASE_OPTION,
                     'asked': asked.long_label,
                     'installed': installed.long_label})


def _warn_about_overlay(configured):
    """One WARNING per driver whose tier the overlay changes."""
    if not configured.overlay:
        return
    policy = _policy_engine().POLICY
    point = (release_point(configured.release) if configured.release
             else None)
    for change in policy.overlay_changes(configured.overlay, point):
        LOG.warning('%s', _escape(change.sentence()))


def enable(conf):
    """Apply the policy to every transport the process creates from now on.

    Registers the ``[oslo_messaging_support]`` options on ``conf`` and
    reads them at once, so that a broken overlay or an unknown
    ``evaluation_release`` stops the service at start-up rather than at
    its first transport; logs a WARNING for each driver whose tier the
    overlay changes.  Idempotent: calling it again switches to the new
    ``conf`` and never adds a second guard.  Thread-safe.

    :param conf: the service's configuration; its
        ``[oslo_messaging_support]`` options decide for every transport
    :type conf: oslo_config.cfg.ConfigOpts
    :raises ManifestError: the overlay file is unreadable or invalid
    :raises CalendarError: ``evaluation_release`` names no series
    """
    global _enabled_conf, _guard
    configured = _configuration.read_configuration(conf)
    if configured.overlay or _bundled_loads.installed_record() is None:
        # the first transport needs the engine's manifest: read it now
        # (an overlay, or YAML edited since it was compiled, is checked)
        _policy_engine().POLICY.manifest(configured.overlay)
    _warn_about_release(configured)
    _warn_about_overlay(configured)
    with _lock:
        _enabled_conf = conf
        if not _guard_reachable():
            _guard = _Guard(_om_transport._get_transport)
            _om_transport._get_transport = _guard


def disable():
    """Undo :func:`enable`.  Idempotent and thread-safe.

    The guard is taken away when it is still on oslo.messaging's function;
    when something wrapped it since (a test's ``mock.patch``), it stays
    where it is, inert, and a later :func:`enable` makes it check again.
    """
    global _enabled_conf, _guard
    with _lock:
        _enabled_conf = None
        if _guard is not None and _om_transport._get_transport is _guard:
            _om_transport._get_transport = _guard.__wrapped__
            _guard = None


def is_enabled():
    """Whether :func:`enable` is in force."""
    return _enabled_conf is not None and _guard_reachable()


# Found at import, when nothing (a test's mock) is likely to hide it.
_oslo_messaging_get_transport()
