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
* :func:`enable` puts one guard in front of that same private function,
  which every public factory of oslo.messaging calls, so that transports
  created by any code in the process are checked, and keeps it there
  whatever replaces the function later (a test's ``mock.patch`` that
  ends, ``importlib.reload``: see :class:`_GuardedModule`);
  :func:`disable` takes it away.

No per-thread or per-call marker exists: the drop-in never passes the
guard, so no interleaving of threads or greenthreads, and no order of
imports and ``eventlet.monkey_patch()``, can skip or repeat a check.
Either door reads the URL once: a ``TransportURL`` given by the caller is
copied before it is checked, and the copy is what oslo.messaging loads.
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

from oslo_messaging_support import exception
from oslo_messaging_support import opts
from oslo_messaging_support.service import compiled_loads
from oslo_messaging_support.service import configuration
from oslo_messaging_support.service import configured_transports
from oslo_messaging_support.service import urls

#: The library's logger; oslo.log names it ``oslo.messaging_support``.
LOG = logging.getLogger('oslo_messaging_support')

RPC = configured_transports.RPC
NOTIFICATIONS = configured_transports.NOTIFICATIONS
_RELEASE_OPTION = configuration.RELEASE_OPTION


def usage_of(transport_cls):
    """``'notifications'`` for a notification transport class, else rpc."""
    if isinstance(transport_cls, type) and issubclass(
            transport_cls, _om_transport.NotificationTransport):
        return NOTIFICATIONS
    return RPC


# -- Decide -------------------------------------------------------------------

def _point_of(release):
    """The evaluation point of ``evaluation_release``.

    :raises CalendarError: the value names no series; the message names
        the option
    """
    return configuration.release_point(_policy_engine().POLICY, release)


def _policy_engine():
    """The engine's module, loaded when a decision needs it.

    A service whose transports the compiled loads admit never loads it
    (see :func:`admitted`).
    """
    from oslo_messaging_support.engine import support
    return support


def admitted(conf, url, usage):
    """Whether the compiled loads let a transport through silently.

    ``True`` only when the engine would load it without a word: ``conf``
    applies the bundled policy as it is, the compiled record loads the
    driver (see :mod:`.compiled_loads`) and the library does not log at
    DEBUG (that line gives the engine's reason).

    :param conf: the ``ConfigOpts`` whose options apply
    :param url: an ``oslo_messaging.TransportURL``
    :param usage: ``'rpc'`` or ``'notifications'``
    """
    return (configuration.uses_bundled_policy(conf) and
            compiled_loads.loads(urls.driver_name(url), usage) and
            not LOG.isEnabledFor(std_logging.DEBUG))


# -- Warn or refuse -----------------------------------------------------------

