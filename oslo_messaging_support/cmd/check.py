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
loads, 1 when one of them loads with a warning, 2 when one is refused or
would fail to load because it is not installed (and 2 for bad input, as
every command).
"""

from oslo_messaging_support.cmd import _common
from oslo_messaging_support.engine import installation
from oslo_messaging_support.engine import support
from oslo_messaging_support.service import configured_transports

COLUMNS = ('Option', 'URL', 'Driver', 'Tier', 'Action', 'Installed',
           'Reason')


def transport_rows(results, policy):
    """One table row per ``(transport, decision)`` pair, and the status.

    :param results: ``(ServiceTransport, Decision)`` pairs
    :param policy: the :class:`~oslo_messaging_support.SupportPolicy`
        whose entry point table says what is installed
    :returns: ``(rows, exit status)``: the status is the highest severity
        of :func:`~oslo_messaging_support.engine.installation.verdict` (2 for a
        driver that would load but is not installed)
    """
    rows = []
    status = 0
    for transport, decision in results:
        severity, installed, reason = installation.verdict(
            policy, transport, decision)
        status = max(status, severity)
        rows.append((transport.option, transport.masked_url,
                     transport.driver, decision.tier, decision.action,
                     installed, reason))
    return rows, status


class Check(_common.SupportCommand):
    """Check the transports a service configuration would create.

    Reads the service's configuration files as the service does and
    evaluates the driver of [DEFAULT] transport_url (RPC) and of
    [oslo_messaging_notifications] transport_url (notifications, falling
    back to [DEFAULT] transport_url), or the URLs given with --url and
    --notification-url.  Exit status: 0 all load, 1 a warning, 2 a
    refusal, a driver that is not installed, or bad input.
    """

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
        conf, configured = _common.load_configuration(
            parsed_args,
            register=configured_transports.register_messaging_opts)
        point = _common.evaluation_point(parsed_args, configured)
        if parsed_args.url or parsed_args.notification_url:
            transports = configured_transports.given_transports(
                conf, parsed_args.url, parsed_args.notification_url)
        else:
            transports = configured_transports.find_transports(conf)
        policy = support.POLICY
        results = configured_transports.decide(transports, policy, point,
                                               configured)
        rows, status = transport_rows(results, policy)
        return _common.Listing(COLUMNS, rows, status)
