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
"""An oslo.upgradecheck check of the service's messaging drivers.

A service adds it to its ``<service>-status upgrade check`` with one
line::

    from oslo_messaging_support import upgradecheck as messaging_check

    class Checks(upgradecheck.UpgradeCommands):
        _upgrade_checks = (
            messaging_check.upgrade_check(CONF),
        )

The check evaluates the transports the service would create (see
``oslo-messaging-support check``, which decides the same way, as the
running service does, and gives the same reasons) and returns
``Code.SUCCESS`` when every driver loads, ``Code.WARNING`` when one is
deprecated or prospective (the reason names the series that may remove
it) or is a test-only driver, which drops every message, or when the
installed oslo.messaging is newer than every release the bundled release
calendar lists (its series is then a guess), and ``Code.FAILURE`` when
one is removed or refused, is not installed or does not import.  The
details always say the series and the oslo.messaging version it
evaluated at, and whether the series was given or guessed.

The series it evaluates at is, in this order: the ``release`` argument,
``[oslo_messaging_support] evaluation_release``, else the series of the
installed oslo.messaging, which is the target series when the check runs,
as upgrade checks do, with the new code installed before the services
restart.  As in the running service, the installed series applies too
and the stricter decision wins.

oslo.upgradecheck is imported when the check runs, not when this module
is imported: it is not a requirement of the library.
"""

from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import release_calendar
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import versions
from oslo_messaging_support import exception
from oslo_messaging_support.service import configuration
from oslo_messaging_support.service import configured_transports
from oslo_messaging_support.service import relayed

#: The name of the check in the results table.
NAME = 'Messaging drivers'

#: oslo.upgradecheck's code for each severity of a transport (the
#: ``Action.severity`` of its decision, see
#: :func:`~oslo_messaging_support.engine.installation.verdict`).
_CODES = ('SUCCESS', 'WARNING', 'FAILURE')


def check_messaging_drivers(upgrade_commands, conf, release=None,
                            date=None):
    """The check, as an ``UpgradeCommands._upgrade_checks`` function.

    oslo.upgradecheck calls it as ``func(self, **kwargs)``.

    :param upgrade_commands: the ``UpgradeCommands`` instance (unused)
    :param conf: the service's parsed ``ConfigOpts``
    :param release: the target series (``'2027.1'``, ``'indri'``), or
        ``None`` (see the module documentation)
    :param date: the date to evaluate at (``YYYY-MM-DD``), or ``None``
    :returns: an ``oslo_upgradecheck.upgradecheck.Result``
    """
    from oslo_upgradecheck import upgradecheck

    try:
        results, evaluated = _evaluate_conf(conf, release, date)
    except (exception.SupportPolicyError, ValueError) as exc:
        # oslo.config's value errors quote the value: masked
        return upgradecheck.Result(
            upgradecheck.Code.FAILURE,
            'The messaging drivers could not be checked: %s'
            % relayed.exception_text(exc))
    worst = 0
    lines = []
    policy = support.POLICY
    for transport, decision, usages in _merge_fallback(results):
        severity, _, reason = installation.verdict(policy, transport,
                                                   decision)
        worst = max(worst, severity)
        if severity:
            lines.append('%s (%s, for %s): %s' % (
                transport.option, transport.masked_url,
                ' and '.join(usages), reason))
    note = release_calendar.age_note(
        policy.calendar, versions.installed_oslo_messaging_version())
    if note is not None:
        # The calendar is older than the installed oslo.messaging.
        worst = max(worst, 1)
        lines.append('Note: %s%s.' % (note[0].upper(), note[1:]))
    code = getattr(upgradecheck.Code, _CODES[worst])
    details = evaluated.line()
    if lines:
        details = '%s %s' % (details, ' '.join(lines))
    return upgradecheck.Result(code, details)


def _merge_fallback(results):
    """``(transport, decision, usages)``, one per distinct verdict.

    A notification transport that falls back to ``[DEFAULT]
    transport_url`` and gets the same verdict as the RPC one is told once.
    """
    merged = []
    for transport, decision in results:
        if merged and transport.usage == configured_transports.NOTIFICATIONS:
            first, first_decision, usages = merged[0]
            if first.url == transport.url and \
                    first_decision.message() == decision.message() and \
                    first_decision.action == decision.action:
                usages.append(transport.usage)
                continue
        merged.append((transport, decision, [transport.usage]))
    return merged


def _evaluate_conf(conf, release, date):
    """The running service's decisions, and what they were judged at.

    :returns: ``(results, Evaluated)``
    """
    from oslo_messaging_support.cmd import _evaluation

    configured = configuration.read_configuration(conf)
    configured_transports.register_messaging_opts(conf)
    policy = support.POLICY
    if configured.release and not release:
        # Named as the service names it when the value is bad.
        configuration.release_point(policy, configured.release)
    evaluated = _evaluation.resolve(
        release or None, date, configured.release, floor=True,
        release_basis=_evaluation.Basis.ARGUMENT)
    # The service's own ConfigOpts: no stand-in options are added to it.
    transports = configured_transports.find_transports(
        conf, placeholders=False)
    decisions = configured_transports.decisions(
        transports, policy, evaluated.given, configured)
    return decisions, evaluated


def upgrade_check(conf, release=None, date=None, name=NAME):
    """An ``UpgradeCommands._upgrade_checks`` entry, in one call.

    :param conf: the service's ``ConfigOpts`` (``cfg.CONF``); it is read
        when the check runs, after oslo.upgradecheck parsed it
    :param release: the target series, or ``None``
    :param date: the date to evaluate at, or ``None``
    :param name: the check's name in the results
    :returns: ``(name, (check_messaging_drivers, kwargs))``
    """
    return (name, (check_messaging_drivers,
                   {'conf': conf, 'release': release, 'date': date}))