def _category(tier):
    """The warning category of a driver of ``tier`` that loads."""
    from oslo_messaging_support.engine import tiers
    return {
        str(tiers.Tier.DEPRECATED): exception.DeprecatedDriverWarning,
        str(tiers.Tier.PROSPECTIVE): exception.ProspectiveDriverWarning,
        str(tiers.Tier.UNSUPPORTED):
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


def report(decision, context=None):
    """Warn and log about ``decision`` once per driver per process.

    The driver counts as reported only once its warning was emitted, so
    that under ``warnings.simplefilter('error')`` every creation raises.
    While one creation reports a driver, a concurrent creation of the same
    driver does not report it a second time.  No lock is held while the
    warning is emitted (a logging handler may yield to another greenthread).

    A test-only driver that loads is reported with one INFO line, and no
    warning: services' own test suites use it.

    :param decision: a decision whose action is ``warn``, or a test-only
        driver's that loads
    :param context: where the URL comes from and the series, for the
        line (see :func:`.messages.transport_context`), a callable that
        returns it (called only when the driver is reported), or ``None``
    :returns: ``True`` if this call reported it, ``False`` otherwise
    """
    key = (decision.driver, str(decision.tier))
    with _reports_lock:
        if key in _reported or key in _reporting:
            return False
        _reporting.add(key)
    try:
        from oslo_messaging_support.engine import messages
        from oslo_messaging_support.engine import tiers
        if callable(context):
            context = context()
        if decision.action != tiers.Action.WARN:
            LOG.info('%s', ' '.join(filter(None, (
                messages.test_only_text(decision), context))))
        else:
            text = ' '.join(filter(None, (
                messages.warning_text(decision), context,
                messages.silence_text(decision))))
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


#: The overlay changes already logged (driver, bundled tier, tier, path).
_announced = set()


def announce(change):
    """Log an overlay's change of a driver's tier, once per process.

    Whenever and however the overlay arrived (named before or after
    :func:`enable`, edited in place, added by a reloaded configuration
    file), the first decision it changes logs it at WARNING.

    :param change: an
        :class:`~oslo_messaging_support.engine.support.OverlayChange`
    :returns: ``True`` if this call logged it
    """
    key = (change.driver, str(change.bundled), str(change.tier),
           change.path)
    with _reports_lock:
        if key in _announced:
            return False
        _announced.add(key)
    LOG.warning('%s', exception.escape(change.sentence()))
    return True


def forget_reports():
    """Forget the drivers and overlay changes reported (for tests)."""
    with _reports_lock:
        _reported.clear()
        _reporting.clear()
        _announced.clear()


def _context(decision, where, shown_url=None, with_url=True):
    """The log line's ``(option = masked URL, at series X)``.

    :param where: the option, or a callable that returns it
    """
    from oslo_messaging_support.engine import messages
    if callable(where):
        where = where()
    series = decision.point.series.long_label
    if decision.point.guessed:
        series += ' (guessed from oslo.messaging %s)' % (
            decision.point.mapping.version)
    return messages.transport_context(
        where or 'transport URL',
        urls.masked(shown_url) if with_url else None, series)


def option_of(conf, given, usage):
    """The option a transport's URL was read from, for the log lines.

    :param conf: the ``ConfigOpts`` the transport is created with
    :param given: the URL oslo.messaging's factory was given (a string,
        ``None`` or a ``TransportURL``)
    :param usage: ``'rpc'`` or ``'notifications'``
    :returns: ``[DEFAULT] transport_url``, ``[oslo_messaging_notifications]
        transport_url``, or ``transport URL`` for one the code chose
    """
    if isinstance(given, _om_transport.TransportURL):
        return 'transport URL'
    if not given:
        return configured_transports.RPC_OPTION
    try:
        if usage == NOTIFICATIONS and given == conf[
                configured_transports.NOTIFICATIONS_GROUP].transport_url:
            return configured_transports.NOTIFICATIONS_OPTION
        if given == conf.transport_url:
            return configured_transports.RPC_OPTION
    except Exception:  # the options are not registered on this conf
        pass
    return 'transport URL'


def act(decision, shown_url, where=None):
    """Refuse, warn about or let through a transport.

    :param decision: the decision to act on
    :param shown_url: the URL as given (string, ``TransportURL`` or
        ``None``), for the log line; it is masked here
    :param where: the option holding the URL (see :func:`option_of`), or
        a callable that returns it, called only when a line is logged
    :returns: ``decision``
    :raises UnsupportedDriver: the decision refuses the driver
    """
    from oslo_messaging_support.engine import tiers
    if decision.overlay_change is not None:
        announce(decision.overlay_change)
    if decision.action == tiers.Action.REFUSE:
        error = exception.UnsupportedDriver(decision)
        LOG.error('%(error)s %(context)s',
                  {'error': error,
                   'context': _context(decision, where, shown_url)})
        raise error
    # the context is computed only for the line reported once per driver
    if decision.action == tiers.Action.WARN:
        report(decision, lambda: _context(decision, where, shown_url))
    elif decision.tier == tiers.Tier.TESTING:
        # no URL: a test suite's fake:// needs no masking
        report(decision,
               lambda: _context(decision, where, with_url=False))
    elif LOG.isEnabledFor(std_logging.DEBUG):
        LOG.debug('Transport driver %(driver)s for %(url)s: %(reason)s',
                  {'driver': decision.driver,
                   'url': urls.masked(shown_url),
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
    for group in (None, configured_transports.NOTIFICATIONS_GROUP):
        try:
            text = (conf[group] if group else conf).transport_url
            if text and isinstance(text, str) and \
                    urls.parse_url(conf, text) == url:
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
        if fallback is None and type(function) is not _Guard:
            fallback = function
    return fallback


def check(conf, url, usage, shown_url=None, where=None):
    """Apply the policy for a drop-in loader.

    The drop-in's own configuration decides; with :func:`enable` in force
    the configuration given to it decides too, and the stricter answer
    wins.

    :returns: the :class:`~oslo_messaging_support.Decision` acted on
    :raises UnsupportedDriver: the policy refuses the driver
    """
    decision = configuration.decide_transport(
        conf, urls.driver_name(url), usage)
    enabled = _enabled_conf
    if enabled is not None and enabled is not conf:
        from oslo_messaging_support.engine import rules
        decision = rules.stricter(decision, configuration.decide_transport(
            enabled, urls.driver_name(url), usage))
    return act(decision, shown_url if shown_url is not None else url,
               where)


def _load(conf, url, where, usage, allowed_remote_exmods, transport_cls):
    """Parse, check and create: what every drop-in loader does."""
    parsed = urls.parse_url(conf, url, where)
    if _pending is not None:
        _settle()
    enabled = _enabled_conf
    if not (admitted(conf, parsed, usage) and (
            enabled is None or enabled is conf or
            admitted(enabled, parsed, usage))):
        check(conf, parsed, usage, _source(conf, url), where)
    return _created(_oslo_messaging_get_transport(), conf, parsed, url,
                    allowed_remote_exmods, transport_cls)


def _created(create, conf, parsed, given, allowed_remote_exmods,
             transport_cls):
    """``create(...)``: the transport, made by oslo.messaging.

    oslo.messaging builds the driver from urllib's reading of the URL.
    When another reading puts a password where urllib sees a path or a
    query (a raw ``?`` in the credentials), an error of the driver may
    quote a piece of it: such an error becomes the masked
    :class:`urls.InvalidTransportURL`, with no chained cause.
    """
    try:
        return create(conf, parsed, allowed_remote_exmods,
                      transport_cls=transport_cls)
    except Exception as error:
        from oslo_messaging_support.service import masking
        shown = _source(conf, given)
        if not masking.has_other_readings(shown):
            raise
        failure = error
    raise urls.InvalidTransportURL('transport URL', shown, failure)


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
    :raises urls.InvalidTransportURL: the URL does not parse (an
        ``oslo_messaging.InvalidTransportURL`` and a ``ValueError``)
    """
    where = 'transport URL' if url else configured_transports.RPC_OPTION
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
    :raises urls.InvalidTransportURL: the URL does not parse
    """
    conf.register_opts(_om_notifier._notifier_opts,
                       group=configured_transports.NOTIFICATIONS_GROUP)
    where = 'transport URL'
    if url is None:
        url = conf.oslo_messaging_notifications.transport_url
        where = (configured_transports.NOTIFICATIONS_OPTION if url
                 else configured_transports.RPC_OPTION)
    return _load(conf, url, where, NOTIFICATIONS, allowed_remote_exmods,
                 _om_transport.NotificationTransport)


@removals.remove(message='use get_rpc_transport or '
                         'get_notification_transport')
def get_transport(conf, url=None, allowed_remote_exmods=None):
    """Deprecated in oslo.messaging: use :func:`get_rpc_transport`.

    Kept so that code still calling ``oslo_messaging.get_transport`` can
    swap the import alone; it warns as oslo.messaging's does.
    """
    where = 'transport URL' if url else configured_transports.RPC_OPTION
    return _load(conf, url, where, RPC, allowed_remote_exmods,
                 _om_transport.RPCTransport)


# -- enable() and disable() ---------------------------------------------------

_lock = threading.RLock()
#: The configuration given to enable(), or None: the guards are inert.
_enabled_conf = None
#: Whether the loss of the guard was logged since enable().
_loss_logged = False

#: The name of the function the guard stands in front of.
_HOOK = '_get_transport'


class _Guard:
    """Checks each transport against the policy of :func:`enable`'s conf.

    It stands in front of ``oslo_messaging.transport._get_transport`` (or
    whatever replaced it since: a test's mock, a wrapper), and calls it
    (``__wrapped__``) with the URL it checked, parsed once.  Inert while
    no configuration is enabled.
    """

    def __init__(self, wrapped):
        self.__wrapped__ = wrapped
        self.__name__ = _HOOK
        self.__doc__ = getattr(wrapped, '__doc__', None)

    def __call__(self, conf, url=None, allowed_remote_exmods=None,
                 transport_cls=_om_transport.RPCTransport):
        enabled = _enabled_conf
        if enabled is not None:
            if _pending is not None:
                _settle()
            given = url
            # a URL that does not parse raises urls.InvalidTransportURL, an
            # oslo_messaging.InvalidTransportURL and a ValueError as
            # oslo.messaging's own errors, but masked (oslo.messaging's
            # may quote a piece of the password)
            url = urls.parse_url(conf, url)
            usage = usage_of(transport_cls)
            if not admitted(enabled, url, usage):
                decision = configuration.decide_transport(
                    enabled, urls.driver_name(url), usage)
                act(decision, _source(conf, given),
                    lambda: option_of(conf, given, usage))
            return _created(self.__wrapped__, conf, url, given,
                            allowed_remote_exmods, transport_cls)
        return self.__wrapped__(conf, url, allowed_remote_exmods,
                                transport_cls=transport_cls)


def _covered(function):
    """Whether a guard of ours is ``function`` or what it says it wraps.

    By type, not ``isinstance``: a mock specified on a guard (a test's
    ``autospec=True``) passes ``isinstance`` but checks nothing.
    """
    return any(type(item) is _Guard for item in _chain(function))


def _cover(function):
    """``function``, behind a new guard unless one is already there."""
    return function if _covered(function) else _Guard(function)


def _current(module):
    """What ``module`` holds under the hook's name, past any property."""
    try:
        return vars(module)[_HOOK]
    except KeyError:
        raise AttributeError('module %r has no attribute %r'
                             % (module.__name__, _HOOK)) from None


class _GuardedModule(types.ModuleType):
    """The class of ``oslo_messaging.transport`` while enable() is in force.

    oslo.messaging's public factories reach ``_get_transport`` through
    the module: ``get_rpc_transport`` and ``get_notification_transport``
    read it as an attribute of the module object, and ``get_transport``
    reads it from the module's namespace.  The property below stands on
    both ways:

    * whatever is assigned to the attribute (a ``mock.patch`` that starts,
      or ends and puts back what it found; a wrapper) is stored behind a
      guard, unless it already wraps one;
    * reading the attribute finds a guard in front of what the namespace
      holds; a function written there behind the property's back
      (``importlib.reload``, which keeps the module's class) gets a guard
      again, with a WARNING.
    """

    @property
    def _get_transport(self):
        function = _current(self)
        if type(function) is _Guard or _covered(function):
            return function
        with _lock:
            function = _current(self)
            if _covered(function) or _enabled_conf is None:
                return function
            guard = _Guard(function)
            vars(self)[_HOOK] = guard
        LOG.warning('oslo_messaging.transport._get_transport was replaced '
                    'without the support policy\'s guard (by '
                    'importlib.reload() or a write to the module\'s '
                    'namespace); the guard is back in front of it.')
        return guard

    @_get_transport.setter
    def _get_transport(self, function):
        with _lock:
            vars(self)[_HOOK] = (_cover(function)
                                 if _enabled_conf is not None else function)

    @_get_transport.deleter
    def _get_transport(self):
        with _lock:
            del vars(self)[_HOOK]


def _install():
    """Put the guard in front of oslo.messaging's hook (under ``_lock``)."""
    module = _om_transport
    if type(module) is types.ModuleType:
        module.__class__ = _GuardedModule
    function = _current(module)
    if not _covered(function):
        vars(module)[_HOOK] = _Guard(function)


def _uninstall():
    """Take the guard away (under ``_lock``).

    A guard on top of the hook is taken away; one that something wrapped
    since (a test's ``mock.patch`` still in force) stays where it is,
    inert, and a later :func:`enable` makes it check again.
    """
    module = _om_transport
    if type(module) is _GuardedModule:
        module.__class__ = types.ModuleType
    function = vars(module).get(_HOOK)
    while type(function) is _Guard:
        function = function.__wrapped__
    if function is not None:
        vars(module)[_HOOK] = function


def _guard_in_force():
    """Whether every way into the hook passes a guard (under ``_lock``).

    With the module's class ours, reading the attribute always does; the
    namespace (``get_transport``'s way) is given a guard again if it lost
    it.  Without it, only a guard in the namespace is left.
    """
    module = _om_transport
    if type(module) is _GuardedModule:
        module._get_transport  # puts a lost guard back, with a WARNING
        return True
    return _covered(vars(module).get(_HOOK))


def _warn_about_release(configured):
    """Check ``evaluation_release`` now; say when it looks behind."""
    if not configured.release:
        return
    asked = _point_of(configured.release).series
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
    point = (_point_of(configured.release) if configured.release
             else None)
    for change in policy.overlay_changes(configured.overlay, point):
        announce(change)


def _is_parsed(conf):
    """Whether oslo.config has parsed ``conf``'s command line and files.

    oslo.config registers ``config_file`` when it parses and unregisters
    it when it is cleared.
    """
    try:
        return 'config_file' in conf
    except TypeError:  # not an oslo.config ConfigOpts
        return True


def _enabled_line(configured, parsed=True):
    """The INFO line of :func:`enable`, from the compiled record if it can.

    The engine is asked only when it is loaded anyway: an overlay, an
    ``evaluation_release``, or an installed series the record lacks.
    """
    from oslo_messaging_support.engine import messages
    from oslo_messaging_support.engine import versions
    label = compiled_loads.installed_label()
    if label is None:
        point = _policy_engine().POLICY.point()
        label = point.series.long_label
        if point.guessed:
            label += (' (guessed: the release calendar does not list this '
                      'version)')
    release = (_point_of(configured.release).series.long_label
               if configured.release else None)
    return messages.enabled_text(
        label, versions.installed_oslo_messaging_version(), release,
        configured.overlay and exception.escape(configured.overlay), parsed)


def _announce(conf, configured):
    """Check the options, then log what they change and what is wrong.

    :raises ManifestError: the overlay is invalid (the message names the
        option)
    :raises InputFileError: the overlay cannot be read (likewise)
    :raises CalendarError: ``evaluation_release`` names no series
    """
    from oslo_messaging_support.service import option_problems
    if configured.overlay or compiled_loads.installed_record() is None:
        # the first transport needs the engine's manifest: read it now
        # (an overlay, or YAML edited since it was compiled, is checked)
        configuration.load_overlay(_policy_engine().POLICY,
                                   configured.overlay)
    _warn_about_release(configured)
    _warn_about_overlay(configured)
    for line in option_problems.problems(conf, configured):
        LOG.warning('%s', line)


#: The enabled configuration whose options are still to be announced
#: (not parsed at enable(), or mutated since), or None.
_pending = None
_pending_lock = threading.Lock()


def _settle(raise_errors=True):
    """Announce the options of the enabled configuration once it is parsed.

    Called before the policy decides on a transport while something is
    pending.  A bad value raises (the first transport stops the service,
    naming the option) and stays pending, so that every later transport
    raises too; with ``raise_errors`` false (a mutate hook, which must not
    break ``mutate_config_files``) it is logged as an ERROR instead.
    """
    global _pending
    conf = _pending
    if conf is None or not _is_parsed(conf):
        return
    with _pending_lock:
        if _pending is not conf:
            return
        try:
            configured = configuration.read_configuration(conf)
            _announce(conf, configured)
            if configured.overlay or configured.release:
                LOG.info('%s', _enabled_line(configured))
        except exception.SupportPolicyError as error:
            if raise_errors:
                raise
            LOG.error('%s; every transport created from now on raises '
                      'this error until it is fixed.', error)
            return
        _pending = None


def _in_use_refused(conf):
    """Say which driver in use the new values would refuse.

    The drivers this process reported (warned about, or test-only) are
    decided again: those are the ones whose decision the settings can
    change.  A refused one stays loaded in the transports that have it.
    """
    from oslo_messaging_support.engine import messages
    from oslo_messaging_support.engine import tiers
    with _reports_lock:
        drivers = sorted({driver for driver, _ in _reported})
    for driver in drivers:
        try:
            decision = configuration.decide_transport(conf, driver)
        except exception.SupportPolicyError:
            return  # the next transport raises it
        if decision.action == tiers.Action.REFUSE:
            LOG.warning('The configuration changed: %s The transports that '
                        'already use it keep it until the service restarts.',
                        messages.refusal_text(decision))


def _mutated(conf, fresh):
    """Mutate hook: a changed option of the group is announced again.

    Transports created before keep their driver: oslo.messaging cannot
    swap it, and a driver in use that the new values refuse is named.
    Those created after are decided under the new values.
    """
    global _pending
    if conf is not _enabled_conf or not any(
            group == opts.GROUP for group, _ in fresh):
        return
    with _pending_lock:
        _pending = conf
    _settle(raise_errors=False)
    if _pending is None:
        _in_use_refused(conf)


def enable(conf):
    """Apply the policy to every transport the process creates from now on.

    Registers the ``[oslo_messaging_support]`` options on ``conf`` and
    reads them at once, so that a broken overlay or an unknown
    ``evaluation_release`` stops the service at start-up rather than at
    its first transport; logs one INFO line (the policy is on, the series
    and oslo.messaging version, the overlay), a WARNING for each driver
    whose tier the overlay changes and for each mistake in the options
    (an unknown option, a name in ``allowed_drivers`` that no driver has).

    Called before ``conf`` is parsed (a service whose argument parsing
    creates transports itself), it reads the options again at the first
    transport created once ``conf`` is parsed, announces them then, and a
    bad value raises there.  After ``mutate_config_files()`` changes an
    option of the group, the next transport likewise.

    Idempotent: calling it again switches to the new ``conf`` and never
    adds a second guard.  Thread-safe.

    :param conf: the service's configuration; its
        ``[oslo_messaging_support]`` options decide for every transport
    :type conf: oslo_config.cfg.ConfigOpts
    :raises ManifestError: the overlay file is invalid (the message names
        the option)
    :raises InputFileError: the overlay file cannot be read
    :raises CalendarError: ``evaluation_release`` names no series
    """
    global _enabled_conf, _loss_logged, _pending
    parsed = _is_parsed(conf)
    configured = configuration.read_configuration(conf)
    if parsed:
        _announce(conf, configured)
    LOG.info('%s', _enabled_line(configured, parsed))
    try:
        conf.register_mutate_hook(_mutated)
    except AttributeError:  # not an oslo.config ConfigOpts
        pass
    with _lock:
        _enabled_conf = conf
        with _pending_lock:
            _pending = None if parsed else conf
        _loss_logged = False
        _install()


def disable():
    """Undo :func:`enable`.  Idempotent and thread-safe.

    The guard is taken away when it is on top of oslo.messaging's hook;
    when something wrapped it since (a test's ``mock.patch``), it stays
    where it is, inert, and a later :func:`enable` makes it check again.
    """
    global _enabled_conf, _pending
    with _lock:
        _enabled_conf = None
        with _pending_lock:
            _pending = None
        _uninstall()


def is_enabled():
    """Whether :func:`enable` is in force.

    It is until :func:`disable`, whatever wraps or replaces
    ``oslo_messaging.transport._get_transport`` meanwhile (see
    :class:`_GuardedModule`).  Should the guard be lost all the same (the
    module's class set back and the hook replaced), this says ``False``
    and logs a WARNING, once.
    """
    global _loss_logged
    if _enabled_conf is None:
        return False
    with _lock:
        if _enabled_conf is None:
            return False
        if _guard_in_force():
            return True
        report = not _loss_logged
        _loss_logged = True
    if report:
        LOG.warning('The support policy\'s guard on oslo.messaging '
                    'transports was lost: oslo_messaging.transport.'
                    '_get_transport was replaced without it. Transports '
                    'are not checked until enable() is called again.')
    return False


# Found at import, when nothing (a test's mock) is likely to hide it.
_oslo_messaging_get_transport()
