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
"""``oslo-messaging-support check``: the transports of a service.

The exit status follows oslo.upgradecheck: 0 when every transport's driver
loads, 1 when one of them loads with a warning (or is a test-only driver),
2 when one is refused or would fail to load because it is not installed
or does not import, and 255 for bad input, as every command.  Each row's
``Result`` is the status it contributes.
"""

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import support
from oslo_messaging_support.engine import tiers
from oslo_messaging_support.service import configured_transports
from oslo_messaging_support.service import option_problems

COLUMNS = ('Option', 'Usage', 'URL', 'Driver', 'Tier', 'Action',
           'Installed', 'Result', 'Source', 'Reason')

#: oslo.upgradecheck's name of each severity, the ``Result`` column.
RESULTS = ('success', 'warning', 'failure')


def _suggestion(policy, transport, decision, configured):
    """`` Did you mean 'kafka'?`` for a driver nobody knows, or ``''``."""
    if decision.tier != tiers.Tier.UNSUPPORTED or \
            policy.entry_points.get(transport.driver):
        return ''
    manifest = policy.manifest(configured.overlay if configured else None)
    if manifest.lookup(transport.driver) is not None:
        return ''
    names = list(manifest.names()) + list(policy.entry_points.table())
    found = _common.nearest(transport.driver, names)
    return " Did you mean '%s'?" % found if found else ''


def transport_rows(results, policy, configured=None):
    """One table row per ``(transport, decision)`` pair, and the status.

    :param results: ``(ServiceTransport, Decision)`` pairs
    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table says what is installed
    :param configured: the ``ConfiguredPolicy`` (for its overlay), or
        ``None``
    :returns: ``(rows, exit status)``: the status is the highest severity
        of :func:`~oslo_messaging_support.engine.installation.verdict` (2 for a
        driver that would load but is not installed or does not import,
        1 for a test-only one)
    """
    rows = []
    status = 0
    for transport, decision in results:
        severity, installed, reason = installation.verdict(
            policy, transport, decision)
        reason += _suggestion(policy, transport, decision, configured)
        status = max(status, severity)
        rows.append((transport.option, transport.usage,
                     transport.masked_url, transport.driver, decision.tier,
                     decision.action, installed, RESULTS[severity],
                     transport.source, reason))
    return rows, status


class Check(_common.SupportCommand):
    """Check the transports a service configuration would create.

    Reads the service's configuration as the service does (the files, and
    oslo.config's OS_<GROUP>__<OPTION> environment variables) and
    evaluates the driver of [DEFAULT] transport_url (RPC) and of
    [oslo_messaging_notifications] transport_url (notifications, falling
    back to [DEFAULT] transport_url), or the URLs given with --url and
    --notification-url, exactly as the running service decides.  Give
    the files with --config-file/--config-dir, or --project NAME to find
    them as the service does.  Exit status: 0 all load, 1 a warning or a
    test-only driver, 2 a refusal or a driver that is not installed or
    does not import, 255 bad input.  The table shows the usage, driver,
    tier, action, whether it is installed and the result; --long adds
    the option, the URL, where it comes from and the reason.
    """

    DEFAULT_COLUMNS = ('Usage', 'Driver', 'Tier', 'Action', 'Installed',
                       'Result')

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _common.add_evaluation_arguments(parser)
        parser.add_argument(
            '--url', action='append', default=[], metavar='URL',
            help='check this transport URL as an RPC transport '
                 '(get_rpc_transport) instead of the configured ones; '
                 'repeatable')
        parser.add_argument(
            '--notification-url', action='append', default=[],
            metavar='URL',
            help='check this transport URL as a notification transport '
                 '(get_notification_transport) instead of the configured '
                 'ones; repeatable')
        return parser

    def listing(self, parsed_args):
        given = parsed_args.url or parsed_args.notification_url
        conf, configured = self.configuration(
            parsed_args,
            register=configured_transports.register_messaging_opts,
            required=not given)
        # what a service's enable() warns about (an unknown option, a
        # misspelled allowed driver), on standard error: a warning
        problems = option_problems.problems(conf, configured)
        for line in problems:
            self.note(line)
        evaluated = _common.evaluated(parsed_args, configured, floor=True)
        if given:
            transports = configured_transports.given_transports(
                conf, parsed_args.url, parsed_args.notification_url)
        else:
            transports = configured_transports.find_transports(conf)
        policy = support.POLICY
        results = configured_transports.decisions(transports, policy,
                                                  evaluated.given, configured)
        rows, status = transport_rows(results, policy, configured)
        if problems:
            status = max(status, 1)
        return _common.Listing(COLUMNS, rows, status, evaluated)
