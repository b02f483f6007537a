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
"""The ``[oslo_messaging_support]`` options of a service's configuration.

:func:`decide_transport` reads as few options as it can (why: see the
contributor design page):

* at the first transport of each ``ConfigOpts`` (and again after
  ``mutate_config_files``, through a mutate hook), and whenever
  :func:`read_configuration` is called (``enable()`` does), every option
  is read and checked: a bad value stops the service there;
* for later transports, ``manifest_overlay`` and ``evaluation_release``
  (which can change any decision) are read each time, and the three
  settings only when the policy's rule for them can change the decision
  for that driver (it cannot for a supported driver, for example);
* before any of that, :func:`uses_bundled_policy` reads the same two
  options to tell whether the compiled loads (:mod:`.compiled_loads`) may
  answer without the engine.
"""

import threading
import weakref

from oslo_config import cfg

from oslo_messaging_support.engine import records
from oslo_messaging_support.engine import settings
from oslo_messaging_support import exception
from oslo_messaging_support import opts


class ConfiguredPolicy(records.Record):
    """What an operator's configuration says about the policy.

    :ivar settings: the :class:`~oslo_messaging_support.Settings`
    :ivar overlay: the overlay file's path, or ``None``
    :ivar release: the evaluation release set in the configuration, or
        ``None``
    """

    __slots__ = ('settings', 'overlay', 'release')
    _defaults = {'overlay': None, 'release': None}


def _foreign(name, problem):
    """The error for an option that other code defined otherwise."""
    return exception.SupportPolicyError(
        '[%s] %s %s: other code registered the option with another '
        'definition than oslo.messaging-support\'s (see '
        'oslo_messaging_support.opts), so what it says cannot be trusted.'
        % (opts.GROUP, name, problem))


def _register(conf):
    """Register the options on ``conf``; a clash is a policy error."""
    try:
        opts.register_opts(conf)
    except cfg.DuplicateOptError as error:
        raise _foreign(error.opt_name, 'is already registered') from None


def policy_group(conf):
    """The ``[oslo_messaging_support]`` group of ``conf``.

    Registers the options only when they are missing: registering clears
    oslo.config's value cache, which a service pays for on every read.
    """
    try:
        return conf[opts.GROUP]
    except (cfg.NoSuchOptError, cfg.NoSuchGroupError, KeyError):
        _register(conf)
        return conf[opts.GROUP]


def _value(conf, group, name):
    """One option of the group, registering the options if one is missing.

    :returns: ``(value, group)``, the group as it is after registration
    """
    try:
        return getattr(group, name), group
    except cfg.NoSuchOptError:
        _register(conf)
        group = conf[opts.GROUP]
        return getattr(group, name), group


def _typed(name, value, kind, what):
    """``value`` when it is ``None`` or a ``kind``, else a policy error.

    Other code may have registered the option first with another type: a
    ``StrOpt`` whose ``'false'`` would read as true, a ``ListOpt`` of
    ``allowed_drivers`` read as a string.
    """
    if value is None or isinstance(value, kind):
        return value
    raise _foreign(name, 'holds a %s, not %s' % (type(value).__name__, what))


def read_settings(group):
    """The operator's :class:`~oslo_messaging_support.Settings`.

    :raises SupportPolicyError: an option holds a value of another type
        than the library's option would (it was registered by other code)
    """
    allowed = _typed('allowed_drivers', group.allowed_drivers,
                     (list, tuple), 'a list')
    for item in allowed or ():
        _typed('allowed_drivers', item, str, 'a list of names')
    return settings.Settings(
        allow_unsupported=bool(_typed(
            'allow_unsupported_drivers', group.allow_unsupported_drivers,
            bool, 'a boolean')),
        allowed_drivers=frozenset(allowed or ()),
        strict=bool(_typed('strict_mode', group.strict_mode, bool,
                           'a boolean')))


def read_configuration(conf):
    """Read ``[oslo_messaging_support]`` from a service's ``ConfigOpts``.

    Registers the options on ``conf`` first if need be.  Every option is
    read, so that a bad value raises here; ``conf`` then counts as checked
    for :func:`decide_transport`.

    :returns: a :class:`ConfiguredPolicy`
    :raises SupportPolicyError: other code registered an option with
        another definition (its value is of another type)
    """
    group = policy_group(conf)
    overlay, group = _value(conf, group, 'manifest_overlay')
    release, group = _value(conf, group, 'evaluation_release')
    configured = ConfiguredPolicy(
        settings=read_settings(group),
        overlay=_typed('manifest_overlay', overlay, str, 'a path') or None,
        release=_typed('evaluation_release', release, str,
                       'a series') or None)
    _CHECKED.add(conf)
    return configured


def decide_transport(conf, name, usage=None, policy=None):
    """The decision for driver ``name`` under ``conf``'s options.

    The first call for a ``ConfigOpts`` (or the first after it mutated)
    reads and checks every option and loads the overlay; later calls read
    only the options that can change this decision (see the module
    documentation).

    :param conf: the ``ConfigOpts`` whose ``[oslo_messaging_support]``
        applies
    :param name: the driver name, from the transport URL
    :param usage: ``'rpc'``, ``'notifications'`` or ``None``
    :param policy: a :class:`~oslo_messaging_support.SupportPolicy`, the
        process-wide one by default
    :returns: the :class:`~oslo_messaging_support.Decision`
    :raises ManifestError: the overlay is unreadable or invalid
    :raises CalendarError: ``evaluation_release`` names no series
    """
    if policy is None:
        from oslo_messaging_support.engine import support
        policy = support.POLICY
    if not _CHECKED.has(conf):
        configured = read_configuration(conf)
        return _decide_at(policy, name, configured.release,
                          configured.overlay, configured.settings, usage)
    group = policy_group(conf)
    overlay, group = _value(conf, group, 'manifest_overlay')
    release, group = _value(conf, group, 'evaluation_release')
    overlay = overlay or None
    base = _decide_at(policy, name, release, overlay, _DEFAULT_SETTINGS,
                      usage)
    if not base.settings_matter:
        return base
    settings = read_settings(group)
    if settings == _DEFAULT_SETTINGS:
        return base
    return _decide_at(policy, name, release, overlay, settings, usage)


def uses_bundled_policy(conf):
    """Whether ``conf`` applies the bundled policy as it is.

    That is: its options were all read and checked (see
    :func:`decide_transport`), and it sets neither ``manifest_overlay``
    nor ``evaluation_release``, which are read now.  The operator's three
    settings are not read: the compiled loads (:mod:`.compiled_loads`)
    hold only what no setting changes.

    :param conf: a ``ConfigOpts``
    """
    if not _CHECKED.has(conf):
        return False
    group = policy_group(conf)
    overlay, group = _value(conf, group, 'manifest_overlay')
    if overlay:
        return False
    release, group = _value(conf, group, 'evaluation_release')
    return not release


#: The option that sets the evaluation release, for messages.
RELEASE_OPTION = '[%s] evaluation_release' % opts.GROUP
#: The option that names the overlay, for messages.
OVERLAY_OPTION = '[%s] manifest_overlay' % opts.GROUP


def _naming(error, option):
    """``error`` again, its message starting with the option it came from.

    Same class and attributes (a ``ManifestError`` keeps its path and
    line), so that callers catching it are not surprised.
    """
    named = type(error).__new__(type(error))
    named.__dict__.update(vars(error))
    named.args = ('%s: %s' % (option, error),)
    return named


def load_overlay(policy, overlay):
    """The manifest with ``overlay`` applied; an error names the option.

    :raises ManifestError: the overlay is invalid, its message starting
        with ``[oslo_messaging_support] manifest_overlay``
    :raises InputFileError: the overlay cannot be read, likewise
    """
    from oslo_messaging_support import exception
    try:
        return policy.manifest(overlay)
    except (exception.ManifestError, exception.InputFileError) as error:
        if not overlay or getattr(error, 'path', None) != overlay:
            raise  # the bundled manifest's own problem
        raise _naming(error, OVERLAY_OPTION) from None


def release_point(policy, release):
    """The evaluation point of ``evaluation_release``.

    :raises CalendarError: the value names no series; the message names
        the option
    """
    try:
        return policy.point(release)
    except exception.CalendarError as error:
        raise exception.CalendarError('%s = %s: %s' % (
            RELEASE_OPTION, exception.excerpt(release),
            exception.escape(str(error)))) from None


def _decide_at(policy, name, release, overlay, settings, usage):
    """The decision a service acts on, at ``release`` if one is set.

    See :meth:`~.support.SupportPolicy.decide_in_service`: a
    release may look ahead but never behind the installed series.
    """
    point = release_point(policy, release) if release else None
    from oslo_messaging_support import exception
    try:
        return policy.decide_in_service(name, point, overlay, settings,
                                        usage)
    except (exception.ManifestError, exception.InputFileError) as error:
        if not overlay or getattr(error, 'path', None) != overlay:
            raise
        raise _naming(error, OVERLAY_OPTION) from None


class _CheckedConfigurations:
    """The ``ConfigOpts`` whose options were all read and found valid.

    ``ConfigOpts`` objects are not hashable: they are kept by id, with a
    weak reference that forgets them when they go.  A mutate hook (the one
    change notification oslo.config gives) forgets a configuration that
    mutated, so that its next transport checks every option again.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._refs = {}

    def has(self, conf):
        ref = self._refs.get(id(conf))
        return ref is not None and ref() is conf

    def add(self, conf):
        if self.has(conf):
            return
        key = id(conf)

        def forget(_ref, key=key):
            self._refs.pop(key, None)

        try:
            conf.register_mutate_hook(_forget_mutated)
        except AttributeError:  # not an oslo.config ConfigOpts
            return
        with self._lock:
            self._refs[key] = weakref.ref(conf, forget)

    def discard(self, conf):
        with self._lock:
            ref = self._refs.get(id(conf))
            if ref is not None and ref() is conf:
                del self._refs[id(conf)]

    def clear(self):
        with self._lock:
            self._refs.clear()


def _forget_mutated(conf, fresh):
    """Mutate hook: check every option again at the next transport."""
    _CHECKED.discard(conf)


#: What a configuration that sets nothing says.
_DEFAULT_SETTINGS = settings.Settings()
_CHECKED = _CheckedConfigurations()


def clear():
    """Forget which configurations were checked."""
    _CHECKED.clear()
